//! Checks that need more than one attribute, and the resolved model the
//! expansion reads.

use crate::ast::{Field, Input, Variant};
use crate::attr::{Format, ItemAttrs, Keyed, Role};
use crate::ctxt::Ctxt;
use crate::fmt::{self, Template};
use proc_macro2::Span;
use std::collections::BTreeMap;
use syn::spanned::Spanned;
use syn::LitStr;

/// Members every format writes itself; an extra or debug member of the same
/// name would make the body ambiguous.
const RESERVED: &[(&str, &str)] = &[
    ("code", "every format"),
    ("message", "every format"),
    ("field", "every format"),
    ("doc_url", "every format"),
    ("errors", "every format"),
    ("request_id", "every format"),
    ("debug", "every format"),
    ("error", "the flat format"),
    ("type", "the problem format"),
    ("title", "the problem format"),
    ("status", "the problem format"),
    ("detail", "the problem format"),
    ("instance", "the problem format"),
];

/// Names the debug block writes itself.
const RESERVED_DEBUG: &[&str] = &["display", "source_chain"];

pub struct Model<'a> {
    pub input: &'a Input<'a>,
    pub format: Format,
    pub krate: syn::Path,
    /// Whether the derive writes Display and Error (no thiserror).
    pub own_display: bool,
    /// Whether the derive writes the client decoder (`#[api(decode)]`).
    pub decode: bool,
    /// The domain of the codes: `#[api(domain = "...")]`.
    pub domain: Option<String>,
    pub variants: Vec<Resolved<'a>>,
}

pub enum Message {
    Template(Template),
    /// thiserror's Display, shown as is (4xx).
    Display,
    /// thiserror's Display replaced by the masked message (5xx).
    Masked,
}

pub enum FieldSource {
    Fixed(String),
    Member(usize),
}

pub struct Resolved<'a> {
    pub variant: &'a Variant<'a>,
    pub kind: Kind,
    pub source: Option<usize>,
}

pub enum Kind {
    /// Everything comes from the inner field.
    Transparent(usize),
    Own(Box<Own>),
}

pub struct Own {
    pub status: u16,
    pub code: String,
    pub message: Message,
    pub field: Option<FieldSource>,
    pub doc_url: Option<String>,
    pub extras: Vec<(String, usize)>,
    pub errors: Option<usize>,
    pub retry_after: Option<usize>,
    pub debug: Vec<(String, usize)>,
    /// The runtime `GrpcCode` variant of `#[api(grpc = "...")]`.
    pub grpc: Option<&'static str>,
}

impl Resolved<'_> {
    pub fn own(&self) -> Option<&Own> {
        match &self.kind {
            Kind::Own(own) => Some(own),
            Kind::Transparent(_) => None,
        }
    }

    pub fn field(&self, index: usize) -> &Field<'_> {
        &self.variant.fields[index]
    }
}

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
        variants,
    };
    crate::decode::check(cx, &model);
    model
}

fn variant_name(input: &Input, variant: &Variant) -> String {
    unraw(variant.ident.unwrap_or(&input.original.ident))
}

fn unraw(ident: &syn::Ident) -> String {
    let name = ident.to_string();
    name.strip_prefix("r#").map(str::to_owned).unwrap_or(name)
}

fn resolve_variant<'a>(
    cx: &Ctxt,
    input: &'a Input<'a>,
    variant: &'a Variant<'a>,
    own_display: bool,
) -> Resolved<'a> {
    let attrs = input.variant_attrs(variant);
    let name = variant_name(input, variant);
    let roles = collect_roles(cx, variant);
    let source = roles.source;

    if let Some(transparent) = attrs.transparent.as_ref().filter(|t| t.value) {
        return Resolved {
            variant,
            kind: Kind::Transparent(check_transparent(cx, variant, attrs, transparent)),
            source: None,
        };
    }

    let status_written = |attrs: &ItemAttrs| attrs.keys.iter().any(|(key, _)| *key == "status");
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
    let type_keys = ["format", "doc_base", "crate", "decode", "domain"];
    let struct_input = variant.ident.is_none();
    for (key, span) in &attrs.keys {
        if *key == "transparent" || (struct_input && type_keys.contains(key)) {
            continue;
        }
        cx.error_at(
            *span,
            format!("`{key}` cannot be combined with `transparent`: status, code, message and the rest come from the inner error"),
        );
    }
    for field in &variant.fields {
        // A field without `#[api(...)]` has roles only from thiserror's
        // `#[from]` / `#[source]`, which serve thiserror (`From`, `source()`).
        if !field.original.attrs.iter().any(is_api_attr) {
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

fn is_api_attr(attr: &syn::Attribute) -> bool {
    attr.path().is_ident("api")
}

struct Roles {
    field: Option<usize>,
    retry_after: Option<usize>,
    errors: Option<usize>,
    source: Option<usize>,
    extras: Vec<(String, usize)>,
    debug: Vec<(String, usize)>,
}

fn role_span(variant: &Variant, index: usize, key: &str) -> Span {
    variant.fields[index]
        .attrs
        .roles
        .iter()
        .find(|role| role.value.key() == key)
        .map_or_else(|| variant.fields[index].original.span(), |role| role.key)
}

fn collect_roles(cx: &Ctxt, variant: &Variant) -> Roles {
    let mut roles = Roles {
        field: None,
        retry_after: None,
        errors: None,
        source: None,
        extras: Vec::new(),
        debug: Vec::new(),
    };
    // Member names with the span that named them, for duplicates.
    let mut members: BTreeMap<String, Span> = BTreeMap::new();
    let mut debug_members: BTreeMap<String, Span> = BTreeMap::new();
    for field in &variant.fields {
        let mut first_role: Option<&Keyed<Role>> = None;
        for role in &field.attrs.roles {
            if let Some(first) = first_role {
                if matches!((&first.value, &role.value), (Role::Source, Role::Source)) {
                    continue;
                }
                cx.error_at(
                    role.key,
                    format!(
                        "a field plays one role in the body, and this one is already `{}`; remove `{}`",
                        first.value.key(),
                        role.value.key()
                    ),
                );
                continue;
            }
            first_role = Some(role);
            let single = |slot: &mut Option<usize>, key: &str| match slot {
                Some(first) => {
                    cx.error_at(
                        role.key,
                        format!("a variant has at most one `{key}` field; this is the second"),
                    );
                    cx.error_at(
                        role_span(variant, *first, key),
                        format!("first `{key}` field is here"),
                    );
                }
                None => *slot = Some(field.index),
            };
            match &role.value {
                Role::Field => single(&mut roles.field, "field"),
                Role::RetryAfter => single(&mut roles.retry_after, "retry_after"),
                Role::Errors => {
                    single(&mut roles.errors, "errors");
                }
                Role::Source => single(&mut roles.source, "source"),
                Role::Extra(rename) => {
                    if let Some(name) = member_name(cx, field, rename.as_ref(), role, "extra") {
                        if let Some((_, place)) =
                            RESERVED.iter().find(|(reserved, _)| *reserved == name)
                        {
                            cx.error_at(
                                name_span(field, rename.as_ref(), role),
                                format!(
                                    "`{name}` is a member that {place} writes itself; give the extra another name: `#[api(extra = \"...\")]`"
                                ),
                            );
                        } else if let Some(first) = members.get(&name) {
                            cx.error_at(
                                name_span(field, rename.as_ref(), role),
                                format!("two extras of this variant are named `{name}`; rename one with `#[api(extra = \"...\")]`"),
                            );
                            cx.error_at(*first, format!("first `{name}` is here"));
                        } else {
                            members.insert(name.clone(), name_span(field, rename.as_ref(), role));
                            roles.extras.push((name, field.index));
                        }
                    }
                }
                Role::Debug(rename) => {
                    if let Some(name) = member_name(cx, field, rename.as_ref(), role, "debug") {
                        if RESERVED_DEBUG.contains(&name.as_str()) {
                            cx.error_at(
                                name_span(field, rename.as_ref(), role),
                                format!(
                                    "`{name}` is a member the debug block writes itself; give this one another name: `#[api(debug = \"...\")]`"
                                ),
                            );
                        } else if let Some(first) = debug_members.get(&name) {
                            cx.error_at(
                                name_span(field, rename.as_ref(), role),
                                format!("two debug members of this variant are named `{name}`; rename one with `#[api(debug = \"...\")]`"),
                            );
                            cx.error_at(*first, format!("first `{name}` is here"));
                        } else {
                            debug_members
                                .insert(name.clone(), name_span(field, rename.as_ref(), role));
                            roles.debug.push((name, field.index));
                        }
                    }
                }
            }
        }
    }
    roles
}

/// Where a member's name is written: the rename, else the field's name.
fn name_span(field: &Field, rename: Option<&LitStr>, role: &Keyed<Role>) -> Span {
    match (rename, &field.original.ident) {
        (Some(lit), _) => lit.span(),
        (None, Some(ident)) => ident.span(),
        (None, None) => role.key,
    }
}

fn member_name(
    cx: &Ctxt,
    field: &Field,
    rename: Option<&LitStr>,
    role: &Keyed<Role>,
    key: &str,
) -> Option<String> {
    match (rename, field.name()) {
        (Some(lit), _) => {
            let name = lit.value();
            if name.is_empty() {
                cx.error_spanned_by(
                    lit,
                    format!("a member name cannot be empty: write `#[api({key} = \"member_name\")]`, or `#[api({key})]` to use the field's name"),
                );
                return None;
            }
            Some(name)
        }
        (None, Some(name)) => Some(name),
        (None, None) => {
            cx.error_at(
                role.key,
                format!("a tuple field has no name to serialize under: write `#[api({key} = \"member_name\")]`"),
            );
            None
        }
    }
}

fn check_code(code: &str) -> Result<(), &'static str> {
    let mut chars = code.chars();
    match chars.next() {
        None => Err("is empty: codes match ^[a-z][a-z0-9_]*$, like \"not_found\""),
        Some(c) if !c.is_ascii_lowercase() => {
            Err("must start with a lowercase ASCII letter: codes match ^[a-z][a-z0-9_]*$, like \"not_found\"")
        }
        _ if chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_') => Ok(()),
        _ => Err("may hold only lowercase ASCII letters, digits and `_`: codes match ^[a-z][a-z0-9_]*$, like \"not_found\""),
    }
}

/// A valid code close to an invalid one: `Duplicate-Email` -> `duplicate_email`.
fn suggest_code(code: &str) -> String {
    let words = snake_case(code.trim())
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect::<String>();
    words
        .split('_')
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join("_")
}

/// `InvalidKey` -> `invalid_key`, `HTTPError` -> `http_error`.
pub fn snake_case(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::new();
    for (i, c) in chars.iter().enumerate() {
        if c.is_uppercase() && i > 0 {
            let prev = chars[i - 1];
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_lowercase());
            if prev.is_lowercase() || prev.is_ascii_digit() || (prev.is_uppercase() && next_lower) {
                out.push('_');
            }
        }
        out.extend(c.to_lowercase());
    }
    out
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

fn check_codes(cx: &Ctxt, input: &Input, variants: &[Resolved]) {
    let mut seen: BTreeMap<&str, &Resolved> = BTreeMap::new();
    for resolved in variants {
        let Some(own) = resolved.own() else { continue };
        let attrs = input.variant_attrs(resolved.variant);
        let code_span = attrs
            .code
            .as_ref()
            .map_or(resolved.variant.span, |code| code.value.span());
        let shares = attrs.share_code.as_ref().is_some_and(|s| s.value);
        match seen.get(own.code.as_str()) {
            None => {
                seen.insert(&own.code, resolved);
            }
            Some(first) => {
                let first_own = first.own().expect("only own variants are recorded");
                let first_attrs = input.variant_attrs(first.variant);
                let first_span = first_attrs
                    .code
                    .as_ref()
                    .map_or(first.variant.span, |code| code.value.span());
                let first_shares = first_attrs.share_code.as_ref().is_some_and(|s| s.value);
                let first_name = variant_name(input, first.variant);
                if !(shares && first_shares) {
                    cx.error_at(
                        code_span,
                        format!(
                            "code \"{}\" is already used by `{first_name}`: give each variant its own code, or add `share_code` to both to share it",
                            own.code
                        ),
                    );
                    cx.error_at(first_span, format!("\"{}\" is first used here", own.code));
                } else if first_own.status != own.status {
                    let status_span = attrs.status.as_ref().map_or(code_span, |s| s.value.span);
                    cx.error_at(
                        status_span,
                        format!(
                            "variants that share code \"{}\" must share a status: `{first_name}` has {}, this one {}",
                            own.code, first_own.status, own.status
                        ),
                    );
                    cx.error_at(
                        first_span,
                        format!("`{first_name}` shares \"{}\" here", own.code),
                    );
                }
            }
        }
    }
    // `share_code` with nobody to share with is a mistake too.
    for resolved in variants {
        let Some(own) = resolved.own() else { continue };
        let attrs = input.variant_attrs(resolved.variant);
        if let Some(share) = attrs.share_code.as_ref().filter(|s| s.value) {
            let others = variants
                .iter()
                .filter_map(Resolved::own)
                .filter(|other| other.code == own.code)
                .count();
            if others < 2 {
                cx.error_at(
                    share.key,
                    format!(
                        "`share_code`, but no other variant has code \"{}\"",
                        own.code
                    ),
                );
            }
        }
    }
}
