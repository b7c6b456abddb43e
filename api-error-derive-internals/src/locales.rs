//! `#[api(locales = "locales")]`: each variant's message translated in
//! Fluent catalogs, read and checked when the type is derived.
//!
//! The directory holds one directory per locale (`en`, `fr`, `pt-BR`), each
//! with its `.ftl` files. A variant's message id is its code; variants that
//! share a code each have an attribute of that message named after the
//! variant (`invalid_request.MissingField`). Every locale has every
//! message, each variable a message uses names a field of its variant, and
//! a message shows every field its source template shows.

use crate::ctxt::Ctxt;
use crate::model::Model;
use proc_macro2::TokenStream;
use syn::LitStr;

/// A variant's message in the catalogs: its id, its attribute when its
/// code is shared, and the fields the translations read, by index.
pub struct VariantMessage {
    pub id: String,
    pub attribute: Option<String>,
    pub fields: Vec<usize>,
    /// The message in each locale, as literal text and fields, when it
    /// has no more than that: the others are formatted by Fluent.
    pub compiled: Vec<Option<Vec<crate::fmt::Piece>>>,
}

/// The catalogs of a type, as read and checked.
pub struct Locales {
    /// Each locale, in name order, with its files' paths in name order.
    pub locales: Vec<(String, Vec<String>)>,
    /// One per variant; `None` for a transparent one.
    pub messages: Vec<Option<VariantMessage>>,
}

/// Reads and checks the catalogs `#[api(locales = "...")]` names, reporting
/// every problem to `cx`.
pub fn check(cx: &Ctxt, model: &Model) -> Option<Locales> {
    let lit = &model.input.attrs.locales.as_ref()?.value;
    read(cx, model, lit)
}

/// Without the `fluent` feature the catalogs are neither read nor used: a
/// crate built both with and without it compiles in both, its messages in
/// the source language in the second.
#[cfg(not(feature = "fluent"))]
fn read(_: &Ctxt, _: &Model, _: &LitStr) -> Option<Locales> {
    None
}

#[cfg(feature = "fluent")]
fn read(cx: &Ctxt, model: &Model, lit: &LitStr) -> Option<Locales> {
    fluent::read(cx, model, lit)
}

#[cfg(feature = "fluent")]
mod fluent {
    use super::{Locales, VariantMessage};
    use crate::ctxt::Ctxt;
    use crate::fmt::{Piece, TemplateKind};
    use crate::model::{Kind, Message, Model, Resolved};
    use fluent_syntax::ast::{self, Entry, Expression, InlineExpression, Pattern, PatternElement};

    /// The message whose attributes translate the items of `errors` lists,
    /// as the runtime's `localized::RULES` names it.
    const RULES: &str = "rules";
    use std::collections::BTreeMap;
    use std::path::{Path, PathBuf};
    use syn::LitStr;

    /// A locale's messages: each one's value and attributes, and the file
    /// that defines it.
    #[derive(Default)]
    struct Catalog {
        messages: BTreeMap<String, (ast::Message<String>, String)>,
    }

    /// The id and attribute of each own variant's message.
    fn ids(model: &Model) -> Vec<Option<(String, Option<String>)>> {
        let codes: Vec<Option<&str>> = model
            .variants
            .iter()
            .map(|resolved| resolved.own().map(|own| own.code.as_str()))
            .collect();
        model
            .variants
            .iter()
            .zip(&codes)
            .map(|(resolved, code)| {
                let code = (*code)?;
                let shared = codes.iter().filter(|other| **other == Some(code)).count() > 1;
                let attribute = shared.then(|| variant_name(resolved));
                Some((code.to_owned(), attribute))
            })
            .collect()
    }

    /// The variant's name; a struct's own.
    fn variant_name(resolved: &Resolved) -> String {
        match resolved.variant.ident {
            Some(ident) => ident.to_string(),
            None => "Self".to_owned(),
        }
    }

    /// The fields the source template of a variant shows.
    fn shown_fields(resolved: &Resolved) -> Vec<usize> {
        match &resolved.kind {
            Kind::Own(own) => match &own.message {
                Message::Template(template) => match &template.kind {
                    TemplateKind::Dynamic { args, .. } => {
                        let mut fields: Vec<usize> = args.iter().map(|arg| arg.index).collect();
                        fields.dedup();
                        fields
                    }
                    TemplateKind::Static(_) => Vec::new(),
                },
                Message::Display | Message::Masked => Vec::new(),
            },
            Kind::Transparent(_) => Vec::new(),
        }
    }

    pub(super) fn read(cx: &Ctxt, model: &Model, lit: &LitStr) -> Option<Locales> {
        let written = lit.value();
        // Beside the file the type is in, as `include_str!` reads; where the
        // compiler cannot say which file that is, in the crate's directory.
        let base = lit
            .span()
            .local_file()
            .and_then(|file| file.parent().map(Path::to_path_buf))
            .filter(|dir| dir.is_dir())
            .or_else(|| std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from))
            .unwrap_or_default();
        // `include_str!` reads a relative path from the including file:
        // the files are named absolutely.
        let dir = base.join(&written);
        let dir = std::path::absolute(&dir).unwrap_or(dir);
        let locales = match locale_dirs(&dir) {
            Ok(locales) if locales.is_empty() => {
                cx.error_spanned_by(
                    lit,
                    format!("`{written}` has no locale: put each locale's `.ftl` files in a directory named after it, like `{written}/en/errors.ftl`"),
                );
                return None;
            }
            Ok(locales) => locales,
            Err(error) => {
                cx.error_spanned_by(
                    lit,
                    format!(
                        "cannot read the locales directory `{written}` ({}): {error}",
                        dir.display()
                    ),
                );
                return None;
            }
        };
        let errors = cx.error_count();
        let mut catalogs = Vec::new();
        let mut files_of = Vec::new();
        for (locale, files) in &locales {
            if !is_language_tag(locale) {
                cx.error_spanned_by(
                    lit,
                    format!("`{written}/{locale}` is not named like a locale: a language tag such as `en`, `fr` or `pt-BR`"),
                );
            }
            if files.is_empty() {
                cx.error_spanned_by(lit, format!("`{written}/{locale}` has no `.ftl` file"));
            }
            let mut catalog = Catalog::default();
            let mut paths = Vec::new();
            for file in files {
                let shown = format!("{written}/{locale}/{}", file_name(file));
                paths.push(file.display().to_string());
                let source = match std::fs::read_to_string(file) {
                    Ok(source) => source,
                    Err(error) => {
                        cx.error_spanned_by(lit, format!("cannot read `{shown}`: {error}"));
                        continue;
                    }
                };
                parse(cx, lit, &shown, &source, locale, &mut catalog);
            }
            catalogs.push((locale.clone(), catalog));
            files_of.push((locale.clone(), paths));
        }
        // The catalogs' `rules` message translates the items of `errors`
        // lists: no variant's message may be it.
        for resolved in &model.variants {
            let (Some(own), Some(code)) = (resolved.own(), &resolved.variant.attrs.code) else {
                continue;
            };
            if own.code == RULES {
                cx.error_at(
                    code.value.span(),
                    format!("the code `{RULES}` is the catalogs' message that translates the items of `errors` lists by rule (`{RULES}.email = ...`): give `{}` another code", variant_name(resolved)),
                );
            }
        }
        if cx.error_count() > errors {
            return None;
        }

        let messages = ids(model)
            .into_iter()
            .zip(&model.variants)
            .map(|(id, resolved)| {
                let (id, attribute) = id?;
                // A variant whose code is its own in this type may still be
                // written as an attribute (a subset's, whose enum shares
                // the code): the first locale's catalog says which.
                let attribute = attribute.or_else(|| {
                    let name = variant_name(resolved);
                    let (_, first) = catalogs.first()?;
                    let (message, _) = first.messages.get(&id)?;
                    message
                        .attributes
                        .iter()
                        .any(|attr| attr.id.name == name)
                        .then_some(name)
                });
                let mut fields = Vec::new();
                let mut compiled = Vec::new();
                for (locale, catalog) in &catalogs {
                    compiled.push(
                        pattern_of(catalog, &id, attribute.as_deref())
                            .and_then(|pattern| compile(pattern, resolved)),
                    );
                    let used = check_variant(
                        cx,
                        resolved,
                        (&id, attribute.as_deref()),
                        (locale, &written),
                        catalog,
                    );
                    for index in used {
                        if !fields.contains(&index) {
                            fields.push(index);
                        }
                    }
                }
                fields.sort_unstable();
                Some(VariantMessage {
                    id,
                    attribute,
                    fields,
                    compiled,
                })
            })
            .collect();
        Some(Locales {
            locales: files_of,
            messages,
        })
    }

    /// Each locale directory of `dir` and its `.ftl` files, in name order.
    fn locale_dirs(dir: &Path) -> std::io::Result<Vec<(String, Vec<PathBuf>)>> {
        let mut locales = Vec::new();
        for entry in std::fs::read_dir(dir)? {
            let entry = entry?;
            if !entry.file_type()?.is_dir() {
                continue;
            }
            let name = entry.file_name().to_string_lossy().into_owned();
            let mut files = Vec::new();
            for file in std::fs::read_dir(entry.path())? {
                let path = file?.path();
                if path.extension().is_some_and(|ext| ext == "ftl") {
                    files.push(path);
                }
            }
            files.sort();
            locales.push((name, files));
        }
        locales.sort();
        Ok(locales)
    }

    fn file_name(path: &Path) -> String {
        path.file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default()
    }

    /// A BCP 47 language tag as Fluent's locales are named: a language of
    /// two to eight letters, then subtags of one to eight letters or digits.
    fn is_language_tag(name: &str) -> bool {
        let mut parts = name.split('-');
        let language = parts.next().unwrap_or_default();
        (2..=8).contains(&language.len())
            && language.bytes().all(|b| b.is_ascii_alphabetic())
            && parts.all(|part| {
                (1..=8).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_alphanumeric())
            })
    }

    /// Parses one file into `catalog`; a syntax error or a message defined
    /// twice is an error naming the file and line.
    fn parse(
        cx: &Ctxt,
        lit: &LitStr,
        shown: &str,
        source: &str,
        locale: &str,
        catalog: &mut Catalog,
    ) {
        let resource = match fluent_syntax::parser::parse(source.to_owned()) {
            Ok(resource) => resource,
            Err((resource, errors)) => {
                for error in errors {
                    let (line, column) = line_column(source, error.pos.start);
                    cx.error_spanned_by(lit, format!("{shown}:{line}:{column}: {}", error.kind));
                }
                resource
            }
        };
        for entry in resource.body {
            if let Entry::Message(message) = entry {
                let id = message.id.name.clone();
                if let Some((_, first)) = catalog.messages.get(&id) {
                    cx.error_spanned_by(
                        lit,
                        format!("locale `{locale}` defines the message `{id}` twice: in `{first}` and in `{shown}`"),
                    );
                    continue;
                }
                catalog.messages.insert(id, (message, shown.to_owned()));
            }
        }
    }

    /// The line and column, from 1, of byte `at` of `source`.
    fn line_column(source: &str, at: usize) -> (usize, usize) {
        let before = &source[..source.floor_char_boundary(at.min(source.len()))];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        (line, column)
    }

    /// The value, or the attribute, that is a variant's message.
    fn pattern_of<'c>(
        catalog: &'c Catalog,
        id: &str,
        attribute: Option<&str>,
    ) -> Option<&'c Pattern<String>> {
        let (message, _) = catalog.messages.get(id)?;
        match attribute {
            Some(attribute) => message
                .attributes
                .iter()
                .find(|attr| attr.id.name == attribute)
                .map(|attr| &attr.value),
            None => message.value.as_ref(),
        }
    }

    /// A pattern of text, string literals and variables naming fields, as
    /// the pieces Fluent formats it into; `None` for any other (a
    /// selector, a function, a term, a message reference), which Fluent
    /// formats when rendered.
    fn compile(pattern: &Pattern<String>, resolved: &Resolved) -> Option<Vec<Piece>> {
        let mut pieces = Vec::new();
        let text = |pieces: &mut Vec<Piece>, value: &str| match pieces.last_mut() {
            Some(Piece::Text(last)) => last.push_str(value),
            _ => pieces.push(Piece::Text(value.to_owned())),
        };
        for element in &pattern.elements {
            match element {
                PatternElement::TextElement { value } => text(&mut pieces, value),
                PatternElement::Placeable {
                    expression: Expression::Inline(inline),
                } => match inline {
                    // An escape sequence is Fluent's to unescape.
                    InlineExpression::StringLiteral { value } if !value.contains('\\') => {
                        text(&mut pieces, value);
                    }
                    InlineExpression::VariableReference { id } => {
                        let field = resolved
                            .variant
                            .fields
                            .iter()
                            .find(|f| f.name().as_deref() == Some(id.name.as_str()))?;
                        pieces.push(Piece::Field(field.index));
                    }
                    _ => return None,
                },
                PatternElement::Placeable { .. } => return None,
            }
        }
        Some(pieces)
    }

    /// Checks the message of one variant in one locale; the fields it uses.
    fn check_variant(
        cx: &Ctxt,
        resolved: &Resolved,
        (id, attribute): (&str, Option<&str>),
        (locale, dir): (&str, &str),
        catalog: &Catalog,
    ) -> Vec<usize> {
        let span = resolved
            .variant
            .attrs
            .code
            .as_ref()
            .map_or(resolved.variant.span, |code| code.value.span());
        let name = variant_name(resolved);
        let full_id = match attribute {
            Some(attribute) => format!("{id}.{attribute}"),
            None => id.to_owned(),
        };
        let message = catalog.messages.get(id);
        let Some(pattern) = pattern_of(catalog, id, attribute) else {
            let how = match attribute {
                Some(attribute) => format!(
                    "the variants that share the code `{id}` each have an attribute of it named after the variant: `{id} =` then `    .{attribute} = ...`"
                ),
                None => format!("add `{id} = ...` to a file of `{dir}/{locale}`"),
            };
            cx.error_at(
                span,
                format!("locale `{locale}` has no message `{full_id}` for `{name}`: {how}"),
            );
            return Vec::new();
        };
        let file = message.map(|(_, file)| file.as_str()).unwrap_or_default();
        let mut variables = Vec::new();
        variables_of(pattern, &mut variables);
        let fields = &resolved.variant.fields;
        let mut used = Vec::new();
        for variable in &variables {
            match fields
                .iter()
                .find(|f| f.name().as_deref() == Some(variable))
            {
                Some(field) => used.push(field.index),
                None => {
                    let names: Vec<String> = fields
                        .iter()
                        .filter_map(|f| f.name())
                        .map(|n| format!("`{n}`"))
                        .collect();
                    let known = match names.is_empty() {
                        true => "it has no named field".to_owned(),
                        false => format!("its fields: {}", names.join(", ")),
                    };
                    cx.error_at(
                        span,
                        format!("the `{locale}` message `{full_id}` ({file}) uses `${variable}`, which names no field of `{name}`; {known}"),
                    );
                }
            }
        }
        for index in shown_fields(resolved) {
            let field = &fields[index];
            let Some(field_name) = field.name() else {
                continue;
            };
            if !variables.contains(&field_name) {
                cx.error_at(
                    span,
                    format!("the `{locale}` message `{full_id}` ({file}) leaves out `{{{field_name}}}`, which the source message of `{name}` shows: use `{{ ${field_name} }}`"),
                );
            }
        }
        used
    }

    /// The variables `pattern` reads, each once, in order.
    fn variables_of(pattern: &Pattern<String>, out: &mut Vec<String>) {
        for element in &pattern.elements {
            if let PatternElement::Placeable { expression } = element {
                expression_variables(expression, out);
            }
        }
    }

    fn expression_variables(expression: &Expression<String>, out: &mut Vec<String>) {
        match expression {
            Expression::Select { selector, variants } => {
                inline_variables(selector, out);
                for variant in variants {
                    variables_of(&variant.value, out);
                }
            }
            Expression::Inline(inline) => inline_variables(inline, out),
        }
    }

    fn inline_variables(inline: &InlineExpression<String>, out: &mut Vec<String>) {
        match inline {
            InlineExpression::VariableReference { id } if !out.contains(&id.name) => {
                out.push(id.name.clone());
            }
            InlineExpression::FunctionReference { arguments, .. } => {
                for argument in &arguments.positional {
                    inline_variables(argument, out);
                }
                for argument in &arguments.named {
                    inline_variables(&argument.value, out);
                }
            }
            InlineExpression::TermReference {
                arguments: Some(arguments),
                ..
            } => {
                for argument in &arguments.positional {
                    inline_variables(argument, out);
                }
                for argument in &arguments.named {
                    inline_variables(&argument.value, out);
                }
            }
            InlineExpression::Placeable { expression } => expression_variables(expression, out),
            _ => {}
        }
    }
}

/// `ApiError::localized_message_for` of the type: each variant's message
/// looked up in the catalogs, with the fields its translations read; a
/// transparent variant's from its inner error.
pub fn api_method(model: &Model, locales: &Locales, p: &TokenStream) -> TokenStream {
    use crate::expand::arms::{at_field, match_arms, transparent_api_call};
    use crate::model::Kind;
    use quote::quote;

    let arms = match_arms(model, None, |resolved| {
        let index = model
            .variants
            .iter()
            .position(|other| std::ptr::eq(other, resolved))?;
        let (Kind::Own(_), Some(message)) = (&resolved.kind, &locales.messages[index]) else {
            let Kind::Transparent(inner) = resolved.kind else {
                return Some((Vec::new(), quote!(::core::option::Option::None)));
            };
            return Some(transparent_api_call(
                resolved,
                inner,
                p,
                "localized_message_for",
                quote!(, __preferred),
            ));
        };
        let id = &message.id;
        let attribute = match &message.attribute {
            Some(attribute) => quote!(::core::option::Option::Some(#attribute)),
            None => quote!(::core::option::Option::None),
        };
        let args = message.fields.iter().map(|index| {
            let name = resolved.field(*index).name().unwrap_or_default();
            let (p, binding) = at_field(resolved, *index, p);
            quote!((#name, (&#p::fluent::Arg(#binding)).fluent_value()))
        });
        Some((
            message.fields.clone(),
            quote!(__CATALOGS.localize(__preferred, #id, #attribute, [#(#args),*])),
        ))
    });
    let catalogs = match_arms(model, None, |resolved| match resolved.kind {
        Kind::Own(_) => Some((
            Vec::new(),
            quote!(::core::option::Option::Some(<Self as #p::Localized>::__catalogs())),
        )),
        Kind::Transparent(inner) => Some(transparent_api_call(
            resolved,
            inner,
            p,
            "__catalogs_of",
            quote!(),
        )),
    });
    let negotiated = match_arms(model, None, |resolved| match resolved.kind {
        Kind::Own(_) => Some((
            Vec::new(),
            quote!(#p::fluent::negotiate(<Self as #p::Localized>::locales(), __preferred)),
        )),
        Kind::Transparent(inner) => Some(transparent_api_call(
            resolved,
            inner,
            p,
            "locale_for",
            quote!(, __preferred),
        )),
    });
    quote! {
        fn __catalogs_of(&self) -> ::core::option::Option<&'static #p::fluent::Catalogs> {
            #catalogs
        }

        fn locale_for(&self, __preferred: &[&str]) -> ::core::option::Option<&'static str> {
            #negotiated
        }

        fn localized_message_for(
            &self,
            __preferred: &[&str],
        ) -> ::core::option::Option<(::std::borrow::Cow<'static, str>, &'static str)> {
            #[allow(unused_imports)]
            use #p::fluent::{AsNumber as _, AsStr as _, AsText as _};
            let __CATALOGS = <Self as #p::Localized>::__catalogs();
            #arms
        }
    }
}

/// The `Members` methods of a type with catalogs: each variant's message
/// in each locale as the derive compiled it, with the variant's bodies
/// and skeletons in the locale (`in_locale`), and the messages with fields
/// written piece by piece (`write_message_in`).
pub fn members_methods(model: &Model, locales: &Locales, p: &TokenStream) -> TokenStream {
    use crate::expand::arms::{match_arms, table, transparent_members_call, Cell};
    use crate::expand::members::{
        body_row, const_body_with, skeleton_row, skeletons_with, template_call,
    };
    use crate::fmt::Piece;
    use crate::model::Kind;
    use quote::quote;

    let count = locales.locales.len();
    let names = locales.locales.iter().map(|(locale, _)| locale);
    let some = |tokens: TokenStream| quote!(::core::option::Option::Some(#tokens));
    let none = quote!(::core::option::Option::None);
    let static_text = |pieces: &[Piece]| -> Option<String> {
        pieces
            .iter()
            .map(|piece| match piece {
                Piece::Text(text) => Some(text.as_str()),
                Piece::Field(_) => None,
            })
            .collect()
    };
    let mut rows = Vec::new();
    let mut messages = locales.messages.iter();
    let lookup = table(
        model,
        p,
        quote!(usize),
        quote!(usize::MAX),
        &|row| quote!(#p::InLocale::at(__ROWS, #row, __LOCALES, __locale)),
        |resolved| {
            let message = messages.next().and_then(Option::as_ref);
            match (&resolved.kind, message) {
                (Kind::Own(own), Some(message)) => {
                    let cells = message.compiled.iter().map(|compiled| {
                        let Some(pieces) = compiled else {
                            return none.clone();
                        };
                        let text = static_text(pieces);
                        let bodies = text
                            .as_deref()
                            .and_then(|text| const_body_with(own, text))
                            .map(|formats| {
                                let row = body_row(&formats);
                                quote!(&#row)
                            });
                        let skeletons = match bodies {
                            Some(_) => None,
                            None => {
                                let row = skeleton_row(&skeletons_with(own, text.as_deref()));
                                Some(quote!(&#row))
                            }
                        };
                        let text = text.map_or_else(|| none.clone(), |text| some(quote!(#text)));
                        let bodies = bodies.map_or_else(|| none.clone(), some);
                        let skeletons = skeletons.map_or_else(|| none.clone(), some);
                        some(quote!((#text, #bodies, #skeletons)))
                    });
                    let row = rows.len();
                    rows.push(quote!([#(#cells),*]));
                    Cell::Value(quote!(#row))
                }
                (Kind::Own(_), None) => Cell::Value(quote!(usize::MAX)),
                (Kind::Transparent(index), _) => {
                    let (used, call) = transparent_members_call(
                        resolved,
                        *index,
                        p,
                        "in_locale",
                        quote!(, __locale),
                    );
                    // The inner error's bodies lack the `doc_url` this
                    // type's `doc_base` gives it.
                    let call = match model.doc_base {
                        Some(_) => quote!(#p::InLocale::message_only(#call)),
                        None => call,
                    };
                    Cell::Arm(used, call)
                }
            }
        },
    );

    let mut messages = locales.messages.iter();
    let arms = match_arms(
        model,
        Some(quote!(::core::result::Result::Ok(false))),
        |resolved| {
            let message = messages.next().and_then(Option::as_ref);
            if let Kind::Transparent(index) = resolved.kind {
                return Some(transparent_members_call(
                    resolved,
                    index,
                    p,
                    "write_message_in",
                    quote!(, __locale, __writer),
                ));
            }
            let mut used = Vec::new();
            let locale_arms: Vec<TokenStream> = message?
                .compiled
                .iter()
                .enumerate()
                .filter_map(|(locale, compiled)| {
                    let pieces = compiled.as_ref()?;
                    static_text(pieces).is_none().then(|| {
                        let (fields, call) = template_call(resolved, pieces, p);
                        used.extend(fields);
                        quote!(#locale => #call,)
                    })
                })
                .collect();
            if locale_arms.is_empty() {
                return None;
            }
            used.sort_unstable();
            used.dedup();
            Some((
                used,
                quote!(match __locale { #(#locale_arms)* _ => ::core::result::Result::Ok(false) }),
            ))
        },
    );
    let needs_writer = locales
        .messages
        .iter()
        .flatten()
        .flat_map(|message| message.compiled.iter().flatten())
        .any(|pieces| static_text(pieces).is_none())
        || model
            .variants
            .iter()
            .any(|resolved| matches!(resolved.kind, Kind::Transparent(_)));
    let write_message_in = needs_writer.then(|| {
        quote! {
            fn write_message_in<__W: #p::MessageWriter>(
                &self,
                __locale: usize,
                __writer: &mut __W,
            ) -> ::core::result::Result<bool, ::core::fmt::Error> {
                #[allow(unused_imports)]
                use #p::{
                    MessageWriter as _, Placeholder as __Placeholder, PlaceholderDisplay as _,
                    PlaceholderText as _,
                };
                #arms
            }
        }
    });
    // The bodies of the formats written from the model, kept once
    // rendered in each locale, as the source language's are.
    let cells = rows.len() * count;
    let own = quote! {
        match #p::const_body_in(__in.bodies?, __format) {
            ::core::option::Option::None => {
                static __MODELED: #p::ModeledBodies<#cells> = #p::ModeledBodies::new();
                __MODELED.get_in(__in.cell, self, __format, ::core::option::Option::Some(__in.name))
            }
            body => body,
        }
    };
    let const_arms = match_arms(model, Some(own), |resolved| match resolved.kind {
        Kind::Transparent(index) => Some(transparent_members_call(
            resolved,
            index,
            p,
            "const_body_in_locale",
            quote!(, __in, __format),
        )),
        Kind::Own(_) => None,
    });
    quote! {
        #[inline]
        fn in_locale(&self, __locale: &str) -> ::core::option::Option<#p::InLocale> {
            const __LOCALES: &[&str; #count] = &[#(#names),*];
            const __ROWS: &[[#p::LocaleCell; #count]] = &[#(#rows),*];
            #lookup
        }

        #[inline]
        fn const_body_in_locale(
            &self,
            __in: #p::InLocale,
            __format: #p::Format,
        ) -> ::core::option::Option<#p::ConstBody> {
            #const_arms
        }

        #write_message_in
    }
}

/// `Localized` for the type: its locales.
pub fn expand(model: &Model, locales: &Locales) -> TokenStream {
    use quote::quote;

    let input = model.input.original;
    let ident = &input.ident;
    let krate = &model.krate;
    let p = quote!(#krate::__private);
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let names = locales.locales.iter().map(|(locale, _)| locale);
    let sources = locales
        .locales
        .iter()
        .map(|(locale, files)| quote!((#locale, &[#(::core::include_str!(#files)),*])));
    let type_name = crate::ast::unraw(ident);
    let messages =
        model
            .variants
            .iter()
            .zip(&locales.messages)
            .filter_map(|(resolved, message)| {
                let message = message.as_ref()?;
                let variant = resolved
                    .variant
                    .ident
                    .map_or_else(|| type_name.clone(), crate::ast::unraw);
                let id = &message.id;
                let attribute = match &message.attribute {
                    Some(attribute) => quote!(::core::option::Option::Some(#attribute)),
                    None => quote!(::core::option::Option::None),
                };
                let fields = message
                    .fields
                    .iter()
                    .map(|index| resolved.field(*index).name().unwrap_or_default());
                Some(quote! {
                    #p::fluent::MessageId {
                        variant: #variant,
                        id: #id,
                        attribute: #attribute,
                        fields: &[#(#fields),*],
                    }
                })
            });
    quote! {
        #[automatically_derived]
        impl #impl_generics #p::Localized for #ident #ty_generics #where_clause {
            fn locales() -> &'static [&'static str] {
                &[#(#names),*]
            }

            fn __catalogs() -> &'static #p::fluent::Catalogs {
                static __CATALOGS: #p::fluent::Catalogs = #p::fluent::Catalogs::new(&[#(#sources),*]);
                &__CATALOGS
            }

            fn __messages() -> &'static [#p::fluent::MessageId] {
                &[#(#messages),*]
            }
        }
    }
}
