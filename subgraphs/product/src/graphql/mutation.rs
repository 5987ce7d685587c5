//! The root `Mutation` and its inputs.

use super::*;

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
    /// The price.
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
    /// A new name.
    pub name: Option<String>,
    /// A new description.
    pub description: Option<String>,
    /// A new price.
    pub price: Option<MoneyInput>,
    /// A new low-stock threshold.
    pub low_stock_threshold: Option<i64>,
    /// A new slug (made unique if taken).
    pub slug: Option<String>,
    /// A new brand; null clears it.
    pub brand: MaybeUndefined<String>,
    /// A new SKU; null clears it.
    pub sku: MaybeUndefined<String>,
    /// In the (new) price's currency; must be higher than the price.
    pub compare_at_price: MaybeUndefined<String>,
    /// Replaces all images.
    pub images: Option<Vec<ImageInput>>,
    /// A new shipping weight in grams.
    pub weight_grams: Option<i64>,
    /// Publish, archive or draft the product.
    pub status: Option<ProductStatusName>,
    /// Replaces all attributes.
    pub attributes: Option<Vec<AttributeInput>>,
}

pub(super) fn maybe(value: MaybeUndefined<String>) -> Option<Option<String>> {
    match value {
        MaybeUndefined::Undefined => None,
        MaybeUndefined::Null => Some(None),
        MaybeUndefined::Value(v) => Some(Some(v)),
    }
}

/// A stock adjustment by staff.
#[derive(InputObject)]
pub struct AdjustStockInput {
    /// The product whose stock changes.
    pub product_id: ID,
    /// Units to add (positive) or remove (negative).
    pub delta: i64,
    /// RESTOCK and RETURN need a positive delta, DAMAGE a negative one, CORRECTION either. SALE is recorded by orders only.
    pub reason: MovementReasonName,
    /// Up to 500 characters, kept in the ledger.
    pub note: Option<String>,
}

/// The root `Mutation` type.
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
