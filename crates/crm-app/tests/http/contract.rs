//! The committed contract is what the code serves.

use serde_json::Value;

use crate::harness::TestApp;

#[test]
fn committed_openapi_matches_the_code() {
    let file = concat!(env!("CARGO_MANIFEST_DIR"), "/../../openapi/openapi.json");
    let committed: Value =
        serde_json::from_str(&std::fs::read_to_string(file).expect("openapi/openapi.json")).expect("json");
    let code = serde_json::to_value(crm_api::openapi()).expect("serialisable");
    assert!(
        committed == code,
        "openapi/openapi.json is stale: run `just openapi` (cargo run -q --bin crm -- openapi > openapi/openapi.json) and commit it"
    );
}

#[test]
fn every_operation_is_documented_with_an_id_a_tag_and_problem_responses() {
    let doc = serde_json::to_value(crm_api::openapi()).expect("serialisable");
    assert_eq!(doc["openapi"], "3.1.0");
    assert_eq!(doc["info"]["license"]["identifier"], "AGPL-3.0-or-later");
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for (method, op) in item.as_object().expect("item") {
            let id = op["operationId"].as_str().unwrap_or_default();
            assert!(!id.is_empty(), "{method} {path} has no operationId");
            assert!(op["tags"].as_array().is_some_and(|t| !t.is_empty()), "{id} has no tag");
            for status in ["400", "404", "422", "500"] {
                let content = &op["responses"][status]["content"]["application/problem+json"];
                assert!(content.is_object(), "{id} does not document {status} as problem+json");
            }
        }
    }
}

#[test]
fn every_tag_used_by_an_operation_is_declared() {
    let doc = serde_json::to_value(crm_api::openapi()).expect("serialisable");
    let declared: Vec<&str> = doc["tags"].as_array().expect("tags").iter().filter_map(|t| t["name"].as_str()).collect();
    let mut undeclared: Vec<String> = Vec::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for (method, op) in item.as_object().expect("item") {
            for tag in op["tags"].as_array().into_iter().flatten().filter_map(Value::as_str) {
                if !declared.contains(&tag) {
                    undeclared.push(format!("{tag} ({method} {path})"));
                }
            }
        }
    }
    assert!(undeclared.is_empty(), "declare these tags in crm_api::openapi's `tags(...)`: {undeclared:?}");
}

#[test]
fn every_schema_reference_resolves() {
    let doc = serde_json::to_value(crm_api::openapi()).expect("serialisable");
    let text = doc.to_string();
    let schemas = doc["components"]["schemas"].as_object().expect("schemas");
    let missing: Vec<&str> = text
        .split("#/components/schemas/")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|name| !schemas.contains_key(*name))
        .collect();
    assert!(missing.is_empty(), "dangling $refs (generated clients cannot be built): {missing:?}");
}

#[tokio::test]
async fn the_served_document_and_interactive_docs_work_offline() {
    let app = TestApp::spawn().await;
    let client = app.anonymous();
    let served: Value = client.get("/api-docs/openapi.json").await.json().await.expect("json");
    assert_eq!(served, serde_json::to_value(crm_api::openapi()).expect("serialisable"));
    let ui = client.get("/api-docs/").await;
    assert_eq!(ui.status(), 200);
    let html = ui.text().await.expect("html");
    assert!(html.contains("swagger"), "Swagger UI page");
    let redirect = client.get("/api-docs").await;
    assert_eq!(redirect.status(), 308);
}
