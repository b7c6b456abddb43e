//! Bodies computed at compile time must be the bytes the runtime renderer
//! writes for the same error.

use api_error::__private::Members;
use api_error::format::Layout;
use api_error::{ApiError, Format, RenderOptions};

/// The generic serde path in any format, with any options.
struct Serde<'a, E>(&'a E, Format, RenderOptions<'a>);

impl<E: ApiError + Members> serde::Serialize for Serde<'_, E> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        api_error::__private::serialize_body(self.0, self.0, self.1, &self.2, serializer)
    }
}

fn via_serde<E: ApiError + Members>(err: &E, format: Format, options: RenderOptions<'_>) -> String {
    serde_json::to_string(&Serde(err, format, options)).unwrap()
}

#[derive(Debug, ApiError)]
#[api(doc_base = "https://docs.example.com/errors")]
pub enum Tricky {
    #[api(
        status = 400,
        code = "quoted",
        message = r#"body/email must match format "email""#
    )]
    Quoted,

    #[api(
        status = 400,
        code = "backslash",
        message = r"path C:\temp\ is invalid \ \\"
    )]
    Backslash,

    #[api(
        status = 400,
        code = "all_controls",
        message = "\u{0}\u{1}\u{2}\u{3}\u{4}\u{5}\u{6}\u{7}\u{8}\u{9}\u{a}\u{b}\u{c}\u{d}\u{e}\u{f}\u{10}\u{11}\u{12}\u{13}\u{14}\u{15}\u{16}\u{17}\u{18}\u{19}\u{1a}\u{1b}\u{1c}\u{1d}\u{1e}\u{1f}"
    )]
    AllControls,

    #[api(
        status = 400,
        code = "control",
        message = "bell\u{7} nul\u{0} one\u{1} us\u{1f} del\u{7f}"
    )]
    Control,

    #[api(
        status = 400,
        code = "whitespace",
        message = "tab\there\nnew line\r\nform\u{c}feed\u{8}back"
    )]
    Whitespace,

    #[api(
        status = 400,
        code = "unicode",
        message = "Ünïcödé 世界 🦀 \u{200b}\u{2028}\u{2029}\u{feff}"
    )]
    Unicode,

    #[api(status = 400, code = "braces", message = "literal {{braces}} and }}{{")]
    Braces,

    #[api(
        status = 400,
        code = "script",
        message = "</script><script>alert('x')</script>"
    )]
    Script,

    #[api(
        status = 422,
        code = "tricky_field",
        message = "Bad \"field\"",
        field = "a\"b\\c\td"
    )]
    TrickyField,

    #[api(
        status = 404,
        code = "custom_doc",
        message = "Not here",
        doc_url = "https://docs.example.com/ërrors/not\\here?q=1&r=2#frag"
    )]
    CustomDoc,

    #[api(
        status = 418,
        code = "teapot",
        message = "I'm a teapot, short and stout"
    )]
    Teapot,

    #[api(
        status = 499,
        code = "client_closed",
        message = "Client closed request"
    )]
    ClientClosed,

    #[api(
        status = 599,
        code = "network_timeout",
        message = "Network connect timeout"
    )]
    NetworkTimeout,

    #[api(
        status = 500,
        code = "internal_error",
        message = "An unexpected error occurred"
    )]
    Internal,

    #[api(
        status = 503,
        code = "maintenance",
        message = "Down for \"maintenance\"",
        field = "x"
    )]
    Maintenance,
}

impl Tricky {
    const ALL: [Tricky; 15] = [
        Tricky::Quoted,
        Tricky::Backslash,
        Tricky::AllControls,
        Tricky::Control,
        Tricky::Whitespace,
        Tricky::Unicode,
        Tricky::Braces,
        Tricky::Script,
        Tricky::TrickyField,
        Tricky::CustomDoc,
        Tricky::Teapot,
        Tricky::ClientClosed,
        Tricky::NetworkTimeout,
        Tricky::Internal,
        Tricky::Maintenance,
    ];
}

#[derive(Debug, ApiError)]
#[api(format = "flat")]
pub enum FlatByDefault {
    #[api(
        status = 401,
        code = "revoked",
        message = "API key has been \"revoked\""
    )]
    Revoked,

    #[api(
        status = 500,
        code = "internal_error",
        message = "An unexpected error occurred\t!"
    )]
    Internal,
}

#[derive(Debug, ApiError)]
#[api(format = "problem", doc_base = "https://errors.example.com/v1")]
pub enum ProblemByDefault {
    #[api(
        status = 409,
        code = "conflict",
        message = "Invoice \\ has already been sent"
    )]
    Conflict,

    #[api(status = 502, code = "bad_gateway", message = "Upstream \u{1} failed")]
    BadGateway,
}

/// Checks that `err` has constant bodies and that each equals every other
/// way of writing it.
fn assert_const_matches<E: ApiError + Members + serde::Serialize + std::fmt::Debug>(err: &E) {
    for format in laid_out() {
        let constant = Members::const_body(err, format)
            .map(|c| c.body)
            .unwrap_or_else(|| panic!("{err:?} has no constant {format:?} body"));
        assert_eq!(err.to_json(format), constant, "{err:?} {format:?}");
        // Turning debug on bypasses the constant; with nothing to debug, the
        // dynamic renderer must write the same bytes.
        assert_eq!(
            err.to_json_with(format, &RenderOptions::new().debug(true)),
            constant,
            "dynamic renderer, {err:?} {format:?}"
        );
        assert_eq!(
            via_serde(err, format, RenderOptions::new()),
            constant,
            "serde path, {err:?} {format:?}"
        );
        serde_json::from_str::<serde_json::Value>(constant)
            .unwrap_or_else(|e| panic!("{err:?} {format:?}: invalid JSON {e}: {constant}"));
    }
    assert_eq!(
        serde_json::to_string(err).unwrap(),
        Members::const_body(err, err.default_format())
            .map(|c| c.body)
            .unwrap(),
        "default format, {err:?}"
    );
}

#[test]
fn fieldless_variants_have_constant_bodies_equal_to_the_renderer() {
    for err in &Tricky::ALL {
        assert_const_matches(err);
    }
    assert_const_matches(&FlatByDefault::Revoked);
    assert_const_matches(&FlatByDefault::Internal);
    assert_const_matches(&ProblemByDefault::Conflict);
    assert_const_matches(&ProblemByDefault::BadGateway);
}

#[test]
fn escaped_messages_parse_back_to_the_message() {
    for err in &Tricky::ALL {
        for format in Format::ALL {
            let body = err.to_json(format);
            let value: serde_json::Value = serde_json::from_str(&body).unwrap();
            let message = match format {
                Format::Envelope | Format::Google | Format::Microsoft => &value["error"]["message"],
                Format::Flat => &value["message"],
                Format::Problem => &value["detail"],
                Format::JsonApi => &value["errors"][0]["detail"],
            };
            assert_eq!(message.as_str(), Some(&*err.message()), "{body}");
        }
    }
    assert_eq!(Tricky::Braces.message(), "literal {braces} and }{");
    assert_eq!(
        Tricky::Control.message(),
        "bell\u{7} nul\u{0} one\u{1} us\u{1f} del\u{7f}"
    );
    let all_controls: String = (0u8..0x20).map(char::from).collect();
    assert_eq!(Tricky::AllControls.message(), all_controls);
    assert_eq!(Tricky::TrickyField.field(), Some("a\"b\\c\td"));
}

#[test]
fn exact_constant_bytes() {
    assert_eq!(
        Members::const_body(&Tricky::Quoted, Format::Envelope).map(|c| c.body),
        Some(
            r#"{"error":{"code":"quoted","message":"body/email must match format \"email\"","doc_url":"https://docs.example.com/errors#quoted"}}"#
        )
    );
    assert_eq!(
        Members::const_body(&Tricky::Control, Format::Flat).map(|c| c.body),
        Some(concat!(
            r#"{"error":"Bad Request","message":"bell\u0007 nul\u0000 one\u0001 us\u001f del"#,
            "\u{7f}",
            r#"","doc_url":"https://docs.example.com/errors#control"}"#
        ))
    );
    assert_eq!(
        Members::const_body(&Tricky::Whitespace, Format::Problem).map(|c| c.body),
        Some(
            r#"{"type":"https://docs.example.com/errors#whitespace","title":"Bad Request","status":400,"detail":"tab\there\nnew line\r\nform\ffeed\bback","code":"whitespace"}"#
        )
    );
    assert_eq!(
        Members::const_body(&Tricky::TrickyField, Format::Envelope).map(|c| c.body),
        Some(
            r#"{"error":{"code":"tricky_field","message":"Bad \"field\"","field":"a\"b\\c\td","doc_url":"https://docs.example.com/errors#tricky_field"}}"#
        )
    );
    assert_eq!(
        Members::const_body(&Tricky::Teapot, Format::Flat).map(|c| c.body),
        Some(
            r#"{"error":"I'm a teapot","message":"I'm a teapot, short and stout","doc_url":"https://docs.example.com/errors#teapot"}"#
        )
    );
    assert_eq!(
        Members::const_body(&Tricky::ClientClosed, Format::Problem).map(|c| c.body),
        Some(
            r#"{"type":"https://docs.example.com/errors#client_closed","title":"Client Error","status":499,"detail":"Client closed request","code":"client_closed"}"#
        )
    );
    assert_eq!(
        Members::const_body(&Tricky::NetworkTimeout, Format::Flat).map(|c| c.body),
        Some(
            r#"{"error":"Server Error","message":"Network connect timeout","doc_url":"https://docs.example.com/errors#network_timeout"}"#
        )
    );
    assert_eq!(
        Members::const_body(&Tricky::CustomDoc, Format::Problem).map(|c| c.body),
        Some(
            r#"{"type":"https://docs.example.com/ërrors/not\\here?q=1&r=2#frag","title":"Not Found","status":404,"detail":"Not here","code":"custom_doc"}"#
        )
    );
}

#[test]
fn request_id_spliced_into_a_constant_5xx_body() {
    let ids = [
        "req_xxxxx",
        "",
        "req \"quoted\" \\ </script>",
        "req\u{0}\u{1f}\n\t",
        "réq_世界_🦀",
    ];
    let errors: Vec<Box<Renderer>> = vec![
        Box::new(|format, id| render(&Tricky::Internal, format, id)),
        Box::new(|format, id| render(&Tricky::NetworkTimeout, format, id)),
        Box::new(|format, id| render(&Tricky::Maintenance, format, id)),
        Box::new(|format, id| render(&FlatByDefault::Internal, format, id)),
        Box::new(|format, id| render(&ProblemByDefault::BadGateway, format, id)),
    ];
    for render in &errors {
        for format in laid_out() {
            for id in ids {
                let (spliced, dynamic, serde) = render(format, id);
                assert_eq!(spliced, dynamic, "{format:?} {id:?}");
                assert_eq!(spliced, serde, "{format:?} {id:?}");
                let value: serde_json::Value = serde_json::from_str(&spliced).unwrap();
                let object = if format == Format::Envelope {
                    &value["error"]
                } else {
                    &value
                };
                assert_eq!(object["request_id"].as_str(), Some(id), "{spliced}");
            }
        }
    }
    assert_eq!(
        Tricky::Internal.to_json_with(
            Format::Envelope,
            &RenderOptions::new().request_id("req_xxxxx")
        ),
        r#"{"error":{"code":"internal_error","message":"An unexpected error occurred","doc_url":"https://docs.example.com/errors#internal_error","request_id":"req_xxxxx"}}"#
    );
    assert_eq!(
        ProblemByDefault::BadGateway
            .to_json_with(Format::Problem, &RenderOptions::new().request_id("req_1")),
        r#"{"type":"https://errors.example.com/v1#bad_gateway","title":"Bad Gateway","status":502,"detail":"Upstream \u0001 failed","code":"bad_gateway","request_id":"req_1"}"#
    );
}

/// Renders one error in a format with a request id, three ways.
type Renderer = dyn Fn(Format, &str) -> (String, String, String);

/// The spliced constant, the dynamic renderer, and the serde path, each with
/// the request id.
fn render<E: ApiError + Members>(err: &E, format: Format, id: &str) -> (String, String, String) {
    assert!(Members::const_body(err, format).map(|c| c.body).is_some());
    let options = RenderOptions::new().request_id(id);
    (
        err.to_json_with(format, &options),
        err.to_json_with(format, &options.debug(true)),
        via_serde(err, format, options),
    )
}

#[test]
fn request_id_not_spliced_into_a_4xx_body() {
    for format in laid_out() {
        assert_eq!(
            Tricky::Quoted.to_json_with(format, &RenderOptions::new().request_id("req_1")),
            Members::const_body(&Tricky::Quoted, format)
                .map(|c| c.body)
                .unwrap()
        );
    }
}

#[derive(Debug, ApiError)]
pub enum Dynamic {
    #[api(status = 404, code = "not_found", message = "Client not found")]
    WithExtra {
        #[api(extra)]
        id: String,
    },

    #[api(status = 404, code = "missing", message = "{resource} not found")]
    WithTemplate { resource: &'static str },

    #[api(status = 422, code = "invalid", message = "Invalid")]
    WithErrors(#[api(errors)] api_error::FieldErrors),

    #[api(status = 422, code = "bad_field", message = "Bad field")]
    WithFieldMember {
        #[api(field)]
        name: String,
    },

    #[api(status = 404, code = "gone", message = "Gone")]
    Fieldless,

    #[api(status = 400, code = "quiet", message = "Quiet")]
    UnexposedField { secret: String },
}

#[test]
fn variants_with_values_have_no_constant_body() {
    let errors = [
        Dynamic::WithExtra {
            id: "cli_1".to_owned(),
        },
        Dynamic::WithTemplate { resource: "Client" },
        Dynamic::WithErrors(api_error::FieldErrors::new().with("email", "Invalid")),
        Dynamic::WithFieldMember {
            name: "email".to_owned(),
        },
    ];
    for err in &errors {
        for format in laid_out() {
            assert_eq!(
                Members::const_body(err, format).map(|c| c.body),
                None,
                "{err:?} {format:?}"
            );
        }
    }
    assert_eq!(
        Dynamic::WithTemplate { resource: "Client" }.to_json(Format::Envelope),
        r#"{"error":{"code":"missing","message":"Client not found"}}"#
    );
    // A field nobody reads does not change the body, so it stays constant.
    let quiet = Dynamic::UnexposedField {
        secret: "s3cr3t".to_owned(),
    };
    assert_const_matches(&quiet);
    assert_const_matches(&Dynamic::Fieldless);
}

#[derive(Debug, thiserror::Error, ApiError)]
pub enum WithDisplay {
    #[error("client {0} is gone")]
    #[api(status = 410, code = "gone")]
    Gone(u32),

    #[error("nothing to see")]
    #[api(status = 404, code = "nothing")]
    Nothing,

    #[error("database is down")]
    #[api(status = 500, code = "internal_error")]
    Masked,
}

#[test]
fn thiserror_display_messages() {
    // A 4xx message that comes from Display is not known at compile time.
    for format in laid_out() {
        assert_eq!(
            Members::const_body(&WithDisplay::Gone(7), format).map(|c| c.body),
            None
        );
        assert_eq!(
            Members::const_body(&WithDisplay::Nothing, format).map(|c| c.body),
            None
        );
    }
    assert_eq!(
        WithDisplay::Nothing.to_json(Format::Envelope),
        r#"{"error":{"code":"nothing","message":"nothing to see"}}"#
    );
    // A masked 5xx message is.
    let options = RenderOptions::new().request_id("req_\"1\"");
    for format in laid_out() {
        let constant = Members::const_body(&WithDisplay::Masked, format)
            .map(|c| c.body)
            .expect("masked 5xx is constant");
        assert_eq!(WithDisplay::Masked.to_json(format), constant);
        assert_eq!(
            via_serde(&WithDisplay::Masked, format, RenderOptions::new()),
            constant
        );
        assert_eq!(
            WithDisplay::Masked.to_json_with(format, &options),
            via_serde(&WithDisplay::Masked, format, options)
        );
    }
    assert_eq!(
        Members::const_body(&WithDisplay::Masked, Format::Flat).map(|c| c.body),
        Some(r#"{"error":"Internal Server Error","message":"An unexpected error occurred"}"#)
    );
}

#[derive(Debug, ApiError)]
pub enum Outer {
    #[api(transparent)]
    Tricky(Tricky),

    #[api(transparent)]
    Dynamic(Dynamic),
}

#[test]
fn transparent_variants_delegate_their_constant_bodies() {
    for format in laid_out() {
        let outer = Outer::Tricky(Tricky::Quoted);
        assert_eq!(
            Members::const_body(&outer, format).map(|c| c.body),
            Members::const_body(&Tricky::Quoted, format).map(|c| c.body)
        );
        assert_eq!(outer.to_json(format), Tricky::Quoted.to_json(format));
        let outer = Outer::Dynamic(Dynamic::WithExtra {
            id: "cli_1".to_owned(),
        });
        assert_eq!(Members::const_body(&outer, format).map(|c| c.body), None);
    }
    let outer = Outer::Tricky(Tricky::Maintenance);
    let options = RenderOptions::new().request_id("req_7");
    assert_eq!(
        outer.to_json_with(Format::Problem, &options),
        via_serde(&outer, Format::Problem, options)
    );
}

/// The formats laid out by the walk: the ones with constant bodies.
fn laid_out() -> impl Iterator<Item = Format> {
    Layout::ALL.into_iter().map(Layout::format)
}
