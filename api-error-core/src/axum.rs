//! axum integration: `IntoResponse` for every derived type, and a layer that
//! gives each request its id, format and debug mode.
//!
//! Turn on the `axum` feature of `api-error`; a handler then returns
//! `Result<T, YourError>` and the error is the response.
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

use crate::response::{ErrorContext, Mode, RequestId, X_REQUEST_ID};
use crate::{scope, ApiError, Format};
use axum_core::body::Body;
use axum_core::extract::FromRequestParts;
use axum_core::response::Response;
use http::request::Parts;
use pin_project_lite::pin_project;
use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::task::{ready, Context, Poll};
use tower_layer::Layer;
use tower_service::Service;

/// The axum response of `error`: what the derived `IntoResponse` returns.
#[doc(hidden)]
pub fn into_response<E: ApiError + ?Sized>(error: &E) -> Response {
    scope::http_response(error).map(Body::from)
}

/// Gives every request an error context: its `X-Request-Id` (kept when the
/// client sent a valid one, generated otherwise, and echoed on every
/// response), the format the API speaks, and whether a debug block may be
/// shown.
///
/// ```
/// use api_error::axum::ApiErrorLayer;
/// use api_error::{Format, Mode};
/// use axum::{routing::get, Router};
///
/// let v1: Router = Router::new()
///     .route("/customers", get(|| async { "[]" }))
///     .layer(ApiErrorLayer::new().format(Format::Flat));
/// let v2: Router = Router::new()
///     .route("/clients", get(|| async { "[]" }))
///     .layer(ApiErrorLayer::new().mode(Mode::Test));
/// let app: Router = Router::new().nest("/v1", v1).nest("/v2", v2);
/// # let _ = app;
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct ApiErrorLayer {
    format: Option<Format>,
    mode: Mode,
}

impl ApiErrorLayer {
    /// Errors in their type's format, no debug blocks.
    #[must_use]
    pub fn new() -> Self {
        ApiErrorLayer::default()
    }

    /// Renders every error of the wrapped routes in `format`.
    #[must_use]
    pub fn format(mut self, format: Format) -> Self {
        self.format = Some(format);
        self
    }

    /// [`Mode::Test`] lets requests with `?debug=true` see debug blocks.
    #[must_use]
    pub fn mode(mut self, mode: Mode) -> Self {
        self.mode = mode;
        self
    }
}

impl<S> Layer<S> for ApiErrorLayer {
    type Service = ApiErrorService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        ApiErrorService {
            inner,
            config: *self,
        }
    }
}

/// The service of [`ApiErrorLayer`].
#[derive(Clone, Debug)]
pub struct ApiErrorService<S> {
    inner: S,
    config: ApiErrorLayer,
}

impl<S, ReqBody, ResBody> Service<http::Request<ReqBody>> for ApiErrorService<S>
where
    S: Service<http::Request<ReqBody>, Response = http::Response<ResBody>>,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = ResponseFuture<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut request: http::Request<ReqBody>) -> Self::Future {
        let context = ErrorContext::for_request(&request, self.config.format, self.config.mode);
        let request_id = context
            .request_id
            .clone()
            .unwrap_or_else(RequestId::generate);
        request
            .headers_mut()
            .insert(X_REQUEST_ID.clone(), request_id.header_value());
        request.extensions_mut().insert(request_id.clone());
        request
            .extensions_mut()
            .insert(tower_http::request_id::RequestId::new(
                request_id.header_value(),
            ));
        ResponseFuture {
            inner: scope::scope(context, self.inner.call(request)),
            request_id: Some(request_id),
        }
    }
}

pin_project! {
    /// The response future of [`ApiErrorService`].
    pub struct ResponseFuture<F> {
        #[pin]
        inner: tokio::task::futures::TaskLocalFuture<ErrorContext, F>,
        request_id: Option<RequestId>,
    }
}

impl<F, B, E> Future for ResponseFuture<F>
where
    F: Future<Output = Result<http::Response<B>, E>>,
{
    type Output = Result<http::Response<B>, E>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let mut response = ready!(this.inner.poll(cx))?;
        if let Some(id) = this.request_id.take() {
            response
                .headers_mut()
                .insert(X_REQUEST_ID.clone(), id.header_value());
        }
        Poll::Ready(Ok(response))
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
