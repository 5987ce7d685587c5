//! The shipping rate table and the tax table, shared by the cart's
//! estimates, `Product.shippingEstimate` and checkout, so a customer sees the
//! price they will pay.
//!
//! Rates are written in hundredths of the currency's major unit (499 is
//! 4.99 USD or 4.99 EUR) and converted to the currency's minor unit; a
//! zero-decimal currency rounds up to whole units.

use platform::money::{Currency, Money, MoneyError};

/// Where a parcel goes, for pricing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShippingZone {
    /// Within the seller's country.
    Domestic,
    /// Canada and Mexico (from the US).
    NorthAmerica,
    /// Europe.
    Europe,
    /// Everywhere else.
    International,
}

/// Countries of the European zone (the EU, EFTA and the UK).
const EUROPE: &[&str] = &[
    "AT", "BE", "BG", "CH", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GB", "GR", "HR", "HU",
    "IE", "IS", "IT", "LI", "LT", "LU", "LV", "MT", "NL", "NO", "PL", "PT", "RO", "SE", "SI", "SK",
];

/// Tax rates in basis points by country. Countries not listed are charged
/// no tax. The US rate is one flat demonstration rate.
const TAX_RATES_BP: &[(&str, u32)] = &[
    ("AT", 2000),
    ("AU", 1000),
    ("BE", 2100),
    ("CA", 1300),
    ("CH", 810),
    ("DE", 1900),
    ("DK", 2500),
    ("ES", 2100),
    ("FI", 2550),
    ("FR", 2000),
    ("GB", 2000),
    ("IE", 2300),
    ("IT", 2200),
    ("JP", 1000),
    ("NL", 2100),
    ("NO", 2500),
    ("PL", 2300),
    ("PT", 2300),
    ("SE", 2500),
    ("US", 725),
];

/// A destination: an ISO 3166-1 alpha-2 country and a postal code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Destination {
    /// ISO 3166-1 alpha-2, upper case.
    pub country: String,
    /// As the customer wrote it, trimmed.
    pub postal_code: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
/// Why a destination was refused.
pub enum DestinationError {
    #[error("country must be an ISO 3166-1 alpha-2 code such as \"US\"")]
    /// Not an ISO 3166-1 alpha-2 code.
    Country,
    #[error("postalCode must be 1 to 20 letters, digits, spaces or dashes")]
    /// Not a plausible postal code.
    PostalCode,
}

impl Destination {
    /// Checks a country and postal code.
    pub fn parse(country: &str, postal_code: &str) -> Result<Self, DestinationError> {
        let country = country.trim().to_ascii_uppercase();
        if country.len() != 2 || !country.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(DestinationError::Country);
        }
        let postal_code = postal_code.trim().to_string();
        if postal_code.is_empty()
            || postal_code.len() > 20
            || !postal_code
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '-')
        {
            return Err(DestinationError::PostalCode);
        }
        Ok(Self {
            country,
            postal_code,
        })
    }

    /// The shipping zone of this destination.
    pub fn zone(&self) -> ShippingZone {
        match self.country.as_str() {
            "US" => ShippingZone::Domestic,
            "CA" | "MX" => ShippingZone::NorthAmerica,
            c if EUROPE.contains(&c) => ShippingZone::Europe,
            _ => ShippingZone::International,
        }
    }

    /// Alaska (995-999), Hawaii (967-968) and Puerto Rico (006-009) cost
    /// more to reach from the warehouse.
    fn is_remote(&self) -> bool {
        if self.country != "US" {
            return false;
        }
        let prefix: String = self.postal_code.chars().take(3).collect();
        matches!(prefix.parse::<u32>(), Ok(995..=999 | 967..=968 | 6..=9))
    }

    /// Tax rate in basis points.
    pub fn tax_rate_bp(&self) -> u32 {
        TAX_RATES_BP
            .iter()
            .find(|(c, _)| *c == self.country)
            .map(|(_, rate)| *rate)
            .unwrap_or(0)
    }
}

/// Base price (first kilogram) and price per further started kilogram, in
/// hundredths of a major unit.
fn rate(zone: ShippingZone) -> (i64, i64) {
    match zone {
        ShippingZone::Domestic => (499, 99),
        ShippingZone::NorthAmerica => (999, 199),
        ShippingZone::Europe => (1499, 299),
        ShippingZone::International => (2499, 499),
    }
}

/// Orders whose subtotal reaches this (hundredths of a major unit) ship
/// free within the domestic zone.
const FREE_DOMESTIC_SHIPPING_FROM: i64 = 10_000;
/// Extra charge for remote domestic destinations.
const REMOTE_SURCHARGE: i64 = 1_000;

fn from_hundredths(hundredths: i64, currency: &Currency) -> Result<Money, MoneyError> {
    let exponent = currency.exponent();
    let minor = if exponent >= 2 {
        hundredths
            .checked_mul(10_i64.pow(exponent - 2))
            .ok_or(MoneyError::Overflow)?
    } else {
        let divisor = 10_i64.pow(2 - exponent);
        (hundredths + divisor - 1) / divisor
    };
    Ok(Money::from_minor(minor, currency.clone()))
}

fn to_hundredths(money: &Money) -> i64 {
    let exponent = money.currency.exponent();
    if exponent >= 2 {
        money.amount_minor / 10_i64.pow(exponent - 2)
    } else {
        money.amount_minor.saturating_mul(10_i64.pow(2 - exponent))
    }
}

/// The shipping cost of `weight_grams` to `destination`. `subtotal` (in the
/// same currency) unlocks free domestic shipping; pass zero for a single
/// product's estimate.
pub fn shipping_cost(
    destination: &Destination,
    weight_grams: i64,
    subtotal: &Money,
) -> Result<Money, MoneyError> {
    let zone = destination.zone();
    let remote = if destination.is_remote() {
        REMOTE_SURCHARGE
    } else {
        0
    };
    if zone == ShippingZone::Domestic && to_hundredths(subtotal) >= FREE_DOMESTIC_SHIPPING_FROM {
        return from_hundredths(remote, &subtotal.currency);
    }
    let (base, per_kg) = rate(zone);
    let extra_kg = ((weight_grams.max(0) - 1000).max(0) + 999) / 1000;
    let hundredths = base
        .checked_add(per_kg.checked_mul(extra_kg).ok_or(MoneyError::Overflow)?)
        .and_then(|v| v.checked_add(remote))
        .ok_or(MoneyError::Overflow)?;
    from_hundredths(hundredths, &subtotal.currency)
}

/// Tax on `taxable` at `rate_bp`, rounded half up to the minor unit.
pub fn tax(taxable: &Money, rate_bp: u32) -> Result<Money, MoneyError> {
    let minor = (i128::from(taxable.amount_minor) * i128::from(rate_bp) + 5_000) / 10_000;
    let minor = i64::try_from(minor).map_err(|_| MoneyError::Overflow)?;
    Ok(Money::from_minor(minor, taxable.currency.clone()))
}

/// Subtotal, shipping, tax and total of a basket, all in one currency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Totals {
    /// Sum of the lines.
    pub subtotal: Money,
    /// Shipping for the basket's weight and destination.
    pub shipping: Money,
    /// The tax rate, in basis points.
    pub tax_rate_bp: u32,
    /// Tax on goods and shipping.
    pub tax: Money,
    /// What is charged.
    pub total: Money,
}

/// Prices a basket: shipping by weight and destination, and tax on goods
/// and shipping.
pub fn totals(
    subtotal: Money,
    weight_grams: i64,
    destination: &Destination,
) -> Result<Totals, MoneyError> {
    let shipping = shipping_cost(destination, weight_grams, &subtotal)?;
    let rate = destination.tax_rate_bp();
    let tax = tax(&subtotal.plus(&shipping)?, rate)?;
    let total = subtotal.plus(&shipping)?.plus(&tax)?;
    Ok(Totals {
        subtotal,
        shipping,
        tax_rate_bp: rate,
        tax,
        total,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn usd(amount: &str) -> Money {
        Money::parse(amount, "USD").unwrap()
    }

    fn to(country: &str, postal: &str) -> Destination {
        Destination::parse(country, postal).unwrap()
    }

    #[test]
    fn shipping_grows_with_each_started_kilogram_and_zone() {
        let zero = usd("0");
        assert_eq!(
            shipping_cost(&to("US", "10001"), 900, &zero).unwrap(),
            usd("4.99")
        );
        assert_eq!(
            shipping_cost(&to("US", "10001"), 1001, &zero).unwrap(),
            usd("5.98")
        );
        assert_eq!(
            shipping_cost(&to("US", "10001"), 3000, &zero).unwrap(),
            usd("6.97")
        );
        assert_eq!(
            shipping_cost(&to("de", "10115"), 500, &zero).unwrap(),
            usd("14.99")
        );
        assert_eq!(
            shipping_cost(&to("BR", "01000"), 500, &zero).unwrap(),
            usd("24.99")
        );
    }

    #[test]
    fn remote_us_postcodes_pay_a_surcharge_even_with_free_shipping() {
        assert_eq!(
            shipping_cost(&to("US", "99501"), 500, &usd("0")).unwrap(),
            usd("14.99")
        );
        assert_eq!(
            shipping_cost(&to("US", "10001"), 500, &usd("100")).unwrap(),
            usd("0.00")
        );
        assert_eq!(
            shipping_cost(&to("US", "96801"), 500, &usd("100")).unwrap(),
            usd("10.00")
        );
    }

    #[test]
    fn zero_decimal_currencies_round_up_to_whole_units() {
        let yen = Money::parse("0", "JPY").unwrap();
        assert_eq!(
            shipping_cost(&to("JP", "100-0001"), 100, &yen).unwrap(),
            Money::parse("25", "JPY").unwrap()
        );
    }

    #[test]
    fn tax_applies_to_goods_and_shipping_rounded_half_up() {
        let t = totals(usd("10.00"), 500, &to("DE", "10115")).unwrap();
        assert_eq!(t.shipping, usd("14.99"));
        // 24.99 × 19 % = 4.7481
        assert_eq!(t.tax, usd("4.75"));
        assert_eq!(t.total, usd("29.74"));
        assert_eq!(tax(&usd("0.10"), 500).unwrap(), usd("0.01"));
        assert_eq!(totals(usd("1"), 0, &to("BR", "1")).unwrap().tax_rate_bp, 0);
    }

    #[test]
    fn bad_destinations_are_rejected() {
        assert_eq!(
            Destination::parse("USA", "1"),
            Err(DestinationError::Country)
        );
        assert_eq!(
            Destination::parse("1A", "1"),
            Err(DestinationError::Country)
        );
        assert_eq!(
            Destination::parse("US", ""),
            Err(DestinationError::PostalCode)
        );
        assert_eq!(
            Destination::parse("US", "<script>"),
            Err(DestinationError::PostalCode)
        );
    }
}
