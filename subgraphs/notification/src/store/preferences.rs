//! Each user's channel choice per category.

use std::collections::HashMap;

use uuid::Uuid;

use super::{NotificationStore, corrupt};
use crate::domain::{Category, ChannelChoice, Preference};
use crate::error::Result;

type Row = (Uuid, String, bool, bool, bool);

impl NotificationStore {
    /// The stored preferences of `user_ids` (one statement), through
    /// `executor`: the pool, or the consumer's transaction. Categories a
    /// user never set are absent.
    pub async fn preferences<'e, E>(
        &self,
        executor: E,
        user_ids: &[Uuid],
    ) -> Result<HashMap<Uuid, Vec<Preference>>>
    where
        E: sqlx::Executor<'e, Database = sqlx::Postgres>,
    {
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT user_id, category, email, sms, in_app FROM preferences WHERE user_id = ANY($1)",
        )
        .bind(user_ids)
        .fetch_all(self.db.counted(executor))
        .await?;
        collect(rows)
    }

    /// Stores one choice.
    pub async fn set_preference(&self, user_id: Uuid, preference: &Preference) -> Result<()> {
        sqlx::query(
            "INSERT INTO preferences (user_id, category, email, sms, in_app) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (user_id, category) DO UPDATE SET email = $3, sms = $4, in_app = $5, updated_at = now()",
        )
        .bind(user_id)
        .bind(preference.category.as_str())
        .bind(preference.channels.email)
        .bind(preference.channels.sms)
        .bind(preference.channels.in_app)
        .execute(self.db.exec())
        .await?;
        Ok(())
    }
}

fn collect(rows: Vec<Row>) -> Result<HashMap<Uuid, Vec<Preference>>> {
    let mut found: HashMap<Uuid, Vec<Preference>> = HashMap::new();
    for (user_id, category, email, sms, in_app) in rows {
        let category =
            Category::parse(&category).ok_or_else(|| corrupt(format!("category {category:?}")))?;
        found.entry(user_id).or_default().push(Preference {
            category,
            channels: ChannelChoice { email, sms, in_app },
        });
    }
    Ok(found)
}
