//! Orders as the business sees them. Nothing here knows about GraphQL, gRPC
//! or SQL.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use platform::money::{Money, MoneyError};
use uuid::Uuid;

/// Most distinct products in one order.
pub const MAX_LINES: usize = 100;
/// Most units of one product in one order.
pub const MAX_QUANTITY: i64 = 99;

pub mod events;
pub mod invoice_pdf;
pub mod lifecycle;
pub mod pricing;

pub use lifecycle::{
    Actor, ActorKind, OrderStatus, TransitionError, check_transition, check_transition_for,
};

/// One line of an order, with the product's name and price as they were when
/// the order was placed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderLine {
    /// The product bought.
    pub product_id: Uuid,
    /// Its name at purchase.
    pub product_name: String,
    /// The SKU at purchase, when the product had one.
    pub sku: Option<String>,
    /// Units bought.
    pub quantity: i64,
    /// The price per unit at purchase, as charged.
    pub unit_price: Money,
}

impl OrderLine {
    /// Unit price times quantity.
    pub fn total(&self) -> Result<Money, MoneyError> {
        self.unit_price.times(self.quantity)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
/// An order: what was bought, for how much, where it goes, and where it
/// is in its life ([`OrderStatus`]).
pub struct Order {
    /// The order id (UUIDv7), also the stock reservation's id.
    pub id: Uuid,
    /// The customer.
    pub user_id: Uuid,
    /// Where the order is in its life.
    pub status: OrderStatus,
    /// What was bought.
    pub lines: Vec<OrderLine>,
    /// Sum of the lines.
    pub subtotal: Money,
    /// Shipping charged.
    pub shipping: Money,
    /// Tax charged.
    pub tax: Money,
    /// Tax rate applied, in basis points (1900 = 19 %).
    pub tax_rate_bp: i32,
    /// `subtotal + shipping + tax`: what the customer pays.
    pub total: Money,
    /// The address at checkout; `None` for orders placed before checkout.
    pub shipping_address: Option<ShippingAddress>,
    /// When the order was placed.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

/// The shipping address as it was when the order was placed (from the user
/// service's `GetAddress`), so later edits of the address book do not change
/// where an order went.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ShippingAddress {
    /// Who receives the parcel.
    pub recipient: String,
    /// Street and number.
    pub line1: String,
    /// Apartment, floor, ...
    pub line2: Option<String>,
    /// City.
    pub city: String,
    /// State, province or region.
    pub region: Option<String>,
    /// Postal code.
    pub postal_code: String,
    /// ISO 3166-1 alpha-2 country code.
    pub country: String,
    /// A phone number for the carrier.
    pub phone: Option<String>,
}

/// One entry of an order's timeline: a status it entered, when, by whom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderEvent {
    /// The order that moved.
    pub order_id: Uuid,
    /// The status it moved to.
    pub status: OrderStatus,
    /// Who moved it.
    pub actor: Actor,
    /// Why, in a sentence.
    pub note: String,
    /// When.
    pub at: DateTime<Utc>,
}

/// Most lines in one cart.
pub const MAX_CART_LINES: usize = 100;

/// One line of a customer's cart, with the price the product had when it was
/// added (to report a price change).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CartLine {
    /// The line id.
    pub id: Uuid,
    /// The product in the cart.
    pub product_id: Uuid,
    /// Units, 1 to 99.
    pub quantity: i64,
    /// The price when it was added, to tell the customer it changed.
    pub added_price: Money,
    /// When it was added.
    pub added_at: DateTime<Utc>,
}

/// Where a payment stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaymentStatus {
    /// The money is held on the card.
    Authorized,
    /// The money was taken.
    Captured,
    /// The hold was dropped without taking the money.
    Voided,
    /// The provider declined.
    Failed,
}

impl PaymentStatus {
    /// The name used in GraphQL and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            PaymentStatus::Authorized => "AUTHORIZED",
            PaymentStatus::Captured => "CAPTURED",
            PaymentStatus::Voided => "VOIDED",
            PaymentStatus::Failed => "FAILED",
        }
    }

    /// The inverse of `as_str`.
    pub fn parse(value: &str) -> Option<Self> {
        [
            PaymentStatus::Authorized,
            PaymentStatus::Captured,
            PaymentStatus::Voided,
            PaymentStatus::Failed,
        ]
        .into_iter()
        .find(|s| s.as_str() == value)
    }
}

/// A payment of an order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payment {
    /// The payment id.
    pub id: Uuid,
    /// The order it pays.
    pub order_id: Uuid,
    /// Where the payment is.
    pub status: PaymentStatus,
    /// The amount authorized and captured.
    pub amount: Money,
    /// The card brand, for the customer.
    pub brand: String,
    /// The card's last four digits, for the customer.
    pub last4: String,
    /// The provider's authorization reference.
    pub authorization_ref: Option<String>,
    /// The provider's capture reference, once captured.
    pub capture_ref: Option<String>,
    /// The provider's reason, when it failed.
    pub failure_reason: Option<String>,
    /// When the payment was made.
    pub created_at: DateTime<Utc>,
}

/// A saved card: the provider's token and what identifies the card to its
/// owner. Never a card number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedPaymentMethod {
    /// The saved method's id.
    pub id: Uuid,
    /// Whose it is.
    pub user_id: Uuid,
    /// The provider's reusable token (never a card number).
    pub provider_token: String,
    /// The card brand.
    pub brand: String,
    /// The card's last four digits.
    pub last4: String,
    /// Expiry month.
    pub exp_month: i16,
    /// Expiry year.
    pub exp_year: i16,
    /// When it was saved.
    pub created_at: DateTime<Utc>,
}

/// Where a refund stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefundStatus {
    /// Recorded (and counted against what may still be refunded); the
    /// provider has not confirmed it yet.
    Pending,
    /// The provider returned the money.
    Succeeded,
    /// The provider refused; it no longer counts.
    Failed,
}

impl RefundStatus {
    /// The name used in GraphQL and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            RefundStatus::Pending => "PENDING",
            RefundStatus::Succeeded => "SUCCEEDED",
            RefundStatus::Failed => "FAILED",
        }
    }

    /// The inverse of `as_str`.
    pub fn parse(value: &str) -> Option<Self> {
        [
            RefundStatus::Pending,
            RefundStatus::Succeeded,
            RefundStatus::Failed,
        ]
        .into_iter()
        .find(|s| s.as_str() == value)
    }
}

/// Money given back on an order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refund {
    /// The refund id.
    pub id: Uuid,
    /// The order refunded.
    pub order_id: Uuid,
    /// The captured payment it comes from.
    pub payment_id: Uuid,
    /// How much is given back.
    pub amount: Money,
    /// Where the refund is.
    pub status: RefundStatus,
    /// Why, as staff or the system wrote it.
    pub reason: String,
    /// The provider's refund id, once it succeeded.
    pub provider_ref: Option<String>,
    /// The return it pays for, if any.
    pub return_id: Option<Uuid>,
    /// Who asked for it.
    pub actor: Actor,
    /// When it was asked for.
    pub created_at: DateTime<Utc>,
}

/// Where a parcel is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShipmentStatus {
    /// On its way.
    InTransit,
    /// Handed to the customer.
    Delivered,
}

impl ShipmentStatus {
    /// The name used in GraphQL and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            ShipmentStatus::InTransit => "IN_TRANSIT",
            ShipmentStatus::Delivered => "DELIVERED",
        }
    }
}

/// One tracking event of a shipment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShipmentEvent {
    /// The carrier's status word.
    pub status: String,
    /// What happened, for the customer.
    pub description: String,
    /// Where, when the carrier says.
    pub location: Option<String>,
    /// When.
    pub at: DateTime<Utc>,
}

/// The parcel of a shipped order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shipment {
    /// The order shipped.
    pub order_id: Uuid,
    /// The carrier, as staff entered it.
    pub carrier: String,
    /// The carrier's tracking number.
    pub tracking_number: String,
    /// Where the parcel is.
    pub status: ShipmentStatus,
    /// When it was handed to the carrier.
    pub shipped_at: DateTime<Utc>,
    /// When it was delivered.
    pub delivered_at: Option<DateTime<Utc>>,
    /// Tracking events, oldest first.
    pub events: Vec<ShipmentEvent>,
}

/// Where a return request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReturnStatus {
    /// Asked for by the customer.
    Requested,
    /// Accepted by staff; the customer sends the items back.
    Approved,
    /// Refused by staff.
    Rejected,
    /// The items arrived and were restocked; the refund was made.
    Received,
}

impl ReturnStatus {
    /// The name used in GraphQL and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            ReturnStatus::Requested => "REQUESTED",
            ReturnStatus::Approved => "APPROVED",
            ReturnStatus::Rejected => "REJECTED",
            ReturnStatus::Received => "RECEIVED",
        }
    }

    /// The inverse of `as_str`.
    pub fn parse(value: &str) -> Option<Self> {
        [
            ReturnStatus::Requested,
            ReturnStatus::Approved,
            ReturnStatus::Rejected,
            ReturnStatus::Received,
        ]
        .into_iter()
        .find(|s| s.as_str() == value)
    }
}

/// Units of one product to return.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ReturnLine {
    /// The product to return.
    pub product_id: Uuid,
    /// Units to return.
    pub quantity: i64,
}

/// A customer's request to return some lines of a delivered order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReturnRequest {
    /// The return id.
    pub id: Uuid,
    /// The order it belongs to.
    pub order_id: Uuid,
    /// Where the return is.
    pub status: ReturnStatus,
    /// The customer's reason.
    pub reason: String,
    /// What is returned.
    pub lines: Vec<ReturnLine>,
    /// When it was requested.
    pub created_at: DateTime<Utc>,
}

impl Refund {
    /// A new refund, recorded before the provider is asked: it counts
    /// against what may still be refunded from now on.
    pub fn pending(
        order_id: Uuid,
        payment_id: Uuid,
        amount: Money,
        reason: String,
        return_id: Option<Uuid>,
        actor: Actor,
    ) -> Self {
        Self {
            id: Uuid::now_v7(),
            order_id,
            payment_id,
            amount,
            status: RefundStatus::Pending,
            reason,
            provider_ref: None,
            return_id,
            actor,
            created_at: chrono::Utc::now(),
        }
    }
}

/// How an order's payment stands, all attempts and refunds considered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaymentState {
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

/// Money captured and refunded on an order, and what that makes its state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentSummary {
    /// The payment state this makes.
    pub state: PaymentState,
    /// Money captured.
    pub captured: Money,
    /// Refunds not refused by the provider, pending ones included.
    pub refunded: Money,
}

/// Sums an order's captures and refunds.
pub fn payment_summary(
    order: &Order,
    payments: &[Payment],
    refunds: &[Refund],
) -> Result<PaymentSummary, MoneyError> {
    let zero = Money::from_minor(0, order.total.currency.clone());
    let mut captured = zero.clone();
    for p in payments
        .iter()
        .filter(|p| p.status == PaymentStatus::Captured)
    {
        captured = captured.plus(&p.amount)?;
    }
    let mut refunded = zero;
    for r in refunds.iter().filter(|r| r.status != RefundStatus::Failed) {
        refunded = refunded.plus(&r.amount)?;
    }
    let state = if captured.amount_minor == 0 {
        if order.status == OrderStatus::PaymentFailed {
            PaymentState::Failed
        } else {
            PaymentState::Pending
        }
    } else if refunded.amount_minor == 0 {
        PaymentState::Paid
    } else if refunded.amount_minor >= captured.amount_minor {
        PaymentState::Refunded
    } else {
        PaymentState::PartiallyRefunded
    };
    Ok(PaymentSummary {
        state,
        captured,
        refunded,
    })
}

/// A seller or buyer as printed on an invoice.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Party {
    /// The name printed.
    pub name: String,
    /// An email printed, when known.
    pub email: Option<String>,
    /// Address lines, in print order.
    pub address: Vec<String>,
    /// A tax id printed, when known.
    pub tax_id: Option<String>,
}

/// The invoice of a paid order. Lines and totals are the order's, which
/// never change after checkout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invoice {
    /// The invoice id.
    pub id: Uuid,
    /// The order invoiced.
    pub order_id: Uuid,
    /// From one sequence with no gaps, starting at 1.
    pub number: i64,
    /// When it was issued (in the paying transaction).
    pub issued_at: DateTime<Utc>,
    /// Who sells.
    pub seller: Party,
    /// Who buys.
    pub buyer: Party,
}

/// The printed form of invoice number `number`, e.g. `INV-000042`.
pub fn invoice_number(number: i64) -> String {
    format!("INV-{number:06}")
}

impl Invoice {
    /// The printed number, e.g. `INV-000042`.
    pub fn display_number(&self) -> String {
        invoice_number(self.number)
    }
}

impl ShippingAddress {
    /// The address as printed lines.
    pub fn lines(&self) -> Vec<String> {
        let mut lines = vec![self.line1.clone()];
        lines.extend(self.line2.clone());
        let mut city = format!("{} {}", self.postal_code, self.city);
        if let Some(region) = &self.region {
            city.push_str(&format!(", {region}"));
        }
        lines.push(city);
        lines.push(self.country.clone());
        lines
    }
}

/// Why a requested order is not acceptable as asked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OrderRuleError {
    #[error("an order needs at least one line")]
    /// No lines.
    Empty,
    #[error("an order can have at most {MAX_LINES} different products")]
    /// More than the most distinct products an order may have.
    TooManyLines,
    #[error("quantity must be between 1 and {MAX_QUANTITY}")]
    /// A quantity outside 1 to 99.
    BadQuantity,
    #[error(transparent)]
    /// A money computation failed.
    Money(#[from] MoneyError),
}

/// The requested `(product, quantity)` pairs, checked and with repeated
/// products merged into one line, in first-seen order.
pub fn normalise_lines(requested: &[(Uuid, i64)]) -> Result<Vec<(Uuid, i64)>, OrderRuleError> {
    if requested.is_empty() {
        return Err(OrderRuleError::Empty);
    }
    let mut order = Vec::new();
    let mut quantities: BTreeMap<Uuid, i64> = BTreeMap::new();
    for (product_id, quantity) in requested {
        if !(1..=MAX_QUANTITY).contains(quantity) {
            return Err(OrderRuleError::BadQuantity);
        }
        let total = quantities.entry(*product_id).or_insert_with(|| {
            order.push(*product_id);
            0
        });
        *total += quantity;
        if *total > MAX_QUANTITY {
            return Err(OrderRuleError::BadQuantity);
        }
    }
    if order.len() > MAX_LINES {
        return Err(OrderRuleError::TooManyLines);
    }
    Ok(order.into_iter().map(|id| (id, quantities[&id])).collect())
}

/// The sum of the lines, which must all be in one currency.
pub fn order_total(lines: &[OrderLine]) -> Result<Money, OrderRuleError> {
    let first = lines.first().ok_or(OrderRuleError::Empty)?;
    let mut total = Money::from_minor(0, first.unit_price.currency.clone());
    for line in lines {
        total = total.plus(&line.total()?)?;
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quantity_of_zero_or_above_99_is_rejected() {
        let p = Uuid::now_v7();
        assert_eq!(normalise_lines(&[(p, 0)]), Err(OrderRuleError::BadQuantity));
        assert_eq!(
            normalise_lines(&[(p, 100)]),
            Err(OrderRuleError::BadQuantity)
        );
        assert_eq!(
            normalise_lines(&[(p, 60), (p, 40)]),
            Err(OrderRuleError::BadQuantity)
        );
        assert_eq!(normalise_lines(&[]), Err(OrderRuleError::Empty));
    }

    #[test]
    fn repeated_products_are_merged_in_first_seen_order() {
        let (a, b) = (Uuid::now_v7(), Uuid::now_v7());
        assert_eq!(
            normalise_lines(&[(b, 1), (a, 2), (b, 3)]).unwrap(),
            vec![(b, 4), (a, 2)]
        );
    }

    #[test]
    fn more_than_100_distinct_products_are_rejected() {
        let lines: Vec<_> = (0..101).map(|_| (Uuid::now_v7(), 1)).collect();
        assert_eq!(normalise_lines(&lines), Err(OrderRuleError::TooManyLines));
    }

    #[test]
    fn totals_are_exact_and_refuse_mixed_currencies() {
        let line = |amount: &str, currency: &str, quantity| OrderLine {
            product_id: Uuid::now_v7(),
            product_name: "x".into(),
            sku: None,
            quantity,
            unit_price: Money::parse(amount, currency).unwrap(),
        };
        assert_eq!(
            order_total(&[line("0.10", "USD", 3), line("0.20", "USD", 1)])
                .unwrap()
                .amount_string(),
            "0.50"
        );
        assert!(matches!(
            order_total(&[line("1", "USD", 1), line("1", "EUR", 1)]),
            Err(OrderRuleError::Money(MoneyError::CurrencyMismatch(..)))
        ));
    }
}
