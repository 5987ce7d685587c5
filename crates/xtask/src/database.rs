//! Getting a PostgreSQL database ready for the services: find the server (or
//! start a private one), create the database, bootstrap schemas and roles,
//! run every service's migrations and load the demo data.

use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, bail};
use platform::db::{self, Db, ServiceDb};
use sqlx::postgres::PgConnectOptions;
use sqlx::{ConnectOptions, Connection};

/// The administrator connection: `DATABASE_URL`, or the local default.
pub fn admin_url() -> String {
    platform::config::env_or("DATABASE_URL", platform::config::DEFAULT_DATABASE_URL)
}

/// A PostgreSQL cluster this command started, stopped on drop.
pub struct PrivateCluster {
    data_dir: PathBuf,
    bin_dir: PathBuf,
}

impl Drop for PrivateCluster {
    fn drop(&mut self) {
        println!("stopping the private PostgreSQL cluster");
        let _ = as_postgres_user(
            Command::new(self.bin_dir.join("pg_ctl"))
                .args(["-D"])
                .arg(&self.data_dir)
                .args(["-m", "fast", "-w", "stop"]),
        )
        .status();
    }
}

/// Makes sure a server answers at `url`. If nothing listens there and the
/// host is local, starts a private cluster under `target/dev-postgres`.
pub fn ensure_server(root: &Path, url: &str) -> anyhow::Result<Option<PrivateCluster>> {
    let options = PgConnectOptions::from_str(url)?;
    let addr = (options.get_host(), options.get_port())
        .to_socket_addrs()
        .ok()
        .and_then(|mut a| a.next())
        .with_context(|| format!("cannot resolve {}", options.get_host()))?;
    if TcpStream::connect_timeout(&addr, Duration::from_secs(1)).is_ok() {
        return Ok(None);
    }
    if !addr.ip().is_loopback() {
        bail!("no PostgreSQL answers at {addr} (from DATABASE_URL)");
    }
    println!(
        "no PostgreSQL answers at {addr}: starting a private cluster under target/dev-postgres"
    );
    let bin_dir = find_postgres_bin_dir().context(
        "PostgreSQL is not running and its server binaries are not installed.\n\
         Install them (Debian/Ubuntu: `apt-get install postgresql`), or set DATABASE_URL to a running server.",
    )?;
    let base = root.join("target/dev-postgres");
    let data_dir = base.join("data");
    std::fs::create_dir_all(&base)?;
    if !data_dir.join("PG_VERSION").exists() {
        std::fs::create_dir_all(&data_dir)?;
        chown_to_postgres(&base)?;
        let status = as_postgres_user(
            Command::new(bin_dir.join("initdb"))
                .arg("-D")
                .arg(&data_dir)
                .args([
                    "-U",
                    options.get_username(),
                    "--auth=trust",
                    "--encoding=UTF8",
                    "--no-instructions",
                ]),
        )
        .status()?;
        if !status.success() {
            bail!("initdb failed");
        }
    }
    chown_to_postgres(&base)?;
    let log = base.join("postgres.log");
    let server_options = format!(
        "-p {} -c listen_addresses={} -k {}",
        addr.port(),
        addr.ip(),
        base.display()
    );
    let status = as_postgres_user(
        Command::new(bin_dir.join("pg_ctl"))
            .arg("-D")
            .arg(&data_dir)
            .arg("-l")
            .arg(&log)
            .args(["-o", &server_options, "-w", "start"]),
    )
    .status()?;
    if !status.success() {
        bail!("pg_ctl start failed; see {}", log.display());
    }
    Ok(Some(PrivateCluster { data_dir, bin_dir }))
}

fn find_postgres_bin_dir() -> Option<PathBuf> {
    let on_path = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .unwrap_or_default();
    let mut debian: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .map(|dirs| {
            dirs.filter_map(|d| d.ok())
                .map(|d| d.path().join("bin"))
                .collect()
        })
        .unwrap_or_default();
    debian.sort();
    debian.reverse();
    on_path
        .into_iter()
        .chain(debian)
        .find(|dir| dir.join("initdb").is_file() && dir.join("pg_ctl").is_file())
}

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    #[allow(unsafe_code)]
    unsafe {
        libc::geteuid() == 0
    }
}

/// PostgreSQL refuses to run as root; when we are root, run it as `postgres`.
fn as_postgres_user(command: &mut Command) -> &mut Command {
    if is_root() {
        let program = command.get_program().to_owned();
        let args: Vec<_> = command.get_args().map(|a| a.to_owned()).collect();
        let mut wrapped = Command::new("runuser");
        wrapped
            .args(["-u", "postgres", "--"])
            .arg(program)
            .args(args);
        *command = wrapped;
    }
    command
}

fn chown_to_postgres(dir: &Path) -> anyhow::Result<()> {
    if is_root() {
        let status = Command::new("chown")
            .args(["-R", "postgres:postgres"])
            .arg(dir)
            .status()?;
        if !status.success() {
            bail!(
                "cannot hand {} to the postgres user (is there one?)",
                dir.display()
            );
        }
    }
    Ok(())
}

/// Creates the database named in `url` if it does not exist, then bootstraps
/// every service's schema and role in it.
pub async fn bootstrap(url: &str) -> anyhow::Result<PgConnectOptions> {
    let options = PgConnectOptions::from_str(url)?.log_statements(tracing::log::LevelFilter::Debug);
    let name = options.get_database().unwrap_or("shop").to_string();
    let mut server = connect_with_retry(options.clone().database("postgres")).await?;
    let exists: bool =
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)")
            .bind(&name)
            .fetch_one(&mut server)
            .await?;
    if !exists {
        sqlx::raw_sql(&format!("CREATE DATABASE {}", db::quote_ident(&name)))
            .execute(&mut server)
            .await?;
        println!("created database {name}");
    }
    server.close().await?;
    let admin = db::connect(options.clone().database(&name), 2).await?;
    db::bootstrap(&admin, &db::ALL_SERVICES).await?;
    admin.close().await;
    Ok(options.database(&name))
}

async fn connect_with_retry(options: PgConnectOptions) -> anyhow::Result<sqlx::PgConnection> {
    let mut last = None;
    for _ in 0..30 {
        match options.connect().await {
            Ok(conn) => return Ok(conn),
            Err(e) => last = Some(e),
        }
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    Err(last
        .map(anyhow::Error::from)
        .unwrap_or_else(|| anyhow::anyhow!("cannot connect")))
}

/// Drops the database `url` names, if it exists (the bench starts fresh).
pub async fn drop_database(url: &str) -> anyhow::Result<()> {
    let options = PgConnectOptions::from_str(url)?;
    let name = options.get_database().unwrap_or("shop").to_string();
    let mut server = connect_with_retry(options.database("postgres")).await?;
    sqlx::raw_sql(&format!(
        "DROP DATABASE IF EXISTS {} WITH (FORCE)",
        db::quote_ident(&name)
    ))
    .execute(&mut server)
    .await?;
    server.close().await?;
    Ok(())
}

/// Grows the generated demo catalog to `products` (see
/// [`product::app::demo::seed_with`]), as the product service.
pub async fn seed_products(admin: &PgConnectOptions, products: usize) -> anyhow::Result<()> {
    let pool = db::connect(
        product::store::connect_options(service_options(admin, &db::PRODUCT_DB)),
        2,
    )
    .await?;
    let catalog = product::app::catalog::Catalog::new(product::store::ProductStore::new(Db::new(
        pool.clone(),
    )));
    let reviewers: Vec<uuid::Uuid> = user::app::demo::ACCOUNTS.iter().map(|a| a.id).collect();
    product::app::demo::seed_with(&catalog, &reviewers, products).await?;
    pool.close().await;
    Ok(())
}

/// `admin` with a service's role, password and schema.
fn service_options(admin: &PgConnectOptions, service: &ServiceDb) -> PgConnectOptions {
    service.pin_schema(
        admin
            .clone()
            .username(service.role)
            .password(&service.password()),
    )
}

/// Runs each service's migrations as that service, and loads the demo data
/// with `products` generated products (see [`product::app::demo::seed_with`]).
pub async fn migrate_and_seed(
    admin: &PgConnectOptions,
    data_dir: &Path,
    products: usize,
) -> anyhow::Result<()> {
    let user_pool = db::connect(service_options(admin, &db::USER_DB), 2).await?;
    user::store::migrate(&user_pool).await?;
    // Demo accounts have published passwords: development only, always.
    let accounts = user_accounts(user_pool.clone(), data_dir, false)?;
    user::app::demo::seed(&accounts).await?;
    user_pool.close().await;

    let product_pool = db::connect(
        product::store::connect_options(service_options(admin, &db::PRODUCT_DB)),
        2,
    )
    .await?;
    product::store::migrate(&product_pool).await?;
    let catalog = Arc::new(product::app::catalog::Catalog::new(
        product::store::ProductStore::new(Db::new(product_pool.clone())),
    ));
    let reviewers: Vec<uuid::Uuid> = user::app::demo::ACCOUNTS.iter().map(|a| a.id).collect();
    product::app::demo::seed_with(&catalog, &reviewers, products).await?;
    product_pool.close().await;

    let order_pool = db::connect(service_options(admin, &db::ORDER_DB), 2).await?;
    order::store::migrate(&order_pool).await?;
    order_pool.close().await;
    Ok(())
}

/// The user service's account logic on `pool`, for commands that register
/// accounts (demo data, the first admin) without serving or calling peers:
/// see [`user::Config::for_tools`].
fn user_accounts(
    pool: sqlx::PgPool,
    data_dir: &Path,
    production: bool,
) -> anyhow::Result<user::app::accounts::Accounts> {
    let config = user::Config::for_tools(data_dir, production)?;
    user::startup::build_accounts(
        &config,
        Db::new(pool),
        platform::cache::Cache::disabled(),
        &platform::metrics::Metrics::default(),
    )
}

/// Creates the first admin (or promotes an existing account), for
/// `cargo xtask create-admin`.
pub async fn create_admin(
    admin: &PgConnectOptions,
    data_dir: &Path,
    email: &str,
    password: &str,
) -> anyhow::Result<()> {
    let pool = db::connect(service_options(admin, &db::USER_DB), 2).await?;
    user::store::migrate(&pool).await?;
    let accounts = user_accounts(pool.clone(), data_dir, platform::config::is_production())?;
    let user = accounts
        .ensure_admin(email, password, "Administrator")
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    println!(
        "{} is an admin (roles: {:?})",
        user.email.unwrap_or_default(),
        user.roles
    );
    pool.close().await;
    Ok(())
}

/// Whether something accepts TCP connections at `addr`.
pub fn reachable(addr: SocketAddr) -> bool {
    TcpStream::connect_timeout(&addr, Duration::from_millis(500)).is_ok()
}
