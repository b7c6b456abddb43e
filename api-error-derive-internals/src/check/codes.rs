//! Error codes: each one valid, and unique within the type unless the
//! variants that repeat it all say `share_code` and share a status.

use crate::ast::Input;
use crate::ctxt::Ctxt;
use crate::model::Resolved;
use std::collections::BTreeMap;

/// What keeps `code` from matching `^[a-z][a-z0-9_]*$`, every fault named:
/// `Duplicate-Email` "has uppercase letters (`D`, `E`) and a character codes
/// cannot hold (`-`)".
pub fn check_code(code: &str) -> Result<(), String> {
    const SHAPE: &str = "codes match ^[a-z][a-z0-9_]*$, like \"not_found\"";
    let Some(first) = code.chars().next() else {
        return Err(format!("is empty: {SHAPE}"));
    };
    let mut upper = Vec::new();
    let mut other = Vec::new();
    for c in code.chars() {
        let list = if c.is_uppercase() {
            &mut upper
        } else if c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' {
            continue;
        } else {
            &mut other
        };
        if !list.contains(&c) {
            list.push(c);
        }
    }
    let mut held = Vec::new();
    if !upper.is_empty() {
        held.push(listed("uppercase letter", "uppercase letters", &upper));
    }
    if !other.is_empty() {
        held.push(listed(
            "character codes cannot hold",
            "characters codes cannot hold",
            &other,
        ));
    }
    let mut faults = Vec::new();
    if !first.is_ascii_lowercase() && !first.is_uppercase() {
        faults.push(format!(
            "starts with `{}`, not a lowercase letter",
            first.escape_debug()
        ));
    }
    if !held.is_empty() {
        faults.push(format!("has {}", held.join(" and ")));
    }
    if faults.is_empty() {
        return Ok(());
    }
    let faults = faults.join(", and ");
    Err(format!("{faults}: {SHAPE}"))
}

/// `an uppercase letter (`D`)`, `uppercase letters (`D`, `E`)`; at most five
/// are shown.
fn listed(one: &str, many: &str, chars: &[char]) -> String {
    let mut shown: Vec<String> = chars
        .iter()
        .take(5)
        .map(|c| format!("`{}`", c.escape_debug()))
        .collect();
    if chars.len() > 5 {
        shown.push("...".to_owned());
    }
    let shown = shown.join(", ");
    if chars.len() == 1 {
        let article = if one.starts_with(['a', 'e', 'i', 'o', 'u']) {
            "an"
        } else {
            "a"
        };
        format!("{article} {one} ({shown})")
    } else {
        format!("{many} ({shown})")
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

#[cfg(test)]
mod tests {
    use super::check_code;

    #[test]
    fn every_fault_of_a_code_is_named() {
        let why = |code: &str| check_code(code).unwrap_err();
        assert_eq!(check_code("not_found_2"), Ok(()));
        assert!(why("").starts_with("is empty: "));
        assert!(why("_x").starts_with("starts with `_`, not a lowercase letter: "));
        assert!(why("Duplicate-Email").starts_with(
            "has uppercase letters (`D`, `E`) and a character codes cannot hold (`-`): "
        ));
        assert!(why("9 Lives").starts_with(
            "starts with `9`, not a lowercase letter, and has an uppercase letter (`L`) and a character codes cannot hold (` `): "
        ));
        assert!(why("a\n").starts_with("has a character codes cannot hold (`\\n`): "));
        assert!(
            why("ABCDEFG").starts_with("has uppercase letters (`A`, `B`, `C`, `D`, `E`, ...): ")
        );
        assert!(why("AAA").starts_with("has an uppercase letter (`A`): "));
    }
}
