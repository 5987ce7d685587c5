//! The root `Query` type, with the entity resolvers.

use super::*;

/// The root `Query` type.
pub struct Query;

#[Object]
impl Query {
    /// One of the caller's notifications. `NOT_FOUND` when it does not
    /// exist or belongs to someone else.
    async fn notification(&self, ctx: &Context<'_>, id: ID) -> Result<NotificationNode, ApiError> {
        let caller = platform::auth::principal(ctx).await?;
        let id = parse_id(&id, "id")?;
        match loader::<DataLoader<NotificationLoader>>(ctx)?
            .load_one(id)
            .await?
        {
            Some(n) if n.user_id == caller.user_id => Ok(NotificationNode(n)),
            _ => Err(Error::NotFound.into()),
        }
    }

    /// Resolves `User` references: the user subgraph owns users, this one
    /// adds their notifications.
    #[graphql(entity)]
    async fn find_user_by_id(&self, #[graphql(key)] id: ID) -> Option<UserRef> {
        Uuid::parse_str(&id).ok().map(|id| UserRef { id })
    }

    /// Resolves `Notification` references, batched. Someone else's, and
    /// unknown ids, resolve to null.
    #[graphql(entity)]
    async fn find_notification_by_id(
        &self,
        ctx: &Context<'_>,
        #[graphql(key)] id: ID,
    ) -> Result<Option<NotificationNode>, ApiError> {
        let Ok(id) = Uuid::parse_str(&id) else {
            return Ok(None);
        };
        let caller = platform::auth::optional_principal(ctx).await?;
        let found = loader::<DataLoader<NotificationLoader>>(ctx)?
            .load_one(id)
            .await?;
        Ok(found
            .filter(|n| caller.is_some_and(|c| c.user_id == n.user_id))
            .map(NotificationNode))
    }
}
