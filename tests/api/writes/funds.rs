//! Writes: fund allocations — create (proposed or committed), commit, cancel, update; the
//! envelope's guard, conversion from dirhams, validation, versions, idempotency, the activity
//! log and the write rules. The envelope under concurrency is in `funds/concurrency.rs`.

mod concurrency;
mod fixtures;
mod lifecycle;

use partner_hub::domain::vocabulary::Currency;
use partner_hub::entities::fund;
use partner_hub::graphql::relay::NodeKind;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};

use self::fixtures::{
    activity_count, allocation_count, fund_row, gid, insert_fund, insert_located_project,
    insert_partnership,
};
use crate::helpers::{TestApp, error_code, spawn_app};

/// What every allocation mutation answers.
const PAYLOAD: &str = r#"{
  fundAllocation {
    id status version decidedOn sensitivity exchangeRate
    amount { amount currency } convertedAmount { amount currency }
    partnership { id } project { id }
  }
  fund { id version committed { amount currency } remaining { amount currency } }
}"#;

pub fn mutation(name: &str, input_type: &str) -> String {
    format!("mutation($input: {input_type}!) {{ {name}(input: $input) {PAYLOAD} }}")
}

pub async fn create(app: &TestApp, token: &str, input: Value) -> Value {
    let query = mutation("createFundAllocation", "CreateFundAllocationInput");
    app.graphql_as(token, &query, json!({ "input": input }))
        .await
}

/// Commits or cancels (`name`) allocation `id` at `version`.
pub async fn transition(app: &TestApp, token: &str, name: &str, id: &Value, version: i64) -> Value {
    let query = mutation(name, "FundAllocationStatusInput");
    let input = json!({ "id": id, "expectedVersion": version });
    app.graphql_as(token, &query, json!({ "input": input }))
        .await
}

pub async fn update(app: &TestApp, token: &str, input: Value) -> Value {
    let query = mutation("updateFundAllocation", "UpdateFundAllocationInput");
    app.graphql_as(token, &query, json!({ "input": input }))
        .await
}

/// The payload of a mutation that must have succeeded.
pub fn ok<'a>(body: &'a Value, name: &str) -> &'a Value {
    assert!(body.get("errors").is_none(), "unexpected errors: {body}");
    &body["data"][name]
}

pub fn field(body: &Value) -> &str {
    body["errors"][0]["extensions"]["field"]
        .as_str()
        .unwrap_or("<none>")
}

#[tokio::test]
async fn a_proposed_allocation_is_read_back_bumps_its_fund_and_is_logged() {
    let app = spawn_app().await;
    let token = app.token("COORDINATOR", None, None);
    let fund = insert_fund(&app.db, 100_000_000, Currency::Eur).await;
    let (partnership, member) = insert_partnership(&app.db, "Fès – Strasbourg", "MA-03").await;
    let input = json!({
        "idempotencyKey": "first-proposal",
        "fund": gid(NodeKind::Fund, fund),
        "partnership": gid(NodeKind::Partnership, partnership),
        "amount": "15000.5",
        "currency": "EUR",
        "decidedOn": "2024-05-02",
        "sensitivity": "RESTRICTED",
    });

    let body = create(&app, &token, input.clone()).await;

    let payload = ok(&body, "createFundAllocation");
    let allocation = &payload["fundAllocation"];
    assert_eq!(allocation["status"], "PROPOSED");
    assert_eq!(allocation["version"], 1);
    assert_eq!(
        allocation["amount"],
        json!({"amount": "15000.50", "currency": "EUR"})
    );
    assert_eq!(allocation["convertedAmount"]["amount"], "15000.50");
    assert_eq!(allocation["exchangeRate"], Value::Null);
    assert_eq!(allocation["decidedOn"], "2024-05-02");
    assert_eq!(allocation["sensitivity"], "RESTRICTED");
    assert_eq!(
        allocation["partnership"]["id"],
        gid(NodeKind::Partnership, partnership)
    );
    // A proposal is not counted, but it is a change of the fund's child: its version moves.
    assert_eq!(payload["fund"]["version"], 2);
    assert_eq!(payload["fund"]["committed"]["amount"], "0.00");
    assert_eq!(payload["fund"]["remaining"]["amount"], "1000000.00");

    let id = allocation["id"].clone();
    let read = app
        .data_as(
            &token,
            r#"query($id: ID!) { node(id: $id) { ... on FundAllocation {
                 status amount { amount } fund { id } partnership { id } } } }"#,
            json!({ "id": id }),
        )
        .await;
    assert_eq!(read["node"]["status"], "PROPOSED");
    assert_eq!(read["node"]["fund"]["id"], gid(NodeKind::Fund, fund));

    let log = app
        .data_as(
            &token,
            r#"{ activity(filter: { kinds: [FUNDING_PROPOSED] }) { nodes {
                 kind sensitivity subject { id } actors { id } circumscriptions { code } } } }"#,
            json!({}),
        )
        .await;
    let entries = log["activity"]["nodes"].as_array().unwrap();
    assert_eq!(entries.len(), 1, "{log}");
    assert_eq!(entries[0]["subject"]["id"], id);
    assert_eq!(entries[0]["sensitivity"], "RESTRICTED");
    assert_eq!(entries[0]["actors"][0]["id"], gid(NodeKind::Actor, member));
    assert_eq!(entries[0]["circumscriptions"][0]["code"], "FES");

    // A retry answers the same allocation and writes nothing; another input is a conflict.
    let (allocations, entries) = (
        allocation_count(&app.db).await,
        activity_count(&app.db).await,
    );
    let again = create(&app, &token, input.clone()).await;
    assert_eq!(
        ok(&again, "createFundAllocation")["fundAllocation"]["id"],
        id
    );
    let mut changed = input;
    changed["amount"] = json!("15000.51");
    let conflict = create(&app, &token, changed).await;
    assert_eq!(error_code(&conflict), "CONFLICT", "{conflict}");
    assert_eq!(allocation_count(&app.db).await, allocations);
    assert_eq!(activity_count(&app.db).await, entries);
    assert_eq!(fund_row(&app.db, fund).await.version, 2);
}

#[tokio::test]
async fn an_allocation_in_dirhams_records_its_rate_and_counts_in_euros() {
    let app = spawn_app().await;
    let token = app.token("COORDINATOR", None, None);
    let fund = insert_fund(&app.db, 100_000, Currency::Eur).await; // EUR 1,000.00
    let project = insert_located_project(&app.db, "Projet à Meknès", "MA-03").await;
    let input = |amount: &str, rate: &str| {
        json!({
            "fund": gid(NodeKind::Fund, fund),
            "project": gid(NodeKind::Project, project),
            "amount": amount, "currency": "MAD", "exchangeRate": rate, "status": "COMMITTED",
        })
    };

    // MAD 10,000.00 at 0.092166 EUR per MAD = EUR 921.66.
    let body = create(&app, &token, input("10000.00", "0.092166")).await;
    let payload = ok(&body, "createFundAllocation");
    let allocation = &payload["fundAllocation"];
    assert_eq!(
        allocation["amount"],
        json!({"amount": "10000.00", "currency": "MAD"})
    );
    assert_eq!(allocation["exchangeRate"], "0.092166");
    assert_eq!(
        allocation["convertedAmount"],
        json!({"amount": "921.66", "currency": "EUR"})
    );
    assert_eq!(payload["fund"]["committed"]["amount"], "921.66");
    assert_eq!(payload["fund"]["remaining"]["amount"], "78.34");

    // MAD 1,000.00 = EUR 92.17 (92.166, halves up): more than the EUR 78.34 left.
    let refused = create(&app, &token, input("1000.00", "0.092166")).await;
    assert_eq!(error_code(&refused), "CONFLICT", "{refused}");
    assert_eq!(refused["errors"][0]["extensions"]["remaining"], "78.34");
    assert_eq!(refused["errors"][0]["extensions"]["currency"], "EUR");

    // MAD 850.00 = EUR 78.3411 → 78.34: exactly what is left.
    let body = create(&app, &token, input("850.00", "0.092166")).await;
    let payload = ok(&body, "createFundAllocation");
    assert_eq!(
        payload["fundAllocation"]["convertedAmount"]["amount"],
        "78.34"
    );
    assert_eq!(payload["fund"]["remaining"]["amount"], "0.00");
    assert_eq!(fund_row(&app.db, fund).await.committed_minor, 100_000);
}

#[tokio::test]
async fn invalid_allocations_name_the_field_and_write_nothing() {
    let app = spawn_app().await;
    let token = app.token("COORDINATOR", None, None);
    let fund = insert_fund(&app.db, 100_000, Currency::Eur).await;
    let project = insert_located_project(&app.db, "Projet", "MA-03").await;
    let (partnership, _) = insert_partnership(&app.db, "Jumelage", "MA-03").await;
    let valid = json!({
        "fund": gid(NodeKind::Fund, fund),
        "project": gid(NodeKind::Project, project),
        "amount": "100.00", "currency": "EUR", "status": "COMMITTED",
    });
    let with = |changes: Value| {
        let mut input = valid.clone();
        for (key, value) in changes.as_object().unwrap() {
            input[key] = value.clone();
        }
        input
    };
    let cases = [
        (
            with(json!({"fund": gid(NodeKind::Fund, 999_999)})),
            "input.fund",
        ),
        (
            with(json!({"fund": gid(NodeKind::Project, project)})),
            "input.fund",
        ),
        (with(json!({"fund": "not-an-id"})), "input.fund"),
        (
            with(json!({"partnership": gid(NodeKind::Partnership, partnership)})),
            "input.project",
        ),
        (with(json!({"project": null})), "input.partnership"),
        (
            with(json!({"project": gid(NodeKind::Project, 999_999)})),
            "input.project",
        ),
        (with(json!({"amount": "-5.00"})), "input.amount"),
        (with(json!({"amount": "0"})), "input.amount"),
        (with(json!({"amount": "12.345"})), "input.amount"),
        (with(json!({"amount": "1e3"})), "input.amount"),
        (
            with(json!({"amount": "99999999999999999.00"})),
            "input.amount",
        ),
        (with(json!({"currency": "MAD"})), "input.exchangeRate"),
        (
            with(json!({"currency": "MAD", "exchangeRate": "0"})),
            "input.exchangeRate",
        ),
        (
            with(json!({"currency": "MAD", "exchangeRate": "ten"})),
            "input.exchangeRate",
        ),
        (
            with(json!({"exchangeRate": "1.000000"})),
            "input.exchangeRate",
        ),
        (
            with(json!({"amount": "0.01", "currency": "MAD", "exchangeRate": "0.092166"})),
            "input.amount",
        ),
        (with(json!({"status": "CANCELLED"})), "input.status"),
        (with(json!({"idempotencyKey": ""})), "input.idempotencyKey"),
    ];
    let before = (
        allocation_count(&app.db).await,
        activity_count(&app.db).await,
    );

    for (input, expected) in cases {
        let body = create(&app, &token, input.clone()).await;
        assert_eq!(error_code(&body), "BAD_USER_INPUT", "{input}: {body}");
        assert_eq!(field(&body), expected, "{input}: {body}");
    }

    assert_eq!(
        (
            allocation_count(&app.db).await,
            activity_count(&app.db).await
        ),
        before
    );
    let row = fund_row(&app.db, fund).await;
    assert_eq!((row.committed_minor, row.version), (0, 1));
    // The valid input goes through.
    ok(&create(&app, &token, valid).await, "createFundAllocation");
}

#[tokio::test]
async fn only_coordinators_and_admins_allocate() {
    let app = spawn_app().await;
    let fund = insert_fund(&app.db, 100_000, Currency::Eur).await;
    let (partnership, member) = insert_partnership(&app.db, "Jumelage", "MA-03").await;
    let input = json!({
        "fund": gid(NodeKind::Fund, fund),
        "partnership": gid(NodeKind::Partnership, partnership),
        "amount": "10.00", "currency": "EUR",
    });
    let coordinator = app.token("COORDINATOR", None, None);
    let made = create(&app, &coordinator, input.clone()).await;
    let id = ok(&made, "createFundAllocation")["fundAllocation"]["id"].clone();
    let before = (
        allocation_count(&app.db).await,
        activity_count(&app.db).await,
    );

    let anonymous = app
        .graphql(
            &mutation("createFundAllocation", "CreateFundAllocationInput"),
            json!({ "input": input }),
        )
        .await;
    assert_eq!(error_code(&anonymous), "UNAUTHENTICATED", "{anonymous}");
    // An officer of the partnership's own circumscription, and a partner member of it.
    let officer = app.token("OFFICER", Some("FES"), None);
    let partner = app.token("PARTNER", None, Some(&gid(NodeKind::Actor, member)));
    for token in [&officer, &partner] {
        let body = create(&app, token, input.clone()).await;
        assert_eq!(error_code(&body), "FORBIDDEN", "{body}");
        for name in ["commitFundAllocation", "cancelFundAllocation"] {
            let body = transition(&app, token, name, &id, 1).await;
            assert_eq!(error_code(&body), "FORBIDDEN", "{name}: {body}");
        }
        let body = update(
            &app,
            token,
            json!({"id": id, "expectedVersion": 1, "amount": "5"}),
        )
        .await;
        assert_eq!(error_code(&body), "FORBIDDEN", "{body}");
    }
    assert_eq!(
        (
            allocation_count(&app.db).await,
            activity_count(&app.db).await
        ),
        before
    );

    let admin = app.token("ADMIN", None, None);
    let body = transition(&app, &admin, "commitFundAllocation", &id, 1).await;
    assert_eq!(
        ok(&body, "commitFundAllocation")["fundAllocation"]["status"],
        "COMMITTED"
    );
}

#[tokio::test]
async fn the_check_constraint_stands_behind_the_guard() {
    let app = spawn_app().await;
    let fund = insert_fund(&app.db, 100_000, Currency::Eur).await;

    // A write that skipped the guard is refused by the database itself, and recognised as
    // the CHECK violation the services answer with the envelope's CONFLICT.
    for committed in [100_001_i64, -1] {
        let refused = fund::Entity::update_many()
            .col_expr(fund::Column::CommittedMinor, Expr::value(committed))
            .filter(fund::Column::Id.eq(fund))
            .exec(&app.db.writer)
            .await
            .expect_err("the CHECK constraint refuses it");
        assert!(
            partner_hub::services::write::is_check_violation(&refused),
            "{refused}"
        );
    }
    assert_eq!(fund_row(&app.db, fund).await.committed_minor, 0);
}
