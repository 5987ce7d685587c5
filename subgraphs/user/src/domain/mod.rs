//! Accounts as the business sees them: validated values and the user record.
//! Nothing here knows about GraphQL, gRPC or SQL.

mod credentials;
mod user;

pub use credentials::{DisplayName, Email, Password};
pub use user::User;
