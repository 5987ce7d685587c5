//! `cargo xtask <command>`: see the crate documentation for the commands.

use anyhow::bail;

fn main() -> anyhow::Result<()> {
    // xtask is the development tool: the services it starts, and the
    // accounts it creates, run in development unless SHOP_ENV says
    // otherwise. (The services themselves default to production.)
    if std::env::var_os("SHOP_ENV").is_none() {
        // SAFETY: no other thread exists yet; the runtime starts below.
        #[allow(unsafe_code)]
        unsafe {
            std::env::set_var("SHOP_ENV", "development");
            std::env::set_var(xtask::DEFAULTED_ENV, "1");
        };
    }
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?
        .block_on(run())
}

async fn run() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = xtask::workspace_root();
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["compose"] | ["compose", "--check"] => {
            let composition = xtask::compose::compose_from_code()?;
            for hint in &composition.hints {
                println!("hint: {hint}");
            }
            if args.len() == 2 {
                let drifted = xtask::compose::drifted(&root, &composition);
                if !drifted.is_empty() {
                    bail!("out of date: {drifted:?}; run `cargo xtask compose`");
                }
                println!("schema files are up to date");
            } else {
                xtask::compose::write(&root, &composition)?;
                for subgraph in &composition.subgraphs {
                    println!("wrote {}", subgraph.path().display());
                }
                println!(
                    "wrote supergraph.graphql ({} hints)",
                    composition.hints.len()
                );
            }
            Ok(())
        }
        ["bootstrap"] => {
            let url = xtask::database::admin_url();
            let _cluster = xtask::database::ensure_server(&root, &url)?;
            xtask::database::bootstrap(&url).await?;
            println!("bootstrapped schemas and roles in {url}");
            Ok(())
        }
        ["create-admin", email] => {
            // The password comes from the environment, never from the command
            // line, so it stays out of shell history and `ps`.
            let Ok(password) = std::env::var("SHOP_ADMIN_PASSWORD") else {
                bail!("set SHOP_ADMIN_PASSWORD to the new admin's password (8 to 128 characters)");
            };
            let url = xtask::database::admin_url();
            let _cluster = xtask::database::ensure_server(&root, &url)?;
            let admin = xtask::database::bootstrap(&url).await?;
            xtask::database::create_admin(&admin, &root.join(".data"), email, &password).await
        }
        ["pki", dir @ ..] => {
            // The development CA and one certificate per service (mutual
            // TLS between the services), as the dev command makes them.
            let dir = dir
                .first()
                .map(std::path::PathBuf::from)
                .unwrap_or_else(|| root.join(".data/pki"));
            let pki = platform::tls::DevPki::ensure(&dir)?;
            println!(
                "development PKI in {} (CA: {})",
                dir.display(),
                pki.ca_file().display()
            );
            Ok(())
        }
        ["rotate-jwt-key"] => {
            // The files of JWT_PRIVATE_KEY_FILE and JWT_PREVIOUS_KEY_FILE
            // when set (both, or neither), else the development keys.
            let kid = match (
                platform::config::env_opt("JWT_PRIVATE_KEY_FILE"),
                platform::config::env_opt("JWT_PREVIOUS_KEY_FILE"),
            ) {
                (Some(current), Some(previous)) => user::app::tokens::rotate_keys(
                    std::path::Path::new(&current),
                    std::path::Path::new(&previous),
                )?,
                (None, None) => user::app::tokens::rotate_dev_keys(&std::path::PathBuf::from(
                    platform::config::env_or(
                        "SHOP_DATA_DIR",
                        &root.join(".data").display().to_string(),
                    ),
                ))?,
                _ => bail!("set both JWT_PRIVATE_KEY_FILE and JWT_PREVIOUS_KEY_FILE, or neither"),
            };
            println!(
                "new signing key {kid}; the previous key still verifies its tokens. Restart the user service to sign with it: nobody is logged out."
            );
            Ok(())
        }
        ["test"] => xtask::check::run(&root).await,
        ["browser-test", args @ ..] => {
            platform::telemetry::init("xtask");
            let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
            xtask::browser::run(&root, &args).await
        }
        ["seed", options @ ..] => {
            platform::telemetry::init("xtask");
            if platform::config::is_production() {
                bail!(
                    "demo data (accounts with published passwords) is for development; SHOP_ENV says production"
                );
            }
            let products = xtask::catalog_size(options)?;
            let url = xtask::database::admin_url();
            let _cluster = xtask::database::ensure_server(&root, &url)?;
            let admin = xtask::database::bootstrap(&url).await?;
            xtask::database::migrate_and_seed(&admin, &root.join(".data"), products).await?;
            println!("demo data loaded ({products} generated products)");
            Ok(())
        }
        ["bench", options @ ..] => {
            platform::telemetry::init("xtask");
            let options = xtask::bench::Options::parse(options)?;
            xtask::bench::run(&root, options).await
        }
        ["dev", options @ ..] => {
            platform::telemetry::init("xtask");
            let options = xtask::dev_options(options)?;
            xtask::dev::run(&root, options).await
        }
        _ => bail!(
            "usage: cargo xtask compose [--check] | bootstrap | create-admin <email> | rotate-jwt-key | pki [DIR] | seed [--products N] | dev [--products N] [--release] | bench [--duration S] [--connections C] [--scale N,N] | browser-test [PLAYWRIGHT ARGS] | test"
        ),
    }
}
