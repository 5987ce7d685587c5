//! The gRPC adapter: `ProductService` over [`Catalog`].

use std::sync::Arc;

use proto::product::product_service_server::ProductService;
use proto::product::{
    Availability as AvailabilityMessage, CheckAvailabilityRequest, CheckAvailabilityResponse, GetProductsRequest,
    GetProductsResponse, Money as MoneyMessage, Product as ProductMessage,
};
use tonic::{Request, Response, Status};
use uuid::Uuid;

use crate::catalog::Catalog;

pub struct ProductGrpc {
    catalog: Arc<Catalog>,
}

impl ProductGrpc {
    pub fn new(catalog: Arc<Catalog>) -> Self {
        Self { catalog }
    }
}

fn parse_id(id: &str) -> Result<Uuid, Status> {
    Uuid::parse_str(id).map_err(|_| Status::invalid_argument(format!("product id {id:?} is not a UUID")))
}

#[tonic::async_trait]
impl ProductService for ProductGrpc {
    async fn get_products(&self, request: Request<GetProductsRequest>) -> Result<Response<GetProductsResponse>, Status> {
        let ids = request.into_inner().ids.iter().map(|id| parse_id(id)).collect::<Result<Vec<_>, _>>()?;
        let mut found = self.catalog.products_by_ids(&ids).await?;
        let mut response = GetProductsResponse::default();
        let mut seen = std::collections::HashSet::new();
        for id in ids.into_iter().filter(|id| seen.insert(*id)) {
            match found.remove(&id) {
                Some(product) => response.products.push(ProductMessage {
                    id: product.id.to_string(),
                    name: product.name,
                    price: Some(MoneyMessage {
                        amount_minor: product.price.amount_minor,
                        currency: product.price.currency.to_string(),
                    }),
                    available: product.stock,
                }),
                None => response.missing_ids.push(id.to_string()),
            }
        }
        Ok(Response::new(response))
    }

    async fn check_availability(&self, request: Request<CheckAvailabilityRequest>) -> Result<Response<CheckAvailabilityResponse>, Status> {
        let items = request
            .into_inner()
            .items
            .into_iter()
            .map(|item| Ok((parse_id(&item.product_id)?, item.quantity)))
            .collect::<Result<Vec<_>, Status>>()?;
        let availability = self.catalog.check_availability(&items).await?;
        let all_available = availability.iter().all(|a| a.sufficient());
        Ok(Response::new(CheckAvailabilityResponse {
            items: availability
                .into_iter()
                .map(|a| AvailabilityMessage {
                    product_id: a.product_id.to_string(),
                    found: a.found,
                    requested: a.requested,
                    available: a.available,
                    sufficient: a.sufficient(),
                })
                .collect(),
            all_available,
        }))
    }
}
