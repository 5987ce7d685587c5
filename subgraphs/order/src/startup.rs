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
    /// The service's metrics, served at `/metrics`.
    metrics: platform::metrics::Metrics,
}

/// Reports orders and refunds by status at each scrape.
fn watch_statuses(metrics: &platform::metrics::Metrics, pool: sqlx::PgPool) {
    let orders = metrics.gauge(
        "orders",
        "Orders by status (the whole database: every replica reports the same).",
        &["status"],
    );
    let refunds = metrics.gauge(
        "refunds",
        "Refunds by status: PENDING, SUCCEEDED, FAILED (the whole database).",
        &["status"],
    );
    // A status that no longer has rows reads 0, not its last count.
    let seen = Arc::new(std::sync::Mutex::new(std::collections::BTreeSet::from([
        ("refund", "PENDING".to_string()),
        ("refund", "SUCCEEDED".to_string()),
        ("refund", "FAILED".to_string()),
    ])));
    metrics.on_scrape(move || {
        let (pool, orders, refunds, seen) =
            (pool.clone(), orders.clone(), refunds.clone(), seen.clone());
        async move {
            let (by_status, refunds_by_status) = match store::status_counts(&pool).await {
                Ok(counts) => counts,
                Err(error) => {
                    tracing::warn!(%error, "counting orders for metrics failed");
                    return;
                }
            };
            let mut seen = seen.lock().unwrap_or_else(|e| e.into_inner());
            for (status, _) in &by_status {
                seen.insert(("order", status.clone()));
            }
            for (status, _) in &refunds_by_status {
                seen.insert(("refund", status.clone()));
            }
            for (kind, status) in seen.iter() {
                let (gauge, counts) = match *kind {
                    "order" => (&orders, &by_status),
                    _ => (&refunds, &refunds_by_status),
                };
                let count = counts
                    .iter()
                    .find(|(s, _)| s == status)
                    .map_or(0, |(_, n)| *n);
                gauge.with_label_values(&[status.as_str()]).set(count);
            }
        }
    });
}

/// Applies this service's migrations and returns (`order migrate`).
pub async fn migrate(config: &Config) -> anyhow::Result<()> {
    platform::db::apply_migrations("order", config.database.clone(), &store::MIGRATOR).await
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
        let metrics = platform::metrics::Metrics::new("order");
        let peers = config.peers.observed_by(&metrics);
        let pool = platform::db::connect(config.database.clone(), 10).await?;
        let cache = platform::cache::Cache::connect(
            config.redis_url.as_deref(),
            "order",
            "rate limits count per process",
        )
        .await;
        metrics.watch_redis(&cache);
        store::migrate(&pool).await?;
        metrics.watch_outbox(pool.clone());
        watch_statuses(&metrics, pool.clone());
        let db = Db::observed(pool, &metrics);
        let verifier = Arc::new(GrpcTokenVerifier::new(
            &config.user_grpc_url,
            &config.grpc_tls,
            &peers,
            config.token_cache_ttl,
        )?);
        let store = OrderStore::new(db.clone());
        let catalog = ProductCatalog::new(&config.product_grpc_url, &config.grpc_tls, &peers)?;
        let product_lookups = catalog.lookup_counter();
        let products: Arc<dyn Products> = Arc::new(catalog);
        let users: Arc<dyn Users> = Arc::new(UserDirectory::new(
            &config.user_grpc_url,
            &config.grpc_tls,
            &peers,
        )?);
        let mut gateway: Arc<dyn PaymentGateway> = match &config.payment_gateway {
            crate::config::PaymentGatewayKind::Simulator => {
                Arc::new(SimulatedGateway::new(db.clone(), config.payment_timeout))
            }
            crate::config::PaymentGatewayKind::Stripe(settings) => {
                Arc::new(crate::store::stripe::StripeGateway::new(settings.clone())?)
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
            checkout: Checkout::new(store, products, users, gateway, config.checkout.clone())
                .observed_by(&metrics),
        });
        Ok(Self {
            listeners,
            http: config.http.clone(),
            grpc_tls: config.grpc_tls.clone(),
            limiter: Arc::new(platform::ratelimit::RateLimiter::for_database(
                config.http.rate_limit,
                cache.clone(),
                "order",
                &config.database,
                config.http.production,
            )),
            services,
            verifier,
            db,
            recovery_interval: config.recovery_interval,
            product_lookups,
            events: config.events.clone(),
            metrics,
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

    /// The service's metrics, as `/metrics` serves them.
    pub fn metrics(&self) -> platform::metrics::Metrics {
        self.metrics.clone()
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
            &self.metrics,
        )
        .merge(crate::http::routes(
            self.services.clone(),
            self.verifier.clone(),
        ));
        let grpc = tonic::service::Routes::new(OrderServiceServer::new(OrderGrpc::new(
            self.services.clone(),
            self.verifier.clone(),
        )));
        let ops = platform::server::Operations::standard(
            &self.metrics,
            self.db.pool(),
            &store::MIGRATOR,
            self.events.as_ref(),
            vec![<OrderServiceServer<OrderGrpc> as tonic::server::NamedService>::NAME],
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
            .observed_by(&self.metrics)
            .spawn()
        });
        platform::server::serve(
            "order",
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
