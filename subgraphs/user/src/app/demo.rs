//! Deterministic demo accounts, loaded by the dev command. The credentials
//! are documented in the README.

use platform::auth::Role;
use uuid::Uuid;

use crate::app::accounts::Accounts;

/// A demo account.
pub struct DemoAccount {
    /// Fixed id, so every machine gets the same account.
    pub id: Uuid,
    /// The sign-in email.
    pub email: &'static str,
    /// The demo password (documented in the README).
    pub password: &'static str,
    /// The display name.
    pub name: &'static str,
    /// The roles the account holds.
    pub roles: &'static [Role],
}

/// The demo staff account.
pub const STAFF: DemoAccount = DemoAccount {
    id: Uuid::from_u128(0x0000_0000_0000_7000_8000_0000_0000_0001),
    email: "staff@shop.test",
    password: "staff-password",
    name: "Sam Staff",
    roles: &[Role::Customer, Role::Staff],
};

/// The demo customer.
pub const CUSTOMER: DemoAccount = DemoAccount {
    id: Uuid::from_u128(0x0000_0000_0000_7000_8000_0000_0000_0002),
    email: "customer@shop.test",
    password: "customer-password",
    name: "Casey Customer",
    roles: &[Role::Customer],
};

/// The demo administrator.
pub const ADMIN: DemoAccount = DemoAccount {
    id: Uuid::from_u128(0x0000_0000_0000_7000_8000_0000_0000_0003),
    email: "admin@shop.test",
    password: "admin-password",
    name: "Ada Admin",
    roles: &[Role::Customer, Role::Staff, Role::Admin],
};

/// Every demo account.
pub const ACCOUNTS: [DemoAccount; 3] = [STAFF, CUSTOMER, ADMIN];

/// Creates the demo accounts that do not exist yet.
pub async fn seed(accounts: &Accounts) -> anyhow::Result<()> {
    for demo in &ACCOUNTS {
        if let Some(existing) = accounts.store().user_by_email(demo.email).await? {
            // Accounts seeded before emails were verified get the mark too.
            if !existing.email_verified {
                accounts.store().vouch_for_email(existing.id).await?;
            }
            continue;
        }
        accounts
            .register_with(
                demo.id,
                Some(demo.email),
                None,
                demo.password,
                demo.name,
                demo.roles,
            )
            .await?;
        tracing::info!(email = demo.email, "demo account created");
    }
    Ok(())
}
