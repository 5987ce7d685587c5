//! A local stand-in for Stripe's REST API, for the order service's Stripe
//! gateway (`order::store::stripe`): these machines cannot reach Stripe,
//! and Stripe's own `stripe-mock` is not in any registry they reach.
//!
//! It keeps state (intents, refunds) and answers the documented subset the
//! gateway uses, as Stripe documents it for API version 2024-06-20: form
//! bodies, a bearer secret key, `Idempotency-Key` replay (same key and same
//! body: the first answer; same key, another body: 400 `idempotency_error`),
//! 402 card errors with `decline_code`, `payment_intent_unexpected_state`
//! with the intent, and Stripe's test PaymentMethods (`pm_card_visa`,
//! `pm_card_mastercard`, `pm_card_chargeDeclined`,
//! `pm_card_chargeDeclinedInsufficientFunds`,
//! `pm_card_authenticationRequired`). Every request is recorded, so a
//! test can check what the gateway sent.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::{Value, json};

/// The secret key the emulator accepts.
pub const SECRET_KEY: &str = "sk_test_emulated_0123456789";

/// One request as the emulator saw it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: String,
    pub path: String,
    pub idempotency_key: Option<String>,
    pub stripe_version: Option<String>,
    pub form: HashMap<String, String>,
}

#[derive(Default)]
struct Books {
    customers: HashMap<String, Value>,
    /// PaymentMethods made by attaching a test card to a customer.
    methods: HashMap<String, Value>,
    /// PaymentMethods already used without a customer (never again).
    spent: std::collections::HashSet<String>,
    intents: HashMap<String, Value>,
    refunds: HashMap<String, Value>,
    /// Idempotency key → (method and path and body, status, answer).
    replays: HashMap<String, (String, u16, Value)>,
    seen: Vec<Seen>,
    next: u64,
}

impl Books {
    fn id(&mut self, prefix: &str) -> String {
        self.next += 1;
        format!("{prefix}_emu{:08}", self.next)
    }
}

/// The running emulator; it stops when dropped.
pub struct StripeEmulator {
    pub addr: SocketAddr,
    books: Arc<Mutex<Books>>,
    _server: platform::server::AbortOnDrop,
}

impl StripeEmulator {
    pub async fn start() -> Self {
        let books = Arc::new(Mutex::new(Books::default()));
        let app = axum::Router::new()
            .route("/v1/payment_methods/{id}", get(payment_method))
            .route("/v1/payment_methods/{id}/attach", post(attach_method))
            .route("/v1/customers", post(create_customer))
            .route("/v1/payment_intents", post(create_intent))
            .route("/v1/payment_intents/{id}/capture", post(capture_intent))
            .route("/v1/payment_intents/{id}/cancel", post(cancel_intent))
            .route("/v1/refunds", post(create_refund))
            .with_state(books.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let server = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Self {
            addr,
            books,
            _server: platform::server::AbortOnDrop(server),
        }
    }

    /// The gateway's settings for this emulator.
    pub fn settings(&self) -> order::config::StripeSettings {
        order::config::StripeSettings {
            secret_key: SECRET_KEY.into(),
            api_base: format!("http://{}", self.addr),
            timeout: std::time::Duration::from_secs(5),
        }
    }

    /// Every request so far.
    pub fn seen(&self) -> Vec<Seen> {
        self.books.lock().unwrap().seen.clone()
    }

    /// Every intent.
    pub fn intents(&self) -> Vec<Value> {
        self.books
            .lock()
            .unwrap()
            .intents
            .values()
            .cloned()
            .collect()
    }

    /// Every customer.
    pub fn customers(&self) -> Vec<Value> {
        self.books
            .lock()
            .unwrap()
            .customers
            .values()
            .cloned()
            .collect()
    }

    /// Every refund.
    pub fn refunds(&self) -> Vec<Value> {
        self.books
            .lock()
            .unwrap()
            .refunds
            .values()
            .cloned()
            .collect()
    }
}

type Books_ = State<Arc<Mutex<Books>>>;

fn error(status: StatusCode, kind: &str, code: Option<&str>, message: &str) -> (u16, Value) {
    let mut error = json!({ "type": kind, "message": message });
    if let Some(code) = code {
        error["code"] = json!(code);
    }
    (status.as_u16(), json!({ "error": error }))
}

fn answer((status, body): (u16, Value)) -> Response {
    (
        StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
        axum::Json(body),
    )
        .into_response()
}

/// The checks every request passes first: the key, then the idempotent
/// replay. `run` makes the answer of a new request.
fn handle(
    books: &Mutex<Books>,
    headers: &HeaderMap,
    method: &str,
    path: &str,
    body: &str,
    run: impl FnOnce(&mut Books, &HashMap<String, String>) -> (u16, Value),
) -> Response {
    let form: HashMap<String, String> = serde_urlencoded::from_str(body).unwrap_or_default();
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let mut books = books.lock().unwrap();
    books.seen.push(Seen {
        method: method.into(),
        path: path.into(),
        idempotency_key: header("idempotency-key"),
        stripe_version: header("stripe-version"),
        form: form.clone(),
    });
    if header("authorization").as_deref() != Some(&format!("Bearer {SECRET_KEY}")) {
        return answer(error(
            StatusCode::UNAUTHORIZED,
            "invalid_request_error",
            None,
            "Invalid API Key provided",
        ));
    }
    let fingerprint = format!("{method} {path} {body}");
    if let Some(key) = header("idempotency-key") {
        if let Some((first, status, value)) = books.replays.get(&key).cloned() {
            if first != fingerprint {
                return answer(error(
                    StatusCode::BAD_REQUEST,
                    "idempotency_error",
                    None,
                    "Keys for idempotent requests can only be used with the same parameters they were first used with.",
                ));
            }
            return answer((status, value));
        }
        let (status, value) = run(&mut books, &form);
        books
            .replays
            .insert(key, (fingerprint, status, value.clone()));
        return answer((status, value));
    }
    answer(run(&mut books, &form))
}

/// Stripe's test PaymentMethods: brand, last 4, and the decline, if any.
fn test_card(id: &str) -> Option<(&'static str, &'static str, Option<&'static str>)> {
    Some(match id {
        "pm_card_visa" => ("visa", "4242", None),
        "pm_card_mastercard" => ("mastercard", "4444", None),
        "pm_card_chargeDeclined" => ("visa", "0002", Some("generic_decline")),
        "pm_card_chargeDeclinedInsufficientFunds" => ("visa", "9995", Some("insufficient_funds")),
        "pm_card_authenticationRequired" => ("visa", "3184", None),
        _ => return None,
    })
}

fn card_object(id: &str, card: &str, customer: Option<&str>) -> Option<Value> {
    let (brand, last4, _) = test_card(card)?;
    Some(
        json!({ "id": id, "object": "payment_method", "type": "card", "customer": customer,
                 "card": { "brand": brand, "last4": last4, "exp_month": 12, "exp_year": 2034 } }),
    )
}

/// The test card behind `id` (itself, or the card an attached method was
/// made from) and its customer.
fn resolve(books: &Books, id: &str) -> Option<(String, Option<String>)> {
    if test_card(id).is_some() {
        return Some((id.to_string(), None));
    }
    let method = books.methods.get(id)?;
    Some((
        method["card_source"].as_str()?.to_string(),
        method["customer"].as_str().map(str::to_string),
    ))
}

async fn payment_method(
    State(books): Books_,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let path = format!("/v1/payment_methods/{id}");
    handle(
        &books,
        &headers,
        "GET",
        &path,
        "",
        |books, _| match resolve(books, &id)
            .and_then(|(card, customer)| card_object(&id, &card, customer.as_deref()))
        {
            Some(object) => (200, object),
            None => error(
                StatusCode::NOT_FOUND,
                "invalid_request_error",
                Some("resource_missing"),
                &format!("No such PaymentMethod: '{id}'"),
            ),
        },
    )
}

async fn create_customer(State(books): Books_, headers: HeaderMap, body: String) -> Response {
    handle(
        &books,
        &headers,
        "POST",
        "/v1/customers",
        &body,
        |books, form| {
            let id = books.id("cus");
            let customer = json!({ "id": id, "object": "customer",
                               "metadata": { "shop_user_id": form.get("metadata[shop_user_id]") } });
            books.customers.insert(id, customer.clone());
            (200, customer)
        },
    )
}

async fn attach_method(
    State(books): Books_,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: String,
) -> Response {
    let path = format!("/v1/payment_methods/{id}/attach");
    handle(&books, &headers, "POST", &path, &body, |books, form| {
        let Some(customer) = form
            .get("customer")
            .filter(|c| books.customers.contains_key(*c))
            .cloned()
        else {
            return error(
                StatusCode::BAD_REQUEST,
                "invalid_request_error",
                Some("resource_missing"),
                "No such customer",
            );
        };
        if test_card(&id).is_none() {
            return error(
                StatusCode::NOT_FOUND,
                "invalid_request_error",
                Some("resource_missing"),
                &format!("No such PaymentMethod: '{id}'"),
            );
        }
        // As Stripe does for its test shortcuts: a new PaymentMethod.
        let new_id = books.id("pm");
        let mut object = card_object(&new_id, &id, Some(&customer)).unwrap_or_default();
        books.methods.insert(new_id, {
            let mut stored = object.clone();
            stored["card_source"] = json!(id);
            stored
        });
        object["customer"] = json!(customer);
        (200, object)
    })
}

async fn create_intent(State(books): Books_, headers: HeaderMap, body: String) -> Response {
    handle(
        &books,
        &headers,
        "POST",
        "/v1/payment_intents",
        &body,
        |books, form| {
            let Some(amount) = form.get("amount").and_then(|a| a.parse::<i64>().ok()) else {
                return error(
                    StatusCode::BAD_REQUEST,
                    "invalid_request_error",
                    Some("parameter_missing"),
                    "Missing required param: amount.",
                );
            };
            let Some(currency) = form
                .get("currency")
                .filter(|c| c.len() == 3 && c.chars().all(|c| c.is_ascii_lowercase()))
            else {
                return error(
                    StatusCode::BAD_REQUEST,
                    "invalid_request_error",
                    Some("parameter_missing"),
                    "Missing required param: currency.",
                );
            };
            let method = form.get("payment_method").cloned().unwrap_or_default();
            let Some((card, owner)) = resolve(books, &method) else {
                return error(
                    StatusCode::BAD_REQUEST,
                    "invalid_request_error",
                    Some("resource_missing"),
                    &format!("No such PaymentMethod: '{method}'"),
                );
            };
            // Stripe's reuse rules: a method attached to a customer is used
            // with that customer; one without is used once.
            match (&owner, form.get("customer")) {
                (Some(owner), Some(given)) if owner == given => {}
                (Some(_), _) => {
                    return error(
                        StatusCode::BAD_REQUEST,
                        "invalid_request_error",
                        Some("payment_method_unexpected_state"),
                        "The provided PaymentMethod is attached to a Customer; pass that customer.",
                    );
                }
                (None, Some(_)) => {
                    return error(
                        StatusCode::BAD_REQUEST,
                        "invalid_request_error",
                        Some("payment_method_unexpected_state"),
                        "The provided PaymentMethod is not attached to this Customer.",
                    );
                }
                (None, None) if books.spent.contains(&method) && test_card(&method).is_none() => {
                    return error(
                        StatusCode::BAD_REQUEST,
                        "invalid_request_error",
                        Some("payment_method_unexpected_state"),
                        "The provided PaymentMethod was previously used without being attached to a Customer.",
                    );
                }
                (None, None) => {
                    books.spent.insert(method.clone());
                }
            }
            let Some((_, _, decline)) = test_card(&card) else {
                return error(
                    StatusCode::BAD_REQUEST,
                    "invalid_request_error",
                    Some("resource_missing"),
                    "No such PaymentMethod",
                );
            };
            let id = books.id("pi");
            let manual = form.get("capture_method").map(String::as_str) == Some("manual");
            let mut intent = json!({
                "id": id, "object": "payment_intent", "amount": amount, "currency": currency,
                "payment_method": method, "capture_method": if manual { "manual" } else { "automatic" },
                "amount_capturable": 0, "amount_received": 0, "latest_charge": null,
                "status": "requires_confirmation",
            });
            if form.get("confirm").map(String::as_str) == Some("true") {
                if let Some(decline) = decline {
                    intent["status"] = json!("requires_payment_method");
                    intent["last_payment_error"] = json!({ "type": "card_error", "code": "card_declined", "decline_code": decline });
                    books.intents.insert(id.clone(), intent.clone());
                    return (
                        402,
                        json!({ "error": {
                    "type": "card_error", "code": "card_declined", "decline_code": decline,
                    "message": "Your card was declined.", "payment_intent": intent } }),
                    );
                }
                if card == "pm_card_authenticationRequired" {
                    intent["status"] = json!("requires_action");
                } else if manual {
                    intent["status"] = json!("requires_capture");
                    intent["amount_capturable"] = json!(amount);
                } else {
                    intent["status"] = json!("succeeded");
                    intent["amount_received"] = json!(amount);
                }
            }
            books.intents.insert(id, intent.clone());
            (200, intent)
        },
    )
}

async fn capture_intent(
    State(books): Books_,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: String,
) -> Response {
    let path = format!("/v1/payment_intents/{id}/capture");
    handle(&books, &headers, "POST", &path, &body, |books, form| {
        let charge = books.id("ch");
        let Some(intent) = books.intents.get_mut(&id) else {
            return error(
                StatusCode::NOT_FOUND,
                "invalid_request_error",
                Some("resource_missing"),
                &format!("No such payment_intent: '{id}'"),
            );
        };
        if intent["status"] != "requires_capture" {
            let intent = intent.clone();
            return (
                400,
                json!({ "error": {
                "type": "invalid_request_error", "code": "payment_intent_unexpected_state",
                "message": format!("This PaymentIntent could not be captured because it has a status of {}.", intent["status"]),
                "payment_intent": intent } }),
            );
        }
        let capturable = intent["amount_capturable"].as_i64().unwrap_or(0);
        let amount = form
            .get("amount_to_capture")
            .and_then(|a| a.parse::<i64>().ok())
            .unwrap_or(capturable);
        if amount > capturable || amount <= 0 {
            return error(
                StatusCode::BAD_REQUEST,
                "invalid_request_error",
                Some("amount_too_large"),
                "The amount to capture is more than the amount capturable.",
            );
        }
        intent["status"] = json!("succeeded");
        intent["amount_received"] = json!(amount);
        intent["amount_capturable"] = json!(0);
        intent["latest_charge"] = json!(charge);
        (200, intent.clone())
    })
}

async fn cancel_intent(
    State(books): Books_,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: String,
) -> Response {
    let path = format!("/v1/payment_intents/{id}/cancel");
    handle(&books, &headers, "POST", &path, &body, |books, _| {
        let Some(intent) = books.intents.get_mut(&id) else {
            return error(
                StatusCode::NOT_FOUND,
                "invalid_request_error",
                Some("resource_missing"),
                &format!("No such payment_intent: '{id}'"),
            );
        };
        let status = intent["status"].as_str().unwrap_or_default().to_string();
        if status == "succeeded" || status == "canceled" {
            let intent = intent.clone();
            return (
                400,
                json!({ "error": {
                "type": "invalid_request_error", "code": "payment_intent_unexpected_state",
                "message": format!("You cannot cancel this PaymentIntent because it has a status of {status}."),
                "payment_intent": intent } }),
            );
        }
        intent["status"] = json!("canceled");
        intent["amount_capturable"] = json!(0);
        (200, intent.clone())
    })
}

async fn create_refund(State(books): Books_, headers: HeaderMap, body: String) -> Response {
    handle(
        &books,
        &headers,
        "POST",
        "/v1/refunds",
        &body,
        |books, form| {
            let Some(charge) = form.get("charge").cloned() else {
                return error(
                    StatusCode::BAD_REQUEST,
                    "invalid_request_error",
                    Some("parameter_missing"),
                    "Missing required param: charge.",
                );
            };
            let Some(intent) = books
                .intents
                .values()
                .find(|i| i["latest_charge"] == charge.as_str())
                .cloned()
            else {
                return error(
                    StatusCode::NOT_FOUND,
                    "invalid_request_error",
                    Some("resource_missing"),
                    &format!("No such charge: '{charge}'"),
                );
            };
            let refunded: i64 = books
                .refunds
                .values()
                .filter(|r| r["charge"] == charge.as_str())
                .filter_map(|r| r["amount"].as_i64())
                .sum();
            let received = intent["amount_received"].as_i64().unwrap_or(0);
            let amount = form
                .get("amount")
                .and_then(|a| a.parse::<i64>().ok())
                .unwrap_or(received - refunded);
            if amount <= 0 || refunded + amount > received {
                return error(
                    StatusCode::BAD_REQUEST,
                    "invalid_request_error",
                    Some("charge_already_refunded"),
                    "Refund amount is greater than the unrefunded amount on the charge.",
                );
            }
            let id = books.id("re");
            let refund = json!({ "id": id, "object": "refund", "amount": amount, "charge": charge,
                             "currency": intent["currency"], "payment_intent": intent["id"], "status": "succeeded" });
            books.refunds.insert(id, refund.clone());
            (200, refund)
        },
    )
}
