//! The `#[derive(ApiError)]` macro of the [`api-error`](https://docs.rs/api-error)
//! crate. Depend on `api-error`, not on this crate: its documentation
//! describes the attributes.

mod ast;
mod attr;
mod catalog;
mod check;
mod ctxt;
mod decode;
mod expand;
mod fmt;
mod json;

#[cfg(test)]
mod fuzz;

use proc_macro::TokenStream;

/// Derives `ApiError`, `serde::Serialize` and, unless thiserror provides them,
/// `Display` and `std::error::Error`. See the `api-error` crate.
#[proc_macro_derive(ApiError, attributes(api))]
pub fn derive_api_error(input: TokenStream) -> TokenStream {
    expand::derive_tokens(input.into()).into()
}
