//! Authentication benchmark: logins per second and `VerifyToken` latency,
//! with and without the verification cache the other subgraphs use, and
//! the user service's resident memory before and after 2,000 logins (each
//! an Argon2id hash of 19 MiB; the goal is under 100 MB).
//!
//! `cargo bench -p user --bench auth` (needs PostgreSQL like the tests; uses a
//! throw-away database). Bounded: a fixed number of requests on loopback.
//! Figures go in BENCHMARKS.md; they are not asserted anywhere.

use std::sync::Arc;
use std::time::{Duration, Instant};

use platform::auth::{GrpcTokenVerifier, TokenVerifier};
use platform::db::USER_DB;
use platform::testing::{TestDatabase, report_latencies};
use proto::user::user_service_client::UserServiceClient;
use proto::user::{LoginRequest, VerifyTokenRequest};

const LOGINS: usize = 2_000;
const LOGIN_CONCURRENCY: usize = 8;
const VERIFICATIONS: usize = 5_000;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let db = TestDatabase::create().await?;
    let app = user::Application::build_on(
        user::Config::for_test(db.service_options(&USER_DB)),
        platform::server::Listeners::local().await?,
    )
    .await?;
    let accounts = app.accounts();
    let app = platform::testing::TestApp::start(app);
    let grpc = app.grpc_url();
    accounts
        .register(
            Some("bench@example.com"),
            None,
            "bench password",
            "Bench",
            None,
        )
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let client = UserServiceClient::new(platform::testing::grpc_channel(
        &grpc,
        "user",
        Some("product"),
    ));
    println!(
        "machine: {} cores; argon2id m=19456 t=2 p=1, PASSWORD_HASH_CONCURRENCY=2",
        std::thread::available_parallelism()?
    );

    // Logins: gRPC Login with 8 concurrent clients; each hashes once.
    let before = memory_kib("VmRSS");
    let started = Instant::now();
    let mut tasks = Vec::new();
    for worker in 0..LOGIN_CONCURRENCY {
        let mut client = client.clone();
        tasks.push(tokio::spawn(async move {
            let mut samples = Vec::new();
            for _ in (worker..LOGINS).step_by(LOGIN_CONCURRENCY) {
                let t = Instant::now();
                client
                    .login(LoginRequest {
                        email: Some("bench@example.com".into()),
                        phone: None,
                        password: "bench password".into(),
                        client_ip: String::new(),
                    })
                    .await
                    .expect("login");
                samples.push(t.elapsed());
            }
            samples
        }));
    }
    let mut samples = Vec::new();
    for task in tasks {
        samples.extend(task.await?);
    }
    report_latencies("Login (gRPC, 8 concurrent)", samples, started.elapsed());
    println!(
        "resident memory (the bench process, user service in it): {:.1} MB before, {:.1} MB after {LOGINS} logins, peak {:.1} MB",
        before as f64 / 1024.0,
        memory_kib("VmRSS") as f64 / 1024.0,
        memory_kib("VmHWM") as f64 / 1024.0,
    );

    let token = client
        .clone()
        .login(LoginRequest {
            email: Some("bench@example.com".into()),
            phone: None,
            password: "bench password".into(),
            client_ip: String::new(),
        })
        .await?
        .into_inner()
        .access_token;

    // VerifyToken without a cache: every check is a gRPC call and a query.
    let mut raw = client.clone();
    let started = Instant::now();
    let mut samples = Vec::with_capacity(VERIFICATIONS);
    for _ in 0..VERIFICATIONS {
        let t = Instant::now();
        raw.verify_token(VerifyTokenRequest {
            token: token.clone(),
        })
        .await?;
        samples.push(t.elapsed());
    }
    report_latencies(
        "VerifyToken, no cache (gRPC + SQL)",
        samples,
        started.elapsed(),
    );

    // The guard product and order use, with its in-process cache.
    let cached: Arc<dyn TokenVerifier> = Arc::new(GrpcTokenVerifier::new(
        &grpc,
        &platform::tls::GrpcTls::for_test("product"),
        &platform::breaker::PeerSettings::default(),
        Duration::from_secs(30),
    )?);
    let started = Instant::now();
    let mut samples = Vec::with_capacity(VERIFICATIONS);
    for _ in 0..VERIFICATIONS {
        let t = Instant::now();
        cached
            .verify(&token)
            .await
            .map_err(|e| anyhow::anyhow!("{e:?}"))?;
        samples.push(t.elapsed());
    }
    report_latencies(
        "VerifyToken via guard, cached (30 s TTL)",
        samples,
        started.elapsed(),
    );

    app.with_database(db).finish().await;
    Ok(())
}

/// A `/proc/self/status` field in KiB (0 where there is no procfs).
fn memory_kib(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|line| line.starts_with(field))
                .and_then(|line| line.split_whitespace().nth(1))
                .and_then(|kib| kib.parse().ok())
        })
        .unwrap_or(0)
}
