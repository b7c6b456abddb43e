//! What [`ApiErrorLayer`](super::ApiErrorLayer) does with a request body an
//! error answered before reading: the rest is read and dropped, within a
//! bound in bytes and in time, so that the connection stays usable; past
//! the bound the response says `Connection: close`.
//!
//! hyper closes a connection whose request body was left unread, as it must:
//! the unread bytes would be taken for the next request. Without a word in
//! the response, a client that reuses the connection loses its next request
//! (a broken pipe, or a connection closed with no response), with no way to
//! tell whether it ran. Reading the rest (RFC 9112, section 9.6, advises it
//! over closing at once, whose reset can also destroy the response before
//! the client reads it) keeps the connection for the small bodies most
//! early errors reject; `Connection: close` tells the client of any other.

use axum_core::body::Body;
use bytes::Bytes;
use http::header::{CONNECTION, CONTENT_LENGTH, EXPECT};
use http::HeaderValue;
use http_body::{Body as _, Frame, SizeHint};
use std::future::Future as _;
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll};
use std::time::Duration;

/// How much of an unread request body the layer reads before it answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct DrainLimits {
    pub max_bytes: u64,
    pub max_wait: Duration,
}

impl Default for DrainLimits {
    fn default() -> Self {
        DrainLimits {
            max_bytes: 64 * 1024,
            max_wait: Duration::from_secs(1),
        }
    }
}

/// Where the body the handler was given stands.
enum State {
    /// The handler (or whatever it gave the body to) still holds it.
    Held,
    /// Read to its end, or never had one.
    Finished,
    /// Reading it failed: the connection is not to be trusted.
    Failed,
    /// Dropped before its end: the rest, for the layer to read.
    Left(Body),
}

/// The request body as the handler sees it, reporting to the layer how far
/// it was read.
pub(crate) struct TrackedBody {
    inner: Option<Body>,
    state: Arc<Mutex<State>>,
}

/// The layer's side of a [`TrackedBody`].
pub(crate) struct Unread {
    state: Arc<Mutex<State>>,
    /// The body's declared length, when it has one.
    content_length: Option<u64>,
    /// `Expect: 100-continue`: the client sends the body only once asked.
    expects_continue: bool,
}

fn lock(state: &Mutex<State>) -> std::sync::MutexGuard<'_, State> {
    state.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Wraps the body of `request` so the layer learns whether it was read to
/// its end; `None` when it has no body to leave unread, or when leaving it
/// unread costs nothing: over HTTP/2 an unread body resets only its own
/// stream, and a request that says `Connection: close` ends its connection
/// anyway.
pub(crate) fn track<B>(request: http::Request<B>) -> (http::Request<Body>, Option<Unread>)
where
    B: http_body::Body<Data = Bytes> + Send + 'static,
    B::Error: Into<axum_core::BoxError>,
{
    let (parts, body) = request.into_parts();
    let http1 = matches!(
        parts.version,
        http::Version::HTTP_10 | http::Version::HTTP_11
    );
    if body.is_end_stream() || !http1 || says_close(&parts.headers) {
        return (http::Request::from_parts(parts, Body::new(body)), None);
    }
    let state = Arc::new(Mutex::new(State::Held));
    let unread = Unread {
        state: state.clone(),
        content_length: parts
            .headers
            .get(CONTENT_LENGTH)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.parse().ok()),
        expects_continue: parts
            .headers
            .get(EXPECT)
            .is_some_and(|value| value.as_bytes().eq_ignore_ascii_case(b"100-continue")),
    };
    let body = TrackedBody {
        inner: Some(Body::new(body)),
        state,
    };
    (
        http::Request::from_parts(parts, Body::new(body)),
        Some(unread),
    )
}

impl http_body::Body for TrackedBody {
    type Data = Bytes;
    type Error = axum_core::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        let Some(inner) = self.inner.as_mut() else {
            return Poll::Ready(None);
        };
        let polled = Pin::new(inner).poll_frame(cx);
        let end = match &polled {
            Poll::Ready(None) => Some(State::Finished),
            Poll::Ready(Some(Err(_))) => Some(State::Failed),
            _ => None,
        };
        if let Some(end) = end {
            *lock(&self.state) = end;
            self.inner = None;
        }
        polled
    }

    fn is_end_stream(&self) -> bool {
        self.inner.as_ref().is_none_or(Body::is_end_stream)
    }

    fn size_hint(&self) -> SizeHint {
        self.inner
            .as_ref()
            .map_or_else(|| SizeHint::with_exact(0), Body::size_hint)
    }
}

impl Drop for TrackedBody {
    fn drop(&mut self) {
        let Some(inner) = self.inner.take() else {
            return;
        };
        let mut state = lock(&self.state);
        if matches!(*state, State::Held) {
            *state = if inner.is_end_stream() {
                State::Finished
            } else {
                State::Left(inner)
            };
        }
    }
}

/// What to do before sending an error response.
pub(crate) enum Before {
    /// Nothing: the body was read, or there was none.
    Send,
    /// Say `Connection: close`.
    Close,
    /// Read the rest of this body first.
    Drain(Body),
}

impl Unread {
    pub(crate) fn before_error(&self, limits: DrainLimits) -> Before {
        let mut state = lock(&self.state);
        match std::mem::replace(&mut *state, State::Finished) {
            State::Finished => Before::Send,
            State::Held | State::Failed => {
                *state = State::Failed;
                Before::Close
            }
            State::Left(body) => {
                // What is left of the body: the reader's own count where it
                // knows it, else the whole declared length.
                let too_long = body
                    .size_hint()
                    .exact()
                    .or(self.content_length)
                    .is_some_and(|length| length > limits.max_bytes);
                if too_long || self.expects_continue {
                    Before::Close
                } else {
                    Before::Drain(body)
                }
            }
        }
    }
}

/// Reading the rest of a body, within the limits.
pub(crate) struct Draining {
    body: Body,
    read: u64,
    max_bytes: u64,
    deadline: Pin<Box<tokio::time::Sleep>>,
}

impl Draining {
    pub(crate) fn new(body: Body, limits: DrainLimits) -> Self {
        Draining {
            body,
            read: 0,
            max_bytes: limits.max_bytes,
            deadline: Box::pin(tokio::time::sleep(limits.max_wait)),
        }
    }

    /// Ready with whether the connection can be kept: the body ended within
    /// the limits.
    pub(crate) fn poll_keep(&mut self, cx: &mut Context<'_>) -> Poll<bool> {
        loop {
            match Pin::new(&mut self.body).poll_frame(cx) {
                Poll::Ready(None) => return Poll::Ready(true),
                Poll::Ready(Some(Err(_))) => return Poll::Ready(false),
                Poll::Ready(Some(Ok(frame))) => {
                    let len = frame.data_ref().map_or(0, |data| data.len() as u64);
                    self.read = self.read.saturating_add(len);
                    if self.read > self.max_bytes {
                        return Poll::Ready(false);
                    }
                    // A body that is always ready, with empty frames, is
                    // still bound by the deadline.
                    if self.deadline.is_elapsed() {
                        return Poll::Ready(false);
                    }
                }
                Poll::Pending => {
                    return match self.deadline.as_mut().poll(cx) {
                        Poll::Ready(()) => Poll::Ready(false),
                        Poll::Pending => Poll::Pending,
                    };
                }
            }
        }
    }
}

/// Whether `headers` mark their message as the connection's last: a
/// `Connection` header with the `close` option, alone or in a list.
pub(crate) fn says_close(headers: &http::HeaderMap) -> bool {
    headers.get_all(CONNECTION).iter().any(|value| {
        value
            .as_bytes()
            .split(|byte| *byte == b',')
            .any(|option| option.trim_ascii().eq_ignore_ascii_case(b"close"))
    })
}

/// Marks `response` as the connection's last.
pub(crate) fn close<B>(response: &mut http::Response<B>) {
    response
        .headers_mut()
        .insert(CONNECTION, HeaderValue::from_static("close"));
}

#[cfg(test)]
mod tests {
    use super::says_close;
    use http::HeaderMap;

    #[test]
    fn close_is_an_option_of_the_connection_header() {
        let headers = |values: &[&str]| {
            let mut map = HeaderMap::new();
            for value in values {
                map.append("connection", value.parse().unwrap());
            }
            map
        };
        assert!(says_close(&headers(&["close"])));
        assert!(says_close(&headers(&["Keep-Alive, CLOSE"])));
        assert!(says_close(&headers(&["upgrade", "close"])));
        assert!(!says_close(&headers(&["keep-alive"])));
        assert!(!says_close(&headers(&["closed"])));
        assert!(!says_close(&headers(&[])));
    }
}
