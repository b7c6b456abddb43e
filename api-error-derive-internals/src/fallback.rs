//! What a type that failed the checks gets beside its errors: a stand-in for
//! every impl the expansion would have written, the framework impls of
//! `__integrations!` and the decoder included. Code that uses the type then
//! still compiles, and the user sees the derive's errors and nothing else.

use crate::attr::ItemAttrs;
use crate::model::Model;
use proc_macro2::TokenStream;
use quote::{quote, ToTokens};

/// Stand-ins for every impl the expansion would have written, emitted beside
/// the errors of a type that failed the checks.
pub fn fallback(model: &Model) -> TokenStream {
    let input = model.input.original;
    let ident = &input.ident;
    let krate = &model.krate;
    let p = quote!(#krate::__private);
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let attrs = quote! {
        #[automatically_derived]
        #[allow(unused_qualifications)]
    };
    // The framework impls ask what the real expansion's bounds promise.
    let mut predicates: Vec<TokenStream> = where_clause
        .map(|w| w.predicates.iter().map(ToTokens::to_token_stream).collect())
        .unwrap_or_default();
    if input.generics.type_params().next().is_some() {
        predicates.push(quote!(#ident #ty_generics: ::core::fmt::Debug));
    }
    let integration_where = if predicates.is_empty() {
        TokenStream::new()
    } else {
        quote!(where #(#predicates,)*)
    };
    let display = model.own_display.then(|| {
        quote! {
            #attrs
            impl #impl_generics ::core::fmt::Display for #ident #ty_generics #where_clause {
                fn fmt(&self, _: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    ::core::unreachable!()
                }
            }

            #attrs
            impl #impl_generics ::std::error::Error for #ident #ty_generics #where_clause {}
        }
    });
    let integrations = crate::expand::integrations(
        &model.input.attrs,
        &p,
        &quote!([#impl_generics] [#ident #ty_generics] [#integration_where]),
    );
    let decode = wants_decode(&model.input.attrs).then(|| {
        quote! {
            #attrs
            impl #impl_generics #p::Decode for #ident #ty_generics #where_clause {
                fn decode(_: &#p::ErrorBody) -> ::core::option::Option<Self> {
                    ::core::unreachable!()
                }
            }
        }
    });
    quote! {
        #attrs
        impl #impl_generics #p::ApiError for #ident #ty_generics #where_clause {
            fn status(&self) -> #p::StatusCode {
                ::core::unreachable!()
            }
            fn code(&self) -> &'static str {
                ::core::unreachable!()
            }
            fn fmt_message(&self, _: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::core::unreachable!()
            }
        }

        #attrs
        impl #impl_generics #p::Members for #ident #ty_generics #where_clause {}

        #attrs
        #[diagnostic::do_not_recommend]
        impl #impl_generics #p::Transparent for #ident #ty_generics #where_clause {}

        #attrs
        impl #impl_generics #p::Catalog for #ident #ty_generics #where_clause {
            const CATALOG: &'static #p::ErrorCatalog = #p::EMPTY_CATALOG;
        }

        #attrs
        impl #impl_generics #p::serde::Serialize for #ident #ty_generics #where_clause {
            fn serialize<__S: #p::serde::Serializer>(
                &self,
                _: __S,
            ) -> ::core::result::Result<__S::Ok, __S::Error> {
                ::core::unreachable!()
            }
        }

        #display

        #integrations

        #decode
    }
}

/// Whether the type asks for a decoder: `#[api(decode)]`, or a `decode` key
/// whose value was wrong (reported), since the user meant one.
fn wants_decode(attrs: &ItemAttrs) -> bool {
    match &attrs.decode {
        Some(decode) => decode.value,
        None => attrs
            .keys
            .iter()
            .any(|(key, _)| *key == crate::attr::ItemKey::Decode),
    }
}
