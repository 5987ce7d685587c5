//! The checkout saga (ARCHITECTURE.md, "Checkout: a saga with exact stock").
//!
//! 1. The request is accepted once under its idempotency key (`checkouts`).
//! 2. The user is verified (`GetUser`) and the address snapshotted
//!    (`GetAddress`); the card token is checked with the gateway.
//! 3. Every line is priced by `GetProducts`; stock is reserved under the
//!    order id (`ReserveStock`, idempotent).
//! 4. The order is created `PENDING_PAYMENT`; the payment is authorized, then
//!    captured, each under a key derived from the order id.
//! 5. The reservation is committed and the order marked `PAID`, invoiced, and
//!    its lines taken out of the cart; or, on a decline, the reservation is
//!    released and the order marked `PAYMENT_FAILED`.
//!
//! Each step is written to `checkouts.step` before the next begins, and the
//! driver holds a lease. If it crashes, the lease runs out and the recovery
//! worker (or a client retrying with the same key) claims the checkout and
//! drives it on from the last recorded step. Every call it repeats is
//! idempotent, so nothing is reserved or charged twice. Before the capture a
//! checkout that keeps failing is compensated; after it, it only moves
//! forward.

use std::sync::Arc;
use std::time::{Duration, Instant};

use platform::auth::Principal;
use platform::{ApiError, ErrorCode};
use uuid::Uuid;

use crate::domain::events;
use crate::domain::invoice_number;
use crate::domain::pricing::{Destination, totals};
use crate::domain::{
    Actor, CartLine, Order, OrderLine, OrderStatus, Party, Payment, PaymentStatus, PaymentSummary,
    check_transition_for, order_total, payment_summary,
};
use crate::error::{Error, Result};
use crate::ports::{PaymentError, PaymentGateway};
use crate::ports::{PricedProduct, Products, Users};
use crate::store::OrderStore;
use crate::store::checkout::{CheckoutOutcome, CheckoutPlan, CheckoutRecord, CheckoutStep};

/// Longest idempotency key accepted.
pub const MAX_IDEMPOTENCY_KEY_LEN: usize = 255;
/// Keys of finished checkouts are kept at least this long.
pub const MIN_KEY_RETENTION: Duration = Duration::from_secs(24 * 3600);

/// How checkout behaves; see the README for the variables.
#[derive(Debug, Clone)]
pub struct CheckoutSettings {
    /// How long a driver holds a checkout before others may take it over.
    pub lease: Duration,
    /// How long stock is held for a checkout.
    pub reservation_ttl: Duration,
    /// How long a concurrent request with the same key waits for the first.
    pub duplicate_wait: Duration,
    /// After this many takeovers a checkout that has not captured is
    /// compensated instead of retried.
    pub max_attempts: i32,
    /// How long keys of finished checkouts are kept (at least 24 hours).
    pub key_retention: Duration,
    /// Test-only fault injection: stop right after recording this step, as if
    /// the process had crashed (`ORDER_FAIL_AFTER_STEP`).
    pub fail_after_step: Option<CheckoutStep>,
    /// Who sells, as printed on invoices.
    pub seller: Party,
}

/// How the customer pays.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PaymentChoice {
    /// A provider token, e.g. `tok_visa`.
    Token(String),
    /// One of the customer's saved payment methods.
    Saved(Uuid),
}

#[derive(Debug, Clone)]
/// A checkout as the client asks for it.
pub struct CheckoutRequest {
    /// The client's key: the same key with the same input replays the answer.
    pub idempotency_key: String,
    /// One of the customer's addresses at the user service.
    pub shipping_address_id: Uuid,
    /// How to pay.
    pub payment: PaymentChoice,
}

/// The checkout saga (see the module documentation), with its crash
/// recovery and idempotency keys.
pub struct Checkout {
    store: OrderStore,
    products: Arc<dyn Products>,
    users: Arc<dyn Users>,
    gateway: Arc<dyn PaymentGateway>,
    settings: CheckoutSettings,
    /// `shop_checkouts_total{outcome}`.
    outcomes: platform::metrics::IntCounterVec,
}

/// `shop_checkouts_total{outcome}` in `metrics`.
fn outcome_counter(metrics: &platform::metrics::Metrics) -> platform::metrics::IntCounterVec {
    metrics.counter(
        "checkouts_total",
        "Checkouts by outcome: PLACED, or the error code the client saw.",
        &["outcome"],
    )
}

/// A checkout's outcome as a metric label: `PLACED`, or the error code the
/// client saw (`PAYMENT_DECLINED`, `INSUFFICIENT_STOCK`, `UNAVAILABLE`...).
fn outcome_label(result: &Result<Order>) -> &'static str {
    use platform::ErrorCode;
    let code = match result {
        Ok(_) => return "PLACED",
        Err(Error::InvalidInput { .. }) => ErrorCode::BadUserInput,
        Err(
            Error::NotFound
            | Error::Missing { .. }
            | Error::UnknownProduct(_)
            | Error::UnknownAddress
            | Error::ProductUnavailable(_),
        ) => ErrorCode::NotFound,
        Err(Error::InsufficientStock { .. }) => ErrorCode::InsufficientStock,
        Err(
            Error::Transition(_)
            | Error::Conflict { .. }
            | Error::ReservationLapsed
            | Error::RefundExceedsCapture { .. },
        ) => ErrorCode::Conflict,
        Err(Error::PaymentDeclined { .. }) => ErrorCode::PaymentDeclined,
        Err(Error::PaymentPending { .. } | Error::Unavailable(_)) => ErrorCode::Unavailable,
        Err(Error::Forbidden(_)) => ErrorCode::Forbidden,
        Err(Error::Recorded(api) | Error::Peer(api)) => api.code,
        Err(Error::Internal(_)) => ErrorCode::Internal,
    };
    code.as_str()
}

/// A card number sent where a token belongs: refused before it goes anywhere.
pub fn looks_like_card_number(value: &str) -> bool {
    let digits: String = value
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    (12..=19).contains(&digits.len()) && digits.chars().all(|c| c.is_ascii_digit())
}

/// The client's input, as compared between retries.
fn request_fingerprint(request: &CheckoutRequest) -> String {
    let payment = match &request.payment {
        PaymentChoice::Token(token) => format!("token:{token}"),
        PaymentChoice::Saved(id) => format!("saved:{id}"),
    };
    format!("address:{};payment:{payment}", request.shipping_address_id)
}

/// The cart's `(product, quantity)` pairs, in a stable order.
fn cart_fingerprint(cart: &[CartLine]) -> String {
    let mut pairs: Vec<String> = cart
        .iter()
        .map(|l| format!("{}x{}", l.product_id, l.quantity))
        .collect();
    pairs.sort();
    pairs.join(",")
}

fn outcome_of(err: &ApiError) -> CheckoutOutcome {
    CheckoutOutcome::Failed {
        code: err.code.as_str().to_string(),
        message: err.message.clone(),
        details: err.details.clone(),
    }
}

/// The order, priced from the product service, for a recorded plan.
fn build_order(record: &CheckoutRecord, products: &[PricedProduct]) -> Result<Order> {
    let mut lines = Vec::with_capacity(record.plan.lines.len());
    let mut weight: i64 = 0;
    for (product_id, quantity) in &record.plan.lines {
        let product = products
            .iter()
            .find(|p| p.id == *product_id)
            .ok_or(Error::UnknownProduct(*product_id))?;
        weight = weight.saturating_add(product.weight_grams.saturating_mul(*quantity));
        lines.push(OrderLine {
            product_id: *product_id,
            product_name: product.name.clone(),
            sku: product.sku.clone(),
            quantity: *quantity,
            unit_price: product.price.clone(),
        });
    }
    let subtotal = order_total(&lines)?;
    let address = &record.plan.address;
    let destination = Destination::parse(&address.country, &address.postal_code)
        .map_err(|e| Error::invalid("shippingAddressId", e.to_string()))?;
    let t = totals(subtotal, weight, &destination)?;
    let now = chrono::Utc::now();
    Ok(Order {
        id: record.order_id,
        user_id: record.user_id,
        status: OrderStatus::PendingPayment,
        lines,
        subtotal: t.subtotal,
        shipping: t.shipping,
        tax: t.tax,
        tax_rate_bp: t.tax_rate_bp as i32,
        total: t.total,
        shipping_address: Some(address.clone()),
        created_at: now,
        updated_at: now,
    })
}

impl Checkout {
    /// The saga over its store, its peers and the provider.
    pub fn new(
        store: OrderStore,
        products: Arc<dyn Products>,
        users: Arc<dyn Users>,
        gateway: Arc<dyn PaymentGateway>,
        settings: CheckoutSettings,
    ) -> Self {
        Self {
            store,
            products,
            users,
            gateway,
            settings,
            outcomes: outcome_counter(&platform::metrics::Metrics::default()),
        }
    }

    /// Counts checkouts by outcome in `metrics`.
    pub fn observed_by(self, metrics: &platform::metrics::Metrics) -> Self {
        Self {
            outcomes: outcome_counter(metrics),
            ..self
        }
    }

    /// The payment provider, for saving cards.
    pub fn gateway(&self) -> &dyn PaymentGateway {
        self.gateway.as_ref()
    }

    /// Checks out the caller's cart. See the module documentation.
    pub async fn checkout(&self, caller: &Principal, request: CheckoutRequest) -> Result<Order> {
        let result = self.run(caller, request).await;
        self.outcomes
            .with_label_values(&[outcome_label(&result)])
            .inc();
        result
    }

    async fn run(&self, caller: &Principal, request: CheckoutRequest) -> Result<Order> {
        let key = request.idempotency_key.as_str();
        if key.is_empty() || key.chars().count() > MAX_IDEMPOTENCY_KEY_LEN {
            return Err(Error::invalid(
                "idempotencyKey",
                format!("idempotencyKey must be 1 to {MAX_IDEMPOTENCY_KEY_LEN} characters"),
            ));
        }
        if let PaymentChoice::Token(token) = &request.payment
            && looks_like_card_number(token)
        {
            return Err(Error::invalid(
                "paymentMethod.token",
                "send a payment token from the provider, never a card number",
            ));
        }
        let fingerprint = request_fingerprint(&request);
        let cart = self.store.cart(caller.user_id).await?;
        let cart_fp = cart_fingerprint(&cart);
        loop {
            if let Some(existing) = self.store.find_checkout(caller.user_id, key).await? {
                // After a paid checkout its lines have left the cart: an empty
                // cart is what a retry of it sees.
                if existing.request != fingerprint || (!cart.is_empty() && existing.cart != cart_fp)
                {
                    return Err(Error::conflict(
                        "this idempotency key was used for a different checkout; use a new key",
                    ));
                }
                return self.rejoin(existing).await;
            }
            let record = self
                .plan(
                    caller,
                    &request,
                    &cart,
                    fingerprint.clone(),
                    cart_fp.clone(),
                )
                .await?;
            if self
                .store
                .start_checkout(&record, key, self.settings.lease)
                .await?
            {
                return self.drive(record).await;
            }
            // A concurrent request took the key first: join it.
        }
    }

    /// Validates the request and fixes what the saga will use. Nothing is
    /// recorded: a request refused here may be retried with the same key.
    async fn plan(
        &self,
        caller: &Principal,
        request: &CheckoutRequest,
        cart: &[CartLine],
        fingerprint: String,
        cart_fp: String,
    ) -> Result<CheckoutRecord> {
        if cart.is_empty() {
            return Err(Error::invalid("cart", "the cart is empty"));
        }
        let customer = self.users.customer(caller.user_id).await?;
        if !customer.active {
            return Err(Error::Forbidden("this account is deactivated".into()));
        }
        let address = self
            .users
            .address(caller.user_id, request.shipping_address_id)
            .await?;
        Destination::parse(&address.country, &address.postal_code)
            .map_err(|e| Error::invalid("shippingAddressId", e.to_string()))?;
        let (token, brand, last4) = match &request.payment {
            PaymentChoice::Token(token) => {
                let card = self
                    .gateway
                    .card_details(token)
                    .await
                    .map_err(|e| payment_input_error(e, "paymentMethod.token"))?;
                (token.clone(), card.brand, card.last4)
            }
            PaymentChoice::Saved(id) => {
                let method = self.store.payment_method(caller.user_id, *id).await?;
                (method.provider_token, method.brand, method.last4)
            }
        };
        let buyer = Party {
            name: customer.name,
            email: customer.email,
            address: std::iter::once(address.recipient.clone())
                .chain(address.lines())
                .collect(),
            tax_id: None,
        };
        Ok(CheckoutRecord {
            order_id: Uuid::now_v7(),
            user_id: caller.user_id,
            request: fingerprint,
            cart: cart_fp,
            plan: CheckoutPlan {
                lines: cart.iter().map(|l| (l.product_id, l.quantity)).collect(),
                cart_line_ids: cart.iter().map(|l| l.id).collect(),
                address,
                buyer,
                payment_token: token,
                card_brand: brand,
                card_last4: last4,
            },
            step: CheckoutStep::Started,
            outcome: None,
            attempts: 0,
            lease_active: true,
        })
    }

    /// A request whose key is already known: replay the answer, wait for the
    /// request that holds it, or take it over if nobody does.
    async fn rejoin(&self, mut current: CheckoutRecord) -> Result<Order> {
        let deadline = Instant::now() + self.settings.duplicate_wait;
        loop {
            if let Some(outcome) = current.outcome.clone() {
                return self.replay(current.order_id, outcome).await;
            }
            if !current.lease_active
                && let Some(claimed) = self
                    .store
                    .claim_checkout(current.order_id, self.settings.lease)
                    .await?
            {
                return self.drive(claimed).await;
            }
            if Instant::now() >= deadline {
                return Err(Error::Conflict {
                    message: "a checkout with this idempotency key is still in progress; retry shortly with the same key".into(),
                    retryable: true,
                });
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
            current = self
                .store
                .checkout_for_order(current.order_id)
                .await?
                .ok_or(Error::NotFound)?;
        }
    }

    async fn replay(&self, order_id: Uuid, outcome: CheckoutOutcome) -> Result<Order> {
        match outcome {
            CheckoutOutcome::Paid => self.store.by_id(order_id).await,
            CheckoutOutcome::Failed {
                code,
                message,
                details,
            } => {
                let mut err = ApiError::new(
                    ErrorCode::parse(&code).unwrap_or(ErrorCode::Internal),
                    message,
                );
                err.details = details;
                Err(Error::Recorded(err))
            }
        }
    }

    fn crash_point(&self, order_id: Uuid, step: CheckoutStep) -> Result<()> {
        if self.settings.fail_after_step == Some(step) {
            tracing::warn!(order = %order_id, step = step.as_str(), "fault injected: stopping the checkout as if the process had crashed");
            return Err(Error::Internal(anyhow::anyhow!(
                "fault injected after checkout step {} (ORDER_FAIL_AFTER_STEP)",
                step.as_str()
            )));
        }
        Ok(())
    }

    async fn advance(&self, order_id: Uuid, step: CheckoutStep) -> Result<()> {
        self.store
            .advance_checkout(None, order_id, step, self.settings.lease)
            .await?;
        self.crash_point(order_id, step)
    }

    /// Records `step` in the transaction that did its work, commits both at
    /// once, and stops there if the fault hook says so.
    async fn advance_in(
        &self,
        mut tx: sqlx::Transaction<'static, sqlx::Postgres>,
        order_id: Uuid,
        step: CheckoutStep,
    ) -> Result<()> {
        self.store
            .advance_checkout(Some(&mut tx), order_id, step, self.settings.lease)
            .await?;
        tx.commit().await?;
        self.crash_point(order_id, step)
    }

    /// Drives a checkout whose lease we hold from its recorded step to the
    /// end, or until a step must wait (the lease is then given up).
    async fn drive(&self, mut record: CheckoutRecord) -> Result<Order> {
        let order_id = record.order_id;
        if record.attempts > self.settings.max_attempts && record.step < CheckoutStep::Captured {
            let err = Error::Unavailable(
                "the checkout could not be completed and was undone; nothing was charged",
            );
            // A hold already on the card is voided, not left to lapse.
            let held = if record.step >= CheckoutStep::Authorized {
                let payment = self.authorized_payment(order_id).await?;
                Some(FailedPayment::Existing(
                    payment,
                    "checkout_abandoned".into(),
                ))
            } else {
                None
            };
            return self.compensate(&record, err, held).await;
        }
        let ids: Vec<Uuid> = record.plan.lines.iter().map(|(id, _)| *id).collect();
        let mut priced: Option<Vec<PricedProduct>> = None;
        loop {
            match record.step {
                CheckoutStep::Started => {
                    let products = match self.products.prices(&ids).await {
                        Ok(products) => products,
                        Err(e @ Error::UnknownProduct(_)) => {
                            return self.compensate(&record, e, None).await;
                        }
                        Err(e) => return self.pause(&record, e).await,
                    };
                    if let Some(p) = products.iter().find(|p| !p.purchasable) {
                        return self
                            .compensate(&record, Error::ProductUnavailable(p.id), None)
                            .await;
                    }
                    let ttl = self.settings.reservation_ttl.as_secs().max(1) as u32;
                    match self
                        .products
                        .reserve(order_id, &record.plan.lines, ttl)
                        .await
                    {
                        Ok(()) => {}
                        Err(
                            e @ (Error::InsufficientStock { .. }
                            | Error::UnknownProduct(_)
                            | Error::ReservationLapsed),
                        ) => return self.compensate(&record, e, None).await,
                        Err(e) => return self.pause(&record, e).await,
                    }
                    priced = Some(products);
                    self.advance(order_id, CheckoutStep::Reserved).await?;
                    record.step = CheckoutStep::Reserved;
                }
                CheckoutStep::Reserved => {
                    let products = match priced.take() {
                        Some(products) => products,
                        None => match self.products.prices(&ids).await {
                            Ok(products) => products,
                            Err(e @ Error::UnknownProduct(_)) => {
                                return self.compensate(&record, e, None).await;
                            }
                            Err(e) => return self.pause(&record, e).await,
                        },
                    };
                    let order = match build_order(&record, &products) {
                        Ok(order) => order,
                        Err(e) => return self.compensate(&record, e, None).await,
                    };
                    let mut tx = self.store.begin().await?;
                    self.store
                        .insert_order(
                            &mut tx,
                            &order,
                            Actor::SYSTEM,
                            "checkout started; stock reserved",
                        )
                        .await?;
                    self.advance_in(tx, order_id, CheckoutStep::OrderCreated)
                        .await?;
                    record.step = CheckoutStep::OrderCreated;
                }
                CheckoutStep::OrderCreated => {
                    let order = self.store.by_id(order_id).await?;
                    let key = format!("authorize:{order_id}");
                    let mut payment = Payment {
                        id: Uuid::now_v7(),
                        order_id,
                        status: PaymentStatus::Authorized,
                        amount: order.total.clone(),
                        brand: record.plan.card_brand.clone(),
                        last4: record.plan.card_last4.clone(),
                        authorization_ref: None,
                        capture_ref: None,
                        failure_reason: None,
                        created_at: chrono::Utc::now(),
                    };
                    match self
                        .gateway
                        .authorize(&key, &record.plan.payment_token, &order.total)
                        .await
                    {
                        Ok(reference) => {
                            payment.authorization_ref = Some(reference);
                            let mut tx = self.store.begin().await?;
                            self.store.insert_payment(&mut tx, &payment).await?;
                            self.advance_in(tx, order_id, CheckoutStep::Authorized)
                                .await?;
                            record.step = CheckoutStep::Authorized;
                        }
                        Err(PaymentError::Timeout | PaymentError::Unavailable(_)) => {
                            return self
                                .pause(&record, Error::PaymentPending { order_id })
                                .await;
                        }
                        Err(err) => {
                            payment.status = PaymentStatus::Failed;
                            payment.failure_reason = Some(decline_code(&err));
                            let failure = payment_failure(order_id, err);
                            return self
                                .compensate(&record, failure, Some(FailedPayment::New(payment)))
                                .await;
                        }
                    }
                }
                CheckoutStep::Authorized => {
                    let order = self.store.by_id(order_id).await?;
                    let payment = self.authorized_payment(order_id).await?;
                    let authorization = payment.authorization_ref.clone().unwrap_or_default();
                    let key = format!("capture:{order_id}");
                    match self
                        .gateway
                        .capture(&key, &authorization, &order.total)
                        .await
                    {
                        Ok(capture) => {
                            let mut tx = self.store.begin().await?;
                            self.store
                                .update_payment(
                                    &mut tx,
                                    payment.id,
                                    PaymentStatus::Captured,
                                    Some(&capture),
                                    None,
                                )
                                .await?;
                            self.advance_in(tx, order_id, CheckoutStep::Captured)
                                .await?;
                            record.step = CheckoutStep::Captured;
                        }
                        Err(PaymentError::Timeout | PaymentError::Unavailable(_)) => {
                            return self
                                .pause(&record, Error::PaymentPending { order_id })
                                .await;
                        }
                        Err(err) => {
                            let reason = decline_code(&err);
                            let failure = payment_failure(order_id, err);
                            return self
                                .compensate(
                                    &record,
                                    failure,
                                    Some(FailedPayment::Existing(payment, reason)),
                                )
                                .await;
                        }
                    }
                }
                CheckoutStep::Captured => {
                    return match self.products.commit(order_id).await {
                        Ok(()) => self.complete(&record).await,
                        Err(Error::ReservationLapsed) => self.refund_lapsed(&record).await,
                        Err(e) => self.pause(&record, e).await,
                    };
                }
                CheckoutStep::Completed | CheckoutStep::Failed => {
                    return match record.outcome.clone() {
                        Some(outcome) => self.replay(order_id, outcome).await,
                        None => self.store.by_id(order_id).await,
                    };
                }
            }
        }
    }

    async fn authorized_payment(&self, order_id: Uuid) -> Result<Payment> {
        self.store
            .payments(&[order_id])
            .await?
            .into_iter()
            .rev()
            .find(|p| p.status == PaymentStatus::Authorized && p.authorization_ref.is_some())
            .ok_or_else(|| {
                Error::Internal(anyhow::anyhow!(
                    "checkout {order_id} is AUTHORIZED but has no authorized payment"
                ))
            })
    }

    /// A step must wait (a peer or the provider did not answer): give the
    /// lease up so that a retry or the recovery worker continues.
    async fn pause(&self, record: &CheckoutRecord, err: Error) -> Result<Order> {
        tracing::info!(order = %record.order_id, step = record.step.as_str(), error = %err, "checkout paused");
        self.store.release_checkout(record.order_id).await?;
        Err(err)
    }

    /// Undoes a checkout that has not captured: the stock goes back, a hold
    /// on the card is dropped, the order (if any) becomes `PAYMENT_FAILED`,
    /// and `err` becomes the answer every retry gets.
    async fn compensate(
        &self,
        record: &CheckoutRecord,
        err: Error,
        failed_payment: Option<FailedPayment>,
    ) -> Result<Order> {
        let order_id = record.order_id;
        if record.step >= CheckoutStep::Reserved || matches!(err, Error::ReservationLapsed) {
            if let Err(release) = self.products.release(order_id).await {
                tracing::warn!(order = %order_id, error = ?release, "could not release the stock; the product service releases it when the reservation expires");
            }
        } else if let Err(release) = self.products.release(order_id).await {
            // A crash may have left a reservation the log does not know of.
            tracing::debug!(order = %order_id, error = ?release, "nothing to release");
        }
        if let Some(FailedPayment::Existing(payment, _)) = &failed_payment
            && let Some(authorization) = &payment.authorization_ref
            && let Err(void) = self
                .gateway
                .void(&format!("void:{order_id}"), authorization)
                .await
        {
            tracing::warn!(order = %order_id, error = %void, "could not void the authorization; it lapses at the provider");
        }
        let api: ApiError = err.into();
        let mut tx = self.store.begin().await?;
        if record.step >= CheckoutStep::OrderCreated {
            check_transition_for(
                OrderStatus::PendingPayment,
                OrderStatus::PaymentFailed,
                Actor::SYSTEM,
            )?;
            self.store
                .change_status(
                    &mut tx,
                    order_id,
                    OrderStatus::PendingPayment,
                    OrderStatus::PaymentFailed,
                    Actor::SYSTEM,
                    &api.message,
                )
                .await?;
            self.store
                .emit(
                    &mut tx,
                    events::payment_failed(order_id, record.user_id, &api.message),
                )
                .await?;
        }
        match &failed_payment {
            Some(FailedPayment::New(payment)) => {
                self.store.insert_payment(&mut tx, payment).await?
            }
            Some(FailedPayment::Existing(payment, reason)) => {
                self.store
                    .update_payment(
                        &mut tx,
                        payment.id,
                        PaymentStatus::Failed,
                        None,
                        Some(reason),
                    )
                    .await?
            }
            None => {}
        }
        self.store
            .finish_checkout(&mut tx, order_id, CheckoutStep::Failed, &outcome_of(&api))
            .await?;
        tx.commit().await?;
        Err(Error::Recorded(api))
    }

    /// The payment is captured and the stock sold: the order is paid,
    /// invoiced, and its lines leave the cart, in one transaction.
    async fn complete(&self, record: &CheckoutRecord) -> Result<Order> {
        let order_id = record.order_id;
        check_transition_for(
            OrderStatus::PendingPayment,
            OrderStatus::Paid,
            Actor::SYSTEM,
        )?;
        let order = self.store.by_id(order_id).await?;
        let mut tx = self.store.begin().await?;
        self.store
            .change_status(
                &mut tx,
                order_id,
                OrderStatus::PendingPayment,
                OrderStatus::Paid,
                Actor::SYSTEM,
                "payment captured; stock committed",
            )
            .await?;
        let (invoice_id, number) = self
            .store
            .issue_invoice(&mut tx, order_id, &self.settings.seller, &record.plan.buyer)
            .await?;
        // The receipt: the notification service emails it.
        self.store
            .emit(
                &mut tx,
                events::paid(&order, invoice_id, invoice_number(number))?,
            )
            .await?;
        self.store
            .remove_cart_lines(&mut tx, record.user_id, &record.plan.cart_line_ids)
            .await?;
        self.store
            .finish_checkout(
                &mut tx,
                order_id,
                CheckoutStep::Completed,
                &CheckoutOutcome::Paid,
            )
            .await?;
        tx.commit().await?;
        self.store.by_id(order_id).await
    }

    /// The money was captured but the stock hold lapsed (the saga stalled
    /// longer than the reservation lasts): the capture is refunded in full
    /// and the order cancelled.
    async fn refund_lapsed(&self, record: &CheckoutRecord) -> Result<Order> {
        let order_id = record.order_id;
        let order = self.store.by_id(order_id).await?;
        let payment = self
            .store
            .payments(&[order_id])
            .await?
            .into_iter()
            .rev()
            .find(|p| p.status == PaymentStatus::Captured)
            .ok_or_else(|| {
                Error::Internal(anyhow::anyhow!(
                    "captured checkout {order_id} has no capture"
                ))
            })?;
        let capture = payment.capture_ref.clone().unwrap_or_default();
        let reference = match self
            .gateway
            .refund(&format!("refund-lapsed:{order_id}"), &capture, &order.total)
            .await
        {
            Ok(reference) => reference,
            Err(err) => {
                return self
                    .pause(
                        record,
                        Error::Internal(anyhow::anyhow!("refund failed: {err}")),
                    )
                    .await;
            }
        };
        let api: ApiError = Error::ReservationLapsed.into();
        let mut tx = self.store.begin().await?;
        self.store
            .change_status(
                &mut tx,
                order_id,
                OrderStatus::PendingPayment,
                OrderStatus::Cancelled,
                Actor::SYSTEM,
                "the stock hold lapsed before the order was confirmed; the payment was refunded",
            )
            .await?;
        self.store
            .insert_refund(
                &mut tx,
                &crate::domain::Refund {
                    status: crate::domain::RefundStatus::Succeeded,
                    provider_ref: Some(reference),
                    ..crate::domain::Refund::pending(
                        order_id,
                        payment.id,
                        order.total.clone(),
                        "stock hold lapsed".into(),
                        None,
                        Actor::SYSTEM,
                    )
                },
            )
            .await?;
        self.store
            .finish_checkout(&mut tx, order_id, CheckoutStep::Failed, &outcome_of(&api))
            .await?;
        tx.commit().await?;
        Err(Error::Recorded(api))
    }

    /// How an order's payment stands, for its owner or staff (`NOT_FOUND`
    /// for anyone else). A checkout left waiting for the provider is
    /// finished first.
    pub async fn verify_payment(
        &self,
        caller: &Principal,
        order_id: Uuid,
    ) -> Result<(Order, PaymentSummary)> {
        let owner = self.store.by_id(order_id).await?.user_id;
        if !crate::app::ordering::may_see(caller, owner) {
            return Err(Error::NotFound);
        }
        self.settle(order_id).await?;
        let order = self.store.by_id(order_id).await?;
        let payments = self.store.payments(&[order_id]).await?;
        let refunds = self.store.refunds(&[order_id]).await?;
        let summary =
            payment_summary(&order, &payments, &refunds).map_err(|e| Error::Internal(e.into()))?;
        Ok((order, summary))
    }

    /// Finishes an order's checkout if it was left waiting for the provider
    /// and nobody is driving it.
    pub async fn settle(&self, order_id: Uuid) -> Result<()> {
        if let Some(record) = self.store.checkout_for_order(order_id).await?
            && !record.step.is_final()
            && !record.lease_active
            && let Some(claimed) = self
                .store
                .claim_checkout(order_id, self.settings.lease)
                .await?
            && let Err(err) = self.drive(claimed).await
        {
            tracing::info!(order = %order_id, error = %err, "checkout still unsettled");
        }
        Ok(())
    }

    /// One pass of the recovery worker: takes over every stalled checkout and
    /// drives it forward (or compensates it). Returns how many it took.
    pub async fn recover_stalled(&self) -> Result<usize> {
        let mut taken = 0;
        for order_id in self.store.stalled_checkouts(20).await? {
            let Some(record) = self
                .store
                .claim_checkout(order_id, self.settings.lease)
                .await?
            else {
                continue;
            };
            taken += 1;
            tracing::info!(order = %order_id, step = record.step.as_str(), attempt = record.attempts, "recovering a stalled checkout");
            match self.drive(record).await {
                Ok(order) => {
                    tracing::info!(order = %order_id, status = order.status.as_str(), "stalled checkout finished")
                }
                Err(err) => {
                    tracing::info!(order = %order_id, error = %err, "stalled checkout ended or paused")
                }
            }
        }
        Ok(taken)
    }

    /// Forgets idempotency keys of checkouts finished long enough ago.
    pub async fn purge_keys(&self) -> Result<u64> {
        self.store
            .purge_checkout_keys(self.settings.key_retention.max(MIN_KEY_RETENTION))
            .await
    }
}

/// A payment to record as failed while compensating.
enum FailedPayment {
    /// The authorization was refused: a new payment row.
    New(Payment),
    /// The capture was refused: the authorized payment, and why.
    Existing(Payment, String),
}

fn decline_code(err: &PaymentError) -> String {
    match err {
        PaymentError::Declined { code } => code.clone(),
        PaymentError::UnknownToken => "unknown_token".into(),
        other => other.to_string(),
    }
}

/// The error a checkout ends with when the provider refuses.
fn payment_failure(order_id: Uuid, err: PaymentError) -> Error {
    match err {
        PaymentError::Declined { code } => Error::PaymentDeclined {
            order_id,
            reason: code,
        },
        PaymentError::UnknownToken => Error::invalid(
            "paymentMethod",
            "the payment provider does not know this payment method",
        ),
        other => Error::Internal(anyhow::anyhow!("payment provider: {other}")),
    }
}

/// A gateway error while checking what the client sent.
pub fn payment_input_error(err: PaymentError, field: &'static str) -> Error {
    match err {
        PaymentError::UnknownToken => Error::invalid(
            field,
            "unknown payment token: a Stripe PaymentMethod id (pm_...) with PAYMENT_GATEWAY=stripe; the development simulator takes tok_visa, tok_mastercard, tok_declined, tok_insufficient_funds and tok_timeout",
        ),
        PaymentError::Timeout | PaymentError::Unavailable(_) => {
            Error::Unavailable("the payment provider is unavailable; try again")
        }
        PaymentError::Declined { code } => Error::invalid(
            field,
            format!("the payment provider declined this card ({code})"),
        ),
        other => Error::Internal(anyhow::anyhow!("payment provider: {other}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn card_numbers_are_told_apart_from_tokens() {
        assert!(looks_like_card_number("4242 4242 4242 4242"));
        assert!(looks_like_card_number("4000-0000-0000-0002"));
        assert!(!looks_like_card_number("tok_visa"));
        assert!(!looks_like_card_number("1234"));
    }

    #[test]
    fn the_cart_fingerprint_ignores_line_order() {
        let line = |p: u128, q| CartLine {
            id: Uuid::now_v7(),
            product_id: Uuid::from_u128(p),
            quantity: q,
            added_price: platform::money::Money::parse("1", "USD").unwrap(),
            added_at: chrono::Utc::now(),
        };
        assert_eq!(
            cart_fingerprint(&[line(1, 2), line(2, 1)]),
            cart_fingerprint(&[line(2, 1), line(1, 2)])
        );
        assert_ne!(
            cart_fingerprint(&[line(1, 2)]),
            cart_fingerprint(&[line(1, 3)])
        );
    }
}
