//! After checkout, through the real router: fulfilment, shipping and
//! tracking, confirmation and automatic completion, cancellations with
//! refunds and restocking, concurrent refunds, returns, and reorder.

use std::time::{Duration, Instant};

use crate::support::{Stack, error_code, spawn_stack};
use serde_json::{Value, json};

const ORDER: &str = "query($id: ID!) { order(id: $id) { id status total { amount } timeline { status actorKind note } shipment { carrier trackingNumber status events { status description } } refunds { amount { amount } status reason } returns { id status lines { quantity } } } }";

async fn fetch_order(stack: &Stack, token: &str, id: &str) -> Value {
    let response = stack.graphql(Some(token), ORDER, json!({ "id": id })).await;
    assert!(response.get("errors").is_none(), "{response}");
    response["data"]["order"].clone()
}

async fn on_hand(stack: &Stack, product: &str) -> i64 {
    stack
        .scalar(&format!(
            "SELECT (on_hand - reserved)::bigint FROM products.products WHERE id = '{product}'"
        ))
        .await
}

/// Runs an order mutation taking `orderId`; returns the response.
async fn act(stack: &Stack, token: &str, field: &str, order_id: &str) -> Value {
    stack
        .graphql(
            Some(token),
            &format!("mutation($o: ID!) {{ {field}(orderId: $o) {{ id status }} }}"),
            json!({ "o": order_id }),
        )
        .await
}

async fn paid_order(stack: &Stack, token: &str, product: &str, quantity: i64) -> (String, String) {
    let paid = stack.buy(token, product, quantity).await;
    let checkout = &paid["data"]["checkout"];
    assert_eq!(checkout["status"], "PAID", "{paid}");
    (
        checkout["id"].as_str().unwrap().to_string(),
        checkout["total"]["amount"].as_str().unwrap().to_string(),
    )
}

async fn deliver(stack: &Stack, staff: &str, order_id: &str) {
    let fulfilling = act(stack, staff, "markOrderFulfilling", order_id).await;
    assert_eq!(
        fulfilling["data"]["markOrderFulfilling"]["status"], "FULFILLING",
        "{fulfilling}"
    );
    let shipped = stack
        .graphql(Some(staff), "mutation($o: ID!) { shipOrder(orderId: $o, carrier: \"UPS\", trackingNumber: \"1Z999\") { status } }", json!({ "o": order_id }))
        .await;
    assert_eq!(
        shipped["data"]["shipOrder"]["status"], "SHIPPED",
        "{shipped}"
    );
    let delivered = act(stack, staff, "markOrderDelivered", order_id).await;
    assert_eq!(
        delivered["data"]["markOrderDelivered"]["status"], "DELIVERED",
        "{delivered}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_order_is_fulfilled_shipped_delivered_and_confirmed_with_its_timeline() {
    let stack = spawn_stack().await;
    let staff = stack.staff_token().await;
    let product = stack
        .create_product(&staff, "Lamp", "45.00", 10, 2000)
        .await;
    let (token, _, _) = stack.customer().await;
    let (order_id, _) = paid_order(&stack, &token, &product, 1).await;

    // Customers do not fulfil; an illegal move names the current status.
    let forbidden = act(&stack, &token, "markOrderFulfilling", &order_id).await;
    assert_eq!(error_code(&forbidden), Some("FORBIDDEN"), "{forbidden}");
    let early = act(&stack, &token, "confirmReceipt", &order_id).await;
    assert_eq!(error_code(&early), Some("CONFLICT"), "{early}");
    assert_eq!(early["errors"][0]["extensions"]["currentStatus"], "PAID");
    let skip = act(&stack, &staff, "markOrderDelivered", &order_id).await;
    assert_eq!(error_code(&skip), Some("CONFLICT"), "{skip}");

    deliver(&stack, &staff, &order_id).await;
    let late_cancel = act(&stack, &token, "cancelOrder", &order_id).await;
    assert_eq!(error_code(&late_cancel), Some("CONFLICT"), "{late_cancel}");
    let confirmed = act(&stack, &token, "confirmReceipt", &order_id).await;
    assert_eq!(
        confirmed["data"]["confirmReceipt"]["status"], "COMPLETED",
        "{confirmed}"
    );

    let order = fetch_order(&stack, &token, &order_id).await;
    assert_eq!(order["shipment"]["carrier"], "UPS");
    assert_eq!(order["shipment"]["trackingNumber"], "1Z999");
    assert_eq!(order["shipment"]["status"], "DELIVERED");
    let events: Vec<&str> = order["shipment"]["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["status"].as_str().unwrap())
        .collect();
    assert_eq!(events, ["IN_TRANSIT", "DELIVERED"]);
    let timeline: Vec<(String, String)> = order["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["status"].as_str().unwrap().into(),
                e["actorKind"].as_str().unwrap().into(),
            )
        })
        .collect();
    let expected = [
        ("PENDING_PAYMENT", "SYSTEM"),
        ("PAID", "SYSTEM"),
        ("FULFILLING", "STAFF"),
        ("SHIPPED", "STAFF"),
        ("DELIVERED", "STAFF"),
        ("COMPLETED", "CUSTOMER"),
    ];
    assert_eq!(
        timeline,
        expected.map(|(s, a)| (s.to_string(), a.to_string()))
    );

    // An order nobody confirms is completed 14 days after delivery.
    let (second, _) = paid_order(&stack, &token, &product, 1).await;
    deliver(&stack, &staff, &second).await;
    stack
        .sql(&format!("UPDATE orders.orders SET delivered_at = now() - interval '15 days' WHERE id = '{second}'"))
        .await;
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let order = fetch_order(&stack, &token, &second).await;
        if order["status"] == "COMPLETED" {
            assert_eq!(
                order["timeline"].as_array().unwrap().last().unwrap()["actorKind"],
                "SYSTEM"
            );
            break;
        }
        assert!(
            Instant::now() < deadline,
            "not completed automatically: {order}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    stack.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn cancelling_a_paid_order_refunds_it_in_full_and_restocks_it_once() {
    let stack = spawn_stack().await;
    let staff = stack.staff_token().await;
    let product = stack.create_product(&staff, "Vase", "20.00", 5, 500).await;
    let gone = stack.create_product(&staff, "Candle", "5.00", 5, 100).await;
    let (token, _, address) = stack.customer().await;
    stack.add_to_cart(&token, &product, 2).await;
    stack.add_to_cart(&token, &gone, 1).await;
    let paid = stack
        .checkout(&token, "to-cancel", &address, "tok_visa")
        .await;
    let order_id = paid["data"]["checkout"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{paid}"))
        .to_string();
    let total = paid["data"]["checkout"]["total"]["amount"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(on_hand(&stack, &product).await, 3);

    for _ in 0..2 {
        let cancelled = stack
            .graphql(Some(&token), "mutation($o: ID!) { cancelOrder(orderId: $o, reason: \"changed my mind\") { status } }", json!({ "o": order_id }))
            .await;
        assert_eq!(
            cancelled["data"]["cancelOrder"]["status"], "CANCELLED",
            "{cancelled}"
        );
    }
    let order = fetch_order(&stack, &token, &order_id).await;
    assert_eq!(
        order["refunds"].as_array().unwrap().len(),
        1,
        "cancelling twice refunds once: {order}"
    );
    assert_eq!(order["refunds"][0]["amount"]["amount"], total.as_str());
    assert_eq!(order["refunds"][0]["status"], "SUCCEEDED");
    assert_eq!(on_hand(&stack, &product).await, 5, "restocked once");
    assert_eq!(on_hand(&stack, &gone).await, 5);
    let verified = stack
        .graphql(
            Some(&token),
            "mutation($o: ID!) { verifyPayment(orderId: $o) { state refunded { amount } } }",
            json!({ "o": order_id }),
        )
        .await;
    assert_eq!(
        verified["data"]["verifyPayment"]["state"], "REFUNDED",
        "{verified}"
    );
    assert_eq!(
        stack
            .scalar(
                "SELECT count(*) FROM orders.simulated_gateway_operations WHERE kind = 'REFUND'"
            )
            .await,
        1
    );

    // Reorder puts the lines back in the cart, skipping what is off sale.
    stack
        .graphql(
            Some(&staff),
            "mutation($p: ID!) { updateProduct(id: $p, input: { status: ARCHIVED }) { id } }",
            json!({ "p": gone }),
        )
        .await;
    let reordered = stack
        .graphql(Some(&token), "mutation($o: ID!) { reorder(orderId: $o) { cart { itemCount lines { quantity product { id } } } skipped { productName reason } } }", json!({ "o": order_id }))
        .await;
    let result = &reordered["data"]["reorder"];
    assert_eq!(result["cart"]["itemCount"], 2, "{reordered}");
    assert_eq!(result["skipped"][0]["productName"], "Candle");

    // Staff may cancel a shipped order; the customer may not.
    stack
        .graphql(
            Some(&token),
            "mutation { clearCart { itemCount } }",
            json!({}),
        )
        .await;
    let (shipped, _) = paid_order(&stack, &token, &product, 1).await;
    act(&stack, &staff, "markOrderFulfilling", &shipped).await;
    stack
        .graphql(Some(&staff), "mutation($o: ID!) { shipOrder(orderId: $o, carrier: \"DHL\", trackingNumber: \"JD01\") { status } }", json!({ "o": shipped }))
        .await;
    let refused = act(&stack, &token, "cancelOrder", &shipped).await;
    assert_eq!(error_code(&refused), Some("CONFLICT"), "{refused}");
    assert_eq!(
        refused["errors"][0]["extensions"]["currentStatus"],
        "SHIPPED"
    );
    let by_staff = act(&stack, &staff, "cancelOrder", &shipped).await;
    assert_eq!(
        by_staff["data"]["cancelOrder"]["status"], "CANCELLED",
        "{by_staff}"
    );
    assert_eq!(on_hand(&stack, &product).await, 5);

    // A stranger cannot cancel, and learns nothing.
    let (stranger, _, _) = stack.customer().await;
    let theirs = act(&stack, &stranger, "cancelOrder", &order_id).await;
    assert_eq!(error_code(&theirs), Some("NOT_FOUND"));
    stack.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_refunds_never_exceed_what_was_captured() {
    let stack = spawn_stack().await;
    let staff = stack.staff_token().await;
    let product = stack.create_product(&staff, "Pan", "10.00", 5, 500).await;
    let (token, _, _) = stack.customer().await;
    // 10.00 + 4.99 shipping + 7.25 % tax (1.09) = 16.08
    let (order_id, total) = paid_order(&stack, &token, &product, 1).await;
    assert_eq!(total, "16.08");

    let refund = "mutation($o: ID!, $a: String!) { refundOrder(orderId: $o, amount: $a, reason: \"goodwill\") { amount { amount } status } }";
    let attempts =
        (0..10).map(|_| stack.graphql(Some(&staff), refund, json!({ "o": order_id, "a": "5.00" })));
    let results = futures::future::join_all(attempts).await;
    let granted = results
        .iter()
        .filter(|r| r["data"]["refundOrder"]["status"] == "SUCCEEDED")
        .count();
    assert_eq!(granted, 3, "{results:?}");
    for refused in results.iter().filter(|r| r.get("errors").is_some()) {
        assert_eq!(error_code(refused), Some("CONFLICT"), "{refused}");
        assert_eq!(refused["errors"][0]["extensions"]["refundable"], "1.08");
    }
    let rest = stack
        .graphql(Some(&staff), refund, json!({ "o": order_id, "a": "1.08" }))
        .await;
    assert_eq!(rest["data"]["refundOrder"]["status"], "SUCCEEDED", "{rest}");
    let more = stack
        .graphql(Some(&staff), refund, json!({ "o": order_id, "a": "0.01" }))
        .await;
    assert_eq!(error_code(&more), Some("CONFLICT"));
    assert_eq!(
        stack
            .scalar(&format!(
                "SELECT SUM(amount_minor)::bigint FROM orders.refunds WHERE order_id = '{order_id}'"
            ))
            .await,
        1608
    );
    for bad in ["-1", "0", "abc", "1.001"] {
        let refused = stack
            .graphql(Some(&staff), refund, json!({ "o": order_id, "a": bad }))
            .await;
        assert_eq!(
            error_code(&refused),
            Some("BAD_USER_INPUT"),
            "{bad}: {refused}"
        );
    }
    let by_customer = stack
        .graphql(Some(&token), refund, json!({ "o": order_id, "a": "1.00" }))
        .await;
    assert_eq!(error_code(&by_customer), Some("FORBIDDEN"));
    stack.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_return_is_requested_approved_received_restocked_and_refunded() {
    let stack = spawn_stack().await;
    let staff = stack.staff_token().await;
    let product = stack
        .create_product(&staff, "Chair", "30.00", 10, 4000)
        .await;
    let (token, _, _) = stack.customer().await;
    let (order_id, _) = paid_order(&stack, &token, &product, 3).await;
    assert_eq!(on_hand(&stack, &product).await, 7);

    let request = "mutation($i: RequestReturnInput!) { requestReturn(input: $i) { id status } }";
    let input = |quantity: i64| json!({ "i": { "orderId": order_id, "lines": [{ "productId": product, "quantity": quantity }], "reason": "too big" } });
    let early = stack.graphql(Some(&token), request, input(1)).await;
    assert_eq!(
        error_code(&early),
        Some("CONFLICT"),
        "not delivered yet: {early}"
    );
    deliver(&stack, &staff, &order_id).await;
    let too_many = stack.graphql(Some(&token), request, input(4)).await;
    assert_eq!(error_code(&too_many), Some("BAD_USER_INPUT"), "{too_many}");
    let (stranger, _, _) = stack.customer().await;
    let theirs = stack.graphql(Some(&stranger), request, input(1)).await;
    assert_eq!(error_code(&theirs), Some("NOT_FOUND"));

    let requested = stack.graphql(Some(&token), request, input(2)).await;
    assert_eq!(
        requested["data"]["requestReturn"]["status"], "REQUESTED",
        "{requested}"
    );
    let return_id = requested["data"]["requestReturn"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        fetch_order(&stack, &token, &order_id).await["status"],
        "RETURN_REQUESTED"
    );

    let receive = "mutation($r: ID!) { receiveReturn(returnId: $r) { status refunds { amount { amount } status } } }";
    let unapproved = stack
        .graphql(Some(&staff), receive, json!({ "r": return_id }))
        .await;
    assert_eq!(error_code(&unapproved), Some("CONFLICT"), "{unapproved}");
    let by_customer = stack
        .graphql(
            Some(&token),
            "mutation($r: ID!) { approveReturn(returnId: $r) { status } }",
            json!({ "r": return_id }),
        )
        .await;
    assert_eq!(error_code(&by_customer), Some("FORBIDDEN"));
    let approved = stack
        .graphql(
            Some(&staff),
            "mutation($r: ID!) { approveReturn(returnId: $r) { status } }",
            json!({ "r": return_id }),
        )
        .await;
    assert_eq!(
        approved["data"]["approveReturn"]["status"], "APPROVED",
        "{approved}"
    );

    let received = stack
        .graphql(Some(&staff), receive, json!({ "r": return_id }))
        .await;
    let order_after = &received["data"]["receiveReturn"];
    assert_eq!(order_after["status"], "REFUNDED", "{received}");
    // 2 × 30.00 with 7.25 % tax = 64.35
    assert_eq!(
        order_after["refunds"],
        json!([{ "amount": { "amount": "64.35" }, "status": "SUCCEEDED" }])
    );
    assert_eq!(
        on_hand(&stack, &product).await,
        9,
        "two chairs back on hand"
    );
    let ledger = stack
        .graphql(
            Some(&staff),
            "query($p: ID!) { product(id: $p) { stockMovements { delta reason } } }",
            json!({ "p": product }),
        )
        .await;
    let movements = ledger["data"]["product"]["stockMovements"]
        .as_array()
        .unwrap()
        .clone();
    assert!(
        movements.contains(&json!({ "delta": 2, "reason": "RETURN" })),
        "{ledger}"
    );
    let again = stack
        .graphql(Some(&staff), receive, json!({ "r": return_id }))
        .await;
    assert_eq!(
        error_code(&again),
        Some("CONFLICT"),
        "received twice: {again}"
    );
    assert_eq!(on_hand(&stack, &product).await, 9);
    let full = fetch_order(&stack, &token, &order_id).await;
    assert_eq!(full["returns"][0]["status"], "RECEIVED");

    // The window closes 30 days after delivery.
    let (late, _) = paid_order(&stack, &token, &product, 1).await;
    deliver(&stack, &staff, &late).await;
    stack
        .sql(&format!(
            "UPDATE orders.orders SET delivered_at = now() - interval '31 days' WHERE id = '{late}'"
        ))
        .await;
    let closed = stack
        .graphql(Some(&token), request, json!({ "i": { "orderId": late, "lines": [{ "productId": product, "quantity": 1 }], "reason": "late" } }))
        .await;
    assert_eq!(error_code(&closed), Some("CONFLICT"), "{closed}");
    stack.shutdown().await;
}

fn authorized<T>(message: T, token: &str) -> tonic::Request<T> {
    let mut request = tonic::Request::new(message);
    request
        .metadata_mut()
        .insert("authorization", format!("Bearer {token}").parse().unwrap());
    request
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn order_service_over_grpc_creates_moves_cancels_reads_and_lists_orders() {
    use proto::order::order_service_client::OrderServiceClient;
    use proto::order::{
        CancelOrderRequest, CreateOrderRequest, GetOrderRequest, ListOrdersRequest,
        UpdateOrderRequest, create_order_request::Payment,
    };
    let stack = spawn_stack().await;
    let staff = stack.staff_token().await;
    let product = stack
        .create_product(&staff, "Clock", "15.00", 10, 300)
        .await;
    let (token, user_id, address) = stack.customer().await;
    let mut client = OrderServiceClient::new(platform::testing::grpc_channel(
        &stack.order_grpc.clone(),
        "order",
        None,
    ));

    stack.add_to_cart(&token, &product, 2).await;
    let create = |key: &str, address: &str| CreateOrderRequest {
        idempotency_key: key.into(),
        shipping_address_id: address.into(),
        payment: Some(Payment::PaymentToken("tok_visa".into())),
    };
    let anonymous = client
        .create_order(create("g1", &address))
        .await
        .unwrap_err();
    assert_eq!(anonymous.code(), tonic::Code::Unauthenticated);
    let created = client
        .create_order(authorized(create("g1", &address), &token))
        .await
        .unwrap()
        .into_inner();
    assert_eq!(created.status, "PAID");
    assert_eq!(created.user_id, user_id);
    assert_eq!(created.lines[0].quantity, 2);
    assert_eq!(created.subtotal.as_ref().unwrap().amount_minor, 3000);
    let replay = client
        .create_order(authorized(create("g1", &address), &token))
        .await
        .unwrap()
        .into_inner();
    assert_eq!(replay.id, created.id, "the same key replays the order");
    let bad = client
        .create_order(authorized(create("g2", "nope"), &token))
        .await
        .unwrap_err();
    assert_eq!(bad.code(), tonic::Code::InvalidArgument);
    assert_eq!(bad.metadata().get("field").unwrap(), "shipping_address_id");

    let update = |status: &str| UpdateOrderRequest {
        order_id: created.id.clone(),
        status: status.into(),
        carrier: "UPS".into(),
        tracking_number: "1Z1".into(),
    };
    let denied = client
        .update_order(authorized(update("FULFILLING"), &token))
        .await
        .unwrap_err();
    assert_eq!(denied.code(), tonic::Code::PermissionDenied);
    let skipped = client
        .update_order(authorized(update("DELIVERED"), &staff))
        .await
        .unwrap_err();
    assert_eq!(skipped.code(), tonic::Code::Aborted, "{skipped:?}");
    for status in ["FULFILLING", "SHIPPED"] {
        let moved = client
            .update_order(authorized(update(status), &staff))
            .await
            .unwrap()
            .into_inner();
        assert_eq!(moved.status, status);
    }
    let cancelled = client
        .cancel_order(authorized(
            CancelOrderRequest {
                order_id: created.id.clone(),
                reason: "lost in transit".into(),
            },
            &staff,
        ))
        .await
        .unwrap()
        .into_inner();
    assert_eq!(cancelled.status, "CANCELLED");
    assert_eq!(on_hand(&stack, &product).await, 10, "restocked");

    let read = client
        .get_order(authorized(
            GetOrderRequest {
                order_id: created.id.clone(),
            },
            &token,
        ))
        .await
        .unwrap()
        .into_inner();
    assert_eq!(read.status, "CANCELLED");
    let (stranger, _, _) = stack.customer().await;
    let hidden = client
        .get_order(authorized(
            GetOrderRequest {
                order_id: created.id.clone(),
            },
            &stranger,
        ))
        .await
        .unwrap_err();
    assert_eq!(hidden.code(), tonic::Code::NotFound);

    let (second, _) = paid_order(&stack, &token, &product, 1).await;
    let page = |token_: &str, page_token: String| {
        authorized(
            ListOrdersRequest {
                user_id: String::new(),
                statuses: vec![],
                page_size: 1,
                page_token,
            },
            token_,
        )
    };
    let first_page = client
        .list_orders(page(&token, String::new()))
        .await
        .unwrap()
        .into_inner();
    assert_eq!(first_page.orders[0].id, second, "newest first");
    let second_page = client
        .list_orders(page(&token, first_page.next_page_token))
        .await
        .unwrap()
        .into_inner();
    assert_eq!(second_page.orders[0].id, created.id);
    assert!(second_page.next_page_token.is_empty());
    let foreign = client
        .list_orders(authorized(
            ListOrdersRequest {
                user_id: user_id.clone(),
                statuses: vec![],
                page_size: 10,
                page_token: String::new(),
            },
            &stranger,
        ))
        .await
        .unwrap_err();
    assert_eq!(foreign.code(), tonic::Code::PermissionDenied);
    let paid_only = client
        .list_orders(authorized(
            ListOrdersRequest {
                user_id: user_id.clone(),
                statuses: vec!["PAID".into()],
                page_size: 10,
                page_token: String::new(),
            },
            &staff,
        ))
        .await
        .unwrap()
        .into_inner();
    assert_eq!(paid_only.orders.len(), 1);
    assert_eq!(paid_only.orders[0].id, second);
    stack.shutdown().await;
}
