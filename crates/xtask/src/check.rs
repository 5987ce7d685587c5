//! `cargo xtask test`: everything CI checks, in the order CI checks it:
//!
//! 1. `cargo fmt --all --check`;
//! 2. `cargo clippy --workspace --all-targets -- -D warnings`;
//! 3. `cargo test --workspace`.
//!
//! Each step runs through [`crate::cargo`], so the inner builds reuse what a
//! plain `cargo test --workspace` built.

use std::path::Path;
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

/// Runs every step in `root`, stopping at the first that fails.
pub fn run(root: &Path) -> anyhow::Result<()> {
    let all = Instant::now();
    for step in STEPS {
        let started = Instant::now();
        println!("== cargo {}", step.join(" "));
        let status = crate::cargo(root)
            .args(*step)
            .status()
            .context("cannot run cargo")?;
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
}
