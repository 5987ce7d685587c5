use chrono::{DateTime, Utc};
use platform::auth::Role;
use uuid::Uuid;

/// A user account, without its password hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: Uuid,
    /// Normalised email address, if the account has one.
    pub email: Option<String>,
    /// Phone number in E.164 form, if the account has one.
    pub phone: Option<String>,
    pub name: String,
    pub avatar_url: Option<String>,
    /// BCP 47 language tag, e.g. `pt-BR`.
    pub locale: Option<String>,
    pub marketing_opt_in: bool,
    pub roles: Vec<Role>,
    /// False once deactivated: such a user cannot log in.
    pub active: bool,
    pub created_at: DateTime<Utc>,
}
