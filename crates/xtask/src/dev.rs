//! `cargo xtask dev`: the whole stack on one machine, until Ctrl-C.
//!
//! Every child is started with `PR_SET_PDEATHSIG`, so none outlives this
//! command even if it is killed; on Ctrl-C each gets SIGTERM, then SIGKILL
//! after ten seconds.

use std::net::{SocketAddr, ToSocketAddrs};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use tokio::process::{Child, Command};

use crate::database;

/// A service process the stack supervises.
pub(crate) struct Service {
    pub(crate) name: &'static str,
    pub(crate) child: Child,
}

/// Settings read from the same variables, with the same defaults, as the
/// services themselves.
struct Ports {
    user: SocketAddr,
    product: SocketAddr,
    order: SocketAddr,
    notification: SocketAddr,
    user_grpc: SocketAddr,
    product_grpc: SocketAddr,
    order_grpc: SocketAddr,
    notification_grpc: SocketAddr,
    router: String,
    router_health: String,
}

fn addr(var: &str, default: &str) -> anyhow::Result<SocketAddr> {
    platform::config::env_addr(var, default)
}

impl Ports {
    fn from_env() -> anyhow::Result<Self> {
        Ok(Self {
            user: addr("USER_HTTP_ADDR", "127.0.0.1:4001")?,
            product: addr("PRODUCT_HTTP_ADDR", "127.0.0.1:4002")?,
            order: addr("ORDER_HTTP_ADDR", "127.0.0.1:4003")?,
            notification: addr("NOTIFICATION_HTTP_ADDR", "127.0.0.1:4004")?,
            user_grpc: addr("USER_GRPC_ADDR", "127.0.0.1:50051")?,
            product_grpc: addr("PRODUCT_GRPC_ADDR", "127.0.0.1:50052")?,
            order_grpc: addr("ORDER_GRPC_ADDR", "127.0.0.1:50053")?,
            notification_grpc: addr("NOTIFICATION_GRPC_ADDR", "127.0.0.1:50054")?,
            router: platform::config::env_or("ROUTER_LISTEN", "127.0.0.1:4000"),
            router_health: platform::config::env_or("ROUTER_HEALTH_LISTEN", "127.0.0.1:8088"),
        })
    }
}

/// Runs the dev stack from `root` until Ctrl-C, with `options.products`
/// generated demo products, debug or (`--release`) optimised binaries.
pub async fn run(root: &Path, options: crate::DevOptions) -> anyhow::Result<()> {
    let products = options.products;
    let ports = Ports::from_env()?;

    // 1. The schema: export and compose, so the router serves what the code defines.
    let composition = crate::compose::compose_from_code()?;
    crate::compose::write(root, &composition)?;
    println!(
        "composed supergraph.graphql from the four subgraphs ({} hints)",
        composition.hints.len()
    );

    // 2. PostgreSQL, bootstrap, migrations, demo data.
    let url = database::admin_url();
    let _cluster = database::ensure_server(root, &url)?;
    let admin = database::bootstrap(&url).await?;
    let data_dir = root.join(".data");
    database::migrate_and_seed(&admin, &data_dir, products).await?;
    println!("database ready: schemas, roles, migrations and demo data");

    // 3. Redis is optional.
    let redis_url = platform::config::env_or("REDIS_URL", platform::config::DEFAULT_REDIS_URL);
    if !reachable_url(&redis_url, 6379) {
        println!(
            "Redis is not reachable at {redis_url}: the services run without it (token checks are cached in-process)."
        );
    }

    // 3b. So is the broker, for a while: events wait in the outboxes.
    let amqp_url = platform::config::env_or("AMQP_URL", platform::events::broker::DEFAULT_AMQP_URL);
    if !amqp_url.eq_ignore_ascii_case("off") && !reachable_url(&amqp_url, 5672) {
        println!(
            "RabbitMQ is not reachable at {}: the services run, events wait in their outboxes and flow when it is back.",
            platform::events::broker::redact(&amqp_url)
        );
    }

    // 4. Build the binaries. `cargo test --no-run --workspace` builds them
    // with exactly the feature set the test suite uses: a narrower
    // `cargo build -p ...` unifies features differently and would make the
    // two commands rebuild the (large) router for each other; and
    // `crate::cargo` drops what `cargo run` set for this binary, which
    // would do the same.
    // With `--release`, the optimised binaries `cargo xtask bench` builds
    // too (so neither rebuilds the other's).
    let (build, profile): (&[&str], &str) = if options.release {
        (&["build", "--release", "--bins"], "release")
    } else {
        (&["test", "--workspace", "--no-run"], "debug")
    };
    let status = crate::cargo(root)
        .args(build)
        .status()
        .context("cannot run cargo")?;
    if !status.success() {
        bail!("cargo build failed");
    }
    let bin = target_dir(root).join(profile);
    // 4b. The web apps, when Node 20+ and npm are there.
    let web_built = crate::web::build(root)?;

    // 5. Start everything, subgraphs first. The router and the subgraphs
    // share a development secret, kept in `.data/router-secret`: GraphQL on
    // a subgraph answers only a caller that presents it.
    let secret = platform::guard::RouterSecret::load_or_create(&data_dir.join("router-secret"))?;
    // The development CA and each service's certificate, for mutual TLS
    // between the services: made once here, before four processes race.
    platform::tls::DevPki::ensure(&data_dir.join("pki"))?;
    let mut services = Vec::new();
    let envs = [
        ("SHOP_ENV", "development".to_string()),
        ("ROUTER_SHARED_SECRET", secret.expose().to_string()),
        ("DATABASE_URL", url.clone()),
        ("REDIS_URL", redis_url),
        ("SHOP_DATA_DIR", data_dir.display().to_string()),
        ("APOLLO_TELEMETRY_DISABLED", "true".into()),
        ("ROUTER_INTROSPECTION", "true".into()),
        // Apollo Sandbox loads from Apollo's CDN: the offline IDE on the
        // web server is the default; `ROUTER_SANDBOX=true
        // ROUTER_HOMEPAGE=false` turns the Sandbox on.
        ("ROUTER_SANDBOX", "false".into()),
        ("ROUTER_HOMEPAGE", "false".into()),
    ];
    let result = async {
        start_services(root, &bin, &envs, &mut services).await?;

        let web_addr = addr("WEB_LISTEN", "127.0.0.1:3000")?;
        let _web = if web_built {
            let listener = crate::web::bind(web_addr).await?;
            let (router, order) = web_upstreams()?;
            let web = root.join("web");
            Some(AbortOnDrop(tokio::spawn(async move {
                if let Err(err) = crate::web::serve(listener, web, router, order).await {
                    println!("web apps: {err:#}");
                }
            })))
        } else {
            None
        };

        println!();
        println!("The shop is running. Press Ctrl-C to stop everything.");
        if web_built {
            println!("  Storefront:                http://{web_addr}/");
            println!("  Admin app (staff, admin):  http://{web_addr}/admin/");
            println!("  GraphQL IDE (offline):     http://{web_addr}/graphiql/");
            println!("  Supergraph via the web:    http://{web_addr}/graphql   invoices: http://{web_addr}/invoices/<id>.pdf");
        }
        println!("  Supergraph endpoint:       http://{}/   (POST)", ports.router);
        println!("  Router health:             http://{}/health", ports.router_health);
        println!("  Router metrics:            http://{}/metrics", platform::config::env_or("ROUTER_METRICS_LISTEN", "127.0.0.1:9090"));
        for (name, addr, grpc) in [("user", ports.user, ports.user_grpc), ("product", ports.product, ports.product_grpc), ("order", ports.order, ports.order_grpc), ("notification", ports.notification, ports.notification_grpc)] {
            println!("  {name:<12} subgraph (router only): http://{addr}/graphql   gRPC: http://{grpc}");
        }
        if platform::config::env_opt("SMTP_URL").is_none() {
            println!("  Emails (no SMTP_URL):      {}/mail/*.eml   text messages: {}/sms/", data_dir.display(), data_dir.display());
        }
        println!("  Demo accounts: customer@shop.test / customer-password, staff@shop.test / staff-password, admin@shop.test / admin-password");

        supervise(&mut services).await
    }
    .await;
    stop_all(&mut services).await;
    result
}

/// Stops a spawned task when dropped (the web server, when the stack stops).
pub(crate) struct AbortOnDrop(pub(crate) tokio::task::JoinHandle<()>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Starts the four subgraphs from `bin`, waits until each is healthy, then
/// the router, into `services` (so the caller stops whatever started, even
/// when a later one fails). Addresses come from the same variables, with
/// the same defaults, as the services read.
pub(crate) async fn start_services(
    root: &Path,
    bin: &Path,
    envs: &[(&str, String)],
    services: &mut Vec<Service>,
) -> anyhow::Result<()> {
    let ports = Ports::from_env()?;
    let mut listens = vec![
        ports.user,
        ports.product,
        ports.order,
        ports.notification,
        ports.user_grpc,
        ports.product_grpc,
        ports.order_grpc,
        ports.notification_grpc,
    ];
    listens.extend(
        [&ports.router, &ports.router_health]
            .into_iter()
            .filter_map(|a| a.parse::<SocketAddr>().ok()),
    );
    wait_until_bindable(&listens, PORT_RELEASE_WAIT).await?;
    for name in ["user", "product", "order", "notification"] {
        services.push(spawn(name, Command::new(bin.join(name)), envs)?);
    }
    for (name, addr) in [
        ("user", ports.user),
        ("product", ports.product),
        ("order", ports.order),
        ("notification", ports.notification),
    ] {
        wait_healthy(name, &format!("http://{addr}/health"), services).await?;
    }
    let mut router = Command::new(bin.join("router"));
    router
        .arg("--config")
        .arg(root.join("router-config/router.yaml"))
        .arg("--supergraph")
        .arg(root.join("supergraph.graphql"));
    services.push(spawn("router", router, envs)?);
    wait_healthy(
        "router",
        &format!("http://{}/health", ports.router_health),
        services,
    )
    .await
}

/// How long a port held by a closing connection may take to come free:
/// Linux keeps a connection in TIME_WAIT for 60 s.
const PORT_RELEASE_WAIT: Duration = Duration::from_secs(75);

/// Waits until every address in `addrs` can be bound. The default gRPC
/// ports (50051-50054) lie in Linux's ephemeral range (32768-60999), so an
/// outgoing connection (of a test run just before, or of this command's
/// own database set-up) can hold one as its local port; bound without
/// SO_REUSEADDR it blocks a listener until its TIME_WAIT ends. A port with
/// a listener behind it is someone else's service, and is refused at once.
pub(crate) async fn wait_until_bindable(
    addrs: &[SocketAddr],
    patience: Duration,
) -> anyhow::Result<()> {
    let deadline = Instant::now() + patience;
    for addr in addrs {
        let mut told = false;
        loop {
            match std::net::TcpListener::bind(addr) {
                Ok(_) => break,
                Err(err) if err.kind() == std::io::ErrorKind::AddrInUse => {
                    if database::reachable(*addr) {
                        bail!(
                            "{addr} is in use: another process listens there (a running `cargo xtask dev`?); stop it or pick other addresses"
                        );
                    }
                    if Instant::now() >= deadline {
                        bail!(
                            "{addr} is still held by a connection after {}s; `ss -tanp | grep :{}` shows which (reserving the port with `sysctl net.ipv4.ip_local_reserved_ports={}` keeps outgoing connections off it)",
                            patience.as_secs(),
                            addr.port(),
                            addr.port()
                        );
                    }
                    if !told {
                        println!(
                            "{addr} is held by a closing connection (TIME_WAIT); waiting for it to come free"
                        );
                        told = true;
                    }
                    tokio::time::sleep(Duration::from_millis(500)).await;
                }
                Err(err) => return Err(err).with_context(|| format!("cannot bind {addr}")),
            }
        }
    }
    Ok(())
}

/// A stack of its own for a harness (`bench`, `browser-test`): a fresh
/// database at `url` (dropped first), migrated and seeded with the demo
/// data; its data directory `.data/<tag>` with the router secret and the
/// development PKI; its own RabbitMQ exchange `shop.<tag>` and queues
/// `<tag>.*`. `amqp_url` is the broker, or `off`.
pub(crate) struct Isolated {
    /// The administrator connection to the stack's database.
    pub(crate) admin: sqlx::postgres::PgConnectOptions,
    /// Its data directory (keys, certificates, mail).
    pub(crate) data_dir: PathBuf,
    /// What every process of the stack gets; callers add their own.
    pub(crate) envs: Vec<(&'static str, String)>,
}

pub(crate) async fn isolated(
    root: &Path,
    url: &str,
    tag: &str,
    amqp_url: String,
) -> anyhow::Result<Isolated> {
    database::drop_database(url).await?;
    let admin = database::bootstrap(url).await?;
    let data_dir = root.join(".data").join(tag);
    if data_dir.join("mail").exists() {
        std::fs::remove_dir_all(data_dir.join("mail"))?;
    }
    std::fs::create_dir_all(&data_dir)?;
    database::migrate_and_seed(&admin, &data_dir, product::app::demo::GENERATED_PRODUCTS).await?;
    let secret = platform::guard::RouterSecret::load_or_create(&data_dir.join("router-secret"))?;
    platform::tls::DevPki::ensure(&data_dir.join("pki"))?;
    let envs = vec![
        ("SHOP_ENV", "development".to_string()),
        ("ROUTER_SHARED_SECRET", secret.expose().to_string()),
        ("DATABASE_URL", url.to_string()),
        (
            "REDIS_URL",
            platform::config::env_or("REDIS_URL", platform::config::DEFAULT_REDIS_URL),
        ),
        ("SHOP_DATA_DIR", data_dir.display().to_string()),
        ("AMQP_URL", amqp_url),
        ("AMQP_EXCHANGE", format!("shop.{tag}")),
        ("AMQP_QUEUE_PREFIX", format!("{tag}.")),
        ("APOLLO_TELEMETRY_DISABLED", "true".into()),
        ("RUST_LOG", "warn".into()),
        // A harness registers many customers from one loopback address,
        // past the sign-up budgets (10 per address and hour, 300 a minute
        // for unknown addresses); 0 turns them off.
        ("SIGNUP_PER_MINUTE", "0".into()),
        ("SIGNUP_PER_ADDRESS_PER_HOUR", "0".into()),
    ];
    Ok(Isolated {
        admin,
        data_dir,
        envs,
    })
}

/// The router's and the order service's addresses, for the web server.
pub(crate) fn web_upstreams() -> anyhow::Result<(String, String)> {
    let ports = Ports::from_env()?;
    Ok((
        format!("http://{}/", ports.router),
        format!("http://{}", ports.order),
    ))
}

pub(crate) fn target_dir(root: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"))
}

/// Whether something listens where `url` (`scheme://[user@]host[:port]/…`)
/// points, `default_port` when it names none.
pub(crate) fn reachable_url(url: &str, default_port: u16) -> bool {
    let Some(rest) = url.split("://").nth(1) else {
        return false;
    };
    let host_port = rest
        .rsplit('@')
        .next()
        .unwrap_or(rest)
        .split('/')
        .next()
        .unwrap_or("");
    let host_port = if host_port.contains(':') {
        host_port.to_string()
    } else {
        format!("{host_port}:{default_port}")
    };
    host_port
        .to_socket_addrs()
        .ok()
        .and_then(|mut a| a.next())
        .is_some_and(database::reachable)
}

pub(crate) fn spawn(
    name: &'static str,
    mut command: Command,
    envs: &[(&str, String)],
) -> anyhow::Result<Service> {
    for (key, value) in envs {
        // A variable the developer set wins over the dev default.
        if std::env::var_os(key).is_none() || *key == "DATABASE_URL" {
            command.env(key, value);
        }
    }
    command.kill_on_drop(true);
    // SAFETY: prctl is async-signal-safe and touches no memory of the parent.
    #[allow(unsafe_code)]
    unsafe {
        command.pre_exec(|| {
            libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGTERM);
            Ok(())
        });
    }
    let child = command
        .spawn()
        .with_context(|| format!("cannot start {name}"))?;
    Ok(Service { name, child })
}

pub(crate) async fn wait_healthy(
    name: &str,
    url: &str,
    services: &mut [Service],
) -> anyhow::Result<()> {
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(2))
        .build()?;
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Ok(response) = client.get(url).send().await
            && response.status().is_success()
        {
            println!("{name} is up");
            return Ok(());
        }
        for service in services.iter_mut() {
            if let Some(status) = service.child.try_wait()? {
                bail!(
                    "{} exited while starting ({status}); see its log above",
                    service.name
                );
            }
        }
        if Instant::now() > deadline {
            bail!("{name} did not become healthy at {url} within 60 s");
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

/// Waits for Ctrl-C or SIGTERM, or for any service to exit on its own.
async fn supervise(services: &mut [Service]) -> anyhow::Result<()> {
    let exited = async {
        loop {
            for service in services.iter_mut() {
                if let Ok(Some(status)) = service.child.try_wait() {
                    return (service.name, status);
                }
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    };
    tokio::select! {
        _ = platform::server::shutdown_signal() => Ok(()),
        (name, status) = exited => bail!("{name} exited unexpectedly ({status}); stopping the stack"),
    }
}

pub(crate) async fn stop_all(services: &mut [Service]) {
    // The router first, then the subgraphs, each given time to drain.
    for service in services.iter_mut().rev() {
        if let Some(pid) = service.child.id() {
            // SAFETY: sending a signal to our own child process.
            #[allow(unsafe_code)]
            unsafe {
                libc::kill(pid as libc::pid_t, libc::SIGTERM);
            }
        }
    }
    for service in services.iter_mut().rev() {
        match tokio::time::timeout(Duration::from_secs(10), service.child.wait()).await {
            Ok(_) => println!("{} stopped", service.name),
            Err(_) => {
                let _ = service.child.kill().await;
                println!("{} killed after 10 s", service.name);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_port_is_waited_for_only_while_a_connection_holds_it() {
        // Free: at once.
        let free = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let free_addr = free.local_addr().unwrap();
        drop(free);
        wait_until_bindable(&[free_addr], Duration::ZERO)
            .await
            .unwrap();

        // A listener: someone else's service, refused at once.
        let server = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let server_addr = server.local_addr().unwrap();
        let err = wait_until_bindable(&[server_addr], Duration::from_secs(30))
            .await
            .unwrap_err();
        assert!(err.to_string().contains("another process listens"), "{err}");

        // An outgoing connection's local port (what took 50054 in CI):
        // waited for, then reported with the way out.
        let client = std::net::TcpStream::connect(server_addr).unwrap();
        let held = client.local_addr().unwrap();
        let started = Instant::now();
        let err = wait_until_bindable(&[held], Duration::from_millis(600))
            .await
            .unwrap_err();
        assert!(started.elapsed() >= Duration::from_millis(500));
        assert!(
            err.to_string().contains("still held by a connection")
                && err.to_string().contains("ip_local_reserved_ports"),
            "{err}"
        );
        drop(client);
    }
}
