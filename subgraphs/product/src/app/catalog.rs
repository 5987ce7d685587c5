//! The catalog use cases, shared by the GraphQL and gRPC adapters.

use std::collections::HashMap;
use std::sync::Arc;

use platform::auth::{Principal, Role};
use uuid::Uuid;

use crate::domain::{
    AttributeValue, Availability, Category, DetailsInput, Image, MovementReason, NewProduct,
    NewReview, Product, ProductDetails, ProductFilter, ProductSort, ProductStatus, Reservation,
    ReservationStatus, Review, ReviewChanges, StockMovement, price_changed, reservation_lines,
    reservation_ttl,
};
use crate::error::{Error, Result};
use crate::ports::{NoPurchases, PurchaseHistory, SearchEngine};
use crate::store::{Facets, ListCursor, MatchCount, ProductCache, ProductStore, ReviewPageRequest};

/// Largest page a listing returns; larger `first` values are capped to it.
pub const MAX_PAGE_SIZE: i64 = 100;

/// Most ids one batch call (gRPC or loader) may ask for.
pub const MAX_BATCH: usize = 1_000;

fn category_name(raw: &str) -> Result<String> {
    let name = raw.trim();
    if name.is_empty() || name.chars().count() > 100 || name.chars().any(char::is_control) {
        return Err(Error::invalid(
            "name",
            "name must be 1 to 100 printable characters",
        ));
    }
    Ok(name.to_string())
}

/// Requested product changes: `None` keeps a field. For brand, SKU and the
/// compare-at price, `Some(None)` clears it.
#[derive(Debug, Clone, Default)]
pub struct ProductChanges {
    /// A new name.
    pub name: Option<String>,
    /// A new description.
    pub description: Option<String>,
    /// `(amount, currency)`.
    pub price: Option<(String, String)>,
    /// A new low-stock threshold.
    pub low_stock_threshold: Option<i64>,
    /// A new slug (made unique if taken).
    pub slug: Option<String>,
    /// A new brand; `Some(None)` clears it.
    pub brand: Option<Option<String>>,
    /// A new SKU; `Some(None)` clears it.
    pub sku: Option<Option<String>>,
    /// A new compare-at amount; `Some(None)` clears it.
    pub compare_at_amount: Option<Option<String>>,
    /// Replaces all images.
    pub images: Option<Vec<Image>>,
    /// A new shipping weight.
    pub weight_grams: Option<i64>,
    /// Publishes, archives or drafts the product.
    pub status: Option<ProductStatus>,
    /// Replaces all attributes.
    pub attributes: Option<Vec<(String, AttributeValue)>>,
}

/// One page of a listing: each product with its cursor.
#[derive(Debug, Clone)]
pub struct ProductPage {
    /// The products, each with its cursor.
    pub products: Vec<(Product, ListCursor)>,
    /// Whether more products follow.
    pub has_next_page: bool,
    /// The filter as the page ran it (its category resolved): pass it to
    /// [`Catalog::count`] and [`Catalog::facets`], which then need no
    /// second look at the category tree.
    pub filter: ProductFilter,
    /// How many products match, when the page's statement counted them
    /// (the first page of a search by relevance, which reads every match
    /// to rank them, or any page the search engine found): then
    /// [`Catalog::count`] is not needed.
    pub count: Option<MatchCount>,
    /// The facets, when [`Catalog::list_faceted`] asked for them and the
    /// search engine counted them with the page: then [`Catalog::facets`]
    /// is not needed.
    pub facets: Option<Facets>,
}

/// One page of a product's reviews, each with its `(sort key, id)` place.
#[derive(Debug, Clone, Default)]
pub struct ReviewPage {
    /// The reviews, each with its place.
    pub reviews: Vec<(Review, (i64, Uuid))>,
    /// Whether more reviews follow.
    pub has_next_page: bool,
}

/// The catalog use cases: products, categories, search and listing, stock
/// and its reservations, and reviews. GraphQL and gRPC both call these.
pub struct Catalog {
    store: ProductStore,
    cache: ProductCache,
    purchases: Arc<dyn PurchaseHistory>,
    /// Answers searches, counts and facets when it can (PostgreSQL does
    /// otherwise).
    search: Option<Arc<dyn SearchEngine>>,
}

impl Catalog {
    /// A catalog without a cache or purchase history (tools, demo data).
    pub fn new(store: ProductStore) -> Self {
        Self::with(store, ProductCache::disabled(), Arc::new(NoPurchases))
    }

    /// A catalog with a cache and the order service's purchase history.
    pub fn with(
        store: ProductStore,
        cache: ProductCache,
        purchases: Arc<dyn PurchaseHistory>,
    ) -> Self {
        Self {
            store,
            cache,
            purchases,
            search: None,
        }
    }

    /// The catalog with a search engine for its listings.
    pub fn searching_with(mut self, engine: Arc<dyn SearchEngine>) -> Self {
        self.search = Some(engine);
        self
    }

    /// Tells the search engine that products changed here.
    fn search_changed(&self) {
        if let Some(engine) = &self.search {
            engine.changed();
        }
    }

    /// What the search engine answers, or `None` (no engine, it cannot
    /// answer, or it failed: then PostgreSQL answers).
    async fn ask_engine<'a, T>(
        &self,
        ask: impl FnOnce(
            Arc<dyn SearchEngine>,
        ) -> futures::future::BoxFuture<'a, anyhow::Result<Option<T>>>,
    ) -> Option<T> {
        let engine = self.search.clone()?;
        match ask(engine).await {
            Ok(answer) => answer,
            Err(e) => {
                tracing::warn!(error = %e, "search index failed; PostgreSQL answers");
                None
            }
        }
    }

    /// A page of a listing from the engine: its hits read by id (from the
    /// cache when there), in the engine's order, with the count and (when
    /// asked) the facets of the same pass. A hit the engine has not yet
    /// seen deleted or hidden is left out.
    async fn engine_page(
        &self,
        filter: &ProductFilter,
        sort: ProductSort,
        after: Option<&ListCursor>,
        limit: i64,
        facets: bool,
    ) -> Result<Option<crate::store::ListedPage>> {
        let Some(page) = self
            .ask_engine(|e| e.page(filter, sort, after, limit as usize, facets))
            .await
        else {
            return Ok(None);
        };
        let ids: Vec<Uuid> = page.hits.iter().map(|(id, _)| *id).collect();
        let mut found = self.products_by_ids(&ids).await?;
        let products = page
            .hits
            .into_iter()
            .filter_map(|(id, key)| found.remove(&id).map(|p| (p, key)))
            .filter(|(p, _)| {
                p.deleted_at.is_none()
                    && (filter.include_hidden || p.status == crate::domain::ProductStatus::Active)
            })
            .collect();
        Ok(Some(crate::store::ListedPage {
            products,
            count: Some(page.count),
            facets: page.facets,
        }))
    }

    /// The store, for tools and tests.
    pub fn store(&self) -> &ProductStore {
        &self.store
    }

    /// The product cache (its counters are exported on `/metrics`).
    pub fn cache(&self) -> &ProductCache {
        &self.cache
    }

    /// Creates a product. Only staff (and admins) may.
    pub async fn create_product(&self, caller: &Principal, product: NewProduct) -> Result<Product> {
        caller.require_role(Role::Staff)?;
        self.insert_with_unique_slug(Uuid::now_v7(), product, Some(caller.user_id))
            .await
    }

    /// Creates a product with a chosen id, for demo data.
    pub async fn create_product_with_id(&self, id: Uuid, product: NewProduct) -> Result<Product> {
        self.insert_with_unique_slug(id, product, None).await
    }

    /// A slug made from the name gets the id's first characters appended
    /// when another product has it; a slug staff chose is a conflict.
    async fn insert_with_unique_slug(
        &self,
        id: Uuid,
        mut product: NewProduct,
        created_by: Option<Uuid>,
    ) -> Result<Product> {
        let inserted = match self.store.insert(id, &product, created_by).await {
            Err(Error::Conflict { field: "slug", .. }) if product.details.slug_generated => {
                let suffix = &id.simple().to_string()[24..];
                product.details.slug = format!(
                    "{}-{suffix}",
                    product.details.slug.chars().take(67).collect::<String>()
                );
                self.store.insert(id, &product, created_by).await
            }
            other => other,
        };
        if inserted.is_ok() {
            self.search_changed();
        }
        inserted
    }

    /// One product, from the cache when it is there; `NOT_FOUND` otherwise.
    pub async fn product(&self, id: Uuid) -> Result<Product> {
        self.store
            .by_ids(&[id])
            .await?
            .into_iter()
            .next()
            .ok_or(Error::NotFound)
    }

    /// Records a paid order's lines for its customer, inside the event
    /// consumer's transaction (co-purchases and purchase history).
    pub async fn record_purchase(
        &self,
        tx: &mut sqlx::PgConnection,
        user_id: Uuid,
        lines: &[(Uuid, i64)],
    ) -> Result<()> {
        self.store.record_purchase(tx, user_id, lines).await
    }

    /// For each of `products`, up to `limit` products on sale that were most
    /// often bought in the same order (two statements for any number).
    pub async fn bought_together(
        &self,
        products: &[Uuid],
        limit: i64,
    ) -> Result<HashMap<Uuid, Vec<Product>>> {
        let ids = self.store.bought_together(products, limit).await?;
        let all: Vec<Uuid> = ids
            .values()
            .flatten()
            .copied()
            .collect::<std::collections::HashSet<_>>()
            .into_iter()
            .collect();
        let found = self.products_by_ids(&all).await?;
        Ok(ids
            .into_iter()
            .map(|(product, others)| {
                let others = others
                    .iter()
                    .filter_map(|id| found.get(id).cloned())
                    .collect();
                (product, others)
            })
            .collect())
    }

    /// Personal recommendations for `user_id`: products often bought with
    /// what they bought, then best sellers; never what they already bought.
    /// Only the user themselves (or staff) may ask.
    pub async fn recommendations(
        &self,
        caller: &Principal,
        user_id: Uuid,
        first: i64,
    ) -> Result<Vec<Product>> {
        if caller.user_id != user_id && caller.require_role(Role::Staff).is_err() {
            return Err(Error::Forbidden(
                "recommendations are visible to their user only".into(),
            ));
        }
        if !(1..=MAX_PAGE_SIZE).contains(&first) {
            return Err(Error::invalid("first", "first must be between 1 and 100"));
        }
        let ids = self.store.recommendations(user_id, first).await?;
        let found = self.products_by_ids(&ids).await?;
        Ok(ids.iter().filter_map(|id| found.get(id).cloned()).collect())
    }

    /// As [`Catalog::products_by_ids`], read from the database alone: for
    /// answers that must be authoritative (prices and stock at checkout).
    pub async fn products_by_ids_uncached(&self, ids: &[Uuid]) -> Result<HashMap<Uuid, Product>> {
        check_batch(ids)?;
        Ok(self
            .store
            .by_ids(ids)
            .await?
            .into_iter()
            .map(|product| (product.id, product))
            .collect())
    }

    /// The products among `ids` that exist, in one statement.
    pub async fn products_by_ids(&self, ids: &[Uuid]) -> Result<HashMap<Uuid, Product>> {
        check_batch(ids)?;
        // Cache-aside: Redis first, then one statement for the rest.
        let mut found = self.cache.get_products(ids).await;
        let missing: Vec<Uuid> = ids
            .iter()
            .filter(|id| !found.contains_key(id))
            .copied()
            .collect();
        if !missing.is_empty() {
            let loaded = self.store.by_ids(&missing).await?;
            self.cache.put_products(&loaded).await;
            found.extend(loaded.into_iter().map(|p| (p.id, p)));
        }
        Ok(found)
    }

    /// Forgets the cached copies of products after a change to them.
    async fn changed(&self, ids: &[Uuid]) {
        self.search_changed();
        self.cache.invalidate_products(ids).await;
    }

    /// A page of the products `filter` matches, in `sort` order, after
    /// `after`. `first` is 0 to [`MAX_PAGE_SIZE`]. A cursor from another
    /// sort order is `BAD_USER_INPUT`.
    pub async fn list(
        &self,
        filter: &ProductFilter,
        sort: ProductSort,
        first: i64,
        after: Option<&ListCursor>,
    ) -> Result<ProductPage> {
        self.list_faceted(filter, sort, first, after, false).await
    }

    /// [`Catalog::list`], and with `facets` the page's facets too when the
    /// search engine can count them in the pass that finds the page
    /// ([`ProductPage::facets`]; otherwise ask [`Catalog::facets`]).
    pub async fn list_faceted(
        &self,
        filter: &ProductFilter,
        sort: ProductSort,
        first: i64,
        after: Option<&ListCursor>,
        facets: bool,
    ) -> Result<ProductPage> {
        if !(0..=MAX_PAGE_SIZE).contains(&first) {
            return Err(Error::invalid(
                "first",
                format!("first must be between 0 and {MAX_PAGE_SIZE}"),
            ));
        }
        let filter = self.resolved(filter).await?;
        let sort = sort.effective(&filter);
        if after.is_some_and(|cursor| cursor.sort != sort) {
            return Err(Error::invalid(
                "after",
                "after is a cursor of another sort order",
            ));
        }
        let page = match self
            .engine_page(&filter, sort, after, first + 1, facets)
            .await?
        {
            Some(page) => page,
            None => self.store.search(&filter, sort, after, first + 1).await?,
        };
        let mut rows = page.products;
        let has_next_page = rows.len() as i64 > first;
        rows.truncate(first as usize);
        Ok(ProductPage {
            products: rows
                .into_iter()
                .map(|(product, key)| {
                    let cursor = ListCursor {
                        sort,
                        key,
                        id: product.id,
                    };
                    (product, cursor)
                })
                .collect(),
            has_next_page,
            filter,
            count: page.count,
            facets: page.facets,
        })
    }

    /// How many products `filter` matches, up to [`crate::store::COUNT_LIMIT`].
    pub async fn count(&self, filter: &ProductFilter) -> Result<MatchCount> {
        let filter = self.resolved(filter).await?;
        if let Some(count) = self.ask_engine(|e| e.count(&filter)).await {
            return Ok(count);
        }
        self.store.count_matching(&filter).await
    }

    /// What a search for `text` was read as when it needed the typo
    /// tolerance (see [`ProductStore::search_correction`]).
    pub async fn search_correction(&self, text: &str) -> Result<Option<String>> {
        if let Some(corrected) = self.ask_engine(|e| e.correction(text)).await {
            return Ok(corrected);
        }
        self.store.search_correction(text).await
    }

    /// Category, brand and price facets over what `filter` matches: every
    /// match from the search engine, up to [`crate::store::FACET_LIMIT`]
    /// from PostgreSQL (a filter on attributes).
    pub async fn facets(&self, filter: &ProductFilter) -> Result<Facets> {
        let filter = self.resolved(filter).await?;
        if let Some(facets) = self.ask_engine(|e| e.facets(&filter)).await {
            return Ok(facets);
        }
        self.store.facets(&filter).await
    }

    /// The plans of a listing's statements (see
    /// [`ProductStore::explain_listing`]), with the filter resolved as the
    /// listing resolves it.
    pub async fn explain_listing(
        &self,
        filter: &ProductFilter,
        sort: ProductSort,
    ) -> Result<Vec<serde_json::Value>> {
        self.store
            .explain_listing(&self.resolved(filter).await?, sort)
            .await
    }

    /// `filter` with its category resolved to that category and every one
    /// below it, from the cached tree; `BAD_USER_INPUT` for an unknown
    /// category. A filter resolved before is returned as it is.
    async fn resolved(&self, filter: &ProductFilter) -> Result<ProductFilter> {
        let mut filter = filter.clone();
        if let Some(root) = filter.category
            && filter.category_ids.is_empty()
        {
            let tree = self.category_tree().await?;
            if !tree.iter().any(|c| c.id == root) {
                return Err(Error::invalid("categoryId", "no such category"));
            }
            let mut below = vec![root];
            let mut next = 0;
            while next < below.len() {
                let parent = below[next];
                below.extend(
                    tree.iter()
                        .filter(|c| c.parent_id == Some(parent))
                        .map(|c| c.id),
                );
                next += 1;
            }
            filter.category_ids = below;
        }
        Ok(filter)
    }

    // ---- categories

    /// The whole category tree, from the cache when it is there.
    async fn category_tree(&self) -> Result<Vec<Category>> {
        if let Some(tree) = self.cache.get_tree().await {
            return Ok(tree);
        }
        let tree = self.store.category_tree().await?;
        self.cache.put_tree(&tree).await;
        Ok(tree)
    }

    /// Categories by id, from the cached tree.
    pub async fn categories(&self, ids: &[Uuid]) -> Result<HashMap<Uuid, Category>> {
        Ok(self
            .category_tree()
            .await?
            .into_iter()
            .filter(|c| ids.contains(&c.id))
            .map(|c| (c.id, c))
            .collect())
    }

    /// Children of each parent, by name; with `roots`, also the top level
    /// (keyed by the nil id).
    pub async fn children(
        &self,
        parents: &[Uuid],
        roots: bool,
    ) -> Result<HashMap<Uuid, Vec<Category>>> {
        let mut by_parent: HashMap<Uuid, Vec<Category>> =
            parents.iter().map(|p| (*p, Vec::new())).collect();
        // The tree comes sorted by name, so each list is too.
        for category in self.category_tree().await? {
            match category.parent_id {
                Some(parent) if parents.contains(&parent) => {
                    by_parent.entry(parent).or_default().push(category)
                }
                None if roots => by_parent.entry(Uuid::nil()).or_default().push(category),
                _ => {}
            }
        }
        Ok(by_parent)
    }

    /// Creates a category under `parent_id` (staff only).
    pub async fn create_category(
        &self,
        caller: &Principal,
        name: &str,
        slug: Option<&str>,
        parent_id: Option<Uuid>,
    ) -> Result<Category> {
        caller.require_role(Role::Staff)?;
        let name = category_name(name)?;
        let slug = match slug {
            Some(s) => crate::domain::parse_slug(s)?,
            None => crate::domain::slugify(&name),
        };
        let id = Uuid::now_v7();
        self.store
            .insert_category(id, parent_id, &name, &slug)
            .await?;
        self.cache.invalidate_tree().await;
        self.category(id).await
    }

    /// Renames a category, and its slug if given (staff only).
    pub async fn rename_category(
        &self,
        caller: &Principal,
        id: Uuid,
        name: &str,
        slug: Option<&str>,
    ) -> Result<Category> {
        caller.require_role(Role::Staff)?;
        let name = category_name(name)?;
        let slug = slug.map(crate::domain::parse_slug).transpose()?;
        if !self
            .store
            .rename_category(id, &name, slug.as_deref())
            .await?
        {
            return Err(Error::UnknownCategory(id));
        }
        self.cache.invalidate_tree().await;
        self.category(id).await
    }

    /// Moves a category under another (or to the top with `None`). Moving it
    /// under itself or one of its descendants is `BAD_USER_INPUT`.
    pub async fn move_category(
        &self,
        caller: &Principal,
        id: Uuid,
        parent_id: Option<Uuid>,
    ) -> Result<Category> {
        caller.require_role(Role::Staff)?;
        if !self.store.move_category(id, parent_id).await? {
            self.category(id).await?;
            return Err(Error::invalid(
                "parentId",
                "a category cannot move under itself or one of its descendants",
            ));
        }
        self.cache.invalidate_tree().await;
        // Products are indexed with their categories' ancestors.
        self.search_changed();
        self.category(id).await
    }

    async fn category(&self, id: Uuid) -> Result<Category> {
        self.categories(&[id])
            .await?
            .remove(&id)
            .ok_or(Error::UnknownCategory(id))
    }

    /// Puts a product in exactly these categories. STAFF only.
    pub async fn set_product_categories(
        &self,
        caller: &Principal,
        product_id: Uuid,
        categories: &[Uuid],
    ) -> Result<()> {
        caller.require_role(Role::Staff)?;
        if categories.len() > 50 {
            return Err(Error::invalid(
                "categoryIds",
                "at most 50 categories per product",
            ));
        }
        self.product(product_id).await?;
        let mut unique = categories.to_vec();
        unique.sort();
        unique.dedup();
        self.store
            .set_product_categories(product_id, &unique)
            .await?;
        self.search_changed();
        Ok(())
    }

    /// Each product's category ids, in one query.
    pub async fn categories_of(&self, products: &[Uuid]) -> Result<HashMap<Uuid, Vec<Uuid>>> {
        self.store.categories_of(products).await
    }

    /// Changes a product's fields; what `changes` leaves out stays. STAFF only.
    pub async fn update_product(
        &self,
        caller: &Principal,
        id: Uuid,
        changes: ProductChanges,
    ) -> Result<Product> {
        caller.require_role(Role::Staff)?;
        let current = self
            .store
            .by_ids(&[id])
            .await?
            .into_iter()
            .find(|p| p.deleted_at.is_none())
            .ok_or(Error::NotFound)?;
        let name = changes.name.unwrap_or_else(|| current.name.clone());
        let description = changes
            .description
            .unwrap_or_else(|| current.description.clone());
        let (amount, currency) = match changes.price {
            Some((amount, currency)) => (amount, currency),
            None => (
                current.price.amount_string(),
                current.price.currency.to_string(),
            ),
        };
        let mut product = NewProduct::parse(
            &name,
            Some(&description),
            &amount,
            &currency,
            current.on_hand,
        )?
        .with_low_stock_threshold(
            changes
                .low_stock_threshold
                .unwrap_or(current.low_stock_threshold),
        )?;
        let old = &current.details;
        let compare_at = match changes.compare_at_amount {
            Some(value) => value,
            // Keep the old compare-at price, re-checked against the new price.
            None => old.compare_at_minor.map(|minor| {
                platform::money::Money::from_minor(minor, current.price.currency.clone())
                    .amount_string()
            }),
        };
        let details = DetailsInput {
            slug: Some(changes.slug.unwrap_or_else(|| old.slug.clone())),
            brand: changes.brand.unwrap_or_else(|| old.brand.clone()),
            sku: changes.sku.unwrap_or_else(|| old.sku.clone()),
            compare_at_amount: compare_at,
            images: changes.images.unwrap_or_else(|| old.images.clone()),
            weight_grams: changes.weight_grams.unwrap_or(old.weight_grams),
            attributes: changes
                .attributes
                .unwrap_or_else(|| old.attributes.clone().into_iter().collect()),
        };
        product.details = ProductDetails::parse(&details, &product.name, &product.price)?;
        product.status = changes.status.unwrap_or(current.status);
        let updated = self
            .store
            .update(id, &product, |updated| price_changed(&current, updated))
            .await?;
        self.changed(&[id]).await;
        Ok(updated)
    }

    /// Takes a product off sale (status ARCHIVED). STAFF only.
    pub async fn archive_product(&self, caller: &Principal, id: Uuid) -> Result<Product> {
        self.update_product(
            caller,
            id,
            ProductChanges {
                status: Some(ProductStatus::Archived),
                ..Default::default()
            },
        )
        .await
    }

    /// Soft-deletes a product. STAFF only. Existing orders still resolve it.
    pub async fn delete_product(&self, caller: &Principal, id: Uuid) -> Result<()> {
        caller.require_role(Role::Staff)?;
        if self.store.soft_delete(id).await? {
            self.changed(&[id]).await;
            Ok(())
        } else {
            Err(Error::NotFound)
        }
    }

    /// Whether each `(product, quantity)` can be sold now, in request order.
    /// Reserves nothing.
    pub async fn check_availability(&self, items: &[(Uuid, i64)]) -> Result<Vec<Availability>> {
        if items.len() > MAX_BATCH {
            return Err(Error::invalid(
                "items",
                format!("at most {MAX_BATCH} items per call"),
            ));
        }
        if items.iter().any(|(_, quantity)| *quantity <= 0) {
            return Err(Error::invalid("quantity", "quantities must be positive"));
        }
        let ids: Vec<Uuid> = items.iter().map(|(id, _)| *id).collect();
        let stock: HashMap<Uuid, i64> = self.store.stock_levels(&ids).await?.into_iter().collect();
        Ok(items
            .iter()
            .map(|(product_id, requested)| Availability {
                product_id: *product_id,
                found: stock.contains_key(product_id),
                requested: *requested,
                available: stock.get(product_id).copied().unwrap_or(0).max(0),
            })
            .collect())
    }

    /// Holds stock for every line or none; idempotent on `id`.
    pub async fn reserve_stock(
        &self,
        id: Uuid,
        lines: &[(Uuid, i64)],
        ttl_secs: u32,
    ) -> Result<Reservation> {
        let lines = reservation_lines(lines)?;
        let ttl = reservation_ttl(ttl_secs)?;
        let reservation = self.store.reserve(id, &lines, ttl).await?;
        self.stock_changed(&reservation).await;
        Ok(reservation)
    }

    /// Sells the held stock; idempotent. Fails if released or expired.
    pub async fn commit_reservation(&self, id: Uuid) -> Result<Reservation> {
        self.settle(id, ReservationStatus::Committed).await
    }

    /// Gives the held stock back; idempotent, and a no-op for unknown ids.
    pub async fn release_reservation(&self, id: Uuid) -> Result<Reservation> {
        self.settle(id, ReservationStatus::Released).await
    }

    async fn settle(&self, id: Uuid, target: ReservationStatus) -> Result<Reservation> {
        Ok(self.settle_changed(id, target).await?.0)
    }

    /// Settles, saying whether this call moved the reservation.
    async fn settle_changed(
        &self,
        id: Uuid,
        target: ReservationStatus,
    ) -> Result<(Reservation, bool)> {
        let result = self.store.settle_changed(id, target).await;
        // An expired commit releases the stock before failing: forget either way.
        match &result {
            Ok((reservation, _)) => self.stock_changed(reservation).await,
            Err(Error::ReservationClosed(..)) => {
                if let Some(reservation) = self.store.reservation(id).await? {
                    self.stock_changed(&reservation).await;
                }
            }
            Err(_) => {}
        }
        result
    }

    async fn stock_changed(&self, reservation: &Reservation) {
        let ids: Vec<Uuid> = reservation.lines.iter().map(|(id, _)| *id).collect();
        self.changed(&ids).await;
    }

    /// Records a staff stock adjustment. STAFF only.
    pub async fn adjust_stock(
        &self,
        caller: &Principal,
        product_id: Uuid,
        delta: i64,
        reason: MovementReason,
        note: Option<&str>,
    ) -> Result<Product> {
        caller.require_role(Role::Staff)?;
        self.adjust_stock_as(Some(caller.user_id), product_id, delta, reason, note, None)
            .await
    }

    /// Records an adjustment on behalf of `actor` (None for a peer service,
    /// such as order restocking a return).
    pub async fn adjust_stock_as(
        &self,
        actor: Option<Uuid>,
        product_id: Uuid,
        delta: i64,
        reason: MovementReason,
        note: Option<&str>,
        idempotency_key: Option<&str>,
    ) -> Result<Product> {
        reason.check_adjustment(delta)?;
        if idempotency_key.is_some_and(|k| k.is_empty() || k.chars().count() > 255) {
            return Err(Error::invalid(
                "idempotency_key",
                "idempotency_key must be 1 to 255 characters",
            ));
        }
        let note = note.map(str::trim).filter(|n| !n.is_empty());
        if note.is_some_and(|n| n.chars().count() > 500) {
            return Err(Error::invalid(
                "note",
                "note must be at most 500 characters",
            ));
        }
        let product = self
            .store
            .adjust_stock(product_id, delta, reason, note, actor, idempotency_key)
            .await?;
        self.changed(&[product_id]).await;
        Ok(product)
    }

    /// The latest `limit` ledger rows of each product (1 to 100), in one query.
    pub async fn stock_movements(
        &self,
        ids: &[Uuid],
        limit: i64,
    ) -> Result<HashMap<Uuid, Vec<StockMovement>>> {
        let mut by_product: HashMap<Uuid, Vec<StockMovement>> =
            ids.iter().map(|id| (*id, Vec::new())).collect();
        for movement in self.store.movements(ids, limit.clamp(1, 100)).await? {
            by_product
                .entry(movement.product_id)
                .or_default()
                .push(movement);
        }
        Ok(by_product)
    }

    /// Releases held reservations past their expiry; returns how many this
    /// call released (not those another replica released meanwhile).
    pub async fn release_expired(&self) -> Result<usize> {
        let mut released = 0;
        for id in self.store.expired_reservations(100).await? {
            match self.settle_changed(id, ReservationStatus::Released).await {
                Ok((_, true)) => released += 1,
                Ok((_, false)) => {}
                // Committed or released meanwhile by its owner: nothing to do.
                Err(Error::ReservationClosed(..)) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(released)
    }

    // ---- reviews

    /// Writes the caller's review of a product on sale. A second review of
    /// the same product is `CONFLICT`. `verifiedPurchase` comes from the
    /// order service; if it cannot answer, the review is still written,
    /// unverified, and a warning is logged.
    pub async fn write_review(
        &self,
        caller: &Principal,
        product_id: Uuid,
        review: NewReview,
    ) -> Result<Review> {
        let visible = self
            .products_by_ids(&[product_id])
            .await?
            .remove(&product_id)
            .is_some_and(|p| p.is_public());
        if !visible {
            return Err(Error::UnknownProduct(product_id));
        }
        let verified = match self
            .purchases
            .has_purchased(caller.user_id, product_id)
            .await
        {
            Ok(bought) => bought,
            Err(err) => {
                tracing::warn!(error = %format!("{err:#}"), %product_id, "HasPurchased failed; the review is stored as unverified");
                false
            }
        };
        let review = self
            .store
            .insert_review(
                Uuid::now_v7(),
                product_id,
                caller.user_id,
                &review,
                verified,
            )
            .await?;
        self.changed(&[product_id]).await;
        Ok(review)
    }

    /// A review the caller may change: their own (or, with `staff_too`, any
    /// for staff). Someone else's review is `FORBIDDEN`.
    async fn own_review(&self, caller: &Principal, id: Uuid, staff_too: bool) -> Result<Review> {
        let review = self
            .store
            .reviews_by_ids(&[id])
            .await?
            .into_iter()
            .next()
            .ok_or(Error::UnknownReview)?;
        if review.author_id == caller.user_id || (staff_too && caller.has_role(Role::Staff)) {
            Ok(review)
        } else {
            Err(Error::Forbidden(
                "only the author may change this review".into(),
            ))
        }
    }

    /// Edits the caller's own review.
    pub async fn update_review(
        &self,
        caller: &Principal,
        id: Uuid,
        changes: ReviewChanges,
    ) -> Result<Review> {
        let review = self.own_review(caller, id, false).await?;
        let updated = self
            .store
            .update_review(id, &changes)
            .await?
            .ok_or(Error::UnknownReview)?;
        self.changed(&[review.product_id]).await;
        Ok(updated)
    }

    /// Deletes a review: the author's own, or any for staff.
    pub async fn delete_review(&self, caller: &Principal, id: Uuid) -> Result<()> {
        let review = self.own_review(caller, id, true).await?;
        self.store.delete_review(id).await?;
        self.changed(&[review.product_id]).await;
        Ok(())
    }

    /// Hides a review from listings and the rating, or shows it again. STAFF only.
    pub async fn set_review_hidden(
        &self,
        caller: &Principal,
        id: Uuid,
        hidden: bool,
    ) -> Result<Review> {
        caller.require_role(Role::Staff)?;
        let review = self
            .store
            .set_review_hidden(id, hidden)
            .await?
            .ok_or(Error::UnknownReview)?;
        self.changed(&[review.product_id]).await;
        Ok(review)
    }

    /// Reviews by id, hidden ones included.
    pub async fn reviews_by_ids(&self, ids: &[Uuid]) -> Result<HashMap<Uuid, Review>> {
        Ok(self
            .store
            .reviews_by_ids(ids)
            .await?
            .into_iter()
            .map(|r| (r.id, r))
            .collect())
    }

    /// Pages of visible reviews of several products, batched. `first` is
    /// 1 to [`MAX_PAGE_SIZE`].
    pub async fn review_pages(
        &self,
        requests: &[ReviewPageRequest],
    ) -> Result<HashMap<ReviewPageRequest, ReviewPage>> {
        // Ask for one more than the page to learn whether there is a next one.
        let padded: Vec<ReviewPageRequest> = requests
            .iter()
            .map(|r| ReviewPageRequest {
                limit: r.limit + 1,
                ..r.clone()
            })
            .collect();
        Ok(self
            .store
            .review_pages(&padded)
            .await?
            .into_iter()
            .map(|(request, mut reviews)| {
                let first = (request.limit - 1) as usize;
                let has_next_page = reviews.len() > first;
                reviews.truncate(first);
                let key = ReviewPageRequest {
                    limit: request.limit - 1,
                    ..request
                };
                let reviews = reviews
                    .into_iter()
                    .map(|(review, sort_key)| {
                        let id = review.id;
                        (review, (sort_key, id))
                    })
                    .collect();
                (
                    key,
                    ReviewPage {
                        reviews,
                        has_next_page,
                    },
                )
            })
            .collect())
    }

    /// The latest visible reviews of each author, batched.
    pub async fn reviews_by_authors(
        &self,
        authors: &[Uuid],
        limit: i64,
    ) -> Result<HashMap<Uuid, Vec<Review>>> {
        let mut by_author: HashMap<Uuid, Vec<Review>> =
            authors.iter().map(|a| (*a, Vec::new())).collect();
        for review in self
            .store
            .reviews_by_authors(authors, limit.clamp(1, MAX_PAGE_SIZE))
            .await?
        {
            by_author.entry(review.author_id).or_default().push(review);
        }
        Ok(by_author)
    }
}

/// At most [`MAX_BATCH`] ids in one lookup.
fn check_batch(ids: &[Uuid]) -> Result<()> {
    if ids.len() > MAX_BATCH {
        return Err(Error::invalid(
            "ids",
            format!("at most {MAX_BATCH} ids per call"),
        ));
    }
    Ok(())
}
