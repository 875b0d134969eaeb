//! The demo's writing kit: what it knows of the database (territories, their
//! circumscriptions, actors), batched inserts that give back the new ids, and the two things
//! every record drags along — its `record_circumscriptions` rows and its activity-log entry
//! (see `log`) — gathered while the records are made and written in a few statements at the
//! end.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, Iterable, QueryFilter,
    QueryOrder, QuerySelect, Set, TryGetable,
};

use super::DemoReport;
use super::log;
pub use super::log::Entry;
use crate::domain::vocabulary::{
    ActorKind, Country, LocalAuthorityLevel, RecordType, Sensitivity, TerritoryLevel,
};
use crate::entities::{actor, record_circumscription, territory};
use crate::error::{AppError, AppResult};
use crate::seed::rng::Rng;
use crate::services::scope;

/// Recorded as the author of everything the demo writes; also its marker.
pub const AUTHOR: &str = "demo";

/// Bind parameters per statement: well under SQLite's 32 766 and PostgreSQL's 65 535.
const MAX_BIND_PARAMETERS: usize = 8_000;

/// `items`, or an error if there are none: what the demo picks from is never empty, so a pick
/// cannot panic even on a database whose reference data differs from ours.
pub fn require<T>(items: Vec<T>, what: &str) -> AppResult<Vec<T>> {
    if items.is_empty() {
        Err(AppError::internal(format!(
            "demo: no {what} to choose from"
        )))
    } else {
        Ok(items)
    }
}

/// What the demo knows of an actor it may link records to.
#[derive(Debug, Clone)]
pub struct ActorRef {
    pub id: i64,
    pub kind: ActorKind,
    pub country: Country,
    pub seat: Option<i64>,
    pub name: String,
    pub acronym: Option<String>,
    pub level: Option<LocalAuthorityLevel>,
    pub sensitivity: Sensitivity,
    /// Made up by the demo (not a real organisation nor a public body under its real name).
    pub invented: bool,
}

#[derive(Debug, Clone)]
pub struct TerritoryRef {
    pub id: i64,
    pub code: String,
    pub level: TerritoryLevel,
    pub name_fr: String,
    pub name_ar: Option<String>,
}

/// The columns `insert_ids` reads back: the id, the author, and a label to check the order by.
pub struct Keys<E: EntityTrait> {
    pub id: E::Column,
    pub author: E::Column,
    pub label: E::Column,
}

pub struct Ctx<'a> {
    pub txn: &'a DatabaseTransaction,
    pub rng: Rng,
    pub now: DateTime<Utc>,
    pub report: DemoReport,
    pub actors: Vec<ActorRef>,
    actor_index: HashMap<i64, usize>,
    territories: Vec<TerritoryRef>,
    territory_index: HashMap<String, usize>,
    territory_by_id: HashMap<i64, usize>,
    circumscriptions_of: HashMap<i64, Vec<i64>>,
    scope_rows: Vec<(RecordType, i64, i64)>,
    entries: Vec<Entry>,
}

impl<'a> Ctx<'a> {
    pub async fn open(txn: &'a DatabaseTransaction, seed: u64) -> AppResult<Self> {
        let mut ctx = Self {
            txn,
            rng: Rng::new(seed),
            now: Utc::now(),
            report: DemoReport::default(),
            actors: Vec::new(),
            actor_index: HashMap::new(),
            territories: Vec::new(),
            territory_index: HashMap::new(),
            territory_by_id: HashMap::new(),
            circumscriptions_of: HashMap::new(),
            scope_rows: Vec::new(),
            entries: Vec::new(),
        };
        ctx.reload_territories().await?;
        let existing = actor::Entity::find()
            .order_by_asc(actor::Column::Id)
            .all(txn)
            .await?;
        for a in existing {
            ctx.add_actor(ActorRef {
                id: a.id,
                kind: a.kind,
                country: a.country,
                seat: a.seat_territory_id,
                name: a.name_fr,
                acronym: a.acronym,
                level: a.local_authority_level,
                sensitivity: a.sensitivity,
                invented: false,
            });
        }
        Ok(ctx)
    }

    /// Reads the territories and which circumscriptions cover each (through
    /// `scope::circumscriptions_of_territories`, the derivation every write uses).
    pub async fn reload_territories(&mut self) -> AppResult<()> {
        let rows = territory::Entity::find()
            .order_by_asc(territory::Column::Id)
            .all(self.txn)
            .await?;
        self.territories = rows
            .into_iter()
            .map(|t| TerritoryRef {
                id: t.id,
                code: t.code,
                level: t.level,
                name_fr: t.name_fr,
                name_ar: t.name_ar,
            })
            .collect();
        self.territory_index = self
            .territories
            .iter()
            .enumerate()
            .map(|(i, t)| (t.code.clone(), i))
            .collect();
        self.territory_by_id = self
            .territories
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id, i))
            .collect();
        let ids: Vec<i64> = self.territories.iter().map(|t| t.id).collect();
        let today = self.now.date_naive();
        self.circumscriptions_of =
            scope::circumscriptions_of_territories(self.txn, &ids, today).await?;
        Ok(())
    }

    pub fn territory(&self, code: &str) -> AppResult<&TerritoryRef> {
        self.territory_index
            .get(code)
            .map(|i| &self.territories[*i])
            .ok_or_else(|| AppError::internal(format!("demo: unknown territory {code}")))
    }

    pub fn territory_id(&self, code: &str) -> AppResult<i64> {
        Ok(self.territory(code)?.id)
    }

    pub fn territory_by_id(&self, id: i64) -> Option<&TerritoryRef> {
        self.territory_by_id.get(&id).map(|i| &self.territories[*i])
    }

    pub fn has_territory(&self, code: &str) -> bool {
        self.territory_index.contains_key(code)
    }

    /// The territories of one level, in code order.
    pub fn territories_of_level(&self, level: TerritoryLevel) -> Vec<TerritoryRef> {
        let mut list: Vec<TerritoryRef> = self
            .territories
            .iter()
            .filter(|t| t.level == level)
            .cloned()
            .collect();
        list.sort_by(|a, b| a.code.cmp(&b.code));
        list
    }

    pub fn add_actor(&mut self, actor: ActorRef) {
        self.actor_index.insert(actor.id, self.actors.len());
        self.actors.push(actor);
    }

    pub fn actor(&self, id: i64) -> Option<&ActorRef> {
        self.actor_index.get(&id).map(|i| &self.actors[*i])
    }

    /// The actors the demo has added so far (the last ones of `actors`), in id order.
    pub fn demo_actors(&self) -> Vec<ActorRef> {
        let first = self.actors.len().saturating_sub(self.report.actors);
        self.actors[first..].to_vec()
    }

    /// The actors of `kind`, in id order.
    pub fn of_kind(&self, kind: ActorKind) -> Vec<ActorRef> {
        self.actors
            .iter()
            .filter(|a| a.kind == kind)
            .cloned()
            .collect()
    }

    /// The id of the actor with this acronym (reference institutions).
    pub fn acronym(&self, acronym: &str) -> AppResult<i64> {
        self.actors
            .iter()
            .find(|a| a.acronym.as_deref() == Some(acronym))
            .map(|a| a.id)
            .ok_or_else(|| AppError::internal(format!("demo: no actor with acronym {acronym}")))
    }

    /// The seats of `actors` that are known (deduplicated, in the order given).
    pub fn seats(&self, actors: &[i64]) -> Vec<i64> {
        let mut seats = Vec::new();
        for id in actors {
            if let Some(seat) = self.actor(*id).and_then(|a| a.seat)
                && !seats.contains(&seat)
            {
                seats.push(seat);
            }
        }
        seats
    }

    /// The circumscriptions covering any of `territories` (sorted, deduplicated).
    pub fn circumscriptions(&self, territories: &[i64]) -> Vec<i64> {
        let mut all: Vec<i64> = territories
            .iter()
            .filter_map(|t| self.circumscriptions_of.get(t))
            .flatten()
            .copied()
            .collect();
        all.sort_unstable();
        all.dedup();
        all
    }

    /// Records which circumscriptions a new record belongs to, derived from its territories;
    /// returns them (for its activity entry).
    pub fn scope(&mut self, record: RecordType, id: i64, territories: &[i64]) -> Vec<i64> {
        let circs = self.circumscriptions(territories);
        for c in &circs {
            self.scope_rows.push((record, id, *c));
        }
        circs
    }

    pub fn log(&mut self, entry: Entry) {
        self.entries.push(entry);
    }

    pub fn author(&self) -> Option<String> {
        Some(AUTHOR.to_owned())
    }

    // --- randomness helpers -------------------------------------------------------------

    /// A day in `[from, to]` (inclusive).
    pub fn day_between(&mut self, from: NaiveDate, to: NaiveDate) -> NaiveDate {
        let span = (to - from).num_days().max(0) as u64;
        from + chrono::Days::new(self.rng.below(span + 1))
    }

    /// Mostly public or internal, sometimes restricted: `[public, internal]` in percent.
    pub fn sensitivity(&mut self, public: u64, internal: u64) -> Sensitivity {
        let roll = self.rng.below(100);
        if roll < public {
            Sensitivity::Public
        } else if roll < public + internal {
            Sensitivity::Internal
        } else {
            Sensitivity::Restricted
        }
    }

    /// `count` distinct elements of `items` (all of them if there are fewer), in drawn order.
    pub fn sample<T: Clone>(&mut self, items: &[T], count: usize) -> Vec<T> {
        let mut indexes: Vec<usize> = (0..items.len()).collect();
        let mut out = Vec::new();
        while out.len() < count && !indexes.is_empty() {
            let i = self.rng.index(indexes.len());
            out.push(items[indexes.swap_remove(i)].clone());
        }
        out
    }

    // --- writing ------------------------------------------------------------------------

    /// Inserts rows in multi-row statements sized under the bind-parameter limits.
    pub async fn insert<A>(&self, rows: Vec<A>) -> AppResult<()>
    where
        A: ActiveModelTrait + Send,
    {
        let columns = <A::Entity as EntityTrait>::Column::iter().count().max(1);
        let chunk = (MAX_BIND_PARAMETERS / columns).max(1);
        let mut rows = rows.into_iter().peekable();
        while rows.peek().is_some() {
            let batch: Vec<A> = rows.by_ref().take(chunk).collect();
            <A::Entity as EntityTrait>::insert_many(batch)
                .exec_without_returning(self.txn)
                .await?;
        }
        Ok(())
    }

    /// Inserts rows written by the demo and returns their new ids, in the order of `rows`.
    ///
    /// The ids are read back (rows of this author above the previous highest id, by id):
    /// both backends number the rows of one multi-row insert in order, and `labels` — one
    /// column's value per row — checks that the order read back is the order written.
    pub async fn insert_ids<A, V>(
        &self,
        rows: Vec<A>,
        labels: &[V],
        keys: Keys<A::Entity>,
    ) -> AppResult<Vec<i64>>
    where
        A: ActiveModelTrait + Send,
        V: TryGetable + PartialEq + std::fmt::Debug,
    {
        let table = <A::Entity as Default>::default();
        let before: Option<i64> = <A::Entity as EntityTrait>::find()
            .select_only()
            .column_as(keys.id.max(), "max_id")
            .into_tuple::<Option<i64>>()
            .one(self.txn)
            .await?
            .flatten();
        let count = rows.len();
        self.insert(rows).await?;
        let read: Vec<(i64, V)> = <A::Entity as EntityTrait>::find()
            .select_only()
            .column(keys.id)
            .column(keys.label)
            .filter(keys.id.gt(before.unwrap_or(0)))
            .filter(keys.author.eq(AUTHOR))
            .order_by_asc(keys.id)
            .into_tuple()
            .all(self.txn)
            .await?;
        let in_order = read.len() == count && read.iter().zip(labels).all(|((_, l), e)| l == e);
        if !in_order {
            return Err(AppError::internal(format!(
                "demo: the new rows of {} could not be matched with their ids",
                sea_orm::EntityName::table_name(&table)
            )));
        }
        Ok(read.into_iter().map(|(id, _)| id).collect())
    }

    /// Writes the gathered `record_circumscriptions` rows.
    pub async fn flush_scope(&mut self) -> AppResult<()> {
        let mut rows = std::mem::take(&mut self.scope_rows);
        rows.sort_by_key(|(t, id, c)| (t.as_str(), *id, *c));
        rows.dedup();
        self.insert(
            rows.into_iter()
                .map(|(t, id, c)| record_circumscription::ActiveModel {
                    record_type: Set(t),
                    record_id: Set(id),
                    circumscription_id: Set(c),
                })
                .collect(),
        )
        .await
    }

    /// Writes the gathered activity entries after position `counter` and moves the counter;
    /// returns how many were written.
    pub async fn flush_log(&mut self, counter: i64) -> AppResult<usize> {
        let entries = std::mem::take(&mut self.entries);
        log::write(self, entries, counter).await
    }
}
