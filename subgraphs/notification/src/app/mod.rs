//! The use cases of the notification service, shared by the event
//! consumer, GraphQL and gRPC.
//!
//! - [`notifier`]: an event becomes in-app notifications and queued emails
//!   and text messages, by preferences and language.
//! - [`sender`]: the delivery worker: sends what is due, retries with
//!   backoff, counts bounces.
//! - [`inbox`]: what a user reads and sets: notifications, unread counts,
//!   preferences.
//! - [`templates`]: the message templates.

pub mod inbox;
pub mod notifier;
pub mod sender;
pub mod templates;
