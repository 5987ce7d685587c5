//! Calls from the order service to its peers. Prices and stock come from the
//! product service, which is their authority.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use platform::ApiError;
use platform::breaker::GuardedChannel as Channel;
use platform::money::{Currency, Money};
use proto::product::product_service_client::ProductServiceClient;
use proto::product::{
    AdjustStockRequest, GetProductsRequest, ReservationRequest, ReservationStatus,
    ReserveStockRequest, StockRequest,
};
use uuid::Uuid;

use proto::user::user_service_client::UserServiceClient;
use proto::user::{GetAddressRequest, GetUserRequest};

use futures::future::BoxFuture;

use crate::domain::ShippingAddress;
use crate::error::Error;
use crate::ports::{Customer, Lookup, PricedProduct, Products, Users};

/// [`Products`] over gRPC: `ProductService` on the product service.
#[derive(Clone)]
pub struct ProductCatalog {
    client: ProductServiceClient<Channel>,
    /// `GetProducts` calls made, for tests that hold the cart to one call.
    lookups: Arc<AtomicU64>,
}

impl ProductCatalog {
    /// `url` is e.g. `http://127.0.0.1:50052`. Connects lazily.
    pub fn new(
        url: &str,
        tls: &platform::tls::GrpcTls,
        peers: &platform::breaker::PeerSettings,
    ) -> anyhow::Result<Self> {
        let channel = platform::server::lazy_channel(url, "product", tls, peers)?;
        Ok(Self {
            client: ProductServiceClient::new(channel),
            lookups: Arc::default(),
        })
    }

    /// How many `GetProducts` calls this client has made.
    pub fn lookup_counter(&self) -> Arc<AtomicU64> {
        self.lookups.clone()
    }
}

impl Products for ProductCatalog {
    fn lookup<'a>(&'a self, ids: &'a [Uuid]) -> BoxFuture<'a, Result<Lookup, Error>> {
        Box::pin(async move {
            if ids.is_empty() {
                return Ok((Vec::new(), Vec::new()));
            }
            self.lookups.fetch_add(1, Ordering::Relaxed);
            let response = self
                .client
                .clone()
                .get_products(GetProductsRequest {
                    ids: ids.iter().map(Uuid::to_string).collect(),
                })
                .await
                .map_err(|status| Error::Peer(ApiError::from_status("product", &status)))?
                .into_inner();
            let missing = response
                .missing_ids
                .iter()
                .map(|id| parse_uuid(id))
                .collect::<Result<Vec<_>, _>>()?;
            let found = response
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
                        sku: (!p.sku.is_empty()).then_some(p.sku),
                        price: Money::from_minor(price.amount_minor, currency),
                        available: p.available,
                        purchasable: p.purchasable,
                        weight_grams: p.weight_grams,
                    })
                })
                .collect::<Result<Vec<_>, Error>>()?;
            Ok((found, missing))
        })
    }

    fn reserve<'a>(
        &'a self,
        order_id: Uuid,
        lines: &'a [(Uuid, i64)],
        ttl_seconds: u32,
    ) -> BoxFuture<'a, Result<(), Error>> {
        Box::pin(async move {
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
                return Err(Error::ReservationLapsed);
            }
            Ok(())
        })
    }

    fn commit(&self, order_id: Uuid) -> BoxFuture<'_, Result<(), Error>> {
        Box::pin(async move {
            self.client
                .clone()
                .commit_reservation(ReservationRequest {
                    reservation_id: order_id.to_string(),
                })
                .await
                .map(|_| ())
                .map_err(|status| match status.code() {
                    tonic::Code::FailedPrecondition | tonic::Code::NotFound => {
                        Error::ReservationLapsed
                    }
                    _ => Error::Peer(ApiError::from_status("product", &status)),
                })
        })
    }

    fn restock_return<'a>(
        &'a self,
        key: &'a str,
        product_id: Uuid,
        quantity: i64,
        note: String,
    ) -> BoxFuture<'a, Result<(), Error>> {
        Box::pin(async move {
            self.client
                .clone()
                .adjust_stock(AdjustStockRequest {
                    product_id: product_id.to_string(),
                    delta: quantity,
                    reason: "RETURN".into(),
                    note,
                    idempotency_key: key.to_string(),
                })
                .await
                .map(|_| ())
                .map_err(|status| Error::Peer(ApiError::from_status("product", &status)))
        })
    }

    fn release(&self, order_id: Uuid) -> BoxFuture<'_, Result<(), Error>> {
        Box::pin(async move {
            self.client
                .clone()
                .release_reservation(ReservationRequest {
                    reservation_id: order_id.to_string(),
                })
                .await
                .map(|_| ())
                .map_err(|status| Error::Peer(ApiError::from_status("product", &status)))
        })
    }
}

/// [`Users`] over gRPC: `UserService` on the user service.
#[derive(Clone)]
pub struct UserDirectory {
    client: UserServiceClient<Channel>,
}

impl UserDirectory {
    /// `url` is e.g. `http://127.0.0.1:50051`. Connects lazily.
    pub fn new(
        url: &str,
        tls: &platform::tls::GrpcTls,
        peers: &platform::breaker::PeerSettings,
    ) -> anyhow::Result<Self> {
        let channel = platform::server::lazy_channel(url, "user", tls, peers)?;
        Ok(Self {
            client: UserServiceClient::new(channel),
        })
    }
}

impl Users for UserDirectory {
    fn customer(&self, user_id: Uuid) -> BoxFuture<'_, Result<Customer, Error>> {
        Box::pin(async move {
            let user = self
                .client
                .clone()
                .get_user(GetUserRequest {
                    user_id: user_id.to_string(),
                })
                .await
                .map_err(|status| Error::Peer(ApiError::from_status("user", &status)))?
                .into_inner();
            Ok(Customer {
                name: user.name,
                email: user.email,
                active: user.active,
            })
        })
    }

    fn address(
        &self,
        user_id: Uuid,
        address_id: Uuid,
    ) -> BoxFuture<'_, Result<ShippingAddress, Error>> {
        Box::pin(async move {
            let address = self
                .client
                .clone()
                .get_address(GetAddressRequest {
                    user_id: user_id.to_string(),
                    address_id: address_id.to_string(),
                })
                .await
                .map_err(|status| match status.code() {
                    tonic::Code::NotFound => Error::UnknownAddress,
                    _ => Error::Peer(ApiError::from_status("user", &status)),
                })?
                .into_inner();
            Ok(ShippingAddress {
                recipient: address.recipient,
                line1: address.line1,
                line2: address.line2,
                city: address.city,
                region: address.region,
                postal_code: address.postal_code,
                country: address.country,
                phone: address.phone,
            })
        })
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
