//! Building and running the product service.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

use platform::auth::GrpcTokenVerifier;
use platform::cache::Cache;
use platform::db::Db;
use platform::events::contract::PRODUCT_PURCHASES_GROUP;
use platform::events::{BrokerConfig, Consumer, Relay, RelaySettings};
use platform::server::{AbortOnDrop, Listeners};

use crate::events::PurchaseConsumer;
use proto::product::product_service_server::ProductServiceServer;

use crate::app::catalog::Catalog;
use crate::config::Config;
use crate::graphql::build_schema;
use crate::grpc::clients::OrderPurchases;
use crate::grpc::server::ProductGrpc;
use crate::store::{self, ProductCache, ProductStore, SearchIndex};

/// A product service that is bound to its ports and ready to run.
pub struct Application {
    listeners: Listeners,
    /// The GraphQL endpoint's guard: the router's secret and HTTP limits.
    http: platform::guard::HttpSettings,
    /// The gRPC identity (mutual TLS).
    grpc_tls: platform::tls::GrpcTls,
    /// Per-client request limits on GraphQL.
    limiter: Arc<platform::ratelimit::RateLimiter>,
    catalog: Arc<Catalog>,
    /// The in-memory search index, followed while the service runs.
    search: Arc<SearchIndex>,
    verifier: Arc<GrpcTokenVerifier>,
    db: Db,
    /// How often expired reservations are released.
    sweep_interval: std::time::Duration,
    /// Where the outbox relay publishes and `order.paid` is consumed from.
    events: Option<BrokerConfig>,
    /// The service's metrics, served at `/metrics`.
    metrics: platform::metrics::Metrics,
}

/// Releases expired reservations every `interval`. State lives in the
/// database, so reservations that expire while the service is down are
/// released by the first sweep after it starts.
async fn sweep_expired_reservations(
    catalog: Arc<Catalog>,
    interval: std::time::Duration,
    metrics: platform::metrics::Metrics,
) {
    let released_total = metrics
        .counter(
            "reservations_released_total",
            "Expired stock reservations this replica's sweeper released.",
            &[],
        )
        .with_label_values::<&str>(&[]);
    let mut ticker = tokio::time::interval(interval);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticker.tick().await;
        match catalog.release_expired().await {
            Ok(0) => {}
            Ok(released) => {
                released_total.inc_by(released as u64);
                tracing::info!(released, "released expired stock reservations")
            }
            Err(err) => {
                tracing::warn!(error = %err, "sweeping expired reservations failed; will retry")
            }
        }
    }
}

/// Applies this service's migrations and returns (`product migrate`).
pub async fn migrate(config: &Config) -> anyhow::Result<()> {
    platform::db::apply_migrations(
        "product",
        store::connect_options(config.database.clone()),
        &store::MIGRATOR,
    )
    .await
}

impl Application {
    /// Connects to PostgreSQL (running migrations) and Redis (optional), and
    /// binds both ports (port 0 picks a free one).
    pub async fn build(config: Config) -> anyhow::Result<Self> {
        let listeners = Listeners::bind(config.http_addr, config.grpc_addr).await?;
        Self::build_on(config, listeners).await
    }

    /// As [`Application::build`], on listeners the caller already holds
    /// (the tests bind port 0 first, so that no two of them race for a
    /// port). `config.http_addr` and `config.grpc_addr` are not used.
    pub async fn build_on(config: Config, listeners: Listeners) -> anyhow::Result<Self> {
        let metrics = platform::metrics::Metrics::new("product");
        let pool =
            platform::db::connect(store::connect_options(config.database.clone()), 10).await?;
        store::migrate(&pool).await?;
        metrics.watch_outbox(pool.clone());
        let db = Db::observed(pool, &metrics);
        let cache = Cache::connect(
            config.redis_url.as_deref(),
            "product",
            "product reads go to PostgreSQL, rate limits count per process",
        )
        .await;
        metrics.watch_redis(&cache);
        let peers = config.peers.observed_by(&metrics);
        let verifier = Arc::new(GrpcTokenVerifier::new(
            &config.user_grpc_url,
            &config.grpc_tls,
            &peers,
            config.token_cache_ttl,
        )?);
        // Keys are namespaced by database, so stacks sharing one Redis (and
        // parallel tests) never read each other's entries.
        let namespace = config.database.get_database().unwrap_or("shop").to_string();
        // The search index is built before the service serves: a replica
        // is ready when it can answer searches from memory.
        let started = std::time::Instant::now();
        let search = SearchIndex::build(db.pool().clone()).await?;
        search.observed_by(&metrics);
        tracing::info!(
            seconds = started.elapsed().as_secs_f64(),
            "search index built"
        );
        let catalog = Arc::new(
            Catalog::with(
                ProductStore::new(db.clone()),
                ProductCache::new(cache.clone(), &namespace, config.cache_ttl)
                    .observed_by(&metrics),
                Arc::new(OrderPurchases::new(
                    &config.order_grpc_url,
                    &config.grpc_tls,
                    &peers,
                )?),
            )
            .searching_with(search.clone()),
        );
        Ok(Self {
            listeners,
            http: config.http.clone(),
            grpc_tls: config.grpc_tls.clone(),
            limiter: Arc::new(platform::ratelimit::RateLimiter::for_database(
                config.http.rate_limit,
                cache.clone(),
                "product",
                &config.database,
                config.http.production,
            )),
            catalog,
            search,
            verifier,
            db,
            sweep_interval: config.reservation_sweep_interval,
            events: config.events.clone(),
            metrics,
        })
    }

    /// The address GraphQL is served on.
    pub fn http_addr(&self) -> SocketAddr {
        self.listeners.http_addr()
    }

    /// The address `ProductService` is served on.
    pub fn grpc_addr(&self) -> SocketAddr {
        self.listeners.grpc_addr()
    }

    /// The secret GraphQL expects from the router.
    pub fn router_secret(&self) -> platform::guard::RouterSecret {
        self.http.router_secret.clone()
    }

    /// The catalog use cases, for tools and tests.
    pub fn catalog(&self) -> Arc<Catalog> {
        self.catalog.clone()
    }

    /// The pool's statement counter, for tests.
    pub fn db(&self) -> Db {
        self.db.clone()
    }

    /// The service's metrics, as `/metrics` serves them.
    pub fn metrics(&self) -> platform::metrics::Metrics {
        self.metrics.clone()
    }

    /// Serves until `shutdown` completes; the sweeper stops with it.
    pub async fn run_until_stopped(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let schema = build_schema(Some(self.catalog.clone()));
        let http = platform::server::graphql_routes(
            schema,
            self.verifier.clone(),
            &self.http,
            self.limiter.clone(),
            &self.metrics,
        );
        let grpc = tonic::service::Routes::new(ProductServiceServer::new(ProductGrpc::new(
            self.catalog.clone(),
            self.verifier.clone(),
        )));
        let ops = platform::server::Operations::standard(
            &self.metrics,
            self.db.pool(),
            &store::MIGRATOR,
            self.events.as_ref(),
            vec![<ProductServiceServer<ProductGrpc> as tonic::server::NamedService>::NAME],
        );
        // Stopped with the server, or when this future is dropped.
        let _search = AbortOnDrop(tokio::spawn(self.search.clone().follow()));
        let _sweeper = AbortOnDrop(tokio::spawn(sweep_expired_reservations(
            self.catalog.clone(),
            self.sweep_interval,
            self.metrics.clone(),
        )));
        let _events = self.events.map(|broker| {
            let pool = self.db.pool().clone();
            let consumer = Consumer::new(
                pool.clone(),
                broker.clone(),
                PRODUCT_PURCHASES_GROUP,
                Arc::new(PurchaseConsumer(self.catalog.clone())),
            )
            .observed_by(&self.metrics);
            (
                Relay::new("product", pool, broker, RelaySettings::default())
                    .observed_by(&self.metrics)
                    .spawn(),
                consumer.spawn(),
            )
        });
        platform::server::serve(
            "product",
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
