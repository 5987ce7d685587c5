//! Logs and traces for every binary.
//!
//! **Logs** go to stderr, filtered by `RUST_LOG` (default `info`): JSON
//! lines in production (the default, `SHOP_ENV` unset or `production`),
//! human-readable text in development; `LOG_FORMAT=json|text` overrides.
//! A line logged inside a request carries the request's `trace_id`,
//! `span_id` and `request_id` (the JSON's `span` and `spans` fields).
//!
//! **Traces** are OpenTelemetry spans, made from `tracing` spans by
//! `tracing-opentelemetry`, with W3C trace context on every hop:
//! - the GraphQL request span continues the router's trace (`traceparent`
//!   from the router, see [`crate::server`]);
//! - every gRPC call has a client span, whose context goes to the peer in
//!   the call's metadata ([`crate::breaker`]), and a server span there
//!   ([`crate::metrics::GrpcMetricsLayer`]);
//! - every SQL statement sent through [`crate::db::Db`] has a span with
//!   the statement's text (placeholders, never values);
//! - events carry the context of the span that wrote them, and each
//!   consumer handles an event in a span of that trace
//!   ([`crate::events`]).
//!
//! Spans are exported over OTLP/gRPC when `OTEL_EXPORTER_OTLP_ENDPOINT` is
//! set (for example `http://127.0.0.1:4317`, Jaeger's or Tempo's OTLP
//! port), with the resource `service.name` of the binary. Without it, spans
//! are still made (so that the context propagates to peers and events) but
//! go nowhere. Every span of a service also has the attribute
//! `shop.service`, which tells services apart when several share a
//! process, as in the tests.

use std::sync::OnceLock;
use std::time::Duration;

use opentelemetry::trace::TracerProvider as _;
use tracing_subscriber::EnvFilter;
use tracing_subscriber::Layer as _;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;

/// The variables [`init`] reads.
pub const ENV_VARS: &[&str] = &["RUST_LOG", "LOG_FORMAT", "OTEL_EXPORTER_OTLP_ENDPOINT"];

/// How often finished spans are sent to the collector by default.
pub const EXPORT_DELAY: Duration = Duration::from_secs(2);

/// What [`init_with`] sets up.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Where spans are exported over OTLP/gRPC; `None` exports nothing.
    pub otlp_endpoint: Option<String>,
    /// How long finished spans wait to be sent in a batch
    /// ([`EXPORT_DELAY`] when `None`).
    pub export_delay: Option<Duration>,
    /// Also keeps every log line here (tests read it).
    pub capture: Option<LogCapture>,
}

/// A copy of every log line, for tests that read what was logged.
#[derive(Debug, Clone, Default)]
pub struct LogCapture(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl LogCapture {
    /// Everything logged so far.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap_or_else(|e| e.into_inner())).into_owned()
    }
}

/// Writes each log line to stderr, and to the capture when there is one.
#[derive(Clone)]
struct Tee(Option<LogCapture>);

impl std::io::Write for Tee {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if let Some(capture) = &self.0 {
            capture
                .0
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .extend_from_slice(buf);
        }
        std::io::stderr().write(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        std::io::stderr().flush()
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Tee {
    type Writer = Tee;
    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

/// The exporter's runtime: a thread of its own, so that exporting outlives
/// whichever runtime called [`init`] first (each test has its own).
static EXPORT_RUNTIME: OnceLock<Option<tokio::runtime::Runtime>> = OnceLock::new();

/// The tracer provider, for [`shutdown`].
static PROVIDER: OnceLock<opentelemetry_sdk::trace::SdkTracerProvider> = OnceLock::new();

/// Installs logging and tracing for `service`, exporting spans to
/// `OTEL_EXPORTER_OTLP_ENDPOINT` when it is set. Calling it twice is
/// harmless (tests do): the first call wins.
pub fn init(service: &str) {
    init_with(
        service,
        Options {
            otlp_endpoint: crate::config::env_opt("OTEL_EXPORTER_OTLP_ENDPOINT"),
            export_delay: None,
            capture: None,
        },
    )
}

/// As [`init`], with the options given.
pub fn init_with(service: &str, options: Options) {
    if PROVIDER.get().is_some() {
        return;
    }
    let provider = tracer_provider(service, &options);
    let tracer = provider.tracer("shop");
    opentelemetry::global::set_text_map_propagator(
        opentelemetry_sdk::propagation::TraceContextPropagator::new(),
    );
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=info,h2=warn,hyper=warn"));
    let json = match std::env::var("LOG_FORMAT").as_deref() {
        Ok("json") => true,
        Ok("text") => false,
        _ => crate::config::is_production(),
    };
    // Only the shop's own spans become OpenTelemetry spans (not those of
    // h2, hyper or sqlx internals): requests, gRPC calls, SQL, events.
    let ours = tracing_subscriber::filter::Targets::new()
        .with_target("platform", tracing::Level::INFO)
        .with_target("user", tracing::Level::INFO)
        .with_target("product", tracing::Level::INFO)
        .with_target("order", tracing::Level::INFO)
        .with_target("notification", tracing::Level::INFO);
    let otel = tracing_opentelemetry::layer()
        .with_tracer(tracer)
        .with_tracked_inactivity(false)
        .with_filter(ours);
    let registry = tracing_subscriber::registry().with(otel);
    let writer = Tee(options.capture.clone());
    let result = if json {
        registry
            .with(
                tracing_subscriber::fmt::layer()
                    .json()
                    .with_current_span(true)
                    .with_span_list(false)
                    .with_target(false)
                    .with_writer(writer)
                    .with_filter(filter),
            )
            .try_init()
    } else {
        registry
            .with(
                tracing_subscriber::fmt::layer()
                    .with_target(false)
                    .with_writer(writer)
                    .with_filter(filter),
            )
            .try_init()
    };
    if result.is_ok() {
        let _ = PROVIDER.set(provider);
        tracing::debug!(service, otlp = ?options.otlp_endpoint, "telemetry initialised");
    }
}

/// A provider that samples what its parent sampled (every root), and
/// exports in batches to `options.otlp_endpoint`, if any.
fn tracer_provider(
    service: &str,
    options: &Options,
) -> opentelemetry_sdk::trace::SdkTracerProvider {
    let resource = opentelemetry_sdk::Resource::builder()
        .with_service_name(service.to_string())
        .build();
    let builder = opentelemetry_sdk::trace::SdkTracerProvider::builder().with_resource(resource);
    let Some(endpoint) = options.otlp_endpoint.clone() else {
        return builder.build();
    };
    let runtime = EXPORT_RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("otlp-export")
            .enable_all()
            .build()
            .ok()
    });
    let Some(runtime) = runtime else {
        tracing::warn!("cannot start the span exporter's thread; spans are not exported");
        return builder.build();
    };
    let _in_runtime = runtime.enter();
    use opentelemetry_otlp::WithExportConfig as _;
    let exporter = match opentelemetry_otlp::SpanExporter::builder()
        .with_tonic()
        .with_endpoint(endpoint.clone())
        .with_timeout(Duration::from_secs(5))
        .build()
    {
        Ok(exporter) => exporter,
        Err(error) => {
            tracing::warn!(%endpoint, %error, "cannot export spans over OTLP; spans are not exported");
            return builder.build();
        }
    };
    let batch =
        opentelemetry_sdk::trace::span_processor_with_async_runtime::BatchSpanProcessor::builder(
            exporter,
            opentelemetry_sdk::runtime::Tokio,
        )
        .with_batch_config(
            opentelemetry_sdk::trace::BatchConfigBuilder::default()
                .with_scheduled_delay(options.export_delay.unwrap_or(EXPORT_DELAY))
                .with_max_queue_size(65_536)
                .build(),
        )
        .build();
    builder.with_span_processor(batch).build()
}

/// Sends the spans not exported yet; call before the process exits.
pub fn shutdown() {
    if let Some(provider) = PROVIDER.get() {
        let _ = provider.force_flush();
        let _ = provider.shutdown();
    }
}

/// The OpenTelemetry context that `headers` carry (`traceparent`), or the
/// empty context.
pub fn context_from(headers: &http::HeaderMap) -> opentelemetry::Context {
    opentelemetry::global::get_text_map_propagator(|propagator| {
        propagator.extract(&opentelemetry_http::HeaderExtractor(headers))
    })
}

/// Writes the context of `span` into `headers` (`traceparent`).
pub fn inject_into(span: &tracing::Span, headers: &mut http::HeaderMap) {
    use tracing_opentelemetry::OpenTelemetrySpanExt as _;
    let context = span.context();
    opentelemetry::global::get_text_map_propagator(|propagator| {
        propagator.inject_context(&context, &mut opentelemetry_http::HeaderInjector(headers))
    });
}

/// Makes `span` a child of the context `headers` carry, and records its
/// trace and span ids in its `trace_id` and `span_id` fields (for logs).
pub fn continue_from(span: &tracing::Span, headers: &http::HeaderMap) {
    continue_context(span, context_from(headers));
}

/// Makes `span` a child of `parent` (when it holds a valid span context),
/// and records its ids in its `trace_id` and `span_id` fields.
pub fn continue_context(span: &tracing::Span, parent: opentelemetry::Context) {
    use opentelemetry::trace::TraceContextExt as _;
    use tracing_opentelemetry::OpenTelemetrySpanExt as _;
    if parent.span().span_context().is_valid() {
        let _ = span.set_parent(parent);
    }
    record_ids(span);
}

/// Records the OpenTelemetry ids of `span` in its `trace_id` and `span_id`
/// fields, when it has them.
pub fn record_ids(span: &tracing::Span) {
    if let Some((trace_id, span_id)) = ids(span) {
        span.record("trace_id", tracing::field::display(trace_id));
        span.record("span_id", tracing::field::display(span_id));
    }
}

/// The OpenTelemetry span context of `span`, when it is traced.
fn span_context(span: &tracing::Span) -> Option<opentelemetry::trace::SpanContext> {
    use opentelemetry::trace::TraceContextExt as _;
    use tracing_opentelemetry::OpenTelemetrySpanExt as _;
    let context = span.context();
    let span_context = context.span().span_context().clone();
    span_context.is_valid().then_some(span_context)
}

/// The W3C `traceparent` of `span`, when it is traced, with its sampling
/// decision.
pub fn traceparent_of(span: &tracing::Span) -> Option<String> {
    span_context(span).map(|c| {
        format!(
            "00-{}-{}-{:02x}",
            c.trace_id(),
            c.span_id(),
            c.trace_flags().to_u8()
        )
    })
}

/// The trace and span ids of `span`, as hex, when it is traced.
pub fn ids(span: &tracing::Span) -> Option<(String, String)> {
    span_context(span).map(|c| (c.trace_id().to_string(), c.span_id().to_string()))
}

/// Records a gRPC call's status on the current span (a client or server
/// span with `rpc.grpc.status_code` and `otel.status_code` fields).
pub fn record_grpc_status(code: tonic::Code) {
    let span = tracing::Span::current();
    span.record("rpc.grpc.status_code", code as i32);
    if code != tonic::Code::Ok {
        span.record("otel.status_code", "ERROR");
    }
}

/// The OpenTelemetry context a W3C `traceparent` names.
pub fn context_of_traceparent(traceparent: &str) -> opentelemetry::Context {
    let mut headers = http::HeaderMap::new();
    if let Ok(value) = http::HeaderValue::from_str(traceparent) {
        headers.insert("traceparent", value);
    }
    context_from(&headers)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_span_continues_the_trace_its_headers_carry() {
        super::init_with("test", super::Options::default());
        let mut headers = http::HeaderMap::new();
        headers.insert(
            "traceparent",
            "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"
                .parse()
                .unwrap(),
        );
        let span = tracing::info_span!(
            "graphql",
            trace_id = tracing::field::Empty,
            span_id = tracing::field::Empty
        );
        super::continue_from(&span, &headers);
        let (trace, span_id) = super::ids(&span).expect("traced");
        assert_eq!(trace, "0af7651916cd43dd8448eb211c80319c");
        assert_ne!(span_id, "b7ad6b7169203331", "a span of its own");
        let child = span.in_scope(|| tracing::info_span!("db.query"));
        assert_eq!(super::ids(&child).unwrap().0, trace, "children follow");
        let traceparent = span.in_scope(crate::events::current_traceparent);
        assert!(traceparent.starts_with("00-0af7651916cd43dd8448eb211c80319c-"));
    }
}
