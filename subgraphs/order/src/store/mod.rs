//! PostgreSQL access for the `orders` schema. All SQL of the service is
//! here, split by aggregate: orders and their timeline in this file;
//! [`payments`] (payments, invoices, refunds, saved payment methods);
//! [`shipments`]; [`returns`]; [`restocks`] (stock waiting to go back to
//! the product service); the [`cart`]; the checkout saga's log
//! ([`checkout`]); and the [`payment_simulator`]'s own records.

pub mod cart;
pub mod checkout;
pub mod payment_simulator;
pub mod payments;
pub mod restocks;
pub mod returns;
pub mod shipments;
pub mod stripe;

pub use restocks::PendingRestock;

use std::collections::HashMap;
use std::time::Duration;

use chrono::{DateTime, Utc};
use platform::db::Db;
use platform::events::Event;
use platform::money::{Currency, Money};
use sqlx::{Postgres, Transaction};
use uuid::Uuid;

use crate::domain::{Actor, ActorKind, Order, OrderEvent, OrderLine, OrderStatus, ShippingAddress};
use crate::error::{Error, Result};

/// This service's migrations, from `migrations/order/` (readiness checks that
/// every one is applied).
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../../migrations/order");

/// Runs this service's migrations from `migrations/order/`.
pub async fn migrate(pool: &sqlx::PgPool) -> anyhow::Result<()> {
    platform::db::migrate(pool, &MIGRATOR).await?;
    Ok(())
}

/// Orders by status, and refunds by status, across the whole schema (the
/// gauges `/metrics` reports).
pub async fn status_counts(
    pool: &sqlx::PgPool,
) -> std::result::Result<(Vec<(String, i64)>, Vec<(String, i64)>), sqlx::Error> {
    let orders = sqlx::query_as("SELECT status, count(*) FROM orders GROUP BY status")
        .fetch_all(pool)
        .await?;
    let refunds = sqlx::query_as("SELECT status, count(*) FROM refunds GROUP BY status")
        .fetch_all(pool)
        .await?;
    Ok((orders, refunds))
}

#[derive(sqlx::FromRow)]
struct OrderRow {
    id: Uuid,
    user_id: Uuid,
    status: String,
    currency: String,
    subtotal_minor: i64,
    shipping_minor: i64,
    tax_minor: i64,
    tax_rate_bp: i32,
    total_minor: i64,
    shipping_address: Option<sqlx::types::Json<ShippingAddress>>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

#[derive(sqlx::FromRow)]
struct LineRow {
    order_id: Uuid,
    product_id: Uuid,
    product_name: String,
    sku: Option<String>,
    quantity: i32,
    unit_price_minor: i64,
}

pub(crate) fn corrupt(what: String) -> Error {
    Error::Internal(anyhow::anyhow!("stored order data is invalid: {what}"))
}

pub(crate) fn currency(code: &str) -> Result<Currency> {
    Currency::parse(code.trim()).map_err(|e| corrupt(format!("currency {code:?}: {e}")))
}

/// A page of orders: `filter` narrows, `after` is the id of the last order
/// of the previous page (ids are UUIDv7, so id order is time order).
#[derive(Debug, Clone, Default)]
pub struct OrderFilter {
    /// Only this customer's orders.
    pub user_id: Option<Uuid>,
    /// Only orders in these statuses (all when empty).
    pub statuses: Vec<OrderStatus>,
    /// Placed at or after.
    pub placed_from: Option<DateTime<Utc>>,
    /// Placed before.
    pub placed_before: Option<DateTime<Utc>>,
    /// The keyset cursor: orders older than this one.
    pub after: Option<Uuid>,
}

#[derive(Debug, Clone)]
/// All SQL against the `orders` schema.
pub struct OrderStore {
    db: Db,
}

const ORDER_COLUMNS: &str = "id, user_id, status, currency, subtotal_minor, shipping_minor, tax_minor, \
     tax_rate_bp, total_minor, shipping_address, created_at, updated_at";

impl OrderStore {
    /// A store over the service's pool.
    pub fn new(db: Db) -> Self {
        Self { db }
    }

    /// The statement-counting pool.
    pub fn db(&self) -> &Db {
        &self.db
    }

    /// Writes `event` to the outbox inside `tx`: it is published if and
    /// only if `tx` commits.
    pub async fn emit(&self, tx: &mut Transaction<'_, Postgres>, event: Event) -> Result<()> {
        platform::events::outbox::append(self.db.counted(&mut **tx), event).await?;
        Ok(())
    }

    /// Stores an order, its lines and its first timeline entry, inside `tx`.
    pub async fn insert_order(
        &self,
        tx: &mut Transaction<'_, Postgres>,
        order: &Order,
        actor: Actor,
        note: &str,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO orders (id, user_id, status, currency, subtotal_minor, shipping_minor, tax_minor, \
             tax_rate_bp, total_minor, shipping_address, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)",
        )
        .bind(order.id)
        .bind(order.user_id)
        .bind(order.status.as_str())
        .bind(order.total.currency.as_str())
        .bind(order.subtotal.amount_minor)
        .bind(order.shipping.amount_minor)
        .bind(order.tax.amount_minor)
        .bind(order.tax_rate_bp)
        .bind(order.total.amount_minor)
        .bind(order.shipping_address.as_ref().map(sqlx::types::Json))
        .bind(order.created_at)
        .execute(self.db.counted(&mut **tx))
        .await?;
        let line_numbers: Vec<i32> = (1..=order.lines.len() as i32).collect();
        let product_ids: Vec<Uuid> = order.lines.iter().map(|l| l.product_id).collect();
        let names: Vec<&str> = order
            .lines
            .iter()
            .map(|l| l.product_name.as_str())
            .collect();
        let skus: Vec<Option<&str>> = order.lines.iter().map(|l| l.sku.as_deref()).collect();
        let quantities: Vec<i32> = order.lines.iter().map(|l| l.quantity as i32).collect();
        let prices: Vec<i64> = order
            .lines
            .iter()
            .map(|l| l.unit_price.amount_minor)
            .collect();
        sqlx::query(
            "INSERT INTO order_lines (order_id, line_no, product_id, product_name, sku, quantity, unit_price_minor) \
             SELECT $1, * FROM UNNEST($2::int[], $3::uuid[], $4::text[], $5::text[], $6::int[], $7::bigint[])",
        )
        .bind(order.id)
        .bind(&line_numbers)
        .bind(&product_ids)
        .bind(&names)
        .bind(&skus)
        .bind(&quantities)
        .bind(&prices)
        .execute(self.db.counted(&mut **tx))
        .await?;
        self.append_event(tx, order.id, order.status, actor, note)
            .await
    }

    /// Moves an order from `from` to `to` inside `tx`, appending to its
    /// timeline. The caller has checked the move with the state machine; the
    /// `WHERE status = from` makes a concurrent move lose with a conflict.
    pub async fn change_status(
        &self,
        tx: &mut Transaction<'_, Postgres>,
        order_id: Uuid,
        from: OrderStatus,
        to: OrderStatus,
        actor: Actor,
        note: &str,
    ) -> Result<()> {
        let changed = sqlx::query(
            "UPDATE orders SET status = $3, updated_at = now() WHERE id = $1 AND status = $2",
        )
        .bind(order_id)
        .bind(from.as_str())
        .bind(to.as_str())
        .execute(self.db.counted(&mut **tx))
        .await?
        .rows_affected();
        if changed == 0 {
            return Err(Error::Conflict {
                message: format!(
                    "the order is no longer {}; reload it and try again",
                    from.as_str()
                ),
                retryable: true,
            });
        }
        self.append_event(tx, order_id, to, actor, note).await
    }

    async fn append_event(
        &self,
        tx: &mut Transaction<'_, Postgres>,
        order_id: Uuid,
        status: OrderStatus,
        actor: Actor,
        note: &str,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO order_events (order_id, status, actor_kind, actor_id, note) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(order_id)
        .bind(status.as_str())
        .bind(actor.kind.as_str())
        .bind(actor.user_id)
        .bind(note)
        .execute(self.db.counted(&mut **tx))
        .await?;
        Ok(())
    }

    /// The orders among `ids` that exist, with their lines (two statements).
    pub async fn by_ids(&self, ids: &[Uuid]) -> Result<Vec<Order>> {
        let rows = sqlx::query_as::<_, OrderRow>(&format!(
            "SELECT {ORDER_COLUMNS} FROM orders WHERE id = ANY($1)"
        ))
        .bind(ids)
        .fetch_all(self.db.exec())
        .await?;
        self.with_lines(rows).await
    }

    /// One order; `NOT_FOUND` when it does not exist.
    pub async fn by_id(&self, id: Uuid) -> Result<Order> {
        self.by_ids(&[id])
            .await?
            .into_iter()
            .next()
            .ok_or(Error::NotFound)
    }

    /// Up to `limit` orders matching `filter`, newest first, with their lines
    /// (two statements).
    pub async fn page(&self, filter: &OrderFilter, limit: i64) -> Result<Vec<Order>> {
        let statuses: Vec<&str> = filter.statuses.iter().map(|s| s.as_str()).collect();
        let rows = sqlx::query_as::<_, OrderRow>(&format!(
            "SELECT {ORDER_COLUMNS} FROM orders \
             WHERE ($1::uuid IS NULL OR user_id = $1) \
               AND (cardinality($2::text[]) = 0 OR status = ANY($2)) \
               AND ($3::timestamptz IS NULL OR created_at >= $3) \
               AND ($4::timestamptz IS NULL OR created_at < $4) \
               AND ($5::uuid IS NULL OR id < $5) \
             ORDER BY id DESC LIMIT $6"
        ))
        .bind(filter.user_id)
        .bind(&statuses)
        .bind(filter.placed_from)
        .bind(filter.placed_before)
        .bind(filter.after)
        .bind(limit)
        .fetch_all(self.db.exec())
        .await?;
        self.with_lines(rows).await
    }

    /// Whether `user_id` has a paid order containing `product_id`.
    pub async fn has_purchased(&self, user_id: Uuid, product_id: Uuid) -> Result<bool> {
        let statuses: Vec<&str> = OrderStatus::ALL
            .into_iter()
            .filter(|s| s.is_purchase())
            .map(|s| s.as_str())
            .collect();
        Ok(sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM orders o JOIN order_lines l ON l.order_id = o.id \
             WHERE o.user_id = $1 AND l.product_id = $2 AND o.status = ANY($3))",
        )
        .bind(user_id)
        .bind(product_id)
        .bind(&statuses)
        .fetch_one(self.db.exec())
        .await?)
    }

    async fn with_lines(&self, rows: Vec<OrderRow>) -> Result<Vec<Order>> {
        if rows.is_empty() {
            return Ok(Vec::new());
        }
        let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
        let line_rows = sqlx::query_as::<_, LineRow>(
            "SELECT order_id, product_id, product_name, sku, quantity, unit_price_minor FROM order_lines \
             WHERE order_id = ANY($1) ORDER BY order_id, line_no",
        )
        .bind(&ids)
        .fetch_all(self.db.exec())
        .await?;
        let mut lines: HashMap<Uuid, Vec<LineRow>> = HashMap::new();
        for line in line_rows {
            lines.entry(line.order_id).or_default().push(line);
        }
        rows.into_iter()
            .map(|row| {
                let currency = currency(&row.currency)?;
                let status = OrderStatus::parse(&row.status)
                    .ok_or_else(|| corrupt(format!("status {:?}", row.status)))?;
                let lines = lines
                    .remove(&row.id)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|l| OrderLine {
                        product_id: l.product_id,
                        product_name: l.product_name,
                        sku: l.sku,
                        quantity: l.quantity.into(),
                        unit_price: Money::from_minor(l.unit_price_minor, currency.clone()),
                    })
                    .collect();
                let money = |minor| Money::from_minor(minor, currency.clone());
                Ok(Order {
                    id: row.id,
                    user_id: row.user_id,
                    status,
                    lines,
                    subtotal: money(row.subtotal_minor),
                    shipping: money(row.shipping_minor),
                    tax: money(row.tax_minor),
                    tax_rate_bp: row.tax_rate_bp,
                    total: money(row.total_minor),
                    shipping_address: row.shipping_address.map(|a| a.0),
                    created_at: row.created_at,
                    updated_at: row.updated_at,
                })
            })
            .collect()
    }

    /// The timelines of `order_ids`, oldest entry first (one statement).
    pub async fn events(&self, order_ids: &[Uuid]) -> Result<Vec<OrderEvent>> {
        let rows: Vec<(Uuid, String, String, Option<Uuid>, String, DateTime<Utc>)> =
            sqlx::query_as(
                "SELECT order_id, status, actor_kind, actor_id, note, at FROM order_events \
                 WHERE order_id = ANY($1) ORDER BY order_id, id",
            )
            .bind(order_ids)
            .fetch_all(self.db.exec())
            .await?;
        rows.into_iter()
            .map(|(order_id, status, kind, actor_id, note, at)| {
                Ok(OrderEvent {
                    order_id,
                    status: OrderStatus::parse(&status)
                        .ok_or_else(|| corrupt(format!("event status {status:?}")))?,
                    actor: Actor {
                        kind: ActorKind::parse(&kind)
                            .ok_or_else(|| corrupt(format!("actor {kind:?}")))?,
                        user_id: actor_id,
                    },
                    note,
                    at,
                })
            })
            .collect()
    }

    /// Locks an order's row until `tx` ends and returns its status: every
    /// change of status, refund or return of one order happens in turn.
    pub async fn lock_order(
        &self,
        tx: &mut Transaction<'_, Postgres>,
        order_id: Uuid,
    ) -> Result<OrderStatus> {
        let status: String =
            sqlx::query_scalar("SELECT status FROM orders WHERE id = $1 FOR UPDATE")
                .bind(order_id)
                .fetch_optional(self.db.counted(&mut **tx))
                .await?
                .ok_or(Error::NotFound)?;
        OrderStatus::parse(&status).ok_or_else(|| corrupt(format!("status {status:?}")))
    }

    /// Orders delivered longer ago than `after` and not confirmed yet.
    pub async fn due_for_completion(&self, after: Duration) -> Result<Vec<Uuid>> {
        Ok(sqlx::query_scalar(
            "SELECT id FROM orders WHERE status = 'DELIVERED' \
             AND delivered_at < now() - make_interval(secs => $1) ORDER BY delivered_at LIMIT 100",
        )
        .bind(after.as_secs_f64())
        // The worker's poll is not counted: it belongs to no request.
        .fetch_all(self.db.pool())
        .await?)
    }

    /// When the order was delivered, if it was.
    pub async fn delivered_at(&self, order_id: Uuid) -> Result<Option<DateTime<Utc>>> {
        Ok(sqlx::query_scalar::<_, Option<DateTime<Utc>>>(
            "SELECT delivered_at FROM orders WHERE id = $1",
        )
        .bind(order_id)
        .fetch_optional(self.db.exec())
        .await?
        .flatten())
    }
}
