//! Calls from the order service to its peers. Prices and stock come from the
//! product service, which is their authority.

use platform::ApiError;
use platform::money::{Currency, Money};
use proto::product::product_service_client::ProductServiceClient;
use proto::product::{
    GetProductsRequest, ReservationRequest, ReservationStatus, ReserveStockRequest, StockRequest,
};
use tonic::transport::Channel;
use uuid::Uuid;

use crate::error::Error;

/// A product's current name and price, as the product service says.
#[derive(Debug, Clone)]
pub struct PricedProduct {
    pub id: Uuid,
    pub name: String,
    pub price: Money,
}

#[derive(Clone)]
pub struct ProductCatalog {
    client: ProductServiceClient<Channel>,
}

impl ProductCatalog {
    /// `url` is e.g. `http://127.0.0.1:50052`. Connects lazily.
    pub fn new(url: &str) -> anyhow::Result<Self> {
        let channel = platform::server::lazy_channel(url)?;
        Ok(Self {
            client: ProductServiceClient::new(channel),
        })
    }

    /// Current prices of `ids`, in one call. A missing product is
    /// [`Error::UnknownProduct`].
    pub async fn prices(&self, ids: &[Uuid]) -> Result<Vec<PricedProduct>, Error> {
        let response = self
            .client
            .clone()
            .get_products(GetProductsRequest {
                ids: ids.iter().map(Uuid::to_string).collect(),
            })
            .await
            .map_err(|status| Error::Peer(ApiError::from_status("product", &status)))?
            .into_inner();
        if let Some(missing) = response.missing_ids.first() {
            return Err(Error::UnknownProduct(parse_uuid(missing)?));
        }
        response
            .products
            .into_iter()
            .map(|p| {
                let price = p.price.ok_or_else(|| {
                    Error::Internal(anyhow::anyhow!("product {} has no price", p.id))
                })?;
                let currency =
                    Currency::parse(&price.currency).map_err(|e| Error::Internal(e.into()))?;
                Ok(PricedProduct {
                    id: parse_uuid(&p.id)?,
                    name: p.name,
                    price: Money::from_minor(price.amount_minor, currency),
                })
            })
            .collect()
    }

    /// Holds stock for every line of order `order_id`, or for none. A short
    /// line is [`Error::InsufficientStock`] naming the first short product.
    pub async fn reserve(
        &self,
        order_id: Uuid,
        lines: &[(Uuid, i64)],
        ttl_seconds: u32,
    ) -> Result<(), Error> {
        let request = ReserveStockRequest {
            reservation_id: order_id.to_string(),
            lines: lines
                .iter()
                .map(|(id, quantity)| StockRequest {
                    product_id: id.to_string(),
                    quantity: *quantity,
                })
                .collect(),
            ttl_seconds,
        };
        let reservation = match self.client.clone().reserve_stock(request).await {
            Ok(response) => response.into_inner(),
            Err(status) => return Err(reserve_error(&status, lines)),
        };
        if reservation.status != ReservationStatus::Held as i32
            && reservation.status != ReservationStatus::Committed as i32
        {
            return Err(Error::Peer(ApiError::new(
                platform::ErrorCode::Conflict,
                "the stock reservation for this order has lapsed",
            )));
        }
        Ok(())
    }

    /// Sells the stock held for `order_id`. Idempotent, so it is safe to retry.
    pub async fn commit(&self, order_id: Uuid) -> Result<(), Error> {
        self.client
            .clone()
            .commit_reservation(ReservationRequest {
                reservation_id: order_id.to_string(),
            })
            .await
            .map(|_| ())
            .map_err(|status| Error::Peer(ApiError::from_status("product", &status)))
    }

    /// Gives back the stock held for `order_id`. Idempotent.
    pub async fn release(&self, order_id: Uuid) -> Result<(), Error> {
        self.client
            .clone()
            .release_reservation(ReservationRequest {
                reservation_id: order_id.to_string(),
            })
            .await
            .map(|_| ())
            .map_err(|status| Error::Peer(ApiError::from_status("product", &status)))
    }
}

/// Turns a failed `ReserveStock` into our error, reading the
/// `shop-shortages` metadata (`product_id=available,...`) when stock was short.
fn reserve_error(status: &tonic::Status, lines: &[(Uuid, i64)]) -> Error {
    let shortages = status
        .metadata()
        .get("shop-shortages")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let first = shortages
        .split(',')
        .filter_map(|pair| pair.split_once('='))
        .find_map(|(id, available)| {
            Some((Uuid::parse_str(id).ok()?, available.parse::<i64>().ok()?))
        });
    match first {
        Some((product_id, available)) => Error::InsufficientStock {
            product_id,
            requested: lines
                .iter()
                .find(|(id, _)| *id == product_id)
                .map(|(_, q)| *q)
                .unwrap_or(0),
            available,
        },
        None => Error::Peer(ApiError::from_status("product", status)),
    }
}

fn parse_uuid(id: &str) -> Result<Uuid, Error> {
    Uuid::parse_str(id).map_err(|_| {
        Error::Internal(anyhow::anyhow!(
            "product service returned a malformed id {id:?}"
        ))
    })
}
