//! Typed ids. Every id is a UUID; new ones are UUIDv7 (time-ordered, index
//! friendly). A typed id cannot be passed where another entity's id is expected:
//!
//! ```compile_fail,E0308
//! use crm_kernel::{CompanyId, ContactId};
//!
//! fn company_name(_company: CompanyId) {}
//!
//! // A contact's id is not a company's id: this does not compile.
//! company_name(ContactId::new());
//! ```
//!
//! The CRM records' ids live here rather than in their domain crates because
//! records of other modules link to them (a deal to its contact and company,
//! an order to its deal); converting is always explicit
//! (`from_uuid`/`as_uuid`), done where an id enters or leaves the domain
//! (storage rows, request paths).

use std::fmt;
use std::str::FromStr;

use uuid::Uuid;

macro_rules! typed_id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[serde(transparent)]
        pub struct $name(Uuid);

        impl $name {
            /// A fresh, time-ordered id.
            #[must_use]
            pub fn new() -> Self {
                Self(Uuid::now_v7())
            }

            /// Wraps an id read from storage or from a request path.
            #[must_use]
            pub const fn from_uuid(id: Uuid) -> Self {
                Self(id)
            }

            #[must_use]
            pub const fn as_uuid(&self) -> Uuid {
                self.0
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s).map(Self)
            }
        }

        impl From<Uuid> for $name {
            fn from(id: Uuid) -> Self {
                Self(id)
            }
        }

        impl From<$name> for Uuid {
            fn from(id: $name) -> Self {
                id.0
            }
        }
    };
}

/// The id of a record that audit entries and notifications point at: the id
/// type names its entity (`lead`, `deal`, ...), so an entry cannot pair a
/// contact's id with the entity type `company`.
pub trait RecordId: Copy {
    /// The entity type as stored with audit entries and notifications.
    const ENTITY: &'static str;

    fn as_uuid(&self) -> Uuid;

    /// [`Self::ENTITY`], for a value.
    fn entity_type(&self) -> &'static str {
        Self::ENTITY
    }
}

typed_id!(
    /// A person with a global account.
    UserId
);
typed_id!(
    /// A tenant: every business record belongs to exactly one workspace.
    WorkspaceId
);
typed_id!(
    /// A user's membership of a workspace.
    MembershipId
);
typed_id!(
    /// A server-side browser session (revocable).
    SessionId
);
typed_id!(
    /// An invitation to join a workspace. Its value is random (UUIDv4): the
    /// `/invite/{id}` link is mailed only to the invited address.
    InvitationId
);
typed_id!(
    /// A workspace API token.
    ApiTokenId
);

typed_id!(
    /// A lead: a prospect not yet worked into a contact and a deal.
    LeadId
);
typed_id!(
    /// A workspace's custom lead source. Sources are addressed by slug; the
    /// id names them in the audit feed.
    LeadSourceId
);
typed_id!(
    /// A person the workspace has a relationship with.
    ContactId
);
typed_id!(
    /// An organisation contacts work for.
    CompanyId
);
typed_id!(
    /// A task, call, meeting or note, linked to leads, contacts, companies, deals.
    ActivityId
);
typed_id!(
    /// An opportunity moving through a pipeline.
    DealId
);
typed_id!(
    /// A sales pipeline: an ordered list of stages.
    PipelineId
);
typed_id!(
    /// A stage of a pipeline.
    StageId
);
typed_id!(
    /// A reason a workspace records for lost deals.
    LostReasonId
);
typed_id!(
    /// A product of the workspace catalog (simple or bundle).
    ProductId
);
typed_id!(
    /// A node of the workspace's product category tree.
    CategoryId
);
typed_id!(
    /// A brand products can be labelled with.
    BrandId
);
typed_id!(
    /// An in-app notification for one member.
    NotificationId
);
typed_id!(
    /// An entry of the workspace audit feed.
    AuditEventId
);

macro_rules! record_id {
    ($($name:ident => $entity:literal),* $(,)?) => {
        $(impl RecordId for $name {
            const ENTITY: &'static str = $entity;

            fn as_uuid(&self) -> Uuid {
                self.0
            }
        })*
    };
}

record_id!(
    WorkspaceId => "workspace",
    LeadId => "lead",
    LeadSourceId => "lead_source",
    ContactId => "contact",
    CompanyId => "company",
    ActivityId => "activity",
    DealId => "deal",
    PipelineId => "pipeline",
    LostReasonId => "lost_reason",
    ProductId => "product",
    CategoryId => "category",
    BrandId => "brand",
);

impl InvitationId {
    /// Invitation ids are links sent by email, so they must be unguessable.
    #[must_use]
    pub fn random() -> Self {
        Self(Uuid::new_v4())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The entity types are stored with every audit entry and notification
    /// (and the SPA links by them): renaming one orphans the stored rows.
    #[test]
    fn record_ids_name_the_entity_types_already_stored() {
        let stored = [
            (WorkspaceId::ENTITY, "workspace"),
            (LeadId::ENTITY, "lead"),
            (LeadSourceId::ENTITY, "lead_source"),
            (ContactId::ENTITY, "contact"),
            (CompanyId::ENTITY, "company"),
            (ActivityId::ENTITY, "activity"),
            (DealId::ENTITY, "deal"),
            (PipelineId::ENTITY, "pipeline"),
            (LostReasonId::ENTITY, "lost_reason"),
            (ProductId::ENTITY, "product"),
            (CategoryId::ENTITY, "category"),
            (BrandId::ENTITY, "brand"),
        ];
        for (entity, expected) in stored {
            assert_eq!(entity, expected);
        }
    }

    #[test]
    fn a_typed_id_round_trips_through_text_and_uuid() {
        let id = DealId::new();
        assert_eq!(id.to_string().parse::<DealId>().ok(), Some(id));
        assert_eq!(DealId::from_uuid(Uuid::from(id)), id);
        assert_eq!(RecordId::as_uuid(&id), id.as_uuid());
    }
}
