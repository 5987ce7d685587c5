//! The user service's one error enum. Each variant's comment names the code a
//! client sees.

use platform::{ApiError, ErrorCode};

#[derive(Debug, thiserror::Error)]
/// Every way a user-service operation can fail.
pub enum Error {
    /// `BAD_USER_INPUT`, with the offending field in `extensions.field`.
    #[error("{message}")]
    InvalidInput {
        /// The input field at fault.
        field: &'static str,
        /// What is wrong with it.
        message: String,
    },
    /// `CONFLICT`: the email belongs to another account.
    #[error("an account with this email already exists")]
    EmailTaken,
    /// `CONFLICT`: the phone number belongs to another account.
    #[error("an account with this phone number already exists")]
    PhoneTaken,
    /// `CONFLICT`, with a reason.
    #[error("{0}")]
    Conflict(&'static str),
    /// `FORBIDDEN`: the caller is known but may not do this.
    #[error("{0}")]
    Forbidden(String),
    /// `RATE_LIMITED`, with `extensions.retryAfter` in seconds.
    #[error("too many failed attempts; try again in {0} seconds")]
    RateLimited(u64),
    /// A peer service's answer (`UNAVAILABLE`, ...), already in the form a
    /// client sees. Built only by the gRPC clients.
    #[error("{}", .0.message)]
    Peer(platform::ApiError),
    /// `UNAUTHENTICATED`: unknown user and wrong password look the same.
    #[error("invalid email or password")]
    InvalidCredentials,
    /// `UNAUTHENTICATED`: a token that is malformed, expired, or revoked.
    #[error("invalid or expired token")]
    InvalidToken,
    /// `NOT_FOUND`.
    #[error("user not found")]
    NotFound,
    /// `NOT_FOUND`: no such address among the caller's.
    #[error("address not found")]
    AddressNotFound,
    /// `NOT_FOUND`, with `extensions.productId`.
    #[error("product {0} does not exist")]
    UnknownProduct(uuid::Uuid),
    /// `INTERNAL`: logged, never shown.
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl Error {
    /// `BAD_USER_INPUT` for `field`.
    pub fn invalid(field: &'static str, message: impl Into<String>) -> Self {
        Self::InvalidInput {
            field,
            message: message.into(),
        }
    }
}

impl From<platform::auth::Forbidden> for Error {
    fn from(err: platform::auth::Forbidden) -> Self {
        Self::Forbidden(err.0)
    }
}

impl From<sqlx::Error> for Error {
    fn from(err: sqlx::Error) -> Self {
        Self::Internal(err.into())
    }
}

impl From<Error> for ApiError {
    fn from(err: Error) -> Self {
        match err {
            Error::InvalidInput { field, message } => {
                ApiError::bad_input(message).with_detail("field", field)
            }
            Error::EmailTaken => taken(err.to_string(), "email"),
            Error::PhoneTaken => taken(err.to_string(), "phone"),
            Error::Conflict(_) => ApiError::new(ErrorCode::Conflict, err.to_string()),
            Error::Forbidden(_) => ApiError::forbidden(err.to_string()),
            Error::RateLimited(seconds) => ApiError::new(ErrorCode::RateLimited, err.to_string())
                .with_detail("retryAfter", seconds.to_string()),
            Error::Peer(api) => api,
            Error::InvalidCredentials | Error::InvalidToken => {
                ApiError::new(ErrorCode::Unauthenticated, err.to_string())
            }
            Error::NotFound | Error::AddressNotFound => ApiError::not_found(err.to_string()),
            Error::UnknownProduct(id) => {
                ApiError::not_found(err.to_string()).with_detail("productId", id.to_string())
            }
            Error::Internal(cause) => ApiError::from_internal(&cause),
        }
    }
}

/// A taken email or phone: `CONFLICT` in GraphQL; over gRPC the precise
/// `ALREADY_EXISTS` that clients of a user service expect.
fn taken(message: String, field: &'static str) -> ApiError {
    ApiError::new(ErrorCode::Conflict, message)
        .with_detail("field", field)
        .with_grpc_code(tonic::Code::AlreadyExists)
}

impl From<Error> for tonic::Status {
    fn from(err: Error) -> Self {
        ApiError::from(err).into()
    }
}

/// The user service's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
