//! The optional Redis connection.
//!
//! Redis is an accelerator, never a dependency: when it is unreachable at
//! startup the service says so once in the log and carries on, and a command
//! that fails later counts as a cache miss.

use std::time::Duration;

use fred::prelude::{ClientLike, Config, Expiration, KeysInterface, ReconnectPolicy};

/// A Redis client, or nothing when Redis is not available.
#[derive(Clone, Default)]
pub struct Cache {
    /// `None` when Redis was not reachable at startup.
    client: Option<fred::prelude::Client>,
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
        Self { client: None }
    }

    /// Connects to `url`; on failure logs one warning naming `fallback` (what
    /// the service does instead) and returns a disabled cache.
    pub async fn connect(url: &str, service: &str, fallback: &str) -> Self {
        match Self::try_connect(url).await {
            Ok(client) => {
                tracing::info!(service, url = %redact(url), "connected to Redis");
                Self {
                    client: Some(client),
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

    pub fn is_enabled(&self) -> bool {
        self.client.is_some()
    }

    /// Reads a string value; any failure is a miss.
    pub async fn get(&self, key: &str) -> Option<String> {
        let client = self.client.as_ref()?;
        match client.get::<Option<String>, _>(key).await {
            Ok(value) => value,
            Err(err) => {
                tracing::debug!(error = %err, "cache read failed");
                None
            }
        }
    }

    /// Stores a string value that expires after `ttl` (at least one second).
    pub async fn set(&self, key: &str, value: &str, ttl: Duration) {
        let Some(client) = self.client.as_ref() else {
            return;
        };
        let seconds = ttl.as_secs().max(1) as i64;
        if let Err(err) = client
            .set::<(), _, _>(key, value, Some(Expiration::EX(seconds)), None, false)
            .await
        {
            tracing::debug!(error = %err, "cache write failed");
        }
    }

    /// Increments a counter, starting its expiry when it is created. `None`
    /// when Redis is unavailable.
    pub async fn incr_with_ttl(&self, key: &str, ttl: Duration) -> Option<i64> {
        let client = self.client.as_ref()?;
        let count: i64 = client
            .incr(key)
            .await
            .map_err(|e| tracing::debug!(error = %e, "cache incr failed"))
            .ok()?;
        if count == 1 {
            let _: Result<(), _> = client.expire(key, ttl.as_secs().max(1) as i64, None).await;
        }
        Some(count)
    }

    /// Seconds before `key` expires, if it exists with an expiry.
    pub async fn ttl_secs(&self, key: &str) -> Option<u64> {
        let client = self.client.as_ref()?;
        let ttl: i64 = client.ttl(key).await.ok()?;
        (ttl > 0).then_some(ttl as u64)
    }

    /// Removes a key; failures are ignored (the value expires anyway).
    pub async fn delete(&self, key: &str) {
        let Some(client) = self.client.as_ref() else {
            return;
        };
        let _ = client.del::<i64, _>(key).await;
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
