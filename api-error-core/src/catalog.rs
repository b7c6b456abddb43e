//! The error catalog: every error a type can answer with, known at compile
//! time, for reference documentation, OpenAPI and tests.
//!
//! `#[derive(ApiError)]` implements [`Catalog`] for the type: one [`Entry`]
//! per variant with its status, gRPC code, code, message template, `field`, `doc_url`,
//! body members and the variant's doc comment, and the catalogs of the types
//! its `transparent` variants wrap. From a catalog come:
//!
//! - [`ErrorCatalog::to_markdown`]: a reference page in the style of an API's
//!   error guide;
//! - [`ErrorCatalog::to_json`]: the catalog as JSON, for tools and for
//!   [`assert_snapshot`];
//! - [`ErrorCatalog::openapi_components`]: OpenAPI 3.1 schemas and responses.
//!
//! ```
//! use api_error::catalog::{Catalog, JsonType};
//! use api_error::{ApiError, GrpcCode, StatusCode};
//!
//! #[derive(Debug, ApiError)]
//! #[api(doc_base = "https://docs.example.com/errors")]
//! enum ClientError {
//!     /// The resource does not exist.
//!     #[api(status = 404, code = "not_found", message = "{resource} not found")]
//!     NotFound {
//!         #[api(extra)]
//!         resource: String,
//!         #[api(extra)]
//!         id: u64,
//!     },
//!
//!     /// Too many requests.
//!     #[api(status = 429, code = "rate_limit_exceeded",
//!           message = "Rate limit exceeded. Retry after {secs} seconds.")]
//!     RateLimited {
//!         #[api(retry_after)]
//!         secs: u64,
//!     },
//! }
//!
//! let catalog = ClientError::catalog();
//! let entry = catalog.get("not_found").unwrap();
//! assert_eq!(entry.status, StatusCode::NOT_FOUND);
//! assert_eq!(entry.grpc, GrpcCode::NotFound);
//! assert_eq!(entry.message, "{resource} not found");
//! assert_eq!(entry.description, "The resource does not exist.");
//! assert_eq!(entry.doc_url, Some("https://docs.example.com/errors#not_found"));
//! assert_eq!(entry.extras[1].name, "id");
//! assert_eq!(entry.extras[1].json_type, JsonType::Integer);
//! assert!(!entry.is_retryable());
//!
//! let entry = catalog.get("rate_limit_exceeded").unwrap();
//! assert!(entry.is_retryable());
//! assert_eq!(entry.headers(), ["Content-Type", "Retry-After", "X-Request-Id"]);
//! ```

pub(crate) mod clash;
mod handler;
mod markdown;
pub(crate) mod member_type;
pub(crate) mod model;
pub(crate) mod openapi;
mod sample;
mod schema;
mod serialize;
mod set;
mod snapshot;
#[cfg(test)]
mod testing;

pub use handler::{check_document, Handler};
pub use member_type::MemberType;
pub use model::{Catalog, Entries, Entry, ErrorCatalog, Extra, FieldMember, JsonType, Variant};
pub use set::ErrorSet;

/// The Markdown reference with the message of each entry `message` gives a
/// template for in place of its own.
#[cfg(feature = "fluent")]
pub(crate) fn markdown_with(
    catalog: &ErrorCatalog,
    message: &dyn Fn(&Entry) -> Option<String>,
) -> String {
    markdown::render(catalog, message)
}
pub use snapshot::{assert_snapshot, update_requested, SNAPSHOT_UPDATE_ENV};
