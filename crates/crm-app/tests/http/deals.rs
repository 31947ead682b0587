//! Deals, pipelines and lead conversion over HTTP: validated stage moves,
//! explicit reopen, stage configuration rules, owner notifications, the
//! conversion preview with duplicate linking, and exactly-once conversion
//! under concurrent requests.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::harness::{Client, PASSWORD, TestApp, problem};

pub(crate) struct Ws {
    pub(crate) owner: Client,
    pub(crate) ws: String,
    pub(crate) owner_id: String,
}

impl Ws {
    pub(crate) async fn new(app: &TestApp) -> Self {
        let email = format!("owner-{}@example.com", uuid::Uuid::now_v7().simple());
        let (owner, me) = app.sign_up(&email).await;
        Self {
            owner,
            ws: me["workspaces"][0]["workspaceId"].as_str().expect("ws").to_owned(),
            owner_id: me["user"]["id"].as_str().expect("id").to_owned(),
        }
    }

    pub(crate) fn url(&self, tail: &str) -> String {
        format!("/api/workspaces/{}{tail}", self.ws)
    }

    pub(crate) async fn ok(&self, method: Method, tail: &str, body: Option<Value>) -> Value {
        let (status, value) = self.owner.json(method, &self.url(tail), body).await;
        assert!(status.is_success(), "{tail}: {status} {value}");
        value
    }

    pub(crate) async fn pipeline(&self) -> Value {
        self.ok(Method::GET, "/pipelines", None).await["data"][0].clone()
    }
}

pub(crate) fn stage(pipeline: &Value, name: &str) -> String {
    pipeline["stages"].as_array().expect("stages").iter().find(|s| s["name"] == name).expect(name)["id"]
        .as_str()
        .expect("id")
        .to_owned()
}

#[tokio::test]
async fn a_new_workspace_has_the_default_pipeline_and_lost_reasons() {
    let app = TestApp::spawn().await;
    let w = Ws::new(&app).await;
    let pipeline = w.pipeline().await;
    let stages: Vec<(String, u64, String)> = pipeline["stages"]
        .as_array()
        .expect("stages")
        .iter()
        .map(|s| {
            (
                s["name"].as_str().expect("name").to_owned(),
                s["probability"].as_u64().expect("p"),
                s["kind"].as_str().expect("kind").to_owned(),
            )
        })
        .collect();
    let expected = [
        ("Qualification", 10, "open"),
        ("Needs analysis", 25, "open"),
        ("Proposal", 50, "open"),
        ("Negotiation", 75, "open"),
        ("Won", 100, "won"),
        ("Lost", 0, "lost"),
    ];
    assert_eq!(stages, expected.iter().map(|(n, p, k)| ((*n).to_owned(), *p, (*k).to_owned())).collect::<Vec<_>>());
    let reasons = w.ok(Method::GET, "/lost-reasons", None).await;
    assert_eq!(reasons["data"].as_array().expect("reasons").len(), 6);
}

#[tokio::test]
async fn stage_moves_are_validated_and_closing_and_reopening_are_recorded() {
    let app = TestApp::spawn().await;
    let w = Ws::new(&app).await;
    let pipeline = w.pipeline().await;
    let deal = w
        .ok(Method::POST, "/deals", Some(json!({"title": "Globex renewal", "amount": "1000.00", "probability": 40})))
        .await;
    assert_eq!(
        (deal["amount"]["amount"].as_str(), deal["amount"]["currency"].as_str()),
        (Some("1000.00"), Some("EUR"))
    );
    assert_eq!((deal["probability"].as_u64(), deal["weighted"]["amount"].as_str()), (Some(40), Some("400.00")));
    assert_eq!(deal["stageName"], "Qualification");
    let id = deal["id"].as_str().expect("id");
    let move_url = w.url(&format!("/deals/{id}/stage"));

    // A stage move keeps the override; clearing it falls back to the stage.
    let forward = json!({"stageId": stage(&pipeline, "Proposal"), "nextActionDate": "2099-01-01"});
    let moved = w.ok(Method::POST, &format!("/deals/{id}/stage"), Some(forward)).await;
    assert_eq!(moved["probability"], 40);
    let cleared = w.ok(Method::PATCH, &format!("/deals/{id}"), Some(json!({"probability": null}))).await;
    assert_eq!((cleared["probability"].as_u64(), cleared["weighted"]["amount"].as_str()), (Some(50), Some("500.00")));

    // Lost without a reason is refused and changes nothing.
    let lost = stage(&pipeline, "Lost");
    let res = w.owner.send(Method::POST, &move_url, Some(json!({"stageId": lost}))).await;
    let p = problem(res, StatusCode::UNPROCESSABLE_ENTITY, "deal.lost_reason_required").await;
    assert_eq!(p["errors"][0]["field"], "lostReasonId");
    assert_eq!(w.ok(Method::GET, &format!("/deals/{id}"), None).await["status"], "open");

    // With a reason it closes; a closed deal does not move until reopened.
    let reason = w.ok(Method::GET, "/lost-reasons", None).await["data"][1].clone();
    let closed = w
        .ok(Method::POST, &format!("/deals/{id}/stage"), Some(json!({"stageId": lost, "lostReasonId": reason["id"]})))
        .await;
    assert_eq!((closed["status"].as_str(), closed["lostReason"].as_str()), (Some("lost"), reason["label"].as_str()));
    assert_eq!((closed["probability"].as_u64(), closed["weighted"]["amount"].as_str()), (Some(0), Some("0.00")));
    assert!(closed["closedAt"].is_string());
    let res = w.owner.send(Method::POST, &move_url, Some(json!({"stageId": stage(&pipeline, "Won")}))).await;
    problem(res, StatusCode::CONFLICT, "deal.closed").await;

    let reopened = w.ok(Method::POST, &format!("/deals/{id}/reopen"), Some(json!({}))).await;
    assert_eq!((reopened["status"].as_str(), reopened["stageName"].as_str()), (Some("open"), Some("Qualification")));
    assert!(reopened["closedAt"].is_null() && reopened["lostReason"].is_null());
    let res = w.owner.send(Method::POST, &w.url(&format!("/deals/{id}/reopen")), Some(json!({}))).await;
    problem(res, StatusCode::CONFLICT, "deal.not_closed").await;

    let won =
        w.ok(Method::POST, &format!("/deals/{id}/stage"), Some(json!({"stageId": stage(&pipeline, "Won")}))).await;
    assert_eq!((won["status"].as_str(), won["weighted"]["amount"].as_str()), (Some("won"), Some("1000.00")));

    let timeline = w.ok(Method::GET, &format!("/deals/{id}/timeline"), None).await;
    let actions: Vec<&str> =
        timeline["data"].as_array().expect("items").iter().filter_map(|i| i["event"]["action"].as_str()).collect();
    for action in ["deal.created", "deal.stage_changed", "deal.updated", "deal.lost", "deal.reopened", "deal.won"] {
        assert!(actions.contains(&action), "{action} in {actions:?}");
    }
}

#[tokio::test]
async fn stages_are_configured_by_the_rules_and_deleted_only_with_their_deals_moved() {
    let app = TestApp::spawn().await;
    let w = Ws::new(&app).await;
    let pipeline = w.pipeline().await;
    let pid = pipeline["id"].as_str().expect("id");
    let ids: Vec<String> =
        pipeline["stages"].as_array().expect("s").iter().map(|s| s["id"].as_str().expect("id").to_owned()).collect();
    let stages_url = w.url(&format!("/pipelines/{pid}/stages"));

    // Won and lost must stay last.
    let res = w
        .owner
        .send(
            Method::PUT,
            &stages_url,
            Some(json!({"stages": [
                {"id": ids[4], "name": "Won", "probability": 100},
                {"id": ids[0], "name": "A", "probability": 10},
                {"id": ids[1], "name": "B", "probability": 20},
                {"id": ids[2], "name": "C", "probability": 30},
                {"id": ids[3], "name": "D", "probability": 40},
                {"id": ids[5], "name": "Lost", "probability": 0},
            ]})),
        )
        .await;
    problem(res, StatusCode::UNPROCESSABLE_ENTITY, "stage.rule").await;
    // Reorder, rename, re-weight and add a stage in one go.
    let saved = w
        .ok(
            Method::PUT,
            &format!("/pipelines/{pid}/stages"),
            Some(json!({"stages": [
                {"id": ids[1], "name": "Discovery", "probability": 20},
                {"id": ids[0], "name": "Qualification", "probability": 5},
                {"name": "Trial", "probability": 60},
                {"id": ids[2], "name": "Proposal", "probability": 50},
                {"id": ids[3], "name": "Negotiation", "probability": 80},
                {"id": ids[4], "name": "Closed won", "probability": 3},
                {"id": ids[5], "name": "Closed lost", "probability": 90},
            ]})),
        )
        .await;
    let names: Vec<&str> =
        saved["stages"].as_array().expect("s").iter().map(|s| s["name"].as_str().expect("n")).collect();
    assert_eq!(names, ["Discovery", "Qualification", "Trial", "Proposal", "Negotiation", "Closed won", "Closed lost"]);
    assert_eq!(
        (saved["stages"][5]["probability"].as_u64(), saved["stages"][6]["probability"].as_u64()),
        (Some(100), Some(0))
    );

    let trial = stage(&saved, "Trial");
    w.ok(Method::POST, "/deals", Some(json!({"title": "On trial", "stageId": trial}))).await;
    let res = w.owner.send(Method::DELETE, &w.url(&format!("/pipelines/{pid}/stages/{trial}")), None).await;
    let p = problem(res, StatusCode::CONFLICT, "stage.not_empty").await;
    assert_eq!(p["dealCount"], 1);
    let res = w.owner.send(Method::DELETE, &w.url(&format!("/pipelines/{pid}/stages/{}", ids[4])), None).await;
    problem(res, StatusCode::UNPROCESSABLE_ENTITY, "stage.rule").await;
    let res =
        w.owner.send(Method::DELETE, &w.url(&format!("/pipelines/{pid}/stages/{trial}?moveTo={}", ids[2])), None).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let deals = w.ok(Method::GET, &format!("/deals?stageId={}", ids[2]), None).await;
    assert_eq!(deals["data"][0]["title"], "On trial");
}

#[tokio::test]
async fn owner_changes_notify_the_new_owner_but_not_yourself() {
    let app = TestApp::spawn().await;
    let w = Ws::new(&app).await;
    let email = format!("mate-{}@example.com", uuid::Uuid::now_v7().simple());
    let invitation = w.ok(Method::POST, "/invitations", Some(json!({"email": email, "role": "manager"}))).await;
    let (_, mate) = app
        .sign_up_with(json!({"email": email, "password": PASSWORD, "name": "Mate", "invitationId": invitation["id"]}))
        .await;
    let mate_id = mate["user"]["id"].as_str().expect("id").to_owned();
    let mine = w.ok(Method::POST, "/deals", Some(json!({"title": "Mine", "ownerId": w.owner_id}))).await;
    let id = mine["id"].as_str().expect("id");
    w.ok(Method::PATCH, &format!("/deals/{id}"), Some(json!({"ownerId": mate_id}))).await;
    w.ok(Method::PATCH, &format!("/deals/{id}"), Some(json!({"ownerId": mate_id, "title": "Theirs"}))).await;
    let res = w
        .owner
        .send(Method::PATCH, &w.url(&format!("/deals/{id}")), Some(json!({"ownerId": uuid::Uuid::now_v7()})))
        .await;
    problem(res, StatusCode::NOT_FOUND, "owner.not_found").await;

    let db = crm_store::connect(&app.database_url).await.expect("db");
    let scope = crm_kernel::Scope::for_test(
        w.ws.parse().expect("ws"),
        crm_kernel::Actor::User { id: w.owner_id.parse().expect("id"), role: crm_kernel::Role::Owner },
    );
    let for_mate =
        crm_store::activities::notifications_for(&db, &scope, mate_id.parse().expect("id")).await.expect("read");
    assert_eq!(for_mate.len(), 1, "{for_mate:?}");
    assert_eq!((for_mate[0].0.as_str(), for_mate[0].1.to_string()), ("deal.assigned", id.to_owned()));
    let for_owner =
        crm_store::activities::notifications_for(&db, &scope, w.owner_id.parse().expect("id")).await.expect("read");
    assert!(for_owner.is_empty(), "owning your own deal signals nothing");
    let summary = w.ok(Method::GET, &format!("/members/{mate_id}/summary"), None).await;
    assert_eq!(summary["openDeals"], 1);
}

async fn qualified_lead(w: &Ws, email: &str, company: &str) -> String {
    let lead = w
        .ok(
            Method::POST,
            "/leads",
            Some(json!({"name": "Ada Lovelace", "email": email, "company": company, "status": "qualified", "nextActionDate": "2030-01-01"})),
        )
        .await;
    lead["id"].as_str().expect("id").to_owned()
}

#[tokio::test]
async fn conversion_previews_links_a_duplicate_company_and_creates_the_rest() {
    let app = TestApp::spawn().await;
    let w = Ws::new(&app).await;
    let existing =
        w.ok(Method::POST, "/companies", Some(json!({"name": "Engines Ltd", "domain": "engines.test"}))).await;
    let lead = qualified_lead(&w, "ada@engines.test", "Analytical Engines").await;

    let plan = w.ok(Method::POST, &format!("/leads/{lead}/conversion/preview"), None).await;
    assert_eq!(plan["contact"]["proposed"], "create");
    assert_eq!(plan["company"]["proposed"], "link");
    assert_eq!(plan["company"]["candidates"][0]["id"], existing["id"]);
    assert_eq!(plan["company"]["candidates"][0]["reason"], "domain");
    assert_eq!(plan["deal"]["title"], "Analytical Engines");
    assert_eq!(
        w.ok(Method::GET, "/contacts", None).await["data"].as_array().expect("c").len(),
        0,
        "preview writes nothing"
    );

    // Link needs an id; a missing contact choice is refused; nothing is written.
    let convert = w.url(&format!("/leads/{lead}/conversion"));
    let res = w
        .owner
        .send(Method::POST, &convert, Some(json!({"contact": {"action": "create"}, "company": {"action": "link"}})))
        .await;
    problem(res, StatusCode::UNPROCESSABLE_ENTITY, "request.invalid").await;

    let done = w
        .ok(
            Method::POST,
            &format!("/leads/{lead}/conversion"),
            Some(json!({
                "contact": {"action": "create"},
                "company": {"action": "link", "id": existing["id"]},
                "deal": {"title": "Engines pilot", "amount": "2500"}
            })),
        )
        .await;
    assert_eq!((done["contactCreated"].as_bool(), done["companyCreated"].as_bool()), (Some(true), Some(false)));
    assert_eq!(done["companyId"], existing["id"]);
    assert_eq!(w.ok(Method::GET, "/companies", None).await["data"].as_array().expect("c").len(), 1, "not recreated");
    let contact = w.ok(Method::GET, &format!("/contacts/{}", done["contactId"].as_str().expect("id")), None).await;
    assert_eq!(
        (contact["email"].as_str(), contact["company"]["id"].as_str()),
        (Some("ada@engines.test"), existing["id"].as_str())
    );
    let deal = w.ok(Method::GET, &format!("/deals/{}", done["dealId"].as_str().expect("id")), None).await;
    assert_eq!((deal["title"].as_str(), deal["amount"]["amount"].as_str()), (Some("Engines pilot"), Some("2500.00")));
    assert_eq!(
        (deal["contactId"].as_str(), deal["leadId"].as_str()),
        (done["contactId"].as_str(), Some(lead.as_str()))
    );
    let converted = w.ok(Method::GET, &format!("/leads/{lead}"), None).await;
    assert_eq!(converted["status"], "converted");
    assert_eq!(converted["convertedTo"]["dealId"], done["dealId"]);
    let summary =
        w.ok(Method::GET, &format!("/contacts/{}/deal-summary", done["contactId"].as_str().expect("id")), None).await;
    assert_eq!(
        (summary["open"]["count"].as_u64(), summary["open"]["amount"]["amount"].as_str()),
        (Some(1), Some("2500.00"))
    );

    // A second lead with the same email proposes linking the contact; creating a twin is refused.
    let twin = qualified_lead(&w, "ada@engines.test", "Analytical Engines").await;
    let plan = w.ok(Method::POST, &format!("/leads/{twin}/conversion/preview"), None).await;
    assert_eq!(
        (plan["contact"]["proposed"].as_str(), plan["contact"]["candidates"][0]["id"].as_str()),
        (Some("link"), done["contactId"].as_str())
    );
    let res = w
        .owner
        .send(
            Method::POST,
            &w.url(&format!("/leads/{twin}/conversion")),
            Some(json!({"contact": {"action": "create"}, "company": {"action": "none"}})),
        )
        .await;
    let p = problem(res, StatusCode::CONFLICT, "contact.email_taken").await;
    assert_eq!(p["existing"]["id"], done["contactId"]);
    assert_eq!(w.ok(Method::GET, &format!("/leads/{twin}"), None).await["status"], "qualified", "nothing half-written");
}

#[tokio::test]
async fn only_a_qualified_lead_converts_and_only_once_under_concurrent_requests() {
    let app = TestApp::spawn().await;
    let w = Ws::new(&app).await;
    let new_lead = w.ok(Method::POST, "/leads", Some(json!({"name": "Fresh"}))).await;
    let res = w
        .owner
        .send(
            Method::POST,
            &w.url(&format!("/leads/{}/conversion", new_lead["id"].as_str().expect("id"))),
            Some(json!({"contact": {"action": "create"}, "company": {"action": "none"}})),
        )
        .await;
    problem(res, StatusCode::UNPROCESSABLE_ENTITY, "lead.not_qualified").await;

    let lead = qualified_lead(&w, "grace@navy.test", "Navy").await;
    let url = w.url(&format!("/leads/{lead}/conversion"));
    let body = json!({"contact": {"action": "create"}, "company": {"action": "create"}});
    let requests = (0..20).map(|_| w.owner.send(Method::POST, &url, Some(body.clone())));
    let statuses: Vec<StatusCode> = futures::future::join_all(requests).await.iter().map(|r| r.status()).collect();
    assert_eq!(statuses.iter().filter(|s| **s == StatusCode::CREATED).count(), 1, "{statuses:?}");
    assert_eq!(statuses.iter().filter(|s| **s == StatusCode::CONFLICT).count(), 19, "{statuses:?}");
    for (list, n) in [("/contacts", 1), ("/companies", 1), ("/deals", 1)] {
        assert_eq!(w.ok(Method::GET, list, None).await["data"].as_array().expect("list").len(), n, "{list}");
    }
    let res = w.owner.send(Method::POST, &w.url(&format!("/leads/{lead}/conversion/preview")), None).await;
    problem(res, StatusCode::CONFLICT, "lead.already_converted").await;
}

#[tokio::test]
async fn the_board_totals_columns_and_filters_by_owner_stale_and_search() {
    let app = TestApp::spawn().await;
    let w = Ws::new(&app).await;
    let pipeline = w.pipeline().await;
    let pid = pipeline["id"].as_str().expect("id");
    for (title, amount, owner) in [("Alpha", "100", true), ("Beta", "50.50", false), ("Gamma", "10", true)] {
        let owner_id = if owner { Value::String(w.owner_id.clone()) } else { Value::Null };
        w.ok(Method::POST, "/deals", Some(json!({"title": title, "amount": amount, "ownerId": owner_id}))).await;
    }
    let board = w.ok(Method::GET, &format!("/pipelines/{pid}/board?limit=2"), None).await;
    let first = &board["columns"][0];
    assert_eq!((first["count"].as_u64(), first["amount"]["amount"].as_str()), (Some(3), Some("160.50")));
    assert_eq!(first["weighted"]["amount"], "16.05", "10% of each, rounded per deal: 10.00 + 5.05 + 1.00");
    assert_eq!(first["deals"].as_array().expect("deals").len(), 2);
    let next = first["nextCursor"].as_str().expect("more");
    let rest = w
        .ok(
            Method::GET,
            &format!("/deals?stageId={}&cursor={next}&limit=2", first["stageId"].as_str().expect("id")),
            None,
        )
        .await;
    assert_eq!(rest["data"][0]["title"], "Alpha", "newest first, then the older ones");
    assert_eq!(board["totals"]["count"], 3);

    let mine = w.ok(Method::GET, &format!("/pipelines/{pid}/board?ownerId={}", w.owner_id), None).await;
    assert_eq!(mine["totals"]["count"], 2);
    let searched = w.ok(Method::GET, &format!("/pipelines/{pid}/board?q=bet"), None).await;
    assert_eq!(
        (searched["totals"]["count"].as_u64(), searched["columns"][0]["deals"][0]["title"].as_str()),
        (Some(1), Some("Beta"))
    );
    let stale = w.ok(Method::GET, &format!("/pipelines/{pid}/board?stale=true"), None).await;
    assert_eq!(stale["totals"]["count"], 0);
    let res = w.owner.send(Method::GET, &w.url(&format!("/pipelines/{pid}/board?limit=101")), None).await;
    problem(res, StatusCode::UNPROCESSABLE_ENTITY, "request.invalid").await;
}
