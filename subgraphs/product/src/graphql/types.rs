//! The object types of the product subgraph: products, their attributes
//! and images, categories, stock movements, and the mirror enums.

use super::*;

/// A product for sale.
pub struct ProductNode(pub Product);

/// A product for sale.
#[Object(name = "Product")]
impl ProductNode {
    /// Unique id (a UUID).
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }

    /// Product name, 1 to 200 characters.
    async fn name(&self) -> &str {
        &self.0.name
    }

    /// Longer description (plain text or Markdown).
    async fn description(&self) -> &str {
        &self.0.description
    }

    /// Current price. Orders keep the price they were placed at.
    async fn price(&self) -> MoneyObject {
        MoneyObject::from(&self.0.price)
    }

    /// The earlier price shown struck through, higher than `price`; null if none.
    async fn compare_at_price(&self) -> Option<MoneyObject> {
        self.0.details.compare_at_minor.map(|minor| {
            MoneyObject::from(platform::money::Money::from_minor(
                minor,
                self.0.price.currency.clone(),
            ))
        })
    }

    /// URL-safe unique name, e.g. "moka-pot-6-cup".
    async fn slug(&self) -> &str {
        &self.0.details.slug
    }

    /// Brand or maker.
    async fn brand(&self) -> Option<&str> {
        self.0.details.brand.as_deref()
    }

    /// Stock-keeping unit, unique.
    async fn sku(&self) -> Option<&str> {
        self.0.details.sku.as_deref()
    }

    /// Images in display order.
    async fn images(&self) -> Vec<ProductImage> {
        self.0
            .details
            .images
            .iter()
            .map(|i| ProductImage {
                url: i.url.clone(),
                alt: i.alt.clone(),
            })
            .collect()
    }

    /// Shipping weight in grams.
    async fn weight_grams(&self) -> i64 {
        self.0.details.weight_grams
    }

    /// DRAFT, ACTIVE or ARCHIVED. Customers only ever see ACTIVE products,
    /// except through orders that already contain one.
    async fn status(&self) -> ProductStatusName {
        self.0.status.into()
    }

    /// When the product was last changed.
    async fn updated_at(&self) -> DateTime<Utc> {
        self.0.updated_at
    }

    /// The categories the product is listed in.
    async fn categories(&self, ctx: &Context<'_>) -> Result<Vec<CategoryNode>, ApiError> {
        let ids = loader::<DataLoader<ProductCategoriesLoader>>(ctx)?
            .load_one(self.0.id)
            .await?
            .unwrap_or_default();
        let mut found = loader::<DataLoader<CategoryLoader>>(ctx)?
            .load_many(ids.iter().copied())
            .await?;
        Ok(ids
            .iter()
            .filter_map(|id| found.remove(id))
            .map(CategoryNode)
            .collect())
    }

    /// Whether the product can be ordered: IN_STOCK, LOW_STOCK (at or below
    /// its threshold) or OUT_OF_STOCK. Public; the numbers are staff-only.
    async fn stock_status(&self) -> StockStatusName {
        self.0.stock_status().into()
    }

    /// Units that can be ordered now: on hand minus reserved. STAFF only:
    /// for anyone else null, with a FORBIDDEN error (the rest of the product
    /// still resolves). The same holds for the other stock numbers below.
    async fn stock(&self, ctx: &Context<'_>) -> Result<Option<i64>, ApiError> {
        require_staff(ctx).await?;
        Ok(Some(self.0.available()))
    }

    /// Units in the warehouse, reserved ones included. STAFF only.
    async fn on_hand(&self, ctx: &Context<'_>) -> Result<Option<i64>, ApiError> {
        require_staff(ctx).await?;
        Ok(Some(self.0.on_hand))
    }

    /// Units held for orders in progress. STAFF only.
    async fn reserved(&self, ctx: &Context<'_>) -> Result<Option<i64>, ApiError> {
        require_staff(ctx).await?;
        Ok(Some(self.0.reserved))
    }

    /// At or below this many available units the status is LOW_STOCK. STAFF only.
    async fn low_stock_threshold(&self, ctx: &Context<'_>) -> Result<Option<i64>, ApiError> {
        require_staff(ctx).await?;
        Ok(Some(self.0.low_stock_threshold))
    }

    /// The stock ledger, newest first: every adjustment and sale. STAFF only.
    #[graphql(complexity = "platform::limits::list_cost(first, child_complexity)")]
    async fn stock_movements(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 20, desc = "How many, 1 to 100.")] first: i32,
    ) -> Result<Option<Vec<StockMovementNode>>, ApiError> {
        require_staff(ctx).await?;
        if !(1..=100).contains(&first) {
            return Err(ApiError::bad_input("first must be between 1 and 100")
                .with_detail("field", "first"));
        }
        let loader = ctx
            .data::<DataLoader<MovementLoader>>()
            .map_err(|_| ApiError::internal("MovementLoader missing"))?;
        let movements = loader
            .load_one((self.0.id, first.into()))
            .await?
            .unwrap_or_default();
        Ok(Some(movements.into_iter().map(StockMovementNode).collect()))
    }

    /// When the product was created.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }

    /// Typed specifications, by key; listings filter on them (`filter.attributes`).
    async fn attributes(&self) -> Vec<ProductAttribute> {
        self.0
            .details
            .attributes
            .iter()
            .map(|(key, value)| ProductAttribute {
                key: key.clone(),
                kind: match value {
                    AttributeValue::Text(_) => AttributeKind::Text,
                    AttributeValue::Number(_) => AttributeKind::Number,
                    AttributeValue::Boolean(_) => AttributeKind::Boolean,
                },
                value: value.display(),
            })
            .collect()
    }

    /// Average stars and number of visible reviews, maintained on every review change (never aggregated on read).
    async fn rating(&self) -> RatingObject {
        self.0.rating.into()
    }

    /// Products most often bought in the same order as this one, most often
    /// first; only products on sale. Empty until someone bought it with
    /// something else.
    #[graphql(complexity = "platform::limits::list_cost(first, child_complexity)")]
    async fn frequently_bought_together(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 4, desc = "How many, 1 to 20.")] first: i32,
    ) -> Result<Vec<ProductNode>, ApiError> {
        if !(1..=20).contains(&first) {
            return Err(Error::invalid("first", "first must be between 1 and 20").into());
        }
        Ok(loader::<DataLoader<BoughtTogetherLoader>>(ctx)?
            .load_one((self.0.id, first.into()))
            .await?
            .unwrap_or_default()
            .into_iter()
            .map(ProductNode)
            .collect())
    }

    /// Visible reviews, as a cursor connection.
    #[graphql(complexity = "platform::limits::list_cost(first, child_complexity)")]
    async fn reviews(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 10, desc = "Page size, 1 to 100.")] first: i32,
        #[graphql(desc = "Return reviews after this cursor (of the same sort order).")]
        after: Option<String>,
        #[graphql(default_with = "ReviewSortName::Newest")] sort: ReviewSortName,
    ) -> Result<Connection<String, ReviewNode, ReviewListInfo>, ApiError> {
        reviews::product_reviews(ctx, self.0.id, self.0.rating, first, after, sort).await
    }
}

/// The type of an attribute's value.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(name = "AttributeType")]
pub enum AttributeKind {
    /// Free text, e.g. a color.
    Text,
    /// A number, e.g. a wattage; filters can ask for a range.
    Number,
    /// True or false.
    Boolean,
}

/// One typed specification of a product.
#[derive(SimpleObject)]
pub struct ProductAttribute {
    /// Lower-case key, e.g. "color".
    pub key: String,
    /// The value's type.
    #[graphql(name = "type")]
    pub kind: AttributeKind,
    /// The value as text: "black", "40", "true".
    pub value: String,
}

/// One attribute given by staff: set exactly one of `text`, `number` or `boolean`.
#[derive(InputObject, Clone)]
pub struct AttributeInput {
    /// 1 to 50 lower-case letters, digits and underscores, starting with a letter.
    pub key: String,
    /// A text value, 1 to 200 characters.
    pub text: Option<String>,
    /// A number value.
    pub number: Option<f64>,
    /// A true/false value.
    pub boolean: Option<bool>,
}

pub(super) fn parse_attribute_inputs(
    inputs: Vec<AttributeInput>,
) -> Result<Vec<(String, AttributeValue)>, ApiError> {
    inputs
        .into_iter()
        .map(|a| {
            let value = match (a.text, a.number, a.boolean) {
                (Some(text), None, None) => AttributeValue::Text(text),
                (None, Some(number), None) => AttributeValue::number(number)?,
                (None, None, Some(boolean)) => AttributeValue::Boolean(boolean),
                _ => {
                    return Err(Error::invalid(
                        "attributes",
                        format!(
                            "attribute {:?} needs exactly one of text, number or boolean",
                            a.key
                        ),
                    )
                    .into());
                }
            };
            Ok((a.key, value))
        })
        .collect()
}

/// A node of the category tree.
pub struct CategoryNode(pub Category);

#[Object(name = "Category")]
impl CategoryNode {
    /// Unique id (a UUID).
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    /// Display name.
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// URL-safe unique name.
    async fn slug(&self) -> &str {
        &self.0.slug
    }
    /// Slugs from the top of the tree down to this category, joined by "/", e.g. "coffee/grinders".
    async fn path(&self) -> String {
        self.0.path_slugs.join("/")
    }
    /// Names from the top of the tree down to this category, for breadcrumbs.
    async fn breadcrumbs(&self) -> &[String] {
        &self.0.path_names
    }
    /// The category above; null at the top.
    async fn parent(&self, ctx: &Context<'_>) -> Result<Option<CategoryNode>, ApiError> {
        let Some(parent) = self.0.parent_id else {
            return Ok(None);
        };
        Ok(loader::<DataLoader<CategoryLoader>>(ctx)?
            .load_one(parent)
            .await?
            .map(CategoryNode))
    }
    /// The categories directly below, by name.
    async fn children(&self, ctx: &Context<'_>) -> Result<Vec<CategoryNode>, ApiError> {
        let children = loader::<DataLoader<ChildrenLoader>>(ctx)?
            .load_one(self.0.id)
            .await?
            .unwrap_or_default();
        Ok(children.into_iter().map(CategoryNode).collect())
    }
}

/// One product image.
#[derive(SimpleObject)]
pub struct ProductImage {
    /// http(s) URL of the image.
    pub url: String,
    /// Text for screen readers.
    pub alt: String,
}

/// An image given by staff.
#[derive(InputObject, Clone)]
pub struct ImageInput {
    /// http(s) URL, at most 2048 characters.
    pub url: String,
    /// Alt text, at most 300 characters.
    #[graphql(default)]
    pub alt: String,
}

impl From<ImageInput> for Image {
    fn from(input: ImageInput) -> Self {
        Image {
            url: input.url,
            alt: input.alt,
        }
    }
}

/// Where a product is in its life.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(name = "ProductStatus")]
pub enum ProductStatusName {
    /// Being prepared; only staff see it.
    Draft,
    /// On sale.
    Active,
    /// No longer sold; only staff and existing orders see it.
    Archived,
}

impl From<ProductStatus> for ProductStatusName {
    fn from(status: ProductStatus) -> Self {
        match status {
            ProductStatus::Draft => Self::Draft,
            ProductStatus::Active => Self::Active,
            ProductStatus::Archived => Self::Archived,
        }
    }
}

impl From<ProductStatusName> for ProductStatus {
    fn from(status: ProductStatusName) -> Self {
        match status {
            ProductStatusName::Draft => Self::Draft,
            ProductStatusName::Active => Self::Active,
            ProductStatusName::Archived => Self::Archived,
        }
    }
}

/// Stock as customers see it.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(name = "StockStatus")]
pub enum StockStatusName {
    /// More than the low-stock threshold is available.
    InStock,
    /// Some, but no more than the threshold, is available.
    LowStock,
    /// Nothing can be ordered now.
    OutOfStock,
}

impl From<StockStatus> for StockStatusName {
    fn from(status: StockStatus) -> Self {
        match status {
            StockStatus::InStock => Self::InStock,
            StockStatus::LowStock => Self::LowStock,
            StockStatus::OutOfStock => Self::OutOfStock,
        }
    }
}

/// Why stock changed.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(name = "StockMovementReason")]
pub enum MovementReasonName {
    /// Goods received (positive).
    Restock,
    /// A count fixed after a stocktake (either sign).
    Correction,
    /// Goods broken or lost (negative).
    Damage,
    /// Goods a customer sent back (positive).
    Return,
    /// Goods sold: recorded when an order's reservation is committed.
    Sale,
}

impl From<MovementReasonName> for MovementReason {
    fn from(reason: MovementReasonName) -> Self {
        match reason {
            MovementReasonName::Restock => Self::Restock,
            MovementReasonName::Correction => Self::Correction,
            MovementReasonName::Damage => Self::Damage,
            MovementReasonName::Return => Self::Return,
            MovementReasonName::Sale => Self::Sale,
        }
    }
}

impl From<MovementReason> for MovementReasonName {
    fn from(reason: MovementReason) -> Self {
        match reason {
            MovementReason::Restock => Self::Restock,
            MovementReason::Correction => Self::Correction,
            MovementReason::Damage => Self::Damage,
            MovementReason::Return => Self::Return,
            MovementReason::Sale => Self::Sale,
        }
    }
}

/// One row of a product's stock ledger.
pub struct StockMovementNode(StockMovement);

#[Object(name = "StockMovement")]
impl StockMovementNode {
    /// Unique id (a UUID).
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    /// Units added (positive) or removed (negative).
    async fn delta(&self) -> i64 {
        self.0.delta
    }
    /// Why.
    async fn reason(&self) -> MovementReasonName {
        self.0.reason.into()
    }
    /// Free text from staff.
    async fn note(&self) -> Option<&str> {
        self.0.note.as_deref()
    }
    /// The staff user who made an adjustment; null for sales.
    async fn actor_id(&self) -> Option<ID> {
        self.0.actor_id.map(|id| ID(id.to_string()))
    }
    /// For a sale, the order it belongs to.
    async fn order_id(&self) -> Option<ID> {
        self.0.reference.map(|id| ID(id.to_string()))
    }
    /// On hand right after this movement.
    async fn on_hand_after(&self) -> i64 {
        self.0.on_hand_after
    }
    /// When it happened.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
}
