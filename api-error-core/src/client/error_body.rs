//! An error body of any of the three formats, read into its members.

use super::{parse_retry_after, MalformedReason, MalformedResponse, Reader};
use crate::format::Format;
use http::{HeaderMap, StatusCode};
use serde_json::{Map, Value};
use std::time::Duration;

/// An error body, whatever its format, with its members sorted out.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
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

/// Whether a member is one the formats write themselves, rather than one of
/// the error's own: every reserved name but `errors`, which is the value's.
pub(super) fn is_format_member(name: &str) -> bool {
    name != "errors" && api_error_wire::is_reserved(name)
}

fn string(value: Option<&Value>) -> Option<String> {
    value.and_then(Value::as_str).map(str::to_owned)
}

impl ErrorBody {
    /// Reads an error response. Fails, keeping the raw text, when the body is
    /// not an error body in any of the three formats, or is longer than
    /// [`DEFAULT_MAX_ERROR_BODY`](super::DEFAULT_MAX_ERROR_BODY) (a [`Reader`] sets another bound).
    pub fn parse(
        status: StatusCode,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<ErrorBody, MalformedResponse> {
        Reader::default().parse(status, headers, body)
    }

    /// [`parse`](Self::parse) of a body already known to be within the bound.
    pub(super) fn parse_whole(
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
        members.retain(|name, _| !is_format_member(name));
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
