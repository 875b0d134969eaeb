//! The per-viewer rate limit: HTTP 429 with RATE_LIMITED and `Retry-After`, charged to the
//! token subject (else the client address), refused before any SQL statement.

use partner_hub::config::LimitArgs;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{TestApp, spawn_app_with, test_limits};

const QUERY: &str = "{ circumscriptions { totalCount } }";

/// A hub allowing `burst` requests at once, refilled at one a minute (so nothing refills
/// while a test runs).
async fn limited_app(burst: u32) -> TestApp {
    spawn_app_with(LimitArgs {
        rate_limit_per_minute: 1,
        rate_limit_burst: burst,
        ..test_limits()
    })
    .await
}

async fn send(
    app: &TestApp,
    token: Option<&str>,
    body: Value,
) -> (StatusCode, Option<String>, Value) {
    let mut request = app
        .client
        .post(app.url("/graphql"))
        .header("Accept", "application/graphql-response+json")
        .json(&body);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.unwrap();
    let status = response.status();
    let retry_after = response
        .headers()
        .get("retry-after")
        .map(|v| v.to_str().unwrap().to_owned());
    (status, retry_after, response.json().await.unwrap())
}

#[tokio::test]
async fn a_viewer_over_its_rate_is_refused_with_429_before_any_sql() {
    let app = limited_app(3).await;
    for _ in 0..3 {
        let (status, _, body) = send(&app, None, json!({ "query": QUERY })).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["data"]["circumscriptions"]["totalCount"], 6);
    }
    let before = app.sql_statements();
    let (status, retry_after, body) = send(&app, None, json!({ "query": QUERY })).await;
    assert_eq!(status, 429, "{body}");
    assert_eq!(body["errors"][0]["extensions"]["code"], "RATE_LIMITED");
    let seconds: u64 = retry_after.expect("a Retry-After header").parse().unwrap();
    assert!((1..=60).contains(&seconds), "Retry-After: {seconds}");
    assert_eq!(body["errors"][0]["extensions"]["retryAfter"], seconds);
    assert_eq!(
        app.sql_statements(),
        before,
        "a refused request costs no SQL"
    );

    // Meanwhile another viewer (a token's subject has its own bucket) is served, while the
    // anonymous client is still refused.
    let token = app.token("COORDINATOR", None, None);
    let (refused, served) = tokio::join!(
        send(&app, None, json!({ "query": QUERY })),
        send(&app, Some(&token), json!({ "query": QUERY })),
    );
    assert_eq!(refused.0, 429, "{}", refused.2);
    assert_eq!(served.0, 200, "{}", served.2);
    assert_eq!(served.2["data"]["circumscriptions"]["totalCount"], 6);
}

#[tokio::test]
async fn buckets_are_per_subject_and_a_batch_takes_one_per_operation() {
    let app = limited_app(4).await;
    let alice = app.mint(&partner_hub::auth::jwt::TokenClaims::new(
        "COORDINATOR",
        "alice",
    ));
    let bob = app.mint(&partner_hub::auth::jwt::TokenClaims::new(
        "COORDINATOR",
        "bob",
    ));
    let op = json!({ "query": QUERY });
    // A batch of three takes three of alice's four.
    let (status, _, body) = send(&app, Some(&alice), json!([op, op, op])).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body.as_array().unwrap().len(), 3);
    // Two more do not fit in the one left; one does.
    let (status, _, body) = send(&app, Some(&alice), json!([op, op])).await;
    assert_eq!(status, 429, "{body}");
    let (status, _, body) = send(&app, Some(&alice), op.clone()).await;
    assert_eq!(status, 200, "{body}");
    let (status, _, _) = send(&app, Some(&alice), op.clone()).await;
    assert_eq!(status, 429);
    // Bob, with another subject, has his own four; anonymous clients have theirs.
    for token in [Some(bob.as_str()), None] {
        let (status, _, body) = send(&app, token, json!([op, op, op, op])).await;
        assert_eq!(status, 200, "{body}");
    }
}

#[tokio::test]
async fn refused_tokens_are_charged_to_the_client_address() {
    let app = limited_app(2).await;
    for _ in 0..2 {
        let (status, _, body) = send(&app, Some("not-a-token"), json!({ "query": QUERY })).await;
        assert_eq!(status, 401, "{body}");
    }
    // Guessing tokens is limited like anonymous requests from the same address.
    let (status, _, body) = send(&app, Some("not-a-token"), json!({ "query": QUERY })).await;
    assert_eq!(status, 429, "{body}");
    let (status, _, _) = send(&app, None, json!({ "query": QUERY })).await;
    assert_eq!(status, 429);
    // A valid token is charged to its subject instead.
    let token = app.token("COORDINATOR", None, None);
    let (status, _, body) = send(&app, Some(&token), json!({ "query": QUERY })).await;
    assert_eq!(status, 200, "{body}");
}
