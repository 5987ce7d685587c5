//! Cart, checkout and payments through the real router: the happy path, a
//! decline, a provider timeout, idempotency keys, an oversell race, a crash
//! mid-saga, and bad input.

use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use crate::support::{Stack, error_code, order_test_settings, spawn_stack};
use order::store::checkout::CheckoutStep;
use serde_json::{Value, json};

const CART: &str = "{ me { cart { itemCount lines { id quantity unitPrice { amount } lineTotal { amount } product { id name } } subtotal { amount } estimatedShipping { amount } estimatedTax { amount } total { amount } problems { kind lineId available previousPrice { amount } currentPrice { amount } } } } }";

const ORDER: &str = "query($id: ID!) { order(id: $id) { id status subtotal { amount } shippingCost { amount } tax { amount } taxRatePercent total { amount } shippingAddress { city country } lines { productName sku quantity unitPrice { amount } product { id name } } payments { status amount { amount } cardBrand cardLast4 providerReference failureReason } invoice { id number seller { name } buyer { name address } total { amount } lines { quantity } } timeline { status actorKind note } } }";

async fn reserved(stack: &Stack, product: &str) -> (i64, i64) {
    let on_hand = stack
        .scalar(&format!(
            "SELECT on_hand::bigint FROM products.products WHERE id = '{product}'"
        ))
        .await;
    let reserved = stack
        .scalar(&format!(
            "SELECT reserved::bigint FROM products.products WHERE id = '{product}'"
        ))
        .await;
    (on_hand, reserved)
}

fn extension<'a>(response: &'a Value, key: &str) -> &'a Value {
    &response["errors"][0]["extensions"][key]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_cart_checked_out_with_tok_visa_becomes_a_paid_invoiced_order_and_the_cart_empties() {
    let stack = spawn_stack().await;
    let staff = stack.staff_token().await;
    let product = stack
        .create_product(&staff, "Kettle", "25.00", 10, 1500)
        .await;
    let (token, _, address) = stack.customer().await;

    stack.add_to_cart(&token, &product, 1).await;
    stack.add_to_cart(&token, &product, 1).await;
    let cart = stack.graphql(Some(&token), CART, json!({})).await;
    let cart = &cart["data"]["me"]["cart"];
    assert_eq!(cart["itemCount"], 2, "{cart}");
    assert_eq!(
        cart["lines"].as_array().unwrap().len(),
        1,
        "adds merge into one line"
    );
    assert_eq!(cart["lines"][0]["product"]["name"], "Kettle");
    assert_eq!(cart["subtotal"]["amount"], "50.00");
    // 3 kg to the US: 4.99 for the first kg + 2 × 0.99; tax 7.25 % of 56.97.
    assert_eq!(cart["estimatedShipping"]["amount"], "6.97");
    assert_eq!(cart["estimatedTax"]["amount"], "4.13");
    assert_eq!(cart["total"]["amount"], "61.10");
    assert_eq!(cart["problems"], json!([]));

    // The same rate table, per product, with the weight from the product subgraph.
    let estimate = stack
        .graphql(Some(&token), "query($p: ID!) { product(id: $p) { name shippingEstimate(postalCode: \"10115\", country: \"DE\") { amount currency } } }", json!({ "p": product }))
        .await;
    assert_eq!(
        estimate["data"]["product"]["shippingEstimate"],
        json!({ "amount": "17.98", "currency": "USD" }),
        "{estimate}"
    );

    let paid = stack
        .checkout(&token, "first-checkout", &address, "tok_visa")
        .await;
    let order_id = paid["data"]["checkout"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{paid}"))
        .to_string();
    assert_eq!(paid["data"]["checkout"]["status"], "PAID");
    assert_eq!(
        paid["data"]["checkout"]["total"]["amount"], "61.10",
        "checkout charges what the cart showed"
    );

    let order = stack
        .graphql(Some(&token), ORDER, json!({ "id": order_id }))
        .await;
    let order = &order["data"]["order"];
    assert_eq!(
        order["shippingAddress"],
        json!({ "city": "New York", "country": "US" })
    );
    assert_eq!(order["lines"][0]["productName"], "Kettle");
    assert_eq!(order["lines"][0]["product"]["name"], "Kettle");
    assert_eq!(order["payments"].as_array().unwrap().len(), 1, "{order}");
    assert_eq!(order["payments"][0]["status"], "CAPTURED");
    assert_eq!(order["payments"][0]["amount"]["amount"], "61.10");
    assert_eq!(order["payments"][0]["cardLast4"], "4242");
    assert!(
        order["payments"][0]["providerReference"]
            .as_str()
            .unwrap()
            .starts_with("sim_cap_")
    );
    let invoice = &order["invoice"];
    assert!(
        invoice["number"].as_str().unwrap().starts_with("INV-"),
        "{order}"
    );
    assert_eq!(invoice["buyer"]["name"], "Test User");
    assert_eq!(invoice["seller"]["name"], "Shop Demo Ltd.");
    assert_eq!(invoice["total"]["amount"], "61.10");
    let timeline: Vec<&str> = order["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["status"].as_str().unwrap())
        .collect();
    assert_eq!(timeline, ["PENDING_PAYMENT", "PAID"]);

    // Stock sold, nothing left held, the cart empty.
    assert_eq!(reserved(&stack, &product).await, (8, 0));
    let cart = stack.graphql(Some(&token), CART, json!({})).await;
    assert_eq!(cart["data"]["me"]["cart"]["itemCount"], 0, "{cart}");
    assert_eq!(cart["data"]["me"]["cart"]["subtotal"], Value::Null);

    // The invoice and the order are the owner's and staff's only: a stranger
    // gets exactly what a missing id gets.
    let (stranger, _, _) = stack.customer().await;
    let invoice_id = invoice["id"].as_str().unwrap();
    let theirs = stack
        .graphql(
            Some(&stranger),
            "query($id: ID!) { invoice(id: $id) { number } }",
            json!({ "id": invoice_id }),
        )
        .await;
    let missing = stack
        .graphql(
            Some(&stranger),
            "query($id: ID!) { invoice(id: $id) { number } }",
            json!({ "id": uuid::Uuid::now_v7() }),
        )
        .await;
    assert_eq!(
        theirs["errors"][0]["message"],
        missing["errors"][0]["message"]
    );
    assert_eq!(error_code(&theirs), Some("NOT_FOUND"));
    let theirs = stack
        .graphql(
            Some(&stranger),
            "query($id: ID!) { order(id: $id) { id } }",
            json!({ "id": order_id }),
        )
        .await;
    let missing = stack
        .graphql(
            Some(&stranger),
            "query($id: ID!) { order(id: $id) { id } }",
            json!({ "id": uuid::Uuid::now_v7() }),
        )
        .await;
    assert_eq!(error_code(&theirs), Some("NOT_FOUND"), "{theirs}");
    assert_eq!(
        theirs["errors"][0]["message"],
        missing["errors"][0]["message"]
    );
    // The PDF, from the order service, for the owner and staff only.
    let pdf_url = format!("http://{}/invoices/{invoice_id}.pdf", stack.order_http);
    let get = |token: Option<String>| {
        let mut request = stack.client.get(&pdf_url);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        request.send()
    };
    let pdf = get(Some(token.clone())).await.unwrap();
    assert_eq!(pdf.status(), 200);
    assert_eq!(pdf.headers()["content-type"], "application/pdf");
    let number = invoice["number"].as_str().unwrap();
    assert_eq!(
        pdf.headers()["content-disposition"],
        format!("attachment; filename=\"{number}.pdf\"").as_str()
    );
    let bytes = pdf.bytes().await.unwrap();
    assert!(bytes.starts_with(b"%PDF-1.4") && bytes.ends_with(b"%%EOF\n"));
    let needle = format!("(Invoice {number})");
    assert!(
        bytes.windows(needle.len()).any(|w| w == needle.as_bytes()),
        "the PDF names the invoice"
    );
    assert_eq!(get(Some(staff.clone())).await.unwrap().status(), 200);
    assert_eq!(get(Some(stranger.clone())).await.unwrap().status(), 404);
    assert_eq!(get(None).await.unwrap().status(), 401);
    let by_staff = stack
        .graphql(
            Some(&staff),
            "query($id: ID!) { invoice(id: $id) { number } }",
            json!({ "id": invoice_id }),
        )
        .await;
    assert_eq!(by_staff["data"]["invoice"]["number"], invoice["number"]);

    stack.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_declined_card_fails_the_order_releases_the_stock_and_keeps_the_cart() {
    let mut stack = spawn_stack().await;
    let staff = stack.staff_token().await;
    let product = stack
        .create_product(&staff, "Grinder", "40.00", 3, 800)
        .await;
    let (token, _, address) = stack.customer().await;
    stack.add_to_cart(&token, &product, 2).await;

    let declined = stack
        .checkout(&token, "declined-1", &address, "tok_declined")
        .await;
    assert_eq!(
        error_code(&declined),
        Some("PAYMENT_DECLINED"),
        "{declined}"
    );
    assert_eq!(extension(&declined, "reason"), "card_declined");
    let order_id = extension(&declined, "orderId")
        .as_str()
        .unwrap()
        .to_string();
    let order = stack
        .graphql(Some(&token), ORDER, json!({ "id": order_id }))
        .await;
    let order = &order["data"]["order"];
    assert_eq!(order["status"], "PAYMENT_FAILED", "{order}");
    assert_eq!(order["payments"][0]["status"], "FAILED");
    assert_eq!(order["payments"][0]["failureReason"], "card_declined");
    assert_eq!(order["invoice"], Value::Null, "no invoice without payment");
    assert_eq!(
        reserved(&stack, &product).await,
        (3, 0),
        "the stock went back"
    );
    let cart = stack.graphql(Some(&token), CART, json!({})).await;
    assert_eq!(cart["data"]["me"]["cart"]["itemCount"], 2, "the cart stays");

    // The same key replays the failure, without a second attempt.
    let again = stack
        .checkout(&token, "declined-1", &address, "tok_declined")
        .await;
    assert_eq!(error_code(&again), Some("PAYMENT_DECLINED"));
    assert_eq!(extension(&again, "orderId"), order_id.as_str());
    assert_eq!(stack.count("orders.simulated_gateway_operations").await, 1);

    let broke = stack
        .checkout(&token, "declined-2", &address, "tok_insufficient_funds")
        .await;
    assert_eq!(error_code(&broke), Some("PAYMENT_DECLINED"));
    assert_eq!(extension(&broke, "reason"), "insufficient_funds");

    // Then a good card buys it.
    let paid = stack
        .checkout(&token, "declined-3", &address, "tok_mastercard")
        .await;
    assert_eq!(paid["data"]["checkout"]["status"], "PAID", "{paid}");
    assert_eq!(reserved(&stack, &product).await, (1, 0));

    // Keys are kept at least 24 hours: the worker's purge (run at startup)
    // forgets a finished key of 25 hours ago and keeps one of 23 hours ago.
    stack
        .sql("UPDATE orders.checkouts SET created_at = now() - interval '25 hours' WHERE idempotency_key = 'declined-1'")
        .await;
    stack
        .sql("UPDATE orders.checkouts SET created_at = now() - interval '23 hours' WHERE idempotency_key = 'declined-2'")
        .await;
    stack
        .restart_order(order_test_settings(), Duration::from_millis(200))
        .await;
    let deadline = Instant::now() + Duration::from_secs(10);
    while stack
        .count("orders.checkouts WHERE idempotency_key = 'declined-1'")
        .await
        != 0
    {
        assert!(
            Instant::now() < deadline,
            "the 25-hour-old key was not purged"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(
        stack
            .count("orders.checkouts WHERE idempotency_key IN ('declined-2', 'declined-3')")
            .await,
        2,
        "younger keys stay"
    );
    stack.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_capture_that_times_out_is_finished_by_a_retry_with_the_same_key_and_charged_once() {
    let stack = spawn_stack().await;
    let staff = stack.staff_token().await;
    let product = stack.create_product(&staff, "Scale", "12.00", 5, 300).await;
    let (token, user_id, address) = stack.customer().await;
    stack.add_to_cart(&token, &product, 1).await;

    let first = stack
        .checkout(&token, "timeout-key", &address, "tok_timeout")
        .await;
    assert_eq!(error_code(&first), Some("UNAVAILABLE"), "{first}");
    assert_eq!(extension(&first, "retryable"), "true");
    let order_id = extension(&first, "orderId").as_str().unwrap().to_string();

    let retry = stack
        .checkout(&token, "timeout-key", &address, "tok_timeout")
        .await;
    assert_eq!(retry["data"]["checkout"]["status"], "PAID", "{retry}");
    assert_eq!(retry["data"]["checkout"]["id"], order_id.as_str());
    let again = stack
        .checkout(&token, "timeout-key", &address, "tok_timeout")
        .await;
    assert_eq!(again["data"]["checkout"]["id"], order_id.as_str());

    assert_eq!(
        stack
            .count("orders.simulated_gateway_operations WHERE kind = 'CAPTURE'")
            .await,
        1
    );
    assert_eq!(
        stack
            .count(&format!("orders.orders WHERE user_id = '{user_id}'"))
            .await,
        1
    );
    let verified = stack
        .graphql(Some(&token), "mutation($o: ID!) { verifyPayment(orderId: $o) { state captured { amount } refunded { amount } order { status } } }", json!({ "o": order_id }))
        .await;
    assert_eq!(
        verified["data"]["verifyPayment"]["state"], "PAID",
        "{verified}"
    );
    assert_eq!(verified["data"]["verifyPayment"]["order"]["status"], "PAID");
    assert_eq!(reserved(&stack, &product).await, (4, 0));
    stack.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn twenty_concurrent_checkouts_with_one_key_make_one_order_and_the_key_with_another_cart_conflicts()
 {
    let stack = spawn_stack().await;
    let staff = stack.staff_token().await;
    let product = stack.create_product(&staff, "Mug", "8.00", 50, 400).await;
    let other = stack.create_product(&staff, "Spoon", "2.00", 50, 50).await;
    let (token, user_id, address) = stack.customer().await;
    stack.add_to_cart(&token, &product, 2).await;

    let attempts = (0..20).map(|_| stack.checkout(&token, "one-key", &address, "tok_visa"));
    let results = futures::future::join_all(attempts).await;
    let mut ids = std::collections::HashSet::new();
    for result in &results {
        match result["data"]["checkout"]["id"].as_str() {
            Some(id) => {
                ids.insert(id.to_string());
            }
            None => {
                assert_eq!(error_code(result), Some("CONFLICT"), "{result}");
                assert_eq!(extension(result, "retryable"), "true");
            }
        }
    }
    assert_eq!(ids.len(), 1, "{results:?}");
    assert_eq!(
        stack
            .count(&format!("orders.orders WHERE user_id = '{user_id}'"))
            .await,
        1
    );
    assert_eq!(
        stack
            .count("orders.simulated_gateway_operations WHERE kind = 'CAPTURE'")
            .await,
        1
    );
    assert_eq!(reserved(&stack, &product).await, (48, 0));

    // The same key for a different cart is refused.
    stack.add_to_cart(&token, &other, 1).await;
    let conflict = stack
        .checkout(&token, "one-key", &address, "tok_visa")
        .await;
    assert_eq!(error_code(&conflict), Some("CONFLICT"), "{conflict}");
    assert_eq!(*extension(&conflict, "retryable"), Value::Null);
    stack.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn thirty_customers_racing_for_the_last_five_units_buy_exactly_five() {
    let stack = spawn_stack().await;
    let staff = stack.staff_token().await;
    let product = stack
        .create_product(&staff, "Limited Print", "30.00", 5, 200)
        .await;
    let mut customers = Vec::new();
    for _ in 0..30 {
        let (token, _, address) = stack.customer().await;
        stack.add_to_cart(&token, &product, 1).await;
        customers.push((token, address));
    }
    let attempts = customers
        .iter()
        .map(|(token, address)| stack.checkout(token, "race", address, "tok_visa"));
    let results = futures::future::join_all(attempts).await;
    let paid = results
        .iter()
        .filter(|r| r["data"]["checkout"]["status"] == "PAID")
        .count();
    let short: Vec<_> = results.iter().filter_map(error_code).collect();
    assert_eq!(paid, 5, "{results:?}");
    assert_eq!(short, vec!["INSUFFICIENT_STOCK"; 25]);
    assert_eq!(reserved(&stack, &product).await, (0, 0));
    assert_eq!(
        stack
            .count("orders.simulated_gateway_operations WHERE kind = 'CAPTURE'")
            .await,
        5,
        "nobody is charged without stock"
    );
    assert_eq!(stack.count("orders.orders WHERE status = 'PAID'").await, 5);
    stack.shutdown().await;
}

/// Waits until the customer has an order in `status`; returns its id.
async fn wait_for_order(stack: &Stack, token: &str, status: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let orders = stack
            .graphql(
                Some(token),
                "{ me { orders { nodes { id status } } } }",
                json!({}),
            )
            .await;
        if let Some(order) = orders["data"]["me"]["orders"]["nodes"]
            .as_array()
            .and_then(|nodes| nodes.iter().find(|o| o["status"] == status))
        {
            return order["id"].as_str().unwrap().to_string();
        }
        assert!(Instant::now() < deadline, "no {status} order: {orders}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_checkout_cut_off_after_any_step_before_payment_completes_is_finished_after_a_restart() {
    let mut stack = spawn_stack().await;
    let staff = stack.staff_token().await;
    let product = stack
        .create_product(&staff, "Teapot", "20.00", 10, 900)
        .await;

    for (step, key) in [
        (CheckoutStep::Reserved, "crash-1"),
        (CheckoutStep::OrderCreated, "crash-2"),
        (CheckoutStep::Authorized, "crash-3"),
        (CheckoutStep::Captured, "crash-4"),
    ] {
        let (token, user_id, address) = stack.customer().await;
        stack.add_to_cart(&token, &product, 1).await;
        // An order service that "crashes" right after recording `step`, and
        // whose recovery worker never gets to run.
        stack
            .restart_order(
                order::app::checkout::CheckoutSettings {
                    fail_after_step: Some(step),
                    ..order_test_settings()
                },
                Duration::from_secs(3600),
            )
            .await;
        let crashed = stack.checkout(&token, key, &address, "tok_visa").await;
        assert_eq!(error_code(&crashed), Some("INTERNAL"), "{crashed}");
        let (_, held) = reserved(&stack, &product).await;
        assert_eq!(held, 1, "the crash left the stock held");

        // Restarted: recovery takes the checkout over and finishes it.
        stack
            .restart_order(order_test_settings(), Duration::from_millis(200))
            .await;
        let order_id = wait_for_order(&stack, &token, "PAID").await;
        assert_eq!(
            reserved(&stack, &product).await.1,
            0,
            "no stranded reservation"
        );
        assert_eq!(
            stack
                .count(&format!("orders.orders WHERE user_id = '{user_id}'"))
                .await,
            1,
            "no lost or doubled order"
        );
        assert_eq!(
            stack.count(&format!("orders.simulated_gateway_operations WHERE kind = 'CAPTURE' AND idempotency_key = 'capture:{order_id}'")).await,
            1
        );
        let cart = stack.graphql(Some(&token), CART, json!({})).await;
        assert_eq!(cart["data"]["me"]["cart"]["itemCount"], 0, "{cart}");
        // The client's retry gets the finished order.
        let retry = stack.checkout(&token, key, &address, "tok_visa").await;
        assert_eq!(
            retry["data"]["checkout"]["id"],
            order_id.as_str(),
            "{retry}"
        );
    }
    assert_eq!(
        stack
            .count("orders.simulated_gateway_operations WHERE kind = 'CAPTURE'")
            .await,
        4
    );
    assert_eq!(reserved(&stack, &product).await, (6, 0));
    stack.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn bad_cart_and_checkout_input_gets_typed_errors() {
    let stack = spawn_stack().await;
    let staff = stack.staff_token().await;
    let product = stack.create_product(&staff, "Tray", "5.00", 10, 100).await;
    let (token, _, address) = stack.customer().await;
    let (other, _, others_address) = stack.customer().await;

    let empty = stack.checkout(&token, "empty", &address, "tok_visa").await;
    assert_eq!(error_code(&empty), Some("BAD_USER_INPUT"), "{empty}");
    assert_eq!(extension(&empty, "field"), "cart");

    let add =
        "mutation($p: ID!, $q: Int!) { addToCart(productId: $p, quantity: $q) { itemCount } }";
    for quantity in [0, -1, 100] {
        let refused = stack
            .graphql(Some(&token), add, json!({ "p": product, "q": quantity }))
            .await;
        assert_eq!(
            error_code(&refused),
            Some("BAD_USER_INPUT"),
            "{quantity}: {refused}"
        );
    }
    let huge = stack
        .graphql(
            Some(&token),
            add,
            json!({ "p": product, "q": 2_147_483_648_i64 }),
        )
        .await;
    let code = error_code(&huge).unwrap_or_default();
    assert!(
        huge["data"].is_null() || huge["data"]["addToCart"].is_null(),
        "{huge}"
    );
    assert!(
        !code.is_empty() && code != "INTERNAL",
        "2^31 gets a typed error: {huge}"
    );
    let unknown = stack
        .graphql(
            Some(&token),
            add,
            json!({ "p": uuid::Uuid::now_v7(), "q": 1 }),
        )
        .await;
    assert_eq!(error_code(&unknown), Some("NOT_FOUND"));
    let malformed = stack
        .graphql(Some(&token), add, json!({ "p": "not-a-uuid", "q": 1 }))
        .await;
    assert_eq!(error_code(&malformed), Some("BAD_USER_INPUT"));

    stack.add_to_cart(&token, &product, 99).await;
    let over = stack
        .graphql(Some(&token), add, json!({ "p": product, "q": 1 }))
        .await;
    assert_eq!(
        error_code(&over),
        Some("BAD_USER_INPUT"),
        "a line holds 99 units at most: {over}"
    );

    // Lines are per user.
    let cart = stack.graphql(Some(&token), CART, json!({})).await;
    let line = cart["data"]["me"]["cart"]["lines"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let update =
        "mutation($l: ID!, $q: Int!) { updateCartLine(lineId: $l, quantity: $q) { itemCount } }";
    let foreign = stack
        .graphql(Some(&other), update, json!({ "l": line, "q": 1 }))
        .await;
    assert_eq!(error_code(&foreign), Some("NOT_FOUND"), "{foreign}");
    let set = stack
        .graphql(Some(&token), update, json!({ "l": line, "q": 3 }))
        .await;
    assert_eq!(set["data"]["updateCartLine"]["itemCount"], 3, "{set}");
    let negative = stack
        .graphql(Some(&token), update, json!({ "l": line, "q": -1 }))
        .await;
    assert_eq!(error_code(&negative), Some("BAD_USER_INPUT"));

    for (key, address_id, card, code, field) in [
        (
            "k1",
            uuid::Uuid::now_v7().to_string(),
            "tok_visa",
            "NOT_FOUND",
            "shippingAddressId",
        ),
        (
            "k2",
            others_address.clone(),
            "tok_visa",
            "NOT_FOUND",
            "shippingAddressId",
        ),
        (
            "k3",
            "nope".to_string(),
            "tok_visa",
            "BAD_USER_INPUT",
            "shippingAddressId",
        ),
        (
            "k4",
            address.clone(),
            "tok_unknown",
            "BAD_USER_INPUT",
            "paymentMethod.token",
        ),
        (
            "k5",
            address.clone(),
            "4242 4242 4242 4242",
            "BAD_USER_INPUT",
            "paymentMethod.token",
        ),
        (
            &"k".repeat(10 * 1024),
            address.clone(),
            "tok_visa",
            "BAD_USER_INPUT",
            "idempotencyKey",
        ),
        (
            "",
            address.clone(),
            "tok_visa",
            "BAD_USER_INPUT",
            "idempotencyKey",
        ),
    ] {
        let refused = stack.checkout(&token, key, &address_id, card).await;
        assert_eq!(
            error_code(&refused),
            Some(code),
            "{key:.10} {card}: {refused}"
        );
        assert_eq!(extension(&refused, "field"), field, "{refused}");
    }
    // Nothing was recorded, held or charged for any of them.
    assert_eq!(stack.count("orders.checkouts").await, 0);
    assert_eq!(reserved(&stack, &product).await, (10, 0));
    stack.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn cart_problems_and_a_fifty_line_cart_cost_one_product_lookup() {
    let stack = spawn_stack().await;
    let staff = stack.staff_token().await;
    let (token, _, _) = stack.customer().await;
    let mut products = Vec::new();
    for i in 0..50 {
        let id = stack
            .create_product(&staff, &format!("Part {i}"), "1.00", 5, 10)
            .await;
        stack.add_to_cart(&token, &id, 1).await;
        products.push(id);
    }
    let before = stack.order_product_lookups.load(Ordering::SeqCst);
    let cart = stack.graphql(Some(&token), CART, json!({})).await;
    let after = stack.order_product_lookups.load(Ordering::SeqCst);
    assert_eq!(
        cart["data"]["me"]["cart"]["lines"]
            .as_array()
            .unwrap()
            .len(),
        50,
        "{cart}"
    );
    assert_eq!(after - before, 1, "one GetProducts call for a 50-line cart");

    // Reprice one, sell out another, archive a third: the cart says so.
    stack.graphql(Some(&staff), "mutation($p: ID!) { updateProduct(id: $p, input: { price: { amount: \"1.50\", currency: \"USD\" } }) { id } }", json!({ "p": products[0] })).await;
    stack.graphql(Some(&staff), "mutation($p: ID!) { adjustStock(input: { productId: $p, delta: -5, reason: DAMAGE }) { stock } }", json!({ "p": products[1] })).await;
    stack
        .graphql(
            Some(&staff),
            "mutation($p: ID!) { updateProduct(id: $p, input: { status: ARCHIVED }) { id } }",
            json!({ "p": products[2] }),
        )
        .await;
    let cart = stack.graphql(Some(&token), CART, json!({})).await;
    let problems = cart["data"]["me"]["cart"]["problems"]
        .as_array()
        .unwrap()
        .clone();
    let lines = cart["data"]["me"]["cart"]["lines"].as_array().unwrap();
    let line_of = |p: &str| lines.iter().find(|l| l["product"]["id"] == p).unwrap()["id"].clone();
    let kinds: Vec<(Value, Value)> = problems
        .iter()
        .map(|p| (p["lineId"].clone(), p["kind"].clone()))
        .collect();
    assert!(
        kinds.contains(&(line_of(&products[0]), json!("PRICE_CHANGED"))),
        "{problems:?}"
    );
    assert!(
        kinds.contains(&(line_of(&products[1]), json!("INSUFFICIENT_STOCK"))),
        "{problems:?}"
    );
    assert!(
        kinds.contains(&(line_of(&products[2]), json!("UNAVAILABLE"))),
        "{problems:?}"
    );
    assert_eq!(problems.len(), 3, "{problems:?}");
    let repriced = problems
        .iter()
        .find(|p| p["kind"] == "PRICE_CHANGED")
        .unwrap();
    assert_eq!(repriced["previousPrice"]["amount"], "1.00");
    assert_eq!(repriced["currentPrice"]["amount"], "1.50");
    stack.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn twenty_orders_with_their_products_cost_at_most_three_order_statements() {
    let stack = spawn_stack().await;
    let staff = stack.staff_token().await;
    let (token, _, address) = stack.customer().await;
    let a = stack
        .create_product(&staff, "Filter A", "3.00", 100, 10)
        .await;
    let b = stack
        .create_product(&staff, "Filter B", "4.00", 100, 10)
        .await;
    for i in 0..21 {
        stack.add_to_cart(&token, &a, 1).await;
        stack.add_to_cart(&token, &b, 2).await;
        let paid = stack
            .checkout(&token, &format!("history-{i}"), &address, "tok_visa")
            .await;
        assert_eq!(paid["data"]["checkout"]["status"], "PAID", "{paid}");
    }
    let query = "{ me { orders(first: 20) { pageInfo { hasNextPage endCursor } nodes { id status total { amount } lines { quantity product { id name price { amount } } } } } } }";
    // Warm the product cache's and the token cache's first reads out of the way.
    stack.graphql(Some(&token), query, json!({})).await;
    let (orders_before, products_before) = (
        stack.order_db.statement_count(),
        stack.product_db.statement_count(),
    );
    let history = stack.graphql(Some(&token), query, json!({})).await;
    let orders_used = stack.order_db.statement_count() - orders_before;
    let products_used = stack.product_db.statement_count() - products_before;
    let page = &history["data"]["me"]["orders"];
    assert_eq!(page["nodes"].as_array().unwrap().len(), 20, "{history}");
    assert_eq!(page["pageInfo"]["hasNextPage"], true);
    assert_eq!(page["nodes"][0]["lines"][1]["product"]["name"], "Filter B");
    assert!(orders_used <= 3, "{orders_used} order statements");
    // 21 paid orders, 21 invoices numbered 1 to 21 with no gap.
    assert_eq!(
        stack
            .scalar("SELECT (count(*) * 1000 + min(number) * 100 + max(number))::bigint FROM orders.invoices")
            .await,
        21 * 1000 + 100 + 21
    );
    assert!(
        products_used <= 1,
        "{products_used} product statements: one _entities batch at most"
    );

    // The next page holds the 21st order; newest first throughout.
    let cursor = page["pageInfo"]["endCursor"].as_str().unwrap();
    let next = stack
        .graphql(Some(&token), "query($c: String) { me { orders(first: 20, after: $c) { pageInfo { hasNextPage } nodes { id } } } }", json!({ "c": cursor }))
        .await;
    assert_eq!(
        next["data"]["me"]["orders"]["nodes"]
            .as_array()
            .unwrap()
            .len(),
        1,
        "{next}"
    );
    assert_eq!(
        next["data"]["me"]["orders"]["pageInfo"]["hasNextPage"],
        false
    );
    let filtered = stack
        .graphql(
            Some(&token),
            "{ me { orders(filter: { status: [CANCELLED] }) { nodes { id } } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        filtered["data"]["me"]["orders"]["nodes"],
        json!([]),
        "{filtered}"
    );
    let staff_view = stack
        .graphql(
            Some(&staff),
            "{ orders(first: 5, filter: { status: [PAID] }) { nodes { id customer { id } } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        staff_view["data"]["orders"]["nodes"]
            .as_array()
            .unwrap()
            .len(),
        5,
        "{staff_view}"
    );
    let customer_view = stack
        .graphql(Some(&token), "{ orders { nodes { id } } }", json!({}))
        .await;
    assert_eq!(error_code(&customer_view), Some("FORBIDDEN"));
    stack.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn saved_cards_keep_only_brand_last4_and_expiry_and_pay_at_checkout() {
    let stack = spawn_stack().await;
    let staff = stack.staff_token().await;
    let product = stack.create_product(&staff, "Tote", "9.00", 10, 200).await;
    let (token, user_id, address) = stack.customer().await;
    let (other, _, _) = stack.customer().await;

    let add =
        "mutation($t: String!) { addPaymentMethod(token: $t) { id brand last4 expMonth expYear } }";
    let saved = stack
        .graphql(Some(&token), add, json!({ "t": "tok_mastercard" }))
        .await;
    let method = &saved["data"]["addPaymentMethod"];
    assert_eq!(method["brand"], "Mastercard", "{saved}");
    assert_eq!(method["last4"], "4444");
    assert_eq!(method["expMonth"], 12);
    let method_id = method["id"].as_str().unwrap().to_string();
    for bad in ["5555 5555 5555 4444", "tok_nope", ""] {
        let refused = stack.graphql(Some(&token), add, json!({ "t": bad })).await;
        assert_eq!(
            error_code(&refused),
            Some("BAD_USER_INPUT"),
            "{bad:?}: {refused}"
        );
    }
    assert_eq!(
        stack
            .count("orders.payment_methods WHERE provider_token ~ '[0-9]{12,}'")
            .await,
        0,
        "no card number is ever stored"
    );
    let listed = stack
        .graphql(
            Some(&token),
            "{ paymentMethods { id last4 } me { paymentMethods { id } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        listed["data"]["paymentMethods"][0]["id"],
        method_id.as_str(),
        "{listed}"
    );
    assert_eq!(
        listed["data"]["me"]["paymentMethods"][0]["id"],
        method_id.as_str()
    );

    stack.add_to_cart(&token, &product, 1).await;
    let checkout = "mutation($i: CheckoutInput!) { checkout(input: $i) { status payments { cardBrand cardLast4 } } }";
    let with_saved = |key: &str, id: &str| json!({ "i": { "idempotencyKey": key, "shippingAddressId": address, "paymentMethod": { "savedPaymentMethodId": id } } });
    let foreign = stack
        .graphql(Some(&other), checkout, with_saved("s0", &method_id))
        .await;
    assert_ne!(foreign["data"]["checkout"]["status"], "PAID", "{foreign}");
    let paid = stack
        .graphql(Some(&token), checkout, with_saved("s1", &method_id))
        .await;
    assert_eq!(paid["data"]["checkout"]["status"], "PAID", "{paid}");
    assert_eq!(paid["data"]["checkout"]["payments"][0]["cardLast4"], "4444");
    let both = stack
        .graphql(Some(&token), checkout, json!({ "i": { "idempotencyKey": "s2", "shippingAddressId": address, "paymentMethod": { "token": "tok_visa", "savedPaymentMethodId": method_id } } }))
        .await;
    assert_eq!(error_code(&both), Some("BAD_USER_INPUT"));

    let remove = "mutation($id: ID!) { removePaymentMethod(id: $id) }";
    let stolen = stack
        .graphql(Some(&other), remove, json!({ "id": method_id }))
        .await;
    assert_eq!(error_code(&stolen), Some("NOT_FOUND"));
    let removed = stack
        .graphql(Some(&token), remove, json!({ "id": method_id }))
        .await;
    assert_eq!(
        removed["data"]["removePaymentMethod"],
        method_id.as_str(),
        "{removed}"
    );
    assert_eq!(
        stack
            .count(&format!(
                "orders.payment_methods WHERE user_id = '{user_id}'"
            ))
            .await,
        0
    );

    // A cart holds 100 lines at most.
    stack
        .sql(&format!(
            "INSERT INTO orders.cart_lines (id, user_id, product_id, quantity, added_price_minor, currency) \
             SELECT gen_random_uuid(), '{user_id}', gen_random_uuid(), 1, 100, 'USD' FROM generate_series(1, 100)"
        ))
        .await;
    let full = stack
        .graphql(
            Some(&token),
            "mutation($p: ID!) { addToCart(productId: $p, quantity: 1) { itemCount } }",
            json!({ "p": product }),
        )
        .await;
    assert_eq!(error_code(&full), Some("BAD_USER_INPUT"), "{full}");
    stack.shutdown().await;
}

/// A product service that hangs (a proxy that stops forwarding): checkout
/// fails within its deadline with `UNAVAILABLE`, the breaker opens so that
/// later calls fail at once, and once the proxy forwards again the breaker
/// closes and checkout works.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_stalled_product_service_opens_the_breaker_and_checkout_recovers_when_it_returns() {
    let stack = crate::support::spawn_stack_with(crate::support::StackOptions {
        proxy_order_to_product: true,
        order_peers: Some(platform::breaker::PeerSettings {
            timeout: Duration::from_millis(800),
            breaker_failures: 2,
            breaker_open_for: Duration::from_secs(2),
            ..Default::default()
        }),
        ..Default::default()
    })
    .await;
    let staff = stack.staff_token().await;
    let product = stack
        .create_product(&staff, "Hanging Lamp", "20.00", 10, 500)
        .await;
    let (token, _, address) = stack.customer().await;
    stack.add_to_cart(&token, &product, 1).await;
    let proxy = stack.order_product_proxy.as_ref().unwrap();
    let add = "mutation($p: ID!) { addToCart(productId: $p, quantity: 1) { itemCount } }";

    proxy.stall();
    let started = Instant::now();
    let answer = stack
        .checkout(&token, "stalled", &address, "tok_visa")
        .await;
    let stalled = started.elapsed();
    assert_eq!(error_code(&answer), Some("UNAVAILABLE"), "{answer}");
    assert!(
        stalled < Duration::from_secs(8),
        "checkout took {stalled:?}, past its deadline"
    );
    // Each call to the hanging peer waits out its timeout until the breaker
    // opens; then calls fail at once.
    let mut waits = Vec::new();
    for _ in 0..3 {
        let started = Instant::now();
        let answer = stack
            .graphql(Some(&token), add, json!({ "p": product }))
            .await;
        assert_eq!(error_code(&answer), Some("UNAVAILABLE"), "{answer}");
        waits.push(started.elapsed());
    }
    let last = *waits.last().unwrap();
    assert!(
        last < Duration::from_millis(300),
        "an open breaker fails at once, not after the 800 ms timeout: {waits:?}"
    );

    proxy.restore();
    tokio::time::sleep(Duration::from_millis(2_300)).await;
    let added = stack
        .graphql(Some(&token), add, json!({ "p": product }))
        .await;
    assert!(
        added["errors"].is_null(),
        "the probe closes the breaker: {added}"
    );
    // The stalled checkout is finished by a retry with its key, or (if the
    // recovery worker gave up on it meanwhile) a new one goes through.
    let retried = stack
        .checkout(&token, "stalled", &address, "tok_visa")
        .await;
    let paid = if retried["data"]["checkout"]["status"] == "PAID" {
        retried
    } else {
        stack
            .checkout(&token, "after-recovery", &address, "tok_visa")
            .await
    };
    assert_eq!(paid["data"]["checkout"]["status"], "PAID", "{paid}");
    stack.shutdown().await;
}

/// The router states its per-fetch timeout in `x-shop-timeout`; the order
/// subgraph gives its gRPC call to a hanging product service only what is
/// left of it, not the whole peer timeout, and answers `UNAVAILABLE` in time.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_subgraphs_grpc_calls_get_only_what_is_left_of_the_routers_deadline() {
    let stack = crate::support::spawn_stack_with(crate::support::StackOptions {
        proxy_order_to_product: true,
        order_peers: Some(platform::breaker::PeerSettings {
            timeout: Duration::from_secs(6),
            breaker_failures: 100,
            ..Default::default()
        }),
        ..Default::default()
    })
    .await;
    let staff = stack.staff_token().await;
    let product = stack
        .create_product(&staff, "Patient Lamp", "20.00", 10, 500)
        .await;
    let (token, _, _) = stack.customer().await;
    stack.order_product_proxy.as_ref().unwrap().stall();
    let add = json!({
        "query": "mutation($p: ID!) { addToCart(productId: $p, quantity: 1) { itemCount } }",
        "variables": { "p": product },
    });
    let started = Instant::now();
    let answer: Value = stack
        .client
        .post(format!("http://{}/graphql", stack.order_http))
        .header(
            platform::guard::ROUTER_SECRET_HEADER,
            stack.router_secret.expose(),
        )
        .header(platform::deadline::ROUTER_TIMEOUT_HEADER, "700ms")
        .bearer_auth(&token)
        .json(&add)
        .send()
        .await
        .expect("the order subgraph answers")
        .json()
        .await
        .expect("JSON");
    let took = started.elapsed();
    assert_eq!(error_code(&answer), Some("UNAVAILABLE"), "{answer}");
    assert!(
        took >= Duration::from_millis(600) && took < Duration::from_secs(3),
        "the call waited for the router's 700 ms, not the 6 s peer timeout: {took:?}"
    );
    stack.shutdown().await;
}

/// The router sends the subgraphs the per-fetch timeout it enforces, from
/// the one setting.
#[test]
fn the_router_states_its_per_fetch_timeout_to_the_subgraphs() {
    let config = include_str!("../../../../router-config/router.yaml");
    let setting = "${env.ROUTER_SUBGRAPH_TIMEOUT:-15s}";
    assert!(
        config.contains(&format!("timeout: {setting}")),
        "traffic_shaping.all.timeout uses the setting"
    );
    assert!(
        config.contains(&format!(
            "name: {}\n            value: {setting}",
            platform::deadline::ROUTER_TIMEOUT_HEADER
        )),
        "the router inserts the same value as a header"
    );
}

/// `SHOP_FAULTS` (development only): with the payment provider down,
/// checkout answers `UNAVAILABLE` (retryable) and the provider is never
/// reached; with the product service failing, adding to the cart does.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn injected_faults_make_the_payment_provider_and_a_peer_unavailable() {
    let faults = |spec: &str| platform::breaker::PeerSettings {
        faults: platform::faults::Faults::parse_for(false, Some(spec)).unwrap(),
        ..Default::default()
    };
    let stack = crate::support::spawn_stack_with(crate::support::StackOptions {
        order_peers: Some(faults("payment=down")),
        ..Default::default()
    })
    .await;
    let staff = stack.staff_token().await;
    let product = stack
        .create_product(&staff, "Faulty Lamp", "20.00", 10, 500)
        .await;
    let (token, _, address) = stack.customer().await;
    stack.add_to_cart(&token, &product, 1).await;
    let answer = stack
        .checkout(&token, "provider-down", &address, "tok_visa")
        .await;
    assert_eq!(error_code(&answer), Some("UNAVAILABLE"), "{answer}");
    assert_eq!(
        stack
            .scalar("SELECT count(*) FROM orders.simulated_gateway_operations")
            .await,
        0,
        "the provider was never reached"
    );
    stack.shutdown().await;

    let stack = crate::support::spawn_stack_with(crate::support::StackOptions {
        order_peers: Some(faults("peer.product=fail")),
        ..Default::default()
    })
    .await;
    let staff = stack.staff_token().await;
    let product = stack
        .create_product(&staff, "Unreachable Lamp", "20.00", 10, 500)
        .await;
    let (token, _, _) = stack.customer().await;
    let added = stack
        .graphql(
            Some(&token),
            "mutation($p: ID!) { addToCart(productId: $p, quantity: 1) { itemCount } }",
            json!({ "p": product }),
        )
        .await;
    assert_eq!(error_code(&added), Some("UNAVAILABLE"), "{added}");
    stack.shutdown().await;
}
