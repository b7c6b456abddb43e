//! [`ApiErrorLayer`]: the request's error context, and every error response
//! in the API's format.

use super::drain::{self, Before, DrainLimits, Draining, Unread};
use crate::request::{AnyJsonContentType, RequestError};
use crate::scope::{self, RequestParts, Scope, Settings};
use crate::{ApiError, Format};
use crate::{Mode, RequestId, X_REQUEST_ID};
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
/// `WWW-Authenticate`).
/// A body already in a JSON format is never rewritten.
///
/// An error answered before the request body was read to its end (a 401
/// from an authentication extractor, a 415, a 413 from a length check) would
/// otherwise cost the client its connection and, when it reuses it, its next
/// request: hyper closes a connection whose request body is left unread. So
/// before such an error is sent, the layer reads the rest of the body and
/// drops it, up to 64 KiB and for at most a second
/// ([`drain_unread_body`](Self::drain_unread_body) changes both), and the
/// connection stays open (RFC 9112, section 9.6, advises reading the rest
/// over closing at once). A longer body, one that takes longer, one whose
/// client waits for `100 Continue`, or one a handler still holds gets
/// `Connection: close` on the response instead, so the client opens a new
/// connection for its next request. Responses that are not errors are left
/// as they are, and so are HTTP/2 requests, where an unread body costs only
/// its own stream. The wait uses tokio's timer, which `#[tokio::main]`,
/// `#[tokio::test]` and `axum::serve`'s usual runtimes have; a runtime built
/// by hand needs `enable_time`.
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
    settings: Settings,
    drain: DrainLimits,
}

scope::error_layer_builders!(ApiErrorLayer, "api_error::axum::ApiErrorLayer", "routes");

impl ApiErrorLayer {
    /// How much of a request body an error left unread the layer reads
    /// before answering: at most `max_bytes`, for at most `max_wait`. Past
    /// either, the response says `Connection: close`; with `max_bytes` of 0
    /// only a body with nothing left keeps the connection.
    ///
    /// ```
    /// use api_error::axum::ApiErrorLayer;
    /// use std::time::Duration;
    ///
    /// let layer = ApiErrorLayer::new().drain_unread_body(1 << 20, Duration::from_millis(250));
    /// # let _ = layer;
    /// ```
    #[must_use]
    pub fn drain_unread_body(mut self, max_bytes: u64, max_wait: Duration) -> Self {
        self.drain = DrainLimits {
            max_bytes,
            max_wait,
        };
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
    S: Service<http::Request<Body>, Response = http::Response<ResBody>>,
    ReqBody: http_body::Body<Data = Bytes> + Send + 'static,
    ReqBody::Error: Into<BoxError>,
    ResBody: http_body::Body<Data = Bytes> + Send + 'static,
    ResBody::Error: Into<BoxError>,
{
    type Response = http::Response<Body>;
    type Error = S::Error;
    type Future = ResponseFuture<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: http::Request<ReqBody>) -> Self::Future {
        let (mut request, unread) = drain::track(request);
        let header = |name: &http::header::HeaderName| {
            request
                .headers()
                .get(name)
                .and_then(|value| value.to_str().ok())
        };
        let scope = self.config.settings.scope(&RequestParts {
            request_id: header(&X_REQUEST_ID),
            query: request.uri().query(),
            accept: header(&http::header::ACCEPT),
            accept_language: header(&http::header::ACCEPT_LANGUAGE),
            cookie: header(&http::header::COOKIE),
        });
        let request_id = scope
            .context
            .request_id
            .clone()
            .unwrap_or_else(RequestId::generate);
        request
            .headers_mut()
            .insert(X_REQUEST_ID.clone(), request_id.header_value());
        request.extensions_mut().insert(request_id.clone());
        if self.config.settings.any_json_content_type {
            request.extensions_mut().insert(AnyJsonContentType);
        }
        #[cfg(feature = "fluent")]
        if self.config.settings.localize.is_some() {
            request
                .extensions_mut()
                .insert(crate::Locales::from(&scope.context));
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
        ResponseFuture {
            inner: scope::scope(scope, self.inner.call(request)),
            request_id: Some(request_id),
            routed,
            started: Instant::now(),
            unread,
            drain: self.config.drain,
            pending: None,
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
        unread: Option<Unread>,
        drain: DrainLimits,
        // An error response waiting for the rest of the request body.
        pending: Option<(http::Response<Body>, Draining)>,
    }
}

/// Reads the rest of the request's body before `response` is sent, for as
/// long as the limits allow: the connection is kept when it was all read,
/// closed otherwise. A read that must wait leaves both in `pending`.
fn drain_then_send<E>(
    mut response: http::Response<Body>,
    mut draining: Draining,
    pending: &mut Option<(http::Response<Body>, Draining)>,
    cx: &mut Context<'_>,
) -> Poll<Result<http::Response<Body>, E>> {
    match draining.poll_keep(cx) {
        Poll::Ready(keep) => {
            if !keep {
                drain::close(&mut response);
            }
            Poll::Ready(Ok(response))
        }
        Poll::Pending => {
            *pending = Some((response, draining));
            Poll::Pending
        }
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
        if let Some((response, draining)) = this.pending.take() {
            return drain_then_send(response, draining, this.pending, cx);
        }
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
        let is_error = response.status().is_client_error() || response.status().is_server_error();
        // A response already marked as the connection's last (by another
        // layer of this kind, say) needs no reading of the rest.
        let closes = drain::says_close(response.headers());
        match this.unread.take().filter(|_| is_error && !closes) {
            None => Poll::Ready(Ok(response)),
            Some(unread) => match unread.before_error(*this.drain) {
                Before::Send => Poll::Ready(Ok(response)),
                Before::Close => {
                    drain::close(&mut response);
                    Poll::Ready(Ok(response))
                }
                Before::Drain(body) => {
                    let draining = Draining::new(body, *this.drain);
                    drain_then_send(response, draining, this.pending, cx)
                }
            },
        }
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
