//! Typed product specifications ("attributes") that listings filter on.

use std::collections::BTreeMap;

use crate::error::{Error, Result};

/// A product's attributes by key, e.g. `{"color": "black", "wattage": 40}`.
pub type Attributes = BTreeMap<String, AttributeValue>;

/// One attribute value. Stored as the matching JSON type, so filters can
/// compare numbers as numbers.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(untagged)]
pub enum AttributeValue {
    /// A yes/no value.
    Boolean(bool),
    /// A number, integer or decimal.
    Number(serde_json::Number),
    /// Free text.
    Text(String),
}

impl AttributeValue {
    /// A number attribute; NaN and infinities are refused.
    pub fn number(value: f64) -> Result<Self> {
        serde_json::Number::from_f64(value)
            .map(Self::Number)
            .ok_or_else(|| Error::invalid("attributes", "attribute numbers must be finite"))
    }

    /// The value as text: "black", "40", "true".
    pub fn display(&self) -> String {
        match self {
            Self::Boolean(b) => b.to_string(),
            Self::Number(n) => n.to_string(),
            Self::Text(t) => t.clone(),
        }
    }
}

/// Most attributes one product may have.
pub const MAX_ATTRIBUTES: usize = 50;

/// Whether `key` is a valid attribute key: 1 to 50 lower-case letters,
/// digits and underscores, starting with a letter.
pub fn valid_attribute_key(key: &str) -> bool {
    (1..=50).contains(&key.len())
        && key.starts_with(|c: char| c.is_ascii_lowercase())
        && key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// Validates staff input: unique valid keys, at most [`MAX_ATTRIBUTES`],
/// text values of 1 to 200 printable characters.
pub fn parse_attributes(pairs: &[(String, AttributeValue)]) -> Result<Attributes> {
    if pairs.len() > MAX_ATTRIBUTES {
        return Err(Error::invalid(
            "attributes",
            format!("at most {MAX_ATTRIBUTES} attributes"),
        ));
    }
    let mut attributes = Attributes::new();
    for (key, value) in pairs {
        let key = key.trim();
        if !valid_attribute_key(key) {
            return Err(Error::invalid(
                "attributes",
                format!(
                    "attribute key {key:?} must be 1 to 50 lower-case letters, digits and underscores, starting with a letter"
                ),
            ));
        }
        let value = match value {
            AttributeValue::Text(text) => {
                let text = text.trim();
                if text.is_empty()
                    || text.chars().count() > 200
                    || text.chars().any(char::is_control)
                {
                    return Err(Error::invalid(
                        "attributes",
                        format!("attribute {key:?} needs 1 to 200 printable characters"),
                    ));
                }
                AttributeValue::Text(text.to_string())
            }
            other => other.clone(),
        };
        if attributes.insert(key.to_string(), value).is_some() {
            return Err(Error::invalid(
                "attributes",
                format!("attribute {key:?} is given twice"),
            ));
        }
    }
    Ok(attributes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_keep_their_types_and_refuse_bad_keys_and_duplicates() {
        let parsed = parse_attributes(&[
            ("color".into(), AttributeValue::Text(" black ".into())),
            ("wattage".into(), AttributeValue::number(40.0).unwrap()),
            ("wireless".into(), AttributeValue::Boolean(true)),
        ])
        .unwrap();
        assert_eq!(parsed["color"], AttributeValue::Text("black".into()));
        assert_eq!(
            serde_json::to_string(&parsed).unwrap(),
            r#"{"color":"black","wattage":40.0,"wireless":true}"#
        );
        assert!(parse_attributes(&[("Color".into(), AttributeValue::Boolean(true))]).is_err());
        assert!(parse_attributes(&[("a b".into(), AttributeValue::Boolean(true))]).is_err());
        assert!(
            parse_attributes(&[
                ("x".into(), AttributeValue::Boolean(true)),
                ("x".into(), AttributeValue::Boolean(false)),
            ])
            .is_err()
        );
        assert!(AttributeValue::number(f64::NAN).is_err());
    }
}
