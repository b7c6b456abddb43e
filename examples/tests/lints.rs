#![deny(warnings, clippy::pedantic, unused_qualifications)]

use api_error::{ApiError, FieldError, FieldErrors, Format, Localized, RenderOptions, StatusCode};
use std::fmt::{self, Debug, Display};
use std::time::Duration;

#[derive(Debug, ApiError)]
#[api(
    format = "flat",
    doc_base = "https://docs.example.com/errors",
    status = 400,
    crate = "api_error",
    domain = "shop.example.com",
    subset(pub Missing = Malformed | NotFound | TooSmall),
    subset(
        /// The failures of a body that parsed.
        #[derive(PartialEq)]
        Checked = Invalid
    )
)]
pub enum Everything {
    /// Status from the type, code from the name.
    #[api(message = "The request is malformed")]
    Malformed,

    #[api(
        status = 404,
        code = "not_found",
        message = "{resource} {id} not found"
    )]
    NotFound {
        #[api(extra)]
        resource: &'static str,
        #[api(extra = "id")]
        id: String,
    },

    #[api(
        status = 422,
        code = "invalid_parameter",
        message = "{0} must be at least {1:.2}, found {2:>+10.3e} ({2:?}, {3:#x})",
        field = "amount",
        share_code
    )]
    TooSmall(
        &'static str,
        #[api(extra = "minimum")] f64,
        #[api(extra = "value")] f64,
        u32,
    ),

    #[api(
        status = 422,
        code = "invalid_parameter",
        message = "{value:>width$} is out of range"
    )]
    #[api(share_code, doc_url = "https://docs.example.com/parameters")]
    OutOfRange {
        #[api(field)]
        name: String,
        #[api(extra)]
        value: i64,
        width: usize,
    },

    #[api(
        status = 422,
        code = "validation_error",
        message = "Request validation failed"
    )]
    Invalid(#[api(errors)] FieldErrors),

    #[api(status = 422, message = "{count} fields failed")]
    InvalidList {
        count: usize,
        #[api(errors)]
        errors: Vec<FieldError>,
    },

    #[api(
        status = 429,
        code = "rate_limited",
        message = "Retry after {secs} seconds"
    )]
    RateLimited {
        #[api(retry_after)]
        secs: u64,
    },

    #[api(status = 503, message = "Down for maintenance")]
    Maintenance {
        #[api(retry_after)]
        retry_after: Option<Duration>,
    },

    #[api(
        status = 422,
        code = "invalid_parameter",
        message = "Rate must be positive"
    )]
    #[api(share_code)]
    NegativeRate {
        #[api(debug)]
        received_value: i64,
        #[api(debug = "expected_type")]
        expected: &'static str,
    },

    #[api(status = 500, message = "An unexpected error occurred")]
    Io(#[api(source)] std::io::Error),

    #[api(status = 502, message = "Upstream failed")]
    Upstream {
        #[api(source)]
        source: Option<Box<dyn std::error::Error + Send + Sync>>,
    },

    #[api(transparent)]
    Wrapped(Problem),

    #[deprecated = "use NotFound"]
    #[api(
        status = 410,
        code = "gone",
        message = "Gone for good",
        grpc = "failed_precondition"
    )]
    Gone,
}

/// A struct takes the type keys and the variant keys at once.
#[derive(Debug, ApiError)]
#[api(
    format = "problem",
    status = 409,
    code = "conflict",
    message = "Invoice {invoice} was already sent",
    grpc = "aborted",
    domain = "billing.example.com"
)]
pub struct Problem {
    #[api(extra)]
    invoice: u64,
    secret: String,
}

#[derive(Debug, ApiError)]
#[api(transparent)]
pub struct Transparent(Everything);

#[derive(Debug, ApiError)]
pub enum Empty {}

#[derive(Debug, ApiError)]
pub enum Generic<T, E>
where
    E: std::error::Error + 'static,
{
    #[api(status = 422, message = "Bad value {value}")]
    Value {
        #[api(extra)]
        value: T,
    },
    #[api(status = 500, message = "Storage failed")]
    Storage(#[api(source)] E),
    #[api(status = 429, message = "Slow down")]
    Slow(#[api(retry_after)] T),
}

#[derive(Debug, thiserror::Error, ApiError)]
pub enum WithThiserror {
    #[error("customer {0} not found")]
    #[api(status = 404)]
    NotFound(#[api(extra = "id")] u64),

    #[error("database unavailable: {0}")]
    #[api(status = 503)]
    Database(#[from] DbError),

    #[error("query failed")]
    #[api(status = 500, code = "query_failed")]
    Query {
        #[source]
        cause: DbError,
        #[api(debug)]
        query: String,
    },
}

/// Messages translated in the Fluent catalogs of the localized tests.
#[derive(Debug, ApiError)]
#[api(locales = "../../tests/localized/locales", subset(pub Limits = RateLimited))]
pub enum Translated {
    #[api(status = 404, code = "not_found", message = "{resource} not found")]
    NotFound {
        #[api(extra)]
        resource: String,
        #[api(extra)]
        id: String,
    },
    #[api(
        status = 409,
        code = "duplicate",
        message = "A client with this email already exists"
    )]
    Duplicate,
    #[api(
        status = 422,
        code = "invalid_request",
        message = "{label} is required"
    )]
    #[api(share_code)]
    MissingField { label: String },
    #[api(
        status = 422,
        code = "invalid_request",
        message = "Rate must be positive"
    )]
    #[api(share_code)]
    RateNotPositive,
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
    Internal,
    #[api(transparent)]
    Inner(Everything),
}

#[derive(Debug)]
pub struct DbError;

impl Display for DbError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("connection refused")
    }
}

impl std::error::Error for DbError {}

fn exercise<E: ApiError + Debug>(error: &E) {
    let status = error.status();
    assert!(
        status.is_client_error() || status.is_server_error(),
        "{error:?}"
    );
    assert!(!error.code().is_empty());
    assert!(!error.message().is_empty());
    let _ = (
        error.field(),
        error.doc_url(),
        error.retry_after(),
        error.is_retryable(),
        error.grpc_code(),
        error.domain(),
    );
    let options = RenderOptions::new().request_id("req_1").debug(true);
    for format in Format::ALL {
        for json in [error.to_json(format), error.to_json_with(format, &options)] {
            let value: serde_json::Value = serde_json::from_str(&json).unwrap();
            assert!(value.is_object(), "{json}");
        }
    }
    let _ = error.to_string();
    let _ = error.source();
}

fn never(error: &Empty) -> StatusCode {
    error.status()
}

#[test]
fn generated_code_is_lint_clean() {
    #[allow(deprecated)]
    let gone = Everything::Gone;
    let everything = [
        Everything::Malformed,
        Everything::NotFound {
            resource: "client",
            id: "cli_1".to_owned(),
        },
        Everything::TooSmall("amount", 0.5, -1.0, 255),
        Everything::OutOfRange {
            name: "rate".to_owned(),
            value: -50,
            width: 6,
        },
        Everything::Invalid(FieldErrors::new().with("email", "Invalid email format")),
        Everything::InvalidList {
            count: 1,
            errors: vec![FieldError::new("rate", "Must be positive").with_code("positive")],
        },
        Everything::RateLimited { secs: 30 },
        Everything::Maintenance {
            retry_after: Some(Duration::from_secs(90)),
        },
        Everything::NegativeRate {
            received_value: -50,
            expected: "positive_integer",
        },
        Everything::Io(std::io::Error::other("disk full")),
        Everything::Upstream {
            source: Some("timeout".into()),
        },
        Everything::Wrapped(Problem {
            invoice: 7,
            secret: "hunter2".to_owned(),
        }),
        gone,
    ];
    for error in &everything {
        exercise(error);
    }
    assert_eq!(
        everything[2].message(),
        "amount must be at least 0.50, found   -1.000e0 (-1.0, 0xff)"
    );
    assert_eq!(everything[3].message(), "   -50 is out of range");

    let problem = Problem {
        invoice: 42,
        secret: "hunter2".to_owned(),
    };
    exercise(&problem);
    assert!(!serde_json::to_string(&problem)
        .unwrap()
        .contains(&problem.secret));
    exercise(&Transparent(Everything::RateLimited { secs: 1 }));

    exercise(&Generic::<u64, DbError>::Value { value: 3 });
    exercise(&Generic::<u64, DbError>::Storage(DbError));
    exercise(&Generic::<u64, DbError>::Slow(5));

    exercise(&WithThiserror::NotFound(9));
    exercise(&WithThiserror::from(DbError));
    exercise(&WithThiserror::Query {
        cause: DbError,
        query: "SELECT 1".to_owned(),
    });

    let _: fn(&Empty) -> StatusCode = never;

    let translated = Translated::NotFound {
        resource: "Client".to_owned(),
        id: "cli_1".to_owned(),
    };
    exercise(&translated);
    assert_eq!(
        translated.localized_message("fr").as_deref(),
        Some("Client introuvable")
    );
    assert_eq!(
        Limits::RateLimited { secs: 2 }
            .localized_message("fr-CA")
            .as_deref(),
        Some("Limite atteinte. Réessayez dans 2 secondes.")
    );
    assert_eq!(Translated::locales(), Limits::locales());
}

#[test]
fn generated_tonic_conversions_are_lint_clean() {
    let statuses = [
        tonic::Status::from(Everything::RateLimited { secs: 30 }),
        tonic::Status::from(Transparent(Everything::Malformed)),
        tonic::Status::from(Generic::<u64, DbError>::Slow(5)),
        tonic::Status::from(WithThiserror::NotFound(9)),
        tonic::Status::from(Problem {
            invoice: 1,
            secret: "hunter2".to_owned(),
        }),
    ];
    let codes = statuses.iter().map(tonic::Status::code).collect::<Vec<_>>();
    assert_eq!(
        codes,
        [
            tonic::Code::ResourceExhausted,
            tonic::Code::InvalidArgument,
            tonic::Code::ResourceExhausted,
            tonic::Code::NotFound,
            tonic::Code::Aborted,
        ]
    );
}
