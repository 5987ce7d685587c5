//! The shop's Apollo Router: the stock router from the `apollo-router`
//! crate, behind a front door of its own ([`front_door`]) that accepts the
//! public connections and tells the subgraphs the client's address.
//!
//! Run it with `--config router-config/router.yaml --supergraph
//! supergraph.graphql`; `cargo xtask dev` does that for you. Subcommands
//! (`router config validate ...`) run the stock router alone.

mod front_door;

fn main() -> anyhow::Result<()> {
    // Anonymous usage reporting is off unless explicitly turned on: these
    // machines have no route to Apollo, and we do not report by default.
    if std::env::var_os("APOLLO_TELEMETRY_DISABLED").is_none() {
        // SAFETY: nothing else runs yet; the router starts its threads below.
        #[allow(unsafe_code)]
        unsafe {
            std::env::set_var("APOLLO_TELEMETRY_DISABLED", "true")
        };
    }
    let serves = !std::env::args().skip(1).any(|arg| {
        matches!(
            arg.as_str(),
            "config" | "help" | "--help" | "-h" | "--version" | "-V"
        )
    });
    if !serves {
        return apollo_router::main();
    }
    // The Apollo Router links jemalloc. Freed memory goes back to the system
    // from its background thread, idle or not (by default jemalloc purges
    // only as it allocates). Failing is harmless.
    let _ = tikv_jemalloc_ctl::background_thread::write(true);
    let settings = front_door::Settings::from_env()?;
    front_door::clear_socket(&settings.upstream)?;
    // router-config/router.yaml listens on ${env.ROUTER_INTERNAL_LISTEN}.
    // SAFETY: as above, no other thread runs yet.
    #[allow(unsafe_code)]
    unsafe {
        std::env::set_var("ROUTER_INTERNAL_LISTEN", &settings.upstream)
    };

    let mut runtime = tokio::runtime::Builder::new_multi_thread();
    runtime.enable_all();
    // As apollo_router::main does.
    if let Some(threads) = std::env::var("APOLLO_ROUTER_IO_THREADS")
        .ok()
        .and_then(|value| value.parse::<usize>().ok())
    {
        runtime.worker_threads(threads);
    }
    let runtime = runtime.build()?;
    let result = runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(settings.listen)
            .await
            .map_err(|err| {
                anyhow::anyhow!(
                    "cannot listen on {} (ROUTER_LISTEN): {err}",
                    settings.listen
                )
            })?;
        let listen = listener.local_addr()?;
        tokio::spawn(front_door::serve(listener, settings.clone()));
        let announce = {
            let settings = settings.clone();
            tokio::spawn(async move { front_door::announce(&settings, listen).await })
        };
        let router = apollo_router::Executable::builder().start().await;
        announce.abort();
        router
    });
    let _ = front_door::clear_socket(&settings.upstream);
    result
}
