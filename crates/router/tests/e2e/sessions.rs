//! Tokens across the supergraph: every subgraph refuses bad tokens, and a
//! logout reaches every subgraph within the verification cache TTL.

use std::time::{SystemTime, UNIX_EPOCH};

use crate::support::{Stack, TOKEN_CACHE_TTL, error_code, spawn_stack};
use base64::Engine;
use ed25519_dalek::SigningKey;
use ed25519_dalek::pkcs8::{DecodePrivateKey, EncodePrivateKey};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::{Value, json};

/// One operation per subgraph that needs a verified caller.
const GUARDED: [(&str, &str); 3] = [
    ("user", "{ me { id } }"),
    (
        "product",
        "mutation { createProduct(input: { name: \"X\", price: { amount: \"1\", currency: \"USD\" } }) { id } }",
    ),
    (
        "order",
        "mutation { addToCart(productId: \"00000000-0000-7000-9000-000000000001\", quantity: 1) { itemCount } }",
    ),
];

/// The `extensions.code` each subgraph gives a valid customer token: the
/// token passed, and the subgraph's own rule (or the missing product) spoke.
const ACCEPTED: [&str; 3] = ["<none>", "FORBIDDEN", "NOT_FOUND"];

async fn codes(stack: &Stack, token: &str) -> Vec<String> {
    let mut codes = Vec::new();
    for (_, operation) in GUARDED {
        let response = stack.graphql(Some(token), operation, json!({})).await;
        codes.push(error_code(&response).unwrap_or("<none>").to_string());
    }
    codes
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn every_subgraph_refuses_forged_expired_and_malformed_tokens() {
    let stack = spawn_stack().await;
    let (token, _) = stack
        .register_and_login(
            &format!("eve-{}@example.com", uuid::Uuid::new_v4().simple()),
            "eve-password",
        )
        .await;
    let payload = token.split('.').nth(1).unwrap();
    let claims: Value = serde_json::from_slice(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(payload)
            .unwrap(),
    )
    .unwrap();

    let pem = std::fs::read_to_string(&stack.key_file).unwrap();
    let key = SigningKey::from_pkcs8_pem(&pem).unwrap();
    let right_key = EncodingKey::from_ed_der(key.to_pkcs8_der().unwrap().as_bytes());
    // The real token's header: EdDSA, `typ: at+jwt`, the key's `kid`.
    let header = jsonwebtoken::decode_header(&token).unwrap();
    assert_eq!(header.typ.as_deref(), Some("at+jwt"));
    let sign_with = |header: &Header, claims: &Value, key: &EncodingKey| {
        jsonwebtoken::encode(header, claims, key).unwrap()
    };
    let sign = |claims: &Value, key: &EncodingKey| sign_with(&header, claims, key);
    let header_with = |edit: &dyn Fn(&mut Header)| {
        let mut header = header.clone();
        edit(&mut header);
        header
    };
    let with = |edit: &dyn Fn(&mut serde_json::Map<String, Value>)| {
        let mut claims = claims.clone();
        edit(claims.as_object_mut().unwrap());
        claims
    };

    // Control: the same claims re-signed with the real key are accepted, so
    // every refusal below is about the one thing that was changed.
    assert_eq!(codes(&stack, &sign(&claims, &right_key)).await, ACCEPTED);

    let other_key = SigningKey::generate(&mut rand::rngs::OsRng);
    let public = key.verifying_key();
    let forged = [
        (
            "alg none",
            format!("{}.{}.", b64(br#"{"alg":"none","typ":"JWT"}"#), payload),
        ),
        (
            "another key",
            sign(
                &claims,
                &EncodingKey::from_ed_der(other_key.to_pkcs8_der().unwrap().as_bytes()),
            ),
        ),
        (
            "HS256 keyed with the public key",
            jsonwebtoken::encode(
                &Header::new(Algorithm::HS256),
                &claims,
                &EncodingKey::from_secret(public.as_bytes()),
            )
            .unwrap(),
        ),
        (
            "HS256 keyed with the JWK x",
            jsonwebtoken::encode(
                &Header::new(Algorithm::HS256),
                &claims,
                &EncodingKey::from_secret(b64(public.as_bytes()).as_bytes()),
            )
            .unwrap(),
        ),
        (
            "expired",
            sign(
                &with(&|c| {
                    c.insert("exp".into(), json!(now() - 3600));
                    c.insert("iat".into(), json!(now() - 7200));
                }),
                &right_key,
            ),
        ),
        (
            "not yet valid",
            sign(
                &with(&|c| {
                    c.insert("nbf".into(), json!(now() + 3600));
                }),
                &right_key,
            ),
        ),
        (
            "wrong issuer",
            sign(
                &with(&|c| {
                    c.insert("iss".into(), json!("evil"));
                }),
                &right_key,
            ),
        ),
        (
            "wrong audience",
            sign(
                &with(&|c| {
                    c.insert("aud".into(), json!("elsewhere"));
                }),
                &right_key,
            ),
        ),
        (
            "no exp",
            sign(
                &with(&|c| {
                    c.remove("exp");
                }),
                &right_key,
            ),
        ),
        (
            "tampered payload",
            format!(
                "{}.{}.{}",
                token.split('.').next().unwrap(),
                b64(with(&|c| {
                    c.insert("roles".into(), json!(["ADMIN"]));
                })
                .to_string()
                .as_bytes()),
                token.split('.').nth(2).unwrap()
            ),
        ),
        (
            "typ JWT instead of at+jwt",
            sign_with(
                &header_with(&|h| h.typ = Some("JWT".into())),
                &claims,
                &right_key,
            ),
        ),
        (
            "no typ",
            sign_with(&header_with(&|h| h.typ = None), &claims, &right_key),
        ),
        (
            "no kid",
            sign_with(&header_with(&|h| h.kid = None), &claims, &right_key),
        ),
        (
            "a kid the JWKS does not list",
            sign_with(
                &header_with(&|h| h.kid = Some("0011223344556677".into())),
                &claims,
                &right_key,
            ),
        ),
        ("random string", "definitely-not-a-jwt".to_string()),
    ];
    for (name, token) in forged {
        assert_eq!(
            codes(&stack, &token).await,
            vec!["UNAUTHENTICATED"; 3],
            "{name}"
        );
    }
    stack.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn after_logout_every_subgraph_refuses_the_token_within_the_cache_ttl() {
    let stack = spawn_stack().await;
    let (token, _) = stack
        .register_and_login(
            &format!("lee-{}@example.com", uuid::Uuid::new_v4().simple()),
            "lee-password",
        )
        .await;
    // Product and order verify and cache the token.
    assert_eq!(codes(&stack, &token).await, ACCEPTED);

    let logout = stack
        .graphql(Some(&token), "mutation { logout }", json!({}))
        .await;
    assert_eq!(logout["data"]["logout"], true, "{logout}");
    // The user service checks its own sessions: refused at once.
    assert_eq!(
        error_code(&stack.graphql(Some(&token), GUARDED[0].1, json!({})).await),
        Some("UNAUTHENTICATED")
    );

    tokio::time::sleep(TOKEN_CACHE_TTL + std::time::Duration::from_millis(500)).await;
    assert_eq!(codes(&stack, &token).await, vec!["UNAUTHENTICATED"; 3]);
    stack.shutdown().await;
}

/// Redis is a cache, never an authority: an answer planted where token
/// verifications used to be cached is not believed by any subgraph.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_forged_token_cache_entry_in_redis_is_not_accepted() {
    let stack = spawn_stack().await;
    let (real, user_id) = stack
        .register_and_login(
            &format!("mallory-{}@example.com", uuid::Uuid::new_v4().simple()),
            "mallory-password",
        )
        .await;
    let cache = platform::cache::Cache::connect(
        platform::config::redis_url().as_deref(),
        "test",
        "no forging possible",
    )
    .await;
    assert!(cache.is_enabled(), "Redis must run for this test");
    let forged = format!("forged-{}", uuid::Uuid::new_v4());
    let principal = json!({
        "user_id": user_id,
        "roles": ["CUSTOMER", "STAFF", "ADMIN"],
        "session_id": uuid::Uuid::new_v4(),
        "expires_at": now() + 3600,
    });
    // Under the key format the verifier once used (and any plausible one).
    for prefix in ["shop:token:", "shop:development:shop-test:token:"] {
        use sha2::Digest;
        let digest: String = sha2::Sha256::digest(forged.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        cache
            .set(
                &format!("{prefix}{digest}"),
                &principal.to_string(),
                std::time::Duration::from_secs(60),
            )
            .await;
    }
    assert_eq!(codes(&stack, &forged).await, vec!["UNAUTHENTICATED"; 3]);
    // The real token still works: the refusal was about the forgery.
    assert_eq!(codes(&stack, &real).await, ACCEPTED);
    stack.shutdown().await;
}
