//! The account use cases, shared by the GraphQL and gRPC adapters so both
//! doors behave the same.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use platform::auth::{Principal, Role};
use uuid::Uuid;

use crate::domain::{DisplayName, Email, Password, User};
use crate::error::{Error, Result};
use crate::hashing::{PasswordHasher, Verification};
use crate::store::{RefreshUse, UserStore};
use crate::tokens::{IssuedToken, RefreshToken, TokenSigner};

/// A successful login or refresh.
#[derive(Debug, Clone)]
pub struct LoggedIn {
    pub token: IssuedToken,
    /// The opaque refresh token: shown once, stored only as a hash.
    pub refresh_token: String,
    pub refresh_expires_at: DateTime<Utc>,
    pub user: User,
}

pub struct Accounts {
    store: UserStore,
    hasher: PasswordHasher,
    tokens: TokenSigner,
    /// Lifetime of each refresh token.
    refresh_ttl: std::time::Duration,
}

impl Accounts {
    pub fn new(store: UserStore, hasher: PasswordHasher, tokens: TokenSigner, refresh_ttl: std::time::Duration) -> Self {
        Self { store, hasher, tokens, refresh_ttl }
    }

    pub fn tokens(&self) -> &TokenSigner {
        &self.tokens
    }

    fn refresh_expiry(&self) -> DateTime<Utc> {
        Utc::now() + chrono::Duration::from_std(self.refresh_ttl).unwrap_or(chrono::Duration::days(30))
    }

    pub fn store(&self) -> &UserStore {
        &self.store
    }

    /// Creates a customer account. Every field is validated before the
    /// (expensive) password hash is computed.
    pub async fn register(&self, email: &str, password: &str, name: &str) -> Result<User> {
        self.register_with(Uuid::now_v7(), email, password, name, &[Role::Customer]).await
    }

    /// [`register`](Self::register) with a chosen id and roles, for demo data.
    pub async fn register_with(&self, id: Uuid, email: &str, password: &str, name: &str, roles: &[Role]) -> Result<User> {
        let email = Email::parse(email)?;
        let password = Password::parse(password)?;
        let name = DisplayName::parse(name)?;
        let hash = self.hasher.hash(password.expose()).await?;
        self.store.insert_user(id, email.as_str(), &hash, name.as_str(), roles).await
    }

    /// Checks the credentials and opens a session. An unknown email, a wrong
    /// password and a deactivated account all give the same
    /// [`Error::InvalidCredentials`], after the same amount of hashing work.
    pub async fn login(&self, email: &str, password: &str) -> Result<LoggedIn> {
        let (Ok(email), Ok(password)) = (Email::parse(email), Password::parse(password)) else {
            self.hasher.verify_dummy(password.get(..Password::MAX).unwrap_or(password)).await;
            return Err(Error::InvalidCredentials);
        };
        let Some((user, hash)) = self.store.find_credentials(email.as_str()).await? else {
            self.hasher.verify_dummy(password.expose()).await;
            return Err(Error::InvalidCredentials);
        };
        match self.hasher.verify(password.expose(), &hash).await? {
            Verification::Mismatch => return Err(Error::InvalidCredentials),
            Verification::Match => {}
            Verification::MatchNeedsRehash(new_hash) => self.store.update_password_hash(user.id, &new_hash).await?,
        }
        if !user.active {
            return Err(Error::InvalidCredentials);
        }
        let session_id = Uuid::now_v7();
        let refresh = RefreshToken::generate();
        let refresh_expires_at = self.refresh_expiry();
        self.store.create_session(session_id, user.id, &refresh.hash, refresh_expires_at).await?;
        let token = self.tokens.issue(user.id, &user.roles, session_id)?;
        Ok(LoggedIn { token, refresh_token: refresh.token, refresh_expires_at, user })
    }

    /// Exchanges a refresh token for a new access token and a new refresh
    /// token (rotation). Presenting a token that was already used revokes
    /// its whole session: one of the two holders is an attacker, and we
    /// cannot tell which.
    pub async fn refresh(&self, refresh_token: &str) -> Result<LoggedIn> {
        let (session_id, user_id) = match self.store.use_refresh_token(&RefreshToken::hash(refresh_token)).await? {
            RefreshUse::Unknown | RefreshUse::First { expired: true, .. } => return Err(Error::InvalidToken),
            RefreshUse::Reused { session_id } => {
                if self.store.revoke_session(session_id).await? {
                    tracing::warn!(%session_id, "refresh token reused: session revoked");
                }
                return Err(Error::InvalidToken);
            }
            RefreshUse::First { session_id, user_id, expired: false } => (session_id, user_id),
        };
        match self.store.session_state(session_id, user_id).await? {
            Some(state) if !state.revoked && state.user_active => {}
            _ => return Err(Error::InvalidToken),
        }
        let user = self.get_user(user_id).await?;
        let next = RefreshToken::generate();
        let refresh_expires_at = self.refresh_expiry();
        self.store.add_refresh_token(session_id, &next.hash, refresh_expires_at).await?;
        let token = self.tokens.issue(user.id, &user.roles, session_id)?;
        Ok(LoggedIn { token, refresh_token: next.token, refresh_expires_at, user })
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
            Some(state) if !state.revoked && state.user_active => Ok(Principal {
                user_id,
                roles: state.roles,
                session_id,
                expires_at: claims.exp,
            }),
            _ => Err(Error::InvalidToken),
        }
    }

    pub async fn get_user(&self, id: Uuid) -> Result<User> {
        self.store.users_by_ids(&[id]).await?.into_iter().next().ok_or(Error::NotFound)
    }

    /// The users among `ids` that exist, in one query.
    pub async fn users_by_ids(&self, ids: &[Uuid]) -> Result<HashMap<Uuid, User>> {
        Ok(self.store.users_by_ids(ids).await?.into_iter().map(|u| (u.id, u)).collect())
    }
}
