//! Accounts as the business sees them: validated values and the user record.
//! Nothing here knows about GraphQL, gRPC or SQL.

mod credentials;
mod profile;
mod user;

pub use credentials::{DisplayName, Email, Password};
pub use profile::{Address, AddressFields, AddressInput, Phone, parse_avatar_url, parse_locale};
pub use user::{User, granted_roles};
