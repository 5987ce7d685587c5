//! Settings come in layers: built-in defaults for local development, then
//! environment variables. Each service lists the variables it reads in its own
//! `config.rs`, so `docker-compose.yml` can be checked against them.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::str::FromStr;

use anyhow::Context;

/// Reads `name`, or `default` when it is unset or empty.
pub fn env_or(name: &str, default: &str) -> String {
    match std::env::var(name) {
        Ok(value) if !value.trim().is_empty() => value,
        _ => default.to_string(),
    }
}

/// Reads `name` when it is set and not empty.
pub fn env_opt(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// Reads and parses `name`, falling back to `default`; a value that does not
/// parse is a startup error that names the variable.
pub fn env_parse<T>(name: &str, default: T) -> anyhow::Result<T>
where
    T: FromStr,
    T::Err: std::fmt::Display,
{
    match env_opt(name) {
        Some(raw) => raw
            .parse()
            .map_err(|e| anyhow::anyhow!("{name}={raw:?} is not valid: {e}")),
        None => Ok(default),
    }
}

/// Reads a listen address such as `127.0.0.1:4001`.
pub fn env_addr(name: &str, default: &str) -> anyhow::Result<SocketAddr> {
    let raw = env_or(name, default);
    raw.parse()
        .with_context(|| format!("{name}={raw:?} is not a socket address"))
}

/// The database URL used when `DATABASE_URL` is unset: the local server the
/// dev stack and the tests expect.
pub const DEFAULT_DATABASE_URL: &str = "postgres://postgres@127.0.0.1:5432/shop";

/// The Redis URL used when `REDIS_URL` is unset.
pub const DEFAULT_REDIS_URL: &str = "redis://127.0.0.1:6379";

/// The optional Redis from `REDIS_URL`: the local default when it is unset,
/// `None` when it is `off`, so a deployment can run without Redis on
/// purpose instead of pointing at an address where nothing listens.
pub fn redis_url() -> Option<String> {
    let url = env_or("REDIS_URL", DEFAULT_REDIS_URL);
    (!url.eq_ignore_ascii_case("off")).then_some(url)
}

/// Whether the process runs in production mode, where development
/// conveniences (generated keys and secrets, the payment simulator, logged
/// reset links, fault injection) are refused. Production is the default:
/// only `SHOP_ENV=development` (or `test`) turns it off, so a forgotten or
/// misspelt variable fails safe. The dev command and the tests set it.
pub fn is_production() -> bool {
    !matches!(
        env_or("SHOP_ENV", "production").trim(),
        "development" | "test"
    )
}

/// The gRPC address of a peer that is down: nothing listens on port 1
/// (privileged, never bound by a test), so a call fails at once with
/// `UNAVAILABLE`. The tests' configurations start with every peer here.
pub const UNREACHABLE_PEER: &str = "http://127.0.0.1:1";

/// 127.0.0.1 on a port the kernel picks: where tests bind.
pub const LOCAL_ANY_PORT: SocketAddr = SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), 0);
