//! The per-request error context, carried from the framework layer to the
//! place the error becomes a response.

#[cfg(any(feature = "axum", feature = "actix-web"))]
use crate::request::RequestError;
use crate::ApiError;
use crate::{ErrorChain, ErrorContext};
use std::future::Future;
#[cfg(any(feature = "axum", feature = "actix-web"))]
use std::{fmt, sync::Arc, time::Duration};

#[cfg(any(feature = "axum", feature = "actix-web"))]
/// What a server answers a [`RequestError`] with: the error itself, or the
/// API's own error it maps to.
#[derive(Clone)]
pub(crate) struct MapRequestErrors(Arc<RespondFn>);

#[cfg(any(feature = "axum", feature = "actix-web"))]
/// Renders a request error, mapped, under a request's context.
type RespondFn = dyn Fn(RequestError, &ErrorContext) -> http::Response<Vec<u8>> + Send + Sync;

#[cfg(any(feature = "axum", feature = "actix-web"))]
impl MapRequestErrors {
    pub(crate) fn new<E, F>(map: F) -> Self
    where
        E: ApiError,
        F: Fn(RequestError) -> E + Send + Sync + 'static,
    {
        MapRequestErrors(Arc::new(move |error, context| {
            respond(&map(error), context)
        }))
    }
}

#[cfg(any(feature = "axum", feature = "actix-web"))]
impl fmt::Debug for MapRequestErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("MapRequestErrors(..)")
    }
}

/// What an error layer knows before any request: the format the API speaks,
/// whether debug blocks may be shown, how request errors are mapped, and
/// whether JSON bodies must say so.
#[cfg(any(feature = "axum", feature = "actix-web"))]
#[derive(Clone, Debug, Default)]
pub(crate) struct Settings {
    pub(crate) format: Option<crate::Format>,
    pub(crate) mode: crate::Mode,
    pub(crate) map: Option<MapRequestErrors>,
    pub(crate) any_json_content_type: bool,
    /// The formats a request's `Accept` may pick.
    pub(crate) negotiate: Vec<crate::Format>,
    /// Where a request's locales come from, when messages are localized.
    pub(crate) localize: Option<Localize>,
}

/// Where a request's locales come from: its `Accept-Language`, after a
/// query parameter and a cookie of these names.
#[cfg(any(feature = "axum", feature = "actix-web"))]
#[derive(Clone, Debug, Default)]
pub(crate) struct Localize {
    pub(crate) query: Option<String>,
    pub(crate) cookie: Option<String>,
}

/// What a request's scope is made of: its headers and query string.
#[cfg(any(feature = "axum", feature = "actix-web"))]
#[derive(Clone, Copy, Default)]
pub(crate) struct RequestParts<'a> {
    pub(crate) request_id: Option<&'a str>,
    pub(crate) query: Option<&'a str>,
    pub(crate) accept: Option<&'a str>,
    pub(crate) accept_language: Option<&'a str>,
    pub(crate) cookie: Option<&'a str>,
}

/// The value of the query parameter `name`, decoded.
#[cfg(any(feature = "axum", feature = "actix-web"))]
fn query_value(query: Option<&str>, name: &str) -> Option<String> {
    form_urlencoded::parse(query?.as_bytes())
        .take(64)
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.into_owned())
}

/// The value of the cookie `name` in a `Cookie` header.
#[cfg(any(feature = "axum", feature = "actix-web"))]
fn cookie_value<'a>(cookie: Option<&'a str>, name: &str) -> Option<&'a str> {
    cookie?
        .split(';')
        .take(64)
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.trim_matches('"'))
}

#[cfg(any(feature = "axum", feature = "actix-web"))]
impl Settings {
    /// The scope of a request with these headers and query string.
    pub(crate) fn scope(&self, parts: &RequestParts<'_>) -> Scope {
        let mut context =
            ErrorContext::from_request_parts(parts.request_id, parts.query, self.format, self.mode);
        if !self.negotiate.is_empty() {
            context = context.negotiate(parts.accept, &self.negotiate);
        }
        if let Some(localize) = &self.localize {
            context = context.localize(parts.accept_language);
            if let Some(locale) = localize
                .cookie
                .as_deref()
                .and_then(|name| cookie_value(parts.cookie, name))
            {
                context = context.prefer_locale(locale);
            }
            if let Some(locale) = localize
                .query
                .as_deref()
                .and_then(|name| query_value(parts.query, name))
            {
                context = context.prefer_locale(&locale);
            }
        }
        Scope {
            context,
            map: self.map.clone(),
        }
    }
}

/// The builder methods of an error layer: `$ty` has a `settings: Settings`
/// field; `$path` is where users import it from, `$wrapped` what it wraps.
#[cfg(any(feature = "axum", feature = "actix-web"))]
macro_rules! error_layer_builders {
    ($ty:ident, $path:literal, $wrapped:literal) => {
        impl $ty {
            /// Errors in their type's format, no debug blocks, request errors
            /// as [`RequestError`].
            #[must_use]
            pub fn new() -> Self {
                $ty::default()
            }

            #[doc = concat!("Renders every error of the wrapped ", $wrapped, " in `format`.")]
            #[must_use]
            pub fn format(mut self, format: Format) -> Self {
                self.settings.format = Some(format);
                self
            }

            /// Picks each request's format from its `Accept` among `formats`
            /// (as [`ErrorContext::negotiate`](crate::ErrorContext::negotiate)
            /// does), the one [`format`](Self::format) sets (or each type's
            /// own) otherwise, and says `Vary: Accept` on every error
            /// response.
            ///
            /// ```
            #[doc = concat!("use ", $path, ";")]
            /// use api_error::Format;
            ///
            #[doc = concat!("let layer = ", stringify!($ty), "::new().negotiate([Format::Problem, Format::JsonApi]);")]
            /// # let _ = layer;
            /// ```
            #[must_use]
            pub fn negotiate(mut self, formats: impl IntoIterator<Item = Format>) -> Self {
                self.settings.negotiate = formats.into_iter().collect();
                self
            }

            /// Answers each request in its locale: an error's message is its
            /// translation into the first locale of the request's
            /// `Accept-Language` its type's Fluent catalogs have
            /// (`#[api(locales = "...")]`), with `Content-Language`, and
            /// every error response says `Vary: Accept-Language`. Codes,
            /// field paths and every other member stay as they are; logs
            /// keep the source language.
            ///
            /// ```
            #[doc = concat!("use ", $path, ";")]
            ///
            #[doc = concat!("let layer = ", stringify!($ty), "::new().localize().locale_query(\"lang\").locale_cookie(\"lang\");")]
            /// # let _ = layer;
            /// ```
            #[cfg(feature = "fluent")]
            #[must_use]
            pub fn localize(mut self) -> Self {
                self.settings.localize.get_or_insert_with(Default::default);
                self
            }

            /// Localizes (as [`localize`](Self::localize) does), the locale
            /// of the query parameter `name` (`?lang=fr`) first.
            #[cfg(feature = "fluent")]
            #[must_use]
            pub fn locale_query(mut self, name: &str) -> Self {
                self.settings.localize.get_or_insert_with(Default::default).query = Some(name.to_owned());
                self
            }

            /// Localizes (as [`localize`](Self::localize) does), the locale
            /// of the cookie `name` first, after the query parameter's.
            #[cfg(feature = "fluent")]
            #[must_use]
            pub fn locale_cookie(mut self, name: &str) -> Self {
                self.settings.localize.get_or_insert_with(Default::default).cookie = Some(name.to_owned());
                self
            }

            /// [`Mode::Test`] lets requests with `?debug=true` see debug blocks.
            #[must_use]
            pub fn mode(mut self, mode: Mode) -> Self {
                self.settings.mode = mode;
                self
            }

            /// Reads JSON bodies whatever their `Content-Type` says, instead
            /// of answering 415 [`RequestError::UnsupportedMediaType`] when it
            /// is missing or not JSON.
            ///
            /// For an API whose documented clients send JSON without
            /// declaring it: a browser's `fetch` with a string body sends
            /// `text/plain`.
            #[must_use]
            pub fn any_json_content_type(mut self) -> Self {
                self.settings.any_json_content_type = true;
                self
            }

            /// Answers every request error (extractor rejections, unmatched
            /// routes, limits, timeouts, panics) with the API's own error:
            /// `map` turns each into it, so its codes and messages are the
            /// ones clients see.
            ///
            /// ```
            #[doc = concat!("use ", $path, ";")]
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
            #[doc = concat!("let layer = ", $path, "::new().map_request_errors(AppError::from);")]
            /// # let _ = layer;
            /// ```
            #[must_use]
            pub fn map_request_errors<E, F>(mut self, map: F) -> Self
            where
                E: ApiError,
                F: Fn(RequestError) -> E + Send + Sync + 'static,
            {
                self.settings.map = Some($crate::scope::MapRequestErrors::new(map));
                self
            }
        }
    };
}

#[cfg(any(feature = "axum", feature = "actix-web"))]
pub(crate) use error_layer_builders;

/// Everything a request's errors are answered with.
#[derive(Clone, Debug, Default)]
pub(crate) struct Scope {
    pub(crate) context: ErrorContext,
    #[cfg(any(feature = "axum", feature = "actix-web"))]
    pub(crate) map: Option<MapRequestErrors>,
}

impl Scope {
    /// A scope that answers request errors as they are.
    #[cfg(feature = "tonic")]
    pub(crate) fn new(context: ErrorContext) -> Self {
        Scope {
            context,
            ..Scope::default()
        }
    }

    /// The response to a request error under this scope, logged when it is
    /// a 5xx.
    #[cfg(any(feature = "axum", feature = "actix-web"))]
    pub(crate) fn request_error_response(&self, error: RequestError) -> http::Response<Vec<u8>> {
        match &self.map {
            Some(map) => (map.0)(error, &self.context),
            None => respond(&error, &self.context),
        }
    }
}

tokio::task_local! {
    static SCOPE: Scope;
}

/// Runs `future` with `scope` as the error scope of the request it serves.
pub(crate) fn scope<F: Future>(
    scope: Scope,
    future: F,
) -> tokio::task::futures::TaskLocalFuture<Scope, F> {
    SCOPE.scope(scope, future)
}

/// The error context of the current request, if there is one.
#[cfg(feature = "tonic")]
pub(crate) fn current() -> Option<ErrorContext> {
    SCOPE.try_with(|scope| scope.context.clone()).ok()
}

/// The response of `error` under the current request's context (or none), with
/// every 5xx logged, source chain and request id included.
#[cfg(any(feature = "axum", feature = "actix-web"))]
pub fn http_response<E: ApiError + ?Sized>(error: &E) -> http::Response<Vec<u8>> {
    SCOPE
        .try_with(|scope| respond(error, &scope.context))
        .unwrap_or_else(|_| respond(error, &ErrorContext::new()))
}

#[cfg(any(feature = "axum", feature = "actix-web"))]
/// The response of a request error under the current request's scope: mapped
/// into the API's own error when the server asked for it.
pub fn request_error_response(error: RequestError) -> http::Response<Vec<u8>> {
    // Only error responses pay for the clone.
    let scope = SCOPE.try_with(Scope::clone).unwrap_or_default();
    scope.request_error_response(error)
}

#[cfg(any(feature = "axum", feature = "actix-web"))]
fn respond<E: ApiError + ?Sized>(error: &E, context: &ErrorContext) -> http::Response<Vec<u8>> {
    log(error, context);
    context.response(error)
}

pub(crate) fn log<E: ApiError + ?Sized>(error: &E, context: &ErrorContext) {
    let status = error.status();
    if !status.is_server_error() {
        return;
    }
    tracing::error!(
        request_id = request_id(context),
        status = status.as_u16(),
        code = error.code(),
        error = %ErrorChain(error),
        "request failed",
    );
}

#[cfg(any(feature = "axum", feature = "actix-web"))]
/// The request error a response without a body in the API's format stands
/// for; a timeout is logged, and keeps how long the request ran.
pub(crate) fn error_for_status(
    status: http::StatusCode,
    routed: bool,
    elapsed: Duration,
    context: &ErrorContext,
) -> Option<RequestError> {
    let mut error = RequestError::for_status(status, routed)?;
    if let RequestError::Timeout { elapsed_ms } = &mut error {
        let millis = u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX);
        *elapsed_ms = Some(millis);
        tracing::warn!(
            request_id = request_id(context),
            elapsed_ms = millis,
            "request timed out",
        );
    }
    Some(error)
}

fn request_id(context: &ErrorContext) -> &str {
    context.request_id.as_ref().map_or("", |id| id.as_str())
}

/// Runs `f` with `scope` as the current request's error scope: for what
/// runs after the request's future is done (a streamed response body, an
/// error the server turns into a response).
#[cfg(any(feature = "actix-web", feature = "tonic"))]
pub(crate) fn within<R>(scope: Scope, f: impl FnOnce() -> R) -> R {
    SCOPE.sync_scope(scope, f)
}

#[cfg(any(feature = "axum", feature = "actix-web"))]
/// Whether a response is an error whose body is not in a JSON format, so
/// the framework layer answers it in the API's format instead.
pub(crate) fn is_unformatted_error(status: u16, content_type: Option<&[u8]>) -> bool {
    (400..=599).contains(&status)
        && !content_type
            .and_then(|value| std::str::from_utf8(value).ok())
            .is_some_and(crate::request::is_json_content_type)
}
