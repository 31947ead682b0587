//! The tenant and role matrices. Both walk every operation of the committed
//! contract (`openapi/openapi.json`) and fail when an operation has no case,
//! so a new endpoint cannot land without saying how it is isolated and who
//! may call it.

use crm_testkit::Backend;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::world::World;

#[derive(Clone, Copy, Debug)]
enum Who {
    AOwner,
    AManager,
    AViewer,
    BOwner,
    /// Workspace A's token that lacks every `leads:*` scope.
    ATokenOrdersOnly,
    BToken,
}

struct Call {
    who: Who,
    method: Method,
    path: String,
    body: Option<Value>,
    status: StatusCode,
    /// Text that must not appear in the response (another workspace's id).
    must_not_contain: Option<String>,
}

enum Case {
    Calls(Vec<Call>),
    /// No case applies; the reason is part of the matrix and reviewed with it.
    Exempt(&'static str),
}

fn call(who: Who, method: Method, path: String, body: Option<Value>, status: StatusCode) -> Call {
    Call { who, method, path, body, status, must_not_contain: None }
}

/// Every operation of the contract: (operationId, method, path).
fn operations() -> Vec<(String, String, String)> {
    let file = concat!(env!("CARGO_MANIFEST_DIR"), "/../../openapi/openapi.json");
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(file).expect("openapi/openapi.json")).expect("json");
    let mut ops = Vec::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for (method, op) in item.as_object().expect("path item") {
            if let Some(id) = op["operationId"].as_str() {
                ops.push((id.to_owned(), method.to_uppercase(), path.clone()));
            }
        }
    }
    assert!(ops.len() >= 30, "the contract has its operations");
    ops
}

const NOT_TENANT_DATA: &str = "not workspace data: the caller's own account, or no account yet";

fn tenant_case(op: &str, w: &World) -> Option<Case> {
    use Who::{BOwner, BToken};
    let (a, b) = (&w.ws_a, &w.ws_b);
    let nf = StatusCode::NOT_FOUND;
    let both = |method: Method, tail: &str, body: Option<Value>| {
        Case::Calls(vec![
            call(BOwner, method.clone(), format!("/api/workspaces/{a}{tail}"), body.clone(), nf),
            call(BOwner, method, format!("/api/workspaces/{b}{tail}"), body, nf),
        ])
    };
    let foreign = |method: Method, tail: &str, body: Option<Value>| {
        Case::Calls(vec![call(BOwner, method, format!("/api/workspaces/{a}{tail}"), body, nf)])
    };
    let viewer = &w.a_viewer_id;
    Some(match op {
        "get_workspace" => foreign(Method::GET, "", None),
        "update_workspace" => foreign(Method::PATCH, "", Some(json!({"name": "taken over"}))),
        "list_members" => Case::Calls(vec![
            call(BOwner, Method::GET, format!("/api/workspaces/{a}/members"), None, nf),
            Call {
                must_not_contain: Some(w.a_owner_id.clone()),
                ..call(BOwner, Method::GET, format!("/api/workspaces/{b}/members"), None, StatusCode::OK)
            },
        ]),
        "get_member" => both(Method::GET, &format!("/members/{}", w.a_owner_id), None),
        "get_member_summary" => both(Method::GET, &format!("/members/{}/summary", w.a_owner_id), None),
        "change_member_role" => both(Method::PATCH, &format!("/members/{viewer}"), Some(json!({"role": "owner"}))),
        "remove_member" => both(Method::DELETE, &format!("/members/{viewer}"), None),
        "suspend_member" => both(Method::PUT, &format!("/members/{viewer}/suspension"), Some(json!({}))),
        "unsuspend_member" => both(Method::DELETE, &format!("/members/{viewer}/suspension"), None),
        "list_invitations" => foreign(Method::GET, "/invitations", None),
        "create_invitation" => {
            foreign(Method::POST, "/invitations", Some(json!({"email": "spy@example.com", "role": "owner"})))
        }
        "revoke_invitation" => both(Method::DELETE, &format!("/invitations/{}", w.invitation_a), None),
        "list_api_tokens" => foreign(Method::GET, "/api-tokens", None),
        "create_api_token" => {
            foreign(Method::POST, "/api-tokens", Some(json!({"name": "spy", "scopes": ["leads:read"]})))
        }
        "revoke_api_token" => both(Method::DELETE, &format!("/api-tokens/{}", w.token_a_id), None),
        "get_token_info" => Case::Calls(vec![Call {
            must_not_contain: Some(a.clone()),
            ..call(BToken, Method::GET, "/api/v1/token".into(), None, StatusCode::OK)
        }]),
        "get_me" => Case::Calls(vec![Call {
            must_not_contain: Some(a.clone()),
            ..call(BOwner, Method::GET, "/api/me".into(), None, StatusCode::OK)
        }]),
        "accept_invitation" => Case::Calls(vec![call(
            BOwner,
            Method::POST,
            format!("/api/invitations/{}/acceptance", w.invitation_a),
            None,
            StatusCode::FORBIDDEN,
        )]),
        "list_leads" => Case::Calls(vec![
            call(BOwner, Method::GET, format!("/api/workspaces/{a}/leads"), None, nf),
            Call {
                must_not_contain: Some(w.lead_a.clone()),
                ..call(BOwner, Method::GET, format!("/api/workspaces/{b}/leads?q=lead"), None, StatusCode::OK)
            },
        ]),
        "create_lead" => foreign(Method::POST, "/leads", Some(json!({"name": "Planted"}))),
        "get_lead" => both(Method::GET, &format!("/leads/{}", w.lead_a), None),
        "update_lead" => both(Method::PATCH, &format!("/leads/{}", w.lead_a), Some(json!({"name": "Taken"}))),
        "get_lead_timeline" => both(Method::GET, &format!("/leads/{}/timeline", w.lead_a), None),
        "list_lead_sources" => Case::Calls(vec![
            call(BOwner, Method::GET, format!("/api/workspaces/{a}/lead-sources"), None, nf),
            Call {
                must_not_contain: Some(w.source_a.clone()),
                ..call(BOwner, Method::GET, format!("/api/workspaces/{b}/lead-sources"), None, StatusCode::OK)
            },
        ]),
        "create_lead_source" => foreign(Method::POST, "/lead-sources", Some(json!({"slug": "planted", "label": "P"}))),
        "archive_lead_source" => both(Method::PUT, &format!("/lead-sources/{}/archived", w.source_a), None),
        "unarchive_lead_source" => both(Method::DELETE, &format!("/lead-sources/{}/archived", w.source_a), None),
        "list_audit_events" => Case::Calls(vec![
            call(BOwner, Method::GET, format!("/api/workspaces/{a}/audit-events"), None, nf),
            Call {
                must_not_contain: Some(w.lead_a.clone()),
                ..call(BOwner, Method::GET, format!("/api/workspaces/{b}/audit-events"), None, StatusCode::OK)
            },
        ]),
        "list_leads_public" => Case::Calls(vec![Call {
            must_not_contain: Some(w.lead_a.clone()),
            ..call(BToken, Method::GET, "/api/v1/leads".into(), None, StatusCode::OK)
        }]),
        "get_lead_public" => {
            Case::Calls(vec![call(BToken, Method::GET, format!("/api/v1/leads/{}", w.lead_a), None, nf)])
        }
        "create_lead_public" => Case::Calls(vec![Call {
            must_not_contain: Some(a.clone()),
            ..call(BToken, Method::POST, "/api/v1/leads".into(), Some(json!({"name": "Into B"})), StatusCode::CREATED)
        }]),
        "list_companies" => Case::Calls(vec![
            call(BOwner, Method::GET, format!("/api/workspaces/{a}/companies"), None, nf),
            Call {
                must_not_contain: Some(w.company_a.clone()),
                ..call(BOwner, Method::GET, format!("/api/workspaces/{b}/companies?q=company"), None, StatusCode::OK)
            },
        ]),
        "find_company_duplicates" => Case::Calls(vec![
            call(BOwner, Method::GET, format!("/api/workspaces/{a}/company-duplicates?name=x"), None, nf),
            Call {
                must_not_contain: Some(w.company_a.clone()),
                ..call(
                    BOwner,
                    Method::GET,
                    format!("/api/workspaces/{b}/company-duplicates?name=Company%20of%20A"),
                    None,
                    StatusCode::OK,
                )
            },
        ]),
        "create_company" => foreign(Method::POST, "/companies", Some(json!({"name": "Planted"}))),
        "get_company" => both(Method::GET, &format!("/companies/{}", w.company_a), None),
        "update_company" => both(Method::PATCH, &format!("/companies/{}", w.company_a), Some(json!({"name": "Taken"}))),
        "list_company_contacts" => both(Method::GET, &format!("/companies/{}/contacts", w.company_a), None),
        "get_company_timeline" => both(Method::GET, &format!("/companies/{}/timeline", w.company_a), None),
        "list_contacts" => Case::Calls(vec![
            call(BOwner, Method::GET, format!("/api/workspaces/{a}/contacts"), None, nf),
            Call {
                must_not_contain: Some(w.contact_a.clone()),
                ..call(BOwner, Method::GET, format!("/api/workspaces/{b}/contacts?q=contact"), None, StatusCode::OK)
            },
        ]),
        "create_contact" => Case::Calls(vec![
            call(BOwner, Method::POST, format!("/api/workspaces/{a}/contacts"), Some(json!({"name": "Planted"})), nf),
            // A contact of B cannot point at A's company.
            call(
                BOwner,
                Method::POST,
                format!("/api/workspaces/{b}/contacts"),
                Some(json!({"name": "Linked", "companyId": w.company_a})),
                nf,
            ),
        ]),
        "get_contact" => both(Method::GET, &format!("/contacts/{}", w.contact_a), None),
        "update_contact" => both(Method::PATCH, &format!("/contacts/{}", w.contact_a), Some(json!({"name": "Taken"}))),
        "get_contact_timeline" => both(Method::GET, &format!("/contacts/{}/timeline", w.contact_a), None),
        "list_activities" => Case::Calls(vec![
            call(BOwner, Method::GET, format!("/api/workspaces/{a}/activities"), None, nf),
            Call {
                must_not_contain: Some(w.activity_a.clone()),
                ..call(BOwner, Method::GET, format!("/api/workspaces/{b}/activities"), None, StatusCode::OK)
            },
        ]),
        "create_activity" => Case::Calls(vec![
            call(
                BOwner,
                Method::POST,
                format!("/api/workspaces/{a}/activities"),
                Some(json!({"type": "note", "subject": "x"})),
                nf,
            ),
            // Links to another workspace's records are refused.
            call(
                BOwner,
                Method::POST,
                format!("/api/workspaces/{b}/activities"),
                Some(json!({"type": "note", "subject": "x", "contactId": w.contact_a})),
                nf,
            ),
        ]),
        "get_activity" => both(Method::GET, &format!("/activities/{}", w.activity_a), None),
        "update_activity" => {
            both(Method::PATCH, &format!("/activities/{}", w.activity_a), Some(json!({"subject": "Taken"})))
        }
        "complete_activity" => both(Method::PUT, &format!("/activities/{}/completion", w.activity_a), None),
        "reopen_activity" => both(Method::DELETE, &format!("/activities/{}/completion", w.activity_a), None),
        "preview_lead_conversion" => {
            both(Method::POST, &format!("/leads/{}/conversion/preview", w.qualified_lead_a), None)
        }
        "convert_lead" => Case::Calls(vec![
            call(
                BOwner,
                Method::POST,
                format!("/api/workspaces/{a}/leads/{}/conversion", w.qualified_lead_a),
                Some(json!({"contact": {"action": "create"}, "company": {"action": "none"}})),
                nf,
            ),
            call(
                BOwner,
                Method::POST,
                format!("/api/workspaces/{b}/leads/{}/conversion", w.qualified_lead_a),
                Some(json!({"contact": {"action": "create"}, "company": {"action": "none"}})),
                nf,
            ),
        ]),
        "list_pipelines" => Case::Calls(vec![
            call(BOwner, Method::GET, format!("/api/workspaces/{a}/pipelines"), None, nf),
            Call {
                must_not_contain: Some(w.pipeline_a.clone()),
                ..call(BOwner, Method::GET, format!("/api/workspaces/{b}/pipelines"), None, StatusCode::OK)
            },
        ]),
        "create_pipeline" => foreign(Method::POST, "/pipelines", Some(json!({"name": "Planted"}))),
        "rename_pipeline" => {
            both(Method::PATCH, &format!("/pipelines/{}", w.pipeline_a), Some(json!({"name": "Taken"})))
        }
        "save_stages" => both(
            Method::PUT,
            &format!("/pipelines/{}/stages", w.pipeline_a),
            Some(json!({"stages": [{"name": "x", "probability": 1}]})),
        ),
        "delete_stage" => both(Method::DELETE, &format!("/pipelines/{}/stages/{}", w.pipeline_a, w.open_stage_a), None),
        "get_board" => Case::Calls(vec![
            call(BOwner, Method::GET, format!("/api/workspaces/{a}/pipelines/{}/board", w.pipeline_a), None, nf),
            call(BOwner, Method::GET, format!("/api/workspaces/{b}/pipelines/{}/board", w.pipeline_a), None, nf),
            // B's board filtered by A's company or contact shows nothing of A's.
            Call {
                must_not_contain: Some(w.deal_a.clone()),
                ..call(
                    BOwner,
                    Method::GET,
                    format!("/api/workspaces/{b}/pipelines/{}/board?companyId={}", w.pipeline_b, w.company_a),
                    None,
                    StatusCode::OK,
                )
            },
            Call {
                must_not_contain: Some(w.deal_a.clone()),
                ..call(
                    BOwner,
                    Method::GET,
                    format!("/api/workspaces/{b}/pipelines/{}/board?contactId={}", w.pipeline_b, w.contact_a),
                    None,
                    StatusCode::OK,
                )
            },
        ]),
        "list_lost_reasons" => Case::Calls(vec![
            call(BOwner, Method::GET, format!("/api/workspaces/{a}/lost-reasons"), None, nf),
            Call {
                must_not_contain: Some(w.lost_reason_a.clone()),
                ..call(BOwner, Method::GET, format!("/api/workspaces/{b}/lost-reasons"), None, StatusCode::OK)
            },
        ]),
        "create_lost_reason" => foreign(Method::POST, "/lost-reasons", Some(json!({"label": "Planted"}))),
        "update_lost_reason" => {
            both(Method::PATCH, &format!("/lost-reasons/{}", w.lost_reason_a), Some(json!({"archived": true})))
        }
        "list_deals" => Case::Calls(vec![
            call(BOwner, Method::GET, format!("/api/workspaces/{a}/deals"), None, nf),
            Call {
                must_not_contain: Some(w.deal_a.clone()),
                ..call(BOwner, Method::GET, format!("/api/workspaces/{b}/deals?q=deal"), None, StatusCode::OK)
            },
            // Filtering B's deals by A's contact finds nothing of A's.
            Call {
                must_not_contain: Some(w.deal_a.clone()),
                ..call(
                    BOwner,
                    Method::GET,
                    format!("/api/workspaces/{b}/deals?contactId={}", w.contact_a),
                    None,
                    StatusCode::OK,
                )
            },
        ]),
        "create_deal" => Case::Calls(vec![
            call(BOwner, Method::POST, format!("/api/workspaces/{a}/deals"), Some(json!({"title": "Planted"})), nf),
            // B's deal cannot link A's contact or company, nor use A's stage.
            call(
                BOwner,
                Method::POST,
                format!("/api/workspaces/{b}/deals"),
                Some(json!({"title": "Linked", "contactId": w.contact_a})),
                nf,
            ),
            call(
                BOwner,
                Method::POST,
                format!("/api/workspaces/{b}/deals"),
                Some(json!({"title": "Linked", "companyId": w.company_a})),
                nf,
            ),
            call(
                BOwner,
                Method::POST,
                format!("/api/workspaces/{b}/deals"),
                Some(json!({"title": "Linked", "pipelineId": w.pipeline_a})),
                nf,
            ),
        ]),
        "get_deal" => both(Method::GET, &format!("/deals/{}", w.deal_a), None),
        "update_deal" => both(Method::PATCH, &format!("/deals/{}", w.deal_a), Some(json!({"title": "Taken"}))),
        "move_deal" => both(
            Method::POST,
            &format!("/deals/{}/stage", w.deal_a),
            Some(json!({"stageId": w.lost_stage_a, "lostReasonOther": "gone"})),
        ),
        "reopen_deal" => both(Method::POST, &format!("/deals/{}/reopen", w.deal_a), Some(json!({}))),
        "get_deal_timeline" => both(Method::GET, &format!("/deals/{}/timeline", w.deal_a), None),
        "get_contact_deal_summary" => both(Method::GET, &format!("/contacts/{}/deal-summary", w.contact_a), None),
        "get_company_deal_summary" => both(Method::GET, &format!("/companies/{}/deal-summary", w.company_a), None),
        "list_notifications" => Case::Calls(vec![
            call(BOwner, Method::GET, format!("/api/workspaces/{a}/notifications"), None, nf),
            Call {
                must_not_contain: Some(w.notification_a.clone()),
                ..call(BOwner, Method::GET, format!("/api/workspaces/{b}/notifications"), None, StatusCode::OK)
            },
            // Another member of the same workspace sees only their own bell.
            Call {
                must_not_contain: Some(w.notification_a.clone()),
                ..call(Who::AOwner, Method::GET, format!("/api/workspaces/{a}/notifications"), None, StatusCode::OK)
            },
        ]),
        "get_unread_notification_count" => foreign(Method::GET, "/notifications/unread-count", None),
        "mark_notification_read" => {
            let tail = format!("/notifications/{}/read", w.notification_a);
            Case::Calls(vec![
                call(BOwner, Method::POST, format!("/api/workspaces/{a}{tail}"), None, nf),
                call(BOwner, Method::POST, format!("/api/workspaces/{b}{tail}"), None, nf),
                // The viewer's notification is not the owner's to mark.
                call(Who::AOwner, Method::POST, format!("/api/workspaces/{a}{tail}"), None, nf),
                call(Who::AManager, Method::POST, format!("/api/workspaces/{a}{tail}"), None, nf),
            ])
        }
        "mark_all_notifications_read" => Case::Calls(vec![
            call(BOwner, Method::POST, format!("/api/workspaces/{a}/notifications/read-all"), None, nf),
            // Marking your own bell read leaves other members' unread (snapshot).
            call(BOwner, Method::POST, format!("/api/workspaces/{b}/notifications/read-all"), None, StatusCode::OK),
            call(
                Who::AOwner,
                Method::POST,
                format!("/api/workspaces/{a}/notifications/read-all"),
                None,
                StatusCode::OK,
            ),
        ]),
        "get_notification_preferences" => foreign(Method::GET, "/settings/notifications", None),
        "update_notification_preferences" => foreign(
            Method::PUT,
            "/settings/notifications",
            Some(json!({"overdueActivities": false, "staleLeads": false, "staleDeals": false})),
        ),
        "get_invitation" => Case::Exempt("capability link: the unguessable id is mailed only to the invitee"),
        "list_users" | "ban_user" | "unban_user" => {
            Case::Exempt("platform administration, above workspaces; non-admins get 403 (role matrix)")
        }
        "healthz" | "readyz" => Case::Exempt("no data: process and database liveness only"),
        "sign_up"
        | "sign_in"
        | "sign_out"
        | "verify_email"
        | "resend_verification"
        | "request_password_reset"
        | "reset_password"
        | "update_me"
        | "change_password"
        | "create_workspace" => Case::Exempt(NOT_TENANT_DATA),
        _ => return None,
    })
}

fn role_case(op: &str, w: &World) -> Option<Case> {
    use Who::{AManager, AOwner, ATokenOrdersOnly, AViewer};
    let a = &w.ws_a;
    let forbidden = StatusCode::FORBIDDEN;
    let not_owner = |method: Method, tail: &str, body: Option<Value>| {
        Case::Calls(
            [AViewer, AManager]
                .into_iter()
                .map(|who| call(who, method.clone(), format!("/api/workspaces/{a}{tail}"), body.clone(), forbidden))
                .collect(),
        )
    };
    // CRM writes: owners and managers may, viewers may not.
    let viewer = |method: Method, tail: &str, body: Option<Value>| {
        Case::Calls(vec![call(AViewer, method, format!("/api/workspaces/{a}{tail}"), body, forbidden)])
    };
    let owner = &w.a_owner_id;
    Some(match op {
        "update_workspace" => not_owner(Method::PATCH, "", Some(json!({"currency": "USD"}))),
        "change_member_role" => not_owner(Method::PATCH, &format!("/members/{owner}"), Some(json!({"role": "viewer"}))),
        "remove_member" => not_owner(Method::DELETE, &format!("/members/{owner}"), None),
        "suspend_member" => not_owner(Method::PUT, &format!("/members/{owner}/suspension"), Some(json!({}))),
        "unsuspend_member" => not_owner(Method::DELETE, &format!("/members/{owner}/suspension"), None),
        "create_invitation" => {
            not_owner(Method::POST, "/invitations", Some(json!({"email": "x@example.com", "role": "owner"})))
        }
        "revoke_invitation" => not_owner(Method::DELETE, &format!("/invitations/{}", w.invitation_a), None),
        "list_invitations" => not_owner(Method::GET, "/invitations", None),
        "create_api_token" => {
            not_owner(Method::POST, "/api-tokens", Some(json!({"name": "x", "scopes": ["leads:read"]})))
        }
        "revoke_api_token" => not_owner(Method::DELETE, &format!("/api-tokens/{}", w.token_a_id), None),
        "list_api_tokens" => not_owner(Method::GET, "/api-tokens", None),
        "list_users" => Case::Calls(vec![call(AOwner, Method::GET, "/api/admin/users".into(), None, forbidden)]),
        "ban_user" => Case::Calls(vec![call(
            AOwner,
            Method::PUT,
            format!("/api/admin/users/{}/ban", w.b_owner_id),
            None,
            forbidden,
        )]),
        "unban_user" => Case::Calls(vec![call(
            AOwner,
            Method::DELETE,
            format!("/api/admin/users/{}/ban", w.b_owner_id),
            None,
            forbidden,
        )]),
        "get_token_info" => {
            Case::Calls(vec![call(ATokenOrdersOnly, Method::GET, "/api/v1/token".into(), None, StatusCode::OK)])
        }
        "create_lead" => viewer(Method::POST, "/leads", Some(json!({"name": "V"}))),
        "update_lead" => viewer(Method::PATCH, &format!("/leads/{}", w.lead_a), Some(json!({"status": "contacted"}))),
        "create_lead_source" => {
            not_owner(Method::POST, "/lead-sources", Some(json!({"slug": "mine", "label": "Mine"})))
        }
        "archive_lead_source" => not_owner(Method::PUT, &format!("/lead-sources/{}/archived", w.source_a), None),
        "unarchive_lead_source" => not_owner(Method::DELETE, &format!("/lead-sources/{}/archived", w.source_a), None),
        "create_company" => viewer(Method::POST, "/companies", Some(json!({"name": "V"}))),
        "update_company" => viewer(Method::PATCH, &format!("/companies/{}", w.company_a), Some(json!({"name": "V"}))),
        "create_contact" => viewer(Method::POST, "/contacts", Some(json!({"name": "V"}))),
        "update_contact" => viewer(Method::PATCH, &format!("/contacts/{}", w.contact_a), Some(json!({"name": "V"}))),
        "create_activity" => viewer(Method::POST, "/activities", Some(json!({"type": "note", "subject": "V"}))),
        "update_activity" => {
            viewer(Method::PATCH, &format!("/activities/{}", w.activity_a), Some(json!({"subject": "V"})))
        }
        "complete_activity" => viewer(Method::PUT, &format!("/activities/{}/completion", w.activity_a), None),
        "reopen_activity" => viewer(Method::DELETE, &format!("/activities/{}/completion", w.activity_a), None),
        "preview_lead_conversion" => {
            viewer(Method::POST, &format!("/leads/{}/conversion/preview", w.qualified_lead_a), None)
        }
        "convert_lead" => viewer(
            Method::POST,
            &format!("/leads/{}/conversion", w.qualified_lead_a),
            Some(json!({"contact": {"action": "create"}, "company": {"action": "none"}})),
        ),
        "create_pipeline" => not_owner(Method::POST, "/pipelines", Some(json!({"name": "Mine"}))),
        "rename_pipeline" => {
            not_owner(Method::PATCH, &format!("/pipelines/{}", w.pipeline_a), Some(json!({"name": "Mine"})))
        }
        "save_stages" => not_owner(
            Method::PUT,
            &format!("/pipelines/{}/stages", w.pipeline_a),
            Some(json!({"stages": [{"name": "x", "probability": 1}]})),
        ),
        "delete_stage" => {
            not_owner(Method::DELETE, &format!("/pipelines/{}/stages/{}", w.pipeline_a, w.open_stage_a), None)
        }
        "create_lost_reason" => not_owner(Method::POST, "/lost-reasons", Some(json!({"label": "Mine"}))),
        "update_lost_reason" => {
            not_owner(Method::PATCH, &format!("/lost-reasons/{}", w.lost_reason_a), Some(json!({"archived": true})))
        }
        "create_deal" => viewer(Method::POST, "/deals", Some(json!({"title": "V"}))),
        "update_deal" => viewer(Method::PATCH, &format!("/deals/{}", w.deal_a), Some(json!({"title": "V"}))),
        "move_deal" => viewer(
            Method::POST,
            &format!("/deals/{}/stage", w.deal_a),
            Some(json!({"stageId": w.lost_stage_a, "lostReasonOther": "V"})),
        ),
        "reopen_deal" => viewer(Method::POST, &format!("/deals/{}/reopen", w.deal_a), Some(json!({}))),
        "list_pipelines"
        | "get_board"
        | "list_lost_reasons"
        | "list_deals"
        | "get_deal"
        | "get_deal_timeline"
        | "get_contact_deal_summary"
        | "get_company_deal_summary" => Case::Exempt("read-only and open to every member"),
        "update_notification_preferences" => viewer(
            Method::PUT,
            "/settings/notifications",
            Some(json!({"overdueActivities": false, "staleLeads": true, "staleDeals": true})),
        ),
        "list_notifications"
        | "get_unread_notification_count"
        | "mark_notification_read"
        | "mark_all_notifications_read" => Case::Exempt(
            "every member, viewers included, reads and marks only their own notifications; \
             another member's is 404 (tenant matrix)",
        ),
        "get_notification_preferences" => Case::Exempt("read-only and open to every member"),
        "list_companies"
        | "find_company_duplicates"
        | "get_company"
        | "list_company_contacts"
        | "get_company_timeline"
        | "list_contacts"
        | "get_contact"
        | "get_contact_timeline"
        | "list_activities"
        | "get_activity" => Case::Exempt("read-only and open to every member"),
        "list_leads" | "get_lead" | "get_lead_timeline" | "list_lead_sources" | "list_audit_events" => {
            Case::Exempt("read-only and open to every member")
        }
        "list_leads_public" | "get_lead_public" | "create_lead_public" => {
            Case::Exempt("public API: token scopes are checked by scope_case")
        }
        "get_workspace" | "list_members" | "get_member" | "get_member_summary" | "get_me" | "get_invitation"
        | "healthz" | "readyz" => Case::Exempt("read-only and open to every member (or public)"),
        "sign_up"
        | "sign_in"
        | "sign_out"
        | "verify_email"
        | "resend_verification"
        | "request_password_reset"
        | "reset_password"
        | "update_me"
        | "change_password" => Case::Exempt("acts on the caller's own account"),
        "create_workspace" => Case::Exempt("any signed-in user may start a workspace they own"),
        "accept_invitation" => Case::Exempt("the invitation itself grants the role; the email lock is tested"),
        _ => return None,
    })
}

/// The public API's scope half of the role matrix: every `/api/v1`
/// operation either names the scope it needs (and a token without it gets
/// 403) or says why it needs none.
type ScopeCall = (&'static str, Method, String, Option<Value>);

fn scope_case(op: &str, w: &World) -> Option<Result<ScopeCall, &'static str>> {
    Some(match op {
        "get_token_info" => Err("describes the calling token itself; needs no scope"),
        "list_leads_public" => Ok(("leads:read", Method::GET, "/api/v1/leads".into(), None)),
        "get_lead_public" => Ok(("leads:read", Method::GET, format!("/api/v1/leads/{}", w.lead_a), None)),
        "create_lead_public" => {
            Ok(("leads:write", Method::POST, "/api/v1/leads".into(), Some(json!({"name": "No scope"}))))
        }
        _ => return None,
    })
}

impl World {
    fn client(&self, who: Who) -> crate::harness::Client {
        match who {
            Who::AOwner => self.a_owner.clone_session(),
            Who::AManager => self.a_manager.clone_session(),
            Who::AViewer => self.a_viewer.clone_session(),
            Who::BOwner => self.b_owner.clone_session(),
            Who::ATokenOrdersOnly => self.bearer(&self.token_a_orders_only),
            Who::BToken => self.bearer(&self.token_b_all),
        }
    }
}

async fn run(w: &World, op: &str, case: Case, failures: &mut Vec<String>) {
    let calls = match case {
        Case::Calls(calls) => calls,
        Case::Exempt(reason) => {
            assert!(reason.len() > 10, "{op}: an exemption needs a real reason");
            return;
        }
    };
    assert!(!calls.is_empty(), "{op}: a case with no calls proves nothing");
    for c in calls {
        let res = w.client(c.who).send(c.method.clone(), &c.path, c.body.clone()).await;
        let status = res.status();
        let text = res.text().await.unwrap_or_default();
        if status != c.status {
            failures
                .push(format!("{op}: {:?} {} {} → {status}, expected {}: {text}", c.who, c.method, c.path, c.status));
        }
        if let Some(secret) = &c.must_not_contain
            && text.contains(secret.as_str())
        {
            failures.push(format!("{op}: {:?} {} {} leaked another workspace's data", c.who, c.method, c.path));
        }
    }
}

async fn tenant_matrix(backend: Backend) {
    let w = World::build(backend).await;
    let before = w.snapshot_a().await;
    let (mut missing, mut failures) = (Vec::new(), Vec::new());
    for (op, _, _) in operations() {
        match tenant_case(&op, &w) {
            None => missing.push(op),
            Some(case) => run(&w, &op, case, &mut failures).await,
        }
    }
    assert!(missing.is_empty(), "operations without a tenant case: {missing:?}");
    assert!(failures.is_empty(), "tenant isolation failures:\n{}", failures.join("\n"));
    assert_eq!(w.snapshot_a().await, before, "refused calls changed workspace A");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tenant_matrix_on_sqlite() {
    tenant_matrix(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tenant_matrix_on_postgres() {
    tenant_matrix(Backend::Postgres).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn role_matrix() {
    let w = World::build(Backend::Sqlite).await;
    let before = w.snapshot_a().await;
    let (mut missing, mut failures) = (Vec::new(), Vec::new());
    for (op, method, path) in operations() {
        if path.starts_with("/api/v1/") {
            match scope_case(&op, &w) {
                None => missing.push(format!("{op} (scope case)")),
                Some(Ok((scope, method, path, body))) => {
                    let res = w.bearer(&w.token_a_orders_only).send(method, &path, body).await;
                    if res.status() != StatusCode::FORBIDDEN {
                        failures.push(format!("{op}: a token without {scope} got {}", res.status()));
                    }
                }
                Some(Err(_reason)) => {}
            }
        }
        let mutating = method != "GET";
        match role_case(&op, &w) {
            None => missing.push(op),
            Some(Case::Exempt(_)) if mutating && method == "DELETE" => {
                missing.push(format!("{op} (a DELETE must have a role case)"));
            }
            Some(case) => run(&w, &op, case, &mut failures).await,
        }
    }
    assert!(missing.is_empty(), "operations without a role case: {missing:?}");
    assert!(failures.is_empty(), "role failures:\n{}", failures.join("\n"));
    assert_eq!(w.snapshot_a().await, before, "refused calls changed workspace A");
}
