//! Stripe, the payment provider for production (`PAYMENT_GATEWAY=stripe`),
//! through its REST API: PaymentIntents with manual capture.
//!
//! | port | Stripe |
//! | --- | --- |
//! | `card_details(pm_...)` | `GET /v1/payment_methods/{id}` |
//! | `authorize` | `POST /v1/payment_intents` with `confirm`, `capture_method=manual` |
//! | `capture` | `POST /v1/payment_intents/{id}/capture` with `amount_to_capture` |
//! | `void` | `POST /v1/payment_intents/{id}/cancel` |
//! | `refund` | `POST /v1/refunds` with the charge and `amount` |
//! | `keep` (a saved card) | `POST /v1/customers`, then `POST /v1/payment_methods/{id}/attach` |
//!
//! Stripe reuses a PaymentMethod only once it is attached to a Customer, so
//! saving a card makes a Customer for it (metadata `shop_user_id`) and
//! stores `cus_.../pm_...`; payments with that token name both.
//!
//! The payment token is a PaymentMethod id (`pm_...`) that the client made
//! with Stripe.js or the mobile SDKs, so card numbers never reach this
//! service. Every write carries the saga's idempotency key as Stripe's
//! `Idempotency-Key`: a retry after a timeout gets the first outcome, and no
//! money moves twice. The API version is pinned ([`API_VERSION`]).
//!
//! Outcomes: a card error (HTTP 402) is `Declined` with Stripe's
//! `decline_code` (or `code`); an intent that needs customer authentication
//! (3-D Secure) is cancelled and `Declined` with `authentication_required`,
//! since the API takes no redirect; a timeout is `Timeout`; a network
//! failure, 429 or 5xx is `Unavailable`; any other refusal is `Rejected`.

use std::time::Duration;

use futures::future::BoxFuture;
use platform::money::Money;
use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::ports::{CardDetails, PaymentError, PaymentGateway};

/// The Stripe API version every request asks for.
pub const API_VERSION: &str = "2024-06-20";

/// Where Stripe is and how to sign in.
#[derive(Clone, PartialEq, Eq)]
pub struct StripeSettings {
    /// The secret key (`STRIPE_SECRET_KEY`, `sk_live_...` or `sk_test_...`).
    pub secret_key: String,
    /// The API's base URL (`STRIPE_API_BASE`, `https://api.stripe.com`).
    pub api_base: String,
    /// How long one call may take before it counts as a timeout.
    pub timeout: Duration,
}

impl std::fmt::Debug for StripeSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StripeSettings")
            .field("secret_key", &"***")
            .field("api_base", &self.api_base)
            .field("timeout", &self.timeout)
            .finish()
    }
}

/// The gateway.
pub struct StripeGateway {
    http: reqwest::Client,
    settings: StripeSettings,
}

#[derive(Deserialize)]
struct PaymentMethod {
    card: Option<Card>,
}

#[derive(Deserialize)]
struct Card {
    brand: String,
    last4: String,
    exp_month: i16,
    exp_year: i16,
}

#[derive(Deserialize)]
struct PaymentIntent {
    id: String,
    status: String,
    latest_charge: Option<String>,
    last_payment_error: Option<StripeError>,
}

#[derive(Deserialize)]
struct Customer {
    id: String,
}

#[derive(Deserialize)]
struct Attached {
    id: String,
}

#[derive(Deserialize)]
struct Refund {
    id: String,
    status: String,
}

#[derive(Deserialize)]
struct ErrorBody {
    error: StripeError,
}

#[derive(Debug, Default, Deserialize)]
struct StripeError {
    #[serde(rename = "type", default)]
    kind: String,
    code: Option<String>,
    decline_code: Option<String>,
    message: Option<String>,
    /// For PaymentIntent errors, the intent as it is now.
    payment_intent: Option<serde_json::Value>,
}

/// Why a call failed: the network or Stripe's answer.
enum Failure {
    Transport(PaymentError),
    Api { status: u16, error: StripeError },
}

impl Failure {
    /// A network failure: a timeout, or Stripe unreachable (`what` says at
    /// which step).
    fn transport(err: reqwest::Error, what: &str) -> Self {
        Failure::Transport(if err.is_timeout() {
            PaymentError::Timeout
        } else {
            PaymentError::Unavailable(format!("{what}: {err}"))
        })
    }

    /// The port's error for a failure that needs no special reading.
    fn into_payment_error(self) -> PaymentError {
        match self {
            Failure::Transport(err) => err,
            Failure::Api { status: 402, error } => PaymentError::Declined {
                code: error
                    .decline_code
                    .or(error.code)
                    .unwrap_or_else(|| "card_declined".into()),
            },
            Failure::Api { status, .. } if status == 429 || status >= 500 => {
                PaymentError::Unavailable(format!("Stripe answered {status}"))
            }
            Failure::Api {
                status: 401 | 403, ..
            } => PaymentError::Unavailable(
                "Stripe refused the secret key (STRIPE_SECRET_KEY)".into(),
            ),
            Failure::Api { status, error } => PaymentError::Rejected(format!(
                "Stripe answered {status} ({}{}): {}",
                error.kind,
                error
                    .code
                    .as_deref()
                    .map(|c| format!(", {c}"))
                    .unwrap_or_default(),
                error.message.unwrap_or_default()
            )),
        }
    }

    /// As [`Failure::into_payment_error`], but an object Stripe does not
    /// have is a token it does not know.
    fn missing_is_unknown(self) -> PaymentError {
        if self.is_missing() {
            PaymentError::UnknownToken
        } else {
            self.into_payment_error()
        }
    }

    fn is_missing(&self) -> bool {
        matches!(self, Failure::Api { status: 404, .. })
            || matches!(self, Failure::Api { error, .. } if error.code.as_deref() == Some("resource_missing"))
    }
}

/// Whether `id` looks like a Stripe object id with `prefix` (so that no
/// client text reaches a URL path unchecked).
fn is_id(id: &str, prefixes: &[&str]) -> bool {
    prefixes.iter().any(|p| id.starts_with(p))
        && id.len() <= 255
        && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// A payment token: a PaymentMethod, or a saved one with its Customer
/// (`cus_.../pm_...`). `None` when it is neither.
fn parse_token(token: &str) -> Option<(Option<&str>, &str)> {
    match token.split_once('/') {
        Some((customer, method)) if is_id(customer, &["cus_"]) && is_id(method, &["pm_"]) => {
            Some((Some(customer), method))
        }
        None if is_id(token, &["pm_"]) => Some((None, token)),
        _ => None,
    }
}

/// `visa` → `Visa`, as the simulator and the schema spell brands.
fn brand_name(brand: &str) -> String {
    match brand {
        "visa" => "Visa".into(),
        "mastercard" => "Mastercard".into(),
        "amex" => "American Express".into(),
        "discover" => "Discover".into(),
        "diners" => "Diners Club".into(),
        "jcb" => "JCB".into(),
        "unionpay" => "UnionPay".into(),
        "cartes_bancaires" => "Cartes Bancaires".into(),
        other => {
            let mut name = other.replace('_', " ");
            if let Some(first) = name.get_mut(0..1) {
                first.make_ascii_uppercase();
            }
            name
        }
    }
}

impl StripeGateway {
    /// A gateway calling Stripe with `settings`.
    pub fn new(settings: StripeSettings) -> anyhow::Result<Self> {
        anyhow::ensure!(
            settings.secret_key.starts_with("sk_") || settings.secret_key.starts_with("rk_"),
            "STRIPE_SECRET_KEY must be a Stripe secret or restricted key (sk_... or rk_...)"
        );
        let http = reqwest::Client::builder()
            .timeout(settings.timeout)
            .connect_timeout(settings.timeout.min(Duration::from_secs(5)))
            .build()?;
        Ok(Self { http, settings })
    }

    async fn call<T: DeserializeOwned>(
        &self,
        method: reqwest::Method,
        path: &str,
        idempotency_key: Option<&str>,
        form: &[(&str, String)],
    ) -> Result<T, Failure> {
        let url = format!("{}{path}", self.settings.api_base.trim_end_matches('/'));
        let mut request = self
            .http
            .request(method.clone(), url)
            .bearer_auth(&self.settings.secret_key)
            .header("Stripe-Version", API_VERSION);
        if let Some(key) = idempotency_key {
            request = request.header("Idempotency-Key", key);
        }
        if method != reqwest::Method::GET {
            request = request.form(form);
        }
        let response = request
            .send()
            .await
            .map_err(|err| Failure::transport(err, "cannot reach Stripe"))?;
        let status = response.status().as_u16();
        let body = response
            .bytes()
            .await
            .map_err(|err| Failure::transport(err, "Stripe's answer was cut"))?;
        if (200..300).contains(&status) {
            return serde_json::from_slice(&body).map_err(|err| {
                Failure::Transport(PaymentError::Unavailable(format!(
                    "Stripe's answer cannot be read: {err}"
                )))
            });
        }
        let error = serde_json::from_slice::<ErrorBody>(&body)
            .map(|b| b.error)
            .unwrap_or_default();
        Err(Failure::Api { status, error })
    }
}

impl PaymentGateway for StripeGateway {
    fn card_details<'a>(
        &'a self,
        token: &'a str,
    ) -> BoxFuture<'a, Result<CardDetails, PaymentError>> {
        Box::pin(async move {
            let Some((_, method)) = parse_token(token) else {
                return Err(PaymentError::UnknownToken);
            };
            let method: PaymentMethod = self
                .call(
                    reqwest::Method::GET,
                    &format!("/v1/payment_methods/{method}"),
                    None,
                    &[],
                )
                .await
                .map_err(Failure::missing_is_unknown)?;
            let card = method.card.ok_or(PaymentError::UnknownToken)?;
            Ok(CardDetails {
                brand: brand_name(&card.brand),
                last4: card.last4,
                exp_month: card.exp_month,
                exp_year: card.exp_year,
            })
        })
    }

    fn authorize<'a>(
        &'a self,
        idempotency_key: &'a str,
        token: &'a str,
        amount: &'a Money,
    ) -> BoxFuture<'a, Result<String, PaymentError>> {
        Box::pin(async move {
            let Some((customer, method)) = parse_token(token) else {
                return Err(PaymentError::UnknownToken);
            };
            let mut form = vec![
                ("amount", amount.amount_minor.to_string()),
                ("currency", amount.currency.as_str().to_ascii_lowercase()),
                ("payment_method", method.to_string()),
                ("confirm", "true".into()),
                ("capture_method", "manual".into()),
                ("automatic_payment_methods[enabled]", "true".into()),
                ("automatic_payment_methods[allow_redirects]", "never".into()),
            ];
            if let Some(customer) = customer {
                form.push(("customer", customer.to_string()));
            }
            let intent: PaymentIntent = self
                .call(
                    reqwest::Method::POST,
                    "/v1/payment_intents",
                    Some(idempotency_key),
                    &form,
                )
                .await
                .map_err(|failure| match failure {
                    Failure::Api { status: 400, error }
                        if error.code.as_deref() == Some("resource_missing") =>
                    {
                        PaymentError::UnknownToken
                    }
                    other => other.into_payment_error(),
                })?;
            match intent.status.as_str() {
                "requires_capture" | "succeeded" => Ok(intent.id),
                "requires_action" => {
                    // No redirect can happen here: drop the intent.
                    let cancel = self
                        .call::<PaymentIntent>(
                            reqwest::Method::POST,
                            &format!("/v1/payment_intents/{}/cancel", intent.id),
                            Some(&format!("{idempotency_key}:cancel")),
                            &[],
                        )
                        .await;
                    if cancel.is_err() {
                        tracing::warn!(intent = %intent.id, "could not cancel a payment intent that needs authentication");
                    }
                    Err(PaymentError::Declined {
                        code: "authentication_required".into(),
                    })
                }
                "requires_payment_method" => Err(PaymentError::Declined {
                    code: intent
                        .last_payment_error
                        .and_then(|e| e.decline_code.or(e.code))
                        .unwrap_or_else(|| "card_declined".into()),
                }),
                "processing" => Err(PaymentError::Timeout),
                other => Err(PaymentError::Rejected(format!(
                    "the payment intent is {other} after confirmation"
                ))),
            }
        })
    }

    fn capture<'a>(
        &'a self,
        idempotency_key: &'a str,
        authorization: &'a str,
        amount: &'a Money,
    ) -> BoxFuture<'a, Result<String, PaymentError>> {
        Box::pin(async move {
            if !is_id(authorization, &["pi_"]) {
                return Err(PaymentError::Rejected(format!(
                    "{authorization:?} is not a Stripe payment intent"
                )));
            }
            let intent: PaymentIntent = self
                .call(
                    reqwest::Method::POST,
                    &format!("/v1/payment_intents/{authorization}/capture"),
                    Some(idempotency_key),
                    &[("amount_to_capture", amount.amount_minor.to_string())],
                )
                .await
                .map_err(Failure::into_payment_error)?;
            match intent.status.as_str() {
                "succeeded" => Ok(intent.latest_charge.unwrap_or(intent.id)),
                "processing" => Err(PaymentError::Timeout),
                other => Err(PaymentError::Rejected(format!(
                    "the payment intent is {other} after capture"
                ))),
            }
        })
    }

    fn void<'a>(
        &'a self,
        idempotency_key: &'a str,
        authorization: &'a str,
    ) -> BoxFuture<'a, Result<(), PaymentError>> {
        Box::pin(async move {
            if !is_id(authorization, &["pi_"]) {
                // Never made by Stripe: nothing to drop.
                return Ok(());
            }
            let result = self
                .call::<PaymentIntent>(
                    reqwest::Method::POST,
                    &format!("/v1/payment_intents/{authorization}/cancel"),
                    Some(idempotency_key),
                    &[],
                )
                .await;
            match result {
                Ok(_) => Ok(()),
                Err(failure) if failure.is_missing() => Ok(()),
                Err(Failure::Api { error, .. })
                    if error.code.as_deref() == Some("payment_intent_unexpected_state")
                        && error
                            .payment_intent
                            .as_ref()
                            .and_then(|pi| pi["status"].as_str())
                            == Some("canceled") =>
                {
                    Ok(())
                }
                Err(failure) => Err(failure.into_payment_error()),
            }
        })
    }

    fn refund<'a>(
        &'a self,
        idempotency_key: &'a str,
        capture: &'a str,
        amount: &'a Money,
    ) -> BoxFuture<'a, Result<String, PaymentError>> {
        Box::pin(async move {
            let target = if is_id(capture, &["ch_", "py_"]) {
                "charge"
            } else if is_id(capture, &["pi_"]) {
                "payment_intent"
            } else {
                return Err(PaymentError::Rejected(format!(
                    "{capture:?} is not a Stripe charge"
                )));
            };
            let refund: Refund = self
                .call(
                    reqwest::Method::POST,
                    "/v1/refunds",
                    Some(idempotency_key),
                    &[
                        (target, capture.to_string()),
                        ("amount", amount.amount_minor.to_string()),
                    ],
                )
                .await
                .map_err(Failure::into_payment_error)?;
            match refund.status.as_str() {
                "succeeded" | "pending" | "requires_action" => Ok(refund.id),
                other => Err(PaymentError::Declined {
                    code: format!("refund_{other}"),
                }),
            }
        })
    }

    fn keep<'a>(
        &'a self,
        idempotency_key: &'a str,
        user_id: uuid::Uuid,
        token: &'a str,
    ) -> BoxFuture<'a, Result<String, PaymentError>> {
        Box::pin(async move {
            let method = match parse_token(token) {
                Some((None, method)) => method,
                Some((Some(_), _)) => return Ok(token.to_string()),
                None => return Err(PaymentError::UnknownToken),
            };
            let customer: Customer = self
                .call(
                    reqwest::Method::POST,
                    "/v1/customers",
                    Some(&format!("{idempotency_key}:customer")),
                    &[("metadata[shop_user_id]", user_id.to_string())],
                )
                .await
                .map_err(Failure::into_payment_error)?;
            let attached: Attached = self
                .call(
                    reqwest::Method::POST,
                    &format!("/v1/payment_methods/{method}/attach"),
                    Some(&format!("{idempotency_key}:attach")),
                    &[("customer", customer.id.clone())],
                )
                .await
                .map_err(Failure::missing_is_unknown)?;
            Ok(format!("{}/{}", customer.id, attached.id))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_checked_before_they_reach_a_path() {
        assert!(is_id("pm_1Pq2Rs3Tu4", &["pm_"]));
        assert!(!is_id("pm_../../v1/charges", &["pm_"]));
        assert!(!is_id("tok_visa", &["pm_"]));
        assert!(is_id("ch_3Ab", &["ch_", "py_"]));
    }

    #[test]
    fn a_saved_token_names_its_customer() {
        assert_eq!(parse_token("pm_1"), Some((None, "pm_1")));
        assert_eq!(parse_token("cus_9/pm_1"), Some((Some("cus_9"), "pm_1")));
        assert_eq!(parse_token("cus_9/tok_visa"), None);
        assert_eq!(parse_token("pm_1/cus_9"), None);
    }

    #[test]
    fn brands_are_spelled_as_the_schema_shows_them() {
        assert_eq!(brand_name("visa"), "Visa");
        assert_eq!(brand_name("amex"), "American Express");
        assert_eq!(brand_name("link_card"), "Link card");
    }

    #[test]
    fn a_key_that_is_not_a_secret_key_is_refused() {
        let settings = |key: &str| StripeSettings {
            secret_key: key.into(),
            api_base: "https://api.stripe.com".into(),
            timeout: Duration::from_secs(10),
        };
        assert!(StripeGateway::new(settings("pk_live_123")).is_err());
        assert!(StripeGateway::new(settings("sk_test_123")).is_ok());
        assert!(!format!("{:?}", settings("sk_live_hidden")).contains("sk_live_hidden"));
    }
}
