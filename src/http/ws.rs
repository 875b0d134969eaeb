//! `/graphql` over WebSocket: the `graphql-transport-ws` protocol (the `graphql-ws`
//! library's), written on axum's [`WebSocketUpgrade`] so that every `subscribe` message goes
//! through the same admission as an HTTP request.
//!
//! Before upgrading: the browser's `Origin` must be the hub's own or an allow-listed one
//! (403 otherwise), and the client must offer the `graphql-transport-ws` subprotocol. The
//! socket then has small buffers and a message limit (`--ws-max-message-bytes`, 64 KiB).
//!
//! On the socket, in order: `connection_init` within `--ws-init-timeout-secs` (3 s; else
//! 4408), once only
//! (4429), whose payload may carry `{"Authorization": "Bearer …"}`: the token is verified
//! without SQL, the rate limit charged, then the viewer looked up (a refused token closes
//! with 4403). Each `subscribe` re-verifies the token (an expired one closes with 4403), is
//! charged to the rate limit and admitted by [`super::admission::Gate::admit`]; a refusal is
//! an `error` message for that id, and costs no SQL statement. An admitted operation runs as
//! a stream (`next` … `complete`), so subscriptions only need a root. When the server shuts
//! down, sockets close with 1001.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::time::Duration;

use async_graphql::ServerError;
use axum::extract::ws::{CloseFrame, Message, Utf8Bytes, WebSocket, WebSocketUpgrade};
use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::handler::Handler;
use axum::http::header::{CONTENT_TYPE, HOST, ORIGIN, UPGRADE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;
use serde_json::{Value, json};
use tokio::sync::mpsc;
use tokio::task::AbortHandle;

use super::AppState;
use super::admission::{BAD_REQUEST, Caller, RATE_LIMITED};
use super::rate_limit::RateKey;
use crate::auth::jwt::{VerifiedToken, bearer_token, resolve};
use crate::auth::{Role, Viewer};
use crate::error::AppError;
use crate::graphql::RequestContext;
use crate::graphql::errors::{ExecutionStarted, VALIDATION_FAILED};
use crate::services::ServiceContext;

/// The subprotocol we speak.
pub const PROTOCOL: &str = "graphql-transport-ws";
/// Buffers of each socket (axum's 128 KiB defaults make idle sockets expensive).
const READ_BUFFER_BYTES: usize = 8 * 1024;
const WRITE_BUFFER_BYTES: usize = 8 * 1024;
/// The most the write buffer may hold (it grows only while a large response is being
/// written): room for the largest response the cost budget lets a query produce.
const MAX_WRITE_BUFFER_BYTES: usize = 16 * 1024 * 1024;
/// `extensions.code` of a `subscribe` beyond `--ws-max-operations`.
pub const TOO_MANY_OPERATIONS: &str = "TOO_MANY_OPERATIONS";

/// Close codes of the protocol.
mod close {
    pub const GOING_AWAY: u16 = 1001;
    pub const TOO_BIG: u16 = 1009;
    pub const INTERNAL: u16 = 4500;
    pub const BAD_REQUEST: u16 = 4400;
    pub const UNAUTHORIZED: u16 = 4401;
    pub const FORBIDDEN: u16 = 4403;
    pub const INIT_TIMEOUT: u16 = 4408;
    pub const DUPLICATE_ID: u16 = 4409;
    pub const TOO_MANY_INITS: u16 = 4429;
}

/// GET /graphql: a WebSocket upgrade (`Upgrade: websocket`) is served here, any other GET by
/// [`super::graphql::get`].
pub async fn get(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    request: Request,
) -> Response {
    let upgrading = request
        .headers()
        .get_all(UPGRADE)
        .iter()
        .any(|v| v.as_bytes().eq_ignore_ascii_case(b"websocket"));
    if !upgrading {
        return Handler::call(super::graphql::get, request, state).await;
    }
    let (mut parts, _body) = request.into_parts();
    if !origin_allowed(&parts.headers, &state.cors_origins) {
        return refuse(
            StatusCode::FORBIDDEN,
            "FORBIDDEN",
            "this origin may not open a WebSocket to the hub",
        );
    }
    let upgrade = match WebSocketUpgrade::from_request_parts(&mut parts, &state).await {
        Ok(upgrade) => upgrade,
        Err(rejection) => return rejection.into_response(),
    };
    if !upgrade
        .requested_protocols()
        .any(|p| p.as_bytes() == PROTOCOL.as_bytes())
    {
        return refuse(
            StatusCode::BAD_REQUEST,
            BAD_REQUEST,
            "offer the `graphql-transport-ws` subprotocol (Sec-WebSocket-Protocol)",
        );
    }
    upgrade
        .protocols([PROTOCOL])
        .read_buffer_size(READ_BUFFER_BYTES)
        .write_buffer_size(WRITE_BUFFER_BYTES)
        .max_write_buffer_size(MAX_WRITE_BUFFER_BYTES)
        .max_message_size(state.limits.ws_max_message_bytes)
        .max_frame_size(state.limits.ws_max_message_bytes)
        .on_upgrade(move |socket| Connection::new(state, peer).serve(socket))
}

/// Whether a browser's `Origin` is the hub's own (same host as `Host`) or allow-listed; a
/// request without `Origin` (not from a browser) is allowed.
fn origin_allowed(headers: &HeaderMap, allowed: &[HeaderValue]) -> bool {
    let mut origins = headers.get_all(ORIGIN).iter();
    let Some(origin) = origins.next() else {
        return true;
    };
    if origins.next().is_some() {
        return false;
    }
    if allowed
        .iter()
        .any(|a| a.as_bytes().eq_ignore_ascii_case(origin.as_bytes()))
    {
        return true;
    }
    let Ok(origin) = origin.to_str() else {
        return false;
    };
    let Some((scheme, authority)) = origin.split_once("://") else {
        return false;
    };
    let host = headers.get(HOST).and_then(|h| h.to_str().ok());
    matches!(scheme, "http" | "https")
        && !authority.is_empty()
        && host.is_some_and(|host| host.eq_ignore_ascii_case(authority))
}

fn refuse(status: StatusCode, code: &str, message: &str) -> Response {
    let body = json!({ "errors": [{ "message": message, "extensions": { "code": code } }] });
    let mut response = (status, body.to_string()).into_response();
    response.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    response
}

/// What an operation's task tells the socket.
enum Outgoing {
    /// A message to send for operation `id` (of generation `generation`).
    Message {
        id: String,
        generation: u64,
        message: Value,
    },
    /// The operation ended (after its last message).
    Done { id: String, generation: u64 },
}

/// Why the socket closes.
struct Close(u16, String);

impl Close {
    fn new(code: u16, reason: impl Into<String>) -> Self {
        Self(code, reason.into())
    }
}

/// One socket's state.
struct Connection {
    state: AppState,
    peer: SocketAddr,
    /// Set once `connection_init` has been acknowledged.
    session: Option<Session>,
    /// Operations running, by id: their generation and their task.
    active: HashMap<String, (u64, AbortHandle)>,
    next_generation: u64,
}

/// Who the socket acts for, once acknowledged.
struct Session {
    /// The raw token, re-verified for every `subscribe` (its `exp` may pass).
    token: Option<String>,
    caller: Caller,
    key: RateKey,
    viewer: Viewer,
}

impl Connection {
    fn new(state: AppState, peer: SocketAddr) -> Self {
        Self {
            state,
            peer,
            session: None,
            active: HashMap::new(),
            next_generation: 0,
        }
    }

    async fn serve(mut self, mut socket: WebSocket) {
        let (tx, mut rx) = mpsc::channel::<Outgoing>(16);
        let init_deadline =
            tokio::time::sleep(Duration::from_secs(self.state.limits.ws_init_timeout_secs));
        tokio::pin!(init_deadline);
        let mut draining = self.state.draining.subscribe();
        let already_draining = *draining.borrow_and_update();
        let close = loop {
            if already_draining {
                break Some(Close::new(close::GOING_AWAY, "the server is shutting down"));
            }
            tokio::select! {
                received = socket.recv() => {
                    let message = match received {
                        None => break None,
                        Some(Err(error)) => {
                            tracing::debug!(%error, "WebSocket read failed");
                            break Some(Close::new(close::TOO_BIG, "message refused"));
                        }
                        Some(Ok(message)) => message,
                    };
                    match message {
                        Message::Text(text) => match self.on_text(text.as_str(), &tx).await {
                            Ok(replies) => {
                                let mut failed = false;
                                for reply in replies {
                                    if socket.send(text_message(&reply)).await.is_err() {
                                        failed = true;
                                        break;
                                    }
                                }
                                if failed {
                                    break None;
                                }
                            }
                            Err(close) => break Some(close),
                        },
                        Message::Binary(_) => {
                            break Some(Close::new(close::BAD_REQUEST, "send messages as text"));
                        }
                        Message::Close(_) => break None,
                        Message::Ping(_) | Message::Pong(_) => {}
                    }
                }
                Some(outgoing) = rx.recv() => {
                    if let Some(message) = self.on_outgoing(outgoing)
                        && socket.send(text_message(&message)).await.is_err()
                    {
                        break None;
                    }
                }
                () = &mut init_deadline, if self.session.is_none() => {
                    break Some(Close::new(close::INIT_TIMEOUT, "connection initialisation timeout"));
                }
                changed = draining.changed() => {
                    let shutting_down = changed.is_err() || *draining.borrow_and_update();
                    if shutting_down {
                        break Some(Close::new(close::GOING_AWAY, "the server is shutting down"));
                    }
                }
            }
        };
        for (_, (_, task)) in self.active.drain() {
            task.abort();
        }
        if let Some(Close(code, reason)) = close {
            let frame = CloseFrame {
                code,
                reason: Utf8Bytes::from(truncate(&reason, 120)),
            };
            let _ = socket.send(Message::Close(Some(frame))).await;
        }
    }

    /// A message from an operation's task: sent if the operation is still the one running
    /// under its id.
    fn on_outgoing(&mut self, outgoing: Outgoing) -> Option<Value> {
        match outgoing {
            Outgoing::Message {
                id,
                generation,
                message,
            } => self
                .active
                .get(&id)
                .is_some_and(|(current, _)| *current == generation)
                .then_some(message),
            Outgoing::Done { id, generation } => {
                let current = self
                    .active
                    .get(&id)
                    .is_some_and(|(current, _)| *current == generation);
                if current {
                    self.active.remove(&id);
                    Some(json!({ "id": id, "type": "complete" }))
                } else {
                    None
                }
            }
        }
    }

    /// Handles one client message: the messages to answer with, or why to close.
    async fn on_text(
        &mut self,
        text: &str,
        tx: &mpsc::Sender<Outgoing>,
    ) -> Result<Vec<Value>, Close> {
        let Ok(Value::Object(mut message)) = serde_json::from_str::<Value>(text) else {
            return Err(Close::new(close::BAD_REQUEST, "invalid message received"));
        };
        let kind = match message.get("type") {
            Some(Value::String(kind)) => kind.clone(),
            _ => return Err(Close::new(close::BAD_REQUEST, "invalid message received")),
        };
        match kind.as_str() {
            "connection_init" => {
                if self.session.is_some() {
                    return Err(Close::new(
                        close::TOO_MANY_INITS,
                        "too many initialisation requests",
                    ));
                }
                let session = self.init(message.remove("payload")).await?;
                self.session = Some(session);
                Ok(vec![json!({ "type": "connection_ack" })])
            }
            "ping" => Ok(vec![json!({ "type": "pong" })]),
            "pong" => Ok(Vec::new()),
            "subscribe" => {
                let id = message_id(&message)?;
                let payload = match message.remove("payload") {
                    Some(Value::Object(payload)) => payload,
                    _ => return Err(Close::new(close::BAD_REQUEST, "invalid message received")),
                };
                self.subscribe(id, payload, tx)
                    .map(|reply| reply.into_iter().collect())
            }
            "complete" => {
                let id = message_id(&message)?;
                if let Some((_, task)) = self.active.remove(&id) {
                    task.abort();
                }
                Ok(Vec::new())
            }
            _ => Err(Close::new(close::BAD_REQUEST, "invalid message received")),
        }
    }

    /// `connection_init`: the token verified (no SQL), the rate limit charged, then the
    /// viewer looked up.
    async fn init(&self, payload: Option<Value>) -> Result<Session, Close> {
        let token = match payload {
            None | Some(Value::Null) => None,
            Some(Value::Object(payload)) => match payload
                .get("Authorization")
                .or_else(|| payload.get("authorization"))
            {
                None | Some(Value::Null) => None,
                Some(Value::String(value)) => Some(value.clone()),
                Some(_) => return Err(forbidden("the Authorization entry must be a string")),
            },
            Some(_) => {
                return Err(Close::new(
                    close::BAD_REQUEST,
                    "the connection_init payload must be an object",
                ));
            }
        };
        let verified: Option<Result<(String, VerifiedToken), AppError>> =
            token.as_deref().map(|value| {
                let token = bearer_token(value)?;
                let verified = self.state.auth.verify(token)?;
                Ok((token.to_owned(), verified))
            });
        let key = match &verified {
            Some(Ok((_, token))) => RateKey::Subject(token.subject.clone()),
            None | Some(Err(_)) => RateKey::Address(self.peer.ip()),
        };
        if self.state.gate.rate_limit(&key, 1).is_err() {
            return Err(Close::new(close::TOO_MANY_INITS, "too many requests"));
        }
        match verified {
            None => Ok(Session {
                token: None,
                caller: Caller {
                    role: Role::Anonymous,
                },
                key,
                viewer: Viewer::anonymous(),
            }),
            Some(Err(error)) => Err(auth_close(&error)),
            Some(Ok((token, verified))) => {
                let role = verified.role;
                let viewer = resolve(&self.state.db, verified)
                    .await
                    .map_err(|error| auth_close(&error))?;
                Ok(Session {
                    token: Some(token),
                    caller: Caller { role },
                    key,
                    viewer,
                })
            }
        }
    }

    /// `subscribe`: admitted (or refused with an `error` message), then run in a task of its
    /// own.
    fn subscribe(
        &mut self,
        id: String,
        payload: serde_json::Map<String, Value>,
        tx: &mpsc::Sender<Outgoing>,
    ) -> Result<Option<Value>, Close> {
        let Some(session) = &self.session else {
            return Err(Close::new(close::UNAUTHORIZED, "unauthorized"));
        };
        if self.active.contains_key(&id) {
            return Err(Close::new(
                close::DUPLICATE_ID,
                format!("subscriber for {} already exists", truncate(&id, 64)),
            ));
        }
        if let Some(token) = &session.token
            && let Err(error) = self.state.auth.verify(token)
        {
            return Err(forbidden(&error.message()));
        }
        if let Err(wait) = self.state.gate.rate_limit(&session.key, 1) {
            let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
            return Ok(Some(error_message(
                &id,
                json!([{
                    "message": format!("too many requests; try again in {seconds} s"),
                    "extensions": { "code": RATE_LIMITED, "retryAfter": seconds },
                }]),
            )));
        }
        let max_operations = self.state.limits.ws_max_operations;
        if self.active.len() >= max_operations {
            return Ok(Some(refusal(
                &id,
                TOO_MANY_OPERATIONS,
                &format!("at most {max_operations} operations may run at once on a socket"),
            )));
        }
        let (mut request, document_id) = match parse_payload(payload) {
            Ok(parsed) => parsed,
            Err(message) => return Ok(Some(refusal(&id, BAD_REQUEST, &message))),
        };
        if let Err(refused) =
            self.state
                .gate
                .admit(&mut request, document_id.as_deref(), session.caller)
        {
            return Ok(Some(refusal(&id, refused.code, &refused.message)));
        }
        let generation = self.next_generation;
        self.next_generation += 1;
        let task = tokio::spawn(run(
            self.state.clone(),
            session.viewer.clone(),
            request,
            id.clone(),
            generation,
            tx.clone(),
        ));
        self.active.insert(id, (generation, task.abort_handle()));
        Ok(None)
    }
}

/// Runs one admitted operation as a stream: each response a `next` (a request error, before
/// execution, an `error`), then `Done`.
async fn run(
    state: AppState,
    viewer: Viewer,
    request: async_graphql::Request,
    id: String,
    generation: u64,
    tx: mpsc::Sender<Outgoing>,
) {
    let started = ExecutionStarted::default();
    let svc = ServiceContext::new(state.db.clone(), viewer);
    let request = RequestContext::attach(request, svc).data(started.clone());
    // Unconstrained, as over HTTP: sibling fields must register their DataLoader keys in
    // the same batch (see `graphql::execute`).
    tokio::task::unconstrained(async move {
        let mut stream = state.schema.execute_stream(request);
        while let Some(mut response) = stream.next().await {
            let message = if started.get() {
                match serde_json::to_value(&response) {
                    Ok(payload) => json!({ "id": id, "type": "next", "payload": payload }),
                    Err(_) => error_message(
                        &id,
                        json!([{ "message": "internal error", "extensions": { "code": "INTERNAL" } }]),
                    ),
                }
            } else {
                let errors: Vec<ServerError> = std::mem::take(&mut response.errors)
                    .into_iter()
                    .map(|e| crate::graphql::errors::with_code(e, VALIDATION_FAILED))
                    .collect();
                let message = error_message(&id, json!(errors));
                // An `error` ends the operation: no `complete` follows it.
                let _ = tx
                    .send(Outgoing::Message {
                        id: id.clone(),
                        generation,
                        message,
                    })
                    .await;
                return;
            };
            let sent = tx
                .send(Outgoing::Message {
                    id: id.clone(),
                    generation,
                    message,
                })
                .await;
            if sent.is_err() {
                return;
            }
        }
        let _ = tx.send(Outgoing::Done { id, generation }).await;
    })
    .await;
}

/// The `id` of a `subscribe` or `complete` message.
fn message_id(message: &serde_json::Map<String, Value>) -> Result<String, Close> {
    match message.get("id") {
        Some(Value::String(id)) if !id.is_empty() => Ok(id.clone()),
        _ => Err(Close::new(close::BAD_REQUEST, "invalid message received")),
    }
}

/// A `subscribe` payload: `query`, or `documentId`, or `extensions.persistedQuery`, with
/// `operationName` and `variables`.
fn parse_payload(
    mut payload: serde_json::Map<String, Value>,
) -> Result<(async_graphql::Request, Option<String>), String> {
    let document_id = match payload.remove("documentId") {
        None | Some(Value::Null) => None,
        Some(Value::String(id)) if !id.trim().is_empty() => Some(id),
        Some(_) => return Err("the `documentId` field must be a document id".to_owned()),
    };
    let persisted = payload
        .get("extensions")
        .and_then(|e| e.get("persistedQuery"))
        .is_some();
    match payload.get("query") {
        Some(Value::String(q)) if !q.trim().is_empty() => {}
        Some(Value::String(_)) | None | Some(Value::Null) if document_id.is_some() || persisted => {
            payload.remove("query");
        }
        Some(Value::String(_)) | None | Some(Value::Null) => {
            return Err("the `query` field is required".to_owned());
        }
        Some(_) => return Err("the `query` field must be a string".to_owned()),
    }
    for field in ["variables", "extensions"] {
        if !matches!(
            payload.get(field),
            None | Some(Value::Null | Value::Object(_))
        ) {
            return Err(format!("the `{field}` field must be an object"));
        }
    }
    if !matches!(
        payload.get("operationName"),
        None | Some(Value::Null | Value::String(_))
    ) {
        return Err("the `operationName` field must be a string".to_owned());
    }
    let request = serde_json::from_value(Value::Object(payload))
        .map_err(|e| format!("not a GraphQL request: {e}"))?;
    Ok((request, document_id))
}

fn error_message(id: &str, errors: Value) -> Value {
    json!({ "id": id, "type": "error", "payload": errors })
}

fn refusal(id: &str, code: &str, message: &str) -> Value {
    error_message(
        id,
        json!([{ "message": message, "extensions": { "code": code } }]),
    )
}

fn forbidden(reason: &str) -> Close {
    Close::new(close::FORBIDDEN, format!("forbidden: {reason}"))
}

/// A refused token closes with 4403; a viewer that cannot be looked up with 4500.
fn auth_close(error: &AppError) -> Close {
    match error {
        AppError::Unauthenticated(_) | AppError::Forbidden(_) => forbidden(&error.message()),
        other => {
            let error_id = crate::error::new_error_id();
            tracing::error!(error_id = %error_id, detail = %other.detail(), "cannot authenticate a WebSocket");
            Close::new(close::INTERNAL, format!("internal error {error_id}"))
        }
    }
}

fn text_message(value: &Value) -> Message {
    Message::Text(Utf8Bytes::from(value.to_string()))
}

/// At most `max` bytes of `text`, cut at a character boundary (close reasons are limited to
/// 123 bytes).
fn truncate(text: &str, max: usize) -> String {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end].to_owned()
}
