//! The roles fields play in the body (`extra`, `field`, `errors`,
//! `retry_after`, `debug`, `source`): at most one field per single role, one
//! role per field, and member names that are neither reserved nor repeated.

use crate::ast::{Field, Variant};
use crate::attr::{Keyed, Role};
use crate::ctxt::Ctxt;
use proc_macro2::Span;
use std::collections::BTreeMap;
use syn::spanned::Spanned;
use syn::LitStr;

// Members the formats and the debug block write themselves: an extra or
// debug member of the same name would make the body ambiguous.
use api_error_wire::{RESERVED, RESERVED_DEBUG};

/// The fields of a variant by role: field indices, and member names for
/// extras and debug members.
pub struct Roles {
    pub field: Option<usize>,
    pub retry_after: Option<usize>,
    pub errors: Option<usize>,
    pub source: Option<usize>,
    pub extras: Vec<(String, usize)>,
    pub debug: Vec<(String, usize)>,
}

pub fn role_span(variant: &Variant, index: usize, key: &str) -> Span {
    variant.fields[index]
        .attrs
        .roles
        .iter()
        .find(|role| role.value.key() == key)
        .map_or_else(|| variant.fields[index].original.span(), |role| role.key)
}

pub fn collect_roles(cx: &Ctxt, variant: &Variant) -> Roles {
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
            if name.bytes().any(api_error_wire::needs_escape) {
                cx.error_spanned_by(
                    lit,
                    format!("a member name cannot hold a quote, a backslash or a control character: `{}`", name.escape_debug()),
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
