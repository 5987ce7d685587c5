//! The gRPC adapter: `UserService` over [`Accounts`].

use std::sync::Arc;

use proto::user::user_service_server::UserService;
use proto::user::{GetUserRequest, User as UserMessage, VerifyTokenRequest, VerifyTokenResponse};
use tonic::{Request, Response, Status};
use uuid::Uuid;

use crate::accounts::Accounts;
use crate::domain::User;

pub struct UserGrpc {
    accounts: Arc<Accounts>,
}

impl UserGrpc {
    pub fn new(accounts: Arc<Accounts>) -> Self {
        Self { accounts }
    }
}

fn user_message(user: User) -> UserMessage {
    UserMessage {
        id: user.id.to_string(),
        email: user.email,
        name: user.name,
        roles: user.roles.into_iter().map(|r| r.to_proto() as i32).collect(),
        active: user.active,
    }
}

#[tonic::async_trait]
impl UserService for UserGrpc {
    async fn verify_token(&self, request: Request<VerifyTokenRequest>) -> Result<Response<VerifyTokenResponse>, Status> {
        let principal = self.accounts.verify_token(&request.into_inner().token).await?;
        Ok(Response::new(VerifyTokenResponse {
            user_id: principal.user_id.to_string(),
            roles: principal.roles.iter().map(|r| r.to_proto() as i32).collect(),
            session_id: principal.session_id.to_string(),
            expires_at: principal.expires_at,
        }))
    }

    async fn get_user(&self, request: Request<GetUserRequest>) -> Result<Response<UserMessage>, Status> {
        let id = Uuid::parse_str(&request.into_inner().user_id)
            .map_err(|_| Status::invalid_argument("user_id must be a UUID"))?;
        let user = self.accounts.get_user(id).await?;
        Ok(Response::new(user_message(user)))
    }
}
