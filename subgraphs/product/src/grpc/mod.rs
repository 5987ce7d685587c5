//! The gRPC adapters: [`server`] serves `ProductService`; [`clients`] calls
//! the order service, implementing [`crate::ports`].

pub mod clients;
pub mod server;
