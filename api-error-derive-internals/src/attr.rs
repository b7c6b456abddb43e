use crate::ctxt::Ctxt;
use proc_macro2::{Span, TokenTree};
use syn::meta::ParseNestedMeta;
use syn::spanned::Spanned;
use syn::{Attribute, Expr, Lit, LitStr, Token};

/// Where an `#[api(...)]` attribute is written; decides which keys it takes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Position {
    Enum,
    Variant,
    Struct,
    Field,
}

const TYPE_KEYS: &[&str] = &["format", "doc_base", "status", "crate", "decode", "domain"];
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

/// The gRPC codes a variant can name, as written in `grpc = "..."`, and the
/// runtime's `GrpcCode` variant of each. `ok` is no error.
pub const GRPC_CODES: &[(&str, &str)] = &[
    ("cancelled", "Cancelled"),
    ("unknown", "Unknown"),
    ("invalid_argument", "InvalidArgument"),
    ("deadline_exceeded", "DeadlineExceeded"),
    ("not_found", "NotFound"),
    ("already_exists", "AlreadyExists"),
    ("permission_denied", "PermissionDenied"),
    ("resource_exhausted", "ResourceExhausted"),
    ("failed_precondition", "FailedPrecondition"),
    ("aborted", "Aborted"),
    ("out_of_range", "OutOfRange"),
    ("unimplemented", "Unimplemented"),
    ("internal", "Internal"),
    ("unavailable", "Unavailable"),
    ("data_loss", "DataLoss"),
    ("unauthenticated", "Unauthenticated"),
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

/// A status code and the literal that wrote it.
#[derive(Clone, Copy)]
pub struct Status {
    pub code: u16,
    pub span: Span,
}

/// A wire format named in `#[api(format = "...")]`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Envelope,
    Flat,
    Problem,
}

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
                    let format = match lit.value().as_str() {
                        "envelope" => Some(Format::Envelope),
                        "flat" => Some(Format::Flat),
                        "problem" => Some(Format::Problem),
                        other => {
                            let hint = suggest(other, &["envelope", "flat", "problem"])
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
                    match lit.parse::<syn::Path>() {
                        Ok(path) => set(cx, &mut out.krate, key, span, path),
                        Err(_) => cx.error_spanned_by(
                            &lit,
                            format!("`crate` must be a path, like \"my_crate::api_error\"; found \"{}\"", lit.value()),
                        ),
                    }
                }
                // #[api(decode)]
                "decode" => {
                    if let Some(flag) = flag_value(cx, &meta, key)? {
                        set(cx, &mut out.decode, key, span, flag);
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

/// The expression after `key =`; `None` (reported) when there is none.
fn value_expr(
    cx: &Ctxt,
    meta: &ParseNestedMeta,
    key: &str,
    example: &str,
) -> syn::Result<Option<Expr>> {
    if !meta.input.peek(Token![=]) {
        cx.syn_error(meta.error(format!("`{key}` needs a value, like `{example}`")));
        return Ok(None);
    }
    let value = meta.value()?;
    if value.is_empty() || value.peek(Token![,]) {
        cx.syn_error(value.error(format!("`{key}` needs a value after `=`, like `{example}`")));
        return Ok(None);
    }
    value.parse::<Expr>().map(Some)
}

fn describe_expr(expr: &Expr) -> &'static str {
    match expr {
        Expr::Lit(lit) => match &lit.lit {
            Lit::Str(_) => "a string",
            Lit::Int(_) => "an integer",
            Lit::Bool(_) => "a bool",
            Lit::Float(_) => "a float",
            Lit::Char(_) => "a char",
            _ => "a literal",
        },
        Expr::Path(_) => "a path",
        _ => "an expression",
    }
}

fn string_value(
    cx: &Ctxt,
    meta: &ParseNestedMeta,
    key: &str,
    example: &str,
) -> syn::Result<Option<LitStr>> {
    Ok(match value_expr(cx, meta, key, example)? {
        Some(Expr::Lit(syn::ExprLit {
            lit: Lit::Str(lit), ..
        })) if !lit.suffix().is_empty() => {
            cx.error_spanned_by(
                &lit,
                format!(
                    "`{key}` takes a plain string: remove the suffix `{}`",
                    lit.suffix()
                ),
            );
            None
        }
        Some(Expr::Lit(syn::ExprLit {
            lit: Lit::Str(lit), ..
        })) => Some(lit),
        Some(other) => {
            cx.error_spanned_by(
                &other,
                format!(
                    "`{key}` takes a string, found {}; write `{example}`",
                    describe_expr(&other)
                ),
            );
            None
        }
        None => None,
    })
}

/// The `GrpcCode` variant a `grpc = "..."` names; `None` (reported) for a
/// name that is no gRPC error code.
fn grpc_code(cx: &Ctxt, lit: &LitStr) -> Option<&'static str> {
    let name = lit.value();
    if let Some((_, variant)) = GRPC_CODES.iter().find(|(known, _)| *known == name) {
        return Some(variant);
    }
    let names: Vec<&str> = GRPC_CODES.iter().map(|(known, _)| *known).collect();
    let lower = name.to_ascii_lowercase();
    let message = if lower == "ok" {
        "`grpc` names the code of an error, and `ok` is no error".to_owned()
    } else if names.contains(&lower.as_str()) {
        format!("gRPC codes are written in lower case here: write \"{lower}\"")
    } else {
        let hint = suggest(&lower, &names)
            .map(|s| format!("; did you mean \"{s}\"?"))
            .unwrap_or_default();
        format!(
            "unknown gRPC code \"{}\": expected one of {}{hint}",
            name.escape_default(),
            names
                .iter()
                .map(|n| format!("\"{n}\""))
                .collect::<Vec<_>>()
                .join(", "),
        )
    };
    cx.error_spanned_by(lit, message);
    None
}

fn status_value(cx: &Ctxt, meta: &ParseNestedMeta) -> syn::Result<Option<Status>> {
    let Some(expr) = value_expr(cx, meta, "status", "status = 404")? else {
        return Ok(None);
    };
    let lit = match &expr {
        Expr::Lit(syn::ExprLit {
            lit: Lit::Int(lit), ..
        }) => lit,
        Expr::Lit(syn::ExprLit {
            lit: Lit::Str(lit), ..
        }) => {
            cx.error_spanned_by(
                lit,
                format!(
                    "`status` takes an integer, found a string; write `status = {}` without quotes",
                    lit.value()
                ),
            );
            return Ok(None);
        }
        other => {
            cx.error_spanned_by(
                other,
                format!(
                    "`status` takes an integer HTTP status in 400..=599, found {}",
                    describe_expr(other)
                ),
            );
            return Ok(None);
        }
    };
    match lit.base10_parse::<u16>() {
        Ok(code) if (400..=599).contains(&code) => Ok(Some(Status {
            code,
            span: lit.span(),
        })),
        _ => {
            let digits = lit.base10_digits();
            let kind = match digits.parse::<u32>() {
                Ok(100..=199) => " (an informational status)",
                Ok(200..=299) => " (a success status)",
                Ok(300..=399) => " (a redirection status)",
                _ => "",
            };
            cx.error_spanned_by(
                lit,
                format!("status {digits}{kind} is not an error status: use one in 400..=599"),
            );
            Ok(None)
        }
    }
}

fn flag_value(cx: &Ctxt, meta: &ParseNestedMeta, key: &str) -> syn::Result<Option<bool>> {
    if !meta.input.peek(Token![=]) {
        return Ok(Some(true));
    }
    let example = format!("#[api({key})]");
    Ok(match value_expr(cx, meta, key, &example)? {
        Some(Expr::Lit(syn::ExprLit {
            lit: Lit::Bool(lit),
            ..
        })) => Some(lit.value),
        Some(other) => {
            cx.error_spanned_by(
                &other,
                format!(
                    "`{key}` is a flag: write `#[api({key})]`, or `{key} = true` / `{key} = false`; found {}",
                    describe_expr(&other)
                ),
            );
            None
        }
        None => None,
    })
}

/// `key` or `key = "name"`: `Some(None)` and `Some(Some(name))`; `None` when
/// the value was wrong (reported).
fn optional_name(
    cx: &Ctxt,
    meta: &ParseNestedMeta,
    key: &str,
) -> syn::Result<Option<Option<LitStr>>> {
    if !meta.input.peek(Token![=]) {
        return Ok(Some(None));
    }
    let example = format!("{key} = \"member_name\"");
    Ok(string_value(cx, meta, key, &example)?.map(Some))
}

fn no_value(cx: &Ctxt, meta: &ParseNestedMeta, role: Role, msg: &str) -> syn::Result<Option<Role>> {
    if meta.input.peek(Token![=]) {
        let value = meta.value()?.parse::<Expr>()?;
        cx.error_spanned_by(value, msg);
        return Ok(None);
    }
    Ok(Some(role))
}

/// The closest candidate by edit distance, if it is close enough to be a typo.
pub fn suggest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|candidate| (distance(word, candidate), *candidate))
        .filter(|(d, candidate)| *d <= (candidate.len().max(word.len()) / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, candidate)| candidate)
}

fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if ca == *cb {
                prev
            } else {
                1 + prev.min(row[j]).min(cur)
            };
            prev = cur;
        }
    }
    row[b.len()]
}
