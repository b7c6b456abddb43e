//! The `#[derive(ApiError)]` macro of the [`api-error`](https://docs.rs/api-error)
//! crate. Depend on `api-error`, not on this crate: its documentation
//! describes the attributes.
//!
//! The macro is a shell over `api-error-derive-internals`, where the derive's
//! model, checks and code generation live so tests and tools can run them
//! without a compiler.

use proc_macro::TokenStream;

/// Derives `ApiError`, `serde::Serialize` and, unless thiserror provides them,
/// `Display` and `std::error::Error`. See the `api-error` crate.
#[proc_macro_derive(ApiError, attributes(api))]
pub fn derive_api_error(input: TokenStream) -> TokenStream {
    api_error_derive_internals::derive(input.into()).into()
}
