//! Stable error codes, and the error type that reaches clients.
//!
//! Each service keeps its own error enum and converts it into [`ApiError`].
//! `ApiError` deliberately does not implement `Display`: that keeps
//! async-graphql's blanket `From<T: Display>` (which would drop the code) from
//! applying, so a resolver returning `Result<T, ApiError>` always carries its
//! `extensions.code`.

use std::fmt;

/// The codes clients can rely on, in GraphQL `extensions.code` and as the
/// matching gRPC status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    /// No valid credentials were presented. gRPC `UNAUTHENTICATED`.
    Unauthenticated,
    /// The caller is known but may not do this. gRPC `PERMISSION_DENIED`.
    Forbidden,
    /// The thing asked for does not exist (or is hidden from the caller). gRPC `NOT_FOUND`.
    NotFound,
    /// The input is malformed or breaks a rule. gRPC `INVALID_ARGUMENT`.
    BadUserInput,
    /// The request clashes with the current state. gRPC `ALREADY_EXISTS` / `ABORTED`.
    Conflict,
    /// Not enough stock for the quantities asked. gRPC `FAILED_PRECONDITION`.
    InsufficientStock,
    /// The payment provider declined. gRPC `FAILED_PRECONDITION`.
    PaymentDeclined,
    /// Too many attempts; try again later. gRPC `RESOURCE_EXHAUSTED`.
    RateLimited,
    /// A dependency is down; retrying may succeed. gRPC `UNAVAILABLE`.
    Unavailable,
    /// A bug or an unexpected failure inside the service. gRPC `INTERNAL`.
    Internal,
}

impl ErrorCode {
    /// The text used in GraphQL `extensions.code`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Unauthenticated => "UNAUTHENTICATED",
            Self::Forbidden => "FORBIDDEN",
            Self::NotFound => "NOT_FOUND",
            Self::BadUserInput => "BAD_USER_INPUT",
            Self::Conflict => "CONFLICT",
            Self::InsufficientStock => "INSUFFICIENT_STOCK",
            Self::PaymentDeclined => "PAYMENT_DECLINED",
            Self::RateLimited => "RATE_LIMITED",
            Self::Unavailable => "UNAVAILABLE",
            Self::Internal => "INTERNAL",
        }
    }

    /// The inverse of [`as_str`](Self::as_str).
    pub fn parse(code: &str) -> Option<Self> {
        use ErrorCode::*;
        [
            Unauthenticated,
            Forbidden,
            NotFound,
            BadUserInput,
            Conflict,
            InsufficientStock,
            PaymentDeclined,
            RateLimited,
            Unavailable,
            Internal,
        ]
        .into_iter()
        .find(|c| c.as_str() == code)
    }

    /// The gRPC status code that carries this error between services.
    pub fn grpc_code(self) -> tonic::Code {
        match self {
            Self::Unauthenticated => tonic::Code::Unauthenticated,
            Self::Forbidden => tonic::Code::PermissionDenied,
            Self::NotFound => tonic::Code::NotFound,
            Self::BadUserInput => tonic::Code::InvalidArgument,
            Self::Conflict => tonic::Code::Aborted,
            Self::InsufficientStock | Self::PaymentDeclined => tonic::Code::FailedPrecondition,
            Self::RateLimited => tonic::Code::ResourceExhausted,
            Self::Unavailable => tonic::Code::Unavailable,
            Self::Internal => tonic::Code::Internal,
        }
    }

    /// The reverse of [`grpc_code`](Self::grpc_code), for errors coming back
    /// from a peer service.
    pub fn from_grpc(code: tonic::Code) -> Self {
        match code {
            tonic::Code::Unauthenticated => Self::Unauthenticated,
            tonic::Code::PermissionDenied => Self::Forbidden,
            tonic::Code::NotFound => Self::NotFound,
            tonic::Code::InvalidArgument | tonic::Code::OutOfRange => Self::BadUserInput,
            tonic::Code::Aborted | tonic::Code::AlreadyExists => Self::Conflict,
            tonic::Code::FailedPrecondition => Self::InsufficientStock,
            tonic::Code::ResourceExhausted => Self::RateLimited,
            tonic::Code::Unavailable | tonic::Code::DeadlineExceeded | tonic::Code::Cancelled => {
                Self::Unavailable
            }
            _ => Self::Internal,
        }
    }
}

/// gRPC metadata key holding the exact [`ErrorCode`], since several codes share
/// one gRPC status (stock and payment are both `FAILED_PRECONDITION`).
pub const ERROR_CODE_METADATA: &str = "shop-error-code";

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An error as a client sees it: a code, a message that is safe to show, and
/// optional extra fields for `extensions`.
///
/// Build internal errors with [`ApiError::internal`]: it logs the cause and
/// shows the client only a generic message.
#[derive(Debug, Clone)]
pub struct ApiError {
    /// Stable machine-readable code.
    pub code: ErrorCode,
    /// Human-readable message, free of internal details.
    pub message: String,
    /// Extra `extensions` entries, such as a field name or a retry hint.
    pub details: Vec<(String, String)>,
    /// A more precise gRPC status than the code's default, where gRPC has
    /// one (a taken email is `ALREADY_EXISTS`, not the generic `ABORTED`).
    pub grpc_code: Option<tonic::Code>,
}

impl ApiError {
    /// An error with `code` and a message that is safe to show.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            details: Vec::new(),
            grpc_code: None,
        }
    }

    /// Uses `code` as the gRPC status instead of the error code's default.
    pub fn with_grpc_code(mut self, code: tonic::Code) -> Self {
        self.grpc_code = Some(code);
        self
    }

    /// Adds an `extensions` entry (and, over gRPC, a metadata entry).
    pub fn with_detail(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.details.push((key.into(), value.into()));
        self
    }

    /// `UNAUTHENTICATED`: no valid bearer token was sent.
    pub fn unauthenticated() -> Self {
        Self::new(
            ErrorCode::Unauthenticated,
            "authentication required: send a valid bearer token",
        )
    }

    /// `FORBIDDEN` with `message`.
    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Forbidden, message)
    }

    /// `NOT_FOUND` with `message`.
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::NotFound, message)
    }

    /// `BAD_USER_INPUT` with `message`.
    pub fn bad_input(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::BadUserInput, message)
    }

    /// Logs `cause` and returns an error that reveals nothing about it.
    pub fn internal(cause: impl fmt::Display) -> Self {
        tracing::error!(error = %cause, "internal error");
        Self::new(ErrorCode::Internal, "internal error")
    }

    /// An internal failure as the client sees it. A statement cancelled by
    /// the role's `statement_timeout`, or no free connection in the pool,
    /// is `UNAVAILABLE` (the client may retry); anything else is
    /// [`ApiError::internal`].
    pub fn from_internal(cause: &anyhow::Error) -> Self {
        match cause.chain().find_map(|e| e.downcast_ref::<sqlx::Error>()) {
            Some(sqlx::Error::Database(db)) if db.code().as_deref() == Some("57014") => {
                tracing::warn!(error = %db, "statement cancelled by its timeout");
                Self::new(
                    ErrorCode::Unavailable,
                    "the request took too long in the database and was stopped; try again",
                )
                .with_detail("reason", "STATEMENT_TIMEOUT")
            }
            Some(err @ sqlx::Error::PoolTimedOut) => Self::unavailable("database", err),
            _ => Self::internal(format!("{cause:#}")),
        }
    }

    /// A peer service did not answer.
    pub fn unavailable(service: &str, cause: impl fmt::Display) -> Self {
        tracing::warn!(service, error = %cause, "dependency unavailable");
        Self::new(
            ErrorCode::Unavailable,
            format!("the {service} service is unavailable, try again"),
        )
    }

    /// Converts a status returned by a peer service. Its message was written
    /// by our own service for clients, so it is passed on; internal errors
    /// are not.
    pub fn from_status(service: &str, status: &tonic::Status) -> Self {
        let code = status
            .metadata()
            .get(ERROR_CODE_METADATA)
            .and_then(|v| v.to_str().ok())
            .and_then(ErrorCode::parse)
            .unwrap_or_else(|| ErrorCode::from_grpc(status.code()));
        match code {
            ErrorCode::Internal => Self::internal(format!("{service}: {status}")),
            ErrorCode::Unavailable => Self::unavailable(service, status),
            _ => Self::new(code, status.message()),
        }
    }
}

impl From<ApiError> for async_graphql::Error {
    fn from(err: ApiError) -> Self {
        let mut error = async_graphql::Error::new(err.message);
        let code = err.code.as_str();
        let details = err.details;
        error = async_graphql::ErrorExtensions::extend_with(error, move |_, ext| {
            ext.set("code", code);
            for (key, value) in &details {
                ext.set(key.clone(), value.clone());
            }
        });
        error
    }
}

impl From<ApiError> for tonic::Status {
    fn from(err: ApiError) -> Self {
        let mut status = tonic::Status::new(
            err.grpc_code.unwrap_or_else(|| err.code.grpc_code()),
            err.message,
        );
        status.metadata_mut().insert(
            ERROR_CODE_METADATA,
            tonic::metadata::MetadataValue::from_static(err.code.as_str()),
        );
        for (key, value) in err.details {
            let key = key.to_ascii_lowercase().replace('_', "-");
            if let (Ok(key), Ok(value)) = (
                tonic::metadata::MetadataKey::from_bytes(key.as_bytes()),
                value.parse::<tonic::metadata::MetadataValue<tonic::metadata::Ascii>>(),
            ) {
                status.metadata_mut().insert(key, value);
            }
        }
        status
    }
}

/// Database failures are internal unless a caller maps them first.
impl From<sqlx::Error> for ApiError {
    fn from(err: sqlx::Error) -> Self {
        Self::internal(err)
    }
}

/// Whether `err` is a violation of the named database constraint. Used to turn
/// a unique index into a domain error, such as "email already registered".
pub fn is_constraint_violation(err: &sqlx::Error, constraint: &str) -> bool {
    match err {
        sqlx::Error::Database(db) => db.constraint() == Some(constraint),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn graphql_errors_carry_the_code_and_details() {
        let err: async_graphql::Error = ApiError::bad_input("email is not valid")
            .with_detail("field", "email")
            .into();
        let ext = err.extensions.expect("extensions");
        assert_eq!(
            ext.get("code"),
            Some(&async_graphql::Value::from("BAD_USER_INPUT"))
        );
        assert_eq!(ext.get("field"), Some(&async_graphql::Value::from("email")));
        assert_eq!(err.message, "email is not valid");
    }

    #[test]
    fn internal_errors_hide_their_cause() {
        let status: tonic::Status = ApiError::internal("relation \"x\" does not exist").into();
        assert_eq!(status.code(), tonic::Code::Internal);
        assert_eq!(status.message(), "internal error");
    }

    #[test]
    fn a_payment_decline_keeps_its_code_across_grpc() {
        let status: tonic::Status =
            ApiError::new(ErrorCode::PaymentDeclined, "card declined").into();
        assert_eq!(status.code(), tonic::Code::FailedPrecondition);
        let back = ApiError::from_status("order", &status);
        assert_eq!(back.code, ErrorCode::PaymentDeclined);
        assert_eq!(back.message, "card declined");
    }

    #[test]
    fn every_code_survives_a_round_trip_through_grpc_except_the_shared_precondition() {
        use ErrorCode::*;
        for code in [
            Unauthenticated,
            Forbidden,
            NotFound,
            BadUserInput,
            Conflict,
            InsufficientStock,
            RateLimited,
            Unavailable,
            Internal,
        ] {
            assert_eq!(ErrorCode::from_grpc(code.grpc_code()), code, "{code}");
        }
    }
}
