//! The subcommands of the `partner-hub` binary.

use std::time::Duration;

use anyhow::Context as _;

use crate::app::{Application, ServeConfig, shutdown_signal};
use crate::auth::Role;
use crate::auth::jwt::{Authenticator, TokenClaims, try_mint};
use crate::config::{Cli, Command, DatabaseArgs, MigrateAction, TokenArgs};
use crate::db::{self, Database};
use crate::{graphql, reference, seed};

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Serve(args) => {
            let app = Application::build(ServeConfig {
                listen: args.listen,
                database: args.database,
                limits: args.limits,
                auth: args.auth,
                endpoint: args.endpoint,
                shutdown_grace: Duration::from_secs(args.shutdown_grace_secs),
                demo: args.demo,
            })
            .await?;
            let addr = app.local_addr()?;
            tracing::info!(%addr, "Partner Hub is ready");
            println!("Partner Hub is listening on http://{addr}");
            println!("  GraphQL:    http://{addr}/graphql");
            println!("  Playground: http://{addr}/playground");
            println!("  Health:     http://{addr}/healthz  http://{addr}/readyz");
            if args.demo {
                print_demo_tokens(app.authenticator());
            }
            app.run_until(shutdown_signal()).await
        }
        Command::Migrate { action } => {
            let (database, apply) = match &action {
                MigrateAction::Up(database) => (database, true),
                MigrateAction::Status(database) => (database, false),
            };
            let db = connect(database).await?;
            if apply {
                db::migrate_up(&db)
                    .await
                    .context("cannot apply migrations")?;
            }
            for migration in db::migration_status(&db).await? {
                let state = if migration.applied {
                    "applied"
                } else {
                    "pending"
                };
                println!("{state:8} {}", migration.name);
            }
            db.close().await?;
            Ok(())
        }
        Command::Seed(args) => {
            if !args.reference && !args.demo && args.synthetic.is_none() {
                anyhow::bail!("nothing to seed: pass --reference, --demo or --synthetic N");
            }
            let db = connect(&args.database).await?;
            db::migrate_up(&db)
                .await
                .context("cannot apply migrations")?;
            // Demo and synthetic networks stand on the reference data: it is always loaded.
            let loaded = reference::load(&db)
                .await
                .map_err(|e| anyhow::anyhow!("cannot load the reference data: {}", e.detail()))?;
            println!("reference data: {loaded}");
            if args.demo {
                let report = seed::demo::load(&db)
                    .await
                    .map_err(|e| anyhow::anyhow!("cannot load the demo network: {}", e.detail()))?;
                println!("demo network: {report}");
            }
            if let Some(actors) = args.synthetic {
                let started = std::time::Instant::now();
                let report = seed::synthetic::load(&db, actors, args.seed)
                    .await
                    .map_err(|e| {
                        anyhow::anyhow!("cannot load the synthetic network: {}", e.detail())
                    })?;
                println!(
                    "synthetic network: {report} in {:.1} s",
                    started.elapsed().as_secs_f64()
                );
            }
            db.close().await?;
            Ok(())
        }
        Command::Schema => {
            print!("{}", graphql::sdl());
            Ok(())
        }
        Command::Token(args) => {
            println!("{}", mint_token(&args)?);
            Ok(())
        }
    }
}

/// `partner-hub token`: the claims checked as far as possible without the database (the
/// circumscription and actor are looked up when the token is used), signed with the secret
/// `serve` verifies with.
fn mint_token(args: &TokenArgs) -> anyhow::Result<String> {
    let secret = crate::auth::keys::resolve_secret(&args.auth, &args.database.database_url)?
        .ok_or_else(|| {
            anyhow::anyhow!(
                "HS256 is off (PostgreSQL with a JWKS file and no secret): tokens come from the \
                 identity provider; set PARTNER_HUB_JWT_SECRET or --jwt-secret-file to mint here"
            )
        })?;
    let subject = args
        .subject
        .clone()
        .unwrap_or_else(|| format!("cli-{}", args.role.as_claim().to_lowercase()));
    let mut claims = TokenClaims::new(args.role.as_claim(), &subject)
        .issuer(args.auth.jwt_issuer.clone())
        .audience(args.auth.jwt_audience.clone())
        .ttl(args.ttl);
    match args.role {
        Role::Officer => {
            let code = args
                .circumscription
                .as_deref()
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .ok_or_else(|| anyhow::anyhow!("an OFFICER token needs --circumscription CODE"))?;
            claims = claims.circumscription(code.to_uppercase());
        }
        Role::Partner => {
            let actor = args
                .actor
                .as_deref()
                .map(str::trim)
                .ok_or_else(|| anyhow::anyhow!("a PARTNER token needs --actor ID"))?;
            graphql::relay::GlobalId::decode_as(actor, graphql::relay::NodeKind::Actor, "actor")
                .map_err(|_| anyhow::anyhow!("--actor `{actor}` is not an actor's global ID"))?;
            claims = claims.actor(actor);
        }
        Role::Coordinator | Role::Admin | Role::Anonymous => {}
    }
    try_mint(&secret.bytes, &claims)
}

/// `serve --demo`: a coordinator token and a Fès officer token, so a newcomer can see what
/// each role sees.
fn print_demo_tokens(auth: &Authenticator) {
    let coordinator = auth.claims(Role::Coordinator, "demo-coordinator");
    let officer = auth
        .claims(Role::Officer, "demo-officer-fes")
        .circumscription("FES");
    match (auth.mint(&coordinator), auth.mint(&officer)) {
        (Some(Ok(coordinator)), Some(Ok(officer))) => {
            println!();
            println!(
                "Demo tokens, for trying the hub out (valid 12 h; send them as \
                 `Authorization: Bearer <token>`):"
            );
            println!("  coordinator (sees everything):");
            println!("    {coordinator}");
            println!(
                "  officer of the Fès circumscription (sees it in full, elsewhere PUBLIC and INTERNAL):"
            );
            println!("    {officer}");
            println!("  More: partner-hub token --role OFFICER --circumscription RABAT");
        }
        (None, _) | (_, None) => {
            println!("No demo tokens: HS256 is off (tokens come from the identity provider).");
        }
        (Some(Err(err)), _) | (_, Some(Err(err))) => {
            tracing::warn!(error = %err, "cannot mint the demo tokens");
        }
    }
}

async fn connect(args: &DatabaseArgs) -> anyhow::Result<Database> {
    Database::connect(args).await.with_context(|| {
        format!(
            "cannot open the database {}",
            db::redact(&args.database_url)
        )
    })
}
