//! Child edits of a project — participants, locations, sectors, budget lines, transactions:
//! each carries the project's `expectedVersion`, bumps it, and is logged as PROJECT_UPDATED.

use serde_json::{Value, json};

use super::{association, codes, create, field, footprint, last_entry, minimal, read};
use crate::helpers::{TestApp, error_code, spawn_app};

const ADD_PARTICIPANT: &str = r#"mutation($input: AddProjectParticipantInput!) {
  addProjectParticipant(input: $input) { project { version participants { totalCount } } } }"#;
const REMOVE_PARTICIPANT: &str = r#"mutation($input: RemoveProjectParticipantInput!) {
  removeProjectParticipant(input: $input) { project { version participants { totalCount } } } }"#;
const SET_LOCATIONS: &str = r#"mutation($input: SetProjectLocationsInput!) {
  setProjectLocations(input: $input) { project { version locations { code }
    circumscriptions { code } } } }"#;
const SET_SECTORS: &str = r#"mutation($input: SetProjectSectorsInput!) {
  setProjectSectors(input: $input) { project { version dacSectors { dacCode percentage } } } }"#;
const ADD_BUDGET_LINE: &str = r#"mutation($input: AddProjectBudgetLineInput!) {
  addProjectBudgetLine(input: $input) { project { version budget { amount currency } }
    budgetLine { id kind periodStart periodEnd amount { amount currency } } } }"#;
const REMOVE_BUDGET_LINE: &str = r#"mutation($input: RemoveProjectBudgetLineInput!) {
  removeProjectBudgetLine(input: $input) { project { version budget { amount } } } }"#;
const ADD_TRANSACTION: &str = r#"mutation($input: AddProjectTransactionInput!) {
  addProjectTransaction(input: $input) { project { version committed { amount } }
    transaction { id kind date amount { amount currency } description
      provider { id } receiver { id } } } }"#;
const REMOVE_TRANSACTION: &str = r#"mutation($input: RemoveProjectTransactionInput!) {
  removeProjectTransaction(input: $input) { project { version committed { amount } } } }"#;

/// Runs a child edit that must succeed; answers the mutation's payload.
async fn edit(app: &TestApp, token: &str, query: &str, name: &str, input: Value) -> Value {
    app.data_as(token, query, json!({ "input": input })).await[name].clone()
}

/// Runs a child edit that must be refused with `code` (and `field` for BAD_USER_INPUT),
/// changing nothing.
async fn refused(app: &TestApp, token: &str, query: &str, input: Value, code: &str, at: &str) {
    let before = footprint(app).await;
    let body = app
        .graphql_as(token, query, json!({ "input": input }))
        .await;
    assert_eq!(error_code(&body), code, "{body}");
    if code == "BAD_USER_INPUT" {
        assert_eq!(field(&body), at, "{body}");
    }
    assert_eq!(
        footprint(app).await,
        before,
        "a refused edit leaves nothing"
    );
}

#[tokio::test]
async fn participants_are_added_and_removed_with_the_project_version() {
    let app = spawn_app().await;
    let token = app.token("COORDINATOR", None, None);
    let ngo = association(&app, "Association Tilila", "MA-FES").await;
    let id = create(&app, &token, minimal("Projet Tilila", &["MA-03"])).await;
    let add = |version: i32, role: &str| json!({ "project": id, "expectedVersion": version, "actor": ngo, "role": role });

    let out = edit(
        &app,
        &token,
        ADD_PARTICIPANT,
        "addProjectParticipant",
        add(1, "IMPLEMENTING"),
    )
    .await;
    assert_eq!(out["project"]["version"], 2);
    assert_eq!(out["project"]["participants"]["totalCount"], 1);
    let entry = last_entry(&app).await;
    assert_eq!(entry.kind.as_str(), "PROJECT_UPDATED");
    assert!(entry.details.unwrap().contains("\"participants\""));

    // The same actor in a second role is fine; twice in one role is not.
    edit(
        &app,
        &token,
        ADD_PARTICIPANT,
        "addProjectParticipant",
        add(2, "BENEFICIARY"),
    )
    .await;
    refused(
        &app,
        &token,
        ADD_PARTICIPANT,
        add(3, "IMPLEMENTING"),
        "BAD_USER_INPUT",
        "input.role",
    )
    .await;
    // A stale project version.
    refused(
        &app,
        &token,
        ADD_PARTICIPANT,
        add(1, "PARTNER"),
        "CONFLICT",
        "",
    )
    .await;

    let out = edit(
        &app,
        &token,
        REMOVE_PARTICIPANT,
        "removeProjectParticipant",
        add(3, "BENEFICIARY"),
    )
    .await;
    assert_eq!(out["project"]["version"], 4);
    assert_eq!(out["project"]["participants"]["totalCount"], 1);
    refused(
        &app,
        &token,
        REMOVE_PARTICIPANT,
        add(4, "BENEFICIARY"),
        "BAD_USER_INPUT",
        "input.actor",
    )
    .await;
}

#[tokio::test]
async fn new_locations_move_the_project_between_circumscriptions() {
    let app = spawn_app().await;
    let token = app.token("COORDINATOR", None, None);
    let id = create(&app, &token, minimal("Projet itinérant", &["MA-03"])).await;
    let set = |version: i32, locations: Value| json!({ "project": id, "expectedVersion": version, "locations": locations });

    let out = edit(
        &app,
        &token,
        SET_LOCATIONS,
        "setProjectLocations",
        set(1, json!(["MA-RAB"])),
    )
    .await;
    assert_eq!(out["project"]["version"], 2);
    assert_eq!(codes(&out["project"]["locations"]), ["MA-RAB"]);
    assert_eq!(codes(&out["project"]["circumscriptions"]), ["RABAT"]);
    // The move is logged where the project was and where it went.
    let log = app
        .data_as(
            &token,
            r#"{ fes: activity(filter: { circumscription: "FES", kinds: [PROJECT_UPDATED] }) {
                   totalCount }
                 rabat: activity(filter: { circumscription: "RABAT", kinds: [PROJECT_UPDATED] }) {
                   totalCount } }"#,
            json!({}),
        )
        .await;
    assert_eq!(log["fes"]["totalCount"], 1);
    assert_eq!(log["rabat"]["totalCount"], 1);

    refused(
        &app,
        &token,
        SET_LOCATIONS,
        set(2, json!(["MA-99"])),
        "BAD_USER_INPUT",
        "input.locations[0]",
    )
    .await;
    let out = edit(
        &app,
        &token,
        SET_LOCATIONS,
        "setProjectLocations",
        set(2, json!([])),
    )
    .await;
    assert_eq!(out["project"]["circumscriptions"], json!([]));
}

#[tokio::test]
async fn sectors_are_replaced_and_must_sum_to_one_hundred() {
    let app = spawn_app().await;
    let token = app.token("COORDINATOR", None, None);
    let id = create(&app, &token, minimal("Projet sectoriel", &["MA-03"])).await;
    let set = |version: i32, sectors: Value| json!({ "project": id, "expectedVersion": version, "sectors": sectors });
    let bad = set(
        1,
        json!([{ "dacCode": "15160", "percentage": "50" },
                            { "dacCode": "15170", "percentage": "49.99" }]),
    );
    refused(
        &app,
        &token,
        SET_SECTORS,
        bad,
        "BAD_USER_INPUT",
        "input.sectors",
    )
    .await;

    let out = edit(
        &app,
        &token,
        SET_SECTORS,
        "setProjectSectors",
        set(
            1,
            json!([{ "dacCode": "15160", "percentage": "50" },
                      { "dacCode": "15170", "percentage": "50.00" }]),
        ),
    )
    .await;
    assert_eq!(out["project"]["version"], 2);
    assert_eq!(
        out["project"]["dacSectors"][1],
        json!({ "dacCode": "15170", "percentage": 50.0 })
    );
    let out = edit(
        &app,
        &token,
        SET_SECTORS,
        "setProjectSectors",
        set(2, json!([{ "dacCode": "15112" }])),
    )
    .await;
    assert_eq!(
        out["project"]["dacSectors"],
        json!([{ "dacCode": "15112", "percentage": 100.0 }])
    );
}

#[tokio::test]
async fn budget_lines_and_transactions_are_added_and_removed() {
    let app = spawn_app().await;
    let token = app.token("COORDINATOR", None, None);
    let embassy = association(&app, "Ambassade", "MA-RAB").await;
    let ngo = association(&app, "Association Amal", "MA-FES").await;
    let id = create(&app, &token, minimal("Projet financé", &["MA-03"])).await;

    let line = json!({ "project": id, "expectedVersion": 1, "budgetLine": {
        "kind": "ORIGINAL", "periodStart": "2026-01-01", "periodEnd": "2026-12-31",
        "amount": "1800000", "currency": "MAD" } });
    let out = edit(&app, &token, ADD_BUDGET_LINE, "addProjectBudgetLine", line).await;
    assert_eq!(out["project"]["version"], 2);
    assert_eq!(
        out["project"]["budget"],
        json!([{ "amount": "1800000.00", "currency": "MAD" }])
    );
    assert_eq!(out["budgetLine"]["amount"]["amount"], "1800000.00");
    let line_id = out["budgetLine"]["id"].as_str().unwrap().to_owned();

    let tx = |version: i32, amount: &str, receiver: &str| {
        json!({ "project": id,
        "expectedVersion": version, "transaction": { "kind": "COMMITMENT",
        "date": "2026-02-01", "amount": amount, "currency": "EUR", "provider": embassy,
        "receiver": receiver, "description": " Convention signée " } })
    };
    refused(
        &app,
        &token,
        ADD_TRANSACTION,
        tx(2, "12.5.0", &ngo),
        "BAD_USER_INPUT",
        "input.transaction.amount",
    )
    .await;
    refused(
        &app,
        &token,
        ADD_TRANSACTION,
        tx(2, "10", &embassy),
        "BAD_USER_INPUT",
        "input.transaction.receiver",
    )
    .await;
    let out = edit(
        &app,
        &token,
        ADD_TRANSACTION,
        "addProjectTransaction",
        tx(2, "5000.5", &ngo),
    )
    .await;
    assert_eq!(out["project"]["version"], 3);
    assert_eq!(
        out["project"]["committed"],
        json!([{ "amount": "5000.50" }])
    );
    let transaction = &out["transaction"];
    assert_eq!(transaction["description"], "Convention signée");
    assert_eq!(transaction["provider"]["id"], embassy.as_str());
    assert_eq!(transaction["receiver"]["id"], ngo.as_str());
    let tx_id = transaction["id"].as_str().unwrap().to_owned();

    // A budget line's ID is not a transaction's, and removing needs the current version.
    let remove_tx = |version: i32, which: &str| {
        json!({ "project": id,
        "expectedVersion": version, "transaction": which })
    };
    refused(
        &app,
        &token,
        REMOVE_TRANSACTION,
        remove_tx(3, &line_id),
        "BAD_USER_INPUT",
        "input.transaction",
    )
    .await;
    refused(
        &app,
        &token,
        REMOVE_TRANSACTION,
        remove_tx(2, &tx_id),
        "CONFLICT",
        "",
    )
    .await;
    let out = edit(
        &app,
        &token,
        REMOVE_TRANSACTION,
        "removeProjectTransaction",
        remove_tx(3, &tx_id),
    )
    .await;
    assert_eq!(out["project"]["version"], 4);
    assert_eq!(out["project"]["committed"], json!([]));
    refused(
        &app,
        &token,
        REMOVE_TRANSACTION,
        remove_tx(4, &tx_id),
        "BAD_USER_INPUT",
        "input.transaction",
    )
    .await;

    let remove_line = json!({ "project": id, "expectedVersion": 4, "budgetLine": line_id });
    let out = edit(
        &app,
        &token,
        REMOVE_BUDGET_LINE,
        "removeProjectBudgetLine",
        remove_line,
    )
    .await;
    assert_eq!(out["project"]["version"], 5);
    assert_eq!(out["project"]["budget"], json!([]));
    assert_eq!(read(&app, &id).await["version"], 5);

    // Another project's line cannot be removed through this one.
    let other = create(&app, &token, minimal("Autre projet", &["MA-03"])).await;
    let line = json!({ "project": other, "expectedVersion": 1, "budgetLine": {
        "kind": "REVISED", "periodStart": "2026-01-01", "periodEnd": "2026-06-30",
        "amount": "10", "currency": "EUR" } });
    let out = edit(&app, &token, ADD_BUDGET_LINE, "addProjectBudgetLine", line).await;
    let foreign = out["budgetLine"]["id"].as_str().unwrap().to_owned();
    let remove_line = json!({ "project": id, "expectedVersion": 5, "budgetLine": foreign });
    refused(
        &app,
        &token,
        REMOVE_BUDGET_LINE,
        remove_line,
        "BAD_USER_INPUT",
        "input.budgetLine",
    )
    .await;
}
