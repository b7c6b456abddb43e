//! The error of the Microsoft REST API guidelines (`application/json`).
//!
//! ```json
//! {"error":{"code":"validation_error","message":"Request validation failed",
//!   "target":"email",
//!   "details":[{"code":"invalid","message":"Invalid email format","target":"email"}],
//!   "innererror":{"batch":7,"errors_omitted":2,"doc_url":"https://...","request_id":"req_1","debug":{}}}}
//! ```
//!
//! `target` is the `field`; `details` holds one error object per field
//! error (and is there, empty, for an empty list), its `code` the field
//! error's own or else the error's (the guidelines ask every error object
//! for one); `innererror`, the object the
//! guidelines keep for what the service says beyond them, holds the extras,
//! `errors_omitted`, the `doc_url`, a 5xx's `request_id` and the debug block,
//! when there is any of them.

use super::{ModelBody, Object};
use crate::client::ErrorParts;
use api_error_wire::names;
use serde::ser::{SerializeMap, SerializeSeq, Serializer};
use serde::Serialize;
use serde_json::{Map, Value};

pub(super) struct Error<'b, 'a>(pub(super) &'b ModelBody<'a>);

impl Serialize for Error<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let body = self.0;
        let parts = body.parts;
        let census = body.census();
        let head = body.head();
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry(names::CODE, parts.code())?;
        map.serialize_entry(names::MESSAGE, &body.message())?;
        if let Some(target) = parts.field() {
            map.serialize_entry(names::TARGET, target)?;
        }
        // Empty when the list is: a client tells the error by it.
        if census.has_errors {
            map.serialize_entry(names::DETAILS, &Details(body))?;
        }
        let doc_url = parts.doc_url();
        if body.has_rest(&census, &head, doc_url) {
            map.serialize_entry(
                names::INNERERROR,
                &Inner {
                    body,
                    census: &census,
                    head: &head,
                    doc_url,
                },
            )?;
        }
        map.end()
    }
}

/// `details`: one error object per listed field error.
struct Details<'b, 'a>(&'b ModelBody<'a>);

impl Serialize for Details<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let body = self.0;
        let code = body.parts.code();
        let mut seq = serializer.serialize_seq(None)?;
        body.each_error(|error| {
            let code = error.code.as_deref().unwrap_or(code);
            seq.serialize_element(&Object(&[
                (names::CODE, Some(&code)),
                (names::MESSAGE, Some(&error.message)),
                (names::TARGET, Some(&error.field)),
            ]))
        })?;
        seq.end()
    }
}

/// `innererror`: the extras, then what the layout writes last.
struct Inner<'b, 'a, 'h> {
    body: &'b ModelBody<'a>,
    census: &'b super::Census,
    head: &'h api_error_wire::Head<'h>,
    doc_url: Option<&'static str>,
}

impl Serialize for Inner<'_, '_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        self.body
            .rest(&mut map, self.census, self.head, self.doc_url)?;
        map.end()
    }
}

fn string(object: &Map<String, Value>, name: &str) -> Option<String> {
    object.get(name).and_then(Value::as_str).map(str::to_owned)
}

/// Reads a Microsoft error: `target` is the `field`, `details` the
/// `errors` (a detail whose code is the error's has none of its own),
/// `innererror` the extras and the members the layout writes last. `None`
/// when it is not one.
pub(crate) fn read(mut document: Map<String, Value>) -> Option<ErrorParts> {
    let Some(Value::Object(mut error)) = document.remove(names::ERROR) else {
        return None;
    };
    let code = string(&error, names::CODE)?;
    let message = string(&error, names::MESSAGE)?;
    let field = string(&error, names::TARGET);
    let mut members = match error.remove(names::INNERERROR) {
        Some(Value::Object(inner)) => inner,
        _ => Map::new(),
    };
    let doc_url = string(&members, names::DOC_URL);
    if let Some(Value::Array(details)) = error.remove(names::DETAILS) {
        let errors: Vec<Value> = details
            .iter()
            .filter_map(Value::as_object)
            .filter_map(|detail| {
                let mut item = Map::new();
                item.insert(
                    names::FIELD.into(),
                    Value::String(string(detail, names::TARGET)?),
                );
                item.insert(
                    names::MESSAGE.into(),
                    Value::String(string(detail, names::MESSAGE)?),
                );
                if let Some(own) = string(detail, names::CODE).filter(|own| *own != code) {
                    item.insert(names::CODE.into(), Value::String(own));
                }
                Some(Value::Object(item))
            })
            .collect();
        members.insert(names::ERRORS.into(), Value::Array(errors));
    }
    Some(ErrorParts {
        code: Some(code),
        message,
        field,
        doc_url,
        members,
        retry_after: None,
    })
}
