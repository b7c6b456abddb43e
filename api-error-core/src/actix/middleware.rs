//! [`ApiErrorMiddleware`]: the request's error context, every error response
//! in the API's format, and panicking handlers answered.

use super::to_actix;
use crate::request::{AnyJsonContentType, PanicPayload, RequestError};
use crate::scope::{self, RequestParts, Scope, Settings};
use crate::{ApiError, Format};
use crate::{Mode, RequestId, X_REQUEST_ID};
use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{forward_ready, Service, ServiceRequest, ServiceResponse, Transform};
use actix_web::error::InternalError;
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::HttpMessage;
use pin_project_lite::pin_project;
use std::any::Any;
use std::future::{ready, Future, Ready};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::pin::{pin, Pin};
use std::rc::Rc;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

/// Gives every request an error context, every error response the API's
/// format, and a panicking handler a 500 in that format.
///
/// For each request it keeps a valid client `X-Request-Id` or generates one,
/// echoes it on every response, and knows the format the API speaks and
/// whether a debug block may be shown. Every error response of the wrapped
/// services whose body is not JSON (an unmatched route's 404, a wrong
/// method's 405, a rejection of actix-web's own extractors, a bare
/// `HttpResponse::Forbidden()`) is answered with a [`RequestError`] in that
/// format instead, keeping the response's other headers (`Allow`,
/// `WWW-Authenticate`). A body already in a JSON format is never rewritten.
///
/// ```
/// use actix_web::{web, App};
/// use api_error::actix::ApiErrorMiddleware;
/// use api_error::{Format, Mode};
///
/// let app = App::new().service(
///     web::scope("/v1")
///         .wrap(ApiErrorMiddleware::new().format(Format::Flat).mode(Mode::Test))
///         .route("/customers", web::get().to(|| async { "[]" })),
/// );
/// # let _ = app;
/// ```
#[derive(Clone, Debug, Default)]
pub struct ApiErrorMiddleware {
    settings: Settings,
}

scope::error_layer_builders!(
    ApiErrorMiddleware,
    "api_error::actix::ApiErrorMiddleware",
    "services"
);

impl ApiErrorMiddleware {
    fn scope(&self, request: &ServiceRequest) -> Scope {
        let header = |name: &str| {
            request
                .headers()
                .get(name)
                .and_then(|value| value.to_str().ok())
        };
        self.settings.scope(&RequestParts {
            request_id: header(X_REQUEST_ID.as_str()),
            query: Some(request.query_string()),
            accept: header("accept"),
            accept_language: header("accept-language"),
            cookie: header("cookie"),
        })
    }
}

impl<S, B> Transform<S, ServiceRequest> for ApiErrorMiddleware
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = actix_web::Error> + 'static,
    B: MessageBody + 'static,
{
    type Response = ServiceResponse<EitherBody<B>>;
    type Error = actix_web::Error;
    type Transform = ApiErrorService<S>;
    type InitError = ();
    type Future = Ready<Result<Self::Transform, Self::InitError>>;

    fn new_transform(&self, service: S) -> Self::Future {
        ready(Ok(ApiErrorService {
            service: Rc::new(service),
            config: self.clone(),
        }))
    }
}

/// The service of [`ApiErrorMiddleware`].
pub struct ApiErrorService<S> {
    service: Rc<S>,
    config: ApiErrorMiddleware,
}

impl<S, B> Service<ServiceRequest> for ApiErrorService<S>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = actix_web::Error> + 'static,
    B: MessageBody + 'static,
{
    type Response = ServiceResponse<EitherBody<B>>;
    type Error = actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Self::Error>>>>;

    forward_ready!(service);

    fn call(&self, request: ServiceRequest) -> Self::Future {
        let scope = self.config.scope(&request);
        let request_id = scope
            .context
            .request_id
            .clone()
            .unwrap_or_else(RequestId::generate);
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
        // The request cannot be cloned to answer a panic with: actix-web's
        // router needs it unshared. Errors and panics leave as an error
        // carrying the response rendered here, in the request's scope.
        let service = Rc::clone(&self.service);
        let started = Instant::now();
        Box::pin(async move {
            let called = catch_unwind(AssertUnwindSafe(|| service.call(request)));
            let (outcome, scope) = match called {
                Ok(future) => {
                    let mut future = pin!(scope::scope(scope, CatchUnwind { inner: future }));
                    let outcome = future.as_mut().await;
                    (outcome, future.as_mut().take_value().unwrap_or_default())
                }
                Err(payload) => (Err(payload), scope),
            };
            match outcome {
                Ok(Ok(response)) => {
                    let mut response = formatted(response, &scope, started.elapsed());
                    set_request_id(response.headers_mut(), &request_id);
                    Ok(response)
                }
                Ok(Err(error)) => {
                    let mut response = scope::within(scope, || error.error_response());
                    set_request_id(response.headers_mut(), &request_id);
                    Err(InternalError::from_response(error, response).into())
                }
                Err(payload) => {
                    let payload = PanicPayload::from_panic(&*payload);
                    let error = RequestError::Panic(payload.clone());
                    let mut response = to_actix(scope.request_error_response(error));
                    set_request_id(response.headers_mut(), &request_id);
                    Err(InternalError::from_response(payload, response).into())
                }
            }
        })
    }
}

fn set_request_id(headers: &mut header::HeaderMap, request_id: &RequestId) {
    if let Ok(value) = HeaderValue::from_str(request_id.as_str()) {
        headers.insert(HeaderName::from_static("x-request-id"), value);
    }
}

/// The response, or the request error it stands for in the API's format.
fn formatted<B>(
    response: ServiceResponse<B>,
    scope: &Scope,
    elapsed: Duration,
) -> ServiceResponse<EitherBody<B>> {
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .map(HeaderValue::as_bytes);
    if !scope::is_unformatted_error(status, content_type) {
        return response.map_into_left_body();
    }
    let routed = response.request().match_pattern().is_some();
    let status = http::StatusCode::from_u16(status).unwrap_or(http::StatusCode::BAD_REQUEST);
    let Some(error) = scope::error_for_status(status, routed, elapsed, &scope.context) else {
        return response.map_into_left_body();
    };
    let (request, original) = response.into_parts();
    let mut replacement = to_actix(scope.request_error_response(error));
    let own: Vec<HeaderName> = replacement.headers().keys().cloned().collect();
    for (name, value) in original.headers() {
        let body_header = name == header::CONTENT_TYPE
            || name == header::CONTENT_LENGTH
            || name == header::TRANSFER_ENCODING;
        if !body_header && !own.contains(name) {
            replacement
                .headers_mut()
                .append(name.clone(), value.clone());
        }
    }
    ServiceResponse::new(request, replacement).map_into_right_body()
}

pin_project! {
    /// A future whose panics are caught and returned.
    struct CatchUnwind<F> {
        #[pin]
        inner: F,
    }
}

impl<F: Future> Future for CatchUnwind<F> {
    type Output = Result<F::Output, Box<dyn Any + Send>>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let inner = self.project().inner;
        match catch_unwind(AssertUnwindSafe(|| inner.poll(cx))) {
            Ok(Poll::Pending) => Poll::Pending,
            Ok(Poll::Ready(output)) => Poll::Ready(Ok(output)),
            Err(payload) => Poll::Ready(Err(payload)),
        }
    }
}
