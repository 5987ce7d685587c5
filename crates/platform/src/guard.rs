//! What stands in front of every subgraph's GraphQL endpoint, before an
//! operation is parsed:
//!
//! - [`RouterSecret`]: GraphQL is answered only for the router, which sends a
//!   shared secret in [`ROUTER_SECRET_HEADER`] (`router-config/router.yaml`
//!   inserts it). The subgraph compares it in constant time. Anyone else who
//!   reaches the port gets `403` with `extensions.code = FORBIDDEN`; health
//!   stays open on its own path.
//! - [`HttpSettings`]: a body-size limit, a request timeout, and a
//!   concurrency limit that sheds load (`503`, `UNAVAILABLE`, `Retry-After`)
//!   instead of queueing without bound. Multipart bodies (file uploads) are
//!   refused. In production, schema introspection is off.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::config::{env_opt, env_parse, is_production};
use crate::error::ErrorCode;

/// The header in which the router presents the shared secret.
pub const ROUTER_SECRET_HEADER: &str = "x-shop-router-secret";

/// The shortest secret accepted (characters of a header value).
pub const MIN_SECRET_LEN: usize = 32;

/// The variables [`HttpSettings::from_env`] reads itself (the rate limit's
/// are [`crate::ratelimit::ENV_VARS`]).
pub const ENV_VARS: &[&str] = &[
    "ROUTER_SHARED_SECRET",
    "HTTP_BODY_LIMIT_BYTES",
    "HTTP_REQUEST_TIMEOUT_SECS",
    "HTTP_MAX_CONCURRENCY",
    "TRUST_FORWARDED_FOR",
];

/// The secret the router and the subgraphs share. Its `Debug` output is
/// redacted, so it never reaches a log line by accident.
#[derive(Clone)]
pub struct RouterSecret(Arc<str>);

impl std::fmt::Debug for RouterSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RouterSecret(<redacted>)")
    }
}

impl RouterSecret {
    /// Checks that `value` is long enough and fits in a header.
    pub fn new(value: &str) -> anyhow::Result<Self> {
        let value = value.trim();
        anyhow::ensure!(
            value.len() >= MIN_SECRET_LEN,
            "ROUTER_SHARED_SECRET must have at least {MIN_SECRET_LEN} characters"
        );
        anyhow::ensure!(
            value.bytes().all(|b| b.is_ascii_graphic()),
            "ROUTER_SHARED_SECRET must be printable ASCII without spaces"
        );
        Ok(Self(value.into()))
    }

    /// A fresh random secret (256 bits, hex), for development and tests.
    pub fn generate() -> Self {
        use rand::RngCore;
        let mut bytes = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        Self(
            bytes
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect::<String>()
                .into(),
        )
    }

    /// The secret kept in `path`, created (mode 0600) when it is missing:
    /// how the dev command, the router it starts and a subgraph started by
    /// hand agree on one secret without configuration.
    pub fn load_or_create(path: &Path) -> anyhow::Result<Self> {
        use anyhow::Context;
        if let Ok(existing) = std::fs::read_to_string(path) {
            return Self::new(&existing)
                .with_context(|| format!("{} holds no valid secret", path.display()));
        }
        let secret = Self::generate();
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
        }
        std::fs::write(path, secret.expose())
            .with_context(|| format!("cannot write {}", path.display()))?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
        }
        Ok(secret)
    }

    /// From `ROUTER_SHARED_SECRET`. In development, when it is unset, the
    /// secret in `$SHOP_DATA_DIR/router-secret` (created if missing); in
    /// production it is required.
    pub fn from_env() -> anyhow::Result<Self> {
        match env_opt("ROUTER_SHARED_SECRET") {
            Some(value) => Self::new(&value),
            None if is_production() => anyhow::bail!(
                "ROUTER_SHARED_SECRET is required in production: the router sends it, and GraphQL answers no one else"
            ),
            None => Self::load_or_create(&dev_secret_path()),
        }
    }

    /// The secret itself, to hand to the router or a test client.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Whether `presented` is the secret. Both sides are hashed first and
    /// the digests compared in constant time, so neither the content nor
    /// the length leaks through timing.
    pub fn matches(&self, presented: &[u8]) -> bool {
        use sha2::Digest;
        use subtle::ConstantTimeEq;
        let expected = sha2::Sha256::digest(self.0.as_bytes());
        let presented = sha2::Sha256::digest(presented);
        expected.ct_eq(&presented).into()
    }
}

/// Where development keeps the shared secret: `$SHOP_DATA_DIR/router-secret`
/// (default `.data/router-secret`).
pub fn dev_secret_path() -> std::path::PathBuf {
    Path::new(&crate::config::env_or("SHOP_DATA_DIR", ".data")).join("router-secret")
}

/// How a subgraph's GraphQL endpoint protects itself.
#[derive(Debug, Clone)]
pub struct HttpSettings {
    /// What the router presents in [`ROUTER_SECRET_HEADER`].
    pub router_secret: RouterSecret,
    /// Production mode: introspection is off.
    pub production: bool,
    /// The largest request body accepted (`HTTP_BODY_LIMIT_BYTES`).
    pub body_limit: usize,
    /// How long one request may take (`HTTP_REQUEST_TIMEOUT_SECS`).
    pub request_timeout: Duration,
    /// How many requests run at once; more are refused at once
    /// (`HTTP_MAX_CONCURRENCY`).
    pub max_concurrency: usize,
    /// Whether the last `X-Forwarded-For` hop names the client
    /// (`TRUST_FORWARDED_FOR`, true by default). The router's front door
    /// (`crates/router/src/front_door.rs`) writes that header from the
    /// connection's peer, or from a trusted proxy's report, and replaces
    /// whatever the client sent; and a subgraph answers only the router.
    /// Set it to false only where a router without that front door calls
    /// the subgraphs: then the header is ignored and per-address limits
    /// fall back to shared ones.
    pub trust_forwarded_for: bool,
    /// Requests per client and minute (see [`crate::ratelimit`]).
    pub rate_limit: crate::ratelimit::RateLimit,
}

/// Defaults: the router's own body limit, a timeout above the router's
/// 15 s per-fetch timeout, and room for the router's connection pool.
const DEFAULT_BODY_LIMIT: usize = 2_000_000;
const DEFAULT_TIMEOUT_SECS: u64 = 20;
const DEFAULT_MAX_CONCURRENCY: usize = 512;

impl HttpSettings {
    /// Reads the settings from the environment (see [`ENV_VARS`]).
    pub fn from_env() -> anyhow::Result<Self> {
        Ok(Self {
            router_secret: RouterSecret::from_env()?,
            production: is_production(),
            body_limit: env_parse("HTTP_BODY_LIMIT_BYTES", DEFAULT_BODY_LIMIT)?.max(1_024),
            request_timeout: Duration::from_secs(
                env_parse("HTTP_REQUEST_TIMEOUT_SECS", DEFAULT_TIMEOUT_SECS)?.max(1),
            ),
            max_concurrency: env_parse("HTTP_MAX_CONCURRENCY", DEFAULT_MAX_CONCURRENCY)?.max(1),
            trust_forwarded_for: env_parse("TRUST_FORWARDED_FOR", true)?,
            rate_limit: crate::ratelimit::RateLimit::from_env()?,
        })
    }

    /// The tests' settings: a fresh secret, development, the defaults.
    pub fn for_test() -> Self {
        Self {
            router_secret: RouterSecret::generate(),
            production: false,
            body_limit: DEFAULT_BODY_LIMIT,
            request_timeout: Duration::from_secs(DEFAULT_TIMEOUT_SECS),
            max_concurrency: DEFAULT_MAX_CONCURRENCY,
            trust_forwarded_for: true,
            rate_limit: crate::ratelimit::RateLimit {
                requests: 600,
                window: Duration::from_secs(60),
            },
        }
    }
}

/// A GraphQL-shaped error response, for refusals that happen before
/// GraphQL runs.
pub fn error_response(status: StatusCode, code: ErrorCode, message: &str) -> Response {
    let body = serde_json::json!({
        "errors": [{ "message": message, "extensions": { "code": code.as_str() } }]
    });
    (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        body.to_string(),
    )
        .into_response()
}

/// Refuses callers without the router's secret, and multipart bodies.
pub async fn require_router(
    State(secret): State<RouterSecret>,
    request: Request,
    next: Next,
) -> Response {
    let presented = request
        .headers()
        .get(ROUTER_SECRET_HEADER)
        .map(HeaderValue::as_bytes)
        .unwrap_or_default();
    if !secret.matches(presented) {
        return error_response(
            StatusCode::FORBIDDEN,
            ErrorCode::Forbidden,
            "this subgraph answers GraphQL only from the router: send requests to the router",
        );
    }
    let multipart = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.trim_start()
                .to_ascii_lowercase()
                .starts_with("multipart/")
        });
    if multipart {
        return error_response(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ErrorCode::BadUserInput,
            "multipart requests (file uploads) are not accepted: send application/json",
        );
    }
    next.run(request).await
}

/// Turns the timeout and load-shedding errors of the layers into responses.
pub async fn overload_response(err: tower::BoxError) -> Response {
    if err.is::<tower::timeout::error::Elapsed>() {
        return error_response(
            StatusCode::GATEWAY_TIMEOUT,
            ErrorCode::Unavailable,
            "the request took too long and was stopped; try again",
        );
    }
    if err.is::<tower::load_shed::error::Overloaded>() {
        let mut response = error_response(
            StatusCode::SERVICE_UNAVAILABLE,
            ErrorCode::Unavailable,
            "the service is at capacity; try again shortly",
        );
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
        return response;
    }
    crate::ApiError::internal(format!("HTTP layer: {err}"));
    error_response(
        StatusCode::INTERNAL_SERVER_ERROR,
        ErrorCode::Internal,
        "internal error",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_exact_secret_matches() {
        let secret = RouterSecret::generate();
        assert!(secret.matches(secret.expose().as_bytes()));
        assert!(!secret.matches(b""));
        assert!(!secret.matches(&secret.expose().as_bytes()[1..]));
        assert!(!secret.matches(format!("{}x", secret.expose()).as_bytes()));
        assert!(!RouterSecret::generate().matches(secret.expose().as_bytes()));
    }

    #[test]
    fn short_or_unprintable_secrets_are_refused() {
        assert!(RouterSecret::new("short").is_err());
        assert!(RouterSecret::new(&"a b".repeat(20)).is_err());
        assert!(RouterSecret::new(&"a".repeat(32)).is_ok());
    }

    #[test]
    fn the_secret_never_reaches_debug_output() {
        let secret = RouterSecret::generate();
        let settings = HttpSettings {
            router_secret: secret.clone(),
            ..HttpSettings::for_test()
        };
        assert!(!format!("{settings:?}").contains(secret.expose()));
    }

    #[test]
    fn a_created_secret_is_read_back() {
        let path = std::env::temp_dir()
            .join(format!("shop-secret-{}", uuid::Uuid::new_v4()))
            .join("router-secret");
        let created = RouterSecret::load_or_create(&path).unwrap();
        let read = RouterSecret::load_or_create(&path).unwrap();
        assert_eq!(created.expose(), read.expose());
        let _ = std::fs::remove_dir_all(path.parent().unwrap());
    }
}

#[cfg(test)]
mod endpoint_tests {
    //! The guard in front of a real schema, driven through the axum router
    //! without a network.
    use std::sync::Arc;

    use async_graphql::{EmptyMutation, EmptySubscription, Object, Schema};
    use axum::body::Body;
    use axum::http::{Request, StatusCode};
    use futures::future::BoxFuture;
    use tower::ServiceExt;

    use super::*;
    use crate::auth::{Principal, TokenVerifier};

    struct Query;

    #[Object]
    impl Query {
        async fn hello(&self) -> &str {
            "hi"
        }
    }

    struct NoTokens;

    impl TokenVerifier for NoTokens {
        fn verify<'a>(&'a self, _: &'a str) -> BoxFuture<'a, Result<Principal, crate::ApiError>> {
            Box::pin(async { Err(crate::ApiError::unauthenticated()) })
        }
    }

    fn app(settings: &HttpSettings) -> axum::Router {
        let schema =
            crate::limits::limited(Schema::build(Query, EmptyMutation, EmptySubscription)).finish();
        crate::server::graphql_routes(
            schema,
            Arc::new(NoTokens),
            settings,
            limiter(settings),
            &crate::metrics::Metrics::default(),
        )
    }

    fn limiter(settings: &HttpSettings) -> Arc<crate::ratelimit::RateLimiter> {
        Arc::new(crate::ratelimit::RateLimiter::isolated(
            settings.rate_limit,
            crate::cache::Cache::disabled(),
        ))
    }

    async fn send(
        app: axum::Router,
        secret: Option<&str>,
        content_type: &str,
        body: String,
    ) -> (StatusCode, serde_json::Value) {
        let mut request = Request::post("/graphql")
            .header("content-type", content_type)
            .header("content-length", body.len());
        if let Some(secret) = secret {
            request = request.header(ROUTER_SECRET_HEADER, secret);
        }
        let response = app
            .oneshot(request.body(Body::from(body)).unwrap())
            .await
            .unwrap();
        let status = response.status();
        let bytes = axum::body::to_bytes(response.into_body(), 10_000_000)
            .await
            .unwrap();
        (status, serde_json::from_slice(&bytes).unwrap_or_default())
    }

    fn query(text: &str) -> String {
        serde_json::json!({ "query": text }).to_string()
    }

    #[tokio::test]
    async fn only_the_router_gets_answers_and_health_stays_open() {
        let settings = HttpSettings::for_test();
        let secret = settings.router_secret.expose().to_string();
        let (status, body) =
            send(app(&settings), None, "application/json", query("{ hello }")).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert_eq!(
            body["errors"][0]["extensions"]["code"], "FORBIDDEN",
            "{body}"
        );
        let (status, _) = send(
            app(&settings),
            Some("not-the-secret-but-long-enough-0123456789"),
            "application/json",
            query("{ hello }"),
        )
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (status, body) = send(
            app(&settings),
            Some(&secret),
            "application/json",
            query("{ hello }"),
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body["data"]["hello"], "hi", "{body}");
    }

    #[tokio::test]
    async fn multipart_and_oversized_bodies_are_refused() {
        let settings = HttpSettings {
            body_limit: 2_048,
            ..HttpSettings::for_test()
        };
        let secret = settings.router_secret.expose().to_string();
        let (status, body) = send(
            app(&settings),
            Some(&secret),
            "multipart/form-data; boundary=x",
            "--x--".into(),
        )
        .await;
        assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
        assert_eq!(body["errors"][0]["extensions"]["code"], "BAD_USER_INPUT");
        let padding = " ".repeat(4_096);
        let (status, _) = send(
            app(&settings),
            Some(&secret),
            "application/json",
            query(&format!("{{ hello {padding} }}")),
        )
        .await;
        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    }

    #[tokio::test]
    async fn production_answers_no_introspection_but_keeps_typename() {
        let settings = HttpSettings {
            production: true,
            ..HttpSettings::for_test()
        };
        let secret = settings.router_secret.expose().to_string();
        let (_, body) = send(
            app(&settings),
            Some(&secret),
            "application/json",
            query("{ __schema { queryType { name } } }"),
        )
        .await;
        assert!(body["data"]["__schema"].is_null(), "{body}");
        let (_, body) = send(
            app(&settings),
            Some(&secret),
            "application/json",
            query("{ __typename hello }"),
        )
        .await;
        assert_eq!(body["data"]["__typename"], "Query", "{body}");
        let development = HttpSettings::for_test();
        let secret = development.router_secret.expose().to_string();
        let (_, body) = send(
            app(&development),
            Some(&secret),
            "application/json",
            query("{ __schema { queryType { name } } }"),
        )
        .await;
        assert_eq!(
            body["data"]["__schema"]["queryType"]["name"], "Query",
            "{body}"
        );
    }

    #[tokio::test]
    async fn load_beyond_the_concurrency_limit_is_shed() {
        use std::time::Duration;
        struct Slow;
        #[Object]
        impl Slow {
            async fn slow(&self) -> bool {
                tokio::time::sleep(Duration::from_millis(300)).await;
                true
            }
        }
        let settings = HttpSettings {
            max_concurrency: 1,
            ..HttpSettings::for_test()
        };
        let secret = settings.router_secret.expose().to_string();
        let schema = Schema::build(Slow, EmptyMutation, EmptySubscription).finish();
        let app = crate::server::graphql_routes(
            schema,
            Arc::new(NoTokens),
            &settings,
            limiter(&settings),
            &crate::metrics::Metrics::default(),
        );
        let (a, b) = tokio::join!(
            send(
                app.clone(),
                Some(&secret),
                "application/json",
                query("{ slow }")
            ),
            async {
                tokio::time::sleep(Duration::from_millis(50)).await;
                send(
                    app.clone(),
                    Some(&secret),
                    "application/json",
                    query("{ slow }"),
                )
                .await
            }
        );
        assert_eq!(a.0, StatusCode::OK);
        assert_eq!(b.0, StatusCode::SERVICE_UNAVAILABLE, "{}", b.1);
        assert_eq!(b.1["errors"][0]["extensions"]["code"], "UNAVAILABLE");
    }
}
