//! `/graphql` over WebSocket (`graphql-transport-ws`): the same origin check, token,
//! rate limit, trusted documents and query limits as over HTTP, refused before any SQL, and
//! the protocol's close codes.

use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use partner_hub::auth::jwt::TokenClaims;
use partner_hub::config::{AuthArgs, EndpointArgs, LimitArgs};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

use crate::helpers::{
    TestApp, error_code, spawn_app, spawn_app_with, spawn_app_with_auth, spawn_app_with_endpoint,
    test_auth_args, test_limits,
};

type Socket = WebSocketStream<MaybeTlsStream<TcpStream>>;

const COUNT: &str = "query Count { circumscriptions { totalCount } }";

/// Guards against a hung test only: every wait below ends on an event long before it.
const GUARD: Duration = Duration::from_secs(30);

fn id(document: &str) -> String {
    let hex: String = Sha256::digest(document.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("sha256:{hex}")
}

/// Opens a socket offering `graphql-transport-ws`, with `Origin` when given; the HTTP
/// status of a refused upgrade otherwise.
async fn open(app: &TestApp, origin: Option<&str>) -> Result<Socket, u16> {
    let mut request = format!("ws://{}/graphql", app.addr)
        .into_client_request()
        .unwrap();
    request.headers_mut().insert(
        "Sec-WebSocket-Protocol",
        HeaderValue::from_static("graphql-transport-ws"),
    );
    if let Some(origin) = origin {
        request
            .headers_mut()
            .insert("Origin", HeaderValue::from_str(origin).unwrap());
    }
    match tokio_tungstenite::connect_async(request).await {
        Ok((socket, response)) => {
            assert_eq!(
                response.headers()["Sec-WebSocket-Protocol"],
                "graphql-transport-ws"
            );
            Ok(socket)
        }
        Err(tokio_tungstenite::tungstenite::Error::Http(response)) => {
            Err(response.status().as_u16())
        }
        Err(other) => panic!("cannot connect: {other}"),
    }
}

async fn send(socket: &mut Socket, message: Value) {
    socket
        .send(Message::text(message.to_string()))
        .await
        .unwrap();
}

/// What the server sends next: a protocol message, or the close code (`None` for a socket
/// that ended without a close frame).
enum Received {
    Json(Value),
    Closed(Option<u16>),
}

async fn receive(socket: &mut Socket) -> Received {
    loop {
        let next = tokio::time::timeout(GUARD, socket.next())
            .await
            .expect("the server answers");
        match next {
            None | Some(Err(_)) => return Received::Closed(None),
            Some(Ok(Message::Text(text))) => {
                return Received::Json(serde_json::from_str(text.as_str()).unwrap());
            }
            Some(Ok(Message::Close(frame))) => {
                return Received::Closed(frame.map(|f| u16::from(f.code)));
            }
            Some(Ok(Message::Ping(_) | Message::Pong(_) | Message::Frame(_))) => {}
            Some(Ok(Message::Binary(_))) => panic!("the server sent a binary message"),
        }
    }
}

async fn receive_json(socket: &mut Socket) -> Value {
    match receive(socket).await {
        Received::Json(value) => value,
        Received::Closed(code) => panic!("the socket closed ({code:?})"),
    }
}

async fn closed_with(socket: &mut Socket) -> Option<u16> {
    match receive(socket).await {
        Received::Closed(code) => code,
        Received::Json(value) => panic!("expected the socket to close, got {value}"),
    }
}

/// Opens a socket and initialises it (with a token when given).
async fn connect(app: &TestApp, token: Option<&str>) -> Socket {
    let mut socket = open(app, None).await.unwrap();
    let payload = match token {
        Some(token) => json!({ "Authorization": format!("Bearer {token}") }),
        None => json!({}),
    };
    send(
        &mut socket,
        json!({ "type": "connection_init", "payload": payload }),
    )
    .await;
    assert_eq!(
        receive_json(&mut socket).await,
        json!({ "type": "connection_ack" })
    );
    socket
}

/// Subscribes with `payload` under `id`; the `next` payload followed by `complete`, or the
/// `error` payload.
async fn run(socket: &mut Socket, id: &str, payload: Value) -> Result<Value, Value> {
    send(
        socket,
        json!({ "id": id, "type": "subscribe", "payload": payload }),
    )
    .await;
    let first = receive_json(socket).await;
    assert_eq!(first["id"], id, "{first}");
    match first["type"].as_str() {
        Some("next") => {
            let complete = receive_json(socket).await;
            assert_eq!(complete, json!({ "id": id, "type": "complete" }));
            Ok(first["payload"].clone())
        }
        Some("error") => Err(json!({ "errors": first["payload"].clone() })),
        _ => panic!("unexpected message {first}"),
    }
}

#[tokio::test]
async fn queries_run_by_text_and_by_document_id_and_plain_get_still_works() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("trusted-documents.json");
    std::fs::write(&file, json!({ id(COUNT): COUNT }).to_string()).unwrap();
    let app = spawn_app_with_endpoint(
        test_limits(),
        test_auth_args(),
        EndpointArgs {
            trusted_documents: Some(file),
            ..EndpointArgs::default()
        },
    )
    .await;

    let mut socket = connect(&app, None).await;
    send(&mut socket, json!({ "type": "ping" })).await;
    assert_eq!(receive_json(&mut socket).await, json!({ "type": "pong" }));
    let body = run(&mut socket, "1", json!({ "documentId": id(COUNT) }))
        .await
        .unwrap();
    assert_eq!(body["data"]["circumscriptions"]["totalCount"], 6, "{body}");
    // The listed text is accepted as such; ad-hoc text is not, for anyone but an admin.
    let body = run(&mut socket, "2", json!({ "query": COUNT }))
        .await
        .unwrap();
    assert_eq!(body["data"]["circumscriptions"]["totalCount"], 6, "{body}");
    let ad_hoc = json!({ "query": "{ circumscriptions { totalCount } __typename }" });
    let refused = run(&mut socket, "3", ad_hoc.clone()).await.unwrap_err();
    assert_eq!(error_code(&refused), "TRUSTED_DOCUMENT_REQUIRED");
    let unknown = run(
        &mut socket,
        "4",
        json!({ "documentId": id("{ __typename }") }),
    )
    .await
    .unwrap_err();
    assert_eq!(error_code(&unknown), "PERSISTED_QUERY_NOT_FOUND");

    let officer = app.token("OFFICER", Some("RABAT"), None);
    let mut as_officer = connect(&app, Some(&officer)).await;
    let refused = run(&mut as_officer, "1", ad_hoc.clone()).await.unwrap_err();
    assert_eq!(error_code(&refused), "TRUSTED_DOCUMENT_REQUIRED");

    let admin = app.token("ADMIN", None, None);
    let mut as_admin = connect(&app, Some(&admin)).await;
    let body = run(&mut as_admin, "1", ad_hoc).await.unwrap();
    assert_eq!(body["data"]["__typename"], "Query", "{body}");

    // A GET without `Upgrade` is still GraphQL over HTTP.
    let response = app
        .client
        .get(app.url("/graphql"))
        .query(&[("documentId", id(COUNT))])
        .header("Accept", "application/graphql-response+json")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["data"]["circumscriptions"]["totalCount"], 6, "{body}");
}

/// A query `depth` fields deep (at least 3).
fn nested(depth: usize) -> String {
    format!(
        "{{ actors(first: 1) {{ nodes {{ {}id{} }} }} }}",
        "parent { ".repeat(depth - 3),
        " }".repeat(depth - 3)
    )
}

#[tokio::test]
async fn limits_are_refused_without_sql_while_another_socket_is_served() {
    let app = spawn_app_with(LimitArgs {
        max_depth: 5,
        max_cost: 50,
        ..test_limits()
    })
    .await;
    let mut hostile = connect(&app, None).await;
    let mut ordinary = connect(&app, None).await;

    let before = app.sql_statements();
    let refused = run(&mut hostile, "deep", json!({ "query": nested(6) }))
        .await
        .unwrap_err();
    assert_eq!(error_code(&refused), "DEPTH_LIMIT_EXCEEDED", "{refused}");
    let costly = "{ actors(first: 100) { nodes { id } } }";
    let refused = run(&mut hostile, "costly", json!({ "query": costly }))
        .await
        .unwrap_err();
    assert_eq!(error_code(&refused), "COST_LIMIT_EXCEEDED", "{refused}");
    assert_eq!(app.sql_statements(), before, "a refused operation ran SQL");

    let body = run(&mut ordinary, "1", json!({ "query": COUNT }))
        .await
        .unwrap();
    assert_eq!(body["data"]["circumscriptions"]["totalCount"], 6, "{body}");
    // The refused socket stays open and serves an operation within the limits.
    let body = run(&mut hostile, "ok", json!({ "query": nested(5) }))
        .await
        .unwrap();
    assert!(body.get("errors").is_none(), "{body}");
}

#[tokio::test]
async fn refused_tokens_close_with_4403() {
    let app = spawn_app_with_auth(
        test_limits(),
        AuthArgs {
            jwt_leeway_secs: 0,
            ..test_auth_args()
        },
    )
    .await;
    for authorization in [
        "Bearer not-a-token".to_owned(),
        format!("Basic {}", app.token("ADMIN", None, None)),
        format!(
            "Bearer {}",
            app.mint(&TokenClaims::new("ADMIN", "someone").expires_at(Some(1_000)))
        ),
    ] {
        let mut socket = open(&app, None).await.unwrap();
        send(
            &mut socket,
            json!({ "type": "connection_init", "payload": { "Authorization": authorization } }),
        )
        .await;
        assert_eq!(
            closed_with(&mut socket).await,
            Some(4403),
            "{authorization}"
        );
    }

    // A token that expires while the socket is open: the next `subscribe` closes it.
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let exp = i64::try_from(now).unwrap() + 4;
    let token = app.mint(&TokenClaims::new("COORDINATOR", "short").expires_at(Some(exp)));
    let mut socket = connect(&app, Some(&token)).await;
    let body = run(&mut socket, "1", json!({ "query": COUNT }))
        .await
        .unwrap();
    assert_eq!(body["data"]["circumscriptions"]["totalCount"], 6, "{body}");
    // Wait until the token has expired by the wall clock (not a race: only the order of the
    // expiry and the next message matters).
    loop {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs();
        if i64::try_from(now).unwrap() > exp + 1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    send(
        &mut socket,
        json!({ "id": "2", "type": "subscribe", "payload": { "query": COUNT } }),
    )
    .await;
    assert_eq!(closed_with(&mut socket).await, Some(4403));
}

#[tokio::test]
async fn the_protocol_is_enforced_with_its_close_codes() {
    let app = spawn_app().await;

    // No connection_init: closed with 4408 once the 3 s have passed.
    let mut silent = open(&app, None).await.unwrap();
    assert_eq!(closed_with(&mut silent).await, Some(4408));

    // subscribe before connection_ack: 4401.
    let mut early = open(&app, None).await.unwrap();
    send(
        &mut early,
        json!({ "id": "1", "type": "subscribe", "payload": { "query": COUNT } }),
    )
    .await;
    assert_eq!(closed_with(&mut early).await, Some(4401));

    // A second connection_init: 4429.
    let mut twice = connect(&app, None).await;
    send(&mut twice, json!({ "type": "connection_init" })).await;
    assert_eq!(closed_with(&mut twice).await, Some(4429));

    // Not a protocol message: 4400.
    let mut garbled = connect(&app, None).await;
    send(&mut garbled, json!({ "type": "hello" })).await;
    assert_eq!(closed_with(&mut garbled).await, Some(4400));

    // A payload that is not a request gets an error for its id; the socket stays open.
    let mut socket = connect(&app, None).await;
    let refused = run(&mut socket, "1", json!({ "query": 42 }))
        .await
        .unwrap_err();
    assert_eq!(error_code(&refused), "BAD_REQUEST");
    // A document that does not validate: an `error` too (nothing was executed).
    let refused = run(&mut socket, "2", json!({ "query": "{ nope }" }))
        .await
        .unwrap_err();
    assert_eq!(
        error_code(&refused),
        "GRAPHQL_VALIDATION_FAILED",
        "{refused}"
    );
    let body = run(&mut socket, "3", json!({ "query": COUNT }))
        .await
        .unwrap();
    assert_eq!(body["data"]["circumscriptions"]["totalCount"], 6);
}

#[tokio::test]
async fn only_the_hubs_own_and_allowed_origins_may_upgrade() {
    let app = spawn_app_with_endpoint(
        test_limits(),
        test_auth_args(),
        EndpointArgs {
            cors_origins: vec!["https://partners.example".to_owned()],
            ..EndpointArgs::default()
        },
    )
    .await;
    assert_eq!(
        open(&app, Some("https://evil.example")).await.err(),
        Some(403)
    );
    assert_eq!(open(&app, Some("null")).await.err(), Some(403));
    for origin in [
        "https://partners.example".to_owned(),
        format!("http://{}", app.addr),
    ] {
        let mut socket = open(&app, Some(&origin)).await.unwrap();
        send(&mut socket, json!({ "type": "connection_init" })).await;
        assert_eq!(
            receive_json(&mut socket).await,
            json!({ "type": "connection_ack" })
        );
    }
}

#[tokio::test]
async fn operations_are_charged_to_the_rate_limit() {
    let app = spawn_app_with(LimitArgs {
        rate_limit_per_minute: 1,
        rate_limit_burst: 3,
        ..test_limits()
    })
    .await;
    // connection_init costs one request, each subscribe one more.
    let mut socket = connect(&app, None).await;
    for id in ["1", "2"] {
        let body = run(&mut socket, id, json!({ "query": COUNT }))
            .await
            .unwrap();
        assert_eq!(body["data"]["circumscriptions"]["totalCount"], 6);
    }
    let before = app.sql_statements();
    let refused = run(&mut socket, "3", json!({ "query": COUNT }))
        .await
        .unwrap_err();
    assert_eq!(error_code(&refused), "RATE_LIMITED", "{refused}");
    assert_eq!(app.sql_statements(), before);
}

#[tokio::test]
async fn an_oversized_message_closes_the_socket() {
    let app = spawn_app().await;
    let mut socket = connect(&app, None).await;
    // Valid GraphQL padded with a comment beyond 64 KiB: served if the limit were missing.
    let query = format!("{COUNT}\n#{}", "x".repeat(70 * 1024));
    send(
        &mut socket,
        json!({ "id": "1", "type": "subscribe", "payload": { "query": query } }),
    )
    .await;
    assert!(matches!(
        receive(&mut socket).await,
        Received::Closed(None | Some(1009))
    ));
}

#[tokio::test]
async fn sockets_close_with_1001_when_the_server_shuts_down() {
    let mut app = spawn_app().await;
    let mut socket = connect(&app, None).await;
    let (stopped, code) = tokio::join!(app.stop(), closed_with(&mut socket));
    stopped.unwrap();
    assert_eq!(code, Some(1001));
}
