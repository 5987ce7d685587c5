//! SQL for reviews. The rating aggregates on `products` are kept by a
//! trigger (see the migration), in the same transaction as each change.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::ProductStore;
use crate::domain::{NewReview, Review, ReviewChanges, ReviewSort};
use crate::error::{Error, Result};
use platform::error::is_constraint_violation;

const REVIEW_COLUMNS: &str = "r.id, r.product_id, r.author_id, r.rating, r.title, r.body, r.verified_purchase, r.hidden, r.created_at, r.updated_at";

#[derive(sqlx::FromRow)]
struct ReviewRow {
    id: Uuid,
    product_id: Uuid,
    author_id: Uuid,
    rating: i16,
    title: String,
    body: String,
    verified_purchase: bool,
    hidden: bool,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

impl From<ReviewRow> for Review {
    fn from(r: ReviewRow) -> Self {
        Review {
            id: r.id,
            product_id: r.product_id,
            author_id: r.author_id,
            rating: r.rating.into(),
            title: r.title,
            body: r.body,
            verified_purchase: r.verified_purchase,
            hidden: r.hidden,
            created_at: r.created_at,
            updated_at: r.updated_at,
        }
    }
}

/// One page of one product's visible reviews.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ReviewPageRequest {
    /// Whose reviews.
    pub product_id: Uuid,
    /// In which order.
    pub sort: ReviewSort,
    /// Rows to fetch (one more than the page, to know if there is a next).
    pub limit: i64,
    /// `(sort key, id)` of the last review seen.
    pub after: Option<(i64, Uuid)>,
}

/// `(key expression, direction, comparison)` of a review order.
fn review_order(sort: ReviewSort) -> (&'static str, &'static str, &'static str) {
    match sort {
        ReviewSort::Newest => (
            "(extract(epoch FROM r.created_at) * 1000000)::bigint",
            "DESC",
            "<",
        ),
        ReviewSort::HighestRating => ("r.rating::bigint", "DESC", "<"),
        ReviewSort::LowestRating => ("r.rating::bigint", "ASC", ">"),
    }
}

impl ProductStore {
    /// Stores a review. A second review by the same author is `CONFLICT`;
    /// an unknown product is `NOT_FOUND`.
    pub async fn insert_review(
        &self,
        id: Uuid,
        product_id: Uuid,
        author_id: Uuid,
        review: &NewReview,
        verified_purchase: bool,
    ) -> Result<Review> {
        let row = sqlx::query_as::<_, ReviewRow>(&format!(
            "INSERT INTO reviews AS r (id, product_id, author_id, rating, title, body, verified_purchase) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING {REVIEW_COLUMNS}"
        ))
        .bind(id)
        .bind(product_id)
        .bind(author_id)
        .bind(review.rating as i16)
        .bind(&review.title)
        .bind(&review.body)
        .bind(verified_purchase)
        .fetch_one(self.db.exec())
        .await
        .map_err(|e| {
            if is_constraint_violation(&e, "reviews_one_per_author") {
                Error::Conflict {
                    field: "productId",
                    message: "you have already reviewed this product; edit that review instead".into(),
                }
            } else if is_constraint_violation(&e, "reviews_product_id_fkey") {
                Error::UnknownProduct(product_id)
            } else {
                e.into()
            }
        })?;
        Ok(row.into())
    }

    /// Stores many reviews at once (demo data); existing pairs are skipped.
    pub async fn insert_reviews(&self, reviews: &[Review]) -> Result<u64> {
        let column = |f: fn(&Review) -> String| reviews.iter().map(f).collect::<Vec<_>>();
        let inserted = sqlx::query(
            "INSERT INTO reviews (id, product_id, author_id, rating, title, body, verified_purchase, created_at, updated_at) \
             SELECT id, product_id, author_id, rating, title, body, verified, at, at FROM UNNEST(\
               $1::uuid[], $2::uuid[], $3::uuid[], $4::smallint[], $5::text[], $6::text[], $7::bool[], $8::timestamptz[]) \
               AS t(id, product_id, author_id, rating, title, body, verified, at) \
             ON CONFLICT DO NOTHING",
        )
        .bind(reviews.iter().map(|r| r.id).collect::<Vec<_>>())
        .bind(reviews.iter().map(|r| r.product_id).collect::<Vec<_>>())
        .bind(reviews.iter().map(|r| r.author_id).collect::<Vec<_>>())
        .bind(reviews.iter().map(|r| r.rating as i16).collect::<Vec<_>>())
        .bind(column(|r| r.title.clone()))
        .bind(column(|r| r.body.clone()))
        .bind(reviews.iter().map(|r| r.verified_purchase).collect::<Vec<_>>())
        .bind(reviews.iter().map(|r| r.created_at).collect::<Vec<_>>())
        .execute(self.db.exec())
        .await?;
        Ok(inserted.rows_affected())
    }

    /// The reviews among `ids`, hidden ones included.
    pub async fn reviews_by_ids(&self, ids: &[Uuid]) -> Result<Vec<Review>> {
        let rows = sqlx::query_as::<_, ReviewRow>(&format!(
            "SELECT {REVIEW_COLUMNS} FROM reviews r WHERE r.id = ANY($1)"
        ))
        .bind(ids)
        .fetch_all(self.db.exec())
        .await?;
        Ok(rows.into_iter().map(Review::from).collect())
    }

    /// Applies `changes` to review `id`; `None` if there is no such review.
    pub async fn update_review(&self, id: Uuid, changes: &ReviewChanges) -> Result<Option<Review>> {
        let row = sqlx::query_as::<_, ReviewRow>(&format!(
            "UPDATE reviews AS r SET rating = coalesce($2, rating), title = coalesce($3, title), \
               body = coalesce($4, body), updated_at = now() WHERE r.id = $1 RETURNING {REVIEW_COLUMNS}"
        ))
        .bind(id)
        .bind(changes.rating.map(|r| r as i16))
        .bind(&changes.title)
        .bind(&changes.body)
        .fetch_optional(self.db.exec())
        .await?;
        Ok(row.map(Review::from))
    }

    /// Hides or shows a review; `None` if there is no such review.
    pub async fn set_review_hidden(&self, id: Uuid, hidden: bool) -> Result<Option<Review>> {
        let row = sqlx::query_as::<_, ReviewRow>(&format!(
            "UPDATE reviews AS r SET hidden = $2, updated_at = now() WHERE r.id = $1 RETURNING {REVIEW_COLUMNS}"
        ))
        .bind(id)
        .bind(hidden)
        .fetch_optional(self.db.exec())
        .await?;
        Ok(row.map(Review::from))
    }

    /// Deletes a review; `false` if it did not exist.
    pub async fn delete_review(&self, id: Uuid) -> Result<bool> {
        let deleted = sqlx::query("DELETE FROM reviews WHERE id = $1")
            .bind(id)
            .execute(self.db.exec())
            .await?;
        Ok(deleted.rows_affected() == 1)
    }

    /// Pages of visible reviews for several products at once, each review
    /// with its cursor key. One statement per distinct `(sort, limit, after)`,
    /// which in practice is one for a whole listing.
    pub async fn review_pages(
        &self,
        requests: &[ReviewPageRequest],
    ) -> Result<Vec<(ReviewPageRequest, Vec<(Review, i64)>)>> {
        #[derive(sqlx::FromRow)]
        struct Row {
            #[sqlx(flatten)]
            review: ReviewRow,
            sort_key: i64,
        }
        let mut groups: Vec<(ReviewSort, i64, Option<(i64, Uuid)>, Vec<Uuid>)> = Vec::new();
        for r in requests {
            match groups
                .iter_mut()
                .find(|g| (g.0, g.1, g.2) == (r.sort, r.limit, r.after))
            {
                Some(group) => group.3.push(r.product_id),
                None => groups.push((r.sort, r.limit, r.after, vec![r.product_id])),
            }
        }
        let mut pages = Vec::new();
        for (sort, limit, after, products) in groups {
            let (key, order, compare) = review_order(sort);
            let rows = sqlx::query_as::<_, Row>(&format!(
                "SELECT {REVIEW_COLUMNS}, r.sort_key FROM unnest($1::uuid[]) AS p(id) CROSS JOIN LATERAL ( \
                   SELECT r.*, {key} AS sort_key FROM reviews r WHERE r.product_id = p.id AND NOT r.hidden \
                     AND ($3::bigint IS NULL OR ({key}, r.id) {compare} ($3, $4)) \
                   ORDER BY {key} {order}, r.id {order} LIMIT $2) r"
            ))
            .bind(&products)
            .bind(limit)
            .bind(after.map(|a| a.0))
            .bind(after.map(|a| a.1))
            .fetch_all(self.db.exec())
            .await?;
            let rows: Vec<(Review, i64)> = rows
                .into_iter()
                .map(|r| (Review::from(r.review), r.sort_key))
                .collect();
            for product_id in products {
                let reviews = rows
                    .iter()
                    .filter(|(review, _)| review.product_id == product_id)
                    .cloned()
                    .collect();
                pages.push((
                    ReviewPageRequest {
                        product_id,
                        sort,
                        limit,
                        after,
                    },
                    reviews,
                ));
            }
        }
        Ok(pages)
    }

    /// The latest `limit` visible reviews by each author in `authors`.
    pub async fn reviews_by_authors(&self, authors: &[Uuid], limit: i64) -> Result<Vec<Review>> {
        let rows = sqlx::query_as::<_, ReviewRow>(&format!(
            "SELECT {REVIEW_COLUMNS} FROM unnest($1::uuid[]) AS a(id) CROSS JOIN LATERAL ( \
               SELECT * FROM reviews x WHERE x.author_id = a.id AND NOT x.hidden \
               ORDER BY x.created_at DESC, x.id DESC LIMIT $2) r"
        ))
        .bind(authors)
        .bind(limit)
        .fetch_all(self.db.exec())
        .await?;
        Ok(rows.into_iter().map(Review::from).collect())
    }
}
