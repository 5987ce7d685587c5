//! PostgreSQL access for the `users` schema. All SQL of the service is
//! here, split by aggregate: [`users`] (accounts, profiles, roles, password
//! resets, email verification), [`addresses`], [`wishlists`] and [`sessions`] (sessions and
//! refresh tokens).

mod addresses;
mod sessions;
mod users;
mod wishlists;

pub use sessions::{RefreshUse, SessionState};
pub use users::{EmailCheck, Login, NewVerification, ProfileChanges};

use platform::db::Db;
use platform::error::is_constraint_violation;

use crate::error::Error;

/// This service's migrations, from `migrations/user/` (readiness checks that
/// every one is applied).
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../../migrations/user");

/// Runs this service's migrations from `migrations/user/`.
pub async fn migrate(pool: &sqlx::PgPool) -> anyhow::Result<()> {
    platform::db::migrate(pool, &MIGRATOR).await?;
    Ok(())
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

#[derive(Debug, Clone)]
/// All SQL against the `users` schema.
pub struct UserStore {
    db: Db,
}

impl UserStore {
    /// A store over the service's pool.
    pub fn new(db: Db) -> Self {
        Self { db }
    }
}
