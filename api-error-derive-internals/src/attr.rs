//! Parsing of the `#[api(...)]` attributes: which keys each position takes,
//! and the value of each key.

mod value;

pub use self::value::Status;

use self::value::{
    crate_path, flag_value, grpc_code, no_value, optional_name, status_value, string_value,
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

const TYPE_KEYS: &[&str] = &[
    "format",
    "doc_base",
    "status",
    "crate",
    "decode",
    "domain",
    "axum",
    "actix_web",
    "utoipa",
    "tonic",
];
const VARIANT_KEYS: &[&str] = &[
    "status",
    "code",
    "message",
    "field",
    "doc_url",
    "transparent",
    "share_code",
    "grpc",
];

const FIELD_KEYS: &[&str] = &["extra", "field", "retry_after", "errors", "debug", "source"];

impl Position {
    fn keys(self) -> Vec<&'static str> {
        match self {
            Position::Enum => TYPE_KEYS.to_vec(),
            Position::Variant => VARIANT_KEYS.to_vec(),
            Position::Struct => {
                let mut keys = TYPE_KEYS.to_vec();
                keys.extend(VARIANT_KEYS.iter().filter(|key| !TYPE_KEYS.contains(key)));
                keys
            }
            Position::Field => FIELD_KEYS.to_vec(),
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
    /// Every key written, in order, for checks such as "transparent takes no
    /// other key".
    pub keys: Vec<(&'static str, Span)>,
    /// The span of the first `#[error(...)]` attribute (thiserror's Display).
    pub display: Option<Span>,
    /// Whether any of these attributes had an error: checks for a missing
    /// key then stay quiet, since the key may be the one that failed.
    pub had_errors: bool,
}

/// The role a field plays in the body.
#[derive(Clone)]
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
    pub fn key(&self) -> &'static str {
        match self {
            Role::Extra(_) => "extra",
            Role::Field => "field",
            Role::RetryAfter => "retry_after",
            Role::Errors => "errors",
            Role::Debug(_) => "debug",
            Role::Source => "source",
        }
    }
}

/// The keys of an `#[api(...)]` on a field.
#[derive(Default)]
pub struct FieldAttrs {
    pub roles: Vec<Keyed<Role>>,
}

fn is_api(attr: &Attribute) -> bool {
    attr.path().is_ident("api")
}

/// Parses the `#[api(...)]` attributes of a type or variant.
pub fn item_attrs(cx: &Ctxt, attrs: &[Attribute], position: Position) -> ItemAttrs {
    let errors_before = cx.error_count();
    let mut out = ItemAttrs::default();
    for attr in attrs {
        if attr.path().is_ident("error") && out.display.is_none() {
            out.display = Some(attr.path().span());
        }
        if !is_api(attr) {
            continue;
        }
        if let Err(err) = require_list(attr) {
            cx.syn_error(err);
            continue;
        }
        let result = attr.parse_nested_meta(|meta| {
            let Some(key) = known_key(cx, &meta, position)? else {
                return Ok(());
            };
            let span = meta.path.span();
            out.keys.push((key, span));
            match key {
                // #[api(format = "flat")]
                "format" => {
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
                                    "unknown format \"{other}\": expected \"envelope\", \"flat\" or \"problem\"{hint}"
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
                "doc_base" => {
                    if let Some(lit) = string_value(cx, &meta, key, "doc_base = \"https://docs.example.com/errors\"")? {
                        set(cx, &mut out.doc_base, key, span, lit);
                    }
                }
                // #[api(crate = "my_crate::api_error")]
                "crate" => {
                    let Some(lit) = string_value(cx, &meta, key, "crate = \"my_crate::api_error\"")? else {
                        return Ok(());
                    };
                    if let Some(path) = crate_path(cx, &lit) {
                        set(cx, &mut out.krate, key, span, path);
                    }
                }
                // #[api(decode)]
                "decode" => {
                    if let Some(flag) = flag_value(cx, &meta, key)? {
                        set(cx, &mut out.decode, key, span, flag);
                    }
                }
                // #[api(axum = false)], and the other integrations
                "axum" | "actix_web" | "utoipa" | "tonic" => {
                    if let Some(flag) = flag_value(cx, &meta, key)? {
                        let slot = match key {
                            "axum" => &mut out.axum,
                            "actix_web" => &mut out.actix_web,
                            "utoipa" => &mut out.utoipa,
                            _ => &mut out.tonic,
                        };
                        set(cx, slot, key, span, flag);
                    }
                }
                // #[api(domain = "clients.example.com")]
                "domain" => {
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
                // #[api(status = 409)]
                "status" => {
                    if let Some(status) = status_value(cx, &meta)? {
                        set(cx, &mut out.status, key, span, status);
                    }
                }
                // #[api(code = "duplicate")]
                "code" => {
                    if let Some(lit) = string_value(cx, &meta, key, "code = \"duplicate\"")? {
                        set(cx, &mut out.code, key, span, lit);
                    }
                }
                // #[api(message = "{resource} not found")]
                "message" => {
                    if let Some(lit) = string_value(cx, &meta, key, "message = \"Client not found\"")? {
                        set(cx, &mut out.message, key, span, lit);
                    }
                }
                // #[api(field = "email")]
                "field" => {
                    if let Some(lit) = string_value(cx, &meta, key, "field = \"email\"")? {
                        set(cx, &mut out.field, key, span, lit);
                    }
                }
                // #[api(doc_url = "https://docs.example.com/errors#duplicate")]
                "doc_url" => {
                    if let Some(lit) = string_value(cx, &meta, key, "doc_url = \"https://docs.example.com/errors#duplicate\"")? {
                        set(cx, &mut out.doc_url, key, span, lit);
                    }
                }
                // #[api(transparent)]
                "transparent" => {
                    if let Some(flag) = flag_value(cx, &meta, key)? {
                        set(cx, &mut out.transparent, key, span, flag);
                    }
                }
                // #[api(grpc = "failed_precondition")]
                "grpc" => {
                    let Some(lit) = string_value(cx, &meta, key, "grpc = \"failed_precondition\"")? else {
                        return Ok(());
                    };
                    if let Some(code) = grpc_code(cx, &lit) {
                        set(cx, &mut out.grpc, key, span, code);
                    }
                }
                // #[api(share_code)]
                "share_code" => {
                    if let Some(flag) = flag_value(cx, &meta, key)? {
                        set(cx, &mut out.share_code, key, span, flag);
                    }
                }
                _ => unreachable!("every key of Position::keys is handled"),
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
            let Some(key) = known_key(cx, &meta, Position::Field)? else {
                return Ok(());
            };
            let span = meta.path.span();
            let role = match key {
                // #[api(extra)] or #[api(extra = "existing_id")]
                "extra" => optional_name(cx, &meta, key)?.map(Role::Extra),
                // #[api(debug)] or #[api(debug = "received_value")]
                "debug" => optional_name(cx, &meta, key)?.map(Role::Debug),
                // #[api(field)]
                "field" => no_value(
                    cx,
                    &meta,
                    Role::Field,
                    "on a field, `field` takes no value: `#[api(field)]` makes this field's value the body's `field`; for a fixed name write `#[api(field = \"...\")]` on the variant",
                )?,
                // #[api(retry_after)]
                "retry_after" => no_value(cx, &meta, Role::RetryAfter, "`retry_after` takes no value: write `#[api(retry_after)]`")?,
                // #[api(errors)]
                "errors" => no_value(cx, &meta, Role::Errors, "`errors` takes no value: write `#[api(errors)]`")?,
                // #[api(source)]
                "source" => no_value(cx, &meta, Role::Source, "`source` takes no value: write `#[api(source)]`")?,
                _ => unreachable!("every key of Position::keys is handled"),
            };
            let Some(role) = role else {
                return Ok(());
            };
            if let Some(first) = out.roles.iter().find(|r| r.value.key() == key) {
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

/// Reads the key of one nested meta. Unknown keys are reported, their value
/// skipped, and `None` returned so parsing goes on with the next key.
fn known_key(
    cx: &Ctxt,
    meta: &ParseNestedMeta,
    position: Position,
) -> syn::Result<Option<&'static str>> {
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
    if let Some(key) = keys.iter().find(|key| **key == name) {
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
