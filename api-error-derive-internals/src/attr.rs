//! Parsing of the `#[api(...)]` attributes: which keys each position takes,
//! and the value of each key.

mod key;
mod value;

pub use self::key::{FieldKey, ItemKey};
pub use self::value::Status;

use self::value::{
    crate_path, field_location, flag_value, grpc_code, no_value, optional_name, status_value,
    string_value,
};
use crate::ctxt::Ctxt;
use crate::suggest::suggest;
use proc_macro2::{Span, TokenTree};
use syn::meta::ParseNestedMeta;
use syn::spanned::Spanned;
use syn::{Attribute, Expr, LitStr, Token};

/// Where an `#[api(...)]` attribute is written; decides which keys it takes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Position {
    Enum,
    Variant,
    Struct,
    Field,
}

impl Position {
    /// The item keys this position takes; none on a field.
    fn item_keys(self) -> impl Iterator<Item = ItemKey> {
        ItemKey::ALL.into_iter().filter(move |key| match self {
            Position::Enum => key.on_type(),
            Position::Variant => key.on_variant(),
            Position::Struct => key.on_type() || key.on_variant(),
            Position::Field => false,
        })
    }

    /// The names of the keys this position takes, in order.
    fn keys(self) -> Vec<&'static str> {
        match self {
            Position::Field => FieldKey::ALL.iter().map(|key| key.name()).collect(),
            _ => self.item_keys().map(ItemKey::name).collect(),
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Position::Enum => "an enum",
            Position::Variant => "a variant",
            Position::Struct => "a struct",
            Position::Field => "a field",
        }
    }
}

/// A value with the span of the key that set it.
pub struct Keyed<T> {
    pub value: T,
    pub key: Span,
}

/// A wire format named in `#[api(format = "...")]`.
pub use api_error_wire::Format;

/// The keys of an `#[api(...)]` on a type or a variant.
///
/// A struct takes both sets; parsing records every key, and the position
/// decides which are allowed.
#[derive(Default)]
pub struct ItemAttrs {
    /// `#[api(format = "envelope" | "flat" | "problem")]`
    pub format: Option<Keyed<Format>>,
    /// `#[api(doc_base = "https://...")]`
    pub doc_base: Option<Keyed<LitStr>>,
    /// `#[api(crate = "path")]`
    pub krate: Option<Keyed<syn::Path>>,
    /// `#[api(decode)]`
    pub decode: Option<Keyed<bool>>,
    /// `#[api(domain = "clients.example.com")]`
    pub domain: Option<Keyed<LitStr>>,
    /// `#[api(axum = false)]`: no `IntoResponse` from the `axum` feature.
    pub axum: Option<Keyed<bool>>,
    /// `#[api(actix_web = false)]`: no `ResponseError` from `actix-web`.
    pub actix_web: Option<Keyed<bool>>,
    /// `#[api(utoipa = false)]`: no `IntoResponses` from `utoipa`.
    pub utoipa: Option<Keyed<bool>>,
    /// `#[api(tonic = false)]`: no `From<_> for tonic::Status` from `tonic`.
    pub tonic: Option<Keyed<bool>>,
    /// `#[api(aide = false)]`: no `OperationOutput` from `aide`.
    pub aide: Option<Keyed<bool>>,
    /// `#[api(locales = "locales")]`: the directory of the Fluent
    /// catalogs, beside the file the type is in.
    pub locales: Option<Keyed<LitStr>>,
    /// `#[api(status = 409)]`
    pub status: Option<Keyed<Status>>,
    /// `#[api(code = "duplicate")]`
    pub code: Option<Keyed<LitStr>>,
    /// `#[api(message = "{resource} not found")]`
    pub message: Option<Keyed<LitStr>>,
    /// `#[api(field = "email")]`
    pub field: Option<Keyed<LitStr>>,
    /// `#[api(doc_url = "https://...")]`
    pub doc_url: Option<Keyed<LitStr>>,
    /// `#[api(transparent)]`
    pub transparent: Option<Keyed<bool>>,
    /// `#[api(share_code)]`
    pub share_code: Option<Keyed<bool>>,
    /// `#[api(grpc = "failed_precondition")]`: the `GrpcCode` variant named.
    pub grpc: Option<Keyed<&'static str>>,
    /// `#[api(location = "query")]`: the `FieldLocation` variant named.
    pub location: Option<Keyed<&'static str>>,
    /// `#[api(subset(pub CreateError = Duplicate | Invalid))]`, each one.
    pub subsets: Vec<SubsetDecl>,
    /// Every key written, in order, for checks such as "transparent takes no
    /// other key".
    pub keys: Vec<(ItemKey, Span)>,
    /// The first `#[error(...)]` attribute (thiserror's Display).
    pub display: Option<ThiserrorDisplay>,
    /// Whether any of these attributes had an error: checks for a missing
    /// key then stay quiet, since the key may be the one that failed.
    pub had_errors: bool,
}

/// A narrowed error of an enum, as `#[api(subset(...))]` declares it: its
/// own attributes (`#[doc]`, `#[derive]`), visibility and name, and the
/// variants of the enum it keeps.
pub struct SubsetDecl {
    pub attrs: Vec<Attribute>,
    pub vis: syn::Visibility,
    pub ident: syn::Ident,
    pub variants: Vec<syn::Ident>,
}

impl syn::parse::Parse for SubsetDecl {
    fn parse(input: syn::parse::ParseStream) -> syn::Result<Self> {
        let attrs = Attribute::parse_outer(input)?;
        let vis = input.parse()?;
        let ident = input.parse()?;
        input.parse::<Token![=]>().map_err(|err| {
            syn::Error::new(
                err.span(),
                "expected `=` and the variants the subset keeps, as in `subset(pub CreateError = Duplicate | Invalid)`",
            )
        })?;
        let mut variants = Vec::new();
        while !input.is_empty() {
            variants.push(input.parse()?);
            if input.is_empty() {
                break;
            }
            input.parse::<Token![|]>()?;
        }
        Ok(SubsetDecl {
            attrs,
            vis,
            ident,
            variants,
        })
    }
}

/// thiserror's `#[error(...)]`, read with the other attributes: its span,
/// and its format string when it starts with one (`#[error(transparent)]`
/// has none).
pub struct ThiserrorDisplay {
    pub span: Span,
    pub template: Option<String>,
}

/// The role a field plays in the body.
pub enum Role {
    /// `#[api(extra)]`, `#[api(extra = "name")]`
    Extra(Option<LitStr>),
    /// `#[api(field)]`
    Field,
    /// `#[api(retry_after)]`
    RetryAfter,
    /// `#[api(errors)]`
    Errors,
    /// `#[api(debug)]`, `#[api(debug = "name")]`
    Debug(Option<LitStr>),
    /// `#[api(source)]`, or thiserror's `#[source]` / `#[from]`
    Source,
}

impl Role {
    /// The key that gives a field this role.
    pub const fn field_key(&self) -> FieldKey {
        match self {
            Role::Extra(_) => FieldKey::Extra,
            Role::Field => FieldKey::Field,
            Role::RetryAfter => FieldKey::RetryAfter,
            Role::Errors => FieldKey::Errors,
            Role::Debug(_) => FieldKey::Debug,
            Role::Source => FieldKey::Source,
        }
    }

    /// The key's name.
    pub const fn key(&self) -> &'static str {
        self.field_key().name()
    }
}

/// The keys of an `#[api(...)]` on a field.
#[derive(Default)]
pub struct FieldAttrs {
    pub roles: Vec<Keyed<Role>>,
}

/// Whether `attr` is an `#[api(...)]` attribute.
pub fn is_api(attr: &Attribute) -> bool {
    attr.path().is_ident("api")
}

/// Parses the `#[api(...)]` attributes of a type or variant.
pub fn item_attrs(cx: &Ctxt, attrs: &[Attribute], position: Position) -> ItemAttrs {
    let errors_before = cx.error_count();
    let mut out = ItemAttrs::default();
    for attr in attrs {
        if attr.path().is_ident("error") && out.display.is_none() {
            let template = attr
                .parse_args_with(|input: syn::parse::ParseStream| {
                    let lit: LitStr = input.parse()?;
                    input.parse::<proc_macro2::TokenStream>()?;
                    Ok(lit.value())
                })
                .ok();
            out.display = Some(ThiserrorDisplay {
                span: attr.path().span(),
                template,
            });
        }
        if !is_api(attr) {
            continue;
        }
        if let Err(err) = require_list(attr) {
            cx.syn_error(err);
            continue;
        }
        let result = attr.parse_nested_meta(|meta| {
            let Some(key) = known_key(cx, &meta, position, position.item_keys(), ItemKey::name)?
            else {
                return Ok(());
            };
            let span = meta.path.span();
            out.keys.push((key, span));
            let (item_key, key) = (key, key.name());
            match item_key {
                // #[api(format = "flat")]
                ItemKey::Format => {
                    let Some(lit) = string_value(cx, &meta, key, "format = \"envelope\"")? else {
                        return Ok(());
                    };
                    let format = match Format::from_name(&lit.value()) {
                        Some(format) => Some(format),
                        None => {
                            let other = lit.value();
                            let names = Format::ALL.map(Format::name);
                            let hint = suggest(&other, &names)
                                .map(|s| format!("; did you mean \"{s}\"?"))
                                .unwrap_or_default();
                            cx.error_spanned_by(
                                &lit,
                                format!(
                                    "unknown format \"{other}\": expected \"envelope\", \"flat\", \"problem\", \"json_api\", \"google\" or \"microsoft\"{hint}"
                                ),
                            );
                            None
                        }
                    };
                    if let Some(format) = format {
                        set(cx, &mut out.format, key, span, format);
                    }
                }
                // #[api(doc_base = "https://docs.example.com/errors")]
                ItemKey::DocBase => {
                    if let Some(lit) = string_value(cx, &meta, key, "doc_base = \"https://docs.example.com/errors\"")? {
                        set(cx, &mut out.doc_base, key, span, lit);
                    }
                }
                // #[api(crate = "my_crate::api_error")]
                ItemKey::Crate => {
                    let Some(lit) = string_value(cx, &meta, key, "crate = \"my_crate::api_error\"")? else {
                        return Ok(());
                    };
                    if let Some(path) = crate_path(cx, &lit) {
                        set(cx, &mut out.krate, key, span, path);
                    }
                }
                // #[api(decode)]
                ItemKey::Decode => {
                    if let Some(flag) = flag_value(cx, &meta, key)? {
                        set(cx, &mut out.decode, key, span, flag);
                    }
                }
                // #[api(axum = false)], and the other integrations
                ItemKey::Axum | ItemKey::ActixWeb | ItemKey::Utoipa | ItemKey::Tonic | ItemKey::Aide => {
                    if let Some(flag) = flag_value(cx, &meta, key)? {
                        let slot = match item_key {
                            ItemKey::Axum => &mut out.axum,
                            ItemKey::ActixWeb => &mut out.actix_web,
                            ItemKey::Utoipa => &mut out.utoipa,
                            ItemKey::Aide => &mut out.aide,
                            _ => &mut out.tonic,
                        };
                        set(cx, slot, key, span, flag);
                    }
                }
                // #[api(domain = "clients.example.com")]
                ItemKey::Domain => {
                    let Some(lit) = string_value(cx, &meta, key, "domain = \"clients.example.com\"")? else {
                        return Ok(());
                    };
                    let value = lit.value();
                    let valid = !value.is_empty()
                        && value.len() <= 253
                        && value.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'));
                    if valid {
                        set(cx, &mut out.domain, key, span, lit);
                    } else {
                        cx.error_spanned_by(
                            &lit,
                            format!("`domain` names the service that defines the codes, like \"clients.example.com\": letters, digits, `.`, `-` and `_`; found \"{}\"", value.escape_default()),
                        );
                    }
                }
                // #[api(locales = "locales")]
                ItemKey::Locales => {
                    if let Some(lit) = string_value(cx, &meta, key, "locales = \"locales\"")? {
                        set(cx, &mut out.locales, key, span, lit);
                    }
                }
                // #[api(status = 409)]
                ItemKey::Status => {
                    if let Some(status) = status_value(cx, &meta)? {
                        set(cx, &mut out.status, key, span, status);
                    }
                }
                // #[api(code = "duplicate")]
                ItemKey::Code => {
                    if let Some(lit) = string_value(cx, &meta, key, "code = \"duplicate\"")? {
                        set(cx, &mut out.code, key, span, lit);
                    }
                }
                // #[api(message = "{resource} not found")]
                ItemKey::Message => {
                    if let Some(lit) = string_value(cx, &meta, key, "message = \"Client not found\"")? {
                        set(cx, &mut out.message, key, span, lit);
                    }
                }
                // #[api(field = "email")]
                ItemKey::Field => {
                    if let Some(lit) = string_value(cx, &meta, key, "field = \"email\"")? {
                        set(cx, &mut out.field, key, span, lit);
                    }
                }
                // #[api(doc_url = "https://docs.example.com/errors#duplicate")]
                ItemKey::DocUrl => {
                    if let Some(lit) = string_value(cx, &meta, key, "doc_url = \"https://docs.example.com/errors#duplicate\"")? {
                        set(cx, &mut out.doc_url, key, span, lit);
                    }
                }
                // #[api(transparent)]
                ItemKey::Transparent => {
                    if let Some(flag) = flag_value(cx, &meta, key)? {
                        set(cx, &mut out.transparent, key, span, flag);
                    }
                }
                // #[api(grpc = "failed_precondition")]
                ItemKey::Grpc => {
                    let Some(lit) = string_value(cx, &meta, key, "grpc = \"failed_precondition\"")? else {
                        return Ok(());
                    };
                    if let Some(code) = grpc_code(cx, &lit) {
                        set(cx, &mut out.grpc, key, span, code);
                    }
                }
                // #[api(location = "query")]
                ItemKey::Location => {
                    let Some(lit) = string_value(cx, &meta, key, "location = \"query\"")? else {
                        return Ok(());
                    };
                    if let Some(location) = field_location(cx, &lit) {
                        set(cx, &mut out.location, key, span, location);
                    }
                }
                // #[api(subset(pub CreateError = Duplicate | Invalid))]
                ItemKey::Subset => {
                    let content;
                    syn::parenthesized!(content in meta.input);
                    let decl: SubsetDecl = content.parse()?;
                    if position == Position::Enum {
                        out.subsets.push(decl);
                    } else {
                        cx.error_at(span, "`subset` keeps some of an enum's variants; a struct has none");
                    }
                }
                // #[api(share_code)]
                ItemKey::ShareCode => {
                    if let Some(flag) = flag_value(cx, &meta, key)? {
                        set(cx, &mut out.share_code, key, span, flag);
                    }
                }
            }
            Ok(())
        });
        if let Err(err) = result {
            cx.syn_error(err);
        }
    }
    out.had_errors = cx.error_count() > errors_before;
    out
}

/// Parses the `#[api(...)]` attributes of a field, and thiserror's
/// `#[source]` and `#[from]`.
pub fn field_attrs(cx: &Ctxt, attrs: &[Attribute]) -> FieldAttrs {
    let mut out = FieldAttrs::default();
    for attr in attrs {
        if attr.path().is_ident("source") || attr.path().is_ident("from") {
            out.roles.push(Keyed {
                value: Role::Source,
                key: attr.path().span(),
            });
            continue;
        }
        if !is_api(attr) {
            continue;
        }
        if let Err(err) = require_list(attr) {
            cx.syn_error(err);
            continue;
        }
        let result = attr.parse_nested_meta(|meta| {
            let Some(field_key) =
                known_key(cx, &meta, Position::Field, FieldKey::ALL.into_iter(), FieldKey::name)?
            else {
                return Ok(());
            };
            let span = meta.path.span();
            let key = field_key.name();
            let role = match field_key {
                // #[api(extra)] or #[api(extra = "existing_id")]
                FieldKey::Extra => optional_name(cx, &meta, key)?.map(Role::Extra),
                // #[api(debug)] or #[api(debug = "received_value")]
                FieldKey::Debug => optional_name(cx, &meta, key)?.map(Role::Debug),
                // #[api(field)]
                FieldKey::Field => no_value(
                    cx,
                    &meta,
                    Role::Field,
                    "on a field, `field` takes no value: `#[api(field)]` makes this field's value the body's `field`; for a fixed name write `#[api(field = \"...\")]` on the variant",
                )?,
                // #[api(retry_after)]
                FieldKey::RetryAfter => no_value(cx, &meta, Role::RetryAfter, "`retry_after` takes no value: write `#[api(retry_after)]`")?,
                // #[api(errors)]
                FieldKey::Errors => no_value(cx, &meta, Role::Errors, "`errors` takes no value: write `#[api(errors)]`")?,
                // #[api(source)]
                FieldKey::Source => no_value(cx, &meta, Role::Source, "`source` takes no value: write `#[api(source)]`")?,
            };
            let Some(role) = role else {
                return Ok(());
            };
            if let Some(first) = out.roles.iter().find(|r| r.value.field_key() == field_key) {
                duplicate(cx, key, first.key, span);
            } else {
                out.roles.push(Keyed { value: role, key: span });
            }
            Ok(())
        });
        if let Err(err) = result {
            cx.syn_error(err);
        }
    }
    out
}

fn require_list(attr: &Attribute) -> syn::Result<()> {
    match &attr.meta {
        syn::Meta::List(_) => Ok(()),
        other => Err(syn::Error::new_spanned(
            other,
            "expected `#[api(...)]` with keys inside, like `#[api(status = 404, code = \"not_found\")]`",
        )),
    }
}

/// Reads the key of one nested meta: the one of `candidates` (the keys of
/// `position`) with that name. Unknown keys are reported, their value
/// skipped, and `None` returned so parsing goes on with the next key.
fn known_key<K: Copy>(
    cx: &Ctxt,
    meta: &ParseNestedMeta,
    position: Position,
    mut candidates: impl Iterator<Item = K>,
    name_of: fn(K) -> &'static str,
) -> syn::Result<Option<K>> {
    let keys = position.keys();
    let name = meta
        .path
        .get_ident()
        .map(|ident| ident.to_string())
        .unwrap_or_else(|| {
            quote::ToTokens::to_token_stream(&meta.path)
                .to_string()
                .replace(' ', "")
        });
    if let Some(key) = candidates.find(|key| name_of(*key) == name) {
        return Ok(Some(key));
    }
    let elsewhere = [
        (Position::Enum, "the enum"),
        (Position::Variant, "a variant"),
        (Position::Field, "a field"),
    ]
    .into_iter()
    .filter(|(other, _)| {
        *other != position && !(position == Position::Struct && *other != Position::Field)
    })
    .filter(|(other, _)| other.keys().contains(&name.as_str()))
    .map(|(_, place)| place)
    .collect::<Vec<_>>();
    let msg = if !elsewhere.is_empty() {
        format!(
            "`{name}` goes on {}, not on {}",
            elsewhere.join(" or "),
            position.describe()
        )
    } else {
        let hint = suggest(&name, &keys)
            .map(|s| format!("; did you mean `{s}`?"))
            .unwrap_or_default();
        format!(
            "unknown key `{name}` on {}: expected one of {}{hint}",
            position.describe(),
            keys.iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", "),
        )
    };
    cx.error_spanned_by(&meta.path, msg);
    skip_value(meta)?;
    Ok(None)
}

fn skip_value(meta: &ParseNestedMeta) -> syn::Result<()> {
    if meta.input.peek(Token![=]) {
        meta.value()?.parse::<Expr>()?;
    } else if meta.input.peek(syn::token::Paren) {
        meta.input.parse::<TokenTree>()?;
    }
    Ok(())
}

fn set<T>(cx: &Ctxt, slot: &mut Option<Keyed<T>>, key: &str, span: Span, value: T) {
    match slot {
        Some(first) => duplicate(cx, key, first.key, span),
        None => *slot = Some(Keyed { value, key: span }),
    }
}

fn duplicate(cx: &Ctxt, key: &str, first: Span, second: Span) {
    cx.error_at(second, format!("`{key}` is given twice; keep one"));
    cx.error_at(first, format!("first `{key}` is here"));
}
