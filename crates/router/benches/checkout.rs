//! Checkout benchmark, through the real router: 8 customers check out
//! concurrently (cart of one line, `tok_visa`), and the same SQL that one
//! checkout performs (`benches/checkout.sql`) runs under pgbench with 8
//! clients against the same database, for comparison.
//!
//! `cargo bench -p router --bench checkout --profile dev` (debug binaries,
//! like the tests). Needs PostgreSQL, Redis and `pgbench` (the PostgreSQL
//! client tools; skipped with a note when missing). Bounded: 8 × 40
//! checkouts, and pgbench for 10 seconds. Figures go in BENCHMARKS.md;
//! nothing is asserted.

#[path = "../tests/e2e/support.rs"]
#[allow(dead_code, unused_imports)]
mod support;

use std::time::{Duration, Instant};

use serde_json::json;

const CUSTOMERS: usize = 8;
const CHECKOUTS_EACH: usize = 40;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let stack = support::spawn_stack().await;
    let staff = stack.staff_token().await;
    let product = stack
        .create_product(&staff, "Bench Widget", "10.00", 1_000_000, 500)
        .await;
    let mut customers = Vec::new();
    for _ in 0..CUSTOMERS {
        customers.push(stack.customer().await);
    }
    println!(
        "machine: {} cores; {CUSTOMERS} concurrent customers × {CHECKOUTS_EACH} checkouts; debug build unless run without --profile dev",
        std::thread::available_parallelism()?
    );

    // One checkout alone, to count its SQL statements per service.
    let (token, _, address) = &customers[0];
    stack.add_to_cart(token, &product, 1).await;
    let (orders_before, products_before) = (
        stack.order_db.statement_count(),
        stack.product_db.statement_count(),
    );
    let paid = stack.checkout(token, "warm-up", address, "tok_visa").await;
    assert_eq!(paid["data"]["checkout"]["status"], "PAID", "{paid}");
    println!(
        "one checkout: {} SQL statements in the order schema, {} in the product schema (plus 2 reads in the user schema)",
        stack.order_db.statement_count() - orders_before,
        stack.product_db.statement_count() - products_before
    );

    let started = Instant::now();
    let workers: Vec<_> = customers
        .iter()
        .cloned()
        .enumerate()
        .map(|(i, (token, _, address))| {
            let stack_client = (stack.client.clone(), stack.router_url.clone());
            let product = product.clone();
            tokio::spawn(async move {
                let (client, url) = stack_client;
                let send = |query: &'static str, variables: serde_json::Value| {
                    client
                        .post(&url)
                        .bearer_auth(&token)
                        .json(&json!({ "query": query, "variables": variables }))
                        .send()
                };
                let mut samples = Vec::new();
                for n in 0..CHECKOUTS_EACH {
                    // Filling the cart is not timed: the checkout is.
                    let added: serde_json::Value = send(
                        "mutation($p: ID!) { addToCart(productId: $p, quantity: 1) { itemCount } }",
                        json!({ "p": product }),
                    )
                    .await
                    .expect("router answers")
                    .json()
                    .await
                    .expect("JSON");
                    assert!(added.get("errors").is_none(), "{added}");
                    let sent = Instant::now();
                    let paid: serde_json::Value = send(
                        "mutation($i: CheckoutInput!) { checkout(input: $i) { id status } }",
                        json!({ "i": { "idempotencyKey": format!("bench-{i}-{n}"), "shippingAddressId": address, "paymentMethod": { "token": "tok_visa" } } }),
                    )
                    .await
                    .expect("router answers")
                    .json()
                    .await
                    .expect("JSON");
                    samples.push(sent.elapsed());
                    assert_eq!(paid["data"]["checkout"]["status"], "PAID", "{paid}");
                }
                samples
            })
        })
        .collect();
    let mut samples: Vec<Duration> = Vec::new();
    for worker in workers {
        samples.extend(worker.await?);
    }
    let wall = started.elapsed();
    let busy: Duration = samples.iter().sum();
    println!(
        "checkouts per second with the cart adds left out: {:.1}",
        samples.len() as f64 / (busy.as_secs_f64() / CUSTOMERS as f64)
    );
    platform::testing::report_latencies(
        "checkout through the router (timed part only; carts filled in between)",
        samples,
        wall,
    );

    // The same SQL with pgbench, 8 clients, against the same tables.
    let database = &stack.database;
    let admin = database.admin_options();
    let user_id = support_user_id(&stack, token).await;
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/checkout.sql");
    let output = tokio::process::Command::new("pgbench")
        .args(["-n", "-c", "8", "-j", "2", "-T", "10", "-r"])
        .arg("-h")
        .arg(admin.get_host())
        .arg("-p")
        .arg(admin.get_port().to_string())
        .arg("-U")
        .arg(admin.get_username())
        .arg("-D")
        .arg(format!("user_id={user_id}"))
        .arg("-D")
        .arg(format!("address_id={address}"))
        .arg("-D")
        .arg(format!("product_id={product}"))
        .arg("-f")
        .arg(&script)
        .arg(&database.name)
        .output()
        .await;
    match output {
        Ok(out) if out.status.success() => {
            let text = String::from_utf8_lossy(&out.stdout);
            for line in text.lines().filter(|l| {
                l.starts_with("number of transactions actually processed")
                    || l.starts_with("latency average")
                    || l.starts_with("tps")
            }) {
                println!("pgbench (same SQL, 8 clients, 10 s): {line}");
            }
        }
        Ok(out) => println!(
            "pgbench failed: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
        Err(err) => println!("pgbench not run ({err}); install the PostgreSQL client tools"),
    }
    stack.shutdown().await;
    Ok(())
}

/// The id of the customer behind `token`.
async fn support_user_id(stack: &support::Stack, token: &str) -> String {
    let me = stack.graphql(Some(token), "{ me { id } }", json!({})).await;
    me["data"]["me"]["id"].as_str().expect("me").to_string()
}
