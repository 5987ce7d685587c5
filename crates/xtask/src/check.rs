//! `cargo xtask test`: everything CI checks, in the order CI checks it:
//!
//! 1. `cargo fmt --all --check`;
//! 2. `deploy/check`: the Kubernetes manifests (as kustomize renders them),
//!    the GitHub workflows and docker-compose.yml against their schemas;
//! 3. `web`: the web apps' generated types match `supergraph.graphql` and
//!    their operations (`npm run codegen:check`), and they type-check and
//!    build (`npm run build`), after `npm ci` when the lockfile changed;
//! 4. `cargo clippy --workspace --all-targets -- -D warnings`;
//! 5. `cargo test --workspace`;
//! 6. `browser`: the browser tests against a stack of their own
//!    ([`crate::browser`]).
//!
//! Each cargo step runs through [`crate::cargo`], so the inner builds reuse
//! what a plain `cargo test --workspace` built.

use std::path::Path;
use std::time::Instant;

use anyhow::{Context, bail};

/// The steps, each a `cargo` argument list, or a script of the repository
/// when it starts with `./`, or `web` ([`crate::web::check`]).
pub const STEPS: &[&[&str]] = &[
    &["fmt", "--all", "--check"],
    &["./deploy/check"],
    &["web"],
    &[
        "clippy",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ],
    &["test", "--workspace"],
    &["browser"],
];

/// Runs every step in `root`, stopping at the first that fails.
pub async fn run(root: &Path) -> anyhow::Result<()> {
    let all = Instant::now();
    for step in STEPS {
        let started = Instant::now();
        if step == &["browser"] {
            println!("== browser tests");
            crate::browser::run(root, &[])
                .await
                .context("the browser tests failed")?;
            println!(
                "== browser tests passed in {:.0} s",
                started.elapsed().as_secs_f64()
            );
            continue;
        }
        if step == &["web"] {
            println!("== web (codegen check, type-check, build)");
            crate::web::check(root).context("the web checks failed")?;
            println!("== web passed in {:.0} s", started.elapsed().as_secs_f64());
            continue;
        }
        let (name, mut command) = match step[0].strip_prefix("./") {
            Some(script) => {
                let mut command = std::process::Command::new(root.join(script));
                command.current_dir(root).args(&step[1..]);
                (step.join(" "), command)
            }
            None => {
                let mut command = crate::cargo(root);
                command.args(*step);
                (format!("cargo {}", step.join(" ")), command)
            }
        };
        println!("== {name}");
        let status = command
            .status()
            .with_context(|| format!("cannot run {name}"))?;
        if !status.success() {
            bail!("`{name}` failed ({status})");
        }
        println!(
            "== {name} passed in {:.0} s",
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
                "./deploy/check",
                "web",
                "clippy --workspace --all-targets -- -D warnings",
                "test --workspace",
                "browser"
            ]
        );
    }
}
