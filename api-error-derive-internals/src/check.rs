//! The checks: what the model resolved from the attributes must be, each
//! fault reported with a span. They read the model and the attributes it
//! came from, and change neither.

mod codes;
mod decode;

pub(crate) use self::codes::snake_case;

use self::codes::{check_code, check_codes, suggest_code};
use crate::ast::Variant;
use crate::attr::{ItemAttrs, ItemKey, Keyed};
use crate::ctxt::Ctxt;
use crate::fmt;
use crate::model::{FieldSource, Kind, Model, Own};
use crate::resolve::role_span;
use syn::LitStr;

/// Reports to `cx` everything wrong with `model`.
pub fn check(cx: &Ctxt, model: &Model<'_>) {
    let input = model.input;
    if let Some(doc_base) = &input.attrs.doc_base {
        check_url(cx, &doc_base.value, "doc_base", true);
    }
    for resolved in &model.variants {
        let attrs = input.variant_attrs(resolved.variant);
        match &resolved.kind {
            Kind::Transparent(_) => {
                if let Some(transparent) = &attrs.transparent {
                    check_transparent(cx, resolved.variant, attrs, transparent);
                }
            }
            Kind::Own(own) => check_own(cx, model, resolved.variant, attrs, own),
        }
    }
    check_codes(cx, input, &model.variants);
    decode::check(cx, model);
}

/// The checks of a variant that writes its own body.
fn check_own(cx: &Ctxt, model: &Model<'_>, variant: &Variant, attrs: &ItemAttrs, own: &Own) {
    let input = model.input;
    let name = input.variant_name(variant);

    let status_written =
        |attrs: &ItemAttrs| attrs.keys.iter().any(|(key, _)| *key == ItemKey::Status);
    let has_status = attrs.status.is_some() || input.attrs.status.is_some();
    // A status written but wrong is reported already.
    if !has_status && !attrs.had_errors && !status_written(attrs) && !status_written(&input.attrs) {
        let (place, default) = if variant.ident.is_some() {
            (
                "variant",
                ", or a default `#[api(status = ...)]` on the enum",
            )
        } else {
            ("struct", "")
        };
        cx.error_at(
            variant.span,
            format!("`{name}` has no status: add `#[api(status = ...)]` to the {place}{default}"),
        );
    }

    match &attrs.code {
        Some(code) => {
            if let Err(why) = check_code(&own.code) {
                let fixed = suggest_code(&own.code);
                let hint = if fixed.is_empty() || check_code(&fixed).is_err() {
                    String::new()
                } else {
                    format!("; did you mean \"{fixed}\"?")
                };
                cx.error_spanned_by(&code.value, format!("code \"{}\" {why}{hint}", own.code));
            }
        }
        None => {
            if let Err(why) = check_code(&own.code) {
                cx.error_at(
                    variant.span,
                    format!(
                        "the default code of `{name}` is \"{}\", which {why}; set one with `code = \"...\"`",
                        own.code
                    ),
                );
            }
        }
    }

    match &attrs.message {
        Some(lit) => {
            if let Err(why) = fmt::parse(&lit.value, &variant.fields) {
                cx.error_spanned_by(&lit.value, why);
            }
        }
        None if attrs.had_errors || !model.own_display => {}
        None => cx.error_at(
            variant.span,
            format!(
                "`{name}` has no message: add `message = \"...\"` to its `#[api(...)]`, or derive thiserror::Error and give it `#[error(\"...\")]`"
            ),
        ),
    }

    match (&attrs.field, &own.field) {
        (Some(fixed), Some(FieldSource::Member(index))) => {
            let index = *index;
            cx.error_at(
                role_span(variant, index, "field"),
                "this variant already names its field with `field = \"...\"`; keep one of the two",
            );
            cx.error_at(fixed.key, "the variant's fixed `field` is here");
        }
        (Some(fixed), _) if fixed.value.value().is_empty() => cx.error_spanned_by(
            &fixed.value,
            "`field` cannot be empty: name the request field, like `field = \"email\"`",
        ),
        _ => {}
    }

    if let Some(url) = &attrs.doc_url {
        check_url(cx, &url.value, "doc_url", false);
    }

    if let Some(location) = &attrs.location {
        if own.field.is_none() && own.errors.is_none() {
            cx.error_at(
                location.key,
                format!(
                    "`location` says where the variant's field is, but `{name}` names no field: add `#[api(field)]` to a field, `field = \"...\"`, or an `#[api(errors)]` list"
                ),
            );
        }
    }

    if let Some(index) = own.retry_after {
        let status = own.status;
        if status != 429 && status != 503 {
            cx.error_at(
                role_span(variant, index, "retry_after"),
                format!(
                    "`retry_after` is sent with 429 and 503 responses, but `{name}` has status {status}"
                ),
            );
        }
    }
}

fn check_transparent(cx: &Ctxt, variant: &Variant, attrs: &ItemAttrs, transparent: &Keyed<bool>) {
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
