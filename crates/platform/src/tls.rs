//! Service identity on every gRPC call: mutual TLS.
//!
//! Each service has one certificate, issued by the deployment's CA, whose
//! DNS subject alternative name is the service's name (`user`, `product`,
//! `order`, `notification`). It serves gRPC with it, and presents it when it
//! calls a peer; the peer checks it against the CA and reads the name as the
//! caller's identity. Each server then checks the caller against a
//! per-method allowlist ([`Access`], [`AllowlistLayer`]):
//!
//! - no certificate where one is needed: `UNAUTHENTICATED`;
//! - a service that may not call the method: `PERMISSION_DENIED`.
//!
//! Refusals carry the metadata `shop-guard: refused`, so a test can tell them
//! from the method's own answers.
//!
//! Certificates and keys are read from files (`GRPC_TLS_CA_FILE`,
//! `GRPC_TLS_CERT_FILE`, `GRPC_TLS_KEY_FILE`) and reread when a file
//! changes, at the next handshake: a renewed certificate needs no restart,
//! and neither does a rotated CA. To rotate the CA, put the old and the new
//! CA in the CA file (a PEM bundle), renew every service's certificate, then
//! leave the new CA alone in the file. Sessions are never resumed, so every
//! new connection is checked against the CA file as it is now.
//! Production requires the three files (plaintext gRPC is refused); in
//! development, when they are unset, a development CA and certificates are
//! generated under `$SHOP_DATA_DIR/pki` with [`DevPki`].

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::SystemTime;

use anyhow::Context as _;
use tokio_rustls::rustls;
use tokio_rustls::rustls::pki_types::pem::PemObject;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName};
use tokio_rustls::rustls::sign::CertifiedKey;

use crate::config::{env_opt, is_production};

/// The services that hold certificates, by the name in their SAN.
pub const SERVICES: [&str; 4] = ["user", "product", "order", "notification"];

/// The variables [`GrpcTls::from_env`] reads.
pub const ENV_VARS: &[&str] = &[
    "GRPC_TLS_CA_FILE",
    "GRPC_TLS_CERT_FILE",
    "GRPC_TLS_KEY_FILE",
];

/// Where a service finds its CA, certificate and key (PEM files).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GrpcTls {
    /// The CA that issues every service's certificate.
    pub ca_file: PathBuf,
    /// This service's certificate (chain), SAN = its name.
    pub cert_file: PathBuf,
    /// This service's private key (PKCS#8).
    pub key_file: PathBuf,
    /// The name in this service's certificate.
    pub service: &'static str,
}

impl GrpcTls {
    /// The files of `service` from the environment. In development, when
    /// they are unset, the development PKI under `$SHOP_DATA_DIR/pki`
    /// (created if missing); in production they are required.
    pub fn from_env(service: &'static str) -> anyhow::Result<Self> {
        match (
            env_opt("GRPC_TLS_CA_FILE"),
            env_opt("GRPC_TLS_CERT_FILE"),
            env_opt("GRPC_TLS_KEY_FILE"),
        ) {
            (Some(ca), Some(cert), Some(key)) => Ok(Self {
                ca_file: ca.into(),
                cert_file: cert.into(),
                key_file: key.into(),
                service,
            }),
            (None, None, None) if !is_production() => {
                let dir = Path::new(&crate::config::env_or("SHOP_DATA_DIR", ".data")).join("pki");
                Ok(DevPki::ensure(&dir)?.service(service))
            }
            (None, None, None) => anyhow::bail!(
                "GRPC_TLS_CA_FILE, GRPC_TLS_CERT_FILE and GRPC_TLS_KEY_FILE are required in production: gRPC between services is mutual TLS, never plaintext"
            ),
            _ => anyhow::bail!(
                "set all of GRPC_TLS_CA_FILE, GRPC_TLS_CERT_FILE and GRPC_TLS_KEY_FILE, or none (development only)"
            ),
        }
    }

    /// The tests' files for `service`: one development PKI per test
    /// process, in a temporary directory.
    pub fn for_test(service: &'static str) -> Self {
        static PKI: std::sync::OnceLock<DevPki> = std::sync::OnceLock::new();
        PKI.get_or_init(|| {
            let dir = std::env::temp_dir().join(format!("shop-test-pki-{}", uuid::Uuid::new_v4()));
            DevPki::ensure(&dir).expect("generate the test PKI")
        })
        .service(service)
    }

    /// The TLS configuration of this service's gRPC server: TLS 1.3, h2,
    /// client certificates verified against the CA when presented (methods
    /// that need one refuse callers without it), the certificate reloaded
    /// when its files change.
    pub fn server_config(&self) -> anyhow::Result<Arc<rustls::ServerConfig>> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let mut config = rustls::ServerConfig::builder_with_provider(provider)
            .with_protocol_versions(&[&rustls::version::TLS13])?
            .with_client_cert_verifier(Arc::new(ReloadingRoots::load(&self.ca_file)?))
            .with_cert_resolver(Arc::new(ReloadingKey::load(self)?));
        config.alpn_protocols = vec![b"h2".to_vec()];
        // No session resumption: a resumed session skips the certificate
        // check, so a caller would keep an identity its CA no longer
        // vouches for. gRPC connections live long; full handshakes are rare.
        config.session_storage = Arc::new(rustls::server::NoServerSessionStorage {});
        config.send_tls13_tickets = 0;
        Ok(Arc::new(config))
    }

    /// The TLS configuration for calling peers: the CA as the only root
    /// (reloaded when its file changes), and this service's certificate as
    /// the client identity (reloaded when its files change).
    pub fn client_config(&self) -> anyhow::Result<Arc<rustls::ClientConfig>> {
        client_config(&self.ca_file, Some(Arc::new(ReloadingKey::load(self)?)))
    }
}

/// The CA certificates in `ca_file`, as the only roots.
fn roots(ca_file: &Path) -> anyhow::Result<rustls::RootCertStore> {
    let mut roots = rustls::RootCertStore::empty();
    for cert in CertificateDer::pem_file_iter(ca_file)
        .with_context(|| format!("cannot read {}", ca_file.display()))?
    {
        roots.add(cert?)?;
    }
    Ok(roots)
}

/// A TLS 1.3, h2 client configuration trusting only the CA in `ca_file`
/// (reloaded when the file changes), presenting `identity`'s certificate or
/// none.
fn client_config(
    ca_file: &Path,
    identity: Option<Arc<dyn rustls::client::ResolvesClientCert>>,
) -> anyhow::Result<Arc<rustls::ClientConfig>> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = rustls::ClientConfig::builder_with_provider(provider)
        .with_protocol_versions(&[&rustls::version::TLS13])?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(ReloadingRoots::load(ca_file)?));
    let mut config = match identity {
        Some(identity) => builder.with_client_cert_resolver(identity),
        None => builder.with_no_client_auth(),
    };
    config.alpn_protocols = vec![b"h2".to_vec()];
    // Every connection checks the peer against the current CA (see the
    // server's side).
    config.resumption = rustls::client::Resumption::disabled();
    Ok(Arc::new(config))
}

/// The verifiers built from one reading of the CA file.
#[derive(Debug, Clone)]
struct Verifiers {
    /// Checks a caller's certificate (optional: methods that need one
    /// refuse callers without it).
    client: Arc<dyn rustls::server::danger::ClientCertVerifier>,
    /// Checks a peer server's certificate.
    server: Arc<dyn rustls::client::danger::ServerCertVerifier>,
}

impl Verifiers {
    fn read(ca_file: &Path) -> anyhow::Result<Self> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let roots = Arc::new(roots(ca_file)?);
        Ok(Self {
            client: rustls::server::WebPkiClientVerifier::builder_with_provider(
                roots.clone(),
                provider.clone(),
            )
            .allow_unauthenticated()
            .build()?,
            server: rustls::client::WebPkiServerVerifier::builder_with_provider(roots, provider)
                .build()?,
        })
    }
}

/// The CA file's roots, read again when the file's modification time
/// changes (checked at each handshake, as [`ReloadingKey`] does; a CA file
/// that cannot be read keeps the last good roots and logs why). Both sides
/// of a connection use it: servers to check callers, callers to check
/// servers.
#[derive(Debug)]
struct ReloadingRoots {
    ca_file: PathBuf,
    current: Mutex<(Option<SystemTime>, Verifiers)>,
}

impl ReloadingRoots {
    fn load(ca_file: &Path) -> anyhow::Result<Self> {
        let verifiers = Verifiers::read(ca_file)?;
        Ok(Self {
            current: Mutex::new((modified(&[ca_file]), verifiers)),
            ca_file: ca_file.to_path_buf(),
        })
    }

    fn current(&self) -> Verifiers {
        let stamp = modified(&[&self.ca_file]);
        let mut current = self.current.lock().unwrap_or_else(|e| e.into_inner());
        if stamp != current.0 {
            match Verifiers::read(&self.ca_file) {
                Ok(verifiers) => {
                    tracing::info!(ca = %self.ca_file.display(), "gRPC CA reloaded");
                    *current = (stamp, verifiers);
                }
                Err(err) => {
                    tracing::warn!(error = %err, "gRPC CA file changed but cannot be read; keeping the previous roots");
                    current.0 = stamp;
                }
            }
        }
        current.1.clone()
    }
}

impl rustls::server::danger::ClientCertVerifier for ReloadingRoots {
    fn client_auth_mandatory(&self) -> bool {
        false
    }

    fn root_hint_subjects(&self) -> &[rustls::DistinguishedName] {
        // Hints are optional, and every service presents its one
        // certificate whatever the hints say.
        &[]
    }

    fn verify_client_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        now: rustls::pki_types::UnixTime,
    ) -> Result<rustls::server::danger::ClientCertVerified, rustls::Error> {
        self.current()
            .client
            .verify_client_cert(end_entity, intermediates, now)
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
        self.current()
            .client
            .verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
        self.current()
            .client
            .verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<rustls::SignatureScheme> {
        self.current().client.supported_verify_schemes()
    }
}

impl rustls::client::danger::ServerCertVerifier for ReloadingRoots {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: rustls::pki_types::UnixTime,
    ) -> Result<rustls::client::danger::ServerCertVerified, rustls::Error> {
        self.current().server.verify_server_cert(
            end_entity,
            intermediates,
            server_name,
            ocsp_response,
            now,
        )
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
        self.current()
            .server
            .verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
        self.current()
            .server
            .verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<rustls::SignatureScheme> {
        self.current().server.supported_verify_schemes()
    }
}

/// A certificate and key read from files and read again when either file's
/// modification time changes (checked at each handshake; a failed reload
/// keeps the last good pair and logs why).
#[derive(Debug)]
struct ReloadingKey {
    cert_file: PathBuf,
    key_file: PathBuf,
    current: Mutex<(Option<SystemTime>, Arc<CertifiedKey>)>,
}

fn modified(paths: &[&Path]) -> Option<SystemTime> {
    paths
        .iter()
        .filter_map(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok())
        .max()
}

fn certified_key(cert_file: &Path, key_file: &Path) -> anyhow::Result<Arc<CertifiedKey>> {
    let certs = CertificateDer::pem_file_iter(cert_file)
        .with_context(|| format!("cannot read {}", cert_file.display()))?
        .collect::<Result<Vec<_>, _>>()?;
    anyhow::ensure!(
        !certs.is_empty(),
        "{} holds no certificate",
        cert_file.display()
    );
    let key = PrivateKeyDer::from_pem_file(key_file)
        .with_context(|| format!("cannot read {}", key_file.display()))?;
    let signing = rustls::crypto::ring::default_provider()
        .key_provider
        .load_private_key(key)?;
    Ok(Arc::new(CertifiedKey::new(certs, signing)))
}

impl ReloadingKey {
    fn load(tls: &GrpcTls) -> anyhow::Result<Self> {
        let key = certified_key(&tls.cert_file, &tls.key_file)?;
        Ok(Self {
            current: Mutex::new((modified(&[&tls.cert_file, &tls.key_file]), key)),
            cert_file: tls.cert_file.clone(),
            key_file: tls.key_file.clone(),
        })
    }

    fn current(&self) -> Arc<CertifiedKey> {
        let stamp = modified(&[&self.cert_file, &self.key_file]);
        let mut current = self.current.lock().unwrap_or_else(|e| e.into_inner());
        if stamp != current.0 {
            match certified_key(&self.cert_file, &self.key_file) {
                Ok(key) => {
                    tracing::info!(cert = %self.cert_file.display(), "gRPC certificate reloaded");
                    *current = (stamp, key);
                }
                Err(err) => {
                    tracing::warn!(error = %err, "gRPC certificate changed but cannot be read; keeping the previous one");
                    current.0 = stamp;
                }
            }
        }
        current.1.clone()
    }
}

impl rustls::server::ResolvesServerCert for ReloadingKey {
    fn resolve(&self, _: rustls::server::ClientHello<'_>) -> Option<Arc<CertifiedKey>> {
        Some(self.current())
    }
}

impl rustls::client::ResolvesClientCert for ReloadingKey {
    fn resolve(&self, _: &[&[u8]], _: &[rustls::SignatureScheme]) -> Option<Arc<CertifiedKey>> {
        Some(self.current())
    }

    fn has_certs(&self) -> bool {
        true
    }
}

/// A channel to the gRPC server of `peer` (its name, as in its
/// certificate) at `url` (`http://host:port`), over mutual TLS with
/// `tls` as this side's identity, or with `None` in plaintext (tools and
/// tests that play an outsider). It connects lazily and reconnects by
/// itself; each new connection reads the certificate files afresh if they
/// changed.
pub fn channel(
    url: &str,
    peer: &str,
    tls: Option<Arc<rustls::ClientConfig>>,
    timeout: std::time::Duration,
) -> anyhow::Result<tonic::transport::Channel> {
    let endpoint = tonic::transport::Endpoint::from_shared(url.to_string())?
        .connect_timeout(std::time::Duration::from_secs(2).min(timeout))
        .timeout(timeout);
    let Some(tls) = tls else {
        return Ok(endpoint.connect_lazy());
    };
    let name = ServerName::try_from(peer.to_string())?;
    let connector = tower::service_fn(move |uri: http::Uri| {
        let (tls, name) = (tokio_rustls::TlsConnector::from(tls.clone()), name.clone());
        async move {
            let host = uri.host().unwrap_or("127.0.0.1").to_string();
            let port = uri.port_u16().unwrap_or(443);
            let tcp = tokio::net::TcpStream::connect((host.as_str(), port)).await?;
            tcp.set_nodelay(true)?;
            let stream = tls.connect(name, tcp).await?;
            Ok::<_, std::io::Error>(hyper_util::rt::TokioIo::new(stream))
        }
    });
    Ok(endpoint.connect_with_connector_lazy(connector))
}

/// The TLS client configuration of a caller outside the services (a
/// tool, a test): it trusts the CA in `ca_file` and presents no
/// certificate, or the certificate of `identity` from the same PKI.
pub fn outsider_config(
    ca_file: &Path,
    identity: Option<&GrpcTls>,
) -> anyhow::Result<Arc<rustls::ClientConfig>> {
    match identity {
        Some(identity) => identity.client_config(),
        None => client_config(ca_file, None),
    }
}

/// A development CA and one certificate per service, generated with
/// `rcgen` (ECDSA P-256). For the dev command and the tests only.
#[derive(Debug, Clone)]
pub struct DevPki {
    dir: PathBuf,
}

impl DevPki {
    /// The PKI in `dir`, generated when `dir/ca.pem` is missing.
    pub fn ensure(dir: &Path) -> anyhow::Result<Self> {
        let pki = Self {
            dir: dir.to_path_buf(),
        };
        if !dir.join("ca.pem").exists() {
            pki.generate()?;
        }
        Ok(pki)
    }

    fn generate(&self) -> anyhow::Result<()> {
        use rcgen::{
            BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, KeyPair,
            KeyUsagePurpose,
        };
        std::fs::create_dir_all(&self.dir)
            .with_context(|| format!("cannot create {}", self.dir.display()))?;
        let mut ca = CertificateParams::new(Vec::<String>::new())?;
        ca.distinguished_name
            .push(DnType::CommonName, "shop development CA");
        ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        ca.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        let ca_key = KeyPair::generate()?;
        let ca = rcgen::CertifiedIssuer::self_signed(ca, ca_key)?;
        for service in SERVICES {
            let mut params = CertificateParams::new(vec![service.to_string()])?;
            params.distinguished_name.push(DnType::CommonName, service);
            params.extended_key_usages = vec![
                ExtendedKeyUsagePurpose::ServerAuth,
                ExtendedKeyUsagePurpose::ClientAuth,
            ];
            let key = KeyPair::generate()?;
            let cert = params.signed_by(&key, &ca)?;
            self.write(&format!("{service}.pem"), &cert.pem())?;
            self.write(&format!("{service}-key.pem"), &key.serialize_pem())?;
        }
        // The CA goes last: its presence means the rest is complete.
        self.write("ca.pem", &ca.pem())?;
        Ok(())
    }

    fn write(&self, name: &str, contents: &str) -> anyhow::Result<()> {
        let path = self.dir.join(name);
        let tmp = self.dir.join(format!(".{name}.tmp{}", std::process::id()));
        std::fs::write(&tmp, contents)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&tmp, std::fs::Permissions::from_mode(0o600))?;
        }
        std::fs::rename(&tmp, &path).with_context(|| format!("cannot write {}", path.display()))?;
        Ok(())
    }

    /// The CA certificate's file.
    pub fn ca_file(&self) -> PathBuf {
        self.dir.join("ca.pem")
    }

    /// The files of `service`.
    pub fn service(&self, service: &'static str) -> GrpcTls {
        GrpcTls {
            ca_file: self.ca_file(),
            cert_file: self.dir.join(format!("{service}.pem")),
            key_file: self.dir.join(format!("{service}-key.pem")),
            service,
        }
    }
}

/// Who may call a gRPC method.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone who reaches the port over TLS (the method checks the rest).
    Anyone,
    /// Only these services, by certificate.
    Services(&'static [&'static str]),
    /// These services by certificate, or any caller that sends a bearer
    /// token (which the method verifies and checks for a role).
    ServicesOrBearer(&'static [&'static str]),
}

/// The caller of a gRPC method as its certificate names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller(pub Option<&'static str>);

/// The service named by a verified client certificate.
pub fn caller_of(certs: Option<&[CertificateDer<'static>]>) -> Option<&'static str> {
    let leaf = certs?.first()?;
    let cert = webpki::EndEntityCert::try_from(leaf).ok()?;
    SERVICES.into_iter().find(|service| {
        ServerName::try_from(*service)
            .is_ok_and(|name| cert.verify_is_valid_for_subject_name(&name).is_ok())
    })
}

/// The decision for one call: `Ok` with the caller, or the refusal.
pub fn decide(
    access: Option<Access>,
    caller: Option<&'static str>,
    has_bearer: bool,
) -> Result<(), tonic::Status> {
    let refuse = |status: tonic::Status| {
        let mut status = status;
        status.metadata_mut().insert(
            "shop-guard",
            tonic::metadata::MetadataValue::from_static("refused"),
        );
        Err(status)
    };
    let allowed: &[&str] = match access {
        None => return refuse(tonic::Status::unimplemented("no such method")),
        Some(Access::Anyone) => return Ok(()),
        Some(Access::ServicesOrBearer(_)) if has_bearer => return Ok(()),
        Some(Access::Services(allowed) | Access::ServicesOrBearer(allowed)) => allowed,
    };
    match caller {
        None => refuse(tonic::Status::unauthenticated(
            "this method needs a service's client certificate",
        )),
        Some(caller) if allowed.contains(&caller) => Ok(()),
        Some(caller) => refuse(tonic::Status::permission_denied(format!(
            "the {caller} service is not allowed to call this method"
        ))),
    }
}

/// A tower layer over a gRPC server that checks every call against a
/// per-method allowlist: `(full method path, access)`. Health checks and
/// reflection are open.
#[derive(Clone)]
pub struct AllowlistLayer {
    table: Arc<Vec<(&'static str, Access)>>,
}

impl AllowlistLayer {
    /// A layer enforcing `table`; a method not in it is refused.
    pub fn new(table: &[(&'static str, Access)]) -> Self {
        Self {
            table: Arc::new(table.to_vec()),
        }
    }
}

impl<S> tower::Layer<S> for AllowlistLayer {
    type Service = Allowlist<S>;
    fn layer(&self, inner: S) -> Self::Service {
        Allowlist {
            inner,
            table: self.table.clone(),
        }
    }
}

/// The service [`AllowlistLayer`] makes.
#[derive(Clone)]
pub struct Allowlist<S> {
    inner: S,
    table: Arc<Vec<(&'static str, Access)>>,
}

type TlsInfo = tonic::transport::server::TlsConnectInfo<tonic::transport::server::TcpConnectInfo>;

impl<S, B> tower::Service<http::Request<B>> for Allowlist<S>
where
    S: tower::Service<http::Request<B>, Response = http::Response<tonic::body::Body>>,
    S::Future: Send + 'static,
    S::Error: Send + 'static,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = futures::future::BoxFuture<'static, Result<Self::Response, Self::Error>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: http::Request<B>) -> Self::Future {
        let path = request.uri().path();
        let access = if path.starts_with("/grpc.health.v1.Health/")
            || path.starts_with("/grpc.reflection.")
        {
            Some(Access::Anyone)
        } else {
            self.table
                .iter()
                .find(|(method, _)| *method == path)
                .map(|(_, access)| *access)
        };
        let certs = request
            .extensions()
            .get::<TlsInfo>()
            .and_then(|info| info.peer_certs());
        let caller = caller_of(certs.as_deref().map(Vec::as_slice));
        let has_bearer = request
            .headers()
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.len() > 7 && v[..7].eq_ignore_ascii_case("bearer "));
        match decide(access, caller, has_bearer) {
            Ok(()) => {
                let mut request = request;
                request.extensions_mut().insert(Caller(caller));
                Box::pin(self.inner.call(request))
            }
            Err(status) => {
                tracing::warn!(path, caller = caller.unwrap_or("none"), code = ?status.code(), "gRPC call refused");
                Box::pin(futures::future::ready(Ok(status.into_http())))
            }
        }
    }
}

/// Accepts TLS connections on `listener` (handshakes run concurrently, a
/// failed one is logged and dropped) for `tonic`'s `serve_with_incoming`.
pub fn incoming(
    listener: tokio::net::TcpListener,
    config: Arc<rustls::ServerConfig>,
) -> impl futures::Stream<Item = std::io::Result<tokio_rustls::server::TlsStream<tokio::net::TcpStream>>>
+ Send
+ 'static {
    let (tx, rx) = tokio::sync::mpsc::channel(64);
    let acceptor = tokio_rustls::TlsAcceptor::from(config);
    let accept_loop = tokio::spawn(async move {
        loop {
            let (tcp, peer) = match listener.accept().await {
                Ok(accepted) => accepted,
                Err(err) => {
                    tracing::warn!(error = %err, "gRPC accept failed");
                    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                    continue;
                }
            };
            let _ = tcp.set_nodelay(true);
            let (acceptor, tx) = (acceptor.clone(), tx.clone());
            tokio::spawn(async move {
                let handshake =
                    tokio::time::timeout(std::time::Duration::from_secs(10), acceptor.accept(tcp))
                        .await;
                match handshake {
                    Ok(Ok(stream)) => {
                        let _ = tx.send(Ok(stream)).await;
                    }
                    Ok(Err(err)) => tracing::debug!(%peer, error = %err, "TLS handshake failed"),
                    Err(_) => tracing::debug!(%peer, "TLS handshake timed out"),
                }
            });
        }
    });
    let guard = crate::server::AbortOnDrop(accept_loop);
    futures::stream::unfold((rx, guard), |(mut rx, guard)| async move {
        rx.recv().await.map(|item| (item, (rx, guard)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_allowlist_decides_by_certificate_and_bearer_token() {
        let only_order = Some(Access::Services(&["order"]));
        assert!(decide(only_order, Some("order"), false).is_ok());
        assert_eq!(
            decide(only_order, Some("product"), false)
                .unwrap_err()
                .code(),
            tonic::Code::PermissionDenied
        );
        assert_eq!(
            decide(only_order, None, true).unwrap_err().code(),
            tonic::Code::Unauthenticated,
            "a bearer token does not stand in for a service"
        );
        let staff = Some(Access::ServicesOrBearer(&["order"]));
        assert!(decide(staff, None, true).is_ok());
        assert!(decide(staff, Some("order"), false).is_ok());
        assert_eq!(
            decide(staff, None, false).unwrap_err().code(),
            tonic::Code::Unauthenticated
        );
        assert!(decide(Some(Access::Anyone), None, false).is_ok());
        assert!(decide(None, Some("order"), false).is_err());
    }

    #[test]
    fn a_development_certificate_names_its_service() {
        let dir = std::env::temp_dir().join(format!("shop-pki-{}", uuid::Uuid::new_v4()));
        let pki = DevPki::ensure(&dir).unwrap();
        for service in SERVICES {
            let files = pki.service(service);
            let certs: Vec<CertificateDer<'static>> =
                CertificateDer::pem_file_iter(&files.cert_file)
                    .unwrap()
                    .collect::<Result<_, _>>()
                    .unwrap();
            assert_eq!(caller_of(Some(&certs)), Some(service));
            assert!(files.server_config().is_ok());
            assert!(files.client_config().is_ok());
        }
        assert_eq!(caller_of(None), None);
        let _ = std::fs::remove_dir_all(dir);
    }

    /// Asks the health service at `url` (name `user`) over a new
    /// connection that trusts `ca`.
    async fn healthy(url: &str, ca: &Path) -> bool {
        let config = outsider_config(ca, None).unwrap();
        let channel =
            channel(url, "user", Some(config), std::time::Duration::from_secs(5)).unwrap();
        let mut client = tonic_health::pb::health_client::HealthClient::new(channel);
        client
            .check(tonic_health::pb::HealthCheckRequest::default())
            .await
            .is_ok()
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_changed_certificate_file_is_served_without_a_restart() {
        let root = std::env::temp_dir().join(format!("shop-reload-{}", uuid::Uuid::new_v4()));
        let (first, second) = (
            DevPki::ensure(&root.join("first")).unwrap(),
            DevPki::ensure(&root.join("second")).unwrap(),
        );
        let live = root.join("live");
        std::fs::create_dir_all(&live).unwrap();
        let install = |pki: &DevPki| {
            let files = pki.service("user");
            std::fs::copy(&files.cert_file, live.join("cert.pem")).unwrap();
            std::fs::copy(&files.key_file, live.join("key.pem")).unwrap();
        };
        install(&first);
        let tls = GrpcTls {
            ca_file: first.ca_file(),
            cert_file: live.join("cert.pem"),
            key_file: live.join("key.pem"),
            service: "user",
        };
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let (_, health) = tonic_health::server::health_reporter();
        let server = tokio::spawn(
            tonic::transport::Server::builder()
                .add_service(health)
                .serve_with_incoming(incoming(listener, tls.server_config().unwrap())),
        );
        let _server = crate::server::AbortOnDrop(tokio::spawn(async move {
            let _ = server.await;
        }));

        assert!(
            healthy(&url, &first.ca_file()).await,
            "the first certificate"
        );
        assert!(
            !healthy(&url, &second.ca_file()).await,
            "another CA does not trust it"
        );
        // Renewed in place (here by another CA, so a client can tell):
        // the next handshake serves the new one, with no restart.
        std::thread::sleep(std::time::Duration::from_millis(20));
        install(&second);
        assert!(
            healthy(&url, &second.ca_file()).await,
            "the new certificate is served"
        );
        assert!(
            !healthy(&url, &first.ca_file()).await,
            "the old one is gone"
        );
        let _ = std::fs::remove_dir_all(root);
    }

    /// A health check at `url` (name `user`) from `client`, over a new
    /// connection.
    async fn answers(url: &str, client: Arc<rustls::ClientConfig>) -> bool {
        let channel =
            channel(url, "user", Some(client), std::time::Duration::from_secs(5)).unwrap();
        tonic_health::pb::health_client::HealthClient::new(channel)
            .check(tonic_health::pb::HealthCheckRequest::default())
            .await
            .is_ok()
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_rotated_ca_is_trusted_on_both_sides_without_a_restart() {
        let root = std::env::temp_dir().join(format!("shop-ca-{}", uuid::Uuid::new_v4()));
        let (old, new) = (
            DevPki::ensure(&root.join("old")).unwrap(),
            DevPki::ensure(&root.join("new")).unwrap(),
        );
        let read = |path: PathBuf| std::fs::read_to_string(path).unwrap();
        let (old_ca, new_ca) = (read(old.ca_file()), read(new.ca_file()));
        let bundle = root.join("bundle.pem");
        std::fs::write(&bundle, format!("{old_ca}{new_ca}")).unwrap();
        // The running server (certificate from the old CA) trusts the CA in
        // `live`, the old one for now.
        let live = root.join("live-ca.pem");
        std::fs::write(&live, &old_ca).unwrap();
        let server_tls = GrpcTls {
            ca_file: live.clone(),
            ..old.service("user")
        };
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let (_, health) = tonic_health::server::health_reporter();
        let server = tokio::spawn(
            tonic::transport::Server::builder()
                .add_service(health)
                .serve_with_incoming(incoming(listener, server_tls.server_config().unwrap())),
        );
        let _server = crate::server::AbortOnDrop(tokio::spawn(async move {
            let _ = server.await;
        }));
        // A caller whose certificate the new CA issued (it trusts both).
        let renewed_caller = GrpcTls {
            ca_file: bundle.clone(),
            ..new.service("order")
        }
        .client_config()
        .unwrap();
        assert!(
            !answers(&url, renewed_caller.clone()).await,
            "a certificate of the new CA is refused while the server trusts only the old one"
        );
        // The server's own outgoing side trusts `live` too: a peer serving a
        // certificate of the new CA.
        let peer_listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let peer_url = format!("http://{}", peer_listener.local_addr().unwrap());
        let (_, peer_health) = tonic_health::server::health_reporter();
        let peer_tls = GrpcTls {
            ca_file: bundle.clone(),
            ..new.service("user")
        };
        let peer = tokio::spawn(
            tonic::transport::Server::builder()
                .add_service(peer_health)
                .serve_with_incoming(incoming(peer_listener, peer_tls.server_config().unwrap())),
        );
        let _peer = crate::server::AbortOnDrop(tokio::spawn(async move {
            let _ = peer.await;
        }));
        let outgoing = server_tls.client_config().unwrap();
        assert!(
            !answers(&peer_url, outgoing.clone()).await,
            "a peer certificate of the new CA is refused while only the old CA is trusted"
        );

        // Rotation, step 1: both CAs in the file, no restart.
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(&live, format!("{old_ca}{new_ca}")).unwrap();
        assert!(
            answers(&url, renewed_caller.clone()).await,
            "the server trusts the new CA"
        );
        assert!(
            answers(&peer_url, outgoing.clone()).await,
            "the outgoing side trusts the new CA"
        );
        let old_caller = GrpcTls {
            ca_file: bundle.clone(),
            ..old.service("order")
        }
        .client_config()
        .unwrap();
        assert!(
            answers(&url, old_caller.clone()).await,
            "and still the old one"
        );

        // Step 2: the old CA leaves the file.
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(&live, &new_ca).unwrap();
        assert!(
            !answers(&url, old_caller).await,
            "a certificate of the retired CA is refused"
        );
        assert!(answers(&url, renewed_caller).await);

        // A CA file that cannot be read keeps the last good roots.
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(&live, "not a certificate").unwrap();
        assert!(
            answers(&peer_url, outgoing).await,
            "a broken CA file keeps the last good roots"
        );
        let _ = std::fs::remove_dir_all(root);
    }
}
