//! Writes: people and their contact points (personal data), over HTTP with tokens — create,
//! update, contact points as children of their owner, who may read and write whom, and
//! the activity log without personal values. Erasure is in `people/erasure.rs`.

mod contacts;
mod erasure;

use partner_hub::domain::vocabulary::ActorKind;
use partner_hub::entities::activity;
use partner_hub::graphql::relay::{GlobalId, NodeKind};
use sea_orm::{EntityTrait, QueryOrder};
use serde_json::{Value, json};

use crate::fixtures::{NewActor, insert_actor};
use crate::helpers::{TestApp, error_code, spawn_app};

pub(super) const CREATE: &str = r#"mutation($input: CreatePersonInput!) {
  createPerson(input: $input) { person { id version givenName familyName function name
    organisation { id } contactPoints { id } } }
}"#;

const UPDATE: &str = r#"mutation($input: UpdatePersonInput!) {
  updatePerson(input: $input) { person { id version givenName familyName function
    organisation { id } } }
}"#;

/// A person as the query API shows them.
pub(super) const READ: &str = r#"query($id: ID!) { node(id: $id) { ... on Person {
  id version givenName familyName name arabic: name(lang: AR) function erased erasedAt
  organisation { id } contactPoints { id kind value institutional } } } }"#;

pub(super) fn gid(kind: NodeKind, id: i64) -> String {
    GlobalId::new(kind, id).encode().to_string()
}

/// An association seated in `seat`; answers its global ID.
pub(super) async fn association(app: &TestApp, name: &str, seat: &str) -> String {
    let id = insert_actor(
        &app.db,
        NewActor {
            seat: Some(seat),
            ..NewActor::public(ActorKind::Association, name)
        },
    )
    .await;
    gid(NodeKind::Actor, id)
}

/// Creates a person as `token`; answers their global ID.
pub(super) async fn create(app: &TestApp, token: &str, input: Value) -> String {
    let data = app.data_as(token, CREATE, json!({ "input": input })).await;
    data["createPerson"]["person"]["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// Reads a person back as `token` (null when invisible).
pub(super) async fn read(app: &TestApp, token: &str, id: &str) -> Value {
    app.data_as(token, READ, json!({ "id": id })).await["node"].clone()
}

/// Rows in a table, read straight from the database.
pub(super) async fn count(app: &TestApp, table: &str) -> i64 {
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

/// Rows of every table a people write touches, to show a failed write left nothing.
pub(super) async fn footprint(app: &TestApp) -> Vec<i64> {
    let mut counts = Vec::new();
    for table in [
        "persons",
        "contact_points",
        "record_circumscriptions",
        "activities",
        "idempotency_keys",
    ] {
        counts.push(count(app, table).await);
    }
    counts
}

/// The newest activity entry, straight from the database.
pub(super) async fn last_entry(app: &TestApp) -> activity::Model {
    activity::Entity::find()
        .order_by_desc(activity::Column::Position)
        .one(&app.db.writer)
        .await
        .unwrap()
        .unwrap()
}

/// `extensions.field` of the first error.
pub(super) fn field(body: &Value) -> &str {
    body["errors"][0]["extensions"]["field"]
        .as_str()
        .unwrap_or("<none>")
}

fn amina(organisation: &str) -> Value {
    json!({
        "givenName": "  Amina ",
        "familyName": "El Idrissi",
        "function": "Chargée de mission",
        "organisation": organisation,
    })
}

#[tokio::test]
async fn a_coordinator_records_a_person_read_back_and_logged_without_values() {
    let app = spawn_app().await;
    let coordinator = app.token("COORDINATOR", None, None);
    let org = association(&app, "Association Jeunesse de Fès", "MA-FES").await;

    let id = create(&app, &coordinator, amina(&org)).await;
    let person = read(&app, &coordinator, &id).await;
    assert_eq!(person["givenName"], "Amina", "trimmed: {person}");
    assert_eq!(person["name"], "Amina El Idrissi");
    assert_eq!(person["function"], "Chargée de mission");
    assert_eq!(person["organisation"]["id"], org.as_str());
    assert_eq!(person["version"], 1);
    assert_eq!(person["erased"], false);

    let entry = last_entry(&app).await;
    assert_eq!(entry.kind.as_str(), "PERSON_ADDED");
    assert_eq!(entry.sensitivity.as_str(), "PERSONAL");
    let details = entry.details.unwrap_or_default();
    assert!(details.contains("givenName"), "{details}");
    for value in ["Amina", "Idrissi", "Chargée"] {
        assert!(
            !details.contains(value),
            "no personal value logged: {details}"
        );
    }
    let log = app
        .data_as(
            &coordinator,
            r#"{ activity(filter: { kinds: [PERSON_ADDED] }) { nodes { kind summary
                 actors { id } circumscriptions { code } } } }"#,
            json!({}),
        )
        .await;
    let nodes = log["activity"]["nodes"].as_array().unwrap();
    assert_eq!(nodes.len(), 1, "{log}");
    assert_eq!(nodes[0]["summary"], "Personne ajoutée");
    assert_eq!(nodes[0]["actors"][0]["id"], org.as_str());
    assert_eq!(nodes[0]["circumscriptions"][0]["code"], "FES");
}

#[tokio::test]
async fn who_reads_a_person_follows_the_organisation() {
    let app = spawn_app().await;
    let coordinator = app.token("COORDINATOR", None, None);
    let org = association(&app, "Association de Fès", "MA-FES").await;
    let other = association(&app, "Association de Rabat", "MA-RAB").await;
    let id = create(&app, &coordinator, amina(&org)).await;

    let visible = |token: String| {
        let app = &app;
        let id = id.clone();
        async move { !read(app, &token, &id).await.is_null() }
    };
    assert!(visible(app.token("ADMIN", None, None)).await);
    assert!(visible(app.token("OFFICER", Some("FES"), None)).await);
    assert!(!visible(app.token("OFFICER", Some("RABAT"), None)).await);
    assert!(visible(app.token("PARTNER", None, Some(&org))).await);
    assert!(!visible(app.token("PARTNER", None, Some(&other))).await);
    let anonymous = app.graphql(READ, json!({ "id": id })).await;
    assert!(anonymous["data"]["node"].is_null(), "{anonymous}");
}

#[tokio::test]
async fn validation_errors_name_the_field_and_write_nothing() {
    let app = spawn_app().await;
    let coordinator = app.token("COORDINATOR", None, None);
    let org = association(&app, "Association de Fès", "MA-FES").await;
    let before = footprint(&app).await;
    let unknown_actor = gid(NodeKind::Actor, 999_999);
    let project_id = gid(NodeKind::Project, 1);
    for (input, expected) in [
        (
            json!({ "givenName": " ", "familyName": "X" }),
            "input.givenName",
        ),
        (
            json!({ "givenName": "A", "familyName": "" }),
            "input.familyName",
        ),
        (
            json!({ "givenName": "A", "familyName": "B", "function": "x".repeat(301) }),
            "input.function",
        ),
        (
            json!({ "givenName": "A", "familyName": "B", "organisation": unknown_actor }),
            "input.organisation",
        ),
        (
            json!({ "givenName": "A", "familyName": "B", "organisation": project_id }),
            "input.organisation",
        ),
        (
            json!({ "givenName": "A\u{0007}", "familyName": "B", "organisation": org }),
            "input.givenName",
        ),
    ] {
        let body = app
            .graphql_as(&coordinator, CREATE, json!({ "input": input }))
            .await;
        assert_eq!(error_code(&body), "BAD_USER_INPUT", "{body}");
        assert_eq!(field(&body), expected, "{body}");
    }
    assert_eq!(footprint(&app).await, before);
}

#[tokio::test]
async fn a_retry_creates_nothing_and_a_reused_key_conflicts() {
    let app = spawn_app().await;
    let coordinator = app.token("COORDINATOR", None, None);
    let org = association(&app, "Association de Fès", "MA-FES").await;
    let mut input = amina(&org);
    input["idempotencyKey"] = json!("amina-1");
    let first = create(&app, &coordinator, input.clone()).await;
    let after_first = footprint(&app).await;

    assert_eq!(create(&app, &coordinator, input.clone()).await, first);
    assert_eq!(footprint(&app).await, after_first);

    input["familyName"] = json!("Bennani");
    let body = app
        .graphql_as(&coordinator, CREATE, json!({ "input": input }))
        .await;
    assert_eq!(error_code(&body), "CONFLICT", "{body}");
    assert_eq!(footprint(&app).await, after_first);
}

#[tokio::test]
async fn an_update_is_a_patch_checked_against_the_version_and_logged_by_field_name() {
    let app = spawn_app().await;
    let coordinator = app.token("COORDINATOR", None, None);
    let org = association(&app, "Association de Fès", "MA-FES").await;
    let rabat = association(&app, "Association de Rabat", "MA-RAB").await;
    let id = create(&app, &coordinator, amina(&org)).await;

    let changed = app
        .data_as(
            &coordinator,
            UPDATE,
            json!({ "input": { "id": id, "expectedVersion": 1, "familyName": "Bennani",
                               "function": null, "organisation": rabat } }),
        )
        .await;
    let person = &changed["updatePerson"]["person"];
    assert_eq!(person["version"], 2);
    assert_eq!(person["givenName"], "Amina", "kept: {person}");
    assert_eq!(person["familyName"], "Bennani");
    assert!(person["function"].is_null(), "cleared: {person}");
    assert_eq!(person["organisation"]["id"], rabat.as_str());
    let entry = last_entry(&app).await;
    assert_eq!(entry.kind.as_str(), "PERSON_UPDATED");
    let details = entry.details.unwrap_or_default();
    assert!(
        details.contains("familyName") && !details.contains("Bennani"),
        "{details}"
    );
    // Moved to Rabat: the officer of Fès no longer reads the person, Rabat's does.
    let fes = app.token("OFFICER", Some("FES"), None);
    assert!(read(&app, &fes, &id).await.is_null());
    let rabat_officer = app.token("OFFICER", Some("RABAT"), None);
    assert_eq!(
        read(&app, &rabat_officer, &id).await["familyName"],
        "Bennani"
    );

    let before = footprint(&app).await;
    let body = app
        .graphql_as(
            &coordinator,
            UPDATE,
            json!({ "input": { "id": id, "expectedVersion": 1, "givenName": "Nadia" } }),
        )
        .await;
    assert_eq!(error_code(&body), "CONFLICT", "{body}");
    assert_eq!(body["errors"][0]["extensions"]["currentVersion"], 2);
    assert_eq!(footprint(&app).await, before);
    let body = app
        .graphql_as(
            &coordinator,
            UPDATE,
            json!({ "input": { "id": id, "expectedVersion": 2, "givenName": "" } }),
        )
        .await;
    assert_eq!(field(&body), "input.givenName", "{body}");
    assert_eq!(footprint(&app).await, before);
}

#[tokio::test]
async fn write_rules_for_people() {
    let app = spawn_app().await;
    let fes_org = association(&app, "Association de Fès", "MA-FES").await;
    let rabat_org = association(&app, "Association de Rabat", "MA-RAB").await;
    let before = footprint(&app).await;

    let body = app
        .graphql(CREATE, json!({ "input": amina(&fes_org) }))
        .await;
    assert_eq!(error_code(&body), "UNAUTHENTICATED", "{body}");
    let rabat_officer = app.token("OFFICER", Some("RABAT"), None);
    let body = app
        .graphql_as(&rabat_officer, CREATE, json!({ "input": amina(&fes_org) }))
        .await;
    assert_eq!(error_code(&body), "FORBIDDEN", "{body}");
    let partner = app.token("PARTNER", None, Some(&rabat_org));
    let body = app
        .graphql_as(&partner, CREATE, json!({ "input": amina(&fes_org) }))
        .await;
    assert_eq!(error_code(&body), "FORBIDDEN", "{body}");
    assert_eq!(footprint(&app).await, before);

    // A partner records its own actor's people; an officer those of its circumscription.
    let own = create(&app, &partner, amina(&rabat_org)).await;
    let fes_officer = app.token("OFFICER", Some("FES"), None);
    let theirs = create(&app, &fes_officer, amina(&fes_org)).await;
    let body = app
        .graphql_as(
            &partner,
            UPDATE,
            json!({ "input": { "id": theirs, "expectedVersion": 1, "givenName": "X" } }),
        )
        .await;
    assert_eq!(
        error_code(&body),
        "NOT_FOUND",
        "another actor's person: {body}"
    );
    let body = app
        .graphql_as(
            &partner,
            UPDATE,
            json!({ "input": { "id": own, "expectedVersion": 1, "organisation": fes_org } }),
        )
        .await;
    assert_eq!(
        error_code(&body),
        "FORBIDDEN",
        "moving to another actor: {body}"
    );
    let updated = app
        .data_as(
            &partner,
            UPDATE,
            json!({ "input": { "id": own, "expectedVersion": 1, "givenName": "Nadia" } }),
        )
        .await;
    assert_eq!(updated["updatePerson"]["person"]["givenName"], "Nadia");
}
