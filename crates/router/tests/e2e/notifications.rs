//! Events and notifications end to end, through the real router, the real
//! RabbitMQ and a real SMTP server (aiosmtpd): receipts, shipping emails,
//! password resets, preferences, the broker going away, and bad input.

use std::future::Future;
use std::time::{Duration, Instant};

use platform::testing::{SmtpServer, TcpProxy};
use serde_json::{Value, json};

use crate::support::{Stack, StackOptions, error_code, spawn_stack, spawn_stack_with};

const INBOX: &str = "{ me { id notifications(first: 20) { edges { cursor node { id kind category title body link read } } pageInfo { hasNextPage } } unreadNotificationCount } }";

/// Polls `probe` until it gives `Some`, for at most `limit`.
async fn within<T, F, Fut>(limit: Duration, mut probe: F) -> Option<T>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Option<T>>,
{
    let deadline = Instant::now() + limit;
    loop {
        if let Some(found) = probe().await {
            return Some(found);
        }
        if Instant::now() > deadline {
            return None;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn inbox(stack: &Stack, token: &str) -> Value {
    let response = stack.graphql(Some(token), INBOX, json!({})).await;
    assert!(response.get("errors").is_none(), "{response}");
    response["data"]["me"].clone()
}

/// The kinds of the user's notifications, newest first.
fn kinds(me: &Value) -> Vec<String> {
    me["notifications"]["edges"]
        .as_array()
        .map(|edges| {
            edges
                .iter()
                .map(|e| e["node"]["kind"].as_str().unwrap_or("").to_string())
                .collect()
        })
        .unwrap_or_default()
}

/// Waits until the user has a notification of `kind`; returns the inbox.
async fn wait_for_kind(stack: &Stack, token: &str, kind: &str, limit: Duration) -> Value {
    within(limit, || async {
        let me = inbox(stack, token).await;
        kinds(&me).iter().any(|k| k == kind).then_some(me)
    })
    .await
    .unwrap_or_else(|| panic!("no {kind} notification within {limit:?}"))
}

async fn smtp_stack() -> (Stack, SmtpServer) {
    let smtp = SmtpServer::start()
        .await
        .expect("aiosmtpd (pip install aiosmtpd)");
    let stack = spawn_stack_with(StackOptions {
        smtp_url: Some(smtp.url()),
        ..StackOptions::default()
    })
    .await;
    (stack, smtp)
}

async fn email_of(stack: &Stack, token: &str) -> String {
    let me = stack
        .graphql(Some(token), "{ me { email } }", json!({}))
        .await;
    me["data"]["me"]["email"]
        .as_str()
        .expect("an email")
        .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_paid_checkout_brings_an_in_app_receipt_and_an_email_with_the_invoice_number_and_total_within_five_seconds()
 {
    let (stack, smtp) = smtp_stack().await;
    let staff = stack.staff_token().await;
    let product = stack
        .create_product(&staff, "Kettle", "39.90", 10, 1200)
        .await;
    let (token, _, _) = stack.customer().await;
    let address = email_of(&stack, &token).await;

    let paid_at = Instant::now();
    let paid = stack.buy(&token, &product, 2).await;
    let order = &paid["data"]["checkout"];
    assert_eq!(order["status"], "PAID", "{paid}");
    let order_id = order["id"].as_str().unwrap();
    let total = format!(
        "{} {}",
        order["total"]["currency"].as_str().unwrap(),
        order["total"]["amount"].as_str().unwrap()
    );
    let invoice = stack
        .graphql(
            Some(&token),
            "query($id: ID!) { order(id: $id) { invoice { number } } }",
            json!({ "id": order_id }),
        )
        .await;
    let invoice_number = invoice["data"]["order"]["invoice"]["number"]
        .as_str()
        .unwrap()
        .to_string();

    let me = wait_for_kind(&stack, &token, "order_paid", Duration::from_secs(5)).await;
    let receipt = me["notifications"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["node"])
        .find(|n| n["kind"] == "order_paid")
        .unwrap()
        .clone();
    assert_eq!(receipt["category"], "ORDERS");
    assert!(
        receipt["title"].as_str().unwrap().contains(&total),
        "{receipt}"
    );
    assert!(
        receipt["body"].as_str().unwrap().contains(&invoice_number),
        "{receipt}"
    );
    assert_eq!(receipt["read"], false);
    assert!(receipt["link"].as_str().unwrap().ends_with(order_id));
    let mail = smtp
        .wait_for(
            &[&address, &invoice_number, &total, "2 x Kettle"],
            Duration::from_secs(5) - paid_at.elapsed().min(Duration::from_secs(5)),
        )
        .await;
    let mail = mail.unwrap_or_else(|| {
        panic!(
            "no receipt email within 5 s of the checkout: {:?}",
            smtp.messages()
        )
    });
    assert!(
        mail.contains("/invoices/"),
        "the receipt links the invoice: {mail}"
    );
    assert!(mail.contains("Content-Type: text/html"), "an HTML part too");
    let elapsed = paid_at.elapsed();
    assert!(elapsed < Duration::from_secs(5), "took {elapsed:?}");

    // Reading it: counts go down, someone else's ids are NOT_FOUND.
    assert!(me["unreadNotificationCount"].as_i64().unwrap() >= 1);
    let (other, _, _) = stack.customer().await;
    let stolen = stack
        .graphql(
            Some(&other),
            "mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }",
            json!({ "ids": [receipt["id"]] }),
        )
        .await;
    assert_eq!(error_code(&stolen), Some("NOT_FOUND"), "{stolen}");
    let read = stack
        .graphql(
            Some(&token),
            "mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }",
            json!({ "ids": [receipt["id"]] }),
        )
        .await;
    assert_eq!(read["data"]["markNotificationsRead"], 1, "{read}");
    let all = stack
        .graphql(
            Some(&token),
            "mutation { markAllNotificationsRead }",
            json!({}),
        )
        .await;
    assert!(all["data"]["markAllNotificationsRead"].is_number(), "{all}");
    assert_eq!(inbox(&stack, &token).await["unreadNotificationCount"], 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_shipped_order_emails_the_carrier_and_tracking_number_unless_shipping_email_is_off() {
    let (stack, smtp) = smtp_stack().await;
    let staff = stack.staff_token().await;
    let product = stack.create_product(&staff, "Lamp", "20.00", 10, 900).await;

    // One customer keeps the defaults; the other turns shipping email off.
    let (keeps, _, _) = stack.customer().await;
    let (quiet, _, _) = stack.customer().await;
    let changed = stack
        .graphql(Some(&quiet), "mutation { updateNotificationPreference(category: \"shipping\", email: false) { category email sms inApp } }", json!({}))
        .await;
    assert_eq!(
        changed["data"]["updateNotificationPreference"],
        json!({ "category": "SHIPPING", "email": false, "sms": false, "inApp": true }),
        "{changed}"
    );
    let quiet_address = email_of(&stack, &quiet).await;
    let keeps_address = email_of(&stack, &keeps).await;

    for (token, tracking) in [(&keeps, "TRACK-KEEPS"), (&quiet, "TRACK-QUIET")] {
        let paid = stack.buy(token, &product, 1).await;
        let order_id = paid["data"]["checkout"]["id"].as_str().unwrap().to_string();
        let shipped = stack
            .graphql(Some(&staff), "mutation($o: ID!, $t: String!) { markOrderFulfilling(orderId: $o) { status } shipOrder(orderId: $o, carrier: \"DHL\", trackingNumber: $t) { status } }", json!({ "o": order_id, "t": tracking }))
            .await;
        assert_eq!(
            shipped["data"]["shipOrder"]["status"], "SHIPPED",
            "{shipped}"
        );
    }
    let mail = smtp
        .wait_for(
            &[&keeps_address, "TRACK-KEEPS", "DHL"],
            Duration::from_secs(10),
        )
        .await;
    assert!(
        mail.is_some(),
        "the tracking email arrives: {:?}",
        smtp.messages()
    );
    // The quiet customer has the in-app message, and no shipping email.
    let me = wait_for_kind(&stack, &quiet, "order_shipped", Duration::from_secs(10)).await;
    let shipped = me["notifications"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["node"]["kind"] == "order_shipped")
        .unwrap()["node"]
        .clone();
    assert!(shipped["body"].as_str().unwrap().contains("TRACK-QUIET"));
    // Its receipt email did arrive (orders email is on), the tracking one not.
    assert!(
        smtp.wait_for(&[&quiet_address, "Receipt"], Duration::from_secs(5))
            .await
            .is_some()
    );
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(
        !smtp.messages().iter().any(|m| m.contains("TRACK-QUIET")),
        "no shipping email for the customer who turned it off"
    );
    let preferences = stack
        .graphql(
            Some(&quiet),
            "{ me { notificationPreferences { category email sms inApp } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        preferences["data"]["me"]["notificationPreferences"][1],
        json!({ "category": "SHIPPING", "email": false, "sms": false, "inApp": true })
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn registering_emails_a_verification_link_that_verifies_the_address_through_the_router() {
    let (stack, smtp) = smtp_stack().await;
    let email = format!("v-{}@example.com", uuid::Uuid::new_v4().simple());
    let (token, _) = stack.register_and_login(&email, "a long password").await;
    let me = "{ me { emailVerified } }";
    assert_eq!(
        stack.graphql(Some(&token), me, json!({})).await["data"]["me"]["emailVerified"],
        false
    );
    let mail = smtp
        .wait_for(
            &[&email, "/verify-email?token=", "Confirm"],
            Duration::from_secs(10),
        )
        .await
        .unwrap_or_else(|| panic!("no verification email: {:?}", smtp.messages()));
    let link_token = mail
        .split("/verify-email?token=")
        .nth(1)
        .and_then(|rest| {
            rest.split(|c: char| !c.is_ascii_alphanumeric() && c != '-' && c != '_')
                .next()
        })
        .expect("a token in the link")
        .to_string();
    let verify = "mutation($t: String!) { verifyEmail(token: $t) { id } }";
    let done = stack
        .graphql(None, verify, json!({ "t": link_token }))
        .await;
    assert!(done.get("errors").is_none(), "the link works: {done}");
    assert_eq!(
        stack.graphql(Some(&token), me, json!({})).await["data"]["me"]["emailVerified"],
        true
    );
    let again = stack
        .graphql(None, verify, json!({ "t": link_token }))
        .await;
    assert_eq!(error_code(&again), Some("BAD_USER_INPUT"), "once: {again}");
    // Sent, the one-time link is not kept in the delivery log.
    let kept = within(Duration::from_secs(5), || async {
        let left = stack
            .scalar(&format!("SELECT count(*) FROM notifications.deliveries WHERE kind = 'email_verification' AND text_body LIKE '%{link_token}%'"))
            .await;
        (left == 0).then_some(())
    })
    .await;
    assert!(kept.is_some(), "the sent verification link was kept");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_password_reset_email_carries_a_link_that_works_once() {
    let (stack, smtp) = smtp_stack().await;
    let email = format!("r-{}@example.com", uuid::Uuid::new_v4().simple());
    stack.register_and_login(&email, "the old password").await;
    let asked = stack
        .graphql(
            None,
            "mutation($e: String) { requestPasswordReset(email: $e) }",
            json!({ "e": email }),
        )
        .await;
    assert!(asked.get("errors").is_none(), "{asked}");
    let mail = smtp
        .wait_for(&[&email, "/reset?token="], Duration::from_secs(10))
        .await
        .unwrap_or_else(|| panic!("no reset email: {:?}", smtp.messages()));
    let token = mail
        .split("/reset?token=")
        .nth(1)
        .and_then(|rest| {
            rest.split(|c: char| !c.is_ascii_alphanumeric() && c != '-' && c != '_')
                .next()
        })
        .expect("a token in the link")
        .to_string();
    // Published, the link is no longer kept by the user service.
    let kept = within(Duration::from_secs(5), || async {
        let left = stack
            .scalar("SELECT count(*) FROM users.outbox WHERE event_type = 'user.password_reset_requested'")
            .await;
        (left == 0).then_some(())
    })
    .await;
    assert!(kept.is_some(), "the published reset event was forgotten");
    let reset =
        "mutation($t: String!) { resetPassword(token: $t, newPassword: \"a brand new password\") }";
    let first = stack.graphql(None, reset, json!({ "t": token })).await;
    assert!(first.get("errors").is_none(), "the link works: {first}");
    let again = stack.graphql(None, reset, json!({ "t": token })).await;
    assert!(again.get("errors").is_some(), "but only once: {again}");
    stack.login(&email, "a brand new password").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn with_the_broker_cut_checkouts_and_registrations_succeed_and_every_event_arrives_once_when_it_returns()
 {
    let proxy = TcpProxy::start("127.0.0.1:5672".parse().unwrap())
        .await
        .expect("proxy");
    let stack = spawn_stack_with(StackOptions {
        amqp_url: Some(format!("amqp://guest:guest@{}/%2f", proxy.addr())),
        ..StackOptions::default()
    })
    .await;
    let staff = stack.staff_token().await;
    let product = stack.create_product(&staff, "Mug", "9.00", 50, 300).await;
    // The topology exists (the services declared it) before the cut.
    let (first, _, _) = stack.customer().await;
    wait_for_kind(&stack, &first, "welcome", Duration::from_secs(10)).await;

    proxy.cut();
    let mut customers = Vec::new();
    for _ in 0..3 {
        let (token, _, _) = stack.customer().await;
        let paid = stack.buy(&token, &product, 1).await;
        assert_eq!(paid["data"]["checkout"]["status"], "PAID", "{paid}");
        customers.push(token);
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    for token in &customers {
        assert!(
            kinds(&inbox(&stack, token).await).is_empty(),
            "nothing arrives while the broker is away"
        );
    }
    let waiting = stack
        .scalar("SELECT (SELECT count(*) FROM users.outbox WHERE published_at IS NULL) + (SELECT count(*) FROM orders.outbox WHERE published_at IS NULL)")
        .await;
    assert!(
        waiting >= 6,
        "3 registrations and 3 payments wait in the outboxes ({waiting})"
    );

    proxy.restore();
    for token in &customers {
        wait_for_kind(&stack, token, "order_paid", Duration::from_secs(30)).await;
        wait_for_kind(&stack, token, "welcome", Duration::from_secs(10)).await;
    }
    tokio::time::sleep(Duration::from_secs(1)).await;
    for token in &customers {
        let mut seen = kinds(&inbox(&stack, token).await);
        seen.sort();
        assert_eq!(seen, ["order_paid", "welcome"], "exactly once each");
    }
    // Each consumer applied every event once: every registration and
    // payment gave exactly one in-app notification, and product counted
    // the three payments once each.
    let applied = stack
        .scalar("SELECT count(*) FROM notifications.inbox WHERE event_type IN ('user.registered', 'order.paid')")
        .await;
    assert!(applied >= 7, "{applied}");
    let notifications = stack
        .scalar("SELECT count(*) FROM notifications.notifications WHERE kind IN ('welcome', 'order_paid')")
        .await;
    let distinct = stack
        .scalar("SELECT count(DISTINCT event_id) FROM notifications.notifications WHERE kind IN ('welcome', 'order_paid')")
        .await;
    assert_eq!((notifications, distinct), (applied, applied));
    let purchases = stack
        .scalar("SELECT count(*) FROM products.inbox WHERE event_type = 'order.paid'")
        .await;
    assert_eq!(purchases, 3);
    let bought = stack
        .scalar(&format!(
            "SELECT sum(quantity)::bigint FROM products.purchases WHERE product_id = '{product}'"
        ))
        .await;
    assert_eq!(bought, 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_same_event_published_twice_gives_one_notification_and_one_email() {
    let (stack, smtp) = smtp_stack().await;
    let (token, user_id, _) = stack.customer().await;
    let address = email_of(&stack, &token).await;
    wait_for_kind(&stack, &token, "welcome", Duration::from_secs(10)).await;
    let event = platform::events::Envelope::new(
        platform::events::Event::OrderShipped(platform::events::contract::OrderShipped {
            order_id: uuid::Uuid::now_v7(),
            user_id: user_id.parse().unwrap(),
            carrier: "GLS".into(),
            tracking_number: "TWICE-1".into(),
        }),
        platform::events::current_traceparent(),
    );
    let body = serde_json::to_vec(&event).unwrap();
    let (_connection, channel) = stack.broker.open().await.expect("broker");
    for _ in 0..2 {
        let confirm = channel
            .basic_publish(
                stack.broker.exchange.as_str().into(),
                "order.shipped".into(),
                Default::default(),
                &body,
                Default::default(),
            )
            .await
            .expect("publish")
            .await
            .expect("confirm");
        assert!(confirm.is_ack());
    }
    wait_for_kind(&stack, &token, "order_shipped", Duration::from_secs(10)).await;
    assert!(
        smtp.wait_for(&[&address, "TWICE-1"], Duration::from_secs(10))
            .await
            .is_some()
    );
    tokio::time::sleep(Duration::from_secs(1)).await;
    let shipped: Vec<String> = kinds(&inbox(&stack, &token).await)
        .into_iter()
        .filter(|k| k == "order_shipped")
        .collect();
    assert_eq!(shipped.len(), 1, "one notification");
    let emails = smtp
        .messages()
        .iter()
        .filter(|m| m.contains("TWICE-1"))
        .count();
    assert_eq!(emails, 1, "one email");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_price_drop_reaches_wishlisters_who_opted_in_to_marketing_and_nobody_else() {
    let (stack, smtp) = smtp_stack().await;
    let staff = stack.staff_token().await;
    let product = stack
        .create_product(&staff, "Espresso machine", "300.00", 5, 8000)
        .await;
    let (consenting, _, _) = stack.customer().await;
    let (silent, _, _) = stack.customer().await;
    let opted = stack
        .graphql(
            Some(&consenting),
            "mutation { updateProfile(input: { marketingOptIn: true }) { marketingOptIn } }",
            json!({}),
        )
        .await;
    assert_eq!(
        opted["data"]["updateProfile"]["marketingOptIn"], true,
        "{opted}"
    );
    for token in [&consenting, &silent] {
        let added = stack
            .graphql(
                Some(token),
                "mutation($p: ID!) { addToWishlist(productId: $p) { id } }",
                json!({ "p": product }),
            )
            .await;
        assert!(added.get("errors").is_none(), "{added}");
    }
    let cheaper = stack
        .graphql(Some(&staff), "mutation($p: ID!) { updateProduct(id: $p, input: { price: { amount: \"249.00\", currency: \"USD\" } }) { id } }", json!({ "p": product }))
        .await;
    assert!(cheaper.get("errors").is_none(), "{cheaper}");
    let consenting_address = email_of(&stack, &consenting).await;
    let silent_address = email_of(&stack, &silent).await;
    assert!(
        smtp.wait_for(
            &[&consenting_address, "Espresso machine", "249.00"],
            Duration::from_secs(10)
        )
        .await
        .is_some(),
        "the opted-in wishlister hears of the drop: {:?}",
        smtp.messages()
    );
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(
        !smtp
            .messages()
            .iter()
            .any(|m| m.contains(&silent_address) && m.contains("Espresso machine")),
        "no marketing without consent"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn bad_notification_input_gets_typed_errors() {
    let stack = spawn_stack().await;
    let (token, _, _) = stack.customer().await;
    let unknown = stack
        .graphql(Some(&token), "mutation { updateNotificationPreference(category: \"promotions\", email: true) { category } }", json!({}))
        .await;
    assert_eq!(error_code(&unknown), Some("BAD_USER_INPUT"), "{unknown}");
    let security = stack
        .graphql(Some(&token), "mutation { updateNotificationPreference(category: \"account\", email: false) { category } }", json!({}))
        .await;
    assert_eq!(error_code(&security), Some("BAD_USER_INPUT"), "{security}");
    let ids: Vec<String> = (0..10_000)
        .map(|_| uuid::Uuid::now_v7().to_string())
        .collect();
    let flood = stack
        .graphql(
            Some(&token),
            "mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }",
            json!({ "ids": ids }),
        )
        .await;
    assert!(
        matches!(error_code(&flood), Some("BAD_USER_INPUT")),
        "10,000 ids are refused: {}",
        &flood.to_string()[..300.min(flood.to_string().len())]
    );
    let garbage = stack
        .graphql(
            Some(&token),
            "mutation { markNotificationsRead(ids: [\"not-an-id\"]) }",
            json!({}),
        )
        .await;
    assert_eq!(error_code(&garbage), Some("BAD_USER_INPUT"), "{garbage}");
    let anonymous = stack
        .graphql(None, "mutation { markAllNotificationsRead }", json!({}))
        .await;
    assert_eq!(
        error_code(&anonymous),
        Some("UNAUTHENTICATED"),
        "{anonymous}"
    );
    let page = stack
        .graphql(
            Some(&token),
            "{ me { notifications(first: 500) { edges { cursor } } } }",
            json!({}),
        )
        .await;
    assert_eq!(error_code(&page), Some("BAD_USER_INPUT"), "{page}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_inbox_page_with_its_unread_count_costs_two_statements_and_entities_are_batched() {
    let stack = spawn_stack().await;
    let (token, _, _) = stack.customer().await;
    wait_for_kind(&stack, &token, "welcome", Duration::from_secs(10)).await;
    let before = stack.notification_db.statement_count();
    let me = inbox(&stack, &token).await;
    assert_eq!(stack.notification_db.statement_count() - before, 2);
    assert_eq!(kinds(&me), ["welcome"]);

    // 30 Notification references in one `_entities` call: one statement.
    let id = me["notifications"]["edges"][0]["node"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let mut representations: Vec<Value> = (0..29)
        .map(|_| json!({ "__typename": "Notification", "id": uuid::Uuid::now_v7().to_string() }))
        .collect();
    representations.push(json!({ "__typename": "Notification", "id": id }));
    let before = stack.notification_db.statement_count();
    let entities = stack
        .subgraph_graphql(
            stack.notification_http,
            &token,
            "query($r: [_Any!]!) { _entities(representations: $r) { ... on Notification { id kind } } }",
            json!({ "r": representations }),
        )
        .await;
    assert_eq!(
        stack.notification_db.statement_count() - before,
        1,
        "{entities}"
    );
    let found: Vec<&Value> = entities["data"]["_entities"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| !e.is_null())
        .collect();
    assert_eq!(found.len(), 1, "unknown ids resolve to null: {entities}");
}

/// The ids in a list of `{ id }` objects.
fn ids(list: &Value) -> Vec<String> {
    list.as_array()
        .map(|items| {
            items
                .iter()
                .map(|i| i["id"].as_str().unwrap_or("").to_string())
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn paid_orders_feed_frequently_bought_together_and_personal_recommendations() {
    let stack = spawn_stack().await;
    let staff = stack.staff_token().await;
    let mut products = Vec::new();
    for name in ["Grinder", "Beans", "Filter", "Scale"] {
        products.push(stack.create_product(&staff, name, "10.00", 100, 500).await);
    }
    let (grinder, beans, filter, scale) = (&products[0], &products[1], &products[2], &products[3]);
    // Two orders of grinder + beans, one of grinder + filter, one scale alone.
    for basket in [
        vec![grinder, beans],
        vec![grinder, beans],
        vec![grinder, filter],
        vec![scale],
    ] {
        let (token, _, address) = stack.customer().await;
        for product in &basket {
            stack.add_to_cart(&token, product, 1).await;
        }
        let paid = stack
            .checkout(
                &token,
                &uuid::Uuid::new_v4().to_string(),
                &address,
                "tok_visa",
            )
            .await;
        assert_eq!(paid["data"]["checkout"]["status"], "PAID", "{paid}");
    }
    within(Duration::from_secs(10), || async {
        (stack
            .scalar("SELECT count(*) FROM products.inbox WHERE event_type = 'order.paid'")
            .await
            == 4)
            .then_some(())
    })
    .await
    .expect("product consumed the four payments");

    let together = stack
        .graphql(None, "query($id: ID!) { product(id: $id) { frequentlyBoughtTogether(first: 4) { id name } } }", json!({ "id": grinder }))
        .await;
    assert_eq!(
        ids(&together["data"]["product"]["frequentlyBoughtTogether"]),
        [beans.to_string(), filter.to_string()],
        "most often bought together first: {together}"
    );

    // Someone who bought beans is recommended the grinder first, then the
    // best sellers, never the beans again.
    let (buyer, buyer_id, _) = stack.customer().await;
    let paid = stack.buy(&buyer, beans, 1).await;
    assert_eq!(paid["data"]["checkout"]["status"], "PAID", "{paid}");
    within(Duration::from_secs(10), || async {
        (stack
            .scalar("SELECT count(*) FROM products.inbox WHERE event_type = 'order.paid'")
            .await
            == 5)
            .then_some(())
    })
    .await
    .expect("product consumed the fifth payment");
    let recommended = stack
        .graphql(
            Some(&buyer),
            "{ me { recommendations(first: 3) { id } } }",
            json!({}),
        )
        .await;
    let picks = ids(&recommended["data"]["me"]["recommendations"]);
    assert_eq!(picks.first(), Some(grinder), "{recommended}");
    assert!(
        !picks.contains(beans),
        "never what they bought: {recommended}"
    );
    assert_eq!(picks.len(), 3);
    // A new customer, with no history, is shown the best sellers.
    let (other, _, _) = stack.customer().await;
    let fresh = stack
        .graphql(
            Some(&other),
            "{ me { recommendations(first: 2) { id } } }",
            json!({}),
        )
        .await;
    let best = ids(&fresh["data"]["me"]["recommendations"]);
    assert_eq!(best.len(), 2, "{fresh}");
    for pick in &best {
        assert!(pick == grinder || pick == beans, "three sold each: {fresh}");
    }
    // Recommendations are private.
    let prying = stack
        .graphql(Some(&other), "query($r: [_Any!]!) { _entities(representations: $r) { ... on User { recommendations { id } } } }", json!({ "r": [{ "__typename": "User", "id": buyer_id }] }))
        .await;
    assert!(prying.get("errors").is_some(), "{prying}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn stock_falling_to_its_threshold_alerts_staff_in_app_once() {
    let stack = spawn_stack().await;
    let staff = stack.staff_token().await;
    let product = stack
        .create_product(&staff, "Rare tea", "12.00", 7, 100)
        .await;
    let threshold = stack
        .graphql(Some(&staff), "mutation($p: ID!) { updateProduct(id: $p, input: { lowStockThreshold: 5 }) { lowStockThreshold } }", json!({ "p": product }))
        .await;
    assert_eq!(
        threshold["data"]["updateProduct"]["lowStockThreshold"], 5,
        "{threshold}"
    );
    for _ in 0..2 {
        let (token, _, _) = stack.customer().await;
        let paid = stack.buy(&token, &product, 1).await;
        assert_eq!(paid["data"]["checkout"]["status"], "PAID", "{paid}");
    }
    let me = wait_for_kind(&stack, &staff, "stock_low", Duration::from_secs(10)).await;
    let alert = me["notifications"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["node"]["kind"] == "stock_low")
        .unwrap()["node"]
        .clone();
    assert_eq!(alert["category"], "STAFF_ALERTS");
    assert!(
        alert["body"].as_str().unwrap().contains("Rare tea"),
        "{alert}"
    );
    assert!(
        alert["body"].as_str().unwrap().contains("down to 5"),
        "{alert}"
    );
    // One more sale while low: no second alert.
    let (token, _, _) = stack.customer().await;
    stack.buy(&token, &product, 1).await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    let alerts = kinds(&inbox(&stack, &staff).await)
        .into_iter()
        .filter(|k| k == "stock_low")
        .count();
    assert_eq!(alerts, 1);
    // Customers get no staff alerts.
    assert!(
        !kinds(&inbox(&stack, &token).await)
            .iter()
            .any(|k| k == "stock_low")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_shipped_event_arriving_after_delivered_is_not_sent_and_a_german_customer_reads_german() {
    let (stack, smtp) = smtp_stack().await;
    let (token, user_id, _) = stack.customer().await;
    let german = stack
        .graphql(
            Some(&token),
            "mutation { updateProfile(input: { locale: \"de\" }) { locale } }",
            json!({}),
        )
        .await;
    assert_eq!(german["data"]["updateProfile"]["locale"], "de", "{german}");
    let address = email_of(&stack, &token).await;
    let order_id = uuid::Uuid::now_v7();
    let user_id: uuid::Uuid = user_id.parse().unwrap();
    let mut delivered = platform::events::Envelope::new(
        platform::events::Event::OrderDelivered(platform::events::contract::OrderProgress {
            order_id,
            user_id,
        }),
        platform::events::current_traceparent(),
    );
    delivered.aggregate.sequence = 5;
    let mut shipped = platform::events::Envelope::new(
        platform::events::Event::OrderShipped(platform::events::contract::OrderShipped {
            order_id,
            user_id,
            carrier: "DPD".into(),
            tracking_number: "LATE-1".into(),
        }),
        platform::events::current_traceparent(),
    );
    shipped.aggregate.sequence = 4;
    let (_connection, channel) = stack.broker.open().await.expect("broker");
    for event in [&delivered, &shipped] {
        let confirm = channel
            .basic_publish(
                stack.broker.exchange.as_str().into(),
                event.routing_key().into(),
                Default::default(),
                &serde_json::to_vec(event).unwrap(),
                Default::default(),
            )
            .await
            .expect("publish")
            .await
            .expect("confirm");
        assert!(confirm.is_ack());
    }
    let me = wait_for_kind(&stack, &token, "order_delivered", Duration::from_secs(10)).await;
    let mail = smtp
        .wait_for(&[&address, "zugestellt"], Duration::from_secs(10))
        .await;
    assert!(
        mail.is_some(),
        "the delivery email is in German: {:?}",
        smtp.messages()
    );
    within(Duration::from_secs(5), || async {
        (stack
            .scalar("SELECT count(*) FROM notifications.inbox WHERE event_type = 'order.shipped'")
            .await
            == 1)
            .then_some(())
    })
    .await
    .expect("the late shipped event was consumed");
    tokio::time::sleep(Duration::from_millis(500)).await;
    let kinds = kinds(&inbox(&stack, &token).await);
    assert!(
        !kinds.iter().any(|k| k == "order_shipped"),
        "superseded: {kinds:?} {me}"
    );
    assert!(!smtp.messages().iter().any(|m| m.contains("LATE-1")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_cancelled_paid_order_tells_of_the_cancellation_and_the_refund_and_an_email_change_tells_the_old_address()
 {
    let (stack, smtp) = smtp_stack().await;
    let staff = stack.staff_token().await;
    let product = stack.create_product(&staff, "Vase", "30.00", 5, 700).await;
    let email = format!("v-{}@example.com", uuid::Uuid::new_v4().simple());
    let (token, _) = stack.register_and_login(&email, "vase password").await;
    let paid = stack.buy(&token, &product, 1).await;
    let order_id = paid["data"]["checkout"]["id"].as_str().unwrap().to_string();
    let cancelled = stack
        .graphql(Some(&token), "mutation($o: ID!) { cancelOrder(orderId: $o, reason: \"changed my mind\") { status } }", json!({ "o": order_id }))
        .await;
    assert_eq!(
        cancelled["data"]["cancelOrder"]["status"], "CANCELLED",
        "{cancelled}"
    );
    wait_for_kind(&stack, &token, "order_cancelled", Duration::from_secs(10)).await;
    let me = wait_for_kind(&stack, &token, "order_refunded", Duration::from_secs(10)).await;
    let refund = me["notifications"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["node"]["kind"] == "order_refunded")
        .unwrap()["node"]["title"]
        .as_str()
        .unwrap()
        .to_string();
    let total = paid["data"]["checkout"]["total"]["amount"]
        .as_str()
        .unwrap();
    assert!(
        refund.contains(total),
        "the whole total comes back: {refund}"
    );
    assert!(
        smtp.wait_for(&[&email, "changed my mind"], Duration::from_secs(10))
            .await
            .is_some()
    );

    let changed = stack
        .graphql(Some(&token), "mutation($e: String!) { changeEmail(newEmail: $e, currentPassword: \"vase password\") { email } }", json!({ "e": format!("new-{email}") }))
        .await;
    assert!(changed.get("errors").is_none(), "{changed}");
    let warning = smtp
        .wait_for(
            &[&format!("To: {email}"), "email address"],
            Duration::from_secs(10),
        )
        .await;
    assert!(
        warning.is_some(),
        "the previous address is told: {:?}",
        smtp.messages().last()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_callers_trace_context_reaches_the_event_through_the_router() {
    let stack = spawn_stack().await;
    let traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    let email = format!("t-{}@example.com", uuid::Uuid::new_v4().simple());
    let registered: Value = stack
        .client
        .post(&stack.router_url)
        .header("traceparent", traceparent)
        .json(&json!({ "query": "mutation($e: String!) { register(email: $e, password: \"a good password\", name: \"Tracy\") { id } }", "variables": { "e": email } }))
        .send()
        .await
        .expect("router answers")
        .json()
        .await
        .expect("json");
    let id = registered["data"]["register"]["id"]
        .as_str()
        .expect("registered");
    // The account's event (its verification link's is forgotten once
    // published, so it may be gone already) is in the caller's trace, as a
    // child of the user service's span.
    let trace = &traceparent[3..35];
    let carried = stack
        .scalar(&format!(
            "SELECT count(*) FROM users.outbox WHERE aggregate_id = '{id}' AND event_type = 'user.registered' AND body->>'traceparent' LIKE '00-{trace}-%' AND body->>'traceparent' <> '{traceparent}'"
        ))
        .await;
    assert_eq!(carried, 1);
}
