//! Google's AIP-193 error as JSON (`application/json`), with the details a
//! gRPC status of the same error carries, in protobuf's JSON mapping.
//!
//! ```json
//! {"error":{"code":429,"message":"Too many requests","status":"RESOURCE_EXHAUSTED",
//!   "details":[
//!     {"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"RATE_LIMITED",
//!      "domain":"clients.example.com","metadata":{"limit":"100"}},
//!     {"@type":"type.googleapis.com/google.rpc.BadRequest",
//!      "fieldViolations":[{"field":"email","description":"Invalid email format","reason":"invalid"}]},
//!     {"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"30s"},
//!     {"@type":"type.googleapis.com/google.rpc.RequestInfo","requestId":"req_1"},
//!     {"@type":"type.googleapis.com/google.rpc.Help",
//!      "links":[{"description":"rate_limited","url":"https://docs.example.com/errors#rate_limited"}]},
//!     {"@type":"type.googleapis.com/google.rpc.DebugInfo","stackEntries":["..."],"detail":"{...}"}
//!   ]}}
//! ```
//!
//! `code` is the HTTP status, `status` the gRPC code's name. `ErrorInfo`
//! always comes first; each other detail is there when the error has what
//! it holds, `RequestInfo` whenever the request has an id (as over gRPC),
//! `DebugInfo` only when the debug block is shown. Empty fields are left
//! out, as the JSON mapping leaves out default values.

use super::{ModelBody, Object};
use crate::client::ErrorParts;
use crate::google::{self, Details};
use api_error_wire::google_types as types;
use api_error_wire::names;
use serde::ser::{SerializeMap, SerializeSeq, Serializer};
use serde::Serialize;
use serde_json::{Map, Value};
use std::time::Duration;

pub(super) fn serialize<S: Serializer>(
    body: &ModelBody<'_>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut details = google::details_with(body.parts, body.options, body.with_members);
    if let Some(message) = body.forced_message {
        message.clone_into(&mut details.message);
    }
    super::single(
        serializer,
        names::ERROR,
        &Status {
            code: body.parts.status().as_u16(),
            status: body.parts.grpc_code().name(),
            details: &details,
        },
    )
}

struct Status<'a> {
    code: u16,
    status: &'static str,
    details: &'a Details,
}

impl Serialize for Status<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(4))?;
        map.serialize_entry(names::CODE, &self.code)?;
        map.serialize_entry(names::MESSAGE, &self.details.message)?;
        map.serialize_entry(names::STATUS, self.status)?;
        map.serialize_entry(names::DETAILS, &List(self.details))?;
        map.end()
    }
}

/// The `details` array, in the order a gRPC status lists them.
struct List<'a>(&'a Details);

impl Serialize for List<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let details = self.0;
        let mut seq = serializer.serialize_seq(None)?;
        seq.serialize_element(&ErrorInfo(details))?;
        if !details.violations.is_empty() {
            seq.serialize_element(&BadRequest(details))?;
        }
        if let Some(delay) = details.retry_after {
            seq.serialize_element(&Detail {
                at_type: types::RETRY_INFO,
                entries: &[(names::RETRY_DELAY, &duration(delay))],
            })?;
        }
        if let Some(request_id) = &details.request_id {
            seq.serialize_element(&Detail {
                at_type: types::REQUEST_INFO,
                entries: &[(names::REQUEST_ID_CAMEL, request_id)],
            })?;
        }
        if let Some((description, url)) = details.help {
            seq.serialize_element(&Help { description, url })?;
        }
        if let Some(debug) = &details.debug {
            seq.serialize_element(&Detail {
                at_type: types::DEBUG_INFO,
                entries: &[
                    (names::STACK_ENTRIES, &debug.stack_entries),
                    (names::DETAIL, &debug.detail),
                ],
            })?;
        }
        seq.end()
    }
}

/// A detail of string members: its `@type`, then each entry.
struct Detail<'a> {
    at_type: &'static str,
    entries: &'a [(&'static str, &'a dyn erased_serde::Serialize)],
}

impl Serialize for Detail<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(1 + self.entries.len()))?;
        map.serialize_entry(names::AT_TYPE, self.at_type)?;
        for (name, value) in self.entries {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

struct ErrorInfo<'a>(&'a Details);

impl Serialize for ErrorInfo<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let details = self.0;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry(names::AT_TYPE, types::ERROR_INFO)?;
        map.serialize_entry(names::REASON, &details.reason)?;
        if !details.domain.is_empty() {
            map.serialize_entry(names::DOMAIN, details.domain)?;
        }
        if !details.metadata.is_empty() {
            map.serialize_entry(names::METADATA, &Metadata(&details.metadata))?;
        }
        map.end()
    }
}

struct Metadata<'a>(&'a [(&'static str, String)]);

impl Serialize for Metadata<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(name, value)| (name, value)))
    }
}

struct BadRequest<'a>(&'a Details);

impl Serialize for BadRequest<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(2))?;
        map.serialize_entry(names::AT_TYPE, types::BAD_REQUEST)?;
        map.serialize_entry(names::FIELD_VIOLATIONS, &Violations(self.0))?;
        map.end()
    }
}

struct Violations<'a>(&'a Details);

impl Serialize for Violations<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.0.violations.len()))?;
        for violation in &self.0.violations {
            let reason = Some(violation.reason.as_str()).filter(|reason| !reason.is_empty());
            seq.serialize_element(&Object(&[
                (names::FIELD, Some(&violation.field)),
                (names::DESCRIPTION, Some(&violation.description)),
                (names::REASON, reason.as_ref().map(|reason| reason as _)),
            ]))?;
        }
        seq.end()
    }
}

struct Help {
    description: &'static str,
    url: &'static str,
}

impl Serialize for Help {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(2))?;
        map.serialize_entry(names::AT_TYPE, types::HELP)?;
        map.serialize_entry(
            names::LINKS,
            &[Object(&[
                (names::DESCRIPTION, Some(&self.description)),
                (names::URL, Some(&self.url)),
            ])],
        )?;
        map.end()
    }
}

/// A `google.protobuf.Duration` in its JSON mapping: seconds with 0, 3, 6
/// or 9 fractional digits and an `s`.
fn duration(delay: Duration) -> String {
    let (secs, nanos) = (delay.as_secs(), delay.subsec_nanos());
    match nanos {
        0 => format!("{secs}s"),
        n if n % 1_000_000 == 0 => format!("{secs}.{:03}s", n / 1_000_000),
        n if n % 1_000 == 0 => format!("{secs}.{:06}s", n / 1_000),
        n => format!("{secs}.{n:09}s"),
    }
}

/// A `google.protobuf.Duration` read back from its JSON mapping.
fn parse_duration(text: &str) -> Option<Duration> {
    let number = text.strip_suffix('s')?;
    let (secs, fraction) = number.split_once('.').unwrap_or((number, ""));
    if fraction.len() > 9 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let secs: u64 = secs.parse().ok()?;
    let nanos = if fraction.is_empty() {
        0
    } else {
        fraction.parse::<u32>().ok()? * 10_u32.pow(9 - fraction.len() as u32)
    };
    Some(Duration::new(secs, nanos))
}

fn string(object: &Map<String, Value>, name: &str) -> Option<String> {
    object.get(name).and_then(Value::as_str).map(str::to_owned)
}

/// Reads an AIP-193 error: the `ErrorInfo` reason, lower-cased, is the
/// code; its metadata the extras (each a string, as the JSON mapping has
/// it); the `BadRequest` violations the `field` (the first, when it repeats
/// the message without a reason) and the `errors`; `Help`, `RequestInfo`
/// and `DebugInfo` the `doc_url`, the request id and the debug block.
/// `None` when it is not one.
pub(crate) fn read(mut document: Map<String, Value>) -> Option<ErrorParts> {
    let Some(Value::Object(status)) = document.remove(names::ERROR) else {
        return None;
    };
    status.get(names::CODE)?.as_u64()?;
    let message = string(&status, names::MESSAGE).unwrap_or_default();
    let mut parts = ErrorParts {
        code: None,
        message,
        field: None,
        doc_url: None,
        members: Map::new(),
        retry_after: None,
    };
    let details = match status.get(names::DETAILS) {
        Some(Value::Array(details)) => details.as_slice(),
        _ => &[],
    };
    for detail in details {
        let Some(detail) = detail.as_object() else {
            continue;
        };
        match detail.get(names::AT_TYPE).and_then(Value::as_str) {
            Some(types::ERROR_INFO) => {
                parts.code = string(detail, names::REASON)
                    .map(|reason| reason.to_ascii_lowercase())
                    .filter(|code| !code.is_empty());
                if let Some(Value::Object(metadata)) = detail.get(names::METADATA) {
                    for (name, value) in metadata {
                        if value.is_string() && !api_error_wire::is_reserved(name) {
                            parts.members.insert(name.clone(), value.clone());
                        }
                    }
                }
            }
            Some(types::BAD_REQUEST) => {
                let violations = match detail.get(names::FIELD_VIOLATIONS) {
                    Some(Value::Array(violations)) => violations.as_slice(),
                    _ => &[],
                };
                let mut errors = Vec::new();
                for violation in violations.iter().filter_map(Value::as_object) {
                    let (Some(field), Some(description)) = (
                        string(violation, names::FIELD),
                        string(violation, names::DESCRIPTION),
                    ) else {
                        continue;
                    };
                    let reason = string(violation, names::REASON).filter(|r| !r.is_empty());
                    if parts.field.is_none()
                        && errors.is_empty()
                        && reason.is_none()
                        && description == parts.message
                    {
                        parts.field = Some(field);
                        continue;
                    }
                    let mut error = Map::new();
                    error.insert(names::FIELD.into(), Value::String(field));
                    error.insert(names::MESSAGE.into(), Value::String(description));
                    if let Some(reason) = reason {
                        error.insert(names::CODE.into(), Value::String(reason));
                    }
                    errors.push(Value::Object(error));
                }
                if !errors.is_empty() {
                    parts
                        .members
                        .insert(names::ERRORS.into(), Value::Array(errors));
                }
            }
            Some(types::RETRY_INFO) => {
                parts.retry_after = string(detail, names::RETRY_DELAY)
                    .as_deref()
                    .and_then(parse_duration);
            }
            Some(types::REQUEST_INFO) => {
                if let Some(id) = string(detail, names::REQUEST_ID_CAMEL) {
                    parts
                        .members
                        .insert(names::REQUEST_ID.into(), Value::String(id));
                }
            }
            Some(types::HELP) => {
                parts.doc_url =
                    detail
                        .get(names::LINKS)
                        .and_then(Value::as_array)
                        .and_then(|links| {
                            links
                                .iter()
                                .filter_map(|link| link.get(names::URL)?.as_str())
                                .find(|url| !url.is_empty())
                                .map(str::to_owned)
                        });
            }
            Some(types::DEBUG_INFO) => {
                let block = match string(detail, names::DETAIL)
                    .and_then(|detail| serde_json::from_str::<Value>(&detail).ok())
                {
                    Some(Value::Object(block)) => block,
                    _ => {
                        let mut block = Map::new();
                        if let Some(entries) = detail.get(names::STACK_ENTRIES) {
                            block.insert(names::SOURCE_CHAIN.into(), entries.clone());
                        }
                        block
                    }
                };
                parts
                    .members
                    .insert(names::DEBUG.into(), Value::Object(block));
            }
            _ => {}
        }
    }
    Some(parts)
}

#[cfg(test)]
mod tests {
    use super::{duration, parse_duration};
    use std::time::Duration;

    #[test]
    fn durations_follow_the_json_mapping() {
        for (delay, text) in [
            (Duration::from_secs(30), "30s"),
            (Duration::from_millis(1500), "1.500s"),
            (Duration::from_micros(2_000_001), "2.000001s"),
            (Duration::new(0, 7), "0.000000007s"),
        ] {
            assert_eq!(duration(delay), text);
            assert_eq!(parse_duration(text), Some(delay));
        }
        assert_eq!(parse_duration("1.0000000001s"), None);
        assert_eq!(parse_duration("-1s"), None);
        assert_eq!(parse_duration("30"), None);
    }
}
