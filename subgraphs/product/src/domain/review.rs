//! Reviews and the rating they add up to.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::error::{Error, Result};

/// A customer's review of a product. One per author and product.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    /// The review id.
    pub id: Uuid,
    /// The product reviewed.
    pub product_id: Uuid,
    /// A user of the user service.
    pub author_id: Uuid,
    /// 1 to 5 stars.
    pub rating: i64,
    /// A one-line summary.
    pub title: String,
    /// The review text.
    pub body: String,
    /// The author bought the product (asked of the order service when written).
    pub verified_purchase: bool,
    /// Hidden by staff: not listed and not counted in the rating.
    pub hidden: bool,
    /// When it was written.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

/// A product's aggregate rating over its visible reviews.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Rating {
    /// How many visible reviews there are.
    pub count: i64,
    /// Sum of the star ratings.
    pub sum: i64,
}

impl Rating {
    /// The average, rounded to two decimals; `None` without reviews.
    pub fn average(&self) -> Option<f64> {
        (self.count > 0).then(|| (self.sum as f64 / self.count as f64 * 100.0).round() / 100.0)
    }
}

fn stars(rating: i64) -> Result<i64> {
    if (1..=5).contains(&rating) {
        Ok(rating)
    } else {
        Err(Error::invalid("rating", "rating must be between 1 and 5"))
    }
}

fn text(field: &'static str, raw: &str, max: usize) -> Result<String> {
    let value = raw.trim();
    if value.chars().count() > max {
        return Err(Error::invalid(
            field,
            format!("{field} must be at most {max} characters"),
        ));
    }
    Ok(value.to_string())
}

/// A validated new review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewReview {
    /// Stars, 1 to 5.
    pub rating: i64,
    /// A one-line summary.
    pub title: String,
    /// The review text.
    pub body: String,
}

impl NewReview {
    /// Checks a new review's rating, title and body.
    pub fn parse(rating: i64, title: &str, body: &str) -> Result<Self> {
        Ok(Self {
            rating: stars(rating)?,
            title: text("title", title, 200)?,
            body: text("body", body, 10_000)?,
        })
    }
}

/// Validated edits to a review; `None` keeps a field.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReviewChanges {
    /// New stars, 1 to 5.
    pub rating: Option<i64>,
    /// A new title.
    pub title: Option<String>,
    /// A new text.
    pub body: Option<String>,
}

impl ReviewChanges {
    /// Checks the fields that are given.
    pub fn parse(rating: Option<i64>, title: Option<&str>, body: Option<&str>) -> Result<Self> {
        Ok(Self {
            rating: rating.map(stars).transpose()?,
            title: title.map(|t| text("title", t, 200)).transpose()?,
            body: body.map(|b| text("body", b, 10_000)).transpose()?,
        })
    }
}

/// How a product's reviews are listed. Each order ends with the id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReviewSort {
    /// Most recent first.
    Newest,
    /// Most stars first.
    HighestRating,
    /// Fewest stars first.
    LowestRating,
}

impl ReviewSort {
    /// The name used in cursors.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Newest => "new",
            Self::HighestRating => "hi",
            Self::LowestRating => "lo",
        }
    }

    /// The inverse of `as_str`.
    pub fn parse(value: &str) -> Option<Self> {
        [Self::Newest, Self::HighestRating, Self::LowestRating]
            .into_iter()
            .find(|s| s.as_str() == value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rating_of_zero_or_six_is_rejected() {
        assert!(NewReview::parse(0, "", "").is_err());
        assert!(NewReview::parse(6, "", "").is_err());
        assert!(NewReview::parse(5, " Great ", "").is_ok());
        assert!(ReviewChanges::parse(Some(0), None, None).is_err());
        assert!(NewReview::parse(3, &"x".repeat(201), "").is_err());
    }

    #[test]
    fn the_average_is_rounded_to_two_decimals_and_absent_without_reviews() {
        assert_eq!(Rating::default().average(), None);
        assert_eq!(Rating { count: 3, sum: 13 }.average(), Some(4.33));
    }
}
