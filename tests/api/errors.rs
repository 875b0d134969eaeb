//! Bad input gets a clear error with `extensions.code` and the field at fault.

use serde_json::json;

use crate::helpers::{error_code, spawn_app};

#[tokio::test]
async fn page_sizes_above_100_are_refused_with_the_field() {
    let app = spawn_app().await;
    for (args, field) in [
        ("first: 101", "first"),
        ("last: 101", "last"),
        ("first: -1", "first"),
    ] {
        let body = app
            .graphql(
                &format!("{{ territories({args}) {{ totalCount }} }}"),
                json!({}),
            )
            .await;
        assert_eq!(error_code(&body), "BAD_USER_INPUT", "{args}: {body}");
        assert_eq!(body["errors"][0]["extensions"]["field"], field, "{args}");
    }
    let body = app
        .graphql("{ territories(first: 100) { totalCount } }", json!({}))
        .await;
    assert!(body.get("errors").is_none(), "{body}");
}

#[tokio::test]
async fn malformed_ids_and_cursors_are_bad_user_input() {
    let app = spawn_app().await;
    let body = app
        .graphql(r#"{ node(id: "not-an-id") { id } }"#, json!({}))
        .await;
    assert_eq!(error_code(&body), "BAD_USER_INPUT");
    assert_eq!(body["errors"][0]["extensions"]["field"], "id");

    let body = app
        .graphql(
            r#"{ territories(after: "garbage!") { totalCount } }"#,
            json!({}),
        )
        .await;
    assert_eq!(error_code(&body), "BAD_USER_INPUT");
    assert_eq!(body["errors"][0]["extensions"]["field"], "after");
}

#[tokio::test]
async fn an_unknown_id_is_null_like_an_invisible_one() {
    let app = spawn_app().await;
    let data = app
        .data(r#"{ territory(code: "MA-04") { id } }"#, json!({}))
        .await;
    let id = data["territory"]["id"].as_str().unwrap();
    // Same kind, a number that does not exist.
    let unknown = {
        use base64::Engine;
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode("Territory:999999")
    };
    let data = app
        .data(
            "query($a: ID!, $b: ID!) { a: node(id: $a) { id } b: node(id: $b) { id } }",
            json!({ "a": unknown, "b": id }),
        )
        .await;
    assert!(data["a"].is_null());
    assert_eq!(data["b"]["id"], id);
}

#[tokio::test]
async fn nodes_takes_at_most_100_ids() {
    let app = spawn_app().await;
    let data = app
        .data(r#"{ territory(code: "MA-04") { id } }"#, json!({}))
        .await;
    let id = data["territory"]["id"].clone();
    let ids: Vec<_> = std::iter::repeat_n(id, 101).collect();
    let body = app
        .graphql(
            "query($ids: [ID!]!) { nodes(ids: $ids) { id } }",
            json!({ "ids": ids }),
        )
        .await;
    assert_eq!(error_code(&body), "BAD_USER_INPUT");
    assert_eq!(body["errors"][0]["extensions"]["field"], "ids");
}

#[tokio::test]
async fn invalid_argument_values_are_refused_as_request_errors() {
    let app = spawn_app().await;
    let response = app
        .client
        .post(app.url("/graphql"))
        .header("Accept", "application/graphql-response+json")
        .json(&json!({
            "query": "query($l: TerritoryLevel) { territories(level: $l) { totalCount } }",
            "variables": { "l": "CONTINENT" }
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(error_code(&body), "GRAPHQL_VALIDATION_FAILED", "{body}");
}
