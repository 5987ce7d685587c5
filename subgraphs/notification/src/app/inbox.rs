//! What a user reads and sets: their in-app notifications, unread counts
//! and channel preferences. A user sees only their own.

use std::collections::HashMap;

use platform::auth::{Principal, Role};
use uuid::Uuid;

use crate::domain::{
    Delivery, Notification, Preference, PreferenceError, change_preference, effective_preferences,
};
use crate::error::{Error, Result};
use crate::store::NotificationStore;

/// Most notifications per page, and most ids per `markNotificationsRead`.
pub const MAX_PAGE: i64 = 100;

/// The user-facing use cases.
pub struct Inbox {
    store: NotificationStore,
}

/// Only the user themselves may read or change their notifications.
fn require_self(caller: &Principal, user_id: Uuid) -> Result<()> {
    if caller.user_id == user_id {
        Ok(())
    } else {
        Err(Error::Forbidden(
            "notifications are visible to their user only".into(),
        ))
    }
}

impl Inbox {
    /// The inbox over its store.
    pub fn new(store: NotificationStore) -> Self {
        Self { store }
    }

    /// A page of `user_id`'s notifications, newest first, after the
    /// notification `after`; the bool says whether more follow.
    pub async fn notifications(
        &self,
        caller: &Principal,
        user_id: Uuid,
        first: i64,
        after: Option<Uuid>,
        unread_only: bool,
    ) -> Result<(Vec<Notification>, bool)> {
        require_self(caller, user_id)?;
        if !(1..=MAX_PAGE).contains(&first) {
            return Err(Error::invalid(
                "first",
                format!("first must be between 1 and {MAX_PAGE}"),
            ));
        }
        let mut page = self
            .store
            .page(user_id, after, unread_only, first + 1)
            .await?;
        let more = page.len() as i64 > first;
        page.truncate(usize::try_from(first).unwrap_or(0));
        Ok((page, more))
    }

    /// Unread counts of `user_ids`, for the batch loader (one statement).
    pub async fn unread_counts(&self, user_ids: &[Uuid]) -> Result<HashMap<Uuid, i64>> {
        self.store.unread_counts(user_ids).await
    }

    /// Notifications by id, for entity references.
    pub async fn by_ids(&self, ids: &[Uuid]) -> Result<Vec<Notification>> {
        self.store.by_ids(ids).await
    }

    /// Marks the caller's notifications `ids` read. All or nothing:
    /// `NOT_FOUND` if one is not theirs; at most 100 ids.
    pub async fn mark_read(&self, caller: &Principal, ids: &[String]) -> Result<usize> {
        if ids.is_empty() || ids.len() > MAX_PAGE as usize {
            return Err(Error::invalid(
                "ids",
                format!("give 1 to {MAX_PAGE} notification ids"),
            ));
        }
        let mut parsed = ids
            .iter()
            .map(|id| {
                Uuid::parse_str(id)
                    .map_err(|_| Error::invalid("ids", format!("{id:?} is not a notification id")))
            })
            .collect::<Result<Vec<_>>>()?;
        parsed.sort();
        parsed.dedup();
        let missing = self.store.mark_read(caller.user_id, &parsed).await?;
        if !missing.is_empty() {
            return Err(Error::NotFound);
        }
        Ok(parsed.len())
    }

    /// Marks every notification of the caller read; returns how many were unread.
    pub async fn mark_all_read(&self, caller: &Principal) -> Result<u64> {
        self.store.mark_all_read(caller.user_id).await
    }

    /// Every choosable category of `user_id` with its channels.
    pub async fn preferences(&self, caller: &Principal, user_id: Uuid) -> Result<Vec<Preference>> {
        require_self(caller, user_id)?;
        let stored = self
            .store
            .preferences(self.store.db().pool(), &[user_id])
            .await?;
        Ok(effective_preferences(
            stored.get(&user_id).map_or(&[], Vec::as_slice),
        ))
    }

    /// Changes the caller's channels for one category; what is not named
    /// stays. `BAD_USER_INPUT` for an unknown category, or for switching
    /// off account email.
    pub async fn set_preference(
        &self,
        caller: &Principal,
        category: &str,
        email: Option<bool>,
        sms: Option<bool>,
        in_app: Option<bool>,
    ) -> Result<Preference> {
        let mut stored = self
            .store
            .preferences(self.store.db().pool(), &[caller.user_id])
            .await?;
        let stored = stored.remove(&caller.user_id).unwrap_or_default();
        let preference =
            change_preference(category, &stored, email, sms, in_app).map_err(preference_error)?;
        self.store
            .set_preference(caller.user_id, &preference)
            .await?;
        Ok(preference)
    }

    /// The latest emails and text messages sent (or not) to `user_id`, with
    /// their delivery records: the user themselves, or staff.
    pub async fn deliveries(
        &self,
        caller: &Principal,
        user_id: Uuid,
        limit: i64,
    ) -> Result<Vec<Delivery>> {
        if caller.user_id != user_id {
            caller.require_role(Role::Staff)?;
        }
        if !(1..=MAX_PAGE).contains(&limit) {
            return Err(Error::invalid(
                "limit",
                format!("limit must be between 1 and {MAX_PAGE}"),
            ));
        }
        self.store.deliveries_of(user_id, limit).await
    }
}

fn preference_error(error: PreferenceError) -> Error {
    Error::invalid("category", error.to_string())
}
