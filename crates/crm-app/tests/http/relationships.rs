//! Contacts, companies and activities over HTTP: duplicates surfaced, email
//! uniqueness, links validated, append-only activities, notifications on
//! reassignment, timelines in order.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::harness::{Client, PASSWORD, TestApp, problem};

async fn sign_up_owner(app: &TestApp) -> (Client, String, String) {
    let email = format!("owner-{}@example.com", uuid::Uuid::now_v7().simple());
    let (client, me) = app.sign_up(&email).await;
    (
        client,
        me["workspaces"][0]["workspaceId"].as_str().expect("ws").to_owned(),
        me["user"]["id"].as_str().expect("id").to_owned(),
    )
}

#[tokio::test]
async fn possible_duplicate_companies_are_surfaced_not_merged() {
    let app = TestApp::spawn().await;
    let (owner, ws, _) = sign_up_owner(&app).await;
    let companies = format!("/api/workspaces/{ws}/companies");
    let (status, acme) = owner
        .json(Method::POST, &companies, Some(json!({"name": "Acme, Inc.", "website": "https://www.acme.test/about"})))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{acme}");
    assert_eq!(acme["domain"], "acme.test");

    let res = owner.send(Method::POST, &companies, Some(json!({"name": "ACME"}))).await;
    let p = problem(res, StatusCode::CONFLICT, "company.possible_duplicate").await;
    assert_eq!(
        (p["duplicates"][0]["id"].as_str(), p["duplicates"][0]["reason"].as_str()),
        (acme["id"].as_str(), Some("name"))
    );
    let res =
        owner.send(Method::POST, &companies, Some(json!({"name": "Totally different", "domain": "ACME.test"}))).await;
    let p = problem(res, StatusCode::CONFLICT, "company.possible_duplicate").await;
    assert_eq!(p["duplicates"][0]["reason"], "domain");

    let (_, live) =
        owner.json(Method::GET, &format!("/api/workspaces/{ws}/company-duplicates?name=acme%20llc"), None).await;
    assert_eq!(live["data"].as_array().map(Vec::len), Some(1));
    let (status, twin) =
        owner.json(Method::POST, &companies, Some(json!({"name": "ACME", "confirmDuplicate": true}))).await;
    assert_eq!(status, StatusCode::CREATED, "created anyway when confirmed: {twin}");
    let (_, page) = owner.json(Method::GET, &format!("{companies}?q=acme&sort=name"), None).await;
    assert_eq!(page["data"].as_array().map(Vec::len), Some(2));
}

#[tokio::test]
async fn contact_emails_are_unique_per_workspace_case_insensitively() {
    let app = TestApp::spawn().await;
    let (owner, ws, _) = sign_up_owner(&app).await;
    let contacts = format!("/api/workspaces/{ws}/contacts");
    let (status, grace) =
        owner.json(Method::POST, &contacts, Some(json!({"name": "Grace", "email": "grace@navy.test"}))).await;
    assert_eq!(status, StatusCode::CREATED);
    let res = owner.send(Method::POST, &contacts, Some(json!({"name": "Other", "email": "GRACE@navy.test"}))).await;
    let p = problem(res, StatusCode::CONFLICT, "contact.email_taken").await;
    assert_eq!((p["existing"]["id"].as_str(), p["existing"]["name"].as_str()), (grace["id"].as_str(), Some("Grace")));
    let (_, other) = owner.json(Method::POST, &contacts, Some(json!({"name": "Other"}))).await;
    let res = owner
        .send(
            Method::PATCH,
            &format!("{contacts}/{}", other["id"].as_str().expect("id")),
            Some(json!({"email": "grace@navy.test"})),
        )
        .await;
    problem(res, StatusCode::CONFLICT, "contact.email_taken").await;
    // Another workspace may have the same email.
    let (other_owner, other_ws, _) = sign_up_owner(&app).await;
    let (status, _) = other_owner
        .json(
            Method::POST,
            &format!("/api/workspaces/{other_ws}/contacts"),
            Some(json!({"name": "G", "email": "grace@navy.test"})),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
}

#[tokio::test]
async fn contacts_are_found_by_their_company_name_and_filtered_by_tag() {
    let app = TestApp::spawn().await;
    let (owner, ws, _) = sign_up_owner(&app).await;
    let (_, initech) =
        owner.json(Method::POST, &format!("/api/workspaces/{ws}/companies"), Some(json!({"name": "Initech"}))).await;
    let contacts = format!("/api/workspaces/{ws}/contacts");
    owner
        .json(Method::POST, &contacts, Some(json!({"name": "Peter", "companyId": initech["id"], "tags": ["tps"]})))
        .await;
    owner.json(Method::POST, &contacts, Some(json!({"name": "Milton", "tags": ["stapler", "tps-report"]}))).await;
    let names = |v: &Value| -> Vec<String> {
        v["data"].as_array().expect("data").iter().filter_map(|c| c["name"].as_str().map(str::to_owned)).collect()
    };
    let (_, by_company) = owner.json(Method::GET, &format!("{contacts}?q=initech"), None).await;
    assert_eq!(names(&by_company), ["Peter"]);
    assert_eq!(by_company["data"][0]["company"]["name"], "Initech");
    let (_, by_tag) = owner.json(Method::GET, &format!("{contacts}?tag=tps"), None).await;
    assert_eq!(names(&by_tag), ["Peter"], "a whole tag matches, not a prefix");
    let (_, key) = owner
        .json(
            Method::GET,
            &format!("/api/workspaces/{ws}/companies/{}/contacts", initech["id"].as_str().expect("id")),
            None,
        )
        .await;
    assert_eq!(names(&key), ["Peter"]);
}

#[tokio::test]
async fn activities_are_append_only_and_completion_is_recorded() {
    let app = TestApp::spawn().await;
    let (owner, ws, _) = sign_up_owner(&app).await;
    let (_, contact) =
        owner.json(Method::POST, &format!("/api/workspaces/{ws}/contacts"), Some(json!({"name": "Ada"}))).await;
    let activities = format!("/api/workspaces/{ws}/activities");
    let (status, task) = owner
        .json(Method::POST, &activities, Some(json!({"type": "task", "subject": "Send deck", "priority": "high", "dueAt": "2020-01-01T09:00:00Z", "contactId": contact["id"]})))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{task}");
    assert_eq!(task["overdue"], true);
    let url = format!("{activities}/{}", task["id"].as_str().expect("id"));

    let res = owner.send(Method::DELETE, &url, None).await;
    assert_eq!(res.status(), StatusCode::METHOD_NOT_ALLOWED, "no delete: activities are append-only");
    let (_, overdue) = owner.json(Method::GET, &format!("{activities}?overdue=true"), None).await;
    assert_eq!(overdue["data"].as_array().map(Vec::len), Some(1));

    let (status, done) = owner.json(Method::PUT, &format!("{url}/completion"), None).await;
    assert_eq!((status, done["overdue"].as_bool()), (StatusCode::OK, Some(false)));
    assert!(done["completedAt"].is_string());
    let res = owner.send(Method::PUT, &format!("{url}/completion"), None).await;
    problem(res, StatusCode::CONFLICT, "activity.already_in_state").await;
    let (status, reopened) = owner.json(Method::DELETE, &format!("{url}/completion"), None).await;
    assert_eq!((status, reopened["completedAt"].is_null()), (StatusCode::OK, true));

    let (_, timeline) = owner
        .json(
            Method::GET,
            &format!("/api/workspaces/{ws}/contacts/{}/timeline", contact["id"].as_str().expect("id")),
            None,
        )
        .await;
    let kinds: Vec<&str> =
        timeline["data"].as_array().expect("data").iter().filter_map(|i| i["kind"].as_str()).collect();
    assert_eq!(kinds, ["activity", "event"], "the task, then the contact's creation");
    let (_, feed) = owner.json(Method::GET, &format!("/api/workspaces/{ws}/audit-events"), None).await;
    let actions: Vec<&str> =
        feed["data"].as_array().expect("data").iter().filter_map(|e| e["action"].as_str()).collect();
    assert_eq!(&actions[..3], ["activity.reopened", "activity.completed", "activity.created"]);
}

#[tokio::test]
async fn bad_activity_input_is_refused_precisely() {
    let app = TestApp::spawn().await;
    let (owner, ws, _) = sign_up_owner(&app).await;
    let activities = format!("/api/workspaces/{ws}/activities");
    let res = owner.send(Method::POST, &activities, Some(json!({"type": "fax", "subject": "x"}))).await;
    problem(res, StatusCode::UNPROCESSABLE_ENTITY, "request.invalid_body").await;
    let res =
        owner.send(Method::POST, &activities, Some(json!({"type": "call", "subject": "x", "dueAt": "tomorrow"}))).await;
    let p = problem(res, StatusCode::UNPROCESSABLE_ENTITY, "request.invalid_body").await;
    assert!(
        p["detail"].as_str().unwrap_or_default().contains("dueAt")
            || p["detail"].as_str().unwrap_or_default().contains("date"),
        "{p}"
    );
    let res = owner.send(Method::POST, &activities, Some(json!({"type": "call"}))).await;
    let p = problem(res, StatusCode::UNPROCESSABLE_ENTITY, "request.invalid").await;
    assert_eq!(p["errors"][0]["field"], "subject");
    let res = owner
        .send(Method::POST, &activities, Some(json!({"type": "call", "subject": "x", "leadId": uuid::Uuid::now_v7()})))
        .await;
    problem(res, StatusCode::NOT_FOUND, "activity.link_not_found").await;
    let (_, page) = owner.json(Method::GET, &activities, None).await;
    assert_eq!(page["data"].as_array().map(Vec::len), Some(0), "nothing written");
}

#[tokio::test]
async fn assigning_to_someone_else_notifies_them_but_self_assignment_does_not() {
    let app = TestApp::spawn().await;
    let (owner, ws, owner_id) = sign_up_owner(&app).await;
    let email = format!("mate-{}@example.com", uuid::Uuid::now_v7().simple());
    let (_, invitation) = owner
        .json(
            Method::POST,
            &format!("/api/workspaces/{ws}/invitations"),
            Some(json!({"email": email, "role": "manager"})),
        )
        .await;
    let (_, mate) = app
        .sign_up_with(json!({"email": email, "password": PASSWORD, "name": "Mate", "invitationId": invitation["id"]}))
        .await;
    let mate_id = mate["user"]["id"].as_str().expect("id").to_owned();
    let activities = format!("/api/workspaces/{ws}/activities");
    let (_, mine) = owner
        .json(Method::POST, &activities, Some(json!({"type": "task", "subject": "Mine", "assigneeId": owner_id})))
        .await;
    let (_, theirs) = owner
        .json(Method::POST, &activities, Some(json!({"type": "task", "subject": "Theirs", "assigneeId": mate_id})))
        .await;
    // Reassigning mine to the mate notifies once; re-saving the same assignee does not.
    let mine_url = format!("{activities}/{}", mine["id"].as_str().expect("id"));
    owner.json(Method::PATCH, &mine_url, Some(json!({"assigneeId": mate_id}))).await;
    owner.json(Method::PATCH, &mine_url, Some(json!({"assigneeId": mate_id, "subject": "Mine, renamed"}))).await;

    let db = crm_store::connect(&app.database_url).await.expect("db");
    let scope = crm_kernel::Scope::for_test(
        ws.parse().expect("ws"),
        crm_kernel::Actor::User { id: owner_id.parse().expect("id"), role: crm_kernel::Role::Owner },
    );
    let for_mate =
        crm_store::notifications::notifications_for(&db, &scope, mate_id.parse().expect("id")).await.expect("read");
    let titles: Vec<&str> = for_mate.iter().map(|(_, _, t)| t.as_str()).collect();
    assert_eq!(titles, ["Mine", "Theirs"], "newest first, one per reassignment");
    assert!(for_mate.iter().all(|(kind, _, _)| kind == "activity.assigned"));
    assert_eq!(for_mate[1].1.to_string(), theirs["id"].as_str().expect("id"));
    let for_owner =
        crm_store::notifications::notifications_for(&db, &scope, owner_id.parse().expect("id")).await.expect("read");
    assert!(for_owner.is_empty(), "assigning to yourself signals nothing");
}

#[tokio::test]
async fn the_member_summary_counts_open_work() {
    let app = TestApp::spawn().await;
    let (owner, ws, owner_id) = sign_up_owner(&app).await;
    let activities = format!("/api/workspaces/{ws}/activities");
    owner
        .json(
            Method::POST,
            &activities,
            Some(json!({"type": "task", "subject": "Late", "assigneeId": owner_id, "dueAt": "2020-01-01T00:00:00Z"})),
        )
        .await;
    owner
        .json(Method::POST, &activities, Some(json!({"type": "call", "subject": "Soon", "assigneeId": owner_id})))
        .await;
    let (_, done) = owner
        .json(Method::POST, &activities, Some(json!({"type": "task", "subject": "Done", "assigneeId": owner_id})))
        .await;
    owner.json(Method::PUT, &format!("{activities}/{}/completion", done["id"].as_str().expect("id")), None).await;
    owner
        .json(
            Method::POST,
            &format!("/api/workspaces/{ws}/leads"),
            Some(json!({"name": "Mine", "assigneeId": owner_id})),
        )
        .await;
    owner
        .json(
            Method::POST,
            &format!("/api/workspaces/{ws}/leads"),
            Some(json!({"name": "Dropped", "assigneeId": owner_id, "status": "unqualified"})),
        )
        .await;
    let (status, summary) =
        owner.json(Method::GET, &format!("/api/workspaces/{ws}/members/{owner_id}/summary"), None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        (summary["openActivities"].as_u64(), summary["overdueActivities"].as_u64(), summary["activeLeads"].as_u64()),
        (Some(2), Some(1), Some(1))
    );
    let res = owner.get(&format!("/api/workspaces/{ws}/members/{}/summary", uuid::Uuid::now_v7())).await;
    problem(res, StatusCode::NOT_FOUND, "member.not_found").await;
}
