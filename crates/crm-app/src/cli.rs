//! The `crm` command line.

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(name = "crm", version, about = "Obriym CRM: API, SPA and operator tools")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the API, the SPA and the API docs (migrations applied at start).
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Print the OpenAPI document.
    Openapi,
    /// Workspaces.
    Workspace {
        #[command(subcommand)]
        command: WorkspaceCommand,
    },
    /// API tokens.
    Token {
        #[command(subcommand)]
        command: TokenCommand,
    },
    /// Platform administration.
    Admin {
        #[command(subcommand)]
        command: AdminCommand,
    },
    /// The daily digest email.
    Digest {
        #[command(subcommand)]
        command: DigestCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum DigestCommand {
    /// Send the digests of a date that no run has sent yet (at most once per
    /// workspace, member and date, however often it runs); prints a summary.
    Run {
        /// `YYYY-MM-DD`; today (UTC) by default.
        #[arg(long, value_parser = parse_date)]
        date: Option<time::Date>,
    },
}

fn parse_date(text: &str) -> Result<time::Date, String> {
    time::Date::parse(text, time::macros::format_description!("[year]-[month]-[day]"))
        .map_err(|_| format!("`{text}` is not a date in YYYY-MM-DD form"))
}

#[derive(Debug, Subcommand)]
pub enum WorkspaceCommand {
    /// Create a workspace (and its owner's account when missing); prints the
    /// workspace id alone on stdout.
    Create {
        #[arg(long)]
        name: String,
        #[arg(long)]
        owner_email: String,
        /// Without it, a new owner sets a password through "forgot password".
        #[arg(long)]
        owner_password: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Create an API token; prints the token alone on stdout.
    Create {
        #[arg(long)]
        workspace: uuid::Uuid,
        #[arg(long)]
        name: String,
        /// Comma-separated, e.g. `leads:read,leads:write`.
        #[arg(long)]
        scopes: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Make an existing account a platform admin.
    Grant {
        #[arg(long)]
        email: String,
    },
}
