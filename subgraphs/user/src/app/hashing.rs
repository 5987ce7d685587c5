//! Password hashing with Argon2id at OWASP's parameters (m=19456 KiB, t=2,
//! p=1), in PHC string format.
//!
//! Hashing is deliberately slow and memory-hungry, so it runs on the blocking
//! pool behind a semaphore: a burst of logins queues up instead of starving
//! the async runtime or exhausting memory. The queue is bounded too: when
//! [`QUEUE_PER_PERMIT`] callers per permit already wait, the next one gets
//! `RATE_LIMITED` at once instead of a place at the back of a line that
//! would outlast its deadline.
//!
//! Each hash allocates a 19 MiB block. glibc's malloc raises its mmap
//! threshold to the size of the largest block freed, so after the first hash
//! these blocks came from per-thread heap arenas and stayed resident there:
//! the service grew by about 19 MiB for every blocking thread that had ever
//! hashed (455 MB after 80 hashes). [`release_hash_memory`] pins the
//! threshold, so every hash's block is mapped for the hash and unmapped
//! after it.

use std::sync::Arc;

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher as _, PasswordVerifier as _, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use tokio::sync::Semaphore;

use crate::error::{Error, Result};

#[derive(Clone)]
/// Argon2id password hashing, run on the blocking pool and bounded by a
/// semaphore so that a burst of logins cannot starve the runtime.
pub struct PasswordHasher {
    /// Bounds concurrent hashes; each holds ~19 MiB and a core.
    permits: Arc<Semaphore>,
    /// Bounds the hashes running and waiting together.
    queue: Arc<Semaphore>,
    /// Hashes and verifications run so far, for tests and the benchmark.
    count: Arc<std::sync::atomic::AtomicU64>,
    params: Params,
    /// A valid hash of a random password, verified when the account does not
    /// exist so that the response takes as long as a wrong password.
    dummy_hash: Arc<String>,
}

/// The result of checking a password.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verification {
    /// The password does not match the hash.
    Mismatch,
    /// The password matches the hash.
    Match,
    /// The password matched, but the hash uses other parameters: store this
    /// new hash instead.
    MatchNeedsRehash(String),
}

/// How many callers may wait per running hash before new ones are refused:
/// at about 40 ms a hash on two permits, the last waits under half a second.
pub const QUEUE_PER_PERMIT: usize = 8;

/// Blocks this large are mapped on allocation and returned to the system
/// on free (glibc's `M_MMAP_THRESHOLD`, fixed instead of adaptive).
const MMAP_THRESHOLD: i32 = 4 << 20;

/// Makes glibc return each hash's memory block to the system when the hash
/// is done (see the module documentation). Idempotent.
pub fn release_hash_memory() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        #[cfg(all(target_os = "linux", target_env = "gnu"))]
        // SAFETY: mallopt only changes allocator tuning; it is called before
        // any hash, and glibc serialises it with allocations.
        #[allow(unsafe_code)]
        unsafe {
            libc::mallopt(libc::M_MMAP_THRESHOLD, MMAP_THRESHOLD);
        }
    });
}

impl PasswordHasher {
    /// A hasher running at most `concurrency` hashes at once.
    pub fn new(concurrency: usize) -> anyhow::Result<Self> {
        release_hash_memory();
        let params = Params::new(19_456, 2, 1, None).map_err(|e| anyhow::anyhow!("{e}"))?;
        let dummy_hash = hash_blocking(&params, "not-a-real-password-0123456789")?;
        let concurrency = concurrency.max(1);
        Ok(Self {
            permits: Arc::new(Semaphore::new(concurrency)),
            queue: Arc::new(Semaphore::new(concurrency * (QUEUE_PER_PERMIT + 1))),
            count: Arc::default(),
            params,
            dummy_hash: Arc::new(dummy_hash),
        })
    }

    /// The PHC string of `password` with a fresh salt.
    pub async fn hash(&self, password: &str) -> Result<String> {
        let params = self.params.clone();
        let password = password.to_string();
        self.run(move || hash_blocking(&params, &password).map_err(Error::Internal))
            .await
    }

    /// Checks `password` against a PHC string.
    pub async fn verify(&self, password: &str, phc: &str) -> Result<Verification> {
        let params = self.params.clone();
        let password = password.to_string();
        let phc = phc.to_string();
        self.run(move || {
            let parsed = PasswordHash::new(&phc)
                .map_err(|e| Error::Internal(anyhow::anyhow!("stored hash is malformed: {e}")))?;
            if argon2()
                .verify_password(password.as_bytes(), &parsed)
                .is_err()
            {
                return Ok(Verification::Mismatch);
            }
            let current = Params::try_from(&parsed).ok();
            let outdated = parsed.algorithm.as_str() != "argon2id"
                || parsed.version != Some(Version::V0x13 as u32)
                || current
                    .as_ref()
                    .map(|p| (p.m_cost(), p.t_cost(), p.p_cost()))
                    != Some((params.m_cost(), params.t_cost(), params.p_cost()));
            if outdated {
                Ok(Verification::MatchNeedsRehash(
                    hash_blocking(&params, &password).map_err(Error::Internal)?,
                ))
            } else {
                Ok(Verification::Match)
            }
        })
        .await
    }

    /// Spends the time of one verification for an account that does not exist.
    pub async fn verify_dummy(&self, password: &str) {
        let dummy = self.dummy_hash.clone();
        let _ = self.verify(password, &dummy).await;
    }

    /// How many hashes and verifications have run.
    pub fn count(&self) -> u64 {
        self.count.load(std::sync::atomic::Ordering::Relaxed)
    }

    async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> Result<T> + Send + 'static,
    ) -> Result<T> {
        // A full queue answers at once: the caller may retry in a second.
        let Ok(_place) = self.queue.clone().try_acquire_owned() else {
            tracing::warn!("password hashing queue is full; refusing");
            return Err(Error::RateLimited(1));
        };
        self.count
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|e| Error::Internal(e.into()))?;
        tokio::task::spawn_blocking(work)
            .await
            .map_err(|e| Error::Internal(e.into()))?
    }
}

fn argon2() -> Argon2<'static> {
    Argon2::default()
}

fn hash_blocking(params: &Params, password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    let hasher = Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone());
    Ok(hasher
        .hash_password(password.as_bytes(), &salt)
        .map_err(|e| anyhow::anyhow!("{e}"))?
        .to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_are_argon2id_phc_strings_with_owasp_parameters() {
        let hasher = PasswordHasher::new(1).unwrap();
        let hash = hasher.hash("correct horse").await.unwrap();
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
        assert_eq!(
            hasher.verify("correct horse", &hash).await.unwrap(),
            Verification::Match
        );
        assert_eq!(
            hasher.verify("wrong horse", &hash).await.unwrap(),
            Verification::Mismatch
        );
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_full_queue_refuses_at_once_instead_of_waiting() {
        let hasher = PasswordHasher::new(1).unwrap();
        let capacity = QUEUE_PER_PERMIT + 1;
        let many: Vec<_> = (0..capacity + 5)
            .map(|_| {
                let hasher = hasher.clone();
                tokio::spawn(async move { hasher.hash("correct horse").await })
            })
            .collect();
        let mut refused = 0;
        for task in many {
            match task.await.unwrap() {
                Ok(_) => {}
                Err(Error::RateLimited(1)) => refused += 1,
                Err(other) => panic!("unexpected {other:?}"),
            }
        }
        assert!(refused >= 5, "only {refused} refused");
        assert_eq!(hasher.count() as usize, capacity + 5 - refused);
        // Once the queue drains, hashing works again.
        assert!(hasher.hash("correct horse").await.is_ok());
    }

    #[tokio::test]
    async fn a_hash_with_old_parameters_is_replaced_after_a_successful_login() {
        let hasher = PasswordHasher::new(1).unwrap();
        let weak = hash_blocking(&Params::new(8, 1, 1, None).unwrap(), "correct horse").unwrap();
        match hasher.verify("correct horse", &weak).await.unwrap() {
            Verification::MatchNeedsRehash(new) => assert!(new.contains("m=19456,t=2,p=1")),
            other => panic!("expected a rehash, got {other:?}"),
        }
    }
}
