//! The router's front door: the public listener, in front of the Apollo
//! Router, that tells the subgraphs who the client is.
//!
//! The Apollo Router keeps the connection's peer address to itself (no
//! plugin or configuration can read it), and it passes on whatever
//! `X-Forwarded-For` a client sends. Per-address limits (login throttling,
//! sign-ups, anonymous rate limits) need an address a client cannot write.
//! So this binary accepts the public connections itself (`ROUTER_LISTEN`,
//! HTTP/1.1 and h2c), and forwards every request to the Apollo Router on a
//! Unix socket (`ROUTER_INTERNAL_LISTEN`), over an HTTP/2 connection of
//! each client connection's own, with `X-Forwarded-For` replaced by the one
//! client address it determined:
//!
//! - the connection's peer address;
//! - or, when the peer is a trusted proxy (`ROUTER_TRUSTED_PROXIES`, IP
//!   addresses or CIDR ranges), the address that proxy reported: the
//!   right-most `X-Forwarded-For` hop that is not itself a trusted proxy.
//!
//! The router propagates the header, and the subgraphs (which answer only
//! the router) believe it. Everything else, the body included, passes
//! through untouched and streamed.

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use http::{HeaderMap, HeaderValue, Request, Response, StatusCode, Uri, header};
use http_body_util::{BodyExt, Full, combinators::BoxBody};
use hyper::body::{Bytes, Incoming};
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use ipnet::IpNet;
use tokio::net::{TcpListener, UnixStream};
use tokio::sync::Mutex;

/// Where the front door listens and what it believes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// The public address (`ROUTER_LISTEN`, `127.0.0.1:4000`).
    pub listen: SocketAddr,
    /// The Apollo Router's Unix socket (`ROUTER_INTERNAL_LISTEN`; by default
    /// one per process in the temporary directory).
    pub upstream: PathBuf,
    /// Peers whose `X-Forwarded-For` is believed (`ROUTER_TRUSTED_PROXIES`).
    pub trusted_proxies: Vec<IpNet>,
}

impl Settings {
    /// Reads the settings from the environment.
    pub fn from_env() -> anyhow::Result<Self> {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        let listen = var("ROUTER_LISTEN").unwrap_or_else(|| "127.0.0.1:4000".into());
        let listen = listen.trim().parse().with_context(|| {
            format!("ROUTER_LISTEN={listen:?} is not an address such as 127.0.0.1:4000")
        })?;
        let upstream = var("ROUTER_INTERNAL_LISTEN")
            .map(PathBuf::from)
            .unwrap_or_else(|| {
                std::env::temp_dir().join(format!("shop-router-{}.sock", std::process::id()))
            });
        anyhow::ensure!(
            upstream.is_absolute(),
            "ROUTER_INTERNAL_LISTEN must be an absolute path to a Unix socket"
        );
        let trusted_proxies = parse_proxies(&var("ROUTER_TRUSTED_PROXIES").unwrap_or_default())?;
        Ok(Self {
            listen,
            upstream,
            trusted_proxies,
        })
    }
}

/// `10.0.0.0/8, 192.0.2.7`: CIDR ranges or single addresses.
pub fn parse_proxies(list: &str) -> anyhow::Result<Vec<IpNet>> {
    list.split(',')
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(|item| {
            item.parse::<IpNet>()
                .or_else(|_| item.parse::<IpAddr>().map(IpNet::from))
                .with_context(|| {
                    format!(
                        "ROUTER_TRUSTED_PROXIES: {item:?} is neither an IP address nor a CIDR range"
                    )
                })
        })
        .collect()
}

/// The client's address for a request from `peer` carrying `headers`.
///
/// A peer that is not a trusted proxy is the client, whatever it wrote.
/// From a trusted proxy, the `X-Forwarded-For` hops are read from the right
/// (the hop the nearest proxy added) past every trusted proxy; the first
/// other address is the client. A hop that is not an address ends the walk
/// at the last trusted one: whoever wrote it is not to be believed further.
pub fn client_address(peer: IpAddr, headers: &HeaderMap, trusted: &[IpNet]) -> IpAddr {
    let peer = peer.to_canonical();
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(ip));
    if !is_trusted(&peer) {
        return peer;
    }
    let hops: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .collect();
    let mut client = peer;
    for hop in hops.iter().rev() {
        let Ok(ip) = hop.parse::<IpAddr>().map(|ip| ip.to_canonical()) else {
            break;
        };
        client = ip;
        if !is_trusted(&ip) {
            break;
        }
    }
    client
}

type Body = BoxBody<Bytes, hyper::Error>;

/// A client connection's HTTP/2 connection to the Apollo Router, made at
/// its first request and again if it closes.
struct Upstream {
    socket: PathBuf,
    sender: Mutex<Option<hyper::client::conn::http2::SendRequest<Incoming>>>,
}

impl Upstream {
    async fn sender(&self) -> anyhow::Result<hyper::client::conn::http2::SendRequest<Incoming>> {
        let mut sender = self.sender.lock().await;
        if let Some(current) = sender.as_ref()
            && !current.is_closed()
        {
            return Ok(current.clone());
        }
        let stream = UnixStream::connect(&self.socket)
            .await
            .with_context(|| format!("cannot reach the router at {}", self.socket.display()))?;
        let (fresh, connection) = hyper::client::conn::http2::Builder::new(TokioExecutor::new())
            .timer(TokioTimer::new())
            .keep_alive_interval(Duration::from_secs(20))
            .handshake(TokioIo::new(stream))
            .await?;
        tokio::spawn(async move {
            if let Err(err) = connection.await {
                tracing::debug!(error = %err, "front door: the connection to the router ended");
            }
        });
        *sender = Some(fresh.clone());
        Ok(fresh)
    }

    /// A sender ready for a request: the one at hand, or, if it closed
    /// since it was handed out, a new connection's.
    async fn ready_sender(
        &self,
    ) -> anyhow::Result<hyper::client::conn::http2::SendRequest<Incoming>> {
        let mut sender = self.sender().await?;
        if sender.ready().await.is_err() {
            sender = self.sender().await?;
        }
        Ok(sender)
    }
}

/// Headers that belong to one connection, never forwarded.
const HOP_BY_HOP: [&str; 8] = [
    "connection",
    "keep-alive",
    "proxy-connection",
    "transfer-encoding",
    "upgrade",
    "te",
    "trailer",
    "host",
];

/// A GraphQL-shaped error answer of the front door itself.
fn refusal(status: StatusCode, code: &str, message: &str) -> Response<Body> {
    let body = serde_json::json!({
        "errors": [{ "message": message, "extensions": { "code": code } }]
    });
    let mut response = Response::new(
        Full::new(Bytes::from(body.to_string()))
            .map_err(|never| match never {})
            .boxed(),
    );
    *response.status_mut() = status;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

async fn forward(
    upstream: &Upstream,
    trusted: &[IpNet],
    peer: SocketAddr,
    request: Request<Incoming>,
) -> Response<Body> {
    let client = client_address(peer.ip(), request.headers(), trusted);
    let (mut parts, body) = request.into_parts();
    let authority = parts
        .headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .and_then(|h| h.parse::<http::uri::Authority>().ok())
        .or_else(|| parts.uri.authority().cloned())
        .unwrap_or_else(|| http::uri::Authority::from_static("localhost"));
    let path = parts
        .uri
        .path_and_query()
        .cloned()
        .unwrap_or_else(|| http::uri::PathAndQuery::from_static("/"));
    let Ok(uri) = Uri::builder()
        .scheme("http")
        .authority(authority)
        .path_and_query(path)
        .build()
    else {
        return refusal(
            StatusCode::BAD_REQUEST,
            "BAD_REQUEST",
            "the request target is not valid",
        );
    };
    parts.uri = uri;
    parts.version = http::Version::HTTP_2;
    for name in HOP_BY_HOP {
        parts.headers.remove(name);
    }
    parts.headers.remove("x-forwarded-for");
    if let Ok(client) = HeaderValue::from_str(&client.to_string()) {
        parts.headers.insert("x-forwarded-for", client);
    }
    let request = Request::from_parts(parts, body);
    let mut sender = match upstream.ready_sender().await {
        Ok(sender) => sender,
        Err(err) => {
            tracing::warn!(error = %err, "front door: the router is not reachable");
            return refusal(
                StatusCode::SERVICE_UNAVAILABLE,
                "SERVICE_UNAVAILABLE",
                "the router is not ready; try again shortly",
            );
        }
    };
    match sender.send_request(request).await {
        Ok(response) => response.map(|body| body.boxed()),
        Err(err) => {
            tracing::warn!(error = %err, "front door: the router did not answer");
            refusal(
                StatusCode::BAD_GATEWAY,
                "SERVICE_UNAVAILABLE",
                "the router did not answer; try again",
            )
        }
    }
}

/// Serves `listener` until the process ends: every connection is read as
/// HTTP/1.1 or h2c, and every request forwarded to the router at
/// `settings.upstream`.
pub async fn serve(listener: TcpListener, settings: Settings) {
    let socket: Arc<Path> = settings.upstream.clone().into();
    let trusted: Arc<[IpNet]> = settings.trusted_proxies.clone().into();
    loop {
        let (tcp, peer) = match listener.accept().await {
            Ok(accepted) => accepted,
            Err(err) => {
                tracing::warn!(error = %err, "front door: accept failed");
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let _ = tcp.set_nodelay(true);
        // One connection to the router per client connection, made at its
        // first request: a client that cancels requests resets streams on
        // its own connection only. (On one shared HTTP/2 connection, the
        // resets of many clients would add up to the router's rapid-reset
        // guard, whose GOAWAY would fail every client's request at once.)
        let upstream = Arc::new(Upstream {
            socket: socket.to_path_buf(),
            sender: Mutex::new(None),
        });
        let trusted = trusted.clone();
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |request| {
                let (upstream, trusted) = (upstream.clone(), trusted.clone());
                async move {
                    Ok::<_, std::convert::Infallible>(
                        forward(&upstream, &trusted, peer, request).await,
                    )
                }
            });
            let mut builder = hyper_util::server::conn::auto::Builder::new(TokioExecutor::new());
            builder
                .http1()
                .timer(TokioTimer::new())
                .header_read_timeout(Duration::from_secs(10));
            if let Err(err) = builder.serve_connection(TokioIo::new(tcp), service).await {
                tracing::debug!(%peer, error = %err, "front door: connection ended with an error");
            }
        });
    }
}

/// Waits until the router answers on its socket, then says where the
/// supergraph is served, as the router itself would.
pub async fn announce(settings: &Settings, listen: SocketAddr) {
    while UnixStream::connect(&settings.upstream).await.is_err() {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    tracing::info!(
        "GraphQL endpoint exposed at http://{listen}/ (front door; the router behind it on {}, trusted proxies: {})",
        settings.upstream.display(),
        if settings.trusted_proxies.is_empty() {
            "none".to_string()
        } else {
            settings
                .trusted_proxies
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        }
    );
}

/// Removes a socket file left by an earlier process, so that the router
/// can bind it.
pub fn clear_socket(path: &Path) -> anyhow::Result<()> {
    match std::fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(err) => Err(err).with_context(|| format!("cannot remove {}", path.display())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(xff: &[&str]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for value in xff {
            headers.append("x-forwarded-for", HeaderValue::from_str(value).unwrap());
        }
        headers
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn a_client_that_is_not_a_trusted_proxy_is_its_own_address() {
        let trusted = parse_proxies("10.0.0.0/8").unwrap();
        assert_eq!(
            client_address(ip("203.0.113.5"), &headers(&["198.51.100.1"]), &trusted),
            ip("203.0.113.5"),
            "a made-up header from an untrusted peer is ignored"
        );
        assert_eq!(
            client_address(ip("127.0.0.1"), &headers(&["198.51.100.1"]), &[]),
            ip("127.0.0.1"),
            "with no trusted proxy, every peer is the client"
        );
        assert_eq!(
            client_address(ip("::ffff:203.0.113.5"), &headers(&[]), &trusted),
            ip("203.0.113.5"),
            "an IPv4-mapped peer is the IPv4 address"
        );
    }

    #[test]
    fn a_trusted_proxy_names_the_client_in_its_right_most_hop() {
        let trusted = parse_proxies("10.0.0.0/8, 192.0.2.7").unwrap();
        // The client wrote 1.1.1.1 itself; the edge proxy appended what it
        // saw, then an inner proxy appended the edge proxy.
        assert_eq!(
            client_address(
                ip("10.1.2.3"),
                &headers(&["1.1.1.1, 203.0.113.9", "192.0.2.7"]),
                &trusted
            ),
            ip("203.0.113.9")
        );
        assert_eq!(
            client_address(ip("10.1.2.3"), &headers(&[]), &trusted),
            ip("10.1.2.3"),
            "a proxy that reports nothing is the client"
        );
        assert_eq!(
            client_address(
                ip("10.1.2.3"),
                &headers(&["203.0.113.9, garbage, 10.9.9.9"]),
                &trusted
            ),
            ip("10.9.9.9"),
            "a hop that is no address ends the walk at the last trusted one"
        );
        assert_eq!(
            client_address(ip("10.1.2.3"), &headers(&["10.4.4.4"]), &trusted),
            ip("10.4.4.4"),
            "all hops trusted: the left-most one"
        );
    }

    #[test]
    fn trusted_proxies_are_addresses_or_ranges() {
        assert_eq!(parse_proxies("").unwrap(), vec![]);
        assert_eq!(parse_proxies(" 192.0.2.7 , 10.0.0.0/8").unwrap().len(), 2);
        assert!(parse_proxies("10.0.0.0/33").is_err());
        assert!(parse_proxies("proxy.local").is_err());
    }
}
