//! The order use cases, shared by the GraphQL and gRPC adapters.

use std::collections::HashMap;

use chrono::Utc;
use platform::auth::{Principal, Role};
use uuid::Uuid;

use crate::domain::{Order, OrderLine, OrderStatus, normalise_lines, order_total};
use crate::error::{Error, Result};
use crate::grpc::clients::ProductCatalog;
use crate::store::OrderStore;

pub struct Ordering {
    store: OrderStore,
    products: ProductCatalog,
}

impl Ordering {
    pub fn new(store: OrderStore, products: ProductCatalog) -> Self {
        Self { store, products }
    }

    /// Places an order for the verified `caller`. Prices come from the
    /// product service (never from the client), stock is checked there, and
    /// the order keeps a snapshot of each product's name and price.
    ///
    /// Stock is checked, not reserved: reservations arrive with the checkout
    /// saga, which replaces this simple flow.
    pub async fn place_order(&self, caller: &Principal, requested: &[(Uuid, i64)]) -> Result<Order> {
        let lines = normalise_lines(requested)?;
        let ids: Vec<Uuid> = lines.iter().map(|(id, _)| *id).collect();
        let prices: HashMap<Uuid, _> = self.products.prices(&ids).await?.into_iter().map(|p| (p.id, p)).collect();
        for availability in self.products.availability(&lines).await? {
            if !availability.found {
                return Err(Error::UnknownProduct(availability.product_id));
            }
            if availability.available < availability.requested {
                return Err(Error::InsufficientStock {
                    product_id: availability.product_id,
                    requested: availability.requested,
                    available: availability.available,
                });
            }
        }
        let lines = lines
            .into_iter()
            .map(|(product_id, quantity)| {
                let product = prices.get(&product_id).ok_or(Error::UnknownProduct(product_id))?;
                Ok(OrderLine { product_id, product_name: product.name.clone(), quantity, unit_price: product.price.clone() })
            })
            .collect::<Result<Vec<_>>>()?;
        let total = order_total(&lines)?;
        let order = Order {
            id: Uuid::now_v7(),
            user_id: caller.user_id,
            status: OrderStatus::Placed,
            lines,
            total,
            created_at: Utc::now(),
        };
        self.store.insert(&order).await?;
        Ok(order)
    }

    /// An order the caller may see (their own, or any for staff); others are
    /// reported as not found, so ids of other people's orders leak nothing.
    pub async fn order_for(&self, caller: &Principal, id: Uuid) -> Result<Order> {
        let order = self.store.by_ids(&[id]).await?.into_iter().next().ok_or(Error::NotFound)?;
        if order.user_id == caller.user_id || caller.has_role(Role::Staff) {
            Ok(order)
        } else {
            Err(Error::NotFound)
        }
    }

    /// Orders by id, without an ownership check: callers filter.
    pub async fn orders_by_ids(&self, ids: &[Uuid]) -> Result<HashMap<Uuid, Order>> {
        Ok(self.store.by_ids(ids).await?.into_iter().map(|o| (o.id, o)).collect())
    }

    /// Each user's orders, newest first, in one batch.
    pub async fn orders_for_users(&self, user_ids: &[Uuid]) -> Result<HashMap<Uuid, Vec<Order>>> {
        let mut by_user: HashMap<Uuid, Vec<Order>> = user_ids.iter().map(|id| (*id, Vec::new())).collect();
        for order in self.store.for_users(user_ids).await? {
            by_user.entry(order.user_id).or_default().push(order);
        }
        Ok(by_user)
    }

    pub async fn has_purchased(&self, user_id: Uuid, product_id: Uuid) -> Result<bool> {
        self.store.has_purchased(user_id, product_id).await
    }
}
