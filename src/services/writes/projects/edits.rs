//! Edits of a project's children — participants, budget lines, transactions — each an update
//! of the project: it carries the project's `expectedVersion`, bumps it, and is logged as
//! PROJECT_UPDATED with the field that changed and the child's reference (never a person's
//! data: participants are organisations).

use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};

use super::checks::{self, MAX_BUDGET_LINES, MAX_PARTICIPANTS, MAX_TRANSACTIONS};
use super::children;
use super::input::{NewBudgetLine, NewParticipant, NewTransaction};
use super::{begin_edit, scope_entry};
use crate::entities::{budget_line, project, project_participant, project_transaction};
use crate::error::{AppError, AppResult};
use crate::services::ServiceContext;
use crate::services::write::Writer;

/// The input field naming the project in child edits.
const PROJECT_FIELD: &str = "input.project";

/// Adds an actor to a project in a role (the same actor may take part in several roles, but
/// not twice in one).
pub async fn add_participant(
    svc: &ServiceContext,
    project_id: i64,
    expected_version: i32,
    participant: NewParticipant,
) -> AppResult<()> {
    let (mut w, current, before) = begin_edit(svc, project_id, PROJECT_FIELD).await?;
    w.bump_version::<project::Entity>(project_id, expected_version, "project")
        .await?;
    crate::services::writes::actor(&w, participant.actor_id, "input.actor").await?;
    let taken = project_participant::Entity::find()
        .filter(project_participant::Column::ProjectId.eq(project_id))
        .filter(project_participant::Column::ActorId.eq(participant.actor_id))
        .filter(project_participant::Column::Role.eq(participant.role))
        .count(w.txn())
        .await?;
    if taken > 0 {
        return Err(already_taking_part());
    }
    let count = project_participant::Entity::find()
        .filter(project_participant::Column::ProjectId.eq(project_id))
        .count(w.txn())
        .await?;
    limit("input.actor", count, MAX_PARTICIPANTS, "participants")?;
    // No race to fear: the version bump above holds the project's row until commit.
    children::insert_participants(&w, project_id, &[participant]).await?;
    let details = json!({
        "fields": ["participants"],
        "added": { "actor": participant.actor_id, "role": participant.role },
    });
    log(&mut w, &current, before, &[], details).await?;
    w.commit(project_id).await
}

fn already_taking_part() -> AppError {
    AppError::bad_input("input.role", "this actor already takes part in this role")
}

/// Removes an actor's role in a project.
pub async fn remove_participant(
    svc: &ServiceContext,
    project_id: i64,
    expected_version: i32,
    participant: NewParticipant,
) -> AppResult<()> {
    let (mut w, current, before) = begin_edit(svc, project_id, PROJECT_FIELD).await?;
    w.bump_version::<project::Entity>(project_id, expected_version, "project")
        .await?;
    let removed = project_participant::Entity::delete_many()
        .filter(project_participant::Column::ProjectId.eq(project_id))
        .filter(project_participant::Column::ActorId.eq(participant.actor_id))
        .filter(project_participant::Column::Role.eq(participant.role))
        .exec(w.txn())
        .await?;
    if removed.rows_affected == 0 {
        return Err(AppError::bad_input(
            "input.actor",
            "this actor does not take part in this project in this role",
        ));
    }
    let details = json!({
        "fields": ["participants"],
        "removed": { "actor": participant.actor_id, "role": participant.role },
    });
    log(&mut w, &current, before, &[participant.actor_id], details).await?;
    w.commit(project_id).await
}

/// Adds a budget line to a project; answers its id.
pub async fn add_budget_line(
    svc: &ServiceContext,
    project_id: i64,
    expected_version: i32,
    line: NewBudgetLine,
) -> AppResult<i64> {
    let (mut w, current, before) = begin_edit(svc, project_id, PROJECT_FIELD).await?;
    w.bump_version::<project::Entity>(project_id, expected_version, "project")
        .await?;
    let line = checks::budget_line("input.budgetLine", &line)?;
    let count = budget_line::Entity::find()
        .filter(budget_line::Column::ProjectId.eq(project_id))
        .count(w.txn())
        .await?;
    limit("input.budgetLine", count, MAX_BUDGET_LINES, "budget lines")?;
    let id = children::insert_budget_line(&w, project_id, &line).await?;
    let details = json!({ "fields": ["budget"], "added": { "budgetLine": id } });
    log(&mut w, &current, before, &[], details).await?;
    w.commit(project_id).await?;
    Ok(id)
}

/// Removes one of a project's budget lines.
pub async fn remove_budget_line(
    svc: &ServiceContext,
    project_id: i64,
    expected_version: i32,
    line_id: i64,
) -> AppResult<()> {
    let (mut w, current, before) = begin_edit(svc, project_id, PROJECT_FIELD).await?;
    w.bump_version::<project::Entity>(project_id, expected_version, "project")
        .await?;
    let removed = budget_line::Entity::delete_many()
        .filter(budget_line::Column::Id.eq(line_id))
        .filter(budget_line::Column::ProjectId.eq(project_id))
        .exec(w.txn())
        .await?;
    if removed.rows_affected == 0 {
        return Err(AppError::bad_input(
            "input.budgetLine",
            "this project has no such budget line",
        ));
    }
    let details = json!({ "fields": ["budget"], "removed": { "budgetLine": line_id } });
    log(&mut w, &current, before, &[], details).await?;
    w.commit(project_id).await
}

/// Adds a financial transaction to a project; answers its id.
pub async fn add_transaction(
    svc: &ServiceContext,
    project_id: i64,
    expected_version: i32,
    tx: NewTransaction,
) -> AppResult<i64> {
    let (mut w, current, before) = begin_edit(svc, project_id, PROJECT_FIELD).await?;
    w.bump_version::<project::Entity>(project_id, expected_version, "project")
        .await?;
    let checked = checks::transaction("input.transaction", &tx)?;
    children::check_actors(&w, "input", &[], &[("input.transaction".to_owned(), &tx)]).await?;
    let count = project_transaction::Entity::find()
        .filter(project_transaction::Column::ProjectId.eq(project_id))
        .count(w.txn())
        .await?;
    limit("input.transaction", count, MAX_TRANSACTIONS, "transactions")?;
    let id = children::insert_transaction(&w, project_id, &checked).await?;
    let parties: Vec<i64> = tx.provider_id.into_iter().chain(tx.receiver_id).collect();
    let details = json!({ "fields": ["transactions"], "added": { "transaction": id } });
    log(&mut w, &current, before, &parties, details).await?;
    w.commit(project_id).await?;
    Ok(id)
}

/// Removes one of a project's transactions.
pub async fn remove_transaction(
    svc: &ServiceContext,
    project_id: i64,
    expected_version: i32,
    tx_id: i64,
) -> AppResult<()> {
    let (mut w, current, before) = begin_edit(svc, project_id, PROJECT_FIELD).await?;
    w.bump_version::<project::Entity>(project_id, expected_version, "project")
        .await?;
    let removed = project_transaction::Entity::delete_many()
        .filter(project_transaction::Column::Id.eq(tx_id))
        .filter(project_transaction::Column::ProjectId.eq(project_id))
        .exec(w.txn())
        .await?;
    if removed.rows_affected == 0 {
        return Err(AppError::bad_input(
            "input.transaction",
            "this project has no such transaction",
        ));
    }
    let details = json!({ "fields": ["transactions"], "removed": { "transaction": tx_id } });
    log(&mut w, &current, before, &[], details).await?;
    w.commit(project_id).await
}

/// A project holds at most `max` children of a kind.
fn limit(field: &str, count: u64, max: usize, what: &str) -> AppResult<()> {
    if usize::try_from(count).unwrap_or(usize::MAX) >= max {
        return Err(AppError::bad_input(
            field,
            format!("a project has at most {max} {what}"),
        ));
    }
    Ok(())
}

/// Logs the edit as PROJECT_UPDATED: the participants (and `extra` actors the edit concerns),
/// the locations and the circumscriptions of the project.
async fn log(
    w: &mut Writer<'_>,
    current: &project::Model,
    circumscriptions: Vec<i64>,
    extra: &[i64],
    details: Value,
) -> AppResult<()> {
    let entry = scope_entry(w, current, circumscriptions).await?;
    w.log(entry.actors(extra.iter().copied()).details(details));
    Ok(())
}
