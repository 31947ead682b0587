//! The OpenAPI 3.1 contract. Paths and schemas are collected from the
//! handlers registered in [`crate::handlers::routes`]; this module adds the
//! document's info, security schemes and the problem responses every
//! operation can return, so no handler has to repeat them.

use actix_web::App;
use utoipa::openapi::path::Operation;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{ContentBuilder, OpenApi as Document, Ref, RefOr, ResponseBuilder};
use utoipa::{Modify, OpenApi};
use utoipa_actix_web::AppExt;

use crate::error::{Problem, ProblemField};
use crate::handlers;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Obriym CRM API",
        description = "The SPA's session API (`/api/...`) and the public integration API (`/api/v1/...`). \
Errors are RFC 9457 `application/problem+json` with a stable `code`. Lists are keyset-paginated: \
`?limit=` (1-200, default 50) and `?cursor=` from the previous page's `nextCursor`. \
Unsafe requests made with the session cookie must send the `crm_csrf` cookie's value as `X-CSRF-Token`.",
        license(name = "AGPL-3.0-or-later", identifier = "AGPL-3.0-or-later")
    ),
    tags(
        (name = "auth", description = "Accounts and browser sessions"),
        (name = "me", description = "The signed-in user"),
        (name = "workspaces", description = "Workspaces and their settings"),
        (name = "team", description = "Members, roles and suspension"),
        (name = "invitations", description = "Invitations by email"),
        (name = "api-tokens", description = "Workspace API tokens"),
        (name = "admin", description = "Platform administration"),
        (name = "leads", description = "Leads, lead sources and timelines"),
        (name = "contacts", description = "Contacts"),
        (name = "companies", description = "Companies and duplicate detection"),
        (name = "activities", description = "Activities and tasks (append-only)"),
        (name = "deals", description = "Deals, pipelines and their stages, lost reasons and the board"),
        (name = "notifications", description = "The caller's in-app notifications and the workspace's digest preferences"),
        (name = "public", description = "Public integration API (bearer tokens)"),
        (name = "health", description = "Liveness and readiness"),
    ),
    components(schemas(Problem, ProblemField)),
    modifiers(&SecuritySchemes)
)]
struct ApiDoc;

struct SecuritySchemes;

impl Modify for SecuritySchemes {
    fn modify(&self, doc: &mut Document) {
        let components = doc.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                "crm_session",
                "Browser session cookie set by sign-in/sign-up",
            ))),
        );
        components.add_security_scheme(
            "csrf",
            SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
                "X-CSRF-Token",
                "The crm_csrf cookie's value, required on unsafe methods with a session",
            ))),
        );
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("Workspace API token (`crm_...`), created by an owner"))
                    .build(),
            ),
        );
    }
}

fn problem(description: &str) -> RefOr<utoipa::openapi::Response> {
    RefOr::T(
        ResponseBuilder::new()
            .description(description)
            .content(
                "application/problem+json",
                ContentBuilder::new().schema(Some(Ref::from_schema_name("Problem"))).build(),
            )
            .build(),
    )
}

/// The problems an operation can answer with, from its shape.
fn add_problems(op: &mut Operation) {
    let security: Vec<String> = op
        .security
        .iter()
        .flatten()
        .flat_map(|req| serde_json::to_value(req).ok())
        .filter_map(|v| v.as_object().map(|o| o.keys().cloned().collect::<Vec<_>>()))
        .flatten()
        .collect();
    let has_body = op.request_body.is_some();
    let mut wanted: Vec<(&str, &str)> = vec![
        ("400", "Malformed request (bad JSON, bad path parameter)"),
        ("404", "Not found, or in a workspace you cannot see"),
        ("422", "Invalid input; `errors` names each field"),
        ("500", "Internal error; quote the request id"),
    ];
    if has_body {
        wanted.push(("413", "Body larger than 64 KiB"));
        wanted.push(("415", "Content-Type is not application/json"));
    }
    if !security.is_empty() {
        wanted.push(("401", "Missing or invalid credentials"));
        wanted.push(("403", "Not allowed: role, token scope, CSRF, suspension or ban"));
    }
    for (status, description) in wanted {
        op.responses.responses.entry(status.to_owned()).or_insert_with(|| problem(description));
    }
}

/// Schema patterns, named once. DTO attributes say `pattern = "@name"` (the
/// derive only takes literals) and [`openapi`] swaps in the regex, so each
/// rule is written here only, next to the domain parser it mirrors.
const PATTERNS: [(&str, &str); 8] = [
    // A required single-line text (names, labels): some non-space
    // character and no control characters, as the domain's name types.
    ("@name", r"^[^\x00-\x1F\x7F-\x9F]*[^\s\x00-\x1F\x7F-\x9F][^\x00-\x1F\x7F-\x9F]*$"),
    // An optional single-line text: blank clears it.
    ("@line", r"^[^\x00-\x1F\x7F-\x9F]*$"),
    // Multi-line text: line breaks and tabs allowed.
    ("@text", r"^[^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]*$"),
    // A phone number (crm_leads::Phone): blank, or 7-15 digits with an
    // optional leading + and spaces, dots, dashes or parentheses.
    ("@phone", r"^\s*$|^\s*\+?[ ().-]*(?:[0-9][ ().-]*){7,15}\s*$"),
    // A lead source slug (crm_leads::SourceSlug).
    ("@slug", "^[a-z0-9][a-z0-9_-]{1,39}$"),
    // A company domain or URL (crm_contacts::Domain): blank, or a host of
    // dot-separated letter/digit/hyphen labels, optionally with scheme,
    // `www.`, port and path.
    (
        "@domain",
        r"^\s*$|^\s*(?:[Hh][Tt][Tt][Pp][Ss]?://)?(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.?(?::[0-9]{0,5})?(?:[/?#][^\s]*)?\s*$",
    ),
    // A tag (crm_leads::Tags): 1-40 characters once trimmed, no commas.
    ("@tag", r"^\s*[^\s,\x00-\x1F\x7F-\x9F][^,\x00-\x1F\x7F-\x9F]{0,39}$"),
    // A non-negative decimal amount (crm_kernel::Money): digits, then at most
    // as many decimals as the workspace currency has (2 for EUR, 0 for JPY,
    // 3 for KWD; more is a 422 naming the currency).
    ("@amount", r"^\s*[0-9]{1,13}(?:\.[0-9]{1,3})?\s*$"),
];

fn resolve_patterns(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                if key == "pattern"
                    && let Some((_, regex)) = v.as_str().and_then(|p| PATTERNS.iter().find(|(name, _)| *name == p))
                {
                    *v = serde_json::Value::String((*regex).to_owned());
                } else {
                    resolve_patterns(v);
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(resolve_patterns),
        _ => {}
    }
}

/// The whole document, as served at `/api-docs/openapi.json` and committed
/// as `openapi/openapi.json`.
#[must_use]
pub fn openapi() -> Document {
    let (_, mut doc) =
        App::new().into_utoipa_app().openapi(ApiDoc::openapi()).configure(handlers::routes).split_for_parts();
    for item in doc.paths.paths.values_mut() {
        for op in
            [&mut item.get, &mut item.post, &mut item.put, &mut item.patch, &mut item.delete].into_iter().flatten()
        {
            add_problems(op);
        }
    }
    let Ok(mut value) = serde_json::to_value(&doc) else { return doc };
    resolve_patterns(&mut value);
    serde_json::from_value(value).unwrap_or(doc)
}

/// Documented paths and their methods, for answering 405 with `Allow`.
#[derive(Clone, Debug, Default)]
pub struct RouteTable(Vec<(Vec<String>, Vec<&'static str>)>);

impl RouteTable {
    #[must_use]
    pub fn from_document(doc: &Document) -> Self {
        let routes = doc
            .paths
            .paths
            .iter()
            .map(|(path, item)| {
                let segments = path.split('/').map(str::to_owned).collect();
                let mut methods = Vec::new();
                for (method, present) in [
                    ("GET", item.get.is_some()),
                    ("POST", item.post.is_some()),
                    ("PUT", item.put.is_some()),
                    ("PATCH", item.patch.is_some()),
                    ("DELETE", item.delete.is_some()),
                ] {
                    if present {
                        methods.push(method);
                    }
                }
                (segments, methods)
            })
            .collect();
        Self(routes)
    }

    /// The methods documented for a concrete request path, if any path
    /// template matches it.
    #[must_use]
    pub fn allowed(&self, path: &str) -> Option<Vec<&'static str>> {
        let segments: Vec<&str> = path.split('/').collect();
        self.0
            .iter()
            .find(|(template, _)| {
                template.len() == segments.len()
                    && template.iter().zip(&segments).all(|(t, s)| (t.starts_with('{') && !s.is_empty()) || t == s)
            })
            .map(|(_, methods)| methods.clone())
    }
}
