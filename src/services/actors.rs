//! Actors: the organisations of the network, of every kind.

use std::collections::HashMap;

use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ColumnTrait, Condition, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Select,
};
use serde_json::json;

use super::pagination::{self, KeyKind, Page, PageRequest, SortKey};
use super::{ServiceContext, linked, scope, territories};
use crate::auth::policy;
use crate::domain::vocabulary::{ActorKind, Country, RecordType, Theme};
use crate::entities::{actor, actor_theme};
use crate::error::AppResult;
use crate::search;

/// Which actors to list. Every criterion narrows the list; list criteria match any value.
#[derive(Debug, Clone, Default)]
pub struct ActorFilter {
    pub kinds: Vec<ActorKind>,
    pub countries: Vec<Country>,
    /// A territory code: actors seated in it or in any territory below it.
    pub territory: Option<String>,
    /// A circumscription code.
    pub circumscription: Option<String>,
    pub themes: Vec<Theme>,
    pub search: Option<String>,
    pub include_archived: bool,
}

/// How to order actors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ActorOrderField {
    /// By name (the folded French name, so accents and case do not matter).
    #[default]
    Name,
    CreatedAt,
    UpdatedAt,
}

#[derive(Debug, Clone, Copy, Default)]
pub struct ActorOrder {
    pub field: ActorOrderField,
    pub descending: bool,
}

/// The actors the viewer may see.
pub fn visible(svc: &ServiceContext) -> Select<actor::Entity> {
    actor::Entity::find().filter(policy::read_condition(
        &svc.viewer,
        RecordType::Actor,
        actor::Column::Sensitivity,
        actor::Column::Id,
    ))
}

async fn condition(svc: &ServiceContext, filter: &ActorFilter) -> AppResult<Condition> {
    let mut condition = Condition::all();
    if !filter.include_archived {
        condition = condition.add(actor::Column::ArchivedAt.is_null());
    }
    if !filter.kinds.is_empty() {
        condition = condition.add(actor::Column::Kind.is_in(filter.kinds.clone()));
    }
    if !filter.countries.is_empty() {
        condition = condition.add(actor::Column::Country.is_in(filter.countries.clone()));
    }
    if let Some(code) = &filter.territory {
        let ids = territories::subtree_ids(svc, code, "filter.territory").await?;
        condition = condition.add(actor::Column::SeatTerritoryId.is_in(ids));
    }
    if let Some(code) = &filter.circumscription {
        condition = condition.add(scope::in_circumscription(
            actor::Column::Id,
            RecordType::Actor,
            code,
        ));
    }
    if !filter.themes.is_empty() {
        condition = condition.add(
            actor::Column::Id.into_expr().in_subquery(
                Query::select()
                    .column(actor_theme::Column::ActorId)
                    .from(actor_theme::Entity)
                    .and_where(
                        Expr::col(actor_theme::Column::Theme)
                            .is_in(filter.themes.iter().map(|t| t.as_str())),
                    )
                    .to_owned(),
            ),
        );
    }
    if let Some(text) = &filter.search {
        condition = condition.add(search_condition(actor::Column::SearchKey, text));
    }
    Ok(condition)
}

/// `search_key LIKE` any of the query's patterns; a query that folds to nothing matches all.
pub fn search_condition<C: ColumnTrait>(column: C, text: &str) -> Condition {
    match search::query_patterns(text) {
        None => Condition::all(),
        Some(patterns) => patterns.into_iter().fold(Condition::any(), |any, pattern| {
            any.add(column.like(pattern))
        }),
    }
}

fn sort_keys(order: ActorOrder) -> Vec<SortKey> {
    let direction = linked::direction(order.descending);
    let (column, kind) = match order.field {
        ActorOrderField::Name => (actor::Column::SearchKey, KeyKind::Text),
        ActorOrderField::CreatedAt => (actor::Column::CreatedAt, KeyKind::Timestamp),
        ActorOrderField::UpdatedAt => (actor::Column::UpdatedAt, KeyKind::Timestamp),
    };
    vec![
        SortKey::new(column, direction.clone(), kind),
        SortKey::new(actor::Column::Id, direction, KeyKind::Int),
    ]
}

fn cursor_of(order: ActorOrder) -> impl Fn(&actor::Model) -> Vec<serde_json::Value> {
    move |a| {
        let first = match order.field {
            ActorOrderField::Name => json!(a.search_key),
            ActorOrderField::CreatedAt => json!(pagination::timestamp_key(&a.created_at)),
            ActorOrderField::UpdatedAt => json!(pagination::timestamp_key(&a.updated_at)),
        };
        vec![first, json!(a.id)]
    }
}

/// A page of the actors matching `filter`, as the viewer may see them.
pub async fn list(
    svc: &ServiceContext,
    filter: &ActorFilter,
    order: ActorOrder,
    page: &PageRequest,
) -> AppResult<Page<actor::Model>> {
    let condition = condition(svc, filter).await?;
    let select = pagination::apply(visible(svc).filter(condition), &sort_keys(order), page)?;
    let rows = select.all(&svc.db.reader).await?;
    Ok(pagination::into_page(rows, page, cursor_of(order)))
}

/// How many actors match `filter`, as the viewer may see them.
pub async fn count(svc: &ServiceContext, filter: &ActorFilter) -> AppResult<u64> {
    let condition = condition(svc, filter).await?;
    Ok(visible(svc).filter(condition).count(&svc.db.reader).await?)
}

/// Actors by id (archived ones included), as the viewer may see them; for the DataLoader.
pub async fn by_ids(svc: &ServiceContext, ids: &[i64]) -> AppResult<HashMap<i64, actor::Model>> {
    Ok(visible(svc)
        .filter(actor::Column::Id.is_in(ids.iter().copied()))
        .all(&svc.db.reader)
        .await?
        .into_iter()
        .map(|a| (a.id, a))
        .collect())
}

/// The themes of each actor.
pub async fn themes_of(svc: &ServiceContext, ids: &[i64]) -> AppResult<HashMap<i64, Vec<Theme>>> {
    let rows = actor_theme::Entity::find()
        .filter(actor_theme::Column::ActorId.is_in(ids.iter().copied()))
        .all(&svc.db.reader)
        .await?;
    let mut grouped: HashMap<i64, Vec<Theme>> = ids.iter().map(|id| (*id, Vec::new())).collect();
    for row in rows {
        grouped.entry(row.actor_id).or_default().push(row.theme);
    }
    for themes in grouped.values_mut() {
        themes.sort_by_key(|t| t.as_str());
    }
    Ok(grouped)
}

/// The circumscriptions each actor belongs to (through its seat).
pub async fn circumscriptions_of(
    svc: &ServiceContext,
    ids: &[i64],
) -> AppResult<HashMap<i64, Vec<i64>>> {
    scope::circumscriptions_of_records(&svc.db.reader, RecordType::Actor, ids).await
}

/// The Institut français sites of each circumscription (visible ones, by name): two queries,
/// whatever the number of circumscriptions.
pub async fn institutes_of(
    svc: &ServiceContext,
    circumscriptions: &[i64],
) -> AppResult<HashMap<i64, Vec<actor::Model>>> {
    use crate::entities::record_circumscription as rc;
    let in_circumscriptions = Query::select()
        .column(rc::Column::RecordId)
        .from(rc::Entity)
        .and_where(Expr::col(rc::Column::RecordType).eq(RecordType::Actor.as_str()))
        .and_where(Expr::col(rc::Column::CircumscriptionId).is_in(circumscriptions.iter().copied()))
        .to_owned();
    let sites = visible(svc)
        .filter(actor::Column::Kind.eq(ActorKind::InstitutFrancais))
        .filter(actor::Column::ArchivedAt.is_null())
        .filter(
            actor::Column::Id
                .into_expr()
                .in_subquery(in_circumscriptions),
        )
        .order_by_asc(actor::Column::SearchKey)
        .order_by_asc(actor::Column::Id)
        .all(&svc.db.reader)
        .await?;
    let ids: Vec<i64> = sites.iter().map(|a| a.id).collect();
    let circs_of =
        scope::circumscriptions_of_records(&svc.db.reader, RecordType::Actor, &ids).await?;
    let mut grouped: HashMap<i64, Vec<actor::Model>> =
        circumscriptions.iter().map(|c| (*c, Vec::new())).collect();
    for site in sites {
        for circ in circs_of.get(&site.id).into_iter().flatten() {
            if let Some(list) = grouped.get_mut(circ) {
                list.push(site.clone());
            }
        }
    }
    Ok(grouped)
}

/// The consulate general serving each circumscription, if visible.
pub async fn consulates_of(
    svc: &ServiceContext,
    circumscriptions: &[i64],
) -> AppResult<HashMap<i64, actor::Model>> {
    Ok(visible(svc)
        .filter(actor::Column::Kind.eq(ActorKind::Consulate))
        .filter(actor::Column::CircumscriptionId.is_in(circumscriptions.iter().copied()))
        .all(&svc.db.reader)
        .await?
        .into_iter()
        .filter_map(|a| a.circumscription_id.map(|c| (c, a)))
        .collect())
}
