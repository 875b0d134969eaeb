//! The activity log: newest first, paged both ways, filtered, and never showing what the
//! viewer may not see — neither hidden entries nor the text of hidden subjects.

use partner_hub::graphql::relay::NodeKind;
use serde_json::{Value, json};

use super::{gid, seed};
use crate::helpers::{error_code, spawn_app};

const PAGE: &str = r#"query($first: Int, $after: String, $last: Int, $before: String, $filter: ActivityFilter) {
  activity(first: $first, after: $after, last: $last, before: $before, filter: $filter) {
    totalCount
    edges { cursor node { id cursor kind } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}"#;

fn kinds(connection: &Value) -> Vec<String> {
    connection["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["kind"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn the_log_lists_newest_first_and_pages_both_ways() {
    let app = spawn_app().await;
    seed(&app).await;
    let all = app.data(PAGE, json!({})).await;
    let all = &all["activity"];
    assert_eq!(
        all["totalCount"], 6,
        "the INTERNAL entry is hidden, and not counted"
    );
    let newest_first = [
        "PARTNERSHIP_CREATED",
        "PERSON_ADDED",
        "ACTOR_UPDATED",
        "FUNDING_COMMITTED",
        "CALL_PUBLISHED",
        "ACTOR_JOINED",
    ];
    assert_eq!(kinds(all), newest_first);
    for edge in all["edges"].as_array().unwrap() {
        assert_eq!(
            edge["cursor"], edge["node"]["cursor"],
            "one cursor per entry"
        );
    }

    let first = app.data(PAGE, json!({ "first": 4 })).await;
    assert_eq!(kinds(&first["activity"]), newest_first[..4]);
    assert_eq!(first["activity"]["pageInfo"]["hasNextPage"], true);
    let after = first["activity"]["pageInfo"]["endCursor"].clone();
    let rest = app.data(PAGE, json!({ "first": 4, "after": after })).await;
    assert_eq!(kinds(&rest["activity"]), newest_first[4..]);
    assert_eq!(rest["activity"]["pageInfo"]["hasNextPage"], false);
    assert_eq!(rest["activity"]["pageInfo"]["hasPreviousPage"], true);

    let last = app.data(PAGE, json!({ "last": 4 })).await;
    assert_eq!(kinds(&last["activity"]), newest_first[2..]);
    assert_eq!(last["activity"]["pageInfo"]["hasPreviousPage"], true);
    let before = last["activity"]["pageInfo"]["startCursor"].clone();
    let newer = app.data(PAGE, json!({ "last": 4, "before": before })).await;
    assert_eq!(kinds(&newer["activity"]), newest_first[..2]);
    assert_eq!(newer["activity"]["pageInfo"]["hasPreviousPage"], false);
}

#[tokio::test]
async fn the_log_filters_by_kind_time_actor_territory_and_circumscription() {
    let app = spawn_app().await;
    let w = seed(&app).await;
    let run = |filter: Value| {
        let app = &app;
        async move {
            let data = app.data(PAGE, json!({ "filter": filter })).await;
            assert_eq!(
                data["activity"]["totalCount"].as_u64().unwrap() as usize,
                data["activity"]["edges"].as_array().unwrap().len()
            );
            kinds(&data["activity"])
        }
    };
    assert_eq!(
        run(json!({ "kinds": ["ACTOR_JOINED", "ACTOR_UPDATED"] })).await,
        ["ACTOR_UPDATED", "ACTOR_JOINED"]
    );
    assert_eq!(
        run(json!({ "since": "2030-01-01T05:00:00Z" })).await,
        ["PARTNERSHIP_CREATED", "PERSON_ADDED", "ACTOR_UPDATED"]
    );
    assert_eq!(
        run(json!({ "actor": gid(NodeKind::Actor, w.tilila) })).await,
        ["FUNDING_COMMITTED", "ACTOR_JOINED"],
        "the INTERNAL entry about the actor stays hidden"
    );
    assert_eq!(run(json!({ "territory": "MA-04" })).await, ["ACTOR_JOINED"]);
    assert_eq!(
        run(json!({ "circumscription": "rabat" })).await,
        ["ACTOR_JOINED"]
    );
    assert!(run(json!({ "circumscription": "FES" })).await.is_empty());

    let body = app
        .graphql(
            PAGE,
            json!({ "filter": { "actor": gid(NodeKind::Call, w.youth_call) } }),
        )
        .await;
    assert_eq!(error_code(&body), "BAD_USER_INPUT");
    assert_eq!(body["errors"][0]["extensions"]["field"], "filter.actor");
    let body = app
        .graphql(PAGE, json!({ "filter": { "territory": "MA-99" } }))
        .await;
    assert_eq!(body["errors"][0]["extensions"]["field"], "filter.territory");
}

#[tokio::test]
async fn subjects_and_summaries_never_show_what_the_viewer_may_not_see() {
    let app = spawn_app().await;
    let w = seed(&app).await;
    let data = app
        .data(
            r#"{ activity { nodes {
                  kind at author sensitivity
                  fr: summary en: summary(lang: EN) ar: summary(lang: AR)
                  subject { __typename id }
                  actors { name } territories { code } circumscriptions { code }
                } } }"#,
            json!({}),
        )
        .await;
    let entries = data["activity"]["nodes"].as_array().unwrap();
    let entry = |kind: &str| entries.iter().find(|e| e["kind"] == kind).unwrap();

    let joined = entry("ACTOR_JOINED");
    assert_eq!(joined["fr"], "Nouvel acteur : Association Tilila");
    assert_eq!(joined["en"], "New actor: Association Tilila");
    assert_eq!(joined["ar"], "فاعل جديد: Association Tilila");
    assert_eq!(joined["subject"]["id"], gid(NodeKind::Actor, w.tilila));
    assert_eq!(joined["at"], "2030-01-01T01:00:00Z");
    assert_eq!(joined["actors"], json!([{ "name": "Association Tilila" }]));
    assert_eq!(joined["territories"], json!([{ "code": "MA-RAB" }]));
    assert_eq!(joined["circumscriptions"], json!([{ "code": "RABAT" }]));
    assert_eq!(
        joined["author"],
        Value::Null,
        "authors are shown to coordinators only"
    );
    assert_eq!(joined["sensitivity"], "PUBLIC");

    let published = entry("CALL_PUBLISHED");
    assert_eq!(
        published["fr"],
        "Appel à projets publié : Jeunesse et citoyenneté 2031"
    );
    assert_eq!(published["subject"]["__typename"], "Call");

    let funding = entry("FUNDING_COMMITTED");
    assert_eq!(funding["en"], "Funding committed: 150000.00 EUR");
    assert_eq!(funding["subject"]["__typename"], "FundAllocation");

    // A PUBLIC entry about an INTERNAL actor: neither the actor nor its name shows.
    let hidden = entry("ACTOR_UPDATED");
    assert_eq!(hidden["subject"], Value::Null);
    assert_eq!(hidden["fr"], "Acteur mis à jour");
    assert_eq!(hidden["actors"], json!([]));
    let text = serde_json::to_string(&data).unwrap();
    assert!(!text.contains("Discrète"), "no text of an invisible record");

    let person = entry("PERSON_ADDED");
    assert_eq!(person["subject"], Value::Null);
    assert_eq!(person["en"], "Person added");

    let partnership = entry("PARTNERSHIP_CREATED");
    let title = partnership["fr"].as_str().unwrap();
    assert!(
        title.starts_with("Nouveau partenariat : ") && title.len() > 25,
        "{title}"
    );
    assert_eq!(
        partnership["subject"]["id"],
        gid(NodeKind::Partnership, w.partnership)
    );
}
