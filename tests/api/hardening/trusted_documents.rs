//! Trusted documents: with `--trusted-documents`, viewers other than administrators run only
//! the listed operations, by `documentId` or Apollo's `persistedQuery`, over POST and GET.

use std::path::PathBuf;

use partner_hub::app::{Application, ServeConfig};
use partner_hub::config::{DatabaseArgs, EndpointArgs};
use reqwest::StatusCode;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::helpers::{
    TestApp, fresh_database, spawn_app, spawn_app_with_endpoint, test_auth_args, test_limits,
};

const COUNT: &str = "query Count { circumscriptions { totalCount } }";
const BY_CODE: &str = "query ByCode($code: String!) { territory(code: $code) { code } }";
const MUTATION: &str = "mutation Nothing { __typename }";

fn hex(document: &str) -> String {
    Sha256::digest(document.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn id(document: &str) -> String {
    format!("sha256:{}", hex(document))
}

/// A hub trusting COUNT, BY_CODE and MUTATION (the file lives as long as the directory).
async fn trusting_app() -> (TestApp, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("trusted-documents.json");
    let documents = json!({ id(COUNT): COUNT, id(BY_CODE): BY_CODE, id(MUTATION): MUTATION });
    std::fs::write(&file, documents.to_string()).unwrap();
    let app = spawn_app_with_endpoint(
        test_limits(),
        test_auth_args(),
        EndpointArgs {
            trusted_documents: Some(file),
            ..EndpointArgs::default()
        },
    )
    .await;
    (app, dir)
}

async fn post(app: &TestApp, token: Option<&str>, body: Value) -> (StatusCode, Value) {
    let mut request = app
        .client
        .post(app.url("/graphql"))
        .header("Accept", "application/graphql-response+json")
        .json(&body);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.unwrap();
    (response.status(), response.json().await.unwrap())
}

#[tokio::test]
async fn listed_documents_run_by_id_over_post_and_get() {
    let (app, _dir) = trusting_app().await;
    let (status, body) = post(&app, None, json!({ "documentId": id(COUNT) })).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["data"]["circumscriptions"]["totalCount"], 6);

    // Apollo's persisted-query extension (bare hex digest), with variables.
    let (status, body) = post(
        &app,
        None,
        json!({
            "variables": { "code": "MA-04" },
            "extensions": { "persistedQuery": { "version": 1, "sha256Hash": hex(BY_CODE) } },
        }),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["data"]["territory"]["code"], "MA-04");

    // The full text of a listed document is accepted too.
    let (status, body) = post(&app, None, json!({ "query": COUNT })).await;
    assert_eq!(status, 200, "{body}");

    // GET, cacheable: `documentId` in the URL.
    let response = app
        .client
        .get(app.url("/graphql"))
        .query(&[("documentId", id(COUNT).as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["data"]["circumscriptions"]["totalCount"], 6);

    // A listed mutation is still not safe over GET.
    let response = app
        .client
        .get(app.url("/graphql"))
        .query(&[("documentId", id(MUTATION).as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 405);
    assert_eq!(response.headers()["allow"], "POST");
}

#[tokio::test]
async fn ad_hoc_queries_are_refused_before_any_sql_except_for_administrators() {
    let (app, _dir) = trusting_app().await;
    let ad_hoc = json!({ "query": "{ circumscriptions { totalCount nodes { code } } }" });
    let before = app.sql_statements();
    let (status, body) = post(&app, None, ad_hoc.clone()).await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(
        body["errors"][0]["extensions"]["code"],
        "TRUSTED_DOCUMENT_REQUIRED"
    );
    assert!(body.get("data").is_none(), "{body}");
    assert_eq!(
        app.sql_statements(),
        before,
        "a refused document costs no SQL"
    );

    // Officers and coordinators are held to the list too; the refusal and a listed document
    // sent at the same time each get their answer.
    for role in ["COORDINATOR", "OFFICER"] {
        let token = app.token(role, (role == "OFFICER").then_some("FES"), None);
        let (refused, served) = tokio::join!(
            post(&app, Some(&token), ad_hoc.clone()),
            post(&app, Some(&token), json!({ "documentId": id(COUNT) })),
        );
        assert_eq!(refused.0, 400, "{role}: {}", refused.1);
        assert_eq!(
            refused.1["errors"][0]["extensions"]["code"], "TRUSTED_DOCUMENT_REQUIRED",
            "{role}"
        );
        assert_eq!(served.0, 200, "{role}: {}", served.1);
        assert_eq!(served.1["data"]["circumscriptions"]["totalCount"], 6);
    }

    // Administrators keep ad-hoc queries.
    let admin = app.token("ADMIN", None, None);
    let (status, body) = post(&app, Some(&admin), ad_hoc).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        body["data"]["circumscriptions"]["nodes"]
            .as_array()
            .unwrap()
            .len(),
        6
    );
}

#[tokio::test]
async fn unknown_ids_and_mismatched_text_are_refused() {
    let (app, _dir) = trusting_app().await;
    let unknown = id("{ __typename }");
    let (status, body) = post(&app, None, json!({ "documentId": unknown })).await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(
        body["errors"][0]["extensions"]["code"],
        "PERSISTED_QUERY_NOT_FOUND"
    );
    let (status, body) = post(
        &app,
        None,
        json!({ "documentId": id(COUNT), "query": "{ circumscriptions { totalCount } }" }),
    )
    .await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(body["errors"][0]["extensions"]["code"], "BAD_REQUEST");
    let (status, body) = post(&app, None, json!({ "documentId": 42 })).await;
    assert_eq!(status, 400, "{body}");

    // A batch answers each operation on its own.
    let (status, body) = post(
        &app,
        None,
        json!([{ "documentId": id(COUNT) }, { "query": "{ __typename }" }]),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body[0]["data"]["circumscriptions"]["totalCount"], 6);
    assert_eq!(
        body[1]["errors"][0]["extensions"]["code"],
        "TRUSTED_DOCUMENT_REQUIRED"
    );
}

#[tokio::test]
async fn without_a_list_ids_are_not_found_and_ad_hoc_queries_run() {
    let app = spawn_app().await;
    let (status, body) = post(&app, None, json!({ "documentId": id(COUNT) })).await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(
        body["errors"][0]["extensions"]["code"],
        "PERSISTED_QUERY_NOT_FOUND"
    );
    let (status, body) = post(&app, None, json!({ "query": COUNT })).await;
    assert_eq!(status, 200, "{body}");
}

#[tokio::test]
async fn a_file_with_a_wrong_id_stops_the_hub_from_starting() {
    let dir = tempfile::tempdir().unwrap();
    let file: PathBuf = dir.path().join("trusted-documents.json");
    let wrong = format!("sha256:{}", "0".repeat(64));
    std::fs::write(&file, json!({ wrong: COUNT }).to_string()).unwrap();
    let database = fresh_database().await;
    let result = Application::build(ServeConfig {
        listen: "127.0.0.1:0".parse().unwrap(),
        database: DatabaseArgs::new(database.url.clone()),
        limits: test_limits(),
        auth: test_auth_args(),
        endpoint: EndpointArgs {
            trusted_documents: Some(file),
            ..EndpointArgs::default()
        },
        shutdown_grace: std::time::Duration::from_secs(1),
        demo: false,
    })
    .await;
    let Err(error) = result else {
        panic!("a hub with a wrong document id must not start");
    };
    let message = format!("{error:#}");
    assert!(
        message.contains("is not the SHA-256 of its document"),
        "{message}"
    );
}
