//! Writes: projects — create with children, update, archive/restore, child edits, over HTTP
//! with tokens; validation, idempotency, versions, the activity log and the write rules.

mod children;
mod rules;
mod updates;
mod validation;

use partner_hub::domain::vocabulary::ActorKind;
use partner_hub::entities::activity;
use partner_hub::graphql::relay::{GlobalId, NodeKind};
use sea_orm::{EntityTrait, QueryOrder};
use serde_json::{Value, json};

use crate::fixtures::{NewActor, insert_actor};
use crate::helpers::{TestApp, error_code, spawn_app};

pub(super) const CREATE: &str = r#"mutation($input: CreateProjectInput!) {
  createProject(input: $input) { project { id version title sensitivity } }
}"#;

pub(super) const UPDATE: &str = r#"mutation($input: UpdateProjectInput!) {
  updateProject(input: $input) { project { id version title plannedStart plannedEnd status
    themes sdgGoals sdgTargets archived } }
}"#;

/// Everything a project shows, read through the query API.
pub(super) const READ: &str = r#"query($id: ID!) { node(id: $id) { ... on Project {
  id version title arabic: title(lang: AR) description iatiIdentifier pillar instrument
  fundingSource status plannedStart plannedEnd origin sensitivity publishable archived
  locations { code } circumscriptions { code }
  dacSectors { dacCode percentage } themes sdgGoals sdgTargets
  budget { amount currency } committed { amount currency } disbursed { amount currency }
  participants { totalCount nodes { role actor { id } } } } } }"#;

/// The global ID of a record.
pub(super) fn gid(kind: NodeKind, id: i64) -> String {
    GlobalId::new(kind, id).encode().to_string()
}

/// An association seated in `seat`; answers its global ID.
pub(super) async fn association(app: &TestApp, name: &str, seat: &str) -> String {
    let id = insert_actor(
        &app.db,
        NewActor {
            seat: Some(seat),
            ..NewActor::public(ActorKind::Association, name)
        },
    )
    .await;
    gid(NodeKind::Actor, id)
}

/// A minimal valid create input.
pub(super) fn minimal(title: &str, locations: &[&str]) -> Value {
    json!({
        "title": { "fr": title },
        "pillar": "CIVIL_SOCIETY",
        "instrument": "CALL_FOR_PROPOSALS",
        "fundingSource": "P209",
        "locations": locations,
    })
}

/// Creates a project as `token`; answers its global ID.
pub(super) async fn create(app: &TestApp, token: &str, input: Value) -> String {
    let data = app.data_as(token, CREATE, json!({ "input": input })).await;
    data["createProject"]["project"]["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// Reads a project through the query API, as a coordinator.
pub(super) async fn read(app: &TestApp, id: &str) -> Value {
    let token = app.token("COORDINATOR", None, None);
    app.data_as(&token, READ, json!({ "id": id })).await["node"].clone()
}

/// Rows in a table, read straight from the database.
pub(super) async fn count(app: &TestApp, table: &str) -> i64 {
    use sea_orm::{ConnectionTrait, Statement};
    let backend = app.db.writer.get_database_backend();
    let row = app
        .db
        .writer
        .query_one_raw(Statement::from_string(
            backend,
            format!("SELECT COUNT(*) AS n FROM {table}"),
        ))
        .await
        .unwrap()
        .unwrap();
    row.try_get::<i64>("", "n").unwrap()
}

/// Rows of every table a project write touches, to show a failed write left nothing.
pub(super) async fn footprint(app: &TestApp) -> Vec<i64> {
    let mut counts = Vec::new();
    for table in [
        "projects",
        "project_participants",
        "project_locations",
        "project_sectors",
        "project_sdgs",
        "project_themes",
        "budget_lines",
        "project_transactions",
        "record_circumscriptions",
        "activities",
        "idempotency_keys",
    ] {
        counts.push(count(app, table).await);
    }
    counts
}

/// The newest activity entry, straight from the database.
pub(super) async fn last_entry(app: &TestApp) -> activity::Model {
    activity::Entity::find()
        .order_by_desc(activity::Column::Position)
        .one(&app.db.writer)
        .await
        .unwrap()
        .unwrap()
}

/// `extensions.field` of the first error.
pub(super) fn field(body: &Value) -> &str {
    body["errors"][0]["extensions"]["field"]
        .as_str()
        .unwrap_or("<none>")
}

/// Codes of a list of `{ code }` objects.
pub(super) fn codes(list: &Value) -> Vec<&str> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|c| c["code"].as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn a_coordinator_creates_a_project_with_its_children_read_back_and_logged() {
    let app = spawn_app().await;
    let coordinator = app.token("COORDINATOR", None, None);
    let embassy = association(&app, "Ambassade de France", "MA-RAB").await;
    let ngo = association(&app, "Association Jeunes de Fès", "MA-FES").await;
    let input = json!({
        "idempotencyKey": "project-1",
        "iatiIdentifier": "FR-3-2026-001",
        "title": { "fr": "  Gouvernance locale et jeunesse à Fe\u{300}s ", "ar": " الحكامة المحلية " },
        "description": { "fr": "Appui aux conseils de jeunes." },
        "pillar": "TERRITORIAL_GOVERNANCE",
        "instrument": "FSPI",
        "fundingSource": "FSPI",
        "status": "IMPLEMENTATION",
        "plannedStart": "2026-01-01",
        "plannedEnd": "2027-12-31",
        "sensitivity": "PUBLIC",
        "publishable": true,
        "participants": [
            { "actor": embassy, "role": "FUNDING" },
            { "actor": embassy, "role": "ACCOUNTABLE" },
            { "actor": ngo, "role": "IMPLEMENTING" },
        ],
        "locations": ["ma-03", "MA-04"],
        "sectors": [
            { "dacCode": "15112", "percentage": "60" },
            { "dacCode": "15150", "percentage": "40.00" },
        ],
        "themes": ["YOUTH", "DECENTRALISATION"],
        "sdgGoals": [16, 5],
        "sdgTargets": ["16.6", "5.A"],
        "budgetLines": [
            { "kind": "ORIGINAL", "periodStart": "2026-01-01", "periodEnd": "2026-12-31",
              "amount": "150000.00", "currency": "EUR" },
            { "kind": "ORIGINAL", "periodStart": "2026-01-01", "periodEnd": "2026-12-31",
              "amount": "250000.5", "currency": "MAD" },
        ],
        "transactions": [
            { "kind": "COMMITMENT", "date": "2026-01-15", "amount": "100000",
              "currency": "EUR", "provider": embassy, "receiver": ngo },
            { "kind": "DISBURSEMENT", "date": "2026-02-01", "amount": "40000.00",
              "currency": "EUR", "provider": embassy, "receiver": ngo,
              "description": "Première tranche" },
        ],
    });

    let id = create(&app, &coordinator, input).await;

    let project = read(&app, &id).await;
    assert_eq!(project["title"], "Gouvernance locale et jeunesse à Fès");
    assert_eq!(project["arabic"], "الحكامة المحلية");
    assert_eq!(project["iatiIdentifier"], "FR-3-2026-001");
    assert_eq!(project["version"], 1);
    assert_eq!(project["status"], "IMPLEMENTATION");
    assert_eq!(project["origin"], "OWN");
    assert_eq!(project["sensitivity"], "PUBLIC");
    assert_eq!(project["publishable"], true);
    assert_eq!(project["plannedEnd"], "2027-12-31");
    assert_eq!(codes(&project["locations"]).len(), 2);
    let mut circumscriptions = codes(&project["circumscriptions"]);
    circumscriptions.sort_unstable();
    assert_eq!(circumscriptions, ["FES", "RABAT"]);
    assert_eq!(
        project["dacSectors"],
        json!([{ "dacCode": "15112", "percentage": 60.0 },
               { "dacCode": "15150", "percentage": 40.0 }])
    );
    assert_eq!(project["sdgGoals"], json!([5, 16]));
    assert_eq!(project["sdgTargets"], json!(["16.6", "5.a"]));
    assert_eq!(project["themes"].as_array().unwrap().len(), 2);
    assert_eq!(project["participants"]["totalCount"], 3);
    let mut budget: Vec<String> = project["budget"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            format!(
                "{} {}",
                m["amount"].as_str().unwrap(),
                m["currency"].as_str().unwrap()
            )
        })
        .collect();
    budget.sort();
    assert_eq!(budget, ["150000.00 EUR", "250000.50 MAD"]);
    assert_eq!(
        project["committed"],
        json!([{ "amount": "100000.00", "currency": "EUR" }])
    );
    assert_eq!(
        project["disbursed"],
        json!([{ "amount": "40000.00", "currency": "EUR" }])
    );

    // Found by search (accents folded) and logged once, with its actors and places.
    let found = app
        .data_as(
            &coordinator,
            r#"{ projects(filter: { search: "jeunesse a fes" }) { nodes { id } }
                 activity(filter: { kinds: [PROJECT_CREATED] }) { nodes { kind author
                   subject { ... on Project { id } } actors { id } territories { code }
                   circumscriptions { code } sensitivity } } }"#,
            json!({}),
        )
        .await;
    assert_eq!(found["projects"]["nodes"][0]["id"], id.as_str());
    let entries = found["activity"]["nodes"].as_array().unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0]["subject"]["id"], id.as_str());
    assert_eq!(entries[0]["author"], "test-coordinator");
    assert_eq!(entries[0]["actors"].as_array().unwrap().len(), 2);
    assert_eq!(entries[0]["territories"].as_array().unwrap().len(), 2);
    assert_eq!(entries[0]["circumscriptions"].as_array().unwrap().len(), 2);
    assert_eq!(entries[0]["sensitivity"], "PUBLIC");
}

#[tokio::test]
async fn defaults_apply_and_anonymous_viewers_do_not_see_an_internal_project() {
    let app = spawn_app().await;
    let coordinator = app.token("COORDINATOR", None, None);
    let id = create(&app, &coordinator, minimal("Projet sans détails", &[])).await;
    let project = read(&app, &id).await;
    assert_eq!(project["sensitivity"], "INTERNAL");
    assert_eq!(project["status"], "PIPELINE");
    assert_eq!(project["origin"], "OWN");
    assert_eq!(project["publishable"], false);
    assert_eq!(project["circumscriptions"], json!([]));
    let anonymous = app
        .data(
            r#"query($id: ID!) { node(id: $id) { id } }"#,
            json!({ "id": id }),
        )
        .await;
    assert!(anonymous["node"].is_null());
}

#[tokio::test]
async fn a_retry_creates_nothing_and_a_reused_key_conflicts() {
    let app = spawn_app().await;
    let coordinator = app.token("COORDINATOR", None, None);
    let mut input = minimal("Forum des jeunes leaders", &["MA-04"]);
    input["idempotencyKey"] = json!("forum-2026");
    let first = create(&app, &coordinator, input.clone()).await;
    let after_first = footprint(&app).await;

    let again = create(&app, &coordinator, input.clone()).await;
    assert_eq!(again, first);
    assert_eq!(footprint(&app).await, after_first);

    input["title"]["fr"] = json!("Un autre forum");
    let body = app
        .graphql_as(&coordinator, CREATE, json!({ "input": input }))
        .await;
    assert_eq!(error_code(&body), "CONFLICT", "{body}");
    assert_eq!(footprint(&app).await, after_first);

    // Keys are scoped to their author: another viewer's identical key is a new create.
    let admin = app.token("ADMIN", None, None);
    input["title"]["fr"] = json!("Forum des jeunes leaders");
    let other = create(&app, &admin, input).await;
    assert_ne!(other, first);
}
