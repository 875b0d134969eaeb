//! Writes: the guarantees every mutation keeps, whatever the aggregate — one transaction
//! (a failure midway leaves nothing, activity entry included), idempotent retries under
//! concurrency, and activity positions that grow in commit order.

use std::collections::BTreeSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use sea_orm::{ConnectionTrait, DbBackend, Statement};
use serde_json::{Value, json};

use crate::helpers::{TestApp, error_code, spawn_app};

const CREATE: &str = r#"mutation($input: CreateActorInput!) {
  createActor(input: $input) { actor { id version } }
}"#;

fn association(name: &str) -> Value {
    json!({ "kind": "ASSOCIATION", "name": { "fr": name }, "country": "MA", "seat": "MA-03" })
}

async fn exec(app: &TestApp, sql: &str) {
    let backend = app.db.writer.get_database_backend();
    app.db
        .writer
        .execute_raw(Statement::from_string(backend, sql.to_owned()))
        .await
        .unwrap();
}

async fn scalar(app: &TestApp, sql: &str) -> i64 {
    let backend = app.db.writer.get_database_backend();
    let row = app
        .db
        .writer
        .query_one_raw(Statement::from_string(backend, sql.to_owned()))
        .await
        .unwrap()
        .unwrap();
    row.try_get_by_index::<i64>(0).unwrap()
}

async fn positions_after(app: &TestApp, after: i64) -> Vec<i64> {
    let backend = app.db.reader.get_database_backend();
    let rows = app
        .db
        .reader
        .query_all_raw(Statement::from_string(
            backend,
            format!("SELECT position FROM activities WHERE position > {after} ORDER BY position"),
        ))
        .await
        .unwrap();
    rows.iter()
        .map(|r| r.try_get_by_index::<i64>(0).unwrap())
        .collect()
}

/// Makes inserting the theme CLIMATE for an actor fail inside the database, after the actor
/// row itself was written by the same transaction.
async fn inject_failure(app: &TestApp) {
    match app.db.writer.get_database_backend() {
        DbBackend::Postgres => {
            exec(
                app,
                "CREATE FUNCTION fail_midway() RETURNS trigger LANGUAGE plpgsql AS $$ \
                 BEGIN IF NEW.theme = 'CLIMATE' THEN RAISE EXCEPTION 'injected failure'; END IF; \
                 RETURN NEW; END $$",
            )
            .await;
            exec(
                app,
                "CREATE TRIGGER fail_midway BEFORE INSERT ON actor_themes \
                 FOR EACH ROW EXECUTE FUNCTION fail_midway()",
            )
            .await;
        }
        _ => {
            exec(
                app,
                "CREATE TRIGGER fail_midway BEFORE INSERT ON actor_themes \
                 WHEN NEW.theme = 'CLIMATE' BEGIN SELECT RAISE(ABORT, 'injected failure'); END",
            )
            .await;
        }
    }
}

async fn remove_failure(app: &TestApp) {
    match app.db.writer.get_database_backend() {
        DbBackend::Postgres => exec(app, "DROP TRIGGER fail_midway ON actor_themes").await,
        _ => exec(app, "DROP TRIGGER fail_midway").await,
    }
}

#[tokio::test]
async fn a_write_failing_midway_leaves_nothing_behind() {
    let app = spawn_app().await;
    let token = app.token("COORDINATOR", None, None);
    inject_failure(&app).await;
    let actors = scalar(&app, "SELECT COUNT(*) FROM actors").await;
    let activities = scalar(&app, "SELECT COUNT(*) FROM activities").await;
    let counter = scalar(&app, "SELECT position FROM activity_counter WHERE id = 1").await;
    let scoped = scalar(&app, "SELECT COUNT(*) FROM record_circumscriptions").await;

    let mut input = association("Association Interrompue");
    input["themes"] = json!(["YOUTH", "CLIMATE"]);
    input["idempotencyKey"] = json!("midway-1");
    let body = app
        .graphql_as(&token, CREATE, json!({ "input": input }))
        .await;

    // The client learns nothing of the cause but an error id it can quote.
    assert_eq!(error_code(&body), "INTERNAL", "{body}");
    assert!(body["errors"][0]["extensions"]["errorId"].is_string());
    assert!(!body.to_string().contains("injected"), "{body}");
    // The actor row was inserted before the failure: it is gone with everything else.
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM actors").await, actors);
    assert_eq!(
        scalar(&app, "SELECT COUNT(*) FROM actor_themes").await,
        0,
        "no theme row either"
    );
    assert_eq!(
        scalar(&app, "SELECT COUNT(*) FROM activities").await,
        activities
    );
    assert_eq!(
        scalar(&app, "SELECT position FROM activity_counter WHERE id = 1").await,
        counter
    );
    assert_eq!(
        scalar(&app, "SELECT COUNT(*) FROM record_circumscriptions").await,
        scoped
    );
    assert_eq!(
        scalar(&app, "SELECT COUNT(*) FROM idempotency_keys").await,
        0,
        "the key is not burnt by a failed attempt"
    );

    // Once the cause is gone, the retry with the same key succeeds, once.
    remove_failure(&app).await;
    let retried = app.data_as(&token, CREATE, json!({ "input": input })).await;
    assert_eq!(retried["createActor"]["actor"]["version"], 1);
    assert_eq!(
        scalar(&app, "SELECT COUNT(*) FROM actors").await,
        actors + 1
    );
    assert_eq!(
        scalar(&app, "SELECT COUNT(*) FROM activities").await,
        activities + 1
    );
}

#[tokio::test]
async fn concurrent_retries_with_one_key_create_one_record() {
    let app = Arc::new(spawn_app().await);
    let token = app.token("COORDINATOR", None, None);
    let actors = scalar(&app, "SELECT COUNT(*) FROM actors").await;
    let mut input = association("Association Concurrente");
    input["idempotencyKey"] = json!("same-key");

    let mut tasks = Vec::new();
    for _ in 0..12 {
        let (app, token, input) = (app.clone(), token.clone(), input.clone());
        tasks.push(tokio::spawn(async move {
            app.graphql_as(&token, CREATE, json!({ "input": input }))
                .await
        }));
    }
    let mut ids = BTreeSet::new();
    for task in tasks {
        let body = task.await.unwrap();
        match body["data"]["createActor"]["actor"]["id"].as_str() {
            Some(id) => {
                ids.insert(id.to_owned());
            }
            // A request that raced the first one may be asked to retry; never a duplicate.
            None => assert_eq!(error_code(&body), "CONFLICT", "{body}"),
        }
    }
    assert_eq!(ids.len(), 1, "every success names the same actor: {ids:?}");
    assert_eq!(
        scalar(&app, "SELECT COUNT(*) FROM actors").await,
        actors + 1
    );
    assert_eq!(
        scalar(
            &app,
            "SELECT COUNT(*) FROM activities WHERE kind = 'ACTOR_JOINED'"
        )
        .await,
        1
    );
}

/// Writers run concurrently while a reader repeatedly takes the entries after the last
/// position it saw, as a subscriber resuming from a cursor does. If a transaction could
/// commit an entry at a position lower than one already visible (as with a sequence), the
/// reader would see a gap and never come back for the late entry.
#[tokio::test]
async fn a_reader_never_skips_an_entry_that_commits_late() {
    let app = Arc::new(spawn_app().await);
    let token = app.token("COORDINATOR", None, None);
    let start = scalar(&app, "SELECT position FROM activity_counter WHERE id = 1").await;
    let writers_done = Arc::new(AtomicBool::new(false));

    let reader = {
        let (app, done) = (app.clone(), writers_done.clone());
        tokio::spawn(async move {
            let mut last = start;
            let mut seen = Vec::new();
            loop {
                let finished = done.load(Ordering::SeqCst);
                for position in positions_after(&app, last).await {
                    assert_eq!(
                        position,
                        last + 1,
                        "entry {} was visible before entry {}",
                        position,
                        last + 1
                    );
                    last = position;
                    seen.push(position);
                }
                if finished {
                    return seen;
                }
                tokio::task::yield_now().await;
            }
        })
    };

    let mut writers = Vec::new();
    for w in 0..4 {
        let (app, token) = (app.clone(), token.clone());
        writers.push(tokio::spawn(async move {
            for i in 0..10 {
                let input = association(&format!("Association concurrente {w}-{i}"));
                app.data_as(&token, CREATE, json!({ "input": input })).await;
            }
        }));
    }
    for writer in writers {
        writer.await.unwrap();
    }
    writers_done.store(true, Ordering::SeqCst);
    let seen = reader.await.unwrap();

    assert_eq!(seen.len(), 40, "the reader saw every entry");
    assert_eq!(seen, ((start + 1)..=(start + 40)).collect::<Vec<_>>());
}

#[tokio::test]
async fn the_entry_records_what_the_change_concerned_at_write_time() {
    let app = spawn_app().await;
    let token = app.token("OFFICER", Some("FES"), None);
    let mut input = association("Association Tracée");
    input["sensitivity"] = json!("RESTRICTED");
    app.data_as(&token, CREATE, json!({ "input": input })).await;

    let position = scalar(&app, "SELECT MAX(position) FROM activities").await;
    let backend = app.db.writer.get_database_backend();
    let row = app
        .db
        .writer
        .query_one_raw(Statement::from_string(
            backend,
            format!(
                "SELECT a.kind, a.subject_type, a.sensitivity, a.author, \
                 (SELECT COUNT(*) FROM activity_actors x WHERE x.position = a.position) AS actors, \
                 (SELECT t.code FROM activity_territories x JOIN territories t ON t.id = x.territory_id \
                  WHERE x.position = a.position) AS territory, \
                 (SELECT c.code FROM activity_circumscriptions x \
                  JOIN circumscriptions c ON c.id = x.circumscription_id \
                  WHERE x.position = a.position) AS circumscription \
                 FROM activities a WHERE a.position = {position}"
            ),
        ))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.try_get::<String>("", "kind").unwrap(), "ACTOR_JOINED");
    assert_eq!(row.try_get::<String>("", "subject_type").unwrap(), "ACTOR");
    assert_eq!(
        row.try_get::<String>("", "sensitivity").unwrap(),
        "RESTRICTED"
    );
    assert_eq!(row.try_get::<String>("", "author").unwrap(), "test-officer");
    assert_eq!(row.try_get::<i64>("", "actors").unwrap(), 1);
    assert_eq!(row.try_get::<String>("", "territory").unwrap(), "MA-03");
    assert_eq!(row.try_get::<String>("", "circumscription").unwrap(), "FES");

    // A RESTRICTED entry of FES is read by FES officers, not by Rabat's nor by anonymous.
    let query = "{ activity(filter: { kinds: [ACTOR_JOINED] }) { totalCount } }";
    let rabat = app.token("OFFICER", Some("RABAT"), None);
    let own = app.data_as(&token, query, json!({})).await;
    let other = app.data_as(&rabat, query, json!({})).await;
    let anonymous = app.data(query, json!({})).await;
    assert_eq!(own["activity"]["totalCount"], 1);
    assert_eq!(other["activity"]["totalCount"], 0);
    assert_eq!(anonymous["activity"]["totalCount"], 0);
}
