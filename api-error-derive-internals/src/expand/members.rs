//! The methods of the `Members` impl: the members a body writes beside the
//! fixed ones, and the constant bodies of variants that need no value.

use super::arms::{at_field, match_arms, table, transparent_members_call, variant_index, Cell};
use crate::fmt::{Piece, TemplateKind};
use crate::json::{ConstBody, Laid, Skeleton, Written};
use crate::model::{FieldSource, Kind, Message, Model, Own, Resolved};
use crate::prop::{is_direct, is_option, static_message};
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
                            (&__Member(#p::member(#inner))).visit_member(#name, __visitor)?;
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
                use #p::{Member as __Member, WriteDirect as _, WriteSerialized as _};
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
    // One table of bodies and a match to its row, not a table of rows: the
    // constant body is the whole render of a fieldless variant, and the
    // match is one load fewer on it. A match per variant over the formats
    // would cost the compiler several times more.
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
                        rows.push(body_row(&formats));
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
            let count = rows.len();
            quote! {
                const __BODIES: &[[(&str, usize); 3]] = &[#(#rows),*];
                // The same variants' bodies in the formats written from the
                // model, rendered once.
                static __MODELED: #p::ModeledBodies<#count> = #p::ModeledBodies::new();
                let __row: usize = #arms;
                match #p::const_body_in(&__BODIES[__row], __format) {
                    ::core::option::Option::None => __MODELED.get(__row, self, __format),
                    body => body,
                }
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

    let write_message = write_message(model, p);
    let skeleton = skeleton(model, p, has_transparent);

    let variant_index = variant_index(model);

    (
        quote! {
            #variant_index
            #visit_members
            #visit_debug
            #has_debug
            #is_masked
            #const_body
            #write_message
            #skeleton
        },
        quote!(#(#model_methods)*),
    )
}

/// The three bodies of a variant whose body does not depend on its value.
fn const_body(own: &Own) -> Option<[Written; 3]> {
    const_body_with(own, static_message(&own.message)?)
}

/// The three bodies of a variant with `message`, when nothing else in them
/// depends on its value.
pub(crate) fn const_body_with(own: &Own, message: &str) -> Option<[Written; 3]> {
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
        message,
        field,
        doc_url: own.doc_url.as_deref(),
    };
    Some(Layout::ALL.map(|layout| body.write(layout)))
}

/// A row of a table of constant bodies: each layout's body and where a
/// 5xx's request id goes in it. Tuples: the struct's path in every cell
/// would cost the compiler more than the table.
pub(crate) fn body_row(formats: &[Written; 3]) -> TokenStream {
    let cells = formats.iter().map(|written| {
        let (body, at) = (&written.body, written.request_id_at);
        quote!((#body, #at))
    });
    quote!([#(#cells),*])
}

/// A row of a table of skeletons: each layout's text and holes.
pub(crate) fn skeleton_row(layouts: &[Laid; 3]) -> TokenStream {
    let cells = layouts
        .iter()
        .map(|Laid { text, holes }| quote!((#text, &[#(#holes),*])));
    quote!([#(#cells),*])
}

/// The three skeletons of a variant with `message`, or a place for it.
pub(crate) fn skeletons_with(own: &Own, message: Option<&str>) -> [Laid; 3] {
    let field = match &own.field {
        Some(FieldSource::Fixed(name)) => Some(name.as_str()),
        _ => None,
    };
    let skeleton = Skeleton {
        status: own.status,
        code: &own.code,
        message,
        field,
        doc_url: own.doc_url.as_deref(),
        member_field: matches!(own.field, Some(FieldSource::Member(_))),
        members: !own.extras.is_empty() || own.errors.is_some(),
        errors: own.errors.is_some(),
    };
    Layout::ALL.map(|layout| skeleton.write(layout))
}

/// `write_message`: the public message of each variant whose template has
/// only plain placeholders of fields the runtime writes as text (strings,
/// integers, chars, booleans), written as its literal pieces, escaped here
/// once, and its placeholders. Any other message is left to `fmt_message`.
fn write_message(model: &Model, p: &TokenStream) -> Option<TokenStream> {
    let pieces_of = plain_pieces;
    let needed = model.variants.iter().any(|resolved| {
        matches!(resolved.kind, Kind::Transparent(_)) || pieces_of(resolved).is_some()
    });
    if !needed {
        return None;
    }
    let arms = match_arms(
        model,
        Some(quote!(::core::result::Result::Ok(false))),
        |resolved| {
            if let Kind::Transparent(index) = resolved.kind {
                return Some(transparent_members_call(
                    resolved,
                    index,
                    p,
                    "write_message",
                    quote!(, __writer),
                ));
            }
            Some(template_call(resolved, pieces_of(resolved)?, p))
        },
    );
    Some(quote! {
        fn write_message<__W: #p::MessageWriter>(&self, __writer: &mut __W) -> ::core::result::Result<bool, ::core::fmt::Error> {
            #[allow(unused_imports)]
            use #p::{
                MessageWriter as _, Placeholder as __Placeholder, PlaceholderDisplay as _,
                PlaceholderText as _,
            };
            #arms
        }
    })
}

/// `__writer.template(...)` writing `pieces`: the literal pieces around
/// each slot, escaped here once, one more than the slots and empty where
/// two placeholders meet; and the fields it binds.
pub(crate) fn template_call(
    resolved: &Resolved,
    pieces: &[Piece],
    p: &TokenStream,
) -> (Vec<usize>, TokenStream) {
    let mut texts = vec![String::new()];
    let mut slots = Vec::new();
    let mut used = Vec::new();
    for piece in pieces {
        match piece {
            Piece::Text(text) => api_error_wire::escape(text, &mut |bytes| {
                // Escaping keeps UTF-8 whole: it only replaces ASCII bytes.
                let last = texts.last_mut().expect("one text per slot and one more");
                last.push_str(std::str::from_utf8(bytes).unwrap_or_default());
            }),
            Piece::Field(index) => {
                used.push(*index);
                let (_, inner) = at_field(resolved, *index, p);
                slots.push(quote_spanned!(inner.span()=> (&__Placeholder(#inner)).slot()));
                texts.push(String::new());
            }
        }
    }
    used.sort_unstable();
    used.dedup();
    (
        used,
        quote!(__writer.template(&[#(#texts),*], &[#(#slots),*])),
    )
}

/// The pieces of a variant's template when `write_message` writes it.
fn plain_pieces<'m>(resolved: &'m Resolved) -> Option<&'m Vec<Piece>> {
    let Kind::Own(own) = &resolved.kind else {
        return None;
    };
    let Message::Template(template) = &own.message else {
        return None;
    };
    let TemplateKind::Dynamic {
        pieces,
        plain: true,
        ..
    } = &template.kind
    else {
        return None;
    };
    let textual = pieces.iter().all(|piece| match piece {
        Piece::Text(_) => true,
        Piece::Field(index) => {
            let ty = resolved.field(*index).ty;
            is_direct(ty) && !is_option(ty)
        }
    });
    textual.then_some(pieces)
}

/// `skeleton`: for each variant with values, its body in each layout as
/// literal runs and the places the runtime writes between them.
fn skeleton(model: &Model, p: &TokenStream, has_transparent: bool) -> Option<TokenStream> {
    let skeletons: Vec<Option<[Laid; 3]>> = model
        .variants
        .iter()
        .map(|resolved| {
            let own = resolved.own()?;
            if const_body(own).is_some() {
                return None;
            }
            Some(skeletons_with(own, static_message(&own.message)))
        })
        .collect();
    if !has_transparent && skeletons.iter().all(Option::is_none) {
        return None;
    }
    let mut skeletons = skeletons.into_iter();
    let mut rows = Vec::new();
    let lookup = table(
        model,
        p,
        quote!(u32),
        quote!(#p::NO_ROW),
        &|row| quote!(#p::skeleton_at(__SKELETONS, #row, __layout)),
        |resolved| {
            let skeleton = skeletons.next().flatten();
            match &resolved.kind {
                Kind::Own(_) => Cell::Value(match skeleton {
                    Some(layouts) => {
                        let row = u32::try_from(rows.len()).unwrap_or(u32::MAX);
                        rows.push(skeleton_row(&layouts));
                        quote!(#row)
                    }
                    None => quote!(#p::NO_ROW),
                }),
                // The inner error's skeleton lacks the `doc_url` this type's
                // `doc_base` gives it.
                Kind::Transparent(_) if model.doc_base.is_some() => Cell::Value(quote!(#p::NO_ROW)),
                Kind::Transparent(index) => {
                    let (used, call) = transparent_members_call(
                        resolved,
                        *index,
                        p,
                        "skeleton",
                        quote!(, __layout),
                    );
                    Cell::Arm(used, call)
                }
            }
        },
    );
    Some(quote! {
        fn skeleton(&self, __layout: #p::Layout) -> ::core::option::Option<(&'static str, &'static [u32])> {
            const __SKELETONS: &[[(&str, &[u32]); 3]] = &[#(#rows),*];
            #lookup
        }
    })
}
