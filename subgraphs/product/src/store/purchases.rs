//! Purchases, learnt from `order.paid`: what each customer bought, and how
//! often two products were bought in one order. They feed "frequently bought
//! together" and personal recommendations.

use std::collections::HashMap;

use sqlx::PgConnection;
use uuid::Uuid;

use super::ProductStore;
use crate::error::Result;

impl ProductStore {
    /// Records one paid order inside the consumer's transaction `tx`: the
    /// customer's purchases, and one more co-purchase for every pair of
    /// distinct products in it (both ways round). Three statements.
    pub async fn record_purchase(
        &self,
        tx: &mut PgConnection,
        user_id: Uuid,
        lines: &[(Uuid, i64)],
    ) -> Result<()> {
        let products: Vec<Uuid> = lines.iter().map(|(p, _)| *p).collect();
        let quantities: Vec<i64> = lines.iter().map(|(_, q)| *q).collect();
        sqlx::query(
            "INSERT INTO purchases (user_id, product_id, quantity, last_bought) \
             SELECT $1, p, q, now() FROM UNNEST($2::uuid[], $3::bigint[]) AS t(p, q) \
             ON CONFLICT (user_id, product_id) \
             DO UPDATE SET quantity = purchases.quantity + EXCLUDED.quantity, last_bought = now()",
        )
        .bind(user_id)
        .bind(&products)
        .bind(&quantities)
        .execute(self.db.counted(&mut *tx))
        .await?;
        let (left, right) = crate::domain::co_purchase_pairs(&products);
        if !left.is_empty() {
            sqlx::query(
                "INSERT INTO co_purchases (product_id, other_id, orders) \
                 SELECT a, b, 1 FROM UNNEST($1::uuid[], $2::uuid[]) AS t(a, b) \
                 ON CONFLICT (product_id, other_id) DO UPDATE SET orders = co_purchases.orders + 1",
            )
            .bind(&left)
            .bind(&right)
            .execute(self.db.counted(&mut *tx))
            .await?;
        }
        Ok(())
    }

    /// For each of `products`, up to `limit` products most often bought
    /// with it and still on sale, most often first (one statement).
    pub async fn bought_together(
        &self,
        products: &[Uuid],
        limit: i64,
    ) -> Result<HashMap<Uuid, Vec<Uuid>>> {
        let rows: Vec<(Uuid, Uuid)> = sqlx::query_as(
            "SELECT product_id, other_id FROM ( \
               SELECT c.product_id, c.other_id, row_number() OVER ( \
                 PARTITION BY c.product_id ORDER BY c.orders DESC, c.other_id) AS rank \
               FROM co_purchases c JOIN products p ON p.id = c.other_id \
               WHERE c.product_id = ANY($1) AND p.status = 'ACTIVE' AND p.deleted_at IS NULL) ranked \
             WHERE rank <= $2 ORDER BY product_id, rank",
        )
        .bind(products)
        .bind(limit)
        .fetch_all(self.db.exec())
        .await?;
        let mut found: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
        for (product, other) in rows {
            found.entry(product).or_default().push(other);
        }
        Ok(found)
    }

    /// Up to `limit` products for `user_id`: those most often bought with
    /// what they bought, then the best sellers (a new customer sees those
    /// alone), never one they bought already, only products on sale (one
    /// statement; the best sellers come from the `units_sold` index, so the
    /// cost does not grow with the catalog).
    pub async fn recommendations(&self, user_id: Uuid, limit: i64) -> Result<Vec<Uuid>> {
        Ok(sqlx::query_scalar(
            "WITH mine AS (SELECT product_id FROM purchases WHERE user_id = $1), \
             scored AS ( \
               SELECT c.other_id AS id, sum(c.orders)::float8 AS score FROM co_purchases c \
               WHERE c.product_id IN (SELECT product_id FROM mine) GROUP BY c.other_id \
               UNION ALL \
               (SELECT id, 0 FROM products WHERE status = 'ACTIVE' AND deleted_at IS NULL \
                ORDER BY units_sold DESC, id DESC LIMIT $2 + (SELECT count(*) FROM mine))) \
             SELECT s.id FROM scored s JOIN products p ON p.id = s.id \
             WHERE p.status = 'ACTIVE' AND p.deleted_at IS NULL \
               AND s.id NOT IN (SELECT product_id FROM mine) \
             GROUP BY s.id, p.units_sold \
             ORDER BY max(s.score) DESC, p.units_sold DESC, s.id LIMIT $2",
        )
        .bind(user_id)
        .bind(limit)
        .fetch_all(self.db.exec())
        .await?)
    }
}
