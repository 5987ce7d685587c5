//! Listing: full-text and fuzzy search, filters, every sort, cursors under
//! concurrent inserts, facets and bad input.

use std::collections::HashSet;

use product::domain::{AttributeValue, DetailsInput, NewReview};
use serde_json::{Value, json};
use uuid::Uuid;

use super::{TestApp, eventually, metric, metrics, spawn_app};

fn details(brand: &str, attributes: &[(&str, AttributeValue)]) -> DetailsInput {
    DetailsInput {
        brand: Some(brand.into()),
        attributes: attributes
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect(),
        ..Default::default()
    }
}

fn text(value: &str) -> AttributeValue {
    AttributeValue::Text(value.into())
}

/// The names on one page of `products(filter, sort)`.
async fn names(app: &TestApp, filter: Value, sort: &str) -> Vec<String> {
    let response = app
        .graphql(
            &format!("query($f: ProductFilter) {{ products(filter: $f, sort: {sort}, first: 100) {{ edges {{ node {{ name }} }} }} }}"),
            json!({ "f": filter }),
        )
        .await;
    response["data"]["products"]["edges"]
        .as_array()
        .unwrap_or_else(|| panic!("{response}"))
        .iter()
        .map(|e| e["node"]["name"].as_str().unwrap().to_string())
        .collect()
}

fn code(response: &Value) -> &str {
    response["errors"][0]["extensions"]["code"]
        .as_str()
        .unwrap_or("<no error>")
}

#[tokio::test]
async fn a_misspelled_query_finds_headphones_and_sql_metacharacters_are_only_text() {
    let app = spawn_app().await;
    app.product("Wireless Headphones", "99", 5, details("Sony", &[]))
        .await;
    app.product("Coffee Grinder", "50", 5, details("Baratza", &[]))
        .await;
    app.product("Desk Lamp", "30", 5, details("Ikea", &[]))
        .await;

    assert_eq!(
        names(&app, json!({ "search": "headphones" }), "RELEVANCE").await,
        ["Wireless Headphones"]
    );
    assert_eq!(
        names(&app, json!({ "search": "hedphones" }), "RELEVANCE").await,
        ["Wireless Headphones"],
        "the trigram fallback finds the misspelling"
    );
    // The threshold is the connection's pg_trgm setting, 0.4 (PostgreSQL's
    // default is 0.6): "headfones" scores 0.5 and is found, "hedfones" 0.33
    // and is not.
    assert_eq!(
        names(&app, json!({ "search": "headfones" }), "RELEVANCE").await,
        ["Wireless Headphones"]
    );
    assert!(
        names(&app, json!({ "search": "hedfones" }), "RELEVANCE")
            .await
            .is_empty()
    );
    let searched_as = |search: &'static str| {
        let app = &app;
        async move {
            let response = app
                .graphql(
                    "query($s: String) { products(filter: { search: $s }) { searchedAs } }",
                    json!({ "s": search }),
                )
                .await;
            response["data"]["products"]["searchedAs"].clone()
        }
    };
    assert_eq!(
        searched_as("hedphones").await,
        json!("headphones"),
        "the storefront can say what a misspelling was read as"
    );
    assert_eq!(
        searched_as("wireless hedphones").await,
        json!("wireless headphones")
    );
    assert_eq!(
        searched_as("headphones").await,
        Value::Null,
        "matched as written"
    );
    assert_eq!(searched_as("zzqqxx").await, Value::Null, "nothing matched");
    assert_eq!(
        names(&app, json!({ "search": "baratza" }), "RELEVANCE").await,
        ["Coffee Grinder"],
        "brand is searched"
    );
    for nasty in [
        "'; DROP TABLE products; --",
        "\" OR 1=1 --",
        "a & | ! ( ) : * <->",
        "%_\\",
    ] {
        let response = app
            .graphql(
                "query($s: String) { products(filter: { search: $s }) { totalCount edges { node { id } } } }",
                json!({ "s": nasty }),
            )
            .await;
        assert!(response.get("errors").is_none(), "{nasty}: {response}");
    }
    assert_eq!(
        names(&app, json!({}), "NEWEST").await.len(),
        3,
        "nothing was dropped"
    );
    app.finish().await;
}

#[tokio::test]
async fn a_search_its_count_and_facets_come_from_the_index_and_only_the_page_is_read() {
    let app = spawn_app().await;
    for i in 0..5 {
        app.product(&format!("Headphones {i}"), "99", 5, details("Sony", &[]))
            .await;
    }
    app.product("Desk Lamp", "30", 5, details("Ikea", &[]))
        .await;
    let query =
        "query($s: String, $a: String) { products(filter: { search: $s }, first: 2, after: $a) {
        totalCount totalCountIsExact searchedAs pageInfo { endCursor }
        facets { complete brands { brand count } }
        edges { node { name } } } }";
    let listed = |search: &'static str, after: Value| {
        let app = &app;
        async move {
            let before = app.app_db.statement_count();
            let answer = app.graphql(query, json!({ "s": search, "a": after })).await;
            (answer, app.app_db.statement_count() - before)
        }
    };
    // The index ranks, counts and counts facets; PostgreSQL reads the
    // page's two products by id: one statement.
    let (first, statements) = listed("headphones", Value::Null).await;
    assert_eq!(statements, 1, "{first}");
    let products = &first["data"]["products"];
    assert_eq!(products["totalCount"], 5, "{first}");
    assert_eq!(products["totalCountIsExact"], true);
    assert_eq!(products["searchedAs"], Value::Null, "{first}");
    assert_eq!(products["edges"].as_array().unwrap().len(), 2);
    assert_eq!(
        products["facets"]["brands"],
        json!([{ "brand": "Sony", "count": 5 }]),
        "{first}"
    );
    // A later page is counted by the index too.
    let (second, statements) =
        listed("headphones", products["pageInfo"]["endCursor"].clone()).await;
    assert_eq!(statements, 1, "{second}");
    assert_eq!(second["data"]["products"]["totalCount"], 5, "{second}");
    // The typo-tolerant path is the index's too; no match reads nothing.
    let (fuzzy, statements) = listed("hedphones", Value::Null).await;
    assert_eq!(statements, 1, "{fuzzy}");
    assert_eq!(fuzzy["data"]["products"]["totalCount"], 5, "{fuzzy}");
    assert_eq!(
        fuzzy["data"]["products"]["searchedAs"], "headphones",
        "{fuzzy}"
    );
    let (none, statements) = listed("zzqqxx", Value::Null).await;
    assert_eq!(statements, 0, "{none}");
    assert_eq!(none["data"]["products"]["totalCount"], 0, "{none}");
    assert_eq!(none["data"]["products"]["totalCountIsExact"], true);
    app.finish().await;
}

#[tokio::test]
async fn relevance_ranks_a_name_match_above_a_description_match() {
    let app = spawn_app().await;
    let mut new = product::domain::NewProduct::parse(
        "Travel Mug",
        Some("Keeps tea hot; pairs with our kettle."),
        "20",
        "USD",
        5,
    )
    .unwrap();
    new.details.slug = "travel-mug".into();
    app.catalog
        .create_product(&TestApp::staff(), new)
        .await
        .unwrap();
    app.product("Gooseneck Kettle", "60", 5, details("Fellow", &[]))
        .await;
    assert_eq!(
        names(&app, json!({ "search": "kettle" }), "RELEVANCE").await,
        ["Gooseneck Kettle", "Travel Mug"]
    );
    app.finish().await;
}

#[tokio::test]
async fn every_sort_order_is_correct() {
    let app = spawn_app().await;
    let cheap = app.product("Cheap", "5", 50, details("A", &[])).await;
    let middle = app.product("Middle", "20", 50, details("B", &[])).await;
    let dear = app.product("Dear", "80", 50, details("C", &[])).await;
    let unrated = app.product("Unrated", "40", 50, details("D", &[])).await;

    // Ratings: Middle 5, Dear 4 and 2 (3.0), Cheap 1; Unrated none.
    for (product, stars) in [(&middle, 5), (&dear, 4), (&dear, 2), (&cheap, 1)] {
        app.catalog
            .write_review(
                &TestApp::customer(),
                product.id,
                NewReview::parse(stars, "", "").unwrap(),
            )
            .await
            .map_err(|e| format!("{e:?}"))
            .unwrap();
    }
    // Sales: Unrated 7, Cheap 3, others none.
    for (product, quantity) in [(&unrated, 7), (&cheap, 3)] {
        let id = Uuid::now_v7();
        app.catalog
            .reserve_stock(id, &[(product.id, quantity)], 60)
            .await
            .unwrap();
        app.catalog.commit_reservation(id).await.unwrap();
    }

    let all = json!({});
    assert_eq!(
        names(&app, all.clone(), "PRICE_ASC").await,
        ["Cheap", "Middle", "Unrated", "Dear"]
    );
    assert_eq!(
        names(&app, all.clone(), "PRICE_DESC").await,
        ["Dear", "Unrated", "Middle", "Cheap"]
    );
    assert_eq!(
        names(&app, all.clone(), "NEWEST").await,
        ["Unrated", "Dear", "Middle", "Cheap"]
    );
    assert_eq!(
        names(&app, all.clone(), "RATING").await,
        ["Middle", "Dear", "Cheap", "Unrated"]
    );
    assert_eq!(
        names(&app, all.clone(), "BEST_SELLING").await,
        ["Unrated", "Cheap", "Dear", "Middle"]
    );
    assert_eq!(
        names(&app, all, "RELEVANCE").await,
        ["Unrated", "Dear", "Middle", "Cheap"],
        "without a search, relevance is newest first"
    );

    let rating = app
        .graphql(
            "query($id: ID!) { product(id: $id) { rating { average count } } }",
            json!({ "id": dear.id }),
        )
        .await;
    assert_eq!(
        rating["data"]["product"]["rating"],
        json!({ "average": 3.0, "count": 2 })
    );
    app.finish().await;
}

#[tokio::test]
async fn paging_with_cursors_returns_every_product_exactly_once_while_products_are_inserted() {
    let app = spawn_app().await;
    let mut originals = HashSet::new();
    for i in 0..30 {
        let p = app
            .product(
                &format!("Widget {i}"),
                &format!("{}.{:02}", 10 + (i * 7) % 23, i),
                5,
                details("Acme", &[]),
            )
            .await;
        originals.insert(p.id.to_string());
    }
    for (sort, search) in [
        ("NEWEST", None),
        ("PRICE_ASC", None),
        ("PRICE_DESC", None),
        ("RELEVANCE", Some("widget")),
    ] {
        let mut seen = Vec::new();
        let mut after = Value::Null;
        let mut inserted = 0;
        loop {
            let response = app
                .graphql(
                    &format!("query($a: String, $f: ProductFilter) {{ products(first: 7, after: $a, sort: {sort}, filter: $f) {{ edges {{ node {{ id }} }} pageInfo {{ hasNextPage endCursor }} }} }}"),
                    json!({ "a": after, "f": { "search": search } }),
                )
                .await;
            let products = &response["data"]["products"];
            for edge in products["edges"]
                .as_array()
                .unwrap_or_else(|| panic!("{response}"))
            {
                seen.push(edge["node"]["id"].as_str().unwrap().to_string());
            }
            // Between pages, new products land before, among and after the
            // ones already seen.
            for price in ["1", "15.50", "99"] {
                app.product(
                    &format!("Widget new {sort} {inserted}"),
                    price,
                    5,
                    details("Acme", &[]),
                )
                .await;
                inserted += 1;
            }
            if products["pageInfo"]["hasNextPage"] == false {
                break;
            }
            after = products["pageInfo"]["endCursor"].clone();
        }
        let unique: HashSet<&String> = seen.iter().collect();
        assert_eq!(unique.len(), seen.len(), "{sort}: a product came twice");
        let missed: Vec<&String> = originals.iter().filter(|id| !unique.contains(id)).collect();
        assert!(missed.is_empty(), "{sort}: missed {missed:?}");
    }
    app.finish().await;
}

#[tokio::test]
async fn filters_combine_and_facets_count_what_the_filter_matches() {
    let app = spawn_app().await;
    let staff = TestApp::staff();
    let audio = app
        .catalog
        .create_category(&staff, "Audio", None, None)
        .await
        .unwrap();
    let headphones = app
        .catalog
        .create_category(&staff, "Headphones", None, Some(audio.id))
        .await
        .unwrap();
    let in_ear = app
        .catalog
        .create_category(&staff, "In-ear", None, Some(headphones.id))
        .await
        .unwrap();
    let kitchen = app
        .catalog
        .create_category(&staff, "Kitchen", None, None)
        .await
        .unwrap();
    let watts = |n: f64| AttributeValue::number(n).unwrap();
    let specs = [
        (
            "Studio Cans",
            "199",
            4,
            "Sony",
            "black",
            40.0,
            true,
            in_ear.id,
        ),
        (
            "Budget Buds",
            "19.99",
            0,
            "Sony",
            "white",
            10.0,
            false,
            in_ear.id,
        ),
        (
            "Over-ear Pro",
            "349",
            9,
            "Bose",
            "black",
            60.0,
            true,
            headphones.id,
        ),
        (
            "Kettle", "45", 9, "Fellow", "black", 1200.0, false, kitchen.id,
        ),
    ];
    let mut ids = Vec::new();
    for (name, price, stock, brand, color, power, wireless, category) in specs {
        let p = app
            .product(
                name,
                price,
                stock,
                details(
                    brand,
                    &[
                        ("color", text(color)),
                        ("watts", watts(power)),
                        ("wireless", AttributeValue::Boolean(wireless)),
                    ],
                ),
            )
            .await;
        app.catalog
            .set_product_categories(&staff, p.id, &[category])
            .await
            .unwrap();
        ids.push(p.id);
    }
    app.catalog
        .write_review(
            &TestApp::customer(),
            ids[2],
            NewReview::parse(5, "", "").unwrap(),
        )
        .await
        .unwrap();

    let sorted = |mut v: Vec<String>| {
        v.sort();
        v
    };
    assert_eq!(
        sorted(names(&app, json!({ "categoryId": audio.id }), "NEWEST").await),
        ["Budget Buds", "Over-ear Pro", "Studio Cans"],
        "a category includes every level below it"
    );
    assert_eq!(
        names(&app, json!({ "brands": ["Bose", "Fellow"] }), "PRICE_ASC").await,
        ["Kettle", "Over-ear Pro"]
    );
    assert_eq!(
        names(
            &app,
            json!({ "price": { "currency": "USD", "min": "19.99", "max": "199" } }),
            "PRICE_ASC"
        )
        .await,
        ["Budget Buds", "Kettle", "Studio Cans"],
        "both ends are inclusive"
    );
    assert!(
        names(&app, json!({ "price": { "currency": "EUR" } }), "NEWEST")
            .await
            .is_empty()
    );
    assert_eq!(
        names(&app, json!({ "attributes": [{ "key": "color", "values": ["black"] }, { "key": "watts", "min": 30, "max": 100 }] }), "PRICE_ASC").await,
        ["Studio Cans", "Over-ear Pro"]
    );
    assert_eq!(
        names(&app, json!({ "attributes": [{ "key": "wireless", "values": ["true"] }, { "key": "watts", "values": ["40"] }] }), "NEWEST").await,
        ["Studio Cans"],
        "typed values match their text form"
    );
    assert_eq!(
        names(
            &app,
            json!({ "attributes": [{ "key": "color", "min": 1 }] }),
            "NEWEST"
        )
        .await,
        Vec::<String>::new(),
        "a range never matches text values (and never fails on them)"
    );
    assert_eq!(
        sorted(
            names(
                &app,
                json!({ "inStock": true, "categoryId": audio.id }),
                "NEWEST"
            )
            .await
        ),
        ["Over-ear Pro", "Studio Cans"]
    );
    assert_eq!(
        names(&app, json!({ "minRating": 4.5 }), "NEWEST").await,
        ["Over-ear Pro"]
    );

    let facets = app
        .graphql(
            "query($f: ProductFilter) { products(filter: $f, first: 1) { totalCount facets { categories { category { name } count } brands { brand count } priceBuckets { min { amount currency } max { amount } count } } } }",
            json!({ "f": { "attributes": [{ "key": "color", "values": ["black"] }] } }),
        )
        .await;
    let products = &facets["data"]["products"];
    assert_eq!(products["totalCount"], 3, "{facets}");
    let categories: Vec<(String, i64)> = products["facets"]["categories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["category"]["name"].as_str().unwrap().to_string(),
                c["count"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        categories,
        [
            ("Audio".to_string(), 2),
            ("Headphones".into(), 2),
            ("In-ear".into(), 1),
            ("Kitchen".into(), 1)
        ]
    );
    assert_eq!(
        products["facets"]["brands"],
        json!([{ "brand": "Bose", "count": 1 }, { "brand": "Fellow", "count": 1 }, { "brand": "Sony", "count": 1 }])
    );
    assert_eq!(
        products["facets"]["priceBuckets"],
        json!([
            { "min": { "amount": "25.00", "currency": "USD" }, "max": { "amount": "50.00" }, "count": 1 },
            { "min": { "amount": "100.00", "currency": "USD" }, "max": { "amount": "250.00" }, "count": 1 },
            { "min": { "amount": "250.00", "currency": "USD" }, "max": { "amount": "500.00" }, "count": 1 },
        ])
    );

    // A sidebar page (page, totalCount, facets) is two statements: the
    // facets statement counts the same matches up to the same limit, and
    // totalCount is read from it. Without facets the count has its own.
    let black = json!({ "f": { "attributes": [{ "key": "color", "values": ["black"] }] } });
    for (selection, statements) in [
        (
            "totalCount totalCountIsExact facets { complete brands { count } }",
            2,
        ),
        ("totalCount totalCountIsExact", 2),
        ("facets { complete }", 2),
        ("edges { node { id } }", 1),
    ] {
        let before = app.app_db.statement_count();
        let answer = app
            .graphql(
                &format!(
                    "query($f: ProductFilter) {{ products(filter: $f, first: 1) {{ {selection} edges {{ node {{ id }} }} }} }}"
                ),
                black.clone(),
            )
            .await;
        assert_eq!(
            app.app_db.statement_count() - before,
            statements,
            "{selection}: {answer}"
        );
        if selection.starts_with("totalCount") {
            assert_eq!(answer["data"]["products"]["totalCount"], 3, "{answer}");
            assert_eq!(answer["data"]["products"]["totalCountIsExact"], true);
        }
    }
    app.finish().await;
}

#[tokio::test]
async fn bad_listing_input_is_bad_user_input_never_internal() {
    let app = spawn_app().await;
    app.add_products(3).await;
    let page = app
        .graphql(
            "{ products(first: 2, sort: PRICE_ASC) { pageInfo { endCursor } } }",
            json!({}),
        )
        .await;
    let price_cursor = page["data"]["products"]["pageInfo"]["endCursor"].clone();
    let cases = [
        ("{ products(first: 10000) { totalCount } }", json!({})),
        ("{ products(first: -1) { totalCount } }", json!({})),
        ("{ products(after: \"garbage\") { totalCount } }", json!({})),
        (
            "query($a: String) { products(after: $a, sort: NEWEST) { totalCount } }",
            json!({ "a": price_cursor }),
        ),
        (
            "query($c: ID) { products(filter: { categoryId: $c }) { totalCount } }",
            json!({ "c": Uuid::now_v7() }),
        ),
        (
            "{ products(filter: { categoryId: \"nope\" }) { totalCount } }",
            json!({}),
        ),
        (
            "{ products(filter: { minRating: 0 }) { totalCount } }",
            json!({}),
        ),
        (
            "{ products(filter: { minRating: 6 }) { totalCount } }",
            json!({}),
        ),
        (
            "{ products(filter: { price: { currency: \"USD\", min: \"-5\" } }) { totalCount } }",
            json!({}),
        ),
        (
            "{ products(filter: { price: { currency: \"DOLLARS\" } }) { totalCount } }",
            json!({}),
        ),
        (
            "{ products(filter: { attributes: [{ key: \"Bad Key\", values: [\"x\"] }] }) { totalCount } }",
            json!({}),
        ),
        (
            "{ products(filter: { attributes: [{ key: \"color\" }] }) { totalCount } }",
            json!({}),
        ),
        (
            "query($s: String) { products(filter: { search: $s }) { totalCount } }",
            json!({ "s": "x".repeat(201) }),
        ),
    ];
    for (query, variables) in cases {
        let response = app.graphql(query, variables.clone()).await;
        assert_eq!(
            code(&response),
            "BAD_USER_INPUT",
            "{query} {variables}: {response}"
        );
    }
    app.finish().await;
}

/// How many products a replica's own index finds for `text`.
async fn found(index: &std::sync::Arc<product::store::SearchIndex>, text: &str) -> i64 {
    use product::ports::SearchEngine;
    let filter = product::domain::ProductFilter {
        text: Some(text.to_string()),
        ..Default::default()
    };
    index
        .clone()
        .count(&filter)
        .await
        .unwrap()
        .expect("the index answers a plain search")
        .count
}

#[tokio::test]
async fn another_replica_follows_every_change_even_one_whose_transaction_commits_late() {
    let app = spawn_app().await;
    let pool = app.app_db.pool().clone();
    let shoes = app
        .product("Trail Shoes", "80", 5, details("Acme", &[]))
        .await;
    // A second replica's index, on the same database.
    let replica = product::store::SearchIndex::build(pool.clone())
        .await
        .unwrap();
    let _follow = platform::server::AbortOnDrop(tokio::spawn(replica.clone().follow()));
    assert_eq!(found(&replica, "shoes").await, 1);

    // A transaction renames the shoes and stays open while another product
    // is created, committed and indexed by the replica...
    let mut late = pool.begin().await.unwrap();
    sqlx::query("UPDATE products.products SET name = 'Mountain Boots' WHERE id = $1")
        .bind(shoes.id)
        .execute(&mut *late)
        .await
        .unwrap();
    app.product("Rain Jacket", "120", 5, details("Acme", &[]))
        .await;
    eventually("the replica indexes the jacket", 1, || {
        found(&replica, "jacket")
    })
    .await;
    // ...and commits after the replica has read past it: not missed.
    late.commit().await.unwrap();
    eventually("the replica sees the late rename", 1, || {
        found(&replica, "mountain boots")
    })
    .await;

    // A product deleted, or taken off sale, leaves the other replica's
    // results as well.
    app.catalog
        .delete_product(&TestApp::staff(), shoes.id)
        .await
        .unwrap();
    eventually("the replica forgets the deleted boots", 0, || {
        found(&replica, "boots")
    })
    .await;
    app.finish().await;
}

#[tokio::test]
async fn moving_a_category_moves_its_products_in_the_index() {
    let app = spawn_app().await;
    let staff = TestApp::staff();
    let category = |name: &'static str, parent: Option<Uuid>| {
        let (app, staff) = (&app, &staff);
        async move {
            app.catalog
                .create_category(staff, name, None, parent)
                .await
                .unwrap()
                .id
        }
    };
    let (audio, kitchen) = (
        category("Audio", None).await,
        category("Kitchen", None).await,
    );
    let speakers = category("Speakers", Some(audio)).await;
    let speaker = app
        .product("Bookshelf Speaker", "150", 5, details("Acme", &[]))
        .await;
    app.catalog
        .set_product_categories(&staff, speaker.id, &[speakers])
        .await
        .unwrap();
    let under = |category: Uuid| {
        let app = &app;
        async move {
            let filter = product::domain::ProductFilter {
                category: Some(category),
                ..Default::default()
            };
            let facets = app.catalog.facets(&filter).await.unwrap();
            (
                app.catalog.count(&filter).await.unwrap().count,
                facets.matched,
            )
        }
    };
    assert_eq!(under(audio).await, (1, 1));
    assert_eq!(under(kitchen).await, (0, 0));
    app.catalog
        .move_category(&staff, speakers, Some(kitchen))
        .await
        .unwrap();
    // Answered by this replica's index, which waits for its own writes.
    assert_eq!(under(audio).await, (0, 0));
    assert_eq!(under(kitchen).await, (1, 1));
    app.finish().await;
}

/// Every listing the index answers, in every order it serves, pages exactly
/// as PostgreSQL does: the same products in the same order (ties included),
/// a cursor from either continuing in the other, and the same count and
/// facets, which come with the page from the same pass.
#[tokio::test]
async fn the_index_pages_every_order_as_postgresql_does_and_their_cursors_mix() {
    use product::app::catalog::Catalog;
    use product::domain::{ProductFilter, ProductSort};
    let app = spawn_app().await;
    let staff = TestApp::staff();
    let department = app
        .catalog
        .create_category(&staff, "Outdoor", None, None)
        .await
        .unwrap()
        .id;
    let mut leaves = Vec::new();
    for name in ["Tents", "Stoves"] {
        let leaf = app
            .catalog
            .create_category(&staff, name, None, Some(department))
            .await
            .unwrap();
        leaves.push(leaf.id);
    }
    // Prices and ratings repeat, so ties must break by id as PostgreSQL's.
    for i in 0..24usize {
        let price = ["5", "12.50", "12.50", "30", "99", "5"][i % 6];
        let stock = if i % 7 == 3 { 0 } else { 5 };
        let brand = ["Acme", "Fellow", "Sony"][i % 3];
        let name = if i % 4 == 0 {
            format!("Widget {i}")
        } else {
            format!("Gadget {i}")
        };
        let p = app.product(&name, price, stock, details(brand, &[])).await;
        if i % 5 != 4 {
            app.catalog
                .set_product_categories(&staff, p.id, &[leaves[i % 2]])
                .await
                .unwrap();
        }
        if i % 3 != 2 {
            let stars = (i % 4 + 2) as i64;
            app.catalog
                .write_review(
                    &TestApp::customer(),
                    p.id,
                    NewReview::parse(stars, "", "").unwrap(),
                )
                .await
                .map_err(|e| format!("{e:?}"))
                .unwrap();
        }
    }
    let postgres = Catalog::new(app.catalog.store().clone());
    let parse = |text: Option<&str>,
                 category: Option<Uuid>,
                 brands: &[&str],
                 min: Option<&str>,
                 in_stock| {
        let brands: Vec<String> = brands.iter().map(|b| b.to_string()).collect();
        ProductFilter::parse(
            text,
            category,
            &brands,
            min.map(|m| ("USD", Some(m), None)),
            vec![],
            in_stock,
            None,
        )
        .unwrap()
    };
    let filters = [
        parse(None, None, &[], None, false),
        parse(None, Some(department), &[], None, false),
        parse(None, Some(leaves[0]), &[], Some("10"), false),
        parse(None, None, &["Acme", "Sony"], None, true),
        parse(Some("widget"), None, &[], None, false),
    ];
    for filter in &filters {
        for sort in [
            ProductSort::PriceAsc,
            ProductSort::PriceDesc,
            ProductSort::Newest,
            ProductSort::Rating,
        ] {
            let what = format!("{sort:?} {filter:?}");
            // Page by 4: from the index only, from PostgreSQL only, and
            // alternating, each page continuing the other's cursor.
            let mut orders = Vec::new();
            for pick in [
                |_: usize| true,
                |_: usize| false,
                |page: usize| page.is_multiple_of(2),
            ] {
                let (mut ids, mut after, mut page) = (Vec::new(), None, 0);
                loop {
                    let catalog = if pick(page) { &*app.catalog } else { &postgres };
                    let listed = catalog
                        .list_faceted(filter, sort, 4, after.as_ref(), true)
                        .await
                        .unwrap();
                    assert_eq!(
                        listed.facets.is_some(),
                        pick(page),
                        "{what}: the index counts facets with the page, PostgreSQL does not"
                    );
                    if let Some(facets) = &listed.facets {
                        assert_eq!(
                            *facets,
                            postgres.facets(&listed.filter).await.unwrap(),
                            "{what}: facets"
                        );
                        assert_eq!(
                            listed.count,
                            Some(postgres.count(&listed.filter).await.unwrap()),
                            "{what}: count"
                        );
                    }
                    ids.extend(listed.products.iter().map(|(p, _)| p.id));
                    after = listed.products.last().map(|(_, c)| c.clone());
                    page += 1;
                    if !listed.has_next_page {
                        break;
                    }
                }
                orders.push(ids);
            }
            let expected = postgres.count(filter).await.unwrap().count as usize;
            assert!(expected > 0, "{what}: the filter matches something");
            assert_eq!(orders[0].len(), expected, "{what}: every match once");
            assert_eq!(
                orders[0], orders[1],
                "{what}: the index's order is PostgreSQL's"
            );
            assert_eq!(orders[0], orders[2], "{what}: cursors continue across both");
        }
    }
    app.finish().await;
}

/// Every search visits every segment of the index, and each write makes
/// one: the index merges them as soon as two are of a size, so a replica
/// that took writes one by one still has only a few (Tantivy's default
/// kept up to seven per size). Read from `shop_search_index_segments`.
#[tokio::test]
async fn writes_one_by_one_leave_the_index_a_few_segments() {
    let app = spawn_app().await;
    for i in 0..12 {
        app.product(&format!("Lantern {i}"), "25", 5, details("Acme", &[]))
            .await;
        // A count waits for this replica's own write: one pass, one
        // commit, one new segment per product.
        let all = product::domain::ProductFilter::default();
        assert_eq!(app.catalog.count(&all).await.unwrap().count, i + 1);
    }
    eventually("the index merges its segments", true, || async {
        metric(&metrics(&app).await, "shop_search_index_segments") <= 2
    })
    .await;
    app.finish().await;
}
