//! The product service binary: configuration in, then run until a signal.

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    platform::telemetry::init("product");
    let app = product::Application::build(product::Config::from_env()?).await?;
    app.run_until_stopped(platform::server::shutdown_signal())
        .await
}
