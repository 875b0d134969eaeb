//! The demo network: a realistic and clearly fictional network on top of the reference data,
//! for trying the hub out (`serve --demo`, `seed --demo`).
//!
//! Over 300 actors of every kind seated in all twelve regions (invented associations and
//! bodies; public bodies under their real names), 150 projects across the three pillars and
//! every instrument and status, 80 partnerships, 120 events (the Young Leaders Forum among
//! them), 100 exchanges, allocations of the joint fund, calls for proposals with their
//! applications (the 2020 call with 146 of them, 11 selected), fictional people and their
//! contacts, and an activity-log entry for each record.
//!
//! The load is deterministic (one seeded generator, no iteration over hash maps), idempotent
//! (if demo actors exist it writes nothing and reports zeros) and atomic (one transaction).
//! Records are written as the API would write them — search keys, audit fields, sensitivity,
//! circumscriptions derived from territories, activity entries at consecutive positions taken
//! from the counter row — but in multi-row statements: about a second on SQLite.
//!
//! Layout of `demo/`:
//! - what things are called: `names` (associations, people), `bodies` (other invented
//!   organisations), `places` (towns, communes, French towns), `texts` and `phrases` (project
//!   titles in three languages), `topics` (what events and exchanges are about), `calendar`;
//! - the writing kit: `store` (what the demo knows, batched inserts that give back ids, scope
//!   rows) and `log` (the activity entries and the counter);
//! - one file per kind of record, in the order they are written: `authorities` and `actors`,
//!   `people`, `projects`, `project_rows` and `project_money`, `partnerships` and
//!   `partnership_rows`, `events`, `exchanges`, `funding`, `calls` and `applications`.

mod actors;
mod applications;
mod authorities;
mod bodies;
mod calendar;
mod calls;
mod events;
mod exchanges;
mod funding;
mod log;
mod names;
mod partnership_rows;
mod partnerships;
mod people;
mod phrases;
mod places;
mod project_money;
mod project_rows;
mod projects;
mod store;
mod texts;
mod topics;

use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, TransactionTrait};

pub use events::YOUNG_LEADERS_FORUM;
pub use store::AUTHOR;

use crate::db::Database;
use crate::entities::actor;
use crate::error::AppResult;

/// The seed of the demo's generator: the same network on every machine.
const SEED: u64 = 0x5CAC_2026;

/// What the demo load inserted (all zero when the demo was already there).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct DemoReport {
    /// Communes added as territories for the local authorities that govern them.
    pub territories: usize,
    pub actors: usize,
    pub persons: usize,
    pub contact_points: usize,
    pub projects: usize,
    pub partnerships: usize,
    pub events: usize,
    pub event_attendees: usize,
    pub exchanges: usize,
    pub exchange_participants: usize,
    pub allocations: usize,
    /// What the committed allocations added to the joint fund, in its minor units.
    pub committed_minor: i64,
    pub calls: usize,
    pub applications: usize,
    pub activities: usize,
}

impl DemoReport {
    /// Whether the load wrote nothing (the demo network was already there).
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

impl std::fmt::Display for DemoReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.is_empty() {
            return write!(f, "already loaded, nothing inserted");
        }
        write!(
            f,
            "{} actors, {} persons, {} contact points, {} projects, {} partnerships, \
             {} events ({} attendees), {} exchanges ({} participants), {} fund allocations \
             ({} committed), {} calls, {} applications, {} communes, {} activity entries inserted",
            self.actors,
            self.persons,
            self.contact_points,
            self.projects,
            self.partnerships,
            self.events,
            self.event_attendees,
            self.exchanges,
            self.exchange_participants,
            self.allocations,
            crate::domain::money::format_minor(self.committed_minor, 2),
            self.calls,
            self.applications,
            self.territories,
            self.activities
        )
    }
}

/// Loads the demo network on top of the reference data, unless it is already there.
pub async fn load(db: &Database) -> AppResult<DemoReport> {
    let txn = db.writer.begin().await?;
    // Taken first: the counter row's lock serialises concurrent loads on PostgreSQL, so the
    // second one sees the first one's actors below.
    let counter = log::lock_counter(&txn).await?;
    let loaded = actor::Entity::find()
        .filter(actor::Column::CreatedBy.eq(AUTHOR))
        .count(&txn)
        .await?
        > 0;
    if loaded {
        txn.rollback().await?;
        return Ok(DemoReport::default());
    }
    let mut ctx = store::Ctx::open(&txn, SEED).await?;
    actors::load(&mut ctx).await?;
    let people = people::load(&mut ctx).await?;
    let specs = projects::specs(&mut ctx)?;
    let projects = project_rows::insert(&mut ctx, specs).await?;
    let partnerships = partnerships::load(&mut ctx, &projects).await?;
    events::load(&mut ctx, &projects, &people).await?;
    exchanges::load(&mut ctx, &projects, &people).await?;
    funding::load(&mut ctx, &projects, &partnerships).await?;
    calls::load(&mut ctx, &projects).await?;
    ctx.flush_scope().await?;
    let activities = ctx.flush_log(counter).await?;
    let mut report = std::mem::take(&mut ctx.report);
    report.activities = activities;
    drop(ctx);
    txn.commit().await?;
    Ok(report)
}
