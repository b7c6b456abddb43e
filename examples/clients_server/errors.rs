//! The errors of the clients and invoices API: the envelope format of its
//! error guide.

use api_error::{ApiError, FieldErrors, RequestError};
use serde::{Deserialize, Serialize};
use std::fmt;

/// What a `not_found` error is about. Displayed capitalized in the message,
/// serialized lowercase in the `resource` member.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Resource {
    Client,
    Invoice,
}

/// The catalog lists the `resource` member as a string.
impl api_error::catalog::MemberType for Resource {
    const JSON_TYPE: api_error::catalog::JsonType = api_error::catalog::JsonType::String;
}

impl fmt::Display for Resource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Resource::Client => "Client",
            Resource::Invoice => "Invoice",
        })
    }
}

/// The clients and invoices API: envelope bodies with codes, fields and
/// extras, as its error guide shows them. Over gRPC, the same errors are
/// statuses whose `ErrorInfo` names the domain `clients.example.com`.
//
// Each handler returns the subset it can answer, so the OpenAPI document
// lists for each operation only the errors it has.
#[derive(Debug, ApiError)]
#[api(format = "envelope", decode, domain = "clients.example.com")]
// Its messages in English and French: `locales/*/errors.ftl`, beside this file.
#[api(locales = "locales")]
#[api(subset(
    /// What authentication answers: every operation's.
    pub AuthError = Unauthorized | RateLimited
))]
#[api(subset(
    /// `POST /v1/clients`, besides its body's errors.
    pub CreateClientError = Duplicate
))]
#[api(subset(
    /// Reading a client or an invoice, or invoicing a client.
    pub ReadError = NotFound | Forbidden
))]
#[api(subset(
    /// `PATCH /v1/clients/{id}`.
    pub UpdateClientError = NotFound | Forbidden | RateNotPositive
))]
#[api(subset(
    /// `POST /v1/invoices/{id}/send`.
    pub SendInvoiceError = NotFound | Forbidden | InvoiceAlreadySent
))]
#[api(subset(
    /// `POST /v1/exports`.
    pub ExportError = Internal
))]
pub enum ClientsError {
    /// No API key, or an invalid one. Check that your API key is correct and
    /// not revoked.
    #[api(
        status = 401,
        code = "unauthorized",
        message = "Invalid API key provided"
    )]
    Unauthorized,

    /// The API key is valid but lacks permission. Use an API key with the
    /// appropriate permissions.
    #[api(
        status = 403,
        code = "forbidden",
        message = "You do not have access to this {resource}"
    )]
    Forbidden { resource: String },

    /// The resource does not exist. Verify the ID is correct and the resource
    /// exists.
    #[api(status = 404, code = "not_found", message = "{resource} not found")]
    NotFound {
        #[api(extra)]
        resource: Resource,
        #[api(extra)]
        id: String,
    },

    /// The request body is malformed or misses a required field.
    #[api(
        status = 422,
        code = "invalid_request",
        message = "{label} is required"
    )]
    #[api(share_code)]
    MissingField {
        #[api(field)]
        field: String,
        label: String,
    },

    /// A specific field value is invalid.
    #[api(
        status = 422,
        code = "invalid_parameter",
        message = "Rate must be a positive number",
        field = "rate"
    )]
    InvalidRate {
        #[api(extra)]
        value: i64,
    },

    /// Several fields failed validation: each is listed under `errors`.
    #[api(
        status = 422,
        code = "validation_error",
        message = "Request validation failed"
    )]
    Validation(#[api(errors)] FieldErrors),

    /// Creating something that already exists.
    #[api(
        status = 409,
        code = "duplicate",
        message = "A client with this email already exists"
    )]
    #[api(field = "email")]
    Duplicate {
        #[api(extra)]
        existing_id: String,
    },

    /// The operation conflicts with the current state. Over gRPC it is
    /// `FAILED_PRECONDITION`: the invoice is no longer in a state to be sent.
    #[api(
        status = 409,
        code = "conflict",
        message = "Invoice has already been sent",
        grpc = "failed_precondition"
    )]
    InvoiceAlreadySent {
        #[api(debug)]
        invoice_id: String,
    },

    /// The rate is zero or negative.
    #[api(
        status = 422,
        code = "invalid_request",
        message = "Rate must be positive"
    )]
    #[api(share_code)]
    RateNotPositive {
        #[api(debug)]
        received_value: i64,
        #[api(debug)]
        expected_type: String,
    },

    /// Too many requests.
    #[api(
        status = 429,
        code = "rate_limit_exceeded",
        message = "Rate limit exceeded. Retry after {secs} seconds."
    )]
    RateLimited {
        #[api(retry_after)]
        secs: u64,
    },

    /// Something went wrong on our end.
    #[api(
        status = 500,
        code = "internal_error",
        message = "An unexpected error occurred"
    )]
    Internal(#[api(source)] Box<dyn std::error::Error + Send + Sync>),

    /// The request itself is wrong: a body that is not JSON or does not fit,
    /// an unknown route, a wrong method, a body over the limit, a timeout.
    #[api(transparent)]
    Request(RequestError),
}

/// The request errors the guide words its own way, and the rest as they are.
impl From<RequestError> for ClientsError {
    fn from(error: RequestError) -> Self {
        match error {
            RequestError::MissingField { field, .. } => ClientsError::MissingField {
                label: label(&field),
                field,
            },
            // One bad rate is the guide's `invalid_parameter`, with the value.
            RequestError::Validation(errors) => match errors.as_slice() {
                [only] if only.field == "rate" => {
                    match only.value.as_ref().and_then(serde_json::Value::as_i64) {
                        Some(value) => ClientsError::InvalidRate { value },
                        None => ClientsError::Validation(without_codes(errors)),
                    }
                }
                _ => ClientsError::Validation(without_codes(errors)),
            },
            other => ClientsError::Request(other),
        }
    }
}

/// The guide's validation errors name a field and say what is wrong, with no
/// rule code.
fn without_codes(errors: FieldErrors) -> FieldErrors {
    errors
        .into_iter()
        .map(|mut error| {
            error.code = None;
            error
        })
        .collect()
}

/// How a message names a request field: `client_id` is "Client".
fn label(field: &str) -> String {
    let name = field.strip_suffix("_id").unwrap_or(field);
    let mut chars = name.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
