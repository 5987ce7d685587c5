//! Profile values and postal addresses, validated. Nothing here knows about
//! GraphQL, gRPC or SQL.

use uuid::Uuid;

use crate::error::Error;

/// A phone number in E.164 form: `+`, country code and subscriber number, 8
/// to 15 digits in all. Spaces, dashes, dots and parentheses are removed;
/// whether the number is in service is not checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phone(String);

impl Phone {
    /// Checks a phone number given as `phone`.
    pub fn parse(raw: &str) -> Result<Self, Error> {
        Self::parse_field(raw, "phone")
    }

    /// Checks a phone number given in `field`, which errors name.
    pub fn parse_field(raw: &str, field: &'static str) -> Result<Self, Error> {
        let compact: String = raw
            .chars()
            .filter(|c| !matches!(c, ' ' | '-' | '.' | '(' | ')'))
            .collect();
        let digits = compact.strip_prefix('+').unwrap_or("");
        let valid = (8..=15).contains(&digits.len())
            && digits.bytes().all(|b| b.is_ascii_digit())
            && !digits.starts_with('0');
        if !valid {
            return Err(Error::invalid(
                field,
                "phone must be in international form, e.g. +14155550123",
            ));
        }
        Ok(Self(compact))
    }

    /// The number in E.164 form.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An avatar image URL: http(s), at most 2048 characters.
pub fn parse_avatar_url(raw: &str) -> Result<String, Error> {
    let url = raw.trim();
    let scheme_ok = url.starts_with("https://") || url.starts_with("http://");
    if !scheme_ok
        || url.len() > 2048
        || url.chars().any(|c| c.is_whitespace() || c.is_control())
        || url.split("://").nth(1).is_none_or(str::is_empty)
    {
        return Err(Error::invalid(
            "avatarUrl",
            "avatarUrl must be an http(s) URL of at most 2048 characters",
        ));
    }
    Ok(url.to_string())
}

/// A BCP 47 language tag of the common form `ll` or `ll-CC` (e.g. `en`,
/// `pt-BR`), normalised to lower-case language and upper-case region.
pub fn parse_locale(raw: &str) -> Result<String, Error> {
    let invalid = || Error::invalid("locale", "locale must look like en or pt-BR");
    let raw = raw.trim().replace('_', "-");
    let (language, region) = match raw.split_once('-') {
        Some((l, r)) => (l, Some(r)),
        None => (raw.as_str(), None),
    };
    if !(2..=3).contains(&language.len()) || !language.bytes().all(|b| b.is_ascii_alphabetic()) {
        return Err(invalid());
    }
    match region {
        None => Ok(language.to_ascii_lowercase()),
        Some(r) if r.len() == 2 && r.bytes().all(|b| b.is_ascii_alphabetic()) => Ok(format!(
            "{}-{}",
            language.to_ascii_lowercase(),
            r.to_ascii_uppercase()
        )),
        Some(_) => Err(invalid()),
    }
}

/// ISO 3166-1 alpha-2 codes, from Debian's iso-codes 4.15
/// (`/usr/share/iso-codes/json/iso_3166-1.json`), 249 in all.
const COUNTRIES: &[&str] = &[
    "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE ",
    "BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD ",
    "CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM ",
    "DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF ",
    "GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ",
    "ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN ",
    "KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME ",
    "MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA ",
    "NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM ",
    "PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI ",
    "SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK ",
    "TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI ",
    "VN VU WF WS YE YT ZA ZM ZW ",
];

/// An ISO 3166-1 alpha-2 country code, upper case.
pub fn parse_country(raw: &str) -> Result<String, Error> {
    let code = raw.trim().to_ascii_uppercase();
    let known = code.len() == 2
        && COUNTRIES
            .iter()
            .any(|line| line.split(' ').any(|c| c == code));
    if !known {
        return Err(Error::invalid(
            "country",
            "country must be an ISO 3166-1 alpha-2 code such as US or DE",
        ));
    }
    Ok(code)
}

/// A postal address in a user's address book.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Address {
    /// The address id.
    pub id: Uuid,
    /// Whose address it is.
    pub user_id: Uuid,
    /// The validated address.
    pub fields: AddressFields,
    /// The user's default shipping address (at most one).
    pub is_default: bool,
}

/// The validated content of an address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddressFields {
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
    /// Postal code, as the country writes it.
    pub postal_code: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    /// A phone number for the carrier.
    pub phone: Option<String>,
}

/// Raw address input, as a client sends it.
#[derive(Debug, Clone, Default)]
pub struct AddressInput {
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

fn text(field: &'static str, value: &str, max: usize) -> Result<String, Error> {
    let value = value.trim();
    if value.is_empty() || value.chars().count() > max || value.chars().any(char::is_control) {
        return Err(Error::invalid(
            field,
            format!("{field} must be 1 to {max} printable characters"),
        ));
    }
    Ok(value.to_string())
}

fn optional_text(
    field: &'static str,
    value: Option<&str>,
    max: usize,
) -> Result<Option<String>, Error> {
    match value.map(str::trim) {
        None | Some("") => Ok(None),
        Some(v) => text(field, v, max).map(Some),
    }
}

impl AddressFields {
    /// Validates every field of an address.
    pub fn parse(input: &AddressInput) -> Result<Self, Error> {
        Ok(Self {
            recipient: text("recipient", &input.recipient, 200)?,
            line1: text("line1", &input.line1, 200)?,
            line2: optional_text("line2", input.line2.as_deref(), 200)?,
            city: text("city", &input.city, 100)?,
            region: optional_text("region", input.region.as_deref(), 100)?,
            postal_code: text("postalCode", &input.postal_code, 20)?,
            country: parse_country(&input.country)?,
            phone: match input.phone.as_deref().map(str::trim) {
                None | Some("") => None,
                Some(p) => Some(Phone::parse_field(p, "phone")?.as_str().to_string()),
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_are_stored_in_e164_form() {
        assert_eq!(
            Phone::parse("+1 (415) 555-0123").unwrap().as_str(),
            "+14155550123"
        );
        for bad in [
            "4155550123",
            "+0123456789",
            "+1234",
            "+1234567890123456",
            "+1 415 CALL ME",
            "",
        ] {
            assert!(Phone::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn countries_are_iso_3166_alpha_2() {
        assert_eq!(parse_country(" de ").unwrap(), "DE");
        assert!(parse_country("XX").is_err());
        assert!(parse_country("DEU").is_err());
        assert_eq!(
            COUNTRIES
                .iter()
                .map(|l| l.split_whitespace().count())
                .sum::<usize>(),
            249
        );
    }

    #[test]
    fn locales_and_avatar_urls_are_checked() {
        assert_eq!(parse_locale("pt_br").unwrap(), "pt-BR");
        assert!(parse_locale("english").is_err());
        assert!(parse_avatar_url("https://cdn.example.com/a.png").is_ok());
        assert!(parse_avatar_url("javascript:alert(1)").is_err());
        assert!(parse_avatar_url("https://").is_err());
    }

    #[test]
    fn an_address_names_its_first_bad_field() {
        let input = AddressInput {
            recipient: "Ada".into(),
            line1: "1 Main St".into(),
            city: "Springfield".into(),
            postal_code: "12345".into(),
            country: "ZZ".into(),
            ..Default::default()
        };
        match AddressFields::parse(&input) {
            Err(Error::InvalidInput { field, .. }) => assert_eq!(field, "country"),
            other => panic!("{other:?}"),
        }
    }
}
