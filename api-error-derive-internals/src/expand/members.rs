//! The methods of the `Members` impl: the members a body writes beside the
//! fixed ones, and the constant bodies of variants that need no value.

use super::arms::{at_field, match_arms, transparent_members_call};
use crate::json::{ConstBody, Written};
use crate::model::{FieldSource, Kind, Message, Model, Own, Resolved};
use crate::prop::{is_direct, static_message};
use api_error_wire::Layout;
use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};

/// A body member a visit method writes: its name, the field's index, and
/// whether the field is the `errors` list.
type Picked = (String, usize, bool);

/// The methods of the `Members` impl, and the `ApiError` methods that hand
/// the same members to a dyn-compatible visitor.
pub fn member_methods(model: &Model, p: &TokenStream) -> (TokenStream, TokenStream) {
    let has_transparent = model
        .variants
        .iter()
        .any(|v| matches!(v.kind, Kind::Transparent(_)));
    let ok = quote!(::core::result::Result::Ok(()));

    let visit = |name: &str, pick: &dyn Fn(&Own) -> Vec<Picked>| -> Option<TokenStream> {
        let needed = has_transparent
            || model
                .variants
                .iter()
                .filter_map(Resolved::own)
                .any(|own| !pick(own).is_empty());
        if !needed {
            return None;
        }
        let method = format_ident!("{}", name);
        let arms = match_arms(model, Some(ok.clone()), |resolved| match &resolved.kind {
            Kind::Own(own) => {
                let members = pick(own);
                if members.is_empty() {
                    return None;
                }
                let used = members.iter().map(|(_, index, _)| *index).collect();
                let calls = members.iter().map(|(name, index, is_errors)| {
                    let (p, inner) = at_field(resolved, *index, p);
                    if *is_errors {
                        quote_spanned! {inner.span()=>
                            #p::Visitor::errors(
                                __visitor,
                                #p::ErrorList::field_errors(#p::errors(#inner)),
                            )?;
                        }
                    } else if is_direct(resolved.field(*index).ty) {
                        // A string or a number: written without serde where
                        // the visitor can (`WriteDirect`), else through its
                        // `Serialize` (`WriteSerialized`).
                        quote_spanned! {inner.span()=>
                            (&#p::Member(#p::member(#inner))).visit_member(#name, __visitor)?;
                        }
                    } else {
                        quote_spanned! {inner.span()=>
                            #p::Visitor::member(__visitor, #name, #p::member(#inner))?;
                        }
                    }
                });
                Some((used, quote!({ #(#calls)* #ok })))
            }
            Kind::Transparent(index) => Some(transparent_members_call(
                resolved,
                *index,
                p,
                name,
                quote!(, __visitor),
            )),
        });
        Some(quote! {
            fn #method<__V: #p::Visitor>(&self, __visitor: &mut __V) -> ::core::result::Result<(), __V::Error> {
                #[allow(unused_imports)]
                use #p::{WriteDirect as _, WriteSerialized as _};
                #arms
            }
        })
    };
    let visit_members = visit("visit_members", &|own| {
        let mut members: Vec<_> = own
            .extras
            .iter()
            .map(|(n, i)| (n.clone(), *i, false))
            .collect();
        if let Some(index) = own.errors {
            members.push((api_error_wire::names::ERRORS.to_owned(), index, true));
        }
        members
    });
    let visit_debug = visit("visit_debug", &|own| {
        own.debug
            .iter()
            .map(|(n, i)| (n.clone(), *i, false))
            .collect()
    });

    let flag = |name: &str, test: &dyn Fn(&Own) -> bool| -> Option<TokenStream> {
        let needed = has_transparent || model.variants.iter().filter_map(Resolved::own).any(test);
        if !needed {
            return None;
        }
        let method = format_ident!("{}", name);
        let arms = match_arms(model, Some(quote!(false)), |resolved| {
            match &resolved.kind {
                Kind::Own(own) => test(own).then(|| (vec![], quote!(true))),
                Kind::Transparent(index) => Some(transparent_members_call(
                    resolved,
                    *index,
                    p,
                    name,
                    quote!(),
                )),
            }
        });
        Some(quote! {
            fn #method(&self) -> bool {
                #arms
            }
        })
    };
    let has_debug = flag("has_debug_members", &|own| !own.debug.is_empty());
    let is_masked = flag("is_masked", &|own| matches!(own.message, Message::Masked));

    let const_bodies = model
        .variants
        .iter()
        .map(|resolved| resolved.own().and_then(const_body))
        .collect::<Vec<_>>();
    // One table of bodies and a match to its row: a match per variant over
    // the formats costs the compiler several times more.
    let const_body = (has_transparent || const_bodies.iter().any(Option::is_some)).then(|| {
        let mut bodies = const_bodies.into_iter();
        let mut rows = Vec::new();
        let arms = match_arms(
            model,
            Some(quote!(return ::core::option::Option::None)),
            |resolved| {
                let body = bodies.next().flatten();
                match &resolved.kind {
                    Kind::Own(_) => body.map(|formats| {
                        let row = rows.len();
                        let cells = formats.iter().map(|written| {
                            let (body, at) = (&written.body, written.request_id_at);
                            quote!(#p::ConstBody { body: #body, request_id_at: #at })
                        });
                        rows.push(quote!([#(#cells),*]));
                        (vec![], quote!(#row))
                    }),
                    // Without a `doc_url` of its own, the inner error's
                    // constant body lacks the one this type's `doc_base`
                    // gives it.
                    Kind::Transparent(index) if model.doc_base.is_some() => {
                        let (p, inner) = at_field(resolved, *index, p);
                        let call = quote_spanned! {inner.span()=>
                            #p::transparent_const_body(#p::transparent(#inner), __format)
                        };
                        Some((vec![*index], quote!(return #call)))
                    }
                    Kind::Transparent(index) => {
                        let (used, call) = transparent_members_call(
                            resolved,
                            *index,
                            p,
                            "const_body",
                            quote!(, __format),
                        );
                        Some((used, quote!(return #call)))
                    }
                }
            },
        );
        // Without rows every arm returns.
        let body = if rows.is_empty() {
            arms
        } else {
            quote! {
                const __BODIES: &[[#p::ConstBody; 3]] = &[#(#rows),*];
                let __row: usize = #arms;
                #p::const_body_in(&__BODIES[__row], __format)
            }
        };
        quote! {
            fn const_body(&self, __format: #p::Format) -> ::core::option::Option<#p::ConstBody> {
                #body
            }
        }
    });

    let dyn_visit = |generic: &Option<TokenStream>, name: &str| {
        generic.as_ref().map(|_| {
            let method = format_ident!("{}", name);
            quote! {
                fn #method(&self, __visitor: &mut dyn #p::MemberVisitor) -> ::core::result::Result<(), #p::Stop> {
                    #p::Members::#method(self, &mut #p::DynVisitor(__visitor))
                }
            }
        })
    };
    let dyn_flag = |generic: &Option<TokenStream>, name: &str| {
        generic.as_ref().map(|_| {
            let method = format_ident!("{}", name);
            quote! {
                fn #method(&self) -> bool {
                    #p::Members::#method(self)
                }
            }
        })
    };
    let model_methods = [
        dyn_visit(&visit_members, "visit_members"),
        dyn_visit(&visit_debug, "visit_debug"),
        // Without debug members the default would visit nothing to learn it.
        Some(
            dyn_flag(&has_debug, "has_debug_members").unwrap_or_else(|| {
                quote!(
                    fn has_debug_members(&self) -> bool {
                        false
                    }
                )
            }),
        ),
        dyn_flag(&is_masked, "is_masked"),
    ];

    (
        quote! {
            #visit_members
            #visit_debug
            #has_debug
            #is_masked
            #const_body
        },
        quote!(#(#model_methods)*),
    )
}

/// The three bodies of a variant whose body does not depend on its value.
fn const_body(own: &Own) -> Option<[Written; 3]> {
    if !own.extras.is_empty() || own.errors.is_some() {
        return None;
    }
    let field = match &own.field {
        None => None,
        Some(FieldSource::Fixed(name)) => Some(name.as_str()),
        Some(FieldSource::Member(_)) => return None,
    };
    let body = ConstBody {
        status: own.status,
        code: &own.code,
        message: static_message(&own.message)?,
        field,
        doc_url: own.doc_url.as_deref(),
    };
    Some(Layout::ALL.map(|layout| body.write(layout)))
}
