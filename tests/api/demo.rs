//! The demo network (`serve --demo`, `seed --demo`): what the issue promises, counted in the
//! database as a coordinator sees it, and the public part of it read through GraphQL as an
//! anonymous visitor of the public map would.

use std::collections::{BTreeSet, HashMap};

use partner_hub::db::Database;
use partner_hub::domain::vocabulary::{
    ActivityKind, ActivityStatus, ActorKind, AllocationStatus, ApplicationStatus, Currency,
    DatePrecision, EventKind, ExchangeKind, Instrument, ParticipantRole, PartnershipKind, Pillar,
    ProjectOrigin, RecordType, Sensitivity, TerritoryLevel,
};
use partner_hub::entities::{
    activity, activity_counter, actor, application, call, circumscription, contact_point, event,
    event_attendee, exchange, exchange_participant, fund, fund_allocation, partnership, person,
    project, project_participant, project_sector, record_circumscription, territory,
};
use partner_hub::search::fold;
use partner_hub::seed::demo::{self, DemoReport, YOUNG_LEADERS_FORUM};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect};
use serde_json::json;

use crate::helpers::{TestApp, spawn_app};

async fn app_with_demo() -> (TestApp, DemoReport) {
    let app = spawn_app().await;
    let report = demo::load(&app.db).await.expect("the demo loads");
    (app, report)
}

async fn count<E>(db: &Database) -> u64
where
    E: EntityTrait,
    E::Model: Sync,
{
    E::find().count(&db.reader).await.unwrap()
}

/// The distinct values of one column.
async fn distinct<E, V>(db: &Database, column: E::Column) -> BTreeSet<String>
where
    E: EntityTrait,
    V: sea_orm::TryGetable + std::fmt::Display,
{
    E::find()
        .select_only()
        .column(column)
        .distinct()
        .into_tuple::<V>()
        .all(&db.reader)
        .await
        .unwrap()
        .into_iter()
        .map(|v| v.to_string())
        .collect()
}

fn all<T: std::fmt::Display>(values: &[T]) -> BTreeSet<String> {
    values.iter().map(ToString::to_string).collect()
}

#[tokio::test]
async fn the_demo_network_has_the_size_the_issue_promises() {
    let (app, report) = app_with_demo().await;
    let db = &app.db;
    assert!(count::<actor::Entity>(db).await >= 300, "{report}");
    assert_eq!(count::<project::Entity>(db).await, 150);
    let demo_partnerships = partnership::Entity::find()
        .filter(partnership::Column::CreatedBy.eq(demo::AUTHOR))
        .count(&db.reader)
        .await
        .unwrap();
    assert_eq!(demo_partnerships, 80);
    assert_eq!(count::<event::Entity>(db).await, 120);
    assert_eq!(count::<exchange::Entity>(db).await, 100);
    assert!(count::<fund_allocation::Entity>(db).await >= 10);
    assert!(count::<person::Entity>(db).await >= 100);
    assert!(count::<contact_point::Entity>(db).await >= 300);
    assert!(count::<event_attendee::Entity>(db).await >= 100);
    assert!(count::<exchange_participant::Entity>(db).await > 0);
    // The nine reference calls and the demo's own.
    assert!(count::<call::Entity>(db).await > 9);
    assert!(count::<application::Entity>(db).await > 200);
    // What the report says is what is there.
    assert_eq!(report.projects, 150);
    assert_eq!(report.events, 120);
    assert_eq!(report.exchanges, 100);
    assert_eq!(
        report.activities as u64,
        count::<activity::Entity>(db).await
    );

    let mut kinds: HashMap<ActorKind, i64> = HashMap::new();
    let rows: Vec<(ActorKind, i64)> = actor::Entity::find()
        .select_only()
        .column(actor::Column::Kind)
        .column_as(actor::Column::Id.count(), "n")
        .group_by(actor::Column::Kind)
        .into_tuple()
        .all(&db.reader)
        .await
        .unwrap();
    kinds.extend(rows);
    for kind in ActorKind::ALL {
        let n = kinds.get(kind).copied().unwrap_or_default();
        assert!(n >= 5, "{kind}: {n} actors");
    }

    // A mix of sensitivities: mostly public or internal, some restricted.
    for values in [
        distinct::<actor::Entity, Sensitivity>(db, actor::Column::Sensitivity).await,
        distinct::<project::Entity, Sensitivity>(db, project::Column::Sensitivity).await,
        distinct::<event::Entity, Sensitivity>(db, event::Column::Sensitivity).await,
    ] {
        assert_eq!(values, all(&["INTERNAL", "PUBLIC", "RESTRICTED"]));
    }
    let public_projects = project::Entity::find()
        .filter(project::Column::Sensitivity.eq(Sensitivity::Public))
        .filter(project::Column::Publishable.eq(true))
        .count(&db.reader)
        .await
        .unwrap();
    assert!(
        public_projects >= 30,
        "{public_projects} publishable public projects"
    );
}

#[tokio::test]
async fn actors_are_seated_in_every_region_and_every_circumscription() {
    let (app, _) = app_with_demo().await;
    let db = &app.db;
    let territories = territory::Entity::find().all(&db.reader).await.unwrap();
    let by_id: HashMap<i64, &territory::Model> = territories.iter().map(|t| (t.id, t)).collect();
    let region_of = |mut id: i64| loop {
        let t = by_id[&id];
        match (t.level, t.parent_id) {
            (TerritoryLevel::Region, _) | (_, None) => return t.code.clone(),
            (_, Some(parent)) => id = parent,
        }
    };
    let seats: Vec<Option<i64>> = actor::Entity::find()
        .select_only()
        .column(actor::Column::SeatTerritoryId)
        .into_tuple()
        .all(&db.reader)
        .await
        .unwrap();
    let regions: BTreeSet<String> = seats.into_iter().flatten().map(region_of).collect();
    let expected: BTreeSet<String> = (1..=12).map(|i| format!("MA-{i:02}")).collect();
    assert_eq!(regions, expected);

    let circumscriptions: BTreeSet<String> = record_circumscription::Entity::find()
        .filter(record_circumscription::Column::RecordType.eq(RecordType::Actor))
        .find_also_related(circumscription::Entity)
        .all(&db.reader)
        .await
        .unwrap()
        .into_iter()
        .filter_map(|(_, c)| c.map(|c| c.code))
        .collect();
    assert_eq!(
        circumscriptions,
        all(&[
            "AGADIR",
            "CASABLANCA",
            "FES",
            "MARRAKECH",
            "RABAT",
            "TANGER"
        ])
    );
}

#[tokio::test]
async fn projects_cover_every_pillar_instrument_status_and_role() {
    let (app, _) = app_with_demo().await;
    let db = &app.db;
    assert_eq!(
        distinct::<project::Entity, Pillar>(db, project::Column::Pillar).await,
        all(Pillar::ALL)
    );
    assert_eq!(
        distinct::<project::Entity, Instrument>(db, project::Column::Instrument).await,
        all(Instrument::ALL)
    );
    assert_eq!(
        distinct::<project::Entity, ActivityStatus>(db, project::Column::Status).await,
        all(ActivityStatus::ALL)
    );
    assert_eq!(
        distinct::<project::Entity, ProjectOrigin>(db, project::Column::Origin).await,
        all(ProjectOrigin::ALL)
    );
    assert_eq!(
        distinct::<project_participant::Entity, ParticipantRole>(
            db,
            project_participant::Column::Role
        )
        .await,
        all(ParticipantRole::ALL)
    );
    // Every project's sectors add up to 100 %.
    let shares: Vec<(i64, i64)> = project_sector::Entity::find()
        .select_only()
        .column(project_sector::Column::ProjectId)
        .column_as(project_sector::Column::PercentageBp.sum(), "total")
        .group_by(project_sector::Column::ProjectId)
        .into_tuple()
        .all(&db.reader)
        .await
        .unwrap();
    assert_eq!(shares.len(), 150);
    assert!(
        shares.iter().all(|(_, total)| *total == 10_000),
        "{shares:?}"
    );
    // Money in both currencies, as integers.
    let currencies = distinct::<partner_hub::entities::budget_line::Entity, Currency>(
        db,
        partner_hub::entities::budget_line::Column::Currency,
    )
    .await;
    assert_eq!(currencies, all(Currency::ALL));
    // Every project is located, so it belongs to at least one circumscription.
    let scoped = record_circumscription::Entity::find()
        .filter(record_circumscription::Column::RecordType.eq(RecordType::Project))
        .select_only()
        .column(record_circumscription::Column::RecordId)
        .distinct()
        .count(&db.reader)
        .await
        .unwrap();
    assert_eq!(scoped, 150);
}

#[tokio::test]
async fn partnerships_events_and_exchanges_cover_every_kind() {
    let (app, _) = app_with_demo().await;
    let db = &app.db;
    assert_eq!(
        distinct::<partnership::Entity, PartnershipKind>(db, partnership::Column::Kind).await,
        all(PartnershipKind::ALL)
    );
    let precisions: BTreeSet<String> = partnership::Entity::find()
        .select_only()
        .column(partnership::Column::ValidFromPrecision)
        .into_tuple::<Option<DatePrecision>>()
        .all(&db.reader)
        .await
        .unwrap()
        .into_iter()
        .flatten()
        .map(|p| p.to_string())
        .collect();
    assert_eq!(precisions, all(DatePrecision::ALL));
    assert_eq!(
        distinct::<event::Entity, EventKind>(db, event::Column::Kind).await,
        all(EventKind::ALL)
    );
    assert_eq!(
        distinct::<exchange::Entity, ExchangeKind>(db, exchange::Column::Kind).await,
        all(ExchangeKind::ALL)
    );
    let in_france = event::Entity::find()
        .filter(event::Column::PlaceInFrance.is_not_null())
        .count(&db.reader)
        .await
        .unwrap();
    assert!(in_france >= 10, "{in_france} events in France");

    let (title, _, title_en) = YOUNG_LEADERS_FORUM;
    let forum = event::Entity::find()
        .filter(event::Column::TitleFr.eq(title))
        .one(&db.reader)
        .await
        .unwrap()
        .expect("the Young Leaders Forum");
    assert_eq!(forum.kind, EventKind::Forum);
    assert_eq!(forum.title_en.as_deref(), Some(title_en));
    let attendees = event_attendee::Entity::find()
        .filter(event_attendee::Column::EventId.eq(forum.id))
        .count(&db.reader)
        .await
        .unwrap();
    assert!(attendees >= 20, "{attendees} young leaders");
}

#[tokio::test]
async fn one_call_drew_over_a_hundred_applications_and_its_selected_ones_became_projects() {
    let (app, _) = app_with_demo().await;
    let db = &app.db;
    let per_call: Vec<(i64, i64)> = application::Entity::find()
        .select_only()
        .column(application::Column::CallId)
        .column_as(application::Column::Id.count(), "n")
        .group_by(application::Column::CallId)
        .into_tuple()
        .all(&db.reader)
        .await
        .unwrap();
    let (big, applications) = per_call
        .iter()
        .copied()
        .find(|(_, n)| *n > 100)
        .expect("a call with more than 100 applications");
    assert!(applications >= 140, "{applications}");
    let selected = application::Entity::find()
        .filter(application::Column::CallId.eq(big))
        .filter(application::Column::Status.eq(ApplicationStatus::Selected))
        .all(&db.reader)
        .await
        .unwrap();
    assert!(
        (5..=15).contains(&selected.len()),
        "{} selected",
        selected.len()
    );
    for a in &selected {
        let project = a
            .project_id
            .expect("a selected application has its project");
        assert!(
            project::Entity::find_by_id(project)
                .one(&db.reader)
                .await
                .unwrap()
                .is_some()
        );
    }
    assert_eq!(
        distinct::<application::Entity, ApplicationStatus>(db, application::Column::Status).await,
        all(ApplicationStatus::ALL)
    );
    // Restricted evaluations are written for the applications that got that far.
    let evaluated = application::Entity::find()
        .filter(application::Column::Evaluation.is_not_null())
        .count(&db.reader)
        .await
        .unwrap();
    assert!(evaluated > 100);
}

#[tokio::test]
async fn allocations_keep_the_joint_fund_within_its_envelope() {
    let (app, report) = app_with_demo().await;
    let db = &app.db;
    let fund = fund::Entity::find().one(&db.reader).await.unwrap().unwrap();
    let allocations = fund_allocation::Entity::find()
        .filter(fund_allocation::Column::FundId.eq(fund.id))
        .all(&db.reader)
        .await
        .unwrap();
    let committed: i64 = allocations
        .iter()
        .filter(|a| a.status == AllocationStatus::Committed)
        .map(|a| a.converted_minor)
        .sum();
    assert!(committed > 0);
    assert_eq!(fund.committed_minor, committed);
    assert_eq!(report.committed_minor, committed);
    assert!(fund.committed_minor <= fund.envelope_minor);
    let statuses: BTreeSet<String> = allocations.iter().map(|a| a.status.to_string()).collect();
    assert_eq!(statuses, all(AllocationStatus::ALL));
    // Allocations in dirhams carry the rate and their amount in euros.
    let in_dirhams: Vec<&fund_allocation::Model> = allocations
        .iter()
        .filter(|a| a.currency == Currency::Mad)
        .collect();
    assert!(!in_dirhams.is_empty());
    for a in in_dirhams {
        let rate = a.exchange_rate_micros.expect("a rate");
        let expected = (i128::from(a.amount_minor) * i128::from(rate) + 500_000) / 1_000_000;
        assert_eq!(i128::from(a.converted_minor), expected);
    }
}

#[tokio::test]
async fn loading_twice_inserts_nothing_the_second_time() {
    let app = spawn_app().await;
    let db = &app.db;
    let before = app.sql_statements();
    let first = demo::load(db).await.unwrap();
    // Multi-row inserts: under a hundred statements for thousands of rows.
    let statements = app.sql_statements() - before;
    assert!(statements < 150, "{statements} statements");
    assert!(!first.is_empty());
    let actors = count::<actor::Entity>(db).await;
    let activities = count::<activity::Entity>(db).await;
    let second = demo::load(db).await.unwrap();
    assert!(second.is_empty(), "{second}");
    assert_eq!(second.to_string(), "already loaded, nothing inserted");
    assert_eq!(count::<actor::Entity>(db).await, actors);
    assert_eq!(count::<activity::Entity>(db).await, activities);
}

#[tokio::test]
async fn every_record_is_logged_at_consecutive_positions_without_personal_values() {
    let (app, report) = app_with_demo().await;
    let db = &app.db;
    let entries = activity::Entity::find().all(&db.reader).await.unwrap();
    let mut positions: Vec<i64> = entries.iter().map(|e| e.position).collect();
    positions.sort_unstable();
    let expected: Vec<i64> = (1..=report.activities as i64).collect();
    assert_eq!(positions, expected);
    let counter = activity_counter::Entity::find_by_id(1)
        .one(&db.reader)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(counter.position, report.activities as i64);
    let kinds: BTreeSet<String> = entries.iter().map(|e| e.kind.to_string()).collect();
    for kind in [
        ActivityKind::ActorJoined,
        ActivityKind::PersonAdded,
        ActivityKind::ProjectCreated,
        ActivityKind::PartnershipCreated,
        ActivityKind::EventScheduled,
        ActivityKind::ExchangeRecorded,
        ActivityKind::FundingCommitted,
        ActivityKind::CallPublished,
        ActivityKind::ApplicationSubmitted,
    ] {
        assert!(kinds.contains(kind.as_str()), "no {kind} entry");
    }
    for e in entries
        .iter()
        .filter(|e| e.subject_type == RecordType::Person)
    {
        assert_eq!(e.sensitivity, Sensitivity::Personal);
        assert_eq!(e.details.as_deref(), Some(r#"{"source":"demo"}"#));
    }
    // The entry carries the sensitivity of its subject.
    let projects: HashMap<i64, Sensitivity> = project::Entity::find()
        .all(&db.reader)
        .await
        .unwrap()
        .into_iter()
        .map(|p| (p.id, p.sensitivity))
        .collect();
    for e in entries
        .iter()
        .filter(|e| e.kind == ActivityKind::ProjectCreated)
    {
        assert_eq!(Some(&e.sensitivity), projects.get(&e.subject_id));
    }
}

#[tokio::test]
async fn public_demo_records_are_on_the_public_graph() {
    let (app, _) = app_with_demo().await;
    let data = app
        .data(
            r#"query($forum: String!) {
              projects(first: 3, filter: { circumscription: "AGADIR" }) {
                totalCount
                nodes {
                  title(lang: AR)
                  sensitivity
                  participants(first: 5) { totalCount nodes { role actor { __typename name } } }
                  locations { code }
                  circumscriptions { code }
                  dacSectors { dacCode percentage }
                }
              }
              events(filter: { search: $forum, kinds: [FORUM] }) {
                nodes { title(lang: EN) territory { code } participants(role: ORGANISER) { nodes { actor { name } } } }
              }
              calls(filter: { years: [2020] }, first: 5) {
                nodes { title applications(status: SELECTED) { totalCount nodes { project { title } } } }
              }
              actors(filter: { kinds: [ASSOCIATION] }) { totalCount }
            }"#,
            json!({ "forum": YOUNG_LEADERS_FORUM.0 }),
        )
        .await;
    let projects = &data["projects"];
    assert!(projects["totalCount"].as_i64().unwrap() > 0, "{data}");
    for node in projects["nodes"].as_array().unwrap() {
        assert_eq!(node["sensitivity"], "PUBLIC");
        assert!(node["participants"]["totalCount"].as_i64().unwrap() >= 1);
        assert!(
            node["circumscriptions"]
                .as_array()
                .unwrap()
                .iter()
                .any(|c| c["code"] == "AGADIR")
        );
        let total: f64 = node["dacSectors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["percentage"].as_f64().unwrap())
            .sum();
        assert!((total - 100.0).abs() < 1e-9, "{node}");
    }
    let forum = &data["events"]["nodes"][0];
    assert_eq!(forum["title"], YOUNG_LEADERS_FORUM.2);
    assert_eq!(forum["territory"]["code"], "MA-RAB");
    assert_eq!(
        forum["participants"]["nodes"][0]["actor"]["name"],
        "Service de coopération et d'action culturelle — Ambassade de France au Maroc"
    );
    let big_call = data["calls"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["applications"]["totalCount"].as_i64().unwrap() > 0)
        .expect("the 2020 call's selected applications are public");
    assert_eq!(big_call["applications"]["totalCount"], 11);
    assert!(big_call["applications"]["nodes"][0]["project"]["title"].is_string());
    assert!(data["actors"]["totalCount"].as_i64().unwrap() >= 100);
}

/// A guard, not a proof: well-known Moroccan associations and NGOs (and distinctive words of
/// their names) that no invented demo association may be named after. Extend it when in doubt.
const REAL_ASSOCIATIONS: &[&str] = &[
    "Association Solidarité Féminine",
    "Migrations et Développement",
    "Association Marocaine des Droits Humains",
    "Organisation Marocaine des Droits Humains",
    "Association Démocratique des Femmes du Maroc",
    "Union de l'Action Féminine",
    "Transparency Maroc",
    "Bayti",
    "INSAF",
    "Fondation Zakoura",
    "Al Jisr",
    "Ennakhil",
    "Anaruz",
    "Jossour",
    "Espace Associatif",
    "Forum des Alternatives Maroc",
    "Racines",
    "L'Heure Joyeuse",
    "Association Marocaine de Lutte contre la Violence à l'égard des Femmes",
    "Adala",
    "Tahadi",
    "Tibu Maroc",
    "Dar Si Hmad",
    "Association des Enseignants des Sciences de la Vie et de la Terre",
    "Ribat Al Fath",
    "Association Grand Atlas",
    "Al Karam",
    "Thissaghnasse",
    "Chaml",
    "Darna",
    "Jeunes pour Jeunes",
    "Mains Solidaires",
];

#[tokio::test]
async fn no_demo_association_bears_a_real_associations_name() {
    let (app, _) = app_with_demo().await;
    let names: Vec<(ActorKind, String, Option<String>)> = actor::Entity::find()
        .filter(actor::Column::Kind.is_in([ActorKind::Association, ActorKind::Network]))
        .filter(actor::Column::CreatedBy.eq(demo::AUTHOR))
        .select_only()
        .column(actor::Column::Kind)
        .column(actor::Column::NameFr)
        .column(actor::Column::NameAr)
        .into_tuple()
        .all(&app.db.reader)
        .await
        .unwrap();
    assert!(names.len() >= 150);
    for (kind, name, arabic) in &names {
        if *kind == ActorKind::Association {
            assert!(arabic.is_some(), "{name} has no Arabic name");
        }
        // Whole words only: " bayti " but not "baytis".
        let padded = format!(" {} ", fold(name));
        for real in REAL_ASSOCIATIONS {
            let real = format!(" {} ", fold(real));
            assert!(!padded.contains(&real), "{name} looks like {real}");
        }
    }
}
