//! Sessions and their rotating refresh tokens.

use chrono::{DateTime, Utc};
use platform::auth::Role;
use uuid::Uuid;

use super::UserStore;
use crate::error::Result;

/// What `VerifyToken` needs to know about a session beyond the token itself.
#[derive(Debug, Clone)]
pub struct SessionState {
    /// The session was revoked (logout, password change).
    pub revoked: bool,
    /// The account is still active.
    pub user_active: bool,
    /// The account's roles that take effect now: only CUSTOMER while its
    /// email is unverified (see [`crate::domain::User::granted_roles`]).
    pub roles: Vec<Role>,
    /// When the session began (the login), for its absolute lifetime.
    pub started_at: chrono::DateTime<chrono::Utc>,
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

impl UserStore {
    /// Opens a session with its first refresh token, atomically.
    pub async fn create_session(
        &self,
        session_id: Uuid,
        user_id: Uuid,
        refresh_hash: &str,
        refresh_expires_at: DateTime<Utc>,
    ) -> Result<()> {
        let mut tx = self.db.begin().await?;
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
        type Row = (bool, bool, Vec<String>, bool, chrono::DateTime<chrono::Utc>);
        let row: Option<Row> = sqlx::query_as(
            "SELECT s.revoked_at IS NOT NULL, u.active, u.roles, \
                    u.email IS NOT NULL AND u.email_verified_at IS NOT NULL, s.created_at \
             FROM sessions s JOIN users u ON u.id = s.user_id \
             WHERE s.id = $1 AND s.user_id = $2",
        )
        .bind(session_id)
        .bind(user_id)
        .fetch_optional(self.db.exec())
        .await?;
        Ok(row.map(
            |(revoked, user_active, roles, email_verified, started_at)| SessionState {
                revoked,
                user_active,
                roles: crate::domain::granted_roles(
                    &roles
                        .iter()
                        .filter_map(|r| Role::parse(r))
                        .collect::<Vec<_>>(),
                    email_verified,
                ),
                started_at,
            },
        ))
    }
}
