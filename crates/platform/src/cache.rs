//! The optional Redis connection.
//!
//! Redis is an accelerator, never a dependency: when it is unreachable at
//! startup the service says so once in the log and carries on, and a command
//! that fails later counts as a cache miss. After a failure the cache is
//! bypassed for [`BYPASS_AFTER_FAILURE`], so a Redis that went away costs
//! requests no time, and failures are logged at most once per
//! [`FAILURE_LOG_INTERVAL`] with the number suppressed in between.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use fred::prelude::{ClientLike, Config, Expiration, KeysInterface, ReconnectPolicy};

/// How long the cache is skipped after a failed command.
pub const BYPASS_AFTER_FAILURE: Duration = Duration::from_secs(2);
/// Least time between two warnings about failing cache commands.
pub const FAILURE_LOG_INTERVAL: Duration = Duration::from_secs(30);

/// Failures of cache commands: counted, logged rate-limited, and used to
/// bypass Redis for a moment.
#[derive(Debug)]
struct Failures {
    /// Where time is measured from.
    epoch: Instant,
    /// Every failed command since start (exported as a metric).
    total: AtomicU64,
    /// Milliseconds since `epoch` until which Redis is bypassed.
    bypass_until_ms: AtomicU64,
    /// Milliseconds since `epoch` of the last warning (0: never).
    last_log_ms: AtomicU64,
    /// Failures not logged since the last warning.
    unlogged: AtomicU64,
}

impl Default for Failures {
    fn default() -> Self {
        Self {
            epoch: Instant::now(),
            total: AtomicU64::new(0),
            bypass_until_ms: AtomicU64::new(0),
            last_log_ms: AtomicU64::new(0),
            unlogged: AtomicU64::new(0),
        }
    }
}

impl Failures {
    fn now_ms(&self) -> u64 {
        self.epoch.elapsed().as_millis() as u64 + 1
    }

    fn bypassed(&self) -> bool {
        self.now_ms() < self.bypass_until_ms.load(Ordering::Relaxed)
    }

    fn record(&self, operation: &str, err: &dyn std::fmt::Display) {
        self.total.fetch_add(1, Ordering::Relaxed);
        let now = self.now_ms();
        self.bypass_until_ms.store(
            now + BYPASS_AFTER_FAILURE.as_millis() as u64,
            Ordering::Relaxed,
        );
        let last = self.last_log_ms.load(Ordering::Relaxed);
        let due = last == 0 || now - last >= FAILURE_LOG_INTERVAL.as_millis() as u64;
        if due
            && self
                .last_log_ms
                .compare_exchange(last, now, Ordering::Relaxed, Ordering::Relaxed)
                .is_ok()
        {
            let suppressed = self.unlogged.swap(0, Ordering::Relaxed);
            tracing::warn!(operation, error = %err, suppressed, "Redis command failed; serving without the cache for now");
        } else {
            self.unlogged.fetch_add(1, Ordering::Relaxed);
        }
    }
}

/// A Redis client, or nothing when Redis is not available.
#[derive(Clone, Default)]
pub struct Cache {
    /// `None` when Redis was not reachable at startup.
    client: Option<fred::prelude::Client>,
    /// Shared by clones, so every user of one connection sees one count.
    failures: Arc<Failures>,
}

impl std::fmt::Debug for Cache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cache")
            .field("connected", &self.client.is_some())
            .finish()
    }
}

impl Cache {
    /// A cache that never stores anything.
    pub fn disabled() -> Self {
        Self::default()
    }

    /// Connects to `url`; on failure logs one warning naming `fallback` (what
    /// the service does instead) and returns a disabled cache.
    pub async fn connect(url: Option<&str>, service: &str, fallback: &str) -> Self {
        let Some(url) = url else {
            tracing::info!(service, "Redis is turned off (REDIS_URL=off): {fallback}");
            return Self::disabled();
        };
        match Self::try_connect(url).await {
            Ok(client) => {
                tracing::info!(service, url = %redact(url), "connected to Redis");
                Self {
                    client: Some(client),
                    failures: Arc::default(),
                }
            }
            Err(err) => {
                tracing::warn!(service, url = %redact(url), error = %err, "Redis is not available; running without it: {fallback}");
                Self::disabled()
            }
        }
    }

    async fn try_connect(url: &str) -> anyhow::Result<fred::prelude::Client> {
        let config = Config::from_url(url)?;
        // Probe first: with a reconnect policy the client would otherwise keep
        // retrying a server that is simply not there.
        if let fred::types::config::ServerConfig::Centralized { server } = &config.server {
            let addr = format!("{}:{}", server.host, server.port);
            tokio::time::timeout(
                Duration::from_secs(1),
                tokio::net::TcpStream::connect(&addr),
            )
            .await
            .map_err(|_| anyhow::anyhow!("timed out connecting to {addr}"))??;
        }
        let client = fred::prelude::Builder::from_config(config)
            .with_connection_config(|c| {
                c.connection_timeout = Duration::from_millis(1500);
                c.internal_command_timeout = Duration::from_millis(1500);
                c.max_command_attempts = 1;
            })
            .with_performance_config(|p| {
                // A slow cache must not slow requests down: give up and miss.
                p.default_command_timeout = Duration::from_millis(500);
            })
            .set_policy(ReconnectPolicy::new_exponential(0, 100, 5_000, 2))
            .build()?;
        tokio::time::timeout(Duration::from_secs(3), client.init())
            .await
            .map_err(|_| anyhow::anyhow!("timed out connecting"))??;
        let _: String = client.ping(None).await?;
        Ok(client)
    }

    /// Whether Redis is connected (a disabled cache misses every lookup).
    pub fn is_enabled(&self) -> bool {
        self.client.is_some()
    }

    /// Failed commands since start.
    pub fn failure_count(&self) -> u64 {
        self.failures.total.load(Ordering::Relaxed)
    }

    /// Whether commands are being skipped because one failed a moment ago.
    pub fn is_bypassed(&self) -> bool {
        self.failures.bypassed()
    }

    /// The client, unless there is none or it failed a moment ago.
    fn usable(&self) -> Option<&fred::prelude::Client> {
        self.client.as_ref().filter(|_| !self.failures.bypassed())
    }

    /// Reads a string value; any failure is a miss.
    pub async fn get(&self, key: &str) -> Option<String> {
        let client = self.usable()?;
        match client.get::<Option<String>, _>(key).await {
            Ok(value) => value,
            Err(err) => {
                self.failures.record("GET", &err);
                None
            }
        }
    }

    /// Reads several values in one round trip (MGET), in the order of
    /// `keys`; any failure is all misses.
    pub async fn get_many(&self, keys: &[String]) -> Vec<Option<String>> {
        let misses = || vec![None; keys.len()];
        let Some(client) = self.usable().filter(|_| !keys.is_empty()) else {
            return misses();
        };
        match client.mget::<Vec<Option<String>>, _>(keys.to_vec()).await {
            Ok(values) if values.len() == keys.len() => values,
            Ok(_) => misses(),
            Err(err) => {
                self.failures.record("MGET", &err);
                misses()
            }
        }
    }

    /// Stores a string value that expires after `ttl` (at least one second).
    pub async fn set(&self, key: &str, value: &str, ttl: Duration) {
        self.set_many(&[(key.to_string(), value.to_string())], ttl)
            .await
    }

    /// Stores several values, each expiring after `ttl`, in one round trip.
    pub async fn set_many(&self, entries: &[(String, String)], ttl: Duration) {
        let Some(client) = self.usable().filter(|_| !entries.is_empty()) else {
            return;
        };
        let seconds = ttl.as_secs().max(1) as i64;
        let pipeline = client.pipeline();
        for (key, value) in entries {
            let _: Result<(), _> = pipeline
                .set(
                    key.as_str(),
                    value.as_str(),
                    Some(Expiration::EX(seconds)),
                    None,
                    false,
                )
                .await;
        }
        if let Err(err) = pipeline.all::<Vec<fred::types::Value>>().await {
            self.failures.record("SET", &err);
        }
    }

    /// Increments a counter and gives it an expiry of `ttl` unless it has
    /// one, in one MULTI/EXEC transaction: a counter never lives without
    /// its expiry. `None` when Redis is unavailable or the command fails.
    pub async fn incr_with_ttl(&self, key: &str, ttl: Duration) -> Option<i64> {
        use fred::prelude::TransactionInterface;
        let client = self.usable()?;
        let transaction = client.multi();
        let queued = async {
            let _: () = transaction.incr(key).await?;
            let _: () = transaction
                .expire(
                    key,
                    ttl.as_secs().max(1) as i64,
                    Some(fred::types::ExpireOptions::NX),
                )
                .await?;
            transaction.exec::<(i64, i64)>(true).await
        };
        match queued.await {
            Ok((count, _)) => Some(count),
            Err(err) => {
                self.failures.record("INCR", &err);
                None
            }
        }
    }

    /// Seconds before `key` expires, if it exists with an expiry. `None`
    /// too when Redis is unavailable.
    pub async fn ttl_secs(&self, key: &str) -> Option<u64> {
        let client = self.usable()?;
        match client.ttl::<i64, _>(key).await {
            Ok(ttl) => (ttl > 0).then_some(ttl as u64),
            Err(err) => {
                self.failures.record("TTL", &err);
                None
            }
        }
    }

    /// Removes a key; see [`delete_many`](Self::delete_many).
    pub async fn delete(&self, key: &str) -> bool {
        self.delete_many(&[key.to_string()]).await
    }

    /// Removes several keys in one command. Invalidation is never skipped
    /// for a recent failure: a stale entry is worse than a slow write.
    /// Returns false if Redis did not confirm the delete, so that the caller
    /// can stop trusting the cache until it does.
    pub async fn delete_many(&self, keys: &[String]) -> bool {
        let Some(client) = self.client.as_ref().filter(|_| !keys.is_empty()) else {
            return true;
        };
        match client.del::<i64, _>(keys.to_vec()).await {
            Ok(_) => true,
            Err(err) => {
                self.failures.record("DEL", &err);
                false
            }
        }
    }
}

/// A Redis URL with any password masked, for logs.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            format!("{}://***@{}", &url[..scheme], &url[at + 1..])
        }
        _ => url.to_string(),
    }
}
