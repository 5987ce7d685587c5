//! Calls to the other services.

use futures::future::BoxFuture;
use platform::breaker::GuardedChannel as Channel;
use proto::order::HasPurchasedRequest;
use proto::order::order_service_client::OrderServiceClient;
use uuid::Uuid;

use crate::ports::PurchaseHistory;

/// `OrderService.HasPurchased`, for verified reviews.
pub struct OrderPurchases {
    client: OrderServiceClient<Channel>,
}

impl OrderPurchases {
    /// Connects lazily: the product service starts before (or without) order.
    pub fn new(
        order_grpc_url: &str,
        tls: &platform::tls::GrpcTls,
        peers: &platform::breaker::PeerSettings,
    ) -> anyhow::Result<Self> {
        Ok(Self {
            client: OrderServiceClient::new(platform::server::lazy_channel(
                order_grpc_url,
                "order",
                tls,
                peers,
            )?),
        })
    }
}

impl PurchaseHistory for OrderPurchases {
    fn has_purchased(&self, user: Uuid, product: Uuid) -> BoxFuture<'_, anyhow::Result<bool>> {
        let mut client = self.client.clone();
        Box::pin(async move {
            let response = client
                .has_purchased(HasPurchasedRequest {
                    user_id: user.to_string(),
                    product_id: product.to_string(),
                })
                .await
                .map_err(|status| anyhow::anyhow!("order service: {status}"))?;
            Ok(response.into_inner().purchased)
        })
    }
}
