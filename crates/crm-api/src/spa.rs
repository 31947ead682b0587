//! Everything no route matched: 405 for documented paths with another
//! method, the SPA's files and `index.html` for its deep links, and
//! problem+json 404 for the rest.

use std::path::{Component, Path, PathBuf};

use actix_files::NamedFile;
use actix_web::http::{Method, header};
use actix_web::{HttpRequest, HttpResponse, web};

use crate::app::AppState;
use crate::error::{ApiError, Code};

fn safe_join(root: &Path, request_path: &str) -> Option<PathBuf> {
    let relative = Path::new(request_path.trim_start_matches('/'));
    if relative.components().all(|c| matches!(c, Component::Normal(_))) { Some(root.join(relative)) } else { None }
}

pub async fn fallback(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let path = req.path();
    if let Some(allowed) = state.routes.allowed(path) {
        return Err(ApiError::new(
            Code::RequestMethodNotAllowed,
            format!("{} is not allowed here; allowed: {}", req.method(), allowed.join(", ")),
        )
        .with_header(header::ALLOW, allowed.join(", ")));
    }
    let is_api = path.starts_with("/api/") || path == "/api";
    let is_read = matches!(*req.method(), Method::GET | Method::HEAD);
    if is_api || !is_read {
        return Err(ApiError::new(Code::RequestNoRoute, format!("no route for {path}")));
    }
    let Some(root) = state.static_dir.as_deref() else {
        return Err(ApiError::new(Code::SpaNotBuilt, "the SPA is not being served (CRM_STATIC_DIR)"));
    };
    let file = safe_join(root, path).filter(|p| p.is_file());
    let (file, cache) = match file {
        // Vite fingerprints everything under /assets: cache forever.
        Some(f) => (f, if path.starts_with("/assets/") { "public, max-age=31536000, immutable" } else { "no-cache" }),
        None => (root.join("index.html"), "no-cache"),
    };
    let named = NamedFile::open_async(&file)
        .await
        .map_err(|_| ApiError::new(Code::SpaNotBuilt, "the SPA has not been built (npm run build)"))?;
    let mut response = named.into_response(&req);
    response.headers_mut().insert(header::CACHE_CONTROL, header::HeaderValue::from_static(cache));
    Ok(response)
}
