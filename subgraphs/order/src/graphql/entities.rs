//! The entities this subgraph extends: `User` (orders, cart, payment
//! methods) and `Product` (shipping estimates).

use async_graphql::{ComplexObject, SimpleObject};
use platform::money::{Currency, Money, MoneyObject};

use super::*;
use crate::domain::pricing::shipping_cost;

// Owned by the product subgraph: this one adds shipping estimates, and
// every other field comes from there. The description is the owner's, so
// that composition finds one description for `Product`.
/// A product for sale.
#[derive(SimpleObject)]
#[graphql(name = "Product", complex)]
pub struct ProductNode {
    /// Unique id (a UUID).
    pub id: ID,
    /// Shipping weight in grams (owned by the product subgraph).
    #[graphql(external)]
    pub weight_grams: i32,
}

impl ProductNode {
    /// A reference the router resolves in the product subgraph.
    pub fn stub(id: Uuid) -> Self {
        Self {
            id: ID(id.to_string()),
            weight_grams: 0,
        }
    }
}

#[ComplexObject]
impl ProductNode {
    /// What shipping one unit costs to `postalCode` in `country` (ISO 3166-1
    /// alpha-2), in `currency`, from the same rate table checkout uses. A
    /// whole order is priced by its total weight (and ships free in the US
    /// from 100.00). `BAD_USER_INPUT` for a bad country, postal code or
    /// currency.
    #[graphql(requires = "weightGrams")]
    async fn shipping_estimate(
        &self,
        postal_code: String,
        country: String,
        #[graphql(default_with = "String::from(\"USD\")")] currency: String,
    ) -> Result<MoneyObject, ApiError> {
        let destination = Destination::parse(&country, &postal_code).map_err(|e| {
            ApiError::bad_input(e.to_string()).with_detail(
                "field",
                if e == crate::domain::pricing::DestinationError::Country {
                    "country"
                } else {
                    "postalCode"
                },
            )
        })?;
        let currency = Currency::parse(&currency)
            .map_err(|e| ApiError::bad_input(e.to_string()).with_detail("field", "currency"))?;
        let cost = shipping_cost(
            &destination,
            i64::from(self.weight_grams),
            &Money::from_minor(0, currency),
        )
        .map_err(|e| ApiError::bad_input(e.to_string()))?;
        Ok(money(&cost))
    }
}

/// A user of the user subgraph, extended here with their orders, cart and
/// payment methods.
pub struct UserRef {
    /// The user's id (a UUID).
    pub id: Uuid,
}

#[Object(name = "User")]
impl UserRef {
    /// Unique id (a UUID).
    async fn id(&self) -> ID {
        ID(self.id.to_string())
    }

    /// The user's orders, newest first, as a Relay connection. Visible to the
    /// user and to staff (`FORBIDDEN` for anyone else). `first` is 0 to 100.
    #[graphql(complexity = "platform::limits::list_cost(first, child_complexity)")]
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
