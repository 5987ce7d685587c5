//! The user subgraph on its own: a fresh database, the service on free ports,
//! requests over HTTP (GraphQL) and gRPC.

use platform::db::USER_DB;
use platform::server::Listeners;
use platform::testing::{TestApp, TestDatabase};
use proto::user::user_service_client::UserServiceClient;
use proto::user::{GetUserRequest, Role, VerifyTokenRequest};
use serde_json::{Value, json};

/// The user service on a fresh database, with what the tests look into.
struct App {
    app: TestApp,
    /// `http://host:port/graphql`.
    http: String,
    /// `http://host:port` of `UserService`.
    grpc: String,
    accounts: std::sync::Arc<user::app::accounts::Accounts>,
    app_db: platform::db::Db,
}

impl std::ops::Deref for App {
    type Target = TestApp;
    fn deref(&self) -> &TestApp {
        &self.app
    }
}

/// No Redis (throttling counts in-process, per test) and no product service
/// (wishlists are tested end to end through the router).
async fn spawn_app() -> App {
    spawn_app_with(|_| {}).await
}

/// [`spawn_app`] with the test settings changed by `adjust`.
async fn spawn_app_with(adjust: impl FnOnce(&mut user::Config)) -> App {
    let db = TestDatabase::create().await.unwrap();
    let listeners = Listeners::local().await.unwrap();
    let mut config = user::Config::for_test(db.service_options(&USER_DB));
    adjust(&mut config);
    let app = user::Application::build_on(config, listeners)
        .await
        .unwrap();
    let (accounts, app_db) = (app.accounts(), app.db());
    let app = TestApp::start(app).with_database(db);
    App {
        http: app.graphql_url(),
        grpc: app.grpc_url(),
        app,
        accounts,
        app_db,
    }
}

impl App {
    async fn register(&self, email: &str, password: &str) -> Value {
        self.graphql(None, "mutation($e: String!, $p: String!) { register(email: $e, password: $p, name: \"Ada\") { id email roles } }", json!({ "e": email, "p": password }))
            .await
    }

    async fn login(&self, email: &str, password: &str) -> Value {
        self.graphql(None, "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken tokenType user { id } } }", json!({ "e": email, "p": password }))
            .await
    }

    async fn finish(self) {
        self.app.finish().await;
    }
}

fn code(response: &Value) -> &str {
    platform::testing::error_code(response).unwrap_or("<none>")
}

#[tokio::test]
async fn registering_the_same_email_twice_is_a_conflict_whatever_its_case() {
    let app = spawn_app().await;
    let first = app.register("ada@example.com", "correct horse").await;
    assert_eq!(
        first["data"]["register"]["roles"],
        json!(["CUSTOMER"]),
        "{first}"
    );
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
    assert_eq!(
        wrong_password["errors"][0]["message"],
        unknown_user["errors"][0]["message"]
    );
    assert_eq!(
        wrong_password["errors"][0]["extensions"],
        unknown_user["errors"][0]["extensions"]
    );
    app.finish().await;
}

#[tokio::test]
async fn a_login_token_verifies_over_grpc_and_me_returns_the_user() {
    let app = spawn_app().await;
    let id = app.register("ada@example.com", "correct horse").await["data"]["register"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let login = app.login("Ada@Example.com", "correct horse").await;
    let token = login["data"]["login"]["accessToken"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(login["data"]["login"]["tokenType"], "Bearer");

    let me = app
        .graphql(Some(&token), "{ me { id email name } }", json!({}))
        .await;
    assert_eq!(
        me["data"]["me"],
        json!({ "id": id, "email": "ada@example.com", "name": "Ada" })
    );

    let mut client = UserServiceClient::new(platform::testing::grpc_channel(
        &app.grpc.clone(),
        "user",
        Some("notification"),
    ));
    let verified = client
        .verify_token(VerifyTokenRequest {
            token: token.clone(),
        })
        .await
        .unwrap()
        .into_inner();
    assert_eq!(verified.user_id, id);
    assert_eq!(verified.roles, vec![Role::Customer as i32]);
    assert!(verified.expires_at > 0);

    let tampered = format!("{}x", &token[..token.len() - 1]);
    let rejected = client
        .verify_token(VerifyTokenRequest { token: tampered })
        .await
        .unwrap_err();
    assert_eq!(rejected.code(), tonic::Code::Unauthenticated);

    let user = client
        .get_user(GetUserRequest {
            user_id: id.clone(),
        })
        .await
        .unwrap()
        .into_inner();
    assert_eq!(
        (user.email.as_deref(), user.active),
        (Some("ada@example.com"), true)
    );
    let missing = client
        .get_user(GetUserRequest {
            user_id: uuid::Uuid::now_v7().to_string(),
        })
        .await
        .unwrap_err();
    assert_eq!(missing.code(), tonic::Code::NotFound);
    let malformed = client
        .get_user(GetUserRequest {
            user_id: "x".into(),
        })
        .await
        .unwrap_err();
    assert_eq!(malformed.code(), tonic::Code::InvalidArgument);
    app.finish().await;
}

#[tokio::test]
async fn a_deactivated_users_token_stops_verifying_and_they_cannot_log_in() {
    let app = spawn_app().await;
    app.register("ada@example.com", "correct horse").await;
    let token = app.login("ada@example.com", "correct horse").await["data"]["login"]["accessToken"]
        .as_str()
        .unwrap()
        .to_string();
    let admin = app.database().unwrap().admin_pool().await.unwrap();
    sqlx::query("UPDATE users.users SET active = false")
        .execute(&admin)
        .await
        .unwrap();
    admin.close().await;

    let mut client = UserServiceClient::new(platform::testing::grpc_channel(
        &app.grpc.clone(),
        "user",
        Some("notification"),
    ));
    let rejected = client
        .verify_token(VerifyTokenRequest { token })
        .await
        .unwrap_err();
    assert_eq!(rejected.code(), tonic::Code::Unauthenticated);
    assert_eq!(
        code(&app.login("ada@example.com", "correct horse").await),
        "UNAUTHENTICATED"
    );
    app.finish().await;
}

// ---- Sessions ----------------------------------------------------------------

const LOGIN: &str = "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken refreshToken } }";
const REFRESH: &str =
    "mutation($r: String!) { refreshSession(refreshToken: $r) { accessToken refreshToken } }";

impl App {
    /// `(access, refresh)` for a fresh login.
    async fn session(&self, email: &str) -> (String, String) {
        let login = self
            .graphql(None, LOGIN, json!({ "e": email, "p": "correct horse" }))
            .await;
        let tokens = &login["data"]["login"];
        (
            tokens["accessToken"].as_str().unwrap().into(),
            tokens["refreshToken"].as_str().unwrap().into(),
        )
    }

    async fn refresh(&self, refresh_token: &str) -> Value {
        self.graphql(None, REFRESH, json!({ "r": refresh_token }))
            .await
    }

    async fn verifies(&self, access_token: &str) -> bool {
        let mut client = UserServiceClient::new(platform::testing::grpc_channel(
            &self.grpc.clone(),
            "user",
            Some("notification"),
        ));
        client
            .verify_token(VerifyTokenRequest {
                token: access_token.into(),
            })
            .await
            .is_ok()
    }
}

#[tokio::test]
async fn a_refresh_rotates_both_tokens_and_the_old_refresh_token_is_spent() {
    let app = spawn_app().await;
    app.register("ada@example.com", "correct horse").await;
    let (access, refresh) = app.session("ada@example.com").await;

    let rotated = app.refresh(&refresh).await;
    let new_access = rotated["data"]["refreshSession"]["accessToken"]
        .as_str()
        .unwrap_or_else(|| panic!("{rotated}"))
        .to_string();
    let new_refresh = rotated["data"]["refreshSession"]["refreshToken"]
        .as_str()
        .unwrap()
        .to_string();
    assert_ne!(new_refresh, refresh);
    assert_ne!(new_access, access);
    assert!(app.verifies(&new_access).await);

    // The next rotation works from the new token...
    let again = app.refresh(&new_refresh).await;
    assert!(
        again["data"]["refreshSession"]["refreshToken"].is_string(),
        "{again}"
    );
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
        rotated["data"]["refreshSession"]["accessToken"]
            .as_str()
            .unwrap()
            .to_string(),
        rotated["data"]["refreshSession"]["refreshToken"]
            .as_str()
            .unwrap()
            .to_string(),
    );
    let replay = app.refresh(&stolen).await;
    assert_eq!(code(&replay), "UNAUTHENTICATED", "{replay}");

    // Every token of that family is now dead...
    assert!(
        !app.verifies(&access).await,
        "the family's access token must stop verifying"
    );
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

    let logout = app
        .graphql(Some(&phone), "mutation { logout }", json!({}))
        .await;
    assert_eq!(logout["data"]["logout"], true, "{logout}");
    assert!(!app.verifies(&phone).await);
    assert_eq!(code(&app.refresh(&phone_refresh).await), "UNAUTHENTICATED");
    assert!(app.verifies(&laptop).await);

    let everywhere = app
        .graphql(Some(&laptop), "mutation { logoutEverywhere }", json!({}))
        .await;
    assert_eq!(
        everywhere["data"]["logoutEverywhere"], 2,
        "laptop and tablet were open: {everywhere}"
    );
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
    assert_eq!(
        (
            key["kty"].as_str(),
            key["crv"].as_str(),
            key["alg"].as_str()
        ),
        (Some("OKP"), Some("Ed25519"), Some("EdDSA"))
    );
    let header = jsonwebtoken::decode_header(&access).unwrap();
    assert_eq!(header.kid.as_deref(), key["kid"].as_str());

    let decoding =
        jsonwebtoken::DecodingKey::from_ed_components(key["x"].as_str().unwrap()).unwrap();
    let mut validation = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::EdDSA);
    validation.set_audience(&["shop"]);
    validation.set_issuer(&["shop-test"]);
    let claims = jsonwebtoken::decode::<Value>(&access, &decoding, &validation)
        .expect("the published key verifies the token");
    assert!(
        claims.claims["sid"].is_string()
            && claims.claims["jti"].is_string()
            && claims.claims["roles"] == json!(["CUSTOMER"])
    );
    app.finish().await;
}

// ---- Accounts: phone, bad input, throttling ------------------------------------

fn field(response: &Value) -> &str {
    response["errors"][0]["extensions"]["field"]
        .as_str()
        .unwrap_or("<none>")
}

const REGISTER: &str = "mutation($e: String, $ph: String, $p: String!, $n: String!) { register(email: $e, phone: $ph, password: $p, name: $n) { id email phone name } }";

impl App {
    async fn register_full(
        &self,
        email: Option<&str>,
        phone: Option<&str>,
        password: &str,
        name: &str,
    ) -> Value {
        self.graphql(
            None,
            REGISTER,
            json!({ "e": email, "ph": phone, "p": password, "n": name }),
        )
        .await
    }

    async fn admin_token(&self) -> String {
        self.accounts
            .ensure_admin("root@example.com", "root-password", "Root")
            .await
            .unwrap();
        let login = self.login("root@example.com", "root-password").await;
        login["data"]["login"]["accessToken"]
            .as_str()
            .unwrap()
            .to_string()
    }

    async fn token(&self, email: &str, password: &str) -> String {
        let login = self.login(email, password).await;
        login["data"]["login"]["accessToken"]
            .as_str()
            .unwrap_or_else(|| panic!("{login}"))
            .to_string()
    }
}

#[tokio::test]
async fn a_phone_only_account_registers_and_logs_in_by_phone() {
    let app = spawn_app().await;
    let registered = app
        .register_full(None, Some("+44 20 7946 0958"), "correct horse", "Pip")
        .await;
    assert_eq!(
        registered["data"]["register"]["phone"], "+442079460958",
        "{registered}"
    );
    assert!(registered["data"]["register"]["email"].is_null());

    let login = app
        .graphql(None, "mutation { login(phone: \"+44 (20) 7946-0958\", password: \"correct horse\") { accessToken user { phone } } }", json!({}))
        .await;
    assert_eq!(
        login["data"]["login"]["user"]["phone"], "+442079460958",
        "{login}"
    );

    let duplicate = app
        .register_full(
            Some("pip@example.com"),
            Some("+442079460958"),
            "correct horse",
            "Pip 2",
        )
        .await;
    assert_eq!((code(&duplicate), field(&duplicate)), ("CONFLICT", "phone"));
    let neither = app
        .register_full(None, None, "correct horse", "Nobody")
        .await;
    assert_eq!(code(&neither), "BAD_USER_INPUT");
    app.finish().await;
}

#[tokio::test]
async fn bad_registrations_are_bad_user_input_with_the_field_and_never_internal() {
    let app = spawn_app().await;
    let huge = "x".repeat(1024 * 1024);
    for (email, password, name, expected_field) in [
        ("a@example.com", "", "A", "password"),
        ("a@example.com", huge.as_str(), "A", "password"),
        ("not an email", "long enough", "A", "email"),
        ("a@example.com", "long enough", "", "name"),
        ("a@example.com", "long enough", "bell\u{7}", "name"),
    ] {
        let response = app.register_full(Some(email), None, password, name).await;
        assert_eq!(
            (code(&response), field(&response)),
            ("BAD_USER_INPUT", expected_field),
            "{email:?} {name:?}"
        );
    }
    // Unusual but printable Unicode is a fine name.
    let unicode = app
        .register_full(
            Some("zoe@example.com"),
            None,
            "long enough",
            "  Zoë Ŝtrauß 🚀 \u{202E}ltr ",
        )
        .await;
    assert_eq!(
        unicode["data"]["register"]["name"], "Zoë Ŝtrauß 🚀 \u{202E}ltr",
        "{unicode}"
    );

    // A 1 MB password at login is refused like any wrong password.
    let login = app.login("zoe@example.com", &huge).await;
    assert_eq!(code(&login), "UNAUTHENTICATED");

    let mut client = UserServiceClient::new(platform::testing::grpc_channel(
        &app.grpc.clone(),
        "user",
        Some("notification"),
    ));
    let taken = client
        .register(proto::user::RegisterRequest {
            email: Some("zoe@example.com".into()),
            phone: None,
            password: "long enough".into(),
            name: "Z".into(),
        })
        .await
        .unwrap_err();
    assert_eq!(taken.code(), tonic::Code::AlreadyExists);
    let bad = client
        .register(proto::user::RegisterRequest {
            email: Some("nope".into()),
            phone: None,
            password: "long enough".into(),
            name: "Z".into(),
        })
        .await
        .unwrap_err();
    assert_eq!(bad.code(), tonic::Code::InvalidArgument);
    app.finish().await;
}

#[tokio::test]
async fn repeated_failed_logins_are_rate_limited_with_a_retry_hint() {
    let app = spawn_app().await;
    app.register("ada@example.com", "correct horse").await;
    for _ in 0..4 {
        assert_eq!(
            code(&app.login("ada@example.com", "wrong horse").await),
            "UNAUTHENTICATED"
        );
    }
    let fifth = app.login("ada@example.com", "wrong horse").await;
    assert_eq!(code(&fifth), "RATE_LIMITED", "{fifth}");
    assert_eq!(fifth["errors"][0]["extensions"]["retryAfter"], "30");
    // Even the right password waits out the lockout...
    assert_eq!(
        code(&app.login("Ada@Example.com", "correct horse").await),
        "RATE_LIMITED"
    );
    // ...and an unknown account is throttled just the same (no enumeration).
    for _ in 0..5 {
        app.login("ghost@example.com", "wrong horse").await;
    }
    assert_eq!(
        code(&app.login("ghost@example.com", "wrong horse").await),
        "RATE_LIMITED"
    );
    // Other accounts are unaffected.
    app.register("bob@example.com", "correct horse").await;
    assert!(
        app.login("bob@example.com", "correct horse").await["data"]["login"]["accessToken"]
            .is_string()
    );
    // gRPC reports the same as RESOURCE_EXHAUSTED. Its caller's address is
    // the connection's (a service may pass `client_ip`), so this account
    // and address pair has its own five free failures.
    let mut client = UserServiceClient::new(platform::testing::grpc_channel(
        &app.grpc.clone(),
        "user",
        Some("notification"),
    ));
    let attempt = || proto::user::LoginRequest {
        email: Some("carol@example.com".into()),
        phone: None,
        password: "wrong horse".into(),
        client_ip: String::new(),
    };
    app.register("carol@example.com", "correct horse").await;
    for _ in 0..4 {
        let status = client.login(attempt()).await.unwrap_err();
        assert_eq!(status.code(), tonic::Code::Unauthenticated);
    }
    let status = client.login(attempt()).await.unwrap_err();
    assert_eq!(status.code(), tonic::Code::ResourceExhausted);
    app.finish().await;
}

// ---- Passwords ----------------------------------------------------------------

impl App {
    /// The reset links queued in the outbox, oldest first.
    async fn reset_links(&self) -> Vec<String> {
        let admin = self.database().unwrap().admin_pool().await.unwrap();
        let links: Vec<String> = sqlx::query_scalar("SELECT body->'payload'->>'link' FROM users.outbox WHERE event_type = 'user.password_reset_requested' ORDER BY position")
            .fetch_all(&admin)
            .await
            .unwrap();
        admin.close().await;
        links
    }
}

impl App {
    /// The email verification links queued in the outbox for `email`,
    /// oldest first.
    async fn verification_links(&self, email: &str) -> Vec<String> {
        let admin = self.database().unwrap().admin_pool().await.unwrap();
        let links: Vec<String> = sqlx::query_scalar("SELECT body->'payload'->>'link' FROM users.outbox WHERE event_type = 'user.email_verification_requested' AND body->'payload'->>'email' = $1 ORDER BY position")
            .bind(email)
            .fetch_all(&admin)
            .await
            .unwrap();
        admin.close().await;
        links
    }

    /// Follows the latest verification link sent to `email`.
    async fn verify_email(&self, email: &str) -> Value {
        let link = self
            .verification_links(email)
            .await
            .pop()
            .expect("a link was sent");
        let token = link.split("token=").nth(1).unwrap();
        let answer = self
            .graphql(
                None,
                "mutation($t: String!) { verifyEmail(token: $t) { id } }",
                json!({ "t": token }),
            )
            .await;
        assert!(answer["data"]["verifyEmail"]["id"].is_string(), "{answer}");
        answer
    }
}

#[tokio::test]
async fn an_email_counts_as_verified_once_its_link_is_followed_and_only_for_that_address() {
    let app = spawn_app().await;
    app.register("ada@example.com", "correct horse").await;
    let links = app.verification_links("ada@example.com").await;
    assert_eq!(links.len(), 1, "registration sends one link");
    assert!(links[0].starts_with("https://shop.test/verify-email?token="));
    let token = links[0].split("token=").nth(1).unwrap().to_string();
    let (ada, _) = app.session("ada@example.com").await;
    let me = "{ me { email emailVerified } }";
    assert_eq!(
        app.graphql(Some(&ada), me, json!({})).await["data"]["me"]["emailVerified"],
        false
    );

    let verify = "mutation($t: String!) { verifyEmail(token: $t) { id } }";
    let done = app.graphql(None, verify, json!({ "t": token })).await;
    assert!(done["data"]["verifyEmail"]["id"].is_string(), "{done}");
    assert_eq!(
        app.graphql(Some(&ada), me, json!({})).await["data"]["me"]["emailVerified"],
        true
    );
    let again = app.graphql(None, verify, json!({ "t": token })).await;
    assert_eq!((code(&again), field(&again)), ("BAD_USER_INPUT", "token"));
    let made_up = app.graphql(None, verify, json!({ "t": "made-up" })).await;
    assert_eq!(code(&made_up), "BAD_USER_INPUT");
    let resend = "mutation { resendEmailVerification }";
    assert_eq!(
        app.graphql(Some(&ada), resend, json!({})).await["data"]["resendEmailVerification"],
        false,
        "nothing to send for a verified address"
    );

    // A new address is unverified until its own link is followed; a link
    // sent to the new address stops working once the address changes again.
    let change = "mutation($e: String!) { changeEmail(newEmail: $e, currentPassword: \"correct horse\") { email emailVerified } }";
    let changed = app
        .graphql(Some(&ada), change, json!({ "e": "ada@new.example" }))
        .await;
    assert_eq!(
        changed["data"]["changeEmail"]["emailVerified"], false,
        "{changed}"
    );
    let first = app.verification_links("ada@new.example").await;
    assert_eq!(first.len(), 1);
    app.graphql(Some(&ada), change, json!({ "e": "ada@third.example" }))
        .await;
    let stale = app
        .graphql(
            None,
            verify,
            json!({ "t": first[0].split("token=").nth(1).unwrap() }),
        )
        .await;
    assert_eq!(
        code(&stale),
        "BAD_USER_INPUT",
        "a link verifies only the address it was sent to: {stale}"
    );

    // Resending replaces the open link, at most 3 times an hour.
    for _ in 0..3 {
        let sent = app.graphql(Some(&ada), resend, json!({})).await;
        assert_eq!(sent["data"]["resendEmailVerification"], true, "{sent}");
    }
    let limited = app.graphql(Some(&ada), resend, json!({})).await;
    assert_eq!(code(&limited), "RATE_LIMITED");
    let links = app.verification_links("ada@third.example").await;
    assert_eq!(links.len(), 4, "the change's link and three resends");
    let older = links[2].split("token=").nth(1).unwrap();
    assert_eq!(
        code(&app.graphql(None, verify, json!({ "t": older })).await),
        "BAD_USER_INPUT",
        "a resent link voids the older ones"
    );
    app.verify_email("ada@third.example").await;
    assert_eq!(
        app.graphql(Some(&ada), me, json!({})).await["data"]["me"],
        json!({ "email": "ada@third.example", "emailVerified": true })
    );
    app.finish().await;
}

#[tokio::test]
async fn registrations_and_reset_attempts_have_limits_of_their_own_per_client() {
    let app = spawn_app_with(|config| {
        config.signup_per_minute = 3;
        config.signup_per_address_per_hour = 2;
        config.http.trust_forwarded_for = true;
    })
    .await;
    let register = "mutation($e: String!) { register(email: $e, password: \"correct horse\", name: \"A\") { id } }";
    let from = |ip: Option<&'static str>, email: String| {
        let client = reqwest::Client::new();
        let (url, secret) = (app.http.clone(), app.router_secret.expose().to_string());
        async move {
            let mut request = client
                .post(url)
                .header(platform::guard::ROUTER_SECRET_HEADER, secret)
                .json(&json!({ "query": register, "variables": { "e": email } }));
            if let Some(ip) = ip {
                request = request.header("x-forwarded-for", ip);
            }
            request.send().await.unwrap().json::<Value>().await.unwrap()
        }
    };
    // Callers with no trusted address share one budget a minute.
    for n in 0..3 {
        let ok = from(None, format!("shared{n}@example.com")).await;
        assert!(ok["data"]["register"]["id"].is_string(), "{ok}");
    }
    let hashes = app.accounts.password_hashes();
    let over = from(None, "shared9@example.com".into()).await;
    assert_eq!(code(&over), "RATE_LIMITED", "{over}");
    assert!(
        over["errors"][0]["extensions"]["retryAfter"].is_string(),
        "{over}"
    );
    assert_eq!(
        app.accounts.password_hashes(),
        hashes,
        "refused before hashing"
    );
    // A trusted address has its own hourly limit; another address is
    // unaffected.
    for n in 0..2 {
        let ok = from(Some("203.0.113.7"), format!("a{n}@example.com")).await;
        assert!(ok["data"]["register"]["id"].is_string(), "{ok}");
    }
    assert_eq!(
        code(&from(Some("203.0.113.7"), "a9@example.com".into()).await),
        "RATE_LIMITED"
    );
    let other = from(Some("198.51.100.1"), "b@example.com".into()).await;
    assert!(other["data"]["register"]["id"].is_string(), "{other}");

    // resetPassword counts apart from register, with the same limits.
    let reset = "mutation { resetPassword(token: \"made-up\", newPassword: \"brand new horse\") }";
    for _ in 0..3 {
        assert_eq!(
            code(&app.graphql(None, reset, json!({})).await),
            "BAD_USER_INPUT"
        );
    }
    assert_eq!(
        code(&app.graphql(None, reset, json!({})).await),
        "RATE_LIMITED"
    );
    app.finish().await;
}

#[tokio::test]
async fn staff_powers_pause_while_the_email_is_unverified() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let registered = app.register("ada@example.com", "correct horse").await;
    let ada_id = registered["data"]["register"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    app.verify_email("ada@example.com").await;
    let set_roles =
        "mutation($u: ID!, $r: [Role!]!) { setUserRoles(userId: $u, roles: $r) { roles } }";
    let promoted = app
        .graphql(
            Some(&admin),
            set_roles,
            json!({ "u": ada_id, "r": ["STAFF"] }),
        )
        .await;
    assert_eq!(
        promoted["data"]["setUserRoles"]["roles"],
        json!(["CUSTOMER", "STAFF"])
    );
    let (ada, _) = app.session("ada@example.com").await;
    let client = UserServiceClient::new(platform::testing::grpc_channel(
        &app.grpc.clone(),
        "user",
        Some("order"),
    ));
    let roles = |token: String| {
        let mut client = client.clone();
        async move {
            client
                .verify_token(VerifyTokenRequest { token })
                .await
                .unwrap()
                .into_inner()
                .roles
        }
    };
    assert!(roles(ada.clone()).await.contains(&(Role::Staff as i32)));

    app.graphql(
        Some(&ada),
        "mutation { changeEmail(newEmail: \"ada@elsewhere.example\", currentPassword: \"correct horse\") { id } }",
        json!({}),
    )
    .await;
    assert_eq!(
        roles(ada.clone()).await,
        vec![Role::Customer as i32],
        "an unverified address carries CUSTOMER only, on the token already out too"
    );
    let (fresh, _) = app.session("ada@elsewhere.example").await;
    assert_eq!(roles(fresh).await, vec![Role::Customer as i32]);
    app.verify_email("ada@elsewhere.example").await;
    assert!(roles(ada).await.contains(&(Role::Staff as i32)));
    app.finish().await;
}

#[tokio::test]
async fn a_password_reset_works_once_ends_every_session_and_reveals_nothing() {
    let app = spawn_app().await;
    app.register("ada@example.com", "correct horse").await;
    let (old_session, _) = app.session("ada@example.com").await;

    let unknown = app
        .graphql(
            None,
            "mutation { requestPasswordReset(email: \"nobody@example.com\") }",
            json!({}),
        )
        .await;
    let known = app
        .graphql(
            None,
            "mutation { requestPasswordReset(email: \"ADA@example.com\") }",
            json!({}),
        )
        .await;
    assert_eq!(
        unknown, known,
        "the answer must not say whether the account exists"
    );
    let links = app.reset_links().await;
    assert_eq!(links.len(), 1, "only the real account gets a message");
    let token = links[0].split("token=").nth(1).unwrap().to_string();
    assert!(links[0].starts_with("https://shop.test/reset?token="));

    let reset = "mutation($t: String!, $p: String!) { resetPassword(token: $t, newPassword: $p) }";
    let done = app
        .graphql(None, reset, json!({ "t": token, "p": "brand new horse" }))
        .await;
    assert_eq!(done["data"]["resetPassword"], true, "{done}");
    assert!(!app.verifies(&old_session).await, "every session ends");
    assert_eq!(
        code(&app.login("ada@example.com", "correct horse").await),
        "UNAUTHENTICATED"
    );
    assert!(
        app.login("ada@example.com", "brand new horse").await["data"]["login"]["accessToken"]
            .is_string()
    );

    let hashes = app.accounts.password_hashes();
    let again = app
        .graphql(None, reset, json!({ "t": token, "p": "another new horse" }))
        .await;
    assert_eq!((code(&again), field(&again)), ("BAD_USER_INPUT", "token"));
    let made_up = app
        .graphql(
            None,
            reset,
            json!({ "t": "made-up-token", "p": "another new horse" }),
        )
        .await;
    assert_eq!(code(&made_up), "BAD_USER_INPUT");
    assert_eq!(
        app.accounts.password_hashes(),
        hashes,
        "a used or made-up token is refused before any password is hashed"
    );

    // An expired link is refused too.
    app.graphql(
        None,
        "mutation { requestPasswordReset(email: \"ada@example.com\") }",
        json!({}),
    )
    .await;
    let expired = app.reset_links().await[1]
        .split("token=")
        .nth(1)
        .unwrap()
        .to_string();
    let admin = app.database().unwrap().admin_pool().await.unwrap();
    sqlx::query("UPDATE users.password_resets SET expires_at = now() - interval '1 minute' WHERE used_at IS NULL").execute(&admin).await.unwrap();
    admin.close().await;
    let late = app
        .graphql(
            None,
            reset,
            json!({ "t": expired, "p": "another new horse" }),
        )
        .await;
    assert_eq!(code(&late), "BAD_USER_INPUT");
    app.finish().await;
}

#[tokio::test]
async fn changing_the_password_needs_the_current_one_and_ends_every_session() {
    let app = spawn_app().await;
    app.register("ada@example.com", "correct horse").await;
    let token = app.token("ada@example.com", "correct horse").await;
    let other = app.token("ada@example.com", "correct horse").await;
    let change = "mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }";

    let wrong = app
        .graphql(
            Some(&token),
            change,
            json!({ "c": "not it at all", "n": "brand new horse" }),
        )
        .await;
    assert_eq!(
        (code(&wrong), field(&wrong)),
        ("BAD_USER_INPUT", "currentPassword")
    );
    let short = app
        .graphql(
            Some(&token),
            change,
            json!({ "c": "correct horse", "n": "short" }),
        )
        .await;
    assert_eq!(
        (code(&short), field(&short)),
        ("BAD_USER_INPUT", "newPassword")
    );

    let changed = app
        .graphql(
            Some(&token),
            change,
            json!({ "c": "correct horse", "n": "brand new horse" }),
        )
        .await;
    assert_eq!(changed["data"]["changePassword"], true, "{changed}");
    assert!(!app.verifies(&token).await && !app.verifies(&other).await);

    let fresh = app.token("ada@example.com", "brand new horse").await;
    let email = "mutation($e: String!, $p: String!) { changeEmail(newEmail: $e, currentPassword: $p) { email } }";
    let refused = app
        .graphql(
            Some(&fresh),
            email,
            json!({ "e": "ada@new.example", "p": "wrong password" }),
        )
        .await;
    assert_eq!(code(&refused), "BAD_USER_INPUT");
    let moved = app
        .graphql(
            Some(&fresh),
            email,
            json!({ "e": "Ada@New.example", "p": "brand new horse" }),
        )
        .await;
    assert_eq!(
        moved["data"]["changeEmail"]["email"], "ada@new.example",
        "{moved}"
    );
    app.finish().await;
}

// ---- Profile, addresses, roles ---------------------------------------------------

#[tokio::test]
async fn a_user_edits_their_profile_and_others_see_only_public_fields() {
    let app = spawn_app().await;
    app.register("ada@example.com", "correct horse").await;
    let bob_id = app.register("bob@example.com", "correct horse").await["data"]["register"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let ada = app.token("ada@example.com", "correct horse").await;
    let update = "mutation($i: UpdateProfileInput!) { updateProfile(input: $i) { name avatarUrl phone locale marketingOptIn } }";

    let updated = app
        .graphql(Some(&ada), update, json!({ "i": { "name": "Ada L.", "avatarUrl": "https://cdn.example.com/ada.png", "phone": "+1 415 555 0100", "locale": "en_gb", "marketingOptIn": true } }))
        .await;
    assert_eq!(
        updated["data"]["updateProfile"],
        json!({ "name": "Ada L.", "avatarUrl": "https://cdn.example.com/ada.png", "phone": "+14155550100", "locale": "en-GB", "marketingOptIn": true }),
        "{updated}"
    );
    let cleared = app
        .graphql(Some(&ada), update, json!({ "i": { "avatarUrl": null } }))
        .await;
    assert_eq!(cleared["data"]["updateProfile"]["avatarUrl"], Value::Null);
    assert_eq!(
        cleared["data"]["updateProfile"]["name"], "Ada L.",
        "fields left out are kept"
    );
    for (input, bad_field) in [
        (json!({ "locale": "klingon" }), "locale"),
        (json!({ "avatarUrl": "ftp://x" }), "avatarUrl"),
        (json!({ "phone": "12" }), "phone"),
        (json!({ "name": "" }), "name"),
    ] {
        let response = app.graphql(Some(&ada), update, json!({ "i": input })).await;
        assert_eq!(
            (code(&response), field(&response)),
            ("BAD_USER_INPUT", bad_field)
        );
    }

    // Bob reads Ada through the entity resolver: public fields only.
    let ada_id = app
        .accounts
        .store()
        .user_by_email("ada@example.com")
        .await
        .unwrap()
        .unwrap()
        .id;
    let bob = app.token("bob@example.com", "correct horse").await;
    let entities = "query($r: [_Any!]!) { _entities(representations: $r) { ... on User { name avatarUrl email } } }";
    let peek = app
        .graphql(
            Some(&bob),
            entities,
            json!({ "r": [{ "__typename": "User", "id": ada_id }] }),
        )
        .await;
    assert_eq!(code(&peek), "FORBIDDEN", "{peek}");
    let public = app
        .graphql(
            Some(&bob),
            "query($r: [_Any!]!) { _entities(representations: $r) { ... on User { name } } }",
            json!({ "r": [{ "__typename": "User", "id": ada_id }] }),
        )
        .await;
    assert_eq!(public["data"]["_entities"][0]["name"], "Ada L.");
    let _ = bob_id;
    app.finish().await;
}

const ADDRESS: &str = "{ recipient: \"Ada\", line1: \"1 Main St\", city: \"Springfield\", postalCode: \"12345\", country: \"us\" }";

#[tokio::test]
async fn the_address_book_keeps_one_default_and_hides_other_peoples_addresses() {
    let app = spawn_app().await;
    let ada_id = app.register("ada@example.com", "correct horse").await["data"]["register"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    app.register("bob@example.com", "correct horse").await;
    let ada = app.token("ada@example.com", "correct horse").await;
    let bob = app.token("bob@example.com", "correct horse").await;
    let add = format!("mutation {{ addAddress(input: {ADDRESS}) {{ id country isDefault }} }}");

    let first = app.graphql(Some(&ada), &add, json!({})).await;
    assert_eq!(first["data"]["addAddress"]["isDefault"], true, "{first}");
    assert_eq!(first["data"]["addAddress"]["country"], "US");
    let second = app.graphql(Some(&ada), &add, json!({})).await;
    assert_eq!(second["data"]["addAddress"]["isDefault"], false);
    let second_id = second["data"]["addAddress"]["id"]
        .as_str()
        .unwrap()
        .to_string();

    let made_default = app
        .graphql(
            Some(&ada),
            "mutation($id: ID!) { setDefaultAddress(id: $id) { isDefault } }",
            json!({ "id": second_id }),
        )
        .await;
    assert_eq!(
        made_default["data"]["setDefaultAddress"]["isDefault"], true,
        "{made_default}"
    );
    let book = app
        .graphql(
            Some(&ada),
            "{ me { addresses { id isDefault } defaultShippingAddress { id } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        book["data"]["me"]["defaultShippingAddress"]["id"],
        second_id.as_str()
    );
    assert_eq!(
        book["data"]["me"]["addresses"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|a| a["isDefault"] == true)
            .count(),
        1
    );

    let bad_country = app.graphql(Some(&ada), "mutation { addAddress(input: { recipient: \"A\", line1: \"x\", city: \"y\", postalCode: \"1\", country: \"XX\" }) { id } }", json!({})).await;
    assert_eq!(
        (code(&bad_country), field(&bad_country)),
        ("BAD_USER_INPUT", "country")
    );

    // Bob cannot touch Ada's address, and learns nothing from trying.
    let stolen = app
        .graphql(
            Some(&bob),
            &format!("mutation($id: ID!) {{ updateAddress(id: $id, input: {ADDRESS}) {{ id }} }}"),
            json!({ "id": second_id }),
        )
        .await;
    assert_eq!(code(&stolen), "NOT_FOUND");
    assert_eq!(
        code(
            &app.graphql(
                Some(&bob),
                "mutation($id: ID!) { removeAddress(id: $id) }",
                json!({ "id": second_id })
            )
            .await
        ),
        "NOT_FOUND"
    );

    // gRPC GetAddress, as the order service will call it.
    let mut client = UserServiceClient::new(platform::testing::grpc_channel(
        &app.grpc.clone(),
        "user",
        Some("notification"),
    ));
    let address = client
        .get_address(proto::user::GetAddressRequest {
            user_id: ada_id.clone(),
            address_id: second_id.clone(),
        })
        .await
        .unwrap()
        .into_inner();
    assert_eq!(
        (address.city.as_str(), address.is_default),
        ("Springfield", true)
    );
    let bob_id = app
        .accounts
        .store()
        .user_by_email("bob@example.com")
        .await
        .unwrap()
        .unwrap()
        .id
        .to_string();
    let other = client
        .get_address(proto::user::GetAddressRequest {
            user_id: bob_id,
            address_id: second_id.clone(),
        })
        .await
        .unwrap_err();
    assert_eq!(other.code(), tonic::Code::NotFound);

    assert_eq!(
        app.graphql(
            Some(&ada),
            "mutation($id: ID!) { removeAddress(id: $id) }",
            json!({ "id": second_id })
        )
        .await["data"]["removeAddress"],
        true
    );
    app.finish().await;
}

#[tokio::test]
async fn only_admins_search_users_and_change_roles_and_deactivation_locks_a_user_out() {
    let app = spawn_app().await;
    let ada_id = app.register("ada@example.com", "correct horse").await["data"]["register"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    app.register("bob@example.com", "correct horse").await;
    let ada = app.token("ada@example.com", "correct horse").await;
    let admin = app.admin_token().await;
    let search = "query($q: String, $r: Role) { users(filter: { query: $q, role: $r }, first: 10) { totalCount edges { node { email roles } } } }";

    assert_eq!(
        code(&app.graphql(Some(&ada), search, json!({})).await),
        "FORBIDDEN"
    );
    let found = app
        .graphql(Some(&admin), search, json!({ "q": "ADA@" }))
        .await;
    assert_eq!(found["data"]["users"]["totalCount"], 1, "{found}");
    assert_eq!(
        found["data"]["users"]["edges"][0]["node"]["email"],
        "ada@example.com"
    );
    let wildcard = app.graphql(Some(&admin), search, json!({ "q": "%" })).await;
    assert_eq!(
        wildcard["data"]["users"]["totalCount"], 0,
        "LIKE wildcards in the search text are literal"
    );

    let set_roles =
        "mutation($u: ID!, $r: [Role!]!) { setUserRoles(userId: $u, roles: $r) { roles } }";
    assert_eq!(
        code(
            &app.graphql(
                Some(&ada),
                set_roles,
                json!({ "u": ada_id, "r": ["ADMIN"] })
            )
            .await
        ),
        "FORBIDDEN"
    );
    let unverified = app
        .graphql(
            Some(&admin),
            set_roles,
            json!({ "u": ada_id, "r": ["STAFF"] }),
        )
        .await;
    assert_eq!(
        code(&unverified),
        "CONFLICT",
        "STAFF needs a verified email: {unverified}"
    );
    app.verify_email("ada@example.com").await;
    let promoted = app
        .graphql(
            Some(&admin),
            set_roles,
            json!({ "u": ada_id, "r": ["STAFF"] }),
        )
        .await;
    assert_eq!(
        promoted["data"]["setUserRoles"]["roles"],
        json!(["CUSTOMER", "STAFF"]),
        "{promoted}"
    );
    let staff = app
        .graphql(Some(&admin), search, json!({ "r": "STAFF" }))
        .await;
    assert_eq!(
        staff["data"]["users"]["totalCount"], 2,
        "Ada and the admin: {staff}"
    );
    // The role applies to Ada's existing token at once (roles come from the database).
    let mut client = UserServiceClient::new(platform::testing::grpc_channel(
        &app.grpc.clone(),
        "user",
        Some("notification"),
    ));
    let roles = client
        .verify_token(VerifyTokenRequest { token: ada.clone() })
        .await
        .unwrap()
        .into_inner()
        .roles;
    assert!(roles.contains(&(Role::Staff as i32)));

    let deactivate = "mutation($u: ID!) { deactivateUser(userId: $u) { active } }";
    assert_eq!(
        code(
            &app.graphql(Some(&ada), deactivate, json!({ "u": ada_id }))
                .await
        ),
        "FORBIDDEN"
    );
    let off = app
        .graphql(Some(&admin), deactivate, json!({ "u": ada_id }))
        .await;
    assert_eq!(off["data"]["deactivateUser"]["active"], false, "{off}");
    assert!(!app.verifies(&ada).await);
    assert_eq!(
        code(&app.login("ada@example.com", "correct horse").await),
        "UNAUTHENTICATED"
    );
    app.finish().await;
}

#[tokio::test]
async fn resolving_100_user_representations_costs_one_sql_statement() {
    let app = spawn_app().await;
    let mut ids = Vec::new();
    for i in 0..100 {
        // Straight into the store: 100 password hashes would only slow the test.
        let email = format!("u{i}@example.com");
        let user = app.accounts.store().insert_user(
            uuid::Uuid::now_v7(),
            Some(&email),
            None,
            "not-a-hash",
            "U",
            &[platform::auth::Role::Customer],
            user::store::EmailCheck::Vouched,
        );
        ids.push(user.await.unwrap().id);
    }
    let representations: Vec<Value> = ids
        .iter()
        .map(|id| json!({ "__typename": "User", "id": id }))
        .collect();
    let before = app.app_db.statement_count();
    let response = app
        .graphql(
            None,
            "query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id name } } }",
            json!({ "r": representations }),
        )
        .await;
    assert_eq!(app.app_db.statement_count() - before, 1);
    assert_eq!(response["data"]["_entities"].as_array().unwrap().len(), 100);
    assert_eq!(response["data"]["_entities"][99]["id"], ids[99].to_string());

    // Nested lists batch too: wishlists and addresses of a whole page cost
    // one statement each, however many users the page holds.
    let admin = app.admin_token().await;
    let page = |first: i32| {
        let (app, admin) = (&app, &admin);
        async move {
            let before = app.app_db.statement_count();
            let r = app.graphql(Some(admin), "query($f: Int!) { users(first: $f) { edges { node { wishlist { id } addresses { id } } } } }", json!({ "f": first })).await;
            assert!(r.get("errors").is_none(), "{r}");
            app.app_db.statement_count() - before
        }
    };
    let (small, large) = (page(2).await, page(50).await);
    assert_eq!(small, large, "statements must not grow with the page size");
    assert_eq!(
        large, 5,
        "the caller's session check, rows, total count, wishlists, addresses"
    );
    app.finish().await;
}

#[tokio::test]
async fn an_event_carries_the_trace_context_of_the_request_that_caused_it() {
    let app = spawn_app().await;
    let traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    let response = app.app.client.clone()
        .post(app.graphql_url())
        .header("traceparent", traceparent)
        .json(&json!({ "query": "mutation { register(email: \"traced@example.com\", password: \"a good password\", name: \"Ada\") { id } }" }))
        .send()
        .await
        .unwrap()
        .json::<serde_json::Value>()
        .await
        .unwrap();
    let user_id = response["data"]["register"]["id"]
        .as_str()
        .expect("registered")
        .to_string();
    let admin = app.database().unwrap().admin_pool().await.unwrap();
    let (event_type, body): (String, serde_json::Value) =
        sqlx::query_as("SELECT event_type, body FROM users.outbox WHERE aggregate_id = $1")
            .bind(&user_id)
            .fetch_one(&admin)
            .await
            .unwrap();
    admin.close().await;
    assert_eq!(event_type, "user.registered");
    assert_eq!(body["traceparent"], traceparent);
    assert_eq!(body["aggregate"]["sequence"], 1);
    let envelope: platform::events::Envelope = serde_json::from_value(body).expect("the contract");
    assert_eq!(envelope.routing_key(), "user.registered");
    app.finish().await;
}

/// Production (the default when `SHOP_ENV` is unset) refuses a generated
/// signing key, before the service binds a port or connects.
#[test]
fn production_refuses_to_start_with_a_generated_jwt_key() {
    let tls = platform::tls::GrpcTls::for_test("user");
    let failure = platform::testing::startup_failure(
        env!("CARGO_BIN_EXE_user"),
        &[
            (
                "ROUTER_SHARED_SECRET",
                "a-production-secret-0123456789abcdef",
            ),
            ("GRPC_TLS_CA_FILE", tls.ca_file.to_str().unwrap()),
            ("GRPC_TLS_CERT_FILE", tls.cert_file.to_str().unwrap()),
            ("GRPC_TLS_KEY_FILE", tls.key_file.to_str().unwrap()),
        ],
    );
    assert!(
        failure.contains("JWT_PRIVATE_KEY_FILE must be set in production"),
        "{failure}"
    );
}

#[tokio::test]
async fn a_password_change_voids_every_open_reset_link() {
    let app = spawn_app().await;
    app.register("ada@example.com", "correct horse").await;
    app.graphql(
        None,
        "mutation { requestPasswordReset(email: \"ada@example.com\") }",
        json!({}),
    )
    .await;
    let token = app.reset_links().await[0]
        .split("token=")
        .nth(1)
        .unwrap()
        .to_string();
    let access = app.token("ada@example.com", "correct horse").await;
    let changed = app
        .graphql(
            Some(&access),
            "mutation { changePassword(currentPassword: \"correct horse\", newPassword: \"brand new horse\") }",
            json!({}),
        )
        .await;
    assert!(changed["errors"].is_null(), "{changed}");
    let reset = app
        .graphql(
            None,
            "mutation($t: String!) { resetPassword(token: $t, newPassword: \"attacker horse\") }",
            json!({ "t": token }),
        )
        .await;
    assert_eq!(code(&reset), "BAD_USER_INPUT", "{reset}");
    assert!(
        app.login("ada@example.com", "brand new horse").await["data"]["login"]["accessToken"]
            .is_string()
    );
    app.finish().await;
}

#[tokio::test]
async fn create_admin_promotes_an_existing_account_only_with_its_password() {
    let app = spawn_app().await;
    app.register("ada@example.com", "correct horse").await;
    let refused = app
        .accounts
        .ensure_admin("ada@example.com", "a guessed password", "Ada")
        .await;
    assert!(refused.is_err(), "promoted without the account's password");
    let ada = app.token("ada@example.com", "correct horse").await;
    let roles = app.graphql(Some(&ada), "{ me { roles } }", json!({})).await;
    assert_eq!(roles["data"]["me"]["roles"], json!(["CUSTOMER"]), "{roles}");
    let promoted = app
        .accounts
        .ensure_admin("ada@example.com", "correct horse", "Ada")
        .await
        .unwrap();
    assert!(promoted.roles.contains(&platform::auth::Role::Admin));
    app.finish().await;
}

#[tokio::test]
async fn password_reset_requests_are_limited_per_address_whether_or_not_it_exists() {
    let app = spawn_app().await;
    app.register("ada@example.com", "correct horse").await;
    for email in ["ada@example.com", "nobody@example.com"] {
        let ask = format!("mutation {{ requestPasswordReset(email: \"{email}\") }}");
        for _ in 0..user::app::accounts::RESETS_PER_HOUR {
            let answer = app.graphql(None, &ask, json!({})).await;
            assert_eq!(answer["data"]["requestPasswordReset"], true, "{answer}");
        }
        let over = app.graphql(None, &ask, json!({})).await;
        assert_eq!(code(&over), "RATE_LIMITED", "{email}: {over}");
        assert!(over["errors"][0]["extensions"]["retryAfter"].is_string());
    }
    assert_eq!(
        app.reset_links().await.len() as u64,
        user::app::accounts::RESETS_PER_HOUR,
        "no reset mail past the limit"
    );
    app.finish().await;
}

#[tokio::test]
async fn a_session_ends_at_its_absolute_lifetime_however_often_it_is_refreshed() {
    let app = spawn_app().await;
    app.register("ada@example.com", "correct horse").await;
    let (access, refresh) = app.session("ada@example.com").await;
    let rotated = app.refresh(&refresh).await;
    let refresh = rotated["data"]["refreshSession"]["refreshToken"]
        .as_str()
        .expect("a young session refreshes")
        .to_string();
    // The login was 31 days ago: past the 30-day lifetime.
    let admin = app.database().unwrap().admin_pool().await.unwrap();
    sqlx::query("UPDATE users.sessions SET created_at = now() - interval '31 days'")
        .execute(&admin)
        .await
        .unwrap();
    admin.close().await;
    let late = app.refresh(&refresh).await;
    assert_eq!(code(&late), "UNAUTHENTICATED", "{late}");
    assert!(!app.verifies(&access).await, "its access token stops too");
    app.finish().await;
}
