use chrono::{DateTime, Utc};
use platform::auth::Role;
use uuid::Uuid;

/// A user account, without its password hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: Uuid,
    /// Normalised email address.
    pub email: String,
    pub name: String,
    pub roles: Vec<Role>,
    /// False once deactivated: such a user cannot log in.
    pub active: bool,
    pub created_at: DateTime<Utc>,
}
