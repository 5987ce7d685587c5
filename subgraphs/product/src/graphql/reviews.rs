//! GraphQL types of reviews: `Review @key(id)`, `User.reviews` (extending
//! the user subgraph's `User`), ratings, and their batch loaders.

use async_graphql::connection::{Connection, Edge};
use async_graphql::dataloader::DataLoader;
use async_graphql::{Context, Enum, ID, InputObject, Object, SimpleObject};
use base64::Engine;
use chrono::{DateTime, Utc};
use platform::ApiError;
use uuid::Uuid;

use super::*;
use crate::app::catalog::MAX_PAGE_SIZE;
use crate::domain::{Rating, Review, ReviewSort};
use crate::error::Error;
use crate::store::ReviewPageRequest;

/// A product's rating over its visible reviews.
#[derive(SimpleObject)]
#[graphql(name = "Rating")]
pub struct RatingObject {
    /// Average stars, 1 to 5, rounded to two decimals; null without reviews.
    pub average: Option<f64>,
    /// Number of visible reviews.
    pub count: i64,
}

impl From<Rating> for RatingObject {
    fn from(rating: Rating) -> Self {
        Self {
            average: rating.average(),
            count: rating.count,
        }
    }
}

/// How a product's reviews are listed.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(name = "ReviewSort")]
pub enum ReviewSortName {
    /// Most recent first.
    Newest,
    /// Most stars first.
    HighestRating,
    /// Fewest stars first.
    LowestRating,
}

impl From<ReviewSortName> for ReviewSort {
    fn from(sort: ReviewSortName) -> Self {
        match sort {
            ReviewSortName::Newest => Self::Newest,
            ReviewSortName::HighestRating => Self::HighestRating,
            ReviewSortName::LowestRating => Self::LowestRating,
        }
    }
}

fn encode_review_cursor(sort: ReviewSort, (key, id): (i64, Uuid)) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .encode(format!("r1:{}:{key}:{id}", sort.as_str()))
}

fn decode_review_cursor(sort: ReviewSort, cursor: &str) -> Result<(i64, Uuid), Error> {
    let invalid = || Error::invalid("after", "after is not a review cursor of this sort order");
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(cursor)
        .map_err(|_| invalid())?;
    let text = String::from_utf8(bytes).map_err(|_| invalid())?;
    let mut parts = text.splitn(4, ':');
    match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some("r1"), Some(s), Some(key), Some(id)) if s == sort.as_str() => Ok((
            key.parse().map_err(|_| invalid())?,
            Uuid::parse_str(id).map_err(|_| invalid())?,
        )),
        _ => Err(invalid()),
    }
}

/// Extra fields of a review listing.
#[derive(SimpleObject)]
pub struct ReviewListInfo {
    /// Number of visible reviews of the product, over all pages.
    pub total_count: i64,
}

/// `Product.reviews`, through the batching loader.
pub async fn product_reviews(
    ctx: &Context<'_>,
    product_id: Uuid,
    rating: Rating,
    first: i32,
    after: Option<String>,
    sort: ReviewSortName,
) -> Result<Connection<String, ReviewNode, ReviewListInfo>, ApiError> {
    if !(1..=MAX_PAGE_SIZE).contains(&i64::from(first)) {
        return Err(Error::invalid(
            "first",
            format!("first must be between 1 and {MAX_PAGE_SIZE}"),
        )
        .into());
    }
    let sort = ReviewSort::from(sort);
    let after = after
        .as_deref()
        .map(|c| decode_review_cursor(sort, c))
        .transpose()?;
    let page = loader::<DataLoader<ReviewPageLoader>>(ctx)?
        .load_one(ReviewPageRequest {
            product_id,
            sort,
            limit: first.into(),
            after,
        })
        .await?
        .unwrap_or_default();
    let mut connection = Connection::with_additional_fields(
        after.is_some(),
        page.has_next_page,
        ReviewListInfo {
            total_count: rating.count,
        },
    );
    connection.edges.extend(
        page.reviews.into_iter().map(|(review, place)| {
            Edge::new(encode_review_cursor(sort, place), ReviewNode(review))
        }),
    );
    Ok(connection)
}

/// A customer's review of a product.
pub struct ReviewNode(pub Review);

#[Object(name = "Review")]
impl ReviewNode {
    /// Unique id (a UUID).
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    /// 1 to 5 stars.
    async fn rating(&self) -> i64 {
        self.0.rating
    }
    /// Headline, up to 200 characters (may be empty).
    async fn title(&self) -> &str {
        &self.0.title
    }
    /// Text, up to 10000 characters (may be empty).
    async fn body(&self) -> &str {
        &self.0.body
    }
    /// Whether the author bought the product, as the order service said when the review was written.
    async fn verified_purchase(&self) -> bool {
        self.0.verified_purchase
    }
    /// Hidden by staff: left out of listings and of the rating.
    async fn hidden(&self) -> bool {
        self.0.hidden
    }
    /// Who wrote it (resolved by the user subgraph).
    async fn author(&self) -> UserRef {
        UserRef {
            id: self.0.author_id,
        }
    }
    /// The product reviewed.
    async fn product(&self, ctx: &Context<'_>) -> Result<Option<ProductNode>, ApiError> {
        Ok(loader::<DataLoader<ProductLoader>>(ctx)?
            .load_one(self.0.product_id)
            .await?
            .map(ProductNode))
    }
    /// When it was written.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
    /// When it was last edited.
    async fn updated_at(&self) -> DateTime<Utc> {
        self.0.updated_at
    }
}

/// A new review.
#[derive(InputObject)]
pub struct WriteReviewInput {
    /// The product, which must be on sale.
    pub product_id: ID,
    /// 1 to 5 stars.
    pub rating: i64,
    /// Headline, up to 200 characters.
    #[graphql(default)]
    pub title: String,
    /// Text, up to 10000 characters.
    #[graphql(default)]
    pub body: String,
}

/// Edits to your review; fields left out stay.
#[derive(InputObject)]
pub struct UpdateReviewInput {
    /// 1 to 5 stars.
    pub rating: Option<i64>,
    /// Headline, up to 200 characters.
    pub title: Option<String>,
    /// Text, up to 10000 characters.
    pub body: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn review_cursors_belong_to_one_sort_order() {
        let place = (1_700_000_000_000_000, Uuid::now_v7());
        let cursor = encode_review_cursor(ReviewSort::Newest, place);
        assert_eq!(
            decode_review_cursor(ReviewSort::Newest, &cursor).unwrap(),
            place
        );
        assert!(decode_review_cursor(ReviewSort::HighestRating, &cursor).is_err());
        assert!(decode_review_cursor(ReviewSort::Newest, "garbage").is_err());
    }
}
