//! Writes: submitting applications, their life, withdrawal and the restricted evaluation.

use partner_hub::domain::vocabulary::ActivityKind;
use partner_hub::entities::activity;
use partner_hub::graphql::relay::NodeKind;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};

use super::{association, coordinator, counts, day, field, gid, logged, open_call, publish};
use crate::helpers::{TestApp, error_code, spawn_app};

pub const SUBMIT: &str = r#"
mutation($input: SubmitApplicationInput!) {
  submitApplication(input: $input) {
    application {
      id title status version sensitivity submittedAt
      requested { amount currency }
      applicants { id }
      call { id }
      project { id }
    }
  }
}"#;

pub const DECIDE: &str = r#"
mutation($input: DecideApplicationInput!) {
  decideApplication(input: $input) {
    application {
      id status version
      project {
        id title status instrument fundingSource pillar sensitivity
        participants { nodes { role actor { id } } }
        locations { code }
        application { id }
      }
    }
  }
}"#;

const WITHDRAW: &str = r#"
mutation($input: WithdrawApplicationInput!) {
  withdrawApplication(input: $input) { application { id status version } }
}"#;

const EVALUATE: &str = r#"
mutation($input: EvaluateApplicationInput!) {
  evaluateApplication(input: $input) { application { id evaluation version } }
}"#;

/// The input of an application by `applicants` (database ids) to `call`.
pub fn application_input(call: &str, applicants: &[i64]) -> Value {
    json!({
        "call": call,
        "title": "Jeunes leaders pour le climat",
        "applicants": applicants.iter().map(|a| gid(NodeKind::Actor, *a)).collect::<Vec<_>>(),
        "requestedAmount": "25000.00",
        "requestedCurrency": "EUR",
    })
}

/// Submits as `token`; answers the application's global ID.
pub async fn submit(app: &TestApp, token: &str, input: Value) -> String {
    let data = app.data_as(token, SUBMIT, json!({ "input": input })).await;
    data["submitApplication"]["application"]["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// Decides as a coordinator; answers the body.
pub async fn decide(app: &TestApp, id: &str, version: i64, status: &str) -> Value {
    let input = json!({ "id": id, "expectedVersion": version, "status": status });
    app.graphql_as(&coordinator(app), DECIDE, json!({ "input": input }))
        .await
}

#[tokio::test]
async fn a_partner_submits_an_application_in_its_own_name() {
    let app = spawn_app().await;
    let call = publish(&app, open_call("Genre, jeunesse, climat")).await;
    let own = association(&app, "Association Tilila", "MA-03").await;
    let other = association(&app, "Association Amal", "MA-04").await;
    let partner = app.token("PARTNER", None, Some(&gid(NodeKind::Actor, own)));

    let data = app
        .data_as(
            &partner,
            SUBMIT,
            json!({ "input": application_input(&call, &[own, other]) }),
        )
        .await;
    let created = &data["submitApplication"]["application"];
    assert_eq!(created["status"], "SUBMITTED");
    assert_eq!(created["version"], 1);
    assert_eq!(created["sensitivity"], "INTERNAL");
    assert_eq!(
        created["requested"],
        json!({ "amount": "25000.00", "currency": "EUR" })
    );
    assert_eq!(created["call"]["id"], call);
    assert_eq!(created["applicants"].as_array().unwrap().len(), 2);
    assert!(created["submittedAt"].is_string());
    let id = created["id"].as_str().unwrap();

    // The call lists it, and it belongs to its applicants' circumscriptions (FES, RABAT): an
    // officer of Fès finds it in its circumscription's activity.
    let read = app
        .data_as(
            &coordinator(&app),
            "query($id: ID!) { node(id: $id) { ... on Call { applications { totalCount nodes { id } } } } }",
            json!({ "id": call }),
        )
        .await;
    assert_eq!(read["node"]["applications"]["nodes"][0]["id"], id);
    assert!(
        logged(&app, "APPLICATION_SUBMITTED")
            .await
            .contains(&id.to_owned())
    );
    let officer = app.token("OFFICER", Some("FES"), None);
    let feed = app
        .data_as(
            &officer,
            r#"{ activity(filter: { circumscription: "FES", kinds: [APPLICATION_SUBMITTED] }) { nodes { subject { id } } } }"#,
            json!({}),
        )
        .await;
    assert_eq!(feed["activity"]["nodes"][0]["subject"]["id"], id);

    // Naming only someone else's actor is refused; so is an officer or an anonymous viewer.
    let before = counts(&app).await;
    let body = app
        .graphql_as(
            &partner,
            SUBMIT,
            json!({ "input": application_input(&call, &[other]) }),
        )
        .await;
    assert_eq!(error_code(&body), "FORBIDDEN", "{body}");
    let body = app
        .graphql_as(
            &officer,
            SUBMIT,
            json!({ "input": application_input(&call, &[own]) }),
        )
        .await;
    assert_eq!(error_code(&body), "FORBIDDEN", "{body}");
    let body = app
        .graphql(SUBMIT, json!({ "input": application_input(&call, &[own]) }))
        .await;
    assert_eq!(error_code(&body), "UNAUTHENTICATED", "{body}");
    assert_eq!(counts(&app).await, before);
}

#[tokio::test]
async fn invalid_applications_name_the_field_and_write_nothing() {
    let app = spawn_app().await;
    let token = coordinator(&app);
    let call = publish(&app, open_call("Appel ouvert")).await;
    let mut closed = open_call("Appel clos");
    closed["opensOn"] = json!(day(-60));
    closed["closesOn"] = json!(day(-1));
    let closed = publish(&app, closed).await;
    let mut future = open_call("Appel à venir");
    future["opensOn"] = json!(day(1));
    let future = publish(&app, future).await;
    let a = association(&app, "Association Alpha", "MA-03").await;
    let b = association(&app, "Association Beta", "MA-04").await;
    let own = app.token("PARTNER", None, Some(&gid(NodeKind::Actor, a)));

    let cases: Vec<(&str, &str, Value, &str)> = vec![
        (
            "no applicant",
            &token,
            json!({ "applicants": [] }),
            "input.applicants",
        ),
        (
            "an applicant twice",
            &token,
            json!({ "applicants": [gid(NodeKind::Actor, a), gid(NodeKind::Actor, b), gid(NodeKind::Actor, a)] }),
            "input.applicants[2]",
        ),
        (
            "an unknown applicant",
            &token,
            json!({ "applicants": [gid(NodeKind::Actor, a), gid(NodeKind::Actor, 999_999)] }),
            "input.applicants[1]",
        ),
        (
            "not an amount",
            &token,
            json!({ "requestedAmount": "1,5" }),
            "input.requestedAmount",
        ),
        (
            "nothing requested",
            &token,
            json!({ "requestedAmount": "0" }),
            "input.requestedAmount",
        ),
        (
            "an empty title",
            &token,
            json!({ "title": " " }),
            "input.title",
        ),
        (
            "a closed call",
            &token,
            json!({ "call": closed }),
            "input.call",
        ),
        (
            "a call not open yet",
            &token,
            json!({ "call": future }),
            "input.call",
        ),
        (
            "an unknown call",
            &token,
            json!({ "call": gid(NodeKind::Call, 999_999) }),
            "input.call",
        ),
        (
            "personal data",
            &token,
            json!({ "sensitivity": "PERSONAL" }),
            "input.sensitivity",
        ),
        (
            "restricted by a partner",
            &own,
            json!({ "sensitivity": "RESTRICTED" }),
            "input.sensitivity",
        ),
    ];
    let before = counts(&app).await;
    for (what, token, change, expected) in cases {
        let mut input = application_input(&call, &[a]);
        for (k, v) in change.as_object().unwrap() {
            input[k] = v.clone();
        }
        let body = app
            .graphql_as(token, SUBMIT, json!({ "input": input }))
            .await;
        assert_eq!(field(&body), expected, "{what}: {body}");
    }
    assert_eq!(counts(&app).await, before, "nothing written");
}

#[tokio::test]
async fn submitting_is_safe_to_retry() {
    let app = spawn_app().await;
    let call = publish(&app, open_call("Appel")).await;
    let own = association(&app, "Association Tilila", "MA-03").await;
    let partner = app.token("PARTNER", None, Some(&gid(NodeKind::Actor, own)));
    let mut input = application_input(&call, &[own]);
    input["idempotencyKey"] = json!("tilila-2025");

    let first = submit(&app, &partner, input.clone()).await;
    let after = counts(&app).await;
    assert_eq!(submit(&app, &partner, input.clone()).await, first);
    assert_eq!(counts(&app).await, after);

    input["requestedAmount"] = json!("30000.00");
    let body = app
        .graphql_as(&partner, SUBMIT, json!({ "input": input }))
        .await;
    assert_eq!(error_code(&body), "CONFLICT", "{body}");
    assert_eq!(counts(&app).await, after);
}

#[tokio::test]
async fn an_application_moves_only_along_its_life() {
    let app = spawn_app().await;
    let call = publish(&app, open_call("Appel")).await;
    let a = association(&app, "Association Alpha", "MA-03").await;
    let id = submit(&app, &coordinator(&app), application_input(&call, &[a])).await;

    let before = counts(&app).await;
    for skipped in ["SHORTLISTED", "SELECTED", "SUBMITTED"] {
        let body = decide(&app, &id, 1, skipped).await;
        assert_eq!(
            field(&body),
            "input.status",
            "SUBMITTED → {skipped}: {body}"
        );
    }
    assert_eq!(counts(&app).await, before);

    let body = decide(&app, &id, 1, "ELIGIBLE").await;
    let decided = &body["data"]["decideApplication"]["application"];
    assert_eq!(decided["status"], "ELIGIBLE", "{body}");
    assert_eq!(decided["version"], 2);
    assert_eq!(decided["project"], Value::Null);
    assert!(logged(&app, "APPLICATION_DECIDED").await.contains(&id));

    // A stale version is a conflict, even for a transition that is no longer legal.
    let body = decide(&app, &id, 1, "ELIGIBLE").await;
    assert_eq!(error_code(&body), "CONFLICT", "{body}");
    assert_eq!(body["errors"][0]["extensions"]["currentVersion"], 2);

    let body = decide(&app, &id, 2, "REJECTED").await;
    assert_eq!(
        body["data"]["decideApplication"]["application"]["status"],
        "REJECTED"
    );
    let body = decide(&app, &id, 3, "SHORTLISTED").await;
    assert_eq!(field(&body), "input.status", "REJECTED is final: {body}");
    let body = app
        .graphql_as(
            &coordinator(&app),
            WITHDRAW,
            json!({ "input": { "id": id, "expectedVersion": 3 } }),
        )
        .await;
    assert_eq!(
        field(&body),
        "input.status",
        "a decided application is not withdrawn"
    );
}

#[tokio::test]
async fn applicants_withdraw_and_coordinators_evaluate() {
    let app = spawn_app().await;
    let call = publish(&app, open_call("Appel")).await;
    let own = association(&app, "Association Tilila", "MA-03").await;
    let other = association(&app, "Association Amal", "MA-04").await;
    let partner = app.token("PARTNER", None, Some(&gid(NodeKind::Actor, own)));
    let stranger = app.token("PARTNER", None, Some(&gid(NodeKind::Actor, other)));
    let officer = app.token("OFFICER", Some("FES"), None);
    let id = submit(&app, &partner, application_input(&call, &[own])).await;

    // Only coordinators decide and evaluate; a partner of another actor cannot withdraw.
    let before = counts(&app).await;
    let decide_input = json!({ "input": { "id": id, "expectedVersion": 1, "status": "ELIGIBLE" } });
    for token in [&partner, &officer] {
        let body = app.graphql_as(token, DECIDE, decide_input.clone()).await;
        assert_eq!(error_code(&body), "FORBIDDEN", "{body}");
        let input = json!({ "input": { "id": id, "expectedVersion": 1, "evaluation": "Bon" } });
        let body = app.graphql_as(token, EVALUATE, input).await;
        assert_eq!(error_code(&body), "FORBIDDEN", "{body}");
    }
    let withdraw = json!({ "input": { "id": id, "expectedVersion": 1 } });
    let body = app.graphql_as(&stranger, WITHDRAW, withdraw.clone()).await;
    assert_eq!(error_code(&body), "FORBIDDEN", "{body}");
    let body = app.graphql_as(&officer, WITHDRAW, withdraw.clone()).await;
    assert_eq!(error_code(&body), "FORBIDDEN", "{body}");
    let body = app.graphql(WITHDRAW, withdraw.clone()).await;
    assert_eq!(error_code(&body), "UNAUTHENTICATED", "{body}");
    assert_eq!(counts(&app).await, before);

    // The evaluation is restricted: its author and the Fès officer read it, the partner does
    // not, and the log names the field without its text.
    let secret = "Projet solide, budget à revoir";
    let input =
        json!({ "input": { "id": id, "expectedVersion": 1, "evaluation": format!(" {secret} ") } });
    let data = app.data_as(&coordinator(&app), EVALUATE, input).await;
    assert_eq!(
        data["evaluateApplication"]["application"]["evaluation"],
        secret
    );
    assert_eq!(data["evaluateApplication"]["application"]["version"], 2);
    let read = "query($id: ID!) { node(id: $id) { ... on Application { evaluation } } }";
    let seen = app.data_as(&officer, read, json!({ "id": id })).await;
    assert_eq!(seen["node"]["evaluation"], secret);
    let seen = app.data_as(&partner, read, json!({ "id": id })).await;
    assert_eq!(seen["node"]["evaluation"], Value::Null);
    let details: Vec<Option<String>> = activity::Entity::find()
        .filter(activity::Column::Kind.eq(ActivityKind::ApplicationDecided))
        .all(&app.db.writer)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.details)
        .collect();
    assert_eq!(details.len(), 1);
    let logged_details = details[0].clone().unwrap();
    assert!(!logged_details.contains("solide"), "{logged_details}");
    assert!(logged_details.contains("evaluation"), "{logged_details}");

    // The applicant partner withdraws (with the version the evaluation left).
    let body = app.graphql_as(&partner, WITHDRAW, withdraw).await;
    assert_eq!(error_code(&body), "CONFLICT", "{body}");
    let withdraw = json!({ "input": { "id": id, "expectedVersion": 2 } });
    let data = app.data_as(&partner, WITHDRAW, withdraw).await;
    let withdrawn = &data["withdrawApplication"]["application"];
    assert_eq!(withdrawn["status"], "WITHDRAWN");
    assert_eq!(withdrawn["version"], 3);
}
