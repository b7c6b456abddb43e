//! Errors of the request itself: a body that is not JSON or does not fit its
//! type, a missing or wrong `Content-Type`, a body over the limit, a path or
//! query that does not parse, an unmatched route, a wrong method, a timeout,
//! a panic.
//!
//! [`RequestError`] is derived with `#[derive(ApiError)]` like any error of
//! an API, so it renders in every format, has a catalog and decodes on the
//! client. The framework integrations answer every such error with it (see
//! the `axum` and `actix` modules); [`from_json`], [`from_query`],
//! [`from_form`] and [`from_params`] are the same parsing for any other
//! server. [`SchemaError`] words the same errors as JSON Schema validators
//! do, every error of the request's format a 400, for an API whose guide
//! words them that way.
//!
//! ```
//! use api_error::request::{from_json, RequestError};
//! use api_error::{ApiError, Format};
//! use serde::Deserialize;
//!
//! #[derive(Debug, Deserialize)]
//! struct NewClient { email: String, address: Address }
//!
//! #[derive(Debug, Deserialize)]
//! struct Address { zip: String }
//!
//! let err = from_json::<NewClient>(br#"{"address":{"zip":"75001"}}"#).unwrap_err();
//! assert_eq!(
//!     err.to_json(Format::Envelope),
//!     r#"{"error":{"code":"invalid_request","message":"Email is required","field":"email"}}"#,
//! );
//!
//! let err = from_json::<NewClient>(br#"{"email":"a@b.co","address":{"zip":75001}}"#).unwrap_err();
//! assert_eq!(err.field(), Some("address.zip"));
//! assert_eq!(err.message(), "Zip must be a string");
//!
//! #[derive(Debug, Deserialize)]
//! #[serde(rename_all = "camelCase")]
//! struct NewStay { check_in: String, room_id: String }
//!
//! // Member names read as words; `field` keeps the request's spelling.
//! let err = from_json::<NewStay>(br#"{"roomId":"204"}"#).unwrap_err();
//! assert_eq!(err.field(), Some("checkIn"));
//! assert_eq!(err.message(), "Check in is required");
//! let err = from_json::<NewStay>(br#"{"checkIn":"2025-06-01","roomId":204}"#).unwrap_err();
//! assert_eq!(err.message(), "Room id must be a string");
//! ```

mod de;
mod label;
mod parse;
#[cfg(any(feature = "axum", feature = "actix-web"))]
mod rejection;
mod schema;
mod sets;
mod status;

pub use crate::field_path::{field_from_pointer, FieldPath, PathSegment, MAX_FIELD_LEN};
pub use parse::{from_form, from_json, from_params, from_query};
#[cfg(any(feature = "axum", feature = "actix-web"))]
pub use rejection::Rejection;
pub use schema::SchemaError;
pub(crate) use sets::sample as sample_error;
pub use sets::RequestErrors;
#[cfg(all(feature = "aide", any(feature = "validator", feature = "garde")))]
pub(crate) use sets::VALIDATION;
#[cfg(feature = "aide")]
pub(crate) use sets::{FORM_BODY, JSON_BODY, LAYER, PATH, QUERY};
pub use status::HttpStatus;

use http::StatusCode;
use std::fmt;

/// The longest text from a request (a member name, an enum variant) quoted
/// in an error, in bytes.
pub(crate) const MAX_QUOTED_LEN: usize = 128;

/// An error in the request itself, rather than in what it asks for.
///
/// The codes follow the envelope guide where it has one (`invalid_request`
/// for a missing member, `invalid_parameter` for a bad value); every member
/// named is written in [`FieldPath`]'s notation in `field`, and in words in
/// the message: `check_in` and `checkIn` are both "Check in is required",
/// `userID` "User ID", an item keeps its index ("Items\[2\] must be an
/// object"). Messages that quote the
/// request are bounded ([`MAX_FIELD_LEN`]) and escaped like any string;
/// nothing of the server's types (their names, serde's own messages) is
/// written outside the debug block.
///
/// An API maps these into its own enum with one `From` impl and
/// `map_request_errors` on the framework layer, or wraps them in a
/// `transparent` variant so they appear in its catalog; there they take the
/// API's `doc_base`, `{doc_base}#{code}`, as its own errors do.
#[derive(Clone, Debug, PartialEq, Eq, api_error_derive::ApiError)]
#[api(crate = "crate", decode)]
#[non_exhaustive]
pub enum RequestError {
    /// The body is not valid JSON (or not UTF-8).
    #[api(
        status = 400,
        code = "invalid_json",
        message = "Request body is not valid JSON"
    )]
    InvalidJson {
        /// Where the parser stopped, as it said it (no request data).
        #[api(debug)]
        detail: Option<String>,
    },

    /// A required member of the body is missing.
    #[api(
        status = 422,
        code = "invalid_request",
        message = "{label} is required"
    )]
    MissingField {
        /// The missing member's path.
        #[api(field)]
        field: String,
        /// Its name as the message writes it: in words, capitalized
        /// (`check_in` and `checkIn` read `Check in`).
        label: String,
    },

    /// A member's value is not one of the names an enum accepts.
    #[api(
        status = 422,
        code = "invalid_parameter",
        message = "{label} must be one of: {allowed}"
    )]
    #[api(share_code)]
    UnknownVariant {
        /// The member's path; none for the body itself.
        #[api(field)]
        field: Option<String>,
        /// Its name as the message writes it.
        label: String,
        /// The accepted names, comma separated.
        allowed: String,
    },

    /// A member has the wrong JSON type.
    #[api(
        status = 422,
        code = "invalid_parameter",
        message = "{label} must be {expected}"
    )]
    #[api(share_code)]
    InvalidType {
        /// The member's path; none for the body itself.
        #[api(field)]
        field: Option<String>,
        /// Its name as the message writes it (`Request body` for the body).
        label: String,
        /// What it must be: `an integer`, `a string`, `an object`, ...
        expected: String,
    },

    /// A member has the right type but an unacceptable value: out of range,
    /// wrong length, refused by the type's own `Deserialize`.
    #[api(
        status = 422,
        code = "invalid_parameter",
        message = "{label} is invalid"
    )]
    #[api(share_code)]
    InvalidValue {
        /// The member's path; none for the body itself.
        #[api(field)]
        field: Option<String>,
        /// Its name as the message writes it.
        label: String,
        /// The deserializer's reason, shown only in the debug block.
        #[api(debug)]
        reason: Option<String>,
    },

    /// The body has a member its type does not accept.
    #[api(
        status = 422,
        code = "invalid_parameter",
        message = "{label} is not allowed"
    )]
    #[api(share_code)]
    UnknownField {
        /// The member's path.
        #[api(field)]
        field: String,
        /// Its name as the message writes it.
        label: String,
    },

    /// The body has a member twice.
    #[api(
        status = 422,
        code = "invalid_parameter",
        message = "{label} is given more than once"
    )]
    #[api(share_code)]
    DuplicateField {
        /// The member's path.
        #[api(field)]
        field: String,
        /// Its name as the message writes it.
        label: String,
    },

    /// The body parsed, and its validation (validator's `Validate`, garde's)
    /// failed: every failed field is listed.
    #[api(
        status = 422,
        code = "validation_error",
        message = "Request validation failed"
    )]
    Validation(#[api(errors)] crate::FieldErrors),

    /// A path parameter does not parse.
    #[api(
        status = 400,
        code = "invalid_path_parameter",
        message = "Path parameter '{field}' must be {expected}"
    )]
    InvalidPathParameter {
        /// The parameter's name.
        #[api(field)]
        field: String,
        /// What it must be.
        expected: String,
    },

    /// A required query parameter is missing.
    #[api(
        status = 400,
        code = "invalid_query_parameter",
        message = "Query parameter '{field}' is required",
        location = "query"
    )]
    #[api(share_code)]
    MissingQueryParameter {
        /// The parameter's name.
        #[api(field)]
        field: String,
    },

    /// A query parameter does not parse, or is not accepted.
    #[api(
        status = 400,
        code = "invalid_query_parameter",
        message = "Query parameter '{field}' must be {expected}",
        location = "query"
    )]
    #[api(share_code)]
    InvalidQueryParameter {
        /// The parameter's name.
        #[api(field)]
        field: String,
        /// What it must be: `an integer`, `given only once`, `absent`, ...
        expected: String,
    },

    /// The request's `Content-Type` is missing or not the one the endpoint
    /// reads.
    #[api(
        status = 415,
        code = "unsupported_media_type",
        message = "Content-Type must be {expected}"
    )]
    UnsupportedMediaType {
        /// The media type the endpoint reads.
        expected: String,
    },

    /// The body is larger than the server accepts.
    #[api(
        status = 413,
        code = "payload_too_large",
        message = "Request body is too large"
    )]
    PayloadTooLarge,

    /// The body could not be read to its end.
    #[api(
        status = 400,
        code = "body_unreadable",
        message = "Request body could not be read"
    )]
    BodyUnreadable,

    /// No route matches the request's path.
    #[api(
        status = 404,
        code = "route_not_found",
        message = "No route matches the request"
    )]
    RouteNotFound,

    /// The route exists, but not for the request's method; the response
    /// keeps the router's `Allow` header.
    #[api(
        status = 405,
        code = "method_not_allowed",
        message = "Method not allowed"
    )]
    MethodNotAllowed,

    /// The server gave up waiting for the handler.
    #[api(
        status = 408,
        code = "request_timeout",
        message = "The request took too long"
    )]
    Timeout {
        /// How long the request ran, shown only in the debug block.
        #[api(debug)]
        elapsed_ms: Option<u64>,
    },

    /// The handler panicked. The payload goes to the logs and the debug
    /// block, never to a production body.
    #[api(
        status = 500,
        code = "internal_error",
        message = "An unexpected error occurred"
    )]
    Panic(#[api(source)] PanicPayload),

    /// Any other error status a framework or middleware answers without a
    /// body in the API's format: its code is the reason phrase in
    /// snake_case, its message the reason phrase.
    #[api(transparent)]
    Status(HttpStatus),
}

/// What a panicking handler left behind: the message it panicked with,
/// bounded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PanicPayload(String);

impl PanicPayload {
    /// The longest panic message kept, in bytes.
    pub const MAX_LEN: usize = 1024;

    /// The message of a panic payload: the `&str` or `String` it was raised
    /// with, else a note that it had none.
    #[must_use]
    pub fn from_panic(payload: &(dyn std::any::Any + Send)) -> Self {
        let message = if let Some(message) = payload.downcast_ref::<&str>() {
            (*message).to_owned()
        } else if let Some(message) = payload.downcast_ref::<String>() {
            message.clone()
        } else {
            "a panic without a message".to_owned()
        };
        PanicPayload(crate::field_path::bounded(message, Self::MAX_LEN))
    }

    /// The message.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for PanicPayload {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "handler panicked: {}", self.0)
    }
}

impl std::error::Error for PanicPayload {}

impl RequestError {
    /// The error for a response of `status` that has no body in the API's
    /// format. `routed` tells whether a route matched the request: an
    /// unrouted 404 is [`RouteNotFound`](Self::RouteNotFound), a routed one
    /// the handler's own.
    #[must_use]
    pub fn for_status(status: StatusCode, routed: bool) -> Option<RequestError> {
        Some(match status {
            StatusCode::NOT_FOUND if !routed => RequestError::RouteNotFound,
            StatusCode::METHOD_NOT_ALLOWED => RequestError::MethodNotAllowed,
            StatusCode::PAYLOAD_TOO_LARGE => RequestError::PayloadTooLarge,
            StatusCode::REQUEST_TIMEOUT => RequestError::Timeout { elapsed_ms: None },
            _ => RequestError::Status(HttpStatus::new(status)?),
        })
    }
}

/// In a request's extensions: its body is read as JSON whatever its
/// `Content-Type` says, as the framework layer was told.
#[cfg(any(feature = "axum", feature = "actix-web"))]
#[derive(Clone, Copy, Debug)]
pub(crate) struct AnyJsonContentType;

/// Whether a `Content-Type` is JSON: `application/json` or
/// `application/<anything>+json`, with any parameters.
#[must_use]
pub fn is_json_content_type(content_type: &str) -> bool {
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    essence == "application/json"
        || essence
            .strip_prefix("application/")
            .is_some_and(|subtype| subtype.ends_with("+json"))
}

/// Whether a `Content-Type` is `application/x-www-form-urlencoded`.
#[must_use]
pub fn is_form_content_type(content_type: &str) -> bool {
    content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .eq_ignore_ascii_case("application/x-www-form-urlencoded")
}
