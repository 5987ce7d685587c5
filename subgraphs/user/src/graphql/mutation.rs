//! The root `Mutation` and its inputs.

use super::*;

/// Profile changes; leave a field out to keep it, send null to clear it.
#[derive(InputObject)]
pub struct UpdateProfileInput {
    /// Display name, 1 to 100 characters (cannot be cleared).
    pub name: Option<String>,
    /// http(s) URL of at most 2048 characters.
    pub avatar_url: MaybeUndefined<String>,
    /// International form, e.g. "+14155550123"; stored as E.164. Unique.
    pub phone: MaybeUndefined<String>,
    /// BCP 47 tag such as "en" or "pt-BR".
    pub locale: MaybeUndefined<String>,
    /// Whether to receive marketing messages.
    pub marketing_opt_in: Option<bool>,
}

pub(super) fn maybe(value: MaybeUndefined<String>) -> Option<Option<String>> {
    match value {
        MaybeUndefined::Undefined => None,
        MaybeUndefined::Null => Some(None),
        MaybeUndefined::Value(v) => Some(Some(v)),
    }
}

/// The caller's address, when the deployment trusts it (see
/// `platform::server::ClientIp`).
fn client_ip<'a>(ctx: &'a Context<'_>) -> Option<&'a str> {
    ctx.data_opt::<ClientIp>().and_then(|ip| ip.0.as_deref())
}

/// The root `Mutation` type.
pub struct Mutation;

#[Object]
impl Mutation {
    /// Creates a customer account with an email, a phone number, or both.
    /// The email is trimmed and lower-cased, the phone stored as E.164; the
    /// password must be 8 to 128 characters. An email gets a verification
    /// link (see `verifyEmail`). Errors: `BAD_USER_INPUT` (with
    /// `extensions.field`), `CONFLICT` when the email or phone is taken,
    /// `RATE_LIMITED` (with `retryAfter`) past 10 registrations an hour from
    /// one client address, or 300 a minute from clients whose address is
    /// unknown.
    async fn register(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Email address, to log in with.")] email: Option<String>,
        #[graphql(desc = "Phone number in international form, to log in with.")] phone: Option<
            String,
        >,
        #[graphql(desc = "8 to 128 characters.")] password: String,
        #[graphql(desc = "Name shown to others, 1 to 100 characters.")] name: String,
    ) -> Result<UserNode, ApiError> {
        let ip = client_ip(ctx);
        let user = accounts(ctx)?
            .register(email.as_deref(), phone.as_deref(), &password, &name, ip)
            .await?;
        Ok(UserNode::owned_by_caller(user))
    }

    /// Exchanges an email (or a phone number) and a password for an access
    /// token and a refresh token. A wrong identifier and a wrong password give
    /// the same `UNAUTHENTICATED` error. Repeated failures give `RATE_LIMITED`
    /// with `extensions.retryAfter` (seconds), per account and per client IP.
    async fn login(
        &self,
        ctx: &Context<'_>,
        email: Option<String>,
        phone: Option<String>,
        password: String,
    ) -> Result<AuthPayload, ApiError> {
        let ip = client_ip(ctx);
        Ok(AuthPayload::from(
            accounts(ctx)?
                .login(email.as_deref(), phone.as_deref(), &password, ip)
                .await?,
        ))
    }

    /// Exchanges a refresh token for a new access token and a new refresh
    /// token; the one sent is spent. Sending a spent refresh token ends its
    /// whole session (it was copied). Errors: `UNAUTHENTICATED`.
    async fn refresh_session(
        &self,
        ctx: &Context<'_>,
        refresh_token: String,
    ) -> Result<AuthPayload, ApiError> {
        Ok(AuthPayload::from(
            accounts(ctx)?.refresh(&refresh_token).await?,
        ))
    }

    /// Ends the session of the bearer token: it and its refresh token stop
    /// working, in every subgraph within 30 seconds. Returns false if the
    /// session had already ended.
    async fn logout(&self, ctx: &Context<'_>) -> Result<bool, ApiError> {
        Ok(accounts(ctx)?
            .logout(platform::auth::principal(ctx).await?)
            .await?)
    }

    /// Ends every session of the signed-in user, on every device. Returns how
    /// many sessions were open.
    async fn logout_everywhere(&self, ctx: &Context<'_>) -> Result<i64, ApiError> {
        Ok(accounts(ctx)?
            .logout_everywhere(platform::auth::principal(ctx).await?)
            .await? as i64)
    }

    /// Changes the password and ends every session, this one included: log
    /// in again with the new password. A wrong current password is
    /// `BAD_USER_INPUT` on `currentPassword`.
    async fn change_password(
        &self,
        ctx: &Context<'_>,
        current_password: String,
        new_password: String,
    ) -> Result<bool, ApiError> {
        accounts(ctx)?
            .change_password(
                platform::auth::principal(ctx).await?,
                &current_password,
                &new_password,
            )
            .await?;
        Ok(true)
    }

    /// Changes the email address; needs the current password. `CONFLICT` if
    /// another account has it. The new address is unverified until the link
    /// sent to it is followed (`verifyEmail`); until then roles above
    /// CUSTOMER do not take effect. The previous address is told.
    async fn change_email(
        &self,
        ctx: &Context<'_>,
        new_email: String,
        current_password: String,
    ) -> Result<UserNode, ApiError> {
        let user = accounts(ctx)?
            .change_email(
                platform::auth::principal(ctx).await?,
                &new_email,
                &current_password,
            )
            .await?;
        Ok(UserNode::new(user))
    }

    /// Follows an email verification link: the address it was sent to counts
    /// as verified (`User.emailVerified`). Needs no sign-in: the token is the
    /// proof. A used, expired or unknown token, or one sent to an address
    /// the account no longer has, is `BAD_USER_INPUT` on `token`. Private
    /// fields of the answer still need the owner's bearer token.
    async fn verify_email(&self, ctx: &Context<'_>, token: String) -> Result<UserNode, ApiError> {
        Ok(UserNode::new(accounts(ctx)?.verify_email(&token).await?))
    }

    /// Sends the signed-in user a new verification link for their email,
    /// valid for 24 hours; earlier links stop working. Returns false when
    /// the email is verified already. `BAD_USER_INPUT` for an account
    /// without an email; `RATE_LIMITED` (with `retryAfter`) past 3 an hour.
    async fn resend_email_verification(&self, ctx: &Context<'_>) -> Result<bool, ApiError> {
        Ok(accounts(ctx)?
            .resend_email_verification(platform::auth::principal(ctx).await?)
            .await?)
    }

    /// Sends a password reset link to the account's email or phone, valid for
    /// 30 minutes and usable once. Always returns true, whether or not such
    /// an account exists.
    async fn request_password_reset(
        &self,
        ctx: &Context<'_>,
        email: Option<String>,
        phone: Option<String>,
    ) -> Result<bool, ApiError> {
        accounts(ctx)?
            .request_password_reset(email.as_deref(), phone.as_deref())
            .await?;
        Ok(true)
    }

    /// Sets a new password with the token from a reset link, and ends every
    /// session. A used, expired or unknown token is `BAD_USER_INPUT` on `token`.
    /// Limited per client like `register` (`RATE_LIMITED`).
    async fn reset_password(
        &self,
        ctx: &Context<'_>,
        token: String,
        new_password: String,
    ) -> Result<bool, ApiError> {
        let ip = client_ip(ctx);
        accounts(ctx)?
            .reset_password(&token, &new_password, ip)
            .await?;
        Ok(true)
    }

    /// Updates the signed-in user's profile.
    async fn update_profile(
        &self,
        ctx: &Context<'_>,
        input: UpdateProfileInput,
    ) -> Result<UserNode, ApiError> {
        let changes = ProfileInput {
            name: input.name,
            avatar_url: maybe(input.avatar_url),
            phone: maybe(input.phone),
            locale: maybe(input.locale),
            marketing_opt_in: input.marketing_opt_in,
        };
        Ok(UserNode::new(
            accounts(ctx)?
                .update_profile(platform::auth::principal(ctx).await?, changes)
                .await?,
        ))
    }

    /// Adds an address to the signed-in user's book; the first one becomes
    /// the default.
    async fn add_address(
        &self,
        ctx: &Context<'_>,
        input: AddressInputObject,
    ) -> Result<AddressNode, ApiError> {
        Ok(AddressNode(
            accounts(ctx)?
                .add_address(platform::auth::principal(ctx).await?, &input.into())
                .await?,
        ))
    }

    /// Replaces one of the signed-in user's addresses. `NOT_FOUND` for an
    /// address that is not theirs.
    async fn update_address(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: AddressInputObject,
    ) -> Result<AddressNode, ApiError> {
        let id = parse_id(&id, "id")?;
        Ok(AddressNode(
            accounts(ctx)?
                .update_address(platform::auth::principal(ctx).await?, id, &input.into())
                .await?,
        ))
    }

    /// Removes one of the signed-in user's addresses.
    async fn remove_address(&self, ctx: &Context<'_>, id: ID) -> Result<bool, ApiError> {
        let id = parse_id(&id, "id")?;
        accounts(ctx)?
            .remove_address(platform::auth::principal(ctx).await?, id)
            .await?;
        Ok(true)
    }

    /// Makes one of the signed-in user's addresses the default shipping address.
    async fn set_default_address(
        &self,
        ctx: &Context<'_>,
        id: ID,
    ) -> Result<AddressNode, ApiError> {
        let id = parse_id(&id, "id")?;
        Ok(AddressNode(
            accounts(ctx)?
                .set_default_address(platform::auth::principal(ctx).await?, id)
                .await?,
        ))
    }

    /// Saves a product for later. `NOT_FOUND` if the product service does not
    /// know it. Adding it twice is harmless.
    async fn add_to_wishlist(
        &self,
        ctx: &Context<'_>,
        product_id: ID,
    ) -> Result<UserNode, ApiError> {
        let product_id = parse_id(&product_id, "productId")?;
        let principal = platform::auth::principal(ctx).await?;
        let accounts = accounts(ctx)?;
        accounts.add_to_wishlist(principal, product_id).await?;
        Ok(UserNode::new(accounts.get_user(principal.user_id).await?))
    }

    /// Removes a product from the wishlist (no error if it was not there).
    async fn remove_from_wishlist(
        &self,
        ctx: &Context<'_>,
        product_id: ID,
    ) -> Result<UserNode, ApiError> {
        let product_id = parse_id(&product_id, "productId")?;
        let principal = platform::auth::principal(ctx).await?;
        let accounts = accounts(ctx)?;
        accounts.remove_from_wishlist(principal, product_id).await?;
        Ok(UserNode::new(accounts.get_user(principal.user_id).await?))
    }

    /// Replaces a user's roles; CUSTOMER is always kept. ADMIN only. Takes
    /// effect on the user's next request, without a new login. Granting
    /// STAFF or ADMIN to a user whose email is not verified is `CONFLICT`.
    async fn set_user_roles(
        &self,
        ctx: &Context<'_>,
        user_id: ID,
        roles: Vec<RoleName>,
    ) -> Result<UserNode, ApiError> {
        let user_id = parse_id(&user_id, "userId")?;
        let roles: Vec<_> = roles.into_iter().map(Into::into).collect();
        Ok(UserNode::new(
            accounts(ctx)?
                .set_roles(platform::auth::principal(ctx).await?, user_id, &roles)
                .await?,
        ))
    }

    /// Deactivates a user: they can no longer log in, and their tokens stop
    /// working (within 30 seconds in every subgraph). ADMIN only.
    async fn deactivate_user(&self, ctx: &Context<'_>, user_id: ID) -> Result<UserNode, ApiError> {
        let user_id = parse_id(&user_id, "userId")?;
        Ok(UserNode::new(
            accounts(ctx)?
                .deactivate_user(platform::auth::principal(ctx).await?, user_id)
                .await?,
        ))
    }
}
