//! Project input validation: every refusal names the input path at fault and leaves nothing
//! behind — no project, no child row, no activity entry, no idempotency key.

use partner_hub::graphql::relay::NodeKind;
use serde_json::{Value, json};

use super::{CREATE, association, create, field, footprint, gid, minimal};
use crate::helpers::{error_code, spawn_app};

type Edit = Box<dyn Fn(&mut Value)>;

fn set(key: &'static str, value: Value) -> Edit {
    Box::new(move |input: &mut Value| input[key] = value.clone())
}

#[tokio::test]
async fn bad_input_names_the_field_and_writes_nothing() {
    let app = spawn_app().await;
    let coordinator = app.token("COORDINATOR", None, None);
    let ngo = association(&app, "Association Atlas", "MA-FES").await;
    let ghost = gid(NodeKind::Actor, 999_999);
    let project_gid = gid(NodeKind::Project, 1);
    let mut taken = minimal("Projet existant", &[]);
    taken["iatiIdentifier"] = json!("FR-3-TAKEN");
    create(&app, &coordinator, taken).await;
    let line = |amount: &str, start: &str, end: &str| {
        json!([{ "kind": "ORIGINAL", "periodStart": start, "periodEnd": end,
                 "amount": amount, "currency": "EUR" }])
    };
    let tx = |amount: &str, provider: &str| {
        json!([{ "kind": "COMMITMENT", "date": "2026-01-01", "amount": amount,
                 "currency": "MAD", "provider": provider }])
    };
    let cases: Vec<(&str, Edit)> = vec![
        (
            "input.title.fr",
            Box::new(|i| i["title"]["fr"] = json!("   ")),
        ),
        (
            "input.title.fr",
            Box::new(|i| i["title"]["fr"] = json!("x".repeat(301))),
        ),
        (
            "input.title.ar",
            Box::new(|i| i["title"]["ar"] = json!("ا\u{0007}ب")),
        ),
        (
            "input.iatiIdentifier",
            set("iatiIdentifier", json!("FR-3-TAKEN")),
        ),
        (
            "input.iatiIdentifier",
            set("iatiIdentifier", json!("FR 3 001")),
        ),
        (
            "input.plannedEnd",
            Box::new(|i| {
                i["plannedStart"] = json!("2026-06-01");
                i["plannedEnd"] = json!("2026-05-31");
            }),
        ),
        (
            "input.actualEnd",
            Box::new(|i| {
                i["actualStart"] = json!("2026-06-01");
                i["actualEnd"] = json!("2025-01-01");
            }),
        ),
        ("input.publishable", set("publishable", json!(true))),
        ("input.locations[0]", set("locations", json!(["MA-99"]))),
        (
            "input.locations[1]",
            set("locations", json!(["MA-03", "ma-03"])),
        ),
        (
            "input.sectors[0].dacCode",
            set("sectors", json!([{ "dacCode": "1511" }])),
        ),
        (
            "input.sectors[1].dacCode",
            set(
                "sectors",
                json!([{ "dacCode": "15112" }, { "dacCode": "15112" }]),
            ),
        ),
        (
            "input.sectors",
            set(
                "sectors",
                json!([
            { "dacCode": "15112", "percentage": "60" },
            { "dacCode": "15150", "percentage": "30" }]),
            ),
        ),
        (
            "input.sectors[1].percentage",
            set(
                "sectors",
                json!([
            { "dacCode": "15112", "percentage": "100" }, { "dacCode": "15150" }]),
            ),
        ),
        (
            "input.sectors[0].percentage",
            set(
                "sectors",
                json!([{ "dacCode": "15112", "percentage": "100.001" }]),
            ),
        ),
        ("input.sdgGoals[1]", set("sdgGoals", json!([16, 18]))),
        ("input.sdgGoals[1]", set("sdgGoals", json!([16, 16]))),
        ("input.sdgTargets[0]", set("sdgTargets", json!(["16"]))),
        ("input.sdgTargets[0]", set("sdgTargets", json!(["18.1"]))),
        ("input.themes[1]", set("themes", json!(["YOUTH", "YOUTH"]))),
        (
            "input.participants[1].role",
            set(
                "participants",
                json!([
            { "actor": ngo, "role": "IMPLEMENTING" }, { "actor": ngo, "role": "IMPLEMENTING" }]),
            ),
        ),
        (
            "input.participants[0].actor",
            set(
                "participants",
                json!([{ "actor": ghost, "role": "PARTNER" }]),
            ),
        ),
        (
            "input.participants[0].actor",
            set(
                "participants",
                json!([{ "actor": project_gid, "role": "PARTNER" }]),
            ),
        ),
        (
            "input.budgetLines[0].amount",
            set("budgetLines", line("12.345", "2026-01-01", "2026-12-31")),
        ),
        (
            "input.budgetLines[0].amount",
            set("budgetLines", line("1e3", "2026-01-01", "2026-12-31")),
        ),
        (
            "input.budgetLines[0].amount",
            set("budgetLines", line("0", "2026-01-01", "2026-12-31")),
        ),
        (
            "input.budgetLines[0].periodEnd",
            set("budgetLines", line("10.00", "2026-01-01", "2025-12-31")),
        ),
        (
            "input.transactions[0].amount",
            set("transactions", tx("-5", &ngo)),
        ),
        (
            "input.transactions[0].amount",
            set("transactions", tx("1,5", &ngo)),
        ),
        (
            "input.transactions[0].provider",
            set("transactions", tx("5", &ghost)),
        ),
    ];
    let before = footprint(&app).await;
    for (expected, edit) in cases {
        let mut input = minimal("Projet valide", &["MA-03"]);
        input["idempotencyKey"] = json!("always-the-same-key");
        edit(&mut input);
        let body = app
            .graphql_as(&coordinator, CREATE, json!({ "input": input }))
            .await;
        assert_eq!(error_code(&body), "BAD_USER_INPUT", "{expected}: {body}");
        assert_eq!(super::field(&body), expected, "{body}");
    }
    assert_eq!(
        footprint(&app).await,
        before,
        "a refused create leaves nothing"
    );

    // A currency outside the vocabulary is refused by GraphQL validation itself, and an
    // amount given as a number is not a string: both before any write.
    for (currency, amount) in [(json!("USD"), json!("10.00")), (json!("EUR"), json!(10.5))] {
        let mut input = minimal("Projet en dollars", &[]);
        input["budgetLines"] = json!([{ "kind": "ORIGINAL", "periodStart": "2026-01-01",
            "periodEnd": "2026-12-31", "amount": amount, "currency": currency }]);
        let response = app
            .client
            .post(app.url("/graphql"))
            .header("Accept", "application/graphql-response+json")
            .bearer_auth(&coordinator)
            .json(&json!({ "query": CREATE, "variables": { "input": input } }))
            .send()
            .await
            .unwrap();
        let body: Value = response.json().await.unwrap();
        assert!(body["errors"].is_array(), "{body}");
        assert!(body["data"].is_null() || body["data"]["createProject"].is_null());
    }
    assert_eq!(footprint(&app).await, before);
}

#[tokio::test]
async fn an_update_is_validated_against_the_stored_project() {
    let app = spawn_app().await;
    let coordinator = app.token("COORDINATOR", None, None);
    let mut input = minimal("Projet daté", &["MA-03"]);
    input["plannedStart"] = json!("2026-01-01");
    input["sensitivity"] = json!("PUBLIC");
    input["publishable"] = json!(true);
    let id = create(&app, &coordinator, input).await;
    let mut other = minimal("Autre projet", &[]);
    other["iatiIdentifier"] = json!("FR-3-OTHER");
    create(&app, &coordinator, other).await;

    let before = footprint(&app).await;
    let cases = [
        (json!({ "plannedEnd": "2025-12-31" }), "input.plannedEnd"),
        (json!({ "sensitivity": "INTERNAL" }), "input.sensitivity"),
        (
            json!({ "iatiIdentifier": "FR-3-OTHER" }),
            "input.iatiIdentifier",
        ),
        (json!({ "title": { "fr": "" } }), "input.title.fr"),
        (json!({ "sdgTargets": ["5.aa"] }), "input.sdgTargets[0]"),
    ];
    for (patch, expected) in cases {
        let mut patch = patch;
        patch["id"] = json!(id);
        patch["expectedVersion"] = json!(1);
        let body = app
            .graphql_as(&coordinator, super::UPDATE, json!({ "input": patch }))
            .await;
        assert_eq!(error_code(&body), "BAD_USER_INPUT", "{expected}: {body}");
        assert_eq!(field(&body), expected, "{body}");
    }
    assert_eq!(footprint(&app).await, before);
    assert_eq!(
        super::read(&app, &id).await["version"],
        1,
        "no version was spent"
    );

    // Keeping its own identifier is no collision; making it non-public together with
    // withdrawing it from export is allowed.
    let patch = json!({ "id": id, "expectedVersion": 1, "sensitivity": "INTERNAL",
                        "publishable": false });
    let data = app
        .data_as(&coordinator, super::UPDATE, json!({ "input": patch }))
        .await;
    assert_eq!(data["updateProject"]["project"]["version"], 2);
}
