//! The GraphQL adapter: the user subgraph's schema over [`Accounts`].

mod entities;
mod loaders;
mod mutation;
mod query;
mod types;

use std::collections::HashMap;
use std::sync::Arc;

use async_graphql::connection::{Connection, Edge};
use async_graphql::dataloader::{DataLoader, Loader};
use async_graphql::{
    Context, EmptySubscription, ID, InputObject, MaybeUndefined, Object, Schema, SimpleObject,
};
use base64::Engine;
use platform::ApiError;
use platform::server::ClientIp;
use uuid::Uuid;

use crate::app::accounts::{Accounts, ProfileInput};
use crate::domain::{Address, User};
pub use entities::*;
pub use loaders::*;
pub use mutation::*;
pub use query::*;
pub use types::{AddressInputObject, AddressNode, AuthPayload, RoleName, UserNode};

/// The user subgraph's schema type.
pub type UserSchema = Schema<Query, Mutation, EmptySubscription>;

/// The schema with its data. Without `accounts` it is still complete enough
/// to export the SDL.
pub fn build_schema(accounts: Option<Arc<Accounts>>) -> UserSchema {
    let mut builder = platform::limits::limited(
        Schema::build(Query, Mutation, EmptySubscription).enable_federation(),
    );
    if let Some(accounts) = accounts {
        builder = builder
            .data(platform::server::data_loader(UserLoader(accounts.clone())))
            .data(platform::server::data_loader(AddressLoader(
                accounts.clone(),
            )))
            .data(platform::server::data_loader(WishlistLoader(
                accounts.clone(),
            )))
            .data(accounts);
    }
    builder.finish()
}

fn accounts<'a>(ctx: &'a Context<'_>) -> Result<&'a Arc<Accounts>, ApiError> {
    ctx.data::<Arc<Accounts>>()
        .map_err(|_| ApiError::internal("Accounts missing from schema data"))
}

fn loader<'a, T: Send + Sync + 'static>(ctx: &'a Context<'_>) -> Result<&'a T, ApiError> {
    ctx.data::<T>()
        .map_err(|_| ApiError::internal("data loader missing from schema data"))
}

fn parse_id(id: &ID, field: &'static str) -> Result<Uuid, ApiError> {
    Uuid::parse_str(id).map_err(|_| {
        ApiError::bad_input(format!("{field} must be a UUID")).with_detail("field", field)
    })
}
