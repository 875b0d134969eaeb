//! `events`: paging, filters, nested participants, visibility, and the statement cost of a
//! nested query.

use partner_hub::domain::vocabulary::{EventKind, EventRole, Sensitivity};
use partner_hub::graphql::relay::NodeKind;
use serde_json::{Value, json};

use super::fixtures::{Fixtures, NewEvent};
use super::{gid, titles};
use crate::helpers::{error_code, spawn_app};

#[tokio::test]
async fn events_come_latest_first_and_page_forward_and_backward() {
    let app = spawn_app().await;
    let fx = Fixtures::new(&app.db);
    let actor = fx.actor("Organisateur", None, Sensitivity::Public).await;
    for i in 1..=5 {
        let title = format!("Agora {i}");
        fx.event(NewEvent::public(
            &title,
            &format!("2025-01-0{i}T09:00:00Z"),
            vec![(actor, EventRole::Organiser)],
        ))
        .await;
    }
    fx.event(NewEvent {
        sensitivity: Sensitivity::Internal,
        ..NewEvent::public("Agora interne", "2025-01-09T09:00:00Z", vec![])
    })
    .await;

    let query = r#"query($first: Int, $after: String, $last: Int, $before: String, $order: EventOrder) {
      events(orderBy: $order, first: $first, after: $after, last: $last, before: $before) {
        totalCount
        nodes { title startsAt }
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      }
    }"#;
    let data = app.data(query, json!({ "first": 2 })).await;
    let list = &data["events"];
    assert_eq!(list["totalCount"], 5);
    assert_eq!(titles(list), ["Agora 5", "Agora 4"]);
    assert_eq!(list["nodes"][0]["startsAt"], "2025-01-05T09:00:00Z");
    let after = list["pageInfo"]["endCursor"].clone();
    let data = app.data(query, json!({ "first": 2, "after": after })).await;
    assert_eq!(titles(&data["events"]), ["Agora 3", "Agora 2"]);
    assert_eq!(data["events"]["pageInfo"]["hasNextPage"], true);
    assert_eq!(data["events"]["pageInfo"]["hasPreviousPage"], true);

    let data = app.data(query, json!({ "last": 2 })).await;
    assert_eq!(titles(&data["events"]), ["Agora 2", "Agora 1"]);
    let before = data["events"]["pageInfo"]["startCursor"].clone();
    let data = app
        .data(query, json!({ "last": 2, "before": before }))
        .await;
    assert_eq!(titles(&data["events"]), ["Agora 4", "Agora 3"]);
    let before = data["events"]["pageInfo"]["startCursor"].clone();
    let data = app
        .data(query, json!({ "last": 2, "before": before }))
        .await;
    assert_eq!(titles(&data["events"]), ["Agora 5"]);
    assert_eq!(data["events"]["pageInfo"]["hasPreviousPage"], false);

    let data = app
        .data(
            query,
            json!({ "order": { "field": "STARTS_AT" }, "first": 2 }),
        )
        .await;
    assert_eq!(titles(&data["events"]), ["Agora 1", "Agora 2"]);
    let data = app
        .data(
            query,
            json!({ "order": { "field": "TITLE", "direction": "DESC" }, "first": 1 }),
        )
        .await;
    assert_eq!(titles(&data["events"]), ["Agora 5"]);

    let body = app.graphql(query, json!({ "last": 101 })).await;
    assert_eq!(error_code(&body), "BAD_USER_INPUT");
    assert_eq!(body["errors"][0]["extensions"]["field"], "last");
}

#[tokio::test]
async fn events_filter_by_kind_place_actor_role_project_dates_and_search() {
    let app = spawn_app().await;
    let fx = Fixtures::new(&app.db);
    let ifrane = fx
        .actor("Association d'Ifrane", Some("MA-IFR"), Sensitivity::Public)
        .await;
    let rabat = fx
        .actor("Association de Rabat", Some("MA-RAB"), Sensitivity::Public)
        .await;
    let project = fx.project("Projet public", Sensitivity::Public).await;
    let internal_project = fx.project("Projet interne", Sensitivity::Internal).await;
    fx.event(NewEvent {
        kind: EventKind::Forum,
        territory: Some("MA-IFR"),
        project: Some(project),
        ..NewEvent::public(
            "Forum d'Ifrane",
            "2024-05-10T09:00:00Z",
            vec![
                (ifrane, EventRole::Organiser),
                (rabat, EventRole::Participant),
            ],
        )
    })
    .await;
    fx.event(NewEvent {
        territory: Some("MA-RAB"),
        project: Some(internal_project),
        ..NewEvent::public(
            "Séminaire de Rabat",
            "2024-09-01T09:00:00Z",
            vec![(rabat, EventRole::Organiser)],
        )
    })
    .await;
    // Held in France: its circumscription is its Moroccan participant's.
    fx.event(NewEvent {
        kind: EventKind::StudyTour,
        ..NewEvent::public(
            "Voyage d'étude en France",
            "2025-02-01T08:00:00Z",
            vec![(ifrane, EventRole::Participant)],
        )
    })
    .await;

    let ifrane_id = gid(NodeKind::Actor, ifrane);
    let cases: Vec<(Value, Vec<&str>)> = vec![
        (
            json!({ "kinds": ["FORUM", "STUDY_TOUR"] }),
            vec!["Voyage d'étude en France", "Forum d'Ifrane"],
        ),
        (json!({ "territory": "MA-03" }), vec!["Forum d'Ifrane"]),
        (json!({ "territory": "MA-04" }), vec!["Séminaire de Rabat"]),
        (
            json!({ "circumscription": "FES" }),
            vec!["Voyage d'étude en France", "Forum d'Ifrane"],
        ),
        (
            json!({ "actor": ifrane_id }),
            vec!["Voyage d'étude en France", "Forum d'Ifrane"],
        ),
        (
            json!({ "actor": ifrane_id, "role": "ORGANISER" }),
            vec!["Forum d'Ifrane"],
        ),
        (
            json!({ "role": "ORGANISER" }),
            vec!["Séminaire de Rabat", "Forum d'Ifrane"],
        ),
        (
            json!({ "project": gid(NodeKind::Project, project) }),
            vec!["Forum d'Ifrane"],
        ),
        // A project the viewer may not see singles nothing out.
        (
            json!({ "project": gid(NodeKind::Project, internal_project) }),
            vec![],
        ),
        (
            json!({ "startsAfter": "2024-09-01T09:00:00Z" }),
            vec!["Voyage d'étude en France", "Séminaire de Rabat"],
        ),
        (
            json!({ "startsBefore": "2024-09-01T09:00:00Z" }),
            vec!["Séminaire de Rabat", "Forum d'Ifrane"],
        ),
        (json!({ "search": "SEMINAIRE" }), vec!["Séminaire de Rabat"]),
    ];
    let query = r#"query($filter: EventFilter) {
      events(filter: $filter) { totalCount nodes { title } }
    }"#;
    for (filter, expected) in cases {
        let data = app.data(query, json!({ "filter": filter })).await;
        assert_eq!(titles(&data["events"]), expected, "filter {filter}");
        assert_eq!(data["events"]["totalCount"], expected.len(), "{filter}");
    }
    let body = app
        .graphql(
            query,
            json!({ "filter": { "project": gid(NodeKind::Actor, ifrane) } }),
        )
        .await;
    assert_eq!(error_code(&body), "BAD_USER_INPUT");
    assert_eq!(body["errors"][0]["extensions"]["field"], "filter.project");
}

#[tokio::test]
async fn event_participants_nest_with_role_first_and_total_and_hide_what_is_internal() {
    let app = spawn_app().await;
    let fx = Fixtures::new(&app.db);
    let a = fx
        .actor("Acteur A", Some("MA-FES"), Sensitivity::Public)
        .await;
    let b = fx.actor("Acteur B", None, Sensitivity::Public).await;
    let c = fx.actor("Acteur C", None, Sensitivity::Public).await;
    let hidden = fx.actor("Acteur caché", None, Sensitivity::Internal).await;
    let internal_project = fx.project("Projet interne", Sensitivity::Internal).await;
    let id = fx
        .event(NewEvent {
            territory: Some("MA-FES"),
            project: Some(internal_project),
            ..NewEvent::public(
                "Rencontre",
                "2025-03-03T10:00:00Z",
                vec![
                    (a, EventRole::Organiser),
                    (hidden, EventRole::Speaker),
                    (b, EventRole::Speaker),
                    (c, EventRole::Participant),
                    (a, EventRole::Speaker),
                ],
            )
        })
        .await;
    let internal = fx
        .event(NewEvent {
            sensitivity: Sensitivity::Internal,
            ..NewEvent::public("Rencontre interne", "2025-03-04T10:00:00Z", vec![])
        })
        .await;

    let query = r#"query($id: ID!, $internal: ID!, $after: String) {
      events { totalCount }
      internal: node(id: $internal) { id }
      node(id: $id) {
        ... on Event {
          title kind startsAt endsAt placeInFrance sensitivity
          territory { code }
          project { title }
          circumscriptions { code }
          participants(first: 2, after: $after) {
            totalCount
            nodes { role actor { name } event { title } }
            pageInfo { hasNextPage endCursor }
          }
          speakers: participants(role: SPEAKER) { totalCount nodes { actor { name } } }
        }
      }
    }"#;
    let vars = |after: Value| {
        json!({
            "id": gid(NodeKind::Event, id),
            "internal": gid(NodeKind::Event, internal),
            "after": after,
        })
    };
    let data = app.data(query, vars(Value::Null)).await;
    assert_eq!(data["events"]["totalCount"], 1);
    assert_eq!(data["internal"], Value::Null);
    let event = &data["node"];
    assert_eq!(event["title"], "Rencontre");
    assert_eq!(event["territory"]["code"], "MA-FES");
    assert_eq!(event["placeInFrance"], Value::Null);
    assert_eq!(event["project"], Value::Null, "the project is INTERNAL");
    assert_eq!(event["circumscriptions"], json!([{ "code": "FES" }]));
    let participants = &event["participants"];
    assert_eq!(
        participants["totalCount"], 4,
        "the INTERNAL actor is left out"
    );
    assert_eq!(
        participants["nodes"],
        json!([
            { "role": "ORGANISER", "actor": { "name": "Acteur A" }, "event": { "title": "Rencontre" } },
            { "role": "SPEAKER", "actor": { "name": "Acteur B" }, "event": { "title": "Rencontre" } },
        ])
    );
    assert_eq!(participants["pageInfo"]["hasNextPage"], true);
    assert_eq!(event["speakers"]["totalCount"], 2);
    let after = participants["pageInfo"]["endCursor"].clone();
    let data = app.data(query, vars(after)).await;
    let participants = &data["node"]["participants"];
    let roles: Vec<&str> = participants["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["role"].as_str().unwrap())
        .collect();
    assert_eq!(roles, ["PARTICIPANT", "SPEAKER"]);
    assert_eq!(participants["pageInfo"]["hasNextPage"], false);

    let body = app
        .graphql(
            r#"query($id: ID!) { node(id: $id) { ... on Event { participants(first: 101) { totalCount } } } }"#,
            json!({ "id": gid(NodeKind::Event, id) }),
        )
        .await;
    assert_eq!(error_code(&body), "BAD_USER_INPUT");
    assert_eq!(body["errors"][0]["extensions"]["field"], "first");
}
