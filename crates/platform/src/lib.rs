//! # platform: what the shop services share
//!
//! Only code that at least two services need lives here.
//!
//! - [`config`]: reading settings from the environment, with defaults.
//! - [`telemetry`]: the tracing subscriber every binary installs.
//! - [`error`]: the stable error codes and [`ApiError`], the one error type that
//!   crosses into GraphQL (`extensions.code`) and gRPC (`tonic::Status`).
//! - [`db`]: the per-service PostgreSQL schema and role, the bootstrap that
//!   creates them, connection pools and a statement counter.
//! - [`money`]: exact money in integer minor units, and its GraphQL type.
//! - [`auth`]: the bearer-token guard: [`auth::Principal`], the
//!   [`auth::TokenVerifier`] trait and its gRPC implementation with a cache.
//! - [`cache`]: the optional Redis connection.
//! - [`events`]: the event contract, the transactional outbox and relay, and
//!   idempotent consumers over RabbitMQ.
//! - [`server`]: serving GraphQL over axum and gRPC over tonic, with a
//!   health endpoint and graceful shutdown.
//! - [`guard`]: what stands in front of GraphQL: the router's shared secret,
//!   body, time and concurrency limits.
//! - [`tls`]: mutual TLS between services, per-method allowlists, and the
//!   development PKI.
//! - [`ratelimit`]: per-client request limits, shared through Redis.
//! - [`breaker`]: a circuit breaker and timeout around every peer channel.
//! - [`faults`]: fault injection for development and tests (`SHOP_FAULTS`).
//! - [`batching`]: DataLoader batches started when a request waits, not
//!   after a fixed window.
//! - [`limits`]: root-field, alias and `_entities` caps on every operation.
//! - `testing` (feature `testing`): a fresh database for every test.

pub mod auth;
pub mod batching;
pub mod breaker;
pub mod cache;
pub mod config;
pub mod db;
pub mod deadline;
pub mod documents;
pub mod error;
pub mod events;
pub mod faults;
pub mod guard;
pub mod health;
pub mod limits;
pub mod metrics;
pub mod money;
pub mod ratelimit;
pub mod server;
pub mod telemetry;
#[cfg(feature = "testing")]
pub mod testing;
pub mod tls;

pub use error::{ApiError, ErrorCode};
