//! The notification service binary: configuration in, then run until a signal.
//! `notification migrate` applies the service's migrations and exits (a Kubernetes
//! init container runs it before the service starts).

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    platform::telemetry::init("notification");
    let config = notification::Config::from_env()?;
    if platform::server::migrate_only("notification")? {
        return notification::startup::migrate(&config).await;
    }
    let app = notification::Application::build(config).await?;
    let served = app
        .run_until_stopped(platform::server::shutdown_signal())
        .await;
    // The spans not exported yet.
    platform::telemetry::shutdown();
    served
}
