//! GraphQL types of product listings: the filter input, sort orders,
//! opaque cursors, and the lazily computed `totalCount` and `facets`.

use std::sync::Arc;

use async_graphql::dataloader::DataLoader;
use async_graphql::{Context, Enum, ID, InputObject, Object, SimpleObject};
use platform::ApiError;
use platform::money::{Currency, Money, MoneyObject};
use uuid::Uuid;

use super::{CategoryLoader, CategoryNode, loader, parse_uuid};
use crate::app::catalog::Catalog;
use crate::domain::{ProductFilter, ProductSort, price_bucket_range};
use crate::error::Error;
use crate::store::{Facets, ListCursor, MatchCount};

/// How a product listing is ordered.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(name = "ProductSort")]
pub enum ProductSortName {
    /// Best match first. The default when `filter.search` is given; without a search it means NEWEST.
    Relevance,
    /// Cheapest first (compares amounts, so filter by one currency when the catalog has several).
    PriceAsc,
    /// Most expensive first.
    PriceDesc,
    /// Most recently created first. The default without a search.
    Newest,
    /// Highest average rating first; unrated products last.
    Rating,
    /// Most units sold first.
    BestSelling,
}

impl From<ProductSortName> for ProductSort {
    fn from(sort: ProductSortName) -> Self {
        match sort {
            ProductSortName::Relevance => Self::Relevance,
            ProductSortName::PriceAsc => Self::PriceAsc,
            ProductSortName::PriceDesc => Self::PriceDesc,
            ProductSortName::Newest => Self::Newest,
            ProductSortName::Rating => Self::Rating,
            ProductSortName::BestSelling => Self::BestSelling,
        }
    }
}

/// A price range in one currency; both ends inclusive and optional.
#[derive(InputObject)]
pub struct PriceRangeInput {
    /// ISO 4217 code; only products priced in it match.
    pub currency: String,
    /// Lowest price, a decimal string such as "10" or "9.99".
    pub min: Option<String>,
    /// Highest price.
    pub max: Option<String>,
}

/// A condition on one attribute: its value is one of `values`, and (for numbers) within `min`..`max`.
#[derive(InputObject)]
pub struct AttributeFilterInput {
    /// The attribute key, e.g. "color".
    pub key: String,
    /// Any of these values, written as text ("black", "40", "true").
    #[graphql(default)]
    pub values: Vec<String>,
    /// Numeric attributes only: at least this.
    pub min: Option<f64>,
    /// Numeric attributes only: at most this.
    pub max: Option<f64>,
}

/// Which products a listing shows. Every condition given must match.
#[derive(InputObject, Default)]
#[graphql(name = "ProductFilter")]
pub struct ProductFilterInput {
    /// Free text, at most 200 characters: every word must be found in the name, brand or description, by its English stem ("headphone" finds "headphones"; words such as "the" are ignored). A word found in the name ranks highest, then the brand, then the description. If nothing matches, a typo-tolerant match on name and brand is used instead (a word of 4 to 7 letters may be one edit off, a longer one two), so "hedphones" finds "headphones". A product changed on another replica is found as changed within a quarter of a second.
    pub search: Option<String>,
    /// This category or any category below it.
    pub category_id: Option<ID>,
    /// Any of these brands (exact names, at most 20).
    #[graphql(default)]
    pub brands: Vec<String>,
    /// A price range in one currency.
    pub price: Option<PriceRangeInput>,
    /// Conditions on attributes (at most 10); all must match.
    #[graphql(default)]
    pub attributes: Vec<AttributeFilterInput>,
    /// Only products that can be ordered now.
    #[graphql(default)]
    pub in_stock: bool,
    /// Only products whose average rating is at least this, 1 to 5.
    pub min_rating: Option<f64>,
}

impl ProductFilterInput {
    pub fn parse(self, include_hidden: bool) -> Result<ProductFilter, ApiError> {
        let category = self
            .category_id
            .as_ref()
            .map(|id| parse_uuid(id, "categoryId"))
            .transpose()?;
        let mut filter = ProductFilter::parse(
            self.search.as_deref(),
            category,
            &self.brands,
            self.price
                .as_ref()
                .map(|p| (p.currency.as_str(), p.min.as_deref(), p.max.as_deref())),
            self.attributes
                .into_iter()
                .map(|a| (a.key, a.values, a.min, a.max))
                .collect(),
            self.in_stock,
            self.min_rating,
        )?;
        filter.include_hidden = include_hidden;
        Ok(filter)
    }
}

/// A cursor for clients.
pub fn encode_cursor(cursor: &ListCursor) -> String {
    cursor.encode()
}

pub fn decode_cursor(cursor: &str) -> Result<ListCursor, Error> {
    ListCursor::decode(cursor)
        .ok_or_else(|| Error::invalid("after", "after is not a cursor returned by this API"))
}

/// Extra fields of a product listing, computed only when asked for.
pub struct ProductListInfo {
    pub catalog: Arc<Catalog>,
    pub filter: ProductFilter,
    /// Whether the selection asks for `facets`. The facets statement counts
    /// the same matches up to the same limit as `totalCount`, so then the
    /// count comes from it: two statements for the page, not three.
    facets_selected: bool,
    /// The count, once `totalCount` or `totalCountIsExact` asked for it.
    count: tokio::sync::OnceCell<MatchCount>,
    /// The facets, once `facets` (or the count, with facets selected) asked.
    facets: tokio::sync::OnceCell<Facets>,
}

impl ProductListInfo {
    /// The extra fields of a listing of `filter`; `count` and `facets` are
    /// the page's own when the pass that found it counted them, and
    /// `facets_selected` says whether the query selects `facets`.
    pub fn new(
        catalog: Arc<Catalog>,
        filter: ProductFilter,
        count: Option<MatchCount>,
        facets: Option<Facets>,
        facets_selected: bool,
    ) -> Self {
        Self {
            catalog,
            filter,
            facets_selected,
            count: tokio::sync::OnceCell::new_with(count),
            facets: tokio::sync::OnceCell::new_with(facets),
        }
    }

    async fn counted(&self) -> Result<MatchCount, ApiError> {
        if let Some(count) = self.count.get() {
            return Ok(*count);
        }
        if self.facets_selected {
            return Ok(self.faceted().await?.match_count());
        }
        Ok(*self
            .count
            .get_or_try_init(|| self.catalog.count(&self.filter))
            .await?)
    }

    async fn faceted(&self) -> Result<&Facets, ApiError> {
        Ok(self
            .facets
            .get_or_try_init(|| self.catalog.facets(&self.filter))
            .await?)
    }
}

#[Object]
impl ProductListInfo {
    /// Number of products matching the filter, over all pages, counted up to 1,000: past that it is 1,000 and `totalCountIsExact` is false (show "1,000+"). Counting stops there so that a page costs the same in a catalog of any size.
    async fn total_count(&self) -> Result<i64, ApiError> {
        Ok(self.counted().await?.count)
    }

    /// Whether `totalCount` is every match (false: there are more than 1,000).
    async fn total_count_is_exact(&self) -> Result<bool, ApiError> {
        Ok(self.counted().await?.exact)
    }

    /// When `filter.search` matched nothing as written and the typo-tolerant match was used, what it was read as, word by word: "hedphones" gives "headphones". Show it as "Showing results for …". Null when the search matched as written, when there is no search, or when nothing matched at all.
    async fn searched_as(&self) -> Result<Option<String>, ApiError> {
        let Some(text) = &self.filter.text else {
            return Ok(None);
        };
        Ok(self.catalog.search_correction(text).await?)
    }

    /// Counts for a filter sidebar: per category (a product counts in its categories and every one above), per brand (the 50 with most products), and per price bucket. They count every match, in the same pass that finds the page, except when the filter has attribute conditions: then they are counted over at most 1,000 matches, and `complete` says whether that was every match (when false, each count is a lower bound).
    async fn facets(&self) -> Result<ProductFacets, ApiError> {
        let facets = self.faceted().await?;
        let mut price_buckets = Vec::new();
        for bucket in &facets.prices {
            let Ok(currency) = Currency::parse(&bucket.currency) else {
                continue;
            };
            let scale = 10i64.pow(currency.exponent());
            let (low, high) = price_bucket_range(bucket.bucket);
            price_buckets.push(PriceBucket {
                min: MoneyObject::from(Money::from_minor(low * scale, currency.clone())),
                max: high.map(|h| MoneyObject::from(Money::from_minor(h * scale, currency))),
                count: bucket.count,
            });
        }
        Ok(ProductFacets {
            complete: facets.complete,
            categories: facets
                .categories
                .iter()
                .map(|&(id, count)| CategoryFacet { id, count })
                .collect(),
            brands: facets
                .brands
                .iter()
                .map(|(brand, count)| BrandFacet {
                    brand: brand.clone(),
                    count: *count,
                })
                .collect(),
            price_buckets,
        })
    }
}

/// Facet counts of a listing.
#[derive(SimpleObject)]
pub struct ProductFacets {
    /// Whether the counts cover every matching product. They do, unless the filter has attribute conditions: those facets are counted over at most 1,000 matches, and when false the filter matches more and each count is a lower bound.
    pub complete: bool,
    /// Matching products per category, most first.
    pub categories: Vec<CategoryFacet>,
    /// Matching products per brand, most first (at most 50 brands).
    pub brands: Vec<BrandFacet>,
    /// Matching products per price range, per currency, cheapest first.
    pub price_buckets: Vec<PriceBucket>,
}

/// How many matching products are in a category or below it.
pub struct CategoryFacet {
    id: Uuid,
    count: i64,
}

#[Object]
impl CategoryFacet {
    /// The category.
    async fn category(&self, ctx: &Context<'_>) -> Result<Option<CategoryNode>, ApiError> {
        Ok(loader::<DataLoader<CategoryLoader>>(ctx)?
            .load_one(self.id)
            .await?
            .map(CategoryNode))
    }
    /// Matching products in it or below it.
    async fn count(&self) -> i64 {
        self.count
    }
}

/// How many matching products have a brand.
#[derive(SimpleObject)]
pub struct BrandFacet {
    /// The brand.
    pub brand: String,
    /// Matching products of that brand.
    pub count: i64,
}

/// How many matching products cost from `min` up to, not including, `max`.
#[derive(SimpleObject)]
pub struct PriceBucket {
    /// Lowest price in the bucket.
    pub min: MoneyObject,
    /// The bucket ends below this; null for the last, open-ended bucket.
    pub max: Option<MoneyObject>,
    /// Matching products in the bucket.
    pub count: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_garbage_is_rejected() {
        let cursor = ListCursor::new(ProductSort::PriceAsc, "1250", Uuid::now_v7()).unwrap();
        assert_eq!(decode_cursor(&encode_cursor(&cursor)).unwrap(), cursor);
        use base64::Engine;
        let encode = |s: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s);
        for bad in [
            "not a cursor".to_string(),
            encode("p1:nope"),
            encode("p2:pa:1250"),
            encode("p2:zz:1:00000000-0000-0000-0000-000000000000"),
            encode("p2:pa:1;DROP TABLE products:00000000-0000-0000-0000-000000000000"),
        ] {
            assert!(decode_cursor(&bad).is_err(), "{bad}");
        }
    }
}
