//! SQL for what happens after checkout: shipments, refunds' bookkeeping,
//! returns, and stock to put back.

use std::time::Duration;

use chrono::{DateTime, Utc};
use sqlx::{Postgres, Transaction};
use uuid::Uuid;

use super::{OrderStore, corrupt};
use crate::domain::{
    OrderStatus, ReturnLine, ReturnRequest, ReturnStatus, Shipment, ShipmentEvent, ShipmentStatus,
};
use crate::error::{Error, Result};

/// Stock waiting to be put back.
#[derive(Debug, Clone)]
pub struct PendingRestock {
    /// The idempotency key sent with `AdjustStock`.
    pub key: String,
    /// The order the stock comes back from.
    pub order_id: Uuid,
    /// The product restocked.
    pub product_id: Uuid,
    /// Units to put back.
    pub quantity: i64,
}

type ReturnRow = (
    Uuid,
    Uuid,
    String,
    String,
    sqlx::types::Json<Vec<ReturnLine>>,
    DateTime<Utc>,
);

fn return_request(
    (id, order_id, status, reason, lines, created_at): ReturnRow,
) -> Result<ReturnRequest> {
    Ok(ReturnRequest {
        id,
        order_id,
        status: ReturnStatus::parse(&status)
            .ok_or_else(|| corrupt(format!("return status {status:?}")))?,
        reason,
        lines: lines.0,
        created_at,
    })
}

impl OrderStore {
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

    /// Money captured on an order and not refunded yet (refunds still
    /// pending count as refunded), with the payment to refund from.
    pub async fn refundable(
        &self,
        tx: &mut Transaction<'_, Postgres>,
        order_id: Uuid,
    ) -> Result<Option<(Uuid, i64)>> {
        let row: Option<(Uuid, i64, i64)> = sqlx::query_as(
            "SELECT p.id, p.amount_minor, COALESCE((SELECT SUM(r.amount_minor) FROM refunds r \
             WHERE r.payment_id = p.id AND r.status <> 'FAILED'), 0)::bigint \
             FROM payments p WHERE p.order_id = $1 AND p.status = 'CAPTURED' ORDER BY p.created_at LIMIT 1",
        )
        .bind(order_id)
        .fetch_optional(self.db.counted(&mut **tx))
        .await?;
        Ok(row.map(|(payment, captured, refunded)| (payment, captured - refunded)))
    }

    /// Marks the order's shipment delivered.
    pub async fn set_delivered(
        &self,
        tx: &mut Transaction<'_, Postgres>,
        order_id: Uuid,
    ) -> Result<()> {
        sqlx::query("UPDATE orders SET delivered_at = now() WHERE id = $1")
            .bind(order_id)
            .execute(self.db.counted(&mut **tx))
            .await?;
        sqlx::query(
            "UPDATE shipments SET status = 'DELIVERED', delivered_at = now() WHERE order_id = $1",
        )
        .bind(order_id)
        .execute(self.db.counted(&mut **tx))
        .await?;
        Ok(())
    }

    /// Records a shipment.
    pub async fn insert_shipment(
        &self,
        tx: &mut Transaction<'_, Postgres>,
        order_id: Uuid,
        carrier: &str,
        tracking_number: &str,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO shipments (order_id, carrier, tracking_number, status) VALUES ($1, $2, $3, 'IN_TRANSIT')",
        )
        .bind(order_id)
        .bind(carrier)
        .bind(tracking_number)
        .execute(self.db.counted(&mut **tx))
        .await?;
        Ok(())
    }

    /// Adds a tracking event to a shipment.
    pub async fn add_shipment_event(
        &self,
        tx: &mut Transaction<'_, Postgres>,
        order_id: Uuid,
        status: &str,
        description: &str,
        location: Option<&str>,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO shipment_events (order_id, status, description, location) \
             SELECT $1, $2, $3, $4 WHERE EXISTS (SELECT 1 FROM shipments WHERE order_id = $1)",
        )
        .bind(order_id)
        .bind(status)
        .bind(description)
        .bind(location)
        .execute(self.db.counted(&mut **tx))
        .await?;
        Ok(())
    }

    /// Shipments of `order_ids` with their events (two statements).
    pub async fn shipments(&self, order_ids: &[Uuid]) -> Result<Vec<Shipment>> {
        let rows: Vec<(Uuid, String, String, String, DateTime<Utc>, Option<DateTime<Utc>>)> = sqlx::query_as(
            "SELECT order_id, carrier, tracking_number, status, shipped_at, delivered_at FROM shipments WHERE order_id = ANY($1)",
        )
        .bind(order_ids)
        .fetch_all(self.db.exec())
        .await?;
        if rows.is_empty() {
            return Ok(Vec::new());
        }
        let events: Vec<(Uuid, String, String, Option<String>, DateTime<Utc>)> = sqlx::query_as(
            "SELECT order_id, status, description, location, at FROM shipment_events WHERE order_id = ANY($1) ORDER BY id",
        )
        .bind(order_ids)
        .fetch_all(self.db.exec())
        .await?;
        Ok(rows
            .into_iter()
            .map(
                |(order_id, carrier, tracking_number, status, shipped_at, delivered_at)| Shipment {
                    order_id,
                    carrier,
                    tracking_number,
                    status: if status == "DELIVERED" {
                        ShipmentStatus::Delivered
                    } else {
                        ShipmentStatus::InTransit
                    },
                    shipped_at,
                    delivered_at,
                    events: events
                        .iter()
                        .filter(|e| e.0 == order_id)
                        .map(|(_, status, description, location, at)| ShipmentEvent {
                            status: status.clone(),
                            description: description.clone(),
                            location: location.clone(),
                            at: *at,
                        })
                        .collect(),
                },
            )
            .collect())
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

    /// Queues stock to put back, inside `tx`.
    pub async fn queue_restock(
        &self,
        tx: &mut Transaction<'_, Postgres>,
        key: &str,
        order_id: Uuid,
        product_id: Uuid,
        quantity: i64,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO stock_returns (idempotency_key, order_id, product_id, quantity) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (idempotency_key) DO NOTHING",
        )
        .bind(key)
        .bind(order_id)
        .bind(product_id)
        .bind(quantity as i32)
        .execute(self.db.counted(&mut **tx))
        .await?;
        Ok(())
    }

    /// Stock still to put back: of one order, or of all when `None`.
    pub async fn pending_restocks(&self, order_id: Option<Uuid>) -> Result<Vec<PendingRestock>> {
        let rows: Vec<(String, Uuid, Uuid, i32)> = sqlx::query_as(
            "SELECT idempotency_key, order_id, product_id, quantity FROM stock_returns \
             WHERE done_at IS NULL AND ($1::uuid IS NULL OR order_id = $1) ORDER BY created_at LIMIT 200",
        )
        .bind(order_id)
        // Also the worker's poll: not counted.
        .fetch_all(self.db.pool())
        .await?;
        Ok(rows
            .into_iter()
            .map(|(key, order_id, product_id, quantity)| PendingRestock {
                key,
                order_id,
                product_id,
                quantity: quantity.into(),
            })
            .collect())
    }

    /// Marks a queued restock as done.
    pub async fn restock_done(&self, key: &str) -> Result<()> {
        sqlx::query("UPDATE stock_returns SET done_at = now() WHERE idempotency_key = $1")
            .bind(key)
            .execute(self.db.exec())
            .await?;
        Ok(())
    }

    /// Records a return request.
    pub async fn insert_return(
        &self,
        tx: &mut Transaction<'_, Postgres>,
        request: &ReturnRequest,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO returns (id, order_id, status, reason, lines, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(request.id)
        .bind(request.order_id)
        .bind(request.status.as_str())
        .bind(&request.reason)
        .bind(sqlx::types::Json(&request.lines))
        .bind(request.created_at)
        .execute(self.db.counted(&mut **tx))
        .await?;
        Ok(())
    }

    /// Returns of `order_ids`, oldest first (one statement).
    pub async fn returns(&self, order_ids: &[Uuid]) -> Result<Vec<ReturnRequest>> {
        let rows: Vec<ReturnRow> = sqlx::query_as(
            "SELECT id, order_id, status, reason, lines, created_at FROM returns WHERE order_id = ANY($1) ORDER BY created_at, id",
        )
        .bind(order_ids)
        .fetch_all(self.db.exec())
        .await?;
        rows.into_iter().map(return_request).collect()
    }

    /// One return; `NOT_FOUND` when it does not exist.
    pub async fn return_by_id(&self, id: Uuid) -> Result<ReturnRequest> {
        let row: Option<ReturnRow> = sqlx::query_as(
            "SELECT id, order_id, status, reason, lines, created_at FROM returns WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(self.db.exec())
        .await?;
        return_request(row.ok_or(Error::Missing {
            what: "return",
            field: "returnId",
        })?)
    }

    /// Moves a return from `from` to `to` inside `tx`; false when it was no
    /// longer `from`.
    pub async fn set_return_status(
        &self,
        tx: &mut Transaction<'_, Postgres>,
        id: Uuid,
        from: ReturnStatus,
        to: ReturnStatus,
    ) -> Result<bool> {
        Ok(sqlx::query("UPDATE returns SET status = $3, updated_at = clock_timestamp() WHERE id = $1 AND status = $2")
            .bind(id)
            .bind(from.as_str())
            .bind(to.as_str())
            .execute(self.db.counted(&mut **tx))
            .await?
            .rows_affected()
            == 1)
    }
}
