//! Why an extractor refused a request, answered by each framework.

use super::RequestError;
use std::fmt;

/// Why an extractor refused a request: a [`RequestError`], answered in the
/// API's format (and through `map_request_errors` when the framework layer
/// has one).
#[derive(Debug)]
pub struct Rejection(pub RequestError);

impl Rejection {
    /// The request error.
    #[must_use]
    pub fn into_inner(self) -> RequestError {
        self.0
    }
}

impl From<RequestError> for Rejection {
    fn from(error: RequestError) -> Self {
        Rejection(error)
    }
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl std::error::Error for Rejection {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.0)
    }
}
