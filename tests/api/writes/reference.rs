//! Writes: reference data (administrators only) — territories and the coverage of
//! circumscriptions, whose changes move records between circumscriptions in the same
//! transaction. Territories are in `reference/territories.rs`; the agreement of the set-based
//! recomputation with the per-record one in `reference/consistency.rs`.

mod consistency;
mod territories;

use partner_hub::domain::vocabulary::{ActorKind, Sensitivity};
use partner_hub::graphql::relay::{GlobalId, NodeKind};
use serde_json::{Value, json};

use crate::fixtures::{NewActor, NewProject, insert_actor, insert_project};
use crate::helpers::{TestApp, error_code, spawn_app};
use crate::writes::people::{count, field, footprint as people_footprint, last_entry};

const SET: &str = r#"mutation($input: SetCircumscriptionCoverageInput!) {
  setCircumscriptionCoverage(input: $input) { circumscription { code version
    coverage { territory { code } confidence validFrom validTo evidence } } }
}"#;

const CONFIRM: &str = r#"mutation($input: ConfirmCircumscriptionCoverageInput!) {
  confirmCircumscriptionCoverage(input: $input) { circumscription { version
    coverage { territory { code } confidence } } }
}"#;

const PROJECT: &str = r#"query($id: ID!) { node(id: $id) { ... on Project { id
  circumscriptions { code } } } }"#;

fn gid(kind: NodeKind, id: i64) -> String {
    GlobalId::new(kind, id).encode().to_string()
}

/// The circumscription's current version.
pub(super) async fn version(app: &TestApp, code: &str) -> i64 {
    let data = app
        .data(
            r#"query($code: String!) { circumscription(code: $code) { version } }"#,
            json!({ "code": code }),
        )
        .await;
    data["circumscription"]["version"].as_i64().unwrap()
}

/// Rows of every table a reference write touches.
pub(super) async fn footprint(app: &TestApp) -> Vec<i64> {
    let mut counts = people_footprint(app).await;
    for table in ["territories", "circumscription_coverage"] {
        counts.push(count(app, table).await);
    }
    counts
}

/// Whether an officer of `circumscription` sees the project.
async fn officer_sees(app: &TestApp, circumscription: &str, project: &str) -> bool {
    let token = app.token("OFFICER", Some(circumscription), None);
    !app.data_as(&token, PROJECT, json!({ "id": project })).await["node"].is_null()
}

async fn set(app: &TestApp, input: Value) -> Value {
    let admin = app.token("ADMIN", None, None);
    app.data_as(&admin, SET, json!({ "input": input })).await["setCircumscriptionCoverage"]
        ["circumscription"]
        .clone()
}

#[tokio::test]
async fn moving_a_territory_s_coverage_moves_what_officers_see_at_once() {
    let app = spawn_app().await;
    // Errachidia is in Drâa-Tafilalet, which Fès covers (provisionally).
    let project = insert_project(
        &app.db,
        NewProject {
            sensitivity: Sensitivity::Restricted,
            locations: &["MA-ERR"],
            ..NewProject::public("Oasis de Tafilalet", &[])
        },
    )
    .await;
    let project = gid(NodeKind::Project, project);
    assert!(officer_sees(&app, "FES", &project).await);
    assert!(!officer_sees(&app, "MARRAKECH", &project).await);

    let v = version(&app, "MARRAKECH").await;
    let moved = set(
        &app,
        json!({ "circumscription": "MARRAKECH", "expectedVersion": v, "territory": "ma-err",
                "confidence": "CONFIRMED", "evidence": "note verbale 2026" }),
    )
    .await;
    assert_eq!(moved["version"], v + 1);
    let row = moved["coverage"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["territory"]["code"] == "MA-ERR")
        .cloned()
        .unwrap();
    assert_eq!(row["confidence"], "CONFIRMED");
    assert!(row["validTo"].is_null());
    assert!(officer_sees(&app, "MARRAKECH", &project).await);
    assert!(
        !officer_sees(&app, "FES", &project).await,
        "a province's own coverage wins"
    );
    let entry = last_entry(&app).await;
    assert_eq!(entry.kind.as_str(), "REFERENCE_UPDATED");
    assert_eq!(entry.subject_type.as_str(), "CIRCUMSCRIPTION");
    assert_eq!(entry.sensitivity.as_str(), "PUBLIC");
    let details: Value = serde_json::from_str(entry.details.as_deref().unwrap()).unwrap();
    assert_eq!(details["change"], "coverageAdded");
    assert_eq!(details["recordsRecomputed"], 1);

    // Ending the coverage (its last day yesterday) gives the project back to Fès.
    let yesterday = (chrono::Utc::now().date_naive() - chrono::Days::new(1)).to_string();
    let ended = set(
        &app,
        json!({ "circumscription": "MARRAKECH", "expectedVersion": v + 1,
                "territory": "MA-ERR", "validTo": yesterday }),
    )
    .await;
    assert_eq!(ended["version"], v + 2);
    assert!(officer_sees(&app, "FES", &project).await);
    assert!(!officer_sees(&app, "MARRAKECH", &project).await);
    let coordinator = app.token("COORDINATOR", None, None);
    let shown = app
        .data_as(&coordinator, PROJECT, json!({ "id": project }))
        .await;
    assert_eq!(
        shown["node"]["circumscriptions"],
        json!([{ "code": "FES" }])
    );

    // A stale version changes nothing.
    let before = footprint(&app).await;
    let admin = app.token("ADMIN", None, None);
    let body = app
        .graphql_as(
            &admin,
            SET,
            json!({ "input": { "circumscription": "MARRAKECH", "expectedVersion": v,
                               "territory": "MA-ERR", "validTo": null } }),
        )
        .await;
    assert_eq!(error_code(&body), "CONFLICT", "{body}");
    assert_eq!(body["errors"][0]["extensions"]["currentVersion"], v + 2);
    assert_eq!(footprint(&app).await, before);
    assert!(officer_sees(&app, "FES", &project).await);
}

#[tokio::test]
async fn confirming_a_provisional_coverage_and_its_errors() {
    let app = spawn_app().await;
    let admin = app.token("ADMIN", None, None);
    let v = version(&app, "FES").await;
    let confirmed = app
        .data_as(
            &admin,
            CONFIRM,
            json!({ "input": { "circumscription": "FES", "expectedVersion": v,
                               "territory": "MA-08" } }),
        )
        .await;
    let circumscription = &confirmed["confirmCircumscriptionCoverage"]["circumscription"];
    assert_eq!(circumscription["version"], v + 1);
    let row = circumscription["coverage"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["territory"]["code"] == "MA-08")
        .cloned()
        .unwrap();
    assert_eq!(row["confidence"], "CONFIRMED");

    let before = footprint(&app).await;
    let v = v + 1;
    for (mutation, input, expected) in [
        (
            CONFIRM,
            json!({ "circumscription": "FES", "territory": "MA-08" }),
            "input.territory",
        ),
        (
            CONFIRM,
            json!({ "circumscription": "FES", "territory": "MA-01" }),
            "input.territory",
        ),
        (
            SET,
            json!({ "circumscription": "NOWHERE", "territory": "MA-01" }),
            "input.circumscription",
        ),
        (
            SET,
            json!({ "circumscription": "FES", "territory": "MA-XYZ" }),
            "input.territory",
        ),
        (
            SET,
            json!({ "circumscription": "FES", "territory": "MA-TAZ",
                    "validFrom": "2026-01-01", "validTo": "2025-12-31" }),
            "input.validTo",
        ),
    ] {
        let mut input = input;
        input["expectedVersion"] = json!(v);
        let body = app
            .graphql_as(&admin, mutation, json!({ "input": input }))
            .await;
        assert_eq!(error_code(&body), "BAD_USER_INPUT", "{body}");
        assert_eq!(field(&body), expected, "{body}");
    }
    let input = json!({ "circumscription": "FES", "expectedVersion": v, "territory": "MA-TAZ" });
    for token in [
        app.token("COORDINATOR", None, None),
        app.token("OFFICER", Some("FES"), None),
    ] {
        let body = app.graphql_as(&token, SET, json!({ "input": input })).await;
        assert_eq!(error_code(&body), "FORBIDDEN", "{body}");
    }
    let body = app.graphql(SET, json!({ "input": input })).await;
    assert_eq!(error_code(&body), "UNAUTHENTICATED", "{body}");
    assert_eq!(footprint(&app).await, before);
    assert_eq!(version(&app, "FES").await, v);
}

#[tokio::test]
async fn a_coverage_change_costs_the_same_statements_for_3_or_30_records() {
    let app = spawn_app().await;
    for (territory, n) in [("MA-ERR", 3), ("MA-ZAG", 30)] {
        for i in 0..n {
            let name = format!("Association {territory} {i}");
            insert_actor(
                &app.db,
                NewActor {
                    seat: Some(territory),
                    ..NewActor::public(ActorKind::Association, &name)
                },
            )
            .await;
        }
    }
    let mut costs = Vec::new();
    for territory in ["MA-ERR", "MA-ZAG"] {
        let v = version(&app, "MARRAKECH").await;
        let before = app.sql_statements();
        let moved = set(
            &app,
            json!({ "circumscription": "MARRAKECH", "expectedVersion": v,
                    "territory": territory }),
        )
        .await;
        costs.push(app.sql_statements() - before);
        assert_eq!(moved["version"], v + 1);
    }
    let details = last_entry(&app).await.details.unwrap();
    assert!(details.contains(r#""recordsRecomputed":30"#), "{details}");
    assert_eq!(
        costs[0], costs[1],
        "statements for 3 and 30 records: {costs:?}"
    );
}
