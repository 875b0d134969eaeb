//! Expertise exchanges: missions, invitations, training grants, study visits and twinnings,
//! between provider and beneficiary actors. Named participants (personal data) are not read
//! here. The lists nested under an actor or a project are in [`links`].

mod links;

pub use links::{count_of_actors, count_of_projects, of_actors, of_projects, parties_of};

use std::collections::HashMap;

use chrono::NaiveDate;
use sea_orm::{ColumnTrait, Condition, EntityTrait, PaginatorTrait, QueryFilter, Select};
use serde_json::json;

use super::pagination::{self, KeyKind, Page, PageRequest, SortKey};
use super::{ServiceContext, actors, linked, scope, territories};
use crate::auth::policy;
use crate::domain::vocabulary::{ExchangeKind, ExchangePartySide, Instrument, RecordType, Theme};
use crate::entities::{actor, exchange, exchange_party};
use crate::error::AppResult;

/// Which exchanges to list. Every criterion narrows the list; list criteria match any value.
#[derive(Debug, Clone, Default)]
pub struct ExchangeFilter {
    pub kinds: Vec<ExchangeKind>,
    pub instruments: Vec<Instrument>,
    pub themes: Vec<Theme>,
    /// DAC 5-digit purpose codes, matched exactly.
    pub dac_codes: Vec<String>,
    /// A territory code: exchanges with a beneficiary seated in it or anywhere below it.
    pub territory: Option<String>,
    /// A circumscription code.
    pub circumscription: Option<String>,
    /// An actor id: exchanges that actor takes part in (on `side`, if given).
    pub actor: Option<i64>,
    /// Exchanges with a party on this side (the `actor`'s side, when one is given).
    pub side: Option<ExchangePartySide>,
    /// A project id: exchanges of that project.
    pub project: Option<i64>,
    /// `starts_on` on or after this day.
    pub starts_after: Option<NaiveDate>,
    /// `starts_on` on or before this day.
    pub starts_before: Option<NaiveDate>,
    pub search: Option<String>,
    pub include_archived: bool,
}

/// How to order exchanges.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ExchangeOrderField {
    /// By start date; undated exchanges first when ascending.
    #[default]
    StartsOn,
    /// By title (the folded search key).
    Title,
    CreatedAt,
}

#[derive(Debug, Clone, Copy, Default)]
pub struct ExchangeOrder {
    pub field: ExchangeOrderField,
    pub descending: bool,
}

/// The exchanges the viewer may see.
pub fn visible(svc: &ServiceContext) -> Select<exchange::Entity> {
    exchange::Entity::find().filter(policy::read_condition(
        &svc.viewer,
        RecordType::Exchange,
        exchange::Column::Sensitivity,
        exchange::Column::Id,
    ))
}

/// Exchanges with a party the viewer may see that satisfies `extra`.
fn with_party(svc: &ServiceContext, extra: Condition) -> Condition {
    linked::linked_to_visible_actor::<exchange_party::Entity, _>(
        svc,
        exchange::Column::Id,
        exchange_party::Column::ExchangeId,
        exchange_party::Column::ActorId,
        extra,
    )
}

async fn condition(svc: &ServiceContext, filter: &ExchangeFilter) -> AppResult<Condition> {
    let mut condition = Condition::all();
    if !filter.include_archived {
        condition = condition.add(exchange::Column::ArchivedAt.is_null());
    }
    if !filter.kinds.is_empty() {
        condition = condition.add(exchange::Column::Kind.is_in(filter.kinds.clone()));
    }
    if !filter.instruments.is_empty() {
        condition = condition.add(exchange::Column::Instrument.is_in(filter.instruments.clone()));
    }
    if !filter.themes.is_empty() {
        condition = condition.add(exchange::Column::Theme.is_in(filter.themes.clone()));
    }
    if !filter.dac_codes.is_empty() {
        let codes = filter.dac_codes.iter().map(|c| c.trim().to_owned());
        condition = condition.add(exchange::Column::DacCode.is_in(codes));
    }
    if let Some(code) = &filter.territory {
        let ids = territories::subtree_ids(svc, code, "filter.territory").await?;
        condition = condition.add(with_party(
            svc,
            Condition::all()
                .add(exchange_party::Column::Side.eq(ExchangePartySide::Beneficiary))
                .add(actor::Column::SeatTerritoryId.is_in(ids)),
        ));
    }
    if let Some(code) = &filter.circumscription {
        condition = condition.add(scope::in_circumscription(
            exchange::Column::Id,
            RecordType::Exchange,
            code,
        ));
    }
    if filter.actor.is_some() || filter.side.is_some() {
        let mut party = Condition::all();
        if let Some(actor_id) = filter.actor {
            party = party.add(exchange_party::Column::ActorId.eq(actor_id));
        }
        if let Some(side) = filter.side {
            party = party.add(exchange_party::Column::Side.eq(side));
        }
        condition = condition.add(with_party(svc, party));
    }
    if let Some(project_id) = filter.project {
        condition = condition.add(linked::of_visible_project(
            svc,
            exchange::Column::ProjectId,
            project_id,
        ));
    }
    if let Some(day) = filter.starts_after {
        condition = condition.add(exchange::Column::StartsOn.gte(day));
    }
    if let Some(day) = filter.starts_before {
        condition = condition.add(exchange::Column::StartsOn.lte(day));
    }
    if let Some(text) = &filter.search {
        condition = condition.add(actors::search_condition(exchange::Column::SearchKey, text));
    }
    Ok(condition)
}

fn sort_keys(order: ExchangeOrder) -> Vec<SortKey> {
    let direction = linked::direction(order.descending);
    let first = match order.field {
        ExchangeOrderField::StartsOn => {
            linked::date_key(exchange::Column::StartsOn, direction.clone())
        }
        ExchangeOrderField::Title => SortKey::new(
            exchange::Column::SearchKey,
            direction.clone(),
            KeyKind::Text,
        ),
        ExchangeOrderField::CreatedAt => SortKey::new(
            exchange::Column::CreatedAt,
            direction.clone(),
            KeyKind::Timestamp,
        ),
    };
    vec![
        first,
        SortKey::new(exchange::Column::Id, direction, KeyKind::Int),
    ]
}

fn cursor_of(order: ExchangeOrder) -> impl Fn(&exchange::Model) -> Vec<serde_json::Value> {
    move |e| {
        let first = match order.field {
            ExchangeOrderField::StartsOn => linked::date_cursor(e.starts_on),
            ExchangeOrderField::Title => json!(e.search_key),
            ExchangeOrderField::CreatedAt => json!(pagination::timestamp_key(&e.created_at)),
        };
        vec![first, json!(e.id)]
    }
}

/// A page of the exchanges matching `filter`, as the viewer may see them.
pub async fn list(
    svc: &ServiceContext,
    filter: &ExchangeFilter,
    order: ExchangeOrder,
    page: &PageRequest,
) -> AppResult<Page<exchange::Model>> {
    let condition = condition(svc, filter).await?;
    let select = pagination::apply(visible(svc).filter(condition), &sort_keys(order), page)?;
    let rows = select.all(&svc.db.reader).await?;
    Ok(pagination::into_page(rows, page, cursor_of(order)))
}

/// How many exchanges match `filter`, as the viewer may see them.
pub async fn count(svc: &ServiceContext, filter: &ExchangeFilter) -> AppResult<u64> {
    let condition = condition(svc, filter).await?;
    Ok(visible(svc).filter(condition).count(&svc.db.reader).await?)
}

/// Exchanges by id (archived ones included), as the viewer may see them; for the DataLoader.
pub async fn by_ids(svc: &ServiceContext, ids: &[i64]) -> AppResult<HashMap<i64, exchange::Model>> {
    Ok(visible(svc)
        .filter(exchange::Column::Id.is_in(ids.iter().copied()))
        .all(&svc.db.reader)
        .await?
        .into_iter()
        .map(|e| (e.id, e))
        .collect())
}

/// The circumscriptions each exchange belongs to (its Moroccan beneficiaries' seats).
pub async fn circumscriptions_of(
    svc: &ServiceContext,
    ids: &[i64],
) -> AppResult<HashMap<i64, Vec<i64>>> {
    scope::circumscriptions_of_records(&svc.db.reader, RecordType::Exchange, ids).await
}
