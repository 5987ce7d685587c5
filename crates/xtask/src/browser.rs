//! `cargo xtask browser-test`: the web apps' browser tests
//! (`web/e2e/*.spec.ts`, `@playwright/test` driving Debian's Chromium)
//! against the real stack, which this command starts and stops:
//!
//! 1. the debug binaries (the build `cargo test --workspace` makes) and the
//!    web apps (`npm ci` when the lockfile changed, then `npm run build`);
//! 2. a fresh database `shop_e2e` beside `DATABASE_URL`'s, migrated and
//!    seeded with the demo catalog and accounts, and its own data directory
//!    (`.data/e2e`: keys, certificates, the mail the tests read);
//! 3. its own RabbitMQ exchange and queues (`shop.e2e`, `e2e.*`), so a
//!    developer's `cargo xtask dev` beside it sees none of its events;
//! 4. the four subgraphs, the router and the web server on the default
//!    ports (it stops with a clear message when one is taken);
//! 5. `npx playwright test`, with `SHOP_WEB_URL` and `SHOP_E2E_DATA_DIR`;
//! 6. the typed Rust client (`examples/rust-client`) against the router:
//!    it buys a product as the demo customer and reads the order back.
//!
//! Extra arguments go to Playwright (`cargo xtask browser-test ide` runs
//! `e2e/ide.spec.ts` alone; `--headed` shows the browser).

use std::path::Path;

use anyhow::{Context, bail};

use crate::database;
use crate::dev::{AbortOnDrop, Service, start_services, stop_all, target_dir};

/// Where Chromium is looked for: `CHROMIUM_PATH`, else Debian's package.
pub fn chromium() -> String {
    platform::config::env_or("CHROMIUM_PATH", "/usr/bin/chromium")
}

const PORTS: [u16; 12] = [
    3000, 4000, 4001, 4002, 4003, 4004, 8088, 9090, 50051, 50052, 50053, 50054,
];

/// Runs the browser tests from `root`; `playwright_args` are passed on.
pub async fn run(root: &Path, playwright_args: &[String]) -> anyhow::Result<()> {
    if !crate::web::toolchain_present() {
        bail!("the browser tests need Node 20 or newer and npm (apt-get install nodejs npm)");
    }
    let chromium = chromium();
    if !Path::new(&chromium).exists() {
        bail!(
            "the browser tests drive Chromium at {chromium}, which is not there: apt-get install chromium (or set CHROMIUM_PATH)"
        );
    }
    for port in PORTS {
        if database::reachable(([127, 0, 0, 1], port).into()) {
            bail!(
                "port {port} is in use: the browser tests start the stack on the default ports; stop `cargo xtask dev` (or whatever listens there) first"
            );
        }
    }

    let status = crate::cargo(root)
        .args(["test", "--workspace", "--no-run"])
        .status()
        .context("cannot run cargo")?;
    if !status.success() {
        bail!("cargo build failed");
    }
    let bin = target_dir(root).join("debug");
    if !crate::web::build(root)? {
        bail!("the web apps could not be built");
    }

    let url = crate::bench::with_database(&database::admin_url(), "shop_e2e");
    let _cluster = database::ensure_server(root, &url)?;
    let amqp_url = platform::config::env_or("AMQP_URL", platform::events::broker::DEFAULT_AMQP_URL);
    if !crate::dev::reachable_url(&amqp_url, 5672) {
        bail!(
            "RabbitMQ is not reachable at {}: the browser tests need it (notifications and invoices travel as events)",
            platform::events::broker::redact(&amqp_url)
        );
    }
    let crate::dev::Isolated {
        data_dir, mut envs, ..
    } = crate::dev::isolated(root, &url, "e2e", amqp_url).await?;
    println!("browser tests: database shop_e2e ready");
    envs.extend([
        ("ROUTER_INTROSPECTION", "true".to_string()),
        ("ROUTER_SANDBOX", "false".into()),
        ("ROUTER_HOMEPAGE", "false".into()),
        ("APOLLO_ROUTER_LOG", "warn".into()),
        ("RATE_LIMIT_PER_MINUTE", "100000".into()),
    ]);
    let mut services: Vec<Service> = Vec::new();
    let result = async {
        start_services(root, &bin, &envs, &mut services).await?;
        let web_addr = ([127, 0, 0, 1], 3000).into();
        let listener = crate::web::bind(web_addr).await?;
        let (router, order) = crate::dev::web_upstreams()?;
        let router_url = router.clone();
        let web = root.join("web");
        let _web = AbortOnDrop(tokio::spawn(async move {
            if let Err(err) = crate::web::serve(listener, web, router, order).await {
                println!("web apps: {err:#}");
            }
        }));
        println!("browser tests: the stack is up; running Playwright");
        let status = tokio::process::Command::new("npx")
            .args(["playwright", "test"])
            .args(playwright_args)
            .current_dir(root.join("web"))
            .env("SHOP_WEB_URL", format!("http://{web_addr}"))
            .env("SHOP_E2E_DATA_DIR", &data_dir)
            .env("CHROMIUM_PATH", &chromium)
            .status()
            .await
            .context("cannot run npx playwright")?;
        if !status.success() {
            bail!(
                "the browser tests failed ({status}); the report is in web/playwright-report, screenshots and traces in web/test-results"
            );
        }
        // The second client, in Rust: typed from the same supergraph, it
        // buys a product and reads it back through the federated query.
        println!("browser tests: the typed Rust client (examples/rust-client) against the router");
        let status = crate::cargo(root)
            .args(["run", "-q", "-p", "shop-client", "--", "--checkout-first"])
            .env("SHOP_GRAPHQL_URL", router_url)
            .env("SHOP_EMAIL", "customer@shop.test")
            .env("SHOP_PASSWORD", "customer-password")
            .status()
            .context("cannot run cargo")?;
        if !status.success() {
            bail!("the Rust client example failed ({status})");
        }
        Ok(())
    }
    .await;
    stop_all(&mut services).await;
    result
}
