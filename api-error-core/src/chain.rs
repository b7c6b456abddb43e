//! An error's source chain, walked once and bounded.

use std::fmt;

/// An error and its sources, joined by `: `, for logs.
///
/// ```
/// use api_error::ErrorChain;
///
/// let err = std::io::Error::other("disk full");
/// assert_eq!(ErrorChain(&err).to_string(), "disk full");
/// ```
pub struct ErrorChain<'a, E: ?Sized>(pub &'a E);

impl<E: std::error::Error + ?Sized> fmt::Display for ErrorChain<'_, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.0, f)?;
        for source in sources(self.0.source()) {
            write!(f, ": {source}")?;
        }
        Ok(())
    }
}

/// `first` and the sources after it, at most
/// [`MAX_SOURCE_CHAIN`](api_error_wire::MAX_SOURCE_CHAIN) in all: the one
/// bounded walk of a source chain, for the logs, the byte writer and the
/// serde path alike.
pub(crate) fn sources<'a>(
    first: Option<&'a (dyn std::error::Error + 'static)>,
) -> impl Iterator<Item = &'a (dyn std::error::Error + 'static)> {
    std::iter::successors(first, |error| error.source()).take(api_error_wire::MAX_SOURCE_CHAIN)
}
