//! The web apps under `web/`: built with npm when Node 20 or newer is
//! present, and served on one origin (default `http://127.0.0.1:3000`):
//!
//! - `/`: the storefront (every path the others do not take is one of its
//!   pages, so a reload or a link from an email opens the right one);
//! - `/admin/`: the admin app (STAFF and ADMIN);
//! - `/graphiql/`: the offline GraphQL IDE (GraphiQL, bundled);
//! - `/graphql`: passed to the router, so the apps need no CORS;
//! - `/invoices/<id>.pdf`: passed to the order service, so an invoice PDF
//!   is reachable at the address the browser already uses.
//!
//! Nothing here loads from outside the machine.

use std::net::SocketAddr;
use std::path::{Component, Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{any, get};

/// The major version of `node` on `PATH`, if any.
fn node_major() -> Option<u32> {
    let out = Command::new("node").arg("--version").output().ok()?;
    let text = String::from_utf8(out.stdout).ok()?;
    text.trim()
        .trim_start_matches('v')
        .split('.')
        .next()?
        .parse()
        .ok()
}

/// Whether Node 20+ and npm are there to build the web apps.
pub fn toolchain_present() -> bool {
    node_major().is_some_and(|major| major >= 20)
        && Command::new("npm")
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
}

fn npm(web: &Path, args: &[&str]) -> anyhow::Result<()> {
    let status = Command::new("npm")
        .args(args)
        .current_dir(web)
        .status()
        .with_context(|| format!("cannot run npm {}", args.join(" ")))?;
    if !status.success() {
        bail!("npm {} failed ({status})", args.join(" "));
    }
    Ok(())
}

/// `npm ci`, only when `package-lock.json` changed since the last install
/// (its contents are remembered in `node_modules/.shop-lock`).
pub fn install(root: &Path) -> anyhow::Result<()> {
    let web = root.join("web");
    let lock = std::fs::read(web.join("package-lock.json")).context("web/package-lock.json")?;
    let stamp = web.join("node_modules/.shop-lock");
    if std::fs::read(&stamp).ok().as_deref() == Some(lock.as_slice()) {
        return Ok(());
    }
    npm(&web, &["ci", "--no-audit", "--no-fund"])?;
    std::fs::write(&stamp, &lock).context("cannot write node_modules/.shop-lock")?;
    Ok(())
}

/// Installs (when the lockfile changed) and builds the web apps; `false`
/// when there is no Node 20+ to build them with (said once, here).
pub fn build(root: &Path) -> anyhow::Result<bool> {
    if !toolchain_present() {
        println!(
            "Node 20 or newer and npm were not found: the web apps are not built, and the API is served alone."
        );
        return Ok(false);
    }
    install(root)?;
    npm(&root.join("web"), &["run", "build"])?;
    Ok(true)
}

/// What the checks of `cargo xtask test` run: the generated types match
/// the schema and the operations, and the apps type-check and build.
pub fn check(root: &Path) -> anyhow::Result<()> {
    if !toolchain_present() {
        bail!("the web checks need Node 20 or newer and npm (apt-get install nodejs npm)");
    }
    install(root)?;
    let web = root.join("web");
    npm(&web, &["run", "codegen:check"])?;
    npm(&web, &["run", "build"])
}

#[derive(Clone)]
struct Upstreams {
    web: PathBuf,
    router: String,
    order: String,
    http: reqwest::Client,
}

/// The web server's routes (see the module documentation).
pub fn routes(web: PathBuf, router: String, order: String) -> axum::Router {
    let state = Upstreams {
        web,
        router,
        order,
        http: reqwest::Client::new(),
    };
    axum::Router::new()
        .route("/admin", get(|| async { Redirect::permanent("/admin/") }))
        .route("/admin/", get(admin))
        .route("/admin/{*path}", get(admin))
        .route(
            "/graphiql",
            get(|| async { Redirect::permanent("/graphiql/") }),
        )
        .route("/graphiql/", get(graphiql))
        .route("/graphiql/{*path}", get(graphiql))
        .route("/graphql", any(to_router))
        .route("/invoices/{file}", get(to_order))
        .fallback(storefront)
        .with_state(state)
}

/// The web server's socket, bound before the stack says it is running:
/// an address already taken is an error then, not a line in the log later.
pub async fn bind(addr: SocketAddr) -> anyhow::Result<tokio::net::TcpListener> {
    tokio::net::TcpListener::bind(addr).await.with_context(|| {
        format!("cannot listen on {addr} for the web apps (is another `cargo xtask dev` running? WEB_LISTEN picks another address)")
    })
}

/// Serves the web apps on `listener` until the task is dropped.
pub async fn serve(
    listener: tokio::net::TcpListener,
    web: PathBuf,
    router: String,
    order: String,
) -> anyhow::Result<()> {
    axum::serve(listener, routes(web, router, order)).await?;
    Ok(())
}

async fn graphiql(State(up): State<Upstreams>, uri: Uri) -> Response {
    app(&up, "graphiql", &uri).await
}

async fn admin(State(up): State<Upstreams>, uri: Uri) -> Response {
    app(&up, "admin", &uri).await
}

async fn storefront(State(up): State<Upstreams>, uri: Uri) -> Response {
    let relative = uri.path().trim_start_matches('/');
    static_file(&up.web.join("storefront/dist"), relative).await
}

/// A file of the app `name`, served under `/<name>/`.
async fn app(up: &Upstreams, name: &str, uri: &Uri) -> Response {
    let relative = uri
        .path()
        .trim_start_matches('/')
        .trim_start_matches(name)
        .trim_start_matches('/');
    static_file(&up.web.join(name).join("dist"), relative).await
}

/// A file under `dist`, or `index.html` for a path that names none (a
/// client-side route). A path that climbs out of `dist` is a 404.
async fn static_file(dist: &Path, relative: &str) -> Response {
    let relative = Path::new(relative);
    if relative
        .components()
        .any(|c| !matches!(c, Component::Normal(_)))
    {
        return StatusCode::NOT_FOUND.into_response();
    }
    let mut path = dist.join(relative);
    if relative.as_os_str().is_empty()
        || !tokio::fs::metadata(&path).await.is_ok_and(|m| m.is_file())
    {
        // A missing file (`/assets/old-hash.js`) is a 404; a missing page
        // (`/orders/42`) is the app, whose router shows it.
        if relative.extension().is_some() {
            return StatusCode::NOT_FOUND.into_response();
        }
        path = dist.join("index.html");
    }
    let Ok(bytes) = tokio::fs::read(&path).await else {
        return (
            StatusCode::NOT_FOUND,
            "the web apps are not built: run `cargo xtask dev` with Node 20+ and npm",
        )
            .into_response();
    };
    let mime = match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("json") => "application/json",
        Some("woff2") => "font/woff2",
        _ => "application/octet-stream",
    };
    // Hashed asset names never change content; index.html must be fresh.
    let cache = if path.ends_with("index.html") {
        "no-cache"
    } else {
        "public, max-age=31536000, immutable"
    };
    (
        [(header::CONTENT_TYPE, mime), (header::CACHE_CONTROL, cache)],
        bytes,
    )
        .into_response()
}

async fn to_router(State(up): State<Upstreams>, request: Request) -> Response {
    forward(&up.http, up.router, request).await
}

async fn to_order(State(up): State<Upstreams>, request: Request) -> Response {
    let url = format!("{}{}", up.order.trim_end_matches('/'), request.uri().path());
    forward(&up.http, url, request).await
}

/// Passes `request` on to `url` with the headers an API needs, and its
/// answer back; 502 with a JSON error when the upstream does not answer.
async fn forward(http: &reqwest::Client, url: String, request: Request) -> Response {
    const PASSED: [header::HeaderName; 4] = [
        header::AUTHORIZATION,
        header::CONTENT_TYPE,
        header::ACCEPT,
        header::HeaderName::from_static("x-request-id"),
    ];
    let (parts, body) = request.into_parts();
    let Ok(body) = axum::body::to_bytes(body, 2 * 1024 * 1024).await else {
        return (StatusCode::PAYLOAD_TOO_LARGE, "request body over 2 MiB").into_response();
    };
    // reqwest and axum share the `http` crate's types: the method and the
    // header values pass through as they are.
    let mut outgoing = http.request(parts.method.clone(), url).body(body);
    for name in PASSED {
        if let Some(value) = parts.headers.get(&name) {
            outgoing = outgoing.header(name, value.clone());
        }
    }
    if parts.method == Method::POST && !parts.headers.contains_key(header::CONTENT_TYPE) {
        outgoing = outgoing.header("content-type", "application/json");
    }
    match outgoing.send().await {
        Ok(answer) => {
            let status = answer.status();
            let mut headers = HeaderMap::new();
            for name in [header::CONTENT_TYPE, header::CONTENT_DISPOSITION, header::CACHE_CONTROL] {
                if let Some(value) = answer.headers().get(&name) {
                    headers.insert(name, value.clone());
                }
            }
            let bytes: Bytes = answer.bytes().await.unwrap_or_default();
            (status, headers, Body::from(bytes)).into_response()
        }
        Err(_) => (
            StatusCode::BAD_GATEWAY,
            [(header::CONTENT_TYPE, "application/json")],
            r#"{"errors":[{"message":"the API is not reachable","extensions":{"code":"UNAVAILABLE"}}]}"#,
        )
            .into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn static_files_stay_inside_dist_and_unknown_paths_get_the_app() {
        let dir = std::env::temp_dir().join(format!("shop-web-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("assets")).unwrap();
        std::fs::write(dir.join("index.html"), "<html>app</html>").unwrap();
        std::fs::write(dir.join("assets/a.js"), "js").unwrap();
        let body = |r: Response| async { axum::body::to_bytes(r.into_body(), 1024).await.unwrap() };
        let js = static_file(&dir, "assets/a.js").await;
        assert_eq!(
            js.headers()[header::CONTENT_TYPE],
            "text/javascript; charset=utf-8"
        );
        assert_eq!(body(js).await, "js");
        assert_eq!(
            body(static_file(&dir, "orders/42").await).await,
            "<html>app</html>"
        );
        assert_eq!(
            static_file(&dir, "../etc/passwd").await.status(),
            StatusCode::NOT_FOUND
        );
        std::fs::remove_dir_all(dir).unwrap();
    }
}
