//! The demo's 100 expertise exchanges of every kind: providers and beneficiaries, dates,
//! topic, participant counts and instrument, some within a project, and for invitations,
//! training grants and study visits the people who went (personal data).

use std::collections::HashSet;

use sea_orm::Set;
use serde_json::json;

use super::calendar::ymd;
use super::people::People;
use super::project_rows::ProjectRef;
use super::store::{ActorRef, Ctx, Entry, Keys, require};
use super::topics::{TOPICS, month_year};
use crate::domain::vocabulary::{
    ActivityKind, ActorKind, Country, ExchangeKind, ExchangePartySide, Instrument, RecordType,
};
use crate::entities::{exchange, exchange_participant, exchange_party};
use crate::error::AppResult;
use crate::search;

/// How many exchanges of each kind (100).
const KINDS: &[(ExchangeKind, usize)] = &[
    (ExchangeKind::ExpertiseMission, 30),
    (ExchangeKind::Invitation, 20),
    (ExchangeKind::TrainingGrant, 20),
    (ExchangeKind::StudyVisit, 18),
    (ExchangeKind::Twinning, 12),
];

struct New {
    kind: ExchangeKind,
    title: String,
    start: chrono::NaiveDate,
    end: chrono::NaiveDate,
    topic: super::topics::Topic,
    count: i32,
    instrument: Instrument,
    project: Option<i64>,
    providers: Vec<i64>,
    beneficiaries: Vec<i64>,
    people: Vec<i64>,
    sensitivity: crate::domain::vocabulary::Sensitivity,
}

pub async fn load(ctx: &mut Ctx<'_>, projects: &[ProjectRef], people: &People) -> AppResult<()> {
    let by_kinds = |kinds: &[ActorKind], french: bool| -> AppResult<Vec<ActorRef>> {
        let found = ctx
            .actors
            .iter()
            .filter(|a| kinds.contains(&a.kind) && (a.country != Country::Ma) == french);
        require(found.cloned().collect(), "actors for the exchanges")
    };
    let french_experts = by_kinds(
        &[
            ActorKind::FrenchLocalAuthority,
            ActorKind::DevelopmentAgency,
            ActorKind::Academic,
            ActorKind::Ministry,
            ActorKind::EmbassyService,
        ],
        true,
    )?;
    let french_hosts = by_kinds(
        &[ActorKind::FrenchLocalAuthority, ActorKind::Academic],
        true,
    )?;
    let moroccan_public = by_kinds(
        &[
            ActorKind::Ministry,
            ActorKind::NationalInstitution,
            ActorKind::MoroccanLocalAuthority,
        ],
        false,
    )?;
    let moroccan_any = by_kinds(
        &[
            ActorKind::Ministry,
            ActorKind::NationalInstitution,
            ActorKind::MoroccanLocalAuthority,
            ActorKind::Association,
        ],
        false,
    )?;
    let moroccan_las = by_kinds(&[ActorKind::MoroccanLocalAuthority], false)?;
    let institutions = by_kinds(
        &[ActorKind::Ministry, ActorKind::NationalInstitution],
        false,
    )?;
    let twinning_providers = by_kinds(&[ActorKind::Ministry, ActorKind::DevelopmentAgency], true)?;
    let mut list = Vec::new();
    let mut titles = HashSet::new();
    for (kind, count) in KINDS {
        for _ in 0..*count {
            let topic = *ctx.rng.pick(TOPICS);
            let start = ctx.day_between(ymd(2022, 1, 10), ymd(2026, 12, 15));
            let (provider, beneficiary, instrument, label, days, size) = match kind {
                ExchangeKind::ExpertiseMission => (
                    ctx.rng.pick(&french_experts).clone(),
                    ctx.rng.pick(&moroccan_any).clone(),
                    Instrument::Mission,
                    "Mission d'expertise",
                    3 + ctx.rng.below(10),
                    1 + ctx.rng.below(3),
                ),
                ExchangeKind::Invitation => (
                    ctx.rng.pick(&french_hosts).clone(),
                    ctx.rng.pick(&moroccan_public).clone(),
                    Instrument::Invitation,
                    "Invitation en France",
                    4 + ctx.rng.below(4),
                    3 + ctx.rng.below(6),
                ),
                ExchangeKind::TrainingGrant => (
                    ctx.rng.pick(&french_hosts).clone(),
                    ctx.rng.pick(&moroccan_any).clone(),
                    Instrument::TrainingGrant,
                    "Stage de formation en France",
                    14 + ctx.rng.below(60),
                    1 + ctx.rng.below(3),
                ),
                ExchangeKind::StudyVisit => (
                    ctx.rng.pick(&moroccan_las).clone(),
                    ctx.rng.pick(&moroccan_public).clone(),
                    Instrument::Mission,
                    "Visite d'étude",
                    2 + ctx.rng.below(4),
                    6 + ctx.rng.below(15),
                ),
                ExchangeKind::Twinning => (
                    ctx.rng.pick(&twinning_providers).clone(),
                    ctx.rng.pick(&institutions).clone(),
                    if ctx.rng.chance(0.5) {
                        Instrument::Fspi
                    } else {
                        Instrument::Other
                    },
                    "Jumelage institutionnel",
                    365 + ctx.rng.below(365),
                    10 + ctx.rng.below(30),
                ),
            };
            // An authority does not visit itself: the visit is then for a ministry or a
            // national institution.
            let beneficiary = if beneficiary.id == provider.id {
                ctx.rng.pick(&institutions).clone()
            } else {
                beneficiary
            };
            let mut beneficiaries = vec![beneficiary.id];
            if ctx.rng.chance(0.2) {
                let second = ctx.rng.pick(&moroccan_any).id;
                if second != beneficiary.id && second != provider.id {
                    beneficiaries.push(second);
                }
            }
            // About four in ten within a project of the same instrument.
            let mut project = None;
            if ctx.rng.chance(0.4) {
                let same: Vec<i64> = projects
                    .iter()
                    .filter(|p| p.instrument == instrument)
                    .map(|p| p.id)
                    .collect();
                if !same.is_empty() {
                    project = Some(*ctx.rng.pick(&same));
                }
            }
            let dated = format!(
                "{label} : {} — {} ({})",
                topic.0,
                beneficiary.name,
                month_year(start)
            );
            let mut title = dated.clone();
            let mut n = 2;
            while !titles.insert(title.clone()) {
                title = format!("{dated} #{n}");
                n += 1;
            }
            // The people who went, for visits, invitations and grants.
            let mut who = Vec::new();
            if matches!(
                kind,
                ExchangeKind::Invitation | ExchangeKind::TrainingGrant | ExchangeKind::StudyVisit
            ) {
                for b in &beneficiaries {
                    who.extend(people.staff_of(*b));
                }
                if *kind == ExchangeKind::TrainingGrant && who.is_empty() {
                    let young: Vec<i64> = people.young_leaders.iter().map(|(p, _)| *p).collect();
                    who.extend(ctx.sample(&young, size as usize));
                }
                who.truncate(size as usize);
            }
            let count = (size as i32).max(who.len() as i32);
            list.push(New {
                kind: *kind,
                title,
                start,
                end: start + chrono::Days::new(days),
                topic,
                count,
                instrument,
                project,
                providers: vec![provider.id],
                beneficiaries,
                people: who,
                sensitivity: ctx.sensitivity(55, 35),
            });
        }
    }
    insert(ctx, list).await
}

async fn insert(ctx: &mut Ctx<'_>, list: Vec<New>) -> AppResult<()> {
    let rows: Vec<exchange::ActiveModel> = list
        .iter()
        .map(|n| exchange::ActiveModel {
            kind: Set(n.kind),
            title_fr: Set(n.title.clone()),
            title_ar: Set(None),
            title_en: Set(None),
            starts_on: Set(Some(n.start)),
            ends_on: Set(Some(n.end)),
            theme: Set(Some(n.topic.2)),
            dac_code: Set(Some(n.topic.3.to_owned())),
            participant_count: Set(Some(n.count)),
            instrument: Set(Some(n.instrument)),
            project_id: Set(n.project),
            sensitivity: Set(n.sensitivity),
            search_key: Set(search::search_key([n.title.as_str()])),
            version: Set(1),
            created_at: Set(ctx.now),
            created_by: Set(ctx.author()),
            updated_at: Set(ctx.now),
            updated_by: Set(ctx.author()),
            archived_at: Set(None),
            ..Default::default()
        })
        .collect();
    let labels: Vec<String> = list.iter().map(|n| n.title.clone()).collect();
    let ids = ctx
        .insert_ids(
            rows,
            &labels,
            Keys::<exchange::Entity> {
                id: exchange::Column::Id,
                author: exchange::Column::CreatedBy,
                label: exchange::Column::TitleFr,
            },
        )
        .await?;
    let mut parties = Vec::new();
    let mut participants = Vec::new();
    for (id, n) in ids.iter().zip(&list) {
        let sides = n
            .providers
            .iter()
            .map(|a| (*a, ExchangePartySide::Provider))
            .chain(
                n.beneficiaries
                    .iter()
                    .map(|a| (*a, ExchangePartySide::Beneficiary)),
            );
        for (actor, side) in sides {
            parties.push(exchange_party::ActiveModel {
                exchange_id: Set(*id),
                actor_id: Set(actor),
                side: Set(side),
                ..Default::default()
            });
        }
        let mut seen = HashSet::new();
        for person in &n.people {
            if seen.insert(*person) {
                participants.push(exchange_participant::ActiveModel {
                    exchange_id: Set(*id),
                    person_id: Set(*person),
                });
            }
        }
        // An exchange belongs where its beneficiaries are.
        let seats = ctx.seats(&n.beneficiaries);
        let circs = ctx.scope(RecordType::Exchange, *id, &seats);
        let actors: Vec<i64> = n
            .providers
            .iter()
            .chain(&n.beneficiaries)
            .copied()
            .collect();
        ctx.log(Entry {
            kind: ActivityKind::ExchangeRecorded,
            subject: RecordType::Exchange,
            subject_id: *id,
            sensitivity: n.sensitivity,
            actors,
            territories: seats,
            circumscriptions: circs,
            details: json!({ "source": "demo", "exchangeKind": n.kind }),
        });
    }
    ctx.report.exchanges = ids.len();
    ctx.report.exchange_participants = participants.len();
    ctx.insert(parties).await?;
    ctx.insert(participants).await
}
