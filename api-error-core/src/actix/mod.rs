//! actix-web integration: `ResponseError` for every derived type, extractors
//! whose rejections answer in the API's format, and a middleware that gives
//! each request its id, format and debug mode and every error response the
//! API's format.
//!
//! Turn on the `actix-web` feature of `api-error`; a handler then returns
//! `Result<T, YourError>` and the error is the response. With
//! [`ApiErrorMiddleware`] wrapping the app, [`configure`] applied to it and
//! this module's [`Json`], [`Query`], [`Form`] and [`Path`] in place of
//! actix-web's, every error response follows the API's format: extractor
//! rejections, unmatched routes, wrong methods (with `Allow`), payload limits
//! and panicking handlers included. See [`RequestError`](crate::RequestError)
//! for what each answers.
//!
//! What actix-web does not let a middleware see: a request whose head is
//! malformed or too slow (the server answers 400 or 408 before any
//! middleware runs), and a panic in a response body's stream after the
//! headers were sent (the connection is closed).
//!
//! ```
//! use actix_web::{test, web, App, HttpResponse};
//! use api_error::actix::ApiErrorMiddleware;
//! use api_error::{ApiError, Format, RequestId};
//!
//! #[derive(Debug, ApiError)]
//! #[api(format = "flat")]
//! enum CustomerError {
//!     #[api(status = 409, code = "duplicate_email", message = "A customer with this email already exists")]
//!     DuplicateEmail,
//!
//!     #[api(status = 500, code = "internal_error", message = "Something went wrong on our end")]
//!     Internal(#[api(source)] std::io::Error),
//! }
//!
//! async fn create_customer(body: web::Bytes, request_id: RequestId) -> Result<HttpResponse, CustomerError> {
//!     if body.as_ref() == br#"{"email":"ada@example.com"}"# {
//!         return Err(CustomerError::DuplicateEmail);
//!     }
//!     Ok(HttpResponse::Created().body(request_id.to_string()))
//! }
//!
//! # #[actix_web::main]
//! # async fn main() {
//! let app = test::init_service(
//!     App::new().service(
//!         web::scope("/api")
//!             .wrap(ApiErrorMiddleware::new())
//!             .route("/customers", web::post().to(create_customer)),
//!     ),
//! )
//! .await;
//!
//! let request = test::TestRequest::post()
//!     .uri("/api/customers")
//!     .set_payload(r#"{"email":"ada@example.com"}"#)
//!     .to_request();
//! let response = test::call_service(&app, request).await;
//! assert_eq!(response.status(), 409);
//! let headers = response.headers();
//! assert_eq!(headers.get("content-type").unwrap(), "application/json");
//! assert!(headers.get("x-request-id").unwrap().to_str().unwrap().starts_with("req_"));
//! let body = test::read_body(response).await;
//! assert_eq!(body, r#"{"error":"Conflict","message":"A customer with this email already exists"}"#);
//! # }
//! ```

mod config;
mod extract;
mod middleware;
#[cfg(any(feature = "validator", feature = "garde"))]
mod valid;

pub use crate::request::Rejection;
#[cfg(feature = "garde")]
pub use crate::validation::Garde;
#[cfg(feature = "validator")]
pub use crate::validation::Valid;
pub use config::{configure, not_found};
pub use extract::{Form, Json, Path, Query};
pub use middleware::{ApiErrorMiddleware, ApiErrorService};

use crate::RequestId;

use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::{FromRequest, HttpMessage, HttpRequest, HttpResponse};
use std::future::{ready, Ready};

/// What the derived impls call.
pub(crate) mod derived {
    use super::{actix_status, to_actix};
    use crate::{scope, ApiError};
    use actix_web::HttpResponse;

    /// The actix-web status of `error`.
    pub fn status_code<E: ApiError + ?Sized>(error: &E) -> actix_web::http::StatusCode {
        actix_status(error.status())
    }

    /// The actix-web response of `error`: what the derived `ResponseError`
    /// returns.
    pub fn error_response<E: ApiError + ?Sized>(error: &E) -> HttpResponse {
        to_actix(scope::http_response(error))
    }
}

/// The actix-web status of an `http` 1.x status.
pub(crate) fn actix_status(status: http::StatusCode) -> actix_web::http::StatusCode {
    actix_web::http::StatusCode::from_u16(status.as_u16())
        .unwrap_or(actix_web::http::StatusCode::INTERNAL_SERVER_ERROR)
}

/// An `http` 1.x response as actix-web's, which speaks `http` 0.2: headers
/// cross as bytes. Every value was built valid, so none is dropped.
pub(crate) fn to_actix(response: http::Response<Vec<u8>>) -> HttpResponse {
    let (parts, body) = response.into_parts();
    let mut out = HttpResponse::build(actix_status(parts.status));
    for (name, value) in &parts.headers {
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.as_str().as_bytes()),
            HeaderValue::from_bytes(value.as_bytes()),
        ) {
            out.append_header((name, value));
        }
    }
    out.body(body)
}

/// The request's id, in a handler behind [`ApiErrorMiddleware`]; a new one
/// elsewhere.
impl FromRequest for RequestId {
    type Error = actix_web::Error;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(request: &HttpRequest, _payload: &mut actix_web::dev::Payload) -> Self::Future {
        ready(Ok(request
            .extensions()
            .get::<RequestId>()
            .cloned()
            .unwrap_or_else(RequestId::generate)))
    }
}

/// The client's locales, in a handler: as [`ApiErrorMiddleware::localize`]
/// read them (its query parameter and cookie first), or from the request's
/// `Accept-Language` without it.
#[cfg(feature = "fluent")]
impl FromRequest for crate::Locales {
    type Error = actix_web::Error;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(request: &HttpRequest, _payload: &mut actix_web::dev::Payload) -> Self::Future {
        if let Some(locales) = request.extensions().get::<crate::Locales>() {
            return ready(Ok(locales.clone()));
        }
        let accept_language = request
            .headers()
            .get(actix_web::http::header::ACCEPT_LANGUAGE)
            .and_then(|value| value.to_str().ok());
        ready(Ok(crate::Locales::from_accept_language(accept_language)))
    }
}

/// Implements actix-web's `ResponseError` for a derived type when the
/// `actix-web` feature is on.
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_actix_web {
    ([$($impl_generics:tt)*] [$($ty:tt)*] [$($where_clause:tt)*]) => {
        impl $($impl_generics)* $crate::__private::actix_web::ResponseError for $($ty)* $($where_clause)* {
            fn status_code(&self) -> $crate::__private::actix_web::http::StatusCode {
                $crate::__private::actix_status_code(self)
            }

            fn error_response(&self) -> $crate::__private::actix_web::HttpResponse {
                $crate::__private::actix_error_response(self)
            }
        }
    };
}
