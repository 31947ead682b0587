//! Spawning the app and talking to it like a browser or an integrator.

use std::num::NonZeroU32;
use std::path::PathBuf;
use std::time::Duration;

use crm_app::{Application, Config};
use crm_testkit::{Backend, fresh_db, smtp_port};
use reqwest::header::{CONTENT_TYPE, HeaderMap, HeaderValue};
use reqwest::{Method, Response, StatusCode};
use serde_json::{Value, json};

pub const PASSWORD: &str = "correct horse battery";

pub struct TestApp {
    pub base: String,
    pub data_dir: PathBuf,
    pub database_url: String,
}

/// Options of a spawned app.
pub struct Spawn {
    pub backend: Backend,
    /// A clock the test moves; the real one when `None`.
    pub clock: Option<crm_kernel::FixedClock>,
    pub sign_in_attempts: u32,
    pub static_dir: Option<PathBuf>,
}

impl Default for Spawn {
    fn default() -> Self {
        Self { backend: Backend::Sqlite, clock: None, sign_in_attempts: 1000, static_dir: None }
    }
}

impl TestApp {
    pub async fn spawn() -> Self {
        Self::spawn_with(Spawn::default()).await
    }

    pub async fn spawn_with(options: Spawn) -> Self {
        let db = fresh_db(options.backend).await.expect("a fresh database (is PostgreSQL running?)");
        let data_dir = std::env::temp_dir().join(format!("crm-http-{}", uuid::Uuid::now_v7().simple()));
        let config = Config {
            data_dir: data_dir.clone(),
            database_url: db.url.clone(),
            addr: "127.0.0.1:0".parse().expect("addr"),
            public_url: "http://crm.test".to_owned(),
            production: false,
            secret: Some("test-secret-test-secret-test-secret-0123".to_owned()),
            static_dir: options.static_dir,
            smtp: Some(crm_mail::SmtpSettings {
                host: "127.0.0.1".to_owned(),
                port: smtp_port().expect("the test command starts an SMTP sink"),
                username: None,
                password: None,
                tls: crm_mail::SmtpTls::None,
                from: "CRM Tests <crm@example.test>".to_owned(),
            }),
            log_json: false,
            sign_in_attempts: NonZeroU32::new(options.sign_in_attempts).expect("non-zero"),
            sign_in_window: Duration::from_secs(900),
            test_clock_file: None,
            digest_enabled: false,
        };
        let clock: std::sync::Arc<dyn crm_kernel::Clock> = match options.clock {
            Some(fixed) => std::sync::Arc::new(fixed),
            None => crm_app::system_clock(),
        };
        let app = Application::build(&config, clock).await.expect("app builds");
        let base = format!("http://127.0.0.1:{}", app.port());
        tokio::spawn(app.run_until_stopped());
        Self { base, data_dir, database_url: db.url }
    }

    /// A client with no credentials.
    pub fn anonymous(&self) -> Client {
        Client::new(&self.base, None)
    }

    /// Signs up a fresh account (provisioning its workspace).
    pub async fn sign_up(&self, email: &str) -> (Client, Value) {
        self.sign_up_with(json!({"email": email, "password": PASSWORD, "name": "Test User"})).await
    }

    pub async fn sign_up_with(&self, body: Value) -> (Client, Value) {
        let mut client = self.anonymous();
        let res = client.send(Method::POST, "/api/auth/sign-up", Some(body)).await;
        assert_eq!(res.status(), StatusCode::CREATED, "sign-up");
        client.adopt_csrf(&res);
        let me = res.json::<Value>().await.expect("json");
        (client, me)
    }

    pub async fn sign_in(&self, email: &str, password: &str) -> (Client, Response) {
        let mut client = self.anonymous();
        let res =
            client.send(Method::POST, "/api/auth/sign-in", Some(json!({"email": email, "password": password}))).await;
        client.adopt_csrf(&res);
        (client, res)
    }
}

/// A cookie-keeping HTTP client that echoes the CSRF cookie like the SPA.
pub struct Client {
    http: reqwest::Client,
    base: String,
    pub csrf: Option<String>,
    pub bearer: Option<String>,
}

impl Client {
    pub fn new(base: &str, bearer: Option<String>) -> Self {
        let http = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client");
        Self { http, base: base.to_owned(), csrf: None, bearer }
    }

    pub fn adopt_csrf(&mut self, res: &Response) {
        for cookie in res.cookies() {
            if cookie.name() == "crm_csrf" {
                self.csrf = Some(cookie.value().to_owned());
            }
        }
    }

    pub async fn send(&self, method: Method, path: &str, body: Option<Value>) -> Response {
        let mut headers = HeaderMap::new();
        if let Some(csrf) = &self.csrf {
            headers.insert("x-csrf-token", HeaderValue::from_str(csrf).expect("header"));
        }
        if let Some(token) = &self.bearer {
            headers.insert("authorization", HeaderValue::from_str(&format!("Bearer {token}")).expect("header"));
        }
        let mut req = self.http.request(method, format!("{}{path}", self.base)).headers(headers);
        if let Some(body) = body {
            req = req.json(&body);
        }
        req.send().await.expect("request sent")
    }

    pub async fn raw(&self, method: Method, path: &str, content_type: Option<&str>, body: Vec<u8>) -> Response {
        let mut req = self.http.request(method, format!("{}{path}", self.base)).body(body);
        if let Some(ct) = content_type {
            req = req.header(CONTENT_TYPE, ct);
        }
        if let Some(csrf) = &self.csrf {
            req = req.header("x-csrf-token", csrf);
        }
        req.send().await.expect("request sent")
    }

    pub async fn get(&self, path: &str) -> Response {
        self.send(Method::GET, path, None).await
    }

    pub async fn json(&self, method: Method, path: &str, body: Option<Value>) -> (StatusCode, Value) {
        let res = self.send(method, path, body).await;
        let status = res.status();
        let text = res.text().await.unwrap_or_default();
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }
}

/// Asserts a problem+json response and returns its body.
pub async fn problem(res: Response, status: StatusCode, code: &str) -> Value {
    assert_eq!(res.status(), status, "status for {code}");
    let content_type = res.headers().get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    assert_eq!(content_type, "application/problem+json");
    let request_id = res.headers().get("x-request-id").and_then(|v| v.to_str().ok()).map(str::to_owned);
    let body: Value = res.json().await.expect("problem body");
    assert_eq!(body["code"], code, "{body}");
    assert_eq!(body["status"], status.as_u16());
    assert_eq!(body["request_id"].as_str().map(str::to_owned), request_id, "request id in header and body");
    body
}

/// The `/path?query` of the first link in a raw email whose path starts
/// with `prefix`, decoding quoted-printable soft breaks.
pub fn link_path(raw_mail: &str, prefix: &str) -> String {
    let text = raw_mail.replace("=\r\n", "").replace("=\n", "").replace("=3D", "=");
    let start = text.find(&format!("http://crm.test{prefix}")).expect("link in mail") + "http://crm.test".len();
    text[start..].chars().take_while(|c| !c.is_whitespace() && *c != '"' && *c != '<').collect()
}

impl Client {
    /// The same browser session (reqwest clones share the cookie jar).
    pub fn clone_session(&self) -> Client {
        Client {
            http: self.http.clone(),
            base: self.base.clone(),
            csrf: self.csrf.clone(),
            bearer: self.bearer.clone(),
        }
    }
}

impl TestApp {
    /// Runs the `crm` binary against this app's database; returns stdout.
    pub fn cli(&self, args: &[&str]) -> String {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_crm"))
            .args(args)
            .env("DATABASE_URL", &self.database_url)
            .env("CRM_DATA_DIR", &self.data_dir)
            .env("CRM_LOG", "warn")
            .output()
            .expect("crm runs");
        assert!(output.status.success(), "crm {args:?}: {}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8(output.stdout).expect("utf-8")
    }
}

impl Client {
    #[must_use]
    pub fn base(&self) -> &str {
        &self.base
    }

    /// A JSON POST carrying an `Idempotency-Key`.
    pub async fn send_with_key(&self, method: Method, path: &str, body: Value, key: &str) -> Response {
        let mut req =
            self.http.request(method, format!("{}{path}", self.base)).json(&body).header("idempotency-key", key);
        if let Some(token) = &self.bearer {
            req = req.bearer_auth(token);
        }
        if let Some(csrf) = &self.csrf {
            req = req.header("x-csrf-token", csrf);
        }
        req.send().await.expect("request sent")
    }
}
