//! The demo's 150 projects: what each is (pillar, instrument, status, dates, who takes part,
//! where). `project_rows` writes them. Among them are the projects born of selected
//! applications to calls for proposals, which `funding` links back to their applications.

use std::collections::HashSet;

use super::calendar::{Dates, call_dates, dates_for, pick_status};
use super::phrases::{PlacePhrase, phrase_of};
use super::store::{ActorRef, Ctx, require};
use super::texts::{self, Template};
use crate::domain::vocabulary::{
    ActivityStatus, ActorKind, Country, FundingSource, Instrument, ParticipantRole, Pillar,
    ProjectOrigin, Sensitivity, TerritoryLevel,
};
use crate::error::{AppError, AppResult};

/// The calls whose selected applications became demo projects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallKey {
    /// Reference call of 2020, "Venir en aide aux plus vulnérables" (140+ applications).
    Vulnerable2020,
    /// Reference call of 2022, "Sport et inclusion".
    Sport2022,
    /// Demo call of 2023 on young people's civic participation.
    Youth2023,
    /// Reference call of 2024, "Eau et biodiversité" (consortia).
    Water2024,
}

/// How many projects each call selected, with the template of their titles.
const FROM_CALLS: &[(CallKey, usize)] = &[
    (CallKey::Vulnerable2020, 11),
    (CallKey::Sport2022, 4),
    (CallKey::Youth2023, 5),
    (CallKey::Water2024, 3),
];

/// Projects of each other group: own civil-society, institutional, territorial, external.
const OWN_CIVIL_SOCIETY: usize = 37;
const OWN_INSTITUTIONAL: usize = 42;
const OWN_TERRITORIAL: usize = 30;
const EXTERNAL: usize = 18;

/// A project to insert.
#[derive(Debug, Clone)]
pub struct Spec {
    pub template: Template,
    pub place: PlacePhrase,
    pub locations: Vec<i64>,
    pub pillar: Pillar,
    pub instrument: Instrument,
    pub funding: FundingSource,
    pub origin: ProjectOrigin,
    pub status: ActivityStatus,
    pub dates: Dates,
    pub participants: Vec<(i64, ParticipantRole)>,
    pub call: Option<CallKey>,
    pub applicants: Vec<i64>,
    pub sensitivity: Sensitivity,
}

fn funding_of(instrument: Instrument) -> FundingSource {
    match instrument {
        Instrument::Piscca => FundingSource::Piscca,
        Instrument::Fspi => FundingSource::Fspi,
        Instrument::JointDecentralisedFund => FundingSource::JointFund,
        Instrument::Other => FundingSource::ExternalCofinancing,
        _ => FundingSource::P209,
    }
}

/// The working (not archived, not restricted) actors of a kind.
fn pool(ctx: &Ctx<'_>, kinds: &[ActorKind]) -> Vec<ActorRef> {
    ctx.actors
        .iter()
        .filter(|a| kinds.contains(&a.kind) && a.sensitivity != Sensitivity::Restricted)
        .cloned()
        .collect()
}

fn place_of(ctx: &Ctx<'_>, actor: &ActorRef) -> AppResult<(PlacePhrase, Vec<i64>)> {
    let seat = actor
        .seat
        .and_then(|s| ctx.territory_by_id(s))
        .ok_or_else(|| AppError::internal(format!("demo: {} has no seat", actor.name)))?;
    Ok((phrase_of(seat), vec![seat.id]))
}

/// Every project spec, in the order they are written.
pub fn specs(ctx: &mut Ctx<'_>) -> AppResult<Vec<Spec>> {
    let meae = ctx.acronym("MEAE")?;
    let scac = ctx.acronym("SCAC")?;
    let dctciv = ctx.acronym("DCTCIV")?;
    let dgct = ctx.acronym("DGCT")?;
    let own = |funder: i64| {
        vec![
            (funder, ParticipantRole::Funding),
            (scac, ParticipantRole::Accountable),
        ]
    };
    let associations: Vec<ActorRef> = pool(ctx, &[ActorKind::Association])
        .into_iter()
        .filter(|a| a.seat.is_some())
        .collect();
    if associations.len() < 60 {
        return Err(AppError::internal(
            "demo: too few associations for the projects",
        ));
    }
    let mut specs = Vec::new();

    // Projects born of selected applications: one applicant association each (with a
    // research centre in the 2024 consortia).
    let academics: Vec<ActorRef> = pool(ctx, &[ActorKind::Academic])
        .into_iter()
        .filter(|a| a.seat.is_some())
        .collect();
    let selected_total: usize = FROM_CALLS.iter().map(|(_, n)| n).sum();
    let mut winners = ctx.sample(&associations, selected_total).into_iter();
    for (call, count) in FROM_CALLS {
        let template = match call {
            CallKey::Vulnerable2020 => texts::VULNERABLE,
            CallKey::Sport2022 => texts::CIVIL_SOCIETY[2],
            CallKey::Youth2023 => texts::CIVIL_SOCIETY[9],
            CallKey::Water2024 => texts::CIVIL_SOCIETY[4],
        };
        for _ in 0..*count {
            let winner = winners
                .next()
                .ok_or_else(|| AppError::internal("demo: too few associations"))?;
            let (place, locations) = place_of(ctx, &winner)?;
            let (status, dates) = call_dates(*call);
            let mut participants = own(meae);
            participants.push((winner.id, ParticipantRole::Implementing));
            let mut applicants = vec![winner.id];
            if *call == CallKey::Water2024 && !academics.is_empty() {
                let lab = ctx.rng.pick(&academics).id;
                participants.push((lab, ParticipantRole::Partner));
                applicants.push(lab);
            }
            specs.push(Spec {
                template,
                place,
                locations,
                pillar: Pillar::CivilSociety,
                instrument: Instrument::CallForProposals,
                funding: FundingSource::P209,
                origin: ProjectOrigin::Own,
                status,
                dates,
                participants,
                call: Some(*call),
                applicants,
                sensitivity: Sensitivity::Public,
            });
        }
    }

    let institutions = pool(ctx, &[ActorKind::Ministry, ActorKind::NationalInstitution])
        .into_iter()
        .filter(|a| a.country == Country::Ma)
        .collect::<Vec<_>>();
    let french_experts = pool(
        ctx,
        &[
            ActorKind::EmbassyService,
            ActorKind::DevelopmentAgency,
            ActorKind::Academic,
            ActorKind::FrenchLocalAuthority,
        ],
    );
    let moroccan_authorities: Vec<ActorRef> = pool(ctx, &[ActorKind::MoroccanLocalAuthority])
        .into_iter()
        .filter(|a| a.seat.is_some())
        .collect();
    let french_authorities = pool(ctx, &[ActorKind::FrenchLocalAuthority]);
    let partners = pool(
        ctx,
        &[
            ActorKind::Network,
            ActorKind::Academic,
            ActorKind::InstitutFrancais,
        ],
    );
    let donors = pool(ctx, &[ActorKind::Donor, ActorKind::DevelopmentAgency]);
    let regions = require(ctx.territories_of_level(TerritoryLevel::Region), "regions")?;
    let mobility = ctx
        .of_kind(ActorKind::EmbassyService)
        .into_iter()
        .find(|a| a.name.starts_with("Cellule des programmes de mobilité"))
        .map(|a| a.id);
    if institutions.is_empty()
        || french_experts.is_empty()
        || moroccan_authorities.is_empty()
        || french_authorities.is_empty()
        || donors.is_empty()
        || partners.is_empty()
    {
        return Err(AppError::internal("demo: missing actors for the projects"));
    }

    let groups = [
        (Pillar::CivilSociety, OWN_CIVIL_SOCIETY),
        (Pillar::InstitutionalCooperation, OWN_INSTITUTIONAL),
        (Pillar::TerritorialGovernance, OWN_TERRITORIAL),
    ];
    let mut j = 0usize;
    for (group, count) in groups
        .iter()
        .copied()
        .chain([(Pillar::CivilSociety, EXTERNAL)])
    {
        let external = j >= OWN_CIVIL_SOCIETY + OWN_INSTITUTIONAL + OWN_TERRITORIAL;
        for k in 0..count {
            // The first six get one status each, so every status is present.
            let status = match ActivityStatus::ALL.get(j) {
                Some(s) => *s,
                None => pick_status(ctx),
            };
            j += 1;
            let pillar = if external {
                [
                    Pillar::CivilSociety,
                    Pillar::InstitutionalCooperation,
                    Pillar::TerritorialGovernance,
                ][k % 3]
            } else {
                group
            };
            let instrument = if external {
                Instrument::Other
            } else {
                match pillar {
                    Pillar::CivilSociety => [
                        Instrument::Piscca,
                        Instrument::DirectInterventionCredit,
                        Instrument::CallForProposals,
                        Instrument::SupportOutsideProgramming,
                        Instrument::Piscca,
                    ][k % 5],
                    Pillar::InstitutionalCooperation => [
                        Instrument::Mission,
                        Instrument::Invitation,
                        Instrument::TrainingGrant,
                        Instrument::Fspi,
                        Instrument::DirectInterventionCredit,
                        Instrument::Mission,
                        Instrument::SupportOutsideProgramming,
                    ][k % 7],
                    Pillar::TerritorialGovernance => [
                        Instrument::JointDecentralisedFund,
                        Instrument::JointDecentralisedFund,
                        Instrument::Fspi,
                        Instrument::Mission,
                        Instrument::SupportOutsideProgramming,
                    ][k % 5],
                }
            };
            let mut participants = if external {
                let donor = ctx.rng.pick(&donors).id;
                vec![
                    (donor, ParticipantRole::Funding),
                    (donor, ParticipantRole::Accountable),
                ]
            } else if instrument == Instrument::JointDecentralisedFund {
                vec![
                    (dctciv, ParticipantRole::Funding),
                    (dgct, ParticipantRole::Funding),
                    (scac, ParticipantRole::Accountable),
                ]
            } else {
                own(meae)
            };
            let (template, place, locations) = match pillar {
                Pillar::CivilSociety => {
                    let association = ctx.rng.pick(&associations).clone();
                    participants.push((association.id, ParticipantRole::Implementing));
                    if ctx.rng.chance(0.4) {
                        participants.push((ctx.rng.pick(&partners).id, ParticipantRole::Partner));
                    }
                    let (place, locations) = place_of(ctx, &association)?;
                    (*ctx.rng.pick(texts::CIVIL_SOCIETY), place, locations)
                }
                Pillar::InstitutionalCooperation => {
                    let beneficiary = ctx.rng.pick(&institutions).id;
                    let expert = ctx.rng.pick(&french_experts).id;
                    participants.push((expert, ParticipantRole::Implementing));
                    participants.push((beneficiary, ParticipantRole::Beneficiary));
                    if let Some(cell) = mobility
                        && matches!(
                            instrument,
                            Instrument::Mission
                                | Instrument::Invitation
                                | Instrument::TrainingGrant
                        )
                    {
                        participants.push((cell, ParticipantRole::Extending));
                    }
                    let region = ctx.rng.pick(&regions).clone();
                    let place = phrase_of(&region);
                    (*ctx.rng.pick(texts::INSTITUTIONAL), place, vec![region.id])
                }
                Pillar::TerritorialGovernance => {
                    let moroccan = ctx.rng.pick(&moroccan_authorities).clone();
                    participants.push((moroccan.id, ParticipantRole::Implementing));
                    if !external {
                        let french = ctx.rng.pick(&french_authorities).id;
                        participants.push((french, ParticipantRole::Implementing));
                    }
                    if ctx.rng.chance(0.5) {
                        participants
                            .push((ctx.rng.pick(&associations).id, ParticipantRole::Partner));
                    }
                    let (place, locations) = place_of(ctx, &moroccan)?;
                    (*ctx.rng.pick(texts::TERRITORIAL), place, locations)
                }
            };
            let dates = dates_for(ctx, status);
            let sensitivity = if external {
                ctx.sensitivity(85, 15)
            } else if status == ActivityStatus::Pipeline {
                ctx.sensitivity(20, 60)
            } else {
                ctx.sensitivity(60, 30)
            };
            let mut seen = HashSet::new();
            participants.retain(|p| seen.insert(*p));
            specs.push(Spec {
                template,
                place,
                locations,
                pillar,
                instrument,
                funding: funding_of(instrument),
                origin: if external {
                    ProjectOrigin::External
                } else {
                    ProjectOrigin::Own
                },
                status,
                dates,
                participants,
                call: None,
                applicants: Vec::new(),
                sensitivity,
            });
        }
    }
    Ok(specs)
}
