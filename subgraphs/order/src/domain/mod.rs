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

/// Where an order is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrderStatus {
    /// Accepted, priced and stored.
    Placed,
}

impl OrderStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            OrderStatus::Placed => "PLACED",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "PLACED" => Some(OrderStatus::Placed),
            _ => None,
        }
    }
}

/// One line of an order, with the product's name and price as they were when
/// the order was placed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderLine {
    pub product_id: Uuid,
    pub product_name: String,
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
    pub total: Money,
    pub created_at: DateTime<Utc>,
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
