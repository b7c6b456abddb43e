//! tonic integration: every derived type converts into a `tonic::Status`,
//! and a layer gives each call its request id and debug mode.
//!
//! Turn on the `tonic` feature of `api-error`; a service method then returns
//! `Err(YourError::...)?` (or `.into()`) and the client receives:
//!
//! - the code: [`ApiError::grpc_code`], Google's mapping of the HTTP status
//!   unless the variant names another with `#[api(grpc = "...")]`;
//! - the message: the public message, with a 5xx masked exactly as in HTTP
//!   bodies;
//! - Google's rich error details (AIP-193), in `grpc-status-details-bin`:
//!   - `ErrorInfo`: `reason` is the code upper-cased (`NOT_FOUND`), `domain`
//!     the type's `#[api(domain = "...")]`, `metadata` the extras as strings
//!     (strings as they are, other values as compact JSON; `null` omitted),
//!     and only the extras: the members a body format writes itself
//!     (`errors_omitted`, `request_id`, `debug`, ...) are never metadata;
//!   - `BadRequest`: one field violation for `field`, and one per item of
//!     `errors` (its `code` as the violation's `reason`), at most
//!     [`MAX_FIELD_ERRORS`](crate::MAX_FIELD_ERRORS) of them, as the body
//!     lists them; behind [`ApiErrorLayer::localize`], a violation whose
//!     description the locale translates (an item's rule) carries its
//!     translation as its own `localized_message`;
//!   - `RetryInfo`: from `retry_after`;
//!   - `RequestInfo`: the request id, behind [`ApiErrorLayer`];
//!   - `Help`: a link to the `doc_url`;
//!   - `DebugInfo`: the debug block as JSON and the source chain, only when
//!     the debug block would be shown ([`Mode::Test`] and an `x-debug: true`
//!     request);
//!   - `LocalizedMessage`: the message in the first locale of the call's
//!     `accept-language` metadata the type's Fluent catalogs have, behind
//!     [`ApiErrorLayer::localize`] (the `fluent` feature). The status's own
//!     message stays in the source language, as AIP-193 asks.
//!
//! ```
//! use api_error::{ApiError, FieldErrors};
//! use tonic::Code;
//! use tonic_types::StatusExt;
//!
//! #[derive(Debug, ApiError)]
//! #[api(domain = "clients.example.com")]
//! enum ClientsError {
//!     #[api(status = 404, code = "not_found", message = "Client not found")]
//!     NotFound { #[api(extra)] id: String },
//!
//!     #[api(status = 422, code = "validation_error", message = "Request validation failed")]
//!     Invalid(#[api(errors)] FieldErrors),
//! }
//!
//! let status = tonic::Status::from(ClientsError::NotFound { id: "cli_9".into() });
//! assert_eq!(status.code(), Code::NotFound);
//! assert_eq!(status.message(), "Client not found");
//! let info = status.get_details_error_info().unwrap();
//! assert_eq!(info.reason, "NOT_FOUND");
//! assert_eq!(info.domain, "clients.example.com");
//! assert_eq!(info.metadata["id"], "cli_9");
//!
//! let status: tonic::Status =
//!     ClientsError::Invalid(FieldErrors::new().with("email", "Invalid email format")).into();
//! assert_eq!(status.code(), Code::InvalidArgument);
//! let violations = status.get_details_bad_request().unwrap().field_violations;
//! assert_eq!(violations[0].field, "email");
//! assert_eq!(violations[0].description, "Invalid email format");
//! ```
//!
//! A client reads the status back with
//! [`client::decode_status`](crate::client::decode_status).

use crate::google;
use crate::scope::{self, Scope};
use crate::{ApiError, GrpcCode};
use crate::{ErrorContext, Mode, RequestId, X_REQUEST_ID};
use pin_project_lite::pin_project;
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::task::{ready, Context, Poll};
use tonic_types::{
    BadRequest, DebugInfo, ErrorDetail, ErrorInfo, FieldViolation, Help, HelpLink,
    LocalizedMessage, RequestInfo, RetryInfo, StatusExt,
};
use tower_layer::Layer;
use tower_service::Service;

/// The request metadata that asks a server in [`Mode::Test`] for the
/// `DebugInfo` detail: `x-debug: true` (or `1`), as `?debug=true` does over
/// HTTP.
pub const DEBUG_METADATA: &str = "x-debug";

impl From<GrpcCode> for ::tonic::Code {
    fn from(code: GrpcCode) -> Self {
        ::tonic::Code::from_i32(code.as_i32())
    }
}

impl From<::tonic::Code> for GrpcCode {
    fn from(code: ::tonic::Code) -> Self {
        GrpcCode::from_i32(code as i32).unwrap_or(GrpcCode::Unknown)
    }
}

/// The status of `error` under `context`: its code, its public message and
/// the rich error details (see the [module documentation](self)).
///
/// `From<E> for tonic::Status` calls this with the context of the current
/// call ([`ApiErrorLayer`]), and logs a 5xx first; call it yourself for a
/// context of your own.
///
/// ```
/// use api_error::{ApiError, ErrorContext, RequestId};
/// use tonic_types::StatusExt;
///
/// #[derive(Debug, ApiError)]
/// enum Error {
///     #[api(status = 503, code = "maintenance", message = "Back in {secs} seconds")]
///     Maintenance { #[api(retry_after)] secs: u64 },
/// }
///
/// let context = ErrorContext::new().with_request_id(RequestId::parse("req_1").unwrap());
/// let status = api_error::tonic::status(&Error::Maintenance { secs: 30 }, &context);
/// assert_eq!(status.code(), tonic::Code::Unavailable);
/// assert_eq!(status.message(), "Back in 30 seconds");
/// let details = status.get_error_details();
/// assert_eq!(details.retry_info().unwrap().retry_delay, Some(std::time::Duration::from_secs(30)));
/// assert_eq!(details.request_info().unwrap().request_id, "req_1");
/// ```
pub fn status<E: ApiError + ?Sized>(error: &E, context: &ErrorContext) -> ::tonic::Status {
    // The same details the AIP-193 body lists, from the error's model: gRPC
    // and HTTP say the same thing.
    let options = context.render_options();
    let details = google::of(error, &options);
    let locale = context.locale_of(error);
    let mut list = Vec::with_capacity(4);
    list.push(ErrorDetail::from(ErrorInfo::new(
        details.reason,
        details.domain,
        details
            .metadata
            .into_iter()
            .map(|(name, value)| (name.to_owned(), value))
            .collect::<HashMap<_, _>>(),
    )));
    if !details.violations.is_empty() {
        // Each description in the source language, and in a
        // `LocalizedMessage` of its own where the locale translates it.
        let localized = locale
            .map(|locale| google::violations_in(error, &options, locale))
            .unwrap_or_default();
        let violations = details
            .violations
            .into_iter()
            .enumerate()
            .map(|(at, violation)| {
                let translated = localized
                    .get(at)
                    .map(|translated| &translated.description)
                    .filter(|translated| **translated != violation.description);
                let mut field = FieldViolation::new(violation.field, violation.description);
                field.reason = violation.reason;
                if let (Some(locale), Some(translated)) = (locale, translated) {
                    field.localized_message =
                        Some(LocalizedMessage::new(locale, translated.clone()));
                }
                field
            });
        list.push(BadRequest::new(violations.collect::<Vec<_>>()).into());
    }
    if let Some(wait) = details.retry_after {
        list.push(RetryInfo::new(Some(wait)).into());
    }
    if let Some(id) = details.request_id {
        list.push(RequestInfo::new(id, "").into());
    }
    if let Some((code, url)) = details.help {
        list.push(Help::new(vec![HelpLink::new(code, url)]).into());
    }
    if let Some(debug) = details.debug {
        list.push(DebugInfo::new(debug.stack_entries, debug.detail).into());
    }
    if let Some((message, locale)) =
        locale.and_then(|locale| error.localized_message_for(&[locale]))
    {
        list.push(LocalizedMessage::new(locale, message).into());
    }
    ::tonic::Status::with_error_details_vec(error.grpc_code().into(), details.message, list)
}

/// What `From<E> for tonic::Status` returns: the status under the current
/// call's context, a 5xx logged with its source chain and request id.
#[doc(hidden)]
pub fn into_status<E: ApiError + ?Sized>(error: &E) -> ::tonic::Status {
    let context = scope::current().unwrap_or_default();
    scope::log(error, &context);
    status(error, &context)
}

/// The request id [`ApiErrorLayer`] gave a call.
///
/// ```
/// use api_error::RequestId;
///
/// let mut request = tonic::Request::new(());
/// assert!(api_error::tonic::request_id(&request).is_none());
/// request.extensions_mut().insert(RequestId::parse("req_1").unwrap());
/// assert_eq!(api_error::tonic::request_id(&request).unwrap().as_str(), "req_1");
/// ```
pub fn request_id<T>(request: &::tonic::Request<T>) -> Option<&RequestId> {
    request.extensions().get::<RequestId>()
}

/// Gives every call of a tonic server an error context, as the axum layer
/// does for HTTP: its request id (kept
/// from a valid `x-request-id` in the request metadata, generated otherwise,
/// and sent back in the response metadata), and whether the `DebugInfo`
/// detail may be sent. Errors converted while the call runs, or while its
/// response streams, carry the request id in `RequestInfo`, and every 5xx is
/// logged through `tracing` with its source chain and the request id.
///
/// ```no_run
/// use api_error::tonic::ApiErrorLayer;
/// use api_error::Mode;
/// # fn service() -> tonic::service::Routes { tonic::service::Routes::default() }
///
/// # async fn run() -> Result<(), tonic::transport::Error> {
/// tonic::transport::Server::builder()
///     .layer(ApiErrorLayer::new().mode(Mode::Test))
///     .add_routes(service())
///     .serve("127.0.0.1:50051".parse().unwrap())
///     .await
/// # }
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct ApiErrorLayer {
    mode: Mode,
    localize: bool,
}

impl ApiErrorLayer {
    /// No `DebugInfo` details.
    #[must_use]
    pub fn new() -> Self {
        ApiErrorLayer::default()
    }

    /// [`Mode::Test`] lets calls with `x-debug: true` metadata see the
    /// `DebugInfo` detail.
    #[must_use]
    pub fn mode(mut self, mode: Mode) -> Self {
        self.mode = mode;
        self
    }

    /// Adds a `LocalizedMessage` detail to each error's status: its message
    /// in the first locale of the call's `accept-language` metadata
    /// (q-values as over HTTP, RFC 4647's fallback `fr-CA` → `fr`) the
    /// type's catalogs have (`#[api(locales = "...")]`). The status's
    /// message, its code and every other detail stay as they are.
    ///
    /// ```
    /// let layer = api_error::tonic::ApiErrorLayer::new().localize();
    /// # let _ = layer;
    /// ```
    #[cfg(feature = "fluent")]
    #[must_use]
    pub fn localize(mut self) -> Self {
        self.localize = true;
        self
    }
}

impl<S> Layer<S> for ApiErrorLayer {
    type Service = ApiErrorService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        ApiErrorService {
            inner,
            mode: self.mode,
            localize: self.localize,
        }
    }
}

/// The service of [`ApiErrorLayer`].
#[derive(Clone, Debug)]
pub struct ApiErrorService<S> {
    inner: S,
    mode: Mode,
    localize: bool,
}

impl<S, ReqBody, ResBody> Service<http::Request<ReqBody>> for ApiErrorService<S>
where
    S: Service<http::Request<ReqBody>, Response = http::Response<ResBody>>,
{
    type Response = http::Response<ScopedBody<ResBody>>;
    type Error = S::Error;
    type Future = ResponseFuture<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut request: http::Request<ReqBody>) -> Self::Future {
        let headers = request.headers();
        let request_id = headers
            .get(&X_REQUEST_ID)
            .and_then(RequestId::from_header)
            .unwrap_or_else(RequestId::generate);
        let debug = self.mode == Mode::Test
            && headers
                .get(DEBUG_METADATA)
                .is_some_and(|value| matches!(value.as_bytes(), b"true" | b"1"));
        let mut context = ErrorContext {
            format: None,
            request_id: Some(request_id.clone()),
            debug,
            negotiated: false,
            locales: None,
        };
        if self.localize {
            let accept_language = headers
                .get(http::header::ACCEPT_LANGUAGE)
                .and_then(|value| value.to_str().ok());
            context = context.localize(accept_language);
        }
        request
            .headers_mut()
            .insert(X_REQUEST_ID.clone(), request_id.header_value());
        request.extensions_mut().insert(request_id);
        ResponseFuture {
            inner: scope::scope(Scope::new(context.clone()), self.inner.call(request)),
            context: Some(context),
        }
    }
}

pin_project! {
    /// The response future of [`ApiErrorService`].
    pub struct ResponseFuture<F> {
        #[pin]
        inner: tokio::task::futures::TaskLocalFuture<Scope, F>,
        context: Option<ErrorContext>,
    }
}

impl<F, B, E> Future for ResponseFuture<F>
where
    F: Future<Output = Result<http::Response<B>, E>>,
{
    type Output = Result<http::Response<ScopedBody<B>>, E>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let response = ready!(this.inner.poll(cx))?;
        let context = this.context.take().unwrap_or_default();
        let (mut parts, body) = response.into_parts();
        if let Some(id) = &context.request_id {
            parts
                .headers
                .insert(X_REQUEST_ID.clone(), id.header_value());
        }
        Poll::Ready(Ok(http::Response::from_parts(
            parts,
            ScopedBody {
                inner: body,
                context,
            },
        )))
    }
}

pin_project! {
    /// A response body polled under its call's error context, so errors a
    /// streaming response converts carry the request id too.
    pub struct ScopedBody<B> {
        #[pin]
        inner: B,
        context: ErrorContext,
    }
}

impl<B: http_body::Body> http_body::Body for ScopedBody<B> {
    type Data = B::Data;
    type Error = B::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Self::Data>, Self::Error>>> {
        let this = self.project();
        let inner = this.inner;
        scope::within(Scope::new(this.context.clone()), || inner.poll_frame(cx))
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        self.inner.size_hint()
    }
}

/// Implements `From<E> for tonic::Status` for a derived type when the
/// `tonic` feature is on.
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_tonic {
    ([$($impl_generics:tt)*] [$($ty:tt)*] [$($where_clause:tt)*]) => {
        impl $($impl_generics)* ::core::convert::From<$($ty)*> for $crate::__private::tonic::Status $($where_clause)* {
            fn from(error: $($ty)*) -> Self {
                $crate::__private::tonic_status(&error)
            }
        }
    };
}
