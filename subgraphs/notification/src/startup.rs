//! Building and running the notification service.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use platform::auth::{GrpcTokenVerifier, TokenVerifier};
use platform::db::Db;
use platform::events::contract::NOTIFICATION_GROUP;
use platform::events::{BrokerConfig, Consumer};
use platform::server::{AbortOnDrop, Listeners};
use proto::notification::notification_service_server::NotificationServiceServer;

use crate::app::inbox::Inbox;
use crate::app::notifier::Notifier;
use crate::app::sender::Sender;
use crate::app::templates::Templates;
use crate::channels::{EmailChannel, SmsFileSink};
use crate::config::Config;
use crate::domain::messages::Links;
use crate::events::NotificationConsumer;
use crate::graphql::build_schema;
use crate::grpc::clients::UserDirectory;
use crate::grpc::server::NotificationGrpc;
use crate::ports::{SmsSender, Users};
use crate::store::{self, NotificationStore};

/// A notification service that is bound to its ports and ready to run.
pub struct Application {
    listeners: Listeners,
    /// The GraphQL endpoint's guard: the router's secret and HTTP limits.
    http: platform::guard::HttpSettings,
    /// The gRPC identity (mutual TLS).
    grpc_tls: platform::tls::GrpcTls,
    /// Per-client request limits on GraphQL.
    limiter: Arc<platform::ratelimit::RateLimiter>,
    inbox: Arc<Inbox>,
    notifier: Arc<Notifier>,
    sender: Sender,
    verifier: Arc<GrpcTokenVerifier>,
    db: Db,
    /// Where events are consumed from, if anywhere.
    events: Option<BrokerConfig>,
    /// How often the delivery worker looks for due messages.
    send_interval: Duration,
    /// The service's metrics, served at `/metrics`.
    metrics: platform::metrics::Metrics,
}

/// Applies this service's migrations and returns (`notification migrate`).
pub async fn migrate(config: &Config) -> anyhow::Result<()> {
    platform::db::apply_migrations("notification", config.database.clone(), &store::MIGRATOR).await
}

impl Application {
    /// Connects to PostgreSQL (running migrations) and Redis (optional),
    /// compiles the templates, and binds both ports (port 0 picks a free one).
    pub async fn build(config: Config) -> anyhow::Result<Self> {
        let listeners = Listeners::bind(config.http_addr, config.grpc_addr).await?;
        Self::build_on(config, listeners).await
    }

    /// As [`Application::build`], on listeners the caller already holds
    /// (the tests bind port 0 first). Text messages go to the development
    /// sink in `config.sms_dir`.
    pub async fn build_on(config: Config, listeners: Listeners) -> anyhow::Result<Self> {
        let sms = Arc::new(SmsFileSink::new(config.sms_dir.clone())?);
        Self::build_with(config, listeners, sms).await
    }

    /// As [`Application::build_on`], with an SMS provider of the caller's:
    /// how a real provider plugs in.
    pub async fn build_with(
        config: Config,
        listeners: Listeners,
        sms: Arc<dyn SmsSender>,
    ) -> anyhow::Result<Self> {
        let metrics = platform::metrics::Metrics::new("notification");
        let peers = config.peers.observed_by(&metrics);
        let pool = platform::db::connect(config.database.clone(), 10).await?;
        let cache = platform::cache::Cache::connect(
            config.redis_url.as_deref(),
            "notification",
            "rate limits count per process",
        )
        .await;
        metrics.watch_redis(&cache);
        store::migrate(&pool).await?;
        let db = Db::observed(pool, &metrics);
        let verifier = Arc::new(GrpcTokenVerifier::new(
            &config.user_grpc_url,
            &config.grpc_tls,
            &peers,
            config.token_cache_ttl,
        )?);
        let store = NotificationStore::new(db.clone());
        let users: Arc<dyn Users> = Arc::new(UserDirectory::new(
            &config.user_grpc_url,
            &config.grpc_tls,
            &peers,
        )?);
        let templates = Arc::new(Templates::new()?);
        let links = Links {
            storefront: config.storefront_url.trim_end_matches('/').to_string(),
            invoices: config.invoice_base_url.trim_end_matches('/').to_string(),
        };
        let mailer = Arc::new(EmailChannel::new(&config.mail, &config.mail_from)?);
        tracing::info!(mail = ?config.mail, "notification channels ready");
        Ok(Self {
            listeners,
            http: config.http.clone(),
            grpc_tls: config.grpc_tls.clone(),
            limiter: Arc::new(platform::ratelimit::RateLimiter::for_database(
                config.http.rate_limit,
                cache.clone(),
                "notification",
                &config.database,
                config.http.production,
            )),
            inbox: Arc::new(Inbox::new(store.clone())),
            notifier: Arc::new(Notifier::new(
                store.clone(),
                users.clone(),
                templates,
                links,
            )),
            sender: Sender::new(store, users, mailer, sms),
            verifier,
            db,
            events: config.events,
            send_interval: config.send_interval,
            metrics,
        })
    }

    /// The address GraphQL is served on.
    pub fn http_addr(&self) -> SocketAddr {
        self.listeners.http_addr()
    }

    /// The address `NotificationService` is served on.
    pub fn grpc_addr(&self) -> SocketAddr {
        self.listeners.grpc_addr()
    }

    /// The secret GraphQL expects from the router.
    pub fn router_secret(&self) -> platform::guard::RouterSecret {
        self.http.router_secret.clone()
    }

    /// The pool's statement counter, for tests.
    pub fn db(&self) -> Db {
        self.db.clone()
    }

    /// The service's metrics, as `/metrics` serves them.
    pub fn metrics(&self) -> platform::metrics::Metrics {
        self.metrics.clone()
    }

    /// Serves until `shutdown` completes; the consumer and the delivery
    /// worker stop with it.
    pub async fn run_until_stopped(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let verifier: Arc<dyn TokenVerifier> = self.verifier.clone();
        let schema = build_schema(Some(self.inbox.clone()));
        let http = platform::server::graphql_routes(
            schema,
            verifier.clone(),
            &self.http,
            self.limiter.clone(),
            &self.metrics,
        );
        let grpc = tonic::service::Routes::new(NotificationServiceServer::new(
            NotificationGrpc::new(self.inbox.clone(), verifier),
        ));
        let ops = platform::server::Operations::standard(
            &self.metrics,
            self.db.pool(),
            &store::MIGRATOR,
            self.events.as_ref(),
            vec![
                <NotificationServiceServer<NotificationGrpc> as tonic::server::NamedService>::NAME,
            ],
        );
        // Stopped with the server, or when this future is dropped.
        let _sender = AbortOnDrop(tokio::spawn(self.sender.run(self.send_interval)));
        let _consumer = self.events.map(|broker| {
            Consumer::new(
                self.db.pool().clone(),
                broker,
                NOTIFICATION_GROUP,
                Arc::new(NotificationConsumer(self.notifier.clone())),
            )
            .observed_by(&self.metrics)
            .spawn()
        });
        platform::server::serve(
            "notification",
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
