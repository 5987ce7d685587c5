//! PostgreSQL: one database, one schema and one role per service.
//!
//! [`bootstrap`] runs with administrator rights (the dev command, the tests,
//! or an operator) and creates each service's role and schema. A service then
//! connects as its own role with `search_path` set to its own schema, and
//! runs its own migrations. The role owns its schema and has no grant on any
//! other, so a query against another service's tables fails with
//! "permission denied".
//!
//! [`Db`] wraps a pool and counts the statements sent through it: tests use
//! the count as a deterministic performance budget.

use std::str::FromStr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use futures::future::BoxFuture;
use futures::stream::BoxStream;
use sqlx::postgres::{
    PgConnectOptions, PgPoolOptions, PgQueryResult, PgRow, PgStatement, PgTypeInfo,
};
use sqlx::{Describe, Either, Execute, Executor, PgPool, Postgres};

/// A service's place in the shared database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServiceDb {
    /// The service name, also the folder under `migrations/`.
    pub service: &'static str,
    /// The schema that holds all of the service's tables.
    pub schema: &'static str,
    /// The login role the service connects as; it owns `schema`.
    pub role: &'static str,
    /// PostgreSQL extensions the service's migrations use. Creating one
    /// needs administrator rights, so the bootstrap installs them into the
    /// service's own schema, where only that service sees them.
    pub extensions: &'static [&'static str],
}

impl ServiceDb {
    /// Environment variable holding this service's full connection URL.
    pub fn url_var(&self) -> String {
        format!("{}_DATABASE_URL", self.service.to_ascii_uppercase())
    }

    /// Environment variable holding this role's password, used when the URL is
    /// derived from `DATABASE_URL`.
    pub fn password_var(&self) -> String {
        format!("{}_DB_PASSWORD", self.service.to_ascii_uppercase())
    }

    /// The role's password: `<SERVICE>_DB_PASSWORD`, or the role name in
    /// development (local PostgreSQL uses trust authentication anyway).
    pub fn password(&self) -> String {
        crate::config::env_or(&self.password_var(), self.role)
    }

    /// How this service connects: `<SERVICE>_DATABASE_URL` when set, otherwise
    /// `DATABASE_URL` (or the local default) with this service's role and
    /// password. Either way `search_path` is pinned to the service's schema.
    pub fn connect_options(&self) -> anyhow::Result<PgConnectOptions> {
        let options = match crate::config::env_opt(&self.url_var()) {
            Some(url) => PgConnectOptions::from_str(&url)?,
            None => {
                let base =
                    crate::config::env_or("DATABASE_URL", crate::config::DEFAULT_DATABASE_URL);
                PgConnectOptions::from_str(&base)?
                    .username(self.role)
                    .password(&self.password())
            }
        };
        Ok(self.pin_schema(options))
    }

    /// `options` with the role's `search_path` set to this service's schema only.
    pub fn pin_schema(&self, options: PgConnectOptions) -> PgConnectOptions {
        options
            .options([("search_path", self.schema)])
            .application_name(self.service)
    }
}

/// The user service: accounts, sessions, roles.
pub const USER_DB: ServiceDb = ServiceDb {
    service: "user",
    schema: "users",
    role: "users_svc",
    extensions: &[],
};
/// The product service: catalog and stock.
pub const PRODUCT_DB: ServiceDb = ServiceDb {
    service: "product",
    schema: "products",
    role: "products_svc",
    // Trigram similarity: the typo-tolerant fallback of product search.
    extensions: &["pg_trgm"],
};
/// The order service: orders.
pub const ORDER_DB: ServiceDb = ServiceDb {
    service: "order",
    schema: "orders",
    role: "orders_svc",
    extensions: &[],
};
/// The notification service: in-app messages, preferences, deliveries.
pub const NOTIFICATION_DB: ServiceDb = ServiceDb {
    service: "notification",
    schema: "notifications",
    role: "notifications_svc",
    extensions: &[],
};
/// Every service, in bootstrap order.
pub const ALL_SERVICES: [ServiceDb; 4] = [USER_DB, PRODUCT_DB, ORDER_DB, NOTIFICATION_DB];

/// How long one statement of a service role may run (the role's
/// `statement_timeout`); longer ones are cancelled and the request fails
/// with `UNAVAILABLE`.
pub const STATEMENT_TIMEOUT: &str = "5s";

/// How long a service role's session may sit idle inside a transaction
/// before PostgreSQL ends it (`idle_in_transaction_session_timeout`).
pub const IDLE_IN_TRANSACTION_TIMEOUT: &str = "15s";

/// Runs a service's migrations on one connection without the role's
/// statement timeout: a migration may build an index over a large table.
pub async fn migrate(pool: &PgPool, migrator: &sqlx::migrate::Migrator) -> anyhow::Result<()> {
    let mut conn = pool.acquire().await?;
    sqlx::raw_sql("SET statement_timeout = 0")
        .execute(&mut *conn)
        .await?;
    let result = migrator.run(&mut *conn).await;
    sqlx::raw_sql("RESET statement_timeout")
        .execute(&mut *conn)
        .await?;
    Ok(result?)
}

/// Connects once with `options`, applies `migrator` and disconnects: what
/// `<service> migrate` (a Kubernetes init container) does.
pub async fn apply_migrations(
    service: &str,
    options: PgConnectOptions,
    migrator: &sqlx::migrate::Migrator,
) -> anyhow::Result<()> {
    let pool = connect(options, 1).await?;
    migrate(&pool, migrator).await?;
    tracing::info!(service, "migrations applied");
    pool.close().await;
    Ok(())
}

/// Creates (or updates) every service's role, schema and grants in the
/// database `admin` is connected to. Idempotent, and safe to run concurrently:
/// bootstraps of one database take turns under an advisory lock (two racing
/// `ALTER SCHEMA`s fail with "tuple concurrently updated"), and since roles
/// are cluster-wide, racing role changes from other databases are retried.
pub async fn bootstrap(admin: &PgPool, services: &[ServiceDb]) -> anyhow::Result<()> {
    let mut conn = admin.acquire().await?;
    sqlx::raw_sql("SELECT pg_advisory_lock(hashtext('shop.bootstrap'))")
        .execute(&mut *conn)
        .await?;
    let result = bootstrap_locked(&mut conn, services).await;
    sqlx::raw_sql("SELECT pg_advisory_unlock(hashtext('shop.bootstrap'))")
        .execute(&mut *conn)
        .await?;
    result
}

async fn bootstrap_locked(
    admin: &mut sqlx::PgConnection,
    services: &[ServiceDb],
) -> anyhow::Result<()> {
    for db in services {
        ensure_role(&mut *admin, db).await?;
        let schema = quote_ident(db.schema);
        let role = quote_ident(db.role);
        for statement in [
            format!("CREATE SCHEMA IF NOT EXISTS {schema} AUTHORIZATION {role}"),
            format!("ALTER SCHEMA {schema} OWNER TO {role}"),
            format!("REVOKE ALL ON SCHEMA {schema} FROM PUBLIC"),
        ] {
            sqlx::raw_sql(&statement).execute(&mut *admin).await?;
        }
        for extension in db.extensions {
            let statement = format!(
                "CREATE EXTENSION IF NOT EXISTS {} WITH SCHEMA {schema}",
                quote_ident(extension)
            );
            sqlx::raw_sql(&statement).execute(&mut *admin).await?;
        }
    }
    // PostgreSQL 15 already revokes CREATE on `public` from everyone; older
    // servers do not, and a service must not create tables outside its schema.
    sqlx::raw_sql("REVOKE CREATE ON SCHEMA public FROM PUBLIC")
        .execute(&mut *admin)
        .await?;
    Ok(())
}

async fn ensure_role(admin: &mut sqlx::PgConnection, db: &ServiceDb) -> anyhow::Result<()> {
    let role = quote_ident(db.role);
    let password = quote_literal(&db.password());
    let create = format!(
        "DO $$ BEGIN \
           IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = {name}) THEN \
             CREATE ROLE {role} LOGIN PASSWORD {password}; \
           END IF; \
         END $$",
        name = quote_literal(db.role),
    );
    let alter = format!(
        "ALTER ROLE {role} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD {password}"
    );
    // Deadlines the database enforces for every session of the role: a
    // runaway statement, or a transaction left open by a stalled request,
    // cannot hold locks and a connection for ever.
    let timeouts = [
        format!(
            "ALTER ROLE {role} SET statement_timeout = {}",
            quote_literal(STATEMENT_TIMEOUT)
        ),
        format!(
            "ALTER ROLE {role} SET idle_in_transaction_session_timeout = {}",
            quote_literal(IDLE_IN_TRANSACTION_TIMEOUT)
        ),
    ];
    let mut attempt = 0;
    loop {
        attempt += 1;
        let result = async {
            sqlx::raw_sql(&create).execute(&mut *admin).await?;
            for statement in &timeouts {
                sqlx::raw_sql(statement).execute(&mut *admin).await?;
            }
            sqlx::raw_sql(&alter).execute(&mut *admin).await
        }
        .await;
        match result {
            Ok(_) => return Ok(()),
            // Two bootstraps racing on the cluster-wide catalog: one of them
            // sees a duplicate or "tuple concurrently updated". Try again.
            Err(sqlx::Error::Database(e))
                if attempt < 10
                    && matches!(
                        e.code().as_deref(),
                        Some("23505" | "42710" | "XX000" | "40001")
                    ) =>
            {
                tokio::time::sleep(Duration::from_millis(20 * attempt)).await;
            }
            Err(e) => return Err(e.into()),
        }
    }
}

/// Quotes an SQL identifier.
pub fn quote_ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// Quotes an SQL string literal.
pub fn quote_literal(value: &str) -> String {
    format!("'{}'", value.replace('\'', "''"))
}

/// Opens a pool for a service.
pub async fn connect(options: PgConnectOptions, max_connections: u32) -> anyhow::Result<PgPool> {
    let pool = PgPoolOptions::new()
        .max_connections(max_connections)
        .acquire_timeout(Duration::from_secs(5))
        .connect_with(options)
        .await?;
    Ok(pool)
}

/// A connection pool that counts the statements sent through it.
#[derive(Debug, Clone)]
pub struct Db {
    /// The pool itself, for migrations and transactions.
    pool: PgPool,
    /// Statements sent through [`Db::exec`] and [`Db::counted`] since start.
    statements: Arc<AtomicU64>,
    /// Where [`Db::begin`] records its wait for a connection.
    acquire: Option<prometheus::Histogram>,
    /// The service, on each statement's span (`shop.service`).
    service: Arc<str>,
}

impl Db {
    /// Wraps a pool; the counter starts at zero.
    pub fn new(pool: PgPool) -> Self {
        Self {
            pool,
            statements: Arc::new(AtomicU64::new(0)),
            acquire: None,
            service: Arc::from("unknown"),
        }
    }

    /// Wraps a pool whose connections, waits and size `metrics` reports
    /// (see [`crate::metrics::Metrics::watch_pool`]).
    pub fn observed(pool: PgPool, metrics: &crate::metrics::Metrics) -> Self {
        metrics.watch_pool(pool.clone());
        Self {
            acquire: Some(metrics.db_acquire()),
            service: Arc::from(metrics.service()),
            ..Self::new(pool)
        }
    }

    /// Starts a transaction on a pooled connection, recording how long
    /// getting the connection (and its `BEGIN`) took.
    pub async fn begin(&self) -> Result<sqlx::Transaction<'static, Postgres>, sqlx::Error> {
        let started = std::time::Instant::now();
        let tx = self.pool.begin().await;
        record_wait(self.acquire.as_ref(), started);
        tx
    }

    /// The pool, for statements that are not counted (background polls).
    pub fn pool(&self) -> &PgPool {
        &self.pool
    }

    /// An executor on the pool that counts each statement, and records how
    /// long each waited for a pooled connection.
    pub fn exec(&self) -> Counted<'_, TimedPool<'_>> {
        Counted {
            inner: TimedPool {
                pool: &self.pool,
                acquire: self.acquire.as_ref(),
            },
            counter: &self.statements,
            service: &self.service,
        }
    }

    /// Wraps another executor, such as `&mut *transaction`, so its statements
    /// are counted too.
    pub fn counted<'a, E>(&'a self, inner: E) -> Counted<'a, E> {
        Counted {
            inner,
            counter: &self.statements,
            service: &self.service,
        }
    }

    /// How many statements have been sent so far.
    pub fn statement_count(&self) -> u64 {
        self.statements.load(Ordering::SeqCst)
    }
}

/// Records a wait for a connection that began at `started`.
fn record_wait(histogram: Option<&prometheus::Histogram>, started: std::time::Instant) {
    if let Some(histogram) = histogram {
        histogram.observe(started.elapsed().as_secs_f64());
    }
}

/// The pool as an executor that records, for each statement, how long it
/// waited for a connection (`shop_db_pool_acquire_seconds`).
#[derive(Debug, Clone, Copy)]
pub struct TimedPool<'a> {
    pool: &'a PgPool,
    acquire: Option<&'a prometheus::Histogram>,
}

impl TimedPool<'_> {
    /// A connection from the pool, its wait recorded.
    async fn connection(&self) -> Result<sqlx::pool::PoolConnection<Postgres>, sqlx::Error> {
        let started = std::time::Instant::now();
        let connection = self.pool.acquire().await;
        record_wait(self.acquire, started);
        connection
    }
}

impl<'c> Executor<'c> for TimedPool<'c> {
    type Database = Postgres;

    fn fetch_many<'e, 'q: 'e, Q>(
        self,
        query: Q,
    ) -> BoxStream<'e, Result<Either<PgQueryResult, PgRow>, sqlx::Error>>
    where
        'c: 'e,
        Q: 'q + Execute<'q, Postgres>,
    {
        Box::pin(async_stream::try_stream! {
            let mut connection = self.connection().await?;
            let mut rows = (&mut *connection).fetch_many(query);
            while let Some(row) = futures::TryStreamExt::try_next(&mut rows).await? {
                yield row;
            }
        })
    }

    fn fetch_optional<'e, 'q: 'e, Q>(
        self,
        query: Q,
    ) -> BoxFuture<'e, Result<Option<PgRow>, sqlx::Error>>
    where
        'c: 'e,
        Q: 'q + Execute<'q, Postgres>,
    {
        Box::pin(async move {
            let mut connection = self.connection().await?;
            (&mut *connection).fetch_optional(query).await
        })
    }

    fn prepare_with<'e, 'q: 'e>(
        self,
        sql: &'q str,
        parameters: &'e [PgTypeInfo],
    ) -> BoxFuture<'e, Result<PgStatement<'q>, sqlx::Error>>
    where
        'c: 'e,
    {
        self.pool.prepare_with(sql, parameters)
    }

    fn describe<'e, 'q: 'e>(
        self,
        sql: &'q str,
    ) -> BoxFuture<'e, Result<Describe<Postgres>, sqlx::Error>>
    where
        'c: 'e,
    {
        self.pool.describe(sql)
    }
}

/// An executor that counts every statement it sends, then delegates, each
/// statement in a span of its own with its text (`db.statement`: the SQL
/// with its placeholders, never the values bound to them).
#[derive(Debug)]
pub struct Counted<'a, E> {
    inner: E,
    counter: &'a AtomicU64,
    service: &'a str,
}

/// The span of one statement.
fn statement_span(service: &str, sql: &str) -> tracing::Span {
    let operation = sql
        .split_whitespace()
        .next()
        .unwrap_or("SQL")
        .to_ascii_uppercase();
    tracing::info_span!(
        "db.query",
        otel.name = %operation,
        otel.kind = "client",
        db.system = "postgresql",
        db.operation.name = %operation,
        db.statement = %sql,
        shop.service = %service,
    )
}

/// A stream polled inside a span, which closes when the stream is dropped.
struct InSpan<S> {
    inner: S,
    span: tracing::Span,
}

impl<S: futures::Stream + Unpin> futures::Stream for InSpan<S> {
    type Item = S::Item;
    fn poll_next(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        let this = self.get_mut();
        let _entered = this.span.enter();
        futures::StreamExt::poll_next_unpin(&mut this.inner, cx)
    }
}

impl<'c, E> Executor<'c> for Counted<'_, E>
where
    E: Executor<'c, Database = Postgres>,
{
    type Database = Postgres;

    fn fetch_many<'e, 'q: 'e, Q>(
        self,
        query: Q,
    ) -> BoxStream<'e, Result<Either<PgQueryResult, PgRow>, sqlx::Error>>
    where
        'c: 'e,
        Q: 'q + Execute<'q, Postgres>,
    {
        self.counter.fetch_add(1, Ordering::SeqCst);
        let span = statement_span(self.service, query.sql());
        let inner = span.in_scope(|| self.inner.fetch_many(query));
        Box::pin(InSpan { inner, span })
    }

    fn fetch_optional<'e, 'q: 'e, Q>(
        self,
        query: Q,
    ) -> BoxFuture<'e, Result<Option<PgRow>, sqlx::Error>>
    where
        'c: 'e,
        Q: 'q + Execute<'q, Postgres>,
    {
        use tracing::Instrument as _;
        self.counter.fetch_add(1, Ordering::SeqCst);
        let span = statement_span(self.service, query.sql());
        let future = span.in_scope(|| self.inner.fetch_optional(query));
        Box::pin(future.instrument(span))
    }

    fn prepare_with<'e, 'q: 'e>(
        self,
        sql: &'q str,
        parameters: &'e [PgTypeInfo],
    ) -> BoxFuture<'e, Result<PgStatement<'q>, sqlx::Error>>
    where
        'c: 'e,
    {
        self.inner.prepare_with(sql, parameters)
    }

    fn describe<'e, 'q: 'e>(
        self,
        sql: &'q str,
    ) -> BoxFuture<'e, Result<Describe<Postgres>, sqlx::Error>>
    where
        'c: 'e,
    {
        self.inner.describe(sql)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::TestDatabase;

    #[tokio::test]
    async fn every_statement_and_transaction_records_its_wait_for_a_connection() {
        let database = TestDatabase::create().await.unwrap();
        let pool = connect(database.service_options(&PRODUCT_DB), 2)
            .await
            .unwrap();
        let metrics = crate::metrics::Metrics::new("test");
        let db = Db::observed(pool, &metrics);
        let waits = || metrics.db_acquire().get_sample_count();
        let one: i32 = sqlx::query_scalar("SELECT 1")
            .fetch_one(db.exec())
            .await
            .unwrap();
        assert_eq!(one, 1);
        let rows: Vec<i32> = sqlx::query_scalar("SELECT generate_series(1, 3)")
            .fetch_all(db.exec())
            .await
            .unwrap();
        assert_eq!(rows, [1, 2, 3], "a statement's rows all arrive");
        assert_eq!(waits(), 2, "one wait per statement");
        let tx = db.begin().await.unwrap();
        tx.commit().await.unwrap();
        assert_eq!(waits(), 3, "and per transaction");
        assert_eq!(db.statement_count(), 2);
        assert!(
            metrics
                .render()
                .await
                .contains("shop_db_pool_acquire_seconds_count{service=\"test\"} 3")
        );
        database.drop_database().await.unwrap();
    }

    #[tokio::test]
    async fn a_statement_past_its_timeout_is_unavailable_and_its_connection_comes_back() {
        let database = TestDatabase::create().await.unwrap();
        // One connection, so the statement after the timeout can only run
        // if the cancelled one gave it back.
        let pool = connect(database.service_options(&PRODUCT_DB), 1)
            .await
            .unwrap();
        let role_timeout: String = sqlx::query_scalar("SHOW statement_timeout")
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(role_timeout, STATEMENT_TIMEOUT, "the role's own setting");
        let idle: String = sqlx::query_scalar("SHOW idle_in_transaction_session_timeout")
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(idle, IDLE_IN_TRANSACTION_TIMEOUT);

        // The role's 5 s, shortened for this transaction so the test is quick.
        let mut tx = pool.begin().await.unwrap();
        sqlx::query("SET LOCAL statement_timeout = '100ms'")
            .execute(&mut *tx)
            .await
            .unwrap();
        let err = sqlx::query("SELECT pg_sleep(3)")
            .execute(&mut *tx)
            .await
            .unwrap_err();
        drop(tx);
        let api = crate::ApiError::from_internal(&anyhow::Error::from(err));
        assert_eq!(api.code, crate::ErrorCode::Unavailable);
        assert!(
            api.details
                .contains(&("reason".into(), "STATEMENT_TIMEOUT".into()))
        );

        let one: i32 = sqlx::query_scalar("SELECT 1")
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(one, 1);
        pool.close().await;
    }
}
