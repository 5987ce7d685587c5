//! The workspace's own checks, in one test binary (it links every service,
//! so one link instead of three): the committed schema matches the code,
//! `docker-compose.yml` matches what the code reads, and each service's
//! database role is confined to its schema.

mod compose_file;
mod database;
mod deploy;
mod schema;

/// Whether the router binary's front door (`crates/router/src/front_door.rs`,
/// a binary crate these tests cannot link) reads the variable `var`.
pub fn read_by_the_front_door(var: &str) -> bool {
    let source =
        std::fs::read_to_string(xtask::workspace_root().join("crates/router/src/front_door.rs"))
            .expect("the front door's source");
    var.starts_with("ROUTER_") && source.contains(&format!("var(\"{var}\")"))
}
