//! Writes: actors — create, update, archive, restore; validation, versions, idempotency and
//! the write rules per role.

use serde_json::{Value, json};

use crate::helpers::{TestApp, error_code, spawn_app};

const CREATE: &str = r#"mutation($input: CreateActorInput!) {
  createActor(input: $input) {
    actor { id kind name nameAr: name(lang: AR) acronym version sensitivity
            seat { code } circumscriptions { code } createdBy themes }
  }
}"#;

const UPDATE: &str = r#"mutation($input: UpdateActorInput!) {
  updateActor(input: $input) { actor { id name acronym version website seat { code } } }
}"#;

const ARCHIVE: &str = r#"mutation($input: ArchiveInput!) {
  archiveActor(input: $input) { actor { id archived version } }
}"#;

const RESTORE: &str = r#"mutation($input: ArchiveInput!) {
  restoreActor(input: $input) { actor { id archived version } }
}"#;

fn association(name: &str, seat: &str) -> Value {
    json!({
        "kind": "ASSOCIATION",
        "name": { "fr": name },
        "country": "MA",
        "seat": seat,
    })
}

/// Rows in a table, read straight from the database.
async fn count(app: &TestApp, table: &str) -> i64 {
    use sea_orm::{ConnectionTrait, Statement};
    let backend = app.db.writer.get_database_backend();
    let row = app
        .db
        .writer
        .query_one_raw(Statement::from_string(
            backend,
            format!("SELECT COUNT(*) AS n FROM {table}"),
        ))
        .await
        .unwrap()
        .unwrap();
    row.try_get::<i64>("", "n").unwrap()
}

fn field(body: &Value) -> &str {
    body["errors"][0]["extensions"]["field"]
        .as_str()
        .unwrap_or_default()
}

#[tokio::test]
async fn a_coordinator_creates_an_actor_normalised_and_logged() {
    let app = spawn_app().await;
    let token = app.token("COORDINATOR", None, None);
    let mut input = association("  Association Le\u{0301}o Africain  ", "MA-03");
    input["name"]["ar"] = json!(" جمعية ليون الإفريقي ");
    input["acronym"] = json!("ALA");
    input["themes"] = json!(["YOUTH"]);

    let data = app.data_as(&token, CREATE, json!({ "input": input })).await;

    let actor = &data["createActor"]["actor"];
    assert_eq!(actor["name"], "Association Léo Africain");
    assert_eq!(actor["nameAr"], "جمعية ليون الإفريقي");
    assert_eq!(actor["kind"], "ASSOCIATION");
    assert_eq!(actor["version"], 1);
    assert_eq!(actor["sensitivity"], "INTERNAL");
    assert_eq!(actor["seat"]["code"], "MA-03");
    assert_eq!(actor["circumscriptions"][0]["code"], "FES");
    assert_eq!(actor["themes"], json!(["YOUTH"]));
    assert!(actor["createdBy"].is_string(), "the author sees itself");

    // Found by search, accents folded, and logged as a new actor.
    let found = app
        .data_as(
            &token,
            r#"{ actors(filter: { search: "leo africain" }) { nodes { id } }
                 activity(first: 1) { nodes { kind subject { id } } } }"#,
            json!({}),
        )
        .await;
    assert_eq!(found["actors"]["nodes"][0]["id"], actor["id"]);
    assert_eq!(found["activity"]["nodes"][0]["kind"], "ACTOR_JOINED");
    assert_eq!(found["activity"]["nodes"][0]["subject"]["id"], actor["id"]);
}

#[tokio::test]
async fn invalid_input_names_the_field_and_writes_nothing() {
    let app = spawn_app().await;
    let token = app.token("COORDINATOR", None, None);
    let actors_before = count(&app, "actors").await;
    let activity_before = count(&app, "activities").await;

    let mut long = association(&"x".repeat(301), "MA-03");
    long["kind"] = json!("ASSOCIATION");
    let mut level_on_association = association("Association A", "MA-03");
    level_on_association["localAuthorityLevel"] = json!("MA_COMMUNE");
    let mut bad_site = association("Association B", "MA-03");
    bad_site["website"] = json!("not a url");
    let mut twice = association("Association C", "MA-03");
    twice["themes"] = json!(["YOUTH", "YOUTH"]);
    let mut missing_level = association("Commune D", "MA-03");
    missing_level["kind"] = json!("MOROCCAN_LOCAL_AUTHORITY");
    let cases = [
        (association("   ", "MA-03"), "input.name.fr"),
        (long, "input.name.fr"),
        (association("Association E", "MA-99"), "input.seat"),
        (level_on_association, "input.localAuthorityLevel"),
        (bad_site, "input.website"),
        (twice, "input.themes[1]"),
        (missing_level, "input.localAuthorityLevel"),
    ];
    for (input, expected) in cases {
        let body = app
            .graphql_as(&token, CREATE, json!({ "input": input }))
            .await;
        assert_eq!(error_code(&body), "BAD_USER_INPUT", "{body}");
        assert_eq!(field(&body), expected, "{body}");
    }
    // An enum value outside the vocabulary is refused by GraphQL validation itself.
    let mut bad_kind = association("Association F", "MA-03");
    bad_kind["kind"] = json!("CLUB");
    let response = app
        .client
        .post(app.url("/graphql"))
        .header("Accept", "application/graphql-response+json")
        .bearer_auth(&token)
        .json(&json!({ "query": CREATE, "variables": { "input": bad_kind } }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    let body: Value = response.json().await.unwrap();
    assert!(body.get("data").is_none(), "{body}");
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("CLUB"),
        "{body}"
    );

    assert_eq!(count(&app, "actors").await, actors_before);
    assert_eq!(count(&app, "activities").await, activity_before);
}

#[tokio::test]
async fn updates_need_the_current_version() {
    let app = spawn_app().await;
    let token = app.token("COORDINATOR", None, None);
    let created = app
        .data_as(
            &token,
            CREATE,
            json!({ "input": association("Association Versions", "MA-03") }),
        )
        .await;
    let id = created["createActor"]["actor"]["id"].clone();

    let updated = app
        .data_as(
            &token,
            UPDATE,
            json!({ "input": { "id": id, "expectedVersion": 1, "acronym": "AV",
                               "website": "https://av.example.org" } }),
        )
        .await;
    assert_eq!(updated["updateActor"]["actor"]["version"], 2);
    assert_eq!(updated["updateActor"]["actor"]["acronym"], "AV");

    // A second client still holding version 1 is refused, and told the current version.
    let stale = app
        .graphql_as(
            &token,
            UPDATE,
            json!({ "input": { "id": id, "expectedVersion": 1, "acronym": "XX" } }),
        )
        .await;
    assert_eq!(error_code(&stale), "CONFLICT", "{stale}");
    assert_eq!(stale["errors"][0]["extensions"]["currentVersion"], 2);

    // `null` clears an optional field; an absent one is kept.
    let cleared = app
        .data_as(
            &token,
            UPDATE,
            json!({ "input": { "id": id, "expectedVersion": 2, "acronym": null } }),
        )
        .await;
    let actor = &cleared["updateActor"]["actor"];
    assert_eq!(actor["acronym"], Value::Null);
    assert_eq!(actor["website"], "https://av.example.org");
    assert_eq!(actor["version"], 3);

    // An unknown actor is NOT_FOUND; a foreign ID is a bad input.
    let unknown = app
        .graphql_as(
            &token,
            UPDATE,
            json!({ "input": { "id": "QWN0b3I6OTk5OTk5", "expectedVersion": 1, "acronym": "X" } }),
        )
        .await;
    assert_eq!(error_code(&unknown), "NOT_FOUND", "{unknown}");
}

#[tokio::test]
async fn a_retried_create_returns_the_original_actor() {
    let app = spawn_app().await;
    let token = app.token("COORDINATOR", None, None);
    let mut input = association("Association Idempotente", "MA-03");
    input["idempotencyKey"] = json!("create-actor-1");
    let before = count(&app, "actors").await;

    let first = app.data_as(&token, CREATE, json!({ "input": input })).await;
    let again = app.data_as(&token, CREATE, json!({ "input": input })).await;
    assert_eq!(
        first["createActor"]["actor"]["id"],
        again["createActor"]["actor"]["id"]
    );
    assert_eq!(count(&app, "actors").await, before + 1);

    // The same key with another input is a conflict, not a second actor.
    input["name"]["fr"] = json!("Autre association");
    let conflict = app
        .graphql_as(&token, CREATE, json!({ "input": input }))
        .await;
    assert_eq!(error_code(&conflict), "CONFLICT", "{conflict}");
    assert_eq!(count(&app, "actors").await, before + 1);

    // Keys are scoped to their author: another subject may use the same key.
    let other = app.token("ADMIN", None, None);
    let theirs = app.data_as(&other, CREATE, json!({ "input": input })).await;
    assert_ne!(
        theirs["createActor"]["actor"]["id"],
        first["createActor"]["actor"]["id"]
    );
}

#[tokio::test]
async fn archived_actors_leave_lists_and_come_back() {
    let app = spawn_app().await;
    let token = app.token("COORDINATOR", None, None);
    let created = app
        .data_as(
            &token,
            CREATE,
            json!({ "input": association("Association Archivée", "MA-03") }),
        )
        .await;
    let id = created["createActor"]["actor"]["id"].clone();
    let listed = r#"{ actors(filter: { search: "archivee" }) { totalCount } }"#;

    let archived = app
        .data_as(
            &token,
            ARCHIVE,
            json!({ "input": { "id": id, "expectedVersion": 1 } }),
        )
        .await;
    assert_eq!(archived["archiveActor"]["actor"]["archived"], true);
    let after = app.data_as(&token, listed, json!({})).await;
    assert_eq!(after["actors"]["totalCount"], 0);

    let again = app
        .graphql_as(
            &token,
            ARCHIVE,
            json!({ "input": { "id": id, "expectedVersion": 2 } }),
        )
        .await;
    assert_eq!(error_code(&again), "BAD_USER_INPUT", "{again}");

    let restored = app
        .data_as(
            &token,
            RESTORE,
            json!({ "input": { "id": id, "expectedVersion": 2 } }),
        )
        .await;
    assert_eq!(restored["restoreActor"]["actor"]["archived"], false);
    assert_eq!(restored["restoreActor"]["actor"]["version"], 3);
    let back = app.data_as(&token, listed, json!({})).await;
    assert_eq!(back["actors"]["totalCount"], 1);

    let kinds = app
        .data_as(
            &token,
            "{ activity(first: 3) { nodes { kind } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        kinds["activity"]["nodes"],
        json!([{ "kind": "ACTOR_RESTORED" }, { "kind": "ACTOR_ARCHIVED" }, { "kind": "ACTOR_JOINED" }])
    );
}

#[tokio::test]
async fn each_role_writes_only_what_it_may() {
    let app = spawn_app().await;
    let coordinator = app.token("COORDINATOR", None, None);
    let fes = app.token("OFFICER", Some("FES"), None);

    // Anonymous viewers write nothing.
    let body = app
        .graphql(CREATE, json!({ "input": association("Anonyme", "MA-03") }))
        .await;
    assert_eq!(error_code(&body), "UNAUTHENTICATED", "{body}");

    // An officer writes actors seated in its circumscription, not elsewhere.
    let inside = app
        .data_as(
            &fes,
            CREATE,
            json!({ "input": association("Association de Fès", "MA-03") }),
        )
        .await;
    let inside_id = inside["createActor"]["actor"]["id"].clone();
    let outside = app
        .graphql_as(
            &fes,
            CREATE,
            json!({ "input": association("Association de Rabat", "MA-04") }),
        )
        .await;
    assert_eq!(error_code(&outside), "FORBIDDEN", "{outside}");
    // … nor move one out of it.
    let moved = app
        .graphql_as(
            &fes,
            UPDATE,
            json!({ "input": { "id": inside_id, "expectedVersion": 1, "seat": "MA-04" } }),
        )
        .await;
    assert_eq!(error_code(&moved), "FORBIDDEN", "{moved}");

    // A partner edits its own actor's profile, and nothing else.
    let mine = app
        .data_as(
            &coordinator,
            CREATE,
            json!({ "input": association("Association Partenaire", "MA-04") }),
        )
        .await["createActor"]["actor"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let partner = app.token("PARTNER", None, Some(&mine));
    let own = app
        .data_as(
            &partner,
            UPDATE,
            json!({ "input": { "id": mine, "expectedVersion": 1, "acronym": "AP" } }),
        )
        .await;
    assert_eq!(own["updateActor"]["actor"]["acronym"], "AP");
    let sensitivity = app
        .graphql_as(
            &partner,
            UPDATE,
            json!({ "input": { "id": mine, "expectedVersion": 2, "sensitivity": "PUBLIC" } }),
        )
        .await;
    assert_eq!(error_code(&sensitivity), "FORBIDDEN", "{sensitivity}");
    let other = app
        .graphql_as(
            &partner,
            UPDATE,
            json!({ "input": { "id": inside_id, "expectedVersion": 1, "acronym": "NO" } }),
        )
        .await;
    assert_eq!(error_code(&other), "FORBIDDEN", "{other}");
    let create = app
        .graphql_as(
            &partner,
            CREATE,
            json!({ "input": association("Autre", "MA-04") }),
        )
        .await;
    assert_eq!(error_code(&create), "FORBIDDEN", "{create}");
}
