//! The root `Mutation` type: reading notifications and choosing channels.

use super::*;

/// The root `Mutation` type.
pub struct Mutation;

#[Object]
impl Mutation {
    /// Marks the caller's notifications read; returns how many ids were
    /// given (already read ones count too). All or nothing: `NOT_FOUND` if
    /// one is not the caller's; `BAD_USER_INPUT` for more than 100 ids.
    async fn mark_notifications_read(
        &self,
        ctx: &Context<'_>,
        ids: Vec<ID>,
    ) -> Result<i32, ApiError> {
        let caller = platform::auth::principal(ctx).await?;
        let ids: Vec<String> = ids.into_iter().map(|id| id.0).collect();
        let marked = inbox(ctx)?.mark_read(caller, &ids).await?;
        Ok(i32::try_from(marked).unwrap_or(i32::MAX))
    }

    /// Marks every notification of the caller read; returns how many were unread.
    async fn mark_all_notifications_read(&self, ctx: &Context<'_>) -> Result<i32, ApiError> {
        let caller = platform::auth::principal(ctx).await?;
        let marked = inbox(ctx)?.mark_all_read(caller).await?;
        Ok(i32::try_from(marked).unwrap_or(i32::MAX))
    }

    /// Chooses the channels of one category of messages for the caller;
    /// channels not given stay as they are. `category` is one of `orders`,
    /// `shipping`, `account`, `marketing` (`BAD_USER_INPUT` otherwise).
    /// Account email cannot be switched off: password resets and email
    /// changes must reach the owner. Marketing also needs the profile's
    /// `marketingOptIn`.
    async fn update_notification_preference(
        &self,
        ctx: &Context<'_>,
        category: String,
        email: Option<bool>,
        sms: Option<bool>,
        in_app: Option<bool>,
    ) -> Result<NotificationPreference, ApiError> {
        let caller = platform::auth::principal(ctx).await?;
        Ok(inbox(ctx)?
            .set_preference(caller, &category, email, sms, in_app)
            .await?
            .into())
    }
}
