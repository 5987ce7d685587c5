//! Each service's role can use its own schema and nothing else.

use platform::db::{ALL_SERVICES, ServiceDb};
use platform::testing::TestDatabase;

async fn run(db: &TestDatabase, service: &ServiceDb, sql: &str) -> Result<(), sqlx::Error> {
    let pool = platform::db::connect(db.service_options(service), 1)
        .await
        .expect("service connects");
    let result = sqlx::raw_sql(sql).execute(&pool).await.map(|_| ());
    pool.close().await;
    result
}

#[tokio::test]
async fn a_service_role_cannot_touch_another_services_schema() {
    let db = TestDatabase::create().await.unwrap();
    // Each service migrates its own schema, as it does at startup.
    for service in ALL_SERVICES {
        run(&db, &service, "CREATE TABLE probe (id int)")
            .await
            .unwrap_or_else(|e| panic!("{} in its own schema: {e}", service.service));
    }
    for owner in ALL_SERVICES {
        for intruder in ALL_SERVICES.iter().filter(|s| **s != owner) {
            for sql in [
                format!("SELECT * FROM {}.probe", owner.schema),
                format!("CREATE TABLE {}.intruder (id int)", owner.schema),
            ] {
                let error = run(&db, intruder, &sql)
                    .await
                    .expect_err(&format!("{} ran {sql:?}", intruder.service));
                let code = error
                    .as_database_error()
                    .and_then(|e| e.code())
                    .map(|c| c.to_string());
                assert_eq!(
                    code.as_deref(),
                    Some("42501"),
                    "{} {sql:?}: expected permission denied, got {error}",
                    intruder.service
                );
            }
        }
        // Nor may a service create tables outside any schema it owns.
        let error = run(&db, &owner, "CREATE TABLE public.stray (id int)")
            .await
            .expect_err("public is closed");
        assert_eq!(
            error.as_database_error().and_then(|e| e.code()).as_deref(),
            Some("42501")
        );
    }
    db.drop_database().await.unwrap();
}

#[tokio::test]
async fn the_bootstrap_can_run_again_and_concurrently() {
    let db = TestDatabase::create().await.unwrap();
    let admin = db.admin_pool().await.unwrap();
    let (a, b) = tokio::join!(
        platform::db::bootstrap(&admin, &ALL_SERVICES),
        platform::db::bootstrap(&admin, &ALL_SERVICES)
    );
    a.unwrap();
    b.unwrap();
    admin.close().await;
    db.drop_database().await.unwrap();
}

/// Seeds a fresh database as `cargo xtask dev` does; returns the pool, a
/// fingerprint of the catalog, and how long seeding took.
async fn seeded() -> (TestDatabase, sqlx::PgPool, String, std::time::Duration) {
    let db = TestDatabase::create().await.unwrap();
    let data_dir = std::env::temp_dir().join(format!("shop-seed-{}", uuid::Uuid::new_v4()));
    let started = std::time::Instant::now();
    xtask::database::migrate_and_seed(
        &db.admin_options(),
        &data_dir,
        product::app::demo::GENERATED_PRODUCTS,
    )
    .await
    .unwrap();
    let elapsed = started.elapsed();
    let admin = db.admin_pool().await.unwrap();
    let fingerprint: String = sqlx::query_scalar(
        "SELECT md5(string_agg(p.id || p.name || p.price_minor || p.on_hand || p.attributes::text || p.rating_count || p.rating_sum, ',' ORDER BY p.id)) \
         FROM products.products p",
    )
    .fetch_one(&admin)
    .await
    .unwrap();
    (db, admin, fingerprint, elapsed)
}

#[tokio::test]
async fn the_demo_catalog_has_over_a_thousand_products_in_a_three_level_tree_with_reviews_and_is_deterministic()
 {
    let ((db, admin, fingerprint, elapsed), (other, other_admin, other_fingerprint, _)) =
        tokio::join!(seeded(), seeded());
    println!("seeding took {elapsed:?}");
    assert_eq!(
        fingerprint, other_fingerprint,
        "two fresh databases get the same catalog"
    );

    let count = |sql: &'static str| {
        let admin = admin.clone();
        async move {
            sqlx::query_scalar::<_, i64>(sql)
                .fetch_one(&admin)
                .await
                .unwrap()
        }
    };
    assert!(count("SELECT count(*) FROM products.products WHERE status = 'ACTIVE'").await >= 1000);
    assert_eq!(
        count("WITH RECURSIVE t AS (SELECT id, 1 AS depth FROM products.categories WHERE parent_id IS NULL \
               UNION ALL SELECT c.id, t.depth + 1 FROM products.categories c JOIN t ON c.parent_id = t.id) SELECT max(depth)::bigint FROM t").await,
        3
    );
    assert_eq!(
        count("SELECT count(*) FROM products.products p WHERE p.id::text LIKE '00000000-0000-7000-b%' \
               AND NOT EXISTS (SELECT 1 FROM products.product_categories pc WHERE pc.product_id = p.id)").await,
        0,
        "every generated product is in a category"
    );
    let reviews = count("SELECT count(*) FROM products.reviews").await;
    assert!(reviews >= 500, "{reviews} reviews");
    assert_eq!(
        count("SELECT sum(rating_count) FROM products.products").await,
        reviews,
        "the ratings on products add up to the reviews"
    );

    // Seeding again changes nothing.
    let data_dir = std::env::temp_dir().join(format!("shop-seed-{}", uuid::Uuid::new_v4()));
    xtask::database::migrate_and_seed(
        &db.admin_options(),
        &data_dir,
        product::app::demo::GENERATED_PRODUCTS,
    )
    .await
    .unwrap();
    assert_eq!(
        count("SELECT count(*) FROM products.reviews").await,
        reviews
    );

    for (db, admin) in [(db, admin), (other, other_admin)] {
        admin.close().await;
        db.drop_database().await.unwrap();
    }
}
