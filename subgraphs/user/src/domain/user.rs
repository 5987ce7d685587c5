use chrono::{DateTime, Utc};
use platform::auth::Role;
use uuid::Uuid;

/// A user account, without its password hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    /// The account id (UUIDv7).
    pub id: Uuid,
    /// Normalised email address, if the account has one.
    pub email: Option<String>,
    /// Phone number in E.164 form, if the account has one.
    pub phone: Option<String>,
    /// The display name.
    pub name: String,
    /// An avatar image URL.
    pub avatar_url: Option<String>,
    /// BCP 47 language tag, e.g. `pt-BR`.
    pub locale: Option<String>,
    /// Whether the user accepts marketing messages.
    pub marketing_opt_in: bool,
    /// The roles the account holds.
    pub roles: Vec<Role>,
    /// False once deactivated: such a user cannot log in.
    pub active: bool,
    /// When the account was created.
    pub created_at: DateTime<Utc>,
}
