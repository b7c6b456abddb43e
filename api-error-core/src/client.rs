//! Reading error responses back into the typed enum, on the client side.
//!
//! A type that derives `ApiError` with `#[api(decode)]` implements
//! [`Decode`]: [`decode`] turns a response's status, headers and body, in any
//! of the three formats, into the variant the server sent, with its extras,
//! `field`, `errors`, debug members and `Retry-After` filled back in, and
//! beside it the wait the response's `Retry-After` asked for, even when the
//! variant has no field to hold it. A body this client cannot rebuild is kept
//! whole as [`ClientError::Unknown`], and a response that is not an error
//! body at all (an HTML page from a proxy, an empty or truncated body) is
//! [`ClientError::Malformed`] with its raw text: nothing is lost and nothing
//! panics.
//!
//! ```
//! use api_error::client::{decode, ClientError};
//! use api_error::{ApiError, ErrorContext, FieldErrors};
//!
//! #[derive(Debug, PartialEq, ApiError)]
//! #[api(decode)]
//! enum ClientsError {
//!     #[api(status = 404, code = "not_found", message = "{resource} not found")]
//!     NotFound { #[api(extra)] resource: String, #[api(extra)] id: String },
//!
//!     #[api(status = 422, code = "validation_error", message = "Request validation failed")]
//!     Invalid(#[api(errors)] FieldErrors),
//! }
//!
//! let sent = ClientsError::NotFound { resource: "Client".into(), id: "cli_1".into() };
//! let response = ErrorContext::new().response(&sent);
//! let received = decode::<ClientsError>(response.status(), response.headers(), response.body());
//! // No `Retry-After`: nothing to wait for.
//! assert_eq!(received, ClientError::Api(sent, None));
//!
//! // A code this client does not know keeps the whole body.
//! let body = br#"{"error":{"code":"gone","message":"Client was archived"}}"#;
//! match decode::<ClientsError>(http::StatusCode::GONE, &http::HeaderMap::new(), body) {
//!     ClientError::Unknown(unknown) => {
//!         assert_eq!(unknown.code.as_deref(), Some("gone"));
//!         assert_eq!(unknown.message, "Client was archived");
//!         assert_eq!(unknown.raw, std::str::from_utf8(body).unwrap());
//!     }
//!     other => panic!("{other:?}"),
//! }
//! ```
//!
//! # What can be rebuilt
//!
//! A variant decodes when every field comes back from the response:
//! `extra`, `field` and `errors` fields from the body, `retry_after` from the
//! `Retry-After` header (or the message), fields a `message` template reads
//! from the message, `debug` fields from the debug block, and `Option` fields
//! and sources as `None` when absent. A variant with any other field (a
//! `source`, a field with no attribute) cannot be rebuilt honestly, so its
//! responses decode as [`ClientError::Unknown`], never as a guess. The flat
//! format carries no code: its variants are told apart by status and message,
//! so a flat variant whose message is thiserror's Display never decodes.
//!
//! # Limits
//!
//! A response is untrusted input, and a broken or hostile server cannot make
//! the client pay for it:
//!
//! - An error body is read up to [`DEFAULT_MAX_ERROR_BODY`] (64 KiB; a
//!   [`Reader`] sets another bound). A longer one is
//!   [`MalformedReason::TooLarge`] with its status, its retry advice and its
//!   first bytes; the rest is never read.
//! - `Retry-After` is read as seconds or as an HTTP-date
//!   ([`parse_retry_after`]); a value that is neither, or negative, is ignored.
//! - A [`RetryPolicy`] never waits longer than its `max_retry_after`
//!   (5 minutes by default): a server asking for more is not retried.
//! - [`retry`] (and, with the `reqwest` feature, `send_with_retry`) runs the
//!   guides' retry loop, with at most `max_retries` retries.

mod body;
mod error;
mod error_body;
mod grpc;
pub(crate) mod rebuild;
mod retry;
mod retry_after;
pub(crate) mod template;

pub use body::{BoundedBody, Reader, DEFAULT_MAX_ERROR_BODY};
pub use error::{ClientError, MalformedReason, MalformedResponse};
pub(crate) use error_body::read as read_format;
pub use error_body::{ErrorBody, ErrorParts};
#[cfg(feature = "tonic")]
pub use grpc::{decode_status, MAX_DETAILS_LEN, MAX_MESSAGE_LEN};
pub use rebuild::{Decode, FromRetryAfter};
#[cfg(feature = "reqwest")]
pub use retry::send_with_retry;
pub use retry::{retry, RetryAdvice, RetryPolicy};
pub use retry_after::parse_retry_after;

use http::{HeaderMap, StatusCode};
#[cfg(feature = "reqwest")]
use serde::de::DeserializeOwned;

/// Decodes an error response into `E`, or keeps it whole. A body longer
/// than [`DEFAULT_MAX_ERROR_BODY`] is [`MalformedReason::TooLarge`]; a
/// [`Reader`] sets another bound.
pub fn decode<E: Decode>(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> ClientError<E> {
    Reader::default().decode(status, headers, body)
}

/// Reads a response: the body as `T` on success, else the decoded error,
/// reading at most [`DEFAULT_MAX_ERROR_BODY`] bytes of an error body (a
/// [`Reader`] sets another bound). A longer one is
/// [`MalformedReason::TooLarge`], the rest of it never read.
///
/// ```no_run
/// use api_error::client::{from_response, ClientError};
/// use api_error::ApiError;
/// use serde::Deserialize;
///
/// #[derive(Debug, ApiError)]
/// #[api(decode)]
/// enum ClientsError {
///     #[api(status = 404, code = "not_found", message = "Client not found")]
///     NotFound { #[api(extra)] id: String },
/// }
///
/// #[derive(Deserialize)]
/// struct Client { id: String }
///
/// # async fn run() -> Result<(), ClientError<ClientsError>> {
/// let response = reqwest::get("http://127.0.0.1:3001/v1/clients/cli_1").await.map_err(ClientError::Transport)?;
/// match from_response::<Client, ClientsError>(response).await {
///     Ok(client) => println!("{}", client.id),
///     Err(ClientError::Api(ClientsError::NotFound { id }, _)) => println!("no client {id}"),
///     Err(other) => return Err(other),
/// }
/// # Ok(())
/// # }
/// ```
#[cfg(feature = "reqwest")]
pub async fn from_response<T: DeserializeOwned, E: Decode>(
    response: reqwest::Response,
) -> Result<T, ClientError<E>> {
    Reader::default().from_response(response).await
}
