//! Plain HTTP routes of the product service besides GraphQL: `GET /metrics`,
//! the cache counters in the Prometheus text format.

use std::sync::Arc;

use crate::app::catalog::Catalog;

/// The routes, merged into the GraphQL router by [`crate::startup`].
pub fn routes(catalog: Arc<Catalog>) -> axum::Router {
    axum::Router::new().route(
        "/metrics",
        axum::routing::get(move || async move {
            (
                [(
                    axum::http::header::CONTENT_TYPE,
                    "text/plain; version=0.0.4",
                )],
                catalog.cache().prometheus(),
            )
        }),
    )
}
