//! The example servers of both guides over real HTTP: every error each guide
//! shows, with status, headers and exact body, and the guides' JavaScript
//! snippets run under node against them.

#[path = "../../clients_server"]
mod clients_api {
    pub mod app;
    pub mod errors;
}

#[path = "../../customers_server"]
mod customers_api {
    pub mod app;
    pub mod errors;
}

pub mod http;

#[path = "../common/logs.rs"]
pub mod logs;

// `pub`, so that what a file declares `pub` counts as used, as when each
// file was a test binary of its own.
pub mod bookings;
pub mod clients;
pub mod customers;
pub mod doc_base;
pub mod js;
pub mod keep_alive;
pub mod localized;
pub mod negotiation;
pub mod validation;
