//! Catalog read benchmark, through the real router: a search query and a
//! product-detail query, each with the product cache cold and then warm.
//!
//! `cargo bench -p router --bench catalog --profile dev` (the same debug
//! binaries the tests use; drop `--profile dev` for a release build, which
//! compiles the router for about 18 minutes). Needs PostgreSQL and Redis
//! like the tests; uses a throw-away database with the demo catalog (1,205
//! products). Bounded: a fixed number of requests on loopback, 8 at a time.
//! Figures go in BENCHMARKS.md; nothing is asserted.

#[path = "../tests/e2e/support.rs"]
#[allow(dead_code, unused_imports)]
mod support;

use std::sync::Arc;
use std::time::Instant;

use platform::db::{Db, PRODUCT_DB};
use serde_json::{Value, json};

const CONCURRENCY: usize = 8;
const SEARCH: &str = "query($q: String!) { products(filter: { search: $q }, first: 20) { totalCount edges { node { id name price { amount currency } rating { average count } stockStatus } } } }";
const DETAIL: &str = "query($id: ID!) { product(id: $id) { id name description price { amount currency } brand stockStatus rating { average count } attributes { key value } } }";
const TERMS: &[&str] = &[
    "headphones",
    "hedphones",
    "kettle",
    "grinder",
    "laptop",
    "tent",
    "backpack",
    "wireless",
    "lamp",
    "knife",
    "camera",
    "skillet",
    "towel",
    "speaker",
    "monitor",
    "dutch oven",
];

/// Sends every `(query, variables)` through the router, `CONCURRENCY` at a
/// time, and prints throughput and latency.
async fn run(stack: &support::Stack, name: &str, requests: Vec<(&'static str, Value)>) {
    let queue = Arc::new(std::sync::Mutex::new(requests));
    let started = Instant::now();
    let mut workers = Vec::new();
    for _ in 0..CONCURRENCY {
        let (queue, client, url) = (
            queue.clone(),
            stack.client.clone(),
            stack.router_url.clone(),
        );
        workers.push(tokio::spawn(async move {
            let mut samples = Vec::new();
            loop {
                let Some((query, variables)) = queue.lock().unwrap().pop() else {
                    return samples;
                };
                let sent = Instant::now();
                let response: Value = client
                    .post(&url)
                    .json(&json!({ "query": query, "variables": variables }))
                    .send()
                    .await
                    .expect("router answers")
                    .json()
                    .await
                    .expect("JSON");
                assert!(response.get("errors").is_none(), "{response}");
                samples.push(sent.elapsed());
            }
        }));
    }
    let mut samples = Vec::new();
    for worker in workers {
        samples.extend(worker.await.unwrap());
    }
    platform::testing::report_latencies(name, samples, started.elapsed());
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let stack = support::spawn_stack().await;
    let options = stack.database.service_options(&PRODUCT_DB);
    let catalog = product::app::catalog::Catalog::new(product::store::ProductStore::new(Db::new(
        platform::db::connect(options, 2).await?,
    )));
    let reviewers = [
        uuid::Uuid::now_v7(),
        uuid::Uuid::now_v7(),
        uuid::Uuid::now_v7(),
    ];
    product::app::demo::seed(&catalog, &reviewers).await?;
    let ids: Vec<String> = catalog
        .store()
        .search(
            &Default::default(),
            product::domain::ProductSort::Newest,
            None,
            1_000,
        )
        .await?
        .products
        .into_iter()
        .map(|(p, _)| p.id.to_string())
        .collect();
    println!(
        "machine: {} cores; {} products; {CONCURRENCY} concurrent clients; debug build unless run without --profile dev",
        std::thread::available_parallelism()?,
        {
            let counted = catalog.count(&Default::default()).await?;
            format!("{}{}", counted.count, if counted.exact { "" } else { "+" })
        }
    );

    let searches = |rounds: usize| {
        (0..rounds)
            .flat_map(|_| TERMS.iter().map(|q| (SEARCH, json!({ "q": q }))))
            .collect::<Vec<_>>()
    };
    let details = || {
        ids.iter()
            .map(|id| (DETAIL, json!({ "id": id })))
            .collect::<Vec<_>>()
    };

    // Each of 1,000 products read once: every read misses Redis.
    run(
        &stack,
        "product detail, cache cold (1 miss each)",
        details(),
    )
    .await;
    // The same products again: every read is served by Redis.
    run(&stack, "product detail, cache warm (all hits)", details()).await;
    // Search is not cached (only the category tree is); the first pass also
    // warms PostgreSQL's buffers and the router's query-plan cache.
    run(&stack, "search, first pass (cold)", searches(25)).await;
    run(&stack, "search, second pass (warm)", searches(25)).await;
    stack.shutdown().await;
    Ok(())
}
