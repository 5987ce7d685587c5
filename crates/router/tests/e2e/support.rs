//! `spawn_stack()`: a fresh database, a broker namespace of its own, the four
//! subgraphs in-process, and the real router binary in front of them. Every port is picked by the
//! kernel and held from the start: the services are built on listeners
//! bound to port 0, and the router binds port 0 itself and reports it.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::Stdio;
use std::time::{Duration, Instant};

use platform::db::{NOTIFICATION_DB, ORDER_DB, PRODUCT_DB, USER_DB};
use platform::events::BrokerConfig;
use platform::server::Listeners;
use platform::testing::{TestApp, TestDatabase};
use serde_json::{Value, json};
use tokio::io::AsyncBufReadExt;
use tokio::process::{Child, Command};

pub use platform::testing::error_code;

/// A running stack. Dropping it stops the router and the subgraphs, then
/// drops the test database, even when the test panicked.
pub struct Stack {
    pub router_url: String,
    pub user_http: SocketAddr,
    /// The user service's accounts, to count password hashes.
    pub user_accounts: std::sync::Arc<user::app::accounts::Accounts>,
    pub product_http: SocketAddr,
    /// `http://host:port` of UserService.
    pub user_grpc: String,
    /// `http://host:port` of NotificationService.
    pub notification_grpc: String,
    /// `http://host:port` of ProductService.
    pub product_grpc: String,
    pub order_http: SocketAddr,
    /// `http://host:port` of OrderService.
    pub order_grpc: String,
    pub product_db: platform::db::Db,
    /// The order service's statement counter (replaced on restart).
    pub order_db: platform::db::Db,
    /// The order service's count of `GetProducts` calls (replaced on restart).
    pub order_product_lookups: std::sync::Arc<std::sync::atomic::AtomicU64>,
    /// The notification service's statement counter.
    pub notification_db: platform::db::Db,
    pub notification_http: SocketAddr,
    /// This stack's exchange and queues on the real RabbitMQ.
    pub broker: BrokerConfig,
    /// Where emails go when the stack has no SMTP server (`.eml` files).
    pub mail_dir: PathBuf,
    /// How the order service was started, to restart it the same way.
    order_config: order::Config,
    /// How the product service was started, for replicas.
    product_config: product::Config,
    /// Clones of the order service's listening sockets: they keep its ports
    /// bound while it restarts (requests wait in the backlog meanwhile).
    order_sockets: (std::net::TcpListener, std::net::TcpListener),
    /// The user service's signing key (PKCS#8 PEM), for forging tests.
    pub key_file: PathBuf,
    /// The secret the router presents to every subgraph.
    pub router_secret: platform::guard::RouterSecret,
    /// Between order and ProductService, when asked for.
    pub order_product_proxy: Option<platform::testing::TcpProxy>,
    pub client: reqwest::Client,
    /// Declared before the database, so they stop before it is dropped.
    router: Child,
    notification: TestApp,
    order: TestApp,
    product: TestApp,
    user: TestApp,
    pub database: TestDatabase,
}

/// How long product and order cache a token verification in these tests:
/// short, so that a test can watch a revocation reach them.
pub const TOKEN_CACHE_TTL: Duration = Duration::from_secs(2);

fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Order settings for tests: short leases and a fast recovery worker, so a
/// crashed checkout is taken over within about a second.
pub fn order_test_settings() -> order::app::checkout::CheckoutSettings {
    order::app::checkout::CheckoutSettings {
        lease: Duration::from_secs(1),
        duplicate_wait: Duration::from_secs(20),
        ..order::config::default_checkout_settings()
    }
}

/// Two listening sockets on free ports of 127.0.0.1.
fn bind_local() -> (std::net::TcpListener, std::net::TcpListener) {
    let bind = || std::net::TcpListener::bind("127.0.0.1:0").expect("bind a local port");
    (bind(), bind())
}

/// Listeners for a service on clones of `sockets`, which the caller keeps.
fn listeners_on(sockets: &(std::net::TcpListener, std::net::TcpListener)) -> Listeners {
    Listeners::from_std(
        sockets.0.try_clone().expect("clone a socket"),
        sockets.1.try_clone().expect("clone a socket"),
    )
    .expect("listeners")
}

/// What a test changes about its stack.
#[derive(Default)]
pub struct StackOptions {
    /// Send email through this SMTP server (`SmtpServer::url`) instead of
    /// writing `.eml` files.
    pub smtp_url: Option<String>,
    /// Reach the broker at this URL (a cuttable proxy) instead of directly.
    pub amqp_url: Option<String>,
    /// GraphQL requests per client and minute in every subgraph (the
    /// default is 600).
    pub rate_limit: Option<u64>,
    /// The order service reaches ProductService through a TCP proxy that
    /// the test can stall ([`Stack::order_product_proxy`]).
    pub proxy_order_to_product: bool,
    /// The order service's timeout and breaker for its peers.
    pub order_peers: Option<platform::breaker::PeerSettings>,
    /// The router exports its spans to [`otlp_receiver`] too.
    pub trace_router: bool,
    /// The user service logs no reset or verification link, as in
    /// production (the tests' default is development's, which logs them).
    pub production_logs: bool,
    /// The router's front door believes `X-Forwarded-For` from these
    /// peers (`ROUTER_TRUSTED_PROXIES`; none by default).
    pub trusted_proxies: Option<String>,
    /// Sign-ups per client address and hour (the test stacks' default is
    /// 1,000, since every test client shares loopback).
    pub signups_per_address: Option<u64>,
    /// The order service's payment gateway (the simulator by default).
    pub payment_gateway: Option<order::config::PaymentGatewayKind>,
}

/// The address a process logs after `marker` (`<marker>host:port/...`), as
/// soon as it does. Reads the output to its end, so the process never
/// blocks on a full pipe.
fn address_announced(
    output: impl tokio::io::AsyncRead + Unpin + Send + 'static,
    marker: &'static str,
) -> tokio::sync::oneshot::Receiver<SocketAddr> {
    let (found, address) = tokio::sync::oneshot::channel::<SocketAddr>();
    tokio::spawn(async move {
        let mut found = Some(found);
        let mut lines = tokio::io::BufReader::new(output).lines();
        while let Ok(Some(line)) = lines.next_line().await {
            if let Some(rest) = line.split(marker).nth(1)
                && let Some(addr) = rest.split('/').next().and_then(|a| a.parse().ok())
                && let Some(found) = found.take()
            {
                let _ = found.send(addr);
            }
        }
    });
    address
}

/// A service binary running as a process of its own, killed when dropped.
pub struct ServiceProcess {
    pub http_addr: SocketAddr,
    _child: Child,
}

impl ServiceProcess {
    /// Starts the workspace binary `name` (next to the router's, built by
    /// `cargo test --workspace`) in development mode on free ports, with
    /// `envs`, the tests' PKI, the router's secret and the stack's broker
    /// namespace, and waits until it serves.
    async fn spawn(
        name: &str,
        envs: &[(&str, String)],
        tls: &platform::tls::GrpcTls,
        secret: &platform::guard::RouterSecret,
        broker: &BrokerConfig,
    ) -> Self {
        let binary = std::path::Path::new(env!("CARGO_BIN_EXE_router")).with_file_name(name);
        assert!(
            binary.exists(),
            "{} is missing: run the tests with `cargo test --workspace`, which builds it",
            binary.display()
        );
        let upper = name.to_uppercase();
        let mut child = Command::new(&binary)
            .envs(envs.iter().map(|(k, v)| (k.to_string(), v.clone())))
            .env("SHOP_ENV", "development")
            .env("LOG_FORMAT", "text")
            .env("RUST_LOG", "info")
            .env(format!("{upper}_HTTP_ADDR"), "127.0.0.1:0")
            .env(format!("{upper}_GRPC_ADDR"), "127.0.0.1:0")
            .env("GRPC_TLS_CA_FILE", &tls.ca_file)
            .env("GRPC_TLS_CERT_FILE", &tls.cert_file)
            .env("GRPC_TLS_KEY_FILE", &tls.key_file)
            .env("ROUTER_SHARED_SECRET", secret.expose())
            .env("REDIS_URL", "off")
            .envs(broker.to_env())
            .env(
                "SHOP_DATA_DIR",
                std::env::temp_dir().join(format!("shop-{name}-{}", uuid::Uuid::new_v4())),
            )
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .unwrap_or_else(|e| panic!("{name} binary: {e}"));
        let stderr = child.stderr.take().expect("stderr");
        let address = address_announced(stderr, "serving GraphQL on http://");
        let http_addr = tokio::time::timeout(Duration::from_secs(30), address)
            .await
            .unwrap_or_else(|_| panic!("{name} process did not start serving"))
            .expect("address");
        Self {
            http_addr,
            _child: child,
        }
    }
}

/// A span as an OTLP receiver got it, with the `service.name` of its
/// resource.
#[derive(Debug, Clone)]
pub struct ReceivedSpan {
    pub resource_service: String,
    pub span: opentelemetry_proto::tonic::trace::v1::Span,
}

impl ReceivedSpan {
    /// A string attribute of the span.
    pub fn attribute(&self, key: &str) -> Option<String> {
        use opentelemetry_proto::tonic::common::v1::any_value::Value;
        self.span
            .attributes
            .iter()
            .find(|kv| kv.key == key)
            .and_then(|kv| match kv.value.as_ref()?.value.as_ref()? {
                Value::StringValue(s) => Some(s.clone()),
                Value::IntValue(i) => Some(i.to_string()),
                Value::BoolValue(b) => Some(b.to_string()),
                _ => None,
            })
    }

    /// The service that made the span: `shop.service`, else the resource's.
    pub fn service(&self) -> String {
        self.attribute("shop.service")
            .unwrap_or_else(|| self.resource_service.clone())
    }

    /// The trace id, as hex.
    pub fn trace_id(&self) -> String {
        self.span
            .trace_id
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}

/// An OTLP/gRPC trace receiver (the collector protocol, from
/// `opentelemetry-proto`), shared by every test of this binary, on a
/// runtime of its own so that it outlives each test's.
pub struct OtlpReceiver {
    pub url: String,
    spans: std::sync::Arc<std::sync::Mutex<Vec<ReceivedSpan>>>,
}

impl OtlpReceiver {
    /// The spans received so far in the trace `trace_id` (hex).
    pub fn trace(&self, trace_id: &str) -> Vec<ReceivedSpan> {
        self.spans
            .lock()
            .unwrap()
            .iter()
            .filter(|s| s.trace_id() == trace_id)
            .cloned()
            .collect()
    }
}

struct Collector(std::sync::Arc<std::sync::Mutex<Vec<ReceivedSpan>>>);

#[tonic::async_trait]
impl opentelemetry_proto::tonic::collector::trace::v1::trace_service_server::TraceService
    for Collector
{
    async fn export(
        &self,
        request: tonic::Request<
            opentelemetry_proto::tonic::collector::trace::v1::ExportTraceServiceRequest,
        >,
    ) -> Result<
        tonic::Response<
            opentelemetry_proto::tonic::collector::trace::v1::ExportTraceServiceResponse,
        >,
        tonic::Status,
    > {
        use opentelemetry_proto::tonic::common::v1::any_value::Value;
        let mut spans = self.0.lock().unwrap();
        for resource_spans in request.into_inner().resource_spans {
            let resource_service = resource_spans
                .resource
                .as_ref()
                .and_then(|r| r.attributes.iter().find(|kv| kv.key == "service.name"))
                .and_then(|kv| match kv.value.as_ref()?.value.as_ref()? {
                    Value::StringValue(s) => Some(s.clone()),
                    _ => None,
                })
                .unwrap_or_default();
            for scope in resource_spans.scope_spans {
                for span in scope.spans {
                    spans.push(ReceivedSpan {
                        resource_service: resource_service.clone(),
                        span,
                    });
                }
            }
        }
        Ok(tonic::Response::new(Default::default()))
    }
}

/// Every line the tests' services log (all tests of this binary).
pub fn log_capture() -> &'static platform::telemetry::LogCapture {
    static CAPTURE: std::sync::OnceLock<platform::telemetry::LogCapture> =
        std::sync::OnceLock::new();
    CAPTURE.get_or_init(Default::default)
}

/// Every span received so far.
pub fn all_spans() -> Vec<ReceivedSpan> {
    otlp_receiver().spans.lock().unwrap().clone()
}

/// The receiver, started on first use.
pub fn otlp_receiver() -> &'static OtlpReceiver {
    static RECEIVER: std::sync::OnceLock<OtlpReceiver> = std::sync::OnceLock::new();
    RECEIVER.get_or_init(|| {
        let spans = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("receiver port");
        listener.set_nonblocking(true).unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let collector = Collector(spans.clone());
        std::thread::Builder::new()
            .name("otlp-receiver".into())
            .spawn(move || {
                let runtime = tokio::runtime::Builder::new_multi_thread()
                    .worker_threads(1)
                    .enable_all()
                    .build()
                    .expect("receiver runtime");
                runtime.block_on(async move {
                    let listener = tokio::net::TcpListener::from_std(listener).unwrap();
                    let incoming = tokio_stream_of(listener);
                    let _ = tonic::transport::Server::builder()
                        .add_service(
                            opentelemetry_proto::tonic::collector::trace::v1::trace_service_server::TraceServiceServer::new(collector),
                        )
                        .serve_with_incoming(incoming)
                        .await;
                });
            })
            .expect("receiver thread");
        OtlpReceiver { url, spans }
    })
}

/// The connections `listener` accepts, as a stream.
fn tokio_stream_of(
    listener: tokio::net::TcpListener,
) -> impl futures::Stream<Item = std::io::Result<tokio::net::TcpStream>> {
    futures::stream::unfold(listener, |listener| async move {
        let accepted = listener.accept().await.map(|(stream, _)| stream);
        Some((accepted, listener))
    })
}

pub async fn spawn_stack() -> Stack {
    spawn_stack_with(StackOptions::default()).await
}

pub async fn spawn_stack_with(options: StackOptions) -> Stack {
    // Every test of this binary exports its spans to one OTLP receiver
    // (the first to start a stack sets the process's telemetry up).
    platform::telemetry::init_with(
        "e2e",
        platform::telemetry::Options {
            otlp_endpoint: Some(otlp_receiver().url.clone()),
            export_delay: Some(Duration::from_millis(200)),
            capture: Some(log_capture().clone()),
        },
    );
    let mut broker = BrokerConfig::for_test();
    if let Some(url) = options.amqp_url {
        broker.url = url;
    }
    let database = TestDatabase::create().await.expect("test database");
    let redis_url = platform::config::redis_url();
    let key_dir = std::env::temp_dir().join(format!("shop-e2e-{}", uuid::Uuid::new_v4()));
    let key_file = key_dir.join("jwt-ed25519.pem");

    // Every service calls another, so all ports are bound before any
    // service is built.
    let user_listeners = Listeners::local().await.expect("user ports");
    let product_listeners = Listeners::local().await.expect("product ports");
    let order_product_proxy = if options.proxy_order_to_product {
        Some(
            platform::testing::TcpProxy::start(product_listeners.grpc_addr())
                .await
                .expect("proxy"),
        )
    } else {
        None
    };
    let order_sockets = bind_local();
    let notification_listeners = Listeners::local().await.expect("notification ports");
    let user_grpc = format!("http://{}", user_listeners.grpc_addr());
    let product_grpc = format!("http://{}", product_listeners.grpc_addr());
    let order_grpc = format!("http://{}", order_sockets.1.local_addr().unwrap());

    // One secret for the router and all four subgraphs.
    let mut http = platform::guard::HttpSettings::for_test();
    if let Some(requests) = options.rate_limit {
        http.rate_limit.requests = requests;
    }
    let mut user_config = user::Config::for_test(database.service_options(&USER_DB));
    user_config.http = http.clone();
    user_config.jwt.data_dir = key_dir;
    user_config.redis_url = redis_url.clone();
    user_config.product_grpc_url = product_grpc.clone();
    user_config.events = Some(broker.clone());
    user_config.log_links = !options.production_logs;
    // Every test client calls from loopback, which the router's front door
    // now reports as the client's address: a test that registers many
    // customers would meet the per-address sign-up limit (10 an hour).
    user_config.signup_per_address_per_hour = options.signups_per_address.unwrap_or(1_000);
    let user = user::Application::build_on(user_config, user_listeners)
        .await
        .expect("user service");
    let user_accounts = user.accounts();

    let product_config = product::Config {
        redis_url: redis_url.clone(),
        user_grpc_url: user_grpc.clone(),
        order_grpc_url: order_grpc.clone(),
        token_cache_ttl: TOKEN_CACHE_TTL,
        reservation_sweep_interval: Duration::from_secs(1),
        events: Some(broker.clone()),
        http: http.clone(),
        ..product::Config::for_test(database.service_options(&PRODUCT_DB))
    };
    let product = product::Application::build_on(product_config.clone(), product_listeners)
        .await
        .expect("product service");

    let order_config = order::Config {
        peers: options.order_peers.unwrap_or_default(),
        redis_url: redis_url.clone(),
        user_grpc_url: user_grpc.clone(),
        events: Some(broker.clone()),
        product_grpc_url: match &order_product_proxy {
            Some(proxy) => format!("http://{}", proxy.addr()),
            None => product_grpc.clone(),
        },
        token_cache_ttl: TOKEN_CACHE_TTL,
        checkout: order_test_settings(),
        payment_timeout: Duration::from_millis(300),
        payment_gateway: options
            .payment_gateway
            .unwrap_or(order::config::PaymentGatewayKind::Simulator),
        http: http.clone(),
        ..order::Config::for_test(database.service_options(&ORDER_DB))
    };
    let order = order::Application::build_on(order_config.clone(), listeners_on(&order_sockets))
        .await
        .expect("order service");
    let mut notification_config =
        notification::Config::for_test(database.service_options(&NOTIFICATION_DB));
    notification_config.user_grpc_url = user_grpc.clone();
    notification_config.redis_url = redis_url.clone();
    notification_config.http = http.clone();
    notification_config.token_cache_ttl = TOKEN_CACHE_TTL;
    notification_config.events = Some(broker.clone());
    notification_config.invoice_base_url =
        format!("http://{}", order_sockets.0.local_addr().unwrap());
    let mail_dir = match &notification_config.mail {
        notification::config::MailTransport::Files(dir) => dir.clone(),
        notification::config::MailTransport::Smtp(_) => PathBuf::new(),
    };
    if let Some(url) = options.smtp_url {
        notification_config.mail = notification::config::MailTransport::Smtp(url);
    }
    let notification =
        notification::Application::build_on(notification_config, notification_listeners)
            .await
            .expect("notification service");
    let notification_db = notification.db();
    let order_db = order.db();
    let order_product_lookups = order.product_lookups();
    let product_db = product.db();

    let (user, product, order, notification) = (
        TestApp::start(user),
        TestApp::start(product),
        TestApp::start(order),
        TestApp::start(notification),
    );
    let (router, router_addr) = spawn_router(
        &user,
        &product,
        &order,
        &notification,
        &http.router_secret,
        options.trace_router,
        options.trusted_proxies.as_deref().unwrap_or(""),
    )
    .await;

    Stack {
        router_url: format!("http://{router_addr}/"),
        user_http: user.http_addr,
        user_accounts,
        product_http: product.http_addr,
        user_grpc,
        notification_grpc: notification.grpc_url(),
        product_grpc,
        order_http: order.http_addr,
        order_grpc,
        product_db,
        order_db,
        order_product_lookups,
        notification_db,
        notification_http: notification.http_addr,
        broker,
        mail_dir,
        order_config,
        product_config,
        order_sockets,
        key_file,
        router_secret: http.router_secret.clone(),
        order_product_proxy,
        client: platform::testing::test_client(),
        router,
        notification,
        order,
        product,
        user,
        database,
    }
}

/// Starts the router binary in front of the three services. Its front door
/// listens on port 0 and the port is read from its log line "GraphQL
/// endpoint exposed at http://..."; the Apollo Router behind it serves
/// GraphQL, health and metrics on one Unix socket of this test's, so that
/// the front door reaches all three.
async fn spawn_router(
    user: &TestApp,
    product: &TestApp,
    order: &TestApp,
    notification: &TestApp,
    secret: &platform::guard::RouterSecret,
    traced: bool,
    trusted_proxies: &str,
) -> (Child, SocketAddr) {
    let root = workspace_root();
    let any = "127.0.0.1:0";
    let socket = std::env::temp_dir().join(format!(
        "shop-e2e-router-{}.sock",
        uuid::Uuid::new_v4().simple()
    ));
    let mut router = Command::new(env!("CARGO_BIN_EXE_router"))
        .arg("--config")
        .arg(root.join("router-config/router.yaml"))
        .arg("--supergraph")
        .arg(root.join("supergraph.graphql"))
        .env("APOLLO_TELEMETRY_DISABLED", "true")
        .env("ROUTER_SHARED_SECRET", secret.expose())
        .env("ROUTER_LISTEN", any)
        .env("ROUTER_INTERNAL_LISTEN", &socket)
        .env("ROUTER_TRUSTED_PROXIES", trusted_proxies)
        .env("ROUTER_HEALTH_LISTEN", &socket)
        .env("ROUTER_METRICS_LISTEN", &socket)
        .env("USER_SUBGRAPH_URL", user.graphql_url())
        .env("PRODUCT_SUBGRAPH_URL", product.graphql_url())
        .env("ORDER_SUBGRAPH_URL", order.graphql_url())
        .env("NOTIFICATION_SUBGRAPH_URL", notification.graphql_url())
        // At `info` for its own crate: below that the router makes no spans
        // and sends unsampled trace context to the subgraphs.
        .env("APOLLO_ROUTER_LOG", "warn,apollo_router=info,router=info")
        .env("ROUTER_OTLP_ENABLED", if traced { "true" } else { "false" })
        .env("ROUTER_OTLP_ENDPOINT", &otlp_receiver().url)
        .env("ROUTER_OTLP_EXPORT_DELAY", "200ms")
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("router binary");
    let stdout = router.stdout.take().expect("router stdout");
    let address = address_announced(stdout, "GraphQL endpoint exposed at http://");
    let addr = tokio::time::timeout(Duration::from_secs(120), address)
        .await
        .expect("the router did not start within 120 s")
        .expect("the router exited before it started");

    let client = platform::testing::test_client();
    let health = format!("http://{addr}/health");
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        if let Ok(r) = client.get(&health).send().await
            && r.status().is_success()
        {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the router did not become healthy"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    (router, addr)
}

impl Stack {
    /// Sends an operation to the router, with an optional bearer token.
    pub async fn graphql(&self, token: Option<&str>, query: &str, variables: Value) -> Value {
        platform::testing::graphql(&self.client, &self.router_url, token, query, variables).await
    }

    /// Sends an operation straight to one subgraph (`addr` is its HTTP
    /// address) with the router's secret, as the router would: what a
    /// subgraph does when the router forwards something it should not.
    pub async fn subgraph_graphql(
        &self,
        addr: SocketAddr,
        token: &str,
        query: &str,
        variables: Value,
    ) -> Value {
        self.client
            .post(format!("http://{addr}/graphql"))
            .header(
                platform::guard::ROUTER_SECRET_HEADER,
                self.router_secret.expose(),
            )
            .bearer_auth(token)
            .json(&json!({ "query": query, "variables": variables }))
            .send()
            .await
            .expect("subgraph answered")
            .json()
            .await
            .expect("JSON response")
    }

    /// Registers an account and logs in; returns the access token and user id.
    pub async fn register_and_login(&self, email: &str, password: &str) -> (String, String) {
        let registered = self
            .graphql(None, "mutation($e: String!, $p: String!) { register(email: $e, password: $p, name: \"Test User\") { id } }", json!({ "e": email, "p": password }))
            .await;
        let id = registered["data"]["register"]["id"]
            .as_str()
            .unwrap_or_else(|| panic!("register failed: {registered}"))
            .to_string();
        (self.login(email, password).await, id)
    }

    pub async fn login(&self, email: &str, password: &str) -> String {
        let login = self
            .graphql(None, "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }", json!({ "e": email, "p": password }))
            .await;
        login["data"]["login"]["accessToken"]
            .as_str()
            .unwrap_or_else(|| panic!("login failed: {login}"))
            .to_string()
    }

    /// Creates a staff account directly (its email counted as verified, as
    /// roles above CUSTOMER need) and returns its token.
    pub async fn staff_token(&self) -> String {
        let email = format!("staff-{}@shop.test", uuid::Uuid::new_v4().simple());
        let (_, id) = self.register_and_login(&email, "staff-password").await;
        let admin = self.database.admin_pool().await.unwrap();
        sqlx::query("UPDATE users.users SET roles = ARRAY['CUSTOMER','STAFF'], email_verified_at = now() WHERE id = $1::uuid")
            .bind(&id)
            .execute(&admin)
            .await
            .unwrap();
        admin.close().await;
        self.login(&email, "staff-password").await
    }

    /// Creates an admin account directly (the first admin is made by a
    /// command, not through the API) and returns its token.
    pub async fn admin_token(&self) -> String {
        let email = format!("admin-{}@shop.test", uuid::Uuid::new_v4().simple());
        let (_, id) = self.register_and_login(&email, "admin-password").await;
        self.sql(&format!(
            "UPDATE users.users SET roles = ARRAY['CUSTOMER','STAFF','ADMIN'], email_verified_at = now() WHERE id = '{id}'"
        ))
        .await;
        self.login(&email, "admin-password").await
    }

    /// Runs a query returning one integer as the database superuser.
    pub async fn scalar(&self, query: &str) -> i64 {
        let admin = self.database.admin_pool().await.unwrap();
        let value: i64 = sqlx::query_scalar(query)
            .fetch_one(&admin)
            .await
            .unwrap_or_else(|e| panic!("{query}: {e}"));
        admin.close().await;
        value
    }

    /// `SELECT count(*) FROM <from_where>`, as the database superuser.
    pub async fn count(&self, from_where: &str) -> i64 {
        self.scalar(&format!("SELECT count(*) FROM {from_where}"))
            .await
    }

    /// Creates a product as staff and returns its id.
    pub async fn create_product(
        &self,
        staff: &str,
        name: &str,
        price: &str,
        stock: i64,
        weight_grams: i64,
    ) -> String {
        let created = self
            .graphql(
                Some(staff),
                "mutation($i: CreateProductInput!) { createProduct(input: $i) { id } }",
                json!({ "i": { "name": name, "price": { "amount": price, "currency": "USD" }, "stock": stock, "weightGrams": weight_grams } }),
            )
            .await;
        created["data"]["createProduct"]["id"]
            .as_str()
            .unwrap_or_else(|| panic!("createProduct failed: {created}"))
            .to_string()
    }

    /// A new customer: token, user id and one address id.
    pub async fn customer(&self) -> (String, String, String) {
        let (token, id) = self
            .register_and_login(
                &format!("c-{}@example.com", uuid::Uuid::new_v4().simple()),
                "customer-password",
            )
            .await;
        let address = self.add_address(&token).await;
        (token, id, address)
    }

    /// Runs one statement as the database superuser.
    pub async fn sql(&self, statement: &str) {
        let admin = self.database.admin_pool().await.unwrap();
        sqlx::raw_sql(statement).execute(&admin).await.unwrap();
        admin.close().await;
    }

    /// The password reset links mailed so far, oldest first (waiting up to
    /// 10 s for the first).
    pub async fn reset_links(&self) -> Vec<String> {
        self.mailed_links("https://shop.test/reset?token=", None)
            .await
    }

    /// Follows the latest verification link mailed to `email`, so that the
    /// account's roles above CUSTOMER take effect.
    pub async fn verify_email(&self, email: &str) {
        let link = self
            .mailed_links("https://shop.test/verify-email?token=", Some(email))
            .await
            .pop()
            .unwrap_or_else(|| panic!("no verification link mailed to {email}"));
        let token = link.split("token=").nth(1).unwrap_or_default();
        let verified = self
            .graphql(
                None,
                "mutation($t: String!) { verifyEmail(token: $t) { id } }",
                json!({ "t": token }),
            )
            .await;
        assert!(
            verified["data"]["verifyEmail"]["id"].is_string(),
            "{verified}"
        );
    }

    /// The links starting with `prefix` in the mails written so far (to
    /// `to`, if given), oldest first, waiting up to 10 s for the first.
    pub async fn mailed_links(&self, prefix: &str, to: Option<&str>) -> Vec<String> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let mut mails: Vec<(std::time::SystemTime, String)> = std::fs::read_dir(&self.mail_dir)
                .map(|entries| {
                    entries
                        .flatten()
                        .filter_map(|e| {
                            let modified = e.metadata().and_then(|m| m.modified()).ok()?;
                            let text = std::fs::read_to_string(e.path()).ok()?;
                            Some((modified, platform::testing::decode_mail(&text)))
                        })
                        .collect()
                })
                .unwrap_or_default();
            mails.sort_by_key(|(modified, _)| *modified);
            let links: Vec<String> = mails
                .iter()
                .filter(|(_, text)| to.is_none_or(|to| text.contains(to)))
                .filter_map(|(_, text)| {
                    let start = text.find(prefix)?;
                    let link: String = text[start..]
                        .chars()
                        .take_while(|c| !c.is_whitespace() && *c != '"' && *c != '<')
                        .collect();
                    Some(link)
                })
                .collect();
            if !links.is_empty() || Instant::now() > deadline {
                return links;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Stops the order service (as a crash would, for what it has not
    /// written) and starts it again on the same ports with `settings`, its
    /// recovery worker running every `recovery_interval`.
    pub async fn restart_order(
        &mut self,
        settings: order::app::checkout::CheckoutSettings,
        recovery_interval: Duration,
    ) {
        self.order.kill().await;
        let mut config = self.order_config.clone();
        config.checkout = settings;
        config.recovery_interval = recovery_interval;
        let app = order::Application::build_on(config, listeners_on(&self.order_sockets))
            .await
            .expect("order service restarts");
        self.order_db = app.db();
        self.order_product_lookups = app.product_lookups();
        self.order = TestApp::start(app);
    }

    /// Another replica of the product service on the same database and
    /// broker, on ports of its own, its sweeper running every
    /// `sweep_interval`. It stops when the returned app is dropped.
    pub async fn product_replica(&self, sweep_interval: Duration) -> TestApp {
        let config = product::Config {
            reservation_sweep_interval: sweep_interval,
            ..self.product_config.clone()
        };
        let app = product::Application::build_on(config, Listeners::local().await.unwrap())
            .await
            .expect("product replica");
        TestApp::start(app)
    }

    /// Another replica of the product service as a separate process (the
    /// `product` binary that `cargo test --workspace` builds) on the same
    /// database and broker namespace (its relay and its consumer of
    /// `order.paid` compete with the stack's), its sweeper running every
    /// second.
    pub async fn product_process(&self) -> ServiceProcess {
        let tls = platform::tls::GrpcTls::for_test("product");
        ServiceProcess::spawn(
            "product",
            &[
                (
                    "PRODUCT_DATABASE_URL",
                    self.database.service_url(&PRODUCT_DB),
                ),
                ("USER_GRPC_URL", self.user_grpc.clone()),
                ("ORDER_GRPC_URL", self.order_grpc.clone()),
                ("RESERVATION_SWEEP_SECS", "1".into()),
            ],
            &tls,
            &self.router_secret,
            &self.broker,
        )
        .await
    }

    /// Another replica of the order service as a separate process (the
    /// `order` binary), on the same database and peers, with the tests'
    /// checkout lease (1 s) and its worker running every 50 ms, and the
    /// stack's broker namespace, as [`Stack::product_process`].
    pub async fn order_process(&self) -> ServiceProcess {
        let tls = platform::tls::GrpcTls::for_test("order");
        ServiceProcess::spawn(
            "order",
            &[
                ("ORDER_DATABASE_URL", self.database.service_url(&ORDER_DB)),
                ("USER_GRPC_URL", self.user_grpc.clone()),
                ("PRODUCT_GRPC_URL", self.product_grpc.clone()),
                ("ORDER_CHECKOUT_LEASE_SECS", "1".into()),
                ("ORDER_RECOVERY_INTERVAL_MS", "50".into()),
                ("PAYMENT_GATEWAY", "simulator".into()),
            ],
            &tls,
            &self.router_secret,
            &self.broker,
        )
        .await
    }

    /// Adds a US address to the token's user and returns its id.
    pub async fn add_address(&self, token: &str) -> String {
        let added = self
            .graphql(
                Some(token),
                "mutation { addAddress(input: { recipient: \"Test User\", line1: \"1 Main St\", city: \"New York\", postalCode: \"10001\", country: \"US\" }) { id } }",
                json!({}),
            )
            .await;
        added["data"]["addAddress"]["id"]
            .as_str()
            .unwrap_or_else(|| panic!("addAddress failed: {added}"))
            .to_string()
    }

    /// Puts `quantity` units of a product in the cart (panics if refused).
    pub async fn add_to_cart(&self, token: &str, product_id: &str, quantity: i64) {
        let added = self
            .graphql(
                Some(token),
                "mutation($p: ID!, $q: Int!) { addToCart(productId: $p, quantity: $q) { itemCount } }",
                json!({ "p": product_id, "q": quantity }),
            )
            .await;
        assert!(added["data"]["addToCart"].is_object(), "addToCart: {added}");
    }

    /// Checks out the token's cart; returns the whole response.
    pub async fn checkout(&self, token: &str, key: &str, address_id: &str, card: &str) -> Value {
        self.graphql(
            Some(token),
            "mutation($i: CheckoutInput!) { checkout(input: $i) { id status subtotal { amount currency } total { amount currency } lines { quantity unitPrice { amount } lineTotal { amount } } } }",
            json!({ "i": { "idempotencyKey": key, "shippingAddressId": address_id, "paymentMethod": { "token": card } } }),
        )
        .await
    }

    /// Adds the product to a new address's cart and pays with `tok_visa`:
    /// the shortest way to a paid order. Returns the checkout response.
    pub async fn buy(&self, token: &str, product_id: &str, quantity: i64) -> Value {
        self.add_to_cart(token, product_id, quantity).await;
        let address = self.add_address(token).await;
        self.checkout(
            token,
            &uuid::Uuid::new_v4().to_string(),
            &address,
            "tok_visa",
        )
        .await
    }

    /// Stops everything and drops the test database, waiting for each.
    pub async fn shutdown(mut self) {
        let _ = self.router.kill().await;
        self.notification.stop().await;
        self.order.stop().await;
        self.product.stop().await;
        self.user.stop().await;
    }
}
