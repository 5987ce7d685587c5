//! PostgreSQL access for the `orders` schema. All SQL of the service is here.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use platform::db::Db;
use platform::money::{Currency, Money};
use uuid::Uuid;

use crate::domain::{Order, OrderLine, OrderStatus};
use crate::error::{Error, Result};

/// Runs this service's migrations from `migrations/order/`.
pub async fn migrate(pool: &sqlx::PgPool) -> anyhow::Result<()> {
    sqlx::migrate!("../../migrations/order").run(pool).await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct OrderRow {
    id: Uuid,
    user_id: Uuid,
    status: String,
    currency: String,
    total_minor: i64,
    created_at: DateTime<Utc>,
}

#[derive(sqlx::FromRow)]
struct LineRow {
    order_id: Uuid,
    product_id: Uuid,
    product_name: String,
    quantity: i32,
    unit_price_minor: i64,
}

fn corrupt(what: String) -> Error {
    Error::Internal(anyhow::anyhow!("stored order data is invalid: {what}"))
}

#[derive(Debug, Clone)]
pub struct OrderStore {
    db: Db,
}

const ORDER_COLUMNS: &str = "id, user_id, status, currency, total_minor, created_at";

impl OrderStore {
    pub fn new(db: Db) -> Self {
        Self { db }
    }

    /// Stores an order and its lines atomically.
    pub async fn insert(&self, order: &Order) -> Result<()> {
        let mut tx = self.db.pool().begin().await?;
        sqlx::query("INSERT INTO orders (id, user_id, status, currency, total_minor, created_at) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(order.id)
            .bind(order.user_id)
            .bind(order.status.as_str())
            .bind(order.total.currency.as_str())
            .bind(order.total.amount_minor)
            .bind(order.created_at)
            .execute(self.db.counted(&mut *tx))
            .await?;
        let line_numbers: Vec<i32> = (1..=order.lines.len() as i32).collect();
        let product_ids: Vec<Uuid> = order.lines.iter().map(|l| l.product_id).collect();
        let names: Vec<&str> = order
            .lines
            .iter()
            .map(|l| l.product_name.as_str())
            .collect();
        let quantities: Vec<i32> = order.lines.iter().map(|l| l.quantity as i32).collect();
        let prices: Vec<i64> = order
            .lines
            .iter()
            .map(|l| l.unit_price.amount_minor)
            .collect();
        sqlx::query(
            "INSERT INTO order_lines (order_id, line_no, product_id, product_name, quantity, unit_price_minor) \
             SELECT $1, * FROM UNNEST($2::int[], $3::uuid[], $4::text[], $5::int[], $6::bigint[])",
        )
        .bind(order.id)
        .bind(&line_numbers)
        .bind(&product_ids)
        .bind(&names)
        .bind(&quantities)
        .bind(&prices)
        .execute(self.db.counted(&mut *tx))
        .await?;
        tx.commit().await?;
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

    /// Every order of each user in `user_ids`, newest first (two statements).
    pub async fn for_users(&self, user_ids: &[Uuid]) -> Result<Vec<Order>> {
        let rows = sqlx::query_as::<_, OrderRow>(&format!(
            "SELECT {ORDER_COLUMNS} FROM orders WHERE user_id = ANY($1) ORDER BY id DESC"
        ))
        .bind(user_ids)
        .fetch_all(self.db.exec())
        .await?;
        self.with_lines(rows).await
    }

    /// Whether `user_id` has an order containing `product_id`.
    pub async fn has_purchased(&self, user_id: Uuid, product_id: Uuid) -> Result<bool> {
        Ok(sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM orders o JOIN order_lines l ON l.order_id = o.id \
             WHERE o.user_id = $1 AND l.product_id = $2 AND o.status = 'PLACED')",
        )
        .bind(user_id)
        .bind(product_id)
        .fetch_one(self.db.exec())
        .await?)
    }

    async fn with_lines(&self, rows: Vec<OrderRow>) -> Result<Vec<Order>> {
        if rows.is_empty() {
            return Ok(Vec::new());
        }
        let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
        let line_rows = sqlx::query_as::<_, LineRow>(
            "SELECT order_id, product_id, product_name, quantity, unit_price_minor FROM order_lines \
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
                let currency = Currency::parse(&row.currency)
                    .map_err(|e| corrupt(format!("currency {:?}: {e}", row.currency)))?;
                let status = OrderStatus::parse(&row.status)
                    .ok_or_else(|| corrupt(format!("status {:?}", row.status)))?;
                let lines = lines
                    .remove(&row.id)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|l| OrderLine {
                        product_id: l.product_id,
                        product_name: l.product_name,
                        quantity: l.quantity.into(),
                        unit_price: Money::from_minor(l.unit_price_minor, currency.clone()),
                    })
                    .collect();
                Ok(Order {
                    id: row.id,
                    user_id: row.user_id,
                    status,
                    lines,
                    total: Money::from_minor(row.total_minor, currency),
                    created_at: row.created_at,
                })
            })
            .collect()
    }
}
