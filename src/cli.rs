//! The subcommands of the `partner-hub` binary.

use std::time::Duration;

use anyhow::Context as _;

use crate::app::{Application, ServeConfig, shutdown_signal};
use crate::config::{Cli, Command, DatabaseArgs, MigrateAction};
use crate::db::{self, Database};
use crate::{graphql, reference, seed};

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Serve(args) => {
            let app = Application::build(ServeConfig {
                listen: args.listen,
                database: args.database,
                limits: args.limits,
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
