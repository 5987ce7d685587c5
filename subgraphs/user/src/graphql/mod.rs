//! The GraphQL adapter: the user subgraph's schema over [`Accounts`].

mod types;

use std::collections::HashMap;
use std::sync::Arc;

use async_graphql::dataloader::{DataLoader, Loader};
use async_graphql::{Context, EmptySubscription, ID, Object, Schema};
use platform::ApiError;
use uuid::Uuid;

use crate::accounts::Accounts;
pub use types::{AuthPayload, RoleName, UserNode};

pub type UserSchema = Schema<Query, Mutation, EmptySubscription>;

/// The schema with its data. Without `accounts` it is still complete enough
/// to export the SDL.
pub fn build_schema(accounts: Option<Arc<Accounts>>) -> UserSchema {
    let mut builder = Schema::build(Query, Mutation, EmptySubscription)
        .enable_federation()
        .limit_depth(platform::server::MAX_DEPTH)
        .limit_complexity(platform::server::MAX_COMPLEXITY);
    if let Some(accounts) = accounts {
        builder = builder
            .data(DataLoader::new(UserLoader(accounts.clone()), tokio::spawn))
            .data(accounts);
    }
    builder.finish()
}

/// Batches user look-ups: every `User` representation in one `_entities`
/// call costs one SQL statement.
pub struct UserLoader(Arc<Accounts>);

impl Loader<Uuid> for UserLoader {
    type Value = crate::domain::User;
    type Error = ApiError;

    async fn load(&self, keys: &[Uuid]) -> Result<HashMap<Uuid, Self::Value>, Self::Error> {
        Ok(self.0.users_by_ids(keys).await?)
    }
}

fn accounts<'a>(ctx: &'a Context<'_>) -> Result<&'a Arc<Accounts>, ApiError> {
    ctx.data::<Arc<Accounts>>().map_err(|_| ApiError::internal("Accounts missing from schema data"))
}

pub struct Query;

#[Object]
impl Query {
    /// The signed-in user. Requires a bearer token (`UNAUTHENTICATED` otherwise).
    async fn me(&self, ctx: &Context<'_>) -> Result<UserNode, ApiError> {
        let principal = platform::auth::principal(ctx).await?;
        let user = accounts(ctx)?.get_user(principal.user_id).await?;
        Ok(UserNode::new(user))
    }

    /// Resolves `User` references from other subgraphs. Unknown or malformed
    /// ids resolve to null rather than failing the whole batch.
    #[graphql(entity)]
    async fn find_user_by_id(&self, ctx: &Context<'_>, #[graphql(key)] id: ID) -> Result<Option<UserNode>, ApiError> {
        let Ok(id) = Uuid::parse_str(&id) else { return Ok(None) };
        let loader = ctx.data::<DataLoader<UserLoader>>().map_err(|_| ApiError::internal("UserLoader missing"))?;
        Ok(loader.load_one(id).await?.map(UserNode::new))
    }
}

pub struct Mutation;

#[Object]
impl Mutation {
    /// Creates a customer account. The email is trimmed and lower-cased; the
    /// password must be 8 to 128 characters. Errors: `BAD_USER_INPUT` (with
    /// `extensions.field`), `CONFLICT` when the email is taken.
    async fn register(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Email address, used to log in.")] email: String,
        #[graphql(desc = "8 to 128 characters.")] password: String,
        #[graphql(desc = "Name shown to others, 1 to 100 characters.")] name: String,
    ) -> Result<UserNode, ApiError> {
        let user = accounts(ctx)?.register(&email, &password, &name).await?;
        Ok(UserNode::owned_by_caller(user))
    }

    /// Exchanges an email and password for a signed access token (JWT, EdDSA).
    /// Send it as `Authorization: Bearer <accessToken>`. A wrong email and a
    /// wrong password give the same `UNAUTHENTICATED` error.
    async fn login(&self, ctx: &Context<'_>, email: String, password: String) -> Result<AuthPayload, ApiError> {
        let logged_in = accounts(ctx)?.login(&email, &password).await?;
        Ok(AuthPayload::from(logged_in))
    }

    /// Exchanges a refresh token for a new access token and a new refresh
    /// token; the one sent is spent. Sending a spent refresh token ends its
    /// whole session (it was copied). Errors: `UNAUTHENTICATED`.
    async fn refresh_session(&self, ctx: &Context<'_>, refresh_token: String) -> Result<AuthPayload, ApiError> {
        Ok(AuthPayload::from(accounts(ctx)?.refresh(&refresh_token).await?))
    }

    /// Ends the session of the bearer token: it and its refresh token stop
    /// working, in every subgraph within 30 seconds. Returns false if the
    /// session had already ended.
    async fn logout(&self, ctx: &Context<'_>) -> Result<bool, ApiError> {
        let caller = platform::auth::principal(ctx).await?;
        Ok(accounts(ctx)?.logout(caller).await?)
    }

    /// Ends every session of the signed-in user, on every device. Returns how
    /// many sessions were open.
    async fn logout_everywhere(&self, ctx: &Context<'_>) -> Result<i64, ApiError> {
        let caller = platform::auth::principal(ctx).await?;
        Ok(accounts(ctx)?.logout_everywhere(caller).await? as i64)
    }
}
