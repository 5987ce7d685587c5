//! A fresh database for each test, so tests run in parallel without sharing
//! state. Each is bootstrapped exactly like production: every service's
//! schema and role, with the same grants.

use sqlx::postgres::PgConnectOptions;
use sqlx::{ConnectOptions, PgPool};
use std::str::FromStr;

use crate::db::{self, ServiceDb};

/// A throw-away database named `shop_test_<uuid>`.
pub struct TestDatabase {
    /// The database name.
    pub name: String,
    /// Administrator options (from `DATABASE_URL` or the local default).
    admin: PgConnectOptions,
}

impl TestDatabase {
    /// Creates the database and runs the bootstrap in it.
    pub async fn create() -> anyhow::Result<Self> {
        let base = crate::config::env_or("DATABASE_URL", crate::config::DEFAULT_DATABASE_URL);
        let admin =
            PgConnectOptions::from_str(&base)?.log_statements(tracing::log::LevelFilter::Off);
        let name = format!("shop_test_{}", uuid::Uuid::new_v4().simple());
        let server = admin.clone().database("postgres").connect().await?;
        sqlx::raw_sql(&format!("CREATE DATABASE {}", db::quote_ident(&name)))
            .execute(&mut { server })
            .await?;
        let this = Self { name, admin };
        let pool = this.admin_pool().await?;
        db::bootstrap(&pool, &db::ALL_SERVICES).await?;
        pool.close().await;
        Ok(this)
    }

    /// Superuser connection options for the test database.
    pub fn admin_options(&self) -> PgConnectOptions {
        self.admin.clone().database(&self.name)
    }

    /// A superuser pool on the test database.
    pub async fn admin_pool(&self) -> anyhow::Result<PgPool> {
        db::connect(self.admin.clone().database(&self.name), 2).await
    }

    /// Connection options for `service`, as its own role, on this database.
    pub fn service_options(&self, service: &ServiceDb) -> PgConnectOptions {
        let options = self
            .admin
            .clone()
            .database(&self.name)
            .username(service.role)
            .password(&service.password());
        service.pin_schema(options)
    }

    /// The URL a service process would use for this database.
    pub fn service_url(&self, service: &ServiceDb) -> String {
        let host = self.admin.get_host();
        let port = self.admin.get_port();
        format!(
            "postgres://{}:{}@{}:{}/{}",
            service.role,
            service.password(),
            host,
            port,
            self.name
        )
    }

    /// Drops the database. Call at the end of a test; a database left behind
    /// by a failed test is harmless and removed by the next cleanup.
    pub async fn drop_database(self) -> anyhow::Result<()> {
        let mut server = self.admin.clone().database("postgres").connect().await?;
        sqlx::raw_sql(&format!(
            "DROP DATABASE IF EXISTS {} WITH (FORCE)",
            db::quote_ident(&self.name)
        ))
        .execute(&mut server)
        .await?;
        Ok(())
    }
}

/// Prints one benchmark line: requests, throughput over `wall`, p50 and p99
/// of `samples`. Shared by the benchmarks so their figures read alike.
pub fn report_latencies(
    name: &str,
    mut samples: Vec<std::time::Duration>,
    wall: std::time::Duration,
) {
    samples.sort();
    let percentile = |p: f64| {
        let index = ((samples.len() as f64 * p).ceil() as usize).clamp(1, samples.len().max(1)) - 1;
        samples
            .get(index)
            .copied()
            .unwrap_or_default()
            .as_secs_f64()
            * 1e3
    };
    println!(
        "{name:<44} n={:<5} {:>8.1}/s  p50 {:>9.3} ms  p99 {:>9.3} ms",
        samples.len(),
        samples.len() as f64 / wall.as_secs_f64(),
        percentile(0.50),
        percentile(0.99),
    );
}
