//! A circuit breaker per peer, around every gRPC channel a service opens.
//!
//! - **Closed:** calls go through. A call that fails at the transport (the
//!   peer is down, or stalls past the call's timeout) or answers
//!   `UNAVAILABLE` or `DEADLINE_EXCEEDED` counts; any other answer resets the
//!   count.
//! - **Open** after [`PeerSettings::breaker_failures`] failures in a row:
//!   calls fail at once with `UNAVAILABLE` ("circuit open") for
//!   [`PeerSettings::breaker_open_for`], instead of each waiting out the
//!   timeout.
//! - **Half-open** after that: one call goes through as a probe; its success
//!   closes the breaker, its failure opens it again.
//!
//! Each change of state is logged with the peer's name.
//!
//! Every call also carries the request's deadline (see [`crate::deadline`]):
//! what is left of it goes out as `grpc-timeout`, capped at
//! [`PeerSettings::timeout`], and a call with nothing left fails at once
//! with `DEADLINE_EXCEEDED` (not counted against the peer).
//!
//! **Retries.** A call that only reads ([`proto::READ_ONLY_METHODS`]) and
//! failed at the transport or with `UNAVAILABLE` is tried once more, after a
//! short jittered pause, if the breaker still admits it and the deadline
//! leaves room. Retries spend a budget per peer: each call earns a tenth of
//! a retry, up to a reserve of [`RETRY_RESERVE`], so retries add at most
//! about 10% to the load on a peer that is failing, instead of doubling it.
//! Writes are never retried here; their callers own idempotency keys.

use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use crate::config::env_parse;

/// The variables [`PeerSettings::from_env`] reads itself (the faults' are
/// [`crate::faults::ENV_VARS`]).
pub const ENV_VARS: &[&str] = &["PEER_TIMEOUT_MS", "BREAKER_FAILURES", "BREAKER_OPEN_SECS"];

/// How calls to peers are bounded, and the faults injected into them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeerSettings {
    /// The longest one call may take (`PEER_TIMEOUT_MS`, 5,000).
    pub timeout: Duration,
    /// Failures in a row that open the breaker (`BREAKER_FAILURES`, 5).
    pub breaker_failures: u32,
    /// How long an open breaker fails calls at once (`BREAKER_OPEN_SECS`, 5).
    pub breaker_open_for: Duration,
    /// Faults injected into peers and the payment provider (`SHOP_FAULTS`,
    /// development only; see [`crate::faults`]).
    pub faults: crate::faults::Faults,
    /// Where calls, their codes and latencies, and the breakers' states are
    /// recorded: the calling service's metrics (set with
    /// [`PeerSettings::observed_by`]).
    pub metrics: crate::metrics::Metrics,
}

impl Default for PeerSettings {
    fn default() -> Self {
        Self {
            timeout: Duration::from_secs(5),
            breaker_failures: 5,
            breaker_open_for: Duration::from_secs(5),
            faults: crate::faults::Faults::default(),
            metrics: crate::metrics::Metrics::default(),
        }
    }
}

impl PeerSettings {
    /// The same settings, recording into `metrics`.
    pub fn observed_by(&self, metrics: &crate::metrics::Metrics) -> Self {
        Self {
            metrics: metrics.clone(),
            ..self.clone()
        }
    }

    /// Reads the settings from the environment (see [`ENV_VARS`]).
    pub fn from_env() -> anyhow::Result<Self> {
        Ok(Self {
            timeout: Duration::from_millis(env_parse("PEER_TIMEOUT_MS", 5_000)?.max(1)),
            breaker_failures: env_parse("BREAKER_FAILURES", 5)?.max(1),
            breaker_open_for: Duration::from_secs(env_parse("BREAKER_OPEN_SECS", 5)?.max(1)),
            faults: crate::faults::Faults::from_env()?,
            metrics: crate::metrics::Metrics::default(),
        })
    }
}

/// Where a breaker is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BreakerState {
    /// Calls go through; `failures` in a row so far.
    Closed {
        /// Consecutive failures.
        failures: u32,
    },
    /// Calls fail at once until `until`.
    Open {
        /// When a probe may go through.
        until: Instant,
    },
    /// One probe is in flight; other calls fail at once.
    HalfOpen,
}

/// Retries a peer's budget holds at most (and starts with).
pub const RETRY_RESERVE: f64 = 10.0;

/// What each call adds to its peer's retry budget.
const RETRY_EARNED_PER_CALL: f64 = 0.1;

#[derive(Debug)]
struct Shared {
    peer: String,
    settings: PeerSettings,
    state: Mutex<BreakerState>,
    /// The fault injected into calls to this peer, if any.
    fault: Option<crate::faults::Fault>,
    /// Retries left to spend (see [`RETRY_RESERVE`]).
    retry_budget: Mutex<f64>,
    /// Retries made, for tests.
    retries: std::sync::atomic::AtomicU64,
}

/// A gRPC channel behind a circuit breaker.
#[derive(Clone)]
pub struct Breaker<S> {
    inner: S,
    shared: Arc<Shared>,
}

/// The channel type every peer client uses.
pub type GuardedChannel = Breaker<tonic::transport::Channel>;

impl<S> Breaker<S> {
    /// Wraps `inner`, the channel to `peer`.
    pub fn new(inner: S, peer: &str, settings: PeerSettings) -> Self {
        let fault = settings.faults.peer(peer);
        if let Some(fault) = fault {
            tracing::warn!(
                peer,
                ?fault,
                "fault injected into every call to this peer (SHOP_FAULTS)"
            );
        }
        settings.metrics.breaker_state(peer, 0);
        Self {
            inner,
            shared: Arc::new(Shared {
                peer: peer.to_string(),
                settings,
                state: Mutex::new(BreakerState::Closed { failures: 0 }),
                fault,
                retry_budget: Mutex::new(RETRY_RESERVE),
                retries: Default::default(),
            }),
        }
    }

    /// The breaker's state now.
    pub fn state(&self) -> BreakerState {
        *self.shared.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// How many retries calls through this channel have made.
    pub fn retries(&self) -> u64 {
        self.shared
            .retries
            .load(std::sync::atomic::Ordering::Relaxed)
    }
}

impl Shared {
    /// A call earns part of a retry.
    fn earn_retry(&self) {
        let mut budget = self.retry_budget.lock().unwrap_or_else(|e| e.into_inner());
        *budget = (*budget + RETRY_EARNED_PER_CALL).min(RETRY_RESERVE);
    }

    /// Spends one retry, if the budget holds one.
    fn spend_retry(&self) -> bool {
        let mut budget = self.retry_budget.lock().unwrap_or_else(|e| e.into_inner());
        if *budget >= 1.0 {
            *budget -= 1.0;
            self.retries
                .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            true
        } else {
            false
        }
    }

    /// Whether a call may go through now (moving an expired open breaker
    /// to half-open, this call being its probe).
    fn admit(&self) -> bool {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        match *state {
            BreakerState::Closed { .. } => true,
            BreakerState::Open { until } if Instant::now() >= until => {
                *state = BreakerState::HalfOpen;
                self.settings.metrics.breaker_state(&self.peer, 1);
                tracing::info!(peer = %self.peer, "circuit half-open: probing");
                true
            }
            BreakerState::Open { .. } | BreakerState::HalfOpen => false,
        }
    }

    fn record(&self, failed: bool) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let open = || BreakerState::Open {
            until: Instant::now() + self.settings.breaker_open_for,
        };
        *state = match (*state, failed) {
            (BreakerState::HalfOpen, false) => {
                tracing::info!(peer = %self.peer, "circuit closed: the peer answers again");
                BreakerState::Closed { failures: 0 }
            }
            (BreakerState::HalfOpen, true) => {
                tracing::warn!(peer = %self.peer, "circuit open again: the probe failed");
                open()
            }
            (BreakerState::Closed { .. }, false) => BreakerState::Closed { failures: 0 },
            (BreakerState::Closed { failures }, true)
                if failures + 1 >= self.settings.breaker_failures =>
            {
                tracing::warn!(peer = %self.peer, failures = failures + 1, open_for = ?self.settings.breaker_open_for, "circuit open: calls fail at once");
                open()
            }
            (BreakerState::Closed { failures }, true) => BreakerState::Closed {
                failures: failures + 1,
            },
            (open @ BreakerState::Open { .. }, _) => open,
        };
        let gauge = match *state {
            BreakerState::Closed { .. } => 0,
            BreakerState::HalfOpen => 1,
            BreakerState::Open { .. } => 2,
        };
        self.settings.metrics.breaker_state(&self.peer, gauge);
    }
}

/// Whether an answer says the peer is unavailable (`UNAVAILABLE`, or
/// `DEADLINE_EXCEEDED`), as a trailers-only response carries it.
fn unavailable<B>(response: &http::Response<B>) -> bool {
    matches!(grpc_status(response), Some("14" | "4"))
}

/// The `grpc-status` of a trailers-only answer.
fn grpc_status<B>(response: &http::Response<B>) -> Option<&str> {
    response
        .headers()
        .get("grpc-status")
        .and_then(|v| v.to_str().ok())
}

/// Whether a failed attempt may be worth another: the peer was unreachable
/// or said `UNAVAILABLE` (never `DEADLINE_EXCEEDED`: the time is spent).
/// [`Breaker::attempt`] answers a transport failure as `UNAVAILABLE` too.
fn worth_retrying<B, E>(result: &Result<http::Response<B>, E>) -> bool {
    match result {
        Err(_) => true,
        Ok(response) => grpc_status(response) == Some("14"),
    }
}

/// A gRPC answer with `status`, made without calling the peer.
fn answer(status: tonic::Status) -> http::Response<tonic::body::Body> {
    status.into_http()
}

impl<S> Breaker<S>
where
    S: tower::Service<
            http::Request<tonic::body::Body>,
            Response = http::Response<tonic::body::Body>,
        >,
{
    /// One attempt through the inner channel, within `budget`: the injected
    /// fault, then the call, its outcome recorded. A transport failure (the
    /// peer refused, the TLS handshake stalled) and a call past its budget
    /// answer as gRPC statuses, `UNAVAILABLE` or `DEADLINE_EXCEEDED`, never
    /// as an unknown error. A call cut short by its caller's deadline, rather
    /// than by the full peer timeout, does not count against the peer.
    async fn attempt(
        shared: &Shared,
        inner: &mut S,
        request: http::Request<tonic::body::Body>,
        budget: Duration,
    ) -> Result<S::Response, S::Error>
    where
        S::Error: std::fmt::Display,
    {
        if shared.fault == Some(crate::faults::Fault::Fail) {
            shared.record(true);
            return Ok(answer(tonic::Status::unavailable(format!(
                "the {} service is unavailable (fault injected)",
                shared.peer
            ))));
        }
        // Connecting happens inside the call, so the budget bounds it too.
        let outcome = tokio::time::timeout(budget, inner.call(request)).await;
        if let Some(crate::faults::Fault::Slow(delay)) = shared.fault {
            tokio::time::sleep(delay).await;
        }
        let full_timeout = budget >= shared.settings.timeout;
        match outcome {
            Ok(Ok(response)) => {
                shared.record(unavailable(&response));
                Ok(response)
            }
            Ok(Err(error)) => {
                shared.record(true);
                tracing::warn!(peer = %shared.peer, %error, "peer unreachable");
                Ok(answer(tonic::Status::unavailable(format!(
                    "the {} service is unreachable; try again",
                    shared.peer
                ))))
            }
            Err(_elapsed) if full_timeout => {
                shared.record(true);
                Ok(answer(tonic::Status::unavailable(format!(
                    "the {} service did not answer within {budget:?}; try again",
                    shared.peer
                ))))
            }
            Err(_elapsed) => Ok(answer(tonic::Status::deadline_exceeded(format!(
                "the {} service did not answer before the request's deadline",
                shared.peer
            )))),
        }
    }
}

impl<S> tower::Service<http::Request<tonic::body::Body>> for Breaker<S>
where
    S: tower::Service<
            http::Request<tonic::body::Body>,
            Response = http::Response<tonic::body::Body>,
        > + Clone
        + Send
        + 'static,
    S::Future: Send + 'static,
    S::Error: std::fmt::Display + Send + 'static,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = futures::future::BoxFuture<'static, Result<Self::Response, Self::Error>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    /// Calls the peer (see the module docs), and records the call: its
    /// method, code and duration.
    fn call(&mut self, mut request: http::Request<tonic::body::Body>) -> Self::Future {
        use tracing::Instrument as _;
        let method = request.uri().path().to_string();
        let shared = self.shared.clone();
        let started = Instant::now();
        // The client span; its context goes to the peer in the metadata.
        let span = tracing::info_span!(
            "grpc.client",
            otel.name = %method.trim_start_matches('/'),
            otel.kind = "client",
            otel.status_code = tracing::field::Empty,
            rpc.system = "grpc",
            rpc.method = %method,
            rpc.grpc.status_code = tracing::field::Empty,
            peer.service = %shared.peer,
            shop.service = %shared.settings.metrics.service(),
        );
        crate::telemetry::inject_into(&span, request.headers_mut());
        let future = span.in_scope(|| self.dispatch(request));
        Box::pin(
            async move {
                let result = future.await;
                let code = crate::metrics::result_code(&result);
                crate::telemetry::record_grpc_status(code);
                shared
                    .settings
                    .metrics
                    .grpc_called(&shared.peer, &method, code, started.elapsed());
                result
            }
            .instrument(span),
        )
    }
}

impl<S> Breaker<S>
where
    S: tower::Service<
            http::Request<tonic::body::Body>,
            Response = http::Response<tonic::body::Body>,
        > + Clone
        + Send
        + 'static,
    S::Future: Send + 'static,
    S::Error: std::fmt::Display + Send + 'static,
{
    /// The call itself: the deadline, the breaker, the attempt and the
    /// retry.
    #[allow(clippy::type_complexity)]
    fn dispatch(
        &mut self,
        mut request: http::Request<tonic::body::Body>,
    ) -> futures::future::BoxFuture<'static, Result<http::Response<tonic::body::Body>, S::Error>>
    {
        // What is left of the request's deadline, capped by the peer timeout.
        let remaining = crate::deadline::remaining();
        if remaining == Some(Duration::ZERO) {
            return Box::pin(futures::future::ready(Ok(answer(
                tonic::Status::deadline_exceeded(format!(
                    "no time left to call the {} service",
                    self.shared.peer
                )),
            ))));
        }
        let budget = remaining.map_or(self.shared.settings.timeout, |left| {
            left.min(self.shared.settings.timeout)
        });
        let budget = crate::deadline::grpc_timeout_of(request.headers())
            .map_or(budget, |asked| asked.min(budget));
        crate::deadline::set_grpc_timeout(request.headers_mut(), budget);
        if !self.shared.admit() {
            return Box::pin(futures::future::ready(Ok(answer(
                tonic::Status::unavailable(format!(
                    "the {} service is unavailable (circuit open); try again",
                    self.shared.peer
                )),
            ))));
        }
        self.shared.earn_retry();
        let retryable = proto::READ_ONLY_METHODS.contains(&request.uri().path());
        // The clone takes the place of the channel that was polled ready.
        let clone = self.inner.clone();
        let mut inner = std::mem::replace(&mut self.inner, clone);
        let shared = self.shared.clone();
        let started = tokio::time::Instant::now();
        Box::pin(async move {
            if !retryable {
                return Self::attempt(&shared, &mut inner, request, budget).await;
            }
            // A unary request is one small message: kept, to send again.
            let (parts, body) = request.into_parts();
            let bytes = match http_body_util::BodyExt::collect(body).await {
                Ok(collected) => collected.to_bytes(),
                Err(status) => return Ok(answer(status)),
            };
            let again = || {
                http::Request::from_parts(
                    parts.clone(),
                    tonic::body::Body::new(http_body_util::Full::new(bytes.clone())),
                )
            };
            let first = Self::attempt(&shared, &mut inner, again(), budget).await;
            if !worth_retrying(&first) {
                return first;
            }
            let pause =
                Duration::from_millis(rand::Rng::gen_range(&mut rand::thread_rng(), 10..=40));
            let left = budget.saturating_sub(started.elapsed());
            if left < pause + Duration::from_millis(50) || !shared.admit() || !shared.spend_retry()
            {
                return first;
            }
            tokio::time::sleep(pause).await;
            if tower::ServiceExt::ready(&mut inner).await.is_err() {
                return first;
            }
            let mut second = again();
            let left = budget.saturating_sub(started.elapsed());
            crate::deadline::set_grpc_timeout(second.headers_mut(), left);
            tracing::debug!(peer = %shared.peer, path = second.uri().path(), "retrying a read");
            Self::attempt(&shared, &mut inner, second, left).await
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shared(failures: u32, open_for: Duration) -> Shared {
        Shared {
            peer: "product".into(),
            settings: PeerSettings {
                timeout: Duration::from_secs(1),
                breaker_failures: failures,
                breaker_open_for: open_for,
                faults: crate::faults::Faults::default(),
                metrics: crate::metrics::Metrics::default(),
            },
            state: Mutex::new(BreakerState::Closed { failures: 0 }),
            fault: None,
            retry_budget: Mutex::new(RETRY_RESERVE),
            retries: Default::default(),
        }
    }

    #[test]
    fn it_opens_after_the_failures_probes_and_closes_on_a_success() {
        let breaker = shared(3, Duration::from_millis(50));
        for _ in 0..2 {
            assert!(breaker.admit());
            breaker.record(true);
        }
        assert!(breaker.admit());
        breaker.record(false);
        assert_eq!(
            *breaker.state.lock().unwrap(),
            BreakerState::Closed { failures: 0 },
            "a success resets the count"
        );
        for _ in 0..3 {
            assert!(breaker.admit());
            breaker.record(true);
        }
        assert!(!breaker.admit(), "open: refused at once");
        std::thread::sleep(Duration::from_millis(60));
        assert!(breaker.admit(), "the probe goes through");
        assert!(!breaker.admit(), "one probe at a time");
        breaker.record(true);
        assert!(!breaker.admit(), "a failed probe opens it again");
        std::thread::sleep(Duration::from_millis(60));
        assert!(breaker.admit());
        breaker.record(false);
        assert!(breaker.admit(), "a good probe closes it");
    }

    /// Counts the calls that reach the channel behind the breaker.
    #[derive(Clone)]
    struct Counting<S> {
        inner: S,
        calls: Arc<std::sync::atomic::AtomicUsize>,
    }

    impl<S> tower::Service<http::Request<tonic::body::Body>> for Counting<S>
    where
        S: tower::Service<http::Request<tonic::body::Body>>,
    {
        type Response = S::Response;
        type Error = S::Error;
        type Future = S::Future;
        fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
            self.inner.poll_ready(cx)
        }
        fn call(&mut self, request: http::Request<tonic::body::Body>) -> Self::Future {
            self.calls.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            self.inner.call(request)
        }
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn an_open_breaker_answers_without_calling_the_hanging_peer() {
        // A peer that accepts connections and never answers.
        let silent = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let proxy = crate::testing::TcpProxy::start(silent.local_addr().unwrap())
            .await
            .unwrap();
        proxy.stall();
        let settings = PeerSettings {
            timeout: Duration::from_millis(300),
            breaker_failures: 2,
            breaker_open_for: Duration::from_secs(30),
            ..PeerSettings::default()
        };
        let channel = crate::tls::channel(
            &format!("http://{}", proxy.addr()),
            "user",
            None,
            settings.timeout,
        )
        .unwrap();
        let calls = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let counted = Counting {
            inner: channel,
            calls: calls.clone(),
        };
        let breaker = Breaker::new(counted, "user", settings);
        let mut client = tonic_health::pb::health_client::HealthClient::new(breaker.clone());
        let check = || tonic_health::pb::HealthCheckRequest::default();
        for _ in 0..2 {
            client.check(check()).await.unwrap_err();
        }
        assert!(matches!(breaker.state(), BreakerState::Open { .. }));
        assert_eq!(calls.load(std::sync::atomic::Ordering::SeqCst), 2);
        for _ in 0..10 {
            let status = client.check(check()).await.unwrap_err();
            assert_eq!(status.code(), tonic::Code::Unavailable);
            assert!(status.message().contains("circuit open"), "{status:?}");
        }
        assert_eq!(
            calls.load(std::sync::atomic::Ordering::SeqCst),
            2,
            "no call reached the peer while the breaker was open"
        );
        drop(silent);
    }

    /// A peer that answers from a script (then with `fallback`) and records
    /// each call's path and `grpc-timeout`.
    #[derive(Clone)]
    struct Scripted {
        answers: Arc<Mutex<std::collections::VecDeque<tonic::Code>>>,
        fallback: tonic::Code,
        seen: Arc<Mutex<Vec<(String, Option<String>)>>>,
    }

    impl Scripted {
        fn new(answers: &[tonic::Code], fallback: tonic::Code) -> Self {
            Self {
                answers: Arc::new(Mutex::new(answers.iter().copied().collect())),
                fallback,
                seen: Arc::default(),
            }
        }
        fn calls(&self) -> usize {
            self.seen.lock().unwrap().len()
        }
        fn last_timeout(&self) -> Option<Duration> {
            let seen = self.seen.lock().unwrap();
            let value = seen.last()?.1.clone()?;
            crate::deadline::parse_grpc_timeout(&value)
        }
    }

    impl tower::Service<http::Request<tonic::body::Body>> for Scripted {
        type Response = http::Response<tonic::body::Body>;
        type Error = std::convert::Infallible;
        type Future = futures::future::Ready<Result<Self::Response, Self::Error>>;
        fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
            Poll::Ready(Ok(()))
        }
        fn call(&mut self, request: http::Request<tonic::body::Body>) -> Self::Future {
            self.seen.lock().unwrap().push((
                request.uri().path().to_string(),
                request
                    .headers()
                    .get("grpc-timeout")
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_string),
            ));
            let code = self
                .answers
                .lock()
                .unwrap()
                .pop_front()
                .unwrap_or(self.fallback);
            futures::future::ready(Ok(tonic::Status::new(code, "scripted").into_http()))
        }
    }

    fn guarded(peer: &Scripted) -> Breaker<Scripted> {
        Breaker::new(
            peer.clone(),
            "product",
            PeerSettings {
                timeout: Duration::from_secs(1),
                breaker_failures: 1_000,
                ..PeerSettings::default()
            },
        )
    }

    const READ: &str = "/shop.product.v1.ProductService/GetProducts";
    const WRITE: &str = "/shop.product.v1.ProductService/ReserveStock";

    /// The `grpc-status` a call through `breaker` ends with.
    async fn status_of(breaker: &mut Breaker<Scripted>, path: &str) -> String {
        use tower::{Service, ServiceExt};
        let request = http::Request::builder()
            .uri(format!("http://product{path}"))
            .body(tonic::body::Body::empty())
            .unwrap();
        let response = breaker.ready().await.unwrap().call(request).await.unwrap();
        response
            .headers()
            .get("grpc-status")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("0")
            .to_string()
    }

    #[tokio::test]
    async fn a_read_that_meets_unavailable_is_tried_once_more_and_a_write_never() {
        use tonic::Code;
        let peer = Scripted::new(&[Code::Unavailable], Code::Ok);
        let mut breaker = guarded(&peer);
        assert_eq!(
            status_of(&mut breaker, READ).await,
            "0",
            "the retry answered"
        );
        assert_eq!(peer.calls(), 2);

        let peer = Scripted::new(&[Code::Unavailable], Code::Ok);
        let mut breaker = guarded(&peer);
        assert_eq!(
            status_of(&mut breaker, WRITE).await,
            "14",
            "a write is not retried"
        );
        assert_eq!(peer.calls(), 1);

        let peer = Scripted::new(&[Code::DeadlineExceeded], Code::Ok);
        let mut breaker = guarded(&peer);
        assert_eq!(
            status_of(&mut breaker, READ).await,
            "4",
            "the time is spent"
        );
        assert_eq!(peer.calls(), 1);

        let peer = Scripted::new(&[Code::NotFound], Code::Ok);
        let mut breaker = guarded(&peer);
        assert_eq!(
            status_of(&mut breaker, READ).await,
            "5",
            "an answer is an answer"
        );
        assert_eq!(peer.calls(), 1);
    }

    #[tokio::test]
    async fn retries_spend_a_budget_so_a_failing_peer_sees_about_a_tenth_more_calls() {
        let peer = Scripted::new(&[], tonic::Code::Unavailable);
        let mut breaker = guarded(&peer);
        let calls = 60;
        for _ in 0..calls {
            assert_eq!(status_of(&mut breaker, READ).await, "14");
        }
        let retries = breaker.retries();
        assert_eq!(peer.calls(), calls + retries as usize);
        // The reserve, and a tenth of a retry per call after it is spent.
        assert!(
            (RETRY_RESERVE as u64..=RETRY_RESERVE as u64 + calls as u64 / 10).contains(&retries),
            "{retries} retries for {calls} calls"
        );
    }

    #[tokio::test]
    async fn calls_carry_what_is_left_of_the_deadline_and_none_goes_out_past_it() {
        let peer = Scripted::new(&[], tonic::Code::Ok);
        let mut breaker = guarded(&peer);
        status_of(&mut breaker, WRITE).await;
        assert_eq!(
            peer.last_timeout(),
            Some(Duration::from_secs(1)),
            "no deadline: the peer timeout"
        );
        crate::deadline::within(Duration::from_millis(300), async {
            tokio::time::sleep(Duration::from_millis(50)).await;
            status_of(&mut breaker, WRITE).await;
        })
        .await;
        let sent = peer.last_timeout().unwrap();
        assert!(
            sent <= Duration::from_millis(250) && sent > Duration::from_millis(150),
            "what is left: {sent:?}"
        );
        crate::deadline::within(Duration::from_secs(60), async {
            status_of(&mut breaker, WRITE).await;
        })
        .await;
        assert_eq!(peer.last_timeout(), Some(Duration::from_secs(1)), "capped");

        let before = peer.calls();
        let status = crate::deadline::within(Duration::ZERO, async {
            status_of(&mut breaker, READ).await
        })
        .await;
        assert_eq!(status, "4", "DEADLINE_EXCEEDED at once");
        assert_eq!(peer.calls(), before, "the peer is not called");
        assert_eq!(breaker.state(), BreakerState::Closed { failures: 0 });
    }
}
