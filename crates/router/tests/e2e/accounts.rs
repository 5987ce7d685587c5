//! Account features through the router: the supergraph exposes them and the
//! subgraphs cooperate (the wishlist's products resolve in product).

use crate::support::{error_code, spawn_stack};
use serde_json::json;

fn field(response: &serde_json::Value) -> Option<&str> {
    response["errors"][0]["extensions"]["field"].as_str()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_account_lives_its_whole_life_through_the_router() {
    let stack = spawn_stack().await;
    let suffix = uuid::Uuid::new_v4().simple().to_string();
    let phone = format!(
        "+1415{}",
        &suffix
            .chars()
            .filter(|c| c.is_ascii_digit())
            .chain("1234567".chars())
            .take(7)
            .collect::<String>()
    );

    // Register with email and phone; log in by either.
    let email = format!("life-{suffix}@example.com");
    let registered = stack
        .graphql(None, "mutation($e: String, $p: String) { register(email: $e, phone: $p, password: \"life password\", name: \"Liv\") { id } }", json!({ "e": email, "p": phone }))
        .await;
    assert!(
        registered["data"]["register"]["id"].is_string(),
        "{registered}"
    );
    let by_phone = stack
        .graphql(None, "mutation($p: String) { login(phone: $p, password: \"life password\") { accessToken refreshToken } }", json!({ "p": phone }))
        .await;
    let token = by_phone["data"]["login"]["accessToken"]
        .as_str()
        .unwrap_or_else(|| panic!("{by_phone}"))
        .to_string();
    let refresh = by_phone["data"]["login"]["refreshToken"]
        .as_str()
        .unwrap()
        .to_string();
    let me = stack
        .graphql(Some(&token), "{ me { email phone } }", json!({}))
        .await;
    assert_eq!(
        me["data"]["me"],
        json!({ "email": email, "phone": phone }),
        "{me}"
    );

    // Bad input is typed.
    let bad = stack
        .graphql(
            None,
            "mutation { register(email: \"x\", password: \"life password\", name: \"X\") { id } }",
            json!({}),
        )
        .await;
    assert_eq!(
        (error_code(&bad), field(&bad)),
        (Some("BAD_USER_INPUT"), Some("email"))
    );

    // Refresh rotates; replaying the spent token ends the session.
    let refresh_op =
        "mutation($r: String!) { refreshSession(refreshToken: $r) { accessToken refreshToken } }";
    let rotated = stack
        .graphql(None, refresh_op, json!({ "r": refresh }))
        .await;
    let rotated_token = rotated["data"]["refreshSession"]["accessToken"]
        .as_str()
        .unwrap_or_else(|| panic!("{rotated}"))
        .to_string();
    assert_eq!(
        error_code(
            &stack
                .graphql(None, refresh_op, json!({ "r": refresh }))
                .await
        ),
        Some("UNAUTHENTICATED")
    );
    assert_eq!(
        error_code(
            &stack
                .graphql(Some(&rotated_token), "{ me { id } }", json!({}))
                .await
        ),
        Some("UNAUTHENTICATED")
    );
    let token = stack.login(&email, "life password").await;

    // Profile and address book.
    let profile = stack.graphql(Some(&token), "mutation { updateProfile(input: { locale: \"de_de\", marketingOptIn: true }) { locale marketingOptIn } }", json!({})).await;
    assert_eq!(
        profile["data"]["updateProfile"],
        json!({ "locale": "de-DE", "marketingOptIn": true }),
        "{profile}"
    );
    let address = stack
        .graphql(Some(&token), "mutation { addAddress(input: { recipient: \"Liv\", line1: \"Unter den Linden 1\", city: \"Berlin\", postalCode: \"10117\", country: \"DE\" }) { id isDefault } }", json!({}))
        .await;
    assert_eq!(
        address["data"]["addAddress"]["isDefault"], true,
        "{address}"
    );

    // Wishlist: stubs in user, names from product.
    let staff = stack.staff_token().await;
    let product = stack
        .graphql(Some(&staff), "mutation { createProduct(input: { name: \"Wished Lamp\", price: { amount: \"59.00\", currency: \"EUR\" }, stock: 1 }) { id } }", json!({}))
        .await["data"]["createProduct"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let wished = stack
        .graphql(Some(&token), "mutation($p: ID!) { addToWishlist(productId: $p) { wishlist { id name price { amount } } } }", json!({ "p": product }))
        .await;
    assert_eq!(
        wished["data"]["addToWishlist"]["wishlist"],
        json!([{ "id": product, "name": "Wished Lamp", "price": { "amount": "59.00" } }]),
        "{wished}"
    );
    let unknown = stack.graphql(Some(&token), "mutation { addToWishlist(productId: \"00000000-0000-7000-9000-0000000000ee\") { id } }", json!({})).await;
    assert_eq!(error_code(&unknown), Some("NOT_FOUND"), "{unknown}");
    // A draft is not on sale: it cannot be wished for, and a customer cannot
    // resolve it as an entity either (staff can).
    let draft = stack
        .graphql(Some(&staff), "mutation { createProduct(input: { name: \"Secret Lamp\", price: { amount: \"99.00\", currency: \"EUR\" }, status: DRAFT }) { id } }", json!({}))
        .await["data"]["createProduct"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let wished_draft = stack
        .graphql(
            Some(&token),
            "mutation($p: ID!) { addToWishlist(productId: $p) { id } }",
            json!({ "p": draft }),
        )
        .await;
    assert_eq!(
        error_code(&wished_draft),
        Some("NOT_FOUND"),
        "{wished_draft}"
    );
    let entity =
        "query($r: [_Any!]!) { _entities(representations: $r) { ... on Product { name } } }";
    let reference = json!({ "r": [{ "__typename": "Product", "id": draft }] });
    let as_customer = stack
        .subgraph_graphql(stack.product_http, &token, entity, reference.clone())
        .await;
    assert_eq!(
        as_customer["data"]["_entities"],
        json!([null]),
        "{as_customer}"
    );
    let as_staff = stack
        .subgraph_graphql(stack.product_http, &staff, entity, reference)
        .await;
    assert_eq!(
        as_staff["data"]["_entities"],
        json!([{ "name": "Secret Lamp" }]),
        "{as_staff}"
    );

    // Roles and privacy: a customer cannot list users or change roles.
    assert_eq!(
        error_code(
            &stack
                .graphql(Some(&token), "{ users { totalCount } }", json!({}))
                .await
        ),
        Some("FORBIDDEN")
    );
    let me_id = stack
        .graphql(Some(&token), "{ me { id } }", json!({}))
        .await["data"]["me"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let escalate = stack
        .graphql(
            Some(&token),
            "mutation($u: ID!) { setUserRoles(userId: $u, roles: [ADMIN]) { id } }",
            json!({ "u": me_id }),
        )
        .await;
    assert_eq!(error_code(&escalate), Some("FORBIDDEN"));

    // An admin can find the user and promote them, once their email is
    // verified: roles above CUSTOMER need it.
    let admin = stack.admin_token().await;
    let early = stack
        .graphql(
            Some(&admin),
            "mutation($u: ID!) { setUserRoles(userId: $u, roles: [STAFF]) { roles } }",
            json!({ "u": me_id }),
        )
        .await;
    assert_eq!(error_code(&early), Some("CONFLICT"), "{early}");
    stack.verify_email(&email).await;
    let promoted = stack
        .graphql(
            Some(&admin),
            "mutation($u: ID!) { setUserRoles(userId: $u, roles: [STAFF]) { roles } }",
            json!({ "u": me_id }),
        )
        .await;
    assert_eq!(
        promoted["data"]["setUserRoles"]["roles"],
        json!(["CUSTOMER", "STAFF"]),
        "{promoted}"
    );
    let found = stack.graphql(Some(&admin), "query($q: String) { users(filter: { query: $q }) { totalCount edges { node { id email } } } }", json!({ "q": email })).await;
    assert_eq!(
        found["data"]["users"]["edges"][0]["node"]["id"],
        me_id.as_str(),
        "{found}"
    );

    // Password reset: same answer for anyone; the link works once and ends every session.
    let known = stack
        .graphql(
            None,
            "mutation($e: String) { requestPasswordReset(email: $e) }",
            json!({ "e": email }),
        )
        .await;
    let unknown = stack
        .graphql(
            None,
            "mutation { requestPasswordReset(email: \"nobody@example.com\") }",
            json!({}),
        )
        .await;
    assert_eq!(known, unknown);
    let link = stack
        .reset_links()
        .await
        .pop()
        .expect("a reset message in the outbox");
    let reset_token = link.split("token=").nth(1).unwrap().to_string();
    let reset = "mutation($t: String!) { resetPassword(token: $t, newPassword: \"a fresh life password\") }";
    assert_eq!(
        stack
            .graphql(None, reset, json!({ "t": reset_token }))
            .await["data"]["resetPassword"],
        true
    );
    assert_eq!(
        error_code(
            &stack
                .graphql(None, reset, json!({ "t": reset_token }))
                .await
        ),
        Some("BAD_USER_INPUT"),
        "a reset link works once"
    );
    assert_eq!(
        error_code(
            &stack
                .graphql(Some(&token), "{ me { id } }", json!({}))
                .await
        ),
        Some("UNAUTHENTICATED"),
        "the reset ended the session"
    );
    let token = stack.login(&email, "a fresh life password").await;

    // Throttling: the fifth wrong password is RATE_LIMITED.
    let mut last = serde_json::Value::Null;
    for _ in 0..5 {
        last = stack.graphql(None, "mutation($e: String) { login(email: $e, password: \"wrong password\") { accessToken } }", json!({ "e": email })).await;
    }
    assert_eq!(error_code(&last), Some("RATE_LIMITED"), "{last}");
    assert!(last["errors"][0]["extensions"]["retryAfter"].is_string());

    // logoutEverywhere ends the remaining session.
    let ended = stack
        .graphql(Some(&token), "mutation { logoutEverywhere }", json!({}))
        .await;
    assert!(
        ended["data"]["logoutEverywhere"].as_i64().unwrap() >= 1,
        "{ended}"
    );
    assert_eq!(
        error_code(
            &stack
                .graphql(Some(&token), "{ me { id } }", json!({}))
                .await
        ),
        Some("UNAUTHENTICATED")
    );
    stack.shutdown().await;
}
