//! The pieces every generated method is built of: a `match self` over the
//! variants, the bindings of their fields, and calls to a transparent
//! variant's inner error.

use crate::model::{Model, Resolved};
use proc_macro2::{Group, Ident, Span, TokenStream, TokenTree};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;

/// The binding of field `index` in a match arm.
pub fn binding(index: usize) -> Ident {
    format_ident!("__self_{}", index)
}

/// `tokens` with every token at `span`, so a type error in generated code
/// points at the user's field rather than at the derive.
pub fn respan(tokens: TokenStream, span: Span) -> TokenStream {
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
pub fn at_field(resolved: &Resolved, index: usize, p: &TokenStream) -> (TokenStream, Ident) {
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
pub fn match_arms<F>(model: &Model, default: Option<TokenStream>, mut arm: F) -> TokenStream
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

/// An arm that asks the inner error of a transparent variant `method` of
/// the public `ApiError` trait.
pub fn transparent_api_call(
    resolved: &Resolved,
    index: usize,
    p: &TokenStream,
    method: &str,
    extra_args: TokenStream,
) -> (Vec<usize>, TokenStream) {
    transparent_call(resolved, index, p, "ApiError", method, extra_args)
}

/// An arm that asks the inner error of a transparent variant `method` of
/// the runtime's `Members` trait.
pub fn transparent_members_call(
    resolved: &Resolved,
    index: usize,
    p: &TokenStream,
    method: &str,
    extra_args: TokenStream,
) -> (Vec<usize>, TokenStream) {
    transparent_call(resolved, index, p, "Members", method, extra_args)
}

fn transparent_call(
    resolved: &Resolved,
    index: usize,
    p: &TokenStream,
    owner: &str,
    method: &str,
    extra_args: TokenStream,
) -> (Vec<usize>, TokenStream) {
    let (p, inner) = at_field(resolved, index, p);
    let span = inner.span();
    let owner = Ident::new(owner, span);
    let method = Ident::new(method, span);
    let call = quote_spanned!(span=> #p::#owner::#method(#p::transparent(#inner) #extra_args));
    (vec![index], call)
}

/// One cell of a [`table`]: the variant's constant, or an arm of its own
/// binding `used` fields.
pub enum Cell {
    Value(TokenStream),
    Arm(Vec<usize>, TokenStream),
}

/// A method body that reads each variant's constant from one table indexed
/// by `Members::variant_index`, and gives the variants that need their
/// value an arm of their own: a table of literals and one shared match cost
/// the compiler far less than a match per method. `read` turns the cell read
/// into the method's value; `filler` stands in for the variants with arms.
pub fn table<F>(
    model: &Model,
    p: &TokenStream,
    ty: TokenStream,
    filler: TokenStream,
    read: &dyn Fn(TokenStream) -> TokenStream,
    mut cell: F,
) -> TokenStream
where
    F: FnMut(&Resolved) -> Cell,
{
    let mut cells = Vec::new();
    let mut arms = Vec::new();
    for resolved in &model.variants {
        match cell(resolved) {
            Cell::Value(value) => cells.push(value),
            Cell::Arm(used, body) => {
                cells.push(filler.clone());
                let pat = pattern(resolved, &used);
                arms.push(quote!(#pat => #body,));
            }
        }
    }
    if model.variants.is_empty() {
        return quote!(match *self {});
    }
    let value = match cells.as_slice() {
        [value] => read(value.clone()),
        _ => read(quote! {{
            const __TABLE: &[#ty] = &[#(#cells),*];
            __TABLE[#p::Members::variant_index(self)]
        }}),
    };
    if arms.is_empty() {
        value
    } else if arms.len() == cells.len() {
        quote!(match self { #(#arms)* })
    } else {
        quote!(match self { #(#arms)* _ => #value, })
    }
}

/// `Members::variant_index`: the position of the variant among the type's,
/// which every [`table`] reads. A type of one variant keeps the default, 0.
pub fn variant_index(model: &Model) -> Option<TokenStream> {
    if model.variants.len() < 2 {
        return None;
    }
    let arms = model.variants.iter().enumerate().map(|(index, resolved)| {
        let pat = pattern(resolved, &[]);
        quote!(#pat => #index,)
    });
    Some(quote! {
        #[inline]
        fn variant_index(&self) -> usize {
            match self {
                #(#arms)*
            }
        }
    })
}
