//! Throttling of failed logins, per account and per client IP, with a lockout
//! that grows with every further failure.
//!
//! Counters live in Redis, so every replica of the service sees the same
//! numbers. Without Redis each process keeps its own counters: an attacker
//! spreading attempts over N replicas gets N times the budget, which is the
//! documented price of running without Redis.
//!
//! Keys are derived from the identifier the client typed (not the account
//! id), so an unknown email is throttled exactly like a known one and the
//! throttle reveals nothing about which accounts exist.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use platform::cache::Cache;

/// Failures allowed per account identifier before lockouts start.
pub const ACCOUNT_FREE_FAILURES: i64 = 5;
/// Failures allowed per IP before lockouts start (an IP may serve many users).
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

/// Counts failed logins per account and per client IP, in Redis when it is
/// there (shared by every replica), otherwise in this process.
pub struct LoginThrottle {
    cache: Cache,
    /// Fallback when Redis is absent: key -> (failures, window start, locked until).
    local: Mutex<HashMap<String, (i64, Instant, Option<Instant>)>>,
}

impl LoginThrottle {
    /// A throttle counting in `cache`, or in-process when it is disabled.
    pub fn new(cache: Cache) -> Self {
        Self {
            cache,
            local: Mutex::new(HashMap::new()),
        }
    }

    fn keys(identifier: &str, ip: Option<&str>) -> Vec<(String, i64)> {
        use sha2::Digest;
        let digest = |s: &str| -> String {
            sha2::Sha256::digest(s.as_bytes())
                .iter()
                .take(16)
                .map(|b| format!("{b:02x}"))
                .collect()
        };
        let mut keys = vec![(
            format!("shop:login:acct:{}", digest(&identifier.to_lowercase())),
            ACCOUNT_FREE_FAILURES,
        )];
        if let Some(ip) = ip {
            keys.push((format!("shop:login:ip:{}", digest(ip)), IP_FREE_FAILURES));
        }
        keys
    }

    /// `Some(seconds)` when a login for `identifier` from `ip` must wait.
    pub async fn locked_for(&self, identifier: &str, ip: Option<&str>) -> Option<u64> {
        let mut longest = None;
        for (key, _) in Self::keys(identifier, ip) {
            let remaining = if self.cache.is_enabled() {
                self.cache.ttl_secs(&format!("{key}:lock")).await
            } else {
                let local = self.local.lock().ok()?;
                local
                    .get(&key)
                    .and_then(|(_, _, until)| {
                        until.and_then(|u| u.checked_duration_since(Instant::now()))
                    })
                    .map(|d| d.as_secs().max(1))
            };
            longest = longest.max(remaining);
        }
        longest
    }

    /// Counts a failure; returns the lockout it starts, in seconds, if any.
    pub async fn record_failure(&self, identifier: &str, ip: Option<&str>) -> Option<u64> {
        let mut longest = None;
        for (key, free) in Self::keys(identifier, ip) {
            let failures = if self.cache.is_enabled() {
                self.cache
                    .incr_with_ttl(&format!("{key}:fails"), WINDOW)
                    .await
            } else {
                let mut local = self.local.lock().ok()?;
                let entry = local
                    .entry(key.clone())
                    .or_insert((0, Instant::now(), None));
                if entry.1.elapsed() > WINDOW {
                    *entry = (0, Instant::now(), None);
                }
                entry.0 += 1;
                Some(entry.0)
            };
            if let Some(lockout) = failures.and_then(|f| lockout_after(f, free)) {
                if self.cache.is_enabled() {
                    self.cache.set(&format!("{key}:lock"), "1", lockout).await;
                } else if let Ok(mut local) = self.local.lock()
                    && let Some(entry) = local.get_mut(&key)
                {
                    entry.2 = Some(Instant::now() + lockout);
                }
                longest = longest.max(Some(lockout.as_secs()));
            }
        }
        longest
    }

    /// A successful login clears the account's failures (not the IP's).
    pub async fn record_success(&self, identifier: &str) {
        let (key, _) = Self::keys(identifier, None).remove(0);
        if self.cache.is_enabled() {
            self.cache.delete(&format!("{key}:fails")).await;
        } else if let Ok(mut local) = self.local.lock() {
            local.remove(&key);
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

    #[tokio::test]
    async fn without_redis_the_process_counts_failures_itself() {
        let throttle = LoginThrottle::new(Cache::disabled());
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
}
