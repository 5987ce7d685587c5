//! The catalog as the business sees it. Nothing here knows about GraphQL,
//! gRPC or SQL.

use chrono::{DateTime, Utc};
use platform::money::Money;
use uuid::Uuid;

use crate::error::{Error, Result};

use platform::events::Event;
use platform::events::contract::{PriceChanged, StockLow};

mod attributes;
mod review;
mod search;

pub use attributes::{AttributeValue, Attributes, parse_attributes};
pub use review::{NewReview, Rating, Review, ReviewChanges, ReviewSort};
pub use search::{
    AttributeFilter, PRICE_BUCKET_BOUNDS, PriceRange, ProductFilter, ProductSort, SortDirection,
    price_bucket_range,
};

/// A product for sale.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Product {
    /// The product id (UUIDv7).
    pub id: Uuid,
    /// The name shown to customers.
    pub name: String,
    /// The description shown to customers.
    pub description: String,
    /// Slug, brand, SKU, images, weight and attributes.
    pub details: ProductDetails,
    /// Whether it is on sale.
    pub status: ProductStatus,
    /// Set when staff deleted the product (a soft delete).
    pub deleted_at: Option<DateTime<Utc>>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
    /// The price customers pay now.
    pub price: Money,
    /// Units in the warehouse, including those held by reservations.
    pub on_hand: i64,
    /// Units held for orders in progress.
    pub reserved: i64,
    /// At or below this many available units the product is LOW_STOCK.
    pub low_stock_threshold: i64,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// Average and count of the visible reviews, maintained on every review write.
    pub rating: Rating,
}

impl Product {
    /// Units that can be sold now: on hand minus reserved.
    pub fn available(&self) -> i64 {
        self.on_hand - self.reserved
    }

    /// What a customer is told about stock.
    pub fn stock_status(&self) -> StockStatus {
        match self.available() {
            n if n <= 0 => StockStatus::OutOfStock,
            n if n <= self.low_stock_threshold => StockStatus::LowStock,
            _ => StockStatus::InStock,
        }
    }
}

/// Whether available stock going from `before` to `after` brings a product
/// down to its low-stock `threshold`: staff are alerted once per fall, not on
/// every sale while it stays low.
pub fn reached_low_stock(before: i64, after: i64, threshold: i64) -> bool {
    before > threshold && after <= threshold
}

/// The co-purchase pairs of one order's distinct products, both ways round,
/// as two parallel columns: `[a, b]` gives `([a, b], [b, a])`.
pub fn co_purchase_pairs(products: &[Uuid]) -> (Vec<Uuid>, Vec<Uuid>) {
    let mut distinct = products.to_vec();
    distinct.sort();
    distinct.dedup();
    let mut left = Vec::new();
    let mut right = Vec::new();
    for a in &distinct {
        for b in &distinct {
            if a != b {
                left.push(*a);
                right.push(*b);
            }
        }
    }
    (left, right)
}

/// `product.stock_low` for a product now at `available` units.
pub fn stock_low(
    product_id: Uuid,
    name: &str,
    sku: Option<&str>,
    available: i64,
    threshold: i64,
) -> Event {
    Event::StockLow(StockLow {
        product_id,
        name: name.to_string(),
        sku: sku.map(str::to_string),
        available,
        threshold,
    })
}

/// `product.price_changed`, when `before` and `after` differ in price.
pub fn price_changed(before: &Product, after: &Product) -> Option<Event> {
    (before.price != after.price).then(|| {
        Event::PriceChanged(PriceChanged {
            product_id: after.id,
            name: after.name.clone(),
            old_price: (&before.price).into(),
            new_price: (&after.price).into(),
        })
    })
}

impl Product {
    /// Whether customers may see and buy it: active and not deleted.
    pub fn is_public(&self) -> bool {
        self.status == ProductStatus::Active && self.deleted_at.is_none()
    }
}

/// Where a product is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ProductStatus {
    /// Being prepared; only staff see it.
    Draft,
    /// On sale.
    Active,
    /// No longer sold; only staff (and existing orders) see it.
    Archived,
}

impl ProductStatus {
    /// The name used in GraphQL and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "DRAFT",
            Self::Active => "ACTIVE",
            Self::Archived => "ARCHIVED",
        }
    }

    /// The inverse of `as_str`.
    pub fn parse(value: &str) -> Option<Self> {
        [Self::Draft, Self::Active, Self::Archived]
            .into_iter()
            .find(|s| s.as_str() == value)
    }
}

/// One product image.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Image {
    /// Where the image is served.
    pub url: String,
    /// Alternative text, for accessibility.
    pub alt: String,
}

/// The descriptive fields staff edit, validated.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct ProductDetails {
    /// URL-safe and unique: lower-case letters, digits and dashes.
    pub slug: String,
    /// True when the slug was made from the name rather than chosen: such a
    /// slug is made unique instead of conflicting.
    pub slug_generated: bool,
    /// The brand, if any.
    pub brand: Option<String>,
    /// Stock-keeping unit, unique when present.
    pub sku: Option<String>,
    /// The "was" price shown struck through; same currency as the price.
    pub compare_at_minor: Option<i64>,
    /// Images, the first being the main one.
    pub images: Vec<Image>,
    /// Shipping weight in grams.
    pub weight_grams: i64,
    /// Typed specifications that filters use.
    pub attributes: Attributes,
}

/// Turns a name into a slug: "Moka Pot 6-Cup!" becomes "moka-pot-6-cup".
pub fn slugify(name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug
        .trim_end_matches('-')
        .chars()
        .take(80)
        .collect::<String>();
    if slug.is_empty() {
        "product".into()
    } else {
        slug
    }
}

/// Checks a slug given by staff.
pub fn parse_slug(raw: &str) -> Result<String> {
    let slug = raw.trim();
    let ok = (1..=80).contains(&slug.len())
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !slug.starts_with('-')
        && !slug.ends_with('-');
    if ok {
        Ok(slug.to_string())
    } else {
        Err(Error::invalid(
            "slug",
            "slug must be 1 to 80 lower-case letters, digits and dashes",
        ))
    }
}

fn short_text(field: &'static str, raw: Option<&str>, max: usize) -> Result<Option<String>> {
    match raw.map(str::trim) {
        None | Some("") => Ok(None),
        Some(v) if v.chars().count() > max || v.chars().any(char::is_control) => {
            Err(Error::invalid(
                field,
                format!("{field} must be at most {max} printable characters"),
            ))
        }
        Some(v) => Ok(Some(v.to_string())),
    }
}

/// Raw descriptive input from staff.
#[derive(Debug, Clone, Default)]
pub struct DetailsInput {
    /// A URL slug; generated from the name when absent.
    pub slug: Option<String>,
    /// The brand.
    pub brand: Option<String>,
    /// The stock-keeping unit, unique when set.
    pub sku: Option<String>,
    /// The price before a reduction, shown struck through.
    pub compare_at_amount: Option<String>,
    /// Images, the first being the main one.
    pub images: Vec<Image>,
    /// Shipping weight in grams.
    pub weight_grams: i64,
    /// `(key, value)` pairs; see [`parse_attributes`].
    pub attributes: Vec<(String, AttributeValue)>,
}

impl ProductDetails {
    /// Validates details for a product called `name` priced in `currency`.
    pub fn parse(input: &DetailsInput, name: &str, price: &Money) -> Result<Self> {
        let (slug, slug_generated) = match input.slug.as_deref() {
            Some(s) => (parse_slug(s)?, false),
            None => (slugify(name), true),
        };
        let compare_at_minor = match input.compare_at_amount.as_deref() {
            None => None,
            Some(amount) => {
                let money = Money::parse(amount, price.currency.as_str())
                    .map_err(|e| Error::money("compareAtPrice", e))?;
                if money.amount_minor <= price.amount_minor {
                    return Err(Error::invalid(
                        "compareAtPrice",
                        "compareAtPrice must be higher than the price",
                    ));
                }
                Some(money.amount_minor)
            }
        };
        if input.images.len() > 20 {
            return Err(Error::invalid("images", "at most 20 images"));
        }
        for image in &input.images {
            let url = image.url.trim();
            if !(url.starts_with("https://") || url.starts_with("http://"))
                || url.len() > 2048
                || image.alt.chars().count() > 300
            {
                return Err(Error::invalid(
                    "images",
                    "images need an http(s) URL (at most 2048 characters) and alt text of at most 300",
                ));
            }
        }
        if !(0..=1_000_000).contains(&input.weight_grams) {
            return Err(Error::invalid(
                "weightGrams",
                "weightGrams must be between 0 and 1000000",
            ));
        }
        Ok(Self {
            slug,
            slug_generated,
            brand: short_text("brand", input.brand.as_deref(), 100)?,
            sku: short_text("sku", input.sku.as_deref(), 64)?,
            compare_at_minor,
            images: input
                .images
                .iter()
                .map(|i| Image {
                    url: i.url.trim().into(),
                    alt: i.alt.trim().into(),
                })
                .collect(),
            weight_grams: input.weight_grams,
            attributes: parse_attributes(&input.attributes)?,
        })
    }
}

/// A node of the category tree.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Category {
    /// The category id.
    pub id: Uuid,
    /// Its parent; `None` for a top-level category.
    pub parent_id: Option<Uuid>,
    /// The name shown to customers.
    pub name: String,
    /// The URL slug, unique among its siblings.
    pub slug: String,
    /// Names from the root down to this category.
    pub path_names: Vec<String>,
    /// Slugs from the root down to this category.
    pub path_slugs: Vec<String>,
}

/// Stock as customers see it: a status, never the numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StockStatus {
    /// More than the low-stock threshold on hand.
    InStock,
    /// Some left, at or below the threshold.
    LowStock,
    /// None left to sell.
    OutOfStock,
}

/// Why on-hand stock changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MovementReason {
    /// Goods received: a positive delta.
    Restock,
    /// A count fixed after a stocktake: either sign.
    Correction,
    /// Goods broken or lost: a negative delta.
    Damage,
    /// Goods a customer sent back: a positive delta.
    Return,
    /// Goods sold, recorded when a reservation is committed.
    Sale,
}

impl MovementReason {
    /// The name used in GraphQL and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Restock => "RESTOCK",
            Self::Correction => "CORRECTION",
            Self::Damage => "DAMAGE",
            Self::Return => "RETURN",
            Self::Sale => "SALE",
        }
    }

    /// The inverse of `as_str`.
    pub fn parse(value: &str) -> Option<Self> {
        [
            Self::Restock,
            Self::Correction,
            Self::Damage,
            Self::Return,
            Self::Sale,
        ]
        .into_iter()
        .find(|r| r.as_str() == value)
    }

    /// Whether staff may record an adjustment of `delta` for this reason.
    /// Sales are only ever recorded by committing a reservation.
    pub fn check_adjustment(self, delta: i64) -> Result<()> {
        let ok = match self {
            Self::Restock | Self::Return => delta > 0,
            Self::Damage => delta < 0,
            Self::Correction => delta != 0,
            Self::Sale => false,
        };
        if !ok {
            return Err(Error::invalid(
                "delta",
                format!(
                    "{} needs a {} delta",
                    self.as_str(),
                    match self {
                        Self::Restock | Self::Return => "positive",
                        Self::Damage => "negative",
                        Self::Correction => "non-zero",
                        Self::Sale => "system-recorded",
                    }
                ),
            ));
        }
        if delta.abs() > MAX_STOCK {
            return Err(Error::invalid("delta", "delta is too large"));
        }
        Ok(())
    }
}

/// One row of the stock ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StockMovement {
    /// The movement id.
    pub id: Uuid,
    /// The product whose stock moved.
    pub product_id: Uuid,
    /// Units added (positive) or taken (negative).
    pub delta: i64,
    /// Why the stock moved.
    pub reason: MovementReason,
    /// A free-text note from staff.
    pub note: Option<String>,
    /// Who moved it; `None` for the system.
    pub actor_id: Option<Uuid>,
    /// The reservation or order it belongs to, if any.
    pub reference: Option<Uuid>,
    /// Units on hand after the movement.
    pub on_hand_after: i64,
    /// When it happened.
    pub created_at: DateTime<Utc>,
}

/// A validated request to create a product.
#[derive(Debug, Clone)]
pub struct NewProduct {
    /// The name.
    pub name: String,
    /// The description.
    pub description: String,
    /// The price.
    pub price: Money,
    /// Units on hand to start with.
    pub stock: i64,
    /// At or below this many available units the product shows LOW_STOCK.
    pub low_stock_threshold: i64,
    /// Slug, brand, SKU, images, weight and attributes.
    pub details: ProductDetails,
    /// Draft or active.
    pub status: ProductStatus,
}

/// The threshold a product gets unless staff choose another.
pub const DEFAULT_LOW_STOCK_THRESHOLD: i64 = 5;

/// Most units a product can hold in stock.
pub const MAX_STOCK: i64 = 1_000_000_000;

/// Everything staff give for a new product, unvalidated: what both the
/// GraphQL and the gRPC door receive.
#[derive(Debug, Clone, Default)]
pub struct ProductInput {
    /// The name.
    pub name: String,
    /// The description.
    pub description: Option<String>,
    /// The price as a decimal string.
    pub price_amount: String,
    /// The price's ISO 4217 currency.
    pub currency: String,
    /// Units on hand to start with.
    pub stock: i64,
    /// When stock is low; a default applies when absent.
    pub low_stock_threshold: Option<i64>,
    /// Slug, brand, SKU, images and weight.
    pub details: DetailsInput,
    /// ACTIVE when left out.
    pub status: Option<ProductStatus>,
}

impl NewProduct {
    /// Validates a whole [`ProductInput`].
    pub fn from_input(input: &ProductInput) -> Result<Self> {
        let mut product = Self::parse(
            &input.name,
            input.description.as_deref(),
            &input.price_amount,
            &input.currency,
            input.stock,
        )?;
        if let Some(threshold) = input.low_stock_threshold {
            product = product.with_low_stock_threshold(threshold)?;
        }
        product.details = ProductDetails::parse(&input.details, &product.name, &product.price)?;
        product.status = input.status.unwrap_or(ProductStatus::Active);
        Ok(product)
    }

    /// Sets a validated low-stock threshold.
    pub fn with_low_stock_threshold(mut self, threshold: i64) -> Result<Self> {
        if !(0..=MAX_STOCK).contains(&threshold) {
            return Err(Error::invalid(
                "lowStockThreshold",
                format!("lowStockThreshold must be between 0 and {MAX_STOCK}"),
            ));
        }
        self.low_stock_threshold = threshold;
        Ok(self)
    }

    /// Validates raw input. The price is parsed exactly in its currency.
    pub fn parse(
        name: &str,
        description: Option<&str>,
        price_amount: &str,
        currency: &str,
        stock: i64,
    ) -> Result<Self> {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 200 {
            return Err(Error::invalid("name", "name must be 1 to 200 characters"));
        }
        let description = description.unwrap_or("").trim();
        if description.chars().count() > 20_000 {
            return Err(Error::invalid(
                "description",
                "description must be at most 20000 characters",
            ));
        }
        let price = Money::parse(price_amount, currency).map_err(|e| Error::money("price", e))?;
        if !(0..=MAX_STOCK).contains(&stock) {
            return Err(Error::invalid(
                "stock",
                format!("stock must be between 0 and {MAX_STOCK}"),
            ));
        }
        let details = ProductDetails {
            slug: slugify(name),
            slug_generated: true,
            ..Default::default()
        };
        Ok(Self {
            name: name.to_string(),
            description: description.to_string(),
            price,
            stock,
            low_stock_threshold: DEFAULT_LOW_STOCK_THRESHOLD,
            details,
            status: ProductStatus::Active,
        })
    }
}

/// Whether `requested` units of a product can be sold now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Availability {
    /// The product asked about.
    pub product_id: Uuid,
    /// Whether the product exists.
    pub found: bool,
    /// Units asked for.
    pub requested: i64,
    /// Units that can be sold now.
    pub available: i64,
}

impl Availability {
    /// Whether the product exists and enough can be sold.
    pub fn sufficient(&self) -> bool {
        self.found && self.available >= self.requested
    }
}

/// Where a stock reservation is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReservationStatus {
    /// Stock is held until the reservation is committed, released or expires.
    Held,
    /// The held stock was sold: on hand and reserved both went down.
    Committed,
    /// The held stock was given back (by request or on expiry).
    Released,
}

impl ReservationStatus {
    /// The name used in the database and over gRPC.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Held => "HELD",
            Self::Committed => "COMMITTED",
            Self::Released => "RELEASED",
        }
    }

    /// The inverse of `as_str`.
    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "HELD" => Some(Self::Held),
            "COMMITTED" => Some(Self::Committed),
            "RELEASED" => Some(Self::Released),
            _ => None,
        }
    }
}

/// A hold on stock for one order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reservation {
    /// The reservation id: the order id of the caller.
    pub id: Uuid,
    /// Where the reservation is in its life.
    pub status: ReservationStatus,
    /// When a held reservation lapses; `None` for one that never existed.
    pub expires_at: Option<DateTime<Utc>>,
    /// `(product, quantity)`, sorted by product id.
    pub lines: Vec<(Uuid, i64)>,
}

/// A line that could not be reserved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shortage {
    /// The short product.
    pub product_id: Uuid,
    /// Units asked for.
    pub requested: i64,
    /// Units that can be sold now.
    pub available: i64,
}

/// Most lines one reservation may hold.
pub const MAX_RESERVATION_LINES: usize = 100;
/// Longest a reservation may be held, in seconds.
pub const MAX_RESERVATION_TTL_SECS: u32 = 3600;
/// Hold time when the caller does not say.
pub const DEFAULT_RESERVATION_TTL_SECS: u32 = 900;

/// Checks reservation lines and puts them in the one order every writer locks
/// rows in (by product id), merging repeated products. A fixed lock order is
/// what keeps concurrent reservations from deadlocking.
pub fn reservation_lines(lines: &[(Uuid, i64)]) -> Result<Vec<(Uuid, i64)>> {
    if lines.is_empty() {
        return Err(Error::invalid(
            "lines",
            "a reservation needs at least one line",
        ));
    }
    let mut merged = std::collections::BTreeMap::<Uuid, i64>::new();
    for (product_id, quantity) in lines {
        if !(1..=MAX_STOCK).contains(quantity) {
            return Err(Error::invalid(
                "quantity",
                format!("quantities must be between 1 and {MAX_STOCK}"),
            ));
        }
        let total = merged.entry(*product_id).or_insert(0);
        *total = total
            .checked_add(*quantity)
            .filter(|t| *t <= MAX_STOCK)
            .ok_or_else(|| Error::invalid("quantity", "quantity is too large"))?;
    }
    if merged.len() > MAX_RESERVATION_LINES {
        return Err(Error::invalid(
            "lines",
            format!("at most {MAX_RESERVATION_LINES} lines per reservation"),
        ));
    }
    Ok(merged.into_iter().collect())
}

/// The hold time: 0 means the default; otherwise 1 to the maximum.
pub fn reservation_ttl(seconds: u32) -> Result<u32> {
    match seconds {
        0 => Ok(DEFAULT_RESERVATION_TTL_SECS),
        1..=MAX_RESERVATION_TTL_SECS => Ok(seconds),
        _ => Err(Error::invalid(
            "ttl_seconds",
            format!("ttl must be at most {MAX_RESERVATION_TTL_SECS} seconds"),
        )),
    }
}

#[cfg(test)]
mod low_stock_tests {
    use super::reached_low_stock;

    #[test]
    fn every_pair_of_distinct_products_counts_both_ways_once() {
        let (a, b, c) = (
            uuid::Uuid::now_v7(),
            uuid::Uuid::now_v7(),
            uuid::Uuid::now_v7(),
        );
        let (left, right) = super::co_purchase_pairs(&[a, b, a, c]);
        assert_eq!(left.len(), 6);
        let pairs: std::collections::HashSet<_> = left.into_iter().zip(right).collect();
        assert_eq!(pairs.len(), 6);
        assert!(pairs.contains(&(a, b)) && pairs.contains(&(b, a)) && !pairs.contains(&(a, a)));
        assert!(super::co_purchase_pairs(&[a, a]).0.is_empty());
    }

    #[test]
    fn the_alert_fires_once_when_stock_falls_to_the_threshold() {
        assert!(reached_low_stock(6, 5, 5));
        assert!(reached_low_stock(20, 0, 5));
        assert!(!reached_low_stock(5, 4, 5), "already low: no second alert");
        assert!(!reached_low_stock(8, 6, 5));
        assert!(!reached_low_stock(3, 9, 5), "restocking is not a fall");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_valid_product_is_accepted_with_an_exact_price() {
        let p = NewProduct::parse(" Mug ", None, "12.50", "eur", 3).unwrap();
        assert_eq!(p.name, "Mug");
        assert_eq!(p.price.amount_minor, 1250);
        assert_eq!(p.price.currency.as_str(), "EUR");
    }

    #[test]
    fn invalid_products_name_the_offending_field() {
        let field = |r: Result<NewProduct>| match r {
            Err(Error::InvalidInput { field, .. }) => field,
            other => panic!("expected invalid input, got {other:?}"),
        };
        assert_eq!(field(NewProduct::parse("", None, "1", "USD", 1)), "name");
        assert_eq!(
            field(NewProduct::parse("Mug", None, "1.234", "USD", 1)),
            "price"
        );
        assert_eq!(
            field(NewProduct::parse("Mug", None, "1", "DOLLARS", 1)),
            "price"
        );
        assert_eq!(
            field(NewProduct::parse("Mug", None, "1", "USD", -1)),
            "stock"
        );
    }

    #[test]
    fn slugs_are_made_from_names_and_checked_when_given() {
        assert_eq!(slugify("Moka Pot 6-Cup!"), "moka-pot-6-cup");
        assert_eq!(slugify("¡¡¡"), "product");
        assert!(parse_slug("moka-pot").is_ok());
        assert!(parse_slug("Moka Pot").is_err());
        assert!(parse_slug("-x").is_err());
    }

    #[test]
    fn a_compare_at_price_must_be_above_the_price_and_in_its_currency() {
        let price = Money::parse("10", "EUR").unwrap();
        let input = |amount: &str| DetailsInput {
            compare_at_amount: Some(amount.into()),
            ..Default::default()
        };
        assert_eq!(
            ProductDetails::parse(&input("12.50"), "x", &price)
                .unwrap()
                .compare_at_minor,
            Some(1250)
        );
        assert!(ProductDetails::parse(&input("9.99"), "x", &price).is_err());
        assert!(ProductDetails::parse(&input("12.505"), "x", &price).is_err());
    }

    #[test]
    fn stock_status_follows_availability_and_the_threshold() {
        let product = |on_hand, reserved| Product {
            id: Uuid::nil(),
            name: "x".into(),
            description: String::new(),
            details: ProductDetails::default(),
            status: ProductStatus::Active,
            deleted_at: None,
            updated_at: Utc::now(),
            price: Money::parse("1", "USD").unwrap(),
            on_hand,
            reserved,
            low_stock_threshold: 3,
            created_at: Utc::now(),
            rating: Rating::default(),
        };
        assert_eq!(product(10, 0).stock_status(), StockStatus::InStock);
        assert_eq!(product(10, 7).stock_status(), StockStatus::LowStock);
        assert_eq!(product(3, 0).stock_status(), StockStatus::LowStock);
        assert_eq!(product(2, 2).stock_status(), StockStatus::OutOfStock);
    }

    #[test]
    fn adjustments_must_match_their_reason() {
        assert!(MovementReason::Restock.check_adjustment(5).is_ok());
        assert!(MovementReason::Restock.check_adjustment(-5).is_err());
        assert!(MovementReason::Damage.check_adjustment(-1).is_ok());
        assert!(MovementReason::Damage.check_adjustment(1).is_err());
        assert!(MovementReason::Correction.check_adjustment(0).is_err());
        assert!(
            MovementReason::Sale.check_adjustment(-1).is_err(),
            "sales come only from committed reservations"
        );
    }

    #[test]
    fn reservation_lines_are_merged_and_sorted_by_product() {
        let (a, b) = (Uuid::from_u128(1), Uuid::from_u128(2));
        assert_eq!(
            reservation_lines(&[(b, 1), (a, 2), (b, 3)]).unwrap(),
            vec![(a, 2), (b, 4)]
        );
        assert!(reservation_lines(&[]).is_err());
        assert!(reservation_lines(&[(a, 0)]).is_err());
        assert!(reservation_lines(&[(a, MAX_STOCK), (a, 1)]).is_err());
    }

    #[test]
    fn a_reservation_ttl_of_zero_means_the_default_and_long_ones_are_refused() {
        assert_eq!(reservation_ttl(0).unwrap(), DEFAULT_RESERVATION_TTL_SECS);
        assert_eq!(reservation_ttl(1).unwrap(), 1);
        assert!(reservation_ttl(MAX_RESERVATION_TTL_SECS + 1).is_err());
    }

    #[test]
    fn availability_requires_the_product_to_exist_and_enough_units() {
        let a = |found, available| Availability {
            product_id: Uuid::nil(),
            found,
            requested: 2,
            available,
        };
        assert!(a(true, 2).sufficient());
        assert!(!a(true, 1).sufficient());
        assert!(!a(false, 0).sufficient());
    }
}
