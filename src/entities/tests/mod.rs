//! The entities agree with the schema the migrations build, on SQLite and on PostgreSQL:
//! same tables, same columns (name, type, nullability, primary key), and a row of every table
//! written and read back through the entities unchanged.
//!
//! PostgreSQL runs when `TEST_DATABASE_URL` names a server (e.g.
//! `postgres://postgres@127.0.0.1:5432/postgres`): the test creates a scratch database there
//! and drops it afterwards, and fails if the server is unreachable.

mod columns;
mod rows;

use std::error::Error;
use std::time::Duration;

use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection};

type TestResult<T = ()> = Result<T, Box<dyn Error>>;

/// On the suite's database: PostgreSQL when `TEST_DATABASE_URL` names a server, SQLite otherwise
/// (so each run of the suite checks exactly one backend, and none is skipped).
#[tokio::test]
async fn entities_match_the_schema() -> TestResult {
    match std::env::var("TEST_DATABASE_URL")
        .ok()
        .filter(|u| !u.is_empty())
    {
        Some(server) => on_postgres(&server).await,
        None => on_sqlite().await,
    }
}

async fn on_sqlite() -> TestResult {
    let dir = tempfile::tempdir()?;
    let url = format!(
        "sqlite://{}?mode=rwc",
        dir.path().join("entities.db").display()
    );
    let mut options = ConnectOptions::new(url);
    options.max_connections(1).sqlx_logging(false);
    let db = Database::connect(options).await?;
    db.execute_unprepared("PRAGMA foreign_keys = ON").await?;
    check(&db).await?;
    db.close().await?;
    Ok(())
}

async fn on_postgres(server: &str) -> TestResult {
    let admin = connect(server).await?;
    let name = format!("ph_test_entities_{}_{}", std::process::id(), nanos());
    admin
        .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
        .await?;

    let outcome = async {
        let db = connect(&with_database(server, &name)?).await?;
        check(&db).await?;
        db.close().await?;
        TestResult::Ok(())
    }
    .await;

    admin
        .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
        .await?;
    admin.close().await?;
    outcome
}

async fn check(db: &DatabaseConnection) -> TestResult {
    Migrator::up(db, None).await?;
    columns::every_table_matches(db).await?;
    rows::every_table_round_trips(db).await
}

async fn connect(url: &str) -> TestResult<DatabaseConnection> {
    let mut options = ConnectOptions::new(url);
    options
        .acquire_timeout(Duration::from_secs(5))
        .connect_timeout(Duration::from_secs(5))
        .sqlx_logging(false);
    Ok(Database::connect(options).await?)
}

fn nanos() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default()
}

/// The server URL with its database replaced by `name` (query parameters kept).
fn with_database(server: &str, name: &str) -> TestResult<String> {
    let (base, query) = match server.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (server, None),
    };
    let authority = base.find("://").ok_or("TEST_DATABASE_URL has no scheme")? + 3;
    let base = match base[authority..].find('/') {
        Some(slash) => &base[..authority + slash],
        None => base,
    };
    Ok(match query {
        Some(query) => format!("{base}/{name}?{query}"),
        None => format!("{base}/{name}"),
    })
}
