//! The error catalog: every error a type can answer with, known at compile
//! time, for reference documentation, OpenAPI and tests.
//!
//! `#[derive(ApiError)]` implements [`Catalog`] for the type: one [`Entry`]
//! per variant with its status, gRPC code, code, message template, `field`, `doc_url`,
//! body members and the variant's doc comment, and the catalogs of the types
//! its `transparent` variants wrap. From a catalog come:
//!
//! - [`ErrorCatalog::to_markdown`]: a reference page in the style of an API's
//!   error guide;
//! - [`ErrorCatalog::to_json`]: the catalog as JSON, for tools and for
//!   [`assert_snapshot`];
//! - [`ErrorCatalog::openapi_components`]: OpenAPI 3.1 schemas and responses.
//!
//! ```
//! use api_error::catalog::{Catalog, JsonType};
//! use api_error::{ApiError, GrpcCode, StatusCode};
//!
//! #[derive(Debug, ApiError)]
//! #[api(doc_base = "https://docs.example.com/errors")]
//! enum ClientError {
//!     /// The resource does not exist.
//!     #[api(status = 404, code = "not_found", message = "{resource} not found")]
//!     NotFound {
//!         #[api(extra)]
//!         resource: String,
//!         #[api(extra)]
//!         id: u64,
//!     },
//!
//!     /// Too many requests.
//!     #[api(status = 429, code = "rate_limit_exceeded",
//!           message = "Rate limit exceeded. Retry after {secs} seconds.")]
//!     RateLimited {
//!         #[api(retry_after)]
//!         secs: u64,
//!     },
//! }
//!
//! let catalog = ClientError::catalog();
//! let entry = catalog.get("not_found").unwrap();
//! assert_eq!(entry.status, StatusCode::NOT_FOUND);
//! assert_eq!(entry.grpc, GrpcCode::NotFound);
//! assert_eq!(entry.message, "{resource} not found");
//! assert_eq!(entry.description, "The resource does not exist.");
//! assert_eq!(entry.doc_url, Some("https://docs.example.com/errors#not_found"));
//! assert_eq!(entry.extras[1].name, "id");
//! assert_eq!(entry.extras[1].json_type, JsonType::Integer);
//! assert!(!entry.is_retryable());
//!
//! let entry = catalog.get("rate_limit_exceeded").unwrap();
//! assert!(entry.is_retryable());
//! assert_eq!(entry.headers(), ["Content-Type", "Retry-After", "X-Request-Id"]);
//! ```

use crate::format::{reason_phrase, Format};
use crate::GrpcCode;
use http::StatusCode;
use serde::ser::{SerializeMap, SerializeSeq, Serializer};
use serde::Serialize;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};
use std::fmt;
use std::marker::PhantomData;
use std::num::{
    NonZeroI128, NonZeroI16, NonZeroI32, NonZeroI64, NonZeroI8, NonZeroIsize, NonZeroU128,
    NonZeroU16, NonZeroU32, NonZeroU64, NonZeroU8, NonZeroUsize,
};
use std::rc::Rc;
use std::sync::Arc;

mod clash;
mod markdown;
mod openapi;
mod sample;
mod snapshot;

#[doc(hidden)]
pub use clash::{code_clash, ClashMessage};
pub use snapshot::{assert_snapshot, SNAPSHOT_UPDATE_ENV};

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
/// Rust type (see [`MemberType`]).
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

/// The JSON type a Rust type serializes to, for the catalog's description of
/// `#[api(extra)]` members.
///
/// Implemented for the standard types that serde serializes in one JSON
/// type. A member whose type does not implement it is listed as
/// [`JsonType::Any`]; implement it for your own types to describe them:
///
/// ```
/// use api_error::catalog::{Catalog, JsonType, MemberType};
/// use api_error::ApiError;
///
/// #[derive(Debug, serde::Serialize)]
/// #[serde(rename_all = "lowercase")]
/// enum Resource { Client, Invoice }
///
/// impl MemberType for Resource {
///     const JSON_TYPE: JsonType = JsonType::String;
/// }
///
/// #[derive(Debug, ApiError)]
/// enum Error {
///     #[api(status = 404, message = "Not found")]
///     NotFound { #[api(extra)] resource: Resource, #[api(extra)] tags: Vec<String> },
/// }
///
/// let extras = Error::catalog().get("not_found").unwrap().extras;
/// assert_eq!(extras[0].json_type, JsonType::String);
/// assert_eq!(extras[1].json_type, JsonType::Array(&JsonType::String));
/// ```
pub trait MemberType {
    /// The JSON type of a serialized value.
    const JSON_TYPE: JsonType;
}

macro_rules! member_types {
    ($json:expr => $($ty:ty),* $(,)?) => {$(
        impl MemberType for $ty {
            const JSON_TYPE: JsonType = $json;
        }
    )*};
}

member_types!(JsonType::Integer =>
    u8, u16, u32, u64, u128, usize, i8, i16, i32, i64, i128, isize,
    NonZeroU8, NonZeroU16, NonZeroU32, NonZeroU64, NonZeroU128, NonZeroUsize,
    NonZeroI8, NonZeroI16, NonZeroI32, NonZeroI64, NonZeroI128, NonZeroIsize,
);
member_types!(JsonType::Number => f32, f64, serde_json::Number);
member_types!(JsonType::Boolean => bool);
member_types!(JsonType::String =>
    str, String, char, std::path::Path, std::path::PathBuf,
    std::net::IpAddr, std::net::Ipv4Addr, std::net::Ipv6Addr,
    std::net::SocketAddr, std::net::SocketAddrV4, std::net::SocketAddrV6,
);
member_types!(JsonType::Null => ());
member_types!(JsonType::Object =>
    std::time::Duration, std::time::SystemTime, serde_json::Map<String, serde_json::Value>,
);
member_types!(JsonType::Any => serde_json::Value);
member_types!(JsonType::Array(&JsonType::Object) => crate::FieldErrors);
member_types!(JsonType::Object => crate::FieldError);

macro_rules! member_type_transparent {
    ($($ty:ident),*) => {$(
        impl<T: MemberType + ?Sized> MemberType for $ty<T> {
            const JSON_TYPE: JsonType = T::JSON_TYPE;
        }
    )*};
}

member_type_transparent!(Box, Rc, Arc);

impl<T: MemberType + ?Sized> MemberType for &T {
    const JSON_TYPE: JsonType = T::JSON_TYPE;
}

impl<T: MemberType + ?Sized> MemberType for &mut T {
    const JSON_TYPE: JsonType = T::JSON_TYPE;
}

impl<T: MemberType + ToOwned + ?Sized> MemberType for Cow<'_, T> {
    const JSON_TYPE: JsonType = T::JSON_TYPE;
}

impl<T: MemberType> MemberType for Option<T> {
    const JSON_TYPE: JsonType = match T::JSON_TYPE {
        // serde writes `None` and `Some(None)` alike.
        JsonType::Nullable(inner) => JsonType::Nullable(inner),
        JsonType::Null => JsonType::Null,
        JsonType::Any => JsonType::Any,
        _ => JsonType::Nullable(&T::JSON_TYPE),
    };
}

macro_rules! member_type_array {
    ($($ty:ident),*) => {$(
        impl<T: MemberType> MemberType for $ty<T> {
            const JSON_TYPE: JsonType = JsonType::Array(&T::JSON_TYPE);
        }
    )*};
}

member_type_array!(Vec, VecDeque, BTreeSet);

impl<T: MemberType, S> MemberType for HashSet<T, S> {
    const JSON_TYPE: JsonType = JsonType::Array(&T::JSON_TYPE);
}

impl<T: MemberType> MemberType for [T] {
    const JSON_TYPE: JsonType = JsonType::Array(&T::JSON_TYPE);
}

impl<T: MemberType, const N: usize> MemberType for [T; N] {
    const JSON_TYPE: JsonType = JsonType::Array(&T::JSON_TYPE);
}

impl<K, V> MemberType for BTreeMap<K, V> {
    const JSON_TYPE: JsonType = JsonType::Object;
}

impl<K, V, S> MemberType for HashMap<K, V, S> {
    const JSON_TYPE: JsonType = JsonType::Object;
}

/// Reads a type's [`MemberType`], or [`JsonType::Any`] when it has none:
/// the inherent constant wins when its bound holds, the trait's otherwise.
#[doc(hidden)]
pub struct Probe<T: ?Sized>(PhantomData<T>);

impl<T: MemberType + ?Sized> Probe<T> {
    pub const JSON_TYPE: JsonType = T::JSON_TYPE;
}

impl<T: Catalog + ?Sized> Probe<T> {
    pub const CATALOG: &'static ErrorCatalog = T::CATALOG;
}

#[doc(hidden)]
pub trait ProbeFallback {
    const JSON_TYPE: JsonType = JsonType::Any;
    const CATALOG: &'static ErrorCatalog = EMPTY_CATALOG;
}

impl<T: ?Sized> ProbeFallback for Probe<T> {}

/// The catalog of a type the derive could not read.
#[doc(hidden)]
pub const EMPTY_CATALOG: &ErrorCatalog = &ErrorCatalog::__new("", "", Format::Envelope, "", &[]);

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

    #[doc(hidden)]
    #[must_use]
    pub const fn __new(
        type_name: &'static str,
        variant: &'static str,
        status: u16,
        code: &'static str,
        message: &'static str,
    ) -> Self {
        let status = crate::__private::status(status);
        Entry {
            type_name,
            variant,
            status,
            grpc: GrpcCode::from_http(status),
            code,
            message,
            field: None,
            doc_url: None,
            extras: &[],
            errors: false,
            retry_after: false,
            description: "",
        }
    }

    /// The variant's `#[api(grpc = "...")]`.
    #[doc(hidden)]
    #[must_use]
    pub const fn __grpc(mut self, grpc: GrpcCode) -> Self {
        self.grpc = grpc;
        self
    }

    #[doc(hidden)]
    #[must_use]
    pub const fn __field(mut self, field: FieldMember) -> Self {
        self.field = Some(field);
        self
    }

    #[doc(hidden)]
    #[must_use]
    pub const fn __doc_url(mut self, doc_url: &'static str) -> Self {
        self.doc_url = Some(doc_url);
        self
    }

    #[doc(hidden)]
    #[must_use]
    pub const fn __extras(mut self, extras: &'static [Extra]) -> Self {
        self.extras = extras;
        self
    }

    #[doc(hidden)]
    #[must_use]
    pub const fn __errors(mut self) -> Self {
        self.errors = true;
        self
    }

    #[doc(hidden)]
    #[must_use]
    pub const fn __retry_after(mut self) -> Self {
        self.retry_after = true;
        self
    }

    #[doc(hidden)]
    #[must_use]
    pub const fn __description(mut self, description: &'static str) -> Self {
        self.description = description;
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
        let field = self.field.map(|_| "field");
        let errors = self.errors.then_some("errors");
        field
            .into_iter()
            .chain(self.extras.iter().map(|extra| extra.name))
            .chain(errors)
    }
}

impl Extra {
    #[doc(hidden)]
    #[must_use]
    pub const fn __new(name: &'static str, json_type: JsonType) -> Self {
        Extra { name, json_type }
    }
}

impl ErrorCatalog {
    #[doc(hidden)]
    #[must_use]
    pub const fn __new(
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
        }
    }

    /// The type's name with its module path: what tells two types of the
    /// same name apart.
    #[must_use]
    pub const fn type_path(&self) -> &'static str {
        self.type_path
    }

    /// Every error, in declaration order, with those of `transparent`
    /// variants' types in place of the variant.
    #[must_use]
    pub fn entries(&self) -> Entries {
        Entries {
            stack: vec![self.variants.iter()],
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
        markdown::render(self)
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

/// The JSON catalog: the type, its format, then every error with its code,
/// status, gRPC code, variant, description, message, `field`, members with their JSON
/// types, `errors`, `doc_url`, whether it is retryable, and its headers.
/// Absent members are omitted.
impl Serialize for ErrorCatalog {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("type", self.type_name)?;
        if !self.description.is_empty() {
            map.serialize_entry("description", self.description)?;
        }
        map.serialize_entry("format", self.format.name())?;
        map.serialize_entry("content_type", self.format.content_type())?;
        map.serialize_entry("errors", &EntryList(self))?;
        map.end()
    }
}

struct EntryList<'a>(&'a ErrorCatalog);

impl Serialize for EntryList<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(None)?;
        for entry in self.0.entries() {
            seq.serialize_element(entry)?;
        }
        seq.end()
    }
}

impl Serialize for Entry {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("code", self.code)?;
        map.serialize_entry("status", &self.status.as_u16())?;
        map.serialize_entry("grpc", self.grpc.name())?;
        map.serialize_entry(
            "variant",
            &format_args!("{}::{}", self.type_name, self.variant),
        )?;
        if !self.description.is_empty() {
            map.serialize_entry("description", self.description)?;
        }
        map.serialize_entry("message", self.message)?;
        match self.field {
            Some(FieldMember::Fixed(name)) => map.serialize_entry("field", name)?,
            Some(FieldMember::FromValue(from)) => {
                map.serialize_entry("field", &format_args!("{{{from}}}"))?;
            }
            None => {}
        }
        if !self.extras.is_empty() {
            map.serialize_entry("members", &Extras(self.extras))?;
        }
        if self.errors {
            map.serialize_entry("errors", &true)?;
        }
        if let Some(doc_url) = self.doc_url {
            map.serialize_entry("doc_url", doc_url)?;
        }
        map.serialize_entry("retryable", &self.is_retryable())?;
        map.serialize_entry("headers", self.headers())?;
        map.end()
    }
}

struct Extras(&'static [Extra]);

impl Serialize for Extras {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for extra in self.0 {
            map.serialize_entry(extra.name, &format_args!("{}", extra.json_type))?;
        }
        map.end()
    }
}

/// The errors of a catalog, depth first: see [`ErrorCatalog::entries`].
#[derive(Clone, Debug)]
pub struct Entries {
    stack: Vec<std::slice::Iter<'static, Variant>>,
}

impl Iterator for Entries {
    type Item = &'static Entry;

    fn next(&mut self) -> Option<&'static Entry> {
        loop {
            let top = self.stack.last_mut()?;
            match top.next() {
                Some(Variant::Own(entry)) => return Some(entry),
                Some(Variant::Transparent { inner, .. }) => {
                    self.stack.push(inner.variants.iter());
                }
                None => {
                    self.stack.pop();
                }
            }
        }
    }
}

/// Fails the build when some error types give one code different meanings.
///
/// A client keys its handling on the code, so across the types of one API a
/// code should always come with the same status, the same documentation
/// link and the same JSON types for the members it writes. List the types
/// (each a derived [`Catalog`]); their `transparent` variants' types are
/// checked too. The check runs in a constant, so a clash is a compile error
/// naming the code and both types:
///
/// ```text
/// error[E0080]: evaluation panicked: error code "not_found" has two meanings:
///               `ClientsError` (ClientsError::NotFound) answers it with status 404,
///               `InvoicesError` (InvoicesError::Missing) with status 410;
///               give one of them its own code
/// ```
///
/// ```
/// use api_error::ApiError;
///
/// #[derive(Debug, ApiError)]
/// enum ClientsError {
///     #[api(status = 404, code = "not_found", message = "Client not found")]
///     NotFound,
/// }
///
/// #[derive(Debug, ApiError)]
/// enum InvoicesError {
///     #[api(status = 404, code = "not_found", message = "Invoice not found")]
///     NotFound,
///     #[api(status = 409, code = "conflict", message = "Invoice has already been sent")]
///     AlreadySent,
/// }
///
/// api_error::assert_unique_codes!(ClientsError, InvoicesError);
/// ```
///
/// ```compile_fail,E0080
/// use api_error::ApiError;
///
/// #[derive(Debug, ApiError)]
/// enum ClientsError {
///     #[api(status = 404, code = "not_found", message = "Client not found")]
///     NotFound,
/// }
///
/// #[derive(Debug, ApiError)]
/// enum InvoicesError {
///     #[api(status = 410, code = "not_found", message = "Invoice deleted")]
///     Deleted,
/// }
///
/// api_error::assert_unique_codes!(ClientsError, InvoicesError);
/// ```
///
/// Variants of one type that share a code are checked by the derive
/// (`share_code`); this macro compares types. Types are told apart by their
/// module path and name.
#[macro_export]
macro_rules! assert_unique_codes {
    ($($ty:ty),+ $(,)?) => {
        const _: () = {
            if let ::core::option::Option::Some(clash) = $crate::__private::code_clash(&[
                $((::core::stringify!($ty), <$ty as $crate::__private::Catalog>::CATALOG)),+
            ]) {
                ::core::panic!("{}", clash.as_str());
            }
        };
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    const INNER: &ErrorCatalog = &ErrorCatalog::__new(
        "Inner",
        "tests::Inner",
        Format::Envelope,
        "",
        &[Variant::Own(Entry::__new(
            "Inner", "Gone", 410, "gone", "Gone",
        ))],
    );

    const OUTER: &ErrorCatalog = &ErrorCatalog::__new(
        "Outer",
        "tests::Outer",
        Format::Flat,
        "The outer errors.",
        &[
            Variant::Own(
                Entry::__new("Outer", "Missing", 404, "not_found", "{what} not found")
                    .__extras(&[Extra::__new("what", JsonType::String)]),
            ),
            Variant::Transparent {
                variant: "Inner",
                description: "",
                inner: INNER,
            },
            Variant::Own(Entry::__new("Outer", "Busy", 503, "busy", "Busy").__retry_after()),
        ],
    );

    #[test]
    fn entries_flatten_transparent_variants_in_place() {
        let codes: Vec<_> = OUTER.entries().map(|e| e.code).collect();
        assert_eq!(codes, ["not_found", "gone", "busy"]);
        assert_eq!(OUTER.get("gone").unwrap().type_name, "Inner");
        assert_eq!(OUTER.codes(), ["not_found", "gone", "busy"]);
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

    #[test]
    fn json_types_display() {
        assert_eq!(
            JsonType::Array(&JsonType::String).to_string(),
            "array<string>"
        );
        assert_eq!(
            JsonType::Nullable(&JsonType::Integer).to_string(),
            "integer | null"
        );
        assert_eq!(
            <Option<Option<u8>>>::JSON_TYPE,
            JsonType::Nullable(&JsonType::Integer)
        );
        assert_eq!(<Option<serde_json::Value>>::JSON_TYPE, JsonType::Any);
        assert_eq!(<Cow<'_, str>>::JSON_TYPE, JsonType::String);
        assert_eq!(<[u8; 4]>::JSON_TYPE, JsonType::Array(&JsonType::Integer));
        assert_eq!(<HashMap<String, u8>>::JSON_TYPE, JsonType::Object);
    }

    #[test]
    fn probe_falls_back_to_any() {
        struct Unknown;
        #[allow(unused_imports)]
        use super::ProbeFallback as _;
        assert_eq!(<Probe<Unknown>>::JSON_TYPE, JsonType::Any);
        assert_eq!(
            <Probe<Vec<u8>>>::JSON_TYPE,
            JsonType::Array(&JsonType::Integer)
        );
        assert_eq!(<Probe<Vec<Unknown>>>::JSON_TYPE, JsonType::Any);
    }

    #[test]
    fn json_catalog() {
        let json: serde_json::Value = serde_json::from_str(&OUTER.to_json()).unwrap();
        assert_eq!(json["type"], "Outer");
        assert_eq!(json["format"], "flat");
        assert_eq!(json["errors"][0]["variant"], "Outer::Missing");
        assert_eq!(json["errors"][0]["members"]["what"], "string");
        assert_eq!(json["errors"][1]["variant"], "Inner::Gone");
        assert_eq!(json["errors"][2]["retryable"], true);
        assert_eq!(
            json["errors"][2]["headers"],
            serde_json::json!(["Content-Type", "Retry-After", "X-Request-Id"])
        );
    }
}
