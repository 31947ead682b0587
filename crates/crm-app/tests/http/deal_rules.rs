//! Deal rules found in review (issue 11), on SQLite and PostgreSQL: no deal
//! progresses without a next step; the board filters by company and contact;
//! the company island says how many open deals there are; the board's
//! headline is the open pipeline; lifetime value never drops a currency.

use crm_testkit::Backend;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::deals::{Ws, stage};
use crate::harness::{Spawn, TestApp, problem};

async fn workspace(backend: Backend) -> (TestApp, Ws) {
    let app = TestApp::spawn_with(Spawn { backend, ..Spawn::default() }).await;
    let w = Ws::new(&app).await;
    (app, w)
}

fn today() -> String {
    time::OffsetDateTime::now_utc().date().to_string()
}

async fn a_deal_moves_forward_only_with_a_next_step(backend: Backend) {
    let (_app, w) = workspace(backend).await;
    let pipeline = w.pipeline().await;
    let deal = w.ok(Method::POST, "/deals", Some(json!({"title": "Stark expansion", "amount": "800"}))).await;
    let url = w.url(&format!("/deals/{}/stage", deal["id"].as_str().expect("id")));
    let proposal = stage(&pipeline, "Proposal");

    let res = w.owner.send(Method::POST, &url, Some(json!({"stageId": proposal}))).await;
    let p = problem(res, StatusCode::UNPROCESSABLE_ENTITY, "deal.next_action_required").await;
    assert_eq!(p["errors"][0]["field"], "nextActionDate");
    let res =
        w.owner.send(Method::POST, &url, Some(json!({"stageId": proposal, "nextActionDate": "2020-01-01"}))).await;
    problem(res, StatusCode::UNPROCESSABLE_ENTITY, "request.invalid").await;
    let unchanged = w.ok(Method::GET, &format!("/deals/{}", deal["id"].as_str().expect("id")), None).await;
    assert_eq!(unchanged["stageName"], "Qualification");

    let (status, moved) = w
        .owner
        .json(
            Method::POST,
            &url,
            Some(json!({"stageId": proposal, "nextActionDate": today(), "nextActionText": "Send the proposal"})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{moved}");
    assert_eq!(
        (moved["stageName"].as_str(), moved["nextActionDate"].as_str(), moved["nextActionText"].as_str()),
        (Some("Proposal"), Some(today().as_str()), Some("Send the proposal"))
    );
    // The deal's own next action (today) carries the next move; won needs none.
    let res = w.owner.send(Method::POST, &url, Some(json!({"stageId": stage(&pipeline, "Negotiation")}))).await;
    assert_eq!(res.status(), StatusCode::OK);
    let res = w.owner.send(Method::POST, &url, Some(json!({"stageId": stage(&pipeline, "Won")}))).await;
    assert_eq!(res.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_deal_moves_forward_only_with_a_next_step_on_sqlite() {
    a_deal_moves_forward_only_with_a_next_step(Backend::Sqlite).await;
}

#[tokio::test]
async fn a_deal_moves_forward_only_with_a_next_step_on_postgres() {
    a_deal_moves_forward_only_with_a_next_step(Backend::Postgres).await;
}

fn titles(board: &Value) -> Vec<String> {
    let mut titles: Vec<String> = board["columns"]
        .as_array()
        .expect("columns")
        .iter()
        .flat_map(|c| c["deals"].as_array().expect("deals").iter())
        .map(|d| d["title"].as_str().expect("title").to_owned())
        .collect();
    titles.sort();
    titles
}

async fn the_board_filters_by_company_and_contact(backend: Backend) {
    let (_app, w) = workspace(backend).await;
    let pipeline = w.pipeline().await;
    let board = w.url(&format!("/pipelines/{}/board", pipeline["id"].as_str().expect("id")));
    let acme = w.ok(Method::POST, "/companies", Some(json!({"name": "Acme"}))).await;
    let ada = w.ok(Method::POST, "/contacts", Some(json!({"name": "Ada", "companyId": acme["id"]}))).await;
    for i in 0..12 {
        w.ok(Method::POST, "/deals", Some(json!({"title": format!("Acme {i:02}"), "companyId": acme["id"]}))).await;
    }
    w.ok(Method::POST, "/deals", Some(json!({"title": "Ada's", "contactId": ada["id"]}))).await;
    w.ok(Method::POST, "/deals", Some(json!({"title": "Unlinked"}))).await;

    let (_, by_company) =
        w.owner.json(Method::GET, &format!("{board}?companyId={}", acme["id"].as_str().expect("id")), None).await;
    assert_eq!(by_company["totals"]["count"], 12, "{by_company}");
    assert!(titles(&by_company).iter().all(|t| t.starts_with("Acme")));
    let (_, by_contact) =
        w.owner.json(Method::GET, &format!("{board}?contactId={}", ada["id"].as_str().expect("id")), None).await;
    assert_eq!(titles(&by_contact), ["Ada's"]);

    // The island shows 10 and says how many there are; the list has the rest.
    let summary =
        w.ok(Method::GET, &format!("/companies/{}/deal-summary", acme["id"].as_str().expect("id")), None).await;
    assert_eq!(
        (summary["openDeals"].as_array().map(Vec::len), summary["open"]["count"].as_u64()),
        (Some(10), Some(12))
    );
    let all = w
        .ok(Method::GET, &format!("/deals?companyId={}&status=open&limit=50", acme["id"].as_str().expect("id")), None)
        .await;
    assert_eq!(all["data"].as_array().map(Vec::len), Some(12));
}

#[tokio::test]
async fn the_board_filters_by_company_and_contact_on_sqlite() {
    the_board_filters_by_company_and_contact(Backend::Sqlite).await;
}

#[tokio::test]
async fn the_board_filters_by_company_and_contact_on_postgres() {
    the_board_filters_by_company_and_contact(Backend::Postgres).await;
}

async fn the_board_headline_is_the_open_pipeline(backend: Backend) {
    let (_app, w) = workspace(backend).await;
    let pipeline = w.pipeline().await;
    w.ok(Method::POST, "/deals", Some(json!({"title": "Open", "amount": "1000"}))).await;
    let reason = w.ok(Method::GET, "/lost-reasons", None).await["data"][0]["id"].clone();
    for (title, amount, to) in [
        ("Won", "300", json!({"stageId": stage(&pipeline, "Won")})),
        ("Lost", "700", json!({"stageId": stage(&pipeline, "Lost"), "lostReasonId": reason})),
    ] {
        let deal = w.ok(Method::POST, "/deals", Some(json!({"title": title, "amount": amount}))).await;
        w.ok(Method::POST, &format!("/deals/{}/stage", deal["id"].as_str().expect("id")), Some(to)).await;
    }

    let board_url = format!("/pipelines/{}/board", pipeline["id"].as_str().expect("id"));
    let board = w.ok(Method::GET, &board_url, None).await;
    assert_eq!(
        (board["totals"]["count"].as_u64(), board["totals"]["amount"]["amount"].as_str()),
        (Some(1), Some("1000.00")),
        "the headline is the open deal only: {board}"
    );
    assert_eq!(board["totals"]["weighted"]["amount"], "100.00", "1000 at 10%");
    let column = |board: &Value, name: &str| {
        let id = stage(&pipeline, name);
        board["columns"].as_array().expect("columns").iter().find(|c| c["stageId"] == id.as_str()).expect(name).clone()
    };
    assert_eq!(column(&board, "Won")["amount"]["amount"], "300.00", "won column: its own total");
    assert_eq!(column(&board, "Lost")["count"], 1);
    let quarter_start = crm_deals::service::quarter_start(time::OffsetDateTime::now_utc()).date().to_string();
    assert_eq!(board["closedSince"], quarter_start.as_str(), "default period: this quarter");

    // A period starting tomorrow holds no closed deal; the headline stays.
    let tomorrow = (time::OffsetDateTime::now_utc().date() + time::Duration::days(1)).to_string();
    let later = w.ok(Method::GET, &format!("{board_url}?closedSince={tomorrow}"), None).await;
    assert_eq!((column(&later, "Won")["count"].as_u64(), column(&later, "Lost")["count"].as_u64()), (Some(0), Some(0)));
    assert_eq!(later["totals"]["amount"]["amount"], "1000.00");
    let listed = w.ok(Method::GET, &format!("/deals?status=won&closedSince={tomorrow}"), None).await;
    assert_eq!(listed["data"].as_array().map(Vec::len), Some(0), "the list pages with the same period");
}

#[tokio::test]
async fn the_board_headline_is_the_open_pipeline_on_sqlite() {
    the_board_headline_is_the_open_pipeline(Backend::Sqlite).await;
}

#[tokio::test]
async fn the_board_headline_is_the_open_pipeline_on_postgres() {
    the_board_headline_is_the_open_pipeline(Backend::Postgres).await;
}

async fn lifetime_value_shows_every_currency(backend: Backend) {
    let (_app, w) = workspace(backend).await;
    let pipeline = w.pipeline().await;
    let company = w.ok(Method::POST, "/companies", Some(json!({"name": "Umbrella"}))).await;
    let company_id = company["id"].as_str().expect("id");
    for (title, amount, then_currency) in [("In euros", "250.50", Some("USD")), ("In dollars", "100", None)] {
        let deal = w
            .ok(Method::POST, "/deals", Some(json!({"title": title, "amount": amount, "companyId": company_id})))
            .await;
        let url = format!("/deals/{}/stage", deal["id"].as_str().expect("id"));
        w.ok(Method::POST, &url, Some(json!({"stageId": stage(&pipeline, "Won")}))).await;
        if let Some(currency) = then_currency {
            w.ok(Method::PATCH, "", Some(json!({"currency": currency}))).await;
        }
    }

    let summary = w.ok(Method::GET, &format!("/companies/{company_id}/deal-summary"), None).await;
    assert_eq!(summary["lifetimeValue"], json!({"amount": "100.00", "currency": "USD"}), "{summary}");
    assert_eq!(
        summary["lifetimeValueOther"],
        json!([{"amount": "250.50", "currency": "EUR"}]),
        "the euro win is shown apart, not dropped"
    );
    assert_eq!(summary["won"]["count"], 2);
}

#[tokio::test]
async fn lifetime_value_shows_every_currency_on_sqlite() {
    lifetime_value_shows_every_currency(Backend::Sqlite).await;
}

#[tokio::test]
async fn lifetime_value_shows_every_currency_on_postgres() {
    lifetime_value_shows_every_currency(Backend::Postgres).await;
}
