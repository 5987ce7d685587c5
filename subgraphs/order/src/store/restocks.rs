//! Stock waiting to go back to the product service, queued in the
//! transaction that decided it and sent with an idempotency key.

use sqlx::{Postgres, Transaction};
use uuid::Uuid;

use super::OrderStore;
use crate::error::Result;

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

impl OrderStore {
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
}
