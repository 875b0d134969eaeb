//! The write path every mutation goes through: one transaction per mutation, idempotent
//! creates, optimistic concurrency, audit stamps and the activity-log entry — all in the same
//! transaction, so a mutation either happens whole (record, children, circumscriptions, log
//! entry, idempotency key) or not at all.
//!
//! ```text
//! let mut w = match Writer::create(svc, key, &command).await? {
//!     Begun::Fresh(w) => w,
//!     Begun::Replayed(id) => return Ok(id),   // a retry: the original result
//! };
//! … inserts through w.txn(), stamped with w.stamp() …
//! w.log(Entry::new(ActivityKind::ProjectCreated, RecordType::Project, id, sensitivity)…);
//! w.commit(id).await?;
//! ```
//!
//! Why it is shaped this way:
//! - SQLite write transactions begin IMMEDIATE, so a second writer waits for the lock (busy
//!   timeout) instead of failing half-way when it upgrades from reading to writing.
//! - The idempotency key row is inserted first: on PostgreSQL a concurrent request with the same
//!   key blocks on the key's unique index until the first commits, then fails; it then starts
//!   over and finds the committed key — two concurrent requests create one record.
//! - Versions are bumped by a guarded `UPDATE … WHERE version = expected` (never read, compare,
//!   write), which also locks the row until commit on PostgreSQL.
//! - Activity positions come from the counter row, incremented last, just before commit: the
//!   row lock is held only briefly, and positions grow in commit order (a sequence would not:
//!   two transactions can commit out of the order in which they drew their numbers).

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelBehavior, ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction,
    DbErr, EntityTrait, IntoActiveModel, QueryFilter, QuerySelect, Set, SqliteTransactionMode,
    TransactionOptions, TransactionTrait,
};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::ServiceContext;
use crate::auth::Role;
use crate::domain::vocabulary::{ActivityKind, RecordType, Sensitivity};
use crate::entities::{
    activity, activity_actor, activity_circumscription, activity_counter, activity_territory,
    idempotency_key,
};
use crate::error::{AppError, AppResult};

/// Longest idempotency key accepted.
pub const MAX_IDEMPOTENCY_KEY_LEN: usize = 200;

/// How long idempotency keys are kept (the contract promises at least 24 hours).
pub const IDEMPOTENCY_RETENTION: chrono::Duration = chrono::Duration::hours(48);

/// Who wrote and when: the audit columns of every record a mutation touches.
#[derive(Debug, Clone)]
pub struct Stamp {
    pub at: DateTime<Utc>,
    pub by: Option<String>,
}

/// An activity-log entry, written with the mutation it records.
#[derive(Debug, Clone)]
pub struct Entry {
    pub kind: ActivityKind,
    pub subject_type: RecordType,
    pub subject_id: i64,
    /// The sensitivity of what changed, at write time (it decides who may read the entry).
    pub sensitivity: Sensitivity,
    pub actors: Vec<i64>,
    pub territories: Vec<i64>,
    pub circumscriptions: Vec<i64>,
    /// What changed, as references and field names — never personal values.
    pub details: serde_json::Value,
}

impl Entry {
    pub fn new(
        kind: ActivityKind,
        subject_type: RecordType,
        subject_id: i64,
        sensitivity: Sensitivity,
    ) -> Self {
        Self {
            kind,
            subject_type,
            subject_id,
            sensitivity,
            actors: Vec::new(),
            territories: Vec::new(),
            circumscriptions: Vec::new(),
            details: serde_json::Value::Null,
        }
    }

    pub fn actors(mut self, actors: impl IntoIterator<Item = i64>) -> Self {
        self.actors.extend(actors);
        self
    }

    pub fn territories(mut self, territories: impl IntoIterator<Item = i64>) -> Self {
        self.territories.extend(territories);
        self
    }

    pub fn circumscriptions(mut self, circumscriptions: impl IntoIterator<Item = i64>) -> Self {
        self.circumscriptions.extend(circumscriptions);
        self
    }

    pub fn details(mut self, details: serde_json::Value) -> Self {
        self.details = details;
        self
    }
}

/// How a create began: a fresh transaction, or a retry of a request already carried out.
pub enum Begun<'a> {
    Fresh(Writer<'a>),
    /// The key was used before with the same input: the id of the record it created.
    Replayed(i64),
}

/// One mutation's transaction.
pub struct Writer<'a> {
    svc: &'a ServiceContext,
    txn: DatabaseTransaction,
    stamp: Stamp,
    /// The idempotency key claimed by this transaction (author, key).
    claimed: Option<(String, String)>,
    entries: Vec<Entry>,
}

impl<'a> Writer<'a> {
    /// Begins a mutation that needs no idempotency key (updates carry `expectedVersion`).
    /// Anonymous viewers may not write.
    pub async fn begin(svc: &'a ServiceContext) -> AppResult<Writer<'a>> {
        require_author(svc)?;
        let txn = begin_transaction(svc).await?;
        Ok(Self::new(svc, txn))
    }

    /// Begins a create. With a key: a retry with the same key and input answers
    /// [`Begun::Replayed`] with the original record; the same key with another input answers
    /// CONFLICT; two concurrent requests with one key create one record.
    pub async fn create<T: Serialize>(
        svc: &'a ServiceContext,
        key: Option<&str>,
        command: &T,
    ) -> AppResult<Begun<'a>> {
        let author = require_author(svc)?.to_owned();
        let Some(key) = key else {
            let txn = begin_transaction(svc).await?;
            return Ok(Begun::Fresh(Self::new(svc, txn)));
        };
        let key = validate_key(key)?;
        let hash = request_hash(command)?;
        // Two rounds: the second runs only when a concurrent request claimed the same key
        // between our lookup and our insert (its transaction has committed by then).
        for _ in 0..2 {
            let txn = begin_transaction(svc).await?;
            if let Some(found) = lookup_key(&txn, &author, &key).await? {
                txn.rollback().await?;
                return replay(found, &hash);
            }
            let claim = idempotency_key::ActiveModel {
                author: Set(author.clone()),
                key: Set(key.clone()),
                request_hash: Set(hash.clone()),
                response: Set(None),
                created_at: Set(Utc::now()),
            };
            match idempotency_key::Entity::insert(claim).exec(&txn).await {
                Ok(_) => {
                    let mut writer = Self::new(svc, txn);
                    writer.claimed = Some((author, key));
                    return Ok(Begun::Fresh(writer));
                }
                Err(err) if is_unique_violation(&err) => {
                    txn.rollback().await?;
                }
                Err(err) => return Err(err.into()),
            }
        }
        Err(AppError::Conflict {
            message: "another request with this idempotency key is in progress; retry".to_owned(),
            details: Vec::new(),
        })
    }

    fn new(svc: &'a ServiceContext, txn: DatabaseTransaction) -> Self {
        Self {
            svc,
            txn,
            stamp: Stamp {
                at: Utc::now(),
                by: svc.viewer.author().map(str::to_owned),
            },
            claimed: None,
            entries: Vec::new(),
        }
    }

    /// The transaction: every statement of the mutation goes through it.
    pub fn txn(&self) -> &DatabaseTransaction {
        &self.txn
    }

    pub fn svc(&self) -> &ServiceContext {
        self.svc
    }

    /// The audit stamp of this mutation (one instant for every row it touches).
    pub fn stamp(&self) -> &Stamp {
        &self.stamp
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.stamp.at
    }

    pub fn author(&self) -> Option<String> {
        self.stamp.by.clone()
    }

    /// Records the activity-log entry of this mutation (written at commit).
    pub fn log(&mut self, entry: Entry) {
        self.entries.push(entry);
    }

    /// Bumps the version of the row `id` of `E` from `expected` (the client's
    /// `expectedVersion`) and stamps it updated. A stale version answers CONFLICT with
    /// `currentVersion`; an unknown id NOT_FOUND (`what` names the record in messages).
    pub async fn bump_version<E>(&self, id: i64, expected: i32, what: &str) -> AppResult<()>
    where
        E: EntityTrait,
        E::Column: AuditColumns,
    {
        let result = E::update_many()
            .col_expr(E::Column::version(), Expr::col(E::Column::version()).add(1))
            .col_expr(E::Column::updated_at(), Expr::value(self.stamp.at))
            .col_expr(E::Column::updated_by(), Expr::value(self.stamp.by.clone()))
            .filter(E::Column::id().eq(id))
            .filter(E::Column::version().eq(expected))
            .exec(&self.txn)
            .await?;
        if result.rows_affected == 1 {
            return Ok(());
        }
        let current: Option<i32> = E::find()
            .select_only()
            .column(E::Column::version())
            .filter(E::Column::id().eq(id))
            .into_tuple()
            .one(&self.txn)
            .await?;
        match current {
            Some(current) => Err(stale(what, expected, current)),
            None => Err(AppError::NotFound(format!("no such {what}"))),
        }
    }

    /// Writes `row`, patched after [`Writer::bump_version`], leaving its version and audit
    /// columns as that guarded bump set them.
    pub async fn save_patched<A>(
        &self,
        mut row: A,
    ) -> Result<<A::Entity as EntityTrait>::Model, DbErr>
    where
        A: ActiveModelTrait + ActiveModelBehavior + Send,
        <A::Entity as EntityTrait>::Model: IntoActiveModel<A>,
        <A::Entity as EntityTrait>::Column: AuditColumns,
    {
        row.not_set(<<A::Entity as EntityTrait>::Column as AuditColumns>::version());
        row.not_set(<<A::Entity as EntityTrait>::Column as AuditColumns>::updated_at());
        row.not_set(<<A::Entity as EntityTrait>::Column as AuditColumns>::updated_by());
        row.update(&self.txn).await
    }

    /// Bumps the version of a parent whose child is being edited, whatever its current
    /// version (the parent's own edit would carry `expectedVersion`; a child edit is checked
    /// against the child's parent version by the caller when it has one).
    pub async fn touch<E>(&self, id: i64) -> AppResult<()>
    where
        E: EntityTrait,
        E::Column: AuditColumns,
    {
        E::update_many()
            .col_expr(E::Column::version(), Expr::col(E::Column::version()).add(1))
            .col_expr(E::Column::updated_at(), Expr::value(self.stamp.at))
            .col_expr(E::Column::updated_by(), Expr::value(self.stamp.by.clone()))
            .filter(E::Column::id().eq(id))
            .exec(&self.txn)
            .await?;
        Ok(())
    }

    /// Archives (`archive = true`) or restores row `id` of `E`: refuses a change that changes
    /// nothing (BAD_USER_INPUT on `input.id`), bumps the version from `expected` unless the
    /// caller already did (`None`), and sets or clears `archived_at`.
    pub async fn set_archived<E>(
        &self,
        id: i64,
        expected: Option<i32>,
        archive: bool,
        currently_archived: bool,
        what: &str,
    ) -> AppResult<()>
    where
        E: EntityTrait,
        E::Column: Archivable,
    {
        if archive == currently_archived {
            let state = if archive {
                "already archived"
            } else {
                "not archived"
            };
            return Err(AppError::bad_input(
                "input.id",
                format!("this {what} is {state}"),
            ));
        }
        if let Some(expected) = expected {
            self.bump_version::<E>(id, expected, what).await?;
        }
        E::update_many()
            .col_expr(
                E::Column::archived_at(),
                Expr::value(archive.then_some(self.stamp.at)),
            )
            .filter(E::Column::id().eq(id))
            .exec(&self.txn)
            .await?;
        Ok(())
    }

    /// Writes the activity entries at the next positions, completes the idempotency key with
    /// `subject_id`, and commits.
    pub async fn commit(self, subject_id: i64) -> AppResult<()> {
        if self.entries.is_empty() {
            return Err(AppError::internal(
                "a mutation must record an activity entry",
            ));
        }
        append_entries(&self.txn, &self.stamp, self.entries).await?;
        if let Some((author, key)) = self.claimed {
            idempotency_key::Entity::update_many()
                .col_expr(
                    idempotency_key::Column::Response,
                    Expr::value(serde_json::json!({ "id": subject_id }).to_string()),
                )
                .filter(idempotency_key::Column::Author.eq(author))
                .filter(idempotency_key::Column::Key.eq(key))
                .exec(&self.txn)
                .await?;
        }
        self.txn.commit().await?;
        Ok(())
    }
}

/// The CONFLICT answered for a stale `expectedVersion`.
pub fn stale(what: &str, expected: i32, current: i32) -> AppError {
    AppError::Conflict {
        message: format!(
            "the {what} has changed since version {expected} (now version {current}); \
             reload it and retry"
        ),
        details: vec![("currentVersion", async_graphql::Value::from(current))],
    }
}

/// Columns every audited table has.
pub trait AuditColumns: ColumnTrait {
    fn id() -> Self;
    fn version() -> Self;
    fn updated_at() -> Self;
    fn updated_by() -> Self;
}

/// Columns of network records, which are archived rather than deleted.
pub trait Archivable: AuditColumns {
    fn archived_at() -> Self;
}

macro_rules! archivable {
    ($($entity:ident),+ $(,)?) => {
        $(
            impl Archivable for crate::entities::$entity::Column {
                fn archived_at() -> Self { Self::ArchivedAt }
            }
        )+
    };
}

archivable!(actor, project, partnership, event, exchange);

/// Implements [`AuditColumns`] for the `Column` enums of audited entities.
#[macro_export]
macro_rules! audited {
    ($($entity:ident),+ $(,)?) => {
        $(
            impl $crate::services::write::AuditColumns for $crate::entities::$entity::Column {
                fn id() -> Self { Self::Id }
                fn version() -> Self { Self::Version }
                fn updated_at() -> Self { Self::UpdatedAt }
                fn updated_by() -> Self { Self::UpdatedBy }
            }
        )+
    };
}

audited!(
    actor,
    person,
    contact_point,
    project,
    partnership,
    event,
    exchange,
    fund,
    fund_allocation,
    call,
    application,
    territory,
    circumscription,
);

/// Writers must be authenticated; the author recorded is the token subject.
fn require_author(svc: &ServiceContext) -> AppResult<&str> {
    match (svc.viewer.role, svc.viewer.author()) {
        (Role::Anonymous, _) | (_, None) => Err(AppError::Unauthenticated(
            "sign in to change the network's data".to_owned(),
        )),
        (_, Some(author)) => Ok(author),
    }
}

async fn begin_transaction(svc: &ServiceContext) -> AppResult<DatabaseTransaction> {
    let options = TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..Default::default()
    };
    Ok(svc.db.writer.begin_with_options(options).await?)
}

fn validate_key(key: &str) -> AppResult<String> {
    let key = key.trim();
    if key.is_empty() || key.len() > MAX_IDEMPOTENCY_KEY_LEN {
        return Err(AppError::bad_input(
            "input.idempotencyKey",
            format!("an idempotency key has 1 to {MAX_IDEMPOTENCY_KEY_LEN} characters"),
        ));
    }
    if key.chars().any(char::is_control) {
        return Err(AppError::bad_input(
            "input.idempotencyKey",
            "an idempotency key cannot contain control characters",
        ));
    }
    Ok(key.to_owned())
}

/// The fingerprint of a create's input: the same key with another input is a conflict.
fn request_hash<T: Serialize>(command: &T) -> AppResult<String> {
    let bytes = serde_json::to_vec(command).map_err(AppError::internal)?;
    let digest = Sha256::digest(&bytes);
    Ok(digest.iter().map(|b| format!("{b:02x}")).collect())
}

async fn lookup_key(
    txn: &DatabaseTransaction,
    author: &str,
    key: &str,
) -> AppResult<Option<idempotency_key::Model>> {
    Ok(idempotency_key::Entity::find()
        .filter(idempotency_key::Column::Author.eq(author))
        .filter(idempotency_key::Column::Key.eq(key))
        .filter(idempotency_key::Column::CreatedAt.gte(Utc::now() - IDEMPOTENCY_RETENTION))
        .one(txn)
        .await?)
}

fn replay(found: idempotency_key::Model, hash: &str) -> AppResult<Begun<'static>> {
    if found.request_hash != hash {
        return Err(AppError::Conflict {
            message: "this idempotency key was used for a different input".to_owned(),
            details: Vec::new(),
        });
    }
    let id = found
        .response
        .as_deref()
        .and_then(|r| serde_json::from_str::<serde_json::Value>(r).ok())
        .and_then(|v| v.get("id").and_then(serde_json::Value::as_i64))
        .ok_or_else(|| AppError::internal("an idempotency key without its response"))?;
    Ok(Begun::Replayed(id))
}

/// Whether a database error is a unique-constraint violation.
pub fn is_unique_violation(err: &sea_orm::DbErr) -> bool {
    matches!(
        err.sql_err(),
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
    )
}

/// Whether a database error is a CHECK-constraint violation (the fund envelope's last line).
pub fn is_check_violation(err: &sea_orm::DbErr) -> bool {
    let text = err.to_string();
    text.contains("CHECK constraint failed") || text.contains("violates check constraint")
}

/// Deletes idempotency keys older than the retention period. Run periodically by the server.
pub async fn purge_idempotency_keys<C: ConnectionTrait>(conn: &C) -> AppResult<u64> {
    let result = idempotency_key::Entity::delete_many()
        .filter(idempotency_key::Column::CreatedAt.lt(Utc::now() - IDEMPOTENCY_RETENTION))
        .exec(conn)
        .await?;
    Ok(result.rows_affected)
}

/// Takes the next positions from the counter row and writes the entries there.
async fn append_entries(
    txn: &DatabaseTransaction,
    stamp: &Stamp,
    entries: Vec<Entry>,
) -> AppResult<()> {
    let count = i64::try_from(entries.len()).map_err(AppError::internal)?;
    activity_counter::Entity::update_many()
        .col_expr(
            activity_counter::Column::Position,
            Expr::col(activity_counter::Column::Position).add(count),
        )
        .filter(activity_counter::Column::Id.eq(1))
        .exec(txn)
        .await?;
    let last: i64 = activity_counter::Entity::find_by_id(1)
        .one(txn)
        .await?
        .map(|c| c.position)
        .ok_or_else(|| AppError::internal("the activity counter row is missing"))?;
    let mut position = last - count;
    for mut entry in entries {
        position += 1;
        for list in [
            &mut entry.actors,
            &mut entry.territories,
            &mut entry.circumscriptions,
        ] {
            list.sort_unstable();
            list.dedup();
        }
        activity::ActiveModel {
            position: Set(position),
            at: Set(stamp.at),
            kind: Set(entry.kind),
            subject_type: Set(entry.subject_type),
            subject_id: Set(entry.subject_id),
            sensitivity: Set(entry.sensitivity),
            author: Set(stamp.by.clone()),
            details: Set(match &entry.details {
                serde_json::Value::Null => None,
                details => Some(details.to_string()),
            }),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        if !entry.actors.is_empty() {
            activity_actor::Entity::insert_many(entry.actors.iter().map(|a| {
                activity_actor::ActiveModel {
                    position: Set(position),
                    actor_id: Set(*a),
                }
            }))
            .exec(txn)
            .await?;
        }
        if !entry.territories.is_empty() {
            activity_territory::Entity::insert_many(entry.territories.iter().map(|t| {
                activity_territory::ActiveModel {
                    position: Set(position),
                    territory_id: Set(*t),
                }
            }))
            .exec(txn)
            .await?;
        }
        if !entry.circumscriptions.is_empty() {
            activity_circumscription::Entity::insert_many(entry.circumscriptions.iter().map(|c| {
                activity_circumscription::ActiveModel {
                    position: Set(position),
                    circumscription_id: Set(*c),
                }
            }))
            .exec(txn)
            .await?;
        }
    }
    Ok(())
}
