//! The bearer-token guard every subgraph uses.
//!
//! The router only forwards the `Authorization` header. Each subgraph puts a
//! [`RequestAuth`] into every GraphQL request; a resolver that needs a caller
//! asks it for the [`Principal`], which verifies the token once per request
//! through a [`TokenVerifier`]. Product and order use [`GrpcTokenVerifier`],
//! which asks `UserService.VerifyToken` and caches the answer for a short
//! time; the user service verifies locally.

use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::breaker::GuardedChannel as Channel;
use futures::future::BoxFuture;
use proto::user::user_service_client::UserServiceClient;
use proto::user::{Role as ProtoRole, VerifyTokenRequest};
use tokio::sync::OnceCell;
use uuid::Uuid;

use crate::error::{ApiError, ErrorCode};

/// What a user may do. Staff may do what customers do; admins what staff do.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Role {
    /// A shopper: their own account, cart and orders.
    Customer,
    /// Shop staff: the catalog, stock and every order.
    Staff,
    /// Administrators: staff rights plus user roles.
    Admin,
}

impl Role {
    /// The name used in tokens, GraphQL and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Customer => "CUSTOMER",
            Role::Staff => "STAFF",
            Role::Admin => "ADMIN",
        }
    }

    /// The inverse of [`Role::as_str`].
    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "CUSTOMER" => Some(Role::Customer),
            "STAFF" => Some(Role::Staff),
            "ADMIN" => Some(Role::Admin),
            _ => None,
        }
    }

    /// The role as the gRPC contract spells it.
    pub fn to_proto(self) -> ProtoRole {
        match self {
            Role::Customer => ProtoRole::Customer,
            Role::Staff => ProtoRole::Staff,
            Role::Admin => ProtoRole::Admin,
        }
    }

    /// The role from its gRPC number; `None` for an unknown one.
    pub fn from_proto(role: i32) -> Option<Self> {
        match ProtoRole::try_from(role).ok()? {
            ProtoRole::Customer => Some(Role::Customer),
            ProtoRole::Staff => Some(Role::Staff),
            ProtoRole::Admin => Some(Role::Admin),
            ProtoRole::Unspecified => None,
        }
    }
}

/// The verified caller of a request.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Principal {
    /// The account the token belongs to.
    pub user_id: Uuid,
    /// The roles the token grants, as signed.
    pub roles: Vec<Role>,
    /// The login session, so that a logout revokes the token.
    pub session_id: Uuid,
    /// When the token expires, in seconds since the Unix epoch.
    pub expires_at: i64,
}

impl Principal {
    /// Whether the caller holds `role` or a role above it.
    pub fn has_role(&self, role: Role) -> bool {
        self.roles.iter().any(|held| *held >= role)
    }

    /// [`Forbidden`] unless the caller holds `role` or above.
    pub fn require_role(&self, role: Role) -> Result<(), Forbidden> {
        if self.has_role(role) {
            Ok(())
        } else {
            Err(Forbidden(format!(
                "this operation requires the {} role",
                role.as_str()
            )))
        }
    }

    /// [`Forbidden`] unless the caller is `owner` or staff.
    pub fn require_self_or_staff(&self, owner: Uuid) -> Result<(), Forbidden> {
        if self.user_id == owner || self.has_role(Role::Staff) {
            Ok(())
        } else {
            Err(Forbidden("you may only access your own data".into()))
        }
    }
}

/// The caller is known but may not do this: `FORBIDDEN` in every service.
/// Small on purpose, so that each service's error enum converts from it and
/// its use cases keep returning their own `Result`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Forbidden(pub String);

impl From<Forbidden> for ApiError {
    fn from(err: Forbidden) -> Self {
        ApiError::forbidden(err.0)
    }
}

impl From<Forbidden> for tonic::Status {
    fn from(err: Forbidden) -> Self {
        ApiError::from(err).into()
    }
}

/// The caller behind a gRPC request's `authorization` metadata, checked by
/// `verifier` exactly as a GraphQL request's bearer token is.
pub async fn grpc_principal<T>(
    verifier: &Arc<dyn TokenVerifier>,
    request: &tonic::Request<T>,
) -> Result<Principal, ApiError> {
    let headers = request.metadata().clone().into_headers();
    let auth = RequestAuth::from_headers(&headers, verifier.clone());
    Ok(auth.principal().await?.clone())
}

/// Checks an access token and says who it belongs to.
pub trait TokenVerifier: Send + Sync + 'static {
    /// `UNAUTHENTICATED` for any bad, expired or revoked token.
    fn verify<'a>(&'a self, token: &'a str) -> BoxFuture<'a, Result<Principal, ApiError>>;
}

/// Per-request authentication state, put into every GraphQL request.
pub struct RequestAuth {
    /// The bearer token from the `Authorization` header, if any.
    token: Option<String>,
    verifier: Arc<dyn TokenVerifier>,
    /// The verification result, computed at most once per request.
    principal: OnceCell<Result<Principal, ApiError>>,
}

impl RequestAuth {
    /// Reads the bearer token from request headers. A malformed header counts
    /// as no token, and is reported when a resolver needs the caller.
    pub fn from_headers(headers: &http::HeaderMap, verifier: Arc<dyn TokenVerifier>) -> Self {
        let token = headers
            .get(http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| {
                let (scheme, token) = v.trim().split_once(' ')?;
                scheme
                    .eq_ignore_ascii_case("bearer")
                    .then(|| token.trim().to_string())
            })
            .filter(|t| !t.is_empty());
        Self {
            token,
            verifier,
            principal: OnceCell::new(),
        }
    }

    /// The caller, or `UNAUTHENTICATED`.
    pub async fn principal(&self) -> Result<&Principal, ApiError> {
        let Some(token) = self.token.as_deref() else {
            return Err(ApiError::unauthenticated());
        };
        let result = self
            .principal
            .get_or_init(|| self.verifier.verify(token))
            .await;
        result.as_ref().map_err(Clone::clone)
    }

    /// The caller when a token was sent; `None` for anonymous requests. A
    /// token that was sent but is invalid is still an error.
    pub async fn optional_principal(&self) -> Result<Option<&Principal>, ApiError> {
        if self.token.is_none() {
            return Ok(None);
        }
        self.principal().await.map(Some)
    }
}

/// Shortcut for resolvers: the caller of the current GraphQL request.
pub async fn principal<'a>(ctx: &'a async_graphql::Context<'_>) -> Result<&'a Principal, ApiError> {
    request_auth(ctx)?.principal().await
}

/// Shortcut for resolvers: the caller, if the request carried a token.
pub async fn optional_principal<'a>(
    ctx: &'a async_graphql::Context<'_>,
) -> Result<Option<&'a Principal>, ApiError> {
    request_auth(ctx)?.optional_principal().await
}

fn request_auth<'a>(ctx: &'a async_graphql::Context<'_>) -> Result<&'a RequestAuth, ApiError> {
    ctx.data::<RequestAuth>()
        .map_err(|_| ApiError::internal("RequestAuth missing from the GraphQL request"))
}

/// Verifies tokens through `UserService.VerifyToken`, caching each answer for
/// at most `ttl` and never past the token's own expiry. The cache is in this
/// process only: an answer about who a caller is and what roles they have is
/// never read from Redis, where anyone who can write to it could forge one.
pub struct GrpcTokenVerifier {
    client: UserServiceClient<Channel>,
    local: moka::future::Cache<String, Principal>,
    ttl: Duration,
}

impl GrpcTokenVerifier {
    /// `user_grpc_url` is e.g. `http://127.0.0.1:50051`. The channel connects
    /// lazily, so a service can start before the user service is up.
    pub fn new(
        user_grpc_url: &str,
        tls: &crate::tls::GrpcTls,
        peers: &crate::breaker::PeerSettings,
        ttl: Duration,
    ) -> anyhow::Result<Self> {
        let ttl = ttl.min(Duration::from_secs(30));
        let channel = crate::server::lazy_channel(user_grpc_url, "user", tls, peers)?;
        let local = moka::future::Cache::builder()
            .max_capacity(100_000)
            .time_to_live(ttl)
            .build();
        Ok(Self {
            client: UserServiceClient::new(channel),
            local,
            ttl,
        })
    }

    async fn verify_uncached(&self, token: &str) -> Result<Principal, ApiError> {
        let response = self
            .client
            .clone()
            .verify_token(VerifyTokenRequest {
                token: token.to_string(),
            })
            .await
            .map_err(|status| match status.code() {
                tonic::Code::Unauthenticated | tonic::Code::InvalidArgument => {
                    ApiError::new(ErrorCode::Unauthenticated, status.message())
                }
                _ => ApiError::from_status("user", &status),
            })?
            .into_inner();
        let user_id = Uuid::parse_str(&response.user_id).map_err(ApiError::internal)?;
        let session_id = Uuid::parse_str(&response.session_id).map_err(ApiError::internal)?;
        Ok(Principal {
            user_id,
            roles: response
                .roles
                .into_iter()
                .filter_map(Role::from_proto)
                .collect(),
            session_id,
            expires_at: response.expires_at,
        })
    }

    /// How long an answer may be cached: the TTL, cut short by token expiry.
    fn cache_ttl(&self, principal: &Principal) -> Option<Duration> {
        let now = SystemTime::now().duration_since(UNIX_EPOCH).ok()?.as_secs() as i64;
        let left = principal.expires_at - now;
        (left > 0).then(|| self.ttl.min(Duration::from_secs(left as u64)))
    }
}

/// Cache key: a SHA-256 digest of the token, so the cache never holds a
/// usable token and a forged token cannot collide with a real one.
fn token_cache_key(token: &str) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(token.as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("shop:token:{hex}")
}

impl TokenVerifier for GrpcTokenVerifier {
    fn verify<'a>(&'a self, token: &'a str) -> BoxFuture<'a, Result<Principal, ApiError>> {
        Box::pin(async move {
            let key = token_cache_key(token);
            if let Some(hit) = self.local.get(&key).await {
                return Ok(hit);
            }
            let principal = self.verify_uncached(token).await?;
            // The copy lives for the full TTL, so only keep it when the
            // token outlives that.
            if self
                .cache_ttl(&principal)
                .is_some_and(|ttl| ttl >= self.ttl)
            {
                self.local.insert(key, principal.clone()).await;
            }
            Ok(principal)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn principal(roles: Vec<Role>) -> Principal {
        Principal {
            user_id: Uuid::new_v4(),
            roles,
            session_id: Uuid::new_v4(),
            expires_at: 0,
        }
    }

    #[test]
    fn admins_hold_staff_rights_and_customers_do_not() {
        assert!(principal(vec![Role::Admin]).has_role(Role::Staff));
        assert!(principal(vec![Role::Staff]).has_role(Role::Customer));
        assert!(!principal(vec![Role::Customer]).has_role(Role::Staff));
        assert!(principal(vec![]).require_role(Role::Customer).is_err());
    }

    #[test]
    fn only_bearer_tokens_are_read_from_the_header() {
        struct Never;
        impl TokenVerifier for Never {
            fn verify<'a>(&'a self, _: &'a str) -> BoxFuture<'a, Result<Principal, ApiError>> {
                Box::pin(async { Err(ApiError::unauthenticated()) })
            }
        }
        let read = |value: &str| {
            let mut headers = http::HeaderMap::new();
            headers.insert(http::header::AUTHORIZATION, value.parse().unwrap());
            RequestAuth::from_headers(&headers, Arc::new(Never)).token
        };
        assert_eq!(read("Bearer abc"), Some("abc".into()));
        assert_eq!(read("bearer  abc "), Some("abc".into()));
        assert_eq!(read("Basic abc"), None);
        assert_eq!(read("Bearer "), None);
    }

    #[test]
    fn token_cache_keys_do_not_contain_the_token() {
        let key = token_cache_key("eyJhbGciOiJFZERTQSJ9.secret.sig");
        assert!(!key.contains("secret"));
        assert_eq!(key, token_cache_key("eyJhbGciOiJFZERTQSJ9.secret.sig"));
        assert_ne!(key, token_cache_key("another"));
    }
}
