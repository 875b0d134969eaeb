//! Who may write projects: not anonymous viewers, not partners; officers only projects
//! located in their circumscription, before and after the change; coordinators all.

use partner_hub::domain::vocabulary::Sensitivity;
use partner_hub::graphql::relay::NodeKind;
use serde_json::json;

use super::{CREATE, UPDATE, association, codes, create, footprint, gid, minimal, read};
use crate::fixtures::{NewProject, insert_project};
use crate::helpers::{error_code, spawn_app};

#[tokio::test]
async fn anonymous_viewers_and_partners_may_not_write_projects() {
    let app = spawn_app().await;
    let coordinator = app.token("COORDINATOR", None, None);
    let ngo = association(&app, "Association Partenaire", "MA-FES").await;
    let partner = app.token("PARTNER", None, Some(&ngo));
    let mut input = minimal("Projet d'un partenaire", &["MA-03"]);
    input["participants"] = json!([{ "actor": ngo, "role": "IMPLEMENTING" }]);
    let id = create(&app, &coordinator, input.clone()).await;
    let before = footprint(&app).await;

    let body = app.graphql(CREATE, json!({ "input": input })).await;
    assert_eq!(error_code(&body), "UNAUTHENTICATED", "{body}");
    let body = app
        .graphql_as(&partner, CREATE, json!({ "input": input }))
        .await;
    assert_eq!(error_code(&body), "FORBIDDEN", "{body}");
    // Not even a project its own actor takes part in.
    let patch = json!({ "id": id, "expectedVersion": 1, "title": { "fr": "Pris" } });
    let body = app
        .graphql_as(&partner, UPDATE, json!({ "input": patch }))
        .await;
    assert_eq!(error_code(&body), "FORBIDDEN", "{body}");
    let body = app.graphql(UPDATE, json!({ "input": patch })).await;
    assert_eq!(error_code(&body), "UNAUTHENTICATED", "{body}");
    assert_eq!(footprint(&app).await, before);
}

#[tokio::test]
async fn officers_write_projects_in_their_circumscription_only() {
    let app = spawn_app().await;
    let fes = app.token("OFFICER", Some("FES"), None);

    // Created where the officer works: allowed, and logged in its circumscription.
    let id = create(&app, &fes, minimal("Projet de Fès", &["MA-FES"])).await;
    assert_eq!(codes(&read(&app, &id).await["circumscriptions"]), ["FES"]);

    let before = footprint(&app).await;
    // Elsewhere, or nowhere: refused, nothing written.
    for locations in [&["MA-RAB"][..], &[][..]] {
        let body = app
            .graphql_as(
                &fes,
                CREATE,
                json!({ "input": minimal("Ailleurs", locations) }),
            )
            .await;
        assert_eq!(error_code(&body), "FORBIDDEN", "{body}");
    }
    assert_eq!(footprint(&app).await, before);

    // Moving its project out of its circumscription: refused after the fact, rolled back.
    let out = json!({ "project": id, "expectedVersion": 1, "locations": ["MA-RAB"] });
    let body = app
        .graphql_as(
            &fes,
            r#"mutation($input: SetProjectLocationsInput!) {
                setProjectLocations(input: $input) { project { version } } }"#,
            json!({ "input": out }),
        )
        .await;
    assert_eq!(error_code(&body), "FORBIDDEN", "{body}");
    assert_eq!(footprint(&app).await, before);
    let project = read(&app, &id).await;
    assert_eq!(project["version"], 1);
    assert_eq!(codes(&project["circumscriptions"]), ["FES"]);

    // A project in Rabat: the FES officer may read an INTERNAL one, not change it.
    let rabat = insert_project(
        &app.db,
        NewProject {
            sensitivity: Sensitivity::Internal,
            locations: &["MA-RAB"],
            ..NewProject::public("Projet de Rabat", &[])
        },
    )
    .await;
    let rabat = gid(NodeKind::Project, rabat);
    let patch = json!({ "id": rabat, "expectedVersion": 1, "title": { "fr": "Capturé" } });
    let body = app
        .graphql_as(&fes, UPDATE, json!({ "input": patch }))
        .await;
    assert_eq!(error_code(&body), "FORBIDDEN", "{body}");
    // A RESTRICTED project elsewhere is not even visible: NOT_FOUND, as an unknown one.
    let hidden = insert_project(
        &app.db,
        NewProject {
            sensitivity: Sensitivity::Restricted,
            locations: &["MA-RAB"],
            ..NewProject::public("Projet confidentiel", &[])
        },
    )
    .await;
    let patch = json!({ "id": gid(NodeKind::Project, hidden), "expectedVersion": 1,
                        "title": { "fr": "Vu" } });
    let body = app
        .graphql_as(&fes, UPDATE, json!({ "input": patch }))
        .await;
    assert_eq!(error_code(&body), "NOT_FOUND", "{body}");

    // Its own project, edited in place: allowed.
    let patch = json!({ "id": id, "expectedVersion": 1, "status": "IMPLEMENTATION" });
    let data = app.data_as(&fes, UPDATE, json!({ "input": patch })).await;
    assert_eq!(data["updateProject"]["project"]["version"], 2);
}
