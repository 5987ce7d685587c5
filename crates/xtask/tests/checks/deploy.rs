//! The Kubernetes manifests and the Dockerfile, checked against the code
//! (their schemas are checked by `deploy/check`): every variable a container
//! sets is one its binary reads, every command is a binary the image holds,
//! probes use the health routes, and no secret value is committed.

use std::collections::BTreeSet;

fn root() -> std::path::PathBuf {
    xtask::workspace_root()
}

/// Every document of every base manifest.
fn manifests() -> Vec<serde_yaml::Value> {
    let mut docs = Vec::new();
    for entry in std::fs::read_dir(root().join("deploy/k8s/base")).unwrap() {
        let path = entry.unwrap().path();
        if path.file_name().unwrap() == "kustomization.yaml" {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        for doc in text.split("\n---\n") {
            let blank = |l: &str| l.trim().is_empty() || l.trim_start().starts_with('#');
            if doc.lines().all(blank) {
                continue;
            }
            let value: serde_yaml::Value = serde_yaml::from_str(doc).unwrap();
            if !value.is_null() {
                docs.push(value);
            }
        }
    }
    docs
}

fn of_kind<'a>(docs: &'a [serde_yaml::Value], kind: &str) -> Vec<&'a serde_yaml::Value> {
    docs.iter().filter(|d| d["kind"] == kind).collect()
}

fn names(values: &serde_yaml::Value) -> Vec<String> {
    values
        .as_sequence()
        .map(|s| {
            s.iter()
                .filter_map(|v| v["name"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn every_deployment_sets_only_what_its_binary_reads_and_probes_the_health_routes() {
    let docs = manifests();
    let config: BTreeSet<String> = of_kind(&docs, "ConfigMap")[0]["data"]
        .as_mapping()
        .unwrap()
        .iter()
        .map(|(k, _)| k.as_str().unwrap().to_string())
        .collect();
    let deployments = of_kind(&docs, "Deployment");
    let mut seen = BTreeSet::new();
    for deployment in &deployments {
        let name = deployment["metadata"]["name"].as_str().unwrap().to_string();
        let spec = &deployment["spec"]["template"]["spec"];
        let main = &spec["containers"][0];
        let known: &[&str] = match name.as_str() {
            "user" => user::config::ENV_VARS,
            "product" => product::config::ENV_VARS,
            "order" => order::config::ENV_VARS,
            "notification" => notification::config::ENV_VARS,
            "router" | "web" => &[],
            other => panic!("unexpected deployment {other}"),
        };
        if name == "web" {
            // nginx and the built apps (Dockerfile target `web`): nothing
            // to configure, its own health route.
            assert_eq!(main["image"], "ghcr.io/shop-dev/shop-web:latest");
            assert!(main["env"].is_null(), "web reads no variables");
            let nginx = std::fs::read_to_string(root().join("deploy/web/nginx.conf")).unwrap();
            assert!(nginx.contains("listen 3000;"));
            assert!(nginx.contains("location = /healthz"));
            assert_eq!(main["ports"][0]["containerPort"], 3000);
            for probe in ["livenessProbe", "readinessProbe"] {
                assert_eq!(main[probe]["httpGet"]["path"], "/healthz", "web {probe}");
            }
        } else if name == "router" {
            let router = std::fs::read_to_string(root().join("router-config/router.yaml")).unwrap();
            for var in names(&main["env"]) {
                assert!(
                    router.contains(&format!("${{env.{var}"))
                        || var.starts_with("APOLLO_")
                        || crate::read_by_the_front_door(&var),
                    "router: {var} is not used by router.yaml nor the front door"
                );
            }
            assert_eq!(main["command"][0], "router");
        } else {
            let mut vars = names(&main["env"]);
            vars.extend(config.iter().cloned());
            for var in vars {
                assert!(
                    known.contains(&var.as_str()) || platform::server::is_serving_var(&var),
                    "{name}: {var} is not read by the service"
                );
            }
            assert_eq!(main["command"][0].as_str(), Some(name.as_str()));
            let init = &spec["initContainers"][0];
            assert_eq!(init["command"][0].as_str(), Some(name.as_str()));
            assert_eq!(init["command"][1], "migrate", "{name} migrates first");
            assert_eq!(main["livenessProbe"]["httpGet"]["path"], "/health/live");
            assert_eq!(main["readinessProbe"]["httpGet"]["path"], "/health/ready");
        }
        assert_eq!(spec["securityContext"]["runAsNonRoot"], true, "{name}");
        assert!(main["resources"]["requests"].is_mapping(), "{name}");
        assert!(spec["topologySpreadConstraints"].is_sequence(), "{name}");
        let vars = names(&main["env"]);
        let unique: BTreeSet<&String> = vars.iter().collect();
        assert_eq!(unique.len(), vars.len(), "{name} sets a variable twice");
        // Values of secrets are referenced, never written here.
        for var in main["env"].as_sequence().into_iter().flatten() {
            let var_name = var["name"].as_str().unwrap();
            if var_name.ends_with("_PASSWORD")
                || var_name.contains("SECRET")
                || ["AMQP_URL", "REDIS_URL", "SMTP_URL"].contains(&var_name)
            {
                assert!(
                    var["valueFrom"]["secretKeyRef"].is_mapping(),
                    "{name}: {var_name} must come from a Secret"
                );
            }
        }
        seen.insert(name);
    }
    assert_eq!(
        seen,
        BTreeSet::from(
            ["notification", "order", "product", "router", "user", "web"].map(String::from)
        )
    );
    for kind in [
        "Service",
        "PodDisruptionBudget",
        "HorizontalPodAutoscaler",
        "NetworkPolicy",
    ] {
        let have: BTreeSet<String> = of_kind(&docs, kind)
            .iter()
            .filter_map(|d| d["metadata"]["name"].as_str().map(str::to_string))
            .collect();
        assert!(have.is_superset(&seen), "{kind}: {have:?}");
    }
    assert!(
        of_kind(&docs, "Secret").is_empty(),
        "no Secret is committed"
    );
}

#[test]
fn grpc_ports_admit_only_the_peers_that_call_them() {
    let docs = manifests();
    let policy = |name: &str| {
        of_kind(&docs, "NetworkPolicy")
            .into_iter()
            .find(|p| p["metadata"]["name"] == name)
            .unwrap_or_else(|| panic!("no policy for {name}"))
            .clone()
    };
    let callers = |name: &str, port: u16| -> BTreeSet<String> {
        let policy = policy(name);
        let mut from = BTreeSet::new();
        for rule in policy["spec"]["ingress"].as_sequence().unwrap() {
            if rule["ports"][0]["port"].as_u64() == Some(u64::from(port)) {
                for peer in rule["from"].as_sequence().unwrap() {
                    let label = &peer["podSelector"]["matchLabels"]["app.kubernetes.io/name"];
                    let namespace =
                        &peer["namespaceSelector"]["matchLabels"]["kubernetes.io/metadata.name"];
                    from.insert(
                        label
                            .as_str()
                            .map(String::from)
                            .or_else(|| namespace.as_str().map(|n| format!("ns:{n}")))
                            .unwrap(),
                    );
                }
            }
        }
        from
    };
    let set = |items: &[&str]| items.iter().map(|s| s.to_string()).collect::<BTreeSet<_>>();
    // GraphQL (and /metrics) only from the router and the monitoring namespace.
    for (name, port) in [("user", 4001), ("product", 4002), ("notification", 4004)] {
        assert_eq!(
            callers(name, port),
            set(&["router", "ns:monitoring"]),
            "{name}"
        );
    }
    assert_eq!(
        callers("order", 4003),
        set(&["router", "ns:monitoring", "ns:ingress-nginx", "web"]),
        "order: invoices come through the ingress, straight or from the web pods"
    );
    // gRPC: the services whose certificates the allowlists admit.
    assert_eq!(
        callers("user", 50051),
        set(&["product", "order", "notification"])
    );
    assert_eq!(callers("product", 50052), set(&["order", "user"]));
    assert_eq!(callers("order", 50053), set(&["product"]));
    assert!(callers("notification", 50054).is_empty());
    assert_eq!(callers("router", 4000), set(&["ns:ingress-nginx", "web"]));
    assert_eq!(callers("web", 3000), set(&["ns:ingress-nginx"]));
    let deny = policy("default-deny-ingress");
    assert!(deny["spec"]["podSelector"].as_mapping().unwrap().is_empty());
}

#[test]
fn the_ingress_serves_the_apps_on_the_shop_host_and_the_api_on_its_own() {
    let docs = manifests();
    let ingress = of_kind(&docs, "Ingress")[0];
    let mut routes = BTreeSet::new();
    for rule in ingress["spec"]["rules"].as_sequence().unwrap() {
        let host = rule["host"].as_str().unwrap();
        for path in rule["http"]["paths"].as_sequence().unwrap() {
            let service = &path["backend"]["service"];
            let (name, port) = (service["name"].as_str().unwrap(), &service["port"]["name"]);
            // The backend is a Service with that port.
            let target = of_kind(&docs, "Service")
                .into_iter()
                .find(|s| s["metadata"]["name"] == name)
                .unwrap_or_else(|| panic!("{host}: no Service {name}"));
            assert!(
                target["spec"]["ports"]
                    .as_sequence()
                    .unwrap()
                    .iter()
                    .any(|p| &p["name"] == port),
                "{host}: Service {name} has no port {port:?}"
            );
            routes.insert(format!(
                "{host}{} -> {name}",
                path["path"].as_str().unwrap()
            ));
        }
        let tls = &ingress["spec"]["tls"][0]["hosts"];
        assert!(
            tls.as_sequence().unwrap().iter().any(|h| h == host),
            "{host} has TLS"
        );
    }
    assert_eq!(
        routes,
        BTreeSet::from(
            [
                "shop.example.com/ -> web",
                "api.shop.example.com/ -> router",
                "api.shop.example.com/invoices/ -> order",
            ]
            .map(String::from)
        )
    );
    // Invoice links in notifications point at the apps' host, whose web
    // pods pass /invoices/ to the order service.
    let notification = of_kind(&docs, "Deployment")
        .into_iter()
        .find(|d| d["metadata"]["name"] == "notification")
        .unwrap();
    let env = &notification["spec"]["template"]["spec"]["containers"][0]["env"];
    let base = env
        .as_sequence()
        .unwrap()
        .iter()
        .find(|v| v["name"] == "INVOICE_BASE_URL")
        .expect("INVOICE_BASE_URL");
    assert_eq!(base["value"], "https://shop.example.com");
}

#[test]
fn the_image_builds_dependencies_apart_runs_as_a_user_and_needs_no_system_protoc() {
    let dockerfile = std::fs::read_to_string(root().join("Dockerfile")).unwrap();
    assert!(
        dockerfile.contains("cargo chef cook --release"),
        "dependency layer"
    );
    assert!(dockerfile.contains("USER 10001"), "not root");
    assert!(!dockerfile.contains("protobuf-compiler"), "vendored protoc");
    for binary in [
        "user",
        "product",
        "order",
        "notification",
        "router",
        "xtask",
    ] {
        assert!(
            dockerfile.contains(&format!("target/release/{binary} ")),
            "{binary} is in the image"
        );
    }
    let config = std::fs::read_to_string(root().join(".cargo/config.toml")).unwrap();
    assert!(config.contains("PROTOC = { value = \"proto/protoc\", relative = true }"));
}
