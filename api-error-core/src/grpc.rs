//! gRPC status codes, and how an HTTP error maps to one.

use http::StatusCode;
use std::fmt;

/// A gRPC status code: `google.rpc.Code`.
///
/// Every [`ApiError`](crate::ApiError) has one
/// ([`grpc_code`](crate::ApiError::grpc_code)): by default the code Google's
/// HTTP mapping gives its status ([`GrpcCode::from_http`]), or the one a
/// variant names with `#[api(grpc = "failed_precondition")]`. With the
/// `tonic` feature it is the code of the `tonic::Status` the error becomes.
///
/// ```
/// use api_error::{GrpcCode, StatusCode};
///
/// assert_eq!(GrpcCode::from_http(StatusCode::NOT_FOUND), GrpcCode::NotFound);
/// assert_eq!(GrpcCode::from_http(StatusCode::TOO_MANY_REQUESTS), GrpcCode::ResourceExhausted);
/// assert_eq!(GrpcCode::FailedPrecondition.http_status(), StatusCode::BAD_REQUEST);
/// assert_eq!(GrpcCode::FailedPrecondition.name(), "FAILED_PRECONDITION");
/// assert_eq!(GrpcCode::from_name("failed_precondition"), Some(GrpcCode::FailedPrecondition));
/// assert_eq!(GrpcCode::from_i32(9), Some(GrpcCode::FailedPrecondition));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(i32)]
pub enum GrpcCode {
    /// Not an error.
    Ok = 0,
    /// The operation was cancelled, typically by the caller.
    Cancelled = 1,
    /// An error with no better code.
    Unknown = 2,
    /// The client gave an invalid argument.
    InvalidArgument = 3,
    /// The deadline expired before the operation could complete.
    DeadlineExceeded = 4,
    /// Some requested entity was not found.
    NotFound = 5,
    /// The entity a client tried to create already exists.
    AlreadyExists = 6,
    /// The caller may not run the operation.
    PermissionDenied = 7,
    /// Some resource (a quota, the rate of requests) has been exhausted.
    ResourceExhausted = 8,
    /// The system is not in the state the operation needs.
    FailedPrecondition = 9,
    /// The operation was aborted, typically by a concurrency conflict.
    Aborted = 10,
    /// The operation was attempted past the valid range.
    OutOfRange = 11,
    /// The operation is not implemented or not supported.
    Unimplemented = 12,
    /// An invariant the system relies on is broken.
    Internal = 13,
    /// The service is currently unavailable.
    Unavailable = 14,
    /// Unrecoverable data loss or corruption.
    DataLoss = 15,
    /// The request has no valid authentication credentials.
    Unauthenticated = 16,
}

/// Every code by number, with its name.
const CODES: [(GrpcCode, &str); 17] = [
    (GrpcCode::Ok, "OK"),
    (GrpcCode::Cancelled, "CANCELLED"),
    (GrpcCode::Unknown, "UNKNOWN"),
    (GrpcCode::InvalidArgument, "INVALID_ARGUMENT"),
    (GrpcCode::DeadlineExceeded, "DEADLINE_EXCEEDED"),
    (GrpcCode::NotFound, "NOT_FOUND"),
    (GrpcCode::AlreadyExists, "ALREADY_EXISTS"),
    (GrpcCode::PermissionDenied, "PERMISSION_DENIED"),
    (GrpcCode::ResourceExhausted, "RESOURCE_EXHAUSTED"),
    (GrpcCode::FailedPrecondition, "FAILED_PRECONDITION"),
    (GrpcCode::Aborted, "ABORTED"),
    (GrpcCode::OutOfRange, "OUT_OF_RANGE"),
    (GrpcCode::Unimplemented, "UNIMPLEMENTED"),
    (GrpcCode::Internal, "INTERNAL"),
    (GrpcCode::Unavailable, "UNAVAILABLE"),
    (GrpcCode::DataLoss, "DATA_LOSS"),
    (GrpcCode::Unauthenticated, "UNAUTHENTICATED"),
];

impl GrpcCode {
    /// The code of an HTTP error status, by the table of `google.rpc.Code`
    /// (Google's HTTP mapping), read from HTTP to gRPC:
    ///
    /// | HTTP | gRPC |
    /// |---|---|
    /// | 400, 422 | `INVALID_ARGUMENT` |
    /// | 401 | `UNAUTHENTICATED` |
    /// | 403 | `PERMISSION_DENIED` |
    /// | 404, 410 | `NOT_FOUND` |
    /// | 405 | `UNIMPLEMENTED` |
    /// | 408 | `DEADLINE_EXCEEDED` |
    /// | 409 | `ALREADY_EXISTS` (name `aborted` for a concurrency conflict) |
    /// | 412, 428 | `FAILED_PRECONDITION` |
    /// | 413, 429 | `RESOURCE_EXHAUSTED` |
    /// | 416 | `OUT_OF_RANGE` |
    /// | 499 | `CANCELLED` |
    /// | any other 4xx | `FAILED_PRECONDITION` |
    /// | 500 | `INTERNAL` |
    /// | 501 | `UNIMPLEMENTED` |
    /// | 502, 503 | `UNAVAILABLE` |
    /// | 504 | `DEADLINE_EXCEEDED` |
    /// | any other status | `INTERNAL` |
    ///
    /// Google's table maps 400 to three codes and 409 to two; the first of
    /// each is the default here, and a variant names another with
    /// `#[api(grpc = "...")]`.
    #[must_use]
    pub const fn from_http(status: StatusCode) -> Self {
        match status.as_u16() {
            400 | 422 => GrpcCode::InvalidArgument,
            401 => GrpcCode::Unauthenticated,
            403 => GrpcCode::PermissionDenied,
            404 | 410 => GrpcCode::NotFound,
            405 | 501 => GrpcCode::Unimplemented,
            408 | 504 => GrpcCode::DeadlineExceeded,
            409 => GrpcCode::AlreadyExists,
            413 | 429 => GrpcCode::ResourceExhausted,
            416 => GrpcCode::OutOfRange,
            499 => GrpcCode::Cancelled,
            402..=498 => GrpcCode::FailedPrecondition,
            502 | 503 => GrpcCode::Unavailable,
            _ => GrpcCode::Internal,
        }
    }

    /// The HTTP status of the code, by the table of `google.rpc.Code`:
    /// what a client reads when a status names no error it knows.
    #[must_use]
    pub const fn http_status(self) -> StatusCode {
        match self {
            GrpcCode::Ok => StatusCode::OK,
            GrpcCode::Cancelled => crate::__private::status(499),
            GrpcCode::Unknown | GrpcCode::Internal | GrpcCode::DataLoss => {
                StatusCode::INTERNAL_SERVER_ERROR
            }
            GrpcCode::InvalidArgument | GrpcCode::FailedPrecondition | GrpcCode::OutOfRange => {
                StatusCode::BAD_REQUEST
            }
            GrpcCode::DeadlineExceeded => StatusCode::GATEWAY_TIMEOUT,
            GrpcCode::NotFound => StatusCode::NOT_FOUND,
            GrpcCode::AlreadyExists | GrpcCode::Aborted => StatusCode::CONFLICT,
            GrpcCode::PermissionDenied => StatusCode::FORBIDDEN,
            GrpcCode::Unauthenticated => StatusCode::UNAUTHORIZED,
            GrpcCode::ResourceExhausted => StatusCode::TOO_MANY_REQUESTS,
            GrpcCode::Unimplemented => StatusCode::NOT_IMPLEMENTED,
            GrpcCode::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
        }
    }

    /// The code's name, as `google.rpc.Code` spells it: `NOT_FOUND`.
    #[must_use]
    pub const fn name(self) -> &'static str {
        CODES[self as usize].1
    }

    /// The code's number.
    #[must_use]
    pub const fn as_i32(self) -> i32 {
        self as i32
    }

    /// The code of a number, if it is one of the 17.
    #[must_use]
    pub const fn from_i32(code: i32) -> Option<Self> {
        if code >= 0 && code < CODES.len() as i32 {
            Some(CODES[code as usize].0)
        } else {
            None
        }
    }

    /// The code of a name, in upper case (`NOT_FOUND`) or lower case
    /// (`not_found`).
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        CODES
            .iter()
            .find(|(_, known)| known.eq_ignore_ascii_case(name))
            .map(|(code, _)| *code)
    }

    /// Whether a client may retry a call that failed with this code:
    /// `RESOURCE_EXHAUSTED` after the server's `RetryInfo`, and the codes of
    /// transient server trouble (`UNAVAILABLE`, `DEADLINE_EXCEEDED`,
    /// `INTERNAL`, `UNKNOWN`) with backoff, as an HTTP client retries 429
    /// and 5xx. See [`RetryPolicy::grpc_delay`](crate::client::RetryPolicy::grpc_delay).
    #[must_use]
    pub const fn is_retryable(self) -> bool {
        matches!(
            self,
            GrpcCode::ResourceExhausted
                | GrpcCode::Unavailable
                | GrpcCode::DeadlineExceeded
                | GrpcCode::Internal
                | GrpcCode::Unknown
        )
    }
}

impl fmt::Display for GrpcCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_numbers_agree() {
        for (number, (code, name)) in CODES.iter().enumerate() {
            assert_eq!(code.as_i32(), number as i32);
            assert_eq!(code.name(), *name);
            assert_eq!(GrpcCode::from_i32(number as i32), Some(*code));
            assert_eq!(GrpcCode::from_name(name), Some(*code));
            assert_eq!(GrpcCode::from_name(&name.to_ascii_lowercase()), Some(*code));
        }
        assert_eq!(GrpcCode::from_i32(17), None);
        assert_eq!(GrpcCode::from_i32(-1), None);
        assert_eq!(GrpcCode::from_name("NOTFOUND"), None);
    }

    /// Google's table, from gRPC to HTTP: every code whose status maps back
    /// to it is the first one the table lists for that status.
    #[test]
    fn http_mapping_round_trips_through_the_table() {
        let table = [
            (400, GrpcCode::InvalidArgument),
            (401, GrpcCode::Unauthenticated),
            (403, GrpcCode::PermissionDenied),
            (404, GrpcCode::NotFound),
            (409, GrpcCode::AlreadyExists),
            (429, GrpcCode::ResourceExhausted),
            (499, GrpcCode::Cancelled),
            (500, GrpcCode::Internal),
            (501, GrpcCode::Unimplemented),
            (503, GrpcCode::Unavailable),
            (504, GrpcCode::DeadlineExceeded),
        ];
        for (status, code) in table {
            let status = StatusCode::from_u16(status).unwrap();
            assert_eq!(GrpcCode::from_http(status), code, "{status}");
            assert_eq!(code.http_status(), status, "{code}");
        }
        for code in [
            GrpcCode::FailedPrecondition,
            GrpcCode::OutOfRange,
            GrpcCode::Aborted,
            GrpcCode::DataLoss,
            GrpcCode::Unknown,
        ] {
            let back = GrpcCode::from_http(code.http_status());
            assert_eq!(back.http_status(), code.http_status());
        }
    }

    #[test]
    fn every_error_status_has_an_error_code() {
        for status in 400..=599 {
            let status = StatusCode::from_u16(status).unwrap();
            let code = GrpcCode::from_http(status);
            assert_ne!(code, GrpcCode::Ok, "{status}");
            if status.is_server_error() {
                assert!(code.http_status().is_server_error(), "{status} -> {code}");
            }
        }
    }
}
