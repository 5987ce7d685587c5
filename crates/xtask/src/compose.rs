//! Exporting subgraph SDL from code and composing the supergraph.

use std::path::{Path, PathBuf};

use anyhow::Context;
use apollo_federation::composition::{CompositionOptions, compose};
use apollo_federation::subgraph::typestate::Subgraph;

/// One subgraph as composition sees it.
pub struct SubgraphSdl {
    /// The subgraph's name in the supergraph (`user`, `product`, `order`, `notification`).
    pub name: &'static str,
    /// The default routing URL written into the supergraph. The router's
    /// `override_subgraph_url` can replace it per deployment.
    pub routing_url: &'static str,
    /// The SDL exported from the subgraph's code.
    pub sdl: String,
}

impl SubgraphSdl {
    /// Where the SDL is committed, relative to the workspace root.
    pub fn path(&self) -> PathBuf {
        PathBuf::from("subgraphs")
            .join(self.name)
            .join("schema.graphql")
    }
}

/// The four subgraphs, their SDL exported from code right now.
pub fn subgraphs() -> Vec<SubgraphSdl> {
    vec![
        SubgraphSdl {
            name: "user",
            routing_url: "http://127.0.0.1:4001/graphql",
            sdl: user::sdl(),
        },
        SubgraphSdl {
            name: "product",
            routing_url: "http://127.0.0.1:4002/graphql",
            sdl: product::sdl(),
        },
        SubgraphSdl {
            name: "order",
            routing_url: "http://127.0.0.1:4003/graphql",
            sdl: order::sdl(),
        },
        SubgraphSdl {
            name: "notification",
            routing_url: "http://127.0.0.1:4004/graphql",
            sdl: notification::sdl(),
        },
    ]
}

/// A successful composition.
pub struct Composition {
    /// Each subgraph's exported SDL.
    pub subgraphs: Vec<SubgraphSdl>,
    /// The supergraph SDL, as the router loads it.
    pub supergraph: String,
    /// Composition hints, one line each (`CODE: message`).
    pub hints: Vec<String>,
    /// The JSON Schema of the event contract, generated from its types.
    pub events_schema: String,
}

/// Where the event contract's JSON Schema is committed.
pub const EVENTS_SCHEMA: &str = "crates/platform/events.schema.json";

/// Composes the subgraphs. A failure lists every composition error.
pub fn compose_subgraphs(subgraphs: Vec<SubgraphSdl>) -> anyhow::Result<Composition> {
    let parsed = subgraphs
        .iter()
        .map(|s| {
            Subgraph::parse(s.name, s.routing_url, &s.sdl)
                .map_err(|e| anyhow::anyhow!("subgraph {}: {e}", s.name))
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    let supergraph = compose(parsed, CompositionOptions::default()).map_err(|failure| {
        let errors: Vec<String> = failure.errors.iter().map(|e| format!("- {e}")).collect();
        anyhow::anyhow!("composition failed:\n{}", errors.join("\n"))
    })?;
    let hints = supergraph
        .hints()
        .iter()
        .map(|h| format!("{}: {}", h.code(), h.message))
        .collect();
    let sdl = supergraph.schema().schema().to_string();
    Ok(Composition {
        subgraphs,
        supergraph: sdl,
        hints,
        events_schema: platform::events::contract::json_schema(),
    })
}

/// Exports and composes the subgraphs as the code defines them now.
pub fn compose_from_code() -> anyhow::Result<Composition> {
    compose_subgraphs(subgraphs())
}

/// Writes every exported SDL and the supergraph under `root`.
pub fn write(root: &Path, composition: &Composition) -> anyhow::Result<()> {
    for subgraph in &composition.subgraphs {
        let path = root.join(subgraph.path());
        std::fs::write(&path, &subgraph.sdl)
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    std::fs::write(root.join("supergraph.graphql"), &composition.supergraph)?;
    std::fs::write(root.join(EVENTS_SCHEMA), &composition.events_schema)?;
    Ok(())
}

/// The files under `root` that differ from `composition`.
pub fn drifted(root: &Path, composition: &Composition) -> Vec<PathBuf> {
    let mut files: Vec<(PathBuf, &str)> = composition
        .subgraphs
        .iter()
        .map(|s| (s.path(), s.sdl.as_str()))
        .collect();
    files.push((PathBuf::from("supergraph.graphql"), &composition.supergraph));
    files.push((PathBuf::from(EVENTS_SCHEMA), &composition.events_schema));
    files
        .into_iter()
        .filter(|(path, expected)| {
            std::fs::read_to_string(root.join(path)).ok().as_deref() != Some(*expected)
        })
        .map(|(path, _)| path)
        .collect()
}
