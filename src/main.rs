use clap::Parser;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    partner_hub::telemetry::init();
    let cli = partner_hub::config::Cli::parse();
    match partner_hub::cli::run(cli).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("partner-hub: {err:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
