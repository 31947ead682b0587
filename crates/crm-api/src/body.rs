//! `Body<T>`: a JSON request body that must be an object.
//!
//! actix's `Json<T>` lets serde build a struct from a JSON array
//! (`[null, null]`), which the contract does not allow. This extractor keeps
//! actix's limits and content-type checks (413, 415, 400) and then requires
//! an object before deserialising into `T` (422 otherwise).

use std::future::Future;
use std::ops::Deref;
use std::pin::Pin;

use actix_web::{FromRequest, HttpRequest, dev::Payload, web};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::{ApiError, Code};

pub struct Body<T>(pub T);

impl<T> Body<T> {
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> Deref for Body<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

fn invalid(detail: String) -> actix_web::Error {
    ApiError::new(Code::RequestInvalidBody, detail).into()
}

impl<T: DeserializeOwned + 'static> FromRequest for Body<T> {
    type Error = actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let json = web::Json::<Value>::from_request(req, payload);
        Box::pin(async move {
            let value = json.await?.into_inner();
            if !value.is_object() {
                return Err(invalid("the body must be a JSON object".to_owned()));
            }
            serde_path_to_error::deserialize(value).map(Body).map_err(|e| {
                let path = e.path().to_string();
                let detail = if path == "." { e.inner().to_string() } else { format!("{path}: {}", e.inner()) };
                invalid(detail)
            })
        })
    }
}
