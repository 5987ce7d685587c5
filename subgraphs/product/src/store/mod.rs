//! PostgreSQL access for the `products` schema. All SQL of the service is here.

mod cache;
mod categories;
mod index;
mod purchases;
mod reviews;
mod search;

pub use cache::ProductCache;
pub use index::{FOLLOW_INTERVAL, SearchIndex};
pub use reviews::ReviewPageRequest;
pub use search::{
    COUNT_LIMIT, FACET_LIMIT, Facets, ListCursor, ListedPage, MatchCount, PriceBucketCount,
};

use chrono::{DateTime, Utc};
use platform::db::Db;
use platform::events::{Event, outbox};
use platform::money::{Currency, Money};
use uuid::Uuid;

use crate::domain::{
    Image, MAX_STOCK, MovementReason, NewProduct, Product, ProductDetails, ProductStatus, Rating,
    Reservation, ReservationStatus, Shortage, StockMovement, reached_low_stock, stock_low,
};
use platform::error::is_constraint_violation;

use crate::error::{Error, Result};

/// This service's migrations, from `migrations/product/` (readiness checks that
/// every one is applied).
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../../migrations/product");

/// Runs this service's migrations from `migrations/product/`.
pub async fn migrate(pool: &sqlx::PgPool) -> anyhow::Result<()> {
    platform::db::migrate(pool, &MIGRATOR).await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct ProductRow {
    id: Uuid,
    name: String,
    description: String,
    price_minor: i64,
    currency: String,
    on_hand: i32,
    reserved: i32,
    low_stock_threshold: i32,
    slug: String,
    brand: Option<String>,
    sku: Option<String>,
    compare_at_minor: Option<i64>,
    images: sqlx::types::Json<Vec<Image>>,
    weight_grams: i32,
    status: String,
    deleted_at: Option<DateTime<Utc>>,
    updated_at: DateTime<Utc>,
    created_at: DateTime<Utc>,
    attributes: sqlx::types::Json<crate::domain::Attributes>,
    rating_count: i32,
    rating_sum: i64,
}

impl TryFrom<ProductRow> for Product {
    type Error = Error;

    fn try_from(row: ProductRow) -> Result<Self> {
        let currency = Currency::parse(&row.currency).map_err(|e| {
            Error::Internal(anyhow::anyhow!("stored currency {:?}: {e}", row.currency))
        })?;
        let status = ProductStatus::parse(&row.status).ok_or_else(|| {
            Error::Internal(anyhow::anyhow!("stored product status {:?}", row.status))
        })?;
        Ok(Product {
            id: row.id,
            name: row.name,
            description: row.description,
            details: ProductDetails {
                slug: row.slug,
                slug_generated: false,
                brand: row.brand,
                sku: row.sku,
                compare_at_minor: row.compare_at_minor,
                images: row.images.0,
                weight_grams: row.weight_grams.into(),
                attributes: row.attributes.0,
            },
            status,
            deleted_at: row.deleted_at,
            updated_at: row.updated_at,
            price: Money::from_minor(row.price_minor, currency),
            on_hand: row.on_hand.into(),
            reserved: row.reserved.into(),
            low_stock_threshold: row.low_stock_threshold.into(),
            created_at: row.created_at,
            rating: Rating {
                count: row.rating_count.into(),
                sum: row.rating_sum,
            },
        })
    }
}

fn to_i32(quantity: i64) -> Result<i32> {
    i32::try_from(quantity).map_err(|_| Error::invalid("quantity", "quantity is too large"))
}

fn parse_status(status: &str) -> Result<ReservationStatus> {
    ReservationStatus::parse(status)
        .ok_or_else(|| Error::Internal(anyhow::anyhow!("stored reservation status {status:?}")))
}

fn products(rows: Vec<ProductRow>) -> Result<Vec<Product>> {
    rows.into_iter().map(Product::try_from).collect()
}

const COLUMNS: &str = "id, name, description, price_minor, currency, on_hand, reserved, low_stock_threshold, \
     slug, brand, sku, compare_at_minor, images, weight_grams, status, deleted_at, updated_at, created_at, \
     attributes, rating_count, rating_sum";

/// Maps the unique indexes on slug and SKU to conflicts.
fn unique_violation(err: sqlx::Error) -> Error {
    if is_constraint_violation(&err, "products_slug_key") {
        Error::Conflict {
            field: "slug",
            message: "another product has this slug".into(),
        }
    } else if is_constraint_violation(&err, "products_sku_key") {
        Error::Conflict {
            field: "sku",
            message: "another product has this SKU".into(),
        }
    } else {
        err.into()
    }
}

#[derive(Debug, Clone)]
/// All SQL against the `products` schema.
pub struct ProductStore {
    db: Db,
}

/// `options` with what the catalog's statements expect of a session: the
/// trigram threshold the misspelling search's index lookup uses.
pub fn connect_options(
    options: sqlx::postgres::PgConnectOptions,
) -> sqlx::postgres::PgConnectOptions {
    options.options([(
        "pg_trgm.word_similarity_threshold",
        search::FUZZY_THRESHOLD_SETTING,
    )])
}

impl ProductStore {
    /// A store over the service's pool.
    pub fn new(db: Db) -> Self {
        Self { db }
    }

    /// Inserts a product with its opening stock.
    pub async fn insert(
        &self,
        id: Uuid,
        product: &NewProduct,
        created_by: Option<Uuid>,
    ) -> Result<Product> {
        let row = sqlx::query_as::<_, ProductRow>(&format!(
            "INSERT INTO products (id, name, description, price_minor, currency, on_hand, created_by, low_stock_threshold, \
               slug, brand, sku, compare_at_minor, images, weight_grams, status, attributes) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) \
             ON CONFLICT (id) DO NOTHING RETURNING {COLUMNS}"
        ))
        .bind(id)
        .bind(&product.name)
        .bind(&product.description)
        .bind(product.price.amount_minor)
        .bind(product.price.currency.as_str())
        .bind(i32::try_from(product.stock).map_err(|_| Error::invalid("stock", "stock is too large"))?)
        .bind(created_by)
        .bind(to_i32(product.low_stock_threshold)?)
        .bind(&product.details.slug)
        .bind(&product.details.brand)
        .bind(&product.details.sku)
        .bind(product.details.compare_at_minor)
        .bind(sqlx::types::Json(&product.details.images))
        .bind(to_i32(product.details.weight_grams)?)
        .bind(product.status.as_str())
        .bind(sqlx::types::Json(&product.details.attributes))
        .fetch_optional(self.db.exec())
        .await
        .map_err(unique_violation)?;
        row.ok_or_else(|| Error::Internal(anyhow::anyhow!("product id {id} already exists")))?
            .try_into()
    }

    /// Inserts many active products in one statement (demo data); ids that
    /// exist already are skipped. Returns how many were inserted.
    pub async fn insert_many(&self, products: &[(Uuid, NewProduct)]) -> Result<u64> {
        let ids: Vec<Uuid> = products.iter().map(|(id, _)| *id).collect();
        let text =
            |f: fn(&NewProduct) -> String| products.iter().map(|(_, p)| f(p)).collect::<Vec<_>>();
        let inserted = sqlx::query(
            "INSERT INTO products (id, name, description, price_minor, currency, on_hand, slug, brand, weight_grams, attributes, low_stock_threshold) \
             SELECT * FROM UNNEST($1::uuid[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::int[], $7::text[], $8::text[], $9::int[], $10::jsonb[], $11::int[]) \
             ON CONFLICT DO NOTHING",
        )
        .bind(&ids)
        .bind(text(|p| p.name.clone()))
        .bind(text(|p| p.description.clone()))
        .bind(products.iter().map(|(_, p)| p.price.amount_minor).collect::<Vec<_>>())
        .bind(text(|p| p.price.currency.to_string()))
        .bind(products.iter().map(|(_, p)| to_i32(p.stock)).collect::<Result<Vec<_>>>()?)
        .bind(text(|p| p.details.slug.clone()))
        .bind(products.iter().map(|(_, p)| p.details.brand.clone()).collect::<Vec<_>>())
        .bind(products.iter().map(|(_, p)| to_i32(p.details.weight_grams)).collect::<Result<Vec<_>>>()?)
        .bind(products.iter().map(|(_, p)| sqlx::types::Json(p.details.attributes.clone())).collect::<Vec<_>>())
        .bind(products.iter().map(|(_, p)| to_i32(p.low_stock_threshold)).collect::<Result<Vec<_>>>()?)
        .execute(self.db.exec())
        .await
        .map_err(unique_violation)?;
        Ok(inserted.rows_affected())
    }

    /// How many products have an id in `from..to` (demo data: how much of
    /// the generated catalog exists). One statement.
    pub async fn count_in_id_range(&self, from: Uuid, to: Uuid) -> Result<i64> {
        Ok(
            sqlx::query_scalar("SELECT count(*) FROM products WHERE id >= $1 AND id < $2")
                .bind(from)
                .bind(to)
                .fetch_one(self.db.exec())
                .await?,
        )
    }

    /// Refreshes the planner's statistics of the catalog tables, after a
    /// bulk load.
    pub async fn analyze(&self) -> Result<()> {
        sqlx::query("ANALYZE products, product_categories, categories, reviews")
            .execute(self.db.exec())
            .await?;
        Ok(())
    }

    /// Adds `(product, category)` pairs in one statement (demo data).
    pub async fn add_product_categories(&self, pairs: &[(Uuid, Uuid)]) -> Result<()> {
        sqlx::query("INSERT INTO product_categories (product_id, category_id) SELECT * FROM UNNEST($1::uuid[], $2::uuid[]) ON CONFLICT DO NOTHING")
            .bind(pairs.iter().map(|p| p.0).collect::<Vec<_>>())
            .bind(pairs.iter().map(|p| p.1).collect::<Vec<_>>())
            .execute(self.db.exec())
            .await?;
        Ok(())
    }

    /// The products among `ids` that exist, in one statement.
    pub async fn by_ids(&self, ids: &[Uuid]) -> Result<Vec<Product>> {
        let rows = sqlx::query_as::<_, ProductRow>(&format!(
            "SELECT {COLUMNS} FROM products WHERE id = ANY($1)"
        ))
        .bind(ids)
        .fetch_all(self.db.exec())
        .await?;
        products(rows)
    }

    /// Replaces the editable fields of a product, and writes `event` (its
    /// price change, if any) in the same transaction.
    pub async fn update(
        &self,
        id: Uuid,
        product: &NewProduct,
        event: impl FnOnce(&Product) -> Option<Event>,
    ) -> Result<Product> {
        let mut tx = self.db.begin().await?;
        let row = sqlx::query_as::<_, ProductRow>(&format!(
            "UPDATE products SET name = $2, description = $3, price_minor = $4, currency = $5, low_stock_threshold = $6, \
               slug = $7, brand = $8, sku = $9, compare_at_minor = $10, images = $11, weight_grams = $12, status = $13, attributes = $14, updated_at = now() \
             WHERE id = $1 AND deleted_at IS NULL RETURNING {COLUMNS}"
        ))
        .bind(id)
        .bind(&product.name)
        .bind(&product.description)
        .bind(product.price.amount_minor)
        .bind(product.price.currency.as_str())
        .bind(to_i32(product.low_stock_threshold)?)
        .bind(&product.details.slug)
        .bind(&product.details.brand)
        .bind(&product.details.sku)
        .bind(product.details.compare_at_minor)
        .bind(sqlx::types::Json(&product.details.images))
        .bind(to_i32(product.details.weight_grams)?)
        .bind(product.status.as_str())
        .bind(sqlx::types::Json(&product.details.attributes))
        .fetch_optional(self.db.counted(&mut *tx))
        .await
        .map_err(unique_violation)?;
        let updated = Product::try_from(row.ok_or(Error::NotFound)?)?;
        if let Some(event) = event(&updated) {
            outbox::append(self.db.counted(&mut *tx), event).await?;
        }
        tx.commit().await?;
        Ok(updated)
    }

    /// Soft-deletes a product: it disappears from listings and cannot be
    /// bought, but orders that name it still resolve it.
    pub async fn soft_delete(&self, id: Uuid) -> Result<bool> {
        let deleted = sqlx::query("UPDATE products SET deleted_at = now(), updated_at = now() WHERE id = $1 AND deleted_at IS NULL")
            .bind(id)
            .execute(self.db.exec())
            .await?;
        Ok(deleted.rows_affected() == 1)
    }

    /// `(id, available)` of the products among `ids` that exist.
    pub async fn stock_levels(&self, ids: &[Uuid]) -> Result<Vec<(Uuid, i64)>> {
        // Only products on sale count: the rest cannot be bought.
        let rows: Vec<(Uuid, i32)> = sqlx::query_as("SELECT id, on_hand - reserved FROM products WHERE id = ANY($1) AND status = 'ACTIVE' AND deleted_at IS NULL")
            .bind(ids)
            .fetch_all(self.db.exec())
            .await?;
        Ok(rows
            .into_iter()
            .map(|(id, available)| (id, available.into()))
            .collect())
    }

    /// Holds stock for every line or for none, in one transaction. `lines`
    /// must be sorted by product id (see [`crate::domain::reservation_lines`]):
    /// each line is one conditional UPDATE, taken in that order, so
    /// concurrent reservations lock rows in the same order and cannot
    /// deadlock. A replay of the same id returns the stored reservation.
    pub async fn reserve(
        &self,
        id: Uuid,
        lines: &[(Uuid, i64)],
        ttl_secs: u32,
    ) -> Result<Reservation> {
        let mut tx = self.db.begin().await?;
        // A concurrent request with the same id waits here for the first one
        // to commit or roll back, so at most one of them holds stock.
        let created: Option<DateTime<Utc>> = sqlx::query_scalar(
            "INSERT INTO reservations (id, status, expires_at) VALUES ($1, 'HELD', now() + make_interval(secs => $2)) \
             ON CONFLICT (id) DO NOTHING RETURNING expires_at",
        )
        .bind(id)
        .bind(f64::from(ttl_secs))
        .fetch_optional(self.db.counted(&mut *tx))
        .await?;
        let Some(expires_at) = created else {
            tx.rollback().await?;
            let existing = self
                .reservation(id)
                .await?
                .ok_or_else(|| Error::Internal(anyhow::anyhow!("reservation {id} vanished")))?;
            return if existing.lines == lines {
                Ok(existing)
            } else {
                Err(Error::ReservationConflict(id))
            };
        };
        for (product_id, quantity) in lines {
            let held: Option<(i32, i32, String, Option<String>)> = sqlx::query_as(
                "UPDATE products SET reserved = reserved + $2, updated_at = now() \
                 WHERE id = $1 AND on_hand - reserved >= $2 AND status = 'ACTIVE' AND deleted_at IS NULL \
                 RETURNING on_hand - reserved, low_stock_threshold, name, sku",
            )
            .bind(product_id)
            .bind(to_i32(*quantity)?)
            .fetch_optional(self.db.counted(&mut *tx))
            .await?;
            let Some((available, threshold, name, sku)) = held else {
                tx.rollback().await?;
                return Err(self.shortage(lines).await?);
            };
            let (available, threshold) = (i64::from(available), i64::from(threshold));
            if reached_low_stock(available + quantity, available, threshold) {
                let event = stock_low(*product_id, &name, sku.as_deref(), available, threshold);
                outbox::append(self.db.counted(&mut *tx), event).await?;
            }
        }
        self.insert_lines(&mut tx, id, lines).await?;
        tx.commit().await?;
        Ok(Reservation {
            id,
            status: ReservationStatus::Held,
            expires_at: Some(expires_at),
            lines: lines.to_vec(),
        })
    }

    /// Why `lines` could not be reserved: an unknown product, or the short ones.
    async fn shortage(&self, lines: &[(Uuid, i64)]) -> Result<Error> {
        let ids: Vec<Uuid> = lines.iter().map(|(id, _)| *id).collect();
        let levels: std::collections::HashMap<Uuid, i64> =
            self.stock_levels(&ids).await?.into_iter().collect();
        if let Some((missing, _)) = lines.iter().find(|(id, _)| !levels.contains_key(id)) {
            return Ok(Error::UnknownProduct(*missing));
        }
        Ok(Error::InsufficientStock(
            lines
                .iter()
                .filter(|(id, quantity)| levels[id] < *quantity)
                .map(|(id, quantity)| Shortage {
                    product_id: *id,
                    requested: *quantity,
                    available: levels[id].max(0),
                })
                .collect(),
        ))
    }

    async fn insert_lines(
        &self,
        tx: &mut sqlx::PgConnection,
        id: Uuid,
        lines: &[(Uuid, i64)],
    ) -> Result<()> {
        let products: Vec<Uuid> = lines.iter().map(|(p, _)| *p).collect();
        let quantities = lines
            .iter()
            .map(|(_, q)| to_i32(*q))
            .collect::<Result<Vec<i32>>>()?;
        sqlx::query("INSERT INTO reservation_lines (reservation_id, product_id, quantity) SELECT $1, * FROM UNNEST($2::uuid[], $3::int[])")
            .bind(id)
            .bind(&products)
            .bind(&quantities)
            .execute(self.db.counted(tx))
            .await?;
        Ok(())
    }

    /// A reservation and its lines, if it exists.
    pub async fn reservation(&self, id: Uuid) -> Result<Option<Reservation>> {
        let row: Option<(String, DateTime<Utc>)> =
            sqlx::query_as("SELECT status, expires_at FROM reservations WHERE id = $1")
                .bind(id)
                .fetch_optional(self.db.exec())
                .await?;
        let Some((status, expires_at)) = row else {
            return Ok(None);
        };
        let lines: Vec<(Uuid, i32)> = sqlx::query_as("SELECT product_id, quantity FROM reservation_lines WHERE reservation_id = $1 ORDER BY product_id")
            .bind(id)
            .fetch_all(self.db.exec())
            .await?;
        Ok(Some(Reservation {
            id,
            status: parse_status(&status)?,
            expires_at: Some(expires_at),
            lines: lines.into_iter().map(|(p, q)| (p, q.into())).collect(),
        }))
    }

    /// Moves a held reservation to `target`: committing sells the stock,
    /// releasing gives it back. Already in `target` is a no-op. A held
    /// reservation past its expiry is released instead, and committing it
    /// then fails with [`Error::ReservationClosed`].
    pub async fn settle(&self, id: Uuid, target: ReservationStatus) -> Result<Reservation> {
        Ok(self.settle_changed(id, target).await?.0)
    }

    /// As [`ProductStore::settle`], also saying whether this call moved the
    /// reservation (false when it was already in `target`, or unknown): of
    /// two replicas' sweepers that race for one expired hold, one releases
    /// it and the other finds it released.
    pub async fn settle_changed(
        &self,
        id: Uuid,
        target: ReservationStatus,
    ) -> Result<(Reservation, bool)> {
        let mut tx = self.db.begin().await?;
        let row: Option<(String, DateTime<Utc>, bool)> =
            sqlx::query_as("SELECT status, expires_at, expires_at < now() FROM reservations WHERE id = $1 FOR UPDATE")
                .bind(id)
                .fetch_optional(self.db.counted(&mut *tx))
                .await?;
        let Some((status, expires_at, expired)) = row else {
            tx.rollback().await?;
            return match target {
                ReservationStatus::Released => Ok((
                    Reservation {
                        id,
                        status: ReservationStatus::Released,
                        expires_at: None,
                        lines: Vec::new(),
                    },
                    false,
                )),
                _ => Err(Error::UnknownReservation(id)),
            };
        };
        let status = parse_status(&status)?;
        let lines: Vec<(Uuid, i32)> =
            sqlx::query_as("SELECT product_id, quantity FROM reservation_lines WHERE reservation_id = $1 ORDER BY product_id")
                .bind(id)
                .fetch_all(self.db.counted(&mut *tx))
                .await?;
        let reservation = |status| Reservation {
            id,
            status,
            expires_at: Some(expires_at),
            lines: lines.iter().map(|(p, q)| (*p, i64::from(*q))).collect(),
        };
        match (status, target) {
            (current, wanted) if current == wanted => {
                tx.rollback().await?;
                return Ok((reservation(current), false));
            }
            (ReservationStatus::Held, _) => {}
            (ReservationStatus::Committed, _) => {
                tx.rollback().await?;
                return Err(Error::ReservationClosed(id, "already committed"));
            }
            (ReservationStatus::Released, _) => {
                tx.rollback().await?;
                return Err(Error::ReservationClosed(id, "released"));
            }
        }
        let outcome = if target == ReservationStatus::Committed && expired {
            ReservationStatus::Released
        } else {
            target
        };
        for (product_id, quantity) in &lines {
            if outcome == ReservationStatus::Committed {
                let on_hand: i32 = sqlx::query_scalar(
                    "UPDATE products SET on_hand = on_hand - $2, reserved = reserved - $2, units_sold = units_sold + $2, updated_at = now() WHERE id = $1 RETURNING on_hand",
                )
                .bind(product_id)
                .bind(quantity)
                .fetch_one(self.db.counted(&mut *tx))
                .await?;
                Self::record_movement(
                    &self.db,
                    &mut tx,
                    *product_id,
                    -i64::from(*quantity),
                    MovementReason::Sale,
                    None,
                    None,
                    Some(id),
                    on_hand,
                )
                .await?;
            } else {
                sqlx::query("UPDATE products SET reserved = reserved - $2, updated_at = now() WHERE id = $1")
                    .bind(product_id)
                    .bind(quantity)
                    .execute(self.db.counted(&mut *tx))
                    .await?;
            }
        }
        sqlx::query("UPDATE reservations SET status = $2, updated_at = now() WHERE id = $1")
            .bind(id)
            .bind(outcome.as_str())
            .execute(self.db.counted(&mut *tx))
            .await?;
        tx.commit().await?;
        if outcome != target {
            return Err(Error::ReservationClosed(id, "expired"));
        }
        Ok((reservation(outcome), true))
    }

    /// Changes on-hand stock and records why, atomically. On hand may not
    /// drop below zero or below what is reserved.
    #[allow(clippy::too_many_arguments)]
    pub async fn adjust_stock(
        &self,
        product_id: Uuid,
        delta: i64,
        reason: MovementReason,
        note: Option<&str>,
        actor_id: Option<Uuid>,
        idempotency_key: Option<&str>,
    ) -> Result<Product> {
        let mut tx = self.db.begin().await?;
        if let Some(key) = idempotency_key {
            // A concurrent call with the same key waits here for the first.
            let first = sqlx::query(
                "INSERT INTO stock_adjustment_keys (idempotency_key, product_id) VALUES ($1, $2) \
                 ON CONFLICT (idempotency_key) DO NOTHING",
            )
            .bind(key)
            .bind(product_id)
            .execute(self.db.counted(&mut *tx))
            .await
            .map_err(
                |e| match e.as_database_error().and_then(|d| d.code()).as_deref() {
                    // 23503: no such product.
                    Some("23503") => Error::UnknownProduct(product_id),
                    _ => e.into(),
                },
            )?
            .rows_affected()
                == 1;
            if !first {
                tx.rollback().await?;
                return self
                    .by_ids(&[product_id])
                    .await?
                    .into_iter()
                    .next()
                    .ok_or(Error::UnknownProduct(product_id));
            }
        }
        let row = sqlx::query_as::<_, ProductRow>(&format!(
            "UPDATE products SET on_hand = on_hand + $2, updated_at = now() \
             WHERE id = $1 AND on_hand + $2 >= reserved AND on_hand + $2 <= {MAX_STOCK} RETURNING {COLUMNS}"
        ))
        .bind(product_id)
        .bind(to_i32(delta)?)
        .fetch_optional(self.db.counted(&mut *tx))
        .await
        .map_err(|e| {
            // 22003: the new on-hand would not fit the column.
            if e.as_database_error().and_then(|d| d.code()).as_deref() == Some("22003") {
                Error::invalid("delta", "on hand would exceed the maximum")
            } else {
                e.into()
            }
        })?;
        let Some(row) = row else {
            tx.rollback().await?;
            return Err(match self.by_ids(&[product_id]).await?.into_iter().next() {
                None => Error::UnknownProduct(product_id),
                Some(p) if p.on_hand + delta > MAX_STOCK => {
                    Error::invalid("delta", format!("on hand cannot exceed {MAX_STOCK}"))
                }
                Some(p) => Error::invalid(
                    "delta",
                    format!(
                        "on hand cannot go below the {} units reserved (it is {})",
                        p.reserved, p.on_hand
                    ),
                ),
            });
        };
        let product = Product::try_from(row)?;
        if reached_low_stock(
            product.available() - delta,
            product.available(),
            product.low_stock_threshold,
        ) {
            let event = stock_low(
                product_id,
                &product.name,
                product.details.sku.as_deref(),
                product.available(),
                product.low_stock_threshold,
            );
            outbox::append(self.db.counted(&mut *tx), event).await?;
        }
        Self::record_movement(
            &self.db,
            &mut tx,
            product_id,
            delta,
            reason,
            note,
            actor_id,
            None,
            product.on_hand as i32,
        )
        .await?;
        tx.commit().await?;
        Ok(product)
    }

    #[allow(clippy::too_many_arguments)]
    async fn record_movement(
        db: &Db,
        tx: &mut sqlx::PgConnection,
        product_id: Uuid,
        delta: i64,
        reason: MovementReason,
        note: Option<&str>,
        actor_id: Option<Uuid>,
        reference: Option<Uuid>,
        on_hand_after: i32,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO stock_movements (id, product_id, delta, reason, note, actor_id, reference, on_hand_after) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(Uuid::now_v7())
        .bind(product_id)
        .bind(to_i32(delta)?)
        .bind(reason.as_str())
        .bind(note)
        .bind(actor_id)
        .bind(reference)
        .bind(on_hand_after)
        .execute(db.counted(tx))
        .await?;
        Ok(())
    }

    /// The latest ledger rows of each product in `ids`, newest first, at
    /// most `limit` per product, in one statement.
    pub async fn movements(&self, ids: &[Uuid], limit: i64) -> Result<Vec<StockMovement>> {
        #[derive(sqlx::FromRow)]
        struct Row {
            id: Uuid,
            product_id: Uuid,
            delta: i32,
            reason: String,
            note: Option<String>,
            actor_id: Option<Uuid>,
            reference: Option<Uuid>,
            on_hand_after: i32,
            created_at: DateTime<Utc>,
        }
        let rows = sqlx::query_as::<_, Row>(
            "SELECT m.id, m.product_id, m.delta, m.reason, m.note, m.actor_id, m.reference, m.on_hand_after, m.created_at \
             FROM unnest($1::uuid[]) AS p(id) \
             CROSS JOIN LATERAL (SELECT * FROM stock_movements s WHERE s.product_id = p.id ORDER BY s.created_at DESC, s.id DESC LIMIT $2) m",
        )
        .bind(ids)
        .bind(limit)
        .fetch_all(self.db.exec())
        .await?;
        rows.into_iter()
            .map(|r| {
                Ok(StockMovement {
                    id: r.id,
                    product_id: r.product_id,
                    delta: r.delta.into(),
                    reason: MovementReason::parse(&r.reason).ok_or_else(|| {
                        Error::Internal(anyhow::anyhow!("stored movement reason {:?}", r.reason))
                    })?,
                    note: r.note,
                    actor_id: r.actor_id,
                    reference: r.reference,
                    on_hand_after: r.on_hand_after.into(),
                    created_at: r.created_at,
                })
            })
            .collect()
    }

    /// Held reservations past their expiry, oldest first.
    pub async fn expired_reservations(&self, limit: i64) -> Result<Vec<Uuid>> {
        // Not counted: the sweeper's poll belongs to no request, and counting
        // it made statement budgets flaky when it ran during a measurement.
        Ok(sqlx::query_scalar("SELECT id FROM reservations WHERE status = 'HELD' AND expires_at < now() ORDER BY expires_at LIMIT $1")
            .bind(limit)
            .fetch_all(self.db.pool())
            .await?)
    }
}
