use async_graphql::{Context, Enum, ID, Object, SimpleObject};
use chrono::{DateTime, TimeZone, Utc};
use platform::ApiError;
use platform::auth::Role;

use crate::accounts::LoggedIn;
use crate::domain::User;

/// A role grants a set of permissions. Higher roles include the lower ones.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(name = "Role")]
pub enum RoleName {
    /// Shops and manages their own orders. Every account has it.
    Customer,
    /// Manages the catalog, inventory and order fulfilment.
    Staff,
    /// Manages users and roles.
    Admin,
}

impl From<Role> for RoleName {
    fn from(role: Role) -> Self {
        match role {
            Role::Customer => RoleName::Customer,
            Role::Staff => RoleName::Staff,
            Role::Admin => RoleName::Admin,
        }
    }
}

/// A user account. Private fields (email, roles) are visible only to the user
/// themself and to staff; others get `FORBIDDEN` for those fields.
pub struct UserNode {
    user: User,
    /// True when the caller just proved to be this user (register, login),
    /// before any token exists.
    caller_is_owner: bool,
}

impl UserNode {
    pub fn new(user: User) -> Self {
        Self { user, caller_is_owner: false }
    }

    pub fn owned_by_caller(user: User) -> Self {
        Self { user, caller_is_owner: true }
    }

    async fn require_private_access(&self, ctx: &Context<'_>) -> Result<(), ApiError> {
        if self.caller_is_owner {
            return Ok(());
        }
        platform::auth::principal(ctx).await?.require_self_or_staff(self.user.id)
    }
}

#[Object(name = "User")]
impl UserNode {
    /// Unique id (a UUID).
    async fn id(&self) -> ID {
        ID(self.user.id.to_string())
    }

    /// Email address, lower-cased. Visible to the user and to staff.
    async fn email(&self, ctx: &Context<'_>) -> Result<&str, ApiError> {
        self.require_private_access(ctx).await?;
        Ok(&self.user.email)
    }

    /// Display name.
    async fn name(&self) -> &str {
        &self.user.name
    }

    /// Roles held. Visible to the user and to staff.
    async fn roles(&self, ctx: &Context<'_>) -> Result<Vec<RoleName>, ApiError> {
        self.require_private_access(ctx).await?;
        Ok(self.user.roles.iter().copied().map(RoleName::from).collect())
    }

    /// When the account was created.
    async fn created_at(&self) -> DateTime<Utc> {
        self.user.created_at
    }
}

/// The result of a successful login or refresh: a short-lived access token
/// and the refresh token that gets the next one.
#[derive(SimpleObject)]
pub struct AuthPayload {
    /// Signed JWT (EdDSA) to send as `Authorization: Bearer <accessToken>`. Lives 15 minutes by default.
    pub access_token: String,
    /// Always "Bearer".
    pub token_type: String,
    /// When the access token stops being accepted.
    pub expires_at: DateTime<Utc>,
    /// Opaque token for `refreshSession`. Each use returns a new one and spends this one; presenting a spent token ends the session.
    pub refresh_token: String,
    /// When the refresh token stops being accepted.
    pub refresh_expires_at: DateTime<Utc>,
    /// The user who logged in.
    pub user: UserNode,
}

impl From<LoggedIn> for AuthPayload {
    fn from(logged_in: LoggedIn) -> Self {
        Self {
            access_token: logged_in.token.token,
            token_type: "Bearer".into(),
            expires_at: Utc.timestamp_opt(logged_in.token.expires_at, 0).single().unwrap_or_else(Utc::now),
            refresh_token: logged_in.refresh_token,
            refresh_expires_at: logged_in.refresh_expires_at,
            user: UserNode::owned_by_caller(logged_in.user),
        }
    }
}
