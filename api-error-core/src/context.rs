//! What an error response depends on beyond the error: the request's id,
//! the format, and whether the debug block may be shown.

use crate::{retry_after_secs, ApiError, Format, RenderOptions, RequestId, X_REQUEST_ID};
use http::header::{HeaderValue, CONTENT_TYPE, RETRY_AFTER};
use http::StatusCode;

/// Whether debug blocks may be shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    /// Never show a debug block.
    #[default]
    Production,
    /// Show the debug block to requests that ask with `?debug=true`.
    Test,
}

/// What the server knows about the request an error answers: the format the
/// API speaks, the request id, whether the debug block is shown.
///
/// The framework layers fill it per request; without one, an error renders in
/// its type's format with no request id.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ErrorContext {
    /// Overrides the error type's format, for an API that speaks another one.
    pub format: Option<Format>,
    /// The request's id.
    pub request_id: Option<RequestId>,
    /// Whether the body carries the debug block.
    pub debug: bool,
}

impl ErrorContext {
    /// No override, no request id, no debug block.
    #[must_use]
    pub fn new() -> Self {
        ErrorContext::default()
    }

    /// Renders every error in `format`.
    #[must_use]
    pub fn with_format(mut self, format: Format) -> Self {
        self.format = Some(format);
        self
    }

    /// The request's id: echoed in `X-Request-Id`, written in 5xx bodies.
    #[must_use]
    pub fn with_request_id(mut self, request_id: RequestId) -> Self {
        self.request_id = Some(request_id);
        self
    }

    /// Whether bodies carry the debug block.
    #[must_use]
    pub fn with_debug(mut self, debug: bool) -> Self {
        self.debug = debug;
        self
    }

    /// The context of a request in a server of `format` and `mode`: keeps a
    /// valid client `X-Request-Id` or generates one, and turns the debug block
    /// on only in test mode for a request whose query says `debug=true`.
    #[must_use]
    pub fn for_request<B>(request: &http::Request<B>, format: Option<Format>, mode: Mode) -> Self {
        let request_id = request
            .headers()
            .get(&X_REQUEST_ID)
            .and_then(|value| value.to_str().ok());
        Self::from_request_parts(request_id, request.uri().query(), format, mode)
    }

    /// [`for_request`](Self::for_request) from the request's `X-Request-Id`
    /// and query string, for frameworks on another `http` version.
    #[must_use]
    pub fn from_request_parts(
        request_id: Option<&str>,
        query: Option<&str>,
        format: Option<Format>,
        mode: Mode,
    ) -> Self {
        let request_id = request_id
            .and_then(RequestId::parse)
            .unwrap_or_else(RequestId::generate);
        let debug = mode == Mode::Test && query.is_some_and(asks_for_debug);
        ErrorContext {
            format,
            request_id: Some(request_id),
            debug,
        }
    }

    /// The format `error` is rendered in under this context.
    pub fn format_of<E: ApiError + ?Sized>(&self, error: &E) -> Format {
        self.format.unwrap_or_else(|| error.default_format())
    }

    /// The render options of this context.
    #[must_use]
    pub fn render_options(&self) -> RenderOptions<'_> {
        let options = RenderOptions::new().debug(self.debug);
        match &self.request_id {
            Some(id) => options.request_id(id.as_str()),
            None => options,
        }
    }

    /// The whole response for `error`: status, `Content-Type`, `Retry-After`
    /// (429 and 503), `X-Request-Id`, and the body.
    ///
    /// A server that sends this response before it has read the request's
    /// body to its end must either read the rest first (bounded, as
    /// the axum feature's `ApiErrorLayer` reads up to 64 KiB for
    /// up to a second) or add `Connection: close`: otherwise an HTTP/1.1
    /// server closes the connection without a word, and a client that reuses
    /// it loses its next request. actix-web adds `Connection: close` itself.
    ///
    /// ```
    /// use api_error::{ApiError, ErrorContext, RequestId};
    ///
    /// #[derive(Debug, ApiError)]
    /// enum Error {
    ///     #[api(status = 503, code = "maintenance", message = "Back in {secs} seconds")]
    ///     Maintenance { #[api(retry_after)] secs: u64 },
    /// }
    ///
    /// let context = ErrorContext::new().with_request_id(RequestId::parse("req_1").unwrap());
    /// let response = context.response(&Error::Maintenance { secs: 30 });
    /// assert_eq!(response.status(), 503);
    /// assert_eq!(response.headers()["content-type"], "application/json");
    /// assert_eq!(response.headers()["retry-after"], "30");
    /// assert_eq!(response.headers()["x-request-id"], "req_1");
    /// assert_eq!(
    ///     std::str::from_utf8(response.body()).unwrap(),
    ///     r#"{"error":{"code":"maintenance","message":"Back in 30 seconds","request_id":"req_1"}}"#,
    /// );
    /// ```
    pub fn response<E: ApiError + ?Sized>(&self, error: &E) -> http::Response<Vec<u8>> {
        let format = self.format_of(error);
        let body = error
            .to_json_with(format, &self.render_options())
            .into_bytes();
        let status = error.status();
        let mut response = http::Response::new(body);
        *response.status_mut() = status;
        let headers = response.headers_mut();
        headers.insert(
            CONTENT_TYPE,
            HeaderValue::from_static(format.content_type()),
        );
        if status == StatusCode::TOO_MANY_REQUESTS || status == StatusCode::SERVICE_UNAVAILABLE {
            if let Some(wait) = error.retry_after() {
                headers.insert(RETRY_AFTER, HeaderValue::from(retry_after_secs(wait)));
            }
        }
        if let Some(id) = &self.request_id {
            headers.insert(X_REQUEST_ID.clone(), id.header_value());
        }
        response
    }
}

/// Whether a query string asks for the debug block: `debug=true` or `debug=1`.
fn asks_for_debug(query: &str) -> bool {
    query
        .split('&')
        .any(|pair| matches!(pair, "debug=true" | "debug=1" | "debug"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_query() {
        assert!(asks_for_debug("debug=true"));
        assert!(asks_for_debug("a=1&debug=1"));
        assert!(!asks_for_debug("debug=false"));
        assert!(!asks_for_debug("nodebug=true"));
    }
}
