//! The id of one request, kept from the client when valid or generated.

use http::header::{HeaderName, HeaderValue};
use std::collections::hash_map::RandomState;
use std::fmt;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

/// The `X-Request-Id` header.
pub static X_REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The id of one request: echoed in `X-Request-Id` on every response and
/// written as `request_id` in 5xx bodies.
///
/// An id the client sent is kept when it is valid: 1 to 128 characters of
/// ASCII letters, digits and `-_.:~`. Otherwise one is generated.
///
/// ```
/// use api_error::RequestId;
///
/// assert_eq!(RequestId::parse("req_xxxxx").unwrap().as_str(), "req_xxxxx");
/// assert!(RequestId::parse("req\r\nx").is_none());
/// assert!(RequestId::generate().as_str().starts_with("req_"));
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct RequestId(Box<str>);

impl RequestId {
    /// The longest request id kept from a client.
    pub const MAX_LEN: usize = 128;

    /// A client-sent id, if it is valid.
    #[must_use]
    pub fn parse(id: &str) -> Option<Self> {
        let valid = !id.is_empty()
            && id.len() <= Self::MAX_LEN
            && id.bytes().all(|b| {
                b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':' | b'~')
            });
        valid.then(|| RequestId(id.into()))
    }

    /// The id in a header, if it is valid.
    #[must_use]
    pub fn from_header(value: &HeaderValue) -> Option<Self> {
        value.to_str().ok().and_then(Self::parse)
    }

    /// A new id, `req_` and 16 hex digits, unique within the process.
    #[must_use]
    pub fn generate() -> Self {
        static KEYS: OnceLock<RandomState> = OnceLock::new();
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let mut hasher = KEYS.get_or_init(RandomState::new).build_hasher();
        hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
        RequestId(format!("req_{:016x}", hasher.finish()).into())
    }

    /// The id.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The id as a header value.
    #[must_use]
    pub fn header_value(&self) -> HeaderValue {
        // Valid ids are visible ASCII.
        HeaderValue::from_str(&self.0).unwrap_or_else(|_| HeaderValue::from_static(""))
    }
}

impl fmt::Display for RequestId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for RequestId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_ids_are_distinct_and_valid() {
        let a = RequestId::generate();
        let b = RequestId::generate();
        assert_ne!(a, b);
        assert_eq!(a.as_str().len(), 20);
        assert_eq!(RequestId::parse(a.as_str()), Some(a));
    }

    #[test]
    fn request_ids_are_bounded() {
        assert!(RequestId::parse(&"a".repeat(128)).is_some());
        assert!(RequestId::parse(&"a".repeat(129)).is_none());
        assert!(RequestId::parse("").is_none());
        assert!(RequestId::parse("a b").is_none());
        assert!(RequestId::parse("é").is_none());
    }
}
