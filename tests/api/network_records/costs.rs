//! The cost of a nested query in SQL statements: the same query over 3 and over 30 records
//! sends exactly the same number of statements (every relation goes through a DataLoader, and
//! nested pages are taken for all parents at once).

use partner_hub::domain::vocabulary::{AgreementKind, EventRole, Sensitivity, Side, Theme};
use serde_json::json;

use super::fixtures::{Fixtures, NewEvent, NewExchange, NewPartnership, day};
use crate::helpers::spawn_app;

#[tokio::test]
async fn a_nested_partnership_query_costs_the_same_statements_for_3_and_30_partnerships() {
    let app = spawn_app().await;
    let fx = Fixtures::new(&app.db);
    let french = fx
        .actor("Région française", None, Sensitivity::Public)
        .await;
    let project = fx.project("Projet commun", Sensitivity::Public).await;
    for (marker, n) in [("Trio", 3), ("Trente", 30)] {
        for i in 0..n {
            let moroccan = fx
                .actor(
                    &format!("Commune {marker} {i}"),
                    Some("MA-FES"),
                    Sensitivity::Public,
                )
                .await;
            let title = format!("{marker} {i:02}");
            fx.partnership(NewPartnership {
                themes: vec![Theme::Youth],
                agreements: vec![(AgreementKind::Convention, Some(day("2020-01-01")))],
                projects: vec![project],
                ..NewPartnership::public(
                    &title,
                    vec![(french, Side::French), (moroccan, Side::Moroccan)],
                )
            })
            .await;
        }
    }
    let query = r#"query($search: String) {
      partnerships(filter: { search: $search }, first: 50) {
        totalCount
        nodes {
          id title themes validFrom
          circumscriptions { code }
          agreements { kind signedOn }
          members(first: 1) { totalCount nodes { side actor { name seat { code } } } }
          projects(first: 5) { totalCount nodes { title } }
        }
      }
    }"#;
    // A first request warms up whatever is done once per process.
    app.data(query, json!({ "search": "trio" })).await;
    let mut costs = Vec::new();
    for (search, n) in [("trio", 3), ("trente", 30)] {
        let before = app.sql_statements();
        let data = app.data(query, json!({ "search": search })).await;
        costs.push(app.sql_statements() - before);
        let list = &data["partnerships"];
        assert_eq!(list["totalCount"], n);
        for node in list["nodes"].as_array().unwrap() {
            assert_eq!(node["members"]["totalCount"], 2);
            assert_eq!(node["members"]["nodes"].as_array().unwrap().len(), 1);
            assert_eq!(node["members"]["nodes"][0]["side"], "FRENCH");
            assert_eq!(node["projects"]["totalCount"], 1);
            assert_eq!(node["agreements"][0]["kind"], "CONVENTION");
        }
    }
    assert_eq!(costs[0], costs[1], "statements for 3 and for 30: {costs:?}");
}

#[tokio::test]
async fn a_nested_event_query_costs_the_same_statements_for_3_and_30_events() {
    let app = spawn_app().await;
    let fx = Fixtures::new(&app.db);
    let organiser = fx
        .actor("Organisateur commun", None, Sensitivity::Public)
        .await;
    let project = fx.project("Projet commun", Sensitivity::Public).await;
    for (marker, n) in [("Trio", 3), ("Trente", 30)] {
        for i in 0..n {
            let guest = fx
                .actor(
                    &format!("Invité {marker} {i}"),
                    Some("MA-RAB"),
                    Sensitivity::Public,
                )
                .await;
            let title = format!("{marker} {i:02}");
            fx.event(NewEvent {
                territory: Some("MA-RAB"),
                project: Some(project),
                ..NewEvent::public(
                    &title,
                    "2025-06-01T09:00:00Z",
                    vec![
                        (organiser, EventRole::Organiser),
                        (guest, EventRole::Participant),
                    ],
                )
            })
            .await;
        }
    }
    let query = r#"query($search: String) {
      events(filter: { search: $search }, first: 50) {
        totalCount
        nodes {
          id title startsAt
          territory { code }
          project { title }
          circumscriptions { code }
          participants(first: 1) { totalCount nodes { role actor { name } } }
          guests: participants(role: PARTICIPANT) { totalCount }
        }
      }
    }"#;
    app.data(query, json!({ "search": "trio" })).await;
    let mut costs = Vec::new();
    for (search, n) in [("trio", 3), ("trente", 30)] {
        let before = app.sql_statements();
        let data = app.data(query, json!({ "search": search })).await;
        costs.push(app.sql_statements() - before);
        assert_eq!(data["events"]["totalCount"], n);
        for node in data["events"]["nodes"].as_array().unwrap() {
            assert_eq!(node["participants"]["totalCount"], 2);
            assert_eq!(node["participants"]["nodes"][0]["role"], "ORGANISER");
            assert_eq!(node["guests"]["totalCount"], 1);
            assert_eq!(node["project"]["title"], "Projet commun");
        }
    }
    assert_eq!(costs[0], costs[1], "statements for 3 and for 30: {costs:?}");
}

#[tokio::test]
async fn a_page_of_exchanges_loads_all_its_parties_in_the_same_statements_for_3_and_30() {
    let app = spawn_app().await;
    let fx = Fixtures::new(&app.db);
    let expert = fx.actor("Expert commun", None, Sensitivity::Public).await;
    let project = fx.project("Projet commun", Sensitivity::Public).await;
    for (marker, n) in [("Trio", 3), ("Trente", 30)] {
        for i in 0..n {
            let beneficiary = fx
                .actor(
                    &format!("Bénéficiaire {marker} {i}"),
                    Some("MA-FES"),
                    Sensitivity::Public,
                )
                .await;
            let title = format!("{marker} {i:02}");
            fx.exchange(NewExchange {
                project: Some(project),
                ..NewExchange::public(&title, vec![expert], vec![beneficiary])
            })
            .await;
        }
    }
    let query = r#"query($search: String) {
      exchanges(filter: { search: $search }, first: 50) {
        totalCount
        nodes {
          id title
          providers { name }
          beneficiaries { name seat { code } }
          project { title }
          circumscriptions { code }
        }
      }
    }"#;
    app.data(query, json!({ "search": "trio" })).await;
    let mut costs = Vec::new();
    for (search, n) in [("trio", 3), ("trente", 30)] {
        let before = app.sql_statements();
        let data = app.data(query, json!({ "search": search })).await;
        costs.push(app.sql_statements() - before);
        assert_eq!(data["exchanges"]["totalCount"], n);
        for node in data["exchanges"]["nodes"].as_array().unwrap() {
            assert_eq!(node["providers"], json!([{ "name": "Expert commun" }]));
            assert_eq!(node["beneficiaries"].as_array().unwrap().len(), 1);
            assert_eq!(node["circumscriptions"], json!([{ "code": "FES" }]));
        }
    }
    assert_eq!(costs[0], costs[1], "statements for 3 and for 30: {costs:?}");
}
