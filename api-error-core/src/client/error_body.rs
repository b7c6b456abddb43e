//! An error body of any of the three formats, read into its members.

use super::{parse_retry_after, MalformedReason, MalformedResponse, Reader};
use crate::format::{Format, WireFormat};
use api_error_wire::names;
use http::{HeaderMap, StatusCode};
use serde_json::{Map, Value};
use std::time::Duration;

/// An error body, whatever its format, with its members sorted out.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct ErrorBody {
    /// The response's status.
    pub status: StatusCode,
    /// The format the body was written in; `None` for a format of your own
    /// ([`Reader::parse_in`](super::Reader::parse_in)).
    pub format: Option<Format>,
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
    name != names::ERRORS && api_error_wire::is_reserved(name)
}

/// What a format's reader takes out of a body. The members hold the
/// extras, `errors`, and the members the layout writes last wherever the
/// format keeps them (`request_id`, `debug`, `errors_omitted`, `doc_url`):
/// the reader of [`ErrorBody`] sorts those out the same way for every
/// format.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ErrorParts {
    /// The code, when the format has one.
    pub code: Option<String>,
    /// The message.
    pub message: String,
    /// The `field`, when the format keeps it outside the members.
    pub field: Option<String>,
    /// The `doc_url`, when the format keeps it outside the members.
    pub doc_url: Option<String>,
    /// Every other member.
    pub members: Map<String, Value>,
    /// The wait the body itself asks for (Google's `RetryInfo`), when the
    /// response has no `Retry-After`.
    pub retry_after: Option<Duration>,
}

/// The format an error body is in, from its shape alone; `None` when it is
/// in none.
///
/// - an `error` object whose `code` is a number: [`Format::Google`];
/// - an `error` object with `target`, `details` or `innererror`:
///   [`Format::Microsoft`] (the envelope reserves those names);
/// - another `error` object: [`Format::Envelope`];
/// - an `error` string: [`Format::Flat`];
/// - a `type` or `title`: [`Format::Problem`];
/// - an `errors` array of objects, without those: [`Format::JsonApi`].
#[must_use]
pub(crate) fn sniff(object: &Map<String, Value>) -> Option<Format> {
    match object.get(names::ERROR) {
        Some(Value::Object(inner)) => Some(match inner.get(names::CODE) {
            Some(Value::Number(_)) => Format::Google,
            _ if [names::TARGET, names::DETAILS, names::INNERERROR]
                .iter()
                .any(|name| inner.contains_key(*name)) =>
            {
                Format::Microsoft
            }
            _ => Format::Envelope,
        }),
        Some(Value::String(_)) => Some(Format::Flat),
        Some(_) => None,
        None if object.contains_key(names::TITLE) || object.contains_key(names::TYPE) => {
            Some(Format::Problem)
        }
        None => match object.get(names::ERRORS) {
            Some(Value::Array(objects)) if objects.first().is_some_and(Value::is_object) => {
                Some(Format::JsonApi)
            }
            _ => None,
        },
    }
}

/// Reads a body of `format`: its parts, or `None` when it is not one.
#[must_use]
pub(crate) fn read(format: Format, mut object: Map<String, Value>) -> Option<ErrorParts> {
    match format {
        Format::Envelope => {
            let Some(Value::Object(mut inner)) = object.remove(names::ERROR) else {
                return None;
            };
            let code = string(inner.remove(names::CODE).as_ref())?;
            let message = string(inner.remove(names::MESSAGE).as_ref())?;
            Some(ErrorParts {
                code: Some(code),
                message,
                members: inner,
                ..ErrorParts::default()
            })
        }
        Format::Flat => {
            object.get(names::ERROR)?.as_str()?;
            let message = string(object.get(names::MESSAGE))?;
            Some(ErrorParts {
                message,
                members: object,
                ..ErrorParts::default()
            })
        }
        Format::Problem => {
            let message = string(object.get(names::DETAIL))
                .or_else(|| string(object.get(names::TITLE)))
                .unwrap_or_default();
            let doc_url = string(object.get(names::TYPE)).filter(|t| t != "about:blank");
            Some(ErrorParts {
                code: string(object.get(names::CODE)),
                message,
                doc_url,
                members: object,
                ..ErrorParts::default()
            })
        }
        Format::JsonApi => crate::formats::read_json_api(object),
        Format::Google => crate::formats::read_google(object),
        Format::Microsoft => crate::formats::read_microsoft(object),
    }
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
        format: Option<&dyn WireFormat>,
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
        let Value::Object(object) = value else {
            return Err(malformed(MalformedReason::NotAnErrorBody));
        };
        let header_request_id = headers
            .get("x-request-id")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let (format, parts) = match format {
            Some(format) => (format.builtin(), format.read(object)),
            None => match sniff(&object) {
                Some(format) => (Some(format), read(format, object)),
                None => (None, None),
            },
        };
        let parts = parts.ok_or_else(|| malformed(MalformedReason::NotAnErrorBody))?;
        let ErrorParts {
            code,
            message,
            field,
            doc_url,
            mut members,
            retry_after: body_retry_after,
        } = parts;
        let retry_after = retry_after.or(body_retry_after);
        let doc_url = doc_url.or_else(|| string(members.get(names::DOC_URL)));
        let field = field.or_else(|| string(members.get(names::FIELD)));
        let request_id = string(members.get(names::REQUEST_ID)).or(header_request_id);
        let debug = match members.remove(names::DEBUG) {
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
