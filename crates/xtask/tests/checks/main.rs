//! The workspace's own checks, in one test binary (it links every service,
//! so one link instead of three): the committed schema matches the code,
//! `docker-compose.yml` matches what the code reads, and each service's
//! database role is confined to its schema.

mod compose_file;
mod database;
mod deploy;
mod schema;
