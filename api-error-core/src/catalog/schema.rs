//! The JSON Schema of the bodies of one code, in each format: the laid-out
//! formats' from the walk (a schema sink), those written from the model
//! member by member as each nests them.

use super::{Entry, FieldMember, JsonType};
use crate::Format;
use api_error_wire::{names, walk, walk_item, Head, ItemSink, Layout, Modeled, Shape, Sink};
use serde_json::{json, Map, Value};

pub(crate) fn json_schema(json_type: &JsonType) -> Value {
    match json_type {
        JsonType::String => json!({ "type": "string" }),
        JsonType::Integer => json!({ "type": "integer" }),
        JsonType::Number => json!({ "type": "number" }),
        JsonType::Boolean => json!({ "type": "boolean" }),
        JsonType::Null => json!({ "type": "null" }),
        JsonType::Array(items) => json!({ "type": "array", "items": json_schema(items) }),
        JsonType::Object => json!({ "type": "object" }),
        JsonType::Nullable(inner) => {
            let mut schema = json_schema(inner);
            match schema.get_mut("type") {
                Some(Value::String(ty)) => {
                    let ty = std::mem::take(ty);
                    schema["type"] = json!([ty, "null"]);
                    schema
                }
                _ => json!({}),
            }
        }
        JsonType::Any => json!({}),
    }
}

fn string() -> Value {
    json!({ "type": "string" })
}

/// The `errors` list in `layout`, its items as [`walk_item`] lays them out
/// (RFC 9457's `detail` and `pointer` in the problem format, `field` and
/// `message` in the others); at most `MAX_FIELD_ERRORS` items.
fn field_errors(layout: Layout) -> Value {
    let mut item = ItemSchema(Members::default());
    let sample = api_error_wire::Item {
        field: "",
        message: "",
        code: Some(""),
    };
    let Ok(()) = walk_item(layout, &sample, &mut item);
    json!({
        "type": "array",
        "maxItems": crate::field_errors::MAX_FIELD_ERRORS,
        "items": object_schema(item.0),
    })
}

/// The members of an object schema.
#[derive(Default)]
struct Members {
    properties: Map<String, Value>,
    required: Vec<String>,
}

impl Members {
    fn add(&mut self, name: &str, schema: Value, always: bool) {
        self.properties.insert(name.to_owned(), schema);
        if always {
            self.required.push(name.to_owned());
        }
    }
}

/// The schema of the bodies of one code (the `error` object of an
/// envelope): members every variant writes are required, the others
/// optional.
pub(crate) fn code_schema(group: &[&Entry], format: Format) -> Value {
    let mut schema = match format.shape() {
        Shape::Walked(layout) => layout_schema(group, layout),
        Shape::Modeled(Modeled::JsonApi) => json_api_schema(group),
        Shape::Modeled(Modeled::Google) => google_schema(group),
        Shape::Modeled(Modeled::Microsoft) => microsoft_schema(group),
    };
    if let Some(description) = group
        .iter()
        .map(|entry| entry.description.trim())
        .find(|description| !description.is_empty())
    {
        schema["description"] = json!(description);
    }
    schema
}

/// Whether every entry of a group passes `test`, and whether any does.
fn all(group: &[&Entry], test: impl Fn(&Entry) -> bool) -> bool {
    group.iter().all(|entry| test(entry))
}

fn any(group: &[&Entry], test: impl Fn(&Entry) -> bool) -> bool {
    group.iter().any(|entry| test(entry))
}

/// The extras of a group, each required when every entry has it; as
/// strings for Google's metadata, which holds every value as one.
fn add_extras(object: &mut Members, group: &[&Entry], as_strings: bool) {
    for entry in group {
        for extra in entry.extras {
            if !object.properties.contains_key(extra.name) {
                let always = all(group, |e| e.extras.iter().any(|x| x.name == extra.name));
                let schema = if as_strings {
                    string()
                } else {
                    json_schema(&extra.json_type)
                };
                object.add(extra.name, schema, always);
            }
        }
    }
}

fn object_schema(object: Members) -> Value {
    json!({
        "type": "object",
        "required": object.required,
        "properties": object.properties,
    })
}

/// The schema of `errors_omitted`.
fn omitted_count() -> Value {
    json!({ "type": "integer", "minimum": 1 })
}

/// `errors_omitted`, the `doc_url` (unless the format writes it elsewhere)
/// and a 5xx's `request_id`, in the object that holds the extras.
fn add_tail(object: &mut Members, group: &[&Entry], doc_url: bool) {
    if any(group, |e| e.errors) {
        object.add(names::ERRORS_OMITTED, omitted_count(), false);
    }
    if doc_url && any(group, |e| e.doc_url.is_some()) {
        object.add(
            names::DOC_URL,
            json!({ "type": "string", "format": "uri" }),
            all(group, |e| e.doc_url.is_some()),
        );
    }
    if group[0].status.is_server_error() {
        object.add(names::REQUEST_ID, string(), false);
    }
}

/// The first error object of a JSON:API document: the error itself.
fn json_api_schema(group: &[&Entry]) -> Value {
    let first = group[0];
    let mut object = Members::default();
    object.add(
        "status",
        json!({ "type": "string", "enum": [first.status.as_str()] }),
        true,
    );
    object.add(
        "code",
        json!({ "type": "string", "enum": [first.code] }),
        true,
    );
    object.add(
        "title",
        json!({ "type": "string", "enum": [first.reason()] }),
        true,
    );
    object.add("detail", string(), true);
    if any(group, |e| e.field.is_some()) {
        object.add(
            "source",
            json_api_source(),
            all(group, |e| matches!(e.field, Some(FieldMember::Fixed(_)))),
        );
    }
    if any(group, |e| e.doc_url.is_some()) {
        object.add(
            "links",
            json!({
                "type": "object",
                "required": ["about"],
                "properties": { "about": { "type": "string", "format": "uri" } },
            }),
            all(group, |e| e.doc_url.is_some()),
        );
    }
    let mut meta = Members::default();
    add_extras(&mut meta, group, false);
    add_tail(&mut meta, group, false);
    if !meta.properties.is_empty() {
        let always = !meta.required.is_empty();
        object.add("meta", object_schema(meta), always);
    }
    object_schema(object)
}

/// `source`: a JSON Pointer into the body, or the name of a query
/// parameter or a header, after the error's `FieldLocation`.
fn json_api_source() -> Value {
    json!({
        "type": "object",
        "minProperties": 1,
        "maxProperties": 1,
        "properties": {
            names::POINTER: { "type": "string", "format": "json-pointer" },
            names::PARAMETER: string(),
            names::HEADER: string(),
        },
    })
}

/// The object of one field error in a JSON:API document.
pub(crate) fn json_api_item() -> Value {
    json!({
        "type": "object",
        "required": ["status", "title", "detail", "source"],
        "properties": {
            "status": { "type": "string" },
            "code": { "type": "string" },
            "title": { "type": "string" },
            "detail": { "type": "string" },
            "source": json_api_source(),
        },
    })
}

/// The `error` object of Google's AIP-193 body: its `ErrorInfo` first.
fn google_schema(group: &[&Entry]) -> Value {
    let first = group[0];
    let mut object = Members::default();
    object.add(
        "code",
        json!({ "type": "integer", "enum": [first.status.as_u16()] }),
        true,
    );
    object.add("message", string(), true);
    object.add(
        "status",
        json!({ "type": "string", "enum": [first.grpc.name()] }),
        true,
    );
    let mut info = Members::default();
    info.add(
        "@type",
        json!({ "type": "string", "enum": [api_error_wire::google_types::ERROR_INFO] }),
        true,
    );
    info.add(
        "reason",
        json!({ "type": "string", "enum": [first.code.to_ascii_uppercase()] }),
        true,
    );
    info.add("domain", string(), false);
    let mut metadata = Members::default();
    add_extras(&mut metadata, group, true);
    if !metadata.properties.is_empty() {
        info.add("metadata", object_schema(metadata), false);
    }
    object.add(
        "details",
        json!({
            "type": "array",
            "minItems": 1,
            "prefixItems": [object_schema(info)],
            "items": {
                "type": "object",
                "required": ["@type"],
                "properties": { "@type": { "type": "string" } },
            },
        }),
        true,
    );
    object_schema(object)
}

/// The `error` object of the Microsoft guidelines.
fn microsoft_schema(group: &[&Entry]) -> Value {
    let first = group[0];
    let mut object = Members::default();
    object.add(
        "code",
        json!({ "type": "string", "enum": [first.code] }),
        true,
    );
    object.add("message", string(), true);
    if any(group, |e| e.field.is_some()) {
        object.add(
            "target",
            string(),
            all(group, |e| matches!(e.field, Some(FieldMember::Fixed(_)))),
        );
    }
    if any(group, |e| e.errors) {
        object.add(
            "details",
            json!({
                "type": "array",
                "maxItems": crate::field_errors::MAX_FIELD_ERRORS,
                "items": {
                    "type": "object",
                    "required": ["code", "message", "target"],
                    "properties": {
                        "code": { "type": "string" },
                        "message": { "type": "string" },
                        "target": { "type": "string" },
                    },
                },
            }),
            false,
        );
    }
    let mut inner = Members::default();
    add_extras(&mut inner, group, false);
    add_tail(&mut inner, group, true);
    if !inner.properties.is_empty() {
        let always = !inner.required.is_empty();
        object.add("innererror", object_schema(inner), always);
    }
    object_schema(object)
}

/// The schema of the bodies of one code in a format the walk lays out (the
/// `error` object of an envelope): the members [`walk`] writes for the
/// group, each required when every variant writes it.
fn layout_schema(group: &[&Entry], layout: Layout) -> Value {
    let first = group[0];
    // The walk of a body with every member the group may write; which of
    // them are always there is the sink's to say.
    let head = Head {
        status: first.status.as_u16(),
        code: first.code,
        field: any(group, |e| e.field.is_some()).then_some(""),
        doc_url: any(group, |e| e.doc_url.is_some()).then_some(""),
        debug: false,
        has_debug_members: false,
        masked: false,
        has_source: false,
    };
    let mut sink = SchemaSink {
        group,
        layout,
        object: Members::default(),
    };
    let Ok(()) = walk(layout, &head, &mut sink);
    object_schema(sink.object)
}

/// Builds the schema of a body member by member, as the walk asks.
struct SchemaSink<'g, 'e> {
    group: &'g [&'e Entry],
    layout: Layout,
    object: Members,
}

impl Sink for SchemaSink<'_, '_> {
    type Error = std::convert::Infallible;

    fn text(&mut self, name: &'static str, _value: &str) -> Result<(), Self::Error> {
        let group = self.group;
        let (schema, always) = match name {
            names::CODE => (json!({ "type": "string", "enum": [group[0].code] }), true),
            names::ERROR | names::TITLE => (
                json!({ "type": "string", "enum": [group[0].reason()] }),
                true,
            ),
            names::TYPE => (json!({ "type": "string", "format": "uri-reference" }), true),
            names::FIELD => (
                string(),
                all(group, |e| matches!(e.field, Some(FieldMember::Fixed(_)))),
            ),
            names::DOC_URL => (
                json!({ "type": "string", "format": "uri" }),
                all(group, |e| e.doc_url.is_some()),
            ),
            _ => (string(), false),
        };
        self.object.add(name, schema, always);
        Ok(())
    }

    fn status(&mut self, name: &'static str, status: u16) -> Result<(), Self::Error> {
        self.object
            .add(name, json!({ "type": "integer", "enum": [status] }), true);
        Ok(())
    }

    fn message(&mut self, name: &'static str) -> Result<(), Self::Error> {
        self.object.add(name, string(), true);
        Ok(())
    }

    fn members(&mut self, errors: &'static str) -> Result<(), Self::Error> {
        add_extras(&mut self.object, self.group, false);
        if any(self.group, |e| e.errors) {
            self.object.add(
                errors,
                field_errors(self.layout),
                all(self.group, |e| e.errors),
            );
        }
        Ok(())
    }

    fn errors_omitted(&mut self, name: &'static str) -> Result<(), Self::Error> {
        if any(self.group, |e| e.errors) {
            self.object.add(name, omitted_count(), false);
        }
        Ok(())
    }

    fn request_id(&mut self, name: &'static str) -> Result<(), Self::Error> {
        self.object.add(name, string(), false);
        Ok(())
    }

    // The debug block is for tests; the documents leave it out.
    fn debug(&mut self, _name: &'static str, _head: &Head<'_>) -> Result<(), Self::Error> {
        Ok(())
    }
}

/// The schema of one item of `errors`, member by member as [`walk_item`]
/// lays it out.
struct ItemSchema(Members);

impl ItemSink for ItemSchema {
    type Error = std::convert::Infallible;

    fn text(&mut self, name: &'static str, _value: &str) -> Result<(), Self::Error> {
        // Every member but the code is always there.
        let always = name != names::CODE;
        self.0.add(name, string(), always);
        Ok(())
    }

    fn pointer(&mut self, name: &'static str, _field: &str) -> Result<(), Self::Error> {
        self.0.add(
            name,
            json!({ "type": "string", "format": "uri-reference" }),
            true,
        );
        Ok(())
    }
}
