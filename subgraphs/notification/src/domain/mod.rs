//! What the notification service decides, without I/O: categories and
//! channels, each user's preferences, which message an event becomes and
//! for whom ([`messages`]), and how deliveries are retried and bounces
//! counted.

pub mod messages;

use std::time::Duration;

use chrono::{DateTime, Utc};
use uuid::Uuid;

/// What a message is about; preferences are kept per category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Category {
    /// Receipts, payment failures, cancellations, refunds and returns.
    Orders,
    /// Picking, shipping and delivery.
    Shipping,
    /// Welcome, password resets and email changes.
    Account,
    /// Price drops on wishlisted products; only with marketing consent.
    Marketing,
    /// Low-stock alerts for staff; in-app only, not a preference.
    StaffAlerts,
}

impl Category {
    /// The categories a user can set preferences for, in display order.
    pub const CHOOSABLE: [Category; 4] = [
        Category::Orders,
        Category::Shipping,
        Category::Account,
        Category::Marketing,
    ];

    /// The name stored and shown (`orders`, `shipping`...).
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Orders => "orders",
            Category::Shipping => "shipping",
            Category::Account => "account",
            Category::Marketing => "marketing",
            Category::StaffAlerts => "staff_alerts",
        }
    }

    /// A category by name, case-insensitively.
    pub fn parse(name: &str) -> Option<Category> {
        [
            Category::Orders,
            Category::Shipping,
            Category::Account,
            Category::Marketing,
            Category::StaffAlerts,
        ]
        .into_iter()
        .find(|c| c.as_str().eq_ignore_ascii_case(name.trim()))
    }

    /// Where messages of this category go when the user chose nothing.
    pub fn defaults(self) -> ChannelChoice {
        match self {
            Category::Orders | Category::Shipping | Category::Account => ChannelChoice {
                email: true,
                sms: false,
                in_app: true,
            },
            Category::Marketing => ChannelChoice {
                email: true,
                sms: false,
                in_app: false,
            },
            Category::StaffAlerts => ChannelChoice {
                email: false,
                sms: false,
                in_app: true,
            },
        }
    }
}

/// A way to reach a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Channel {
    /// An email to the account's address.
    Email,
    /// A text message to the account's phone.
    Sms,
    /// A notification in the app (`User.notifications`).
    InApp,
}

impl Channel {
    /// The name stored (`EMAIL`, `SMS`, `IN_APP`).
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Email => "EMAIL",
            Channel::Sms => "SMS",
            Channel::InApp => "IN_APP",
        }
    }

    /// A channel by its stored name.
    pub fn parse(name: &str) -> Option<Channel> {
        [Channel::Email, Channel::Sms, Channel::InApp]
            .into_iter()
            .find(|c| c.as_str() == name)
    }
}

/// Which channels one category uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChannelChoice {
    /// Send email.
    pub email: bool,
    /// Send SMS.
    pub sms: bool,
    /// Keep an in-app notification.
    pub in_app: bool,
}

/// A user's choice for one category.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Preference {
    /// The category.
    pub category: Category,
    /// The channels.
    pub channels: ChannelChoice,
}

/// Why a preference change is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PreferenceError {
    /// Not one of `orders`, `shipping`, `account`, `marketing`.
    #[error("unknown category {0:?}: use orders, shipping, account or marketing")]
    UnknownCategory(String),
    /// Security messages always go by email.
    #[error("account security messages cannot be switched off: email stays on for account")]
    AccountEmailRequired,
}

/// Validates a preference change against the user's `stored` choices:
/// the category must be choosable, what is not named stays, and account
/// email cannot be switched off (password resets and email changes must
/// reach the owner).
pub fn change_preference(
    category: &str,
    stored: &[Preference],
    email: Option<bool>,
    sms: Option<bool>,
    in_app: Option<bool>,
) -> Result<Preference, PreferenceError> {
    let category = Category::parse(category)
        .filter(|c| Category::CHOOSABLE.contains(c))
        .ok_or_else(|| PreferenceError::UnknownCategory(category.to_string()))?;
    let current = channels_of(stored, category);
    let channels = ChannelChoice {
        email: email.unwrap_or(current.email),
        sms: sms.unwrap_or(current.sms),
        in_app: in_app.unwrap_or(current.in_app),
    };
    if category == Category::Account && !channels.email {
        return Err(PreferenceError::AccountEmailRequired);
    }
    Ok(Preference { category, channels })
}

/// The channels of `category` by the user's `stored` choice, or its default.
pub fn channels_of(stored: &[Preference], category: Category) -> ChannelChoice {
    stored
        .iter()
        .find(|p| p.category == category)
        .map_or(category.defaults(), |p| p.channels)
}

/// Every choosable category with the user's choice, or its default.
pub fn effective_preferences(stored: &[Preference]) -> Vec<Preference> {
    Category::CHOOSABLE
        .into_iter()
        .map(|category| Preference {
            category,
            channels: channels_of(stored, category),
        })
        .collect()
}

/// An in-app notification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notification {
    /// Its id (UUIDv7, so newest is largest).
    pub id: Uuid,
    /// Whose it is.
    pub user_id: Uuid,
    /// What it is about.
    pub category: Category,
    /// The template it came from, e.g. `order_shipped`.
    pub kind: String,
    /// One line.
    pub title: String,
    /// A few sentences.
    pub body: String,
    /// Where it leads (an order page), if anywhere.
    pub link: Option<String>,
    /// When it was made.
    pub created_at: DateTime<Utc>,
    /// When the user read it.
    pub read_at: Option<DateTime<Utc>>,
}

/// Where an email or SMS is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeliveryStatus {
    /// Waiting to be sent, or to be tried again.
    Pending,
    /// The provider accepted it.
    Sent,
    /// Given up: refused for good, or too many attempts.
    Failed,
    /// Not sent: the address bounces, or the user has none.
    Suppressed,
}

impl DeliveryStatus {
    /// The name stored.
    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryStatus::Pending => "PENDING",
            DeliveryStatus::Sent => "SENT",
            DeliveryStatus::Failed => "FAILED",
            DeliveryStatus::Suppressed => "SUPPRESSED",
        }
    }

    /// A status by its stored name.
    pub fn parse(name: &str) -> Option<Self> {
        [Self::Pending, Self::Sent, Self::Failed, Self::Suppressed]
            .into_iter()
            .find(|s| s.as_str() == name)
    }
}

/// An email or SMS and its delivery record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    /// Its id.
    pub id: Uuid,
    /// The event it answers.
    pub event_id: Uuid,
    /// The recipient.
    pub user_id: Uuid,
    /// Email or SMS.
    pub channel: Channel,
    /// What it is about.
    pub category: Category,
    /// The template it came from.
    pub kind: String,
    /// An address fixed at decision time (the old address told of an email
    /// change); otherwise the user's current contact is looked up at send time.
    pub address: Option<String>,
    /// The subject (email).
    pub subject: String,
    /// The plain-text body.
    pub text_body: String,
    /// The HTML body (email).
    pub html_body: Option<String>,
    /// Where it is.
    pub status: DeliveryStatus,
    /// Sends tried so far.
    pub attempts: i32,
    /// The provider's message id once sent.
    pub provider_message_id: Option<String>,
    /// The last failure.
    pub last_error: Option<String>,
    /// When it was decided.
    pub created_at: DateTime<Utc>,
    /// When the provider accepted it.
    pub sent_at: Option<DateTime<Utc>>,
}

/// Sends of one message before it is given up.
pub const MAX_SEND_ATTEMPTS: i32 = 8;

/// Permanent refusals of one address before no more mail goes to it.
pub const BOUNCES_BEFORE_SUPPRESSION: i32 = 3;

/// The wait before attempt `attempts + 1`: 2 s, doubling, at most an hour.
pub fn retry_delay(attempts: i32) -> Duration {
    let exponent = u32::try_from(attempts.clamp(0, 12)).unwrap_or(0);
    Duration::from_secs((2u64 << exponent).min(3600))
}

/// How a send failed, as far as retrying is concerned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SendFailure {
    /// Try again later (the server is down, a 4xx answer).
    Transient(String),
    /// The address refused it (a 5xx answer): counts as a bounce.
    Permanent(String),
}

/// An address as kept for bounce counting: trimmed, lower-case.
pub fn normalise_address(address: &str) -> String {
    address.trim().to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_category_is_refused_by_name() {
        assert_eq!(
            change_preference("promotions", &[], Some(false), None, None),
            Err(PreferenceError::UnknownCategory("promotions".into()))
        );
        assert!(change_preference("staff_alerts", &[], None, None, None).is_err());
    }

    #[test]
    fn account_email_cannot_be_switched_off_but_other_channels_can() {
        assert_eq!(
            change_preference("account", &[], Some(false), None, None),
            Err(PreferenceError::AccountEmailRequired)
        );
        let changed =
            change_preference("ACCOUNT", &[], None, Some(true), Some(false)).expect("allowed");
        assert_eq!(
            changed.channels,
            ChannelChoice {
                email: true,
                sms: true,
                in_app: false
            }
        );
    }

    #[test]
    fn a_change_keeps_what_it_does_not_name() {
        let changed = change_preference("shipping", &[], Some(false), None, None).expect("allowed");
        assert!(!changed.channels.email && changed.channels.in_app);
    }

    #[test]
    fn effective_preferences_fill_in_defaults() {
        let stored = [Preference {
            category: Category::Marketing,
            channels: ChannelChoice {
                email: false,
                sms: false,
                in_app: true,
            },
        }];
        let all = effective_preferences(&stored);
        assert_eq!(all.len(), 4);
        assert_eq!(all[3], stored[0]);
        assert_eq!(all[0].channels, Category::Orders.defaults());
    }

    #[test]
    fn retries_back_off_to_an_hour() {
        assert_eq!(retry_delay(0), Duration::from_secs(2));
        assert_eq!(retry_delay(1), Duration::from_secs(4));
        assert_eq!(retry_delay(20), Duration::from_secs(3600));
    }
}
