//! The checkout saga's log (`checkouts`): one row per checkout, holding its
//! idempotency key, the step reached, the answer replayed to retries, and
//! the lease of whoever drives it.

use std::time::Duration;

use serde::{Deserialize, Serialize};
use sqlx::{Postgres, Transaction};
use uuid::Uuid;

use super::OrderStore;
use crate::domain::{Party, ShippingAddress};
use crate::error::{Error, Result};

/// The steps of the saga, each written durably before the next begins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum CheckoutStep {
    /// Accepted under its idempotency key; nothing held yet.
    Started,
    /// Stock is reserved under the order id.
    Reserved,
    /// The order exists as `PENDING_PAYMENT`.
    OrderCreated,
    /// The payment is authorized.
    Authorized,
    /// The payment is captured: from here the saga only moves forward.
    Captured,
    /// The order is paid and invoiced; the cart is emptied. Final.
    Completed,
    /// Compensated: nothing is held or charged. Final.
    Failed,
}

impl CheckoutStep {
    /// Every step, in order.
    pub const ALL: [CheckoutStep; 7] = [
        CheckoutStep::Started,
        CheckoutStep::Reserved,
        CheckoutStep::OrderCreated,
        CheckoutStep::Authorized,
        CheckoutStep::Captured,
        CheckoutStep::Completed,
        CheckoutStep::Failed,
    ];

    /// The name stored in `checkouts.step`.
    pub fn as_str(self) -> &'static str {
        match self {
            CheckoutStep::Started => "STARTED",
            CheckoutStep::Reserved => "RESERVED",
            CheckoutStep::OrderCreated => "ORDER_CREATED",
            CheckoutStep::Authorized => "AUTHORIZED",
            CheckoutStep::Captured => "CAPTURED",
            CheckoutStep::Completed => "COMPLETED",
            CheckoutStep::Failed => "FAILED",
        }
    }

    /// The inverse of `as_str`.
    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == value)
    }

    /// Whether the checkout is over (completed or failed).
    pub fn is_final(self) -> bool {
        matches!(self, CheckoutStep::Completed | CheckoutStep::Failed)
    }
}

/// What the saga needs to run, fixed when the checkout starts.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CheckoutPlan {
    /// `(product, quantity)` from the cart.
    pub lines: Vec<(Uuid, i64)>,
    /// The cart lines to remove once the order is paid.
    pub cart_line_ids: Vec<Uuid>,
    /// The address snapshot.
    pub address: ShippingAddress,
    /// The buyer, as printed on the invoice.
    pub buyer: Party,
    /// The provider's token to charge, and how the card shows.
    pub payment_token: String,
    /// The card brand, for the payment record.
    pub card_brand: String,
    /// The card's last four digits, for the payment record.
    pub card_last4: String,
}

/// The final answer of a checkout, replayed to every retry with its key.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum CheckoutOutcome {
    /// The order was paid.
    Paid,
    /// The checkout failed, with the error the client got.
    Failed {
        /// The error code.
        code: String,
        /// The error message.
        message: String,
        /// The error's extensions.
        details: Vec<(String, String)>,
    },
}

#[derive(Debug, Clone)]
/// One checkout as recorded: its key's plan, the step reached and the lease.
pub struct CheckoutRecord {
    /// The order the checkout creates.
    pub order_id: Uuid,
    /// The customer.
    pub user_id: Uuid,
    /// The client's input (address, payment method), as a fingerprint.
    pub request: String,
    /// The cart's `(product, quantity)` pairs when the checkout started.
    pub cart: String,
    /// What the saga runs.
    pub plan: CheckoutPlan,
    /// The last step recorded.
    pub step: CheckoutStep,
    /// The final answer, once there is one.
    pub outcome: Option<CheckoutOutcome>,
    /// How many times the checkout was taken over.
    pub attempts: i32,
    /// Whether someone holds the lease right now.
    pub lease_active: bool,
}

type Row = (
    Uuid,
    Uuid,
    String,
    String,
    sqlx::types::Json<CheckoutPlan>,
    String,
    Option<sqlx::types::Json<CheckoutOutcome>>,
    i32,
    bool,
);

const COLUMNS: &str =
    "order_id, user_id, request, cart, plan, step, outcome, attempts, lease_until > now()";

fn record(row: Row) -> Result<CheckoutRecord> {
    let (order_id, user_id, request, cart, plan, step, outcome, attempts, lease_active) = row;
    Ok(CheckoutRecord {
        order_id,
        user_id,
        request,
        cart,
        plan: plan.0,
        step: CheckoutStep::parse(&step)
            .ok_or_else(|| super::corrupt(format!("checkout step {step:?}")))?,
        outcome: outcome.map(|o| o.0),
        attempts,
        lease_active,
    })
}

fn secs(d: Duration) -> f64 {
    d.as_secs_f64()
}

impl OrderStore {
    /// The checkout recorded under `user_id`'s `key`.
    pub async fn find_checkout(&self, user_id: Uuid, key: &str) -> Result<Option<CheckoutRecord>> {
        sqlx::query_as::<_, Row>(&format!(
            "SELECT {COLUMNS} FROM checkouts WHERE user_id = $1 AND idempotency_key = $2"
        ))
        .bind(user_id)
        .bind(key)
        .fetch_optional(self.db.exec())
        .await?
        .map(record)
        .transpose()
    }

    /// The checkout of `order_id`.
    pub async fn checkout_for_order(&self, order_id: Uuid) -> Result<Option<CheckoutRecord>> {
        sqlx::query_as::<_, Row>(&format!(
            "SELECT {COLUMNS} FROM checkouts WHERE order_id = $1"
        ))
        .bind(order_id)
        .fetch_optional(self.db.exec())
        .await?
        .map(record)
        .transpose()
    }

    /// Records a new checkout under its key, holding the lease. False when
    /// the key was taken first by a concurrent request.
    pub async fn start_checkout(
        &self,
        checkout: &CheckoutRecord,
        key: &str,
        lease: Duration,
    ) -> Result<bool> {
        Ok(sqlx::query(
            "INSERT INTO checkouts (order_id, user_id, idempotency_key, request, cart, plan, step, lease_until) \
             VALUES ($1, $2, $3, $4, $5, $6, 'STARTED', now() + make_interval(secs => $7)) \
             ON CONFLICT (user_id, idempotency_key) DO NOTHING",
        )
        .bind(checkout.order_id)
        .bind(checkout.user_id)
        .bind(key)
        .bind(&checkout.request)
        .bind(&checkout.cart)
        .bind(sqlx::types::Json(&checkout.plan))
        .bind(secs(lease))
        .execute(self.db.exec())
        .await?
        .rows_affected()
            == 1)
    }

    /// Records that the saga reached `step`, renewing the lease.
    pub async fn advance_checkout(
        &self,
        tx: Option<&mut Transaction<'_, Postgres>>,
        order_id: Uuid,
        step: CheckoutStep,
        lease: Duration,
    ) -> Result<()> {
        let query = sqlx::query(
            "UPDATE checkouts SET step = $2, lease_until = now() + make_interval(secs => $3), \
             updated_at = now() WHERE order_id = $1",
        )
        .bind(order_id)
        .bind(step.as_str())
        .bind(secs(lease));
        match tx {
            Some(tx) => query.execute(self.db.counted(&mut **tx)).await?,
            None => query.execute(self.db.exec()).await?,
        };
        Ok(())
    }

    /// Ends the saga with its final answer, inside `tx`.
    pub async fn finish_checkout(
        &self,
        tx: &mut Transaction<'_, Postgres>,
        order_id: Uuid,
        step: CheckoutStep,
        outcome: &CheckoutOutcome,
    ) -> Result<()> {
        sqlx::query(
            "UPDATE checkouts SET step = $2, outcome = $3, lease_until = now(), updated_at = now() \
             WHERE order_id = $1",
        )
        .bind(order_id)
        .bind(step.as_str())
        .bind(sqlx::types::Json(outcome))
        .execute(self.db.counted(&mut **tx))
        .await?;
        Ok(())
    }

    /// Takes the lease of an unfinished checkout whose lease has run out (its
    /// driver crashed or gave up); `None` when someone else holds it or it is
    /// finished.
    pub async fn claim_checkout(
        &self,
        order_id: Uuid,
        lease: Duration,
    ) -> Result<Option<CheckoutRecord>> {
        sqlx::query_as::<_, Row>(&format!(
            "UPDATE checkouts SET lease_until = now() + make_interval(secs => $2), attempts = attempts + 1 \
             WHERE order_id = $1 AND lease_until <= now() AND step NOT IN ('COMPLETED', 'FAILED') \
             RETURNING {COLUMNS}"
        ))
        .bind(order_id)
        .bind(secs(lease))
        .fetch_optional(self.db.exec())
        .await?
        .map(record)
        .transpose()
    }

    /// Gives the lease up now, so that a retry or the recovery worker can
    /// continue at once.
    pub async fn release_checkout(&self, order_id: Uuid) -> Result<()> {
        sqlx::query("UPDATE checkouts SET lease_until = now() WHERE order_id = $1")
            .bind(order_id)
            .execute(self.db.exec())
            .await?;
        Ok(())
    }

    /// Unfinished checkouts nobody drives, oldest lease first.
    pub async fn stalled_checkouts(&self, limit: i64) -> Result<Vec<Uuid>> {
        Ok(sqlx::query_scalar(
            "SELECT order_id FROM checkouts WHERE step NOT IN ('COMPLETED', 'FAILED') \
             AND lease_until <= now() ORDER BY lease_until LIMIT $1",
        )
        .bind(limit)
        // The worker's poll is not counted: it belongs to no request.
        .fetch_all(self.db.pool())
        .await?)
    }

    /// Forgets the keys of finished checkouts older than `keep`: after that
    /// a key may be used again.
    pub async fn purge_checkout_keys(&self, keep: Duration) -> Result<u64> {
        Ok(sqlx::query(
            "DELETE FROM checkouts WHERE step IN ('COMPLETED', 'FAILED') \
             AND created_at < now() - make_interval(secs => $1)",
        )
        .bind(secs(keep))
        .execute(self.db.exec())
        .await?
        .rows_affected())
    }

    /// Opens a transaction on the service's pool.
    pub async fn begin(&self) -> Result<Transaction<'static, Postgres>> {
        self.db.begin().await.map_err(Error::from)
    }
}
