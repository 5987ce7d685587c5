//! The event adapter: the `notification` group's queue, applied by the
//! [`Notifier`] inside the consumer's transaction (inbox and effect commit
//! together).

use std::sync::Arc;

use futures::future::BoxFuture;
use platform::ErrorCode;
use platform::events::{Failure, Handler, Received};
use sqlx::PgConnection;

use crate::app::notifier::Notifier;
use crate::error::Error;

/// Applies every event the `notification` group receives.
pub struct NotificationConsumer(pub Arc<Notifier>);

impl Handler for NotificationConsumer {
    fn apply<'a>(
        &'a self,
        tx: &'a mut PgConnection,
        event: Received<'a>,
    ) -> BoxFuture<'a, Result<(), Failure>> {
        Box::pin(async move {
            let decided = self
                .0
                .handle(tx, event.envelope, event.superseded)
                .await
                .map_err(failure)?;
            tracing::debug!(event = %event.envelope.id, kind = event.envelope.routing_key(), ?decided, "event applied");
            Ok(())
        })
    }
}

/// A peer that is down holds the queue until it is back; a database error
/// is retried; anything else (a template bug, a bad payload) fails the same
/// way every time.
fn failure(error: Error) -> Failure {
    match error {
        // The user service is down: every event needs it, so wait.
        Error::Peer(api) if api.code == ErrorCode::Unavailable => Failure::Unavailable(api.message),
        Error::Internal(e) => Failure::Retry(format!("{e:#}")),
        other => Failure::Reject(other.to_string()),
    }
}
