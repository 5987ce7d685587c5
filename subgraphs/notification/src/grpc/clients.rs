//! Calls from the notification service to the user service, the authority
//! on people: contact details are asked for when needed, never copied.

use futures::future::BoxFuture;
use platform::ApiError;
use platform::ErrorCode;
use platform::breaker::GuardedChannel as Channel;
use proto::user::user_service_client::UserServiceClient;
use proto::user::{
    GetUserRequest, ListUsersWithRoleRequest, ListWishlistersRequest, Role as ProtoRole,
    User as UserMessage,
};
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::ports::{Contact, Users};

/// Users fetched per page of a directory listing.
const PAGE: u32 = 500;

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
        Ok(Self {
            client: UserServiceClient::new(platform::server::lazy_channel(
                url, "user", tls, peers,
            )?),
        })
    }

    /// Every page of a listing, `fetch(after_id)` giving one.
    async fn all<F, Fut>(&self, mut fetch: F) -> Result<Vec<Contact>>
    where
        F: FnMut(String) -> Fut,
        Fut: std::future::Future<Output = Result<Vec<UserMessage>, tonic::Status>>,
    {
        let mut found = Vec::new();
        let mut after = String::new();
        loop {
            let page = fetch(after.clone()).await.map_err(peer)?;
            let full = page.len() as u32 == PAGE;
            if let Some(last) = page.last() {
                after = last.id.clone();
            }
            for user in page {
                found.push(contact(user)?);
            }
            if !full {
                return Ok(found);
            }
        }
    }
}

fn peer(status: tonic::Status) -> Error {
    Error::Peer(ApiError::from_status("user", &status))
}

fn contact(user: UserMessage) -> Result<Contact> {
    Ok(Contact {
        user_id: Uuid::parse_str(&user.id)
            .map_err(|_| Error::Internal(anyhow::anyhow!("user service sent id {:?}", user.id)))?,
        name: user.name,
        email: user.email,
        phone: user.phone,
        locale: user.locale,
        marketing_opt_in: user.marketing_opt_in,
        active: user.active,
    })
}

impl Users for UserDirectory {
    fn contact(&self, user_id: Uuid) -> BoxFuture<'_, Result<Option<Contact>>> {
        Box::pin(async move {
            match self
                .client
                .clone()
                .get_user(GetUserRequest {
                    user_id: user_id.to_string(),
                })
                .await
            {
                Ok(user) => Ok(Some(contact(user.into_inner())?)),
                Err(status) => {
                    let error = ApiError::from_status("user", &status);
                    if error.code == ErrorCode::NotFound {
                        Ok(None)
                    } else {
                        Err(Error::Peer(error))
                    }
                }
            }
        })
    }

    fn staff(&self) -> BoxFuture<'_, Result<Vec<Contact>>> {
        Box::pin(self.all(|after_id| {
            let mut client = self.client.clone();
            async move {
                Ok(client
                    .list_users_with_role(ListUsersWithRoleRequest {
                        role: ProtoRole::Staff as i32,
                        after_id,
                        limit: PAGE,
                    })
                    .await?
                    .into_inner()
                    .users)
            }
        }))
    }

    fn wishlisters(&self, product_id: Uuid) -> BoxFuture<'_, Result<Vec<Contact>>> {
        Box::pin(self.all(move |after_id| {
            let mut client = self.client.clone();
            async move {
                Ok(client
                    .list_wishlisters(ListWishlistersRequest {
                        product_id: product_id.to_string(),
                        after_id,
                        limit: PAGE,
                    })
                    .await?
                    .into_inner()
                    .users)
            }
        }))
    }
}
