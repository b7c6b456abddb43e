//! Every JSON sample of the flat-format guide (seed 000), byte for byte.

use api_error::{ApiError, Format, RenderOptions, StatusCode};

#[derive(Debug, ApiError)]
#[api(format = "flat")]
pub enum CustomerApiError {
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

    #[api(
        status = 400,
        message = "body must have required property '{property}'"
    )]
    MissingProperty { property: &'static str },

    #[api(status = 400, message = "{path} must match format \"{format}\"")]
    InvalidFormat { path: String, format: &'static str },

    #[api(
        status = 403,
        code = "customer_limit_reached",
        message = "Customer limit reached. Your plan allows {limit} customers."
    )]
    CustomerLimitReached { limit: u32 },

    #[api(
        status = 409,
        code = "duplicate_customer",
        message = "A customer with this email already exists"
    )]
    DuplicateCustomer { email: String },
}

/// Checks one error against its seed sample: status, the body through
/// `to_json`, through the default format, through serde, and with render
/// options that must not change a 4xx body.
fn assert_golden(err: &CustomerApiError, status: StatusCode, golden: &str) {
    assert_eq!(err.status(), status, "status of {err:?}");
    assert_eq!(err.default_format(), Format::Flat);
    assert_eq!(
        err.to_json(Format::Flat),
        golden,
        "to_json(Flat) of {err:?}"
    );
    assert_eq!(
        err.to_json(err.default_format()),
        golden,
        "default format of {err:?}"
    );
    assert_eq!(
        serde_json::to_string(err).unwrap(),
        golden,
        "serde_json::to_string of {err:?}"
    );
    assert_eq!(
        err.to_json_with(Format::Flat, &RenderOptions::new().request_id("req_xxxxx")),
        golden,
        "a 4xx body carries no request_id ({err:?})"
    );
    assert_eq!(
        err.to_json_with(Format::Flat, &RenderOptions::new().debug(true)),
        golden,
        "nothing to debug in {err:?}"
    );
    let value: serde_json::Value = serde_json::from_str(golden).unwrap();
    assert_eq!(value["message"].as_str().unwrap(), err.message());
    assert_eq!(err.to_string(), err.message());
}

#[test]
fn authentication_errors_401() {
    assert_golden(
        &CustomerApiError::MissingApiKey,
        StatusCode::UNAUTHORIZED,
        r#"{"error":"Unauthorized","message":"API key is required. Provide it via X-API-Key header or Authorization Bearer token."}"#,
    );
    assert_golden(
        &CustomerApiError::InvalidApiKey,
        StatusCode::UNAUTHORIZED,
        r#"{"error":"Unauthorized","message":"Invalid API key"}"#,
    );
    assert_golden(
        &CustomerApiError::RevokedApiKey,
        StatusCode::UNAUTHORIZED,
        r#"{"error":"Unauthorized","message":"API key has been revoked"}"#,
    );
    assert_golden(
        &CustomerApiError::ExpiredApiKey,
        StatusCode::UNAUTHORIZED,
        r#"{"error":"Unauthorized","message":"API key has expired"}"#,
    );
}

#[test]
fn validation_errors_400() {
    assert_golden(
        &CustomerApiError::MissingProperty { property: "email" },
        StatusCode::BAD_REQUEST,
        r#"{"error":"Bad Request","message":"body must have required property 'email'"}"#,
    );
    let err = CustomerApiError::InvalidFormat {
        path: "body/email".to_owned(),
        format: "email",
    };
    assert_golden(
        &err,
        StatusCode::BAD_REQUEST,
        r#"{"error":"Bad Request","message":"body/email must match format \"email\""}"#,
    );
    assert_eq!(err.message(), r#"body/email must match format "email""#);
}

#[test]
fn business_logic_error_403() {
    let err = CustomerApiError::CustomerLimitReached { limit: 10 };
    assert_golden(
        &err,
        StatusCode::FORBIDDEN,
        r#"{"error":"Forbidden","message":"Customer limit reached. Your plan allows 10 customers."}"#,
    );
    assert_eq!(err.code(), "customer_limit_reached");
}

#[test]
fn conflict_error_409() {
    let err = CustomerApiError::DuplicateCustomer {
        email: "jane@example.com".to_owned(),
    };
    assert_golden(
        &err,
        StatusCode::CONFLICT,
        r#"{"error":"Conflict","message":"A customer with this email already exists"}"#,
    );
}

/// A code in every variant, and a fixed and a field-given `field`, a
/// `doc_base` and a variant's own `doc_url`.
#[derive(Debug, ApiError)]
#[api(format = "flat", doc_base = "https://docs.example.com/errors")]
enum FlatMembers {
    #[api(
        status = 409,
        code = "duplicate_email",
        message = "A customer with this email already exists",
        field = "email"
    )]
    Duplicate,

    #[api(
        status = 400,
        code = "missing_property",
        message = "{property} is required"
    )]
    Missing {
        #[api(field)]
        property: String,
    },

    #[api(
        status = 403,
        code = "forbidden",
        message = "Forbidden",
        doc_url = "https://docs.example.com/auth#forbidden"
    )]
    Forbidden,
}

fn keys(body: &str) -> Vec<String> {
    let value: serde_json::Value = serde_json::from_str(body).unwrap();
    value.as_object().unwrap().keys().cloned().collect()
}

/// The flat body never writes the code: the reason phrase and the message,
/// then `field` and `doc_url` where the variant has them, as the envelope
/// writes them.
#[test]
fn flat_bodies_carry_no_code() {
    let cases = [
        (
            FlatMembers::Duplicate,
            r#"{"error":"Conflict","message":"A customer with this email already exists","field":"email","doc_url":"https://docs.example.com/errors#duplicate_email"}"#,
        ),
        (
            FlatMembers::Missing {
                property: "email".into(),
            },
            r#"{"error":"Bad Request","message":"email is required","field":"email","doc_url":"https://docs.example.com/errors#missing_property"}"#,
        ),
        (
            FlatMembers::Forbidden,
            r#"{"error":"Forbidden","message":"Forbidden","doc_url":"https://docs.example.com/auth#forbidden"}"#,
        ),
    ];
    for (err, expected) in &cases {
        let body = err.to_json(Format::Flat);
        assert_eq!(body, *expected);
        assert!(!keys(&body).contains(&"code".to_owned()), "{body}");
        let envelope: serde_json::Value =
            serde_json::from_str(&err.to_json(Format::Envelope)).unwrap();
        assert_eq!(envelope["error"]["code"], err.code(), "{body}");
    }
    for err in [
        CustomerApiError::MissingApiKey,
        CustomerApiError::MissingProperty { property: "email" },
        CustomerApiError::CustomerLimitReached { limit: 10 },
    ] {
        assert_eq!(
            keys(&err.to_json(Format::Flat)),
            ["error", "message"],
            "{err:?}"
        );
    }
}

#[test]
fn codes_and_retry_advice() {
    assert_eq!(CustomerApiError::MissingApiKey.code(), "missing_api_key");
    assert_eq!(
        CustomerApiError::MissingProperty { property: "email" }.code(),
        "missing_property"
    );
    assert_eq!(
        CustomerApiError::InvalidFormat {
            path: String::new(),
            format: "email"
        }
        .code(),
        "invalid_format"
    );
    assert!(!CustomerApiError::InvalidApiKey.is_retryable());
    assert_eq!(CustomerApiError::InvalidApiKey.retry_after(), None);
    assert_eq!(CustomerApiError::InvalidApiKey.field(), None);
    assert_eq!(CustomerApiError::InvalidApiKey.doc_url(), None);
}

#[test]
fn the_same_errors_in_the_other_formats() {
    let err = CustomerApiError::CustomerLimitReached { limit: 10 };
    assert_eq!(
        err.to_json(Format::Envelope),
        r#"{"error":{"code":"customer_limit_reached","message":"Customer limit reached. Your plan allows 10 customers."}}"#
    );
    assert_eq!(
        err.to_json(Format::Problem),
        r#"{"type":"about:blank","title":"Forbidden","status":403,"detail":"Customer limit reached. Your plan allows 10 customers.","code":"customer_limit_reached"}"#
    );
    assert_eq!(
        CustomerApiError::InvalidApiKey.to_json(Format::Envelope),
        r#"{"error":{"code":"invalid_api_key","message":"Invalid API key"}}"#
    );
}
