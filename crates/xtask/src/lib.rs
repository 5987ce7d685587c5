//! # xtask: the developer commands of the shop workspace
//!
//! Run as `cargo xtask <command>` (an alias in `.cargo/config.toml`):
//! - `compose`: exports each subgraph's SDL from code into
//!   `subgraphs/<name>/schema.graphql` and composes `supergraph.graphql`
//!   with `apollo_federation::composition::compose`, printing any hints.
//! - `bootstrap`: creates the database, and each service's schema and role.
//! - `create-admin <email>`: makes the first admin (password from
//!   `SHOP_ADMIN_PASSWORD`), or promotes an existing account, which needs
//!   that account's own password.
//! - `pki [DIR]`: the development CA and each service's certificate for
//!   mutual TLS (default `.data/pki`), as the dev command makes them.
//! - `rotate-jwt-key`: a new signing key; the previous one keeps verifying
//!   its tokens, so nobody is logged out.
//! - `seed [--products N]`: migrations and demo data, with `N` generated
//!   products (default 1,200; the scaling benchmarks use up to 1,000,000).
//!   A larger `N` extends a smaller catalog.
//! - `dev [--products N]`: the whole stack: database, migrations, demo
//!   data, the four subgraphs and the router, until Ctrl-C.
//! - `bench [--duration S] [--connections C] [--scale N,N]`: the load
//!   benchmarks on release builds (see [`bench`]).
//! - `browser-test [ARGS]`: the web apps' browser tests against a stack of
//!   their own (see [`browser`]); `ARGS` go to Playwright.
//! - `test`: what CI checks: formatting, the deploy and web checks, clippy
//!   with `-D warnings`, `cargo test --workspace` and the browser tests.
//!
//! ## Layout
//! - [`browser`]: the `browser-test` command.
//! - [`check`]: the `test` command.
//! - [`compose`]: SDL export and composition (also used by the drift test).
//! - [`database`]: finding or starting PostgreSQL, bootstrap, demo data.
//! - [`dev`]: process supervision for the dev stack.

pub mod bench;
pub mod browser;
pub mod check;
pub mod compose;
pub mod database;
pub mod dev;
pub mod web;

use std::path::PathBuf;

/// The generated catalog size from `[--products N]` (1,000 to 1,000,000),
/// or the default demo size.
pub fn catalog_size(options: &[&str]) -> anyhow::Result<usize> {
    match options {
        [] => Ok(product::app::demo::GENERATED_PRODUCTS),
        ["--products", n] => {
            let n: usize = n
                .replace(['_', ','], "")
                .parse()
                .map_err(|_| anyhow::anyhow!("--products takes a number, not {n:?}"))?;
            if !(1_000..=1_000_000).contains(&n) {
                anyhow::bail!("--products must be between 1000 and 1000000");
            }
            Ok(n)
        }
        _ => anyhow::bail!("unknown options {options:?}; expected [--products N]"),
    }
}

/// The options of `cargo xtask dev`: `--products N` and `--release`, in
/// any order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DevOptions {
    /// Products in the generated demo catalog.
    pub products: usize,
    /// Run optimised binaries (`cargo build --release --bins`, the build
    /// `cargo xtask bench` uses too).
    pub release: bool,
}

/// Parses the options of `cargo xtask dev`.
pub fn dev_options(options: &[&str]) -> anyhow::Result<DevOptions> {
    let release = options.contains(&"--release");
    let rest: Vec<&str> = options
        .iter()
        .copied()
        .filter(|o| *o != "--release")
        .collect();
    let products = catalog_size(&rest)
        .map_err(|e| anyhow::anyhow!("{e}; `cargo xtask dev` takes [--products N] [--release]"))?;
    Ok(DevOptions { products, release })
}

/// The workspace root (where `Cargo.toml`, `supergraph.graphql` live).
///
/// Read from `CARGO_MANIFEST_DIR` at run time (`cargo run`, which `cargo
/// xtask` is, and `cargo test` set it), else as it was at compile time:
/// two clones that share a target directory share one xtask binary (cargo's
/// fingerprint of a workspace member ignores its absolute path), and each
/// must still work on its own tree.
pub fn workspace_root() -> PathBuf {
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    manifest_dir
        .join("../..")
        .canonicalize()
        .unwrap_or_else(|_| PathBuf::from("."))
}

/// A `cargo` command in `root` for the builds xtask starts (`dev`, `test`).
///
/// `cargo run` (which `cargo xtask` is) adds variables for the binary it
/// runs: `CARGO_PKG_*`, `CARGO_MANIFEST_*`, `CARGO_BIN_NAME`,
/// `CARGO_CRATE_NAME`, `CARGO_PRIMARY_PACKAGE`. A build that inherits them
/// fingerprints many crates differently (the Apollo Router among them) and
/// rebuilds them, so that `cargo xtask dev` and `cargo test --workspace`
/// would rebuild each other. They are removed here, so the inner build sees
/// what a plain `cargo test --workspace` sees.
pub fn cargo(root: &std::path::Path) -> std::process::Command {
    let mut command =
        std::process::Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    command.current_dir(root);
    for (name, _) in std::env::vars_os() {
        if let Some(name) = name.to_str()
            && is_cargo_run_variable(name)
        {
            command.env_remove(name);
        }
    }
    // The development default xtask gave itself is not handed on: the
    // tests run as a plain `cargo test` would, in production unless a test
    // says otherwise.
    if std::env::var_os(DEFAULTED_ENV).is_some() {
        command.env_remove("SHOP_ENV").env_remove(DEFAULTED_ENV);
    }
    command
}

/// Set (with `SHOP_ENV=development`) when xtask defaulted the environment
/// itself, rather than the caller choosing it.
pub const DEFAULTED_ENV: &str = "XTASK_DEFAULTED_SHOP_ENV";

/// Whether `name` is one of the variables `cargo run` sets for the binary
/// it runs (see [`cargo`]).
fn is_cargo_run_variable(name: &str) -> bool {
    name.starts_with("CARGO_PKG_")
        || matches!(
            name,
            "CARGO_MANIFEST_DIR"
                | "CARGO_MANIFEST_PATH"
                | "CARGO_BIN_NAME"
                | "CARGO_CRATE_NAME"
                | "CARGO_PRIMARY_PACKAGE"
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_what_cargo_run_adds_for_this_binary_is_removed() {
        assert!(is_cargo_run_variable("CARGO_PKG_NAME"));
        assert!(is_cargo_run_variable("CARGO_MANIFEST_DIR"));
        assert!(is_cargo_run_variable("CARGO_PRIMARY_PACKAGE"));
        assert!(!is_cargo_run_variable("CARGO_TARGET_DIR"));
        assert!(!is_cargo_run_variable("CARGO_HOME"));
        assert!(!is_cargo_run_variable("CARGO"));
    }

    #[test]
    fn dev_takes_release_and_a_catalog_size_in_any_order() {
        let parse = |args: &[&str]| super::dev_options(args);
        assert!(!parse(&[]).unwrap().release);
        let both = parse(&["--release", "--products", "5000"]).unwrap();
        assert_eq!((both.release, both.products), (true, 5000));
        let both = parse(&["--products", "5000", "--release"]).unwrap();
        assert_eq!((both.release, both.products), (true, 5000));
        assert!(parse(&["--fast"]).is_err());
    }
}
