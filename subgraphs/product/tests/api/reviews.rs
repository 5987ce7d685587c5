//! Reviews at the catalog level; the whole flow with real users and orders
//! runs through the router in `crates/router/tests/catalog.rs`.

use product::domain::{DetailsInput, NewReview, ReviewChanges};
use serde_json::json;

use super::{TestApp, spawn_app};

fn review(stars: i64) -> NewReview {
    NewReview::parse(stars, "Title", "Body").unwrap()
}

#[tokio::test]
async fn ratings_follow_every_review_change_and_each_user_reviews_a_product_once() {
    let app = spawn_app().await;
    let product = app
        .product("Kettle", "40", 5, DetailsInput::default())
        .await;
    let (ada, bob, staff) = (TestApp::customer(), TestApp::customer(), TestApp::staff());
    let rating = || {
        let app = &app;
        async move {
            let r = app
                .graphql("query($id: ID!) { product(id: $id) { rating { average count } reviews { totalCount } } }", json!({ "id": product.id }))
                .await;
            (
                r["data"]["product"]["rating"].clone(),
                r["data"]["product"]["reviews"]["totalCount"].clone(),
            )
        }
    };

    // The order service is unreachable here: the review is still written, unverified.
    let first = app
        .catalog
        .write_review(&ada, product.id, review(5))
        .await
        .unwrap();
    assert!(!first.verified_purchase);
    let second = app
        .catalog
        .write_review(&bob, product.id, review(2))
        .await
        .unwrap();
    assert_eq!(
        rating().await,
        (json!({ "average": 3.5, "count": 2 }), json!(2))
    );

    let again = app
        .catalog
        .write_review(&ada, product.id, review(1))
        .await
        .unwrap_err();
    assert_eq!(platform::ApiError::from(again).code.as_str(), "CONFLICT");

    app.catalog
        .update_review(
            &ada,
            first.id,
            ReviewChanges::parse(Some(3), None, None).unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(rating().await.0, json!({ "average": 2.5, "count": 2 }));
    let not_yours = app
        .catalog
        .update_review(&bob, first.id, ReviewChanges::default())
        .await
        .unwrap_err();
    assert_eq!(
        platform::ApiError::from(not_yours).code.as_str(),
        "FORBIDDEN"
    );

    // Hidden reviews leave the rating and the listing; showing restores them.
    let customer_hides = app
        .catalog
        .set_review_hidden(&bob, second.id, true)
        .await
        .unwrap_err();
    assert_eq!(
        platform::ApiError::from(customer_hides).code.as_str(),
        "FORBIDDEN"
    );
    app.catalog
        .set_review_hidden(&staff, second.id, true)
        .await
        .unwrap();
    assert_eq!(
        rating().await,
        (json!({ "average": 3.0, "count": 1 }), json!(1))
    );
    app.catalog
        .set_review_hidden(&staff, second.id, false)
        .await
        .unwrap();
    assert_eq!(rating().await.0, json!({ "average": 2.5, "count": 2 }));

    app.catalog.delete_review(&ada, first.id).await.unwrap();
    app.catalog.delete_review(&staff, second.id).await.unwrap();
    assert_eq!(
        rating().await,
        (json!({ "average": null, "count": 0 }), json!(0))
    );
    app.finish().await;
}

#[tokio::test]
async fn hidden_and_deleted_products_cannot_be_reviewed() {
    let app = spawn_app().await;
    let staff = TestApp::staff();
    let product = app
        .product("Old Kettle", "40", 5, DetailsInput::default())
        .await;
    app.catalog
        .archive_product(&staff, product.id)
        .await
        .unwrap();
    let err = app
        .catalog
        .write_review(&TestApp::customer(), product.id, review(4))
        .await
        .unwrap_err();
    assert_eq!(platform::ApiError::from(err).code.as_str(), "NOT_FOUND");
    app.finish().await;
}

#[tokio::test]
async fn review_pages_are_sorted_paginated_and_batched_across_a_listing() {
    let app = spawn_app().await;
    let mut products = Vec::new();
    for i in 0..20 {
        let p = app
            .product(&format!("Mug {i}"), "10", 5, DetailsInput::default())
            .await;
        for stars in [3, 5, 1, 4] {
            app.catalog
                .write_review(&TestApp::customer(), p.id, review(stars))
                .await
                .unwrap();
        }
        products.push(p);
    }

    // One product, page by page, lowest first.
    let mut stars = Vec::new();
    let mut after = serde_json::Value::Null;
    loop {
        let page = app
            .graphql(
                "query($id: ID!, $a: String) { product(id: $id) { reviews(first: 3, after: $a, sort: LOWEST_RATING) { edges { node { rating } } pageInfo { hasNextPage endCursor } } } }",
                json!({ "id": products[0].id, "a": after }),
            )
            .await;
        let reviews = &page["data"]["product"]["reviews"];
        stars.extend(
            reviews["edges"]
                .as_array()
                .unwrap_or_else(|| panic!("{page}"))
                .iter()
                .map(|e| e["node"]["rating"].as_i64().unwrap()),
        );
        if reviews["pageInfo"]["hasNextPage"] == false {
            break;
        }
        after = reviews["pageInfo"]["endCursor"].clone();
    }
    assert_eq!(stars, [1, 3, 4, 5]);

    // A listing with each product's top reviews: one statement for all of them.
    let before = app.app_db.statement_count();
    let listing = app
        .graphql(
            "{ products(first: 20) { edges { node { reviews(first: 2, sort: HIGHEST_RATING) { edges { node { rating author { id } } } } } } } }",
            json!({}),
        )
        .await;
    let statements = app.app_db.statement_count() - before;
    let edges = listing["data"]["products"]["edges"]
        .as_array()
        .unwrap_or_else(|| panic!("{listing}"));
    assert_eq!(edges.len(), 20);
    for edge in edges {
        let top: Vec<i64> = edge["node"]["reviews"]["edges"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["node"]["rating"].as_i64().unwrap())
            .collect();
        assert_eq!(top, [5, 4]);
    }
    assert_eq!(statements, 2, "the page and one batch of reviews");

    let bad = app
        .graphql(
            "query($id: ID!) { product(id: $id) { reviews(first: 0) { totalCount } } }",
            json!({ "id": products[0].id }),
        )
        .await;
    assert_eq!(
        bad["errors"][0]["extensions"]["code"], "BAD_USER_INPUT",
        "{bad}"
    );
    let bad = app
        .graphql(
            "query($id: ID!) { product(id: $id) { reviews(after: \"nope\") { totalCount } } }",
            json!({ "id": products[0].id }),
        )
        .await;
    assert_eq!(
        bad["errors"][0]["extensions"]["code"], "BAD_USER_INPUT",
        "{bad}"
    );
    app.finish().await;
}

#[tokio::test]
async fn user_reviews_extend_the_user_entity() {
    let app = spawn_app().await;
    let author = TestApp::customer();
    let kettle = app
        .product("Kettle", "40", 5, DetailsInput::default())
        .await;
    let mug = app.product("Mug", "10", 5, DetailsInput::default()).await;
    app.catalog
        .write_review(&author, kettle.id, review(4))
        .await
        .unwrap();
    app.catalog
        .write_review(&author, mug.id, review(5))
        .await
        .unwrap();
    let response = app
        .graphql(
            "query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id reviews { rating product { name } } } } }",
            json!({ "r": [{ "__typename": "User", "id": author.user_id }] }),
        )
        .await;
    assert_eq!(
        response["data"]["_entities"][0]["reviews"],
        json!([{ "rating": 5, "product": { "name": "Mug" } }, { "rating": 4, "product": { "name": "Kettle" } }]),
        "{response}"
    );
    app.finish().await;
}
