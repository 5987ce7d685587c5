//! The gRPC adapters: [`server`] serves `UserService`; [`clients`] calls the
//! product service, implementing [`crate::ports`].

pub mod clients;
pub mod server;
