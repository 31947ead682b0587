//! Leads over HTTP: the SPA API, the public API, idempotent intake, stale
//! detection as time moves.

use crm_kernel::FixedClock;
use crm_testkit::Backend;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::harness::{Client, Spawn, TestApp, problem};

async fn owner(app: &TestApp) -> (Client, String) {
    let email = format!("owner-{}@example.com", uuid::Uuid::now_v7().simple());
    let (client, me) = app.sign_up(&email).await;
    (client, me["workspaces"][0]["workspaceId"].as_str().expect("ws").to_owned())
}

async fn token(owner: &Client, ws: &str, scopes: &[&str]) -> Client {
    let (status, body) = owner
        .json(Method::POST, &format!("/api/workspaces/{ws}/api-tokens"), Some(json!({"name": "t", "scopes": scopes})))
        .await;
    assert_eq!(status, StatusCode::CREATED);
    Client::new(&owner_base(owner), Some(body["secret"].as_str().expect("secret").to_owned()))
}

fn owner_base(c: &Client) -> String {
    c.base().to_owned()
}

#[tokio::test]
async fn a_lead_moves_through_the_flow_with_precise_refusals() {
    let app = TestApp::spawn().await;
    let (owner, ws) = owner(&app).await;
    let leads = format!("/api/workspaces/{ws}/leads");
    let (status, lead) = owner
        .json(
            Method::POST,
            &leads,
            Some(json!({"name": "Ada", "email": "ADA@Example.com", "source": "referral", "tags": ["VIP"]})),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{lead}");
    assert_eq!(
        (lead["email"].as_str(), lead["status"].as_str(), lead["tags"][0].as_str()),
        (Some("ada@example.com"), Some("new"), Some("vip"))
    );
    assert!(lead["score"]["items"].as_array().is_some_and(|i| !i.is_empty()));
    let url = format!("{leads}/{}", lead["id"].as_str().expect("id"));

    let res = owner.send(Method::PATCH, &url, Some(json!({"status": "qualified"}))).await;
    let p = problem(res, StatusCode::UNPROCESSABLE_ENTITY, "request.invalid").await;
    assert_eq!(
        (p["errors"][0]["field"].as_str(), p["errors"][0]["code"].as_str()),
        (Some("nextActionDate"), Some("required"))
    );

    let (status, qualified) = owner
        .json(
            Method::PATCH,
            &url,
            Some(json!({"status": "qualified", "nextActionDate": "2026-12-01", "nextActionText": "Call"})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{qualified}");
    assert_eq!(qualified["status"], "qualified");

    let res = owner.send(Method::PATCH, &url, Some(json!({"status": "new"}))).await;
    problem(res, StatusCode::UNPROCESSABLE_ENTITY, "lead.invalid_transition").await;
    let res = owner.send(Method::PATCH, &url, Some(json!({"status": "converted"}))).await;
    problem(res, StatusCode::UNPROCESSABLE_ENTITY, "request.invalid_body").await;
    let res = owner.send(Method::PATCH, &url, Some(json!({"status": "won"}))).await;
    problem(res, StatusCode::UNPROCESSABLE_ENTITY, "request.invalid_body").await;

    let (_, timeline) = owner.json(Method::GET, &format!("{url}/timeline"), None).await;
    let actions: Vec<&str> =
        timeline["data"].as_array().expect("data").iter().filter_map(|e| e["event"]["action"].as_str()).collect();
    assert_eq!(actions, ["lead.status_changed", "lead.created"]);
    let (_, feed) = owner.json(Method::GET, &format!("/api/workspaces/{ws}/audit-events"), None).await;
    assert_eq!(feed["data"][0]["entityId"], lead["id"]);
}

#[tokio::test]
async fn bad_lead_input_is_refused_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let (owner, ws) = owner(&app).await;
    let (_, other_ws) = {
        let (_, me) = app.sign_up(&format!("other-{}@example.com", uuid::Uuid::now_v7().simple())).await;
        (0, me)
    };
    let stranger = other_ws["user"]["id"].as_str().expect("id");
    let leads = format!("/api/workspaces/{ws}/leads");
    let res = owner
        .send(Method::POST, &leads, Some(json!({"name": "A", "email": "x", "phone": "12", "source": "nope"})))
        .await;
    let p = problem(res, StatusCode::UNPROCESSABLE_ENTITY, "request.invalid").await;
    let fields: Vec<&str> =
        p["errors"].as_array().expect("errors").iter().filter_map(|e| e["field"].as_str()).collect();
    assert_eq!(fields, ["email", "phone", "source"], "every bad field in one response");
    let res = owner.send(Method::POST, &leads, Some(json!({"name": "A", "source": "billboard"}))).await;
    let p = problem(res, StatusCode::UNPROCESSABLE_ENTITY, "request.invalid").await;
    assert_eq!(p["errors"][0]["code"], "unknown_source");
    let res = owner.send(Method::POST, &leads, Some(json!({"name": "A", "assigneeId": stranger}))).await;
    problem(res, StatusCode::NOT_FOUND, "lead.assignee_not_found").await;
    let res = owner.get(&format!("{leads}?limit=500")).await;
    problem(res, StatusCode::UNPROCESSABLE_ENTITY, "request.invalid").await;
    let res = owner.get(&format!("{leads}?color=red")).await;
    problem(res, StatusCode::UNPROCESSABLE_ENTITY, "request.invalid_query").await;
    let res = owner.get(&format!("{leads}?status=won")).await;
    problem(res, StatusCode::UNPROCESSABLE_ENTITY, "request.invalid_query").await;
    let (_, page) = owner.json(Method::GET, &leads, None).await;
    assert_eq!(page["data"].as_array().map(Vec::len), Some(0), "nothing was written");
}

#[tokio::test]
async fn search_filters_and_sort_find_the_right_leads() {
    let app = TestApp::spawn().await;
    let (owner, ws) = owner(&app).await;
    let leads = format!("/api/workspaces/{ws}/leads");
    for (name, company, source) in
        [("Ada", "Initech", "website"), ("Bob", "Globex", "referral"), ("Cy", "Initech", "event")]
    {
        let (status, _) =
            owner.json(Method::POST, &leads, Some(json!({"name": name, "company": company, "source": source}))).await;
        assert_eq!(status, StatusCode::CREATED);
    }
    let names = |page: &Value| -> Vec<String> {
        page["data"].as_array().expect("data").iter().filter_map(|l| l["name"].as_str().map(str::to_owned)).collect()
    };
    let (_, page) = owner.json(Method::GET, &format!("{leads}?q=INITECH&sort=name"), None).await;
    assert_eq!(names(&page), ["Ada", "Cy"]);
    let (_, page) = owner.json(Method::GET, &format!("{leads}?source=referral"), None).await;
    assert_eq!(names(&page), ["Bob"]);
    let (_, first) = owner.json(Method::GET, &format!("{leads}?sort=-name&limit=2"), None).await;
    assert_eq!(names(&first), ["Cy", "Bob"]);
    let cursor = first["nextCursor"].as_str().expect("more");
    let (_, second) = owner.json(Method::GET, &format!("{leads}?sort=-name&limit=2&cursor={cursor}"), None).await;
    assert_eq!(names(&second), ["Ada"]);
    assert_eq!(second["nextCursor"], Value::Null);
    let res = owner.get(&format!("{leads}?sort=name&cursor={cursor}")).await;
    problem(res, StatusCode::UNPROCESSABLE_ENTITY, "request.invalid").await;
}

#[tokio::test]
async fn leads_go_stale_when_time_moves() {
    let clock = FixedClock::at(time::OffsetDateTime::now_utc());
    let app = TestApp::spawn_with(Spawn { clock: Some(clock.clone()), ..Spawn::default() }).await;
    let (owner, ws) = owner(&app).await;
    let leads = format!("/api/workspaces/{ws}/leads");
    let (_, lead) = owner.json(Method::POST, &leads, Some(json!({"name": "Quiet"}))).await;
    assert_eq!(lead["stale"], false);
    let (_, page) = owner.json(Method::GET, &format!("{leads}?stale=true"), None).await;
    assert_eq!(page["data"].as_array().map(Vec::len), Some(0));
    clock.advance(time::Duration::days(8));
    let (_, page) = owner.json(Method::GET, &format!("{leads}?stale=true"), None).await;
    assert_eq!(page["data"][0]["id"], lead["id"]);
    assert!(page["data"][0]["score"]["value"].as_u64() < lead["score"]["value"].as_u64(), "score decayed");
}

/// A lead worked through calls: each logged (or completed) activity counts
/// as activity, so the score does not decay and the lead does not go stale.
async fn a_logged_call_keeps_a_lead_from_decaying(backend: Backend) {
    let clock = FixedClock::at(time::OffsetDateTime::now_utc());
    let app = TestApp::spawn_with(Spawn { backend, clock: Some(clock.clone()), ..Spawn::default() }).await;
    let (owner, ws) = owner(&app).await;
    let leads = format!("/api/workspaces/{ws}/leads");
    let (_, lead) = owner.json(Method::POST, &leads, Some(json!({"name": "Worked by phone"}))).await;
    let url = format!("{leads}/{}", lead["id"].as_str().expect("id"));
    let fresh = lead["score"]["value"].as_u64();
    let call = json!({"type": "call", "subject": "Follow-up call", "leadId": lead["id"]});
    for _ in 0..4 {
        clock.advance(time::Duration::days(2));
        let (status, logged) =
            owner.json(Method::POST, &format!("/api/workspaces/{ws}/activities"), Some(call.clone())).await;
        assert_eq!(status, StatusCode::CREATED, "{logged}");
    }
    let (_, worked) = owner.json(Method::GET, &url, None).await;
    assert_eq!(worked["score"]["value"].as_u64(), fresh, "8 days of calls: no decay, {worked}");
    assert_eq!(worked["stale"], false);
    assert_eq!(worked["lastActivityAt"], worked["updatedAt"]);

    // A task planned on day 8 and completed on day 12 is work on day 12.
    let (_, task) = owner
        .json(
            Method::POST,
            &format!("/api/workspaces/{ws}/activities"),
            Some(json!({"type": "task", "subject": "Send the offer", "leadId": lead["id"]})),
        )
        .await;
    clock.advance(time::Duration::days(4));
    let (_, idle) = owner.json(Method::GET, &url, None).await;
    assert!(idle["score"]["value"].as_u64() < fresh, "4 idle days decay: {idle}");
    let completion = format!("/api/workspaces/{ws}/activities/{}/completion", task["id"].as_str().expect("id"));
    let res = owner.send(Method::PUT, &completion, None).await;
    assert_eq!(res.status(), StatusCode::OK);
    let (_, completed) = owner.json(Method::GET, &url, None).await;
    assert_eq!(completed["score"]["value"].as_u64(), fresh, "completing the task is activity: {completed}");
}

#[tokio::test]
async fn a_logged_call_keeps_a_lead_from_decaying_on_sqlite() {
    a_logged_call_keeps_a_lead_from_decaying(Backend::Sqlite).await;
}

#[tokio::test]
async fn a_logged_call_keeps_a_lead_from_decaying_on_postgres() {
    a_logged_call_keeps_a_lead_from_decaying(Backend::Postgres).await;
}

#[tokio::test]
async fn public_intake_needs_the_scope_and_is_idempotent() {
    let app = TestApp::spawn().await;
    let (owner, ws) = owner(&app).await;
    let reader = token(&owner, &ws, &["leads:read"]).await;
    let writer = token(&owner, &ws, &["leads:write", "leads:read"]).await;
    let res = reader.send(Method::POST, "/api/v1/leads", Some(json!({"name": "X"}))).await;
    problem(res, StatusCode::FORBIDDEN, "auth.insufficient_scope").await;

    let body = json!({"name": "From the shop", "email": "buyer@shop.test", "source": "website"});
    let first = writer.send_with_key(Method::POST, "/api/v1/leads", body.clone(), "order-42").await;
    assert_eq!(first.status(), StatusCode::CREATED);
    let first: Value = first.json().await.expect("json");
    let again = writer.send_with_key(Method::POST, "/api/v1/leads", body.clone(), "order-42").await;
    assert_eq!(again.status(), StatusCode::CREATED);
    assert_eq!(again.headers().get("idempotent-replayed").and_then(|v| v.to_str().ok()), Some("true"));
    let again: Value = again.json().await.expect("json");
    assert_eq!(again["id"], first["id"]);
    let res = writer.send_with_key(Method::POST, "/api/v1/leads", json!({"name": "Other"}), "order-42").await;
    problem(res, StatusCode::UNPROCESSABLE_ENTITY, "idempotency.key_reused").await;
    let res = writer.send_with_key(Method::POST, "/api/v1/leads", body.clone(), "bad key with spaces").await;
    problem(res, StatusCode::UNPROCESSABLE_ENTITY, "request.invalid").await;

    // Concurrent duplicates: exactly one lead, the others replay or wait.
    let attempts =
        (0..6).map(|_| writer.send_with_key(Method::POST, "/api/v1/leads", json!({"name": "Burst"}), "burst-1"));
    let statuses: Vec<StatusCode> =
        futures::future::join_all(attempts).await.iter().map(reqwest::Response::status).collect();
    assert!(statuses.iter().all(|s| *s == StatusCode::CREATED || *s == StatusCode::CONFLICT), "{statuses:?}");
    let (_, page) = reader.json(Method::GET, "/api/v1/leads?q=burst", None).await;
    assert_eq!(page["data"].as_array().map(Vec::len), Some(1), "one lead despite {statuses:?}");
    let (_, page) = reader.json(Method::GET, "/api/v1/leads?q=shop", None).await;
    assert_eq!(page["data"].as_array().map(Vec::len), Some(1));
    let (status, one) =
        reader.json(Method::GET, &format!("/api/v1/leads/{}", first["id"].as_str().expect("id")), None).await;
    assert_eq!((status, one["name"].as_str()), (StatusCode::OK, Some("From the shop")));
}

#[tokio::test]
async fn owners_manage_custom_sources_and_archived_ones_are_not_offered() {
    let app = TestApp::spawn().await;
    let (owner, ws) = owner(&app).await;
    let sources = format!("/api/workspaces/{ws}/lead-sources");
    let (status, _) =
        owner.json(Method::POST, &sources, Some(json!({"slug": "trade_fair", "label": "Trade fair"}))).await;
    assert_eq!(status, StatusCode::CREATED);
    let res = owner.send(Method::POST, &sources, Some(json!({"slug": "trade_fair", "label": "Again"}))).await;
    problem(res, StatusCode::CONFLICT, "lead_source.exists").await;
    let (_, lead) = owner
        .json(Method::POST, &format!("/api/workspaces/{ws}/leads"), Some(json!({"name": "A", "source": "trade_fair"})))
        .await;
    let (status, archived) = owner.json(Method::PUT, &format!("{sources}/trade_fair/archived"), None).await;
    assert_eq!((status, archived["archived"].as_bool()), (StatusCode::OK, Some(true)));
    let res = owner
        .send(Method::POST, &format!("/api/workspaces/{ws}/leads"), Some(json!({"name": "B", "source": "trade_fair"})))
        .await;
    let p = problem(res, StatusCode::UNPROCESSABLE_ENTITY, "request.invalid").await;
    assert_eq!(p["errors"][0]["code"], "archived_source");
    let (_, kept) = owner
        .json(Method::GET, &format!("/api/workspaces/{ws}/leads/{}", lead["id"].as_str().expect("id")), None)
        .await;
    assert_eq!(kept["source"], "trade_fair");
    let res = owner.send(Method::PUT, &format!("{sources}/website/archived"), None).await;
    problem(res, StatusCode::NOT_FOUND, "lead_source.not_found").await;
    let (_, list) = owner.json(Method::GET, &sources, None).await;
    assert_eq!(list["data"].as_array().map(Vec::len), Some(9));
}
