//! The suite runs on the backend CI asked for: a run meant for PostgreSQL that silently fell
//! back to SQLite must fail, not pass.

use sea_orm::DbBackend;

use crate::helpers::{postgres_url, spawn_app};

#[tokio::test]
async fn runs_on_the_expected_backend() {
    let app = spawn_app().await;
    let expected = match std::env::var("TEST_EXPECT_BACKEND").as_deref() {
        Ok("postgres") => DbBackend::Postgres,
        Ok("sqlite") => DbBackend::Sqlite,
        _ if postgres_url().is_some() => DbBackend::Postgres,
        _ => DbBackend::Sqlite,
    };
    assert_eq!(app.db.backend(), expected);
}
