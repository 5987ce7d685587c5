//! PostgreSQL access for the `users` schema. All SQL of the service is here.

use chrono::{DateTime, Utc};
use platform::auth::Role;
use platform::db::Db;
use platform::error::is_constraint_violation;
use uuid::Uuid;

use crate::domain::User;
use crate::error::{Error, Result};

/// Runs this service's migrations from `migrations/user/`.
pub async fn migrate(pool: &sqlx::PgPool) -> anyhow::Result<()> {
    sqlx::migrate!("../../migrations/user").run(pool).await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct UserRow {
    id: Uuid,
    email: String,
    name: String,
    roles: Vec<String>,
    active: bool,
    created_at: DateTime<Utc>,
}

impl From<UserRow> for User {
    fn from(row: UserRow) -> Self {
        User {
            id: row.id,
            email: row.email,
            name: row.name,
            roles: row.roles.iter().filter_map(|r| Role::parse(r)).collect(),
            active: row.active,
            created_at: row.created_at,
        }
    }
}

/// What `VerifyToken` needs to know about a session beyond the token itself.
#[derive(Debug, Clone)]
pub struct SessionState {
    pub revoked: bool,
    pub user_active: bool,
    pub roles: Vec<Role>,
}

/// What presenting a refresh token found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefreshUse {
    /// No such token.
    Unknown,
    /// The token's first use; it is now spent.
    First { session_id: Uuid, user_id: Uuid, expired: bool },
    /// The token was spent before: it has been copied.
    Reused { session_id: Uuid },
}

#[derive(Debug, Clone)]
pub struct UserStore {
    db: Db,
}

const USER_COLUMNS: &str = "id, email, name, roles, active, created_at";

impl UserStore {
    pub fn new(db: Db) -> Self {
        Self { db }
    }

    pub fn db(&self) -> &Db {
        &self.db
    }

    /// Inserts a user; a taken email is [`Error::EmailTaken`].
    pub async fn insert_user(&self, id: Uuid, email: &str, password_hash: &str, name: &str, roles: &[Role]) -> Result<User> {
        let roles: Vec<&str> = roles.iter().map(|r| r.as_str()).collect();
        sqlx::query_as::<_, UserRow>(&format!(
            "INSERT INTO users (id, email, password_hash, name, roles) VALUES ($1, $2, $3, $4, $5) RETURNING {USER_COLUMNS}"
        ))
        .bind(id)
        .bind(email)
        .bind(password_hash)
        .bind(name)
        .bind(&roles)
        .fetch_one(self.db.exec())
        .await
        .map(User::from)
        .map_err(|e| if is_constraint_violation(&e, "users_email_key") { Error::EmailTaken } else { e.into() })
    }

    /// A user and their password hash, by normalised email.
    pub async fn find_credentials(&self, email: &str) -> Result<Option<(User, String)>> {
        #[derive(sqlx::FromRow)]
        struct Row {
            #[sqlx(flatten)]
            user: UserRow,
            password_hash: String,
        }
        let row = sqlx::query_as::<_, Row>(&format!("SELECT {USER_COLUMNS}, password_hash FROM users WHERE email = $1"))
            .bind(email)
            .fetch_optional(self.db.exec())
            .await?;
        Ok(row.map(|r| (r.user.into(), r.password_hash)))
    }

    /// The users among `ids` that exist, in one statement.
    pub async fn users_by_ids(&self, ids: &[Uuid]) -> Result<Vec<User>> {
        let rows = sqlx::query_as::<_, UserRow>(&format!("SELECT {USER_COLUMNS} FROM users WHERE id = ANY($1)"))
            .bind(ids)
            .fetch_all(self.db.exec())
            .await?;
        Ok(rows.into_iter().map(User::from).collect())
    }

    pub async fn user_by_email(&self, email: &str) -> Result<Option<User>> {
        let row = sqlx::query_as::<_, UserRow>(&format!("SELECT {USER_COLUMNS} FROM users WHERE email = $1"))
            .bind(email)
            .fetch_optional(self.db.exec())
            .await?;
        Ok(row.map(User::from))
    }

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
    pub async fn create_session(&self, session_id: Uuid, user_id: Uuid, refresh_hash: &str, refresh_expires_at: DateTime<Utc>) -> Result<()> {
        let mut tx = self.db.pool().begin().await?;
        sqlx::query("INSERT INTO sessions (id, user_id) VALUES ($1, $2)")
            .bind(session_id)
            .bind(user_id)
            .execute(self.db.counted(&mut *tx))
            .await?;
        sqlx::query("INSERT INTO refresh_tokens (token_hash, session_id, expires_at) VALUES ($1, $2, $3)")
            .bind(refresh_hash)
            .bind(session_id)
            .bind(refresh_expires_at)
            .execute(self.db.counted(&mut *tx))
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Adds the next refresh token of a session.
    pub async fn add_refresh_token(&self, session_id: Uuid, refresh_hash: &str, expires_at: DateTime<Utc>) -> Result<()> {
        sqlx::query("INSERT INTO refresh_tokens (token_hash, session_id, expires_at) VALUES ($1, $2, $3)")
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
            return Ok(RefreshUse::First { session_id, user_id, expired });
        }
        let used: Option<Uuid> = sqlx::query_scalar("SELECT session_id FROM refresh_tokens WHERE token_hash = $1")
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
        let revoked = sqlx::query("UPDATE sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL")
            .bind(session_id)
            .execute(self.db.exec())
            .await?;
        Ok(revoked.rows_affected() == 1)
    }

    /// Revokes every open session of a user; returns how many.
    pub async fn revoke_all_sessions(&self, user_id: Uuid) -> Result<u64> {
        let revoked = sqlx::query("UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL")
            .bind(user_id)
            .execute(self.db.exec())
            .await?;
        Ok(revoked.rows_affected())
    }

    /// The state of a session of `user_id`, or `None` if there is no such session.
    pub async fn session_state(&self, session_id: Uuid, user_id: Uuid) -> Result<Option<SessionState>> {
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
