//! The catalog lifecycle through the router: staff edit, archive and delete
//! products; customers see only what is on sale; orders keep resolving.

use crate::support::{error_code, spawn_stack};
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn staff_manage_products_and_orders_outlive_archiving_and_deletion() {
    let stack = spawn_stack().await;
    let staff = stack.staff_token().await;
    let (customer, _) = stack
        .register_and_login(
            &format!("cat-{}@example.com", uuid::Uuid::new_v4().simple()),
            "catalog-password",
        )
        .await;
    let sku = format!("SKU-{}", &uuid::Uuid::new_v4().simple().to_string()[..8]);

    let create = "mutation($i: CreateProductInput!) { createProduct(input: $i) { id slug brand sku price { amount } compareAtPrice { amount currency } images { url alt } weightGrams status } }";
    let input = json!({ "name": "Moka Pot, 6 Cups!", "price": { "amount": "34.90", "currency": "EUR" }, "stock": 10, "brand": "Bialetti", "sku": sku,
        "compareAtPrice": "39.90", "images": [{ "url": "https://cdn.example.com/moka.jpg", "alt": "A moka pot" }], "weightGrams": 650 });
    let created = stack
        .graphql(Some(&staff), create, json!({ "i": input }))
        .await;
    let product = &created["data"]["createProduct"];
    assert_eq!(product["slug"], "moka-pot-6-cups", "{created}");
    assert_eq!(
        product["compareAtPrice"],
        json!({ "amount": "39.90", "currency": "EUR" })
    );
    assert_eq!(
        (product["weightGrams"].as_i64(), product["status"].as_str()),
        (Some(650), Some("ACTIVE"))
    );
    let id = product["id"].as_str().unwrap().to_string();

    // Typed errors for taken identifiers and bad prices; customers are refused.
    let mut twin = input.clone();
    twin["name"] = json!("Another pot");
    let taken = stack
        .graphql(Some(&staff), create, json!({ "i": twin }))
        .await;
    assert_eq!(
        (
            error_code(&taken),
            taken["errors"][0]["extensions"]["field"].as_str()
        ),
        (Some("CONFLICT"), Some("sku")),
        "{taken}"
    );
    // Same name, no slug: a unique slug is made rather than a conflict.
    let namesake = stack
        .graphql(Some(&staff), create, json!({ "i": { "name": "Moka Pot, 6 Cups!", "price": { "amount": "1", "currency": "EUR" } } }))
        .await;
    let namesake_slug = namesake["data"]["createProduct"]["slug"]
        .as_str()
        .unwrap_or_else(|| panic!("{namesake}"));
    assert!(
        namesake_slug.starts_with("moka-pot-6-cups-")
            && namesake_slug.len() == "moka-pot-6-cups-".len() + 8,
        "{namesake_slug}"
    );
    let mut chosen = input.clone();
    chosen["sku"] = json!(null);
    chosen["slug"] = json!("moka-pot-6-cups");
    let clash = stack
        .graphql(Some(&staff), create, json!({ "i": chosen }))
        .await;
    assert_eq!(
        (
            error_code(&clash),
            clash["errors"][0]["extensions"]["field"].as_str()
        ),
        (Some("CONFLICT"), Some("slug")),
        "a chosen slug conflicts"
    );
    let mut cheap = input.clone();
    cheap["sku"] = json!(null);
    cheap["slug"] = json!("cheaper-pot");
    cheap["compareAtPrice"] = json!("30");
    assert_eq!(
        error_code(
            &stack
                .graphql(Some(&staff), create, json!({ "i": cheap }))
                .await
        ),
        Some("BAD_USER_INPUT")
    );
    for op in [
        "mutation($p: ID!) { archiveProduct(id: $p) { id } }",
        "mutation($p: ID!) { deleteProduct(id: $p) }",
        "mutation($p: ID!) { updateProduct(id: $p, input: { name: \"Mine\" }) { id } }",
    ] {
        assert_eq!(
            error_code(&stack.graphql(Some(&customer), op, json!({ "p": id })).await),
            Some("FORBIDDEN"),
            "{op}"
        );
    }

    // A customer buys it; then staff change the price: the order keeps its price.
    let placed = stack.buy(&customer, &id, 1).await;
    assert_eq!(placed["data"]["checkout"]["status"], "PAID", "{placed}");
    let repriced = stack
        .graphql(Some(&staff), "mutation($p: ID!) { updateProduct(id: $p, input: { price: { amount: \"36.00\", currency: \"EUR\" }, brand: null }) { price { amount } brand compareAtPrice { amount } sku } }", json!({ "p": id }))
        .await;
    assert_eq!(
        repriced["data"]["updateProduct"],
        json!({ "price": { "amount": "36.00" }, "brand": null, "compareAtPrice": { "amount": "39.90" }, "sku": sku }),
        "{repriced}"
    );

    // Archive: gone for customers, still there for staff and in the order.
    let archived = stack
        .graphql(
            Some(&staff),
            "mutation($p: ID!) { archiveProduct(id: $p) { status } }",
            json!({ "p": id }),
        )
        .await;
    assert_eq!(archived["data"]["archiveProduct"]["status"], "ARCHIVED");
    let seen = |token: Option<String>| {
        let (stack, id) = (&stack, id.clone());
        async move {
            let r = stack.graphql(token.as_deref(), "query($p: ID!) { product(id: $p) { id } products(first: 100) { edges { node { id } } } }", json!({ "p": id })).await;
            let listed = r["data"]["products"]["edges"]
                .as_array()
                .unwrap()
                .iter()
                .any(|e| e["node"]["id"] == id.as_str());
            (r["data"]["product"].is_object(), listed)
        }
    };
    assert_eq!(seen(None).await, (false, false));
    assert_eq!(seen(Some(customer.clone())).await, (false, false));
    assert_eq!(seen(Some(staff.clone())).await, (true, true));
    let rebuy = stack
        .graphql(
            Some(&customer),
            "mutation($p: ID!) { addToCart(productId: $p, quantity: 1) { itemCount } }",
            json!({ "p": id }),
        )
        .await;
    assert_eq!(
        error_code(&rebuy),
        Some("NOT_FOUND"),
        "an archived product cannot be bought: {rebuy}"
    );

    // Delete: gone from every listing, but the order still resolves it.
    let deleted = stack
        .graphql(
            Some(&staff),
            "mutation($p: ID!) { deleteProduct(id: $p) }",
            json!({ "p": id }),
        )
        .await;
    assert_eq!(deleted["data"]["deleteProduct"], true, "{deleted}");
    assert!(!seen(Some(staff.clone())).await.1);
    let history = stack.graphql(Some(&customer), "{ me { orders { nodes { lines { productName unitPrice { amount } product { id name status } } } } } }", json!({})).await;
    let line = &history["data"]["me"]["orders"]["nodes"][0]["lines"][0];
    assert_eq!(line["productName"], "Moka Pot, 6 Cups!", "{history}");
    assert_eq!(
        line["unitPrice"]["amount"], "34.90",
        "the order keeps the price it was placed at"
    );
    assert_eq!(
        line["product"],
        json!({ "id": id, "name": "Moka Pot, 6 Cups!", "status": "ARCHIVED" })
    );
    stack.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn categories_form_a_tree_and_filtering_by_one_includes_its_descendants() {
    let stack = spawn_stack().await;
    let staff = stack.staff_token().await;
    let category = |name: &'static str, parent: Option<String>| {
        let (stack, staff) = (&stack, staff.clone());
        async move {
            let r = stack
                .graphql(Some(&staff), "mutation($n: String!, $p: ID) { createCategory(name: $n, parentId: $p) { id path } }", json!({ "n": name, "p": parent }))
                .await;
            r["data"]["createCategory"]["id"]
                .as_str()
                .unwrap_or_else(|| panic!("{r}"))
                .to_string()
        }
    };
    let coffee = category("Coffee", None).await;
    let grinders = category("Grinders", Some(coffee.clone())).await;
    let manual = category("Manual", Some(grinders.clone())).await;
    let product = |name: &'static str, categories: Vec<String>| {
        let (stack, staff) = (&stack, staff.clone());
        async move {
            let created = stack
                .graphql(Some(&staff), "mutation($n: String!) { createProduct(input: { name: $n, price: { amount: \"10\", currency: \"USD\" } }) { id } }", json!({ "n": name }))
                .await;
            let id = created["data"]["createProduct"]["id"]
                .as_str()
                .unwrap()
                .to_string();
            let set = stack
                .graphql(Some(&staff), "mutation($p: ID!, $c: [ID!]!) { setProductCategories(productId: $p, categoryIds: $c) { categories { path } } }", json!({ "p": id, "c": categories }))
                .await;
            assert!(set.get("errors").is_none(), "{set}");
            id
        }
    };
    let hand_grinder = product("Hand Grinder", vec![manual.clone()]).await;
    let beans = product("Beans", vec![coffee.clone()]).await;
    product("Teapot", vec![]).await;

    let in_category = |id: String| {
        let stack = &stack;
        async move {
            let r = stack.graphql(None, "query($c: ID) { products(categoryId: $c) { totalCount edges { node { id } } } }", json!({ "c": id })).await;
            let mut ids: Vec<String> = r["data"]["products"]["edges"]
                .as_array()
                .unwrap_or_else(|| panic!("{r}"))
                .iter()
                .map(|e| e["node"]["id"].as_str().unwrap().to_string())
                .collect();
            ids.sort();
            assert_eq!(r["data"]["products"]["totalCount"], ids.len());
            ids
        }
    };
    let mut both = vec![hand_grinder.clone(), beans.clone()];
    both.sort();
    assert_eq!(
        in_category(coffee.clone()).await,
        both,
        "Coffee includes its descendants"
    );
    assert_eq!(
        in_category(grinders.clone()).await,
        vec![hand_grinder.clone()]
    );

    let tree = stack.graphql(None, "query($m: ID!) { categories { name children { name children { name path breadcrumbs } } } category(id: $m) { parent { name } } }", json!({ "m": manual })).await;
    assert_eq!(
        tree["data"]["categories"],
        json!([{ "name": "Coffee", "children": [{ "name": "Grinders", "children": [{ "name": "Manual", "path": "coffee/grinders/manual", "breadcrumbs": ["Coffee", "Grinders", "Manual"] }] }] }]),
        "{tree}"
    );
    assert_eq!(tree["data"]["category"]["parent"]["name"], "Grinders");

    // Moving a category under its own descendant is refused; a real move re-parents the subtree.
    let cycle = stack
        .graphql(
            Some(&staff),
            "mutation($c: ID!, $p: ID) { moveCategory(id: $c, parentId: $p) { path } }",
            json!({ "c": coffee, "p": manual }),
        )
        .await;
    assert_eq!(
        (
            error_code(&cycle),
            cycle["errors"][0]["extensions"]["field"].as_str()
        ),
        (Some("BAD_USER_INPUT"), Some("parentId")),
        "{cycle}"
    );
    let moved = stack
        .graphql(
            Some(&staff),
            "mutation($c: ID!) { moveCategory(id: $c, parentId: null) { path children { path } } }",
            json!({ "c": grinders }),
        )
        .await;
    assert_eq!(
        moved["data"]["moveCategory"],
        json!({ "path": "grinders", "children": [{ "path": "grinders/manual" }] }),
        "{moved}"
    );
    assert_eq!(in_category(coffee.clone()).await, vec![beans.clone()]);

    let renamed = stack.graphql(Some(&staff), "mutation($c: ID!) { renameCategory(id: $c, name: \"Mills\", slug: \"mills\") { name path } }", json!({ "c": grinders })).await;
    assert_eq!(
        renamed["data"]["renameCategory"],
        json!({ "name": "Mills", "path": "mills" })
    );

    let (customer, _) = stack
        .register_and_login(
            &format!("tree-{}@example.com", uuid::Uuid::new_v4().simple()),
            "tree-password",
        )
        .await;
    let refused = stack
        .graphql(
            Some(&customer),
            "mutation { createCategory(name: \"Mine\") { id } }",
            json!({}),
        )
        .await;
    assert_eq!(error_code(&refused), Some("FORBIDDEN"));
    let unknown = stack
        .graphql(Some(&staff), "mutation($p: ID!) { setProductCategories(productId: $p, categoryIds: [\"00000000-0000-7000-9000-0000000000aa\"]) { id } }", json!({ "p": beans }))
        .await;
    assert_eq!(error_code(&unknown), Some("BAD_USER_INPUT"), "{unknown}");
    stack.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn reviews_are_verified_for_buyers_resolve_their_authors_and_are_moderated_by_staff() {
    let stack = spawn_stack().await;
    let staff = stack.staff_token().await;
    let unique = uuid::Uuid::new_v4().simple().to_string();
    let (buyer, buyer_id) = stack
        .register_and_login(&format!("buyer-{unique}@example.com"), "buyer-password")
        .await;
    let (browser, _) = stack
        .register_and_login(&format!("browser-{unique}@example.com"), "browser-password")
        .await;
    let created = stack
        .graphql(Some(&staff), "mutation { createProduct(input: { name: \"Wireless Headphones\", brand: \"Sony\", price: { amount: \"99\", currency: \"USD\" }, stock: 5 }) { id } }", json!({}))
        .await;
    let id = created["data"]["createProduct"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{created}"))
        .to_string();

    // A typo still finds it, through the router.
    let found = stack
        .graphql(
            None,
            "{ products(filter: { search: \"hedphones\" }) { totalCount edges { node { id } } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        found["data"]["products"]["edges"][0]["node"]["id"],
        id.as_str(),
        "{found}"
    );

    let ordered = stack.buy(&buyer, &id, 1).await;
    assert!(ordered.get("errors").is_none(), "{ordered}");

    let write = "mutation($i: WriteReviewInput!) { writeReview(input: $i) { id rating verifiedPurchase author { id name } } }";
    let review = |rating: i64| json!({ "i": { "productId": id, "rating": rating, "title": "Great", "body": "Clear sound." } });
    let bought = stack.graphql(Some(&buyer), write, review(5)).await;
    let bought = &bought["data"]["writeReview"];
    assert_eq!(
        bought["verifiedPurchase"], true,
        "the order service confirmed the purchase: {bought}"
    );
    assert_eq!(bought["author"]["id"], buyer_id.as_str());
    assert!(
        bought["author"]["name"].is_string(),
        "the user subgraph resolved the author: {bought}"
    );
    let browsed = stack.graphql(Some(&browser), write, review(2)).await;
    assert_eq!(
        browsed["data"]["writeReview"]["verifiedPurchase"], false,
        "{browsed}"
    );
    let browsed_id = browsed["data"]["writeReview"]["id"]
        .as_str()
        .unwrap()
        .to_string();

    assert_eq!(
        error_code(&stack.graphql(Some(&buyer), write, review(4)).await),
        Some("CONFLICT")
    );
    for bad in [0, 6] {
        assert_eq!(
            error_code(&stack.graphql(Some(&browser), write, review(bad)).await),
            Some("BAD_USER_INPUT")
        );
    }
    assert_eq!(
        error_code(&stack.graphql(None, write, review(3)).await),
        Some("UNAUTHENTICATED")
    );

    let product = "query($id: ID!) { product(id: $id) { rating { average count } reviews(sort: HIGHEST_RATING) { totalCount edges { node { rating author { name } } } } } }";
    let shown = stack.graphql(None, product, json!({ "id": id })).await;
    assert_eq!(
        shown["data"]["product"]["rating"],
        json!({ "average": 3.5, "count": 2 }),
        "{shown}"
    );
    assert_eq!(
        shown["data"]["product"]["reviews"]["edges"][0]["node"]["rating"],
        5
    );

    let mine = stack
        .graphql(
            Some(&buyer),
            "{ me { reviews { rating product { id } } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        mine["data"]["me"]["reviews"],
        json!([{ "rating": 5, "product": { "id": id } }]),
        "{mine}"
    );

    let hide = "mutation($r: ID!) { hideReview(id: $r) { hidden } }";
    assert_eq!(
        error_code(
            &stack
                .graphql(Some(&buyer), hide, json!({ "r": browsed_id }))
                .await
        ),
        Some("FORBIDDEN")
    );
    let hidden = stack
        .graphql(Some(&staff), hide, json!({ "r": browsed_id }))
        .await;
    assert_eq!(hidden["data"]["hideReview"]["hidden"], true, "{hidden}");
    let shown = stack.graphql(None, product, json!({ "id": id })).await;
    assert_eq!(
        shown["data"]["product"]["rating"],
        json!({ "average": 5.0, "count": 1 })
    );
    stack.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_customer_gets_forbidden_on_every_staff_mutation() {
    let stack = spawn_stack().await;
    let staff = stack.staff_token().await;
    let (customer, _) = stack
        .register_and_login(
            &format!("nosy-{}@example.com", uuid::Uuid::new_v4().simple()),
            "customer-password",
        )
        .await;
    let made = stack
        .graphql(Some(&staff), "mutation { createProduct(input: { name: \"Mug\", price: { amount: \"9\", currency: \"USD\" }, stock: 3 }) { id } createCategory(name: \"Cups\") { id } }", json!({}))
        .await;
    let (p, c) = (
        made["data"]["createProduct"]["id"]
            .as_str()
            .unwrap_or_else(|| panic!("{made}"))
            .to_string(),
        made["data"]["createCategory"]["id"]
            .as_str()
            .unwrap()
            .to_string(),
    );
    let review = stack
        .graphql(
            Some(&customer),
            "mutation($p: ID!) { writeReview(input: { productId: $p, rating: 4 }) { id } }",
            json!({ "p": p }),
        )
        .await;
    let r = review["data"]["writeReview"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{review}"))
        .to_string();
    let vars = json!({ "p": p, "c": c, "r": r });
    for mutation in [
        "mutation { createProduct(input: { name: \"X\", price: { amount: \"1\", currency: \"USD\" } }) { id } }",
        "mutation($p: ID!) { updateProduct(id: $p, input: { name: \"Y\" }) { id } }",
        "mutation($p: ID!) { archiveProduct(id: $p) { id } }",
        "mutation($p: ID!) { deleteProduct(id: $p) }",
        "mutation($p: ID!) { adjustStock(input: { productId: $p, delta: 5, reason: RESTOCK }) { id } }",
        "mutation($p: ID!, $c: ID!) { setProductCategories(productId: $p, categoryIds: [$c]) { id } }",
        "mutation { createCategory(name: \"Z\") { id } }",
        "mutation($c: ID!) { renameCategory(id: $c, name: \"Z\") { id } }",
        "mutation($c: ID!) { moveCategory(id: $c, parentId: null) { id } }",
        "mutation($r: ID!) { hideReview(id: $r) { id } }",
    ] {
        let response = stack.graphql(Some(&customer), mutation, vars.clone()).await;
        assert_eq!(
            error_code(&response),
            Some("FORBIDDEN"),
            "{mutation}: {response}"
        );
    }
    stack.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn staff_manage_products_over_grpc_with_their_token() {
    use proto::product::product_service_client::ProductServiceClient;
    use proto::product::{
        AddProductRequest, Attribute, DeleteProductRequest, GetProductRequest, ListProductsRequest,
        UpdateProductRequest, attribute::Value,
    };

    let stack = spawn_stack().await;
    let staff = stack.staff_token().await;
    let (customer, _) = stack
        .register_and_login(
            &format!("grpc-{}@example.com", uuid::Uuid::new_v4().simple()),
            "customer-password",
        )
        .await;
    let mut client = ProductServiceClient::new(platform::testing::grpc_channel(
        &stack.product_grpc.clone(),
        "product",
        None,
    ));
    fn with_token<T>(token: Option<&str>, message: T) -> tonic::Request<T> {
        let mut request = tonic::Request::new(message);
        if let Some(token) = token {
            request
                .metadata_mut()
                .insert("authorization", format!("Bearer {token}").parse().unwrap());
        }
        request
    }
    let add = |name: &str, price: &str| AddProductRequest {
        name: name.into(),
        price_amount: price.into(),
        currency: "USD".into(),
        stock: 4,
        brand: "Hario".into(),
        attributes: vec![Attribute {
            key: "capacity_ml".into(),
            value: Some(Value::Number(600.0)),
        }],
        ..Default::default()
    };

    let denied = client
        .add_product(with_token(None, add("Dripper", "25")))
        .await
        .unwrap_err();
    assert_eq!(denied.code(), tonic::Code::Unauthenticated);
    let denied = client
        .add_product(with_token(Some(&customer), add("Dripper", "25")))
        .await
        .unwrap_err();
    assert_eq!(denied.code(), tonic::Code::PermissionDenied);
    let invalid = client
        .add_product(with_token(Some(&staff), add("Dripper", "-25")))
        .await
        .unwrap_err();
    assert_eq!(invalid.code(), tonic::Code::InvalidArgument);
    assert_eq!(
        invalid
            .metadata()
            .get("field")
            .and_then(|v| v.to_str().ok()),
        Some("price")
    );

    let dripper = client
        .add_product(with_token(Some(&staff), add("Dripper", "25")))
        .await
        .unwrap()
        .into_inner();
    assert_eq!(
        (
            dripper.stock_status.as_str(),
            dripper.available,
            dripper.attributes.len()
        ),
        ("LOW_STOCK", 4, 1)
    );
    for (name, price) in [("Kettle", "60"), ("Scale", "45.50")] {
        client
            .add_product(with_token(Some(&staff), add(name, price)))
            .await
            .unwrap();
    }
    let updated = client
        .update_product(with_token(
            Some(&staff),
            UpdateProductRequest {
                id: dripper.id.clone(),
                name: Some("V60 Dripper".into()),
                brand: Some(String::new()),
                ..Default::default()
            },
        ))
        .await
        .unwrap()
        .into_inner();
    assert_eq!(
        (updated.name.as_str(), updated.brand.as_str()),
        ("V60 Dripper", "")
    );

    // Pages by token, cheapest first.
    let mut names = Vec::new();
    let mut token = String::new();
    loop {
        let page = client
            .list_products(ListProductsRequest {
                sort: "PRICE_ASC".into(),
                page_size: 2,
                page_token: token,
                ..Default::default()
            })
            .await
            .unwrap()
            .into_inner();
        assert_eq!(page.total_count, 3);
        names.extend(page.products.into_iter().map(|p| p.name));
        if page.next_page_token.is_empty() {
            break;
        }
        token = page.next_page_token;
    }
    assert_eq!(names, ["V60 Dripper", "Scale", "Kettle"]);
    let bad = client
        .list_products(ListProductsRequest {
            page_size: 1000,
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(bad.code(), tonic::Code::InvalidArgument);

    client
        .delete_product(with_token(
            Some(&staff),
            DeleteProductRequest {
                id: dripper.id.clone(),
            },
        ))
        .await
        .unwrap();
    let gone = client
        .get_product(GetProductRequest {
            id: dripper.id.clone(),
        })
        .await
        .unwrap()
        .into_inner();
    assert!(gone.deleted, "orders still resolve a deleted product");
    let listed = client
        .list_products(ListProductsRequest::default())
        .await
        .unwrap()
        .into_inner();
    assert_eq!(listed.total_count, 2);
    let missing = client
        .get_product(GetProductRequest {
            id: uuid::Uuid::now_v7().to_string(),
        })
        .await
        .unwrap_err();
    assert_eq!(missing.code(), tonic::Code::NotFound);

    // Stock: an outside caller needs a STAFF token (any bearer header gets
    // past the allowlist; the method checks the role), and the ledger
    // records who adjusted.
    let restock = |id: &str| proto::product::AdjustStockRequest {
        product_id: id.to_string(),
        delta: 5,
        reason: "RESTOCK".into(),
        note: "delivery".into(),
        idempotency_key: String::new(),
    };
    let kettle = client
        .add_product(with_token(Some(&staff), add("Kettle", "30")))
        .await
        .unwrap()
        .into_inner();
    let denied = client
        .adjust_stock(with_token(Some(&customer), restock(&kettle.id)))
        .await
        .unwrap_err();
    assert_eq!(denied.code(), tonic::Code::PermissionDenied);
    let forged = client
        .adjust_stock(with_token(Some("not-a-token"), restock(&kettle.id)))
        .await
        .unwrap_err();
    assert_eq!(forged.code(), tonic::Code::Unauthenticated);
    let level = client
        .adjust_stock(with_token(Some(&staff), restock(&kettle.id)))
        .await
        .unwrap()
        .into_inner();
    assert_eq!(level.on_hand, 9);
    assert_eq!(
        stack
            .scalar(&format!(
                "SELECT count(*) FROM products.stock_movements WHERE product_id = '{}' AND actor_id IS NOT NULL AND reason = 'RESTOCK'",
                kettle.id
            ))
            .await,
        1,
        "the ledger names the staff member"
    );
    stack.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn bad_catalog_input_through_the_router_is_bad_user_input_never_internal() {
    let stack = spawn_stack().await;
    let staff = stack.staff_token().await;
    let create = "mutation($i: CreateProductInput!) { createProduct(input: $i) { id } }";
    let product = |overrides: serde_json::Value| {
        let mut input =
            json!({ "name": "Mug", "price": { "amount": "9.50", "currency": "USD" }, "stock": 3 });
        for (key, value) in overrides.as_object().unwrap() {
            input[key] = value.clone();
        }
        json!({ "i": input })
    };
    let megabyte = "x".repeat(1_000_000);
    for (case, variables) in [
        (
            "negative price",
            product(json!({ "price": { "amount": "-1", "currency": "USD" } })),
        ),
        ("negative stock", product(json!({ "stock": -5 }))),
        (
            "1 MB description",
            product(json!({ "description": megabyte })),
        ),
        (
            "an attribute with two values",
            product(json!({ "attributes": [{ "key": "color", "text": "red", "number": 1 }] })),
        ),
        ("a malformed slug", product(json!({ "slug": "Not A Slug" }))),
    ] {
        let response = stack.graphql(Some(&staff), create, variables).await;
        assert_eq!(
            error_code(&response),
            Some("BAD_USER_INPUT"),
            "{case}: {response}"
        );
    }
    let made = stack
        .graphql(Some(&staff), create, product(json!({})))
        .await;
    let id = made["data"]["createProduct"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{made}"))
        .to_string();
    for (case, query, variables) in [
        (
            "stock below zero",
            "mutation($p: ID!) { adjustStock(input: { productId: $p, delta: -10, reason: DAMAGE }) { id } }",
            json!({ "p": id }),
        ),
        (
            "an unknown category",
            "mutation($p: ID!, $c: ID!) { setProductCategories(productId: $p, categoryIds: [$c]) { id } }",
            json!({ "p": id, "c": uuid::Uuid::now_v7() }),
        ),
        (
            "an unknown category filter",
            "query($c: ID!) { products(filter: { categoryId: $c }) { totalCount } }",
            json!({ "c": uuid::Uuid::now_v7() }),
        ),
        (
            "first: 10000",
            "{ products(first: 10000) { totalCount } }",
            json!({}),
        ),
        (
            "a malformed cursor",
            "{ products(after: \"bm90IGEgY3Vyc29y\") { totalCount } }",
            json!({}),
        ),
    ] {
        let response = stack.graphql(Some(&staff), query, variables).await;
        assert_eq!(
            error_code(&response),
            Some("BAD_USER_INPUT"),
            "{case}: {response}"
        );
    }
    stack.shutdown().await;
}
