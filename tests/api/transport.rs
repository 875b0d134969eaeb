//! GraphQL over HTTP, as the specification prescribes.

use partner_hub::config::LimitArgs;
use serde_json::{Value, json};

use crate::helpers::{spawn_app, spawn_app_with};

const QUERY: &str = "{ circumscriptions { totalCount } }";

#[tokio::test]
async fn post_json_answers_with_the_negotiated_media_type() {
    let app = spawn_app().await;
    for (accept, expected) in [
        (
            "application/graphql-response+json",
            "application/graphql-response+json",
        ),
        ("application/json", "application/json"),
        (
            "application/json;q=0.5, application/graphql-response+json",
            "application/graphql-response+json",
        ),
        ("*/*", "application/graphql-response+json"),
    ] {
        let response = app
            .client
            .post(app.url("/graphql"))
            .header("Accept", accept)
            .json(&json!({ "query": QUERY }))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        let content_type = response.headers()["content-type"]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(
            content_type.starts_with(expected),
            "{accept} gave {content_type}"
        );
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["data"]["circumscriptions"]["totalCount"], 6);
    }
}

#[tokio::test]
async fn get_runs_queries_with_url_parameters() {
    let app = spawn_app().await;
    let response = app
        .client
        .get(app.url("/graphql"))
        .query(&[
            (
                "query",
                "query Region($code: String!) { territory(code: $code) { name } }",
            ),
            ("variables", r#"{"code":"MA-03"}"#),
            ("operationName", "Region"),
        ])
        .header("Accept", "application/graphql-response+json")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["data"]["territory"]["name"], "Fès-Meknès");
}

#[tokio::test]
async fn a_mutation_over_get_is_refused_with_405_and_allow() {
    let app = spawn_app().await;
    let response = app
        .client
        .get(app.url("/graphql"))
        .query(&[("query", "mutation { anything }")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 405);
    assert_eq!(response.headers()["allow"], "POST");
}

#[tokio::test]
async fn other_methods_are_refused_with_405_and_allow() {
    let app = spawn_app().await;
    let response = app
        .client
        .put(app.url("/graphql"))
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 405);
    let allow = response.headers()["allow"].to_str().unwrap().to_owned();
    assert!(
        allow.contains("GET") && allow.contains("POST"),
        "Allow: {allow}"
    );
}

#[tokio::test]
async fn a_body_that_is_not_json_is_refused_with_415() {
    let app = spawn_app().await;
    let body = json!({ "query": QUERY }).to_string();
    for content_type in [
        Some("text/plain"),
        Some("application/x-www-form-urlencoded"),
        None,
        Some("application/json; charset=latin1"),
    ] {
        let mut request = app.client.post(app.url("/graphql")).body(body.clone());
        if let Some(content_type) = content_type {
            request = request.header("Content-Type", content_type);
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), 415, "{content_type:?}");
    }
    // The same body, declared as JSON, is accepted.
    let response = app
        .client
        .post(app.url("/graphql"))
        .header("Content-Type", "application/json; charset=utf-8")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
}

#[tokio::test]
async fn malformed_requests_are_refused_with_400() {
    let app = spawn_app().await;
    for body in [
        "{not json",
        "42",
        r#"{"variables": {}}"#,
        r#"{"query": 42}"#,
        r#"{"query": "{ circumscriptions { totalCount } }", "variables": [1]}"#,
        r#"{"query": "{ circumscriptions { totalCount } }", "operationName": 3}"#,
    ] {
        let response = app
            .client
            .post(app.url("/graphql"))
            .header("Content-Type", "application/json")
            .header("Accept", "application/graphql-response+json")
            .body(body)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 400, "{body}");
        let json: Value = response.json().await.unwrap();
        assert_eq!(
            json["errors"][0]["extensions"]["code"], "BAD_REQUEST",
            "{body}"
        );
    }
}

#[tokio::test]
async fn request_errors_are_400_for_graphql_response_json_and_200_for_json() {
    let app = spawn_app().await;
    for (query, code) in [
        ("{ nope }", "GRAPHQL_VALIDATION_FAILED"),
        ("{ circumscriptions {", "GRAPHQL_PARSE_FAILED"),
    ] {
        let strict = app
            .client
            .post(app.url("/graphql"))
            .header("Accept", "application/graphql-response+json")
            .json(&json!({ "query": query }))
            .send()
            .await
            .unwrap();
        assert_eq!(strict.status(), 400, "{query}");
        let body: Value = strict.json().await.unwrap();
        assert!(
            body.get("data").is_none(),
            "a request error has no data entry: {body}"
        );
        assert_eq!(body["errors"][0]["extensions"]["code"], code);

        let legacy = app
            .client
            .post(app.url("/graphql"))
            .header("Accept", "application/json")
            .json(&json!({ "query": query }))
            .send()
            .await
            .unwrap();
        assert_eq!(legacy.status(), 200, "{query}");
    }
}

#[tokio::test]
async fn unacceptable_media_types_get_406() {
    let app = spawn_app().await;
    let response = app
        .client
        .post(app.url("/graphql"))
        .header("Accept", "text/html")
        .json(&json!({ "query": QUERY }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 406);
}

#[tokio::test]
async fn bodies_over_the_limit_are_refused_with_413_before_any_sql() {
    let app = spawn_app_with(LimitArgs {
        max_body_bytes: 4096,
        ..crate::helpers::test_limits()
    })
    .await;
    let before = app.sql_statements();
    let padding = " ".repeat(5000);
    let response = app
        .client
        .post(app.url("/graphql"))
        .header("Content-Type", "application/json")
        .body(format!(
            r#"{{"query": "{{ circumscriptions {{ totalCount }} }}{padding}"}}"#
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 413);
    assert_eq!(app.sql_statements(), before, "no SQL for a refused body");
    // An ordinary request on the same server still works.
    let response = app
        .client
        .post(app.url("/graphql"))
        .json(&json!({ "query": QUERY }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
}

#[tokio::test]
async fn batches_run_each_operation_and_are_bounded() {
    let app = spawn_app_with(LimitArgs {
        max_batch: 3,
        ..crate::helpers::test_limits()
    })
    .await;
    let op = json!({ "query": QUERY });
    let response = app
        .client
        .post(app.url("/graphql"))
        .json(&json!([op, { "query": "{ territory(code: \"MA-04\") { code } }" }]))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body[0]["data"]["circumscriptions"]["totalCount"], 6);
    assert_eq!(body[1]["data"]["territory"]["code"], "MA-04");

    // One operation over the limit: refused whole before any SQL, while an ordinary request
    // sent at the same time is served.
    let before = app.sql_statements();
    let over = app
        .client
        .post(app.url("/graphql"))
        .header("Accept", "application/graphql-response+json")
        .json(&json!([op, op, op, op]))
        .send()
        .await
        .unwrap();
    assert_eq!(over.status(), 400);
    let body: Value = over.json().await.unwrap();
    assert_eq!(body["errors"][0]["extensions"]["code"], "BAD_REQUEST");
    assert_eq!(app.sql_statements(), before, "no SQL for a refused batch");
    let (over, ordinary) = tokio::join!(
        app.client
            .post(app.url("/graphql"))
            .json(&json!([op, op, op, op]))
            .send(),
        app.client
            .post(app.url("/graphql"))
            .json(&json!([op, op, op]))
            .send(),
    );
    assert_eq!(over.unwrap().status(), 400);
    let ordinary = ordinary.unwrap();
    assert_eq!(ordinary.status(), 200);
    let body: Value = ordinary.json().await.unwrap();
    assert_eq!(body.as_array().unwrap().len(), 3);
    assert_eq!(body[2]["data"]["circumscriptions"]["totalCount"], 6);
}

#[tokio::test]
async fn health_readiness_and_metrics() {
    let app = spawn_app().await;
    let health = app.client.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(health.status(), 200);
    let ready = app.client.get(app.url("/readyz")).send().await.unwrap();
    assert_eq!(ready.status(), 200);
    app.data(QUERY, json!({})).await;
    let metrics = app
        .client
        .get(app.url("/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let count: u64 = metrics
        .lines()
        .find_map(|l| l.strip_prefix("partner_hub_sql_statements_total "))
        .and_then(|n| n.trim().parse().ok())
        .expect("the statement counter is exported");
    assert!(count > 0);
}

#[tokio::test]
async fn the_playground_page_is_served_without_external_resources() {
    let app = spawn_app().await;
    let response = app.client.get(app.url("/playground")).send().await.unwrap();
    assert_eq!(response.status(), 200);
    let html = response.text().await.unwrap();
    assert!(html.contains("/graphql"));
    assert!(
        !html.contains("https://"),
        "the playground must work offline"
    );
}
