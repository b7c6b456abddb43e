//! What an error response depends on beyond the error: the request's id,
//! the format, and whether the debug block may be shown.

use crate::format::WireFormat;
use crate::{retry_after_secs, ApiError, Format, RenderOptions, RequestId, X_REQUEST_ID};
use http::header::{HeaderValue, CONTENT_LANGUAGE, CONTENT_TYPE, RETRY_AFTER, VARY};
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
    /// Whether the format was picked from the request's `Accept`
    /// ([`negotiate`](Self::negotiate)): the response then says
    /// `Vary: Accept`.
    pub negotiated: bool,
    /// The client's locales, best first, when the server localizes its
    /// errors ([`localize`](Self::localize)): a response's message is then
    /// its translation into the first of them the error's catalogs have,
    /// with `Content-Language`, and every response says
    /// `Vary: Accept-Language`. `None`: the source message.
    pub locales: Option<Vec<String>>,
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
            negotiated: false,
            locales: None,
        }
    }

    /// Picks the format from a request's `Accept` among `offered`, and
    /// marks the response as depending on it (`Vary: Accept`).
    ///
    /// A format is picked by its content type named exactly, with the
    /// highest `q` (the first offered on a tie), when that `q` is higher
    /// than the one `Accept` gives the context's own format (`application/json`
    /// when the context has none); wildcards (`*/*`, `application/*`) leave
    /// the context's format. The formats that share `application/json`
    /// (envelope, flat, Google, Microsoft) cannot be told apart by `Accept`:
    /// offer at most one of them.
    ///
    /// ```
    /// use api_error::{ErrorContext, Format};
    ///
    /// let offered = [Format::Problem, Format::JsonApi];
    /// let pick = |accept| ErrorContext::new().negotiate(accept, &offered).format;
    /// assert_eq!(pick(Some("application/problem+json")), Some(Format::Problem));
    /// assert_eq!(pick(Some("application/vnd.api+json, application/problem+json;q=0.5")), Some(Format::JsonApi));
    /// assert_eq!(pick(Some("application/json, application/problem+json;q=0.9")), None);
    /// assert_eq!(pick(Some("*/*")), None);
    /// assert_eq!(pick(None), None);
    /// assert!(ErrorContext::new().negotiate(None, &offered).negotiated);
    /// ```
    #[must_use]
    pub fn negotiate(mut self, accept: Option<&str>, offered: &[Format]) -> Self {
        self.negotiated = true;
        if let Some(accept) = accept {
            let own = self.format.map_or("application/json", Format::content_type);
            let own_q = quality(accept, own);
            let best = offered
                .iter()
                .map(|format| (*format, quality(accept, format.content_type())))
                .fold(
                    None,
                    |best: Option<(Format, u16)>, (format, q)| match best {
                        Some((_, best_q)) if best_q >= q => best,
                        _ => Some((format, q)),
                    },
                );
            if let Some((format, _)) = best.filter(|(_, q)| *q > own_q) {
                self.format = Some(format);
            }
        }
        self
    }

    /// Localizes the messages of responses into the locales of a request's
    /// `Accept-Language`, best first: its language ranges by `q`
    /// (the first listed on a tie), without `*` and those of `q=0`. At most
    /// [`MAX_LOCALES`] ranges are read, and a range that is not a language
    /// tag is skipped.
    ///
    /// ```
    /// use api_error::ErrorContext;
    ///
    /// let context = ErrorContext::new().localize(Some("fr-CH, fr;q=0.9, en;q=0.8, de;q=0, *;q=0.5"));
    /// assert_eq!(context.locales.unwrap(), ["fr-CH", "fr", "en"]);
    /// assert_eq!(ErrorContext::new().localize(None).locales, Some(Vec::new()));
    /// ```
    #[must_use]
    pub fn localize(mut self, accept_language: Option<&str>) -> Self {
        let mut ranges: Vec<(u16, &str)> = accept_language
            .unwrap_or_default()
            .split(',')
            .take(MAX_LOCALES)
            .filter_map(|range| {
                let mut params = range.split(';');
                let tag = params.next()?.trim();
                let q = params
                    .filter_map(|param| param.trim().split_once('='))
                    .find(|(name, _)| name.trim().eq_ignore_ascii_case("q"))
                    .map_or(Some(1000), |(_, value)| parse_q(value.trim()))?;
                (q > 0 && is_locale(tag)).then_some((q, tag))
            })
            .collect();
        ranges.sort_by_key(|(q, _)| std::cmp::Reverse(*q));
        let locales = self.locales.get_or_insert_with(Vec::new);
        for (_, tag) in ranges {
            if !locales.iter().any(|known| known.eq_ignore_ascii_case(tag)) {
                locales.push(tag.to_owned());
            }
        }
        self
    }

    /// Puts `locale` first among the locales messages are localized into
    /// (a query parameter's, or a cookie's, chosen over `Accept-Language`);
    /// nothing when it is not a language tag.
    ///
    /// ```
    /// use api_error::ErrorContext;
    ///
    /// let context = ErrorContext::new().localize(Some("en")).prefer_locale("fr");
    /// assert_eq!(context.locales.unwrap(), ["fr", "en"]);
    /// ```
    #[must_use]
    pub fn prefer_locale(mut self, locale: &str) -> Self {
        let locale = locale.trim();
        let locales = self.locales.get_or_insert_with(Vec::new);
        if is_locale(locale) {
            locales.retain(|known| !known.eq_ignore_ascii_case(locale));
            locales.insert(0, locale.to_owned());
            locales.truncate(MAX_LOCALES);
        }
        self
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
        let locale = self.locale_of(error);
        let options = self.localized_options(error, locale);
        let body = error.to_json_with(format, &options).into_bytes();
        self.respond(error, body, format.content_type(), locale)
    }

    /// The render options, with the human text and the `errors` items in
    /// `locale`.
    fn localized_options<E: ApiError + ?Sized>(
        &self,
        error: &E,
        locale: Option<&'static str>,
    ) -> RenderOptions<'_> {
        let options = self.render_options();
        let Some(locale) = locale else {
            return options;
        };
        let options = options.locale(locale);
        #[cfg(feature = "fluent")]
        if let Some(catalogs) = error.__catalogs_of() {
            return options.items_in(catalogs, locale);
        }
        let _ = error;
        options
    }

    /// The locale of `error`'s catalogs of the first of the context's
    /// locales they have.
    pub(crate) fn locale_of<E: ApiError + ?Sized>(&self, error: &E) -> Option<&'static str> {
        let locales = self.locales.as_ref()?;
        locales
            .iter()
            .find_map(|locale| error.locale_for(&[locale.as_str()]))
    }

    /// [`response`](Self::response) in `format`, a format of your own or a
    /// built-in one, whatever the context's. A format of your own finds the
    /// translated message in [`RenderOptions::message`].
    pub fn response_in<E: ApiError>(
        &self,
        error: &E,
        format: &dyn WireFormat,
    ) -> http::Response<Vec<u8>> {
        let locale = self.locale_of(error);
        let localized = locale
            .and_then(|locale| error.localized_message_for(&[locale]))
            .map(|(message, _)| message);
        let mut options = self.localized_options(error, locale);
        if let Some(message) = &localized {
            options = options.message(message);
        }
        let mut body = Vec::with_capacity(160);
        format.write(error, &mut body, &options);
        self.respond(error, body, format.content_type(), locale)
    }

    fn respond<E: ApiError + ?Sized>(
        &self,
        error: &E,
        body: Vec<u8>,
        content_type: &'static str,
        locale: Option<&'static str>,
    ) -> http::Response<Vec<u8>> {
        let status = error.status();
        let mut response = http::Response::new(body);
        *response.status_mut() = status;
        let headers = response.headers_mut();
        // A format of your own may name a content type no header can hold.
        let content_type = HeaderValue::from_str(content_type)
            .unwrap_or_else(|_| HeaderValue::from_static("application/json"));
        headers.insert(CONTENT_TYPE, content_type);
        if status == StatusCode::TOO_MANY_REQUESTS || status == StatusCode::SERVICE_UNAVAILABLE {
            if let Some(wait) = error.retry_after() {
                headers.insert(RETRY_AFTER, HeaderValue::from(retry_after_secs(wait)));
            }
        }
        if let Some(id) = &self.request_id {
            headers.insert(X_REQUEST_ID.clone(), id.header_value());
        }
        if self.negotiated {
            headers.append(VARY, HeaderValue::from_static("accept"));
        }
        if self.locales.is_some() {
            headers.append(VARY, HeaderValue::from_static("accept-language"));
        }
        if let Some(locale) = locale.and_then(|locale| HeaderValue::from_str(locale).ok()) {
            headers.insert(CONTENT_LANGUAGE, locale);
        }
        response
    }
}

/// How many language ranges of an `Accept-Language` are read, and how many
/// locales a context keeps.
pub const MAX_LOCALES: usize = 16;

/// Whether `tag` is a language tag as a locale is named: a language of two
/// to eight letters, then subtags of one to eight letters or digits, 35
/// bytes at most (RFC 4647's limit for lookup).
fn is_locale(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let language = parts.next().unwrap_or_default();
    tag.len() <= 35
        && (2..=8).contains(&language.len())
        && language.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|part| {
            (1..=8).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_alphanumeric())
        })
}

/// How many media ranges of an `Accept` are read: a header of more says
/// nothing more a server acts on.
const MAX_MEDIA_RANGES: usize = 32;

/// The `q` (in thousandths) that `accept` gives `content_type` named
/// exactly; 0 when it does not name it.
fn quality(accept: &str, content_type: &str) -> u16 {
    accept
        .split(',')
        .take(MAX_MEDIA_RANGES)
        .filter_map(|range| {
            let mut params = range.split(';');
            let media = params.next()?.trim();
            if !media.eq_ignore_ascii_case(content_type) {
                return None;
            }
            let q = params
                .filter_map(|param| param.trim().split_once('='))
                .find(|(name, _)| name.trim().eq_ignore_ascii_case("q"))
                .map_or(Some(1000), |(_, value)| parse_q(value.trim()))?;
            Some(q)
        })
        .max()
        .unwrap_or(0)
}

/// A `q` value (RFC 9110: `0`, `1`, up to three decimals) in thousandths;
/// `None` for one that is not.
fn parse_q(value: &str) -> Option<u16> {
    let (whole, fraction) = value.split_once('.').unwrap_or((value, ""));
    if fraction.len() > 3 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let thousandths = fraction
        .bytes()
        .chain(std::iter::repeat(b'0'))
        .take(3)
        .fold(0, |n, b| n * 10 + u16::from(b - b'0'));
    match whole {
        "0" => Some(thousandths),
        "1" if thousandths == 0 => Some(1000),
        _ => None,
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
    fn q_values() {
        assert_eq!(parse_q("1"), Some(1000));
        assert_eq!(parse_q("1.000"), Some(1000));
        assert_eq!(parse_q("0.5"), Some(500));
        assert_eq!(parse_q("0.125"), Some(125));
        assert_eq!(parse_q("0"), Some(0));
        assert_eq!(parse_q("1.5"), None);
        assert_eq!(parse_q("0.1234"), None);
        assert_eq!(parse_q("x"), None);
        assert_eq!(
            quality("application/problem+json;q=0", "application/problem+json"),
            0
        );
        assert_eq!(
            quality(
                "Application/Problem+JSON ; q=0.7",
                "application/problem+json"
            ),
            700
        );
        assert_eq!(
            quality("text/html, application/json", "application/problem+json"),
            0
        );
    }

    #[test]
    fn debug_query() {
        assert!(asks_for_debug("debug=true"));
        assert!(asks_for_debug("a=1&debug=1"));
        assert!(!asks_for_debug("debug=false"));
        assert!(!asks_for_debug("nodebug=true"));
    }
}
