//! RFC 9457 problem details: `type`, `title`, `status`, `detail`, then `code`
//! and the other members as extension members.

use api_error::{ApiError, FieldErrors, Format, RenderOptions, StatusCode};

#[derive(Debug, ApiError)]
#[api(doc_base = "https://docs.example.com/errors")]
pub enum Documented {
    #[api(
        status = 401,
        code = "unauthorized",
        message = "Invalid API key provided"
    )]
    Unauthorized,

    #[api(
        status = 404,
        code = "not_found",
        message = "{resource} {id} not found"
    )]
    NotFound {
        #[api(extra)]
        resource: &'static str,
        #[api(extra)]
        id: String,
    },

    #[api(
        status = 409,
        code = "duplicate",
        message = "A client with this email already exists",
        field = "email",
        doc_url = "https://support.example.com/duplicates"
    )]
    Duplicate {
        #[api(extra)]
        existing_id: String,
    },
}

#[derive(Debug, ApiError)]
pub enum Undocumented {
    #[api(
        status = 403,
        code = "forbidden",
        message = "You do not have access to this client"
    )]
    Forbidden,

    #[api(
        status = 422,
        code = "validation_error",
        message = "Request validation failed"
    )]
    Invalid(#[api(errors)] FieldErrors),

    #[api(
        status = 422,
        code = "invalid_parameter",
        message = "Rate must be a positive number"
    )]
    BadParameter {
        #[api(errors)]
        errors: FieldErrors,
        #[api(field)]
        name: String,
        #[api(extra)]
        value: i64,
        #[api(extra = "limit")]
        min: i64,
    },

    #[api(
        status = 500,
        code = "internal_error",
        message = "An unexpected error occurred"
    )]
    Internal,

    #[api(status = 503, code = "unavailable", message = "Try again in {secs} s")]
    Unavailable {
        #[api(retry_after)]
        secs: u64,
    },
}

#[derive(Debug, ApiError)]
#[api(format = "problem", doc_base = "https://errors.example.com")]
pub enum ProblemByDefault {
    #[api(
        status = 409,
        code = "conflict",
        message = "Invoice has already been sent"
    )]
    AlreadySent,

    #[api(status = 404, code = "not_found", message = "Invoice {0} not found")]
    NotFound(#[api(extra = "invoice")] String),

    #[api(
        status = 500,
        code = "internal_error",
        message = "An unexpected error occurred"
    )]
    Internal,
}

/// The top-level member names of a JSON object, in the order written.
struct Keys(Vec<String>);

impl<'de> serde::Deserialize<'de> for Keys {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeysVisitor;

        impl<'de> serde::de::Visitor<'de> for KeysVisitor {
            type Value = Keys;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a JSON object")
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Keys, A::Error> {
                let mut keys = Vec::new();
                while let Some((key, _)) = map.next_entry::<String, serde::de::IgnoredAny>()? {
                    keys.push(key);
                }
                Ok(Keys(keys))
            }
        }

        deserializer.deserialize_map(KeysVisitor)
    }
}

fn keys(body: &str) -> Vec<String> {
    serde_json::from_str::<Keys>(body).unwrap().0
}

#[test]
fn fieldless_variant_with_doc_url() {
    assert_eq!(
        Documented::Unauthorized.to_json(Format::Problem),
        r#"{"type":"https://docs.example.com/errors#unauthorized","title":"Unauthorized","status":401,"detail":"Invalid API key provided","code":"unauthorized"}"#
    );
}

#[test]
fn fieldless_variant_without_doc_url_is_about_blank() {
    assert_eq!(
        Undocumented::Forbidden.to_json(Format::Problem),
        r#"{"type":"about:blank","title":"Forbidden","status":403,"detail":"You do not have access to this client","code":"forbidden"}"#
    );
    assert_eq!(Undocumented::Forbidden.doc_url(), None);
}

#[test]
fn extras_are_extension_members() {
    let err = Documented::NotFound {
        resource: "client",
        id: "cli_xxxxx".to_owned(),
    };
    assert_eq!(
        err.to_json(Format::Problem),
        r#"{"type":"https://docs.example.com/errors#not_found","title":"Not Found","status":404,"detail":"client cli_xxxxx not found","code":"not_found","resource":"client","id":"cli_xxxxx"}"#
    );
}

#[test]
fn doc_url_of_the_variant_is_the_type_and_is_not_repeated() {
    let err = Documented::Duplicate {
        existing_id: "cli_xxxxx".to_owned(),
    };
    assert_eq!(
        err.doc_url(),
        Some("https://support.example.com/duplicates")
    );
    assert_eq!(
        err.to_json(Format::Problem),
        r#"{"type":"https://support.example.com/duplicates","title":"Conflict","status":409,"detail":"A client with this email already exists","code":"duplicate","field":"email","existing_id":"cli_xxxxx"}"#
    );
    // The other formats keep it as doc_url.
    assert_eq!(
        err.to_json(Format::Envelope),
        r#"{"error":{"code":"duplicate","message":"A client with this email already exists","field":"email","existing_id":"cli_xxxxx","doc_url":"https://support.example.com/duplicates"}}"#
    );
}

#[test]
fn errors_list() {
    let err = Undocumented::Invalid(
        FieldErrors::new()
            .with("email", "Invalid email format")
            .with("rate", "Must be positive"),
    );
    assert_eq!(
        err.to_json(Format::Problem),
        r##"{"type":"about:blank","title":"Unprocessable Entity","status":422,"detail":"Request validation failed","code":"validation_error","errors":[{"detail":"Invalid email format","pointer":"#/email"},{"detail":"Must be positive","pointer":"#/rate"}]}"##
    );
}

#[test]
fn member_order() {
    // Declared as errors, field, extra, extra; written as the format orders them.
    let err = Undocumented::BadParameter {
        errors: FieldErrors::new().with("rate", "Must be positive"),
        name: "rate".to_owned(),
        value: -50,
        min: 1,
    };
    let body = err.to_json(Format::Problem);
    assert_eq!(
        body,
        r##"{"type":"about:blank","title":"Unprocessable Entity","status":422,"detail":"Rate must be a positive number","code":"invalid_parameter","field":"rate","value":-50,"limit":1,"errors":[{"detail":"Must be positive","pointer":"#/rate"}]}"##
    );
    assert_eq!(
        keys(&body),
        ["type", "title", "status", "detail", "code", "field", "value", "limit", "errors"]
    );
    assert_eq!(
        err.to_json(Format::Envelope),
        r#"{"error":{"code":"invalid_parameter","message":"Rate must be a positive number","field":"rate","value":-50,"limit":1,"errors":[{"field":"rate","message":"Must be positive"}]}}"#
    );
}

#[test]
fn server_error_with_request_id() {
    let options = RenderOptions::new().request_id("req_xxxxx");
    assert_eq!(
        Undocumented::Internal.to_json_with(Format::Problem, &options),
        r#"{"type":"about:blank","title":"Internal Server Error","status":500,"detail":"An unexpected error occurred","code":"internal_error","request_id":"req_xxxxx"}"#
    );
    let err = Undocumented::Unavailable { secs: 7 };
    assert_eq!(
        err.to_json_with(Format::Problem, &options),
        r#"{"type":"about:blank","title":"Service Unavailable","status":503,"detail":"Try again in 7 s","code":"unavailable","request_id":"req_xxxxx"}"#
    );
    // A 4xx never carries it.
    assert_eq!(
        Undocumented::Forbidden.to_json_with(Format::Problem, &options),
        Undocumented::Forbidden.to_json(Format::Problem)
    );
}

#[test]
fn problem_as_the_default_format() {
    let err = ProblemByDefault::AlreadySent;
    let golden = r#"{"type":"https://errors.example.com#conflict","title":"Conflict","status":409,"detail":"Invoice has already been sent","code":"conflict"}"#;
    assert_eq!(err.default_format(), Format::Problem);
    assert_eq!(Format::Problem.content_type(), "application/problem+json");
    assert_eq!(serde_json::to_string(&err).unwrap(), golden);
    assert_eq!(err.to_json(err.default_format()), golden);
    assert_eq!(err.to_json(Format::Problem), golden);

    let err = ProblemByDefault::NotFound("inv_123".to_owned());
    let golden = r#"{"type":"https://errors.example.com#not_found","title":"Not Found","status":404,"detail":"Invoice inv_123 not found","code":"not_found","invoice":"inv_123"}"#;
    assert_eq!(serde_json::to_string(&err).unwrap(), golden);
    assert_eq!(err.to_json(Format::Problem), golden);
    assert_eq!(err.status(), StatusCode::NOT_FOUND);

    // The type's default format does not change the other formats.
    assert_eq!(
        ProblemByDefault::AlreadySent.to_json(Format::Envelope),
        r#"{"error":{"code":"conflict","message":"Invoice has already been sent","doc_url":"https://errors.example.com#conflict"}}"#
    );
    assert_eq!(
        ProblemByDefault::AlreadySent.to_json(Format::Flat),
        r#"{"error":"Conflict","message":"Invoice has already been sent","doc_url":"https://errors.example.com#conflict"}"#
    );
}

#[test]
fn request_id_after_extensions_in_default_problem() {
    let options = RenderOptions::new().request_id("req_42");
    let body = ProblemByDefault::Internal.to_json_with(Format::Problem, &options);
    assert_eq!(
        body,
        r#"{"type":"https://errors.example.com#internal_error","title":"Internal Server Error","status":500,"detail":"An unexpected error occurred","code":"internal_error","request_id":"req_42"}"#
    );
    assert_eq!(
        keys(&body),
        ["type", "title", "status", "detail", "code", "request_id"]
    );
}
