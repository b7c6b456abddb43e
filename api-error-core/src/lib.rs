//! Runtime support for [`api-error`](https://docs.rs/api-error): the
//! [`ApiError`] trait, the wire [`Format`]s and the renderer.
//!
//! Depend on `api-error` and use its derive; this crate is what the derive's
//! output calls.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod error;
mod field_errors;
mod format;
mod render;

#[doc(hidden)]
#[allow(missing_docs)]
#[path = "private.rs"]
pub mod __private;

pub use error::{ApiError, MASKED_MESSAGE};
pub use field_errors::{FieldError, FieldErrors};
pub use format::{reason_phrase, Format};
pub use http::StatusCode;
pub use render::RenderOptions;
