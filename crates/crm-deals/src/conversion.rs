//! Lead conversion: a qualified lead becomes a contact, (optionally) a
//! company and a deal, in one transaction, exactly once.
//!
//! The preview proposes, for the contact and the company, either creating a
//! record or linking an existing one that looks the same (same email; same
//! domain or name). The real call takes the user's choices. The store claims
//! the lead (`qualified` → `converted`) as the first write of the
//! transaction, so of any number of concurrent conversions one wins and the
//! others find the lead already converted.

use std::sync::Arc;

use crm_contacts::ports::ContactStore;
use crm_contacts::values::{CompanyStatus, Domain, name_key};
use crm_contacts::{Company, Contact, DuplicateReason};
use crm_kernel::{
    AuditEntry, Clock, CompanyId, ContactId, FieldError, LeadId, PipelineId, Resource, Scope, StageId, StoreError,
};
use crm_leads::ports::LeadStore;
use crm_leads::{ConvertedTo, Lead, LeadStatus};
use time::{Date, OffsetDateTime};

use crate::error::DealError;
use crate::model::{Deal, NewDeal};
use crate::ports::{DealStore, PipelineStore};
use crate::service::{DealService, find_pipeline, require_write};

/// Mailbox providers whose domain says nothing about the lead's company.
const FREE_MAIL: &[&str] = &[
    "aol.com",
    "gmail.com",
    "gmx.de",
    "gmx.net",
    "googlemail.com",
    "hotmail.com",
    "icloud.com",
    "live.com",
    "mail.ru",
    "me.com",
    "msn.com",
    "outlook.com",
    "proton.me",
    "protonmail.com",
    "ukr.net",
    "web.de",
    "yahoo.com",
    "yandex.ru",
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Proposal {
    Create,
    Link,
    None,
}

/// The contact part of a plan: what would be created, and look-alikes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContactPlan {
    pub proposed: Proposal,
    pub draft: Contact,
    pub candidates: Vec<Contact>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompanyPlan {
    pub proposed: Proposal,
    /// Absent when the lead names no company and its email has no
    /// company domain.
    pub draft: Option<Company>,
    pub candidates: Vec<(Company, DuplicateReason)>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConversionPlan {
    pub lead: Lead,
    pub contact: ContactPlan,
    pub company: CompanyPlan,
    pub deal: Deal,
}

/// Create a record, link an existing one (by its id), or do without.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice<Id> {
    Create,
    Link(Id),
    Skip,
}

/// The user's decisions for a conversion.
#[derive(Clone, Debug)]
pub struct ConversionChoices {
    pub contact: Choice<ContactId>,
    pub company: Choice<CompanyId>,
    pub deal_title: Option<String>,
    pub deal_amount: Option<String>,
    pub pipeline_id: Option<PipelineId>,
    pub stage_id: Option<StageId>,
    pub expected_close_date: Option<Date>,
}

/// What a conversion did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Converted {
    pub lead_id: LeadId,
    pub to: ConvertedTo,
    pub contact_created: bool,
    pub company_created: bool,
}

/// Everything one conversion writes, in one transaction.
#[derive(Clone, Debug)]
pub struct ConversionWrite {
    /// The lead in its converted state.
    pub lead: Lead,
    pub new_contact: Option<Contact>,
    pub new_company: Option<Company>,
    pub deal: Deal,
    pub audit: Vec<AuditEntry>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConversionOutcome {
    Converted,
    /// The lead was no longer qualified when claimed (converted meanwhile).
    LeadChanged,
    /// A new contact's email was claimed meanwhile by this contact.
    EmailTaken(ContactId),
}

#[async_trait::async_trait]
pub trait ConversionStore: Send + Sync {
    /// Claims the lead (only while `qualified`), inserts the new company,
    /// contact and the deal, and appends the audit entries, all in one
    /// transaction: any failure leaves nothing behind.
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn convert(&self, scope: &Scope, write: &ConversionWrite) -> Result<ConversionOutcome, StoreError>;
}

pub struct ConversionService {
    leads: Arc<dyn LeadStore>,
    contacts: Arc<dyn ContactStore>,
    deals: Arc<dyn DealStore>,
    pipelines: Arc<dyn PipelineStore>,
    store: Arc<dyn ConversionStore>,
    clock: Arc<dyn Clock>,
}

fn company_domain(lead: &Lead) -> Option<Domain> {
    let email = lead.email.as_ref()?;
    let host = email.as_str().rsplit_once('@')?.1;
    if FREE_MAIL.contains(&host) {
        return None;
    }
    Domain::parse("email", host).ok()
}

fn convertible(lead: &Lead) -> Result<(), DealError> {
    match lead.status {
        LeadStatus::Qualified => Ok(()),
        LeadStatus::Converted => Err(DealError::AlreadyConverted),
        other => Err(DealError::LeadNotQualified(other.as_str())),
    }
}

impl ConversionService {
    #[must_use]
    pub fn new(
        leads: Arc<dyn LeadStore>,
        contacts: Arc<dyn ContactStore>,
        deals: Arc<dyn DealStore>,
        pipelines: Arc<dyn PipelineStore>,
        store: Arc<dyn ConversionStore>,
        clock: Arc<dyn Clock>,
    ) -> Self {
        Self { leads, contacts, deals, pipelines, store, clock }
    }

    async fn lead(&self, scope: &Scope, id: LeadId) -> Result<Lead, DealError> {
        let lead = self.leads.find_lead(scope, id).await?.ok_or(DealError::NotFound(Resource::Lead))?;
        convertible(&lead)?;
        Ok(lead)
    }

    fn contact_draft(lead: &Lead, company_id: Option<CompanyId>, now: OffsetDateTime) -> Contact {
        Contact {
            id: ContactId::new(),
            workspace_id: lead.workspace_id,
            name: lead.name.as_str().to_owned(),
            email: lead.email.clone(),
            other_emails: Vec::new(),
            phone: lead.phone.clone(),
            job_title: None,
            company_id,
            owner_id: lead.assignee_id,
            tags: lead.tags.clone(),
            address: None,
            notes: lead.notes.clone(),
            created_at: now,
            updated_at: now,
        }
    }

    fn company_draft(lead: &Lead, now: OffsetDateTime) -> Option<Company> {
        let domain = company_domain(lead);
        let name = lead.company.clone().or_else(|| domain.as_ref().map(|d| d.as_str().to_owned()))?;
        Some(Company {
            id: CompanyId::new(),
            workspace_id: lead.workspace_id,
            name,
            domain,
            website: None,
            industry: None,
            size: None,
            status: CompanyStatus::Prospect,
            owner_id: lead.assignee_id,
            address: None,
            notes: None,
            created_at: now,
            updated_at: now,
        })
    }

    fn deal_input(lead: &Lead, choices: Option<&ConversionChoices>) -> NewDeal {
        let default_title = lead.company.as_deref().unwrap_or(lead.name.as_str()).to_owned();
        NewDeal {
            title: choices.and_then(|c| c.deal_title.clone()).unwrap_or(default_title),
            amount: choices.and_then(|c| c.deal_amount.clone()),
            pipeline_id: choices.and_then(|c| c.pipeline_id),
            stage_id: choices.and_then(|c| c.stage_id),
            expected_close_date: choices.and_then(|c| c.expected_close_date),
            next_action_text: lead.next_action_text.clone(),
            next_action_date: lead.next_action_date,
            owner_id: lead.assignee_id,
            ..NewDeal::default()
        }
    }

    /// The dry run: what a conversion would create or link. Writes nothing.
    ///
    /// # Errors
    /// `Forbidden`, `NotFound`, `LeadNotQualified`, `AlreadyConverted`, `Store`.
    pub async fn preview(&self, scope: &Scope, lead_id: LeadId) -> Result<ConversionPlan, DealError> {
        require_write(scope)?;
        let lead = self.lead(scope, lead_id).await?;
        let now = self.clock.now();
        let existing_contact = match &lead.email {
            Some(email) => self.contacts.find_contact_by_email(scope, email).await?,
            None => None,
        };
        let company = Self::company_draft(&lead, now);
        let company_candidates = match &company {
            None => Vec::new(),
            Some(c) => self
                .contacts
                .find_company_twins(scope, &name_key(&c.name), c.domain.as_ref())
                .await?
                .into_iter()
                .map(|twin| {
                    let reason = if c.domain.is_some() && twin.domain == c.domain {
                        DuplicateReason::Domain
                    } else {
                        DuplicateReason::Name
                    };
                    (twin, reason)
                })
                .collect(),
        };
        let company_proposed = match (&company, company_candidates.is_empty()) {
            (None, _) => Proposal::None,
            (Some(_), true) => Proposal::Create,
            (Some(_), false) => Proposal::Link,
        };
        let linked_company = company_candidates.first().map(|(c, _)| c.id).or(company.as_ref().map(|c| c.id));
        let pipeline = find_pipeline(self.pipelines.as_ref(), scope, None).await?;
        let currency = self.deals.workspace_currency(scope).await?;
        let deal = DealService::draft(scope, &pipeline, currency, &Self::deal_input(&lead, None), now)?;
        Ok(ConversionPlan {
            contact: ContactPlan {
                proposed: if existing_contact.is_some() { Proposal::Link } else { Proposal::Create },
                draft: Self::contact_draft(&lead, linked_company, now),
                candidates: existing_contact.into_iter().collect(),
            },
            company: CompanyPlan { proposed: company_proposed, draft: company, candidates: company_candidates },
            deal,
            lead,
        })
    }

    /// Converts with the user's choices, exactly once.
    ///
    /// # Errors
    /// `Forbidden`, `NotFound` (lead, linked contact/company, pipeline),
    /// `LeadNotQualified`, `AlreadyConverted`, `EmailTaken`, `Invalid`,
    /// `OwnerNotFound`, `Store`.
    pub async fn convert(
        &self,
        scope: &Scope,
        lead_id: LeadId,
        choices: &ConversionChoices,
    ) -> Result<Converted, DealError> {
        require_write(scope)?;
        let lead = self.lead(scope, lead_id).await?;
        let now = self.clock.now();

        let (company_id, new_company) = match choices.company {
            Choice::Skip => (None, None),
            Choice::Link(id) => {
                self.contacts.find_company(scope, id).await?.ok_or(DealError::NotFound(Resource::Company))?;
                (Some(id), None)
            }
            Choice::Create => {
                let company = Self::company_draft(&lead, now).ok_or_else(|| {
                    FieldError::new("company", "nothing_to_create", "the lead names no company; link one or skip")
                })?;
                (Some(company.id), Some(company))
            }
        };
        let (contact_id, new_contact) = match choices.contact {
            Choice::Link(id) => {
                self.contacts.find_contact(scope, id).await?.ok_or(DealError::NotFound(Resource::Contact))?;
                (id, None)
            }
            Choice::Create => {
                if let Some(email) = &lead.email
                    && let Some(existing) = self.contacts.find_contact_by_email(scope, email).await?
                {
                    let taken = DealError::EmailTaken { id: existing.id, name: existing.name };
                    return Err(self.explain(scope, lead_id, taken).await);
                }
                let contact = Self::contact_draft(&lead, company_id, now);
                (contact.id, Some(contact))
            }
            Choice::Skip => {
                return Err(FieldError::new("contact", "required", "a conversion creates or links a contact").into());
            }
        };

        let pipeline = find_pipeline(self.pipelines.as_ref(), scope, choices.pipeline_id).await?;
        let currency = self.deals.workspace_currency(scope).await?;
        let mut deal = DealService::draft(scope, &pipeline, currency, &Self::deal_input(&lead, Some(choices)), now)?;
        deal.lead_id = Some(lead.id);
        deal.contact_id = Some(contact_id);
        deal.company_id = company_id;

        let to = ConvertedTo { contact_id, company_id, deal_id: deal.id };
        let mut converted = lead.clone();
        converted.status = LeadStatus::Converted;
        converted.converted_at = Some(now);
        converted.converted_to = Some(to);
        converted.updated_at = now.max(lead.updated_at + time::Duration::microseconds(1));
        converted.last_activity_at = converted.updated_at;

        let verb = |created: bool| if created { "created" } else { "linked" };
        let mut audit = vec![AuditEntry::new(
            scope,
            "lead.converted",
            lead.id,
            format!(
                "Converted: contact {}, company {}, deal {}",
                verb(new_contact.is_some()),
                if company_id.is_none() { "none" } else { verb(new_company.is_some()) },
                deal.title
            ),
            now,
        )];
        if let Some(c) = &new_company {
            audit.push(AuditEntry::new(scope, "company.created", c.id, "Company created from a lead", now));
        }
        if let Some(c) = &new_contact {
            audit.push(AuditEntry::new(scope, "contact.created", c.id, "Contact created from a lead", now));
        }
        audit.push(AuditEntry::new(
            scope,
            "deal.created",
            deal.id,
            format!("Deal created from lead {}", lead.name.as_str()),
            now,
        ));

        let write = ConversionWrite { lead: converted, new_contact, new_company, deal, audit };
        let (contact_created, company_created) = (write.new_contact.is_some(), write.new_company.is_some());
        match self.store.convert(scope, &write).await? {
            ConversionOutcome::Converted => Ok(Converted { lead_id, to, contact_created, company_created }),
            ConversionOutcome::LeadChanged => Err(self.explain(scope, lead_id, DealError::Conflict).await),
            ConversionOutcome::EmailTaken(id) => {
                let name = self.contacts.find_contact(scope, id).await?.map(|c| c.contact.name).unwrap_or_default();
                Err(self.explain(scope, lead_id, DealError::EmailTaken { id, name }).await)
            }
        }
    }

    /// Why a conversion could not go ahead: when the lead was converted (or
    /// changed) meanwhile, that is the answer, whatever else collided (the
    /// winner's contact has the same email); otherwise `fallback`.
    async fn explain(&self, scope: &Scope, lead_id: LeadId, fallback: DealError) -> DealError {
        match self.leads.find_lead(scope, lead_id).await {
            Ok(Some(lead)) => convertible(&lead).err().unwrap_or(fallback),
            Ok(None) => DealError::NotFound(Resource::Lead),
            Err(e) => e.into(),
        }
    }
}
