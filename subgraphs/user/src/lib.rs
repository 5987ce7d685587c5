//! # The user subgraph: accounts, sign-in and roles
//!
//! Every service crate has the same layout, described in the README's
//! "Code layout" section:
//!
//! - [`config`], [`error`], [`startup`]: settings, the one error enum, and
//!   [`Application`], which binds and runs everything.
//! - [`domain`]: validated values (email, password, name), profiles,
//!   addresses and the user record. No I/O.
//! - [`app`]: the use cases (register, login, sessions, profiles, roles,
//!   password resets, wishlists), with password hashing, token signing and
//!   login throttling.
//! - [`ports`]: what the use cases need from the product service, as a
//!   trait.
//! - [`graphql`]: the federation subgraph (`User @key(id)`, `me`, `register`,
//!   `login`, ...).
//! - [`grpc`]: `UserService` ([`grpc::server`]) for the other services, and
//!   [`grpc::clients`], the gRPC implementation of the ports.
//! - [`http`]: plain HTTP routes besides GraphQL: the JWKS.
//! - [`store`]: all SQL, against the `users` schema.

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

pub use config::Config;
pub use startup::Application;

/// The subgraph's SDL, as committed in `subgraphs/user/schema.graphql`.
pub fn sdl() -> String {
    platform::server::federation_sdl(&graphql::build_schema(None))
}
