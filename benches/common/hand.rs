//! The way people write error bodies today: the error enum with thiserror's
//! Display, status and code by hand, and `#[derive(Serialize)]` structs with
//! `skip_serializing_if` for the members some variants have.

// Shared by the benchmarks and a test, each of which uses a part.
#![allow(dead_code)]

use serde::Serialize;
use std::borrow::Cow;

#[derive(Debug, Serialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

/// A field error as RFC 9457 lists it in a problem: `detail` and a JSON
/// Pointer to the field. The pointer is written straight into the output.
#[derive(Clone, Copy)]
pub struct ProblemErrors<'a>(pub &'a [FieldError]);

impl Serialize for ProblemErrors<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        #[derive(Serialize)]
        struct Item<'a> {
            detail: &'a str,
            pointer: Pointer<'a>,
            #[serde(skip_serializing_if = "Option::is_none")]
            code: Option<&'a str>,
        }
        struct Pointer<'a>(&'a str);
        impl Serialize for Pointer<'_> {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(&format_args!("#/{}", self.0))
            }
        }
        let mut seq = serializer.serialize_seq(Some(self.0.len()))?;
        for error in self.0 {
            seq.serialize_element(&Item {
                detail: &error.message,
                pointer: Pointer(&error.field),
                code: error.code.as_deref(),
            })?;
        }
        seq.end()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    #[error("Invalid API key provided")]
    Unauthorized,
    #[error("{resource} not found")]
    NotFound { resource: &'static str, id: String },
    #[error("Request validation failed")]
    Validation(Vec<FieldError>),
    #[error("internal error: {0}")]
    Internal(#[source] std::io::Error),
}

/// The message as a `Serialize` value: a fixed text is written as it is,
/// a templated one is formatted by `Display` straight into the output,
/// with no string in between.
#[derive(Clone, Copy)]
pub struct Message<'a>(pub &'a ClientError);

impl Serialize for Message<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            ClientError::Unauthorized => serializer.serialize_str("Invalid API key provided"),
            ClientError::NotFound { .. } => serializer.collect_str(self.0),
            ClientError::Validation(_) => serializer.serialize_str("Request validation failed"),
            ClientError::Internal(_) => serializer.serialize_str("An unexpected error occurred"),
        }
    }
}

#[derive(Serialize)]
pub struct Envelope<'a> {
    pub error: Inner<'a>,
}

#[derive(Serialize)]
pub struct Inner<'a> {
    pub code: &'a str,
    pub message: Message<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub errors: Option<&'a [FieldError]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<&'a str>,
}

/// The flat format: the reason phrase, the message, the members.
#[derive(Serialize)]
pub struct Flat<'a> {
    pub error: &'a str,
    pub message: Message<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub errors: Option<&'a [FieldError]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<&'a str>,
}

#[derive(Serialize)]
pub struct Problem<'a> {
    #[serde(rename = "type")]
    pub kind: &'a str,
    pub title: &'a str,
    pub status: u16,
    pub detail: Message<'a>,
    pub code: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub errors: Option<ProblemErrors<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<&'a str>,
}

/// The members of a problem body beyond RFC 9457's, for `problem_details`.
#[derive(Serialize)]
pub struct Extensions<'a> {
    pub code: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub errors: Option<ProblemErrors<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<&'a str>,
}

/// A JSON:API error document: the error's object, then one per field error.
#[derive(Serialize)]
pub struct JsonApi<'a> {
    pub errors: JsonApiObjects<'a>,
}

pub struct JsonApiObjects<'a> {
    pub top: JsonApiObject<'a>,
    pub errors: &'a [FieldError],
}

#[derive(Serialize)]
pub struct JsonApiObject<'a> {
    pub status: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<&'a str>,
    pub title: &'a str,
    pub detail: Message<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<JsonApiSource<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meta: Option<JsonApiMeta<'a>>,
}

#[derive(Serialize)]
pub struct JsonApiSource<'a> {
    pub pointer: Pointer<'a>,
}

/// A JSON Pointer to a field of the body, written straight into the output.
#[derive(Clone, Copy)]
pub struct Pointer<'a>(pub &'a str);

impl Serialize for Pointer<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&format_args!("/{}", self.0))
    }
}

#[derive(Serialize)]
pub struct JsonApiMeta<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<&'a str>,
}

impl Serialize for JsonApiObjects<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = serializer.serialize_seq(Some(1 + self.errors.len()))?;
        seq.serialize_element(&self.top)?;
        for error in self.errors {
            seq.serialize_element(&JsonApiItem {
                status: self.top.status,
                code: error.code.as_deref(),
                title: self.top.title,
                detail: &error.message,
                source: JsonApiSource {
                    pointer: Pointer(&error.field),
                },
            })?;
        }
        seq.end()
    }
}

#[derive(Serialize)]
struct JsonApiItem<'a> {
    status: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    code: Option<&'a str>,
    title: &'a str,
    detail: &'a str,
    source: JsonApiSource<'a>,
}

/// Google's AIP-193 error, with the details a gRPC status carries.
#[derive(Serialize)]
pub struct Google<'a> {
    pub error: GoogleStatus<'a>,
}

#[derive(Serialize)]
pub struct GoogleStatus<'a> {
    pub code: u16,
    pub message: Message<'a>,
    pub status: &'a str,
    pub details: GoogleDetails<'a>,
}

pub struct GoogleDetails<'a> {
    pub reason: &'a str,
    pub resource: Option<&'a str>,
    pub id: Option<&'a str>,
    pub errors: Option<&'a [FieldError]>,
    pub request_id: Option<&'a str>,
}

#[derive(Serialize)]
struct ErrorInfo<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    reason: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    metadata: Option<Metadata<'a>>,
}

#[derive(Serialize)]
struct Metadata<'a> {
    resource: &'a str,
    id: &'a str,
}

#[derive(Serialize)]
struct BadRequest<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "fieldViolations")]
    field_violations: Violations<'a>,
}

struct Violations<'a>(&'a [FieldError]);

impl Serialize for Violations<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Violation<'a> {
            field: &'a str,
            description: &'a str,
            #[serde(skip_serializing_if = "Option::is_none")]
            reason: Option<&'a str>,
        }
        serializer.collect_seq(self.0.iter().map(|error| Violation {
            field: &error.field,
            description: &error.message,
            reason: error.code.as_deref(),
        }))
    }
}

#[derive(Serialize)]
struct RequestInfo<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "requestId")]
    request_id: &'a str,
}

impl Serialize for GoogleDetails<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = serializer.serialize_seq(None)?;
        let metadata = match (self.resource, self.id) {
            (Some(resource), Some(id)) => Some(Metadata { resource, id }),
            _ => None,
        };
        seq.serialize_element(&ErrorInfo {
            kind: "type.googleapis.com/google.rpc.ErrorInfo",
            reason: self.reason,
            metadata,
        })?;
        if let Some(errors) = self.errors {
            seq.serialize_element(&BadRequest {
                kind: "type.googleapis.com/google.rpc.BadRequest",
                field_violations: Violations(errors),
            })?;
        }
        if let Some(request_id) = self.request_id {
            seq.serialize_element(&RequestInfo {
                kind: "type.googleapis.com/google.rpc.RequestInfo",
                request_id,
            })?;
        }
        seq.end()
    }
}

/// The error of the Microsoft REST API guidelines.
#[derive(Serialize)]
pub struct Microsoft<'a> {
    pub error: MicrosoftError<'a>,
}

#[derive(Serialize)]
pub struct MicrosoftError<'a> {
    pub code: &'a str,
    pub message: Message<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub details: Option<MicrosoftDetails<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub innererror: Option<JsonApiMeta<'a>>,
}

pub struct MicrosoftDetails<'a> {
    pub code: &'a str,
    pub errors: &'a [FieldError],
}

impl Serialize for MicrosoftDetails<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Detail<'a> {
            code: &'a str,
            message: &'a str,
            target: &'a str,
        }
        serializer.collect_seq(self.errors.iter().map(|error| Detail {
            code: error.code.as_deref().unwrap_or(self.code),
            message: &error.message,
            target: &error.field,
        }))
    }
}

impl ClientError {
    pub fn status(&self) -> api_error::http::StatusCode {
        match self {
            ClientError::Unauthorized => api_error::http::StatusCode::UNAUTHORIZED,
            ClientError::NotFound { .. } => api_error::http::StatusCode::NOT_FOUND,
            ClientError::Validation(_) => api_error::http::StatusCode::UNPROCESSABLE_ENTITY,
            ClientError::Internal(_) => api_error::http::StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            ClientError::Unauthorized => "unauthorized",
            ClientError::NotFound { .. } => "not_found",
            ClientError::Validation(_) => "validation_error",
            ClientError::Internal(_) => "internal_error",
        }
    }

    /// Borrowed when the message has no placeholder; a 5xx never shows
    /// its own text.
    pub fn message(&self) -> Cow<'static, str> {
        match self {
            ClientError::Unauthorized => Cow::Borrowed("Invalid API key provided"),
            ClientError::NotFound { .. } => Cow::Owned(self.to_string()),
            ClientError::Validation(_) => Cow::Borrowed("Request validation failed"),
            ClientError::Internal(_) => Cow::Borrowed("An unexpected error occurred"),
        }
    }

    fn resource(&self) -> Option<&str> {
        match self {
            ClientError::NotFound { resource, .. } => Some(resource),
            _ => None,
        }
    }

    fn id(&self) -> Option<&str> {
        match self {
            ClientError::NotFound { id, .. } => Some(id),
            _ => None,
        }
    }

    pub fn errors(&self) -> Option<&[FieldError]> {
        match self {
            ClientError::Validation(errors) => Some(errors),
            _ => None,
        }
    }

    pub fn request_id<'a>(&self, request_id: Option<&'a str>) -> Option<&'a str> {
        request_id.filter(|_| self.status().is_server_error())
    }

    pub fn envelope<'a>(&'a self, request_id: Option<&'a str>) -> Envelope<'a> {
        Envelope {
            error: Inner {
                code: self.code(),
                message: Message(self),
                resource: self.resource(),
                id: self.id(),
                errors: self.errors(),
                request_id: self.request_id(request_id),
            },
        }
    }

    pub fn flat<'a>(&'a self, request_id: Option<&'a str>) -> Flat<'a> {
        Flat {
            error: self.status().canonical_reason().unwrap_or("Error"),
            message: Message(self),
            resource: self.resource(),
            id: self.id(),
            errors: self.errors(),
            request_id: self.request_id(request_id),
        }
    }

    pub fn problem<'a>(&'a self, request_id: Option<&'a str>) -> Problem<'a> {
        let status = self.status();
        Problem {
            kind: "about:blank",
            title: status.canonical_reason().unwrap_or("Error"),
            status: status.as_u16(),
            detail: Message(self),
            code: self.code(),
            resource: self.resource(),
            id: self.id(),
            errors: self.errors().map(ProblemErrors),
            request_id: self.request_id(request_id),
        }
    }

    /// The extras and a 5xx's request id, the object JSON:API's `meta` and
    /// Microsoft's `innererror` are; none when it is empty.
    fn meta<'a>(&'a self, request_id: Option<&'a str>) -> Option<JsonApiMeta<'a>> {
        let meta = JsonApiMeta {
            resource: self.resource(),
            id: self.id(),
            request_id: self.request_id(request_id),
        };
        let empty = meta.resource.is_none() && meta.id.is_none() && meta.request_id.is_none();
        (!empty).then_some(meta)
    }

    pub fn json_api<'a>(&'a self, request_id: Option<&'a str>) -> JsonApi<'a> {
        let status = self.status();
        let digits = match self {
            ClientError::Unauthorized => "401",
            ClientError::NotFound { .. } => "404",
            ClientError::Validation(_) => "422",
            ClientError::Internal(_) => "500",
        };
        JsonApi {
            errors: JsonApiObjects {
                top: JsonApiObject {
                    status: digits,
                    code: Some(self.code()),
                    title: status.canonical_reason().unwrap_or("Error"),
                    detail: Message(self),
                    source: None,
                    meta: self.meta(request_id),
                },
                errors: self.errors().unwrap_or_default(),
            },
        }
    }

    pub fn google<'a>(&'a self, request_id: Option<&'a str>) -> Google<'a> {
        let (status, reason) = match self {
            ClientError::Unauthorized => ("UNAUTHENTICATED", "UNAUTHORIZED"),
            ClientError::NotFound { .. } => ("NOT_FOUND", "NOT_FOUND"),
            ClientError::Validation(_) => ("INVALID_ARGUMENT", "VALIDATION_ERROR"),
            ClientError::Internal(_) => ("INTERNAL", "INTERNAL_ERROR"),
        };
        Google {
            error: GoogleStatus {
                code: self.status().as_u16(),
                message: Message(self),
                status,
                details: GoogleDetails {
                    reason,
                    resource: self.resource(),
                    id: self.id(),
                    errors: self.errors(),
                    request_id,
                },
            },
        }
    }

    pub fn microsoft<'a>(&'a self, request_id: Option<&'a str>) -> Microsoft<'a> {
        Microsoft {
            error: MicrosoftError {
                code: self.code(),
                message: Message(self),
                details: self.errors().map(|errors| MicrosoftDetails {
                    code: self.code(),
                    errors,
                }),
                innererror: self.meta(request_id),
            },
        }
    }

    pub fn extensions<'a>(&'a self, request_id: Option<&'a str>) -> Extensions<'a> {
        Extensions {
            code: self.code(),
            resource: self.resource(),
            id: self.id(),
            errors: self.errors().map(ProblemErrors),
            request_id: self.request_id(request_id),
        }
    }
}

/// The same error as the derived one.
pub fn from_derived(error: &crate::errors::ClientError) -> ClientError {
    match error {
        crate::errors::ClientError::Unauthorized => ClientError::Unauthorized,
        crate::errors::ClientError::NotFound { resource, id } => ClientError::NotFound {
            resource,
            id: id.clone(),
        },
        crate::errors::ClientError::Validation(errors) => ClientError::Validation(
            errors
                .iter()
                .map(|e| FieldError {
                    field: e.field.to_string(),
                    message: e.message.to_string(),
                    code: e.code.as_ref().map(ToString::to_string),
                })
                .collect(),
        ),
        crate::errors::ClientError::Internal(source) => {
            ClientError::Internal(std::io::Error::new(source.kind(), source.to_string()))
        }
    }
}

/// The error of case `index`, as [`crate::errors::error`] builds it.
pub fn error(index: usize) -> ClientError {
    match index % crate::errors::CASES.len() {
        0 => ClientError::Unauthorized,
        1 => ClientError::NotFound {
            resource: "client",
            id: "cli_8f2k4m9x".to_owned(),
        },
        2 => ClientError::Validation(
            crate::errors::FIELD_ERRORS
                .iter()
                .map(|(field, message)| FieldError {
                    field: (*field).to_owned(),
                    message: (*message).to_owned(),
                    code: None,
                })
                .collect(),
        ),
        _ => ClientError::Internal(std::io::Error::other("connection reset by peer")),
    }
}
