//! Render then decode gives back an equal value, for every variant of several
//! enums, with arbitrary field values, in all three formats.

use api_error::client::{decode, ClientError};
use api_error::{ApiError, ErrorContext, FieldError, FieldErrors, Format, RequestId};
use proptest::prelude::*;
use serde::{Deserialize, Serialize};
use std::time::Duration;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct Point {
    x: i64,
    label: String,
}

#[derive(Clone, Debug, PartialEq, ApiError)]
#[api(decode)]
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
    #[api(
        status = 409,
        code = "duplicate",
        message = "A customer with this email already exists"
    )]
    Duplicate,
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
#[api(format = "problem", decode)]
enum Billing {
    #[api(transparent)]
    Amount(InvalidAmount),
    #[api(
        status = 402,
        code = "payment_required",
        message = "Card {last4} was declined"
    )]
    Declined {
        #[api(extra)]
        last4: String,
        #[api(field)]
        field: Option<String>,
    },
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
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-z_]{0,12}",
        Just("\"quoted\" \\back\\slash </script> \u{2028}\u{0}\u{1f}\t\n".to_owned()),
        Just("😀 ünïcödé ∑".to_owned()),
    ]
}

fn field_errors() -> impl Strategy<Value = FieldErrors> {
    prop::collection::vec((text(), text(), prop::option::of(text())), 0..5).prop_map(|items| {
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
    })
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
        field_errors().prop_map(Envelope::Invalid),
        any::<u32>().prop_map(Envelope::Slow),
        (prop::option::of(0..u32::MAX as u64), any::<u16>(), text()).prop_map(
            |(wait, minutes, reason)| {
                Envelope::Maintenance {
                    wait: wait.map(Duration::from_secs),
                    minutes,
                    reason,
                }
            }
        ),
        (
            any::<bool>(),
            prop::collection::vec(text(), 0..4),
            prop::option::of(text())
        )
            .prop_map(|(on, tags, note)| Envelope::Flags { on, tags, note }),
    ]
}

fn flat() -> impl Strategy<Value = Flat> {
    prop_oneof![
        text().prop_map(|property| Flat::Missing { property }),
        any::<u64>().prop_map(|limit| Flat::Limit { limit }),
        Just(Flat::Duplicate),
        text().prop_map(|key_id| Flat::Revoked { key_id }),
    ]
}

/// What a client reads back: in the problem and JSON:API formats a field
/// error names its field by a JSON Pointer, which reads back as the path it
/// names; Google's JSON, as protobuf's, leaves an empty code out; a
/// Microsoft detail whose code is the error's has none of its own.
fn read_back(error: &Envelope, format: Format) -> Envelope {
    match error {
        Envelope::Invalid(errors) => Envelope::Invalid(
            errors
                .iter()
                .map(|e| {
                    let mut back = e.clone();
                    match format {
                        Format::Problem | Format::JsonApi => {
                            back.field = api_error::request::field_from_pointer(&e.pointer())
                                .unwrap()
                                .into();
                        }
                        Format::Google if e.code.as_deref() == Some("") => back.code = None,
                        Format::Microsoft if e.code.as_deref() == Some(error.code()) => {
                            back.code = None;
                        }
                        _ => {}
                    }
                    back
                })
                .collect(),
        ),
        other => other.clone(),
    }
}

fn round_trip<E: ApiError + api_error::client::Decode>(
    error: &E,
    format: Format,
    request_id: &str,
) -> ClientError<E> {
    let context = ErrorContext::new()
        .with_format(format)
        .with_request_id(RequestId::parse(request_id).unwrap());
    let response = context.response(error);
    decode(response.status(), response.headers(), response.body())
}

proptest! {
    #![proptest_config(crate::config())]

    #[test]
    fn envelope_types_round_trip(error in envelope(), request_id in "[A-Za-z0-9_]{1,20}") {
        for format in Format::ALL {
            prop_assert_eq!(round_trip(&error, format, &request_id), ClientError::Api(read_back(&error, format), error.retry_after()), "{:?}", format);
        }
    }

    #[test]
    fn struct_and_transparent_types_round_trip(error in billing()) {
        for format in Format::ALL {
            prop_assert_eq!(round_trip(&error, format, "req_1"), ClientError::Api(error.clone(), error.retry_after()), "{:?}", format);
        }
    }

    #[test]
    fn flat_types_round_trip(error in flat()) {
        for format in Format::ALL {
            let decoded = round_trip(&error, format, "req_1");
            prop_assert_eq!(decoded, ClientError::Api(error.clone(), error.retry_after()), "{:?}", format);
        }
    }
}
