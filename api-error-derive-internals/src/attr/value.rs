//! The values of `#[api(...)]` keys: strings, flags, statuses, gRPC codes
//! and crate paths, each checked where it is written.

use crate::ctxt::Ctxt;
use crate::suggest::suggest;
use proc_macro2::Span;
use syn::meta::ParseNestedMeta;
use syn::{Expr, Lit, LitStr, PathArguments, Token};

/// A status code and the literal that wrote it.
#[derive(Clone, Copy)]
pub struct Status {
    pub code: u16,
    pub span: Span,
}

/// The gRPC codes a variant can name, as written in `grpc = "..."`, and the
/// runtime's `GrpcCode` variant of each. `ok` is no error.
const GRPC_CODES: &[(&str, &str)] = &[
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

pub fn string_value(
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
pub fn grpc_code(cx: &Ctxt, lit: &LitStr) -> Option<&'static str> {
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

/// The `FieldLocation` variant a `location = "..."` names.
pub fn field_location(cx: &Ctxt, lit: &LitStr) -> Option<&'static str> {
    const LOCATIONS: [(&str, &str); 3] =
        [("body", "Body"), ("query", "Query"), ("header", "Header")];
    let name = lit.value();
    if let Some((_, variant)) = LOCATIONS.iter().find(|(known, _)| *known == name) {
        return Some(variant);
    }
    let names: Vec<&str> = LOCATIONS.iter().map(|(known, _)| *known).collect();
    let hint = suggest(&name.to_ascii_lowercase(), &names)
        .map(|s| format!("; did you mean \"{s}\"?"))
        .unwrap_or_default();
    cx.error_spanned_by(
        lit,
        format!(
            "unknown location \"{}\": a field is in the \"body\", the \"query\" or a \"header\"{hint}",
            name.escape_default(),
        ),
    );
    None
}

pub fn status_value(cx: &Ctxt, meta: &ParseNestedMeta) -> syn::Result<Option<Status>> {
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
        Expr::Unary(syn::ExprUnary {
            op: syn::UnOp::Neg(_),
            expr: negated,
            ..
        }) if matches!(
            &**negated,
            Expr::Lit(syn::ExprLit {
                lit: Lit::Int(_),
                ..
            })
        ) =>
        {
            cx.error_spanned_by(
                &expr,
                "a status is never negative: use an error status in 400..=599, like `status = 404`",
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

pub fn flag_value(cx: &Ctxt, meta: &ParseNestedMeta, key: &str) -> syn::Result<Option<bool>> {
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
pub fn optional_name(
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

/// A key that takes no value: `Some(value)`, or `None` (reported with
/// `msg`) when one is written.
pub fn no_value<T>(
    cx: &Ctxt,
    meta: &ParseNestedMeta,
    value: T,
    msg: &str,
) -> syn::Result<Option<T>> {
    if meta.input.peek(Token![=]) {
        let written = meta.value()?.parse::<Expr>()?;
        cx.error_spanned_by(written, msg);
        return Ok(None);
    }
    Ok(Some(value))
}

/// The path of `crate = "..."`; `None` (reported) when the string is not a
/// plain path to a crate. Generated code appends `::__private::...` to it,
/// in `use` declarations and macro calls too, where only plain segments
/// parse.
pub fn crate_path(cx: &Ctxt, lit: &LitStr) -> Option<syn::Path> {
    let Ok(path) = lit.parse::<syn::Path>() else {
        cx.error_spanned_by(
            lit,
            format!(
                "`crate` must be a path, like \"my_crate::api_error\"; found \"{}\"",
                lit.value()
            ),
        );
        return None;
    };
    match not_plain(&path) {
        None => Some(path),
        Some(problem) => {
            cx.error_spanned_by(
                lit,
                format!(
                    "`crate` must be a plain path, like \"my_crate::api_error\": \"{}\" {problem}",
                    lit.value().escape_default()
                ),
            );
            None
        }
    }
}

/// Why `path` is not a plain path to a crate or module, if it is not one.
fn not_plain(path: &syn::Path) -> Option<String> {
    /// Which path keywords the next segment may be.
    enum Next {
        /// The first segment: `crate`, `self`, `super` or a name.
        Any,
        /// After `self` or `super`: `super` or a name.
        Super,
        /// After a name: names only.
        Name,
    }
    let mut next = if path.leading_colon.is_some() {
        Next::Name
    } else {
        Next::Any
    };
    for segment in &path.segments {
        let name = segment.ident.to_string();
        if !matches!(segment.arguments, PathArguments::None) {
            return Some(format!(
                "has generic arguments on `{name}`, and a crate takes none"
            ));
        }
        next = match (name.as_str(), next) {
            ("Self", _) => return Some("names `Self`, a type, not a crate".to_owned()),
            ("crate", Next::Any) => Next::Name,
            ("self", Next::Any) | ("super", Next::Any | Next::Super) => Next::Super,
            ("crate" | "self", _) => {
                return Some(format!(
                    "has `{name}` after its start: `{name}` can only start a path"
                ));
            }
            ("super", Next::Name) => {
                return Some(
                    "has `super` after a name: `super` can only start a path, or follow `self` or `super`"
                        .to_owned(),
                );
            }
            _ => Next::Name,
        };
    }
    None
}
