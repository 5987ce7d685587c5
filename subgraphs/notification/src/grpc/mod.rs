//! The gRPC adapters: [`server`] serves `NotificationService`; [`clients`]
//! implements the [`crate::ports::Users`] port over `UserService`.

pub mod clients;
pub mod server;
