//! Command line and environment: every flag is also an environment variable
//! (`DATABASE_URL`, the rest `PARTNER_HUB_*`), listed in the README.

use std::net::SocketAddr;
use std::path::PathBuf;
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
    /// Mint an HS256 token with the configured secret (the same one `serve` verifies with).
    Token(TokenArgs),
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

    #[command(flatten)]
    pub auth: AuthArgs,

    #[command(flatten)]
    pub endpoint: EndpointArgs,

    /// Load the demo network on start (if absent), for trying the hub out.
    #[arg(long, env = "PARTNER_HUB_DEMO")]
    pub demo: bool,

    /// How long in-flight requests may take to finish after SIGINT/SIGTERM, in seconds.
    #[arg(long, env = "PARTNER_HUB_SHUTDOWN_GRACE_SECS", default_value_t = 10)]
    pub shutdown_grace_secs: u64,
}

/// Who may call the endpoint and with what: browsers' origins, introspection, trusted
/// documents. See the README's "Limits and hardening" section.
#[derive(Debug, Clone, Default, Args)]
pub struct EndpointArgs {
    /// A browser origin allowed to call the API cross-origin (`https://reseau.example.ma`);
    /// repeat the flag, or separate origins with commas in the variable. None by default:
    /// only same-origin pages (the bundled playground) and non-browser clients.
    #[arg(
        long = "cors-origin",
        env = "PARTNER_HUB_CORS_ORIGINS",
        value_delimiter = ',',
        value_name = "ORIGIN"
    )]
    pub cors_origins: Vec<String>,

    /// Who may run introspection queries: `auto` (authenticated viewers, and everyone with
    /// `--demo`), `on` (everyone) or `off` (nobody).
    #[arg(long, env = "PARTNER_HUB_INTROSPECTION", value_enum, default_value_t = Introspection::Auto)]
    pub introspection: Introspection,

    /// A JSON file mapping `sha256:<hex>` ids to documents: when given, viewers other than
    /// administrators may run only these operations.
    #[arg(long, env = "PARTNER_HUB_TRUSTED_DOCUMENTS", value_name = "FILE")]
    pub trusted_documents: Option<PathBuf>,
}

/// Who may run introspection queries.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Introspection {
    /// Authenticated viewers; everyone in `--demo`.
    #[default]
    Auto,
    /// Everyone.
    On,
    /// Nobody.
    Off,
}

/// How tokens are verified (and minted by `partner-hub token`); see the README's
/// "Authentication" section.
#[derive(Clone, Args)]
pub struct AuthArgs {
    /// The HS256 secret (at least 32 bytes). Unset: the secret file of `--jwt-secret-file`, or
    /// else a secret generated once and kept beside the SQLite database (`<db>.jwt-secret`).
    #[arg(
        long,
        env = "PARTNER_HUB_JWT_SECRET",
        hide_env_values = true,
        conflicts_with = "jwt_secret_file"
    )]
    pub jwt_secret: Option<String>,

    /// A file holding the HS256 secret; generated (owner-only, 32 random bytes as 64 hex digits)
    /// if it does not exist. The way to keep a secret on PostgreSQL without putting it in the
    /// environment.
    #[arg(long, env = "PARTNER_HUB_JWT_SECRET_FILE", value_name = "FILE")]
    pub jwt_secret_file: Option<PathBuf>,

    /// A JWKS file (`{"keys": [...]}`) with the public keys of an identity provider: RS256,
    /// ES256 or EdDSA tokens are verified with the key named by their `kid`. Re-read when it
    /// changes, so keys can rotate.
    #[arg(long, env = "PARTNER_HUB_JWKS_FILE", value_name = "FILE")]
    pub jwks_file: Option<PathBuf>,

    /// The `iss` every token must carry.
    #[arg(long, env = "PARTNER_HUB_JWT_ISSUER", default_value = DEFAULT_JWT_ISSUER)]
    pub jwt_issuer: String,

    /// The `aud` every token must carry (or list).
    #[arg(long, env = "PARTNER_HUB_JWT_AUDIENCE", default_value = DEFAULT_JWT_AUDIENCE)]
    pub jwt_audience: String,

    /// Clock skew tolerated on `exp` and `nbf`, in seconds (at most 60).
    #[arg(
        long,
        env = "PARTNER_HUB_JWT_LEEWAY_SECS",
        default_value_t = 30,
        value_parser = clap::value_parser!(u64).range(0..=60)
    )]
    pub jwt_leeway_secs: u64,
}

pub const DEFAULT_JWT_ISSUER: &str = "partner-hub";
pub const DEFAULT_JWT_AUDIENCE: &str = "partner-hub";

impl Default for AuthArgs {
    fn default() -> Self {
        Self {
            jwt_secret: None,
            jwt_secret_file: None,
            jwks_file: None,
            jwt_issuer: DEFAULT_JWT_ISSUER.to_owned(),
            jwt_audience: DEFAULT_JWT_AUDIENCE.to_owned(),
            jwt_leeway_secs: 30,
        }
    }
}

/// Never prints the secret.
impl std::fmt::Debug for AuthArgs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuthArgs")
            .field(
                "jwt_secret",
                &self.jwt_secret.as_ref().map(|_| "[redacted]"),
            )
            .field("jwt_secret_file", &self.jwt_secret_file)
            .field("jwks_file", &self.jwks_file)
            .field("jwt_issuer", &self.jwt_issuer)
            .field("jwt_audience", &self.jwt_audience)
            .field("jwt_leeway_secs", &self.jwt_leeway_secs)
            .finish()
    }
}

/// `partner-hub token`: what the token says. Command-line only (no environment variables), so
/// a stray variable cannot change whom a token speaks for.
#[derive(Debug, Clone, Args)]
pub struct TokenArgs {
    /// The role: PARTNER, OFFICER, COORDINATOR or ADMIN.
    #[arg(long, value_parser = parse_role)]
    pub role: crate::auth::Role,

    /// The officer's circumscription code (RABAT, CASABLANCA, FES, MARRAKECH, TANGER, AGADIR);
    /// required for OFFICER.
    #[arg(long)]
    pub circumscription: Option<String>,

    /// The partner's actor, as its global ID; required for PARTNER.
    #[arg(long, value_name = "ID")]
    pub actor: Option<String>,

    /// How long the token is valid: `90s`, `30m`, `12h`, `7d` (at most 366 days).
    #[arg(long, default_value = "12h", value_parser = parse_ttl)]
    pub ttl: Duration,

    /// The subject (`sub`): who the token is for. Default: `cli-<role>`.
    #[arg(long)]
    pub subject: Option<String>,

    #[command(flatten)]
    pub database: DatabaseArgs,

    #[command(flatten)]
    pub auth: AuthArgs,
}

fn parse_role(text: &str) -> Result<crate::auth::Role, String> {
    crate::auth::Role::from_claim(&text.to_uppercase())
        .ok_or_else(|| "expected PARTNER, OFFICER, COORDINATOR or ADMIN".to_owned())
}

/// A duration such as `90s`, `30m`, `12h` or `7d`, at most 366 days.
pub fn parse_ttl(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let split = text.len().saturating_sub(1);
    let (number, unit) = (text.get(..split).unwrap_or_default(), text.get(split..));
    let unit_secs = match unit {
        Some("s") => 1,
        Some("m") => 60,
        Some("h") => 3600,
        Some("d") => 86_400,
        _ => return Err("expected a number and a unit: `90s`, `30m`, `12h`, `7d`".to_owned()),
    };
    let number: u64 = number
        .parse()
        .map_err(|_| "expected a number and a unit: `90s`, `30m`, `12h`, `7d`".to_owned())?;
    let secs = number.saturating_mul(unit_secs);
    if secs == 0 || secs > 366 * 86_400 {
        return Err("between 1 second and 366 days".to_owned());
    }
    Ok(Duration::from_secs(secs))
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

    /// Largest cost of one operation: each field costs 1, and what is below a list or
    /// connection counts once per item it may return (`first`/`last`, else the page size).
    #[arg(long, env = "PARTNER_HUB_MAX_COST", default_value_t = 50_000)]
    pub max_cost: u64,

    /// Most aliased fields in one document.
    #[arg(long, env = "PARTNER_HUB_MAX_ALIASES", default_value_t = 30)]
    pub max_aliases: usize,

    /// Most fields at the root of one operation.
    #[arg(long, env = "PARTNER_HUB_MAX_ROOT_FIELDS", default_value_t = 20)]
    pub max_root_fields: usize,

    /// Largest WebSocket message (and frame), in bytes; a larger one closes the socket.
    #[arg(long, env = "PARTNER_HUB_WS_MAX_MESSAGE_BYTES", default_value_t = 64 * 1024)]
    pub ws_max_message_bytes: usize,

    /// Seconds a WebSocket client has to send `connection_init` (else close 4408).
    #[arg(long, env = "PARTNER_HUB_WS_INIT_TIMEOUT_SECS", default_value_t = 3)]
    pub ws_init_timeout_secs: u64,

    /// Operations running at once on one WebSocket.
    #[arg(long, env = "PARTNER_HUB_WS_MAX_OPERATIONS", default_value_t = 100)]
    pub ws_max_operations: usize,

    /// Requests each viewer (token subject, else client IP) may make per minute, on average.
    #[arg(long, env = "PARTNER_HUB_RATE_LIMIT_PER_MINUTE", default_value_t = 600)]
    pub rate_limit_per_minute: u32,

    /// Requests a viewer may make at once above its average rate.
    #[arg(long, env = "PARTNER_HUB_RATE_LIMIT_BURST", default_value_t = 60)]
    pub rate_limit_burst: u32,

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
            max_cost: 50_000,
            max_aliases: 30,
            max_root_fields: 20,
            ws_max_message_bytes: 64 * 1024,
            ws_init_timeout_secs: 3,
            ws_max_operations: 100,
            rate_limit_per_minute: 600,
            rate_limit_burst: 60,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_lifetimes() {
        assert_eq!(parse_ttl("90s"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_ttl("30m"), Ok(Duration::from_secs(1800)));
        assert_eq!(parse_ttl("12h"), Ok(Duration::from_secs(43_200)));
        assert_eq!(parse_ttl("7d"), Ok(Duration::from_secs(604_800)));
        for bad in ["", "h", "12", "0h", "-1h", "1.5h", "12H", "367d", "1w"] {
            assert!(parse_ttl(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_jwt_secret_is_never_printed() {
        let args = AuthArgs {
            jwt_secret: Some("a-secret-nobody-may-read-in-a-log".to_owned()),
            ..AuthArgs::default()
        };
        assert!(!format!("{args:?}").contains("nobody"));
    }

    #[test]
    fn auth_flags_parse_with_their_defaults_and_bounds() {
        let cli = Cli::try_parse_from(["partner-hub", "serve"]).unwrap();
        let Command::Serve(serve) = cli.command else {
            panic!("not serve")
        };
        assert_eq!(serve.auth.jwt_issuer, "partner-hub");
        assert_eq!(serve.auth.jwt_leeway_secs, 30);
        assert!(Cli::try_parse_from(["partner-hub", "serve", "--jwt-leeway-secs", "61"]).is_err());
        assert!(
            Cli::try_parse_from([
                "partner-hub",
                "serve",
                "--jwt-secret",
                "x",
                "--jwt-secret-file",
                "f"
            ])
            .is_err()
        );
        let cli = Cli::try_parse_from(["partner-hub", "token", "--role", "officer"]).unwrap();
        let Command::Token(token) = cli.command else {
            panic!("not token")
        };
        assert_eq!(token.role, crate::auth::Role::Officer);
        assert_eq!(token.ttl, Duration::from_secs(12 * 3600));
    }
}
