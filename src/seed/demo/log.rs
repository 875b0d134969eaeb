//! The activity log of what the demo writes: one entry per record, gathered while the records
//! are made and written at the end at consecutive positions taken from the counter row, with
//! the actors, territories and circumscriptions each concerns.

use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, QuerySelect, Set};

use super::store::Ctx;
use crate::domain::vocabulary::{ActivityKind, RecordType, Sensitivity};
use crate::entities::{
    activity, activity_actor, activity_circumscription, activity_counter, activity_territory,
};
use crate::error::{AppError, AppResult};

/// An activity-log entry waiting for its position.
#[derive(Debug)]
pub struct Entry {
    pub kind: ActivityKind,
    pub subject: RecordType,
    pub subject_id: i64,
    pub sensitivity: Sensitivity,
    pub actors: Vec<i64>,
    pub territories: Vec<i64>,
    pub circumscriptions: Vec<i64>,
    pub details: serde_json::Value,
}

/// Writes the gathered activity entries at consecutive positions after `counter` (read
/// under lock at the start of the transaction), with their link rows, and moves the
/// counter to the last one. Returns how many entries were written.
pub async fn write(ctx: &Ctx<'_>, entries: Vec<Entry>, counter: i64) -> AppResult<usize> {
    let mut activities = Vec::with_capacity(entries.len());
    let mut actors = Vec::new();
    let mut territories = Vec::new();
    let mut circumscriptions = Vec::new();
    let mut position = counter;
    for mut e in entries {
        position += 1;
        e.actors.sort_unstable();
        e.actors.dedup();
        e.territories.sort_unstable();
        e.territories.dedup();
        e.circumscriptions.sort_unstable();
        e.circumscriptions.dedup();
        activities.push(activity::ActiveModel {
            position: Set(position),
            at: Set(ctx.now),
            kind: Set(e.kind),
            subject_type: Set(e.subject),
            subject_id: Set(e.subject_id),
            sensitivity: Set(e.sensitivity),
            author: Set(ctx.author()),
            details: Set(Some(e.details.to_string())),
            ..Default::default()
        });
        actors.extend(e.actors.into_iter().map(|a| activity_actor::ActiveModel {
            position: Set(position),
            actor_id: Set(a),
        }));
        territories.extend(
            e.territories
                .into_iter()
                .map(|t| activity_territory::ActiveModel {
                    position: Set(position),
                    territory_id: Set(t),
                }),
        );
        circumscriptions.extend(e.circumscriptions.into_iter().map(|c| {
            activity_circumscription::ActiveModel {
                position: Set(position),
                circumscription_id: Set(c),
            }
        }));
    }
    let written = activities.len();
    ctx.insert(activities).await?;
    ctx.insert(actors).await?;
    ctx.insert(territories).await?;
    ctx.insert(circumscriptions).await?;
    activity_counter::Entity::update_many()
        .col_expr(activity_counter::Column::Position, Expr::value(position))
        .filter(activity_counter::Column::Id.eq(1))
        .exec(ctx.txn)
        .await?;
    Ok(written)
}

/// Lock the activity counter row for the rest of the transaction and read its position: this
/// also serialises two demo loads started at once on PostgreSQL.
pub async fn lock_counter(txn: &DatabaseTransaction) -> AppResult<i64> {
    activity_counter::Entity::find_by_id(1)
        .lock_exclusive()
        .one(txn)
        .await?
        .map(|c| c.position)
        .ok_or_else(|| AppError::internal("the activity counter row is missing"))
}
