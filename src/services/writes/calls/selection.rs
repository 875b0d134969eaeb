//! A selected application becomes a project, in the decision's transaction.
//!
//! The project takes from the application its title and its applicants (as IMPLEMENTING
//! participants, their seats as locations), and from the call its instrument; the funding
//! source and the pillar follow from the call (see [`funding_source`] and [`pillar`]). It
//! starts in the PIPELINE status (IATI 1: identification, not yet started) with the
//! application's sensitivity, not publishable; coordinators complete it afterwards (dates,
//! sectors, budget) through `updateProject`. It is logged as PROJECT_CREATED, and linked
//! back through `applications.project_id` by the caller. Should the projects service refuse
//! it anyway, its error names a field under `input.status` (the selection that asked for it).

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use super::super::projects::{NewParticipant, NewProject, insert_project_at};
use crate::domain::vocabulary::{
    ActivityStatus, FundingSource, Instrument, ParticipantRole, Pillar, ProjectOrigin,
};
use crate::entities::{actor, application, call, territory};
use crate::error::{AppError, AppResult};
use crate::services::write::Writer;

/// Writes the project of the selected `application` (whose applicants are `applicants`) with
/// its PROJECT_CREATED entry, through the projects service's `insert_project_at` (the same
/// validation, write rules and log entry as `createProject`); answers the project's id.
pub async fn create_project(
    w: &mut Writer<'_>,
    application: &application::Model,
    applicants: &[i64],
) -> AppResult<i64> {
    // The call is read without the viewer's filter: whoever may decide on the application
    // may see its call (coordinators see everything).
    let call = call::Entity::find_by_id(application.call_id)
        .one(w.txn())
        .await?
        .ok_or_else(|| AppError::internal("an application without its call"))?;
    let actors = actor::Entity::find()
        .filter(actor::Column::Id.is_in(applicants.iter().copied()))
        .all(w.txn())
        .await?;
    // Said here, on the decision's input, rather than as a project field the client never
    // sent.
    if actors.iter().any(|a| a.archived_at.is_some()) {
        return Err(AppError::bad_input(
            "input.status",
            "an applicant is archived: restore it before selecting the application",
        ));
    }
    let seats: Vec<i64> = actors.iter().filter_map(|a| a.seat_territory_id).collect();
    let mut locations: Vec<String> = territory::Entity::find()
        .filter(territory::Column::Id.is_in(seats))
        .all(w.txn())
        .await?
        .into_iter()
        .map(|t| t.code)
        .collect();
    locations.sort_unstable();
    let mut new = NewProject::new(
        application.title.clone(),
        pillar(&call),
        call.instrument,
        funding_source(&call),
    );
    new.status = Some(ActivityStatus::Pipeline);
    new.origin = Some(ProjectOrigin::Own);
    new.sensitivity = Some(application.sensitivity);
    new.participants = applicants
        .iter()
        .map(|a| NewParticipant {
            actor_id: *a,
            role: ParticipantRole::Implementing,
        })
        .collect();
    new.locations = locations;
    insert_project_at(w, &new, "input.status").await
}

/// Where the money of a call's projects comes from: PISCCA and FSPI rounds from their funds,
/// the joint fund's calls (by instrument or by their fund) from it, the embassy's own
/// thematic calls from Programme 209.
pub fn funding_source(call: &call::Model) -> FundingSource {
    match call.instrument {
        Instrument::Piscca => FundingSource::Piscca,
        Instrument::Fspi => FundingSource::Fspi,
        Instrument::JointDecentralisedFund => FundingSource::JointFund,
        _ if call.fund_id.is_some() => FundingSource::JointFund,
        _ => FundingSource::P209,
    }
}

/// The pillar of a call's projects: the joint fund's calls (to paired local authorities) are
/// territorial governance; the embassy's calls to associations, civil-society support.
pub fn pillar(call: &call::Model) -> Pillar {
    match funding_source(call) {
        FundingSource::JointFund => Pillar::TerritorialGovernance,
        _ => Pillar::CivilSociety,
    }
}
