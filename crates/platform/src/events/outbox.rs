//! The transactional outbox and its relay.
//!
//! A producer calls [`append`] inside the transaction that makes the change:
//! the event exists if and only if the change committed. The [`Relay`], a
//! background task in the same service, publishes unpublished rows to the
//! broker in the order they were written, marks them published only after
//! the broker confirmed them, and purges them after a retention period.
//!
//! The relay does not wait for a poll: every append also sends a PostgreSQL
//! `NOTIFY` on the channel `outbox.<schema>`, delivered when the writing
//! transaction commits, and the relay listens on it. Polling (every
//! `idle_poll`) remains as the safety net for a lost notification.
//!
//! Several replicas may run a relay on the same outbox: each batch is taken
//! under a transaction-scoped advisory lock, so one relay publishes at a
//! time and the events of one aggregate leave in order. If a relay dies
//! after publishing and before its commit, the batch is published again;
//! consumers deduplicate on the event id.

use std::time::{Duration, Instant};

use lapin::options::BasicPublishOptions;
use lapin::types::{AMQPValue, FieldTable};
use lapin::{BasicProperties, Channel};
use sqlx::postgres::PgListener;
use sqlx::{Executor, PgPool, Postgres};
use uuid::Uuid;

use super::broker::BrokerConfig;
use super::contract::{Envelope, Event};
use crate::server::AbortOnDrop;

/// The outbox tables, as each producing service's migrations create them
/// (`migrations/<service>/*_events.sql` holds this text; a check compares).
pub const OUTBOX_DDL: &str = include_str!("outbox.sql");

/// Stores `event` in the outbox, inside the caller's transaction, with the
/// next sequence number of its aggregate, and wakes the relay when the
/// transaction commits (one statement). The per-aggregate counter row is
/// locked until the transaction ends, so two transactions about the same
/// aggregate get their numbers in commit order.
pub async fn append<'e, E>(executor: E, event: Event) -> Result<Envelope, sqlx::Error>
where
    E: Executor<'e, Database = Postgres>,
{
    let mut envelope = Envelope::new(event, super::current_traceparent());
    let body = serde_json::to_value(&envelope).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    let sequence: i64 = sqlx::query_scalar(
        "WITH seq AS ( \
           INSERT INTO outbox_sequences (aggregate_type, aggregate_id, last_sequence) VALUES ($2, $3, 1) \
           ON CONFLICT (aggregate_type, aggregate_id) \
           DO UPDATE SET last_sequence = outbox_sequences.last_sequence + 1 \
           RETURNING last_sequence) \
         , stored AS ( \
           INSERT INTO outbox (id, event_type, aggregate_type, aggregate_id, sequence, body) \
           SELECT $1, $4, $2, $3, seq.last_sequence, \
                  jsonb_set($5::jsonb, '{aggregate,sequence}', to_jsonb(seq.last_sequence)) FROM seq \
           RETURNING sequence) \
         SELECT sequence FROM stored, pg_notify('outbox.' || current_schema(), '')",
    )
    .bind(envelope.id)
    .bind(&envelope.aggregate.kind)
    .bind(&envelope.aggregate.id)
    .bind(envelope.routing_key())
    .bind(body)
    .fetch_one(executor)
    .await?;
    envelope.aggregate.sequence = sequence;
    Ok(envelope)
}

/// How the relay paces itself.
#[derive(Debug, Clone)]
pub struct RelaySettings {
    /// Rows published per transaction.
    pub batch_size: i64,
    /// The longest wait before looking again when the outbox is empty and
    /// no notification came (a commit wakes the relay at once).
    pub idle_poll: Duration,
    /// How long published rows are kept (for audits and replays).
    pub retention: Duration,
    /// Event types whose rows are deleted as soon as the broker confirmed
    /// them: they carry a secret (a password reset link) that must not
    /// outlive its delivery.
    pub forget_on_publish: &'static [&'static str],
}

impl Default for RelaySettings {
    fn default() -> Self {
        Self {
            batch_size: 200,
            idle_poll: Duration::from_secs(1),
            retention: Duration::from_secs(7 * 24 * 3600),
            forget_on_publish: &[],
        }
    }
}

/// Publishes a service's outbox to the broker.
#[derive(Debug, Clone)]
pub struct Relay {
    pool: PgPool,
    broker: BrokerConfig,
    settings: RelaySettings,
    /// Names the service in logs.
    service: &'static str,
    /// Where published events are counted.
    metrics: crate::metrics::Metrics,
}

/// Why a batch was not published.
#[derive(Debug, thiserror::Error)]
enum RelayError {
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("broker: {0}")]
    Broker(#[from] lapin::Error),
    #[error("the broker refused event {0}")]
    Refused(Uuid),
}

impl Relay {
    /// A relay for the outbox in the schema `pool` connects to.
    pub fn new(
        service: &'static str,
        pool: PgPool,
        broker: BrokerConfig,
        settings: RelaySettings,
    ) -> Self {
        Self {
            pool,
            broker,
            settings,
            service,
            metrics: crate::metrics::Metrics::default(),
        }
    }

    /// Counts published events in `metrics`.
    pub fn observed_by(self, metrics: &crate::metrics::Metrics) -> Self {
        Self {
            metrics: metrics.clone(),
            ..self
        }
    }

    /// Runs the relay in the background until the handle is dropped.
    pub fn spawn(self) -> AbortOnDrop {
        AbortOnDrop(tokio::spawn(self.run()))
    }

    /// Connects, publishes, and reconnects with backoff, forever. While the
    /// broker is down the events wait in the outbox; this says so once.
    pub async fn run(self) {
        let this = &self;
        self.broker
            .keep_connected(
                self.service,
                "events wait in the outbox and are published when it is back",
                |channel| async move { this.pump(&channel).await },
            )
            .await;
    }

    /// Listens for commits of new rows on `outbox.<schema>`; `None` when
    /// listening fails (then the relay polls).
    async fn listener(&self) -> Option<PgListener> {
        let result = async {
            let schema: String = sqlx::query_scalar("SELECT current_schema()")
                .fetch_one(&self.pool)
                .await?;
            let mut listener = PgListener::connect_with(&self.pool).await?;
            listener.listen(&format!("outbox.{schema}")).await?;
            Ok::<_, sqlx::Error>(listener)
        }
        .await;
        match result {
            Ok(listener) => Some(listener),
            Err(error) => {
                tracing::warn!(service = self.service, %error, "cannot listen for outbox commits; polling instead");
                None
            }
        }
    }

    /// Publishes batches until something fails.
    async fn pump(&self, channel: &Channel) -> RelayError {
        let mut last_purge = Instant::now();
        let mut listener = self.listener().await;
        loop {
            match self.publish_batch(channel).await {
                Ok(0) => {
                    if last_purge.elapsed() > Duration::from_secs(60) {
                        last_purge = Instant::now();
                        if let Err(error) = self.purge().await {
                            tracing::warn!(service = self.service, %error, "could not purge the outbox");
                        }
                    }
                    // Woken by the next commit, or by the poll.
                    match listener.as_mut() {
                        Some(l) => {
                            if let Ok(Err(error)) =
                                tokio::time::timeout(self.settings.idle_poll, l.recv()).await
                            {
                                tracing::debug!(service = self.service, %error, "outbox listener lost; it reconnects");
                            }
                        }
                        None => tokio::time::sleep(self.settings.idle_poll).await,
                    }
                }
                Ok(_) => {}
                // The database is away: the channel is fine, wait and retry.
                Err(RelayError::Database(error)) => {
                    tracing::warn!(service = self.service, %error, "outbox unreadable; retrying");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
                Err(error) => return error,
            }
        }
    }

    /// Publishes one batch; returns how many rows it published.
    async fn publish_batch(&self, channel: &Channel) -> Result<usize, RelayError> {
        let mut tx = self.pool.begin().await?;
        // One relay at a time per outbox: the order per aggregate holds
        // however many replicas run.
        let leader: bool = sqlx::query_scalar(
            "SELECT pg_try_advisory_xact_lock(hashtext(current_schema() || '.outbox'))",
        )
        .fetch_one(&mut *tx)
        .await?;
        if !leader {
            return Ok(0);
        }
        let rows: Vec<(Uuid, String, String, String)> = sqlx::query_as(
            "SELECT id, event_type, body::text, coalesce(body->>'traceparent', '') FROM outbox \
             WHERE published_at IS NULL ORDER BY position LIMIT $1 FOR UPDATE SKIP LOCKED",
        )
        .bind(self.settings.batch_size)
        .fetch_all(&mut *tx)
        .await?;
        if rows.is_empty() {
            return Ok(0);
        }
        let mut confirms = Vec::with_capacity(rows.len());
        for (id, event_type, body, traceparent) in &rows {
            let mut headers = FieldTable::default();
            headers.insert(
                "traceparent".into(),
                AMQPValue::LongString(traceparent.as_str().into()),
            );
            let properties = BasicProperties::default()
                .with_message_id(id.to_string().as_str().into())
                .with_type(event_type.as_str().into())
                .with_content_type("application/json".into())
                .with_app_id(self.service.into())
                .with_delivery_mode(2)
                .with_headers(headers);
            let confirm = channel
                .basic_publish(
                    self.broker.exchange.as_str().into(),
                    event_type.as_str().into(),
                    BasicPublishOptions::default(),
                    body.as_bytes(),
                    properties,
                )
                .await?;
            confirms.push((*id, confirm));
        }
        for (id, confirm) in confirms {
            if !confirm.await?.is_ack() {
                return Err(RelayError::Refused(id));
            }
        }
        let ids: Vec<Uuid> = rows.iter().map(|(id, ..)| *id).collect();
        sqlx::query("UPDATE outbox SET published_at = now() WHERE id = ANY($1)")
            .bind(&ids)
            .execute(&mut *tx)
            .await?;
        if !self.settings.forget_on_publish.is_empty() {
            let secret: Vec<&str> = self.settings.forget_on_publish.to_vec();
            sqlx::query("DELETE FROM outbox WHERE id = ANY($1) AND event_type = ANY($2)")
                .bind(&ids)
                .bind(&secret)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        for (_, event_type, ..) in &rows {
            self.metrics.event_published(event_type);
        }
        tracing::debug!(
            service = self.service,
            count = ids.len(),
            "published events"
        );
        Ok(ids.len())
    }

    /// Deletes rows published longer ago than the retention period.
    async fn purge(&self) -> Result<u64, sqlx::Error> {
        purge_published(&self.pool, self.settings.retention).await
    }
}

/// Deletes outbox rows published longer ago than `retention`.
pub async fn purge_published(pool: &PgPool, retention: Duration) -> Result<u64, sqlx::Error> {
    Ok(
        sqlx::query("DELETE FROM outbox WHERE published_at < now() - make_interval(secs => $1)")
            .bind(retention.as_secs_f64())
            .execute(pool)
            .await?
            .rows_affected(),
    )
}

/// Rows not yet published, and the age of the oldest (for health and
/// metrics).
pub async fn backlog(pool: &PgPool) -> Result<(i64, Option<Duration>), sqlx::Error> {
    let (count, age): (i64, Option<f64>) = sqlx::query_as(
        "SELECT count(*), EXTRACT(EPOCH FROM now() - min(created_at))::float8 \
         FROM outbox WHERE published_at IS NULL",
    )
    .fetch_one(pool)
    .await?;
    Ok((count, age.map(|s| Duration::from_secs_f64(s.max(0.0)))))
}
