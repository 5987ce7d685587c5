//! Events: the contract, the transactional outbox and its relay, and
//! idempotent consumers, over RabbitMQ.
//!
//! - [`contract`]: every event type with its version, the [`Envelope`], and
//!   the consumer groups.
//! - [`broker`]: where the broker is ([`BrokerConfig`]) and the topology.
//! - [`outbox`]: [`outbox::append`] inside the producer's transaction, and
//!   the [`Relay`] that publishes with publisher confirms.
//! - [`consumer`]: the [`Consumer`] with its inbox, retries and dead letters.
//!
//! The request that causes an event is named in the event by its W3C
//! `traceparent`: the GraphQL and gRPC servers run each request inside
//! [`with_traceparent`], and [`outbox::append`] reads it back.

pub mod broker;
pub mod consumer;
pub mod contract;
pub mod outbox;

pub use broker::BrokerConfig;
pub use consumer::{Consumer, Failure, Handler, Received};
pub use contract::{Envelope, Event};
pub use outbox::{Relay, RelaySettings};

use std::future::Future;

tokio::task_local! {
    static TRACEPARENT: String;
}

/// Runs `future` as part of the trace `traceparent` (when it is a valid
/// W3C trace context; otherwise a new trace is started for it).
pub async fn with_traceparent<F: Future>(traceparent: Option<&str>, future: F) -> F::Output {
    let traceparent = traceparent
        .filter(|t| contract::is_traceparent(t))
        .map(str::to_string)
        .unwrap_or_else(contract::new_traceparent);
    TRACEPARENT.scope(traceparent, future).await
}

/// The trace context of the current span (the request, the event being
/// handled), else of the current request's `traceparent`, else a new one.
pub fn current_traceparent() -> String {
    if let Some(traceparent) = crate::telemetry::traceparent_of(&tracing::Span::current()) {
        return traceparent;
    }
    TRACEPARENT
        .try_with(Clone::clone)
        .unwrap_or_else(|_| contract::new_traceparent())
}
