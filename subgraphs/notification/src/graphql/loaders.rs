//! Batch loaders: every `_entities` call and nested field costs one
//! statement, whatever the number of keys.

use super::*;
use crate::domain::Notification;

/// Batches `User.unreadNotificationCount`.
pub struct UnreadCountLoader(pub Arc<Inbox>);

impl Loader<Uuid> for UnreadCountLoader {
    type Value = i64;
    type Error = ApiError;

    async fn load(&self, keys: &[Uuid]) -> Result<HashMap<Uuid, i64>, ApiError> {
        let counts = self.0.unread_counts(keys).await?;
        Ok(keys
            .iter()
            .map(|k| (*k, counts.get(k).copied().unwrap_or(0)))
            .collect())
    }
}

/// Batches `Notification` references.
pub struct NotificationLoader(pub Arc<Inbox>);

impl Loader<Uuid> for NotificationLoader {
    type Value = Notification;
    type Error = ApiError;

    async fn load(&self, keys: &[Uuid]) -> Result<HashMap<Uuid, Notification>, ApiError> {
        Ok(self
            .0
            .by_ids(keys)
            .await?
            .into_iter()
            .map(|n| (n.id, n))
            .collect())
    }
}
