//! Creating a project with its children inside a transaction that is already open — the body
//! of `createProject`, and what other services call to create a project in their own
//! transaction (a selected application becoming a project).

use sea_orm::{ActiveModelTrait, Set};
use serde_json::json;

use super::checks;
use super::children::{self, Lists};
use super::fields;
use super::input::{NewProject, ProjectPatch};
use crate::auth::policy::{self, WriteScope};
use crate::domain::vocabulary::{ActivityKind, RecordType, Sensitivity};
use crate::entities::project;
use crate::error::AppResult;
use crate::services::scope;
use crate::services::write::{Entry, Writer, is_unique_violation};

/// Validates `new`, checks the viewer may write a project where it will be, inserts it with
/// its children, records its circumscriptions and logs PROJECT_CREATED — without beginning or
/// committing: the caller's transaction decides. Errors name the input path under `input`.
/// Answers the new project's id.
pub async fn insert_project(w: &mut Writer<'_>, new: &NewProject) -> AppResult<i64> {
    insert_project_at(w, new, "input").await
}

/// Like [`insert_project`], with errors naming fields under `prefix` (`input.project` when a
/// mutation nests the project's input).
pub async fn insert_project_at(
    w: &mut Writer<'_>,
    new: &NewProject,
    prefix: &str,
) -> AppResult<i64> {
    let p = prefix;
    let patch = ProjectPatch::from_new(new);
    let mut row = project::ActiveModel {
        version: Set(1),
        created_at: Set(w.now()),
        created_by: Set(w.author()),
        updated_at: Set(w.now()),
        updated_by: Set(w.author()),
        archived_at: Set(None),
        ..Default::default()
    };
    fields::apply(w, &mut row, &patch, p, None).await?;
    let lists: Lists = children::checked_lists(w, &patch, p).await?;
    checks::participants(p, &new.participants)?;
    let budget_lines = checks::budget_lines(p, &new.budget_lines)?;
    let transactions = checks::transactions(p, &new.transactions)?;
    let named: Vec<(String, &_)> = new
        .transactions
        .iter()
        .enumerate()
        .map(|(i, tx)| (format!("{p}.transactions[{i}]"), tx))
        .collect();
    children::check_actors(w, p, &new.participants, &named).await?;

    // Where the project will be decides whether the viewer may create it.
    let territories = lists.locations.clone().unwrap_or_default();
    let actors: Vec<i64> = new.participants.iter().map(|n| n.actor_id).collect();
    let planned = scope::circumscriptions_of(w.txn(), &territories).await?;
    policy::may_write(
        &w.svc().viewer,
        RecordType::Project,
        &WriteScope {
            circumscriptions: planned,
            actors: actors.clone(),
        },
    )?;

    let sensitivity = new.sensitivity.unwrap_or(Sensitivity::Internal);
    let created = match row.insert(w.txn()).await {
        Ok(created) => created,
        // A concurrent create took the identifier between our check and our insert.
        Err(err) if is_unique_violation(&err) => {
            return Err(fields::duplicate_identifier(&format!("{p}.iatiIdentifier")));
        }
        Err(err) => return Err(err.into()),
    };
    let id = created.id;
    children::replace_lists(w, id, &lists).await?;
    children::insert_participants(w, id, &new.participants).await?;
    children::insert_budget_lines(w, id, &budget_lines).await?;
    children::insert_transactions(w, id, &transactions).await?;
    let (territories, circumscriptions) =
        scope::recompute(w.txn(), RecordType::Project, id).await?;
    w.log(
        Entry::new(
            ActivityKind::ProjectCreated,
            RecordType::Project,
            id,
            sensitivity,
        )
        .actors(actors)
        .territories(territories)
        .circumscriptions(circumscriptions)
        .details(json!({
            "pillar": created.pillar,
            "instrument": created.instrument,
            "origin": created.origin,
        })),
    );
    Ok(id)
}
