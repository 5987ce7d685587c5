//! The order subgraph on its own, with its peers down: it must start, serve
//! its gRPC contract, and answer requests that need a peer with typed
//! errors. The flows with every service up run through the router in
//! `crates/router/tests`.

use platform::db::ORDER_DB;
use platform::server::Listeners;
use platform::testing::{TestApp, TestDatabase, error_code as code};
use proto::order::HasPurchasedRequest;
use proto::order::order_service_client::OrderServiceClient;
use serde_json::json;

/// The order service on a fresh database, with every peer down.
async fn spawn_app() -> TestApp {
    let db = TestDatabase::create().await.unwrap();
    let listeners = Listeners::local().await.unwrap();
    let app = order::Application::build_on(
        order::Config::for_test(db.service_options(&ORDER_DB)),
        listeners,
    )
    .await
    .expect("order starts without its peers");
    TestApp::start(app).with_database(db)
}

#[tokio::test]
async fn has_purchased_answers_false_for_strangers_and_rejects_malformed_ids() {
    let app = spawn_app().await;
    assert_eq!(
        reqwest::get(format!("http://{}/health", app.http_addr))
            .await
            .unwrap()
            .status(),
        200
    );
    let mut client = OrderServiceClient::new(platform::testing::grpc_channel(
        &app.grpc_url(),
        "order",
        Some("product"),
    ));
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
        code(&app.graphql(None, place, json!({})).await),
        Some("UNAUTHENTICATED")
    );
    // A token cannot be checked while the user service is down: a typed,
    // retryable error, never INTERNAL.
    let response = app
        .graphql(Some("some.bearer.token"), place, json!({}))
        .await;
    assert_eq!(code(&response), Some("UNAVAILABLE"), "{response}");
    app.finish().await;
}

/// Production (the default when `SHOP_ENV` is unset) refuses what only
/// development may use, before the service binds a port or connects.
#[test]
fn production_refuses_to_start_without_a_router_secret_with_plaintext_grpc_or_the_payment_simulator()
 {
    let binary = env!("CARGO_BIN_EXE_order");
    let no_secret = platform::testing::startup_failure(binary, &[]);
    assert!(
        no_secret.contains("ROUTER_SHARED_SECRET is required in production"),
        "{no_secret}"
    );
    let secret = (
        "ROUTER_SHARED_SECRET",
        "a-production-secret-0123456789abcdef",
    );
    let plaintext = platform::testing::startup_failure(binary, &[secret]);
    assert!(plaintext.contains("never plaintext"), "{plaintext}");
    let tls = platform::tls::GrpcTls::for_test("order");
    let files = [
        ("GRPC_TLS_CA_FILE", tls.ca_file.to_str().unwrap()),
        ("GRPC_TLS_CERT_FILE", tls.cert_file.to_str().unwrap()),
        ("GRPC_TLS_KEY_FILE", tls.key_file.to_str().unwrap()),
    ];
    let with = |extra: &[(&'static str, &'static str)]| {
        let mut envs = vec![secret];
        envs.extend(files.iter().map(|(k, v)| (*k, *v)));
        envs.extend_from_slice(extra);
        platform::testing::startup_failure(binary, &envs)
    };
    let faults = with(&[("SHOP_FAULTS", "payment=down")]);
    assert!(
        faults.contains("SHOP_FAULTS injects failures for development and tests"),
        "{faults}"
    );
    let no_gateway = with(&[]);
    assert!(
        no_gateway.contains("PAYMENT_GATEWAY must be set in production"),
        "{no_gateway}"
    );
    let simulator = with(&[("PAYMENT_GATEWAY", "simulator")]);
    assert!(
        simulator.contains("PAYMENT_GATEWAY=simulator is refused in production"),
        "{simulator}"
    );
    // A misspelt environment is production too.
    let typo = with(&[
        ("PAYMENT_GATEWAY", "simulator"),
        ("SHOP_ENV", "developement"),
    ]);
    assert!(typo.contains("refused in production"), "{typo}");
}
