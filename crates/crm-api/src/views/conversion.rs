//! Lead conversion: the dry-run plan, the choices and the result.

use crm_deals::conversion::{Choice, CompanyPlan, ContactPlan, ConversionChoices, ConversionPlan, Converted, Proposal};
use serde::{Deserialize, Serialize};
use time::Date;
use utoipa::ToSchema;
use uuid::Uuid;

use super::common::MoneyView;
use super::companies::CompanyDuplicateView;
use crate::error::ApiError;

#[derive(Clone, Copy, Debug, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum ProposalName {
    Create,
    Link,
    None,
}

impl From<Proposal> for ProposalName {
    fn from(p: Proposal) -> Self {
        match p {
            Proposal::Create => Self::Create,
            Proposal::Link => Self::Link,
            Proposal::None => Self::None,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ContactDraftView {
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ContactCandidateView {
    pub id: Uuid,
    pub name: String,
    pub email: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ContactPlanView {
    pub proposed: ProposalName,
    pub draft: ContactDraftView,
    /// Existing contacts with the lead's email.
    pub candidates: Vec<ContactCandidateView>,
}

impl From<&ContactPlan> for ContactPlanView {
    fn from(p: &ContactPlan) -> Self {
        Self {
            proposed: p.proposed.into(),
            draft: ContactDraftView {
                name: p.draft.name.clone(),
                email: p.draft.email.as_ref().map(|e| e.as_str().to_owned()),
                phone: p.draft.phone.as_ref().map(|e| e.as_str().to_owned()),
            },
            candidates: p
                .candidates
                .iter()
                .map(|c| ContactCandidateView {
                    id: c.id.as_uuid(),
                    name: c.name.clone(),
                    email: c.email.as_ref().map(|e| e.as_str().to_owned()),
                })
                .collect(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CompanyDraftView {
    pub name: Option<String>,
    pub domain: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CompanyPlanView {
    pub proposed: ProposalName,
    pub draft: CompanyDraftView,
    /// Existing companies with the same domain or name.
    pub candidates: Vec<CompanyDuplicateView>,
}

impl From<&CompanyPlan> for CompanyPlanView {
    fn from(p: &CompanyPlan) -> Self {
        Self {
            proposed: p.proposed.into(),
            draft: CompanyDraftView {
                name: p.draft.as_ref().map(|c| c.name.clone()),
                domain: p.draft.as_ref().and_then(|c| c.domain.as_ref().map(|d| d.as_str().to_owned())),
            },
            candidates: p
                .candidates
                .iter()
                .map(|(company, reason)| {
                    CompanyDuplicateView::from(&crm_contacts::PossibleDuplicate {
                        company: company.clone(),
                        reason: *reason,
                    })
                })
                .collect(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct DealDraftView {
    pub title: String,
    pub pipeline_id: Uuid,
    pub stage_id: Uuid,
    pub amount: MoneyView,
}

/// What a conversion would create or link. Nothing is written.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ConversionPlanView {
    pub lead_id: Uuid,
    pub contact: ContactPlanView,
    pub company: CompanyPlanView,
    pub deal: DealDraftView,
}

impl From<&ConversionPlan> for ConversionPlanView {
    fn from(p: &ConversionPlan) -> Self {
        Self {
            lead_id: p.lead.id.as_uuid(),
            contact: (&p.contact).into(),
            company: (&p.company).into(),
            deal: DealDraftView {
                title: p.deal.title.clone(),
                pipeline_id: p.deal.pipeline_id.as_uuid(),
                stage_id: p.deal.stage_id.as_uuid(),
                amount: p.deal.amount.into(),
            },
        }
    }
}

#[derive(Clone, Copy, Debug, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum ConversionAction {
    Create,
    Link,
    None,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConversionChoiceView {
    /// `link` needs `id`; `none` is allowed for the company only.
    pub action: ConversionAction,
    pub id: Option<Uuid>,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ConversionDealView {
    #[schema(min_length = 1, max_length = 200, pattern = "@name")]
    pub title: Option<String>,
    #[schema(pattern = "@amount")]
    pub amount: Option<String>,
    pub pipeline_id: Option<Uuid>,
    pub stage_id: Option<Uuid>,
    #[schema(value_type = Option<String>, format = Date)]
    pub expected_close_date: Option<Date>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"contact": {"action": "create"}, "company": {"action": "link", "id": "0193a5c2-7f1e-7c3a-9d5e-3b2f1a0c9e11"}, "deal": {"title": "Globex pilot", "amount": "5000"}}))]
pub struct ConvertLeadRequest {
    pub contact: ConversionChoiceView,
    pub company: ConversionChoiceView,
    #[serde(default)]
    pub deal: ConversionDealView,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ConversionResultView {
    pub lead_id: Uuid,
    pub contact_id: Uuid,
    pub company_id: Option<Uuid>,
    pub deal_id: Uuid,
    pub contact_created: bool,
    pub company_created: bool,
}

impl From<&Converted> for ConversionResultView {
    fn from(c: &Converted) -> Self {
        Self {
            lead_id: c.lead_id.as_uuid(),
            contact_id: c.to.contact_id.as_uuid(),
            company_id: c.to.company_id.map(|id| id.as_uuid()),
            deal_id: c.to.deal_id.as_uuid(),
            contact_created: c.contact_created,
            company_created: c.company_created,
        }
    }
}

/// What a converted lead became.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ConvertedToView {
    pub contact_id: Uuid,
    pub company_id: Option<Uuid>,
    pub deal_id: Uuid,
}

fn choice<Id: From<Uuid>>(field: &'static str, c: &ConversionChoiceView) -> Result<Choice<Id>, ApiError> {
    match (c.action, c.id) {
        (ConversionAction::Create, None) => Ok(Choice::Create),
        (ConversionAction::None, None) => Ok(Choice::Skip),
        (ConversionAction::Link, Some(id)) => Ok(Choice::Link(id.into())),
        (ConversionAction::Link, None) => Err(ApiError::field(field, "id_required", "`link` needs the id to link")),
        (_, Some(_)) => Err(ApiError::field(field, "unexpected_id", "an id goes only with `link`")),
    }
}

/// The choices, checked: `link` needs an id, `create` and `none` take none.
impl TryFrom<ConvertLeadRequest> for ConversionChoices {
    type Error = ApiError;

    fn try_from(b: ConvertLeadRequest) -> Result<Self, ApiError> {
        Ok(Self {
            contact: choice("contact", &b.contact)?,
            company: choice("company", &b.company)?,
            deal_title: b.deal.title,
            deal_amount: b.deal.amount,
            pipeline_id: b.deal.pipeline_id.map(Into::into),
            stage_id: b.deal.stage_id.map(Into::into),
            expected_close_date: b.deal.expected_close_date,
        })
    }
}
