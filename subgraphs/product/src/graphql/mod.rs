//! The GraphQL adapter: the product subgraph's schema over [`Catalog`].
//!
//! - this file: `Product`, `Category`, stock, and the root fields;
//! - [`listing`]: the `products` filter, sorts, cursors and facets;
//! - [`reviews`]: `Review`, `User.reviews` and ratings.

mod listing;
mod reviews;

use std::collections::HashMap;
use std::sync::Arc;

use crate::error::Error;
use async_graphql::connection::{Connection, Edge};
use async_graphql::dataloader::{DataLoader, Loader};
use async_graphql::{
    Context, EmptySubscription, Enum, ID, InputObject, MaybeUndefined, Object, Schema, SimpleObject,
};
use chrono::{DateTime, Utc};
use platform::ApiError;
use platform::money::MoneyObject;
use uuid::Uuid;

use crate::catalog::Catalog;
use crate::catalog::ProductChanges;
use crate::domain::{
    AttributeValue, Category, DetailsInput, Image, MovementReason, NewProduct, NewReview, Product,
    ProductInput, ProductSort, ProductStatus, ReviewChanges, StockMovement, StockStatus,
};
use listing::{ProductFilterInput, ProductListInfo, ProductSortName, decode_cursor, encode_cursor};
use reviews::{
    AuthorReviewsLoader, RatingObject, ReviewListInfo, ReviewLoader, ReviewNode, ReviewPageLoader,
    ReviewSortName, UpdateReviewInput, UserRef, WriteReviewInput,
};

pub type ProductSchema = Schema<Query, Mutation, EmptySubscription>;

/// The schema with its data. Without `catalog` it is still complete enough to
/// export the SDL.
pub fn build_schema(catalog: Option<Arc<Catalog>>) -> ProductSchema {
    let mut builder = Schema::build(Query, Mutation, EmptySubscription)
        .enable_federation()
        .limit_depth(platform::server::MAX_DEPTH)
        .limit_complexity(platform::server::MAX_COMPLEXITY);
    if let Some(catalog) = catalog {
        builder = builder
            .data(platform::server::data_loader(ProductLoader(
                catalog.clone(),
            )))
            .data(platform::server::data_loader(MovementLoader(
                catalog.clone(),
            )))
            .data(platform::server::data_loader(CategoryLoader(
                catalog.clone(),
            )))
            .data(platform::server::data_loader(ChildrenLoader(
                catalog.clone(),
            )))
            .data(platform::server::data_loader(ProductCategoriesLoader(
                catalog.clone(),
            )))
            .data(platform::server::data_loader(ReviewLoader(catalog.clone())))
            .data(platform::server::data_loader(ReviewPageLoader(
                catalog.clone(),
            )))
            .data(platform::server::data_loader(AuthorReviewsLoader(
                catalog.clone(),
            )))
            .data(catalog);
    }
    builder.finish()
}

/// Batches product look-ups: all `Product` representations of one
/// `_entities` call cost one SQL statement.
pub struct ProductLoader(Arc<Catalog>);

impl Loader<Uuid> for ProductLoader {
    type Value = Product;
    type Error = ApiError;

    async fn load(&self, keys: &[Uuid]) -> Result<HashMap<Uuid, Product>, ApiError> {
        Ok(self.0.products_by_ids(keys).await?)
    }
}

fn catalog<'a>(ctx: &'a Context<'_>) -> Result<&'a Arc<Catalog>, ApiError> {
    ctx.data::<Arc<Catalog>>()
        .map_err(|_| ApiError::internal("Catalog missing from schema data"))
}

/// A product for sale.
pub struct ProductNode(pub Product);

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

    /// Visible reviews, as a cursor connection.
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

fn parse_attribute_inputs(
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

fn parse_uuid(id: &str, field: &'static str) -> Result<Uuid, ApiError> {
    Uuid::parse_str(id).map_err(|_| {
        ApiError::bad_input(format!("{field} must be a UUID")).with_detail("field", field)
    })
}

fn loader<'a, T: Send + Sync + 'static>(ctx: &'a Context<'_>) -> Result<&'a T, ApiError> {
    ctx.data::<T>()
        .map_err(|_| ApiError::internal("data loader missing from schema data"))
}

/// Batches category look-ups.
pub struct CategoryLoader(Arc<Catalog>);

impl Loader<Uuid> for CategoryLoader {
    type Value = Category;
    type Error = ApiError;

    async fn load(&self, keys: &[Uuid]) -> Result<HashMap<Uuid, Category>, ApiError> {
        Ok(self.0.categories(keys).await?)
    }
}

/// Batches `Category.children`.
pub struct ChildrenLoader(Arc<Catalog>);

impl Loader<Uuid> for ChildrenLoader {
    type Value = Vec<Category>;
    type Error = ApiError;

    async fn load(&self, keys: &[Uuid]) -> Result<HashMap<Uuid, Vec<Category>>, ApiError> {
        Ok(self.0.children(keys, false).await?)
    }
}

/// Batches `Product.categories`.
pub struct ProductCategoriesLoader(Arc<Catalog>);

impl Loader<Uuid> for ProductCategoriesLoader {
    type Value = Vec<Uuid>;
    type Error = ApiError;

    async fn load(&self, keys: &[Uuid]) -> Result<HashMap<Uuid, Vec<Uuid>>, ApiError> {
        Ok(self.0.categories_of(keys).await?)
    }
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

async fn require_staff(ctx: &Context<'_>) -> Result<(), ApiError> {
    platform::auth::principal(ctx)
        .await?
        .require_role(platform::auth::Role::Staff)
}

/// Whether the caller is staff; anonymous callers are not. An invalid token
/// is still an error.
async fn is_staff(ctx: &Context<'_>) -> Result<bool, ApiError> {
    Ok(platform::auth::optional_principal(ctx)
        .await?
        .is_some_and(|p| p.has_role(platform::auth::Role::Staff)))
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

/// Batches `Product.stockMovements`: one statement per page size asked.
pub struct MovementLoader(Arc<Catalog>);

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

pub struct Query;

#[Object]
impl Query {
    /// One product by id, or null if there is none. Drafts, archived and
    /// deleted products are null for everyone but staff.
    async fn product(&self, ctx: &Context<'_>, id: ID) -> Result<Option<ProductNode>, ApiError> {
        let Ok(id) = Uuid::parse_str(&id) else {
            return Err(ApiError::bad_input("id must be a UUID").with_detail("field", "id"));
        };
        let loader = ctx
            .data::<DataLoader<ProductLoader>>()
            .map_err(|_| ApiError::internal("ProductLoader missing"))?;
        let Some(product) = loader.load_one(id).await? else {
            return Ok(None);
        };
        if product.is_public() || is_staff(ctx).await? {
            Ok(Some(ProductNode(product)))
        } else {
            Ok(None)
        }
    }

    /// Products on sale as a Relay cursor connection, filtered and sorted
    /// (staff also see drafts and archived products). `first` defaults to 20
    /// and may be 0 to 100 (more is `BAD_USER_INPUT`); pass a page's
    /// `endCursor` as `after` for the next one. Cursors are opaque and stay
    /// valid while products are added: paging through returns every product
    /// that existed when paging began exactly once. `totalCount` and
    /// `facets` cover every page and are computed only when selected.
    async fn products(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Which products; all on sale when left out.")] filter: Option<
            ProductFilterInput,
        >,
        #[graphql(desc = "The order: RELEVANCE with a search, otherwise NEWEST, when left out.")]
        sort: Option<ProductSortName>,
        #[graphql(default = 20, desc = "Page size, 0 to 100.")] first: i32,
        #[graphql(desc = "Return products after this cursor (from the same sort order).")]
        after: Option<String>,
        #[graphql(
            desc = "Only products in this category or below it.",
            deprecation = "Use filter.categoryId."
        )]
        category_id: Option<ID>,
    ) -> Result<Connection<String, ProductNode, ProductListInfo>, ApiError> {
        let catalog = catalog(ctx)?;
        let after = after.as_deref().map(decode_cursor).transpose()?;
        let staff = is_staff(ctx).await?;
        let mut input = filter.unwrap_or_default();
        if input.category_id.is_none() {
            input.category_id = category_id;
        }
        let filter = input.parse(staff)?;
        let sort = sort
            .map(ProductSort::from)
            .unwrap_or(ProductSort::Relevance);
        let page = catalog
            .list(&filter, sort, first.into(), after.as_ref())
            .await?;
        let mut connection = Connection::with_additional_fields(
            after.is_some(),
            page.has_next_page,
            ProductListInfo {
                catalog: catalog.clone(),
                filter,
            },
        );
        connection.edges.extend(
            page.products
                .into_iter()
                .map(|(p, cursor)| Edge::new(encode_cursor(&cursor), ProductNode(p))),
        );
        Ok(connection)
    }

    /// One review by id, or null. Hidden reviews are visible only to their author and staff.
    async fn review(&self, ctx: &Context<'_>, id: ID) -> Result<Option<ReviewNode>, ApiError> {
        let id = parse_uuid(&id, "id")?;
        let Some(review) = loader::<DataLoader<ReviewLoader>>(ctx)?
            .load_one(id)
            .await?
        else {
            return Ok(None);
        };
        if review.hidden {
            let caller = platform::auth::optional_principal(ctx).await?;
            let allowed = caller.is_some_and(|c| {
                c.user_id == review.author_id || c.has_role(platform::auth::Role::Staff)
            });
            if !allowed {
                return Ok(None);
            }
        }
        Ok(Some(ReviewNode(review)))
    }

    /// Resolves `Review` references from other subgraphs, batched. Unknown,
    /// malformed and hidden ids resolve to null.
    #[graphql(entity)]
    async fn find_review_by_id(
        &self,
        ctx: &Context<'_>,
        #[graphql(key)] id: ID,
    ) -> Result<Option<ReviewNode>, ApiError> {
        let Ok(id) = Uuid::parse_str(&id) else {
            return Ok(None);
        };
        Ok(loader::<DataLoader<ReviewLoader>>(ctx)?
            .load_one(id)
            .await?
            .filter(|r| !r.hidden)
            .map(ReviewNode))
    }

    /// Resolves `User` references: the user subgraph owns users, this one
    /// adds `reviews`.
    #[graphql(entity)]
    async fn find_user_by_id(&self, #[graphql(key)] id: ID) -> Option<UserRef> {
        Uuid::parse_str(&id).ok().map(|id| UserRef { id })
    }

    /// The top-level categories, by name.
    async fn categories(&self, ctx: &Context<'_>) -> Result<Vec<CategoryNode>, ApiError> {
        let roots = catalog(ctx)?
            .children(&[], true)
            .await?
            .remove(&Uuid::nil())
            .unwrap_or_default();
        Ok(roots.into_iter().map(CategoryNode).collect())
    }

    /// One category, or null.
    async fn category(&self, ctx: &Context<'_>, id: ID) -> Result<Option<CategoryNode>, ApiError> {
        let id = parse_uuid(&id, "id")?;
        Ok(loader::<DataLoader<CategoryLoader>>(ctx)?
            .load_one(id)
            .await?
            .map(CategoryNode))
    }

    /// Resolves `Category` references from other subgraphs.
    #[graphql(entity)]
    async fn find_category_by_id(
        &self,
        ctx: &Context<'_>,
        #[graphql(key)] id: ID,
    ) -> Result<Option<CategoryNode>, ApiError> {
        let Ok(id) = Uuid::parse_str(&id) else {
            return Ok(None);
        };
        Ok(loader::<DataLoader<CategoryLoader>>(ctx)?
            .load_one(id)
            .await?
            .map(CategoryNode))
    }

    /// Resolves `Product` references from other subgraphs, batched. Unknown
    /// or malformed ids resolve to null rather than failing the batch.
    #[graphql(entity)]
    async fn find_product_by_id(
        &self,
        ctx: &Context<'_>,
        #[graphql(key)] id: ID,
    ) -> Result<Option<ProductNode>, ApiError> {
        let Ok(id) = Uuid::parse_str(&id) else {
            return Ok(None);
        };
        let loader = ctx
            .data::<DataLoader<ProductLoader>>()
            .map_err(|_| ApiError::internal("ProductLoader missing"))?;
        Ok(loader.load_one(id).await?.map(ProductNode))
    }
}

/// An exact amount of money given by a client.
#[derive(InputObject)]
pub struct MoneyInput {
    /// Decimal string in the currency's major unit, e.g. "19.99". More decimal places than the currency has are rejected, never rounded.
    pub amount: String,
    /// ISO 4217 currency code, e.g. "USD".
    pub currency: String,
}

/// A new product.
#[derive(InputObject)]
pub struct CreateProductInput {
    /// 1 to 200 characters.
    pub name: String,
    /// Up to 20000 characters.
    pub description: Option<String>,
    pub price: MoneyInput,
    /// Initial units in stock, 0 or more.
    #[graphql(default)]
    pub stock: i64,
    /// At or below this many available units the product shows LOW_STOCK (default 5).
    pub low_stock_threshold: Option<i64>,
    /// URL-safe unique name; made from the name when left out.
    pub slug: Option<String>,
    /// Up to 100 characters.
    pub brand: Option<String>,
    /// Stock-keeping unit, unique, up to 64 characters.
    pub sku: Option<String>,
    /// Earlier price shown struck through, in the price's currency; must be higher than the price.
    pub compare_at_price: Option<String>,
    /// Up to 20 images, in display order.
    #[graphql(default)]
    pub images: Vec<ImageInput>,
    /// Shipping weight in grams, 0 to 1000000.
    #[graphql(default)]
    pub weight_grams: i64,
    /// ACTIVE (the default) or DRAFT to prepare it unseen.
    pub status: Option<ProductStatusName>,
    /// Typed specifications (at most 50) that listings filter on.
    #[graphql(default)]
    pub attributes: Vec<AttributeInput>,
}

/// Changes to a product: leave a field out to keep it; send null to clear brand, sku or compareAtPrice.
#[derive(InputObject)]
pub struct UpdateProductInput {
    pub name: Option<String>,
    pub description: Option<String>,
    pub price: Option<MoneyInput>,
    pub low_stock_threshold: Option<i64>,
    pub slug: Option<String>,
    pub brand: MaybeUndefined<String>,
    pub sku: MaybeUndefined<String>,
    /// In the (new) price's currency; must be higher than the price.
    pub compare_at_price: MaybeUndefined<String>,
    /// Replaces all images.
    pub images: Option<Vec<ImageInput>>,
    pub weight_grams: Option<i64>,
    pub status: Option<ProductStatusName>,
    /// Replaces all attributes.
    pub attributes: Option<Vec<AttributeInput>>,
}

fn maybe(value: MaybeUndefined<String>) -> Option<Option<String>> {
    match value {
        MaybeUndefined::Undefined => None,
        MaybeUndefined::Null => Some(None),
        MaybeUndefined::Value(v) => Some(Some(v)),
    }
}

/// A stock adjustment by staff.
#[derive(InputObject)]
pub struct AdjustStockInput {
    pub product_id: ID,
    /// Units to add (positive) or remove (negative).
    pub delta: i64,
    /// RESTOCK and RETURN need a positive delta, DAMAGE a negative one, CORRECTION either. SALE is recorded by orders only.
    pub reason: MovementReasonName,
    /// Up to 500 characters, kept in the ledger.
    pub note: Option<String>,
}

pub struct Mutation;

#[Object]
impl Mutation {
    /// Adds a product to the catalog. Requires the STAFF role (`FORBIDDEN`
    /// otherwise). Invalid input gives `BAD_USER_INPUT` with `extensions.field`.
    async fn create_product(
        &self,
        ctx: &Context<'_>,
        input: CreateProductInput,
    ) -> Result<ProductNode, ApiError> {
        let caller = platform::auth::principal(ctx).await?;
        let product = NewProduct::from_input(&ProductInput {
            name: input.name,
            description: input.description,
            price_amount: input.price.amount,
            currency: input.price.currency,
            stock: input.stock,
            low_stock_threshold: input.low_stock_threshold,
            details: DetailsInput {
                slug: input.slug,
                brand: input.brand,
                sku: input.sku,
                compare_at_amount: input.compare_at_price,
                images: input.images.into_iter().map(Into::into).collect(),
                weight_grams: input.weight_grams,
                attributes: parse_attribute_inputs(input.attributes)?,
            },
            status: input.status.map(Into::into),
        })?;
        Ok(ProductNode(
            catalog(ctx)?.create_product(caller, product).await?,
        ))
    }

    /// Changes a product; fields left out stay as they are. STAFF only.
    /// `CONFLICT` (with `extensions.field`) when the slug or SKU is taken.
    async fn update_product(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: UpdateProductInput,
    ) -> Result<ProductNode, ApiError> {
        let caller = platform::auth::principal(ctx).await?;
        let id = Uuid::parse_str(&id)
            .map_err(|_| ApiError::bad_input("id must be a UUID").with_detail("field", "id"))?;
        let changes = ProductChanges {
            name: input.name,
            description: input.description,
            price: input.price.map(|p| (p.amount, p.currency)),
            low_stock_threshold: input.low_stock_threshold,
            slug: input.slug,
            brand: maybe(input.brand),
            sku: maybe(input.sku),
            compare_at_amount: maybe(input.compare_at_price),
            images: input
                .images
                .map(|images| images.into_iter().map(Into::into).collect()),
            weight_grams: input.weight_grams,
            status: input.status.map(Into::into),
            attributes: input.attributes.map(parse_attribute_inputs).transpose()?,
        };
        Ok(ProductNode(
            catalog(ctx)?.update_product(caller, id, changes).await?,
        ))
    }

    /// Creates a category, at the top or under `parentId`. STAFF only. The
    /// slug is made from the name when left out; a taken slug is `CONFLICT`.
    async fn create_category(
        &self,
        ctx: &Context<'_>,
        name: String,
        slug: Option<String>,
        parent_id: Option<ID>,
    ) -> Result<CategoryNode, ApiError> {
        let caller = platform::auth::principal(ctx).await?;
        let parent = parent_id
            .as_ref()
            .map(|id| parse_uuid(id, "parentId"))
            .transpose()?;
        Ok(CategoryNode(
            catalog(ctx)?
                .create_category(caller, &name, slug.as_deref(), parent)
                .await?,
        ))
    }

    /// Renames a category (and optionally changes its slug). STAFF only.
    async fn rename_category(
        &self,
        ctx: &Context<'_>,
        id: ID,
        name: String,
        slug: Option<String>,
    ) -> Result<CategoryNode, ApiError> {
        let caller = platform::auth::principal(ctx).await?;
        Ok(CategoryNode(
            catalog(ctx)?
                .rename_category(caller, parse_uuid(&id, "id")?, &name, slug.as_deref())
                .await?,
        ))
    }

    /// Moves a category under another, or to the top when `parentId` is
    /// null. Under itself or a descendant is `BAD_USER_INPUT`. STAFF only.
    async fn move_category(
        &self,
        ctx: &Context<'_>,
        id: ID,
        parent_id: Option<ID>,
    ) -> Result<CategoryNode, ApiError> {
        let caller = platform::auth::principal(ctx).await?;
        let parent = parent_id
            .as_ref()
            .map(|p| parse_uuid(p, "parentId"))
            .transpose()?;
        Ok(CategoryNode(
            catalog(ctx)?
                .move_category(caller, parse_uuid(&id, "id")?, parent)
                .await?,
        ))
    }

    /// Lists a product in exactly these categories (at most 50). STAFF only.
    async fn set_product_categories(
        &self,
        ctx: &Context<'_>,
        product_id: ID,
        category_ids: Vec<ID>,
    ) -> Result<ProductNode, ApiError> {
        let caller = platform::auth::principal(ctx).await?;
        let product_id = parse_uuid(&product_id, "productId")?;
        let ids = category_ids
            .iter()
            .map(|id| parse_uuid(id, "categoryIds"))
            .collect::<Result<Vec<_>, _>>()?;
        let catalog = catalog(ctx)?;
        catalog
            .set_product_categories(caller, product_id, &ids)
            .await?;
        Ok(ProductNode(catalog.product(product_id).await?))
    }

    /// Takes a product off sale: customers no longer see it or can buy it;
    /// orders that contain it still show it. STAFF only.
    async fn archive_product(&self, ctx: &Context<'_>, id: ID) -> Result<ProductNode, ApiError> {
        let caller = platform::auth::principal(ctx).await?;
        let id = Uuid::parse_str(&id)
            .map_err(|_| ApiError::bad_input("id must be a UUID").with_detail("field", "id"))?;
        Ok(ProductNode(
            catalog(ctx)?.archive_product(caller, id).await?,
        ))
    }

    /// Deletes a product softly: it leaves every listing and cannot be
    /// bought, but orders that contain it still resolve it. STAFF only.
    async fn delete_product(&self, ctx: &Context<'_>, id: ID) -> Result<bool, ApiError> {
        let caller = platform::auth::principal(ctx).await?;
        let id = Uuid::parse_str(&id)
            .map_err(|_| ApiError::bad_input("id must be a UUID").with_detail("field", "id"))?;
        catalog(ctx)?.delete_product(caller, id).await?;
        Ok(true)
    }

    /// Writes your review of a product on sale (signed-in users). One per
    /// product: a second is `CONFLICT`. `verifiedPurchase` is set when the
    /// order service confirms you bought it.
    async fn write_review(
        &self,
        ctx: &Context<'_>,
        input: WriteReviewInput,
    ) -> Result<ReviewNode, ApiError> {
        let caller = platform::auth::principal(ctx).await?;
        let product_id = parse_uuid(&input.product_id, "productId")?;
        let review = NewReview::parse(input.rating, &input.title, &input.body)?;
        Ok(ReviewNode(
            catalog(ctx)?
                .write_review(caller, product_id, review)
                .await?,
        ))
    }

    /// Edits your own review (`FORBIDDEN` for anyone else's).
    async fn update_review(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: UpdateReviewInput,
    ) -> Result<ReviewNode, ApiError> {
        let caller = platform::auth::principal(ctx).await?;
        let id = parse_uuid(&id, "id")?;
        let changes =
            ReviewChanges::parse(input.rating, input.title.as_deref(), input.body.as_deref())?;
        Ok(ReviewNode(
            catalog(ctx)?.update_review(caller, id, changes).await?,
        ))
    }

    /// Deletes your own review; staff may delete any.
    async fn delete_review(&self, ctx: &Context<'_>, id: ID) -> Result<bool, ApiError> {
        let caller = platform::auth::principal(ctx).await?;
        catalog(ctx)?
            .delete_review(caller, parse_uuid(&id, "id")?)
            .await?;
        Ok(true)
    }

    /// Hides a review from listings and the rating (or shows it again with
    /// `hidden: false`). STAFF only.
    async fn hide_review(
        &self,
        ctx: &Context<'_>,
        id: ID,
        #[graphql(default = true)] hidden: bool,
    ) -> Result<ReviewNode, ApiError> {
        let caller = platform::auth::principal(ctx).await?;
        Ok(ReviewNode(
            catalog(ctx)?
                .set_review_hidden(caller, parse_uuid(&id, "id")?, hidden)
                .await?,
        ))
    }

    /// Adds or removes stock with a reason, writing a ledger row. STAFF only.
    /// On hand may not drop below zero or below the units reserved
    /// (`BAD_USER_INPUT` on `delta`).
    async fn adjust_stock(
        &self,
        ctx: &Context<'_>,
        input: AdjustStockInput,
    ) -> Result<ProductNode, ApiError> {
        let caller = platform::auth::principal(ctx).await?;
        let product_id = Uuid::parse_str(&input.product_id).map_err(|_| {
            ApiError::bad_input("productId must be a UUID").with_detail("field", "productId")
        })?;
        let product = catalog(ctx)?
            .adjust_stock(
                caller,
                product_id,
                input.delta,
                input.reason.into(),
                input.note.as_deref(),
            )
            .await?;
        Ok(ProductNode(product))
    }
}
