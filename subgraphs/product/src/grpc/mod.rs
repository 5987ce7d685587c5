//! The gRPC adapter: `ProductService` over [`Catalog`], and [`clients`]
//! for the services this one calls.

pub mod clients;

use std::sync::Arc;

use proto::product::product_service_server::ProductService;
use proto::product::{
    AdjustStockRequest, Availability as AvailabilityMessage, CheckAvailabilityRequest,
    CheckAvailabilityResponse, GetProductsRequest, GetProductsResponse, Money as MoneyMessage,
    Product as ProductMessage, Reservation as ReservationMessage, ReservationRequest,
    ReservationStatus as ReservationStatusMessage, ReserveStockRequest, StockLevel, StockRequest,
};
use tonic::{Request, Response, Status};
use uuid::Uuid;

use crate::catalog::Catalog;
use crate::domain::{MovementReason, Reservation, ReservationStatus};

pub struct ProductGrpc {
    catalog: Arc<Catalog>,
}

impl ProductGrpc {
    pub fn new(catalog: Arc<Catalog>) -> Self {
        Self { catalog }
    }
}

fn reservation_message(reservation: Reservation) -> ReservationMessage {
    let status = match reservation.status {
        ReservationStatus::Held => ReservationStatusMessage::Held,
        ReservationStatus::Committed => ReservationStatusMessage::Committed,
        ReservationStatus::Released => ReservationStatusMessage::Released,
    };
    ReservationMessage {
        reservation_id: reservation.id.to_string(),
        status: status as i32,
        expires_at: reservation.expires_at.map(|t| t.timestamp()).unwrap_or(0),
        lines: reservation
            .lines
            .into_iter()
            .map(|(id, quantity)| StockRequest {
                product_id: id.to_string(),
                quantity,
            })
            .collect(),
    }
}

fn parse_reservation_id(id: &str) -> Result<Uuid, Status> {
    Uuid::parse_str(id).map_err(|_| Status::invalid_argument("reservation_id must be a UUID"))
}

fn parse_id(id: &str) -> Result<Uuid, Status> {
    Uuid::parse_str(id)
        .map_err(|_| Status::invalid_argument(format!("product id {id:?} is not a UUID")))
}

#[tonic::async_trait]
impl ProductService for ProductGrpc {
    async fn get_products(
        &self,
        request: Request<GetProductsRequest>,
    ) -> Result<Response<GetProductsResponse>, Status> {
        let ids = request
            .into_inner()
            .ids
            .iter()
            .map(|id| parse_id(id))
            .collect::<Result<Vec<_>, _>>()?;
        let mut found = self.catalog.products_by_ids(&ids).await?;
        let mut response = GetProductsResponse::default();
        let mut seen = std::collections::HashSet::new();
        for id in ids.into_iter().filter(|id| seen.insert(*id)) {
            match found.remove(&id) {
                Some(product) => response.products.push(ProductMessage {
                    available: product.available(),
                    id: product.id.to_string(),
                    name: product.name,
                    price: Some(MoneyMessage {
                        amount_minor: product.price.amount_minor,
                        currency: product.price.currency.to_string(),
                    }),
                }),
                None => response.missing_ids.push(id.to_string()),
            }
        }
        Ok(Response::new(response))
    }

    async fn check_availability(
        &self,
        request: Request<CheckAvailabilityRequest>,
    ) -> Result<Response<CheckAvailabilityResponse>, Status> {
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

    async fn adjust_stock(
        &self,
        request: Request<AdjustStockRequest>,
    ) -> Result<Response<StockLevel>, Status> {
        let r = request.into_inner();
        let id = parse_id(&r.product_id)?;
        let reason = MovementReason::parse(&r.reason).ok_or_else(|| {
            Status::invalid_argument("reason must be RESTOCK, RETURN, DAMAGE or CORRECTION")
        })?;
        let product = self
            .catalog
            .adjust_stock_as(None, id, r.delta, reason, Some(&r.note))
            .await?;
        Ok(Response::new(StockLevel {
            product_id: id.to_string(),
            on_hand: product.on_hand,
            reserved: product.reserved,
            available: product.available(),
        }))
    }

    async fn reserve_stock(
        &self,
        request: Request<ReserveStockRequest>,
    ) -> Result<Response<ReservationMessage>, Status> {
        let request = request.into_inner();
        let id = parse_reservation_id(&request.reservation_id)?;
        let lines = request
            .lines
            .into_iter()
            .map(|line| Ok((parse_id(&line.product_id)?, line.quantity)))
            .collect::<Result<Vec<_>, Status>>()?;
        let reservation = self
            .catalog
            .reserve_stock(id, &lines, request.ttl_seconds)
            .await?;
        Ok(Response::new(reservation_message(reservation)))
    }

    async fn commit_reservation(
        &self,
        request: Request<ReservationRequest>,
    ) -> Result<Response<ReservationMessage>, Status> {
        let id = parse_reservation_id(&request.into_inner().reservation_id)?;
        Ok(Response::new(reservation_message(
            self.catalog.commit_reservation(id).await?,
        )))
    }

    async fn release_reservation(
        &self,
        request: Request<ReservationRequest>,
    ) -> Result<Response<ReservationMessage>, Status> {
        let id = parse_reservation_id(&request.into_inner().reservation_id)?;
        Ok(Response::new(reservation_message(
            self.catalog.release_reservation(id).await?,
        )))
    }
}
