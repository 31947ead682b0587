//! The caller's notifications (the bell) and the workspace's digest
//! preferences. A member only ever sees and marks their own notifications.

use actix_web::{get, post, put, web};
use crm_kernel::{Cursor, NotificationId};
use crm_notifications::PreferencesChange;
use uuid::Uuid;

use utoipa_actix_web::service_config::ServiceConfig;

use crate::app::AppState;
use crate::auth::Member;
use crate::body::Body;
use crate::error::ApiError;
use crate::query::keyset;
use crate::views::{
    MarkAllReadView, NotificationListQuery, NotificationPage, NotificationPreferencesView, NotificationView,
    UnreadCountView, UpdateNotificationPreferencesRequest,
};

/// The caller's notifications, newest first; `unread=true` for unread only.
#[utoipa::path(tag = "notifications", security(("session" = [])), params(("workspaceId" = Uuid, Path), NotificationListQuery), responses((status = 200, body = NotificationPage)))]
#[get("/api/workspaces/{workspaceId}/notifications")]
pub async fn list_notifications(
    state: web::Data<AppState>,
    member: Member,
    query: web::Query<NotificationListQuery>,
) -> Result<web::Json<NotificationPage>, ApiError> {
    let (after, limit) = keyset(query.limit, query.cursor.as_deref())?;
    let page = state.services.notifications.list(&member.scope, query.unread == Some(true), after, limit).await?;
    Ok(web::Json(NotificationPage {
        next_cursor: page.next.as_ref().map(Cursor::encode),
        data: page.items.into_iter().map(NotificationView::from).collect(),
    }))
}

/// How many unread notifications the caller has (counted up to 1000).
#[utoipa::path(tag = "notifications", security(("session" = [])), params(("workspaceId" = Uuid, Path)), responses((status = 200, body = UnreadCountView)))]
#[get("/api/workspaces/{workspaceId}/notifications/unread-count")]
pub async fn get_unread_notification_count(
    state: web::Data<AppState>,
    member: Member,
) -> Result<web::Json<UnreadCountView>, ApiError> {
    Ok(web::Json(state.services.notifications.unread_count(&member.scope).await?.into()))
}

/// Mark one of the caller's notifications read (idempotent). Another
/// member's notification is 404.
#[utoipa::path(tag = "notifications", security(("session" = [], "csrf" = [])), params(("workspaceId" = Uuid, Path), ("notificationId" = Uuid, Path)), responses((status = 200, body = NotificationView)))]
#[post("/api/workspaces/{workspaceId}/notifications/{notificationId}/read")]
pub async fn mark_notification_read(
    state: web::Data<AppState>,
    member: Member,
    path: web::Path<(Uuid, NotificationId)>,
) -> Result<web::Json<NotificationView>, ApiError> {
    Ok(web::Json(state.services.notifications.mark_read(&member.scope, path.1).await?.into()))
}

/// Mark all of the caller's notifications read.
#[utoipa::path(tag = "notifications", security(("session" = [], "csrf" = [])), params(("workspaceId" = Uuid, Path)), responses((status = 200, body = MarkAllReadView)))]
#[post("/api/workspaces/{workspaceId}/notifications/read-all")]
pub async fn mark_all_notifications_read(
    state: web::Data<AppState>,
    member: Member,
) -> Result<web::Json<MarkAllReadView>, ApiError> {
    Ok(web::Json(MarkAllReadView { updated: state.services.notifications.mark_all_read(&member.scope).await? }))
}

/// The workspace's daily digest preferences (every member may read them).
#[utoipa::path(tag = "notifications", security(("session" = [])), params(("workspaceId" = Uuid, Path)), responses((status = 200, body = NotificationPreferencesView)))]
#[get("/api/workspaces/{workspaceId}/settings/notifications")]
pub async fn get_notification_preferences(
    state: web::Data<AppState>,
    member: Member,
) -> Result<web::Json<NotificationPreferencesView>, ApiError> {
    Ok(web::Json(state.services.notifications.preferences(&member.scope).await?.into()))
}

/// Choose the digest's signals (owners and managers; viewers get 403).
#[utoipa::path(tag = "notifications", security(("session" = [], "csrf" = [])), params(("workspaceId" = Uuid, Path)), request_body = UpdateNotificationPreferencesRequest, responses((status = 200, body = NotificationPreferencesView)))]
#[put("/api/workspaces/{workspaceId}/settings/notifications")]
pub async fn update_notification_preferences(
    state: web::Data<AppState>,
    member: Member,
    body: Body<UpdateNotificationPreferencesRequest>,
) -> Result<web::Json<NotificationPreferencesView>, ApiError> {
    let change = PreferencesChange::from(body.into_inner());
    Ok(web::Json(state.services.notifications.update_preferences(&member.scope, change).await?.into()))
}

/// Registers this module's operations (see [`super::MODULES`]).
pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(list_notifications);
    cfg.service(get_unread_notification_count);
    cfg.service(mark_all_notifications_read);
    cfg.service(mark_notification_read);
    cfg.service(get_notification_preferences);
    cfg.service(update_notification_preferences);
}
