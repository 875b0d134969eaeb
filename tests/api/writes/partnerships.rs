//! Writes: partnerships — create with members, agreements and projects; updates, status
//! transitions, archive and restore; child edits bumping the partnership's version and
//! recomputing its circumscriptions; validation, idempotency, versions and the write rules.

use partner_hub::domain::vocabulary::{ActorKind, Sensitivity};
use partner_hub::graphql::relay::{GlobalId, NodeKind};
use serde_json::{Value, json};

use crate::fixtures::{NewActor, NewProject, insert_actor, insert_project};
use crate::helpers::{TestApp, error_code, spawn_app};

mod children;

const FIELDS: &str = "id title status version archived sensitivity validFrom validFromPrecision
    validTo validToPrecision themes circumscriptions { code } source assertedBy
    members { totalCount nodes { actor { id } side role } }
    agreements { kind title signedOn signedOnPrecision periodStart periodEnd }
    projects { totalCount nodes { id } }";

fn mutation(name: &str, input_type: &str) -> String {
    format!(
        "mutation($input: {input_type}!) {{ {name}(input: $input) {{ partnership {{ {FIELDS} }} }} }}"
    )
}

/// Three actors (French, seated in Fès, seated in Agadir) and a project, as global IDs.
struct Network {
    french: String,
    fes: String,
    agadir: String,
    project: String,
}

async fn network(app: &TestApp) -> Network {
    let gid = |kind, id| GlobalId::new(kind, id).encode().0;
    let actor = |name, seat| NewActor {
        kind: ActorKind::MoroccanLocalAuthority,
        name_fr: name,
        name_ar: None,
        seat,
        sensitivity: Sensitivity::Public,
    };
    let french = insert_actor(&app.db, actor("Région Occitanie", None)).await;
    let fes = insert_actor(&app.db, actor("Région Fès-Meknès", Some("MA-03"))).await;
    let agadir = insert_actor(&app.db, actor("Région Souss-Massa", Some("MA-09"))).await;
    let project = insert_project(&app.db, NewProject::public("Projet eau", &[])).await;
    Network {
        french: gid(NodeKind::Actor, french),
        fes: gid(NodeKind::Actor, fes),
        agadir: gid(NodeKind::Actor, agadir),
        project: gid(NodeKind::Project, project),
    }
}

fn new_partnership(n: &Network) -> Value {
    json!({
        "kind": "DECENTRALISED_COOPERATION",
        "title": { "fr": "  Coopération Occitanie – Fès-Meknès  ", "ar": "تعاون" },
        "status": "ACTIVE",
        "validFrom": { "date": "2002-06-15", "precision": "YEAR" },
        "themes": ["CLIMATE"],
        "source": "Atlas de la coopération décentralisée",
        "members": [
            { "actor": n.french, "side": "FRENCH", "role": "chef de file" },
            { "actor": n.fes, "side": "MOROCCAN" },
        ],
        "projects": [n.project],
        "agreements": [{ "kind": "FRAMEWORK_AGREEMENT", "signedOn": { "date": "2003-04-01", "precision": "MONTH" },
                         "periodStart": "2003-04-01", "periodEnd": "2006-03-31" }],
    })
}

/// Creates the partnership of [`new_partnership`] as a coordinator; answers it.
async fn create(app: &TestApp, n: &Network) -> Value {
    let token = app.token("COORDINATOR", None, None);
    let data = app
        .data_as(
            &token,
            &mutation("createPartnership", "CreatePartnershipInput"),
            json!({ "input": new_partnership(n) }),
        )
        .await;
    data["createPartnership"]["partnership"].clone()
}

/// Runs a partnership mutation as a coordinator; answers the whole body.
async fn run(app: &TestApp, name: &str, input: Value) -> Value {
    let token = app.token("COORDINATOR", None, None);
    let input_type = format!("{}{}Input", name[..1].to_uppercase(), &name[1..]);
    let input_type = match name {
        "archivePartnership" | "restorePartnership" => "ArchiveInput".to_owned(),
        _ => input_type,
    };
    app.graphql_as(
        &token,
        &mutation(name, &input_type),
        json!({ "input": input }),
    )
    .await
}

fn ok<'a>(body: &'a Value, name: &str) -> &'a Value {
    assert!(body.get("errors").is_none(), "unexpected errors: {body}");
    &body["data"][name]["partnership"]
}

fn field(body: &Value) -> &str {
    body["errors"][0]["extensions"]["field"]
        .as_str()
        .unwrap_or_default()
}

async fn scalar(app: &TestApp, sql: &str) -> Value {
    use sea_orm::{ConnectionTrait, Statement};
    let backend = app.db.writer.get_database_backend();
    let row = app
        .db
        .writer
        .query_one_raw(Statement::from_string(backend, sql.to_owned()))
        .await
        .unwrap()
        .unwrap();
    match row.try_get::<i64>("", "v") {
        Ok(n) => json!(n),
        Err(_) => json!(row.try_get::<Option<String>>("", "v").unwrap()),
    }
}

/// Rows of the partnership tables and the activity log, to show nothing was written.
async fn counts(app: &TestApp) -> Vec<Value> {
    let mut all = Vec::new();
    for table in [
        "partnerships",
        "partnership_members",
        "agreements",
        "partnership_projects",
        "activities",
        "record_circumscriptions",
    ] {
        all.push(scalar(app, &format!("SELECT COUNT(*) AS v FROM {table}")).await);
    }
    all
}

/// The details of the newest activity entry.
async fn last_details(app: &TestApp) -> Value {
    let text = scalar(
        app,
        "SELECT details AS v FROM activities ORDER BY position DESC LIMIT 1",
    )
    .await;
    text.as_str()
        .map(|t| serde_json::from_str(t).unwrap())
        .unwrap_or(Value::Null)
}

#[tokio::test]
async fn a_coordinator_creates_a_partnership_read_back_and_logged() {
    let app = spawn_app().await;
    let n = network(&app).await;

    let p = create(&app, &n).await;

    assert_eq!(p["title"], "Coopération Occitanie – Fès-Meknès");
    assert_eq!(
        (p["status"].clone(), p["version"].clone()),
        (json!("ACTIVE"), json!(1))
    );
    assert_eq!(p["sensitivity"], "INTERNAL");
    assert_eq!(
        (p["validFrom"].clone(), p["validFromPrecision"].clone()),
        (json!("2002-01-01"), json!("YEAR"))
    );
    assert_eq!(p["themes"], json!(["CLIMATE"]));
    assert_eq!(p["members"]["totalCount"], 2);
    assert_eq!(p["circumscriptions"], json!([{ "code": "FES" }]));
    assert_eq!(p["projects"]["nodes"][0]["id"], json!(n.project));
    let agreement = &p["agreements"][0];
    assert_eq!(
        (
            agreement["signedOn"].clone(),
            agreement["signedOnPrecision"].clone()
        ),
        (json!("2003-04-01"), json!("MONTH"))
    );

    let token = app.token("COORDINATOR", None, None);
    let read = app.data_as(&token, r#"query($id: ID!) {
        node(id: $id) { ... on Partnership { title(lang: AR) members { nodes { role } } } }
        partnerships(filter: { search: "cooperation occitanie" }) { totalCount }
        activity(first: 1) { nodes { kind subject { id } actors { id } circumscriptions { code } } } }"#,
        json!({ "id": p["id"] })).await;
    assert_eq!(read["node"]["title"], "تعاون");
    assert_eq!(read["partnerships"]["totalCount"], 1);
    let entry = &read["activity"]["nodes"][0];
    assert_eq!(entry["kind"], "PARTNERSHIP_CREATED");
    assert_eq!(entry["subject"]["id"], p["id"]);
    assert_eq!(
        entry["actors"].as_array().unwrap().len(),
        2,
        "every member: {entry}"
    );
    assert_eq!(entry["circumscriptions"], json!([{ "code": "FES" }]));
}

#[tokio::test]
async fn invalid_input_names_the_field_and_writes_nothing() {
    let app = spawn_app().await;
    let n = network(&app).await;
    let before = counts(&app).await;
    let ghost = GlobalId::new(NodeKind::Actor, 999_999).encode().0;
    let edit = |path: &[&str], value: Value| {
        let mut input = new_partnership(&n);
        let mut target = &mut input;
        for key in &path[..path.len() - 1] {
            target = match key.parse::<usize>() {
                Ok(i) => &mut target[i],
                Err(_) => &mut target[*key],
            };
        }
        target[path[path.len() - 1]] = value;
        input
    };
    let cases = [
        (edit(&["title", "fr"], json!("   ")), "input.title.fr"),
        (
            edit(
                &["members"],
                json!([{ "actor": n.french, "side": "FRENCH" }]),
            ),
            "input.members",
        ),
        (
            edit(&["members", "1", "side"], json!("OTHER")),
            "input.members",
        ),
        (
            edit(&["members", "1", "actor"], json!(n.french)),
            "input.members[1].actor",
        ),
        (
            edit(&["members", "1", "actor"], json!(ghost)),
            "input.members[1].actor",
        ),
        (
            edit(&["members", "0", "role"], json!("r".repeat(101))),
            "input.members[0].role",
        ),
        (
            edit(
                &["validTo"],
                json!({ "date": "2001-12-31", "precision": "DAY" }),
            ),
            "input.validTo",
        ),
        (
            edit(&["themes"], json!(["CLIMATE", "CLIMATE"])),
            "input.themes[1]",
        ),
        (
            edit(&["projects"], json!([n.project, n.project])),
            "input.projects[1]",
        ),
        (
            edit(&["agreements", "0", "periodEnd"], json!("2003-01-01")),
            "input.agreements[0].periodEnd",
        ),
    ];
    for (input, expected) in cases {
        let body = run(&app, "createPartnership", input).await;
        assert_eq!(error_code(&body), "BAD_USER_INPUT", "{body}");
        assert_eq!(field(&body), expected, "{body}");
    }
    // The end compared at its precision: "ended in 2002" after a start in June 2002 is fine.
    let fine = edit(
        &["validTo"],
        json!({ "date": "2002-01-01", "precision": "YEAR" }),
    );
    ok(
        &run(&app, "createPartnership", fine).await,
        "createPartnership",
    );
    assert_eq!(
        counts(&app).await[0],
        json!(before[0].as_i64().unwrap() + 1)
    );
    assert_eq!(
        counts(&app).await[4],
        json!(before[4].as_i64().unwrap() + 1)
    );
}

#[tokio::test]
async fn a_retried_create_answers_the_first_partnership() {
    let app = spawn_app().await;
    let n = network(&app).await;
    let mut input = new_partnership(&n);
    input["idempotencyKey"] = json!("partnership-occitanie-1");

    let first = run(&app, "createPartnership", input.clone()).await;
    let counted = counts(&app).await;
    let again = run(&app, "createPartnership", input.clone()).await;
    input["status"] = json!("PLANNED");
    let changed = run(&app, "createPartnership", input).await;

    assert_eq!(
        ok(&again, "createPartnership")["id"],
        ok(&first, "createPartnership")["id"]
    );
    assert_eq!(counts(&app).await, counted, "a retry creates nothing");
    assert_eq!(error_code(&changed), "CONFLICT", "{changed}");
}

#[tokio::test]
async fn only_coordinators_and_admins_write_partnerships() {
    let app = spawn_app().await;
    let n = network(&app).await;
    let p = create(&app, &n).await;
    let create_query = mutation("createPartnership", "CreatePartnershipInput");
    let update_query = mutation("updatePartnership", "UpdatePartnershipInput");
    let update = json!({ "input": { "id": p["id"], "expectedVersion": 1, "source": "x" } });
    let before = counts(&app).await;

    let anonymous = app.graphql(&update_query, update.clone()).await;
    assert_eq!(error_code(&anonymous), "UNAUTHENTICATED", "{anonymous}");
    // An officer of the partnership's own circumscription, a partner that is a member.
    for token in [
        app.token("OFFICER", Some("FES"), None),
        app.token("PARTNER", None, Some(&n.fes)),
    ] {
        let body = app.graphql_as(&token, &update_query, update.clone()).await;
        assert_eq!(error_code(&body), "FORBIDDEN", "{body}");
        let body = app
            .graphql_as(
                &token,
                &create_query,
                json!({ "input": new_partnership(&n) }),
            )
            .await;
        assert_eq!(error_code(&body), "FORBIDDEN", "{body}");
    }
    assert_eq!(counts(&app).await, before);
    let admin = app.token("ADMIN", None, None);
    let body = app.graphql_as(&admin, &update_query, update).await;
    assert_eq!(ok(&body, "updatePartnership")["version"], 2);
}
