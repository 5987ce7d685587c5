//! Calls from the user service to its peers, implementing [`crate::ports`].

use futures::future::BoxFuture;
use platform::ApiError;
use platform::breaker::GuardedChannel as Channel;
use proto::product::GetProductsRequest;
use proto::product::product_service_client::ProductServiceClient;
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::ports::Products;

/// [`Products`] over gRPC: `ProductService.GetProducts` on the product
/// service.
#[derive(Clone)]
pub struct ProductDirectory {
    client: ProductServiceClient<Channel>,
}

impl ProductDirectory {
    /// `url` is e.g. `http://127.0.0.1:50052`. Connects lazily.
    pub fn new(
        url: &str,
        tls: &platform::tls::GrpcTls,
        peers: &platform::breaker::PeerSettings,
    ) -> anyhow::Result<Self> {
        let channel = platform::server::lazy_channel(url, "product", tls, peers)?;
        Ok(Self {
            client: ProductServiceClient::new(channel),
        })
    }
}

impl Products for ProductDirectory {
    fn on_sale(&self, id: Uuid) -> BoxFuture<'_, Result<bool>> {
        Box::pin(async move {
            let response = self
                .client
                .clone()
                .get_products(GetProductsRequest {
                    ids: vec![id.to_string()],
                })
                .await
                .map_err(|status| Error::Peer(ApiError::from_status("product", &status)))?;
            Ok(response.into_inner().products.iter().any(|p| p.purchasable))
        })
    }
}
