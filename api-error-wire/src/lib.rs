//! The layout of [`api-error`](https://docs.rs/api-error)'s error bodies,
//! written once: which members each format writes, in which order, when each
//! is left out, and how their strings are escaped. The runtime's byte writer,
//! its serde `Serialize` path and the derive's constant bodies all walk
//! [`walk`]. An implementation detail: depend on `api-error`.
//!
//! # The wire formats
//!
//! Member order is fixed: `code`, `message`, `field`, extras in declaration
//! order, `errors`, `doc_url`, `request_id`, `debug`. Absent members are
//! omitted, never `null`.
//!
//! - Envelope (`application/json`): the members above inside `{"error": ...}`.
//! - Flat (`application/json`): `error` (the status's reason phrase), then
//!   `message`, `field`, extras, `errors`, `doc_url`, `request_id`, `debug`;
//!   no `code`.
//! - Problem (`application/problem+json`, RFC 9457): `type` (the doc_url,
//!   else `about:blank`), `title` (reason phrase), `status`, `detail`
//!   (message), `code`, then `field`, extras, `errors`, `request_id`,
//!   `debug`; the doc_url is the `type`, not repeated.
//!
//! `request_id` is written in 5xx bodies only. The `debug` block holds the
//! `debug` members, then `display` (the real text of a masked message), then
//! `source_chain` (at most [`MAX_SOURCE_CHAIN`] sources); it is written only
//! when debug rendering is on and it would hold something.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod decimal;
mod escape;
mod format;
mod layout;
mod status;

pub use decimal::decimal;
pub use escape::{escape, needs_escape};
pub use format::Format;
pub use layout::{walk, walk_debug, DebugSink, Head, Sink};
pub use status::reason_phrase;

/// The message a 5xx body carries when the error's own text was not written
/// as a public `message` template.
pub const MASKED_MESSAGE: &str = "An unexpected error occurred";

/// How deep the debug block follows an error's source chain.
pub const MAX_SOURCE_CHAIN: usize = 16;

/// The members the formats write themselves, and which formats write them:
/// an extra or debug member of one of these names would make a body
/// ambiguous.
pub const RESERVED: &[(&str, &str)] = &[
    ("code", "every format"),
    ("message", "every format"),
    ("field", "every format"),
    ("doc_url", "every format"),
    ("errors", "every format"),
    ("errors_omitted", "every format"),
    ("request_id", "every format"),
    ("debug", "every format"),
    ("error", "the flat format"),
    ("type", "the problem format"),
    ("title", "the problem format"),
    ("status", "the problem format"),
    ("detail", "the problem format"),
    ("instance", "the problem format"),
];

/// The members the debug block writes itself.
pub const RESERVED_DEBUG: &[&str] = &["display", "source_chain"];

/// Whether a body member of this name is one the formats write themselves.
#[must_use]
pub fn is_reserved(name: &str) -> bool {
    RESERVED.iter().any(|(reserved, _)| *reserved == name)
}
