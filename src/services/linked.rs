//! Helpers shared by the records that link actors together — partnerships (members), events
//! (participants) and exchanges (providers and beneficiaries): conditions through the link
//! table that only ever look at actors the viewer may see, and sort keys on optional dates.

use chrono::NaiveDate;
use sea_orm::sea_query::{Expr, ExprTrait, Func, Query};
use sea_orm::{ColumnTrait, Condition, EntityTrait, Order, QueryFilter, QuerySelect, QueryTrait};
use serde_json::{Value as Json, json};

use super::pagination::{KeyKind, SortKey};
use super::{ServiceContext, projects};
use crate::auth::policy;
use crate::domain::vocabulary::RecordType;
use crate::entities::{actor, project};

/// Records whose id (in `record`) appears in the link table `L` (column `link_record`) beside
/// an actor (column `link_actor`) that the viewer may see and that satisfies `extra` (a
/// condition on the link row or the actor row: an actor id, a seat, a role …).
///
/// The actor's visibility is part of the subquery so that a filter never reveals a link to an
/// actor the viewer may not see (filtering by a hidden actor's id, or by the territory where a
/// hidden member sits, finds nothing through that actor).
pub fn linked_to_visible_actor<L, R>(
    svc: &ServiceContext,
    record: R,
    link_record: L::Column,
    link_actor: L::Column,
    extra: Condition,
) -> Condition
where
    L: EntityTrait,
    R: ColumnTrait,
{
    let visible_actor = policy::read_condition(
        &svc.viewer,
        RecordType::Actor,
        actor::Column::Sensitivity,
        actor::Column::Id,
    );
    Condition::all().add(
        record.into_expr().in_subquery(
            Query::select()
                .column((L::default(), link_record))
                .from(L::default())
                .inner_join(
                    actor::Entity,
                    Expr::col((actor::Entity, actor::Column::Id))
                        .equals((L::default(), link_actor)),
                )
                .cond_where(Condition::all().add(visible_actor).add(extra))
                .to_owned(),
        ),
    )
}

/// Records whose project (in `column`) is `project_id`, provided the viewer may see that
/// project: a hidden project's records are not singled out by its id.
pub fn of_visible_project(
    svc: &ServiceContext,
    column: impl ColumnTrait,
    project_id: i64,
) -> Condition {
    let visible = projects::visible(svc)
        .select_only()
        .column(project::Column::Id)
        .filter(project::Column::Id.eq(project_id))
        .into_query();
    Condition::all().add(column.in_subquery(visible))
}

/// The value an undated record sorts under: before every real date, on both databases
/// (PostgreSQL puts NULL last and SQLite first, so NULL itself cannot be a sort value).
fn undated() -> NaiveDate {
    // Year 1, not `NaiveDate::MIN`: PostgreSQL's dates stop at 4713 BC, and `YYYY-MM-DD`
    // text (SQLite's storage) only sorts like dates with four-digit years.
    NaiveDate::from_ymd_opt(1, 1, 1).unwrap_or_default()
}

/// A sort key on an optional date column; undated records come first in ascending order.
pub fn date_key(column: impl ColumnTrait, order: Order) -> SortKey {
    SortKey {
        expr: Func::coalesce([column.into_expr(), Expr::val(undated())]).into(),
        order,
        kind: KeyKind::Date,
    }
}

/// The cursor value of an optional date, matching [`date_key`].
pub fn date_cursor(date: Option<NaiveDate>) -> Json {
    json!(date.unwrap_or_else(undated).format("%Y-%m-%d").to_string())
}

/// `Order::Desc` when `descending`, else `Order::Asc`.
pub fn direction(descending: bool) -> Order {
    if descending { Order::Desc } else { Order::Asc }
}
