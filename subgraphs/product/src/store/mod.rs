//! PostgreSQL access for the `products` schema. All SQL of the service is here.

use chrono::{DateTime, Utc};
use platform::db::Db;
use platform::money::{Currency, Money};
use uuid::Uuid;

use crate::domain::{NewProduct, Product};
use crate::error::{Error, Result};

/// Runs this service's migrations from `migrations/product/`.
pub async fn migrate(pool: &sqlx::PgPool) -> anyhow::Result<()> {
    sqlx::migrate!("../../migrations/product").run(pool).await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct ProductRow {
    id: Uuid,
    name: String,
    description: String,
    price_minor: i64,
    currency: String,
    stock: i32,
    created_at: DateTime<Utc>,
}

impl TryFrom<ProductRow> for Product {
    type Error = Error;

    fn try_from(row: ProductRow) -> Result<Self> {
        let currency = Currency::parse(&row.currency).map_err(|e| Error::Internal(anyhow::anyhow!("stored currency {:?}: {e}", row.currency)))?;
        Ok(Product {
            id: row.id,
            name: row.name,
            description: row.description,
            price: Money::from_minor(row.price_minor, currency),
            stock: row.stock.into(),
            created_at: row.created_at,
        })
    }
}

fn products(rows: Vec<ProductRow>) -> Result<Vec<Product>> {
    rows.into_iter().map(Product::try_from).collect()
}

const COLUMNS: &str = "id, name, description, price_minor, currency, stock, created_at";

#[derive(Debug, Clone)]
pub struct ProductStore {
    db: Db,
}

impl ProductStore {
    pub fn new(db: Db) -> Self {
        Self { db }
    }

    pub async fn insert(&self, id: Uuid, product: &NewProduct, created_by: Option<Uuid>) -> Result<Product> {
        let row = sqlx::query_as::<_, ProductRow>(&format!(
            "INSERT INTO products (id, name, description, price_minor, currency, stock, created_by) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) \
             ON CONFLICT (id) DO NOTHING RETURNING {COLUMNS}"
        ))
        .bind(id)
        .bind(&product.name)
        .bind(&product.description)
        .bind(product.price.amount_minor)
        .bind(product.price.currency.as_str())
        .bind(i32::try_from(product.stock).map_err(|_| Error::invalid("stock", "stock is too large"))?)
        .bind(created_by)
        .fetch_optional(self.db.exec())
        .await?;
        row.ok_or_else(|| Error::Internal(anyhow::anyhow!("product id {id} already exists")))?.try_into()
    }

    /// The products among `ids` that exist, in one statement.
    pub async fn by_ids(&self, ids: &[Uuid]) -> Result<Vec<Product>> {
        let rows = sqlx::query_as::<_, ProductRow>(&format!("SELECT {COLUMNS} FROM products WHERE id = ANY($1)"))
            .bind(ids)
            .fetch_all(self.db.exec())
            .await?;
        products(rows)
    }

    /// Up to `limit` products, newest first, strictly after the product `after`
    /// in that order.
    pub async fn page(&self, after: Option<Uuid>, limit: i64) -> Result<Vec<Product>> {
        let rows = sqlx::query_as::<_, ProductRow>(&format!(
            "SELECT {COLUMNS} FROM products WHERE ($1::uuid IS NULL OR id < $1) ORDER BY id DESC LIMIT $2"
        ))
        .bind(after)
        .bind(limit)
        .fetch_all(self.db.exec())
        .await?;
        products(rows)
    }

    pub async fn count(&self) -> Result<i64> {
        Ok(sqlx::query_scalar("SELECT count(*) FROM products").fetch_one(self.db.exec()).await?)
    }

    /// `(id, stock)` of the products among `ids` that exist.
    pub async fn stock_levels(&self, ids: &[Uuid]) -> Result<Vec<(Uuid, i64)>> {
        let rows: Vec<(Uuid, i32)> = sqlx::query_as("SELECT id, stock FROM products WHERE id = ANY($1)")
            .bind(ids)
            .fetch_all(self.db.exec())
            .await?;
        Ok(rows.into_iter().map(|(id, stock)| (id, stock.into())).collect())
    }
}
