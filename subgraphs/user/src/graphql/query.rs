//! The root `Query`, with the user entity resolver.

use super::*;

/// Filters for the admin user search.
#[derive(InputObject, Default)]
pub struct UserFilter {
    /// Text found in the email or the name, case-insensitive.
    pub query: Option<String>,
    /// Only users holding this role.
    pub role: Option<RoleName>,
}

/// Extra fields of a user listing.
#[derive(SimpleObject)]
pub struct UserListInfo {
    /// Users matching the filter, over all pages.
    pub total_count: i64,
}

pub(super) fn encode_cursor(id: Uuid) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("u1:{id}"))
}

pub(super) fn decode_cursor(cursor: &str) -> Result<Uuid, ApiError> {
    let invalid = || {
        ApiError::bad_input("after is not a cursor returned by this API")
            .with_detail("field", "after")
    };
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(cursor)
        .map_err(|_| invalid())?;
    let text = String::from_utf8(bytes).map_err(|_| invalid())?;
    Uuid::parse_str(text.strip_prefix("u1:").ok_or_else(invalid)?).map_err(|_| invalid())
}

/// The root `Query` type, with the `User` entity resolver.
pub struct Query;

#[Object]
impl Query {
    /// The signed-in user. Requires a bearer token (`UNAUTHENTICATED` otherwise).
    async fn me(&self, ctx: &Context<'_>) -> Result<UserNode, ApiError> {
        let principal = platform::auth::principal(ctx).await?;
        let user = accounts(ctx)?.get_user(principal.user_id).await?;
        Ok(UserNode::new(user))
    }

    /// Searches users by email or name and by role, ordered by id, as a Relay
    /// connection. ADMIN only (`FORBIDDEN` otherwise). `first` is 0 to 100.
    #[graphql(complexity = "platform::limits::list_cost(first, child_complexity)")]
    async fn users(
        &self,
        ctx: &Context<'_>,
        filter: Option<UserFilter>,
        #[graphql(default = 20)] first: i32,
        after: Option<String>,
    ) -> Result<Connection<String, UserNode, UserListInfo>, ApiError> {
        let principal = platform::auth::principal(ctx).await?;
        let filter = filter.unwrap_or_default();
        let after = after.as_deref().map(decode_cursor).transpose()?;
        let (users, has_next, total_count) = accounts(ctx)?
            .search_users(
                principal,
                filter.query.as_deref(),
                filter.role.map(Into::into),
                after,
                first.into(),
            )
            .await?;
        let mut connection = Connection::with_additional_fields(
            after.is_some(),
            has_next,
            UserListInfo { total_count },
        );
        connection.edges.extend(
            users
                .into_iter()
                .map(|u| Edge::new(encode_cursor(u.id), UserNode::new(u))),
        );
        Ok(connection)
    }

    /// Resolves `User` references from other subgraphs. Unknown or malformed
    /// ids resolve to null rather than failing the whole batch.
    #[graphql(entity)]
    async fn find_user_by_id(
        &self,
        ctx: &Context<'_>,
        #[graphql(key)] id: ID,
    ) -> Result<Option<UserNode>, ApiError> {
        let Ok(id) = Uuid::parse_str(&id) else {
            return Ok(None);
        };
        Ok(loader::<DataLoader<UserLoader>>(ctx)?
            .load_one(id)
            .await?
            .map(UserNode::new))
    }
}
