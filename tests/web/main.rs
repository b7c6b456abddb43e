//! The example servers of both guides over real HTTP: every error each guide
//! shows, with status, headers and exact body, and the guides' JavaScript
//! snippets run under node against them.

#[cfg(all(feature = "axum", feature = "validator"))]
#[path = "../../examples/clients_server"]
mod clients_api {
    pub mod app;
    pub mod errors;
}

#[cfg(feature = "actix-web")]
#[path = "../../examples/customers_server"]
mod customers_api {
    pub mod app;
    pub mod errors;
}

#[cfg(any(feature = "axum", feature = "actix-web"))]
pub mod http;

#[cfg(all(feature = "axum", feature = "validator"))]
#[path = "../common/logs.rs"]
pub mod logs;

// `pub`, so that what a file declares `pub` counts as used, as when each
// file was a test binary of its own.
#[cfg(all(feature = "axum", feature = "validator"))]
pub mod clients;
#[cfg(feature = "actix-web")]
pub mod customers;
#[cfg(all(feature = "axum", feature = "actix-web", feature = "validator"))]
pub mod js;
#[cfg(all(
    feature = "axum",
    feature = "actix-web",
    feature = "validator",
    feature = "garde"
))]
pub mod validation;
