//! An error status with nothing but its status: what a framework, a
//! middleware or a handler answers with an empty or non-JSON body.

use crate::catalog::{Catalog, ErrorCatalog};
use crate::client::{Decode, ErrorBody};
use crate::format::{reason_phrase, Format};
use crate::members::Members;
use crate::ApiError;
use http::StatusCode;
use std::fmt;

/// An error status and nothing more: `{"error":{"code":"forbidden","message":"Forbidden"}}`.
///
/// The code is the status's reason phrase in snake_case (`client_error` and
/// `server_error` for statuses without one), the message the reason phrase.
///
/// ```
/// use api_error::request::HttpStatus;
/// use api_error::{ApiError, Format, StatusCode};
///
/// let forbidden = HttpStatus::new(StatusCode::FORBIDDEN).unwrap();
/// assert_eq!(forbidden.code(), "forbidden");
/// assert_eq!(
///     forbidden.to_json(Format::Flat),
///     r#"{"error":"Forbidden","message":"Forbidden"}"#,
/// );
/// assert!(HttpStatus::new(StatusCode::OK).is_none());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct HttpStatus(StatusCode);

impl HttpStatus {
    /// The error of `status`, when it is an error status (400..=599).
    #[must_use]
    pub fn new(status: StatusCode) -> Option<Self> {
        (status.is_client_error() || status.is_server_error()).then_some(HttpStatus(status))
    }

    /// The error of a status the caller knows to be an error status.
    #[cfg(any(feature = "axum", feature = "actix-web"))]
    pub(crate) const fn of(status: StatusCode) -> Self {
        HttpStatus(status)
    }
}

/// The snake_case reason phrase of a status.
fn code_of(status: StatusCode) -> &'static str {
    match status.as_u16() {
        400 => "bad_request",
        401 => "unauthorized",
        402 => "payment_required",
        403 => "forbidden",
        404 => "not_found",
        405 => "method_not_allowed",
        406 => "not_acceptable",
        407 => "proxy_authentication_required",
        408 => "request_timeout",
        409 => "conflict",
        410 => "gone",
        411 => "length_required",
        412 => "precondition_failed",
        413 => "payload_too_large",
        414 => "uri_too_long",
        415 => "unsupported_media_type",
        416 => "range_not_satisfiable",
        417 => "expectation_failed",
        418 => "im_a_teapot",
        421 => "misdirected_request",
        422 => "unprocessable_entity",
        423 => "locked",
        424 => "failed_dependency",
        425 => "too_early",
        426 => "upgrade_required",
        428 => "precondition_required",
        429 => "too_many_requests",
        431 => "request_header_fields_too_large",
        451 => "unavailable_for_legal_reasons",
        500 => "internal_server_error",
        501 => "not_implemented",
        502 => "bad_gateway",
        503 => "service_unavailable",
        504 => "gateway_timeout",
        505 => "http_version_not_supported",
        506 => "variant_also_negotiates",
        507 => "insufficient_storage",
        508 => "loop_detected",
        510 => "not_extended",
        511 => "network_authentication_required",
        _ if status.is_server_error() => "server_error",
        _ => "client_error",
    }
}

impl fmt::Display for HttpStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(reason_phrase(self.0))
    }
}

impl std::error::Error for HttpStatus {}

impl ApiError for HttpStatus {
    fn status(&self) -> StatusCode {
        self.0
    }

    fn code(&self) -> &'static str {
        code_of(self.0)
    }

    fn fmt_message(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(reason_phrase(self.0))
    }

    fn static_message(&self) -> Option<&'static str> {
        Some(reason_phrase(self.0))
    }
}

impl Members for HttpStatus {}

#[diagnostic::do_not_recommend]
impl crate::__private::Transparent for HttpStatus {}

/// The catalog lists no entry: which statuses a server's middleware answers
/// bare is not known from its types.
static CATALOG: ErrorCatalog = ErrorCatalog::__new(
    "HttpStatus",
    "api_error::request::HttpStatus",
    Format::Envelope,
    "Any other error status answered without a body in the API's format: the code is the reason phrase in snake_case, the message the reason phrase.",
    &[],
);

impl Catalog for HttpStatus {
    const CATALOG: &'static ErrorCatalog = &CATALOG;
}

impl Decode for HttpStatus {
    fn decode(body: &ErrorBody) -> Option<Self> {
        let status = HttpStatus::new(body.status)?;
        let code_matches = body
            .code
            .as_deref()
            .is_none_or(|code| code == status.code());
        (code_matches && body.message == reason_phrase(body.status)).then_some(status)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_the_reason_phrases_in_snake_case() {
        for code in 400..=599u16 {
            let status = StatusCode::from_u16(code).unwrap();
            let expected = reason_phrase(status)
                .to_ascii_lowercase()
                .replace("i'm", "im")
                .replace(['-', ' '], "_");
            assert_eq!(code_of(status), expected, "{code}");
        }
    }
}
