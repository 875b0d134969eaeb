//! Updates of a project's own fields (a patch checked against the version), archiving and
//! restoring.

use serde_json::{Value, json};

use super::{UPDATE, create, field, footprint, last_entry, minimal, read};
use crate::helpers::{error_code, spawn_app};

#[tokio::test]
async fn an_update_is_a_patch_checked_against_the_version() {
    let app = spawn_app().await;
    let coordinator = app.token("COORDINATOR", None, None);
    let mut input = minimal("Projet initial", &["MA-03"]);
    input["plannedStart"] = json!("2026-01-01");
    input["plannedEnd"] = json!("2026-12-31");
    input["themes"] = json!(["YOUTH"]);
    let id = create(&app, &coordinator, input).await;

    let patch = json!({
        "id": id, "expectedVersion": 1,
        "title": { "fr": " Projet renommé " },
        "plannedEnd": null,
        "status": "IMPLEMENTATION",
        "themes": ["GENDER", "CLIMATE"],
        "sdgGoals": [13],
        "sdgTargets": ["13.3"],
    });
    let data = app
        .data_as(&coordinator, UPDATE, json!({ "input": patch }))
        .await;
    let updated = &data["updateProject"]["project"];
    assert_eq!(updated["version"], 2);
    assert_eq!(updated["title"], "Projet renommé");
    assert_eq!(
        updated["plannedStart"], "2026-01-01",
        "absent fields are kept"
    );
    assert!(updated["plannedEnd"].is_null(), "null clears");
    assert_eq!(updated["status"], "IMPLEMENTATION");
    assert_eq!(updated["themes"].as_array().unwrap().len(), 2);
    assert_eq!(updated["sdgGoals"], json!([13]));
    assert_eq!(updated["sdgTargets"], json!(["13.3"]));

    let entry = last_entry(&app).await;
    assert_eq!(entry.kind.as_str(), "PROJECT_UPDATED");
    let details: Value = serde_json::from_str(entry.details.as_deref().unwrap()).unwrap();
    assert_eq!(
        details["fields"],
        json!([
            "title",
            "status",
            "plannedEnd",
            "themes",
            "sdgGoals",
            "sdgTargets"
        ])
    );

    // A stale version: CONFLICT with the current one, and nothing changes.
    let before = footprint(&app).await;
    let stale = json!({ "id": id, "expectedVersion": 1, "title": { "fr": "Trop tard" } });
    let body = app
        .graphql_as(&coordinator, UPDATE, json!({ "input": stale }))
        .await;
    assert_eq!(error_code(&body), "CONFLICT", "{body}");
    assert_eq!(body["errors"][0]["extensions"]["currentVersion"], 2);
    assert_eq!(footprint(&app).await, before);
    assert_eq!(read(&app, &id).await["title"], "Projet renommé");

    // An empty patch is refused.
    let empty = json!({ "id": id, "expectedVersion": 2 });
    let body = app
        .graphql_as(&coordinator, UPDATE, json!({ "input": empty }))
        .await;
    assert_eq!(error_code(&body), "BAD_USER_INPUT", "{body}");
    assert_eq!(field(&body), "input");
}

#[tokio::test]
async fn archive_and_restore_keep_the_history() {
    let app = spawn_app().await;
    let coordinator = app.token("COORDINATOR", None, None);
    let id = create(&app, &coordinator, minimal("Projet clos", &["MA-03"])).await;
    let archive = r#"mutation($input: ArchiveInput!) {
        archiveProject(input: $input) { project { archived version } } }"#;
    let restore = r#"mutation($input: ArchiveInput!) {
        restoreProject(input: $input) { project { archived version } } }"#;

    let data = app
        .data_as(
            &coordinator,
            archive,
            json!({ "input": { "id": id, "expectedVersion": 1 } }),
        )
        .await;
    assert_eq!(data["archiveProject"]["project"]["archived"], true);
    assert_eq!(data["archiveProject"]["project"]["version"], 2);
    assert_eq!(last_entry(&app).await.kind.as_str(), "PROJECT_ARCHIVED");
    let listed = app
        .data_as(&coordinator, "{ projects { totalCount } }", json!({}))
        .await;
    assert_eq!(listed["projects"]["totalCount"], 0);

    // An archived project refuses edits until restored, and cannot be archived twice.
    let edit = json!({ "id": id, "expectedVersion": 2, "title": { "fr": "Non" } });
    let body = app
        .graphql_as(&coordinator, UPDATE, json!({ "input": edit }))
        .await;
    assert_eq!(error_code(&body), "BAD_USER_INPUT", "{body}");
    assert_eq!(field(&body), "input.id");
    let body = app
        .graphql_as(
            &coordinator,
            archive,
            json!({ "input": { "id": id, "expectedVersion": 2 } }),
        )
        .await;
    assert_eq!(error_code(&body), "BAD_USER_INPUT", "{body}");

    let data = app
        .data_as(
            &coordinator,
            restore,
            json!({ "input": { "id": id, "expectedVersion": 2 } }),
        )
        .await;
    assert_eq!(data["restoreProject"]["project"]["archived"], false);
    assert_eq!(data["restoreProject"]["project"]["version"], 3);
    let entry = last_entry(&app).await;
    assert_eq!(entry.kind.as_str(), "PROJECT_UPDATED");
    assert!(entry.details.unwrap().contains("restored"));
}
