//! `crm-bench`: performance tooling for the Leads, Contacts and Deals modules.
//!
//! - `crm-bench seed` fills a (migrated) database with workspaces and leads;
//! - `crm-bench leads` starts the real `crm serve`, measures the Leads API
//!   and the equivalent raw SQL (the floor), and prints a table;
//! - `crm-bench seed-contacts` fills one workspace with companies, contacts
//!   and a contact with a long timeline;
//! - `crm-bench contacts` measures the Contacts API and the timeline the
//!   same way, signed in through the SPA's session API;
//! - `crm-bench seed-deals` fills one workspace's default pipeline with open,
//!   won and lost deals (and a second workspace with fewer);
//! - `crm-bench deals` measures the kanban board, a column's next page and a
//!   deal's detail the same way.
//! - `crm-bench notifications` seeds one member with 100,000 notifications
//!   and measures the bell's unread count and first page the same way.
//!
//! See `docs/benchmarks.md`. Nothing here runs under `cargo test` except the
//! generator's unit tests.

mod bench;
mod contacts_bench;
mod data;
mod deal_data;
mod deals_bench;
mod deals_sql;
mod notifications_bench;
mod rel_data;
mod rel_sql;
mod seed;
mod seed_contacts;
mod seed_deals;
mod sql;
mod stats;

use anyhow::Result;
use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(name = "crm-bench", about = "Seed large data sets and benchmark the Leads, Contacts and Deals APIs")]
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
    /// Create one workspace (owner with a known password) and bulk-insert
    /// companies, contacts, and one contact with a long timeline. Prints the
    /// workspace id alone on stdout (progress on stderr).
    SeedContacts(seed_contacts::SeedContactsArgs),
    /// Benchmark the Contacts API and a contact timeline (signed-in session)
    /// against raw SQL.
    Contacts(contacts_bench::ContactsBenchArgs),
    /// Create one workspace (owner with a known password, a few members)
    /// and bulk-insert open, won and lost deals into its default pipeline,
    /// plus a smaller second workspace. Prints the workspace id alone on
    /// stdout (progress on stderr).
    SeedDeals(seed_deals::SeedDealsArgs),
    /// Benchmark the kanban board (per-column pagination), a column's next
    /// page and a deal's detail (signed-in session) against raw SQL.
    Deals(deals_bench::DealsBenchArgs),
    /// Seed one member with many notifications and benchmark the bell's
    /// unread count and first page (signed-in session) against raw SQL.
    Notifications(notifications_bench::NotificationsBenchArgs),
}

#[tokio::main]
async fn main() -> Result<()> {
    match Cli::parse().command {
        Command::Seed(args) => seed::run(args).await,
        Command::Leads(args) => bench::run(args).await,
        Command::SeedContacts(args) => seed_contacts::run(args).await,
        Command::Contacts(args) => contacts_bench::run(args).await,
        Command::SeedDeals(args) => seed_deals::run(args).await,
        Command::Deals(args) => deals_bench::run(args).await,
        Command::Notifications(args) => notifications_bench::run(args).await,
    }
}
