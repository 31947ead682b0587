//! Lead conversion: claims the qualified lead and writes the new contact,
//! company and deal in one transaction.

use crm_deals::conversion::{ConversionOutcome, ConversionStore, ConversionWrite};
use crm_kernel::{Scope, StoreError};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, QueryFilter, QuerySelect};
use uuid::Uuid;

use super::SeaDealStore;
use super::rows::deal_row;
use super::totals::add_share;
use crate::entities::{companies, contacts, deals, leads};
use crate::tenancy::{self, in_workspace};
use crate::{audit, db_err, is_unique_violation, write_txn};

#[async_trait::async_trait]
impl ConversionStore for SeaDealStore {
    async fn convert(&self, scope: &Scope, w: &ConversionWrite) -> Result<ConversionOutcome, StoreError> {
        let txn = write_txn(&self.db).await?;
        let to = w.lead.converted_to;
        // The claim: only a lead still qualified converts. On PostgreSQL the
        // row lock makes concurrent claims wait and then see `converted`; on
        // SQLite the write transaction serialises them.
        let claimed = tenancy::update_in::<leads::Entity>(scope)
            .col_expr(leads::Column::Status, Expr::value(w.lead.status.as_str()))
            .col_expr(leads::Column::ConvertedAt, Expr::value(w.lead.converted_at))
            .col_expr(leads::Column::ConvertedContactId, Expr::value(to.map(|t| t.contact_id.as_uuid())))
            .col_expr(
                leads::Column::ConvertedCompanyId,
                Expr::value(to.and_then(|t| t.company_id.map(|id| id.as_uuid()))),
            )
            .col_expr(leads::Column::ConvertedDealId, Expr::value(to.map(|t| t.deal_id.as_uuid())))
            .col_expr(leads::Column::UpdatedAt, Expr::value(w.lead.updated_at))
            .col_expr(leads::Column::LastActivityAt, Expr::value(w.lead.last_activity_at))
            .filter(leads::Column::Id.eq(w.lead.id.as_uuid()))
            .filter(leads::Column::Status.eq(crm_leads::LeadStatus::Qualified.as_str()))
            .exec(&txn)
            .await
            .map_err(db_err)?;
        if claimed.rows_affected != 1 {
            txn.rollback().await.map_err(db_err)?;
            return Ok(ConversionOutcome::LeadChanged);
        }
        if let Some(company) = &w.new_company {
            tenancy::insert_in::<companies::Entity>(scope, crate::contacts::company_row(company))
                .exec_without_returning(&txn)
                .await
                .map_err(db_err)?;
        }
        if let Some(contact) = &w.new_contact
            && let Err(e) = tenancy::insert_in::<contacts::Entity>(scope, crate::contacts::contact_row(contact))
                .exec_without_returning(&txn)
                .await
        {
            txn.rollback().await.map_err(db_err)?;
            if !is_unique_violation(&e) {
                return Err(db_err(e));
            }
            let email = contact.email.as_ref().map(|e| e.as_str().to_owned());
            let existing: Option<Uuid> = in_workspace::<contacts::Entity>(scope)
                .filter(contacts::Column::Email.eq(email))
                .select_only()
                .column(contacts::Column::Id)
                .into_tuple()
                .one(&self.db)
                .await
                .map_err(db_err)?;
            return existing.map(|id| ConversionOutcome::EmailTaken(id.into())).ok_or_else(|| db_err(e));
        }
        tenancy::insert_in::<deals::Entity>(scope, deal_row(&w.deal))
            .exec_without_returning(&txn)
            .await
            .map_err(db_err)?;
        add_share(&txn, scope, &w.deal, 1).await?;
        for entry in &w.audit {
            audit::append(&txn, scope, entry).await?;
        }
        txn.commit().await.map_err(db_err)?;
        Ok(ConversionOutcome::Converted)
    }
}
