//! Request bodies and response views of the SPA and public APIs, one file
//! per resource (named like its handler file) plus [`common`] for the types
//! every resource shares. camelCase on the wire; request bodies refuse
//! unknown fields. A request type converts into its domain command with
//! `From`/`TryFrom`, next to its definition.

pub mod activities;
pub mod admin;
pub mod api_tokens;
pub mod audit;
pub mod auth;
pub mod common;
pub mod companies;
pub mod contacts;
pub mod conversion;
pub mod deals;
pub mod invitations;
pub mod lead_sources;
pub mod leads;
pub mod me;
pub mod members;
pub mod notifications;
pub mod pipelines;
pub mod timelines;
pub mod workspaces;

pub use activities::*;
pub use admin::*;
pub use api_tokens::*;
pub use audit::*;
pub use auth::*;
pub use companies::*;
pub use contacts::*;
pub use conversion::*;
pub use deals::*;
pub use invitations::*;
pub use lead_sources::*;
pub use leads::*;
pub use me::*;
pub use members::*;
pub use notifications::*;
pub use pipelines::*;
pub use timelines::*;
pub use workspaces::*;
