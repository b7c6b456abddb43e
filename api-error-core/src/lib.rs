//! Runtime support for [`api-error`](https://docs.rs/api-error): the
//! [`ApiError`] trait, the wire [`Format`]s and the renderer.
//!
//! Depend on `api-error` and use its derive; this crate is what the derive's
//! output calls.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod catalog;
pub mod client;
mod error;
mod field_errors;
mod field_path;
mod format;
mod grpc;
mod integrations;
mod members;
mod render;
pub mod request;
mod response;
pub mod roles;
#[cfg(feature = "request-scope")]
mod scope;
#[cfg(feature = "utoipa")]
mod utoipa;
mod validation;
mod writer;

#[cfg(feature = "axum")]
pub mod axum;

#[cfg(feature = "actix-web")]
pub mod actix;

#[cfg(feature = "tonic")]
pub mod tonic;

#[doc(hidden)]
#[allow(missing_docs)]
#[path = "private.rs"]
pub mod __private;

pub use catalog::Catalog;
pub use error::{ApiError, MASKED_MESSAGE};
pub use field_errors::{FieldError, FieldErrors, MAX_FIELD_ERRORS};
pub use format::{reason_phrase, Format};
pub use grpc::GrpcCode;
pub use http::{self, StatusCode};
pub use members::RenderOptions;
pub use request::{FieldPath, RequestError};
pub use response::{
    header_value, retry_after_secs, ErrorChain, ErrorContext, Mode, RequestId,
    MAX_HEADER_VALUE_LEN, X_REQUEST_ID,
};
