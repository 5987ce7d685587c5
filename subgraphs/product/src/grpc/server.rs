//! `ProductService` over [`Catalog`]: the answers other services rely on
//! (prices, stock, reservations) and staff writes with a bearer token.

use std::sync::Arc;

use platform::auth::TokenVerifier;
use proto::product::product_service_server::ProductService;
use proto::product::{
    AddProductRequest, Attribute as AttributeMessage, DeleteProductRequest, DeleteProductResponse,
    GetProductRequest, ListProductsRequest, ListProductsResponse, ProductDetail,
    UpdateProductRequest, attribute::Value as AttributeValueMessage,
};
use proto::product::{
    AdjustStockRequest, Availability as AvailabilityMessage, CheckAvailabilityRequest,
    CheckAvailabilityResponse, GetProductsRequest, GetProductsResponse, Money as MoneyMessage,
    Product as ProductMessage, Reservation as ReservationMessage, ReservationRequest,
    ReservationStatus as ReservationStatusMessage, ReserveStockRequest, StockLevel, StockRequest,
};
use tonic::{Request, Response, Status};
use uuid::Uuid;

use crate::app::catalog::{Catalog, ProductChanges};
use crate::domain::{
    AttributeValue, DetailsInput, MovementReason, NewProduct, Product, ProductFilter, ProductInput,
    ProductSort, ProductStatus, Reservation, ReservationStatus, StockStatus,
};
use crate::error::Error;
use crate::store::ListCursor;

/// Who may call each method (see `platform::tls`): a service by its
/// certificate, a caller with a bearer token (the method checks its role),
/// or anyone. A method missing here is refused.
pub const ACCESS: &[(&str, platform::tls::Access)] = {
    use platform::tls::Access;
    &[
        (
            "/shop.product.v1.ProductService/GetProducts",
            Access::ServicesOrBearer(&["order", "user"]),
        ),
        (
            "/shop.product.v1.ProductService/CheckAvailability",
            Access::Services(&["order"]),
        ),
        (
            "/shop.product.v1.ProductService/ReserveStock",
            Access::Services(&["order"]),
        ),
        (
            "/shop.product.v1.ProductService/CommitReservation",
            Access::Services(&["order"]),
        ),
        (
            "/shop.product.v1.ProductService/ReleaseReservation",
            Access::Services(&["order"]),
        ),
        (
            "/shop.product.v1.ProductService/AdjustStock",
            Access::ServicesOrBearer(&["order"]),
        ),
        ("/shop.product.v1.ProductService/GetProduct", Access::Anyone),
        (
            "/shop.product.v1.ProductService/ListProducts",
            Access::Anyone,
        ),
        (
            "/shop.product.v1.ProductService/AddProduct",
            Access::ServicesOrBearer(&[]),
        ),
        (
            "/shop.product.v1.ProductService/UpdateProduct",
            Access::ServicesOrBearer(&[]),
        ),
        (
            "/shop.product.v1.ProductService/DeleteProduct",
            Access::ServicesOrBearer(&[]),
        ),
    ]
};

/// `ProductService` over the catalog use cases.
pub struct ProductGrpc {
    catalog: Arc<Catalog>,
    /// Checks the bearer token of staff writes, as GraphQL does.
    verifier: Arc<dyn TokenVerifier>,
}

impl ProductGrpc {
    /// The service over `catalog`, checking staff tokens with `verifier`.
    pub fn new(catalog: Arc<Catalog>, verifier: Arc<dyn TokenVerifier>) -> Self {
        Self { catalog, verifier }
    }
}

fn detail(product: Product) -> ProductDetail {
    let money = |minor| MoneyMessage {
        amount_minor: minor,
        currency: product.price.currency.to_string(),
    };
    ProductDetail {
        id: product.id.to_string(),
        slug: product.details.slug.clone(),
        brand: product.details.brand.clone().unwrap_or_default(),
        sku: product.details.sku.clone().unwrap_or_default(),
        price: Some(money(product.price.amount_minor)),
        compare_at_price: product.details.compare_at_minor.map(money),
        status: product.status.as_str().into(),
        deleted: product.deleted_at.is_some(),
        weight_grams: product.details.weight_grams,
        stock_status: match product.stock_status() {
            StockStatus::InStock => "IN_STOCK",
            StockStatus::LowStock => "LOW_STOCK",
            StockStatus::OutOfStock => "OUT_OF_STOCK",
        }
        .into(),
        available: product.available().max(0),
        rating_average: product.rating.average().unwrap_or(0.0),
        rating_count: product.rating.count,
        attributes: product
            .details
            .attributes
            .iter()
            .map(|(key, value)| AttributeMessage {
                key: key.clone(),
                value: Some(match value {
                    AttributeValue::Text(t) => AttributeValueMessage::Text(t.clone()),
                    AttributeValue::Number(n) => {
                        AttributeValueMessage::Number(n.as_f64().unwrap_or_default())
                    }
                    AttributeValue::Boolean(b) => AttributeValueMessage::Boolean(*b),
                }),
            })
            .collect(),
        created_at: product.created_at.timestamp(),
        updated_at: product.updated_at.timestamp(),
        name: product.name,
        description: product.description,
    }
}

fn attributes(messages: Vec<AttributeMessage>) -> Result<Vec<(String, AttributeValue)>, Status> {
    messages
        .into_iter()
        .map(|a| {
            let value = match a.value {
                Some(AttributeValueMessage::Text(t)) => AttributeValue::Text(t),
                Some(AttributeValueMessage::Number(n)) => AttributeValue::number(n)?,
                Some(AttributeValueMessage::Boolean(b)) => AttributeValue::Boolean(b),
                None => {
                    return Err(Error::invalid(
                        "attributes",
                        format!("attribute {:?} has no value", a.key),
                    )
                    .into());
                }
            };
            Ok((a.key, value))
        })
        .collect()
}

fn status(value: &str) -> Result<Option<ProductStatus>, Status> {
    match value {
        "" => Ok(None),
        other => ProductStatus::parse(other).map(Some).ok_or_else(|| {
            Error::invalid("status", "status must be DRAFT, ACTIVE or ARCHIVED").into()
        }),
    }
}

/// `""` is absent; anything else is a value.
fn non_empty(value: String) -> Option<String> {
    (!value.is_empty()).then_some(value)
}

/// An optional field where `""` clears: `None` keeps, `Some(None)` clears.
fn clearable(value: Option<String>) -> Option<Option<String>> {
    value.map(non_empty)
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
        // Prices and stock for carts and checkout: from the database, never
        // from the cache (Redis is not an authority on what a thing costs).
        let mut found = self.catalog.products_by_ids_uncached(&ids).await?;
        let mut response = GetProductsResponse::default();
        let mut seen = std::collections::HashSet::new();
        for id in ids.into_iter().filter(|id| seen.insert(*id)) {
            match found.remove(&id) {
                Some(product) => response.products.push(ProductMessage {
                    available: product.available(),
                    sku: product.details.sku.clone().unwrap_or_default(),
                    purchasable: product.is_public(),
                    weight_grams: product.details.weight_grams,
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
        // The order service restocks returns by its certificate; anyone else
        // needs a STAFF token, and the ledger records who it was.
        let from_order = request
            .extensions()
            .get::<platform::tls::Caller>()
            .is_some_and(|caller| caller.0 == Some("order"));
        let actor = if from_order {
            None
        } else {
            let caller = platform::auth::grpc_principal(&self.verifier, &request).await?;
            caller.require_role(platform::auth::Role::Staff)?;
            Some(caller.user_id)
        };
        let r = request.into_inner();
        let id = parse_id(&r.product_id)?;
        let reason = MovementReason::parse(&r.reason).ok_or_else(|| {
            Status::invalid_argument("reason must be RESTOCK, RETURN, DAMAGE or CORRECTION")
        })?;
        let product = self
            .catalog
            .adjust_stock_as(
                actor,
                id,
                r.delta,
                reason,
                Some(&r.note),
                Some(r.idempotency_key.as_str()).filter(|k| !k.is_empty()),
            )
            .await?;
        Ok(Response::new(StockLevel {
            product_id: id.to_string(),
            on_hand: product.on_hand,
            reserved: product.reserved,
            available: product.available(),
        }))
    }

    async fn get_product(
        &self,
        request: Request<GetProductRequest>,
    ) -> Result<Response<ProductDetail>, Status> {
        let id = parse_id(&request.into_inner().id)?;
        Ok(Response::new(detail(self.catalog.product(id).await?)))
    }

    async fn list_products(
        &self,
        request: Request<ListProductsRequest>,
    ) -> Result<Response<ListProductsResponse>, Status> {
        let r = request.into_inner();
        let category = non_empty(r.category_id)
            .map(|id| {
                Uuid::parse_str(&id)
                    .map_err(|_| Error::invalid("category_id", "category_id must be a UUID"))
            })
            .transpose()?;
        let price = non_empty(r.price_currency.clone()).map(|currency| {
            (
                currency,
                non_empty(r.price_min.clone()),
                non_empty(r.price_max.clone()),
            )
        });
        let filter = ProductFilter::parse(
            Some(&r.search),
            category,
            &r.brands,
            price
                .as_ref()
                .map(|(c, lo, hi)| (c.as_str(), lo.as_deref(), hi.as_deref())),
            Vec::new(),
            r.in_stock,
            r.min_rating,
        )?;
        let sort = match r.sort.as_str() {
            "" | "RELEVANCE" => ProductSort::Relevance,
            "PRICE_ASC" => ProductSort::PriceAsc,
            "PRICE_DESC" => ProductSort::PriceDesc,
            "NEWEST" => ProductSort::Newest,
            "RATING" => ProductSort::Rating,
            "BEST_SELLING" => ProductSort::BestSelling,
            _ => return Err(Error::invalid("sort", "unknown sort order").into()),
        };
        let after = non_empty(r.page_token)
            .map(|t| {
                ListCursor::decode(&t).ok_or_else(|| {
                    Error::invalid(
                        "page_token",
                        "page_token is not a token returned by this API",
                    )
                })
            })
            .transpose()?;
        let size = if r.page_size == 0 {
            20
        } else {
            i64::from(r.page_size)
        };
        let page = self
            .catalog
            .list(&filter, sort, size, after.as_ref())
            .await?;
        let next_page_token = match (page.has_next_page, page.products.last()) {
            (true, Some((_, cursor))) => cursor.encode(),
            _ => String::new(),
        };
        let counted = match page.count {
            Some(counted) => counted,
            None => self.catalog.count(&page.filter).await?,
        };
        Ok(Response::new(ListProductsResponse {
            total_count: counted.count,
            total_count_exact: counted.exact,
            products: page.products.into_iter().map(|(p, _)| detail(p)).collect(),
            next_page_token,
        }))
    }

    async fn add_product(
        &self,
        request: Request<AddProductRequest>,
    ) -> Result<Response<ProductDetail>, Status> {
        let caller = platform::auth::grpc_principal(&self.verifier, &request).await?;
        let r = request.into_inner();
        let product = NewProduct::from_input(&ProductInput {
            name: r.name,
            description: Some(r.description),
            price_amount: r.price_amount,
            currency: r.currency,
            stock: r.stock,
            low_stock_threshold: r.low_stock_threshold,
            details: DetailsInput {
                slug: non_empty(r.slug),
                brand: non_empty(r.brand),
                sku: non_empty(r.sku),
                compare_at_amount: non_empty(r.compare_at_amount),
                images: Vec::new(),
                weight_grams: r.weight_grams,
                attributes: attributes(r.attributes)?,
            },
            status: status(&r.status)?,
        })?;
        Ok(Response::new(detail(
            self.catalog.create_product(&caller, product).await?,
        )))
    }

    async fn update_product(
        &self,
        request: Request<UpdateProductRequest>,
    ) -> Result<Response<ProductDetail>, Status> {
        let caller = platform::auth::grpc_principal(&self.verifier, &request).await?;
        let r = request.into_inner();
        let id = parse_id(&r.id)?;
        let price = match (r.price_amount, r.currency) {
            (Some(amount), Some(currency)) => Some((amount, currency)),
            (None, None) => None,
            _ => {
                return Err(Error::invalid(
                    "price_amount",
                    "price_amount and currency go together",
                )
                .into());
            }
        };
        let changes = ProductChanges {
            name: r.name,
            description: r.description,
            price,
            low_stock_threshold: r.low_stock_threshold,
            slug: r.slug,
            brand: clearable(r.brand),
            sku: clearable(r.sku),
            compare_at_amount: clearable(r.compare_at_amount),
            images: None,
            weight_grams: r.weight_grams,
            status: r.status.as_deref().map(status).transpose()?.flatten(),
            attributes: r
                .replace_attributes
                .then(|| attributes(r.attributes))
                .transpose()?,
        };
        Ok(Response::new(detail(
            self.catalog.update_product(&caller, id, changes).await?,
        )))
    }

    async fn delete_product(
        &self,
        request: Request<DeleteProductRequest>,
    ) -> Result<Response<DeleteProductResponse>, Status> {
        let caller = platform::auth::grpc_principal(&self.verifier, &request).await?;
        let id = parse_id(&request.into_inner().id)?;
        self.catalog.delete_product(&caller, id).await?;
        Ok(Response::new(DeleteProductResponse {}))
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
