//! The methods of the `ApiError` impl: status, code, message and the other
//! parts of a body, each a `match` over the variants.

use super::arms::{at_field, binding, match_arms, table, transparent_api_call, Cell};
use crate::attr::Format;
use crate::fmt::TemplateKind;
use crate::model::{FieldSource, Kind, Message, Model, Own, Resolved};
use crate::prop::static_message;
use proc_macro2::{Ident, Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use syn::LitStr;

/// The methods of the `ApiError` impl.
pub fn api_methods(model: &Model, p: &TokenStream) -> TokenStream {
    let has_transparent = model
        .variants
        .iter()
        .any(|v| matches!(v.kind, Kind::Transparent(_)));
    let any = |f: &dyn Fn(&Own) -> bool| {
        has_transparent || model.variants.iter().filter_map(Resolved::own).any(f)
    };

    let some = quote!(::core::option::Option::Some);
    let none = quote!(::core::option::Option::None);
    let same = |read: TokenStream| read;
    let optional = quote!(::core::option::Option<&'static str>);
    let transparent = |resolved: &Resolved, index: usize, method: &str| {
        let (used, call) = transparent_api_call(resolved, index, p, method, quote!());
        Cell::Arm(used, call)
    };

    let status = table(
        model,
        p,
        quote!(u16),
        quote!(0),
        &|read| quote!(#p::status(#read)),
        |resolved| match &resolved.kind {
            Kind::Own(own) => {
                let code = own.status;
                Cell::Value(quote!(#code))
            }
            Kind::Transparent(index) => transparent(resolved, *index, "status"),
        },
    );

    let code = table(
        model,
        p,
        quote!(&str),
        quote!(""),
        &same,
        |resolved| match &resolved.kind {
            Kind::Own(own) => {
                let code = &own.code;
                Cell::Value(quote!(#code))
            }
            Kind::Transparent(index) => transparent(resolved, *index, "code"),
        },
    );

    // With its own Display and no transparent or thiserror message, the
    // public message is the Display.
    let fmt_message = if model.own_display && !has_transparent {
        quote!(::core::fmt::Display::fmt(self, __formatter))
    } else {
        match_arms(model, None, |resolved| match &resolved.kind {
            Kind::Own(own) => Some(message_arm(resolved, &own.message, p, false)),
            Kind::Transparent(index) => Some(transparent_api_call(
                resolved,
                *index,
                p,
                "fmt_message",
                quote!(, __formatter),
            )),
        })
    };

    let static_message = any(&|own| {
        matches!(
            &own.message,
            Message::Masked
                | Message::Template(crate::fmt::Template {
                    kind: TemplateKind::Static(_),
                    ..
                })
        )
    })
    .then(|| {
        let arms = table(
            model,
            p,
            optional.clone(),
            none.clone(),
            &same,
            |resolved| match &resolved.kind {
                Kind::Own(own) => Cell::Value(match static_message(&own.message) {
                    Some(message) => quote!(#some(#message)),
                    None => none.clone(),
                }),
                Kind::Transparent(index) => transparent(resolved, *index, "static_message"),
            },
        );
        quote! {
            fn static_message(&self) -> ::core::option::Option<&'static str> {
                #arms
            }
        }
    });

    let field = any(&|own| own.field.is_some()).then(|| {
        let arms = table(
            model,
            p,
            optional.clone(),
            none.clone(),
            &same,
            |resolved| match &resolved.kind {
                Kind::Own(own) => match &own.field {
                    None => Cell::Value(none.clone()),
                    Some(FieldSource::Fixed(name)) => Cell::Value(quote!(#some(#name))),
                    Some(FieldSource::Member(index)) => {
                        let (p, inner) = at_field(resolved, *index, p);
                        let call =
                            quote_spanned!(inner.span()=> #p::FieldValue::field_value(#inner));
                        Cell::Arm(vec![*index], call)
                    }
                },
                Kind::Transparent(index) => transparent(resolved, *index, "field"),
            },
        );
        quote! {
            fn field(&self) -> ::core::option::Option<&str> {
                #arms
            }
        }
    });

    let doc_url = any(&|own| own.doc_url.is_some()).then(|| {
        let arms = table(
            model,
            p,
            optional.clone(),
            none.clone(),
            &same,
            |resolved| match &resolved.kind {
                Kind::Own(own) => Cell::Value(match &own.doc_url {
                    Some(url) => quote!(#some(#url)),
                    None => none.clone(),
                }),
                // The inner error's own, else the one this type's
                // `doc_base` gives its code.
                Kind::Transparent(index) => match &model.doc_base {
                    Some(base) => {
                        let (p, inner) = at_field(resolved, *index, p);
                        let call = quote_spanned! {inner.span()=>
                            #p::transparent_doc_url(#p::transparent(#inner), #base)
                        };
                        Cell::Arm(vec![*index], call)
                    }
                    None => transparent(resolved, *index, "doc_url"),
                },
            },
        );
        quote! {
            fn doc_url(&self) -> ::core::option::Option<&'static str> {
                #arms
            }
        }
    });

    let retry_after = any(&|own| own.retry_after.is_some()).then(|| {
        let arms = match_arms(model, Some(quote!(::core::option::Option::None)), |resolved| {
            match &resolved.kind {
                Kind::Own(own) => own.retry_after.map(|index| {
                    let (p, inner) = at_field(resolved, index, p);
                    let call = quote_spanned!(inner.span()=> #p::RetryAfterValue::retry_after_value(#inner));
                    (vec![index], call)
                }),
                Kind::Transparent(index) => {
                    Some(transparent_api_call(resolved, *index, p, "retry_after", quote!()))
                }
            }
        });
        quote! {
            fn retry_after(&self) -> ::core::option::Option<::core::time::Duration> {
                #arms
            }
        }
    });

    // A method returning the variant of a runtime enum that `pick` names,
    // else `default`; a transparent variant asks its inner error.
    let enum_method = |method: &str,
                       ty: &str,
                       default: TokenStream,
                       pick: &dyn Fn(&Own) -> Option<&'static str>| {
        any(&|own| pick(own).is_some()).then(|| {
            let ty = Ident::new(ty, Span::call_site());
            let arms = match_arms(model, Some(default), |resolved| match &resolved.kind {
                Kind::Own(own) => pick(own).map(|variant| {
                    let variant = Ident::new(variant, Span::call_site());
                    (vec![], quote!(#p::#ty::#variant))
                }),
                Kind::Transparent(index) => {
                    Some(transparent_api_call(resolved, *index, p, method, quote!()))
                }
            });
            let method = Ident::new(method, Span::call_site());
            quote! {
                fn #method(&self) -> #p::#ty {
                    #arms
                }
            }
        })
    };
    let grpc_code = enum_method(
        "grpc_code",
        "GrpcCode",
        quote!(#p::GrpcCode::from_http(#p::ApiError::status(self))),
        &|own| own.grpc,
    );
    let field_location = enum_method(
        "field_location",
        "FieldLocation",
        quote!(#p::FieldLocation::Body),
        &|own| own.location,
    );

    // A transparent variant's code belongs to the inner type's domain, when
    // it names one.
    let domain = (model.domain.is_some() || has_transparent).then(|| {
        let own = match &model.domain {
            Some(domain) => quote!(::core::option::Option::Some(#domain)),
            None => quote!(::core::option::Option::None),
        };
        let body = if has_transparent {
            match_arms(model, Some(own.clone()), |resolved| match &resolved.kind {
                Kind::Own(_) => None,
                Kind::Transparent(index) => {
                    let (used, call) =
                        transparent_api_call(resolved, *index, p, "domain", quote!());
                    Some((used, quote!(::core::option::Option::or(#call, #own))))
                }
            })
        } else {
            own
        };
        quote! {
            fn domain(&self) -> ::core::option::Option<&'static str> {
                #body
            }
        }
    });

    let default_format = (model.format != Format::Envelope).then(|| {
        let format = format_path(model.format, p);
        quote! {
            fn default_format(&self) -> #p::Format {
                #format
            }
        }
    });

    quote! {
        fn status(&self) -> #p::StatusCode {
            #status
        }

        fn code(&self) -> &'static str {
            #code
        }

        fn fmt_message(&self, __formatter: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
            #fmt_message
        }

        #static_message
        #field
        #doc_url
        #retry_after
        #grpc_code
        #field_location
        #domain
        #default_format

        fn write_json(
            &self,
            __out: &mut ::std::vec::Vec<u8>,
            __format: #p::Format,
            __options: &#p::RenderOptions<'_>,
        ) {
            #p::write_json(self, self, __out, __format, __options);
        }

        fn to_json_with(
            &self,
            __format: #p::Format,
            __options: &#p::RenderOptions<'_>,
        ) -> ::std::string::String {
            #p::to_json(self, self, __format, __options)
        }
    }
}

/// The runtime's `Format` variant of `format`.
pub fn format_path(format: Format, p: &TokenStream) -> TokenStream {
    match format {
        Format::Envelope => quote!(#p::Format::Envelope),
        Format::Flat => quote!(#p::Format::Flat),
        Format::Problem => quote!(#p::Format::Problem),
        Format::JsonApi => quote!(#p::Format::JsonApi),
        Format::Google => quote!(#p::Format::Google),
        Format::Microsoft => quote!(#p::Format::Microsoft),
    }
}

/// The body of a `fmt_message` (or, with `display`, a `Display::fmt`) arm.
pub fn message_arm(
    resolved: &Resolved,
    message: &Message,
    p: &TokenStream,
    display: bool,
) -> (Vec<usize>, TokenStream) {
    match message {
        Message::Masked if !display => (vec![], quote!(__formatter.write_str(#p::MASKED_MESSAGE))),
        Message::Masked | Message::Display => {
            (vec![], quote!(::core::fmt::Display::fmt(self, __formatter)))
        }
        Message::Template(template) => match &template.kind {
            TemplateKind::Static(message) => (vec![], quote!(__formatter.write_str(#message))),
            TemplateKind::Dynamic { format, args, .. } => {
                let format = LitStr::new(format, template.lit.span());
                let mut used: Vec<usize> = args.iter().map(|arg| arg.index).collect();
                used.sort_unstable();
                used.dedup();
                let named = used.iter().map(|index| {
                    let name = binding(*index);
                    let value = Ident::new(&name.to_string(), resolved.field(*index).ty.span());
                    quote!(#name = #value)
                });
                (
                    used.clone(),
                    quote!(__formatter.write_fmt(::core::format_args!(#format, #(#named),*))),
                )
            }
        },
    }
}
