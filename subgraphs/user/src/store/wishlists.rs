//! Each user's wishlist of product ids.

use uuid::Uuid;

use super::UserStore;
use crate::error::Result;

impl UserStore {
    /// `(user, product)` wishlist entries of `user_ids`, newest first.
    pub async fn wishlists(&self, user_ids: &[Uuid]) -> Result<Vec<(Uuid, Uuid)>> {
        Ok(sqlx::query_as("SELECT user_id, product_id FROM wishlist_items WHERE user_id = ANY($1) ORDER BY user_id, added_at DESC, product_id")
            .bind(user_ids)
            .fetch_all(self.db.exec())
            .await?)
    }

    /// Active users with `product_id` on their wishlist, by id, after
    /// `after`, at most `limit` (one statement).
    pub async fn wishlisters(
        &self,
        product_id: Uuid,
        after: Option<Uuid>,
        limit: i64,
    ) -> Result<Vec<crate::domain::User>> {
        let ids: Vec<Uuid> = sqlx::query_scalar(
            "SELECT w.user_id FROM wishlist_items w JOIN users u ON u.id = w.user_id \
             WHERE w.product_id = $1 AND u.active AND ($2::uuid IS NULL OR w.user_id > $2) \
             ORDER BY w.user_id LIMIT $3",
        )
        .bind(product_id)
        .bind(after)
        .bind(limit)
        .fetch_all(self.db.exec())
        .await?;
        let mut users = self.users_by_ids(&ids).await?;
        users.sort_by_key(|u| u.id);
        Ok(users)
    }

    /// Puts a product on the wishlist (a repeat is a no-op).
    pub async fn add_to_wishlist(&self, user_id: Uuid, product_id: Uuid) -> Result<()> {
        sqlx::query("INSERT INTO wishlist_items (user_id, product_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
            .bind(user_id)
            .bind(product_id)
            .execute(self.db.exec())
            .await?;
        Ok(())
    }

    /// Takes a product off the wishlist; `false` if it was not there.
    pub async fn remove_from_wishlist(&self, user_id: Uuid, product_id: Uuid) -> Result<bool> {
        let deleted =
            sqlx::query("DELETE FROM wishlist_items WHERE user_id = $1 AND product_id = $2")
                .bind(user_id)
                .bind(product_id)
                .execute(self.db.exec())
                .await?;
        Ok(deleted.rows_affected() == 1)
    }
}
