//! Notifications over HTTP: the bell (assignment signals, own rows only,
//! mark read), digest preferences (owners/managers), and the daily digest
//! sent at most once by racing `crm digest run` processes to a real SMTP
//! server.

use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::harness::{Client, PASSWORD, Spawn, TestApp, problem};

async fn owner(app: &TestApp, tag: &str) -> (Client, String, String) {
    let email = format!("{tag}-{}@example.com", uuid::Uuid::now_v7().simple());
    let (client, me) = app.sign_up(&email).await;
    (
        client,
        me["workspaces"][0]["workspaceId"].as_str().expect("ws").to_owned(),
        me["user"]["id"].as_str().expect("id").to_owned(),
    )
}

/// Invites and signs up a member; returns (client, user id, email).
async fn member(app: &TestApp, owner: &Client, ws: &str, role: &str) -> (Client, String, String) {
    let email = format!("{role}-{}@example.com", uuid::Uuid::now_v7().simple());
    let (status, inv) = owner
        .json(Method::POST, &format!("/api/workspaces/{ws}/invitations"), Some(json!({"email": email, "role": role})))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{inv}");
    let (client, me) =
        app.sign_up_with(json!({"email": email, "password": PASSWORD, "name": role, "invitationId": inv["id"]})).await;
    (client, me["user"]["id"].as_str().expect("id").to_owned(), email)
}

async fn unread(client: &Client, ws: &str) -> u64 {
    let (status, body) =
        client.json(Method::GET, &format!("/api/workspaces/{ws}/notifications/unread-count"), None).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["capped"], false);
    body["count"].as_u64().expect("count")
}

#[tokio::test]
async fn assigning_a_lead_to_another_member_rings_only_their_bell() {
    let app = TestApp::spawn().await;
    let (owner_c, ws, owner_id) = owner(&app, "owner").await;
    let (mate, mate_id, _) = member(&app, &owner_c, &ws, "manager").await;
    let leads = format!("/api/workspaces/{ws}/leads");
    let (_, lead) = owner_c.json(Method::POST, &leads, Some(json!({"name": "Ada", "assigneeId": mate_id}))).await;
    let (_, mine) = owner_c.json(Method::POST, &leads, Some(json!({"name": "Mine", "assigneeId": owner_id}))).await;
    assert!(mine["id"].is_string(), "self-assigned lead created");

    assert_eq!(unread(&mate, &ws).await, 1);
    assert_eq!(unread(&owner_c, &ws).await, 0, "assigning to yourself signals nothing");
    let (status, bell) = mate.json(Method::GET, &format!("/api/workspaces/{ws}/notifications?unread=true"), None).await;
    assert_eq!(status, StatusCode::OK);
    let n = &bell["data"][0];
    assert_eq!((n["kind"].as_str(), n["entityType"].as_str()), (Some("lead.assigned"), Some("lead")));
    assert_eq!((n["entityId"].as_str(), n["title"].as_str()), (lead["id"].as_str(), Some("Ada")));
    assert!(n["readAt"].is_null());
    assert!(bell["nextCursor"].is_null());

    let read_path = format!("/api/workspaces/{ws}/notifications/{}/read", n["id"].as_str().expect("id"));
    problem(owner_c.send(Method::POST, &read_path, None).await, StatusCode::NOT_FOUND, "notification.not_found").await;
    assert_eq!(unread(&mate, &ws).await, 1, "another member cannot mark it");
    let (status, read) = mate.json(Method::POST, &read_path, None).await;
    assert_eq!(status, StatusCode::OK, "{read}");
    assert!(read["readAt"].is_string());
    assert_eq!(unread(&mate, &ws).await, 0);

    // Reassigning to the same member again signals nothing new; a
    // different record does, and read-all clears it.
    let (_, other) = owner_c.json(Method::POST, &leads, Some(json!({"name": "Bob"}))).await;
    let patch = format!("{leads}/{}", other["id"].as_str().expect("id"));
    let (status, _) = owner_c.json(Method::PATCH, &patch, Some(json!({"assigneeId": mate_id}))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(unread(&mate, &ws).await, 1);
    let (status, all) = mate.json(Method::POST, &format!("/api/workspaces/{ws}/notifications/read-all"), None).await;
    assert_eq!((status, all["updated"].as_u64()), (StatusCode::OK, Some(1)));
    assert_eq!(unread(&mate, &ws).await, 0);
    let (_, everything) = mate.json(Method::GET, &format!("/api/workspaces/{ws}/notifications?limit=1"), None).await;
    assert_eq!(everything["data"].as_array().map(Vec::len), Some(1));
    let cursor = everything["nextCursor"].as_str().expect("a second page");
    let (_, second) =
        mate.json(Method::GET, &format!("/api/workspaces/{ws}/notifications?limit=1&cursor={cursor}"), None).await;
    assert_eq!(second["data"][0]["title"], "Ada", "newest first: Bob, then Ada");
}

#[tokio::test]
async fn only_owners_and_managers_choose_the_digest_signals() {
    let app = TestApp::spawn().await;
    let (owner_c, ws, _) = owner(&app, "owner").await;
    let (viewer, _, _) = member(&app, &owner_c, &ws, "viewer").await;
    let (manager, _, _) = member(&app, &owner_c, &ws, "manager").await;
    let path = format!("/api/workspaces/{ws}/settings/notifications");
    let (status, defaults) = viewer.json(Method::GET, &path, None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(defaults, json!({"overdueActivities": true, "staleLeads": true, "staleDeals": true, "updatedAt": null}));
    let off = json!({"overdueActivities": true, "staleLeads": false, "staleDeals": true});
    problem(viewer.send(Method::PUT, &path, Some(off.clone())).await, StatusCode::FORBIDDEN, "auth.forbidden").await;
    let (status, saved) = manager.json(Method::PUT, &path, Some(off)).await;
    assert_eq!(status, StatusCode::OK, "{saved}");
    let (_, read) = viewer.json(Method::GET, &path, None).await;
    assert_eq!(read["staleLeads"], false);
    assert!(read["updatedAt"].is_string());
    let res = manager.send(Method::PUT, &path, Some(json!({"staleLeads": false}))).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "PUT replaces the whole set");
}

/// Digest emails the sink received for `address` (the SMTP envelope
/// recipient; its invitation email does not count).
fn received_for(address: &str) -> Vec<String> {
    let dir = crm_testkit::maildir().expect("the test command starts an SMTP sink").join("new");
    let mut found = Vec::new();
    for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
        let raw = std::fs::read_to_string(entry.path()).unwrap_or_default();
        let raw = raw.replace("=\r\n", "").replace("=\n", "").replace("=3D", "=");
        if raw.lines().any(|l| l.starts_with("X-RcptTo:") && l.contains(address)) && raw.contains("here is your digest")
        {
            found.push(raw);
        }
    }
    found
}

/// Starts `n` `crm digest run` processes at once against the app's
/// database (each its own pool, like separate nodes) and waits for all.
fn race_digest_runs(app: &TestApp, n: usize, date: &str) -> Vec<String> {
    let port = crm_testkit::smtp_port().expect("sink port").to_string();
    let children: Vec<_> = (0..n)
        .map(|_| {
            std::process::Command::new(env!("CARGO_BIN_EXE_crm"))
                .args(["digest", "run", "--date", date])
                .env("DATABASE_URL", &app.database_url)
                .env("CRM_DATA_DIR", &app.data_dir)
                .env("CRM_PUBLIC_URL", "http://crm.test")
                .env("CRM_SMTP_HOST", "127.0.0.1")
                .env("CRM_SMTP_PORT", &port)
                .env("CRM_SMTP_TLS", "none")
                .env("CRM_LOG", "warn")
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("crm starts")
        })
        .collect();
    children
        .into_iter()
        .map(|child| {
            let out = child.wait_with_output().expect("crm finishes");
            assert!(out.status.success(), "crm digest run: {}", String::from_utf8_lossy(&out.stderr));
            String::from_utf8(out.stdout).expect("utf-8")
        })
        .collect()
}

fn sent_total(outputs: &[String]) -> u64 {
    outputs
        .iter()
        .map(|o| {
            let after = o.split("sent ").nth(1).expect("summary line");
            after.split(',').next().and_then(|n| n.trim().parse::<u64>().ok()).expect("a count")
        })
        .sum()
}

async fn digest_is_sent_at_most_once_when_runs_race(backend: crm_testkit::Backend) {
    let app = TestApp::spawn_with(Spawn { backend, ..Spawn::default() }).await;
    let (owner_a, ws_a, _) = owner(&app, "digest-owner-a").await;
    let (_, mate_id, mate_email) = member(&app, &owner_a, &ws_a, "manager").await;
    let (owner_b, ws_b, owner_b_id) = owner(&app, "digest-owner-b").await;
    let (_, me_b) = owner_b.json(Method::GET, "/api/me", None).await;
    let owner_b_email = me_b["user"]["email"].as_str().expect("email").to_owned();
    let yesterday = (time::OffsetDateTime::now_utc() - time::Duration::days(1)).date().to_string();
    let an_hour_ago = time::OffsetDateTime::now_utc() - time::Duration::hours(1);
    let an_hour_ago = an_hour_ago.format(&time::format_description::well_known::Rfc3339).expect("rfc3339");
    let activities = |ws: &str| format!("/api/workspaces/{ws}/activities");
    let (status, act) = owner_a
        .json(
            Method::POST,
            &activities(&ws_a),
            Some(json!({"type": "call", "subject": "Call Ada back", "dueAt": an_hour_ago, "assigneeId": mate_id})),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{act}");
    let (status, _) = owner_a
        .json(
            Method::POST,
            &format!("/api/workspaces/{ws_a}/leads"),
            Some(json!({"name": "Quiet lead", "assigneeId": mate_id, "nextActionDate": yesterday})),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, _) = owner_b
        .json(
            Method::POST,
            &activities(&ws_b),
            Some(json!({"type": "task", "subject": "Secret of B", "dueAt": an_hour_ago, "assigneeId": owner_b_id})),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    // Workspace A's digest leaves stale leads out.
    let (status, _) = owner_a
        .json(
            Method::PUT,
            &format!("/api/workspaces/{ws_a}/settings/notifications"),
            Some(json!({"overdueActivities": true, "staleLeads": false, "staleDeals": true})),
        )
        .await;
    assert_eq!(status, StatusCode::OK);

    let outputs = race_digest_runs(&app, 4, "2026-11-26");
    let to_mate = received_for(&mate_email);
    assert_eq!(to_mate.len(), 1, "exactly one digest reached the SMTP server for A's manager");
    assert_eq!(received_for(&owner_b_email).len(), 1, "and one for B's owner");
    assert_eq!(sent_total(&outputs), 2, "one email each for A's manager and B's owner: {outputs:?}");
    let mail = &to_mate[0];
    assert!(mail.contains("Content-Type: text/plain") && mail.contains("Content-Type: text/html"));
    assert!(mail.contains("Call Ada back"));
    assert!(mail.contains(&format!("http://crm.test/w/{ws_a}/activities")), "links back to the app");
    assert!(!mail.contains("Quiet lead"), "stale leads are off in workspace A");
    assert!(!mail.contains("Secret of B") && !mail.contains(&ws_b), "nothing of workspace B");

    // A retry (say, after a crash) sends nothing more; the next day does.
    let again = race_digest_runs(&app, 2, "2026-11-26");
    assert_eq!(sent_total(&again), 0);
    assert_eq!(received_for(&mate_email).len(), 1);
    let next_day = race_digest_runs(&app, 2, "2026-11-27");
    assert_eq!(sent_total(&next_day), 2);
    assert_eq!(received_for(&mate_email).len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn digest_is_sent_at_most_once_when_runs_race_on_sqlite() {
    digest_is_sent_at_most_once_when_runs_race(crm_testkit::Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn digest_is_sent_at_most_once_when_runs_race_on_postgres() {
    digest_is_sent_at_most_once_when_runs_race(crm_testkit::Backend::Postgres).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_smtp_the_digest_is_written_as_an_eml_file_in_the_data_dir() {
    let app = TestApp::spawn().await;
    let (owner_c, ws, owner_id) = owner(&app, "eml-owner").await;
    let an_hour_ago = (time::OffsetDateTime::now_utc() - time::Duration::hours(1))
        .format(&time::format_description::well_known::Rfc3339)
        .expect("rfc3339");
    let (status, _) = owner_c
        .json(
            Method::POST,
            &format!("/api/workspaces/{ws}/activities"),
            Some(json!({"type": "task", "subject": "Send the invoice", "dueAt": an_hour_ago, "assigneeId": owner_id})),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    // `cli` runs `crm` with no SMTP settings: the embedded default.
    let out = app.cli(&["digest", "run", "--date", "2026-11-26"]);
    assert!(out.contains("sent 1"), "{out}");
    let eml: Vec<String> = std::fs::read_dir(app.data_dir.join("mail"))
        .expect("the mail dir")
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "eml"))
        .map(|e| std::fs::read_to_string(e.path()).unwrap_or_default())
        .map(|raw| raw.replace("=\r\n", "").replace("=\n", "").replace("=3D", "="))
        .filter(|raw| raw.contains("here is your digest"))
        .collect();
    assert_eq!(eml.len(), 1);
    assert!(eml[0].contains("Send the invoice"));
}
