//! Building and running the order service.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

use platform::auth::GrpcTokenVerifier;
use platform::cache::Cache;
use platform::db::Db;
use platform::server::Listeners;
use proto::order::order_service_server::OrderServiceServer;

use crate::config::Config;
use crate::graphql::build_schema;
use crate::grpc::OrderGrpc;
use crate::grpc::clients::ProductCatalog;
use crate::ordering::Ordering;
use crate::store::{self, OrderStore};

/// An order service that is bound to its ports and ready to run.
pub struct Application {
    listeners: Listeners,
    ordering: Arc<Ordering>,
    verifier: Arc<GrpcTokenVerifier>,
    db: Db,
}

impl Application {
    /// Connects to PostgreSQL (running migrations) and Redis (optional), and
    /// binds both ports (port 0 picks a free one). Peer services may start
    /// later: their channels connect lazily.
    pub async fn build(config: Config) -> anyhow::Result<Self> {
        let pool = platform::db::connect(config.database.clone(), 10).await?;
        store::migrate(&pool).await?;
        let db = Db::new(pool);
        let cache = Cache::connect(
            &config.redis_url,
            "order",
            "token verifications are cached in-process only",
        )
        .await;
        let verifier = Arc::new(GrpcTokenVerifier::new(
            &config.user_grpc_url,
            cache,
            config.token_cache_ttl,
        )?);
        let ordering = Arc::new(Ordering::new(
            OrderStore::new(db.clone()),
            ProductCatalog::new(&config.product_grpc_url)?,
        ));
        let listeners = Listeners::bind(config.http_addr, config.grpc_addr).await?;
        Ok(Self {
            listeners,
            ordering,
            verifier,
            db,
        })
    }

    pub fn http_addr(&self) -> SocketAddr {
        self.listeners.http_addr()
    }

    pub fn grpc_addr(&self) -> SocketAddr {
        self.listeners.grpc_addr()
    }

    /// The pool's statement counter, for tests.
    pub fn db(&self) -> Db {
        self.db.clone()
    }

    pub async fn run_until_stopped(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let schema = build_schema(Some(self.ordering.clone()));
        let http = platform::server::graphql_routes(schema, self.verifier, "order subgraph");
        let (health, health_service) = tonic_health::server::health_reporter();
        health.set_serving::<OrderServiceServer<OrderGrpc>>().await;
        let grpc = tonic::service::Routes::new(health_service)
            .add_service(OrderServiceServer::new(OrderGrpc::new(self.ordering)));
        platform::server::serve("order", self.listeners, http, grpc, shutdown).await
    }
}
