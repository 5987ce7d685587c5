//! The user service's use cases, shared by the GraphQL and gRPC adapters.
//! They reach other services only through [`crate::ports`].
//!
//! - [`accounts`]: register, log in, sessions, profiles, addresses, roles,
//!   password resets, wishlists.
//! - [`hashing`]: Argon2id on the blocking pool, behind a semaphore.
//! - [`tokens`]: EdDSA-signed JWT access tokens, refresh tokens, JWKS.
//! - [`throttle`]: failed-login throttling (Redis, or in-process).
//! - [`demo`]: deterministic demo accounts for the dev stack.

pub mod accounts;
pub mod demo;
pub mod hashing;
pub mod throttle;
pub mod tokens;
