//! What the catalog use cases need from other services, as traits. The use
//! cases in [`crate::app`] see only these; [`crate::grpc::clients`]
//! implements them over gRPC, and unit tests can use in-memory fakes.

use futures::future::BoxFuture;
use uuid::Uuid;

/// Whether a user bought a product: the order service knows. Behind a trait
/// so the catalog stays free of gRPC.
pub trait PurchaseHistory: Send + Sync + 'static {
    /// Whether `user` bought `product` (for a verified review).
    fn has_purchased(&self, user: Uuid, product: Uuid) -> BoxFuture<'_, anyhow::Result<bool>>;
}

/// A purchase history that knows of no purchases (tests, demo data).
pub struct NoPurchases;

impl PurchaseHistory for NoPurchases {
    fn has_purchased(&self, _: Uuid, _: Uuid) -> BoxFuture<'_, anyhow::Result<bool>> {
        Box::pin(async { Ok(false) })
    }
}
