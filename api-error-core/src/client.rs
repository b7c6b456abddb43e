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
    /// retrying cannot help. See [`RetryPolicy`].
    pub fn retry_delay(&self, policy: &RetryPolicy, attempt: u32) -> Option<Duration> {
        match (self.status(), self) {
            (Some(status), _) => policy.delay(status, self.retry_after(), attempt),
            #[cfg(feature = "reqwest")]
            (None, ClientError::Transport(_)) => policy.network_delay(attempt),
            (None, _) => None,
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
    /// The body as text (invalid UTF-8 replaced).
    pub raw: String,
    /// The `Retry-After` header, when it held whole seconds.
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
}

impl fmt::Display for MalformedResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.reason {
            MalformedReason::Empty => "an empty body",
            MalformedReason::NotJson => "a body that is not JSON",
            MalformedReason::Truncated => "truncated JSON",
            MalformedReason::NotAnErrorBody => "JSON that is not an error body",
        };
        write!(f, "{} with {what}", self.status)?;
        if !self.raw.is_empty() {
            let preview: String = self.raw.chars().take(120).collect();
            write!(f, ": {preview}")?;
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
    /// The `Retry-After` header, when it held whole seconds.
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
    "error",
    "type",
    "title",
    "status",
    "detail",
    "instance",
];

fn retry_after_header(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get(http::header::RETRY_AFTER)?.to_str().ok()?;
    value.trim().parse::<u64>().ok().map(Duration::from_secs)
}

fn string(value: Option<&Value>) -> Option<String> {
    value.and_then(Value::as_str).map(str::to_owned)
}

impl ErrorBody {
    /// Reads an error response. Fails, keeping the raw text, when the body is
    /// not an error body in any of the three formats.
    pub fn parse(
        status: StatusCode,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<ErrorBody, MalformedResponse> {
        let raw = String::from_utf8_lossy(body).into_owned();
        let retry_after = retry_after_header(headers);
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

/// Decodes an error response into `E`, or keeps it whole.
pub fn decode<E: Decode>(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> ClientError<E> {
    match ErrorBody::parse(status, headers, body) {
        Err(malformed) => ClientError::Malformed(malformed),
        Ok(parsed) => match E::decode(&parsed) {
            Some(error) => ClientError::Api(error),
            None => ClientError::Unknown(parsed),
        },
    }
}

/// Reads a response: the body as `T` on success, else the decoded error.
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
    let status = response.status();
    if status.is_success() {
        return response.json::<T>().await.map_err(ClientError::Transport);
    }
    let status = StatusCode::from_u16(status.as_u16()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let headers = response.headers().clone();
    let body = response.bytes().await.map_err(ClientError::Transport)?;
    Err(decode(status, &headers, &body))
}

/// When to retry, as the guides advise: a 429 waits for `Retry-After`, a 5xx
/// backs off exponentially (1 s, 2 s, 4 s by default), any other 4xx is not
/// retried.
///
/// ```
/// use api_error::client::RetryPolicy;
/// use api_error::StatusCode;
/// use std::time::Duration;
///
/// let policy = RetryPolicy::default();
/// let secs = |s| Some(Duration::from_secs(s));
/// assert_eq!(policy.delay(StatusCode::TOO_MANY_REQUESTS, secs(30), 0), secs(30));
/// assert_eq!(policy.delay(StatusCode::INTERNAL_SERVER_ERROR, None, 0), secs(1));
/// assert_eq!(policy.delay(StatusCode::BAD_GATEWAY, None, 1), secs(2));
/// assert_eq!(policy.delay(StatusCode::SERVICE_UNAVAILABLE, None, 2), secs(4));
/// assert_eq!(policy.delay(StatusCode::INTERNAL_SERVER_ERROR, None, 3), None);
/// assert_eq!(policy.delay(StatusCode::NOT_FOUND, None, 0), None);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// How many retries after the first attempt.
    pub max_retries: u32,
    /// The first backoff; each next one doubles.
    pub base_delay: Duration,
    /// The longest backoff.
    pub max_delay: Duration,
    /// The wait for a 429 without `Retry-After`.
    pub default_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 3,
            base_delay: Duration::from_secs(1),
            max_delay: Duration::from_secs(60),
            default_retry_after: Duration::from_secs(30),
        }
    }
}

impl RetryPolicy {
    /// The wait before retry number `attempt + 1` of a request answered with
    /// `status`, or `None` when the request should not be retried.
    /// A 503 with `Retry-After` waits for it, like a 429.
    #[must_use]
    pub fn delay(
        &self,
        status: StatusCode,
        retry_after: Option<Duration>,
        attempt: u32,
    ) -> Option<Duration> {
        if attempt >= self.max_retries {
            return None;
        }
        if status == StatusCode::TOO_MANY_REQUESTS {
            return Some(retry_after.unwrap_or(self.default_retry_after));
        }
        if status.is_server_error() {
            return match retry_after {
                Some(wait) if status == StatusCode::SERVICE_UNAVAILABLE => Some(wait),
                _ => Some(self.backoff(attempt)),
            };
        }
        None
    }

    /// The wait before retrying a request that got no response.
    #[must_use]
    pub fn network_delay(&self, attempt: u32) -> Option<Duration> {
        (attempt < self.max_retries).then(|| self.backoff(attempt))
    }

    fn backoff(&self, attempt: u32) -> Duration {
        let factor = 1u32.checked_shl(attempt).unwrap_or(u32::MAX);
        self.base_delay.saturating_mul(factor).min(self.max_delay)
    }
}

/// One piece of a message template: literal text, or the field it reads.
#[doc(hidden)]
#[derive(Clone, Copy, Debug)]
pub enum Piece {
    Text(&'static str),
    Field,
}

/// The text each placeholder of `pieces` covers in `message`, in order, when
/// the message is an instance of the template.
#[doc(hidden)]
pub fn captures<'m>(message: &'m str, pieces: &[Piece]) -> Option<Vec<&'m str>> {
    let mut out = Vec::new();
    matches(message, pieces, &mut out).then_some(out)
}

fn matches<'m>(message: &'m str, pieces: &[Piece], out: &mut Vec<&'m str>) -> bool {
    match pieces.split_first() {
        None => message.is_empty(),
        Some((Piece::Text(text), rest)) => message
            .strip_prefix(text)
            .is_some_and(|tail| matches(tail, rest, out)),
        Some((Piece::Field, rest)) => {
            // Shortest capture first (an empty one included); a later literal
            // decides where it ends.
            let ends = message
                .char_indices()
                .map(|(i, _)| i)
                .chain([message.len()])
                .filter(|end| !rest.is_empty() || *end == message.len());
            for end in ends {
                out.push(&message[..end]);
                if matches(&message[end..], rest, out) {
                    return true;
                }
                out.pop();
            }
            false
        }
    }
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

    #[test]
    fn backoff_saturates() {
        let policy = RetryPolicy {
            max_retries: 100,
            ..RetryPolicy::default()
        };
        assert_eq!(
            policy.delay(StatusCode::BAD_GATEWAY, None, 40),
            Some(Duration::from_secs(60))
        );
    }
}
