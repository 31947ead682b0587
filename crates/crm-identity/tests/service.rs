//! Identity and access rules, against in-memory fakes of the ports.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::sync::Arc;

use crm_identity::fakes::{InMemoryIdentity, InMemoryMailer};
use crm_identity::service::SignUp;
use crm_identity::{IdentityConfig, IdentityError, IdentityService, InvitationStatus, User};
use crm_kernel::{FixedClock, Limit, Resource, Role, Scope, TokenScope};
use time::{Duration, macros::datetime};

struct World {
    service: IdentityService,
    store: Arc<InMemoryIdentity>,
    mail: Arc<InMemoryMailer>,
    clock: FixedClock,
}

fn world() -> World {
    let store = Arc::new(InMemoryIdentity::default());
    let mail = Arc::new(InMemoryMailer::default());
    let clock = FixedClock::at(datetime!(2026-11-25 10:00 UTC));
    let service = IdentityService::new(
        store.clone(),
        mail.clone(),
        Arc::new(clock.clone()),
        IdentityConfig::new("https://crm.example"),
    );
    World { service, store, mail, clock }
}

const PASSWORD: &str = "correct horse battery";

impl World {
    async fn sign_up(&self, email: &str) -> (User, Scope) {
        let input = SignUp { email: email.into(), password: PASSWORD.into(), name: "Ada".into(), invitation: None };
        let (account, _) = self.service.sign_up(input).await.expect("sign up");
        let ws = account.workspaces[0].workspace.id;
        let scope = self.service.member_scope(&account.user, ws).await.expect("scope");
        (account.user, scope)
    }

    /// Invites `email` as `role` into `owner_scope`'s workspace and signs
    /// them up through the invitation.
    async fn join(&self, owner: &User, owner_scope: &Scope, email: &str, role: &str) -> (User, Scope) {
        let invitation = self.service.invite(owner_scope, owner, email, role).await.expect("invite");
        let input = SignUp {
            email: email.into(),
            password: PASSWORD.into(),
            name: "Grace".into(),
            invitation: Some(invitation.id),
        };
        let (account, _) = self.service.sign_up(input).await.expect("sign up through invitation");
        let scope = self.service.member_scope(&account.user, owner_scope.workspace()).await.expect("scope");
        (account.user, scope)
    }
}

#[tokio::test]
async fn sign_up_provisions_a_workspace_owned_by_the_new_user() {
    let w = world();
    let (user, scope) = w.sign_up("Ada@Example.com").await;
    assert_eq!(user.email.as_str(), "ada@example.com");
    assert_eq!(scope.role(), Some(Role::Owner));
    let sent = w.mail.sent();
    assert_eq!(sent.len(), 1);
    assert!(sent[0].text.contains("https://crm.example/verify-email?token="));
}

#[tokio::test]
async fn sign_up_reports_every_invalid_field_at_once() {
    let w = world();
    let input = SignUp { email: "nope".into(), password: "short".into(), name: " ".into(), invitation: None };
    let Err(IdentityError::Invalid(fields)) = w.service.sign_up(input).await else { panic!("expected Invalid") };
    let names: Vec<_> = fields.iter().map(|f| f.field).collect();
    assert_eq!(names, ["email", "password", "name"]);
}

#[tokio::test]
async fn an_email_can_register_only_once() {
    let w = world();
    w.sign_up("ada@example.com").await;
    let again =
        SignUp { email: "ADA@example.com".into(), password: PASSWORD.into(), name: "Ada".into(), invitation: None };
    assert!(matches!(w.service.sign_up(again).await, Err(IdentityError::EmailTaken)));
}

#[tokio::test]
async fn sign_in_gives_the_same_answer_for_unknown_email_and_wrong_password() {
    let w = world();
    w.sign_up("ada@example.com").await;
    assert!(matches!(
        w.service.sign_in("ada@example.com", "wrong password!").await,
        Err(IdentityError::InvalidCredentials)
    ));
    assert!(matches!(w.service.sign_in("who@example.com", PASSWORD).await, Err(IdentityError::InvalidCredentials)));
    assert!(w.service.sign_in("ADA@example.com", PASSWORD).await.is_ok());
}

#[tokio::test]
async fn a_global_ban_ends_sessions_and_blocks_sign_in() {
    let w = world();
    let (admin, _) = w.sign_up("admin@example.com").await;
    w.service.grant_platform_admin("admin@example.com").await.expect("grant");
    let admin = User { is_platform_admin: true, ..admin };
    let (target, _) = w.sign_up("ada@example.com").await;
    let (_, issued) = w.service.sign_in("ada@example.com", PASSWORD).await.expect("sign in");

    w.service.ban_user(&admin, target.id).await.expect("ban");

    assert_eq!(w.store.live_sessions(target.id), 0);
    assert!(matches!(w.service.authenticate_session(issued.session.id).await, Err(IdentityError::Unauthenticated)));
    assert!(matches!(w.service.sign_in("ada@example.com", PASSWORD).await, Err(IdentityError::Banned)));
    w.service.unban_user(&admin, target.id).await.expect("unban");
    assert!(w.service.sign_in("ada@example.com", PASSWORD).await.is_ok());
}

#[tokio::test]
async fn only_platform_admins_ban_and_never_themselves() {
    let w = world();
    let (ada, _) = w.sign_up("ada@example.com").await;
    let (bob, _) = w.sign_up("bob@example.com").await;
    assert!(matches!(w.service.ban_user(&ada, bob.id).await, Err(IdentityError::Forbidden(_))));
    let admin = User { is_platform_admin: true, ..ada };
    assert!(matches!(w.service.ban_user(&admin, admin.id).await, Err(IdentityError::SelfAction(_))));
}

#[tokio::test]
async fn managers_and_viewers_cannot_manage_the_team_tokens_or_settings() {
    let w = world();
    let (owner, owner_scope) = w.sign_up("owner@example.com").await;
    let (manager, manager_scope) = w.join(&owner, &owner_scope, "manager@example.com", "manager").await;
    let (_, viewer_scope) = w.join(&owner, &owner_scope, "viewer@example.com", "viewer").await;
    for scope in [&manager_scope, &viewer_scope] {
        let forbidden = |r: Result<_, IdentityError>| matches!(r, Err(IdentityError::Forbidden(_)));
        assert!(forbidden(w.service.invite(scope, &manager, "x@example.com", "viewer").await.map(|_| ())));
        assert!(forbidden(w.service.create_api_token(scope, "t", &["leads:read".into()]).await.map(|_| ())));
        assert!(forbidden(w.service.change_role(scope, owner.id, Role::Viewer).await.map(|_| ())));
        assert!(forbidden(w.service.suspend_member(scope, owner.id, None).await.map(|_| ())));
        assert!(forbidden(w.service.update_workspace(scope, Default::default()).await.map(|_| ())));
        assert!(forbidden(w.service.list_api_tokens(scope, None, Limit::DEFAULT).await.map(|_| ())));
    }
    // Everyone reads the team.
    assert_eq!(
        w.service.list_members(&viewer_scope, None, None, Limit::DEFAULT).await.map(|p| p.items.len()).ok(),
        Some(3)
    );
}

#[tokio::test]
async fn the_last_owner_cannot_be_demoted_or_removed() {
    let w = world();
    let (owner, scope) = w.sign_up("owner@example.com").await;
    assert!(matches!(w.service.change_role(&scope, owner.id, Role::Manager).await, Err(IdentityError::LastOwner)));
    assert!(matches!(w.service.remove_member(&scope, owner.id).await, Err(IdentityError::LastOwner)));
    let (second, _) = w.join(&owner, &scope, "second@example.com", "owner").await;
    assert!(w.service.change_role(&scope, owner.id, Role::Manager).await.is_ok());
    // Scopes are resolved per request: the demoted owner's next one is a manager's.
    let demoted = w.service.member_scope(&owner, scope.workspace()).await.expect("scope");
    assert_eq!(demoted.role(), Some(Role::Manager));
    assert!(matches!(w.service.remove_member(&demoted, second.id).await, Err(IdentityError::Forbidden(_))));
}

#[tokio::test]
async fn suspension_blocks_only_that_workspace() {
    let w = world();
    let (owner, scope) = w.sign_up("owner@example.com").await;
    let (member, _) = w.join(&owner, &scope, "member@example.com", "manager").await;
    let own_ws = w.service.create_workspace(member.id, "Member's own", None).await.expect("workspace");

    w.service.suspend_member(&scope, member.id, Some("on leave")).await.expect("suspend");

    assert!(matches!(w.service.member_scope(&member, scope.workspace()).await, Err(IdentityError::Suspended)));
    assert!(w.service.member_scope(&member, own_ws.workspace.id).await.is_ok());
    assert!(w.service.sign_in("member@example.com", PASSWORD).await.is_ok());
    w.service.unsuspend_member(&scope, member.id).await.expect("unsuspend");
    assert!(w.service.member_scope(&member, scope.workspace()).await.is_ok());
}

#[tokio::test]
async fn owners_cannot_suspend_themselves() {
    let w = world();
    let (owner, scope) = w.sign_up("owner@example.com").await;
    assert!(matches!(w.service.suspend_member(&scope, owner.id, None).await, Err(IdentityError::SelfAction(_))));
}

#[tokio::test]
async fn a_non_member_sees_the_workspace_as_not_found() {
    let w = world();
    let (_, scope_a) = w.sign_up("a@example.com").await;
    let (b, _) = w.sign_up("b@example.com").await;
    assert!(matches!(
        w.service.member_scope(&b, scope_a.workspace()).await,
        Err(IdentityError::NotFound(Resource::Workspace))
    ));
}

#[tokio::test]
async fn invitations_are_locked_to_the_invited_email() {
    let w = world();
    let (owner, scope) = w.sign_up("owner@example.com").await;
    let invitation = w.service.invite(&scope, &owner, "grace@example.com", "manager").await.expect("invite");
    assert!(
        w.mail
            .sent()
            .iter()
            .any(|m| m.to == "grace@example.com" && m.text.contains(&format!("/invite/{}", invitation.id)))
    );

    let (mallory, _) = w.sign_up("mallory@example.com").await;
    assert!(matches!(
        w.service.accept_invitation(&mallory, invitation.id).await,
        Err(IdentityError::InvitationEmailMismatch)
    ));
    let wrong = SignUp {
        email: "mallory2@example.com".into(),
        password: PASSWORD.into(),
        name: "M".into(),
        invitation: Some(invitation.id),
    };
    assert!(matches!(w.service.sign_up(wrong).await, Err(IdentityError::InvitationEmailMismatch)));

    let (grace, _) = w.sign_up("grace@example.com").await;
    let joined = w.service.accept_invitation(&grace, invitation.id).await.expect("accept");
    assert_eq!(joined.membership.role, Role::Manager);
    assert!(matches!(
        w.service.accept_invitation(&grace, invitation.id).await,
        Err(IdentityError::InvitationNotPending(InvitationStatus::Accepted))
    ));
}

#[tokio::test]
async fn invitations_expire_after_seven_days_and_can_be_revoked() {
    let w = world();
    let (owner, scope) = w.sign_up("owner@example.com").await;
    let expiring = w.service.invite(&scope, &owner, "late@example.com", "viewer").await.expect("invite");
    let revoked = w.service.invite(&scope, &owner, "gone@example.com", "viewer").await.expect("invite");
    w.service.revoke_invitation(&scope, revoked.id).await.expect("revoke");
    w.clock.advance(Duration::days(7));

    assert_eq!(w.service.preview_invitation(expiring.id).await.map(|p| p.status).ok(), Some(InvitationStatus::Expired));
    let (late, _) = w.sign_up("late@example.com").await;
    assert!(matches!(
        w.service.accept_invitation(&late, expiring.id).await,
        Err(IdentityError::InvitationNotPending(InvitationStatus::Expired))
    ));
    assert_eq!(w.service.preview_invitation(revoked.id).await.map(|p| p.status).ok(), Some(InvitationStatus::Revoked));
    // An expired invitation no longer blocks a new one.
    assert!(w.service.invite(&scope, &owner, "late@example.com", "viewer").await.is_ok());
}

#[tokio::test]
async fn inviting_a_member_or_a_pending_address_is_a_conflict() {
    let w = world();
    let (owner, scope) = w.sign_up("owner@example.com").await;
    assert!(matches!(
        w.service.invite(&scope, &owner, "owner@example.com", "viewer").await,
        Err(IdentityError::AlreadyMember)
    ));
    w.service.invite(&scope, &owner, "x@example.com", "viewer").await.expect("invite");
    assert!(matches!(
        w.service.invite(&scope, &owner, "X@example.com", "viewer").await,
        Err(IdentityError::AlreadyInvited)
    ));
}

#[tokio::test]
async fn api_tokens_are_shown_once_stored_hashed_and_revocable() {
    let w = world();
    let (_, scope) = w.sign_up("owner@example.com").await;
    let issued =
        w.service.create_api_token(&scope, "shop", &["leads:read".into(), "leads:write".into()]).await.expect("token");
    assert!(issued.secret.starts_with("crm_"));
    assert!(issued.secret.starts_with(&issued.token.prefix));

    let (token_scope, token) = w.service.token_scope(&issued.secret).await.expect("resolves");
    assert_eq!(token_scope.workspace(), scope.workspace());
    assert!(token_scope.has_token_scope(TokenScope::LeadsWrite));
    assert!(!token_scope.has_token_scope(TokenScope::OrdersRead));
    assert_eq!(token.id, issued.token.id);
    let listed = w.service.list_api_tokens(&scope, None, Limit::DEFAULT).await.expect("list");
    assert!(listed.items[0].last_used_at.is_some());

    w.service.revoke_api_token(&scope, issued.token.id).await.expect("revoke");
    assert!(matches!(w.service.token_scope(&issued.secret).await, Err(IdentityError::Unauthenticated)));
}

#[tokio::test]
async fn token_scopes_must_be_known_and_not_empty() {
    let w = world();
    let (_, scope) = w.sign_up("owner@example.com").await;
    let Err(IdentityError::Invalid(f)) = w.service.create_api_token(&scope, "t", &["leads:delete".into()]).await else {
        panic!()
    };
    assert_eq!((f[0].field, f[0].code), ("scopes", "invalid_scope"));
    let Err(IdentityError::Invalid(f)) = w.service.create_api_token(&scope, "t", &[]).await else { panic!() };
    assert_eq!((f[0].field, f[0].code), ("scopes", "required"));
}

#[tokio::test]
async fn password_reset_works_once_within_an_hour_and_ends_every_session() {
    let w = world();
    let (user, _) = w.sign_up("ada@example.com").await;
    w.service.sign_in("ada@example.com", PASSWORD).await.expect("sign in");
    w.service.request_password_reset("ada@example.com").await.expect("request");
    w.service.request_password_reset("nobody@example.com").await.expect("same answer for unknown");
    let mail = w.mail.sent().into_iter().find(|m| m.subject.contains("Reset")).expect("reset mail");
    let token = mail.text.split("token=").nth(1).expect("link").trim().to_owned();

    w.service.reset_password(&token, "a brand new password").await.expect("reset");
    assert_eq!(w.store.live_sessions(user.id), 0);
    assert!(w.service.sign_in("ada@example.com", "a brand new password").await.is_ok());
    assert!(matches!(
        w.service.reset_password(&token, "another new password").await,
        Err(IdentityError::InvalidEmailToken)
    ));

    w.service.request_password_reset("ada@example.com").await.expect("request");
    let late = w.mail.sent().into_iter().rfind(|m| m.subject.contains("Reset")).expect("mail");
    let late_token = late.text.split("token=").nth(1).expect("link").trim().to_owned();
    w.clock.advance(Duration::minutes(61));
    assert!(matches!(
        w.service.reset_password(&late_token, "too late password").await,
        Err(IdentityError::InvalidEmailToken)
    ));
}

#[tokio::test]
async fn email_verification_link_marks_the_email_verified() {
    let w = world();
    let (user, _) = w.sign_up("ada@example.com").await;
    let token = w.mail.sent()[0].text.split("token=").nth(1).expect("link").trim().to_owned();
    w.service.verify_email(&token).await.expect("verify");
    let account = w.service.account(user.id).await.expect("account");
    assert!(account.user.email_verified_at.is_some());
    assert!(matches!(w.service.verify_email(&token).await, Err(IdentityError::InvalidEmailToken)));
}

#[tokio::test]
async fn changing_the_password_keeps_only_the_current_session() {
    let w = world();
    let (user, _) = w.sign_up("ada@example.com").await;
    let (_, here) = w.service.sign_in("ada@example.com", PASSWORD).await.expect("sign in");
    w.service.sign_in("ada@example.com", PASSWORD).await.expect("elsewhere");
    let Err(IdentityError::Invalid(f)) =
        w.service.change_password(user.id, here.session.id, "wrong password", "new password here").await
    else {
        panic!()
    };
    assert_eq!(f[0].field, "currentPassword");
    w.service.change_password(user.id, here.session.id, PASSWORD, "new password here").await.expect("change");
    assert_eq!(w.store.live_sessions(user.id), 1);
    assert!(w.service.authenticate_session(here.session.id).await.is_ok());
}

#[tokio::test]
async fn workspace_currency_must_be_iso_4217() {
    let w = world();
    let (_, scope) = w.sign_up("owner@example.com").await;
    let bad = crm_identity::service::WorkspaceChanges { currency: Some("EURO".into()), ..Default::default() };
    let Err(IdentityError::Invalid(f)) = w.service.update_workspace(&scope, bad).await else { panic!() };
    assert_eq!((f[0].field, f[0].code), ("currency", "invalid_currency"));
    let good = crm_identity::service::WorkspaceChanges { currency: Some("JPY".into()), name: Some("Tokyo".into()) };
    let ws = w.service.update_workspace(&scope, good).await.expect("update");
    assert_eq!((ws.currency.code(), ws.name.as_str()), ("JPY", "Tokyo"));
}
