//! The GraphQL adapter: the notification subgraph's schema over the use
//! cases.
//!
//! It owns `Notification @key(id)`, and extends `User` with
//! `notifications`, `unreadNotificationCount` and `notificationPreferences`.

mod entities;
mod loaders;
mod mutation;
mod query;
mod types;

use std::collections::HashMap;
use std::sync::Arc;

use async_graphql::dataloader::{DataLoader, Loader};
use async_graphql::{Context, EmptySubscription, ID, Object, Schema};
use platform::ApiError;
use uuid::Uuid;

pub use entities::*;
pub use loaders::*;
pub use mutation::*;
pub use query::*;
pub use types::*;

use crate::app::inbox::Inbox;
use crate::error::Error;

/// The notification subgraph's schema type.
pub type NotificationSchema = Schema<Query, Mutation, EmptySubscription>;

/// The schema with its data. Without `inbox` it is still complete enough to
/// export the SDL.
pub fn build_schema(inbox: Option<Arc<Inbox>>) -> NotificationSchema {
    let mut builder = platform::limits::limited(
        Schema::build(Query, Mutation, EmptySubscription).enable_federation(),
    );
    if let Some(inbox) = inbox {
        builder = builder
            .data(platform::server::data_loader(UnreadCountLoader(
                inbox.clone(),
            )))
            .data(platform::server::data_loader(NotificationLoader(
                inbox.clone(),
            )))
            .data(inbox);
    }
    builder.finish()
}

fn inbox<'a>(ctx: &'a Context<'_>) -> Result<&'a Arc<Inbox>, ApiError> {
    ctx.data::<Arc<Inbox>>()
        .map_err(|_| ApiError::internal("Inbox missing from schema data"))
}

fn loader<'a, T: Send + Sync + 'static>(ctx: &'a Context<'_>) -> Result<&'a T, ApiError> {
    ctx.data::<T>()
        .map_err(|_| ApiError::internal("data loader missing from schema data"))
}

fn parse_id(id: &str, field: &'static str) -> Result<Uuid, ApiError> {
    Uuid::parse_str(id).map_err(|_| Error::invalid(field, format!("{field} must be a UUID")).into())
}
