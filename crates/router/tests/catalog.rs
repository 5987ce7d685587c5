//! The catalog lifecycle through the router: staff edit, archive and delete
//! products; customers see only what is on sale; orders keep resolving.

mod support;

use serde_json::json;
use support::{error_code, spawn_stack};

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
    let placed = stack
        .graphql(
            Some(&customer),
            "mutation($p: ID!) { placeOrder(lines: [{ productId: $p, quantity: 1 }]) { id } }",
            json!({ "p": id }),
        )
        .await;
    assert!(placed["data"]["placeOrder"]["id"].is_string(), "{placed}");
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
            "mutation($p: ID!) { placeOrder(lines: [{ productId: $p, quantity: 1 }]) { id } }",
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
    assert_eq!(seen(Some(staff.clone())).await.1, false);
    let history = stack.graphql(Some(&customer), "{ me { orders { lines { productName unitPrice { amount } product { id name status } } } } }", json!({})).await;
    let line = &history["data"]["me"]["orders"][0]["lines"][0];
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
