//! `crm`: see `crm --help`.

use anyhow::{Context, Result};
use clap::Parser;
use crm_app::cli::{AdminCommand, Cli, Command, DigestCommand, TokenCommand, WorkspaceCommand};
use crm_app::{Application, Config, Services, clock_for, system_clock};
use crm_kernel::WorkspaceId;

fn init_logging(json: bool) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("CRM_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn,sea_orm=warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_writer(std::io::stderr);
    if json {
        builder.json().flatten_event(true).init();
    } else {
        builder.init();
    }
}

/// Domain errors of operator commands, in words.
fn explain(error: crm_identity::IdentityError) -> anyhow::Error {
    match error {
        crm_identity::IdentityError::Invalid(fields) => anyhow::anyhow!(
            "invalid input: {}",
            fields.iter().map(|f| format!("{}: {}", f.field, f.message)).collect::<Vec<_>>().join("; ")
        ),
        other => anyhow::anyhow!(other.to_string()),
    }
}

#[tokio::main]
async fn main() -> Result<()> {
    let cli = Cli::parse();
    if let Command::Openapi = cli.command {
        let doc = crm_api::openapi();
        println!("{}", serde_json::to_string_pretty(&doc)?);
        return Ok(());
    }
    let config = Config::from_env()?;
    init_logging(config.log_json);
    match cli.command {
        Command::Openapi => Ok(()),
        Command::Serve => {
            let app = Application::build(&config, clock_for(&config)).await?;
            tracing::info!(addr = %config.addr, public_url = %config.public_url, "serving");
            app.run_until_stopped().await
        }
        Command::Migrate => {
            let db = crm_store::connect(&config.database_url).await.context("connecting to the database")?;
            crm_store::migrate(&db).await.context("applying migrations")?;
            db.close().await.ok();
            tracing::info!("migrations applied");
            Ok(())
        }
        Command::Workspace { command: WorkspaceCommand::Create { name, owner_email, owner_password } } => {
            let services = Services::build(&config, system_clock()).await?;
            let id = services
                .api
                .identity
                .bootstrap_workspace(&name, &owner_email, owner_password.as_deref())
                .await
                .map_err(explain)?;
            println!("{id}");
            services.db.close().await.ok();
            Ok(())
        }
        Command::Token { command: TokenCommand::Create { workspace, name, scopes } } => {
            let services = Services::build(&config, system_clock()).await?;
            let scope =
                services.api.identity.operator_scope(WorkspaceId::from_uuid(workspace)).await.map_err(explain)?;
            let scopes: Vec<String> =
                scopes.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect();
            let issued = services.api.identity.create_api_token(&scope, &name, &scopes).await.map_err(explain)?;
            println!("{}", issued.secret);
            services.db.close().await.ok();
            Ok(())
        }
        Command::Admin { command: AdminCommand::Grant { email } } => {
            let services = Services::build(&config, system_clock()).await?;
            let user = services.api.identity.grant_platform_admin(&email).await.map_err(explain)?;
            tracing::info!(user.id = %user.id, "platform admin granted");
            services.db.close().await.ok();
            Ok(())
        }
        Command::Digest { command: DigestCommand::Run { date } } => {
            let services = Services::build(&config, clock_for(&config)).await?;
            let date = date.unwrap_or_else(|| services.api.clock.now().date());
            let report = services.digest.run(date).await.context("digest run")?;
            println!(
                "digest {date}: sent {}, nothing to report {}, already sent by another run {}, failed {}, store errors {}",
                report.sent, report.nothing_to_report, report.already_claimed, report.failed, report.errors
            );
            services.db.close().await.ok();
            Ok(())
        }
    }
}
