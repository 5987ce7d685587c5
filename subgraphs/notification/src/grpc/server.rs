//! The gRPC adapter: `NotificationService` over the [`Inbox`].

use std::sync::Arc;

use platform::auth::{TokenVerifier, grpc_principal};
use proto::notification::notification_service_server::NotificationService;
use proto::notification::{
    CountUnreadRequest, CountUnreadResponse, Delivery as DeliveryMessage, ListDeliveriesRequest,
    ListDeliveriesResponse,
};
use tonic::{Request, Response, Status};
use uuid::Uuid;

use crate::app::inbox::Inbox;
use crate::domain::Delivery;

/// Who may call each method (see `platform::tls`): a service by its
/// certificate, a caller with a bearer token (the method checks its role),
/// or anyone. A method missing here is refused.
pub const ACCESS: &[(&str, platform::tls::Access)] = {
    use platform::tls::Access;
    &[
        (
            "/shop.notification.v1.NotificationService/CountUnread",
            Access::ServicesOrBearer(&[]),
        ),
        (
            "/shop.notification.v1.NotificationService/ListDeliveries",
            Access::ServicesOrBearer(&[]),
        ),
    ]
};

/// `NotificationService` over the inbox use cases.
pub struct NotificationGrpc {
    inbox: Arc<Inbox>,
    verifier: Arc<dyn TokenVerifier>,
}

impl NotificationGrpc {
    /// The service over `inbox`, checking callers' tokens with `verifier`.
    pub fn new(inbox: Arc<Inbox>, verifier: Arc<dyn TokenVerifier>) -> Self {
        Self { inbox, verifier }
    }
}

fn parse_uuid(value: &str, field: &str) -> Result<Uuid, Status> {
    Uuid::parse_str(value).map_err(|_| Status::invalid_argument(format!("{field} must be a UUID")))
}

fn delivery_message(d: Delivery) -> DeliveryMessage {
    DeliveryMessage {
        id: d.id.to_string(),
        event_id: d.event_id.to_string(),
        channel: d.channel.as_str().to_string(),
        category: d.category.as_str().to_string(),
        kind: d.kind,
        subject: d.subject,
        status: d.status.as_str().to_string(),
        attempts: d.attempts,
        provider_message_id: d.provider_message_id,
        last_error: d.last_error,
        created_at: d.created_at.timestamp(),
        sent_at: d.sent_at.map(|t| t.timestamp()),
    }
}

#[tonic::async_trait]
impl NotificationService for NotificationGrpc {
    async fn count_unread(
        &self,
        request: Request<CountUnreadRequest>,
    ) -> Result<Response<CountUnreadResponse>, Status> {
        let caller = grpc_principal(&self.verifier, &request).await?;
        let user_id = parse_uuid(&request.get_ref().user_id, "user_id")?;
        if caller.user_id != user_id {
            caller
                .require_role(platform::auth::Role::Staff)
                .map_err(|e| Status::permission_denied(e.0))?;
        }
        let counts = self.inbox.unread_counts(&[user_id]).await?;
        Ok(Response::new(CountUnreadResponse {
            unread: counts.get(&user_id).copied().unwrap_or(0),
        }))
    }

    async fn list_deliveries(
        &self,
        request: Request<ListDeliveriesRequest>,
    ) -> Result<Response<ListDeliveriesResponse>, Status> {
        let caller = grpc_principal(&self.verifier, &request).await?;
        let request = request.into_inner();
        let user_id = parse_uuid(&request.user_id, "user_id")?;
        let limit = if request.limit == 0 {
            20
        } else {
            i64::from(request.limit)
        };
        let deliveries = self.inbox.deliveries(&caller, user_id, limit).await?;
        Ok(Response::new(ListDeliveriesResponse {
            deliveries: deliveries.into_iter().map(delivery_message).collect(),
        }))
    }
}
