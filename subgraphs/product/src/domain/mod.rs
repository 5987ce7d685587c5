//! The catalog as the business sees it. Nothing here knows about GraphQL,
//! gRPC or SQL.

use chrono::{DateTime, Utc};
use platform::money::Money;
use uuid::Uuid;

use crate::error::{Error, Result};

/// A product for sale.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Product {
    pub id: Uuid,
    pub name: String,
    pub description: String,
    pub price: Money,
    /// Units on hand that can be sold.
    pub stock: i64,
    pub created_at: DateTime<Utc>,
}

/// A validated request to create a product.
#[derive(Debug, Clone)]
pub struct NewProduct {
    pub name: String,
    pub description: String,
    pub price: Money,
    pub stock: i64,
}

/// Most units a product can hold in stock.
pub const MAX_STOCK: i64 = 1_000_000_000;

impl NewProduct {
    /// Validates raw input. The price is parsed exactly in its currency.
    pub fn parse(name: &str, description: Option<&str>, price_amount: &str, currency: &str, stock: i64) -> Result<Self> {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 200 {
            return Err(Error::invalid("name", "name must be 1 to 200 characters"));
        }
        let description = description.unwrap_or("").trim();
        if description.chars().count() > 20_000 {
            return Err(Error::invalid("description", "description must be at most 20000 characters"));
        }
        let price = Money::parse(price_amount, currency).map_err(|e| Error::money("price", e))?;
        if !(0..=MAX_STOCK).contains(&stock) {
            return Err(Error::invalid("stock", format!("stock must be between 0 and {MAX_STOCK}")));
        }
        Ok(Self { name: name.to_string(), description: description.to_string(), price, stock })
    }
}

/// Whether `requested` units of a product can be sold now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Availability {
    pub product_id: Uuid,
    pub found: bool,
    pub requested: i64,
    pub available: i64,
}

impl Availability {
    pub fn sufficient(&self) -> bool {
        self.found && self.available >= self.requested
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_valid_product_is_accepted_with_an_exact_price() {
        let p = NewProduct::parse(" Mug ", None, "12.50", "eur", 3).unwrap();
        assert_eq!(p.name, "Mug");
        assert_eq!(p.price.amount_minor, 1250);
        assert_eq!(p.price.currency.as_str(), "EUR");
    }

    #[test]
    fn invalid_products_name_the_offending_field() {
        let field = |r: Result<NewProduct>| match r {
            Err(Error::InvalidInput { field, .. }) => field,
            other => panic!("expected invalid input, got {other:?}"),
        };
        assert_eq!(field(NewProduct::parse("", None, "1", "USD", 1)), "name");
        assert_eq!(field(NewProduct::parse("Mug", None, "1.234", "USD", 1)), "price");
        assert_eq!(field(NewProduct::parse("Mug", None, "1", "DOLLARS", 1)), "price");
        assert_eq!(field(NewProduct::parse("Mug", None, "1", "USD", -1)), "stock");
    }

    #[test]
    fn availability_requires_the_product_to_exist_and_enough_units() {
        let a = |found, available| Availability { product_id: Uuid::nil(), found, requested: 2, available };
        assert!(a(true, 2).sufficient());
        assert!(!a(true, 1).sufficient());
        assert!(!a(false, 0).sufficient());
    }
}
