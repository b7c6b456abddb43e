//! The where clause of every impl: the user's own predicates, and a bound
//! for each field whose type mentions a type parameter.

use crate::fmt::TemplateKind;
use crate::model::{FieldSource, Kind, Message, Model};
use proc_macro2::{Ident, Span, TokenStream, TokenTree};
use quote::{quote, ToTokens};
use std::collections::BTreeSet;

/// Bounds for generic fields, added to every impl: each field that mentions a
/// type parameter must be able to play its role.
pub fn where_clause(model: &Model, p: &TokenStream) -> TokenStream {
    let generics = &model.input.original.generics;
    let params: BTreeSet<String> = generics
        .type_params()
        .map(|t| t.ident.to_string())
        .collect();
    let mut predicates: Vec<TokenStream> = generics
        .where_clause
        .as_ref()
        .map(|w| w.predicates.iter().map(ToTokens::to_token_stream).collect())
        .unwrap_or_default();
    if params.is_empty() {
        return if predicates.is_empty() {
            TokenStream::new()
        } else {
            quote!(where #(#predicates,)*)
        };
    }
    let mut push = |ty: &syn::Type, bound: TokenStream| {
        if mentions(ty.to_token_stream(), &params) {
            let predicate = quote!(#ty: #bound).to_string();
            if !predicates
                .iter()
                .any(|existing| existing.to_string() == predicate)
            {
                predicates.push(quote!(#ty: #bound));
            }
        }
    };
    for resolved in &model.variants {
        let field = |index: usize| resolved.field(index).ty;
        if let Some(index) = resolved.source {
            push(field(index), quote!(::std::error::Error + 'static));
        }
        match &resolved.kind {
            Kind::Transparent(index) => {
                push(field(*index), quote!(#p::Transparent));
            }
            Kind::Own(own) => {
                if let Message::Template(template) = &own.message {
                    if let TemplateKind::Dynamic { args, .. } = &template.kind {
                        for arg in args {
                            if arg.trait_name != "usize" {
                                let name = Ident::new(arg.trait_name, Span::call_site());
                                push(field(arg.index), quote!(::core::fmt::#name));
                            }
                        }
                    }
                }
                for (_, index) in own.extras.iter().chain(&own.debug) {
                    push(field(*index), quote!(#p::serde::Serialize));
                }
                if let Some(index) = own.errors {
                    push(field(index), quote!(#p::ErrorList));
                }
                if let Some(FieldSource::Member(index)) = own.field {
                    push(field(index), quote!(#p::FieldValue));
                }
                if let Some(index) = own.retry_after {
                    push(field(index), quote!(#p::RetryAfterValue));
                }
            }
        }
    }
    let ident = &model.input.original.ident;
    let (_, ty_generics, _) = generics.split_for_impl();
    predicates.push(quote!(#ident #ty_generics: ::core::fmt::Debug));
    quote!(where #(#predicates,)*)
}

/// Whether `tokens` name one of the type parameters `params`.
pub fn mentions(tokens: TokenStream, params: &BTreeSet<String>) -> bool {
    tokens.into_iter().any(|token| match token {
        TokenTree::Ident(ident) => params.contains(&ident.to_string()),
        TokenTree::Group(group) => mentions(group.stream(), params),
        _ => false,
    })
}
