//! Starting and stopping the hub: connect, migrate, load reference data, bind, serve, drain.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use anyhow::Context as _;
use tokio::net::TcpListener;

use crate::auth::jwt::Authenticator;
use crate::config::{AuthArgs, DatabaseArgs, EndpointArgs, LimitArgs};
use crate::db::{self, Database};
use crate::graphql::build_schema;
use crate::http::admission::Gate;
use crate::http::{AppState, router};
use crate::reference;

/// Everything `serve` needs.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    pub listen: SocketAddr,
    pub database: DatabaseArgs,
    pub limits: LimitArgs,
    /// How tokens are verified.
    pub auth: AuthArgs,
    /// CORS origins, introspection, trusted documents.
    pub endpoint: EndpointArgs,
    pub shutdown_grace: Duration,
    /// Load the demo network on start (if absent).
    pub demo: bool,
}

/// A hub that is migrated, seeded with reference data, and bound to its port.
pub struct Application {
    listener: TcpListener,
    state: AppState,
    shutdown_grace: Duration,
}

impl Application {
    /// Connects, migrates (under the migration lock), loads the reference data if absent, and
    /// binds the listener (port 0 picks a free port: see [`Application::local_addr`]).
    pub async fn build(config: ServeConfig) -> anyhow::Result<Self> {
        let db = Database::connect(&config.database).await.with_context(|| {
            format!(
                "cannot open the database {}",
                db::redact(&config.database.database_url)
            )
        })?;
        let auth = Authenticator::from_args(&config.auth, &config.database.database_url)
            .context("cannot set up token verification")?;
        tracing::info!(tokens = %auth.describe(), "token verification ready");
        db::migrate_up(&db)
            .await
            .context("cannot apply migrations")?;
        let loaded = reference::load(&db)
            .await
            .map_err(|e| anyhow::anyhow!("cannot load the reference data: {}", e.detail()))?;
        if loaded.total() > 0 {
            tracing::info!(?loaded, "reference data loaded");
        }
        match crate::services::write::purge_idempotency_keys(&db.writer).await {
            Ok(0) => {}
            Ok(purged) => tracing::info!(purged, "expired idempotency keys deleted"),
            Err(err) => tracing::warn!(error = %err.detail(), "cannot purge idempotency keys"),
        }
        if config.demo {
            let report = crate::seed::demo::load(&db)
                .await
                .map_err(|e| anyhow::anyhow!("cannot load the demo network: {}", e.detail()))?;
            tracing::info!(%report, "demo network ready");
        }
        let listener = TcpListener::bind(config.listen)
            .await
            .with_context(|| format!("cannot listen on {}", config.listen))?;
        crate::graphql::loaders::set_batch_window(config.limits.batch_window());
        let gate = Gate::new(&config.limits, &config.endpoint, config.demo)
            .context("cannot set up the endpoint's limits")?;
        let cors_origins = crate::http::parse_origins(&config.endpoint.cors_origins)?;
        let state = AppState {
            schema: build_schema(),
            db,
            limits: Arc::new(config.limits),
            auth: Arc::new(auth),
            gate: Arc::new(gate),
            cors_origins: Arc::new(cors_origins),
            ready: Arc::new(AtomicBool::new(true)),
            draining: Arc::new(tokio::sync::watch::channel(false).0),
        };
        Ok(Self {
            listener,
            state,
            shutdown_grace: config.shutdown_grace,
        })
    }

    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// How this hub verifies (and mints) tokens.
    pub fn authenticator(&self) -> &Authenticator {
        &self.state.auth
    }

    /// The database handles (tests read its statement counter).
    pub fn database(&self) -> &Database {
        &self.state.db
    }

    /// Serves until `shutdown` completes, then drains: `/readyz` turns 503, no new connection
    /// is accepted, in-flight requests get `shutdown_grace` to finish, and the database is
    /// closed (SQLite checkpointed).
    pub async fn run_until(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let Self {
            listener,
            state,
            shutdown_grace,
        } = self;
        let ready = state.ready.clone();
        let draining = state.draining.clone();
        let db = state.db.clone();
        let (draining_tx, draining_rx) = tokio::sync::oneshot::channel::<()>();
        let app = router(state);
        let server = axum::serve(
            listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(async move {
            shutdown.await;
            ready.store(false, Ordering::SeqCst);
            draining.send_replace(true);
            tracing::info!("shutting down: draining in-flight requests");
            let _ = draining_tx.send(());
        });
        let mut server = tokio::spawn(async move { server.await });
        let housekeeping = tokio::spawn(purge_idempotency_keys(db.clone()));
        tokio::select! {
            result = &mut server => {
                result.context("server task failed")?.context("server error")?;
            }
            _ = draining_rx => {
                match tokio::time::timeout(shutdown_grace, &mut server).await {
                    Ok(result) => result.context("server task failed")?.context("server error")?,
                    Err(_) => {
                        tracing::warn!(grace = ?shutdown_grace, "requests still running after the grace period; stopping");
                        server.abort();
                    }
                }
            }
        }
        housekeeping.abort();
        db.close().await.context("cannot close the database")?;
        tracing::info!("stopped");
        Ok(())
    }
}

/// Deletes expired idempotency keys (kept 48 h; the contract promises at least 24 h), at
/// start (in `build`) and then hourly. A failure is logged and retried at the next round.
async fn purge_idempotency_keys(db: Database) {
    // The first round runs an hour after start: `build` already purged once, before serving.
    let hour = Duration::from_secs(3600);
    let mut every_hour = tokio::time::interval_at(tokio::time::Instant::now() + hour, hour);
    loop {
        every_hour.tick().await;
        match crate::services::write::purge_idempotency_keys(&db.writer).await {
            Ok(0) => {}
            Ok(purged) => tracing::info!(purged, "expired idempotency keys deleted"),
            Err(err) => tracing::warn!(error = %err.detail(), "cannot purge idempotency keys"),
        }
    }
}

/// Completes on SIGINT (Ctrl-C) or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(err) = tokio::signal::ctrl_c().await {
            tracing::error!(error = %err, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(err) => {
                tracing::error!(error = %err, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
