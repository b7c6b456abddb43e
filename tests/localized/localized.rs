//! Localized messages as a user sees them: a type whose catalogs translate
//! each variant's message, looked up per locale with RFC 4647's fallback.

use api_error::{ApiError, Localized, RequestError};

mod compiled;

#[derive(Debug, ApiError)]
#[api(format = "envelope", locales = "locales")]
pub enum ClientsError {
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
        message = "A client with this email already exists",
        field = "email"
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
    Request(RequestError),
}

fn not_found() -> ClientsError {
    ClientsError::NotFound {
        resource: "Client".to_owned(),
        id: "cli_1".to_owned(),
    }
}

#[test]
fn each_locale_has_its_text_and_the_source_stays_the_template() {
    assert_eq!(ClientsError::locales(), ["en", "fr"]);
    assert_eq!(
        not_found().localized_message("fr").as_deref(),
        Some("Client introuvable")
    );
    assert_eq!(
        not_found().localized_message("en").as_deref(),
        Some("Client not found")
    );
    assert_eq!(not_found().message(), "Client not found");
    assert_eq!(
        ClientsError::Duplicate.localized_message("fr").as_deref(),
        Some("Un client avec cette adresse existe déjà")
    );
    assert_eq!(
        ClientsError::Internal.localized_message("fr").as_deref(),
        Some("Une erreur inattendue s'est produite")
    );
}

#[test]
fn variants_that_share_a_code_each_have_their_attribute() {
    let missing = ClientsError::MissingField {
        label: "Email".to_owned(),
    };
    assert_eq!(
        missing.localized_message("fr").as_deref(),
        Some("Email est obligatoire")
    );
    assert_eq!(
        ClientsError::RateNotPositive
            .localized_message("fr")
            .as_deref(),
        Some("Le tarif doit être positif")
    );
    assert_eq!(missing.code(), ClientsError::RateNotPositive.code());
}

#[test]
fn numbers_select_plural_forms_and_text_has_no_isolation_marks() {
    let one = ClientsError::RateLimited { secs: 1 };
    let many = ClientsError::RateLimited { secs: 30 };
    assert_eq!(
        one.localized_message("fr").as_deref(),
        Some("Limite atteinte. Réessayez dans 1 seconde.")
    );
    assert_eq!(
        many.localized_message("fr").as_deref(),
        Some("Limite atteinte. Réessayez dans 30 secondes.")
    );
    let text = many.localized_message("en").unwrap();
    assert_eq!(text, many.message());
    assert!(!text.contains(['\u{2068}', '\u{2069}']), "{text:?}");
}

#[test]
fn a_locale_falls_back_as_rfc_4647_looks_up() {
    for locale in ["fr-CA", "FR-ca", "fr-Latn-CA", "fr-x-private", " fr "] {
        assert_eq!(
            not_found().localized_message(locale).as_deref(),
            Some("Client introuvable"),
            "{locale}"
        );
    }
    for locale in ["de", "de-CH", "", "f", "frr", "-", "en-"] {
        let expected = (locale == "en-").then_some("Client not found");
        assert_eq!(
            not_found().localized_message(locale).as_deref(),
            expected,
            "{locale}"
        );
    }
}

#[test]
fn a_transparent_variant_keeps_the_inner_message() {
    let request = ClientsError::Request(RequestError::Timeout { elapsed_ms: None });
    assert_eq!(request.localized_message("fr"), None);
}

#[test]
fn localizing_changes_no_code_and_no_member() {
    let before = not_found().to_json(api_error::Format::Envelope);
    let _ = not_found().localized_message("fr");
    assert_eq!(not_found().to_json(api_error::Format::Envelope), before);
    assert!(before.contains(r#""code":"not_found""#), "{before}");
}

/// A message with a character JSON escapes, so the test sees the
/// translation written where the format writes the message, escaped.
const TRANSLATED: &str = "Client \"cli_1\" introuvable";

#[test]
fn a_translation_is_written_wherever_each_format_writes_the_message() {
    use api_error::{Format, RenderOptions};

    let errors = [
        not_found(),
        ClientsError::Duplicate,
        ClientsError::MissingField {
            label: "Email".to_owned(),
        },
        ClientsError::RateLimited { secs: 2 },
        ClientsError::Internal,
    ];
    for error in &errors {
        let source = serde_json::to_string(&error.message()).unwrap();
        let translated = serde_json::to_string(TRANSLATED).unwrap();
        for format in Format::ALL {
            for options in [
                RenderOptions::new(),
                RenderOptions::new().request_id("req_1"),
            ] {
                let body = error.to_json_with(format, &options.message(TRANSLATED));
                let expected = error
                    .to_json_with(format, &options)
                    .replace(&source, &translated);
                assert_eq!(body, expected, "{format:?}");
                assert!(body.contains(&translated), "{format:?}: {body}");
                assert!(!body.contains(&source), "{format:?}: {body}");
                // write_json and to_json agree.
                let mut written = Vec::new();
                error.write_json(&mut written, format, &options.message(TRANSLATED));
                assert_eq!(String::from_utf8(written).unwrap(), body, "{format:?}");
            }
        }
    }
}

#[test]
fn a_context_answers_in_the_first_locale_the_catalogs_have() {
    use api_error::ErrorContext;

    let context = ErrorContext::new().localize(Some("de, fr-BE;q=0.9, en;q=0.8"));
    let response = context.response(&not_found());
    assert_eq!(response.headers()["content-language"], "fr");
    assert_eq!(response.headers()["vary"], "accept-language");
    let body: serde_json::Value = serde_json::from_slice(response.body()).unwrap();
    assert_eq!(body["error"]["message"], "Client introuvable");
    assert_eq!(body["error"]["code"], "not_found");

    // A context that does not localize answers in the source language and
    // says nothing of languages.
    let response = ErrorContext::new().response(&not_found());
    assert!(response.headers().get("content-language").is_none());
    assert!(response.headers().get("vary").is_none());
    let body: serde_json::Value = serde_json::from_slice(response.body()).unwrap();
    assert_eq!(body["error"]["message"], "Client not found");

    // A long or hostile header is read up to its bound.
    let header = format!("{}fr", "xx;q=0.1, ".repeat(10_000));
    let context = ErrorContext::new().localize(Some(&header));
    assert!(context.locales.as_ref().unwrap().len() <= api_error::MAX_LOCALES);
}

#[test]
fn every_locale_is_complete_and_covered_variant_by_variant() {
    api_error::localized::assert_complete::<ClientsError>();
    let coverage = api_error::localized::coverage::<ClientsError>();
    let variants = coverage.as_object().unwrap();
    // Every own variant; the transparent one has its inner type's messages.
    assert_eq!(
        variants.keys().collect::<Vec<_>>(),
        [
            "Duplicate",
            "Internal",
            "MissingField",
            "NotFound",
            "RateLimited",
            "RateNotPositive"
        ]
    );
    for (variant, coverage) in variants {
        assert_eq!(coverage["missing"], serde_json::json!([]), "{variant}");
        assert_eq!(
            coverage["locales"].as_object().unwrap().len(),
            2,
            "{variant}"
        );
    }
    assert_eq!(
        coverage["RateLimited"]["locales"]["fr"],
        "Limite atteinte. Réessayez dans <secs> secondes."
    );
    assert_eq!(
        coverage["MissingField"]["locales"]["fr"],
        "<label> est obligatoire"
    );
}

#[test]
fn the_markdown_reference_is_written_per_locale() {
    use api_error::{localized, Catalog};

    let source = ClientsError::catalog().to_markdown();
    // The English catalog is the source text: its reference is the source's.
    assert_eq!(localized::markdown::<ClientsError>("en").unwrap(), source);
    let french = localized::markdown::<ClientsError>("fr").unwrap();
    assert_ne!(french, source);
    assert!(
        french.contains(r#""message": "<resource> introuvable""#),
        "{french}"
    );
    // Only the messages change: put each French template back in English
    // and the page is the source's.
    let templates = |locale| localized::templates::<ClientsError>(locale).unwrap();
    let mut back = french.clone();
    for ((variant, fr), (_, en)) in templates("fr").into_iter().zip(templates("en")) {
        assert!(french.contains(&fr), "{variant}: {fr}");
        back = back.replace(&format!("\"{fr}\""), &format!("\"{en}\""));
    }
    assert_eq!(back, source);
    assert!(localized::markdown::<ClientsError>("de").is_none());
}

/// The errors the properties render: every own variant, a transparent one.
fn every_error(secs: u64, label: &str) -> Vec<ClientsError> {
    vec![
        not_found(),
        ClientsError::Duplicate,
        ClientsError::MissingField {
            label: label.to_owned(),
        },
        ClientsError::RateNotPositive,
        ClientsError::RateLimited { secs },
        ClientsError::Internal,
        ClientsError::Request(RequestError::MethodNotAllowed),
    ]
}

/// A language range as clients send them: a known or unknown language,
/// perhaps a region or script, perhaps a q-value; now and then `*` or junk.
fn range() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    prop_oneof![
        4 => (
            prop_oneof![
                Just("fr".to_owned()),
                Just("en".to_owned()),
                Just("FR".to_owned()),
                "[a-z]{2,3}"
            ],
            proptest::option::of(prop_oneof![
                Just("CA".to_owned()),
                Just("Hant".to_owned()),
                "[A-Za-z0-9]{1,8}"
            ]),
            proptest::option::of(0u16..=1000),
        )
            .prop_map(|(language, subtag, q)| {
                let mut range = language;
                if let Some(subtag) = subtag {
                    range = format!("{range}-{subtag}");
                }
                if let Some(q) = q {
                    range = format!("{range};q={}.{:03}", q / 1000, q % 1000);
                }
                range
            }),
        1 => Just("*".to_owned()),
        1 => any::<String>(),
    ]
}

proptest::proptest! {
    /// Whatever a client asks for, every answer is JSON in the format, in
    /// the locale `Locales` negotiates (said in `Content-Language`) or, when
    /// none is known, in the source language with no `Content-Language`;
    /// only the message differs from the source body.
    #[test]
    fn every_negotiated_answer_is_the_format_in_the_negotiated_locale(
        ranges in proptest::collection::vec(range(), 0..6),
        secs in 0u64..5,
        label in "\\PC{0,12}",
    ) {
        use api_error::{ErrorContext, Format, Locales, RenderOptions};

        let header = ranges.join(", ");
        let negotiated = Locales::from_accept_language(Some(&header)).negotiate::<ClientsError>();
        for error in every_error(secs, &label) {
            for format in Format::ALL {
                let context = ErrorContext::new().with_format(format).localize(Some(&header));
                let response = context.response(&error);
                let body = std::str::from_utf8(response.body()).unwrap();
                let parsed: serde_json::Value = serde_json::from_str(body).unwrap();
                proptest::prop_assert!(parsed.is_object());
                proptest::prop_assert_eq!(&response.headers()["vary"], "accept-language");
                let language = response
                    .headers()
                    .get("content-language")
                    .map(|value| value.to_str().unwrap());
                let translation = negotiated.and_then(|locale| error.localized_message(locale));
                let expected = match &translation {
                    Some(message) => {
                        proptest::prop_assert_eq!(language, negotiated);
                        error.to_json_with(format, &RenderOptions::new().message(message))
                    }
                    None => {
                        proptest::prop_assert_eq!(language, None);
                        error.to_json_with(format, &RenderOptions::new())
                    }
                };
                proptest::prop_assert_eq!(body, expected);
            }
        }
    }

    /// A language the catalogs do not have, with any region, falls back to
    /// the source language.
    #[test]
    fn an_unknown_language_falls_back_to_the_source(
        language in proptest::strategy::Strategy::prop_filter("[a-z]{2,3}", "a known language", |l| l != "en" && l != "fr"),
        region in proptest::option::of("[A-Z]{2}"),
    ) {
        use proptest::prelude::prop_assert;
        use proptest::prelude::prop_assert_eq;
        let tag = match region {
            Some(region) => format!("{language}-{region}"),
            None => language,
        };
        let context = api_error::ErrorContext::new().localize(Some(&tag));
        let response = context.response(&not_found());
        prop_assert!(response.headers().get("content-language").is_none());
        let body: serde_json::Value = serde_json::from_slice(response.body()).unwrap();
        prop_assert_eq!(&body["error"]["message"], "Client not found");
    }
}

/// The items of `errors` lists, translated by the rule that failed.
mod rules {
    use api_error::{ApiError, ErrorContext, FieldError, FieldErrors, Format, RequestError};

    #[derive(Debug, ApiError)]
    #[api(format = "envelope", locales = "locales")]
    pub enum SignupError {
        #[api(
            status = 422,
            code = "validation_error",
            message = "Request validation failed"
        )]
        Validation(#[api(errors)] FieldErrors),

        #[api(transparent)]
        Request(RequestError),
    }

    #[derive(validator::Validate)]
    struct Signup {
        #[validate(email(message = "Invalid email format"))]
        email: String,
        #[validate(length(min = 3, max = 20, message = "Name must have 3 to 20 characters"))]
        name: String,
        #[validate(range(min = 18, message = "Must be an adult"))]
        age: u32,
        #[validate(length(max = 2, message = "Too many tags"))]
        tags: Vec<String>,
    }

    fn signup() -> SignupError {
        use validator::Validate;
        let signup = Signup {
            email: "ada".to_owned(),
            name: "Al".to_owned(),
            age: 12,
            tags: vec![String::new(); 3],
        };
        SignupError::Validation(signup.validate().unwrap_err().into())
    }

    fn french() -> ErrorContext {
        ErrorContext::new().localize(Some("fr-CA, en;q=0.5"))
    }

    #[test]
    fn validator_items_are_translated_by_rule_code_in_every_format() {
        let error = signup();
        // English and French texts, as JSON strings: the French body is the
        // English one with these, and only these, replaced. `tags` has a
        // rule (`length` without `min`) whose translation reads a variable
        // the rule lacks: it keeps its own message.
        let texts = [
            (
                "Request validation failed",
                "La validation de la requête a échoué",
            ),
            ("Invalid email format", "Format d'adresse e-mail invalide"),
            (
                "Name must have 3 to 20 characters",
                "name doit avoir entre 3 et 20 caractères",
            ),
            ("Must be an adult", "Doit être au moins 18"),
        ];
        for format in Format::ALL {
            let english = ErrorContext::new().response_in(&error, &format);
            let french = french().response_in(&error, &format);
            assert_eq!(french.headers()["content-language"], "fr", "{format:?}");
            let english = String::from_utf8(english.into_body()).unwrap();
            let french = String::from_utf8(french.into_body()).unwrap();
            let mut expected = english.clone();
            for (en, fr) in texts {
                let (en, fr) = (
                    serde_json::to_string(en).unwrap(),
                    serde_json::to_string(fr).unwrap(),
                );
                assert!(english.contains(&en), "{format:?}: {english}");
                expected = expected.replace(&en, &fr);
            }
            assert_eq!(french, expected, "{format:?}");
            assert!(french.contains("Too many tags"), "{format:?}: {french}");
            serde_json::from_str::<serde_json::Value>(&french).unwrap();
        }
    }

    #[test]
    fn garde_items_carry_their_rule_and_parameters_into_the_translation() {
        #[derive(garde::Validate)]
        struct Profile {
            #[garde(length(min = 1))]
            nickname: String,
            #[garde(length(min = 3))]
            city: String,
            #[garde(required)]
            country: Option<String>,
            #[garde(ascii)]
            motto: String,
            #[garde(custom(even))]
            seats: u32,
        }

        fn even(value: &u32, _: &()) -> garde::Result {
            match value % 2 {
                0 => Ok(()),
                _ => Err(garde::Error::new("must be even")),
            }
        }

        let profile = Profile {
            nickname: String::new(),
            city: "Al".to_owned(),
            country: None,
            motto: "ça".to_owned(),
            seats: 3,
        };
        let errors = FieldErrors::garde(&profile).unwrap_err();
        let source: Vec<(&str, &str, Option<&str>)> = errors
            .iter()
            .map(|e| (e.field.as_ref(), e.message.as_ref(), e.rule.as_deref()))
            .collect();
        assert_eq!(
            source,
            [
                ("city", "length is lower than 3", Some("length_lower_than")),
                ("country", "not set", Some("required_not_set")),
                ("motto", "not ascii", Some("ascii_invalid")),
                (
                    "nickname",
                    "length is lower than 1",
                    Some("length_lower_than")
                ),
                ("seats", "must be even", None),
            ]
        );
        let error = SignupError::Validation(errors);
        let body: serde_json::Value =
            serde_json::from_slice(french().response(&error).body()).unwrap();
        let items: Vec<(&str, &str)> = body["error"]["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|item| {
                (
                    item["field"].as_str().unwrap(),
                    item["message"].as_str().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            items,
            [
                ("city", "Doit contenir au moins 3 caractères"),
                ("country", "Obligatoire"),
                // Rules the catalogs do not translate keep their message.
                ("motto", "not ascii"),
                ("nickname", "Doit contenir au moins un caractère"),
                ("seats", "must be even"),
            ]
        );
        // The items' codes and the body's shape do not change: garde's
        // items have no code.
        assert!(body["error"]["errors"][0].get("code").is_none());
    }

    #[test]
    fn every_item_past_the_bound_is_still_counted() {
        let errors: FieldErrors = (0..150)
            .map(|i| {
                FieldError::new(format!("items[{i}].qty"), "Must be at least 1")
                    .with_rule("range")
                    .with_param("min", 1)
            })
            .collect();
        let error = SignupError::Validation(errors);
        for format in [Format::Envelope, Format::Problem, Format::JsonApi] {
            let body: serde_json::Value =
                serde_json::from_slice(french().response_in(&error, &format).body()).unwrap();
            let text = body.to_string();
            assert_eq!(
                text.matches("Doit être au moins 1").count(),
                100,
                "{format:?}"
            );
            assert!(!text.contains("Must be at least 1"), "{format:?}");
            assert!(
                text.contains(r#""errors_omitted":50"#),
                "{format:?}: {text}"
            );
        }
    }

    #[test]
    fn a_request_error_wrapped_as_it_is_keeps_its_items() {
        let errors: FieldErrors = [FieldError::new("age", "Must be an adult").with_rule("range")]
            .into_iter()
            .collect();
        let error = SignupError::Request(RequestError::Validation(errors));
        let body = french().response(&error).into_body();
        let body = String::from_utf8(body).unwrap();
        assert!(body.contains("Must be an adult"), "{body}");
    }

    #[test]
    fn each_locale_translates_the_same_rules() {
        api_error::localized::assert_complete::<SignupError>();
        let rules = api_error::localized::rules::<SignupError>();
        let names: Vec<&str> = rules.iter().map(|(locale, _)| *locale).collect();
        assert_eq!(names, ["en", "fr"]);
        assert_eq!(rules[0].1, rules[1].1);
        assert_eq!(
            rules[1].1,
            [
                "email",
                "length",
                "length_lower_than",
                "range",
                "required_not_set"
            ]
        );
    }

    #[derive(Debug, ApiError)]
    #[api(locales = "incomplete-rules")]
    pub enum Incomplete {
        #[api(
            status = 422,
            code = "validation_error",
            message = "Request validation failed"
        )]
        Validation(#[api(errors)] FieldErrors),
    }

    #[test]
    #[should_panic(expected = "fr: rules.email: no translation")]
    fn a_rule_one_locale_lacks_is_a_gap() {
        let error = Incomplete::Validation(FieldErrors::new());
        assert_eq!(error.code(), "validation_error");
        api_error::localized::assert_complete::<Incomplete>();
    }
}
