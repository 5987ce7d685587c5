//! The types this subgraph owns: `Notification` and
//! `NotificationPreference`.

use async_graphql::{Enum, SimpleObject};
use chrono::{DateTime, Utc};

use super::*;
use crate::domain::{Category, Notification, Preference};

/// An in-app notification: an order update, a receipt, a security notice,
/// or (for staff) a low-stock alert.
pub struct NotificationNode(pub Notification);

#[Object(name = "Notification")]
impl NotificationNode {
    /// Unique id (a UUIDv7: newer notifications have larger ids).
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }

    /// What it is about.
    async fn category(&self) -> NotificationCategory {
        self.0.category.into()
    }

    /// The message type, e.g. `order_shipped`, `order_paid`, `stock_low`.
    async fn kind(&self) -> &str {
        &self.0.kind
    }

    /// One line, in the user's language.
    async fn title(&self) -> &str {
        &self.0.title
    }

    /// A few sentences, in the user's language.
    async fn body(&self) -> &str {
        &self.0.body
    }

    /// Where it leads (an order or product page), if anywhere.
    async fn link(&self) -> Option<&str> {
        self.0.link.as_deref()
    }

    /// When it was made.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }

    /// When the user read it; null while unread.
    async fn read_at(&self) -> Option<DateTime<Utc>> {
        self.0.read_at
    }

    /// Whether the user has read it.
    async fn read(&self) -> bool {
        self.0.read_at.is_some()
    }
}

/// What a notification is about. Preferences are set per category
/// (all but `STAFF_ALERTS`).
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
pub enum NotificationCategory {
    /// Receipts, payment failures, cancellations, refunds, returns.
    Orders,
    /// Packing, shipping, delivery.
    Shipping,
    /// Welcome, password resets, email changes. Email cannot be switched off.
    Account,
    /// Price drops on wishlisted products; only with marketing consent.
    Marketing,
    /// Low-stock alerts, for staff.
    StaffAlerts,
}

impl From<Category> for NotificationCategory {
    fn from(category: Category) -> Self {
        match category {
            Category::Orders => Self::Orders,
            Category::Shipping => Self::Shipping,
            Category::Account => Self::Account,
            Category::Marketing => Self::Marketing,
            Category::StaffAlerts => Self::StaffAlerts,
        }
    }
}

/// Which channels one category of messages uses for the user.
#[derive(SimpleObject)]
pub struct NotificationPreference {
    /// The category.
    pub category: NotificationCategory,
    /// Send email.
    pub email: bool,
    /// Send a text message (when the account has a phone number).
    pub sms: bool,
    /// Keep an in-app notification.
    pub in_app: bool,
}

impl From<Preference> for NotificationPreference {
    fn from(p: Preference) -> Self {
        Self {
            category: p.category.into(),
            email: p.channels.email,
            sms: p.channels.sms,
            in_app: p.channels.in_app,
        }
    }
}
