//! Code generation: the impls of a type that passed the checks, one file per
//! impl or part of one.

mod api;
pub(crate) mod arms;
mod bounds;
mod catalog;
mod decode;
mod display;
pub(crate) mod members;

use self::api::api_methods;
use self::bounds::where_clause;
use self::display::{display_arms, source_method};
use self::members::member_methods;
use crate::attr::{ItemAttrs, Keyed};
use crate::model::Model;
use proc_macro2::TokenStream;
use quote::quote;

/// Every impl of a type that passed the checks.
/// The impls of the facade's integrations for the type: a call of each
/// integration's macro, which expands to its impl when its cargo feature is
/// on, except those the type turns off (`#[api(tonic = false)]`).
pub fn integrations(attrs: &ItemAttrs, p: &TokenStream, input: &TokenStream) -> TokenStream {
    let off = |flag: &Option<Keyed<bool>>| flag.as_ref().is_some_and(|flag| !flag.value);
    let macros = [
        (&attrs.axum, quote!(__impl_axum)),
        (&attrs.actix_web, quote!(__impl_actix_web)),
        (&attrs.utoipa, quote!(__impl_utoipa)),
        (&attrs.tonic, quote!(__impl_tonic)),
        (&attrs.aide, quote!(__impl_aide)),
    ];
    macros
        .into_iter()
        .filter(|(flag, _)| !off(flag))
        .map(|(_, name)| quote!(#p::#name! { #input }))
        .collect()
}

pub fn expand(model: &Model) -> TokenStream {
    expand_with(model, None)
}

/// [`expand`], with the methods of the type's Fluent catalogs when it has
/// them.
pub fn expand_with(model: &Model, locales: Option<&crate::locales::Locales>) -> TokenStream {
    let input = model.input.original;
    let ident = &input.ident;
    let krate = &model.krate;
    let p = quote!(#krate::__private);
    let (impl_generics, ty_generics, _) = input.generics.split_for_impl();
    let where_clause = where_clause(model, &p);
    let attrs = quote! {
        #[automatically_derived]
        #[allow(unused_qualifications)]
    };
    let decode = decode::impl_decode(model, &p);
    let integrations = integrations(
        &model.input.attrs,
        &p,
        &quote!([#impl_generics] [#ident #ty_generics] [#where_clause]),
    );
    let api_methods = api_methods(model, &p);
    let (member_methods, model_methods) = member_methods(model, &p);
    let catalog = catalog::catalog_const(model, &p);
    let localized = locales.map(|locales| crate::locales::api_method(model, locales, &p));
    let localized_members =
        locales.map(|locales| crate::locales::members_methods(model, locales, &p));
    let display = model.own_display.then(|| {
        let arms = display_arms(model, &p);
        let source = source_method(model, &p);
        quote! {
            #attrs
            impl #impl_generics ::core::fmt::Display for #ident #ty_generics #where_clause {
                fn fmt(&self, __formatter: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    #arms
                }
            }

            #attrs
            impl #impl_generics ::std::error::Error for #ident #ty_generics #where_clause {
                #source
            }
        }
    });
    quote! {
        #attrs
        impl #impl_generics #p::ApiError for #ident #ty_generics #where_clause {
            #api_methods
            #model_methods
            #localized
        }

        #attrs
        impl #impl_generics #p::Members for #ident #ty_generics #where_clause {
            #member_methods
            #localized_members
        }

        #attrs
        #[diagnostic::do_not_recommend]
        impl #impl_generics #p::Transparent for #ident #ty_generics #where_clause {}

        #attrs
        impl #impl_generics #p::Catalog for #ident #ty_generics #where_clause { #catalog }

        #attrs
        impl #impl_generics #p::serde::Serialize for #ident #ty_generics #where_clause {
            fn serialize<__S: #p::serde::Serializer>(
                &self,
                __serializer: __S,
            ) -> ::core::result::Result<__S::Ok, __S::Error> {
                #p::serialize_body(
                    self,
                    self,
                    #p::ApiError::default_format(self),
                    &#p::RenderOptions::new(),
                    __serializer,
                )
            }
        }

        #display

        #integrations

        #decode
    }
}
