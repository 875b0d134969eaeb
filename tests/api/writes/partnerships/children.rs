//! Writes: editing a stored partnership — status transitions, stale versions, members
//! (circumscriptions follow their seats), agreements and linked projects, archive and restore.

use serde_json::{Value, json};

use super::{counts, create, field, last_details, network, ok, run, scalar};
use crate::helpers::{error_code, spawn_app};

#[tokio::test]
async fn status_changes_follow_the_rule_and_are_logged() {
    let app = spawn_app().await;
    let n = network(&app).await;
    let p = create(&app, &n).await;
    let change = |version: i64, status: &str| json!({ "id": p["id"], "expectedVersion": version, "status": status });

    let dormant = run(&app, "changePartnershipStatus", change(1, "DORMANT")).await;
    assert_eq!(ok(&dormant, "changePartnershipStatus")["version"], 2);
    assert_eq!(
        last_details(&app).await,
        json!({ "fields": ["status"], "status": "DORMANT", "previousStatus": "ACTIVE" })
    );
    let ended = run(&app, "updatePartnership",
        json!({ "id": p["id"], "expectedVersion": 2, "status": "ENDED", "validTo": { "date": "2020-01-01", "precision": "YEAR" } })).await;
    assert_eq!(ok(&ended, "updatePartnership")["validTo"], "2020-01-01");

    for refused in ["PLANNED", "DORMANT"] {
        let body = run(&app, "changePartnershipStatus", change(3, refused)).await;
        assert_eq!(
            (error_code(&body), field(&body)),
            ("BAD_USER_INPUT", "input.status"),
            "{body}"
        );
    }
    let relaunched = run(&app, "changePartnershipStatus", change(3, "ACTIVE")).await;
    assert_eq!(
        ok(&relaunched, "changePartnershipStatus")["status"],
        "ACTIVE"
    );
    let token = app.token("COORDINATOR", None, None);
    let log = app
        .data_as(
            &token,
            r#"{ activity(filter: { kinds: [PARTNERSHIP_UPDATED] }) { totalCount } }"#,
            json!({}),
        )
        .await;
    assert_eq!(log["activity"]["totalCount"], 3);
}

#[tokio::test]
async fn a_stale_version_conflicts_and_writes_nothing() {
    let app = spawn_app().await;
    let n = network(&app).await;
    let p = create(&app, &n).await;
    ok(
        &run(
            &app,
            "updatePartnership",
            json!({ "id": p["id"], "expectedVersion": 1, "assertedBy": "SCAC" }),
        )
        .await,
        "updatePartnership",
    );
    let before = counts(&app).await;

    let stale = [
        run(&app, "updatePartnership", json!({ "id": p["id"], "expectedVersion": 1, "title": { "fr": "Autre" } })).await,
        run(&app, "addPartnershipMember", json!({ "partnership": p["id"], "expectedVersion": 1, "actor": n.agadir, "side": "MOROCCAN" })).await,
        run(&app, "archivePartnership", json!({ "id": p["id"], "expectedVersion": 1 })).await,
    ];
    for body in stale {
        assert_eq!(error_code(&body), "CONFLICT", "{body}");
        assert_eq!(
            body["errors"][0]["extensions"]["currentVersion"], 2,
            "{body}"
        );
    }
    assert_eq!(counts(&app).await, before);
}

#[tokio::test]
async fn member_changes_bump_the_version_and_move_the_circumscriptions() {
    let app = spawn_app().await;
    let n = network(&app).await;
    let p = create(&app, &n).await;
    let member = |version: i64, actor: &str| json!({ "partnership": p["id"], "expectedVersion": version, "actor": actor });

    let mut add = member(1, &n.agadir);
    add["side"] = json!("MOROCCAN");
    let added = run(&app, "addPartnershipMember", add.clone()).await;
    let added = ok(&added, "addPartnershipMember");
    assert_eq!(
        (
            added["version"].clone(),
            added["members"]["totalCount"].clone()
        ),
        (json!(2), json!(3))
    );
    assert_eq!(codes(&added["circumscriptions"]), ["AGADIR", "FES"]);
    assert_eq!(last_details(&app).await["fields"], json!(["members"]));

    add["expectedVersion"] = json!(2);
    let twice = run(&app, "addPartnershipMember", add).await;
    assert_eq!(
        (error_code(&twice), field(&twice)),
        ("BAD_USER_INPUT", "input.actor"),
        "{twice}"
    );

    let mut role = member(2, &n.agadir);
    role["role"] = json!("associé");
    assert_eq!(
        ok(
            &run(&app, "updatePartnershipMember", role).await,
            "updatePartnershipMember"
        )["version"],
        3
    );
    // The French side's only member cannot leave a decentralised cooperation.
    let french_leaves = run(&app, "removePartnershipMember", member(3, &n.french)).await;
    assert_eq!(
        (error_code(&french_leaves), field(&french_leaves)),
        ("BAD_USER_INPUT", "input.actor")
    );
    let removed = run(&app, "removePartnershipMember", member(3, &n.fes)).await;
    let removed = ok(&removed, "removePartnershipMember");
    assert_eq!(removed["circumscriptions"], json!([{ "code": "AGADIR" }]));
    let token = app.token("COORDINATOR", None, None);
    let entry = app
        .data_as(
            &token,
            "{ activity(first: 1) { nodes { actors { id } circumscriptions { code } } } }",
            json!({}),
        )
        .await;
    let entry = &entry["activity"]["nodes"][0];
    assert_eq!(
        entry["actors"].as_array().unwrap().len(),
        3,
        "the leaving member is named: {entry}"
    );
    assert_eq!(
        entry["circumscriptions"].as_array().unwrap().len(),
        2,
        "before and after: {entry}"
    );
    // Two members left: neither may go.
    let last_two = run(&app, "removePartnershipMember", member(4, &n.agadir)).await;
    assert_eq!(field(&last_two), "input.actor", "{last_two}");
}

#[tokio::test]
async fn agreements_and_projects_are_edited_through_the_partnership() {
    let app = spawn_app().await;
    let n = network(&app).await;
    let p = create(&app, &n).await;
    let at = |version: i64, extra: Value| {
        let mut input = json!({ "partnership": p["id"], "expectedVersion": version });
        input
            .as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        input
    };

    let added = run(
        &app,
        "addPartnershipAgreement",
        at(
            1,
            json!({ "agreement": { "kind": "CONVENTION", "title": "Convention eau",
        "signedOn": { "date": "2001-01-01", "precision": "YEAR" } } }),
        ),
    )
    .await;
    let kinds: Vec<&Value> = ok(&added, "addPartnershipAgreement")["agreements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| &a["kind"])
        .collect();
    assert_eq!(
        kinds,
        [&json!("CONVENTION"), &json!("FRAMEWORK_AGREEMENT")],
        "oldest signature first"
    );
    let updated = run(
        &app,
        "updatePartnershipAgreement",
        at(
            2,
            json!({ "index": 1, "title": "Accord-cadre", "periodEnd": null }),
        ),
    )
    .await;
    let framework = &ok(&updated, "updatePartnershipAgreement")["agreements"][1];
    assert_eq!(
        (framework["title"].clone(), framework["periodEnd"].clone()),
        (json!("Accord-cadre"), Value::Null)
    );
    let bad_period = run(
        &app,
        "updatePartnershipAgreement",
        at(3, json!({ "index": 1, "periodEnd": "2000-01-01" })),
    )
    .await;
    assert_eq!(field(&bad_period), "input.periodEnd", "{bad_period}");
    let out_of_range = run(
        &app,
        "removePartnershipAgreement",
        at(3, json!({ "index": 2 })),
    )
    .await;
    assert_eq!(field(&out_of_range), "input.index", "{out_of_range}");
    let removed = run(
        &app,
        "removePartnershipAgreement",
        at(3, json!({ "index": 0 })),
    )
    .await;
    assert_eq!(
        ok(&removed, "removePartnershipAgreement")["agreements"]
            .as_array()
            .unwrap()
            .len(),
        1
    );

    let linked_twice = run(
        &app,
        "linkPartnershipProject",
        at(4, json!({ "project": n.project })),
    )
    .await;
    assert_eq!(field(&linked_twice), "input.project", "{linked_twice}");
    let unlinked = run(
        &app,
        "unlinkPartnershipProject",
        at(4, json!({ "project": n.project })),
    )
    .await;
    let unlinked = ok(&unlinked, "unlinkPartnershipProject");
    assert_eq!(
        (
            unlinked["version"].clone(),
            unlinked["projects"]["totalCount"].clone()
        ),
        (json!(5), json!(0))
    );
    let relinked = run(
        &app,
        "linkPartnershipProject",
        at(5, json!({ "project": n.project })),
    )
    .await;
    assert_eq!(
        ok(&relinked, "linkPartnershipProject")["projects"]["totalCount"],
        1
    );
    assert_eq!(last_details(&app).await["fields"], json!(["projects"]));
}

#[tokio::test]
async fn archive_and_restore() {
    let app = spawn_app().await;
    let n = network(&app).await;
    let p = create(&app, &n).await;

    let archived = run(
        &app,
        "archivePartnership",
        json!({ "id": p["id"], "expectedVersion": 1 }),
    )
    .await;
    assert_eq!(ok(&archived, "archivePartnership")["archived"], true);
    let kind = scalar(
        &app,
        "SELECT kind AS v FROM activities ORDER BY position DESC LIMIT 1",
    )
    .await;
    assert_eq!(kind, "PARTNERSHIP_ARCHIVED");
    let frozen = run(
        &app,
        "updatePartnership",
        json!({ "id": p["id"], "expectedVersion": 2, "source": "x" }),
    )
    .await;
    assert_eq!(
        (error_code(&frozen), field(&frozen)),
        ("BAD_USER_INPUT", "input.id"),
        "{frozen}"
    );
    let restored = run(
        &app,
        "restorePartnership",
        json!({ "id": p["id"], "expectedVersion": 2 }),
    )
    .await;
    assert_eq!(ok(&restored, "restorePartnership")["archived"], false);
    assert_eq!(
        last_details(&app).await,
        json!({ "fields": ["archived"], "archived": false })
    );
}

/// The codes of a list of circumscriptions, sorted.
fn codes(list: &Value) -> Vec<&str> {
    let mut codes: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["code"].as_str().unwrap())
        .collect();
    codes.sort_unstable();
    codes
}
