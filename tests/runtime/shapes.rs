//! The shapes a user's error type can take, and how each behaves.

use api_error::{ApiError, FieldErrors, Format, RenderOptions, StatusCode};
use std::error::Error as _;
use std::io;
use std::time::Duration;

// ---------------------------------------------------------------- structs

#[derive(Debug, ApiError)]
#[api(
    status = 404,
    code = "not_found",
    message = "{resource} {id} not found",
    doc_base = "https://docs.example.com/errors"
)]
pub struct NotFound {
    #[api(extra)]
    resource: &'static str,
    #[api(extra)]
    id: String,
}

#[derive(Debug, ApiError)]
#[api(status = 400, code = "bad_id", message = "Bad id {0}")]
pub struct BadId(#[api(extra = "id")] u64);

#[derive(Debug, ApiError)]
#[api(
    format = "flat",
    status = 503,
    code = "maintenance",
    message = "Down for maintenance"
)]
pub struct Maintenance;

#[derive(Debug, ApiError)]
#[api(format = "problem", transparent)]
pub struct Wrapped(NotFound);

#[test]
fn named_struct() {
    let err = NotFound {
        resource: "Client",
        id: "cli_xxxxx".to_owned(),
    };
    assert_eq!(err.status(), StatusCode::NOT_FOUND);
    assert_eq!(err.code(), "not_found");
    assert_eq!(err.message(), "Client cli_xxxxx not found");
    assert_eq!(err.to_string(), "Client cli_xxxxx not found");
    assert_eq!(
        err.doc_url(),
        Some("https://docs.example.com/errors#not_found")
    );
    assert_eq!(
        serde_json::to_string(&err).unwrap(),
        r#"{"error":{"code":"not_found","message":"Client cli_xxxxx not found","resource":"Client","id":"cli_xxxxx","doc_url":"https://docs.example.com/errors#not_found"}}"#
    );
}

#[test]
fn tuple_struct() {
    let err = BadId(42);
    assert_eq!(err.code(), "bad_id");
    assert_eq!(err.message(), "Bad id 42");
    assert_eq!(
        err.to_json(Format::Envelope),
        r#"{"error":{"code":"bad_id","message":"Bad id 42","id":42}}"#
    );
}

#[test]
fn unit_struct() {
    let err = Maintenance;
    assert_eq!(err.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(err.default_format(), Format::Flat);
    assert_eq!(
        serde_json::to_string(&err).unwrap(),
        r#"{"error":"Service Unavailable","message":"Down for maintenance"}"#
    );
    assert_eq!(
        err.to_json_with(Format::Flat, &RenderOptions::new().request_id("req_1")),
        r#"{"error":"Service Unavailable","message":"Down for maintenance","request_id":"req_1"}"#
    );
    assert!(err.is_retryable());
}

#[test]
fn transparent_struct() {
    let err = Wrapped(NotFound {
        resource: "Invoice",
        id: "inv_1".to_owned(),
    });
    assert_eq!(err.status(), StatusCode::NOT_FOUND);
    assert_eq!(err.code(), "not_found");
    assert_eq!(err.to_string(), "Invoice inv_1 not found");
    assert_eq!(err.default_format(), Format::Problem);
    assert_eq!(
        serde_json::to_string(&err).unwrap(),
        r#"{"type":"https://docs.example.com/errors#not_found","title":"Not Found","status":404,"detail":"Invoice inv_1 not found","code":"not_found","resource":"Invoice","id":"inv_1"}"#
    );
}

// ------------------------------------------------------ generics, lifetimes

#[derive(Debug, ApiError)]
pub enum Generic<'a, T> {
    #[api(status = 400, message = "{value}")]
    X {
        #[api(extra)]
        value: T,
        name: &'a str,
    },

    #[api(status = 404, code = "missing", message = "{name} is missing")]
    Missing { name: &'a str },
}

#[derive(Debug, ApiError)]
pub enum Bounded<T>
where
    T: Clone,
{
    #[api(status = 422, code = "rejected", message = "Rejected {0:?}")]
    Rejected(#[api(extra = "input")] T),
}

#[test]
fn generics_and_lifetimes() {
    let name = String::from("rate");
    let err = Generic::X {
        value: -50,
        name: &name,
    };
    assert_eq!(err.code(), "x");
    assert_eq!(err.message(), "-50");
    assert_eq!(
        err.to_json(Format::Envelope),
        r#"{"error":{"code":"x","message":"-50","value":-50}}"#
    );
    let err: Generic<'_, String> = Generic::X {
        value: "oops".to_owned(),
        name: &name,
    };
    assert_eq!(
        serde_json::to_string(&err).unwrap(),
        r#"{"error":{"code":"x","message":"oops","value":"oops"}}"#
    );
    let err: Generic<'_, String> = Generic::Missing { name: &name };
    assert_eq!(err.message(), "rate is missing");

    let err = Bounded::Rejected(vec![1, 2]);
    assert_eq!(
        err.to_json(Format::Flat),
        r#"{"error":"Unprocessable Entity","message":"Rejected [1, 2]","input":[1,2]}"#
    );
}

// ------------------------------------------- positional and format specs

#[derive(Debug, ApiError)]
pub enum Formatted {
    #[api(status = 400, code = "positional", message = "{0} then {1} then {0}")]
    Positional(&'static str, u32),

    #[api(
        status = 400,
        code = "padded",
        message = "[{0:>5}] [{1:<4}] [{1:^6}] [{0:05}]"
    )]
    Padded(u32, &'static str),

    #[api(
        status = 402,
        code = "amount",
        message = "Balance {amount:.2} {currency}, short by {short:+.1}"
    )]
    Amount {
        #[api(extra)]
        amount: f64,
        #[api(extra)]
        currency: &'static str,
        short: f64,
    },

    #[api(
        status = 400,
        code = "hex",
        message = "Flags {0:#x} / {0:X} / {0:o} / {0:b} / {0:?}"
    )]
    Hex(u8),

    #[api(
        status = 400,
        code = "width",
        message = "[{value:>width$}] [{value:.prec$}]"
    )]
    Width {
        value: f64,
        width: usize,
        prec: usize,
    },

    #[api(status = 400, code = "implicit", message = "{} and {}")]
    Implicit(u8, char),

    #[api(status = 400, code = "escaped", message = "{{0}} is {0}")]
    Escaped(i8),
}

#[test]
fn positional_placeholders_and_format_specs() {
    assert_eq!(Formatted::Positional("a", 7).message(), "a then 7 then a");
    assert_eq!(
        Formatted::Padded(42, "ab").message(),
        "[   42] [ab  ] [  ab  ] [00042]"
    );
    let err = Formatted::Amount {
        amount: 12.5,
        currency: "EUR",
        short: 3.25,
    };
    assert_eq!(err.message(), "Balance 12.50 EUR, short by +3.2");
    assert_eq!(
        err.to_json(Format::Envelope),
        r#"{"error":{"code":"amount","message":"Balance 12.50 EUR, short by +3.2","amount":12.5,"currency":"EUR"}}"#
    );
    assert_eq!(
        Formatted::Hex(10).message(),
        "Flags 0xa / A / 12 / 1010 / 10"
    );
    assert_eq!(
        Formatted::Width {
            value: 1.5,
            width: 6,
            prec: 3
        }
        .message(),
        "[   1.5] [1.500]"
    );
    assert_eq!(Formatted::Implicit(1, 'z').message(), "1 and z");
    assert_eq!(Formatted::Escaped(-3).message(), "{0} is -3");
    assert_eq!(
        Formatted::Escaped(-3).to_json(Format::Flat),
        r#"{"error":"Bad Request","message":"{0} is -3"}"#
    );
    // The derived Display is the public message.
    assert_eq!(
        Formatted::Padded(42, "ab").to_string(),
        "[   42] [ab  ] [  ab  ] [00042]"
    );
}

// ------------------------------------------------------------ transparent

#[derive(Debug, ApiError)]
#[api(doc_base = "https://docs.example.com/auth")]
pub enum AuthError {
    #[api(
        status = 401,
        code = "unauthorized",
        message = "Invalid API key provided"
    )]
    Unauthorized,

    #[api(status = 429, code = "rate_limited", message = "Slow down")]
    RateLimited {
        #[api(retry_after)]
        secs: u64,
        #[api(extra)]
        limit: u32,
    },
}

#[derive(Debug, ApiError)]
#[api(format = "flat")]
pub enum BillingError {
    #[api(
        status = 402,
        code = "card_declined",
        message = "Card ending {last4} was declined",
        doc_url = "https://billing.example.com/declines"
    )]
    CardDeclined {
        #[api(extra)]
        last4: &'static str,
        #[api(field)]
        field: Option<String>,
        #[api(debug)]
        processor_code: u16,
    },

    #[api(
        status = 500,
        code = "ledger",
        message = "An unexpected error occurred"
    )]
    Ledger(#[api(source)] io::Error),
}

#[derive(Debug, ApiError)]
#[api(format = "problem")]
pub enum AppError {
    #[api(transparent)]
    Auth(AuthError),

    #[api(transparent)]
    Billing(BillingError),

    #[api(status = 400, code = "bad_request", message = "Bad request")]
    BadRequest,
}

#[test]
fn transparent_takes_everything_from_the_inner_error() {
    let err = AppError::Auth(AuthError::Unauthorized);
    assert_eq!(err.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(err.code(), "unauthorized");
    assert_eq!(err.message(), "Invalid API key provided");
    assert_eq!(err.to_string(), "Invalid API key provided");
    assert_eq!(
        err.doc_url(),
        Some("https://docs.example.com/auth#unauthorized")
    );
    assert_eq!(err.default_format(), Format::Problem);
    assert_eq!(
        serde_json::to_string(&err).unwrap(),
        r#"{"type":"https://docs.example.com/auth#unauthorized","title":"Unauthorized","status":401,"detail":"Invalid API key provided","code":"unauthorized"}"#
    );
    assert_eq!(
        err.to_json(Format::Envelope),
        AuthError::Unauthorized.to_json(Format::Envelope)
    );

    let err = AppError::Auth(AuthError::RateLimited {
        secs: 30,
        limit: 100,
    });
    assert_eq!(err.retry_after(), Some(Duration::from_secs(30)));
    assert!(err.is_retryable());
    assert_eq!(
        serde_json::to_string(&err).unwrap(),
        r#"{"type":"https://docs.example.com/auth#rate_limited","title":"Too Many Requests","status":429,"detail":"Slow down","code":"rate_limited","limit":100}"#
    );

    let err = AppError::Billing(BillingError::CardDeclined {
        last4: "4242",
        field: Some("card".to_owned()),
        processor_code: 51,
    });
    assert_eq!(err.status(), StatusCode::PAYMENT_REQUIRED);
    assert_eq!(err.code(), "card_declined");
    assert_eq!(err.message(), "Card ending 4242 was declined");
    assert_eq!(err.field(), Some("card"));
    assert_eq!(err.doc_url(), Some("https://billing.example.com/declines"));
    assert_eq!(
        serde_json::to_string(&err).unwrap(),
        r#"{"type":"https://billing.example.com/declines","title":"Payment Required","status":402,"detail":"Card ending 4242 was declined","code":"card_declined","field":"card","last4":"4242"}"#
    );
    assert_eq!(
        err.to_json_with(Format::Envelope, &RenderOptions::new().debug(true)),
        r#"{"error":{"code":"card_declined","message":"Card ending 4242 was declined","field":"card","last4":"4242","doc_url":"https://billing.example.com/declines","debug":{"processor_code":51}}}"#
    );
    // The inner type's default format is not the outer's.
    let inner = BillingError::CardDeclined {
        last4: "4242",
        field: None,
        processor_code: 51,
    };
    assert_eq!(
        serde_json::to_string(&inner).unwrap(),
        r#"{"error":"Payment Required","message":"Card ending 4242 was declined","last4":"4242","doc_url":"https://billing.example.com/declines"}"#
    );

    let err = AppError::Billing(BillingError::Ledger(io::Error::other("disk on fire")));
    assert_eq!(err.message(), "An unexpected error occurred");
    assert_eq!(err.source().unwrap().to_string(), "disk on fire");
    assert_eq!(
        err.to_json_with(
            Format::Problem,
            &RenderOptions::new().request_id("req_1").debug(true)
        ),
        r#"{"type":"about:blank","title":"Internal Server Error","status":500,"detail":"An unexpected error occurred","code":"ledger","request_id":"req_1","debug":{"source_chain":["disk on fire"]}}"#
    );

    let err = AppError::BadRequest;
    assert_eq!(
        serde_json::to_string(&err).unwrap(),
        r#"{"type":"about:blank","title":"Bad Request","status":400,"detail":"Bad request","code":"bad_request"}"#
    );
    assert!(err.source().is_none());
}

/// The usual thiserror composition: `#[error(transparent)]` with `#[from]`.
#[derive(Debug, thiserror::Error, ApiError)]
#[api(format = "flat")]
pub enum ServiceError {
    #[error(transparent)]
    #[api(transparent)]
    Auth(#[from] AuthError),

    #[error(transparent)]
    #[api(transparent)]
    Billing(#[from] BillingError),

    #[error("cache miss storm on {0}")]
    #[api(status = 503, code = "cache")]
    Cache(String),
}

fn charge(declined: bool) -> Result<(), ServiceError> {
    if declined {
        Err(BillingError::CardDeclined {
            last4: "0002",
            field: None,
            processor_code: 5,
        })?;
    }
    Err(AuthError::Unauthorized)?
}

#[test]
fn transparent_with_thiserror_from() {
    let err = charge(false).unwrap_err();
    assert!(matches!(err, ServiceError::Auth(AuthError::Unauthorized)));
    assert_eq!(err.to_string(), "Invalid API key provided");
    assert_eq!(
        serde_json::to_string(&err).unwrap(),
        r#"{"error":"Unauthorized","message":"Invalid API key provided","doc_url":"https://docs.example.com/auth#unauthorized"}"#
    );
    let err = charge(true).unwrap_err();
    assert_eq!(err.code(), "card_declined");
    assert_eq!(
        serde_json::to_string(&err).unwrap(),
        r#"{"error":"Payment Required","message":"Card ending 0002 was declined","last4":"0002","doc_url":"https://billing.example.com/declines"}"#
    );
    let err = ServiceError::from(BillingError::Ledger(io::Error::other("fsync failed")));
    assert_eq!(err.message(), "An unexpected error occurred");
    assert_eq!(source_chain(&err), ["fsync failed"]);
    let err = ServiceError::Cache("eu-west".to_owned());
    assert_eq!(err.message(), "An unexpected error occurred");
    assert_eq!(
        err.to_json_with(
            Format::Flat,
            &RenderOptions::new().request_id("req_3").debug(true)
        ),
        r#"{"error":"Service Unavailable","message":"An unexpected error occurred","request_id":"req_3","debug":{"display":"cache miss storm on eu-west"}}"#
    );
}

// ------------------------------------------------------------- thiserror

#[derive(Debug, thiserror::Error)]
#[error("row {row} is corrupt")]
pub struct CorruptRow {
    row: u64,
    #[source]
    cause: io::Error,
}

#[derive(Debug, thiserror::Error, ApiError)]
pub enum StorageError {
    #[error("I/O failed: {0}")]
    #[api(status = 500, code = "io")]
    Io(#[from] io::Error),

    #[error("could not read the ledger")]
    #[api(status = 500, code = "ledger", message = "The ledger is unavailable")]
    Ledger(#[source] CorruptRow),

    #[error("customer {id} not found")]
    #[api(status = 404, code = "not_found")]
    NotFound {
        #[api(extra)]
        id: String,
    },

    #[error("quota of {limit} exceeded")]
    #[api(
        status = 429,
        code = "quota",
        message = "Quota exceeded, retry in {wait:?}"
    )]
    Quota {
        #[api(retry_after)]
        wait: Duration,
        limit: u32,
    },
}

fn read_ledger() -> Result<(), StorageError> {
    Err(io::Error::new(io::ErrorKind::NotFound, "ledger.db missing"))?;
    Ok(())
}

#[test]
fn coexists_with_thiserror() {
    let err = read_ledger().unwrap_err();
    assert!(matches!(err, StorageError::Io(_)));
    assert_eq!(err.to_string(), "I/O failed: ledger.db missing");
    assert_eq!(err.message(), "An unexpected error occurred");
    assert_eq!(err.source().unwrap().to_string(), "ledger.db missing");
    assert_eq!(
        err.to_json(Format::Envelope),
        r#"{"error":{"code":"io","message":"An unexpected error occurred"}}"#
    );

    let err = StorageError::NotFound {
        id: "cus_1".to_owned(),
    };
    assert_eq!(err.message(), "customer cus_1 not found");
    assert!(err.source().is_none());
    assert_eq!(
        serde_json::to_string(&err).unwrap(),
        r#"{"error":{"code":"not_found","message":"customer cus_1 not found","id":"cus_1"}}"#
    );

    let err = StorageError::Quota {
        wait: Duration::from_millis(1500),
        limit: 10,
    };
    assert_eq!(err.to_string(), "quota of 10 exceeded");
    assert_eq!(err.message(), "Quota exceeded, retry in 1.5s");
    assert_eq!(err.retry_after(), Some(Duration::from_millis(1500)));
}

fn source_chain(err: &dyn std::error::Error) -> Vec<String> {
    let mut chain = Vec::new();
    let mut next = err.source();
    while let Some(source) = next {
        chain.push(source.to_string());
        next = source.source();
    }
    chain
}

#[test]
fn source_chains() {
    let err = StorageError::Ledger(CorruptRow {
        row: 7,
        cause: io::Error::other("checksum mismatch"),
    });
    let chain = source_chain(&err);
    assert_eq!(chain, ["row 7 is corrupt", "checksum mismatch"]);
    assert_eq!(err.message(), "The ledger is unavailable");
    assert_eq!(
        err.to_json_with(
            Format::Envelope,
            &RenderOptions::new().request_id("req_2").debug(true)
        ),
        r#"{"error":{"code":"ledger","message":"The ledger is unavailable","request_id":"req_2","debug":{"source_chain":["row 7 is corrupt","checksum mismatch"]}}}"#
    );
    assert_eq!(
        err.to_json_with(Format::Envelope, &RenderOptions::new().request_id("req_2")),
        r#"{"error":{"code":"ledger","message":"The ledger is unavailable","request_id":"req_2"}}"#
    );
}

#[derive(Debug, ApiError)]
pub enum Wrapping {
    #[api(status = 502, code = "upstream", message = "Upstream failed")]
    Upstream {
        #[api(source)]
        cause: Option<Box<dyn std::error::Error + Send + Sync>>,
    },

    #[api(status = 500, code = "storage", message = "Storage failed")]
    Storage(#[api(source)] StorageError),
}

#[test]
fn source_fields_of_a_derived_error() {
    let err = Wrapping::Upstream { cause: None };
    assert!(err.source().is_none());
    assert_eq!(
        err.to_json_with(Format::Flat, &RenderOptions::new().debug(true)),
        r#"{"error":"Bad Gateway","message":"Upstream failed"}"#
    );
    let err = Wrapping::Upstream {
        cause: Some("connection reset".into()),
    };
    assert_eq!(err.source().unwrap().to_string(), "connection reset");

    let err = Wrapping::Storage(StorageError::Ledger(CorruptRow {
        row: 1,
        cause: io::Error::other("bad page"),
    }));
    let chain = source_chain(&err);
    assert_eq!(
        chain,
        ["could not read the ledger", "row 1 is corrupt", "bad page"]
    );
    assert_eq!(
        err.to_json_with(Format::Flat, &RenderOptions::new().debug(true)),
        r#"{"error":"Internal Server Error","message":"Storage failed","debug":{"source_chain":["could not read the ledger","row 1 is corrupt","bad page"]}}"#
    );
}

/// A handle that derefs to the error it holds, as `anyhow::Error` does.
#[derive(Debug)]
pub struct Report(Box<dyn std::error::Error + Send + Sync>);

impl std::ops::Deref for Report {
    type Target = dyn std::error::Error + Send + Sync;
    fn deref(&self) -> &Self::Target {
        &*self.0
    }
}

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Every shape of source field: an error, a boxed trait object behind an
/// alias, a shared error, a box of a box, a handle that derefs to an error,
/// and options of them.
#[derive(Debug, ApiError)]
pub enum Sources {
    #[api(status = 500, message = "Plain")]
    Plain(#[api(source)] io::Error),
    #[api(status = 500, message = "Aliased")]
    Aliased(#[api(source)] BoxError),
    #[api(status = 500, message = "Shared")]
    Shared(#[api(source)] std::sync::Arc<io::Error>),
    #[api(status = 500, message = "Nested")]
    Nested(#[api(source)] Box<Box<dyn std::error::Error + Send + Sync>>),
    #[api(status = 500, message = "Handle")]
    Handle(#[api(source)] Report),
    #[api(status = 500, message = "Maybe")]
    Maybe(#[api(source)] Option<Report>),
}

#[test]
fn every_shape_of_source_field_is_the_source() {
    let cases = [
        Sources::Plain(io::Error::other("plain")),
        Sources::Aliased("aliased".into()),
        Sources::Shared(std::sync::Arc::new(io::Error::other("shared"))),
        Sources::Nested(Box::new("nested".into())),
        Sources::Handle(Report("handle".into())),
        Sources::Maybe(Some(Report("maybe".into()))),
    ];
    let sources: Vec<String> = cases
        .iter()
        .map(|err| err.source().expect("a source").to_string())
        .collect();
    assert_eq!(
        sources,
        ["plain", "aliased", "shared", "nested", "handle", "maybe"]
    );
    assert!(Sources::Maybe(None).source().is_none());
}

// ------------------------------------------------------- dyn ApiError

fn respond(err: &dyn ApiError) -> (u16, String) {
    (
        err.status().as_u16(),
        err.to_json_with(
            err.default_format(),
            &RenderOptions::new().request_id("req_dyn"),
        ),
    )
}

#[test]
fn used_through_dyn_api_error() {
    assert_eq!(
        respond(&AuthError::Unauthorized),
        (
            401,
            r#"{"error":{"code":"unauthorized","message":"Invalid API key provided","doc_url":"https://docs.example.com/auth#unauthorized"}}"#.to_owned()
        )
    );
    assert_eq!(
        respond(&Maintenance),
        (
            503,
            r#"{"error":"Service Unavailable","message":"Down for maintenance","request_id":"req_dyn"}"#.to_owned()
        )
    );
    let errors: Vec<Box<dyn ApiError>> = vec![
        Box::new(BadId(1)),
        Box::new(AppError::BadRequest),
        Box::new(StorageError::NotFound { id: "x".to_owned() }),
    ];
    let codes: Vec<&str> = errors.iter().map(|e| e.code()).collect();
    assert_eq!(codes, ["bad_id", "bad_request", "not_found"]);
    let messages: Vec<String> = errors.iter().map(|e| e.message().into_owned()).collect();
    assert_eq!(
        messages,
        ["Bad id 1", "Bad request", "customer x not found"]
    );
    // The trait's own rendering of a dyn value matches the concrete one.
    assert_eq!(
        errors[0].to_json(Format::Problem),
        BadId(1).to_json(Format::Problem)
    );
    let as_std: &dyn std::error::Error = &*errors[2];
    assert_eq!(as_std.to_string(), "customer x not found");
}

// ---------------------------------------------------- retry_after, field

#[derive(Debug, ApiError)]
pub enum Throttle {
    #[api(status = 429, code = "slow_down", message = "Slow down")]
    Duration {
        #[api(retry_after)]
        after: Duration,
    },

    #[api(status = 503, code = "overloaded", message = "Overloaded")]
    Maybe(#[api(retry_after)] Option<u64>),

    #[api(status = 422, code = "bad_field", message = "Invalid value")]
    BadField {
        #[api(field)]
        name: String,
    },

    #[api(status = 422, code = "maybe_field", message = "Invalid value")]
    MaybeField {
        #[api(field)]
        name: Option<String>,
    },

    #[api(status = 422, code = "listed", message = "Invalid values")]
    Listed {
        #[api(field)]
        name: &'static str,
        #[api(errors)]
        errors: FieldErrors,
    },

    #[api(status = 404, code = "gone", message = "Gone")]
    Gone,

    #[api(status = 500, code = "broken", message = "Broken")]
    Broken,
}

#[test]
fn retry_after_values() {
    assert_eq!(
        Throttle::Duration {
            after: Duration::from_secs(90)
        }
        .retry_after(),
        Some(Duration::from_secs(90))
    );
    assert_eq!(
        Throttle::Maybe(Some(12)).retry_after(),
        Some(Duration::from_secs(12))
    );
    assert_eq!(Throttle::Maybe(None).retry_after(), None);
    assert_eq!(Throttle::Gone.retry_after(), None);
    // retry_after is a header, not a body member.
    assert_eq!(
        Throttle::Maybe(Some(12)).to_json(Format::Envelope),
        r#"{"error":{"code":"overloaded","message":"Overloaded"}}"#
    );
}

#[test]
fn field_members() {
    let err = Throttle::BadField {
        name: "email".to_owned(),
    };
    assert_eq!(err.field(), Some("email"));
    assert_eq!(
        err.to_json(Format::Envelope),
        r#"{"error":{"code":"bad_field","message":"Invalid value","field":"email"}}"#
    );
    let err = Throttle::MaybeField {
        name: Some("rate".to_owned()),
    };
    assert_eq!(err.field(), Some("rate"));
    assert_eq!(
        err.to_json(Format::Flat),
        r#"{"error":"Unprocessable Entity","message":"Invalid value","field":"rate"}"#
    );
    let err = Throttle::MaybeField { name: None };
    assert_eq!(err.field(), None);
    assert_eq!(
        err.to_json(Format::Envelope),
        r#"{"error":{"code":"maybe_field","message":"Invalid value"}}"#
    );
    let err = Throttle::Listed {
        name: "items",
        errors: FieldErrors::new().with("items[0].qty", "Must be positive"),
    };
    assert_eq!(
        err.to_json(Format::Envelope),
        r#"{"error":{"code":"listed","message":"Invalid values","field":"items","errors":[{"field":"items[0].qty","message":"Must be positive"}]}}"#
    );
    assert_eq!(Throttle::Gone.field(), None);
}

#[test]
fn is_retryable() {
    assert!(Throttle::Duration {
        after: Duration::ZERO
    }
    .is_retryable());
    assert!(Throttle::Maybe(None).is_retryable());
    assert!(Throttle::Broken.is_retryable());
    assert!(!Throttle::Gone.is_retryable());
    assert!(!Throttle::BadField {
        name: String::new()
    }
    .is_retryable());
    assert_eq!(
        Throttle::Maybe(None).status(),
        StatusCode::SERVICE_UNAVAILABLE
    );
    assert_eq!(Throttle::Broken.status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(Throttle::Gone.status(), StatusCode::NOT_FOUND);
}

// --------------------------------------------------------- crate = "..."

mod reexport {
    pub use api_error as inner;
}

#[derive(Debug, reexport::inner::ApiError)]
#[api(crate = "crate::shapes::reexport::inner", format = "flat")]
pub enum ReexportedError {
    #[api(
        status = 409,
        code = "conflict",
        message = "Invoice {0} has already been sent"
    )]
    AlreadySent(#[api(extra = "invoice")] u32),
}

#[test]
fn crate_path_of_a_reexport() {
    use reexport::inner::ApiError as _;
    let err = ReexportedError::AlreadySent(7);
    assert_eq!(err.code(), "conflict");
    assert_eq!(
        serde_json::to_string(&err).unwrap(),
        r#"{"error":"Conflict","message":"Invoice 7 has already been sent","invoice":7}"#
    );
}

// ------------------------------------------------------- raw identifiers

#[derive(Debug, ApiError)]
pub enum Raw {
    #[api(
        status = 400,
        code = "bad_match",
        message = "{match} in {in} of {type}"
    )]
    BadMatch {
        #[api(extra)]
        r#match: String,
        #[api(extra = "kind")]
        r#type: &'static str,
        r#in: u8,
    },

    #[api(status = 404, message = "No {r#ref}")]
    r#Loop {
        #[api(field)]
        r#ref: String,
    },
}

#[test]
fn raw_identifiers() {
    let err = Raw::BadMatch {
        r#match: "m".to_owned(),
        r#type: "t",
        r#in: 3,
    };
    assert_eq!(err.message(), "m in 3 of t");
    assert_eq!(
        err.to_json(Format::Envelope),
        r#"{"error":{"code":"bad_match","message":"m in 3 of t","match":"m","kind":"t"}}"#
    );
    let err = Raw::Loop {
        r#ref: "x".to_owned(),
    };
    assert_eq!(err.code(), "loop");
    assert_eq!(err.message(), "No x");
    assert_eq!(
        err.to_json(Format::Problem),
        r#"{"type":"about:blank","title":"Not Found","status":404,"detail":"No x","code":"loop","field":"x"}"#
    );
}

// ------------------------------------------------ type-level status default

#[derive(Debug, ApiError)]
#[api(status = 400)]
pub enum Defaults {
    #[api(message = "First")]
    FirstThing,

    #[api(status = 409, message = "Second")]
    HTTPConflict,
}

#[test]
fn type_level_status_and_default_codes() {
    assert_eq!(Defaults::FirstThing.status(), StatusCode::BAD_REQUEST);
    assert_eq!(Defaults::FirstThing.code(), "first_thing");
    assert_eq!(Defaults::HTTPConflict.status(), StatusCode::CONFLICT);
    assert_eq!(Defaults::HTTPConflict.code(), "http_conflict");
}

// ------------------------------------------------------------ no variants

#[derive(Debug, ApiError)]
pub enum Never {}

fn renders<T: ApiError + serde::Serialize>() {}

#[test]
fn empty_enum() {
    renders::<Never>();
}
