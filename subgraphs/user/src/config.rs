//! Settings of the user service, from the environment (see the README's table).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use platform::config::{env_addr, env_opt, env_or, env_parse, is_production};
use platform::db::USER_DB;
use platform::events::BrokerConfig;
use sqlx::postgres::PgConnectOptions;

/// Every environment variable this service reads, besides the ones every
/// service reads to serve (`platform::server::SERVING_ENV_VARS`).
/// `docker-compose.yml` is
/// checked against this list.
pub const ENV_VARS: &[&str] = &[
    "USER_HTTP_ADDR",
    "USER_GRPC_ADDR",
    "USER_DATABASE_URL",
    "DATABASE_URL",
    "USER_DB_PASSWORD",
    "JWT_ISSUER",
    "JWT_AUDIENCE",
    "JWT_ACCESS_TTL_SECS",
    "REFRESH_TOKEN_TTL_SECS",
    "SESSION_MAX_AGE_SECS",
    "JWT_PRIVATE_KEY_FILE",
    "JWT_PREVIOUS_KEY_FILE",
    "SHOP_DATA_DIR",
    "SHOP_ENV",
    "PASSWORD_HASH_CONCURRENCY",
    "REDIS_URL",
    "PRODUCT_GRPC_URL",
    "PASSWORD_RESET_URL",
    "VERIFY_EMAIL_URL",
    "SIGNUP_PER_ADDRESS_PER_HOUR",
    "SIGNUP_PER_MINUTE",
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
/// Settings of the user service.
pub struct Config {
    /// Where GraphQL is served (`/graphql`).
    pub http_addr: SocketAddr,
    /// Where `UserService` and gRPC health are served.
    pub grpc_addr: SocketAddr,
    /// How to reach PostgreSQL as the `users_svc` role.
    pub database: PgConnectOptions,
    /// Access and refresh token settings.
    pub jwt: JwtConfig,
    /// How many password hashes may run at once; each uses ~19 MiB and a core.
    pub hash_concurrency: usize,
    /// Optional Redis, for login throttling shared by every replica. `None` runs without it.
    pub redis_url: Option<String>,
    /// The product service's gRPC endpoint, to check wishlist products.
    pub product_grpc_url: String,
    /// The page that completes a password reset; the token is appended as `?token=`.
    pub password_reset_url: String,
    /// The page that completes an email verification; the token is appended
    /// as `?token=`.
    pub verify_email_url: String,
    /// `register` and `resetPassword` per trusted client address and hour
    /// (`SIGNUP_PER_ADDRESS_PER_HOUR`, 10).
    pub signup_per_address_per_hour: u64,
    /// `register` and `resetPassword` per minute, for all callers whose
    /// address is unknown together (`SIGNUP_PER_MINUTE`, 300).
    pub signup_per_minute: u64,
    /// The broker the outbox relay publishes to; `None` (`AMQP_URL=off`)
    /// keeps the events in the outbox.
    pub events: Option<BrokerConfig>,
    /// The GraphQL endpoint's guard: the router's shared secret and HTTP
    /// limits (see `platform::guard`).
    pub http: platform::guard::HttpSettings,
    /// This service's identity for gRPC, as server and as client (mutual
    /// TLS; see `platform::tls`).
    pub grpc_tls: platform::tls::GrpcTls,
    /// Each peer call's timeout and the circuit breaker around each peer.
    pub peers: platform::breaker::PeerSettings,
    /// Whether live reset and verification links are logged: in
    /// development only (they are credentials).
    pub log_links: bool,
}

#[derive(Debug, Clone)]
/// How tokens are signed and how long they live.
pub struct JwtConfig {
    /// `iss` claim of issued tokens, checked on verification.
    pub issuer: String,
    /// `aud` claim of issued tokens, checked on verification.
    pub audience: String,
    /// Lifetime of an access token.
    pub access_ttl: Duration,
    /// Lifetime of a refresh token (each use issues a new one).
    pub refresh_ttl: Duration,
    /// The absolute lifetime of a session from its login: refreshing never
    /// extends it past this (`SESSION_MAX_AGE_SECS`, 30 days).
    pub session_max_age: Duration,
    /// PKCS#8 PEM file with the Ed25519 signing key. Required in production;
    /// in development a key is generated under `data_dir` when it is missing.
    pub private_key_file: Option<PathBuf>,
    /// PKCS#8 PEM file with the key that signed before the last rotation:
    /// its tokens still verify, and the JWKS publishes it.
    pub previous_key_file: Option<PathBuf>,
    /// Where development keys are kept.
    pub data_dir: PathBuf,
    /// Refuse to generate keys.
    pub production: bool,
}

impl Config {
    /// Reads the settings from the environment (see the README).
    pub fn from_env() -> anyhow::Result<Self> {
        let config = Self {
            http: platform::guard::HttpSettings::from_env()?,
            grpc_tls: platform::tls::GrpcTls::from_env("user")?,
            peers: platform::breaker::PeerSettings::from_env()?,
            http_addr: env_addr("USER_HTTP_ADDR", "127.0.0.1:4001")?,
            grpc_addr: env_addr("USER_GRPC_ADDR", "127.0.0.1:50051")?,
            database: USER_DB.connect_options()?,
            jwt: JwtConfig {
                issuer: env_or("JWT_ISSUER", "shop-user-service"),
                audience: env_or("JWT_AUDIENCE", "shop"),
                access_ttl: Duration::from_secs(env_parse("JWT_ACCESS_TTL_SECS", 15 * 60)?),
                refresh_ttl: Duration::from_secs(env_parse(
                    "REFRESH_TOKEN_TTL_SECS",
                    30 * 24 * 3600,
                )?),
                session_max_age: Duration::from_secs(env_parse(
                    "SESSION_MAX_AGE_SECS",
                    30 * 24 * 3600,
                )?),
                private_key_file: env_opt("JWT_PRIVATE_KEY_FILE").map(PathBuf::from),
                previous_key_file: env_opt("JWT_PREVIOUS_KEY_FILE").map(PathBuf::from),
                data_dir: PathBuf::from(env_or("SHOP_DATA_DIR", ".data")),
                production: is_production(),
            },
            hash_concurrency: env_parse("PASSWORD_HASH_CONCURRENCY", 2)?,
            redis_url: platform::config::redis_url(),
            product_grpc_url: env_or("PRODUCT_GRPC_URL", "http://127.0.0.1:50052"),
            password_reset_url: env_or(
                "PASSWORD_RESET_URL",
                "http://127.0.0.1:3000/reset-password",
            ),
            verify_email_url: env_or("VERIFY_EMAIL_URL", "http://127.0.0.1:3000/verify-email"),
            signup_per_address_per_hour: env_parse("SIGNUP_PER_ADDRESS_PER_HOUR", 10)?,
            signup_per_minute: env_parse("SIGNUP_PER_MINUTE", 300)?,
            events: BrokerConfig::from_env_unless_off()?,
            log_links: !is_production(),
        };
        // Refused before anything binds or connects: a generated key would
        // change on every deployment and is readable by whoever has the disk.
        if config.jwt.production && config.jwt.private_key_file.is_none() {
            anyhow::bail!(
                "JWT_PRIVATE_KEY_FILE must be set in production (SHOP_ENV=production); development keys are generated only when SHOP_ENV=development"
            );
        }
        Ok(config)
    }

    /// Settings for tools that use the account logic without serving or
    /// calling a peer (`cargo xtask seed`, `create-admin`): the JWT and
    /// hashing settings from the environment, keys (in development) and the
    /// development PKI under `data_dir`, and no router secret, since nothing
    /// is served. `production` as the tool decides (demo data is always
    /// development).
    pub fn for_tools(data_dir: &std::path::Path, production: bool) -> anyhow::Result<Self> {
        let private_key_file = env_opt("JWT_PRIVATE_KEY_FILE").map(PathBuf::from);
        if production && private_key_file.is_none() {
            anyhow::bail!("JWT_PRIVATE_KEY_FILE must be set in production (SHOP_ENV=production)");
        }
        let mut config = Self::for_test(USER_DB.connect_options()?);
        config.jwt = JwtConfig {
            issuer: env_or("JWT_ISSUER", "shop-user-service"),
            audience: env_or("JWT_AUDIENCE", "shop"),
            private_key_file,
            previous_key_file: env_opt("JWT_PREVIOUS_KEY_FILE").map(PathBuf::from),
            data_dir: data_dir.to_path_buf(),
            production,
            ..config.jwt
        };
        config.hash_concurrency = env_parse("PASSWORD_HASH_CONCURRENCY", 2)?;
        config.password_reset_url =
            env_or("PASSWORD_RESET_URL", "http://127.0.0.1:3000/reset-password");
        config.verify_email_url = env_or("VERIFY_EMAIL_URL", "http://127.0.0.1:3000/verify-email");
        config.log_links = !production;
        Ok(config)
    }

    /// The settings the tests start from: ports 0, no Redis, the product
    /// service unreachable, a fresh key directory, and development mode.
    pub fn for_test(database: PgConnectOptions) -> Self {
        Self {
            http: platform::guard::HttpSettings::for_test(),
            grpc_tls: platform::tls::GrpcTls::for_test("user"),
            peers: platform::breaker::PeerSettings::default(),
            http_addr: platform::config::LOCAL_ANY_PORT,
            grpc_addr: platform::config::LOCAL_ANY_PORT,
            database,
            jwt: JwtConfig {
                issuer: "shop-test".into(),
                audience: "shop".into(),
                access_ttl: Duration::from_secs(900),
                refresh_ttl: Duration::from_secs(3600),
                session_max_age: Duration::from_secs(30 * 24 * 3600),
                private_key_file: None,
                previous_key_file: None,
                data_dir: std::env::temp_dir()
                    .join(format!("shop-user-test-{}", uuid::Uuid::new_v4())),
                production: false,
            },
            hash_concurrency: 2,
            redis_url: None,
            product_grpc_url: platform::config::UNREACHABLE_PEER.into(),
            password_reset_url: "https://shop.test/reset".into(),
            verify_email_url: "https://shop.test/verify-email".into(),
            signup_per_address_per_hour: 10,
            signup_per_minute: 300,
            events: None,
            log_links: true,
        }
    }
}
