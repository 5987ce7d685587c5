//! Prometheus metrics, one registry per running service, served as text at
//! `GET /metrics` on the service's HTTP port.
//!
//! Every family is named `shop_*` and carries the label `service`. What each
//! service exports:
//!
//! - **RED per GraphQL operation** ([`Metrics::graphql`]):
//!   `shop_graphql_requests_total{operation}`,
//!   `shop_graphql_errors_total{operation,code}` (one per error, by its
//!   `extensions.code`) and `shop_graphql_request_duration_seconds{operation}`.
//!   Operation names come from clients, so only the first
//!   [`MAX_OPERATION_NAMES`] well-formed names get a label of their own; the
//!   rest count as `other`, and unnamed operations as `anonymous`.
//! - **RED per gRPC method**, served ([`GrpcMetricsLayer`]):
//!   `shop_grpc_server_requests_total{method,code}` and
//!   `shop_grpc_server_duration_seconds{method}`; and called, by peer (the
//!   circuit breaker records them): `shop_grpc_client_requests_total{peer,method,code}`,
//!   `shop_grpc_client_duration_seconds{peer,method}`.
//! - **Circuit breakers:** `shop_circuit_breaker_state{peer}` (0 closed,
//!   1 half-open, 2 open) and `shop_circuit_breaker_opened_total{peer}`.
//! - **Database pool** ([`Metrics::watch_pool`]): connections by state,
//!   the maximum, and `shop_db_pool_acquire_seconds`, the wait for a
//!   connection before each statement (`Db::exec`) and each transaction
//!   (`Db::begin`, `BEGIN` included).
//! - **Caches:** `shop_cache_requests_total{cache,result}` (`hit`, `miss`),
//!   and Redis itself ([`Metrics::watch_redis`]).
//! - **Events:** outbox depth and the age of its oldest row
//!   ([`Metrics::watch_outbox`]), `shop_events_published_total`, and per
//!   consumer group `shop_events_consumed_total{group,outcome}` and
//!   `shop_event_consume_lag_seconds{group}` (from the event's creation to its
//!   handling); dead letters are the `dead_lettered` outcome.
//! - **Domain counters** each service declares with [`Metrics::counter`] and
//!   [`Metrics::gauge`]: logins by outcome, checkouts by outcome, orders by
//!   status, refunds.
//!
//! Gauges that are cheaper to read than to keep (pool state, outbox depth,
//! orders by status) are read when `/metrics` is scraped, by probes
//! registered with [`Metrics::on_scrape`].

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures::future::BoxFuture;
use prometheus::{Encoder, Histogram, HistogramOpts, HistogramVec, Opts, Registry};
/// The families [`Metrics::counter`] and [`Metrics::gauge`] return.
pub use prometheus::{IntCounterVec, IntGaugeVec};

/// Distinct client-supplied operation names that get a label of their own.
pub const MAX_OPERATION_NAMES: usize = 200;

/// The longest a scrape waits for one probe (a slow database must not hang
/// the scrape; the probe's gauges then keep their last values).
const PROBE_TIMEOUT: Duration = Duration::from_secs(2);

/// Latency buckets, in seconds, from 1 ms to 10 s.
const LATENCY_BUCKETS: &[f64] = &[
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

/// Lag buckets, in seconds, from 10 ms to 1 h.
const LAG_BUCKETS: &[f64] = &[
    0.01, 0.05, 0.1, 0.5, 1.0, 5.0, 10.0, 60.0, 300.0, 900.0, 3600.0,
];

type Probe = Arc<dyn Fn() -> BoxFuture<'static, ()> + Send + Sync>;

/// One service's metrics. Cheap to clone; clones share the registry.
#[derive(Clone)]
pub struct Metrics(Arc<Inner>);

struct Inner {
    service: String,
    registry: Registry,
    graphql_requests: IntCounterVec,
    graphql_errors: IntCounterVec,
    graphql_seconds: HistogramVec,
    grpc_server_requests: IntCounterVec,
    grpc_server_seconds: HistogramVec,
    grpc_client_requests: IntCounterVec,
    grpc_client_seconds: HistogramVec,
    breaker_state: IntGaugeVec,
    breaker_opened: IntCounterVec,
    cache_requests: IntCounterVec,
    db_acquire_seconds: Histogram,
    events_consumed: IntCounterVec,
    event_lag_seconds: HistogramVec,
    events_published: IntCounterVec,
    operation_names: Mutex<HashSet<String>>,
    /// The state of each breaker, as [`Metrics::breaker_state`] last set it.
    breakers: Mutex<HashMap<String, i64>>,
    counters: Mutex<HashMap<String, IntCounterVec>>,
    gauges: Mutex<HashMap<String, IntGaugeVec>>,
    probes: Mutex<Vec<Probe>>,
}

impl std::fmt::Debug for Metrics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Metrics")
            .field("service", &self.0.service)
            .finish()
    }
}

/// Two handles are equal when they share one registry.
impl PartialEq for Metrics {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for Metrics {}

/// A registry no endpoint serves, for tools and unit tests: one for the
/// process, shared by every default handle.
impl Default for Metrics {
    fn default() -> Self {
        static UNSERVED: std::sync::OnceLock<Metrics> = std::sync::OnceLock::new();
        UNSERVED.get_or_init(|| Self::new("unserved")).clone()
    }
}

/// A family made by `make` from `name` and `labels`, registered. A name or
/// label that is invalid, or a name already taken, is logged, and the
/// family is kept unregistered (under a placeholder name, if need be):
/// recording into it works, it is only not exported.
fn family<C>(
    registry: &Registry,
    name: &str,
    labels: &[&str],
    make: impl Fn(&str, &[&str]) -> prometheus::Result<C>,
) -> C
where
    C: prometheus::core::Collector + Clone + 'static,
{
    let family = make(name, labels).or_else(|error| {
        tracing::error!(metric = name, %error, "invalid metric; it is not exported");
        let placeholders: Vec<String> = (0..labels.len()).map(|i| format!("l{i}")).collect();
        let placeholders: Vec<&str> = placeholders.iter().map(String::as_str).collect();
        make("unexported", &placeholders)
    });
    let family =
        family.unwrap_or_else(|e| unreachable!("a fixed valid name and labels are refused: {e}"));
    if let Err(error) = registry.register(Box::new(family.clone())) {
        tracing::error!(metric = name, %error, "metric not registered; it is not exported");
    }
    family
}

fn counter_vec(registry: &Registry, name: &str, help: &str, labels: &[&str]) -> IntCounterVec {
    family(registry, name, labels, |name, labels| {
        IntCounterVec::new(Opts::new(name, help), labels)
    })
}

fn gauge_vec(registry: &Registry, name: &str, help: &str, labels: &[&str]) -> IntGaugeVec {
    family(registry, name, labels, |name, labels| {
        IntGaugeVec::new(Opts::new(name, help), labels)
    })
}

fn histogram_vec(
    registry: &Registry,
    name: &str,
    help: &str,
    labels: &[&str],
    buckets: &[f64],
) -> HistogramVec {
    family(registry, name, labels, |name, labels| {
        HistogramVec::new(
            HistogramOpts::new(name, help).buckets(buckets.to_vec()),
            labels,
        )
    })
}

/// Whether `name` may be a label value of its own: a GraphQL name of
/// reasonable length.
fn well_formed_operation(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && name.len() <= 100
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

impl Metrics {
    /// A registry for `service`, every family labelled with its name.
    pub fn new(service: &str) -> Self {
        let labels = HashMap::from([("service".to_string(), service.to_string())]);
        let registry = Registry::new_custom(Some("shop".into()), Some(labels))
            .unwrap_or_else(|e| unreachable!("a static prefix and label: {e}"));
        let r = &registry;
        let db_acquire_seconds = family(r, "db_pool_acquire_seconds", &[], |name, _| {
            Histogram::with_opts(
                HistogramOpts::new(
                    name,
                    "Time spent waiting for a pooled connection, before each statement and each transaction.",
                )
                .buckets(LATENCY_BUCKETS.to_vec()),
            )
        });
        Self(Arc::new(Inner {
            service: service.to_string(),
            graphql_requests: counter_vec(
                r,
                "graphql_requests_total",
                "GraphQL requests, by operation name.",
                &["operation"],
            ),
            graphql_errors: counter_vec(
                r,
                "graphql_errors_total",
                "GraphQL errors in responses, by operation name and extensions.code.",
                &["operation", "code"],
            ),
            graphql_seconds: histogram_vec(
                r,
                "graphql_request_duration_seconds",
                "Time to answer a GraphQL request, by operation name.",
                &["operation"],
                LATENCY_BUCKETS,
            ),
            grpc_server_requests: counter_vec(
                r,
                "grpc_server_requests_total",
                "gRPC calls served, by method and status code.",
                &["method", "code"],
            ),
            grpc_server_seconds: histogram_vec(
                r,
                "grpc_server_duration_seconds",
                "Time to answer a gRPC call, by method.",
                &["method"],
                LATENCY_BUCKETS,
            ),
            grpc_client_requests: counter_vec(
                r,
                "grpc_client_requests_total",
                "gRPC calls to peers, by peer, method and status code (UNAVAILABLE when unreachable or refused by an open breaker).",
                &["peer", "method", "code"],
            ),
            grpc_client_seconds: histogram_vec(
                r,
                "grpc_client_duration_seconds",
                "Time a gRPC call to a peer took, retries included, by peer and method.",
                &["peer", "method"],
                LATENCY_BUCKETS,
            ),
            breaker_state: gauge_vec(
                r,
                "circuit_breaker_state",
                "The circuit breaker in front of each peer: 0 closed, 1 half-open, 2 open.",
                &["peer"],
            ),
            breaker_opened: counter_vec(
                r,
                "circuit_breaker_opened_total",
                "Times the breaker in front of each peer opened.",
                &["peer"],
            ),
            cache_requests: counter_vec(
                r,
                "cache_requests_total",
                "Cache look-ups by cache and result (hit, miss).",
                &["cache", "result"],
            ),
            db_acquire_seconds,
            events_consumed: counter_vec(
                r,
                "events_consumed_total",
                "Events handled by each consumer group, by outcome (applied, duplicate, retried, dead_lettered, requeued).",
                &["group", "outcome"],
            ),
            event_lag_seconds: histogram_vec(
                r,
                "event_consume_lag_seconds",
                "Time from an event's creation to its handling, by consumer group.",
                &["group"],
                LAG_BUCKETS,
            ),
            events_published: counter_vec(
                r,
                "events_published_total",
                "Events the outbox relay published to the broker, by type.",
                &["event"],
            ),
            registry,
            operation_names: Mutex::default(),
            breakers: Mutex::default(),
            counters: Mutex::default(),
            gauges: Mutex::default(),
            probes: Mutex::default(),
        }))
    }

    /// The service these metrics describe.
    pub fn service(&self) -> &str {
        &self.0.service
    }

    /// A counter family of the service's own, `shop_<name>` with `labels`.
    /// Asking twice for one name returns the same family.
    pub fn counter(&self, name: &str, help: &str, labels: &[&str]) -> IntCounterVec {
        let mut counters = self.0.counters.lock().unwrap_or_else(|e| e.into_inner());
        counters
            .entry(name.to_string())
            .or_insert_with(|| counter_vec(&self.0.registry, name, help, labels))
            .clone()
    }

    /// A gauge family of the service's own, `shop_<name>` with `labels`.
    /// Asking twice for one name returns the same family.
    pub fn gauge(&self, name: &str, help: &str, labels: &[&str]) -> IntGaugeVec {
        let mut gauges = self.0.gauges.lock().unwrap_or_else(|e| e.into_inner());
        gauges
            .entry(name.to_string())
            .or_insert_with(|| gauge_vec(&self.0.registry, name, help, labels))
            .clone()
    }

    /// Runs `probe` before each scrape, to bring gauges up to date.
    pub fn on_scrape<F, Fut>(&self, probe: F)
    where
        F: Fn() -> Fut + Send + Sync + 'static,
        Fut: std::future::Future<Output = ()> + Send + 'static,
    {
        let probe: Probe = Arc::new(move || Box::pin(probe()));
        self.0
            .probes
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(probe);
    }

    /// The label for a client-supplied operation name (see the module docs).
    fn operation_label(&self, name: Option<&str>) -> String {
        let Some(name) = name.filter(|n| !n.is_empty()) else {
            return "anonymous".into();
        };
        if !well_formed_operation(name) {
            return "other".into();
        }
        let mut known = self
            .0
            .operation_names
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        if known.contains(name) || known.len() < MAX_OPERATION_NAMES {
            known.insert(name.to_string());
            name.to_string()
        } else {
            "other".into()
        }
    }

    /// Records one GraphQL request: its operation, duration and the codes of
    /// its errors.
    pub fn graphql<'a>(
        &self,
        operation: Option<&str>,
        elapsed: Duration,
        error_codes: impl IntoIterator<Item = &'a str>,
    ) {
        let operation = self.operation_label(operation);
        self.0
            .graphql_requests
            .with_label_values(&[operation.as_str()])
            .inc();
        self.0
            .graphql_seconds
            .with_label_values(&[operation.as_str()])
            .observe(elapsed.as_secs_f64());
        for code in error_codes {
            self.0
                .graphql_errors
                .with_label_values(&[operation.as_str(), code])
                .inc();
        }
    }

    /// Records one gRPC call served.
    pub fn grpc_served(&self, method: &str, code: tonic::Code, elapsed: Duration) {
        self.0
            .grpc_server_requests
            .with_label_values(&[method, code_name(code)])
            .inc();
        self.0
            .grpc_server_seconds
            .with_label_values(&[method])
            .observe(elapsed.as_secs_f64());
    }

    /// Records one gRPC call to `peer`.
    pub fn grpc_called(&self, peer: &str, method: &str, code: tonic::Code, elapsed: Duration) {
        self.0
            .grpc_client_requests
            .with_label_values(&[peer, method, code_name(code)])
            .inc();
        self.0
            .grpc_client_seconds
            .with_label_values(&[peer, method])
            .observe(elapsed.as_secs_f64());
    }

    /// Sets the state of the breaker in front of `peer` (0 closed,
    /// 1 half-open, 2 open), counting each opening.
    pub fn breaker_state(&self, peer: &str, state: i64) {
        self.0
            .breakers
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(peer.to_string(), state);
        let gauge = self.0.breaker_state.with_label_values(&[peer]);
        if state == 2 && gauge.get() != 2 {
            self.0.breaker_opened.with_label_values(&[peer]).inc();
        }
        gauge.set(state);
    }

    /// The peers whose breakers are open now.
    pub fn open_breakers(&self) -> Vec<String> {
        let states = self.0.breakers.lock().unwrap_or_else(|e| e.into_inner());
        let mut open: Vec<String> = states
            .iter()
            .filter(|(_, state)| **state == 2)
            .map(|(peer, _)| peer.clone())
            .collect();
        open.sort();
        open
    }

    /// The counters of one named cache.
    pub fn cache(&self, cache: &str) -> CacheCounters {
        let family = &self.0.cache_requests;
        CacheCounters {
            hit: family.with_label_values(&[cache, "hit"]),
            miss: family.with_label_values(&[cache, "miss"]),
        }
    }

    /// The histogram of waits for a pooled connection.
    pub fn db_acquire(&self) -> Histogram {
        self.0.db_acquire_seconds.clone()
    }

    /// Records one event handled by consumer `group`, created `lag` ago.
    pub fn event_consumed(&self, group: &str, outcome: &str, lag: Option<Duration>) {
        self.0
            .events_consumed
            .with_label_values(&[group, outcome])
            .inc();
        if let Some(lag) = lag {
            self.0
                .event_lag_seconds
                .with_label_values(&[group])
                .observe(lag.as_secs_f64());
        }
    }

    /// Records one event the relay published.
    pub fn event_published(&self, event: &str) {
        self.0.events_published.with_label_values(&[event]).inc();
    }

    /// Reports the pool's connections (idle, in use, maximum) at each scrape.
    pub fn watch_pool(&self, pool: sqlx::PgPool) {
        let connections = self.gauge(
            "db_pool_connections",
            "Connections of the service's PostgreSQL pool, by state (idle, in_use).",
            &["state"],
        );
        let max = self.gauge(
            "db_pool_max_connections",
            "The most connections the pool opens.",
            &[],
        );
        max.with_label_values::<&str>(&[])
            .set(i64::from(pool.options().get_max_connections()));
        self.on_scrape(move || {
            let size = i64::from(pool.size());
            let idle = pool.num_idle() as i64;
            connections.with_label_values(&["idle"]).set(idle);
            connections
                .with_label_values(&["in_use"])
                .set((size - idle).max(0));
            async {}
        });
    }

    /// Reports Redis at each scrape: `shop_redis_up` (connected and not
    /// bypassed after a failure) and `shop_redis_failures_total` (failed
    /// commands; each read was served without the cache).
    pub fn watch_redis(&self, cache: &crate::cache::Cache) {
        let failures = self.counter(
            "redis_failures_total",
            "Failed Redis commands; each was served without the cache.",
            &[],
        );
        let up = self.gauge(
            "redis_up",
            "1 while Redis is connected and in use, 0 while the service runs without it.",
            &[],
        );
        let cache = cache.clone();
        self.on_scrape(move || {
            let counter = failures.with_label_values::<&str>(&[]);
            let now = cache.failure_count();
            if now > counter.get() {
                counter.inc_by(now - counter.get());
            }
            up.with_label_values::<&str>(&[])
                .set(i64::from(cache.is_enabled() && !cache.is_bypassed()));
            async {}
        });
    }

    /// Reports the outbox's unpublished rows and the age of the oldest at
    /// each scrape.
    pub fn watch_outbox(&self, pool: sqlx::PgPool) {
        let depth = self.gauge(
            "outbox_pending",
            "Events written to the outbox and not yet published.",
            &[],
        );
        let age = self.gauge(
            "outbox_oldest_age_seconds",
            "Age of the oldest unpublished outbox event (0 when none waits).",
            &[],
        );
        self.on_scrape(move || {
            let (pool, depth, age) = (pool.clone(), depth.clone(), age.clone());
            async move {
                match crate::events::outbox::backlog(&pool).await {
                    Ok((count, oldest)) => {
                        depth.with_label_values::<&str>(&[]).set(count);
                        age.with_label_values::<&str>(&[])
                            .set(oldest.map_or(0, |d| d.as_secs() as i64));
                    }
                    Err(error) => {
                        tracing::warn!(%error, "reading the outbox backlog for metrics failed")
                    }
                }
            }
        });
    }

    /// Runs the probes, then renders every family in Prometheus' text
    /// format.
    pub async fn render(&self) -> String {
        let probes: Vec<Probe> = self
            .0
            .probes
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        futures::future::join_all(
            probes
                .iter()
                .map(|probe| tokio::time::timeout(PROBE_TIMEOUT, probe())),
        )
        .await;
        let mut out = Vec::new();
        if let Err(error) =
            prometheus::TextEncoder::new().encode(&self.0.registry.gather(), &mut out)
        {
            tracing::warn!(%error, "encoding metrics failed");
        }
        String::from_utf8(out).unwrap_or_default()
    }

    /// `GET /metrics`, for the service's HTTP router.
    pub fn routes(&self) -> axum::Router {
        let metrics = self.clone();
        axum::Router::new().route(
            "/metrics",
            axum::routing::get(move || {
                let metrics = metrics.clone();
                async move {
                    (
                        [(
                            http::header::CONTENT_TYPE,
                            prometheus::TEXT_FORMAT.to_string(),
                        )],
                        metrics.render().await,
                    )
                }
            }),
        )
    }
}

/// The gRPC status code as Prometheus label: `OK`, `NOT_FOUND`, ...
pub fn code_name(code: tonic::Code) -> &'static str {
    use tonic::Code::*;
    match code {
        Ok => "OK",
        Cancelled => "CANCELLED",
        Unknown => "UNKNOWN",
        InvalidArgument => "INVALID_ARGUMENT",
        DeadlineExceeded => "DEADLINE_EXCEEDED",
        NotFound => "NOT_FOUND",
        AlreadyExists => "ALREADY_EXISTS",
        PermissionDenied => "PERMISSION_DENIED",
        ResourceExhausted => "RESOURCE_EXHAUSTED",
        FailedPrecondition => "FAILED_PRECONDITION",
        Aborted => "ABORTED",
        OutOfRange => "OUT_OF_RANGE",
        Unimplemented => "UNIMPLEMENTED",
        Internal => "INTERNAL",
        Unavailable => "UNAVAILABLE",
        DataLoss => "DATA_LOSS",
        Unauthenticated => "UNAUTHENTICATED",
    }
}

/// The status of a gRPC answer as far as its headers tell: the code of a
/// trailers-only answer (every error tonic returns from a unary handler),
/// else `OK`.
pub fn response_code<B>(response: &http::Response<B>) -> tonic::Code {
    response
        .headers()
        .get("grpc-status")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<i32>().ok())
        .map_or(tonic::Code::Ok, tonic::Code::from_i32)
}

/// The status of a gRPC call's outcome: [`response_code`] of an answer,
/// `UNKNOWN` for a transport error.
pub fn result_code<B, E>(result: &Result<http::Response<B>, E>) -> tonic::Code {
    match result {
        Ok(response) => response_code(response),
        Err(_) => tonic::Code::Unknown,
    }
}

/// Hit and miss counters of one cache (failed Redis commands are
/// `shop_redis_failures_total`, see [`Metrics::watch_redis`]).
#[derive(Clone, Debug)]
pub struct CacheCounters {
    hit: prometheus::IntCounter,
    miss: prometheus::IntCounter,
}

impl Default for CacheCounters {
    fn default() -> Self {
        Metrics::default().cache("unserved")
    }
}

impl CacheCounters {
    /// Counts `hits` hits and `misses` misses.
    pub fn record(&self, hits: usize, misses: usize) {
        self.hit.inc_by(hits as u64);
        self.miss.inc_by(misses as u64);
    }
}

/// Records every gRPC call a server answers: its method (the request's
/// path), its status code and its duration to the response headers, and a
/// server span that continues the caller's trace (see [`crate::telemetry`]).
#[derive(Clone, Debug)]
pub struct GrpcMetricsLayer {
    metrics: Metrics,
}

impl GrpcMetricsLayer {
    /// Records into `metrics`.
    pub fn new(metrics: &Metrics) -> Self {
        Self {
            metrics: metrics.clone(),
        }
    }
}

impl<S> tower::Layer<S> for GrpcMetricsLayer {
    type Service = WithGrpcMetrics<S>;
    fn layer(&self, inner: S) -> Self::Service {
        WithGrpcMetrics {
            inner,
            metrics: self.metrics.clone(),
        }
    }
}

/// The service [`GrpcMetricsLayer`] makes.
#[derive(Clone, Debug)]
pub struct WithGrpcMetrics<S> {
    inner: S,
    metrics: Metrics,
}

impl<S, B, R> tower::Service<http::Request<B>> for WithGrpcMetrics<S>
where
    S: tower::Service<http::Request<B>, Response = http::Response<R>>,
    S::Future: Send + 'static,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = BoxFuture<'static, Result<S::Response, S::Error>>;

    fn poll_ready(
        &mut self,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: http::Request<B>) -> Self::Future {
        use tracing::Instrument as _;
        let method = request.uri().path().to_string();
        let metrics = self.metrics.clone();
        let started = std::time::Instant::now();
        // The server span, a child of the caller's (from its metadata).
        let span = tracing::info_span!(
            "grpc.server",
            otel.name = %method.trim_start_matches('/'),
            otel.kind = "server",
            otel.status_code = tracing::field::Empty,
            rpc.system = "grpc",
            rpc.method = %method,
            rpc.grpc.status_code = tracing::field::Empty,
            shop.service = %metrics.service(),
            trace_id = tracing::field::Empty,
            span_id = tracing::field::Empty,
        );
        crate::telemetry::continue_from(&span, request.headers());
        let future = span.in_scope(|| self.inner.call(request));
        Box::pin(
            async move {
                let result = future.await;
                let code = result_code(&result);
                crate::telemetry::record_grpc_status(code);
                metrics.grpc_served(&method, code, started.elapsed());
                result
            }
            .instrument(span),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(text: &str, line_start: &str) -> Option<f64> {
        text.lines()
            .find(|l| l.starts_with(line_start))
            .and_then(|l| l.rsplit(' ').next()?.parse().ok())
    }

    #[tokio::test]
    async fn operations_errors_and_probes_render_with_the_service_label() {
        let metrics = Metrics::new("test");
        metrics.graphql(
            Some("Checkout"),
            Duration::from_millis(3),
            ["BAD_USER_INPUT"],
        );
        metrics.graphql(None, Duration::from_millis(3), []);
        let gauge = metrics.gauge("things", "Things.", &[]);
        metrics.on_scrape(move || {
            gauge.with_label_values::<&str>(&[]).set(7);
            async {}
        });
        let text = metrics.render().await;
        assert_eq!(
            value(
                &text,
                "shop_graphql_requests_total{operation=\"Checkout\",service=\"test\"}"
            ),
            Some(1.0),
            "{text}"
        );
        assert_eq!(
            value(
                &text,
                "shop_graphql_errors_total{code=\"BAD_USER_INPUT\",operation=\"Checkout\",service=\"test\"}"
            ),
            Some(1.0),
            "{text}"
        );
        assert_eq!(
            value(&text, "shop_graphql_requests_total{operation=\"anonymous\""),
            Some(1.0)
        );
        assert_eq!(
            value(&text, "shop_things{service=\"test\"}"),
            Some(7.0),
            "{text}"
        );
    }

    #[test]
    fn client_supplied_operation_names_cannot_grow_the_label_set_without_bound() {
        let metrics = Metrics::new("test");
        for i in 0..MAX_OPERATION_NAMES + 50 {
            metrics.graphql(Some(&format!("Op{i}")), Duration::ZERO, []);
        }
        assert_eq!(metrics.operation_label(Some("Op3")), "Op3");
        assert_eq!(metrics.operation_label(Some("Brand_new")), "other");
        assert_eq!(metrics.operation_label(Some("not a name{}")), "other");
        assert_eq!(metrics.operation_label(Some("")), "anonymous");
        let families = metrics.0.registry.gather();
        let requests = families
            .iter()
            .find(|f| f.name() == "shop_graphql_requests_total")
            .unwrap();
        assert_eq!(requests.get_metric().len(), MAX_OPERATION_NAMES + 1);
    }

    #[test]
    fn an_opening_breaker_is_counted_once() {
        let metrics = Metrics::new("test");
        metrics.breaker_state("user", 2);
        metrics.breaker_state("user", 2);
        metrics.breaker_state("user", 0);
        metrics.breaker_state("user", 2);
        assert_eq!(
            metrics.0.breaker_opened.with_label_values(&["user"]).get(),
            2
        );
    }
}
