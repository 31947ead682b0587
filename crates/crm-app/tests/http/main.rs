//! HTTP tests: the real application (the same `Application::build` as
//! `crm serve`) on a free port, a fresh migrated database, real SMTP.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod behaviour;
mod contract;
mod deal_rules;
mod deals;
mod harness;
mod leads;
mod matrices;
mod notifications;
mod relationships;
mod world;
