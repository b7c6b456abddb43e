//! The client decoder of `#[api(decode)]`: rebuilds a variant from an error
//! body, or gives up on it so the body stays whole.

use super::arms::respan;
use super::bounds::mentions;
use crate::fmt::{Piece, TemplateKind};
use crate::model::{FieldSource, Kind, Message, Model, Own, Resolved};
use crate::prop::is_option;
use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use std::collections::BTreeSet;
use syn::spanned::Spanned;

/// How a field comes back from the body.
enum Source {
    /// An expression of type `Option<T>`.
    Expr(TokenStream),
    /// An expression of type `Option<T>` that reads the captures.
    ExprWithCaptures(TokenStream),
    /// The capture of the template's `n`th placeholder.
    Capture(usize),
}

/// The `Decode` impl of a type with `#[api(decode)]`.
pub fn impl_decode(model: &Model, p: &TokenStream) -> Option<TokenStream> {
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
                if mentions(quote!(#ty), &params) {
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
    let p = &respan(p.clone(), span);
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
    if resolved.source == Some(index) && is_option(ty) {
        return Some(Source::Expr(quote!(::core::option::Option::Some(
            ::core::option::Option::None
        ))));
    }
    None
}
