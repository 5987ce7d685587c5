//! End-to-end tests: every request goes through the real router binary to
//! the three subgraphs, which call each other over gRPC and store in
//! PostgreSQL. One test binary, so that the services and the router are
//! linked once; [`support::spawn_stack`] gives each test its own database
//! and its own ports.

mod stripe_emulator;
mod support;

mod accounts;
mod aftercare;
mod boundaries;
mod catalog;
mod checkout;
mod notifications;
mod operations;
mod payments;
mod replicas;
mod secrets;
mod sessions;
mod supergraph;
mod trace;
