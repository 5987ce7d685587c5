//! The event adapter: what the product service does with the events it
//! consumes (group `product.purchases`, bound to `order.paid`). Each paid
//! order adds to the purchase history and the co-purchase counts behind
//! `Product.frequentlyBoughtTogether` and `User.recommendations`.

use std::sync::Arc;

use futures::future::BoxFuture;
use platform::events::{Event, Failure, Handler, Received};
use sqlx::PgConnection;

use crate::app::catalog::Catalog;
use crate::error::Error;

/// Applies `order.paid` to the purchase tables.
pub struct PurchaseConsumer(pub Arc<Catalog>);

impl Handler for PurchaseConsumer {
    fn apply<'a>(
        &'a self,
        tx: &'a mut PgConnection,
        event: Received<'a>,
    ) -> BoxFuture<'a, Result<(), Failure>> {
        Box::pin(async move {
            // Counts add up in any order, so a late event still counts.
            let Event::OrderPaid(paid) = &event.envelope.event else {
                return Ok(());
            };
            let lines: Vec<(uuid::Uuid, i64)> = paid
                .lines
                .iter()
                .map(|line| (line.product_id, i64::from(line.quantity)))
                .collect();
            self.0
                .record_purchase(tx, paid.user_id, &lines)
                .await
                .map_err(failure)
        })
    }
}

/// A database failure is worth retrying; anything else will fail again.
fn failure(error: Error) -> Failure {
    match error {
        Error::Internal(e) => Failure::Retry(e.to_string()),
        other => Failure::Reject(other.to_string()),
    }
}
