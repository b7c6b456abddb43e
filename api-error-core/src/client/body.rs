//! Reading an error body without trusting its size.

use super::{
    parse_retry_after, ClientError, Decode, ErrorBody, MalformedReason, MalformedResponse,
};
use crate::format::WireFormat;
use http::{HeaderMap, StatusCode};

/// The longest error body a client reads unless told otherwise: 64 KiB.
///
/// An error body of any of the three formats is a few hundred bytes; one of
/// 64 KiB is already a page of HTML from a proxy. Past the bound the response
/// is [`MalformedReason::TooLarge`], and the rest of the body is never read.
pub const DEFAULT_MAX_ERROR_BODY: usize = 64 * 1024;

/// How a client reads error responses: at most `max_error_body` bytes of
/// body, [`DEFAULT_MAX_ERROR_BODY`] unless told otherwise.
///
/// The free functions [`decode`](super::decode), [`ErrorBody::parse`] and,
/// with the `reqwest` feature, `from_response` and `send_with_retry` are those
/// of `Reader::default()`.
///
/// ```
/// use api_error::client::{ClientError, MalformedReason, Reader};
/// use api_error::{ApiError, StatusCode};
/// use api_error::http::HeaderMap;
///
/// #[derive(Debug, ApiError)]
/// #[api(decode)]
/// enum ExportError {
///     #[api(status = 502, code = "upstream", message = "The upstream failed")]
///     Upstream,
/// }
///
/// let page = format!("<html>{}</html>", "x".repeat(2000));
/// let reader = Reader::with_max_error_body(1024);
/// match reader.decode::<ExportError>(StatusCode::BAD_GATEWAY, &HeaderMap::new(), page.as_bytes()) {
///     ClientError::Malformed(response) => {
///         assert_eq!(response.reason, MalformedReason::TooLarge { limit: 1024 });
///         assert_eq!(response.raw, page[..1024]);
///     }
///     other => panic!("{other:?}"),
/// }
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reader {
    max_error_body: usize,
}

impl Default for Reader {
    fn default() -> Self {
        Reader::with_max_error_body(DEFAULT_MAX_ERROR_BODY)
    }
}

impl Reader {
    /// A reader that keeps at most `bytes` of an error body.
    #[must_use]
    pub const fn with_max_error_body(bytes: usize) -> Self {
        Reader {
            max_error_body: bytes,
        }
    }

    /// The longest error body this reader reads.
    #[must_use]
    pub const fn max_error_body(&self) -> usize {
        self.max_error_body
    }

    /// An empty body to fill chunk by chunk, for an HTTP client that streams;
    /// `size_hint` (the `Content-Length`) only sizes the first allocation,
    /// and never beyond the bound.
    #[must_use]
    pub fn body(&self, size_hint: Option<u64>) -> BoundedBody {
        let capacity = size_hint
            .and_then(|hint| usize::try_from(hint).ok())
            .unwrap_or(0)
            .min(self.max_error_body);
        BoundedBody {
            kept: Vec::with_capacity(capacity),
            limit: self.max_error_body,
            over: false,
        }
    }

    /// Reads an error response whose body is already in memory, as
    /// [`ErrorBody::parse`] does; a body over the bound is
    /// [`MalformedReason::TooLarge`], its first bytes kept.
    pub fn parse(
        &self,
        status: StatusCode,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<ErrorBody, MalformedResponse> {
        parse_bounded(status, headers, body, false, self.max_error_body, None)
    }

    /// [`parse`](Self::parse) of a body in `format`, a format of your own
    /// or a built-in one, rather than in whichever built-in one its shape
    /// says.
    pub fn parse_in(
        &self,
        format: &dyn WireFormat,
        status: StatusCode,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<ErrorBody, MalformedResponse> {
        parse_bounded(
            status,
            headers,
            body,
            false,
            self.max_error_body,
            Some(format),
        )
    }

    /// [`decode`](Self::decode) of a body in `format`.
    pub fn decode_in<E: Decode>(
        &self,
        format: &dyn WireFormat,
        status: StatusCode,
        headers: &HeaderMap,
        body: &[u8],
    ) -> ClientError<E> {
        ClientError::from_parsed(self.parse_in(format, status, headers, body))
    }

    /// Decodes an error response whose body is already in memory, as
    /// [`decode`](super::decode) does, within this reader's bound.
    pub fn decode<E: Decode>(
        &self,
        status: StatusCode,
        headers: &HeaderMap,
        body: &[u8],
    ) -> ClientError<E> {
        ClientError::from_parsed(self.parse(status, headers, body))
    }
}

/// An error body read chunk by chunk, keeping at most the reader's bound:
/// the way any HTTP client that streams bodies reads one without trusting its
/// size.
///
/// ```
/// use api_error::client::{ClientError, MalformedReason, Reader};
/// use api_error::{ApiError, StatusCode};
/// use api_error::http::HeaderMap;
///
/// #[derive(Debug, ApiError)]
/// #[api(decode)]
/// enum ExportError {
///     #[api(status = 502, code = "upstream", message = "The upstream failed")]
///     Upstream,
/// }
///
/// // However many chunks the server would send, reading stops at the bound.
/// let mut chunks = std::iter::repeat(&[b'x'; 4096][..]);
/// let mut body = Reader::with_max_error_body(10_000).body(None);
/// let mut read = 0;
/// while let Some(chunk) = chunks.next() {
///     read += 1;
///     if !body.push(chunk) {
///         break;
///     }
/// }
/// assert_eq!(read, 3);
/// assert!(body.is_over_limit());
/// let error = body.decode::<ExportError>(StatusCode::BAD_GATEWAY, &HeaderMap::new());
/// assert!(matches!(
///     error,
///     ClientError::Malformed(response) if response.reason == MalformedReason::TooLarge { limit: 10_000 }
/// ));
/// ```
#[derive(Clone, Debug)]
pub struct BoundedBody {
    kept: Vec<u8>,
    limit: usize,
    over: bool,
}

impl BoundedBody {
    /// Adds the next chunk. Returns `false` once the body has gone past the
    /// bound: read no more of it, the bytes that fit are kept.
    pub fn push(&mut self, chunk: &[u8]) -> bool {
        if self.over {
            return false;
        }
        let room = self.limit - self.kept.len();
        if chunk.len() > room {
            self.kept.extend_from_slice(&chunk[..room]);
            self.over = true;
            return false;
        }
        self.kept.extend_from_slice(chunk);
        true
    }

    /// Whether the body went past the bound.
    #[must_use]
    pub fn is_over_limit(&self) -> bool {
        self.over
    }

    /// The bytes kept: the whole body, or its first bytes when it went past
    /// the bound.
    #[must_use]
    pub fn bytes(&self) -> &[u8] {
        &self.kept
    }

    /// Reads the response this body belongs to.
    pub fn parse(
        &self,
        status: StatusCode,
        headers: &HeaderMap,
    ) -> Result<ErrorBody, MalformedResponse> {
        parse_bounded(status, headers, &self.kept, self.over, self.limit, None)
    }

    /// Decodes the response this body belongs to.
    pub fn decode<E: Decode>(&self, status: StatusCode, headers: &HeaderMap) -> ClientError<E> {
        ClientError::from_parsed(self.parse(status, headers))
    }
}

fn parse_bounded(
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
    over: bool,
    limit: usize,
    format: Option<&dyn WireFormat>,
) -> Result<ErrorBody, MalformedResponse> {
    if over || body.len() > limit {
        let kept = &body[..body.len().min(limit)];
        return Err(MalformedResponse {
            status,
            reason: MalformedReason::TooLarge { limit },
            raw: String::from_utf8_lossy(kept).into_owned(),
            retry_after: parse_retry_after(headers),
        });
    }
    ErrorBody::parse_whole(status, headers, body, format)
}

#[cfg(feature = "reqwest")]
impl Reader {
    /// Reads a response, as [`from_response`](super::from_response) does,
    /// within this reader's bound.
    pub async fn from_response<T: serde::de::DeserializeOwned, E: Decode>(
        &self,
        mut response: reqwest::Response,
    ) -> Result<T, ClientError<E>> {
        let status = response.status();
        if status.is_success() {
            return response.json::<T>().await.map_err(ClientError::Transport);
        }
        let status =
            StatusCode::from_u16(status.as_u16()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let headers = std::mem::take(response.headers_mut());
        let mut body = self.body(response.content_length());
        while let Some(chunk) = response.chunk().await.map_err(ClientError::Transport)? {
            if !body.push(&chunk) {
                // Dropping the response closes the connection: the rest of
                // the body is never read.
                break;
            }
        }
        Err(body.decode(status, &headers))
    }
}
