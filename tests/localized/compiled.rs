//! Translations the derive compiles from the catalogs (text, string
//! literals and fields) write the same bodies Fluent formats, in every
//! format, with and without a request id and a debug block; the others
//! (a term, an escape sequence) are formatted by Fluent.

use api_error::{ApiError, FieldError, FieldErrors, Format, RenderOptions};

#[derive(Debug, ApiError)]
#[api(locales = "translations")]
pub enum Error {
    #[api(
        status = 400,
        code = "quoted",
        message = "A \"quoted\" \\ message",
        field = "name"
    )]
    Quoted,

    #[api(
        status = 404,
        code = "not_found",
        message = "{resource} {id} not found"
    )]
    NotFound {
        #[api(extra)]
        resource: String,
        id: String,
    },

    #[api(status = 413, code = "limit", message = "Over the limit of {limit}")]
    Limit { limit: u64 },

    #[api(status = 422, code = "invalid", message = "Invalid fields")]
    Invalid(#[api(errors)] FieldErrors),

    #[api(status = 500, code = "internal", message = "Internal error")]
    Internal(#[api(source)] std::io::Error),

    #[api(status = 400, code = "branded", message = "Branded error")]
    Branded,
}

fn errors() -> Vec<Error> {
    vec![
        Error::Quoted,
        Error::NotFound {
            resource: "Client \"a\"\n".to_owned(),
            id: "cli_\u{7}".to_owned(),
        },
        Error::Limit { limit: 1_234_567 },
        Error::Invalid(
            [
                FieldError::new("email", "Invalid email"),
                FieldError::new("name", "Required"),
            ]
            .into_iter()
            .collect::<FieldErrors>(),
        ),
        Error::Internal(std::io::Error::other("disk \"full\"")),
        Error::Branded,
    ]
}

/// The body Fluent's formatting gives: the message formatted at runtime,
/// and written in place of the source message.
fn by_fluent(error: &Error, format: Format, options: RenderOptions<'_>, locale: &str) -> String {
    let (message, _) = error.localized_message_for(&[locale]).unwrap();
    error.to_json_with(format, &options.message(&message))
}

#[test]
fn a_compiled_translation_writes_the_body_fluent_formats() {
    for error in errors() {
        for locale in ["en", "fr"] {
            for format in Format::ALL {
                for options in [
                    RenderOptions::new(),
                    RenderOptions::new().request_id("req_1"),
                    RenderOptions::new().request_id("req_1").debug(true),
                ] {
                    let expected = by_fluent(&error, format, options, locale);
                    let body = error.to_json_with(format, &options.locale(locale));
                    assert_eq!(body, expected, "{error:?} {locale} {format:?}");
                    let mut written = b"[".to_vec();
                    error.write_json(&mut written, format, &options.locale(locale));
                    assert_eq!(
                        &written[1..],
                        expected.as_bytes(),
                        "{error:?} {locale} {format:?}"
                    );
                    serde_json::from_str::<serde_json::Value>(&body).unwrap();
                }
            }
        }
    }
}

#[test]
fn french_is_the_catalogs_text_escaped_where_json_needs_it() {
    let body =
        |error: &Error| error.to_json_with(Format::Envelope, &RenderOptions::new().locale("fr"));
    assert_eq!(
        body(&Error::Quoted),
        r#"{"error":{"code":"quoted","message":"Un message « cité » \"entre guillemets\" \\ et {accolades}","field":"name"}}"#
    );
    let not_found = Error::NotFound {
        resource: "Client".to_owned(),
        id: "cli_1".to_owned(),
    };
    assert_eq!(
        body(&not_found),
        r#"{"error":{"code":"not_found","message":"Client cli_1\nintrouvable","resource":"Client"}}"#
    );
    assert_eq!(
        body(&Error::Limit { limit: 20 }),
        r#"{"error":{"code":"limit","message":"Au-delà de la limite de 20\t(tabulation)"}}"#
    );
    // An integer as it is, where Fluent's formatting goes through a float.
    assert_eq!(
        body(&Error::Limit { limit: u64::MAX }),
        r#"{"error":{"code":"limit","message":"Au-delà de la limite de 18446744073709551615\t(tabulation)"}}"#
    );
    // A term and an escape sequence: formatted by Fluent.
    assert_eq!(
        body(&Error::Branded),
        r#"{"error":{"code":"branded","message":"Erreur Acmeé"}}"#
    );
}

#[test]
fn a_locale_the_catalogs_lack_writes_the_source_and_a_tag_finds_its_language() {
    let error = Error::Limit { limit: 3 };
    let source = error.to_json(Format::Problem);
    assert_eq!(
        error.to_json_with(Format::Problem, &RenderOptions::new().locale("de")),
        source
    );
    let french = error.to_json_with(Format::Problem, &RenderOptions::new().locale("fr"));
    assert_ne!(french, source);
    assert_eq!(
        error.to_json_with(Format::Problem, &RenderOptions::new().locale("fr-CA")),
        french
    );
    // An explicit message wins over the locale.
    assert_eq!(
        error.to_json_with(
            Format::Problem,
            &RenderOptions::new().locale("fr").message("Autre")
        ),
        error.to_json_with(Format::Problem, &RenderOptions::new().message("Autre"))
    );
}

#[test]
fn the_locale_an_error_answers_in_is_negotiated_without_a_catalog() {
    let error = Error::Quoted;
    assert_eq!(error.locale_for(&["de", "FR-be"]), Some("fr"));
    assert_eq!(error.locale_for(&["en-US", "fr"]), Some("en"));
    assert_eq!(error.locale_for(&[]), None);
    assert_eq!(error.locale_for(&["de"]), None);
}

#[test]
fn the_derive_compiles_every_translation_of_text_and_fields() {
    use api_error::__private::Members;

    for error in errors() {
        for locale in ["en", "fr"] {
            let compiled = error.in_locale(locale);
            // The French `branded` reads a term and an escape sequence.
            let by_fluent = matches!(error, Error::Branded) && locale == "fr";
            assert_eq!(compiled.is_none(), by_fluent, "{error:?} {locale}");
            if let Some(compiled) = compiled {
                assert_eq!(compiled.name, locale);
                // Fieldless variants' bodies are constants; the others
                // keep their skeletons.
                let constant = matches!(error, Error::Quoted | Error::Internal(_) | Error::Branded);
                assert_eq!(compiled.bodies.is_some(), constant, "{error:?} {locale}");
                assert_eq!(
                    compiled.skeletons.is_some(),
                    !constant,
                    "{error:?} {locale}"
                );
            }
        }
        assert_eq!(error.in_locale("de"), None);
        assert_eq!(error.in_locale("fr-CA"), None);
    }
}
