//! The DataLoaders: users, addresses and wishlists batched into one
//! statement per kind.

use super::*;

/// Batches user look-ups: every `User` representation in one `_entities`
/// call costs one SQL statement.
pub struct UserLoader(pub(super) Arc<Accounts>);

impl Loader<Uuid> for UserLoader {
    type Value = User;
    type Error = ApiError;

    async fn load(&self, keys: &[Uuid]) -> Result<HashMap<Uuid, User>, ApiError> {
        Ok(self.0.users_by_ids(keys).await?)
    }
}

/// Batches `User.addresses` for every user in a response into one statement.
pub struct AddressLoader(pub(super) Arc<Accounts>);

impl Loader<Uuid> for AddressLoader {
    type Value = Vec<Address>;
    type Error = ApiError;

    async fn load(&self, keys: &[Uuid]) -> Result<HashMap<Uuid, Vec<Address>>, ApiError> {
        Ok(self.0.addresses_of(keys).await?)
    }
}

/// Batches `User.wishlist` for every user in a response into one statement.
pub struct WishlistLoader(pub(super) Arc<Accounts>);

impl Loader<Uuid> for WishlistLoader {
    type Value = Vec<Uuid>;
    type Error = ApiError;

    async fn load(&self, keys: &[Uuid]) -> Result<HashMap<Uuid, Vec<Uuid>>, ApiError> {
        Ok(self.0.wishlists(keys).await?)
    }
}
