//! Endpoint settings: introspection by viewer, and the CORS allow-list.

use partner_hub::config::{EndpointArgs, Introspection};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{TestApp, spawn_app, spawn_app_with_endpoint, test_auth_args, test_limits};

const INTROSPECTION: &str = "{ __schema { queryType { name } types { name } } }";
const ORDINARY: &str = "{ circumscriptions { totalCount } }";

async fn post(app: &TestApp, token: Option<&str>, query: &str) -> (StatusCode, Value) {
    let mut request = app
        .client
        .post(app.url("/graphql"))
        .header("Accept", "application/graphql-response+json")
        .json(&json!({ "query": query }));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.unwrap();
    (response.status(), response.json().await.unwrap())
}

async fn app_with(endpoint: EndpointArgs) -> TestApp {
    spawn_app_with_endpoint(test_limits(), test_auth_args(), endpoint).await
}

#[tokio::test]
async fn introspection_is_for_authenticated_viewers_by_default() {
    let app = spawn_app().await;
    let before = app.sql_statements();
    let (status, body) = post(&app, None, INTROSPECTION).await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(
        body["errors"][0]["extensions"]["code"],
        "INTROSPECTION_DISABLED"
    );
    assert_eq!(app.sql_statements(), before, "refused before any SQL");
    // Hidden in a fragment, the same.
    let (status, body) = post(
        &app,
        None,
        "{ ...F } fragment F on Query { __type(name: \"Actor\") { name } }",
    )
    .await;
    assert_eq!(status, 400, "{body}");
    // `__typename` is not introspection; an ordinary query beside a refused one is served.
    let (refused, served) = tokio::join!(
        post(&app, None, INTROSPECTION),
        post(&app, None, "{ __typename circumscriptions { totalCount } }"),
    );
    assert_eq!(refused.0, 400);
    assert_eq!(served.0, 200, "{}", served.1);
    assert_eq!(served.1["data"]["__typename"], "Query");

    for (role, circumscription) in [("OFFICER", Some("FES")), ("ADMIN", None)] {
        let token = app.token(role, circumscription, None);
        let (status, body) = post(&app, Some(&token), INTROSPECTION).await;
        assert_eq!(status, 200, "{role}: {body}");
        assert_eq!(body["data"]["__schema"]["queryType"]["name"], "Query");
    }
}

#[tokio::test]
async fn introspection_can_be_opened_to_everyone_or_closed_to_all() {
    let open = app_with(EndpointArgs {
        introspection: Introspection::On,
        ..EndpointArgs::default()
    })
    .await;
    let (status, body) = post(&open, None, INTROSPECTION).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["data"]["__schema"]["queryType"]["name"], "Query");

    let closed = app_with(EndpointArgs {
        introspection: Introspection::Off,
        ..EndpointArgs::default()
    })
    .await;
    let admin = closed.token("ADMIN", None, None);
    let (status, body) = post(&closed, Some(&admin), INTROSPECTION).await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(
        body["errors"][0]["extensions"]["code"],
        "INTROSPECTION_DISABLED"
    );
    let (status, _) = post(&closed, Some(&admin), ORDINARY).await;
    assert_eq!(status, 200);
}

async fn preflight(app: &TestApp, origin: &str) -> reqwest::Response {
    app.client
        .request(reqwest::Method::OPTIONS, app.url("/graphql"))
        .header("Origin", origin)
        .header("Access-Control-Request-Method", "POST")
        .header(
            "Access-Control-Request-Headers",
            "content-type, authorization",
        )
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn only_allow_listed_origins_get_cors_headers() {
    let app = app_with(EndpointArgs {
        cors_origins: vec!["https://reseau.example.ma".to_owned()],
        ..EndpointArgs::default()
    })
    .await;
    let allowed = preflight(&app, "https://reseau.example.ma").await;
    assert!(allowed.status().is_success(), "{}", allowed.status());
    assert_eq!(
        allowed.headers()["access-control-allow-origin"],
        "https://reseau.example.ma"
    );
    let methods = allowed.headers()["access-control-allow-methods"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        methods.contains("POST") && methods.contains("GET"),
        "{methods}"
    );
    let headers = allowed.headers()["access-control-allow-headers"]
        .to_str()
        .unwrap()
        .to_lowercase();
    assert!(
        headers.contains("authorization") && headers.contains("content-type"),
        "{headers}"
    );

    let other = preflight(&app, "https://evil.example.com").await;
    assert!(other.headers().get("access-control-allow-origin").is_none());

    // An actual request from the allowed origin carries the header, one from elsewhere not.
    for (origin, allowed) in [
        ("https://reseau.example.ma", true),
        ("https://evil.example.com", false),
    ] {
        let response = app
            .client
            .post(app.url("/graphql"))
            .header("Origin", origin)
            .json(&json!({ "query": ORDINARY }))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        assert_eq!(
            response
                .headers()
                .get("access-control-allow-origin")
                .is_some(),
            allowed,
            "{origin}"
        );
    }

    // Without an allow-list no origin gets CORS headers.
    let closed = spawn_app().await;
    let response = preflight(&closed, "https://reseau.example.ma").await;
    assert!(
        response
            .headers()
            .get("access-control-allow-origin")
            .is_none()
    );
}

#[tokio::test]
async fn a_request_that_takes_too_long_gets_408_and_others_are_served() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    let app = crate::helpers::spawn_app_with(partner_hub::config::LimitArgs {
        request_timeout_secs: 1,
        ..test_limits()
    })
    .await;
    // A client that announces a body and never finishes sending it (slowloris).
    let slow = async {
        let mut stream = tokio::net::TcpStream::connect(app.addr).await.unwrap();
        let head = format!(
            "POST /graphql HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{{\"query\":",
            app.addr
        );
        stream.write_all(head.as_bytes()).await.unwrap();
        let mut response = Vec::new();
        // The hub answers and closes; the guard only keeps a broken hub from hanging the test.
        tokio::time::timeout(std::time::Duration::from_secs(30), async {
            let mut buffer = [0u8; 1024];
            loop {
                match stream.read(&mut buffer).await {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        response.extend_from_slice(&buffer[..n]);
                        if response.windows(4).any(|w| w == b"\r\n\r\n") {
                            break;
                        }
                    }
                }
            }
        })
        .await
        .expect("the hub answers a stalled request");
        String::from_utf8_lossy(&response).into_owned()
    };
    let (response, served) = tokio::join!(slow, post(&app, None, ORDINARY));
    assert!(response.starts_with("HTTP/1.1 408"), "{response}");
    assert_eq!(served.0, 200, "{}", served.1);
    assert_eq!(served.1["data"]["circumscriptions"]["totalCount"], 6);
}
