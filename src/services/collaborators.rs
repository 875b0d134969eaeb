//! Who works with whom: the actors that share projects, partnerships, events or exchanges with
//! an actor, counted per kind of link and weighted — computed only from what the viewer may
//! see (the shared record and the other actor both visible, neither archived).

use std::collections::HashMap;

use sea_orm::sea_query::{Alias, Expr, ExprTrait, Func, JoinType, Query, SelectStatement};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait};

use super::ServiceContext;
use crate::auth::policy;
use crate::domain::vocabulary::RecordType;
use crate::entities::{
    actor, event, event_participant, exchange, exchange_party, partnership, partnership_member,
    project, project_participant,
};
use crate::error::AppResult;

/// A kind of link between two actors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LinkKind {
    Project,
    Partnership,
    Event,
    Exchange,
}

impl LinkKind {
    pub const ALL: [Self; 4] = [
        Self::Project,
        Self::Partnership,
        Self::Event,
        Self::Exchange,
    ];
}

/// One collaborator of an actor, with what they share.
#[derive(Debug, Clone, PartialEq)]
pub struct Collaboration {
    pub actor_id: i64,
    pub projects: u64,
    pub partnerships: u64,
    pub events: u64,
    pub exchanges: u64,
}

impl Collaboration {
    /// weight = 3 × partnerships + 2 × projects + 1 × exchanges + 0.5 × events: a partnership
    /// is a lasting commitment, a project shared work, an exchange a transfer of expertise, an
    /// event a lighter encounter.
    pub fn weight(&self) -> f64 {
        3.0 * self.partnerships as f64
            + 2.0 * self.projects as f64
            + self.exchanges as f64
            + 0.5 * self.events as f64
    }
}

/// The collaborators of each of `actors` through the links `via`, heaviest first (ties by
/// actor id). One query per kind of link, whatever the number of actors.
pub async fn of_actors(
    svc: &ServiceContext,
    actors: &[i64],
    via: &[LinkKind],
) -> AppResult<HashMap<i64, Vec<Collaboration>>> {
    let mut found: HashMap<(i64, i64), Collaboration> = HashMap::new();
    for kind in via {
        let statement = shared(svc, *kind, actors);
        let rows = svc.db.reader.query_all(&statement).await?;
        for row in rows {
            let me: i64 = row.try_get("", "me")?;
            let other: i64 = row.try_get("", "other")?;
            let n: i64 = row.try_get("", "shared")?;
            let entry = found.entry((me, other)).or_insert_with(|| Collaboration {
                actor_id: other,
                projects: 0,
                partnerships: 0,
                events: 0,
                exchanges: 0,
            });
            let n = u64::try_from(n).unwrap_or_default();
            match kind {
                LinkKind::Project => entry.projects = n,
                LinkKind::Partnership => entry.partnerships = n,
                LinkKind::Event => entry.events = n,
                LinkKind::Exchange => entry.exchanges = n,
            }
        }
    }
    let mut result: HashMap<i64, Vec<Collaboration>> =
        actors.iter().map(|a| (*a, Vec::new())).collect();
    for ((me, _), collaboration) in found {
        result.entry(me).or_default().push(collaboration);
    }
    for list in result.values_mut() {
        list.sort_by(|a, b| {
            b.weight()
                .total_cmp(&a.weight())
                .then(a.actor_id.cmp(&b.actor_id))
        });
    }
    Ok(result)
}

/// `SELECT a.actor_id AS me, b.actor_id AS other, COUNT(DISTINCT a.record) AS shared FROM link a
/// JOIN link b ON same record, other actor JOIN record JOIN actors (other) WHERE visible …
/// GROUP BY me, other`.
fn shared(svc: &ServiceContext, kind: LinkKind, actors: &[i64]) -> SelectStatement {
    match kind {
        LinkKind::Project => self_join(
            svc,
            actors,
            project_participant::Entity,
            project_participant::Column::ProjectId,
            project_participant::Column::ActorId,
            (project::Entity, project::Column::Id),
            policy::read_condition(
                &svc.viewer,
                RecordType::Project,
                project::Column::Sensitivity,
                project::Column::Id,
            )
            .add(project::Column::ArchivedAt.is_null()),
        ),
        LinkKind::Partnership => self_join(
            svc,
            actors,
            partnership_member::Entity,
            partnership_member::Column::PartnershipId,
            partnership_member::Column::ActorId,
            (partnership::Entity, partnership::Column::Id),
            policy::read_condition(
                &svc.viewer,
                RecordType::Partnership,
                partnership::Column::Sensitivity,
                partnership::Column::Id,
            )
            .add(partnership::Column::ArchivedAt.is_null()),
        ),
        LinkKind::Event => self_join(
            svc,
            actors,
            event_participant::Entity,
            event_participant::Column::EventId,
            event_participant::Column::ActorId,
            (event::Entity, event::Column::Id),
            policy::read_condition(
                &svc.viewer,
                RecordType::Event,
                event::Column::Sensitivity,
                event::Column::Id,
            )
            .add(event::Column::ArchivedAt.is_null()),
        ),
        LinkKind::Exchange => self_join(
            svc,
            actors,
            exchange_party::Entity,
            exchange_party::Column::ExchangeId,
            exchange_party::Column::ActorId,
            (exchange::Entity, exchange::Column::Id),
            policy::read_condition(
                &svc.viewer,
                RecordType::Exchange,
                exchange::Column::Sensitivity,
                exchange::Column::Id,
            )
            .add(exchange::Column::ArchivedAt.is_null()),
        ),
    }
}

fn self_join<L, R>(
    svc: &ServiceContext,
    actors: &[i64],
    link: L,
    record_col: L::Column,
    actor_col: L::Column,
    (record, record_id): (R, R::Column),
    record_visible: Condition,
) -> SelectStatement
where
    L: EntityTrait,
    R: EntityTrait,
{
    let (a, b) = (Alias::new("a"), Alias::new("b"));
    let other_visible = policy::read_condition(
        &svc.viewer,
        RecordType::Actor,
        actor::Column::Sensitivity,
        actor::Column::Id,
    )
    .add(actor::Column::ArchivedAt.is_null());
    Query::select()
        .expr_as(Expr::col((a.clone(), actor_col)), Alias::new("me"))
        .expr_as(Expr::col((b.clone(), actor_col)), Alias::new("other"))
        .expr_as(
            Func::count_distinct(Expr::col((a.clone(), record_col))),
            Alias::new("shared"),
        )
        .from_as(link, a.clone())
        .join_as(
            JoinType::InnerJoin,
            link,
            b.clone(),
            Condition::all()
                .add(Expr::col((b.clone(), record_col)).equals((a.clone(), record_col)))
                .add(Expr::col((b.clone(), actor_col)).ne(Expr::col((a.clone(), actor_col)))),
        )
        .inner_join(
            record,
            Expr::col((record, record_id)).equals((a.clone(), record_col)),
        )
        .inner_join(
            actor::Entity,
            Expr::col((actor::Entity, actor::Column::Id)).equals((b.clone(), actor_col)),
        )
        .and_where(Expr::col((a.clone(), actor_col)).is_in(actors.iter().copied()))
        .cond_where(record_visible)
        .cond_where(other_visible)
        .group_by_col((a, actor_col))
        .group_by_col((b, actor_col))
        .to_owned()
}
