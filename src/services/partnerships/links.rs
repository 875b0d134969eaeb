//! Lists nested under partnerships, actors and projects, each taken for many parents in one
//! statement (see [`crate::services::nested`]). Every list carries the visibility of its
//! other end, so an edge to a record the viewer may not see is neither listed nor counted;
//! archived records are left out of these lists too.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect, QueryTrait, Select};
use serde_json::json;

use super::visible;
use crate::auth::policy;
use crate::domain::vocabulary::RecordType;
use crate::entities::{actor, partnership, partnership_member, partnership_project, project};
use crate::error::AppResult;
use crate::services::nested::{self, NestedList, NestedPage};
use crate::services::pagination::{KeyKind, Page, SortKey};
use crate::services::{ServiceContext, projects as project_service};

/// Member rows whose actor the viewer may see (and is not archived).
fn listed_members(svc: &ServiceContext) -> Select<partnership_member::Entity> {
    partnership_member::Entity::find()
        .inner_join(actor::Entity)
        .filter(policy::read_condition(
            &svc.viewer,
            RecordType::Actor,
            actor::Column::Sensitivity,
            actor::Column::Id,
        ))
        .filter(actor::Column::ArchivedAt.is_null())
}

/// Member rows whose partnership the viewer may see (and is not archived).
fn listed_memberships(svc: &ServiceContext) -> Select<partnership_member::Entity> {
    partnership_member::Entity::find()
        .inner_join(partnership::Entity)
        .filter(visible_partnership(svc))
        .filter(partnership::Column::ArchivedAt.is_null())
}

fn visible_partnership(svc: &ServiceContext) -> sea_orm::Condition {
    policy::read_condition(
        &svc.viewer,
        RecordType::Partnership,
        partnership::Column::Sensitivity,
        partnership::Column::Id,
    )
}

/// Partnership–project rows whose project the viewer may see (and is not archived).
fn listed_projects(svc: &ServiceContext) -> Select<partnership_project::Entity> {
    let visible_projects = project_service::visible(svc)
        .select_only()
        .column(project::Column::Id)
        .filter(project::Column::ArchivedAt.is_null())
        .into_query();
    partnership_project::Entity::find()
        .filter(partnership_project::Column::ProjectId.in_subquery(visible_projects))
}

/// Partnership–project rows whose partnership the viewer may see (and is not archived).
fn listed_partnerships(svc: &ServiceContext) -> Select<partnership_project::Entity> {
    let visible_partnerships = visible(svc)
        .select_only()
        .column(partnership::Column::Id)
        .filter(partnership::Column::ArchivedAt.is_null())
        .into_query();
    partnership_project::Entity::find()
        .filter(partnership_project::Column::PartnershipId.in_subquery(visible_partnerships))
}

/// A page of members under each partnership: French side first, then Moroccan, then other,
/// each in the order they were recorded.
pub async fn members(
    svc: &ServiceContext,
    partnerships: &[i64],
    page: &NestedPage,
) -> AppResult<HashMap<i64, Page<partnership_member::Model>>> {
    let list = NestedList {
        select: listed_members(svc),
        parent: partnership_member::Column::PartnershipId,
        keys: vec![
            SortKey::asc(partnership_member::Column::Side, KeyKind::Text),
            SortKey::asc(partnership_member::Column::Id, KeyKind::Int),
        ],
        parent_of: |m| m.partnership_id,
        cursor_of: |m| vec![json!(m.side.as_str()), json!(m.id)],
    };
    nested::page_per_parent(&svc.db.reader, list, partnerships, page).await
}

/// How many members each partnership has, as the viewer may see them.
pub async fn count_members(
    svc: &ServiceContext,
    partnerships: &[i64],
) -> AppResult<HashMap<i64, u64>> {
    nested::count_per_parent(
        &svc.db.reader,
        listed_members(svc),
        partnership_member::Column::PartnershipId,
        partnerships,
    )
    .await
}

/// A page of memberships under each actor, in the order they were recorded.
pub async fn memberships(
    svc: &ServiceContext,
    actors: &[i64],
    page: &NestedPage,
) -> AppResult<HashMap<i64, Page<partnership_member::Model>>> {
    let list = NestedList {
        select: listed_memberships(svc),
        parent: partnership_member::Column::ActorId,
        keys: vec![SortKey::asc(partnership_member::Column::Id, KeyKind::Int)],
        parent_of: |m| m.actor_id,
        cursor_of: |m| vec![json!(m.id)],
    };
    nested::page_per_parent(&svc.db.reader, list, actors, page).await
}

/// How many partnerships each actor is a member of, as the viewer may see them.
pub async fn count_memberships(
    svc: &ServiceContext,
    actors: &[i64],
) -> AppResult<HashMap<i64, u64>> {
    nested::count_per_parent(
        &svc.db.reader,
        listed_memberships(svc),
        partnership_member::Column::ActorId,
        actors,
    )
    .await
}

/// A page of project links under each partnership, by project id.
pub async fn projects(
    svc: &ServiceContext,
    partnerships: &[i64],
    page: &NestedPage,
) -> AppResult<HashMap<i64, Page<partnership_project::Model>>> {
    let list = NestedList {
        select: listed_projects(svc),
        parent: partnership_project::Column::PartnershipId,
        keys: vec![SortKey::asc(
            partnership_project::Column::ProjectId,
            KeyKind::Int,
        )],
        parent_of: |l| l.partnership_id,
        cursor_of: |l| vec![json!(l.project_id)],
    };
    nested::page_per_parent(&svc.db.reader, list, partnerships, page).await
}

/// How many projects each partnership carries, as the viewer may see them.
pub async fn count_projects(
    svc: &ServiceContext,
    partnerships: &[i64],
) -> AppResult<HashMap<i64, u64>> {
    nested::count_per_parent(
        &svc.db.reader,
        listed_projects(svc),
        partnership_project::Column::PartnershipId,
        partnerships,
    )
    .await
}

/// A page of partnership links under each project, by partnership id.
pub async fn partnerships_of_projects(
    svc: &ServiceContext,
    projects: &[i64],
    page: &NestedPage,
) -> AppResult<HashMap<i64, Page<partnership_project::Model>>> {
    let list = NestedList {
        select: listed_partnerships(svc),
        parent: partnership_project::Column::ProjectId,
        keys: vec![SortKey::asc(
            partnership_project::Column::PartnershipId,
            KeyKind::Int,
        )],
        parent_of: |l| l.project_id,
        cursor_of: |l| vec![json!(l.partnership_id)],
    };
    nested::page_per_parent(&svc.db.reader, list, projects, page).await
}

/// How many partnerships each project is carried by, as the viewer may see them.
pub async fn count_partnerships_of_projects(
    svc: &ServiceContext,
    projects: &[i64],
) -> AppResult<HashMap<i64, u64>> {
    nested::count_per_parent(
        &svc.db.reader,
        listed_partnerships(svc),
        partnership_project::Column::ProjectId,
        projects,
    )
    .await
}
