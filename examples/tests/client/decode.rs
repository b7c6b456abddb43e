//! Error responses read back into the typed enum: every format, every field
//! role, unknown codes and malformed bodies.

use api_error::client::{decode, ClientError, ErrorBody, MalformedReason, RetryPolicy};
use api_error::http::{self, HeaderMap};
use api_error::{ApiError, ErrorContext, FieldErrors, Format, Mode, RequestId, StatusCode};
use serde::{Deserialize, Serialize};
use std::time::Duration;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Resource {
    Client,
    Invoice,
}

#[derive(Debug, PartialEq, ApiError)]
#[api(decode)]
enum AuthError {
    #[api(
        status = 401,
        code = "unauthorized",
        message = "Invalid API key provided"
    )]
    Unauthorized,
}

/// Why maintenance started; never sent to clients.
#[derive(Debug, PartialEq, thiserror::Error)]
#[error("{0}")]
struct Cause(String);

#[derive(Debug, PartialEq, ApiError)]
#[api(decode, doc_base = "https://docs.example.com/errors")]
enum ClientsError {
    #[api(
        status = 403,
        code = "forbidden",
        message = "You do not have access to this {resource}"
    )]
    Forbidden { resource: String },

    #[api(status = 404, code = "not_found", message = "{kind:?} {id} not found")]
    NotFound {
        #[api(extra)]
        kind: Resource,
        #[api(extra)]
        id: String,
    },

    #[api(
        status = 422,
        code = "invalid_request",
        message = "{label} is required",
        share_code
    )]
    Missing {
        #[api(field)]
        field: String,
        label: String,
    },

    #[api(
        status = 422,
        code = "invalid_request",
        message = "Rate must be positive",
        share_code
    )]
    RateNotPositive {
        #[api(debug)]
        received_value: Option<i64>,
    },

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
        status = 429,
        code = "rate_limit_exceeded",
        message = "Rate limit exceeded. Retry after {secs} seconds."
    )]
    RateLimited {
        #[api(retry_after)]
        secs: u64,
    },

    #[api(status = 503, code = "maintenance", message = "Back soon")]
    Maintenance {
        #[api(retry_after)]
        wait: Option<Duration>,
        #[api(source)]
        cause: Option<Cause>,
    },

    #[api(transparent)]
    Auth(AuthError),
}

fn samples() -> Vec<ClientsError> {
    vec![
        ClientsError::Forbidden {
            resource: "client".into(),
        },
        ClientsError::NotFound {
            kind: Resource::Invoice,
            id: "inv_\"42\"".into(),
        },
        ClientsError::Missing {
            field: "email".into(),
            label: "Email".into(),
        },
        ClientsError::RateNotPositive {
            received_value: None,
        },
        ClientsError::InvalidRate { value: -50 },
        ClientsError::Validation(
            FieldErrors::new()
                .with("email", "Invalid email format")
                .with("rate", "Must be positive"),
        ),
        ClientsError::RateLimited { secs: 30 },
        ClientsError::Maintenance {
            wait: Some(Duration::from_secs(120)),
            cause: None,
        },
        ClientsError::Auth(AuthError::Unauthorized),
    ]
}

/// The error as a server sends it, read back by a client.
fn round_trip(error: &ClientsError, format: Format) -> ClientError<ClientsError> {
    let context = ErrorContext::new()
        .with_format(format)
        .with_request_id(RequestId::parse("req_1").unwrap());
    let response = context.response(error);
    decode(response.status(), response.headers(), response.body())
}

#[test]
fn every_variant_round_trips_in_every_format() {
    for format in Format::ALL {
        for error in samples() {
            // The `Retry-After` header the server sent, kept beside the error.
            let wait = error.retry_after();
            assert_eq!(
                round_trip(&error, format),
                ClientError::Api(error, wait),
                "{format:?}"
            );
        }
    }
}

#[test]
fn debug_members_come_back_from_the_debug_block() {
    let error = ClientsError::RateNotPositive {
        received_value: Some(-50),
    };
    let context = ErrorContext::new().with_debug(true);
    let response = context.response(&error);
    assert!(std::str::from_utf8(response.body())
        .unwrap()
        .contains("\"debug\""));
    let decoded = decode(response.status(), response.headers(), response.body());
    assert_eq!(decoded, ClientError::Api(error, None));
}

#[test]
fn a_variant_that_cannot_be_rebuilt_stays_whole() {
    #[derive(Debug, ApiError)]
    #[api(decode)]
    #[allow(dead_code)]
    enum Server {
        #[api(
            status = 500,
            code = "internal_error",
            message = "An unexpected error occurred"
        )]
        Internal(#[api(source)] std::io::Error),
        #[api(status = 400, code = "secret", message = "Bad request")]
        Secret { token: String },
    }
    let context = ErrorContext::new().with_request_id(RequestId::parse("req_9").unwrap());
    let response = context.response(&Server::Internal(std::io::Error::other("disk")));
    match decode::<Server>(response.status(), response.headers(), response.body()) {
        ClientError::Unknown(body) => {
            assert_eq!(body.status, 500);
            assert_eq!(body.code.as_deref(), Some("internal_error"));
            assert_eq!(body.message, "An unexpected error occurred");
            assert_eq!(body.request_id.as_deref(), Some("req_9"));
            assert_eq!(body.raw, std::str::from_utf8(response.body()).unwrap());
        }
        other => panic!("{other:?}"),
    }
    let response = ErrorContext::new().response(&Server::Secret {
        token: "t0ps3cret".into(),
    });
    assert!(!String::from_utf8_lossy(response.body()).contains("t0ps3cret"));
    assert!(matches!(
        decode::<Server>(response.status(), response.headers(), response.body()),
        ClientError::Unknown(_)
    ));
}

#[test]
fn unknown_codes_keep_the_whole_body() {
    let body = br#"{"error":{"code":"archived","message":"Client was archived","archived_at":"2026-01-01"}}"#;
    match decode::<ClientsError>(StatusCode::GONE, &HeaderMap::new(), body) {
        ClientError::Unknown(unknown) => {
            assert_eq!(unknown.format, Some(Format::Envelope));
            assert_eq!(unknown.code.as_deref(), Some("archived"));
            assert_eq!(unknown.members["archived_at"], "2026-01-01");
            assert_eq!(unknown.raw.as_bytes(), body);
        }
        other => panic!("{other:?}"),
    }
    // A known code with a status that does not match is not that variant.
    let body =
        br#"{"error":{"code":"forbidden","message":"You do not have access to this client"}}"#;
    assert!(matches!(
        decode::<ClientsError>(StatusCode::NOT_FOUND, &HeaderMap::new(), body),
        ClientError::Unknown(_)
    ));
}

#[test]
fn foreign_problem_bodies_are_read() {
    let body = br#"{"type":"https://example.com/probs/out-of-credit","title":"You do not have enough credit.","status":403,"detail":"Your current balance is 30, but that costs 50.","balance":30}"#;
    let ClientError::Unknown(unknown) =
        decode::<ClientsError>(StatusCode::FORBIDDEN, &HeaderMap::new(), body)
    else {
        panic!()
    };
    assert_eq!(unknown.format, Some(Format::Problem));
    assert_eq!(unknown.code, None);
    assert_eq!(
        unknown.message,
        "Your current balance is 30, but that costs 50."
    );
    assert_eq!(
        unknown.doc_url.as_deref(),
        Some("https://example.com/probs/out-of-credit")
    );
    assert_eq!(unknown.members["balance"], 30);
}

#[test]
fn malformed_responses_keep_status_and_text() {
    let cases: [(&[u8], MalformedReason); 7] = [
        (b"", MalformedReason::Empty),
        (b"  \n", MalformedReason::Empty),
        (
            b"<html><body><h1>502 Bad Gateway</h1></body></html>",
            MalformedReason::NotJson,
        ),
        (br#"{"error":{"code":"not_fo"#, MalformedReason::Truncated),
        (b"[1,2,3]", MalformedReason::NotAnErrorBody),
        (br#"{"ok":false}"#, MalformedReason::NotAnErrorBody),
        (b"\xff\xfe garbage", MalformedReason::NotJson),
    ];
    let mut headers = HeaderMap::new();
    headers.insert("retry-after", "12".parse().unwrap());
    for (body, reason) in cases {
        match decode::<ClientsError>(StatusCode::BAD_GATEWAY, &headers, body) {
            ClientError::Malformed(malformed) => {
                assert_eq!(malformed.reason, reason, "{body:?}");
                assert_eq!(malformed.status, 502);
                assert_eq!(malformed.raw, String::from_utf8_lossy(body));
                assert_eq!(malformed.retry_after, Some(Duration::from_secs(12)));
            }
            other => panic!("{body:?}: {other:?}"),
        }
    }
    let error = decode::<ClientsError>(StatusCode::BAD_GATEWAY, &headers, b"<html>oops</html>");
    assert_eq!(
        error.to_string(),
        "502 Bad Gateway with a body that is not JSON: <html>oops</html>"
    );
    assert_eq!(error.retry_after(), Some(Duration::from_secs(12)));
}

#[test]
fn flat_bodies_are_told_apart_by_status_and_message() {
    #[derive(Debug, PartialEq, ApiError)]
    #[api(format = "flat", decode)]
    enum CustomersError {
        #[api(status = 401, code = "invalid_api_key", message = "Invalid API key")]
        InvalidApiKey,
        #[api(
            status = 401,
            code = "revoked_api_key",
            message = "API key has been revoked"
        )]
        RevokedApiKey,
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
            code = "limit",
            message = "Customer limit reached. Your plan allows {limit} customers."
        )]
        Limit { limit: u32 },
    }
    let read = |status: u16, body: &str| {
        decode::<CustomersError>(
            StatusCode::from_u16(status).unwrap(),
            &HeaderMap::new(),
            body.as_bytes(),
        )
    };
    assert_eq!(
        read(
            401,
            r#"{"error":"Unauthorized","message":"API key has been revoked"}"#
        ),
        ClientError::Api(CustomersError::RevokedApiKey, None)
    );
    assert_eq!(
        read(
            400,
            r#"{"error":"Bad Request","message":"body/email must match format \"email\""}"#
        ),
        ClientError::Api(
            CustomersError::InvalidFormat {
                property: "email".into(),
                format: "email".into()
            },
            None
        )
    );
    assert_eq!(
        read(
            400,
            r#"{"error":"Bad Request","message":"body must have required property 'email'"}"#
        ),
        ClientError::Api(
            CustomersError::MissingProperty {
                property: "email".into()
            },
            None
        )
    );
    assert_eq!(
        read(
            403,
            r#"{"error":"Forbidden","message":"Customer limit reached. Your plan allows 10 customers."}"#
        ),
        ClientError::Api(CustomersError::Limit { limit: 10 }, None)
    );
    // A message no variant writes is unknown, whatever the status.
    assert!(matches!(
        read(
            401,
            r#"{"error":"Unauthorized","message":"API key has expired"}"#
        ),
        ClientError::Unknown(_)
    ));
    // A placeholder that does not parse as the field's type is not that variant.
    assert!(matches!(
        read(
            403,
            r#"{"error":"Forbidden","message":"Customer limit reached. Your plan allows ten customers."}"#
        ),
        ClientError::Unknown(_)
    ));
}

#[test]
fn retry_advice_follows_the_guides() {
    let policy = RetryPolicy::default();
    let limited = round_trip(&ClientsError::RateLimited { secs: 30 }, Format::Envelope);
    assert_eq!(limited.retry_after(), Some(Duration::from_secs(30)));
    assert_eq!(
        limited.retry_delay(&policy, 0),
        Some(Duration::from_secs(30))
    );
    assert_eq!(limited.retry_delay(&policy, 3), None);

    let body = br#"{"error":{"code":"internal_error","message":"An unexpected error occurred"}}"#;
    let internal =
        decode::<ClientsError>(StatusCode::INTERNAL_SERVER_ERROR, &HeaderMap::new(), body);
    let delays: Vec<_> = (0..4)
        .map(|attempt| internal.retry_delay(&policy, attempt))
        .collect();
    let secs = |s| Some(Duration::from_secs(s));
    assert_eq!(delays, [secs(1), secs(2), secs(4), None]);

    let maintenance = round_trip(
        &ClientsError::Maintenance {
            wait: Some(Duration::from_secs(120)),
            cause: None,
        },
        Format::Flat,
    );
    assert_eq!(maintenance.retry_delay(&policy, 0), secs(120));

    let forbidden = round_trip(
        &ClientsError::Forbidden {
            resource: "client".into(),
        },
        Format::Envelope,
    );
    assert_eq!(forbidden.retry_delay(&policy, 0), None);

    let proxy =
        decode::<ClientsError>(StatusCode::BAD_GATEWAY, &HeaderMap::new(), b"<html></html>");
    assert_eq!(proxy.retry_delay(&policy, 1), secs(2));
}

#[test]
fn parsed_bodies_expose_every_member() {
    let error = ClientsError::NotFound {
        kind: Resource::Client,
        id: "cli_1".into(),
    };
    let context = ErrorContext::for_request(
        &http::Request::get("/?debug=true")
            .header("x-request-id", "req_7")
            .body(())
            .unwrap(),
        None,
        Mode::Test,
    );
    let response = context.response(&error);
    let body = ErrorBody::parse(response.status(), response.headers(), response.body()).unwrap();
    assert_eq!(body.code.as_deref(), Some("not_found"));
    assert_eq!(body.message, "Client cli_1 not found");
    assert_eq!(
        body.doc_url.as_deref(),
        Some("https://docs.example.com/errors#not_found")
    );
    assert_eq!(body.request_id.as_deref(), Some("req_7"));
    let mut members: Vec<_> = body.members.keys().collect();
    members.sort();
    assert_eq!(members, ["id", "kind"]);
}

/// `Retry-After` as `httpdate` writes it, `secs` from now on this machine's
/// clock.
fn http_date_in(secs: u64) -> http::HeaderValue {
    let at = std::time::SystemTime::now() + Duration::from_secs(secs);
    httpdate::fmt_http_date(at).parse().unwrap()
}

#[test]
fn retry_after_dates_are_read() {
    let body = br#"{"error":{"code":"slow_down","message":"Slow down"}}"#;
    // Counted from the response's own Date, whatever this machine's clock says.
    let mut headers = HeaderMap::new();
    headers.insert("date", "Wed, 21 Oct 2026 07:28:00 GMT".parse().unwrap());
    headers.insert(
        "retry-after",
        "Wed, 21 Oct 2026 07:30:00 GMT".parse().unwrap(),
    );
    let error = decode::<ClientsError>(StatusCode::TOO_MANY_REQUESTS, &headers, body);
    assert!(matches!(error, ClientError::Unknown(_)), "{error:?}");
    assert_eq!(error.retry_after(), Some(Duration::from_secs(120)));
    assert_eq!(
        error.retry_delay(&RetryPolicy::default(), 0),
        Some(Duration::from_secs(120))
    );

    // Without a Date header, counted from this machine's clock: the date has
    // whole seconds, so the wait is 120 s less the part of a second already
    // gone, at most one more second if the clock ticked between.
    let mut headers = HeaderMap::new();
    headers.insert("retry-after", http_date_in(120));
    let error = decode::<ClientsError>(StatusCode::TOO_MANY_REQUESTS, &headers, body);
    let wait = error.retry_after().expect("a date 120 s ahead");
    assert!(
        (Duration::from_secs(119)..=Duration::from_secs(120)).contains(&wait),
        "{wait:?}"
    );

    // A typed variant takes its `retry_after` field from the date too.
    let body = br#"{"error":{"code":"rate_limit_exceeded","message":"Rate limit exceeded. Retry after 30 seconds."}}"#;
    let mut headers = HeaderMap::new();
    headers.insert("date", "Wed, 21 Oct 2026 07:28:00 GMT".parse().unwrap());
    headers.insert(
        "retry-after",
        "Wed, 21 Oct 2026 07:28:45 GMT".parse().unwrap(),
    );
    assert_eq!(
        decode::<ClientsError>(StatusCode::TOO_MANY_REQUESTS, &headers, body),
        ClientError::Api(
            ClientsError::RateLimited { secs: 45 },
            Some(Duration::from_secs(45))
        )
    );
}

#[test]
fn unusable_retry_after_values_leave_the_bodys_hint() {
    let body = br#"{"error":{"code":"rate_limit_exceeded","message":"Rate limit exceeded. Retry after 30 seconds."}}"#;
    for value in [
        "-5",
        "1.5",
        "soon",
        "99999999999999999999",
        "Wed, 32 Oct 2026 07:28:45 GMT",
    ] {
        let mut headers = HeaderMap::new();
        headers.insert("retry-after", value.parse().unwrap());
        let error = decode::<ClientsError>(StatusCode::TOO_MANY_REQUESTS, &headers, body);
        // The message's seconds, as with no header at all.
        assert_eq!(
            error,
            ClientError::Api(ClientsError::RateLimited { secs: 30 }, None),
            "{value}"
        );
        assert_eq!(error.retry_after(), Some(Duration::from_secs(30)));
    }
    // A date before the response's own Date is a negative wait.
    let mut headers = HeaderMap::new();
    headers.insert("date", "Wed, 21 Oct 2026 07:28:00 GMT".parse().unwrap());
    headers.insert(
        "retry-after",
        "Wed, 21 Oct 2026 07:27:00 GMT".parse().unwrap(),
    );
    assert_eq!(
        decode::<ClientsError>(StatusCode::TOO_MANY_REQUESTS, &headers, body),
        ClientError::Api(ClientsError::RateLimited { secs: 30 }, None)
    );
    // With neither a usable header nor a hint in the body, a 429 waits the
    // policy's default.
    let mut headers = HeaderMap::new();
    headers.insert("retry-after", "-5".parse().unwrap());
    let unknown = decode::<ClientsError>(
        StatusCode::TOO_MANY_REQUESTS,
        &headers,
        br#"{"error":{"code":"slow_down","message":"Slow down"}}"#,
    );
    assert_eq!(unknown.retry_after(), None);
    assert_eq!(
        unknown.retry_delay(&RetryPolicy::default(), 0),
        Some(Duration::from_secs(30))
    );
}

#[test]
fn a_server_asking_past_the_cap_is_not_retried() {
    let policy = RetryPolicy::default();
    let error = round_trip(&ClientsError::RateLimited { secs: 3600 }, Format::Envelope);
    assert_eq!(error.retry_after(), Some(Duration::from_secs(3600)));
    assert_eq!(error.retry_delay(&policy, 0), None);
    let error = round_trip(
        &ClientsError::RateLimited { secs: 999_999_999 },
        Format::Envelope,
    );
    assert_eq!(error.retry_delay(&policy, 0), None);
    let error = round_trip(
        &ClientsError::RateLimited {
            secs: policy.max_retry_after.as_secs(),
        },
        Format::Envelope,
    );
    assert_eq!(error.retry_delay(&policy, 0), Some(policy.max_retry_after));
}

#[test]
fn bodies_over_the_bound_are_cut_and_kept_malformed() {
    use api_error::client::{Reader, DEFAULT_MAX_ERROR_BODY};

    // A well-formed error body, made long by one of its members.
    let id = "x".repeat(DEFAULT_MAX_ERROR_BODY);
    let long = format!(
        r#"{{"error":{{"code":"not_found","message":"Client {id} not found","kind":"client","id":"{id}"}}}}"#
    );
    let mut headers = HeaderMap::new();
    headers.insert("retry-after", "12".parse().unwrap());
    let error = decode::<ClientsError>(StatusCode::NOT_FOUND, &headers, long.as_bytes());
    match &error {
        ClientError::Malformed(malformed) => {
            assert_eq!(
                malformed.reason,
                MalformedReason::TooLarge {
                    limit: DEFAULT_MAX_ERROR_BODY
                }
            );
            assert_eq!(malformed.status, 404);
            assert_eq!(malformed.retry_after, Some(Duration::from_secs(12)));
            assert_eq!(malformed.raw, long[..DEFAULT_MAX_ERROR_BODY]);
        }
        other => panic!("{other:?}"),
    }
    assert!(error.to_string().starts_with(
        "404 Not Found with a body over the 65536-byte limit, not read past it: {\"error\""
    ));
    assert!(matches!(
        ErrorBody::parse(StatusCode::NOT_FOUND, &headers, long.as_bytes()),
        Err(malformed) if malformed.reason == MalformedReason::TooLarge { limit: 65_536 }
    ));

    // A reader with room for it reads it whole.
    let reader = Reader::with_max_error_body(long.len());
    assert_eq!(
        reader.decode::<ClientsError>(StatusCode::NOT_FOUND, &headers, long.as_bytes()),
        ClientError::Api(
            ClientsError::NotFound {
                kind: Resource::Client,
                id
            },
            Some(Duration::from_secs(12))
        )
    );
    // One byte less is over.
    let reader = Reader::with_max_error_body(long.len() - 1);
    assert!(matches!(
        reader.decode::<ClientsError>(StatusCode::NOT_FOUND, &headers, long.as_bytes()),
        ClientError::Malformed(_)
    ));

    // Cut inside a character: the kept text ends with a replacement, never
    // with half a character.
    let body = "é".repeat(10);
    let reader = Reader::with_max_error_body(5);
    match reader.decode::<ClientsError>(StatusCode::BAD_GATEWAY, &HeaderMap::new(), body.as_bytes())
    {
        ClientError::Malformed(malformed) => assert_eq!(malformed.raw, "éé\u{fffd}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn bodies_read_in_chunks_stop_at_the_bound() {
    use api_error::client::Reader;

    let sent = ClientsError::NotFound {
        kind: Resource::Invoice,
        id: "inv_1".into(),
    };
    let response = ErrorContext::new().response(&sent);
    let whole = response.body();
    // Any split into chunks gives the same result as the whole body.
    for size in [1, 2, 7, whole.len()] {
        let mut body = Reader::default().body(Some(whole.len() as u64));
        for chunk in whole.chunks(size) {
            assert!(body.push(chunk));
        }
        assert!(!body.is_over_limit());
        assert_eq!(body.bytes(), &whole[..]);
        assert_eq!(
            body.decode::<ClientsError>(response.status(), response.headers()),
            ClientError::Api(
                ClientsError::NotFound {
                    kind: Resource::Invoice,
                    id: "inv_1".into()
                },
                None
            )
        );
    }
    // A bound of exactly the body's length holds it; one byte less does not,
    // and says so at the chunk that crossed it.
    let mut body = Reader::with_max_error_body(whole.len()).body(None);
    assert!(body.push(whole));
    assert!(!body.is_over_limit());
    let mut body = Reader::with_max_error_body(whole.len() - 1).body(None);
    assert!(!body.push(whole));
    assert!(body.is_over_limit());
    assert!(!body.push(b"more"), "nothing is taken past the bound");
    assert_eq!(body.bytes(), &whole[..whole.len() - 1]);
    // A size hint larger than the bound does not size the buffer past it.
    let body = Reader::with_max_error_body(16).body(Some(u64::MAX));
    assert!(body.bytes().is_empty());
}
