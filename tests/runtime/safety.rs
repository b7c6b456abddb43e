//! The safety rules: masked 5xx messages, opt-in exposure, valid JSON
//! whatever the strings.

use api_error::client::ErrorBody;
use api_error::http::HeaderMap;
use api_error::{ApiError, FieldErrors, Format, RenderOptions, StatusCode, MASKED_MESSAGE};
use std::io;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum StoreError {
    #[error("connection to db-primary.internal:5432 refused")]
    #[api(status = 500, code = "database_down")]
    DatabaseDown(#[source] io::Error),

    #[error("disk quota exceeded on volume {volume}")]
    #[api(status = 507, code = "storage_full")]
    StorageFull { volume: String },

    #[error("email {email} is already registered")]
    #[api(status = 409, code = "duplicate")]
    Duplicate { email: String },

    #[error("upstream {host} timed out after {ms} ms")]
    #[api(
        status = 503,
        code = "upstream_unavailable",
        message = "The payment provider is unavailable"
    )]
    Upstream { host: String, ms: u64 },

    #[error("gateway {gateway} answered garbage")]
    #[api(
        status = 502,
        code = "bad_gateway",
        message = "The {gateway} gateway failed; try again later"
    )]
    BadGateway { gateway: &'static str },
}

fn all_bodies(err: &(impl ApiError + serde::Serialize)) -> Vec<String> {
    let mut bodies = vec![serde_json::to_string(err).unwrap()];
    for format in Format::ALL {
        bodies.push(err.to_json(format));
        bodies.push(err.to_json_with(format, &RenderOptions::new().request_id("req_1")));
    }
    bodies
}

#[test]
fn masked_5xx_in_every_format() {
    let err = StoreError::DatabaseDown(io::Error::other("connection refused"));
    assert_eq!(err.message(), MASKED_MESSAGE);
    assert_eq!(err.message(), "An unexpected error occurred");
    assert_eq!(
        err.to_string(),
        "connection to db-primary.internal:5432 refused"
    );
    assert_eq!(
        err.to_json(Format::Envelope),
        r#"{"error":{"code":"database_down","message":"An unexpected error occurred"}}"#
    );
    assert_eq!(
        err.to_json(Format::Flat),
        r#"{"error":"Internal Server Error","message":"An unexpected error occurred"}"#
    );
    assert_eq!(
        err.to_json(Format::Problem),
        r#"{"type":"about:blank","title":"Internal Server Error","status":500,"detail":"An unexpected error occurred","code":"database_down"}"#
    );
    assert_eq!(
        serde_json::to_string(&err).unwrap(),
        r#"{"error":{"code":"database_down","message":"An unexpected error occurred"}}"#
    );
    for body in all_bodies(&err) {
        assert!(!body.contains("db-primary"), "{body}");
        assert!(!body.contains("refused"), "{body}");
        assert!(body.contains(MASKED_MESSAGE), "{body}");
    }

    let err = StoreError::StorageFull {
        volume: "/mnt/customer-data".to_owned(),
    };
    assert_eq!(err.message(), MASKED_MESSAGE);
    assert_eq!(
        err.to_json(Format::Flat),
        r#"{"error":"Insufficient Storage","message":"An unexpected error occurred"}"#
    );
    for body in all_bodies(&err) {
        assert!(!body.contains("customer-data"), "{body}");
        assert!(!body.contains("quota"), "{body}");
    }
}

#[test]
fn masked_5xx_real_text_goes_to_the_debug_block_only() {
    let err = StoreError::DatabaseDown(io::Error::other("connection refused"));
    let options = RenderOptions::new().request_id("req_xxxxx").debug(true);
    assert_eq!(
        err.to_json_with(Format::Envelope, &options),
        r#"{"error":{"code":"database_down","message":"An unexpected error occurred","request_id":"req_xxxxx","debug":{"display":"connection to db-primary.internal:5432 refused","source_chain":["connection refused"]}}}"#
    );
    assert_eq!(
        err.to_json_with(Format::Problem, &options),
        r#"{"type":"about:blank","title":"Internal Server Error","status":500,"detail":"An unexpected error occurred","code":"database_down","request_id":"req_xxxxx","debug":{"display":"connection to db-primary.internal:5432 refused","source_chain":["connection refused"]}}"#
    );
    let err = StoreError::StorageFull {
        volume: "/mnt/data".to_owned(),
    };
    assert_eq!(
        err.to_json_with(Format::Flat, &RenderOptions::new().debug(true)),
        r#"{"error":"Insufficient Storage","message":"An unexpected error occurred","debug":{"display":"disk quota exceeded on volume /mnt/data"}}"#
    );
}

#[test]
fn client_error_without_message_shows_its_display() {
    let err = StoreError::Duplicate {
        email: "jane@example.com".to_owned(),
    };
    assert_eq!(
        err.message(),
        "email jane@example.com is already registered"
    );
    assert_eq!(
        err.to_json(Format::Envelope),
        r#"{"error":{"code":"duplicate","message":"email jane@example.com is already registered"}}"#
    );
    assert_eq!(
        err.to_json(Format::Flat),
        r#"{"error":"Conflict","message":"email jane@example.com is already registered"}"#
    );
    assert_eq!(
        err.to_json(Format::Problem),
        r#"{"type":"about:blank","title":"Conflict","status":409,"detail":"email jane@example.com is already registered","code":"duplicate"}"#
    );
    assert_eq!(
        serde_json::to_string(&err).unwrap(),
        err.to_json(Format::Envelope)
    );
    // Nothing is masked, so there is nothing to debug.
    assert_eq!(
        err.to_json_with(Format::Envelope, &RenderOptions::new().debug(true)),
        err.to_json(Format::Envelope)
    );
}

#[test]
fn server_error_with_explicit_message_shows_it() {
    let err = StoreError::Upstream {
        host: "psp.internal".to_owned(),
        ms: 3000,
    };
    assert_eq!(err.message(), "The payment provider is unavailable");
    assert_eq!(
        err.to_string(),
        "upstream psp.internal timed out after 3000 ms"
    );
    assert_eq!(
        err.to_json(Format::Envelope),
        r#"{"error":{"code":"upstream_unavailable","message":"The payment provider is unavailable"}}"#
    );
    assert_eq!(
        err.to_json(Format::Flat),
        r#"{"error":"Service Unavailable","message":"The payment provider is unavailable"}"#
    );
    for body in all_bodies(&err) {
        assert!(!body.contains("psp.internal"), "{body}");
    }
    // Written as a template: public, so not masked, and no debug block.
    assert_eq!(
        err.to_json_with(Format::Envelope, &RenderOptions::new().debug(true)),
        err.to_json(Format::Envelope)
    );

    let err = StoreError::BadGateway { gateway: "Stripe" };
    assert_eq!(err.message(), "The Stripe gateway failed; try again later");
    assert_eq!(
        err.to_json_with(Format::Problem, &RenderOptions::new().request_id("req_9")),
        r#"{"type":"about:blank","title":"Bad Gateway","status":502,"detail":"The Stripe gateway failed; try again later","code":"bad_gateway","request_id":"req_9"}"#
    );
}

const SECRET: &str = "hunter2-s3cr3t";
const TOKEN: &str = "vault-token-9f8e7d";

#[derive(Debug, ApiError)]
#[api(doc_base = "https://docs.example.com/errors")]
pub enum LoginError {
    #[api(
        status = 401,
        code = "bad_credentials",
        message = "Invalid credentials for {user}"
    )]
    BadCredentials {
        #[api(extra)]
        user: String,
        password: String,
    },

    #[api(
        status = 500,
        code = "internal_error",
        message = "An unexpected error occurred"
    )]
    Vault {
        #[api(debug)]
        vault_path: String,
        token: String,
        #[api(source)]
        source: io::Error,
    },

    #[api(
        status = 400,
        code = "weak_password",
        message = "{0}",
        field = "password"
    )]
    WeakPassword(&'static str, String),
}

#[derive(Debug, thiserror::Error, ApiError)]
pub enum SessionError {
    #[error("session store unavailable")]
    #[api(status = 503, code = "session_store")]
    Store { api_key: String },

    #[error("session expired")]
    #[api(status = 401, code = "session_expired")]
    Expired { session_token: String },
}

fn every_rendering(err: &(impl ApiError + serde::Serialize)) -> Vec<String> {
    let mut bodies = vec![serde_json::to_string(err).unwrap()];
    for format in Format::ALL {
        for debug in [false, true] {
            let options = RenderOptions::new().request_id("req_1").debug(debug);
            bodies.push(err.to_json_with(format, &options));
        }
        bodies.push(err.to_json(format));
    }
    bodies.push(err.message().into_owned());
    bodies
}

#[test]
fn unannotated_fields_never_reach_a_body() {
    let errors: Vec<Box<dyn Fn() -> Vec<String>>> = vec![
        Box::new(|| {
            every_rendering(&LoginError::BadCredentials {
                user: "jane".to_owned(),
                password: SECRET.to_owned(),
            })
        }),
        Box::new(|| {
            every_rendering(&LoginError::Vault {
                vault_path: "secret/db".to_owned(),
                token: TOKEN.to_owned(),
                source: io::Error::other("permission denied"),
            })
        }),
        Box::new(|| {
            every_rendering(&LoginError::WeakPassword(
                "Password is too short",
                SECRET.to_owned(),
            ))
        }),
        Box::new(|| {
            every_rendering(&SessionError::Store {
                api_key: SECRET.to_owned(),
            })
        }),
        Box::new(|| {
            every_rendering(&SessionError::Expired {
                session_token: TOKEN.to_owned(),
            })
        }),
    ];
    for render in errors {
        for body in render() {
            assert!(!body.contains(SECRET), "{body}");
            assert!(!body.contains(TOKEN), "{body}");
            assert!(!body.contains("hunter2"), "{body}");
        }
    }
}

#[test]
fn annotated_members_do_appear() {
    let err = LoginError::BadCredentials {
        user: "jane".to_owned(),
        password: SECRET.to_owned(),
    };
    assert_eq!(
        err.to_json_with(Format::Envelope, &RenderOptions::new().debug(true)),
        r#"{"error":{"code":"bad_credentials","message":"Invalid credentials for jane","user":"jane","doc_url":"https://docs.example.com/errors#bad_credentials"}}"#
    );
    let err = LoginError::Vault {
        vault_path: "secret/db".to_owned(),
        token: TOKEN.to_owned(),
        source: io::Error::other("permission denied"),
    };
    assert_eq!(
        err.to_json_with(Format::Envelope, &RenderOptions::new().debug(true)),
        r#"{"error":{"code":"internal_error","message":"An unexpected error occurred","doc_url":"https://docs.example.com/errors#internal_error","debug":{"vault_path":"secret/db","source_chain":["permission denied"]}}}"#
    );
    assert_eq!(
        err.to_json(Format::Envelope),
        r#"{"error":{"code":"internal_error","message":"An unexpected error occurred","doc_url":"https://docs.example.com/errors#internal_error"}}"#
    );
    let err = LoginError::WeakPassword("Password is too short", SECRET.to_owned());
    assert_eq!(
        err.to_json(Format::Flat),
        r#"{"error":"Bad Request","message":"Password is too short","field":"password","doc_url":"https://docs.example.com/errors#weak_password"}"#
    );
}

#[derive(Debug, ApiError)]
pub enum EchoError {
    #[api(status = 400, code = "bad_input", message = "Bad value: {value}")]
    BadInput {
        #[api(field)]
        name: String,
        #[api(extra)]
        value: String,
        #[api(extra = "values")]
        list: Vec<String>,
        #[api(errors)]
        errors: FieldErrors,
        #[api(debug)]
        raw: String,
    },

    #[api(status = 500, code = "internal", message = "Failed: {reason:?}")]
    Internal {
        #[api(extra)]
        reason: String,
    },
}

const NASTY: &[&str] = &[
    r#"she said "hi""#,
    r"C:\Users\jane\",
    "\\\"",
    "\u{0}\u{1}\u{8}\u{b}\u{c}\u{1f}\u{7f}",
    "line\nbreak\r\ncarriage\ttab",
    "</script><script>alert('x')</script>",
    "<!-- -->&amp;",
    "héllo wörld 世界 🦀 \u{200b}\u{feff}",
    "\u{2028}\u{2029}",
    "{value} {{0}} }{",
    "",
    "\u{10ffff}\u{fffd}",
];

#[test]
fn any_string_gives_valid_json_that_parses_back() {
    for s in NASTY {
        let err = EchoError::BadInput {
            name: (*s).to_owned(),
            value: (*s).to_owned(),
            list: vec![(*s).to_owned(), "plain".to_owned()],
            errors: FieldErrors::new().with(*s, *s),
            raw: (*s).to_owned(),
        };
        let expected_message = format!("Bad value: {s}");
        assert_eq!(err.message(), expected_message);
        for format in Format::ALL {
            for options in [
                RenderOptions::new(),
                RenderOptions::new().request_id(s).debug(true),
            ] {
                let body = err.to_json_with(format, &options);
                let value: serde_json::Value = serde_json::from_str(&body).unwrap_or_else(|e| {
                    panic!("invalid JSON for {s:?} in {format:?}: {e}: {body}")
                });
                if format.layout().is_none() {
                    check_read_back(&body, s, &expected_message, options.debug);
                    continue;
                }
                let object = match format {
                    Format::Envelope => &value["error"],
                    _ => &value,
                };
                let message = match format {
                    Format::Problem => &object["detail"],
                    _ => &object["message"],
                };
                assert_eq!(message.as_str(), Some(expected_message.as_str()), "{body}");
                assert_eq!(object["field"].as_str(), Some(*s), "{body}");
                assert_eq!(object["value"].as_str(), Some(*s), "{body}");
                assert_eq!(object["values"][0].as_str(), Some(*s), "{body}");
                let item = &object["errors"][0];
                if format == Format::Problem {
                    assert_eq!(item["detail"].as_str(), Some(*s), "{body}");
                    let pointer = item["pointer"].as_str().unwrap();
                    assert_eq!(
                        api_error::request::field_from_pointer(pointer).as_deref(),
                        Some(*s),
                        "{body}"
                    );
                } else {
                    assert_eq!(item["field"].as_str(), Some(*s), "{body}");
                    assert_eq!(item["message"].as_str(), Some(*s), "{body}");
                }
                // A 4xx never carries the request id.
                assert!(object.get("request_id").is_none(), "{body}");
                if options.debug {
                    assert_eq!(object["debug"]["raw"].as_str(), Some(*s), "{body}");
                } else {
                    assert!(object.get("debug").is_none(), "{body}");
                }
            }
        }
        let via_serde = serde_json::to_string(&err).unwrap();
        assert_eq!(via_serde, err.to_json(Format::Envelope));
    }
}

/// A body of a format written from the model, read back by the client:
/// each string of a `BadInput` whose strings are all `s` comes back whole.
fn check_read_back(body: &str, s: &str, message: &str, debug: bool) {
    let read = ErrorBody::parse(StatusCode::BAD_REQUEST, &HeaderMap::new(), body.as_bytes())
        .unwrap_or_else(|e| panic!("{e:?}: {body}"));
    assert_eq!(read.message, message, "{body}");
    assert_eq!(read.code.as_deref(), Some("bad_input"), "{body}");
    assert_eq!(read.field.as_deref(), Some(s), "{body}");
    assert_eq!(read.members["value"], s, "{body}");
    // Google's metadata holds every value as a string: the list as JSON.
    let values = match &read.members["values"] {
        serde_json::Value::String(json) => serde_json::from_str(json).unwrap(),
        values => values.clone(),
    };
    assert_eq!(values, serde_json::json!([s, "plain"]), "{body}");
    let item = &read.members["errors"][0];
    assert_eq!(item["field"], s, "{body}");
    assert_eq!(item["message"], s, "{body}");
    // A 4xx carries the request id only in Google's `RequestInfo`.
    assert_eq!(
        read.request_id.is_some(),
        debug && read.format == Some(Format::Google),
        "{body}"
    );
    match &read.debug {
        Some(block) => {
            assert!(debug, "{body}");
            assert_eq!(block["raw"], s, "{body}");
        }
        None => assert!(!debug, "{body}"),
    }
}

#[test]
fn any_request_id_and_debug_message_on_a_5xx() {
    for s in NASTY {
        let err = EchoError::Internal {
            reason: (*s).to_owned(),
        };
        let expected_message = format!("Failed: {s:?}");
        for format in Format::ALL {
            let options = RenderOptions::new().request_id(s).debug(true);
            let body = err.to_json_with(format, &options);
            let value: serde_json::Value = serde_json::from_str(&body)
                .unwrap_or_else(|e| panic!("invalid JSON for {s:?} in {format:?}: {e}: {body}"));
            if format.layout().is_none() {
                let read = ErrorBody::parse(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    &HeaderMap::new(),
                    body.as_bytes(),
                )
                .unwrap_or_else(|e| panic!("{format:?}: {e:?}"));
                assert_eq!(read.format, Some(format), "{body}");
                assert_eq!(read.message, expected_message, "{body}");
                assert_eq!(read.members["reason"], *s, "{body}");
                assert_eq!(read.request_id.as_deref(), Some(*s), "{body}");
                continue;
            }
            let object = match format {
                Format::Envelope => &value["error"],
                _ => &value,
            };
            let message = match format {
                Format::Problem => &object["detail"],
                _ => &object["message"],
            };
            assert_eq!(message.as_str(), Some(expected_message.as_str()), "{body}");
            assert_eq!(object["reason"].as_str(), Some(*s), "{body}");
            assert_eq!(object["request_id"].as_str(), Some(*s), "{body}");
        }
    }
}

#[test]
fn tricky_strings_in_a_masked_debug_block() {
    for s in NASTY {
        let err = StoreError::DatabaseDown(io::Error::other(*s));
        let body = err.to_json_with(Format::Envelope, &RenderOptions::new().debug(true));
        let value: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(value["error"]["message"], MASKED_MESSAGE);
        assert_eq!(
            value["error"]["debug"]["source_chain"][0].as_str(),
            Some(*s),
            "{body}"
        );
    }
}

/// A member whose serialization fails: the body must still be valid JSON.
#[derive(Debug)]
pub struct Unserializable;

impl serde::Serialize for Unserializable {
    fn serialize<S: serde::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
        Err(serde::ser::Error::custom("cannot serialize"))
    }
}

#[derive(Debug, ApiError)]
pub enum FailingError {
    #[api(status = 400, code = "odd", message = "Odd input", field = "input")]
    Odd {
        #[api(extra)]
        fine: u8,
        #[api(extra)]
        broken: Unserializable,
    },
}

#[test]
fn a_failing_member_still_gives_a_valid_body() {
    let err = FailingError::Odd {
        fine: 1,
        broken: Unserializable,
    };
    assert_eq!(
        err.to_json(Format::Envelope),
        r#"{"error":{"code":"odd","message":"Odd input","field":"input"}}"#
    );
    for format in Format::ALL {
        let body = err.to_json_with(format, &RenderOptions::new().debug(true));
        serde_json::from_str::<serde_json::Value>(&body)
            .unwrap_or_else(|e| panic!("invalid JSON in {format:?}: {e}: {body}"));
    }
    // Through serde the failure is reported, not hidden.
    assert!(serde_json::to_string(&err).is_err());
}

/// A value whose Display fails, read by a message template.
#[derive(Debug)]
pub struct FailingDisplay;

impl std::fmt::Display for FailingDisplay {
    fn fmt(&self, _: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        Err(std::fmt::Error)
    }
}

#[derive(Debug, ApiError)]
pub enum FailingMessage {
    #[api(
        status = 400,
        code = "odd_message",
        message = "Odd {value}",
        field = "value"
    )]
    Odd { value: FailingDisplay },
}

#[test]
fn a_failing_message_still_gives_a_valid_body() {
    let err = FailingMessage::Odd {
        value: FailingDisplay,
    };
    assert_eq!(
        err.to_json(Format::Envelope),
        r#"{"error":{"code":"odd_message","message":"An unexpected error occurred","field":"value"}}"#
    );
    assert_eq!(
        err.to_json(Format::Problem),
        r#"{"type":"about:blank","title":"Bad Request","status":400,"detail":"An unexpected error occurred","code":"odd_message","field":"value"}"#
    );
    for format in Format::ALL {
        let body = err.to_json_with(format, &RenderOptions::new().debug(true));
        serde_json::from_str::<serde_json::Value>(&body)
            .unwrap_or_else(|e| panic!("invalid JSON in {format:?}: {e}: {body}"));
    }
    assert_eq!(err.message(), MASKED_MESSAGE);
    // Through serde the failure is reported, not hidden.
    assert!(serde_json::to_string(&err).is_err());
}

/// An error whose Display fails, in a source chain.
#[derive(Debug)]
pub struct FailingSource;

impl std::fmt::Display for FailingSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("partial")?;
        Err(std::fmt::Error)
    }
}

impl std::error::Error for FailingSource {}

#[derive(Debug, ApiError)]
pub enum FailingChain {
    #[api(
        status = 500,
        code = "internal_error",
        message = "An unexpected error occurred"
    )]
    Internal(#[api(source)] FailingSource),
}

#[test]
fn a_failing_source_display_still_gives_a_valid_debug_block() {
    let err = FailingChain::Internal(FailingSource);
    assert_eq!(
        err.to_json_with(
            Format::Envelope,
            &RenderOptions::new().request_id("req_1").debug(true)
        ),
        r#"{"error":{"code":"internal_error","message":"An unexpected error occurred","request_id":"req_1","debug":{"source_chain":["partial"]}}}"#
    );
}

/// Accepts `room` bytes, then fails.
struct ShortWriter {
    room: usize,
}

impl io::Write for ShortWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.room == 0 {
            return Err(io::Error::other("full"));
        }
        let n = buf.len().min(self.room);
        self.room -= n;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[test]
fn a_failing_writer_is_an_error_not_a_panic() {
    let err = EchoError::BadInput {
        name: "email".to_owned(),
        value: "x\"y".to_owned(),
        list: vec!["a".to_owned()],
        errors: FieldErrors::new().with("email", "Invalid"),
        raw: "raw".to_owned(),
    };
    let full = serde_json::to_string(&err).unwrap();
    for room in 0..full.len() {
        assert!(
            serde_json::to_writer(ShortWriter { room }, &err).is_err(),
            "room {room}"
        );
    }
    assert!(serde_json::to_writer(ShortWriter { room: full.len() }, &err).is_ok());
}
