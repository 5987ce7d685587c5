//! The notification service's one error enum. Each variant's comment names
//! the code a client sees.

use platform::ApiError;

#[derive(Debug, thiserror::Error)]
/// Every way a notification-service operation can fail.
pub enum Error {
    /// `BAD_USER_INPUT`, with the offending field in `extensions.field`.
    #[error("{message}")]
    InvalidInput {
        /// The input field at fault.
        field: &'static str,
        /// What is wrong with it.
        message: String,
    },
    /// `NOT_FOUND`: no such notification, or someone else's.
    #[error("notification not found")]
    NotFound,
    /// `FORBIDDEN`: the caller is known but may not do this.
    #[error("{0}")]
    Forbidden(String),
    /// A peer service's answer, already in the form a client sees
    /// (`UNAVAILABLE`, `NOT_FOUND`...). Built only by the gRPC clients.
    #[error("{}", .0.message)]
    Peer(ApiError),
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

impl From<minijinja::Error> for Error {
    fn from(err: minijinja::Error) -> Self {
        Self::Internal(anyhow::anyhow!("template: {err:#}"))
    }
}

impl From<Error> for ApiError {
    fn from(err: Error) -> Self {
        match err {
            Error::InvalidInput { field, message } => {
                ApiError::bad_input(message).with_detail("field", field)
            }
            Error::NotFound => ApiError::not_found(err.to_string()),
            Error::Forbidden(message) => ApiError::forbidden(message),
            Error::Peer(api) => api,
            Error::Internal(cause) => ApiError::from_internal(&cause),
        }
    }
}

impl From<Error> for tonic::Status {
    fn from(err: Error) -> Self {
        ApiError::from(err).into()
    }
}

/// The notification service's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
