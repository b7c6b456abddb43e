//! Valid inputs that exercise every key, so mutations start deep in the
//! checks.

pub const SEEDS: &[&str] = &[
    // The DESIGN.md example.
    r#"
    #[derive(Debug, ApiError)]
    #[api(format = "envelope", doc_base = "https://docs.example.com/errors")]
    pub enum ClientError {
        #[api(status = 401, code = "unauthorized", message = "Invalid API key provided")]
        InvalidKey,

        #[api(status = 404, code = "not_found", message = "{resource} not found")]
        NotFound { #[api(extra)] resource: &'static str, #[api(extra)] id: String },

        #[api(status = 422, code = "invalid_parameter",
              message = "Rate must be a positive number", field = "rate")]
        BadRate { #[api(extra)] value: i64 },

        #[api(status = 409, code = "duplicate",
              message = "A client with this email already exists", field = "email")]
        Duplicate { #[api(extra)] existing_id: String },

        #[api(status = 422, code = "validation_error", message = "Request validation failed")]
        Invalid(#[api(errors)] api_error::FieldErrors),

        #[api(status = 429, code = "rate_limit_exceeded",
              message = "Rate limit exceeded. Retry after {secs} seconds.")]
        RateLimited { #[api(retry_after)] secs: u64 },

        #[api(status = 500, code = "internal_error", message = "An unexpected error occurred")]
        Internal(#[api(source)] Box<dyn std::error::Error + Send + Sync>),
    }
    "#,
    // A struct with type and variant keys, a field role and debug members.
    r#"
    #[api(format = "problem", status = 422, code = "invalid_rate",
          message = "Rate {rate:>width$.prec$} is not positive", crate = "my_crate::api_error",
          doc_url = "https://docs.example.com/errors#invalid_rate")]
    pub struct InvalidRate {
        rate: f64,
        width: usize,
        prec: usize,
        #[api(field)] name: String,
        #[api(debug)] received: i64,
        #[api(debug = "expected_type")] expected: &'static str,
        #[api(extra = "limit")] max: u32,
    }
    "#,
    // thiserror alongside, transparent and shared codes.
    r#"
    #[derive(Debug, thiserror::Error, ApiError)]
    #[api(format = "flat", status = 400)]
    enum AppError<'a, T: std::fmt::Debug + Clone, const N: usize>
    where
        T: serde::Serialize + 'static,
    {
        #[error("customer {0} not found")]
        #[api(status = 404, code = "not_found")]
        NotFound(u64),

        #[error("db down")]
        #[api(status = 503, code = "unavailable", message = "Back in {secs} seconds", share_code)]
        Down { #[api(retry_after)] secs: Option<std::time::Duration>, #[source] cause: std::io::Error },

        #[error("maintenance")]
        #[api(status = 503, code = "unavailable", share_code)]
        Maintenance,

        #[error(transparent)]
        #[api(transparent)]
        Inner(#[from] InnerError),

        #[error("bad {0:?} {1:#x}")]
        #[api(message = "Card {0:?} was declined ({1:#06x})")]
        Declined(&'a str, u16, #[api(extra = "item")] T, #[api(debug = "raw")] [u8; N]),
    }
    "#,
    // Attributes the derive must leave alone, raw and unicode identifiers.
    r#"
    /// Errors of the café API.
    #[derive(Debug, ApiError)]
    #[non_exhaustive]
    #[api(doc_base = "http://docs.example.com/e")]
    pub(crate) enum Erreur {
        /// Deprecated, kept for old clients.
        #[deprecated(note = "use NotFound")]
        #[api(status = 410, message = "Gone: {r#type}")]
        Gone { #[api(extra = "kind")] r#type: String, #[api(extra)] r#match: bool, #[api(extra = "ñandú")] ñandú: u8 },

        #[cfg(feature = "extra")]
        #[api(status = 418, code = "teapot", message = "I'm a teapot {{literally}}")]
        r#Teapot,

        #[cfg_attr(test, allow(dead_code))]
        #[api(status = 599, code = "weird_5xx", message = "Weird {0} {0:?} {0:e}")]
        Weird(f32),

        #[api(status = 400, code = "uber", message = "{kind}", field = "kind")]
        Über { kind: std::borrow::Cow<'static, str> },
    }
    "#,
    // Tuple struct, unit struct and an empty enum.
    r#"#[api(status = 500)] #[api(message = "Failed: {0}")] struct Tuple(#[api(extra = "zero")] String, Vec<Option<Box<u8>>>);"#,
    r#"#[api(status = 404, code = "missing", message = "Missing")] struct Unit;"#,
    r#"#[derive(ApiError)] #[api(format = "flat")] enum Never {}"#,
    // A union: always an error.
    r#"#[api(status = 400)] union Bits { a: u32, b: f32 }"#,
    // Enum with discriminants and every field role.
    r#"
    #[api(status = 400)]
    #[repr(u8)]
    enum Roles {
        #[api(code = "a", message = "A {x}")]
        A { #[api(field)] f: Option<String>, #[api(errors)] e: Vec<api_error::FieldError>, #[api(extra)] x: u8 } = 1,
        #[api(status = 429, code = "b", message = "B")]
        B(#[api(retry_after)] u64, #[api(extra = "one")] u8, #[api(debug = "two")] u8) = 2,
        #[api(status = 500, message = "C", doc_url = "https://x.example/c")]
        C { #[api(source)] #[from] s: std::io::Error, #[api(debug)] d: () } = 3,
    }
    "#,
];
