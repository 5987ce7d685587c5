//! The one test harness of every crate (feature `testing`):
//!
//! - [`TestDatabase`]: a fresh database for each test, so tests run in
//!   parallel without sharing state. Each is bootstrapped exactly like
//!   production: every service's schema and role, with the same grants. It
//!   is dropped when the value is, even when the test panics.
//! - [`TestApp`]: a service started on listeners it already holds (port 0,
//!   so no two tests can race for a port), stopped when the value is
//!   dropped, together with its database.
//! - [`UNREACHABLE_PEER`]: where a test points a peer that must be down.
//! - [`report_latencies`]: the benchmarks' common report line.

use std::net::SocketAddr;
use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::PgConnectOptions;
use sqlx::{ConnectOptions, PgPool};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::db::{self, ServiceDb};
use crate::server::Service;

pub use crate::config::UNREACHABLE_PEER;

/// A throw-away database named `shop_test_<uuid>`, dropped with the value.
pub struct TestDatabase {
    /// The database name.
    pub name: String,
    /// Administrator options (from `DATABASE_URL` or the local default).
    admin: PgConnectOptions,
    /// Already dropped by [`TestDatabase::drop_database`].
    dropped: bool,
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
        let this = Self {
            name,
            admin,
            dropped: false,
        };
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

    /// Drops the database now, reporting a failure; dropping the value does
    /// the same silently.
    pub async fn drop_database(mut self) -> anyhow::Result<()> {
        self.dropped = true;
        drop_database(self.admin.clone(), self.name.clone()).await
    }
}

async fn drop_database(admin: PgConnectOptions, name: String) -> anyhow::Result<()> {
    let mut server = admin.database("postgres").connect().await?;
    sqlx::raw_sql(&format!(
        "DROP DATABASE IF EXISTS {} WITH (FORCE)",
        db::quote_ident(&name)
    ))
    .execute(&mut server)
    .await?;
    Ok(())
}

impl Drop for TestDatabase {
    /// Drops the database on a thread of its own, so that it also happens
    /// when a test panics, inside or outside a runtime. `WITH (FORCE)` ends
    /// the connections services still hold.
    fn drop(&mut self) {
        if self.dropped {
            return;
        }
        let (admin, name) = (self.admin.clone(), self.name.clone());
        let dropped = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()?;
            runtime.block_on(drop_database(admin, name))
        })
        .join();
        if !matches!(dropped, Ok(Ok(()))) {
            // Harmless: `.ci/run` removes leftover `shop_test_*` databases.
            tracing::warn!(database = %self.name, "could not drop the test database");
        }
    }
}

/// A service running in the background of a test, on the listeners it was
/// built with. Dropping it stops the service, then drops its database if
/// it owns one ([`TestApp::with_database`]), even when the test panics.
pub struct TestApp {
    /// Where GraphQL (`/graphql`) and the other HTTP routes are served.
    pub http_addr: SocketAddr,
    /// Where the service's gRPC API is served.
    pub grpc_addr: SocketAddr,
    /// A client with a timeout that presents the router's secret, as the
    /// router does, for requests to the service.
    pub client: reqwest::Client,
    /// The secret the service's GraphQL endpoint expects from the router.
    pub router_secret: crate::guard::RouterSecret,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<anyhow::Result<()>>>,
    database: Option<TestDatabase>,
}

impl TestApp {
    /// Starts `service` in the background.
    pub fn start(service: impl Service) -> Self {
        let (http_addr, grpc_addr) = (service.http_addr(), service.grpc_addr());
        let router_secret = service.router_secret();
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(service.run_until_stopped(Box::pin(async move {
            let _ = stopped.await;
        })));
        Self {
            http_addr,
            grpc_addr,
            client: router_client(&router_secret),
            router_secret,
            stop: Some(stop),
            task: Some(task),
            database: None,
        }
    }

    /// Makes the app own `database`, dropped after the service stops.
    pub fn with_database(mut self, database: TestDatabase) -> Self {
        self.database = Some(database);
        self
    }

    /// The database the app owns.
    pub fn database(&self) -> Option<&TestDatabase> {
        self.database.as_ref()
    }

    /// `http://host:port/graphql`.
    pub fn graphql_url(&self) -> String {
        format!("http://{}/graphql", self.http_addr)
    }

    /// `http://host:port`, for a gRPC client.
    pub fn grpc_url(&self) -> String {
        format!("http://{}", self.grpc_addr)
    }

    /// Sends a GraphQL operation with an optional bearer token; returns the
    /// response body.
    pub async fn graphql(
        &self,
        token: Option<&str>,
        query: &str,
        variables: serde_json::Value,
    ) -> serde_json::Value {
        graphql(&self.client, &self.graphql_url(), token, query, variables).await
    }

    /// Stops the service as `Drop` would, but waits for it to finish (at
    /// most 10 s), as a clean shutdown or a test of a restart wants.
    pub async fn stop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(mut task) = self.task.take()
            && tokio::time::timeout(Duration::from_secs(10), &mut task)
                .await
                .is_err()
        {
            task.abort();
        }
    }

    /// Stops the service at once, as a crash would: requests in flight and
    /// background work end where they are.
    pub async fn kill(&mut self) {
        self.stop.take();
        if let Some(task) = self.task.take() {
            task.abort();
            let _ = task.await;
        }
    }

    /// Stops the service and drops its database, waiting for both.
    pub async fn finish(mut self) {
        self.stop().await;
        if let Some(database) = self.database.take() {
            let _ = database.drop_database().await;
        }
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            task.abort();
        }
        // The database goes last, after the service that used it.
        drop(self.database.take());
    }
}

/// The HTTP client the tests use: a generous timeout, so a hung service
/// fails its test instead of stalling the run.
pub fn test_client() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap_or_default()
}

/// Starts a service binary with only `envs` set (so `SHOP_ENV` is unset,
/// which means production) and returns what it wrote to stderr when it
/// exits. Panics when it exits successfully, or still runs after 20 s: the
/// caller expects it to refuse to start.
pub fn startup_failure(binary: &str, envs: &[(&str, &str)]) -> String {
    let mut child = std::process::Command::new(binary)
        .env_clear()
        .envs(envs.iter().copied())
        .env("RUST_LOG", "error")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {binary}: {e}"));
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    loop {
        if let Some(status) = child.try_wait().expect("wait for the binary") {
            assert!(
                !status.success(),
                "{binary} started, though it should refuse"
            );
            let mut stderr = String::new();
            use std::io::Read;
            if let Some(mut pipe) = child.stderr.take() {
                let _ = pipe.read_to_string(&mut stderr);
            }
            return stderr;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("{binary} was still running after 20 s; it should have refused to start");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A gRPC channel to the service `peer` at `url`, over TLS with the tests'
/// PKI ([`crate::tls::GrpcTls::for_test`]), presenting the certificate of
/// the service `identity`, or none (a caller outside the services).
pub fn grpc_channel(
    url: &str,
    peer: &str,
    identity: Option<&'static str>,
) -> tonic::transport::Channel {
    let ca = crate::tls::GrpcTls::for_test("user").ca_file;
    let identity = identity.map(crate::tls::GrpcTls::for_test);
    let config = crate::tls::outsider_config(&ca, identity.as_ref()).expect("test TLS config");
    crate::tls::channel(url, peer, Some(config), Duration::from_secs(5)).expect("gRPC channel")
}

/// [`test_client`] presenting `secret` as the router does.
pub fn router_client(secret: &crate::guard::RouterSecret) -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    if let Ok(value) = reqwest::header::HeaderValue::from_str(secret.expose()) {
        headers.insert(crate::guard::ROUTER_SECRET_HEADER, value);
    }
    reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .default_headers(headers)
        .build()
        .unwrap_or_default()
}

/// Sends a GraphQL operation to `url` and returns the response body; a
/// transport failure or a body that is not JSON panics, failing the test.
pub async fn graphql(
    client: &reqwest::Client,
    url: &str,
    token: Option<&str>,
    query: &str,
    variables: serde_json::Value,
) -> serde_json::Value {
    let mut request = client
        .post(url)
        .json(&serde_json::json!({ "query": query, "variables": variables }));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request
        .send()
        .await
        .unwrap_or_else(|e| panic!("{url} did not answer: {e}"));
    response
        .json()
        .await
        .unwrap_or_else(|e| panic!("{url} sent no JSON: {e}"))
}

/// The `extensions.code` of a GraphQL response's first error, if any.
pub fn error_code(response: &serde_json::Value) -> Option<&str> {
    response["errors"][0]["extensions"]["code"].as_str()
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

/// A TCP proxy in front of a real server (the broker), which a test can cut
/// and restore: cutting closes every connection through it and refuses new
/// ones, as a broker that went down would.
pub struct TcpProxy {
    addr: SocketAddr,
    state: tokio::sync::watch::Sender<ProxyState>,
    _task: crate::server::AbortOnDrop,
}

/// What a [`TcpProxy`] does with traffic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ProxyState {
    /// Forwards both ways.
    Forwarding,
    /// Closes every connection and refuses new ones: a peer that is down.
    Cut,
    /// Keeps connections open and accepts new ones, but forwards nothing:
    /// a peer that hangs. Restoring closes what was held.
    Stalled,
}

impl TcpProxy {
    /// Listens on a free local port and forwards to `target`.
    pub async fn start(target: SocketAddr) -> anyhow::Result<Self> {
        let listener = tokio::net::TcpListener::bind(crate::config::LOCAL_ANY_PORT).await?;
        let addr = listener.local_addr()?;
        let (state, watch) = tokio::sync::watch::channel(ProxyState::Forwarding);
        let task = tokio::spawn(async move {
            while let Ok((inbound, _)) = listener.accept().await {
                let mut watch = watch.clone();
                let now = *watch.borrow();
                match now {
                    ProxyState::Cut => {
                        drop(inbound);
                        continue;
                    }
                    ProxyState::Stalled => {
                        tokio::spawn(async move {
                            let _ = watch.wait_for(|s| *s != ProxyState::Stalled).await.is_ok();
                            drop(inbound);
                        });
                        continue;
                    }
                    ProxyState::Forwarding => {}
                }
                tokio::spawn(async move {
                    let Ok(outbound) = tokio::net::TcpStream::connect(target).await else {
                        return;
                    };
                    let (mut inbound, mut outbound) = (inbound, outbound);
                    let changed = async {
                        let state = watch
                            .wait_for(|s| *s != ProxyState::Forwarding)
                            .await
                            .map(|s| *s);
                        state.unwrap_or(ProxyState::Cut)
                    };
                    let stalled = tokio::select! {
                        _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound) => false,
                        state = changed => state == ProxyState::Stalled,
                    };
                    // Stalled: hold both ends silent until restored.
                    if stalled {
                        let _ = watch.wait_for(|s| *s != ProxyState::Stalled).await.is_ok();
                    }
                });
            }
        });
        Ok(Self {
            addr,
            state,
            _task: crate::server::AbortOnDrop(task),
        })
    }

    /// Where clients connect.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Closes every connection and refuses new ones.
    pub fn cut(&self) {
        self.state.send_replace(ProxyState::Cut);
    }

    /// Stops forwarding without closing anything: calls through the proxy
    /// hang until their own timeouts.
    pub fn stall(&self) {
        self.state.send_replace(ProxyState::Stalled);
    }

    /// Forwards again (connections held while stalled are closed).
    pub fn restore(&self) {
        self.state.send_replace(ProxyState::Forwarding);
    }
}

/// An aiosmtpd handler that refuses every recipient permanently.
const REFUSING_HANDLER: &str = "class Handler:\n    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):\n        return '550 5.1.1 <' + address + '>: no such mailbox'\n";

/// A real SMTP server for a test: Python's `aiosmtpd`, storing every message
/// it receives in a maildir of its own. Stopped and removed on drop.
pub struct SmtpServer {
    /// Where it listens.
    pub port: u16,
    dir: std::path::PathBuf,
    child: tokio::process::Child,
}

impl SmtpServer {
    /// Starts `python3 -m aiosmtpd` on a free port and waits until it
    /// answers. Fails with a hint when aiosmtpd is not installed.
    pub async fn start() -> anyhow::Result<Self> {
        Self::start_with(None).await
    }

    /// A server that refuses every recipient for good (`550 5.1.1`), as a
    /// mailbox that does not exist does: the bounce path.
    pub async fn start_refusing() -> anyhow::Result<Self> {
        Self::start_with(Some(REFUSING_HANDLER)).await
    }

    async fn start_with(handler: Option<&str>) -> anyhow::Result<Self> {
        let dir = std::env::temp_dir().join(format!("shop-smtp-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&dir)?;
        let port = std::net::TcpListener::bind(crate::config::LOCAL_ANY_PORT)?
            .local_addr()?
            .port();
        let python = crate::config::env_or("PYTHON", "python3");
        let mut command = tokio::process::Command::new(&python);
        command.args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}")]);
        match handler {
            None => {
                command
                    .args(["-c", "aiosmtpd.handlers.Mailbox"])
                    .arg(dir.join("maildir"));
            }
            Some(source) => {
                std::fs::write(dir.join("shop_smtp_handler.py"), source)?;
                command
                    .env("PYTHONPATH", &dir)
                    .args(["-c", "shop_smtp_handler.Handler"]);
            }
        }
        let child = command
            .kill_on_drop(true)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .map_err(|e| {
                anyhow::anyhow!("{python} -m aiosmtpd could not start ({e}): pip install aiosmtpd")
            })?;
        let mut server = Self { port, dir, child };
        for _ in 0..100 {
            if tokio::net::TcpStream::connect(("127.0.0.1", port))
                .await
                .is_ok()
            {
                return Ok(server);
            }
            if let Some(status) = server.child.try_wait()? {
                anyhow::bail!(
                    "aiosmtpd exited with {status}: is it installed? (pip install aiosmtpd)"
                );
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        anyhow::bail!("aiosmtpd did not listen on port {port}")
    }

    /// The `SMTP_URL` a service sends through: plain SMTP, no TLS.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Every message received so far, raw (headers and body), oldest first.
    pub fn messages(&self) -> Vec<String> {
        let mut found = Vec::new();
        for folder in ["new", "cur"] {
            let Ok(entries) = std::fs::read_dir(self.dir.join("maildir").join(folder)) else {
                continue;
            };
            for entry in entries.flatten() {
                let modified = entry.metadata().and_then(|m| m.modified()).ok();
                if let Ok(text) = std::fs::read_to_string(entry.path()) {
                    found.push((modified, text));
                }
            }
        }
        found.sort_by_key(|(modified, _)| *modified);
        found.into_iter().map(|(_, text)| text).collect()
    }

    /// Waits up to `timeout` for a message that contains every one of
    /// `needles`, and returns it (decoded from quoted-printable).
    pub async fn wait_for(&self, needles: &[&str], timeout: Duration) -> Option<String> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            if let Some(found) = self
                .messages()
                .into_iter()
                .map(|raw| decode_mail(&raw))
                .find(|text| needles.iter().all(|n| text.contains(n)))
            {
                return Some(found);
            }
            if tokio::time::Instant::now() >= deadline {
                return None;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.start_kill();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A mail as text: quoted-printable soft breaks and `=XX` escapes undone,
/// so a test can search it for a link or a number.
pub fn decode_mail(raw: &str) -> String {
    let joined = raw.replace("=\r\n", "").replace("=\n", "");
    let bytes = joined.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'='
            && i + 2 < bytes.len()
            && let Some(byte) = std::str::from_utf8(&bytes[i + 1..i + 3])
                .ok()
                .and_then(|hex| u8::from_str_radix(hex, 16).ok())
        {
            out.push(byte);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use futures::future::BoxFuture;

    use super::*;
    use crate::server::Listeners;

    async fn database_exists(name: &str) -> bool {
        let base = crate::config::env_or("DATABASE_URL", crate::config::DEFAULT_DATABASE_URL);
        let options = PgConnectOptions::from_str(&base).expect("DATABASE_URL");
        let pool = db::connect(options.database("postgres"), 1)
            .await
            .expect("the server answers");
        let exists = sqlx::query_scalar::<_, bool>(
            "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)",
        )
        .bind(name)
        .fetch_one(&pool)
        .await
        .expect("pg_database");
        pool.close().await;
        exists
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_test_database_is_dropped_even_when_its_test_panics() {
        use futures::FutureExt;
        let mut created = None;
        let failed = std::panic::AssertUnwindSafe(async {
            let database = TestDatabase::create().await.expect("test database");
            created = Some(database.name.clone());
            panic!("a failing test");
        })
        .catch_unwind()
        .await;
        assert!(failed.is_err(), "the test panicked");
        let name = created.expect("the database was created");
        assert!(!database_exists(&name).await, "{name} was dropped");
    }

    /// A service that answers `GET /` until it is stopped.
    struct Hello(Listeners);

    impl Service for Hello {
        fn http_addr(&self) -> SocketAddr {
            self.0.http_addr()
        }
        fn grpc_addr(&self) -> SocketAddr {
            self.0.grpc_addr()
        }
        fn router_secret(&self) -> crate::guard::RouterSecret {
            crate::guard::RouterSecret::generate()
        }
        fn run_until_stopped(
            self,
            shutdown: BoxFuture<'static, ()>,
        ) -> BoxFuture<'static, anyhow::Result<()>> {
            Box::pin(async move {
                let routes = axum::Router::new().route("/", axum::routing::get(|| async { "hi" }));
                axum::serve(self.0.http, routes)
                    .with_graceful_shutdown(shutdown)
                    .await?;
                Ok(())
            })
        }
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_test_app_serves_on_the_port_it_holds_and_stops_when_dropped() {
        let app = TestApp::start(Hello(Listeners::local().await.expect("ports")));
        let url = format!("http://{}/", app.http_addr);
        assert_ne!(
            app.http_addr.port(),
            0,
            "a real port, bound before the start"
        );
        let answer = app.client.get(&url).send().await.expect("served");
        assert_eq!(answer.text().await.unwrap(), "hi");
        drop(app);
        let client = test_client();
        let deadline = std::time::Instant::now() + Duration::from_secs(5);
        loop {
            if client.get(&url).send().await.is_err() {
                break;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "the service still answers after its TestApp was dropped"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}
