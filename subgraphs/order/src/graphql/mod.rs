//! The GraphQL adapter: the order subgraph's schema over the use cases.
//!
//! It owns `Order`, extends `User` with `orders`, `cart` and
//! `paymentMethods`, and extends `Product` with `shippingEstimate`
//! (`@requires(fields: "weightGrams")`).

mod entities;
mod loaders;
mod mutation;
mod query;
mod types;

use std::collections::HashMap;
use std::marker::PhantomData;
use std::sync::Arc;

use async_graphql::connection::{Connection, Edge};
use async_graphql::dataloader::{DataLoader, Loader};
use async_graphql::{Context, EmptySubscription, ID, InputObject, Object, Schema};
use base64::Engine;
use chrono::{DateTime, Utc};
use futures::future::BoxFuture;
use platform::ApiError;
use platform::auth::{Principal, Role};
use uuid::Uuid;

pub use entities::*;
pub use loaders::*;
pub use mutation::*;
pub use query::*;
pub use types::*;

use crate::app::Services;
use crate::app::checkout::{CheckoutRequest, PaymentChoice};
use crate::app::ordering::{Ordering, may_see};
use crate::domain::pricing::{Destination, DestinationError};
use crate::domain::{
    Invoice, Order, OrderEvent, OrderStatus, Payment, Refund, ReturnLine, ReturnRequest, Shipment,
};
use crate::store::OrderFilter;

/// The order subgraph's schema type.
pub type OrderSchema = Schema<Query, Mutation, EmptySubscription>;

/// Where cart estimates go when the client names no destination.
const DEFAULT_DESTINATION: (&str, &str) = ("US", "10001");

/// The schema with its data. Without `services` it is still complete enough
/// to export the SDL.
pub fn build_schema(services: Option<Arc<Services>>) -> OrderSchema {
    let mut builder = platform::limits::limited(
        Schema::build(Query, Mutation, EmptySubscription).enable_federation(),
    );
    if let Some(services) = services {
        builder = builder
            .data(per_order::<Order>(&services, |o, ids| {
                Box::pin(o.orders_by_ids(ids))
            }))
            .data(per_order::<Vec<OrderEvent>>(&services, |o, ids| {
                Box::pin(o.events(ids))
            }))
            .data(per_order::<Vec<Payment>>(&services, |o, ids| {
                Box::pin(o.payments(ids))
            }))
            .data(per_order::<Vec<Refund>>(&services, |o, ids| {
                Box::pin(o.refunds(ids))
            }))
            .data(per_order::<Invoice>(&services, |o, ids| {
                Box::pin(o.invoices(ids))
            }))
            .data(per_order::<Shipment>(&services, |o, ids| {
                Box::pin(o.shipments(ids))
            }))
            .data(per_order::<Vec<ReturnRequest>>(&services, |o, ids| {
                Box::pin(o.returns(ids))
            }))
            .data(services);
    }
    builder.finish()
}

fn services<'a>(ctx: &'a Context<'_>) -> Result<&'a Arc<Services>, ApiError> {
    ctx.data::<Arc<Services>>()
        .map_err(|_| ApiError::internal("Services missing from schema data"))
}

pub(crate) fn loader<'a, T: Send + Sync + 'static>(
    ctx: &'a Context<'_>,
) -> Result<&'a T, ApiError> {
    ctx.data::<T>()
        .map_err(|_| ApiError::internal("data loader missing from schema data"))
}

fn parse_id(id: &str, field: &'static str) -> Result<Uuid, ApiError> {
    Uuid::parse_str(id).map_err(|_| {
        ApiError::bad_input(format!("{field} must be a UUID")).with_detail("field", field)
    })
}

fn encode_cursor(id: Uuid) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("o1:{id}"))
}

fn decode_cursor(cursor: &str) -> Result<Uuid, ApiError> {
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(cursor)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .and_then(|s| {
            s.strip_prefix("o1:")
                .and_then(|id| Uuid::parse_str(id).ok())
        })
        .ok_or_else(|| {
            ApiError::bad_input("after is not a valid cursor").with_detail("field", "after")
        })
}

fn destination(input: Option<DestinationInput>) -> Result<Destination, ApiError> {
    let (country, postal_code) = match &input {
        Some(d) => (d.country.as_str(), d.postal_code.as_str()),
        None => DEFAULT_DESTINATION,
    };
    Destination::parse(country, postal_code).map_err(|e| {
        let field = match e {
            DestinationError::Country => "country",
            DestinationError::PostalCode => "postalCode",
        };
        ApiError::bad_input(e.to_string()).with_detail("field", field)
    })
}

fn cart_node(view: crate::app::carts::CartView) -> Result<CartNode, ApiError> {
    Ok(CartNode {
        view,
        destination: destination(None)?,
    })
}

/// A page of orders as a Relay connection.
async fn order_page(
    ordering: &Ordering,
    mut filter: OrderFilter,
    first: i32,
    after: Option<String>,
) -> Result<Connection<String, OrderNode>, ApiError> {
    filter.after = after.as_deref().map(decode_cursor).transpose()?;
    let (orders, more) = ordering.page(&filter, first.into()).await?;
    let mut connection = Connection::new(filter.after.is_some(), more);
    connection.edges.extend(
        orders
            .into_iter()
            .map(|o| Edge::new(encode_cursor(o.id), OrderNode(o))),
    );
    Ok(connection)
}
