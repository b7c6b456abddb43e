//! The static catalog of a derived type: one constant, a slice of entries
//! built by const fns of the runtime.

use super::api::format_path;
use crate::ast::unraw;
use crate::model::{FieldSource, Kind, Message, Model, Own, Resolved};
use crate::prop::MASKED_MESSAGE;
use proc_macro2::TokenStream;
use quote::quote;

/// The items of the `Catalog` impl: its `CATALOG` constant.
pub fn catalog_const(model: &Model, p: &TokenStream) -> TokenStream {
    let input = model.input;
    let type_name = unraw(&input.original.ident);
    let format = format_path(model.format, p);
    let description = &input.doc;
    let doc_base = model.doc_base.clone().unwrap_or_default();
    let variants = model
        .variants
        .iter()
        .map(|resolved| variant(model, resolved, &type_name, p));
    quote! {
        const CATALOG: &'static #p::ErrorCatalog = {
            // Reads a member's JSON type, or `Any` when its type has none.
            #[allow(unused_imports)]
            use #p::ProbeFallback as _;
            &#p::error_catalog(
                #type_name,
                ::core::concat!(::core::module_path!(), "::", #type_name),
                #format,
                #description,
                #doc_base,
                &[#(#variants),*],
            )
        };
    }
}

fn variant(model: &Model, resolved: &Resolved, type_name: &str, p: &TokenStream) -> TokenStream {
    let variant = resolved.variant;
    let name = variant.ident.map_or_else(|| type_name.to_owned(), unraw);
    let description = &variant.doc;
    match &resolved.kind {
        Kind::Transparent(field) => {
            let ty = resolved.field(*field).ty;
            quote! {
                #p::CatalogVariant::Transparent {
                    variant: #name,
                    description: #description,
                    inner: <#p::Probe<#ty>>::CATALOG,
                }
            }
        }
        Kind::Own(own) => {
            let entry = entry(model, resolved, own, type_name, &name, p);
            quote!(#p::CatalogVariant::Own(#entry))
        }
    }
}

fn entry(
    model: &Model,
    resolved: &Resolved,
    own: &Own,
    type_name: &str,
    name: &str,
    p: &TokenStream,
) -> TokenStream {
    let status = own.status;
    let code = &own.code;
    let message = match &own.message {
        Message::Template(template) => template.lit.value(),
        Message::Masked => MASKED_MESSAGE.to_owned(),
        Message::Display => model
            .input
            .variant_attrs(resolved.variant)
            .display
            .as_ref()
            .and_then(|display| display.template.clone())
            .unwrap_or_default(),
    };
    let (field, field_from) = match &own.field {
        Some(FieldSource::Fixed(field)) => (field.clone(), String::new()),
        Some(FieldSource::Member(index)) => {
            let field = resolved.field(*index);
            (
                String::new(),
                field.name().unwrap_or_else(|| index.to_string()),
            )
        }
        None => (String::new(), String::new()),
    };
    let doc_url = own.doc_url.clone().unwrap_or_default();
    let extras = own.extras.iter().map(|(member, index)| {
        let ty = resolved.field(*index).ty;
        quote!(#p::catalog_extra(#member, <#p::Probe<#ty>>::JSON_TYPE))
    });
    let errors = own.errors.is_some();
    let retry_after = own.retry_after.is_some();
    let description = &resolved.variant.doc;
    let entry = quote! {
        #p::CatalogEntry::__of(
            #type_name, #name, #status, #code, #message, #field, #field_from, #doc_url,
            &[#(#extras),*], #errors, #retry_after, #description,
        )
    };
    match own.grpc {
        Some(variant) => {
            let variant = syn::Ident::new(variant, proc_macro2::Span::call_site());
            quote!(#p::catalog_entry_grpc(#entry, #p::GrpcCode::#variant))
        }
        None => entry,
    }
}
