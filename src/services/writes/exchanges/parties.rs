//! The actors providing and receiving an exchange's expertise. Each edit is an update of the
//! exchange: it carries the exchange's `expectedVersion`, bumps its version, recomputes its
//! circumscriptions (its Moroccan beneficiaries' seats) and is logged as EXCHANGE_UPDATED.

use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use serde_json::json;

use super::super::super::write::{Entry, Writer};
use super::super::super::{ServiceContext, scope};
use super::{load_for_write, may_write, party_actors};
use crate::domain::vocabulary::{ActivityKind, ExchangePartySide, RecordType};
use crate::entities::{exchange, exchange_party};
use crate::error::{AppError, AppResult};

/// Adds `actor` to the exchange on `side`.
pub async fn add_party(
    svc: &ServiceContext,
    exchange_id: i64,
    expected_version: i32,
    actor: i64,
    side: ExchangePartySide,
) -> AppResult<()> {
    let (w, current, before) = begin(svc, exchange_id, expected_version).await?;
    super::super::actor(&w, actor, "input.actor").await?;
    if count_side(&w, exchange_id, side, Some(actor)).await? > 0 {
        return Err(AppError::bad_input(
            "input.actor",
            "this actor is already on this side of the exchange",
        ));
    }
    exchange_party::ActiveModel {
        exchange_id: Set(exchange_id),
        actor_id: Set(actor),
        side: Set(side),
        ..Default::default()
    }
    .insert(w.txn())
    .await?;
    finish(w, current, before, "partyAdded", actor, side).await
}

/// Removes `actor` from the exchange's `side`; the last actor of a side stays.
pub async fn remove_party(
    svc: &ServiceContext,
    exchange_id: i64,
    expected_version: i32,
    actor: i64,
    side: ExchangePartySide,
) -> AppResult<()> {
    let (w, current, before) = begin(svc, exchange_id, expected_version).await?;
    if count_side(&w, exchange_id, side, Some(actor)).await? == 0 {
        return Err(AppError::bad_input(
            "input.actor",
            "this actor is not on this side of the exchange",
        ));
    }
    if count_side(&w, exchange_id, side, None).await? <= 1 {
        return Err(AppError::bad_input(
            "input.actor",
            match side {
                ExchangePartySide::Provider => {
                    "an exchange keeps at least one provider; add another first"
                }
                ExchangePartySide::Beneficiary => {
                    "an exchange keeps at least one beneficiary; add another first"
                }
            },
        ));
    }
    exchange_party::Entity::delete_many()
        .filter(exchange_party::Column::ExchangeId.eq(exchange_id))
        .filter(exchange_party::Column::ActorId.eq(actor))
        .filter(exchange_party::Column::Side.eq(side))
        .exec(w.txn())
        .await?;
    finish(w, current, before, "partyRemoved", actor, side).await
}

/// Checks the viewer may write the exchange as it is and bumps its version from
/// `expected_version` (a stale version answers CONFLICT with `currentVersion`).
async fn begin(
    svc: &ServiceContext,
    exchange_id: i64,
    expected_version: i32,
) -> AppResult<(Writer<'_>, exchange::Model, Vec<i64>)> {
    let w = Writer::begin(svc).await?;
    let current = load_for_write(&w, exchange_id).await?;
    let before = scope::recorded(w.txn(), RecordType::Exchange, exchange_id).await?;
    may_write(&w, &before)?;
    w.bump_version::<exchange::Entity>(exchange_id, expected_version, "exchange")
        .await?;
    Ok((w, current, before))
}

/// Recomputes the circumscriptions (the viewer must be allowed where the exchange now sits,
/// too), logs EXCHANGE_UPDATED and commits.
async fn finish(
    mut w: Writer<'_>,
    current: exchange::Model,
    before: Vec<i64>,
    change: &str,
    actor: i64,
    side: ExchangePartySide,
) -> AppResult<()> {
    let (territories, circumscriptions) =
        scope::recompute(w.txn(), RecordType::Exchange, current.id).await?;
    if circumscriptions != before {
        may_write(&w, &circumscriptions)?;
    }
    let actors = party_actors(&w, current.id).await?;
    w.log(
        Entry::new(
            ActivityKind::ExchangeUpdated,
            RecordType::Exchange,
            current.id,
            current.sensitivity,
        )
        // A removed party's feed hears of it too.
        .actors(actors.into_iter().chain([actor]))
        .territories(territories)
        .circumscriptions(circumscriptions.into_iter().chain(before))
        .details(json!({ "change": change, "actor": actor, "side": side })),
    );
    w.commit(current.id).await
}

/// How many actors are on `side` of the exchange (only `actor`, if given).
async fn count_side(
    w: &Writer<'_>,
    exchange_id: i64,
    side: ExchangePartySide,
    actor: Option<i64>,
) -> AppResult<u64> {
    let mut query = exchange_party::Entity::find()
        .filter(exchange_party::Column::ExchangeId.eq(exchange_id))
        .filter(exchange_party::Column::Side.eq(side));
    if let Some(actor) = actor {
        query = query.filter(exchange_party::Column::ActorId.eq(actor));
    }
    Ok(query.count(w.txn()).await?)
}
