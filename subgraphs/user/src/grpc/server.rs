//! The gRPC adapter: `UserService` over [`Accounts`].

use std::sync::Arc;

use platform::auth::Role;
use proto::user::user_service_server::UserService;
use proto::user::{
    Address as AddressMessage, GetAddressRequest, GetUserRequest, GetUsersRequest,
    GetUsersResponse, ListUsersWithRoleRequest, ListWishlistersRequest, LoginRequest,
    LoginResponse, RegisterRequest, Role as ProtoRole, UpdateProfileRequest, User as UserMessage,
    VerifyTokenRequest, VerifyTokenResponse,
};
use tonic::{Request, Response, Status};
use uuid::Uuid;

use crate::app::accounts::{Accounts, ProfileInput};
use crate::domain::{Address, User};

/// Who may call each method (see `platform::tls`): a service by its
/// certificate, a caller with a bearer token (the method checks its role),
/// or anyone. A method missing here is refused.
pub const ACCESS: &[(&str, platform::tls::Access)] = {
    use platform::tls::Access;
    &[
        ("/shop.user.v1.UserService/Register", Access::Anyone),
        ("/shop.user.v1.UserService/Login", Access::Anyone),
        (
            "/shop.user.v1.UserService/VerifyToken",
            Access::Services(&["product", "order", "notification"]),
        ),
        (
            "/shop.user.v1.UserService/GetUser",
            Access::Services(&["order", "notification"]),
        ),
        (
            "/shop.user.v1.UserService/GetUsers",
            Access::Services(&["order", "notification"]),
        ),
        (
            "/shop.user.v1.UserService/UpdateProfile",
            Access::ServicesOrBearer(&[]),
        ),
        (
            "/shop.user.v1.UserService/GetAddress",
            Access::Services(&["order", "notification"]),
        ),
        (
            "/shop.user.v1.UserService/ListUsersWithRole",
            Access::Services(&["notification"]),
        ),
        (
            "/shop.user.v1.UserService/ListWishlisters",
            Access::Services(&["notification"]),
        ),
    ]
};

/// `UserService` over the account use cases.
pub struct UserGrpc {
    accounts: Arc<Accounts>,
}

impl UserGrpc {
    /// The service over `accounts`.
    pub fn new(accounts: Arc<Accounts>) -> Self {
        Self { accounts }
    }
}

/// A page request: the id to start after (empty for none) and a limit of
/// 1 to 1000 (0 means 100).
fn page(after_id: &str, limit: u32) -> Result<(Option<Uuid>, i64), Status> {
    let after = if after_id.is_empty() {
        None
    } else {
        Some(parse_uuid(after_id, "after_id")?)
    };
    match limit {
        0 => Ok((after, 100)),
        1..=1000 => Ok((after, i64::from(limit))),
        _ => Err(Status::invalid_argument("limit must be at most 1000")),
    }
}

fn user_message(user: User) -> UserMessage {
    UserMessage {
        id: user.id.to_string(),
        email: user.email,
        name: user.name,
        roles: user
            .roles
            .into_iter()
            .map(|r| r.to_proto() as i32)
            .collect(),
        active: user.active,
        phone: user.phone,
        avatar_url: user.avatar_url,
        locale: user.locale,
        marketing_opt_in: user.marketing_opt_in,
    }
}

fn address_message(address: Address) -> AddressMessage {
    let f = address.fields;
    AddressMessage {
        id: address.id.to_string(),
        user_id: address.user_id.to_string(),
        recipient: f.recipient,
        line1: f.line1,
        line2: f.line2,
        city: f.city,
        region: f.region,
        postal_code: f.postal_code,
        country: f.country,
        phone: f.phone,
        is_default: address.is_default,
    }
}

fn parse_uuid(value: &str, field: &str) -> Result<Uuid, Status> {
    Uuid::parse_str(value).map_err(|_| Status::invalid_argument(format!("{field} must be a UUID")))
}

/// `Some("")` clears a field, `Some(v)` sets it, `None` keeps it.
fn clearable(value: Option<String>) -> Option<Option<String>> {
    value.map(|v| if v.is_empty() { None } else { Some(v) })
}

#[tonic::async_trait]
impl UserService for UserGrpc {
    async fn register(
        &self,
        request: Request<RegisterRequest>,
    ) -> Result<Response<UserMessage>, Status> {
        let r = request.into_inner();
        let user = self
            .accounts
            .register(
                r.email.as_deref(),
                r.phone.as_deref(),
                &r.password,
                &r.name,
                None,
            )
            .await?;
        Ok(Response::new(user_message(user)))
    }

    async fn login(
        &self,
        request: Request<LoginRequest>,
    ) -> Result<Response<LoginResponse>, Status> {
        // `client_ip` is believed only from a service (a front end that
        // saw the client); anyone else is throttled by the address their
        // own connection comes from.
        let from_service = request
            .extensions()
            .get::<platform::tls::Caller>()
            .is_some_and(|caller| caller.0.is_some());
        let peer = request
            .extensions()
            .get::<tonic::transport::server::TlsConnectInfo<tonic::transport::server::TcpConnectInfo>>()
            .and_then(|info| info.get_ref().remote_addr())
            .map(|addr| addr.ip().to_string());
        let r = request.into_inner();
        let claimed = Some(r.client_ip).filter(|ip| ip.parse::<std::net::IpAddr>().is_ok());
        let ip = if from_service { claimed.or(peer) } else { peer };
        let logged_in = self
            .accounts
            .login(
                r.email.as_deref(),
                r.phone.as_deref(),
                &r.password,
                ip.as_deref(),
            )
            .await?;
        Ok(Response::new(LoginResponse {
            access_token: logged_in.token.token,
            expires_at: logged_in.token.expires_at,
            refresh_token: logged_in.refresh_token,
            refresh_expires_at: logged_in.refresh_expires_at.timestamp(),
            user: Some(user_message(logged_in.user)),
        }))
    }

    async fn verify_token(
        &self,
        request: Request<VerifyTokenRequest>,
    ) -> Result<Response<VerifyTokenResponse>, Status> {
        let principal = self
            .accounts
            .verify_token(&request.into_inner().token)
            .await?;
        Ok(Response::new(VerifyTokenResponse {
            user_id: principal.user_id.to_string(),
            roles: principal
                .roles
                .iter()
                .map(|r| r.to_proto() as i32)
                .collect(),
            session_id: principal.session_id.to_string(),
            expires_at: principal.expires_at,
        }))
    }

    async fn get_user(
        &self,
        request: Request<GetUserRequest>,
    ) -> Result<Response<UserMessage>, Status> {
        let id = parse_uuid(&request.into_inner().user_id, "user_id")?;
        Ok(Response::new(user_message(
            self.accounts.get_user(id).await?,
        )))
    }

    async fn get_users(
        &self,
        request: Request<GetUsersRequest>,
    ) -> Result<Response<GetUsersResponse>, Status> {
        let ids = request
            .into_inner()
            .user_ids
            .iter()
            .map(|id| parse_uuid(id, "user_ids"))
            .collect::<Result<Vec<_>, _>>()?;
        if ids.len() > 1000 {
            return Err(Status::invalid_argument("at most 1000 user_ids per call"));
        }
        let mut found = self.accounts.users_by_ids(&ids).await?;
        let users = ids
            .iter()
            .filter_map(|id| found.remove(id))
            .map(user_message)
            .collect();
        Ok(Response::new(GetUsersResponse { users }))
    }

    async fn list_users_with_role(
        &self,
        request: Request<ListUsersWithRoleRequest>,
    ) -> Result<Response<GetUsersResponse>, Status> {
        let request = request.into_inner();
        let role = match ProtoRole::try_from(request.role) {
            Ok(ProtoRole::Customer) => Role::Customer,
            Ok(ProtoRole::Staff) => Role::Staff,
            Ok(ProtoRole::Admin) => Role::Admin,
            _ => {
                return Err(Status::invalid_argument(
                    "role must be CUSTOMER, STAFF or ADMIN",
                ));
            }
        };
        let (after, limit) = page(&request.after_id, request.limit)?;
        let users = self.accounts.users_with_role(role, after, limit).await?;
        Ok(Response::new(GetUsersResponse {
            users: users.into_iter().map(user_message).collect(),
        }))
    }

    async fn list_wishlisters(
        &self,
        request: Request<ListWishlistersRequest>,
    ) -> Result<Response<GetUsersResponse>, Status> {
        let request = request.into_inner();
        let product_id = parse_uuid(&request.product_id, "product_id")?;
        let (after, limit) = page(&request.after_id, request.limit)?;
        let users = self.accounts.wishlisters(product_id, after, limit).await?;
        Ok(Response::new(GetUsersResponse {
            users: users.into_iter().map(user_message).collect(),
        }))
    }

    async fn update_profile(
        &self,
        request: Request<UpdateProfileRequest>,
    ) -> Result<Response<UserMessage>, Status> {
        let r = request.into_inner();
        let principal = self.accounts.verify_token(&r.access_token).await?;
        let input = ProfileInput {
            name: r.name,
            avatar_url: clearable(r.avatar_url),
            phone: clearable(r.phone),
            locale: clearable(r.locale),
            marketing_opt_in: r.marketing_opt_in,
        };
        Ok(Response::new(user_message(
            self.accounts.update_profile(&principal, input).await?,
        )))
    }

    async fn get_address(
        &self,
        request: Request<GetAddressRequest>,
    ) -> Result<Response<AddressMessage>, Status> {
        let r = request.into_inner();
        let user_id = parse_uuid(&r.user_id, "user_id")?;
        let address_id = parse_uuid(&r.address_id, "address_id")?;
        Ok(Response::new(address_message(
            self.accounts.address(user_id, address_id).await?,
        )))
    }
}
