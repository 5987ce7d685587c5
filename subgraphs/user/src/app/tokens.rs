//! Access tokens: JWTs signed with Ed25519 (EdDSA), per RFC 8725.
//!
//! Verification pins the algorithm and checks `iss`, `aud`, `exp` and `nbf`
//! with a small leeway. The key comes from `JWT_PRIVATE_KEY_FILE`; in
//! development a missing key is generated once and kept under the data
//! directory, so tokens survive restarts.

use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use anyhow::Context;
use ed25519_dalek::SigningKey;
use ed25519_dalek::pkcs8::spki::der::pem::LineEnding;
use ed25519_dalek::pkcs8::{DecodePrivateKey, EncodePrivateKey};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use platform::auth::Role;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::config::JwtConfig;
use crate::error::{Error, Result};

/// Clock skew tolerated on `exp` and `nbf`, in seconds.
const LEEWAY_SECS: u64 = 30;

/// The claims of an access token.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Claims {
    /// Issuer, checked on verification.
    pub iss: String,
    /// Audience, checked on verification.
    pub aud: String,
    /// The user id.
    pub sub: String,
    /// Expiry, in seconds since the Unix epoch.
    pub exp: i64,
    /// Issued at, in seconds since the Unix epoch.
    pub iat: i64,
    /// Not valid before, in seconds since the Unix epoch.
    pub nbf: i64,
    /// Unique token id.
    pub jti: String,
    /// The session (login) this token belongs to.
    pub sid: String,
    /// The roles the token grants.
    pub roles: Vec<Role>,
}

/// A freshly signed token.
#[derive(Debug, Clone)]
pub struct IssuedToken {
    /// The compact JWT.
    pub token: String,
    /// Seconds since the Unix epoch.
    pub expires_at: i64,
}

/// Signs access tokens with an Ed25519 key (EdDSA) and verifies them; its
/// public key is published as a JWKS.
pub struct TokenSigner {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    /// Key id in the JWT header, derived from the public key.
    kid: String,
    issuer: String,
    audience: String,
    ttl: Duration,
    /// The public key as a JWK Set, served at `/.well-known/jwks.json`.
    jwks: serde_json::Value,
}

/// An opaque refresh token, and the hash under which it is stored.
pub struct RefreshToken {
    /// Given to the client once; never stored.
    pub token: String,
    /// SHA-256 of the token: the only form stored.
    pub hash: String,
}

impl RefreshToken {
    /// 256 random bits, URL-safe.
    pub fn generate() -> Self {
        use base64::Engine;
        use rand::RngCore;
        let mut bytes = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        let token = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
        let hash = Self::hash(&token);
        Self { token, hash }
    }

    /// The stored form of a token: hex SHA-256. A fast hash is right here:
    /// the token has 256 bits of entropy, so it cannot be guessed offline.
    pub fn hash(token: &str) -> String {
        use sha2::Digest;
        sha2::Sha256::digest(token.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}

impl TokenSigner {
    /// Loads the signing key as configured, generating a development key if
    /// allowed and needed.
    pub fn from_config(config: &JwtConfig) -> anyhow::Result<Self> {
        let pem = match &config.private_key_file {
            Some(path) => std::fs::read_to_string(path)
                .with_context(|| format!("cannot read JWT_PRIVATE_KEY_FILE {}", path.display()))?,
            None if config.production => anyhow::bail!(
                "JWT_PRIVATE_KEY_FILE must be set in production (SHOP_ENV=production)"
            ),
            None => load_or_generate_dev_key(&config.data_dir.join("jwt-ed25519.pem"))?,
        };
        Self::from_pem(&pem, config)
    }

    /// A signer from a PKCS#8 PEM private key.
    pub fn from_pem(private_pem: &str, config: &JwtConfig) -> anyhow::Result<Self> {
        let key = SigningKey::from_pkcs8_pem(private_pem)
            .map_err(|e| anyhow::anyhow!("JWT key is not a PKCS#8 Ed25519 PEM: {e}"))?;
        let private_der = key.to_pkcs8_der().map_err(|e| anyhow::anyhow!("{e}"))?;
        let kid: String = key.verifying_key().as_bytes()[..8]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let jwks = {
            use base64::Engine;
            let x = base64::engine::general_purpose::URL_SAFE_NO_PAD
                .encode(key.verifying_key().as_bytes());
            serde_json::json!({ "keys": [{ "kty": "OKP", "crv": "Ed25519", "x": x, "kid": kid, "alg": "EdDSA", "use": "sig" }] })
        };
        let mut validation = Validation::new(Algorithm::EdDSA);
        validation.set_issuer(&[&config.issuer]);
        validation.set_audience(&[&config.audience]);
        validation.set_required_spec_claims(&["exp", "nbf", "iss", "aud", "sub"]);
        validation.validate_nbf = true;
        validation.leeway = LEEWAY_SECS;
        Ok(Self {
            // jsonwebtoken's signer takes PKCS#8 DER, its verifier the raw
            // 32-byte public key (its PEM helpers need another feature).
            encoding: EncodingKey::from_ed_der(private_der.as_bytes()),
            decoding: DecodingKey::from_ed_der(key.verifying_key().as_bytes()),
            validation,
            kid,
            issuer: config.issuer.clone(),
            audience: config.audience.clone(),
            ttl: config.access_ttl,
            jwks,
        })
    }

    /// The public signing key as a JWK Set (RFC 7517, OKP key type of RFC 8037).
    pub fn jwks(&self) -> &serde_json::Value {
        &self.jwks
    }

    /// Signs an access token for `user_id` in session `session_id`.
    pub fn issue(&self, user_id: Uuid, roles: &[Role], session_id: Uuid) -> Result<IssuedToken> {
        let now = now_secs();
        let expires_at = now + self.ttl.as_secs() as i64;
        let claims = Claims {
            iss: self.issuer.clone(),
            aud: self.audience.clone(),
            sub: user_id.to_string(),
            exp: expires_at,
            iat: now,
            nbf: now,
            jti: Uuid::new_v4().to_string(),
            sid: session_id.to_string(),
            roles: roles.to_vec(),
        };
        let mut header = Header::new(Algorithm::EdDSA);
        header.kid = Some(self.kid.clone());
        let token = jsonwebtoken::encode(&header, &claims, &self.encoding)
            .map_err(|e| Error::Internal(e.into()))?;
        Ok(IssuedToken { token, expires_at })
    }

    /// Checks signature, algorithm and claims. Any failure is
    /// [`Error::InvalidToken`]; the reason is only logged at debug level.
    pub fn verify(&self, token: &str) -> Result<Claims> {
        jsonwebtoken::decode::<Claims>(token, &self.decoding, &self.validation)
            .map(|data| data.claims)
            .map_err(|e| {
                tracing::debug!(error = %e, "token rejected");
                Error::InvalidToken
            })
    }
}

fn now_secs() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

fn load_or_generate_dev_key(path: &Path) -> anyhow::Result<String> {
    if let Ok(pem) = std::fs::read_to_string(path) {
        return Ok(pem);
    }
    tracing::warn!(path = %path.display(), "no JWT_PRIVATE_KEY_FILE configured: generating a development signing key (refused when SHOP_ENV=production)");
    let key = SigningKey::generate(&mut rand::rngs::OsRng);
    let pem = key
        .to_pkcs8_pem(LineEnding::LF)
        .map_err(|e| anyhow::anyhow!("{e}"))?
        .to_string();
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    // Write to a temporary file and rename, so two processes starting at once
    // never read a half-written key.
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    std::fs::write(&tmp, &pem)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&tmp, std::fs::Permissions::from_mode(0o600))?;
    }
    match std::fs::hard_link(&tmp, path) {
        Ok(()) => {
            let _ = std::fs::remove_file(&tmp);
            Ok(pem)
        }
        Err(_) => {
            // Another process won the race: use its key.
            let _ = std::fs::remove_file(&tmp);
            Ok(std::fs::read_to_string(path)?)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(dir: &Path) -> JwtConfig {
        JwtConfig {
            issuer: "test-issuer".into(),
            audience: "test-audience".into(),
            access_ttl: Duration::from_secs(900),
            refresh_ttl: Duration::from_secs(3600),
            private_key_file: None,
            data_dir: dir.to_path_buf(),
            production: false,
        }
    }

    fn temp_dir() -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("shop-jwt-{}", Uuid::new_v4()));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn an_issued_token_verifies_and_carries_its_claims() {
        let dir = temp_dir();
        let signer = TokenSigner::from_config(&config(&dir)).unwrap();
        let (user, session) = (Uuid::new_v4(), Uuid::new_v4());
        let issued = signer.issue(user, &[Role::Staff], session).unwrap();
        let claims = signer.verify(&issued.token).unwrap();
        assert_eq!(claims.sub, user.to_string());
        assert_eq!(claims.sid, session.to_string());
        assert_eq!(claims.roles, vec![Role::Staff]);
        assert_eq!(claims.exp - claims.iat, 900);
    }

    #[test]
    fn the_development_key_is_kept_across_restarts() {
        let dir = temp_dir();
        let first = TokenSigner::from_config(&config(&dir)).unwrap();
        let token = first
            .issue(Uuid::new_v4(), &[Role::Customer], Uuid::new_v4())
            .unwrap()
            .token;
        let second = TokenSigner::from_config(&config(&dir)).unwrap();
        assert!(second.verify(&token).is_ok());
    }

    #[test]
    fn tokens_from_another_key_issuer_or_audience_or_algorithm_are_rejected() {
        let signer = TokenSigner::from_config(&config(&temp_dir())).unwrap();
        let stranger = TokenSigner::from_config(&config(&temp_dir())).unwrap();
        let foreign = stranger
            .issue(Uuid::new_v4(), &[], Uuid::new_v4())
            .unwrap()
            .token;
        assert!(matches!(signer.verify(&foreign), Err(Error::InvalidToken)));

        let dir = temp_dir();
        let mut other_audience = config(&dir);
        other_audience.audience = "elsewhere".into();
        let mine = TokenSigner::from_config(&config(&dir)).unwrap();
        let theirs = TokenSigner::from_config(&other_audience).unwrap();
        let token = theirs
            .issue(Uuid::new_v4(), &[], Uuid::new_v4())
            .unwrap()
            .token;
        assert!(matches!(mine.verify(&token), Err(Error::InvalidToken)));

        // "alg": "none" must never be accepted.
        let unsigned = format!(
            "{}.{}.",
            b64(r#"{"alg":"none","typ":"JWT"}"#),
            b64(
                r#"{"sub":"x","exp":9999999999,"nbf":0,"iss":"test-issuer","aud":"test-audience"}"#
            )
        );
        assert!(matches!(mine.verify(&unsigned), Err(Error::InvalidToken)));
    }

    #[test]
    fn production_refuses_to_generate_a_key() {
        let mut production = config(&temp_dir());
        production.production = true;
        assert!(TokenSigner::from_config(&production).is_err());
    }

    fn b64(s: &str) -> String {
        use base64::Engine;
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s)
    }
}
