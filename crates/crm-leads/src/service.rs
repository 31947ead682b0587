//! The leads use cases, with their permission checks.

use std::sync::Arc;

use crm_kernel::{
    AuditEntry, AuditLog, AuditRecord, Clock, Cursor, FieldError, LeadId, Limit, Notification, Page, Role, Scope,
    TokenScope, UserId,
};
use time::OffsetDateTime;

use crate::error::LeadError;
use crate::model::{CustomSource, Lead, LeadChanges, LeadSnapshot, NewLead, Patch, SourceOption};
use crate::ports::LeadStore;
use crate::query::{LeadCursor, LeadFilter, LeadQuery, LeadSort};
use crate::score::{is_overdue, is_stale, score};
use crate::values::{BUILT_IN_SOURCES, LeadName, LeadStatus, Phone, SourceSlug, Tags, bounded, multiline};

pub struct LeadService {
    store: Arc<dyn LeadStore>,
    audit: Arc<dyn AuditLog>,
    clock: Arc<dyn Clock>,
}

/// Members read; tokens need `leads:read`.
fn require_read(scope: &Scope) -> Result<(), LeadError> {
    if scope.role().is_some() || scope.has_token_scope(TokenScope::LeadsRead) {
        Ok(())
    } else {
        Err(LeadError::MissingScope(TokenScope::LeadsRead))
    }
}

/// Owners and managers write; viewers never; tokens need `leads:write`.
fn require_write(scope: &Scope) -> Result<(), LeadError> {
    match scope.role() {
        Some(role) if role.can_write_crm() => Ok(()),
        Some(_) => Err(LeadError::Forbidden("viewers cannot change leads")),
        None if scope.has_token_scope(TokenScope::LeadsWrite) => Ok(()),
        None => Err(LeadError::MissingScope(TokenScope::LeadsWrite)),
    }
}

fn require_owner(scope: &Scope) -> Result<(), LeadError> {
    if scope.role() == Some(Role::Owner) {
        Ok(())
    } else {
        Err(LeadError::Forbidden("only workspace owners manage lead sources"))
    }
}

/// Blank input clears an optional field; anything else must parse.
fn optional(
    parse: fn(&'static str, &str, usize) -> Result<String, FieldError>,
    field: &'static str,
    raw: Option<&str>,
    max: usize,
) -> Result<Option<String>, FieldError> {
    match raw.map(str::trim) {
        None | Some("") => Ok(None),
        Some(text) => parse(field, text, max).map(Some),
    }
}

fn optional_text(field: &'static str, raw: Option<&str>, max: usize) -> Result<Option<String>, FieldError> {
    optional(bounded, field, raw, max)
}

fn optional_multiline(field: &'static str, raw: Option<&str>, max: usize) -> Result<Option<String>, FieldError> {
    optional(multiline, field, raw, max)
}

/// Collects field errors across a whole request.
#[derive(Default)]
struct Errors(Vec<FieldError>);

impl Errors {
    fn take<T>(&mut self, r: Result<T, FieldError>) -> Option<T> {
        r.map_err(|e| self.0.push(e)).ok()
    }

    fn finish(self) -> Result<(), LeadError> {
        if self.0.is_empty() { Ok(()) } else { Err(LeadError::Invalid(self.0)) }
    }
}

fn parse_status(raw: &str) -> Result<LeadStatus, FieldError> {
    raw.parse::<LeadStatus>()
        .map_err(|()| FieldError::new("status", "invalid_status", "one of new, contacted, qualified, unqualified"))
}

fn qualified_needs_date(lead: &Lead) -> Result<(), LeadError> {
    if lead.status == LeadStatus::Qualified && lead.next_action_date.is_none() {
        return Err(FieldError::new("nextActionDate", "required", "a qualified lead needs a next action date").into());
    }
    Ok(())
}

impl LeadService {
    #[must_use]
    pub fn new(store: Arc<dyn LeadStore>, audit: Arc<dyn AuditLog>, clock: Arc<dyn Clock>) -> Self {
        Self { store, audit, clock }
    }

    fn snapshot(&self, lead: Lead, now: OffsetDateTime) -> LeadSnapshot {
        LeadSnapshot { score: score(&lead, now), stale: is_stale(&lead, now), overdue: is_overdue(&lead, now), lead }
    }

    /// Built-in sources, then the workspace's custom ones.
    ///
    /// # Errors
    /// `MissingScope`, `Store`.
    pub async fn sources(&self, scope: &Scope) -> Result<Vec<SourceOption>, LeadError> {
        require_read(scope)?;
        let mut out: Vec<SourceOption> = BUILT_IN_SOURCES
            .iter()
            .map(|s| SourceOption {
                slug: SourceSlug::from_trusted((*s).to_owned()),
                label: built_in_label(s).to_owned(),
                built_in: true,
                archived: false,
            })
            .collect();
        for custom in self.store.list_custom_sources(scope).await? {
            out.push(SourceOption {
                slug: custom.slug,
                label: custom.label,
                built_in: false,
                archived: custom.archived_at.is_some(),
            });
        }
        Ok(out)
    }

    /// A source usable on a lead: built-in or custom; archived ones only
    /// when the lead already has it.
    async fn check_source(
        &self,
        scope: &Scope,
        raw: &str,
        current: Option<&SourceSlug>,
    ) -> Result<SourceSlug, LeadError> {
        let slug = SourceSlug::parse("source", raw)?;
        if slug.is_built_in() || current == Some(&slug) {
            return Ok(slug);
        }
        let custom = self.store.list_custom_sources(scope).await?;
        match custom.iter().find(|c| c.slug == slug) {
            None => Err(FieldError::new(
                "source",
                "unknown_source",
                format!("`{raw}` is not a lead source of this workspace"),
            )
            .into()),
            Some(c) if c.archived_at.is_some() => {
                Err(FieldError::new("source", "archived_source", format!("`{raw}` is archived")).into())
            }
            Some(_) => Ok(slug),
        }
    }

    async fn check_assignee(&self, scope: &Scope, assignee: Option<crm_kernel::UserId>) -> Result<(), LeadError> {
        match assignee {
            Some(user) if !self.store.is_member(scope, user).await? => Err(LeadError::AssigneeNotFound),
            _ => Ok(()),
        }
    }

    /// # Errors
    /// `Forbidden`/`MissingScope`, `Invalid` (every bad field at once),
    /// `AssigneeNotFound`, `Store`.
    pub async fn create(&self, scope: &Scope, input: NewLead) -> Result<LeadSnapshot, LeadError> {
        require_write(scope)?;
        let mut errors = Errors::default();
        let name = errors.take(LeadName::parse(&input.name));
        let email = errors.take(
            input
                .email
                .as_deref()
                .map(str::trim)
                .filter(|e| !e.is_empty())
                .map(|e| crm_kernel::Email::parse("email", e))
                .transpose(),
        );
        let phone =
            errors.take(input.phone.as_deref().map(str::trim).filter(|p| !p.is_empty()).map(Phone::parse).transpose());
        let company = errors.take(optional_text("company", input.company.as_deref(), 200));
        let next_action_text =
            errors.take(optional_multiline("nextActionText", input.next_action_text.as_deref(), 500));
        let notes = errors.take(optional_multiline("notes", input.notes.as_deref(), 10_000));
        let tags = errors.take(Tags::parse(input.tags.as_deref().unwrap_or_default()));
        let status = errors.take(input.status.as_deref().map_or(Ok(LeadStatus::New), parse_status));
        if status == Some(LeadStatus::Converted) {
            errors.0.push(FieldError::new(
                "status",
                "invalid_status",
                "a lead becomes converted only through conversion",
            ));
        }
        // The source needs a lookup; its error joins the others so one
        // response names every bad field.
        let source = match self.check_source(scope, input.source.as_deref().unwrap_or("other"), None).await {
            Ok(source) => Some(source),
            Err(LeadError::Invalid(mut fields)) => {
                errors.0.append(&mut fields);
                None
            }
            Err(other) => return Err(other),
        };
        errors.finish()?;
        let (
            Some(name),
            Some(email),
            Some(phone),
            Some(company),
            Some(next_action_text),
            Some(notes),
            Some(tags),
            Some(status),
            Some(source),
        ) = (name, email, phone, company, next_action_text, notes, tags, status, source)
        else {
            return Err(LeadError::Invalid(Vec::new()));
        };
        self.check_assignee(scope, input.assignee_id).await?;
        let now = self.clock.now();
        let lead = Lead {
            id: LeadId::new(),
            workspace_id: scope.workspace(),
            name,
            email,
            phone,
            company,
            source,
            status,
            assignee_id: input.assignee_id,
            next_action_date: input.next_action_date,
            next_action_text,
            notes,
            tags,
            created_at: now,
            updated_at: now,
            last_activity_at: now,
            converted_at: None,
            converted_to: None,
        };
        qualified_needs_date(&lead)?;
        let summary = format!("Lead created ({}, source {})", lead.status.as_str(), lead.source);
        let notice = assignment_notice(scope, None, &lead, now);
        self.store
            .insert_lead(scope, &lead, &AuditEntry::new(scope, "lead.created", lead.id, summary, now), notice.as_ref())
            .await?;
        Ok(self.snapshot(lead, now))
    }

    /// # Errors
    /// `MissingScope`, `NotFound`, `Store`.
    pub async fn get(&self, scope: &Scope, id: LeadId) -> Result<LeadSnapshot, LeadError> {
        require_read(scope)?;
        let lead = self.store.find_lead(scope, id).await?.ok_or(LeadError::NotFound)?;
        Ok(self.snapshot(lead, self.clock.now()))
    }

    /// One page in the requested order, and the cursor of the next one.
    ///
    /// # Errors
    /// `MissingScope`, `Store`.
    pub async fn list(
        &self,
        scope: &Scope,
        filter: LeadFilter,
        sort: LeadSort,
        after: Option<LeadCursor>,
        limit: Limit,
    ) -> Result<(Vec<LeadSnapshot>, Option<LeadCursor>), LeadError> {
        require_read(scope)?;
        let now = self.clock.now();
        let filter = LeadFilter { q: filter.q.map(|q| q.trim().to_lowercase()).filter(|q| !q.is_empty()), ..filter };
        let mut rows = self.store.list_leads(scope, &LeadQuery { filter, sort, after, limit, now }).await?;
        let more = rows.len() > usize::from(limit.get());
        rows.truncate(usize::from(limit.get()));
        let next = if more { rows.last().map(|l| sort.cursor_after(l)) } else { None };
        Ok((rows.into_iter().map(|l| self.snapshot(l, now)).collect(), next))
    }

    /// Applies a partial change: status moves follow the flow, a qualified
    /// lead keeps a next action date, every change is audited.
    ///
    /// # Errors
    /// `Forbidden`/`MissingScope`, `NotFound`, `Invalid`,
    /// `InvalidTransition`, `AssigneeNotFound`, `Conflict`, `Store`.
    pub async fn update(&self, scope: &Scope, id: LeadId, changes: LeadChanges) -> Result<LeadSnapshot, LeadError> {
        require_write(scope)?;
        // Optimistic concurrency: re-apply on a fresh read if someone else
        // wrote in between.
        for _ in 0..3 {
            let current = self.store.find_lead(scope, id).await?.ok_or(LeadError::NotFound)?;
            let (next, summary) = self.apply(scope, &current, &changes).await?;
            if summary.is_empty() {
                return Ok(self.snapshot(current, self.clock.now()));
            }
            let audit = AuditEntry::new(scope, action_of(&current, &next), id, summary, next.updated_at);
            let notice = assignment_notice(scope, current.assignee_id, &next, next.updated_at);
            if self.store.update_lead(scope, &next, current.updated_at, &audit, notice.as_ref()).await? {
                return Ok(self.snapshot(next, self.clock.now()));
            }
        }
        Err(LeadError::Conflict)
    }

    async fn apply(&self, scope: &Scope, current: &Lead, c: &LeadChanges) -> Result<(Lead, String), LeadError> {
        if current.status == LeadStatus::Converted {
            return Err(LeadError::InvalidTransition { from: LeadStatus::Converted, to: LeadStatus::Converted });
        }
        let mut errors = Errors::default();
        let mut next = current.clone();
        let mut changed: Vec<String> = Vec::new();
        if let Some(name) = &c.name
            && let Some(name) = errors.take(LeadName::parse(name))
            && name != next.name
        {
            next.name = name;
            changed.push("name".into());
        }
        macro_rules! nullable {
            ($field:ident, $label:expr, $parse:expr) => {
                match &c.$field {
                    Patch::Keep => {}
                    Patch::Clear => {
                        if next.$field.is_some() {
                            next.$field = None;
                            changed.push(format!("{} cleared", $label));
                        }
                    }
                    Patch::Set(raw) => {
                        if let Some(value) = errors.take($parse(raw)) {
                            if next.$field.as_ref() != value.as_ref() {
                                next.$field = value;
                                changed.push($label.to_string());
                            }
                        }
                    }
                }
            };
        }
        nullable!(email, "email", |e: &String| crm_kernel::Email::parse("email", e).map(Some));
        nullable!(phone, "phone", |p: &String| Phone::parse(p).map(Some));
        nullable!(company, "company", |t: &String| optional_text("company", Some(t), 200));
        nullable!(next_action_text, "next action", |t: &String| optional_multiline("nextActionText", Some(t), 500));
        nullable!(notes, "notes", |t: &String| optional_multiline("notes", Some(t), 10_000));
        nullable!(next_action_date, "next action date", |d: &time::Date| Ok::<_, FieldError>(Some(*d)));
        if let Some(tags) = &c.tags
            && let Some(tags) = errors.take(Tags::parse(tags))
            && tags != next.tags
        {
            next.tags = tags;
            changed.push("tags".into());
        }
        let status = c.status.as_deref().and_then(|s| errors.take(parse_status(s)));
        errors.finish()?;
        if let Some(source) = &c.source {
            let source = self.check_source(scope, source, Some(&current.source)).await?;
            if source != next.source {
                changed.push(format!("source {} → {}", next.source, source));
                next.source = source;
            }
        }
        match &c.assignee_id {
            Patch::Keep => {}
            Patch::Clear => {
                if next.assignee_id.take().is_some() {
                    changed.push("unassigned".into());
                }
            }
            Patch::Set(user) => {
                if next.assignee_id != Some(*user) {
                    self.check_assignee(scope, Some(*user)).await?;
                    next.assignee_id = Some(*user);
                    changed.push(format!("assigned to {user}"));
                }
            }
        }
        if let Some(to) = status
            && to != current.status
        {
            if !current.status.can_move_to(to) {
                return Err(LeadError::InvalidTransition { from: current.status, to });
            }
            next.status = to;
            changed.push(format!("status {} → {}", current.status.as_str(), to.as_str()));
        }
        qualified_needs_date(&next)?;
        if !changed.is_empty() {
            let now = self.clock.now().max(current.updated_at + time::Duration::microseconds(1));
            next.updated_at = now;
            next.last_activity_at = now;
        }
        Ok((next, changed.join("; ")))
    }

    /// How many open leads `user` is working on (member detail).
    ///
    /// # Errors
    /// `Forbidden` for tokens, `Store`.
    pub async fn open_assigned_count(&self, scope: &Scope, user: crm_kernel::UserId) -> Result<u64, LeadError> {
        if scope.role().is_none() {
            return Err(LeadError::Forbidden("member summaries are for workspace members"));
        }
        Ok(self.store.count_open_assigned(scope, user).await?)
    }

    /// The workspace's recent activity, newest first (members only).
    ///
    /// # Errors
    /// `Forbidden` for tokens, `Store`.
    pub async fn workspace_events(
        &self,
        scope: &Scope,
        after: Option<Cursor>,
        limit: Limit,
    ) -> Result<Page<AuditRecord>, LeadError> {
        if scope.role().is_none() {
            return Err(LeadError::Forbidden("the audit feed is for workspace members"));
        }
        Ok(self.audit.workspace_events(scope, after, limit).await?)
    }

    /// # Errors
    /// `Forbidden` for non-owners, `Invalid`, `SourceExists`, `Store`.
    pub async fn add_source(&self, scope: &Scope, slug: &str, label: &str) -> Result<SourceOption, LeadError> {
        require_owner(scope)?;
        let mut errors = Errors::default();
        let slug = errors.take(SourceSlug::parse("slug", slug));
        let label = errors.take(bounded("label", label, 60));
        errors.finish()?;
        if slug.as_ref().is_some_and(SourceSlug::is_built_in) {
            return Err(LeadError::SourceExists);
        }
        let (Some(slug), Some(label)) = (slug, label) else { return Err(LeadError::Invalid(Vec::new())) };
        let now = self.clock.now();
        let source = CustomSource { slug: slug.clone(), label: label.clone(), archived_at: None, created_at: now };
        let audit = AuditEntry::new(
            scope,
            "lead_source.created",
            crm_kernel::LeadSourceId::new(),
            format!("Lead source {slug} added"),
            now,
        );
        if !self.store.insert_custom_source(scope, &source, &audit).await? {
            return Err(LeadError::SourceExists);
        }
        Ok(SourceOption { slug, label, built_in: false, archived: false })
    }

    /// Archives (`true`) or restores a custom source.
    ///
    /// # Errors
    /// `Forbidden` for non-owners, `SourceNotFound` (built-ins included), `Store`.
    pub async fn set_source_archived(
        &self,
        scope: &Scope,
        slug: &str,
        archived: bool,
    ) -> Result<SourceOption, LeadError> {
        require_owner(scope)?;
        let slug = SourceSlug::parse("slug", slug).map_err(|_| LeadError::SourceNotFound)?;
        if slug.is_built_in() {
            return Err(LeadError::SourceNotFound);
        }
        let now = self.clock.now();
        let verb = if archived { "archived" } else { "restored" };
        let audit = AuditEntry::new(
            scope,
            format!("lead_source.{verb}"),
            crm_kernel::LeadSourceId::new(),
            format!("Lead source {slug} {verb}"),
            now,
        );
        if !self.store.set_source_archived(scope, &slug, archived.then_some(now), &audit).await? {
            return Err(LeadError::SourceNotFound);
        }
        self.sources(scope).await?.into_iter().find(|s| s.slug == slug).ok_or(LeadError::SourceNotFound)
    }
}

/// A `lead.assigned` notification when the assignee changed to someone
/// other than the acting member (assigning to yourself signals nothing).
fn assignment_notice(scope: &Scope, before: Option<UserId>, lead: &Lead, at: OffsetDateTime) -> Option<Notification> {
    let assignee = lead.assignee_id.filter(|a| Some(*a) != before)?;
    Notification::unless_self(scope.user(), assignee, "lead.assigned", lead.id, lead.name.as_str(), at)
}

fn action_of(before: &Lead, after: &Lead) -> &'static str {
    if before.status != after.status {
        "lead.status_changed"
    } else if before.assignee_id != after.assignee_id {
        "lead.assigned"
    } else {
        "lead.updated"
    }
}

fn built_in_label(slug: &str) -> &'static str {
    match slug {
        "website" => "Website",
        "referral" => "Referral",
        "cold_call" => "Cold call",
        "social" => "Social",
        "email" => "Email",
        "event" => "Event",
        "partner" => "Partner",
        _ => "Other",
    }
}
