//! Error codes: each one valid, and unique within the type unless the
//! variants that repeat it all say `share_code` and share a status.

use crate::ast::Input;
use crate::ctxt::Ctxt;
use crate::model::Resolved;
use std::collections::BTreeMap;

pub fn check_code(code: &str) -> Result<(), &'static str> {
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
pub fn suggest_code(code: &str) -> String {
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

pub fn check_codes(cx: &Ctxt, input: &Input, variants: &[Resolved]) {
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
                let first_name = input.variant_name(first.variant);
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
