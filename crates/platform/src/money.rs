//! Exact money: integer minor units with an ISO 4217 currency code.
//!
//! Amounts cross the API as decimal strings (`"19.99"`), never as floats, and
//! are parsed with the currency's number of decimal places, so `"19.999"` USD
//! is rejected rather than rounded.

use std::fmt;

use async_graphql::SimpleObject;

/// Why an amount or a currency was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("currency must be a three-letter ISO 4217 code such as USD")]
    /// Not an ISO 4217 code this shop supports.
    InvalidCurrency,
    #[error("amount must be a decimal number such as 19.99")]
    /// Not a decimal amount.
    InvalidAmount,
    #[error("amount has more decimal places than {0} allows")]
    /// More decimals than the currency has.
    TooPrecise(String),
    #[error("amount must not be negative")]
    /// Below zero where only positive amounts are allowed.
    Negative,
    #[error("amount is too large")]
    /// Too large for 64-bit minor units.
    Overflow,
    #[error("cannot combine amounts in {0} and {1}")]
    /// Two amounts in different currencies were combined.
    CurrencyMismatch(String, String),
}

/// Currencies without a minor unit (ISO 4217 exponent 0). Public so that SQL
/// that converts minor units (price facets) uses the same list.
pub const ZERO_DECIMAL_CURRENCIES: &[&str] = &[
    "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND",
    "VUV", "XAF", "XOF", "XPF",
];

/// Currencies with three decimal places (ISO 4217 exponent 3).
pub const THREE_DECIMAL_CURRENCIES: &[&str] = &["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"];

/// An ISO 4217 currency code, upper case.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Currency(String);

impl Currency {
    /// Parses an ISO 4217 code such as `USD`, case-insensitively.
    pub fn parse(code: &str) -> Result<Self, MoneyError> {
        let code = code.trim().to_ascii_uppercase();
        if code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()) {
            Ok(Self(code))
        } else {
            Err(MoneyError::InvalidCurrency)
        }
    }

    /// The ISO 4217 code.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Decimal places of the currency's minor unit (ISO 4217).
    pub fn exponent(&self) -> u32 {
        if ZERO_DECIMAL_CURRENCIES.contains(&self.0.as_str()) {
            0
        } else if THREE_DECIMAL_CURRENCIES.contains(&self.0.as_str()) {
            3
        } else {
            2
        }
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An exact, non-negative amount of one currency.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Money {
    /// Amount in the currency's minor unit (cents for USD).
    pub amount_minor: i64,
    /// The currency of the amount.
    pub currency: Currency,
}

impl Money {
    /// An amount of `amount_minor` minor units (cents for USD).
    pub fn from_minor(amount_minor: i64, currency: Currency) -> Self {
        Self {
            amount_minor,
            currency,
        }
    }

    /// Parses a decimal string such as `"19.99"` in `currency`.
    pub fn parse(amount: &str, currency: &str) -> Result<Self, MoneyError> {
        let currency = Currency::parse(currency)?;
        let exponent = currency.exponent() as usize;
        let amount = amount.trim();
        if amount.starts_with('-') {
            return Err(MoneyError::Negative);
        }
        let (whole, fraction) = amount.split_once('.').unwrap_or((amount, ""));
        let digits_only = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty()
            || !digits_only(whole)
            || !digits_only(fraction)
            || (amount.contains('.') && fraction.is_empty())
        {
            return Err(MoneyError::InvalidAmount);
        }
        let fraction = fraction.trim_end_matches('0');
        if fraction.len() > exponent {
            return Err(MoneyError::TooPrecise(currency.to_string()));
        }
        let scale = 10i64.pow(exponent as u32);
        let whole: i64 = whole.parse().map_err(|_| MoneyError::Overflow)?;
        let fraction_minor: i64 = if fraction.is_empty() {
            0
        } else {
            format!("{fraction:0<exponent$}")
                .parse()
                .map_err(|_| MoneyError::InvalidAmount)?
        };
        let amount_minor = whole
            .checked_mul(scale)
            .and_then(|w| w.checked_add(fraction_minor))
            .ok_or(MoneyError::Overflow)?;
        Ok(Self {
            amount_minor,
            currency,
        })
    }

    /// The amount as an exact decimal string, e.g. `"19.99"`.
    pub fn amount_string(&self) -> String {
        let exponent = self.currency.exponent();
        if exponent == 0 {
            return self.amount_minor.to_string();
        }
        let scale = 10i64.pow(exponent);
        let sign = if self.amount_minor < 0 { "-" } else { "" };
        let abs = self.amount_minor.unsigned_abs();
        format!(
            "{sign}{}.{:0width$}",
            abs / scale as u64,
            abs % scale as u64,
            width = exponent as usize
        )
    }

    /// `self * quantity`, refusing to overflow.
    pub fn times(&self, quantity: i64) -> Result<Self, MoneyError> {
        let amount_minor = self
            .amount_minor
            .checked_mul(quantity)
            .ok_or(MoneyError::Overflow)?;
        Ok(Self {
            amount_minor,
            currency: self.currency.clone(),
        })
    }

    /// `self + other`, which must be in the same currency.
    pub fn plus(&self, other: &Money) -> Result<Self, MoneyError> {
        if self.currency != other.currency {
            return Err(MoneyError::CurrencyMismatch(
                self.currency.to_string(),
                other.currency.to_string(),
            ));
        }
        let amount_minor = self
            .amount_minor
            .checked_add(other.amount_minor)
            .ok_or(MoneyError::Overflow)?;
        Ok(Self {
            amount_minor,
            currency: self.currency.clone(),
        })
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.amount_string(), self.currency)
    }
}

/// An exact amount of money in one currency. Amounts are decimal strings, never floats.
#[derive(Debug, Clone, SimpleObject)]
#[graphql(name = "Money", shareable)]
pub struct MoneyObject {
    /// The exact amount as a decimal string in the currency's major unit, e.g. "19.99". Never a float.
    pub amount: String,
    /// ISO 4217 currency code, e.g. "USD".
    pub currency: String,
    /// The amount in the currency's minor unit (cents for USD), as a string so it never overflows a GraphQL Int.
    pub amount_minor: String,
}

impl From<&Money> for MoneyObject {
    fn from(money: &Money) -> Self {
        Self {
            amount: money.amount_string(),
            currency: money.currency.to_string(),
            amount_minor: money.amount_minor.to_string(),
        }
    }
}

impl From<Money> for MoneyObject {
    fn from(money: Money) -> Self {
        Self::from(&money)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_strings_parse_to_exact_minor_units() {
        assert_eq!(Money::parse("19.99", "usd").unwrap().amount_minor, 1999);
        assert_eq!(Money::parse("19.9", "USD").unwrap().amount_minor, 1990);
        assert_eq!(Money::parse("20", "USD").unwrap().amount_minor, 2000);
        assert_eq!(Money::parse("0.10", "USD").unwrap().amount_minor, 10);
        assert_eq!(Money::parse("1500", "JPY").unwrap().amount_minor, 1500);
        assert_eq!(Money::parse("1.234", "KWD").unwrap().amount_minor, 1234);
    }

    #[test]
    fn amounts_that_would_need_rounding_or_are_malformed_are_rejected() {
        assert_eq!(
            Money::parse("19.999", "USD"),
            Err(MoneyError::TooPrecise("USD".into()))
        );
        assert_eq!(
            Money::parse("1.5", "JPY"),
            Err(MoneyError::TooPrecise("JPY".into()))
        );
        assert_eq!(Money::parse("-1", "USD"), Err(MoneyError::Negative));
        for bad in ["", ".5", "1.", "1e3", "1,00", "abc", " 1 2"] {
            assert_eq!(
                Money::parse(bad, "USD"),
                Err(MoneyError::InvalidAmount),
                "{bad:?}"
            );
        }
        assert_eq!(Money::parse("1", "US"), Err(MoneyError::InvalidCurrency));
        assert_eq!(
            Money::parse("99999999999999999999", "USD"),
            Err(MoneyError::Overflow)
        );
    }

    #[test]
    fn amounts_format_back_exactly() {
        let usd = Currency::parse("USD").unwrap();
        assert_eq!(
            Money::from_minor(1999, usd.clone()).amount_string(),
            "19.99"
        );
        assert_eq!(Money::from_minor(5, usd.clone()).amount_string(), "0.05");
        assert_eq!(
            Money::from_minor(1500, Currency::parse("JPY").unwrap()).amount_string(),
            "1500"
        );
        assert_eq!(
            Money::from_minor(1999, usd)
                .times(3)
                .unwrap()
                .amount_string(),
            "59.97"
        );
    }

    #[test]
    fn adding_different_currencies_is_an_error() {
        let a = Money::parse("1", "USD").unwrap();
        let b = Money::parse("1", "EUR").unwrap();
        assert!(matches!(a.plus(&b), Err(MoneyError::CurrencyMismatch(..))));
    }
}
