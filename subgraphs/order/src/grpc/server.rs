//! The gRPC adapter: `OrderService` over the same use cases as GraphQL, and
//! the clients this service uses to call its peers.

use std::sync::Arc;

use platform::auth::{Role, TokenVerifier};
use platform::money::Money;
use proto::order::order_service_server::OrderService;
use proto::order::{
    CancelOrderRequest, CreateOrderRequest, GetOrderRequest, HasPurchasedRequest,
    HasPurchasedResponse, ListOrdersRequest, ListOrdersResponse, Money as MoneyMessage,
    Order as OrderMessage, OrderLine as OrderLineMessage, UpdateOrderRequest,
    create_order_request::Payment,
};
use tonic::{Request, Response, Status};
use uuid::Uuid;

use crate::app::Services;
use crate::app::checkout::{CheckoutRequest, PaymentChoice};
use crate::domain::{Order, OrderStatus};
use crate::error::Error;
use crate::store::OrderFilter;

/// Who may call each method (see `platform::tls`): a service by its
/// certificate, a caller with a bearer token (the method checks its role),
/// or anyone. A method missing here is refused.
pub const ACCESS: &[(&str, platform::tls::Access)] = {
    use platform::tls::Access;
    &[
        (
            "/shop.order.v1.OrderService/HasPurchased",
            Access::Services(&["product"]),
        ),
        (
            "/shop.order.v1.OrderService/CreateOrder",
            Access::ServicesOrBearer(&[]),
        ),
        (
            "/shop.order.v1.OrderService/UpdateOrder",
            Access::ServicesOrBearer(&[]),
        ),
        (
            "/shop.order.v1.OrderService/CancelOrder",
            Access::ServicesOrBearer(&[]),
        ),
        (
            "/shop.order.v1.OrderService/GetOrder",
            Access::ServicesOrBearer(&[]),
        ),
        (
            "/shop.order.v1.OrderService/ListOrders",
            Access::ServicesOrBearer(&[]),
        ),
    ]
};

/// `OrderService` over the same use cases as GraphQL.
pub struct OrderGrpc {
    services: Arc<Services>,
    verifier: Arc<dyn TokenVerifier>,
}

impl OrderGrpc {
    /// The service over `services`, checking tokens with `verifier`.
    pub fn new(services: Arc<Services>, verifier: Arc<dyn TokenVerifier>) -> Self {
        Self { services, verifier }
    }
}

fn uuid(value: &str, field: &'static str) -> Result<Uuid, Status> {
    Uuid::parse_str(value)
        .map_err(|_| Error::invalid(field, format!("{field} must be a UUID")).into())
}

fn money(m: &Money) -> Option<MoneyMessage> {
    Some(MoneyMessage {
        amount_minor: m.amount_minor,
        currency: m.currency.to_string(),
    })
}

fn order_message(order: Order) -> OrderMessage {
    OrderMessage {
        id: order.id.to_string(),
        user_id: order.user_id.to_string(),
        status: order.status.as_str().into(),
        lines: order
            .lines
            .iter()
            .map(|l| OrderLineMessage {
                product_id: l.product_id.to_string(),
                product_name: l.product_name.clone(),
                sku: l.sku.clone().unwrap_or_default(),
                quantity: l.quantity,
                unit_price: money(&l.unit_price),
            })
            .collect(),
        subtotal: money(&order.subtotal),
        shipping: money(&order.shipping),
        tax: money(&order.tax),
        total: money(&order.total),
        created_at: order.created_at.timestamp(),
        updated_at: order.updated_at.timestamp(),
    }
}

fn status(value: &str) -> Result<OrderStatus, Status> {
    OrderStatus::parse(value)
        .ok_or_else(|| Error::invalid("status", format!("unknown order status {value:?}")).into())
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
        let purchased = self
            .services
            .ordering
            .has_purchased(user_id, product_id)
            .await?;
        Ok(Response::new(HasPurchasedResponse { purchased }))
    }

    async fn create_order(
        &self,
        request: Request<CreateOrderRequest>,
    ) -> Result<Response<OrderMessage>, Status> {
        let caller = platform::auth::grpc_principal(&self.verifier, &request).await?;
        let r = request.into_inner();
        let payment = match r.payment {
            Some(Payment::PaymentToken(token)) => PaymentChoice::Token(token),
            Some(Payment::SavedPaymentMethodId(id)) => {
                PaymentChoice::Saved(uuid(&id, "saved_payment_method_id")?)
            }
            None => {
                return Err(Error::invalid(
                    "payment",
                    "set payment_token or saved_payment_method_id",
                )
                .into());
            }
        };
        let order = self
            .services
            .checkout
            .checkout(
                &caller,
                CheckoutRequest {
                    idempotency_key: r.idempotency_key,
                    shipping_address_id: uuid(&r.shipping_address_id, "shipping_address_id")?,
                    payment,
                },
            )
            .await?;
        Ok(Response::new(order_message(order)))
    }

    async fn update_order(
        &self,
        request: Request<UpdateOrderRequest>,
    ) -> Result<Response<OrderMessage>, Status> {
        let caller = platform::auth::grpc_principal(&self.verifier, &request).await?;
        let r = request.into_inner();
        let order_id = uuid(&r.order_id, "order_id")?;
        let aftercare = &self.services.aftercare;
        let order = match status(&r.status)? {
            OrderStatus::Shipped => {
                aftercare
                    .ship(&caller, order_id, &r.carrier, &r.tracking_number)
                    .await?
            }
            to @ (OrderStatus::Fulfilling | OrderStatus::Delivered | OrderStatus::Completed) => {
                aftercare.move_to(&caller, order_id, to, None).await?
            }
            other => {
                return Err(Error::invalid(
                    "status",
                    format!(
                        "UpdateOrder moves an order to FULFILLING, SHIPPED, DELIVERED or COMPLETED, not {}; use CancelOrder or the return mutations",
                        other.as_str()
                    ),
                )
                .into());
            }
        };
        Ok(Response::new(order_message(order)))
    }

    async fn cancel_order(
        &self,
        request: Request<CancelOrderRequest>,
    ) -> Result<Response<OrderMessage>, Status> {
        let caller = platform::auth::grpc_principal(&self.verifier, &request).await?;
        let r = request.into_inner();
        let order_id = uuid(&r.order_id, "order_id")?;
        let reason = Some(r.reason.as_str()).filter(|r| !r.trim().is_empty());
        let order = self
            .services
            .aftercare
            .cancel(&caller, order_id, reason)
            .await?;
        Ok(Response::new(order_message(order)))
    }

    async fn get_order(
        &self,
        request: Request<GetOrderRequest>,
    ) -> Result<Response<OrderMessage>, Status> {
        let caller = platform::auth::grpc_principal(&self.verifier, &request).await?;
        let order_id = uuid(&request.into_inner().order_id, "order_id")?;
        let order = self.services.ordering.order_for(&caller, order_id).await?;
        Ok(Response::new(order_message(order)))
    }

    async fn list_orders(
        &self,
        request: Request<ListOrdersRequest>,
    ) -> Result<Response<ListOrdersResponse>, Status> {
        let caller = platform::auth::grpc_principal(&self.verifier, &request).await?;
        let r = request.into_inner();
        let user_id = match r.user_id.as_str() {
            "" if caller.has_role(Role::Staff) => None,
            "" => Some(caller.user_id),
            id => {
                let id = uuid(id, "user_id")?;
                caller.require_self_or_staff(id)?;
                Some(id)
            }
        };
        let page_size = match r.page_size {
            0 => 20,
            n if (1..=100).contains(&n) => n,
            _ => return Err(Error::invalid("page_size", "page_size must be 1 to 100").into()),
        };
        let filter = OrderFilter {
            user_id,
            statuses: r
                .statuses
                .iter()
                .map(|s| status(s))
                .collect::<Result<Vec<_>, _>>()?,
            after: match r.page_token.as_str() {
                "" => None,
                token => Some(uuid(token, "page_token")?),
            },
            ..OrderFilter::default()
        };
        let (orders, more) = self
            .services
            .ordering
            .page(&filter, page_size.into())
            .await?;
        let next_page_token = match (more, orders.last()) {
            (true, Some(last)) => last.id.to_string(),
            _ => String::new(),
        };
        Ok(Response::new(ListOrdersResponse {
            orders: orders.into_iter().map(order_message).collect(),
            next_page_token,
        }))
    }
}
