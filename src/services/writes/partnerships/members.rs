//! A partnership's members and linked projects. Each change is an update of the partnership:
//! it carries the partnership's `expectedVersion`, bumps it, and is logged as
//! PARTNERSHIP_UPDATED. A member change recomputes the partnership's circumscriptions (its
//! members' seats) and keeps the member rule ([`super::checks::member_sides`]).

use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use serde_json::json;

use super::super::super::ServiceContext;
use super::super::super::write::is_unique_violation;
use super::edit::{self, Editing};
use super::{NewMember, checks};
use crate::domain::vocabulary::{ActivityKind, Side};
use crate::entities::{partnership_member, partnership_project};
use crate::error::{AppError, AppResult};

/// Adds an actor to a partnership (refused when it is already a member).
pub async fn add_member(
    svc: &ServiceContext,
    partnership_id: i64,
    expected_version: i32,
    member: NewMember,
) -> AppResult<()> {
    let role = checks::role("input.role", member.role.as_deref())?;
    let e = Editing::open(svc, partnership_id, expected_version).await?;
    e.require_active("input.partnership")?;
    super::super::actor(&e.w, member.actor_id, "input.actor").await?;
    if find_member(&e, member.actor_id).await?.is_some() {
        return Err(already_member());
    }
    let inserted = partnership_member::ActiveModel {
        partnership_id: Set(partnership_id),
        actor_id: Set(member.actor_id),
        side: Set(member.side),
        role: Set(role),
        ..Default::default()
    }
    .insert(e.w.txn())
    .await;
    match inserted {
        Ok(_) => {}
        Err(err) if is_unique_violation(&err) => return Err(already_member()),
        Err(err) => return Err(err.into()),
    }
    e.check_members(e.current.kind, "input.side").await?;
    let details = json!({ "fields": ["members"], "memberAdded": member.actor_id });
    let sensitivity = e.current.sensitivity;
    e.finish(
        ActivityKind::PartnershipUpdated,
        sensitivity,
        details,
        true,
        &[],
    )
    .await
}

/// Changes a member's side and/or role (`role: Some(None)` clears it).
pub async fn update_member(
    svc: &ServiceContext,
    partnership_id: i64,
    expected_version: i32,
    actor_id: i64,
    side: Option<Side>,
    role: Option<Option<String>>,
) -> AppResult<()> {
    if side.is_none() && role.is_none() {
        return Err(AppError::bad_input("input", "nothing to change"));
    }
    let role = role
        .map(|r| checks::role("input.role", r.as_deref()))
        .transpose()?;
    let e = Editing::open(svc, partnership_id, expected_version).await?;
    e.require_active("input.partnership")?;
    let found = find_member(&e, actor_id).await?.ok_or_else(not_member)?;
    let mut row: partnership_member::ActiveModel = found.into();
    let mut fields = Vec::new();
    if let Some(side) = side {
        row.side = Set(side);
        fields.push("side");
    }
    if let Some(role) = role {
        row.role = Set(role);
        fields.push("role");
    }
    row.update(e.w.txn()).await?;
    if side.is_some() {
        e.check_members(e.current.kind, "input.side").await?;
    }
    let details =
        json!({ "fields": ["members"], "memberUpdated": actor_id, "memberFields": fields });
    let sensitivity = e.current.sensitivity;
    e.finish(
        ActivityKind::PartnershipUpdated,
        sensitivity,
        details,
        false,
        &[],
    )
    .await
}

/// Removes an actor from a partnership (refused when fewer than two members would remain,
/// or a decentralised cooperation would lose its last French or Moroccan member).
pub async fn remove_member(
    svc: &ServiceContext,
    partnership_id: i64,
    expected_version: i32,
    actor_id: i64,
) -> AppResult<()> {
    let e = Editing::open(svc, partnership_id, expected_version).await?;
    e.require_active("input.partnership")?;
    let found = find_member(&e, actor_id).await?.ok_or_else(not_member)?;
    partnership_member::Entity::delete_by_id(found.id)
        .exec(e.w.txn())
        .await?;
    e.check_members(e.current.kind, "input.actor").await?;
    let details = json!({ "fields": ["members"], "memberRemoved": actor_id });
    let sensitivity = e.current.sensitivity;
    e.finish(
        ActivityKind::PartnershipUpdated,
        sensitivity,
        details,
        true,
        &[actor_id],
    )
    .await
}

/// Links a project carried out within the partnership.
pub async fn link_project(
    svc: &ServiceContext,
    partnership_id: i64,
    expected_version: i32,
    project_id: i64,
) -> AppResult<()> {
    let e = Editing::open(svc, partnership_id, expected_version).await?;
    e.require_active("input.partnership")?;
    edit::projects(&e.w, &[project_id], |_| "input.project".to_owned()).await?;
    if is_linked(&e, project_id).await? {
        return Err(AppError::bad_input(
            "input.project",
            "this project is already linked to the partnership",
        ));
    }
    partnership_project::Entity::insert(partnership_project::ActiveModel {
        partnership_id: Set(partnership_id),
        project_id: Set(project_id),
    })
    .exec_without_returning(e.w.txn())
    .await?;
    let details = json!({ "fields": ["projects"], "projectLinked": project_id });
    let sensitivity = e.current.sensitivity;
    e.finish(
        ActivityKind::PartnershipUpdated,
        sensitivity,
        details,
        false,
        &[],
    )
    .await
}

/// Unlinks a project from the partnership (the project itself is untouched).
pub async fn unlink_project(
    svc: &ServiceContext,
    partnership_id: i64,
    expected_version: i32,
    project_id: i64,
) -> AppResult<()> {
    let e = Editing::open(svc, partnership_id, expected_version).await?;
    e.require_active("input.partnership")?;
    if !is_linked(&e, project_id).await? {
        return Err(AppError::bad_input(
            "input.project",
            "this project is not linked to the partnership",
        ));
    }
    partnership_project::Entity::delete_many()
        .filter(partnership_project::Column::PartnershipId.eq(partnership_id))
        .filter(partnership_project::Column::ProjectId.eq(project_id))
        .exec(e.w.txn())
        .await?;
    let details = json!({ "fields": ["projects"], "projectUnlinked": project_id });
    let sensitivity = e.current.sensitivity;
    e.finish(
        ActivityKind::PartnershipUpdated,
        sensitivity,
        details,
        false,
        &[],
    )
    .await
}

async fn find_member(
    e: &Editing<'_>,
    actor_id: i64,
) -> AppResult<Option<partnership_member::Model>> {
    Ok(partnership_member::Entity::find()
        .filter(partnership_member::Column::PartnershipId.eq(e.id()))
        .filter(partnership_member::Column::ActorId.eq(actor_id))
        .one(e.w.txn())
        .await?)
}

async fn is_linked(e: &Editing<'_>, project_id: i64) -> AppResult<bool> {
    Ok(partnership_project::Entity::find()
        .filter(partnership_project::Column::PartnershipId.eq(e.id()))
        .filter(partnership_project::Column::ProjectId.eq(project_id))
        .count(e.w.txn())
        .await?
        > 0)
}

fn already_member() -> AppError {
    AppError::bad_input(
        "input.actor",
        "this actor is already a member of the partnership",
    )
}

fn not_member() -> AppError {
    AppError::bad_input(
        "input.actor",
        "this actor is not a member of the partnership",
    )
}
