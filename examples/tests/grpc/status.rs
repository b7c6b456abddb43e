//! Errors through `tonic::Status` and back: every variant of several enums,
//! with arbitrary field values, round-trips through the status's wire form
//! (its headers); statuses from other servers and hostile details never
//! panic and keep what they carry; the layer's context reaches a response
//! body that converts errors while it streams.

use api_error::client::{decode_status, ClientError, MAX_DETAILS_LEN, MAX_MESSAGE_LEN};
use api_error::{ApiError, ErrorContext, FieldError, FieldErrors, GrpcCode, RequestId};
use http_body::Body as _;
use proptest::prelude::*;
use prost::bytes::Bytes;
use prost::Message as _;
use serde::{Deserialize, Serialize};
use std::convert::Infallible;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;
use tonic::{Code, Status};
use tonic_types::{ErrorDetails, StatusExt};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct Point {
    x: i64,
    label: String,
}

#[derive(Clone, Debug, PartialEq, ApiError)]
#[api(
    decode,
    domain = "shop.example.com",
    doc_base = "https://docs.example.com/errors"
)]
enum Envelope {
    #[api(status = 404, code = "not_found", message = "Client not found")]
    NotFound {
        #[api(extra)]
        id: String,
        #[api(extra)]
        big: u64,
        #[api(extra)]
        small: i64,
    },
    #[api(status = 409, code = "duplicate", message = "{name} already exists")]
    Duplicate {
        #[api(field)]
        field: String,
        name: String,
        #[api(extra)]
        point: Point,
    },
    #[api(
        status = 409,
        code = "stale",
        message = "The order changed",
        grpc = "aborted"
    )]
    Stale {
        #[api(extra)]
        version: u32,
    },
    #[api(
        status = 422,
        code = "validation_error",
        message = "Request validation failed"
    )]
    Invalid(#[api(errors)] FieldErrors),
    #[api(status = 429, code = "slow_down", message = "Retry after {0} seconds")]
    Slow(#[api(retry_after)] u32),
    #[api(
        status = 503,
        code = "maintenance",
        message = "Back in {minutes} minutes: {reason}"
    )]
    Maintenance {
        #[api(retry_after)]
        wait: Option<Duration>,
        minutes: u16,
        #[api(extra)]
        reason: String,
    },
    #[api(status = 400, code = "flags", message = "Bad flags")]
    Flags {
        #[api(extra)]
        on: bool,
        #[api(extra)]
        tags: Vec<String>,
        #[api(extra)]
        note: Option<String>,
        #[api(debug)]
        seen: Option<String>,
    },
}

#[derive(Clone, Debug, PartialEq, ApiError)]
#[api(format = "flat", decode)]
enum Flat {
    #[api(
        status = 400,
        code = "missing",
        message = "body must have required property '{property}'"
    )]
    Missing { property: String },
    #[api(
        status = 403,
        code = "limit",
        message = "Customer limit reached. Your plan allows {limit} customers."
    )]
    Limit { limit: u64 },
    #[api(status = 412, code = "precondition", message = "Precondition failed")]
    Precondition,
    #[api(status = 401, code = "revoked", message = "API key has been revoked")]
    Revoked {
        #[api(extra)]
        key_id: String,
    },
}

/// A struct error, wrapped transparently by an enum.
#[derive(Clone, Debug, PartialEq, ApiError)]
#[api(
    status = 422,
    code = "invalid_amount",
    message = "Amount {amount} exceeds {limit}",
    domain = "payments.example.com",
    decode
)]
struct InvalidAmount {
    amount: i64,
    #[api(extra)]
    limit: u64,
    #[api(extra = "currency_code")]
    currency: String,
}

#[derive(Clone, Debug, PartialEq, ApiError)]
#[api(format = "problem", decode, domain = "billing.example.com")]
enum Billing {
    #[api(transparent)]
    Amount(InvalidAmount),
    #[api(
        status = 402,
        code = "payment_required",
        message = "Card {last4} was declined",
        grpc = "failed_precondition"
    )]
    Declined {
        #[api(extra)]
        last4: String,
        #[api(field)]
        field: Option<String>,
    },
    #[api(
        status = 504,
        code = "upstream_timeout",
        message = "The bank did not answer"
    )]
    Timeout,
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-z_]{0,12}",
        Just("\"quoted\" \\back\\slash </script> \u{2028}\u{0}\u{1f}\t\n%2F".to_owned()),
        Just("😀 ünïcödé ∑".to_owned()),
        Just("null".to_owned()),
        Just("42".to_owned()),
    ]
}

/// A field error's code is a violation's `reason`, a proto3 string: an
/// empty one cannot be told from none, so codes here are never empty.
fn field_errors() -> impl Strategy<Value = FieldErrors> {
    prop::collection::vec((text(), text(), prop::option::of("[a-z_]{1,12}")), 0..5).prop_map(
        |items| {
            items
                .into_iter()
                .map(|(field, message, code)| {
                    let error = FieldError::new(field, message);
                    match code {
                        Some(code) => error.with_code(code),
                        None => error,
                    }
                })
                .collect()
        },
    )
}

fn envelope() -> impl Strategy<Value = Envelope> {
    prop_oneof![
        (text(), any::<u64>(), any::<i64>()).prop_map(|(id, big, small)| Envelope::NotFound {
            id,
            big,
            small
        }),
        (text(), text(), any::<i64>(), text()).prop_map(|(field, name, x, label)| {
            Envelope::Duplicate {
                field,
                name,
                point: Point { x, label },
            }
        }),
        any::<u32>().prop_map(|version| Envelope::Stale { version }),
        field_errors().prop_map(Envelope::Invalid),
        any::<u32>().prop_map(Envelope::Slow),
        (prop::option::of(0..u32::MAX as u64), any::<u16>(), text()).prop_map(
            |(wait, minutes, reason)| Envelope::Maintenance {
                wait: wait.map(Duration::from_secs),
                minutes,
                reason,
            }
        ),
        (
            any::<bool>(),
            prop::collection::vec(text(), 0..4),
            prop::option::of(text()),
            prop::option::of(text()),
        )
            .prop_map(|(on, tags, note, seen)| Envelope::Flags {
                on,
                tags,
                note,
                seen
            }),
    ]
}

fn flat() -> impl Strategy<Value = Flat> {
    prop_oneof![
        text().prop_map(|property| Flat::Missing { property }),
        any::<u64>().prop_map(|limit| Flat::Limit { limit }),
        Just(Flat::Precondition),
        text().prop_map(|key_id| Flat::Revoked { key_id }),
    ]
}

fn billing() -> impl Strategy<Value = Billing> {
    prop_oneof![
        (any::<i64>(), any::<u64>(), text()).prop_map(|(amount, limit, currency)| {
            Billing::Amount(InvalidAmount {
                amount,
                limit,
                currency,
            })
        }),
        (text(), prop::option::of(text()))
            .prop_map(|(last4, field)| Billing::Declined { last4, field }),
        Just(Billing::Timeout),
    ]
}

/// The status of `error` as a client receives it: written into response
/// headers as a server sends it, and read back from them.
fn over_the_wire(status: Status) -> Status {
    let response = status.into_http::<()>();
    Status::from_header_map(response.headers()).expect("a status in the headers")
}

fn round_trip<E>(error: &E, request_id: &str, debug: bool) -> (Status, ClientError<E>)
where
    E: ApiError + api_error::client::Decode + api_error::Catalog,
{
    let mut context = ErrorContext::new().with_debug(debug);
    if let Some(id) = RequestId::parse(request_id) {
        context = context.with_request_id(id);
    }
    let status = over_the_wire(api_error::tonic::status(error, &context));
    let decoded = decode_status::<E>(&status);
    (status, decoded)
}

proptest! {
    // Past failures are kept beside this file (`status.proptest-regressions`),
    // not in a folder every test binary shares.
    #![proptest_config(ProptestConfig::with_failure_persistence(
        proptest::test_runner::FileFailurePersistence::WithSource("proptest-regressions"),
    ))]

    #[test]
    fn envelope_types_round_trip(
        error in envelope(),
        request_id in "[A-Za-z0-9_]{1,20}",
        debug in any::<bool>(),
    ) {
        let (status, decoded) = round_trip(&error, &request_id, debug);
        prop_assert_eq!(status.code(), Code::from(error.grpc_code()));
        prop_assert_eq!(status.message(), error.message());
        let details = status.get_error_details();
        prop_assert_eq!(details.request_info().unwrap().request_id.as_str(), request_id.as_str());
        prop_assert_eq!(
            &details.help().unwrap().links[0].url,
            error.doc_url().unwrap()
        );
        prop_assert_eq!(details.error_info().unwrap().domain.as_str(), "shop.example.com");
        // A debug member comes back only with the debug block; an `Option`
        // one reads as `None` without it.
        let expected = match error.clone() {
            Envelope::Flags { on, tags, note, .. } if !debug => Envelope::Flags { on, tags, note, seen: None },
            other => other,
        };
        prop_assert_eq!(decoded, ClientError::Api(expected, error.retry_after()));
    }

    #[test]
    fn struct_and_transparent_types_round_trip(error in billing()) {
        let (status, decoded) = round_trip(&error, "req_1", false);
        let domain = match &error {
            Billing::Amount(_) => "payments.example.com",
            _ => "billing.example.com",
        };
        prop_assert_eq!(status.get_details_error_info().unwrap().domain, domain);
        prop_assert_eq!(decoded, ClientError::Api(error.clone(), error.retry_after()));
    }

    #[test]
    fn flat_types_round_trip(error in flat()) {
        let (status, decoded) = round_trip(&error, "req_1", false);
        prop_assert_eq!(status.get_details_error_info().unwrap().domain, "");
        prop_assert_eq!(decoded, ClientError::Api(error.clone(), error.retry_after()));
    }

    /// Whatever bytes a server sends as details, the client keeps the
    /// status's code and message, and nothing panics.
    #[test]
    fn garbage_details_never_panic(
        code in 0..=16i32,
        message in text(),
        details in prop::collection::vec(any::<u8>(), 0..512),
    ) {
        let status = Status::with_details(Code::from_i32(code), message.clone(), Bytes::from(details));
        let status = over_the_wire(status);
        match decode_status::<Envelope>(&status) {
            ClientError::Api(error, _) => {
                // Only well-formed details can name a variant.
                prop_assert!(status.check_error_details().is_ok(), "{error:?}");
            }
            ClientError::Unknown(body) => {
                prop_assert_eq!(body.status, GrpcCode::from_i32(code).unwrap().http_status());
                prop_assert_eq!(body.message, message);
            }
            other => return Err(TestCaseError::fail(format!("{other:?}"))),
        }
        // Only the codes worth retrying wait, and never without a bound.
        let retryable = [Code::Unknown, Code::DeadlineExceeded, Code::ResourceExhausted, Code::Internal, Code::Unavailable];
        let delay = api_error::client::RetryPolicy::default().status_delay(&status, 0);
        prop_assert_eq!(delay.is_some(), retryable.contains(&status.code()), "{:?}", delay);
        prop_assert!(delay.unwrap_or_default() <= Duration::from_secs(60), "{:?}", delay);
    }
}

/// A mutation of real details: each part kept or replaced by hostile content
/// (another reason, metadata of wrong types or reserved names, violations,
/// an absurd delay, another code).
#[derive(Clone, Debug)]
struct Mutation {
    reason: Option<String>,
    metadata: Option<std::collections::HashMap<String, String>>,
    violations: Option<Vec<(String, String)>>,
    delay: Option<u64>,
    code: Option<i32>,
}

fn mutation() -> impl Strategy<Value = Mutation> {
    (
        prop::option::weighted(0.3, "[A-Z_]{0,20}"),
        prop::option::weighted(
            0.3,
            prop::collection::hash_map(
                prop_oneof![
                    "[a-z_]{1,8}",
                    Just("request_id".to_owned()),
                    Just("id".to_owned())
                ],
                text(),
                0..6,
            ),
        ),
        prop::option::weighted(0.3, prop::collection::vec((text(), text()), 0..4)),
        prop::option::weighted(0.3, any::<u64>()),
        prop::option::weighted(0.3, 0..=16i32),
    )
        .prop_map(|(reason, metadata, violations, delay, code)| Mutation {
            reason,
            metadata,
            violations,
            delay,
            code,
        })
}

/// Well-formed details with hostile content, made from the real details of
/// an error and mutated: a client that decodes a variant decodes it from
/// the reason and code it was sent, and one that cannot keeps what came.
/// Both outcomes are reached.
#[test]
fn hostile_rich_details_are_kept_not_trusted() {
    let mut runner =
        proptest::test_runner::TestRunner::new(ProptestConfig::with_failure_persistence(
            proptest::test_runner::FileFailurePersistence::WithSource("proptest-regressions"),
        ));
    let decoded = std::cell::Cell::new(0u32);
    let unknown = std::cell::Cell::new(0u32);
    runner
        .run(&(envelope(), mutation()), |(error, mutation)| {
            let real = Status::from(error.clone());
            let real = real.get_error_details();
            let info = real.error_info().cloned().unwrap();
            let reason = mutation.reason.clone().unwrap_or(info.reason.clone());
            let metadata = mutation.metadata.clone().unwrap_or(info.metadata.clone());
            let mut details =
                ErrorDetails::with_error_info(reason.clone(), "evil.example.com", metadata.clone());
            match &mutation.violations {
                Some(violations) => {
                    for (field, description) in violations {
                        details.add_bad_request_violation(field.clone(), description.clone());
                    }
                }
                None => {
                    if let Some(bad_request) = real.bad_request() {
                        details.set_bad_request(bad_request.field_violations.clone());
                    }
                }
            }
            match mutation.delay {
                Some(delay) => {
                    details.set_retry_info(Some(Duration::from_secs(delay)));
                }
                None => {
                    if let Some(retry) = real.retry_info() {
                        details.set_retry_info(retry.retry_delay);
                    }
                }
            }
            let code = mutation
                .code
                .unwrap_or(i32::from(Code::from(error.grpc_code())));
            let status = over_the_wire(Status::with_error_details(
                Code::from_i32(code),
                "hostile",
                details,
            ));
            match decode_status::<Envelope>(&status) {
                ClientError::Api(decoded_error, _) => {
                    decoded.set(decoded.get() + 1);
                    // A variant is trusted only with the reason it was
                    // sent with, and a code of the same HTTP status as its
                    // own.
                    prop_assert_eq!(decoded_error.code(), reason.to_ascii_lowercase());
                    prop_assert_eq!(
                        decoded_error.grpc_code().http_status(),
                        GrpcCode::from_i32(code).unwrap().http_status()
                    );
                }
                ClientError::Unknown(body) => {
                    unknown.set(unknown.get() + 1);
                    prop_assert_eq!(
                        body.code,
                        Some(reason.to_ascii_lowercase()).filter(|c| !c.is_empty())
                    );
                    let own = [
                        "code",
                        "message",
                        "field",
                        "doc_url",
                        "request_id",
                        "debug",
                        "error",
                        "type",
                        "title",
                        "status",
                        "detail",
                        "instance",
                        "errors",
                    ];
                    for name in metadata.keys().filter(|name| !own.contains(&name.as_str())) {
                        prop_assert!(body.members.contains_key(name), "{name}");
                    }
                    if mutation.delay.is_some() {
                        prop_assert!(body.retry_after.is_some());
                    }
                }
                other => return Err(TestCaseError::fail(format!("{other:?}"))),
            }
            Ok(())
        })
        .unwrap();
    assert!(decoded.get() > 0, "no case decoded into a variant");
    assert!(unknown.get() > 0, "no case was left unknown");
}

#[test]
fn huge_details_are_not_read_and_raw_is_bounded() {
    let valid = Status::from(Envelope::Slow(30));
    let mut bytes = valid.details().to_vec();
    // The same details, padded past the limit with an unknown field.
    while bytes.len() <= MAX_DETAILS_LEN {
        bytes.extend_from_slice(&[0xfa, 0x01, 0x80, 0x40]);
        bytes.extend(std::iter::repeat_n(b'x', 8192));
    }
    let huge = Status::with_details(Code::ResourceExhausted, "Slow down", bytes.into());
    match decode_status::<Envelope>(&huge) {
        ClientError::Unknown(body) => {
            assert_eq!(body.code, None);
            assert_eq!(body.status, 429);
            assert_eq!(body.message, "Slow down");
            assert!(body.raw.len() <= MAX_DETAILS_LEN.div_ceil(3) * 4);
            assert_eq!(body.retry_after, None);
        }
        other => panic!("{other:?}"),
    }
    let long = "é".repeat(MAX_MESSAGE_LEN);
    match decode_status::<Envelope>(&Status::internal(long)) {
        ClientError::Unknown(body) => {
            assert!(body.message.len() <= MAX_MESSAGE_LEN);
            assert!(body.message.chars().all(|c| c == 'é'));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn one_bad_detail_costs_only_itself() {
    let good = Status::from(Envelope::NotFound {
        id: "cli_1".into(),
        big: 7,
        small: -7,
    });
    let mut status = tonic_types::Status::decode(good.details()).unwrap();
    status.details.insert(
        0,
        prost_types::Any {
            type_url: "type.googleapis.com/google.rpc.BadRequest".into(),
            value: vec![0xff, 0xff, 0xff],
        },
    );
    status.details.push(prost_types::Any {
        type_url: "type.example.com/Unknown".into(),
        value: b"anything".to_vec(),
    });
    let status = Status::with_details(
        Code::NotFound,
        "Client not found",
        status.encode_to_vec().into(),
    );
    assert_eq!(
        decode_status::<Envelope>(&status),
        ClientError::Api(
            Envelope::NotFound {
                id: "cli_1".into(),
                big: 7,
                small: -7
            },
            None
        )
    );
}

#[test]
fn statuses_of_other_servers_keep_what_they_carry() {
    // No details at all: the code and message, and the request id of the
    // metadata.
    let mut plain = Status::unavailable("upstream is down");
    plain
        .metadata_mut()
        .insert("x-request-id", "req_upstream".parse().unwrap());
    match decode_status::<Envelope>(&plain) {
        ClientError::Unknown(body) => {
            assert_eq!(body.status, 503);
            assert_eq!(body.code, None);
            assert_eq!(body.request_id.as_deref(), Some("req_upstream"));
            assert_eq!(body.raw, "");
        }
        other => panic!("{other:?}"),
    }

    // A code this client does not know, with its metadata and violations.
    let mut details = ErrorDetails::with_error_info(
        "QUOTA_EXCEEDED",
        "other.example.com",
        [("limit".to_owned(), "100".to_owned())],
    );
    details.add_bad_request_violation("items", "Too many items");
    details.set_debug_info(vec!["at step 2".to_owned()], "not json");
    let status = Status::with_error_details(Code::ResourceExhausted, "Quota exceeded", details);
    match decode_status::<Envelope>(&status) {
        ClientError::Unknown(body) => {
            assert_eq!(body.status, 429);
            assert_eq!(body.code.as_deref(), Some("quota_exceeded"));
            assert_eq!(body.members["limit"], 100);
            assert_eq!(
                body.members["errors"],
                serde_json::json!([{ "field": "items", "message": "Too many items" }])
            );
            assert_eq!(
                body.debug.unwrap(),
                *serde_json::json!({ "detail": "not json", "source_chain": ["at step 2"] })
                    .as_object()
                    .unwrap()
            );
        }
        other => panic!("{other:?}"),
    }

    // A known code with another gRPC code is not that error.
    let mut mismatched =
        ErrorDetails::with_error_info("NOT_FOUND", "", [("id".to_owned(), "x".to_owned())]);
    mismatched.set_request_info("req_9", "");
    let status = Status::with_error_details(Code::InvalidArgument, "Client not found", mismatched);
    match decode_status::<Envelope>(&status) {
        ClientError::Unknown(body) => {
            assert_eq!(body.status, 400);
            assert_eq!(body.request_id.as_deref(), Some("req_9"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn codes_follow_the_mapping_and_the_overrides() {
    let stale = Status::from(Envelope::Stale { version: 3 });
    assert_eq!(stale.code(), Code::Aborted);
    assert_eq!(
        stale.get_details_error_info().unwrap().metadata["version"],
        "3"
    );
    let duplicate = Status::from(Envelope::Duplicate {
        field: "email".into(),
        name: "Ada".into(),
        point: Point {
            x: 1,
            label: "p".into(),
        },
    });
    assert_eq!(duplicate.code(), Code::AlreadyExists);
    assert_eq!(
        duplicate.get_details_error_info().unwrap().metadata["point"],
        r#"{"x":1,"label":"p"}"#
    );
    assert_eq!(
        Status::from(Flat::Precondition).code(),
        Code::FailedPrecondition
    );
    assert_eq!(
        Status::from(Billing::Timeout).code(),
        Code::DeadlineExceeded
    );
    let declined = Status::from(Billing::Declined {
        last4: "4242".into(),
        field: None,
    });
    assert_eq!(declined.code(), Code::FailedPrecondition);
    assert!(declined.get_details_bad_request().is_none());
    // Without a layer there is no request id, and no debug block.
    assert!(declined.get_details_request_info().is_none());
    assert!(Status::from(Envelope::Flags {
        on: true,
        tags: vec![],
        note: None,
        seen: Some("x".into())
    })
    .get_details_debug_info()
    .is_none());
}

/// A service whose response body converts an error while it is polled, as
/// a streaming response does, and records the request id the status got.
#[derive(Clone)]
struct Streaming(Arc<Mutex<Vec<Option<String>>>>);

struct ConvertingBody(Arc<Mutex<Vec<Option<String>>>>);

impl http_body::Body for ConvertingBody {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        self: Pin<&mut Self>,
        _: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, Infallible>>> {
        let status = Status::from(Envelope::Slow(1));
        let id = status
            .get_details_request_info()
            .map(|info| info.request_id);
        self.0.lock().unwrap().push(id);
        Poll::Ready(None)
    }
}

impl tonic::codegen::Service<http::Request<()>> for Streaming {
    type Response = http::Response<ConvertingBody>;
    type Error = Infallible;
    type Future = std::future::Ready<Result<Self::Response, Infallible>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: http::Request<()>) -> Self::Future {
        assert_eq!(
            request.extensions().get::<RequestId>().unwrap().as_str(),
            "req_stream"
        );
        std::future::ready(Ok(http::Response::new(ConvertingBody(self.0.clone()))))
    }
}

#[tokio::test]
async fn errors_converted_while_a_response_streams_carry_the_request_id() {
    use tonic::codegen::Service as _;
    use tower_layer::Layer as _;

    let seen = Arc::new(Mutex::new(Vec::new()));
    let mut service = api_error::tonic::ApiErrorLayer::new().layer(Streaming(seen.clone()));
    let request = http::Request::builder()
        .header("x-request-id", "req_stream")
        .body(())
        .unwrap();
    let mut response = service.call(request).await.unwrap();
    assert_eq!(response.headers()["x-request-id"], "req_stream");
    let body = response.body_mut();
    let frame = std::future::poll_fn(|cx| Pin::new(&mut *body).poll_frame(cx)).await;
    assert!(frame.is_none());
    // Outside the layer, an error has no request id.
    let mut outside = ConvertingBody(seen.clone());
    let _ = std::future::poll_fn(|cx| Pin::new(&mut outside).poll_frame(cx)).await;
    assert_eq!(*seen.lock().unwrap(), [Some("req_stream".to_owned()), None]);
}
