//! Writing projects: create (with participants, locations, sectors, themes, SDG tags, budget
//! lines and transactions), update (a patch; lists replace the stored ones), archive and
//! restore, and the child edits in [`edits`]. Projects are never deleted.
//!
//! Every edit of a project or of one of its children is an update of the project: it carries
//! the project's `expectedVersion` and bumps it. The project's circumscriptions derive from
//! its locations and are recomputed in the same transaction whenever they change.
//!
//! Who may: coordinators and admins any project; officers projects located in their
//! circumscription — before the change and after it, so an officer can neither move a project
//! out of its circumscription nor take one in; partners none.
//!
//! Layout: [`input`] (what mutations receive), [`checks`] (validation needing no database),
//! [`fields`] (the project's own columns), [`children`] (child rows), [`insert`] (a new
//! project inside an open transaction, for other services too), [`edits`] (child edits).

mod checks;
mod children;
mod edits;
mod fields;
mod input;
mod insert;

use sea_orm::{EntityTrait, QueryFilter};
use serde_json::json;

pub use edits::{
    add_budget_line, add_participant, add_transaction, remove_budget_line, remove_participant,
    remove_transaction,
};
pub use input::{
    NewBudgetLine, NewParticipant, NewProject, NewSector, NewTransaction, ProjectPatch,
};
pub use insert::{insert_project, insert_project_at};

use super::super::write::{Begun, Entry, Writer, is_unique_violation};
use super::super::{ServiceContext, scope};
use crate::auth::policy::{self, WriteScope};
use crate::domain::vocabulary::{ActivityKind, RecordType};
use crate::entities::{budget_line, project, project_transaction};
use crate::error::{AppError, AppResult};

/// Creates a project; answers its id. A retry with the same idempotency key and input answers
/// the project created the first time.
pub async fn create(svc: &ServiceContext, key: Option<&str>, new: NewProject) -> AppResult<i64> {
    let mut w = match Writer::create(svc, key, &new).await? {
        Begun::Fresh(w) => w,
        Begun::Replayed(id) => return Ok(id),
    };
    let id = insert_project(&mut w, &new).await?;
    w.commit(id).await?;
    Ok(id)
}

/// Applies a patch to a project, bumping its version from `expected_version`. Lists given in
/// the patch replace the stored ones; new locations recompute the circumscriptions.
pub async fn update(
    svc: &ServiceContext,
    id: i64,
    expected_version: i32,
    patch: ProjectPatch,
) -> AppResult<()> {
    update_named(svc, id, expected_version, patch, "input.id").await
}

/// Replaces a project's locations (territory codes), recomputing its circumscriptions.
pub async fn set_locations(
    svc: &ServiceContext,
    id: i64,
    expected_version: i32,
    locations: Vec<String>,
) -> AppResult<()> {
    let patch = ProjectPatch {
        locations: Some(locations),
        ..ProjectPatch::default()
    };
    update_named(svc, id, expected_version, patch, "input.project").await
}

/// Replaces a project's DAC sectors.
pub async fn set_sectors(
    svc: &ServiceContext,
    id: i64,
    expected_version: i32,
    sectors: Vec<NewSector>,
) -> AppResult<()> {
    let patch = ProjectPatch {
        sectors: Some(sectors),
        ..ProjectPatch::default()
    };
    update_named(svc, id, expected_version, patch, "input.project").await
}

/// [`update`], with the project named by the input field `id_field`.
async fn update_named(
    svc: &ServiceContext,
    id: i64,
    expected_version: i32,
    patch: ProjectPatch,
    id_field: &str,
) -> AppResult<()> {
    let fields = patch.changed_fields();
    let (mut w, current, before) = begin_edit(svc, id, id_field).await?;
    if fields.is_empty() {
        return Err(AppError::bad_input("input", "nothing to change"));
    }
    w.bump_version::<project::Entity>(id, expected_version, "project")
        .await?;
    let mut row: project::ActiveModel = current.into();
    fields::apply(&w, &mut row, &patch, "input", Some(id)).await?;
    let lists = children::checked_lists(&w, &patch, "input").await?;
    let updated = match w.save_patched(row).await {
        Ok(updated) => updated,
        Err(err) if is_unique_violation(&err) => {
            return Err(fields::duplicate_identifier("input.iatiIdentifier"));
        }
        Err(err) => return Err(err.into()),
    };
    // A move concerns where the project was as much as where it goes.
    let old_locations = match lists.locations {
        Some(_) => children::location_ids(&w, id).await?,
        None => Vec::new(),
    };
    children::replace_lists(&w, id, &lists).await?;
    let (territories, circumscriptions) = if lists.locations.is_some() {
        let (territories, circumscriptions) =
            scope::recompute(w.txn(), RecordType::Project, id).await?;
        if circumscriptions != before {
            // Moving a project: the viewer must also be allowed where it lands.
            may_write(&w, &circumscriptions)?;
        }
        (territories, circumscriptions)
    } else {
        (children::location_ids(&w, id).await?, before.clone())
    };
    let actors = children::participant_actors(&w, id).await?;
    w.log(
        Entry::new(
            ActivityKind::ProjectUpdated,
            RecordType::Project,
            id,
            updated.sensitivity,
        )
        .actors(actors)
        .territories(territories)
        .territories(old_locations)
        .circumscriptions(circumscriptions)
        .circumscriptions(before)
        .details(json!({ "fields": fields })),
    );
    w.commit(id).await
}

/// Archives (`archive = true`) or restores a project. Archived projects leave lists (unless
/// asked for) and refuse edits until restored; their history stays.
pub async fn set_archived(
    svc: &ServiceContext,
    id: i64,
    expected_version: i32,
    archive: bool,
) -> AppResult<()> {
    let mut w = Writer::begin(svc).await?;
    let current = load_for_write(&w, id).await?;
    let circumscriptions = scope::recorded(w.txn(), RecordType::Project, id).await?;
    may_write(&w, &circumscriptions)?;
    w.set_archived::<project::Entity>(
        id,
        Some(expected_version),
        archive,
        current.archived_at.is_some(),
        "project",
    )
    .await?;
    // There is no PROJECT_RESTORED kind: a restore is an update of the `archived` field.
    let (kind, details) = if archive {
        (ActivityKind::ProjectArchived, serde_json::Value::Null)
    } else {
        (
            ActivityKind::ProjectUpdated,
            json!({ "fields": ["archived"], "restored": true }),
        )
    };
    let mut entry = scope_entry(&w, &current, circumscriptions).await?;
    entry.kind = kind;
    w.log(entry.details(details));
    w.commit(id).await
}

/// The project as written, for a mutation's payload (the author sees what it wrote).
pub async fn written(svc: &ServiceContext, id: i64) -> AppResult<project::Model> {
    project::Entity::find_by_id(id)
        .one(&svc.db.reader)
        .await?
        .ok_or_else(|| AppError::NotFound("no such project".to_owned()))
}

/// A budget line as written, for a mutation's payload.
pub async fn written_budget_line(svc: &ServiceContext, id: i64) -> AppResult<budget_line::Model> {
    budget_line::Entity::find_by_id(id)
        .one(&svc.db.reader)
        .await?
        .ok_or_else(|| AppError::NotFound("no such budget line".to_owned()))
}

/// A transaction as written, for a mutation's payload.
pub async fn written_transaction(
    svc: &ServiceContext,
    id: i64,
) -> AppResult<project_transaction::Model> {
    project_transaction::Entity::find_by_id(id)
        .one(&svc.db.reader)
        .await?
        .ok_or_else(|| AppError::NotFound("no such transaction".to_owned()))
}

/// Begins an edit of project `id` (named by the input field `field`): the project must be
/// visible to the viewer (else NOT_FOUND, as an unknown one), writable by the viewer where it
/// is now, and not archived. Answers the transaction, the project and its circumscriptions.
async fn begin_edit<'a>(
    svc: &'a ServiceContext,
    id: i64,
    field: &str,
) -> AppResult<(Writer<'a>, project::Model, Vec<i64>)> {
    let w = Writer::begin(svc).await?;
    let current = load_for_write(&w, id).await?;
    let before = scope::recorded(w.txn(), RecordType::Project, id).await?;
    may_write(&w, &before)?;
    if current.archived_at.is_some() {
        return Err(AppError::bad_input(
            field,
            "this project is archived; restore it first",
        ));
    }
    Ok((w, current, before))
}

/// The activity entry of an edit of `project` (PROJECT_UPDATED): its participants, its
/// locations and `circumscriptions`, at its sensitivity.
async fn scope_entry(
    w: &Writer<'_>,
    project: &project::Model,
    circumscriptions: Vec<i64>,
) -> AppResult<Entry> {
    let actors = children::participant_actors(w, project.id).await?;
    let territories = children::location_ids(w, project.id).await?;
    Ok(Entry::new(
        ActivityKind::ProjectUpdated,
        RecordType::Project,
        project.id,
        project.sensitivity,
    )
    .actors(actors)
    .territories(territories)
    .circumscriptions(circumscriptions))
}

/// The write rule for a project sitting in `circumscriptions` (no actor owns a project:
/// partners never write them).
fn may_write(w: &Writer<'_>, circumscriptions: &[i64]) -> AppResult<()> {
    policy::may_write(
        &w.svc().viewer,
        RecordType::Project,
        &WriteScope {
            circumscriptions: circumscriptions.to_vec(),
            actors: Vec::new(),
        },
    )
}

/// The project `id` as stored, if the viewer may see it (an invisible project is NOT_FOUND,
/// as an unknown one).
async fn load_for_write(w: &Writer<'_>, id: i64) -> AppResult<project::Model> {
    project::Entity::find_by_id(id)
        .filter(policy::read_condition(
            &w.svc().viewer,
            RecordType::Project,
            project::Column::Sensitivity,
            project::Column::Id,
        ))
        .one(w.txn())
        .await?
        .ok_or_else(|| AppError::NotFound("no such project".to_owned()))
}
