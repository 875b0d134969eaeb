//! Writes: expertise exchanges — record, update, archive/restore, providers and beneficiaries,
//! over HTTP with tokens; the guarantees (validation, idempotency, versions, the log, write
//! rules).

use partner_hub::domain::vocabulary::Country;
use partner_hub::entities::{activity, exchange, exchange_party, idempotency_key};
use serde_json::{Value, json};

use super::events::{actor_of, codes, error_field, rows};
use crate::helpers::{error_code, spawn_app};

const CREATE: &str = r#"mutation($input: CreateExchangeInput!) { createExchange(input: $input) {
    exchange { id version kind title startsOn endsOn theme dacCode participantCount instrument
               sensitivity archived providers { id } beneficiaries { id }
               circumscriptions { code } } } }"#;

const UPDATE: &str = r#"mutation($input: UpdateExchangeInput!) { updateExchange(input: $input) {
    exchange { version title dacCode participantCount startsOn endsOn } } }"#;

const ADD_PARTY: &str = r#"mutation($input: AddExchangePartyInput!) { addExchangeParty(input: $input) {
    exchange { version beneficiaries { id } providers { id } circumscriptions { code } } } }"#;

const REMOVE_PARTY: &str = r#"mutation($input: RemoveExchangePartyInput!) { removeExchangeParty(input: $input) {
    exchange { version beneficiaries { id } providers { id } circumscriptions { code } } } }"#;

fn exchange_input(title: &str, providers: &[&str], beneficiaries: &[&str]) -> Value {
    json!({
        "kind": "TRAINING_GRANT",
        "title": { "fr": title },
        "startsOn": "2026-04-01",
        "endsOn": "2026-04-30",
        "theme": "CLIMATE",
        "dacCode": "15112",
        "participantCount": 12,
        "instrument": "TRAINING_GRANT",
        "providers": providers,
        "beneficiaries": beneficiaries,
    })
}

#[tokio::test]
async fn a_coordinator_records_an_exchange_read_back_and_logged() {
    let app = spawn_app().await;
    let coordinator = app.token("COORDINATOR", None, None);
    let lyon = actor_of(&app, "Métropole de Lyon", None, Country::Fr).await;
    let fes = actor_of(&app, "Commune de Fès", Some("MA-FES"), Country::Ma).await;
    let mut input = exchange_input(" Stage de gestion  urbaine ", &[&lyon], &[&fes]);
    input["idempotencyKey"] = json!("grant-1");

    let data = app
        .data_as(&coordinator, CREATE, json!({ "input": input }))
        .await;
    let created = &data["createExchange"]["exchange"];
    assert_eq!(created["title"], "Stage de gestion  urbaine");
    assert_eq!(created["version"], 1);
    assert_eq!(created["dacCode"], "15112");
    assert_eq!(created["participantCount"], 12);
    assert_eq!(created["startsOn"], "2026-04-01");
    assert_eq!(created["sensitivity"], "INTERNAL");
    assert_eq!(created["providers"], json!([{ "id": lyon }]));
    assert_eq!(created["beneficiaries"], json!([{ "id": fes }]));
    assert_eq!(codes(&created["circumscriptions"]), ["FES"]);
    let id = created["id"].as_str().unwrap();

    let read = app
        .data_as(
            &coordinator,
            r#"query($id: ID!) { node(id: $id) { ... on Exchange { kind theme instrument } } }"#,
            json!({ "id": id }),
        )
        .await;
    assert_eq!(read["node"]["kind"], "TRAINING_GRANT");
    let log = app
        .data_as(
            &coordinator,
            r#"{ activity(filter: { kinds: [EXCHANGE_RECORDED] }) { nodes {
                subject { ... on Exchange { id } } actors { id } circumscriptions { code } } } }"#,
            json!({}),
        )
        .await;
    let entries = log["activity"]["nodes"].as_array().unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0]["subject"]["id"], id);
    assert_eq!(entries[0]["actors"].as_array().unwrap().len(), 2);
    assert_eq!(codes(&entries[0]["circumscriptions"]), ["FES"]);

    // A retry answers the same exchange and creates nothing; another input conflicts.
    let again = app
        .data_as(&coordinator, CREATE, json!({ "input": input }))
        .await;
    assert_eq!(again["createExchange"]["exchange"]["id"], id);
    assert_eq!(rows::<exchange::Entity>(&app).await, 1);
    assert_eq!(rows::<activity::Entity>(&app).await, 1);
    input["participantCount"] = json!(13);
    let body = app
        .graphql_as(&coordinator, CREATE, json!({ "input": input }))
        .await;
    assert_eq!(error_code(&body), "CONFLICT", "{body}");
    assert_eq!(rows::<exchange::Entity>(&app).await, 1);
}

#[tokio::test]
async fn bad_input_names_the_field_and_writes_nothing() {
    let app = spawn_app().await;
    let coordinator = app.token("COORDINATOR", None, None);
    let lyon = actor_of(&app, "Métropole de Lyon", None, Country::Fr).await;
    let fes = actor_of(&app, "Commune de Fès", Some("MA-FES"), Country::Ma).await;
    let cases: Vec<(&str, Value)> = vec![
        ("input.providers", exchange_input("Mission", &[], &[&fes])),
        (
            "input.beneficiaries",
            exchange_input("Mission", &[&lyon], &[]),
        ),
        (
            "input.beneficiaries[1]",
            exchange_input("Mission", &[&lyon], &[&fes, &fes]),
        ),
        (
            "input.providers[0]",
            exchange_input("Mission", &["not-an-id"], &[&fes]),
        ),
        ("input.title.fr", exchange_input(" ", &[&lyon], &[&fes])),
    ];
    let mut all = cases;
    for (field, change) in [
        ("input.dacCode", json!({ "dacCode": "1511" })),
        ("input.participantCount", json!({ "participantCount": -1 })),
        ("input.endsOn", json!({ "endsOn": "2026-03-31" })),
        ("input.sensitivity", json!({ "sensitivity": "PERSONAL" })),
    ] {
        let mut input = exchange_input("Mission", &[&lyon], &[&fes]);
        for (k, v) in change.as_object().unwrap() {
            input[k] = v.clone();
        }
        all.push((field, input));
    }
    for (field, mut input) in all {
        input["idempotencyKey"] = json!("bad");
        let body = app
            .graphql_as(&coordinator, CREATE, json!({ "input": input }))
            .await;
        assert_eq!(error_code(&body), "BAD_USER_INPUT", "{field}: {body}");
        assert_eq!(error_field(&body), field, "{body}");
    }
    assert_eq!(rows::<exchange::Entity>(&app).await, 0);
    assert_eq!(rows::<exchange_party::Entity>(&app).await, 0);
    assert_eq!(rows::<activity::Entity>(&app).await, 0);
    assert_eq!(rows::<idempotency_key::Entity>(&app).await, 0);
}

#[tokio::test]
async fn updates_and_parties_bump_the_version() {
    let app = spawn_app().await;
    let coordinator = app.token("COORDINATOR", None, None);
    let lyon = actor_of(&app, "Métropole de Lyon", None, Country::Fr).await;
    let fes = actor_of(&app, "Commune de Fès", Some("MA-FES"), Country::Ma).await;
    let rabat = actor_of(&app, "Commune de Rabat", Some("MA-RAB"), Country::Ma).await;
    let data = app
        .data_as(
            &coordinator,
            CREATE,
            json!({ "input": exchange_input("Jumelage", &[&lyon], &[&fes]) }),
        )
        .await;
    let id = data["createExchange"]["exchange"]["id"]
        .as_str()
        .unwrap()
        .to_owned();

    let patch = json!({ "id": id, "expectedVersion": 1, "dacCode": null, "participantCount": 0,
                        "title": { "fr": "Jumelage Lyon–Fès" } });
    let data = app
        .data_as(&coordinator, UPDATE, json!({ "input": patch }))
        .await;
    let updated = &data["updateExchange"]["exchange"];
    assert_eq!(updated["version"], 2);
    assert!(updated["dacCode"].is_null());
    assert_eq!(updated["participantCount"], 0);
    let body = app
        .graphql_as(
            &coordinator,
            UPDATE,
            json!({ "input": { "id": id, "expectedVersion": 2, "startsOn": "2026-05-01" } }),
        )
        .await;
    assert_eq!(error_field(&body), "input.startsOn", "{body}");
    let activity_before = rows::<activity::Entity>(&app).await;
    let body = app
        .graphql_as(&coordinator, UPDATE, json!({ "input": patch }))
        .await;
    assert_eq!(error_code(&body), "CONFLICT", "{body}");
    assert_eq!(body["errors"][0]["extensions"]["currentVersion"], 2);
    assert_eq!(rows::<activity::Entity>(&app).await, activity_before);

    let add =
        json!({ "exchange": id, "expectedVersion": 2, "actor": rabat, "side": "BENEFICIARY" });
    let data = app
        .data_as(&coordinator, ADD_PARTY, json!({ "input": add }))
        .await;
    let changed = &data["addExchangeParty"]["exchange"];
    assert_eq!(changed["version"], 3);
    assert_eq!(codes(&changed["circumscriptions"]), ["FES", "RABAT"]);
    let twice =
        json!({ "exchange": id, "expectedVersion": 3, "actor": rabat, "side": "BENEFICIARY" });
    let body = app
        .graphql_as(&coordinator, ADD_PARTY, json!({ "input": twice }))
        .await;
    assert_eq!(error_field(&body), "input.actor", "{body}");

    let data = app
        .data_as(&coordinator, REMOVE_PARTY, json!({ "input": twice }))
        .await;
    let changed = &data["removeExchangeParty"]["exchange"];
    assert_eq!(changed["version"], 4);
    assert_eq!(codes(&changed["circumscriptions"]), ["FES"]);
    let last = json!({ "exchange": id, "expectedVersion": 4, "actor": lyon, "side": "PROVIDER" });
    let body = app
        .graphql_as(&coordinator, REMOVE_PARTY, json!({ "input": last }))
        .await;
    assert_eq!(error_field(&body), "input.actor", "{body}");
    assert_eq!(rows::<exchange_party::Entity>(&app).await, 2);

    let archive = r#"mutation($input: ArchiveInput!) { archiveExchange(input: $input) { exchange { archived version } } }"#;
    let restore = r#"mutation($input: ArchiveInput!) { restoreExchange(input: $input) { exchange { archived version } } }"#;
    let data = app
        .data_as(
            &coordinator,
            archive,
            json!({ "input": { "id": id, "expectedVersion": 4 } }),
        )
        .await;
    assert_eq!(
        data["archiveExchange"]["exchange"],
        json!({ "archived": true, "version": 5 })
    );
    let data = app
        .data_as(
            &coordinator,
            restore,
            json!({ "input": { "id": id, "expectedVersion": 5 } }),
        )
        .await;
    assert_eq!(
        data["restoreExchange"]["exchange"],
        json!({ "archived": false, "version": 6 })
    );
    let log = app
        .data_as(&coordinator, r#"{ activity(filter: { kinds: [EXCHANGE_UPDATED, EXCHANGE_ARCHIVED] }) { totalCount } }"#, json!({}))
        .await;
    assert_eq!(log["activity"]["totalCount"], 5);
}

#[tokio::test]
async fn write_rules_for_exchanges() {
    let app = spawn_app().await;
    let coordinator = app.token("COORDINATOR", None, None);
    let officer = app.token("OFFICER", Some("FES"), None);
    let lyon = actor_of(&app, "Métropole de Lyon", None, Country::Fr).await;
    let fes = actor_of(&app, "Commune de Fès", Some("MA-FES"), Country::Ma).await;
    let rabat = actor_of(&app, "Commune de Rabat", Some("MA-RAB"), Country::Ma).await;
    let partner = app.token("PARTNER", None, Some(&fes));
    let for_fes = json!({ "input": exchange_input("Mission à Fès", &[&lyon], &[&fes]) });
    let for_rabat = json!({ "input": exchange_input("Mission à Rabat", &[&lyon], &[&rabat]) });

    let body = app.graphql(CREATE, for_fes.clone()).await;
    assert_eq!(error_code(&body), "UNAUTHENTICATED", "{body}");
    let body = app.graphql_as(&partner, CREATE, for_fes.clone()).await;
    assert_eq!(error_code(&body), "FORBIDDEN", "{body}");
    let body = app.graphql_as(&officer, CREATE, for_rabat.clone()).await;
    assert_eq!(error_code(&body), "FORBIDDEN", "{body}");
    assert_eq!(rows::<exchange::Entity>(&app).await, 0);
    assert_eq!(rows::<activity::Entity>(&app).await, 0);

    let data = app.data_as(&officer, CREATE, for_fes).await;
    let own = data["createExchange"]["exchange"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    // Adding a Rabat beneficiary keeps it in Fès too: allowed. Removing the Fès one would
    // take it out of the officer's circumscription: refused, nothing written.
    let add =
        json!({ "exchange": own, "expectedVersion": 1, "actor": rabat, "side": "BENEFICIARY" });
    app.data_as(&officer, ADD_PARTY, json!({ "input": add }))
        .await;
    let away =
        json!({ "exchange": own, "expectedVersion": 2, "actor": fes, "side": "BENEFICIARY" });
    let body = app
        .graphql_as(&officer, REMOVE_PARTY, json!({ "input": away }))
        .await;
    assert_eq!(error_code(&body), "FORBIDDEN", "{body}");
    assert_eq!(rows::<exchange_party::Entity>(&app).await, 3);

    let data = app.data_as(&coordinator, CREATE, for_rabat).await;
    let theirs = data["createExchange"]["exchange"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let edit = json!({ "id": theirs, "expectedVersion": 1, "participantCount": 3 });
    let body = app
        .graphql_as(&officer, UPDATE, json!({ "input": edit }))
        .await;
    assert_eq!(error_code(&body), "FORBIDDEN", "{body}");
    let body = app
        .graphql_as(
            &partner,
            UPDATE,
            json!({ "input": { "id": own, "expectedVersion": 2, "participantCount": 3 } }),
        )
        .await;
    assert_eq!(error_code(&body), "FORBIDDEN", "{body}");
}
