//! A row of every table, written through its entity and read back unchanged: every value set,
//! every database default (version, sensitivity, flags) comes back as the entity expects it.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ActiveModelBehavior, ActiveModelTrait, ActiveValue, ColumnTrait, DatabaseConnection,
    EntityTrait, IntoActiveModel, Iterable, QueryFilter,
};

use super::TestResult;
use crate::domain::vocabulary::*;
use crate::entities::*;

mod activity;
mod actors;
mod money;
mod network;
mod projects;
mod reference;

/// Inserts `model`, then checks that every value it set came back, and that the stored row
/// reads back equal to what the insert returned.
async fn round_trip<A>(
    db: &DatabaseConnection,
    model: A,
) -> TestResult<<A::Entity as EntityTrait>::Model>
where
    A: ActiveModelTrait + ActiveModelBehavior + Send,
    <A::Entity as EntityTrait>::Model: IntoActiveModel<A> + PartialEq + std::fmt::Debug,
{
    let inserted = model.clone().insert(db).await?;
    let stored = inserted.clone().into_active_model();
    for column in <A::Entity as EntityTrait>::Column::iter() {
        if let ActiveValue::Set(value) = model.get(column) {
            assert_eq!(stored.get(column).into_value(), Some(value), "{column:?}");
        }
    }
    let all = A::Entity::find().all(db).await?;
    assert!(all.contains(&inserted), "{inserted:?} not read back");
    Ok(inserted)
}

fn at(hour: u32) -> TestResult<DateTime<Utc>> {
    Ok(day(2026, 11, 29)?
        .and_hms_opt(hour, 30, 0)
        .ok_or("time")?
        .and_utc())
}

fn day(year: i32, month: u32, day: u32) -> TestResult<NaiveDate> {
    Ok(NaiveDate::from_ymd_opt(year, month, day).ok_or("date")?)
}

fn s(text: &str) -> String {
    text.to_owned()
}

/// Ids of the rows later rows point at.
#[derive(Debug, Default)]
struct Ids {
    region: i64,
    province: i64,
    circumscription: i64,
    actor: i64,
    french: i64,
    person: i64,
    project: i64,
    partnership: i64,
}

pub(super) async fn every_table_round_trips(db: &DatabaseConnection) -> TestResult {
    let mut ids = Ids::default();
    reference::rows(db, &mut ids).await?;
    actors::rows(db, &mut ids).await?;
    projects::rows(db, &mut ids).await?;
    network::rows(db, &mut ids).await?;
    money::rows(db, &ids).await?;
    activity::rows(db, &ids).await?;

    // Enum columns filter with the enum itself.
    let internal: Vec<i64> = actor::Entity::find()
        .filter(actor::Column::Sensitivity.eq(Sensitivity::Internal))
        .filter(actor::Column::Kind.is_in([ActorKind::MoroccanLocalAuthority, ActorKind::Other]))
        .all(db)
        .await?
        .iter()
        .map(|actor| actor.id)
        .collect();
    assert_eq!(internal, vec![ids.actor]);
    Ok(())
}
