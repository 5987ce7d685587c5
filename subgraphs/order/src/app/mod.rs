//! The order service's use cases, shared by the GraphQL and gRPC adapters.
//! They reach peers and the payment provider only through [`crate::ports`].
//!
//! - [`carts`]: the server-side cart, priced by the product service.
//! - [`checkout`]: the checkout saga, its crash recovery and idempotency keys.
//! - [`ordering`]: reading orders, saved payment methods.
//! - [`aftercare`]: fulfilment, shipping, cancellations, refunds, returns.

pub mod aftercare;
pub mod carts;
pub mod checkout;
pub mod ordering;

#[cfg(test)]
mod saga_tests;

/// The use cases, shared by the GraphQL and gRPC adapters.
pub struct Services {
    /// Reading orders and saved payment methods.
    pub ordering: ordering::Ordering,
    /// The cart.
    pub carts: carts::Carts,
    /// The checkout saga.
    pub checkout: checkout::Checkout,
    /// Everything after payment.
    pub aftercare: aftercare::Aftercare,
}
