//! The error catalog: entries and member types of derived types, the example
//! servers' catalogs pinned in snapshots, their OpenAPI documents checked by a
//! validator, and utoipa's `IntoResponses`.

#[path = "../../examples/clients_server/errors.rs"]
#[allow(dead_code)]
mod clients;
#[path = "../../examples/customers_server/errors.rs"]
#[allow(dead_code)]
mod customers;

// `pub`, so that what a file declares `pub` counts as used, as when each
// file was a test binary of its own.
pub mod entries;
pub mod openapi;
pub mod snapshot;
#[cfg(all(feature = "utoipa", feature = "axum"))]
pub mod utoipa_responses;
