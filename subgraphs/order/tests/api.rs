//! The order subgraph on its own, with its peers down: it must start, serve
//! its gRPC contract, and answer requests that need a peer with typed
//! errors. The flows with every service up run through the router in
//! `crates/router/tests`.

use std::time::Duration;

use platform::db::ORDER_DB;
use platform::testing::TestDatabase;
use proto::order::HasPurchasedRequest;
use proto::order::order_service_client::OrderServiceClient;
use serde_json::{Value, json};

/// An address where nothing listens.
const NOWHERE: &str = "http://127.0.0.1:1";

struct TestApp {
    http: String,
    grpc: String,
    db: TestDatabase,
    stop: tokio::sync::oneshot::Sender<()>,
}

async fn spawn_app() -> TestApp {
    let db = TestDatabase::create().await.unwrap();
    let app = order::Application::build(order::Config {
        http_addr: "127.0.0.1:0".parse().unwrap(),
        grpc_addr: "127.0.0.1:0".parse().unwrap(),
        database: db.service_options(&ORDER_DB),
        redis_url: "redis://127.0.0.1:1".into(),
        user_grpc_url: NOWHERE.into(),
        product_grpc_url: NOWHERE.into(),
        token_cache_ttl: Duration::from_secs(30),
        checkout: order::config::default_checkout_settings(),
        recovery_interval: Duration::from_millis(200),
        payment_timeout: Duration::from_millis(10),
        auto_complete_after: Duration::from_secs(14 * 24 * 3600),
    })
    .await
    .expect("order starts without its peers");
    let (http, grpc) = (
        format!("http://{}", app.http_addr()),
        format!("http://{}", app.grpc_addr()),
    );
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(app.run_until_stopped(async move {
        let _ = stopped.await;
    }));
    TestApp {
        http,
        grpc,
        db,
        stop,
    }
}

impl TestApp {
    async fn graphql(&self, token: Option<&str>, query: &str) -> Value {
        let mut request = reqwest::Client::new()
            .post(format!("{}/graphql", self.http))
            .json(&json!({ "query": query }));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        request.send().await.unwrap().json().await.unwrap()
    }

    async fn finish(self) {
        let _ = self.stop.send(());
        tokio::time::sleep(Duration::from_millis(50)).await;
        self.db.drop_database().await.unwrap();
    }
}

fn code(response: &Value) -> Option<&str> {
    response["errors"][0]["extensions"]["code"].as_str()
}

#[tokio::test]
async fn has_purchased_answers_false_for_strangers_and_rejects_malformed_ids() {
    let app = spawn_app().await;
    assert_eq!(
        reqwest::get(format!("{}/health", app.http))
            .await
            .unwrap()
            .status(),
        200
    );
    let mut client = OrderServiceClient::connect(app.grpc.clone()).await.unwrap();
    let ask = |user: String, product: String| HasPurchasedRequest {
        user_id: user,
        product_id: product,
    };
    let stranger = client
        .has_purchased(ask(
            uuid::Uuid::now_v7().to_string(),
            uuid::Uuid::now_v7().to_string(),
        ))
        .await
        .unwrap()
        .into_inner();
    assert!(!stranger.purchased);
    for (user, product) in [
        ("nope", uuid::Uuid::now_v7().to_string()),
        (&*uuid::Uuid::now_v7().to_string(), "nope".to_string()),
    ] {
        let status = client
            .has_purchased(ask(user.to_string(), product))
            .await
            .unwrap_err();
        assert_eq!(status.code(), tonic::Code::InvalidArgument);
    }
    app.finish().await;
}

#[tokio::test]
async fn without_a_token_orders_are_unauthenticated_and_with_the_user_service_down_unavailable() {
    let app = spawn_app().await;
    let place = "mutation { addToCart(productId: \"00000000-0000-7000-9000-000000000001\", quantity: 1) { itemCount } }";
    assert_eq!(
        code(&app.graphql(None, place).await),
        Some("UNAUTHENTICATED")
    );
    // A token cannot be checked while the user service is down: a typed,
    // retryable error, never INTERNAL.
    let response = app.graphql(Some("some.bearer.token"), place).await;
    assert_eq!(code(&response), Some("UNAVAILABLE"), "{response}");
    app.finish().await;
}
