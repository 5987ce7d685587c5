//! The one contract for events: every event type, its version and its
//! payload, the envelope around it, and the consumer groups that listen.
//!
//! Producers and consumers are both built from these types, and the JSON
//! Schema committed at `crates/platform/events.schema.json` is generated from
//! them (`cargo xtask compose`; the checks fail when it drifts), so a client
//! in another language can validate the wire format too.
//!
//! On the wire an event is one JSON object:
//!
//! ```json
//! { "id": "0193…", "type": "order.shipped", "version": 1,
//!   "occurredAt": "2026-12-02T10:00:00Z",
//!   "aggregate": { "type": "order", "id": "…", "sequence": 4 },
//!   "traceparent": "00-…-…-01",
//!   "payload": { "orderId": "…", "userId": "…", "carrier": "DHL", "trackingNumber": "…" } }
//! ```

use chrono::{DateTime, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// One event as it travels: the metadata every consumer needs, and the
/// typed payload (`type` and `payload` on the wire).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Envelope {
    /// A UUIDv7: unique, and ordered by the time it was made. Consumers
    /// deduplicate on it.
    pub id: Uuid,
    /// What happened, with its data.
    #[serde(flatten)]
    pub event: Event,
    /// The payload's schema version. A consumer refuses (dead-letters) a
    /// version newer than the one it was built with.
    pub version: u32,
    /// When the change was committed by its producer.
    pub occurred_at: DateTime<Utc>,
    /// The entity the event is about, with its place in that entity's history.
    pub aggregate: Aggregate,
    /// The W3C trace context of the request that caused the event.
    pub traceparent: String,
}

/// The entity an event is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Aggregate {
    /// `user`, `order` or `product`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The entity's id.
    pub id: String,
    /// 1 for the entity's first event, then one more for each: consumers use
    /// it to recognise an event that arrives after a newer one.
    pub sequence: i64,
}

impl Envelope {
    /// A new envelope for `event`, caused by the request traced as
    /// `traceparent`. The sequence is assigned when the outbox stores it.
    pub fn new(event: Event, traceparent: String) -> Self {
        let (kind, id) = event.aggregate();
        Self {
            id: Uuid::now_v7(),
            version: event.version(),
            event,
            occurred_at: Utc::now(),
            aggregate: Aggregate {
                kind: kind.to_string(),
                id,
                sequence: 0,
            },
            traceparent,
        }
    }

    /// The routing key: the event's type, such as `order.paid`.
    pub fn routing_key(&self) -> &'static str {
        self.event.type_name()
    }
}

/// An amount of money in an event: integer minor units and an ISO 4217 code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct EventMoney {
    /// The amount in the currency's minor unit (cents for EUR).
    pub amount_minor: i64,
    /// ISO 4217, e.g. `EUR`.
    pub currency: String,
}

impl From<&crate::money::Money> for EventMoney {
    fn from(money: &crate::money::Money) -> Self {
        Self {
            amount_minor: money.amount_minor,
            currency: money.currency.as_str().to_string(),
        }
    }
}

/// How a password reset was asked for, and so where its link goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ContactChannel {
    /// To the account's email address.
    Email,
    /// To the account's phone number.
    Sms,
}

/// Every event the system publishes. The `type` on the wire is the
/// `#[serde(rename)]` of each variant; [`Event::version`] gives its version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type", content = "payload")]
pub enum Event {
    /// A new account was created.
    #[serde(rename = "user.registered")]
    UserRegistered(UserRegistered),
    /// Someone asked for a password reset link.
    #[serde(rename = "user.password_reset_requested")]
    PasswordResetRequested(PasswordResetRequested),
    /// An account's email address changed.
    #[serde(rename = "user.email_changed")]
    EmailChanged(EmailChanged),
    /// An address needs its owner to confirm it (a registration or an
    /// email change): the link goes to that address.
    #[serde(rename = "user.email_verification_requested")]
    EmailVerificationRequested(EmailVerificationRequested),
    /// The payment was captured: the receipt.
    #[serde(rename = "order.paid")]
    OrderPaid(OrderPaid),
    /// The payment was declined or failed; the order is closed.
    #[serde(rename = "order.payment_failed")]
    OrderPaymentFailed(OrderPaymentFailed),
    /// The order was cancelled.
    #[serde(rename = "order.cancelled")]
    OrderCancelled(OrderCancelled),
    /// Staff started picking and packing.
    #[serde(rename = "order.fulfilling")]
    OrderFulfilling(OrderProgress),
    /// Handed to a carrier.
    #[serde(rename = "order.shipped")]
    OrderShipped(OrderShipped),
    /// The carrier delivered it.
    #[serde(rename = "order.delivered")]
    OrderDelivered(OrderProgress),
    /// Money went back to the customer.
    #[serde(rename = "order.refunded")]
    OrderRefunded(OrderRefunded),
    /// The customer asked to return lines.
    #[serde(rename = "order.return_requested")]
    ReturnRequested(ReturnDecision),
    /// Staff approved a return.
    #[serde(rename = "order.return_approved")]
    ReturnApproved(ReturnDecision),
    /// Staff rejected a return.
    #[serde(rename = "order.return_rejected")]
    ReturnRejected(ReturnDecision),
    /// A product's available stock fell to or below its alert threshold.
    #[serde(rename = "product.stock_low")]
    StockLow(StockLow),
    /// A product's price changed.
    #[serde(rename = "product.price_changed")]
    PriceChanged(PriceChanged),
}

/// Payload of `user.registered`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct UserRegistered {
    /// The new account.
    pub user_id: Uuid,
    /// The name it was registered with.
    pub name: String,
}

/// Payload of `user.password_reset_requested`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct PasswordResetRequested {
    /// The account.
    pub user_id: Uuid,
    /// Where the link goes: the contact the request named.
    pub channel: ContactChannel,
    /// The one-time link, with its token. It is a secret: never logged
    /// outside development.
    pub link: String,
    /// When the link stops working.
    pub expires_at: DateTime<Utc>,
}

/// Payload of `user.email_verification_requested`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct EmailVerificationRequested {
    /// The account.
    pub user_id: Uuid,
    /// The address to verify, and so where the link goes.
    pub email: String,
    /// The one-time link, with its token. It is a secret: never logged
    /// outside development.
    pub link: String,
    /// When the link stops working.
    pub expires_at: DateTime<Utc>,
}

/// Payload of `user.email_changed`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct EmailChanged {
    /// The account.
    pub user_id: Uuid,
    /// The address it had before, told about the change in case the owner
    /// did not make it. `None` for an account that had only a phone.
    pub previous_email: Option<String>,
}

/// One line of a paid order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OrderLine {
    /// The product bought.
    pub product_id: Uuid,
    /// Its name when it was bought.
    pub name: String,
    /// How many.
    pub quantity: u32,
    /// The price of one.
    pub unit_price: EventMoney,
    /// `quantity × unit_price`.
    pub line_total: EventMoney,
}

/// Payload of `order.paid`: everything a receipt shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OrderPaid {
    /// The order.
    pub order_id: Uuid,
    /// Its customer.
    pub user_id: Uuid,
    /// The invoice's number, e.g. `INV-2026-000042`.
    pub invoice_number: String,
    /// The invoice's id (its PDF is served by the order service).
    pub invoice_id: Uuid,
    /// What was bought.
    pub lines: Vec<OrderLine>,
    /// Lines before shipping and tax.
    pub subtotal: EventMoney,
    /// Shipping.
    pub shipping: EventMoney,
    /// Tax.
    pub tax: EventMoney,
    /// What was charged.
    pub total: EventMoney,
}

/// Payload of `order.payment_failed`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OrderPaymentFailed {
    /// The order.
    pub order_id: Uuid,
    /// Its customer.
    pub user_id: Uuid,
    /// Why, in words the customer may read.
    pub reason: String,
}

/// Payload of `order.cancelled`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OrderCancelled {
    /// The order.
    pub order_id: Uuid,
    /// Its customer.
    pub user_id: Uuid,
    /// Why it was cancelled.
    pub reason: String,
}

/// Payload of `order.fulfilling` and `order.delivered`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OrderProgress {
    /// The order.
    pub order_id: Uuid,
    /// Its customer.
    pub user_id: Uuid,
}

/// Payload of `order.shipped`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OrderShipped {
    /// The order.
    pub order_id: Uuid,
    /// Its customer.
    pub user_id: Uuid,
    /// Who carries it.
    pub carrier: String,
    /// The carrier's tracking number.
    pub tracking_number: String,
}

/// Payload of `order.refunded`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OrderRefunded {
    /// The order.
    pub order_id: Uuid,
    /// Its customer.
    pub user_id: Uuid,
    /// The refund.
    pub refund_id: Uuid,
    /// How much went back.
    pub amount: EventMoney,
}

/// Payload of `order.return_requested`, `order.return_approved` and
/// `order.return_rejected`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ReturnDecision {
    /// The order.
    pub order_id: Uuid,
    /// Its customer.
    pub user_id: Uuid,
    /// The return request.
    pub return_id: Uuid,
    /// The customer's reason (requested) or the staff's (rejected).
    pub reason: Option<String>,
}

/// Payload of `product.stock_low`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct StockLow {
    /// The product.
    pub product_id: Uuid,
    /// Its name.
    pub name: String,
    /// Its SKU, if it has one.
    pub sku: Option<String>,
    /// Units that can still be sold.
    pub available: i64,
    /// The alert threshold it reached.
    pub threshold: i64,
}

/// Payload of `product.price_changed`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct PriceChanged {
    /// The product.
    pub product_id: Uuid,
    /// Its name.
    pub name: String,
    /// The price before.
    pub old_price: EventMoney,
    /// The price now.
    pub new_price: EventMoney,
}

impl Event {
    /// The type on the wire and the routing key, such as `order.paid`.
    pub fn type_name(&self) -> &'static str {
        match self {
            Event::UserRegistered(_) => "user.registered",
            Event::PasswordResetRequested(_) => "user.password_reset_requested",
            Event::EmailChanged(_) => "user.email_changed",
            Event::EmailVerificationRequested(_) => "user.email_verification_requested",
            Event::OrderPaid(_) => "order.paid",
            Event::OrderPaymentFailed(_) => "order.payment_failed",
            Event::OrderCancelled(_) => "order.cancelled",
            Event::OrderFulfilling(_) => "order.fulfilling",
            Event::OrderShipped(_) => "order.shipped",
            Event::OrderDelivered(_) => "order.delivered",
            Event::OrderRefunded(_) => "order.refunded",
            Event::ReturnRequested(_) => "order.return_requested",
            Event::ReturnApproved(_) => "order.return_approved",
            Event::ReturnRejected(_) => "order.return_rejected",
            Event::StockLow(_) => "product.stock_low",
            Event::PriceChanged(_) => "product.price_changed",
        }
    }

    /// The payload's schema version. Raise it when a payload changes in a
    /// way an older consumer would misread; add optional fields instead
    /// where possible.
    pub fn version(&self) -> u32 {
        1
    }

    /// The aggregate the event is about: its type and id.
    pub fn aggregate(&self) -> (&'static str, String) {
        match self {
            Event::UserRegistered(e) => ("user", e.user_id.to_string()),
            Event::PasswordResetRequested(e) => ("user", e.user_id.to_string()),
            Event::EmailChanged(e) => ("user", e.user_id.to_string()),
            Event::EmailVerificationRequested(e) => ("user", e.user_id.to_string()),
            Event::OrderPaid(e) => ("order", e.order_id.to_string()),
            Event::OrderPaymentFailed(e) => ("order", e.order_id.to_string()),
            Event::OrderCancelled(e) => ("order", e.order_id.to_string()),
            Event::OrderFulfilling(e) | Event::OrderDelivered(e) => {
                ("order", e.order_id.to_string())
            }
            Event::OrderShipped(e) => ("order", e.order_id.to_string()),
            Event::OrderRefunded(e) => ("order", e.order_id.to_string()),
            Event::ReturnRequested(e) | Event::ReturnApproved(e) | Event::ReturnRejected(e) => {
                ("order", e.order_id.to_string())
            }
            Event::StockLow(e) => ("product", e.product_id.to_string()),
            Event::PriceChanged(e) => ("product", e.product_id.to_string()),
        }
    }
}

/// A consumer group: one durable queue, shared by every replica of the
/// consuming service, bound to the event types it wants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConsumerGroup {
    /// The queue's name (before the deployment's prefix).
    pub name: &'static str,
    /// Topic patterns bound to the queue (`order.*` or `order.paid`).
    pub bindings: &'static [&'static str],
}

/// The notification service: everything a person may be told about.
pub const NOTIFICATION_GROUP: ConsumerGroup = ConsumerGroup {
    name: "notification",
    bindings: &[
        "user.*",
        "order.*",
        "product.stock_low",
        "product.price_changed",
    ],
};

/// The product service: purchases, for co-purchase counts and
/// recommendations.
pub const PRODUCT_PURCHASES_GROUP: ConsumerGroup = ConsumerGroup {
    name: "product.purchases",
    bindings: &["order.paid"],
};

/// Every consumer group. Producers declare all of them too, so that an
/// event published before its consumer first started waits in its queue
/// instead of being dropped as unroutable.
pub const CONSUMER_GROUPS: [ConsumerGroup; 2] = [NOTIFICATION_GROUP, PRODUCT_PURCHASES_GROUP];

/// The JSON Schema of [`Envelope`], as committed in
/// `crates/platform/events.schema.json`.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(Envelope);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

/// A W3C `traceparent` for a new trace, for events caused by no traced
/// request (a background sweep, a test).
pub fn new_traceparent() -> String {
    let trace = Uuid::new_v4().simple().to_string();
    let span = &Uuid::new_v4().simple().to_string()[..16];
    format!("00-{trace}-{span}-01")
}

/// Whether `value` is a well-formed W3C `traceparent` (version 00).
pub fn is_traceparent(value: &str) -> bool {
    let parts: Vec<&str> = value.split('-').collect();
    let hex = |s: &str, len: usize| s.len() == len && s.bytes().all(|b| b.is_ascii_hexdigit());
    parts.len() == 4
        && parts[0] == "00"
        && hex(parts[1], 32)
        && parts[1] != "0".repeat(32)
        && hex(parts[2], 16)
        && parts[2] != "0".repeat(16)
        && hex(parts[3], 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn money(amount_minor: i64) -> EventMoney {
        EventMoney {
            amount_minor,
            currency: "EUR".into(),
        }
    }

    #[test]
    fn an_envelope_has_the_documented_wire_shape() {
        let order_id = Uuid::now_v7();
        let envelope = Envelope::new(
            Event::OrderShipped(OrderShipped {
                order_id,
                user_id: Uuid::now_v7(),
                carrier: "DHL".into(),
                tracking_number: "JD0001".into(),
            }),
            new_traceparent(),
        );
        let json = serde_json::to_value(&envelope).expect("serialises");
        assert_eq!(json["type"], "order.shipped");
        assert_eq!(json["version"], 1);
        assert_eq!(json["aggregate"]["type"], "order");
        assert_eq!(json["aggregate"]["id"], order_id.to_string());
        assert_eq!(json["payload"]["trackingNumber"], "JD0001");
        assert!(json["occurredAt"].is_string());
        assert!(is_traceparent(json["traceparent"].as_str().unwrap_or("")));
        let back: Envelope = serde_json::from_value(json).expect("parses");
        assert_eq!(back, envelope);
    }

    #[test]
    fn every_event_type_round_trips_and_names_its_routing_key() {
        let user_id = Uuid::now_v7();
        let order_id = Uuid::now_v7();
        let progress = OrderProgress { order_id, user_id };
        let decision = ReturnDecision {
            order_id,
            user_id,
            return_id: Uuid::now_v7(),
            reason: Some("too small".into()),
        };
        let events = vec![
            Event::UserRegistered(UserRegistered {
                user_id,
                name: "Ada".into(),
            }),
            Event::PasswordResetRequested(PasswordResetRequested {
                user_id,
                channel: ContactChannel::Email,
                link: "http://x/reset?token=t".into(),
                expires_at: Utc::now(),
            }),
            Event::EmailChanged(EmailChanged {
                user_id,
                previous_email: Some("old@example.com".into()),
            }),
            Event::EmailVerificationRequested(EmailVerificationRequested {
                user_id,
                email: "new@example.com".into(),
                link: "http://x/verify-email?token=t".into(),
                expires_at: Utc::now(),
            }),
            Event::OrderPaid(OrderPaid {
                order_id,
                user_id,
                invoice_number: "INV-1".into(),
                invoice_id: Uuid::now_v7(),
                lines: vec![OrderLine {
                    product_id: Uuid::now_v7(),
                    name: "Mug".into(),
                    quantity: 2,
                    unit_price: money(500),
                    line_total: money(1000),
                }],
                subtotal: money(1000),
                shipping: money(0),
                tax: money(190),
                total: money(1190),
            }),
            Event::OrderPaymentFailed(OrderPaymentFailed {
                order_id,
                user_id,
                reason: "declined".into(),
            }),
            Event::OrderCancelled(OrderCancelled {
                order_id,
                user_id,
                reason: "changed my mind".into(),
            }),
            Event::OrderFulfilling(progress.clone()),
            Event::OrderShipped(OrderShipped {
                order_id,
                user_id,
                carrier: "UPS".into(),
                tracking_number: "1Z".into(),
            }),
            Event::OrderDelivered(progress),
            Event::OrderRefunded(OrderRefunded {
                order_id,
                user_id,
                refund_id: Uuid::now_v7(),
                amount: money(100),
            }),
            Event::ReturnRequested(decision.clone()),
            Event::ReturnApproved(decision.clone()),
            Event::ReturnRejected(decision),
            Event::StockLow(StockLow {
                product_id: Uuid::now_v7(),
                name: "Mug".into(),
                sku: Some("MUG-1".into()),
                available: 2,
                threshold: 5,
            }),
            Event::PriceChanged(PriceChanged {
                product_id: Uuid::now_v7(),
                name: "Mug".into(),
                old_price: money(500),
                new_price: money(400),
            }),
        ];
        let mut names = std::collections::HashSet::new();
        for event in events {
            let envelope = Envelope::new(event, new_traceparent());
            let json = serde_json::to_value(&envelope).expect("serialises");
            // The serde tag and `type_name` (the routing key) agree.
            assert_eq!(json["type"], envelope.routing_key());
            assert!(names.insert(envelope.routing_key()));
            // Every routing key reaches at least one consumer group.
            assert!(
                CONSUMER_GROUPS.iter().any(|g| g
                    .bindings
                    .iter()
                    .any(|b| topic_matches(b, envelope.routing_key()))),
                "{} reaches no consumer",
                envelope.routing_key()
            );
            let back: Envelope = serde_json::from_value(json).expect("parses");
            assert_eq!(back, envelope);
        }
        assert_eq!(names.len(), 16);
    }

    /// RabbitMQ's topic matching for patterns without `#`.
    fn topic_matches(pattern: &str, key: &str) -> bool {
        let (p, k): (Vec<_>, Vec<_>) = (pattern.split('.').collect(), key.split('.').collect());
        p.len() == k.len() && p.iter().zip(&k).all(|(p, k)| *p == "*" || p == k)
    }

    #[test]
    fn a_payload_that_does_not_match_its_type_is_refused() {
        let raw = serde_json::json!({
            "id": Uuid::now_v7(), "type": "order.shipped", "version": 1,
            "occurredAt": Utc::now(), "traceparent": new_traceparent(),
            "aggregate": { "type": "order", "id": "x", "sequence": 1 },
            "payload": { "orderId": Uuid::now_v7() }
        });
        assert!(serde_json::from_value::<Envelope>(raw).is_err());
    }

    #[test]
    fn traceparents_are_checked() {
        assert!(is_traceparent(&new_traceparent()));
        assert!(!is_traceparent("00-0-0-01"));
        assert!(!is_traceparent(&format!(
            "00-{}-{}-01",
            "0".repeat(32),
            "a".repeat(16)
        )));
    }
}
