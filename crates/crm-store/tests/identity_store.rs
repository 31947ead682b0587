//! The SeaORM identity adapter against real SQLite and PostgreSQL databases,
//! freshly migrated per test. Every test runs on both backends.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::sync::Arc;

use crm_identity::ports::{
    Accepted, ApiTokenStore, EmailTokenStore, Inserted, InvitationStore, OwnerGuarded, SessionStore, UserStore,
    WorkspaceStore,
};
use crm_identity::{
    ApiToken, Email, EmailTokenPurpose, Invitation, Membership, PersonName, Session, Theme, TokenName, User, Workspace,
    WorkspaceName,
};
use crm_kernel::{
    Actor, ApiTokenId, Currency, InvitationId, Limit, MembershipId, Role, Scope, SessionId, TokenScope, UserId,
    WorkspaceId,
};
use crm_store::SeaIdentityStore;
use crm_testkit::{Backend, fresh_db, now};
use time::Duration;

crm_testkit::on_both_backends!(
    sign_up_writes_user_workspace_and_owner_together,
    duplicate_email_is_reported_not_raised,
    members_of_one_workspace_are_invisible_to_another,
    the_last_owner_is_kept_under_concurrent_demotions,
    an_invitation_is_accepted_exactly_once_under_concurrency,
    email_tokens_are_single_use_under_concurrency,
    ban_revokes_every_session_in_the_same_transaction,
    api_tokens_resolve_by_hash_and_stay_in_their_workspace,
    keyset_pages_walk_every_member_once,
    member_search_matches_name_or_email_case_insensitively,
);

fn user(email: &str) -> User {
    User {
        id: UserId::new(),
        email: Email::from_trusted(email.to_owned()),
        name: PersonName::from_trusted("Test".to_owned()),
        email_verified_at: None,
        is_platform_admin: false,
        banned_at: None,
        theme: Theme::System,
        created_at: now(),
    }
}

fn membership(ws: WorkspaceId, user: UserId, role: Role) -> Membership {
    Membership {
        id: MembershipId::new(),
        workspace_id: ws,
        user_id: user,
        role,
        created_at: now(),
        suspended_at: None,
        suspension_reason: None,
    }
}

fn owner_scope(ws: WorkspaceId, user: UserId) -> Scope {
    Scope::for_test(ws, Actor::User { id: user, role: Role::Owner })
}

async fn store(backend: Backend) -> Arc<SeaIdentityStore> {
    let db = fresh_db(backend).await.expect("a fresh database (is PostgreSQL running?)");
    Arc::new(SeaIdentityStore::new(db.db))
}

/// A user owning a fresh workspace.
async fn owner(store: &SeaIdentityStore, email: &str) -> (User, Scope) {
    let u = user(email);
    let ws = Workspace {
        id: WorkspaceId::new(),
        name: WorkspaceName::from_trusted("WS".to_owned()),
        currency: Currency::default(),
        created_at: now(),
    };
    let m = membership(ws.id, u.id, Role::Owner);
    assert_eq!(store.insert_user_with_workspace(&u, "hash", &ws, &m).await.expect("insert"), Inserted::Ok);
    (u.clone(), owner_scope(ws.id, u.id))
}

async fn add_member(store: &SeaIdentityStore, scope: &Scope, email: &str, role: Role) -> User {
    let (u, _) = owner(store, email).await;
    let ws = Workspace {
        id: scope.workspace(),
        name: WorkspaceName::from_trusted("x".into()),
        currency: Currency::default(),
        created_at: now(),
    };
    let _ = ws;
    let inv = invitation(scope, email, role);
    store.insert_invitation(scope, &inv).await.expect("invite");
    let accepted = store.accept_invitation(inv.id, &membership(scope.workspace(), u.id, role), now()).await;
    assert_eq!(accepted.expect("accept"), Accepted::Ok);
    u
}

fn invitation(scope: &Scope, email: &str, role: Role) -> Invitation {
    Invitation {
        id: InvitationId::random(),
        workspace_id: scope.workspace(),
        email: Email::from_trusted(email.to_owned()),
        role,
        invited_by: scope.user().unwrap_or_default(),
        created_at: now(),
        expires_at: now() + Duration::days(7),
        accepted_at: None,
        revoked_at: None,
    }
}

async fn sign_up_writes_user_workspace_and_owner_together(backend: Backend) {
    let store = store(backend).await;
    let (u, scope) = owner(&store, "ada@example.com").await;
    let found = store.find_credentials(&Email::from_trusted("ada@example.com".into())).await.expect("find");
    assert_eq!(found.map(|c| (c.user.id, c.password_hash)), Some((u.id, "hash".to_owned())));
    let workspaces = store.list_user_workspaces(u.id).await.expect("list");
    assert_eq!(workspaces.len(), 1);
    assert_eq!(workspaces[0].workspace.id, scope.workspace());
    assert_eq!(workspaces[0].membership.role, Role::Owner);
}

async fn duplicate_email_is_reported_not_raised(backend: Backend) {
    let store = store(backend).await;
    owner(&store, "ada@example.com").await;
    let twin = user("ada@example.com");
    let ws = Workspace {
        id: WorkspaceId::new(),
        name: WorkspaceName::from_trusted("Twin".into()),
        currency: Currency::default(),
        created_at: now(),
    };
    let outcome = store.insert_user_with_workspace(&twin, "h", &ws, &membership(ws.id, twin.id, Role::Owner)).await;
    assert_eq!(outcome.expect("no storage error"), Inserted::Duplicate);
    // Nothing of the failed sign-up was left behind.
    assert!(store.find_workspace_unscoped(ws.id).await.expect("find").is_none());
}

async fn members_of_one_workspace_are_invisible_to_another(backend: Backend) {
    let store = store(backend).await;
    let (a, scope_a) = owner(&store, "a@example.com").await;
    let (_, scope_b) = owner(&store, "b@example.com").await;
    store.insert_invitation(&scope_a, &invitation(&scope_a, "x@example.com", Role::Viewer)).await.expect("invite");
    let token = ApiToken {
        id: ApiTokenId::new(),
        workspace_id: scope_a.workspace(),
        name: TokenName::from_trusted("t".into()),
        scopes: [TokenScope::LeadsRead].into(),
        prefix: "crm_abc".into(),
        created_by: Some(a.id),
        created_at: now(),
        last_used_at: None,
        revoked_at: None,
    };
    store.insert_api_token(&scope_a, &token, "hash-a").await.expect("token");

    assert!(store.find_member(&scope_b, a.id).await.expect("find").is_none());
    assert_eq!(store.list_members(&scope_b, None, None, Limit::DEFAULT).await.expect("list").items.len(), 1);
    assert!(store.list_invitations(&scope_b, None, Limit::DEFAULT).await.expect("list").items.is_empty());
    assert!(store.list_api_tokens(&scope_b, None, Limit::DEFAULT).await.expect("list").items.is_empty());
    assert!(!store.revoke_api_token(&scope_b, token.id, now()).await.expect("revoke"));
    assert_eq!(store.change_role(&scope_b, a.id, Role::Viewer).await.expect("change"), OwnerGuarded::NotFound);
    assert!(!store.set_suspension(&scope_b, a.id, Some((now(), None))).await.expect("suspend"));
    assert_eq!(store.find_membership(scope_a.workspace(), a.id).await.expect("m").map(|m| m.suspended_at), Some(None));
}

async fn the_last_owner_is_kept_under_concurrent_demotions(backend: Backend) {
    let store = store(backend).await;
    let (first, scope) = owner(&store, "one@example.com").await;
    let second = add_member(&store, &scope, "two@example.com", Role::Owner).await;
    let (s1, s2, sc1, sc2) = (store.clone(), store.clone(), scope.clone(), scope.clone());
    let (r1, r2) = tokio::join!(
        tokio::spawn(async move { s1.change_role(&sc1, first.id, Role::Viewer).await }),
        tokio::spawn(async move { s2.change_role(&sc2, second.id, Role::Viewer).await }),
    );
    let outcomes = [r1.expect("join"), r2.expect("join")];
    let done = outcomes.iter().filter(|o| matches!(o, Ok(OwnerGuarded::Done(())))).count();
    assert_eq!(done, 1, "exactly one demotion may win: {outcomes:?}");
    let members = store.list_members(&scope, None, None, Limit::DEFAULT).await.expect("list");
    assert_eq!(members.items.iter().filter(|m| m.membership.role == Role::Owner).count(), 1);
}

async fn an_invitation_is_accepted_exactly_once_under_concurrency(backend: Backend) {
    let store = store(backend).await;
    let (_, scope) = owner(&store, "owner@example.com").await;
    let (invitee, _) = owner(&store, "grace@example.com").await;
    let inv = invitation(&scope, "grace@example.com", Role::Manager);
    store.insert_invitation(&scope, &inv).await.expect("invite");
    let attempts = (0..8).map(|_| {
        let store = store.clone();
        let m = membership(scope.workspace(), invitee.id, Role::Manager);
        tokio::spawn(async move { store.accept_invitation(inv.id, &m, now()).await })
    });
    let outcomes: Vec<_> = futures::future::join_all(attempts).await.into_iter().map(|r| r.expect("join")).collect();
    let ok = outcomes.iter().filter(|o| matches!(o, Ok(Accepted::Ok))).count();
    assert_eq!(ok, 1, "{outcomes:?}");
    assert!(outcomes.iter().all(|o| o.is_ok()), "no storage errors: {outcomes:?}");
    assert_eq!(store.count_members(&scope).await.expect("count"), 2);
}

async fn email_tokens_are_single_use_under_concurrency(backend: Backend) {
    let store = store(backend).await;
    let (u, _) = owner(&store, "ada@example.com").await;
    store
        .insert_email_token(u.id, EmailTokenPurpose::ResetPassword, "h1", now() + Duration::hours(1))
        .await
        .expect("insert");
    let attempts = (0..6).map(|_| {
        let store = store.clone();
        tokio::spawn(async move { store.consume_email_token(EmailTokenPurpose::ResetPassword, "h1", now()).await })
    });
    let outcomes: Vec<_> =
        futures::future::join_all(attempts).await.into_iter().map(|r| r.expect("join").expect("ok")).collect();
    assert_eq!(outcomes.iter().flatten().count(), 1);
    // Wrong purpose never matches.
    store
        .insert_email_token(u.id, EmailTokenPurpose::VerifyEmail, "h2", now() + Duration::hours(1))
        .await
        .expect("insert");
    assert!(store.consume_email_token(EmailTokenPurpose::ResetPassword, "h2", now()).await.expect("ok").is_none());
    // Expired never matches.
    store
        .insert_email_token(u.id, EmailTokenPurpose::VerifyEmail, "h3", now() - Duration::seconds(1))
        .await
        .expect("insert");
    assert!(store.consume_email_token(EmailTokenPurpose::VerifyEmail, "h3", now()).await.expect("ok").is_none());
}

async fn ban_revokes_every_session_in_the_same_transaction(backend: Backend) {
    let store = store(backend).await;
    let (u, _) = owner(&store, "ada@example.com").await;
    let ids: Vec<SessionId> = (0..3).map(|_| SessionId::new()).collect();
    for id in &ids {
        let s = Session {
            id: *id,
            user_id: u.id,
            csrf_hash: "c".repeat(64),
            created_at: now(),
            expires_at: now() + Duration::days(30),
            revoked_at: None,
        };
        store.insert_session(&s).await.expect("session");
    }
    store.set_banned(u.id, Some(now())).await.expect("ban");
    for id in &ids {
        assert!(store.find_session(*id).await.expect("find").is_some_and(|s| s.revoked_at.is_some()));
    }
    assert!(store.find_user(u.id).await.expect("find").is_some_and(|u| u.banned_at.is_some()));
    store.set_banned(u.id, None).await.expect("unban");
    assert!(store.find_user(u.id).await.expect("find").is_some_and(|u| u.banned_at.is_none()));
}

async fn api_tokens_resolve_by_hash_and_stay_in_their_workspace(backend: Backend) {
    let store = store(backend).await;
    let (a, scope) = owner(&store, "a@example.com").await;
    let token = ApiToken {
        id: ApiTokenId::new(),
        workspace_id: scope.workspace(),
        name: TokenName::from_trusted("shop".into()),
        scopes: [TokenScope::OrdersWrite, TokenScope::CustomersWrite].into(),
        prefix: "crm_abcdefgh".into(),
        created_by: Some(a.id),
        created_at: now(),
        last_used_at: None,
        revoked_at: None,
    };
    store.insert_api_token(&scope, &token, "secret-hash").await.expect("insert");
    let found = store.find_api_token_by_hash("secret-hash").await.expect("find").expect("present");
    assert_eq!(
        (found.id, found.workspace_id, found.scopes.clone()),
        (token.id, scope.workspace(), token.scopes.clone())
    );
    store.touch_api_token(token.id, now()).await.expect("touch");
    assert!(store.find_api_token_by_hash("secret-hash").await.expect("find").is_some_and(|t| t.last_used_at.is_some()));
    assert!(store.revoke_api_token(&scope, token.id, now()).await.expect("revoke"));
    assert!(store.find_api_token_by_hash("secret-hash").await.expect("find").is_some_and(|t| t.revoked_at.is_some()));
}

async fn keyset_pages_walk_every_member_once(backend: Backend) {
    let store = store(backend).await;
    let (_, scope) = owner(&store, "owner@example.com").await;
    for i in 0..4 {
        add_member(&store, &scope, &format!("m{i}@example.com"), Role::Viewer).await;
    }
    let limit = Limit::parse(2).expect("limit");
    let mut seen = Vec::new();
    let mut cursor = None;
    loop {
        let page = store.list_members(&scope, None, cursor, limit).await.expect("page");
        seen.extend(page.items.iter().map(|m| m.membership.id));
        match page.next {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    assert_eq!(seen.len(), 5);
    let mut sorted = seen.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted, seen, "ordered by id, no repeats");
}

async fn member_search_matches_name_or_email_case_insensitively(backend: Backend) {
    let store = store(backend).await;
    let (_, scope) = owner(&store, "owner@example.com").await;
    add_member(&store, &scope, "grace.hopper@example.com", Role::Viewer).await;
    add_member(&store, &scope, "ada@example.com", Role::Manager).await;
    // Someone elsewhere with a matching email stays invisible.
    owner(&store, "hopper.fan@example.com").await;
    let emails = |q: &'static str| {
        let (store, scope) = (store.clone(), scope.clone());
        async move {
            let page = store.list_members(&scope, Some(q), None, Limit::DEFAULT).await.expect("search");
            let mut emails: Vec<String> = page.items.iter().map(|m| m.email.as_str().to_owned()).collect();
            emails.sort();
            emails
        }
    };
    assert_eq!(emails("HOPPER").await, vec!["grace.hopper@example.com"]);
    // Every test user is named "Test": the name matches regardless of case.
    assert_eq!(emails("tEsT").await.len(), 3);
    // LIKE wildcards in the query are literal text, not wildcards.
    assert!(emails("%").await.len() == 3 && emails("a_a").await.is_empty());
}
