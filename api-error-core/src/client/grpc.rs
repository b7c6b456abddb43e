//! gRPC statuses read back into the typed enum, and retry advice by gRPC code.

use super::RetryPolicy;
use crate::GrpcCode;
use http::StatusCode;
use std::time::Duration;

impl RetryPolicy {
    /// The wait before retry number `attempt + 1` of a call that failed with
    /// `code`, or `None` when it should not be retried; `retry_info` is the
    /// delay of the status's `RetryInfo` detail.
    ///
    /// The codes follow their HTTP statuses: `RESOURCE_EXHAUSTED` waits for
    /// `RetryInfo` like a 429 waits for `Retry-After`; `UNAVAILABLE` waits for
    /// it when sent and backs off otherwise, like a 503; `DEADLINE_EXCEEDED`,
    /// `INTERNAL` and `UNKNOWN` back off. Every other code says the call
    /// itself is wrong (or, for `DATA_LOSS` and `UNIMPLEMENTED`, that trying
    /// again cannot help).
    ///
    /// ```
    /// use api_error::client::RetryPolicy;
    /// use api_error::GrpcCode;
    /// use std::time::Duration;
    ///
    /// let policy = RetryPolicy::default();
    /// let secs = |s| Some(Duration::from_secs(s));
    /// assert_eq!(policy.grpc_delay(GrpcCode::ResourceExhausted, secs(30), 0), secs(30));
    /// assert_eq!(policy.grpc_delay(GrpcCode::Unavailable, None, 1), secs(2));
    /// assert_eq!(policy.grpc_delay(GrpcCode::Internal, None, 2), secs(4));
    /// assert_eq!(policy.grpc_delay(GrpcCode::Internal, None, 3), None);
    /// assert_eq!(policy.grpc_delay(GrpcCode::InvalidArgument, None, 0), None);
    /// assert_eq!(policy.grpc_delay(GrpcCode::Aborted, secs(1), 0), None);
    /// ```
    #[must_use]
    pub fn grpc_delay(
        &self,
        code: GrpcCode,
        retry_info: Option<Duration>,
        attempt: u32,
    ) -> Option<Duration> {
        match code {
            GrpcCode::ResourceExhausted => {
                self.delay(StatusCode::TOO_MANY_REQUESTS, retry_info, attempt)
            }
            GrpcCode::Unavailable => {
                self.delay(StatusCode::SERVICE_UNAVAILABLE, retry_info, attempt)
            }
            GrpcCode::DeadlineExceeded | GrpcCode::Internal | GrpcCode::Unknown => {
                self.delay(StatusCode::INTERNAL_SERVER_ERROR, None, attempt)
            }
            _ => None,
        }
    }
}

#[cfg(feature = "tonic")]
pub use self::status::{decode_status, MAX_DETAILS_LEN, MAX_MESSAGE_LEN};

#[cfg(feature = "tonic")]
mod status {
    use super::super::{ClientError, Decode, ErrorBody, RetryPolicy};
    use crate::catalog::{Catalog, Entry, ErrorCatalog, JsonType};
    use crate::X_REQUEST_ID;
    use crate::{Format, GrpcCode};
    use api_error_wire::names;
    use base64::Engine as _;
    use prost::Message as _;
    use serde_json::{Map, Value};
    use std::time::Duration;
    use tonic_types::pb;

    /// The longest `grpc-status-details-bin` a client decodes. Longer
    /// details are not read (the status's code and message still are), and
    /// [`ErrorBody::raw`] keeps only their first bytes.
    pub const MAX_DETAILS_LEN: usize = 64 * 1024;

    /// The longest status message a client keeps; a longer one is cut at a
    /// character boundary.
    pub const MAX_MESSAGE_LEN: usize = 64 * 1024;

    /// Decodes a gRPC status into `E`, or keeps it whole.
    ///
    /// The status's `ErrorInfo` reason, lower-cased, is the error's code; the
    /// catalog entry of that code and gRPC code gives the HTTP status, the
    /// types of the extras in `ErrorInfo` metadata and where the `BadRequest`
    /// violations go (see [`ErrorBody::from_grpc_status`]). The delay of its
    /// `RetryInfo` is kept with the decoded error, as `Retry-After` is over
    /// HTTP. A status this client cannot rebuild is [`ClientError::Unknown`] with everything it
    /// carried; details that are not Google's error details, or are too long,
    /// are left undecoded and never panic.
    ///
    /// ```
    /// use api_error::client::{decode_status, ClientError};
    /// use api_error::ApiError;
    /// use std::time::Duration;
    ///
    /// #[derive(Debug, PartialEq, ApiError)]
    /// #[api(decode)]
    /// enum ClientsError {
    ///     #[api(status = 404, code = "not_found", message = "Client not found")]
    ///     NotFound { #[api(extra)] id: String },
    ///
    ///     #[api(status = 429, code = "rate_limit_exceeded", message = "Slow down")]
    ///     RateLimited { #[api(retry_after)] secs: u64 },
    /// }
    ///
    /// let sent = ClientsError::NotFound { id: "cli_9".into() };
    /// let status = tonic::Status::from(ClientsError::NotFound { id: "cli_9".into() });
    /// assert_eq!(decode_status::<ClientsError>(&status), ClientError::Api(sent, None));
    ///
    /// let status = tonic::Status::from(ClientsError::RateLimited { secs: 30 });
    /// assert_eq!(
    ///     decode_status::<ClientsError>(&status),
    ///     ClientError::Api(ClientsError::RateLimited { secs: 30 }, Some(Duration::from_secs(30))),
    /// );
    ///
    /// // A status from a server that sends no details keeps its code and message.
    /// match decode_status::<ClientsError>(&tonic::Status::unavailable("try later")) {
    ///     ClientError::Unknown(body) => {
    ///         assert_eq!(body.status, 503);
    ///         assert_eq!(body.code, None);
    ///         assert_eq!(body.message, "try later");
    ///     }
    ///     other => panic!("{other:?}"),
    /// }
    /// ```
    pub fn decode_status<E: Decode + Catalog>(status: &::tonic::Status) -> ClientError<E> {
        let body = ErrorBody::from_grpc_status(status, E::CATALOG);
        match E::decode(&body) {
            Some(error) => ClientError::Api(error, body.retry_after),
            None => ClientError::Unknown(body),
        }
    }

    impl RetryPolicy {
        /// [`grpc_delay`](Self::grpc_delay) for a status: its code and the
        /// delay of its `RetryInfo` detail.
        ///
        /// ```
        /// use api_error::client::RetryPolicy;
        /// use std::time::Duration;
        /// use tonic_types::{ErrorDetails, StatusExt};
        ///
        /// let status = tonic::Status::with_error_details(
        ///     tonic::Code::ResourceExhausted,
        ///     "Slow down",
        ///     ErrorDetails::with_retry_info(Some(Duration::from_secs(12))),
        /// );
        /// let policy = RetryPolicy::default();
        /// assert_eq!(policy.status_delay(&status, 0), Some(Duration::from_secs(12)));
        /// assert_eq!(policy.status_delay(&tonic::Status::not_found("gone"), 0), None);
        /// ```
        #[must_use]
        pub fn status_delay(&self, status: &::tonic::Status, attempt: u32) -> Option<Duration> {
            let details = Details::read(status.details());
            self.grpc_delay(status.code().into(), details.retry_after, attempt)
        }
    }

    /// The error details of a status that this crate reads. Each detail is
    /// decoded on its own, so one that does not decode costs only itself.
    #[derive(Default)]
    struct Details {
        error_info: Option<pb::ErrorInfo>,
        bad_request: Option<pb::BadRequest>,
        retry_after: Option<Duration>,
        request_id: Option<String>,
        doc_url: Option<String>,
        debug: Option<pb::DebugInfo>,
    }

    impl Details {
        fn read(bytes: &[u8]) -> Self {
            let mut details = Details::default();
            if bytes.len() > MAX_DETAILS_LEN {
                return details;
            }
            let Ok(status) = pb::Status::decode(bytes) else {
                return details;
            };
            for any in &status.details {
                let value = any.value.as_slice();
                match any.type_url.as_str() {
                    "type.googleapis.com/google.rpc.ErrorInfo" => {
                        details.error_info = pb::ErrorInfo::decode(value).ok();
                    }
                    "type.googleapis.com/google.rpc.BadRequest" => {
                        details.bad_request = pb::BadRequest::decode(value).ok();
                    }
                    "type.googleapis.com/google.rpc.RetryInfo" => {
                        details.retry_after = pb::RetryInfo::decode(value)
                            .ok()
                            .and_then(|info| info.retry_delay)
                            .map(|delay| {
                                // A negative delay is no wait.
                                match (u64::try_from(delay.seconds), u32::try_from(delay.nanos)) {
                                    (Ok(secs), Ok(nanos)) => {
                                        Duration::new(secs, nanos.min(999_999_999))
                                    }
                                    _ => Duration::ZERO,
                                }
                            });
                    }
                    "type.googleapis.com/google.rpc.RequestInfo" => {
                        details.request_id = pb::RequestInfo::decode(value)
                            .ok()
                            .map(|info| info.request_id)
                            .filter(|id| !id.is_empty());
                    }
                    "type.googleapis.com/google.rpc.Help" => {
                        details.doc_url = pb::Help::decode(value).ok().and_then(|help| {
                            help.links
                                .into_iter()
                                .map(|link| link.url)
                                .find(|url| !url.is_empty())
                        });
                    }
                    "type.googleapis.com/google.rpc.DebugInfo" => {
                        details.debug = pb::DebugInfo::decode(value).ok();
                    }
                    _ => {}
                }
            }
            details
        }
    }

    /// `text` cut to at most `max` bytes at a character boundary.
    fn bounded(text: &str, max: usize) -> String {
        if text.len() <= max {
            return text.to_owned();
        }
        let mut end = max;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        text[..end].to_owned()
    }

    /// A metadata string as the JSON value of an extra of type `json_type`:
    /// the string itself for a string, else its JSON reading, else the
    /// string.
    fn member_value(text: &str, json_type: Option<JsonType>) -> Value {
        let is_string = |json_type: JsonType| match json_type {
            JsonType::String => true,
            JsonType::Nullable(inner) => *inner == JsonType::String,
            _ => false,
        };
        if json_type.is_some_and(is_string) {
            return Value::String(text.to_owned());
        }
        serde_json::from_str(text).unwrap_or_else(|_| Value::String(text.to_owned()))
    }

    impl ErrorBody {
        /// Reads a gRPC status as an error body, with `catalog` (the
        /// receiving type's) to place what the status carries:
        ///
        /// - `code`: the `ErrorInfo` reason, lower-cased;
        /// - `status`: the HTTP status of the catalog's entry for that code
        ///   and gRPC code, else the one Google's table gives the gRPC code;
        /// - `message`: the status message (at most [`MAX_MESSAGE_LEN`]);
        /// - `members`: the `ErrorInfo` metadata, each value read as the
        ///   JSON type the entry gives the extra (a string stays a string),
        ///   and `errors` from the `BadRequest` violations;
        /// - `field`: the first violation, when its description is the
        ///   message and the entry has a `field`;
        /// - `retry_after`, `request_id`, `doc_url` and `debug` from
        ///   `RetryInfo`, `RequestInfo` (else `x-request-id` metadata), `Help`
        ///   and `DebugInfo`;
        /// - `raw`: the `grpc-status-details-bin` bytes in base64, as they
        ///   travel (at most [`MAX_DETAILS_LEN`] bytes of them);
        /// - `format`: [`Format::Envelope`], whose body has the same parts.
        #[must_use]
        pub fn from_grpc_status(status: &::tonic::Status, catalog: &ErrorCatalog) -> ErrorBody {
            let grpc = GrpcCode::from(status.code());
            let bytes = status.details();
            let details = Details::read(bytes);
            let raw = base64::engine::general_purpose::STANDARD_NO_PAD
                .encode(&bytes[..bytes.len().min(MAX_DETAILS_LEN)]);
            let message = bounded(status.message(), MAX_MESSAGE_LEN);

            let error_info = details.error_info.unwrap_or_default();
            let code = Some(error_info.reason.to_ascii_lowercase()).filter(|c| !c.is_empty());
            let entries: Vec<&Entry> = match &code {
                Some(code) => catalog
                    .entries()
                    .filter(|entry| entry.code == code && entry.grpc == grpc)
                    .collect(),
                None => Vec::new(),
            };
            let http_status = entries.first().map_or(grpc.http_status(), |e| e.status);

            let mut members = Map::new();
            for (name, text) in &error_info.metadata {
                // `errors` is no extra: it comes from the violations.
                if api_error_wire::is_reserved(name) {
                    continue;
                }
                let json_type = entries
                    .iter()
                    .flat_map(|entry| entry.extras)
                    .find(|extra| extra.name == name)
                    .map(|extra| extra.json_type);
                members.insert(name.clone(), member_value(text, json_type));
            }

            let violations = details
                .bad_request
                .map(|bad| bad.field_violations)
                .unwrap_or_default();
            let field_allowed = entries.is_empty() || entries.iter().any(|e| e.field.is_some());
            let (field, errors) = match violations.split_first() {
                Some((first, rest)) if field_allowed && first.description == message => {
                    (Some(first.field.clone()), rest)
                }
                _ => (None, violations.as_slice()),
            };
            // An empty `errors` list sends no violations.
            if !errors.is_empty() || entries.iter().any(|entry| entry.errors) {
                let errors = errors
                    .iter()
                    .map(|violation| {
                        let mut error = Map::new();
                        error.insert(names::FIELD.into(), Value::String(violation.field.clone()));
                        error.insert(
                            names::MESSAGE.into(),
                            Value::String(violation.description.clone()),
                        );
                        if !violation.reason.is_empty() {
                            error.insert(
                                names::CODE.into(),
                                Value::String(violation.reason.clone()),
                            );
                        }
                        Value::Object(error)
                    })
                    .collect();
                members.insert(names::ERRORS.into(), Value::Array(errors));
            }

            let request_id = details.request_id.or_else(|| {
                status
                    .metadata()
                    .get(X_REQUEST_ID.as_str())
                    .and_then(|value| value.to_str().ok())
                    .map(|id| bounded(id, crate::RequestId::MAX_LEN))
            });
            let debug =
                details
                    .debug
                    .map(|debug| match serde_json::from_str::<Value>(&debug.detail) {
                        Ok(Value::Object(block)) => block,
                        _ => {
                            let mut block = Map::new();
                            block.insert(names::DETAIL.into(), Value::String(debug.detail));
                            block.insert(
                                names::SOURCE_CHAIN.into(),
                                Value::Array(
                                    debug.stack_entries.into_iter().map(Value::String).collect(),
                                ),
                            );
                            block
                        }
                    });

            ErrorBody {
                status: http_status,
                format: Some(Format::Envelope),
                code,
                message,
                field,
                members,
                doc_url: details.doc_url,
                request_id,
                debug,
                retry_after: details.retry_after,
                raw,
            }
        }
    }
}
