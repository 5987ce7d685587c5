//! # The product subgraph: the catalog, its stock and its reviews
//!
//! Every service crate has the same layout, described in the README's
//! "Code layout" section:
//!
//! - [`config`], [`error`], [`startup`]: settings, the one error enum, and
//!   [`Application`], which binds and runs everything with the reservation
//!   sweeper.
//! - [`domain`]: products, validated input, search terms, attributes,
//!   reviews, availability and reservation rules. No I/O.
//! - [`app`]: the use cases ([`app::catalog`]), shared by both adapters, and
//!   the demo data ([`app::demo`]).
//! - [`ports`]: what the use cases need from the order service, as a trait.
//! - [`graphql`]: the federation subgraph (`Product @key(id)`,
//!   `Category @key(id)`, `Review @key(id)`, `User.reviews`, search and
//!   listing, the staff mutations).
//! - [`grpc`]: `ProductService` ([`grpc::server`]: prices, stock,
//!   reservations, catalog writes), and [`grpc::clients`], the gRPC
//!   implementation of the ports.
//! - [`events`]: the consumer of `order.paid` (co-purchases, purchase
//!   history); the outbox relay publishes `product.stock_low` and
//!   `product.price_changed`.
//! - [`store`]: all SQL, against the `products` schema, and the Redis cache.

pub mod app;
pub mod config;
pub mod domain;
pub mod error;
pub mod events;
pub mod graphql;
pub mod grpc;
pub mod ports;
pub mod startup;
pub mod store;

pub use config::Config;
pub use startup::Application;

/// The subgraph's SDL, as committed in `subgraphs/product/schema.graphql`.
pub fn sdl() -> String {
    platform::server::federation_sdl(&graphql::build_schema(None))
}
