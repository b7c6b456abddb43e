//! Resolution: every variant's keys, with the defaults filled in, as the
//! model the checks read and the expansion generates from. What is wrong is
//! the checks' to report (`check`); only the roles of fields, which a
//! field's own attributes decide, are reported here, as they are collected.

mod roles;

pub use self::roles::role_span;

use self::roles::collect_roles;
use crate::ast::{Input, Variant};
use crate::attr::Format;
use crate::ctxt::Ctxt;
use crate::fmt;
use crate::model::{FieldSource, Kind, Message, Model, Own, Resolved};

// The code a variant gets without `code = "..."`: its name in snake_case.
use crate::check::snake_case;

/// The model of `input`: every variant resolved, defaults included. It is
/// complete even when the input is wrong, so stand-in impls can be generated
/// from it.
pub fn resolve<'a>(cx: &Ctxt, input: &'a Input<'a>) -> Model<'a> {
    let attrs = &input.attrs;
    let own_display = !input.has_display();
    let variants = input
        .variants()
        .iter()
        .map(|variant| resolve_variant(cx, input, variant, own_display))
        .collect();
    Model {
        input,
        format: attrs.format.as_ref().map_or(Format::Envelope, |f| f.value),
        krate: attrs.krate.as_ref().map_or_else(
            || syn::parse_quote!(::api_error),
            |k| {
                let path = &k.value;
                syn::parse_quote!(#path)
            },
        ),
        own_display,
        decode: attrs.decode.as_ref().is_some_and(|d| d.value),
        domain: attrs.domain.as_ref().map(|d| d.value.value()),
        doc_base: attrs.doc_base.as_ref().map(|d| d.value.value()),
        variants,
    }
}

fn resolve_variant<'a>(
    cx: &Ctxt,
    input: &'a Input<'a>,
    variant: &'a Variant<'a>,
    own_display: bool,
) -> Resolved<'a> {
    let attrs = input.variant_attrs(variant);
    let roles = collect_roles(cx, variant);
    if attrs.transparent.as_ref().is_some_and(|t| t.value) {
        // The inner error is the one field a transparent variant has.
        return Resolved {
            variant,
            kind: Kind::Transparent(0),
            source: None,
        };
    }

    // A status missing or wrong is reported by the checks; 500 stands in.
    let status = attrs
        .status
        .as_ref()
        .or(input.attrs.status.as_ref())
        .map_or(500, |status| status.value.code);
    let code = attrs.code.as_ref().map_or_else(
        || snake_case(&input.variant_name(variant)),
        |code| code.value.value(),
    );
    let message = match &attrs.message {
        Some(lit) => match fmt::parse(&lit.value, &variant.fields) {
            Ok(template) => Message::Template(template),
            Err(_) => Message::Masked,
        },
        // Without a message of its own, thiserror's Display is shown, but
        // for a 5xx; with no Display at all, the checks report it.
        None if !own_display && status < 500 && !attrs.had_errors => Message::Display,
        None => Message::Masked,
    };
    // The field's role wins over a fixed `field = "..."`; both written is
    // reported by the checks.
    let field = match (&attrs.field, roles.field) {
        (_, Some(index)) => Some(FieldSource::Member(index)),
        (Some(fixed), None) => Some(FieldSource::Fixed(fixed.value.value())),
        (None, None) => None,
    };
    let doc_url = match &attrs.doc_url {
        Some(url) => Some(url.value.value()),
        None => input
            .attrs
            .doc_base
            .as_ref()
            .map(|base| format!("{}#{code}", base.value.value())),
    };
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
            location: attrs.location.as_ref().map(|location| location.value),
        })),
        source: roles.source,
    }
}
