//! # The order subgraph: carts, checkout, payments, invoices and orders
//!
//! Every service crate has the same layout, described in the README's
//! "Code layout" section:
//!
//! - [`config`], [`error`], [`startup`]: settings, the one error enum, and
//!   [`Application`], which binds and runs everything with the recovery
//!   worker.
//! - [`domain`]: orders, lines, the status state machine
//!   ([`domain::lifecycle`]), the shipping and tax tables
//!   ([`domain::pricing`]), payments, refunds, invoices and their PDF
//!   ([`domain::invoice_pdf`]). No I/O.
//! - [`app`]: the use cases: the cart, the checkout saga, orders, aftercare.
//! - [`ports`]: what the use cases need from the product and user services
//!   and the payment provider, as traits.
//! - [`graphql`]: the federation subgraph (`Order @key(id)`, `User.orders`,
//!   `User.cart`, `Product.shippingEstimate`, the mutations).
//! - [`grpc`]: `OrderService` ([`grpc::server`]), and [`grpc::clients`], the
//!   gRPC implementations of the peer ports.
//! - [`http`]: plain HTTP routes besides GraphQL: `GET /invoices/{id}.pdf`.
//! - [`store`]: all SQL, against the `orders` schema, including the payment
//!   simulator's records.

pub mod app;
pub mod config;
pub mod domain;
pub mod error;
pub mod graphql;
pub mod grpc;
pub mod http;
pub mod ports;
pub mod startup;
pub mod store;

pub use app::Services;
pub use config::Config;
pub use startup::Application;

/// The subgraph's SDL, as committed in `subgraphs/order/schema.graphql`.
pub fn sdl() -> String {
    platform::server::federation_sdl(&graphql::build_schema(None))
}
