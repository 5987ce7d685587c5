//! Liveness and readiness: `/health/ready` and the gRPC health service
//! follow the database. The service reaches PostgreSQL through a TCP proxy
//! the test cuts and restores.

use platform::db::PRODUCT_DB;
use platform::server::Listeners;
use platform::testing::{TcpProxy, TestDatabase};
use serde_json::Value;

use super::eventually;
use tonic_health::pb::HealthCheckRequest;
use tonic_health::pb::health_check_response::ServingStatus;
use tonic_health::pb::health_client::HealthClient;

/// `/health/ready`'s status code and body.
async fn ready(http: &str) -> (u16, Value) {
    let response = reqwest::get(format!("{http}/health/ready")).await.unwrap();
    (response.status().as_u16(), response.json().await.unwrap())
}

/// What the gRPC health service says of `ProductService`.
async fn grpc_status(grpc: &str) -> Option<ServingStatus> {
    let mut client = HealthClient::new(platform::testing::grpc_channel(grpc, "product", None));
    let answer = client
        .check(HealthCheckRequest {
            service: "shop.product.v1.ProductService".into(),
        })
        .await
        .ok()?;
    ServingStatus::try_from(answer.into_inner().status).ok()
}

#[tokio::test]
async fn readiness_turns_unready_without_the_database_and_ready_when_it_returns() {
    let db = TestDatabase::create().await.unwrap();
    let direct = db.service_options(&PRODUCT_DB);
    let postgres = tokio::net::lookup_host((direct.get_host(), direct.get_port()))
        .await
        .unwrap()
        .next()
        .unwrap();
    let proxy = TcpProxy::start(postgres).await.unwrap();
    let options = direct.host("127.0.0.1").port(proxy.addr().port());
    let app = product::Application::build_on(
        product::Config::for_test(options),
        Listeners::local().await.unwrap(),
    )
    .await
    .unwrap();
    let app = platform::testing::TestApp::start(app).with_database(db);
    let http = format!("http://{}", app.http_addr);
    let grpc = app.grpc_url();

    let live = reqwest::get(format!("{http}/health/live")).await.unwrap();
    assert_eq!(live.status(), 200);
    let (status, body) = ready(&http).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["status"], "ready");
    assert_eq!(body["checks"]["database"]["ok"], true, "{body}");
    eventually("gRPC health at start", Some(ServingStatus::Serving), || {
        grpc_status(&grpc)
    })
    .await;

    proxy.cut();
    eventually("readiness without the database", 503, || async {
        ready(&http).await.0
    })
    .await;
    let (_, body) = ready(&http).await;
    assert_eq!(body["checks"]["database"]["ok"], false, "{body}");
    assert_eq!(body["checks"]["database"]["required"], true, "{body}");
    eventually(
        "gRPC health without the database",
        Some(ServingStatus::NotServing),
        || grpc_status(&grpc),
    )
    .await;
    // Liveness does not follow: restarting the process would not help.
    let live = reqwest::get(format!("{http}/health/live")).await.unwrap();
    assert_eq!(live.status(), 200);

    proxy.restore();
    eventually("readiness after the database returns", 200, || async {
        ready(&http).await.0
    })
    .await;
    eventually(
        "gRPC health after the database returns",
        Some(ServingStatus::Serving),
        || grpc_status(&grpc),
    )
    .await;
    app.finish().await;
}

#[tokio::test]
async fn readiness_reports_unapplied_migrations() {
    let db = TestDatabase::create().await.unwrap();
    let app = product::Application::build_on(
        product::Config::for_test(db.service_options(&PRODUCT_DB)),
        Listeners::local().await.unwrap(),
    )
    .await
    .unwrap();
    let app = platform::testing::TestApp::start(app).with_database(db);
    let http = format!("http://{}", app.http_addr);
    assert_eq!(ready(&http).await.0, 200);
    // As if the database had been restored from before the newest migration.
    let admin = app.database().unwrap().admin_pool().await.unwrap();
    sqlx::query(
        "DELETE FROM products._sqlx_migrations WHERE version = (SELECT max(version) FROM products._sqlx_migrations)",
    )
    .execute(&admin)
    .await
    .unwrap();
    admin.close().await;
    let (status, body) = ready(&http).await;
    assert_eq!(status, 503, "{body}");
    assert!(
        body["checks"]["database"]["detail"]
            .as_str()
            .unwrap()
            .contains("migrations not applied"),
        "{body}"
    );
    app.finish().await;
}
