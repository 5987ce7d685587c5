//! The root `Query` and its filter inputs.

use super::*;

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

pub(super) fn order_filter(
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

/// The root `Query` type, with the entity resolvers.
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
    #[graphql(complexity = "platform::limits::list_cost(first, child_complexity)")]
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
