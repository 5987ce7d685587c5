//! In-app notifications.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

use super::{NotificationStore, corrupt};
use crate::domain::{Category, Notification};
use crate::error::Result;

type Row = (
    Uuid,
    Uuid,
    String,
    String,
    String,
    String,
    Option<String>,
    DateTime<Utc>,
    Option<DateTime<Utc>>,
);

const COLUMNS: &str = "id, user_id, category, kind, title, body, link, created_at, read_at";

fn from_row(row: Row) -> Result<Notification> {
    let (id, user_id, category, kind, title, body, link, created_at, read_at) = row;
    Ok(Notification {
        id,
        user_id,
        category: Category::parse(&category)
            .ok_or_else(|| corrupt(format!("category {category:?}")))?,
        kind,
        title,
        body,
        link,
        created_at,
        read_at,
    })
}

impl NotificationStore {
    /// Stores in-app notifications of one event inside the consumer's
    /// transaction; one already there for the same event and user is kept.
    pub async fn insert_notifications(
        &self,
        tx: &mut PgConnection,
        event_id: Uuid,
        notifications: &[Notification],
    ) -> Result<()> {
        if notifications.is_empty() {
            return Ok(());
        }
        let column =
            |f: fn(&Notification) -> String| notifications.iter().map(f).collect::<Vec<_>>();
        let ids: Vec<Uuid> = notifications.iter().map(|n| n.id).collect();
        let users: Vec<Uuid> = notifications.iter().map(|n| n.user_id).collect();
        let links: Vec<Option<String>> = notifications.iter().map(|n| n.link.clone()).collect();
        sqlx::query(
            "INSERT INTO notifications (id, user_id, category, kind, title, body, link, event_id) \
             SELECT i, u, c, k, t, b, l, $8 FROM UNNEST($1::uuid[], $2::uuid[], $3::text[], $4::text[], \
                    $5::text[], $6::text[], $7::text[]) AS x(i, u, c, k, t, b, l) \
             ON CONFLICT (event_id, user_id) DO NOTHING",
        )
        .bind(&ids)
        .bind(&users)
        .bind(column(|n| n.category.as_str().to_string()))
        .bind(column(|n| n.kind.clone()))
        .bind(column(|n| n.title.clone()))
        .bind(column(|n| n.body.clone()))
        .bind(&links)
        .bind(event_id)
        .execute(self.db.counted(tx))
        .await?;
        Ok(())
    }

    /// A page of `user_id`'s notifications, newest first, older than
    /// `before` (a notification id), at most `limit` (one statement).
    pub async fn page(
        &self,
        user_id: Uuid,
        before: Option<Uuid>,
        unread_only: bool,
        limit: i64,
    ) -> Result<Vec<Notification>> {
        let rows: Vec<Row> = sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM notifications WHERE user_id = $1 \
             AND ($2::uuid IS NULL OR id < $2) AND (NOT $3 OR read_at IS NULL) \
             ORDER BY id DESC LIMIT $4"
        ))
        .bind(user_id)
        .bind(before)
        .bind(unread_only)
        .bind(limit)
        .fetch_all(self.db.exec())
        .await?;
        rows.into_iter().map(from_row).collect()
    }

    /// Unread counts of `user_ids` (one statement); absent means none.
    pub async fn unread_counts(&self, user_ids: &[Uuid]) -> Result<HashMap<Uuid, i64>> {
        let rows: Vec<(Uuid, i64)> = sqlx::query_as(
            "SELECT user_id, count(*) FROM notifications \
             WHERE user_id = ANY($1) AND read_at IS NULL GROUP BY user_id",
        )
        .bind(user_ids)
        .fetch_all(self.db.exec())
        .await?;
        Ok(rows.into_iter().collect())
    }

    /// Notifications by id, whoever they belong to (one statement).
    pub async fn by_ids(&self, ids: &[Uuid]) -> Result<Vec<Notification>> {
        let rows: Vec<Row> = sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM notifications WHERE id = ANY($1)"
        ))
        .bind(ids)
        .fetch_all(self.db.exec())
        .await?;
        rows.into_iter().map(from_row).collect()
    }

    /// Marks `ids` read if they all belong to `user_id`, atomically; returns
    /// the ids that are not theirs (then nothing changed).
    pub async fn mark_read(&self, user_id: Uuid, ids: &[Uuid]) -> Result<Vec<Uuid>> {
        let mut tx = self.db.begin().await?;
        let theirs: Vec<Uuid> = sqlx::query_scalar(
            "SELECT id FROM notifications WHERE id = ANY($1) AND user_id = $2 FOR UPDATE",
        )
        .bind(ids)
        .bind(user_id)
        .fetch_all(self.db.counted(&mut *tx))
        .await?;
        let missing: Vec<Uuid> = ids
            .iter()
            .filter(|id| !theirs.contains(id))
            .copied()
            .collect();
        if !missing.is_empty() {
            tx.rollback().await?;
            return Ok(missing);
        }
        sqlx::query(
            "UPDATE notifications SET read_at = now() WHERE id = ANY($1) AND read_at IS NULL",
        )
        .bind(&theirs)
        .execute(self.db.counted(&mut *tx))
        .await?;
        tx.commit().await?;
        Ok(Vec::new())
    }

    /// Marks every notification of `user_id` read; returns how many were unread.
    pub async fn mark_all_read(&self, user_id: Uuid) -> Result<u64> {
        Ok(sqlx::query(
            "UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL",
        )
        .bind(user_id)
        .execute(self.db.exec())
        .await?
        .rows_affected())
    }
}
