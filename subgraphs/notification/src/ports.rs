//! What the use cases need from outside, as traits: the user directory (a
//! gRPC peer), an email transport and an SMS provider. The adapters are in
//! [`crate::grpc::clients`] and [`crate::channels`].

use futures::future::BoxFuture;
use uuid::Uuid;

use crate::domain::SendFailure;
use crate::error::Result;

/// What the service may know of a person, asked for when it needs it and
/// never stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    /// The user.
    pub user_id: Uuid,
    /// Their name, to greet them.
    pub name: String,
    /// Their email address, if any.
    pub email: Option<String>,
    /// Their phone number (E.164), if any.
    pub phone: Option<String>,
    /// Their language (`en`, `de`...), if chosen.
    pub locale: Option<String>,
    /// Whether they agreed to marketing messages.
    pub marketing_opt_in: bool,
    /// Whether the account is active.
    pub active: bool,
}

/// The user service, the authority on people.
pub trait Users: Send + Sync + 'static {
    /// One user's contact details; `None` when the account does not exist.
    fn contact(&self, user_id: Uuid) -> BoxFuture<'_, Result<Option<Contact>>>;
    /// Every active staff member (ADMIN included).
    fn staff(&self) -> BoxFuture<'_, Result<Vec<Contact>>>;
    /// Every active user with `product_id` on their wishlist.
    fn wishlisters(&self, product_id: Uuid) -> BoxFuture<'_, Result<Vec<Contact>>>;
}

/// An email ready to go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingEmail {
    /// The recipient's address.
    pub to: String,
    /// The subject.
    pub subject: String,
    /// The plain-text part.
    pub text: String,
    /// The HTML part.
    pub html: Option<String>,
}

/// Sends email. Returns the provider's message id.
pub trait Mailer: Send + Sync + 'static {
    /// Sends one email.
    fn send<'a>(&'a self, email: &'a OutgoingEmail) -> BoxFuture<'a, Result<String, SendFailure>>;
}

/// Sends text messages. Returns the provider's message id.
///
/// A real provider (Twilio, MessageBird, AWS SNS...) plugs in by
/// implementing this trait over its HTTP API and passing it to
/// `Application::build_with`; the development sink writes files.
pub trait SmsSender: Send + Sync + 'static {
    /// Sends `body` to the E.164 number `to`.
    fn send<'a>(&'a self, to: &'a str, body: &'a str)
    -> BoxFuture<'a, Result<String, SendFailure>>;
}
