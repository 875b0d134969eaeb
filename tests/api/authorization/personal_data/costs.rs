//! What personal data costs in SQL statements: the same query over 3 and over 30 actors
//! (events) sends exactly as many statements — contact points, people and attendees go
//! through DataLoaders and are filtered by the policy inside the query, for every parent at
//! once.

use chrono::Utc;
use partner_hub::domain::vocabulary::{ActorKind, ContactKind, EventKind, RecordType};
use partner_hub::entities::{contact_point, event, event_attendee, person};
use partner_hub::search::search_key;
use partner_hub::services::scope;
use sea_orm::{ActiveModelTrait, Set};
use serde_json::{Value, json};

use crate::fixtures::{NewActor, insert_actor, territory_id};
use crate::helpers::{TestApp, spawn_app};

const ACTORS: &str = r#"query($search: String) {
  actors(filter: { search: $search }, first: 50) {
    totalCount
    nodes {
      name
      contactPoints { value institutional }
      people(first: 1) { totalCount nodes { name contactPoints { value } } }
    }
  }
}"#;

const EVENTS: &str = r#"query($search: String) {
  events(filter: { search: $search }, first: 50) {
    totalCount
    nodes {
      title
      attendeeCount
      attendees(first: 1) {
        totalCount
        nodes { person { name contactPoints { value } } representing { name } }
      }
    }
  }
}"#;

async fn contact(app: &TestApp, actor: Option<i64>, person: Option<i64>, value: &str, inst: bool) {
    let now = Utc::now();
    contact_point::ActiveModel {
        actor_id: Set(actor),
        person_id: Set(person),
        kind: Set(ContactKind::Email),
        value: Set(value.to_owned()),
        institutional: Set(inst),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&app.db.writer)
    .await
    .unwrap();
}

/// `n` associations in Fès named after `marker`, each with an institutional and a private
/// contact point and two people with an e-mail each; and `n` public events in Fès, each
/// attended by one association's two people.
async fn network(app: &TestApp, marker: &str, n: usize) {
    let fes = territory_id(&app.db, "MA-FES").await;
    for i in 0..n {
        let name = format!("{marker} {i:02}");
        let actor = insert_actor(
            &app.db,
            NewActor {
                seat: Some("MA-FES"),
                ..NewActor::public(ActorKind::Association, &name)
            },
        )
        .await;
        contact(
            app,
            Some(actor),
            None,
            &format!("contact{i}@{marker}.ma"),
            true,
        )
        .await;
        contact(
            app,
            Some(actor),
            None,
            &format!("direction{i}@{marker}.ma"),
            false,
        )
        .await;
        let now = Utc::now();
        let event = event::ActiveModel {
            kind: Set(EventKind::TrainingSession),
            title_fr: Set(name.clone()),
            starts_at: Set(now),
            territory_id: Set(Some(fes)),
            sensitivity: Set(partner_hub::domain::vocabulary::Sensitivity::Public),
            search_key: Set(search_key([name.as_str()])),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&app.db.writer)
        .await
        .unwrap()
        .id;
        scope::recompute(&app.db.writer, RecordType::Event, event)
            .await
            .unwrap();
        for given in ["Amina", "Karim"] {
            let person = person::ActiveModel {
                given_name: Set(given.to_owned()),
                family_name: Set(name.clone()),
                organisation_id: Set(Some(actor)),
                version: Set(1),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(&app.db.writer)
            .await
            .unwrap()
            .id;
            contact(
                app,
                None,
                Some(person),
                &format!("{given}{i}@{marker}.ma"),
                false,
            )
            .await;
            event_attendee::ActiveModel {
                event_id: Set(event),
                person_id: Set(person),
                representing_actor_id: Set(Some(actor)),
                ..Default::default()
            }
            .insert(&app.db.writer)
            .await
            .unwrap();
        }
    }
}

/// Statements `query` costs as `token` for the search "trio" (3 records) and "trente" (30),
/// after a warm-up request; checks each answer with `check(list, n)`.
async fn costs(app: &TestApp, token: Option<&str>, query: &str, check: impl Fn(&Value, usize)) {
    let run = |search: &'static str| async move {
        let variables = json!({ "search": search });
        match token {
            Some(token) => app.data_as(token, query, variables).await,
            None => app.data(query, variables).await,
        }
    };
    run("trio").await;
    let mut costs = Vec::new();
    for (search, n) in [("trio", 3), ("trente", 30)] {
        let before = app.sql_statements();
        let data = run(search).await;
        costs.push(app.sql_statements() - before);
        let list = data.as_object().unwrap().values().next().unwrap();
        assert_eq!(list["totalCount"], n, "{list}");
        check(list, n);
    }
    assert_eq!(
        costs[0], costs[1],
        "statements for 3 and for 30 ({token:?}): {costs:?}"
    );
}

fn nodes(list: &Value) -> &Vec<Value> {
    list["nodes"].as_array().unwrap()
}

#[tokio::test]
async fn contact_points_and_people_of_3_and_30_actors_cost_the_same_statements() {
    let app = spawn_app().await;
    network(&app, "Trio", 3).await;
    network(&app, "Trente", 30).await;

    let officer = app.token("OFFICER", Some("FES"), None);
    costs(&app, Some(&officer), ACTORS, |list, n| {
        assert_eq!(nodes(list).len(), n);
        for actor in nodes(list) {
            assert_eq!(
                actor["contactPoints"].as_array().unwrap().len(),
                2,
                "{actor}"
            );
            assert_eq!(actor["people"]["totalCount"], 2, "{actor}");
            let people = actor["people"]["nodes"].as_array().unwrap();
            assert_eq!(people.len(), 1, "{actor}");
            assert_eq!(people[0]["contactPoints"].as_array().unwrap().len(), 1);
        }
    })
    .await;
    costs(&app, None, ACTORS, |list, _| {
        for actor in nodes(list) {
            assert_eq!(
                actor["contactPoints"],
                json!([{ "value": actor["contactPoints"][0]["value"], "institutional": true }]),
                "{actor}"
            );
            assert_eq!(actor["people"], json!({ "totalCount": 0, "nodes": [] }));
        }
    })
    .await;
}

#[tokio::test]
async fn attendees_of_3_and_30_events_cost_the_same_statements() {
    let app = spawn_app().await;
    network(&app, "Trio", 3).await;
    network(&app, "Trente", 30).await;

    let officer = app.token("OFFICER", Some("FES"), None);
    costs(&app, Some(&officer), EVENTS, |list, n| {
        assert_eq!(nodes(list).len(), n);
        for event in nodes(list) {
            assert_eq!(event["attendeeCount"], 2, "{event}");
            assert_eq!(event["attendees"]["totalCount"], 2, "{event}");
            let attendee = &event["attendees"]["nodes"][0];
            assert_eq!(attendee["representing"]["name"], event["title"], "{event}");
            assert_eq!(
                attendee["person"]["contactPoints"]
                    .as_array()
                    .unwrap()
                    .len(),
                1
            );
        }
    })
    .await;
    let rabat = app.token("OFFICER", Some("RABAT"), None);
    costs(&app, Some(&rabat), EVENTS, |list, _| {
        for event in nodes(list) {
            assert_eq!(event["attendeeCount"], 2, "{event}");
            assert_eq!(event["attendees"], json!({ "totalCount": 0, "nodes": [] }));
        }
    })
    .await;
}
