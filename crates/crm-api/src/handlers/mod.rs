//! Handlers, one file per resource. Each is a few lines: extract, call the
//! domain service, map to a view. Route registration is [`routes`].

mod activities;
mod admin;
mod api_tokens;
mod auth;
mod companies;
mod contacts;
mod conversion;
mod deals;
mod health;
mod invitations;
mod lead_sources;
mod leads;
mod me;
mod members;
mod notifications;
mod pipelines;
mod public;
mod workspaces;

use utoipa_actix_web::service_config::ServiceConfig;

/// Every documented operation. The OpenAPI document is collected from here,
/// so an operation cannot be served without being in the contract.
pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(health::healthz)
        .service(health::readyz)
        .service(auth::sign_up)
        .service(auth::sign_in)
        .service(auth::sign_out)
        .service(auth::verify_email)
        .service(auth::resend_verification)
        .service(auth::request_password_reset)
        .service(auth::reset_password)
        .service(me::get_me)
        .service(me::update_me)
        .service(me::change_password)
        .service(workspaces::create_workspace)
        .service(workspaces::get_workspace)
        .service(workspaces::update_workspace)
        .service(members::list_members)
        .service(members::get_member)
        .service(members::get_member_summary)
        .service(members::change_member_role)
        .service(members::remove_member)
        .service(members::suspend_member)
        .service(members::unsuspend_member)
        .service(invitations::list_invitations)
        .service(invitations::create_invitation)
        .service(invitations::revoke_invitation)
        .service(invitations::get_invitation)
        .service(invitations::accept_invitation)
        .service(api_tokens::list_api_tokens)
        .service(api_tokens::create_api_token)
        .service(api_tokens::revoke_api_token)
        .service(admin::list_users)
        .service(admin::ban_user)
        .service(admin::unban_user)
        .service(public::get_token_info)
        .service(leads::list_leads)
        .service(leads::create_lead)
        .service(leads::get_lead)
        .service(leads::update_lead)
        .service(activities::get_lead_timeline)
        .service(leads::list_leads_public)
        .service(leads::get_lead_public)
        .service(leads::create_lead_public)
        .service(lead_sources::list_lead_sources)
        .service(lead_sources::create_lead_source)
        .service(lead_sources::archive_lead_source)
        .service(lead_sources::unarchive_lead_source)
        .service(lead_sources::list_audit_events)
        .service(companies::list_companies)
        .service(companies::find_company_duplicates)
        .service(companies::create_company)
        .service(companies::get_company)
        .service(companies::update_company)
        .service(companies::list_company_contacts)
        .service(activities::get_company_timeline)
        .service(contacts::list_contacts)
        .service(contacts::create_contact)
        .service(contacts::get_contact)
        .service(contacts::update_contact)
        .service(activities::get_contact_timeline)
        .service(activities::list_activities)
        .service(activities::create_activity)
        .service(activities::get_activity)
        .service(activities::update_activity)
        .service(activities::complete_activity)
        .service(activities::reopen_activity)
        .service(conversion::preview_lead_conversion)
        .service(conversion::convert_lead)
        .service(pipelines::list_pipelines)
        .service(pipelines::create_pipeline)
        .service(pipelines::rename_pipeline)
        .service(pipelines::save_stages)
        .service(pipelines::delete_stage)
        .service(pipelines::get_board)
        .service(pipelines::list_lost_reasons)
        .service(pipelines::create_lost_reason)
        .service(pipelines::update_lost_reason)
        .service(deals::list_deals)
        .service(deals::create_deal)
        .service(deals::get_deal)
        .service(deals::update_deal)
        .service(deals::move_deal)
        .service(deals::reopen_deal)
        .service(activities::get_deal_timeline)
        .service(deals::get_contact_deal_summary)
        .service(deals::get_company_deal_summary)
        .service(notifications::list_notifications)
        .service(notifications::get_unread_notification_count)
        .service(notifications::mark_all_notifications_read)
        .service(notifications::mark_notification_read)
        .service(notifications::get_notification_preferences)
        .service(notifications::update_notification_preferences);
}
