//! Lead sources: built-in and custom slugs.

use crm_leads::SourceOption;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct LeadSourceView {
    pub slug: String,
    pub label: String,
    pub built_in: bool,
    pub archived: bool,
}

impl From<&SourceOption> for LeadSourceView {
    fn from(s: &SourceOption) -> Self {
        Self { slug: s.slug.as_str().to_owned(), label: s.label.clone(), built_in: s.built_in, archived: s.archived }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LeadSourceList {
    pub data: Vec<LeadSourceView>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[schema(example = json!({"slug": "trade_fair", "label": "Trade fair"}))]
pub struct CreateLeadSourceRequest {
    #[schema(pattern = "@slug")]
    pub slug: String,
    #[schema(min_length = 1, max_length = 60, pattern = "@name")]
    pub label: String,
}
