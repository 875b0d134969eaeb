//! Writes: events — schedule, update, archive/restore, participants and attendees, over
//! HTTP with tokens; the guarantees (validation, idempotency, versions, the log, write rules).

use partner_hub::domain::vocabulary::{ActorKind, Country};
use partner_hub::entities::{activity, actor, event, idempotency_key};
use partner_hub::graphql::relay::{GlobalId, NodeKind};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};

use crate::fixtures::{NewActor, insert_actor};
use crate::helpers::{TestApp, error_code, spawn_app};

mod children;

const CREATE: &str = r#"mutation($input: CreateEventInput!) { createEvent(input: $input) {
    event { id version kind title arabic: title(lang: AR) placeInFrance sensitivity archived
            territory { code } circumscriptions { code }
            participants { totalCount nodes { role actor { id } } } } } }"#;

const UPDATE: &str = r#"mutation($input: UpdateEventInput!) { updateEvent(input: $input) {
    event { id version title territory { code } placeInFrance circumscriptions { code } } } }"#;

/// The global ID of a record.
pub(super) fn gid(kind: NodeKind, id: i64) -> String {
    GlobalId::new(kind, id).encode().to_string()
}

/// An actor of `country` seated in `seat`; answers its global ID.
pub(super) async fn actor_of(
    app: &TestApp,
    name: &str,
    seat: Option<&str>,
    country: Country,
) -> String {
    let id = insert_actor(
        &app.db,
        NewActor {
            seat,
            ..NewActor::public(ActorKind::Association, name)
        },
    )
    .await;
    if country != Country::Ma {
        actor::Entity::update_many()
            .col_expr(actor::Column::Country, Expr::value(country))
            .filter(actor::Column::Id.eq(id))
            .exec(&app.db.writer)
            .await
            .unwrap();
    }
    gid(NodeKind::Actor, id)
}

/// How many rows `E` holds.
pub(super) async fn rows<E>(app: &TestApp) -> u64
where
    E: EntityTrait,
    E::Model: Sync,
{
    E::find().count(&app.db.writer).await.unwrap()
}

/// `extensions.field` of the first error.
pub(super) fn error_field(body: &Value) -> &str {
    body["errors"][0]["extensions"]["field"]
        .as_str()
        .unwrap_or("<none>")
}

/// Codes of a list of `{ code }` objects, sorted.
pub(super) fn codes(list: &Value) -> Vec<&str> {
    let mut codes: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["code"].as_str().unwrap())
        .collect();
    codes.sort_unstable();
    codes
}

fn event_input(title: &str, territory: &str, participants: Value) -> Value {
    json!({
        "kind": "SEMINAR",
        "title": { "fr": title },
        "startsAt": "2026-03-10T09:00:00Z",
        "endsAt": "2026-03-10T17:00:00Z",
        "territory": territory,
        "participants": participants,
    })
}

#[tokio::test]
async fn a_coordinator_schedules_an_event_read_back_and_logged() {
    let app = spawn_app().await;
    let coordinator = app.token("COORDINATOR", None, None);
    let ville = actor_of(&app, "Commune de Fès", Some("MA-FES"), Country::Ma).await;
    let lyon = actor_of(&app, "Métropole de Lyon", None, Country::Fr).await;

    let mut input = event_input(
        "  Se\u{301}minaire de la gouvernance locale ",
        "ma-fes",
        json!([
            { "actor": ville, "role": "ORGANISER" },
            { "actor": lyon, "role": "SPEAKER" },
            { "actor": ville, "role": "SPEAKER" },
        ]),
    );
    input["title"]["ar"] = json!(" ندوة الحكامة المحلية ");
    input["idempotencyKey"] = json!("seminar-1");
    let data = app
        .data_as(&coordinator, CREATE, json!({ "input": input }))
        .await;
    let created = &data["createEvent"]["event"];
    assert_eq!(created["title"], "Séminaire de la gouvernance locale");
    assert_eq!(created["arabic"], "ندوة الحكامة المحلية");
    assert_eq!(created["version"], 1);
    assert_eq!(created["sensitivity"], "INTERNAL");
    assert_eq!(created["territory"]["code"], "MA-FES");
    assert_eq!(codes(&created["circumscriptions"]), ["FES"]);
    assert_eq!(created["participants"]["totalCount"], 3);
    let id = created["id"].as_str().unwrap();

    let read = app
        .data_as(
            &coordinator,
            r#"query($id: ID!) { node(id: $id) { ... on Event { id kind createdBy
                participants(role: SPEAKER) { totalCount } } } }"#,
            json!({ "id": id }),
        )
        .await;
    assert_eq!(read["node"]["kind"], "SEMINAR");
    assert_eq!(read["node"]["createdBy"], "test-coordinator");
    assert_eq!(read["node"]["participants"]["totalCount"], 2);

    let log = app
        .data_as(
            &coordinator,
            r#"{ activity(filter: { kinds: [EVENT_SCHEDULED] }) { nodes { kind author
                subject { ... on Event { id } } actors { id } circumscriptions { code } } } }"#,
            json!({}),
        )
        .await;
    let entries = log["activity"]["nodes"].as_array().unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0]["subject"]["id"], id);
    assert_eq!(entries[0]["author"], "test-coordinator");
    assert_eq!(entries[0]["actors"].as_array().unwrap().len(), 2);
    assert_eq!(codes(&entries[0]["circumscriptions"]), ["FES"]);
}

#[tokio::test]
async fn a_retry_creates_nothing_and_a_reused_key_conflicts() {
    let app = spawn_app().await;
    let coordinator = app.token("COORDINATOR", None, None);
    let mut input = event_input("Forum des jeunes leaders", "MA-RAB", json!([]));
    input["idempotencyKey"] = json!("forum-2026");
    let first = app
        .data_as(&coordinator, CREATE, json!({ "input": input }))
        .await;
    let activity_after_first = rows::<activity::Entity>(&app).await;

    let again = app
        .data_as(&coordinator, CREATE, json!({ "input": input }))
        .await;
    assert_eq!(
        again["createEvent"]["event"]["id"],
        first["createEvent"]["event"]["id"]
    );
    assert_eq!(rows::<event::Entity>(&app).await, 1);
    assert_eq!(rows::<activity::Entity>(&app).await, activity_after_first);

    input["title"]["fr"] = json!("Un autre forum");
    let body = app
        .graphql_as(&coordinator, CREATE, json!({ "input": input }))
        .await;
    assert_eq!(error_code(&body), "CONFLICT", "{body}");
    assert_eq!(rows::<event::Entity>(&app).await, 1);
}

#[tokio::test]
async fn bad_input_names_the_field_and_writes_nothing() {
    let app = spawn_app().await;
    let coordinator = app.token("COORDINATOR", None, None);
    let ville = actor_of(&app, "Commune de Fès", Some("MA-FES"), Country::Ma).await;
    let project = gid(NodeKind::Project, 999);
    let ghost = gid(NodeKind::Actor, 999_999);
    let base = || {
        let mut input = event_input(
            "Atelier",
            "MA-FES",
            json!([{ "actor": ville, "role": "ORGANISER" }]),
        );
        input["idempotencyKey"] = json!("bad-input");
        input
    };
    type Change = Box<dyn Fn(&mut Value)>;
    let cases: Vec<(&str, Change)> = vec![
        (
            "input.title.fr",
            Box::new(|i| i["title"]["fr"] = json!("   ")),
        ),
        (
            "input.endsAt",
            Box::new(|i| i["endsAt"] = json!("2026-03-09T09:00:00Z")),
        ),
        (
            "input.territory",
            Box::new(|i| i["territory"] = json!("MA-99")),
        ),
        (
            "input.territory",
            Box::new(|i| i["placeInFrance"] = json!("Lyon")),
        ),
        (
            "input.territory",
            Box::new(|i| i["territory"] = Value::Null),
        ),
        (
            "input.sensitivity",
            Box::new(|i| i["sensitivity"] = json!("PERSONAL")),
        ),
        (
            "input.project",
            Box::new(move |i| i["project"] = json!(project)),
        ),
        (
            "input.participants[0].actor",
            Box::new(move |i| {
                i["participants"] = json!([{ "actor": ghost, "role": "SPEAKER" }]);
            }),
        ),
        (
            "input.participants[1].actor",
            Box::new(|i| {
                let first = i["participants"][0].clone();
                i["participants"].as_array_mut().unwrap().push(first);
            }),
        ),
    ];
    for (field, change) in cases {
        let mut input = base();
        change(&mut input);
        let body = app
            .graphql_as(&coordinator, CREATE, json!({ "input": input }))
            .await;
        assert_eq!(error_code(&body), "BAD_USER_INPUT", "{field}: {body}");
        assert_eq!(error_field(&body), field, "{body}");
    }
    assert_eq!(rows::<event::Entity>(&app).await, 0);
    assert_eq!(rows::<activity::Entity>(&app).await, 0);
    assert_eq!(rows::<idempotency_key::Entity>(&app).await, 0);
}

#[tokio::test]
async fn updates_need_the_current_version_and_may_move_the_event_to_france() {
    let app = spawn_app().await;
    let coordinator = app.token("COORDINATOR", None, None);
    let ville = actor_of(&app, "Commune de Fès", Some("MA-FES"), Country::Ma).await;
    let input = event_input(
        "Visite technique",
        "MA-RAB",
        json!([{ "actor": ville, "role": "PARTICIPANT" }]),
    );
    let data = app
        .data_as(&coordinator, CREATE, json!({ "input": input }))
        .await;
    let id = data["createEvent"]["event"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        codes(&data["createEvent"]["event"]["circumscriptions"]),
        ["RABAT"]
    );

    // Both places at once is refused; moving to France means clearing the territory.
    let both = json!({ "id": id, "expectedVersion": 1, "placeInFrance": "Lyon" });
    let body = app
        .graphql_as(&coordinator, UPDATE, json!({ "input": both }))
        .await;
    assert_eq!(error_field(&body), "input.placeInFrance", "{body}");
    let moved = json!({ "id": id, "expectedVersion": 1, "territory": null,
                        "placeInFrance": "Lyon", "title": { "fr": "Visite d'étude à Lyon" } });
    let data = app
        .data_as(&coordinator, UPDATE, json!({ "input": moved }))
        .await;
    let updated = &data["updateEvent"]["event"];
    assert_eq!(updated["version"], 2);
    assert_eq!(updated["placeInFrance"], "Lyon");
    assert!(updated["territory"].is_null());
    // In France: the circumscriptions of its Moroccan participants.
    assert_eq!(codes(&updated["circumscriptions"]), ["FES"]);

    let activity_before = rows::<activity::Entity>(&app).await;
    let stale = json!({ "id": id, "expectedVersion": 1, "title": { "fr": "Trop tard" } });
    let body = app
        .graphql_as(&coordinator, UPDATE, json!({ "input": stale }))
        .await;
    assert_eq!(error_code(&body), "CONFLICT", "{body}");
    assert_eq!(body["errors"][0]["extensions"]["currentVersion"], 2);
    assert_eq!(rows::<activity::Entity>(&app).await, activity_before);
    let read = app
        .data_as(
            &coordinator,
            r#"query($id: ID!) { node(id: $id) { ... on Event { title version } } }"#,
            json!({ "id": id }),
        )
        .await;
    assert_eq!(read["node"]["title"], "Visite d'étude à Lyon");
    assert_eq!(read["node"]["version"], 2);

    let log = app
        .data_as(
            &coordinator,
            r#"{ activity(filter: { kinds: [EVENT_UPDATED] }) { totalCount } }"#,
            json!({}),
        )
        .await;
    assert_eq!(log["activity"]["totalCount"], 1);
}

#[tokio::test]
async fn write_rules_for_events() {
    let app = spawn_app().await;
    let coordinator = app.token("COORDINATOR", None, None);
    let officer = app.token("OFFICER", Some("FES"), None);
    let ville = actor_of(&app, "Commune de Fès", Some("MA-FES"), Country::Ma).await;
    let partner = app.token("PARTNER", None, Some(&ville));
    let in_fes = json!({ "input": event_input("Atelier à Fès", "MA-FES", json!([])) });
    let in_rabat = json!({ "input": event_input("Atelier à Rabat", "MA-RAB", json!([])) });

    let body = app.graphql(CREATE, in_fes.clone()).await;
    assert_eq!(error_code(&body), "UNAUTHENTICATED", "{body}");
    let body = app.graphql_as(&partner, CREATE, in_fes.clone()).await;
    assert_eq!(error_code(&body), "FORBIDDEN", "{body}");
    let body = app.graphql_as(&officer, CREATE, in_rabat.clone()).await;
    assert_eq!(error_code(&body), "FORBIDDEN", "{body}");
    assert_eq!(rows::<event::Entity>(&app).await, 0);
    assert_eq!(rows::<activity::Entity>(&app).await, 0);

    // In its circumscription, and in France with a participant seated there.
    let data = app.data_as(&officer, CREATE, in_fes).await;
    let own = data["createEvent"]["event"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let mut in_france = event_input(
        "Voyage à Lyon",
        "MA-FES",
        json!([{ "actor": ville, "role": "PARTICIPANT" }]),
    );
    in_france["territory"] = Value::Null;
    in_france["placeInFrance"] = json!("Lyon");
    app.data_as(&officer, CREATE, json!({ "input": in_france }))
        .await;

    // Not another circumscription's event, nor moving its own out.
    let data = app.data_as(&coordinator, CREATE, in_rabat).await;
    let theirs = data["createEvent"]["event"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let edit = json!({ "id": theirs, "expectedVersion": 1, "title": { "fr": "Pris" } });
    let body = app
        .graphql_as(&officer, UPDATE, json!({ "input": edit }))
        .await;
    assert_eq!(error_code(&body), "FORBIDDEN", "{body}");
    let away = json!({ "id": own, "expectedVersion": 1, "territory": "MA-RAB" });
    let body = app
        .graphql_as(&officer, UPDATE, json!({ "input": away }))
        .await;
    assert_eq!(error_code(&body), "FORBIDDEN", "{body}");
    let read = app
        .data_as(
            &officer,
            r#"query($id: ID!) { node(id: $id) { ... on Event { version territory { code } } } }"#,
            json!({ "id": own }),
        )
        .await;
    assert_eq!(
        read["node"],
        json!({ "version": 1, "territory": { "code": "MA-FES" } })
    );
    let body = app
        .graphql_as(
            &partner,
            UPDATE,
            json!({ "input": { "id": own, "expectedVersion": 1, "title": { "fr": "x" } } }),
        )
        .await;
    assert_eq!(error_code(&body), "FORBIDDEN", "{body}");
}
