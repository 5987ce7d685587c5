//! Settings of the product service, from the environment (see the README).

use std::net::SocketAddr;
use std::time::Duration;

use platform::config::{env_addr, env_or, env_parse};
use platform::db::PRODUCT_DB;
use platform::events::BrokerConfig;
use sqlx::postgres::PgConnectOptions;

/// Every environment variable this service reads, besides the ones every
/// service reads to serve (`platform::server::SERVING_ENV_VARS`);
/// `docker-compose.yml` is
/// checked against it.
pub const ENV_VARS: &[&str] = &[
    "PRODUCT_HTTP_ADDR",
    "PRODUCT_GRPC_ADDR",
    "PRODUCT_DATABASE_URL",
    "DATABASE_URL",
    "PRODUCT_DB_PASSWORD",
    "REDIS_URL",
    "USER_GRPC_URL",
    "ORDER_GRPC_URL",
    "TOKEN_CACHE_TTL_SECS",
    "PRODUCT_CACHE_TTL_SECS",
    "RESERVATION_SWEEP_SECS",
    "SHOP_ENV",
    "AMQP_URL",
    "AMQP_EXCHANGE",
    "AMQP_QUEUE_PREFIX",
    "AMQP_TEMPORARY",
    "EVENTS_RETRY_DELAY_MS",
    "EVENTS_MAX_ATTEMPTS",
    "RUST_LOG",
    "LOG_FORMAT",
];

#[derive(Debug, Clone)]
/// Settings of the product service.
pub struct Config {
    /// Where GraphQL is served (`/graphql`).
    pub http_addr: SocketAddr,
    /// Where `ProductService` and gRPC health are served.
    pub grpc_addr: SocketAddr,
    /// How to reach PostgreSQL as the `products_svc` role.
    pub database: PgConnectOptions,
    /// Optional Redis, for the shared token-verification cache. `None` runs without it.
    pub redis_url: Option<String>,
    /// The user service's gRPC endpoint, for `VerifyToken`.
    pub user_grpc_url: String,
    /// The order service's gRPC endpoint, for `HasPurchased` (verified reviews).
    pub order_grpc_url: String,
    /// How long product detail and the category tree stay in Redis at most;
    /// writes invalidate them sooner.
    pub cache_ttl: Duration,
    /// How long a token verification is cached (at most 30 s).
    pub token_cache_ttl: Duration,
    /// How often expired stock reservations are released.
    pub reservation_sweep_interval: Duration,
    /// The event broker; `None` (`AMQP_URL=off`) keeps the events in the
    /// outbox and consumes nothing.
    pub events: Option<BrokerConfig>,
    /// The GraphQL endpoint's guard: the router's shared secret and HTTP
    /// limits (see `platform::guard`).
    pub http: platform::guard::HttpSettings,
    /// This service's identity for gRPC, as server and as client (mutual
    /// TLS; see `platform::tls`).
    pub grpc_tls: platform::tls::GrpcTls,
    /// Each peer call's timeout and the circuit breaker around each peer.
    pub peers: platform::breaker::PeerSettings,
}

impl Config {
    /// Reads the settings from the environment (see the README).
    pub fn from_env() -> anyhow::Result<Self> {
        Ok(Self {
            http: platform::guard::HttpSettings::from_env()?,
            grpc_tls: platform::tls::GrpcTls::from_env("product")?,
            peers: platform::breaker::PeerSettings::from_env()?,
            http_addr: env_addr("PRODUCT_HTTP_ADDR", "127.0.0.1:4002")?,
            grpc_addr: env_addr("PRODUCT_GRPC_ADDR", "127.0.0.1:50052")?,
            database: PRODUCT_DB.connect_options()?,
            redis_url: platform::config::redis_url(),
            user_grpc_url: env_or("USER_GRPC_URL", "http://127.0.0.1:50051"),
            order_grpc_url: env_or("ORDER_GRPC_URL", "http://127.0.0.1:50053"),
            cache_ttl: Duration::from_secs(env_parse("PRODUCT_CACHE_TTL_SECS", 300)?.max(1)),
            token_cache_ttl: Duration::from_secs(env_parse("TOKEN_CACHE_TTL_SECS", 30)?),
            reservation_sweep_interval: Duration::from_secs(
                env_parse("RESERVATION_SWEEP_SECS", 5)?.max(1),
            ),
            events: BrokerConfig::from_env_unless_off()?,
        })
    }

    /// The settings the tests start from: ports 0, no Redis, every peer
    /// unreachable, and a sweeper that stays out of the way.
    pub fn for_test(database: PgConnectOptions) -> Self {
        Self {
            http: platform::guard::HttpSettings::for_test(),
            grpc_tls: platform::tls::GrpcTls::for_test("product"),
            peers: platform::breaker::PeerSettings::default(),
            http_addr: platform::config::LOCAL_ANY_PORT,
            grpc_addr: platform::config::LOCAL_ANY_PORT,
            database,
            redis_url: None,
            user_grpc_url: platform::config::UNREACHABLE_PEER.into(),
            order_grpc_url: platform::config::UNREACHABLE_PEER.into(),
            cache_ttl: Duration::from_secs(300),
            token_cache_ttl: Duration::from_secs(30),
            reservation_sweep_interval: Duration::from_secs(3600),
            events: None,
        }
    }
}
