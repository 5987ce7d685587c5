//! Checkout and refunds through the router with the Stripe gateway
//! (`PAYMENT_GATEWAY=stripe`, `order::store::stripe`), against the local
//! Stripe emulator ([`crate::stripe_emulator`]): what the gateway sends
//! Stripe, and what the shop makes of Stripe's answers.

use serde_json::{Value, json};

use crate::stripe_emulator::StripeEmulator;
use crate::support::{Stack, StackOptions, error_code, spawn_stack_with};

const ORDER: &str = "query($id: ID!) { order(id: $id) { status total { amount currency } payments { status amount { amount } cardBrand cardLast4 providerReference failureReason } } }";

async fn stripe_stack() -> (Stack, StripeEmulator) {
    let stripe = StripeEmulator::start().await;
    let stack = spawn_stack_with(StackOptions {
        payment_gateway: Some(order::config::PaymentGatewayKind::Stripe(stripe.settings())),
        ..Default::default()
    })
    .await;
    (stack, stripe)
}

fn reason(answer: &Value) -> &str {
    answer["errors"][0]["extensions"]["reason"]
        .as_str()
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_checkout_with_a_stripe_payment_method_is_authorized_captured_and_refunded_through_stripe()
 {
    let (stack, stripe) = stripe_stack().await;
    let staff = stack.staff_token().await;
    let product = stack
        .create_product(&staff, "Stripe Kettle", "20.00", 10, 900)
        .await;
    let (token, _, address) = stack.customer().await;
    stack.add_to_cart(&token, &product, 2).await;

    // A simulator token is no Stripe PaymentMethod: refused as input.
    let wrong = stack
        .checkout(&token, "stripe-0", &address, "tok_visa")
        .await;
    assert_eq!(error_code(&wrong), Some("BAD_USER_INPUT"), "{wrong}");

    let paid = stack
        .checkout(&token, "stripe-1", &address, "pm_card_visa")
        .await;
    assert_eq!(paid["data"]["checkout"]["status"], "PAID", "{paid}");
    let order_id = paid["data"]["checkout"]["id"].as_str().unwrap().to_string();
    let total = paid["data"]["checkout"]["total"]["amount"]
        .as_str()
        .unwrap()
        .to_string();
    let order = stack
        .graphql(Some(&token), ORDER, json!({ "id": order_id }))
        .await;
    let payment = &order["data"]["order"]["payments"][0];
    assert_eq!(payment["status"], "CAPTURED", "{order}");
    assert_eq!(payment["cardBrand"], "Visa");
    assert_eq!(payment["cardLast4"], "4242");
    let charge = payment["providerReference"].as_str().unwrap().to_string();
    assert!(
        charge.starts_with("ch_"),
        "the capture is Stripe's charge: {charge}"
    );

    // What Stripe saw: one intent for the order total, in minor units,
    // captured once, for the same amount; every write with an idempotency
    // key and the pinned API version.
    let intents = stripe.intents();
    let captured: Vec<&Value> = intents
        .iter()
        .filter(|i| i["status"] == "succeeded")
        .collect();
    assert_eq!(captured.len(), 1, "{intents:?}");
    let minor = (total.parse::<f64>().unwrap() * 100.0).round() as i64;
    assert_eq!(captured[0]["amount"], minor);
    assert_eq!(captured[0]["amount_received"], minor);
    assert_eq!(captured[0]["currency"], "usd");
    assert_eq!(captured[0]["capture_method"], "manual");
    assert_eq!(captured[0]["latest_charge"], charge.as_str());
    let seen = stripe.seen();
    for request in seen.iter().filter(|r| r.method == "POST") {
        assert!(
            request
                .idempotency_key
                .as_deref()
                .is_some_and(|k| !k.is_empty()),
            "{request:?}"
        );
    }
    assert!(
        seen.iter()
            .all(|r| r.stripe_version.as_deref() == Some(order::store::stripe::API_VERSION))
    );
    assert_eq!(
        seen.iter().filter(|r| r.path.ends_with("/capture")).count(),
        1
    );
    let create = seen
        .iter()
        .find(|r| {
            r.path == "/v1/payment_intents"
                && r.form.get("payment_method").map(String::as_str) == Some("pm_card_visa")
        })
        .expect("an intent was created");
    assert_eq!(create.form["confirm"], "true");
    assert_eq!(create.form["amount"], minor.to_string());
    assert_eq!(
        create.form["automatic_payment_methods[allow_redirects]"],
        "never"
    );

    // The same checkout again answers the same order and charges nothing.
    let again = stack
        .checkout(&token, "stripe-1", &address, "pm_card_visa")
        .await;
    assert_eq!(
        again["data"]["checkout"]["id"],
        order_id.as_str(),
        "{again}"
    );
    assert_eq!(stripe.intents().len(), intents.len());

    // A partial refund, then the rest: each a Stripe refund of the charge.
    let refund = "mutation($o: ID!, $a: String!) { refundOrder(orderId: $o, amount: $a, reason: \"goodwill\") { amount { amount } status } }";
    let first = stack
        .graphql(Some(&staff), refund, json!({ "o": order_id, "a": "5.00" }))
        .await;
    assert_eq!(
        first["data"]["refundOrder"]["status"], "SUCCEEDED",
        "{first}"
    );
    let rest = format!("{:.2}", (minor - 500) as f64 / 100.0);
    let second = stack
        .graphql(Some(&staff), refund, json!({ "o": order_id, "a": rest }))
        .await;
    assert_eq!(
        second["data"]["refundOrder"]["status"], "SUCCEEDED",
        "{second}"
    );
    let mut refunded: Vec<i64> = stripe
        .refunds()
        .iter()
        .map(|r| {
            assert_eq!(r["charge"], charge.as_str());
            r["amount"].as_i64().unwrap()
        })
        .collect();
    refunded.sort();
    let mut expected = vec![500, minor - 500];
    expected.sort();
    assert_eq!(refunded, expected);
    let more = stack
        .graphql(Some(&staff), refund, json!({ "o": order_id, "a": "0.01" }))
        .await;
    assert_eq!(error_code(&more), Some("CONFLICT"), "{more}");
    assert_eq!(
        stripe.refunds().len(),
        2,
        "nothing past the capture reaches Stripe"
    );
    stack.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn stripe_declines_and_authentication_leave_the_cart_and_release_the_stock() {
    let (stack, stripe) = stripe_stack().await;
    let staff = stack.staff_token().await;
    let product = stack
        .create_product(&staff, "Stripe Teapot", "12.00", 3, 500)
        .await;
    let (token, _, address) = stack.customer().await;
    stack.add_to_cart(&token, &product, 1).await;

    for (key, card, expected) in [
        ("declined-1", "pm_card_chargeDeclined", "generic_decline"),
        (
            "declined-2",
            "pm_card_chargeDeclinedInsufficientFunds",
            "insufficient_funds",
        ),
        (
            "declined-3",
            "pm_card_authenticationRequired",
            "authentication_required",
        ),
    ] {
        let declined = stack.checkout(&token, key, &address, card).await;
        assert_eq!(
            error_code(&declined),
            Some("PAYMENT_DECLINED"),
            "{declined}"
        );
        assert_eq!(reason(&declined), expected, "{declined}");
        assert_eq!(
            stack
                .scalar(&format!(
                    "SELECT reserved::bigint FROM products.products WHERE id = '{product}'"
                ))
                .await,
            0,
            "{card}: the hold is released"
        );
    }
    // The intent that wanted 3-D Secure was cancelled at Stripe.
    let intents = stripe.intents();
    let authentication: Vec<&Value> = intents
        .iter()
        .filter(|i| i["payment_method"] == "pm_card_authenticationRequired")
        .collect();
    assert_eq!(authentication.len(), 1);
    assert_eq!(authentication[0]["status"], "canceled");
    // Nothing was captured, and the cart still holds the teapot, which a
    // good card then buys.
    assert!(intents.iter().all(|i| i["status"] != "succeeded"));
    let paid = stack
        .checkout(&token, "declined-4", &address, "pm_card_mastercard")
        .await;
    assert_eq!(paid["data"]["checkout"]["status"], "PAID", "{paid}");
    assert_eq!(
        stack
            .scalar(&format!(
                "SELECT on_hand::bigint FROM products.products WHERE id = '{product}'"
            ))
            .await,
        2
    );
    stack.shutdown().await;
}

/// Stripe unreachable: checkout answers `UNAVAILABLE` (never `INTERNAL`),
/// and the stock held for it is released.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_unreachable_stripe_is_unavailable_and_holds_nothing() {
    let stripe = StripeEmulator::start().await;
    let mut settings = stripe.settings();
    drop(stripe);
    settings.timeout = std::time::Duration::from_millis(500);
    let stack = spawn_stack_with(StackOptions {
        payment_gateway: Some(order::config::PaymentGatewayKind::Stripe(settings)),
        ..Default::default()
    })
    .await;
    let staff = stack.staff_token().await;
    let product = stack
        .create_product(&staff, "Offline Mug", "8.00", 3, 300)
        .await;
    let (token, _, address) = stack.customer().await;
    stack.add_to_cart(&token, &product, 1).await;
    let answer = stack
        .checkout(&token, "offline-1", &address, "pm_card_visa")
        .await;
    assert_eq!(error_code(&answer), Some("UNAVAILABLE"), "{answer}");
    assert_eq!(
        stack
            .scalar(&format!(
                "SELECT reserved::bigint FROM products.products WHERE id = '{product}'"
            ))
            .await,
        0
    );
    stack.shutdown().await;
}

/// A saved card with Stripe: the PaymentMethod is attached to a Customer
/// (Stripe reuses a PaymentMethod only then), and every later payment
/// names both, so the card pays more than once.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_saved_stripe_card_is_attached_to_a_customer_and_pays_again_and_again() {
    let (stack, stripe) = stripe_stack().await;
    let staff = stack.staff_token().await;
    let product = stack
        .create_product(&staff, "Stripe Cup", "4.00", 10, 200)
        .await;
    let (token, user_id, address) = stack.customer().await;
    let saved = stack
        .graphql(
            Some(&token),
            "mutation($t: String!) { addPaymentMethod(token: $t) { id brand last4 expMonth expYear } }",
            json!({ "t": "pm_card_mastercard" }),
        )
        .await;
    let method = &saved["data"]["addPaymentMethod"];
    assert_eq!(method["brand"], "Mastercard", "{saved}");
    assert_eq!(method["last4"], "4444");
    assert_eq!(method["expYear"], 2034);
    let saved_id = method["id"].as_str().unwrap().to_string();
    let customers = stripe.customers();
    assert_eq!(customers.len(), 1);
    assert_eq!(customers[0]["metadata"]["shop_user_id"], user_id.as_str());

    for round in 0..2 {
        stack.add_to_cart(&token, &product, 1).await;
        let paid = stack
            .graphql(
                Some(&token),
                "mutation($i: CheckoutInput!) { checkout(input: $i) { status payments { cardBrand cardLast4 } } }",
                json!({ "i": {
                    "idempotencyKey": format!("saved-{round}"),
                    "shippingAddressId": address,
                    "paymentMethod": { "savedPaymentMethodId": saved_id },
                } }),
            )
            .await;
        assert_eq!(
            paid["data"]["checkout"]["status"], "PAID",
            "round {round}: {paid}"
        );
        assert_eq!(paid["data"]["checkout"]["payments"][0]["cardLast4"], "4444");
    }
    let customer = customers[0]["id"].as_str().unwrap();
    let charged: Vec<Value> = stripe
        .intents()
        .into_iter()
        .filter(|i| i["status"] == "succeeded")
        .collect();
    assert_eq!(charged.len(), 2);
    let payments_with_customer = stripe
        .seen()
        .iter()
        .filter(|r| r.path == "/v1/payment_intents")
        .filter(|r| r.form.get("customer").map(String::as_str) == Some(customer))
        .count();
    assert_eq!(payments_with_customer, 2, "each payment names the customer");

    // A card Stripe does not know is refused as input, and nothing is saved.
    let unknown = stack
        .graphql(
            Some(&token),
            "mutation($t: String!) { addPaymentMethod(token: $t) { id } }",
            json!({ "t": "pm_does_not_exist" }),
        )
        .await;
    assert_eq!(error_code(&unknown), Some("BAD_USER_INPUT"), "{unknown}");
    stack.shutdown().await;
}
