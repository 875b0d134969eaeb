//! `exchanges`: paging, filters, providers and beneficiaries, visibility, and the statement
//! cost of a page of exchanges with their parties.

use partner_hub::domain::vocabulary::{ExchangeKind, Instrument, Sensitivity, Theme};
use partner_hub::graphql::relay::NodeKind;
use serde_json::{Value, json};

use super::fixtures::{Fixtures, NewExchange, day};
use super::{gid, titles};
use crate::helpers::{error_code, spawn_app};

#[tokio::test]
async fn exchanges_come_latest_first_undated_last_and_page_both_ways() {
    let app = spawn_app().await;
    let fx = Fixtures::new(&app.db);
    let expert = fx.actor("Agence experte", None, Sensitivity::Public).await;
    for i in 1..=4 {
        let title = format!("Mission {i}");
        fx.exchange(NewExchange {
            starts_on: Some(day(&format!("2024-0{i}-15"))),
            ..NewExchange::public(&title, vec![expert], vec![])
        })
        .await;
    }
    fx.exchange(NewExchange::public(
        "Mission sans date",
        vec![expert],
        vec![],
    ))
    .await;
    fx.exchange(NewExchange {
        sensitivity: Sensitivity::Internal,
        ..NewExchange::public("Mission interne", vec![expert], vec![])
    })
    .await;

    let query = r#"query($first: Int, $after: String, $last: Int, $before: String, $order: ExchangeOrder) {
      exchanges(orderBy: $order, first: $first, after: $after, last: $last, before: $before) {
        totalCount
        nodes { title startsOn }
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      }
    }"#;
    let data = app.data(query, json!({ "first": 2 })).await;
    assert_eq!(data["exchanges"]["totalCount"], 5);
    assert_eq!(titles(&data["exchanges"]), ["Mission 4", "Mission 3"]);
    assert_eq!(data["exchanges"]["nodes"][0]["startsOn"], "2024-04-15");
    let mut seen = titles(&data["exchanges"]);
    let mut after = data["exchanges"]["pageInfo"]["endCursor"].clone();
    while !after.is_null() {
        let data = app.data(query, json!({ "first": 2, "after": after })).await;
        seen.extend(titles(&data["exchanges"]));
        after = match data["exchanges"]["pageInfo"]["hasNextPage"].as_bool() {
            Some(true) => data["exchanges"]["pageInfo"]["endCursor"].clone(),
            _ => Value::Null,
        };
    }
    assert_eq!(
        seen,
        [
            "Mission 4",
            "Mission 3",
            "Mission 2",
            "Mission 1",
            "Mission sans date"
        ]
    );

    let data = app.data(query, json!({ "last": 3 })).await;
    assert_eq!(
        titles(&data["exchanges"]),
        ["Mission 2", "Mission 1", "Mission sans date"]
    );
    let before = data["exchanges"]["pageInfo"]["startCursor"].clone();
    let data = app
        .data(query, json!({ "last": 3, "before": before }))
        .await;
    assert_eq!(titles(&data["exchanges"]), ["Mission 4", "Mission 3"]);
    assert_eq!(data["exchanges"]["pageInfo"]["hasPreviousPage"], false);

    let ascending = json!({ "order": { "field": "STARTS_ON", "direction": "ASC" }, "first": 2 });
    let data = app.data(query, ascending).await;
    assert_eq!(
        titles(&data["exchanges"]),
        ["Mission sans date", "Mission 1"]
    );
}

#[tokio::test]
async fn exchanges_filter_by_kind_instrument_theme_sector_place_actor_direction_project_dates_and_search()
 {
    let app = spawn_app().await;
    let fx = Fixtures::new(&app.db);
    let french = fx.actor("Expert français", None, Sensitivity::Public).await;
    let ifrane = fx
        .actor("Commune d'Ifrane", Some("MA-IFR"), Sensitivity::Public)
        .await;
    let rabat = fx
        .actor("Ministère à Rabat", Some("MA-RAB"), Sensitivity::Public)
        .await;
    let project = fx.project("Projet public", Sensitivity::Public).await;
    let internal_project = fx.project("Projet interne", Sensitivity::Internal).await;
    fx.exchange(NewExchange {
        starts_on: Some(day("2024-03-01")),
        theme: Some(Theme::Decentralisation),
        instrument: Some(Instrument::Mission),
        dac_code: Some("15112"),
        project: Some(project),
        ..NewExchange::public("Mission à Ifrane", vec![french], vec![ifrane])
    })
    .await;
    // Rabat hosts a study visit for Ifrane: Rabat provides, Ifrane receives.
    fx.exchange(NewExchange {
        kind: ExchangeKind::StudyVisit,
        starts_on: Some(day("2024-06-01")),
        theme: Some(Theme::Youth),
        instrument: Some(Instrument::Invitation),
        project: Some(internal_project),
        ..NewExchange::public("Visite d'étude à Rabat", vec![rabat], vec![ifrane])
    })
    .await;
    fx.exchange(NewExchange {
        kind: ExchangeKind::TrainingGrant,
        starts_on: Some(day("2024-09-01")),
        dac_code: Some("15150"),
        ..NewExchange::public("Bourse de formation", vec![french], vec![rabat])
    })
    .await;

    let ifrane_id = gid(NodeKind::Actor, ifrane);
    let rabat_id = gid(NodeKind::Actor, rabat);
    let cases: Vec<(Value, Vec<&str>)> = vec![
        (
            json!({ "kinds": ["STUDY_VISIT", "TRAINING_GRANT"] }),
            vec!["Bourse de formation", "Visite d'étude à Rabat"],
        ),
        (
            json!({ "instruments": ["MISSION"] }),
            vec!["Mission à Ifrane"],
        ),
        (
            json!({ "themes": ["YOUTH"] }),
            vec!["Visite d'étude à Rabat"],
        ),
        (
            json!({ "dacCodes": ["15150"] }),
            vec!["Bourse de formation"],
        ),
        // The territory of a beneficiary, not of a provider.
        (
            json!({ "territory": "MA-03" }),
            vec!["Visite d'étude à Rabat", "Mission à Ifrane"],
        ),
        (json!({ "territory": "MA-04" }), vec!["Bourse de formation"]),
        (
            json!({ "circumscription": "rabat" }),
            vec!["Bourse de formation"],
        ),
        (
            json!({ "actor": rabat_id }),
            vec!["Bourse de formation", "Visite d'étude à Rabat"],
        ),
        (
            json!({ "actor": rabat_id, "direction": "PROVIDED" }),
            vec!["Visite d'étude à Rabat"],
        ),
        (
            json!({ "actor": rabat_id, "direction": "RECEIVED" }),
            vec!["Bourse de formation"],
        ),
        (
            json!({ "actor": ifrane_id, "direction": "PROVIDED" }),
            vec![],
        ),
        (
            json!({ "project": gid(NodeKind::Project, project) }),
            vec!["Mission à Ifrane"],
        ),
        (
            json!({ "project": gid(NodeKind::Project, internal_project) }),
            vec![],
        ),
        (
            json!({ "startsAfter": "2024-06-01", "startsBefore": "2024-09-01" }),
            vec!["Bourse de formation", "Visite d'étude à Rabat"],
        ),
        (
            json!({ "startsBefore": "2024-05-31" }),
            vec!["Mission à Ifrane"],
        ),
        (
            json!({ "search": "visite D'ETUDE" }),
            vec!["Visite d'étude à Rabat"],
        ),
    ];
    let query = r#"query($filter: ExchangeFilter) {
      exchanges(filter: $filter) { totalCount nodes { title } }
    }"#;
    for (filter, expected) in cases {
        let data = app.data(query, json!({ "filter": filter })).await;
        assert_eq!(titles(&data["exchanges"]), expected, "filter {filter}");
        assert_eq!(data["exchanges"]["totalCount"], expected.len(), "{filter}");
    }
    let body = app
        .graphql(query, json!({ "filter": { "actor": "not an id" } }))
        .await;
    assert_eq!(error_code(&body), "BAD_USER_INPUT");
    assert_eq!(body["errors"][0]["extensions"]["field"], "filter.actor");
}

#[tokio::test]
async fn exchange_parties_leave_out_internal_actors_and_internal_exchanges_are_hidden() {
    let app = spawn_app().await;
    let fx = Fixtures::new(&app.db);
    let french = fx.actor("Expert public", None, Sensitivity::Public).await;
    let secret = fx
        .actor("Expert interne", None, Sensitivity::Internal)
        .await;
    let fes = fx
        .actor("Commune de Fès", Some("MA-FES"), Sensitivity::Public)
        .await;
    let hidden_beneficiary = fx
        .actor(
            "Bénéficiaire interne",
            Some("MA-AGD"),
            Sensitivity::Internal,
        )
        .await;
    let project = fx.project("Projet d'appui", Sensitivity::Public).await;
    let id = fx
        .exchange(NewExchange {
            theme: Some(Theme::Decentralisation),
            instrument: Some(Instrument::Mission),
            dac_code: Some("15112"),
            project: Some(project),
            starts_on: Some(day("2024-03-01")),
            ..NewExchange::public(
                "Jumelage",
                vec![secret, french],
                vec![hidden_beneficiary, fes],
            )
        })
        .await;
    let internal = fx
        .exchange(NewExchange {
            sensitivity: Sensitivity::Internal,
            ..NewExchange::public("Jumelage interne", vec![french], vec![fes])
        })
        .await;

    let data = app
        .data(
            r#"query($id: ID!, $internal: ID!, $secret: ID!) {
              exchanges { totalCount nodes { title } }
              bySecret: exchanges(filter: { actor: $secret }) { totalCount }
              byHiddenSeat: exchanges(filter: { territory: "MA-09" }) { totalCount }
              internal: node(id: $internal) { id }
              node(id: $id) {
                ... on Exchange {
                  kind title startsOn endsOn theme dacCode participantCount instrument sensitivity archived version
                  project { title }
                  providers { name }
                  beneficiaries { name ... on Association { seat { code } } }
                  circumscriptions { code }
                }
              }
            }"#,
            json!({
                "id": gid(NodeKind::Exchange, id),
                "internal": gid(NodeKind::Exchange, internal),
                "secret": gid(NodeKind::Actor, secret),
            }),
        )
        .await;
    assert_eq!(data["exchanges"]["totalCount"], 1);
    assert_eq!(titles(&data["exchanges"]), ["Jumelage"]);
    assert_eq!(data["bySecret"]["totalCount"], 0);
    assert_eq!(data["byHiddenSeat"]["totalCount"], 0);
    assert_eq!(data["internal"], Value::Null);
    let exchange = &data["node"];
    assert_eq!(exchange["kind"], "EXPERTISE_MISSION");
    assert_eq!(exchange["startsOn"], "2024-03-01");
    assert_eq!(exchange["theme"], "DECENTRALISATION");
    assert_eq!(exchange["dacCode"], "15112");
    assert_eq!(exchange["participantCount"], 3);
    assert_eq!(exchange["instrument"], "MISSION");
    assert_eq!(exchange["project"]["title"], "Projet d'appui");
    assert_eq!(exchange["providers"], json!([{ "name": "Expert public" }]));
    assert_eq!(
        exchange["beneficiaries"],
        json!([{ "name": "Commune de Fès", "seat": { "code": "MA-FES" } }])
    );
}
