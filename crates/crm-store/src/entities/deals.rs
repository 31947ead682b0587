use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "deals")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub workspace_id: Uuid,
    pub pipeline_id: Uuid,
    pub stage_id: Uuid,
    pub status: String,
    pub title: String,
    pub amount_minor: i64,
    pub currency: String,
    pub probability: Option<i32>,
    pub expected_close_date: Option<TimeDate>,
    pub next_action_text: Option<String>,
    pub next_action_date: Option<TimeDate>,
    pub owner_id: Option<Uuid>,
    pub contact_id: Option<Uuid>,
    pub company_id: Option<Uuid>,
    pub lead_id: Option<Uuid>,
    pub lost_reason_id: Option<Uuid>,
    pub lost_reason_text: Option<String>,
    pub notes: Option<String>,
    pub search_text: String,
    pub opened_at: TimeDateTimeWithTimeZone,
    pub closed_at: Option<TimeDateTimeWithTimeZone>,
    pub created_at: TimeDateTimeWithTimeZone,
    pub updated_at: TimeDateTimeWithTimeZone,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::tenancy::record!(DealId);
