//! Header values built from strings and from waits, bounded and valid.

use http::header::HeaderValue;
use std::time::Duration;

/// The longest header value built from a string: longer values are cut.
pub const MAX_HEADER_VALUE_LEN: usize = 256;

/// A header value made from any string: only visible ASCII and inner spaces
/// are kept (no CR, LF or other control characters, no non-ASCII), and at most
/// `max_len` bytes.
///
/// ```
/// use api_error::header_value;
///
/// let value = header_value("evil\r\nSet-Cookie: x=1", 64);
/// assert_eq!(value, "evilSet-Cookie: x=1");
/// assert_eq!(header_value(&"a".repeat(1000), 16).len(), 16);
/// ```
#[must_use]
pub fn header_value(value: &str, max_len: usize) -> HeaderValue {
    let kept: String = value
        .chars()
        .filter(|c| c.is_ascii_graphic() || *c == ' ')
        .take(max_len)
        .collect();
    // Only visible ASCII and spaces remain, which every header value accepts.
    HeaderValue::from_str(kept.trim()).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// The `Retry-After` value of a wait: whole seconds, rounded up, so a client
/// never retries early; the longest wait saturates at `u64::MAX`.
#[must_use]
pub fn retry_after_secs(wait: Duration) -> u64 {
    wait.as_secs()
        .saturating_add(u64::from(wait.subsec_nanos() > 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_rounds_up() {
        assert_eq!(retry_after_secs(Duration::from_secs(30)), 30);
        assert_eq!(retry_after_secs(Duration::from_millis(30_001)), 31);
        assert_eq!(retry_after_secs(Duration::ZERO), 0);
        assert_eq!(retry_after_secs(Duration::MAX), u64::MAX);
    }
}
