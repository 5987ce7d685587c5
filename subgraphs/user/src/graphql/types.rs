use async_graphql::dataloader::DataLoader;
use async_graphql::{Context, Enum, ID, InputObject, Object, SimpleObject};
use chrono::{DateTime, TimeZone, Utc};
use platform::ApiError;
use platform::auth::Role;

use super::{AddressLoader, ProductRef, WishlistLoader, loader};
use crate::app::accounts::LoggedIn;
use crate::domain::{Address, AddressInput, User};

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

impl From<RoleName> for Role {
    fn from(role: RoleName) -> Self {
        match role {
            RoleName::Customer => Role::Customer,
            RoleName::Staff => Role::Staff,
            RoleName::Admin => Role::Admin,
        }
    }
}

/// A user account. Public fields (`id`, `name`, `avatarUrl`, `createdAt`)
/// are visible to everyone. Private fields (email, phone, locale, marketing
/// choice, roles, addresses, wishlist) are visible only to the user and to
/// staff; anyone else gets a `FORBIDDEN` error for them.
pub struct UserNode {
    user: User,
    /// True when the caller just proved to be this user (register, login),
    /// before any token exists.
    caller_is_owner: bool,
}

impl UserNode {
    /// A user as seen by anyone: private fields need the owner or staff.
    pub fn new(user: User) -> Self {
        Self {
            user,
            caller_is_owner: false,
        }
    }

    /// A user the caller just proved to be (register, login).
    pub fn owned_by_caller(user: User) -> Self {
        Self {
            user,
            caller_is_owner: true,
        }
    }

    async fn require_private_access(&self, ctx: &Context<'_>) -> Result<(), ApiError> {
        if self.caller_is_owner {
            return Ok(());
        }
        Ok(platform::auth::principal(ctx)
            .await?
            .require_self_or_staff(self.user.id)?)
    }
}

#[Object(name = "User")]
impl UserNode {
    /// Unique id (a UUID).
    async fn id(&self) -> ID {
        ID(self.user.id.to_string())
    }

    /// Display name. Public.
    async fn name(&self) -> &str {
        &self.user.name
    }

    /// Avatar image URL. Public.
    async fn avatar_url(&self) -> Option<&str> {
        self.user.avatar_url.as_deref()
    }

    /// Email address, lower-cased; null for a phone-only account. Private: the user and staff only.
    async fn email(&self, ctx: &Context<'_>) -> Result<Option<&str>, ApiError> {
        self.require_private_access(ctx).await?;
        Ok(self.user.email.as_deref())
    }

    /// Whether the owner followed the verification link sent to `email`
    /// (false without an email, and again after `changeEmail` until the new
    /// link is followed). Roles above CUSTOMER take effect only while it is
    /// true. Private: the user and staff only.
    async fn email_verified(&self, ctx: &Context<'_>) -> Result<bool, ApiError> {
        self.require_private_access(ctx).await?;
        Ok(self.user.email_verified)
    }

    /// Phone number in E.164 form. Private: the user and staff only.
    async fn phone(&self, ctx: &Context<'_>) -> Result<Option<&str>, ApiError> {
        self.require_private_access(ctx).await?;
        Ok(self.user.phone.as_deref())
    }

    /// Preferred language, a BCP 47 tag such as "pt-BR". Private.
    async fn locale(&self, ctx: &Context<'_>) -> Result<Option<&str>, ApiError> {
        self.require_private_access(ctx).await?;
        Ok(self.user.locale.as_deref())
    }

    /// Whether the user agreed to receive marketing messages. Private.
    async fn marketing_opt_in(&self, ctx: &Context<'_>) -> Result<bool, ApiError> {
        self.require_private_access(ctx).await?;
        Ok(self.user.marketing_opt_in)
    }

    /// Roles held. Those above CUSTOMER take effect only while
    /// `emailVerified` is true. Private: the user and staff only.
    async fn roles(&self, ctx: &Context<'_>) -> Result<Vec<RoleName>, ApiError> {
        self.require_private_access(ctx).await?;
        Ok(self
            .user
            .roles
            .iter()
            .copied()
            .map(RoleName::from)
            .collect())
    }

    /// False once an admin has deactivated the account. Private.
    async fn active(&self, ctx: &Context<'_>) -> Result<bool, ApiError> {
        self.require_private_access(ctx).await?;
        Ok(self.user.active)
    }

    /// The address book, default first. Private: the user and staff only.
    async fn addresses(&self, ctx: &Context<'_>) -> Result<Vec<AddressNode>, ApiError> {
        self.require_private_access(ctx).await?;
        let addresses = loader::<DataLoader<AddressLoader>>(ctx)?
            .load_one(self.user.id)
            .await?
            .unwrap_or_default();
        Ok(addresses.into_iter().map(AddressNode).collect())
    }

    /// The default shipping address, if any. Private.
    async fn default_shipping_address(
        &self,
        ctx: &Context<'_>,
    ) -> Result<Option<AddressNode>, ApiError> {
        self.require_private_access(ctx).await?;
        let addresses = loader::<DataLoader<AddressLoader>>(ctx)?
            .load_one(self.user.id)
            .await?
            .unwrap_or_default();
        Ok(addresses
            .into_iter()
            .find(|a| a.is_default)
            .map(AddressNode))
    }

    /// Products the user saved for later, newest first; the router resolves
    /// their fields in the product subgraph. Private.
    async fn wishlist(&self, ctx: &Context<'_>) -> Result<Vec<ProductRef>, ApiError> {
        self.require_private_access(ctx).await?;
        let products = loader::<DataLoader<WishlistLoader>>(ctx)?
            .load_one(self.user.id)
            .await?
            .unwrap_or_default();
        Ok(products
            .into_iter()
            .map(|id| ProductRef {
                id: ID(id.to_string()),
            })
            .collect())
    }

    /// When the account was created. Public.
    async fn created_at(&self) -> DateTime<Utc> {
        self.user.created_at
    }
}

/// A postal address in a user's address book.
pub struct AddressNode(pub Address);

#[Object(name = "Address")]
impl AddressNode {
    /// Unique id (a UUID).
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    /// Who receives deliveries here.
    async fn recipient(&self) -> &str {
        &self.0.fields.recipient
    }
    /// Street and number.
    async fn line1(&self) -> &str {
        &self.0.fields.line1
    }
    /// Apartment, suite, floor.
    async fn line2(&self) -> Option<&str> {
        self.0.fields.line2.as_deref()
    }
    async fn city(&self) -> &str {
        &self.0.fields.city
    }
    /// State, province or region.
    async fn region(&self) -> Option<&str> {
        self.0.fields.region.as_deref()
    }
    async fn postal_code(&self) -> &str {
        &self.0.fields.postal_code
    }
    /// ISO 3166-1 alpha-2 country code, e.g. "DE".
    async fn country(&self) -> &str {
        &self.0.fields.country
    }
    /// Contact phone for the delivery, E.164.
    async fn phone(&self) -> Option<&str> {
        self.0.fields.phone.as_deref()
    }
    /// Whether this is the default shipping address.
    async fn is_default(&self) -> bool {
        self.0.is_default
    }
}

/// An address as a client gives it.
#[derive(InputObject)]
pub struct AddressInputObject {
    /// Who receives deliveries, 1 to 200 characters.
    pub recipient: String,
    /// Street and number, 1 to 200 characters.
    pub line1: String,
    /// Apartment, suite, floor.
    pub line2: Option<String>,
    /// 1 to 100 characters.
    pub city: String,
    /// State, province or region.
    pub region: Option<String>,
    /// 1 to 20 characters.
    pub postal_code: String,
    /// ISO 3166-1 alpha-2 code, e.g. "US" (`BAD_USER_INPUT` otherwise).
    pub country: String,
    /// Contact phone, international form.
    pub phone: Option<String>,
}

impl From<AddressInputObject> for AddressInput {
    fn from(input: AddressInputObject) -> Self {
        AddressInput {
            recipient: input.recipient,
            line1: input.line1,
            line2: input.line2,
            city: input.city,
            region: input.region,
            postal_code: input.postal_code,
            country: input.country,
            phone: input.phone,
        }
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
            expires_at: Utc
                .timestamp_opt(logged_in.token.expires_at, 0)
                .single()
                .unwrap_or_else(Utc::now),
            refresh_token: logged_in.refresh_token,
            refresh_expires_at: logged_in.refresh_expires_at,
            user: UserNode::owned_by_caller(logged_in.user),
        }
    }
}
