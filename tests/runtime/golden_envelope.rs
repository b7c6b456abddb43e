//! Every JSON sample of the envelope-format guide (seed 002), byte for byte.

use api_error::{ApiError, FieldError, FieldErrors, Format, RenderOptions, StatusCode};
use std::time::Duration;

#[derive(Debug, ApiError)]
pub enum VantageError {
    #[api(
        status = 401,
        code = "unauthorized",
        message = "Invalid API key provided"
    )]
    Unauthorized,

    #[api(
        status = 403,
        code = "forbidden",
        message = "You do not have access to this client"
    )]
    Forbidden,

    #[api(status = 404, code = "not_found", message = "Client not found")]
    ClientNotFound {
        #[api(extra)]
        resource: &'static str,
        #[api(extra)]
        id: String,
    },

    #[api(
        status = 422,
        code = "invalid_request",
        share_code,
        message = "Email is required",
        field = "email"
    )]
    EmailRequired,

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

    #[api(
        status = 422,
        code = "validation_error",
        message = "Request validation failed"
    )]
    Validation(#[api(errors)] FieldErrors),

    #[api(
        status = 409,
        code = "duplicate",
        message = "A client with this email already exists",
        field = "email"
    )]
    Duplicate {
        #[api(extra)]
        existing_id: String,
    },

    #[api(
        status = 409,
        code = "conflict",
        message = "Invoice has already been sent"
    )]
    InvoiceAlreadySent,

    #[api(
        status = 429,
        code = "rate_limit_exceeded",
        message = "Rate limit exceeded. Retry after {retry_after} seconds."
    )]
    RateLimited {
        #[api(retry_after)]
        retry_after: u64,
    },

    #[api(
        status = 500,
        code = "internal_error",
        message = "An unexpected error occurred"
    )]
    Internal,

    #[api(
        status = 422,
        code = "invalid_request",
        share_code,
        message = "Rate must be positive"
    )]
    RateNotPositive {
        #[api(debug)]
        received_value: i64,
        #[api(debug)]
        expected_type: &'static str,
        #[api(debug)]
        stack_trace: String,
    },
}

/// The format sample at the top of the guide links its code to the docs.
#[derive(Debug, ApiError)]
#[api(doc_base = "https://docs.govantage.co/api-reference/errors")]
pub enum DocumentedError {
    #[api(
        status = 422,
        code = "invalid_request",
        message = "Email is required",
        field = "email"
    )]
    EmailRequired,
}

/// Checks one error against its seed sample through every path that writes
/// the default body.
fn assert_golden<E: ApiError + serde::Serialize + std::fmt::Debug>(err: &E, golden: &str) {
    assert_eq!(err.default_format(), Format::Envelope);
    assert_eq!(err.to_json(Format::Envelope), golden, "to_json of {err:?}");
    assert_eq!(
        serde_json::to_string(err).unwrap(),
        golden,
        "serde_json::to_string of {err:?}"
    );
    let mut out = b"prefix:".to_vec();
    err.write_json(&mut out, Format::Envelope, &RenderOptions::new());
    assert_eq!(
        String::from_utf8(out).unwrap(),
        format!("prefix:{golden}"),
        "write_json appends ({err:?})"
    );
}

#[test]
fn error_response_format() {
    let err = DocumentedError::EmailRequired;
    assert_golden(
        &err,
        r#"{"error":{"code":"invalid_request","message":"Email is required","field":"email","doc_url":"https://docs.govantage.co/api-reference/errors#invalid_request"}}"#,
    );
    assert_eq!(
        err.doc_url(),
        Some("https://docs.govantage.co/api-reference/errors#invalid_request")
    );
    assert_eq!(err.field(), Some("email"));
}

#[test]
fn unauthorized() {
    let err = VantageError::Unauthorized;
    assert_golden(
        &err,
        r#"{"error":{"code":"unauthorized","message":"Invalid API key provided"}}"#,
    );
    assert_eq!(err.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(err.code(), "unauthorized");
    assert_eq!(err.message(), "Invalid API key provided");
    assert_eq!(err.doc_url(), None);
}

#[test]
fn forbidden() {
    let err = VantageError::Forbidden;
    assert_golden(
        &err,
        r#"{"error":{"code":"forbidden","message":"You do not have access to this client"}}"#,
    );
    assert_eq!(err.status(), StatusCode::FORBIDDEN);
}

#[test]
fn not_found() {
    let err = VantageError::ClientNotFound {
        resource: "client",
        id: "cli_xxxxx".to_owned(),
    };
    assert_golden(
        &err,
        r#"{"error":{"code":"not_found","message":"Client not found","resource":"client","id":"cli_xxxxx"}}"#,
    );
    assert_eq!(err.status(), StatusCode::NOT_FOUND);
    assert_eq!(err.code(), "not_found");
}

#[test]
fn invalid_request() {
    let err = VantageError::EmailRequired;
    assert_golden(
        &err,
        r#"{"error":{"code":"invalid_request","message":"Email is required","field":"email"}}"#,
    );
    assert_eq!(err.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(err.field(), Some("email"));
}

#[test]
fn invalid_parameter() {
    let err = VantageError::InvalidRate { value: -50 };
    assert_golden(
        &err,
        r#"{"error":{"code":"invalid_parameter","message":"Rate must be a positive number","field":"rate","value":-50}}"#,
    );
    assert_eq!(err.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(err.field(), Some("rate"));
}

#[test]
fn multiple_errors() {
    let err = VantageError::Validation(
        FieldErrors::new()
            .with("email", "Invalid email format")
            .with("rate", "Must be positive"),
    );
    assert_golden(
        &err,
        r#"{"error":{"code":"validation_error","message":"Request validation failed","errors":[{"field":"email","message":"Invalid email format"},{"field":"rate","message":"Must be positive"}]}}"#,
    );
    assert_eq!(err.status(), StatusCode::UNPROCESSABLE_ENTITY);

    let from_vec = VantageError::Validation(FieldErrors::from(vec![
        FieldError::new("email", "Invalid email format"),
        FieldError::new("rate", "Must be positive"),
    ]));
    assert_eq!(
        from_vec.to_json(Format::Envelope),
        err.to_json(Format::Envelope)
    );
}

#[test]
fn duplicate() {
    let err = VantageError::Duplicate {
        existing_id: "cli_xxxxx".to_owned(),
    };
    assert_golden(
        &err,
        r#"{"error":{"code":"duplicate","message":"A client with this email already exists","field":"email","existing_id":"cli_xxxxx"}}"#,
    );
    assert_eq!(err.status(), StatusCode::CONFLICT);
}

#[test]
fn conflict() {
    let err = VantageError::InvoiceAlreadySent;
    assert_golden(
        &err,
        r#"{"error":{"code":"conflict","message":"Invoice has already been sent"}}"#,
    );
    assert_eq!(err.status(), StatusCode::CONFLICT);
}

#[test]
fn rate_limit_exceeded() {
    let err = VantageError::RateLimited { retry_after: 30 };
    assert_golden(
        &err,
        r#"{"error":{"code":"rate_limit_exceeded","message":"Rate limit exceeded. Retry after 30 seconds."}}"#,
    );
    assert_eq!(err.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(err.retry_after(), Some(Duration::from_secs(30)));
    assert!(err.is_retryable());
    assert_eq!(
        err.message(),
        "Rate limit exceeded. Retry after 30 seconds."
    );
}

#[test]
fn internal_error_with_request_id() {
    let err = VantageError::Internal;
    let options = RenderOptions::new().request_id("req_xxxxx");
    assert_eq!(
        err.to_json_with(Format::Envelope, &options),
        r#"{"error":{"code":"internal_error","message":"An unexpected error occurred","request_id":"req_xxxxx"}}"#
    );
    assert_eq!(
        err.to_json(Format::Envelope),
        r#"{"error":{"code":"internal_error","message":"An unexpected error occurred"}}"#
    );
    assert_eq!(err.status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert!(err.is_retryable());
}

#[test]
fn request_id_only_on_5xx() {
    let options = RenderOptions::new().request_id("req_xxxxx");
    assert_eq!(
        VantageError::Unauthorized.to_json_with(Format::Envelope, &options),
        r#"{"error":{"code":"unauthorized","message":"Invalid API key provided"}}"#
    );
    assert_eq!(
        VantageError::InvalidRate { value: -50 }.to_json_with(Format::Envelope, &options),
        r#"{"error":{"code":"invalid_parameter","message":"Rate must be a positive number","field":"rate","value":-50}}"#
    );
}

fn rate_not_positive() -> VantageError {
    VantageError::RateNotPositive {
        received_value: -50,
        expected_type: "positive_integer",
        stack_trace: "...".to_owned(),
    }
}

#[test]
fn verbose_mode_debug_block() {
    let err = rate_not_positive();
    assert_eq!(
        err.to_json_with(Format::Envelope, &RenderOptions::new().debug(true)),
        r#"{"error":{"code":"invalid_request","message":"Rate must be positive","debug":{"received_value":-50,"expected_type":"positive_integer","stack_trace":"..."}}}"#
    );
    assert_eq!(err.code(), "invalid_request");
    assert_eq!(err.status(), VantageError::EmailRequired.status());
}

#[test]
fn debug_block_absent_without_debug() {
    let err = rate_not_positive();
    let plain = r#"{"error":{"code":"invalid_request","message":"Rate must be positive"}}"#;
    assert_eq!(err.to_json(Format::Envelope), plain);
    assert_eq!(
        err.to_json_with(Format::Envelope, &RenderOptions::new().debug(false)),
        plain
    );
    assert_eq!(serde_json::to_string(&err).unwrap(), plain);
    for format in Format::ALL {
        let body = err.to_json(format);
        assert!(!body.contains("debug"), "{format:?}: {body}");
        assert!(!body.contains("positive_integer"), "{format:?}: {body}");
        assert!(!body.contains("-50"), "{format:?}: {body}");
    }
}

#[test]
fn debug_on_changes_nothing_without_debug_members() {
    let options = RenderOptions::new().debug(true);
    assert_eq!(
        VantageError::Unauthorized.to_json_with(Format::Envelope, &options),
        r#"{"error":{"code":"unauthorized","message":"Invalid API key provided"}}"#
    );
    assert_eq!(
        VantageError::Duplicate {
            existing_id: "cli_xxxxx".to_owned()
        }
        .to_json_with(Format::Envelope, &options),
        r#"{"error":{"code":"duplicate","message":"A client with this email already exists","field":"email","existing_id":"cli_xxxxx"}}"#
    );
}

#[test]
fn debug_block_in_the_other_formats() {
    let err = rate_not_positive();
    let options = RenderOptions::new().debug(true);
    assert_eq!(
        err.to_json_with(Format::Flat, &options),
        r#"{"error":"Unprocessable Entity","message":"Rate must be positive","debug":{"received_value":-50,"expected_type":"positive_integer","stack_trace":"..."}}"#
    );
    assert_eq!(
        err.to_json_with(Format::Problem, &options),
        r#"{"type":"about:blank","title":"Unprocessable Entity","status":422,"detail":"Rate must be positive","code":"invalid_request","debug":{"received_value":-50,"expected_type":"positive_integer","stack_trace":"..."}}"#
    );
}
