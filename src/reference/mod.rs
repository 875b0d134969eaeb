//! The public reference data (`data/reference/*.csv`), embedded in the binary and loaded
//! idempotently: every record is matched by its natural key (a territory's code, an actor's
//! kind and French name, a partnership's title …) and only missing ones are inserted, in one
//! transaction. Running it twice changes nothing.

mod csv_rows;
mod loader;

pub use loader::JOINT_FUND_NAME;

use std::fmt;

use sea_orm::TransactionTrait;

use crate::db::Database;
use crate::error::AppResult;

/// How many records of each kind a load inserted.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct LoadReport {
    pub territories: usize,
    pub circumscriptions: usize,
    pub coverage: usize,
    pub actors: usize,
    pub partnerships: usize,
    pub calls: usize,
    pub funds: usize,
}

impl LoadReport {
    pub fn total(&self) -> usize {
        self.territories
            + self.circumscriptions
            + self.coverage
            + self.actors
            + self.partnerships
            + self.calls
            + self.funds
    }
}

impl fmt::Display for LoadReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} territories, {} circumscriptions, {} coverage entries, {} actors, {} partnerships, \
             {} calls for proposals, {} funds inserted",
            self.territories,
            self.circumscriptions,
            self.coverage,
            self.actors,
            self.partnerships,
            self.calls,
            self.funds
        )
    }
}

/// Inserts whatever reference data is missing, in one transaction.
pub async fn load(db: &Database) -> AppResult<LoadReport> {
    let txn = db.writer.begin().await?;
    let report = loader::Loader::new(&txn).run().await?;
    txn.commit().await?;
    Ok(report)
}
