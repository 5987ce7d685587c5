//! The product subgraph on its own: a fresh database, the service on free
//! ports, requests over HTTP and gRPC.
//!
//! This file holds [`spawn_app`] and the stock and catalog tests; the
//! modules below hold search, reviews and the Redis cache.

mod cache;
mod health;
mod reviews;
mod scale;
mod search;

use std::time::Duration;

use platform::db::PRODUCT_DB;
use platform::server::Listeners;
use platform::testing::TestDatabase;
use product::domain::NewProduct;
use proto::product::product_service_client::ProductServiceClient;
use proto::product::{CheckAvailabilityRequest, GetProductsRequest, StockRequest};
use serde_json::{Value, json};
use uuid::Uuid;

/// The product service on a fresh database, with what the tests look into.
pub struct TestApp {
    app: platform::testing::TestApp,
    /// `http://host:port/graphql`.
    pub http: String,
    /// `http://host:port` of `ProductService`.
    pub grpc: String,
    /// The service's statement counter.
    pub app_db: platform::db::Db,
    /// The catalog use cases, called directly.
    pub catalog: std::sync::Arc<product::app::catalog::Catalog>,
}

/// The service's `/metrics` page.
pub async fn metrics(app: &TestApp) -> String {
    let url = app.http.replace("/graphql", "/metrics");
    reqwest::get(url).await.unwrap().text().await.unwrap()
}

/// The value of the first line of `text` that starts with `line_start`.
pub fn metric(text: &str, line_start: &str) -> u64 {
    text.lines()
        .find(|l| l.starts_with(line_start))
        .and_then(|l| l.rsplit(' ').next()?.parse().ok())
        .unwrap_or_else(|| panic!("{line_start} missing in\n{text}"))
}

/// Polls `probe` until it returns `want`, for up to 15 s.
pub async fn eventually<T: PartialEq + std::fmt::Debug, F: std::future::Future<Output = T>>(
    what: &str,
    want: T,
    mut probe: impl FnMut() -> F,
) {
    let mut last = None;
    for _ in 0..75 {
        let now = probe().await;
        if now == want {
            return;
        }
        last = Some(now);
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    panic!("{what}: still {last:?}, wanted {want:?}");
}

/// The service on a fresh database, without Redis (it must still run).
pub async fn spawn_app() -> TestApp {
    spawn(None).await
}

/// The service on a fresh database with its cache at `redis_url`.
pub async fn spawn_app_with_redis(redis_url: &str) -> TestApp {
    spawn(Some(redis_url.to_string())).await
}

async fn spawn(redis_url: Option<String>) -> TestApp {
    let db = TestDatabase::create().await.unwrap();
    let config = product::Config {
        redis_url,
        ..product::Config::for_test(db.service_options(&PRODUCT_DB))
    };
    let app = product::Application::build_on(config, Listeners::local().await.unwrap())
        .await
        .unwrap();
    let (app_db, catalog) = (app.db(), app.catalog());
    let app = platform::testing::TestApp::start(app).with_database(db);
    TestApp {
        http: app.graphql_url(),
        grpc: app.grpc_url(),
        app,
        app_db,
        catalog,
    }
}

impl TestApp {
    /// Sends an anonymous GraphQL operation.
    pub async fn graphql(&self, query: &str, variables: Value) -> Value {
        self.app.graphql(None, query, variables).await
    }

    /// Creates `count` products straight through the catalog.
    pub async fn add_products(&self, count: usize) -> Vec<Uuid> {
        let mut ids = Vec::new();
        for i in 0..count {
            let product =
                NewProduct::parse(&format!("Product {i}"), None, "1.00", "USD", i as i64).unwrap();
            ids.push(
                self.catalog
                    .create_product_with_id(Uuid::now_v7(), product)
                    .await
                    .unwrap()
                    .id,
            );
        }
        ids
    }

    /// A staff member, for calling the catalog directly (no user service here).
    pub fn staff() -> platform::auth::Principal {
        principal(&[platform::auth::Role::Customer, platform::auth::Role::Staff])
    }

    /// A customer with a fresh id.
    pub fn customer() -> platform::auth::Principal {
        principal(&[platform::auth::Role::Customer])
    }

    /// Creates an active product with the given details; returns it.
    pub async fn product(
        &self,
        name: &str,
        price: &str,
        stock: i64,
        details: product::domain::DetailsInput,
    ) -> product::domain::Product {
        let mut new =
            NewProduct::parse(name, Some(&format!("About {name}.")), price, "USD", stock).unwrap();
        new.details =
            product::domain::ProductDetails::parse(&details, &new.name, &new.price).unwrap();
        self.catalog
            .create_product(&Self::staff(), new)
            .await
            .map_err(|e| format!("{e:?}"))
            .unwrap()
    }

    /// Stops the service and drops its database.
    pub async fn finish(self) {
        self.app.finish().await;
    }
}

fn principal(roles: &[platform::auth::Role]) -> platform::auth::Principal {
    platform::auth::Principal {
        user_id: Uuid::now_v7(),
        roles: roles.to_vec(),
        session_id: Uuid::now_v7(),
        expires_at: i64::MAX,
    }
}

#[tokio::test]
async fn resolving_100_product_representations_costs_exactly_one_sql_statement() {
    let app = spawn_app().await;
    let ids = app.add_products(100).await;
    let representations: Vec<Value> = ids
        .iter()
        .map(|id| json!({ "__typename": "Product", "id": id }))
        .collect();

    let before = app.app_db.statement_count();
    let response = app
        .graphql("query($r: [_Any!]!) { _entities(representations: $r) { ... on Product { id name price { amount } stockStatus } } }", json!({ "r": representations }))
        .await;
    let statements = app.app_db.statement_count() - before;

    assert!(response.get("errors").is_none(), "{response}");
    let entities = response["data"]["_entities"].as_array().unwrap();
    assert_eq!(entities.len(), 100);
    for (entity, id) in entities.iter().zip(&ids) {
        assert_eq!(
            entity["id"],
            id.to_string(),
            "entities come back in representation order"
        );
    }
    assert_eq!(
        statements, 1,
        "100 representations must be one batched SELECT"
    );
    app.finish().await;
}

#[tokio::test]
async fn unknown_and_malformed_representations_resolve_to_null_without_failing_the_batch() {
    let app = spawn_app().await;
    let ids = app.add_products(1).await;
    let response = app
        .graphql(
            "query($r: [_Any!]!) { _entities(representations: $r) { ... on Product { id } } }",
            json!({ "r": [{ "__typename": "Product", "id": ids[0] }, { "__typename": "Product", "id": Uuid::now_v7() }, { "__typename": "Product", "id": "nope" }] }),
        )
        .await;
    assert!(response.get("errors").is_none(), "{response}");
    assert_eq!(
        response["data"]["_entities"],
        json!([{ "id": ids[0].to_string() }, null, null])
    );
    app.finish().await;
}

#[tokio::test]
async fn products_paginate_with_opaque_cursors_and_a_total_count() {
    let app = spawn_app().await;
    let ids = app.add_products(5).await;
    let page = |after: Value| {
        let app = &app;
        async move {
            app.graphql("query($a: String) { products(first: 2, after: $a) { totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }", json!({ "a": after }))
                .await
        }
    };
    let mut seen = Vec::new();
    let mut after = Value::Null;
    loop {
        let response = page(after.clone()).await;
        let products = &response["data"]["products"];
        assert_eq!(products["totalCount"], 5, "{response}");
        for edge in products["edges"].as_array().unwrap() {
            seen.push(edge["node"]["id"].as_str().unwrap().to_string());
        }
        if products["pageInfo"]["hasNextPage"] == false {
            break;
        }
        after = products["pageInfo"]["endCursor"].clone();
    }
    let newest_first: Vec<String> = ids.iter().rev().map(Uuid::to_string).collect();
    assert_eq!(seen, newest_first);

    let bad = app
        .graphql("{ products(after: \"garbage\") { totalCount } }", json!({}))
        .await;
    assert_eq!(
        bad["errors"][0]["extensions"]["code"], "BAD_USER_INPUT",
        "{bad}"
    );
    let too_many = app
        .graphql("{ products(first: 10000) { edges { cursor } } }", json!({}))
        .await;
    assert_eq!(
        too_many["errors"][0]["extensions"]["code"], "BAD_USER_INPUT",
        "first is capped at 100: {too_many}"
    );
    app.finish().await;
}

#[tokio::test]
async fn create_product_requires_a_token() {
    let app = spawn_app().await;
    let response = app
        .graphql("mutation { createProduct(input: { name: \"Mug\", price: { amount: \"1\", currency: \"USD\" } }) { id } }", json!({}))
        .await;
    assert_eq!(
        response["errors"][0]["extensions"]["code"], "UNAUTHENTICATED",
        "{response}"
    );
    app.finish().await;
}

#[tokio::test]
async fn grpc_prices_and_availability_come_in_one_batch_and_reject_bad_ids() {
    let app = spawn_app().await;
    let ids = app.add_products(3).await; // stock 0, 1, 2
    let mut client = ProductServiceClient::new(platform::testing::grpc_channel(
        &app.grpc.clone(),
        "product",
        Some("order"),
    ));

    let missing = Uuid::now_v7().to_string();
    let products = client
        .get_products(GetProductsRequest {
            ids: vec![ids[1].to_string(), missing.clone(), ids[1].to_string()],
        })
        .await
        .unwrap()
        .into_inner();
    assert_eq!(products.products.len(), 1);
    assert_eq!(
        products.products[0].price.as_ref().unwrap().amount_minor,
        100
    );
    assert_eq!(products.missing_ids, vec![missing.clone()]);

    let availability = client
        .check_availability(CheckAvailabilityRequest {
            items: vec![
                StockRequest {
                    product_id: ids[2].to_string(),
                    quantity: 2,
                },
                StockRequest {
                    product_id: ids[0].to_string(),
                    quantity: 1,
                },
                StockRequest {
                    product_id: missing,
                    quantity: 1,
                },
            ],
        })
        .await
        .unwrap()
        .into_inner();
    assert!(!availability.all_available);
    let sufficient: Vec<(bool, bool, i64)> = availability
        .items
        .iter()
        .map(|a| (a.found, a.sufficient, a.available))
        .collect();
    assert_eq!(
        sufficient,
        vec![(true, true, 2), (true, false, 0), (false, false, 0)]
    );

    let bad = client
        .get_products(GetProductsRequest {
            ids: vec!["42".into()],
        })
        .await
        .unwrap_err();
    assert_eq!(bad.code(), tonic::Code::InvalidArgument);
    let zero = client
        .check_availability(CheckAvailabilityRequest {
            items: vec![StockRequest {
                product_id: ids[0].to_string(),
                quantity: 0,
            }],
        })
        .await
        .unwrap_err();
    assert_eq!(zero.code(), tonic::Code::InvalidArgument);
    app.finish().await;
}

// ---- Stock reservations ----------------------------------------------------

use proto::product::{ReservationRequest, ReservationStatus, ReserveStockRequest};

impl TestApp {
    async fn product_with_stock(&self, on_hand: i64) -> Uuid {
        let product = NewProduct::parse("Scarce thing", None, "5.00", "USD", on_hand).unwrap();
        self.catalog
            .create_product_with_id(Uuid::now_v7(), product)
            .await
            .unwrap()
            .id
    }

    /// `(on_hand, reserved)` as stored.
    async fn stock(&self, id: Uuid) -> (i64, i64) {
        let product = self.catalog.product(id).await.unwrap();
        (product.on_hand, product.reserved)
    }

    async fn client(&self) -> ProductServiceClient<tonic::transport::Channel> {
        ProductServiceClient::new(platform::testing::grpc_channel(
            &self.grpc.clone(),
            "product",
            Some("order"),
        ))
    }
}

fn reserve(id: Uuid, product: Uuid, quantity: i64, ttl_seconds: u32) -> ReserveStockRequest {
    ReserveStockRequest {
        reservation_id: id.to_string(),
        lines: vec![StockRequest {
            product_id: product.to_string(),
            quantity,
        }],
        ttl_seconds,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_concurrent_reservations_for_the_last_unit_let_exactly_one_through() {
    let app = spawn_app().await;
    let product = app.product_with_stock(1).await;
    let client = app.client().await;
    let attempts = (0..50).map(|_| {
        let mut client = client.clone();
        async move {
            client
                .reserve_stock(reserve(Uuid::now_v7(), product, 1, 60))
                .await
        }
    });
    let results = futures::future::join_all(attempts).await;
    let succeeded = results.iter().filter(|r| r.is_ok()).count();
    let short: Vec<_> = results.iter().filter_map(|r| r.as_ref().err()).collect();
    assert_eq!(succeeded, 1);
    assert!(
        short
            .iter()
            .all(|s| s.code() == tonic::Code::FailedPrecondition),
        "{short:?}"
    );
    assert_eq!(
        short[0]
            .metadata()
            .get("shop-shortages")
            .unwrap()
            .to_str()
            .unwrap(),
        format!("{product}=0")
    );
    assert_eq!(app.stock(product).await, (1, 1));
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_hundred_buyers_of_one_or_two_units_never_hold_more_than_the_ten_in_stock() {
    let app = spawn_app().await;
    let product = app.product_with_stock(10).await;
    let client = app.client().await;
    let attempts = (0..200).map(|i| {
        let mut client = client.clone();
        let quantity = 1 + (i % 2) as i64;
        async move {
            client
                .reserve_stock(reserve(Uuid::now_v7(), product, quantity, 60))
                .await
                .map(|_| quantity)
        }
    });
    let results = futures::future::join_all(attempts).await;
    let held: i64 = results.iter().filter_map(|r| r.as_ref().ok()).sum();
    assert!(
        results
            .iter()
            .filter_map(|r| r.as_ref().err())
            .all(|s| s.code() == tonic::Code::FailedPrecondition)
    );
    let (on_hand, reserved) = app.stock(product).await;
    assert_eq!(on_hand, 10);
    assert_eq!(
        reserved, held,
        "what the callers were told matches what is held"
    );
    // Availability only goes down here, and 100 callers want a single unit:
    // a unit left over would mean one of them was refused while it was free.
    assert_eq!(held, 10);
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_same_reservation_id_sent_five_times_holds_stock_once() {
    let app = spawn_app().await;
    let product = app.product_with_stock(10).await;
    let client = app.client().await;
    let id = Uuid::now_v7();
    let concurrent = (0..5).map(|_| {
        let mut client = client.clone();
        async move { client.reserve_stock(reserve(id, product, 3, 60)).await }
    });
    for result in futures::future::join_all(concurrent).await {
        assert_eq!(
            result.unwrap().into_inner().status,
            ReservationStatus::Held as i32
        );
    }
    for _ in 0..5 {
        client
            .clone()
            .reserve_stock(reserve(id, product, 3, 60))
            .await
            .unwrap();
    }
    assert_eq!(app.stock(product).await, (10, 3));

    let other_lines = client
        .clone()
        .reserve_stock(reserve(id, product, 4, 60))
        .await
        .unwrap_err();
    assert_eq!(
        other_lines.code(),
        tonic::Code::Aborted,
        "same id, different request"
    );
    app.finish().await;
}

#[tokio::test]
async fn committing_sells_the_stock_once_and_releasing_gives_it_back() {
    let app = spawn_app().await;
    let product = app.product_with_stock(5).await;
    let mut client = app.client().await;
    let (sold, returned) = (Uuid::now_v7(), Uuid::now_v7());
    client
        .reserve_stock(reserve(sold, product, 2, 60))
        .await
        .unwrap();
    client
        .reserve_stock(reserve(returned, product, 1, 60))
        .await
        .unwrap();
    assert_eq!(app.stock(product).await, (5, 3));

    for _ in 0..2 {
        let committed = client
            .commit_reservation(ReservationRequest {
                reservation_id: sold.to_string(),
            })
            .await
            .unwrap()
            .into_inner();
        assert_eq!(committed.status, ReservationStatus::Committed as i32);
    }
    assert_eq!(app.stock(product).await, (3, 1));
    for _ in 0..2 {
        client
            .release_reservation(ReservationRequest {
                reservation_id: returned.to_string(),
            })
            .await
            .unwrap();
    }
    assert_eq!(app.stock(product).await, (3, 0));

    let release_sold = client
        .release_reservation(ReservationRequest {
            reservation_id: sold.to_string(),
        })
        .await
        .unwrap_err();
    assert_eq!(release_sold.code(), tonic::Code::Aborted);
    let commit_released = client
        .commit_reservation(ReservationRequest {
            reservation_id: returned.to_string(),
        })
        .await
        .unwrap_err();
    assert_eq!(commit_released.code(), tonic::Code::Aborted);
    let unknown = client
        .commit_reservation(ReservationRequest {
            reservation_id: Uuid::now_v7().to_string(),
        })
        .await
        .unwrap_err();
    assert_eq!(unknown.code(), tonic::Code::NotFound);
    let release_unknown = client
        .release_reservation(ReservationRequest {
            reservation_id: Uuid::now_v7().to_string(),
        })
        .await
        .unwrap();
    assert_eq!(
        release_unknown.into_inner().status,
        ReservationStatus::Released as i32
    );
    assert_eq!(app.stock(product).await, (3, 0));
    app.finish().await;
}

#[tokio::test]
async fn an_expired_reservation_returns_its_stock_and_cannot_be_committed() {
    let app = spawn_app().await;
    let product = app.product_with_stock(4).await;
    let mut client = app.client().await;
    let (swept, late) = (Uuid::now_v7(), Uuid::now_v7());
    client
        .reserve_stock(reserve(swept, product, 1, 1))
        .await
        .unwrap();
    client
        .reserve_stock(reserve(late, product, 2, 1))
        .await
        .unwrap();
    assert_eq!(app.stock(product).await, (4, 3));
    tokio::time::sleep(Duration::from_millis(1500)).await;

    // The sweeper releases what expired...
    assert_eq!(app.catalog.release_expired().await.unwrap(), 2);
    assert_eq!(app.stock(product).await, (4, 0));
    // ...and a commit that comes too late sells nothing.
    let commit = client
        .commit_reservation(ReservationRequest {
            reservation_id: late.to_string(),
        })
        .await
        .unwrap_err();
    assert_eq!(commit.code(), tonic::Code::Aborted);
    assert_eq!(app.stock(product).await, (4, 0));

    // Without a sweep in between, the commit itself notices the expiry.
    let unswept = Uuid::now_v7();
    client
        .reserve_stock(reserve(unswept, product, 1, 1))
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let commit = client
        .commit_reservation(ReservationRequest {
            reservation_id: unswept.to_string(),
        })
        .await
        .unwrap_err();
    assert_eq!(commit.code(), tonic::Code::Aborted);
    assert_eq!(app.stock(product).await, (4, 0));
    app.finish().await;
}

#[tokio::test]
async fn malformed_reservations_are_invalid_arguments_and_unknown_products_not_found() {
    let app = spawn_app().await;
    let product = app.product_with_stock(4).await;
    let mut client = app.client().await;
    for (request, code) in [
        (
            reserve(Uuid::now_v7(), product, 0, 60),
            tonic::Code::InvalidArgument,
        ),
        (
            reserve(Uuid::now_v7(), product, -1, 60),
            tonic::Code::InvalidArgument,
        ),
        (
            reserve(Uuid::now_v7(), product, 1, 100_000),
            tonic::Code::InvalidArgument,
        ),
        (
            reserve(Uuid::now_v7(), Uuid::now_v7(), 1, 60),
            tonic::Code::NotFound,
        ),
        (
            ReserveStockRequest {
                reservation_id: "x".into(),
                lines: vec![],
                ttl_seconds: 0,
            },
            tonic::Code::InvalidArgument,
        ),
        (
            ReserveStockRequest {
                reservation_id: Uuid::now_v7().to_string(),
                lines: vec![],
                ttl_seconds: 0,
            },
            tonic::Code::InvalidArgument,
        ),
    ] {
        let status = client.reserve_stock(request).await.unwrap_err();
        assert_eq!(status.code(), code, "{status:?}");
    }
    assert_eq!(
        app.stock(product).await,
        (4, 0),
        "a failed reservation holds nothing"
    );
    app.finish().await;
}

// ---- Stock ledger ---------------------------------------------------------------

use proto::product::AdjustStockRequest;

fn adjust(product: Uuid, delta: i64, reason: &str) -> AdjustStockRequest {
    AdjustStockRequest {
        product_id: product.to_string(),
        delta,
        reason: reason.into(),
        note: "stocktake".into(),
        idempotency_key: String::new(),
    }
}

#[tokio::test]
async fn an_adjustment_repeated_with_its_idempotency_key_is_applied_once() {
    let app = spawn_app().await;
    let product = app.product_with_stock(5).await;
    let mut client = app.client().await;
    let keyed = || AdjustStockRequest {
        idempotency_key: format!("return:{product}"),
        ..adjust(product, 2, "RETURN")
    };
    let calls = (0..5).map(|_| {
        let mut client = client.clone();
        async move { client.adjust_stock(keyed()).await }
    });
    for result in futures::future::join_all(calls).await {
        assert_eq!(result.expect("adjusted").into_inner().on_hand, 7);
    }
    assert_eq!(app.stock(product).await, (7, 0), "applied once");
    // Without a key, the same request is a new adjustment.
    client
        .adjust_stock(adjust(product, 2, "RETURN"))
        .await
        .unwrap();
    assert_eq!(app.stock(product).await, (9, 0));
    let too_long = AdjustStockRequest {
        idempotency_key: "k".repeat(256),
        ..adjust(product, 1, "RETURN")
    };
    let status = client.adjust_stock(too_long).await.unwrap_err();
    assert_eq!(status.code(), tonic::Code::InvalidArgument);
    app.finish().await;
}

#[tokio::test]
async fn stock_adjustments_follow_their_reason_and_never_undercut_reservations() {
    let app = spawn_app().await;
    let product = app.product_with_stock(5).await;
    let mut client = app.client().await;

    let level = client
        .adjust_stock(adjust(product, 10, "RESTOCK"))
        .await
        .unwrap()
        .into_inner();
    assert_eq!((level.on_hand, level.available), (15, 15));
    client
        .adjust_stock(adjust(product, -2, "DAMAGE"))
        .await
        .unwrap();
    client
        .adjust_stock(adjust(product, -1, "CORRECTION"))
        .await
        .unwrap();
    client
        .reserve_stock(reserve(Uuid::now_v7(), product, 10, 60))
        .await
        .unwrap();
    assert_eq!(app.stock(product).await, (12, 10));

    for (request, code) in [
        (adjust(product, -3, "DAMAGE"), tonic::Code::InvalidArgument), // 9 on hand < 10 reserved
        (adjust(product, -5, "RESTOCK"), tonic::Code::InvalidArgument),
        (adjust(product, 5, "DAMAGE"), tonic::Code::InvalidArgument),
        (
            adjust(product, 0, "CORRECTION"),
            tonic::Code::InvalidArgument,
        ),
        (adjust(product, -1, "SALE"), tonic::Code::InvalidArgument),
        (adjust(product, 1, "GIFT"), tonic::Code::InvalidArgument),
        (
            adjust(product, 999_999_999, "RESTOCK"),
            tonic::Code::InvalidArgument,
        ), // past the 1e9 cap on on-hand
        (adjust(Uuid::now_v7(), 1, "RESTOCK"), tonic::Code::NotFound),
    ] {
        let status = client.adjust_stock(request.clone()).await.unwrap_err();
        assert_eq!(status.code(), code, "{request:?}: {status:?}");
    }
    assert_eq!(
        app.stock(product).await,
        (12, 10),
        "refused adjustments change nothing"
    );

    let ledger = app
        .catalog
        .stock_movements(&[product], 10)
        .await
        .unwrap()
        .remove(&product)
        .unwrap();
    let rows: Vec<(i64, &str, i64)> = ledger
        .iter()
        .map(|m| (m.delta, m.reason.as_str(), m.on_hand_after))
        .collect();
    assert_eq!(
        rows,
        vec![
            (-1, "CORRECTION", 12),
            (-2, "DAMAGE", 13),
            (10, "RESTOCK", 15)
        ]
    );
    app.finish().await;
}

#[tokio::test]
async fn a_committed_reservation_writes_a_sale_to_the_ledger() {
    let app = spawn_app().await;
    let (a, b) = (
        app.product_with_stock(5).await,
        app.product_with_stock(5).await,
    );
    let mut client = app.client().await;
    let order = Uuid::now_v7();
    client
        .reserve_stock(ReserveStockRequest {
            reservation_id: order.to_string(),
            lines: vec![
                StockRequest {
                    product_id: a.to_string(),
                    quantity: 2,
                },
                StockRequest {
                    product_id: b.to_string(),
                    quantity: 1,
                },
            ],
            ttl_seconds: 60,
        })
        .await
        .unwrap();
    client
        .commit_reservation(ReservationRequest {
            reservation_id: order.to_string(),
        })
        .await
        .unwrap();
    client
        .commit_reservation(ReservationRequest {
            reservation_id: order.to_string(),
        })
        .await
        .unwrap();

    let ledger = app.catalog.stock_movements(&[a, b], 10).await.unwrap();
    let sale = |id: Uuid| {
        ledger[&id]
            .iter()
            .map(|m| (m.delta, m.reason.as_str(), m.reference, m.on_hand_after))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        sale(a),
        vec![(-2, "SALE", Some(order), 3)],
        "one row, however often the commit is repeated"
    );
    assert_eq!(sale(b), vec![(-1, "SALE", Some(order), 4)]);
    app.finish().await;
}

#[tokio::test]
async fn a_page_of_50_products_with_categories_rating_and_stock_status_costs_three_statements() {
    let app = spawn_app().await;
    let ids = app.add_products(60).await;
    let store = app.catalog.store();
    let (parent, child) = (Uuid::now_v7(), Uuid::now_v7());
    store
        .insert_category(parent, None, "Coffee", "coffee")
        .await
        .unwrap();
    store
        .insert_category(child, Some(parent), "Grinders", "grinders")
        .await
        .unwrap();
    for (i, id) in ids.iter().enumerate() {
        let categories: Vec<Uuid> = if i % 2 == 0 {
            vec![parent]
        } else {
            vec![parent, child]
        };
        store
            .set_product_categories(*id, &categories)
            .await
            .unwrap();
    }

    // Run three times: each run must cost the same, however busy the
    // machine (batches start when the page has been walked, not after a
    // fixed window that a descheduled thread can outlast).
    let count = |query: &'static str| {
        let app = &app;
        async move {
            let mut runs = Vec::new();
            let mut page = Value::Null;
            for _ in 0..3 {
                let before = app.app_db.statement_count();
                page = app.graphql(query, json!({})).await;
                assert!(page.get("errors").is_none(), "{page}");
                assert_eq!(
                    page["data"]["products"]["edges"].as_array().unwrap().len(),
                    50
                );
                runs.push(app.app_db.statement_count() - before);
            }
            assert!(runs.iter().all(|n| *n == runs[0]), "{query}: {runs:?}");
            (runs[0], page)
        }
    };
    // The page, every product's category ids, the category tree; the total
    // comes from the search index. Rating and stock status are columns of
    // the product row: free.
    let (statements, page) = count("{ products(first: 50) { totalCount edges { node { id stockStatus rating { average count } categories { path } } } } }").await;
    assert_eq!(
        page["data"]["products"]["edges"][0]["node"]["categories"],
        json!([{ "path": "coffee" }, { "path": "coffee/grinders" }])
    );
    assert_eq!(page["data"]["products"]["totalCount"], 60);
    assert_eq!(statements, 3);
    // Without Redis each level of category nesting reads the (small) tree
    // once more: one batch per level, never one per row.
    let (statements, _) =
        count("{ products(first: 50) { edges { node { categories { parent { name } } } } } }")
            .await;
    assert_eq!(statements, 4);
    app.finish().await;
}
