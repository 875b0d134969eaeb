//! Synthetic networks (`seed --synthetic N`): proportions, skew, determinism across fresh
//! databases, refusal of a second load, and the nested read query over them.

use std::collections::{BTreeMap, HashMap};

use partner_hub::db::Database;
use partner_hub::domain::vocabulary::{ExchangePartySide, RecordType, Sensitivity};
use partner_hub::entities::{
    activity, activity_actor, activity_circumscription, activity_counter, activity_territory,
    actor, actor_theme, budget_line, circumscription, event, event_participant, exchange,
    exchange_party, partnership, partnership_member, partnership_project, partnership_theme,
    project, project_location, project_participant, project_sector, project_theme,
    record_circumscription, territory,
};
use partner_hub::error::ErrorCode;
use partner_hub::seed::synthetic::{self, AUTHOR, SyntheticReport};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use serde_json::json;

use crate::helpers::spawn_app;

async fn load(db: &Database, actors: u64, seed: u64) -> SyntheticReport {
    synthetic::load(db, actors, seed)
        .await
        .unwrap_or_else(|e| panic!("synthetic load failed: {}", e.detail()))
}

#[tokio::test]
async fn a_synthetic_network_has_the_stated_proportions_seats_and_activity() {
    let app = spawn_app().await;
    let db = &app.db.reader;
    let n = 500u64;
    let report = load(&app.db, n, 7).await;

    let actors = actor::Entity::find()
        .filter(actor::Column::CreatedBy.eq(AUTHOR))
        .all(db)
        .await
        .unwrap();
    assert_eq!(actors.len() as u64, n);
    assert_eq!(report.actors, n);
    let projects = project::Entity::find()
        .filter(project::Column::CreatedBy.eq(AUTHOR))
        .count(db)
        .await
        .unwrap();
    assert_eq!(projects, n / 2);
    assert_eq!(report.projects, n / 2);
    let participants = project_participant::Entity::find().count(db).await.unwrap();
    assert!(
        (n * 5 / 2..=n * 7 / 2).contains(&participants),
        "about three participations per actor: {participants}"
    );
    assert_eq!(report.project_participants, participants);

    let partnerships = partnership::Entity::find()
        .filter(partnership::Column::CreatedBy.eq(AUTHOR))
        .all(db)
        .await
        .unwrap();
    assert_eq!(partnerships.len() as u64, n / 5);
    let mut members: HashMap<i64, usize> = HashMap::new();
    for m in partnership_member::Entity::find().all(db).await.unwrap() {
        *members.entry(m.partnership_id).or_default() += 1;
    }
    for p in &partnerships {
        let count = members.get(&p.id).copied().unwrap_or_default();
        assert!((2..=4).contains(&count), "{}: {count} members", p.title_fr);
    }

    let events = event::Entity::find()
        .filter(event::Column::CreatedBy.eq(AUTHOR))
        .all(db)
        .await
        .unwrap();
    assert_eq!(events.len() as u64, n / 4);
    let mut event_participants: HashMap<i64, usize> = HashMap::new();
    for p in event_participant::Entity::find().all(db).await.unwrap() {
        *event_participants.entry(p.event_id).or_default() += 1;
    }
    for e in &events {
        assert!(event_participants.get(&e.id).copied().unwrap_or_default() >= 2);
    }

    let exchanges = exchange::Entity::find()
        .filter(exchange::Column::CreatedBy.eq(AUTHOR))
        .all(db)
        .await
        .unwrap();
    assert_eq!(exchanges.len() as u64, n / 5);
    let parties = exchange_party::Entity::find().all(db).await.unwrap();
    for x in &exchanges {
        for side in [ExchangePartySide::Provider, ExchangePartySide::Beneficiary] {
            assert!(
                parties
                    .iter()
                    .any(|p| p.exchange_id == x.id && p.side == side),
                "{} has a {side}",
                x.title_fr
            );
        }
    }

    // Mostly PUBLIC, some not; seats over (nearly) every province and prefecture.
    let public = actors
        .iter()
        .filter(|a| a.sensitivity == Sensitivity::Public)
        .count();
    assert!(public * 100 > actors.len() * 75, "{public} PUBLIC");
    assert!(public < actors.len());
    let provinces = territory::Entity::find()
        .filter(territory::Column::Level.is_in(["PROVINCE", "PREFECTURE"]))
        .count(db)
        .await
        .unwrap();
    let mut seats: Vec<i64> = actors.iter().filter_map(|a| a.seat_territory_id).collect();
    seats.sort_unstable();
    seats.dedup();
    assert!(
        seats.len() as u64 * 10 >= provinces * 9,
        "{} of {provinces} provinces seat an actor",
        seats.len()
    );

    // Circumscriptions: every seated actor and every project has its rows.
    let seated = actors
        .iter()
        .filter(|a| a.seat_territory_id.is_some())
        .count();
    let actor_scopes: Vec<i64> = record_circumscription::Entity::find()
        .filter(record_circumscription::Column::RecordType.eq(RecordType::Actor))
        .filter(record_circumscription::Column::RecordId.is_in(actors.iter().map(|a| a.id)))
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.record_id)
        .collect();
    let mut scoped = actor_scopes.clone();
    scoped.dedup();
    assert_eq!(scoped.len(), seated);
    let scoped_projects = record_circumscription::Entity::find()
        .filter(record_circumscription::Column::RecordType.eq(RecordType::Project))
        .all(db)
        .await
        .unwrap();
    let mut scoped_projects: Vec<i64> = scoped_projects.iter().map(|r| r.record_id).collect();
    scoped_projects.sort_unstable();
    scoped_projects.dedup();
    assert_eq!(scoped_projects.len() as u64, n / 2);

    // One activity entry per record, positions 1.., and the counter moved past them.
    let records = n + n / 2 + n / 5 + n / 4 + n / 5;
    let entries = activity::Entity::find()
        .order_by_asc(activity::Column::Position)
        .all(db)
        .await
        .unwrap();
    assert_eq!(entries.len() as u64, records);
    assert_eq!(report.activities, records);
    assert!(entries.iter().all(|e| e.author.as_deref() == Some(AUTHOR)));
    let positions: Vec<i64> = entries.iter().map(|e| e.position).collect();
    assert_eq!(positions, (1..=records as i64).collect::<Vec<_>>());
    assert!(entries.windows(2).all(|w| w[0].at < w[1].at));
    let counter = activity_counter::Entity::find_by_id(1)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(counter.position, records as i64);
    assert!(activity_actor::Entity::find().count(db).await.unwrap() >= records);
    assert!(report.rows > 20 * n, "{report}");

    // The read API sees them.
    let data = app
        .data(
            r#"{ actors(filter: { search: "synthetique" }) { totalCount }
                 projects(filter: { search: "synthetique" }) { totalCount }
                 activity(first: 1) { totalCount nodes { kind } } }"#,
            json!({}),
        )
        .await;
    let visible = data["actors"]["totalCount"].as_u64().unwrap();
    assert_eq!(
        visible, public as u64,
        "anonymous readers see the PUBLIC actors"
    );
    assert!(data["projects"]["totalCount"].as_u64().unwrap() > 0);
    assert_eq!(
        data["activity"]["nodes"][0]["kind"], "EXCHANGE_RECORDED",
        "the newest entry is the last record written"
    );
}

#[tokio::test]
async fn a_few_actors_take_part_in_many_more_projects_than_the_median() {
    let app = spawn_app().await;
    load(&app.db, 500, 7).await;
    let actors = actor::Entity::find()
        .filter(actor::Column::CreatedBy.eq(AUTHOR))
        .all(&app.db.reader)
        .await
        .unwrap();
    let mut degree: HashMap<i64, usize> = actors.iter().map(|a| (a.id, 0)).collect();
    for p in project_participant::Entity::find()
        .all(&app.db.reader)
        .await
        .unwrap()
    {
        *degree.entry(p.actor_id).or_default() += 1;
    }
    let mut degrees: Vec<usize> = degree.into_values().collect();
    degrees.sort_unstable();
    let median = degrees[degrees.len() / 2];
    let max = degrees[degrees.len() - 1];
    assert!(
        max >= 20 && max >= 8 * median.max(1),
        "max {max} projects, median {median}"
    );
}

#[tokio::test]
async fn the_same_size_and_seed_give_the_same_rows_in_two_fresh_databases_however_chunked() {
    let (a, b, c) = (spawn_app().await, spawn_app().await, spawn_app().await);
    let report = load(&a.db, 300, 42).await;
    // The same rows, however they are chunked: here many small INSERTs, so that link rows
    // are sent while their records' tables are still being written.
    let chunked = synthetic::load_in_chunks(&b.db, 300, 42, 37)
        .await
        .unwrap_or_else(|e| panic!("chunked load failed: {}", e.detail()));
    assert_eq!(chunked.rows, report.rows);
    assert!(chunked.statements > 5 * report.statements, "{chunked}");
    load(&c.db, 300, 43).await;
    let (fa, fb, fc) = (
        fingerprint(&a.db).await,
        fingerprint(&b.db).await,
        fingerprint(&c.db).await,
    );
    assert!(fa.len() > 5_000, "{} rows compared", fa.len());
    if let Some((x, y)) = fa.iter().zip(&fb).find(|(x, y)| x != y) {
        panic!("the two loads differ:\n{x}\n{y}");
    }
    assert_eq!(fa.len(), fb.len());
    assert_ne!(fa, fc, "another seed gives another network");
}

#[tokio::test]
async fn a_second_load_and_out_of_range_sizes_are_refused() {
    let app = spawn_app().await;
    for bad in [0, 9] {
        let err = synthetic::load(&app.db, bad, 1).await.unwrap_err();
        assert_eq!(err.code(), ErrorCode::BadUserInput, "{}", err.detail());
    }
    load(&app.db, 40, 1).await;
    let rows = actor::Entity::find().count(&app.db.reader).await.unwrap();
    let err = synthetic::load(&app.db, 40, 2).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::BadUserInput);
    assert!(err.detail().contains("already holds"), "{}", err.detail());
    assert_eq!(
        actor::Entity::find().count(&app.db.reader).await.unwrap(),
        rows,
        "nothing was added"
    );
    let counter = activity_counter::Entity::find_by_id(1)
        .one(&app.db.reader)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(counter.position, 40 + 20 + 8 + 10 + 8);
}

/// The nested query of the no-N+1 rule (tests/api/projects.rs), over synthetic actors.
const NESTED: &str = r#"query($n: Int!) {
  actors(first: $n, filter: { search: "synthetique" }) {
    nodes {
      name
      projects(first: 2) {
        totalCount
        nodes { role project { title participants(first: 2) { totalCount nodes { role actor { name } } } } }
      }
    }
  }
}"#;

#[tokio::test]
async fn the_nested_query_over_a_synthetic_network_costs_the_same_for_5_and_100_actors() {
    let app = spawn_app().await;
    load(&app.db, 500, 7).await;
    let mut costs = Vec::new();
    for n in [5, 100] {
        let before = app.sql_statements();
        let data = app.data(NESTED, json!({ "n": n })).await;
        costs.push(app.sql_statements() - before);
        let nodes = data["actors"]["nodes"].as_array().unwrap();
        assert_eq!(nodes.len(), n as usize);
        let with_projects = nodes
            .iter()
            .filter(|a| a["projects"]["totalCount"].as_u64().unwrap() > 0)
            .count();
        assert!(with_projects > 0, "some actors take part in projects");
        for actor in nodes {
            for p in actor["projects"]["nodes"].as_array().unwrap() {
                let shown = p["project"]["participants"]["nodes"]
                    .as_array()
                    .unwrap()
                    .len();
                assert!((1..=2).contains(&shown));
            }
        }
    }
    assert_eq!(
        costs[0], costs[1],
        "statements for 5 actors vs 100 actors: {costs:?}"
    );
    assert!(costs[0] <= 8, "one statement per level: {costs:?}");
}

/// Every synthetic row in natural terms (names, codes, positions instead of database ids),
/// sorted: two databases hold the same network if and only if these are equal.
async fn fingerprint(db: &Database) -> Vec<String> {
    let conn = &db.reader;
    let mut lines = Vec::new();
    let codes: HashMap<i64, String> = territory::Entity::find()
        .all(conn)
        .await
        .unwrap()
        .into_iter()
        .map(|t| (t.id, t.code))
        .collect();
    let circs: HashMap<i64, String> = circumscription::Entity::find()
        .all(conn)
        .await
        .unwrap()
        .into_iter()
        .map(|c| (c.id, c.code))
        .collect();
    let code = |id: Option<i64>| id.map(|i| codes[&i].clone()).unwrap_or_default();

    let mut names: BTreeMap<(&str, i64), String> = BTreeMap::new();
    for mut a in actor::Entity::find()
        .filter(actor::Column::CreatedBy.eq(AUTHOR))
        .all(conn)
        .await
        .unwrap()
    {
        names.insert(("ACTOR", a.id), a.name_fr.clone());
        let refs = (code(a.seat_territory_id), code(a.governed_territory_id));
        (a.id, a.seat_territory_id, a.governed_territory_id) = (0, None, None);
        lines.push(format!("actor {refs:?} {a:?}"));
    }
    for mut p in project::Entity::find()
        .filter(project::Column::CreatedBy.eq(AUTHOR))
        .all(conn)
        .await
        .unwrap()
    {
        names.insert(("PROJECT", p.id), p.title_fr.clone());
        p.id = 0;
        lines.push(format!("project {p:?}"));
    }
    for mut p in partnership::Entity::find()
        .filter(partnership::Column::CreatedBy.eq(AUTHOR))
        .all(conn)
        .await
        .unwrap()
    {
        names.insert(("PARTNERSHIP", p.id), p.title_fr.clone());
        p.id = 0;
        lines.push(format!("partnership {p:?}"));
    }
    let projects: HashMap<i64, String> = names
        .iter()
        .filter(|((t, _), _)| *t == "PROJECT")
        .map(|((_, id), n)| (*id, n.clone()))
        .collect();
    let project_of = |id: Option<i64>| id.map(|i| projects[&i].clone()).unwrap_or_default();
    for mut e in event::Entity::find()
        .filter(event::Column::CreatedBy.eq(AUTHOR))
        .all(conn)
        .await
        .unwrap()
    {
        names.insert(("EVENT", e.id), e.title_fr.clone());
        let refs = (code(e.territory_id), project_of(e.project_id));
        (e.id, e.territory_id, e.project_id) = (0, None, None);
        lines.push(format!("event {refs:?} {e:?}"));
    }
    for mut x in exchange::Entity::find()
        .filter(exchange::Column::CreatedBy.eq(AUTHOR))
        .all(conn)
        .await
        .unwrap()
    {
        names.insert(("EXCHANGE", x.id), x.title_fr.clone());
        let refs = project_of(x.project_id);
        (x.id, x.project_id) = (0, None);
        lines.push(format!("exchange {refs:?} {x:?}"));
    }
    let name = |kind: &str, id: i64| names.get(&(kind, id)).cloned();
    let actor_name = |id: i64| name("ACTOR", id).unwrap_or_else(|| format!("reference {id}"));

    for r in actor_theme::Entity::find().all(conn).await.unwrap() {
        lines.push(format!(
            "actor_theme {} {}",
            actor_name(r.actor_id),
            r.theme
        ));
    }
    for r in project_participant::Entity::find().all(conn).await.unwrap() {
        lines.push(format!(
            "participant {} {} {}",
            projects[&r.project_id],
            actor_name(r.actor_id),
            r.role
        ));
    }
    for r in project_location::Entity::find().all(conn).await.unwrap() {
        lines.push(format!(
            "location {} {}",
            projects[&r.project_id], codes[&r.territory_id]
        ));
    }
    for r in project_theme::Entity::find().all(conn).await.unwrap() {
        lines.push(format!(
            "project_theme {} {}",
            projects[&r.project_id], r.theme
        ));
    }
    for r in project_sector::Entity::find().all(conn).await.unwrap() {
        lines.push(format!(
            "sector {} {} {}",
            projects[&r.project_id], r.dac_code, r.percentage_bp
        ));
    }
    for mut r in budget_line::Entity::find().all(conn).await.unwrap() {
        let p = projects[&r.project_id].clone();
        (r.id, r.project_id) = (0, 0);
        lines.push(format!("budget {p} {r:?}"));
    }
    for r in partnership_member::Entity::find().all(conn).await.unwrap() {
        if let Some(p) = name("PARTNERSHIP", r.partnership_id) {
            lines.push(format!(
                "member {p} {} {} {:?}",
                actor_name(r.actor_id),
                r.side,
                r.role
            ));
        }
    }
    for r in partnership_theme::Entity::find().all(conn).await.unwrap() {
        if let Some(p) = name("PARTNERSHIP", r.partnership_id) {
            lines.push(format!("partnership_theme {p} {}", r.theme));
        }
    }
    for r in partnership_project::Entity::find().all(conn).await.unwrap() {
        if let Some(p) = name("PARTNERSHIP", r.partnership_id) {
            lines.push(format!(
                "partnership_project {p} {}",
                projects[&r.project_id]
            ));
        }
    }
    for r in event_participant::Entity::find().all(conn).await.unwrap() {
        lines.push(format!(
            "event_participant {:?} {} {}",
            name("EVENT", r.event_id),
            actor_name(r.actor_id),
            r.role
        ));
    }
    for r in exchange_party::Entity::find().all(conn).await.unwrap() {
        lines.push(format!(
            "party {:?} {} {}",
            name("EXCHANGE", r.exchange_id),
            actor_name(r.actor_id),
            r.side
        ));
    }
    for r in record_circumscription::Entity::find()
        .all(conn)
        .await
        .unwrap()
    {
        if let Some(record) = name(r.record_type.as_str(), r.record_id) {
            lines.push(format!(
                "scope {} {record} {}",
                r.record_type, circs[&r.circumscription_id]
            ));
        }
    }
    for mut r in activity::Entity::find().all(conn).await.unwrap() {
        let subject = name(r.subject_type.as_str(), r.subject_id);
        (r.id, r.subject_id) = (0, 0);
        lines.push(format!("activity {subject:?} {r:?}"));
    }
    for r in activity_actor::Entity::find().all(conn).await.unwrap() {
        lines.push(format!(
            "activity_actor {} {}",
            r.position,
            actor_name(r.actor_id)
        ));
    }
    for r in activity_territory::Entity::find().all(conn).await.unwrap() {
        lines.push(format!(
            "activity_territory {} {}",
            r.position, codes[&r.territory_id]
        ));
    }
    for r in activity_circumscription::Entity::find()
        .all(conn)
        .await
        .unwrap()
    {
        lines.push(format!(
            "activity_circumscription {} {}",
            r.position, circs[&r.circumscription_id]
        ));
    }
    let counter = activity_counter::Entity::find_by_id(1)
        .one(conn)
        .await
        .unwrap()
        .unwrap();
    lines.push(format!("counter {}", counter.position));
    lines.sort();
    lines
}
