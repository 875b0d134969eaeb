//! Territories: a commune added under a province, a territory's names and parent changed
//! (a new parent moves the records below it to the right circumscriptions).

use partner_hub::domain::vocabulary::{ActorKind, Sensitivity};
use partner_hub::graphql::relay::NodeKind;
use serde_json::{Value, json};

use super::{footprint, gid};
use crate::fixtures::{NewActor, insert_actor};
use crate::helpers::{TestApp, error_code, spawn_app};
use crate::writes::people::{field, last_entry};

const CREATE: &str = r#"mutation($input: CreateTerritoryInput!) {
  createTerritory(input: $input) { territory { id code level name arabic: name(lang: AR)
    version parent { code } circumscription { code } } }
}"#;

const UPDATE: &str = r#"mutation($input: UpdateTerritoryInput!) {
  updateTerritory(input: $input) { territory { id code name english: name(lang: EN) seat
    version parent { code } circumscription { code } } }
}"#;

const ACTOR: &str = r#"query($id: ID!) { node(id: $id) { ... on Association { id } } }"#;

fn oued_amlil() -> Value {
    json!({
        "idempotencyKey": "oued-amlil",
        "code": "ma-taz-oued-amlil",
        "parent": "MA-TAZ",
        "name": { "fr": " Oued Amlil ", "ar": "واد أمليل" },
    })
}

async fn officer_sees(app: &TestApp, circumscription: &str, actor: &str) -> bool {
    let token = app.token("OFFICER", Some(circumscription), None);
    !app.data_as(&token, ACTOR, json!({ "id": actor })).await["node"].is_null()
}

#[tokio::test]
async fn an_admin_adds_a_commune_where_actors_need_it() {
    let app = spawn_app().await;
    let admin = app.token("ADMIN", None, None);
    let created = app
        .data_as(&admin, CREATE, json!({ "input": oued_amlil() }))
        .await;
    let commune = &created["createTerritory"]["territory"];
    assert_eq!(commune["code"], "MA-TAZ-OUED-AMLIL");
    assert_eq!(commune["level"], "COMMUNE");
    assert_eq!(commune["name"], "Oued Amlil");
    assert_eq!(commune["arabic"], "واد أمليل");
    assert_eq!(commune["parent"]["code"], "MA-TAZ");
    assert_eq!(
        commune["circumscription"]["code"], "FES",
        "inherited from its region"
    );
    assert_eq!(last_entry(&app).await.kind.as_str(), "REFERENCE_UPDATED");

    // A retry answers the same commune; the same key for another input conflicts.
    let after = footprint(&app).await;
    let again = app
        .data_as(&admin, CREATE, json!({ "input": oued_amlil() }))
        .await;
    assert_eq!(again["createTerritory"]["territory"]["id"], commune["id"]);
    let mut other = oued_amlil();
    other["name"]["fr"] = json!("Oued Amlil-Centre");
    let body = app
        .graphql_as(&admin, CREATE, json!({ "input": other }))
        .await;
    assert_eq!(error_code(&body), "CONFLICT", "{body}");
    assert_eq!(footprint(&app).await, after);

    for (change, expected) in [
        (
            json!({ "code": "MA-TAZ-X", "parent": "MA-03" }),
            "input.parent",
        ),
        (
            json!({ "code": "MA-TAZ-X", "parent": "MA-NOPE" }),
            "input.parent",
        ),
        (json!({ "code": "MA-TAZ-OUED-AMLIL" }), "input.code"),
        (json!({ "code": "TAZ 1" }), "input.code"),
        (json!({ "code": "MA-TAZ-A-VERY-LONG-CODE" }), "input.code"),
        (
            json!({ "code": "MA-TAZ-X", "name": { "fr": "" } }),
            "input.name.fr",
        ),
    ] {
        let mut input = oued_amlil();
        input["idempotencyKey"] = Value::Null;
        for (k, v) in change.as_object().unwrap() {
            input[k] = v.clone();
        }
        let body = app
            .graphql_as(&admin, CREATE, json!({ "input": input }))
            .await;
        assert_eq!(error_code(&body), "BAD_USER_INPUT", "{body}");
        assert_eq!(field(&body), expected, "{body}");
    }
    let coordinator = app.token("COORDINATOR", None, None);
    let mut input = oued_amlil();
    input["code"] = json!("MA-TAZ-TAHLA");
    let body = app
        .graphql_as(&coordinator, CREATE, json!({ "input": input }))
        .await;
    assert_eq!(error_code(&body), "FORBIDDEN", "{body}");
    assert_eq!(footprint(&app).await, after);
}

#[tokio::test]
async fn an_admin_renames_a_territory_and_moves_a_commune_with_its_actors() {
    let app = spawn_app().await;
    let admin = app.token("ADMIN", None, None);
    let created = app
        .data_as(&admin, CREATE, json!({ "input": oued_amlil() }))
        .await;
    let commune = created["createTerritory"]["territory"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let actor = insert_actor(
        &app.db,
        NewActor {
            seat: Some("MA-TAZ-OUED-AMLIL"),
            sensitivity: Sensitivity::Restricted,
            ..NewActor::public(ActorKind::Association, "Coopérative d'Oued Amlil")
        },
    )
    .await;
    let actor = gid(NodeKind::Actor, actor);
    assert!(officer_sees(&app, "FES", &actor).await);

    let renamed = app
        .data_as(
            &admin,
            UPDATE,
            json!({ "input": { "id": commune, "expectedVersion": 1,
                               "name": { "en": "Oued Amlil" }, "seat": "Oued Amlil" } }),
        )
        .await;
    let territory = &renamed["updateTerritory"]["territory"];
    assert_eq!(territory["version"], 2);
    assert_eq!(territory["english"], "Oued Amlil");
    assert_eq!(territory["seat"], "Oued Amlil");

    // Moved under Marrakech's prefecture: the actor seated there follows.
    let moved = app
        .data_as(
            &admin,
            UPDATE,
            json!({ "input": { "id": commune, "expectedVersion": 2, "parent": "MA-MAR" } }),
        )
        .await;
    let territory = &moved["updateTerritory"]["territory"];
    assert_eq!(territory["parent"]["code"], "MA-MAR");
    assert_eq!(territory["circumscription"]["code"], "MARRAKECH");
    assert!(officer_sees(&app, "MARRAKECH", &actor).await);
    assert!(!officer_sees(&app, "FES", &actor).await);
    let details = last_entry(&app).await.details.unwrap();
    assert!(details.contains(r#""recordsRecomputed":1"#), "{details}");

    let before = footprint(&app).await;
    for (input, code, expected) in [
        (
            json!({ "expectedVersion": 1, "name": { "fr": "X" } }),
            "CONFLICT",
            None,
        ),
        (
            json!({ "expectedVersion": 3, "parent": "MA-07" }),
            "BAD_USER_INPUT",
            Some("input.parent"),
        ),
        (
            json!({ "expectedVersion": 3, "name": { "fr": " " } }),
            "BAD_USER_INPUT",
            Some("input.name.fr"),
        ),
        (
            json!({ "expectedVersion": 3 }),
            "BAD_USER_INPUT",
            Some("input"),
        ),
    ] {
        let mut input = input;
        input["id"] = json!(commune);
        let body = app
            .graphql_as(&admin, UPDATE, json!({ "input": input }))
            .await;
        assert_eq!(error_code(&body), code, "{body}");
        if let Some(expected) = expected {
            assert_eq!(field(&body), expected, "{body}");
        } else {
            assert_eq!(body["errors"][0]["extensions"]["currentVersion"], 3);
        }
    }
    let officer = app.token("OFFICER", Some("MARRAKECH"), None);
    let body = app
        .graphql_as(
            &officer,
            UPDATE,
            json!({ "input": { "id": commune, "expectedVersion": 3, "name": { "fr": "X" } } }),
        )
        .await;
    assert_eq!(error_code(&body), "FORBIDDEN", "{body}");
    assert_eq!(footprint(&app).await, before);
}
