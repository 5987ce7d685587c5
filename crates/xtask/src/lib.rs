//! # xtask: the developer commands of the shop workspace
//!
//! Run as `cargo xtask <command>` (an alias in `.cargo/config.toml`):
//! - `compose`: exports each subgraph's SDL from code into
//!   `subgraphs/<name>/schema.graphql` and composes `supergraph.graphql`
//!   with `apollo_federation::composition::compose`, printing any hints.
//! - `bootstrap`: creates the database, and each service's schema and role.
//! - `create-admin <email>`: makes the first admin (password from
//!   `SHOP_ADMIN_PASSWORD`), or promotes an existing account.
//! - `dev`: the whole stack: database, migrations, demo data, the three
//!   subgraphs and the router, until Ctrl-C.
//! - `test`: what CI checks: formatting, clippy with `-D warnings`, and
//!   `cargo test --workspace`.
//!
//! ## Layout
//! - [`check`]: the `test` command.
//! - [`compose`]: SDL export and composition (also used by the drift test).
//! - [`database`]: finding or starting PostgreSQL, bootstrap, demo data.
//! - [`dev`]: process supervision for the dev stack.

pub mod check;
pub mod compose;
pub mod database;
pub mod dev;

use std::path::PathBuf;

/// The workspace root (where `Cargo.toml`, `supergraph.graphql` live).
pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap_or_else(|_| PathBuf::from("."))
}
