//! The runtime of [`api-error`](https://docs.rs/api-error)'s derive: what the
//! code `#[derive(ApiError)]` generates calls, and what a derived type is used
//! with.
//!
//! Applications depend on `api-error` and use its derive, not this crate: it
//! re-exports these items under the same names (`api_error::FieldErrors` is
//! this crate's [`FieldErrors`]), its cargo features turn on the integrations
//! below, and the examples here are written against it.
//!
//! - **The trait**: [`ApiError`], which every derived type implements: the
//!   status, code, public message, `field`, `doc_url`, retry advice and gRPC
//!   code of each error, and the members of its body. [`FieldErrors`] is the
//!   body's `errors` list; [`roles`] holds the traits a field's type
//!   implements to play its role.
//! - **The model**: [`model`]: the members of a body, handed to a
//!   dyn-compatible [`model::MemberVisitor`] by [`ApiError::visit_members`];
//!   every output below reads them there.
//! - **The formats**: [`Format`] names the envelope, the flat object, RFC
//!   9457 problem details, JSON:API error objects, Google's AIP-193 error and
//!   the Microsoft guidelines' error; [`format::WireFormat`] is a format as a
//!   value, one of your own included; [`reason_phrase`] gives the flat
//!   `error` and the problem `title`, [`GrpcCode`] the code over gRPC.
//! - **The renderers**: [`ApiError::to_json`] and [`ApiError::to_json_with`]
//!   write a body, with [`RenderOptions`] for the request id and the debug
//!   block; [`ErrorContext::response`] builds the whole `http::Response`; the
//!   [`catalog`] ([`Catalog`], [`assert_unique_codes!`]) renders a type's
//!   errors as Markdown, JSON and OpenAPI.
//! - **Request errors**: [`request`] parses bodies, queries and paths, and
//!   answers what goes wrong as a [`RequestError`], naming fields in
//!   [`FieldPath`]'s notation, or as a [`request::SchemaError`], worded as
//!   JSON Schema validators word them.
//! - **Clients**: [`client`] reads error responses (and gRPC statuses) back
//!   into the typed enum, and retries as the guides advise.
//! - **The integrations**, one cargo feature each: [`axum`][axum] (`axum`),
//!   [`actix`][actix] (`actix-web`) and [`tonic`][tonic] (`tonic`) turn
//!   derived types into responses and give every request its id, format and
//!   debug mode; `validator` and `garde` turn their reports into
//!   [`FieldErrors`]; `utoipa` makes every derived type utoipa's
//!   `IntoResponses` and adds `utoipa::Responses` for one operation's
//!   errors; `aide` makes every derived type aide's `OperationOutput` and the
//!   axum extractors its `OperationInput`, so an `ApiRouter` documents each
//!   handler's errors from its signature; `fluent` reads the Fluent
//!   catalogs of `#[api(locales = "...")]` and answers each request in its
//!   language (`localized`); `reqwest` adds [`client::from_response`][from_response]
//!   and [`client::send_with_retry`][send_with_retry].
//!
//! Each integration is documented when its feature is on, as on docs.rs.

// The integrations' links: to the item when its feature is on, else to
// docs.rs, so a build with any set of features links every name.
#![doc = ""]
#![cfg_attr(feature = "axum", doc = "[axum]: crate::axum")]
#![cfg_attr(
    not(feature = "axum"),
    doc = "[axum]: https://docs.rs/api-error-core/latest/api_error_core/axum/"
)]
#![cfg_attr(feature = "actix-web", doc = "[actix]: crate::actix")]
#![cfg_attr(
    not(feature = "actix-web"),
    doc = "[actix]: https://docs.rs/api-error-core/latest/api_error_core/actix/"
)]
#![cfg_attr(feature = "tonic", doc = "[tonic]: crate::tonic")]
#![cfg_attr(
    not(feature = "tonic"),
    doc = "[tonic]: https://docs.rs/api-error-core/latest/api_error_core/tonic/"
)]
#![cfg_attr(
    feature = "reqwest",
    doc = "[from_response]: crate::client::from_response"
)]
#![cfg_attr(
    not(feature = "reqwest"),
    doc = "[from_response]: https://docs.rs/api-error-core/latest/api_error_core/client/fn.from_response.html"
)]
#![cfg_attr(
    feature = "reqwest",
    doc = "[send_with_retry]: crate::client::send_with_retry"
)]
#![cfg_attr(
    not(feature = "reqwest"),
    doc = "[send_with_retry]: https://docs.rs/api-error-core/latest/api_error_core/client/fn.send_with_retry.html"
)]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

/// `into_inner`, `Deref` and `DerefMut` for the extractors that wrap one
/// value.
#[cfg(any(feature = "axum", feature = "actix-web"))]
macro_rules! wrappers {
    ($($name:ident)*) => {$(
        impl<T> $name<T> {
            /// The value.
            pub fn into_inner(self) -> T {
                self.0
            }
        }

        impl<T> std::ops::Deref for $name<T> {
            type Target = T;

            fn deref(&self) -> &T {
                &self.0
            }
        }

        impl<T> std::ops::DerefMut for $name<T> {
            fn deref_mut(&mut self) -> &mut T {
                &mut self.0
            }
        }
    )*};
}

mod byte_writer;
pub mod catalog;
mod chain;
pub mod client;
mod context;
mod doc_url;
mod error;
mod field_errors;
mod field_path;
pub mod format;
mod formats;
mod google;
mod grpc;
mod headers;
mod integrations;
#[cfg(feature = "fluent")]
pub mod localized;
mod members;
pub mod model;
mod options;
pub mod request;
mod request_id;
pub mod roles;
#[cfg(feature = "request-scope")]
mod scope;
mod serde_writer;
#[cfg(feature = "utoipa")]
pub mod utoipa;

#[cfg(feature = "aide")]
pub mod aide;
mod validation;

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
pub use chain::ErrorChain;
pub use context::{ErrorContext, Mode, MAX_LOCALES};
pub use error::{ApiError, MASKED_MESSAGE};
pub use field_errors::{FieldError, FieldErrors, MAX_FIELD_ERRORS};
pub use field_path::FieldLocation;
pub use format::{reason_phrase, Format};
pub use grpc::GrpcCode;
pub use headers::{header_value, retry_after_secs, MAX_HEADER_VALUE_LEN};
pub use http::{self, StatusCode};
#[cfg(feature = "fluent")]
pub use localized::{Locales, Localized};
pub use options::RenderOptions;
pub use request::{FieldPath, RequestError};
pub use request_id::{RequestId, X_REQUEST_ID};
