//! The notification service binary: configuration in, then run until a signal.

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    platform::telemetry::init("notification");
    let app = notification::Application::build(notification::Config::from_env()?).await?;
    app.run_until_stopped(platform::server::shutdown_signal())
        .await
}
