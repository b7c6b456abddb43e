use api_error::{ApiError, FieldErrors, Format, RenderOptions, StatusCode};

#[derive(Debug, ApiError)]
#[api(format = "envelope", doc_base = "https://docs.example.com/errors")]
pub enum ClientError {
    #[api(
        status = 401,
        code = "unauthorized",
        message = "Invalid API key provided"
    )]
    InvalidKey,

    #[api(status = 404, code = "not_found", message = "{resource} not found")]
    NotFound {
        #[api(extra)]
        resource: &'static str,
        #[api(extra)]
        id: String,
    },

    #[api(
        status = 422,
        code = "invalid_parameter",
        message = "Rate must be a positive number",
        field = "rate"
    )]
    BadRate {
        #[api(extra)]
        value: i64,
    },

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
        status = 422,
        code = "validation_error",
        message = "Request validation failed"
    )]
    Invalid(#[api(errors)] FieldErrors),

    #[api(
        status = 429,
        code = "rate_limit_exceeded",
        message = "Rate limit exceeded. Retry after {secs} seconds."
    )]
    RateLimited {
        #[api(retry_after)]
        secs: u64,
    },

    #[api(
        status = 500,
        code = "internal_error",
        message = "An unexpected error occurred"
    )]
    Internal(#[api(source)] Box<dyn std::error::Error + Send + Sync>),
}

const DOCS: &str = "https://docs.example.com/errors";

#[test]
fn unit_variant_bodies() {
    let err = ClientError::InvalidKey;
    assert_eq!(err.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(err.code(), "unauthorized");
    assert_eq!(
        err.doc_url(),
        Some("https://docs.example.com/errors#unauthorized")
    );
    assert_eq!(
        err.to_json(Format::Envelope),
        format!(
            r#"{{"error":{{"code":"unauthorized","message":"Invalid API key provided","doc_url":"{DOCS}#unauthorized"}}}}"#
        ),
    );
    assert_eq!(
        err.to_json(Format::Flat),
        format!(
            r#"{{"error":"Unauthorized","message":"Invalid API key provided","doc_url":"{DOCS}#unauthorized"}}"#
        ),
    );
    assert_eq!(
        err.to_json(Format::Problem),
        format!(
            r#"{{"type":"{DOCS}#unauthorized","title":"Unauthorized","status":401,"detail":"Invalid API key provided","code":"unauthorized"}}"#
        ),
    );
}

#[test]
fn extras_follow_the_message_in_declaration_order() {
    let err = ClientError::NotFound {
        resource: "client",
        id: "cli_xxxxx".into(),
    };
    assert_eq!(err.message(), "client not found");
    assert_eq!(
        serde_json::to_string(&err).unwrap(),
        format!(
            r#"{{"error":{{"code":"not_found","message":"client not found","resource":"client","id":"cli_xxxxx","doc_url":"{DOCS}#not_found"}}}}"#
        ),
    );
    assert_eq!(
        err.to_json(Format::Problem),
        format!(
            r#"{{"type":"{DOCS}#not_found","title":"Not Found","status":404,"detail":"client not found","code":"not_found","resource":"client","id":"cli_xxxxx"}}"#
        ),
    );
}

#[test]
fn fixed_field_and_extras() {
    let err = ClientError::Duplicate {
        existing_id: "cli_xxxxx".into(),
    };
    assert_eq!(err.field(), Some("email"));
    assert_eq!(
        err.to_json(Format::Envelope),
        format!(
            r#"{{"error":{{"code":"duplicate","message":"A client with this email already exists","field":"email","existing_id":"cli_xxxxx","doc_url":"{DOCS}#duplicate"}}}}"#
        ),
    );
    let err = ClientError::BadRate { value: -50 };
    assert_eq!(
        err.to_json(Format::Flat),
        format!(
            r#"{{"error":"Unprocessable Entity","message":"Rate must be a positive number","field":"rate","value":-50,"doc_url":"{DOCS}#invalid_parameter"}}"#
        ),
    );
}

#[test]
fn errors_list_and_retry_after() {
    let err = ClientError::Invalid(
        FieldErrors::new()
            .with("email", "Invalid email format")
            .with("rate", "Must be positive"),
    );
    assert_eq!(
        err.to_json(Format::Envelope),
        format!(
            r#"{{"error":{{"code":"validation_error","message":"Request validation failed","errors":[{{"field":"email","message":"Invalid email format"}},{{"field":"rate","message":"Must be positive"}}],"doc_url":"{DOCS}#validation_error"}}}}"#
        ),
    );
    let err = ClientError::RateLimited { secs: 30 };
    assert_eq!(
        err.to_string(),
        "Rate limit exceeded. Retry after 30 seconds."
    );
    assert_eq!(err.retry_after(), Some(std::time::Duration::from_secs(30)));
    assert!(err.is_retryable());
}

#[test]
fn internal_error_with_request_id_and_debug() {
    let err = ClientError::Internal("connection refused".into());
    assert_eq!(
        std::error::Error::source(&err).map(ToString::to_string),
        Some("connection refused".to_owned())
    );
    let options = RenderOptions::new().request_id("req_xxxxx");
    assert_eq!(
        err.to_json_with(Format::Envelope, &options),
        format!(
            r#"{{"error":{{"code":"internal_error","message":"An unexpected error occurred","doc_url":"{DOCS}#internal_error","request_id":"req_xxxxx"}}}}"#
        ),
    );
    assert_eq!(
        err.to_json_with(Format::Envelope, &options.debug(true)),
        format!(
            r#"{{"error":{{"code":"internal_error","message":"An unexpected error occurred","doc_url":"{DOCS}#internal_error","request_id":"req_xxxxx","debug":{{"source_chain":["connection refused"]}}}}}}"#
        ),
    );
}
