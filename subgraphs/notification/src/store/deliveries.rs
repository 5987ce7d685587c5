//! Emails and text messages with their delivery records, and the addresses
//! that bounce.

use std::time::Duration;

use chrono::{DateTime, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

use super::{NotificationStore, corrupt};
use crate::domain::{BOUNCES_BEFORE_SUPPRESSION, Category, Channel, Delivery, DeliveryStatus};
use crate::error::Result;

type Row = (
    Uuid,
    Uuid,
    Uuid,
    String,
    String,
    String,
    Option<String>,
    String,
    String,
    Option<String>,
    String,
    i32,
    Option<String>,
    Option<String>,
    DateTime<Utc>,
    Option<DateTime<Utc>>,
);

const COLUMNS: &str = "id, event_id, user_id, channel, category, kind, address, subject, text_body, \
     html_body, status, attempts, provider_message_id, last_error, created_at, sent_at";

fn from_row(row: Row) -> Result<Delivery> {
    let (
        id,
        event_id,
        user_id,
        channel,
        category,
        kind,
        address,
        subject,
        text_body,
        html_body,
        status,
        attempts,
        provider_message_id,
        last_error,
        created_at,
        sent_at,
    ) = row;
    Ok(Delivery {
        id,
        event_id,
        user_id,
        channel: Channel::parse(&channel).ok_or_else(|| corrupt(format!("channel {channel:?}")))?,
        category: Category::parse(&category)
            .ok_or_else(|| corrupt(format!("category {category:?}")))?,
        kind,
        address,
        subject,
        text_body,
        html_body,
        status: DeliveryStatus::parse(&status)
            .ok_or_else(|| corrupt(format!("status {status:?}")))?,
        attempts,
        provider_message_id,
        last_error,
        created_at,
        sent_at,
    })
}

impl NotificationStore {
    /// Queues emails and text messages of one event inside the consumer's
    /// transaction; one already queued for the same event, user and channel
    /// is kept, so nobody gets a message twice.
    pub async fn insert_deliveries(
        &self,
        tx: &mut PgConnection,
        deliveries: &[Delivery],
    ) -> Result<()> {
        for d in deliveries {
            sqlx::query(
                "INSERT INTO deliveries (id, event_id, user_id, channel, category, kind, address, subject, text_body, html_body) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (event_id, user_id, channel) DO NOTHING",
            )
            .bind(d.id)
            .bind(d.event_id)
            .bind(d.user_id)
            .bind(d.channel.as_str())
            .bind(d.category.as_str())
            .bind(&d.kind)
            .bind(&d.address)
            .bind(&d.subject)
            .bind(&d.text_body)
            .bind(&d.html_body)
            .execute(self.db.counted(&mut *tx))
            .await?;
        }
        Ok(())
    }

    /// Claims up to `limit` messages that are due, for `lease`: each attempt
    /// is counted now, and a replica that dies mid-send leaves the message
    /// to be tried again when the lease ends. Safe with several workers.
    pub async fn claim_due(&self, limit: i64, lease: Duration) -> Result<Vec<Delivery>> {
        let rows: Vec<Row> = sqlx::query_as(&format!(
            "UPDATE deliveries SET attempts = attempts + 1, \
               next_attempt_at = now() + make_interval(secs => $2) \
             WHERE id IN (SELECT id FROM deliveries WHERE status = 'PENDING' AND next_attempt_at <= now() \
                          ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED) \
             RETURNING {COLUMNS}"
        ))
        .bind(limit)
        .bind(lease.as_secs_f64())
        // The worker's poll belongs to no request: not counted.
        .fetch_all(self.db.pool())
        .await?;
        rows.into_iter().map(from_row).collect()
    }

    /// Records that the provider accepted the message. The body of a password
    /// reset or an email verification holds a live one-time link: once sent,
    /// it is not kept.
    pub async fn mark_sent(&self, id: Uuid, provider_message_id: &str) -> Result<()> {
        sqlx::query(
            "UPDATE deliveries SET status = 'SENT', provider_message_id = $2, sent_at = now(), last_error = NULL, \
               text_body = CASE WHEN kind IN ('password_reset', 'email_verification') THEN '(the one-time link is not kept)' ELSE text_body END, \
               html_body = CASE WHEN kind IN ('password_reset', 'email_verification') THEN NULL ELSE html_body END \
             WHERE id = $1",
        )
        .bind(id)
        .bind(provider_message_id)
        .execute(self.db.pool())
        .await?;
        Ok(())
    }

    /// Records a failure; the message is tried again after `retry_in`, or
    /// left in `final_status` when `retry_in` is `None`.
    pub async fn mark_failed(
        &self,
        id: Uuid,
        error: &str,
        retry_in: Option<Duration>,
        final_status: DeliveryStatus,
    ) -> Result<()> {
        match retry_in {
            Some(delay) => sqlx::query(
                "UPDATE deliveries SET last_error = $2, next_attempt_at = now() + make_interval(secs => $3) WHERE id = $1",
            )
            .bind(id)
            .bind(error)
            .bind(delay.as_secs_f64())
            .execute(self.db.pool())
            .await?,
            None => sqlx::query("UPDATE deliveries SET last_error = $2, status = $3 WHERE id = $1")
                .bind(id)
                .bind(error)
                .bind(final_status.as_str())
                .execute(self.db.pool())
                .await?,
        };
        Ok(())
    }

    /// Gives a claimed message back without spending its attempt: what it
    /// needs (the user service) is down, so it is tried again after `delay`.
    pub async fn postpone(&self, id: Uuid, reason: &str, delay: Duration) -> Result<()> {
        sqlx::query(
            "UPDATE deliveries SET attempts = greatest(attempts - 1, 0), last_error = $2, \
             next_attempt_at = now() + make_interval(secs => $3) WHERE id = $1",
        )
        .bind(id)
        .bind(reason)
        .bind(delay.as_secs_f64())
        .execute(self.db.pool())
        .await?;
        Ok(())
    }

    /// Whether mail to `address` is suppressed after repeated bounces.
    pub async fn is_suppressed(&self, address: &str) -> Result<bool> {
        Ok(sqlx::query_scalar::<_, bool>(
            "SELECT suppressed_at IS NOT NULL FROM bounces WHERE address = $1",
        )
        .bind(address)
        .fetch_optional(self.db.pool())
        .await?
        .unwrap_or(false))
    }

    /// Counts a permanent refusal of `address`; returns whether the address
    /// is now suppressed.
    pub async fn record_bounce(&self, address: &str, error: &str) -> Result<bool> {
        Ok(sqlx::query_scalar(
            "INSERT INTO bounces (address, bounces, last_error) VALUES ($1, 1, $2) \
             ON CONFLICT (address) DO UPDATE SET bounces = bounces.bounces + 1, last_error = $2, updated_at = now(), \
               suppressed_at = CASE WHEN bounces.bounces + 1 >= $3 THEN COALESCE(bounces.suppressed_at, now()) \
                                    ELSE bounces.suppressed_at END \
             RETURNING suppressed_at IS NOT NULL",
        )
        .bind(address)
        .bind(error)
        .bind(BOUNCES_BEFORE_SUPPRESSION)
        .fetch_one(self.db.pool())
        .await?)
    }

    /// A user's most recent deliveries, newest first (one statement).
    pub async fn deliveries_of(&self, user_id: Uuid, limit: i64) -> Result<Vec<Delivery>> {
        let rows: Vec<Row> = sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM deliveries WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2"
        ))
        .bind(user_id)
        .bind(limit)
        .fetch_all(self.db.exec())
        .await?;
        rows.into_iter().map(from_row).collect()
    }
}
