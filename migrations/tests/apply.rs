//! The schema history applies, rolls back and applies again, on SQLite and on PostgreSQL, and
//! the schema keeps the promises of `docs/data-model.md` (surrogate keys, indexed foreign keys,
//! the fund's CHECK constraint, the activity counter's single row).
//!
//! It runs on SQLite (a file in a scratch directory), or on PostgreSQL when `TEST_DATABASE_URL`
//! names a server (e.g. `postgres://postgres@127.0.0.1:5432/postgres`): the test creates its own
//! scratch database there (`ph_test_…`, which CI's cleanup also removes) and drops it
//! afterwards, and fails if the server is unreachable.

use std::error::Error;
use std::path::PathBuf;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use migration::sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, QueryResult,
    Statement,
};
use migration::{Migrator, MigratorTrait};

type TestResult<T = ()> = Result<T, Box<dyn Error>>;

/// Every table of the data model, sorted.
const TABLES: &[&str] = &[
    "activities",
    "activity_actors",
    "activity_circumscriptions",
    "activity_counter",
    "activity_territories",
    "actor_themes",
    "actors",
    "agreements",
    "application_applicants",
    "applications",
    "budget_lines",
    "call_themes",
    "calls",
    "circumscription_coverage",
    "circumscriptions",
    "contact_points",
    "event_attendees",
    "event_participants",
    "events",
    "exchange_participants",
    "exchange_parties",
    "exchanges",
    "fund_allocations",
    "fund_contributions",
    "funds",
    "idempotency_keys",
    "partnership_members",
    "partnership_projects",
    "partnership_themes",
    "partnerships",
    "persons",
    "project_locations",
    "project_participants",
    "project_sdgs",
    "project_sectors",
    "project_themes",
    "project_transactions",
    "projects",
    "record_circumscriptions",
    "territories",
];

/// Tables keyed by something other than an auto-increment `id`.
const WITHOUT_SURROGATE_KEY: &[&str] = &[
    "activity_actors",
    "activity_circumscriptions",
    "activity_counter",
    "activity_territories",
    "actor_themes",
    "application_applicants",
    "call_themes",
    "exchange_participants",
    "idempotency_keys",
    "partnership_projects",
    "partnership_themes",
    "project_locations",
    "project_sdgs",
    "project_sectors",
    "project_themes",
    "record_circumscriptions",
];

/// On the suite's database: PostgreSQL when `TEST_DATABASE_URL` names a server, SQLite otherwise
/// (so each run of the suite checks exactly one backend, and none is skipped).
#[tokio::test]
async fn history_applies_rolls_back_and_reapplies() -> TestResult {
    match std::env::var("TEST_DATABASE_URL")
        .ok()
        .filter(|u| !u.is_empty())
    {
        Some(server) => on_postgres(&server).await,
        None => on_sqlite().await,
    }
}

async fn on_sqlite() -> TestResult {
    let dir = scratch_dir()?;
    let url = format!("sqlite://{}?mode=rwc", dir.join("schema.db").display());
    let mut options = ConnectOptions::new(url);
    options.max_connections(1).sqlx_logging(false);
    let db = Database::connect(options).await?;
    db.execute_unprepared("PRAGMA foreign_keys = ON").await?;
    assert_eq!(scalar_i64(&db, "PRAGMA foreign_keys").await?, 1);

    round_trip(&db).await?;
    sqlite_keys_and_indexes(&db).await?;

    db.close().await?;
    std::fs::remove_dir_all(dir)?;
    Ok(())
}

async fn on_postgres(server: &str) -> TestResult {
    let admin = connect(server).await?;
    let name = format!("ph_test_migrations_{}", unique_suffix());
    admin
        .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
        .await?;

    let outcome = async {
        let db = connect(&with_database(server, &name)?).await?;
        round_trip(&db).await?;
        postgres_keys(&db).await?;
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

async fn connect(url: &str) -> TestResult<DatabaseConnection> {
    let mut options = ConnectOptions::new(url);
    options
        .acquire_timeout(Duration::from_secs(5))
        .connect_timeout(Duration::from_secs(5))
        .sqlx_logging(false);
    Ok(Database::connect(options).await?)
}

/// up, down, up — checking the tables each time — then the invariants the DDL carries.
async fn round_trip(db: &DatabaseConnection) -> TestResult {
    Migrator::up(db, None).await?;
    assert_eq!(tables(db).await?, TABLES);

    Migrator::down(db, None).await?;
    assert_eq!(
        tables(db).await?,
        Vec::<String>::new(),
        "down leaves tables"
    );

    Migrator::up(db, None).await?;
    assert_eq!(tables(db).await?, TABLES);
    assert!(Migrator::get_pending_migrations(db).await?.is_empty());

    activity_counter_has_one_row(db).await?;
    fund_envelope_is_checked(db).await?;
    foreign_keys_are_enforced(db).await
}

async fn activity_counter_has_one_row(db: &DatabaseConnection) -> TestResult {
    let row = one(db, "SELECT id, position FROM activity_counter").await?;
    assert_eq!(row.try_get_by_index::<i64>(0)?, 1);
    assert_eq!(row.try_get_by_index::<i64>(1)?, 0);
    assert_eq!(
        scalar_i64(db, "SELECT COUNT(*) FROM activity_counter").await?,
        1
    );
    let second = "INSERT INTO activity_counter (id, position) VALUES (2, 0)";
    assert!(
        db.execute_unprepared(second).await.is_err(),
        "second counter row"
    );
    Ok(())
}

async fn fund_envelope_is_checked(db: &DatabaseConnection) -> TestResult {
    let fund = |committed: i64| {
        format!(
            "INSERT INTO funds (name_fr, currency, envelope_minor, committed_minor, \
             created_at, updated_at) VALUES ('Fonds conjoint', 'EUR', 180000000, {committed}, \
             '2026-11-29T00:00:00Z', '2026-11-29T00:00:00Z')"
        )
    };
    assert!(
        db.execute_unprepared(&fund(180_000_001)).await.is_err(),
        "above envelope"
    );
    assert!(db.execute_unprepared(&fund(-1)).await.is_err(), "negative");
    db.execute_unprepared(&fund(0)).await?;
    // Defaults: INTERNAL sensitivity, version 1.
    let row = one(db, "SELECT sensitivity, version FROM funds").await?;
    assert_eq!(row.try_get_by_index::<String>(0)?, "INTERNAL");
    assert_eq!(row.try_get_by_index::<i32>(1)?, 1);
    // The guarded update the service uses: refused by the WHERE first, by the CHECK behind it.
    let guarded = "UPDATE funds SET committed_minor = committed_minor + 180000000 \
                   WHERE committed_minor + 180000000 <= envelope_minor";
    assert_eq!(db.execute_unprepared(guarded).await?.rows_affected(), 1);
    assert_eq!(db.execute_unprepared(guarded).await?.rows_affected(), 0);
    let unguarded = "UPDATE funds SET committed_minor = committed_minor + 1";
    assert!(
        db.execute_unprepared(unguarded).await.is_err(),
        "CHECK behind the guard"
    );
    db.execute_unprepared("DELETE FROM funds").await?;
    Ok(())
}

async fn foreign_keys_are_enforced(db: &DatabaseConnection) -> TestResult {
    let orphan = "INSERT INTO territories (code, level, parent_id, name_fr, search_key, \
                  created_at, updated_at) VALUES ('MA-XX', 'PROVINCE', 999, 'Nulle part', \
                  'nulle part', '2026-11-29T00:00:00Z', '2026-11-29T00:00:00Z')";
    assert!(
        db.execute_unprepared(orphan).await.is_err(),
        "FK not enforced"
    );
    let ownerless = "INSERT INTO contact_points (kind, value, created_at, updated_at) \
                     VALUES ('EMAIL', 'x@example.org', '2026-11-29T00:00:00Z', \
                     '2026-11-29T00:00:00Z')";
    assert!(
        db.execute_unprepared(ownerless).await.is_err(),
        "contact without owner"
    );
    Ok(())
}

/// Surrogate keys are `integer PRIMARY KEY AUTOINCREMENT` (the rowid alias); every foreign key
/// column leads some index; index names fit PostgreSQL's 63-byte limit.
async fn sqlite_keys_and_indexes(db: &DatabaseConnection) -> TestResult {
    for table in TABLES {
        let sql: String = one(
            db,
            &format!("SELECT sql FROM sqlite_master WHERE name = '{table}'"),
        )
        .await?
        .try_get_by_index(0)?;
        let surrogate = sql.contains(r#""id" integer NOT NULL PRIMARY KEY AUTOINCREMENT"#);
        assert_eq!(
            surrogate,
            !WITHOUT_SURROGATE_KEY.contains(table),
            "surrogate key of {table}: {sql}"
        );

        let foreign: Vec<String> = strings(
            db,
            &format!(r#"SELECT "from" FROM pragma_foreign_key_list('{table}')"#),
        )
        .await?;
        let leading: Vec<String> = strings(
            db,
            &format!(
                "SELECT ii.name FROM pragma_index_list('{table}') AS il, \
                 pragma_index_info(il.name) AS ii WHERE ii.seqno = 0"
            ),
        )
        .await?;
        for column in foreign {
            assert!(leading.contains(&column), "{table}.{column} is not indexed");
        }
    }

    for name in strings(db, "SELECT name FROM sqlite_master WHERE type = 'index'").await? {
        assert!(
            name.len() <= 63,
            "index name too long for PostgreSQL: {name}"
        );
    }
    Ok(())
}

/// Surrogate keys are `bigint` identity columns.
async fn postgres_keys(db: &DatabaseConnection) -> TestResult {
    let rows = db
        .query_all_raw(Statement::from_string(
            DbBackend::Postgres,
            "SELECT table_name::text, data_type::text, is_identity::text \
             FROM information_schema.columns \
             WHERE table_schema = current_schema() AND column_name = 'id'",
        ))
        .await?;
    let mut with_id = 0;
    for row in rows {
        let table: String = row.try_get_by_index(0)?;
        let data_type: String = row.try_get_by_index(1)?;
        let identity: String = row.try_get_by_index(2)?;
        assert_eq!(data_type, "bigint", "{table}.id");
        assert_eq!(
            identity == "YES",
            table != "activity_counter",
            "{table}.id identity"
        );
        with_id += 1;
    }
    assert_eq!(with_id, TABLES.len() - WITHOUT_SURROGATE_KEY.len() + 1);
    Ok(())
}

/// The application's tables (the migrator's own bookkeeping table left out), sorted.
async fn tables(db: &DatabaseConnection) -> TestResult<Vec<String>> {
    let sql = match db.get_database_backend() {
        DbBackend::Sqlite => {
            "SELECT name FROM sqlite_master WHERE type = 'table' \
             AND name NOT LIKE 'sqlite_%' AND name <> 'seaql_migrations' ORDER BY name"
        }
        _ => {
            "SELECT table_name::text FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_name <> 'seaql_migrations' \
             ORDER BY table_name"
        }
    };
    strings(db, sql).await
}

async fn strings(db: &DatabaseConnection, sql: &str) -> TestResult<Vec<String>> {
    let stmt = Statement::from_string(db.get_database_backend(), sql);
    let rows = db.query_all_raw(stmt).await?;
    Ok(rows
        .iter()
        .map(|row| row.try_get_by_index::<String>(0))
        .collect::<Result<_, _>>()?)
}

async fn one(db: &DatabaseConnection, sql: &str) -> TestResult<QueryResult> {
    let stmt = Statement::from_string(db.get_database_backend(), sql);
    db.query_one_raw(stmt)
        .await?
        .ok_or_else(|| format!("no row: {sql}").into())
}

async fn scalar_i64(db: &DatabaseConnection, sql: &str) -> TestResult<i64> {
    Ok(one(db, sql).await?.try_get_by_index::<i64>(0)?)
}

fn unique_suffix() -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    format!("{}_{nanos}", std::process::id())
}

fn scratch_dir() -> TestResult<PathBuf> {
    let dir = std::env::temp_dir().join(format!("ph-migrations-{}", unique_suffix()));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

/// The server URL with its database replaced by `name` (query parameters kept).
fn with_database(server: &str, name: &str) -> TestResult<String> {
    let (base, query) = match server.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (server, None),
    };
    let authority_start = base.find("://").ok_or("TEST_DATABASE_URL has no scheme")? + 3;
    let base = match base[authority_start..].find('/') {
        Some(slash) => &base[..authority_start + slash],
        None => base,
    };
    Ok(match query {
        Some(query) => format!("{base}/{name}?{query}"),
        None => format!("{base}/{name}"),
    })
}
