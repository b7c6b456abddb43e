//! The client side: error responses decoded back into the typed enum,
//! `from_response` against a real server, and the guides' retry loop against
//! both example servers.

#[cfg(all(
    feature = "axum",
    feature = "actix-web",
    feature = "reqwest",
    feature = "validator"
))]
#[path = "../../examples/clients_server"]
mod clients_api {
    pub mod app;
    pub mod errors;
}

// The retry tests use part of the server.
#[cfg(all(
    feature = "axum",
    feature = "actix-web",
    feature = "reqwest",
    feature = "validator"
))]
#[allow(dead_code)]
#[path = "../../examples/customers_server"]
mod customers_api {
    pub mod app;
    pub mod errors;
}

// `pub`, so that what a file declares `pub` counts as used, as when each
// file was a test binary of its own.
pub mod decode;
#[cfg(all(feature = "axum", feature = "reqwest"))]
pub mod from_response;
#[cfg(all(
    feature = "axum",
    feature = "actix-web",
    feature = "reqwest",
    feature = "validator"
))]
pub mod retry;
