//! Calls from the order service to its peers. Prices and stock come from the
//! product service, which is their authority.

use std::time::Duration;

use platform::ApiError;
use platform::money::{Currency, Money};
use proto::product::product_service_client::ProductServiceClient;
use proto::product::{CheckAvailabilityRequest, GetProductsRequest, StockRequest};
use tonic::transport::{Channel, Endpoint};
use uuid::Uuid;

use crate::domain::Availability;
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
        let channel = Endpoint::from_shared(url.to_string())?
            .connect_timeout(Duration::from_secs(2))
            .timeout(Duration::from_secs(5))
            .connect_lazy();
        Ok(Self { client: ProductServiceClient::new(channel) })
    }

    /// Current prices of `ids`, in one call. A missing product is
    /// [`Error::UnknownProduct`].
    pub async fn prices(&self, ids: &[Uuid]) -> Result<Vec<PricedProduct>, Error> {
        let response = self
            .client
            .clone()
            .get_products(GetProductsRequest { ids: ids.iter().map(Uuid::to_string).collect() })
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
                let price = p.price.ok_or_else(|| Error::Internal(anyhow::anyhow!("product {} has no price", p.id)))?;
                let currency = Currency::parse(&price.currency).map_err(|e| Error::Internal(e.into()))?;
                Ok(PricedProduct { id: parse_uuid(&p.id)?, name: p.name, price: Money::from_minor(price.amount_minor, currency) })
            })
            .collect()
    }

    /// Whether each `(product, quantity)` is available now, in one call.
    pub async fn availability(&self, items: &[(Uuid, i64)]) -> Result<Vec<Availability>, Error> {
        let response = self
            .client
            .clone()
            .check_availability(CheckAvailabilityRequest {
                items: items.iter().map(|(id, quantity)| StockRequest { product_id: id.to_string(), quantity: *quantity }).collect(),
            })
            .await
            .map_err(|status| Error::Peer(ApiError::from_status("product", &status)))?
            .into_inner();
        response
            .items
            .into_iter()
            .map(|a| Ok(Availability { product_id: parse_uuid(&a.product_id)?, found: a.found, requested: a.requested, available: a.available }))
            .collect()
    }
}

fn parse_uuid(id: &str) -> Result<Uuid, Error> {
    Uuid::parse_str(id).map_err(|_| Error::Internal(anyhow::anyhow!("product service returned a malformed id {id:?}")))
}
