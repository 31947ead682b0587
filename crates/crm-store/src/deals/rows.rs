//! Deals and stages between rows and domain records.

use crm_deals::{Deal, LossReason, Probability, Stage};
use crm_kernel::{Currency, Money, StoreError};
use sea_orm::ActiveValue::{NotSet, Set};
use time::OffsetDateTime;

use crate::entities::{deals, pipeline_stages};

pub(super) fn deal_row(d: &Deal) -> deals::ActiveModel {
    let (lost_reason_id, lost_reason_text) = match &d.loss {
        None => (None, None),
        Some(LossReason::Listed(id)) => (Some(id.as_uuid()), None),
        Some(LossReason::Other(text)) => (None, Some(text.clone())),
    };
    deals::ActiveModel {
        id: Set(d.id.as_uuid()),
        workspace_id: NotSet,
        pipeline_id: Set(d.pipeline_id.as_uuid()),
        stage_id: Set(d.stage_id.as_uuid()),
        status: Set(d.status.as_str().to_owned()),
        title: Set(d.title.clone()),
        amount_minor: Set(d.amount.minor()),
        currency: Set(d.amount.currency().code().to_owned()),
        probability: Set(d.probability.map(|p| i32::from(p.get()))),
        expected_close_date: Set(d.expected_close_date),
        next_action_text: Set(d.next_action_text.clone()),
        next_action_date: Set(d.next_action_date),
        owner_id: Set(d.owner_id.map(|u| u.as_uuid())),
        contact_id: Set(d.contact_id.map(Into::into)),
        company_id: Set(d.company_id.map(Into::into)),
        lead_id: Set(d.lead_id.map(Into::into)),
        lost_reason_id: Set(lost_reason_id),
        lost_reason_text: Set(lost_reason_text),
        notes: Set(d.notes.clone()),
        search_text: Set(d.search_text()),
        opened_at: Set(d.opened_at),
        closed_at: Set(d.closed_at),
        created_at: Set(d.created_at),
        updated_at: Set(d.updated_at),
    }
}

pub(super) fn deal(r: deals::Model) -> Result<Deal, StoreError> {
    let loss = match (r.lost_reason_id, r.lost_reason_text) {
        (Some(id), _) => Some(LossReason::Listed(id.into())),
        (None, Some(text)) => Some(LossReason::Other(text)),
        (None, None) => None,
    };
    let currency = Currency::parse(&r.currency).map_err(|e| StoreError(e.to_string()))?;
    Ok(Deal {
        id: r.id.into(),
        workspace_id: r.workspace_id.into(),
        pipeline_id: r.pipeline_id.into(),
        stage_id: r.stage_id.into(),
        status: r.status.parse().map_err(|()| StoreError(format!("unknown deal status `{}`", r.status)))?,
        title: r.title,
        amount: Money::from_minor(r.amount_minor, currency),
        probability: r.probability.map(|p| Probability::from_trusted(u8::try_from(p).unwrap_or(100))),
        expected_close_date: r.expected_close_date,
        next_action_text: r.next_action_text,
        next_action_date: r.next_action_date,
        owner_id: r.owner_id.map(Into::into),
        contact_id: r.contact_id.map(Into::into),
        company_id: r.company_id.map(Into::into),
        lead_id: r.lead_id.map(Into::into),
        loss,
        notes: r.notes,
        opened_at: r.opened_at,
        closed_at: r.closed_at,
        created_at: r.created_at,
        updated_at: r.updated_at,
    })
}

pub(super) fn stage(r: pipeline_stages::Model) -> Result<Stage, StoreError> {
    Ok(Stage {
        id: r.id.into(),
        pipeline_id: r.pipeline_id.into(),
        name: r.name,
        position: r.position,
        probability: Probability::from_trusted(u8::try_from(r.probability).unwrap_or(0)),
        kind: r.kind.parse().map_err(|()| StoreError(format!("unknown stage kind `{}`", r.kind)))?,
    })
}

pub(super) fn stage_row(s: &Stage, now: OffsetDateTime) -> pipeline_stages::ActiveModel {
    pipeline_stages::ActiveModel {
        id: Set(s.id.as_uuid()),
        workspace_id: NotSet,
        pipeline_id: Set(s.pipeline_id.as_uuid()),
        name: Set(s.name.clone()),
        position: Set(s.position),
        probability: Set(i32::from(s.probability.get())),
        kind: Set(s.kind.as_str().to_owned()),
        created_at: Set(now),
        updated_at: Set(now),
    }
}
