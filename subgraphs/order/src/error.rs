//! The order service's one error enum. Each variant's comment names the code
//! a client sees.

use platform::{ApiError, ErrorCode};
use uuid::Uuid;

use crate::domain::OrderRuleError;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// `BAD_USER_INPUT`, with the offending field in `extensions.field`.
    #[error("{message}")]
    InvalidInput {
        field: &'static str,
        message: String,
    },
    /// `NOT_FOUND`: no such order, or not visible to the caller.
    #[error("order not found")]
    NotFound,
    /// `NOT_FOUND`, with `extensions.productId`.
    #[error("product {0} does not exist")]
    UnknownProduct(Uuid),
    /// `INSUFFICIENT_STOCK`, with `extensions.productId` and `extensions.available`.
    #[error(
        "not enough stock for product {product_id}: {available} available, {requested} requested"
    )]
    InsufficientStock {
        product_id: Uuid,
        requested: i64,
        available: i64,
    },
    /// Whatever a peer service answered (`UNAVAILABLE`, ...).
    #[error("{}", .0.message)]
    Peer(ApiError),
    /// `INTERNAL`: logged, never shown.
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<OrderRuleError> for Error {
    fn from(err: OrderRuleError) -> Self {
        let field = match err {
            OrderRuleError::Empty | OrderRuleError::TooManyLines => "lines",
            OrderRuleError::BadQuantity => "quantity",
            OrderRuleError::Money(_) => "lines",
        };
        Self::InvalidInput {
            field,
            message: err.to_string(),
        }
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
            Error::NotFound => ApiError::not_found(err.to_string()),
            Error::UnknownProduct(id) => {
                ApiError::not_found(err.to_string()).with_detail("productId", id.to_string())
            }
            Error::InsufficientStock {
                product_id,
                available,
                ..
            } => ApiError::new(ErrorCode::InsufficientStock, err.to_string())
                .with_detail("productId", product_id.to_string())
                .with_detail("available", available.to_string()),
            Error::Peer(api) => api,
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
