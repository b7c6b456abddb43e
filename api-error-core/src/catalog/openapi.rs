//! OpenAPI 3.1 components and responses of a catalog.

use super::sample;
use super::schema::{code_schema, json_api_item};
use super::{Entry, ErrorCatalog};
use crate::Format;
use api_error_wire::names;
use serde_json::{json, Map, Value};

/// The errors of one code, in order.
type Group<'a> = Vec<&'a Entry>;

fn groups(catalog: &ErrorCatalog) -> Vec<Group<'static>> {
    group_by_code(catalog.entries())
}

fn group_by_code<'a>(entries: impl IntoIterator<Item = &'a Entry>) -> Vec<Group<'a>> {
    let mut groups: Vec<Group<'a>> = Vec::new();
    for entry in entries {
        match groups.iter_mut().find(|group| group[0].code == entry.code) {
            Some(group) => group.push(entry),
            None => groups.push(vec![entry]),
        }
    }
    groups
}

/// The schema of a body in `format` of any of `entries`, every code's
/// schema inline: what [`WireFormat::schema`](crate::format::WireFormat::schema)
/// gives for a built-in format.
pub(crate) fn schema_of(format: Format, entries: &[&Entry]) -> Value {
    let groups = group_by_code(entries.iter().copied());
    let schemas: Vec<Value> = groups
        .iter()
        .map(|group| code_schema(group, format))
        .collect();
    let inner = match schemas.len() {
        1 => schemas.into_iter().next().unwrap_or_default(),
        _ if untold(format) => json!({ "anyOf": schemas }),
        _ => json!({ "oneOf": schemas }),
    };
    wrap(format, inner)
}

/// Whether bodies of one status cannot be told apart by a discriminator: a
/// flat body has no code, and Google's is in its first detail.
fn untold(format: Format) -> bool {
    matches!(format, Format::Flat | Format::Google)
}

/// Codes by status, statuses ascending.
fn statuses<'a, 'e>(groups: &'a [Group<'e>]) -> Vec<(u16, Vec<&'a Group<'e>>)> {
    let mut statuses: Vec<(u16, Vec<&Group<'e>>)> = Vec::new();
    for group in groups {
        let status = group[0].status.as_u16();
        match statuses.iter_mut().find(|(s, _)| *s == status) {
            Some((_, codes)) => codes.push(group),
            None => statuses.push((status, vec![group])),
        }
    }
    statuses.sort_by_key(|(status, _)| *status);
    statuses
}

/// What a document of errors is written for: their format, and the type
/// whose components it names.
#[derive(Clone, Copy)]
struct Doc {
    format: Format,
    type_name: &'static str,
}

impl Doc {
    fn of(catalog: &ErrorCatalog) -> Self {
        Doc {
            format: catalog.format,
            type_name: catalog.type_name,
        }
    }

    fn code_name(self, code: &str) -> String {
        format!("{}.{code}", self.type_name)
    }
}

fn reference(name: &str) -> Value {
    json!({ "$ref": format!("#/components/schemas/{name}") })
}

/// A choice among `schemas` of codes, keyed on `code` where the format
/// writes it; `refs` names the component of each code for the mapping.
fn choice(doc: Doc, codes: &[&Group<'_>], schemas: Vec<Value>, refs: bool) -> Value {
    if schemas.len() == 1 {
        return schemas.into_iter().next().unwrap_or_default();
    }
    if untold(doc.format) {
        // Bodies of one status may match several schemas.
        return json!({ "anyOf": schemas });
    }
    let mut choice = json!({ "oneOf": schemas });
    if refs {
        let mapping: Map<String, Value> = codes
            .iter()
            .map(|group| {
                let code = group[0].code;
                (
                    code.to_owned(),
                    json!(format!("#/components/schemas/{}", doc.code_name(code))),
                )
            })
            .collect();
        choice["discriminator"] = json!({ "propertyName": "code", "mapping": mapping });
    }
    choice
}

/// The body around the schema of its error object.
fn wrap(format: Format, inner: Value) -> Value {
    match format {
        Format::Envelope | Format::Google | Format::Microsoft => json!({
            "type": "object",
            "required": ["error"],
            "properties": { "error": inner },
        }),
        Format::Flat | Format::Problem => inner,
        Format::JsonApi => json!({
            "type": "object",
            "required": [names::ERRORS],
            "properties": {
                names::ERRORS: {
                    "type": "array",
                    "minItems": 1,
                    "maxItems": 1 + crate::field_errors::MAX_FIELD_ERRORS,
                    "prefixItems": [inner],
                    "items": json_api_item(),
                },
            },
        }),
    }
}

fn headers(codes: &[&Group<'_>]) -> Value {
    let mut headers = Map::new();
    if codes
        .iter()
        .flat_map(|group| group.iter())
        .any(|e| e.retry_after)
    {
        headers.insert(
            "Retry-After".to_owned(),
            json!({
                "description": "Seconds to wait before retrying",
                "schema": { "type": "integer", "minimum": 0 },
            }),
        );
    }
    headers.insert(
        "X-Request-Id".to_owned(),
        json!({
            "description": "The request's id; quote it when contacting support",
            "schema": { "type": "string" },
        }),
    );
    Value::Object(headers)
}

/// One named example per variant: the variant's name, or the type's and the
/// variant's when two types share a variant name.
fn examples(format: Format, codes: &[&Group<'_>], all: &[Group<'_>]) -> Value {
    let mut examples = Map::new();
    for entry in codes.iter().flat_map(|group| group.iter()) {
        let shared_name = all
            .iter()
            .flat_map(|group| group.iter())
            .any(|other| other.variant == entry.variant && other.type_name != entry.type_name);
        let name = if shared_name {
            format!("{}.{}", entry.type_name, entry.variant)
        } else {
            entry.variant.to_owned()
        };
        let mut example = json!({
            "summary": entry.code,
            "value": sample::value(entry, format),
        });
        if !entry.description.is_empty() {
            example["description"] = json!(entry.description.trim());
        }
        examples.insert(name, example);
    }
    Value::Object(examples)
}

fn response(doc: Doc, codes: &[&Group<'_>], all: &[Group<'_>], refs: bool) -> Value {
    let schemas = codes
        .iter()
        .map(|group| {
            if refs {
                reference(&doc.code_name(group[0].code))
            } else {
                code_schema(group, doc.format)
            }
        })
        .collect();
    let schema = wrap(doc.format, choice(doc, codes, schemas, refs));
    let reason = codes[0][0].reason();
    let list = codes
        .iter()
        .map(|group| format!("`{}`", group[0].code))
        .collect::<Vec<_>>()
        .join(", ");
    json!({
        "description": format!("{reason}: {list}"),
        "headers": headers(codes),
        "content": {
            doc.format.content_type(): {
                "schema": schema,
                "examples": examples(doc.format, codes, all),
            },
        },
    })
}

pub(crate) fn components(catalog: &ErrorCatalog) -> Value {
    let doc = Doc::of(catalog);
    let groups = groups(catalog);
    let mut schemas = Map::new();
    for group in &groups {
        schemas.insert(
            doc.code_name(group[0].code),
            code_schema(group, catalog.format),
        );
    }
    let all: Vec<&Group<'static>> = groups.iter().collect();
    let refs = all
        .iter()
        .map(|group| reference(&doc.code_name(group[0].code)))
        .collect();
    let mut body = wrap(catalog.format, choice(doc, &all, refs, true));
    if !catalog.description.is_empty() {
        body["description"] = json!(catalog.description.trim());
    }
    schemas.insert(catalog.type_name.to_owned(), body);

    let mut responses = Map::new();
    for (status, codes) in statuses(&groups) {
        responses.insert(
            format!("{}.{status}", catalog.type_name),
            response(doc, &codes, &groups, true),
        );
    }
    json!({ "schemas": schemas, "responses": responses })
}

pub(crate) fn inline_responses(catalog: &ErrorCatalog) -> Map<String, Value> {
    responses_of(catalog.format, catalog.entries())
}

/// One response per status of `entries` in `format`, each schema inline.
pub(crate) fn responses_of<'a>(
    format: Format,
    entries: impl IntoIterator<Item = &'a Entry>,
) -> Map<String, Value> {
    let doc = Doc {
        format,
        type_name: "",
    };
    let groups = group_by_code(entries);
    statuses(&groups)
        .into_iter()
        .map(|(status, codes)| (status.to_string(), response(doc, &codes, &groups, false)))
        .collect()
}
