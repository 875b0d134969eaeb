//! `/graphql` over HTTP, following the GraphQL-over-HTTP specification.
//!
//! We read and answer requests ourselves rather than through async-graphql-axum's extractor,
//! which reads the body without axum's limit and answers 200 where the specification wants
//! 400, 405, 406 or 415.
//!
//! A request goes through, in order: content negotiation and the body's shape; the token's
//! signature and claims (no database access); the rate limit of its subject, else of its
//! address; admission of each operation ([`super::admission`]: trusted documents,
//! introspection, depth, cost, aliases, root fields). Only then is the viewer looked up and
//! anything executed, so a refused request costs no SQL statement.

use std::net::SocketAddr;
use std::time::Duration;

use async_graphql::ServerError;
use async_graphql::parser::types::OperationType;
use axum::body::Bytes;
use axum::extract::{ConnectInfo, Query, State};
use axum::http::header::{ALLOW, AUTHORIZATION, CONTENT_TYPE, RETRY_AFTER, WWW_AUTHENTICATE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use super::AppState;
use super::admission::{self, BAD_REQUEST, Caller, RATE_LIMITED, Refusal};
use super::negotiate::{ResponseType, is_json_request, response_type};
use super::rate_limit::RateKey;
use crate::auth::jwt::{VerifiedToken, bearer_token, resolve};
use crate::auth::{Role, Viewer};
use crate::error::AppError;
use crate::graphql::RequestContext;
use crate::graphql::errors::{ExecutionStarted, VALIDATION_FAILED};
use crate::services::ServiceContext;

/// One operation as the client sent it.
struct Incoming {
    request: async_graphql::Request,
    /// The trusted document it names (`documentId`), if any.
    document_id: Option<String>,
}

/// The body of a POST: one operation, or a batch.
enum Body {
    Single(Box<Incoming>),
    Batch(Vec<Incoming>),
}

/// POST /graphql: a JSON body holding one request, or a batch (an array) of them.
pub async fn post(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
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
    let body = match serde_json::from_slice::<serde_json::Value>(&body) {
        Err(_) => {
            return request_error(
                StatusCode::BAD_REQUEST,
                response_type,
                "the body is not valid JSON",
            );
        }
        Ok(value) => match parse_body(value) {
            Ok(body) => body,
            Err(message) => return request_error(StatusCode::BAD_REQUEST, response_type, &message),
        },
    };
    if let Body::Batch(requests) = &body
        && (requests.is_empty() || requests.len() > state.limits.max_batch)
    {
        let message = format!("a batch holds 1 to {} operations", state.limits.max_batch);
        return request_error(StatusCode::BAD_REQUEST, response_type, &message);
    }
    let operations = match &body {
        Body::Single(_) => 1,
        Body::Batch(requests) => requests.len(),
    };
    let (caller, token) = match identify(&state, &headers, peer, operations) {
        Ok(identified) => identified,
        Err(response) => return response(response_type),
    };
    match body {
        Body::Single(incoming) => match admit(&state, *incoming, caller) {
            Err(refused) => refused_response(&refused, response_type),
            Ok(request) => {
                let viewer = match resolve_viewer(&state, token).await {
                    Ok(viewer) => viewer,
                    Err(error) => return auth_error(&error, response_type),
                };
                let (status, body) = execute(&state, viewer, request, response_type).await;
                json_response(status, response_type, &body)
            }
        },
        Body::Batch(requests) => {
            let admitted: Vec<_> = requests
                .into_iter()
                .map(|incoming| admit(&state, incoming, caller))
                .collect();
            let viewer = if admitted.iter().any(Result::is_ok) {
                match resolve_viewer(&state, token).await {
                    Ok(viewer) => viewer,
                    Err(error) => return auth_error(&error, response_type),
                }
            } else {
                Viewer::anonymous()
            };
            let mut bodies = Vec::with_capacity(admitted.len());
            for outcome in admitted {
                let body = match outcome {
                    Ok(request) => {
                        execute(&state, viewer.clone(), request, response_type)
                            .await
                            .1
                    }
                    Err(refused) => refusal_body(&refused),
                };
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
    #[serde(rename = "documentId")]
    document_id: Option<String>,
    #[serde(rename = "operationName")]
    operation_name: Option<String>,
    variables: Option<String>,
    extensions: Option<String>,
}

/// GET /graphql: queries only, as URL parameters (a trusted document by `documentId`, or
/// the query text).
pub async fn get(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Query(params): Query<GetParams>,
) -> Response {
    let Some(response_type) = response_type(&headers) else {
        return not_acceptable();
    };
    let query = params.query.filter(|q| !q.trim().is_empty());
    let document_id = params.document_id.filter(|d| !d.trim().is_empty());
    let mut request = async_graphql::Request::new(query.clone().unwrap_or_default());
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
    if query.is_none()
        && document_id.is_none()
        && !request.extensions.contains_key("persistedQuery")
    {
        return request_error(
            StatusCode::BAD_REQUEST,
            response_type,
            "the `query` parameter is required",
        );
    }
    // Only queries may run over GET (a GET must be safe): a mutation sent as text is refused
    // before anything else, one named by id once its document is known.
    if query.is_some() && !runs_safely(&mut request) {
        return mutation_over_get(response_type);
    }
    let (caller, token) = match identify(&state, &headers, peer, 1) {
        Ok(identified) => identified,
        Err(response) => return response(response_type),
    };
    let incoming = Incoming {
        request,
        document_id,
    };
    let mut request = match admit(&state, incoming, caller) {
        Ok(request) => request,
        Err(refused) => return refused_response(&refused, response_type),
    };
    if !runs_safely(&mut request) {
        return mutation_over_get(response_type);
    }
    let viewer = match resolve_viewer(&state, token).await {
        Ok(viewer) => viewer,
        Err(error) => return auth_error(&error, response_type),
    };
    let (status, body) = execute(&state, viewer, request, response_type).await;
    json_response(status, response_type, &body)
}

/// Whether the operation `request` would run is a query (an unparsable document falls
/// through to the ordinary parse error).
fn runs_safely(request: &mut async_graphql::Request) -> bool {
    let operation_name = request.operation_name.clone();
    let Ok(document) = request.parsed_query() else {
        return true;
    };
    !matches!(
        admission::select_operation(document, operation_name.as_deref()).map(|op| op.node.ty),
        Some(OperationType::Mutation | OperationType::Subscription)
    )
}

fn mutation_over_get(response_type: ResponseType) -> Response {
    let mut response = request_error(
        StatusCode::METHOD_NOT_ALLOWED,
        response_type,
        "only queries may be sent with GET; send mutations with POST",
    );
    response
        .headers_mut()
        .insert(ALLOW, HeaderValue::from_static("POST"));
    response
}

/// A refused request, answered once its response type is known.
type Refused = Box<dyn FnOnce(ResponseType) -> Response + Send>;

/// Who is asking, from the `Authorization` header (signature and claims only, no database
/// access), charged to the rate limit: a verified token's subject, else the client's address
/// (a refused token is charged to the address too, so guessing tokens is limited as well).
fn identify(
    state: &AppState,
    headers: &HeaderMap,
    peer: SocketAddr,
    operations: usize,
) -> Result<(Caller, Option<VerifiedToken>), Refused> {
    let verified = verify(state, headers);
    let key = match &verified {
        Ok(Some(token)) => RateKey::Subject(token.subject.clone()),
        Ok(None) | Err(_) => RateKey::Address(peer.ip()),
    };
    if let Err(wait) = state.gate.rate_limit(&key, operations) {
        return Err(Box::new(move |response_type| {
            rate_limited(wait, response_type)
        }));
    }
    match verified {
        Ok(token) => {
            let role = token.as_ref().map_or(Role::Anonymous, |t| t.role);
            Ok((Caller { role }, token))
        }
        Err(error) => Err(Box::new(move |response_type| {
            auth_error(&error, response_type)
        })),
    }
}

/// The verified token of the `Authorization` header; `None` without one.
fn verify(state: &AppState, headers: &HeaderMap) -> Result<Option<VerifiedToken>, AppError> {
    let mut values = headers.get_all(AUTHORIZATION).iter();
    let Some(value) = values.next() else {
        return Ok(None);
    };
    if values.next().is_some() {
        return Err(AppError::Unauthenticated(
            "send one Authorization header".to_owned(),
        ));
    }
    let value = value.to_str().map_err(|_| {
        AppError::Unauthenticated("the Authorization header is not ASCII".to_owned())
    })?;
    state.auth.verify(bearer_token(value)?).map(Some)
}

/// The viewer of a verified token (its circumscription or actor looked up); anonymous
/// without one.
async fn resolve_viewer(
    state: &AppState,
    token: Option<VerifiedToken>,
) -> Result<Viewer, AppError> {
    match token {
        None => Ok(Viewer::anonymous()),
        Some(token) => resolve(&state.db, token).await,
    }
}

/// Admits one operation ([`admission::Gate::admit`]).
fn admit(
    state: &AppState,
    incoming: Incoming,
    caller: Caller,
) -> Result<async_graphql::Request, Refusal> {
    let Incoming {
        mut request,
        document_id,
    } = incoming;
    state
        .gate
        .admit(&mut request, document_id.as_deref(), caller)?;
    Ok(request)
}

/// HTTP 429 with `Retry-After` (whole seconds, rounded up).
fn rate_limited(wait: Duration, response_type: ResponseType) -> Response {
    let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    let body = json!({ "errors": [{
        "message": format!("too many requests; try again in {seconds} s"),
        "extensions": { "code": RATE_LIMITED, "retryAfter": seconds },
    }] });
    let mut response = json_response(StatusCode::TOO_MANY_REQUESTS, response_type, &body);
    if let Ok(value) = HeaderValue::from_str(&seconds.to_string()) {
        response.headers_mut().insert(RETRY_AFTER, value);
    }
    response
}

fn refusal_body(refused: &Refusal) -> serde_json::Value {
    json!({ "errors": [{ "message": refused.message, "extensions": { "code": refused.code } }] })
}

/// A refused operation is a request error: 400 with `application/graphql-response+json`,
/// 200 with `application/json` (as for a document that does not validate).
fn refused_response(refused: &Refusal, response_type: ResponseType) -> Response {
    let status = match response_type {
        ResponseType::GraphqlResponseJson => StatusCode::BAD_REQUEST,
        ResponseType::Json => StatusCode::OK,
    };
    json_response(status, response_type, &refusal_body(refused))
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
fn parse_body(value: serde_json::Value) -> Result<Body, String> {
    let parse_one = |value: serde_json::Value| -> Result<Incoming, String> {
        let serde_json::Value::Object(mut map) = value else {
            return Err("a request must be a JSON object".to_owned());
        };
        let document_id = match map.remove("documentId") {
            None | Some(serde_json::Value::Null) => None,
            Some(serde_json::Value::String(id)) if !id.trim().is_empty() => Some(id),
            Some(_) => return Err("the `documentId` field must be a document id".to_owned()),
        };
        let persisted = map
            .get("extensions")
            .and_then(|e| e.get("persistedQuery"))
            .is_some();
        match map.get("query") {
            Some(serde_json::Value::String(q)) if !q.trim().is_empty() => {}
            Some(serde_json::Value::String(_)) | None | Some(serde_json::Value::Null)
                if document_id.is_some() || persisted =>
            {
                map.remove("query");
            }
            Some(serde_json::Value::String(_)) | None | Some(serde_json::Value::Null) => {
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
        let request = serde_json::from_value(serde_json::Value::Object(map))
            .map_err(|e| format!("not a GraphQL request: {e}"))?;
        Ok(Incoming {
            request,
            document_id,
        })
    };
    match value {
        serde_json::Value::Array(items) => Ok(Body::Batch(
            items.into_iter().map(parse_one).collect::<Result<_, _>>()?,
        )),
        other => Ok(Body::Single(Box::new(parse_one(other)?))),
    }
}

/// Executes one request as `viewer`; returns the status it deserves and its JSON body.
async fn execute(
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
