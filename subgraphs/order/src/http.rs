//! Plain HTTP routes of the order service besides GraphQL:
//! `GET /invoices/{id}.pdf`, the invoice as a PDF for its owner or staff.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use platform::auth::{RequestAuth, TokenVerifier};
use platform::{ApiError, ErrorCode};
use uuid::Uuid;

use crate::app::Services;

struct InvoiceState {
    services: Arc<Services>,
    verifier: Arc<dyn TokenVerifier>,
}

/// The routes, merged into the GraphQL router by [`crate::startup`].
pub fn routes(services: Arc<Services>, verifier: Arc<dyn TokenVerifier>) -> axum::Router {
    axum::Router::new()
        .route("/invoices/{file}", get(invoice_pdf))
        .with_state(Arc::new(InvoiceState { services, verifier }))
}

/// An error as JSON, with the same code as GraphQL and the matching HTTP
/// status.
fn error_response(err: ApiError) -> Response {
    let status = match err.code {
        ErrorCode::Unauthenticated => StatusCode::UNAUTHORIZED,
        ErrorCode::Forbidden => StatusCode::FORBIDDEN,
        ErrorCode::NotFound => StatusCode::NOT_FOUND,
        ErrorCode::BadUserInput => StatusCode::BAD_REQUEST,
        ErrorCode::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
        ErrorCode::RateLimited => StatusCode::TOO_MANY_REQUESTS,
        ErrorCode::Conflict | ErrorCode::InsufficientStock | ErrorCode::PaymentDeclined => {
            StatusCode::CONFLICT
        }
        ErrorCode::Internal => StatusCode::INTERNAL_SERVER_ERROR,
    };
    let body = serde_json::json!({ "code": err.code.as_str(), "message": err.message });
    (status, axum::Json(body)).into_response()
}

async fn invoice_pdf(
    State(state): State<Arc<InvoiceState>>,
    Path(file): Path<String>,
    headers: HeaderMap,
) -> Response {
    let Some(id) = file
        .strip_suffix(".pdf")
        .and_then(|id| Uuid::parse_str(id).ok())
    else {
        return error_response(ApiError::bad_input(
            "the path is /invoices/<invoice id>.pdf",
        ));
    };
    let auth = RequestAuth::from_headers(&headers, state.verifier.clone());
    let caller = match auth.principal().await {
        Ok(caller) => caller,
        Err(err) => return error_response(err),
    };
    let (invoice, order) = match state.services.ordering.invoice_for(caller, id).await {
        Ok(found) => found,
        Err(err) => return error_response(err.into()),
    };
    let pdf = crate::domain::invoice_pdf::render(&invoice, &order);
    let disposition = format!("attachment; filename=\"{}.pdf\"", invoice.display_number());
    let mut response = (StatusCode::OK, pdf).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/pdf"),
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    response
}
