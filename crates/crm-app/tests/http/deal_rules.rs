//! Deal rules found in review (issue 11), on SQLite and PostgreSQL: no deal
//! progresses without a next step; the board filters by company and contact;
//! the company island says how many open deals there are.

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
