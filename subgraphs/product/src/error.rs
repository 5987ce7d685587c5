//! The product service's one error enum. Each variant's comment names the
//! code a client sees.

use platform::ApiError;
use platform::money::MoneyError;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// `BAD_USER_INPUT`, with the offending field in `extensions.field`.
    #[error("{message}")]
    InvalidInput { field: &'static str, message: String },
    /// `NOT_FOUND`.
    #[error("product not found")]
    NotFound,
    /// `INTERNAL`: logged, never shown.
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl Error {
    pub fn invalid(field: &'static str, message: impl Into<String>) -> Self {
        Self::InvalidInput { field, message: message.into() }
    }

    pub fn money(field: &'static str, err: MoneyError) -> Self {
        Self::invalid(field, err.to_string())
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
