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
    pub product_id: Uuid,
    pub product_name: String,
    /// The SKU at purchase, when the product had one.
    pub sku: Option<String>,
    pub quantity: i64,
    pub unit_price: Money,
}

impl OrderLine {
    pub fn total(&self) -> Result<Money, MoneyError> {
        self.unit_price.times(self.quantity)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Order {
    pub id: Uuid,
    pub user_id: Uuid,
    pub status: OrderStatus,
    pub lines: Vec<OrderLine>,
    /// Sum of the lines.
    pub subtotal: Money,
    pub shipping: Money,
    pub tax: Money,
    /// Tax rate applied, in basis points (1900 = 19 %).
    pub tax_rate_bp: i32,
    /// `subtotal + shipping + tax`: what the customer pays.
    pub total: Money,
    /// The address at checkout; `None` for orders placed before checkout.
    pub shipping_address: Option<ShippingAddress>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// The shipping address as it was when the order was placed (from the user
/// service's `GetAddress`), so later edits of the address book do not change
/// where an order went.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ShippingAddress {
    pub recipient: String,
    pub line1: String,
    pub line2: Option<String>,
    pub city: String,
    pub region: Option<String>,
    pub postal_code: String,
    pub country: String,
    pub phone: Option<String>,
}

/// One entry of an order's timeline: a status it entered, when, by whom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderEvent {
    pub order_id: Uuid,
    pub status: OrderStatus,
    pub actor: Actor,
    pub note: String,
    pub at: DateTime<Utc>,
}

/// Most lines in one cart.
pub const MAX_CART_LINES: usize = 100;

/// One line of a customer's cart, with the price the product had when it was
/// added (to report a price change).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CartLine {
    pub id: Uuid,
    pub product_id: Uuid,
    pub quantity: i64,
    pub added_price: Money,
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
    pub fn as_str(self) -> &'static str {
        match self {
            PaymentStatus::Authorized => "AUTHORIZED",
            PaymentStatus::Captured => "CAPTURED",
            PaymentStatus::Voided => "VOIDED",
            PaymentStatus::Failed => "FAILED",
        }
    }

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
    pub id: Uuid,
    pub order_id: Uuid,
    pub status: PaymentStatus,
    pub amount: Money,
    pub brand: String,
    pub last4: String,
    /// The provider's authorization reference.
    pub authorization_ref: Option<String>,
    /// The provider's capture reference, once captured.
    pub capture_ref: Option<String>,
    pub failure_reason: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// A saved card: the provider's token and what identifies the card to its
/// owner. Never a card number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedPaymentMethod {
    pub id: Uuid,
    pub user_id: Uuid,
    pub provider_token: String,
    pub brand: String,
    pub last4: String,
    pub exp_month: i16,
    pub exp_year: i16,
    pub created_at: DateTime<Utc>,
}

/// Where a refund stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefundStatus {
    /// Recorded (and counted against what may still be refunded); the
    /// provider has not confirmed it yet.
    Pending,
    Succeeded,
    /// The provider refused; it no longer counts.
    Failed,
}

impl RefundStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            RefundStatus::Pending => "PENDING",
            RefundStatus::Succeeded => "SUCCEEDED",
            RefundStatus::Failed => "FAILED",
        }
    }

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
    pub id: Uuid,
    pub order_id: Uuid,
    /// The captured payment it comes from.
    pub payment_id: Uuid,
    pub amount: Money,
    pub status: RefundStatus,
    pub reason: String,
    pub provider_ref: Option<String>,
    /// The return it pays for, if any.
    pub return_id: Option<Uuid>,
    pub actor: Actor,
    pub created_at: DateTime<Utc>,
}

/// Where a parcel is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShipmentStatus {
    InTransit,
    Delivered,
}

impl ShipmentStatus {
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
    pub status: String,
    pub description: String,
    pub location: Option<String>,
    pub at: DateTime<Utc>,
}

/// The parcel of a shipped order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shipment {
    pub order_id: Uuid,
    pub carrier: String,
    pub tracking_number: String,
    pub status: ShipmentStatus,
    pub shipped_at: DateTime<Utc>,
    pub delivered_at: Option<DateTime<Utc>>,
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
    pub fn as_str(self) -> &'static str {
        match self {
            ReturnStatus::Requested => "REQUESTED",
            ReturnStatus::Approved => "APPROVED",
            ReturnStatus::Rejected => "REJECTED",
            ReturnStatus::Received => "RECEIVED",
        }
    }

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
    pub product_id: Uuid,
    pub quantity: i64,
}

/// A customer's request to return some lines of a delivered order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReturnRequest {
    pub id: Uuid,
    pub order_id: Uuid,
    pub status: ReturnStatus,
    pub reason: String,
    pub lines: Vec<ReturnLine>,
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
    pub state: PaymentState,
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
    pub name: String,
    pub email: Option<String>,
    /// Address lines, in print order.
    pub address: Vec<String>,
    pub tax_id: Option<String>,
}

/// The invoice of a paid order. Lines and totals are the order's, which
/// never change after checkout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invoice {
    pub id: Uuid,
    pub order_id: Uuid,
    /// From one sequence with no gaps, starting at 1.
    pub number: i64,
    pub issued_at: DateTime<Utc>,
    pub seller: Party,
    pub buyer: Party,
}

impl Invoice {
    /// The printed number, e.g. `INV-000042`.
    pub fn display_number(&self) -> String {
        format!("INV-{:06}", self.number)
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
    Empty,
    #[error("an order can have at most {MAX_LINES} different products")]
    TooManyLines,
    #[error("quantity must be between 1 and {MAX_QUANTITY}")]
    BadQuantity,
    #[error(transparent)]
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
