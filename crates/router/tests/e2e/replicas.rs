//! Background workers are safe with several replicas: two processes each of
//! product and order (the stack's, in this test process, and the service
//! binary started as a process of its own), on one database and one broker
//! namespace, with their workers, relays and consumers on, and no effect
//! happens twice. The product test adds a third, in-process sweeper. What
//! keeps them apart is in PostgreSQL (row locks, re-checked state, the
//! relay's advisory lock, the consumers' inbox), never in memory.

use std::time::Duration;

use order::store::checkout::CheckoutStep;
use proto::product::product_service_client::ProductServiceClient;
use proto::product::{ReserveStockRequest, StockRequest};

use crate::support::{Stack, error_code, order_test_settings, spawn_stack};

/// The value of a counter on one service's `/metrics` (0 when absent).
async fn counter(stack: &Stack, addr: std::net::SocketAddr, series: &str) -> i64 {
    let text = stack
        .client
        .get(format!("http://{addr}/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    text.lines()
        .find(|l| l.starts_with(series))
        .and_then(|l| l.rsplit(' ').next()?.parse::<f64>().ok())
        .map_or(0, |v| v as i64)
}

async fn wait_until(stack: &Stack, what: &str, from_where: &str, want: i64) {
    for _ in 0..150 {
        if stack.count(from_where).await == want {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!(
        "{what}: {} rows, wanted {want}",
        stack.count(from_where).await
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_sweepers_release_each_expired_hold_once() {
    let stack = spawn_stack().await;
    let staff = stack.staff_token().await;
    let product = stack
        .create_product(&staff, "Contended Mug", "9.00", 100, 300)
        .await;
    // Three sweepers race for every hold: the stack's (every 1 s), a
    // separate product process (every 1 s) and an in-process replica
    // (every 100 ms).
    let fast = stack.product_replica(Duration::from_millis(100)).await;
    let other = stack.product_process().await;
    let mut client = ProductServiceClient::new(platform::testing::grpc_channel(
        &stack.product_grpc,
        "product",
        Some("order"),
    ));
    const HOLDS: i64 = 30;
    for _ in 0..HOLDS {
        client
            .reserve_stock(ReserveStockRequest {
                reservation_id: uuid::Uuid::now_v7().to_string(),
                lines: vec![StockRequest {
                    product_id: product.clone(),
                    quantity: 2,
                }],
                ttl_seconds: 1,
            })
            .await
            .expect("reserved");
    }
    let reserved = format!("products.products WHERE id = '{product}' AND reserved = 0");
    assert_eq!(stack.count(&reserved).await, 0, "held for now");

    wait_until(
        &stack,
        "every hold released",
        "products.reservations WHERE status = 'RELEASED'",
        HOLDS,
    )
    .await;
    // Each hold gave its two units back exactly once.
    assert_eq!(stack.count(&reserved).await, 1, "nothing still reserved");
    assert_eq!(
        stack
            .scalar(&format!(
                "SELECT reserved::bigint FROM products.products WHERE id = '{product}'"
            ))
            .await,
        0,
        "not released twice (reserved would be below zero)"
    );
    // And the sweepers together report exactly one release per hold.
    let series = "shop_reservations_released_total{service=\"product\"}";
    let released = counter(&stack, stack.product_http, series).await
        + counter(&stack, fast.http_addr, series).await
        + counter(&stack, other.http_addr, series).await;
    assert_eq!(released, HOLDS, "releases counted by the three sweepers");
    drop((fast, other));
    stack.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_order_replicas_recover_each_abandoned_checkout_and_complete_each_order_once() {
    let mut stack = spawn_stack().await;
    let staff = stack.staff_token().await;
    let product = stack
        .create_product(&staff, "Recovered Teapot", "20.00", 20, 900)
        .await;

    // Four checkouts abandoned after different steps by an order service
    // that "crashes" there, with no recovery running.
    let mut customers = Vec::new();
    for (i, step) in [
        CheckoutStep::Reserved,
        CheckoutStep::OrderCreated,
        CheckoutStep::Authorized,
        CheckoutStep::Captured,
    ]
    .into_iter()
    .enumerate()
    {
        stack
            .restart_order(
                order::app::checkout::CheckoutSettings {
                    fail_after_step: Some(step),
                    ..order_test_settings()
                },
                Duration::from_secs(3600),
            )
            .await;
        let (token, user_id, address) = stack.customer().await;
        stack.add_to_cart(&token, &product, 1).await;
        let crashed = stack
            .checkout(&token, &format!("abandoned-{i}"), &address, "tok_visa")
            .await;
        assert_eq!(error_code(&crashed), Some("INTERNAL"), "{crashed}");
        customers.push(user_id);
    }

    // Now two healthy replicas, both recovering every 50 ms, race for them:
    // the stack's, restarted, and a separate order process. Their relays
    // race to publish the events, and two product replicas (the stack's and
    // a process) compete for the `order.paid` deliveries.
    let replica = stack.order_process().await;
    let product_replica = stack.product_process().await;
    stack
        .restart_order(order_test_settings(), Duration::from_millis(50))
        .await;
    wait_until(
        &stack,
        "every abandoned checkout finished",
        "orders.orders WHERE status = 'PAID'",
        4,
    )
    .await;
    for user_id in &customers {
        assert_eq!(
            stack
                .count(&format!("orders.orders WHERE user_id = '{user_id}'"))
                .await,
            1,
            "one order per checkout"
        );
        assert_eq!(
            stack.count(&format!(
                    "orders.simulated_gateway_operations o JOIN orders.orders r \
                     ON o.idempotency_key = 'capture:' || r.id WHERE o.kind = 'CAPTURE' AND r.user_id = '{user_id}'"
                )
            )
            .await,
            1,
            "charged once"
        );
    }
    assert_eq!(
        stack
            .count("orders.order_events WHERE status = 'PAID'")
            .await,
        4,
        "each order became PAID once"
    );
    assert_eq!(
        stack
            .count("orders.outbox WHERE event_type = 'order.paid'")
            .await,
        4,
        "one order.paid per order"
    );
    // Through the broker: each published once, by one of the two relays,
    // and applied once, by one of the two product consumers and by the
    // notification service.
    wait_until(
        &stack,
        "every order.paid published",
        "orders.outbox WHERE event_type = 'order.paid' AND published_at IS NOT NULL",
        4,
    )
    .await;
    wait_until(
        &stack,
        "every order.paid applied by product",
        "products.inbox WHERE event_type = 'order.paid'",
        4,
    )
    .await;
    wait_until(
        &stack,
        "every receipt made",
        "notifications.notifications WHERE kind = 'order_paid'",
        4,
    )
    .await;
    for user_id in &customers {
        assert_eq!(
            stack
                .scalar(&format!(
                    "SELECT COALESCE(sum(quantity), 0)::bigint FROM products.purchases WHERE user_id = '{user_id}'"
                ))
                .await,
            1,
            "one purchase recorded per order"
        );
    }
    assert_eq!(
        stack
            .scalar(&format!(
                "SELECT reserved::bigint FROM products.products WHERE id = '{product}'"
            ))
            .await,
        0
    );
    assert_eq!(
        stack
            .scalar(&format!(
                "SELECT on_hand::bigint FROM products.products WHERE id = '{product}'"
            ))
            .await,
        16,
        "four units sold, each once"
    );

    // Delivered long ago (past the confirmation window): both replicas'
    // workers complete them, and each order is completed once.
    stack
        .sql(
            "UPDATE orders.orders SET status = 'DELIVERED', delivered_at = now() - interval '30 days' WHERE status = 'PAID'",
        )
        .await;
    wait_until(
        &stack,
        "every delivered order completed",
        "orders.orders WHERE status = 'COMPLETED'",
        4,
    )
    .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        stack
            .count("orders.order_events WHERE status = 'COMPLETED'")
            .await,
        4,
        "each order completed once"
    );
    // Nothing applied twice after the dust settles.
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(
        stack
            .count("notifications.notifications WHERE kind = 'order_paid'")
            .await,
        4,
        "one receipt per order"
    );
    drop((replica, product_replica));
    stack.shutdown().await;
}
