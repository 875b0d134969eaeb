//! An allocation's life: committed against the envelope, cancelled (freeing its amount through
//! the same guard), its amount changed; stale versions and finished states refused.

use partner_hub::domain::vocabulary::Currency;
use partner_hub::graphql::relay::NodeKind;
use serde_json::{Value, json};

use super::fixtures::{
    activity_count, allocation_count, committed_in_table, fund_row, gid, insert_fund,
    insert_located_project,
};
use super::{create, field, ok, transition, update};
use crate::helpers::{TestApp, error_code, spawn_app};

struct Setup {
    app: TestApp,
    token: String,
    fund: i64,
    project: i64,
}

/// A EUR fund with an envelope of EUR 100.00, and a project to fund.
async fn setup() -> Setup {
    let app = spawn_app().await;
    let token = app.token("COORDINATOR", None, None);
    let fund = insert_fund(&app.db, 10_000, Currency::Eur).await;
    let project = insert_located_project(&app.db, "Projet à Fès", "MA-03").await;
    Setup {
        app,
        token,
        fund,
        project,
    }
}

impl Setup {
    /// Creates an allocation of EUR `amount` with `status`; answers its id.
    async fn allocate(&self, amount: &str, status: &str) -> Value {
        let body = create(&self.app, &self.token, self.input(amount, status)).await;
        ok(&body, "createFundAllocation")["fundAllocation"]["id"].clone()
    }

    fn input(&self, amount: &str, status: &str) -> Value {
        json!({
            "fund": gid(NodeKind::Fund, self.fund),
            "project": gid(NodeKind::Project, self.project),
            "amount": amount, "currency": "EUR", "status": status,
        })
    }

    async fn transition(&self, name: &str, id: &Value, version: i64) -> Value {
        transition(&self.app, &self.token, name, id, version).await
    }

    /// The fund's committed total, checked against the sum of its committed allocations.
    async fn committed(&self) -> i64 {
        let committed = fund_row(&self.app.db, self.fund).await.committed_minor;
        assert_eq!(
            committed_in_table(&self.app.db, self.fund).await.0,
            committed
        );
        committed
    }
}

fn conflict_remaining(body: &Value) -> &Value {
    assert_eq!(error_code(body), "CONFLICT", "{body}");
    &body["errors"][0]["extensions"]["remaining"]
}

#[tokio::test]
async fn committing_and_cancelling_go_through_the_envelope() {
    let s = setup().await;
    let a = s.allocate("60.00", "PROPOSED").await;
    let b = s.allocate("50.00", "PROPOSED").await;
    assert_eq!(s.committed().await, 0);

    let body = s.transition("commitFundAllocation", &a, 1).await;
    let payload = ok(&body, "commitFundAllocation");
    assert_eq!(payload["fundAllocation"]["status"], "COMMITTED");
    assert_eq!(payload["fundAllocation"]["version"], 2);
    assert_eq!(payload["fund"]["remaining"]["amount"], "40.00");
    assert_eq!(payload["fund"]["version"], 4, "two creates and a commit");
    assert_eq!(s.committed().await, 6_000);

    // B does not fit: CONFLICT with what remains; B stays proposed, nothing is written.
    let entries = activity_count(&s.app.db).await;
    let refused = s.transition("commitFundAllocation", &b, 1).await;
    assert_eq!(conflict_remaining(&refused), "40.00");
    let refused = s
        .app
        .graphql_as(
            &s.token,
            "mutation($i: CreateFundAllocationInput!) { \
        createFundAllocation(input: $i) { fundAllocation { id } } }",
            json!({ "i": s.input("40.01", "COMMITTED") }),
        )
        .await;
    assert_eq!(conflict_remaining(&refused), "40.00");
    assert_eq!(activity_count(&s.app.db).await, entries);
    assert_eq!(allocation_count(&s.app.db).await, 2);
    assert_eq!(fund_row(&s.app.db, s.fund).await.version, 4);

    // A stale version, then a finished state.
    let stale = s.transition("cancelFundAllocation", &a, 1).await;
    assert_eq!(error_code(&stale), "CONFLICT", "{stale}");
    assert_eq!(stale["errors"][0]["extensions"]["currentVersion"], 2);
    let again = s.transition("commitFundAllocation", &a, 2).await;
    assert_eq!(error_code(&again), "BAD_USER_INPUT", "{again}");
    assert_eq!(field(&again), "input.id");

    // Cancelling A frees its EUR 60.00 through the same guard: now B fits.
    let body = s.transition("cancelFundAllocation", &a, 2).await;
    let payload = ok(&body, "cancelFundAllocation");
    assert_eq!(payload["fundAllocation"]["status"], "CANCELLED");
    assert_eq!(payload["fund"]["remaining"]["amount"], "100.00");
    assert_eq!(s.committed().await, 0);
    let body = s.transition("commitFundAllocation", &b, 1).await;
    assert_eq!(
        ok(&body, "commitFundAllocation")["fund"]["remaining"]["amount"],
        "50.00"
    );
    assert_eq!(s.committed().await, 5_000);

    let twice = s.transition("cancelFundAllocation", &a, 3).await;
    assert_eq!(field(&twice), "input.id", "{twice}");
    // Cancelling a proposal leaves the committed total alone.
    let c = s.allocate("10.00", "PROPOSED").await;
    ok(
        &s.transition("cancelFundAllocation", &c, 1).await,
        "cancelFundAllocation",
    );
    assert_eq!(s.committed().await, 5_000);

    let log = s
        .app
        .data_as(
            &s.token,
            r#"{ activity(filter: { kinds: [FUNDING_COMMITTED, FUNDING_CANCELLED] }) {
                 nodes { kind subject { id } } } }"#,
            json!({}),
        )
        .await;
    let seen: Vec<(String, Value)> = log["activity"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["kind"].as_str().unwrap().to_owned(),
                e["subject"]["id"].clone(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        vec![
            ("FUNDING_CANCELLED".to_owned(), c),
            ("FUNDING_COMMITTED".to_owned(), b),
            ("FUNDING_CANCELLED".to_owned(), a.clone()),
            ("FUNDING_COMMITTED".to_owned(), a),
        ]
    );
}

#[tokio::test]
async fn amounts_change_through_the_guard() {
    let s = setup().await;
    let committed = s.allocate("30.00", "COMMITTED").await;
    let proposed = s.allocate("20.00", "PROPOSED").await;
    let change = |id: &Value, version: i64, extra: Value| {
        let mut input = json!({ "id": id, "expectedVersion": version });
        for (key, value) in extra.as_object().unwrap() {
            input[key] = value.clone();
        }
        input
    };

    // A proposal may grow past the envelope: it is not counted until committed.
    let body = update(
        &s.app,
        &s.token,
        change(&proposed, 1, json!({"amount": "90.00"})),
    )
    .await;
    let payload = ok(&body, "updateFundAllocation");
    assert_eq!(payload["fundAllocation"]["amount"]["amount"], "90.00");
    assert_eq!(payload["fundAllocation"]["version"], 2);
    assert_eq!(payload["fund"]["version"], 4, "two creates and an update");
    assert_eq!(s.committed().await, 3_000);

    // A committed one moves the total by the difference, within the envelope.
    let body = update(
        &s.app,
        &s.token,
        change(&committed, 1, json!({"amount": "80.00"})),
    )
    .await;
    assert_eq!(
        ok(&body, "updateFundAllocation")["fund"]["remaining"]["amount"],
        "20.00"
    );
    assert_eq!(s.committed().await, 8_000);
    let refused = update(
        &s.app,
        &s.token,
        change(&committed, 2, json!({"amount": "100.01"})),
    )
    .await;
    assert_eq!(conflict_remaining(&refused), "20.00");
    let body = update(
        &s.app,
        &s.token,
        change(&committed, 2, json!({"amount": "10.00"})),
    )
    .await;
    assert_eq!(
        ok(&body, "updateFundAllocation")["fund"]["remaining"]["amount"],
        "90.00"
    );
    assert_eq!(s.committed().await, 1_000);

    // Into dirhams: the amount and the rate are needed; the total follows the conversion.
    let no_amount = update(
        &s.app,
        &s.token,
        change(&committed, 3, json!({"currency": "MAD"})),
    )
    .await;
    assert_eq!(field(&no_amount), "input.amount", "{no_amount}");
    let no_rate = update(
        &s.app,
        &s.token,
        change(
            &committed,
            3,
            json!({"currency": "MAD", "amount": "100.00"}),
        ),
    )
    .await;
    assert_eq!(field(&no_rate), "input.exchangeRate", "{no_rate}");
    let body = update(
        &s.app,
        &s.token,
        change(
            &committed,
            3,
            json!({"currency": "MAD", "amount": "100.00", "exchangeRate": "0.092166"}),
        ),
    )
    .await;
    let payload = ok(&body, "updateFundAllocation");
    assert_eq!(
        payload["fundAllocation"]["convertedAmount"]["amount"],
        "9.22"
    );
    assert_eq!(s.committed().await, 922);

    let stale = update(
        &s.app,
        &s.token,
        change(&committed, 3, json!({"amount": "1.00"})),
    )
    .await;
    assert_eq!(
        stale["errors"][0]["extensions"]["currentVersion"], 4,
        "{stale}"
    );
    let nothing = update(&s.app, &s.token, change(&committed, 4, json!({}))).await;
    assert_eq!(field(&nothing), "input", "{nothing}");

    ok(
        &s.transition("cancelFundAllocation", &committed, 4).await,
        "cancelFundAllocation",
    );
    assert_eq!(s.committed().await, 0);
    let finished = update(
        &s.app,
        &s.token,
        change(&committed, 5, json!({"amount": "1.00"})),
    )
    .await;
    assert_eq!(field(&finished), "input.id", "{finished}");
}
