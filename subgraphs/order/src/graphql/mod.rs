//! The GraphQL adapter: the order subgraph's schema over the use cases.
//!
//! It owns `Order`, extends `User` with `orders`, `cart` and
//! `paymentMethods`, and extends `Product` with `shippingEstimate`
//! (`@requires(fields: "weightGrams")`).

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

pub use types::*;

use crate::Services;
use crate::checkout::{CheckoutRequest, PaymentChoice};
use crate::domain::pricing::{Destination, DestinationError};
use crate::domain::{
    Invoice, Order, OrderEvent, OrderStatus, Payment, Refund, ReturnLine, ReturnRequest, Shipment,
};
use crate::ordering::{Ordering, may_see};
use crate::store::OrderFilter;

pub type OrderSchema = Schema<Query, Mutation, EmptySubscription>;

/// Where cart estimates go when the client names no destination.
const DEFAULT_DESTINATION: (&str, &str) = ("US", "10001");

/// The schema with its data. Without `services` it is still complete enough
/// to export the SDL.
pub fn build_schema(services: Option<Arc<Services>>) -> OrderSchema {
    let mut builder = Schema::build(Query, Mutation, EmptySubscription)
        .enable_federation()
        .limit_depth(platform::server::MAX_DEPTH)
        .limit_complexity(platform::server::MAX_COMPLEXITY);
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

type Fetch<V> =
    for<'a> fn(&'a Ordering, &'a [Uuid]) -> BoxFuture<'a, crate::error::Result<HashMap<Uuid, V>>>;

/// Batches one kind of per-order data (the order itself, its timeline,
/// payments, refunds or invoice): every order of a response costs one SQL
/// statement per kind selected.
pub struct PerOrder<V> {
    services: Arc<Services>,
    fetch: Fetch<V>,
    _value: PhantomData<fn() -> V>,
}

fn per_order<V: Clone + Send + Sync + 'static>(
    services: &Arc<Services>,
    fetch: Fetch<V>,
) -> DataLoader<PerOrder<V>> {
    platform::server::data_loader(PerOrder {
        services: services.clone(),
        fetch,
        _value: PhantomData,
    })
}

impl<V: Clone + Send + Sync + 'static> Loader<Uuid> for PerOrder<V> {
    type Value = V;
    type Error = ApiError;

    async fn load(&self, keys: &[Uuid]) -> Result<HashMap<Uuid, V>, ApiError> {
        Ok((self.fetch)(&self.services.ordering, keys).await?)
    }
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

fn cart_node(view: crate::carts::CartView) -> Result<CartNode, ApiError> {
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

/// A date range; either end may be left open.
#[derive(InputObject, Default)]
pub struct DateRangeInput {
    /// From this instant, inclusive.
    pub from: Option<DateTime<Utc>>,
    /// Up to this instant, exclusive.
    pub to: Option<DateTime<Utc>>,
}

/// Narrows an order history.
#[derive(InputObject, Default)]
pub struct OrderFilterInput {
    /// Only orders in one of these statuses.
    pub status: Option<Vec<OrderStatusName>>,
    /// Only orders placed in this range.
    pub date_range: Option<DateRangeInput>,
}

/// Narrows a staff search over every order.
#[derive(InputObject, Default)]
pub struct StaffOrderFilterInput {
    /// Only orders in one of these statuses.
    pub status: Option<Vec<OrderStatusName>>,
    /// Only orders placed in this range.
    pub date_range: Option<DateRangeInput>,
    /// Only this customer's orders.
    pub customer_id: Option<ID>,
}

fn order_filter(
    status: Option<Vec<OrderStatusName>>,
    range: Option<DateRangeInput>,
) -> Result<OrderFilter, ApiError> {
    let range = range.unwrap_or_default();
    if let (Some(from), Some(to)) = (range.from, range.to)
        && from > to
    {
        return Err(
            ApiError::bad_input("dateRange.from must not be after dateRange.to")
                .with_detail("field", "dateRange"),
        );
    }
    Ok(OrderFilter {
        statuses: status
            .unwrap_or_default()
            .into_iter()
            .map(OrderStatus::from)
            .collect(),
        placed_from: range.from,
        placed_before: range.to,
        ..OrderFilter::default()
    })
}

/// Where cart estimates are for.
#[derive(InputObject)]
pub struct DestinationInput {
    /// ISO 3166-1 alpha-2 country code, e.g. "US".
    pub country: String,
    /// Postal code.
    pub postal_code: String,
}

#[Object(name = "User")]
impl UserRef {
    /// Unique id (a UUID).
    async fn id(&self) -> ID {
        ID(self.id.to_string())
    }

    /// The user's orders, newest first, as a Relay connection. Visible to the
    /// user and to staff (`FORBIDDEN` for anyone else). `first` is 0 to 100.
    async fn orders(
        &self,
        ctx: &Context<'_>,
        filter: Option<OrderFilterInput>,
        #[graphql(default = 20)] first: i32,
        after: Option<String>,
    ) -> Result<Connection<String, OrderNode>, ApiError> {
        platform::auth::principal(ctx)
            .await?
            .require_self_or_staff(self.id)?;
        let filter = filter.unwrap_or_default();
        let mut order_filter = order_filter(filter.status, filter.date_range)?;
        order_filter.user_id = Some(self.id);
        order_page(&services(ctx)?.ordering, order_filter, first, after).await
    }

    /// The user's cart, priced now, with shipping and tax estimated for
    /// `shipTo` (a US address when absent). The user and staff only.
    async fn cart(
        &self,
        ctx: &Context<'_>,
        ship_to: Option<DestinationInput>,
    ) -> Result<CartNode, ApiError> {
        platform::auth::principal(ctx)
            .await?
            .require_self_or_staff(self.id)?;
        let destination = destination(ship_to)?;
        let view = services(ctx)?.carts.view(self.id).await?;
        Ok(CartNode { view, destination })
    }

    /// Saved payment methods. The user only.
    async fn payment_methods(&self, ctx: &Context<'_>) -> Result<Vec<PaymentMethodNode>, ApiError> {
        let caller = platform::auth::principal(ctx).await?;
        if caller.user_id != self.id {
            return Err(ApiError::new(
                platform::ErrorCode::Forbidden,
                "payment methods are visible to their owner only",
            ));
        }
        Ok(services(ctx)?
            .ordering
            .payment_methods(caller)
            .await?
            .into_iter()
            .map(PaymentMethodNode)
            .collect())
    }
}

pub struct Query;

#[Object]
impl Query {
    /// One of the caller's orders (staff may read any). `NOT_FOUND` when it
    /// does not exist or belongs to someone else.
    async fn order(&self, ctx: &Context<'_>, id: ID) -> Result<OrderNode, ApiError> {
        let caller = platform::auth::principal(ctx).await?;
        let id = parse_id(&id, "id")?;
        Ok(OrderNode(
            services(ctx)?.ordering.order_for(caller, id).await?,
        ))
    }

    /// Every order, newest first, for staff (`FORBIDDEN` otherwise).
    async fn orders(
        &self,
        ctx: &Context<'_>,
        filter: Option<StaffOrderFilterInput>,
        #[graphql(default = 20)] first: i32,
        after: Option<String>,
    ) -> Result<Connection<String, OrderNode>, ApiError> {
        platform::auth::principal(ctx)
            .await?
            .require_role(Role::Staff)?;
        let filter = filter.unwrap_or_default();
        let mut order_filter = order_filter(filter.status, filter.date_range)?;
        order_filter.user_id = filter
            .customer_id
            .map(|id| parse_id(&id, "customerId"))
            .transpose()?;
        order_page(&services(ctx)?.ordering, order_filter, first, after).await
    }

    /// An invoice, for the order's owner or staff. `NOT_FOUND` otherwise, as
    /// for an invoice that does not exist.
    async fn invoice(&self, ctx: &Context<'_>, id: ID) -> Result<InvoiceNode, ApiError> {
        let caller = platform::auth::principal(ctx).await?;
        let id = parse_id(&id, "id")?;
        let (invoice, order) = services(ctx)?.ordering.invoice_for(caller, id).await?;
        Ok(InvoiceNode(invoice, order))
    }

    /// The caller's saved payment methods.
    async fn payment_methods(&self, ctx: &Context<'_>) -> Result<Vec<PaymentMethodNode>, ApiError> {
        let caller = platform::auth::principal(ctx).await?;
        Ok(services(ctx)?
            .ordering
            .payment_methods(caller)
            .await?
            .into_iter()
            .map(PaymentMethodNode)
            .collect())
    }

    /// Resolves `User` references: the user subgraph owns users, this one adds
    /// `orders`, `cart` and `paymentMethods`.
    #[graphql(entity)]
    async fn find_user_by_id(&self, #[graphql(key)] id: ID) -> Option<UserRef> {
        Uuid::parse_str(&id).ok().map(|id| UserRef { id })
    }

    /// Resolves `Product` references for `shippingEstimate`, with the
    /// product's weight from the product subgraph.
    #[graphql(entity)]
    async fn find_product_by_id(
        &self,
        #[graphql(key)] id: ID,
        weight_grams: Option<i32>,
    ) -> ProductNode {
        ProductNode {
            id,
            weight_grams: weight_grams.unwrap_or(0),
        }
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
        let Some(order) = loader::<DataLoader<PerOrder<Order>>>(ctx)?
            .load_one(id)
            .await?
        else {
            return Ok(None);
        };
        let caller = platform::auth::principal(ctx).await?;
        Ok(may_see(caller, order.user_id).then_some(OrderNode(order)))
    }
}

/// How to pay at checkout: exactly one of the two.
#[derive(InputObject)]
pub struct PaymentMethodInput {
    /// A provider token, e.g. `tok_visa` (see the README for the test
    /// tokens). Never a card number.
    pub token: Option<String>,
    /// One of the caller's saved payment methods.
    pub saved_payment_method_id: Option<ID>,
}

/// A checkout request.
#[derive(InputObject)]
pub struct CheckoutInput {
    /// A client-chosen key, 1 to 255 characters, unique per checkout attempt.
    /// Sending it again with the same input returns the first result; with
    /// another input, `CONFLICT`.
    pub idempotency_key: String,
    /// One of the caller's addresses (user subgraph).
    pub shipping_address_id: ID,
    /// How to pay.
    pub payment_method: PaymentMethodInput,
}

fn caller_and_services<'a>(
    ctx: &'a Context<'_>,
) -> impl std::future::Future<Output = Result<(&'a Principal, &'a Arc<Services>), ApiError>> {
    async move { Ok((platform::auth::principal(ctx).await?, services(ctx)?)) }
}

/// One line of a return request.
#[derive(InputObject)]
pub struct ReturnLineInput {
    /// A product of the order.
    pub product_id: ID,
    /// Units to return, 1 to the units ordered.
    pub quantity: i32,
}

/// A return request.
#[derive(InputObject)]
pub struct RequestReturnInput {
    /// The delivered order.
    pub order_id: ID,
    /// What to return.
    pub lines: Vec<ReturnLineInput>,
    /// Why, 1 to 500 characters.
    pub reason: String,
}

pub struct Mutation;

impl Mutation {
    async fn move_order(
        &self,
        ctx: &Context<'_>,
        order_id: ID,
        to: OrderStatus,
    ) -> Result<OrderNode, ApiError> {
        let (caller, services) = caller_and_services(ctx).await?;
        let order_id = parse_id(&order_id, "orderId")?;
        Ok(OrderNode(
            services
                .aftercare
                .move_to(caller, order_id, to, None)
                .await?,
        ))
    }
}

#[Object]
impl Mutation {
    /// Adds units of a product to the caller's cart (merged into its line).
    /// `quantity` is 1 to 99 per line, 100 lines at most (`BAD_USER_INPUT`);
    /// an unknown product, or one not on sale, is `NOT_FOUND`.
    async fn add_to_cart(
        &self,
        ctx: &Context<'_>,
        product_id: ID,
        quantity: i32,
    ) -> Result<CartNode, ApiError> {
        let (caller, services) = caller_and_services(ctx).await?;
        let product_id = parse_id(&product_id, "productId")?;
        cart_node(
            services
                .carts
                .add(caller.user_id, product_id, quantity.into())
                .await?,
        )
    }

    /// Sets a line's quantity, 0 to 99; 0 removes the line. `NOT_FOUND` for
    /// a line that is not in the caller's cart.
    async fn update_cart_line(
        &self,
        ctx: &Context<'_>,
        line_id: ID,
        quantity: i32,
    ) -> Result<CartNode, ApiError> {
        let (caller, services) = caller_and_services(ctx).await?;
        let line_id = parse_id(&line_id, "lineId")?;
        cart_node(
            services
                .carts
                .update(caller.user_id, line_id, quantity.into())
                .await?,
        )
    }

    /// Removes a line from the caller's cart.
    async fn remove_cart_line(&self, ctx: &Context<'_>, line_id: ID) -> Result<CartNode, ApiError> {
        let (caller, services) = caller_and_services(ctx).await?;
        let line_id = parse_id(&line_id, "lineId")?;
        cart_node(services.carts.remove(caller.user_id, line_id).await?)
    }

    /// Empties the caller's cart.
    async fn clear_cart(&self, ctx: &Context<'_>) -> Result<CartNode, ApiError> {
        let (caller, services) = caller_and_services(ctx).await?;
        cart_node(services.carts.clear(caller.user_id).await?)
    }

    /// Checks out the caller's cart: prices from the catalog, stock reserved,
    /// payment authorized and captured, then the order is `PAID`, invoiced,
    /// and its lines leave the cart. Errors: `BAD_USER_INPUT` (empty cart,
    /// key over 255 characters, unknown token, card number),
    /// `NOT_FOUND` (address or saved method not the caller's, unknown
    /// product), `INSUFFICIENT_STOCK`, `PAYMENT_DECLINED` (the order is
    /// `PAYMENT_FAILED`, in `extensions.orderId`; the cart stays),
    /// `UNAVAILABLE` with `extensions.retryable` (retry with the same key),
    /// `CONFLICT` (the key was used for another checkout, or is still in
    /// progress with `extensions.retryable`).
    async fn checkout(
        &self,
        ctx: &Context<'_>,
        input: CheckoutInput,
    ) -> Result<OrderNode, ApiError> {
        let (caller, services) = caller_and_services(ctx).await?;
        let shipping_address_id = parse_id(&input.shipping_address_id, "shippingAddressId")?;
        let payment = match (
            input.payment_method.token,
            input.payment_method.saved_payment_method_id,
        ) {
            (Some(token), None) => PaymentChoice::Token(token),
            (None, Some(id)) => PaymentChoice::Saved(parse_id(&id, "savedPaymentMethodId")?),
            _ => {
                return Err(ApiError::bad_input(
                    "paymentMethod needs exactly one of token and savedPaymentMethodId",
                )
                .with_detail("field", "paymentMethod"));
            }
        };
        let order = services
            .checkout
            .checkout(
                caller,
                CheckoutRequest {
                    idempotency_key: input.idempotency_key,
                    shipping_address_id,
                    payment,
                },
            )
            .await?;
        Ok(OrderNode(order))
    }

    /// Reports how an order's payment stands. If its checkout was left
    /// waiting for the provider, it is finished first (the provider is asked
    /// again with the same idempotency key).
    async fn verify_payment(
        &self,
        ctx: &Context<'_>,
        order_id: ID,
    ) -> Result<PaymentVerification, ApiError> {
        let (caller, services) = caller_and_services(ctx).await?;
        let order_id = parse_id(&order_id, "orderId")?;
        let (order, summary) = services.checkout.verify_payment(caller, order_id).await?;
        Ok(PaymentVerification {
            order: OrderNode(order),
            state: summary.state.into(),
            captured: (&summary.captured).into(),
            refunded: (&summary.refunded).into(),
        })
    }

    /// Saves a card from a provider token (brand, last 4 digits and expiry
    /// are kept; never a card number). `BAD_USER_INPUT` for an unknown token.
    async fn add_payment_method(
        &self,
        ctx: &Context<'_>,
        token: String,
    ) -> Result<PaymentMethodNode, ApiError> {
        let (caller, services) = caller_and_services(ctx).await?;
        Ok(PaymentMethodNode(
            services.ordering.add_payment_method(caller, &token).await?,
        ))
    }

    /// Removes one of the caller's saved payment methods; returns its id.
    async fn remove_payment_method(&self, ctx: &Context<'_>, id: ID) -> Result<ID, ApiError> {
        let (caller, services) = caller_and_services(ctx).await?;
        let uuid = parse_id(&id, "id")?;
        services
            .ordering
            .remove_payment_method(caller, uuid)
            .await?;
        Ok(id)
    }

    /// Staff start fulfilling a paid order (`PAID` → `FULFILLING`).
    /// `CONFLICT` with `extensions.currentStatus` from any other status.
    async fn mark_order_fulfilling(
        &self,
        ctx: &Context<'_>,
        order_id: ID,
    ) -> Result<OrderNode, ApiError> {
        self.move_order(ctx, order_id, OrderStatus::Fulfilling)
            .await
    }

    /// Staff hand the order to a carrier (`FULFILLING` → `SHIPPED`).
    async fn ship_order(
        &self,
        ctx: &Context<'_>,
        order_id: ID,
        carrier: String,
        tracking_number: String,
    ) -> Result<OrderNode, ApiError> {
        let (caller, services) = caller_and_services(ctx).await?;
        let order_id = parse_id(&order_id, "orderId")?;
        Ok(OrderNode(
            services
                .aftercare
                .ship(caller, order_id, &carrier, &tracking_number)
                .await?,
        ))
    }

    /// Staff record the delivery (`SHIPPED` → `DELIVERED`).
    async fn mark_order_delivered(
        &self,
        ctx: &Context<'_>,
        order_id: ID,
    ) -> Result<OrderNode, ApiError> {
        self.move_order(ctx, order_id, OrderStatus::Delivered).await
    }

    /// The customer confirms receipt (`DELIVERED` → `COMPLETED`). Orders
    /// are also completed automatically 14 days after delivery.
    async fn confirm_receipt(
        &self,
        ctx: &Context<'_>,
        order_id: ID,
    ) -> Result<OrderNode, ApiError> {
        self.move_order(ctx, order_id, OrderStatus::Completed).await
    }

    /// Cancels an order: customers until it ships, staff until it is
    /// delivered. A paid order is refunded in full and restocked. Cancelling
    /// a cancelled order returns it unchanged.
    async fn cancel_order(
        &self,
        ctx: &Context<'_>,
        order_id: ID,
        reason: Option<String>,
    ) -> Result<OrderNode, ApiError> {
        let (caller, services) = caller_and_services(ctx).await?;
        let order_id = parse_id(&order_id, "orderId")?;
        Ok(OrderNode(
            services
                .aftercare
                .cancel(caller, order_id, reason.as_deref())
                .await?,
        ))
    }

    /// Staff refund part or all of an order's payment: `amount` is a decimal
    /// string in the order's currency. `CONFLICT` with
    /// `extensions.refundable` when it is more than what is left, even under
    /// concurrent refunds.
    async fn refund_order(
        &self,
        ctx: &Context<'_>,
        order_id: ID,
        amount: String,
        reason: String,
    ) -> Result<RefundNode, ApiError> {
        let (caller, services) = caller_and_services(ctx).await?;
        let order_id = parse_id(&order_id, "orderId")?;
        Ok(RefundNode(
            services
                .aftercare
                .refund(caller, order_id, &amount, &reason)
                .await?,
        ))
    }

    /// The customer asks to return lines of a delivered or completed order,
    /// within 30 days of delivery.
    async fn request_return(
        &self,
        ctx: &Context<'_>,
        input: RequestReturnInput,
    ) -> Result<ReturnNode, ApiError> {
        let (caller, services) = caller_and_services(ctx).await?;
        let order_id = parse_id(&input.order_id, "orderId")?;
        let lines = input
            .lines
            .iter()
            .map(|l| {
                Ok(ReturnLine {
                    product_id: parse_id(&l.product_id, "productId")?,
                    quantity: l.quantity.into(),
                })
            })
            .collect::<Result<Vec<_>, ApiError>>()?;
        Ok(ReturnNode(
            services
                .aftercare
                .request_return(caller, order_id, lines, &input.reason)
                .await?,
        ))
    }

    /// Staff accept a return request.
    async fn approve_return(
        &self,
        ctx: &Context<'_>,
        return_id: ID,
    ) -> Result<ReturnNode, ApiError> {
        let (caller, services) = caller_and_services(ctx).await?;
        let return_id = parse_id(&return_id, "returnId")?;
        Ok(ReturnNode(
            services.aftercare.approve_return(caller, return_id).await?,
        ))
    }

    /// Staff refuse a return request; the order goes back to `DELIVERED`.
    async fn reject_return(
        &self,
        ctx: &Context<'_>,
        return_id: ID,
        note: String,
    ) -> Result<ReturnNode, ApiError> {
        let (caller, services) = caller_and_services(ctx).await?;
        let return_id = parse_id(&return_id, "returnId")?;
        Ok(ReturnNode(
            services
                .aftercare
                .reject_return(caller, return_id, &note)
                .await?,
        ))
    }

    /// Staff receive an approved return: the items are restocked
    /// (`AdjustStock`, reason `RETURN`) and refunded, by default the lines'
    /// price with their tax, or `refundAmount` (a decimal string; "0" for no
    /// refund). The order becomes `RETURNED`, then `REFUNDED`.
    async fn receive_return(
        &self,
        ctx: &Context<'_>,
        return_id: ID,
        refund_amount: Option<String>,
    ) -> Result<OrderNode, ApiError> {
        let (caller, services) = caller_and_services(ctx).await?;
        let return_id = parse_id(&return_id, "returnId")?;
        Ok(OrderNode(
            services
                .aftercare
                .receive_return(caller, return_id, refund_amount.as_deref())
                .await?,
        ))
    }

    /// Copies one of the caller's orders into the cart at today's prices;
    /// lines that are unavailable are skipped and reported.
    async fn reorder(&self, ctx: &Context<'_>, order_id: ID) -> Result<ReorderResult, ApiError> {
        let (caller, services) = caller_and_services(ctx).await?;
        let order_id = parse_id(&order_id, "orderId")?;
        let order = services.ordering.order_for(caller, order_id).await?;
        if order.user_id != caller.user_id {
            // Staff may read any order, but reorder into their own cart only
            // what they bought.
            return Err(crate::error::Error::NotFound.into());
        }
        let (view, skipped) = services.carts.reorder(caller.user_id, &order).await?;
        Ok(ReorderResult {
            cart: cart_node(view)?,
            skipped: skipped.into_iter().map(Into::into).collect(),
        })
    }
}
