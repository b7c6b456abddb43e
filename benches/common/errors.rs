//! The errors the render benchmarks and the allocation test render: one
//! variant per case, shaped as in the clients API's error guide.

// Shared by the benchmarks and a test, each of which uses a part.
#![allow(dead_code)]

use api_error::{ApiError, FieldError, FieldErrors, RenderOptions};

#[derive(Debug, ApiError)]
#[api(locales = "locales")]
pub enum ClientError {
    #[api(
        status = 401,
        code = "unauthorized",
        message = "Invalid API key provided"
    )]
    Unauthorized,

    #[api(status = 404, code = "not_found", message = "{resource} not found")]
    NotFound {
        #[api(extra)]
        resource: &'static str,
        #[api(extra)]
        id: String,
    },

    #[api(
        status = 422,
        code = "validation_error",
        message = "Request validation failed"
    )]
    Validation(#[api(errors)] FieldErrors),

    #[api(
        status = 500,
        code = "internal_error",
        message = "An unexpected error occurred"
    )]
    Internal(#[api(source)] std::io::Error),
}

/// The request id a server gives every request; only 5xx bodies carry it.
pub const REQUEST_ID: &str = "req_7f3a9c2e41b8d605";

/// The render options of a request in production: its id, no debug block.
pub fn options() -> RenderOptions<'static> {
    RenderOptions::new().request_id(REQUEST_ID)
}

/// The five failed fields of the validation case.
pub const FIELD_ERRORS: [(&str, &str); 5] = [
    ("email", "Invalid email format"),
    ("rate", "Must be a positive number"),
    ("name", "Must not be empty"),
    ("currency", "Must be an ISO 4217 code"),
    ("due_date", "Must be a date in the future"),
];

/// The names of the cases, in the order of [`error`].
pub const CASES: [&str; 4] = [
    "fieldless",
    "two extras",
    "validation, 5 errors",
    "5xx with source",
];

/// The error of case `index` (modulo the number of cases).
pub fn error(index: usize) -> ClientError {
    match index % CASES.len() {
        0 => ClientError::Unauthorized,
        1 => ClientError::NotFound {
            resource: "client",
            id: "cli_8f2k4m9x".to_owned(),
        },
        2 => ClientError::Validation(
            FIELD_ERRORS
                .iter()
                .map(|(field, message)| FieldError::new(*field, *message))
                .collect(),
        ),
        _ => ClientError::Internal(std::io::Error::other("connection reset by peer")),
    }
}

/// Each case: its name and the error.
pub fn cases() -> Vec<(&'static str, ClientError)> {
    CASES
        .iter()
        .enumerate()
        .map(|(index, name)| (*name, error(index)))
        .collect()
}
