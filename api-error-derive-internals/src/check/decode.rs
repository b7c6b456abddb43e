//! `#[api(decode)]`: what a client must be able to tell apart and rebuild.

use crate::attr::Format;
use crate::ctxt::Ctxt;
use crate::fmt::TemplateKind;
use crate::model::{FieldSource, Message, Model, Resolved};
use std::collections::BTreeMap;

/// Flat bodies carry no code, so two flat variants with the same status and
/// message look the same to a client.
pub fn check(cx: &Ctxt, model: &Model) {
    if !model.decode {
        return;
    }
    check_borrowed(cx, model);
    if model.format != Format::Flat {
        return;
    }
    let mut seen: BTreeMap<(u16, &str), &Resolved> = BTreeMap::new();
    for resolved in &model.variants {
        let Some(own) = resolved.own() else { continue };
        let Message::Template(template) = &own.message else {
            continue;
        };
        let TemplateKind::Static(message) = &template.kind else {
            continue;
        };
        match seen.get(&(own.status, message.as_str())) {
            None => {
                seen.insert((own.status, message), resolved);
            }
            Some(first) => {
                let name =
                    |r: &Resolved| r.variant.ident.map(ToString::to_string).unwrap_or_default();
                cx.error_at(
                    template.lit.span(),
                    format!(
                        "`{}` and `{}` have the same status and message, and a flat body has no code: a client cannot tell them apart; give one its own message",
                        name(first),
                        name(resolved)
                    ),
                );
                if let Some(Message::Template(first_template)) = first.own().map(|own| &own.message)
                {
                    cx.error_at(
                        first_template.lit.span(),
                        format!("`{}` has the same message here", name(first)),
                    );
                }
            }
        }
    }
}

/// A field rebuilt from a response must own its data: it outlives the body.
fn check_borrowed(cx: &Ctxt, model: &Model) {
    for resolved in &model.variants {
        let Some(own) = resolved.own() else { continue };
        let placeholders: Vec<usize> = match &own.message {
            Message::Template(template) => match &template.kind {
                TemplateKind::Dynamic { args, .. } => args.iter().map(|arg| arg.index).collect(),
                TemplateKind::Static(_) => Vec::new(),
            },
            _ => Vec::new(),
        };
        for field in &resolved.variant.fields {
            let index = field.index;
            let rebuilt = own
                .extras
                .iter()
                .chain(&own.debug)
                .any(|(_, i)| *i == index)
                || own.errors == Some(index)
                || matches!(own.field, Some(FieldSource::Member(i)) if i == index)
                || placeholders.contains(&index);
            if rebuilt && matches!(field.ty, syn::Type::Reference(_)) {
                cx.error_spanned_by(
                    field.ty,
                    "a `decode` type rebuilds this field from a response, so it must own its data: use `String` (or another owned type) instead of a reference",
                );
            }
        }
    }
}
