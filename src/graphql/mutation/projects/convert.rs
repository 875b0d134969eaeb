//! From the project mutations' input objects to the services' shapes: global IDs decoded,
//! with the input path at fault when one is wrong.

use async_graphql::{ID, MaybeUndefined};

use super::super::common::patch;
use super::inputs::{
    BudgetLineInput, CreateProjectInput, ProjectSectorInput, ProjectTransactionInput,
    UpdateProjectInput,
};
use crate::domain::vocabulary::ParticipantRole;
use crate::error::AppResult;
use crate::graphql::relay::{GlobalId, NodeKind};
use crate::graphql::types::common::Date;
use crate::services::writes::projects::{
    NewBudgetLine, NewParticipant, NewProject, NewSector, NewTransaction, ProjectPatch,
};

fn actor_id(id: &ID, field: &str) -> AppResult<i64> {
    GlobalId::decode_as(id, NodeKind::Actor, field)
}

pub fn project_id(id: &ID, field: &str) -> AppResult<i64> {
    GlobalId::decode_as(id, NodeKind::Project, field)
}

pub fn participant(actor: &ID, role: ParticipantRole) -> AppResult<NewParticipant> {
    Ok(NewParticipant {
        actor_id: actor_id(actor, "input.actor")?,
        role,
    })
}

pub fn sectors(input: Vec<ProjectSectorInput>) -> Vec<NewSector> {
    input
        .into_iter()
        .map(|s| NewSector {
            dac_code: s.dac_code,
            percentage: s.percentage,
        })
        .collect()
}

pub fn budget_line(input: BudgetLineInput) -> NewBudgetLine {
    NewBudgetLine {
        kind: input.kind,
        period_start: input.period_start.0,
        period_end: input.period_end.0,
        value_date: input.value_date.map(|d| d.0),
        amount: input.amount,
        currency: input.currency,
    }
}

/// `t` is the transaction's input path (`input.transactions[2]`).
pub fn transaction(input: ProjectTransactionInput, t: &str) -> AppResult<NewTransaction> {
    let party = |id: &Option<ID>, name: &str| {
        id.as_ref()
            .map(|id| actor_id(id, &format!("{t}.{name}")))
            .transpose()
    };
    Ok(NewTransaction {
        provider_id: party(&input.provider, "provider")?,
        receiver_id: party(&input.receiver, "receiver")?,
        kind: input.kind,
        date: input.date.0,
        amount: input.amount,
        currency: input.currency,
        description: input.description,
    })
}

pub fn new_project(input: CreateProjectInput) -> AppResult<NewProject> {
    let description = input.description.unwrap_or_default();
    let participants = input
        .participants
        .iter()
        .enumerate()
        .map(|(i, p)| {
            Ok(NewParticipant {
                actor_id: actor_id(&p.actor, &format!("input.participants[{i}].actor"))?,
                role: p.role,
            })
        })
        .collect::<AppResult<_>>()?;
    let transactions = input
        .transactions
        .into_iter()
        .enumerate()
        .map(|(i, t)| transaction(t, &format!("input.transactions[{i}]")))
        .collect::<AppResult<_>>()?;
    Ok(NewProject {
        iati_identifier: input.iati_identifier,
        title_fr: input.title.fr,
        title_ar: input.title.ar,
        title_en: input.title.en,
        description_fr: description.fr,
        description_ar: description.ar,
        description_en: description.en,
        pillar: input.pillar,
        instrument: input.instrument,
        funding_source: input.funding_source,
        status: input.status,
        planned_start: input.planned_start.map(|d| d.0),
        planned_end: input.planned_end.map(|d| d.0),
        actual_start: input.actual_start.map(|d| d.0),
        actual_end: input.actual_end.map(|d| d.0),
        origin: input.origin,
        sensitivity: input.sensitivity,
        publishable: input.publishable,
        participants,
        locations: input.locations,
        sectors: sectors(input.sectors),
        themes: input.themes,
        sdg_goals: input.sdg_goals,
        sdg_targets: input.sdg_targets,
        budget_lines: input.budget_lines.into_iter().map(budget_line).collect(),
        transactions,
    })
}

pub fn project_patch(input: UpdateProjectInput) -> ProjectPatch {
    let (title_fr, title_ar, title_en) = match input.title {
        Some(n) => (n.fr, patch(n.ar), patch(n.en)),
        None => (None, None, None),
    };
    let (description_fr, description_ar, description_en) = match input.description {
        Some(d) => (patch(d.fr), patch(d.ar), patch(d.en)),
        None => (None, None, None),
    };
    let date = |d: MaybeUndefined<Date>| patch(d).map(|d| d.map(|d| d.0));
    ProjectPatch {
        iati_identifier: patch(input.iati_identifier),
        title_fr,
        title_ar,
        title_en,
        description_fr,
        description_ar,
        description_en,
        pillar: input.pillar,
        instrument: input.instrument,
        funding_source: input.funding_source,
        status: input.status,
        planned_start: date(input.planned_start),
        planned_end: date(input.planned_end),
        actual_start: date(input.actual_start),
        actual_end: date(input.actual_end),
        origin: input.origin,
        sensitivity: input.sensitivity,
        publishable: input.publishable,
        locations: None,
        sectors: None,
        themes: input.themes,
        sdg_goals: input.sdg_goals,
        sdg_targets: input.sdg_targets,
    }
}
