//! What the account use cases need from other services, as traits. The
//! use cases in [`crate::app`] see only these; [`crate::grpc::clients`]
//! implements them over gRPC, and unit tests can use in-memory fakes.

use futures::future::BoxFuture;
use uuid::Uuid;

use crate::error::Result;

/// The product service, asked before a product goes on a wishlist.
pub trait Products: Send + Sync {
    /// Whether a product with this id exists and is on sale.
    fn on_sale(&self, id: Uuid) -> BoxFuture<'_, Result<bool>>;
}
