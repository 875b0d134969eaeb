//! Who takes part in which project, with which role — read from both ends: an actor's
//! projects and a project's participants, each page nested under many parents at once.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, Select};
use serde_json::json;

use super::ServiceContext;
use super::nested::{self, NestedList, NestedPage};
use super::pagination::{KeyKind, Page, SortKey};
use crate::auth::policy;
use crate::domain::vocabulary::{ParticipantRole, RecordType};
use crate::entities::{actor, project, project_participant};
use crate::error::AppResult;

/// Participations whose project the viewer may see (and that is not archived).
fn with_visible_project(
    svc: &ServiceContext,
    role: Option<ParticipantRole>,
) -> Select<project_participant::Entity> {
    let mut select = project_participant::Entity::find()
        .inner_join(project::Entity)
        .filter(policy::read_condition(
            &svc.viewer,
            RecordType::Project,
            project::Column::Sensitivity,
            project::Column::Id,
        ))
        .filter(project::Column::ArchivedAt.is_null());
    if let Some(role) = role {
        select = select.filter(project_participant::Column::Role.eq(role));
    }
    select
}

/// Participations whose actor the viewer may see (and that is not archived).
fn with_visible_actor(
    svc: &ServiceContext,
    role: Option<ParticipantRole>,
) -> Select<project_participant::Entity> {
    let mut select = project_participant::Entity::find()
        .inner_join(actor::Entity)
        .filter(policy::read_condition(
            &svc.viewer,
            RecordType::Actor,
            actor::Column::Sensitivity,
            actor::Column::Id,
        ))
        .filter(actor::Column::ArchivedAt.is_null());
    if let Some(role) = role {
        select = select.filter(project_participant::Column::Role.eq(role));
    }
    select
}

fn cursor(p: &project_participant::Model) -> Vec<serde_json::Value> {
    vec![json!(p.project_id), json!(p.actor_id), json!(p.id)]
}

/// Ordered by project, then actor: stable, and the same on both databases.
fn keys() -> Vec<SortKey> {
    vec![
        SortKey::asc(project_participant::Column::ProjectId, KeyKind::Int),
        SortKey::asc(project_participant::Column::ActorId, KeyKind::Int),
        SortKey::asc(project_participant::Column::Id, KeyKind::Int),
    ]
}

/// A page of each actor's participations in projects the viewer may see.
pub async fn of_actors(
    svc: &ServiceContext,
    actors: &[i64],
    role: Option<ParticipantRole>,
    page: &NestedPage,
) -> AppResult<HashMap<i64, Page<project_participant::Model>>> {
    let list = NestedList {
        select: with_visible_project(svc, role),
        parent: project_participant::Column::ActorId,
        keys: keys(),
        parent_of: |p| p.actor_id,
        cursor_of: cursor,
    };
    nested::page_per_parent(&svc.db.reader, list, actors, page).await
}

/// How many participations each actor has in projects the viewer may see.
pub async fn count_of_actors(
    svc: &ServiceContext,
    actors: &[i64],
    role: Option<ParticipantRole>,
) -> AppResult<HashMap<i64, u64>> {
    nested::count_per_parent(
        &svc.db.reader,
        with_visible_project(svc, role),
        project_participant::Column::ActorId,
        actors,
    )
    .await
}

/// A page of each project's participants the viewer may see.
pub async fn of_projects(
    svc: &ServiceContext,
    projects: &[i64],
    role: Option<ParticipantRole>,
    page: &NestedPage,
) -> AppResult<HashMap<i64, Page<project_participant::Model>>> {
    let list = NestedList {
        select: with_visible_actor(svc, role),
        parent: project_participant::Column::ProjectId,
        keys: keys(),
        parent_of: |p| p.project_id,
        cursor_of: cursor,
    };
    nested::page_per_parent(&svc.db.reader, list, projects, page).await
}

/// How many participants of each project the viewer may see.
pub async fn count_of_projects(
    svc: &ServiceContext,
    projects: &[i64],
    role: Option<ParticipantRole>,
) -> AppResult<HashMap<i64, u64>> {
    nested::count_per_parent(
        &svc.db.reader,
        with_visible_actor(svc, role),
        project_participant::Column::ProjectId,
        projects,
    )
    .await
}
