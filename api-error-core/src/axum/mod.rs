//! axum integration: `IntoResponse` for every derived type, extractors whose
//! rejections answer in the API's format, and a layer that gives each request
//! its id, format and debug mode and every error response the API's format.
//!
//! Turn on the `axum` feature of `api-error`; a handler then returns
//! `Result<T, YourError>` and the error is the response. With
//! [`ApiErrorLayer`] on the router and this module's [`Json`], [`Query`],
//! [`Form`] and [`Path`] in place of axum's, every error response follows the
//! API's format: extractor rejections, the router's 404 and 405, body limits,
//! timeouts and panics (with tower-http's `CatchPanicLayer` and
//! [`PanicResponse`]) included. See [`RequestError`] for what each answers.
//!
//! ```
//! use api_error::axum::ApiErrorLayer;
//! use api_error::{ApiError, Mode, RequestId};
//! use axum::extract::Path;
//! use axum::routing::get;
//! use axum::{Json, Router};
//! use serde_json::{json, Value};
//! use tower::ServiceExt;
//!
//! #[derive(Debug, ApiError)]
//! enum ClientError {
//!     #[api(status = 404, code = "not_found", message = "Client not found")]
//!     NotFound { #[api(extra)] id: String },
//!
//!     #[api(status = 500, code = "internal_error", message = "An unexpected error occurred")]
//!     Internal(#[api(source)] std::io::Error),
//! }
//!
//! async fn get_client(Path(id): Path<String>, request_id: RequestId) -> Result<Json<Value>, ClientError> {
//!     if id == "cli_1" {
//!         return Ok(Json(json!({ "id": id, "request": request_id.as_str() })));
//!     }
//!     Err(ClientError::NotFound { id })
//! }
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() {
//! let app = Router::new()
//!     .route("/v1/clients/{id}", get(get_client))
//!     .layer(ApiErrorLayer::new().mode(Mode::Production));
//!
//! let request = axum::http::Request::get("/v1/clients/cli_9")
//!     .header("x-request-id", "req_42")
//!     .body(axum::body::Body::empty())
//!     .unwrap();
//! let response = app.oneshot(request).await.unwrap();
//! assert_eq!(response.status(), 404);
//! assert_eq!(response.headers()["content-type"], "application/json");
//! assert_eq!(response.headers()["x-request-id"], "req_42");
//! let body = axum::body::to_bytes(response.into_body(), 1 << 16).await.unwrap();
//! assert_eq!(body, r#"{"error":{"code":"not_found","message":"Client not found","id":"cli_9"}}"#);
//! # }
//! ```

mod drain;
mod extract;
mod layer;
#[cfg(any(feature = "validator", feature = "garde"))]
mod valid;

pub use crate::request::Rejection;
#[cfg(feature = "garde")]
pub use crate::validation::Garde;
#[cfg(feature = "validator")]
pub use crate::validation::Valid;
pub use extract::{Form, Json, Path, Query};
pub use layer::{ApiErrorLayer, ApiErrorService, ResponseFuture};

use crate::request::{PanicPayload, RequestError};
use crate::scope;
use crate::RequestId;
use axum_core::body::Body;
use axum_core::extract::FromRequestParts;
use axum_core::response::Response;
use http::request::Parts;
use std::any::Any;
use std::convert::Infallible;

/// What the derived impls call.
pub(crate) mod derived {
    use crate::{scope, ApiError};
    use axum_core::body::Body;
    use axum_core::response::Response;

    /// The axum response of `error`: what the derived `IntoResponse`
    /// returns.
    pub fn into_response<E: ApiError + ?Sized>(error: &E) -> Response {
        scope::http_response(error).map(Body::from)
    }
}

/// Answers a panicking handler for tower-http's `CatchPanicLayer`: a 500
/// [`RequestError::Panic`] in the API's format, its payload logged with the
/// request id and shown only in a test-mode debug block.
///
/// Put the `CatchPanicLayer` inside [`ApiErrorLayer`], so the panic is
/// answered with the request's context:
///
/// ```
/// use api_error::axum::{ApiErrorLayer, PanicResponse};
/// use axum::{routing::get, Router};
/// use tower_http::catch_panic::CatchPanicLayer;
///
/// let app: Router = Router::new()
///     .route("/boom", get(|| async { panic!("index out of bounds"); "unreachable" }))
///     .layer(CatchPanicLayer::custom(PanicResponse))
///     .layer(ApiErrorLayer::new());
/// # let _ = app;
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct PanicResponse;

impl tower_http::catch_panic::ResponseForPanic for PanicResponse {
    type ResponseBody = Body;

    fn response_for_panic(&mut self, payload: Box<dyn Any + Send + 'static>) -> Response {
        let error = RequestError::Panic(PanicPayload::from_panic(&*payload));
        scope::request_error_response(error).map(Body::from)
    }
}

/// The request's id, in a handler behind [`ApiErrorLayer`]; a new one
/// elsewhere.
impl<S: Send + Sync> FromRequestParts<S> for RequestId {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(parts
            .extensions
            .get::<RequestId>()
            .cloned()
            .unwrap_or_else(RequestId::generate))
    }
}

/// The client's locales, in a handler: as [`ApiErrorLayer::localize`]
/// read them (its query parameter and cookie first), or from the request's
/// `Accept-Language` without it.
#[cfg(feature = "fluent")]
impl<S: Send + Sync> FromRequestParts<S> for crate::Locales {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        if let Some(locales) = parts.extensions.get::<crate::Locales>() {
            return Ok(locales.clone());
        }
        let accept_language = parts
            .headers
            .get(http::header::ACCEPT_LANGUAGE)
            .and_then(|value| value.to_str().ok());
        Ok(crate::Locales::from_accept_language(accept_language))
    }
}

/// Generates ids for tower-http's `SetRequestIdLayer`, for an app that sets
/// ids with tower-http: `SetRequestIdLayer::x_request_id(MakeApiRequestId)`.
#[derive(Clone, Copy, Debug, Default)]
pub struct MakeApiRequestId;

impl tower_http::request_id::MakeRequestId for MakeApiRequestId {
    fn make_request_id<B>(
        &mut self,
        _request: &http::Request<B>,
    ) -> Option<tower_http::request_id::RequestId> {
        Some(tower_http::request_id::RequestId::new(
            RequestId::generate().header_value(),
        ))
    }
}

/// Implements axum's `IntoResponse` for a derived type when the `axum`
/// feature is on.
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_axum {
    ([$($impl_generics:tt)*] [$($ty:tt)*] [$($where_clause:tt)*]) => {
        impl $($impl_generics)* $crate::__private::axum_core::response::IntoResponse for $($ty)* $($where_clause)* {
            fn into_response(self) -> $crate::__private::axum_core::response::Response {
                $crate::__private::axum_into_response(&self)
            }
        }
    };
}
