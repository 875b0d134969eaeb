//! Partnerships: decentralised cooperation, institutional partnerships, network memberships
//! and MOUs between actors, with their themes and agreements. The lists nested under a
//! partnership, an actor or a project are in [`links`].

mod links;

pub use links::{
    count_members, count_memberships, count_partnerships_of_projects, count_projects, members,
    memberships, partnerships_of_projects, projects,
};

use std::collections::HashMap;

use chrono::NaiveDate;
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ColumnTrait, Condition, EntityTrait, PaginatorTrait, QueryFilter, Select};
use serde_json::json;

use super::pagination::{self, KeyKind, Page, PageRequest, SortKey};
use super::{ServiceContext, actors, linked, scope, territories};
use crate::auth::policy;
use crate::domain::vocabulary::{PartnershipKind, PartnershipStatus, RecordType, Theme};
use crate::entities::{actor, agreement, partnership, partnership_member, partnership_theme};
use crate::error::AppResult;

/// Which partnerships to list. Every criterion narrows the list; list criteria match any value.
#[derive(Debug, Clone, Default)]
pub struct PartnershipFilter {
    pub kinds: Vec<PartnershipKind>,
    pub statuses: Vec<PartnershipStatus>,
    pub themes: Vec<Theme>,
    /// A territory code: partnerships with a member seated in it or anywhere below it.
    pub territory: Option<String>,
    /// A circumscription code.
    pub circumscription: Option<String>,
    /// An actor id: partnerships that actor is a member of.
    pub actor: Option<i64>,
    /// In force on that day: `valid_from <= day` and (`valid_to` null or `>= day`).
    pub active_on: Option<NaiveDate>,
    /// `valid_from` on or after this day.
    pub starts_after: Option<NaiveDate>,
    /// `valid_from` on or before this day.
    pub starts_before: Option<NaiveDate>,
    pub search: Option<String>,
    pub include_archived: bool,
}

/// How to order partnerships.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PartnershipOrderField {
    /// By title (the folded search key, so accents and case do not matter).
    #[default]
    Title,
    /// By the start of validity; undated partnerships first when ascending.
    ValidFrom,
    CreatedAt,
}

#[derive(Debug, Clone, Copy, Default)]
pub struct PartnershipOrder {
    pub field: PartnershipOrderField,
    pub descending: bool,
}

/// The partnerships the viewer may see.
pub fn visible(svc: &ServiceContext) -> Select<partnership::Entity> {
    partnership::Entity::find().filter(policy::read_condition(
        &svc.viewer,
        RecordType::Partnership,
        partnership::Column::Sensitivity,
        partnership::Column::Id,
    ))
}

/// Partnerships with a member the viewer may see that satisfies `extra`.
fn with_member(svc: &ServiceContext, extra: Condition) -> Condition {
    linked::linked_to_visible_actor::<partnership_member::Entity, _>(
        svc,
        partnership::Column::Id,
        partnership_member::Column::PartnershipId,
        partnership_member::Column::ActorId,
        extra,
    )
}

async fn condition(svc: &ServiceContext, filter: &PartnershipFilter) -> AppResult<Condition> {
    let mut condition = Condition::all();
    if !filter.include_archived {
        condition = condition.add(partnership::Column::ArchivedAt.is_null());
    }
    if !filter.kinds.is_empty() {
        condition = condition.add(partnership::Column::Kind.is_in(filter.kinds.clone()));
    }
    if !filter.statuses.is_empty() {
        condition = condition.add(partnership::Column::Status.is_in(filter.statuses.clone()));
    }
    if !filter.themes.is_empty() {
        condition = condition.add(
            partnership::Column::Id.into_expr().in_subquery(
                Query::select()
                    .column(partnership_theme::Column::PartnershipId)
                    .from(partnership_theme::Entity)
                    .and_where(
                        Expr::col(partnership_theme::Column::Theme)
                            .is_in(filter.themes.iter().map(|t| t.as_str())),
                    )
                    .to_owned(),
            ),
        );
    }
    if let Some(code) = &filter.territory {
        let ids = territories::subtree_ids(svc, code, "filter.territory").await?;
        condition = condition.add(with_member(
            svc,
            Condition::all().add(actor::Column::SeatTerritoryId.is_in(ids)),
        ));
    }
    if let Some(code) = &filter.circumscription {
        condition = condition.add(scope::in_circumscription(
            partnership::Column::Id,
            RecordType::Partnership,
            code,
        ));
    }
    if let Some(actor_id) = filter.actor {
        condition = condition.add(with_member(
            svc,
            Condition::all().add(partnership_member::Column::ActorId.eq(actor_id)),
        ));
    }
    if let Some(day) = filter.active_on {
        condition = condition.add(partnership::Column::ValidFrom.lte(day)).add(
            Condition::any()
                .add(partnership::Column::ValidTo.is_null())
                .add(partnership::Column::ValidTo.gte(day)),
        );
    }
    if let Some(day) = filter.starts_after {
        condition = condition.add(partnership::Column::ValidFrom.gte(day));
    }
    if let Some(day) = filter.starts_before {
        condition = condition.add(partnership::Column::ValidFrom.lte(day));
    }
    if let Some(text) = &filter.search {
        condition = condition.add(actors::search_condition(
            partnership::Column::SearchKey,
            text,
        ));
    }
    Ok(condition)
}

fn sort_keys(order: PartnershipOrder) -> Vec<SortKey> {
    let direction = linked::direction(order.descending);
    let first = match order.field {
        PartnershipOrderField::Title => SortKey::new(
            partnership::Column::SearchKey,
            direction.clone(),
            KeyKind::Text,
        ),
        PartnershipOrderField::ValidFrom => {
            linked::date_key(partnership::Column::ValidFrom, direction.clone())
        }
        PartnershipOrderField::CreatedAt => SortKey::new(
            partnership::Column::CreatedAt,
            direction.clone(),
            KeyKind::Timestamp,
        ),
    };
    vec![
        first,
        SortKey::new(partnership::Column::Id, direction, KeyKind::Int),
    ]
}

fn cursor_of(order: PartnershipOrder) -> impl Fn(&partnership::Model) -> Vec<serde_json::Value> {
    move |p| {
        let first = match order.field {
            PartnershipOrderField::Title => json!(p.search_key),
            PartnershipOrderField::ValidFrom => linked::date_cursor(p.valid_from),
            PartnershipOrderField::CreatedAt => json!(pagination::timestamp_key(&p.created_at)),
        };
        vec![first, json!(p.id)]
    }
}

/// A page of the partnerships matching `filter`, as the viewer may see them.
pub async fn list(
    svc: &ServiceContext,
    filter: &PartnershipFilter,
    order: PartnershipOrder,
    page: &PageRequest,
) -> AppResult<Page<partnership::Model>> {
    let condition = condition(svc, filter).await?;
    let select = pagination::apply(visible(svc).filter(condition), &sort_keys(order), page)?;
    let rows = select.all(&svc.db.reader).await?;
    Ok(pagination::into_page(rows, page, cursor_of(order)))
}

/// How many partnerships match `filter`, as the viewer may see them.
pub async fn count(svc: &ServiceContext, filter: &PartnershipFilter) -> AppResult<u64> {
    let condition = condition(svc, filter).await?;
    Ok(visible(svc).filter(condition).count(&svc.db.reader).await?)
}

/// Partnerships by id (archived ones included), as the viewer may see them; for the
/// DataLoader.
pub async fn by_ids(
    svc: &ServiceContext,
    ids: &[i64],
) -> AppResult<HashMap<i64, partnership::Model>> {
    Ok(visible(svc)
        .filter(partnership::Column::Id.is_in(ids.iter().copied()))
        .all(&svc.db.reader)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect())
}

/// The themes of each partnership, in a stable order.
pub async fn themes_of(svc: &ServiceContext, ids: &[i64]) -> AppResult<HashMap<i64, Vec<Theme>>> {
    let rows = partnership_theme::Entity::find()
        .filter(partnership_theme::Column::PartnershipId.is_in(ids.iter().copied()))
        .all(&svc.db.reader)
        .await?;
    let mut grouped: HashMap<i64, Vec<Theme>> = ids.iter().map(|id| (*id, Vec::new())).collect();
    for row in rows {
        grouped
            .entry(row.partnership_id)
            .or_default()
            .push(row.theme);
    }
    for themes in grouped.values_mut() {
        themes.sort_by_key(|t| t.as_str());
    }
    Ok(grouped)
}

/// The agreements of each partnership, oldest signature first (undated last), then by id.
pub async fn agreements_of(
    svc: &ServiceContext,
    ids: &[i64],
) -> AppResult<HashMap<i64, Vec<agreement::Model>>> {
    let rows = agreement::Entity::find()
        .filter(agreement::Column::PartnershipId.is_in(ids.iter().copied()))
        .all(&svc.db.reader)
        .await?;
    let mut grouped: HashMap<i64, Vec<agreement::Model>> =
        ids.iter().map(|id| (*id, Vec::new())).collect();
    for row in rows {
        grouped.entry(row.partnership_id).or_default().push(row);
    }
    for agreements in grouped.values_mut() {
        agreements.sort_by_key(|a| (a.signed_on.is_none(), a.signed_on, a.id));
    }
    Ok(grouped)
}

/// The circumscriptions each partnership belongs to (through its members' seats).
pub async fn circumscriptions_of(
    svc: &ServiceContext,
    ids: &[i64],
) -> AppResult<HashMap<i64, Vec<i64>>> {
    scope::circumscriptions_of_records(&svc.db.reader, RecordType::Partnership, ids).await
}
