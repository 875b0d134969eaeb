//! Calls for proposals and their applications: the 2020 reference call with more than 140
//! applications and 11 selected, two other reference calls, and four demo calls (one decided,
//! three under review). Every selected application is linked to the project it became.

use std::collections::HashSet;

use chrono::NaiveDate;
use sea_orm::{EntityTrait, Set};
use serde_json::json;

use super::calendar::ymd;
use super::funding::joint_fund;
use super::phrases::phrase_of;
use super::project_rows::ProjectRef;
use super::projects::CallKey;
use super::store::{ActorRef, Ctx, Entry, Keys};
use super::texts::{self, Template};
use crate::domain::vocabulary::{
    ActivityKind, ActorKind, ApplicationStatus, Currency, Instrument, RecordType, Sensitivity,
    Theme,
};
use crate::entities::{call, call_theme};
use crate::error::{AppError, AppResult};
use crate::search;

/// A call the demo adds.
struct NewCall {
    title: &'static str,
    year: i32,
    instrument: Instrument,
    themes: &'static [Theme],
    budget_euros: i64,
    opens: NaiveDate,
    closes: NaiveDate,
    audience: &'static str,
    joint_fund: bool,
}

/// Who applies to a call, how many, and where the applications stand.
struct Round {
    call: i64,
    key: Option<CallKey>,
    window: (NaiveDate, NaiveDate),
    applications: usize,
    /// Statuses of the applications not selected, by weight.
    statuses: &'static [(ApplicationStatus, u64)],
    applicants: Pool,
    template: Template,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Pool {
    Associations,
    /// An association with a research centre.
    Consortia,
    /// A French and a Moroccan local authority.
    Pairs,
}

use ApplicationStatus::*;

const DECIDED: &[(ApplicationStatus, u64)] = &[(Rejected, 90), (Withdrawn, 6), (Shortlisted, 4)];
const UNDER_REVIEW: &[(ApplicationStatus, u64)] = &[
    (Submitted, 25),
    (Eligible, 35),
    (Shortlisted, 20),
    (Rejected, 15),
    (Withdrawn, 5),
];

/// Finds a reference call by year and the start of its French title.
async fn reference_call(ctx: &Ctx<'_>, year: i32, title: &str) -> AppResult<i64> {
    call::Entity::find()
        .all(ctx.txn)
        .await?
        .into_iter()
        .find(|c| c.year == year && c.title_fr.starts_with(title))
        .map(|c| c.id)
        .ok_or_else(|| AppError::internal(format!("demo: no reference call {year} {title}")))
}

pub async fn load(ctx: &mut Ctx<'_>, projects: &[ProjectRef]) -> AppResult<()> {
    let fund = joint_fund(ctx).await?.id;
    let demo_calls = [
        NewCall {
            title: "Participation citoyenne des jeunes dans les territoires",
            year: 2023,
            instrument: Instrument::CallForProposals,
            themes: &[Theme::Youth, Theme::CitizenParticipation],
            budget_euros: 150_000,
            opens: ymd(2023, 3, 1),
            closes: ymd(2023, 5, 15),
            audience: "Associations marocaines",
            joint_fund: false,
        },
        NewCall {
            title: "Égalité femmes-hommes et lutte contre les violences",
            year: 2026,
            instrument: Instrument::CallForProposals,
            themes: &[Theme::Gender, Theme::HumanRights],
            budget_euros: 250_000,
            opens: ymd(2026, 6, 1),
            closes: ymd(2026, 9, 30),
            audience: "Associations marocaines",
            joint_fund: false,
        },
        NewCall {
            title: "Fonds conjoint — appel à projets 2026-2027",
            year: 2026,
            instrument: Instrument::JointDecentralisedFund,
            themes: &[
                Theme::DecentralisedCooperation,
                Theme::Climate,
                Theme::Youth,
            ],
            budget_euros: 600_000,
            opens: ymd(2026, 2, 2),
            closes: ymd(2026, 5, 29),
            audience: "Binômes de collectivités territoriales françaises et marocaines",
            joint_fund: true,
        },
        NewCall {
            title: "PISCCA 2026 — Coalitions d'acteurs pour le climat",
            year: 2026,
            instrument: Instrument::Piscca,
            themes: &[Theme::Climate, Theme::CivilSociety],
            budget_euros: 120_000,
            opens: ymd(2026, 9, 1),
            closes: ymd(2026, 11, 15),
            audience: "Coalitions d'associations marocaines",
            joint_fund: false,
        },
    ];
    let ids = insert_calls(ctx, &demo_calls, fund).await?;
    let [youth, gender, joint, piscca] = ids[..] else {
        return Err(AppError::internal("demo: the calls were not all written"));
    };
    let cs = texts::CIVIL_SOCIETY;
    let rounds = [
        Round {
            call: reference_call(ctx, 2020, "Venir en aide aux plus vulnérables").await?,
            key: Some(CallKey::Vulnerable2020),
            window: (ymd(2020, 5, 4), ymd(2020, 6, 30)),
            applications: 146,
            statuses: DECIDED,
            applicants: Pool::Associations,
            template: texts::VULNERABLE,
        },
        Round {
            call: reference_call(ctx, 2022, "Sport et inclusion").await?,
            key: Some(CallKey::Sport2022),
            window: (ymd(2022, 4, 1), ymd(2022, 5, 31)),
            applications: 25,
            statuses: DECIDED,
            applicants: Pool::Associations,
            template: cs[2],
        },
        Round {
            call: reference_call(ctx, 2024, "Eau et biodiversité").await?,
            key: Some(CallKey::Water2024),
            window: (ymd(2024, 3, 1), ymd(2024, 4, 30)),
            applications: 18,
            statuses: DECIDED,
            applicants: Pool::Consortia,
            template: cs[4],
        },
        Round {
            call: youth,
            key: Some(CallKey::Youth2023),
            window: (ymd(2023, 3, 1), ymd(2023, 5, 15)),
            applications: 30,
            statuses: DECIDED,
            applicants: Pool::Associations,
            template: cs[9],
        },
        Round {
            call: gender,
            key: None,
            window: (ymd(2026, 6, 1), ymd(2026, 9, 30)),
            applications: 40,
            statuses: UNDER_REVIEW,
            applicants: Pool::Associations,
            template: cs[5],
        },
        Round {
            call: joint,
            key: None,
            window: (ymd(2026, 2, 2), ymd(2026, 5, 29)),
            applications: 12,
            statuses: UNDER_REVIEW,
            applicants: Pool::Pairs,
            template: texts::TERRITORIAL[1],
        },
        Round {
            call: piscca,
            key: None,
            window: (ymd(2026, 9, 1), ymd(2026, 11, 15)),
            applications: 20,
            statuses: &[(Submitted, 60), (Eligible, 35), (Withdrawn, 5)],
            applicants: Pool::Associations,
            template: cs[7],
        },
    ];
    let mut apps = Vec::new();
    for round in &rounds {
        applications(ctx, round, projects, &mut apps)?;
    }
    super::applications::insert(ctx, apps).await
}

async fn insert_calls(ctx: &mut Ctx<'_>, list: &[NewCall], fund: i64) -> AppResult<Vec<i64>> {
    let rows = list
        .iter()
        .map(|c| call::ActiveModel {
            title_fr: Set(c.title.to_owned()),
            title_ar: Set(None),
            title_en: Set(None),
            description_fr: Set(Some(
                "Appel à projets fictif du réseau de démonstration.".to_owned(),
            )),
            year: Set(c.year),
            instrument: Set(c.instrument),
            audience: Set(Some(c.audience.to_owned())),
            budget_minor: Set(Some(c.budget_euros * 100)),
            budget_currency: Set(Some(Currency::Eur)),
            opens_on: Set(Some(c.opens)),
            closes_on: Set(Some(c.closes)),
            fund_id: Set(c.joint_fund.then_some(fund)),
            sensitivity: Set(Sensitivity::Public),
            search_key: Set(search::search_key([c.title])),
            version: Set(1),
            created_at: Set(ctx.now),
            created_by: Set(ctx.author()),
            updated_at: Set(ctx.now),
            updated_by: Set(ctx.author()),
            ..Default::default()
        })
        .collect();
    let labels: Vec<String> = list.iter().map(|c| c.title.to_owned()).collect();
    let ids = ctx
        .insert_ids(
            rows,
            &labels,
            Keys::<call::Entity> {
                id: call::Column::Id,
                author: call::Column::CreatedBy,
                label: call::Column::TitleFr,
            },
        )
        .await?;
    let mut themes = Vec::new();
    for (id, c) in ids.iter().zip(list) {
        for theme in c.themes {
            themes.push(call_theme::ActiveModel {
                call_id: Set(*id),
                theme: Set(*theme),
            });
        }
        ctx.log(Entry {
            kind: ActivityKind::CallPublished,
            subject: RecordType::Call,
            subject_id: *id,
            sensitivity: Sensitivity::Public,
            actors: Vec::new(),
            territories: Vec::new(),
            circumscriptions: Vec::new(),
            details: json!({ "source": "demo", "year": c.year, "instrument": c.instrument }),
        });
    }
    ctx.insert(themes).await?;
    ctx.report.calls = ids.len();
    Ok(ids)
}

/// An application to insert.
pub struct NewApplication {
    pub call: i64,
    pub title: String,
    pub applicants: Vec<i64>,
    pub status: ApplicationStatus,
    pub requested: (i64, Currency),
    pub project: Option<i64>,
    pub submitted: NaiveDate,
    pub sensitivity: Sensitivity,
}

/// The applications of one round: first those that became projects (selected), then the
/// others, each from applicants who have not applied to this call yet.
fn applications(
    ctx: &mut Ctx<'_>,
    round: &Round,
    projects: &[ProjectRef],
    out: &mut Vec<NewApplication>,
) -> AppResult<()> {
    let winners: Vec<&ProjectRef> = match round.key {
        Some(key) => projects.iter().filter(|p| p.call == Some(key)).collect(),
        None => Vec::new(),
    };
    let mut used: HashSet<i64> = HashSet::new();
    for p in &winners {
        used.extend(p.applicants.iter().copied());
        out.push(NewApplication {
            call: round.call,
            title: p.title.clone(),
            applicants: p.applicants.clone(),
            status: Selected,
            requested: (p.budget_minor, p.currency),
            project: Some(p.id),
            submitted: ctx.day_between(round.window.0, round.window.1),
            sensitivity: Sensitivity::Public,
        });
    }
    let of = |kind: ActorKind| -> Vec<ActorRef> {
        ctx.actors
            .iter()
            .filter(|a| a.kind == kind)
            .cloned()
            .collect()
    };
    let associations = of(ActorKind::Association);
    let academics = of(ActorKind::Academic);
    let moroccan = of(ActorKind::MoroccanLocalAuthority);
    let french = of(ActorKind::FrenchLocalAuthority);
    let others = round.applications.saturating_sub(winners.len());
    let fresh: Vec<ActorRef> = match round.applicants {
        Pool::Pairs => moroccan.clone(),
        _ => associations
            .iter()
            .filter(|a| !used.contains(&a.id))
            .cloned()
            .collect(),
    };
    if fresh.len() < others {
        return Err(AppError::internal("demo: too few applicants for a call"));
    }
    let total_weight: u64 = round.statuses.iter().map(|(_, w)| w).sum();
    for lead in ctx.sample(&fresh, others) {
        let mut applicants = vec![lead.id];
        match round.applicants {
            Pool::Consortia if !academics.is_empty() => {
                applicants.push(ctx.rng.pick(&academics).id)
            }
            Pool::Pairs if !french.is_empty() => applicants.push(ctx.rng.pick(&french).id),
            _ => {}
        }
        let mut roll = ctx.rng.below(total_weight.max(1));
        let mut status = Submitted;
        for (s, w) in round.statuses {
            if roll < *w {
                status = *s;
                break;
            }
            roll -= w;
        }
        let place = lead
            .seat
            .and_then(|s| ctx.territory_by_id(s))
            .map(phrase_of);
        let title = match place {
            Some(place) => round.template.titles(&place).0,
            None => round.template.fr.replace(" {p}", ""),
        };
        // Paired authorities ask the joint fund for more than associations ask a call.
        let (least, spread) = match round.applicants {
            Pool::Pairs => (50_000, 100_000),
            _ => (8_000, 32_000),
        };
        let euros = least + ctx.rng.below(spread) as i64;
        let requested = if ctx.rng.chance(0.1) {
            (euros * 11 / 100 * 100 * 100, Currency::Mad)
        } else {
            (euros / 100 * 100 * 100, Currency::Eur)
        };
        let sensitivity = if ctx.rng.chance(0.1) {
            Sensitivity::Restricted
        } else {
            Sensitivity::Internal
        };
        out.push(NewApplication {
            call: round.call,
            title,
            applicants,
            status,
            requested,
            project: None,
            submitted: ctx.day_between(round.window.0, round.window.1),
            sensitivity,
        });
    }
    Ok(())
}
