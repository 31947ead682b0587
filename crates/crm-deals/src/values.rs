//! Stage kinds, probabilities and the pipeline every new workspace starts with.

use crm_kernel::FieldError;

crm_kernel::text_enum!(
    /// What a stage means for the deals in it; also a deal's status.
    StageKind { Open => "open", Won => "won", Lost => "lost" }
);

impl StageKind {
    /// Won and lost end a deal; only an explicit reopen brings it back.
    #[must_use]
    pub const fn is_closed(self) -> bool {
        !matches!(self, Self::Open)
    }
}

/// A deal's status is the kind of the stage it sits in.
pub type DealStatus = StageKind;

/// A deal with no update for this many days is stale.
pub const STALE_AFTER_DAYS: i64 = 14;

/// A percentage from 0 to 100.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Probability(u8);

impl Probability {
    /// # Errors
    /// A [`FieldError`] on `field` outside 0–100.
    pub fn parse(field: &'static str, raw: i64) -> Result<Self, FieldError> {
        u8::try_from(raw)
            .ok()
            .filter(|p| *p <= 100)
            .map(Self)
            .ok_or_else(|| FieldError::new(field, "out_of_range", "a whole percentage from 0 to 100"))
    }

    #[must_use]
    pub const fn from_trusted(p: u8) -> Self {
        Self(if p > 100 { 100 } else { p })
    }

    #[must_use]
    pub const fn get(self) -> u8 {
        self.0
    }
}

/// The pipeline a new workspace gets (docs/decisions.md, "Deals").
pub const DEFAULT_PIPELINE_NAME: &str = "Sales";

/// `(name, default probability, kind)` in board order.
pub const DEFAULT_STAGES: &[(&str, u8, StageKind)] = &[
    ("Qualification", 10, StageKind::Open),
    ("Needs analysis", 25, StageKind::Open),
    ("Proposal", 50, StageKind::Open),
    ("Negotiation", 75, StageKind::Open),
    ("Won", 100, StageKind::Won),
    ("Lost", 0, StageKind::Lost),
];

/// The lost reasons a new workspace starts with; "other" with a free text is
/// always available besides them.
pub const DEFAULT_LOST_REASONS: &[&str] =
    &["Price too high", "Chose a competitor", "No budget", "No decision", "Bad timing", "Product not a fit"];
