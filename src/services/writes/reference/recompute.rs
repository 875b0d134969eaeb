//! When a territory's coverage (or its place in the hierarchy) changes, the circumscriptions
//! of every record located under it are recomputed in the same transaction ([`under`]); when
//! an actor moves, those of every record located through its seat ([`through_actor`]). Both
//! set-based:
//! a statement per kind of link to find the records under the territory, one per kind of
//! link (and chunk of 500 records) to read all their territories, the coverage of those
//! territories in one batch ([`scope::circumscriptions_of_territories`]), and rows rewritten
//! only for the records whose circumscriptions actually changed. The number of statements
//! depends on the number of record types and chunks, never on each record.
//!
//! Measured on `seed --synthetic 10000` (debug build, 2-core container): ending Tanger's
//! coverage of region MA-01 moves 3,412 records (1,051 actors and their projects,
//! partnerships, events, exchanges) — set-based 0.35–0.44 s on SQLite, 0.6–1.5 s on
//! PostgreSQL; calling [`scope::recompute`] per record took 6.0–6.5 s on SQLite.
//!
//! The links mirror [`scope::territories_of_record`] (DESIGN §5); a test checks both agree.

mod links;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use self::links::{LINKS, pairs};
use super::super::super::scope;
use crate::domain::vocabulary::RecordType;
use crate::entities::{record_circumscription, territory};
use crate::error::AppResult;

/// Most ids one statement's `IN (…)` list carries.
const CHUNK: usize = 500;

/// What a recomputation changed.
#[derive(Debug, Clone, Default)]
pub struct Recomputed {
    /// How many records now belong to other circumscriptions.
    pub records: u64,
    /// The circumscriptions those records left or joined.
    pub circumscriptions: BTreeSet<i64>,
}

/// `territory` and every territory below it.
pub async fn subtree<C: ConnectionTrait>(conn: &C, territory: i64) -> AppResult<Vec<i64>> {
    let mut all = vec![territory];
    let mut frontier = vec![territory];
    // Regions → prefectures/provinces → communes: a few levels; the bound guards a cycle.
    for _ in 0..8 {
        if frontier.is_empty() {
            break;
        }
        let children: Vec<i64> = territory::Entity::find()
            .filter(territory::Column::ParentId.is_in(frontier.iter().copied()))
            .all(conn)
            .await?
            .into_iter()
            .map(|t| t.id)
            .filter(|id| !all.contains(id))
            .collect();
        all.extend(children.iter().copied());
        frontier = children;
    }
    Ok(all)
}

/// Recomputes and stores the circumscriptions of every record located under `territory`
/// (inside the write transaction that changed its coverage or parent).
pub async fn under<C: ConnectionTrait>(conn: &C, territory: i64) -> AppResult<Recomputed> {
    let subtree = subtree(conn, territory).await?;
    let mut affected: HashMap<RecordType, BTreeSet<i64>> = HashMap::new();
    for link in LINKS {
        for (record, _) in pairs(conn, link, true, &subtree).await? {
            affected
                .entry(link.record_type())
                .or_default()
                .insert(record);
        }
    }
    recompute_records(conn, affected).await
}

/// Recomputes and stores the circumscriptions of every record located through the seat of
/// `actor` — its partnerships, exchanges it benefits from, applications, events in France it
/// takes part in, people, and the allocations to its partnerships — inside the write
/// transaction that moved the actor (a new seat or country). The actor's own circumscriptions
/// are the caller's. Set-based as [`under`]: the statements depend on the kinds of link, not
/// on how many records the actor is linked to.
pub async fn through_actor<C: ConnectionTrait>(conn: &C, actor: i64) -> AppResult<Recomputed> {
    let mut affected: HashMap<RecordType, BTreeSet<i64>> = HashMap::new();
    for link in LINKS {
        if link.record_type() == RecordType::Actor {
            continue;
        }
        let records = links::records_of_actors(conn, link, &[actor]).await?;
        if !records.is_empty() {
            affected
                .entry(link.record_type())
                .or_default()
                .extend(records);
        }
    }
    recompute_records(conn, affected).await
}

/// Recomputes the circumscriptions of the `affected` records from all their territories and
/// rewrites those that changed.
async fn recompute_records<C: ConnectionTrait>(
    conn: &C,
    affected: HashMap<RecordType, BTreeSet<i64>>,
) -> AppResult<Recomputed> {
    if affected.is_empty() {
        return Ok(Recomputed::default());
    }
    // Every territory of the affected records (a project may also be located elsewhere).
    let mut located: HashMap<RecordType, Vec<(i64, i64)>> = HashMap::new();
    for link in LINKS {
        let Some(records) = affected.get(&link.record_type()) else {
            continue;
        };
        let records: Vec<i64> = records.iter().copied().collect();
        let found = pairs(conn, link, false, &records).await?;
        located.entry(link.record_type()).or_default().extend(found);
    }
    let mut territories: Vec<i64> = located.values().flatten().map(|(_, t)| *t).collect();
    territories.sort_unstable();
    territories.dedup();
    let today = chrono::Utc::now().date_naive();
    let coverage = scope::circumscriptions_of_territories(conn, &territories, today).await?;
    let mut result = Recomputed::default();
    for (record_type, records) in affected {
        let mut wanted: BTreeMap<i64, BTreeSet<i64>> =
            records.iter().map(|r| (*r, BTreeSet::new())).collect();
        for (record, territory) in located.remove(&record_type).unwrap_or_default() {
            if let Some(circs) = coverage.get(&territory) {
                wanted
                    .entry(record)
                    .or_default()
                    .extend(circs.iter().copied());
            }
        }
        let ids: Vec<i64> = records.into_iter().collect();
        let mut stored: HashMap<i64, Vec<i64>> = HashMap::new();
        for chunk in ids.chunks(CHUNK) {
            stored.extend(scope::circumscriptions_of_records(conn, record_type, chunk).await?);
        }
        let mut changed: Vec<(i64, &BTreeSet<i64>)> = Vec::new();
        for (record, circs) in &wanted {
            let before: BTreeSet<i64> = stored.get(record).into_iter().flatten().copied().collect();
            if before != *circs {
                result
                    .circumscriptions
                    .extend(before.symmetric_difference(circs).copied());
                changed.push((*record, circs));
            }
        }
        result.records += changed.len() as u64;
        store(conn, record_type, &changed).await?;
    }
    Ok(result)
}

/// Replaces the stored circumscriptions of `changed` records (chunked statements).
async fn store<C: ConnectionTrait>(
    conn: &C,
    record_type: RecordType,
    changed: &[(i64, &BTreeSet<i64>)],
) -> AppResult<()> {
    for chunk in changed.chunks(CHUNK) {
        record_circumscription::Entity::delete_many()
            .filter(record_circumscription::Column::RecordType.eq(record_type))
            .filter(record_circumscription::Column::RecordId.is_in(chunk.iter().map(|(r, _)| *r)))
            .exec(conn)
            .await?;
        let rows: Vec<record_circumscription::ActiveModel> = chunk
            .iter()
            .flat_map(|(record, circs)| {
                circs
                    .iter()
                    .map(move |c| record_circumscription::ActiveModel {
                        record_type: Set(record_type),
                        record_id: Set(*record),
                        circumscription_id: Set(*c),
                    })
            })
            .collect();
        if !rows.is_empty() {
            record_circumscription::Entity::insert_many(rows)
                .exec(conn)
                .await?;
        }
    }
    Ok(())
}
