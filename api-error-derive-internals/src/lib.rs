//! The model, checks and code generation of `#[derive(ApiError)]`, the derive
//! of the [`api-error`](https://docs.rs/api-error) crate.
//!
//! This crate is an implementation detail: depend on `api-error`. It is a
//! library of its own so that the derive can run without a compiler around
//! it, as the fuzz tests and the expansion bench run it. Its API changes
//! without notice.

mod ast;
mod attr;
mod catalog;
mod check;
mod ctxt;
mod decode;
mod expand;
mod fmt;
mod json;

use proc_macro2::TokenStream;

/// The whole derive on the tokens of one item: its impls, or its errors as
/// `compile_error!` with stand-in impls.
pub fn derive(input: TokenStream) -> TokenStream {
    expand::derive_tokens(input)
}
