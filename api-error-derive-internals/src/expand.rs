use crate::ast::Input;
use crate::attr::Format;
use crate::check::{self, FieldSource, Kind, Message, Model, Own, Resolved};
use crate::ctxt::Ctxt;
use crate::fmt::TemplateKind;
use crate::json::ConstBody;
use proc_macro2::{Group, Ident, Span, TokenStream, TokenTree};
use quote::{format_ident, quote, quote_spanned, ToTokens};
use std::collections::BTreeSet;
use syn::spanned::Spanned;
use syn::{DeriveInput, LitStr};

/// The message of a masked 5xx; the runtime's `MASKED_MESSAGE`.
const MASKED_MESSAGE: &str = "An unexpected error occurred";

/// The whole derive on tokens: what the macro runs, and what tests feed.
pub fn derive_tokens(input: TokenStream) -> TokenStream {
    match syn::parse2::<DeriveInput>(input) {
        Ok(input) => derive(&input),
        Err(err) => err.to_compile_error(),
    }
}

pub fn derive(input: &DeriveInput) -> TokenStream {
    let cx = Ctxt::new();
    let parsed = Input::from_syn(&cx, input);
    let model = parsed.as_ref().map(|parsed| check::validate(&cx, parsed));
    match (cx.check(), model) {
        (Ok(()), Some(model)) => expand(&model),
        (result, model) => {
            let mut tokens = result
                .err()
                .map(|e| e.to_compile_error())
                .unwrap_or_default();
            if parsed.is_none() {
                // A union has no stand-in: nothing could use it as an error.
                return tokens;
            }
            let krate = model.as_ref().map(|m| m.krate.clone());
            let own_display = parsed.as_ref().is_none_or(|p| !p.has_display());
            tokens.extend(fallback(input, krate, own_display));
            tokens
        }
    }
}

fn binding(index: usize) -> Ident {
    format_ident!("__self_{}", index)
}

/// `tokens` with every token at `span`, so a type error in generated code
/// points at the user's field rather than at the derive.
pub fn respan_tokens(tokens: TokenStream, span: Span) -> TokenStream {
    respan(tokens, span)
}

fn respan(tokens: TokenStream, span: Span) -> TokenStream {
    tokens
        .into_iter()
        .map(|token| match token {
            TokenTree::Group(group) => {
                let mut respanned = Group::new(group.delimiter(), respan(group.stream(), span));
                respanned.set_span(span);
                TokenTree::Group(respanned)
            }
            mut other => {
                other.set_span(span);
                other
            }
        })
        .collect()
}

/// The runtime path and the binding of field `index`, both at the field.
fn at_field(resolved: &Resolved, index: usize, p: &TokenStream) -> (TokenStream, Ident) {
    let span = resolved.field(index).ty.span();
    (
        respan(p.clone(), span),
        Ident::new(&format!("__self_{index}"), span),
    )
}

/// `Self::Variant { member: __self_N, .. }` binding only `used`.
fn pattern(resolved: &Resolved, used: &[usize]) -> TokenStream {
    let path = match resolved.variant.ident {
        Some(ident) => quote!(Self::#ident),
        None => quote!(Self),
    };
    let binds = used.iter().map(|index| {
        let member = &resolved.variant.fields[*index].member;
        let binding = binding(*index);
        quote!(#member: #binding)
    });
    quote!(#path { #(#binds,)* .. })
}

/// A `match self` over all variants; `arm` gives each arm's fields and body,
/// or `None` to fall to `default`.
fn match_arms<F>(model: &Model, default: Option<TokenStream>, mut arm: F) -> TokenStream
where
    F: FnMut(&Resolved) -> Option<(Vec<usize>, TokenStream)>,
{
    let mut arms = Vec::new();
    let mut defaulted = false;
    for resolved in &model.variants {
        match arm(resolved) {
            Some((used, body)) => {
                let pat = pattern(resolved, &used);
                arms.push(quote!(#pat => #body,));
            }
            None => defaulted = true,
        }
    }
    if defaulted {
        let default = default.expect("an arm fell to a default that was not given");
        arms.push(quote!(_ => #default,));
    }
    if model.variants.is_empty() {
        return quote!(match *self {});
    }
    quote! {
        match self {
            #(#arms)*
        }
    }
}

/// An arm that asks the inner error of a transparent variant.
fn transparent_call(
    resolved: &Resolved,
    index: usize,
    p: &TokenStream,
    method: &str,
    extra_args: TokenStream,
) -> (Vec<usize>, TokenStream) {
    let (p, inner) = at_field(resolved, index, p);
    let span = inner.span();
    let method = Ident::new(method, span);
    let owner = if MEMBER_METHODS.contains(&method.to_string().as_str()) {
        quote_spanned!(span=> Members)
    } else {
        quote_spanned!(span=> ApiError)
    };
    let call = quote_spanned!(span=> #p::#owner::#method(#p::transparent(#inner) #extra_args));
    (vec![index], call)
}

/// The methods of the runtime's `Members` trait.
const MEMBER_METHODS: &[&str] = &[
    "visit_members",
    "visit_debug",
    "has_debug_members",
    "is_masked",
    "const_body",
];

fn expand(model: &Model) -> TokenStream {
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
    let decode = crate::decode::expand(model, &p);
    let api_methods = api_methods(model, &p);
    let member_methods = member_methods(model, &p);
    let catalog = crate::catalog::catalog_const(model, &p);
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
        }

        #attrs
        impl #impl_generics #p::Members for #ident #ty_generics #where_clause {
            #member_methods
        }

        #attrs
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

        #p::__integrations! { [#impl_generics] [#ident #ty_generics] [#where_clause] }

        #decode
    }
}

fn api_methods(model: &Model, p: &TokenStream) -> TokenStream {
    let has_transparent = model
        .variants
        .iter()
        .any(|v| matches!(v.kind, Kind::Transparent(_)));
    let any = |f: &dyn Fn(&Own) -> bool| {
        has_transparent || model.variants.iter().filter_map(Resolved::own).any(f)
    };

    // Without transparent variants, one conversion of the matched number:
    // no constant block per variant for the compiler to check.
    let status = if has_transparent || model.variants.is_empty() {
        match_arms(model, None, |resolved| match &resolved.kind {
            Kind::Own(own) => {
                let code = own.status;
                Some((vec![], quote!(#p::status(#code))))
            }
            Kind::Transparent(index) => {
                Some(transparent_call(resolved, *index, p, "status", quote!()))
            }
        })
    } else {
        let codes = match_arms(model, None, |resolved| {
            resolved.own().map(|own| {
                let code = own.status;
                (vec![], quote!(#code))
            })
        });
        quote!(#p::status(#codes))
    };

    let code = match_arms(model, None, |resolved| match &resolved.kind {
        Kind::Own(own) => {
            let code = &own.code;
            Some((vec![], quote!(#code)))
        }
        Kind::Transparent(index) => Some(transparent_call(resolved, *index, p, "code", quote!())),
    });

    // With its own Display and no transparent or thiserror message, the
    // public message is the Display.
    let fmt_message = if model.own_display && !has_transparent {
        quote!(::core::fmt::Display::fmt(self, __formatter))
    } else {
        match_arms(model, None, |resolved| match &resolved.kind {
            Kind::Own(own) => Some(message_arm(resolved, &own.message, p, false)),
            Kind::Transparent(index) => Some(transparent_call(
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
        let arms = match_arms(
            model,
            Some(quote!(::core::option::Option::None)),
            |resolved| match &resolved.kind {
                Kind::Own(own) => static_message(&own.message)
                    .map(|message| (vec![], quote!(::core::option::Option::Some(#message)))),
                Kind::Transparent(index) => Some(transparent_call(
                    resolved,
                    *index,
                    p,
                    "static_message",
                    quote!(),
                )),
            },
        );
        quote! {
            fn static_message(&self) -> ::core::option::Option<&'static str> {
                #arms
            }
        }
    });

    let field = any(&|own| own.field.is_some()).then(|| {
        let arms = match_arms(
            model,
            Some(quote!(::core::option::Option::None)),
            |resolved| match &resolved.kind {
                Kind::Own(own) => match own.field.as_ref()? {
                    FieldSource::Fixed(name) => {
                        Some((vec![], quote!(::core::option::Option::Some(#name))))
                    }
                    FieldSource::Member(index) => {
                        let (p, inner) = at_field(resolved, *index, p);
                        let call =
                            quote_spanned!(inner.span()=> #p::FieldValue::field_value(#inner));
                        Some((vec![*index], call))
                    }
                },
                Kind::Transparent(index) => {
                    Some(transparent_call(resolved, *index, p, "field", quote!()))
                }
            },
        );
        quote! {
            fn field(&self) -> ::core::option::Option<&str> {
                #arms
            }
        }
    });

    let doc_url = any(&|own| own.doc_url.is_some()).then(|| {
        let arms = match_arms(
            model,
            Some(quote!(::core::option::Option::None)),
            |resolved| match &resolved.kind {
                Kind::Own(own) => own
                    .doc_url
                    .as_ref()
                    .map(|url| (vec![], quote!(::core::option::Option::Some(#url)))),
                Kind::Transparent(index) => {
                    Some(transparent_call(resolved, *index, p, "doc_url", quote!()))
                }
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
                    Some(transparent_call(resolved, *index, p, "retry_after", quote!()))
                }
            }
        });
        quote! {
            fn retry_after(&self) -> ::core::option::Option<::core::time::Duration> {
                #arms
            }
        }
    });

    let grpc_code = any(&|own| own.grpc.is_some()).then(|| {
        let by_status = quote!(#p::GrpcCode::from_http(#p::ApiError::status(self)));
        let arms = match_arms(model, Some(by_status), |resolved| match &resolved.kind {
            Kind::Own(own) => own.grpc.map(|variant| {
                let variant = Ident::new(variant, Span::call_site());
                (vec![], quote!(#p::GrpcCode::#variant))
            }),
            Kind::Transparent(index) => {
                Some(transparent_call(resolved, *index, p, "grpc_code", quote!()))
            }
        });
        quote! {
            fn grpc_code(&self) -> #p::GrpcCode {
                #arms
            }
        }
    });

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
                    let (used, call) = transparent_call(resolved, *index, p, "domain", quote!());
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

fn format_path(format: Format, p: &TokenStream) -> TokenStream {
    match format {
        Format::Envelope => quote!(#p::Format::Envelope),
        Format::Flat => quote!(#p::Format::Flat),
        Format::Problem => quote!(#p::Format::Problem),
    }
}

fn static_message(message: &Message) -> Option<&str> {
    match message {
        Message::Masked => Some(MASKED_MESSAGE),
        Message::Template(template) => match &template.kind {
            TemplateKind::Static(message) => Some(message),
            TemplateKind::Dynamic { .. } => None,
        },
        Message::Display => None,
    }
}

/// The body of a `fmt_message` (or, with `display`, a `Display::fmt`) arm.
fn message_arm(
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

fn display_arms(model: &Model, p: &TokenStream) -> TokenStream {
    let _ = p;
    match_arms(model, None, |resolved| match &resolved.kind {
        Kind::Own(own) => Some(message_arm(resolved, &own.message, p, true)),
        Kind::Transparent(index) => {
            let inner = binding(*index);
            Some((
                vec![*index],
                quote!(::core::fmt::Display::fmt(#inner, __formatter)),
            ))
        }
    })
}

pub fn is_option(ty: &syn::Type) -> bool {
    match ty {
        syn::Type::Path(path) => path
            .path
            .segments
            .last()
            .is_some_and(|segment| segment.ident == "Option"),
        _ => false,
    }
}

fn source_method(model: &Model, p: &TokenStream) -> Option<TokenStream> {
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
        let inner = binding(index);
        let call = if is_option(field.ty) {
            quote_spanned!(field.ty.span()=> ::core::option::Option::Some(#inner.as_ref()?.as_dyn_error()))
        } else {
            quote_spanned!(field.ty.span()=> ::core::option::Option::Some(#inner.as_dyn_error()))
        };
        Some((vec![index], call))
    });
    Some(quote! {
        fn source(&self) -> ::core::option::Option<&(dyn ::std::error::Error + 'static)> {
            use #p::AsDynError as _;
            #arms
        }
    })
}

/// A body member a visit method writes: its name, the field's index, and
/// whether the field is the `errors` list.
type Picked = (String, usize, bool);

fn member_methods(model: &Model, p: &TokenStream) -> TokenStream {
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
                    } else {
                        quote_spanned! {inner.span()=>
                            #p::Visitor::member(__visitor, #name, #p::member(#inner))?;
                        }
                    }
                });
                Some((used, quote!({ #(#calls)* #ok })))
            }
            Kind::Transparent(index) => Some(transparent_call(
                resolved,
                *index,
                p,
                name,
                quote!(, __visitor),
            )),
        });
        Some(quote! {
            fn #method<__V: #p::Visitor>(&self, __visitor: &mut __V) -> ::core::result::Result<(), __V::Error> {
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
            members.push(("errors".to_owned(), index, true));
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
                Kind::Transparent(index) => {
                    Some(transparent_call(resolved, *index, p, name, quote!()))
                }
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
                    Kind::Own(_) => body.map(|[envelope, flat, problem]| {
                        let row = rows.len();
                        rows.push(quote!([#envelope, #flat, #problem]));
                        (vec![], quote!(#row))
                    }),
                    Kind::Transparent(index) => {
                        let (used, call) =
                            transparent_call(resolved, *index, p, "const_body", quote!(, __format));
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
                const __BODIES: &[[&str; 3]] = &[#(#rows),*];
                let __row: usize = #arms;
                ::core::option::Option::Some(#p::const_body_in(&__BODIES[__row], __format))
            }
        };
        quote! {
            fn const_body(&self, __format: #p::Format) -> ::core::option::Option<&'static str> {
                #body
            }
        }
    });

    quote! {
        #visit_members
        #visit_debug
        #has_debug
        #is_masked
        #const_body
    }
}

/// The three bodies of a variant whose body does not depend on its value.
fn const_body(own: &Own) -> Option<[String; 3]> {
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
    Some([body.envelope(), body.flat(), body.problem()])
}

/// Bounds for generic fields, added to every impl: each field that mentions a
/// type parameter must be able to play its role.
fn where_clause(model: &Model, p: &TokenStream) -> TokenStream {
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

pub fn mentions(tokens: TokenStream, params: &BTreeSet<String>) -> bool {
    tokens.into_iter().any(|token| match token {
        TokenTree::Ident(ident) => params.contains(&ident.to_string()),
        TokenTree::Group(group) => mentions(group.stream(), params),
        _ => false,
    })
}

/// Stand-in impls emitted beside the errors, so a broken derive yields its
/// own errors and no cascade of "ApiError is not implemented".
fn fallback(input: &DeriveInput, krate: Option<syn::Path>, own_display: bool) -> TokenStream {
    let ident = &input.ident;
    let krate = krate.unwrap_or_else(|| syn::parse_quote!(::api_error));
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
    let display = own_display.then(|| {
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

        #p::__integrations! { [#impl_generics] [#ident #ty_generics] [#integration_where] }
    }
}
