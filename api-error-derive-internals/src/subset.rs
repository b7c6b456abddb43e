//! `#[api(subset(pub CreateError = Duplicate | Invalid))]`: an enum of some
//! of the derived enum's variants, with their fields and attributes as
//! written, derived in turn, and converted into the enum and back.

use crate::attr::SubsetDecl;
use crate::model::Model;
use crate::suggest::suggest;
use crate::Ctxt;
use proc_macro2::{TokenStream, TokenTree};
use quote::{format_ident, quote, quote_spanned, ToTokens};
use syn::spanned::Spanned;
use syn::{Attribute, DeriveInput, Fields, Variant};

/// Checks every subset of `input` against its variants: each name is one of
/// them, once, and a subset keeps at least one.
pub fn check(cx: &Ctxt, input: &DeriveInput, subsets: &[SubsetDecl]) {
    let syn::Data::Enum(data) = &input.data else {
        return;
    };
    if let Some(first) = subsets.first() {
        if !input.generics.params.is_empty() {
            cx.error_spanned_by(
                &first.ident,
                "a subset takes an enum without generic parameters; write the subset's variants as an enum of their own",
            );
            return;
        }
    }
    let names: Vec<String> = data.variants.iter().map(|v| v.ident.to_string()).collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    for (index, subset) in subsets.iter().enumerate() {
        if subset.ident == input.ident {
            cx.error_spanned_by(
                &subset.ident,
                format!(
                    "a subset needs a name of its own; `{}` is the enum's",
                    input.ident
                ),
            );
        }
        if let Some(earlier) = subsets[..index].iter().find(|s| s.ident == subset.ident) {
            cx.error_spanned_by(
                &subset.ident,
                format!("a subset named `{}` is declared already", earlier.ident),
            );
        }
        if subset.variants.is_empty() {
            cx.error_spanned_by(
                &subset.ident,
                format!(
                    "the subset `{}` keeps no variant: name the ones it keeps, as in `{} = {}`",
                    subset.ident,
                    subset.ident,
                    names
                        .iter()
                        .take(2)
                        .copied()
                        .collect::<Vec<_>>()
                        .join(" | "),
                ),
            );
        }
        for (at, name) in subset.variants.iter().enumerate() {
            let written = name.to_string();
            if !names.contains(&written.as_str()) {
                let hint = suggest(&written, &names)
                    .map(|s| format!("; did you mean `{s}`?"))
                    .unwrap_or_default();
                cx.error_spanned_by(
                    name,
                    format!("`{}` has no variant `{written}`{hint}", input.ident),
                );
            } else if subset.variants[..at].contains(name) {
                cx.error_spanned_by(name, format!("`{written}` is named twice in this subset"));
            }
        }
        for attr in &subset.attrs {
            if !attr.path().is_ident("doc") && !attr.path().is_ident("derive") {
                cx.error_spanned_by(
                    attr.path(),
                    "a subset takes `#[doc = \"...\"]` and `#[derive(...)]`; other attributes go on a type of your own",
                );
            }
        }
    }
}

/// The subsets of an enum that passed the checks.
pub fn expand(model: &Model, subsets: &[SubsetDecl]) -> TokenStream {
    let input = model.input.original;
    let syn::Data::Enum(data) = &input.data else {
        return TokenStream::new();
    };
    // Each variant's own code, by name, for the `share_code` a subset drops
    // when it keeps no other variant with that code.
    let codes: Vec<(String, &str)> = model
        .variants
        .iter()
        .filter_map(|resolved| {
            let ident = resolved.variant.ident?;
            Some((ident.to_string(), resolved.own()?.code.as_str()))
        })
        .collect();
    subsets
        .iter()
        .map(|subset| {
            let variants: Vec<&Variant> = subset
                .variants
                .iter()
                .filter_map(|name| data.variants.iter().find(|v| v.ident == *name))
                .collect();
            let code_of = |variant: &Variant| {
                let name = variant.ident.to_string();
                codes
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, code)| *code)
            };
            let sharing: Vec<bool> = variants
                .iter()
                .map(|variant| {
                    code_of(variant).is_some_and(|code| {
                        variants.iter().filter(|v| code_of(v) == Some(code)).count() > 1
                    })
                })
                .collect();
            expand_one(input, &model.krate, subset, &variants, &sharing)
        })
        .collect()
}

fn expand_one(
    input: &DeriveInput,
    krate: &syn::Path,
    subset: &SubsetDecl,
    variants: &[&Variant],
    sharing: &[bool],
) -> TokenStream {
    let parent = &input.ident;
    let name = &subset.ident;
    let vis = &subset.vis;
    let thiserror = input.attrs.iter().any(|a| a.path().is_ident("error"))
        || variants
            .iter()
            .any(|v| v.attrs.iter().any(|a| a.path().is_ident("error")));
    let keep = |attr: &&Attribute| {
        let path = attr.path();
        path.is_ident("doc")
            || path.is_ident("api")
            || (thiserror
                && ["error", "from", "source", "backtrace"]
                    .iter()
                    .any(|name| path.is_ident(name)))
    };
    let type_attrs = input.attrs.iter().filter_map(|attr| {
        if attr.path().is_ident("api") {
            without_key(attr, "subset")
        } else if attr.path().is_ident("non_exhaustive")
            || (thiserror && attr.path().is_ident("error"))
        {
            Some(attr.to_token_stream())
        } else {
            None
        }
    });
    let doc = if subset.attrs.iter().any(|a| a.path().is_ident("doc")) {
        TokenStream::new()
    } else {
        let listed: Vec<String> = variants
            .iter()
            .map(|v| format!("[`{parent}::{}`]", v.ident))
            .collect();
        let text = format!(
            " The errors of [`{parent}`] this subset keeps: {}.",
            listed.join(", ")
        );
        quote!(#[doc = #text])
    };
    let own_attrs = &subset.attrs;
    let derive_error = thiserror.then(|| quote!(, ::thiserror::Error));
    let defs = variants.iter().zip(sharing).map(|(variant, &sharing)| {
        let attrs = variant.attrs.iter().filter(keep).filter_map(|attr| {
            if attr.path().is_ident("api") && !sharing {
                without_key(attr, "share_code")
            } else {
                Some(attr.to_token_stream())
            }
        });
        let ident = &variant.ident;
        let fields = match &variant.fields {
            Fields::Unit => TokenStream::new(),
            Fields::Named(named) => {
                let fields = named.named.iter().map(|field| {
                    let attrs = field.attrs.iter().filter(keep);
                    let (ident, ty) = (&field.ident, &field.ty);
                    quote!(#(#attrs)* #ident: #ty)
                });
                quote!({ #(#fields),* })
            }
            Fields::Unnamed(unnamed) => {
                let fields = unnamed.unnamed.iter().map(|field| {
                    let attrs = field.attrs.iter().filter(keep);
                    let ty = &field.ty;
                    quote!(#(#attrs)* #ty)
                });
                quote!(( #(#fields),* ))
            }
        };
        let discriminant = variant
            .discriminant
            .as_ref()
            .map(|(eq, expr)| quote!(#eq #expr));
        quote!(#(#attrs)* #ident #fields #discriminant)
    });
    let into_parent = variants.iter().map(|variant| {
        let pattern = bindings(&variant.fields);
        let ident = &variant.ident;
        quote!(#name::#ident #pattern => #parent::#ident #pattern)
    });
    let from_parent = variants.iter().map(|variant| {
        let pattern = bindings(&variant.fields);
        let ident = &variant.ident;
        quote!(#parent::#ident #pattern => ::core::result::Result::Ok(#name::#ident #pattern))
    });
    let derive =
        quote_spanned!(name.span()=> #[derive(::core::fmt::Debug, #krate::ApiError #derive_error)]);
    quote! {
        #doc
        #(#own_attrs)*
        #derive
        #(#type_attrs)*
        #vis enum #name {
            #(#defs),*
        }

        #[automatically_derived]
        impl ::core::convert::From<#name> for #parent {
            fn from(error: #name) -> Self {
                match error {
                    #(#into_parent,)*
                }
            }
        }

        #[automatically_derived]
        impl ::core::convert::TryFrom<#parent> for #name {
            /// The error, when it is not one of the subset's.
            type Error = #parent;

            #[allow(unreachable_patterns)]
            fn try_from(error: #parent) -> ::core::result::Result<Self, #parent> {
                match error {
                    #(#from_parent,)*
                    other => ::core::result::Result::Err(other),
                }
            }
        }
    }
}

/// The pattern that binds every field of a variant, and the expression that
/// moves them into a variant of the same shape: `{ a, b }`, `(f0, f1)`, or
/// nothing.
fn bindings(fields: &Fields) -> TokenStream {
    match fields {
        Fields::Unit => TokenStream::new(),
        Fields::Named(named) => {
            let names = named.named.iter().map(|field| &field.ident);
            quote!({ #(#names),* })
        }
        Fields::Unnamed(unnamed) => {
            let names = (0..unnamed.unnamed.len()).map(|i| format_ident!("f{i}"));
            quote!(( #(#names),* ))
        }
    }
}

/// An `#[api(...)]` without its `name` keys (`subset(...)` on the enum,
/// `share_code` on a variant), or nothing when that was all it held.
fn without_key(attr: &Attribute, name: &str) -> Option<TokenStream> {
    let syn::Meta::List(list) = &attr.meta else {
        return Some(attr.to_token_stream());
    };
    let mut kept: Vec<Vec<TokenTree>> = vec![Vec::new()];
    for token in list.tokens.clone() {
        match &token {
            TokenTree::Punct(p) if p.as_char() == ',' => kept.push(Vec::new()),
            _ => {
                if let Some(key) = kept.last_mut() {
                    key.push(token);
                }
            }
        }
    }
    let kept: Vec<TokenStream> = kept
        .into_iter()
        .filter(|key| {
            !key.is_empty()
                && !matches!(key.first(), Some(TokenTree::Ident(ident)) if ident == name)
        })
        .map(|key| key.into_iter().collect())
        .collect();
    if kept.is_empty() {
        return None;
    }
    let span = attr.span();
    Some(quote_spanned!(span=> #[api(#(#kept),*)]))
}
