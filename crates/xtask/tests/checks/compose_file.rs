//! `docker-compose.yml` cannot run here (no Docker engine), so it is checked
//! statically against what the code reads and listens on.

use std::collections::BTreeMap;

#[derive(serde::Deserialize)]
struct ComposeFile {
    services: BTreeMap<String, Service>,
}

#[derive(serde::Deserialize)]
struct Service {
    #[serde(default)]
    environment: BTreeMap<String, String>,
    #[serde(default)]
    ports: Vec<String>,
    healthcheck: Option<serde_yaml::Value>,
    #[serde(default)]
    depends_on: BTreeMap<String, serde_yaml::Value>,
    #[serde(default)]
    volumes: Vec<String>,
    command: Option<serde_yaml::Value>,
}

fn compose() -> ComposeFile {
    let text = std::fs::read_to_string(xtask::workspace_root().join("docker-compose.yml")).unwrap();
    serde_yaml::from_str(&text).expect("docker-compose.yml parses")
}

#[test]
fn every_service_is_defined_with_a_health_check() {
    let file = compose();
    for name in [
        "postgres",
        "redis",
        "rabbitmq",
        "mailpit",
        "user",
        "product",
        "order",
        "notification",
        "router",
    ] {
        let service = file
            .services
            .get(name)
            .unwrap_or_else(|| panic!("service {name} missing"));
        assert!(service.healthcheck.is_some(), "{name} has no healthcheck");
    }
}

#[test]
fn service_environment_uses_only_variables_the_code_reads() {
    let file = compose();
    for (name, known) in [
        ("user", user::config::ENV_VARS),
        ("product", product::config::ENV_VARS),
        ("order", order::config::ENV_VARS),
        ("notification", notification::config::ENV_VARS),
    ] {
        let env = &file.services[name].environment;
        for key in env.keys() {
            assert!(
                known.contains(&key.as_str()) || platform::server::is_serving_var(key),
                "{name}: {key} is not read by the service"
            );
        }
        let prefix = name.to_uppercase();
        for required in [
            format!("{prefix}_HTTP_ADDR"),
            format!("{prefix}_GRPC_ADDR"),
            format!("{prefix}_DATABASE_URL"),
        ] {
            assert!(
                env.contains_key(&required),
                "{name}: {required} must be set in a container"
            );
        }
        // Services listen on all interfaces inside their container, on the default ports.
        let defaults = [
            ("user", "4001", "50051"),
            ("product", "4002", "50052"),
            ("order", "4003", "50053"),
            ("notification", "4004", "50054"),
        ];
        let (_, http, grpc) = defaults.iter().find(|d| d.0 == name).unwrap();
        assert_eq!(
            env[&format!("{prefix}_HTTP_ADDR")],
            format!("0.0.0.0:{http}")
        );
        assert_eq!(
            env[&format!("{prefix}_GRPC_ADDR")],
            format!("0.0.0.0:{grpc}")
        );
        assert!(file.services[name].depends_on.contains_key("postgres"));
    }
    // Peers are reached by service name on their gRPC ports.
    assert_eq!(
        file.services["product"].environment["USER_GRPC_URL"],
        "http://user:50051"
    );
    assert_eq!(
        file.services["order"].environment["PRODUCT_GRPC_URL"],
        "http://product:50052"
    );
    assert_eq!(
        file.services["notification"].environment["USER_GRPC_URL"],
        "http://user:50051"
    );
    // Every service that produces or consumes events reaches the broker.
    for name in ["user", "product", "order", "notification"] {
        assert_eq!(
            file.services[name].environment["AMQP_URL"], "amqp://guest:guest@rabbitmq:5672/%2f",
            "{name}"
        );
    }
}

#[test]
fn the_router_points_at_the_containers_and_publishes_port_4000() {
    let file = compose();
    let router = &file.services["router"];
    let config =
        std::fs::read_to_string(xtask::workspace_root().join("router-config/router.yaml")).unwrap();
    for (key, value) in &router.environment {
        assert!(
            config.contains(&format!("${{env.{key}"))
                || key.starts_with("APOLLO_")
                || crate::read_by_the_front_door(key),
            "router: {key} is not used by router-config/router.yaml nor the front door"
        );
        if key.ends_with("_SUBGRAPH_URL") {
            let service = key.trim_end_matches("_SUBGRAPH_URL").to_lowercase();
            assert!(
                value.starts_with(&format!("http://{service}:")),
                "{key}={value}"
            );
        }
    }
    assert_eq!(router.environment["APOLLO_TELEMETRY_DISABLED"], "true");
    assert!(
        router.ports.iter().any(|p| p.ends_with(":4000")),
        "{:?}",
        router.ports
    );
}

#[test]
fn services_share_one_development_pki_for_mutual_tls_and_the_router_secret() {
    let file = compose();
    let bootstrap = &file.services["bootstrap"];
    assert!(
        format!("{:?}", bootstrap.command).contains("xtask pki /app/pki"),
        "bootstrap makes the PKI"
    );
    assert!(bootstrap.volumes.contains(&"pki:/app/pki".to_string()));
    let secret = &file.services["router"].environment["ROUTER_SHARED_SECRET"];
    for name in ["user", "product", "order", "notification"] {
        let service = &file.services[name];
        assert!(
            service.volumes.contains(&"pki:/app/pki:ro".to_string()),
            "{name} mounts the PKI"
        );
        let env = &service.environment;
        assert_eq!(env["GRPC_TLS_CA_FILE"], "/app/pki/ca.pem", "{name}");
        assert_eq!(env["GRPC_TLS_CERT_FILE"], format!("/app/pki/{name}.pem"));
        assert_eq!(env["GRPC_TLS_KEY_FILE"], format!("/app/pki/{name}-key.pem"));
        assert_eq!(
            &env["ROUTER_SHARED_SECRET"], secret,
            "{name} shares the router's secret"
        );
    }
}

#[test]
fn services_are_ready_before_the_router_starts_and_prometheus_scrapes_each_one() {
    let file = compose();
    let root = xtask::workspace_root();
    let scrape = std::fs::read_to_string(root.join("deploy/prometheus/prometheus.yml")).unwrap();
    let scrape: serde_yaml::Value = serde_yaml::from_str(&scrape).expect("prometheus.yml parses");
    let targets: Vec<String> = scrape["scrape_configs"]
        .as_sequence()
        .unwrap()
        .iter()
        .flat_map(|job| job["static_configs"].as_sequence().unwrap().iter())
        .flat_map(|config| config["targets"].as_sequence().unwrap().iter())
        .map(|t| t.as_str().unwrap().to_string())
        .collect();
    for (name, port) in [
        ("user", "4001"),
        ("product", "4002"),
        ("order", "4003"),
        ("notification", "4004"),
    ] {
        let check = format!("{:?}", file.services[name].healthcheck);
        assert!(
            check.contains(&format!("http://127.0.0.1:{port}/health/ready")),
            "{name}: the healthcheck is readiness: {check}"
        );
        assert!(
            targets.contains(&format!("{name}:{port}")),
            "{name} is scraped: {targets:?}"
        );
    }
    assert!(targets.contains(&"router:9090".to_string()), "{targets:?}");
    let router = &file.services["router"];
    assert_eq!(router.environment["ROUTER_METRICS_LISTEN"], "0.0.0.0:9090");

    // Prometheus and Grafana get the files this repository provisions.
    let mounts = |name: &str| file.services[name].volumes.join(" ");
    assert!(mounts("prometheus").contains("./deploy/prometheus/prometheus.yml:"));
    for dir in [
        "./deploy/grafana/provisioning:",
        "./deploy/grafana/dashboards:",
    ] {
        assert!(mounts("grafana").contains(dir), "grafana mounts {dir}");
        let path = root.join(dir.trim_start_matches("./").trim_end_matches(':'));
        assert!(path.is_dir(), "{} exists", path.display());
    }
    let dashboard: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("deploy/grafana/dashboards/shop.json")).unwrap(),
    )
    .expect("the dashboard is JSON");
    let datasource = std::fs::read_to_string(
        root.join("deploy/grafana/provisioning/datasources/prometheus.yml"),
    )
    .unwrap();
    assert!(datasource.contains("url: http://prometheus:9090"));
    for panel in dashboard["panels"].as_array().unwrap() {
        assert_eq!(panel["datasource"]["uid"], "prometheus", "{panel}");
        assert!(!panel["targets"].as_array().unwrap().is_empty(), "{panel}");
    }
}

#[test]
fn every_service_and_the_router_export_traces_to_jaeger() {
    let file = compose();
    assert!(file.services.contains_key("jaeger"));
    for name in ["user", "product", "order", "notification"] {
        assert_eq!(
            file.services[name].environment["OTEL_EXPORTER_OTLP_ENDPOINT"], "http://jaeger:4317",
            "{name}"
        );
    }
    let router = &file.services["router"].environment;
    assert_eq!(router["ROUTER_OTLP_ENABLED"], "true");
    assert_eq!(router["ROUTER_OTLP_ENDPOINT"], "http://jaeger:4317");
}

#[test]
fn the_web_service_serves_the_apps_on_one_origin_with_the_api_behind_it() {
    let file = compose();
    let web = &file.services["web"];
    assert!(web.healthcheck.is_some(), "web has no healthcheck");
    assert_eq!(web.ports, ["3000:3000"]);
    for upstream in ["router", "order"] {
        assert!(
            web.depends_on.contains_key(upstream),
            "web waits for {upstream}"
        );
    }
    // nginx passes the API on to the addresses the services listen on.
    let root = xtask::workspace_root();
    let nginx = std::fs::read_to_string(root.join("deploy/web/nginx.conf")).unwrap();
    let listen = |service: &str, var: &str| {
        file.services[service].environment[var]
            .rsplit(':')
            .next()
            .unwrap()
            .to_string()
    };
    for (location, upstream) in [
        (
            "location = /graphql",
            format!(
                "proxy_pass http://router:{}/;",
                listen("router", "ROUTER_LISTEN")
            ),
        ),
        (
            "location /invoices/",
            format!(
                "proxy_pass http://order:{};",
                listen("order", "ORDER_HTTP_ADDR")
            ),
        ),
    ] {
        let block = nginx
            .split(location)
            .nth(1)
            .unwrap_or_else(|| panic!("nginx.conf has no `{location}`"));
        let block = &block[..block.find('}').unwrap()];
        assert!(block.contains(&upstream), "{location}: expected {upstream}");
    }
    for app in ["location /admin/", "location /graphiql/", "location / {"] {
        assert!(nginx.contains(app), "nginx.conf serves `{app}`");
    }
    // The Dockerfile's `web` stage copies each app where nginx serves it.
    let dockerfile = std::fs::read_to_string(root.join("Dockerfile")).unwrap();
    assert!(dockerfile.contains("FROM nginxinc/nginx-unprivileged:1.27-alpine AS web"));
    for app in [
        "storefront/dist /usr/share/shop-web",
        "admin/dist /usr/share/shop-web/admin",
        "graphiql/dist /usr/share/shop-web/graphiql",
    ] {
        assert!(dockerfile.contains(app), "Dockerfile copies {app}");
    }
    assert!(
        dockerfile
            .trim_end()
            .lines()
            .rev()
            .find(|l| l.starts_with("FROM"))
            .unwrap()
            .ends_with("AS runtime"),
        "the services' image stays the Dockerfile's default (last) target"
    );
    // Links in notification emails point at the web apps' origin.
    let notification = &file.services["notification"].environment;
    assert_eq!(notification["STOREFRONT_URL"], "http://localhost:3000");
    assert_eq!(notification["INVOICE_BASE_URL"], "http://localhost:3000");
}
