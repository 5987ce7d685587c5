//! Throttling of failed logins, with a lockout that grows with every further
//! failure. Three counters, so that an attacker cannot lock a victim out
//! from elsewhere, nor spread guesses thin:
//!
//! - per account **and** client address: 5 failures free;
//! - per account, whatever the address: 20 free (guessing from many
//!   addresses);
//! - per client address: 50 free (one address trying many accounts).
//!
//! The client address is known only when a trusted source gives it (the
//! connection, or a forwarded header behind a configured proxy; see
//! `platform::server::ClientIp`); without one all callers share the
//! "unknown" address.
//!
//! Counters live in Redis, shared by every replica, and in this process
//! too: every failure is counted in both, and the larger count decides. So
//! a Redis that fails, or is emptied, cannot switch the throttle off: each
//! process still locks out after the same number of failures it saw
//! itself. Redis increments and expires each counter in one transaction.
//!
//! Keys are derived from the identifier the client typed (not the account
//! id), so an unknown email is throttled exactly like a known one and the
//! throttle reveals nothing about which accounts exist, and they are
//! namespaced by environment, token issuer and database, so two stacks that
//! share a Redis do not share counters.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use platform::cache::Cache;

/// Failures allowed per account and client address before lockouts start.
pub const PAIR_FREE_FAILURES: i64 = 5;
/// Failures allowed per account from all addresses together.
pub const ACCOUNT_FREE_FAILURES: i64 = 20;
/// Failures allowed per client address (an address may serve many users).
pub const IP_FREE_FAILURES: i64 = 50;
/// How long failures are remembered.
pub const WINDOW: Duration = Duration::from_secs(15 * 60);
/// The first lockout; each further failure doubles it, up to [`MAX_LOCKOUT`].
pub const FIRST_LOCKOUT: Duration = Duration::from_secs(30);
/// The longest an account or address is locked out.
pub const MAX_LOCKOUT: Duration = Duration::from_secs(15 * 60);

/// The lockout after `failures` failures with `free` allowed.
pub fn lockout_after(failures: i64, free: i64) -> Option<Duration> {
    if failures < free {
        return None;
    }
    let doublings = (failures - free).min(16) as u32;
    Some((FIRST_LOCKOUT * 2u32.pow(doublings)).min(MAX_LOCKOUT))
}

/// One counter in this process: failures, when the window started, and
/// the end of its lockout.
#[derive(Clone, Copy)]
struct Local {
    failures: i64,
    since: Instant,
    locked_until: Option<Instant>,
}

/// Counts failed logins per account and address, per account and per
/// address, in Redis (shared by every replica) and in this process.
pub struct LoginThrottle {
    cache: Cache,
    /// Prefix of every Redis key: `shop:<environment>:<issuer>:login`.
    namespace: String,
    local: Mutex<HashMap<String, Local>>,
}

impl LoginThrottle {
    /// A throttle counting in `cache` and in-process, its Redis keys under
    /// `namespace` (see [`LoginThrottle::namespace`]).
    pub fn new(cache: Cache, namespace: String) -> Self {
        Self {
            cache,
            namespace,
            local: Mutex::new(HashMap::new()),
        }
    }

    /// The namespace for a stack: its environment and token issuer.
    pub fn namespace(production: bool, issuer: &str) -> String {
        let environment = if production {
            "production"
        } else {
            "development"
        };
        format!("shop:{environment}:{issuer}:login")
    }

    fn keys(&self, identifier: &str, ip: Option<&str>) -> [(String, i64); 3] {
        use sha2::Digest;
        let digest = |s: &str| -> String {
            sha2::Sha256::digest(s.as_bytes())
                .iter()
                .take(16)
                .map(|b| format!("{b:02x}"))
                .collect()
        };
        let account = digest(&identifier.to_lowercase());
        let ip = digest(ip.unwrap_or("unknown"));
        let ns = &self.namespace;
        [
            (format!("{ns}:pair:{account}:{ip}"), PAIR_FREE_FAILURES),
            (format!("{ns}:acct:{account}"), ACCOUNT_FREE_FAILURES),
            (format!("{ns}:ip:{ip}"), IP_FREE_FAILURES),
        ]
    }

    /// `Some(seconds)` when a login for `identifier` from `ip` must wait.
    pub async fn locked_for(&self, identifier: &str, ip: Option<&str>) -> Option<u64> {
        let mut longest = None;
        for (key, _) in self.keys(identifier, ip) {
            let local = self
                .local
                .lock()
                .ok()
                .and_then(|local| local.get(&key).copied())
                .and_then(|entry| entry.locked_until)
                .and_then(|until| until.checked_duration_since(Instant::now()))
                .map(|d| d.as_secs().max(1));
            let shared = self.cache.ttl_secs(&format!("{key}:lock")).await;
            longest = longest.max(local).max(shared);
        }
        longest
    }

    /// Counts a failure; returns the lockout it starts, in seconds, if any.
    pub async fn record_failure(&self, identifier: &str, ip: Option<&str>) -> Option<u64> {
        let mut longest = None;
        for (key, free) in self.keys(identifier, ip) {
            let local = {
                let Ok(mut local) = self.local.lock() else {
                    continue;
                };
                let entry = local.entry(key.clone()).or_insert(Local {
                    failures: 0,
                    since: Instant::now(),
                    locked_until: None,
                });
                if entry.since.elapsed() > WINDOW {
                    *entry = Local {
                        failures: 0,
                        since: Instant::now(),
                        locked_until: None,
                    };
                }
                entry.failures += 1;
                entry.failures
            };
            let shared = self
                .cache
                .incr_with_ttl(&format!("{key}:fails"), WINDOW)
                .await
                .unwrap_or(0);
            if let Some(lockout) = lockout_after(local.max(shared), free) {
                self.cache.set(&format!("{key}:lock"), "1", lockout).await;
                if let Ok(mut local) = self.local.lock()
                    && let Some(entry) = local.get_mut(&key)
                {
                    entry.locked_until = Some(Instant::now() + lockout);
                }
                longest = longest.max(Some(lockout.as_secs()));
            }
        }
        longest
    }

    /// A successful login clears the failures of this account from this
    /// address (not the account's or the address's totals).
    pub async fn record_success(&self, identifier: &str, ip: Option<&str>) {
        let [(pair, _), _, _] = self.keys(identifier, ip);
        self.cache.delete(&format!("{pair}:fails")).await;
        if let Ok(mut local) = self.local.lock() {
            local.remove(&pair);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lockouts_start_after_the_free_failures_and_double_up_to_a_cap() {
        assert_eq!(lockout_after(4, 5), None);
        assert_eq!(lockout_after(5, 5), Some(Duration::from_secs(30)));
        assert_eq!(lockout_after(6, 5), Some(Duration::from_secs(60)));
        assert_eq!(lockout_after(7, 5), Some(Duration::from_secs(120)));
        assert_eq!(lockout_after(100, 5), Some(MAX_LOCKOUT));
    }

    fn namespace() -> String {
        format!("shop:test:{}:login", uuid::Uuid::new_v4().simple())
    }

    #[tokio::test]
    async fn without_redis_the_process_counts_failures_itself() {
        let throttle = LoginThrottle::new(Cache::disabled(), namespace());
        for _ in 0..4 {
            assert_eq!(throttle.record_failure("Ada@example.com", None).await, None);
        }
        assert_eq!(throttle.locked_for("ada@example.com", None).await, None);
        assert_eq!(
            throttle.record_failure("ada@example.com", None).await,
            Some(30)
        );
        assert!(
            throttle.locked_for("ADA@example.com", None).await.is_some(),
            "identifiers are case-insensitive"
        );
        assert_eq!(throttle.locked_for("bob@example.com", None).await, None);
    }

    #[tokio::test]
    async fn a_victim_keeps_logging_in_from_their_own_address() {
        let throttle = LoginThrottle::new(Cache::disabled(), namespace());
        for _ in 0..PAIR_FREE_FAILURES {
            throttle
                .record_failure("ada@example.com", Some("203.0.113.9"))
                .await;
        }
        assert!(
            throttle
                .locked_for("ada@example.com", Some("203.0.113.9"))
                .await
                .is_some()
        );
        assert_eq!(
            throttle
                .locked_for("ada@example.com", Some("198.51.100.7"))
                .await,
            None,
            "the attacker's failures do not lock the victim's address"
        );
        // Guessing from many addresses locks the account everywhere.
        for i in 0..ACCOUNT_FREE_FAILURES {
            throttle
                .record_failure("bob@example.com", Some(&format!("192.0.2.{i}")))
                .await;
        }
        assert!(
            throttle
                .locked_for("bob@example.com", Some("198.51.100.7"))
                .await
                .is_some()
        );
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn when_redis_dies_mid_run_the_lockout_still_comes_after_the_same_failures() {
        let redis: std::net::SocketAddr = "127.0.0.1:6379".parse().unwrap();
        let proxy = platform::testing::TcpProxy::start(redis).await.unwrap();
        let cache = Cache::connect(
            Some(&format!("redis://{}", proxy.addr())),
            "user",
            "in-process counters",
        )
        .await;
        assert!(cache.is_enabled(), "Redis must run for this test");
        let throttle = LoginThrottle::new(cache.clone(), namespace());
        for _ in 0..2 {
            assert_eq!(throttle.record_failure("ada@example.com", None).await, None);
        }
        proxy.cut();
        for _ in 0..2 {
            assert_eq!(throttle.record_failure("ada@example.com", None).await, None);
        }
        assert_eq!(
            throttle.record_failure("ada@example.com", None).await,
            Some(30),
            "the fifth failure locks, Redis or not"
        );
        assert!(throttle.locked_for("ada@example.com", None).await.is_some());
        assert!(cache.failure_count() > 0, "Redis really was gone");
    }
}
