//! Contact points of people and actors: children of their owner (the owner's version is
//! checked and bumped), validated by kind, logged without values.

use serde_json::{Value, json};

use super::{association, create, field, footprint, last_entry, read};
use crate::helpers::{TestApp, error_code, spawn_app};

const ADD: &str = r#"mutation($input: AddContactPointInput!) {
  addContactPoint(input: $input) { contactPoint { id kind value institutional }
    person { id version contactPoints { id value } } actor { id version } }
}"#;

const UPDATE: &str = r#"mutation($input: UpdateContactPointInput!) {
  updateContactPoint(input: $input) { contactPoint { id kind value institutional }
    person { id version } actor { id version } }
}"#;

const REMOVE: &str = r#"mutation($input: RemoveContactPointInput!) {
  removeContactPoint(input: $input) { contactPoint { id }
    person { id version contactPoints { id } } actor { id version } }
}"#;

async fn add(app: &TestApp, token: &str, input: Value) -> Value {
    app.data_as(token, ADD, json!({ "input": input })).await["addContactPoint"].clone()
}

async fn a_person(app: &TestApp, token: &str) -> (String, String) {
    let org = association(app, "Association de Fès", "MA-FES").await;
    let input = json!({ "givenName": "Amina", "familyName": "El Idrissi", "organisation": org });
    (create(app, token, input).await, org)
}

#[tokio::test]
async fn contact_points_of_a_person_bump_its_version_and_log_no_value() {
    let app = spawn_app().await;
    let coordinator = app.token("COORDINATOR", None, None);
    let (person, _) = a_person(&app, &coordinator).await;

    let added = add(
        &app,
        &coordinator,
        json!({ "owner": person, "expectedVersion": 1, "kind": "EMAIL",
                "value": " amina@example.org " }),
    )
    .await;
    assert_eq!(added["contactPoint"]["value"], "amina@example.org");
    assert_eq!(
        added["contactPoint"]["institutional"], false,
        "a person's default"
    );
    assert_eq!(added["person"]["version"], 2);
    let contact = added["contactPoint"]["id"].as_str().unwrap().to_owned();
    let entry = last_entry(&app).await;
    assert_eq!(entry.kind.as_str(), "PERSON_UPDATED");
    let details = entry.details.unwrap_or_default();
    assert!(
        details.contains("contactPoints") && !details.contains("amina@"),
        "{details}"
    );

    let changed = app
        .data_as(
            &coordinator,
            UPDATE,
            json!({ "input": { "id": contact, "expectedVersion": 2, "kind": "MOBILE",
                               "value": "+212 6 00 00 00 01", "institutional": true } }),
        )
        .await;
    assert_eq!(
        changed["updateContactPoint"]["contactPoint"]["kind"],
        "MOBILE"
    );
    assert_eq!(changed["updateContactPoint"]["person"]["version"], 3);
    let shown = read(&app, &coordinator, &person).await;
    assert_eq!(shown["contactPoints"][0]["value"], "+212 6 00 00 00 01");
    assert_eq!(shown["contactPoints"][0]["institutional"], true);

    let before = footprint(&app).await;
    let stale = app
        .graphql_as(
            &coordinator,
            REMOVE,
            json!({ "input": { "id": contact, "expectedVersion": 2 } }),
        )
        .await;
    assert_eq!(error_code(&stale), "CONFLICT", "{stale}");
    assert_eq!(stale["errors"][0]["extensions"]["currentVersion"], 3);
    assert_eq!(footprint(&app).await, before);
    let removed = app
        .data_as(
            &coordinator,
            REMOVE,
            json!({ "input": { "id": contact, "expectedVersion": 3 } }),
        )
        .await;
    let payload = &removed["removeContactPoint"];
    assert!(payload["contactPoint"].is_null(), "{payload}");
    assert_eq!(payload["person"]["version"], 4);
    assert_eq!(payload["person"]["contactPoints"], json!([]));
}

#[tokio::test]
async fn an_actor_s_own_contact_points_bump_the_actor() {
    let app = spawn_app().await;
    let org = association(&app, "Association de Fès", "MA-FES").await;
    let partner = app.token("PARTNER", None, Some(&org));
    let added = add(
        &app,
        &partner,
        json!({ "owner": org, "expectedVersion": 1, "kind": "WEB",
                "value": "https://jeunesse-fes.example.org" }),
    )
    .await;
    assert_eq!(
        added["contactPoint"]["institutional"], true,
        "an actor's default"
    );
    assert_eq!(added["actor"]["version"], 2);
    assert!(added["person"].is_null());
    assert_eq!(last_entry(&app).await.kind.as_str(), "ACTOR_UPDATED");

    // Another partner, or an officer elsewhere, may not.
    let other = association(&app, "Association de Rabat", "MA-RAB").await;
    let before = footprint(&app).await;
    for token in [
        app.token("PARTNER", None, Some(&other)),
        app.token("OFFICER", Some("RABAT"), None),
    ] {
        let body = app
            .graphql_as(
                &token,
                ADD,
                json!({ "input": { "owner": org, "expectedVersion": 2, "kind": "PHONE",
                                   "value": "+212 5 35 00 00 00" } }),
            )
            .await;
        assert_eq!(error_code(&body), "FORBIDDEN", "{body}");
    }
    let body = app
        .graphql(
            ADD,
            json!({ "input": { "owner": org, "expectedVersion": 2, "kind": "PHONE",
                               "value": "+212 5 35 00 00 00" } }),
        )
        .await;
    assert_eq!(error_code(&body), "UNAUTHENTICATED", "{body}");
    assert_eq!(footprint(&app).await, before);
}

#[tokio::test]
async fn contact_values_are_checked_for_their_kind_and_nothing_is_written() {
    let app = spawn_app().await;
    let coordinator = app.token("COORDINATOR", None, None);
    let (person, org) = a_person(&app, &coordinator).await;
    add(
        &app,
        &coordinator,
        json!({ "owner": person, "expectedVersion": 1, "kind": "EMAIL",
                "value": "amina@example.org" }),
    )
    .await;
    let before = footprint(&app).await;
    for (owner, version, kind, value) in [
        (&person, 2, "EMAIL", "not-an-address"),
        (&person, 2, "EMAIL", "AMINA@example.org"),
        (&person, 2, "PHONE", "call me"),
        (&person, 2, "MOBILE", "12"),
        (&person, 2, "WEB", "ftp://example.org"),
        (&person, 2, "ADDRESS", "   "),
        (&org, 1, "EMAIL", "@example"),
    ] {
        let body = app
            .graphql_as(
                &coordinator,
                ADD,
                json!({ "input": { "owner": owner, "expectedVersion": version, "kind": kind,
                                   "value": value } }),
            )
            .await;
        assert_eq!(
            error_code(&body),
            "BAD_USER_INPUT",
            "{kind} {value}: {body}"
        );
        assert_eq!(field(&body), "input.value", "{body}");
    }
    let territory_id = super::gid(partner_hub::graphql::relay::NodeKind::Territory, 1);
    let body = app
        .graphql_as(
            &coordinator,
            ADD,
            json!({ "input": { "owner": territory_id, "expectedVersion": 1, "kind": "EMAIL",
                               "value": "a@example.org" } }),
        )
        .await;
    assert_eq!(field(&body), "input.owner", "{body}");
    assert_eq!(footprint(&app).await, before);
}
