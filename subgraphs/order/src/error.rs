//! The order service's one error enum. Each variant's comment names the code
//! a client sees.

use platform::{ApiError, ErrorCode};
use uuid::Uuid;

use crate::domain::{OrderRuleError, TransitionError};

#[derive(Debug, thiserror::Error)]
/// Every way an order-service operation can fail.
pub enum Error {
    /// `BAD_USER_INPUT`, with the offending field in `extensions.field`.
    #[error("{message}")]
    InvalidInput {
        /// The input field at fault.
        field: &'static str,
        /// What is wrong with it.
        message: String,
    },
    /// `NOT_FOUND`: no such order, or not visible to the caller.
    #[error("order not found")]
    NotFound,
    /// `NOT_FOUND`, with `extensions.field`: a cart line, payment method,
    /// invoice, return... that does not exist or is someone else's.
    #[error("{what} not found")]
    Missing {
        /// What is missing, for the message.
        what: &'static str,
        /// The input field that named it.
        field: &'static str,
    },
    /// `NOT_FOUND`, with `extensions.productId`.
    #[error("product {0} does not exist")]
    UnknownProduct(Uuid),
    /// `NOT_FOUND` with `extensions.field = shippingAddressId`: unknown, or
    /// another user's.
    #[error("shipping address not found")]
    UnknownAddress,
    /// `NOT_FOUND` with `extensions.productId`: the product exists but is
    /// not on sale (a draft, archived or deleted product is not visible to
    /// customers either).
    #[error("product {0} is not on sale")]
    ProductUnavailable(Uuid),
    /// `INSUFFICIENT_STOCK`, with `extensions.productId` and `extensions.available`.
    #[error(
        "not enough stock for product {product_id}: {available} available, {requested} requested"
    )]
    InsufficientStock {
        /// The short product.
        product_id: Uuid,
        /// Units asked for.
        requested: i64,
        /// Units that can be sold now.
        available: i64,
    },
    /// `CONFLICT` with `extensions.currentStatus`: the state machine does not
    /// allow the move.
    #[error(transparent)]
    Transition(#[from] TransitionError),
    /// `CONFLICT`: the request clashes with the current state (a reused
    /// idempotency key, a refund above what is left...).
    #[error("{message}")]
    Conflict {
        /// What clashes.
        message: String,
        /// Whether the same request may succeed later (`extensions.retryable`).
        retryable: bool,
    },
    /// `CONFLICT`: the stock held for the order was released or expired.
    #[error("the stock reservation for this order has lapsed")]
    ReservationLapsed,
    /// `PAYMENT_DECLINED` with `extensions.orderId` and `extensions.reason`.
    #[error("the payment was declined ({reason})")]
    PaymentDeclined {
        /// The order left `PAYMENT_FAILED`.
        order_id: Uuid,
        /// The provider's reason, such as `card_declined`.
        reason: String,
    },
    /// `UNAVAILABLE` with `extensions.orderId` and `extensions.retryable`:
    /// the payment provider did not answer; retrying with the same
    /// idempotency key finishes the checkout without charging twice.
    #[error(
        "the payment provider did not answer in time; retry with the same idempotency key to finish the checkout"
    )]
    PaymentPending {
        /// The order waiting for the provider.
        order_id: Uuid,
    },
    /// `FORBIDDEN`: the caller is known but may not do this.
    #[error("{0}")]
    Forbidden(String),
    /// `CONFLICT` with `extensions.refundable`: a refund above what is left
    /// of the capture.
    #[error("only {} {} can still be refunded", .refundable.amount_string(), .refundable.currency)]
    RefundExceedsCapture {
        /// What can still be refunded.
        refundable: platform::money::Money,
    },
    /// `UNAVAILABLE`: a dependency failed in a way that retrying later may
    /// fix; the message says what happened.
    #[error("{0}")]
    Unavailable(&'static str),
    /// A checkout failure as recorded under its idempotency key: returned to
    /// the first caller and replayed unchanged to every retry.
    #[error("{}", .0.message)]
    Recorded(ApiError),
    /// A peer service's answer, already in the form a client sees
    /// (`UNAVAILABLE`, ...). Built only by the gRPC clients.
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

    /// `CONFLICT` that a retry will not fix.
    pub fn conflict(message: impl Into<String>) -> Self {
        Self::Conflict {
            message: message.into(),
            retryable: false,
        }
    }
}

impl From<platform::auth::Forbidden> for Error {
    fn from(err: platform::auth::Forbidden) -> Self {
        Self::Forbidden(err.0)
    }
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

impl From<platform::money::MoneyError> for Error {
    fn from(err: platform::money::MoneyError) -> Self {
        Self::InvalidInput {
            field: "lines",
            message: err.to_string(),
        }
    }
}

impl From<Error> for ApiError {
    fn from(err: Error) -> Self {
        match err {
            Error::InvalidInput { field, message } => {
                ApiError::bad_input(message).with_detail("field", field)
            }
            Error::NotFound => ApiError::not_found(err.to_string()),
            Error::Missing { field, .. } => {
                ApiError::not_found(err.to_string()).with_detail("field", field)
            }
            Error::UnknownProduct(id) => {
                ApiError::not_found(err.to_string()).with_detail("productId", id.to_string())
            }
            Error::UnknownAddress => {
                ApiError::not_found(err.to_string()).with_detail("field", "shippingAddressId")
            }
            Error::ProductUnavailable(id) => {
                ApiError::not_found(err.to_string()).with_detail("productId", id.to_string())
            }
            Error::InsufficientStock {
                product_id,
                available,
                ..
            } => ApiError::new(ErrorCode::InsufficientStock, err.to_string())
                .with_detail("productId", product_id.to_string())
                .with_detail("available", available.to_string()),
            Error::Transition(ref t) => ApiError::new(ErrorCode::Conflict, err.to_string())
                .with_detail("currentStatus", t.from.as_str()),
            Error::Conflict { retryable, .. } => {
                let api = ApiError::new(ErrorCode::Conflict, err.to_string());
                if retryable {
                    api.with_detail("retryable", "true")
                } else {
                    api
                }
            }
            Error::ReservationLapsed => ApiError::new(ErrorCode::Conflict, err.to_string()),
            Error::PaymentDeclined {
                order_id,
                ref reason,
            } => ApiError::new(ErrorCode::PaymentDeclined, err.to_string())
                .with_detail("orderId", order_id.to_string())
                .with_detail("reason", reason.clone()),
            Error::PaymentPending { order_id } => {
                ApiError::new(ErrorCode::Unavailable, err.to_string())
                    .with_detail("orderId", order_id.to_string())
                    .with_detail("retryable", "true")
            }
            Error::Forbidden(message) => ApiError::forbidden(message),
            Error::RefundExceedsCapture { ref refundable } => {
                ApiError::new(ErrorCode::Conflict, err.to_string())
                    .with_detail("refundable", refundable.amount_string())
            }
            Error::Unavailable(message) => ApiError::new(ErrorCode::Unavailable, message),
            Error::Recorded(api) | Error::Peer(api) => api,
            Error::Internal(cause) => ApiError::from_internal(&cause),
        }
    }
}

impl From<Error> for tonic::Status {
    fn from(err: Error) -> Self {
        ApiError::from(err).into()
    }
}

/// The order service's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
