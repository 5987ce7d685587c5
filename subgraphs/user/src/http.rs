//! Plain HTTP routes of the user service besides GraphQL:
//! `GET /.well-known/jwks.json`, the public keys that verify access tokens.

use std::sync::Arc;

use crate::app::accounts::Accounts;

/// The routes, merged into the GraphQL router by [`crate::startup`].
pub fn routes(accounts: &Arc<Accounts>) -> axum::Router {
    let jwks = accounts.tokens().jwks().clone();
    axum::Router::new().route(
        "/.well-known/jwks.json",
        axum::routing::get(move || async move { axum::Json(jwks) }),
    )
}
