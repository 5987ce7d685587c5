//! Deadlines that travel with a request, from the router to the last gRPC
//! hop.
//!
//! A request's deadline is set where it enters a service, as a task-local:
//!
//! - **GraphQL:** the subgraph's own request timeout, or the router's
//!   per-fetch timeout when that is shorter. The router sends it in
//!   [`ROUTER_TIMEOUT_HEADER`] (`router-config/router.yaml` inserts the same
//!   value it uses for `traffic_shaping.all.timeout`).
//! - **gRPC:** the caller's `grpc-timeout`, capped at [`MAX_GRPC_BUDGET`];
//!   a call without one gets the cap.
//!
//! Every outgoing gRPC call (see [`crate::breaker`]) sends what is left as
//! its own `grpc-timeout`, further capped by the peer timeout, and fails at
//! once with `DEADLINE_EXCEEDED` when nothing is left: no hop works on for
//! a caller that has given up. DataLoader batches run in tasks of their own;
//! [`crate::server::data_loader`] carries the deadline into them.

use std::future::Future;
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::time::Instant;

tokio::task_local! {
    static DEADLINE: Instant;
}

/// The header in which the router states its per-fetch timeout, as `15s`
/// or `1500ms`.
pub const ROUTER_TIMEOUT_HEADER: &str = "x-shop-timeout";

/// The longest budget a gRPC server grants a call, whatever its caller
/// asks for.
pub const MAX_GRPC_BUDGET: Duration = Duration::from_secs(30);

/// Runs `future` with a deadline `budget` from now, or the current deadline
/// if that comes sooner (a deadline is never extended).
pub async fn within<F: Future>(budget: Duration, future: F) -> F::Output {
    let mut at = Instant::now() + budget;
    if let Some(current) = current() {
        at = at.min(current);
    }
    DEADLINE.scope(at, future).await
}

/// Runs `future` under `deadline` (as [`current`] gave it), or under none.
pub async fn at<F: Future>(deadline: Option<Instant>, future: F) -> F::Output {
    match deadline {
        Some(at) => DEADLINE.scope(at, future).await,
        None => future.await,
    }
}

/// The current request's deadline, if it has one.
pub fn current() -> Option<Instant> {
    DEADLINE.try_with(|at| *at).ok()
}

/// How long the current request has left (zero once it is past), if it has
/// a deadline.
pub fn remaining() -> Option<Duration> {
    current().map(|at| at.saturating_duration_since(Instant::now()))
}

/// Parses a `grpc-timeout` value: at most 8 digits and a unit (`H`, `M`,
/// `S`, `m`, `u`, `n`), as the gRPC over HTTP/2 protocol defines it.
pub fn parse_grpc_timeout(value: &str) -> Option<Duration> {
    if value.len() < 2 || !value.is_ascii() {
        return None;
    }
    let (digits, unit) = value.split_at(value.len() - 1);
    if digits.len() > 8 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: u64 = digits.parse().ok()?;
    Some(match unit {
        "H" => Duration::from_secs(n * 3600),
        "M" => Duration::from_secs(n * 60),
        "S" => Duration::from_secs(n),
        "m" => Duration::from_millis(n),
        "u" => Duration::from_micros(n),
        "n" => Duration::from_nanos(n),
        _ => return None,
    })
}

/// `budget` as a `grpc-timeout` value, in whole milliseconds (at least 1)
/// or, past 8 digits of them, seconds.
pub fn grpc_timeout_value(budget: Duration) -> String {
    let millis = budget.as_millis().max(1);
    if millis <= 99_999_999 {
        format!("{millis}m")
    } else {
        format!("{}S", budget.as_secs().min(99_999_999))
    }
}

/// The `grpc-timeout` a request carries, if it names a valid one.
pub fn grpc_timeout_of(headers: &http::HeaderMap) -> Option<Duration> {
    headers
        .get("grpc-timeout")
        .and_then(|v| v.to_str().ok())
        .and_then(parse_grpc_timeout)
}

/// Sets a request's `grpc-timeout` to `budget`.
pub fn set_grpc_timeout(headers: &mut http::HeaderMap, budget: Duration) {
    if let Ok(value) = grpc_timeout_value(budget).parse() {
        headers.insert("grpc-timeout", value);
    }
}

/// Parses the router's timeout header: `15s` or `1500ms`.
pub fn parse_router_timeout(value: &str) -> Option<Duration> {
    let value = value.trim();
    if let Some(ms) = value.strip_suffix("ms") {
        return ms.parse().ok().map(Duration::from_millis);
    }
    value
        .strip_suffix('s')
        .and_then(|s| s.parse().ok())
        .map(Duration::from_secs)
}

/// A tower layer for gRPC servers: each call runs under the deadline its
/// `grpc-timeout` names, capped at `cap`.
#[derive(Debug, Clone, Copy)]
pub struct DeadlineLayer {
    cap: Duration,
}

impl DeadlineLayer {
    /// Calls get at most `cap` (and `cap` when they name no timeout).
    pub fn new(cap: Duration) -> Self {
        Self { cap }
    }
}

impl<S> tower::Layer<S> for DeadlineLayer {
    type Service = WithDeadline<S>;
    fn layer(&self, inner: S) -> Self::Service {
        WithDeadline {
            inner,
            cap: self.cap,
        }
    }
}

/// The service [`DeadlineLayer`] makes.
#[derive(Debug, Clone)]
pub struct WithDeadline<S> {
    inner: S,
    cap: Duration,
}

impl<S, B> tower::Service<http::Request<B>> for WithDeadline<S>
where
    S: tower::Service<http::Request<B>>,
    S::Future: Send + 'static,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = futures::future::BoxFuture<'static, Result<S::Response, S::Error>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: http::Request<B>) -> Self::Future {
        let budget =
            grpc_timeout_of(request.headers()).map_or(self.cap, |asked| asked.min(self.cap));
        let future = self.inner.call(request);
        Box::pin(async move {
            let at = Instant::now() + budget;
            DEADLINE.scope(at, future).await
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};
    use tower::{Layer, Service, ServiceExt};

    #[test]
    fn grpc_timeouts_parse_as_the_protocol_defines_them() {
        assert_eq!(parse_grpc_timeout("250m"), Some(Duration::from_millis(250)));
        assert_eq!(parse_grpc_timeout("3S"), Some(Duration::from_secs(3)));
        assert_eq!(parse_grpc_timeout("2M"), Some(Duration::from_secs(120)));
        assert_eq!(parse_grpc_timeout("1H"), Some(Duration::from_secs(3600)));
        assert_eq!(parse_grpc_timeout("5u"), Some(Duration::from_micros(5)));
        for bad in ["", "m", "123456789m", "-1m", "10x", "1.5S", "ü1m"] {
            assert_eq!(parse_grpc_timeout(bad), None, "{bad:?}");
        }
        assert_eq!(grpc_timeout_value(Duration::from_millis(1500)), "1500m");
        assert_eq!(grpc_timeout_value(Duration::ZERO), "1m");
        assert_eq!(
            parse_grpc_timeout(&grpc_timeout_value(Duration::from_secs(200_000))),
            Some(Duration::from_secs(200_000))
        );
        assert_eq!(parse_router_timeout("15s"), Some(Duration::from_secs(15)));
        assert_eq!(
            parse_router_timeout("1500ms"),
            Some(Duration::from_millis(1500))
        );
        assert_eq!(parse_router_timeout("soon"), None);
    }

    #[tokio::test]
    async fn a_nested_deadline_never_extends_the_outer_one() {
        assert_eq!(remaining(), None, "no request, no deadline");
        within(Duration::from_millis(100), async {
            within(Duration::from_secs(60), async {
                assert!(remaining().unwrap() <= Duration::from_millis(100));
            })
            .await;
            within(Duration::from_millis(10), async {
                assert!(remaining().unwrap() <= Duration::from_millis(10));
            })
            .await;
        })
        .await;
    }

    /// What a server's handler sees of its deadline, for a `grpc-timeout`.
    async fn seen_by_handler(grpc_timeout: Option<&str>) -> Option<Duration> {
        let seen = Arc::new(Mutex::new(None));
        let record = seen.clone();
        let handler = tower::service_fn(move |_request: http::Request<()>| {
            let record = record.clone();
            async move {
                *record.lock().unwrap() = remaining();
                Ok::<_, std::convert::Infallible>(())
            }
        });
        let mut service = DeadlineLayer::new(Duration::from_secs(30)).layer(handler);
        let mut request = http::Request::new(());
        if let Some(value) = grpc_timeout {
            request
                .headers_mut()
                .insert("grpc-timeout", value.parse().unwrap());
        }
        service.ready().await.unwrap().call(request).await.unwrap();
        *seen.lock().unwrap()
    }

    #[tokio::test]
    async fn a_grpc_server_runs_each_call_under_its_callers_deadline_capped() {
        let asked = seen_by_handler(Some("200m")).await.unwrap();
        assert!(
            asked <= Duration::from_millis(200) && asked > Duration::from_millis(150),
            "{asked:?}"
        );
        let greedy = seen_by_handler(Some("10H")).await.unwrap();
        assert!(
            greedy <= MAX_GRPC_BUDGET.min(Duration::from_secs(30)),
            "capped: {greedy:?}"
        );
        let silent = seen_by_handler(None).await.unwrap();
        assert!(silent > Duration::from_secs(29), "the cap: {silent:?}");
        let garbled = seen_by_handler(Some("soon")).await.unwrap();
        assert!(garbled > Duration::from_secs(29), "{garbled:?}");
    }
}
