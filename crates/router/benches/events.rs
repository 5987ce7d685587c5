//! Events benchmark, on the full stack with the real RabbitMQ:
//!
//! 1. **Throughput** through outbox, relay, broker and consumer: 5,000
//!    `order.paid` events (three lines each) are written to the order
//!    service's outbox in one transaction, and the clock runs until the
//!    product service's consumer has applied all of them (inbox row,
//!    purchase history and co-purchase counts, each in its own transaction).
//!    The notification service consumes the same events meanwhile.
//! 2. **Latency** from a paid checkout (the `checkout` mutation answering,
//!    through the router) to the customer's in-app receipt being readable
//!    through the router: 4 customers × 15 checkouts, sequential per
//!    customer, polled every 5 ms.
//!
//! `cargo bench -p router --bench events` (release). Bounded in events and
//! time; figures go in BENCHMARKS.md, nothing is asserted.

#[path = "../tests/e2e/support.rs"]
#[allow(dead_code, unused_imports)]
mod support;

use std::time::{Duration, Instant};

use serde_json::json;

const EVENTS: i64 = 5_000;
const CUSTOMERS: usize = 4;
const CHECKOUTS_EACH: usize = 15;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let stack = support::spawn_stack().await;
    let staff = stack.staff_token().await;
    let product = stack
        .create_product(&staff, "Bench Widget", "10.00", 1_000_000, 500)
        .await;
    println!(
        "machine: {} cores; {EVENTS} events, then {CUSTOMERS} customers × {CHECKOUTS_EACH} checkouts",
        std::thread::available_parallelism()?
    );

    // 1. Throughput. The events are made by SQL in the order schema, as
    // `outbox::append` would write them, so that producing costs nothing
    // measurable and the relay and consumers are what is timed.
    let inbox_before = stack.scalar("SELECT count(*) FROM products.inbox").await;
    let notification_before = stack
        .scalar("SELECT count(*) FROM notifications.inbox WHERE event_type = 'order.paid'")
        .await;
    let started = Instant::now();
    stack
        .sql(&format!(
            "INSERT INTO orders.outbox (id, event_type, aggregate_type, aggregate_id, sequence, body) \
             SELECT e.id, 'order.paid', 'order', e.order_id::text, 1, jsonb_build_object( \
               'id', e.id, 'type', 'order.paid', 'version', 1, 'occurredAt', now(), \
               'traceparent', '00-' || replace(gen_random_uuid()::text, '-', '') || '-00f067aa0ba902b7-01', \
               'aggregate', jsonb_build_object('type', 'order', 'id', e.order_id, 'sequence', 1), \
               'payload', jsonb_build_object('orderId', e.order_id, 'userId', gen_random_uuid(), \
                 'invoiceNumber', 'INV-BENCH', 'invoiceId', gen_random_uuid(), \
                 'lines', (SELECT jsonb_agg(jsonb_build_object('productId', gen_random_uuid(), 'name', 'x', 'quantity', 1, \
                     'unitPrice', jsonb_build_object('amountMinor', 100, 'currency', 'USD'), \
                     'lineTotal', jsonb_build_object('amountMinor', 100, 'currency', 'USD'))) \
                   FROM generate_series(1, 3) WHERE e.id IS NOT NULL), \
                 'subtotal', jsonb_build_object('amountMinor', 300, 'currency', 'USD'), \
                 'shipping', jsonb_build_object('amountMinor', 0, 'currency', 'USD'), \
                 'tax', jsonb_build_object('amountMinor', 0, 'currency', 'USD'), \
                 'total', jsonb_build_object('amountMinor', 300, 'currency', 'USD'))) \
             FROM (SELECT gen_random_uuid() AS id, gen_random_uuid() AS order_id FROM generate_series(1, {EVENTS})) e"
        ))
        .await;
    let written = started.elapsed();
    let deadline = Instant::now() + Duration::from_secs(300);
    loop {
        let applied = stack.scalar("SELECT count(*) FROM products.inbox").await - inbox_before;
        if applied >= EVENTS || Instant::now() > deadline {
            let wall = started.elapsed();
            println!(
                "throughput: {applied} events through outbox → relay → RabbitMQ → consumer in {:.2} s: {:.0} events/s (writing them took {:.2} s)",
                wall.as_secs_f64(),
                applied as f64 / wall.as_secs_f64(),
                written.as_secs_f64()
            );
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    // The notification group read the same events, each asking the user
    // service for a contact (unknown here, so nothing is sent). The latency
    // run waits for it to drain.
    loop {
        let applied = stack
            .scalar("SELECT count(*) FROM notifications.inbox WHERE event_type = 'order.paid'")
            .await
            - notification_before;
        if applied >= EVENTS || Instant::now() > deadline {
            let wall = started.elapsed();
            println!(
                "throughput: {applied} events through the notification consumer (one GetUser call each) in {:.2} s: {:.0} events/s",
                wall.as_secs_f64(),
                applied as f64 / wall.as_secs_f64()
            );
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }

    // 2. Latency from a paid checkout to its in-app receipt.
    let mut customers = Vec::new();
    for _ in 0..CUSTOMERS {
        customers.push(stack.customer().await);
    }
    let started = Instant::now();
    let workers: Vec<_> = customers
        .into_iter()
        .map(|(token, _, address)| {
            let (client, url) = (stack.client.clone(), stack.router_url.clone());
            let product = product.clone();
            tokio::spawn(async move {
                let post = |query: &'static str, variables: serde_json::Value| {
                    client
                        .post(&url)
                        .bearer_auth(&token)
                        .json(&json!({ "query": query, "variables": variables }))
                        .send()
                };
                let mut samples = Vec::new();
                for n in 0..CHECKOUTS_EACH {
                    let _ = post(
                        "mutation($p: ID!) { addToCart(productId: $p, quantity: 1) { itemCount } }",
                        json!({ "p": product }),
                    )
                    .await;
                    let paid: serde_json::Value = post(
                        "mutation($i: CheckoutInput!) { checkout(input: $i) { id status } }",
                        json!({ "i": { "idempotencyKey": format!("bench-{n}-{}", uuid::Uuid::new_v4()), "shippingAddressId": address, "paymentMethod": { "token": "tok_visa" } } }),
                    )
                    .await
                    .expect("router answers")
                    .json()
                    .await
                    .expect("json");
                    let answered = Instant::now();
                    let link = paid["data"]["checkout"]["id"].as_str().unwrap_or_default().to_string();
                    loop {
                        let me: serde_json::Value = post(
                            "{ me { notifications(first: 3) { edges { node { kind link } } } } }",
                            json!({}),
                        )
                        .await
                        .expect("router answers")
                        .json()
                        .await
                        .expect("json");
                        let arrived = me["data"]["me"]["notifications"]["edges"]
                            .as_array()
                            .is_some_and(|edges| {
                                edges.iter().any(|e| {
                                    e["node"]["kind"] == "order_paid"
                                        && e["node"]["link"].as_str().is_some_and(|l| l.ends_with(&link))
                                })
                            });
                        if arrived {
                            samples.push(answered.elapsed());
                            break;
                        }
                        if answered.elapsed() > Duration::from_secs(30) {
                            break;
                        }
                        tokio::time::sleep(Duration::from_millis(5)).await;
                    }
                }
                samples
            })
        })
        .collect();
    let mut samples = Vec::new();
    for worker in workers {
        samples.extend(worker.await?);
    }
    platform::testing::report_latencies(
        "paid checkout → in-app receipt readable through the router",
        samples,
        started.elapsed(),
    );
    stack.shutdown().await;
    Ok(())
}
