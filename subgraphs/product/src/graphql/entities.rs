//! The entities this subgraph extends: `User`, with the reviews its
//! user wrote.

use super::*;
use crate::app::catalog::MAX_PAGE_SIZE;

/// A user of the user subgraph, extended here with their reviews.
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

    /// Products picked for this user: those most often bought together with
    /// what they bought, then best sellers, never something they bought
    /// already. Only the user themselves (or staff) may ask.
    #[graphql(complexity = "platform::limits::list_cost(first, child_complexity)")]
    async fn recommendations(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 10, desc = "How many, 1 to 100.")] first: i32,
    ) -> Result<Vec<ProductNode>, ApiError> {
        let caller = platform::auth::principal(ctx).await?;
        Ok(catalog(ctx)?
            .recommendations(caller, self.id, first.into())
            .await?
            .into_iter()
            .map(ProductNode)
            .collect())
    }

    /// The user's visible reviews, newest first. Public, like the reviews themselves.
    #[graphql(complexity = "platform::limits::list_cost(first, child_complexity)")]
    async fn reviews(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 10, desc = "How many, 1 to 100.")] first: i32,
    ) -> Result<Vec<ReviewNode>, ApiError> {
        if !(1..=MAX_PAGE_SIZE).contains(&i64::from(first)) {
            return Err(Error::invalid("first", "first must be between 1 and 100").into());
        }
        Ok(loader::<DataLoader<AuthorReviewsLoader>>(ctx)?
            .load_one((self.id, first.into()))
            .await?
            .unwrap_or_default()
            .into_iter()
            .map(ReviewNode)
            .collect())
    }
}
