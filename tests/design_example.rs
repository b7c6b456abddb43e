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

#[test]
fn design_example() {
    let e = ClientError::NotFound {
        resource: "client",
        id: "cli_xxxxx".into(),
    };
    println!("{}", e.to_json(Format::Envelope));
    println!("{}", e.to_json(Format::Flat));
    println!("{}", e.to_json(Format::Problem));
    println!("{}", ClientError::InvalidKey.to_json(Format::Envelope));
    println!("{}", ClientError::InvalidKey.to_json(Format::Problem));
    let e = ClientError::Invalid(FieldErrors::new().with("email", "Invalid email format"));
    println!("{}", serde_json::to_string(&e).unwrap());
    let e = ClientError::Internal("db down".into());
    println!(
        "{}",
        e.to_json_with(
            Format::Envelope,
            &RenderOptions::new().request_id("req_1").debug(true)
        )
    );
    println!(
        "{}",
        e.to_json_with(Format::Envelope, &RenderOptions::new().request_id("req_1"))
    );
    let e = ClientError::RateLimited { secs: 30 };
    println!(
        "{} {:?} {}",
        e,
        e.retry_after(),
        e.status() == StatusCode::TOO_MANY_REQUESTS
    );
}
