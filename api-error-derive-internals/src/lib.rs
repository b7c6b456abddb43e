//! The model, checks and code generation of `#[derive(ApiError)]`, the derive
//! of the [`api-error`](https://docs.rs/api-error) crate.
//!
//! This crate is an implementation detail: depend on `api-error`, whose
//! documentation describes the attributes. Its API changes without notice.
//! It is a library of its own, as serde's derive internals are, so the derive
//! runs without a compiler around it: the fuzz tests and the expansion bench
//! call it, and so can tools that read the model.
//!
//! The derive is three stages over a [`Ctxt`] that collects every error:
//! [`ast`] reads the input and its attributes, [`check`] resolves each
//! variant into the [`model`] and reports what is wrong, and [`expand`]
//! writes the impls. A type that fails the checks gets the errors and the
//! stand-ins of [`fallback`] instead.
//!
//! ```
//! use api_error_derive_internals::{ast::Input, check, expand, resolve, Ctxt};
//!
//! let input: syn::DeriveInput = syn::parse_quote! {
//!     enum ClientsError {
//!         #[api(status = 404, message = "Client not found")]
//!         NotFound,
//!     }
//! };
//! let cx = Ctxt::new();
//! let parsed = Input::from_syn(&cx, &input).expect("an enum");
//! let model = resolve::resolve(&cx, &parsed);
//! check::check(&cx, &model);
//! cx.check().expect("no mistakes");
//! assert_eq!(model.variants[0].own().unwrap().code, "not_found");
//! let impls = expand::expand(&model).to_string();
//! assert!(impls.contains("ApiError for ClientsError"));
//!
//! // The whole derive, as the macro runs it: a mistake gives the error.
//! let output = api_error_derive_internals::derive(quote::quote! {
//!     enum ClientsError {
//!         #[api(status = 200, message = "Client found")]
//!         Found,
//!     }
//! });
//! assert!(output.to_string().contains("status 200 (a success status) is not an error status"));
//! ```

pub mod ast;
pub mod attr;
pub mod check;
mod ctxt;
pub mod expand;
pub mod fallback;
pub mod fmt;
mod json;
pub mod locales;
pub mod model;
mod prop;
pub mod resolve;
mod subset;
mod suggest;

pub use crate::ctxt::Ctxt;

use proc_macro2::TokenStream;
use syn::DeriveInput;

/// The whole derive on the tokens of one item, as the macro runs it: the
/// impls, or the errors as `compile_error!` beside stand-in impls.
pub fn derive(input: TokenStream) -> TokenStream {
    match syn::parse2::<DeriveInput>(input) {
        Ok(input) => derive_input(&input),
        Err(err) => err.to_compile_error(),
    }
}

/// The whole derive on a parsed item.
pub fn derive_input(input: &DeriveInput) -> TokenStream {
    let cx = Ctxt::new();
    let Some(parsed) = ast::Input::from_syn(&cx, input) else {
        // A union has no stand-in: nothing could use it as an error.
        return cx
            .check()
            .err()
            .map(|e| e.to_compile_error())
            .unwrap_or_default();
    };
    let model = resolve::resolve(&cx, &parsed);
    check::check(&cx, &model);
    subset::check(&cx, input, &parsed.attrs.subsets);
    let locales = locales::check(&cx, &model);
    match cx.check() {
        Ok(()) => {
            let mut tokens = expand::expand_with(&model, locales.as_ref());
            tokens.extend(subset::expand(&model, &parsed.attrs.subsets));
            if let Some(locales) = &locales {
                tokens.extend(locales::expand(&model, locales));
            }
            tokens
        }
        Err(errors) => {
            let mut tokens = errors.to_compile_error();
            tokens.extend(fallback::fallback(&model));
            tokens
        }
    }
}
