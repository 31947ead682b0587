//! Activity use cases, with permission checks, notifications and timelines.

use std::sync::Arc;

use crm_kernel::text::{bounded, multiline};
use crm_kernel::{
    ActivityId, Actor, AuditEntry, AuditLog, Clock, Cursor, FieldError, LeadId, Limit, Notification, Patch, Scope,
    UserId,
};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::error::ActivityError;
use crate::model::{
    Activity, ActivityFilter, ActivityInput, ActivityKind, ActivityQuery, Links, Priority, TimelineItem,
};
use crate::ports::{ActivityStore, Link};

fn require_read(scope: &Scope) -> Result<(), ActivityError> {
    scope.role().map(|_| ()).ok_or(ActivityError::Forbidden("activities are for workspace members"))
}

fn require_write(scope: &Scope) -> Result<(), ActivityError> {
    match scope.role() {
        Some(role) if role.can_write_crm() => Ok(()),
        _ => Err(ActivityError::Forbidden("viewers cannot log or change activities")),
    }
}

fn actor_id(scope: &Scope) -> Uuid {
    match scope.actor() {
        Actor::User { id, .. } => id.as_uuid(),
        Actor::Token { id, .. } => id.as_uuid(),
    }
}

pub struct ActivityService {
    store: Arc<dyn ActivityStore>,
    audit: Arc<dyn AuditLog>,
    clock: Arc<dyn Clock>,
}

impl ActivityService {
    #[must_use]
    pub fn new(store: Arc<dyn ActivityStore>, audit: Arc<dyn AuditLog>, clock: Arc<dyn Clock>) -> Self {
        Self { store, audit, clock }
    }

    #[must_use]
    pub fn now(&self) -> OffsetDateTime {
        self.clock.now()
    }

    async fn apply(&self, scope: &Scope, activity: &mut Activity, input: &ActivityInput) -> Result<(), ActivityError> {
        let mut errors = Vec::new();
        if let Some(kind) = &input.kind {
            match kind.parse::<ActivityKind>() {
                Ok(k) => activity.kind = k,
                Err(()) => {
                    errors.push(FieldError::new("type", "invalid_type", "one of task, call, meeting, email, note"))
                }
            }
        }
        if let Some(subject) = &input.subject {
            match bounded("subject", subject, 200) {
                Ok(s) => activity.subject = s,
                Err(e) => errors.push(e),
            }
        }
        match &input.body {
            Patch::Keep => {}
            Patch::Clear => activity.body = None,
            Patch::Set(raw) if raw.trim().is_empty() => activity.body = None,
            Patch::Set(raw) => match multiline("body", raw, 10_000) {
                Ok(b) => activity.body = Some(b),
                Err(e) => errors.push(e),
            },
        }
        if let Some(priority) = &input.priority {
            match priority.parse::<Priority>() {
                Ok(p) => activity.priority = p,
                Err(()) => errors.push(FieldError::new("priority", "invalid_priority", "one of low, medium, high")),
            }
        }
        if !errors.is_empty() {
            return Err(ActivityError::Invalid(errors));
        }
        match input.due_at {
            Patch::Keep => {}
            Patch::Clear => activity.due_at = None,
            Patch::Set(at) => activity.due_at = Some(at),
        }
        let links = &mut activity.links;
        self.relink(scope, &input.lead_id, &mut links.lead, Link::Lead).await?;
        self.relink(scope, &input.contact_id, &mut links.contact, Link::Contact).await?;
        self.relink(scope, &input.company_id, &mut links.company, Link::Company).await?;
        self.relink(scope, &input.deal_id, &mut links.deal, Link::Deal).await?;
        match input.assignee_id {
            Patch::Keep => {}
            Patch::Clear => activity.assignee_id = None,
            Patch::Set(user) => {
                if !self.store.is_member(scope, user).await? {
                    return Err(ActivityError::AssigneeNotFound);
                }
                activity.assignee_id = Some(user);
            }
        }
        Ok(())
    }

    /// Applies one link change; a record set as link must be in the workspace.
    async fn relink<T: Copy>(
        &self,
        scope: &Scope,
        patch: &Patch<T>,
        slot: &mut Option<T>,
        link: fn(T) -> Link,
    ) -> Result<(), ActivityError> {
        match patch {
            Patch::Keep => {}
            Patch::Clear => *slot = None,
            Patch::Set(id) => {
                let id = *id;
                if !self.store.link_exists(scope, link(id)).await? {
                    return Err(ActivityError::LinkNotFound(link(id).resource()));
                }
                *slot = Some(id);
            }
        }
        Ok(())
    }

    /// A notification when the assignee changed to someone other than the actor.
    fn assignment_notice(
        scope: &Scope,
        before: Option<UserId>,
        activity: &Activity,
        at: OffsetDateTime,
    ) -> Option<Notification> {
        let assignee = activity.assignee_id.filter(|a| Some(*a) != before)?;
        Notification::unless_self(
            scope.user(),
            assignee,
            "activity.assigned",
            activity.id,
            activity.subject.clone(),
            at,
        )
    }

    /// Logs an activity.
    ///
    /// # Errors
    /// `Forbidden`, `Invalid`, `LinkNotFound`, `AssigneeNotFound`, `Store`.
    pub async fn create(&self, scope: &Scope, input: ActivityInput) -> Result<Activity, ActivityError> {
        require_write(scope)?;
        let mut errors = Vec::new();
        if input.kind.is_none() {
            errors.push(FieldError::new("type", "required", "choose task, call, meeting, email or note"));
        }
        if input.subject.is_none() {
            errors.push(FieldError::new("subject", "required", "must not be empty"));
        }
        if !errors.is_empty() {
            return Err(ActivityError::Invalid(errors));
        }
        let now = self.clock.now();
        let mut activity = Activity {
            id: ActivityId::new(),
            workspace_id: scope.workspace(),
            kind: ActivityKind::Task,
            subject: String::new(),
            body: None,
            priority: Priority::Medium,
            due_at: None,
            assignee_id: None,
            links: Links::default(),
            completed_at: None,
            completed_by: None,
            created_by: actor_id(scope),
            created_at: now,
            updated_at: now,
        };
        self.apply(scope, &mut activity, &input).await?;
        let notice = Self::assignment_notice(scope, None, &activity, now);
        let summary = format!("{} logged: {}", activity.kind.as_str(), activity.subject);
        let audit = AuditEntry::new(scope, "activity.created", activity.id, summary, now);
        // Logging anything on a lead is working it: it does not decay.
        self.store.insert_activity(scope, &activity, activity.links.lead, &audit, notice.as_ref()).await?;
        Ok(activity)
    }

    /// Edits an activity; the change is audited, never silent.
    ///
    /// # Errors
    /// `Forbidden`, `NotFound`, `Invalid`, `LinkNotFound`, `AssigneeNotFound`, `Conflict`, `Store`.
    pub async fn update(&self, scope: &Scope, id: ActivityId, input: ActivityInput) -> Result<Activity, ActivityError> {
        require_write(scope)?;
        self.write(scope, id, "activity.updated", |service, current| {
            let input = input.clone();
            Box::pin(async move {
                let mut next = current;
                service.apply(scope, &mut next, &input).await?;
                Ok(next)
            })
        })
        .await
    }

    /// Marks an open activity completed, recording who and when.
    ///
    /// # Errors
    /// `Forbidden`, `NotFound`, `AlreadyInState`, `Conflict`, `Store`.
    pub async fn complete(&self, scope: &Scope, id: ActivityId) -> Result<Activity, ActivityError> {
        require_write(scope)?;
        let now = self.clock.now();
        self.write(scope, id, "activity.completed", |_, current| {
            Box::pin(async move {
                if current.completed_at.is_some() {
                    return Err(ActivityError::AlreadyInState("completed"));
                }
                Ok(Activity { completed_at: Some(now), completed_by: Some(actor_id(scope)), ..current })
            })
        })
        .await
    }

    /// Reopens a completed activity; the completion stays in the audit feed.
    ///
    /// # Errors
    /// `Forbidden`, `NotFound`, `AlreadyInState`, `Conflict`, `Store`.
    pub async fn reopen(&self, scope: &Scope, id: ActivityId) -> Result<Activity, ActivityError> {
        require_write(scope)?;
        self.write(scope, id, "activity.reopened", |_, current| {
            Box::pin(async move {
                if current.completed_at.is_none() {
                    return Err(ActivityError::AlreadyInState("open"));
                }
                Ok(Activity { completed_at: None, completed_by: None, ..current })
            })
        })
        .await
    }

    /// Read, change, write with optimistic concurrency; audits the change
    /// and notifies a new assignee.
    async fn write<'a, F>(
        &'a self,
        scope: &'a Scope,
        id: ActivityId,
        action: &'static str,
        change: F,
    ) -> Result<Activity, ActivityError>
    where
        F: Fn(
            &'a Self,
            Activity,
        ) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<Activity, ActivityError>> + 'a>>,
    {
        for _ in 0..3 {
            let current = self.store.find_activity(scope, id).await?.ok_or(ActivityError::NotFound)?;
            let mut next = change(self, current.clone()).await?;
            if next == current {
                return Ok(current);
            }
            next.updated_at = self.clock.now().max(current.updated_at + time::Duration::microseconds(1));
            let notice = Self::assignment_notice(scope, current.assignee_id, &next, next.updated_at);
            let audit = AuditEntry::new(scope, action, id, describe(action, &current, &next), next.updated_at);
            let worked = worked_lead(&current, &next);
            if self.store.update_activity(scope, &next, current.updated_at, worked, &audit, notice.as_ref()).await? {
                return Ok(next);
            }
        }
        Err(ActivityError::Conflict)
    }

    /// # Errors
    /// `Forbidden`, `NotFound`, `Store`.
    pub async fn get(&self, scope: &Scope, id: ActivityId) -> Result<Activity, ActivityError> {
        require_read(scope)?;
        self.store.find_activity(scope, id).await?.ok_or(ActivityError::NotFound)
    }

    /// Newest first; `mine` filters on the caller.
    ///
    /// # Errors
    /// `Forbidden`, `Store`.
    pub async fn list(
        &self,
        scope: &Scope,
        filter: ActivityFilter,
        before: Option<Uuid>,
        limit: Limit,
    ) -> Result<(Vec<Activity>, Option<Uuid>), ActivityError> {
        require_read(scope)?;
        let mut rows =
            self.store.list_activities(scope, &ActivityQuery { filter, before, limit, now: self.clock.now() }).await?;
        let more = rows.len() > usize::from(limit.get());
        rows.truncate(usize::from(limit.get()));
        let next = if more { rows.last().map(|a| a.id.as_uuid()) } else { None };
        Ok((rows, next))
    }

    /// Open and overdue activities assigned to `user` (member detail).
    ///
    /// # Errors
    /// `Forbidden`, `Store`.
    pub async fn assigned_counts(&self, scope: &Scope, user: UserId) -> Result<(u64, u64), ActivityError> {
        require_read(scope)?;
        Ok(self.store.count_assigned(scope, user, self.clock.now()).await?)
    }

    /// An entity's timeline: its linked activities and its audit events,
    /// newest first, keyset-paginated by id (UUIDv7 = time order).
    ///
    /// # Errors
    /// `Forbidden`, `LinkNotFound`, `Store`.
    pub async fn timeline(
        &self,
        scope: &Scope,
        record: Link,
        before: Option<Uuid>,
        limit: Limit,
    ) -> Result<(Vec<TimelineItem>, Option<Uuid>), ActivityError> {
        require_read(scope)?;
        if !self.store.link_exists(scope, record).await? {
            return Err(ActivityError::LinkNotFound(record.resource()));
        }
        let filter = ActivityFilter { links: record.links(), ..ActivityFilter::default() };
        let activities =
            self.store.list_activities(scope, &ActivityQuery { filter, before, limit, now: self.clock.now() }).await?;
        let events = self
            .audit
            .entity_events(scope, record.entity_type(), record.as_uuid(), before.map(Cursor::after), limit)
            .await?;
        let mut items: Vec<TimelineItem> = activities
            .into_iter()
            .map(TimelineItem::Activity)
            .chain(events.items.into_iter().map(TimelineItem::Event))
            .collect();
        items.sort_by_key(|item| std::cmp::Reverse(item.id()));
        let more = items.len() > usize::from(limit.get());
        items.truncate(usize::from(limit.get()));
        let next = if more { items.last().map(TimelineItem::id) } else { None };
        Ok((items, next))
    }
}

/// The lead an edit counts as work on: completing an activity linked to a
/// lead, or linking an activity to a (different) lead, is activity on it.
/// Other edits (and reopening) are not.
fn worked_lead(before: &Activity, after: &Activity) -> Option<LeadId> {
    let lead = after.links.lead?;
    let completed = before.completed_at.is_none() && after.completed_at.is_some();
    (completed || before.links.lead != Some(lead)).then_some(lead)
}

fn describe(action: &str, before: &Activity, after: &Activity) -> String {
    match action {
        "activity.completed" => format!("Completed: {}", after.subject),
        "activity.reopened" => format!("Reopened: {}", after.subject),
        _ => {
            let mut changed = Vec::new();
            if before.kind != after.kind {
                changed.push("type");
            }
            if before.subject != after.subject || before.body != after.body {
                changed.push("content");
            }
            if before.priority != after.priority {
                changed.push("priority");
            }
            if before.due_at != after.due_at {
                changed.push("due date");
            }
            if before.assignee_id != after.assignee_id {
                changed.push("assignee");
            }
            if before.links != after.links {
                changed.push("links");
            }
            format!("Changed: {}", changed.join(", "))
        }
    }
}
