//! A borrowing model of the derive input; every node keeps what it was read
//! from, for spans.

use crate::attr::{self, FieldAttrs, ItemAttrs, Position};
use crate::ctxt::Ctxt;
use syn::{DeriveInput, Ident, Member, Type};

/// The derive input: an enum or a struct, with its attributes read.
pub struct Input<'a> {
    /// The item as syn parsed it.
    pub original: &'a DeriveInput,
    /// The type's own keys (for a struct, also its variant keys).
    pub attrs: ItemAttrs,
    /// The type's doc comment.
    pub doc: String,
    pub data: Data<'a>,
}

/// The variants of the input.
pub enum Data<'a> {
    Enum(Vec<Variant<'a>>),
    /// A struct is one variant whose keys sit on the type.
    Struct(Box<Variant<'a>>),
}

/// A variant of an enum, or the one variant a struct is.
pub struct Variant<'a> {
    /// `None` for a struct.
    pub ident: Option<&'a Ident>,
    /// The span errors about the whole variant point at.
    pub span: proc_macro2::Span,
    /// Variant keys; for a struct, empty (they live in `Input::attrs`).
    pub attrs: ItemAttrs,
    /// The variant's doc comment; for a struct, the struct's.
    pub doc: String,
    pub fields: Vec<Field<'a>>,
}

/// A field of a variant, with the roles its `#[api(...)]` gives it.
pub struct Field<'a> {
    pub original: &'a syn::Field,
    /// Its position among the variant's fields.
    pub index: usize,
    /// How generated code names it: `name` or `0`.
    pub member: Member,
    pub ty: &'a Type,
    pub attrs: FieldAttrs,
}

impl Field<'_> {
    /// The field's name without `r#`, for a named field.
    pub fn name(&self) -> Option<String> {
        self.original.ident.as_ref().map(unraw)
    }
}

impl<'a> Input<'a> {
    /// Reads `input` and its attributes, reporting mistakes to `cx`; `None`
    /// for a union, which cannot be an error type.
    pub fn from_syn(cx: &Ctxt, input: &'a DeriveInput) -> Option<Self> {
        let data = match &input.data {
            syn::Data::Enum(data) => Data::Enum(
                data.variants
                    .iter()
                    .map(|variant| Variant {
                        ident: Some(&variant.ident),
                        span: variant.ident.span(),
                        attrs: attr::item_attrs(cx, &variant.attrs, Position::Variant),
                        doc: doc(&variant.attrs),
                        fields: Field::multiple_from_syn(cx, &variant.fields),
                    })
                    .collect(),
            ),
            syn::Data::Struct(data) => Data::Struct(Box::new(Variant {
                ident: None,
                span: input.ident.span(),
                attrs: ItemAttrs::default(),
                doc: doc(&input.attrs),
                fields: Field::multiple_from_syn(cx, &data.fields),
            })),
            syn::Data::Union(data) => {
                cx.error_at(
                    data.union_token.span,
                    "ApiError cannot be derived for a union: use an enum, one variant per error",
                );
                return None;
            }
        };
        let position = match data {
            Data::Enum(_) => Position::Enum,
            Data::Struct(_) => Position::Struct,
        };
        Some(Input {
            original: input,
            attrs: attr::item_attrs(cx, &input.attrs, position),
            doc: doc(&input.attrs),
            data,
        })
    }

    /// The variants; a struct's one.
    pub fn variants(&self) -> &[Variant<'a>] {
        match &self.data {
            Data::Enum(variants) => variants,
            Data::Struct(variant) => std::slice::from_ref(&**variant),
        }
    }

    /// The name of a variant without `r#`; for a struct, the type's.
    pub fn variant_name(&self, variant: &Variant) -> String {
        unraw(variant.ident.unwrap_or(&self.original.ident))
    }

    /// The keys of a variant: its own, or the type's for a struct.
    pub fn variant_attrs<'v>(&'v self, variant: &'v Variant) -> &'v ItemAttrs {
        match self.data {
            Data::Enum(_) => &variant.attrs,
            Data::Struct(_) => &self.attrs,
        }
    }

    /// Whether Display comes from thiserror: some `#[error(...)]` is present.
    pub fn has_display(&self) -> bool {
        self.attrs.display.is_some() || self.variants().iter().any(|v| v.attrs.display.is_some())
    }
}

impl<'a> Field<'a> {
    fn multiple_from_syn(cx: &Ctxt, fields: &'a syn::Fields) -> Vec<Self> {
        fields
            .iter()
            .enumerate()
            .map(|(index, field)| Field {
                original: field,
                index,
                member: match &field.ident {
                    // `_: T` parses (an unnamed field) but no pattern can
                    // bind it, so generated code could not read it.
                    Some(ident) if ident == "_" => {
                        cx.error_spanned_by(
                            ident,
                            "a field named `_` cannot be read by the derive: give it a name",
                        );
                        Member::Named(ident.clone())
                    }
                    Some(ident) => Member::Named(ident.clone()),
                    None => Member::Unnamed(syn::Index {
                        index: index as u32,
                        span: proc_macro2::Span::call_site(),
                    }),
                },
                ty: &field.ty,
                attrs: attr::field_attrs(cx, &field.attrs),
            })
            .collect()
    }
}

/// The name `ident` spells, without `r#`.
pub fn unraw(ident: &Ident) -> String {
    let name = ident.to_string();
    name.strip_prefix("r#").map(str::to_owned).unwrap_or(name)
}

/// The text of the doc comment in `attrs`: the `#[doc = "..."]` lines, each
/// without the one space after `///`, joined and trimmed.
fn doc(attrs: &[syn::Attribute]) -> String {
    let lines: Vec<String> = attrs
        .iter()
        .filter(|attr| attr.path().is_ident("doc"))
        .filter_map(|attr| match &attr.meta {
            syn::Meta::NameValue(syn::MetaNameValue {
                value:
                    syn::Expr::Lit(syn::ExprLit {
                        lit: syn::Lit::Str(lit),
                        ..
                    }),
                ..
            }) => Some(lit.value()),
            _ => None,
        })
        .flat_map(|text| text.split('\n').map(str::to_owned).collect::<Vec<_>>())
        .map(|line| line.strip_prefix(' ').map(str::to_owned).unwrap_or(line))
        .collect();
    lines.join("\n").trim().to_owned()
}
