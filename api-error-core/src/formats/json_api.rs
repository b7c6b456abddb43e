//! JSON:API 1.1 error objects (`application/vnd.api+json`).
//!
//! ```json
//! {"errors":[
//!   {"status":"422","code":"validation_error","title":"Unprocessable Entity",
//!    "detail":"Request validation failed","source":{"pointer":"/email"},
//!    "links":{"about":"https://docs.example.com/errors#validation_error"},
//!    "meta":{"batch":7,"errors_omitted":2,"request_id":"req_1","debug":{}}},
//!   {"status":"422","code":"invalid","title":"Unprocessable Entity",
//!    "detail":"Invalid email format","source":{"pointer":"/email"}}
//! ]}
//! ```
//!
//! The first error object is the error; one more follows for each field
//! error it lists, with the field error's `code` when it has one. `source`
//! is there for a `field`, `links.about` for a `doc_url`, and `meta` holds
//! the extras, `errors_omitted`, a 5xx's `request_id` and the debug block,
//! when there is any of them. A field of the body is named by the JSON
//! Pointer of its path in the request document (`source.pointer`), a query
//! parameter or a header by its name (`source.parameter`, `source.header`,
//! after the error's [`FieldLocation`]).

use super::{Census, ModelBody, Object};
use crate::client::ErrorParts;
use crate::field_path::{field_from_json_pointer, JsonPointer};
use crate::{reason_phrase, FieldLocation};
use api_error_wire::names;
use serde::ser::{SerializeMap, SerializeSeq, Serializer};
use serde::Serialize;
use serde_json::{Map, Value};

/// The `errors` array: the error, then its field errors.
pub(super) struct Objects<'b, 'a>(pub(super) &'b ModelBody<'a>);

impl Serialize for Objects<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let body = self.0;
        let census = body.census();
        let mut seq = serializer.serialize_seq(Some(1 + census.listed()))?;
        seq.serialize_element(&Top {
            body,
            census: &census,
        })?;
        let status = body.parts.status();
        let title = reason_phrase(status);
        let location = body.parts.field_location();
        body.each_error(|error| {
            let code = error.code.as_deref();
            seq.serialize_element(&Object(&[
                (names::STATUS, Some(&status.as_str())),
                (names::CODE, code.as_ref().map(|code| code as _)),
                (names::TITLE, Some(&title)),
                (names::DETAIL, Some(&error.message)),
                (names::SOURCE, Some(&Source(&error.field, location))),
            ]))
        })?;
        seq.end()
    }
}

/// The error's own object.
struct Top<'b, 'a> {
    body: &'b ModelBody<'a>,
    census: &'b Census,
}

impl Serialize for Top<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let body = self.body;
        let parts = body.parts;
        let status = parts.status();
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry(names::STATUS, status.as_str())?;
        map.serialize_entry(names::CODE, parts.code())?;
        map.serialize_entry(names::TITLE, reason_phrase(status))?;
        map.serialize_entry(names::DETAIL, &body.message())?;
        if let Some(field) = parts.field() {
            map.serialize_entry(names::SOURCE, &Source(field, parts.field_location()))?;
        }
        if let Some(about) = parts.doc_url() {
            map.serialize_entry(names::LINKS, &Object(&[(names::ABOUT, Some(&about))]))?;
        }
        let head = body.head();
        if body.has_rest(self.census, &head, None) {
            map.serialize_entry(
                names::META,
                &Meta {
                    top: self,
                    head: &head,
                },
            )?;
        }
        map.end()
    }
}

/// `meta`: the extras, then the members the layout writes last.
struct Meta<'t, 'b, 'a, 'h> {
    top: &'t Top<'b, 'a>,
    head: &'h api_error_wire::Head<'h>,
}

impl Serialize for Meta<'_, '_, '_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        self.top
            .body
            .rest(&mut map, self.top.census, self.head, None)?;
        map.end()
    }
}

/// `source`: the JSON Pointer of a field of the body, written as it is
/// made, or the name of a query parameter or a header.
struct Source<'a>(&'a str, FieldLocation);

impl Serialize for Source<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        struct Pointer<'a>(&'a str);

        impl Serialize for Pointer<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(&JsonPointer(self.0))
            }
        }

        let mut map = serializer.serialize_map(Some(1))?;
        match self.1 {
            FieldLocation::Query => map.serialize_entry(names::PARAMETER, self.0)?,
            FieldLocation::Header => map.serialize_entry(names::HEADER, self.0)?,
            FieldLocation::Body => map.serialize_entry(names::POINTER, &Pointer(self.0))?,
        }
        map.end()
    }
}

fn string(object: &Map<String, Value>, name: &str) -> Option<String> {
    object.get(name).and_then(Value::as_str).map(str::to_owned)
}

/// The field `source` names: a pointer's path, a parameter's or a header's
/// name.
fn source(object: &Map<String, Value>) -> Option<String> {
    let source = object.get(names::SOURCE)?.as_object()?;
    if let Some(pointer) = source.get(names::POINTER) {
        return field_from_json_pointer(pointer.as_str()?);
    }
    [names::PARAMETER, names::HEADER]
        .into_iter()
        .find_map(|name| source.get(name)?.as_str())
        .map(str::to_owned)
}

/// Reads a JSON:API error document: its first error object is the error,
/// the others its field errors. `None` when it is not one.
pub(crate) fn read(mut document: Map<String, Value>) -> Option<ErrorParts> {
    let Some(Value::Array(objects)) = document.remove(names::ERRORS) else {
        return None;
    };
    let mut objects = objects.into_iter();
    let Some(Value::Object(mut top)) = objects.next() else {
        return None;
    };
    // A status is a string of digits; an error object has at least one of
    // its members.
    if !top.get(names::STATUS).is_none_or(Value::is_string) {
        return None;
    }
    let code = string(&top, names::CODE);
    let message = string(&top, names::DETAIL).or_else(|| string(&top, names::TITLE))?;
    let field = source(&top);
    let doc_url = top
        .get(names::LINKS)
        .and_then(Value::as_object)
        .and_then(|links| match links.get(names::ABOUT)? {
            // A link is a URI, or an object with its `href`.
            Value::String(about) => Some(about.clone()),
            Value::Object(link) => link.get("href")?.as_str().map(str::to_owned),
            _ => None,
        });
    let mut members = match top.remove(names::META) {
        Some(Value::Object(meta)) => meta,
        _ => Map::new(),
    };
    let errors: Vec<Value> = objects
        .filter_map(|object| {
            let Value::Object(object) = object else {
                return None;
            };
            let mut error = Map::new();
            error.insert(names::FIELD.into(), Value::String(source(&object)?));
            error.insert(
                names::MESSAGE.into(),
                Value::String(string(&object, names::DETAIL)?),
            );
            if let Some(code) = string(&object, names::CODE) {
                error.insert(names::CODE.into(), Value::String(code));
            }
            Some(Value::Object(error))
        })
        .collect();
    if !errors.is_empty() {
        members.insert(names::ERRORS.into(), Value::Array(errors));
    }
    Some(ErrorParts {
        code,
        message,
        field,
        doc_url,
        members,
        retry_after: None,
    })
}
