//! The order use cases other than the cart and checkout: reading orders and
//! what hangs off them, and saved payment methods. Shared by the GraphQL and
//! gRPC adapters.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::Utc;
use platform::auth::{Principal, Role};
use uuid::Uuid;

use crate::app::checkout::{looks_like_card_number, payment_input_error};
use crate::domain::{
    Invoice, Order, OrderEvent, Payment, Refund, ReturnRequest, SavedPaymentMethod, Shipment,
};
use crate::error::{Error, Result};
use crate::ports::PaymentGateway;
use crate::store::{OrderFilter, OrderStore};

/// Most orders in one page.
pub const MAX_PAGE: i64 = 100;

/// Reading orders, and the customer's saved payment methods.
pub struct Ordering {
    store: OrderStore,
    gateway: Arc<dyn PaymentGateway>,
}

/// Whether `caller` may see an order of `owner`: their own, or staff.
pub fn may_see(caller: &Principal, owner: Uuid) -> bool {
    owner == caller.user_id || caller.has_role(Role::Staff)
}

impl Ordering {
    /// The use cases over their store and the provider.
    pub fn new(store: OrderStore, gateway: Arc<dyn PaymentGateway>) -> Self {
        Self { store, gateway }
    }

    /// The store, for the adapters' loaders.
    pub fn store(&self) -> &OrderStore {
        &self.store
    }

    /// An order the caller may see (their own, or any for staff); others are
    /// reported as not found, so ids of other people's orders leak nothing.
    pub async fn order_for(&self, caller: &Principal, id: Uuid) -> Result<Order> {
        let order = self.store.by_id(id).await?;
        if may_see(caller, order.user_id) {
            Ok(order)
        } else {
            Err(Error::NotFound)
        }
    }

    /// Orders by id, without an ownership check: callers filter.
    pub async fn orders_by_ids(&self, ids: &[Uuid]) -> Result<HashMap<Uuid, Order>> {
        Ok(self
            .store
            .by_ids(ids)
            .await?
            .into_iter()
            .map(|o| (o.id, o))
            .collect())
    }

    /// One page of orders, newest first, and whether more follow.
    pub async fn page(&self, filter: &OrderFilter, first: i64) -> Result<(Vec<Order>, bool)> {
        if !(0..=MAX_PAGE).contains(&first) {
            return Err(Error::invalid(
                "first",
                format!("first must be between 0 and {MAX_PAGE}"),
            ));
        }
        let mut orders = self.store.page(filter, first + 1).await?;
        let more = orders.len() as i64 > first;
        orders.truncate(first as usize);
        Ok((orders, more))
    }

    /// Whether `user_id` has a paid order with `product_id` (verified reviews).
    pub async fn has_purchased(&self, user_id: Uuid, product_id: Uuid) -> Result<bool> {
        self.store.has_purchased(user_id, product_id).await
    }

    /// Timelines of several orders, in one statement.
    pub async fn events(&self, order_ids: &[Uuid]) -> Result<HashMap<Uuid, Vec<OrderEvent>>> {
        Ok(group(self.store.events(order_ids).await?, |e| e.order_id))
    }

    /// Payments of several orders, in one statement.
    pub async fn payments(&self, order_ids: &[Uuid]) -> Result<HashMap<Uuid, Vec<Payment>>> {
        Ok(group(self.store.payments(order_ids).await?, |p| p.order_id))
    }

    /// Refunds of several orders, in one statement.
    pub async fn refunds(&self, order_ids: &[Uuid]) -> Result<HashMap<Uuid, Vec<Refund>>> {
        Ok(group(self.store.refunds(order_ids).await?, |r| r.order_id))
    }

    /// Shipments of several orders (two statements).
    pub async fn shipments(&self, order_ids: &[Uuid]) -> Result<HashMap<Uuid, Shipment>> {
        Ok(self
            .store
            .shipments(order_ids)
            .await?
            .into_iter()
            .map(|s| (s.order_id, s))
            .collect())
    }

    /// Return requests of several orders, in one statement.
    pub async fn returns(&self, order_ids: &[Uuid]) -> Result<HashMap<Uuid, Vec<ReturnRequest>>> {
        Ok(group(self.store.returns(order_ids).await?, |r| r.order_id))
    }

    /// Invoices of several orders, in one statement.
    pub async fn invoices(&self, order_ids: &[Uuid]) -> Result<HashMap<Uuid, Invoice>> {
        Ok(self
            .store
            .invoices(order_ids, &[])
            .await?
            .into_iter()
            .map(|i| (i.order_id, i))
            .collect())
    }

    /// An invoice and its order, for the order's owner or staff; `NOT_FOUND`
    /// for anyone else, as for an invoice that does not exist.
    pub async fn invoice_for(
        &self,
        caller: &Principal,
        invoice_id: Uuid,
    ) -> Result<(Invoice, Order)> {
        let missing = || Error::Missing {
            what: "invoice",
            field: "id",
        };
        let invoice = self
            .store
            .invoices(&[], &[invoice_id])
            .await?
            .into_iter()
            .next()
            .ok_or_else(missing)?;
        let order = self.store.by_id(invoice.order_id).await?;
        if !may_see(caller, order.user_id) {
            return Err(missing());
        }
        Ok((invoice, order))
    }

    /// The caller's saved payment methods.
    pub async fn payment_methods(&self, caller: &Principal) -> Result<Vec<SavedPaymentMethod>> {
        self.store.payment_methods(caller.user_id).await
    }

    /// Saves a card from a provider token. Only the brand, last four digits
    /// and expiry (and the provider's token) are kept.
    pub async fn add_payment_method(
        &self,
        caller: &Principal,
        token: &str,
    ) -> Result<SavedPaymentMethod> {
        if looks_like_card_number(token) {
            return Err(Error::invalid(
                "token",
                "send a payment token from the provider, never a card number",
            ));
        }
        if token.is_empty() || token.len() > 255 {
            return Err(Error::invalid("token", "token must be 1 to 255 characters"));
        }
        let card = self
            .gateway
            .card_details(token)
            .await
            .map_err(|e| payment_input_error(e, "token"))?;
        if self.store.payment_methods(caller.user_id).await?.len() >= 20 {
            return Err(Error::invalid(
                "token",
                "at most 20 payment methods can be saved",
            ));
        }
        let id = Uuid::now_v7();
        let provider_token = self
            .gateway
            .keep(&format!("keep:{id}"), caller.user_id, token)
            .await
            .map_err(|e| payment_input_error(e, "token"))?;
        let method = SavedPaymentMethod {
            id,
            user_id: caller.user_id,
            provider_token,
            brand: card.brand,
            last4: card.last4,
            exp_month: card.exp_month,
            exp_year: card.exp_year,
            created_at: Utc::now(),
        };
        self.store.insert_payment_method(&method).await?;
        Ok(method)
    }

    /// Deletes one of the caller's saved payment methods.
    pub async fn remove_payment_method(&self, caller: &Principal, id: Uuid) -> Result<()> {
        if self.store.delete_payment_method(caller.user_id, id).await? {
            Ok(())
        } else {
            Err(Error::Missing {
                what: "payment method",
                field: "id",
            })
        }
    }
}

fn group<T>(items: Vec<T>, key: impl Fn(&T) -> Uuid) -> HashMap<Uuid, Vec<T>> {
    let mut grouped: HashMap<Uuid, Vec<T>> = HashMap::new();
    for item in items {
        grouped.entry(key(&item)).or_default().push(item);
    }
    grouped
}
