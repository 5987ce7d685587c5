//! Serving a subgraph: GraphQL over axum and gRPC over tonic, side by side,
//! stopping together on one shutdown signal.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

use async_graphql::{ObjectType, Schema, SubscriptionType};
use async_graphql_axum::{GraphQLRequest, GraphQLResponse};
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tower::ServiceBuilder;

use crate::auth::{RequestAuth, TokenVerifier};
use crate::guard::HttpSettings;

/// The client's IP address as the last `X-Forwarded-For` hop reports it, for
/// per-IP throttling, when the deployment trusts that header
/// ([`HttpSettings::trust_forwarded_for`], the default: the router's front
/// door writes it, and only the router reaches a subgraph). Otherwise it is
/// `None`: a header any client can write is no address.
#[derive(Debug, Clone)]
pub struct ClientIp(pub Option<String>);

impl ClientIp {
    /// Reads the last valid `X-Forwarded-For` hop.
    pub fn from_headers(headers: &HeaderMap) -> Self {
        let last = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .rfind(|v| v.parse::<std::net::IpAddr>().is_ok())
            .map(str::to_string);
        Self(last)
    }
}

/// Shared state of the GraphQL routes.
struct GraphqlState<Q, M, S> {
    schema: Schema<Q, M, S>,
    verifier: Arc<dyn TokenVerifier>,
    /// Production: no introspection.
    production: bool,
    /// Whether `X-Forwarded-For` names the client.
    trust_forwarded_for: bool,
    /// The longest a request may take here: its deadline, unless the
    /// router's is sooner (see [`crate::deadline`]).
    request_timeout: std::time::Duration,
    /// Per-client request limits.
    limiter: Arc<crate::ratelimit::RateLimiter>,
    /// Where each request is counted.
    metrics: crate::metrics::Metrics,
}

/// The HTTP routes of a subgraph:
/// - `POST /graphql` executes operations sent by the router (see
///   [`crate::guard`]), with the caller's bearer token, within the body,
///   time and concurrency limits of `settings`;
/// - `GET /graphql` says where to explore the API instead: the one IDE is
///   the router's.
///
/// Each request is counted in `metrics` by its operation name and error
/// codes. [`serve`] adds the health and metrics routes.
pub fn graphql_routes<Q, M, S>(
    schema: Schema<Q, M, S>,
    verifier: Arc<dyn TokenVerifier>,
    settings: &HttpSettings,
    limiter: Arc<crate::ratelimit::RateLimiter>,
    metrics: &crate::metrics::Metrics,
) -> axum::Router
where
    Q: ObjectType + 'static,
    M: ObjectType + 'static,
    S: SubscriptionType + 'static,
{
    let state = Arc::new(GraphqlState {
        schema,
        verifier,
        production: settings.production,
        trust_forwarded_for: settings.trust_forwarded_for,
        request_timeout: settings.request_timeout,
        limiter,
        metrics: metrics.clone(),
    });
    let graphql = post(execute::<Q, M, S>)
        .layer::<_, std::convert::Infallible>(DefaultBodyLimit::disable())
        // The GraphQL extractor reads the body as a stream, so the limit is
        // on the stream (413 when Content-Length or the bytes exceed it).
        .layer::<_, std::convert::Infallible>(tower_http::limit::RequestBodyLimitLayer::new(
            settings.body_limit,
        ))
        .layer::<_, std::convert::Infallible>(
            ServiceBuilder::new()
                .layer(axum::error_handling::HandleErrorLayer::new(
                    crate::guard::overload_response,
                ))
                .load_shed()
                .concurrency_limit(settings.max_concurrency)
                .timeout(settings.request_timeout),
        )
        .layer::<_, std::convert::Infallible>(axum::middleware::from_fn_with_state(
            settings.router_secret.clone(),
            crate::guard::require_router,
        ))
        .get(|| async {
            (
                StatusCode::NOT_FOUND,
                "This subgraph answers GraphQL only from the router. Explore the API through the router (http://127.0.0.1:4000 in development).\n",
            )
        });
    axum::Router::new()
        .route("/graphql", graphql)
        .with_state(state)
}

async fn execute<Q, M, S>(
    State(state): State<Arc<GraphqlState<Q, M, S>>>,
    headers: HeaderMap,
    request: GraphQLRequest,
) -> GraphQLResponse
where
    Q: ObjectType + 'static,
    M: ObjectType + 'static,
    S: SubscriptionType + 'static,
{
    use tracing::Instrument as _;
    let started = std::time::Instant::now();
    let request = request.into_inner();
    let operation = request.operation_name.clone();
    let request_id = headers
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .filter(|v| v.len() <= 64 && v.bytes().all(|b| b.is_ascii_graphic()))
        .map_or_else(|| uuid::Uuid::new_v4().simple().to_string(), str::to_string);
    let name = operation.as_deref().unwrap_or("anonymous");
    let span = tracing::info_span!(
        "graphql",
        otel.name = %format!("graphql {name}"),
        otel.kind = "server",
        graphql.operation.name = %name,
        shop.service = %state.metrics.service(),
        request_id = %request_id,
        trace_id = tracing::field::Empty,
        span_id = tracing::field::Empty,
    );
    crate::telemetry::continue_from(&span, &headers);
    let response = answer(&state, &headers, request).instrument(span).await;
    state.metrics.graphql(
        operation.as_deref(),
        started.elapsed(),
        response.errors.iter().map(error_code),
    );
    response.into()
}

/// The `extensions.code` of an error, as a metric label.
fn error_code(error: &async_graphql::ServerError) -> &str {
    match error.extensions.as_ref().and_then(|e| e.get("code")) {
        Some(async_graphql::Value::String(code)) => code.as_str(),
        Some(async_graphql::Value::Enum(code)) => code.as_str(),
        _ => "NONE",
    }
}

async fn answer<Q, M, S>(
    state: &GraphqlState<Q, M, S>,
    headers: &HeaderMap,
    request: async_graphql::Request,
) -> async_graphql::Response
where
    Q: ObjectType + 'static,
    M: ObjectType + 'static,
    S: SubscriptionType + 'static,
{
    let auth = RequestAuth::from_headers(headers, state.verifier.clone());
    let client_ip = if state.trust_forwarded_for {
        ClientIp::from_headers(headers)
    } else {
        ClientIp(None)
    };
    // The client's own limit: by user when the token verifies (the answer
    // is kept for the resolvers), else by a trusted address, else none.
    let client = match auth.optional_principal().await {
        Ok(Some(principal)) => Some(format!("user:{}", principal.user_id)),
        _ => client_ip.0.as_ref().map(|ip| format!("ip:{ip}")),
    };
    if let Some(client) = client
        && let Err(retry_after) = state.limiter.check(&client).await
    {
        let error = async_graphql::Error::from(
            crate::ApiError::new(
                crate::ErrorCode::RateLimited,
                "too many requests from this client; retry after the time in retryAfter",
            )
            .with_detail("retryAfter", retry_after.to_string()),
        );
        return async_graphql::Response::from_errors(vec![
            error.into_server_error(async_graphql::Pos::default()),
        ]);
    }
    let traceparent = headers
        .get("traceparent")
        .and_then(|value| value.to_str().ok());
    let mut request = request.data(auth).data(client_ip);
    if state.production {
        request = request.disable_introspection();
    }
    // The request's deadline: ours, or the router's when it is sooner. Every
    // gRPC call the resolvers make gets what is left of it.
    let budget = headers
        .get(crate::deadline::ROUTER_TIMEOUT_HEADER)
        .and_then(|v| v.to_str().ok())
        .and_then(crate::deadline::parse_router_timeout)
        .map_or(state.request_timeout, |router| {
            router.min(state.request_timeout)
        });
    // Events this request causes carry its trace context.
    crate::deadline::within(
        budget,
        crate::events::with_traceparent(
            traceparent,
            crate::batching::drive(state.schema.execute(request)),
        ),
    )
    .await
}

/// The variables every service reads to serve: the GraphQL guard, its rate
/// limit, mutual TLS, peer timeouts and breakers, fault injection, and
/// telemetry. Each service's own `ENV_VARS` lists the rest.
pub const SERVING_ENV_VARS: [&[&str]; 6] = [
    crate::telemetry::ENV_VARS,
    crate::guard::ENV_VARS,
    crate::ratelimit::ENV_VARS,
    crate::tls::ENV_VARS,
    crate::breaker::ENV_VARS,
    crate::faults::ENV_VARS,
];

/// Whether `name` is one of [`SERVING_ENV_VARS`].
pub fn is_serving_var(name: &str) -> bool {
    SERVING_ENV_VARS.iter().any(|vars| vars.contains(&name))
}

/// A service that is bound to its ports and ready to run: what each
/// binary's `main`, and the test harness, start.
pub trait Service: Send + 'static {
    /// Where GraphQL is served.
    fn http_addr(&self) -> SocketAddr;
    /// Where the gRPC API is served.
    fn grpc_addr(&self) -> SocketAddr;
    /// The secret its GraphQL endpoint expects from the router.
    fn router_secret(&self) -> crate::guard::RouterSecret;
    /// Serves until `shutdown` completes, then lets in-flight requests
    /// finish and stops the service's background tasks.
    fn run_until_stopped(
        self,
        shutdown: futures::future::BoxFuture<'static, ()>,
    ) -> futures::future::BoxFuture<'static, anyhow::Result<()>>;
}

/// Implements [`Service`] for an `Application` with inherent `http_addr`,
/// `grpc_addr` and `run_until_stopped` methods.
#[macro_export]
macro_rules! impl_service {
    ($application:ty) => {
        impl $crate::server::Service for $application {
            fn http_addr(&self) -> ::std::net::SocketAddr {
                <$application>::http_addr(self)
            }
            fn grpc_addr(&self) -> ::std::net::SocketAddr {
                <$application>::grpc_addr(self)
            }
            fn router_secret(&self) -> $crate::guard::RouterSecret {
                <$application>::router_secret(self)
            }
            fn run_until_stopped(
                self,
                shutdown: ::futures::future::BoxFuture<'static, ()>,
            ) -> ::futures::future::BoxFuture<'static, ::anyhow::Result<()>> {
                ::std::boxed::Box::pin(<$application>::run_until_stopped(self, shutdown))
            }
        }
    };
}

/// Stops a background task (a sweeper, a worker) when dropped, so that it
/// ends with the server that started it, however that server ends.
pub struct AbortOnDrop(pub tokio::task::JoinHandle<()>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// The two listeners of a service, bound before it starts so that tests can
/// ask for port 0 and read the port back.
pub struct Listeners {
    /// The GraphQL and plain HTTP listener.
    pub http: TcpListener,
    /// The gRPC listener.
    pub grpc: TcpListener,
    /// The addresses actually bound (the real ports when 0 was asked for).
    http_addr: SocketAddr,
    grpc_addr: SocketAddr,
}

impl Listeners {
    /// Binds both addresses (port 0 picks a free port).
    pub async fn bind(http: SocketAddr, grpc: SocketAddr) -> anyhow::Result<Self> {
        use anyhow::Context;
        let http = TcpListener::bind(http)
            .await
            .with_context(|| format!("cannot listen on {http}"))?;
        let grpc = TcpListener::bind(grpc)
            .await
            .with_context(|| format!("cannot listen on {grpc}"))?;
        Ok(Self {
            http_addr: http.local_addr()?,
            grpc_addr: grpc.local_addr()?,
            http,
            grpc,
        })
    }

    /// Binds two free ports on 127.0.0.1, for tests.
    pub async fn local() -> anyhow::Result<Self> {
        let any = crate::config::LOCAL_ANY_PORT;
        Self::bind(any, any).await
    }

    /// Takes sockets that are already bound and listening, such as clones
    /// a test keeps so that a restarted service gets the same ports.
    pub fn from_std(
        http: std::net::TcpListener,
        grpc: std::net::TcpListener,
    ) -> anyhow::Result<Self> {
        http.set_nonblocking(true)?;
        grpc.set_nonblocking(true)?;
        let (http, grpc) = (TcpListener::from_std(http)?, TcpListener::from_std(grpc)?);
        Ok(Self {
            http_addr: http.local_addr()?,
            grpc_addr: grpc.local_addr()?,
            http,
            grpc,
        })
    }

    /// The HTTP address actually bound.
    pub fn http_addr(&self) -> SocketAddr {
        self.http_addr
    }

    /// The gRPC address actually bound.
    pub fn grpc_addr(&self) -> SocketAddr {
        self.grpc_addr
    }
}

/// What every service serves besides its own APIs: `/metrics`, the health
/// routes and gRPC health (see [`crate::health`]), and gRPC reflection.
pub struct Operations {
    /// The service's metrics, served at `/metrics`.
    pub metrics: crate::metrics::Metrics,
    /// The readiness checks.
    pub readiness: crate::health::Readiness,
    /// The full names of the service's gRPC APIs
    /// (`shop.product.v1.ProductService`), for the health service.
    pub grpc_services: Vec<&'static str>,
}

impl Operations {
    /// What every subgraph serves: its metrics, readiness on the database
    /// (`pool` with every migration of `migrator` applied), the broker (when
    /// `events` is set) and its peers, and health for `grpc_services`.
    pub fn standard(
        metrics: &crate::metrics::Metrics,
        pool: &sqlx::PgPool,
        migrator: &'static sqlx::migrate::Migrator,
        events: Option<&crate::events::BrokerConfig>,
        grpc_services: Vec<&'static str>,
    ) -> Self {
        Self {
            readiness: crate::health::Readiness::new()
                .database(pool.clone(), migrator)
                .broker(events)
                .peers(metrics),
            metrics: metrics.clone(),
            grpc_services,
        }
    }
}

/// Serves `http` and `grpc` until `shutdown` completes, then lets in-flight
/// requests finish. If either server fails, both stop. gRPC is served over
/// mutual TLS with `tls`, and every call is checked against `access` (see
/// [`crate::tls`]) and counted in the metrics of `ops`. Beside them it
/// serves the routes of [`Operations`], and keeps the gRPC health service
/// in line with readiness.
#[allow(clippy::too_many_arguments)]
pub async fn serve(
    service: &'static str,
    listeners: Listeners,
    http: axum::Router,
    grpc: tonic::service::Routes,
    tls: &crate::tls::GrpcTls,
    access: &[(&'static str, crate::tls::Access)],
    ops: Operations,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let tls_config = tls.server_config()?;
    let (stop_tx, stop_rx) = watch::channel(false);
    let stopped = |mut rx: watch::Receiver<bool>| async move {
        let _ = rx.wait_for(|stop| *stop).await;
    };
    tracing::info!(service, http = %listeners.http_addr(), grpc = %listeners.grpc_addr(), "serving GraphQL on http://{}/graphql and gRPC", listeners.http_addr());

    let http = http
        .merge(ops.metrics.routes())
        .merge(ops.readiness.routes());
    let (reporter, health_service) = tonic_health::server::health_reporter();
    for name in ops.grpc_services.iter().copied().chain([""]) {
        reporter
            .set_service_status(name, tonic_health::ServingStatus::NotServing)
            .await;
    }
    let _health = AbortOnDrop(tokio::spawn(
        ops.readiness
            .clone()
            .drive_grpc_health(reporter, ops.grpc_services.clone()),
    ));
    let reflection = tonic_reflection::server::Builder::configure()
        .register_encoded_file_descriptor_set(proto::FILE_DESCRIPTOR_SET)
        .register_encoded_file_descriptor_set(tonic_health::pb::FILE_DESCRIPTOR_SET)
        .build_v1()?;
    let reflection_alpha = tonic_reflection::server::Builder::configure()
        .register_encoded_file_descriptor_set(proto::FILE_DESCRIPTOR_SET)
        .register_encoded_file_descriptor_set(tonic_health::pb::FILE_DESCRIPTOR_SET)
        .build_v1alpha()?;
    let grpc = grpc
        .add_service(health_service)
        .add_service(reflection)
        .add_service(reflection_alpha);

    let http_server =
        axum::serve(listeners.http, http).with_graceful_shutdown(stopped(stop_rx.clone()));
    let grpc_server = tonic::transport::Server::builder()
        .layer(crate::metrics::GrpcMetricsLayer::new(&ops.metrics))
        .layer(crate::tls::AllowlistLayer::new(access))
        .layer(crate::deadline::DeadlineLayer::new(
            crate::deadline::MAX_GRPC_BUDGET,
        ))
        .add_routes(grpc)
        .serve_with_incoming_shutdown(
            crate::tls::incoming(listeners.grpc, tls_config),
            stopped(stop_rx),
        );

    let signal_tx = stop_tx.clone();
    tokio::spawn(async move {
        shutdown.await;
        let _ = signal_tx.send(true);
    });

    // Whichever server ends first (normally both, on the signal) stops the other.
    let http = async {
        let result = http_server.await.map_err(anyhow::Error::from);
        let _ = stop_tx.send(true);
        result
    };
    let grpc = async {
        let result = grpc_server.await.map_err(anyhow::Error::from);
        let _ = stop_tx.send(true);
        result
    };
    let (http_result, grpc_result) = tokio::join!(http, grpc);
    tracing::info!(service, "stopped");
    http_result.and(grpc_result)
}

/// Whether the binary was asked only to migrate (`<service> migrate`):
/// no argument serves, `migrate` migrates, anything else is refused.
pub fn migrate_only(service: &str) -> anyhow::Result<bool> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        [] => Ok(false),
        ["migrate"] => Ok(true),
        other => anyhow::bail!(
            "unknown arguments {other:?}: `{service}` serves, `{service} migrate` applies the migrations and exits"
        ),
    }
}

/// Completes on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutdown signal received, finishing in-flight requests");
}

/// Deepest selection a subgraph accepts. The router cannot limit depth without
/// a license, so each subgraph does; router-generated `_entities` queries stay
/// well below this.
pub const MAX_DEPTH: usize = 16;

/// Most complex operation a subgraph accepts: one point per field, and a
/// list field with `first: n` costs `n` times its selection.
pub const MAX_COMPLEXITY: usize = 5_000;

/// The Federation 2 SDL of a subgraph schema, as composition wants it.
pub fn federation_sdl<Q, M, S>(schema: &Schema<Q, M, S>) -> String
where
    Q: ObjectType + 'static,
    M: ObjectType + 'static,
    S: SubscriptionType + 'static,
{
    schema.sdl_with_options(
        async_graphql::SDLExportOptions::new()
            .federation()
            .compose_directive(),
    )
}

/// A DataLoader spawning on tokio, its batches started when the request that
/// asked for them can make no more progress (see [`crate::batching`]) rather
/// than after a fixed window. Each batch runs in a task of its own, under the
/// deadline of the request that started it (see [`crate::deadline`]), and in
/// its span, so that its SQL and gRPC calls belong to the request's trace.
pub fn data_loader<T>(loader: T) -> async_graphql::dataloader::DataLoader<T>
where
    T: Send + Sync + 'static,
{
    async_graphql::dataloader::DataLoader::new(loader, |batch| {
        use tracing::Instrument as _;
        crate::batching::submit(Box::pin(
            crate::deadline::at(crate::deadline::current(), batch)
                .instrument(tracing::Span::current()),
        ))
    })
    // The batching window is crate::batching's: the loader takes its keys as
    // soon as its batch is started (without async-graphql's tokio-timer
    // feature its delay is an async-io timer, and a zero one is a look at the
    // clock, no timer thread).
    .delay(std::time::Duration::ZERO)
}

/// A channel to the peer service `peer` at `url` (`http://host:port`) over
/// mutual TLS, presenting this service's certificate from `tls`, each call
/// bounded by `peers.timeout` and the whole channel behind a circuit breaker
/// (see [`crate::breaker`]). It connects lazily, so a service can start
/// before its peers, and reconnects by itself.
pub fn lazy_channel(
    url: &str,
    peer: &str,
    tls: &crate::tls::GrpcTls,
    peers: &crate::breaker::PeerSettings,
) -> anyhow::Result<crate::breaker::GuardedChannel> {
    let channel = crate::tls::channel(url, peer, Some(tls.client_config()?), peers.timeout)?;
    Ok(crate::breaker::Breaker::new(channel, peer, peers.clone()))
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;
    use std::sync::{Arc, Mutex};
    use std::time::Duration;

    /// Records the deadline its batch runs under.
    struct Probe(Arc<Mutex<Option<Option<Duration>>>>);

    impl async_graphql::dataloader::Loader<u32> for Probe {
        type Value = u32;
        type Error = Arc<String>;
        async fn load(&self, keys: &[u32]) -> Result<HashMap<u32, u32>, Self::Error> {
            *self.0.lock().unwrap() = Some(crate::deadline::remaining());
            Ok(keys.iter().map(|k| (*k, *k)).collect())
        }
    }

    #[tokio::test]
    async fn a_dataloader_batch_runs_under_the_deadline_of_its_request() {
        let seen = Arc::new(Mutex::new(None));
        let loader = super::data_loader(Probe(seen.clone()));
        crate::deadline::within(Duration::from_millis(500), async {
            assert_eq!(loader.load_one(7).await.unwrap(), Some(7));
        })
        .await;
        let left = seen.lock().unwrap().expect("the batch ran");
        let left = left.expect("with the request's deadline");
        assert!(left <= Duration::from_millis(500), "{left:?}");
    }
}
