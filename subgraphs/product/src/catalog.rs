//! The catalog use cases, shared by the GraphQL and gRPC adapters.

use std::collections::HashMap;

use platform::ApiError;
use platform::auth::{Principal, Role};
use uuid::Uuid;

use crate::domain::{
    Availability, Category, DetailsInput, Image, MovementReason, NewProduct, Product,
    ProductDetails, ProductStatus, Reservation, ReservationStatus, StockMovement,
    reservation_lines, reservation_ttl,
};
use crate::error::{Error, Result};
use crate::store::ProductStore;

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
    pub name: Option<String>,
    pub description: Option<String>,
    /// `(amount, currency)`.
    pub price: Option<(String, String)>,
    pub low_stock_threshold: Option<i64>,
    pub slug: Option<String>,
    pub brand: Option<Option<String>>,
    pub sku: Option<Option<String>>,
    pub compare_at_amount: Option<Option<String>>,
    pub images: Option<Vec<Image>>,
    pub weight_grams: Option<i64>,
    pub status: Option<ProductStatus>,
}

/// One page of products, newest first.
#[derive(Debug, Clone)]
pub struct ProductPage {
    pub products: Vec<Product>,
    pub has_next_page: bool,
}

pub struct Catalog {
    store: ProductStore,
}

impl Catalog {
    pub fn new(store: ProductStore) -> Self {
        Self { store }
    }

    pub fn store(&self) -> &ProductStore {
        &self.store
    }

    /// Creates a product. Only staff (and admins) may.
    pub async fn create_product(
        &self,
        caller: &Principal,
        product: NewProduct,
    ) -> Result<Product, ApiError> {
        caller.require_role(Role::Staff)?;
        Ok(self
            .insert_with_unique_slug(Uuid::now_v7(), product, Some(caller.user_id))
            .await?)
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
        match self.store.insert(id, &product, created_by).await {
            Err(Error::Conflict { field: "slug", .. }) if product.details.slug_generated => {
                let suffix = &id.simple().to_string()[24..];
                product.details.slug = format!(
                    "{}-{suffix}",
                    product.details.slug.chars().take(67).collect::<String>()
                );
                self.store.insert(id, &product, created_by).await
            }
            other => other,
        }
    }

    pub async fn product(&self, id: Uuid) -> Result<Product> {
        self.store
            .by_ids(&[id])
            .await?
            .into_iter()
            .next()
            .ok_or(Error::NotFound)
    }

    /// The products among `ids` that exist, in one statement.
    pub async fn products_by_ids(&self, ids: &[Uuid]) -> Result<HashMap<Uuid, Product>> {
        if ids.len() > MAX_BATCH {
            return Err(Error::invalid(
                "ids",
                format!("at most {MAX_BATCH} ids per call"),
            ));
        }
        Ok(self
            .store
            .by_ids(ids)
            .await?
            .into_iter()
            .map(|p| (p.id, p))
            .collect())
    }

    /// A page of products, newest first, after the product `after`. Drafts
    /// and archived products are included only for staff.
    pub async fn list(
        &self,
        first: i64,
        after: Option<Uuid>,
        include_hidden: bool,
        category: Option<Uuid>,
    ) -> Result<ProductPage> {
        if first < 0 {
            return Err(Error::invalid("first", "first must not be negative"));
        }
        let first = first.min(MAX_PAGE_SIZE);
        let mut products = self
            .store
            .page(after, first + 1, include_hidden, category)
            .await?;
        let has_next_page = products.len() as i64 > first;
        products.truncate(first as usize);
        Ok(ProductPage {
            products,
            has_next_page,
        })
    }

    pub async fn count(&self, include_hidden: bool, category: Option<Uuid>) -> Result<i64> {
        self.store.count(include_hidden, category).await
    }

    // ---- categories

    pub async fn categories(&self, ids: &[Uuid]) -> Result<HashMap<Uuid, Category>> {
        Ok(self
            .store
            .categories(ids)
            .await?
            .into_iter()
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
        for category in self.store.children(parents, roots).await? {
            by_parent
                .entry(category.parent_id.unwrap_or(Uuid::nil()))
                .or_default()
                .push(category);
        }
        Ok(by_parent)
    }

    pub async fn create_category(
        &self,
        caller: &Principal,
        name: &str,
        slug: Option<&str>,
        parent_id: Option<Uuid>,
    ) -> Result<Category, ApiError> {
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
        self.category(id).await
    }

    pub async fn rename_category(
        &self,
        caller: &Principal,
        id: Uuid,
        name: &str,
        slug: Option<&str>,
    ) -> Result<Category, ApiError> {
        caller.require_role(Role::Staff)?;
        let name = category_name(name)?;
        let slug = slug.map(crate::domain::parse_slug).transpose()?;
        if !self
            .store
            .rename_category(id, &name, slug.as_deref())
            .await?
        {
            return Err(Error::UnknownCategory(id).into());
        }
        self.category(id).await
    }

    /// Moves a category under another (or to the top with `None`). Moving it
    /// under itself or one of its descendants is `BAD_USER_INPUT`.
    pub async fn move_category(
        &self,
        caller: &Principal,
        id: Uuid,
        parent_id: Option<Uuid>,
    ) -> Result<Category, ApiError> {
        caller.require_role(Role::Staff)?;
        if !self.store.move_category(id, parent_id).await? {
            self.category(id).await?;
            return Err(Error::invalid(
                "parentId",
                "a category cannot move under itself or one of its descendants",
            )
            .into());
        }
        self.category(id).await
    }

    async fn category(&self, id: Uuid) -> Result<Category, ApiError> {
        Ok(self
            .store
            .categories(&[id])
            .await?
            .into_iter()
            .next()
            .ok_or(Error::UnknownCategory(id))?)
    }

    /// Puts a product in exactly these categories. STAFF only.
    pub async fn set_product_categories(
        &self,
        caller: &Principal,
        product_id: Uuid,
        categories: &[Uuid],
    ) -> Result<(), ApiError> {
        caller.require_role(Role::Staff)?;
        if categories.len() > 50 {
            return Err(Error::invalid("categoryIds", "at most 50 categories per product").into());
        }
        self.product(product_id).await?;
        let mut unique = categories.to_vec();
        unique.sort();
        unique.dedup();
        Ok(self
            .store
            .set_product_categories(product_id, &unique)
            .await?)
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
    ) -> Result<Product, ApiError> {
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
        };
        product.details = ProductDetails::parse(&details, &product.name, &product.price)?;
        product.status = changes.status.unwrap_or(current.status);
        Ok(self.store.update(id, &product).await?)
    }

    /// Takes a product off sale (status ARCHIVED). STAFF only.
    pub async fn archive_product(&self, caller: &Principal, id: Uuid) -> Result<Product, ApiError> {
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
    pub async fn delete_product(&self, caller: &Principal, id: Uuid) -> Result<(), ApiError> {
        caller.require_role(Role::Staff)?;
        if self.store.soft_delete(id).await? {
            Ok(())
        } else {
            Err(Error::NotFound.into())
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
        self.store.reserve(id, &lines, ttl).await
    }

    /// Sells the held stock; idempotent. Fails if released or expired.
    pub async fn commit_reservation(&self, id: Uuid) -> Result<Reservation> {
        self.store.settle(id, ReservationStatus::Committed).await
    }

    /// Gives the held stock back; idempotent, and a no-op for unknown ids.
    pub async fn release_reservation(&self, id: Uuid) -> Result<Reservation> {
        self.store.settle(id, ReservationStatus::Released).await
    }

    /// Records a staff stock adjustment. STAFF only.
    pub async fn adjust_stock(
        &self,
        caller: &Principal,
        product_id: Uuid,
        delta: i64,
        reason: MovementReason,
        note: Option<&str>,
    ) -> Result<Product, ApiError> {
        caller.require_role(Role::Staff)?;
        Ok(self
            .adjust_stock_as(Some(caller.user_id), product_id, delta, reason, note)
            .await?)
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
    ) -> Result<Product> {
        reason.check_adjustment(delta)?;
        let note = note.map(str::trim).filter(|n| !n.is_empty());
        if note.is_some_and(|n| n.chars().count() > 500) {
            return Err(Error::invalid(
                "note",
                "note must be at most 500 characters",
            ));
        }
        self.store
            .adjust_stock(product_id, delta, reason, note, actor)
            .await
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

    /// Releases held reservations past their expiry; returns how many.
    pub async fn release_expired(&self) -> Result<usize> {
        let mut released = 0;
        for id in self.store.expired_reservations(100).await? {
            match self.store.settle(id, ReservationStatus::Released).await {
                Ok(_) => released += 1,
                // Committed or released meanwhile by its owner: nothing to do.
                Err(Error::ReservationClosed(..)) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(released)
    }
}
