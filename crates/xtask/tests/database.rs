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
