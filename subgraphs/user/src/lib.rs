//! # The user subgraph: accounts, sign-in and roles
//!
//! ## Layout
//! - [`domain`]: validated values (email, password, name) and the user record.
//! - [`accounts`]: the use cases (register, login, verify a token), shared by
//!   both adapters below.
//! - [`graphql`]: the federation subgraph (`User @key(id)`, `me`, `register`,
//!   `login`).
//! - [`grpc`]: `UserService` (`VerifyToken`, `GetUser`) for the other services.
//! - [`store`]: all SQL, against the `users` schema.
//! - [`hashing`]: Argon2id on the blocking pool, behind a semaphore.
//! - [`tokens`]: EdDSA-signed JWT access tokens, refresh tokens, JWKS.
//! - [`throttle`]: failed-login throttling (Redis, or in-process).
//! - [`products`]: asks the product service whether a product exists.
//! - [`startup`]: [`Application`], which binds and runs everything.
//! - [`demo`]: deterministic demo accounts for the dev stack.

pub mod accounts;
pub mod config;
pub mod demo;
pub mod domain;
pub mod error;
pub mod graphql;
pub mod grpc;
pub mod hashing;
pub mod products;
pub mod startup;
pub mod store;
pub mod throttle;
pub mod tokens;

pub use config::Config;
pub use startup::Application;

/// The subgraph's SDL, as committed in `subgraphs/user/schema.graphql`.
pub fn sdl() -> String {
    platform::server::federation_sdl(&graphql::build_schema(None))
}
