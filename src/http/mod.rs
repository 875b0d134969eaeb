//! The HTTP transport: routes, limits, health, and the panic guard.

pub mod admission;
pub mod graphql;
mod health;
pub mod negotiate;
pub mod rate_limit;
pub mod trusted;
pub mod ws;

use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE};
use axum::http::{HeaderValue, Method, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};
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
    /// Rate limit, trusted documents, introspection and query limits.
    pub gate: Arc<admission::Gate>,
    /// Browser origins allowed to call the API cross-origin.
    pub cors_origins: Arc<Vec<HeaderValue>>,
    /// False once shutdown has begun: `/readyz` answers 503 so load balancers drain us.
    pub ready: Arc<AtomicBool>,
    /// Turns true when shutdown begins: open WebSockets close with 1001 (going away).
    pub draining: Arc<tokio::sync::watch::Sender<bool>>,
}

/// The placeholder playground page, served offline (no CDN).
const PLAYGROUND_HTML: &str = include_str!("../../playground/index.html");

/// All routes with their layers.
pub fn router(state: AppState) -> Router {
    let max_body = state.limits.max_body_bytes;
    let timeout = state.limits.request_timeout();
    let cors = cors_layer(&state.cors_origins);
    Router::new()
        .route("/graphql", get(ws::get).post(graphql::post))
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
        .layer(cors)
        .layer(CatchPanicLayer::custom(panic_response))
}

/// CORS for the allow-listed origins only: without any, no CORS header is sent and browsers
/// keep pages of other origins from calling the API (bearer tokens are never sent by a
/// browser on its own, and writes need a JSON body, so no other page can forge a request).
fn cors_layer(origins: &[HeaderValue]) -> CorsLayer {
    CorsLayer::new()
        .allow_origin(AllowOrigin::list(origins.iter().cloned()))
        .allow_methods([Method::GET, Method::POST])
        .allow_headers([CONTENT_TYPE, AUTHORIZATION, ACCEPT])
        .max_age(Duration::from_secs(3600))
}

/// Checks and parses the configured origins (`https://host[:port]`, no path).
pub fn parse_origins(origins: &[String]) -> anyhow::Result<Vec<HeaderValue>> {
    origins
        .iter()
        .map(|o| o.trim())
        .filter(|o| !o.is_empty())
        .map(|origin| {
            let (scheme, rest) = origin
                .split_once("://")
                .ok_or_else(|| anyhow::anyhow!("CORS origin `{origin}` has no scheme"))?;
            if !matches!(scheme, "http" | "https")
                || rest.is_empty()
                || rest.contains('/')
                || origin == "*"
            {
                anyhow::bail!(
                    "CORS origin `{origin}` must be written `https://host` or `https://host:port`"
                );
            }
            HeaderValue::from_str(origin)
                .map_err(|_| anyhow::anyhow!("CORS origin `{origin}` is not a valid header value"))
        })
        .collect()
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
