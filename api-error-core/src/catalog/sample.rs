//! Sample bodies of catalog entries, written by the real renderer so they
//! follow the wire format exactly.

use super::{Entry, FieldMember, JsonType};
use crate::members::{Members, Visitor};
use crate::serde_writer::serialize_body;
use crate::{ApiError, Format, RenderOptions};
use http::StatusCode;
use serde_json::{json, Value};
use std::fmt;
use std::time::Duration;

/// The request id of sample 5xx bodies.
pub(crate) const SAMPLE_REQUEST_ID: &str = "req_xxxxx";

/// The `Retry-After` of samples, in seconds.
pub(crate) const SAMPLE_RETRY_AFTER: u64 = 30;

/// The body of `entry` in `format`, with sample values; pretty-printed when
/// asked, for documentation.
pub(crate) fn body(entry: &Entry, format: Format, pretty: bool) -> String {
    let sample = Sample::new(entry);
    sample_body(&sample, format, pretty)
}

/// The pretty body of `entry` in `format`, its message `template` (with
/// placeholders as `<name>`) when there is one.
pub(crate) fn body_with(entry: &Entry, format: Format, template: Option<String>) -> String {
    let mut sample = Sample::new(entry);
    if let Some(template) = template {
        sample.message = template;
    }
    sample_body(&sample, format, true)
}

fn sample_body(sample: &Sample<'_>, format: Format, pretty: bool) -> String {
    let options = RenderOptions::new().request_id(SAMPLE_REQUEST_ID);
    if !pretty {
        return sample.to_json_with(format, &options);
    }
    let mut out = Vec::new();
    let mut serializer = serde_json::Serializer::pretty(&mut out);
    match serialize_body(sample, sample, format, &options, &mut serializer) {
        Ok(()) => String::from_utf8(out).unwrap_or_default(),
        Err(_) => sample.to_json_with(format, &options),
    }
}

/// The body of `entry` in `format` as a JSON value.
pub(crate) fn value(entry: &Entry, format: Format) -> Value {
    serde_json::from_str(&body(entry, format, false)).unwrap_or(Value::Null)
}

/// A sample value of a member of `json_type` named `name`.
pub(crate) fn member_value(name: &str, json_type: &JsonType) -> Value {
    match json_type {
        JsonType::String | JsonType::Any => Value::String(format!("<{name}>")),
        JsonType::Integer => json!(0),
        JsonType::Number => json!(0.5),
        JsonType::Boolean => json!(false),
        JsonType::Null => Value::Null,
        JsonType::Array(items) => Value::Array(vec![member_value(name, items)]),
        JsonType::Object => json!({}),
        JsonType::Nullable(inner) => member_value(name, inner),
    }
}

/// `template` with each placeholder replaced by `<name>` (`<0>` for a
/// positional one) and `{{`/`}}` unescaped.
pub(crate) fn message(template: &str) -> String {
    let mut out = String::with_capacity(template.len());
    let mut chars = template.chars().peekable();
    let mut positional = 0;
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                out.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                out.push('}');
            }
            '{' => {
                let mut inner = String::new();
                for c in chars.by_ref() {
                    if c == '}' {
                        break;
                    }
                    inner.push(c);
                }
                let name = inner.split(':').next().unwrap_or("").trim();
                let name = name.strip_prefix("r#").unwrap_or(name);
                if name.is_empty() {
                    out.push_str(&format!("<{positional}>"));
                    positional += 1;
                } else {
                    out.push_str(&format!("<{name}>"));
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// An error standing for one catalog entry.
struct Sample<'a> {
    entry: &'a Entry,
    message: String,
}

impl<'a> Sample<'a> {
    fn new(entry: &'a Entry) -> Self {
        Sample {
            entry,
            message: message(entry.message),
        }
    }
}

impl fmt::Debug for Sample<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Sample")
            .field("code", &self.entry.code)
            .finish()
    }
}

impl fmt::Display for Sample<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Sample<'_> {}

impl ApiError for Sample<'_> {
    fn status(&self) -> StatusCode {
        self.entry.status
    }

    fn code(&self) -> &'static str {
        self.entry.code
    }

    fn fmt_message(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }

    fn field(&self) -> Option<&str> {
        match self.entry.field? {
            FieldMember::Fixed(name) => Some(name),
            FieldMember::FromValue(_) => Some("<field>"),
        }
    }

    fn doc_url(&self) -> Option<&'static str> {
        self.entry.doc_url
    }

    fn retry_after(&self) -> Option<Duration> {
        self.entry
            .retry_after
            .then_some(Duration::from_secs(SAMPLE_RETRY_AFTER))
    }

    fn visit_members(
        &self,
        visitor: &mut dyn crate::model::MemberVisitor,
    ) -> Result<(), crate::model::Stop> {
        Members::visit_members(self, &mut crate::model::DynVisitor(visitor))
    }

    fn write_json(&self, out: &mut Vec<u8>, format: Format, options: &RenderOptions<'_>) {
        crate::error::write_json(self, self, out, format, options);
    }
}

impl Members for Sample<'_> {
    fn visit_members<V: Visitor>(&self, visitor: &mut V) -> Result<(), V::Error> {
        for extra in self.entry.extras {
            visitor.member(extra.name, &member_value(extra.name, &extra.json_type))?;
        }
        if self.entry.errors {
            visitor.errors(&[crate::FieldError::new("<field>", "<message>")])?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Extra;

    #[test]
    fn messages_show_placeholders() {
        assert_eq!(message("{resource} not found"), "<resource> not found");
        assert_eq!(message("{0} is {1:>5}"), "<0> is <1>");
        assert_eq!(message("{} and {}"), "<0> and <1>");
        assert_eq!(message("{{literal}} {r#type}"), "{literal} <type>");
        assert_eq!(message("no placeholder"), "no placeholder");
    }

    #[test]
    fn bodies_follow_the_format() {
        const ENTRY: Entry =
            Entry::__new("E", "NotFound", 404, "not_found", "{resource} not found")
                .__extras(&[
                    Extra::__new("resource", JsonType::String),
                    Extra::__new("id", JsonType::Nullable(&JsonType::Integer)),
                    Extra::__new("tags", JsonType::Array(&JsonType::String)),
                ])
                .__field(FieldMember::FromValue("field"))
                .__doc_url("https://docs.example.com/errors#not_found");
        let entry = ENTRY;
        assert_eq!(
            body(&entry, Format::Envelope, false),
            r#"{"error":{"code":"not_found","message":"<resource> not found","field":"<field>","resource":"<resource>","id":0,"tags":["<tags>"],"doc_url":"https://docs.example.com/errors#not_found"}}"#
        );
        assert_eq!(
            body(&entry, Format::Problem, false),
            r#"{"type":"https://docs.example.com/errors#not_found","title":"Not Found","status":404,"detail":"<resource> not found","code":"not_found","field":"<field>","resource":"<resource>","id":0,"tags":["<tags>"]}"#
        );
    }

    #[test]
    fn server_errors_carry_a_request_id() {
        let entry = Entry::__new("E", "Internal", 500, "internal_error", "Oops").__errors();
        assert_eq!(
            body(&entry, Format::Flat, false),
            r#"{"error":"Internal Server Error","message":"Oops","errors":[{"field":"<field>","message":"<message>"}],"request_id":"req_xxxxx"}"#
        );
        assert_eq!(
            body(&entry, Format::Flat, true),
            "{\n  \"error\": \"Internal Server Error\",\n  \"message\": \"Oops\",\n  \"errors\": [\n    {\n      \"field\": \"<field>\",\n      \"message\": \"<message>\"\n    }\n  ],\n  \"request_id\": \"req_xxxxx\"\n}"
        );
    }
}
