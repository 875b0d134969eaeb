//! The HTTP transport: routes, limits, health, and the panic guard.

pub mod graphql;
mod health;
pub mod negotiate;

use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;

use crate::auth::jwt::Authenticator;
use crate::config::LimitArgs;
use crate::db::Database;
use crate::graphql::AppSchema;

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    pub schema: AppSchema,
    pub db: Database,
    pub limits: Arc<LimitArgs>,
    /// Verifies bearer tokens.
    pub auth: Arc<Authenticator>,
    /// False once shutdown has begun: `/readyz` answers 503 so load balancers drain us.
    pub ready: Arc<AtomicBool>,
}

/// The placeholder playground page, served offline (no CDN).
const PLAYGROUND_HTML: &str = include_str!("../../playground/index.html");

/// All routes with their layers.
pub fn router(state: AppState) -> Router {
    let max_body = state.limits.max_body_bytes;
    let timeout = state.limits.request_timeout();
    Router::new()
        .route("/graphql", get(graphql::get).post(graphql::post))
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route("/metrics", get(health::metrics))
        .route("/playground", get(|| async { Html(PLAYGROUND_HTML) }))
        .with_state(state)
        // The body limit is a global layer, so no reader (ours or a library's) can take more.
        .layer(DefaultBodyLimit::max(max_body))
        .layer(RequestBodyLimitLayer::new(max_body))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            timeout,
        ))
        .layer(CatchPanicLayer::custom(panic_response))
}

/// A panic in a handler becomes a masked INTERNAL error with an id that is logged.
fn panic_response(payload: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let detail = payload
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| payload.downcast_ref::<&str>().copied())
        .unwrap_or("non-string panic payload");
    let error_id = crate::error::new_error_id();
    tracing::error!(error_id = %error_id, detail, "panic while handling a request");
    let body = serde_json::json!({
        "errors": [{ "message": "internal error", "extensions": { "code": "INTERNAL", "errorId": error_id } }]
    });
    let mut response = (StatusCode::INTERNAL_SERVER_ERROR, body.to_string()).into_response();
    response.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    response
}
