//! The GraphQL adapter: the product subgraph's schema over [`Catalog`].

use std::collections::HashMap;
use std::sync::Arc;

use async_graphql::connection::{Connection, Edge};
use async_graphql::dataloader::{DataLoader, Loader};
use async_graphql::{Context, EmptySubscription, ID, InputObject, Object, Schema, SimpleObject};
use base64::Engine;
use chrono::{DateTime, Utc};
use platform::ApiError;
use platform::money::MoneyObject;
use uuid::Uuid;

use crate::catalog::Catalog;
use crate::domain::{NewProduct, Product};
use crate::error::Error;

pub type ProductSchema = Schema<Query, Mutation, EmptySubscription>;

/// The schema with its data. Without `catalog` it is still complete enough to
/// export the SDL.
pub fn build_schema(catalog: Option<Arc<Catalog>>) -> ProductSchema {
    let mut builder = Schema::build(Query, Mutation, EmptySubscription)
        .enable_federation()
        .limit_depth(platform::server::MAX_DEPTH)
        .limit_complexity(platform::server::MAX_COMPLEXITY);
    if let Some(catalog) = catalog {
        builder = builder.data(DataLoader::new(ProductLoader(catalog.clone()), tokio::spawn)).data(catalog);
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
    ctx.data::<Arc<Catalog>>().map_err(|_| ApiError::internal("Catalog missing from schema data"))
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

    /// Units that can be ordered now: on hand minus those held for orders in progress.
    async fn stock(&self) -> i64 {
        self.0.available()
    }

    /// When the product was created.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
}

/// Extra fields of a product listing.
#[derive(SimpleObject)]
pub struct ProductListInfo {
    /// Number of products matching the listing, over all pages.
    pub total_count: i64,
}

/// Cursors are opaque to clients: base64 of a versioned position.
fn encode_cursor(id: Uuid) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("p1:{id}"))
}

fn decode_cursor(cursor: &str) -> Result<Uuid, Error> {
    let invalid = || Error::invalid("after", "after is not a cursor returned by this API");
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(cursor).map_err(|_| invalid())?;
    let text = String::from_utf8(bytes).map_err(|_| invalid())?;
    let id = text.strip_prefix("p1:").ok_or_else(invalid)?;
    Uuid::parse_str(id).map_err(|_| invalid())
}

pub struct Query;

#[Object]
impl Query {
    /// One product by id, or null if there is none.
    async fn product(&self, ctx: &Context<'_>, id: ID) -> Result<Option<ProductNode>, ApiError> {
        let Ok(id) = Uuid::parse_str(&id) else {
            return Err(ApiError::bad_input("id must be a UUID").with_detail("field", "id"));
        };
        let loader = ctx.data::<DataLoader<ProductLoader>>().map_err(|_| ApiError::internal("ProductLoader missing"))?;
        Ok(loader.load_one(id).await?.map(ProductNode))
    }

    /// Products, newest first, as a Relay cursor connection. `first` defaults
    /// to 20 and is capped at 100; pass a page's `endCursor` as `after` to
    /// get the next one.
    async fn products(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 20, desc = "Page size, 0 to 100 (larger values are capped at 100).")] first: i32,
        #[graphql(desc = "Return products after this cursor.")] after: Option<String>,
    ) -> Result<Connection<String, ProductNode, ProductListInfo>, ApiError> {
        let catalog = catalog(ctx)?;
        let after = after.as_deref().map(decode_cursor).transpose()?;
        let page = catalog.list(first.into(), after).await?;
        let total_count = catalog.count().await?;
        let mut connection = Connection::with_additional_fields(after.is_some(), page.has_next_page, ProductListInfo { total_count });
        connection
            .edges
            .extend(page.products.into_iter().map(|p| Edge::new(encode_cursor(p.id), ProductNode(p))));
        Ok(connection)
    }

    /// Resolves `Product` references from other subgraphs, batched. Unknown
    /// or malformed ids resolve to null rather than failing the batch.
    #[graphql(entity)]
    async fn find_product_by_id(&self, ctx: &Context<'_>, #[graphql(key)] id: ID) -> Result<Option<ProductNode>, ApiError> {
        let Ok(id) = Uuid::parse_str(&id) else { return Ok(None) };
        let loader = ctx.data::<DataLoader<ProductLoader>>().map_err(|_| ApiError::internal("ProductLoader missing"))?;
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
}

pub struct Mutation;

#[Object]
impl Mutation {
    /// Adds a product to the catalog. Requires the STAFF role (`FORBIDDEN`
    /// otherwise). Invalid input gives `BAD_USER_INPUT` with `extensions.field`.
    async fn create_product(&self, ctx: &Context<'_>, input: CreateProductInput) -> Result<ProductNode, ApiError> {
        let caller = platform::auth::principal(ctx).await?;
        let product = NewProduct::parse(&input.name, input.description.as_deref(), &input.price.amount, &input.price.currency, input.stock)?;
        Ok(ProductNode(catalog(ctx)?.create_product(caller, product).await?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_garbage_is_rejected() {
        let id = Uuid::now_v7();
        assert_eq!(decode_cursor(&encode_cursor(id)).unwrap(), id);
        assert!(decode_cursor("not a cursor").is_err());
        assert!(decode_cursor(&base64::engine::general_purpose::URL_SAFE_NO_PAD.encode("p1:nope")).is_err());
    }
}
