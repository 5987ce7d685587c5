//! The user subgraph on its own: a fresh database, the service on free ports,
//! requests over HTTP (GraphQL) and gRPC.

use std::time::Duration;

use platform::db::USER_DB;
use platform::testing::TestDatabase;
use proto::user::user_service_client::UserServiceClient;
use proto::user::{GetUserRequest, Role, VerifyTokenRequest};
use serde_json::{Value, json};

struct TestApp {
    http: String,
    grpc: String,
    db: TestDatabase,
    stop: tokio::sync::oneshot::Sender<()>,
}

async fn spawn_app() -> TestApp {
    let db = TestDatabase::create().await.unwrap();
    let app = user::Application::build(user::Config {
        http_addr: "127.0.0.1:0".parse().unwrap(),
        grpc_addr: "127.0.0.1:0".parse().unwrap(),
        database: db.service_options(&USER_DB),
        jwt: user::config::JwtConfig {
            issuer: "shop-test".into(),
            audience: "shop".into(),
            access_ttl: Duration::from_secs(900),
            refresh_ttl: Duration::from_secs(3600),
            private_key_file: None,
            data_dir: std::env::temp_dir().join(format!("shop-user-test-{}", uuid::Uuid::new_v4())),
            production: false,
        },
        hash_concurrency: 2,
        // No Redis (throttling counts in-process, per test) and no product
        // service (wishlists are tested end to end through the router).
        redis_url: "redis://127.0.0.1:1".into(),
        product_grpc_url: "http://127.0.0.1:1".into(),
        password_reset_url: "https://shop.test/reset".into(),
    })
    .await
    .unwrap();
    let (http, grpc) = (format!("http://{}/graphql", app.http_addr()), format!("http://{}", app.grpc_addr()));
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(app.run_until_stopped(async move {
        let _ = stopped.await;
    }));
    TestApp { http, grpc, db, stop }
}

impl TestApp {
    async fn graphql(&self, token: Option<&str>, query: &str, variables: Value) -> Value {
        let mut request = reqwest::Client::new().post(&self.http).json(&json!({ "query": query, "variables": variables }));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        request.send().await.unwrap().json().await.unwrap()
    }

    async fn register(&self, email: &str, password: &str) -> Value {
        self.graphql(None, "mutation($e: String!, $p: String!) { register(email: $e, password: $p, name: \"Ada\") { id email roles } }", json!({ "e": email, "p": password }))
            .await
    }

    async fn login(&self, email: &str, password: &str) -> Value {
        self.graphql(None, "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken tokenType user { id } } }", json!({ "e": email, "p": password }))
            .await
    }

    async fn finish(self) {
        let _ = self.stop.send(());
        tokio::time::sleep(Duration::from_millis(50)).await;
        self.db.drop_database().await.unwrap();
    }
}

fn code(response: &Value) -> &str {
    response["errors"][0]["extensions"]["code"].as_str().unwrap_or("<none>")
}

#[tokio::test]
async fn registering_the_same_email_twice_is_a_conflict_whatever_its_case() {
    let app = spawn_app().await;
    let first = app.register("ada@example.com", "correct horse").await;
    assert_eq!(first["data"]["register"]["roles"], json!(["CUSTOMER"]), "{first}");
    let second = app.register("  ADA@example.com ", "another password").await;
    assert_eq!(code(&second), "CONFLICT", "{second}");
    app.finish().await;
}

#[tokio::test]
async fn an_unknown_email_and_a_wrong_password_get_the_same_answer() {
    let app = spawn_app().await;
    app.register("ada@example.com", "correct horse").await;
    let wrong_password = app.login("ada@example.com", "wrong horse").await;
    let unknown_user = app.login("nobody@example.com", "wrong horse").await;
    assert_eq!(code(&wrong_password), "UNAUTHENTICATED");
    assert_eq!(wrong_password["errors"][0]["message"], unknown_user["errors"][0]["message"]);
    assert_eq!(wrong_password["errors"][0]["extensions"], unknown_user["errors"][0]["extensions"]);
    app.finish().await;
}

#[tokio::test]
async fn a_login_token_verifies_over_grpc_and_me_returns_the_user() {
    let app = spawn_app().await;
    let id = app.register("ada@example.com", "correct horse").await["data"]["register"]["id"].as_str().unwrap().to_string();
    let login = app.login("Ada@Example.com", "correct horse").await;
    let token = login["data"]["login"]["accessToken"].as_str().unwrap().to_string();
    assert_eq!(login["data"]["login"]["tokenType"], "Bearer");

    let me = app.graphql(Some(&token), "{ me { id email name } }", json!({})).await;
    assert_eq!(me["data"]["me"], json!({ "id": id, "email": "ada@example.com", "name": "Ada" }));

    let mut client = UserServiceClient::connect(app.grpc.clone()).await.unwrap();
    let verified = client.verify_token(VerifyTokenRequest { token: token.clone() }).await.unwrap().into_inner();
    assert_eq!(verified.user_id, id);
    assert_eq!(verified.roles, vec![Role::Customer as i32]);
    assert!(verified.expires_at > 0);

    let tampered = format!("{}x", &token[..token.len() - 1]);
    let rejected = client.verify_token(VerifyTokenRequest { token: tampered }).await.unwrap_err();
    assert_eq!(rejected.code(), tonic::Code::Unauthenticated);

    let user = client.get_user(GetUserRequest { user_id: id.clone() }).await.unwrap().into_inner();
    assert_eq!((user.email.as_deref(), user.active), (Some("ada@example.com"), true));
    let missing = client.get_user(GetUserRequest { user_id: uuid::Uuid::now_v7().to_string() }).await.unwrap_err();
    assert_eq!(missing.code(), tonic::Code::NotFound);
    let malformed = client.get_user(GetUserRequest { user_id: "x".into() }).await.unwrap_err();
    assert_eq!(malformed.code(), tonic::Code::InvalidArgument);
    app.finish().await;
}

#[tokio::test]
async fn a_deactivated_users_token_stops_verifying_and_they_cannot_log_in() {
    let app = spawn_app().await;
    app.register("ada@example.com", "correct horse").await;
    let token = app.login("ada@example.com", "correct horse").await["data"]["login"]["accessToken"].as_str().unwrap().to_string();
    let admin = app.db.admin_pool().await.unwrap();
    sqlx::query("UPDATE users.users SET active = false").execute(&admin).await.unwrap();
    admin.close().await;

    let mut client = UserServiceClient::connect(app.grpc.clone()).await.unwrap();
    let rejected = client.verify_token(VerifyTokenRequest { token }).await.unwrap_err();
    assert_eq!(rejected.code(), tonic::Code::Unauthenticated);
    assert_eq!(code(&app.login("ada@example.com", "correct horse").await), "UNAUTHENTICATED");
    app.finish().await;
}

// ---- Sessions ----------------------------------------------------------------

const LOGIN: &str = "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken refreshToken } }";
const REFRESH: &str = "mutation($r: String!) { refreshSession(refreshToken: $r) { accessToken refreshToken } }";

impl TestApp {
    /// `(access, refresh)` for a fresh login.
    async fn session(&self, email: &str) -> (String, String) {
        let login = self.graphql(None, LOGIN, json!({ "e": email, "p": "correct horse" })).await;
        let tokens = &login["data"]["login"];
        (tokens["accessToken"].as_str().unwrap().into(), tokens["refreshToken"].as_str().unwrap().into())
    }

    async fn refresh(&self, refresh_token: &str) -> Value {
        self.graphql(None, REFRESH, json!({ "r": refresh_token })).await
    }

    async fn verifies(&self, access_token: &str) -> bool {
        let mut client = UserServiceClient::connect(self.grpc.clone()).await.unwrap();
        client.verify_token(VerifyTokenRequest { token: access_token.into() }).await.is_ok()
    }
}

#[tokio::test]
async fn a_refresh_rotates_both_tokens_and_the_old_refresh_token_is_spent() {
    let app = spawn_app().await;
    app.register("ada@example.com", "correct horse").await;
    let (access, refresh) = app.session("ada@example.com").await;

    let rotated = app.refresh(&refresh).await;
    let new_access = rotated["data"]["refreshSession"]["accessToken"].as_str().unwrap_or_else(|| panic!("{rotated}")).to_string();
    let new_refresh = rotated["data"]["refreshSession"]["refreshToken"].as_str().unwrap().to_string();
    assert_ne!(new_refresh, refresh);
    assert_ne!(new_access, access);
    assert!(app.verifies(&new_access).await);

    // The next rotation works from the new token...
    let again = app.refresh(&new_refresh).await;
    assert!(again["data"]["refreshSession"]["refreshToken"].is_string(), "{again}");
    app.finish().await;
}

#[tokio::test]
async fn reusing_a_spent_refresh_token_revokes_the_whole_session() {
    let app = spawn_app().await;
    app.register("ada@example.com", "correct horse").await;
    let (_, stolen) = app.session("ada@example.com").await;
    let (other_device, _) = app.session("ada@example.com").await;

    // The legitimate client rotates; then the thief replays the old token.
    let rotated = app.refresh(&stolen).await;
    let (access, refresh) = (
        rotated["data"]["refreshSession"]["accessToken"].as_str().unwrap().to_string(),
        rotated["data"]["refreshSession"]["refreshToken"].as_str().unwrap().to_string(),
    );
    let replay = app.refresh(&stolen).await;
    assert_eq!(code(&replay), "UNAUTHENTICATED", "{replay}");

    // Every token of that family is now dead...
    assert!(!app.verifies(&access).await, "the family's access token must stop verifying");
    assert_eq!(code(&app.refresh(&refresh).await), "UNAUTHENTICATED");
    // ...but the user's other sessions are untouched.
    assert!(app.verifies(&other_device).await);
    assert_eq!(code(&app.refresh("not-a-token").await), "UNAUTHENTICATED");
    app.finish().await;
}

#[tokio::test]
async fn logout_ends_one_session_and_logout_everywhere_ends_them_all() {
    let app = spawn_app().await;
    app.register("ada@example.com", "correct horse").await;
    let (phone, phone_refresh) = app.session("ada@example.com").await;
    let (laptop, _) = app.session("ada@example.com").await;
    let (tablet, _) = app.session("ada@example.com").await;

    let logout = app.graphql(Some(&phone), "mutation { logout }", json!({})).await;
    assert_eq!(logout["data"]["logout"], true, "{logout}");
    assert!(!app.verifies(&phone).await);
    assert_eq!(code(&app.refresh(&phone_refresh).await), "UNAUTHENTICATED");
    assert!(app.verifies(&laptop).await);

    let everywhere = app.graphql(Some(&laptop), "mutation { logoutEverywhere }", json!({})).await;
    assert_eq!(everywhere["data"]["logoutEverywhere"], 2, "laptop and tablet were open: {everywhere}");
    assert!(!app.verifies(&laptop).await);
    assert!(!app.verifies(&tablet).await);
    let anonymous = app.graphql(None, "mutation { logout }", json!({})).await;
    assert_eq!(code(&anonymous), "UNAUTHENTICATED");
    app.finish().await;
}

#[tokio::test]
async fn the_jwks_endpoint_publishes_the_key_that_verifies_access_tokens() {
    let app = spawn_app().await;
    app.register("ada@example.com", "correct horse").await;
    let (access, _) = app.session("ada@example.com").await;
    let jwks_url = app.http.replace("/graphql", "/.well-known/jwks.json");
    let jwks: Value = reqwest::get(&jwks_url).await.unwrap().json().await.unwrap();
    let key = &jwks["keys"][0];
    assert_eq!((key["kty"].as_str(), key["crv"].as_str(), key["alg"].as_str()), (Some("OKP"), Some("Ed25519"), Some("EdDSA")));
    let header = jsonwebtoken::decode_header(&access).unwrap();
    assert_eq!(header.kid.as_deref(), key["kid"].as_str());

    let decoding = jsonwebtoken::DecodingKey::from_ed_components(key["x"].as_str().unwrap()).unwrap();
    let mut validation = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::EdDSA);
    validation.set_audience(&["shop"]);
    validation.set_issuer(&["shop-test"]);
    let claims = jsonwebtoken::decode::<Value>(&access, &decoding, &validation).expect("the published key verifies the token");
    assert!(claims.claims["sid"].is_string() && claims.claims["jti"].is_string() && claims.claims["roles"] == json!(["CUSTOMER"]));
    app.finish().await;
}
