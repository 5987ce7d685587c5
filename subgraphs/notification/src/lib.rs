//! # The notification subgraph: email, SMS and in-app messages
//!
//! Every service crate has the same layout, described in the README's
//! "Code layout" section:
//!
//! - [`config`], [`error`], [`startup`]: settings, the one error enum, and
//!   [`Application`], which binds and runs everything with the event
//!   consumer and the delivery worker.
//! - [`domain`]: categories, channels and preferences, which message an
//!   event becomes and for whom, delivery retries and bounces. No I/O.
//! - [`app`]: the use cases: turning an event into messages
//!   ([`app::notifier`]), sending them ([`app::sender`]), the inbox and
//!   preferences ([`app::inbox`]), and the templates ([`app::templates`]).
//! - [`ports`]: what the use cases need from outside: the user directory,
//!   an email transport and an SMS provider, as traits.
//! - [`graphql`]: the federation subgraph (`Notification @key(id)`, and
//!   `User.notifications`, `User.unreadNotificationCount`,
//!   `User.notificationPreferences`, with their mutations).
//! - [`grpc`]: `NotificationService` ([`grpc::server`]) and
//!   [`grpc::clients`], the user directory over gRPC.
//! - [`channels`]: the email transports (SMTP, `.eml` files) and the
//!   development SMS sink.
//! - [`events`]: the consumer of the `notification` group's queue.
//! - [`store`]: all SQL, against the `notifications` schema.

pub mod app;
pub mod channels;
pub mod config;
pub mod domain;
pub mod error;
pub mod events;
pub mod graphql;
pub mod grpc;
pub mod ports;
pub mod startup;
pub mod store;

pub use config::Config;
pub use startup::Application;

/// The subgraph's SDL, as committed in `subgraphs/notification/schema.graphql`.
pub fn sdl() -> String {
    platform::server::federation_sdl(&graphql::build_schema(None))
}
