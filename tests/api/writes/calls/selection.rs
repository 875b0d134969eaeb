//! Writes: a selected application becomes a project, in the same transaction.

use chrono::Utc;
use partner_hub::domain::vocabulary::ActivityKind;
use partner_hub::entities::{activity, actor, application};
use partner_hub::graphql::relay::NodeKind;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};

use super::applications::{application_input, decide, submit};
use super::{association, coordinator, counts, field, gid, logged, open_call, publish};
use crate::helpers::{TestApp, error_code, spawn_app};

/// An application by `applicants` to `call`, moved to SHORTLISTED (version 3).
async fn shortlisted(app: &TestApp, call: &str, applicants: &[i64]) -> String {
    let id = submit(app, &coordinator(app), application_input(call, applicants)).await;
    for (version, status) in [(1, "ELIGIBLE"), (2, "SHORTLISTED")] {
        let body = decide(app, &id, version, status).await;
        assert!(body.get("errors").is_none(), "{body}");
    }
    id
}

async fn project_created_entries(app: &TestApp) -> u64 {
    activity::Entity::find()
        .filter(activity::Column::Kind.eq(ActivityKind::ProjectCreated))
        .count(&app.db.writer)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_selected_application_becomes_exactly_one_project() {
    let app = spawn_app().await;
    let call = publish(&app, open_call("Genre, jeunesse, climat")).await;
    let a = association(&app, "Association Alpha", "MA-03").await;
    let b = association(&app, "Association Beta", "MA-04").await;
    let id = shortlisted(&app, &call, &[a, b]).await;
    let [calls, applications, projects, entries] = counts(&app).await;

    let body = decide(&app, &id, 3, "SELECTED").await;
    let selected = &body["data"]["decideApplication"]["application"];
    assert_eq!(selected["status"], "SELECTED", "{body}");
    assert_eq!(selected["version"], 4);
    let project = &selected["project"];
    assert_eq!(project["title"], "Jeunes leaders pour le climat");
    assert_eq!(project["status"], "PIPELINE");
    assert_eq!(project["instrument"], "CALL_FOR_PROPOSALS");
    assert_eq!(project["fundingSource"], "P209");
    assert_eq!(project["pillar"], "CIVIL_SOCIETY");
    assert_eq!(
        project["sensitivity"], "INTERNAL",
        "the application's sensitivity"
    );
    assert_eq!(project["application"]["id"], id, "linked both ways");
    let mut participants: Vec<(String, String)> = project["participants"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let actor = p["actor"]["id"].as_str().unwrap().to_owned();
            (actor, p["role"].as_str().unwrap().to_owned())
        })
        .collect();
    participants.sort();
    let mut expected = vec![
        (gid(NodeKind::Actor, a), "IMPLEMENTING".to_owned()),
        (gid(NodeKind::Actor, b), "IMPLEMENTING".to_owned()),
    ];
    expected.sort();
    assert_eq!(participants, expected);
    let mut locations: Vec<&str> = project["locations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["code"].as_str().unwrap())
        .collect();
    locations.sort_unstable();
    assert_eq!(locations, ["MA-03", "MA-04"], "the applicants' seats");
    let project_id = project["id"].as_str().unwrap().to_owned();

    // Exactly one new project, one decision and one PROJECT_CREATED entry.
    assert_eq!(
        counts(&app).await,
        [calls, applications, projects + 1, entries + 2]
    );
    let linked = application::Entity::find()
        .filter(application::Column::ProjectId.is_not_null())
        .all(&app.db.writer)
        .await
        .unwrap();
    let ours: Vec<_> = linked
        .iter()
        .filter(|l| gid(NodeKind::Application, l.id) == id)
        .collect();
    assert_eq!(ours.len(), 1);
    assert_eq!(
        ours[0].project_id.map(|p| gid(NodeKind::Project, p)),
        Some(project_id.clone())
    );
    assert!(logged(&app, "PROJECT_CREATED").await.contains(&project_id));

    // Read back through the query API, with the project's circumscriptions (its locations').
    let read = app
        .data_as(
            &coordinator(&app),
            "query($id: ID!) { node(id: $id) { ... on Application { status project { id circumscriptions { code } } } } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(read["node"]["project"]["id"], project_id);
    let mut circumscriptions: Vec<&str> = read["node"]["project"]["circumscriptions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["code"].as_str().unwrap())
        .collect();
    circumscriptions.sort_unstable();
    assert_eq!(circumscriptions, ["FES", "RABAT"]);

    // SELECTED is final: selecting again creates nothing.
    let before = counts(&app).await;
    let body = decide(&app, &id, 4, "SELECTED").await;
    assert_eq!(field(&body), "input.status", "{body}");
    assert_eq!(counts(&app).await, before);
}

#[tokio::test]
async fn the_project_follows_the_calls_instrument() {
    let app = spawn_app().await;
    let mut input = open_call("Fonds conjoint 2025");
    input["instrument"] = json!("JOINT_DECENTRALISED_FUND");
    let joint = publish(&app, input).await;
    let mut input = open_call("PISCCA 2025");
    input["instrument"] = json!("PISCCA");
    let piscca = publish(&app, input).await;
    let a = association(&app, "Association Alpha", "MA-03").await;

    for (call, instrument, source, pillar) in [
        (
            &joint,
            "JOINT_DECENTRALISED_FUND",
            "JOINT_FUND",
            "TERRITORIAL_GOVERNANCE",
        ),
        (&piscca, "PISCCA", "PISCCA", "CIVIL_SOCIETY"),
    ] {
        let id = shortlisted(&app, call, &[a]).await;
        let body = decide(&app, &id, 3, "SELECTED").await;
        let project = &body["data"]["decideApplication"]["application"]["project"];
        assert_eq!(project["instrument"], instrument, "{body}");
        assert_eq!(project["fundingSource"], source);
        assert_eq!(project["pillar"], pillar);
    }
}

#[tokio::test]
async fn a_failed_selection_leaves_no_project_behind() {
    let app = spawn_app().await;
    let call = publish(&app, open_call("Appel")).await;
    let a = association(&app, "Association Alpha", "MA-03").await;
    let id = shortlisted(&app, &call, &[a]).await;
    // Someone evaluates it meanwhile: version 4.
    let evaluate =
        json!({ "input": { "id": id, "expectedVersion": 3, "evaluation": "À retenir" } });
    app.data_as(
        &coordinator(&app),
        "mutation($input: EvaluateApplicationInput!) { evaluateApplication(input: $input) { application { version } } }",
        evaluate,
    )
    .await;
    let before = counts(&app).await;
    let entries_before = project_created_entries(&app).await;

    // Selecting from the stale version 3 fails after the project was written: all of it is
    // rolled back, project, participants, decision and log entries included.
    let body = decide(&app, &id, 3, "SELECTED").await;
    assert_eq!(error_code(&body), "CONFLICT", "{body}");
    assert_eq!(body["errors"][0]["extensions"]["currentVersion"], 4);
    assert_eq!(counts(&app).await, before);
    assert_eq!(project_created_entries(&app).await, entries_before);

    // An applicant archived since submitting: refused on the decision's status.
    actor::Entity::update_many()
        .col_expr(actor::Column::ArchivedAt, Expr::value(Some(Utc::now())))
        .filter(actor::Column::Id.eq(a))
        .exec(&app.db.writer)
        .await
        .unwrap();
    let body = decide(&app, &id, 4, "SELECTED").await;
    assert_eq!(field(&body), "input.status", "{body}");
    assert_eq!(counts(&app).await, before);

    let read = app
        .data_as(
            &coordinator(&app),
            "query($id: ID!) { node(id: $id) { ... on Application { status version project { id } } } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(
        read["node"],
        json!({ "status": "SHORTLISTED", "version": 4, "project": Value::Null })
    );

    // Restored, the application is selected: one project.
    actor::Entity::update_many()
        .col_expr(
            actor::Column::ArchivedAt,
            Expr::value(Option::<chrono::DateTime<Utc>>::None),
        )
        .filter(actor::Column::Id.eq(a))
        .exec(&app.db.writer)
        .await
        .unwrap();
    let body = decide(&app, &id, 4, "SELECTED").await;
    assert!(
        body["data"]["decideApplication"]["application"]["project"]["id"].is_string(),
        "{body}"
    );
    assert_eq!(counts(&app).await[2], before[2] + 1);
}

#[tokio::test]
async fn concurrent_selections_create_one_project() {
    let app = spawn_app().await;
    let call = publish(&app, open_call("Appel")).await;
    let a = association(&app, "Association Alpha", "MA-03").await;
    let id = shortlisted(&app, &call, &[a]).await;
    let before = counts(&app).await;

    let bodies =
        futures_util::future::join_all((0..8).map(|_| decide(&app, &id, 3, "SELECTED"))).await;
    let won = bodies.iter().filter(|b| b.get("errors").is_none()).count();
    assert_eq!(won, 1, "{bodies:?}");
    for body in bodies.iter().filter(|b| b.get("errors").is_some()) {
        assert_eq!(error_code(body), "CONFLICT", "{body}");
    }
    assert_eq!(counts(&app).await[2], before[2] + 1, "one project");
    assert_eq!(project_created_entries(&app).await, 1);
}
