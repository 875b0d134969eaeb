//! When an actor moves (a new seat), the records whose circumscriptions derive from its seat
//! follow it in the same write: its partnerships, the exchanges it benefits from, its
//! applications, the events in France it takes part in, its people and the allocations to its
//! partnerships. An officer of the circumscription it left no longer sees them; one of the
//! circumscription it joined does — in lists, `totalCount` and `node(id:)` alike.

use partner_hub::domain::vocabulary::{Currency, RecordType};
use partner_hub::entities::record_circumscription;
use partner_hub::graphql::relay::{GlobalId, NodeKind};
use partner_hub::services::scope;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};

use crate::helpers::{TestApp, error_code, spawn_app};

const CREATE_ACTOR: &str = r#"mutation($input: CreateActorInput!) {
  createActor(input: $input) { actor { id version } } }"#;

const UPDATE_ACTOR: &str = r#"mutation($input: UpdateActorInput!) {
  updateActor(input: $input) { actor { id version seat { code } circumscriptions { code } } } }"#;

const CREATE_TERRITORY: &str = r#"mutation($input: CreateTerritoryInput!) {
  createTerritory(input: $input) { territory { code circumscription { code } } } }"#;

const CREATE_PARTNERSHIP: &str = r#"mutation($input: CreatePartnershipInput!) {
  createPartnership(input: $input) { partnership { id } } }"#;

const CREATE_EXCHANGE: &str = r#"mutation($input: CreateExchangeInput!) {
  createExchange(input: $input) { exchange { id } } }"#;

const CREATE_CALL: &str = r#"mutation($input: CreateCallInput!) {
  createCall(input: $input) { call { id } } }"#;

const SUBMIT: &str = r#"mutation($input: SubmitApplicationInput!) {
  submitApplication(input: $input) { application { id } } }"#;

const CREATE_EVENT: &str = r#"mutation($input: CreateEventInput!) {
  createEvent(input: $input) { event { id version } } }"#;

const ALLOCATE: &str = r#"mutation($input: CreateFundAllocationInput!) {
  createFundAllocation(input: $input) { fundAllocation { id } } }"#;

const CREATE_PERSON: &str = r#"mutation($input: CreatePersonInput!) {
  createPerson(input: $input) { person { id } } }"#;

const ADD_ATTENDEE: &str = r#"mutation($input: AddEventAttendeeInput!) {
  addEventAttendee(input: $input) { event { id version } } }"#;

/// Every list an officer reads the dependents through, with their ids and `totalCount`s.
const LISTS: &str = r#"query($call: ID!, $fund: ID!) {
  partnerships(first: 100) { totalCount nodes { id } }
  exchanges(first: 100) { totalCount nodes { id } }
  events(first: 100) { totalCount nodes { id } }
  call: node(id: $call) { ... on Call { applications(first: 100) { totalCount nodes { id } } } }
  fund: node(id: $fund) { ... on Fund { allocations(first: 100) { totalCount nodes { id } } } }
}"#;

/// A EUR fund, written straight into the database (there is no mutation creating funds).
async fn insert_fund(app: &TestApp) -> i64 {
    use partner_hub::entities::fund;
    use sea_orm::{ActiveModelTrait, Set};
    let now = chrono::Utc::now();
    fund::ActiveModel {
        name_fr: Set("Fonds de coopération".to_owned()),
        currency: Set(Currency::Eur),
        envelope_minor: Set(100_000_000),
        committed_minor: Set(0),
        sensitivity: Set(partner_hub::domain::vocabulary::Sensitivity::Internal),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&app.db.writer)
    .await
    .unwrap()
    .id
}

const NODE: &str = r#"query($id: ID!) { node(id: $id) { id } }"#;

fn coordinator(app: &TestApp) -> String {
    app.token("COORDINATOR", None, None)
}

fn gid(kind: NodeKind, id: i64) -> String {
    GlobalId::new(kind, id).encode().to_string()
}

fn db_id(global: &str) -> i64 {
    GlobalId::decode(global, "id").expect("a global ID").id
}

/// Runs `mutation` as a coordinator; answers the payload's record id (`path` inside `data`).
async fn create(app: &TestApp, mutation: &str, input: Value, path: [&str; 2]) -> String {
    let data = app
        .data_as(&coordinator(app), mutation, json!({ "input": input }))
        .await;
    data[path[0]][path[1]]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{data}"))
        .to_owned()
}

/// A Moroccan association seated in `seat`; answers its global ID.
async fn association(app: &TestApp, name: &str, seat: &str) -> String {
    let input = json!({ "kind": "ASSOCIATION", "name": { "fr": name }, "country": "MA",
                        "seat": seat });
    create(app, CREATE_ACTOR, input, ["createActor", "actor"]).await
}

/// A RESTRICTED decentralised cooperation between `french` and the Moroccan `members`.
async fn partnership(app: &TestApp, title: &str, french: &str, members: &[&str]) -> String {
    let members: Vec<Value> = members
        .iter()
        .map(|m| json!({ "actor": m, "side": "MOROCCAN" }))
        .chain([json!({ "actor": french, "side": "FRENCH" })])
        .collect();
    let input = json!({ "kind": "DECENTRALISED_COOPERATION", "title": { "fr": title },
                        "status": "ACTIVE", "sensitivity": "RESTRICTED", "members": members });
    create(
        app,
        CREATE_PARTNERSHIP,
        input,
        ["createPartnership", "partnership"],
    )
    .await
}

async fn exchange(app: &TestApp, title: &str, provider: &str, beneficiary: &str) -> String {
    let input = json!({ "kind": "TRAINING_GRANT", "title": { "fr": title },
                        "sensitivity": "RESTRICTED", "providers": [provider],
                        "beneficiaries": [beneficiary] });
    create(app, CREATE_EXCHANGE, input, ["createExchange", "exchange"]).await
}

/// A Rabat commune created by an administrator (MA-RAB-AGDAL, covered by RABAT).
async fn rabat_commune(app: &TestApp) -> &'static str {
    let admin = app.token("ADMIN", None, None);
    let input = json!({ "code": "MA-RAB-AGDAL", "parent": "MA-RAB",
                        "name": { "fr": "Agdal" } });
    let data = app
        .data_as(&admin, CREATE_TERRITORY, json!({ "input": input }))
        .await;
    assert_eq!(
        data["createTerritory"]["territory"]["circumscription"]["code"], "RABAT",
        "{data}"
    );
    "MA-RAB-AGDAL"
}

/// Moves `actor` (at `version`) to `seat` as a coordinator; answers the updated actor.
async fn move_actor(app: &TestApp, actor: &str, version: i64, seat: &str) -> Value {
    let input = json!({ "id": actor, "expectedVersion": version, "seat": seat });
    let data = app
        .data_as(&coordinator(app), UPDATE_ACTOR, json!({ "input": input }))
        .await;
    data["updateActor"]["actor"].clone()
}

/// What the Fès actor's dependents are.
struct Dependents {
    partnership: String,
    exchange: String,
    application: String,
    event: String,
    allocation: String,
    call: String,
    fund: String,
}

/// What an officer reads of one kind of dependent: whether the list holds it, the list's
/// `totalCount` (the reference data loads records of its own, hence a count to compare), and
/// whether `node(id:)` answers it.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Reads {
    listed: bool,
    total: i64,
    node: bool,
}

/// What an officer of `circumscription` reads of each dependent, by kind.
async fn officer_reads(
    app: &TestApp,
    circumscription: &str,
    d: &Dependents,
) -> Vec<(&'static str, Reads)> {
    let token = app.token("OFFICER", Some(circumscription), None);
    let data = app
        .data_as(&token, LISTS, json!({ "call": d.call, "fund": d.fund }))
        .await;
    let mut reads = Vec::new();
    for (kind, connection, id) in [
        ("partnership", &data["partnerships"], &d.partnership),
        ("exchange", &data["exchanges"], &d.exchange),
        ("event", &data["events"], &d.event),
        ("application", &data["call"]["applications"], &d.application),
        ("allocation", &data["fund"]["allocations"], &d.allocation),
    ] {
        let nodes = connection["nodes"]
            .as_array()
            .unwrap_or_else(|| panic!("{kind}: {data}"));
        let total = connection["totalCount"].as_i64().unwrap();
        assert!(
            (nodes.len() as i64) < 100,
            "{kind}: the whole list fits a page"
        );
        let node = app.data_as(&token, NODE, json!({ "id": id })).await;
        reads.push((
            kind,
            Reads {
                listed: nodes.iter().any(|n| n["id"] == **id),
                total,
                node: !node["node"].is_null(),
            },
        ));
    }
    reads
}

/// Asserts an officer of `circumscription` now reads every dependent (`sees`) or none, and
/// that each list's `totalCount` moved by one accordingly from `before`.
async fn assert_follows(
    app: &TestApp,
    circumscription: &str,
    d: &Dependents,
    before: &[(&'static str, Reads)],
    sees: bool,
) -> Vec<(&'static str, Reads)> {
    let after = officer_reads(app, circumscription, d).await;
    for ((kind, was), (_, now)) in before.iter().zip(&after) {
        let what = format!("officer of {circumscription}, {kind}");
        assert_eq!(now.listed, sees, "{what}: listed");
        assert_eq!(now.node, sees, "{what}: node(id:)");
        let delta = i64::from(now.listed) - i64::from(was.listed);
        assert_eq!(now.total, was.total + delta, "{what}: totalCount");
    }
    after
}

/// The circumscription codes stored for a record, sorted.
async fn stored(app: &TestApp, record_type: RecordType, id: i64) -> Vec<String> {
    use partner_hub::entities::circumscription;
    let ids = scope::recorded(&app.db.writer, record_type, id)
        .await
        .unwrap();
    let mut codes: Vec<String> = circumscription::Entity::find()
        .filter(circumscription::Column::Id.is_in(ids))
        .all(&app.db.writer)
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.code)
        .collect();
    codes.sort_unstable();
    codes
}

#[tokio::test]
async fn the_records_of_an_actor_follow_it_when_it_moves() {
    // Arrange: a Fès association with RESTRICTED dependents of every kind, a Marrakech one
    // sharing its partnership, a French provider.
    let app = spawn_app().await;
    let rabat = rabat_commune(&app).await;
    let fes = association(&app, "Association Fès Jeunesse", "MA-FES").await;
    let marrakech = association(&app, "Association Ocre", "MA-MAR").await;
    let french = create(
        &app,
        CREATE_ACTOR,
        json!({ "kind": "ASSOCIATION", "name": { "fr": "Association lyonnaise" },
                "country": "FR" }),
        ["createActor", "actor"],
    )
    .await;
    let partnership = partnership(
        &app,
        "Jumelage Fès – Marrakech",
        &french,
        &[&fes, &marrakech],
    )
    .await;
    let exchange = exchange(&app, "Stage à Lyon", &french, &fes).await;
    let call = create(
        &app,
        CREATE_CALL,
        json!({ "title": { "fr": "Appel jeunesse" }, "year": 2025,
                "instrument": "CALL_FOR_PROPOSALS" }),
        ["createCall", "call"],
    )
    .await;
    let application = create(
        &app,
        SUBMIT,
        json!({ "call": call, "title": "Jeunes leaders", "applicants": [fes],
                "requestedAmount": "25000.00", "requestedCurrency": "EUR",
                "sensitivity": "RESTRICTED" }),
        ["submitApplication", "application"],
    )
    .await;
    let event = create(
        &app,
        CREATE_EVENT,
        json!({ "kind": "SEMINAR", "title": { "fr": "Rencontres à Lyon" },
                "startsAt": "2026-03-10T09:00:00Z", "placeInFrance": "Lyon",
                "sensitivity": "RESTRICTED",
                "participants": [{ "actor": fes, "role": "SPEAKER" },
                                 { "actor": french, "role": "ORGANISER" }] }),
        ["createEvent", "event"],
    )
    .await;
    let fund_id = insert_fund(&app).await;
    let fund = gid(NodeKind::Fund, fund_id);
    let allocation = create(
        &app,
        ALLOCATE,
        json!({ "fund": fund, "partnership": partnership, "amount": "1000.00",
                "currency": "EUR", "sensitivity": "RESTRICTED" }),
        ["createFundAllocation", "fundAllocation"],
    )
    .await;
    let person = create(
        &app,
        CREATE_PERSON,
        json!({ "givenName": "Salma", "familyName": "Idrissi", "organisation": fes }),
        ["createPerson", "person"],
    )
    .await;
    let d = Dependents {
        partnership: partnership.clone(),
        exchange,
        application,
        event,
        allocation,
        call,
        fund,
    };
    let fes_before = officer_reads(&app, "FES", &d).await;
    let rabat_before = officer_reads(&app, "RABAT", &d).await;
    for (kind, reads) in &fes_before {
        assert!(reads.listed && reads.node, "Fès reads the {kind}");
    }
    for (kind, reads) in &rabat_before {
        assert!(
            !reads.listed && !reads.node,
            "Rabat does not read the {kind}"
        );
    }
    assert_eq!(
        stored(&app, RecordType::Partnership, db_id(&partnership)).await,
        ["FES", "MARRAKECH"]
    );

    // Act: the Fès association moves to a Rabat commune.
    let moved = move_actor(&app, &fes, 1, rabat).await;

    // Assert: its own scope and every dependent's follow.
    assert_eq!(moved["seat"]["code"], rabat);
    assert_eq!(moved["circumscriptions"], json!([{ "code": "RABAT" }]));
    let fes_after = assert_follows(&app, "FES", &d, &fes_before, false).await;
    let rabat_after = assert_follows(&app, "RABAT", &d, &rabat_before, true).await;
    // The partnership keeps its other member's circumscription.
    assert_eq!(
        stored(&app, RecordType::Partnership, db_id(&partnership)).await,
        ["MARRAKECH", "RABAT"]
    );
    let marrakech_officer = app.token("OFFICER", Some("MARRAKECH"), None);
    let node = app
        .data_as(&marrakech_officer, NODE, json!({ "id": partnership }))
        .await;
    assert!(!node["node"].is_null(), "Marrakech still sees it");
    // The stored rows of the people of the actor follow too (reads use the organisation's).
    assert_eq!(
        stored(&app, RecordType::Person, db_id(&person)).await,
        ["RABAT"]
    );
    for (record_type, id, expected) in [
        (RecordType::Exchange, &d.exchange, &["RABAT"][..]),
        (RecordType::Application, &d.application, &["RABAT"]),
        (RecordType::Event, &d.event, &["RABAT"]),
        // Its partnership's members: Marrakech stays.
        (
            RecordType::FundAllocation,
            &d.allocation,
            &["MARRAKECH", "RABAT"],
        ),
    ] {
        assert_eq!(
            stored(&app, record_type, db_id(id)).await,
            expected,
            "{record_type:?}"
        );
    }
    for officer in ["FES", "RABAT"] {
        let token = app.token("OFFICER", Some(officer), None);
        let read = app.data_as(&token, NODE, json!({ "id": person })).await;
        assert_eq!(
            read["node"].is_null(),
            officer == "FES",
            "officer of {officer} reads the person: {read}"
        );
    }

    // Moving back restores the first view.
    move_actor(&app, &fes, 2, "MA-FES").await;
    assert_follows(&app, "FES", &d, &fes_after, true).await;
    assert_follows(&app, "RABAT", &d, &rabat_after, false).await;
}

#[tokio::test]
async fn an_officer_adds_an_attendee_by_the_organisations_current_circumscription() {
    let app = spawn_app().await;
    let rabat = rabat_commune(&app).await;
    let fes = association(&app, "Association Fès Jeunesse", "MA-FES").await;
    let person = create(
        &app,
        CREATE_PERSON,
        json!({ "givenName": "Salma", "familyName": "Idrissi", "organisation": fes }),
        ["createPerson", "person"],
    )
    .await;
    let event_input = |title: &str, territory: &str| {
        json!({ "kind": "SEMINAR", "title": { "fr": title },
                "startsAt": "2026-03-10T09:00:00Z", "territory": territory })
    };
    let in_rabat = create(
        &app,
        CREATE_EVENT,
        event_input("Forum de Rabat", "MA-RAB"),
        ["createEvent", "event"],
    )
    .await;
    let in_fes = create(
        &app,
        CREATE_EVENT,
        event_input("Forum de Fès", "MA-FES"),
        ["createEvent", "event"],
    )
    .await;
    move_actor(&app, &fes, 1, rabat).await;
    // A person's own stored rows are derived data that may lag (written before this fix, or
    // by another path); who may read them is decided by their organisation's circumscriptions.
    record_circumscription::Entity::delete_many()
        .filter(record_circumscription::Column::RecordType.eq(RecordType::Person))
        .filter(record_circumscription::Column::RecordId.eq(db_id(&person)))
        .exec(&app.db.writer)
        .await
        .unwrap();

    let add = |token: String, event: String, version: i64| {
        let app = &app;
        let person = person.clone();
        async move {
            let input = json!({ "event": event, "expectedVersion": version, "person": person });
            app.graphql_as(&token, ADD_ATTENDEE, json!({ "input": input }))
                .await
        }
    };
    // The Fès officer may not name her at a Fès event (as if she did not exist) …
    let fes_officer = app.token("OFFICER", Some("FES"), None);
    let refused = add(fes_officer, in_fes, 1).await;
    assert_eq!(error_code(&refused), "BAD_USER_INPUT", "{refused}");
    assert_eq!(
        refused["errors"][0]["extensions"]["field"], "input.person",
        "{refused}"
    );
    // … the Rabat officer may, at a Rabat event.
    let rabat_officer = app.token("OFFICER", Some("RABAT"), None);
    let added = add(rabat_officer, in_rabat, 1).await;
    assert!(added.get("errors").is_none(), "{added}");
    assert_eq!(added["data"]["addEventAttendee"]["event"]["version"], 2);
}

/// The statements one move costs, for an actor that is a member of `n` partnerships and the
/// beneficiary of `n` exchanges.
async fn cost_of_a_move(app: &TestApp, n: usize, name: &str) -> u64 {
    let actor = association(app, name, "MA-FES").await;
    let french = create(
        app,
        CREATE_ACTOR,
        json!({ "kind": "ASSOCIATION", "name": { "fr": format!("{name} (France)") },
                "country": "FR" }),
        ["createActor", "actor"],
    )
    .await;
    let mut partnerships = Vec::new();
    for i in 0..n {
        partnerships.push(partnership(app, &format!("{name} {i}"), &french, &[&actor]).await);
        exchange(app, &format!("{name} {i}"), &french, &actor).await;
    }
    let before = app.sql_statements();
    move_actor(app, &actor, 1, "MA-RAB").await;
    let cost = app.sql_statements() - before;
    for p in &partnerships {
        assert_eq!(
            stored(app, RecordType::Partnership, db_id(p)).await,
            ["RABAT"]
        );
    }
    cost
}

#[tokio::test]
async fn a_move_costs_the_same_statements_whatever_the_number_of_dependents() {
    let app = spawn_app().await;
    let one = cost_of_a_move(&app, 1, "Association Une").await;
    let ten = cost_of_a_move(&app, 10, "Association Dix").await;
    assert_eq!(one, ten, "1 dependent of each kind: {one}, 10: {ten}");
}
