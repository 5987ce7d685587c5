//! # The product subgraph: the catalog and its stock
//!
//! ## Layout
//! - [`domain`]: products, validated input, availability rules.
//! - [`catalog`]: the use cases, shared by both adapters below.
//! - [`graphql`]: the federation subgraph (`Product @key(id)`, `product`,
//!   `products` connection, `createProduct`).
//! - [`grpc`]: `ProductService` (`GetProducts`, `CheckAvailability`).
//! - [`store`]: all SQL, against the `products` schema.
//! - [`startup`]: [`Application`], which binds and runs everything.
//! - [`demo`]: deterministic demo products for the dev stack.

pub mod catalog;
pub mod config;
pub mod demo;
pub mod domain;
pub mod error;
pub mod graphql;
pub mod grpc;
pub mod startup;
pub mod store;

pub use config::Config;
pub use startup::Application;

/// The subgraph's SDL, as committed in `subgraphs/product/schema.graphql`.
pub fn sdl() -> String {
    platform::server::federation_sdl(&graphql::build_schema(None))
}
