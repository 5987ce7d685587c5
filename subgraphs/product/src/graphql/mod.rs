//! The GraphQL adapter: the product subgraph's schema over [`Catalog`].
//!
//! - [`query`] and [`mutation`]: the root types;
//! - [`entities`]: `User`, extended with its reviews;
//! - [`loaders`]: every DataLoader;
//! - [`types`]: `Product`, `Category`, stock movements and the mirror enums,
//!   with two topics large enough for their own files: [`listing`] (the
//!   `products` filter, sorts, cursors and facets) and [`reviews`]
//!   (`Review` and ratings).

mod entities;
mod listing;
mod loaders;
mod mutation;
mod query;
mod reviews;
mod types;

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

use crate::app::catalog::Catalog;
use crate::app::catalog::ProductChanges;
use crate::domain::{
    AttributeValue, Category, DetailsInput, Image, MovementReason, NewProduct, NewReview, Product,
    ProductInput, ProductSort, ProductStatus, ReviewChanges, StockMovement, StockStatus,
};
use listing::{ProductFilterInput, ProductListInfo, ProductSortName, decode_cursor, encode_cursor};
use reviews::{
    RatingObject, ReviewListInfo, ReviewNode, ReviewSortName, UpdateReviewInput, WriteReviewInput,
};

pub use entities::*;
pub use loaders::*;
pub use mutation::*;
pub use query::*;
pub use types::*;

/// The product subgraph's schema type.
pub type ProductSchema = Schema<Query, Mutation, EmptySubscription>;

/// The schema with its data. Without `catalog` it is still complete enough to
/// export the SDL.
pub fn build_schema(catalog: Option<Arc<Catalog>>) -> ProductSchema {
    let mut builder = platform::limits::limited(
        Schema::build(Query, Mutation, EmptySubscription).enable_federation(),
    );
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
            .data(platform::server::data_loader(BoughtTogetherLoader(
                catalog.clone(),
            )))
            .data(catalog);
    }
    builder.finish()
}

fn catalog<'a>(ctx: &'a Context<'_>) -> Result<&'a Arc<Catalog>, ApiError> {
    ctx.data::<Arc<Catalog>>()
        .map_err(|_| ApiError::internal("Catalog missing from schema data"))
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

async fn require_staff(ctx: &Context<'_>) -> Result<(), ApiError> {
    Ok(platform::auth::principal(ctx)
        .await?
        .require_role(platform::auth::Role::Staff)?)
}

/// Whether the caller is staff; anonymous callers are not. An invalid token
/// is still an error.
async fn is_staff(ctx: &Context<'_>) -> Result<bool, ApiError> {
    Ok(platform::auth::optional_principal(ctx)
        .await?
        .is_some_and(|p| p.has_role(platform::auth::Role::Staff)))
}
