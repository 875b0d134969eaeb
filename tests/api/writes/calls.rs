//! Writes: calls for proposals (publish, update) here; their applications in
//! [`applications`], a selected application becoming a project in [`selection`].

mod applications;
mod selection;

use chrono::{Duration, Utc};
use partner_hub::domain::vocabulary::{ActorKind, Sensitivity};
use partner_hub::entities::{activity, application, call, project};
use partner_hub::graphql::relay::{GlobalId, NodeKind};
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::{Value, json};

use crate::fixtures::{NewActor, insert_actor};
use crate::helpers::{TestApp, error_code, spawn_app};

const CREATE_CALL: &str = r#"
mutation($input: CreateCallInput!) {
  createCall(input: $input) {
    call {
      id title titleAr: title(lang: AR) description year instrument audience
      budget { amount currency } opensOn closesOn themes sensitivity version
      fund { id }
    }
  }
}"#;

const UPDATE_CALL: &str = r#"
mutation($input: UpdateCallInput!) {
  updateCall(input: $input) {
    call { id title titleEn: title(lang: EN) budget { amount currency } closesOn themes version }
  }
}"#;

pub fn gid(kind: NodeKind, id: i64) -> String {
    GlobalId::new(kind, id).encode().to_string()
}

pub fn coordinator(app: &TestApp) -> String {
    app.token("COORDINATOR", None, None)
}

/// A day relative to today (UTC), as `YYYY-MM-DD`.
pub fn day(offset: i64) -> String {
    (Utc::now().date_naive() + Duration::days(offset)).to_string()
}

/// The input of a call open from ten days ago to thirty days from now.
pub fn open_call(title: &str) -> Value {
    json!({
        "title": { "fr": title },
        "year": 2025,
        "instrument": "CALL_FOR_PROPOSALS",
        "audience": "Associations marocaines",
        "budgetAmount": "250000.00",
        "budgetCurrency": "EUR",
        "opensOn": day(-10),
        "closesOn": day(30),
        "themes": ["YOUTH", "GENDER"],
    })
}

/// Publishes a call as a coordinator; answers its global ID.
pub async fn publish(app: &TestApp, input: Value) -> String {
    let data = app
        .data_as(&coordinator(app), CREATE_CALL, json!({ "input": input }))
        .await;
    data["createCall"]["call"]["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// A PUBLIC association seated in `seat`; answers its database id.
pub async fn association(app: &TestApp, name: &str, seat: &str) -> i64 {
    let mut actor = NewActor::public(ActorKind::Association, name);
    actor.seat = Some(seat);
    insert_actor(&app.db, actor).await
}

/// How many rows the tables a call or application write touches hold.
pub async fn counts(app: &TestApp) -> [u64; 4] {
    let db = &app.db.writer;
    [
        call::Entity::find().count(db).await.unwrap(),
        application::Entity::find().count(db).await.unwrap(),
        project::Entity::find().count(db).await.unwrap(),
        activity::Entity::find().count(db).await.unwrap(),
    ]
}

/// The BAD_USER_INPUT field of the first error.
pub fn field(body: &Value) -> &str {
    assert_eq!(error_code(body), "BAD_USER_INPUT", "{body}");
    body["errors"][0]["extensions"]["field"]
        .as_str()
        .unwrap_or("<none>")
}

/// The subjects (global IDs) of the latest activity entries of `kind`.
pub async fn logged(app: &TestApp, kind: &str) -> Vec<String> {
    let data = app
        .data_as(
            &coordinator(app),
            "query($kinds: [ActivityKind!]) {
               activity(filter: { kinds: $kinds }, first: 50) { nodes { subject { id } } }
             }",
            json!({ "kinds": [kind] }),
        )
        .await;
    data["activity"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|n| n["subject"]["id"].as_str().map(str::to_owned))
        .collect()
}

#[tokio::test]
async fn a_coordinator_publishes_a_call_that_everyone_reads_and_updates_it() {
    let app = spawn_app().await;
    let token = coordinator(&app);
    let mut input = open_call("  Genre, jeunesse, climat  ");
    // Arabic title as typed (trimmed and kept in NFC).
    input["title"]["ar"] = json!(" الشباب والمناخ ");
    input["description"] = json!("Appel aux associations.\nDeux lignes.");

    let data = app
        .data_as(&token, CREATE_CALL, json!({ "input": input }))
        .await;
    let created = &data["createCall"]["call"];
    assert_eq!(created["title"], "Genre, jeunesse, climat");
    assert_eq!(created["titleAr"], "الشباب والمناخ");
    assert_eq!(
        created["budget"],
        json!({ "amount": "250000.00", "currency": "EUR" })
    );
    assert_eq!(created["sensitivity"], "PUBLIC", "calls are published");
    assert_eq!(created["themes"], json!(["GENDER", "YOUTH"]));
    assert_eq!(created["version"], 1);
    let id = created["id"].as_str().unwrap();

    // An anonymous reader finds it through the query API.
    let read = app
        .data(
            "query($id: ID!) { node(id: $id) { ... on Call { title year closesOn } } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(read["node"]["year"], 2025);
    assert!(
        logged(&app, "CALL_PUBLISHED")
            .await
            .contains(&id.to_owned())
    );

    let patch = json!({
        "id": id, "expectedVersion": 1,
        "title": { "en": "Gender, youth, climate" },
        "budgetAmount": null,
        "closesOn": day(40),
        "themes": ["CLIMATE"],
    });
    let data = app
        .data_as(&token, UPDATE_CALL, json!({ "input": patch }))
        .await;
    let updated = &data["updateCall"]["call"];
    assert_eq!(updated["titleEn"], "Gender, youth, climate");
    assert_eq!(updated["title"], "Genre, jeunesse, climat");
    assert_eq!(updated["budget"], Value::Null);
    assert_eq!(updated["closesOn"], day(40));
    assert_eq!(updated["themes"], json!(["CLIMATE"]));
    assert_eq!(updated["version"], 2);
    assert!(logged(&app, "CALL_UPDATED").await.contains(&id.to_owned()));

    // A stale version is refused and changes nothing.
    let before = counts(&app).await;
    let stale = json!({ "id": id, "expectedVersion": 1, "year": 2026 });
    let body = app
        .graphql_as(&token, UPDATE_CALL, json!({ "input": stale }))
        .await;
    assert_eq!(error_code(&body), "CONFLICT", "{body}");
    assert_eq!(body["errors"][0]["extensions"]["currentVersion"], 2);
    assert_eq!(counts(&app).await, before);
}

#[tokio::test]
async fn invalid_calls_name_the_field_and_write_nothing() {
    let app = spawn_app().await;
    let token = coordinator(&app);
    let unknown_fund = gid(NodeKind::Fund, 999_999);
    let cases: Vec<(&str, Value, &str)> = vec![
        (
            "closes before it opens",
            json!({ "opensOn": day(5), "closesOn": day(1) }),
            "input.closesOn",
        ),
        (
            "a float-like budget",
            json!({ "budgetAmount": "12.345" }),
            "input.budgetAmount",
        ),
        (
            "a budget without currency",
            json!({ "budgetCurrency": null }),
            "input.budgetCurrency",
        ),
        (
            "a currency without budget",
            json!({ "budgetAmount": null }),
            "input.budgetAmount",
        ),
        (
            "a negative budget",
            json!({ "budgetAmount": "-10.00" }),
            "input.budgetAmount",
        ),
        ("an impossible year", json!({ "year": 1800 }), "input.year"),
        (
            "an empty title",
            json!({ "title": { "fr": "   " } }),
            "input.title.fr",
        ),
        (
            "a theme twice",
            json!({ "themes": ["YOUTH", "YOUTH"] }),
            "input.themes[1]",
        ),
        (
            "an unknown fund",
            json!({ "fund": unknown_fund }),
            "input.fund",
        ),
        (
            "another kind of ID",
            json!({ "fund": gid(NodeKind::Actor, 1) }),
            "input.fund",
        ),
    ];
    let before = counts(&app).await;
    for (what, change, expected) in cases {
        let mut input = open_call("Appel invalide");
        for (k, v) in change.as_object().unwrap() {
            input[k] = v.clone();
        }
        let body = app
            .graphql_as(&token, CREATE_CALL, json!({ "input": input }))
            .await;
        assert_eq!(field(&body), expected, "{what}: {body}");
    }
    assert_eq!(counts(&app).await, before, "nothing written");

    // The same rules hold for an update, which then keeps its version.
    let id = publish(&app, open_call("Appel valide")).await;
    let before = counts(&app).await;
    let body = app
        .graphql_as(
            &token,
            UPDATE_CALL,
            json!({ "input": { "id": id, "expectedVersion": 1, "opensOn": day(60) } }),
        )
        .await;
    assert_eq!(field(&body), "input.closesOn", "{body}");
    let body = app
        .graphql_as(
            &token,
            UPDATE_CALL,
            json!({ "input": { "id": id, "expectedVersion": 1, "budgetCurrency": "MAD" } }),
        )
        .await;
    assert_eq!(field(&body), "input.budgetAmount", "{body}");
    assert_eq!(counts(&app).await, before);
    let read = app
        .data_as(
            &token,
            "query($id: ID!) { node(id: $id) { ... on Call { version opensOn } } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(read["node"]["version"], 1);
    assert_eq!(read["node"]["opensOn"], day(-10));
}

#[tokio::test]
async fn publishing_a_call_is_safe_to_retry() {
    let app = spawn_app().await;
    let token = coordinator(&app);
    let mut input = open_call("Sport et inclusion");
    input["idempotencyKey"] = json!("call-2025-sport");

    let first = publish(&app, input.clone()).await;
    let after_first = counts(&app).await;
    let again = publish(&app, input.clone()).await;
    assert_eq!(again, first, "the retry answers the original call");
    assert_eq!(counts(&app).await, after_first, "and creates nothing");

    input["year"] = json!(2026);
    let body = app
        .graphql_as(&token, CREATE_CALL, json!({ "input": input }))
        .await;
    assert_eq!(error_code(&body), "CONFLICT", "{body}");
    assert_eq!(counts(&app).await, after_first);
}

#[tokio::test]
async fn only_coordinators_write_calls() {
    let app = spawn_app().await;
    let own = association(&app, "Association partenaire", "MA-03").await;
    let id = publish(&app, open_call("Appel réservé")).await;
    let before = counts(&app).await;
    let update = json!({ "id": id, "expectedVersion": 1, "year": 2030 });

    let body = app
        .graphql(CREATE_CALL, json!({ "input": open_call("Anonyme") }))
        .await;
    assert_eq!(error_code(&body), "UNAUTHENTICATED", "{body}");
    for token in [
        app.token("OFFICER", Some("FES"), None),
        app.token("PARTNER", None, Some(&gid(NodeKind::Actor, own))),
    ] {
        let body = app
            .graphql_as(&token, CREATE_CALL, json!({ "input": open_call("Non") }))
            .await;
        assert_eq!(error_code(&body), "FORBIDDEN", "{body}");
        let body = app
            .graphql_as(&token, UPDATE_CALL, json!({ "input": update }))
            .await;
        assert_eq!(error_code(&body), "FORBIDDEN", "{body}");
    }
    assert_eq!(counts(&app).await, before);

    // An admin writes them too; a RESTRICTED call is hidden from a partner afterwards.
    let admin = app.token("ADMIN", None, None);
    let mut input = open_call("Appel restreint");
    input["sensitivity"] = json!("RESTRICTED");
    let data = app
        .data_as(&admin, CREATE_CALL, json!({ "input": input }))
        .await;
    let restricted = data["createCall"]["call"]["id"].as_str().unwrap();
    assert_eq!(
        data["createCall"]["call"]["sensitivity"],
        json!(Sensitivity::Restricted)
    );
    let partner = app.token("PARTNER", None, Some(&gid(NodeKind::Actor, own)));
    let read = app
        .data_as(
            &partner,
            "query($id: ID!) { node(id: $id) { id } }",
            json!({ "id": restricted }),
        )
        .await;
    assert_eq!(read["node"], Value::Null);
}
