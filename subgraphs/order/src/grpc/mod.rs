//! The gRPC adapters: [`server`] serves `OrderService`; [`clients`] calls
//! the user and product services, implementing [`crate::ports`].

pub mod clients;
pub mod server;
