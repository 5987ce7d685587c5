//! Validated input values. Each `parse` is the only way to build one, so a
//! value of these types is always valid.

use crate::error::Error;

/// An email address, trimmed and lower-cased.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    /// Trims, lower-cases and checks an email address.
    pub fn parse(raw: &str) -> Result<Self, Error> {
        let email = raw.trim().to_lowercase();
        let invalid = || Error::invalid("email", "email must look like name@example.com");
        if email.len() > 254 || email.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(invalid());
        }
        let (local, domain) = email.split_once('@').ok_or_else(invalid)?;
        let domain_ok = domain.contains('.')
            && !domain.contains('@')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && domain
                .split('.')
                .all(|label| !label.is_empty() && !label.starts_with('-') && !label.ends_with('-'));
        if local.is_empty() || local.len() > 64 || !domain_ok {
            return Err(invalid());
        }
        Ok(Self(email))
    }

    /// The normalised address.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A password that meets the length policy. It is never logged: `Debug`
/// prints a placeholder.
#[derive(Clone)]
pub struct Password(String);

impl Password {
    /// Minimum length in characters.
    pub const MIN: usize = 8;
    /// Maximum length in characters; checked before hashing, so a huge
    /// password cannot make the server do a huge amount of work.
    pub const MAX: usize = 128;

    /// Checks the length policy, before any hashing.
    pub fn parse(raw: &str) -> Result<Self, Error> {
        let length = raw.chars().count();
        if !(Self::MIN..=Self::MAX).contains(&length) {
            return Err(Error::invalid(
                "password",
                format!(
                    "password must be {} to {} characters long",
                    Self::MIN,
                    Self::MAX
                ),
            ));
        }
        Ok(Self(raw.to_string()))
    }

    /// The password itself, for hashing only.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(***)")
    }
}

/// The name shown for a user: 1 to 100 characters after trimming.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisplayName(String);

impl DisplayName {
    /// Trims and checks a display name.
    pub fn parse(raw: &str) -> Result<Self, Error> {
        let name = raw.trim();
        let length = name.chars().count();
        if length == 0 || length > 100 || name.chars().any(char::is_control) {
            return Err(Error::invalid(
                "name",
                "name must be 1 to 100 printable characters",
            ));
        }
        Ok(Self(name.to_string()))
    }

    /// The trimmed name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_trimmed_and_lower_cased() {
        assert_eq!(
            Email::parse("  Ada@Example.COM ").unwrap().as_str(),
            "ada@example.com"
        );
    }

    #[test]
    fn malformed_emails_are_rejected() {
        for bad in [
            "",
            "ada",
            "ada@",
            "@example.com",
            "ada@example",
            "ada@@example.com",
            "a da@example.com",
            "ada@.example.com",
            "ada@example..com",
            "ada@-x.com",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn a_password_shorter_than_8_or_longer_than_128_characters_is_rejected() {
        assert!(Password::parse("short").is_err());
        assert!(Password::parse(&"x".repeat(129)).is_err());
        assert!(Password::parse("12345678").is_ok());
        assert!(
            Password::parse(&"é".repeat(128)).is_ok(),
            "length counts characters, not bytes"
        );
    }

    #[test]
    fn passwords_never_appear_in_debug_output() {
        assert_eq!(
            format!("{:?}", Password::parse("hunter22hunter").unwrap()),
            "Password(***)"
        );
    }

    #[test]
    fn blank_names_are_rejected() {
        assert!(DisplayName::parse("   ").is_err());
        assert_eq!(DisplayName::parse(" Ada ").unwrap().as_str(), "Ada");
    }
}
