//! Synthetic networks: `seed --synthetic N [--seed S]` writes a deterministic network of N
//! actors, for load tests and benchmarks — the same (N, seed) on a fresh database gives the
//! same rows.
//!
//! Proportions, per N actors: N/2 projects with about 3N participants in all (two to ten per
//! project), N/5 partnerships of two to four members, N/4 events with two to six participants,
//! N/5 exchanges with their providers and beneficiaries; themes, locations, sectors and an
//! original budget for projects; the circumscriptions of every record (derived from seats and
//! locations through the coverage table, loaded once); one activity entry per record, with the
//! actors, territories and circumscriptions it concerns. About 27 rows per actor in all.
//!
//! Realistic skew: a share of every choice of actor is drawn Zipf-like over a seeded ranking
//! ([`crate::seed::rng::Rng::skewed`]), so a few actors take part in hundreds or thousands of
//! records and most in a handful. Seats are spread over every province and prefecture (skewed
//! too). Most records are PUBLIC (80–85 %), so anonymous benchmarks see them; the rest are
//! INTERNAL or RESTRICTED.
//!
//! Speed: everything is written in one transaction (atomic: a failed load leaves nothing), as
//! multi-row `INSERT`s as large as each backend's bind-parameter limit allows
//! ([`crate::seed::bulk`]). The activity counter row is locked first (it serialises writers),
//! and moved past the new entries at the end, in the same transaction.
//!
//! Every synthetic record is created by `synthetic-data` and its name ends with
//! "(synthétique NNNNNN)": `search: "synthetique"` finds them. A second load into the same
//! database is refused.

mod names;
mod plan;
mod write;

use std::collections::HashMap;

use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, TransactionTrait,
};

pub use plan::Sizes;

use crate::db::Database;
use crate::domain::vocabulary::TerritoryLevel;
use crate::entities::{activity_counter, actor, territory};
use crate::error::{AppError, AppResult};
use crate::services::scope;

/// The author (`created_by`, `updated_by`, activity `author`) of every synthetic record.
pub const AUTHOR: &str = "synthetic-data";

/// The smallest network: enough actors for every kind of record and link.
pub const MIN_ACTORS: u64 = 10;
/// The largest network: the plan is built in memory (about 2 KB per actor).
pub const MAX_ACTORS: u64 = 2_000_000;

/// What the synthetic load inserted.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SyntheticReport {
    pub actors: u64,
    pub projects: u64,
    pub project_participants: u64,
    pub partnerships: u64,
    pub partnership_members: u64,
    pub events: u64,
    pub event_participants: u64,
    pub exchanges: u64,
    pub exchange_parties: u64,
    pub record_circumscriptions: u64,
    pub activities: u64,
    /// Every row written, link rows included.
    pub rows: u64,
    /// `INSERT` statements sent.
    pub statements: u64,
}

impl std::fmt::Display for SyntheticReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} actors, {} projects ({} participants), {} partnerships ({} members), \
             {} events ({} participants), {} exchanges ({} parties), {} record \
             circumscriptions, {} activity entries; {} rows in {} INSERT statements",
            self.actors,
            self.projects,
            self.project_participants,
            self.partnerships,
            self.partnership_members,
            self.events,
            self.event_participants,
            self.exchanges,
            self.exchange_parties,
            self.record_circumscriptions,
            self.activities,
            self.rows,
            self.statements,
        )
    }
}

/// Loads a synthetic network of `actors` actors drawn from `seed` on top of the reference
/// data. Refused (`BAD_USER_INPUT`) if `actors` is out of range or a synthetic network is
/// already there.
pub async fn load(db: &Database, actors: u64, seed: u64) -> AppResult<SyntheticReport> {
    load_with(db, actors, seed, None).await
}

/// [`load`], sending at most `rows_per_statement` rows per `INSERT`: the same rows in more
/// statements (to test the batching; `load` sends as many as the backend allows).
pub async fn load_in_chunks(
    db: &Database,
    actors: u64,
    seed: u64,
    rows_per_statement: usize,
) -> AppResult<SyntheticReport> {
    load_with(db, actors, seed, Some(rows_per_statement)).await
}

async fn load_with(
    db: &Database,
    actors: u64,
    seed: u64,
    rows_per_statement: Option<usize>,
) -> AppResult<SyntheticReport> {
    if !(MIN_ACTORS..=MAX_ACTORS).contains(&actors) {
        return Err(AppError::bad_input(
            "synthetic",
            format!("a synthetic network has {MIN_ACTORS} to {MAX_ACTORS} actors, not {actors}"),
        ));
    }
    let actors = usize::try_from(actors)
        .map_err(|_| AppError::bad_input("synthetic", "too many actors for this machine"))?;
    let txn = db.writer.begin().await?;

    // Take the activity counter first: on PostgreSQL its row lock serialises this load with
    // every other writer (two loads cannot both pass the check below); on SQLite the UPDATE
    // takes the database's write lock.
    activity_counter::Entity::update_many()
        .col_expr(
            activity_counter::Column::Position,
            Expr::col(activity_counter::Column::Position),
        )
        .filter(activity_counter::Column::Id.eq(1))
        .exec(&txn)
        .await?;
    let first_position = activity_counter::Entity::find_by_id(1)
        .one(&txn)
        .await?
        .ok_or_else(|| AppError::internal("the activity counter row (id = 1) is missing"))?
        .position;

    let existing = actor::Entity::find()
        .filter(actor::Column::CreatedBy.eq(AUTHOR))
        .count(&txn)
        .await?;
    if existing > 0 {
        return Err(AppError::bad_input(
            "synthetic",
            format!(
                "this database already holds a synthetic network ({existing} actors); \
                 load another one into a fresh database"
            ),
        ));
    }

    // Seats and locations: every province and prefecture, in code order (the same on every
    // database loaded with the same reference data).
    let territories = territory::Entity::find()
        .order_by_asc(territory::Column::Code)
        .all(&txn)
        .await?;
    let places: Vec<&territory::Model> = territories
        .iter()
        .filter(|t| {
            matches!(
                t.level,
                TerritoryLevel::Province | TerritoryLevel::Prefecture
            )
        })
        .collect();
    if places.is_empty() {
        return Err(AppError::internal(
            "no provinces: load the reference data before a synthetic network",
        ));
    }
    let place_ids: Vec<i64> = places.iter().map(|t| t.id).collect();
    let all_ids: Vec<i64> = territories.iter().map(|t| t.id).collect();
    let covering: HashMap<i64, Vec<i64>> =
        scope::circumscriptions_of_territories(&txn, &all_ids, chrono::Utc::now().date_naive())
            .await?;
    let places: Vec<plan::Place> = places
        .iter()
        .map(|t| plan::Place {
            name_fr: t.name_fr.clone(),
            name_ar: t.name_ar.clone(),
        })
        .collect();

    let plan = plan::generate(actors, seed, &places);
    let (report, last_position) = write::Writer::new(
        &txn,
        &plan,
        &place_ids,
        &covering,
        first_position,
        rows_per_statement,
    )
    .write()
    .await?;
    let expected = first_position + plan.records() as i64;
    if last_position != expected {
        return Err(AppError::internal(format!(
            "activity positions ended at {last_position}, expected {expected}"
        )));
    }
    activity_counter::Entity::update_many()
        .col_expr(
            activity_counter::Column::Position,
            Expr::value(last_position),
        )
        .filter(activity_counter::Column::Id.eq(1))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(report)
}
