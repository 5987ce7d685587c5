//! `cargo xtask bench`: the load benchmarks, always on release builds.
//!
//! 1. Builds the four subgraphs and the router with `--release`.
//! 2. Creates a fresh database (`shop_bench` beside `DATABASE_URL`'s),
//!    loads the demo data, and starts the release stack on the default
//!    ports (so `cargo xtask dev` must not be running).
//! 3. Registers the bench's customers, stocks the products they buy, and
//!    writes what the load scripts need (`bench/out/data.lua`).
//! 4. Runs each scenario in `bench/wrk/` with `wrk`, through the router and
//!    straight to the owning subgraph, one after the other in the same run:
//!    a 5 s warm-up, then the measured run.
//! 5. Measures CPU seconds per 1,000 requests from `/proc` (the stack's
//!    processes, the rest of the machine, which is PostgreSQL and wrk, and
//!    the whole machine) and each process's peak resident memory.
//! 6. Sweeps the mixed session over connection counts, grows the catalog
//!    (10,000 and 100,000 products, optionally 1,000,000) and measures
//!    search and listings at each size, and runs pgbench on the checkout's
//!    SQL for the checkout ratio.
//! 7. Writes `bench/results/latest.json` and `latest.md`, and the plots
//!    (`bench/plot.py`, with matplotlib) into `bench/plots/`.
//!
//! `wrk` (Debian's package) generates the load: parameters vary per
//! request (`bench/wrk/*.lua`), so the router's de-duplication of identical
//! in-flight fetches cannot flatter it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, bail};
use serde_json::{Value, json};
use tokio::process::Command;

use crate::database;
use crate::dev::{Service, spawn, stop_all, target_dir, wait_healthy};

/// What `cargo xtask bench` was asked for.
#[derive(Debug, Clone)]
pub struct Options {
    /// Seconds of each measured run.
    pub duration: u64,
    /// Connections of each scenario run.
    pub connections: u32,
    /// Catalog sizes to grow to for the scaling runs (after the demo's).
    pub scale: Vec<usize>,
    /// Only the scenarios whose names contain one of these (all when
    /// empty); with it, the connection sweep and the scaling runs are left
    /// out.
    pub only: Vec<String>,
    /// Record each scenario's measured run with `perf record -a` and write
    /// its flat profile (`bench/results/profiles/`). Sampling costs the
    /// processes throughput, so a profiled run's figures are not compared
    /// with an unprofiled one's.
    pub profile: bool,
}

impl Options {
    /// From `[--duration S] [--connections C] [--scale N,N,...] [--only
    /// NAME,...] [--profile]`.
    pub fn parse(args: &[&str]) -> anyhow::Result<Self> {
        let mut options = Self {
            duration: 15,
            connections: 32,
            scale: vec![10_000, 100_000],
            only: Vec::new(),
            profile: false,
        };
        let mut args = args.iter();
        while let Some(flag) = args.next() {
            if *flag == "--profile" {
                options.profile = true;
                continue;
            }
            let value = args
                .next()
                .with_context(|| format!("{flag} needs a value"))?;
            match *flag {
                "--duration" => options.duration = value.parse()?,
                "--connections" => options.connections = value.parse()?,
                "--scale" => {
                    options.scale = if value.is_empty() || *value == "none" {
                        Vec::new()
                    } else {
                        value
                            .split(',')
                            .map(|n| crate::catalog_size(&["--products", n]))
                            .collect::<anyhow::Result<_>>()?
                    }
                }
                "--only" => options.only = value.split(',').map(str::to_string).collect(),
                other => bail!("unknown option {other}"),
            }
        }
        if !(1..=600).contains(&options.duration) || !(1..=1024).contains(&options.connections) {
            bail!("--duration is 1 to 600 s, --connections 1 to 1024");
        }
        Ok(options)
    }
}

/// How long the stack is left alone after it starts before its idle
/// memory is read.
const IDLE_AFTER: Duration = Duration::from_secs(20);

/// The processes measured, by name.
const PROCESSES: [&str; 5] = ["router", "user", "product", "order", "notification"];

/// Customers per pool; each wrk thread takes its own slice of them.
const USERS_PER_POOL: usize = 128;
const WRK_THREADS: u32 = 2;

/// A scenario: its script, where it goes directly, extra variables.
struct Scenario {
    name: &'static str,
    script: &'static str,
    direct: Option<&'static str>,
    env: &'static [(&'static str, &'static str)],
}

const SCENARIOS: &[Scenario] = &[
    Scenario {
        name: "product detail",
        script: "product",
        direct: Some("product"),
        env: &[],
    },
    Scenario {
        name: "category listing with facets",
        script: "listing",
        direct: Some("product"),
        env: &[],
    },
    Scenario {
        name: "search, plain word",
        script: "search",
        direct: Some("product"),
        env: &[],
    },
    Scenario {
        name: "search, misspelled",
        script: "search",
        direct: Some("product"),
        env: &[("BENCH_TERMS", "misspelled")],
    },
    Scenario {
        name: "cart add and view",
        script: "cart",
        direct: Some("order"),
        env: &[],
    },
    Scenario {
        name: "checkout",
        script: "checkout",
        direct: Some("order"),
        env: &[],
    },
    Scenario {
        name: "me.orders (federated)",
        script: "orders",
        direct: Some("order"),
        env: &[],
    },
    Scenario {
        name: "mixed session",
        script: "mixed",
        direct: None,
        env: &[],
    },
];

fn subgraph_url(name: &str) -> String {
    let port = match name {
        "user" => 4001,
        "product" => 4002,
        "order" => 4003,
        _ => 4004,
    };
    format!("http://127.0.0.1:{port}/graphql")
}

const ROUTER_URL: &str = "http://127.0.0.1:4000/";

/// Runs the benchmark from `root`.
pub async fn run(root: &Path, options: Options) -> anyhow::Result<()> {
    if std::process::Command::new("wrk")
        .arg("--version")
        .output()
        .is_err()
    {
        bail!("wrk is not installed: apt-get install wrk");
    }
    for port in [
        4000, 4001, 4002, 4003, 4004, 8088, 50051, 50052, 50053, 50054,
    ] {
        if database::reachable(([127, 0, 0, 1], port).into()) {
            bail!(
                "port {port} is in use: stop `cargo xtask dev` (or whatever listens there) first"
            );
        }
    }

    println!("building the release binaries");
    let status = crate::cargo(root)
        .args(["build", "--release", "--bins"])
        .args(PROCESSES.iter().flat_map(|p| ["-p", p]))
        .status()
        .context("cannot run cargo")?;
    if !status.success() {
        bail!("release build failed");
    }
    let bin = target_dir(root).join("release");

    // A fresh database beside the developer's, so runs compare.
    let dev_url = database::admin_url();
    let _cluster = database::ensure_server(root, &dev_url)?;
    let url = std::env::var("BENCH_DATABASE_URL")
        .unwrap_or_else(|_| with_database(&dev_url, "shop_bench"));
    let amqp_url = platform::config::env_or("AMQP_URL", platform::events::broker::DEFAULT_AMQP_URL);
    let amqp_url = if crate::dev::reachable_url(&amqp_url, 5672) {
        amqp_url
    } else {
        "off".into()
    };
    let crate::dev::Isolated {
        admin, mut envs, ..
    } = crate::dev::isolated(root, &url, "bench", amqp_url).await?;
    envs.extend([
        // The customers' tokens must outlive the whole run.
        ("JWT_ACCESS_TTL_SECS", "7200".to_string()),
        // Traced as deployed: at `apollo_router=info` the router makes its
        // spans and sends a sampled context, so every service traces too
        // (nothing is exported unless OTEL_EXPORTER_OTLP_ENDPOINT is set).
        (
            "APOLLO_ROUTER_LOG",
            "warn,apollo_router=info,router=info".into(),
        ),
        // wrk plays a load balancer in front of many shoppers: each request
        // names its client in X-Forwarded-For (bench/wrk/common.lua), which
        // the router's front door believes from loopback, so per-client
        // limits count shoppers, as deployed, not the one load generator.
        ("ROUTER_TRUSTED_PROXIES", "127.0.0.1".into()),
    ]);
    let mut services: Vec<Service> = Vec::new();
    let result = async {
        for name in ["user", "product", "order", "notification"] {
            let mut command = Command::new(bin.join(name));
            command.stdout(std::process::Stdio::null());
            services.push(spawn(name, command, &envs)?);
        }
        for name in ["user", "product", "order", "notification"] {
            let health = subgraph_url(name).replace("/graphql", "/health");
            wait_healthy(name, &health, &mut services).await?;
        }
        let mut router = Command::new(bin.join("router"));
        router
            .arg("--config")
            .arg(root.join("router-config/router.yaml"))
            .arg("--supergraph")
            .arg(root.join("supergraph.graphql"))
            .stdout(std::process::Stdio::null());
        services.push(spawn("router", router, &envs)?);
        wait_healthy("router", "http://127.0.0.1:8088/health", &mut services).await?;
        measure(root, &options, &services, &admin, &url).await
    }
    .await;
    stop_all(&mut services).await;
    result
}

/// `url` with its database name replaced.
pub(crate) fn with_database(url: &str, name: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map_or((url, None), |(b, q)| (b, Some(q)));
    let authority = base.find("://").map_or(0, |i| i + 3);
    let path = base[authority..]
        .find('/')
        .map_or(base.len(), |i| authority + i);
    let mut out = format!("{}/{name}", &base[..path]);
    if let Some(query) = query {
        out.push('?');
        out.push_str(query);
    }
    out
}

/// A process of the stack, for `/proc` readings.
struct Process {
    name: String,
    pid: u32,
}

fn clock_ticks() -> f64 {
    // SAFETY: sysconf has no preconditions.
    #[allow(unsafe_code)]
    let ticks = unsafe { libc::sysconf(libc::_SC_CLK_TCK) };
    if ticks > 0 { ticks as f64 } else { 100.0 }
}

/// CPU seconds a process has used (user + system).
fn cpu_seconds(pid: u32) -> f64 {
    let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
        return 0.0;
    };
    // Fields after the command name, which is in parentheses.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let field = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // utime and stime are fields 14 and 15 of the whole line: 11 and 12 here.
    (field(11) + field(12)) / clock_ticks()
}

/// Busy CPU seconds of the whole machine (all cores).
fn machine_cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/stat") else {
        return 0.0;
    };
    let Some(line) = stat.lines().next() else {
        return 0.0;
    };
    let fields: Vec<f64> = line
        .split_whitespace()
        .skip(1)
        .filter_map(|f| f.parse().ok())
        .collect();
    // user nice system idle iowait irq softirq steal
    let busy: f64 = fields
        .iter()
        .enumerate()
        .filter(|(i, _)| !matches!(i, 3 | 4))
        .take(8)
        .map(|(_, v)| v)
        .sum();
    busy / clock_ticks()
}

/// A `/proc/<pid>/status` value in MiB (`VmRSS`, `VmHWM`).
fn memory_mib(pid: u32, key: &str) -> f64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|status| {
            status.lines().find_map(|l| {
                let value = l.strip_prefix(key)?.strip_prefix(':')?;
                value
                    .trim()
                    .trim_end_matches("kB")
                    .trim()
                    .parse::<f64>()
                    .ok()
            })
        })
        .map_or(0.0, |kib| kib / 1024.0)
}

/// CPU readings before a run.
struct CpuMark {
    processes: Vec<f64>,
    machine: f64,
}

fn cpu_mark(processes: &[Process]) -> CpuMark {
    CpuMark {
        processes: processes.iter().map(|p| cpu_seconds(p.pid)).collect(),
        machine: machine_cpu_seconds(),
    }
}

/// One run of a load script.
#[derive(Clone, Copy)]
struct Run<'a> {
    /// `bench/wrk/<script>.lua`.
    script: &'a str,
    /// Where the requests go.
    url: &'a str,
    /// "router", or the subgraph `url` is.
    target: &'a str,
    connections: u32,
    seconds: u64,
    /// Extra variables for the script.
    env: &'a [(&'a str, &'a str)],
    /// Profile the measured run under this name (see [`Options::profile`]).
    profile: Option<&'a str>,
}

/// One wrk run.
async fn wrk(root: &Path, run: Run<'_>) -> anyhow::Result<Value> {
    let Run {
        script,
        url,
        target,
        connections,
        seconds,
        env,
        profile: _,
    } = run;
    let dir = root.join("bench/wrk");
    let mut command = Command::new("wrk");
    command
        .arg(format!("-t{}", WRK_THREADS.min(connections)))
        .arg(format!("-c{connections}"))
        .arg(format!("-d{seconds}s"))
        .arg("--timeout")
        .arg("10s")
        .arg("-s")
        .arg(dir.join(format!("{script}.lua")))
        .arg(url)
        .env("BENCH_DIR", &dir)
        .env("BENCH_DATA", root.join("bench/out/data.lua"))
        .env("BENCH_TARGET", target)
        // Straight to a subgraph, the load presents the router's secret.
        .env(
            "BENCH_ROUTER_SECRET",
            platform::guard::RouterSecret::load_or_create(&root.join(".data/bench/router-secret"))?
                .expose(),
        )
        .env("BENCH_SEED", seconds.to_string())
        // Each wrk run's own idempotency keys: a warm-up and the run after
        // it count from the same start.
        .env(
            "BENCH_NONCE",
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos().to_string())
                .unwrap_or_default(),
        )
        .kill_on_drop(true);
    for (key, value) in env {
        command.env(key, value);
    }
    let output = command.output().await.context("cannot run wrk")?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    if std::env::var_os("BENCH_VERBOSE").is_some() {
        print!("{}", String::from_utf8_lossy(&output.stderr));
    }
    let line = stdout
        .lines()
        .find_map(|l| l.strip_prefix("BENCH "))
        .with_context(|| {
            format!(
                "wrk printed no result for {script}: {stdout}{}",
                String::from_utf8_lossy(&output.stderr)
            )
        })?;
    Ok(serde_json::from_str(line)?)
}

/// `perf record -a` over one measured run: every process on the machine,
/// sampled on the CPU clock (these machines have no hardware counters).
struct Profile {
    child: tokio::process::Child,
    data: PathBuf,
    name: String,
}

impl Profile {
    async fn start(root: &Path, name: &str) -> anyhow::Result<Self> {
        let slug = name
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_ascii_lowercase)
            .collect::<Vec<_>>()
            .join("-");
        let dir = root.join("bench/out");
        std::fs::create_dir_all(&dir)?;
        let data = dir.join(format!("perf-{slug}.data"));
        let child = Command::new("perf")
            .args(["record", "-a", "-F", "199", "-q", "-o"])
            .arg(&data)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .context("cannot run perf (Debian's linux-perf) for --profile")?;
        // perf opens its sampling buffers before it samples.
        tokio::time::sleep(Duration::from_millis(500)).await;
        Ok(Self {
            child,
            data,
            name: slug,
        })
    }

    /// Stops the recording and writes its flat profile, by binary, process
    /// and symbol, to `bench/results/profiles/<name>.txt`; returns that path.
    async fn finish(mut self, root: &Path) -> anyhow::Result<String> {
        if let Some(pid) = self.child.id() {
            Command::new("kill")
                .args(["-INT", &pid.to_string()])
                .status()
                .await?;
        }
        self.child.wait().await?;
        let mut text = String::new();
        for (what, sort, limit) in [
            // Threads carry their runtime's name (tokio-rt-worker), so the
            // binary says which process a sample is from.
            ("by binary", "dso", "0.5"),
            ("by process and binary", "comm,dso", "0.5"),
            ("by symbol", "comm,dso,sym", "0.4"),
        ] {
            let out = Command::new("perf")
                .args([
                    "report",
                    "--stdio",
                    "--no-children",
                    "-q",
                    "--percent-limit",
                    limit,
                    "--sort",
                    sort,
                    "-i",
                ])
                .arg(&self.data)
                .output()
                .await?;
            text.push_str(&format!(
                "## {what}\n\n{}\n",
                String::from_utf8_lossy(&out.stdout)
            ));
        }
        let dir = root.join("bench/results/profiles");
        std::fs::create_dir_all(&dir)?;
        let path = dir.join(format!("{}.txt", self.name));
        std::fs::write(&path, text)?;
        let _ = std::fs::remove_file(&self.data);
        Ok(path
            .strip_prefix(root)
            .unwrap_or(&path)
            .display()
            .to_string())
    }
}

/// A measured run with its CPU use, as one JSON object, after a warm-up
/// of up to 5 s (connections, caches, query plans).
async fn measured(root: &Path, processes: &[Process], run: Run<'_>) -> anyhow::Result<Value> {
    let warm_up = Run {
        seconds: run.seconds.min(5),
        ..run
    };
    wrk(root, warm_up).await?;
    let perf = match run.profile {
        Some(name) => Some(Profile::start(root, name).await?),
        None => None,
    };
    let before = cpu_mark(processes);
    let mut result = wrk(root, run).await?;
    if let Some(perf) = perf {
        result["profile"] = json!(perf.finish(root).await?);
    }
    let (connections, target) = (run.connections, run.target);
    let after = cpu_mark(processes);
    let requests = result["requests"].as_f64().unwrap_or(0.0).max(1.0);
    let per_1k = |seconds: f64| (seconds * 1000.0 / requests * 1000.0).round() / 1000.0;
    let mut cpu = serde_json::Map::new();
    let mut stack = 0.0;
    for (i, process) in processes.iter().enumerate() {
        let used = after.processes[i] - before.processes[i];
        stack += used;
        cpu.insert(process.name.clone(), json!(per_1k(used)));
    }
    cpu.insert("stack".into(), json!(per_1k(stack)));
    // PostgreSQL's backends come and go (a closed connection's CPU leaves
    // /proc with it), so it is counted with wrk as the rest of the machine.
    cpu.insert(
        "rest".into(),
        json!(per_1k(after.machine - before.machine - stack)),
    );
    cpu.insert(
        "machine".into(),
        json!(per_1k(after.machine - before.machine)),
    );
    let duration = result["duration_us"].as_f64().unwrap_or(1.0) / 1e6;
    result["throughput"] = json!((requests / duration * 10.0).round() / 10.0);
    result["connections"] = json!(connections);
    result["target"] = json!(target);
    result["cpu_seconds_per_1000"] = Value::Object(cpu);
    Ok(result)
}

async fn measure(
    root: &Path,
    options: &Options,
    services: &[Service],
    admin: &sqlx::postgres::PgConnectOptions,
    url: &str,
) -> anyhow::Result<()> {
    let processes: Vec<Process> = services
        .iter()
        .filter_map(|s| {
            Some(Process {
                name: s.name.to_string(),
                pid: s.child.id()?,
            })
        })
        .collect();
    // Idle means quiet for a while: what start-up freed (a replica's index
    // build, the router's planner) is returned within jemalloc's 10 s decay.
    tokio::time::sleep(IDLE_AFTER).await;
    let idle: BTreeMap<String, f64> = processes
        .iter()
        .map(|p| (p.name.clone(), memory_mib(p.pid, "VmRSS")))
        .collect();

    println!("preparing customers, stock and the load scripts' data");
    let prepared = prepare(root, admin).await?;
    settle(admin).await?;

    let mut scenarios = Vec::new();
    let chosen = SCENARIOS.iter().filter(|s| {
        options.only.is_empty() || options.only.iter().any(|o| s.name.contains(o.as_str()))
    });
    for scenario in chosen {
        let mut runs = Vec::new();
        let targets: Vec<(&str, String)> = std::iter::once(("router", ROUTER_URL.to_string()))
            .chain(scenario.direct.map(|d| (d, subgraph_url(d))))
            .collect();
        for (target, target_url) in &targets {
            let label = format!("{} {target}", scenario.name);
            let run = Run {
                script: scenario.script,
                url: target_url,
                target,
                connections: options.connections,
                seconds: options.duration,
                env: scenario.env,
                profile: options.profile.then_some(label.as_str()),
            };
            let result = measured(root, &processes, run).await?;
            println!(
                "{:<32} {:<8} {:>8.1} req/s  p50 {:>6.1} ms  p99 {:>6.1} ms  failed {}",
                scenario.name,
                target,
                result["throughput"].as_f64().unwrap_or(0.0),
                result["p50_us"].as_f64().unwrap_or(0.0) / 1000.0,
                result["p99_us"].as_f64().unwrap_or(0.0) / 1000.0,
                result["failed"]
            );
            runs.push(result);
        }
        let ratio = (runs.len() == 2).then(|| {
            let via = runs[0]["throughput"].as_f64().unwrap_or(0.0);
            let direct = runs[1]["throughput"].as_f64().unwrap_or(1.0).max(0.001);
            (via / direct * 100.0).round() / 100.0
        });
        scenarios.push(json!({ "name": scenario.name, "runs": runs, "router_to_direct": ratio }));
    }

    // Checkout's SQL alone, for the checkout ratio.
    let pgbench = pgbench(root, admin, &prepared, options).await;

    // The mixed session over connection counts: where latency turns up.
    let mut sweep = Vec::new();
    let full = options.only.is_empty();
    for connections in [1, 2, 4, 8, 16, 32, 64].into_iter().filter(|_| full) {
        let run = Run {
            script: "mixed",
            url: ROUTER_URL,
            target: "router",
            connections,
            seconds: options.duration.min(10),
            env: &[],
            profile: None,
        };
        let result = measured(root, &processes, run).await?;
        println!(
            "mixed session, {connections:>2} connections: {:>7.1} req/s  p99 {:>6.1} ms",
            result["throughput"].as_f64().unwrap_or(0.0),
            result["p99_us"].as_f64().unwrap_or(0.0) / 1000.0
        );
        sweep.push(result);
    }

    // The catalog grows: search and listings at each size.
    let mut scaling = Vec::new();
    let sizes: Vec<usize> = std::iter::once(0)
        .chain(options.scale.iter().copied())
        .filter(|_| full)
        .collect();
    for size in sizes {
        if size > 0 {
            println!("growing the catalog to {size} generated products");
            database::seed_products(admin, size).await?;
            settle(admin).await?;
        }
        let products = catalog_size(url).await?;
        index_caught_up(products).await?;
        let mut point = json!({ "products": products });
        for (key, script, env) in [
            ("search", "search", &[][..]),
            ("misspelled", "search", &[("BENCH_TERMS", "misspelled")][..]),
            ("listing", "listing", &[][..]),
        ] {
            let run = Run {
                script,
                url: ROUTER_URL,
                target: "router",
                connections: options.connections,
                seconds: options.duration.min(10),
                env,
                profile: None,
            };
            let result = measured(root, &processes, run).await?;
            println!(
                "{products:>8} products, {key:<10} {:>7.1} req/s  p50 {:>6.1} ms  p99 {:>6.1} ms  failed {}",
                result["throughput"].as_f64().unwrap_or(0.0),
                result["p50_us"].as_f64().unwrap_or(0.0) / 1000.0,
                result["p99_us"].as_f64().unwrap_or(0.0) / 1000.0,
                result["failed"]
            );
            point[key] = result;
        }
        scaling.push(point);
    }

    let peak: BTreeMap<String, f64> = processes
        .iter()
        .map(|p| {
            (
                p.name.clone(),
                (memory_mib(p.pid, "VmHWM") * 10.0).round() / 10.0,
            )
        })
        .collect();
    let idle: BTreeMap<String, f64> = idle
        .into_iter()
        .map(|(k, v)| (k, (v * 10.0).round() / 10.0))
        .collect();
    let report = json!({
        "date": chrono::Utc::now().format("%Y-%m-%d %H:%M UTC").to_string(),
        "machine": { "cores": std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1) },
        "connections": options.connections,
        "duration_s": options.duration,
        "scenarios": scenarios,
        "pgbench_checkout": pgbench,
        "mixed_sweep": sweep,
        "scaling": scaling,
        "memory_mib": { "idle": idle, "peak": peak },
    });
    let results = root.join("bench/results");
    std::fs::create_dir_all(&results)?;
    let text = serde_json::to_string_pretty(&report)?;
    std::fs::write(results.join("latest.json"), &text)?;
    let markdown = markdown(&report);
    std::fs::write(results.join("latest.md"), &markdown)?;
    println!("\n{markdown}");
    println!("wrote bench/results/latest.json and latest.md");
    let plotted = std::process::Command::new("python3")
        .arg(root.join("bench/plot.py"))
        .arg(results.join("latest.json"))
        .arg(root.join("bench/plots"))
        .status();
    match plotted {
        Ok(status) if status.success() => println!("wrote the plots into bench/plots/"),
        _ => println!(
            "no plots: bench/plot.py needs python3 with matplotlib (pip install matplotlib)"
        ),
    }
    Ok(())
}

/// Products in the bench catalog.
async fn catalog_size(url: &str) -> anyhow::Result<i64> {
    let pool = sqlx::PgPool::connect(url).await?;
    let n = sqlx::query_scalar("SELECT count(*) FROM products.products WHERE deleted_at IS NULL")
        .fetch_one(&pool)
        .await?;
    pool.close().await;
    Ok(n)
}

/// Waits until the product service's search index holds all `products`
/// (its follower indexes a grown catalog while the service runs), and says
/// how long that took.
async fn index_caught_up(products: i64) -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    let client = reqwest::Client::new();
    let metrics = subgraph_url("product").replace("/graphql", "/metrics");
    loop {
        let text = client.get(&metrics).send().await?.text().await?;
        let documents = text
            .lines()
            .filter(|line| line.starts_with("shop_search_index_documents"))
            .find_map(|line| line.split_whitespace().last()?.parse::<f64>().ok())
            .unwrap_or(0.0);
        if documents as i64 >= products {
            println!(
                "the search index holds all {products} products ({:.1} s after the catalog grew)",
                started.elapsed().as_secs_f64()
            );
            return Ok(());
        }
        if started.elapsed() > Duration::from_secs(1_800) {
            bail!("the search index holds {documents} of {products} products after 30 minutes");
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}

/// What the load scripts were given.
struct Prepared {
    /// `(user id, address id)` of a checkout customer, for pgbench.
    customer: (String, String),
    /// A well-stocked product.
    product: String,
}

/// Brings the bench database to the state a running shop's is in:
/// statistics current and the visibility map set. Autovacuum would do both
/// in production; PostgreSQL as installed on these machines runs with
/// `autovacuum = off`, so a freshly grown catalog would be measured with
/// no column statistics and every index-only scan visiting the heap.
async fn settle(admin: &sqlx::postgres::PgConnectOptions) -> anyhow::Result<()> {
    let pool = sqlx::PgPool::connect_with(admin.clone()).await?;
    sqlx::query("VACUUM (ANALYZE)").execute(&pool).await?;
    pool.close().await;
    Ok(())
}

/// Customers, stock and `bench/out/data.lua`.
async fn prepare(
    root: &Path,
    admin: &sqlx::postgres::PgConnectOptions,
) -> anyhow::Result<Prepared> {
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .build()?;
    // Each set-up request comes from a shopper address of its own, as the
    // load does (bench/wrk/common.lua): from one address, 768 sign-ups and
    // logins would meet that address's rate limit.
    let shopper = std::sync::atomic::AtomicU32::new(0);
    let gql = |token: Option<String>, query: &'static str, variables: Value| {
        let client = client.clone();
        let n = shopper.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        async move {
            let mut request = client
                .post(ROUTER_URL)
                .header(
                    "x-forwarded-for",
                    format!("198.19.{}.{}", (n / 250) % 256, n % 250 + 1),
                )
                .json(&json!({ "query": query, "variables": variables }));
            if let Some(token) = token {
                request = request.bearer_auth(token);
            }
            let body: Value = request.send().await?.json().await?;
            if body.get("errors").is_some() {
                bail!("{query}: {body}");
            }
            Ok::<Value, anyhow::Error>(body["data"].clone())
        }
    };

    let pool = sqlx::PgPool::connect_with(admin.clone()).await?;
    let products: Vec<String> = sqlx::query_scalar(
        "SELECT id::text FROM products.products WHERE status = 'ACTIVE' AND deleted_at IS NULL ORDER BY id LIMIT 2000",
    )
    .fetch_all(&pool)
    .await?;
    let categories: Vec<String> =
        sqlx::query_scalar("SELECT id::text FROM products.categories ORDER BY id")
            .fetch_all(&pool)
            .await?;
    pool.close().await;
    if products.len() < 100 || categories.is_empty() {
        bail!("the bench catalog is missing");
    }

    // The products carts and checkouts use, stocked for the whole run.
    let staff = gql(
        None,
        "mutation { login(email: \"staff@shop.test\", password: \"staff-password\") { accessToken } }",
        json!({}),
    )
    .await?["login"]["accessToken"]
        .as_str()
        .context("no staff token")?
        .to_string();
    let stock_products: Vec<String> = products
        .iter()
        .step_by(products.len() / 50)
        .take(50)
        .cloned()
        .collect();
    for product in &stock_products {
        gql(
            Some(staff.clone()),
            "mutation($p: ID!) { adjustStock(input: { productId: $p, delta: 10000000, reason: RESTOCK, note: \"bench\" }) { id } }",
            json!({ "p": product }),
        )
        .await?;
    }

    // Three pools of customers, each with an address, registered 4 at a time.
    let mut pools: Vec<Vec<Value>> = Vec::new();
    for pool in ["cart", "checkout", "mixed"] {
        let mut users = Vec::new();
        for chunk in (0..USERS_PER_POOL).collect::<Vec<_>>().chunks(4) {
            let registrations = chunk.iter().map(|n| {
                let email = format!("bench-{pool}-{n}@bench.test");
                let gql = &gql;
                async move {
                    gql(
                        None,
                        "mutation($e: String!) { register(email: $e, password: \"bench-password\", name: \"Bench Customer\") { id } }",
                        json!({ "e": email }),
                    )
                    .await?;
                    let login = gql(
                        None,
                        "mutation($e: String!) { login(email: $e, password: \"bench-password\") { accessToken user { id } } }",
                        json!({ "e": email }),
                    )
                    .await?;
                    let token = login["login"]["accessToken"].as_str().context("no token")?.to_string();
                    let address = gql(
                        Some(token.clone()),
                        "mutation { addAddress(input: { recipient: \"Bench Customer\", line1: \"1 Main St\", city: \"New York\", postalCode: \"10001\", country: \"US\" }) { id } }",
                        json!({}),
                    )
                    .await?;
                    Ok::<Value, anyhow::Error>(json!({
                        "id": login["login"]["user"]["id"],
                        "token": token,
                        "address": address["addAddress"]["id"],
                    }))
                }
            });
            for user in futures::future::join_all(registrations).await {
                users.push(user?);
            }
        }
        pools.push(users);
    }
    let customer = (
        pools[1][0]["id"].as_str().unwrap_or_default().to_string(),
        pools[1][0]["address"]
            .as_str()
            .unwrap_or_default()
            .to_string(),
    );

    let list = |items: &[String]| {
        items
            .iter()
            .map(|i| format!("{i:?}"))
            .collect::<Vec<_>>()
            .join(",")
    };
    let users = |pool: &[Value]| {
        pool.iter()
            .map(|u| {
                format!(
                    "{{id={},token={},address={}}}",
                    u["id"], u["token"], u["address"]
                )
            })
            .collect::<Vec<_>>()
            .join(",\n")
    };
    let run = format!(
        "{:x}",
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)?
            .as_secs()
    );
    let lua = format!(
        "-- Written by `cargo xtask bench`; not committed.\nreturn {{\nthreads = {WRK_THREADS},\nrun = {run:?},\nproducts = {{{}}},\ncategories = {{{}}},\nstock_products = {{{}}},\ncart_users = {{{}}},\ncheckout_users = {{{}}},\nmixed_users = {{{}}},\n}}\n",
        list(&products),
        list(&categories),
        list(&stock_products),
        users(&pools[0]),
        users(&pools[1]),
        users(&pools[2]),
    );
    let out = root.join("bench/out");
    std::fs::create_dir_all(&out)?;
    std::fs::write(out.join("data.lua"), lua)?;
    Ok(Prepared {
        customer,
        product: stock_products[0].clone(),
    })
}

/// pgbench on `crates/router/benches/checkout.sql` (the SQL one checkout
/// runs), with the run's connection count, for the checkout ratio.
async fn pgbench(
    root: &Path,
    admin: &sqlx::postgres::PgConnectOptions,
    prepared: &Prepared,
    options: &Options,
) -> Value {
    let script: PathBuf = root.join("crates/router/benches/checkout.sql");
    let output = Command::new("pgbench")
        .args(["-n", "-j", "2", "-r"])
        .arg("-c")
        .arg(options.connections.to_string())
        .arg("-T")
        .arg(options.duration.to_string())
        .arg("-h")
        .arg(admin.get_host())
        .arg("-p")
        .arg(admin.get_port().to_string())
        .arg("-U")
        .arg(admin.get_username())
        .arg("-D")
        .arg(format!("user_id={}", prepared.customer.0))
        .arg("-D")
        .arg(format!("address_id={}", prepared.customer.1))
        .arg("-D")
        .arg(format!("product_id={}", prepared.product))
        .arg("-f")
        .arg(&script)
        .arg(admin.get_database().unwrap_or("shop_bench"))
        .output()
        .await;
    match output {
        Ok(out) if out.status.success() => {
            let text = String::from_utf8_lossy(&out.stdout);
            let tps = text
                .lines()
                .find_map(|l| l.strip_prefix("tps = "))
                .and_then(|l| l.split_whitespace().next())
                .and_then(|t| t.parse::<f64>().ok());
            let latency = text
                .lines()
                .find_map(|l| l.strip_prefix("latency average = "))
                .and_then(|l| l.split_whitespace().next())
                .and_then(|t| t.parse::<f64>().ok());
            println!("pgbench, checkout SQL: {tps:?} tps, average latency {latency:?} ms");
            json!({ "tps": tps, "latency_avg_ms": latency })
        }
        Ok(out) => {
            println!("pgbench failed: {}", String::from_utf8_lossy(&out.stderr));
            json!({ "error": String::from_utf8_lossy(&out.stderr) })
        }
        Err(err) => json!({ "error": format!("pgbench not run: {err}") }),
    }
}

/// The report as Markdown tables (what BENCHMARKS.md quotes).
pub fn markdown(report: &Value) -> String {
    let ms = |v: &Value| format!("{:.1}", v.as_f64().unwrap_or(0.0) / 1000.0);
    let num = |v: &Value| format!("{:.1}", v.as_f64().unwrap_or(0.0));
    let mut out = format!(
        "Run of {} on {} cores: wrk, {} connections, {} s per run after a 5 s warm-up, loopback, release builds.\n\n",
        report["date"].as_str().unwrap_or("?"),
        report["machine"]["cores"],
        report["connections"],
        report["duration_s"]
    );
    out.push_str("| scenario | target | req/s | p50 ms | p95 ms | p99 ms | failed | CPU s per 1,000 (stack / rest: PostgreSQL, wrk / machine) | router ÷ direct |\n");
    out.push_str("| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
    for scenario in report["scenarios"].as_array().into_iter().flatten() {
        for (i, run) in scenario["runs"]
            .as_array()
            .into_iter()
            .flatten()
            .enumerate()
        {
            let cpu = &run["cpu_seconds_per_1000"];
            out.push_str(&format!(
                "| {} | {} | {} | {} | {} | {} | {} | {} / {} / {} | {} |\n",
                if i == 0 {
                    scenario["name"].as_str().unwrap_or("")
                } else {
                    ""
                },
                run["target"].as_str().unwrap_or(""),
                num(&run["throughput"]),
                ms(&run["p50_us"]),
                ms(&run["p95_us"]),
                ms(&run["p99_us"]),
                run["failed"],
                cpu["stack"],
                cpu["rest"],
                cpu["machine"],
                if i == 0 {
                    scenario["router_to_direct"]
                        .as_f64()
                        .map_or("—".into(), |r| format!("{r:.2}"))
                } else {
                    String::new()
                },
            ));
        }
    }
    let checkout = report["scenarios"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|s| s["name"] == "checkout")
        .and_then(|s| s["runs"][0]["throughput"].as_f64());
    if let (Some(checkout), Some(tps)) = (checkout, report["pgbench_checkout"]["tps"].as_f64()) {
        out.push_str(&format!(
            "\nCheckout through the router: {checkout:.1}/s; pgbench running the same SQL with as many clients: {tps:.1} tps; ratio {:.2}.\n",
            checkout / tps
        ));
    }
    out.push_str("\nMixed session against connections (through the router):\n\n| connections | req/s | p50 ms | p95 ms | p99 ms | failed |\n| --- | --- | --- | --- | --- | --- |\n");
    for run in report["mixed_sweep"].as_array().into_iter().flatten() {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} |\n",
            run["connections"],
            num(&run["throughput"]),
            ms(&run["p50_us"]),
            ms(&run["p95_us"]),
            ms(&run["p99_us"]),
            run["failed"]
        ));
    }
    out.push_str("\nCatalog size (through the router):\n\n| products | search req/s, p50 / p99 ms | misspelled req/s, p50 / p99 ms | listing with facets req/s, p50 / p99 ms |\n| --- | --- | --- | --- |\n");
    for point in report["scaling"].as_array().into_iter().flatten() {
        let cell = |run: &Value| {
            format!(
                "{}, {} / {}{}",
                num(&run["throughput"]),
                ms(&run["p50_us"]),
                ms(&run["p99_us"]),
                if run["failed"].as_u64().unwrap_or(0) > 0 {
                    format!(" ({} failed)", run["failed"])
                } else {
                    String::new()
                }
            )
        };
        out.push_str(&format!(
            "| {} | {} | {} | {} |\n",
            point["products"],
            cell(&point["search"]),
            cell(&point["misspelled"]),
            cell(&point["listing"])
        ));
    }
    out.push_str("\nResident memory (MiB):\n\n| process | idle, 20 s after start | peak over the run |\n| --- | --- | --- |\n");
    if let Some(idle) = report["memory_mib"]["idle"].as_object() {
        for (name, value) in idle {
            out.push_str(&format!(
                "| {name} | {} | {} |\n",
                num(value),
                num(&report["memory_mib"]["peak"][name])
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bench_database_sits_beside_the_developers() {
        for (url, expected) in [
            (
                "postgres://postgres@127.0.0.1:5432/shop",
                "postgres://postgres@127.0.0.1:5432/shop_bench",
            ),
            (
                "postgres://u:p@db/shop?sslmode=require",
                "postgres://u:p@db/shop_bench?sslmode=require",
            ),
            (
                "postgres://postgres@127.0.0.1",
                "postgres://postgres@127.0.0.1/shop_bench",
            ),
        ] {
            assert_eq!(with_database(url, "shop_bench"), expected);
        }
    }

    #[test]
    fn options_are_bounded() {
        let options = Options::parse(&["--duration", "5", "--scale", "10000,100000"]).unwrap();
        assert_eq!(
            (options.duration, options.scale),
            (5, vec![10_000, 100_000])
        );
        assert!(
            Options::parse(&["--scale", "none"])
                .unwrap()
                .scale
                .is_empty()
        );
        assert!(Options::parse(&["--duration", "0"]).is_err());
        assert!(Options::parse(&["--connections"]).is_err());
        assert!(Options::parse(&["--scale", "5"]).is_err());
        assert!(Options::parse(&["--fast", "1"]).is_err());
        let profiled = Options::parse(&["--profile", "--only", "listing"]).unwrap();
        assert!(profiled.profile);
        assert_eq!(profiled.only, ["listing"]);
        assert!(!Options::parse(&[]).unwrap().profile);
    }

    #[test]
    fn the_report_has_every_table() {
        let run = json!({ "target": "router", "throughput": 100.0, "p50_us": 1000, "p95_us": 2000,
            "p99_us": 3000, "failed": 0, "connections": 32,
            "cpu_seconds_per_1000": { "stack": 1.0, "rest": 0.5, "machine": 2.0 } });
        let report = json!({
            "date": "today", "machine": { "cores": 2 }, "connections": 32, "duration_s": 15,
            "scenarios": [{ "name": "checkout", "runs": [run, run], "router_to_direct": 1.0 }],
            "pgbench_checkout": { "tps": 200.0 },
            "mixed_sweep": [run],
            "scaling": [{ "products": 1205, "search": run, "misspelled": run, "listing": run }],
            "memory_mib": { "idle": { "user": 12.0 }, "peak": { "user": 40.0 } },
        });
        let text = markdown(&report);
        assert!(
            text.contains(
                "| checkout | router | 100.0 | 1.0 | 2.0 | 3.0 | 0 | 1.0 / 0.5 / 2.0 | 1.00 |"
            ),
            "{text}"
        );
        assert!(text.contains("ratio 0.50"), "{text}");
        assert!(text.contains("| 1205 | 100.0, 1.0 / 3.0 |"), "{text}");
        assert!(text.contains("| user | 12.0 | 40.0 |"), "{text}");
    }
}
