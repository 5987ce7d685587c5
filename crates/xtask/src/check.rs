//! `cargo xtask test`: everything CI checks, in the order CI checks it:
//!
//! 1. `cargo fmt --all --check`;
//! 2. `cargo clippy --workspace --all-targets -- -D warnings`;
//! 3. `cargo test --workspace`.
//!
//! Each step runs with the environment `cargo run` gave this process minus
//! what it added for this binary alone (`CARGO_PKG_*`, `CARGO_MANIFEST_*`,
//! `CARGO_BIN_NAME`, ...), so the inner builds see what a plain
//! `cargo test --workspace` sees and reuse its artifacts instead of
//! rebuilding them.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, bail};

/// The steps, each a `cargo` argument list.
pub const STEPS: &[&[&str]] = &[
    &["fmt", "--all", "--check"],
    &[
        "clippy",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ],
    &["test", "--workspace"],
];

/// Variables `cargo run` sets for the binary it runs. Cargo sets them again
/// for every crate it compiles, but a build script that reads one would
/// otherwise see this binary's value and make its crate rebuild.
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

/// Runs every step in `root`, stopping at the first that fails.
pub fn run(root: &Path) -> anyhow::Result<()> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let all = Instant::now();
    for step in STEPS {
        let started = Instant::now();
        println!("== cargo {}", step.join(" "));
        let mut command = Command::new(&cargo);
        command.current_dir(root).args(*step);
        for (name, _) in std::env::vars_os() {
            if let Some(name) = name.to_str()
                && is_cargo_run_variable(name)
            {
                command.env_remove(name);
            }
        }
        let status = command
            .status()
            .with_context(|| format!("cannot run {cargo}"))?;
        if !status.success() {
            bail!("`cargo {}` failed ({status})", step.join(" "));
        }
        println!(
            "== cargo {} passed in {:.0} s",
            step.join(" "),
            started.elapsed().as_secs_f64()
        );
    }
    println!("all checks passed in {:.0} s", all.elapsed().as_secs_f64());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_steps_are_the_ones_ci_documents() {
        let commands: Vec<String> = STEPS.iter().map(|s| s.join(" ")).collect();
        assert_eq!(
            commands,
            [
                "fmt --all --check",
                "clippy --workspace --all-targets -- -D warnings",
                "test --workspace"
            ]
        );
    }

    #[test]
    fn only_what_cargo_run_adds_for_this_binary_is_removed() {
        assert!(is_cargo_run_variable("CARGO_PKG_NAME"));
        assert!(is_cargo_run_variable("CARGO_MANIFEST_DIR"));
        assert!(!is_cargo_run_variable("CARGO_TARGET_DIR"));
        assert!(!is_cargo_run_variable("CARGO_HOME"));
        assert!(!is_cargo_run_variable("CARGO"));
    }
}
