//! # The order subgraph: carts, checkout, payments, invoices and orders
//!
//! ## Layout
//! - [`domain`]: orders, lines, the status state machine
//!   ([`domain::lifecycle`]), the shipping and tax tables
//!   ([`domain::pricing`]), payments, refunds and invoices. No I/O.
//! - [`carts`]: the cart use cases.
//! - [`checkout`]: the checkout saga, its crash recovery and idempotency keys.
//! - [`ordering`]: reading orders, saved payment methods.
//! - [`aftercare`]: fulfilment, shipping, cancellations, refunds, returns.
//! - [`payments`]: the [`payments::PaymentGateway`] trait and its simulator.
//! - [`graphql`]: the federation subgraph (`Order @key(id)`, `User.orders`,
//!   `User.cart`, `Product.shippingEstimate`, the mutations).
//! - [`grpc`]: `OrderService`, and [`grpc::clients`] for the calls to
//!   `UserService` and `ProductService`.
//! - [`http`]: `GET /invoices/{id}.pdf`, rendered by [`invoice_pdf`].
//! - [`store`]: all SQL, against the `orders` schema.
//! - [`startup`]: [`Application`], which binds and runs everything, with the
//!   recovery worker.

pub mod aftercare;
pub mod carts;
pub mod checkout;
pub mod config;
pub mod domain;
pub mod error;
pub mod graphql;
pub mod grpc;
pub mod http;
pub mod invoice_pdf;
pub mod ordering;
pub mod payments;
pub mod startup;
pub mod store;

pub use config::Config;
pub use startup::Application;

/// The use cases, shared by the GraphQL and gRPC adapters.
pub struct Services {
    pub ordering: ordering::Ordering,
    pub carts: carts::Carts,
    pub checkout: checkout::Checkout,
    pub aftercare: aftercare::Aftercare,
}

/// The subgraph's SDL, as committed in `subgraphs/order/schema.graphql`.
pub fn sdl() -> String {
    platform::server::federation_sdl(&graphql::build_schema(None))
}
