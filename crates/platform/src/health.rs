//! Liveness and readiness, over HTTP and in the gRPC health service.
//!
//! - `GET /health/live` (and `GET /health`) answers `200 ok` while the
//!   process serves HTTP at all: restart it when this fails.
//! - `GET /health/ready` answers `200` when the service can serve, `503`
//!   when it cannot, with a JSON body naming each check:
//!   - **`database`** (required): PostgreSQL answers, and every migration
//!     this build carries has been applied;
//!   - **`broker`** (reported, not required): the event broker accepts
//!     connections; while it is down events wait in the outbox, so the
//!     service still serves;
//!   - **`peers`** (reported, not required): no circuit breaker to a peer
//!     is open. A service with a peer down still serves whatever does not
//!     need that peer, and taking every replica out of the load balancer
//!     because a peer failed would turn one outage into all of them.
//! - The gRPC health service (`grpc.health.v1.Health`) says `SERVING` for
//!   the service's gRPC APIs and for `""` while the required checks pass,
//!   and `NOT_SERVING` otherwise, checked every [`GRPC_HEALTH_INTERVAL`].

use std::sync::Arc;
use std::time::Duration;

use axum::http::StatusCode;
use futures::future::BoxFuture;
use serde_json::{Value, json};

/// How often the gRPC health status is brought up to date.
pub const GRPC_HEALTH_INTERVAL: Duration = Duration::from_secs(2);

/// The longest one check may take before it counts as failed.
const CHECK_TIMEOUT: Duration = Duration::from_secs(2);

type CheckFn = Arc<dyn Fn() -> BoxFuture<'static, Result<String, String>> + Send + Sync>;

#[derive(Clone)]
struct Check {
    name: &'static str,
    required: bool,
    run: CheckFn,
}

/// The readiness checks of one service. Cheap to clone.
#[derive(Clone, Default)]
pub struct Readiness {
    checks: Arc<Vec<Check>>,
}

/// The outcome of running every check.
#[derive(Debug, Clone)]
pub struct Report {
    /// Whether every required check passed.
    pub ready: bool,
    /// The JSON body of `/health/ready`.
    pub body: Value,
}

impl Readiness {
    /// No checks yet (ready).
    pub fn new() -> Self {
        Self::default()
    }

    fn with(mut self, name: &'static str, required: bool, run: CheckFn) -> Self {
        Arc::make_mut(&mut self.checks).push(Check {
            name,
            required,
            run,
        });
        self
    }

    /// Requires PostgreSQL to answer with every migration of `migrator`
    /// applied in the pool's schema.
    pub fn database(self, pool: sqlx::PgPool, migrator: &'static sqlx::migrate::Migrator) -> Self {
        let run: CheckFn = Arc::new(move || {
            let pool = pool.clone();
            Box::pin(async move {
                let applied: Vec<i64> =
                    sqlx::query_scalar("SELECT version FROM _sqlx_migrations WHERE success")
                        .fetch_all(&pool)
                        .await
                        .map_err(|e| format!("PostgreSQL: {e}"))?;
                let missing: Vec<i64> = migrator
                    .iter()
                    .filter(|m| !m.migration_type.is_down_migration())
                    .map(|m| m.version)
                    .filter(|v| !applied.contains(v))
                    .collect();
                if missing.is_empty() {
                    Ok(format!("{} migrations applied", applied.len()))
                } else {
                    Err(format!("migrations not applied: {missing:?}"))
                }
            })
        });
        self.with("database", true, run)
    }

    /// Reports whether the broker at `broker` accepts connections.
    pub fn broker(self, broker: Option<&crate::events::BrokerConfig>) -> Self {
        let Some(address) = broker.and_then(|b| broker_address(&b.url)) else {
            return self;
        };
        let run: CheckFn = Arc::new(move || {
            let address = address.clone();
            Box::pin(async move {
                tokio::net::TcpStream::connect(&address)
                    .await
                    .map(|_| "reachable".to_string())
                    .map_err(|e| format!("unreachable: {e}"))
            })
        });
        self.with("broker", false, run)
    }

    /// Reports the peers whose circuit breakers are open (from `metrics`).
    pub fn peers(self, metrics: &crate::metrics::Metrics) -> Self {
        let metrics = metrics.clone();
        let run: CheckFn = Arc::new(move || {
            let open = metrics.open_breakers();
            Box::pin(async move {
                if open.is_empty() {
                    Ok("no circuit open".to_string())
                } else {
                    Err(format!("circuit open to: {}", open.join(", ")))
                }
            })
        });
        self.with("peers", false, run)
    }

    /// Runs every check, each within [`CHECK_TIMEOUT`].
    pub async fn check(&self) -> Report {
        let results = futures::future::join_all(self.checks.iter().map(|check| async move {
            let outcome = tokio::time::timeout(CHECK_TIMEOUT, (check.run)())
                .await
                .unwrap_or_else(|_| Err(format!("no answer within {CHECK_TIMEOUT:?}")));
            (check, outcome)
        }))
        .await;
        let mut ready = true;
        let mut checks = serde_json::Map::new();
        for (check, outcome) in results {
            let (ok, detail) = match outcome {
                Ok(detail) => (true, detail),
                Err(detail) => (false, detail),
            };
            ready &= ok || !check.required;
            checks.insert(
                check.name.to_string(),
                json!({ "ok": ok, "required": check.required, "detail": detail }),
            );
        }
        Report {
            ready,
            body: json!({ "status": if ready { "ready" } else { "unready" }, "checks": checks }),
        }
    }

    /// `GET /health`, `GET /health/live` and `GET /health/ready`.
    pub fn routes(&self) -> axum::Router {
        let this = self.clone();
        let live = || async { "ok" };
        axum::Router::new()
            .route("/health", axum::routing::get(live))
            .route("/health/live", axum::routing::get(live))
            .route(
                "/health/ready",
                axum::routing::get(move || {
                    let this = this.clone();
                    async move {
                        let report = this.check().await;
                        let status = if report.ready {
                            StatusCode::OK
                        } else {
                            StatusCode::SERVICE_UNAVAILABLE
                        };
                        (status, axum::Json(report.body))
                    }
                }),
            )
    }

    /// Keeps the gRPC health service in line with readiness: `services`
    /// (the full names of the gRPC APIs) and `""` are `SERVING` while ready.
    /// Runs until dropped.
    pub async fn drive_grpc_health(
        self,
        reporter: tonic_health::server::HealthReporter,
        services: Vec<&'static str>,
    ) {
        let mut ticker = tokio::time::interval(GRPC_HEALTH_INTERVAL);
        ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut last = None;
        loop {
            ticker.tick().await;
            let ready = self.check().await.ready;
            if last == Some(ready) {
                continue;
            }
            if last.is_some() {
                tracing::warn!(ready, "readiness changed");
            }
            last = Some(ready);
            let status = if ready {
                tonic_health::ServingStatus::Serving
            } else {
                tonic_health::ServingStatus::NotServing
            };
            for service in services.iter().copied().chain([""]) {
                reporter.set_service_status(service, status).await;
            }
        }
    }
}

/// `host:port` of an AMQP URL.
fn broker_address(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let host_port = rest.rsplit_once('@').map_or(rest, |(_, hp)| hp);
    let host_port = host_port.split(['/', '?']).next()?;
    if host_port.is_empty() {
        return None;
    }
    Some(if host_port.contains(':') {
        host_port.to_string()
    } else {
        format!("{host_port}:5672")
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn broker_addresses_come_from_amqp_urls() {
        use super::broker_address;
        assert_eq!(
            broker_address("amqp://guest:guest@127.0.0.1:5672/%2f").as_deref(),
            Some("127.0.0.1:5672")
        );
        assert_eq!(
            broker_address("amqp://rabbit/shop").as_deref(),
            Some("rabbit:5672")
        );
        assert_eq!(broker_address("amqp://").as_deref(), None);
    }

    #[tokio::test]
    async fn a_failing_optional_check_leaves_the_service_ready() {
        let metrics = crate::metrics::Metrics::new("test");
        let readiness = super::Readiness::new().peers(&metrics);
        assert!(readiness.check().await.ready);
        metrics.breaker_state("user", 2);
        let report = readiness.check().await;
        assert!(report.ready, "{}", report.body);
        assert_eq!(report.body["checks"]["peers"]["ok"], false);
        assert!(
            report.body["checks"]["peers"]["detail"]
                .as_str()
                .unwrap()
                .contains("user")
        );
    }
}
