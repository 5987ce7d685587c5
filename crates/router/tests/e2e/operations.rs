//! What an operator sees: every service's `/metrics` moves by the expected
//! amounts with a scripted flow through the router, each is live and ready,
//! and each lists its gRPC API by reflection and reports SERVING in the
//! gRPC health service.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::time::Duration;

use futures::StreamExt;
use serde_json::json;
use tonic_reflection::pb::v1::ServerReflectionRequest;
use tonic_reflection::pb::v1::server_reflection_client::ServerReflectionClient;
use tonic_reflection::pb::v1::server_reflection_request::MessageRequest;
use tonic_reflection::pb::v1::server_reflection_response::MessageResponse;

use crate::support::{Stack, spawn_stack};

/// One scrape: each series (`name{labels}`) and its value.
#[derive(Debug, Default)]
struct Scrape(Vec<(String, HashMap<String, String>, f64)>);

impl Scrape {
    fn parse(text: &str) -> Self {
        let mut series = Vec::new();
        for line in text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
        {
            let Some((head, value)) = line.rsplit_once(' ') else {
                continue;
            };
            let Ok(value) = value.parse::<f64>() else {
                continue;
            };
            let (name, labels) = match head.split_once('{') {
                Some((name, rest)) => (name, rest.trim_end_matches('}')),
                None => (head, ""),
            };
            let labels = labels
                .split("\",")
                .filter_map(|pair| {
                    let (k, v) = pair.split_once("=\"")?;
                    Some((k.to_string(), v.trim_end_matches('"').to_string()))
                })
                .collect();
            series.push((name.to_string(), labels, value));
        }
        Self(series)
    }

    /// The sum of the series of `name` whose labels include `labels` (a
    /// value ending in `*` matches as a prefix).
    fn sum(&self, name: &str, labels: &[(&str, &str)]) -> f64 {
        self.0
            .iter()
            .filter(|(n, have, _)| {
                n == name
                    && labels.iter().all(|(k, want)| {
                        have.get(*k).is_some_and(|v| match want.strip_suffix('*') {
                            Some(prefix) => v.starts_with(prefix),
                            None => v == want,
                        })
                    })
            })
            .map(|(_, _, v)| v)
            .sum()
    }

    fn has(&self, name: &str) -> bool {
        self.0.iter().any(|(n, ..)| n == name)
    }
}

async fn scrape(stack: &Stack, addr: SocketAddr) -> Scrape {
    let response = stack
        .client
        .get(format!("http://{addr}/metrics"))
        .send()
        .await
        .expect("metrics answered");
    assert_eq!(response.status(), 200);
    let content_type = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(content_type.starts_with("text/plain"), "{content_type}");
    Scrape::parse(&response.text().await.unwrap())
}

/// `name{labels}` went from `before` to `after` by exactly `by`.
fn moved(before: &Scrape, after: &Scrape, name: &str, labels: &[(&str, &str)], by: f64) {
    let delta = after.sum(name, labels) - before.sum(name, labels);
    assert!(
        (delta - by).abs() < 1e-9,
        "{name}{labels:?} moved by {delta}, expected {by}"
    );
}

const LOGIN: &str =
    "mutation Login($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }";
const CHECKOUT: &str =
    "mutation Checkout($i: CheckoutInput!) { checkout(input: $i) { id status } }";

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn every_services_metrics_move_by_the_expected_amounts_with_a_scripted_flow() {
    let stack = spawn_stack().await;
    let staff = stack.staff_token().await;
    let product = stack
        .create_product(&staff, "Metered Kettle", "30.00", 5, 900)
        .await;
    let email = format!("m-{}@example.com", uuid::Uuid::new_v4().simple());
    let (token, _) = stack.register_and_login(&email, "customer-password").await;
    let address = stack.add_address(&token).await;
    stack.add_to_cart(&token, &product, 1).await;

    let (user, order, product_svc, notification) = (
        stack.user_http,
        stack.order_http,
        stack.product_http,
        stack.notification_http,
    );
    let before_user = scrape(&stack, user).await;
    let before_order = scrape(&stack, order).await;
    let before_product = scrape(&stack, product_svc).await;
    let before_notification = scrape(&stack, notification).await;

    // The flow: a failed and a good login, a declined and a paid checkout.
    let failed = stack
        .graphql(None, LOGIN, json!({ "e": email, "p": "wrong-password" }))
        .await;
    assert_eq!(
        platform::testing::error_code(&failed),
        Some("UNAUTHENTICATED"),
        "{failed}"
    );
    let good = stack
        .graphql(None, LOGIN, json!({ "e": email, "p": "customer-password" }))
        .await;
    assert!(good["data"]["login"]["accessToken"].is_string(), "{good}");
    let checkout = |key: &str, card: &str| {
        stack.graphql(
            Some(&token),
            CHECKOUT,
            json!({ "i": { "idempotencyKey": key, "shippingAddressId": address, "paymentMethod": { "token": card } } }),
        )
    };
    let declined = checkout("metrics-declined", "tok_declined").await;
    assert_eq!(
        platform::testing::error_code(&declined),
        Some("PAYMENT_DECLINED"),
        "{declined}"
    );
    let paid = checkout("metrics-paid", "tok_visa").await;
    let status = paid["data"]["checkout"]["status"]
        .as_str()
        .unwrap_or_else(|| panic!("checkout failed: {paid}"))
        .to_string();

    let after_user = scrape(&stack, user).await;
    let after_order = scrape(&stack, order).await;
    let after_product = scrape(&stack, product_svc).await;

    // User: logins by outcome, and RED by the router's operation names.
    moved(
        &before_user,
        &after_user,
        "shop_logins_total",
        &[("outcome", "success")],
        1.0,
    );
    moved(
        &before_user,
        &after_user,
        "shop_logins_total",
        &[("outcome", "invalid_credentials")],
        1.0,
    );
    moved(
        &before_user,
        &after_user,
        "shop_graphql_requests_total",
        &[("operation", "Login*")],
        2.0,
    );
    moved(
        &before_user,
        &after_user,
        "shop_graphql_errors_total",
        &[("operation", "Login*"), ("code", "UNAUTHENTICATED")],
        1.0,
    );
    moved(
        &before_user,
        &after_user,
        "shop_graphql_request_duration_seconds_count",
        &[("operation", "Login*")],
        2.0,
    );

    // Order: checkouts by outcome, orders by status, its errors by code.
    moved(
        &before_order,
        &after_order,
        "shop_checkouts_total",
        &[("outcome", "PLACED")],
        1.0,
    );
    moved(
        &before_order,
        &after_order,
        "shop_checkouts_total",
        &[("outcome", "PAYMENT_DECLINED")],
        1.0,
    );
    moved(
        &before_order,
        &after_order,
        "shop_orders",
        &[("status", &status)],
        1.0,
    );
    moved(
        &before_order,
        &after_order,
        "shop_orders",
        &[("status", "PAYMENT_FAILED")],
        1.0,
    );
    moved(
        &before_order,
        &after_order,
        "shop_graphql_requests_total",
        &[("operation", "Checkout*")],
        2.0,
    );
    moved(
        &before_order,
        &after_order,
        "shop_graphql_errors_total",
        &[("operation", "Checkout*"), ("code", "PAYMENT_DECLINED")],
        1.0,
    );

    // gRPC: both checkouts reserved stock, as the order service called it
    // and as the product service served it.
    let reserve = "/shop.product.v1.ProductService/ReserveStock";
    moved(
        &before_order,
        &after_order,
        "shop_grpc_client_requests_total",
        &[("peer", "product"), ("method", reserve), ("code", "OK")],
        2.0,
    );
    moved(
        &before_product,
        &after_product,
        "shop_grpc_server_requests_total",
        &[("method", reserve), ("code", "OK")],
        2.0,
    );
    moved(
        &before_product,
        &after_product,
        "shop_grpc_server_duration_seconds_count",
        &[("method", reserve)],
        2.0,
    );
    assert_eq!(
        after_order.sum("shop_circuit_breaker_state", &[("peer", "product")]) as i64,
        0,
        "closed"
    );
    assert!(after_order.has("shop_circuit_breaker_state"));

    // The pool of every service, the order service's transactions.
    for scrape in [&after_user, &after_order, &after_product] {
        assert_eq!(scrape.sum("shop_db_pool_max_connections", &[]) as i64, 10);
        assert!(scrape.has("shop_db_pool_connections"));
        assert!(scrape.has("shop_outbox_pending"));
        assert!(scrape.has("shop_redis_up"));
    }
    assert!(
        after_order.sum("shop_db_pool_acquire_seconds_count", &[])
            > before_order.sum("shop_db_pool_acquire_seconds_count", &[])
    );

    // Events: order.paid is published once, then consumed once by the
    // product service's group and once by the notification service.
    let mut seen = (0.0, 0.0, 0.0);
    for _ in 0..100 {
        let (order_now, product_now, notification_now) = (
            scrape(&stack, order).await,
            scrape(&stack, product_svc).await,
            scrape(&stack, notification).await,
        );
        let published = &[("event", "order.paid")];
        seen = (
            order_now.sum("shop_events_published_total", published)
                - before_order.sum("shop_events_published_total", published),
            product_now.sum(
                "shop_events_consumed_total",
                &[("group", "product.purchases"), ("outcome", "applied")],
            ) - before_product.sum(
                "shop_events_consumed_total",
                &[("group", "product.purchases"), ("outcome", "applied")],
            ),
            notification_now.sum(
                "shop_event_consume_lag_seconds_count",
                &[("group", "notification")],
            ) - before_notification.sum(
                "shop_event_consume_lag_seconds_count",
                &[("group", "notification")],
            ),
        );
        if seen.0 >= 1.0 && seen.1 >= 1.0 && seen.2 >= 1.0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(seen.0 as i64, 1, "order.paid published once: {seen:?}");
    assert_eq!(
        seen.1 as i64, 1,
        "order.paid applied once by product: {seen:?}"
    );
    assert!(
        seen.2 >= 1.0,
        "the notification consumer handled events: {seen:?}"
    );
    stack.shutdown().await;
}

/// The services' gRPC addresses and the full name of each one's API.
fn grpc_apis(stack: &Stack) -> Vec<(&'static str, String, &'static str)> {
    vec![
        ("user", stack.user_grpc.clone(), "shop.user.v1.UserService"),
        (
            "product",
            stack.product_grpc.clone(),
            "shop.product.v1.ProductService",
        ),
        (
            "order",
            stack.order_grpc.clone(),
            "shop.order.v1.OrderService",
        ),
        (
            "notification",
            stack.notification_grpc.clone(),
            "shop.notification.v1.NotificationService",
        ),
    ]
}

/// One reflection request and its answer.
async fn reflect(url: &str, peer: &str, request: MessageRequest) -> MessageResponse {
    // A caller with only the CA, as `grpcurl -cacert` is.
    let mut client = ServerReflectionClient::new(platform::testing::grpc_channel(url, peer, None));
    let mut answers = client
        .server_reflection_info(futures::stream::iter([ServerReflectionRequest {
            host: String::new(),
            message_request: Some(request),
        }]))
        .await
        .unwrap_or_else(|e| panic!("{peer}: reflection refused: {e}"))
        .into_inner();
    answers
        .next()
        .await
        .expect("an answer")
        .expect("a good answer")
        .message_response
        .expect("a message")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn every_service_is_live_and_ready_and_lists_its_grpc_api_by_reflection() {
    let stack = spawn_stack().await;
    for addr in [
        stack.user_http,
        stack.product_http,
        stack.order_http,
        stack.notification_http,
    ] {
        let live = stack
            .client
            .get(format!("http://{addr}/health/live"))
            .send()
            .await
            .unwrap();
        assert_eq!(live.status(), 200);
        let ready = stack
            .client
            .get(format!("http://{addr}/health/ready"))
            .send()
            .await
            .unwrap();
        assert_eq!(ready.status(), 200);
        let body: serde_json::Value = ready.json().await.unwrap();
        assert_eq!(body["status"], "ready", "{addr}: {body}");
        assert_eq!(body["checks"]["database"]["ok"], true, "{body}");
        assert_eq!(body["checks"]["broker"]["ok"], true, "{body}");
        assert_eq!(body["checks"]["peers"]["ok"], true, "{body}");
    }

    for (peer, url, api) in grpc_apis(&stack) {
        let MessageResponse::ListServicesResponse(list) =
            reflect(&url, peer, MessageRequest::ListServices(String::new())).await
        else {
            panic!("{peer}: not a service list");
        };
        let names: Vec<String> = list.service.into_iter().map(|s| s.name).collect();
        for expected in [
            api,
            "grpc.health.v1.Health",
            "grpc.reflection.v1.ServerReflection",
        ] {
            assert!(names.iter().any(|n| n == expected), "{peer}: {names:?}");
        }
        let MessageResponse::FileDescriptorResponse(files) =
            reflect(&url, peer, MessageRequest::FileContainingSymbol(api.into())).await
        else {
            panic!("{peer}: no descriptor for {api}");
        };
        assert!(!files.file_descriptor_proto.is_empty(), "{peer}");

        let mut health = tonic_health::pb::health_client::HealthClient::new(
            platform::testing::grpc_channel(&url, peer, None),
        );
        let mut status = None;
        for _ in 0..50 {
            status = health
                .check(tonic_health::pb::HealthCheckRequest {
                    service: api.to_string(),
                })
                .await
                .ok()
                .map(|r| r.into_inner().status);
            if status
                == Some(tonic_health::pb::health_check_response::ServingStatus::Serving as i32)
            {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        assert_eq!(
            status,
            Some(tonic_health::pb::health_check_response::ServingStatus::Serving as i32),
            "{peer}"
        );
    }
    stack.shutdown().await;
}
