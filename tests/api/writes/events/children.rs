//! Writes: an event's participants and attendees (each edit bumps the event's version), and
//! archiving.

use chrono::Utc;
use partner_hub::domain::vocabulary::{Country, RecordType};
use partner_hub::entities::{activity, event_attendee, person};
use partner_hub::graphql::relay::{GlobalId, NodeKind};
use partner_hub::services::scope;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use serde_json::{Value, json};

use super::{CREATE, actor_of, codes, error_field, event_input, gid, rows};
use crate::helpers::{error_code, spawn_app};

const ADD_PARTICIPANT: &str = r#"mutation($input: AddEventParticipantInput!) {
    addEventParticipant(input: $input) { event { version circumscriptions { code }
    participants { totalCount } } } }"#;

const REMOVE_PARTICIPANT: &str = r#"mutation($input: RemoveEventParticipantInput!) {
    removeEventParticipant(input: $input) { event { version circumscriptions { code }
    participants { totalCount } } } }"#;

#[tokio::test]
async fn participants_bump_the_version_and_move_an_event_in_france() {
    let app = spawn_app().await;
    let coordinator = app.token("COORDINATOR", None, None);
    let lyon = actor_of(&app, "Métropole de Lyon", None, Country::Fr).await;
    let ville = actor_of(&app, "Commune de Fès", Some("MA-FES"), Country::Ma).await;
    let mut input = event_input(
        "Voyage d'étude",
        "MA-FES",
        json!([{ "actor": lyon, "role": "ORGANISER" }]),
    );
    input["territory"] = Value::Null;
    input["placeInFrance"] = json!("Lyon");
    let data = app
        .data_as(&coordinator, CREATE, json!({ "input": input }))
        .await;
    let id = data["createEvent"]["event"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        codes(&data["createEvent"]["event"]["circumscriptions"]),
        Vec::<&str>::new()
    );

    let add = json!({ "event": id, "expectedVersion": 1, "actor": ville, "role": "PARTICIPANT" });
    let data = app
        .data_as(&coordinator, ADD_PARTICIPANT, json!({ "input": add }))
        .await;
    let event = &data["addEventParticipant"]["event"];
    assert_eq!(event["version"], 2);
    assert_eq!(event["participants"]["totalCount"], 2);
    assert_eq!(codes(&event["circumscriptions"]), ["FES"]);

    let again = json!({ "event": id, "expectedVersion": 2, "actor": ville, "role": "PARTICIPANT" });
    let body = app
        .graphql_as(&coordinator, ADD_PARTICIPANT, json!({ "input": again }))
        .await;
    assert_eq!(error_field(&body), "input.actor", "{body}");
    let stale = json!({ "event": id, "expectedVersion": 1, "actor": ville, "role": "SPEAKER" });
    let body = app
        .graphql_as(&coordinator, ADD_PARTICIPANT, json!({ "input": stale }))
        .await;
    assert_eq!(error_code(&body), "CONFLICT", "{body}");
    assert_eq!(body["errors"][0]["extensions"]["currentVersion"], 2);

    let data = app
        .data_as(&coordinator, REMOVE_PARTICIPANT, json!({ "input": again }))
        .await;
    let event = &data["removeEventParticipant"]["event"];
    assert_eq!(event["version"], 3);
    assert_eq!(event["participants"]["totalCount"], 1);
    assert_eq!(codes(&event["circumscriptions"]), Vec::<&str>::new());
    let gone = json!({ "event": id, "expectedVersion": 3, "actor": ville, "role": "PARTICIPANT" });
    let body = app
        .graphql_as(&coordinator, REMOVE_PARTICIPANT, json!({ "input": gone }))
        .await;
    assert_eq!(error_field(&body), "input.actor", "{body}");
}

#[tokio::test]
async fn attendees_are_recorded_without_their_names_in_the_log() {
    let app = spawn_app().await;
    let coordinator = app.token("COORDINATOR", None, None);
    let ville = actor_of(&app, "Commune de Fès", Some("MA-FES"), Country::Ma).await;
    let ville_id = GlobalId::decode_as(&ville, NodeKind::Actor, "ville").unwrap();
    let now = Utc::now();
    let person_id = person::ActiveModel {
        given_name: Set("Fatima Zahra".to_owned()),
        family_name: Set("Bennani".to_owned()),
        organisation_id: Set(Some(ville_id)),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&app.db.writer)
    .await
    .unwrap()
    .id;
    scope::recompute(&app.db.writer, RecordType::Person, person_id)
        .await
        .unwrap();
    let person = gid(NodeKind::Person, person_id);
    let data = app
        .data_as(
            &coordinator,
            CREATE,
            json!({ "input": event_input("Comité de pilotage", "MA-FES", json!([])) }),
        )
        .await;
    let id = data["createEvent"]["event"]["id"]
        .as_str()
        .unwrap()
        .to_owned();

    let add = r#"mutation($input: AddEventAttendeeInput!) { addEventAttendee(input: $input) { event { version } } }"#;
    let input =
        json!({ "event": id, "expectedVersion": 1, "person": person, "representing": ville });
    let data = app
        .data_as(&coordinator, add, json!({ "input": input }))
        .await;
    assert_eq!(data["addEventAttendee"]["event"]["version"], 2);
    assert_eq!(rows::<event_attendee::Entity>(&app).await, 1);
    let twice = json!({ "event": id, "expectedVersion": 2, "person": person });
    let body = app
        .graphql_as(&coordinator, add, json!({ "input": twice }))
        .await;
    assert_eq!(error_field(&body), "input.person", "{body}");
    let not_a_person = json!({ "event": id, "expectedVersion": 2, "person": ville });
    let body = app
        .graphql_as(&coordinator, add, json!({ "input": not_a_person }))
        .await;
    assert_eq!(error_field(&body), "input.person", "{body}");

    let remove = r#"mutation($input: RemoveEventAttendeeInput!) { removeEventAttendee(input: $input) { event { version } } }"#;
    let data = app
        .data_as(&coordinator, remove, json!({ "input": twice }))
        .await;
    assert_eq!(data["removeEventAttendee"]["event"]["version"], 3);
    assert_eq!(rows::<event_attendee::Entity>(&app).await, 0);

    let entries = activity::Entity::find()
        .filter(activity::Column::SubjectType.eq(RecordType::Event))
        .all(&app.db.writer)
        .await
        .unwrap();
    assert_eq!(entries.len(), 3);
    for entry in entries {
        let details = entry.details.unwrap_or_default();
        assert!(
            !details.contains("Bennani") && !details.contains("Fatima"),
            "{details}"
        );
        assert!(
            !details.contains("person"),
            "no reference to the person: {details}"
        );
    }
}

#[tokio::test]
async fn archive_and_restore() {
    let app = spawn_app().await;
    let coordinator = app.token("COORDINATOR", None, None);
    let data = app
        .data_as(
            &coordinator,
            CREATE,
            json!({ "input": event_input("Forum annulé", "MA-RAB", json!([])) }),
        )
        .await;
    let id = data["createEvent"]["event"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let archive = r#"mutation($input: ArchiveInput!) { archiveEvent(input: $input) { event { archived version } } }"#;
    let restore = r#"mutation($input: ArchiveInput!) { restoreEvent(input: $input) { event { archived version } } }"#;

    let data = app
        .data_as(
            &coordinator,
            archive,
            json!({ "input": { "id": id, "expectedVersion": 1 } }),
        )
        .await;
    assert_eq!(
        data["archiveEvent"]["event"],
        json!({ "archived": true, "version": 2 })
    );
    let body = app
        .graphql_as(
            &coordinator,
            archive,
            json!({ "input": { "id": id, "expectedVersion": 2 } }),
        )
        .await;
    assert_eq!(error_code(&body), "BAD_USER_INPUT", "{body}");
    let list = app
        .data_as(&coordinator, "{ events { totalCount } }", json!({}))
        .await;
    assert_eq!(list["events"]["totalCount"], 0);

    let data = app
        .data_as(
            &coordinator,
            restore,
            json!({ "input": { "id": id, "expectedVersion": 2 } }),
        )
        .await;
    assert_eq!(
        data["restoreEvent"]["event"],
        json!({ "archived": false, "version": 3 })
    );
    let log = app
        .data_as(
            &coordinator,
            r#"{ activity(filter: { kinds: [EVENT_ARCHIVED] }) { totalCount } }"#,
            json!({}),
        )
        .await;
    assert_eq!(log["activity"]["totalCount"], 1);
}
