//! The user service binary: configuration in, then run until a signal.
//! `user migrate` applies the service's migrations and exits (a Kubernetes
//! init container runs it before the service starts).

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    platform::telemetry::init("user");
    let config = user::Config::from_env()?;
    if platform::server::migrate_only("user")? {
        return user::startup::migrate(&config).await;
    }
    let app = user::Application::build(config).await?;
    let served = app
        .run_until_stopped(platform::server::shutdown_signal())
        .await;
    // The spans not exported yet.
    platform::telemetry::shutdown();
    served
}
