//! The error catalog: entries and member types of derived types, the example
//! servers' catalogs pinned in snapshots, their OpenAPI documents checked by a
//! validator, utoipa's `IntoResponses`, and the per-operation errors of
//! utoipa's and aide's documents, the clients example's among them.

#[path = "../../clients_server"]
#[allow(dead_code)]
mod clients_api {
    pub mod app;
    pub mod errors;
}
use clients_api::errors as clients;
#[path = "../../customers_server/errors.rs"]
#[allow(dead_code)]
mod customers;

#[path = "../common/tools.rs"]
pub mod tools;

// `pub`, so that what a file declares `pub` counts as used, as when each
// file was a test binary of its own.
pub mod aide_router;
pub mod clients_router;
pub mod endpoint_errors;
pub mod entries;
pub mod openapi;
pub mod snapshot;
pub mod utoipa_responses;
