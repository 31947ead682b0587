//! Creating, reading, listing and editing deals.

use crm_kernel::{AuditEntry, CompanyId, ContactId, DealId, FieldError, Limit, Money, Patch, Resource, Scope, UserId};
use time::OffsetDateTime;

use super::{DealService, Errors, normalise, optional_text, owner_notification, require_read, require_write, title};
use crate::error::DealError;
use crate::model::{Deal, DealChanges, DealFilter, DealQuery, DealSnapshot, NewDeal, Pipeline};
use crate::values::{Probability, StageKind};

impl DealService {
    pub(super) async fn check_links(
        &self,
        scope: &Scope,
        owner: Option<UserId>,
        contact: Option<ContactId>,
        company: Option<CompanyId>,
    ) -> Result<(), DealError> {
        if let Some(owner) = owner
            && !self.deals.is_member(scope, owner).await?
        {
            return Err(DealError::OwnerNotFound);
        }
        if let Some(contact) = contact
            && !self.deals.contact_exists(scope, contact).await?
        {
            return Err(DealError::NotFound(Resource::Contact));
        }
        if let Some(company) = company
            && !self.deals.company_exists(scope, company).await?
        {
            return Err(DealError::NotFound(Resource::Company));
        }
        Ok(())
    }

    /// A validated, not yet stored deal in `pipeline` (used by create and by
    /// lead conversion).
    pub(crate) fn draft(
        scope: &Scope,
        pipeline: &Pipeline,
        currency: crm_kernel::Currency,
        input: &NewDeal,
        now: OffsetDateTime,
    ) -> Result<Deal, DealError> {
        let mut errors = Errors::default();
        let title = errors.take(title(&input.title));
        let amount = errors.take(match input.amount.as_deref().map(str::trim) {
            None | Some("") => Ok(Money::zero(currency)),
            Some(raw) => Money::parse("amount", raw, currency),
        });
        let probability = errors.take(input.probability.map(|p| Probability::parse("probability", p)).transpose());
        let next_action_text = errors
            .take(input.next_action_text.as_deref().map_or(Ok(None), |t| optional_text("nextActionText", t, 500)));
        let notes = errors.take(input.notes.as_deref().map_or(Ok(None), |t| optional_text("notes", t, 10_000)));
        let stage = match input.stage_id {
            None => pipeline.first_open(),
            Some(id) => pipeline.stage(id),
        };
        if stage.is_none() {
            errors.0.push(FieldError::new("stageId", "unknown_stage", "not a stage of this pipeline"));
        }
        if stage.is_some_and(|s| s.kind.is_closed()) {
            errors.0.push(FieldError::new("stageId", "closed_stage", "a new deal starts in an open stage"));
        }
        errors.finish()?;
        let (Some(title), Some(amount), Some(probability), Some(next_action_text), Some(notes), Some(stage)) =
            (title, amount, probability, next_action_text, notes, stage)
        else {
            return Err(DealError::Invalid(Vec::new()));
        };
        Ok(Deal {
            id: DealId::new(),
            workspace_id: scope.workspace(),
            pipeline_id: pipeline.id,
            stage_id: stage.id,
            status: StageKind::Open,
            title,
            amount,
            probability,
            expected_close_date: input.expected_close_date,
            next_action_text,
            next_action_date: input.next_action_date,
            owner_id: input.owner_id,
            contact_id: input.contact_id,
            company_id: input.company_id,
            lead_id: None,
            loss: None,
            notes,
            opened_at: now,
            closed_at: None,
            created_at: now,
            updated_at: now,
        })
    }

    /// # Errors
    /// `Forbidden`, `Invalid`, `NotFound` (pipeline, contact, company),
    /// `OwnerNotFound`, `Store`.
    pub async fn create(&self, scope: &Scope, input: NewDeal) -> Result<DealSnapshot, DealError> {
        require_write(scope)?;
        let pipeline = self.pipeline(scope, input.pipeline_id).await?;
        let currency = self.deals.workspace_currency(scope).await?;
        let now = self.clock.now();
        let deal = Self::draft(scope, &pipeline, currency, &input, now)?;
        self.check_links(scope, deal.owner_id, deal.contact_id, deal.company_id).await?;
        let audit = AuditEntry::new(
            scope,
            "deal.created",
            deal.id,
            format!(
                "Deal created in {} ({} {})",
                pipeline.stage(deal.stage_id).map_or("", |s| &s.name),
                deal.amount,
                deal.amount.currency()
            ),
            now,
        );
        let notification = owner_notification(scope, &deal, now);
        self.deals.insert_deal(scope, &deal, &audit, notification.as_ref()).await?;
        self.one(scope, deal).await
    }

    /// # Errors
    /// `Forbidden`, `NotFound`, `Store`.
    pub async fn get(&self, scope: &Scope, id: DealId) -> Result<DealSnapshot, DealError> {
        require_read(scope)?;
        let deal = self.deals.find_deal(scope, id).await?.ok_or(DealError::NotFound(Resource::Deal))?;
        self.one(scope, deal).await
    }

    /// One page, newest first, and the id to continue before.
    ///
    /// # Errors
    /// `Forbidden`, `Store`.
    pub async fn list(
        &self,
        scope: &Scope,
        filter: DealFilter,
        before: Option<DealId>,
        limit: Limit,
    ) -> Result<(Vec<DealSnapshot>, Option<DealId>), DealError> {
        require_read(scope)?;
        let filter = normalise(filter);
        let mut rows =
            self.deals.list_deals(scope, &DealQuery { filter, before, limit, now: self.clock.now() }).await?;
        let more = rows.len() > usize::from(limit.get());
        rows.truncate(usize::from(limit.get()));
        let next = if more { rows.last().map(|d| d.id) } else { None };
        Ok((self.snapshots(scope, rows).await?, next))
    }

    /// Changes fields (not the stage). Owner changes notify the new owner.
    ///
    /// # Errors
    /// `Forbidden`, `NotFound`, `Invalid`, `OwnerNotFound`, `Conflict`, `Store`.
    pub async fn update(&self, scope: &Scope, id: DealId, changes: DealChanges) -> Result<DealSnapshot, DealError> {
        require_write(scope)?;
        let (_, stages) = self.context(scope).await?;
        self.rewrite(scope, id, &stages, |current, _| {
            let mut next = current.clone();
            let mut changed = Vec::new();
            let mut errors = Errors::default();
            if let Some(raw) = &changes.title
                && let Some(t) = errors.take(title(raw))
                && t != next.title
            {
                next.title = t;
                changed.push("title".to_owned());
            }
            if let Some(raw) = &changes.amount
                && let Some(amount) = errors.take(Money::parse("amount", raw, current.amount.currency()))
                && amount != next.amount
            {
                changed.push(format!("amount {} → {}", next.amount, amount));
                next.amount = amount;
            }
            match &changes.probability {
                Patch::Keep => {}
                Patch::Clear => {
                    if next.probability.take().is_some() {
                        changed.push("probability back to the stage default".to_owned());
                    }
                }
                Patch::Set(p) => {
                    if let Some(p) = errors.take(Probability::parse("probability", *p))
                        && next.probability != Some(p)
                    {
                        next.probability = Some(p);
                        changed.push(format!("probability {}%", p.get()));
                    }
                }
            }
            let mut text = |patch: &Patch<String>, slot: &mut Option<String>, field: &'static str, max, label: &str| {
                let value = match patch {
                    Patch::Keep => return,
                    Patch::Clear => None,
                    Patch::Set(raw) => match errors.take(optional_text(field, raw, max)) {
                        Some(v) => v,
                        None => return,
                    },
                };
                if *slot != value {
                    *slot = value;
                    changed.push(label.to_owned());
                }
            };
            text(&changes.next_action_text, &mut next.next_action_text, "nextActionText", 500, "next action");
            text(&changes.notes, &mut next.notes, "notes", 10_000, "notes");
            errors.finish()?;
            for (patch, slot, label) in [
                (&changes.expected_close_date, &mut next.expected_close_date, "expected close date"),
                (&changes.next_action_date, &mut next.next_action_date, "next action date"),
            ] {
                let value = match patch {
                    Patch::Keep => continue,
                    Patch::Clear => None,
                    Patch::Set(d) => Some(*d),
                };
                if *slot != value {
                    *slot = value;
                    changed.push(label.to_owned());
                }
            }
            relink(&changes.contact_id, &mut next.contact_id, "contact", &mut changed);
            relink(&changes.company_id, &mut next.company_id, "company", &mut changed);
            let owner = match changes.owner_id {
                Patch::Keep => next.owner_id,
                Patch::Clear => None,
                Patch::Set(user) => Some(user),
            };
            if owner != next.owner_id {
                next.owner_id = owner;
                changed.push(owner.map_or_else(|| "owner removed".to_owned(), |u| format!("owner → {u}")));
            }
            Ok((next, changed.join("; ")))
        })
        .await
    }

    /// Open deals owned by `user` (member detail).
    ///
    /// # Errors
    /// `Forbidden`, `Store`.
    pub async fn open_owned_count(&self, scope: &Scope, user: UserId) -> Result<u64, DealError> {
        require_read(scope)?;
        Ok(self.deals.count_open_owned(scope, user).await?)
    }
}

/// Applies one link change, naming it in `changed` when it changes anything.
fn relink<T: Copy + PartialEq>(patch: &Patch<T>, slot: &mut Option<T>, label: &str, changed: &mut Vec<String>) {
    let value = match patch {
        Patch::Keep => return,
        Patch::Clear => None,
        Patch::Set(id) => Some(*id),
    };
    if *slot != value {
        *slot = value;
        changed.push(label.to_owned());
    }
}
