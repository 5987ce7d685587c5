//! Building and running the order service.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

use platform::auth::GrpcTokenVerifier;
use platform::db::Db;
use platform::events::{BrokerConfig, Relay, RelaySettings};
use platform::server::{AbortOnDrop, Listeners};
use proto::order::order_service_server::OrderServiceServer;

use crate::app::Services;
use crate::app::aftercare::Aftercare;
use crate::app::carts::Carts;
use crate::app::checkout::Checkout;
use crate::app::ordering::Ordering;
use crate::config::Config;
use crate::graphql::build_schema;
use crate::grpc::clients::{ProductCatalog, UserDirectory};
use crate::grpc::server::OrderGrpc;
use crate::ports::{PaymentGateway, Products, Users};
use crate::store::payment_simulator::SimulatedGateway;
use crate::store::{self, OrderStore};

/// An order service that is bound to its ports and ready to run.
pub struct Application {
    listeners: Listeners,
    /// The GraphQL endpoint's guard: the router's secret and HTTP limits.
    http: platform::guard::HttpSettings,
    /// The gRPC identity (mutual TLS).
    grpc_tls: platform::tls::GrpcTls,
    /// Per-client request limits on GraphQL.
    limiter: Arc<platform::ratelimit::RateLimiter>,
    services: Arc<Services>,
    verifier: Arc<GrpcTokenVerifier>,
    db: Db,
    /// How often the recovery worker runs.
    recovery_interval: std::time::Duration,
    /// Counts `GetProducts` calls, for tests.
    product_lookups: Arc<std::sync::atomic::AtomicU64>,
    /// Where the outbox relay publishes, if anywhere.
    events: Option<BrokerConfig>,
}

impl Application {
    /// Connects to PostgreSQL (running migrations) and Redis (optional), and
    /// binds both ports (port 0 picks a free one). Peer services may start
    /// later: their channels connect lazily.
    pub async fn build(config: Config) -> anyhow::Result<Self> {
        let listeners = Listeners::bind(config.http_addr, config.grpc_addr).await?;
        Self::build_on(config, listeners).await
    }

    /// As [`Application::build`], on listeners the caller already holds
    /// (the tests bind port 0 first, so that no two of them race for a
    /// port). `config.http_addr` and `config.grpc_addr` are not used.
    pub async fn build_on(config: Config, listeners: Listeners) -> anyhow::Result<Self> {
        let pool = platform::db::connect(config.database.clone(), 10).await?;
        let cache = platform::cache::Cache::connect(
            config.redis_url.as_deref(),
            "order",
            "rate limits count per process",
        )
        .await;
        store::migrate(&pool).await?;
        let db = Db::new(pool);
        let verifier = Arc::new(GrpcTokenVerifier::new(
            &config.user_grpc_url,
            &config.grpc_tls,
            &config.peers,
            config.token_cache_ttl,
        )?);
        let store = OrderStore::new(db.clone());
        let catalog =
            ProductCatalog::new(&config.product_grpc_url, &config.grpc_tls, &config.peers)?;
        let product_lookups = catalog.lookup_counter();
        let products: Arc<dyn Products> = Arc::new(catalog);
        let users: Arc<dyn Users> = Arc::new(UserDirectory::new(
            &config.user_grpc_url,
            &config.grpc_tls,
            &config.peers,
        )?);
        let mut gateway: Arc<dyn PaymentGateway> = match config.payment_gateway {
            crate::config::PaymentGatewayKind::Simulator => {
                Arc::new(SimulatedGateway::new(db.clone(), config.payment_timeout))
            }
        };
        if let Some(fault) = config.peers.faults.payment() {
            gateway = Arc::new(crate::store::payment_simulator::FaultyGateway::new(
                gateway, fault,
            ));
        }
        let services = Arc::new(Services {
            ordering: Ordering::new(store.clone(), gateway.clone()),
            carts: Carts::new(store.clone(), products.clone()),
            aftercare: Aftercare::new(
                store.clone(),
                products.clone(),
                gateway.clone(),
                config.auto_complete_after,
            ),
            checkout: Checkout::new(store, products, users, gateway, config.checkout.clone()),
        });
        Ok(Self {
            listeners,
            http: config.http.clone(),
            grpc_tls: config.grpc_tls.clone(),
            limiter: Arc::new(platform::ratelimit::RateLimiter::new(
                config.http.rate_limit,
                cache.clone(),
                "order",
                config.http.production,
            )),
            services,
            verifier,
            db,
            recovery_interval: config.recovery_interval,
            product_lookups,
            events: config.events.clone(),
        })
    }

    /// The address GraphQL is served on.
    pub fn http_addr(&self) -> SocketAddr {
        self.listeners.http_addr()
    }

    /// The address `OrderService` is served on.
    pub fn grpc_addr(&self) -> SocketAddr {
        self.listeners.grpc_addr()
    }

    /// The secret GraphQL expects from the router.
    pub fn router_secret(&self) -> platform::guard::RouterSecret {
        self.http.router_secret.clone()
    }

    /// How many `GetProducts` calls the service has made, for tests.
    pub fn product_lookups(&self) -> Arc<std::sync::atomic::AtomicU64> {
        self.product_lookups.clone()
    }

    /// The pool's statement counter, for tests.
    pub fn db(&self) -> Db {
        self.db.clone()
    }

    /// Serves until `shutdown` completes; the recovery worker stops with it.
    pub async fn run_until_stopped(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let schema = build_schema(Some(self.services.clone()));
        let http = platform::server::graphql_routes(
            schema,
            self.verifier.clone(),
            &self.http,
            self.limiter.clone(),
        )
        .merge(crate::http::routes(
            self.services.clone(),
            self.verifier.clone(),
        ));
        let (health, health_service) = tonic_health::server::health_reporter();
        health.set_serving::<OrderServiceServer<OrderGrpc>>().await;
        let grpc = tonic::service::Routes::new(health_service).add_service(
            OrderServiceServer::new(OrderGrpc::new(self.services.clone(), self.verifier.clone())),
        );
        // Stopped with the server, or when this future is dropped.
        let _worker = AbortOnDrop(tokio::spawn(run_background_work(
            self.services.clone(),
            self.recovery_interval,
        )));
        let _relay = self.events.map(|broker| {
            Relay::new(
                "order",
                self.db.pool().clone(),
                broker,
                RelaySettings::default(),
            )
            .spawn()
        });
        platform::server::serve(
            "order",
            self.listeners,
            http,
            grpc,
            &self.grpc_tls,
            crate::grpc::server::ACCESS,
            shutdown,
        )
        .await
    }
}

/// The recovery worker: on startup and then every `interval`, drives stalled
/// checkouts forward (or compensates them), retries pending refunds and
/// restocks, completes orders delivered long enough ago, and now and then
/// forgets old idempotency keys.
async fn run_background_work(services: Arc<Services>, interval: std::time::Duration) {
    let mut passes: u64 = 0;
    loop {
        if let Err(err) = services.checkout.recover_stalled().await {
            tracing::warn!(error = %err, "checkout recovery pass failed");
        }
        if let Err(err) = services.aftercare.work_off().await {
            tracing::warn!(error = %err, "refund, restock or completion pass failed");
        }
        if passes.is_multiple_of(720) {
            match services.checkout.purge_keys().await {
                Ok(0) => {}
                Ok(n) => tracing::info!(purged = n, "forgot expired idempotency keys"),
                Err(err) => tracing::warn!(error = %err, "could not purge idempotency keys"),
            }
        }
        passes += 1;
        tokio::time::sleep(interval).await;
    }
}

platform::impl_service!(Application);
