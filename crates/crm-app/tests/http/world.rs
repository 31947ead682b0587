//! Two workspaces with members of every role, a token, an invitation: the
//! ground the tenant and role matrices stand on.

use crm_testkit::Backend;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::harness::{Client, Spawn, TestApp};

pub struct World {
    pub app: TestApp,
    pub a_owner: Client,
    pub a_manager: Client,
    pub a_viewer: Client,
    pub b_owner: Client,
    pub ws_a: String,
    pub ws_b: String,
    pub a_owner_id: String,
    pub a_viewer_id: String,
    pub b_owner_id: String,
    /// A pending invitation of workspace A.
    pub invitation_a: String,
    pub token_a_id: String,
    /// A lead and a custom lead source of workspace A.
    pub lead_a: String,
    pub source_a: String,
    /// A company, a contact of it and an activity on the contact, in A.
    pub company_a: String,
    pub contact_a: String,
    pub activity_a: String,
    /// A qualified lead of A (for conversion), A's default pipeline, its
    /// first open and its lost stage, a deal and a lost reason of A.
    pub qualified_lead_a: String,
    pub pipeline_a: String,
    /// Workspace B's default pipeline (B's board filtered by A's records).
    pub pipeline_b: String,
    pub open_stage_a: String,
    pub lost_stage_a: String,
    pub deal_a: String,
    pub lost_reason_a: String,
    /// A notification of A's viewer (a lead the owner assigned to them).
    pub notification_a: String,
    /// Workspace A's token without any `leads:*` scope.
    pub token_a_orders_only: String,
    pub token_b_all: String,
}

const ALL_SCOPES: [&str; 7] =
    ["products:read", "leads:read", "leads:write", "customers:read", "customers:write", "orders:read", "orders:write"];

fn unique(tag: &str) -> String {
    format!("{tag}-{}@example.com", uuid::Uuid::now_v7().simple())
}

async fn member(app: &TestApp, owner: &Client, ws: &str, role: &str) -> (Client, String) {
    let email = unique(role);
    let (status, invitation) = owner
        .json(Method::POST, &format!("/api/workspaces/{ws}/invitations"), Some(json!({"email": email, "role": role})))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{invitation}");
    let (client, me) = app
        .sign_up_with(json!({"email": email, "password": crate::harness::PASSWORD, "name": role, "invitationId": invitation["id"]}))
        .await;
    (client, me["user"]["id"].as_str().expect("id").to_owned())
}

async fn token(owner: &Client, ws: &str, scopes: &[&str]) -> (String, String) {
    let (status, body) = owner
        .json(
            Method::POST,
            &format!("/api/workspaces/{ws}/api-tokens"),
            Some(json!({"name": "matrix", "scopes": scopes})),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    (body["token"]["id"].as_str().expect("id").to_owned(), body["secret"].as_str().expect("secret").to_owned())
}

fn ids(me: &Value) -> (String, String) {
    (
        me["user"]["id"].as_str().expect("user id").to_owned(),
        me["workspaces"][0]["workspaceId"].as_str().expect("workspace id").to_owned(),
    )
}

impl World {
    pub async fn build(backend: Backend) -> Self {
        let app = TestApp::spawn_with(Spawn { backend, ..Spawn::default() }).await;
        let (a_owner, me_a) = app.sign_up(&unique("owner-a")).await;
        let (b_owner, me_b) = app.sign_up(&unique("owner-b")).await;
        let (a_owner_id, ws_a) = ids(&me_a);
        let (b_owner_id, ws_b) = ids(&me_b);
        let (a_manager, _) = member(&app, &a_owner, &ws_a, "manager").await;
        let (a_viewer, a_viewer_id) = member(&app, &a_owner, &ws_a, "viewer").await;
        let (status, invitation) = a_owner
            .json(
                Method::POST,
                &format!("/api/workspaces/{ws_a}/invitations"),
                Some(json!({"email": unique("pending"), "role": "viewer"})),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED);
        let (token_a_id, _) = token(&a_owner, &ws_a, &ALL_SCOPES).await;
        let (_, token_a_orders_only) = token(&a_owner, &ws_a, &["orders:read"]).await;
        let (_, token_b_all) = token(&b_owner, &ws_b, &ALL_SCOPES).await;
        let (status, lead) = a_owner
            .json(Method::POST, &format!("/api/workspaces/{ws_a}/leads"), Some(json!({"name": "Lead of A"})))
            .await;
        assert_eq!(status, StatusCode::CREATED, "{lead}");
        let source_a = "fair-a".to_owned();
        let (status, source) = a_owner
            .json(
                Method::POST,
                &format!("/api/workspaces/{ws_a}/lead-sources"),
                Some(json!({"slug": source_a, "label": "Fair of A"})),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{source}");
        let (status, company) = a_owner
            .json(Method::POST, &format!("/api/workspaces/{ws_a}/companies"), Some(json!({"name": "Company of A"})))
            .await;
        assert_eq!(status, StatusCode::CREATED, "{company}");
        let (status, contact) = a_owner
            .json(
                Method::POST,
                &format!("/api/workspaces/{ws_a}/contacts"),
                Some(json!({"name": "Contact of A", "email": "contact@a.test", "companyId": company["id"]})),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{contact}");
        let (status, activity) = a_owner
            .json(
                Method::POST,
                &format!("/api/workspaces/{ws_a}/activities"),
                Some(json!({"type": "task", "subject": "Task of A", "contactId": contact["id"]})),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{activity}");
        let (status, qualified) = a_owner
            .json(
                Method::POST,
                &format!("/api/workspaces/{ws_a}/leads"),
                Some(json!({"name": "Qualified of A", "status": "qualified", "nextActionDate": "2030-01-01"})),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{qualified}");
        let (_, pipelines) = a_owner.json(Method::GET, &format!("/api/workspaces/{ws_a}/pipelines"), None).await;
        let pipeline = &pipelines["data"][0];
        let stage_of = |kind: &str| {
            pipeline["stages"].as_array().expect("stages").iter().find(|s| s["kind"] == kind).expect("stage")["id"]
                .as_str()
                .expect("id")
                .to_owned()
        };
        let (open_stage_a, lost_stage_a) = (stage_of("open"), stage_of("lost"));
        let (status, deal) = a_owner
            .json(
                Method::POST,
                &format!("/api/workspaces/{ws_a}/deals"),
                Some(json!({"title": "Deal of A", "amount": "100", "contactId": contact["id"], "companyId": company["id"]})),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{deal}");
        let (_, reasons) = a_owner.json(Method::GET, &format!("/api/workspaces/{ws_a}/lost-reasons"), None).await;
        let (_, pipelines_b) = b_owner.json(Method::GET, &format!("/api/workspaces/{ws_b}/pipelines"), None).await;
        let (status, assigned) = a_owner
            .json(
                Method::POST,
                &format!("/api/workspaces/{ws_a}/leads"),
                Some(json!({"name": "Lead for the viewer", "assigneeId": a_viewer_id})),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{assigned}");
        let (status, bell) = a_viewer.json(Method::GET, &format!("/api/workspaces/{ws_a}/notifications"), None).await;
        assert_eq!(status, StatusCode::OK, "{bell}");
        let notification_a = bell["data"][0]["id"].as_str().expect("the viewer was notified").to_owned();
        Self {
            qualified_lead_a: qualified["id"].as_str().expect("id").to_owned(),
            pipeline_a: pipeline["id"].as_str().expect("id").to_owned(),
            pipeline_b: pipelines_b["data"][0]["id"].as_str().expect("B's pipeline").to_owned(),
            open_stage_a,
            lost_stage_a,
            deal_a: deal["id"].as_str().expect("id").to_owned(),
            lost_reason_a: reasons["data"][0]["id"].as_str().expect("id").to_owned(),
            app,
            a_owner,
            a_manager,
            a_viewer,
            b_owner,
            ws_a,
            ws_b,
            a_owner_id,
            a_viewer_id,
            b_owner_id,
            lead_a: lead["id"].as_str().expect("id").to_owned(),
            company_a: company["id"].as_str().expect("id").to_owned(),
            contact_a: contact["id"].as_str().expect("id").to_owned(),
            activity_a: activity["id"].as_str().expect("id").to_owned(),
            source_a,
            invitation_a: invitation["id"].as_str().expect("id").to_owned(),
            token_a_id,
            notification_a,
            token_a_orders_only,
            token_b_all,
        }
    }

    pub fn bearer(&self, token: &str) -> Client {
        Client::new(&self.app.base, Some(token.to_owned()))
    }

    /// What workspace A looks like to its owner: compared before and after
    /// the matrices to prove refused calls changed nothing.
    pub async fn snapshot_a(&self) -> Value {
        let ws = &self.ws_a;
        let (_, workspace) = self.a_owner.json(Method::GET, &format!("/api/workspaces/{ws}"), None).await;
        let (_, members) = self.a_owner.json(Method::GET, &format!("/api/workspaces/{ws}/members"), None).await;
        let (_, invitations) = self.a_owner.json(Method::GET, &format!("/api/workspaces/{ws}/invitations"), None).await;
        let (_, mut tokens) = self.a_owner.json(Method::GET, &format!("/api/workspaces/{ws}/api-tokens"), None).await;
        for token in tokens["data"].as_array_mut().into_iter().flatten() {
            token["lastUsedAt"] = Value::Null;
        }
        let (_, leads) = self.a_owner.json(Method::GET, &format!("/api/workspaces/{ws}/leads"), None).await;
        let (_, sources) = self.a_owner.json(Method::GET, &format!("/api/workspaces/{ws}/lead-sources"), None).await;
        let (_, audit) = self.a_owner.json(Method::GET, &format!("/api/workspaces/{ws}/audit-events"), None).await;
        let (_, companies) = self.a_owner.json(Method::GET, &format!("/api/workspaces/{ws}/companies"), None).await;
        let (_, contacts) = self.a_owner.json(Method::GET, &format!("/api/workspaces/{ws}/contacts"), None).await;
        let (_, activities) = self.a_owner.json(Method::GET, &format!("/api/workspaces/{ws}/activities"), None).await;
        let (_, pipelines) = self.a_owner.json(Method::GET, &format!("/api/workspaces/{ws}/pipelines"), None).await;
        let (_, deals) = self.a_owner.json(Method::GET, &format!("/api/workspaces/{ws}/deals"), None).await;
        let (_, reasons) = self.a_owner.json(Method::GET, &format!("/api/workspaces/{ws}/lost-reasons"), None).await;
        let (_, bell) = self.a_viewer.json(Method::GET, &format!("/api/workspaces/{ws}/notifications"), None).await;
        let (_, digest) =
            self.a_owner.json(Method::GET, &format!("/api/workspaces/{ws}/settings/notifications"), None).await;
        json!({
            "pipelines": pipelines, "deals": deals, "lostReasons": reasons,
            "bell": bell, "digest": digest,
            "companies": companies, "contacts": contacts, "activities": activities,
            "workspace": workspace, "members": members, "invitations": invitations, "tokens": tokens,
            "leads": leads, "sources": sources, "audit": audit,
        })
    }
}
