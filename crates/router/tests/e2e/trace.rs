//! One trace across every hop: a checkout sent through the router with a
//! W3C `traceparent` shows up at a real OTLP receiver as one trace, with
//! spans from the router, the order subgraph, its gRPC calls (client spans
//! in order, server spans in product and user), their SQL, and the
//! consumers of the events that follow (product's and notification's).

use std::time::Duration;

use serde_json::{Value, json};

use crate::support::{ReceivedSpan, StackOptions, otlp_receiver, spawn_stack_with};

const CHECKOUT: &str =
    "mutation Checkout($i: CheckoutInput!) { checkout(input: $i) { id status } }";

/// OTLP span kinds.
const SERVER: i32 = 2;
const CLIENT: i32 = 3;
const CONSUMER: i32 = 5;

/// What the trace must hold, each with a test on one span.
fn expectations() -> Vec<(&'static str, Box<dyn Fn(&ReceivedSpan) -> bool>)> {
    let service = |s: &ReceivedSpan, name: &str| s.service() == name;
    let method =
        |s: &ReceivedSpan, api: &str| s.attribute("rpc.method").is_some_and(|m| m.contains(api));
    vec![
        (
            "a router span",
            Box::new(|s: &ReceivedSpan| s.resource_service == "router"),
        ),
        (
            "the order subgraph's GraphQL span",
            Box::new(move |s: &ReceivedSpan| {
                service(s, "order") && s.span.name.starts_with("graphql") && s.span.kind == SERVER
            }),
        ),
        (
            "a gRPC client span from order to ProductService",
            Box::new(move |s: &ReceivedSpan| {
                service(s, "order") && s.span.kind == CLIENT && method(s, "ProductService")
            }),
        ),
        (
            "a gRPC server span in product",
            Box::new(move |s: &ReceivedSpan| {
                service(s, "product") && s.span.kind == SERVER && method(s, "ProductService")
            }),
        ),
        (
            "a gRPC server span in user",
            Box::new(move |s: &ReceivedSpan| {
                service(s, "user") && s.span.kind == SERVER && method(s, "UserService")
            }),
        ),
        (
            "an SQL span in order",
            Box::new(move |s: &ReceivedSpan| {
                service(s, "order") && s.attribute("db.statement").is_some()
            }),
        ),
        (
            "an SQL span in product",
            Box::new(move |s: &ReceivedSpan| {
                service(s, "product") && s.attribute("db.statement").is_some()
            }),
        ),
        (
            "product's consumer span (order.paid)",
            Box::new(move |s: &ReceivedSpan| service(s, "product") && s.span.kind == CONSUMER),
        ),
        (
            "the notification consumer's span",
            Box::new(move |s: &ReceivedSpan| service(s, "notification") && s.span.kind == CONSUMER),
        ),
    ]
}

/// Whether the order subgraph's request span is the child of a router span.
fn order_request_has_router_parent(spans: &[ReceivedSpan]) -> bool {
    let Some(order_request) = spans
        .iter()
        .find(|s| s.service() == "order" && s.span.name.starts_with("graphql"))
    else {
        return false;
    };
    spans.iter().any(|s| {
        s.resource_service == "router" && s.span.span_id == order_request.span.parent_span_id
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_checkout_is_one_trace_from_the_router_through_grpc_sql_and_the_broker() {
    let stack = spawn_stack_with(StackOptions {
        trace_router: true,
        ..Default::default()
    })
    .await;
    let staff = stack.staff_token().await;
    let product = stack
        .create_product(&staff, "Traced Kettle", "25.00", 5, 800)
        .await;
    let (token, _, address) = stack.customer().await;
    stack.add_to_cart(&token, &product, 1).await;

    let trace_id = uuid::Uuid::new_v4().simple().to_string();
    let parent = &uuid::Uuid::new_v4().simple().to_string()[..16];
    let placed: Value = stack
        .client
        .post(&stack.router_url)
        .bearer_auth(&token)
        .header("traceparent", format!("00-{trace_id}-{parent}-01"))
        .json(&json!({
            "query": CHECKOUT,
            "variables": { "i": { "idempotencyKey": "traced", "shippingAddressId": address, "paymentMethod": { "token": "tok_visa" } } }
        }))
        .send()
        .await
        .expect("router answers")
        .json()
        .await
        .expect("json");
    assert!(placed["data"]["checkout"]["id"].is_string(), "{placed}");

    let expected = expectations();
    let mut spans = Vec::new();
    // Spans arrive in batches, each process's on its own schedule: wait
    // for all of them, the router span that is the order request's parent
    // included.
    for _ in 0..100 {
        spans = otlp_receiver().trace(&trace_id);
        if expected.iter().all(|(_, found)| spans.iter().any(found))
            && order_request_has_router_parent(&spans)
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
    let summary: Vec<String> = spans
        .iter()
        .map(|s| format!("{} {} (kind {})", s.service(), s.span.name, s.span.kind))
        .collect();
    for (what, found) in &expected {
        if !spans.iter().any(found) {
            let recent: Vec<String> = crate::support::all_spans()
                .iter()
                .filter(|s| s.span.name.starts_with("graphql") || s.resource_service == "router")
                .take(40)
                .map(|s| {
                    format!(
                        "{} {} {} parent {:?}",
                        s.service(),
                        s.span.name,
                        s.trace_id(),
                        s.span.parent_span_id
                    )
                })
                .collect();
            panic!("the trace has no {what}; it has: {summary:#?}; the latest spans: {recent:#?}");
        }
    }

    // The router's trace continues the caller's, and the order subgraph's
    // request span is a child of a router span: the context crossed the
    // hop, not merely the trace id.
    assert!(
        order_request_has_router_parent(&spans),
        "the order request's parent is a router span"
    );
    // SQL spans carry the statement, never the values bound to it.
    let sql: Vec<String> = spans
        .iter()
        .filter_map(|s| s.attribute("db.statement"))
        .collect();
    assert!(sql.iter().any(|s| s.contains("$1")), "{sql:#?}");
    assert!(
        !sql.iter()
            .any(|s| s.contains(&token) || s.contains("tok_visa")),
        "no values in statements"
    );
    stack.shutdown().await;
}
