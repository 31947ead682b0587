//! SeaORM entities: the rows as stored, one file per table. They never
//! leave this crate; the adapters convert them into domain records.
//!
//! A table with a `workspace_id` column declares its tenancy beside its
//! entity (`tenant!()`, or `record!(XId)` for a CRM record with a typed id):
//! that makes it usable with the `tenancy` helpers, and
//! `tests/tenancy_guard.rs` fails when the declaration is missing.

#![allow(clippy::struct_field_names)]

pub mod activities;
pub mod api_tokens;
pub mod audit_events;
pub mod companies;
pub mod contacts;
pub mod deal_stage_totals;
pub mod deals;
pub mod digest_deliveries;
pub mod email_tokens;
pub mod idempotency_keys;
pub mod invitations;
pub mod lead_sources;
pub mod leads;
pub mod lost_reasons;
pub mod memberships;
pub mod notification_preferences;
pub mod notifications;
pub mod pipeline_stages;
pub mod pipelines;
pub mod sessions;
pub mod users;
pub mod workspaces;
