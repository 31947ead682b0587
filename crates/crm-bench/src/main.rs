//! `crm-bench`: performance tooling for the Leads module.
//!
//! - `crm-bench seed` fills a (migrated) database with workspaces and leads;
//! - `crm-bench leads` starts the real `crm serve`, measures the Leads API
//!   and the equivalent raw SQL (the floor), and prints a table.
//!
//! See `docs/benchmarks.md`. Nothing here runs under `cargo test` except the
//! generator's unit tests.

mod bench;
mod data;
mod seed;
mod sql;
mod stats;

use anyhow::Result;
use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(name = "crm-bench", about = "Seed large lead data sets and benchmark the Leads API")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Create workspaces through the real services and bulk-insert leads.
    /// Prints the big workspace's id alone on stdout (progress on stderr).
    Seed(seed::SeedArgs),
    /// Benchmark the Leads API of a seeded PostgreSQL database against raw SQL.
    Leads(bench::BenchArgs),
}

#[tokio::main]
async fn main() -> Result<()> {
    match Cli::parse().command {
        Command::Seed(args) => seed::run(args).await,
        Command::Leads(args) => bench::run(args).await,
    }
}
