//! What decoding a response gives: the typed error, a body kept whole, or a
//! response that is no error body.

use super::{Decode, ErrorBody, RetryPolicy};
use crate::error::ApiError;
use http::StatusCode;
use std::fmt;
use std::time::Duration;

/// The outcome of decoding an error response.
///
/// Every response keeps the wait its `Retry-After` header asked for (over
/// gRPC, its `RetryInfo`), whether or not the variant it decodes into has a
/// `retry_after` field: [`retry_after`](Self::retry_after) and the retry
/// loops wait what the server asked.
#[derive(Debug)]
#[non_exhaustive]
pub enum ClientError<E> {
    /// An error of the API, rebuilt as the typed value, and the wait the
    /// response's `Retry-After` header asked for
    /// ([`parse_retry_after`](super::parse_retry_after)).
    Api(E, Option<Duration>),
    /// A well-formed error body this client cannot rebuild: a new code, or a
    /// variant whose fields are not all in the body. Kept whole.
    Unknown(ErrorBody),
    /// A response that is not an error body in any known format.
    Malformed(MalformedResponse),
    /// The request failed before a response arrived, or its body could not be
    /// read.
    #[cfg(feature = "reqwest")]
    Transport(reqwest::Error),
}

impl<E: PartialEq> PartialEq for ClientError<E> {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (ClientError::Api(a, wait_a), ClientError::Api(b, wait_b)) => {
                a == b && wait_a == wait_b
            }
            (ClientError::Unknown(a), ClientError::Unknown(b)) => a == b,
            (ClientError::Malformed(a), ClientError::Malformed(b)) => a == b,
            _ => false,
        }
    }
}

impl<E: ApiError> ClientError<E> {
    /// The response's status, when there was a response.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            ClientError::Api(error, _) => Some(error.status()),
            ClientError::Unknown(body) => Some(body.status),
            ClientError::Malformed(response) => Some(response.status),
            #[cfg(feature = "reqwest")]
            ClientError::Transport(error) => error
                .status()
                .and_then(|s| StatusCode::from_u16(s.as_u16()).ok()),
        }
    }

    /// How long the server asked to wait: the error's own `retry_after`
    /// field, else the response's `Retry-After` header.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            ClientError::Api(error, header) => error.retry_after().or(*header),
            ClientError::Unknown(body) => body.retry_after,
            ClientError::Malformed(response) => response.retry_after,
            #[cfg(feature = "reqwest")]
            ClientError::Transport(_) => None,
        }
    }

    /// How long to wait before attempt `attempt + 1` (0-based), or `None` when
    /// retrying cannot help. See [`RetryPolicy`]. A transport error backs off
    /// when it is the network's (no connection, a timeout, a connection cut
    /// while sending or reading); a success body that is not the expected
    /// type, or a request that could not be built, is not retried.
    pub fn retry_delay(&self, policy: &RetryPolicy, attempt: u32) -> Option<Duration> {
        match (self.status(), self) {
            (Some(status), _) => policy.delay(status, self.retry_after(), attempt),
            #[cfg(feature = "reqwest")]
            (None, ClientError::Transport(error))
                if error.is_connect()
                    || error.is_timeout()
                    || error.is_request()
                    || error.is_body() =>
            {
                policy.network_delay(attempt)
            }
            (None, _) => None,
        }
    }
}

impl<E: Decode> ClientError<E> {
    pub(super) fn from_parsed(parsed: Result<ErrorBody, MalformedResponse>) -> Self {
        match parsed {
            Err(malformed) => ClientError::Malformed(malformed),
            Ok(parsed) => match E::decode(&parsed) {
                Some(error) => ClientError::Api(error, parsed.retry_after),
                None => ClientError::Unknown(parsed),
            },
        }
    }
}

impl<E: fmt::Display> fmt::Display for ClientError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClientError::Api(error, _) => fmt::Display::fmt(error, f),
            ClientError::Unknown(body) => match &body.code {
                Some(code) => write!(f, "{} {code}: {}", body.status, body.message),
                None => write!(f, "{}: {}", body.status, body.message),
            },
            ClientError::Malformed(response) => fmt::Display::fmt(response, f),
            #[cfg(feature = "reqwest")]
            ClientError::Transport(error) => fmt::Display::fmt(error, f),
        }
    }
}

impl<E: std::error::Error + 'static> std::error::Error for ClientError<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ClientError::Api(error, _) => Some(error),
            #[cfg(feature = "reqwest")]
            ClientError::Transport(error) => Some(error),
            _ => None,
        }
    }
}

/// A response that is not an error body: what it was and its raw text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MalformedResponse {
    /// The response's status.
    pub status: StatusCode,
    /// What is wrong with the body.
    pub reason: MalformedReason,
    /// The body as text (invalid UTF-8 replaced); of a body over the bound,
    /// the bytes within it.
    pub raw: String,
    /// The wait the `Retry-After` header asks for ([`parse_retry_after`](super::parse_retry_after)).
    pub retry_after: Option<Duration>,
}

/// Why a body is not an error body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum MalformedReason {
    /// The body is empty.
    Empty,
    /// The body is not JSON (an HTML error page from a proxy, plain text).
    NotJson,
    /// The body is JSON cut short.
    Truncated,
    /// The body is JSON, but not an error body of any known format.
    NotAnErrorBody,
    /// The body is longer than the reader's bound of `limit` bytes; only its
    /// first `limit` bytes were read.
    TooLarge {
        /// The bound, in bytes.
        limit: usize,
    },
}

impl fmt::Display for MalformedResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.reason {
            MalformedReason::Empty => "an empty body",
            MalformedReason::NotJson => "a body that is not JSON",
            MalformedReason::Truncated => "truncated JSON",
            MalformedReason::NotAnErrorBody => "JSON that is not an error body",
            MalformedReason::TooLarge { limit } => {
                return write!(
                    f,
                    "{} with a body over the {limit}-byte limit, not read past it{}",
                    self.status,
                    Preview(&self.raw)
                );
            }
        };
        write!(f, "{} with {what}{}", self.status, Preview(&self.raw))
    }
}

/// The first characters of a raw body, after a colon.
struct Preview<'a>(&'a str);

impl fmt::Display for Preview<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.0.is_empty() {
            f.write_str(": ")?;
            for c in self.0.chars().take(120) {
                fmt::Write::write_char(f, c)?;
            }
        }
        Ok(())
    }
}

impl std::error::Error for MalformedResponse {}
