//! Applications to calls for proposals: their applicants, their place under a call, an
//! actor or a project. The evaluation they carry is restricted; the GraphQL layer shows it
//! only where the policy allows (see `policy::can_read`).

use std::collections::HashMap;

use sea_orm::{ColumnTrait, EntityTrait, Order, QueryFilter, QueryOrder, Select};
use serde_json::json;

use super::nested::{self, NestedList, NestedPage};
use super::pagination::{KeyKind, Page, SortKey};
use super::{ServiceContext, scope};
use crate::auth::policy;
use crate::domain::vocabulary::{ApplicationStatus, RecordType};
use crate::entities::{actor, application, application_applicant};
use crate::error::AppResult;

/// The arguments that shape a call's list of applications (a DataLoader key part).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ApplicationListArgs {
    pub status: Option<ApplicationStatus>,
    pub page: NestedPage,
}

/// The applications the viewer may see.
pub fn visible(svc: &ServiceContext) -> Select<application::Entity> {
    application::Entity::find().filter(policy::read_condition(
        &svc.viewer,
        RecordType::Application,
        application::Column::Sensitivity,
        application::Column::Id,
    ))
}

fn with_status(
    select: Select<application::Entity>,
    status: Option<ApplicationStatus>,
) -> Select<application::Entity> {
    match status {
        Some(status) => select.filter(application::Column::Status.eq(status)),
        None => select,
    }
}

/// Applications by id, as the viewer may see them; for the DataLoader.
pub async fn by_ids(
    svc: &ServiceContext,
    ids: &[i64],
) -> AppResult<HashMap<i64, application::Model>> {
    Ok(visible(svc)
        .filter(application::Column::Id.is_in(ids.iter().copied()))
        .all(&svc.db.reader)
        .await?
        .into_iter()
        .map(|a| (a.id, a))
        .collect())
}

/// The applicants of each application that the viewer may see (archived actors included: who
/// applied stays a fact), ordered by name, in one statement.
pub async fn applicants_of(
    svc: &ServiceContext,
    ids: &[i64],
) -> AppResult<HashMap<i64, Vec<actor::Model>>> {
    let rows = application_applicant::Entity::find()
        .find_also_related(actor::Entity)
        .filter(application_applicant::Column::ApplicationId.is_in(ids.iter().copied()))
        .filter(policy::read_condition(
            &svc.viewer,
            RecordType::Actor,
            actor::Column::Sensitivity,
            actor::Column::Id,
        ))
        .order_by(actor::Column::SearchKey, Order::Asc)
        .order_by(actor::Column::Id, Order::Asc)
        .all(&svc.db.reader)
        .await?;
    let mut grouped: HashMap<i64, Vec<actor::Model>> =
        ids.iter().map(|id| (*id, Vec::new())).collect();
    for (link, found) in rows {
        if let Some(found) = found {
            grouped.entry(link.application_id).or_default().push(found);
        }
    }
    Ok(grouped)
}

/// The circumscriptions each application belongs to (through its applicants' seats).
pub async fn circumscriptions_of(
    svc: &ServiceContext,
    ids: &[i64],
) -> AppResult<HashMap<i64, Vec<i64>>> {
    scope::circumscriptions_of_records(&svc.db.reader, RecordType::Application, ids).await
}

fn by_id_keys() -> Vec<SortKey> {
    vec![SortKey::asc(application::Column::Id, KeyKind::Int)]
}

fn id_cursor(a: &application::Model) -> Vec<serde_json::Value> {
    vec![json!(a.id)]
}

fn call_of(a: &application::Model) -> i64 {
    a.call_id
}

/// A page of the visible applications to each call (in the order they were recorded), in one
/// statement.
pub async fn per_call(
    svc: &ServiceContext,
    call_ids: &[i64],
    args: &ApplicationListArgs,
) -> AppResult<HashMap<i64, Page<application::Model>>> {
    let list = NestedList {
        select: with_status(visible(svc), args.status),
        parent: application::Column::CallId,
        keys: by_id_keys(),
        parent_of: call_of,
        cursor_of: id_cursor,
    };
    nested::page_per_parent(&svc.db.reader, list, call_ids, &args.page).await
}

/// How many visible applications each call has (with `status`, if given), in one statement.
pub async fn count_per_call(
    svc: &ServiceContext,
    call_ids: &[i64],
    status: &Option<ApplicationStatus>,
) -> AppResult<HashMap<i64, u64>> {
    nested::count_per_parent(
        &svc.db.reader,
        with_status(visible(svc), *status),
        application::Column::CallId,
        call_ids,
    )
    .await
}

/// Links from actors to the applications the viewer may see.
fn visible_links(svc: &ServiceContext) -> Select<application_applicant::Entity> {
    application_applicant::Entity::find()
        .inner_join(application::Entity)
        .filter(policy::read_condition(
            &svc.viewer,
            RecordType::Application,
            application::Column::Sensitivity,
            application::Column::Id,
        ))
}

fn link_cursor(link: &application_applicant::Model) -> Vec<serde_json::Value> {
    vec![json!(link.application_id)]
}

fn actor_of(link: &application_applicant::Model) -> i64 {
    link.actor_id
}

/// A page of the visible applications each actor is an applicant of (in the order they were
/// recorded): one statement for the pages of links, one for the applications.
pub async fn per_actor(
    svc: &ServiceContext,
    actor_ids: &[i64],
    page: &NestedPage,
) -> AppResult<HashMap<i64, Page<application::Model>>> {
    let list = NestedList {
        select: visible_links(svc),
        parent: application_applicant::Column::ActorId,
        keys: vec![SortKey::asc(
            application_applicant::Column::ApplicationId,
            KeyKind::Int,
        )],
        parent_of: actor_of,
        cursor_of: link_cursor,
    };
    let pages = nested::page_per_parent(&svc.db.reader, list, actor_ids, page).await?;
    let mut wanted: Vec<i64> = pages
        .values()
        .flat_map(|p| p.items.iter().map(|(_, link)| link.application_id))
        .collect();
    wanted.sort_unstable();
    wanted.dedup();
    let found = if wanted.is_empty() {
        HashMap::new()
    } else {
        by_ids(svc, &wanted).await?
    };
    Ok(pages
        .into_iter()
        .map(|(actor_id, page)| {
            let items = page
                .items
                .into_iter()
                .filter_map(|(cursor, link)| {
                    // Cloned, not removed: two actors of one batch may share an application.
                    found.get(&link.application_id).map(|a| (cursor, a.clone()))
                })
                .collect();
            let page = Page {
                items,
                has_next: page.has_next,
                has_previous: page.has_previous,
            };
            (actor_id, page)
        })
        .collect())
}

/// How many visible applications each actor is an applicant of, in one statement.
pub async fn count_per_actor(
    svc: &ServiceContext,
    actor_ids: &[i64],
) -> AppResult<HashMap<i64, u64>> {
    nested::count_per_parent(
        &svc.db.reader,
        visible_links(svc),
        application_applicant::Column::ActorId,
        actor_ids,
    )
    .await
}

/// The visible application each project came from (the earliest, should there be several).
pub async fn of_projects(
    svc: &ServiceContext,
    project_ids: &[i64],
) -> AppResult<HashMap<i64, application::Model>> {
    let rows = visible(svc)
        .filter(application::Column::ProjectId.is_in(project_ids.iter().copied()))
        .order_by(application::Column::Id, Order::Desc)
        .all(&svc.db.reader)
        .await?;
    // Ordered newest first, so the earliest is inserted last and wins.
    Ok(rows
        .into_iter()
        .filter_map(|a| a.project_id.map(|p| (p, a)))
        .collect())
}
