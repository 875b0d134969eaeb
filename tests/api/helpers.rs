//! Spawning the hub for one test: port 0, a fresh database (a temporary SQLite file, or a
//! PostgreSQL database cloned from a migrated template when `TEST_DATABASE_URL` is set).

use std::net::SocketAddr;
use std::time::Duration;

use partner_hub::app::{Application, ServeConfig};
use partner_hub::auth::jwt::{TokenClaims, mint};
use partner_hub::config::{AuthArgs, DatabaseArgs, EndpointArgs, LimitArgs};
use partner_hub::db::Database;
use sea_orm::{ConnectionTrait, DbBackend, Statement};
use serde_json::{Value, json};
use tokio::sync::{OnceCell, oneshot};

/// The PostgreSQL server to test against, if any (`postgres://user@host:port/db`).
pub fn postgres_url() -> Option<String> {
    std::env::var("TEST_DATABASE_URL")
        .ok()
        .filter(|u| !u.is_empty())
}

pub struct TestApp {
    pub addr: SocketAddr,
    pub client: reqwest::Client,
    pub db: Database,
    shutdown: Option<oneshot::Sender<()>>,
    server: Option<tokio::task::JoinHandle<anyhow::Result<()>>>,
    _database: TestDatabase,
    /// The HS256 secret the hub verifies with (what [`TestApp::token`] signs with).
    jwt_secret: Vec<u8>,
}

/// The HS256 secret of the test hubs (tests mint their own tokens with it).
pub const TEST_JWT_SECRET: &str = "partner-hub-test-secret-not-for-production";

/// The token settings of the test hubs: the defaults, with [`TEST_JWT_SECRET`].
pub fn test_auth_args() -> AuthArgs {
    AuthArgs {
        jwt_secret: Some(TEST_JWT_SECRET.to_owned()),
        ..AuthArgs::default()
    }
}

/// A database that exists for one test: a SQLite file in a temporary directory, or a
/// PostgreSQL database dropped when the test ends.
pub struct TestDatabase {
    pub url: String,
    _dir: Option<tempfile::TempDir>,
    pg_database: Option<(String, String)>,
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        // Drop cannot await: the database is dropped on a thread of its own. FORCE closes the
        // connections a stopping server may still hold.
        if let Some((server, name)) = self.pg_database.take() {
            let _ = std::thread::spawn(move || {
                if let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                {
                    runtime.block_on(admin_exec(
                        &server,
                        &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
                    ));
                }
            })
            .join();
        }
    }
}

/// The DataLoader batch window of the tests: long enough that a nested list's keys are
/// gathered in one batch even on a loaded debug build, so statement counts are exact.
const TEST_BATCH_WINDOW_MS: f64 = 150.0;

/// The limits of the test hubs: the product's defaults, except the rate limit, raised so
/// that tests firing hundreds of requests at once are not refused (the rate limit has tests
/// of its own).
pub fn test_limits() -> LimitArgs {
    LimitArgs {
        rate_limit_per_minute: 1_000_000,
        rate_limit_burst: 100_000,
        ..LimitArgs::default()
    }
}

/// Spawns the hub with the test limits ([`test_limits`]).
pub async fn spawn_app() -> TestApp {
    spawn_app_with(test_limits()).await
}

/// Spawns the hub with the given limits (and the test secret, [`TEST_JWT_SECRET`]).
pub async fn spawn_app_with(limits: LimitArgs) -> TestApp {
    spawn_app_with_auth(limits, test_auth_args()).await
}

/// Spawns the hub with the given limits and token settings.
pub async fn spawn_app_with_auth(limits: LimitArgs, auth: AuthArgs) -> TestApp {
    spawn_app_with_endpoint(limits, auth, EndpointArgs::default()).await
}

/// Spawns the hub with the given limits, token settings and endpoint settings (CORS,
/// introspection, trusted documents).
pub async fn spawn_app_with_endpoint(
    mut limits: LimitArgs,
    auth: AuthArgs,
    endpoint: EndpointArgs,
) -> TestApp {
    limits.batch_window_ms = TEST_BATCH_WINDOW_MS;
    let database = fresh_database().await;
    let jwt_secret = auth.jwt_secret.clone().unwrap_or_default().into_bytes();
    let auth_secret_file = auth.jwt_secret_file.clone();
    let app = Application::build(ServeConfig {
        listen: "127.0.0.1:0".parse().expect("loopback address"),
        database: DatabaseArgs::new(database.url.clone()),
        limits,
        auth,
        endpoint,
        shutdown_grace: Duration::from_secs(5),
        demo: false,
    })
    .await
    .expect("the hub starts");
    let addr = app.local_addr().expect("bound address");
    let db = app.database().clone();
    // A hub given a secret file has generated it by now.
    let jwt_secret = match (&jwt_secret[..], &auth_secret_file) {
        ([], Some(file)) => std::fs::read_to_string(file)
            .expect("the hub's secret file")
            .trim()
            .as_bytes()
            .to_vec(),
        _ => jwt_secret,
    };
    let (tx, rx) = oneshot::channel::<()>();
    let server = tokio::spawn(app.run_until(async move {
        let _ = rx.await;
    }));
    TestApp {
        addr,
        client: reqwest::Client::new(),
        db,
        shutdown: Some(tx),
        server: Some(server),
        _database: database,
        jwt_secret,
    }
}

/// A fresh database for one test (on PostgreSQL, already migrated and loaded with the
/// reference data; on SQLite, an empty file the hub prepares itself).
pub async fn fresh_database() -> TestDatabase {
    match postgres_url() {
        Some(server) => {
            let template = postgres_template(&server).await;
            let name = format!("ph_test_{}", uuid_simple());
            admin_exec(
                &server,
                &format!("CREATE DATABASE {name} TEMPLATE {template}"),
            )
            .await;
            TestDatabase {
                url: with_database(&server, &name),
                _dir: None,
                pg_database: Some((server, name)),
            }
        }
        None => {
            let dir = tempfile::tempdir().expect("temporary directory");
            let url = format!("sqlite://{}?mode=rwc", dir.path().join("hub.db").display());
            TestDatabase {
                url,
                _dir: Some(dir),
                pg_database: None,
            }
        }
    }
}

/// A PostgreSQL database migrated and loaded with reference data once per test run, cloned
/// for every test (cloning is much faster than migrating).
async fn postgres_template(server: &str) -> String {
    static TEMPLATE: OnceCell<String> = OnceCell::const_new();
    TEMPLATE
        .get_or_init(|| async {
            drop_stale_templates(server).await;
            let name = format!("ph_tpl_{}", uuid_simple());
            admin_exec(server, &format!("CREATE DATABASE {name}")).await;
            let db = Database::connect(&DatabaseArgs::new(with_database(server, &name)))
                .await
                .expect("connect to the template database");
            partner_hub::db::migrate_up(&db)
                .await
                .expect("migrate the template");
            partner_hub::reference::load(&db)
                .await
                .expect("load reference data");
            db.close().await.expect("close the template database");
            name
        })
        .await
        .clone()
}

/// Drops the templates of earlier test runs whose process is gone (a template lives as long
/// as its run: it cannot be dropped while tests may still clone it).
async fn drop_stale_templates(server: &str) {
    let db = sea_orm::Database::connect(server)
        .await
        .unwrap_or_else(|e| panic!("TEST_DATABASE_URL is set but PostgreSQL is unreachable: {e}"));
    let rows = db
        .query_all_raw(Statement::from_string(
            DbBackend::Postgres,
            "SELECT datname FROM pg_database WHERE datname LIKE 'ph\\_tpl\\_%' OR datname LIKE 'ph\\_test\\_%'".to_owned(),
        ))
        .await
        .unwrap_or_default();
    let _ = db.close().await;
    for row in rows {
        let Ok(name) = row.try_get::<String>("", "datname") else {
            continue;
        };
        let pid = name.split('_').nth(2).and_then(|p| p.parse::<u32>().ok());
        let alive = pid.is_some_and(|pid| std::path::Path::new(&format!("/proc/{pid}")).exists());
        if !alive {
            admin_exec(
                server,
                &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
            )
            .await;
        }
    }
}

/// Runs one statement on the server's maintenance database.
pub async fn admin_exec(server: &str, sql: &str) {
    let db = sea_orm::Database::connect(server)
        .await
        .unwrap_or_else(|e| panic!("TEST_DATABASE_URL is set but PostgreSQL is unreachable: {e}"));
    db.execute_raw(Statement::from_string(DbBackend::Postgres, sql.to_owned()))
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
    let _ = db.close().await;
}

fn with_database(server: &str, name: &str) -> String {
    let (base, query) = match server.split_once('?') {
        Some((base, query)) => (base, format!("?{query}")),
        None => (server, String::new()),
    };
    let base = match base.rfind('/') {
        Some(slash) if slash > base.find("://").map_or(0, |i| i + 2) => &base[..slash],
        _ => base,
    };
    format!("{base}/{name}{query}")
}

fn uuid_simple() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    format!(
        "{}_{}_{}",
        std::process::id(),
        nanos % 1_000_000_000,
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    /// POSTs a query as a client would; asserts HTTP 200 and returns the JSON body.
    pub async fn graphql(&self, query: &str, variables: Value) -> Value {
        let response = self
            .client
            .post(self.url("/graphql"))
            .header("Accept", "application/graphql-response+json")
            .json(&json!({ "query": query, "variables": variables }))
            .send()
            .await
            .expect("request sent");
        let status = response.status();
        let body: Value = response.json().await.expect("a JSON body");
        assert_eq!(status, 200, "unexpected status; body: {body}");
        body
    }

    /// Like [`TestApp::graphql`], and asserts there is no error; returns `data`.
    pub async fn data(&self, query: &str, variables: Value) -> Value {
        let body = self.graphql(query, variables).await;
        assert!(body.get("errors").is_none(), "unexpected errors: {body}");
        body["data"].clone()
    }

    /// A valid HS256 token for `role` (`"OFFICER"` …), with a circumscription code and an
    /// actor's global ID when given; the subject is `test-<role>`.
    pub fn token(&self, role: &str, circumscription: Option<&str>, actor: Option<&str>) -> String {
        let mut claims = TokenClaims::new(role, &format!("test-{}", role.to_lowercase()));
        if let Some(code) = circumscription {
            claims = claims.circumscription(code);
        }
        if let Some(actor) = actor {
            claims = claims.actor(actor);
        }
        self.mint(&claims)
    }

    /// A token for exactly these claims, signed with the hub's HS256 secret.
    pub fn mint(&self, claims: &TokenClaims) -> String {
        mint(&self.jwt_secret, claims)
    }

    /// Like [`TestApp::graphql`], with `Authorization: Bearer <token>`.
    pub async fn graphql_as(&self, token: &str, query: &str, variables: Value) -> Value {
        let response = self
            .client
            .post(self.url("/graphql"))
            .header("Accept", "application/graphql-response+json")
            .bearer_auth(token)
            .json(&json!({ "query": query, "variables": variables }))
            .send()
            .await
            .expect("request sent");
        let status = response.status();
        let body: Value = response.json().await.expect("a JSON body");
        assert_eq!(status, 200, "unexpected status; body: {body}");
        body
    }

    /// Like [`TestApp::data`], with `Authorization: Bearer <token>`.
    pub async fn data_as(&self, token: &str, query: &str, variables: Value) -> Value {
        let body = self.graphql_as(token, query, variables).await;
        assert!(body.get("errors").is_none(), "unexpected errors: {body}");
        body["data"].clone()
    }

    /// The SQL statements sent so far by this app.
    pub fn sql_statements(&self) -> u64 {
        self.db.stats().statements()
    }

    /// Stops the server gracefully and waits for it.
    pub async fn stop(&mut self) -> anyhow::Result<()> {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        match self.server.take() {
            Some(server) => server.await.map_err(anyhow::Error::from)?,
            None => Ok(()),
        }
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

/// `extensions.code` of the first error.
pub fn error_code(body: &Value) -> &str {
    body["errors"][0]["extensions"]["code"]
        .as_str()
        .unwrap_or("<none>")
}
