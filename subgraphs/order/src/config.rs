//! Settings of the order service, from the environment (see the README).

use std::net::SocketAddr;
use std::time::Duration;

use platform::config::{env_addr, env_opt, env_or, env_parse};
use platform::db::ORDER_DB;
use platform::events::BrokerConfig;
use sqlx::postgres::PgConnectOptions;

use crate::app::checkout::CheckoutSettings;
use crate::domain::Party;
use crate::store::checkout::CheckoutStep;
pub use crate::store::stripe::StripeSettings;

/// Every environment variable this service reads, besides the ones every
/// service reads to serve (`platform::server::SERVING_ENV_VARS`);
/// `docker-compose.yml` is
/// checked against it.
pub const ENV_VARS: &[&str] = &[
    "ORDER_HTTP_ADDR",
    "ORDER_GRPC_ADDR",
    "ORDER_DATABASE_URL",
    "DATABASE_URL",
    "REDIS_URL",
    "ORDER_DB_PASSWORD",
    "USER_GRPC_URL",
    "PRODUCT_GRPC_URL",
    "TOKEN_CACHE_TTL_SECS",
    "ORDER_CHECKOUT_LEASE_SECS",
    "ORDER_RESERVATION_TTL_SECS",
    "ORDER_RECOVERY_INTERVAL_MS",
    "ORDER_FAIL_AFTER_STEP",
    "ORDER_AUTO_COMPLETE_DAYS",
    "SELLER_NAME",
    "SELLER_ADDRESS",
    "SELLER_TAX_ID",
    "SHOP_ENV",
    "PAYMENT_GATEWAY",
    "STRIPE_SECRET_KEY",
    "STRIPE_API_BASE",
    "STRIPE_TIMEOUT_MS",
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
/// Settings of the order service.
pub struct Config {
    /// Where GraphQL is served (`/graphql`).
    pub http_addr: SocketAddr,
    /// Where `OrderService` and gRPC health are served.
    pub grpc_addr: SocketAddr,
    /// How to reach PostgreSQL as the `orders_svc` role.
    pub database: PgConnectOptions,
    /// The user service's gRPC endpoint, for `VerifyToken`.
    pub user_grpc_url: String,
    /// The product service's gRPC endpoint, for prices and stock.
    pub product_grpc_url: String,
    /// How long a token verification is cached (at most 30 s).
    pub token_cache_ttl: Duration,
    /// How checkout runs: leases, stock holds, the seller on invoices, and
    /// the test-only fault injection.
    pub checkout: CheckoutSettings,
    /// How often the recovery worker looks for stalled checkouts.
    pub recovery_interval: Duration,
    /// Which gateway charges cards (`PAYMENT_GATEWAY`).
    pub payment_gateway: PaymentGatewayKind,
    /// How long the payment simulator makes a `tok_timeout` caller wait.
    pub payment_timeout: Duration,
    /// Delivered orders are completed automatically after this long.
    pub auto_complete_after: Duration,
    /// The event broker; `None` (`AMQP_URL=off`) keeps the events in the
    /// outbox and consumes nothing.
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

/// The payment gateways the service can use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PaymentGatewayKind {
    /// The built-in simulator (test cards such as `tok_visa`, stored in the
    /// service's own schema). Development and tests only: in production it
    /// would let a test card pay for a real order.
    Simulator,
    /// Stripe (`crate::store::stripe`), with `STRIPE_SECRET_KEY` and
    /// `STRIPE_API_BASE`.
    Stripe(StripeSettings),
}

/// The gateway `PAYMENT_GATEWAY` names. In development it defaults to the
/// simulator; in production it must be set, and the simulator is refused.
/// `stripe` is the Stripe settings from the environment, when
/// `STRIPE_SECRET_KEY` is set.
pub fn payment_gateway(
    production: bool,
    value: Option<&str>,
    stripe: Option<StripeSettings>,
) -> anyhow::Result<PaymentGatewayKind> {
    match (value.map(str::trim), production) {
        (None, false) | (Some("simulator"), false) => Ok(PaymentGatewayKind::Simulator),
        (None, true) => anyhow::bail!(
            "PAYMENT_GATEWAY must be set in production: `stripe` (the simulator is refused there)"
        ),
        (Some("simulator"), true) => anyhow::bail!(
            "PAYMENT_GATEWAY=simulator is refused in production (SHOP_ENV=production): a test card would pay for a real order"
        ),
        (Some("stripe"), _) => {
            let stripe = stripe
                .ok_or_else(|| anyhow::anyhow!("PAYMENT_GATEWAY=stripe needs STRIPE_SECRET_KEY"))?;
            anyhow::ensure!(
                !production || stripe.api_base.starts_with("https://"),
                "STRIPE_API_BASE must be an https:// URL in production"
            );
            if production && stripe.secret_key.starts_with("sk_test_") {
                tracing::warn!("PAYMENT_GATEWAY=stripe with a test key: no real money moves");
            }
            Ok(PaymentGatewayKind::Stripe(stripe))
        }
        (Some(other), _) => {
            anyhow::bail!(
                "PAYMENT_GATEWAY={other:?} is not a known gateway (known: stripe, simulator)"
            )
        }
    }
}

/// Stripe's settings from `STRIPE_SECRET_KEY` (none when unset),
/// `STRIPE_API_BASE` (`https://api.stripe.com`) and `STRIPE_TIMEOUT_MS`
/// (10,000).
pub fn stripe_from_env() -> anyhow::Result<Option<StripeSettings>> {
    let Some(secret_key) = env_opt("STRIPE_SECRET_KEY") else {
        return Ok(None);
    };
    Ok(Some(StripeSettings {
        secret_key,
        api_base: env_or("STRIPE_API_BASE", "https://api.stripe.com"),
        timeout: Duration::from_millis(env_parse("STRIPE_TIMEOUT_MS", 10_000u64)?.max(100)),
    }))
}

/// The seller printed on invoices, from `SELLER_NAME`, `SELLER_ADDRESS`
/// (lines separated by `|`) and `SELLER_TAX_ID`.
pub fn seller_from_env() -> Party {
    Party {
        name: env_or("SELLER_NAME", "Shop Demo Ltd."),
        email: None,
        address: env_or(
            "SELLER_ADDRESS",
            "1 Market Street|San Francisco, CA 94105|US",
        )
        .split('|')
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect(),
        tax_id: Some(env_or("SELLER_TAX_ID", "US-00-0000000")).filter(|t| !t.is_empty()),
    }
}

/// Checkout settings with the defaults, for tests and the environment.
pub fn default_checkout_settings() -> CheckoutSettings {
    CheckoutSettings {
        lease: Duration::from_secs(30),
        reservation_ttl: Duration::from_secs(900),
        duplicate_wait: Duration::from_secs(10),
        max_attempts: 10,
        key_retention: crate::app::checkout::MIN_KEY_RETENTION,
        fail_after_step: None,
        seller: seller_from_env(),
    }
}

impl Config {
    /// Reads the settings from the environment (see the README).
    pub fn from_env() -> anyhow::Result<Self> {
        Ok(Self {
            redis_url: platform::config::redis_url(),
            http: platform::guard::HttpSettings::from_env()?,
            grpc_tls: platform::tls::GrpcTls::from_env("order")?,
            peers: platform::breaker::PeerSettings::from_env()?,
            http_addr: env_addr("ORDER_HTTP_ADDR", "127.0.0.1:4003")?,
            grpc_addr: env_addr("ORDER_GRPC_ADDR", "127.0.0.1:50053")?,
            database: ORDER_DB.connect_options()?,
            user_grpc_url: env_or("USER_GRPC_URL", "http://127.0.0.1:50051"),
            product_grpc_url: env_or("PRODUCT_GRPC_URL", "http://127.0.0.1:50052"),
            token_cache_ttl: Duration::from_secs(env_parse("TOKEN_CACHE_TTL_SECS", 30)?),
            checkout: CheckoutSettings {
                lease: Duration::from_secs(env_parse("ORDER_CHECKOUT_LEASE_SECS", 30)?),
                reservation_ttl: Duration::from_secs(env_parse("ORDER_RESERVATION_TTL_SECS", 900)?),
                fail_after_step: match std::env::var("ORDER_FAIL_AFTER_STEP") {
                    Ok(step) if !step.is_empty() => {
                        if platform::config::is_production() {
                            anyhow::bail!(
                                "ORDER_FAIL_AFTER_STEP is a test hook and is refused when SHOP_ENV=production"
                            );
                        }
                        Some(CheckoutStep::parse(&step).ok_or_else(|| {
                            anyhow::anyhow!("ORDER_FAIL_AFTER_STEP must be one of STARTED, RESERVED, ORDER_CREATED, AUTHORIZED, CAPTURED")
                        })?)
                    }
                    _ => None,
                },
                ..default_checkout_settings()
            },
            recovery_interval: Duration::from_millis(env_parse(
                "ORDER_RECOVERY_INTERVAL_MS",
                5000,
            )?),
            payment_gateway: payment_gateway(
                platform::config::is_production(),
                platform::config::env_opt("PAYMENT_GATEWAY").as_deref(),
                stripe_from_env()?,
            )?,
            payment_timeout: Duration::from_millis(500),
            auto_complete_after: Duration::from_secs(
                24 * 3600 * env_parse::<u64>("ORDER_AUTO_COMPLETE_DAYS", 14)?,
            ),
            events: BrokerConfig::from_env_unless_off()?,
        })
    }

    /// The settings the tests start from: ports 0, no Redis, every peer
    /// unreachable, a fast recovery worker and a short simulated payment
    /// timeout.
    pub fn for_test(database: PgConnectOptions) -> Self {
        Self {
            redis_url: None,
            http: platform::guard::HttpSettings::for_test(),
            grpc_tls: platform::tls::GrpcTls::for_test("order"),
            peers: platform::breaker::PeerSettings::default(),
            http_addr: platform::config::LOCAL_ANY_PORT,
            grpc_addr: platform::config::LOCAL_ANY_PORT,
            database,
            user_grpc_url: platform::config::UNREACHABLE_PEER.into(),
            product_grpc_url: platform::config::UNREACHABLE_PEER.into(),
            token_cache_ttl: Duration::from_secs(30),
            checkout: default_checkout_settings(),
            recovery_interval: Duration::from_millis(200),
            payment_gateway: PaymentGatewayKind::Simulator,
            payment_timeout: Duration::from_millis(10),
            auto_complete_after: Duration::from_secs(14 * 24 * 3600),
            events: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn production_refuses_the_simulator_and_wants_a_gateway_named() {
        let stripe = || StripeSettings {
            secret_key: "sk_test_123".into(),
            api_base: "https://api.stripe.com".into(),
            timeout: Duration::from_secs(10),
        };
        assert!(payment_gateway(true, Some("simulator"), None).is_err());
        assert!(payment_gateway(true, None, Some(stripe())).is_err());
        assert!(payment_gateway(false, Some("paypal"), None).is_err());
        assert!(
            payment_gateway(true, Some("stripe"), None).is_err(),
            "stripe needs its key"
        );
        assert_eq!(
            payment_gateway(true, Some("stripe"), Some(stripe())).unwrap(),
            PaymentGatewayKind::Stripe(stripe())
        );
        assert!(
            payment_gateway(
                true,
                Some("stripe"),
                Some(StripeSettings {
                    api_base: "http://stripe.internal".into(),
                    ..stripe()
                })
            )
            .is_err(),
            "production talks to Stripe over TLS only"
        );
        assert_eq!(
            payment_gateway(false, None, None).unwrap(),
            PaymentGatewayKind::Simulator
        );
        assert_eq!(
            payment_gateway(false, Some("simulator"), None).unwrap(),
            PaymentGatewayKind::Simulator
        );
    }
}
