//! The order use cases, shared by the GraphQL and gRPC adapters.

use std::collections::HashMap;

use chrono::Utc;
use platform::auth::{Principal, Role};
use uuid::Uuid;

use crate::domain::{Order, OrderLine, OrderStatus, normalise_lines, order_total};
use crate::error::{Error, Result};
use crate::grpc::clients::ProductCatalog;
use crate::store::OrderStore;

/// How long stock is held while an order is being placed.
const RESERVATION_TTL_SECS: u32 = 120;

pub struct Ordering {
    store: OrderStore,
    products: ProductCatalog,
}

impl Ordering {
    pub fn new(store: OrderStore, products: ProductCatalog) -> Self {
        Self { store, products }
    }

    /// Places an order for the verified `caller`. Prices come from the
    /// product service (never from the client) and the order keeps a snapshot
    /// of each product's name and price. Stock is reserved under the order's
    /// id (so a retry holds nothing twice), the order is stored, and the
    /// reservation is committed; if storing fails the stock is released.
    ///
    /// There is no payment step yet: the checkout saga, with durable steps
    /// and crash recovery, replaces this flow. Until then a crash between
    /// storing and committing leaves a reservation that the product service
    /// releases when it expires.
    pub async fn place_order(
        &self,
        caller: &Principal,
        requested: &[(Uuid, i64)],
    ) -> Result<Order> {
        let lines = normalise_lines(requested)?;
        let ids: Vec<Uuid> = lines.iter().map(|(id, _)| *id).collect();
        let prices: HashMap<Uuid, _> = self
            .products
            .prices(&ids)
            .await?
            .into_iter()
            .map(|p| (p.id, p))
            .collect();
        let lines_with_prices = lines
            .iter()
            .map(|(product_id, quantity)| {
                let product = prices
                    .get(product_id)
                    .ok_or(Error::UnknownProduct(*product_id))?;
                Ok(OrderLine {
                    product_id: *product_id,
                    product_name: product.name.clone(),
                    quantity: *quantity,
                    unit_price: product.price.clone(),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let total = order_total(&lines_with_prices)?;
        let order = Order {
            id: Uuid::now_v7(),
            user_id: caller.user_id,
            status: OrderStatus::Placed,
            lines: lines_with_prices,
            total,
            created_at: Utc::now(),
        };

        self.products
            .reserve(order.id, &lines, RESERVATION_TTL_SECS)
            .await?;
        if let Err(err) = self.store.insert(&order).await {
            if let Err(release) = self.products.release(order.id).await {
                tracing::warn!(order = %order.id, error = ?release, "could not release stock; it is released when the reservation expires");
            }
            return Err(err);
        }
        let mut attempt = 0;
        while let Err(err) = self.products.commit(order.id).await {
            attempt += 1;
            if attempt == 3 {
                tracing::error!(order = %order.id, error = ?err, "the order is stored but its stock reservation is not committed");
                return Err(err);
            }
            tokio::time::sleep(std::time::Duration::from_millis(100 * attempt)).await;
        }
        Ok(order)
    }

    /// An order the caller may see (their own, or any for staff); others are
    /// reported as not found, so ids of other people's orders leak nothing.
    pub async fn order_for(&self, caller: &Principal, id: Uuid) -> Result<Order> {
        let order = self
            .store
            .by_ids(&[id])
            .await?
            .into_iter()
            .next()
            .ok_or(Error::NotFound)?;
        if order.user_id == caller.user_id || caller.has_role(Role::Staff) {
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

    /// Each user's orders, newest first, in one batch.
    pub async fn orders_for_users(&self, user_ids: &[Uuid]) -> Result<HashMap<Uuid, Vec<Order>>> {
        let mut by_user: HashMap<Uuid, Vec<Order>> =
            user_ids.iter().map(|id| (*id, Vec::new())).collect();
        for order in self.store.for_users(user_ids).await? {
            by_user.entry(order.user_id).or_default().push(order);
        }
        Ok(by_user)
    }

    pub async fn has_purchased(&self, user_id: Uuid, product_id: Uuid) -> Result<bool> {
        self.store.has_purchased(user_id, product_id).await
    }
}
