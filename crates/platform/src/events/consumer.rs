//! Consuming events: at-least-once delivery made exactly-once in effect.
//!
//! A [`Consumer`] reads its group's durable queue with manual
//! acknowledgement. For each message it opens a transaction in the service's
//! own schema, records the event id in the inbox, lets the [`Handler`] apply
//! the effect in that transaction, commits, and only then acknowledges. A
//! message whose id is already in the inbox is acknowledged and skipped.
//!
//! A handler that fails with [`Failure::Unavailable`] (a peer or the
//! database every event needs is down) has the message put back at the head
//! of the queue after a pause that grows while the outage lasts; that does
//! not count as an attempt, so an outage loses nothing and dead-letters
//! nothing. A handler that fails with [`Failure::Retry`] has the message
//! moved to the group's retry queue, from which the broker hands it back after a delay;
//! after `max_attempts` deliveries, or at once for a malformed message or a
//! [`Failure::Reject`], it goes to the dead-letter queue with the reason in
//! its `x-death-reason` header. Either way the queue keeps moving.

use std::sync::Arc;
use std::time::{Duration, Instant};

use futures::StreamExt;
use futures::future::BoxFuture;
use lapin::message::Delivery;
use lapin::options::{
    BasicAckOptions, BasicConsumeOptions, BasicNackOptions, BasicPublishOptions, BasicQosOptions,
};
use lapin::types::{AMQPValue, FieldTable};
use lapin::{BasicProperties, Channel};
use sqlx::{PgConnection, PgPool};

use super::broker::{Backoff, BrokerConfig};
use super::contract::{ConsumerGroup, Envelope};
use crate::server::AbortOnDrop;

/// The inbox tables, as each consuming service's migrations create them.
pub const INBOX_DDL: &str = include_str!("inbox.sql");

/// Why a handler could not apply an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// Something every event needs is down (the database, a peer): put the
    /// message back and pause; not counted as an attempt.
    Unavailable(String),
    /// This event failed in a way that may pass: try it again later, counted.
    Retry(String),
    /// The event can never be applied: dead-letter it now.
    Reject(String),
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Unavailable(reason) => write!(f, "unavailable: {reason}"),
            Failure::Retry(reason) => write!(f, "retryable: {reason}"),
            Failure::Reject(reason) => write!(f, "rejected: {reason}"),
        }
    }
}

impl From<sqlx::Error> for Failure {
    /// A database that cannot be reached is an outage; any other database
    /// error is this event's, and counts as an attempt.
    fn from(error: sqlx::Error) -> Self {
        match error {
            sqlx::Error::Io(_)
            | sqlx::Error::Tls(_)
            | sqlx::Error::PoolTimedOut
            | sqlx::Error::PoolClosed
            | sqlx::Error::Protocol(_) => Failure::Unavailable(format!("database: {error}")),
            other => Failure::Retry(format!("database: {other}")),
        }
    }
}

/// An event as the handler sees it.
#[derive(Debug)]
pub struct Received<'a> {
    /// The event.
    pub envelope: &'a Envelope,
    /// True when a newer event of the same aggregate was applied already
    /// (it arrived out of order): the handler decides what that means.
    pub superseded: bool,
}

/// What a consuming service does with an event, inside the transaction
/// that also records it in the inbox.
pub trait Handler: Send + Sync + 'static {
    /// Applies `event`. Statements go through `tx`; they commit together
    /// with the inbox row, or not at all.
    fn apply<'a>(
        &'a self,
        tx: &'a mut PgConnection,
        event: Received<'a>,
    ) -> BoxFuture<'a, Result<(), Failure>>;
}

/// Why consuming stopped: the broker connection broke, or the broker
/// refused a message. Unacknowledged messages are delivered again.
#[derive(Debug, thiserror::Error)]
pub enum ConsumeError {
    /// The connection or channel failed.
    #[error("broker: {0}")]
    Broker(#[from] lapin::Error),
    /// The broker did not confirm a retry or dead-letter copy.
    #[error("the broker refused a message for {0}")]
    Refused(String),
}

/// How one message ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Applied and committed.
    Applied,
    /// Already in the inbox: skipped.
    Duplicate,
    /// Sent to the retry queue.
    Retried,
    /// Put back at the head of the queue while a dependency is down.
    Requeued,
    /// Sent to the dead-letter queue, with this reason.
    DeadLettered(String),
}

/// Reads one consumer group's queue and applies each event once.
#[derive(Clone)]
pub struct Consumer {
    pool: PgPool,
    broker: BrokerConfig,
    group: ConsumerGroup,
    handler: Arc<dyn Handler>,
    /// Unacknowledged messages the broker may send ahead.
    prefetch: u16,
    /// Where outcomes and lag are recorded.
    metrics: crate::metrics::Metrics,
}

impl Consumer {
    /// A consumer of `group` whose inbox is in the schema `pool` connects to.
    pub fn new(
        pool: PgPool,
        broker: BrokerConfig,
        group: ConsumerGroup,
        handler: Arc<dyn Handler>,
    ) -> Self {
        Self {
            pool,
            broker,
            group,
            handler,
            prefetch: 32,
            metrics: crate::metrics::Metrics::default(),
        }
    }

    /// Records each event's outcome and lag in `metrics`.
    pub fn observed_by(self, metrics: &crate::metrics::Metrics) -> Self {
        Self {
            metrics: metrics.clone(),
            ..self
        }
    }

    /// Runs in the background until the handle is dropped.
    pub fn spawn(self) -> AbortOnDrop {
        AbortOnDrop(tokio::spawn(self.run()))
    }

    /// Connects, consumes, and reconnects with backoff, forever.
    pub async fn run(self) {
        let this = &self;
        self.broker
            .keep_connected(
                self.group.name,
                "consuming resumes when it is back",
                |channel| async move {
                    match this.consume(&channel).await {
                        Ok(()) => "the broker cancelled the consumer".to_string(),
                        Err(error) => error.to_string(),
                    }
                },
            )
            .await;
    }

    async fn consume(&self, channel: &Channel) -> Result<(), ConsumeError> {
        channel
            .basic_qos(self.prefetch, BasicQosOptions::default())
            .await?;
        let mut deliveries = channel
            .basic_consume(
                self.broker.queue(&self.group).as_str().into(),
                "".into(),
                BasicConsumeOptions::default(),
                FieldTable::default(),
            )
            .await?;
        let mut last_purge = Instant::now();
        let mut outage = Backoff::default();
        while let Some(delivery) = deliveries.next().await {
            let delivery = delivery?;
            let outcome = self.process(channel, &delivery).await?;
            tracing::debug!(group = self.group.name, ?outcome, "event handled");
            if outcome == Outcome::Requeued {
                // Nothing can be applied until the dependency is back:
                // wait longer each time, then take the message again.
                tokio::time::sleep(outage.next_delay()).await;
                delivery
                    .nack(BasicNackOptions {
                        requeue: true,
                        ..Default::default()
                    })
                    .await?;
                continue;
            }
            outage.reset();
            if last_purge.elapsed() > Duration::from_secs(3600) {
                last_purge = Instant::now();
                self.purge_inbox().await;
            }
        }
        Ok(())
    }

    /// Handles one delivery and acknowledges it, unless the broker
    /// connection failed first (then it is delivered again) or the outcome
    /// is [`Outcome::Requeued`] (then the caller puts it back).
    pub async fn process(
        &self,
        channel: &Channel,
        delivery: &Delivery,
    ) -> Result<Outcome, ConsumeError> {
        use tracing::Instrument as _;
        let parsed = serde_json::from_slice::<Envelope>(&delivery.data);
        let lag = parsed
            .as_ref()
            .ok()
            .and_then(|envelope| (chrono::Utc::now() - envelope.occurred_at).to_std().ok());
        // The event is handled in the trace of the request that caused it.
        let (event_type, event_id, traceparent) = match &parsed {
            Ok(envelope) => (
                envelope.routing_key().to_string(),
                envelope.id.to_string(),
                Some(envelope.traceparent.clone()),
            ),
            Err(_) => (
                String::new(),
                String::new(),
                header_str(&delivery.properties, "traceparent"),
            ),
        };
        let span = tracing::info_span!(
            "event.consume",
            otel.name = %format!("{event_type} process"),
            otel.kind = "consumer",
            messaging.system = "rabbitmq",
            messaging.operation.type = "process",
            messaging.consumer.group.name = %self.group.name,
            messaging.message.id = %event_id,
            shop.service = %self.metrics.service(),
            trace_id = tracing::field::Empty,
            span_id = tracing::field::Empty,
        );
        if let Some(traceparent) = traceparent.filter(|t| super::contract::is_traceparent(t)) {
            crate::telemetry::continue_context(
                &span,
                crate::telemetry::context_of_traceparent(&traceparent),
            );
        }
        let outcome = self
            .handle(channel, delivery, parsed)
            .instrument(span)
            .await;
        let label = match &outcome {
            Ok(Outcome::Applied) => "applied",
            Ok(Outcome::Duplicate) => "duplicate",
            Ok(Outcome::Retried) => "retried",
            Ok(Outcome::Requeued) => "requeued",
            Ok(Outcome::DeadLettered(_)) => "dead_lettered",
            Err(_) => "broker_error",
        };
        self.metrics.event_consumed(self.group.name, label, lag);
        outcome
    }

    async fn handle(
        &self,
        channel: &Channel,
        delivery: &Delivery,
        parsed: Result<Envelope, serde_json::Error>,
    ) -> Result<Outcome, ConsumeError> {
        let outcome = match parsed {
            Err(error) => {
                let reason = format!("malformed event: {error}");
                self.dead_letter(channel, delivery, &reason).await?;
                Outcome::DeadLettered(reason)
            }
            Ok(envelope) if envelope.version > envelope.event.version() => {
                let reason = format!(
                    "{} version {} is newer than this consumer understands ({})",
                    envelope.routing_key(),
                    envelope.version,
                    envelope.event.version()
                );
                self.dead_letter(channel, delivery, &reason).await?;
                Outcome::DeadLettered(reason)
            }
            Ok(envelope) => match self.apply(&envelope).await {
                Ok(outcome) => outcome,
                Err(Failure::Unavailable(reason)) => {
                    tracing::warn!(group = self.group.name, event = %envelope.id, %reason, "a dependency is down: the event waits in the queue");
                    // Acknowledged by the caller's nack, after its pause.
                    return Ok(Outcome::Requeued);
                }
                Err(Failure::Reject(reason)) => {
                    tracing::warn!(group = self.group.name, event = %envelope.id, %reason, "event rejected: dead-lettered");
                    self.dead_letter(channel, delivery, &reason).await?;
                    Outcome::DeadLettered(reason)
                }
                Err(Failure::Retry(reason)) => {
                    let attempts = attempts(delivery) + 1;
                    if attempts >= self.broker.max_attempts {
                        let reason = format!("gave up after {attempts} attempts: {reason}");
                        tracing::warn!(group = self.group.name, event = %envelope.id, %reason, "event dead-lettered");
                        self.dead_letter(channel, delivery, &reason).await?;
                        Outcome::DeadLettered(reason)
                    } else {
                        tracing::info!(group = self.group.name, event = %envelope.id, attempts, %reason, "event failed; retrying later");
                        self.retry(channel, delivery, attempts, &reason).await?;
                        Outcome::Retried
                    }
                }
            },
        };
        delivery.ack(BasicAckOptions::default()).await?;
        Ok(outcome)
    }

    /// The inbox check, the effect and the commit.
    async fn apply(&self, envelope: &Envelope) -> Result<Outcome, Failure> {
        let mut tx = self.pool.begin().await?;
        let fresh = sqlx::query(
            "INSERT INTO inbox (consumer, event_id, event_type) VALUES ($1, $2, $3) \
             ON CONFLICT DO NOTHING",
        )
        .bind(self.group.name)
        .bind(envelope.id)
        .bind(envelope.routing_key())
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1;
        if !fresh {
            return Ok(Outcome::Duplicate);
        }
        let newest: i64 = sqlx::query_scalar(
            "INSERT INTO aggregate_positions (consumer, aggregate_type, aggregate_id, last_sequence) \
             VALUES ($1, $2, $3, $4) \
             ON CONFLICT (consumer, aggregate_type, aggregate_id) \
             DO UPDATE SET last_sequence = GREATEST(aggregate_positions.last_sequence, EXCLUDED.last_sequence) \
             RETURNING last_sequence",
        )
        .bind(self.group.name)
        .bind(&envelope.aggregate.kind)
        .bind(&envelope.aggregate.id)
        .bind(envelope.aggregate.sequence)
        .fetch_one(&mut *tx)
        .await?;
        let received = Received {
            envelope,
            superseded: newest > envelope.aggregate.sequence,
        };
        self.handler.apply(&mut tx, received).await?;
        tx.commit().await?;
        Ok(Outcome::Applied)
    }

    async fn retry(
        &self,
        channel: &Channel,
        delivery: &Delivery,
        attempts: u32,
        reason: &str,
    ) -> Result<(), ConsumeError> {
        let mut headers = headers_of(delivery);
        headers.insert("x-attempts".into(), AMQPValue::LongLongInt(attempts.into()));
        headers.insert("x-last-error".into(), AMQPValue::LongString(reason.into()));
        self.republish(
            channel,
            delivery,
            &self.broker.retry_queue(&self.group),
            headers,
        )
        .await
    }

    async fn dead_letter(
        &self,
        channel: &Channel,
        delivery: &Delivery,
        reason: &str,
    ) -> Result<(), ConsumeError> {
        let mut headers = headers_of(delivery);
        headers.insert(
            "x-death-reason".into(),
            AMQPValue::LongString(reason.into()),
        );
        headers.insert(
            "x-original-routing-key".into(),
            AMQPValue::LongString(delivery.routing_key.as_str().into()),
        );
        headers.insert(
            "x-consumer".into(),
            AMQPValue::LongString(self.group.name.into()),
        );
        self.republish(
            channel,
            delivery,
            &self.broker.dead_letter_queue(&self.group),
            headers,
        )
        .await
    }

    /// Sends a copy of `delivery` to `queue` (through the default exchange)
    /// and waits for the broker's confirm, so the original may be acked.
    async fn republish(
        &self,
        channel: &Channel,
        delivery: &Delivery,
        queue: &str,
        headers: FieldTable,
    ) -> Result<(), ConsumeError> {
        let properties = delivery
            .properties
            .clone()
            .with_headers(headers)
            .with_delivery_mode(2);
        let confirm = channel
            .basic_publish(
                "".into(),
                queue.into(),
                BasicPublishOptions::default(),
                &delivery.data,
                properties,
            )
            .await?
            .await?;
        if !confirm.is_ack() {
            return Err(ConsumeError::Refused(queue.to_string()));
        }
        Ok(())
    }

    async fn purge_inbox(&self) {
        // Far beyond the outbox retention: nothing older can come again.
        if let Err(error) =
            sqlx::query("DELETE FROM inbox WHERE received_at < now() - interval '30 days'")
                .execute(&self.pool)
                .await
        {
            tracing::warn!(group = self.group.name, %error, "could not purge the inbox");
        }
    }
}

fn headers_of(delivery: &Delivery) -> FieldTable {
    delivery.properties.headers().clone().unwrap_or_default()
}

/// How many times the message was tried before (`x-attempts`).
fn attempts(delivery: &Delivery) -> u32 {
    match header(&delivery.properties, "x-attempts") {
        Some(AMQPValue::LongLongInt(n)) => u32::try_from(n).unwrap_or(u32::MAX),
        Some(AMQPValue::LongInt(n)) => u32::try_from(n).unwrap_or(u32::MAX),
        Some(AMQPValue::LongUInt(n)) => n,
        _ => 0,
    }
}

/// A header of a message's properties.
pub fn header(properties: &BasicProperties, name: &str) -> Option<AMQPValue> {
    properties
        .headers()
        .as_ref()
        .and_then(|h| h.inner().get(name).cloned())
}

/// A string header (`x-death-reason`, `traceparent`) of a message.
pub fn header_str(properties: &BasicProperties, name: &str) -> Option<String> {
    match header(properties, name)? {
        AMQPValue::LongString(s) => Some(s.to_string()),
        AMQPValue::ShortString(s) => Some(s.to_string()),
        _ => None,
    }
}
