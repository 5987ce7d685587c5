//! The account use cases, shared by the GraphQL and gRPC adapters so both
//! doors behave the same.

use std::collections::HashMap;

use platform::auth::{Principal, Role};
use uuid::Uuid;

use crate::domain::{DisplayName, Email, Password, User};
use crate::error::{Error, Result};
use crate::hashing::{PasswordHasher, Verification};
use crate::store::UserStore;
use crate::tokens::{IssuedToken, TokenSigner};

/// A successful login.
#[derive(Debug, Clone)]
pub struct LoggedIn {
    pub token: IssuedToken,
    pub user: User,
}

pub struct Accounts {
    store: UserStore,
    hasher: PasswordHasher,
    tokens: TokenSigner,
}

impl Accounts {
    pub fn new(store: UserStore, hasher: PasswordHasher, tokens: TokenSigner) -> Self {
        Self { store, hasher, tokens }
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
        self.store.create_session(session_id, user.id).await?;
        let token = self.tokens.issue(user.id, &user.roles, session_id)?;
        Ok(LoggedIn { token, user })
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
