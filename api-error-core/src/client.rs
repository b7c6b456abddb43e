//! Reading error responses back into the typed enum, on the client side.
//!
//! A type that derives `ApiError` with `#[api(decode)]` implements
//! [`Decode`]: [`decode`] turns a response's status, headers and body, in any
//! of the three formats, into the variant the server sent, with its extras,
//! `field`, `errors`, debug members and `Retry-After` filled back in. A body
//! this client cannot rebuild is kept whole as [`ClientError::Unknown`], and a
//! response that is not an error body at all (an HTML page from a proxy, an
//! empty or truncated body) is [`ClientError::Malformed`] with its raw text:
//! nothing is lost and nothing panics.
//!
//! ```
//! use api_error::client::{decode, ClientError};
//! use api_error::{ApiError, ErrorContext, FieldErrors};
//!
//! #[derive(Debug, PartialEq, ApiError)]
//! #[api(decode)]
//! enum ClientsError {
//!     #[api(status = 404, code = "not_found", message = "{resource} not found")]
//!     NotFound { #[api(extra)] resource: String, #[api(extra)] id: String },
//!
//!     #[api(status = 422, code = "validation_error", message = "Request validation failed")]
//!     Invalid(#[api(errors)] FieldErrors),
//! }
//!
//! let sent = ClientsError::NotFound { resource: "Client".into(), id: "cli_1".into() };
//! let response = ErrorContext::new().response(&sent);
//! let received = decode::<ClientsError>(response.status(), response.headers(), response.body());
//! assert_eq!(received, ClientError::Api(sent));
//!
//! // A code this client does not know keeps the whole body.
//! let body = br#"{"error":{"code":"gone","message":"Client was archived"}}"#;
//! match decode::<ClientsError>(http::StatusCode::GONE, &http::HeaderMap::new(), body) {
//!     ClientError::Unknown(unknown) => {
//!         assert_eq!(unknown.code.as_deref(), Some("gone"));
//!         assert_eq!(unknown.message, "Client was archived");
//!         assert_eq!(unknown.raw, std::str::from_utf8(body).unwrap());
//!     }
//!     other => panic!("{other:?}"),
//! }
//! ```
//!
//! # What can be rebuilt
//!
//! A variant decodes when every field comes back from the response:
//! `extra`, `field` and `errors` fields from the body, `retry_after` from the
//! `Retry-After` header (or the message), fields a `message` template reads
//! from the message, `debug` fields from the debug block, and `Option` fields
//! and sources as `None` when absent. A variant with any other field (a
//! `source`, a field with no attribute) cannot be rebuilt honestly, so its
//! responses decode as [`ClientError::Unknown`], never as a guess. The flat
//! format carries no code: its variants are told apart by status and message,
//! so a flat variant whose message is thiserror's Display never decodes.
//!
//! # Limits
//!
//! A response is untrusted input, and a broken or hostile server cannot make
//! the client pay for it:
//!
//! - An error body is read up to [`DEFAULT_MAX_ERROR_BODY`] (64 KiB; a
//!   [`Reader`] sets another bound). A longer one is
//!   [`MalformedReason::TooLarge`] with its status, its retry advice and its
//!   first bytes; the rest is never read.
//! - `Retry-After` is read as seconds or as an HTTP-date
//!   ([`parse_retry_after`]); a value that is neither, or negative, is ignored.
//! - A [`RetryPolicy`] never waits longer than its `max_retry_after`
//!   (5 minutes by default): a server asking for more is not retried.
//! - [`retry`] (and, with the `reqwest` feature, `send_with_retry`) runs the
//!   guides' retry loop, with at most `max_retries` retries.

mod body;
mod retry;
mod retry_after;

pub use body::{BoundedBody, Reader, DEFAULT_MAX_ERROR_BODY};
#[cfg(feature = "reqwest")]
pub use retry::send_with_retry;
pub use retry::{retry, RetryAdvice, RetryPolicy};
pub use retry_after::parse_retry_after;

use crate::error::ApiError;
use crate::format::Format;

mod grpc;
#[cfg(feature = "tonic")]
pub use grpc::{decode_status, MAX_DETAILS_LEN, MAX_MESSAGE_LEN};
use http::{HeaderMap, StatusCode};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use std::fmt;
use std::time::Duration;

/// A type the derive can rebuild from an error body: `#[api(decode)]`.
pub trait Decode: Sized {
    /// The variant `body` describes, when this type has it and every field
    /// can be rebuilt.
    fn decode(body: &ErrorBody) -> Option<Self>;
}

/// The outcome of decoding an error response.
#[derive(Debug)]
#[non_exhaustive]
pub enum ClientError<E> {
    /// An error of the API, rebuilt as the typed value.
    Api(E),
    /// A well-formed error body this client cannot rebuild: a new code, or a
    /// variant whose fields are not all in the body. Kept whole.
    Unknown(ErrorBody),
    /// A response that is not an error body in any known format.
    Malformed(MalformedResponse),
    /// The request failed before a response arrived, or its body could not be
    /// read.
    #[cfg(feature = "reqwest")]
    Transport(reqwest::Error),
}

impl<E: PartialEq> PartialEq for ClientError<E> {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (ClientError::Api(a), ClientError::Api(b)) => a == b,
            (ClientError::Unknown(a), ClientError::Unknown(b)) => a == b,
            (ClientError::Malformed(a), ClientError::Malformed(b)) => a == b,
            _ => false,
        }
    }
}

impl<E: ApiError> ClientError<E> {
    /// The response's status, when there was a response.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            ClientError::Api(error) => Some(error.status()),
            ClientError::Unknown(body) => Some(body.status),
            ClientError::Malformed(response) => Some(response.status),
            #[cfg(feature = "reqwest")]
            ClientError::Transport(error) => error
                .status()
                .and_then(|s| StatusCode::from_u16(s.as_u16()).ok()),
        }
    }

    /// How long the server asked to wait, from the error or `Retry-After`.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            ClientError::Api(error) => error.retry_after(),
            ClientError::Unknown(body) => body.retry_after,
            ClientError::Malformed(response) => response.retry_after,
            #[cfg(feature = "reqwest")]
            ClientError::Transport(_) => None,
        }
    }

    /// How long to wait before attempt `attempt + 1` (0-based), or `None` when
    /// retrying cannot help. See [`RetryPolicy`]. A transport error backs off
    /// when it is the network's (no connection, a timeout, a connection cut
    /// while sending or reading); a success body that is not the expected
    /// type, or a request that could not be built, is not retried.
    pub fn retry_delay(&self, policy: &RetryPolicy, attempt: u32) -> Option<Duration> {
        match (self.status(), self) {
            (Some(status), _) => policy.delay(status, self.retry_after(), attempt),
            #[cfg(feature = "reqwest")]
            (None, ClientError::Transport(error))
                if error.is_connect()
                    || error.is_timeout()
                    || error.is_request()
                    || error.is_body() =>
            {
                policy.network_delay(attempt)
            }
            (None, _) => None,
        }
    }
}

impl<E: Decode> ClientError<E> {
    fn from_parsed(parsed: Result<ErrorBody, MalformedResponse>) -> Self {
        match parsed {
            Err(malformed) => ClientError::Malformed(malformed),
            Ok(parsed) => match E::decode(&parsed) {
                Some(error) => ClientError::Api(error),
                None => ClientError::Unknown(parsed),
            },
        }
    }
}

impl<E: fmt::Display> fmt::Display for ClientError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClientError::Api(error) => fmt::Display::fmt(error, f),
            ClientError::Unknown(body) => match &body.code {
                Some(code) => write!(f, "{} {code}: {}", body.status, body.message),
                None => write!(f, "{}: {}", body.status, body.message),
            },
            ClientError::Malformed(response) => fmt::Display::fmt(response, f),
            #[cfg(feature = "reqwest")]
            ClientError::Transport(error) => fmt::Display::fmt(error, f),
        }
    }
}

impl<E: std::error::Error + 'static> std::error::Error for ClientError<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ClientError::Api(error) => Some(error),
            #[cfg(feature = "reqwest")]
            ClientError::Transport(error) => Some(error),
            _ => None,
        }
    }
}

/// A response that is not an error body: what it was and its raw text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MalformedResponse {
    /// The response's status.
    pub status: StatusCode,
    /// What is wrong with the body.
    pub reason: MalformedReason,
    /// The body as text (invalid UTF-8 replaced); of a body over the bound,
    /// the bytes within it.
    pub raw: String,
    /// The wait the `Retry-After` header asks for ([`parse_retry_after`]).
    pub retry_after: Option<Duration>,
}

/// Why a body is not an error body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum MalformedReason {
    /// The body is empty.
    Empty,
    /// The body is not JSON (an HTML error page from a proxy, plain text).
    NotJson,
    /// The body is JSON cut short.
    Truncated,
    /// The body is JSON, but not an error body of any known format.
    NotAnErrorBody,
    /// The body is longer than the reader's bound of `limit` bytes; only its
    /// first `limit` bytes were read.
    TooLarge {
        /// The bound, in bytes.
        limit: usize,
    },
}

impl fmt::Display for MalformedResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.reason {
            MalformedReason::Empty => "an empty body",
            MalformedReason::NotJson => "a body that is not JSON",
            MalformedReason::Truncated => "truncated JSON",
            MalformedReason::NotAnErrorBody => "JSON that is not an error body",
            MalformedReason::TooLarge { limit } => {
                return write!(
                    f,
                    "{} with a body over the {limit}-byte limit, not read past it{}",
                    self.status,
                    Preview(&self.raw)
                );
            }
        };
        write!(f, "{} with {what}{}", self.status, Preview(&self.raw))
    }
}

/// The first characters of a raw body, after a colon.
struct Preview<'a>(&'a str);

impl fmt::Display for Preview<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.0.is_empty() {
            f.write_str(": ")?;
            for c in self.0.chars().take(120) {
                fmt::Write::write_char(f, c)?;
            }
        }
        Ok(())
    }
}

impl std::error::Error for MalformedResponse {}

/// An error body, whatever its format, with its members sorted out.
#[derive(Clone, Debug, PartialEq)]
pub struct ErrorBody {
    /// The response's status.
    pub status: StatusCode,
    /// The format the body was written in.
    pub format: Format,
    /// The code; the flat format has none.
    pub code: Option<String>,
    /// The message (the problem format's `detail`, else its `title`).
    pub message: String,
    /// The `field` member.
    pub field: Option<String>,
    /// Every other member: extras and `errors`.
    pub members: Map<String, Value>,
    /// The `doc_url` (the problem format's `type`, unless `about:blank`).
    pub doc_url: Option<String>,
    /// The `request_id` of a 5xx body, else the `X-Request-Id` header.
    pub request_id: Option<String>,
    /// The debug block, when the server sent one.
    pub debug: Option<Map<String, Value>>,
    /// The wait the `Retry-After` header asks for ([`parse_retry_after`]).
    pub retry_after: Option<Duration>,
    /// The whole body as received.
    pub raw: String,
}

/// Members the formats write themselves; the rest are extras.
const RESERVED: &[&str] = &[
    "code",
    "message",
    "field",
    "doc_url",
    "request_id",
    "debug",
    "errors_omitted",
    "error",
    "type",
    "title",
    "status",
    "detail",
    "instance",
];

fn string(value: Option<&Value>) -> Option<String> {
    value.and_then(Value::as_str).map(str::to_owned)
}

impl ErrorBody {
    /// Reads an error response. Fails, keeping the raw text, when the body is
    /// not an error body in any of the three formats, or is longer than
    /// [`DEFAULT_MAX_ERROR_BODY`] (a [`Reader`] sets another bound).
    pub fn parse(
        status: StatusCode,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<ErrorBody, MalformedResponse> {
        Reader::default().parse(status, headers, body)
    }

    /// [`parse`](Self::parse) of a body already known to be within the bound.
    fn parse_whole(
        status: StatusCode,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<ErrorBody, MalformedResponse> {
        let raw = String::from_utf8_lossy(body).into_owned();
        let retry_after = parse_retry_after(headers);
        let malformed = |reason| MalformedResponse {
            status,
            reason,
            raw: raw.clone(),
            retry_after,
        };
        if body.iter().all(u8::is_ascii_whitespace) {
            return Err(malformed(MalformedReason::Empty));
        }
        let value: Value = match serde_json::from_slice(body) {
            Ok(value) => value,
            Err(err) if err.is_eof() => return Err(malformed(MalformedReason::Truncated)),
            Err(_) => return Err(malformed(MalformedReason::NotJson)),
        };
        let Value::Object(mut object) = value else {
            return Err(malformed(MalformedReason::NotAnErrorBody));
        };
        let header_request_id = headers
            .get("x-request-id")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let (format, code, message, doc_url, mut members) = match object.remove("error") {
            Some(Value::Object(mut inner)) => {
                let (Some(code), Some(message)) =
                    (string(inner.get("code")), string(inner.get("message")))
                else {
                    return Err(malformed(MalformedReason::NotAnErrorBody));
                };
                let doc_url = string(inner.get("doc_url"));
                inner.remove("code");
                inner.remove("message");
                (Format::Envelope, Some(code), message, doc_url, inner)
            }
            Some(Value::String(_)) => {
                let Some(message) = string(object.get("message")) else {
                    return Err(malformed(MalformedReason::NotAnErrorBody));
                };
                let doc_url = string(object.get("doc_url"));
                (Format::Flat, None, message, doc_url, object)
            }
            Some(_) => return Err(malformed(MalformedReason::NotAnErrorBody)),
            None if object.contains_key("title") || object.contains_key("type") => {
                let message = string(object.get("detail"))
                    .or_else(|| string(object.get("title")))
                    .unwrap_or_default();
                let doc_url = string(object.get("type")).filter(|t| t != "about:blank");
                (
                    Format::Problem,
                    string(object.get("code")),
                    message,
                    doc_url,
                    object,
                )
            }
            None => return Err(malformed(MalformedReason::NotAnErrorBody)),
        };
        let field = string(members.get("field"));
        let request_id = string(members.get("request_id")).or(header_request_id);
        let debug = match members.remove("debug") {
            Some(Value::Object(debug)) => Some(debug),
            _ => None,
        };
        members.retain(|name, _| !RESERVED.contains(&name.as_str()));
        Ok(ErrorBody {
            status,
            format,
            code,
            message,
            field,
            members,
            doc_url,
            request_id,
            debug,
            retry_after,
            raw,
        })
    }
}

/// Decodes an error response into `E`, or keeps it whole. A body longer
/// than [`DEFAULT_MAX_ERROR_BODY`] is [`MalformedReason::TooLarge`]; a
/// [`Reader`] sets another bound.
pub fn decode<E: Decode>(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> ClientError<E> {
    Reader::default().decode(status, headers, body)
}

/// Reads a response: the body as `T` on success, else the decoded error,
/// reading at most [`DEFAULT_MAX_ERROR_BODY`] bytes of an error body (a
/// [`Reader`] sets another bound). A longer one is
/// [`MalformedReason::TooLarge`], the rest of it never read.
///
/// ```no_run
/// use api_error::client::{from_response, ClientError};
/// use api_error::ApiError;
/// use serde::Deserialize;
///
/// #[derive(Debug, ApiError)]
/// #[api(decode)]
/// enum ClientsError {
///     #[api(status = 404, code = "not_found", message = "Client not found")]
///     NotFound { #[api(extra)] id: String },
/// }
///
/// #[derive(Deserialize)]
/// struct Client { id: String }
///
/// # async fn run() -> Result<(), ClientError<ClientsError>> {
/// let response = reqwest::get("http://127.0.0.1:3001/v1/clients/cli_1").await.map_err(ClientError::Transport)?;
/// match from_response::<Client, ClientsError>(response).await {
///     Ok(client) => println!("{}", client.id),
///     Err(ClientError::Api(ClientsError::NotFound { id })) => println!("no client {id}"),
///     Err(other) => return Err(other),
/// }
/// # Ok(())
/// # }
/// ```
#[cfg(feature = "reqwest")]
pub async fn from_response<T: DeserializeOwned, E: Decode>(
    response: reqwest::Response,
) -> Result<T, ClientError<E>> {
    Reader::default().from_response(response).await
}

/// One piece of a message template: literal text, or the field it reads.
#[doc(hidden)]
#[derive(Clone, Copy, Debug)]
pub enum Piece {
    Text(&'static str),
    Field,
}

/// The text each placeholder of `pieces` covers in `message`, in order, when
/// the message is an instance of the template: the shortest capture for each
/// placeholder in turn that lets the rest of the template match.
///
/// The message comes from the server, so the time this takes must not grow
/// faster than the message: every split is decided without backtracking, in
/// time linear in the message for a given template (a placeholder followed
/// by a literal ends at the literal's first occurrence, because the
/// placeholder after that literal can take whatever a later occurrence would
/// have skipped).
#[doc(hidden)]
pub fn captures<'m>(message: &'m str, pieces: &[Piece]) -> Option<Vec<&'m str>> {
    let mut out = Vec::new();
    let mut rest = message;
    let mut pieces = pieces;
    while let Some((piece, after)) = pieces.split_first() {
        match piece {
            Piece::Text(text) => rest = rest.strip_prefix(text)?,
            Piece::Field => {
                let end = field_end(rest, after)?;
                out.push(&rest[..end]);
                rest = &rest[end..];
            }
        }
        pieces = after;
    }
    rest.is_empty().then_some(out)
}

/// Where a placeholder at the start of `message` ends, given the pieces
/// `after` it: the shortest capture the rest of the template allows.
fn field_end(message: &str, after: &[Piece]) -> Option<usize> {
    let literals = after
        .iter()
        .take_while(|piece| matches!(piece, Piece::Text(_)))
        .count();
    let (literal, then) = after.split_at(literals);
    let length: usize = literal.iter().map(text_len).sum();
    match (literal.is_empty(), then.is_empty()) {
        // The last piece takes the rest of the message.
        (true, true) => Some(message.len()),
        // Another placeholder follows at once: it can take anything, so this
        // one takes nothing.
        (true, false) => Some(0),
        // Literal text ends the template: it must end the message.
        (false, true) => {
            let end = message.len().checked_sub(length)?;
            (message.is_char_boundary(end) && starts_with_all(&message[end..], literal))
                .then_some(end)
        }
        // Literal text, then another placeholder: its first occurrence.
        (false, false) => message
            .char_indices()
            .map(|(at, _)| at)
            .chain([message.len()])
            .find(|at| starts_with_all(&message[*at..], literal)),
    }
}

fn text_len(piece: &Piece) -> usize {
    match piece {
        Piece::Text(text) => text.len(),
        Piece::Field => 0,
    }
}

/// Whether `message` starts with the texts of `literal`, one after another.
fn starts_with_all(mut message: &str, literal: &[Piece]) -> bool {
    for piece in literal {
        if let Piece::Text(text) = piece {
            match message.strip_prefix(text) {
                Some(tail) => message = tail,
                None => return false,
            }
        }
    }
    true
}

/// A value from its JSON form, or `null` when absent: `Option` fields
/// become `None`, other types fail.
fn from_json<T: DeserializeOwned>(value: Option<&Value>) -> Option<T> {
    T::deserialize(value.unwrap_or(&Value::Null)).ok()
}

/// An `extra` member.
#[doc(hidden)]
pub fn member<T: DeserializeOwned>(body: &ErrorBody, name: &str) -> Option<T> {
    from_json(body.members.get(name))
}

/// The `errors` list.
#[doc(hidden)]
pub fn errors<T: DeserializeOwned>(body: &ErrorBody) -> Option<T> {
    from_json(body.members.get("errors"))
}

/// A `debug` member.
#[doc(hidden)]
pub fn debug_member<T: DeserializeOwned>(body: &ErrorBody, name: &str) -> Option<T> {
    from_json(body.debug.as_ref().and_then(|debug| debug.get(name)))
}

/// The `field` member.
#[doc(hidden)]
pub fn field<T: DeserializeOwned>(body: &ErrorBody) -> Option<T> {
    let field = body
        .field
        .as_ref()
        .map(|field| Value::String(field.clone()));
    from_json(field.as_ref())
}

/// A field a template placeholder printed: its JSON form when it reads as
/// JSON (numbers, booleans), else the text itself.
#[doc(hidden)]
pub fn capture<T: DeserializeOwned>(text: &str) -> Option<T> {
    serde_json::from_str::<T>(text)
        .ok()
        .or_else(|| T::deserialize(Value::String(text.to_owned())).ok())
}

/// A value `#[api(retry_after)]` can be rebuilt as.
#[doc(hidden)]
pub trait FromRetryAfter: Sized {
    fn from_retry_after(wait: Option<Duration>) -> Option<Self>;
}

macro_rules! from_retry_after_int {
    ($($ty:ty),*) => {$(
        impl FromRetryAfter for $ty {
            fn from_retry_after(wait: Option<Duration>) -> Option<Self> {
                wait.and_then(|wait| <$ty>::try_from(wait.as_secs()).ok())
            }
        }
    )*};
}

from_retry_after_int!(u8, u16, u32, u64, u128, usize, i8, i16, i32, i64, i128, isize);

impl FromRetryAfter for Duration {
    fn from_retry_after(wait: Option<Duration>) -> Option<Self> {
        wait
    }
}

impl<T: FromRetryAfter> FromRetryAfter for Option<T> {
    fn from_retry_after(wait: Option<Duration>) -> Option<Self> {
        Some(wait.and_then(|wait| T::from_retry_after(Some(wait))))
    }
}

/// The `retry_after` field, from the `Retry-After` header.
#[doc(hidden)]
pub fn retry_after<T: FromRetryAfter>(body: &ErrorBody) -> Option<T> {
    T::from_retry_after(body.retry_after)
}

/// Whether `body` can be the variant of `status` and `code`: the status
/// matches, and so does the code where the format has one.
#[doc(hidden)]
pub fn is(body: &ErrorBody, status: u16, code: &str) -> bool {
    body.status.as_u16() == status && body.code.as_deref().is_none_or(|c| c == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_match_with_backtracking() {
        let pieces = [Piece::Field, Piece::Text(" not found")];
        assert_eq!(captures("Client not found", &pieces), Some(vec!["Client"]));
        assert_eq!(
            captures("a not found b not found", &pieces),
            Some(vec!["a not found b"])
        );
        assert_eq!(captures("Client missing", &pieces), None);
        let pieces = [
            Piece::Text("Retry after "),
            Piece::Field,
            Piece::Text(" seconds."),
        ];
        assert_eq!(
            captures("Retry after 30 seconds.", &pieces),
            Some(vec!["30"])
        );
        let pieces = [
            Piece::Text("é "),
            Piece::Field,
            Piece::Text("/"),
            Piece::Field,
        ];
        assert_eq!(captures("é ü/ß", &pieces), Some(vec!["ü", "ß"]));
        assert_eq!(captures("", &[Piece::Field]), Some(vec![""]));
        let pieces = [Piece::Field, Piece::Text(" already exists")];
        assert_eq!(captures(" already exists", &pieces), Some(vec![""]));
    }

    /// The matcher `captures` replaced: every split tried, shortest first.
    /// Exponential in the number of placeholders, but the definition.
    fn backtracking<'m>(message: &'m str, pieces: &[Piece], out: &mut Vec<&'m str>) -> bool {
        match pieces.split_first() {
            None => message.is_empty(),
            Some((Piece::Text(text), rest)) => message
                .strip_prefix(text)
                .is_some_and(|tail| backtracking(tail, rest, out)),
            Some((Piece::Field, rest)) => {
                let ends = message
                    .char_indices()
                    .map(|(i, _)| i)
                    .chain([message.len()])
                    .filter(|end| !rest.is_empty() || *end == message.len());
                for end in ends {
                    out.push(&message[..end]);
                    if backtracking(&message[end..], rest, out) {
                        return true;
                    }
                    out.pop();
                }
                false
            }
        }
    }

    #[test]
    fn captures_agree_with_trying_every_split() {
        // SplitMix64: the same cases on every run.
        let mut state = 0x5eed_u64;
        let mut next = move |below: usize| {
            state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            ((z ^ (z >> 31)) % below as u64) as usize
        };
        const TEXTS: [&str; 7] = ["", "/", "a", "ab", "a/", "é", "/é/"];
        const CHARS: [&str; 4] = ["a", "b", "/", "é"];
        let mut matched = 0;
        for _ in 0..50_000 {
            let pieces: Vec<Piece> = (0..next(6))
                .map(|_| match next(3) {
                    0 => Piece::Field,
                    _ => Piece::Text(TEXTS[next(TEXTS.len())]),
                })
                .collect();
            let message: String = (0..next(9)).map(|_| CHARS[next(CHARS.len())]).collect();
            let mut expected = Vec::new();
            let expected = backtracking(&message, &pieces, &mut expected).then_some(expected);
            assert_eq!(
                captures(&message, &pieces),
                expected,
                "{message:?} {pieces:?}"
            );
            matched += usize::from(expected.is_some());
        }
        assert!(matched > 5_000, "only {matched} cases matched");
    }

    #[test]
    fn captures_read_json_then_text() {
        assert_eq!(capture::<u32>("10"), Some(10));
        assert_eq!(capture::<String>("10"), Some("10".to_owned()));
        assert_eq!(capture::<String>("cli_1"), Some("cli_1".to_owned()));
        assert_eq!(capture::<i64>("ten"), None);
        assert_eq!(
            capture::<Option<String>>("x y"),
            Some(Some("x y".to_owned()))
        );
    }
}
