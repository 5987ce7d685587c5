//! Every message is rendered from a template in
//! `subgraphs/notification/templates/<locale>/<kind>.txt`, with minijinja.
//! Each template has four blocks: `subject`, `summary` (the in-app body),
//! `text` (the plain-text email and the SMS) and `html`.
//!
//! The language is the user's `locale` (English and German today); any
//! other falls back to English. Money is formatted for the language.

use minijinja::value::Serde;
use minijinja::{Environment, State, Value};
use serde_json::json;

use crate::error::Result;

/// The languages with templates, the first being the fallback.
pub const LOCALES: [&str; 2] = ["en", "de"];

macro_rules! template {
    ($locale:literal, $kind:literal) => {
        (
            concat!($locale, "/", $kind),
            include_str!(concat!("../../templates/", $locale, "/", $kind, ".txt")),
        )
    };
}

/// Every template, compiled into the binary.
const TEMPLATES: &[(&str, &str)] = &[
    template!("en", "welcome"),
    template!("en", "password_reset"),
    template!("en", "email_changed"),
    template!("en", "email_verification"),
    template!("en", "order_paid"),
    template!("en", "payment_failed"),
    template!("en", "order_cancelled"),
    template!("en", "order_fulfilling"),
    template!("en", "order_shipped"),
    template!("en", "order_delivered"),
    template!("en", "order_refunded"),
    template!("en", "return_requested"),
    template!("en", "return_approved"),
    template!("en", "return_rejected"),
    template!("en", "stock_low"),
    template!("en", "price_drop"),
    template!("de", "welcome"),
    template!("de", "password_reset"),
    template!("de", "email_changed"),
    template!("de", "email_verification"),
    template!("de", "order_paid"),
    template!("de", "payment_failed"),
    template!("de", "order_cancelled"),
    template!("de", "order_fulfilling"),
    template!("de", "order_shipped"),
    template!("de", "order_delivered"),
    template!("de", "order_refunded"),
    template!("de", "return_requested"),
    template!("de", "return_approved"),
    template!("de", "return_rejected"),
    template!("de", "stock_low"),
    template!("de", "price_drop"),
];

/// A message rendered in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// The email subject and in-app title.
    pub subject: String,
    /// The in-app body.
    pub summary: String,
    /// The plain-text email and SMS body.
    pub text: String,
    /// The HTML email body.
    pub html: String,
}

/// The compiled templates.
pub struct Templates {
    env: Environment<'static>,
}

impl Templates {
    /// Compiles every template; a syntax error fails at startup (and in the
    /// unit tests), never at send time.
    pub fn new() -> Result<Self> {
        let mut env = Environment::new();
        env.add_filter("money", money);
        env.add_filter("short_id", short_id);
        for (name, source) in TEMPLATES {
            env.add_template(name, source)?;
        }
        Ok(Self { env })
    }

    /// The language used for `locale`: its primary subtag if there are
    /// templates for it (`de-AT` gives `de`), English otherwise.
    pub fn language(locale: Option<&str>) -> &'static str {
        let primary = locale
            .and_then(|l| l.split(['-', '_']).next())
            .map(str::to_ascii_lowercase);
        LOCALES
            .into_iter()
            .find(|l| primary.as_deref() == Some(*l))
            .unwrap_or(LOCALES[0])
    }

    /// Renders template `kind` for a recipient called `name` in `locale`,
    /// with `values` from the event.
    pub fn render(
        &self,
        kind: &str,
        locale: Option<&str>,
        name: &str,
        values: &serde_json::Value,
    ) -> Result<Rendered> {
        let language = Self::language(locale);
        let template = self.env.get_template(&format!("{language}/{kind}"))?;
        let mut context = values.clone();
        if let Some(map) = context.as_object_mut() {
            map.insert("name".into(), json!(name));
            map.insert("locale".into(), json!(language));
        }
        let mut captured = template.render_captured(Value::from(Serde(&context)))?;
        let mut block = |name: &str| {
            captured
                .with_state_mut(|state| state.render_block(name))
                .map(|text| text.trim().to_string())
        };
        Ok(Rendered {
            subject: block("subject")?,
            summary: block("summary")?,
            text: block("text")?,
            html: block("html")?,
        })
    }
}

/// `{{ total|money }}`: an event's `{amountMinor, currency}` as the
/// recipient's language writes it (`EUR 12.50` or `12,50 EUR`).
fn money(state: &State, value: Value) -> String {
    let minor = value
        .get_attr("amountMinor")
        .ok()
        .and_then(|v| i64::try_from(v).ok())
        .unwrap_or(0);
    let currency = value
        .get_attr("currency")
        .ok()
        .map(|v| v.to_string())
        .unwrap_or_default();
    let sign = if minor < 0 { "-" } else { "" };
    let (major, cents) = (minor.unsigned_abs() / 100, minor.unsigned_abs() % 100);
    let german = state.lookup("locale").map(|l| l.to_string()).as_deref() == Some("de");
    if german {
        format!("{sign}{major},{cents:02} {currency}")
    } else {
        format!("{currency} {sign}{major}.{cents:02}")
    }
}

/// `{{ order_id|short_id }}`: the first eight characters of an id, upper
/// case, as the customer sees an order number.
fn short_id(value: Value) -> String {
    value
        .to_string()
        .chars()
        .take(8)
        .collect::<String>()
        .to_ascii_uppercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_compiles_and_renders_every_block_in_every_language() {
        let templates = Templates::new().expect("templates compile");
        let money = json!({ "amountMinor": 1250, "currency": "EUR" });
        let values = json!({
            "order_id": "0193abcd-0000-7000-8000-000000000000", "invoice_number": "INV-000007",
            "invoice_url": "https://x/invoices/1.pdf", "order_url": "https://x/orders/1",
            "lines": [{ "name": "Mug", "quantity": 2, "lineTotal": money }],
            "subtotal": money, "shipping": money, "tax": money, "total": money, "amount": money,
            "old_price": money, "new_price": money, "carrier": "DHL", "tracking_number": "T123",
            "link": "https://x/reset?token=abc", "expires_at": "10:00 UTC", "reason": "why",
            "product_name": "Mug", "sku": "MUG-1", "available": 2, "threshold": 5,
            "product_url": "https://x/p/1", "shop_url": "https://x",
        });
        for (name, _) in TEMPLATES {
            let (locale, kind) = name.split_once('/').expect("locale/kind");
            let rendered = templates
                .render(kind, Some(locale), "Ada", &values)
                .unwrap_or_else(|e| panic!("{name}: {e:?}"));
            assert!(!rendered.subject.is_empty(), "{name} subject");
            assert!(!rendered.summary.is_empty(), "{name} summary");
            assert!(!rendered.text.is_empty(), "{name} text");
            assert!(rendered.html.starts_with('<'), "{name} html");
        }
        // Both languages exist for every kind.
        assert_eq!(TEMPLATES.len() % LOCALES.len(), 0);
    }

    #[test]
    fn a_receipt_shows_the_invoice_the_lines_and_the_total_in_the_users_language() {
        let templates = Templates::new().expect("templates compile");
        let money = |minor| json!({ "amountMinor": minor, "currency": "EUR" });
        let values = json!({
            "order_id": "0193abcd-0000-7000-8000-000000000000", "invoice_number": "INV-000042",
            "invoice_url": "https://orders/invoices/9.pdf", "order_url": "https://shop/orders/1",
            "lines": [{ "name": "Tea <green>", "quantity": 3, "lineTotal": money(1500) }],
            "subtotal": money(1500), "shipping": money(0), "tax": money(285), "total": money(1785),
        });
        let en = templates
            .render("order_paid", Some("en-GB"), "Ada", &values)
            .expect("en");
        assert!(
            en.subject.contains("0193ABCD") && en.subject.contains("EUR 17.85"),
            "{}",
            en.subject
        );
        assert!(en.text.contains("INV-000042") && en.text.contains("3 x Tea <green>"));
        assert!(
            en.html.contains("Tea &lt;green&gt;"),
            "HTML is escaped: {}",
            en.html
        );
        let de = templates
            .render("order_paid", Some("de"), "Ada", &values)
            .expect("de");
        assert!(
            de.subject.contains("17,85 EUR") && de.text.contains("Gesamt"),
            "{}",
            de.subject
        );
        let fallback = templates
            .render("order_paid", Some("fr"), "Ada", &values)
            .expect("fr");
        assert_eq!(fallback.subject, en.subject);
    }
}
