//! The client decoder of `#[api(decode)]`: rebuilds a variant from an error
//! body, or gives up on it so the body stays whole.

use crate::attr::Format;
use crate::check::{FieldSource, Kind, Message, Model, Own, Resolved};
use crate::ctxt::Ctxt;
use crate::fmt::{Piece, TemplateKind};
use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use std::collections::{BTreeMap, BTreeSet};
use syn::spanned::Spanned;

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

/// How a field comes back from the body.
enum Source {
    /// An expression of type `Option<T>`.
    Expr(TokenStream),
    /// An expression of type `Option<T>` that reads the captures.
    ExprWithCaptures(TokenStream),
    /// The capture of the template's `n`th placeholder.
    Capture(usize),
}

pub fn expand(model: &Model, p: &TokenStream) -> Option<TokenStream> {
    if !model.decode {
        return None;
    }
    let input = model.input.original;
    let ident = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let blocks = model
        .variants
        .iter()
        .enumerate()
        .filter_map(|(index, resolved)| variant_block(resolved, index, p));
    let mut predicates: Vec<TokenStream> = where_clause
        .map(|w| w.predicates.iter().map(|p| quote!(#p)).collect())
        .unwrap_or_default();
    let params: BTreeSet<String> = input
        .generics
        .type_params()
        .map(|t| t.ident.to_string())
        .collect();
    if !params.is_empty() {
        for resolved in &model.variants {
            for field in &resolved.variant.fields {
                let ty = field.ty;
                if crate::expand::mentions(quote!(#ty), &params) {
                    predicates.push(match resolved.kind {
                        Kind::Transparent(_) => quote!(#ty: #p::Decode),
                        Kind::Own(_) => quote!(#ty: #p::serde::de::DeserializeOwned),
                    });
                }
            }
        }
    }
    Some(quote! {
        #[automatically_derived]
        #[allow(unused_qualifications)]
        impl #impl_generics #p::Decode for #ident #ty_generics where #(#predicates,)* {
            fn decode(__body: &#p::ErrorBody) -> ::core::option::Option<Self> {
                #(#blocks)*
                ::core::option::Option::None
            }
        }
    })
}

fn constructor(resolved: &Resolved) -> TokenStream {
    match resolved.variant.ident {
        Some(ident) => quote!(Self::#ident),
        None => quote!(Self),
    }
}

fn variant_block(resolved: &Resolved, index: usize, p: &TokenStream) -> Option<TokenStream> {
    let label = syn::Lifetime::new(&format!("'__variant{index}"), Span::call_site());
    let path = constructor(resolved);
    let own = match &resolved.kind {
        Kind::Transparent(inner) => {
            let field = &resolved.variant.fields[*inner];
            let member = &field.member;
            let ty = field.ty;
            let decode = quote_spanned!(ty.span()=> <#ty as #p::Decode>::decode(__body));
            return Some(quote! {
                if let ::core::option::Option::Some(__inner) = #decode {
                    return ::core::option::Option::Some(#path { #member: __inner });
                }
            });
        }
        Kind::Own(own) => own,
    };
    // A flat body has no code: its message is what tells variants apart.
    let (message_check, pieces) = match &own.message {
        Message::Template(template) => match &template.kind {
            TemplateKind::Static(message) => (
                Some(
                    quote!(if __body.code.is_none() && __body.message != #message { break #label; }),
                ),
                None,
            ),
            TemplateKind::Dynamic { pieces, .. } => (None, Some(pieces)),
        },
        // thiserror's Display has no template to match a flat message with.
        Message::Display | Message::Masked => (
            Some(quote!(if __body.code.is_none() { break #label; })),
            None,
        ),
    };

    let mut bindings = Vec::new();
    let mut fields_need_captures = false;
    for field in &resolved.variant.fields {
        let source = field_source(own, resolved, field.index, pieces, p)?;
        if matches!(source, Source::Capture(_) | Source::ExprWithCaptures(_)) {
            fields_need_captures = true;
        }
        bindings.push((field, source));
    }
    let captures = pieces.map(|pieces| {
        let pieces = pieces.iter().map(|piece| match piece {
            Piece::Text(text) => quote!(#p::Piece::Text(#text)),
            Piece::Field(_) => quote!(#p::Piece::Field),
        });
        let unwrap = fields_need_captures.then(|| {
            quote! {
                let ::core::option::Option::Some(__captures) = __captures else {
                    break #label;
                };
            }
        });
        quote! {
            let __captures = #p::captures(&__body.message, &[#(#pieces),*]);
            if __body.code.is_none() && __captures.is_none() {
                break #label;
            }
            #unwrap
        }
    });
    let lets = bindings.iter().map(|(field, source)| {
        let name = format_ident!("__field{}", field.index);
        let ty = field.ty;
        let span = ty.span();
        let value = match source {
            Source::Expr(expr) | Source::ExprWithCaptures(expr) => quote_spanned!(span=> #expr),
            Source::Capture(n) => quote_spanned!(span=> #p::capture::<#ty>(__captures[#n])),
        };
        quote! {
            let ::core::option::Option::Some(#name) = #value else {
                break #label;
            };
        }
    });
    let fields = bindings.iter().map(|(field, _)| {
        let member = &field.member;
        let name = format_ident!("__field{}", field.index);
        quote!(#member: #name)
    });
    let status = own.status;
    let code = &own.code;
    Some(quote! {
        #label: {
            if !#p::decode_is(__body, #status, #code) {
                break #label;
            }
            #message_check
            #captures
            #(#lets)*
            return ::core::option::Option::Some(#path { #(#fields),* });
        }
    })
}

/// Where field `index` comes back from, or `None` when it cannot.
fn field_source(
    own: &Own,
    resolved: &Resolved,
    index: usize,
    pieces: Option<&Vec<Piece>>,
    p: &TokenStream,
) -> Option<Source> {
    let ty = resolved.field(index).ty;
    let span = ty.span();
    let p = &crate::expand::respan_tokens(p.clone(), span);
    if let Some((name, _)) = own.extras.iter().find(|(_, i)| *i == index) {
        return Some(Source::Expr(
            quote_spanned!(span=> #p::decode_member::<#ty>(__body, #name)),
        ));
    }
    if let Some((name, _)) = own.debug.iter().find(|(_, i)| *i == index) {
        return Some(Source::Expr(
            quote_spanned!(span=> #p::decode_debug_member::<#ty>(__body, #name)),
        ));
    }
    if own.errors == Some(index) {
        return Some(Source::Expr(
            quote_spanned!(span=> #p::decode_errors::<#ty>(__body)),
        ));
    }
    if let Some(FieldSource::Member(field)) = &own.field {
        if *field == index {
            return Some(Source::Expr(
                quote_spanned!(span=> #p::decode_field::<#ty>(__body)),
            ));
        }
    }
    let capture = pieces.and_then(|pieces| {
        pieces
            .iter()
            .filter(|piece| matches!(piece, Piece::Field(_)))
            .position(|piece| *piece == Piece::Field(index))
    });
    if own.retry_after == Some(index) {
        let header = quote_spanned!(span=> #p::decode_retry_after::<#ty>(__body));
        return Some(match capture {
            Some(n) => Source::ExprWithCaptures(
                quote_spanned!(span=> #header.or_else(|| #p::capture::<#ty>(__captures[#n]))),
            ),
            None => Source::Expr(header),
        });
    }
    if let Some(n) = capture {
        return Some(Source::Capture(n));
    }
    if resolved.source == Some(index) && crate::expand::is_option(ty) {
        return Some(Source::Expr(quote!(::core::option::Option::Some(
            ::core::option::Option::None
        ))));
    }
    None
}
