//! Command line and environment: every flag is also an environment variable
//! (`DATABASE_URL`, the rest `PARTNER_HUB_*`), listed in the README.

use std::net::SocketAddr;
use std::time::Duration;

use clap::{Args, Parser, Subcommand};

/// Partner Hub: the GraphQL API over the partner network of the SCAC governance pole.
#[derive(Debug, Parser)]
#[command(name = "partner-hub", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Apply pending migrations, load the reference data if absent, and serve the API.
    Serve(ServeArgs),
    /// Inspect or apply the schema migrations.
    Migrate {
        #[command(subcommand)]
        action: MigrateAction,
    },
    /// Load data into the database (migrating it first).
    Seed(SeedArgs),
    /// Print the GraphQL schema (SDL). Needs no database.
    Schema,
}

#[derive(Debug, Subcommand)]
pub enum MigrateAction {
    /// Apply every pending migration.
    Up(DatabaseArgs),
    /// List migrations and whether each is applied.
    Status(DatabaseArgs),
}

#[derive(Debug, Clone, Args)]
pub struct DatabaseArgs {
    /// Database URL: `sqlite://FILE?mode=rwc` or `postgres://USER@HOST:PORT/DB`.
    /// Default: the SQLite file `partner-hub.db` in the working directory, created if missing.
    #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL)]
    pub database_url: String,

    /// Connections in the pool (PostgreSQL), or reader connections (SQLite; there is always
    /// exactly one writer connection).
    #[arg(long, env = "PARTNER_HUB_DB_MAX_CONNECTIONS", default_value_t = 8)]
    pub db_max_connections: u32,
}

pub const DEFAULT_DATABASE_URL: &str = "sqlite://partner-hub.db?mode=rwc";

#[derive(Debug, Clone, Args)]
pub struct SeedArgs {
    #[command(flatten)]
    pub database: DatabaseArgs,
    /// Load the public reference data (territories, circumscriptions, institutions …).
    /// Idempotent: records already present are left as they are.
    #[arg(long, env = "PARTNER_HUB_SEED_REFERENCE")]
    pub reference: bool,

    /// Load the demo network (a realistic, clearly fictional network) on top of the reference
    /// data. Idempotent: nothing is added if it is already there.
    #[arg(long, env = "PARTNER_HUB_SEED_DEMO")]
    pub demo: bool,

    /// Load a deterministic synthetic network of N actors (with proportional projects,
    /// participants, partnerships, events, exchanges and activity), for benchmarks.
    #[arg(long, value_name = "N", env = "PARTNER_HUB_SEED_SYNTHETIC")]
    pub synthetic: Option<u64>,

    /// The random seed of `--synthetic` (the same N and seed give the same data).
    #[arg(long, env = "PARTNER_HUB_SEED_RANDOM_SEED", default_value_t = 2026)]
    pub seed: u64,
}

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "PARTNER_HUB_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,

    #[command(flatten)]
    pub database: DatabaseArgs,

    #[command(flatten)]
    pub limits: LimitArgs,

    /// Load the demo network on start (if absent), for trying the hub out.
    #[arg(long, env = "PARTNER_HUB_DEMO")]
    pub demo: bool,

    /// How long in-flight requests may take to finish after SIGINT/SIGTERM, in seconds.
    #[arg(long, env = "PARTNER_HUB_SHUTDOWN_GRACE_SECS", default_value_t = 10)]
    pub shutdown_grace_secs: u64,
}

/// Limits applied to every request; see the README for how to tune them.
#[derive(Debug, Clone, Args)]
pub struct LimitArgs {
    /// Largest accepted request body, in bytes.
    #[arg(long, env = "PARTNER_HUB_MAX_BODY_BYTES", default_value_t = 1024 * 1024)]
    pub max_body_bytes: usize,

    /// Largest number of operations in one batched request.
    #[arg(long, env = "PARTNER_HUB_MAX_BATCH", default_value_t = 10)]
    pub max_batch: usize,

    /// Deepest selection accepted (introspection is not counted).
    #[arg(long, env = "PARTNER_HUB_MAX_DEPTH", default_value_t = 12)]
    pub max_depth: usize,

    /// Request timeout in seconds.
    #[arg(long, env = "PARTNER_HUB_REQUEST_TIMEOUT_SECS", default_value_t = 10)]
    pub request_timeout_secs: u64,

    /// How long (milliseconds, fractions allowed) DataLoaders wait to gather the keys of
    /// sibling fields into one SQL statement. Longer: fewer statements for large nested lists
    /// on a busy machine; shorter: less latency per nesting level.
    #[arg(long, env = "PARTNER_HUB_BATCH_WINDOW_MS", default_value_t = 2.0)]
    pub batch_window_ms: f64,
}

impl Default for LimitArgs {
    fn default() -> Self {
        Self {
            max_body_bytes: 1024 * 1024,
            max_batch: 10,
            max_depth: 12,
            request_timeout_secs: 10,
            batch_window_ms: 2.0,
        }
    }
}

impl LimitArgs {
    pub fn request_timeout(&self) -> Duration {
        Duration::from_secs(self.request_timeout_secs)
    }

    pub fn batch_window(&self) -> Duration {
        Duration::from_secs_f64(self.batch_window_ms.clamp(0.0, 1000.0) / 1000.0)
    }
}

impl DatabaseArgs {
    pub fn new(database_url: impl Into<String>) -> Self {
        Self {
            database_url: database_url.into(),
            db_max_connections: 8,
        }
    }
}
