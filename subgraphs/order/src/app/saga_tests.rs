//! The checkout saga's decisions, against in-memory fakes of its peers (the
//! product and user services and the payment provider: [`crate::ports`]).
//! The order's own store is the real PostgreSQL schema, on a fresh database
//! per test; the integration tests in `crates/router/tests/e2e` run the same
//! saga against the real services.

use std::collections::HashMap;
use std::sync::Mutex;

use futures::future::BoxFuture;
use platform::auth::{Principal, Role};
use platform::db::{Db, ORDER_DB};
use platform::money::{Currency, Money};
use platform::testing::TestDatabase;
use uuid::Uuid;

use super::checkout::{Checkout, CheckoutRequest, CheckoutSettings, PaymentChoice};
use crate::config::default_checkout_settings;
use crate::domain::{OrderStatus, PaymentStatus, ShippingAddress};
use crate::error::Error;
use crate::ports::{
    CardDetails, Customer, Lookup, PaymentError, PaymentGateway, PricedProduct, Products, Users,
};
use crate::store::checkout::CheckoutStep;
use crate::store::{self, OrderStore};

/// What the fake product service holds for a reservation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Hold {
    Held,
    Committed,
    Released,
}

/// The product service: one product line-up, stock per product, and every
/// reservation by order id, idempotent as the real one is.
#[derive(Default)]
struct FakeProducts {
    products: Mutex<HashMap<Uuid, (PricedProduct, i64)>>,
    holds: Mutex<HashMap<Uuid, (Vec<(Uuid, i64)>, Hold)>>,
    /// `lookup` answers UNAVAILABLE, as a product service that is down.
    down: Mutex<bool>,
    /// The next `commit` finds the hold lapsed (expired by the sweeper).
    lapse_before_commit: Mutex<bool>,
}

impl FakeProducts {
    fn add(&self, price: &str, stock: i64, purchasable: bool) -> Uuid {
        let id = Uuid::now_v7();
        let product = PricedProduct {
            id,
            name: format!("Product {id}"),
            sku: None,
            price: Money::parse(price, "USD").expect("a price"),
            available: stock,
            purchasable,
            weight_grams: 500,
        };
        self.products.lock().unwrap().insert(id, (product, stock));
        id
    }

    fn stock(&self, id: Uuid) -> i64 {
        self.products.lock().unwrap()[&id].1
    }

    fn hold(&self, order_id: Uuid) -> Option<Hold> {
        self.holds.lock().unwrap().get(&order_id).map(|(_, h)| *h)
    }

    fn held_units(&self) -> i64 {
        let holds = self.holds.lock().unwrap();
        holds
            .values()
            .filter(|(_, h)| *h == Hold::Held)
            .flat_map(|(lines, _)| lines.iter().map(|(_, q)| *q))
            .sum()
    }
}

fn unavailable() -> Error {
    Error::Peer(platform::ApiError::unavailable(
        "product",
        "the fake is down",
    ))
}

impl Products for FakeProducts {
    fn lookup<'a>(&'a self, ids: &'a [Uuid]) -> BoxFuture<'a, Result<Lookup, Error>> {
        Box::pin(async move {
            if *self.down.lock().unwrap() {
                return Err(unavailable());
            }
            let products = self.products.lock().unwrap();
            let (mut found, mut missing) = (Vec::new(), Vec::new());
            for id in ids {
                match products.get(id) {
                    Some((p, stock)) => found.push(PricedProduct {
                        available: *stock,
                        ..p.clone()
                    }),
                    None => missing.push(*id),
                }
            }
            Ok((found, missing))
        })
    }

    fn reserve<'a>(
        &'a self,
        order_id: Uuid,
        lines: &'a [(Uuid, i64)],
        _ttl_seconds: u32,
    ) -> BoxFuture<'a, Result<(), Error>> {
        Box::pin(async move {
            let mut holds = self.holds.lock().unwrap();
            if let Some((_, hold)) = holds.get(&order_id) {
                return match hold {
                    Hold::Released => Err(Error::ReservationLapsed),
                    _ => Ok(()),
                };
            }
            let mut products = self.products.lock().unwrap();
            for (id, quantity) in lines {
                let (_, stock) = products.get(id).ok_or(Error::UnknownProduct(*id))?;
                if stock < quantity {
                    return Err(Error::InsufficientStock {
                        product_id: *id,
                        requested: *quantity,
                        available: *stock,
                    });
                }
            }
            for (id, quantity) in lines {
                if let Some((_, stock)) = products.get_mut(id) {
                    *stock -= quantity;
                }
            }
            holds.insert(order_id, (lines.to_vec(), Hold::Held));
            Ok(())
        })
    }

    fn commit(&self, order_id: Uuid) -> BoxFuture<'_, Result<(), Error>> {
        Box::pin(async move {
            if std::mem::take(&mut *self.lapse_before_commit.lock().unwrap()) {
                self.release(order_id).await?;
            }
            let mut holds = self.holds.lock().unwrap();
            match holds.get_mut(&order_id) {
                Some((_, hold @ (Hold::Held | Hold::Committed))) => {
                    *hold = Hold::Committed;
                    Ok(())
                }
                _ => Err(Error::ReservationLapsed),
            }
        })
    }

    fn release(&self, order_id: Uuid) -> BoxFuture<'_, Result<(), Error>> {
        Box::pin(async move {
            let mut holds = self.holds.lock().unwrap();
            if let Some((lines, hold @ Hold::Held)) = holds.get_mut(&order_id) {
                *hold = Hold::Released;
                let mut products = self.products.lock().unwrap();
                for (id, quantity) in lines.iter() {
                    if let Some((_, stock)) = products.get_mut(id) {
                        *stock += quantity;
                    }
                }
            }
            Ok(())
        })
    }

    fn restock_return<'a>(
        &'a self,
        _key: &'a str,
        product_id: Uuid,
        quantity: i64,
        _note: String,
    ) -> BoxFuture<'a, Result<(), Error>> {
        Box::pin(async move {
            if let Some((_, stock)) = self.products.lock().unwrap().get_mut(&product_id) {
                *stock += quantity;
            }
            Ok(())
        })
    }
}

/// The user service: one customer with one US address.
struct FakeUsers {
    active: bool,
    address_id: Uuid,
}

impl Users for FakeUsers {
    fn customer(&self, _user_id: Uuid) -> BoxFuture<'_, Result<Customer, Error>> {
        Box::pin(async move {
            Ok(Customer {
                name: "Ada Lovelace".into(),
                email: Some("ada@example.com".into()),
                active: self.active,
            })
        })
    }

    fn address(
        &self,
        _user_id: Uuid,
        address_id: Uuid,
    ) -> BoxFuture<'_, Result<ShippingAddress, Error>> {
        Box::pin(async move {
            if address_id != self.address_id {
                return Err(Error::UnknownAddress);
            }
            Ok(ShippingAddress {
                recipient: "Ada Lovelace".into(),
                line1: "1 Main St".into(),
                line2: None,
                city: "New York".into(),
                region: None,
                postal_code: "10001".into(),
                country: "US".into(),
                phone: None,
            })
        })
    }
}

/// What the fake provider answers, in order, for each kind of call; an
/// empty script succeeds.
#[derive(Default)]
struct Script {
    authorize: Vec<Result<(), PaymentError>>,
    capture: Vec<Result<(), PaymentError>>,
}

/// The payment provider: answers from a script, and keeps every operation
/// by idempotency key, as a real provider does, so that a repeated key
/// moves no money twice.
#[derive(Default)]
struct FakeGateway {
    script: Mutex<Script>,
    /// Operations that took effect, by idempotency key: (kind, amount).
    done: Mutex<HashMap<String, (&'static str, i64)>>,
    /// Every call made, by kind, including failed and repeated ones.
    calls: Mutex<Vec<&'static str>>,
}

impl FakeGateway {
    fn effective(&self, kind: &str) -> usize {
        self.done
            .lock()
            .unwrap()
            .values()
            .filter(|(k, _)| *k == kind)
            .count()
    }

    fn calls(&self, kind: &str) -> usize {
        self.calls
            .lock()
            .unwrap()
            .iter()
            .filter(|k| **k == kind)
            .count()
    }

    /// The next scripted answer for one kind of call, if any is left.
    fn next(
        &self,
        answers: impl FnOnce(&mut Script) -> &mut Vec<Result<(), PaymentError>>,
    ) -> Option<Result<(), PaymentError>> {
        let mut script = self.script.lock().unwrap();
        let answers = answers(&mut script);
        (!answers.is_empty()).then(|| answers.remove(0))
    }

    fn operate(
        &self,
        kind: &'static str,
        key: &str,
        amount: i64,
        scripted: Option<Result<(), PaymentError>>,
    ) -> Result<String, PaymentError> {
        self.calls.lock().unwrap().push(kind);
        if self.done.lock().unwrap().contains_key(key) {
            return Ok(format!("{kind}_{key}"));
        }
        scripted.unwrap_or(Ok(()))?;
        self.done
            .lock()
            .unwrap()
            .insert(key.to_string(), (kind, amount));
        Ok(format!("{kind}_{key}"))
    }
}

impl PaymentGateway for FakeGateway {
    fn card_details<'a>(
        &'a self,
        token: &'a str,
    ) -> BoxFuture<'a, Result<CardDetails, PaymentError>> {
        Box::pin(async move {
            if !token.starts_with("tok_") {
                return Err(PaymentError::UnknownToken);
            }
            Ok(CardDetails {
                brand: "Visa".into(),
                last4: "4242".into(),
                exp_month: 12,
                exp_year: 2030,
            })
        })
    }

    fn authorize<'a>(
        &'a self,
        idempotency_key: &'a str,
        _token: &'a str,
        amount: &'a Money,
    ) -> BoxFuture<'a, Result<String, PaymentError>> {
        Box::pin(async move {
            let next = self.next(|script| &mut script.authorize);
            self.operate("authorize", idempotency_key, amount.amount_minor, next)
        })
    }

    fn capture<'a>(
        &'a self,
        idempotency_key: &'a str,
        _authorization: &'a str,
        amount: &'a Money,
    ) -> BoxFuture<'a, Result<String, PaymentError>> {
        Box::pin(async move {
            let next = self.next(|script| &mut script.capture);
            self.operate("capture", idempotency_key, amount.amount_minor, next)
        })
    }

    fn void<'a>(
        &'a self,
        idempotency_key: &'a str,
        _authorization: &'a str,
    ) -> BoxFuture<'a, Result<(), PaymentError>> {
        Box::pin(async move { self.operate("void", idempotency_key, 0, None).map(|_| ()) })
    }

    fn refund<'a>(
        &'a self,
        idempotency_key: &'a str,
        _capture: &'a str,
        amount: &'a Money,
    ) -> BoxFuture<'a, Result<String, PaymentError>> {
        Box::pin(async move { self.operate("refund", idempotency_key, amount.amount_minor, None) })
    }
}

/// A checkout use case on a fresh `orders` schema, with fakes for its peers.
struct Saga {
    checkout: Checkout,
    store: OrderStore,
    products: std::sync::Arc<FakeProducts>,
    gateway: std::sync::Arc<FakeGateway>,
    customer: Principal,
    address_id: Uuid,
    _database: TestDatabase,
}

async fn saga_with(active: bool, settings: CheckoutSettings) -> Saga {
    let database = TestDatabase::create().await.expect("test database");
    let pool = platform::db::connect(database.service_options(&ORDER_DB), 4)
        .await
        .expect("pool");
    store::migrate(&pool).await.expect("migrations");
    let store = OrderStore::new(Db::new(pool));
    let products = std::sync::Arc::new(FakeProducts::default());
    let gateway = std::sync::Arc::new(FakeGateway::default());
    let address_id = Uuid::now_v7();
    let users = std::sync::Arc::new(FakeUsers { active, address_id });
    let checkout = Checkout::new(
        store.clone(),
        products.clone(),
        users,
        gateway.clone(),
        settings,
    );
    Saga {
        checkout,
        store,
        products,
        gateway,
        customer: Principal {
            user_id: Uuid::now_v7(),
            roles: vec![Role::Customer],
            session_id: Uuid::now_v7(),
            expires_at: i64::MAX,
        },
        address_id,
        _database: database,
    }
}

async fn saga() -> Saga {
    saga_with(true, default_checkout_settings()).await
}

impl Saga {
    /// Puts `quantity` of a new product (10.00 USD, `stock` on hand) in the
    /// cart; returns the product's id.
    async fn in_cart(&self, stock: i64, quantity: i64) -> Uuid {
        self.in_cart_as(stock, quantity, true).await
    }

    /// As [`Saga::in_cart`], for a product that is on sale or not.
    async fn in_cart_as(&self, stock: i64, quantity: i64, purchasable: bool) -> Uuid {
        let id = self.products.add("10.00", stock, purchasable);
        self.store
            .add_to_cart(
                self.customer.user_id,
                id,
                quantity,
                &Money::from_minor(1000, Currency::parse("USD").unwrap()),
            )
            .await
            .expect("cart line");
        id
    }

    async fn pay(&self, key: &str) -> Result<crate::domain::Order, Error> {
        self.checkout
            .checkout(
                &self.customer,
                CheckoutRequest {
                    idempotency_key: key.into(),
                    shipping_address_id: self.address_id,
                    payment: PaymentChoice::Token("tok_visa".into()),
                },
            )
            .await
    }

    /// The customer's orders, newest first.
    async fn orders(&self) -> Vec<crate::domain::Order> {
        self.store
            .page(
                &crate::store::OrderFilter {
                    user_id: Some(self.customer.user_id),
                    ..Default::default()
                },
                10,
            )
            .await
            .expect("orders")
    }

    async fn only_order(&self) -> crate::domain::Order {
        let orders = self.orders().await;
        assert_eq!(orders.len(), 1, "exactly one order");
        orders.into_iter().next().unwrap()
    }

    async fn cart_len(&self) -> usize {
        self.store.cart(self.customer.user_id).await.unwrap().len()
    }
}

/// The code a client sees for `err`.
fn code(err: Error) -> &'static str {
    platform::ApiError::from(err).code.as_str()
}

#[tokio::test]
async fn a_paid_checkout_sells_the_stock_captures_once_and_empties_the_cart() {
    let saga = saga().await;
    let product = saga.in_cart(5, 2).await;
    let order = saga.pay("k1").await.expect("paid");
    assert_eq!(order.status, OrderStatus::Paid);
    assert_eq!(saga.products.hold(order.id), Some(Hold::Committed));
    assert_eq!(saga.products.stock(product), 3);
    assert_eq!(saga.gateway.effective("authorize"), 1);
    assert_eq!(saga.gateway.effective("capture"), 1);
    assert_eq!(saga.gateway.effective("void"), 0);
    assert_eq!(saga.cart_len().await, 0);
    // The same key again replays the order without touching anyone.
    let again = saga.pay("k1").await.expect("replayed");
    assert_eq!(again.id, order.id);
    assert_eq!(saga.gateway.calls("capture"), 1);
}

#[tokio::test]
async fn a_declined_card_releases_the_stock_fails_the_order_and_keeps_the_cart() {
    let saga = saga().await;
    saga.gateway.script.lock().unwrap().authorize = vec![Err(PaymentError::Declined {
        code: "card_declined".into(),
    })];
    let product = saga.in_cart(5, 2).await;
    let err = saga.pay("k1").await.expect_err("declined");
    assert_eq!(code(err), "PAYMENT_DECLINED");
    let order = saga.only_order().await;
    assert_eq!(order.status, OrderStatus::PaymentFailed);
    assert_eq!(saga.products.hold(order.id), Some(Hold::Released));
    assert_eq!(saga.products.stock(product), 5);
    assert_eq!(saga.gateway.calls("capture"), 0);
    assert_eq!(saga.cart_len().await, 1);
    let payments = saga.store.payments(&[order.id]).await.unwrap();
    assert_eq!(payments.len(), 1);
    assert_eq!(payments[0].status, PaymentStatus::Failed);
}

#[tokio::test]
async fn a_decline_replayed_with_the_same_key_never_reaches_the_provider_again() {
    let saga = saga().await;
    saga.gateway.script.lock().unwrap().authorize = vec![Err(PaymentError::Declined {
        code: "insufficient_funds".into(),
    })];
    saga.in_cart(5, 1).await;
    let first = saga.pay("k1").await.expect_err("declined");
    let second = saga.pay("k1").await.expect_err("replayed");
    assert_eq!(code(first), "PAYMENT_DECLINED");
    assert_eq!(code(second), "PAYMENT_DECLINED");
    assert_eq!(saga.gateway.calls("authorize"), 1);
    saga.only_order().await;
}

#[tokio::test]
async fn a_capture_that_times_out_keeps_the_hold_and_a_retry_with_the_key_captures_once() {
    let saga = saga().await;
    saga.gateway.script.lock().unwrap().capture = vec![Err(PaymentError::Timeout)];
    let product = saga.in_cart(5, 2).await;
    let err = saga.pay("k1").await.expect_err("timed out");
    assert_eq!(code(err), "UNAVAILABLE");
    let order = saga.only_order().await;
    assert_eq!(order.status, OrderStatus::PendingPayment);
    assert_eq!(saga.products.hold(order.id), Some(Hold::Held));
    assert_eq!(saga.products.stock(product), 3);
    assert_eq!(saga.gateway.effective("capture"), 0);

    let paid = saga.pay("k1").await.expect("the retry finishes it");
    assert_eq!(paid.id, order.id);
    assert_eq!(paid.status, OrderStatus::Paid);
    assert_eq!(saga.gateway.effective("capture"), 1);
    assert_eq!(saga.gateway.effective("authorize"), 1);
    assert_eq!(saga.products.hold(order.id), Some(Hold::Committed));
}

#[tokio::test]
async fn an_authorization_that_times_out_charges_nothing_until_it_is_retried() {
    let saga = saga().await;
    saga.gateway.script.lock().unwrap().authorize = vec![Err(PaymentError::Timeout)];
    saga.in_cart(5, 1).await;
    let err = saga.pay("k1").await.expect_err("timed out");
    assert_eq!(code(err), "UNAVAILABLE");
    assert_eq!(saga.gateway.effective("authorize"), 0);
    assert_eq!(saga.gateway.calls("capture"), 0);
    let paid = saga.pay("k1").await.expect("the retry finishes it");
    assert_eq!(paid.status, OrderStatus::Paid);
    assert_eq!(saga.gateway.effective("authorize"), 1);
    assert_eq!(saga.gateway.effective("capture"), 1);
}

#[tokio::test]
async fn a_stock_shortage_fails_before_any_order_or_payment_and_holds_nothing() {
    let saga = saga().await;
    let product = saga.in_cart(1, 3).await;
    let err = saga.pay("k1").await.expect_err("short");
    assert_eq!(code(err), "INSUFFICIENT_STOCK");
    assert_eq!(saga.gateway.calls("authorize"), 0);
    assert_eq!(saga.products.held_units(), 0);
    assert_eq!(saga.products.stock(product), 1);
    assert_eq!(saga.cart_len().await, 1);
    let orders = saga.orders().await;
    assert!(orders.is_empty(), "no order is created for a shortage");
}

#[tokio::test]
async fn a_hold_that_lapsed_after_the_capture_is_refunded_in_full_and_the_order_cancelled() {
    let saga = saga().await;
    *saga.products.lapse_before_commit.lock().unwrap() = true;
    let product = saga.in_cart(5, 2).await;
    let err = saga.pay("k1").await.expect_err("lapsed");
    assert_eq!(code(err), "CONFLICT");
    let order = saga.only_order().await;
    assert_eq!(order.status, OrderStatus::Cancelled);
    assert_eq!(saga.gateway.effective("capture"), 1);
    assert_eq!(saga.gateway.effective("refund"), 1);
    let refunded: i64 = saga
        .gateway
        .done
        .lock()
        .unwrap()
        .values()
        .filter(|(k, _)| *k == "refund")
        .map(|(_, amount)| *amount)
        .sum();
    assert_eq!(refunded, order.total.amount_minor);
    assert_eq!(saga.products.stock(product), 5);
    // The outcome is recorded: a retry gets the same answer and no second
    // refund.
    let again = saga.pay("k1").await.expect_err("replayed");
    assert_eq!(code(again), "CONFLICT");
    assert_eq!(saga.gateway.calls("refund"), 1);
}

#[tokio::test]
async fn a_product_service_that_is_down_pauses_the_checkout_and_it_finishes_later() {
    let saga = saga().await;
    let product = saga.in_cart(5, 1).await;
    *saga.products.down.lock().unwrap() = true;
    let err = saga.pay("k1").await.expect_err("paused");
    assert_eq!(code(err), "UNAVAILABLE");
    assert_eq!(saga.products.held_units(), 0);
    assert_eq!(saga.gateway.calls("authorize"), 0);
    *saga.products.down.lock().unwrap() = false;
    let paid = saga.pay("k1").await.expect("resumed");
    assert_eq!(paid.status, OrderStatus::Paid);
    assert_eq!(saga.products.stock(product), 4);
}

#[tokio::test]
async fn a_product_taken_off_sale_fails_the_checkout_before_anything_is_held() {
    let saga = saga().await;
    saga.in_cart_as(5, 1, false).await;
    let err = saga.pay("k1").await.expect_err("not on sale");
    assert_eq!(code(err), "NOT_FOUND");
    assert_eq!(saga.products.held_units(), 0);
    assert_eq!(saga.gateway.calls("authorize"), 0);
}

#[tokio::test]
async fn a_deactivated_account_is_forbidden_and_nothing_is_recorded() {
    let saga = saga_with(false, default_checkout_settings()).await;
    saga.in_cart(5, 1).await;
    let err = saga.pay("k1").await.expect_err("deactivated");
    assert_eq!(code(err), "FORBIDDEN");
    assert_eq!(saga.products.held_units(), 0);
    assert!(
        saga.store
            .find_checkout(saga.customer.user_id, "k1")
            .await
            .unwrap()
            .is_none(),
        "a refused request leaves its key free"
    );
}

#[tokio::test]
async fn an_unknown_address_is_not_found_and_leaves_the_key_free() {
    let saga = saga().await;
    saga.in_cart(5, 1).await;
    let err = saga
        .checkout
        .checkout(
            &saga.customer,
            CheckoutRequest {
                idempotency_key: "k1".into(),
                shipping_address_id: Uuid::now_v7(),
                payment: PaymentChoice::Token("tok_visa".into()),
            },
        )
        .await
        .expect_err("unknown address");
    assert_eq!(code(err), "NOT_FOUND");
    assert!(
        saga.store
            .find_checkout(saga.customer.user_id, "k1")
            .await
            .unwrap()
            .is_none()
    );
    // The same key then works with a real address.
    assert_eq!(saga.pay("k1").await.unwrap().status, OrderStatus::Paid);
}

#[tokio::test]
async fn a_checkout_stopped_after_authorizing_is_compensated_once_its_attempts_run_out() {
    let saga = crashing_after(CheckoutStep::Authorized).await;
    let product = saga.in_cart(5, 2).await;
    let err = saga.pay("k1").await.expect_err("crashed after authorizing");
    assert_eq!(code(err), "INTERNAL");
    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    // The recovery worker takes it over; with no attempts left before the
    // capture, it undoes everything instead of charging.
    saga.checkout.recover_stalled().await.unwrap();
    let order = saga.only_order().await;
    assert_eq!(order.status, OrderStatus::PaymentFailed);
    assert_eq!(saga.products.hold(order.id), Some(Hold::Released));
    assert_eq!(saga.products.stock(product), 5);
    assert_eq!(saga.gateway.effective("capture"), 0);
    assert_eq!(saga.gateway.effective("void"), 1, "the card hold is voided");
}

/// A saga that stops right after `step` (as a crash would), with no
/// takeover allowed before it is compensated.
async fn crashing_after(step: CheckoutStep) -> Saga {
    saga_with(
        true,
        CheckoutSettings {
            lease: std::time::Duration::from_millis(1),
            max_attempts: 0,
            fail_after_step: Some(step),
            ..default_checkout_settings()
        },
    )
    .await
}

#[tokio::test]
async fn a_checkout_stopped_after_reserving_is_compensated_by_releasing_the_stock() {
    let saga = crashing_after(CheckoutStep::Reserved).await;
    let product = saga.in_cart(5, 2).await;
    saga.pay("k1").await.expect_err("crashed after reserving");
    assert_eq!(saga.products.stock(product), 3, "held while it is stalled");
    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    saga.checkout.recover_stalled().await.unwrap();
    assert_eq!(saga.products.stock(product), 5);
    assert_eq!(saga.products.held_units(), 0);
    assert_eq!(saga.gateway.calls("authorize"), 0);
    // No order was created before the crash, and none is after.
    let orders = saga.orders().await;
    assert!(orders.is_empty());
    // The key now answers with the recorded failure.
    assert_eq!(
        code(saga.pay("k1").await.expect_err("replayed")),
        "UNAVAILABLE"
    );
}

#[tokio::test]
async fn a_checkout_stopped_after_creating_the_order_fails_the_order_and_charges_nothing() {
    let saga = crashing_after(CheckoutStep::OrderCreated).await;
    let product = saga.in_cart(5, 2).await;
    saga.pay("k1")
        .await
        .expect_err("crashed after creating the order");
    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    saga.checkout.recover_stalled().await.unwrap();
    let order = saga.only_order().await;
    assert_eq!(order.status, OrderStatus::PaymentFailed);
    assert_eq!(saga.products.hold(order.id), Some(Hold::Released));
    assert_eq!(saga.products.stock(product), 5);
    assert_eq!(saga.gateway.calls("authorize"), 0);
    assert_eq!(saga.cart_len().await, 1, "the cart is kept for another try");
}
