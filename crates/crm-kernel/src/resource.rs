//! The kinds of record a request can name, for "not found" outcomes: the
//! HTTP layer derives the problem code (`<kind>.not_found`) from the kind,
//! and the detail reads "<name> not found".

use std::fmt;

/// A kind of record that can be missing (or in a workspace the caller
/// cannot see).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Resource {
    Workspace,
    Member,
    Invitation,
    ApiToken,
    User,
    Lead,
    Contact,
    Company,
    Deal,
    Pipeline,
    Stage,
    LostReason,
    Product,
    Category,
    Brand,
}

impl Resource {
    /// The name used in messages ("lost reason not found").
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Workspace => "workspace",
            Self::Member => "member",
            Self::Invitation => "invitation",
            Self::ApiToken => "api token",
            Self::User => "user",
            Self::Lead => "lead",
            Self::Contact => "contact",
            Self::Company => "company",
            Self::Deal => "deal",
            Self::Pipeline => "pipeline",
            Self::Stage => "stage",
            Self::LostReason => "lost reason",
            Self::Product => "product",
            Self::Category => "category",
            Self::Brand => "brand",
        }
    }
}

impl fmt::Display for Resource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
