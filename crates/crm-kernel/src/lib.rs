//! The shared vocabulary of the CRM.
//!
//! Owns: typed ids, the request [`Scope`] (workspace + actor + role or token
//! scopes), [`Role`], [`TokenScope`], [`Currency`], keyset [`Cursor`]s and
//! [`Page`]s, the [`Clock`] port and the [`Mailer`] port.
//!
//! Every other crate may depend on this one; it depends on nothing of ours and
//! never on a web framework, an ORM or a JSON library.

pub mod audit;
pub mod clock;
pub mod currency;
pub mod email;
pub mod idempotency;
pub mod ids;
pub mod keyset;
pub mod mail;
pub mod money;
pub mod notification;
pub mod page;
pub mod patch;
pub mod resource;
pub mod scope;
pub mod text;
mod text_enum;

pub use audit::{AuditActor, AuditEntry, AuditLog, AuditRecord};
pub use clock::{Clock, FixedClock, SystemClock};
pub use currency::{Currency, CurrencyError};
pub use email::Email;
pub use idempotency::{IdempotencyClaim, IdempotencyStore, StoredResponse};
pub use ids::{
    ActivityId, ApiTokenId, AuditEventId, BrandId, CategoryId, CompanyId, ContactId, DealId, InvitationId, LeadId,
    LeadSourceId, LostReasonId, MembershipId, NotificationId, PipelineId, ProductId, RecordId, SessionId, StageId,
    UserId, WorkspaceId,
};
pub use keyset::{ListSort, NameCursor, SortBy};
pub use mail::{MailError, Mailer, OutgoingEmail};
pub use money::Money;
pub use notification::Notification;
pub use page::{Cursor, CursorError, Limit, LimitError, Page};
pub use patch::Patch;
pub use resource::Resource;
pub use scope::{Actor, Role, Scope, TokenScope, TokenScopeError};
pub mod error;
pub use error::{FieldError, StoreError};
