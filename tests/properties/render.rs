//! Property tests of rendering: whatever the strings and numbers in an error,
//! every format gives valid JSON that parses back to the same values, with
//! the members in the documented order (`code`, `message`, `field`, extras,
//! `errors`, `doc_url`, `request_id`, `debug`).
//!
//! Strings are arbitrary Unicode, control characters, quotes, backslashes,
//! `</script>`, U+2028/U+2029, emoji and long runs; lone surrogates cannot
//! occur in a Rust `str`, so no body can carry one. Numbers include the
//! extremes of `i64` and `u64`, subnormals, `-0.0`, NaN and the infinities.
//!
//! A non-finite float has no JSON number: serde_json writes NaN, `inf` and
//! `-inf` as `null`, and so does every body, which stays valid JSON. A message
//! template that formats the float still reads `NaN` or `inf`.
//!
//! More cases: `PROPTEST_CASES=20000 cargo test --release -p api-error-tests --test properties render::`.

use api_error::__private::Members;
use api_error::format::{Layout, Modeled, Shape};
use api_error::{
    ApiError, ErrorContext, FieldError, FieldErrors, Format, RenderOptions, StatusCode,
};
use proptest::prelude::*;
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;
use std::io;

#[derive(Debug, ApiError)]
#[api(doc_base = "https://docs.example.com/errors")]
enum Echo {
    #[api(
        status = 422,
        code = "bad_input",
        message = "Bad {text} ({int}, {uint}, {float}, {float:?})"
    )]
    BadInput {
        #[api(field)]
        name: String,
        #[api(extra)]
        text: String,
        #[api(extra)]
        int: i64,
        #[api(extra)]
        uint: u64,
        #[api(extra)]
        float: f64,
        #[api(extra = "list")]
        items: Vec<String>,
        #[api(errors)]
        errors: FieldErrors,
        #[api(debug)]
        raw: String,
        #[api(debug = "number")]
        debug_number: f64,
    },

    #[api(status = 500, code = "internal", message = "Failed: {text:?}")]
    Internal {
        #[api(extra)]
        text: String,
        #[api(debug)]
        raw: String,
        #[api(source)]
        source: io::Error,
    },

    #[api(
        status = 503,
        code = "unavailable",
        message = "The service is unavailable",
        field = "service"
    )]
    Unavailable,

    #[api(status = 429, code = "slow_down", message = "Retry in {secs} s")]
    SlowDown {
        #[api(retry_after)]
        secs: u64,
    },
}

#[derive(Debug, thiserror::Error, ApiError)]
#[api(format = "problem")]
enum Shown {
    #[error("{0}")]
    #[api(status = 400, code = "shown")]
    Client(String),

    #[error("{text}")]
    #[api(status = 502, code = "hidden")]
    Server {
        text: String,
        #[source]
        source: io::Error,
    },
}

#[derive(Debug, ApiError)]
#[api(format = "flat")]
enum Wrapper {
    #[api(transparent)]
    Echo(Echo),
}

// ---------------------------------------------------------------------------
// JSON with its members in order: serde_json's `Value` sorts them.

#[derive(Clone, Debug)]
enum Json {
    Null,
    Bool(bool),
    Int(i128),
    Float(f64),
    Str(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

impl PartialEq for Json {
    fn eq(&self, other: &Json) -> bool {
        match (self, other) {
            (Json::Null, Json::Null) => true,
            (Json::Bool(a), Json::Bool(b)) => a == b,
            (Json::Int(a), Json::Int(b)) => a == b,
            // Exact, with serde_json's `float_roundtrip` parser.
            (Json::Float(a), Json::Float(b)) => a.to_bits() == b.to_bits(),
            (Json::Str(a), Json::Str(b)) => a == b,
            (Json::Array(a), Json::Array(b)) => a == b,
            (Json::Object(a), Json::Object(b)) => a == b,
            _ => false,
        }
    }
}

impl<'de> Deserialize<'de> for Json {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Json, D::Error> {
        deserializer.deserialize_any(JsonVisitor)
    }
}

struct JsonVisitor;

impl<'de> Visitor<'de> for JsonVisitor {
    type Value = Json;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_unit<E>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }

    fn visit_bool<E>(self, v: bool) -> Result<Json, E> {
        Ok(Json::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Json, E> {
        Ok(Json::Int(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Json, E> {
        Ok(Json::Int(v.into()))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Json, E> {
        Ok(Json::Float(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<Json, E> {
        Ok(Json::Str(v.to_owned()))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Json::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
        let mut members = Vec::new();
        while let Some(member) = map.next_entry::<String, Json>()? {
            members.push(member);
        }
        Ok(Json::Object(members))
    }
}

fn s(value: &str) -> Json {
    Json::Str(value.to_owned())
}

fn float(value: f64) -> Json {
    if value.is_finite() {
        Json::Float(value)
    } else {
        Json::Null
    }
}

/// An `errors` list as the problem format writes it: RFC 9457's `detail` and
/// `pointer` in place of `message` and `field`, the `code` kept last.
fn as_problem_items(errors: &Json) -> Json {
    let Json::Array(items) = errors else {
        return errors.clone();
    };
    Json::Array(
        items
            .iter()
            .map(|item| {
                let Json::Object(members) = item else {
                    return item.clone();
                };
                let get = |name: &str| {
                    members
                        .iter()
                        .find(|(n, _)| n == name)
                        .map(|(_, v)| v.clone())
                };
                let field = match get("field") {
                    Some(Json::Str(field)) => field,
                    _ => String::new(),
                };
                let mut out = vec![
                    ("detail".to_owned(), get("message").unwrap_or(Json::Null)),
                    (
                        "pointer".to_owned(),
                        s(&FieldError::new(field, "").pointer()),
                    ),
                ];
                if let Some(code) = get("code") {
                    out.push(("code".to_owned(), code));
                }
                Json::Object(out)
            })
            .collect(),
    )
}

fn field_errors(errors: &FieldErrors) -> Json {
    Json::Array(
        errors
            .iter()
            .map(|error| {
                let mut members = vec![
                    ("field".to_owned(), s(&error.field)),
                    ("message".to_owned(), s(&error.message)),
                ];
                if let Some(code) = &error.code {
                    members.push(("code".to_owned(), s(code)));
                }
                Json::Object(members)
            })
            .collect(),
    )
}

/// What a body holds, before the format arranges it.
struct Expected {
    status: u16,
    code: &'static str,
    message: String,
    field: Option<String>,
    /// Extras, then `errors`.
    members: Vec<(String, Json)>,
    doc_url: Option<String>,
    /// The debug block's members, when it has any.
    debug: Vec<(String, Json)>,
    /// The `Retry-After` wait, in seconds.
    retry_after: Option<u64>,
}

impl Expected {
    fn body(&self, format: Format, options: &RenderOptions<'_>) -> Json {
        let layout = match format.shape() {
            Shape::Walked(layout) => layout,
            Shape::Modeled(Modeled::JsonApi) => return self.json_api(options),
            Shape::Modeled(Modeled::Google) => return self.google(options),
            Shape::Modeled(Modeled::Microsoft) => return self.microsoft(options),
        };
        let status = StatusCode::from_u16(self.status).unwrap();
        let reason = api_error::reason_phrase(status);
        let mut out: Vec<(String, Json)> = Vec::new();
        let mut push = |name: &str, value: Json| out.push((name.to_owned(), value));
        match layout {
            Layout::Envelope => {
                push("code", s(self.code));
                push("message", s(&self.message));
            }
            Layout::Flat => {
                push("error", s(reason));
                push("message", s(&self.message));
            }
            Layout::Problem => {
                push("type", s(self.doc_url.as_deref().unwrap_or("about:blank")));
                push("title", s(reason));
                push("status", Json::Int(self.status.into()));
                push("detail", s(&self.message));
                push("code", s(self.code));
            }
        }
        if let Some(field) = &self.field {
            push("field", s(field));
        }
        for (name, value) in &self.members {
            if name == "errors" && format == Format::Problem {
                push(name, as_problem_items(value));
            } else {
                push(name, value.clone());
            }
        }
        if format != Format::Problem {
            if let Some(doc_url) = &self.doc_url {
                push("doc_url", s(doc_url));
            }
        }
        if let Some(request_id) = options.request_id {
            if status.is_server_error() {
                push("request_id", s(request_id));
            }
        }
        if options.debug && !self.debug.is_empty() {
            push("debug", Json::Object(self.debug.clone()));
        }
        match layout {
            Layout::Envelope => Json::Object(vec![("error".to_owned(), Json::Object(out))]),
            Layout::Flat | Layout::Problem => Json::Object(out),
        }
    }

    /// The extras, without `errors`.
    fn extras(&self) -> impl Iterator<Item = &(String, Json)> {
        self.members.iter().filter(|(name, _)| name != "errors")
    }

    /// The field errors: field, message and code of each.
    fn field_errors(&self) -> Vec<(String, String, Option<String>)> {
        let Some((_, Json::Array(items))) = self.members.iter().find(|(name, _)| name == "errors")
        else {
            return Vec::new();
        };
        items
            .iter()
            .map(|item| {
                let Json::Object(members) = item else {
                    panic!("{item:?}")
                };
                let get = |name: &str| {
                    members
                        .iter()
                        .find(|(n, _)| n == name)
                        .map(|(_, v)| match v {
                            Json::Str(text) => text.clone(),
                            other => panic!("{other:?}"),
                        })
                };
                (get("field").unwrap(), get("message").unwrap(), get("code"))
            })
            .collect()
    }

    /// The `request_id` a body of a format that writes it only for a 5xx
    /// carries.
    fn request_id_5xx<'o>(&self, options: &RenderOptions<'o>) -> Option<&'o str> {
        options.request_id.filter(|_| self.status >= 500)
    }

    fn debug_block(&self, options: &RenderOptions<'_>) -> Option<Json> {
        (options.debug && !self.debug.is_empty()).then(|| Json::Object(self.debug.clone()))
    }

    /// JSON:API: the error object, then one per field error.
    fn json_api(&self, options: &RenderOptions<'_>) -> Json {
        let status = StatusCode::from_u16(self.status).unwrap();
        let reason = api_error::reason_phrase(status);
        let source = |field: &str| Json::Object(vec![member("pointer", s(&json_pointer(field)))]);
        let mut top = vec![
            member("status", s(&self.status.to_string())),
            member("code", s(self.code)),
            member("title", s(reason)),
            member("detail", s(&self.message)),
        ];
        if let Some(field) = &self.field {
            top.push(member("source", source(field)));
        }
        if let Some(doc_url) = &self.doc_url {
            top.push(member(
                "links",
                Json::Object(vec![member("about", s(doc_url))]),
            ));
        }
        let mut meta: Vec<(String, Json)> = self.extras().cloned().collect();
        if let Some(request_id) = self.request_id_5xx(options) {
            meta.push(member("request_id", s(request_id)));
        }
        if let Some(debug) = self.debug_block(options) {
            meta.push(member("debug", debug));
        }
        if !meta.is_empty() {
            top.push(member("meta", Json::Object(meta)));
        }
        let mut objects = vec![Json::Object(top)];
        for (field, message, code) in self.field_errors() {
            let mut item = vec![member("status", s(&self.status.to_string()))];
            if let Some(code) = code {
                item.push(member("code", s(&code)));
            }
            item.push(member("title", s(reason)));
            item.push(member("detail", s(&message)));
            item.push(member("source", source(&field)));
            objects.push(Json::Object(item));
        }
        Json::Object(vec![member("errors", Json::Array(objects))])
    }

    /// Google's AIP-193 body, with the details a gRPC status carries.
    fn google(&self, options: &RenderOptions<'_>) -> Json {
        let status = StatusCode::from_u16(self.status).unwrap();
        let at_type = |name: &str| {
            member(
                "@type",
                s(&format!("type.googleapis.com/google.rpc.{name}")),
            )
        };
        let mut info = vec![
            at_type("ErrorInfo"),
            member("reason", s(&self.code.to_ascii_uppercase())),
        ];
        let metadata: Vec<(String, Json)> = self
            .extras()
            .filter_map(|(name, value)| match value {
                Json::Null => None,
                Json::Str(text) => Some(member(name, s(text))),
                other => Some(member(name, s(&serde_json::to_string(other).unwrap()))),
            })
            .collect();
        if !metadata.is_empty() {
            info.push(member("metadata", Json::Object(metadata)));
        }
        let mut details = vec![Json::Object(info)];
        let mut violations = Vec::new();
        if let Some(field) = &self.field {
            violations.push(Json::Object(vec![
                member("field", s(field)),
                member("description", s(&self.message)),
            ]));
        }
        for (field, message, code) in self.field_errors() {
            let mut violation = vec![
                member("field", s(&field)),
                member("description", s(&message)),
            ];
            if let Some(code) = code.filter(|code| !code.is_empty()) {
                violation.push(member("reason", s(&code)));
            }
            violations.push(Json::Object(violation));
        }
        if !violations.is_empty() {
            details.push(Json::Object(vec![
                at_type("BadRequest"),
                member("fieldViolations", Json::Array(violations)),
            ]));
        }
        if let Some(secs) = self.retry_after {
            details.push(Json::Object(vec![
                at_type("RetryInfo"),
                member("retryDelay", s(&format!("{secs}s"))),
            ]));
        }
        if let Some(request_id) = options.request_id {
            details.push(Json::Object(vec![
                at_type("RequestInfo"),
                member("requestId", s(request_id)),
            ]));
        }
        if let Some(doc_url) = &self.doc_url {
            details.push(Json::Object(vec![
                at_type("Help"),
                member(
                    "links",
                    Json::Array(vec![Json::Object(vec![
                        member("description", s(self.code)),
                        member("url", s(doc_url)),
                    ])]),
                ),
            ]));
        }
        if let Some(debug) = self.debug_block(options) {
            let chain = self
                .debug
                .iter()
                .find(|(name, _)| name == "source_chain")
                .map_or(Json::Array(vec![]), |(_, chain)| chain.clone());
            details.push(Json::Object(vec![
                at_type("DebugInfo"),
                member("stackEntries", chain),
                // Compared as the JSON it holds: see `with_debug_info_read`.
                member("detail", debug),
            ]));
        }
        let grpc = api_error::GrpcCode::from_http(status);
        Json::Object(vec![member(
            "error",
            Json::Object(vec![
                member("code", Json::Int(self.status.into())),
                member("message", s(&self.message)),
                member("status", s(grpc.name())),
                member("details", Json::Array(details)),
            ]),
        )])
    }

    /// The Microsoft guidelines' error.
    fn microsoft(&self, options: &RenderOptions<'_>) -> Json {
        let mut error = vec![
            member("code", s(self.code)),
            member("message", s(&self.message)),
        ];
        if let Some(field) = &self.field {
            error.push(member("target", s(field)));
        }
        let details: Vec<Json> = self
            .field_errors()
            .into_iter()
            .map(|(field, message, code)| {
                Json::Object(vec![
                    member("code", s(code.as_deref().unwrap_or(self.code))),
                    member("message", s(&message)),
                    member("target", s(&field)),
                ])
            })
            .collect();
        if self.members.iter().any(|(name, _)| name == "errors") {
            error.push(member("details", Json::Array(details)));
        }
        let mut inner: Vec<(String, Json)> = self.extras().cloned().collect();
        if let Some(doc_url) = &self.doc_url {
            inner.push(member("doc_url", s(doc_url)));
        }
        if let Some(request_id) = self.request_id_5xx(options) {
            inner.push(member("request_id", s(request_id)));
        }
        if let Some(debug) = self.debug_block(options) {
            inner.push(member("debug", debug));
        }
        if !inner.is_empty() {
            error.push(member("innererror", Json::Object(inner)));
        }
        Json::Object(vec![member("error", Json::Object(error))])
    }
}

/// A field's plain JSON Pointer: the problem format's, out of its fragment.
fn json_pointer(field: &str) -> String {
    let fragment = FieldError::new(field.to_owned(), "").pointer();
    let bytes = fragment.strip_prefix('#').unwrap().as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
            out.push(u8::from_str_radix(hex, 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

impl serde::Serialize for Json {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq};
        match self {
            Json::Null => serializer.serialize_unit(),
            Json::Bool(b) => serializer.serialize_bool(*b),
            Json::Int(i) => serializer.serialize_i128(*i),
            Json::Float(f) => serializer.serialize_f64(*f),
            Json::Str(text) => serializer.serialize_str(text),
            Json::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Json::Object(members) => {
                let mut map = serializer.serialize_map(Some(members.len()))?;
                for (name, value) in members {
                    map.serialize_entry(name, value)?;
                }
                map.end()
            }
        }
    }
}

/// A Google body with its `DebugInfo.detail` read as the JSON it holds.
fn with_debug_info_read(body: Json) -> Json {
    match body {
        Json::Object(members) => Json::Object(
            members
                .into_iter()
                .map(|(name, value)| match (name.as_str(), value) {
                    ("detail", Json::Str(text)) if text.starts_with('{') => {
                        let value = serde_json::from_str(&text).unwrap_or(Json::Str(text));
                        (name, value)
                    }
                    (_, value) => (name, with_debug_info_read(value)),
                })
                .collect(),
        ),
        Json::Array(items) => Json::Array(items.into_iter().map(with_debug_info_read).collect()),
        other => other,
    }
}

fn member(name: &str, value: Json) -> (String, Json) {
    (name.to_owned(), value)
}

fn expected(err: &Echo) -> Expected {
    let doc_url = |code: &str| Some(format!("https://docs.example.com/errors#{code}"));
    match err {
        Echo::BadInput {
            name,
            text,
            int,
            uint,
            float: f,
            items,
            errors,
            raw,
            debug_number,
        } => Expected {
            status: 422,
            code: "bad_input",
            message: format!("Bad {text} ({int}, {uint}, {f}, {f:?})"),
            field: Some(name.clone()),
            members: vec![
                member("text", s(text)),
                member("int", Json::Int((*int).into())),
                member("uint", Json::Int((*uint).into())),
                member("float", float(*f)),
                member("list", Json::Array(items.iter().map(|i| s(i)).collect())),
                member("errors", field_errors(errors)),
            ],
            doc_url: doc_url("bad_input"),
            debug: vec![
                member("raw", s(raw)),
                member("number", float(*debug_number)),
            ],
            retry_after: None,
        },
        Echo::Internal { text, raw, source } => Expected {
            status: 500,
            code: "internal",
            message: format!("Failed: {text:?}"),
            field: None,
            members: vec![member("text", s(text))],
            doc_url: doc_url("internal"),
            debug: vec![
                member("raw", s(raw)),
                member("source_chain", Json::Array(vec![s(&source.to_string())])),
            ],
            retry_after: None,
        },
        Echo::Unavailable => Expected {
            status: 503,
            code: "unavailable",
            message: "The service is unavailable".to_owned(),
            field: Some("service".to_owned()),
            members: vec![],
            doc_url: doc_url("unavailable"),
            debug: vec![],
            retry_after: None,
        },
        Echo::SlowDown { secs } => Expected {
            status: 429,
            code: "slow_down",
            message: format!("Retry in {secs} s"),
            field: None,
            members: vec![],
            doc_url: doc_url("slow_down"),
            debug: vec![],
            retry_after: Some(*secs),
        },
    }
}

fn expected_shown(err: &Shown) -> Expected {
    match err {
        Shown::Client(text) => Expected {
            status: 400,
            code: "shown",
            message: text.clone(),
            field: None,
            members: vec![],
            doc_url: None,
            debug: vec![],
            retry_after: None,
        },
        Shown::Server { text, source } => Expected {
            status: 502,
            code: "hidden",
            message: api_error::MASKED_MESSAGE.to_owned(),
            field: None,
            members: vec![],
            doc_url: None,
            debug: vec![
                member("display", s(text)),
                member("source_chain", Json::Array(vec![s(&source.to_string())])),
            ],
            retry_after: None,
        },
    }
}

fn parse(body: &str) -> Json {
    // Valid JSON for any reader, not only for the ordered one.
    if let Err(e) = serde_json::from_str::<serde_json::Value>(body) {
        panic!("invalid JSON ({e}): {body:?}");
    }
    serde_json::from_str(body).unwrap_or_else(|e| panic!("invalid JSON ({e}): {body:?}"))
}

fn options_of(request_id: &Option<String>, debug: bool) -> RenderOptions<'_> {
    let options = RenderOptions::new().debug(debug);
    match request_id {
        Some(id) => options.request_id(id),
        None => options,
    }
}

/// The body as the generic serde path writes it.
fn via_serde<E: ApiError + Members>(
    err: &E,
    format: Format,
    options: &RenderOptions<'_>,
) -> String {
    struct Serde<'a, E>(&'a E, Format, &'a RenderOptions<'a>);

    impl<E: ApiError + Members> serde::Serialize for Serde<'_, E> {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            api_error::__private::serialize_body(self.0, self.0, self.1, self.2, serializer)
        }
    }

    serde_json::to_string(&Serde(err, format, options)).unwrap()
}

/// Checks every format, with and without the debug block, against `expected`,
/// and against the bytes of the generic serde path.
fn check<E: ApiError + Members + serde::Serialize>(
    err: &E,
    expected: &Expected,
    request_id: &Option<String>,
) -> Result<(), TestCaseError> {
    for format in Format::ALL {
        for debug in [false, true] {
            let options = options_of(request_id, debug);
            let body = err.to_json_with(format, &options);
            let parsed = match format {
                Format::Google => with_debug_info_read(parse(&body)),
                _ => parse(&body),
            };
            prop_assert_eq!(
                parsed,
                expected.body(format, &options),
                "{:?} debug={}: {}",
                format,
                debug,
                body
            );
            // The direct writer gives serde's bytes, also after what a
            // buffer already holds.
            prop_assert_eq!(&body, &via_serde(err, format, &options));
            let mut out = b"[".to_vec();
            err.write_json(&mut out, format, &options);
            prop_assert_eq!(&out[1..], body.as_bytes());
        }
    }
    let via_serde = serde_json::to_string(err).unwrap();
    prop_assert_eq!(&via_serde, &err.to_json(err.default_format()));
    // The response a framework sends carries the same body.
    let mut context = ErrorContext::new();
    if let Some(id) = request_id.as_deref().and_then(api_error::RequestId::parse) {
        context = context.with_request_id(id);
    }
    let response = context.response(err);
    let body = std::str::from_utf8(response.body()).unwrap();
    prop_assert_eq!(
        parse(body),
        expected.body(err.default_format(), &context.render_options())
    );
    Ok(())
}

// ---------------------------------------------------------------------------
// Strategies.

const PIECES: &[&str] = &[
    "\"",
    "\\",
    "\\\"",
    "\\u0000",
    "</script>",
    "<script>alert(1)</script>",
    "<!--",
    "]]>",
    "\u{0}",
    "\u{1}",
    "\u{8}",
    "\u{b}",
    "\u{c}",
    "\u{1b}[31m",
    "\u{1f}",
    "\u{7f}",
    "\u{85}",
    "\u{a0}",
    "\r\n",
    "\n",
    "\t",
    "\u{2028}",
    "\u{2029}",
    "\u{200b}",
    "\u{feff}",
    "\u{fffd}",
    "\u{ffff}",
    "\u{10ffff}",
    "🦀",
    "👩‍👩‍👧",
    "é",
    "世界",
    "{",
    "}",
    "{}",
    "{0}",
    "%s",
    "null",
    "\"},\"code\":\"x",
    " ",
    "a",
];

pub fn nasty_string() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => any::<String>(),
        4 => prop::collection::vec(prop::sample::select(PIECES), 0..24).prop_map(|p| p.concat()),
        2 => "[\\x00-\\x1f\"\\\\/<>\u{2028}\u{2029}\u{7f}]{0,48}",
        1 => (prop::sample::select(PIECES), 1000..20_000usize).prop_map(|(p, n)| p.repeat(n)),
    ]
}

fn any_f64() -> impl Strategy<Value = f64> {
    prop_oneof![
        4 => any::<f64>(),
        1 => prop::sample::select(vec![
            f64::NAN,
            -f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            0.0,
            -0.0,
            f64::MAX,
            f64::MIN,
            f64::MIN_POSITIVE,
            f64::EPSILON,
            5e-324,
            1e300,
            0.1,
            9_007_199_254_740_993.0,
        ]),
    ]
}

fn any_i64() -> impl Strategy<Value = i64> {
    prop_oneof![
        3 => any::<i64>(),
        1 => prop::sample::select(vec![i64::MIN, i64::MIN + 1, -1, 0, 1, i64::MAX]),
    ]
}

fn any_u64() -> impl Strategy<Value = u64> {
    prop_oneof![
        3 => any::<u64>(),
        1 => prop::sample::select(vec![0, 1, u64::from(u32::MAX), u64::MAX - 1, u64::MAX]),
    ]
}

fn field_error() -> impl Strategy<Value = FieldError> {
    (
        nasty_string(),
        nasty_string(),
        prop::option::of(nasty_string()),
    )
        .prop_map(|(field, message, code)| {
            let error = FieldError::new(field, message);
            match code {
                Some(code) => error.with_code(code),
                None => error,
            }
        })
}

fn request_id() -> impl Strategy<Value = Option<String>> {
    prop::option::of(prop_oneof![nasty_string(), Just("req_8f14e45f".to_owned()),])
}

prop_compose! {
    fn bad_input()(
        name in nasty_string(),
        text in nasty_string(),
        int in any_i64(),
        uint in any_u64(),
        float in any_f64(),
        items in prop::collection::vec(nasty_string(), 0..4),
        errors in prop::collection::vec(field_error(), 0..4),
        raw in nasty_string(),
        debug_number in any_f64(),
    ) -> Echo {
        Echo::BadInput {
            name, text, int, uint, float, items,
            errors: errors.into(),
            raw, debug_number,
        }
    }
}

fn echo() -> impl Strategy<Value = Echo> {
    prop_oneof![
        3 => bad_input(),
        2 => (nasty_string(), nasty_string(), nasty_string()).prop_map(|(text, raw, source)| {
            Echo::Internal { text, raw, source: io::Error::other(source) }
        }),
        1 => Just(()).prop_map(|()| Echo::Unavailable),
        1 => any_u64().prop_map(|secs| Echo::SlowDown { secs }),
    ]
}

fn shown() -> impl Strategy<Value = Shown> {
    prop_oneof![
        nasty_string().prop_map(Shown::Client),
        (nasty_string(), nasty_string()).prop_map(|(text, source)| Shown::Server {
            text,
            source: io::Error::other(source),
        }),
    ]
}

proptest! {
    #![proptest_config(crate::config())]

    #[test]
    fn every_member_round_trips_in_order(err in echo(), request_id in request_id()) {
        check(&err, &expected(&err), &request_id)?;
    }

    #[test]
    fn displays_and_masked_5xx_round_trip(err in shown(), request_id in request_id()) {
        check(&err, &expected_shown(&err), &request_id)?;
    }

    #[test]
    fn a_transparent_wrapper_renders_the_inner_body(err in echo(), request_id in request_id()) {
        let expected = expected(&err);
        let wrapped = Wrapper::Echo(err);
        check(&wrapped, &expected, &request_id)?;
    }

    #[test]
    fn a_request_id_is_spliced_into_a_constant_body(request_id in nasty_string()) {
        for format in Format::ALL {
            let options = RenderOptions::new().request_id(&request_id);
            let body = Echo::Unavailable.to_json_with(format, &options);
            prop_assert_eq!(parse(&body), expected(&Echo::Unavailable).body(format, &options));
        }
    }
}

#[test]
fn non_finite_floats_are_null_and_the_message_names_them() {
    for (value, shown) in [
        (f64::NAN, "NaN"),
        (f64::INFINITY, "inf"),
        (f64::NEG_INFINITY, "-inf"),
    ] {
        let err = Echo::BadInput {
            name: "rate".to_owned(),
            text: "x".to_owned(),
            int: 0,
            uint: 0,
            float: value,
            items: vec![],
            errors: FieldErrors::new(),
            raw: String::new(),
            debug_number: value,
        };
        let body = err.to_json_with(Format::Envelope, &RenderOptions::new().debug(true));
        let parsed: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert!(parsed["error"]["float"].is_null(), "{body}");
        assert!(parsed["error"]["debug"]["number"].is_null(), "{body}");
        assert_eq!(
            parsed["error"]["message"],
            format!("Bad x (0, 0, {shown}, {shown})"),
            "{body}"
        );
    }
}

#[test]
fn floats_are_written_exactly() {
    for value in [-1.840_521_659_061_174_2e-152, 5e-324, f64::MAX, 0.1, -0.0] {
        let err = Echo::BadInput {
            name: String::new(),
            text: String::new(),
            int: 0,
            uint: 0,
            float: value,
            items: vec![],
            errors: FieldErrors::new(),
            raw: String::new(),
            debug_number: value,
        };
        let body = err.to_json(Format::Flat);
        let Json::Object(members) = parse(&body) else {
            panic!("{body}")
        };
        let written = members.iter().find(|(name, _)| name == "float").unwrap();
        assert_eq!(written.1, Json::Float(value), "{body}");
    }
}

/// Variants whose bodies are constants: a 4xx, one with a fixed `field`,
/// one with a `doc_url`, and a 5xx with a source.
#[derive(Debug, ApiError)]
#[api(doc_base = "https://docs.example.com/errors")]
enum Constant {
    #[api(
        status = 401,
        code = "unauthorized",
        message = "Invalid \"key\" </script>"
    )]
    Unauthorized,
    #[api(
        status = 409,
        code = "duplicate",
        message = "Already exists",
        field = "email"
    )]
    Duplicate,
    #[api(
        status = 404,
        code = "gone",
        message = "Gone",
        doc_url = "https://example.com/gone"
    )]
    Gone,
    #[api(status = 503, code = "unavailable", message = "Try again later")]
    Unavailable(#[api(source)] std::io::Error),
}

proptest! {
    #![proptest_config(crate::config())]

    /// A constant body, copied from the derive's tables or kept once
    /// rendered, with the request's id where the format puts it: the bytes
    /// of the serde path, for any request id.
    #[test]
    fn constant_bodies_take_any_request_id_as_the_serde_path_writes_it(
        request_id in proptest::option::of(nasty_string()),
        debug in any::<bool>(),
    ) {
        let errors = [
            Constant::Unauthorized,
            Constant::Duplicate,
            Constant::Gone,
            Constant::Unavailable(std::io::Error::other("disk")),
        ];
        for error in &errors {
            for format in Format::ALL {
                let options = options_of(&request_id, debug);
                let expected = via_serde(error, format, &options);
                prop_assert_eq!(&error.to_json_with(format, &options), &expected, "{:?} {:?}", error, format);
                let mut out = b"[".to_vec();
                error.write_json(&mut out, format, &options);
                prop_assert_eq!(&out[1..], expected.as_bytes(), "{:?} {:?}", error, format);
            }
        }
    }
}
