//! Typed ids. Every id is a UUID; new ones are UUIDv7 (time-ordered, index
//! friendly). A typed id cannot be passed where another entity's id is expected.

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
    };
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

impl InvitationId {
    /// Invitation ids are links sent by email, so they must be unguessable.
    #[must_use]
    pub fn random() -> Self {
        Self(Uuid::new_v4())
    }
}
