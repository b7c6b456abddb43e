//! The errors of the customers API: the flat format of its error guide.

use api_error::ApiError;
use std::time::Duration;

/// The customers API: flat bodies, the reason phrase under `error`.
#[derive(Debug, ApiError)]
#[api(format = "flat", decode)]
pub enum CustomersError {
    #[api(
        status = 401,
        code = "missing_api_key",
        message = "API key is required. Provide it via X-API-Key header or Authorization Bearer token."
    )]
    MissingApiKey,

    #[api(status = 401, code = "invalid_api_key", message = "Invalid API key")]
    InvalidApiKey,

    #[api(
        status = 401,
        code = "revoked_api_key",
        message = "API key has been revoked"
    )]
    RevokedApiKey,

    #[api(
        status = 401,
        code = "expired_api_key",
        message = "API key has expired"
    )]
    ExpiredApiKey,

    #[api(status = 400, code = "invalid_body", message = "body must be object")]
    InvalidBody,

    #[api(
        status = 400,
        code = "missing_property",
        message = "body must have required property '{property}'"
    )]
    MissingProperty { property: String },

    #[api(
        status = 400,
        code = "invalid_format",
        message = "body/{property} must match format \"{format}\""
    )]
    InvalidFormat { property: String, format: String },

    #[api(
        status = 403,
        code = "customer_limit_reached",
        message = "Customer limit reached. Your plan allows {limit} customers."
    )]
    CustomerLimitReached { limit: u32 },

    #[api(
        status = 404,
        code = "customer_not_found",
        message = "Customer not found"
    )]
    CustomerNotFound {
        #[api(debug)]
        customer_id: Option<String>,
    },

    #[api(
        status = 409,
        code = "duplicate_email",
        message = "A customer with this email already exists"
    )]
    DuplicateEmail,

    #[api(
        status = 429,
        code = "rate_limited",
        message = "Rate limit exceeded. Retry after {retry_after} seconds."
    )]
    RateLimited {
        #[api(retry_after)]
        retry_after: u64,
    },

    #[api(
        status = 500,
        code = "internal_error",
        message = "Something went wrong on our end"
    )]
    Internal(#[api(source)] std::io::Error),

    #[api(
        status = 503,
        code = "service_unavailable",
        message = "API temporarily unavailable"
    )]
    Unavailable {
        #[api(retry_after)]
        retry_after: Duration,
    },
}
