//! The errors of the customers API: the flat format of its error guide.

use api_error::request::SchemaError;
use api_error::{ApiError, RequestError};
use std::time::Duration;

/// The customers API: flat bodies, the reason phrase under `error`.
#[derive(Debug, ApiError)]
#[api(format = "flat", decode)]
pub enum CustomersError {
    /// No API key was sent. Include it in the `X-API-Key` header or as an
    /// `Authorization: Bearer` token.
    #[api(
        status = 401,
        code = "missing_api_key",
        message = "API key is required. Provide it via X-API-Key header or Authorization Bearer token."
    )]
    MissingApiKey,

    /// The API key is not valid. Generate a new one from Settings > API Keys
    /// if needed.
    #[api(status = 401, code = "invalid_api_key", message = "Invalid API key")]
    InvalidApiKey,

    /// The API key has been disabled. Generate a new one from your dashboard.
    #[api(
        status = 401,
        code = "revoked_api_key",
        message = "API key has been revoked"
    )]
    RevokedApiKey,

    /// The API key has passed its expiration date. Generate a new one from
    /// your dashboard.
    #[api(
        status = 401,
        code = "expired_api_key",
        message = "API key has expired"
    )]
    ExpiredApiKey,

    /// The request body is not a JSON object.
    #[api(status = 400, code = "invalid_body", message = "body must be object")]
    InvalidBody,

    /// A required field is missing from the request body.
    #[api(
        status = 400,
        code = "missing_property",
        message = "body must have required property '{property}'"
    )]
    MissingProperty { property: String },

    /// A field does not have the expected format, such as an email address.
    #[api(
        status = 400,
        code = "invalid_format",
        message = "body/{property} must match format \"{format}\""
    )]
    InvalidFormat { property: String, format: String },

    /// The plan's customer limit is reached. Upgrade your subscription, or
    /// remove customers you no longer need.
    #[api(
        status = 403,
        code = "customer_limit_reached",
        message = "Customer limit reached. Your plan allows {limit} customers."
    )]
    CustomerLimitReached { limit: u32 },

    /// The customer does not exist.
    #[api(
        status = 404,
        code = "customer_not_found",
        message = "Customer not found"
    )]
    CustomerNotFound {
        #[api(debug)]
        customer_id: Option<String>,
    },

    /// Each customer must have a unique email address within your account.
    /// Use a different email or update the existing customer.
    #[api(
        status = 409,
        code = "duplicate_email",
        message = "A customer with this email already exists"
    )]
    DuplicateEmail,

    /// Too many requests.
    #[api(
        status = 429,
        code = "rate_limited",
        message = "Rate limit exceeded. Retry after {retry_after} seconds."
    )]
    RateLimited {
        #[api(retry_after)]
        retry_after: u64,
    },

    /// Something went wrong on our end.
    #[api(
        status = 500,
        code = "internal_error",
        message = "Something went wrong on our end"
    )]
    Internal(#[api(source)] std::io::Error),

    /// The API is temporarily unavailable.
    #[api(
        status = 503,
        code = "service_unavailable",
        message = "API temporarily unavailable"
    )]
    Unavailable {
        #[api(retry_after)]
        retry_after: Duration,
    },

    /// The request itself is wrong: a body that is not JSON or does not fit,
    /// a wrong content type, an unknown route, a wrong method, a body over
    /// the limit. Worded as the guide's own 400s are, every error of the
    /// request's format is a 400.
    #[api(transparent)]
    Request(SchemaError),
}

/// Every request error in the guide's words (as JSON Schema validators word
/// them: `body/email`); those the guide shows are its own variants.
impl From<RequestError> for CustomersError {
    fn from(error: RequestError) -> Self {
        match SchemaError::from(error) {
            SchemaError::MissingProperty { instance, property } if instance == "body" => {
                CustomersError::MissingProperty { property }
            }
            // Only `Email` refuses a string the body's type accepts.
            SchemaError::InvalidValue { instance, .. } if instance == "body/email" => {
                CustomersError::InvalidFormat {
                    property: "email".to_owned(),
                    format: "email".to_owned(),
                }
            }
            SchemaError::InvalidType { instance, expected }
                if instance == "body" && expected == "object" =>
            {
                CustomersError::InvalidBody
            }
            other => CustomersError::Request(other),
        }
    }
}
