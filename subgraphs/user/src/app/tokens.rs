//! Access tokens: JWTs signed with Ed25519 (EdDSA), per RFC 8725.
//!
//! Verification pins the algorithm, requires the `at+jwt` type (RFC 9068:
//! an access token cannot be confused with another kind of JWT), picks the
//! key by `kid`, and checks `iss`, `aud`, `exp` and `nbf` with a small
//! leeway. The key comes from `JWT_PRIVATE_KEY_FILE`; in development a
//! missing key is generated once and kept under the data directory, so
//! tokens survive restarts.
//!
//! **Rotation.** `JWT_PREVIOUS_KEY_FILE` (in development
//! `jwt-ed25519.previous.pem` next to the key) is the key that signed until
//! the last rotation. Its tokens still verify, and the JWKS publishes both,
//! so `cargo xtask rotate-jwt-key` and a restart log nobody out: tokens
//! signed before live out their 15 minutes, refresh tokens are opaque and
//! unaffected.

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

/// The `typ` header of an access token (RFC 9068), set and required.
pub const ACCESS_TOKEN_TYPE: &str = "at+jwt";

/// The development key's file name under the data directory.
pub const DEV_KEY_FILE: &str = "jwt-ed25519.pem";
/// The previous development key's file name, kept by a rotation.
pub const DEV_PREVIOUS_KEY_FILE: &str = "jwt-ed25519.previous.pem";

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
    /// The keys tokens may be signed with, by `kid`: the current one first,
    /// then the previous one after a rotation.
    decoding: Vec<(String, DecodingKey)>,
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
            None => load_or_generate_dev_key(&config.data_dir.join(DEV_KEY_FILE))?,
        };
        let previous = match &config.previous_key_file {
            Some(path) => Some(std::fs::read_to_string(path).with_context(|| {
                format!("cannot read JWT_PREVIOUS_KEY_FILE {}", path.display())
            })?),
            None if config.private_key_file.is_none() => {
                std::fs::read_to_string(config.data_dir.join(DEV_PREVIOUS_KEY_FILE)).ok()
            }
            None => None,
        };
        Self::with_previous(&pem, previous.as_deref(), config)
    }

    /// A signer from a PKCS#8 PEM private key.
    pub fn from_pem(private_pem: &str, config: &JwtConfig) -> anyhow::Result<Self> {
        Self::with_previous(private_pem, None, config)
    }

    /// A signer from the current key that also accepts tokens signed with
    /// `previous` (both PKCS#8 PEM).
    pub fn with_previous(
        private_pem: &str,
        previous: Option<&str>,
        config: &JwtConfig,
    ) -> anyhow::Result<Self> {
        let parse = |pem: &str| {
            SigningKey::from_pkcs8_pem(pem)
                .map_err(|e| anyhow::anyhow!("JWT key is not a PKCS#8 Ed25519 PEM: {e}"))
        };
        let key = parse(private_pem)?;
        let private_der = key.to_pkcs8_der().map_err(|e| anyhow::anyhow!("{e}"))?;
        let kid = key_id(&key);
        let mut keys = vec![key.clone()];
        if let Some(previous) = previous {
            let previous = parse(previous)?;
            if key_id(&previous) != kid {
                keys.push(previous);
            }
        }
        let jwks = {
            use base64::Engine;
            let jwk = |key: &SigningKey| {
                let x = base64::engine::general_purpose::URL_SAFE_NO_PAD
                    .encode(key.verifying_key().as_bytes());
                serde_json::json!({ "kty": "OKP", "crv": "Ed25519", "x": x, "kid": key_id(key), "alg": "EdDSA", "use": "sig" })
            };
            serde_json::json!({ "keys": keys.iter().map(jwk).collect::<Vec<_>>() })
        };
        // jsonwebtoken's verifier takes the raw 32-byte public key (its PEM
        // helpers need another feature).
        let decoding = keys
            .iter()
            .map(|k| {
                (
                    key_id(k),
                    DecodingKey::from_ed_der(k.verifying_key().as_bytes()),
                )
            })
            .collect();
        let mut validation = Validation::new(Algorithm::EdDSA);
        validation.set_issuer(&[&config.issuer]);
        validation.set_audience(&[&config.audience]);
        validation.set_required_spec_claims(&["exp", "nbf", "iss", "aud", "sub"]);
        validation.validate_nbf = true;
        validation.leeway = LEEWAY_SECS;
        Ok(Self {
            // jsonwebtoken's signer takes PKCS#8 DER.
            encoding: EncodingKey::from_ed_der(private_der.as_bytes()),
            decoding,
            validation,
            kid,
            issuer: config.issuer.clone(),
            audience: config.audience.clone(),
            ttl: config.access_ttl,
            jwks,
        })
    }

    /// The `kid` of the key that signs new tokens.
    pub fn current_kid(&self) -> &str {
        &self.kid
    }

    /// The public signing keys (current, then previous) as a JWK Set
    /// (RFC 7517, OKP key type of RFC 8037).
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
        header.typ = Some(ACCESS_TOKEN_TYPE.into());
        header.kid = Some(self.kid.clone());
        let token = jsonwebtoken::encode(&header, &claims, &self.encoding)
            .map_err(|e| Error::Internal(e.into()))?;
        Ok(IssuedToken { token, expires_at })
    }

    /// Checks signature, algorithm and claims. Any failure is
    /// [`Error::InvalidToken`]; the reason is only logged at debug level.
    pub fn verify(&self, token: &str) -> Result<Claims> {
        let rejected = |reason: &dyn std::fmt::Display| {
            tracing::debug!(error = %reason, "token rejected");
            Error::InvalidToken
        };
        let header = jsonwebtoken::decode_header(token).map_err(|e| rejected(&e))?;
        if header.typ.as_deref() != Some(ACCESS_TOKEN_TYPE) {
            return Err(rejected(&"typ is not at+jwt"));
        }
        let key = header
            .kid
            .as_deref()
            .and_then(|kid| self.decoding.iter().find(|(k, _)| k == kid))
            .map(|(_, key)| key)
            .ok_or_else(|| rejected(&"unknown or missing kid"))?;
        jsonwebtoken::decode::<Claims>(token, key, &self.validation)
            .map(|data| data.claims)
            .map_err(|e| rejected(&e))
    }
}

/// A key's id: the first 8 bytes of its public key, in hex.
fn key_id(key: &SigningKey) -> String {
    key.verifying_key().as_bytes()[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Rotates the development keys in `data_dir`: the current key becomes the
/// previous one, and a new key signs from now on. For `cargo xtask
/// rotate-jwt-key`; the user service picks the keys up when it restarts.
/// Returns the new key's `kid`.
pub fn rotate_dev_keys(data_dir: &Path) -> anyhow::Result<String> {
    rotate_keys(
        &data_dir.join(DEV_KEY_FILE),
        &data_dir.join(DEV_PREVIOUS_KEY_FILE),
    )
}

/// Rotates the keys in `current` and `previous` (the files of
/// `JWT_PRIVATE_KEY_FILE` and `JWT_PREVIOUS_KEY_FILE`): `current` moves to
/// `previous`, and a new key is written to `current` (mode 0600).
pub fn rotate_keys(current: &Path, previous: &Path) -> anyhow::Result<String> {
    if current.exists() {
        std::fs::rename(current, previous).with_context(|| {
            format!(
                "cannot move {} to {}",
                current.display(),
                previous.display()
            )
        })?;
    }
    let pem = load_or_generate_dev_key(current)?;
    Ok(key_id(
        &SigningKey::from_pkcs8_pem(&pem).map_err(|e| anyhow::anyhow!("{e}"))?,
    ))
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
            session_max_age: Duration::from_secs(30 * 24 * 3600),
            private_key_file: None,
            previous_key_file: None,
            data_dir: dir.to_path_buf(),
            production: false,
        }
    }

    #[test]
    fn tokens_carry_at_jwt_and_a_token_without_it_is_refused() {
        let dir = temp_dir();
        let signer = TokenSigner::from_config(&config(&dir)).unwrap();
        let issued = signer.issue(Uuid::new_v4(), &[], Uuid::new_v4()).unwrap();
        let header = jsonwebtoken::decode_header(&issued.token).unwrap();
        assert_eq!(header.typ.as_deref(), Some("at+jwt"));
        let claims = signer.verify(&issued.token).unwrap();
        let pem = std::fs::read_to_string(dir.join(DEV_KEY_FILE)).unwrap();
        let key = SigningKey::from_pkcs8_pem(&pem).unwrap();
        let encoding = EncodingKey::from_ed_der(key.to_pkcs8_der().unwrap().as_bytes());
        for typ in [None, Some("JWT")] {
            let mut header = Header::new(Algorithm::EdDSA);
            header.typ = typ.map(str::to_string);
            header.kid = Some(signer.current_kid().to_string());
            let token = jsonwebtoken::encode(&header, &claims, &encoding).unwrap();
            assert!(
                matches!(signer.verify(&token), Err(Error::InvalidToken)),
                "{typ:?}"
            );
        }
        // The same claims with the right type verify: only `typ` was wrong.
        let mut header = Header::new(Algorithm::EdDSA);
        header.typ = Some("at+jwt".into());
        header.kid = Some(signer.current_kid().to_string());
        let token = jsonwebtoken::encode(&header, &claims, &encoding).unwrap();
        assert!(signer.verify(&token).is_ok());
        header.kid = None;
        let token = jsonwebtoken::encode(&header, &claims, &encoding).unwrap();
        assert!(signer.verify(&token).is_err(), "a token without kid");
    }

    #[test]
    fn after_a_rotation_old_tokens_verify_and_new_ones_use_the_new_key() {
        let dir = temp_dir();
        let before = TokenSigner::from_config(&config(&dir)).unwrap();
        let old = before
            .issue(Uuid::new_v4(), &[], Uuid::new_v4())
            .unwrap()
            .token;
        let new_kid = rotate_dev_keys(&dir).unwrap();
        assert_ne!(new_kid, before.current_kid());
        let after = TokenSigner::from_config(&config(&dir)).unwrap();
        assert_eq!(after.current_kid(), new_kid);
        assert!(
            after.verify(&old).is_ok(),
            "a token from before the rotation"
        );
        let new = after
            .issue(Uuid::new_v4(), &[], Uuid::new_v4())
            .unwrap()
            .token;
        assert_eq!(
            jsonwebtoken::decode_header(&new).unwrap().kid.as_deref(),
            Some(new_kid.as_str())
        );
        assert_eq!(after.jwks()["keys"].as_array().unwrap().len(), 2);
        // A second rotation retires the first key.
        rotate_dev_keys(&dir).unwrap();
        let later = TokenSigner::from_config(&config(&dir)).unwrap();
        assert!(later.verify(&old).is_err());
        assert!(later.verify(&new).is_ok());
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
