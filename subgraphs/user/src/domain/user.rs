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
    /// Whether the owner followed the verification link sent to `email`.
    pub email_verified: bool,
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

impl User {
    /// The roles that take effect: the stored ones, but only CUSTOMER while
    /// the account has no verified email. Staff and admin powers need an
    /// address that is known to reach their owner.
    pub fn granted_roles(&self) -> Vec<Role> {
        granted_roles(&self.roles, self.email_verified)
    }
}

/// `roles`, cut down to CUSTOMER unless `email_verified`.
pub fn granted_roles(roles: &[Role], email_verified: bool) -> Vec<Role> {
    if email_verified {
        roles.to_vec()
    } else {
        roles
            .iter()
            .copied()
            .filter(|r| *r == Role::Customer)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_above_customer_need_a_verified_email() {
        let roles = [Role::Customer, Role::Staff, Role::Admin];
        assert_eq!(granted_roles(&roles, true), roles.to_vec());
        assert_eq!(granted_roles(&roles, false), vec![Role::Customer]);
        assert_eq!(
            granted_roles(&[Role::Customer], false),
            vec![Role::Customer]
        );
    }
}
