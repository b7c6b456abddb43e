//! Checks that need more than one attribute, and the resolution of each
//! variant into the model the expansion reads.

mod codes;
mod decode;
mod roles;

use self::codes::{check_code, check_codes, snake_case, suggest_code};
use self::roles::{collect_roles, role_span};
use crate::ast::{Input, Variant};
use crate::attr::{Format, ItemAttrs, ItemKey, Keyed};
use crate::ctxt::Ctxt;
use crate::fmt;
use crate::model::{FieldSource, Kind, Message, Model, Own, Resolved};
use syn::LitStr;

/// Resolves every variant of `input`, reporting to `cx` what is wrong. The
/// model is complete even then, so stand-in impls can be generated from it.
pub fn validate<'a>(cx: &Ctxt, input: &'a Input<'a>) -> Model<'a> {
    let attrs = &input.attrs;
    if let Some(doc_base) = &attrs.doc_base {
        check_url(cx, &doc_base.value, "doc_base", true);
    }
    let own_display = !input.has_display();
    let variants = input
        .variants()
        .iter()
        .map(|variant| resolve_variant(cx, input, variant, own_display))
        .collect::<Vec<_>>();
    check_codes(cx, input, &variants);
    let model = Model {
        input,
        format: attrs.format.as_ref().map_or(Format::Envelope, |f| f.value),
        krate: attrs
            .krate
            .as_ref()
            .map_or_else(|| syn::parse_quote!(::api_error), |k| k.value.clone()),
        own_display,
        decode: attrs.decode.as_ref().is_some_and(|d| d.value),
        domain: attrs.domain.as_ref().map(|d| d.value.value()),
        doc_base: attrs.doc_base.as_ref().map(|d| d.value.value()),
        variants,
    };
    decode::check(cx, &model);
    model
}

fn resolve_variant<'a>(
    cx: &Ctxt,
    input: &'a Input<'a>,
    variant: &'a Variant<'a>,
    own_display: bool,
) -> Resolved<'a> {
    let attrs = input.variant_attrs(variant);
    let name = input.variant_name(variant);
    let roles = collect_roles(cx, variant);
    let source = roles.source;

    if let Some(transparent) = attrs.transparent.as_ref().filter(|t| t.value) {
        return Resolved {
            variant,
            kind: Kind::Transparent(check_transparent(cx, variant, attrs, transparent)),
            source: None,
        };
    }

    let status_written =
        |attrs: &ItemAttrs| attrs.keys.iter().any(|(key, _)| *key == ItemKey::Status);
    let status = match attrs.status.as_ref().or(input.attrs.status.as_ref()) {
        Some(status) => status.value.code,
        // The status was written but is wrong, and that is reported already.
        None if attrs.had_errors || status_written(attrs) || status_written(&input.attrs) => 500,
        None => {
            let place = if variant.ident.is_some() {
                "variant"
            } else {
                "struct"
            };
            let default = if variant.ident.is_some() {
                ", or a default `#[api(status = ...)]` on the enum"
            } else {
                ""
            };
            cx.error_at(
                variant.span,
                format!(
                    "`{name}` has no status: add `#[api(status = ...)]` to the {place}{default}"
                ),
            );
            500
        }
    };

    let code = match &attrs.code {
        Some(code) => {
            let value = code.value.value();
            if let Err(why) = check_code(&value) {
                let fixed = suggest_code(&value);
                let hint = if fixed.is_empty() || check_code(&fixed).is_err() {
                    String::new()
                } else {
                    format!("; did you mean \"{fixed}\"?")
                };
                cx.error_spanned_by(&code.value, format!("code \"{value}\" {why}{hint}"));
            }
            value
        }
        None => {
            let code = snake_case(&name);
            if let Err(why) = check_code(&code) {
                cx.error_at(
                    variant.span,
                    format!("the default code of `{name}` is \"{code}\", which {why}; set one with `code = \"...\"`"),
                );
            }
            code
        }
    };

    let message = match &attrs.message {
        Some(lit) => match fmt::parse(&lit.value, &variant.fields) {
            Ok(template) => Message::Template(template),
            Err(why) => {
                cx.error_spanned_by(&lit.value, why);
                Message::Masked
            }
        },
        None if attrs.had_errors => Message::Masked,
        None if !own_display => {
            if status >= 500 {
                Message::Masked
            } else {
                Message::Display
            }
        }
        None => {
            cx.error_at(
                variant.span,
                format!(
                    "`{name}` has no message: add `message = \"...\"` to its `#[api(...)]`, or derive thiserror::Error and give it `#[error(\"...\")]`"
                ),
            );
            Message::Masked
        }
    };

    let field = match (&attrs.field, roles.field) {
        (Some(fixed), Some(index)) => {
            let role_key = role_span(variant, index, "field");
            cx.error_at(
                role_key,
                "this variant already names its field with `field = \"...\"`; keep one of the two",
            );
            cx.error_at(fixed.key, "the variant's fixed `field` is here");
            None
        }
        (Some(fixed), None) => {
            let value = fixed.value.value();
            if value.is_empty() {
                cx.error_spanned_by(
                    &fixed.value,
                    "`field` cannot be empty: name the request field, like `field = \"email\"`",
                );
            }
            Some(FieldSource::Fixed(value))
        }
        (None, Some(index)) => Some(FieldSource::Member(index)),
        (None, None) => None,
    };

    let doc_url = match &attrs.doc_url {
        Some(url) => {
            check_url(cx, &url.value, "doc_url", false);
            Some(url.value.value())
        }
        None => input
            .attrs
            .doc_base
            .as_ref()
            .map(|base| format!("{}#{code}", base.value.value())),
    };

    if let Some(index) = roles.retry_after {
        if status != 429 && status != 503 {
            cx.error_at(
                role_span(variant, index, "retry_after"),
                format!(
                    "`retry_after` is sent with 429 and 503 responses, but `{name}` has status {status}"
                ),
            );
        }
    }

    Resolved {
        variant,
        kind: Kind::Own(Box::new(Own {
            status,
            code,
            message,
            field,
            doc_url,
            extras: roles.extras,
            errors: roles.errors,
            retry_after: roles.retry_after,
            debug: roles.debug,
            grpc: attrs.grpc.as_ref().map(|grpc| grpc.value),
        })),
        source,
    }
}

fn check_transparent(
    cx: &Ctxt,
    variant: &Variant,
    attrs: &ItemAttrs,
    transparent: &Keyed<bool>,
) -> usize {
    let struct_input = variant.ident.is_none();
    for (key, span) in &attrs.keys {
        // A transparent struct keeps its type's keys, but for `status`: the
        // inner error gives it.
        let type_key = key.on_type() && *key != ItemKey::Status;
        if *key == ItemKey::Transparent || (struct_input && type_key) {
            continue;
        }
        cx.error_at(
            *span,
            format!("`{}` cannot be combined with `transparent`: status, code, message and the rest come from the inner error", key.name()),
        );
    }
    for field in &variant.fields {
        // A field without `#[api(...)]` has roles only from thiserror's
        // `#[from]` / `#[source]`, which serve thiserror (`From`, `source()`).
        if !field.original.attrs.iter().any(crate::attr::is_api) {
            continue;
        }
        for role in &field.attrs.roles {
            cx.error_at(
                role.key,
                format!(
                    "`{}` has no effect in a transparent variant: the inner error decides its body",
                    role.value.key()
                ),
            );
        }
    }
    if variant.fields.len() != 1 {
        let what = if struct_input { "struct" } else { "variant" };
        cx.error_at(
            transparent.key,
            format!(
                "a transparent {what} wraps exactly one field, the inner ApiError; this one has {}",
                variant.fields.len()
            ),
        );
    }
    0
}

fn check_url(cx: &Ctxt, lit: &LitStr, key: &str, is_base: bool) {
    let url = lit.value();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    let problem = match rest {
        None => Some("must be an absolute http(s) URL, starting with `https://` or `http://`"),
        Some(rest) if rest.is_empty() || rest.starts_with('/') => Some("has no host"),
        Some(_)
            if url
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || c == '"') =>
        {
            Some("contains whitespace, a control character or a quote")
        }
        Some(_) if is_base && url.contains('#') => {
            Some("has a fragment, but each variant's `#code` is appended to it")
        }
        Some(_) => None,
    };
    if let Some(problem) = problem {
        cx.error_spanned_by(lit, format!("`{key}` \"{url}\" {problem}"));
    }
}
