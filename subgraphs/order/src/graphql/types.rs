//! The object types of the order subgraph.

use async_graphql::dataloader::DataLoader;
use async_graphql::{Context, Enum, ID, Object, SimpleObject};
use chrono::{DateTime, Utc};
use platform::ApiError;
use platform::money::{Money, MoneyObject};

use super::*;
use crate::app::carts::{CartLineView, CartProblem, CartProblemKind, CartView, SkippedLine};
use crate::domain::pricing::Destination;
use crate::domain::{
    ActorKind, Invoice, Order, OrderEvent, OrderLine, OrderStatus, Party, Payment, PaymentStatus,
    Refund, RefundStatus, ReturnRequest, ReturnStatus, SavedPaymentMethod, Shipment,
    ShipmentStatus, ShippingAddress,
};

pub(super) fn money(m: &Money) -> MoneyObject {
    MoneyObject::from(m)
}

fn percent(bp: i32) -> String {
    format!("{}.{:02}", bp / 100, bp % 100)
}

/// Where an order is in its life. Moves are listed in the README
/// ("Order lifecycle"); an illegal move is `CONFLICT` with
/// `extensions.currentStatus`.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(name = "OrderStatus")]
pub enum OrderStatusName {
    /// Stock is reserved and the payment is being taken.
    PendingPayment,
    /// Paid; stock sold; waiting to be fulfilled.
    Paid,
    /// The payment was declined; the stock went back. Final.
    PaymentFailed,
    /// Staff are picking and packing it.
    Fulfilling,
    /// Handed to a carrier; see `shipment`.
    Shipped,
    /// The carrier delivered it.
    Delivered,
    /// Receipt confirmed by the customer, or automatically 14 days after delivery.
    Completed,
    /// Cancelled; a paid order was refunded in full and restocked. Final.
    Cancelled,
    /// The customer asked to return some lines.
    ReturnRequested,
    /// The returned items arrived and were restocked.
    Returned,
    /// The return was refunded. Final.
    Refunded,
}

impl From<OrderStatus> for OrderStatusName {
    fn from(status: OrderStatus) -> Self {
        use OrderStatus as S;
        match status {
            S::PendingPayment => Self::PendingPayment,
            S::Paid => Self::Paid,
            S::PaymentFailed => Self::PaymentFailed,
            S::Fulfilling => Self::Fulfilling,
            S::Shipped => Self::Shipped,
            S::Delivered => Self::Delivered,
            S::Completed => Self::Completed,
            S::Cancelled => Self::Cancelled,
            S::ReturnRequested => Self::ReturnRequested,
            S::Returned => Self::Returned,
            S::Refunded => Self::Refunded,
        }
    }
}

impl From<OrderStatusName> for OrderStatus {
    fn from(status: OrderStatusName) -> Self {
        OrderStatus::ALL
            .into_iter()
            .find(|s| OrderStatusName::from(*s) == status)
            .unwrap_or(OrderStatus::PendingPayment)
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

    /// What was ordered, with names, SKUs and prices as they were at checkout.
    async fn lines(&self) -> Vec<OrderLineNode> {
        self.0.lines.iter().cloned().map(OrderLineNode).collect()
    }

    /// Sum of the line totals.
    async fn subtotal(&self) -> MoneyObject {
        money(&self.0.subtotal)
    }

    /// Shipping, by weight and destination.
    async fn shipping_cost(&self) -> MoneyObject {
        money(&self.0.shipping)
    }

    /// Tax rate applied, in percent, e.g. "19.00".
    async fn tax_rate_percent(&self) -> String {
        percent(self.0.tax_rate_bp)
    }

    /// Tax on goods and shipping.
    async fn tax(&self) -> MoneyObject {
        money(&self.0.tax)
    }

    /// What the customer pays: subtotal + shipping + tax.
    async fn total(&self) -> MoneyObject {
        money(&self.0.total)
    }

    /// Where it ships, as the address was at checkout. Null for orders placed
    /// before checkout existed.
    async fn shipping_address(&self) -> Option<OrderAddress> {
        self.0.shipping_address.clone().map(OrderAddress)
    }

    /// The customer who placed it.
    async fn customer(&self) -> UserRef {
        UserRef { id: self.0.user_id }
    }

    /// Payment attempts, oldest first, with the provider's references.
    async fn payments(&self, ctx: &Context<'_>) -> Result<Vec<PaymentNode>, ApiError> {
        let payments = loader::<DataLoader<PerOrder<Vec<Payment>>>>(ctx)?
            .load_one(self.0.id)
            .await?
            .unwrap_or_default();
        Ok(payments.into_iter().map(PaymentNode).collect())
    }

    /// Refunds, oldest first.
    async fn refunds(&self, ctx: &Context<'_>) -> Result<Vec<RefundNode>, ApiError> {
        let refunds = loader::<DataLoader<PerOrder<Vec<Refund>>>>(ctx)?
            .load_one(self.0.id)
            .await?
            .unwrap_or_default();
        Ok(refunds.into_iter().map(RefundNode).collect())
    }

    /// The invoice, issued when the order was paid; null before.
    async fn invoice(&self, ctx: &Context<'_>) -> Result<Option<InvoiceNode>, ApiError> {
        let invoice = loader::<DataLoader<PerOrder<Invoice>>>(ctx)?
            .load_one(self.0.id)
            .await?;
        Ok(invoice.map(|i| InvoiceNode(i, self.0.clone())))
    }

    /// The parcel: carrier, tracking number, status and tracking events;
    /// null until the order ships.
    async fn shipment(&self, ctx: &Context<'_>) -> Result<Option<ShipmentNode>, ApiError> {
        Ok(loader::<DataLoader<PerOrder<Shipment>>>(ctx)?
            .load_one(self.0.id)
            .await?
            .map(ShipmentNode))
    }

    /// Return requests, oldest first.
    async fn returns(&self, ctx: &Context<'_>) -> Result<Vec<ReturnNode>, ApiError> {
        let returns = loader::<DataLoader<PerOrder<Vec<ReturnRequest>>>>(ctx)?
            .load_one(self.0.id)
            .await?
            .unwrap_or_default();
        Ok(returns.into_iter().map(ReturnNode).collect())
    }

    /// Every status the order went through, oldest first.
    async fn timeline(&self, ctx: &Context<'_>) -> Result<Vec<OrderEventNode>, ApiError> {
        let events = loader::<DataLoader<PerOrder<Vec<OrderEvent>>>>(ctx)?
            .load_one(self.0.id)
            .await?
            .unwrap_or_default();
        Ok(events.into_iter().map(OrderEventNode).collect())
    }

    /// When the order was placed.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }

    /// When its status last changed.
    async fn updated_at(&self) -> DateTime<Utc> {
        self.0.updated_at
    }
}

/// The shipping address of an order, as it was at checkout.
pub struct OrderAddress(ShippingAddress);

#[Object]
impl OrderAddress {
    /// Who receives the parcel.
    async fn recipient(&self) -> &str {
        &self.0.recipient
    }
    /// Street and number.
    async fn line1(&self) -> &str {
        &self.0.line1
    }
    /// Apartment, suite, floor.
    async fn line2(&self) -> Option<&str> {
        self.0.line2.as_deref()
    }
    /// City.
    async fn city(&self) -> &str {
        &self.0.city
    }
    /// State, province or region.
    async fn region(&self) -> Option<&str> {
        self.0.region.as_deref()
    }
    /// Postal code.
    async fn postal_code(&self) -> &str {
        &self.0.postal_code
    }
    /// ISO 3166-1 alpha-2 country code.
    async fn country(&self) -> &str {
        &self.0.country
    }
    /// Phone number for the carrier, E.164.
    async fn phone(&self) -> Option<&str> {
        self.0.phone.as_deref()
    }
}

/// One product in an order.
pub struct OrderLineNode(pub OrderLine);

#[Object(name = "OrderLine")]
impl OrderLineNode {
    /// The product ordered; its current fields come from the product subgraph.
    async fn product(&self) -> ProductNode {
        ProductNode::stub(self.0.product_id)
    }

    /// The product's name at checkout.
    async fn product_name(&self) -> &str {
        &self.0.product_name
    }

    /// The product's SKU at checkout, if it had one.
    async fn sku(&self) -> Option<&str> {
        self.0.sku.as_deref()
    }

    /// Units ordered, 1 to 99.
    async fn quantity(&self) -> i64 {
        self.0.quantity
    }

    /// Price of one unit at checkout.
    async fn unit_price(&self) -> MoneyObject {
        money(&self.0.unit_price)
    }

    /// `unitPrice × quantity`.
    async fn line_total(&self) -> Result<MoneyObject, ApiError> {
        Ok(money(&self.0.total().map_err(ApiError::internal)?))
    }
}

/// Where a payment stands.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(name = "PaymentStatus")]
pub enum PaymentStatusName {
    /// The money is held on the card.
    Authorized,
    /// The money was taken.
    Captured,
    /// The hold was dropped; nothing was taken.
    Voided,
    /// The provider declined; see `failureReason`.
    Failed,
}

/// One payment attempt of an order.
pub struct PaymentNode(pub Payment);

#[Object(name = "Payment")]
impl PaymentNode {
    /// Unique id (a UUID).
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    /// Where the payment stands.
    async fn status(&self) -> PaymentStatusName {
        match self.0.status {
            PaymentStatus::Authorized => PaymentStatusName::Authorized,
            PaymentStatus::Captured => PaymentStatusName::Captured,
            PaymentStatus::Voided => PaymentStatusName::Voided,
            PaymentStatus::Failed => PaymentStatusName::Failed,
        }
    }
    /// The amount authorized or captured.
    async fn amount(&self) -> MoneyObject {
        money(&self.0.amount)
    }
    /// Card brand, e.g. "Visa".
    async fn card_brand(&self) -> &str {
        &self.0.brand
    }
    /// Last four digits of the card.
    async fn card_last4(&self) -> &str {
        &self.0.last4
    }
    /// The provider's reference: the capture once captured, else the
    /// authorization.
    async fn provider_reference(&self) -> Option<&str> {
        self.0
            .capture_ref
            .as_deref()
            .or(self.0.authorization_ref.as_deref())
    }
    /// The provider's reason for a decline, e.g. "insufficient_funds".
    async fn failure_reason(&self) -> Option<&str> {
        self.0.failure_reason.as_deref()
    }
    /// When the payment was attempted.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
}

/// Where a refund stands.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(name = "RefundStatus")]
pub enum RefundStatusName {
    /// Recorded; waiting for the provider (retried automatically).
    Pending,
    /// The money went back to the card.
    Succeeded,
    /// The provider refused.
    Failed,
}

/// Money given back on an order.
pub struct RefundNode(pub Refund);

#[Object(name = "Refund")]
impl RefundNode {
    /// Unique id (a UUID).
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    /// The amount given back.
    async fn amount(&self) -> MoneyObject {
        money(&self.0.amount)
    }
    /// Where the refund stands.
    async fn status(&self) -> RefundStatusName {
        match self.0.status {
            RefundStatus::Pending => RefundStatusName::Pending,
            RefundStatus::Succeeded => RefundStatusName::Succeeded,
            RefundStatus::Failed => RefundStatusName::Failed,
        }
    }
    /// Why it was made.
    async fn reason(&self) -> &str {
        &self.0.reason
    }
    /// The provider's refund reference.
    async fn provider_reference(&self) -> Option<&str> {
        self.0.provider_ref.as_deref()
    }
    /// The return it pays for, if any.
    async fn return_id(&self) -> Option<ID> {
        self.0.return_id.map(|id| ID(id.to_string()))
    }
    /// When it was made.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
}

/// Who made a change to an order.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
pub enum OrderActorKind {
    /// The customer who owns the order.
    Customer,
    /// A member of staff.
    Staff,
    /// The service itself: checkout, recovery, timers.
    System,
}

/// One entry of an order's timeline.
pub struct OrderEventNode(pub OrderEvent);

#[Object(name = "OrderEvent")]
impl OrderEventNode {
    /// The status the order entered.
    async fn status(&self) -> OrderStatusName {
        self.0.status.into()
    }
    /// When.
    async fn at(&self) -> DateTime<Utc> {
        self.0.at
    }
    /// Who made the change.
    async fn actor_kind(&self) -> OrderActorKind {
        match self.0.actor.kind {
            ActorKind::Customer => OrderActorKind::Customer,
            ActorKind::Staff => OrderActorKind::Staff,
            ActorKind::System => OrderActorKind::System,
        }
    }
    /// The user who made it; null for the system.
    async fn actor(&self) -> Option<UserRef> {
        self.0.actor.user_id.map(|id| UserRef { id })
    }
    /// What happened, in words.
    async fn note(&self) -> &str {
        &self.0.note
    }
}

/// A seller or buyer as printed on an invoice.
pub struct InvoiceParty(Party);

#[Object]
impl InvoiceParty {
    /// Name.
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// Email address, if known.
    async fn email(&self) -> Option<&str> {
        self.0.email.as_deref()
    }
    /// Address lines, in print order.
    async fn address(&self) -> &[String] {
        &self.0.address
    }
    /// VAT or tax number, if any.
    async fn tax_id(&self) -> Option<&str> {
        self.0.tax_id.as_deref()
    }
}

/// The invoice of a paid order.
pub struct InvoiceNode(pub Invoice, pub Order);

#[Object(name = "Invoice")]
impl InvoiceNode {
    /// Unique id (a UUID).
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    /// Sequential invoice number with no gaps, e.g. "INV-000042".
    async fn number(&self) -> String {
        self.0.display_number()
    }
    /// When it was issued (when the order was paid).
    async fn issued_at(&self) -> DateTime<Utc> {
        self.0.issued_at
    }
    /// Who sells.
    async fn seller(&self) -> InvoiceParty {
        InvoiceParty(self.0.seller.clone())
    }
    /// Who buys, with the billing (shipping) address.
    async fn buyer(&self) -> InvoiceParty {
        InvoiceParty(self.0.buyer.clone())
    }
    /// The order's lines.
    async fn lines(&self) -> Vec<OrderLineNode> {
        self.1.lines.iter().cloned().map(OrderLineNode).collect()
    }
    /// Sum of the lines.
    async fn subtotal(&self) -> MoneyObject {
        money(&self.1.subtotal)
    }
    /// Shipping.
    async fn shipping_cost(&self) -> MoneyObject {
        money(&self.1.shipping)
    }
    /// Tax rate in percent, e.g. "19.00".
    async fn tax_rate_percent(&self) -> String {
        percent(self.1.tax_rate_bp)
    }
    /// Tax on goods and shipping.
    async fn tax(&self) -> MoneyObject {
        money(&self.1.tax)
    }
    /// Total paid.
    async fn total(&self) -> MoneyObject {
        money(&self.1.total)
    }
    /// The invoiced order.
    async fn order(&self) -> OrderNode {
        OrderNode(self.1.clone())
    }
    /// Where to download the PDF: an HTTP GET on the order service with the
    /// owner's or a staff bearer token.
    async fn pdf_path(&self) -> String {
        format!("/invoices/{}.pdf", self.0.id)
    }
}

/// A customer's cart, priced now.
pub struct CartNode {
    /// The priced cart.
    pub view: CartView,
    /// Where estimates are computed for.
    pub destination: Destination,
}

#[Object(name = "Cart")]
impl CartNode {
    /// The lines, oldest first.
    async fn lines(&self) -> Vec<CartLineNode> {
        self.view.lines.iter().cloned().map(CartLineNode).collect()
    }
    /// Units in the cart, over all lines.
    async fn item_count(&self) -> i64 {
        self.view.lines.iter().map(|l| l.line.quantity).sum()
    }
    /// Sum of the lines at today's prices; null for an empty cart.
    async fn subtotal(&self) -> Result<Option<MoneyObject>, ApiError> {
        Ok(self.view.subtotal()?.as_ref().map(money))
    }
    /// Shipping to the `shipTo` destination, with checkout's rate table.
    async fn estimated_shipping(&self) -> Result<Option<MoneyObject>, ApiError> {
        Ok(self
            .view
            .estimate(&self.destination)?
            .map(|t| money(&t.shipping)))
    }
    /// Tax for the `shipTo` destination.
    async fn estimated_tax(&self) -> Result<Option<MoneyObject>, ApiError> {
        Ok(self
            .view
            .estimate(&self.destination)?
            .map(|t| money(&t.tax)))
    }
    /// Subtotal + estimated shipping + estimated tax.
    async fn total(&self) -> Result<Option<MoneyObject>, ApiError> {
        Ok(self
            .view
            .estimate(&self.destination)?
            .map(|t| money(&t.total)))
    }
    /// The destination the estimates are for (ISO country code).
    async fn estimate_country(&self) -> &str {
        &self.destination.country
    }
    /// Lines that cannot be bought as they are: unavailable, short of stock,
    /// or repriced since they were added. Checked against the product
    /// service in one call for the whole cart.
    async fn problems(&self) -> Vec<CartProblemNode> {
        self.view
            .problems()
            .into_iter()
            .map(CartProblemNode)
            .collect()
    }
}

/// One line of a cart.
pub struct CartLineNode(CartLineView);

#[Object(name = "CartLine")]
impl CartLineNode {
    /// Unique id (a UUID), for `updateCartLine` and `removeCartLine`.
    async fn id(&self) -> ID {
        ID(self.0.line.id.to_string())
    }
    /// The product.
    async fn product(&self) -> ProductNode {
        ProductNode::stub(self.0.line.product_id)
    }
    /// Units, 1 to 99.
    async fn quantity(&self) -> i64 {
        self.0.line.quantity
    }
    /// The price of one unit now.
    async fn unit_price(&self) -> MoneyObject {
        money(self.0.unit_price())
    }
    /// The price of one unit when the line was added.
    async fn price_when_added(&self) -> MoneyObject {
        money(&self.0.line.added_price)
    }
    /// `unitPrice × quantity`.
    async fn line_total(&self) -> Result<MoneyObject, ApiError> {
        Ok(money(&self.0.line_total()?))
    }
    /// When the line was added.
    async fn added_at(&self) -> DateTime<Utc> {
        self.0.line.added_at
    }
}

/// What is wrong with a cart line.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(name = "CartProblemKind")]
pub enum CartProblemKindName {
    /// The product was deleted or is no longer on sale.
    Unavailable,
    /// Fewer units are available than the line asks for.
    InsufficientStock,
    /// The price changed since the line was added.
    PriceChanged,
}

/// A problem with one cart line.
pub struct CartProblemNode(CartProblem);

#[Object(name = "CartProblem")]
impl CartProblemNode {
    /// The line concerned.
    async fn line_id(&self) -> ID {
        ID(self.0.line_id.to_string())
    }
    /// The product concerned.
    async fn product(&self) -> ProductNode {
        ProductNode::stub(self.0.product_id)
    }
    /// What is wrong.
    async fn kind(&self) -> CartProblemKindName {
        match self.0.kind {
            CartProblemKind::Unavailable => CartProblemKindName::Unavailable,
            CartProblemKind::InsufficientStock => CartProblemKindName::InsufficientStock,
            CartProblemKind::PriceChanged => CartProblemKindName::PriceChanged,
        }
    }
    /// What is wrong, in words.
    async fn message(&self) -> &str {
        &self.0.message
    }
    /// Units available now (INSUFFICIENT_STOCK).
    async fn available(&self) -> Option<i64> {
        self.0.available
    }
    /// The price when the line was added (PRICE_CHANGED).
    async fn previous_price(&self) -> Option<MoneyObject> {
        self.0.previous_price.as_ref().map(money)
    }
    /// The price now (PRICE_CHANGED).
    async fn current_price(&self) -> Option<MoneyObject> {
        self.0.current_price.as_ref().map(money)
    }
}

/// A saved card. Only the brand, last four digits and expiry are kept.
pub struct PaymentMethodNode(pub SavedPaymentMethod);

#[Object(name = "PaymentMethod")]
impl PaymentMethodNode {
    /// Unique id (a UUID), for `checkout` and `removePaymentMethod`.
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    /// Card brand, e.g. "Visa".
    async fn brand(&self) -> &str {
        &self.0.brand
    }
    /// Last four digits.
    async fn last4(&self) -> &str {
        &self.0.last4
    }
    /// Expiry month, 1 to 12.
    async fn exp_month(&self) -> i16 {
        self.0.exp_month
    }
    /// Expiry year, e.g. 2030.
    async fn exp_year(&self) -> i16 {
        self.0.exp_year
    }
    /// When it was saved.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
}

/// How an order's payment stands.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(name = "PaymentState")]
pub enum PaymentStateName {
    /// Not settled yet (the provider has not answered).
    Pending,
    /// Captured in full, nothing refunded.
    Paid,
    /// Declined, or voided; nothing was taken.
    Failed,
    /// Part of the capture was refunded.
    PartiallyRefunded,
    /// All of the capture was refunded.
    Refunded,
}

impl From<crate::domain::PaymentState> for PaymentStateName {
    fn from(state: crate::domain::PaymentState) -> Self {
        use crate::domain::PaymentState as S;
        match state {
            S::Pending => Self::Pending,
            S::Paid => Self::Paid,
            S::Failed => Self::Failed,
            S::PartiallyRefunded => Self::PartiallyRefunded,
            S::Refunded => Self::Refunded,
        }
    }
}

/// The answer of `verifyPayment`.
#[derive(SimpleObject)]
pub struct PaymentVerification {
    /// The order, as it stands now.
    pub order: OrderNode,
    /// How its payment stands.
    pub state: PaymentStateName,
    /// Money captured.
    pub captured: MoneyObject,
    /// Money refunded (including refunds still pending).
    pub refunded: MoneyObject,
}

/// A line `reorder` could not put back in the cart.
#[derive(SimpleObject)]
pub struct SkippedReorderLine {
    /// The product.
    pub product: ProductNode,
    /// Its name on the order.
    pub product_name: String,
    /// Why it was skipped.
    pub reason: String,
}

impl From<SkippedLine> for SkippedReorderLine {
    fn from(line: SkippedLine) -> Self {
        Self {
            product: ProductNode::stub(line.product_id),
            product_name: line.product_name,
            reason: line.reason,
        }
    }
}

/// The answer of `reorder`.
#[derive(SimpleObject)]
pub struct ReorderResult {
    /// The cart with the order's lines added.
    pub cart: CartNode,
    /// Lines that were unavailable and left out.
    pub skipped: Vec<SkippedReorderLine>,
}

/// Where a parcel is.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(name = "ShipmentStatus")]
pub enum ShipmentStatusName {
    /// With the carrier.
    InTransit,
    /// Delivered.
    Delivered,
}

/// The parcel of a shipped order.
pub struct ShipmentNode(pub Shipment);

#[Object(name = "Shipment")]
impl ShipmentNode {
    /// The carrier, e.g. "UPS".
    async fn carrier(&self) -> &str {
        &self.0.carrier
    }
    /// The carrier's tracking number.
    async fn tracking_number(&self) -> &str {
        &self.0.tracking_number
    }
    /// Where the parcel is.
    async fn status(&self) -> ShipmentStatusName {
        match self.0.status {
            ShipmentStatus::InTransit => ShipmentStatusName::InTransit,
            ShipmentStatus::Delivered => ShipmentStatusName::Delivered,
        }
    }
    /// When it was handed to the carrier.
    async fn shipped_at(&self) -> DateTime<Utc> {
        self.0.shipped_at
    }
    /// When it was delivered.
    async fn delivered_at(&self) -> Option<DateTime<Utc>> {
        self.0.delivered_at
    }
    /// Tracking events, oldest first.
    async fn events(&self) -> Vec<TrackingEvent> {
        self.0
            .events
            .iter()
            .map(|e| TrackingEvent {
                status: e.status.clone(),
                description: e.description.clone(),
                location: e.location.clone(),
                at: e.at,
            })
            .collect()
    }
}

/// One tracking event of a shipment.
#[derive(SimpleObject)]
pub struct TrackingEvent {
    /// `IN_TRANSIT` or `DELIVERED`.
    pub status: String,
    /// What happened.
    pub description: String,
    /// Where, when the carrier says.
    pub location: Option<String>,
    /// When.
    pub at: DateTime<Utc>,
}

/// Where a return request stands.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(name = "ReturnStatus")]
pub enum ReturnStatusName {
    /// Asked for by the customer.
    Requested,
    /// Accepted by staff; the customer sends the items back.
    Approved,
    /// Refused by staff.
    Rejected,
    /// The items arrived, were restocked and refunded.
    Received,
}

/// Units of one product in a return.
#[derive(SimpleObject)]
pub struct ReturnLineNode {
    /// The product.
    pub product: ProductNode,
    /// Units returned.
    pub quantity: i64,
}

/// A customer's request to return lines of a delivered order.
pub struct ReturnNode(pub ReturnRequest);

#[Object(name = "Return")]
impl ReturnNode {
    /// Unique id (a UUID).
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    /// Where the request stands.
    async fn status(&self) -> ReturnStatusName {
        match self.0.status {
            ReturnStatus::Requested => ReturnStatusName::Requested,
            ReturnStatus::Approved => ReturnStatusName::Approved,
            ReturnStatus::Rejected => ReturnStatusName::Rejected,
            ReturnStatus::Received => ReturnStatusName::Received,
        }
    }
    /// The customer's reason.
    async fn reason(&self) -> &str {
        &self.0.reason
    }
    /// What is returned.
    async fn lines(&self) -> Vec<ReturnLineNode> {
        self.0
            .lines
            .iter()
            .map(|l| ReturnLineNode {
                product: ProductNode::stub(l.product_id),
                quantity: l.quantity,
            })
            .collect()
    }
    /// When it was requested.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
}
