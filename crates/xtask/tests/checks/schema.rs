//! The committed SDL and supergraph must match the code, and compose.

use std::path::Path;

#[test]
fn committed_subgraph_sdl_and_supergraph_match_the_code() {
    let composition = xtask::compose::compose_from_code().expect("the subgraphs compose");
    let drifted = xtask::compose::drifted(&xtask::workspace_root(), &composition);
    assert!(
        drifted.is_empty(),
        "out of date: {drifted:?}. Run `cargo xtask compose` and commit the result."
    );
}

#[test]
fn the_supergraph_joins_all_four_subgraphs_with_their_entities() {
    let supergraph = xtask::compose::compose_from_code().unwrap().supergraph;
    for (graph, url) in [
        ("USER", "4001"),
        ("PRODUCT", "4002"),
        ("ORDER", "4003"),
        ("NOTIFICATION", "4004"),
    ] {
        assert!(
            supergraph.contains(&format!("{graph} @join__graph")),
            "{graph} missing"
        );
        assert!(supergraph.contains(url));
    }
    assert!(
        supergraph.contains(
            "type User @join__type(graph: NOTIFICATION, key: \"id\") @join__type(graph: ORDER, key: \"id\") @join__type(graph: PRODUCT, key: \"id\") @join__type(graph: USER, key: \"id\")"
        ),
        "User is owned by user and extended by notification, order (orders) and product (reviews)"
    );
    assert!(
        supergraph.contains("key: \"id\", resolvable: false"),
        "order refers to Product by key only"
    );
}

#[test]
fn a_conflicting_subgraph_fails_composition_with_the_reason() {
    let mut subgraphs = xtask::compose::subgraphs();
    // The order subgraph redefines Money.amount with another type.
    subgraphs[2].sdl = subgraphs[2].sdl.replace("amount: String!", "amount: Int!");
    let error = match xtask::compose::compose_subgraphs(subgraphs) {
        Ok(_) => panic!("composition should fail"),
        Err(e) => e.to_string(),
    };
    assert!(error.contains("Money.amount"), "{error}");
}

#[test]
fn supergraph_yaml_lists_the_same_subgraphs_and_files_for_rover() {
    #[derive(serde::Deserialize)]
    struct Config {
        federation_version: String,
        subgraphs: std::collections::BTreeMap<String, Subgraph>,
    }
    #[derive(serde::Deserialize)]
    struct Subgraph {
        routing_url: String,
        schema: Schema,
    }
    #[derive(serde::Deserialize)]
    struct Schema {
        file: String,
    }
    let root = xtask::workspace_root();
    let config: Config =
        serde_yaml::from_str(&std::fs::read_to_string(root.join("supergraph.yaml")).unwrap())
            .unwrap();
    assert_eq!(config.federation_version, "2", "Federation 2 composition");
    let composition = xtask::compose::subgraphs();
    assert_eq!(config.subgraphs.len(), composition.len());
    for subgraph in composition {
        let entry = &config.subgraphs[subgraph.name];
        assert_eq!(entry.routing_url, subgraph.routing_url);
        assert_eq!(Path::new(&entry.schema.file), subgraph.path());
    }
}

#[test]
fn every_producing_service_creates_the_platform_outbox_and_every_consumer_its_inbox() {
    let root = xtask::workspace_root();
    let migrations = |service: &str| -> String {
        let dir = root.join("migrations").join(service);
        let mut text = String::new();
        for entry in std::fs::read_dir(&dir).expect("migrations folder") {
            text.push_str(&std::fs::read_to_string(entry.expect("entry").path()).expect("sql"));
        }
        text
    };
    for producer in ["user", "product", "order"] {
        assert!(
            migrations(producer).contains(platform::events::outbox::OUTBOX_DDL),
            "migrations/{producer} must create the outbox exactly as platform::events does"
        );
    }
    for consumer in ["product", "notification"] {
        assert!(
            migrations(consumer).contains(platform::events::consumer::INBOX_DDL),
            "migrations/{consumer} must create the inbox exactly as platform::events does"
        );
    }
}
