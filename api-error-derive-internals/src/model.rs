//! The resolved model the checks build and the expansion reads: for each
//! variant, the status, code, message and the role of every field.

use crate::ast::{Field, Input, Variant};
use crate::attr::Format;
use crate::fmt::Template;

/// A derived type after every check: what the expansion generates from.
pub struct Model<'a> {
    pub input: &'a Input<'a>,
    /// The wire format of `#[api(format = "...")]`, or the envelope.
    pub format: Format,
    /// The path of the `api_error` crate: `#[api(crate = "...")]`, or
    /// `::api_error`.
    pub krate: syn::Path,
    /// Whether the derive writes Display and Error (no thiserror).
    pub own_display: bool,
    /// Whether the derive writes the client decoder (`#[api(decode)]`).
    pub decode: bool,
    /// The domain of the codes: `#[api(domain = "...")]`.
    pub domain: Option<String>,
    /// `#[api(doc_base = "...")]`: the base of every `doc_url`, those of the
    /// errors a transparent variant wraps included when they have none.
    pub doc_base: Option<String>,
    /// One per variant, in order; a struct has one.
    pub variants: Vec<Resolved<'a>>,
}

/// Where a variant's public message comes from.
pub enum Message {
    /// `#[api(message = "...")]`.
    Template(Template),
    /// thiserror's Display, shown as is (4xx).
    Display,
    /// thiserror's Display replaced by the masked message (5xx).
    Masked,
}

/// Where the body's `field` member comes from.
pub enum FieldSource {
    /// `#[api(field = "email")]` on the variant.
    Fixed(String),
    /// `#[api(field)]` on the field of this index.
    Member(usize),
}

/// One variant with its keys resolved.
pub struct Resolved<'a> {
    pub variant: &'a Variant<'a>,
    pub kind: Kind,
    /// The index of the field `Error::source` returns.
    pub source: Option<usize>,
}

/// Whether a variant writes its own body or is another error's.
pub enum Kind {
    /// Everything comes from the inner field of this index.
    Transparent(usize),
    Own(Box<Own>),
}

/// What a variant that is not transparent writes in its body.
pub struct Own {
    pub status: u16,
    pub code: String,
    pub message: Message,
    pub field: Option<FieldSource>,
    pub doc_url: Option<String>,
    /// Member names of `#[api(extra)]` fields, with the field's index.
    pub extras: Vec<(String, usize)>,
    /// The index of the `#[api(errors)]` field.
    pub errors: Option<usize>,
    /// The index of the `#[api(retry_after)]` field.
    pub retry_after: Option<usize>,
    /// Member names of `#[api(debug)]` fields, with the field's index.
    pub debug: Vec<(String, usize)>,
    /// The runtime `GrpcCode` variant of `#[api(grpc = "...")]`.
    pub grpc: Option<&'static str>,
    /// The runtime `FieldLocation` variant of `#[api(location = "...")]`.
    pub location: Option<&'static str>,
}

impl Resolved<'_> {
    /// What the variant writes itself; `None` for a transparent variant.
    pub fn own(&self) -> Option<&Own> {
        match &self.kind {
            Kind::Own(own) => Some(own),
            Kind::Transparent(_) => None,
        }
    }

    /// The variant's field of index `index`.
    pub fn field(&self, index: usize) -> &Field<'_> {
        &self.variant.fields[index]
    }
}
