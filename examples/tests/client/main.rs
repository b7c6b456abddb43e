//! The client side: error responses decoded back into the typed enum,
//! `from_response` against a real server, and the guides' retry loop against
//! both example servers.

#[path = "../../clients_server"]
mod clients_api {
    pub mod app;
    pub mod errors;
}

// The retry tests use part of the server.
#[allow(dead_code)]
#[path = "../../customers_server"]
mod customers_api {
    pub mod app;
    pub mod errors;
}

// The client example, whole: its `run` is what its `main` does.
#[path = "../../client.rs"]
#[allow(dead_code)]
mod client_example;

// `pub`, so that what a file declares `pub` counts as used, as when each
// file was a test binary of its own.
pub mod example;
pub mod decode;
pub mod edges;
pub mod from_response;
pub mod retry;
