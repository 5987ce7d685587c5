//! The Redis cache: repeated reads cost no SQL, every write invalidates what
//! it changes, and a Redis that fails mid-run only makes reads slower.
//! These tests need Redis at `REDIS_URL` (default 127.0.0.1:6379), as CI has.

use product::app::catalog::ProductChanges;
use product::domain::{DetailsInput, MovementReason, NewReview};
use serde_json::{Value, json};
use tokio::net::{TcpListener, TcpStream};
use uuid::Uuid;

use super::{TestApp, metric, metrics, spawn_app_with_redis};

const DETAIL: &str = "query($id: ID!) { product(id: $id) { name price { amount } stockStatus rating { average count } attributes { key value } } }";

fn redis_url() -> String {
    platform::config::env_or("REDIS_URL", platform::config::DEFAULT_REDIS_URL)
}

/// `product(id)` and the statements it cost.
async fn detail(app: &TestApp, id: Uuid) -> (Value, u64) {
    let before = app.app_db.statement_count();
    let response = app.graphql(DETAIL, json!({ "id": id })).await;
    assert!(response.get("errors").is_none(), "{response}");
    (
        response["data"]["product"].clone(),
        app.app_db.statement_count() - before,
    )
}

#[tokio::test]
async fn a_repeated_product_read_costs_no_sql_and_every_write_is_seen_at_once() {
    let app = spawn_app_with_redis(&redis_url()).await;
    let staff = TestApp::staff();
    let product = app
        .product("Kettle", "40", 10, DetailsInput::default())
        .await;

    let (cold, statements) = detail(&app, product.id).await;
    assert_eq!(statements, 1, "a miss reads PostgreSQL once");
    let (warm, statements) = detail(&app, product.id).await;
    assert_eq!(statements, 0, "a repeated read is served by Redis");
    assert_eq!(warm, cold);

    // A staff edit.
    app.catalog
        .update_product(
            &staff,
            product.id,
            ProductChanges {
                name: Some("Gooseneck Kettle".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(detail(&app, product.id).await.0["name"], "Gooseneck Kettle");
    // A stock change by staff, then by a reservation.
    app.catalog
        .adjust_stock(&staff, product.id, -6, MovementReason::Damage, None)
        .await
        .unwrap();
    assert_eq!(detail(&app, product.id).await.0["stockStatus"], "LOW_STOCK");
    app.catalog
        .reserve_stock(Uuid::now_v7(), &[(product.id, 4)], 60)
        .await
        .unwrap();
    assert_eq!(
        detail(&app, product.id).await.0["stockStatus"],
        "OUT_OF_STOCK"
    );
    // A review.
    app.catalog
        .write_review(
            &TestApp::customer(),
            product.id,
            NewReview::parse(4, "", "").unwrap(),
        )
        .await
        .unwrap();
    let (after_review, _) = detail(&app, product.id).await;
    assert_eq!(
        after_review["rating"],
        json!({ "average": 4.0, "count": 1 })
    );
    assert_eq!(
        detail(&app, product.id).await.1,
        0,
        "cached again after the miss"
    );

    // The category tree: a new category shows at once, then comes from Redis.
    let tree = "{ categories { name children { name } } }";
    app.catalog
        .create_category(&staff, "Coffee", None, None)
        .await
        .unwrap();
    assert_eq!(
        app.graphql(tree, json!({})).await["data"]["categories"],
        json!([{ "name": "Coffee", "children": [] }])
    );
    let before = app.app_db.statement_count();
    app.graphql(tree, json!({})).await;
    assert_eq!(
        app.app_db.statement_count() - before,
        0,
        "the tree is cached"
    );

    let text = metrics(&app).await;
    assert!(
        metric(
            &text,
            "shop_cache_requests_total{cache=\"product\",result=\"hit\",service=\"product\"}"
        ) >= 2,
        "{text}"
    );
    assert!(
        metric(
            &text,
            "shop_cache_requests_total{cache=\"product\",result=\"miss\",service=\"product\"}"
        ) >= 5,
        "{text}"
    );
    assert!(
        metric(
            &text,
            "shop_cache_requests_total{cache=\"category_tree\",result=\"hit\",service=\"product\"}"
        ) >= 1,
        "{text}"
    );
    assert_eq!(
        metric(&text, "shop_redis_failures_total{service=\"product\"}"),
        0
    );
    app.finish().await;
}

/// Forwards TCP to `target`. Sending `true` closes every connection and
/// refuses new ones (Redis went away); `false` forwards again.
async fn cuttable_proxy(target: String) -> (String, tokio::sync::watch::Sender<bool>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (cut, cut_rx) = tokio::sync::watch::channel(false);
    tokio::spawn(async move {
        while let Ok((mut client, _)) = listener.accept().await {
            if *cut_rx.borrow() {
                continue; // dropped: the connection is refused
            }
            let target = target.clone();
            let mut rx = cut_rx.clone();
            tokio::spawn(async move {
                let Ok(mut server) = TcpStream::connect(target).await else {
                    return;
                };
                tokio::select! {
                    _ = tokio::io::copy_bidirectional(&mut client, &mut server) => {}
                    _ = rx.wait_for(|c| *c) => {}
                }
            });
        }
    });
    (format!("redis://{addr}"), cut)
}

#[tokio::test]
async fn when_redis_fails_mid_run_reads_go_to_postgres_and_stay_correct() {
    let url = redis_url();
    let target = url
        .trim_start_matches("redis://")
        .trim_end_matches('/')
        .to_string();
    let (proxy_url, cut) = cuttable_proxy(target).await;
    let app = spawn_app_with_redis(&proxy_url).await;
    let product = app
        .product("Kettle", "40", 10, DetailsInput::default())
        .await;
    detail(&app, product.id).await;
    assert_eq!(
        detail(&app, product.id).await.1,
        0,
        "served by Redis while it is up"
    );

    cut.send(true).unwrap();
    app.catalog
        .update_product(
            &TestApp::staff(),
            product.id,
            ProductChanges {
                name: Some("Kettle v2".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    for _ in 0..20 {
        let (product, statements) = detail(&app, product.id).await;
        assert_eq!(product["name"], "Kettle v2", "never a stale or failed read");
        assert_eq!(statements, 1, "every read goes to PostgreSQL");
    }
    assert!(
        metric(
            &metrics(&app).await,
            "shop_redis_failures_total{service=\"product\"}"
        ) >= 1
    );

    // Redis comes back still holding the old entry: the invalidation that
    // failed is applied first, so the stale name is never served.
    cut.send(false).unwrap();
    let started = std::time::Instant::now();
    loop {
        let (product, statements) = detail(&app, product.id).await;
        assert_eq!(product["name"], "Kettle v2", "never the stale entry");
        if statements == 0 {
            break; // served from Redis again
        }
        assert!(
            started.elapsed() < std::time::Duration::from_secs(20),
            "the cache never came back"
        );
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    app.finish().await;
}
