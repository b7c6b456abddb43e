//! A hand-written `ApiError` renders its members like a derived type: the
//! model's visitor is the one way members reach a body.

use api_error::model::{MemberVisitor, Stop, Value};
use api_error::{ApiError, FieldError, FieldErrors, Format, RenderOptions, StatusCode};
use std::fmt;

/// The derived twin of [`Manual`].
#[derive(Debug, thiserror::Error, ApiError)]
#[api(status = 422, code = "invalid_import", message = "Import rejected")]
#[error("import {batch} rejected")]
struct Derived {
    #[api(extra)]
    batch: u32,
    #[api(extra)]
    tags: Vec<&'static str>,
    #[api(errors)]
    errors: FieldErrors,
    #[api(debug)]
    parser: &'static str,
}

#[derive(Debug)]
struct Manual {
    batch: u32,
    tags: Vec<&'static str>,
    errors: FieldErrors,
    parser: &'static str,
}

impl fmt::Display for Manual {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "import {} rejected", self.batch)
    }
}

impl std::error::Error for Manual {}

impl ApiError for Manual {
    fn status(&self) -> StatusCode {
        StatusCode::UNPROCESSABLE_ENTITY
    }

    fn code(&self) -> &'static str {
        "invalid_import"
    }

    fn fmt_message(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Import rejected")
    }

    fn visit_members(&self, visitor: &mut dyn MemberVisitor) -> Result<(), Stop> {
        visitor.member("batch", Value::new(&self.batch))?;
        visitor.member("tags", Value::new(&self.tags))?;
        visitor.errors(self.errors.as_slice())
    }

    fn visit_debug(&self, visitor: &mut dyn MemberVisitor) -> Result<(), Stop> {
        visitor.member("parser", Value::new(&self.parser))
    }
}

fn pair() -> (Derived, Manual) {
    let errors = || {
        FieldErrors::new()
            .with("rows[3].email", "Invalid email format")
            .with_error(FieldError::new("rows[4].id", "Duplicate id").with_code("duplicate"))
    };
    (
        Derived {
            batch: 7,
            tags: vec!["csv", "nightly"],
            errors: errors(),
            parser: "csv-1.3",
        },
        Manual {
            batch: 7,
            tags: vec!["csv", "nightly"],
            errors: errors(),
            parser: "csv-1.3",
        },
    )
}

#[test]
fn a_hand_written_impl_renders_its_members_in_every_format() {
    let (derived, manual) = pair();
    let debug = RenderOptions::new().debug(true);
    for format in Format::ALL {
        assert_eq!(
            manual.to_json(format),
            derived.to_json(format),
            "{format:?}"
        );
        assert_eq!(
            manual.to_json_with(format, &debug),
            derived.to_json_with(format, &debug),
            "{format:?}, debug"
        );
    }
    assert_eq!(
        manual.to_json(Format::Envelope),
        r#"{"error":{"code":"invalid_import","message":"Import rejected","batch":7,"tags":["csv","nightly"],"errors":[{"field":"rows[3].email","message":"Invalid email format"},{"field":"rows[4].id","message":"Duplicate id","code":"duplicate"}]}}"#
    );
}

#[test]
fn a_hand_written_impl_has_debug_members_when_it_visits_some() {
    let (derived, manual) = pair();
    assert!(manual.has_debug_members());
    assert!(derived.has_debug_members());

    #[derive(Debug, thiserror::Error)]
    #[error("gone")]
    struct Bare;

    impl ApiError for Bare {
        fn status(&self) -> StatusCode {
            StatusCode::GONE
        }
        fn code(&self) -> &'static str {
            "gone"
        }
        fn fmt_message(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("Gone")
        }
    }
    assert!(!Bare.has_debug_members());
    assert_eq!(
        Bare.to_json_with(Format::Flat, &RenderOptions::new().debug(true)),
        r#"{"error":"Gone","message":"Gone"}"#
    );
}

/// A visitor that stops on its own answers with the body the trait alone
/// gives, as a member that fails to serialize does.
#[test]
fn a_walk_that_stops_leaves_the_members_out() {
    #[derive(Debug, thiserror::Error)]
    #[error("busy")]
    struct Stops;

    impl ApiError for Stops {
        fn status(&self) -> StatusCode {
            StatusCode::CONFLICT
        }
        fn code(&self) -> &'static str {
            "busy"
        }
        fn fmt_message(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("Busy")
        }
        fn visit_members(&self, visitor: &mut dyn MemberVisitor) -> Result<(), Stop> {
            visitor.member("attempt", Value::new(&2))?;
            Err(Stop)
        }
    }
    assert_eq!(
        Stops.to_json(Format::Envelope),
        r#"{"error":{"code":"busy","message":"Busy"}}"#
    );
}

/// The derived `visit_members` hands over what the body writes, in order.
#[test]
fn a_derived_type_hands_its_members_to_any_visitor() {
    struct Names(Vec<String>);

    impl MemberVisitor for Names {
        fn member(&mut self, name: &'static str, value: Value<'_>) -> Result<(), Stop> {
            self.0
                .push(format!("{name}={}", serde_json::to_string(&value).unwrap()));
            Ok(())
        }
    }

    let (derived, _) = pair();
    let mut names = Names(Vec::new());
    derived.visit_members(&mut names).unwrap();
    derived.visit_debug(&mut names).unwrap();
    assert_eq!(
        names.0,
        [
            "batch=7",
            r#"tags=["csv","nightly"]"#,
            r#"errors=[{"field":"rows[3].email","message":"Invalid email format"},{"field":"rows[4].id","message":"Duplicate id","code":"duplicate"}]"#,
            r#"parser="csv-1.3""#,
        ]
    );
}
