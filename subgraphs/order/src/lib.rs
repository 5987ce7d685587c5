//! # The order subgraph: placing and reading orders
//!
//! ## Layout
//! - [`domain`]: orders, lines, statuses and their rules (limits, totals).
//! - [`ordering`]: the use cases, shared by both adapters below.
//! - [`graphql`]: the federation subgraph (`Order @key(id)`, `User.orders`,
//!   `Product` stubs, `placeOrder`).
//! - [`grpc`]: `OrderService` (`HasPurchased`), and [`grpc::clients`] for the
//!   calls to `ProductService`.
//! - [`store`]: all SQL, against the `orders` schema.
//! - [`startup`]: [`Application`], which binds and runs everything.

pub mod config;
pub mod domain;
pub mod error;
pub mod graphql;
pub mod grpc;
pub mod ordering;
pub mod startup;
pub mod store;

pub use config::Config;
pub use startup::Application;

/// The subgraph's SDL, as committed in `subgraphs/order/schema.graphql`.
pub fn sdl() -> String {
    platform::server::federation_sdl(&graphql::build_schema(None))
}
