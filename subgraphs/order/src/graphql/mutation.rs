//! The root `Mutation` and its inputs.

use super::*;

/// How to pay at checkout: exactly one of the two.
#[derive(InputObject)]
pub struct PaymentMethodInput {
    /// The payment provider's token, never a card number: with Stripe
    /// (production) a PaymentMethod id from Stripe.js or a mobile SDK,
    /// `pm_...`; with the development simulator a test card such as
    /// `tok_visa` (see the README).
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

pub(super) async fn caller_and_services<'a>(
    ctx: &'a Context<'_>,
) -> Result<(&'a Principal, &'a Arc<Services>), ApiError> {
    Ok((platform::auth::principal(ctx).await?, services(ctx)?))
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

/// The root `Mutation` type.
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
    /// are kept; never a card number). With Stripe the PaymentMethod is
    /// attached to a Stripe Customer, so that it can pay again.
    /// `BAD_USER_INPUT` for an unknown or declined token.
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
