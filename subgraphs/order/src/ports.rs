//! What the use cases need from outside the service, as traits:
//!
//! - [`Products`]: prices and stock, from the product service (its gRPC
//!   client is [`crate::grpc::clients::ProductCatalog`]);
//! - [`Users`]: the customer and their addresses, from the user service
//!   ([`crate::grpc::clients::UserDirectory`]);
//! - [`PaymentGateway`]: taking money, from a payment provider (the
//!   simulator is [`crate::store::payment_simulator::SimulatedGateway`]).
//!
//! The use cases in [`crate::app`] see only these traits, so their decisions
//! can be unit-tested against in-memory fakes; the integration tests run the
//! real implementations.
//!
//! Every payment operation takes an idempotency key. Calling it again with
//! the same key returns the first outcome and moves no money twice: that is
//! what makes a retry after a timeout, or a saga resumed after a crash, safe.
//! Every stock operation is keyed by the order id, for the same reason.

use futures::future::BoxFuture;
use platform::money::Money;
use uuid::Uuid;

use crate::domain::ShippingAddress;
use crate::error::Error;

/// A product's current name, price and stock, as the product service says.
#[derive(Debug, Clone)]
pub struct PricedProduct {
    /// The product's id.
    pub id: Uuid,
    /// Its name now, snapshotted into order lines.
    pub name: String,
    /// Its SKU, snapshotted into order lines.
    pub sku: Option<String>,
    /// Its price now: the only price checkout charges.
    pub price: Money,
    /// Units that can be sold right now.
    pub available: i64,
    /// On sale (active and not deleted).
    pub purchasable: bool,
    /// Shipping weight, for the rate table.
    pub weight_grams: i64,
}

/// The customer as the user service knows them.
#[derive(Debug, Clone)]
pub struct Customer {
    /// Printed on the invoice.
    pub name: String,
    /// Printed on the invoice when present.
    pub email: Option<String>,
    /// A deactivated account may not check out.
    pub active: bool,
}

/// What [`Products::lookup`] answers: the products found, and the ids not
/// found.
pub type Lookup = (Vec<PricedProduct>, Vec<Uuid>);

/// The product service: the authority on prices and stock.
pub trait Products: Send + Sync {
    /// The products among `ids` that exist, and the ids that do not, in one
    /// call.
    fn lookup<'a>(&'a self, ids: &'a [Uuid]) -> BoxFuture<'a, Result<Lookup, Error>>;

    /// Holds stock for every line of order `order_id`, or for none. A short
    /// line is [`Error::InsufficientStock`] naming the first short product;
    /// a hold that is already released or expired is
    /// [`Error::ReservationLapsed`]. Idempotent per order.
    fn reserve<'a>(
        &'a self,
        order_id: Uuid,
        lines: &'a [(Uuid, i64)],
        ttl_seconds: u32,
    ) -> BoxFuture<'a, Result<(), Error>>;

    /// Sells the stock held for `order_id`. Idempotent. A reservation that
    /// was released or expired is [`Error::ReservationLapsed`].
    fn commit(&self, order_id: Uuid) -> BoxFuture<'_, Result<(), Error>>;

    /// Gives back the stock held for `order_id`. Idempotent.
    fn release(&self, order_id: Uuid) -> BoxFuture<'_, Result<(), Error>>;

    /// Puts `quantity` units of a returned or cancelled product back on
    /// hand. An adjustment whose `key` was already applied is not applied
    /// again.
    fn restock_return<'a>(
        &'a self,
        key: &'a str,
        product_id: Uuid,
        quantity: i64,
        note: String,
    ) -> BoxFuture<'a, Result<(), Error>>;

    /// Current prices of `ids`, in one call. A missing product is
    /// [`Error::UnknownProduct`].
    fn prices<'a>(&'a self, ids: &'a [Uuid]) -> BoxFuture<'a, Result<Vec<PricedProduct>, Error>> {
        Box::pin(async move {
            let (found, missing) = self.lookup(ids).await?;
            match missing.first() {
                Some(id) => Err(Error::UnknownProduct(*id)),
                None => Ok(found),
            }
        })
    }
}

/// The user service: who the customer is, and where to ship.
pub trait Users: Send + Sync {
    /// The account behind `user_id`.
    fn customer(&self, user_id: Uuid) -> BoxFuture<'_, Result<Customer, Error>>;

    /// One of `user_id`'s addresses. Another user's address, like an unknown
    /// one, is [`Error::UnknownAddress`].
    fn address(
        &self,
        user_id: Uuid,
        address_id: Uuid,
    ) -> BoxFuture<'_, Result<ShippingAddress, Error>>;
}

/// What a payment token stands for: enough to show the card, never its
/// number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardDetails {
    /// `Visa`, `Mastercard`, ...
    pub brand: String,
    /// The last four digits of the card number.
    pub last4: String,
    /// Expiry month, 1 to 12.
    pub exp_month: i16,
    /// Expiry year, four digits.
    pub exp_year: i16,
}

/// Why a payment operation failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PaymentError {
    /// The provider refused; `code` is its reason (`card_declined`,
    /// `insufficient_funds`, ...). Final for this attempt.
    #[error("the payment was declined ({code})")]
    Declined {
        /// The provider's reason.
        code: String,
    },
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

    /// Makes `token` reusable for later payments of `user_id` (a saved
    /// card) and returns the token to store in its place. The default keeps
    /// the token as it is, for providers whose tokens are reusable (the
    /// simulator); Stripe attaches the PaymentMethod to a Customer.
    fn keep<'a>(
        &'a self,
        idempotency_key: &'a str,
        user_id: uuid::Uuid,
        token: &'a str,
    ) -> BoxFuture<'a, Result<String, PaymentError>> {
        let _ = (idempotency_key, user_id);
        Box::pin(async move { Ok(token.to_string()) })
    }
}
