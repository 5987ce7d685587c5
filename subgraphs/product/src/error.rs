//! The product service's one error enum. Each variant's comment names the
//! code a client sees.

use platform::{ApiError, ErrorCode};

/// The detail (GraphQL extension, gRPC metadata `shop-shortages`) that lists
/// short products as `product_id=available`, comma-separated.
pub const SHORTAGES_DETAIL: &str = "shop-shortages";
use platform::money::MoneyError;

#[derive(Debug, thiserror::Error)]
/// Every way a product-service operation can fail.
pub enum Error {
    /// `BAD_USER_INPUT`, with the offending field in `extensions.field`.
    #[error("{message}")]
    InvalidInput {
        /// The input field at fault.
        field: &'static str,
        /// What is wrong with it.
        message: String,
    },
    /// `NOT_FOUND`.
    #[error("product not found")]
    NotFound,
    /// `CONFLICT`, naming the field whose value is taken.
    #[error("{message}")]
    Conflict {
        /// The field whose value is taken.
        field: &'static str,
        /// What is taken.
        message: String,
    },
    /// `NOT_FOUND`.
    #[error("category {0} does not exist")]
    UnknownCategory(uuid::Uuid),
    /// `NOT_FOUND`, naming the product in `extensions.productId`.
    #[error("product {0} does not exist")]
    UnknownProduct(uuid::Uuid),
    /// `INSUFFICIENT_STOCK`; `extensions.shortages` (gRPC metadata
    /// `shop-shortages`) lists `product_id=available` pairs.
    #[error("not enough stock for {} product(s)", .0.len())]
    InsufficientStock(Vec<crate::domain::Shortage>),
    /// `CONFLICT`: the reservation id is taken by a different request.
    #[error("reservation {0} already exists with other lines")]
    ReservationConflict(uuid::Uuid),
    /// `CONFLICT`: the reservation was released or has expired.
    #[error("reservation {0} is {1}")]
    ReservationClosed(uuid::Uuid, &'static str),
    /// `NOT_FOUND`.
    #[error("reservation {0} not found")]
    UnknownReservation(uuid::Uuid),
    /// `NOT_FOUND`: no such review, or hidden from the caller.
    #[error("review not found")]
    UnknownReview,
    /// `FORBIDDEN`: the caller is known but may not do this.
    #[error("{0}")]
    Forbidden(String),
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

    /// `BAD_USER_INPUT` for a money value in `field`.
    pub fn money(field: &'static str, err: MoneyError) -> Self {
        Self::invalid(field, err.to_string())
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
            Error::NotFound
            | Error::UnknownReservation(_)
            | Error::UnknownCategory(_)
            | Error::UnknownReview => ApiError::not_found(err.to_string()),
            Error::UnknownProduct(id) => {
                ApiError::not_found(err.to_string()).with_detail("productId", id.to_string())
            }
            Error::InsufficientStock(ref shortages) => {
                let list: Vec<String> = shortages
                    .iter()
                    .map(|s| format!("{}={}", s.product_id, s.available))
                    .collect();
                ApiError::new(ErrorCode::InsufficientStock, err.to_string())
                    .with_detail(SHORTAGES_DETAIL, list.join(","))
            }
            Error::ReservationConflict(_) | Error::ReservationClosed(..) => {
                ApiError::new(ErrorCode::Conflict, err.to_string())
            }
            Error::Conflict { field, message } => {
                ApiError::new(ErrorCode::Conflict, message).with_detail("field", field)
            }
            Error::Forbidden(message) => ApiError::forbidden(message),
            Error::Internal(cause) => ApiError::from_internal(&cause),
        }
    }
}

impl From<Error> for tonic::Status {
    fn from(err: Error) -> Self {
        ApiError::from(err).into()
    }
}

/// The product service's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
