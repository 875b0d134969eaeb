//! GDPR erasure: an administrator erases a person's personal data everywhere in one
//! transaction; the network's history keeps its shape (attendances, exchange participations)
//! and reads "erased person"; the erasure is logged without personal values.

use partner_hub::entities::{
    activity, contact_point, event, event_attendee, exchange, exchange_participant, person,
};
use partner_hub::graphql::relay::NodeKind;
use partner_hub::seed::demo;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use serde_json::json;

use super::{READ, association, count, create, field, footprint, gid, last_entry, read};
use crate::helpers::{TestApp, error_code, spawn_app};

const ERASE: &str = r#"mutation($input: ErasePersonInput!) {
  erasePerson(input: $input) { person { id givenName familyName name english: name(lang: EN)
    function erased erasedAt contactPoints { id } } }
}"#;

const FULL_NAME: &str = "Zineb Oufkir-Taleb";
const EMAIL: &str = "zineb.oufkir@example.org";
const PHONE: &str = "+212 6 00 98 76 54";

/// A person with two contact points, attending a demo event and taking part in a demo
/// exchange; answers (global ID, database id).
async fn zineb(app: &TestApp, coordinator: &str) -> (String, i64) {
    let org = association(app, "Association des jeunes de Taza", "MA-TAZ").await;
    let id = create(
        app,
        coordinator,
        json!({ "givenName": "Zineb", "familyName": "Oufkir-Taleb",
                "function": "Présidente", "organisation": org }),
    )
    .await;
    for (version, kind, value) in [(1, "EMAIL", EMAIL), (2, "MOBILE", PHONE)] {
        app.data_as(
            coordinator,
            r#"mutation($input: AddContactPointInput!) { addContactPoint(input: $input) {
                 contactPoint { id } } }"#,
            json!({ "input": { "owner": id, "expectedVersion": version, "kind": kind,
                               "value": value } }),
        )
        .await;
    }
    let db_id = person::Entity::find()
        .filter(person::Column::FamilyName.eq("Oufkir-Taleb"))
        .one(&app.db.writer)
        .await
        .unwrap()
        .unwrap()
        .id;
    let some_event = event::Entity::find()
        .one(&app.db.writer)
        .await
        .unwrap()
        .unwrap();
    event_attendee::ActiveModel {
        event_id: Set(some_event.id),
        person_id: Set(db_id),
        representing_actor_id: Set(None),
        ..Default::default()
    }
    .insert(&app.db.writer)
    .await
    .unwrap();
    let some_exchange = exchange::Entity::find()
        .one(&app.db.writer)
        .await
        .unwrap()
        .unwrap();
    exchange_participant::ActiveModel {
        exchange_id: Set(some_exchange.id),
        person_id: Set(db_id),
    }
    .insert(&app.db.writer)
    .await
    .unwrap();
    (id, db_id)
}

/// Every answer a coordinator gets from queries that could show a person.
async fn everything_a_coordinator_reads(app: &TestApp, id: &str) -> String {
    let coordinator = app.token("COORDINATOR", None, None);
    let person = app.data_as(&coordinator, READ, json!({ "id": id })).await;
    let log = app
        .data_as(
            &coordinator,
            r#"{ activity(first: 100) { nodes { kind summary english: summary(lang: EN)
                 author subject { id } actors { id name } } } }"#,
            json!({}),
        )
        .await;
    let events = app
        .data_as(
            &coordinator,
            r#"{ events(first: 100) { nodes { id title } } exchanges(first: 100) {
                 nodes { id title } } }"#,
            json!({}),
        )
        .await;
    format!("{person}{log}{events}")
}

#[tokio::test]
async fn an_admin_erases_a_person_everywhere_and_history_keeps_its_shape() {
    let app = spawn_app().await;
    demo::load(&app.db).await.expect("the demo loads");
    let coordinator = app.token("COORDINATOR", None, None);
    let (id, db_id) = zineb(&app, &coordinator).await;
    assert!(
        everything_a_coordinator_reads(&app, &id)
            .await
            .contains(EMAIL)
    );
    let attendees = count(&app, "event_attendees").await;
    let participants = count(&app, "exchange_participants").await;

    // Only administrators erase.
    let before = footprint(&app).await;
    let body = app.graphql(ERASE, json!({ "input": { "id": id } })).await;
    assert_eq!(error_code(&body), "UNAUTHENTICATED", "{body}");
    let body = app
        .graphql_as(&coordinator, ERASE, json!({ "input": { "id": id } }))
        .await;
    assert_eq!(error_code(&body), "FORBIDDEN", "{body}");
    assert_eq!(footprint(&app).await, before);

    let admin = app.token("ADMIN", None, None);
    let erased = app
        .data_as(
            &admin,
            ERASE,
            json!({ "input": { "id": id, "reason": "DATA_SUBJECT_REQUEST" } }),
        )
        .await;
    let shown = &erased["erasePerson"]["person"];
    assert_eq!(shown["erased"], true, "{shown}");
    assert!(
        shown["givenName"].is_null() && shown["familyName"].is_null(),
        "{shown}"
    );
    assert!(shown["function"].is_null(), "{shown}");
    assert_eq!(shown["name"], "Personne effacée");
    assert_eq!(shown["english"], "Erased person");
    assert_eq!(shown["contactPoints"], json!([]));

    // No query shows the old values any more.
    let seen = everything_a_coordinator_reads(&app, &id).await;
    for value in ["Zineb", "Oufkir", EMAIL, PHONE, "Présidente"] {
        assert!(!seen.contains(value), "{value} still shown");
    }
    assert_eq!(read(&app, &coordinator, &id).await["erased"], true);

    // In the database: names blanked, contact points gone, links kept, log clean.
    let row = person::Entity::find_by_id(db_id)
        .one(&app.db.writer)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (row.given_name.as_str(), row.family_name.as_str()),
        ("", "")
    );
    assert!(row.function.is_none() && row.erased_at.is_some());
    let contacts = contact_point::Entity::find()
        .filter(contact_point::Column::PersonId.eq(db_id))
        .count(&app.db.writer)
        .await
        .unwrap();
    assert_eq!(contacts, 0);
    assert_eq!(count(&app, "event_attendees").await, attendees);
    assert_eq!(count(&app, "exchange_participants").await, participants);
    let entry = last_entry(&app).await;
    assert_eq!(entry.kind.as_str(), "PERSON_ERASED");
    assert_eq!(entry.subject_id, db_id);
    let details: serde_json::Value =
        serde_json::from_str(entry.details.as_deref().unwrap()).unwrap();
    assert_eq!(details["ground"], "DATA_SUBJECT_REQUEST");
    assert_eq!(details["contactPointsDeleted"], 2);
    assert_eq!(
        details["activityEntriesScrubbed"], 0,
        "by design, no entry ever carried a personal value"
    );
    for entry in activity::Entity::find().all(&app.db.writer).await.unwrap() {
        let details = entry.details.unwrap_or_default();
        for value in ["Zineb", "Oufkir", EMAIL, PHONE] {
            assert!(!details.contains(value), "{value} in {details}");
        }
    }
    let log = app
        .data_as(
            &coordinator,
            r#"{ activity(filter: { kinds: [PERSON_ERASED] }) { nodes { summary } } }"#,
            json!({}),
        )
        .await;
    assert_eq!(
        log["activity"]["nodes"][0]["summary"],
        "Données personnelles effacées"
    );
    assert!(!log.to_string().contains(FULL_NAME));

    // Erased is final: no second erasure, no edit.
    let before = footprint(&app).await;
    let body = app
        .graphql_as(&admin, ERASE, json!({ "input": { "id": id } }))
        .await;
    assert_eq!(error_code(&body), "BAD_USER_INPUT", "{body}");
    let body = app
        .graphql_as(
            &coordinator,
            r#"mutation($input: UpdatePersonInput!) { updatePerson(input: $input) {
                 person { id } } }"#,
            json!({ "input": { "id": id, "expectedVersion": 4, "givenName": "Zineb" } }),
        )
        .await;
    assert_eq!(field(&body), "input.id", "{body}");
    assert_eq!(footprint(&app).await, before);
    let unknown = gid(NodeKind::Person, 999_999);
    let body = app
        .graphql_as(&admin, ERASE, json!({ "input": { "id": unknown } }))
        .await;
    assert_eq!(error_code(&body), "NOT_FOUND", "{body}");
}
