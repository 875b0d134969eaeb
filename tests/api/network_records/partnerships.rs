//! `partnerships`: paging, filters, nested members, agreements and projects, visibility, and
//! the statement cost of a nested query.

use partner_hub::domain::vocabulary::{
    AgreementKind, PartnershipKind, PartnershipStatus, Sensitivity, Side, Theme,
};
use partner_hub::graphql::relay::NodeKind;
use serde_json::{Value, json};

use super::fixtures::{Fixtures, NewPartnership, day};
use super::{gid, titles};
use crate::helpers::{error_code, spawn_app};

/// The 11 public partnerships of the reference data (`decentralised-partnerships.csv`).
const REFERENCE_PARTNERSHIPS: i64 = 11;

#[tokio::test]
async fn partnerships_page_forward_and_backward_with_their_total_count() {
    let app = spawn_app().await;
    let fx = Fixtures::new(&app.db);
    let french = fx.actor("Ville de Nexus", None, Sensitivity::Public).await;
    for i in 1..=5 {
        let title = format!("Nexus {i}");
        let mut new = NewPartnership::public(&title, vec![(french, Side::French)]);
        new.valid_from = (i % 2 == 0).then(|| day(&format!("201{i}-01-01")));
        fx.partnership(new).await;
    }
    let mut hidden = NewPartnership::public("Nexus interne", vec![(french, Side::French)]);
    hidden.sensitivity = Sensitivity::Internal;
    fx.partnership(hidden).await;
    let mut archived = NewPartnership::public("Nexus archivé", vec![(french, Side::French)]);
    archived.archived = true;
    fx.partnership(archived).await;

    let query = r#"query($first: Int, $after: String, $last: Int, $before: String) {
      all: partnerships { totalCount }
      withArchived: partnerships(filter: { search: "nexus", includeArchived: true }) { totalCount }
      page: partnerships(filter: { search: "NEXUS" }, first: $first, after: $after, last: $last, before: $before) {
        totalCount
        nodes { title }
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      }
    }"#;
    let data = app.data(query, json!({ "first": 2 })).await;
    assert_eq!(data["all"]["totalCount"], REFERENCE_PARTNERSHIPS + 5);
    assert_eq!(data["withArchived"]["totalCount"], 6);
    let page = &data["page"];
    assert_eq!(page["totalCount"], 5);
    assert_eq!(titles(page), ["Nexus 1", "Nexus 2"]);
    assert_eq!(page["pageInfo"]["hasNextPage"], true);
    assert_eq!(page["pageInfo"]["hasPreviousPage"], false);

    let mut seen = titles(page);
    let mut after = page["pageInfo"]["endCursor"].clone();
    loop {
        let data = app.data(query, json!({ "first": 2, "after": after })).await;
        seen.extend(titles(&data["page"]));
        if data["page"]["pageInfo"]["hasNextPage"] == false {
            break;
        }
        after = data["page"]["pageInfo"]["endCursor"].clone();
    }
    assert_eq!(
        seen,
        ["Nexus 1", "Nexus 2", "Nexus 3", "Nexus 4", "Nexus 5"]
    );

    let data = app.data(query, json!({ "last": 2 })).await;
    assert_eq!(titles(&data["page"]), ["Nexus 4", "Nexus 5"]);
    assert_eq!(data["page"]["pageInfo"]["hasPreviousPage"], true);
    let before = data["page"]["pageInfo"]["startCursor"].clone();
    let data = app
        .data(query, json!({ "last": 2, "before": before }))
        .await;
    assert_eq!(titles(&data["page"]), ["Nexus 2", "Nexus 3"]);
    let before = data["page"]["pageInfo"]["startCursor"].clone();
    let data = app
        .data(query, json!({ "last": 2, "before": before }))
        .await;
    assert_eq!(titles(&data["page"]), ["Nexus 1"]);
    assert_eq!(data["page"]["pageInfo"]["hasPreviousPage"], false);
    assert_eq!(data["page"]["pageInfo"]["hasNextPage"], true);

    // By start of validity, latest first: undated ones last (by id, descending too); cursors
    // page through it.
    let ordered = r#"query($after: String) {
      partnerships(filter: { search: "nexus" }, orderBy: { field: VALID_FROM, direction: DESC }, first: 3, after: $after) {
        nodes { title validFrom } pageInfo { endCursor }
      }
    }"#;
    let data = app.data(ordered, json!({})).await;
    assert_eq!(
        titles(&data["partnerships"]),
        ["Nexus 4", "Nexus 2", "Nexus 5"]
    );
    let after = data["partnerships"]["pageInfo"]["endCursor"].clone();
    let data = app.data(ordered, json!({ "after": after })).await;
    assert_eq!(titles(&data["partnerships"]), ["Nexus 3", "Nexus 1"]);

    let body = app.graphql(query, json!({ "first": 101 })).await;
    assert_eq!(error_code(&body), "BAD_USER_INPUT");
    assert_eq!(body["errors"][0]["extensions"]["field"], "first");
}

#[tokio::test]
async fn partnerships_filter_by_kind_status_theme_place_actor_dates_and_search() {
    let app = spawn_app().await;
    let fx = Fixtures::new(&app.db);
    let ifrane = fx
        .actor("Association d'Ifrane", Some("MA-IFR"), Sensitivity::Public)
        .await;
    let rabat = fx
        .actor("Association de Rabat", Some("MA-RAB"), Sensitivity::Public)
        .await;
    let french = fx
        .actor("Commune française", None, Sensitivity::Public)
        .await;
    fx.partnership(NewPartnership {
        themes: vec![Theme::Youth],
        valid_from: Some(day("2015-01-01")),
        valid_to: Some(day("2020-12-31")),
        ..NewPartnership::public(
            "Orbis Ifrane",
            vec![(french, Side::French), (ifrane, Side::Moroccan)],
        )
    })
    .await;
    fx.partnership(NewPartnership {
        kind: PartnershipKind::Institutional,
        status: PartnershipStatus::Planned,
        themes: vec![Theme::Climate, Theme::Gender],
        valid_from: Some(day("2019-06-01")),
        ..NewPartnership::public(
            "Orbis Rabat",
            vec![(french, Side::French), (rabat, Side::Moroccan)],
        )
    })
    .await;
    fx.partnership(NewPartnership {
        kind: PartnershipKind::NetworkMembership,
        status: PartnershipStatus::Dormant,
        ..NewPartnership::public("Orbis Réseau", vec![(french, Side::French)])
    })
    .await;

    let cases: Vec<(Value, Vec<&str>)> = vec![
        (json!({ "kinds": ["INSTITUTIONAL"] }), vec!["Orbis Rabat"]),
        (
            json!({ "statuses": ["ACTIVE", "DORMANT"] }),
            vec!["Orbis Ifrane", "Orbis Réseau"],
        ),
        (
            json!({ "themes": ["YOUTH", "GENDER"] }),
            vec!["Orbis Ifrane", "Orbis Rabat"],
        ),
        // A member seated in a province is found by its region's code.
        (json!({ "territory": "MA-03" }), vec!["Orbis Ifrane"]),
        (json!({ "territory": "ma-ifr" }), vec!["Orbis Ifrane"]),
        (json!({ "territory": "MA-04" }), vec!["Orbis Rabat"]),
        (json!({ "circumscription": "fes" }), vec!["Orbis Ifrane"]),
        (json!({ "circumscription": "RABAT" }), vec!["Orbis Rabat"]),
        (
            json!({ "actor": gid(NodeKind::Actor, french) }),
            vec!["Orbis Ifrane", "Orbis Rabat", "Orbis Réseau"],
        ),
        (
            json!({ "actor": gid(NodeKind::Actor, ifrane) }),
            vec!["Orbis Ifrane"],
        ),
        (json!({ "activeOn": "2018-01-01" }), vec!["Orbis Ifrane"]),
        (
            json!({ "activeOn": "2019-06-01" }),
            vec!["Orbis Ifrane", "Orbis Rabat"],
        ),
        (json!({ "activeOn": "2021-01-01" }), vec!["Orbis Rabat"]),
        (json!({ "startsAfter": "2016-01-01" }), vec!["Orbis Rabat"]),
        (
            json!({ "startsBefore": "2016-01-01" }),
            vec!["Orbis Ifrane"],
        ),
        (
            json!({ "startsAfter": "2015-01-01", "startsBefore": "2019-06-01" }),
            vec!["Orbis Ifrane", "Orbis Rabat"],
        ),
        (json!({ "search": "ORBIS RESEAU" }), vec!["Orbis Réseau"]),
    ];
    let query = r#"query($filter: PartnershipFilter) {
      partnerships(filter: $filter) { totalCount nodes { title } }
    }"#;
    for (filter, expected) in cases {
        let mut filter = filter;
        if filter.get("search").is_none() {
            filter["search"] = json!("orbis");
        }
        let data = app.data(query, json!({ "filter": filter })).await;
        assert_eq!(titles(&data["partnerships"]), expected, "filter {filter}");
        assert_eq!(
            data["partnerships"]["totalCount"],
            expected.len(),
            "filter {filter}"
        );
    }

    // Without the search, the territory filter also finds the reference partnerships whose
    // Moroccan member is the Fès-Meknès region itself.
    let data = app
        .data(query, json!({ "filter": { "territory": "MA-03" } }))
        .await;
    assert!(titles(&data["partnerships"]).contains(&"Orbis Ifrane".to_owned()));
    assert!(data["partnerships"]["totalCount"].as_i64().unwrap() > 1);

    for (filter, field) in [
        (json!({ "territory": "MA-99" }), "filter.territory"),
        (
            json!({ "actor": gid(NodeKind::Project, french) }),
            "filter.actor",
        ),
    ] {
        let body = app.graphql(query, json!({ "filter": filter })).await;
        assert_eq!(error_code(&body), "BAD_USER_INPUT", "{body}");
        assert_eq!(body["errors"][0]["extensions"]["field"], field);
    }
}

#[tokio::test]
async fn internal_partnerships_and_members_are_hidden_from_lists_counts_edges_and_node() {
    let app = spawn_app().await;
    let fx = Fixtures::new(&app.db);
    let public = fx
        .actor("Association visible", Some("MA-IFR"), Sensitivity::Public)
        .await;
    let hidden = fx
        .actor("Association cachée", Some("MA-AGD"), Sensitivity::Internal)
        .await;
    let shown = fx
        .partnership(NewPartnership::public(
            "Veil publique",
            vec![(public, Side::Moroccan), (hidden, Side::Moroccan)],
        ))
        .await;
    let internal = fx
        .partnership(NewPartnership {
            sensitivity: Sensitivity::Internal,
            ..NewPartnership::public("Veil interne", vec![(public, Side::Moroccan)])
        })
        .await;

    let data = app
        .data(
            r#"query($shown: ID!, $internal: ID!, $hidden: ID!) {
              list: partnerships(filter: { search: "veil" }) {
                totalCount
                nodes { title members { totalCount nodes { actor { name } } } }
              }
              byHiddenActor: partnerships(filter: { actor: $hidden }) { totalCount }
              byHiddenSeat: partnerships(filter: { territory: "MA-09", search: "veil" }) { totalCount }
              shown: node(id: $shown) { ... on Partnership { title sensitivity } }
              internal: node(id: $internal) { id }
              both: nodes(ids: [$shown, $internal]) { id }
            }"#,
            json!({
                "shown": gid(NodeKind::Partnership, shown),
                "internal": gid(NodeKind::Partnership, internal),
                "hidden": gid(NodeKind::Actor, hidden),
            }),
        )
        .await;
    assert_eq!(data["list"]["totalCount"], 1);
    assert_eq!(titles(&data["list"]), ["Veil publique"]);
    let members = &data["list"]["nodes"][0]["members"];
    assert_eq!(
        members["totalCount"], 1,
        "the INTERNAL member is not counted"
    );
    assert_eq!(members["nodes"][0]["actor"]["name"], "Association visible");
    assert_eq!(data["byHiddenActor"]["totalCount"], 0);
    assert_eq!(data["byHiddenSeat"]["totalCount"], 0);
    assert_eq!(data["shown"]["title"], "Veil publique");
    assert_eq!(data["shown"]["sensitivity"], "PUBLIC");
    assert_eq!(data["internal"], Value::Null);
    assert_eq!(data["both"][0]["id"], gid(NodeKind::Partnership, shown));
    assert_eq!(data["both"][1], Value::Null);
}

#[tokio::test]
async fn partnership_members_agreements_and_projects_are_nested() {
    let app = spawn_app().await;
    let fx = Fixtures::new(&app.db);
    let paris = fx.actor("Ville de Paris", None, Sensitivity::Public).await;
    let lyon = fx.actor("Ville de Lyon", None, Sensitivity::Public).await;
    let fes = fx
        .actor("Commune de Fès", Some("MA-FES"), Sensitivity::Public)
        .await;
    let secret = fx
        .actor("Partenaire interne", None, Sensitivity::Internal)
        .await;
    let project = fx.project("Projet visible", Sensitivity::Public).await;
    let internal_project = fx.project("Projet interne", Sensitivity::Internal).await;
    let id = fx
        .partnership(NewPartnership {
            title_ar: Some("شراكة"),
            themes: vec![Theme::Youth, Theme::Climate],
            valid_from: Some(day("2016-04-20")),
            agreements: vec![
                (AgreementKind::Convention, None),
                (AgreementKind::FrameworkAgreement, Some(day("2016-04-20"))),
            ],
            projects: vec![internal_project, project],
            ..NewPartnership::public(
                "Coopération Fès — Paris — Lyon",
                vec![
                    (fes, Side::Moroccan),
                    (secret, Side::French),
                    (paris, Side::French),
                    (lyon, Side::French),
                ],
            )
        })
        .await;

    let query = r#"query($id: ID!, $first: Int, $after: String) {
      node(id: $id) {
        ... on Partnership {
          title ar: title(lang: AR) kind status validFrom validFromPrecision validTo themes source assertedBy
          archived version createdAt
          circumscriptions { code }
          agreements { kind signedOn signedOnPrecision periodStart }
          members(first: $first, after: $after) {
            totalCount
            nodes { side role actor { name } }
            pageInfo { hasNextPage endCursor }
          }
          projects { totalCount nodes { title } }
        }
      }
    }"#;
    let vars = json!({ "id": gid(NodeKind::Partnership, id), "first": 2 });
    let data = app.data(query, vars).await;
    let p = &data["node"];
    assert_eq!(p["ar"], "شراكة");
    assert_eq!(p["kind"], "DECENTRALISED_COOPERATION");
    assert_eq!(p["validFrom"], "2016-04-20");
    assert_eq!(p["validFromPrecision"], "DAY");
    assert_eq!(p["validTo"], Value::Null);
    assert_eq!(p["themes"], json!(["CLIMATE", "YOUTH"]));
    assert_eq!(p["circumscriptions"], json!([{ "code": "FES" }]));
    assert_eq!(p["archived"], false);
    assert_eq!(p["version"], 1);
    assert_eq!(
        p["agreements"],
        json!([
            { "kind": "FRAMEWORK_AGREEMENT", "signedOn": "2016-04-20", "signedOnPrecision": "DAY", "periodStart": null },
            { "kind": "CONVENTION", "signedOn": null, "signedOnPrecision": null, "periodStart": null },
        ])
    );
    let members = &p["members"];
    assert_eq!(members["totalCount"], 3);
    assert_eq!(
        members["nodes"],
        json!([
            { "side": "FRENCH", "role": null, "actor": { "name": "Ville de Paris" } },
            { "side": "FRENCH", "role": null, "actor": { "name": "Ville de Lyon" } },
        ])
    );
    assert_eq!(members["pageInfo"]["hasNextPage"], true);
    let after = members["pageInfo"]["endCursor"].clone();
    let data = app
        .data(
            query,
            json!({ "id": gid(NodeKind::Partnership, id), "first": 2, "after": after }),
        )
        .await;
    let members = &data["node"]["members"];
    assert_eq!(members["nodes"][0]["actor"]["name"], "Commune de Fès");
    assert_eq!(members["nodes"][0]["side"], "MOROCCAN");
    assert_eq!(members["pageInfo"]["hasNextPage"], false);
    assert_eq!(data["node"]["projects"]["totalCount"], 1);
    assert_eq!(titles(&data["node"]["projects"]), ["Projet visible"]);

    let body = app
        .graphql(
            query,
            json!({ "id": gid(NodeKind::Partnership, id), "first": 101 }),
        )
        .await;
    assert_eq!(error_code(&body), "BAD_USER_INPUT", "{body}");
    assert_eq!(body["errors"][0]["extensions"]["field"], "first");
}
