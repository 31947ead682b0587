//! Behaviour over HTTP: errors, sessions, CSRF, suspension, bans, rate
//! limits, mail flows through a real SMTP server, tokens, the SPA, the CLI.

use crm_testkit::wait_for_mail;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::harness::{PASSWORD, Spawn, TestApp, link_path, problem};

fn unique(tag: &str) -> String {
    format!("{tag}-{}@example.com", uuid::Uuid::now_v7().simple())
}

fn workspace_of(me: &Value) -> String {
    me["workspaces"][0]["workspaceId"].as_str().expect("workspace").to_owned()
}

#[tokio::test]
async fn health_and_readiness_answer() {
    let app = TestApp::spawn().await;
    let client = app.anonymous();
    assert_eq!(client.get("/healthz").await.status(), 200);
    let ready: Value = client.get("/readyz").await.json().await.expect("json");
    assert_eq!(ready["status"], "ok");
}

#[tokio::test]
async fn malformed_and_unexpected_requests_get_precise_problems() {
    let app = TestApp::spawn().await;
    let client = app.anonymous();
    let res = client.raw(Method::POST, "/api/auth/sign-in", Some("application/json"), b"{\"email\":".to_vec()).await;
    problem(res, StatusCode::BAD_REQUEST, "request.malformed_json").await;
    let body = json!({"email": "a@example.com", "password": "x", "admin": true}).to_string().into_bytes();
    let res = client.raw(Method::POST, "/api/auth/sign-in", Some("application/json"), body).await;
    let p = problem(res, StatusCode::UNPROCESSABLE_ENTITY, "request.invalid_body").await;
    assert!(p["detail"].as_str().unwrap_or_default().contains("admin"), "names the unknown field: {p}");
    let res = client.raw(Method::POST, "/api/auth/sign-in", Some("text/plain"), b"hello".to_vec()).await;
    problem(res, StatusCode::UNSUPPORTED_MEDIA_TYPE, "request.unsupported_media_type").await;
    let huge = format!("{{\"email\":\"{}\",\"password\":\"x\"}}", "a".repeat(70_000)).into_bytes();
    let res = client.raw(Method::POST, "/api/auth/sign-in", Some("application/json"), huge).await;
    problem(res, StatusCode::PAYLOAD_TOO_LARGE, "request.too_large").await;
    let res = client.send(Method::DELETE, "/api/me", None).await;
    assert_eq!(res.headers().get("allow").and_then(|v| v.to_str().ok()), Some("GET, PATCH"));
    problem(res, StatusCode::METHOD_NOT_ALLOWED, "request.method_not_allowed").await;
    problem(client.get("/api/nothing-here").await, StatusCode::NOT_FOUND, "request.no_route").await;
    problem(client.get("/api/invitations/not-a-uuid").await, StatusCode::BAD_REQUEST, "request.invalid_path").await;
}

#[tokio::test]
async fn list_parameters_are_validated_not_clamped() {
    let app = TestApp::spawn().await;
    let (owner, me) = app.sign_up(&unique("owner")).await;
    let ws = workspace_of(&me);
    let p = problem(
        owner.get(&format!("/api/workspaces/{ws}/members?limit=201")).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "request.invalid",
    )
    .await;
    assert_eq!(p["errors"][0]["field"], "limit");
    problem(
        owner.get(&format!("/api/workspaces/{ws}/members?sort=name")).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "request.invalid_query",
    )
    .await;
    let p = problem(
        owner.get(&format!("/api/workspaces/{ws}/members?cursor=zzz")).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "request.invalid",
    )
    .await;
    assert_eq!(p["errors"][0]["field"], "cursor");
    let page: Value = owner.get(&format!("/api/workspaces/{ws}/members?limit=1")).await.json().await.expect("json");
    assert_eq!(page["data"].as_array().map(Vec::len), Some(1));
    assert_eq!(page["nextCursor"], Value::Null);
}

#[tokio::test]
async fn members_are_searched_by_name_or_email() {
    let app = TestApp::spawn().await;
    let email = unique("searchable");
    let (owner, me) = app.sign_up(&email).await;
    let ws = workspace_of(&me);
    let emails = |page: &Value| -> Vec<String> {
        page["data"].as_array().into_iter().flatten().filter_map(|m| m["email"].as_str().map(str::to_owned)).collect()
    };
    let found: Value =
        owner.get(&format!("/api/workspaces/{ws}/members?q=SEARCHABLE")).await.json().await.expect("json");
    assert_eq!(emails(&found), vec![email]);
    let none: Value =
        owner.get(&format!("/api/workspaces/{ws}/members?q=nobody-by-that-name")).await.json().await.expect("json");
    assert_eq!(emails(&none), Vec::<String>::new());
    let p = problem(
        owner.get(&format!("/api/workspaces/{ws}/members?q={}", "x".repeat(255))).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "request.invalid",
    )
    .await;
    assert_eq!(p["errors"][0]["field"], "q");
}

#[tokio::test]
async fn sign_up_mails_a_verification_link_through_smtp() {
    let app = TestApp::spawn().await;
    let email = unique("verify");
    let (client, me) = app.sign_up(&email).await;
    assert_eq!(me["user"]["emailVerified"], false);
    assert_eq!(me["workspaces"][0]["role"], "owner");
    let mail = wait_for_mail(&email, "verify-email").await.expect("mail arrives");
    assert!(mail.contains("multipart/alternative"), "text and HTML parts");
    let path = link_path(&mail, "/verify-email?token=");
    let token = path.split("token=").nth(1).expect("token");
    let res = client.send(Method::POST, "/api/auth/email-verification", Some(json!({"token": token}))).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let me: Value = client.get("/api/me").await.json().await.expect("json");
    assert_eq!(me["user"]["emailVerified"], true);
    let again = client.send(Method::POST, "/api/auth/email-verification", Some(json!({"token": token}))).await;
    problem(again, StatusCode::UNPROCESSABLE_ENTITY, "auth.invalid_link").await;
}

#[tokio::test]
async fn sign_up_refuses_bad_fields_and_taken_emails_without_writing() {
    let app = TestApp::spawn().await;
    let client = app.anonymous();
    let res = client
        .send(Method::POST, "/api/auth/sign-up", Some(json!({"email": "nope", "password": "short", "name": "A"})))
        .await;
    let p = problem(res, StatusCode::UNPROCESSABLE_ENTITY, "request.invalid").await;
    let fields: Vec<&str> =
        p["errors"].as_array().expect("errors").iter().filter_map(|e| e["field"].as_str()).collect();
    assert_eq!(fields, ["email", "password"]);
    let email = unique("taken");
    app.sign_up(&email).await;
    let res = client
        .send(
            Method::POST,
            "/api/auth/sign-up",
            Some(json!({"email": email.to_uppercase(), "password": PASSWORD, "name": "B"})),
        )
        .await;
    problem(res, StatusCode::CONFLICT, "user.email_taken").await;
}

#[tokio::test]
async fn unsafe_requests_without_the_csrf_token_are_refused_and_change_nothing() {
    let app = TestApp::spawn().await;
    let (mut owner, me) = app.sign_up(&unique("owner")).await;
    let ws = workspace_of(&me);
    let csrf = owner.csrf.take();
    let res = owner.send(Method::PATCH, &format!("/api/workspaces/{ws}"), Some(json!({"name": "Changed"}))).await;
    problem(res, StatusCode::FORBIDDEN, "auth.csrf").await;
    owner.csrf = Some("wrong".into());
    let res = owner.send(Method::PATCH, &format!("/api/workspaces/{ws}"), Some(json!({"name": "Changed"}))).await;
    problem(res, StatusCode::FORBIDDEN, "auth.csrf").await;
    owner.csrf = csrf;
    let workspace: Value = owner.get(&format!("/api/workspaces/{ws}")).await.json().await.expect("json");
    assert_ne!(workspace["name"], "Changed");
    let (status, updated) = owner
        .json(Method::PATCH, &format!("/api/workspaces/{ws}"), Some(json!({"name": "Changed", "currency": "JPY"})))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!((updated["name"].as_str(), updated["currency"].as_str()), (Some("Changed"), Some("JPY")));
    let res = owner.send(Method::PATCH, &format!("/api/workspaces/{ws}"), Some(json!({"currency": "XXX1"}))).await;
    let p = problem(res, StatusCode::UNPROCESSABLE_ENTITY, "request.invalid").await;
    assert_eq!(p["errors"][0]["field"], "currency");
}

#[tokio::test]
async fn sign_out_ends_the_session_at_the_next_request() {
    let app = TestApp::spawn().await;
    let (client, _) = app.sign_up(&unique("out")).await;
    let res = client.send(Method::POST, "/api/auth/sign-out", None).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    problem(client.get("/api/me").await, StatusCode::UNAUTHORIZED, "auth.unauthenticated").await;
}

#[tokio::test]
async fn a_stolen_cookie_stops_working_after_sign_out() {
    let app = TestApp::spawn().await;
    let email = unique("stolen");
    app.sign_up(&email).await;
    let (client, res) = app.sign_in(&email, PASSWORD).await;
    let cookie = res.cookies().find(|c| c.name() == "crm_session").map(|c| c.value().to_owned()).expect("cookie");
    client.send(Method::POST, "/api/auth/sign-out", None).await;
    let thief = reqwest::Client::new();
    let res = thief
        .get(format!("{}/api/me", app.base))
        .header("cookie", format!("crm_session={cookie}"))
        .send()
        .await
        .expect("sent");
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn suspension_blocks_the_member_in_that_workspace_only_from_the_next_request() {
    let app = TestApp::spawn().await;
    let (owner, me) = app.sign_up(&unique("owner")).await;
    let ws = workspace_of(&me);
    let email = unique("manager");
    let (_, invitation) = owner
        .json(
            Method::POST,
            &format!("/api/workspaces/{ws}/invitations"),
            Some(json!({"email": email, "role": "manager"})),
        )
        .await;
    let (manager, manager_me) = app
        .sign_up_with(json!({"email": email, "password": PASSWORD, "name": "M", "invitationId": invitation["id"]}))
        .await;
    let manager_id = manager_me["user"]["id"].as_str().expect("id").to_owned();
    assert_eq!(manager_me["workspaces"].as_array().map(Vec::len), Some(1), "joined, no own workspace");
    let (_, own) = manager.json(Method::POST, "/api/workspaces", Some(json!({"name": "Side project"}))).await;
    assert_eq!(manager.get(&format!("/api/workspaces/{ws}/members")).await.status(), StatusCode::OK);

    let (status, member) = owner
        .json(
            Method::PUT,
            &format!("/api/workspaces/{ws}/members/{manager_id}/suspension"),
            Some(json!({"reason": "audit"})),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(member["suspensionReason"], "audit");

    problem(manager.get(&format!("/api/workspaces/{ws}/members")).await, StatusCode::FORBIDDEN, "workspace.suspended")
        .await;
    assert_eq!(
        manager.get(&format!("/api/workspaces/{}", own["id"].as_str().expect("id"))).await.status(),
        StatusCode::OK
    );
    let me: Value = manager.get("/api/me").await.json().await.expect("json");
    assert!(me["workspaces"].as_array().expect("list").iter().any(|w| w["suspended"] == true));

    owner.send(Method::DELETE, &format!("/api/workspaces/{ws}/members/{manager_id}/suspension"), None).await;
    assert_eq!(manager.get(&format!("/api/workspaces/{ws}/members")).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_platform_ban_ends_every_session_and_an_unban_restores_sign_in() {
    let app = TestApp::spawn().await;
    let admin_email = unique("admin");
    let (admin, _) = app.sign_up(&admin_email).await;
    app.cli(&["admin", "grant", "--email", &admin_email]);
    let target_email = unique("target");
    let (target, target_me) = app.sign_up(&target_email).await;
    let target_id = target_me["user"]["id"].as_str().expect("id");

    let page: Value =
        admin.get(&format!("/api/admin/users?q={}", &target_email[..12])).await.json().await.expect("json");
    assert_eq!(page["data"].as_array().map(Vec::len), Some(1));
    let (status, banned) = admin.json(Method::PUT, &format!("/api/admin/users/{target_id}/ban"), None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(banned["bannedAt"].is_string());

    assert_eq!(target.get("/api/me").await.status(), StatusCode::UNAUTHORIZED);
    let (_, res) = app.sign_in(&target_email, PASSWORD).await;
    problem(res, StatusCode::FORBIDDEN, "auth.banned").await;
    admin.send(Method::DELETE, &format!("/api/admin/users/{target_id}/ban"), None).await;
    let (_, res) = app.sign_in(&target_email, PASSWORD).await;
    assert_eq!(res.status(), StatusCode::OK);
}

#[tokio::test]
async fn sign_in_is_rate_limited_per_ip_and_email() {
    let app = TestApp::spawn_with(Spawn { sign_in_attempts: 3, ..Spawn::default() }).await;
    let email = unique("limited");
    app.sign_up(&email).await;
    for _ in 0..3 {
        let (_, res) = app.sign_in(&email, "wrong password!").await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
        assert!(res.headers().get("ratelimit").is_some(), "failed attempts carry RateLimit headers too");
    }
    let (_, res) = app.sign_in(&email, PASSWORD).await;
    assert!(res.headers().get("retry-after").is_some());
    assert_eq!(res.headers().get("ratelimit-policy").and_then(|v| v.to_str().ok()), Some("\"sign-in\";q=3;w=900"));
    problem(res, StatusCode::TOO_MANY_REQUESTS, "auth.rate_limited").await;
    // Another email from the same IP is not affected.
    let other = unique("other");
    app.sign_up(&other).await;
    let (_, res) = app.sign_in(&other, PASSWORD).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers().get("ratelimit").is_some());
}

#[tokio::test]
async fn password_reset_through_the_emailed_link_ends_old_sessions() {
    let app = TestApp::spawn().await;
    let email = unique("reset");
    let (old, _) = app.sign_up(&email).await;
    let anon = app.anonymous();
    let res = anon.send(Method::POST, "/api/auth/password-reset/request", Some(json!({"email": email}))).await;
    assert_eq!(res.status(), StatusCode::ACCEPTED);
    let unknown =
        anon.send(Method::POST, "/api/auth/password-reset/request", Some(json!({"email": unique("ghost")}))).await;
    assert_eq!(unknown.status(), StatusCode::ACCEPTED, "same answer for unknown accounts");
    let mail = wait_for_mail(&email, "reset-password").await.expect("mail");
    let path = link_path(&mail, "/reset-password?token=");
    let token = path.split("token=").nth(1).expect("token");
    let res = anon
        .send(
            Method::POST,
            "/api/auth/password-reset",
            Some(json!({"token": token, "password": "a new long password"})),
        )
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(old.get("/api/me").await.status(), StatusCode::UNAUTHORIZED);
    let (_, res) = app.sign_in(&email, "a new long password").await;
    assert_eq!(res.status(), StatusCode::OK);
}

#[tokio::test]
async fn invitation_link_preview_then_sign_up_joins_with_the_role() {
    let app = TestApp::spawn().await;
    let (owner, me) = app.sign_up(&unique("owner")).await;
    let ws = workspace_of(&me);
    let email = unique("invitee");
    let (status, invitation) = owner
        .json(
            Method::POST,
            &format!("/api/workspaces/{ws}/invitations"),
            Some(json!({"email": email, "role": "viewer"})),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let mail = wait_for_mail(&email, "/invite/").await.expect("invitation mail");
    let path = link_path(&mail, "/invite/");
    assert_eq!(path, format!("/invite/{}", invitation["id"].as_str().expect("id")));

    let preview: Value = app
        .anonymous()
        .get(&format!("/api{}", path.replace("/invite/", "/invitations/")))
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(
        (preview["email"].as_str(), preview["status"].as_str(), preview["accountExists"].as_bool()),
        (Some(email.as_str()), Some("pending"), Some(false))
    );

    let (status, dup) = owner
        .json(
            Method::POST,
            &format!("/api/workspaces/{ws}/invitations"),
            Some(json!({"email": email, "role": "viewer"})),
        )
        .await;
    assert_eq!((status, dup["code"].as_str()), (StatusCode::CONFLICT, Some("invitation.already_pending")));

    let wrong = app.anonymous().send(Method::POST, "/api/auth/sign-up", Some(json!({"email": unique("someone"), "password": PASSWORD, "name": "X", "invitationId": invitation["id"]}))).await;
    problem(wrong, StatusCode::FORBIDDEN, "invitation.email_mismatch").await;

    let (viewer, viewer_me) = app
        .sign_up_with(json!({"email": email, "password": PASSWORD, "name": "Vi", "invitationId": invitation["id"]}))
        .await;
    assert_eq!(viewer_me["user"]["emailVerified"], true);
    assert_eq!(viewer_me["workspaces"][0]["role"], "viewer");
    let res = viewer.send(Method::PATCH, &format!("/api/workspaces/{ws}"), Some(json!({"name": "mine"}))).await;
    problem(res, StatusCode::FORBIDDEN, "auth.forbidden").await;
    let invitations: Value = owner.get(&format!("/api/workspaces/{ws}/invitations")).await.json().await.expect("json");
    assert_eq!(invitations["data"][0]["status"], "accepted");
}

#[tokio::test]
async fn the_last_owner_cannot_step_down() {
    let app = TestApp::spawn().await;
    let (owner, me) = app.sign_up(&unique("owner")).await;
    let (ws, id) = (workspace_of(&me), me["user"]["id"].as_str().expect("id").to_owned());
    let res =
        owner.send(Method::PATCH, &format!("/api/workspaces/{ws}/members/{id}"), Some(json!({"role": "viewer"}))).await;
    problem(res, StatusCode::CONFLICT, "member.last_owner").await;
    let res = owner.send(Method::DELETE, &format!("/api/workspaces/{ws}/members/{id}"), None).await;
    problem(res, StatusCode::CONFLICT, "member.last_owner").await;
}

#[tokio::test]
async fn api_tokens_are_shown_once_work_as_bearer_and_stop_when_revoked() {
    let app = TestApp::spawn().await;
    let (owner, me) = app.sign_up(&unique("owner")).await;
    let ws = workspace_of(&me);
    let (status, created) = owner
        .json(
            Method::POST,
            &format!("/api/workspaces/{ws}/api-tokens"),
            Some(json!({"name": "Shop", "scopes": ["orders:write", "customers:write"]})),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let secret = created["secret"].as_str().expect("secret").to_owned();
    let id = created["token"]["id"].as_str().expect("id").to_owned();
    let list = owner.get(&format!("/api/workspaces/{ws}/api-tokens")).await.text().await.expect("text");
    assert!(!list.contains(&secret), "the secret is never listed");

    let integrator = crate::harness::Client::new(&app.base, Some(secret.clone()));
    let (status, info) = integrator.json(Method::GET, "/api/v1/token", None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(info["workspaceId"], ws.as_str());
    assert_eq!(info["scopes"], json!(["customers:write", "orders:write"]));
    let listed: Value = owner.get(&format!("/api/workspaces/{ws}/api-tokens")).await.json().await.expect("json");
    assert!(listed["data"][0]["lastUsedAt"].is_string());

    let res = owner.send(Method::DELETE, &format!("/api/workspaces/{ws}/api-tokens/{id}"), None).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let res = integrator.get("/api/v1/token").await;
    assert!(res.headers().get("www-authenticate").is_some());
    problem(res, StatusCode::UNAUTHORIZED, "auth.invalid_token").await;

    let res = owner
        .send(
            Method::POST,
            &format!("/api/workspaces/{ws}/api-tokens"),
            Some(json!({"name": "x", "scopes": ["leads:delete"]})),
        )
        .await;
    problem(res, StatusCode::UNPROCESSABLE_ENTITY, "request.invalid_body").await;
}

#[tokio::test]
async fn operators_bootstrap_a_workspace_and_a_token_from_the_cli() {
    let app = TestApp::spawn().await;
    let email = unique("ops");
    let ws = app.cli(&["workspace", "create", "--name", "Ops", "--owner-email", &email, "--owner-password", PASSWORD]);
    let ws = ws.trim();
    assert!(uuid::Uuid::parse_str(ws).is_ok(), "prints the id alone: {ws:?}");
    let token = app.cli(&["token", "create", "--workspace", ws, "--name", "cli", "--scopes", "leads:read,leads:write"]);
    let token = token.trim();
    assert!(token.starts_with("crm_") && !token.contains(char::is_whitespace), "prints the token alone");
    let (status, info) =
        crate::harness::Client::new(&app.base, Some(token.to_owned())).json(Method::GET, "/api/v1/token", None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!((info["workspaceId"].as_str(), info["workspaceName"].as_str()), (Some(ws), Some("Ops")));
    let (_, res) = app.sign_in(&email, PASSWORD).await;
    assert_eq!(res.status(), StatusCode::OK);
}

#[tokio::test]
async fn the_spa_is_served_with_deep_links_and_api_paths_stay_problems() {
    let dir = std::env::temp_dir().join(format!("crm-spa-{}", uuid::Uuid::now_v7().simple()));
    std::fs::create_dir_all(dir.join("assets")).expect("dir");
    std::fs::write(dir.join("index.html"), "<!doctype html><div id=root></div>").expect("index");
    std::fs::write(dir.join("assets/app-123.js"), "console.log(1)").expect("asset");
    let app = TestApp::spawn_with(Spawn { static_dir: Some(dir), ..Spawn::default() }).await;
    let client = app.anonymous();
    let deep = client.get("/w/123/team").await;
    assert_eq!(deep.status(), 200);
    assert!(deep.text().await.expect("html").contains("id=root"));
    let asset = client.get("/assets/app-123.js").await;
    assert!(
        asset.headers().get("cache-control").and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("immutable"))
    );
    problem(client.get("/api/unknown").await, StatusCode::NOT_FOUND, "request.no_route").await;
    assert_eq!(client.get("/../../etc/passwd").await.status(), 200, "traversal falls back to index.html");
}
