//! Reviews at the catalog level; the whole flow with real users and orders
//! runs through the router in `crates/router/tests/catalog.rs`.
