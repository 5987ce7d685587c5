//! `spawn_stack()`: a fresh database, the three subgraphs in-process on free
//! ports, and the real router binary in front of them.

#![allow(dead_code)] // each test binary uses a different part of this module

use std::net::{SocketAddr, TcpListener};
use std::path::PathBuf;
use std::process::Stdio;
use std::time::{Duration, Instant};

use platform::db::{ORDER_DB, PRODUCT_DB, USER_DB};
use platform::testing::TestDatabase;
use serde_json::{Value, json};
use tokio::process::{Child, Command};
use tokio::sync::oneshot;

/// A running stack. Dropping it stops the router and the subgraphs.
pub struct Stack {
    pub router_url: String,
    pub user_http: SocketAddr,
    pub product_http: SocketAddr,
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
    /// How the order service was started, to restart it the same way.
    order_config: order::Config,
    order_stop: Option<oneshot::Sender<()>>,
    order_task: Option<tokio::task::JoinHandle<anyhow::Result<()>>>,
    /// The user service's signing key (PKCS#8 PEM), for forging tests.
    pub key_file: PathBuf,
    pub client: reqwest::Client,
    router: Child,
    stops: Vec<oneshot::Sender<()>>,
    pub database: Option<TestDatabase>,
}

/// How long product and order cache a token verification in these tests:
/// short, so that a test can watch a revocation reach them.
pub const TOKEN_CACHE_TTL: Duration = Duration::from_secs(2);

fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port()
}

fn any_port() -> SocketAddr {
    "127.0.0.1:0".parse().unwrap()
}

fn stopper() -> (
    oneshot::Sender<()>,
    impl std::future::Future<Output = ()> + Send + 'static,
) {
    let (tx, rx) = oneshot::channel::<()>();
    (tx, async move {
        let _ = rx.await;
    })
}

/// Order settings for tests: short leases and a fast recovery worker, so a
/// crashed checkout is taken over within about a second.
pub fn order_test_settings() -> order::checkout::CheckoutSettings {
    order::checkout::CheckoutSettings {
        lease: Duration::from_secs(1),
        duplicate_wait: Duration::from_secs(20),
        ..order::config::default_checkout_settings()
    }
}

pub async fn spawn_stack() -> Stack {
    platform::telemetry::init("e2e");
    let database = TestDatabase::create().await.expect("test database");
    let redis_url = platform::config::env_or("REDIS_URL", platform::config::DEFAULT_REDIS_URL);
    let key_dir = std::env::temp_dir().join(format!("shop-e2e-{}", uuid::Uuid::new_v4()));
    let key_file = key_dir.join("jwt-ed25519.pem");

    // User and product call each other: fix product's gRPC port first.
    let product_grpc_addr: SocketAddr = format!("127.0.0.1:{}", free_port()).parse().unwrap();
    // Product asks order about purchases (verified reviews): fix order's too.
    let order_grpc_addr: SocketAddr = format!("127.0.0.1:{}", free_port()).parse().unwrap();
    let user = user::Application::build(user::Config {
        http_addr: any_port(),
        grpc_addr: any_port(),
        database: database.service_options(&USER_DB),
        jwt: user::config::JwtConfig {
            issuer: "shop-test".into(),
            audience: "shop".into(),
            access_ttl: Duration::from_secs(900),
            refresh_ttl: Duration::from_secs(3600),
            private_key_file: None,
            data_dir: key_dir,
            production: false,
        },
        hash_concurrency: 2,
        redis_url: redis_url.clone(),
        product_grpc_url: format!("http://{product_grpc_addr}"),
        password_reset_url: "https://shop.test/reset".into(),
    })
    .await
    .expect("user service");
    let user_grpc = format!("http://{}", user.grpc_addr());

    let product = product::Application::build(product::Config {
        http_addr: any_port(),
        grpc_addr: product_grpc_addr,
        database: database.service_options(&PRODUCT_DB),
        redis_url: redis_url.clone(),
        user_grpc_url: user_grpc.clone(),
        order_grpc_url: format!("http://{order_grpc_addr}"),
        cache_ttl: Duration::from_secs(300),
        token_cache_ttl: TOKEN_CACHE_TTL,
        reservation_sweep_interval: Duration::from_secs(1),
    })
    .await
    .expect("product service");

    // Fixed ports: a test may restart the order service behind the router.
    let order_config = order::Config {
        http_addr: format!("127.0.0.1:{}", free_port()).parse().unwrap(),
        grpc_addr: order_grpc_addr,
        database: database.service_options(&ORDER_DB),
        redis_url,
        user_grpc_url: user_grpc,
        product_grpc_url: format!("http://{}", product.grpc_addr()),
        token_cache_ttl: TOKEN_CACHE_TTL,
        checkout: order_test_settings(),
        recovery_interval: Duration::from_millis(200),
        payment_timeout: Duration::from_millis(300),
        auto_complete_after: Duration::from_secs(14 * 24 * 3600),
    };
    let order = order::Application::build(order_config.clone())
        .await
        .expect("order service");
    let order_db = order.db();
    let order_product_lookups = order.product_lookups();

    let (user_http, product_http, order_http) =
        (user.http_addr(), product.http_addr(), order.http_addr());
    let product_db = product.db();
    let mut stops = Vec::new();
    let (tx, stop) = stopper();
    stops.push(tx);
    tokio::spawn(user.run_until_stopped(stop));
    let (tx, stop) = stopper();
    stops.push(tx);
    tokio::spawn(product.run_until_stopped(stop));
    let (order_stop, stop) = stopper();
    let order_task = tokio::spawn(order.run_until_stopped(stop));

    let (router_port, health_port, metrics_port) = (free_port(), free_port(), free_port());
    let root = workspace_root();
    let router = Command::new(env!("CARGO_BIN_EXE_router"))
        .arg("--config")
        .arg(root.join("router-config/router.yaml"))
        .arg("--supergraph")
        .arg(root.join("supergraph.graphql"))
        .env("APOLLO_TELEMETRY_DISABLED", "true")
        .env("ROUTER_LISTEN", format!("127.0.0.1:{router_port}"))
        .env("ROUTER_HEALTH_LISTEN", format!("127.0.0.1:{health_port}"))
        .env("ROUTER_METRICS_LISTEN", format!("127.0.0.1:{metrics_port}"))
        .env("USER_SUBGRAPH_URL", format!("http://{user_http}/graphql"))
        .env(
            "PRODUCT_SUBGRAPH_URL",
            format!("http://{product_http}/graphql"),
        )
        .env("ORDER_SUBGRAPH_URL", format!("http://{order_http}/graphql"))
        .env("APOLLO_ROUTER_LOG", "warn")
        .stdout(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("router binary");

    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap();
    let health = format!("http://127.0.0.1:{health_port}/health");
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

    Stack {
        router_url: format!("http://127.0.0.1:{router_port}/"),
        user_http,
        product_http,
        product_grpc: format!("http://{product_grpc_addr}"),
        order_http,
        order_grpc: format!("http://{order_grpc_addr}"),
        product_db,
        order_db,
        order_product_lookups,
        order_config,
        order_stop: Some(order_stop),
        order_task: Some(order_task),
        key_file,
        client,
        router,
        stops,
        database: Some(database),
    }
}

impl Stack {
    /// Sends an operation to the router, with an optional bearer token.
    pub async fn graphql(&self, token: Option<&str>, query: &str, variables: Value) -> Value {
        let mut request = self
            .client
            .post(&self.router_url)
            .json(&json!({ "query": query, "variables": variables }));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        let response = request.send().await.expect("router answered");
        response.json().await.expect("JSON response")
    }

    /// Sends an operation straight to one subgraph (`addr` is its HTTP
    /// address), bypassing the router, as a client could if it reached it.
    pub async fn subgraph_graphql(
        &self,
        addr: SocketAddr,
        token: &str,
        query: &str,
        variables: Value,
    ) -> Value {
        self.client
            .post(format!("http://{addr}/graphql"))
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

    /// Creates a staff account directly (roles are not assignable through the
    /// API yet) and returns its token.
    pub async fn staff_token(&self) -> String {
        let email = format!("staff-{}@shop.test", uuid::Uuid::new_v4().simple());
        let (_, id) = self.register_and_login(&email, "staff-password").await;
        let admin = self.database.as_ref().unwrap().admin_pool().await.unwrap();
        sqlx::query("UPDATE users.users SET roles = ARRAY['CUSTOMER','STAFF'] WHERE id = $1::uuid")
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
            "UPDATE users.users SET roles = ARRAY['CUSTOMER','STAFF','ADMIN'] WHERE id = '{id}'"
        ))
        .await;
        self.login(&email, "admin-password").await
    }

    /// Runs a query returning one integer as the database superuser.
    pub async fn scalar(&self, query: &str) -> i64 {
        let admin = self.database.as_ref().unwrap().admin_pool().await.unwrap();
        let value: i64 = sqlx::query_scalar(query)
            .fetch_one(&admin)
            .await
            .unwrap_or_else(|e| panic!("{query}: {e}"));
        admin.close().await;
        value
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
        let admin = self.database.as_ref().unwrap().admin_pool().await.unwrap();
        sqlx::raw_sql(statement).execute(&admin).await.unwrap();
        admin.close().await;
    }

    /// The password reset links the user service queued, oldest first.
    pub async fn reset_links(&self) -> Vec<String> {
        let admin = self.database.as_ref().unwrap().admin_pool().await.unwrap();
        let links =
            sqlx::query_scalar("SELECT payload->>'link' FROM users.outbox ORDER BY created_at")
                .fetch_all(&admin)
                .await
                .unwrap();
        admin.close().await;
        links
    }

    /// Stops the order service (as a crash would, for what it has not
    /// written) and starts it again on the same ports with `settings`, its
    /// recovery worker running every `recovery_interval`.
    pub async fn restart_order(
        &mut self,
        settings: order::checkout::CheckoutSettings,
        recovery_interval: Duration,
    ) {
        self.stop_order().await;
        let mut config = self.order_config.clone();
        config.checkout = settings;
        config.recovery_interval = recovery_interval;
        let app = order::Application::build(config)
            .await
            .expect("order service restarts");
        self.order_db = app.db();
        self.order_product_lookups = app.product_lookups();
        let (tx, stop) = stopper();
        self.order_stop = Some(tx);
        self.order_task = Some(tokio::spawn(app.run_until_stopped(stop)));
    }

    async fn stop_order(&mut self) {
        if let Some(stop) = self.order_stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.order_task.take() {
            task.abort();
            let _ = task.await;
        }
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

    /// Stops everything and drops the test database.
    pub async fn shutdown(mut self) {
        self.stop_order().await;
        let _ = self.router.kill().await;
        for stop in self.stops.drain(..) {
            let _ = stop.send(());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        if let Some(db) = self.database.take() {
            let _ = db.drop_database().await;
        }
    }
}

/// The `extensions.code` of the first error, if any.
pub fn error_code(response: &Value) -> Option<&str> {
    response["errors"][0]["extensions"]["code"].as_str()
}
