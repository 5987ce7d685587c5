//! PostgreSQL access for the `users` schema. All SQL of the service is here.

use chrono::{DateTime, Utc};
use platform::auth::Role;
use platform::db::Db;
use platform::error::is_constraint_violation;
use uuid::Uuid;

use crate::domain::{Address, AddressFields, User};
use crate::error::{Error, Result};

/// Runs this service's migrations from `migrations/user/`.
pub async fn migrate(pool: &sqlx::PgPool) -> anyhow::Result<()> {
    sqlx::migrate!("../../migrations/user").run(pool).await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct UserRow {
    id: Uuid,
    email: Option<String>,
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

/// Maps the unique indexes on email and phone to conflicts.
fn unique_violation(err: sqlx::Error) -> Error {
    if is_constraint_violation(&err, "users_email_key") {
        Error::EmailTaken
    } else if is_constraint_violation(&err, "users_phone_key") {
        Error::PhoneTaken
    } else {
        err.into()
    }
}

#[derive(sqlx::FromRow)]
struct AddressRow {
    id: Uuid,
    user_id: Uuid,
    recipient: String,
    line1: String,
    line2: Option<String>,
    city: String,
    region: Option<String>,
    postal_code: String,
    country: String,
    phone: Option<String>,
    is_default: bool,
}

impl From<AddressRow> for Address {
    fn from(row: AddressRow) -> Self {
        Address {
            id: row.id,
            user_id: row.user_id,
            fields: AddressFields {
                recipient: row.recipient,
                line1: row.line1,
                line2: row.line2,
                city: row.city,
                region: row.region,
                postal_code: row.postal_code,
                country: row.country,
                phone: row.phone,
            },
            is_default: row.is_default,
        }
    }
}

type AddressQuery<'q> =
    sqlx::query::QueryAs<'q, sqlx::Postgres, AddressRow, sqlx::postgres::PgArguments>;

/// Binds an address's fields as parameters $3 to $10, in column order
/// (recipient, line1, line2, city, region, postal_code, country, phone).
fn bind_address<'q>(query: AddressQuery<'q>, fields: &'q AddressFields) -> AddressQuery<'q> {
    query
        .bind(&fields.recipient)
        .bind(&fields.line1)
        .bind(&fields.line2)
        .bind(&fields.city)
        .bind(&fields.region)
        .bind(&fields.postal_code)
        .bind(&fields.country)
        .bind(&fields.phone)
}

const ADDRESS_COLUMNS: &str =
    "id, user_id, recipient, line1, line2, city, region, postal_code, country, phone, is_default";

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

/// What `VerifyToken` needs to know about a session beyond the token itself.
#[derive(Debug, Clone)]
pub struct SessionState {
    /// The session was revoked (logout, password change).
    pub revoked: bool,
    /// The account is still active.
    pub user_active: bool,
    /// The account's current roles.
    pub roles: Vec<Role>,
}

/// What presenting a refresh token found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefreshUse {
    /// No such token.
    Unknown,
    /// The token's first use; it is now spent.
    First {
        /// The session the token belongs to.
        session_id: Uuid,
        /// Its user.
        user_id: Uuid,
        /// The token is past its expiry.
        expired: bool,
    },
    /// The token was spent before: it has been copied.
    Reused {
        /// The session the token belonged to, now revoked.
        session_id: Uuid,
    },
}

#[derive(Debug, Clone)]
/// All SQL against the `users` schema.
pub struct UserStore {
    db: Db,
}

const USER_COLUMNS: &str =
    "id, email, phone, name, avatar_url, locale, marketing_opt_in, roles, active, created_at";

impl UserStore {
    /// A store over the service's pool.
    pub fn new(db: Db) -> Self {
        Self { db }
    }

    /// Inserts a user; a taken email or phone is a conflict.
    pub async fn insert_user(
        &self,
        id: Uuid,
        email: Option<&str>,
        phone: Option<&str>,
        password_hash: &str,
        name: &str,
        roles: &[Role],
    ) -> Result<User> {
        let roles: Vec<&str> = roles.iter().map(|r| r.as_str()).collect();
        sqlx::query_as::<_, UserRow>(&format!(
            "INSERT INTO users (id, email, phone, password_hash, name, roles) VALUES ($1, $2, $3, $4, $5, $6) RETURNING {USER_COLUMNS}"
        ))
        .bind(id)
        .bind(email)
        .bind(phone)
        .bind(password_hash)
        .bind(name)
        .bind(&roles)
        .fetch_one(self.db.exec())
        .await
        .map(User::from)
        .map_err(unique_violation)
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

    /// Changes the account's email.
    pub async fn set_email(&self, id: Uuid, email: &str) -> Result<User> {
        let row = sqlx::query_as::<_, UserRow>(&format!(
            "UPDATE users SET email = $2, updated_at = now() WHERE id = $1 RETURNING {USER_COLUMNS}"
        ))
        .bind(id)
        .bind(email)
        .fetch_optional(self.db.exec())
        .await
        .map_err(unique_violation)?;
        row.map(User::from).ok_or(Error::NotFound)
    }

    /// Sets a new password hash and revokes every session, atomically.
    pub async fn replace_password(&self, id: Uuid, password_hash: &str) -> Result<()> {
        let mut tx = self.db.pool().begin().await?;
        Self::set_password_and_revoke(&self.db, &mut tx, id, password_hash).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Spends a reset token and sets the new password, atomically: of two
    /// concurrent uses of one token, only one succeeds. `None` when the token
    /// is unknown, used or expired.
    pub async fn consume_reset(
        &self,
        token_hash: &str,
        password_hash: &str,
    ) -> Result<Option<Uuid>> {
        let mut tx = self.db.pool().begin().await?;
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
        Ok(())
    }

    /// Records a reset token and the message that delivers it, atomically.
    pub async fn create_password_reset(
        &self,
        user_id: Uuid,
        token_hash: &str,
        expires_at: DateTime<Utc>,
        message: serde_json::Value,
    ) -> Result<()> {
        let mut tx = self.db.pool().begin().await?;
        sqlx::query(
            "INSERT INTO password_resets (token_hash, user_id, expires_at) VALUES ($1, $2, $3)",
        )
        .bind(token_hash)
        .bind(user_id)
        .bind(expires_at)
        .execute(self.db.counted(&mut *tx))
        .await?;
        sqlx::query("INSERT INTO outbox (id, topic, payload) VALUES ($1, 'user.password_reset_requested', $2)")
            .bind(Uuid::now_v7())
            .bind(message)
            .execute(self.db.counted(&mut *tx))
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Deactivates a user and revokes their sessions.
    pub async fn deactivate(&self, id: Uuid) -> Result<Option<User>> {
        let mut tx = self.db.pool().begin().await?;
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

    // ---- addresses

    /// Every address of each user in `user_ids`, default first.
    pub async fn addresses_of(&self, user_ids: &[Uuid]) -> Result<Vec<Address>> {
        let rows = sqlx::query_as::<_, AddressRow>(&format!(
            "SELECT {ADDRESS_COLUMNS} FROM addresses WHERE user_id = ANY($1) ORDER BY user_id, is_default DESC, created_at, id"
        ))
        .bind(user_ids)
        .fetch_all(self.db.exec())
        .await?;
        Ok(rows.into_iter().map(Address::from).collect())
    }

    /// One of `user_id`'s addresses.
    pub async fn address(&self, user_id: Uuid, id: Uuid) -> Result<Option<Address>> {
        let row = sqlx::query_as::<_, AddressRow>(&format!(
            "SELECT {ADDRESS_COLUMNS} FROM addresses WHERE id = $1 AND user_id = $2"
        ))
        .bind(id)
        .bind(user_id)
        .fetch_optional(self.db.exec())
        .await?;
        Ok(row.map(Address::from))
    }

    /// Adds an address; the user's first address becomes the default.
    pub async fn insert_address(
        &self,
        user_id: Uuid,
        id: Uuid,
        fields: &AddressFields,
    ) -> Result<Address> {
        let sql = format!(
            "INSERT INTO addresses (id, user_id, recipient, line1, line2, city, region, postal_code, country, phone, is_default) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, NOT EXISTS (SELECT 1 FROM addresses WHERE user_id = $2)) \
             RETURNING {ADDRESS_COLUMNS}"
        );
        let query = sqlx::query_as::<_, AddressRow>(&sql).bind(id).bind(user_id);
        let row = bind_address(query, fields)
            .fetch_one(self.db.exec())
            .await
            .map_err(|e| {
                if is_constraint_violation(&e, "addresses_one_default_idx") {
                    Error::Conflict("address book changed concurrently, try again")
                } else {
                    e.into()
                }
            })?;
        Ok(row.into())
    }

    /// Replaces one of `user_id`'s addresses; `None` if it is not theirs.
    pub async fn update_address(
        &self,
        user_id: Uuid,
        id: Uuid,
        fields: &AddressFields,
    ) -> Result<Option<Address>> {
        let sql = format!(
            "UPDATE addresses SET recipient = $3, line1 = $4, line2 = $5, city = $6, region = $7, postal_code = $8, country = $9, phone = $10, updated_at = now() \
             WHERE id = $1 AND user_id = $2 RETURNING {ADDRESS_COLUMNS}"
        );
        let query = sqlx::query_as::<_, AddressRow>(&sql).bind(id).bind(user_id);
        let row = bind_address(query, fields)
            .fetch_optional(self.db.exec())
            .await?;
        Ok(row.map(Address::from))
    }

    /// Deletes one of `user_id`'s addresses; `false` if it was not there.
    pub async fn delete_address(&self, user_id: Uuid, id: Uuid) -> Result<bool> {
        let deleted = sqlx::query("DELETE FROM addresses WHERE id = $1 AND user_id = $2")
            .bind(id)
            .bind(user_id)
            .execute(self.db.exec())
            .await?;
        Ok(deleted.rows_affected() == 1)
    }

    /// Makes one address the default, in one statement (the partial unique
    /// index is checked at the end of it).
    pub async fn set_default_address(&self, user_id: Uuid, id: Uuid) -> Result<bool> {
        let updated = sqlx::query(
            "UPDATE addresses SET is_default = (id = $1), updated_at = now() \
             WHERE user_id = $2 AND EXISTS (SELECT 1 FROM addresses WHERE id = $1 AND user_id = $2)",
        )
        .bind(id)
        .bind(user_id)
        .execute(self.db.exec())
        .await
        .map_err(|e| if is_constraint_violation(&e, "addresses_one_default_idx") { Error::Conflict("address book changed concurrently, try again") } else { e.into() })?;
        Ok(updated.rows_affected() > 0)
    }

    // ---- wishlist

    /// `(user, product)` wishlist entries of `user_ids`, newest first.
    pub async fn wishlists(&self, user_ids: &[Uuid]) -> Result<Vec<(Uuid, Uuid)>> {
        Ok(sqlx::query_as("SELECT user_id, product_id FROM wishlist_items WHERE user_id = ANY($1) ORDER BY user_id, added_at DESC, product_id")
            .bind(user_ids)
            .fetch_all(self.db.exec())
            .await?)
    }

    /// Puts a product on the wishlist (a repeat is a no-op).
    pub async fn add_to_wishlist(&self, user_id: Uuid, product_id: Uuid) -> Result<()> {
        sqlx::query("INSERT INTO wishlist_items (user_id, product_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
            .bind(user_id)
            .bind(product_id)
            .execute(self.db.exec())
            .await?;
        Ok(())
    }

    /// Takes a product off the wishlist; `false` if it was not there.
    pub async fn remove_from_wishlist(&self, user_id: Uuid, product_id: Uuid) -> Result<bool> {
        let deleted =
            sqlx::query("DELETE FROM wishlist_items WHERE user_id = $1 AND product_id = $2")
                .bind(user_id)
                .bind(product_id)
                .execute(self.db.exec())
                .await?;
        Ok(deleted.rows_affected() == 1)
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

    /// Opens a session with its first refresh token, atomically.
    pub async fn create_session(
        &self,
        session_id: Uuid,
        user_id: Uuid,
        refresh_hash: &str,
        refresh_expires_at: DateTime<Utc>,
    ) -> Result<()> {
        let mut tx = self.db.pool().begin().await?;
        sqlx::query("INSERT INTO sessions (id, user_id) VALUES ($1, $2)")
            .bind(session_id)
            .bind(user_id)
            .execute(self.db.counted(&mut *tx))
            .await?;
        sqlx::query(
            "INSERT INTO refresh_tokens (token_hash, session_id, expires_at) VALUES ($1, $2, $3)",
        )
        .bind(refresh_hash)
        .bind(session_id)
        .bind(refresh_expires_at)
        .execute(self.db.counted(&mut *tx))
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Adds the next refresh token of a session.
    pub async fn add_refresh_token(
        &self,
        session_id: Uuid,
        refresh_hash: &str,
        expires_at: DateTime<Utc>,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO refresh_tokens (token_hash, session_id, expires_at) VALUES ($1, $2, $3)",
        )
        .bind(refresh_hash)
        .bind(session_id)
        .bind(expires_at)
        .execute(self.db.exec())
        .await?;
        Ok(())
    }

    /// Marks a refresh token used, atomically: of two concurrent uses of one
    /// token, exactly one is [`RefreshUse::First`].
    pub async fn use_refresh_token(&self, refresh_hash: &str) -> Result<RefreshUse> {
        let first: Option<(Uuid, Uuid, bool)> = sqlx::query_as(
            "UPDATE refresh_tokens r SET used_at = now() FROM sessions s \
             WHERE r.token_hash = $1 AND r.used_at IS NULL AND s.id = r.session_id \
             RETURNING r.session_id, s.user_id, r.expires_at < now()",
        )
        .bind(refresh_hash)
        .fetch_optional(self.db.exec())
        .await?;
        if let Some((session_id, user_id, expired)) = first {
            return Ok(RefreshUse::First {
                session_id,
                user_id,
                expired,
            });
        }
        let used: Option<Uuid> =
            sqlx::query_scalar("SELECT session_id FROM refresh_tokens WHERE token_hash = $1")
                .bind(refresh_hash)
                .fetch_optional(self.db.exec())
                .await?;
        Ok(match used {
            Some(session_id) => RefreshUse::Reused { session_id },
            None => RefreshUse::Unknown,
        })
    }

    /// Revokes one session; false if it was already revoked or is not the user's.
    pub async fn revoke_session(&self, session_id: Uuid) -> Result<bool> {
        let revoked = sqlx::query(
            "UPDATE sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL",
        )
        .bind(session_id)
        .execute(self.db.exec())
        .await?;
        Ok(revoked.rows_affected() == 1)
    }

    /// Revokes every open session of a user; returns how many.
    pub async fn revoke_all_sessions(&self, user_id: Uuid) -> Result<u64> {
        let revoked = sqlx::query(
            "UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL",
        )
        .bind(user_id)
        .execute(self.db.exec())
        .await?;
        Ok(revoked.rows_affected())
    }

    /// The state of a session of `user_id`, or `None` if there is no such session.
    pub async fn session_state(
        &self,
        session_id: Uuid,
        user_id: Uuid,
    ) -> Result<Option<SessionState>> {
        let row: Option<(bool, bool, Vec<String>)> = sqlx::query_as(
            "SELECT s.revoked_at IS NOT NULL, u.active, u.roles \
             FROM sessions s JOIN users u ON u.id = s.user_id \
             WHERE s.id = $1 AND s.user_id = $2",
        )
        .bind(session_id)
        .bind(user_id)
        .fetch_optional(self.db.exec())
        .await?;
        Ok(row.map(|(revoked, user_active, roles)| SessionState {
            revoked,
            user_active,
            roles: roles.iter().filter_map(|r| Role::parse(r)).collect(),
        }))
    }
}
