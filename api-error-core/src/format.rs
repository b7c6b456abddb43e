//! The wire formats: [`Format`] names each, [`Shape`] says how a body of it
//! is written.

use http::StatusCode;

pub use api_error_wire::{Format, Layout, Modeled, Shape};

/// The canonical reason phrase of a status: the flat format's `error` and the
/// problem format's `title`.
///
/// Statuses without a registered phrase read "Client Error" (4xx) or
/// "Server Error" (5xx), so a body never lacks its title.
#[must_use]
pub fn reason_phrase(status: StatusCode) -> &'static str {
    api_error_wire::reason_phrase(status.as_u16())
}
