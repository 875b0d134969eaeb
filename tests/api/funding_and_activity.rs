//! Calls for proposals and their applications, the joint fund and its allocations, and the
//! activity log, read through the API by an anonymous viewer (PUBLIC records only).

mod activity;
mod lists;
mod nesting;
mod seed;

use chrono::{TimeZone, Utc};
use partner_hub::domain::vocabulary::{
    ActivityKind, ActorKind, AllocationStatus, ApplicationStatus, Currency, Instrument, RecordType,
    Sensitivity, Theme,
};
use partner_hub::entities::partnership;
use partner_hub::graphql::relay::{GlobalId, NodeKind};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::Value;

use self::seed::{
    NewAllocation, NewApplication, NewCall, NewEntry, circumscription_id, insert_allocation,
    insert_application, insert_call, insert_entry, insert_fund, joint_fund_id, set_committed,
};
use crate::fixtures::{NewActor, NewProject, insert_actor, insert_project, territory_id};
use crate::helpers::TestApp;

/// What [`seed`] wrote, by database id.
pub struct World {
    pub tilila: i64,
    pub project: i64,
    pub joint_fund: i64,
    pub internal_fund: i64,
    pub youth_call: i64,
    pub internal_call: i64,
    pub joint_call: i64,
    pub selected: i64,
    pub internal_application: i64,
    pub rejected: i64,
    pub committed: i64,
    pub proposed: i64,
    pub internal_allocation: i64,
    pub partnership: i64,
    /// Entry ids by position (1-based: `entries[0]` is unused).
    pub entries: Vec<i64>,
}

/// An entry to seed: kind, subject, sensitivity, actors.
type EntrySpec<'a> = (ActivityKind, (RecordType, i64), Sensitivity, &'a [i64]);

pub fn gid(kind: NodeKind, id: i64) -> String {
    GlobalId::new(kind, id).encode().to_string()
}

/// Titles of a connection's nodes.
pub fn titles(connection: &Value) -> Vec<String> {
    connection["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["title"].as_str().unwrap().to_owned())
        .collect()
}

/// Two PUBLIC actors' worth of funding: calls (one INTERNAL), applications (one INTERNAL),
/// allocations of the joint fund (one INTERNAL), an INTERNAL fund, and seven log entries (the
/// third INTERNAL; the fifth about an INTERNAL actor; the sixth about a person).
pub async fn seed(app: &TestApp) -> World {
    let db = &app.db;
    let mut tilila = NewActor::public(ActorKind::Association, "Association Tilila");
    tilila.seat = Some("MA-RAB");
    let tilila = insert_actor(db, tilila).await;
    let mut hidden = NewActor::public(ActorKind::Association, "Association Discrète");
    hidden.seat = Some("MA-RAB");
    hidden.sensitivity = Sensitivity::Internal;
    let hidden_actor = insert_actor(db, hidden).await;
    let project = insert_project(
        db,
        NewProject::public("Projet Tilila — jeunes leaders", &[]),
    )
    .await;
    let joint_fund = joint_fund_id(db).await;
    let internal_fund = insert_fund(db, "Fonds interne", Sensitivity::Internal).await;

    let mut youth = NewCall::public("Jeunesse et citoyenneté 2031", 2031);
    youth.themes = &[Theme::Youth];
    youth.open = Some((date(2031, 1, 10), date(2031, 3, 31)));
    youth.budget = Some((50_000_000, Currency::Mad));
    let youth_call = insert_call(db, youth).await;
    let mut internal = NewCall::public("Appel réservé 2031", 2031);
    internal.sensitivity = Sensitivity::Internal;
    let internal_call = insert_call(db, internal).await;
    let mut joint = NewCall::public("Coopération décentralisée 2032", 2032);
    joint.instrument = Instrument::JointDecentralisedFund;
    joint.themes = &[Theme::DecentralisedCooperation];
    joint.fund = Some(joint_fund);
    let joint_call = insert_call(db, joint).await;

    let both = [tilila, hidden_actor];
    let only_tilila = [tilila];
    let mut selected = NewApplication::public(youth_call, "Leaders de quartier", &both);
    selected.status = ApplicationStatus::Selected;
    selected.requested = Some((12_000_000, Currency::Mad));
    selected.evaluation = Some("Dossier solide, équipe expérimentée");
    selected.project = Some(project);
    let selected = insert_application(db, selected).await;
    let mut internal = NewApplication::public(youth_call, "Candidature interne", &only_tilila);
    internal.sensitivity = Sensitivity::Internal;
    let internal_application = insert_application(db, internal).await;
    let mut rejected = NewApplication::public(youth_call, "Sport au féminin", &only_tilila);
    rejected.status = ApplicationStatus::Rejected;
    let rejected = insert_application(db, rejected).await;

    let partnership = partnership::Entity::find()
        .filter(partnership::Column::Sensitivity.eq(Sensitivity::Public))
        .one(&db.writer)
        .await
        .unwrap()
        .expect("the reference data holds public partnerships");
    let allocation = |status, amount, conversion, sensitivity| NewAllocation {
        fund: joint_fund,
        status,
        amount,
        conversion,
        project: None,
        partnership: None,
        sensitivity,
    };
    let committed = insert_allocation(
        db,
        NewAllocation {
            project: Some(project),
            ..allocation(
                AllocationStatus::Committed,
                (15_000_000, Currency::Eur),
                None,
                Sensitivity::Public,
            )
        },
    )
    .await;
    let proposed = insert_allocation(
        db,
        NewAllocation {
            partnership: Some(partnership.id),
            ..allocation(
                AllocationStatus::Proposed,
                (110_000_000, Currency::Mad),
                Some((92_000, 10_120_000)),
                Sensitivity::Public,
            )
        },
    )
    .await;
    let internal_allocation = insert_allocation(
        db,
        allocation(
            AllocationStatus::Committed,
            (5_000_000, Currency::Eur),
            None,
            Sensitivity::Internal,
        ),
    )
    .await;
    set_committed(db, joint_fund, 20_000_000).await;

    let rabat = [territory_id(db, "MA-RAB").await];
    let rabat_circ = [circumscription_id(db, "RABAT").await];
    let public = Sensitivity::Public;
    let specs: [EntrySpec<'_>; 7] = [
        (
            ActivityKind::ActorJoined,
            (RecordType::Actor, tilila),
            public,
            &[tilila],
        ),
        (
            ActivityKind::CallPublished,
            (RecordType::Call, youth_call),
            public,
            &[],
        ),
        (
            ActivityKind::ApplicationSubmitted,
            (RecordType::Application, internal_application),
            Sensitivity::Internal,
            &[tilila],
        ),
        (
            ActivityKind::FundingCommitted,
            (RecordType::FundAllocation, committed),
            public,
            &[tilila],
        ),
        (
            ActivityKind::ActorUpdated,
            (RecordType::Actor, hidden_actor),
            public,
            &[hidden_actor],
        ),
        (
            ActivityKind::PersonAdded,
            (RecordType::Person, 4242),
            public,
            &[],
        ),
        (
            ActivityKind::PartnershipCreated,
            (RecordType::Partnership, partnership.id),
            public,
            &[],
        ),
    ];
    let mut entries = vec![0];
    for (i, (kind, subject, sensitivity, actors)) in specs.into_iter().enumerate() {
        let position = i as i64 + 1;
        let first = position == 1;
        let id = insert_entry(
            db,
            NewEntry {
                position,
                at: hour(position),
                kind,
                subject,
                sensitivity,
                actors,
                territories: if first { &rabat } else { &[] },
                circumscriptions: if first { &rabat_circ } else { &[] },
            },
        )
        .await;
        entries.push(id);
    }
    World {
        tilila,
        project,
        joint_fund,
        internal_fund,
        youth_call,
        internal_call,
        joint_call,
        selected,
        internal_application,
        rejected,
        committed,
        proposed,
        internal_allocation,
        partnership: partnership.id,
        entries,
    }
}

pub fn date(y: i32, m: u32, d: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// `2030-01-01T00:00:00Z` plus `n` hours.
pub fn hour(n: i64) -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2030, 1, 1, 0, 0, 0).unwrap() + chrono::Duration::hours(n)
}
