//! Static query limits (depth, cost, aliases, root fields): a document just over a limit is
//! refused with 400 and its code before any SQL statement runs, while an ordinary query sent
//! beside it is served; a document exactly at the limit is executed.

use partner_hub::config::LimitArgs;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{TestApp, error_code, spawn_app, spawn_app_with, test_limits};

const ORDINARY: &str = "{ circumscriptions { totalCount } }";

/// GraphiQL's introspection query (graphql-js `getIntrospectionQuery` with every option
/// GraphiQL turns on), `ofType` nine levels deep: 14 levels in all.
const INTROSPECTION: &str = r#"
    query IntrospectionQuery {
      __schema {
        description
        queryType { name }
        mutationType { name }
        subscriptionType { name }
        types { ...FullType }
        directives {
          name description isRepeatable locations
          args(includeDeprecated: true) { ...InputValue }
        }
      }
    }
    fragment FullType on __Type {
      kind name description specifiedByURL isOneOf
      fields(includeDeprecated: true) {
        name description
        args(includeDeprecated: true) { ...InputValue }
        type { ...TypeRef }
        isDeprecated deprecationReason
      }
      inputFields(includeDeprecated: true) { ...InputValue }
      interfaces { ...TypeRef }
      enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
      possibleTypes { ...TypeRef }
    }
    fragment InputValue on __InputValue {
      name description type { ...TypeRef } defaultValue isDeprecated deprecationReason
    }
    fragment TypeRef on __Type {
      kind name
      ofType { kind name ofType { kind name ofType { kind name ofType { kind name
        ofType { kind name ofType { kind name ofType { kind name ofType { kind name
          ofType { kind name } } } } } } } } }
    }
"#;

async fn post(
    app: &TestApp,
    token: Option<&str>,
    query: &str,
    variables: Value,
) -> (StatusCode, Value) {
    let mut request = app
        .client
        .post(app.url("/graphql"))
        .header("Accept", "application/graphql-response+json")
        .json(&json!({ "query": query, "variables": variables }));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.unwrap();
    (response.status(), response.json().await.unwrap())
}

/// Asserts `query` is refused with `code` without any SQL statement, alone and beside an
/// ordinary query (which is served); returns the error message.
async fn assert_refused(
    app: &TestApp,
    token: Option<&str>,
    query: &str,
    variables: Value,
    code: &str,
) -> String {
    let before = app.sql_statements();
    let (status, body) = post(app, token, query, variables.clone()).await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(error_code(&body), code, "{body}");
    assert!(body.get("data").is_none(), "{body}");
    assert_eq!(app.sql_statements(), before, "refused before any SQL");

    let (refused, served) = tokio::join!(
        post(app, token, query, variables),
        post(app, None, ORDINARY, json!({})),
    );
    assert_eq!(refused.0, 400, "{}", refused.1);
    assert_eq!(error_code(&refused.1), code, "{}", refused.1);
    assert_eq!(served.0, 200, "{}", served.1);
    assert_eq!(served.1["data"]["circumscriptions"]["totalCount"], 6);
    body["errors"][0]["message"].as_str().unwrap().to_owned()
}

/// Asserts `query` is executed without error; returns `data`.
async fn assert_accepted(
    app: &TestApp,
    token: Option<&str>,
    query: &str,
    variables: Value,
) -> Value {
    let (status, body) = post(app, token, query, variables).await;
    assert_eq!(status, 200, "{body}");
    assert!(body.get("errors").is_none(), "{body}");
    body["data"].clone()
}

/// A query `depth` fields deep (at least 3): actors → nodes → parent … → id.
fn nested(depth: usize) -> String {
    format!(
        "{{ actors(first: 1) {{ nodes {{ {}id{} }} }} }}",
        "parent { ".repeat(depth - 3),
        " }".repeat(depth - 3)
    )
}

#[tokio::test]
async fn depth_is_refused_just_above_the_limit_and_served_at_it() {
    let app = spawn_app_with(LimitArgs {
        max_depth: 5,
        ..test_limits()
    })
    .await;
    let message = assert_refused(&app, None, &nested(6), json!({}), "DEPTH_LIMIT_EXCEEDED").await;
    assert_eq!(
        message,
        "the query is 6 levels deep; at most 5 are allowed (introspection is not counted)"
    );
    assert_accepted(&app, None, &nested(5), json!({})).await;

    // Over GET too.
    let response = app
        .client
        .get(app.url("/graphql"))
        .query(&[("query", nested(6))])
        .header("Accept", "application/graphql-response+json")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    let body: Value = response.json().await.unwrap();
    assert_eq!(error_code(&body), "DEPTH_LIMIT_EXCEEDED");
}

#[tokio::test]
async fn introspection_is_not_counted_in_depth() {
    let app = spawn_app().await;
    let admin = app.token("ADMIN", None, None);
    // GraphiQL's introspection query is 14 levels deep; the default limit is 12.
    let max_depth = test_limits().max_depth;
    let data = assert_accepted(&app, Some(&admin), INTROSPECTION, json!({})).await;
    assert_eq!(data["__schema"]["queryType"]["name"], "Query");
    assert!(data["__schema"]["types"].as_array().unwrap().len() > 50);
    // Beside a query at the depth limit, still served; one level more is not.
    let beside = |depth: usize| {
        nested(depth).replacen('{', "{ __type(name: \"Actor\") { ...TypeRef } ", 1)
            + "fragment TypeRef on __Type { fields { type { ofType { ofType { name } } } } }"
    };
    assert_accepted(&app, Some(&admin), &beside(max_depth), json!({})).await;
    assert_refused(
        &app,
        Some(&admin),
        &beside(max_depth + 1),
        json!({}),
        "DEPTH_LIMIT_EXCEEDED",
    )
    .await;
    // Introspection may not recurse through type lists, though (its answer would grow with
    // the size of the schema at every level).
    let recursive = "{ __schema { types { fields { type { ofType { fields { type { ofType { \
        fields { name } } } } } } } } } }";
    let message = assert_refused(
        &app,
        Some(&admin),
        recursive,
        json!({}),
        "DEPTH_LIMIT_EXCEEDED",
    )
    .await;
    assert!(message.contains("introspection"), "{message}");
}

#[tokio::test]
async fn cost_through_the_actor_interface_is_refused_just_above_the_limit() {
    // `node(id:) { ... on Actor { projects(first: $n) { edges { node { … } } } } }` costs
    // node + projects + edges + n × (node + role + project + title): 403 for n = 100.
    let app = spawn_app_with(LimitArgs {
        max_cost: 403,
        ..test_limits()
    })
    .await;
    let actors = assert_accepted(
        &app,
        None,
        "{ actors(first: 1) { nodes { id } } }",
        json!({}),
    )
    .await;
    let id = actors["actors"]["nodes"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let query = |extra: &str| {
        format!(
            "query($id: ID!, $n: Int) {{ node(id: $id) {{ ... on Actor {{ \
             projects(first: $n) {{ {extra} edges {{ node {{ role project {{ title }} }} }} }} \
             }} }} }}"
        )
    };
    let data = assert_accepted(&app, None, &query(""), json!({ "id": id, "n": 100 })).await;
    assert!(data["node"]["projects"]["edges"].is_array(), "{data}");
    let message = assert_refused(
        &app,
        None,
        &query("totalCount"),
        json!({ "id": id, "n": 100 }),
        "COST_LIMIT_EXCEEDED",
    )
    .await;
    assert!(
        message.starts_with("the query costs 404; at most 403 is allowed"),
        "{message}"
    );
    // Smaller pages cost less: 3 + 4 × 50.
    assert_accepted(
        &app,
        None,
        &query("totalCount"),
        json!({ "id": id, "n": 50 }),
    )
    .await;
}

#[tokio::test]
async fn the_default_budget_refuses_three_nested_full_pages() {
    let app = spawn_app().await;
    // 100 actors × 100 projects × 100 participants: over a million fields.
    let query = "{ actors(first: 100) { nodes { projects(first: 100) { nodes { project { \
        participants(first: 100) { nodes { role } } } } } } } }";
    let message = assert_refused(&app, None, query, json!({}), "COST_LIMIT_EXCEEDED").await;
    assert!(message.contains("1030202"), "{message}");
    // Two nested full pages fit with a field or two per item: 1 + 1 + 100 × 2 + 10,000 × 1.
    let two = "{ actors(first: 100) { nodes { projects(first: 100) { nodes { role } } } } }";
    assert_accepted(&app, None, two, json!({})).await;
}

#[tokio::test]
async fn aliases_are_refused_just_above_the_limit_and_served_at_it() {
    let app = spawn_app().await;
    let max = test_limits().max_aliases;
    let aliases = |n: usize| {
        let fields: String = (0..n).map(|i| format!("a{i}: code ")).collect();
        format!("{{ circumscriptions(first: 1) {{ nodes {{ {fields}}} }} }}")
    };
    let message = assert_refused(
        &app,
        None,
        &aliases(max + 1),
        json!({}),
        "ALIAS_LIMIT_EXCEEDED",
    )
    .await;
    assert!(
        message.contains(&format!("{} aliased fields", max + 1)),
        "{message}"
    );
    let data = assert_accepted(&app, None, &aliases(max), json!({})).await;
    let last = format!("a{}", max - 1);
    assert!(
        data["circumscriptions"]["nodes"][0][&last].is_string(),
        "{data}"
    );
}

#[tokio::test]
async fn root_fields_are_refused_just_above_the_limit_and_served_at_it() {
    let app = spawn_app().await;
    let max = test_limits().max_root_fields;
    let roots = |n: usize| {
        let fields: String = (0..n)
            .map(|i| format!("c{i}: circumscriptions {{ totalCount }} "))
            .collect();
        format!("{{ {fields}}}")
    };
    let message = assert_refused(
        &app,
        None,
        &roots(max + 1),
        json!({}),
        "ROOT_FIELD_LIMIT_EXCEEDED",
    )
    .await;
    assert!(
        message.contains(&format!("{} fields", max + 1)),
        "{message}"
    );
    let data = assert_accepted(&app, None, &roots(max), json!({})).await;
    assert_eq!(data[format!("c{}", max - 1)]["totalCount"], 6);
}

#[tokio::test]
async fn hostile_fragments_are_refused_cheaply() {
    let app = spawn_app().await;
    // 2^40 fields once expanded.
    let mut fan_out = String::from("{ actors(first: 1) { nodes { ...F0 } } }");
    for i in 0..40 {
        fan_out.push_str(&format!(
            " fragment F{i} on Actor {{ ...F{0} ...F{0} }}",
            i + 1
        ));
    }
    fan_out.push_str(" fragment F40 on Actor { __typename }");
    assert_refused(&app, None, &fan_out, json!({}), "COST_LIMIT_EXCEEDED").await;

    // 5,000 fragments, each one level deeper than the last.
    let mut deep = String::from("{ actors(first: 1) { nodes { ...D0 } } }");
    for i in 0..5_000 {
        deep.push_str(&format!(
            " fragment D{i} on Actor {{ parent {{ ...D{} }} }}",
            i + 1
        ));
    }
    deep.push_str(" fragment D5000 on Actor { id }");
    assert_refused(&app, None, &deep, json!({}), "DEPTH_LIMIT_EXCEEDED").await;

    // A cycle: async-graphql refuses it (its recursion bound), and nothing hangs on the way.
    let cycle = "{ actors(first: 1) { nodes { ...A } } } \
        fragment A on Actor { parent { ...B } } fragment B on Actor { parent { ...A } }";
    let before = app.sql_statements();
    let (status, body) = post(&app, None, cycle, json!({})).await;
    assert_eq!(status, 400, "{body}");
    assert!(error_code(&body).starts_with("GRAPHQL_"), "{body}");
    assert_eq!(app.sql_statements(), before, "refused before any SQL");
}

#[tokio::test]
async fn a_document_nested_to_the_body_limit_is_refused_without_crashing() {
    let app = spawn_app().await;
    // 300,000 levels in one selection set, under the 1 MiB body limit: the parser gives up
    // after a few hundred levels, before our walk or async-graphql's recursion bound.
    let levels = 300_000;
    let query = format!("{}id{}", "{a".repeat(levels), "}".repeat(levels));
    let before = app.sql_statements();
    let (status, body) = post(&app, None, &query, json!({})).await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(error_code(&body), "GRAPHQL_PARSE_FAILED", "{body}");
    assert_eq!(app.sql_statements(), before, "refused before any SQL");
    let served = post(&app, None, ORDINARY, json!({})).await;
    assert_eq!(served.0, 200, "{}", served.1);
}
