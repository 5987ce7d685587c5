//! Building and running the user service.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

use futures::future::BoxFuture;
use platform::ApiError;
use platform::auth::{Principal, TokenVerifier};
use platform::db::Db;
use platform::events::{BrokerConfig, Relay, RelaySettings};
use platform::server::Listeners;
use proto::user::user_service_server::UserServiceServer;

use crate::app::accounts::{Accounts, AccountsParts};
use crate::app::hashing::PasswordHasher;
use crate::app::throttle::LoginThrottle;
use crate::app::tokens::TokenSigner;
use crate::config::Config;
use crate::graphql::build_schema;
use crate::grpc::clients::ProductDirectory;
use crate::grpc::server::UserGrpc;
use crate::store::{self, UserStore};
use platform::cache::Cache;

/// What tells this stack's Redis keys from another's: the token issuer and
/// the database, so stacks (and tests) sharing one Redis share no counters.
fn stack_name(config: &Config) -> String {
    format!(
        "{}:{}",
        config.jwt.issuer,
        config.database.get_database().unwrap_or("default")
    )
}

/// The account use cases wired to their store, hasher, keys and peers.
pub fn build_accounts(
    config: &Config,
    db: Db,
    cache: Cache,
    metrics: &platform::metrics::Metrics,
) -> anyhow::Result<Accounts> {
    const HOUR: std::time::Duration = std::time::Duration::from_secs(3600);
    // A limit of its own, counted in Redis (shared by replicas) and here.
    let limiter = |name: &str, requests: u64, window: std::time::Duration| {
        platform::ratelimit::RateLimiter::new(
            platform::ratelimit::RateLimit { requests, window },
            cache.clone(),
            &format!("{name}:{}", stack_name(config)),
            config.jwt.production,
        )
    };
    Ok(Accounts::new(AccountsParts {
        store: UserStore::new(db),
        hasher: PasswordHasher::new(config.hash_concurrency)?,
        tokens: TokenSigner::from_config(&config.jwt)?,
        refresh_ttl: config.jwt.refresh_ttl,
        throttle: LoginThrottle::new(
            cache.clone(),
            LoginThrottle::namespace(config.jwt.production, &stack_name(config)),
        ),
        products: Arc::new(ProductDirectory::new(
            &config.product_grpc_url,
            &config.grpc_tls,
            &config.peers.observed_by(metrics),
        )?),
        reset_url: config.password_reset_url.clone(),
        log_reset_links: config.log_links,
        session_max_age: config.jwt.session_max_age,
        reset_limiter: limiter("user-reset", crate::app::accounts::RESETS_PER_HOUR, HOUR),
        verify_email_url: config.verify_email_url.clone(),
        verification_limiter: limiter(
            "user-verify",
            crate::app::accounts::VERIFICATIONS_PER_HOUR,
            HOUR,
        ),
        signup_limits: crate::app::accounts::SignupLimits {
            per_address: limiter(
                "user-signup-address",
                config.signup_per_address_per_hour,
                HOUR,
            ),
            shared: limiter(
                "user-signup",
                config.signup_per_minute,
                std::time::Duration::from_secs(60),
            ),
        },
        metrics: metrics.clone(),
    }))
}

/// A user service that is bound to its ports and ready to run.
pub struct Application {
    listeners: Listeners,
    /// The GraphQL endpoint's guard: the router's secret and HTTP limits.
    http: platform::guard::HttpSettings,
    /// The gRPC identity (mutual TLS).
    grpc_tls: platform::tls::GrpcTls,
    /// Per-client request limits on GraphQL.
    limiter: Arc<platform::ratelimit::RateLimiter>,
    accounts: Arc<Accounts>,
    db: Db,
    /// Where the outbox relay publishes, if anywhere.
    events: Option<BrokerConfig>,
    /// The service's metrics, served at `/metrics`.
    metrics: platform::metrics::Metrics,
}

/// The user service checks tokens itself rather than calling itself over gRPC.
struct LocalVerifier(Arc<Accounts>);

impl TokenVerifier for LocalVerifier {
    fn verify<'a>(&'a self, token: &'a str) -> BoxFuture<'a, Result<Principal, ApiError>> {
        Box::pin(async move { Ok(self.0.verify_token(token).await?) })
    }
}

/// Applies this service's migrations and returns (`user migrate`).
pub async fn migrate(config: &Config) -> anyhow::Result<()> {
    platform::db::apply_migrations("user", config.database.clone(), &store::MIGRATOR).await
}

impl Application {
    /// Connects to PostgreSQL, runs migrations, loads the signing key and
    /// binds both ports (port 0 picks a free one).
    pub async fn build(config: Config) -> anyhow::Result<Self> {
        let listeners = Listeners::bind(config.http_addr, config.grpc_addr).await?;
        Self::build_on(config, listeners).await
    }

    /// As [`Application::build`], on listeners the caller already holds
    /// (the tests bind port 0 first, so that no two of them race for a
    /// port). `config.http_addr` and `config.grpc_addr` are not used.
    pub async fn build_on(config: Config, listeners: Listeners) -> anyhow::Result<Self> {
        let metrics = platform::metrics::Metrics::new("user");
        let pool = platform::db::connect(config.database.clone(), 10).await?;
        store::migrate(&pool).await?;
        metrics.watch_outbox(pool.clone());
        let db = Db::observed(pool, &metrics);
        let cache = Cache::connect(
            config.redis_url.as_deref(),
            "user",
            "login throttling and rate limits count per process",
        )
        .await;
        metrics.watch_redis(&cache);
        let accounts = Arc::new(build_accounts(
            &config,
            db.clone(),
            cache.clone(),
            &metrics,
        )?);
        Ok(Self {
            listeners,
            http: config.http.clone(),
            grpc_tls: config.grpc_tls.clone(),
            limiter: Arc::new(platform::ratelimit::RateLimiter::new(
                config.http.rate_limit,
                cache.clone(),
                // Per stack too: stacks that share a Redis (the tests, two
                // deployments) never share a client's count.
                &format!("user:{}", stack_name(&config)),
                config.http.production,
            )),
            accounts,
            db,
            events: config.events,
            metrics,
        })
    }

    /// The address GraphQL is served on.
    pub fn http_addr(&self) -> SocketAddr {
        self.listeners.http_addr()
    }

    /// The address `UserService` is served on.
    pub fn grpc_addr(&self) -> SocketAddr {
        self.listeners.grpc_addr()
    }

    /// The secret GraphQL expects from the router.
    pub fn router_secret(&self) -> platform::guard::RouterSecret {
        self.http.router_secret.clone()
    }

    /// The account use cases, for tools and tests.
    pub fn accounts(&self) -> Arc<Accounts> {
        self.accounts.clone()
    }

    /// The pool's statement counter, for tests.
    pub fn db(&self) -> Db {
        self.db.clone()
    }

    /// The service's metrics, as `/metrics` serves them.
    pub fn metrics(&self) -> platform::metrics::Metrics {
        self.metrics.clone()
    }

    /// Serves until `shutdown` completes.
    pub async fn run_until_stopped(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let schema = build_schema(Some(self.accounts.clone()));
        let http = platform::server::graphql_routes(
            schema,
            Arc::new(LocalVerifier(self.accounts.clone())),
            &self.http,
            self.limiter.clone(),
            &self.metrics,
        )
        .merge(crate::http::routes(&self.accounts));
        let grpc =
            tonic::service::Routes::new(UserServiceServer::new(UserGrpc::new(self.accounts)));
        let ops = platform::server::Operations::standard(
            &self.metrics,
            self.db.pool(),
            &store::MIGRATOR,
            self.events.as_ref(),
            vec![<UserServiceServer<UserGrpc> as tonic::server::NamedService>::NAME],
        );
        // Stopped with the server, or when this future is dropped.
        let _relay = self.events.map(|broker| {
            // Reset and verification links are live credentials: gone once
            // the broker has them.
            let settings = RelaySettings {
                forget_on_publish: &[
                    "user.password_reset_requested",
                    "user.email_verification_requested",
                ],
                ..RelaySettings::default()
            };
            Relay::new("user", self.db.pool().clone(), broker, settings)
                .observed_by(&self.metrics)
                .spawn()
        });
        platform::server::serve(
            "user",
            self.listeners,
            http,
            grpc,
            &self.grpc_tls,
            crate::grpc::server::ACCESS,
            ops,
            shutdown,
        )
        .await
    }
}

platform::impl_service!(Application);
