//! The gRPC adapter: `OrderService` over [`Ordering`], and the clients this
//! service uses to call its peers.

pub mod clients;

use std::sync::Arc;

use proto::order::order_service_server::OrderService;
use proto::order::{HasPurchasedRequest, HasPurchasedResponse};
use tonic::{Request, Response, Status};
use uuid::Uuid;

use crate::Services;

pub struct OrderGrpc {
    services: Arc<Services>,
}

impl OrderGrpc {
    pub fn new(services: Arc<Services>) -> Self {
        Self { services }
    }
}

#[tonic::async_trait]
impl OrderService for OrderGrpc {
    async fn has_purchased(
        &self,
        request: Request<HasPurchasedRequest>,
    ) -> Result<Response<HasPurchasedResponse>, Status> {
        let request = request.into_inner();
        let user_id = Uuid::parse_str(&request.user_id)
            .map_err(|_| Status::invalid_argument("user_id must be a UUID"))?;
        let product_id = Uuid::parse_str(&request.product_id)
            .map_err(|_| Status::invalid_argument("product_id must be a UUID"))?;
        let purchased = self.services.ordering.has_purchased(user_id, product_id).await?;
        Ok(Response::new(HasPurchasedResponse { purchased }))
    }
}
