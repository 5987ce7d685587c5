//! The GraphQL adapter: the order subgraph's schema over [`Ordering`].
//!
//! It owns `Order`, extends `User` with `orders`, and refers to `Product` by
//! key only (the router resolves the rest in the product subgraph).

use std::collections::HashMap;
use std::sync::Arc;

use async_graphql::dataloader::{DataLoader, Loader};
use async_graphql::{
    Context, EmptySubscription, Enum, ID, InputObject, Object, Schema, SimpleObject,
};
use chrono::{DateTime, Utc};
use platform::ApiError;
use platform::money::MoneyObject;
use uuid::Uuid;

use crate::domain::{Order, OrderLine, OrderStatus};
use crate::ordering::Ordering;

pub type OrderSchema = Schema<Query, Mutation, EmptySubscription>;

/// The schema with its data. Without `ordering` it is still complete enough to
/// export the SDL.
pub fn build_schema(ordering: Option<Arc<Ordering>>) -> OrderSchema {
    let mut builder = Schema::build(Query, Mutation, EmptySubscription)
        .enable_federation()
        .limit_depth(platform::server::MAX_DEPTH)
        .limit_complexity(platform::server::MAX_COMPLEXITY);
    if let Some(ordering) = ordering {
        builder = builder
            .data(platform::server::data_loader(OrdersByUser(
                ordering.clone(),
            )))
            .data(platform::server::data_loader(OrdersById(ordering.clone())))
            .data(ordering);
    }
    builder.finish()
}

fn ordering<'a>(ctx: &'a Context<'_>) -> Result<&'a Arc<Ordering>, ApiError> {
    ctx.data::<Arc<Ordering>>()
        .map_err(|_| ApiError::internal("Ordering missing from schema data"))
}

fn loader<'a, T: Send + Sync + 'static>(ctx: &'a Context<'_>) -> Result<&'a T, ApiError> {
    ctx.data::<T>()
        .map_err(|_| ApiError::internal("data loader missing from schema data"))
}

/// Batches `User.orders`: the orders of every user in one request cost two
/// SQL statements (orders, then their lines).
pub struct OrdersByUser(Arc<Ordering>);

impl Loader<Uuid> for OrdersByUser {
    type Value = Vec<Order>;
    type Error = ApiError;

    async fn load(&self, keys: &[Uuid]) -> Result<HashMap<Uuid, Vec<Order>>, ApiError> {
        Ok(self.0.orders_for_users(keys).await?)
    }
}

/// Batches `Order` entity look-ups.
pub struct OrdersById(Arc<Ordering>);

impl Loader<Uuid> for OrdersById {
    type Value = Order;
    type Error = ApiError;

    async fn load(&self, keys: &[Uuid]) -> Result<HashMap<Uuid, Order>, ApiError> {
        Ok(self.0.orders_by_ids(keys).await?)
    }
}

/// Where an order is in its life.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(name = "OrderStatus")]
pub enum OrderStatusName {
    /// Accepted, priced from the catalog and stored.
    Placed,
}

impl From<OrderStatus> for OrderStatusName {
    fn from(status: OrderStatus) -> Self {
        match status {
            OrderStatus::Placed => OrderStatusName::Placed,
        }
    }
}

/// A reference to a product of the product subgraph; the router fetches its
/// other fields from there.
#[derive(SimpleObject)]
#[graphql(name = "Product", unresolvable = "id")]
pub struct ProductRef {
    /// Unique id (a UUID).
    pub id: ID,
}

/// A user of the user subgraph, extended here with their orders.
pub struct UserRef {
    id: Uuid,
}

#[Object(name = "User")]
impl UserRef {
    /// Unique id (a UUID).
    async fn id(&self) -> ID {
        ID(self.id.to_string())
    }

    /// The user's orders, newest first. Visible to the user and to staff
    /// (`FORBIDDEN` for anyone else).
    async fn orders(&self, ctx: &Context<'_>) -> Result<Vec<OrderNode>, ApiError> {
        platform::auth::principal(ctx)
            .await?
            .require_self_or_staff(self.id)?;
        let orders = loader::<DataLoader<OrdersByUser>>(ctx)?
            .load_one(self.id)
            .await?
            .unwrap_or_default();
        Ok(orders.into_iter().map(OrderNode).collect())
    }
}

/// An order placed by a customer.
pub struct OrderNode(pub Order);

#[Object(name = "Order")]
impl OrderNode {
    /// Unique id (a UUID).
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }

    /// Where the order is in its life.
    async fn status(&self) -> OrderStatusName {
        self.0.status.into()
    }

    /// What was ordered, with prices as they were when the order was placed.
    async fn lines(&self) -> Vec<OrderLineNode> {
        self.0.lines.iter().cloned().map(OrderLineNode).collect()
    }

    /// Sum of the line totals.
    async fn total(&self) -> MoneyObject {
        MoneyObject::from(&self.0.total)
    }

    /// The customer who placed it.
    async fn customer(&self) -> UserRef {
        UserRef { id: self.0.user_id }
    }

    /// When the order was placed.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
}

/// One product in an order.
pub struct OrderLineNode(OrderLine);

#[Object(name = "OrderLine")]
impl OrderLineNode {
    /// The product ordered; its current fields come from the product subgraph.
    async fn product(&self) -> ProductRef {
        ProductRef {
            id: ID(self.0.product_id.to_string()),
        }
    }

    /// The product's name when the order was placed.
    async fn product_name(&self) -> &str {
        &self.0.product_name
    }

    /// Units ordered, 1 to 99.
    async fn quantity(&self) -> i64 {
        self.0.quantity
    }

    /// Price of one unit when the order was placed.
    async fn unit_price(&self) -> MoneyObject {
        MoneyObject::from(&self.0.unit_price)
    }

    /// `unitPrice × quantity`.
    async fn line_total(&self) -> Result<MoneyObject, ApiError> {
        Ok(MoneyObject::from(
            self.0.total().map_err(ApiError::internal)?,
        ))
    }
}

pub struct Query;

#[Object]
impl Query {
    /// One of the caller's orders (staff may read any). `NOT_FOUND` when it
    /// does not exist or belongs to someone else.
    async fn order(&self, ctx: &Context<'_>, id: ID) -> Result<OrderNode, ApiError> {
        let caller = platform::auth::principal(ctx).await?;
        let id = Uuid::parse_str(&id)
            .map_err(|_| ApiError::bad_input("id must be a UUID").with_detail("field", "id"))?;
        Ok(OrderNode(ordering(ctx)?.order_for(caller, id).await?))
    }

    /// Resolves `User` references: the user subgraph owns users, this one adds
    /// `orders`.
    #[graphql(entity)]
    async fn find_user_by_id(&self, #[graphql(key)] id: ID) -> Option<UserRef> {
        Uuid::parse_str(&id).ok().map(|id| UserRef { id })
    }

    /// Resolves `Order` references, batched. Orders the caller may not see,
    /// and unknown ids, resolve to null.
    #[graphql(entity)]
    async fn find_order_by_id(
        &self,
        ctx: &Context<'_>,
        #[graphql(key)] id: ID,
    ) -> Result<Option<OrderNode>, ApiError> {
        let Ok(id) = Uuid::parse_str(&id) else {
            return Ok(None);
        };
        let Some(order) = loader::<DataLoader<OrdersById>>(ctx)?.load_one(id).await? else {
            return Ok(None);
        };
        let caller = platform::auth::principal(ctx).await?;
        Ok(
            (order.user_id == caller.user_id || caller.has_role(platform::auth::Role::Staff))
                .then_some(OrderNode(order)),
        )
    }
}

/// One requested line of a new order.
#[derive(InputObject)]
pub struct OrderLineInput {
    /// The product to buy.
    pub product_id: ID,
    /// Units, 1 to 99. Repeated products are merged.
    pub quantity: i32,
}

pub struct Mutation;

#[Object]
impl Mutation {
    /// Places an order for the signed-in user. Prices come from the catalog;
    /// any price a client has is ignored. Errors: `UNAUTHENTICATED`,
    /// `BAD_USER_INPUT` (empty, more than 100 lines, quantity outside 1..99,
    /// mixed currencies), `NOT_FOUND` (unknown product, in
    /// `extensions.productId`), `INSUFFICIENT_STOCK` (with
    /// `extensions.productId` and `extensions.available`).
    async fn place_order(
        &self,
        ctx: &Context<'_>,
        lines: Vec<OrderLineInput>,
    ) -> Result<OrderNode, ApiError> {
        let caller = platform::auth::principal(ctx).await?;
        let requested = lines
            .iter()
            .map(|line| {
                let id = Uuid::parse_str(&line.product_id).map_err(|_| {
                    ApiError::bad_input(format!(
                        "productId {:?} is not a UUID",
                        line.product_id.as_str()
                    ))
                    .with_detail("field", "productId")
                })?;
                Ok((id, i64::from(line.quantity)))
            })
            .collect::<Result<Vec<_>, ApiError>>()?;
        Ok(OrderNode(
            ordering(ctx)?.place_order(caller, &requested).await?,
        ))
    }
}
