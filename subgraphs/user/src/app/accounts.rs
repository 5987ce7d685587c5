//! The account use cases, shared by the GraphQL and gRPC adapters so both
//! doors behave the same.

use std::collections::HashMap;
use std::time::Duration;

use chrono::{DateTime, Utc};
use platform::auth::{Principal, Role};
use platform::events::contract::{
    ContactChannel, EmailVerificationRequested, PasswordResetRequested,
};
use uuid::Uuid;

use crate::app::hashing::{PasswordHasher, Verification};
use crate::app::throttle::LoginThrottle;
use crate::app::tokens::{IssuedToken, RefreshToken, TokenSigner};
use crate::domain::{
    Address, AddressFields, AddressInput, DisplayName, Email, Password, Phone, User,
    parse_avatar_url, parse_locale,
};
use crate::error::{Error, Result};
use crate::ports::Products;
use crate::store::{EmailCheck, Login, NewVerification, ProfileChanges, RefreshUse, UserStore};

/// A successful login or refresh.
#[derive(Debug, Clone)]
pub struct LoggedIn {
    /// The signed access token and its expiry.
    pub token: IssuedToken,
    /// The opaque refresh token: shown once, stored only as a hash.
    pub refresh_token: String,
    /// When the refresh token stops working.
    pub refresh_expires_at: DateTime<Utc>,
    /// The account that logged in.
    pub user: User,
}

/// Requested profile changes. The outer `Option` is "leave as it is"; an
/// inner `None` clears the field.
#[derive(Debug, Clone, Default)]
pub struct ProfileInput {
    /// A new display name.
    pub name: Option<String>,
    /// A new avatar URL; `Some(None)` clears it.
    pub avatar_url: Option<Option<String>>,
    /// A new phone number; `Some(None)` clears it.
    pub phone: Option<Option<String>>,
    /// A new locale (BCP 47); `Some(None)` clears it.
    pub locale: Option<Option<String>>,
    /// Whether the user accepts marketing messages.
    pub marketing_opt_in: Option<bool>,
}

/// How long a password reset link works.
pub const RESET_TTL: Duration = Duration::from_secs(30 * 60);

/// How long an email verification link works.
pub const VERIFICATION_TTL: Duration = Duration::from_secs(24 * 60 * 60);

/// Verification links one account may ask to be sent again per hour.
pub const VERIFICATIONS_PER_HOUR: u64 = 3;

/// Limits of their own on the anonymous mutations that cost the most,
/// `register` (a password hash, an account, two messages) and
/// `resetPassword`: per client address and hour when the address is trusted
/// (`SIGNUP_PER_ADDRESS_PER_HOUR`, 10), and one budget per minute shared by
/// every caller whose address is unknown (`SIGNUP_PER_MINUTE`, 300), so
/// that a flood of sign-ups cannot take the hashing capacity that logins
/// need.
pub struct SignupLimits {
    /// By client address, per hour.
    pub per_address: platform::ratelimit::RateLimiter,
    /// Callers without a trusted address, together, per minute.
    pub shared: platform::ratelimit::RateLimiter,
}

impl SignupLimits {
    /// `RATE_LIMITED` with the seconds to wait once `action` is over its
    /// limit for this caller.
    async fn check(&self, action: &str, ip: Option<&str>) -> Result<()> {
        let verdict = match ip {
            Some(ip) => self.per_address.check(&format!("{action}:{ip}")).await,
            None => self.shared.check(action).await,
        };
        verdict.map_err(Error::RateLimited)
    }
}

/// The account use cases: registration, sign-in and sessions, profiles,
/// addresses, roles, password resets and wishlists. GraphQL and gRPC both
/// call these.
pub struct Accounts {
    store: UserStore,
    hasher: PasswordHasher,
    tokens: TokenSigner,
    /// Lifetime of each refresh token.
    refresh_ttl: Duration,
    throttle: LoginThrottle,
    /// The product service, to check wishlist items exist.
    products: std::sync::Arc<dyn Products>,
    /// Where password reset links point, e.g. `https://shop.example/reset`.
    reset_url: String,
    /// Whether to log reset links (development only: they are secrets).
    log_reset_links: bool,
    /// Password reset requests per identifier (see [`RESETS_PER_HOUR`]).
    reset_limiter: platform::ratelimit::RateLimiter,
    /// Where email verification links point (`?token=` is appended).
    verify_email_url: String,
    /// `register` and `resetPassword` per client.
    signup_limits: SignupLimits,
    /// Verification links sent again, per account (see
    /// [`VERIFICATIONS_PER_HOUR`]).
    verification_limiter: platform::ratelimit::RateLimiter,
    /// How long a session lives at most, refreshes included.
    session_max_age: Duration,
    /// `shop_logins_total{outcome}`.
    logins: platform::metrics::IntCounterVec,
}

/// Password reset requests allowed per identifier (email or phone) and hour,
/// whoever asks: more would let anyone flood an inbox with reset mail. An
/// unknown identifier is limited the same way, so the limit reveals nothing.
pub const RESETS_PER_HOUR: u64 = 3;

/// Everything [`Accounts`] is built from.
pub struct AccountsParts {
    /// All SQL against the `users` schema.
    pub store: UserStore,
    /// Argon2id hashing on the blocking pool.
    pub hasher: PasswordHasher,
    /// Signs access tokens and publishes the JWKS.
    pub tokens: TokenSigner,
    /// How long a refresh token lives.
    pub refresh_ttl: Duration,
    /// Failed-login throttling.
    pub throttle: LoginThrottle,
    /// The product service, asked before a wishlist add.
    pub products: std::sync::Arc<dyn Products>,
    /// The page that completes a password reset (`?token=` is appended).
    pub reset_url: String,
    /// Whether reset links are logged (development only).
    pub log_reset_links: bool,
    /// Counts password reset requests per identifier.
    pub reset_limiter: platform::ratelimit::RateLimiter,
    /// The page that completes an email verification (`?token=` is
    /// appended).
    pub verify_email_url: String,
    /// Counts verification links sent again, per account.
    pub verification_limiter: platform::ratelimit::RateLimiter,
    /// `register` and `resetPassword` per client.
    pub signup_limits: SignupLimits,
    /// How long a session lives at most, refreshes included.
    pub session_max_age: Duration,
    /// Where logins are counted by outcome.
    pub metrics: platform::metrics::Metrics,
}

impl Accounts {
    /// Wires the use cases to their parts.
    pub fn new(parts: AccountsParts) -> Self {
        Self {
            store: parts.store,
            hasher: parts.hasher,
            tokens: parts.tokens,
            refresh_ttl: parts.refresh_ttl,
            throttle: parts.throttle,
            products: parts.products,
            reset_url: parts.reset_url,
            log_reset_links: parts.log_reset_links,
            reset_limiter: parts.reset_limiter,
            verify_email_url: parts.verify_email_url,
            verification_limiter: parts.verification_limiter,
            signup_limits: parts.signup_limits,
            session_max_age: parts.session_max_age,
            logins: parts.metrics.counter(
                "logins_total",
                "Login attempts by outcome: success, invalid_credentials, rate_limited, invalid_input, error.",
                &["outcome"],
            ),
        }
    }

    /// The store, for tools and tests.
    pub fn store(&self) -> &UserStore {
        &self.store
    }

    /// How many password hashes and verifications have run, for tests and
    /// the benchmark.
    pub fn password_hashes(&self) -> u64 {
        self.hasher.count()
    }

    /// The token signer (its JWKS is served over HTTP).
    pub fn tokens(&self) -> &TokenSigner {
        &self.tokens
    }

    fn refresh_expiry(&self) -> DateTime<Utc> {
        Utc::now()
            + chrono::Duration::from_std(self.refresh_ttl).unwrap_or(chrono::Duration::days(30))
    }

    // ---- registration and login

    /// Creates a customer account with an email, a phone number, or both.
    /// Every field is validated before the (expensive) password hash. An
    /// email gets a verification link, in the same transaction. Limited per
    /// client (`ip`, when trusted; see [`SignupLimits`]).
    pub async fn register(
        &self,
        email: Option<&str>,
        phone: Option<&str>,
        password: &str,
        name: &str,
        ip: Option<&str>,
    ) -> Result<User> {
        self.signup_limits.check("register", ip).await?;
        self.create_account(
            Uuid::now_v7(),
            email,
            phone,
            password,
            name,
            &[Role::Customer],
            false,
        )
        .await
    }

    /// An account with a chosen id and roles, for operators' tools (the demo
    /// accounts, `create-admin`): the operator vouches for the email, which
    /// counts as verified without a link.
    pub async fn register_with(
        &self,
        id: Uuid,
        email: Option<&str>,
        phone: Option<&str>,
        password: &str,
        name: &str,
        roles: &[Role],
    ) -> Result<User> {
        self.create_account(id, email, phone, password, name, roles, true)
            .await
    }

    #[allow(clippy::too_many_arguments)]
    async fn create_account(
        &self,
        id: Uuid,
        email: Option<&str>,
        phone: Option<&str>,
        password: &str,
        name: &str,
        roles: &[Role],
        vouched: bool,
    ) -> Result<User> {
        let email = email
            .filter(|e| !e.trim().is_empty())
            .map(Email::parse)
            .transpose()?;
        let phone = phone
            .filter(|p| !p.trim().is_empty())
            .map(Phone::parse)
            .transpose()?;
        if email.is_none() && phone.is_none() {
            return Err(Error::invalid(
                "email",
                "give an email, a phone number, or both",
            ));
        }
        let password = Password::parse(password)?;
        let name = DisplayName::parse(name)?;
        let hash = self.hasher.hash(password.expose()).await?;
        let email_check = match &email {
            None => EmailCheck::None,
            Some(_) if vouched => EmailCheck::Vouched,
            Some(email) => EmailCheck::Send(self.verification(id, email.as_str())),
        };
        let sent = match &email_check {
            EmailCheck::Send(verification) => Some(verification.event.clone()),
            _ => None,
        };
        let user = self
            .store
            .insert_user(
                id,
                email.as_ref().map(Email::as_str),
                phone.as_ref().map(Phone::as_str),
                &hash,
                name.as_str(),
                roles,
                email_check,
            )
            .await?;
        if let Some(sent) = sent {
            self.log_verification(&sent);
        }
        Ok(user)
    }

    // ---- email verification

    /// A new verification link for `email`, to store (and so send).
    fn verification(&self, user_id: Uuid, email: &str) -> NewVerification {
        let token = RefreshToken::generate();
        let link = format!("{}?token={}", self.verify_email_url, token.token);
        let expires_at = Utc::now()
            + chrono::Duration::from_std(VERIFICATION_TTL).unwrap_or(chrono::Duration::days(1));
        NewVerification {
            token_hash: token.hash,
            event: EmailVerificationRequested {
                user_id,
                email: email.to_string(),
                link,
                expires_at,
            },
        }
    }

    /// Logs a verification link once it is stored, in development only: the
    /// link is a secret.
    fn log_verification(&self, sent: &EmailVerificationRequested) {
        if self.log_reset_links {
            tracing::info!(
                to = sent.email,
                link = sent.link,
                "development: email verification link (the notification service sends it too)"
            );
        }
    }

    /// Follows a verification link: the address it was sent to counts as
    /// verified, if the account still has it. An unknown, used or expired
    /// token, or one for an address the account no longer has, is
    /// `BAD_USER_INPUT` on `token`.
    pub async fn verify_email(&self, token: &str) -> Result<User> {
        self.store
            .consume_email_verification(&RefreshToken::hash(token))
            .await?
            .ok_or_else(|| {
                Error::invalid("token", "the verification link is invalid, used or expired")
            })
    }

    /// Sends the caller a new verification link for their current email
    /// (the older links stop working). `false` when it is already verified;
    /// `BAD_USER_INPUT` without an email; `RATE_LIMITED` past
    /// [`VERIFICATIONS_PER_HOUR`].
    pub async fn resend_email_verification(&self, caller: &Principal) -> Result<bool> {
        let user = self.get_user(caller.user_id).await?;
        let Some(email) = user.email.as_deref() else {
            return Err(Error::invalid(
                "email",
                "this account has no email address to verify",
            ));
        };
        if user.email_verified {
            return Ok(false);
        }
        if let Err(retry_after) = self.verification_limiter.check(&user.id.to_string()).await {
            return Err(Error::RateLimited(retry_after));
        }
        let verification = self.verification(user.id, email);
        let sent = verification.event.clone();
        self.store.create_email_verification(verification).await?;
        self.log_verification(&sent);
        Ok(true)
    }

    /// Checks the credentials (email or phone) and opens a session.
    ///
    /// An unknown account, a wrong password and a deactivated account all
    /// give the same [`Error::InvalidCredentials`] after the same hashing
    /// work. Failures are throttled per identifier and per client IP.
    pub async fn login(
        &self,
        email: Option<&str>,
        phone: Option<&str>,
        password: &str,
        ip: Option<&str>,
    ) -> Result<LoggedIn> {
        let result = self.attempt_login(email, phone, password, ip).await;
        let outcome = match &result {
            Ok(_) => "success",
            Err(Error::InvalidCredentials) => "invalid_credentials",
            Err(Error::RateLimited(_)) => "rate_limited",
            Err(Error::InvalidInput { .. }) => "invalid_input",
            Err(_) => "error",
        };
        self.logins.with_label_values(&[outcome]).inc();
        result
    }

    async fn attempt_login(
        &self,
        email: Option<&str>,
        phone: Option<&str>,
        password: &str,
        ip: Option<&str>,
    ) -> Result<LoggedIn> {
        let identifier = match (email, phone) {
            (Some(e), None) => Email::parse(e)
                .map(|e| Login::Email(e.as_str().into()))
                .map_err(|_| e.trim().to_lowercase()),
            (None, Some(p)) => Phone::parse(p)
                .map(|p| Login::Phone(p.as_str().into()))
                .map_err(|_| p.trim().to_string()),
            _ => {
                return Err(Error::invalid(
                    "email",
                    "give either an email or a phone number",
                ));
            }
        };
        let key = match &identifier {
            Ok(login) => login.as_str().to_string(),
            Err(raw) => raw.clone(),
        };
        if let Some(seconds) = self.throttle.locked_for(&key, ip).await {
            return Err(Error::RateLimited(seconds));
        }
        match self.check_credentials(identifier.ok(), password).await {
            Ok(user) => {
                self.throttle.record_success(&key, ip).await;
                self.open_session(user).await
            }
            Err(Error::InvalidCredentials) => match self.throttle.record_failure(&key, ip).await {
                Some(seconds) => Err(Error::RateLimited(seconds)),
                None => Err(Error::InvalidCredentials),
            },
            Err(other) => Err(other),
        }
    }

    async fn check_credentials(&self, login: Option<Login>, password: &str) -> Result<User> {
        let password = match Password::parse(password) {
            Ok(p) => p,
            Err(_) => {
                // Never hash an over-long input, but spend the same time.
                self.hasher.verify_dummy("not-the-password").await;
                return Err(Error::InvalidCredentials);
            }
        };
        let found = match login {
            Some(login) => self.store.find_credentials(&login).await?,
            None => None,
        };
        let Some((user, hash)) = found else {
            self.hasher.verify_dummy(password.expose()).await;
            return Err(Error::InvalidCredentials);
        };
        match self.hasher.verify(password.expose(), &hash).await? {
            Verification::Mismatch => return Err(Error::InvalidCredentials),
            Verification::Match => {}
            Verification::MatchNeedsRehash(new_hash) => {
                self.store.update_password_hash(user.id, &new_hash).await?
            }
        }
        if !user.active {
            return Err(Error::InvalidCredentials);
        }
        Ok(user)
    }

    async fn open_session(&self, user: User) -> Result<LoggedIn> {
        let session_id = Uuid::now_v7();
        let refresh = RefreshToken::generate();
        let refresh_expires_at = self.refresh_expiry();
        self.store
            .create_session(session_id, user.id, &refresh.hash, refresh_expires_at)
            .await?;
        let token = self
            .tokens
            .issue(user.id, &user.granted_roles(), session_id)?;
        Ok(LoggedIn {
            token,
            refresh_token: refresh.token,
            refresh_expires_at,
            user,
        })
    }

    /// Exchanges a refresh token for a new access token and a new refresh
    /// token (rotation). Presenting a token that was already used revokes
    /// its whole session: one of the two holders is an attacker, and we
    /// cannot tell which.
    pub async fn refresh(&self, refresh_token: &str) -> Result<LoggedIn> {
        let (session_id, user_id) = match self
            .store
            .use_refresh_token(&RefreshToken::hash(refresh_token))
            .await?
        {
            RefreshUse::Unknown | RefreshUse::First { expired: true, .. } => {
                return Err(Error::InvalidToken);
            }
            RefreshUse::Reused { session_id } => {
                if self.store.revoke_session(session_id).await? {
                    tracing::warn!(%session_id, "refresh token reused: session revoked");
                }
                return Err(Error::InvalidToken);
            }
            RefreshUse::First {
                session_id,
                user_id,
                expired: false,
            } => (session_id, user_id),
        };
        match self.store.session_state(session_id, user_id).await? {
            Some(state) if self.session_alive(&state) => {}
            _ => return Err(Error::InvalidToken),
        }
        let user = self.get_user(user_id).await?;
        let next = RefreshToken::generate();
        let refresh_expires_at = self.refresh_expiry();
        self.store
            .add_refresh_token(session_id, &next.hash, refresh_expires_at)
            .await?;
        let token = self
            .tokens
            .issue(user.id, &user.granted_roles(), session_id)?;
        Ok(LoggedIn {
            token,
            refresh_token: next.token,
            refresh_expires_at,
            user,
        })
    }

    /// Ends the caller's session: its access and refresh tokens stop working
    /// (at once here, within the verification cache TTL elsewhere).
    pub async fn logout(&self, caller: &Principal) -> Result<bool> {
        self.store.revoke_session(caller.session_id).await
    }

    /// Ends every session of the caller; returns how many were open.
    pub async fn logout_everywhere(&self, caller: &Principal) -> Result<u64> {
        self.store.revoke_all_sessions(caller.user_id).await
    }

    /// Verifies a token's signature and claims, then that its session is not
    /// revoked and its user is still active. Roles come from the database, so
    /// a role change applies without a new login.
    pub async fn verify_token(&self, token: &str) -> Result<Principal> {
        let claims = self.tokens.verify(token)?;
        let user_id = Uuid::parse_str(&claims.sub).map_err(|_| Error::InvalidToken)?;
        let session_id = Uuid::parse_str(&claims.sid).map_err(|_| Error::InvalidToken)?;
        match self.store.session_state(session_id, user_id).await? {
            Some(state) if self.session_alive(&state) => Ok(Principal {
                user_id,
                roles: state.roles,
                session_id,
                expires_at: claims.exp,
            }),
            _ => Err(Error::InvalidToken),
        }
    }

    /// Whether a session may still be used: not revoked, its user active,
    /// and younger than its absolute lifetime (refreshing never extends a
    /// session past [`JwtConfig::session_max_age`] from its login).
    ///
    /// [`JwtConfig::session_max_age`]: crate::config::JwtConfig::session_max_age
    fn session_alive(&self, state: &crate::store::SessionState) -> bool {
        let max_age =
            chrono::Duration::from_std(self.session_max_age).unwrap_or(chrono::Duration::days(30));
        !state.revoked && state.user_active && state.started_at + max_age > Utc::now()
    }

    // ---- passwords

    async fn require_password(&self, user_id: Uuid, password: &str) -> Result<User> {
        let (user, hash) = self
            .store
            .credentials_by_id(user_id)
            .await?
            .ok_or(Error::NotFound)?;
        let ok = Password::parse(password).is_ok()
            && self.hasher.verify(password, &hash).await? != Verification::Mismatch;
        if !ok {
            return Err(Error::invalid(
                "currentPassword",
                "the current password is not correct",
            ));
        }
        Ok(user)
    }

    /// Changes the caller's password and ends every session, this one too.
    pub async fn change_password(
        &self,
        caller: &Principal,
        current: &str,
        new: &str,
    ) -> Result<()> {
        let new = Password::parse(new).map_err(|_| {
            Error::invalid(
                "newPassword",
                format!(
                    "password must be {} to {} characters long",
                    Password::MIN,
                    Password::MAX
                ),
            )
        })?;
        self.require_password(caller.user_id, current).await?;
        let hash = self.hasher.hash(new.expose()).await?;
        self.store.replace_password(caller.user_id, &hash).await
    }

    /// Changes the caller's email; needs the current password.
    pub async fn change_email(
        &self,
        caller: &Principal,
        new_email: &str,
        current_password: &str,
    ) -> Result<User> {
        let email = Email::parse(new_email)?;
        let current = self
            .require_password(caller.user_id, current_password)
            .await?;
        if current.email.as_deref() == Some(email.as_str()) {
            return Ok(current);
        }
        let verification = self.verification(caller.user_id, email.as_str());
        let sent = verification.event.clone();
        let user = self
            .store
            .set_email(caller.user_id, email.as_str(), verification)
            .await?;
        self.log_verification(&sent);
        Ok(user)
    }

    /// Starts a password reset. Answers the same whether or not the account
    /// exists; for an active account it stores a single-use token (hashed,
    /// 30 minutes) and queues the message that delivers the link.
    pub async fn request_password_reset(
        &self,
        email: Option<&str>,
        phone: Option<&str>,
    ) -> Result<()> {
        let login = match (email, phone) {
            (Some(e), None) => Email::parse(e)
                .ok()
                .map(|e| Login::Email(e.as_str().into())),
            (None, Some(p)) => Phone::parse(p)
                .ok()
                .map(|p| Login::Phone(p.as_str().into())),
            _ => {
                return Err(Error::invalid(
                    "email",
                    "give either an email or a phone number",
                ));
            }
        };
        let typed = email.or(phone).unwrap_or_default().trim().to_lowercase();
        if let Err(retry_after) = self.reset_limiter.check(&reset_key(&typed)).await {
            return Err(Error::RateLimited(retry_after));
        }
        let Some(login) = login else { return Ok(()) };
        let Some((user, _)) = self.store.find_credentials(&login).await? else {
            return Ok(());
        };
        if !user.active {
            return Ok(());
        }
        let token = RefreshToken::generate();
        let link = format!("{}?token={}", self.reset_url, token.token);
        let (channel, to) = match &login {
            Login::Email(e) => (ContactChannel::Email, e.clone()),
            Login::Phone(p) => (ContactChannel::Sms, p.clone()),
        };
        let expires_at = Utc::now()
            + chrono::Duration::from_std(RESET_TTL).unwrap_or(chrono::Duration::minutes(30));
        let request = PasswordResetRequested {
            user_id: user.id,
            channel,
            link: link.clone(),
            expires_at,
        };
        self.store
            .create_password_reset(&token.hash, request)
            .await?;
        // The link is a secret: only a development stack logs it.
        if self.log_reset_links {
            tracing::info!(
                ?channel,
                to,
                link,
                "development: password reset link (the notification service sends it too)"
            );
        }
        Ok(())
    }

    /// Completes a reset: sets the password and ends every session. Limited
    /// per client (`ip`, when trusted; see [`SignupLimits`]).
    pub async fn reset_password(
        &self,
        token: &str,
        new_password: &str,
        ip: Option<&str>,
    ) -> Result<()> {
        self.signup_limits.check("reset", ip).await?;
        let password = Password::parse(new_password).map_err(|_| {
            Error::invalid(
                "newPassword",
                format!(
                    "password must be {} to {} characters long",
                    Password::MIN,
                    Password::MAX
                ),
            )
        })?;
        let token_hash = RefreshToken::hash(token);
        // A made-up token costs a lookup, not a hash.
        if !self.store.reset_is_open(&token_hash).await? {
            return Err(Error::invalid(
                "token",
                "the reset link is invalid, used or expired",
            ));
        }
        let hash = self.hasher.hash(password.expose()).await?;
        match self.store.consume_reset(&token_hash, &hash).await? {
            Some(_) => Ok(()),
            None => Err(Error::invalid(
                "token",
                "the reset link is invalid, used or expired",
            )),
        }
    }

    // ---- profile

    /// Changes the caller's own profile.
    pub async fn update_profile(&self, caller: &Principal, input: ProfileInput) -> Result<User> {
        let changes = ProfileChanges {
            name: input
                .name
                .as_deref()
                .map(DisplayName::parse)
                .transpose()?
                .map(|n| n.as_str().to_string()),
            avatar_url: input
                .avatar_url
                .map(|v| v.as_deref().map(parse_avatar_url).transpose())
                .transpose()?,
            phone: input
                .phone
                .map(|v| {
                    v.as_deref()
                        .map(|p| Phone::parse(p).map(|p| p.as_str().to_string()))
                        .transpose()
                })
                .transpose()?,
            locale: input
                .locale
                .map(|v| v.as_deref().map(parse_locale).transpose())
                .transpose()?,
            marketing_opt_in: input.marketing_opt_in,
        };
        self.store.update_profile(caller.user_id, &changes).await
    }

    /// One account by id; `NOT_FOUND` when it does not exist.
    pub async fn get_user(&self, id: Uuid) -> Result<User> {
        self.store
            .users_by_ids(&[id])
            .await?
            .into_iter()
            .next()
            .ok_or(Error::NotFound)
    }

    /// Active users holding `role` (admins count as staff), by id, after
    /// `after`: the peers' directory for staff alerts.
    pub async fn users_with_role(
        &self,
        role: Role,
        after: Option<Uuid>,
        limit: i64,
    ) -> Result<Vec<User>> {
        let mut found = self.store.search(None, Some(role), after, limit).await?.0;
        if role == Role::Staff {
            found.extend(
                self.store
                    .search(None, Some(Role::Admin), after, limit)
                    .await?
                    .0,
            );
            found.sort_by_key(|u| u.id);
            found.dedup_by_key(|u| u.id);
            found.truncate(usize::try_from(limit).unwrap_or(0));
        }
        found.retain(|u| u.active);
        Ok(found)
    }

    /// Active users with `product_id` on their wishlist, by id, after `after`.
    pub async fn wishlisters(
        &self,
        product_id: Uuid,
        after: Option<Uuid>,
        limit: i64,
    ) -> Result<Vec<User>> {
        self.store.wishlisters(product_id, after, limit).await
    }

    /// The users among `ids` that exist, in one query.
    pub async fn users_by_ids(&self, ids: &[Uuid]) -> Result<HashMap<Uuid, User>> {
        Ok(self
            .store
            .users_by_ids(ids)
            .await?
            .into_iter()
            .map(|u| (u.id, u))
            .collect())
    }

    // ---- addresses

    /// Each user's addresses, default first, in one query.
    pub async fn addresses_of(&self, user_ids: &[Uuid]) -> Result<HashMap<Uuid, Vec<Address>>> {
        let mut by_user: HashMap<Uuid, Vec<Address>> =
            user_ids.iter().map(|id| (*id, Vec::new())).collect();
        for address in self.store.addresses_of(user_ids).await? {
            by_user.entry(address.user_id).or_default().push(address);
        }
        Ok(by_user)
    }

    /// One of a user's addresses; someone else's address is `NOT_FOUND`.
    pub async fn address(&self, user_id: Uuid, id: Uuid) -> Result<Address> {
        self.store
            .address(user_id, id)
            .await?
            .ok_or(Error::AddressNotFound)
    }

    /// Adds an address to the caller's address book.
    pub async fn add_address(&self, caller: &Principal, input: &AddressInput) -> Result<Address> {
        let fields = AddressFields::parse(input)?;
        self.store
            .insert_address(caller.user_id, Uuid::now_v7(), &fields)
            .await
    }

    /// Replaces one of the caller's addresses; another user's is `NOT_FOUND`.
    pub async fn update_address(
        &self,
        caller: &Principal,
        id: Uuid,
        input: &AddressInput,
    ) -> Result<Address> {
        let fields = AddressFields::parse(input)?;
        self.store
            .update_address(caller.user_id, id, &fields)
            .await?
            .ok_or(Error::AddressNotFound)
    }

    /// Removes one of the caller's addresses.
    pub async fn remove_address(&self, caller: &Principal, id: Uuid) -> Result<()> {
        if self.store.delete_address(caller.user_id, id).await? {
            Ok(())
        } else {
            Err(Error::AddressNotFound)
        }
    }

    /// Makes one of the caller's addresses the default.
    pub async fn set_default_address(&self, caller: &Principal, id: Uuid) -> Result<Address> {
        if !self.store.set_default_address(caller.user_id, id).await? {
            return Err(Error::AddressNotFound);
        }
        self.address(caller.user_id, id).await
    }

    // ---- wishlist

    /// Each user's wishlisted product ids, newest first, in one query.
    pub async fn wishlists(&self, user_ids: &[Uuid]) -> Result<HashMap<Uuid, Vec<Uuid>>> {
        let mut by_user: HashMap<Uuid, Vec<Uuid>> =
            user_ids.iter().map(|id| (*id, Vec::new())).collect();
        for (user, product) in self.store.wishlists(user_ids).await? {
            by_user.entry(user).or_default().push(product);
        }
        Ok(by_user)
    }

    /// Adds a product that is on sale; an unknown one, a draft or an
    /// archived one is `NOT_FOUND` (a draft's existence is not revealed).
    pub async fn add_to_wishlist(&self, caller: &Principal, product_id: Uuid) -> Result<()> {
        if !self.products.on_sale(product_id).await? {
            return Err(Error::UnknownProduct(product_id));
        }
        self.store.add_to_wishlist(caller.user_id, product_id).await
    }

    /// Takes a product off the caller's wishlist; `false` if it was not there.
    pub async fn remove_from_wishlist(&self, caller: &Principal, product_id: Uuid) -> Result<bool> {
        self.store
            .remove_from_wishlist(caller.user_id, product_id)
            .await
    }

    // ---- administration

    /// Users matching a text and a role, for admins.
    pub async fn search_users(
        &self,
        caller: &Principal,
        query: Option<&str>,
        role: Option<Role>,
        after: Option<Uuid>,
        first: i64,
    ) -> Result<(Vec<User>, bool, i64)> {
        require_admin(caller)?;
        if !(0..=100).contains(&first) {
            return Err(Error::invalid("first", "first must be between 0 and 100"));
        }
        let query = query.map(str::trim).filter(|q| !q.is_empty());
        if query.is_some_and(|q| q.chars().count() > 200) {
            return Err(Error::invalid(
                "query",
                "query must be at most 200 characters",
            ));
        }
        let (mut users, total) = self.store.search(query, role, after, first + 1).await?;
        let has_next = users.len() as i64 > first;
        users.truncate(first as usize);
        Ok((users, has_next, total))
    }

    /// Replaces a user's roles (CUSTOMER is always kept). Admins only; an
    /// admin cannot remove their own ADMIN role.
    pub async fn set_roles(
        &self,
        caller: &Principal,
        user_id: Uuid,
        roles: &[Role],
    ) -> Result<User> {
        require_admin(caller)?;
        let mut roles: Vec<Role> = roles.to_vec();
        roles.push(Role::Customer);
        roles.sort();
        roles.dedup();
        if user_id == caller.user_id && !roles.contains(&Role::Admin) {
            return Err(Error::Conflict(
                "an admin cannot remove their own ADMIN role",
            ));
        }
        let user = self.get_user(user_id).await?;
        if !user.email_verified && roles.iter().any(|r| *r != Role::Customer) {
            return Err(Error::Conflict(
                "roles above CUSTOMER need a verified email: the user must follow the verification link first",
            ));
        }
        self.store.set_roles(user_id, &roles).await?;
        self.get_user(user_id).await
    }

    /// Deactivates a user: they cannot log in and their tokens stop verifying.
    pub async fn deactivate_user(&self, caller: &Principal, user_id: Uuid) -> Result<User> {
        require_admin(caller)?;
        if user_id == caller.user_id {
            return Err(Error::Conflict("an admin cannot deactivate themself"));
        }
        self.store.deactivate(user_id).await?.ok_or(Error::NotFound)
    }

    /// Creates the first admin, or promotes an existing account when
    /// `password` is that account's password. For the `cargo xtask
    /// create-admin` command, not for the API.
    pub async fn ensure_admin(&self, email: &str, password: &str, name: &str) -> Result<User> {
        let email = Email::parse(email)?;
        let roles = [Role::Customer, Role::Staff, Role::Admin];
        match self.store.user_by_email(email.as_str()).await? {
            // Promoting an account needs its password: whoever runs the
            // command must own the account, not just know its address.
            Some(user) => {
                self.require_password(user.id, password)
                    .await
                    .map_err(|_| {
                        Error::invalid(
                            "password",
                            "an account with this email exists: give its current password (SHOP_ADMIN_PASSWORD) to promote it",
                        )
                    })?;
                // The operator who knows the password vouches for the address.
                self.store.vouch_for_email(user.id).await?;
                self.store.set_roles(user.id, &roles).await?;
                self.get_user(user.id).await
            }
            None => {
                self.register_with(
                    Uuid::now_v7(),
                    Some(email.as_str()),
                    None,
                    password,
                    name,
                    &roles,
                )
                .await
            }
        }
    }
}

/// The rate-limit key of a reset request: a digest of what was typed.
fn reset_key(identifier: &str) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(identifier.as_bytes())
        .iter()
        .take(16)
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn require_admin(caller: &Principal) -> Result<()> {
    Ok(caller.require_role(Role::Admin)?)
}
