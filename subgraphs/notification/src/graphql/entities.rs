//! The entity this subgraph extends: `User`, with its notifications, unread
//! count and preferences.

use async_graphql::connection::{Connection, Edge, EmptyFields};

use super::*;

/// A user of the user subgraph, extended here with their notifications.
pub struct UserRef {
    /// The user's id (a UUID).
    pub id: Uuid,
}

#[Object(name = "User")]
impl UserRef {
    /// Unique id (a UUID).
    async fn id(&self) -> ID {
        ID(self.id.to_string())
    }

    /// The user's in-app notifications, newest first, as a cursor
    /// connection. Visible to the user only (`FORBIDDEN` otherwise).
    #[graphql(complexity = "platform::limits::list_cost(first, child_complexity)")]
    async fn notifications(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 20, desc = "Page size, 1 to 100.")] first: i32,
        #[graphql(desc = "Return notifications after this cursor (older ones).")] after: Option<
            String,
        >,
        #[graphql(default = false, desc = "Only the unread ones.")] unread_only: bool,
    ) -> Result<Connection<String, NotificationNode, EmptyFields, EmptyFields>, ApiError> {
        let caller = platform::auth::principal(ctx).await?;
        let after = after.as_deref().map(|c| parse_id(c, "after")).transpose()?;
        let (page, more) = inbox(ctx)?
            .notifications(caller, self.id, first.into(), after, unread_only)
            .await?;
        let mut connection = Connection::new(after.is_some(), more);
        connection.edges.extend(
            page.into_iter()
                .map(|n| Edge::new(n.id.to_string(), NotificationNode(n))),
        );
        Ok(connection)
    }

    /// How many in-app notifications are unread. Visible to the user only.
    async fn unread_notification_count(&self, ctx: &Context<'_>) -> Result<i64, ApiError> {
        let caller = platform::auth::principal(ctx).await?;
        if caller.user_id != self.id {
            return Err(ApiError::forbidden(
                "notifications are visible to their user only",
            ));
        }
        Ok(loader::<DataLoader<UnreadCountLoader>>(ctx)?
            .load_one(self.id)
            .await?
            .unwrap_or(0))
    }

    /// For each category (orders, shipping, account, marketing), the
    /// channels its messages use: email, SMS, in-app. Visible to the user only.
    async fn notification_preferences(
        &self,
        ctx: &Context<'_>,
    ) -> Result<Vec<NotificationPreference>, ApiError> {
        let caller = platform::auth::principal(ctx).await?;
        Ok(inbox(ctx)?
            .preferences(caller, self.id)
            .await?
            .into_iter()
            .map(NotificationPreference::from)
            .collect())
    }
}
