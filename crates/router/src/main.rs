//! The shop's Apollo Router: the stock router from the `apollo-router` crate.
//!
//! Run it with `--config router-config/router.yaml --supergraph
//! supergraph.graphql`; `cargo xtask dev` does that for you.

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
    apollo_router::main()
}
