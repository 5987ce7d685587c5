//! PostgreSQL access for the `notifications` schema. All SQL of the service
//! is here, split by aggregate: in-app [`notifications`], [`preferences`],
//! and [`deliveries`] (emails and text messages, with bounces).

pub mod deliveries;
pub mod notifications;
pub mod preferences;

use platform::db::Db;

/// This service's migrations, from `migrations/notification/` (readiness checks that
/// every one is applied).
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../../migrations/notification");

/// Runs this service's migrations from `migrations/notification/`.
pub async fn migrate(pool: &sqlx::PgPool) -> anyhow::Result<()> {
    platform::db::migrate(pool, &MIGRATOR).await?;
    Ok(())
}

/// The service's tables.
#[derive(Debug, Clone)]
pub struct NotificationStore {
    db: Db,
}

impl NotificationStore {
    /// A store over the service's pool.
    pub fn new(db: Db) -> Self {
        Self { db }
    }

    /// The statement-counting pool.
    pub fn db(&self) -> &Db {
        &self.db
    }
}

/// A value read back from the database that the code does not know.
fn corrupt(what: String) -> crate::error::Error {
    crate::error::Error::Internal(anyhow::anyhow!("unexpected value in the database: {what}"))
}
