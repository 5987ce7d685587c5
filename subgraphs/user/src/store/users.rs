//! Accounts: sign-up, credentials, profiles, roles, password resets and
//! the admin search.

use chrono::{DateTime, Utc};
use platform::auth::Role;
use platform::db::Db;
use platform::error::is_constraint_violation;
use platform::events::contract::{
    EmailChanged, EmailVerificationRequested, PasswordResetRequested, UserRegistered,
};
use platform::events::{Event, outbox};
use uuid::Uuid;

use super::{UserStore, unique_violation};
use crate::domain::User;
use crate::error::{Error, Result};

const USER_COLUMNS: &str = "id, email, email_verified_at IS NOT NULL AND email IS NOT NULL AS email_verified, phone, name, avatar_url, locale, marketing_opt_in, roles, active, created_at";

#[derive(sqlx::FromRow)]
struct UserRow {
    id: Uuid,
    email: Option<String>,
    email_verified: bool,
    phone: Option<String>,
    name: String,
    avatar_url: Option<String>,
    locale: Option<String>,
    marketing_opt_in: bool,
    roles: Vec<String>,
    active: bool,
    created_at: DateTime<Utc>,
}

impl From<UserRow> for User {
    fn from(row: UserRow) -> Self {
        User {
            id: row.id,
            email: row.email,
            email_verified: row.email_verified,
            phone: row.phone,
            name: row.name,
            avatar_url: row.avatar_url,
            locale: row.locale,
            marketing_opt_in: row.marketing_opt_in,
            roles: row.roles.iter().filter_map(|r| Role::parse(r)).collect(),
            active: row.active,
            created_at: row.created_at,
        }
    }
}

/// What registration does about the new account's email.
#[derive(Debug, Clone)]
pub enum EmailCheck {
    /// Send this verification link (in the same transaction).
    Send(NewVerification),
    /// An operator's tool vouches for the address: it counts as verified.
    Vouched,
    /// No email, nothing to verify.
    None,
}

/// A verification link about to be sent: the stored token hash and the
/// event that delivers the link.
#[derive(Debug, Clone)]
pub struct NewVerification {
    /// SHA-256 of the token in the link.
    pub token_hash: String,
    /// The event the notification service turns into the message.
    pub event: EmailVerificationRequested,
}

/// How a user identifies at login.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Login {
    /// By email address.
    Email(String),
    /// By phone number.
    Phone(String),
}

impl Login {
    /// The identifier, for throttling keys and logs.
    pub fn as_str(&self) -> &str {
        match self {
            Login::Email(v) | Login::Phone(v) => v,
        }
    }
}

/// Changes to a profile; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct ProfileChanges {
    /// A new display name.
    pub name: Option<String>,
    /// `Some(None)` clears the avatar.
    pub avatar_url: Option<Option<String>>,
    /// A new phone number; `Some(None)` clears it.
    pub phone: Option<Option<String>>,
    /// A new locale; `Some(None)` clears it.
    pub locale: Option<Option<String>>,
    /// A new marketing choice.
    pub marketing_opt_in: Option<bool>,
}

impl UserStore {
    /// Inserts a user; a taken email or phone is a conflict. The email is
    /// either vouched for (an operator's tool) or gets a verification link,
    /// in the same transaction.
    #[allow(clippy::too_many_arguments)]
    pub async fn insert_user(
        &self,
        id: Uuid,
        email: Option<&str>,
        phone: Option<&str>,
        password_hash: &str,
        name: &str,
        roles: &[Role],
        email_check: EmailCheck,
    ) -> Result<User> {
        let roles: Vec<&str> = roles.iter().map(|r| r.as_str()).collect();
        let mut tx = self.db.begin().await?;
        let user = sqlx::query_as::<_, UserRow>(&format!(
            "INSERT INTO users (id, email, phone, password_hash, name, roles, email_verified_at) \
             VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $7 AND $2::text IS NOT NULL THEN now() END) RETURNING {USER_COLUMNS}"
        ))
        .bind(id)
        .bind(email)
        .bind(phone)
        .bind(password_hash)
        .bind(name)
        .bind(&roles)
        .bind(matches!(email_check, EmailCheck::Vouched))
        .fetch_one(self.db.counted(&mut *tx))
        .await
        .map(User::from)
        .map_err(unique_violation)?;
        outbox::append(
            self.db.counted(&mut *tx),
            Event::UserRegistered(UserRegistered {
                user_id: user.id,
                name: user.name.clone(),
            }),
        )
        .await?;
        if let EmailCheck::Send(request) = email_check {
            Self::insert_verification(&self.db, &mut tx, request).await?;
        }
        tx.commit().await?;
        Ok(user)
    }

    async fn insert_verification(
        db: &Db,
        tx: &mut sqlx::PgConnection,
        request: NewVerification,
    ) -> Result<()> {
        // A new link replaces the open ones: only the latest works.
        sqlx::query(
            "UPDATE email_verifications SET used_at = now() WHERE user_id = $1 AND used_at IS NULL",
        )
        .bind(request.event.user_id)
        .execute(db.counted(&mut *tx))
        .await?;
        sqlx::query(
            "INSERT INTO email_verifications (token_hash, user_id, email, expires_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(&request.token_hash)
        .bind(request.event.user_id)
        .bind(&request.event.email)
        .bind(request.event.expires_at)
        .execute(db.counted(&mut *tx))
        .await?;
        outbox::append(
            db.counted(&mut *tx),
            Event::EmailVerificationRequested(request.event),
        )
        .await?;
        Ok(())
    }

    /// Records a new verification link for the account's current email and
    /// the event that sends it.
    pub async fn create_email_verification(&self, request: NewVerification) -> Result<()> {
        let mut tx = self.db.begin().await?;
        Self::insert_verification(&self.db, &mut tx, request).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Spends a verification token and marks the address it was sent to as
    /// verified, atomically. `None` when the token is unknown, used or
    /// expired, or the account's email has changed since it was sent.
    pub async fn consume_email_verification(&self, token_hash: &str) -> Result<Option<User>> {
        let mut tx = self.db.begin().await?;
        let sent: Option<(Uuid, String)> = sqlx::query_as(
            "UPDATE email_verifications SET used_at = now() \
             WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now() RETURNING user_id, email",
        )
        .bind(token_hash)
        .fetch_optional(self.db.counted(&mut *tx))
        .await?;
        let Some((user_id, email)) = sent else {
            tx.rollback().await?;
            return Ok(None);
        };
        let row = sqlx::query_as::<_, UserRow>(&format!(
            "UPDATE users SET email_verified_at = COALESCE(email_verified_at, now()), updated_at = now() \
             WHERE id = $1 AND email = $2 RETURNING {USER_COLUMNS}"
        ))
        .bind(user_id)
        .bind(&email)
        .fetch_optional(self.db.counted(&mut *tx))
        .await?;
        let Some(row) = row else {
            tx.rollback().await?;
            return Ok(None);
        };
        tx.commit().await?;
        Ok(Some(row.into()))
    }

    /// Marks the account's current email as verified without a link: for
    /// operators' tools (the demo accounts, `create-admin`).
    pub async fn vouch_for_email(&self, id: Uuid) -> Result<()> {
        sqlx::query(
            "UPDATE users SET email_verified_at = COALESCE(email_verified_at, now()) WHERE id = $1 AND email IS NOT NULL",
        )
        .bind(id)
        .execute(self.db.exec())
        .await?;
        Ok(())
    }

    /// A user and their password hash, by normalised email or E.164 phone.
    pub async fn find_credentials(&self, login: &Login) -> Result<Option<(User, String)>> {
        #[derive(sqlx::FromRow)]
        struct Row {
            #[sqlx(flatten)]
            user: UserRow,
            password_hash: String,
        }
        let (column, value) = match login {
            Login::Email(email) => ("email", email.as_str()),
            Login::Phone(phone) => ("phone", phone.as_str()),
        };
        let row = sqlx::query_as::<_, Row>(&format!(
            "SELECT {USER_COLUMNS}, password_hash FROM users WHERE {column} = $1"
        ))
        .bind(value)
        .fetch_optional(self.db.exec())
        .await?;
        Ok(row.map(|r| (r.user.into(), r.password_hash)))
    }

    /// A user and their password hash, by id.
    pub async fn credentials_by_id(&self, id: Uuid) -> Result<Option<(User, String)>> {
        #[derive(sqlx::FromRow)]
        struct Row {
            #[sqlx(flatten)]
            user: UserRow,
            password_hash: String,
        }
        let row = sqlx::query_as::<_, Row>(&format!(
            "SELECT {USER_COLUMNS}, password_hash FROM users WHERE id = $1"
        ))
        .bind(id)
        .fetch_optional(self.db.exec())
        .await?;
        Ok(row.map(|r| (r.user.into(), r.password_hash)))
    }

    /// The users among `ids` that exist, in one statement.
    pub async fn users_by_ids(&self, ids: &[Uuid]) -> Result<Vec<User>> {
        let rows = sqlx::query_as::<_, UserRow>(&format!(
            "SELECT {USER_COLUMNS} FROM users WHERE id = ANY($1)"
        ))
        .bind(ids)
        .fetch_all(self.db.exec())
        .await?;
        Ok(rows.into_iter().map(User::from).collect())
    }

    /// The account with this (normalised) email, if any.
    pub async fn user_by_email(&self, email: &str) -> Result<Option<User>> {
        Ok(self
            .find_credentials(&Login::Email(email.to_string()))
            .await?
            .map(|(user, _)| user))
    }

    /// Applies profile changes; returns the updated account.
    pub async fn update_profile(&self, id: Uuid, changes: &ProfileChanges) -> Result<User> {
        let row = sqlx::query_as::<_, UserRow>(&format!(
            "UPDATE users SET \
               name = COALESCE($2, name), \
               avatar_url = CASE WHEN $3 THEN $4 ELSE avatar_url END, \
               phone = CASE WHEN $5 THEN $6 ELSE phone END, \
               locale = CASE WHEN $7 THEN $8 ELSE locale END, \
               marketing_opt_in = COALESCE($9, marketing_opt_in), \
               updated_at = now() \
             WHERE id = $1 RETURNING {USER_COLUMNS}"
        ))
        .bind(id)
        .bind(&changes.name)
        .bind(changes.avatar_url.is_some())
        .bind(changes.avatar_url.clone().flatten())
        .bind(changes.phone.is_some())
        .bind(changes.phone.clone().flatten())
        .bind(changes.locale.is_some())
        .bind(changes.locale.clone().flatten())
        .bind(changes.marketing_opt_in)
        .fetch_optional(self.db.exec())
        .await
        .map_err(|e| {
            if is_constraint_violation(&e, "users_email_or_phone") {
                Error::invalid(
                    "phone",
                    "an account without an email must keep its phone number",
                )
            } else {
                unique_violation(e)
            }
        })?;
        row.map(User::from).ok_or(Error::NotFound)
    }

    /// Changes the account's email, which is unverified until the link sent
    /// to it (`verification`) is followed. The address it had before is told
    /// of the change (`user.email_changed`).
    pub async fn set_email(
        &self,
        id: Uuid,
        email: &str,
        verification: NewVerification,
    ) -> Result<User> {
        let mut tx = self.db.begin().await?;
        let previous: Option<String> = sqlx::query_scalar::<_, Option<String>>(
            "SELECT email FROM users WHERE id = $1 FOR UPDATE",
        )
        .bind(id)
        .fetch_optional(self.db.counted(&mut *tx))
        .await?
        .ok_or(Error::NotFound)?;
        if previous.as_deref() == Some(email) {
            tx.rollback().await?;
            return self
                .users_by_ids(&[id])
                .await?
                .into_iter()
                .next()
                .ok_or(Error::NotFound);
        }
        let row = sqlx::query_as::<_, UserRow>(&format!(
            "UPDATE users SET email = $2, email_verified_at = NULL, updated_at = now() WHERE id = $1 RETURNING {USER_COLUMNS}"
        ))
        .bind(id)
        .bind(email)
        .fetch_optional(self.db.counted(&mut *tx))
        .await
        .map_err(unique_violation)?;
        let user = row.map(User::from).ok_or(Error::NotFound)?;
        Self::insert_verification(&self.db, &mut tx, verification).await?;
        outbox::append(
            self.db.counted(&mut *tx),
            Event::EmailChanged(EmailChanged {
                user_id: id,
                previous_email: previous,
            }),
        )
        .await?;
        tx.commit().await?;
        Ok(user)
    }

    /// Sets a new password hash and revokes every session, atomically.
    pub async fn replace_password(&self, id: Uuid, password_hash: &str) -> Result<()> {
        let mut tx = self.db.begin().await?;
        Self::set_password_and_revoke(&self.db, &mut tx, id, password_hash).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Whether `token_hash` names a reset that is unused and unexpired, so
    /// that a bad token is refused before any password is hashed.
    pub async fn reset_is_open(&self, token_hash: &str) -> Result<bool> {
        Ok(sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM password_resets WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now())",
        )
        .bind(token_hash)
        .fetch_one(self.db.counted(self.db.pool()))
        .await?)
    }

    /// Spends a reset token and sets the new password, atomically: of two
    /// concurrent uses of one token, only one succeeds. `None` when the token
    /// is unknown, used or expired.
    pub async fn consume_reset(
        &self,
        token_hash: &str,
        password_hash: &str,
    ) -> Result<Option<Uuid>> {
        let mut tx = self.db.begin().await?;
        let user_id: Option<Uuid> = sqlx::query_scalar(
            "UPDATE password_resets SET used_at = now() WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now() RETURNING user_id",
        )
        .bind(token_hash)
        .fetch_optional(self.db.counted(&mut *tx))
        .await?;
        let Some(user_id) = user_id else {
            tx.rollback().await?;
            return Ok(None);
        };
        Self::set_password_and_revoke(&self.db, &mut tx, user_id, password_hash).await?;
        tx.commit().await?;
        Ok(Some(user_id))
    }

    async fn set_password_and_revoke(
        db: &Db,
        tx: &mut sqlx::PgConnection,
        id: Uuid,
        password_hash: &str,
    ) -> Result<()> {
        sqlx::query("UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1")
            .bind(id)
            .bind(password_hash)
            .execute(db.counted(&mut *tx))
            .await?;
        sqlx::query(
            "UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL",
        )
        .bind(id)
        .execute(db.counted(&mut *tx))
        .await?;
        // A new password voids every other reset link still open.
        sqlx::query(
            "UPDATE password_resets SET used_at = now() WHERE user_id = $1 AND used_at IS NULL",
        )
        .bind(id)
        .execute(db.counted(&mut *tx))
        .await?;
        Ok(())
    }

    /// Records a reset token and the event that delivers its link, atomically.
    pub async fn create_password_reset(
        &self,
        token_hash: &str,
        request: PasswordResetRequested,
    ) -> Result<()> {
        let (user_id, expires_at) = (request.user_id, request.expires_at);
        let mut tx = self.db.begin().await?;
        sqlx::query(
            "INSERT INTO password_resets (token_hash, user_id, expires_at) VALUES ($1, $2, $3)",
        )
        .bind(token_hash)
        .bind(user_id)
        .bind(expires_at)
        .execute(self.db.counted(&mut *tx))
        .await?;
        outbox::append(
            self.db.counted(&mut *tx),
            Event::PasswordResetRequested(request),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Deactivates a user and revokes their sessions.
    pub async fn deactivate(&self, id: Uuid) -> Result<Option<User>> {
        let mut tx = self.db.begin().await?;
        let row = sqlx::query_as::<_, UserRow>(&format!("UPDATE users SET active = false, updated_at = now() WHERE id = $1 RETURNING {USER_COLUMNS}"))
            .bind(id)
            .fetch_optional(self.db.counted(&mut *tx))
            .await?;
        sqlx::query(
            "UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL",
        )
        .bind(id)
        .execute(self.db.counted(&mut *tx))
        .await?;
        tx.commit().await?;
        Ok(row.map(User::from))
    }

    /// Users matching `query` (in email or name, case-insensitive) and
    /// holding `role`, ordered by id, after `after`, at most `limit`.
    pub async fn search(
        &self,
        query: Option<&str>,
        role: Option<Role>,
        after: Option<Uuid>,
        limit: i64,
    ) -> Result<(Vec<User>, i64)> {
        let pattern = query.map(|q| {
            format!(
                "%{}%",
                q.replace('\\', "\\\\")
                    .replace('%', "\\%")
                    .replace('_', "\\_")
            )
        });
        let role = role.map(|r| r.as_str());
        const FILTER: &str = "($1::text IS NULL OR email ILIKE $1 OR name ILIKE $1) AND ($2::text IS NULL OR $2 = ANY(roles))";
        let rows = sqlx::query_as::<_, UserRow>(&format!(
            "SELECT {USER_COLUMNS} FROM users WHERE {FILTER} AND ($3::uuid IS NULL OR id > $3) ORDER BY id LIMIT $4"
        ))
        .bind(&pattern)
        .bind(role)
        .bind(after)
        .bind(limit)
        .fetch_all(self.db.exec())
        .await?;
        let total: i64 = sqlx::query_scalar(&format!("SELECT count(*) FROM users WHERE {FILTER}"))
            .bind(&pattern)
            .bind(role)
            .fetch_one(self.db.exec())
            .await?;
        Ok((rows.into_iter().map(User::from).collect(), total))
    }

    /// Replaces the account's roles.
    pub async fn set_roles(&self, id: Uuid, roles: &[Role]) -> Result<()> {
        let roles: Vec<&str> = roles.iter().map(|r| r.as_str()).collect();
        sqlx::query("UPDATE users SET roles = $2, updated_at = now() WHERE id = $1")
            .bind(id)
            .bind(&roles)
            .execute(self.db.exec())
            .await?;
        Ok(())
    }

    /// Replaces a hash after a successful login with outdated parameters.
    pub async fn update_password_hash(&self, id: Uuid, password_hash: &str) -> Result<()> {
        sqlx::query("UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1")
            .bind(id)
            .bind(password_hash)
            .execute(self.db.exec())
            .await?;
        Ok(())
    }
}
