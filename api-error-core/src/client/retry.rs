//! When to retry, and the loop that does it.

use std::collections::hash_map::RandomState;
use std::future::Future;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;
use std::time::Duration;

use http::StatusCode;

/// When to retry, as the guides advise: a 429 waits for `Retry-After`, a 5xx
/// backs off exponentially (1 s, 2 s, 4 s by default), any other 4xx is not
/// retried. No wait is longer than `max_retry_after`: a server that asks for
/// more is not retried at all, its error goes back to the caller.
///
/// The defaults: 3 retries, backoff from 1 s doubling up to 60 s, 30 s for a
/// 429 without `Retry-After`, at most 5 minutes of waiting for any one retry,
/// and no jitter.
///
/// ```
/// use api_error::client::RetryPolicy;
/// use api_error::StatusCode;
/// use std::time::Duration;
///
/// let policy = RetryPolicy::default();
/// let secs = |s| Some(Duration::from_secs(s));
/// assert_eq!(policy.delay(StatusCode::TOO_MANY_REQUESTS, secs(30), 0), secs(30));
/// assert_eq!(policy.delay(StatusCode::TOO_MANY_REQUESTS, None, 0), secs(30));
/// assert_eq!(policy.delay(StatusCode::INTERNAL_SERVER_ERROR, None, 0), secs(1));
/// assert_eq!(policy.delay(StatusCode::BAD_GATEWAY, None, 1), secs(2));
/// assert_eq!(policy.delay(StatusCode::SERVICE_UNAVAILABLE, None, 2), secs(4));
/// assert_eq!(policy.delay(StatusCode::INTERNAL_SERVER_ERROR, None, 3), None);
/// assert_eq!(policy.delay(StatusCode::NOT_FOUND, None, 0), None);
/// // Longer than the cap: the caller gets the error instead of a long sleep.
/// assert_eq!(policy.delay(StatusCode::TOO_MANY_REQUESTS, secs(999_999_999), 0), None);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct RetryPolicy {
    /// How many retries after the first attempt.
    pub max_retries: u32,
    /// The first backoff; each next one doubles.
    pub base_delay: Duration,
    /// The longest backoff.
    pub max_delay: Duration,
    /// The wait for a 429 without (a valid) `Retry-After`.
    pub default_retry_after: Duration,
    /// The longest wait of any retry. A `Retry-After` longer than this is not
    /// waited for: [`delay`](Self::delay) says not to retry, so the caller
    /// gets the error and can decide, rather than a shortened wait the server
    /// did not ask for.
    pub max_retry_after: Duration,
    /// Full jitter on the exponential backoff: each backoff is a random wait
    /// between zero and its computed length, so that many clients failing
    /// together do not retry together. Waits the server asked for are kept
    /// exact.
    pub jitter: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 3,
            base_delay: Duration::from_secs(1),
            max_delay: Duration::from_secs(60),
            default_retry_after: Duration::from_secs(30),
            max_retry_after: Duration::from_secs(5 * 60),
            jitter: false,
        }
    }
}

/// A builder method for each field: `policy.max_retries(5)` is the policy
/// with `max_retries` set to 5.
macro_rules! setters {
    ($($(#[doc = $doc:literal])* $field:ident: $ty:ty;)*) => {
        impl RetryPolicy {$(
            $(#[doc = $doc])*
            #[must_use]
            pub fn $field(mut self, $field: $ty) -> Self {
                self.$field = $field;
                self
            }
        )*}
    };
}

setters! {
    /// How many retries after the first attempt.
    max_retries: u32;
    /// The first backoff; each next one doubles.
    base_delay: Duration;
    /// The longest backoff.
    max_delay: Duration;
    /// The wait for a 429 without (a valid) `Retry-After`.
    default_retry_after: Duration;
    /// The longest wait of any retry: a server asking for more is not
    /// retried.
    max_retry_after: Duration;
    /// Full jitter on the exponential backoff.
    jitter: bool;
}

impl RetryPolicy {
    /// The wait before retry number `attempt + 1` of a request answered with
    /// `status`, or `None` when the request should not be retried.
    /// A 503 with `Retry-After` waits for it, like a 429.
    #[must_use]
    pub fn delay(
        &self,
        status: StatusCode,
        retry_after: Option<Duration>,
        attempt: u32,
    ) -> Option<Duration> {
        if attempt >= self.max_retries {
            return None;
        }
        if status == StatusCode::TOO_MANY_REQUESTS {
            return self.asked(retry_after.unwrap_or(self.default_retry_after));
        }
        if status.is_server_error() {
            return match retry_after {
                Some(wait) if status == StatusCode::SERVICE_UNAVAILABLE => self.asked(wait),
                _ => Some(self.backoff(attempt)),
            };
        }
        None
    }

    /// The wait before retrying a request that got no response.
    #[must_use]
    pub fn network_delay(&self, attempt: u32) -> Option<Duration> {
        (attempt < self.max_retries).then(|| self.backoff(attempt))
    }

    /// A wait the server asked for: kept whole, or refused.
    fn asked(&self, wait: Duration) -> Option<Duration> {
        (wait <= self.max_retry_after).then_some(wait)
    }

    fn backoff(&self, attempt: u32) -> Duration {
        let factor = 1u32.checked_shl(attempt).unwrap_or(u32::MAX);
        let wait = self
            .base_delay
            .saturating_mul(factor)
            .min(self.max_delay)
            .min(self.max_retry_after);
        if self.jitter {
            random_up_to(wait)
        } else {
            wait
        }
    }
}

/// A random duration in `0..=max`. The randomness of a `HashMap`'s keys is
/// enough to spread retries; it needs no generator of its own.
fn random_up_to(max: Duration) -> Duration {
    static KEYS: OnceLock<RandomState> = OnceLock::new();
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut hasher = KEYS.get_or_init(RandomState::new).build_hasher();
    hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    let nanos = u64::try_from(max.as_nanos()).unwrap_or(u64::MAX);
    match nanos.checked_add(1) {
        Some(span) => Duration::from_nanos(hasher.finish() % span),
        None => Duration::from_nanos(hasher.finish()),
    }
}

/// What a failed attempt says about the next one. The retry loops ask it of
/// every error; [`ClientError`](super::ClientError) answers from its status,
/// its `Retry-After` and the policy.
///
/// An HTTP client other than reqwest implements it for its own failure type,
/// typically a decoded error or a network error:
///
/// ```
/// use api_error::client::{ClientError, RetryAdvice, RetryPolicy};
/// use api_error::ApiError;
/// use std::time::Duration;
///
/// enum Failure<E> {
///     /// The server answered with an error.
///     Response(ClientError<E>),
///     /// No answer: the connection failed or was cut.
///     Network(std::io::Error),
/// }
///
/// impl<E: ApiError> RetryAdvice for Failure<E> {
///     fn retry_delay(&self, policy: &RetryPolicy, attempt: u32) -> Option<Duration> {
///         match self {
///             Failure::Response(error) => error.retry_delay(policy, attempt),
///             Failure::Network(_) => policy.network_delay(attempt),
///         }
///     }
/// }
/// ```
pub trait RetryAdvice {
    /// How long to wait before attempt `attempt + 1` (0-based), or `None`
    /// when retrying cannot help.
    fn retry_delay(&self, policy: &RetryPolicy, attempt: u32) -> Option<Duration>;
}

impl<E: crate::ApiError> RetryAdvice for super::ClientError<E> {
    fn retry_delay(&self, policy: &RetryPolicy, attempt: u32) -> Option<Duration> {
        super::ClientError::retry_delay(self, policy, attempt)
    }
}

/// Runs `attempt` until it succeeds or its error advises against another
/// try, waiting between tries with `sleep`: the guides' `fetchWithRetry`, for
/// any HTTP client and any async runtime. Returns the success, or the last
/// error as it came.
///
/// `attempt` gets the number of the try (0 for the first). `sleep` is the
/// runtime's timer: `tokio::time::sleep`, `async_std::task::sleep`, or
/// `|wait| async move { smol::Timer::after(wait).await; }`. Passing it in,
/// rather than picking a runtime, keeps this crate from pulling one into
/// programs that use another, and lets a test see every wait.
///
/// ```
/// use api_error::client::{retry, ClientError, RetryPolicy};
/// use api_error::{ApiError, ErrorContext, StatusCode};
/// use std::cell::RefCell;
/// use std::time::Duration;
///
/// #[derive(Debug, PartialEq, ApiError)]
/// #[api(decode)]
/// enum ReportError {
///     #[api(status = 503, code = "busy", message = "Try again in {secs} seconds")]
///     Busy { #[api(retry_after)] secs: u64 },
/// }
///
/// // A server that is busy twice, then answers.
/// let answers = RefCell::new(vec![
///     Ok("report"),
///     Err(ReportError::Busy { secs: 2 }),
///     Err(ReportError::Busy { secs: 1 }),
/// ]);
/// let waits = RefCell::new(Vec::new());
/// let result = block_on(retry(
///     &RetryPolicy::default(),
///     |wait| {
///         waits.borrow_mut().push(wait);
///         std::future::ready(())
///     },
///     |_attempt| {
///         let answer = answers.borrow_mut().pop().unwrap();
///         async move {
///             // What an HTTP client would get: status, headers and body.
///             answer.map_err(|error| {
///                 let response = ErrorContext::new().response(&error);
///                 api_error::client::decode::<ReportError>(
///                     response.status(),
///                     response.headers(),
///                     response.body(),
///                 )
///             })
///         }
///     },
/// ));
/// assert_eq!(result, Ok("report"));
/// assert_eq!(*waits.borrow(), [Duration::from_secs(1), Duration::from_secs(2)]);
/// # fn block_on<F: std::future::Future>(future: F) -> F::Output {
/// #     tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(future)
/// # }
/// ```
pub async fn retry<T, Er, F, Fut, S, W>(
    policy: &RetryPolicy,
    mut sleep: S,
    mut attempt: F,
) -> Result<T, Er>
where
    Er: RetryAdvice,
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Result<T, Er>>,
    S: FnMut(Duration) -> W,
    W: Future<Output = ()>,
{
    let mut tries = 0;
    loop {
        match attempt(tries).await {
            Ok(value) => return Ok(value),
            Err(error) => match error.retry_delay(policy, tries) {
                Some(wait) => {
                    sleep(wait).await;
                    tries += 1;
                }
                None => return Err(error),
            },
        }
    }
}

#[cfg(feature = "reqwest")]
impl super::Reader {
    /// [`send_with_retry`], reading error bodies within this reader's bound.
    pub async fn send_with_retry<T, E, F>(
        &self,
        policy: &RetryPolicy,
        mut request: F,
    ) -> Result<T, super::ClientError<E>>
    where
        T: serde::de::DeserializeOwned,
        E: super::Decode + crate::ApiError,
        F: FnMut() -> reqwest::RequestBuilder,
    {
        let reader = *self;
        retry(policy, tokio::time::sleep, |_| {
            let request = request();
            async move {
                let response = request
                    .send()
                    .await
                    .map_err(super::ClientError::Transport)?;
                reader.from_response(response).await
            }
        })
        .await
    }
}

/// Sends a request until it succeeds or retrying cannot help, as the guides'
/// `fetchWithRetry` and `createCustomerWithRetry` do: a 429 (and a 503 with
/// `Retry-After`) waits as the server asks, other 5xx responses and network
/// errors back off exponentially, any other 4xx returns at once, and so does a
/// success body that is not a `T`. Returns the body as `T`, or the last error,
/// typed.
///
/// `request` builds the request anew for each attempt; for a builder at hand,
/// `|| builder.try_clone().expect("a body that can be sent again")`. Waits use
/// tokio's timer, which reqwest runs on already. A request that is not
/// idempotent (a `POST` that creates) may take effect twice when an attempt
/// fails after the server acted on it; the guides retry such requests too, an
/// idempotency key makes it safe.
///
/// ```no_run
/// use api_error::client::{send_with_retry, ClientError, RetryPolicy};
/// use api_error::ApiError;
/// use serde::Deserialize;
///
/// #[derive(Debug, ApiError)]
/// #[api(decode)]
/// enum ClientsError {
///     #[api(status = 429, code = "rate_limit_exceeded", message = "Rate limit exceeded. Retry after {secs} seconds.")]
///     RateLimited { #[api(retry_after)] secs: u64 },
/// }
///
/// #[derive(Deserialize)]
/// struct Client { id: String }
///
/// # async fn run() -> Result<(), ClientError<ClientsError>> {
/// let http = reqwest::Client::new();
/// let client: Client = send_with_retry(&RetryPolicy::default(), || {
///     http.get("http://127.0.0.1:3001/v1/clients/cli_1")
///         .bearer_auth("sk_test_full")
/// })
/// .await?;
/// println!("{}", client.id);
/// # Ok(())
/// # }
/// ```
#[cfg(feature = "reqwest")]
pub async fn send_with_retry<T, E, F>(
    policy: &RetryPolicy,
    request: F,
) -> Result<T, super::ClientError<E>>
where
    T: serde::de::DeserializeOwned,
    E: super::Decode + crate::ApiError,
    F: FnMut() -> reqwest::RequestBuilder,
{
    super::Reader::default()
        .send_with_retry(policy, request)
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_saturates() {
        let policy = RetryPolicy {
            max_retries: 100,
            ..RetryPolicy::default()
        };
        assert_eq!(
            policy.delay(StatusCode::BAD_GATEWAY, None, 40),
            Some(Duration::from_secs(60))
        );
    }

    #[test]
    fn every_wait_is_capped() {
        let policy = RetryPolicy {
            max_retries: 100,
            max_delay: Duration::from_secs(3600),
            max_retry_after: Duration::from_secs(10),
            ..RetryPolicy::default()
        };
        let secs = |s| Some(Duration::from_secs(s));
        // Waits the server asks for: kept exactly, or refused.
        for status in [
            StatusCode::TOO_MANY_REQUESTS,
            StatusCode::SERVICE_UNAVAILABLE,
        ] {
            assert_eq!(policy.delay(status, secs(10), 0), secs(10));
            assert_eq!(policy.delay(status, secs(11), 0), None);
            assert_eq!(policy.delay(status, Some(Duration::MAX), 0), None);
        }
        // The default wait of a 429 is refused too when over the cap.
        assert_eq!(
            policy.delay(StatusCode::TOO_MANY_REQUESTS, None, 0),
            None,
            "30 s default over a 10 s cap"
        );
        // Backoff is this client's own choice: bounded by the cap.
        assert_eq!(policy.delay(StatusCode::BAD_GATEWAY, None, 2), secs(4));
        assert_eq!(policy.delay(StatusCode::BAD_GATEWAY, None, 9), secs(10));
        assert_eq!(policy.network_delay(20), secs(10));
    }

    #[test]
    fn full_jitter_spreads_backoff_only() {
        let policy = RetryPolicy {
            jitter: true,
            ..RetryPolicy::default()
        };
        for attempt in 0..3 {
            let full = Duration::from_secs(1 << attempt);
            let waits: Vec<Duration> = (0..200)
                .map(|_| {
                    policy
                        .delay(StatusCode::BAD_GATEWAY, None, attempt)
                        .unwrap()
                })
                .collect();
            assert!(waits.iter().all(|wait| *wait <= full), "{waits:?}");
            // Spread over the whole range, not stuck at one value.
            assert!(waits.iter().any(|wait| *wait < full / 4), "{waits:?}");
            assert!(waits.iter().any(|wait| *wait > full * 3 / 4), "{waits:?}");
            let network: Vec<Duration> = (0..200)
                .map(|_| policy.network_delay(attempt).unwrap())
                .collect();
            assert!(network.iter().all(|wait| *wait <= full));
            assert!(network.iter().any(|wait| *wait != network[0]));
        }
        let secs = |s| Some(Duration::from_secs(s));
        for _ in 0..50 {
            assert_eq!(
                policy.delay(StatusCode::TOO_MANY_REQUESTS, secs(7), 0),
                secs(7)
            );
            assert_eq!(
                policy.delay(StatusCode::SERVICE_UNAVAILABLE, secs(7), 0),
                secs(7)
            );
        }
        assert_eq!(random_up_to(Duration::ZERO), Duration::ZERO);
        assert!(random_up_to(Duration::MAX) <= Duration::MAX);
    }

    #[test]
    fn no_jitter_by_default() {
        let policy = RetryPolicy::default();
        let delays: Vec<_> = (0..4)
            .map(|attempt| policy.delay(StatusCode::INTERNAL_SERVER_ERROR, None, attempt))
            .collect();
        let secs = |s| Some(Duration::from_secs(s));
        assert_eq!(delays, [secs(1), secs(2), secs(4), None]);
    }
}
