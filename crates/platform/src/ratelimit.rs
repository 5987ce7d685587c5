//! Per-client rate limits for a subgraph's GraphQL endpoint.
//!
//! Each client gets [`RateLimit::requests`] requests per
//! [`RateLimit::window`]: a signed-in caller by user id, an anonymous one by
//! client address when the address is trusted (see
//! [`crate::server::ClientIp`]). Anonymous callers without a trusted address
//! share no bucket (that would let one client starve the rest); the router's
//! global limit covers them.
//!
//! Counts are fixed windows, incremented and expired in one Redis
//! transaction so that every replica shares them, and counted in this
//! process as well; the larger count decides, so a Redis failure does not
//! lift the limit. A client over its limit gets `RATE_LIMITED` with
//! `extensions.retryAfter` (seconds until the window ends).

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::cache::Cache;
use crate::config::env_parse;

/// The variables [`RateLimit::from_env`] reads.
pub const ENV_VARS: &[&str] = &["RATE_LIMIT_PER_MINUTE"];

/// How many requests a client may send per window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    /// Requests per window; 0 turns the limit off.
    pub requests: u64,
    /// The window.
    pub window: Duration,
}

impl RateLimit {
    /// `RATE_LIMIT_PER_MINUTE` (default 600, ten a second on average; 0 is
    /// off).
    pub fn from_env() -> anyhow::Result<Self> {
        Ok(Self {
            requests: env_parse("RATE_LIMIT_PER_MINUTE", 600)?,
            window: Duration::from_secs(60),
        })
    }
}

/// Counts requests per client and window.
pub struct RateLimiter {
    limit: RateLimit,
    cache: Cache,
    /// Prefix of the Redis keys: `shop:<environment>:<service>:rate`.
    namespace: String,
    /// This process's counts: client -> (window number, count).
    local: Mutex<HashMap<String, (u64, u64)>>,
}

impl std::fmt::Debug for RateLimiter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RateLimiter")
            .field("limit", &self.limit)
            .field("namespace", &self.namespace)
            .finish()
    }
}

/// Most clients remembered in process before old windows are dropped.
const LOCAL_CAPACITY: usize = 100_000;

impl RateLimiter {
    /// A limiter for `service`, counting in `cache` (if connected) and in
    /// process.
    pub fn new(limit: RateLimit, cache: Cache, service: &str, production: bool) -> Self {
        let environment = if production {
            "production"
        } else {
            "development"
        };
        Self::with_namespace(limit, cache, format!("shop:{environment}:{service}:rate"))
    }

    /// [`RateLimiter::new`] for `service` on `database`: stacks that share
    /// a Redis (the tests, two deployments) never share a client's count,
    /// while replicas of one stack, on one database, do.
    pub fn for_database(
        limit: RateLimit,
        cache: Cache,
        service: &str,
        database: &sqlx::postgres::PgConnectOptions,
        production: bool,
    ) -> Self {
        let database = database.get_database().unwrap_or("default");
        Self::new(limit, cache, &format!("{service}:{database}"), production)
    }

    /// A limiter with a namespace of its own, for tests that share a Redis.
    pub fn isolated(limit: RateLimit, cache: Cache) -> Self {
        let namespace = format!("shop:test:{}:rate", uuid::Uuid::new_v4().simple());
        Self::with_namespace(limit, cache, namespace)
    }

    fn with_namespace(limit: RateLimit, cache: Cache, namespace: String) -> Self {
        Self {
            limit,
            cache,
            namespace,
            local: Mutex::new(HashMap::new()),
        }
    }

    /// Counts one request of `client`; `Err(seconds)` when it is over its
    /// limit, with the seconds until its window ends.
    pub async fn check(&self, client: &str) -> Result<(), u64> {
        if self.limit.requests == 0 {
            return Ok(());
        }
        let window_secs = self.limit.window.as_secs().max(1);
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        let window = now / window_secs;
        let retry_after = (window + 1) * window_secs - now;
        let local = {
            let Ok(mut local) = self.local.lock() else {
                return Ok(());
            };
            if local.len() >= LOCAL_CAPACITY {
                local.retain(|_, (w, _)| *w == window);
            }
            let entry = local.entry(client.to_string()).or_insert((window, 0));
            if entry.0 != window {
                *entry = (window, 0);
            }
            entry.1 += 1;
            entry.1
        };
        let shared = self
            .cache
            .incr_with_ttl(
                &format!("{}:{client}:{window}", self.namespace),
                Duration::from_secs(window_secs),
            )
            .await
            .map_or(0, |count| count.max(0) as u64);
        if local.max(shared) > self.limit.requests {
            Err(retry_after.max(1))
        } else {
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_client_over_its_limit_waits_and_others_do_not() {
        let limiter = RateLimiter::isolated(
            RateLimit {
                requests: 3,
                window: Duration::from_secs(60),
            },
            Cache::disabled(),
        );
        for _ in 0..3 {
            assert!(limiter.check("user:a").await.is_ok());
        }
        let retry = limiter.check("user:a").await.unwrap_err();
        assert!((1..=60).contains(&retry), "{retry}");
        assert!(limiter.check("user:b").await.is_ok(), "another client");
    }

    #[tokio::test]
    async fn zero_turns_the_limit_off() {
        let limiter = RateLimiter::isolated(
            RateLimit {
                requests: 0,
                window: Duration::from_secs(60),
            },
            Cache::disabled(),
        );
        for _ in 0..1_000 {
            assert!(limiter.check("user:a").await.is_ok());
        }
    }
}
