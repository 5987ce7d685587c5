//! The DataLoaders: products, categories, stock movements and reviews,
//! each batched into one statement per kind.

use super::*;
use crate::app::catalog::ReviewPage;
use crate::domain::Review;
use crate::store::ReviewPageRequest;

/// Batches product look-ups: all `Product` representations of one
/// `_entities` call cost one SQL statement.
pub struct ProductLoader(pub(super) Arc<Catalog>);

impl Loader<Uuid> for ProductLoader {
    type Value = Product;
    type Error = ApiError;

    async fn load(&self, keys: &[Uuid]) -> Result<HashMap<Uuid, Product>, ApiError> {
        Ok(self.0.products_by_ids(keys).await?)
    }
}

/// Batches category look-ups.
pub struct CategoryLoader(pub(super) Arc<Catalog>);

impl Loader<Uuid> for CategoryLoader {
    type Value = Category;
    type Error = ApiError;

    async fn load(&self, keys: &[Uuid]) -> Result<HashMap<Uuid, Category>, ApiError> {
        Ok(self.0.categories(keys).await?)
    }
}

/// Batches `Category.children`.
pub struct ChildrenLoader(pub(super) Arc<Catalog>);

impl Loader<Uuid> for ChildrenLoader {
    type Value = Vec<Category>;
    type Error = ApiError;

    async fn load(&self, keys: &[Uuid]) -> Result<HashMap<Uuid, Vec<Category>>, ApiError> {
        Ok(self.0.children(keys, false).await?)
    }
}

/// Batches `Product.categories`.
pub struct ProductCategoriesLoader(pub(super) Arc<Catalog>);

impl Loader<Uuid> for ProductCategoriesLoader {
    type Value = Vec<Uuid>;
    type Error = ApiError;

    async fn load(&self, keys: &[Uuid]) -> Result<HashMap<Uuid, Vec<Uuid>>, ApiError> {
        Ok(self.0.categories_of(keys).await?)
    }
}

/// Batches `Product.stockMovements`: one statement per page size asked.
pub struct MovementLoader(pub(super) Arc<Catalog>);

impl Loader<(Uuid, i64)> for MovementLoader {
    type Value = Vec<StockMovement>;
    type Error = ApiError;

    async fn load(
        &self,
        keys: &[(Uuid, i64)],
    ) -> Result<HashMap<(Uuid, i64), Vec<StockMovement>>, ApiError> {
        let mut by_limit: HashMap<i64, Vec<Uuid>> = HashMap::new();
        for (id, limit) in keys {
            by_limit.entry(*limit).or_default().push(*id);
        }
        let mut result = HashMap::new();
        for (limit, ids) in by_limit {
            for (id, movements) in self.0.stock_movements(&ids, limit).await? {
                result.insert((id, limit), movements);
            }
        }
        Ok(result)
    }
}

/// Batches review look-ups by id.
pub struct ReviewLoader(pub Arc<Catalog>);

impl Loader<Uuid> for ReviewLoader {
    type Value = Review;
    type Error = ApiError;

    async fn load(&self, keys: &[Uuid]) -> Result<HashMap<Uuid, Review>, ApiError> {
        Ok(self.0.reviews_by_ids(keys).await?)
    }
}

/// Batches `Product.reviews`: one statement for a whole listing's pages.
pub struct ReviewPageLoader(pub Arc<Catalog>);

impl Loader<ReviewPageRequest> for ReviewPageLoader {
    type Value = ReviewPage;
    type Error = ApiError;

    async fn load(
        &self,
        keys: &[ReviewPageRequest],
    ) -> Result<HashMap<ReviewPageRequest, ReviewPage>, ApiError> {
        Ok(self.0.review_pages(keys).await?)
    }
}

/// Batches `Product.frequentlyBoughtTogether`: two statements per page
/// size asked, for any number of products.
pub struct BoughtTogetherLoader(pub Arc<Catalog>);

impl Loader<(Uuid, i64)> for BoughtTogetherLoader {
    type Value = Vec<Product>;
    type Error = ApiError;

    async fn load(
        &self,
        keys: &[(Uuid, i64)],
    ) -> Result<HashMap<(Uuid, i64), Vec<Product>>, ApiError> {
        let mut by_limit: HashMap<i64, Vec<Uuid>> = HashMap::new();
        for (product, limit) in keys {
            by_limit.entry(*limit).or_default().push(*product);
        }
        let mut result = HashMap::new();
        for (limit, products) in by_limit {
            for (product, others) in self.0.bought_together(&products, limit).await? {
                result.insert((product, limit), others);
            }
        }
        Ok(result)
    }
}

/// Batches `User.reviews`: one statement per page size asked.
pub struct AuthorReviewsLoader(pub Arc<Catalog>);

impl Loader<(Uuid, i64)> for AuthorReviewsLoader {
    type Value = Vec<Review>;
    type Error = ApiError;

    async fn load(
        &self,
        keys: &[(Uuid, i64)],
    ) -> Result<HashMap<(Uuid, i64), Vec<Review>>, ApiError> {
        let mut by_limit: HashMap<i64, Vec<Uuid>> = HashMap::new();
        for (author, limit) in keys {
            by_limit.entry(*limit).or_default().push(*author);
        }
        let mut result = HashMap::new();
        for (limit, authors) in by_limit {
            for (author, reviews) in self.0.reviews_by_authors(&authors, limit).await? {
                result.insert((author, limit), reviews);
            }
        }
        Ok(result)
    }
}
