//! The catalog's model: a type's [`ErrorCatalog`], its [`Variant`]s and
//! their [`Entry`]s, built in a constant by the derive, and the queries
//! tools and tests run on them.

use super::{markdown, openapi, sample};
use crate::format::{reason_phrase, Format};
use crate::GrpcCode;
use http::StatusCode;
use std::fmt;

/// A type whose errors are listed in a static [`ErrorCatalog`].
///
/// Implemented by `#[derive(ApiError)]`. The catalog is a constant, so it can
/// be checked at compile time (see
/// [`assert_unique_codes!`](crate::assert_unique_codes)).
pub trait Catalog {
    /// The catalog of the type's errors.
    const CATALOG: &'static ErrorCatalog;

    /// The catalog of the type's errors.
    #[must_use]
    fn catalog() -> &'static ErrorCatalog {
        Self::CATALOG
    }
}

/// Every error one type can answer with, in declaration order.
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub struct ErrorCatalog {
    /// The type's name, without its module path or generics.
    pub type_name: &'static str,
    /// The type's doc comment.
    pub description: &'static str,
    /// The wire format the type renders in by default.
    pub format: Format,
    /// The type's variants, in declaration order.
    pub variants: &'static [Variant],
    type_path: &'static str,
    doc_base: Option<&'static str>,
}

/// One variant of a catalog.
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub enum Variant {
    /// A variant with its own status, code and body.
    Own(Entry),
    /// A `transparent` variant: its errors are those of the type it wraps.
    Transparent {
        /// The variant's name.
        variant: &'static str,
        /// The variant's doc comment.
        description: &'static str,
        /// The catalog of the wrapped type.
        inner: &'static ErrorCatalog,
    },
}

/// One error: a variant with its own status and code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Entry {
    /// The type that declares the variant.
    pub type_name: &'static str,
    /// The variant's name; for a struct, the struct's.
    pub variant: &'static str,
    /// The HTTP status.
    pub status: StatusCode,
    /// The gRPC status code: Google's mapping of the HTTP status, or the
    /// variant's `#[api(grpc = "...")]`.
    pub grpc: GrpcCode,
    /// The machine-readable code.
    pub code: &'static str,
    /// The public message template as written: `{name}` and `{0}` read
    /// fields, `{{` and `}}` are literal braces. A 5xx without a `message`
    /// reads [`MASKED_MESSAGE`](crate::MASKED_MESSAGE); a message taken from
    /// thiserror is the text of its `#[error("...")]`.
    pub message: &'static str,
    /// The body's `field` member, when the variant writes one.
    pub field: Option<FieldMember>,
    /// The body's `doc_url` (the problem format's `type`).
    pub doc_url: Option<&'static str>,
    /// The extra members of the body, in order.
    pub extras: &'static [Extra],
    /// Whether the body has an `errors` list of field errors.
    pub errors: bool,
    /// Whether the response has a `Retry-After` header.
    pub retry_after: bool,
    /// The variant's doc comment.
    pub description: &'static str,
}

/// Where the `field` member of a body comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum FieldMember {
    /// Always this request field: `#[api(field = "email")]`.
    Fixed(&'static str),
    /// The value of the Rust field named here (`#[api(field)]`); may be
    /// absent when that field is an `Option`.
    FromValue(&'static str),
}

/// An extra member of a body: `#[api(extra)]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Extra {
    /// The member's name in the body.
    pub name: &'static str,
    /// The JSON type of its value.
    pub json_type: JsonType,
}

/// The JSON type of a body member, as the catalog knows it from the field's
/// Rust type (see [`MemberType`](super::MemberType)).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum JsonType {
    /// A string.
    String,
    /// An integer.
    Integer,
    /// Any number.
    Number,
    /// `true` or `false`.
    Boolean,
    /// `null`.
    Null,
    /// An array of values of one type.
    Array(&'static JsonType),
    /// An object.
    Object,
    /// A value of the inner type, or `null`.
    Nullable(&'static JsonType),
    /// Not known from the Rust type: any JSON value.
    Any,
}

impl fmt::Display for JsonType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JsonType::String => f.write_str("string"),
            JsonType::Integer => f.write_str("integer"),
            JsonType::Number => f.write_str("number"),
            JsonType::Boolean => f.write_str("boolean"),
            JsonType::Null => f.write_str("null"),
            JsonType::Array(items) => write!(f, "array<{items}>"),
            JsonType::Object => f.write_str("object"),
            JsonType::Nullable(inner) => write!(f, "{inner} | null"),
            JsonType::Any => f.write_str("any"),
        }
    }
}

/// The headers every error response may carry.
const HEADERS: &[&str] = &["Content-Type", "X-Request-Id"];
const HEADERS_RETRY: &[&str] = &["Content-Type", "Retry-After", "X-Request-Id"];

impl Entry {
    /// The whole entry in one call: what the derive emits, as one call of
    /// plain constants per variant is cheaper for the compiler than a chain
    /// of builder calls. An empty `doc_url`, `field` or `field_from` is
    /// absent.
    #[doc(hidden)]
    #[must_use]
    #[allow(clippy::too_many_arguments, clippy::fn_params_excessive_bools)]
    pub const fn __of(
        type_name: &'static str,
        variant: &'static str,
        status: u16,
        code: &'static str,
        message: &'static str,
        field: &'static str,
        field_from: &'static str,
        doc_url: &'static str,
        extras: &'static [Extra],
        errors: bool,
        retry_after: bool,
        description: &'static str,
    ) -> Self {
        let status = crate::__private::status(status);
        Entry {
            type_name,
            variant,
            status,
            grpc: GrpcCode::from_http(status),
            code,
            message,
            field: if !field.is_empty() {
                Some(FieldMember::Fixed(field))
            } else if !field_from.is_empty() {
                Some(FieldMember::FromValue(field_from))
            } else {
                None
            },
            doc_url: if doc_url.is_empty() {
                None
            } else {
                Some(doc_url)
            },
            extras,
            errors,
            retry_after,
            description,
        }
    }

    /// The variant's `#[api(grpc = "...")]`.
    #[must_use]
    pub(crate) const fn __grpc(mut self, grpc: GrpcCode) -> Self {
        self.grpc = grpc;
        self
    }

    /// The status's reason phrase: the flat format's `error`, the problem
    /// format's `title`.
    #[must_use]
    pub fn reason(&self) -> &'static str {
        reason_phrase(self.status)
    }

    /// Whether retrying the same request may succeed: 429 and every 5xx, as
    /// [`ApiError::is_retryable`](crate::ApiError::is_retryable).
    #[must_use]
    pub fn is_retryable(&self) -> bool {
        self.status == StatusCode::TOO_MANY_REQUESTS || self.status.is_server_error()
    }

    /// The headers the response may carry: `Content-Type`, `Retry-After`
    /// when the variant has a `retry_after` field, and `X-Request-Id`, which
    /// the framework layers set on every error response.
    #[must_use]
    pub fn headers(&self) -> &'static [&'static str] {
        if self.retry_after {
            HEADERS_RETRY
        } else {
            HEADERS
        }
    }

    /// A sample body in `format`: the message's placeholders read `<name>`,
    /// extras hold sample values of their JSON type, and a 5xx carries a
    /// `request_id`, as the framework layers write it.
    ///
    /// ```
    /// use api_error::catalog::Catalog;
    /// use api_error::{ApiError, Format};
    ///
    /// #[derive(Debug, ApiError)]
    /// enum Error {
    ///     #[api(status = 404, code = "not_found", message = "{resource} not found")]
    ///     NotFound { #[api(extra)] resource: String, #[api(extra)] id: u64 },
    /// }
    ///
    /// let entry = Error::catalog().get("not_found").unwrap();
    /// assert_eq!(
    ///     entry.sample_body(Format::Envelope),
    ///     r#"{"error":{"code":"not_found","message":"<resource> not found","resource":"<resource>","id":0}}"#,
    /// );
    /// ```
    #[must_use]
    pub fn sample_body(&self, format: Format) -> String {
        sample::body(self, format, false)
    }

    /// The names of the body members the variant writes besides the
    /// format's own: `field`, the extras, `errors`.
    pub fn members(&self) -> impl Iterator<Item = &'static str> {
        let field = self.field.map(|_| api_error_wire::names::FIELD);
        let errors = self.errors.then_some(api_error_wire::names::ERRORS);
        field
            .into_iter()
            .chain(self.extras.iter().map(|extra| extra.name))
            .chain(errors)
    }
}

impl Extra {
    #[must_use]
    pub(crate) const fn __new(name: &'static str, json_type: JsonType) -> Self {
        Extra { name, json_type }
    }
}

impl ErrorCatalog {
    #[must_use]
    pub(crate) const fn __new(
        type_name: &'static str,
        type_path: &'static str,
        format: Format,
        description: &'static str,
        variants: &'static [Variant],
    ) -> Self {
        ErrorCatalog {
            type_name,
            description,
            format,
            variants,
            type_path,
            doc_base: None,
        }
    }

    /// The catalog with the type's `#[api(doc_base = "...")]`; an empty one
    /// is absent.
    #[must_use]
    pub(crate) const fn __with_doc_base(mut self, doc_base: &'static str) -> Self {
        self.doc_base = if doc_base.is_empty() {
            None
        } else {
            Some(doc_base)
        };
        self
    }

    /// The type's name with its module path: what tells two types of the
    /// same name apart.
    #[must_use]
    pub const fn type_path(&self) -> &'static str {
        self.type_path
    }

    /// The type's `#[api(doc_base = "...")]`.
    #[must_use]
    pub const fn doc_base(&self) -> Option<&'static str> {
        self.doc_base
    }

    /// Every error, in declaration order, with those of `transparent`
    /// variants' types in place of the variant. An error of a wrapped type
    /// that has no `doc_url` of its own takes the one the nearest
    /// `doc_base` around it gives, `{doc_base}#{code}`, as its responses do.
    #[must_use]
    pub fn entries(&self) -> Entries {
        Entries {
            stack: vec![(self.variants.iter(), self.doc_base)],
        }
    }

    /// The first error with `code`.
    #[must_use]
    pub fn get(&self, code: &str) -> Option<&'static Entry> {
        self.entries().find(|entry| entry.code == code)
    }

    /// The distinct codes, in order of first appearance.
    #[must_use]
    pub fn codes(&self) -> Vec<&'static str> {
        let mut codes: Vec<&'static str> = Vec::new();
        for entry in self.entries() {
            if !codes.contains(&entry.code) {
                codes.push(entry.code);
            }
        }
        codes
    }

    /// The catalog as pretty-printed JSON; see [`Serialize`](#impl-Serialize-for-ErrorCatalog).
    #[must_use]
    pub fn to_json(&self) -> String {
        // Serializing strings and numbers into a String cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// A Markdown reference page: the body format, a table of statuses and
    /// codes, then one section per code with its description, a sample body
    /// in the type's format, the headers and the retry advice.
    #[must_use]
    pub fn to_markdown(&self) -> String {
        markdown::render(self, &|_| None)
    }

    /// OpenAPI 3.1 components: a `schemas` entry per code and one for the
    /// whole body (a `oneOf` with a `code` discriminator), and a `responses`
    /// entry per status with its headers and one named example per variant.
    ///
    /// Every name starts with the type's name, so the components of several
    /// types merge without clashes.
    #[must_use]
    pub fn openapi_components(&self) -> serde_json::Value {
        openapi::components(self)
    }

    /// A whole OpenAPI 3.1 document holding only
    /// [`openapi_components`](Self::openapi_components).
    #[must_use]
    pub fn openapi_document(&self, title: &str, version: &str) -> serde_json::Value {
        serde_json::json!({
            "openapi": "3.1.0",
            "info": { "title": title, "version": version },
            "components": self.openapi_components(),
        })
    }

    /// The responses of the type by status, as an operation's `responses`
    /// object lists them: each inlines its body schema, so it stands without
    /// the components.
    #[must_use]
    pub fn openapi_responses(&self) -> serde_json::Map<String, serde_json::Value> {
        openapi::inline_responses(self)
    }
}

/// The errors of a catalog, depth first: see [`ErrorCatalog::entries`].
#[derive(Clone, Debug)]
pub struct Entries {
    /// Each catalog being walked, with the nearest `doc_base` around it.
    stack: Vec<(std::slice::Iter<'static, Variant>, Option<&'static str>)>,
}

impl Iterator for Entries {
    type Item = &'static Entry;

    fn next(&mut self) -> Option<&'static Entry> {
        loop {
            let (top, doc_base) = self.stack.last_mut()?;
            match top.next() {
                Some(Variant::Own(entry)) => {
                    return Some(match doc_base {
                        Some(base) => crate::doc_url::entry_under(entry, base),
                        None => entry,
                    })
                }
                Some(Variant::Transparent { inner, .. }) => {
                    let doc_base = inner.doc_base.or(*doc_base);
                    self.stack.push((inner.variants.iter(), doc_base));
                }
                None => {
                    self.stack.pop();
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::OUTER;
    use super::{HEADERS, HEADERS_RETRY};

    #[test]
    fn entries_flatten_transparent_variants_in_place() {
        let codes: Vec<_> = OUTER.entries().map(|e| e.code).collect();
        assert_eq!(codes, ["not_found", "gone", "busy"]);
        assert_eq!(OUTER.get("gone").unwrap().type_name, "Inner");
        assert_eq!(OUTER.codes(), ["not_found", "gone", "busy"]);
    }

    #[test]
    fn wrapped_entries_take_the_nearest_doc_base() {
        use super::{ErrorCatalog, Variant};
        use crate::Format;

        // A catalog of one transparent variant over `inner`.
        macro_rules! wrap {
            ($inner:expr, $doc_base:expr) => {
                &ErrorCatalog::__new(
                    "Wrap",
                    "tests::Wrap",
                    Format::Envelope,
                    "",
                    &[Variant::Transparent {
                        variant: "Inner",
                        description: "",
                        inner: $inner,
                    }],
                )
                .__with_doc_base($doc_base)
            };
        }
        const BARE: &ErrorCatalog = wrap!(OUTER, "");
        const DOCUMENTED: &ErrorCatalog = wrap!(OUTER, "https://a.example/errors");
        const NESTED: &ErrorCatalog = wrap!(DOCUMENTED, "https://b.example/errors");
        const UNDER_BARE: &ErrorCatalog = wrap!(BARE, "https://b.example/errors");

        let urls = |catalog: &ErrorCatalog| -> Vec<Option<&str>> {
            catalog.entries().map(|entry| entry.doc_url).collect()
        };
        assert_eq!(urls(BARE), [None, None, None]);
        assert_eq!(BARE.doc_base(), None);
        let a = [
            Some("https://a.example/errors#not_found"),
            Some("https://a.example/errors#gone"),
            Some("https://a.example/errors#busy"),
        ];
        assert_eq!(urls(DOCUMENTED), a);
        // The nearest base wins; one further out fills in what none nearer
        // gives.
        assert_eq!(urls(NESTED), a);
        assert_eq!(
            urls(UNDER_BARE),
            [
                Some("https://b.example/errors#not_found"),
                Some("https://b.example/errors#gone"),
                Some("https://b.example/errors#busy"),
            ]
        );
        // The same entry each time, and the wrapped catalogs' own untouched.
        let first = DOCUMENTED.get("gone").unwrap();
        assert!(std::ptr::eq(first, DOCUMENTED.get("gone").unwrap()));
        assert_eq!(OUTER.get("gone").unwrap().doc_url, None);
        assert!(matches!(DOCUMENTED.variants, [Variant::Transparent { .. }]));
    }

    #[test]
    fn headers_and_retry() {
        let busy = OUTER.get("busy").unwrap();
        assert!(busy.is_retryable());
        assert_eq!(busy.headers(), HEADERS_RETRY);
        let gone = OUTER.get("gone").unwrap();
        assert!(!gone.is_retryable());
        assert_eq!(gone.headers(), HEADERS);
        assert_eq!(gone.reason(), "Gone");
    }
}

/// The constructors the derive's catalog constants call, one plain call per
/// piece.
pub(crate) mod build {
    use super::{Entry, ErrorCatalog, Extra, JsonType, Variant};
    use crate::{Format, GrpcCode};

    /// `entry` with the variant's `#[api(grpc = "...")]`.
    #[must_use]
    pub const fn catalog_entry_grpc(entry: Entry, grpc: GrpcCode) -> Entry {
        entry.__grpc(grpc)
    }

    /// An extra member of a body.
    #[must_use]
    pub const fn catalog_extra(name: &'static str, json_type: JsonType) -> Extra {
        Extra::__new(name, json_type)
    }

    /// A type's catalog. An empty `doc_base` is absent.
    #[must_use]
    pub const fn error_catalog(
        type_name: &'static str,
        type_path: &'static str,
        format: Format,
        description: &'static str,
        doc_base: &'static str,
        variants: &'static [Variant],
    ) -> ErrorCatalog {
        ErrorCatalog::__new(type_name, type_path, format, description, variants)
            .__with_doc_base(doc_base)
    }
}
