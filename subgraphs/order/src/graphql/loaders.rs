//! The DataLoaders: per-order data batched into one statement per kind.

use super::*;

type Fetch<V> =
    for<'a> fn(&'a Ordering, &'a [Uuid]) -> BoxFuture<'a, crate::error::Result<HashMap<Uuid, V>>>;

/// Batches one kind of per-order data (the order itself, its timeline,
/// payments, refunds or invoice): every order of a response costs one SQL
/// statement per kind selected.
pub struct PerOrder<V> {
    services: Arc<Services>,
    fetch: Fetch<V>,
    _value: PhantomData<fn() -> V>,
}

pub(super) fn per_order<V: Clone + Send + Sync + 'static>(
    services: &Arc<Services>,
    fetch: Fetch<V>,
) -> DataLoader<PerOrder<V>> {
    platform::server::data_loader(PerOrder {
        services: services.clone(),
        fetch,
        _value: PhantomData,
    })
}

impl<V: Clone + Send + Sync + 'static> Loader<Uuid> for PerOrder<V> {
    type Value = V;
    type Error = ApiError;

    async fn load(&self, keys: &[Uuid]) -> Result<HashMap<Uuid, V>, ApiError> {
        Ok((self.fetch)(&self.services.ordering, keys).await?)
    }
}
