//! The supergraph as a whole: a customer's journey across all three
//! subgraphs, tokens and typed errors, stock races, and privacy between
//! customers.

use crate::support::{error_code, spawn_stack};
use serde_json::json;

const FEDERATED_QUERY: &str = "query { me { id email orders { nodes { id lines { quantity unitPrice { amount currency } product { id name price { amount currency } } } } } } }";

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_customer_registers_logs_in_orders_and_sees_data_from_all_three_subgraphs() {
    let stack = spawn_stack().await;

    // Register, log in, me.
    let email = format!("Casey.{}@Example.com", uuid::Uuid::new_v4().simple());
    let (token, user_id) = stack
        .register_and_login(&email, "correct horse battery")
        .await;
    let me = stack
        .graphql(Some(&token), "{ me { id email name roles } }", json!({}))
        .await;
    assert_eq!(me["data"]["me"]["id"], user_id, "{me}");
    assert_eq!(
        me["data"]["me"]["email"],
        email.to_lowercase(),
        "emails are stored lower-cased"
    );
    assert_eq!(me["data"]["me"]["roles"], json!(["CUSTOMER"]));

    // Staff creates a product.
    let staff = stack.staff_token().await;
    let created = stack
        .graphql(
            Some(&staff),
            "mutation { createProduct(input: { name: \"Moka Pot\", description: \"6 cups\", price: { amount: \"34.90\", currency: \"EUR\" }, stock: 5 }) { id name price { amount currency amountMinor } stock } }",
            json!({}),
        )
        .await;
    let product = &created["data"]["createProduct"];
    assert_eq!(
        product["price"],
        json!({ "amount": "34.90", "currency": "EUR", "amountMinor": "3490" }),
        "{created}"
    );
    let product_id = product["id"].as_str().unwrap().to_string();

    // A customer may not create products.
    let forbidden = stack
        .graphql(Some(&token), "mutation { createProduct(input: { name: \"X\", price: { amount: \"1\", currency: \"EUR\" } }) { id } }", json!({}))
        .await;
    assert_eq!(error_code(&forbidden), Some("FORBIDDEN"), "{forbidden}");

    // The customer checks out; any price the client might think of plays no part.
    let placed = stack.buy(&token, &product_id, 2).await;
    let order = &placed["data"]["checkout"];
    assert_eq!(order["status"], "PAID", "{placed}");
    assert_eq!(
        order["subtotal"],
        json!({ "amount": "69.80", "currency": "EUR" })
    );
    assert_eq!(order["lines"][0]["lineTotal"]["amount"], "69.80");

    // The order took its stock: 5 - 2 = 3 left, and the ledger says why.
    let stock = stack
        .graphql(Some(&staff), "query($p: ID!) { product(id: $p) { stock stockStatus stockMovements { delta reason orderId } } }", json!({ "p": product_id }))
        .await;
    assert_eq!(stock["data"]["product"]["stock"], 3, "{stock}");
    assert_eq!(
        stock["data"]["product"]["stockStatus"], "LOW_STOCK",
        "3 is at or below the default threshold of 5"
    );
    assert_eq!(
        stock["data"]["product"]["stockMovements"],
        json!([{ "delta": -2, "reason": "SALE", "orderId": order["id"] }])
    );

    // Customers see the status, never the numbers.
    let peek = stack
        .graphql(
            Some(&token),
            "query($p: ID!) { product(id: $p) { stockStatus stock } }",
            json!({ "p": product_id }),
        )
        .await;
    assert_eq!(
        peek["data"]["product"]["stockStatus"], "LOW_STOCK",
        "{peek}"
    );
    assert_eq!(error_code(&peek), Some("FORBIDDEN"));
    let restocked = stack
        .graphql(Some(&staff), "mutation($p: ID!) { adjustStock(input: { productId: $p, delta: 20, reason: RESTOCK, note: \"pallet\" }) { stock stockStatus } }", json!({ "p": product_id }))
        .await;
    assert_eq!(
        restocked["data"]["adjustStock"],
        json!({ "stock": 23, "stockStatus": "IN_STOCK" }),
        "{restocked}"
    );
    let customer_adjusts = stack
        .graphql(Some(&token), "mutation($p: ID!) { adjustStock(input: { productId: $p, delta: 1, reason: RESTOCK }) { stockStatus } }", json!({ "p": product_id }))
        .await;
    assert_eq!(error_code(&customer_adjusts), Some("FORBIDDEN"));

    // The federated query: user from user, orders from order, product fields from product.
    let federated = stack
        .graphql(Some(&token), FEDERATED_QUERY, json!({}))
        .await;
    assert!(federated.get("errors").is_none(), "{federated}");
    let me = &federated["data"]["me"];
    assert_eq!(me["email"], email.to_lowercase());
    assert_eq!(me["orders"]["nodes"][0]["id"], order["id"]);
    let line = &me["orders"]["nodes"][0]["lines"][0];
    assert_eq!(line["quantity"], 2);
    assert_eq!(
        line["unitPrice"],
        json!({ "amount": "34.90", "currency": "EUR" })
    );
    assert_eq!(
        line["product"],
        json!({ "id": product_id, "name": "Moka Pot", "price": { "amount": "34.90", "currency": "EUR" } })
    );

    stack.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn requests_without_a_valid_token_are_unauthenticated_and_bad_input_is_typed() {
    let stack = spawn_stack().await;

    let anonymous = stack.graphql(None, FEDERATED_QUERY, json!({})).await;
    assert_eq!(
        error_code(&anonymous),
        Some("UNAUTHENTICATED"),
        "{anonymous}"
    );
    assert!(anonymous["data"].is_null() || anonymous["data"]["me"].is_null());

    let forged = stack
        .graphql(
            Some("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0."),
            "{ me { id } }",
            json!({}),
        )
        .await;
    assert_eq!(error_code(&forged), Some("UNAUTHENTICATED"), "{forged}");

    let place_anonymously = stack
        .graphql(None, "mutation { addToCart(productId: \"00000000-0000-7000-9000-000000000001\", quantity: 1) { itemCount } }", json!({}))
        .await;
    assert_eq!(
        error_code(&place_anonymously),
        Some("UNAUTHENTICATED"),
        "{place_anonymously}"
    );

    let bad_email = stack.graphql(None, "mutation { register(email: \"not-an-email\", password: \"long enough\", name: \"A\") { id } }", json!({})).await;
    assert_eq!(
        error_code(&bad_email),
        Some("BAD_USER_INPUT"),
        "{bad_email}"
    );
    assert_eq!(bad_email["errors"][0]["extensions"]["field"], "email");

    let short_password = stack.graphql(None, "mutation { register(email: \"a@example.com\", password: \"short\", name: \"A\") { id } }", json!({})).await;
    assert_eq!(
        error_code(&short_password),
        Some("BAD_USER_INPUT"),
        "{short_password}"
    );
    assert_eq!(
        short_password["errors"][0]["extensions"]["field"],
        "password"
    );

    let long_password = stack
        .graphql(None, "mutation($p: String!) { register(email: \"b@example.com\", password: $p, name: \"B\") { id } }", json!({ "p": "x".repeat(129) }))
        .await;
    assert_eq!(
        error_code(&long_password),
        Some("BAD_USER_INPUT"),
        "{long_password}"
    );

    stack.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn ordering_more_than_the_stock_is_insufficient_stock_and_stores_nothing() {
    let stack = spawn_stack().await;
    let staff = stack.staff_token().await;
    let created = stack
        .graphql(Some(&staff), "mutation { createProduct(input: { name: \"Last Tamper\", price: { amount: \"89\", currency: \"USD\" }, stock: 2 }) { id } }", json!({}))
        .await;
    let product_id = created["data"]["createProduct"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let (token, _) = stack
        .register_and_login(
            &format!("c-{}@example.com", uuid::Uuid::new_v4().simple()),
            "customer-password",
        )
        .await;

    let too_many = stack.buy(&token, &product_id, 3).await;
    assert_eq!(
        error_code(&too_many),
        Some("INSUFFICIENT_STOCK"),
        "{too_many}"
    );
    assert_eq!(too_many["errors"][0]["extensions"]["productId"], product_id);
    assert_eq!(too_many["errors"][0]["extensions"]["available"], "2");

    let unknown = stack
        .graphql(Some(&token), "mutation { addToCart(productId: \"00000000-0000-7000-9000-0000000000ff\", quantity: 1) { itemCount } }", json!({}))
        .await;
    assert_eq!(error_code(&unknown), Some("NOT_FOUND"), "{unknown}");

    let zero = stack
        .graphql(
            Some(&token),
            "mutation($p: ID!) { addToCart(productId: $p, quantity: 0) { itemCount } }",
            json!({ "p": product_id }),
        )
        .await;
    assert_eq!(error_code(&zero), Some("BAD_USER_INPUT"), "{zero}");

    let orders = stack
        .graphql(
            Some(&token),
            "{ me { orders { nodes { id } } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        orders["data"]["me"]["orders"]["nodes"],
        json!([]),
        "a rejected order leaves nothing behind: {orders}"
    );

    stack.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_customer_cannot_read_another_customers_orders_or_email() {
    let stack = spawn_stack().await;
    let (alice, _) = stack
        .register_and_login(
            &format!("alice-{}@example.com", uuid::Uuid::new_v4().simple()),
            "alice-password",
        )
        .await;
    let (_, bob_id) = stack
        .register_and_login(
            &format!("bob-{}@example.com", uuid::Uuid::new_v4().simple()),
            "bob-password",
        )
        .await;

    // Alice resolves Bob as an entity straight at the subgraphs (the router
    // does not expose `_entities`, but a subgraph must not trust that).
    let bob = json!({ "r": [{ "__typename": "User", "id": bob_id }] });
    let orders = stack
        .subgraph_graphql(stack.order_http, &alice, "query($r: [_Any!]!) { _entities(representations: $r) { ... on User { orders { nodes { id } } } } }", bob.clone())
        .await;
    assert_eq!(error_code(&orders), Some("FORBIDDEN"), "{orders}");
    let email = stack
        .subgraph_graphql(
            stack.user_http,
            &alice,
            "query($r: [_Any!]!) { _entities(representations: $r) { ... on User { name email } } }",
            bob,
        )
        .await;
    assert_eq!(error_code(&email), Some("FORBIDDEN"), "{email}");

    stack.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn eight_customers_racing_for_the_last_three_units_get_exactly_three_orders() {
    let stack = spawn_stack().await;
    let staff = stack.staff_token().await;
    let created = stack
        .graphql(Some(&staff), "mutation { createProduct(input: { name: \"Last Three\", price: { amount: \"10\", currency: \"USD\" }, stock: 3 }) { id } }", json!({}))
        .await;
    let product_id = created["data"]["createProduct"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let mut tokens = Vec::new();
    for i in 0..8 {
        tokens.push(
            stack
                .register_and_login(
                    &format!("racer{i}-{}@example.com", uuid::Uuid::new_v4().simple()),
                    "racer-password",
                )
                .await
                .0,
        );
    }
    let orders = tokens.iter().map(|token| stack.buy(token, &product_id, 1));
    let results = futures::future::join_all(orders).await;
    let placed = results
        .iter()
        .filter(|r| r["data"]["checkout"]["status"] == "PAID")
        .count();
    let refused: Vec<_> = results.iter().filter_map(|r| error_code(r)).collect();
    assert_eq!(placed, 3, "{results:?}");
    assert_eq!(refused, vec!["INSUFFICIENT_STOCK"; 5]);
    let stock = stack
        .graphql(
            Some(&staff),
            "query($p: ID!) { product(id: $p) { stock stockStatus } }",
            json!({ "p": product_id }),
        )
        .await;
    assert_eq!(
        stock["data"]["product"],
        json!({ "stock": 0, "stockStatus": "OUT_OF_STOCK" }),
        "{stock}"
    );
    stack.shutdown().await;
}
