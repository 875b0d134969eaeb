//! `/graphql` over HTTP, following the GraphQL-over-HTTP specification.
//!
//! We read and answer requests ourselves rather than through async-graphql-axum's extractor,
//! which reads the body without axum's limit and answers 200 where the specification wants
//! 400, 405, 406 or 415.

use async_graphql::parser::types::OperationType;
use async_graphql::{BatchRequest, ServerError};
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::header::{ALLOW, AUTHORIZATION, CONTENT_TYPE, WWW_AUTHENTICATE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use super::AppState;
use super::negotiate::{ResponseType, is_json_request, response_type};
use crate::auth::Viewer;
use crate::error::AppError;
use crate::graphql::RequestContext;
use crate::graphql::errors::{ExecutionStarted, VALIDATION_FAILED};
use crate::services::ServiceContext;

/// `extensions.code` of a request that is not a GraphQL request at all.
const BAD_REQUEST: &str = "BAD_REQUEST";

/// POST /graphql: a JSON body holding one request, or a batch (an array) of them.
pub async fn post(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    let Some(response_type) = response_type(&headers) else {
        return not_acceptable();
    };
    if !is_json_request(&headers) {
        return request_error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            response_type,
            "send the request as `Content-Type: application/json`",
        );
    }
    let batch: BatchRequest = match serde_json::from_slice::<serde_json::Value>(&body) {
        Err(_) => {
            return request_error(
                StatusCode::BAD_REQUEST,
                response_type,
                "the body is not valid JSON",
            );
        }
        Ok(value) => match parse_batch(value) {
            Ok(batch) => batch,
            Err(message) => return request_error(StatusCode::BAD_REQUEST, response_type, &message),
        },
    };
    if let BatchRequest::Batch(requests) = &batch
        && (requests.is_empty() || requests.len() > state.limits.max_batch)
    {
        let message = format!("a batch holds 1 to {} operations", state.limits.max_batch);
        return request_error(StatusCode::BAD_REQUEST, response_type, &message);
    }
    let viewer = match authenticate(&state, &headers).await {
        Ok(viewer) => viewer,
        Err(error) => return auth_error(&error, response_type),
    };
    match batch {
        BatchRequest::Single(request) => execute_one(&state, viewer, request, response_type).await,
        BatchRequest::Batch(requests) => {
            let mut bodies = Vec::with_capacity(requests.len());
            for request in requests {
                let (_, body) = run(&state, viewer.clone(), request, response_type).await;
                bodies.push(body);
            }
            json_response(
                StatusCode::OK,
                response_type,
                &serde_json::Value::Array(bodies),
            )
        }
    }
}

/// The fields of a GraphQL-over-HTTP GET request.
#[derive(Debug, serde::Deserialize)]
pub struct GetParams {
    query: Option<String>,
    #[serde(rename = "operationName")]
    operation_name: Option<String>,
    variables: Option<String>,
    extensions: Option<String>,
}

/// GET /graphql: queries only, as URL parameters.
pub async fn get(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(params): Query<GetParams>,
) -> Response {
    let Some(response_type) = response_type(&headers) else {
        return not_acceptable();
    };
    let Some(query) = params.query.filter(|q| !q.trim().is_empty()) else {
        return request_error(
            StatusCode::BAD_REQUEST,
            response_type,
            "the `query` parameter is required",
        );
    };
    let mut request = async_graphql::Request::new(query);
    if let Some(name) = params.operation_name.filter(|n| !n.is_empty()) {
        request = request.operation_name(name);
    }
    for (field, raw) in [
        ("variables", &params.variables),
        ("extensions", &params.extensions),
    ] {
        let Some(raw) = raw.as_deref().filter(|r| !r.is_empty()) else {
            continue;
        };
        let Ok(serde_json::Value::Object(map)) = serde_json::from_str::<serde_json::Value>(raw)
        else {
            let message = format!("the `{field}` parameter must be a JSON object");
            return request_error(StatusCode::BAD_REQUEST, response_type, &message);
        };
        if field == "variables" {
            request = request.variables(async_graphql::Variables::from_json(
                serde_json::Value::Object(map),
            ));
        } else {
            for (key, value) in map {
                if let Ok(value) = async_graphql::Value::from_json(value) {
                    request.extensions.insert(key, value);
                }
            }
        }
    }
    // Only queries may run over GET (a GET must be safe); anything else is refused before
    // execution. An unparsable document falls through to the ordinary parse error.
    let operation_name = request.operation_name.clone();
    if let Ok(document) = request.parsed_query() {
        let operation = match &operation_name {
            Some(name) => document
                .operations
                .iter()
                .find(|(op_name, _)| op_name.map(|n| n.as_str()) == Some(name.as_str()))
                .map(|(_, op)| op.node.ty),
            None => document.operations.iter().next().map(|(_, op)| op.node.ty),
        };
        if matches!(
            operation,
            Some(OperationType::Mutation | OperationType::Subscription)
        ) {
            let mut response = request_error(
                StatusCode::METHOD_NOT_ALLOWED,
                response_type,
                "only queries may be sent with GET; send mutations with POST",
            );
            response
                .headers_mut()
                .insert(ALLOW, HeaderValue::from_static("POST"));
            return response;
        }
    }
    let viewer = match authenticate(&state, &headers).await {
        Ok(viewer) => viewer,
        Err(error) => return auth_error(&error, response_type),
    };
    execute_one(&state, viewer, request, response_type).await
}

/// The viewer of a request: anonymous without an `Authorization` header, else the verified
/// bearer token's (any failure refuses the whole request, before anything is executed).
async fn authenticate(state: &AppState, headers: &HeaderMap) -> Result<Viewer, AppError> {
    let mut values = headers.get_all(AUTHORIZATION).iter();
    let Some(value) = values.next() else {
        return Ok(Viewer::anonymous());
    };
    if values.next().is_some() {
        return Err(AppError::Unauthenticated(
            "send one Authorization header".to_owned(),
        ));
    }
    let value = value.to_str().map_err(|_| {
        AppError::Unauthenticated("the Authorization header is not ASCII".to_owned())
    })?;
    state.auth.viewer_from_authorization(&state.db, value).await
}

/// The answer to a request whose token was refused (401 with a `WWW-Authenticate` challenge,
/// RFC 6750), or whose viewer could not be looked up (503 or a masked 500).
fn auth_error(error: &AppError, response_type: ResponseType) -> Response {
    let (status, body) = match error {
        AppError::Unauthenticated(_) => (
            StatusCode::UNAUTHORIZED,
            json!({ "errors": [{
                "message": error.message(),
                "extensions": { "code": error.code().as_str() },
            }] }),
        ),
        AppError::ServiceUnavailable => (
            StatusCode::SERVICE_UNAVAILABLE,
            json!({ "errors": [{
                "message": error.message(),
                "extensions": { "code": error.code().as_str() },
            }] }),
        ),
        other => {
            let error_id = crate::error::new_error_id();
            tracing::error!(error_id = %error_id, detail = %other.detail(), "cannot authenticate a request");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                json!({ "errors": [{
                    "message": "internal error",
                    "extensions": { "code": "INTERNAL", "errorId": error_id },
                }] }),
            )
        }
    };
    let mut response = json_response(status, response_type, &body);
    if let AppError::Unauthenticated(reason) = error {
        let description: String = reason
            .chars()
            .map(|c| {
                if c.is_ascii_graphic() || c == ' ' {
                    c
                } else {
                    '?'
                }
            })
            .filter(|c| *c != '"' && *c != '\\')
            .collect();
        let challenge =
            format!(r#"Bearer error="invalid_token", error_description="{description}""#);
        if let Ok(value) = HeaderValue::from_str(&challenge) {
            response.headers_mut().insert(WWW_AUTHENTICATE, value);
        }
    }
    response
}

/// Reads the body as one request or a batch, with the messages the specification implies.
fn parse_batch(value: serde_json::Value) -> Result<BatchRequest, String> {
    let parse_one = |value: serde_json::Value| -> Result<async_graphql::Request, String> {
        let serde_json::Value::Object(map) = &value else {
            return Err("a request must be a JSON object".to_owned());
        };
        match map.get("query") {
            Some(serde_json::Value::String(q)) if !q.trim().is_empty() => {}
            Some(serde_json::Value::String(_)) | None => {
                return Err("the `query` field is required".to_owned());
            }
            Some(_) => return Err("the `query` field must be a string".to_owned()),
        }
        for field in ["variables", "extensions"] {
            if !matches!(
                map.get(field),
                None | Some(serde_json::Value::Null | serde_json::Value::Object(_))
            ) {
                return Err(format!("the `{field}` field must be an object"));
            }
        }
        if !matches!(
            map.get("operationName"),
            None | Some(serde_json::Value::Null | serde_json::Value::String(_))
        ) {
            return Err("the `operationName` field must be a string".to_owned());
        }
        serde_json::from_value(value).map_err(|e| format!("not a GraphQL request: {e}"))
    };
    match value {
        serde_json::Value::Array(items) => Ok(BatchRequest::Batch(
            items.into_iter().map(parse_one).collect::<Result<_, _>>()?,
        )),
        other => Ok(BatchRequest::Single(parse_one(other)?)),
    }
}

async fn execute_one(
    state: &AppState,
    viewer: Viewer,
    request: async_graphql::Request,
    response_type: ResponseType,
) -> Response {
    let (status, body) = run(state, viewer, request, response_type).await;
    json_response(status, response_type, &body)
}

/// Executes one request as `viewer`; returns the status it deserves and its JSON body.
async fn run(
    state: &AppState,
    viewer: Viewer,
    request: async_graphql::Request,
    response_type: ResponseType,
) -> (StatusCode, serde_json::Value) {
    let started = ExecutionStarted::default();
    let svc = ServiceContext::new(state.db.clone(), viewer);
    let request = RequestContext::attach(request, svc).data(started.clone());
    // Sibling fields register their DataLoader keys while the executor polls them; tokio's
    // cooperative budget would make some of them yield half-way, so their keys would miss the
    // batch and cost extra statements. Executing unconstrained keeps a query's cost a
    // function of its shape (the request future only ever waits on loaders and the database,
    // so it never hogs the thread).
    let mut response = tokio::task::unconstrained(state.schema.execute(request)).await;
    if started.get() {
        let body = serde_json::to_value(&response).unwrap_or_else(|_| internal_body());
        (StatusCode::OK, body)
    } else {
        // A request error: the document did not parse or validate, so nothing was executed
        // and the response has no `data` entry.
        let errors: Vec<ServerError> = std::mem::take(&mut response.errors)
            .into_iter()
            .map(|e| crate::graphql::errors::with_code(e, VALIDATION_FAILED))
            .collect();
        let status = match response_type {
            ResponseType::GraphqlResponseJson => StatusCode::BAD_REQUEST,
            ResponseType::Json => StatusCode::OK,
        };
        (status, json!({ "errors": errors }))
    }
}

fn internal_body() -> serde_json::Value {
    json!({ "errors": [{ "message": "internal error", "extensions": { "code": "INTERNAL" } }] })
}

fn json_response(
    status: StatusCode,
    response_type: ResponseType,
    body: &serde_json::Value,
) -> Response {
    let mut response = (status, body.to_string()).into_response();
    response.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static(response_type.content_type()),
    );
    response
}

/// A request the server refuses before GraphQL sees it.
fn request_error(status: StatusCode, response_type: ResponseType, message: &str) -> Response {
    let body = json!({ "errors": [{ "message": message, "extensions": { "code": BAD_REQUEST } }] });
    json_response(status, response_type, &body)
}

fn not_acceptable() -> Response {
    request_error(
        StatusCode::NOT_ACCEPTABLE,
        ResponseType::Json,
        "accept `application/graphql-response+json` or `application/json`",
    )
}
