//! The order service binary: configuration in, then run until a signal.
//! `order migrate` applies the service's migrations and exits (a Kubernetes
//! init container runs it before the service starts).

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    platform::telemetry::init("order");
    let config = order::Config::from_env()?;
    if platform::server::migrate_only("order")? {
        return order::startup::migrate(&config).await;
    }
    let app = order::Application::build(config).await?;
    let served = app
        .run_until_stopped(platform::server::shutdown_signal())
        .await;
    // The spans not exported yet.
    platform::telemetry::shutdown();
    served
}
