//! What a product listing asks for: filters and a sort order, validated.

use platform::money::Money;
use uuid::Uuid;

use super::attributes::valid_attribute_key;
use crate::error::{Error, Result};

/// Listing filters; every one that is set must match.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProductFilter {
    /// Free text: full-text search over name, brand and description, with a
    /// trigram fallback for misspellings.
    pub text: Option<String>,
    /// This category or any below it.
    pub category: Option<Uuid>,
    /// `category` and every category below it, resolved by the catalog from
    /// its cached tree, so that the statement filters on a known list (its
    /// size gives the planner a true estimate). Empty: resolved in SQL.
    pub category_ids: Vec<Uuid>,
    /// Any of these brands (exact).
    pub brands: Vec<String>,
    /// A price range in one currency.
    pub price: Option<PriceRange>,
    /// Every attribute filter must match.
    pub attributes: Vec<AttributeFilter>,
    /// Only products that can be ordered now.
    pub in_stock: bool,
    /// Only products whose average rating is at least this (1 to 5).
    pub min_rating: Option<f64>,
    /// Include drafts and archived products (staff only; never deleted ones).
    pub include_hidden: bool,
}

/// A price range in one currency, in minor units, both ends inclusive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PriceRange {
    /// The currency the range is in.
    pub currency: String,
    /// Lowest price, in minor units.
    pub min_minor: Option<i64>,
    /// Highest price, in minor units.
    pub max_minor: Option<i64>,
}

/// One attribute condition: the value is one of `values`, and (for numbers)
/// within `min..=max`.
#[derive(Debug, Clone, PartialEq)]
pub struct AttributeFilter {
    /// The attribute's key.
    pub key: String,
    /// Candidate values as JSON (a text value also matches the number or
    /// boolean it spells).
    pub values: Vec<serde_json::Value>,
    /// Lowest numeric value.
    pub min: Option<f64>,
    /// Highest numeric value.
    pub max: Option<f64>,
}

impl ProductFilter {
    /// Validates raw listing input.
    #[allow(clippy::too_many_arguments)]
    pub fn parse(
        text: Option<&str>,
        category: Option<Uuid>,
        brands: &[String],
        price: Option<(&str, Option<&str>, Option<&str>)>,
        attributes: Vec<(String, Vec<String>, Option<f64>, Option<f64>)>,
        in_stock: bool,
        min_rating: Option<f64>,
    ) -> Result<Self> {
        let text = match text.map(str::trim) {
            None | Some("") => None,
            Some(t) if t.chars().count() > 200 || t.chars().any(char::is_control) => {
                return Err(Error::invalid(
                    "search",
                    "search must be at most 200 printable characters",
                ));
            }
            Some(t) => Some(t.to_string()),
        };
        if brands.len() > 20 || brands.iter().any(|b| b.trim().is_empty() || b.len() > 100) {
            return Err(Error::invalid(
                "brands",
                "at most 20 brands of 1 to 100 characters",
            ));
        }
        let price = match price {
            None => None,
            Some((currency, min, max)) => {
                let parse = |amount: Option<&str>| {
                    amount
                        .map(|a| Money::parse(a, currency).map(|m| (m.amount_minor, m.currency)))
                        .transpose()
                        .map_err(|e| Error::money("price", e))
                };
                let (min, max) = (parse(min)?, parse(max)?);
                let currency = platform::money::Currency::parse(currency)
                    .map_err(|e| Error::money("price", e))?;
                let (min_minor, max_minor) = (min.map(|m| m.0), max.map(|m| m.0));
                if let (Some(lo), Some(hi)) = (min_minor, max_minor)
                    && lo > hi
                {
                    return Err(Error::invalid(
                        "price",
                        "price.min must not exceed price.max",
                    ));
                }
                Some(PriceRange {
                    currency: currency.to_string(),
                    min_minor,
                    max_minor,
                })
            }
        };
        if attributes.len() > 10 {
            return Err(Error::invalid("attributes", "at most 10 attribute filters"));
        }
        let attributes = attributes
            .into_iter()
            .map(|(key, values, min, max)| {
                if !valid_attribute_key(&key) {
                    return Err(Error::invalid(
                        "attributes",
                        format!("{key:?} is not an attribute key"),
                    ));
                }
                if values.is_empty() && min.is_none() && max.is_none() {
                    return Err(Error::invalid(
                        "attributes",
                        format!("attribute filter {key:?} needs values, min or max"),
                    ));
                }
                if values.len() > 50 || [min, max].iter().flatten().any(|v| !v.is_finite()) {
                    return Err(Error::invalid(
                        "attributes",
                        "at most 50 values and finite bounds per attribute filter",
                    ));
                }
                let values = values.iter().flat_map(|v| json_candidates(v)).collect();
                Ok(AttributeFilter {
                    key,
                    values,
                    min,
                    max,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        if let Some(rating) = min_rating
            && !(1.0..=5.0).contains(&rating)
        {
            return Err(Error::invalid(
                "minRating",
                "minRating must be between 1 and 5",
            ));
        }
        Ok(Self {
            text,
            category,
            category_ids: Vec::new(),
            brands: brands.iter().map(|b| b.trim().to_string()).collect(),
            price,
            attributes,
            in_stock,
            min_rating,
            include_hidden: false,
        })
    }
}

/// The JSON values a filter value given as text stands for: always the text,
/// plus the number or boolean it spells.
fn json_candidates(value: &str) -> Vec<serde_json::Value> {
    let mut candidates = vec![serde_json::Value::String(value.to_string())];
    // 40 and 40.0 are the same number but different JSON: match both forms.
    if let Ok(number) = value.trim().parse::<f64>()
        && number.is_finite()
    {
        candidates.extend(serde_json::Number::from_f64(number).map(serde_json::Value::Number));
        if number.fract() == 0.0 && number.abs() < 9e15 {
            candidates.push(serde_json::Value::Number((number as i64).into()));
        }
    }
    match value.trim() {
        "true" => candidates.push(serde_json::Value::Bool(true)),
        "false" => candidates.push(serde_json::Value::Bool(false)),
        _ => {}
    }
    candidates.dedup();
    candidates
}

/// Upper bounds of the price facet's buckets, in major units of the
/// currency: under 10, 10 to 25, ..., 1000 and over.
pub const PRICE_BUCKET_BOUNDS: [i64; 7] = [10, 25, 50, 100, 250, 500, 1000];

/// The range of price bucket `bucket` (as SQL's `width_bucket` numbers them,
/// 0 to 7) in major units: `[low, high)`, `high` being `None` for the last.
pub fn price_bucket_range(bucket: usize) -> (i64, Option<i64>) {
    let low = if bucket == 0 {
        0
    } else {
        PRICE_BUCKET_BOUNDS[(bucket - 1).min(6)]
    };
    (low, PRICE_BUCKET_BOUNDS.get(bucket).copied())
}

/// How a listing is ordered. Every order ends with the product id, so it is
/// total and a cursor marks one exact place in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProductSort {
    /// Best match first (needs search text; otherwise it is `Newest`).
    Relevance,
    /// Cheapest first.
    PriceAsc,
    /// Most expensive first.
    PriceDesc,
    /// Most recently created first.
    Newest,
    /// Highest average rating first; unrated products last.
    Rating,
    /// Most units sold first.
    BestSelling,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
/// Which way a sort key runs.
pub enum SortDirection {
    /// Smallest first.
    Ascending,
    /// Largest first.
    Descending,
}

impl ProductSort {
    /// The order actually used for `filter`: relevance needs search text.
    pub fn effective(self, filter: &ProductFilter) -> Self {
        match self {
            Self::Relevance if filter.text.is_none() => Self::Newest,
            other => other,
        }
    }

    /// Which way this order's key runs.
    pub fn direction(self) -> SortDirection {
        match self {
            Self::PriceAsc => SortDirection::Ascending,
            _ => SortDirection::Descending,
        }
    }

    /// A short stable name, used inside cursors.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Relevance => "rel",
            Self::PriceAsc => "pa",
            Self::PriceDesc => "pd",
            Self::Newest => "new",
            Self::Rating => "rat",
            Self::BestSelling => "best",
        }
    }

    /// The inverse of the cursor tag.
    pub fn parse(value: &str) -> Option<Self> {
        [
            Self::Relevance,
            Self::PriceAsc,
            Self::PriceDesc,
            Self::Newest,
            Self::Rating,
            Self::BestSelling,
        ]
        .into_iter()
        .find(|s| s.as_str() == value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_text(text: &str) -> Result<ProductFilter> {
        ProductFilter::parse(Some(text), None, &[], None, vec![], false, None)
    }

    #[test]
    fn search_text_is_trimmed_and_bounded() {
        assert_eq!(parse_text("  mug ").unwrap().text.as_deref(), Some("mug"));
        assert_eq!(parse_text("   ").unwrap().text, None);
        assert!(parse_text(&"x".repeat(201)).is_err());
    }

    #[test]
    fn a_price_range_is_exact_and_ordered() {
        let filter = |min, max| {
            ProductFilter::parse(
                None,
                None,
                &[],
                Some(("usd", min, max)),
                vec![],
                false,
                None,
            )
        };
        let range = filter(Some("10"), Some("20.50")).unwrap().price.unwrap();
        assert_eq!(
            (range.currency.as_str(), range.min_minor, range.max_minor),
            ("USD", Some(1000), Some(2050))
        );
        assert!(filter(Some("30"), Some("20")).is_err());
        assert!(filter(Some("-1"), None).is_err());
        assert!(filter(Some("1.001"), None).is_err());
    }

    #[test]
    fn a_minimum_rating_must_be_between_one_and_five() {
        let rating = |r| ProductFilter::parse(None, None, &[], None, vec![], false, Some(r));
        assert!(rating(4.5).is_ok());
        assert!(rating(0.0).is_err());
        assert!(rating(6.0).is_err());
    }

    #[test]
    fn attribute_filter_values_match_their_typed_forms() {
        assert!(json_candidates("40").contains(&serde_json::json!(40)));
        assert!(json_candidates("40").contains(&serde_json::json!(40.0)));
        assert!(json_candidates("true").contains(&serde_json::json!(true)));
        assert_eq!(json_candidates("black"), vec![serde_json::json!("black")]);
    }

    #[test]
    fn relevance_without_search_text_lists_newest_first() {
        let none = ProductFilter::default();
        assert_eq!(ProductSort::Relevance.effective(&none), ProductSort::Newest);
        let text = parse_text("mug").unwrap();
        assert_eq!(
            ProductSort::Relevance.effective(&text),
            ProductSort::Relevance
        );
    }
}
