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
}

impl Default for PeerSettings {
    fn default() -> Self {
        Self {
            timeout: Duration::from_secs(5),
            breaker_failures: 5,
            breaker_open_for: Duration::from_secs(5),
            faults: crate::faults::Faults::default(),
        }
    }
}

impl PeerSettings {
    /// Reads the settings from the environment (see [`ENV_VARS`]).
    pub fn from_env() -> anyhow::Result<Self> {
        Ok(Self {
            timeout: Duration::from_millis(env_parse("PEER_TIMEOUT_MS", 5_000)?.max(1)),
            breaker_failures: env_parse("BREAKER_FAILURES", 5)?.max(1),
            breaker_open_for: Duration::from_secs(env_parse("BREAKER_OPEN_SECS", 5)?.max(1)),
            faults: crate::faults::Faults::from_env()?,
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

#[derive(Debug)]
struct Shared {
    peer: String,
    settings: PeerSettings,
    state: Mutex<BreakerState>,
    /// The fault injected into calls to this peer, if any.
    fault: Option<crate::faults::Fault>,
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
        Self {
            inner,
            shared: Arc::new(Shared {
                peer: peer.to_string(),
                settings,
                state: Mutex::new(BreakerState::Closed { failures: 0 }),
                fault,
            }),
        }
    }

    /// The breaker's state now.
    pub fn state(&self) -> BreakerState {
        *self.shared.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Shared {
    /// Whether a call may go through now (moving an expired open breaker
    /// to half-open, this call being its probe).
    fn admit(&self) -> bool {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        match *state {
            BreakerState::Closed { .. } => true,
            BreakerState::Open { until } if Instant::now() >= until => {
                *state = BreakerState::HalfOpen;
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
    }
}

/// Whether an answer says the peer is unavailable (`UNAVAILABLE`, or
/// `DEADLINE_EXCEEDED`), as a trailers-only response carries it.
fn unavailable<B>(response: &http::Response<B>) -> bool {
    matches!(
        response
            .headers()
            .get("grpc-status")
            .and_then(|v| v.to_str().ok()),
        Some("14" | "4")
    )
}

impl<S> tower::Service<http::Request<tonic::body::Body>> for Breaker<S>
where
    S: tower::Service<
            http::Request<tonic::body::Body>,
            Response = http::Response<tonic::body::Body>,
        >,
    S::Future: Send + 'static,
    S::Error: Send + 'static,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = futures::future::BoxFuture<'static, Result<Self::Response, Self::Error>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: http::Request<tonic::body::Body>) -> Self::Future {
        if !self.shared.admit() {
            let status = tonic::Status::unavailable(format!(
                "the {} service is unavailable (circuit open); try again",
                self.shared.peer
            ));
            return Box::pin(futures::future::ready(Ok(status.into_http())));
        }
        if self.shared.fault == Some(crate::faults::Fault::Fail) {
            self.shared.record(true);
            let status = tonic::Status::unavailable(format!(
                "the {} service is unavailable (fault injected)",
                self.shared.peer
            ));
            return Box::pin(futures::future::ready(Ok(status.into_http())));
        }
        let delay = match self.shared.fault {
            Some(crate::faults::Fault::Slow(delay)) => delay,
            _ => Duration::ZERO,
        };
        let future = self.inner.call(request);
        let shared = self.shared.clone();
        Box::pin(async move {
            let result = future.await;
            if !delay.is_zero() {
                tokio::time::sleep(delay).await;
            }
            shared.record(match &result {
                Err(_) => true,
                Ok(response) => unavailable(response),
            });
            result
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
            },
            state: Mutex::new(BreakerState::Closed { failures: 0 }),
            fault: None,
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
            faults: crate::faults::Faults::default(),
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
}
