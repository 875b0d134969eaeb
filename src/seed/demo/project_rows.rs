//! Writes the project specs: the projects, their participants, locations, sectors, SDGs and
//! themes, their money (see `project_money`), circumscriptions and `PROJECT_CREATED` entries.

use std::collections::HashMap;

use chrono::NaiveDate;
use sea_orm::Set;
use serde_json::json;

use super::project_money::{Money, budget_range};
use super::projects::{CallKey, Spec};
use super::store::{Ctx, Entry, Keys};
use crate::domain::vocabulary::{
    ActivityKind, ActivityStatus, Currency, Instrument, Pillar, ProjectOrigin, RecordType,
    SdgVocabulary, Sensitivity,
};
use crate::entities::{
    project, project_location, project_participant, project_sdg, project_sector, project_theme,
};
use crate::error::AppResult;
use crate::search;

/// What the rest of the demo needs to know of a project.
#[derive(Debug, Clone)]
pub struct ProjectRef {
    pub id: i64,
    pub title: String,
    pub title_en: String,
    pub pillar: Pillar,
    pub instrument: Instrument,
    pub status: ActivityStatus,
    pub origin: ProjectOrigin,
    pub participants: Vec<i64>,
    pub locations: Vec<i64>,
    pub start: NaiveDate,
    pub budget_minor: i64,
    pub currency: Currency,
    pub call: Option<CallKey>,
    pub applicants: Vec<i64>,
}

/// Percentages (basis points) of one to three sectors, summing to 100 %.
fn shares(count: usize) -> &'static [i32] {
    match count {
        0 | 1 => &[10_000],
        2 => &[6_000, 4_000],
        _ => &[5_000, 3_000, 2_000],
    }
}

/// " — phase 2" and its Arabic form, for a title already taken.
fn phase(n: usize) -> (String, String) {
    let ar = match n {
        2 => "المرحلة الثانية".to_owned(),
        3 => "المرحلة الثالثة".to_owned(),
        4 => "المرحلة الرابعة".to_owned(),
        _ => format!("المرحلة {n}"),
    };
    (format!(" — phase {n}"), format!(" - {ar}"))
}

fn description(pillar: Pillar, origin: ProjectOrigin) -> (&'static str, &'static str) {
    match (origin, pillar) {
        (ProjectOrigin::External, _) => (
            "Activité d'un autre bailleur suivie par le pôle (qui fait quoi, où). Données fictives de démonstration.",
            "Another donor's activity monitored by the pole. Fictional demo data.",
        ),
        (_, Pillar::CivilSociety) => (
            "Projet associatif soutenu par l'ambassade : actions de terrain, formation des bénévoles et plaidoyer local. Données fictives de démonstration.",
            "An association's project supported by the embassy. Fictional demo data.",
        ),
        (_, Pillar::InstitutionalCooperation) => (
            "Coopération institutionnelle : formations, missions d'expertise et échanges entre administrations. Données fictives de démonstration.",
            "Institutional cooperation between administrations. Fictional demo data.",
        ),
        (_, Pillar::TerritorialGovernance) => (
            "Coopération entre collectivités territoriales françaises et marocaines. Données fictives de démonstration.",
            "Cooperation between French and Moroccan local authorities. Fictional demo data.",
        ),
    }
}

pub async fn insert(ctx: &mut Ctx<'_>, specs: Vec<Spec>) -> AppResult<Vec<ProjectRef>> {
    let mut taken: HashMap<String, usize> = HashMap::new();
    let mut rows = Vec::with_capacity(specs.len());
    let mut titles = Vec::with_capacity(specs.len());
    let mut budgets = Vec::with_capacity(specs.len());
    let mut english = Vec::with_capacity(specs.len());
    for (n, spec) in specs.iter().enumerate() {
        let (mut fr, mut ar, mut en) = spec.template.titles(&spec.place);
        let seen = taken.entry(fr.clone()).or_insert(0);
        *seen += 1;
        if *seen > 1 {
            let (suffix, suffix_ar) = phase(*seen);
            fr.push_str(&suffix);
            ar.push_str(&suffix_ar);
            en.push_str(&suffix);
        }
        let (lo, hi) = budget_range(spec.instrument);
        let euros = (lo + ctx.rng.below(hi - lo)) / 100 * 100;
        let in_dirhams = match spec.instrument {
            Instrument::JointDecentralisedFund => ctx.rng.chance(0.5),
            _ if spec.pillar == Pillar::CivilSociety && spec.call.is_none() => ctx.rng.chance(0.15),
            _ => false,
        };
        let budget = if in_dirhams {
            // About 11 dirhams to the euro, rounded to a thousand dirhams.
            ((euros * 11 / 1_000 * 1_000) as i64 * 100, Currency::Mad)
        } else {
            (euros as i64 * 100, Currency::Eur)
        };
        budgets.push(budget);
        let identifier = match spec.origin {
            ProjectOrigin::Own => format!("FR-6-DEMO-{:04}", n + 1),
            ProjectOrigin::External => format!("XI-DEMO-{:04}", n + 1),
        };
        let publishable = spec.sensitivity == Sensitivity::Public
            && (spec.call.is_some() || ctx.rng.chance(0.75));
        // Two projects shelved long ago: archived (never deleted).
        let archived = (n % 61 == 60).then_some(ctx.now);
        let (description_fr, description_en) = description(spec.pillar, spec.origin);
        rows.push(project::ActiveModel {
            iati_identifier: Set(Some(identifier.clone())),
            title_fr: Set(fr.clone()),
            title_ar: Set(Some(ar.clone())),
            title_en: Set(Some(en.clone())),
            description_fr: Set(Some(description_fr.to_owned())),
            description_ar: Set(None),
            description_en: Set(Some(description_en.to_owned())),
            pillar: Set(spec.pillar),
            instrument: Set(spec.instrument),
            funding_source: Set(spec.funding),
            status: Set(spec.status),
            planned_start: Set(Some(spec.dates.planned_start)),
            planned_end: Set(Some(spec.dates.planned_end)),
            actual_start: Set(spec.dates.actual_start),
            actual_end: Set(spec.dates.actual_end),
            origin: Set(spec.origin),
            sensitivity: Set(spec.sensitivity),
            publishable: Set(publishable),
            search_key: Set(search::search_key([
                fr.as_str(),
                ar.as_str(),
                en.as_str(),
                identifier.as_str(),
            ])),
            version: Set(1),
            created_at: Set(ctx.now),
            created_by: Set(ctx.author()),
            updated_at: Set(ctx.now),
            updated_by: Set(ctx.author()),
            archived_at: Set(archived),
            ..Default::default()
        });
        titles.push(fr);
        english.push(en);
    }
    let ids = ctx
        .insert_ids(
            rows,
            &titles,
            Keys::<project::Entity> {
                id: project::Column::Id,
                author: project::Column::CreatedBy,
                label: project::Column::TitleFr,
            },
        )
        .await?;

    let mut links = Links::default();
    let mut refs = Vec::with_capacity(ids.len());
    let extra = titles.into_iter().zip(english).zip(budgets);
    for ((id, spec), ((title, title_en), budget)) in ids.iter().zip(specs).zip(extra) {
        links.add(ctx, *id, &spec, budget);
        let actors: Vec<i64> = spec.participants.iter().map(|(a, _)| *a).collect();
        let circs = ctx.scope(RecordType::Project, *id, &spec.locations);
        ctx.log(Entry {
            kind: ActivityKind::ProjectCreated,
            subject: RecordType::Project,
            subject_id: *id,
            sensitivity: spec.sensitivity,
            actors: actors.clone(),
            territories: spec.locations.clone(),
            circumscriptions: circs,
            details: json!({
                "source": "demo",
                "pillar": spec.pillar,
                "instrument": spec.instrument,
                "status": spec.status,
            }),
        });
        refs.push(ProjectRef {
            id: *id,
            title,
            title_en,
            pillar: spec.pillar,
            instrument: spec.instrument,
            status: spec.status,
            origin: spec.origin,
            participants: actors,
            locations: spec.locations,
            start: spec.dates.actual_start.unwrap_or(spec.dates.planned_start),
            budget_minor: budget.0,
            currency: budget.1,
            call: spec.call,
            applicants: spec.applicants,
        });
    }
    links.write(ctx).await?;
    ctx.report.projects = refs.len();
    Ok(refs)
}

/// The rows hanging off the projects, gathered and written table by table.
#[derive(Default)]
struct Links {
    participants: Vec<project_participant::ActiveModel>,
    locations: Vec<project_location::ActiveModel>,
    sectors: Vec<project_sector::ActiveModel>,
    sdgs: Vec<project_sdg::ActiveModel>,
    themes: Vec<project_theme::ActiveModel>,
    money: Money,
}

impl Links {
    fn add(&mut self, ctx: &mut Ctx<'_>, id: i64, spec: &Spec, budget: (i64, Currency)) {
        for (actor, role) in &spec.participants {
            self.participants.push(project_participant::ActiveModel {
                project_id: Set(id),
                actor_id: Set(*actor),
                role: Set(*role),
                ..Default::default()
            });
        }
        for territory in &spec.locations {
            self.locations.push(project_location::ActiveModel {
                project_id: Set(id),
                territory_id: Set(*territory),
            });
        }
        let dac = spec.template.dac;
        for (code, share) in dac.iter().zip(shares(dac.len())) {
            self.sectors.push(project_sector::ActiveModel {
                project_id: Set(id),
                dac_code: Set((*code).to_owned()),
                percentage_bp: Set(*share),
            });
        }
        let goals = spec.template.goals.iter().map(|g| (SdgVocabulary::Goal, g));
        let targets = spec
            .template
            .targets
            .iter()
            .map(|t| (SdgVocabulary::Target, t));
        for (vocabulary, code) in goals.chain(targets) {
            self.sdgs.push(project_sdg::ActiveModel {
                project_id: Set(id),
                vocabulary: Set(vocabulary),
                code: Set((*code).to_owned()),
            });
        }
        for theme in spec.template.themes {
            self.themes.push(project_theme::ActiveModel {
                project_id: Set(id),
                theme: Set(*theme),
            });
        }
        self.money.add(ctx, id, spec, budget);
    }

    async fn write(self, ctx: &mut Ctx<'_>) -> AppResult<()> {
        ctx.insert(self.participants).await?;
        ctx.insert(self.locations).await?;
        ctx.insert(self.sectors).await?;
        ctx.insert(self.sdgs).await?;
        ctx.insert(self.themes).await?;
        ctx.insert(self.money.budgets).await?;
        ctx.insert(self.money.transactions).await
    }
}
