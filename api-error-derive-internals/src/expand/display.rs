//! `Display` and `std::error::Error`, for a type without thiserror.

use super::api::message_arm;
use super::arms::{binding, match_arms, respan, table, Cell};
use crate::fmt::{Template, TemplateKind};
use crate::model::{Kind, Message, Model};
use crate::prop::is_option;
use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

/// The body of the `Display` impl the derive writes without thiserror: the
/// static messages from a table, the others an arm each.
pub fn display_arms(model: &Model, p: &TokenStream) -> TokenStream {
    table(
        model,
        p,
        quote!(&str),
        quote!(""),
        &|message| quote!(__formatter.write_str(#message)),
        |resolved| match &resolved.kind {
            Kind::Own(own) => match &own.message {
                Message::Template(Template {
                    kind: TemplateKind::Static(message),
                    ..
                }) => Cell::Value(quote!(#message)),
                message => {
                    let (used, body) = message_arm(resolved, message, p, true);
                    Cell::Arm(used, body)
                }
            },
            Kind::Transparent(index) => {
                let inner = binding(*index);
                Cell::Arm(
                    vec![*index],
                    quote!(::core::fmt::Display::fmt(#inner, __formatter)),
                )
            }
        },
    )
}

/// `Error::source`, when a variant has a source or is transparent.
pub fn source_method(model: &Model, p: &TokenStream) -> Option<TokenStream> {
    let has_source = model
        .variants
        .iter()
        .any(|v| v.source.is_some() || matches!(v.kind, Kind::Transparent(_)));
    if !has_source {
        return None;
    }
    let none = quote!(::core::option::Option::None);
    let arms = match_arms(model, Some(none), |resolved| {
        if let Kind::Transparent(index) = resolved.kind {
            let inner = binding(index);
            let ty = resolved.field(index).ty;
            let p = respan(p.clone(), ty.span());
            let call = quote_spanned! {ty.span()=>
                ::std::error::Error::source(#p::AsDynError::as_dyn_error(#inner))
            };
            return Some((vec![index], call));
        }
        let index = resolved.source?;
        let field = resolved.field(index);
        let mut inner = binding(index);
        inner.set_span(field.ty.span());
        let p = respan(p.clone(), field.ty.span());
        let call = if is_option(field.ty) {
            quote_spanned!(field.ty.span()=> ::core::option::Option::Some((&&&&#p::SourceProbe(#inner.as_ref()?)).source_value()))
        } else {
            quote_spanned!(field.ty.span()=> ::core::option::Option::Some((&&&&#p::SourceProbe(#inner)).source_value()))
        };
        Some((vec![index], call))
    });
    Some(quote! {
        fn source(&self) -> ::core::option::Option<&(dyn ::std::error::Error + 'static)> {
            #[allow(unused_imports)]
            use #p::{SourceAny as _, SourceDeref as _, SourceDerefTwice as _, SourceDirect as _};
            #arms
        }
    })
}
