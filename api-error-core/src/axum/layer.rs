//! [`ApiErrorLayer`]: the request's error context, and every error response
//! in the API's format.

use crate::request::{AnyJsonContentType, RequestError};
use crate::response::{ErrorContext, Mode, RequestId, X_REQUEST_ID};
use crate::scope::{self, MapRequestErrors, Scope};
use crate::{ApiError, Format};
use axum_core::body::Body;
use axum_core::BoxError;
use bytes::Bytes;
use http::header::{CONTENT_LENGTH, CONTENT_TYPE, TRANSFER_ENCODING};
use http::StatusCode;
use pin_project_lite::pin_project;
use std::future::Future;
use std::pin::Pin;
use std::task::{ready, Context, Poll};
use std::time::{Duration, Instant};
use tower_layer::Layer;
use tower_service::Service;

/// Gives every request an error context, and every error response the API's
/// format.
///
/// For each request it keeps a valid client `X-Request-Id` or generates one,
/// echoes it on every response, and knows the format the API speaks and
/// whether a debug block may be shown. Every error response of the wrapped
/// routes whose body is not JSON (the router's 404 and 405, a 413 from
/// `DefaultBodyLimit` or tower-http's `RequestBodyLimitLayer`, a 408 from
/// tower-http's `TimeoutLayer`, a bare `StatusCode::FORBIDDEN`, a rejection
/// of axum's own extractors) is answered with a [`RequestError`] in that
/// format instead, keeping the response's other headers (`Allow`,
/// `WWW-Authenticate`). A body already in a JSON format is never rewritten.
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
#[derive(Clone, Debug, Default)]
pub struct ApiErrorLayer {
    format: Option<Format>,
    mode: Mode,
    map: Option<MapRequestErrors>,
    any_json_content_type: bool,
}

impl ApiErrorLayer {
    /// Errors in their type's format, no debug blocks, request errors as
    /// [`RequestError`].
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

    /// Reads JSON bodies whatever their `Content-Type` says, instead of
    /// answering 415 [`RequestError::UnsupportedMediaType`] when it is
    /// missing or not JSON.
    ///
    /// For an API whose documented clients send JSON without declaring it:
    /// a browser's `fetch` with a string body sends `text/plain`.
    #[must_use]
    pub fn any_json_content_type(mut self) -> Self {
        self.any_json_content_type = true;
        self
    }

    /// Answers every request error (extractor rejections, unmatched routes,
    /// limits, timeouts, panics) with the API's own error: `map` turns each
    /// into it, so its codes and messages are the ones clients see.
    ///
    /// ```
    /// use api_error::axum::ApiErrorLayer;
    /// use api_error::{ApiError, RequestError};
    ///
    /// #[derive(Debug, ApiError)]
    /// enum AppError {
    ///     #[api(status = 404, code = "no_such_endpoint", message = "No such endpoint")]
    ///     NoSuchEndpoint,
    ///     #[api(transparent)]
    ///     Request(RequestError),
    /// }
    ///
    /// impl From<RequestError> for AppError {
    ///     fn from(error: RequestError) -> Self {
    ///         match error {
    ///             RequestError::RouteNotFound => AppError::NoSuchEndpoint,
    ///             other => AppError::Request(other),
    ///         }
    ///     }
    /// }
    ///
    /// let layer = ApiErrorLayer::new().map_request_errors(AppError::from);
    /// # let _ = layer;
    /// ```
    #[must_use]
    pub fn map_request_errors<E, F>(mut self, map: F) -> Self
    where
        E: ApiError,
        F: Fn(RequestError) -> E + Send + Sync + 'static,
    {
        self.map = Some(MapRequestErrors::new(map));
        self
    }
}

impl<S> Layer<S> for ApiErrorLayer {
    type Service = ApiErrorService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        ApiErrorService {
            inner,
            config: self.clone(),
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
    ResBody: http_body::Body<Data = Bytes> + Send + 'static,
    ResBody::Error: Into<BoxError>,
{
    type Response = http::Response<Body>;
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
        if self.config.any_json_content_type {
            request.extensions_mut().insert(AnyJsonContentType);
        }
        request
            .extensions_mut()
            .insert(tower_http::request_id::RequestId::new(
                request_id.header_value(),
            ));
        let routed = request
            .extensions()
            .get::<axum::extract::MatchedPath>()
            .is_some();
        let scope = Scope {
            context,
            map: self.config.map.clone(),
        };
        ResponseFuture {
            inner: scope::scope(scope, self.inner.call(request)),
            request_id: Some(request_id),
            routed,
            started: Instant::now(),
        }
    }
}

pin_project! {
    /// The response future of [`ApiErrorService`].
    pub struct ResponseFuture<F> {
        #[pin]
        inner: tokio::task::futures::TaskLocalFuture<Scope, F>,
        request_id: Option<RequestId>,
        routed: bool,
        started: Instant,
    }
}

impl<F, B, E> Future for ResponseFuture<F>
where
    F: Future<Output = Result<http::Response<B>, E>>,
    B: http_body::Body<Data = Bytes> + Send + 'static,
    B::Error: Into<BoxError>,
{
    type Output = Result<http::Response<Body>, E>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let mut this = self.project();
        let response = ready!(this.inner.as_mut().poll(cx))?;
        let mut response = if needs_format(response.status(), response.headers()) {
            let scope = this.inner.take_value().unwrap_or_default();
            in_format(response, &scope, *this.routed, this.started.elapsed())
        } else {
            response.map(Body::new)
        };
        if let Some(id) = this.request_id.take() {
            response
                .headers_mut()
                .insert(X_REQUEST_ID.clone(), id.header_value());
        }
        Poll::Ready(Ok(response))
    }
}

fn needs_format(status: StatusCode, headers: &http::HeaderMap) -> bool {
    let content_type = headers.get(CONTENT_TYPE).map(http::HeaderValue::as_bytes);
    scope::is_unformatted_error(status.as_u16(), content_type)
}

/// The request error a response stands for, answered in the API's format,
/// with the response's other headers kept.
fn in_format<B>(
    response: http::Response<B>,
    scope: &Scope,
    routed: bool,
    elapsed: Duration,
) -> http::Response<Body>
where
    B: http_body::Body<Data = Bytes> + Send + 'static,
    B::Error: Into<BoxError>,
{
    let status = response.status();
    let Some(error) = scope::error_for_status(status, routed, elapsed, &scope.context) else {
        return response.map(Body::new);
    };
    let (parts, _unread) = response.into_parts();
    let mut formatted = scope.request_error_response(error).map(Body::from);
    copy_headers(&parts.headers, formatted.headers_mut());
    formatted
}

/// Adds the headers of a replaced response that describe more than its body
/// (`Allow`, `WWW-Authenticate`, ...) to its replacement.
pub(crate) fn copy_headers(from: &http::HeaderMap, to: &mut http::HeaderMap) {
    let own: Vec<http::HeaderName> = to.keys().cloned().collect();
    for (name, value) in from {
        let body_header =
            name == CONTENT_TYPE || name == CONTENT_LENGTH || name == TRANSFER_ENCODING;
        if !body_header && !own.contains(name) {
            to.append(name.clone(), value.clone());
        }
    }
}
