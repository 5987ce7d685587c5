//! The product service binary: configuration in, then run until a signal.
//! `product migrate` applies the service's migrations and exits (a Kubernetes
//! init container runs it before the service starts).

// jemalloc, as the router links: glibc's malloc and free were the largest
// single cost in the subgraphs under load (BENCHMARKS.md). The user service
// keeps glibc, tuned to return each Argon2 block (its hashing.rs).
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    // Freed memory goes back to the system from jemalloc's background
    // thread, idle or not (by default jemalloc purges only as it allocates,
    // so what a busy start-up freed stayed resident). Failing is harmless.
    #[cfg(not(target_env = "msvc"))]
    let _ = tikv_jemalloc_ctl::background_thread::write(true);
    platform::telemetry::init("product");
    let config = product::Config::from_env()?;
    if platform::server::migrate_only("product")? {
        return product::startup::migrate(&config).await;
    }
    let app = product::Application::build(config).await?;
    let served = app
        .run_until_stopped(platform::server::shutdown_signal())
        .await;
    // The spans not exported yet.
    platform::telemetry::shutdown();
    served
}
