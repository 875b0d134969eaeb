//! Batched inserts: many rows per `INSERT … VALUES (…), (…), …` statement, as many as the
//! backend's limit on bind parameters allows (SQLite: 32,766 per statement; PostgreSQL:
//! 65,535, the protocol's 16-bit count). One statement per chunk, through the entity's
//! `insert_many`, so the rows are written exactly as sea-orm writes them elsewhere.
//!
//! [`Batch`] collects rows as they are generated and sends a statement whenever a chunk is
//! full, so a large load never holds more than one chunk of active models in memory.

use sea_orm::{ActiveModelTrait, ConnectionTrait, DbBackend, EntityTrait, Iterable};

use crate::error::AppResult;

/// SQLite's default `SQLITE_MAX_VARIABLE_NUMBER` (since 3.32).
pub const SQLITE_MAX_BIND_PARAMS: usize = 32_766;
/// PostgreSQL's limit: the wire protocol counts parameters in 16 bits.
pub const POSTGRES_MAX_BIND_PARAMS: usize = 65_535;

/// The most bind parameters one statement may carry on `backend`.
pub fn max_bind_params(backend: DbBackend) -> usize {
    match backend {
        DbBackend::Postgres | DbBackend::MySql => POSTGRES_MAX_BIND_PARAMS,
        // SQLite, and anything unknown: the smaller limit.
        _ => SQLITE_MAX_BIND_PARAMS,
    }
}

/// How many rows of `columns` values fit in one statement on `backend` (at least one).
pub fn rows_per_statement(backend: DbBackend, columns: usize) -> usize {
    (max_bind_params(backend) / columns.max(1)).max(1)
}

/// The number of columns of `E` (an upper bound on the values a row binds: columns left
/// unset are not sent).
pub fn columns_of<E: EntityTrait>() -> usize {
    E::Column::iter().count()
}

/// Rows of one table waiting to be inserted; sends a multi-row `INSERT` each time a chunk is
/// full. Call [`Batch::finish`] to send the rest: rows still pending when a `Batch` is
/// dropped are not written.
pub struct Batch<'c, A, C>
where
    A: ActiveModelTrait,
    C: ConnectionTrait,
{
    conn: &'c C,
    pending: Vec<A>,
    per_statement: usize,
    inserted: u64,
    statements: u64,
}

impl<'c, A, C> Batch<'c, A, C>
where
    A: ActiveModelTrait + Send,
    C: ConnectionTrait,
{
    /// A batch for the entity of `A` on `conn`, chunked for `conn`'s backend.
    pub fn new(conn: &'c C) -> Self {
        let per_statement =
            rows_per_statement(conn.get_database_backend(), columns_of::<A::Entity>());
        Self::with_chunk(conn, per_statement)
    }

    /// A batch that sends at most `per_statement` rows at a time (at least one). The caller
    /// answers for staying under the backend's bind-parameter limit.
    pub fn with_chunk(conn: &'c C, per_statement: usize) -> Self {
        let per_statement = per_statement.max(1);
        Self {
            conn,
            pending: Vec::with_capacity(per_statement.min(4_096)),
            per_statement,
            inserted: 0,
            statements: 0,
        }
    }

    /// Adds a row; sends a statement if the chunk is full.
    pub async fn push(&mut self, row: A) -> AppResult<()> {
        self.pending.push(row);
        if self.pending.len() >= self.per_statement {
            self.flush().await?;
        }
        Ok(())
    }

    /// Sends the pending rows, if any.
    pub async fn flush(&mut self) -> AppResult<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let chunk = std::mem::replace(
            &mut self.pending,
            Vec::with_capacity(self.per_statement.min(4_096)),
        );
        let rows = chunk.len() as u64;
        A::Entity::insert_many(chunk)
            .exec_without_returning(self.conn)
            .await?;
        self.inserted += rows;
        self.statements += 1;
        Ok(())
    }

    /// Sends the pending rows; returns how many rows this batch inserted in all.
    pub async fn finish(mut self) -> AppResult<u64> {
        self.flush().await?;
        Ok(self.inserted)
    }

    /// The most rows one statement of this batch carries.
    pub fn rows_per_statement(&self) -> usize {
        self.per_statement
    }

    /// Rows sent so far.
    pub fn inserted(&self) -> u64 {
        self.inserted
    }

    /// Statements sent so far.
    pub fn statements(&self) -> u64 {
        self.statements
    }
}

/// Inserts `rows` into the entity's table in as few statements as the backend allows;
/// returns the number of rows inserted.
pub async fn insert_all<A, C>(conn: &C, rows: impl IntoIterator<Item = A>) -> AppResult<u64>
where
    A: ActiveModelTrait + Send,
    C: ConnectionTrait,
{
    let mut batch = Batch::new(conn);
    for row in rows {
        batch.push(row).await?;
    }
    batch.finish().await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::{actor, record_circumscription};

    #[test]
    fn chunks_stay_under_each_backends_bind_limit() {
        for backend in [DbBackend::Sqlite, DbBackend::Postgres] {
            for columns in [1, 2, 3, 7, 33, 40] {
                let rows = rows_per_statement(backend, columns);
                assert!(rows >= 1);
                assert!(rows * columns <= max_bind_params(backend));
                // As many as fit: one more row would cross the limit.
                assert!((rows + 1) * columns > max_bind_params(backend));
            }
        }
        assert_eq!(rows_per_statement(DbBackend::Sqlite, 3), 10_922);
        assert_eq!(rows_per_statement(DbBackend::Postgres, 3), 21_845);
        assert_eq!(rows_per_statement(DbBackend::Postgres, 100_000), 1);
    }

    #[test]
    fn columns_are_counted_from_the_entity() {
        assert_eq!(columns_of::<record_circumscription::Entity>(), 3);
        assert!(columns_of::<actor::Entity>() > 30);
    }
}
