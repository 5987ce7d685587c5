//! The user service's one error enum. Each variant's comment names the code a
//! client sees.

use platform::{ApiError, ErrorCode};

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// `BAD_USER_INPUT`, with the offending field in `extensions.field`.
    #[error("{message}")]
    InvalidInput { field: &'static str, message: String },
    /// `CONFLICT`: the email belongs to another account.
    #[error("an account with this email already exists")]
    EmailTaken,
    /// `UNAUTHENTICATED`: unknown user and wrong password look the same.
    #[error("invalid email or password")]
    InvalidCredentials,
    /// `UNAUTHENTICATED`: a token that is malformed, expired, or revoked.
    #[error("invalid or expired token")]
    InvalidToken,
    /// `NOT_FOUND`.
    #[error("user not found")]
    NotFound,
    /// `INTERNAL`: logged, never shown.
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl Error {
    pub fn invalid(field: &'static str, message: impl Into<String>) -> Self {
        Self::InvalidInput { field, message: message.into() }
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
            Error::InvalidInput { field, message } => ApiError::bad_input(message).with_detail("field", field),
            Error::EmailTaken => ApiError::new(ErrorCode::Conflict, err.to_string()).with_detail("field", "email"),
            Error::InvalidCredentials | Error::InvalidToken => ApiError::new(ErrorCode::Unauthenticated, err.to_string()),
            Error::NotFound => ApiError::not_found(err.to_string()),
            Error::Internal(cause) => ApiError::internal(format!("{cause:#}")),
        }
    }
}

impl From<Error> for tonic::Status {
    fn from(err: Error) -> Self {
        ApiError::from(err).into()
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
