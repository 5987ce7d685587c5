//! Taking money: the [`PaymentGateway`] trait, which a real provider can
//! implement, and the [`simulator`] that stands in for one.
//!
//! Every operation takes an idempotency key. Calling it again with the same
//! key returns the first outcome and moves no money twice: that is what makes
//! a retry after a timeout, or a saga resumed after a crash, safe.

pub mod simulator;

use futures::future::BoxFuture;
use platform::money::Money;

pub use simulator::SimulatedGateway;

/// What a payment token stands for: enough to show the card, never its
/// number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardDetails {
    pub brand: String,
    pub last4: String,
    pub exp_month: i16,
    pub exp_year: i16,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PaymentError {
    /// The provider refused; `code` is its reason (`card_declined`,
    /// `insufficient_funds`, ...). Final for this attempt.
    #[error("the payment was declined ({code})")]
    Declined { code: String },
    /// The token is not one the provider knows.
    #[error("unknown payment token")]
    UnknownToken,
    /// The provider did not answer in time: the operation may or may not have
    /// happened. Retry with the same key to find out.
    #[error("the payment provider did not answer in time")]
    Timeout,
    /// The call could not be made (network, provider down). Retryable.
    #[error("the payment provider is unavailable: {0}")]
    Unavailable(String),
    /// The request broke the provider's rules (capturing more than was
    /// authorized, refunding more than was captured). A bug on our side.
    #[error("the payment provider rejected the request: {0}")]
    Rejected(String),
}

/// A payment provider. References returned are the provider's ids for an
/// authorization, a capture or a refund.
pub trait PaymentGateway: Send + Sync {
    /// What the token is (brand, last four digits, expiry), without charging.
    fn card_details<'a>(
        &'a self,
        token: &'a str,
    ) -> BoxFuture<'a, Result<CardDetails, PaymentError>>;

    /// Holds `amount` on the card.
    fn authorize<'a>(
        &'a self,
        idempotency_key: &'a str,
        token: &'a str,
        amount: &'a Money,
    ) -> BoxFuture<'a, Result<String, PaymentError>>;

    /// Takes the held money.
    fn capture<'a>(
        &'a self,
        idempotency_key: &'a str,
        authorization: &'a str,
        amount: &'a Money,
    ) -> BoxFuture<'a, Result<String, PaymentError>>;

    /// Drops a hold that was not captured. Voiding an authorization the
    /// provider never made succeeds and does nothing.
    fn void<'a>(
        &'a self,
        idempotency_key: &'a str,
        authorization: &'a str,
    ) -> BoxFuture<'a, Result<(), PaymentError>>;

    /// Gives back part or all of a capture.
    fn refund<'a>(
        &'a self,
        idempotency_key: &'a str,
        capture: &'a str,
        amount: &'a Money,
    ) -> BoxFuture<'a, Result<String, PaymentError>>;
}
