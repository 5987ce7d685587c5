//! Settings of the notification service, from the environment (see the
//! README's table).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use platform::config::{env_addr, env_opt, env_or, env_parse};
use platform::db::NOTIFICATION_DB;
use platform::events::BrokerConfig;
use sqlx::postgres::PgConnectOptions;

/// Every environment variable this service reads, besides the ones every
/// service reads to serve (`platform::server::SERVING_ENV_VARS`).
/// `docker-compose.yml` is
/// checked against this list.
pub const ENV_VARS: &[&str] = &[
    "NOTIFICATION_HTTP_ADDR",
    "NOTIFICATION_GRPC_ADDR",
    "NOTIFICATION_DATABASE_URL",
    "DATABASE_URL",
    "REDIS_URL",
    "NOTIFICATION_DB_PASSWORD",
    "USER_GRPC_URL",
    "TOKEN_CACHE_TTL_SECS",
    "SMTP_URL",
    "MAIL_FROM",
    "SHOP_DATA_DIR",
    "STOREFRONT_URL",
    "INVOICE_BASE_URL",
    "NOTIFICATION_SEND_INTERVAL_MS",
    "AMQP_URL",
    "AMQP_EXCHANGE",
    "AMQP_QUEUE_PREFIX",
    "AMQP_TEMPORARY",
    "EVENTS_RETRY_DELAY_MS",
    "EVENTS_MAX_ATTEMPTS",
    "SHOP_ENV",
    "RUST_LOG",
    "LOG_FORMAT",
];

/// How email leaves the service.
#[derive(Clone, PartialEq, Eq)]
pub enum MailTransport {
    /// Through an SMTP server: `smtp://user:password@host:587?tls=required`
    /// (STARTTLS required), `smtps://user:password@host:465` (TLS), or plain
    /// `smtp://host:25` for a local relay. Credentials come from the URL.
    Smtp(String),
    /// Development without SMTP: each email is written as an `.eml` file in
    /// this folder, and the log names the file.
    Files(PathBuf),
}

impl std::fmt::Debug for MailTransport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MailTransport::Smtp(url) => {
                write!(f, "Smtp({})", platform::events::broker::redact(url))
            }
            MailTransport::Files(dir) => write!(f, "Files({})", dir.display()),
        }
    }
}

/// Settings of the notification service.
#[derive(Debug, Clone)]
pub struct Config {
    /// Where GraphQL is served (`/graphql`).
    pub http_addr: SocketAddr,
    /// Where `NotificationService` and gRPC health are served.
    pub grpc_addr: SocketAddr,
    /// How to reach PostgreSQL as the `notifications_svc` role.
    pub database: PgConnectOptions,
    /// The user service: tokens, and contact details at send time.
    pub user_grpc_url: String,
    /// How long a verified token is trusted before asking the user service again.
    pub token_cache_ttl: Duration,
    /// How email is sent.
    pub mail: MailTransport,
    /// The `From:` of every email.
    pub mail_from: String,
    /// Where the development SMS sink writes messages.
    pub sms_dir: PathBuf,
    /// The storefront, for links to orders.
    pub storefront_url: String,
    /// Where invoice PDFs are served (`/invoices/<id>.pdf`).
    pub invoice_base_url: String,
    /// How often the delivery worker looks for messages to send.
    pub send_interval: Duration,
    /// The event broker; `None` (`AMQP_URL=off`) consumes nothing.
    pub events: Option<BrokerConfig>,
    /// Optional Redis, for the per-client rate limits shared by every
    /// replica. `None` counts in this process only.
    pub redis_url: Option<String>,
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
        let data_dir = PathBuf::from(env_or("SHOP_DATA_DIR", ".data"));
        let mail = match env_opt("SMTP_URL") {
            Some(url) => MailTransport::Smtp(url),
            None if platform::config::is_production() => {
                anyhow::bail!("SMTP_URL is required in production (SHOP_ENV=production)")
            }
            None => MailTransport::Files(data_dir.join("mail")),
        };
        Ok(Self {
            redis_url: platform::config::redis_url(),
            http: platform::guard::HttpSettings::from_env()?,
            grpc_tls: platform::tls::GrpcTls::from_env("notification")?,
            peers: platform::breaker::PeerSettings::from_env()?,
            http_addr: env_addr("NOTIFICATION_HTTP_ADDR", "127.0.0.1:4004")?,
            grpc_addr: env_addr("NOTIFICATION_GRPC_ADDR", "127.0.0.1:50054")?,
            database: NOTIFICATION_DB.connect_options()?,
            user_grpc_url: env_or("USER_GRPC_URL", "http://127.0.0.1:50051"),
            token_cache_ttl: Duration::from_secs(env_parse("TOKEN_CACHE_TTL_SECS", 30)?),
            mail,
            mail_from: env_or("MAIL_FROM", "Shop <no-reply@shop.local>"),
            sms_dir: data_dir.join("sms"),
            storefront_url: env_or("STOREFRONT_URL", "http://127.0.0.1:3000"),
            invoice_base_url: env_or("INVOICE_BASE_URL", "http://127.0.0.1:3000"),
            send_interval: Duration::from_millis(env_parse("NOTIFICATION_SEND_INTERVAL_MS", 200)?),
            events: BrokerConfig::from_env_unless_off()?,
        })
    }

    /// Settings for a test: port 0, the given database, every peer down,
    /// email and SMS into a fresh temporary folder, no broker.
    pub fn for_test(database: PgConnectOptions) -> Self {
        let dir = std::env::temp_dir().join(format!(
            "shop-notification-test-{}",
            uuid::Uuid::new_v4().simple()
        ));
        Self {
            redis_url: None,
            http: platform::guard::HttpSettings::for_test(),
            grpc_tls: platform::tls::GrpcTls::for_test("notification"),
            peers: platform::breaker::PeerSettings::default(),
            http_addr: platform::config::LOCAL_ANY_PORT,
            grpc_addr: platform::config::LOCAL_ANY_PORT,
            database,
            user_grpc_url: platform::config::UNREACHABLE_PEER.into(),
            token_cache_ttl: Duration::from_secs(30),
            mail: MailTransport::Files(dir.join("mail")),
            mail_from: "Shop <no-reply@shop.test>".into(),
            sms_dir: dir.join("sms"),
            storefront_url: "https://shop.test".into(),
            invoice_base_url: "https://orders.shop.test".into(),
            send_interval: Duration::from_millis(50),
            events: None,
        }
    }
}
