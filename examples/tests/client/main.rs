//! The client side: error responses decoded back into the typed enum,
//! `from_response` against a real server, and the guides' retry loop against
//! both example servers.

// The client example, whole (its `run` is what its `main` does), and the
// two servers it starts, which the other tests use too.
#[path = "../../client.rs"]
#[allow(dead_code)]
mod client_example;

use client_example::{clients_api, customers_api};

// `pub`, so that what a file declares `pub` counts as used, as when each
// file was a test binary of its own.
pub mod decode;
pub mod edges;
pub mod example;
pub mod from_response;
pub mod retry;
