use crate::{ApiError, Format, RenderOptions};
use http::header::{HeaderName, HeaderValue, CONTENT_TYPE, RETRY_AFTER};
use http::StatusCode;
use std::collections::hash_map::RandomState;
use std::fmt;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;
use std::time::Duration;

/// The `X-Request-Id` header.
pub static X_REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The longest header value built from a string: longer values are cut.
pub const MAX_HEADER_VALUE_LEN: usize = 256;

/// A header value made from any string: only visible ASCII and inner spaces
/// are kept (no CR, LF or other control characters, no non-ASCII), and at most
/// `max_len` bytes.
///
/// ```
/// use api_error::header_value;
///
/// let value = header_value("evil\r\nSet-Cookie: x=1", 64);
/// assert_eq!(value, "evilSet-Cookie: x=1");
/// assert_eq!(header_value(&"a".repeat(1000), 16).len(), 16);
/// ```
#[must_use]
pub fn header_value(value: &str, max_len: usize) -> HeaderValue {
    let kept: String = value
        .chars()
        .filter(|c| c.is_ascii_graphic() || *c == ' ')
        .take(max_len)
        .collect();
    // Only visible ASCII and spaces remain, which every header value accepts.
    HeaderValue::from_str(kept.trim()).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// The `Retry-After` value of a wait: whole seconds, rounded up, so a client
/// never retries early; the longest wait saturates at `u64::MAX`.
#[must_use]
pub fn retry_after_secs(wait: Duration) -> u64 {
    wait.as_secs()
        .saturating_add(u64::from(wait.subsec_nanos() > 0))
}

/// The id of one request: echoed in `X-Request-Id` on every response and
/// written as `request_id` in 5xx bodies.
///
/// An id the client sent is kept when it is valid: 1 to 128 characters of
/// ASCII letters, digits and `-_.:~`. Otherwise one is generated.
///
/// ```
/// use api_error::RequestId;
///
/// assert_eq!(RequestId::parse("req_xxxxx").unwrap().as_str(), "req_xxxxx");
/// assert!(RequestId::parse("req\r\nx").is_none());
/// assert!(RequestId::generate().as_str().starts_with("req_"));
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct RequestId(Box<str>);

impl RequestId {
    /// The longest request id kept from a client.
    pub const MAX_LEN: usize = 128;

    /// A client-sent id, if it is valid.
    #[must_use]
    pub fn parse(id: &str) -> Option<Self> {
        let valid = !id.is_empty()
            && id.len() <= Self::MAX_LEN
            && id.bytes().all(|b| {
                b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':' | b'~')
            });
        valid.then(|| RequestId(id.into()))
    }

    /// The id in a header, if it is valid.
    #[must_use]
    pub fn from_header(value: &HeaderValue) -> Option<Self> {
        value.to_str().ok().and_then(Self::parse)
    }

    /// A new id, `req_` and 16 hex digits, unique within the process.
    #[must_use]
    pub fn generate() -> Self {
        static KEYS: OnceLock<RandomState> = OnceLock::new();
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let mut hasher = KEYS.get_or_init(RandomState::new).build_hasher();
        hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
        RequestId(format!("req_{:016x}", hasher.finish()).into())
    }

    /// The id.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The id as a header value.
    #[must_use]
    pub fn header_value(&self) -> HeaderValue {
        // Valid ids are visible ASCII.
        HeaderValue::from_str(&self.0).unwrap_or_else(|_| HeaderValue::from_static(""))
    }
}

impl fmt::Display for RequestId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for RequestId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

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

/// An error and its sources, joined by `: `, for logs.
///
/// ```
/// use api_error::ErrorChain;
///
/// let err = std::io::Error::other("disk full");
/// assert_eq!(ErrorChain(&err).to_string(), "disk full");
/// ```
pub struct ErrorChain<'a, E: ?Sized>(pub &'a E);

impl<E: std::error::Error + ?Sized> fmt::Display for ErrorChain<'_, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.0, f)?;
        for source in sources(self.0.source()) {
            write!(f, ": {source}")?;
        }
        Ok(())
    }
}

/// `first` and the sources after it, at most
/// [`MAX_SOURCE_CHAIN`](api_error_wire::MAX_SOURCE_CHAIN) in all: the one
/// bounded walk of a source chain, for the logs, the byte writer and the
/// serde path alike.
pub(crate) fn sources<'a>(
    first: Option<&'a (dyn std::error::Error + 'static)>,
) -> impl Iterator<Item = &'a (dyn std::error::Error + 'static)> {
    std::iter::successors(first, |error| error.source()).take(api_error_wire::MAX_SOURCE_CHAIN)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_rounds_up() {
        assert_eq!(retry_after_secs(Duration::from_secs(30)), 30);
        assert_eq!(retry_after_secs(Duration::from_millis(30_001)), 31);
        assert_eq!(retry_after_secs(Duration::ZERO), 0);
        assert_eq!(retry_after_secs(Duration::MAX), u64::MAX);
    }

    #[test]
    fn debug_query() {
        assert!(asks_for_debug("debug=true"));
        assert!(asks_for_debug("a=1&debug=1"));
        assert!(!asks_for_debug("debug=false"));
        assert!(!asks_for_debug("nodebug=true"));
    }

    #[test]
    fn generated_ids_are_distinct_and_valid() {
        let a = RequestId::generate();
        let b = RequestId::generate();
        assert_ne!(a, b);
        assert_eq!(a.as_str().len(), 20);
        assert_eq!(RequestId::parse(a.as_str()), Some(a));
    }

    #[test]
    fn request_ids_are_bounded() {
        assert!(RequestId::parse(&"a".repeat(128)).is_some());
        assert!(RequestId::parse(&"a".repeat(129)).is_none());
        assert!(RequestId::parse("").is_none());
        assert!(RequestId::parse("a b").is_none());
        assert!(RequestId::parse("é").is_none());
    }
}
