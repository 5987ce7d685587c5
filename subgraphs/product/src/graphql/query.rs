//! The root `Query`, with the entity resolvers for `Product`, `Category`
//! and `Review`.

use super::*;

/// The root `Query` type, with the entity resolvers.
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
    #[graphql(complexity = "platform::limits::list_cost(first, child_complexity)")]
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
        let facets_selected = ctx.look_ahead().field("facets").exists();
        let page = catalog
            .list_faceted(&filter, sort, first.into(), after.as_ref(), facets_selected)
            .await?;
        let mut connection = Connection::with_additional_fields(
            after.is_some(),
            page.has_next_page,
            ProductListInfo::new(
                catalog.clone(),
                page.filter,
                page.count,
                page.facets,
                facets_selected,
            ),
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
        let Some(product) = loader.load_one(id).await? else {
            return Ok(None);
        };
        // A draft was never on sale, so no order or wishlist can rightly
        // refer to it: only staff resolve it. Archived and deleted products
        // still resolve, for the orders that bought them.
        if product.status == crate::domain::ProductStatus::Draft && !is_staff(ctx).await? {
            return Ok(None);
        }
        Ok(Some(ProductNode(product)))
    }
}
