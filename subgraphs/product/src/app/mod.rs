//! The product service's use cases, shared by the GraphQL and gRPC
//! adapters. They reach other services only through [`crate::ports`].
//!
//! - [`catalog`]: products, categories, search and listing, stock and its
//!   reservations, reviews.
//! - [`demo`]: deterministic demo products for the dev stack.

pub mod catalog;
pub mod demo;
