//! Start-up and shutdown: migrations under a lock, graceful stop.

use partner_hub::config::DatabaseArgs;
use partner_hub::db::{self, Database};
use serde_json::json;

use crate::helpers::{fresh_database, spawn_app};

#[tokio::test]
async fn instances_starting_together_migrate_once_without_racing() {
    let database = fresh_database().await;
    let args = DatabaseArgs::new(database.url.clone());
    let (a, b) = tokio::join!(Database::connect(&args), Database::connect(&args));
    let (a, b) = (a.expect("connect a"), b.expect("connect b"));
    let (ra, rb) = tokio::join!(db::migrate_up(&a), db::migrate_up(&b));
    ra.expect("first instance migrates");
    rb.expect("second instance migrates");
    let status = db::migration_status(&a).await.expect("status");
    assert!(!status.is_empty());
    assert!(status.iter().all(|m| m.applied), "{status:?}");
    a.close().await.expect("close a");
    b.close().await.expect("close b");
}

#[tokio::test]
async fn stopping_drains_and_closes_cleanly() {
    let mut app = spawn_app().await;
    app.data("{ circumscriptions { totalCount } }", json!({}))
        .await;
    let addr = app.addr;
    let sqlite_file = app.db.sqlite_file().map(|p| p.to_path_buf());
    tokio::time::timeout(std::time::Duration::from_secs(10), app.stop())
        .await
        .expect("stops within its grace period")
        .expect("stops without error");
    assert!(
        tokio::net::TcpStream::connect(addr).await.is_err(),
        "the listener is closed after shutdown"
    );
    if let Some(file) = sqlite_file {
        // The WAL was checkpointed into the database file on close.
        assert!(file.exists());
        let wal = file.with_extension("db-wal");
        let wal_len = std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0);
        assert_eq!(wal_len, 0, "WAL left with {wal_len} bytes");
    }
}

#[tokio::test]
async fn sort_keys_compare_byte_by_byte_on_both_databases() {
    use sea_orm::{ConnectionTrait, DbBackend, Statement};
    let app = crate::helpers::spawn_app().await;
    // SQLite compares text byte by byte by default; PostgreSQL must be told (collation "C"),
    // or an `en_US` server would order names — and page through them — differently.
    let sql = match app.db.backend() {
        DbBackend::Postgres => {
            "SELECT COUNT(*) AS n FROM information_schema.columns \
             WHERE column_name = 'search_key' AND collation_name = 'C'"
        }
        _ => {
            "SELECT COUNT(*) AS n FROM pragma_table_list WHERE name IN \
              ('territories', 'actors', 'projects', 'partnerships', 'events', 'exchanges', 'calls')"
        }
    };
    let row = app
        .db
        .reader
        .query_one_raw(Statement::from_string(app.db.backend(), sql.to_owned()))
        .await
        .unwrap()
        .unwrap();
    let n: i64 = row.try_get("", "n").unwrap();
    assert_eq!(n, 7, "the seven search keys");
    let data = app
        .data(
            r#"{ territories(level: REGION, first: 3) { nodes { code } } }"#,
            serde_json::json!({}),
        )
        .await;
    assert_eq!(data["territories"]["nodes"][0]["code"], "MA-01");
}
