//! Validation reports of `validator` and `garde` as [`FieldErrors`], with
//! every field named in [`FieldPath`]'s notation.
//!
//! With the `validator` feature, `FieldErrors: From<validator::ValidationErrors>`;
//! with `garde`, `FieldErrors: From<garde::Report>`. Nested structs, lists
//! and maps become paths (`address.zip`, `items[2].sku`, `labels["a.b"]`).
//!
//! Order: errors are sorted by path (members by name, items by index, a
//! container before what it holds), each field's errors in the order its
//! rules ran. validator reports its fields in a hash map; sorting makes the
//! list the same from one run to the next, whichever crate made it.

#[cfg(any(feature = "validator", feature = "garde"))]
use crate::request::{FieldPath, MAX_FIELD_LEN};
#[cfg(any(feature = "validator", feature = "garde"))]
use crate::{FieldError, FieldErrors};

/// Validates `value` with validator, failing as the request error the
/// validated extractors answer.
#[cfg(all(feature = "validator", any(feature = "axum", feature = "actix-web")))]
pub(crate) fn check_validator<T: validator::Validate>(
    value: &T,
) -> Result<(), crate::request::Rejection> {
    value.validate().map_err(|report| {
        crate::request::Rejection(crate::RequestError::Validation(FieldErrors::from(report)))
    })
}

/// Validates `value` with garde, failing as the request error the validated
/// extractors answer.
#[cfg(all(feature = "garde", any(feature = "axum", feature = "actix-web")))]
pub(crate) fn check_garde<T>(value: &T) -> Result<(), crate::request::Rejection>
where
    T: garde::Validate,
    T::Context: Default,
{
    value.validate().map_err(|report| {
        crate::request::Rejection(crate::RequestError::Validation(FieldErrors::from(report)))
    })
}

/// Paths in order: member names alphabetically, items by index, a container
/// before what it holds.
#[cfg(any(feature = "validator", feature = "garde"))]
fn compare(a: &FieldPath, b: &FieldPath) -> std::cmp::Ordering {
    use crate::request::PathSegment;
    use std::cmp::Ordering;
    for (x, y) in a.segments().iter().zip(b.segments()) {
        let order = match (x, y) {
            (PathSegment::Key(x), PathSegment::Key(y)) => x.cmp(y),
            (PathSegment::Index(x), PathSegment::Index(y)) => x.cmp(y),
            (PathSegment::Index(_), PathSegment::Key(_)) => Ordering::Less,
            (PathSegment::Key(_), PathSegment::Index(_)) => Ordering::Greater,
        };
        if order != Ordering::Equal {
            return order;
        }
    }
    a.segments().len().cmp(&b.segments().len())
}

#[cfg(feature = "validator")]
mod validator_report {
    use super::{compare, FieldError, FieldErrors, FieldPath, MAX_FIELD_LEN};
    use validator::{ValidationErrors, ValidationErrorsKind};

    /// The key validator files errors of the whole struct under.
    const SCHEMA: &str = "__all__";

    /// Every error of a report, as `FieldError`s sorted by path.
    ///
    /// A rule without a message says its code (`email`, `range`, or the
    /// code a custom rule gives); the code is the error's `code` either way,
    /// and the rejected value validator reports is kept for the server's
    /// own use.
    ///
    /// ```
    /// use api_error::FieldErrors;
    /// use validator::Validate;
    ///
    /// #[derive(Validate)]
    /// struct NewClient {
    ///     #[validate(email(message = "Invalid email format"))]
    ///     email: String,
    ///     #[validate(range(min = 1, message = "Must be positive"))]
    ///     rate: i64,
    ///     #[validate(nested)]
    ///     address: Address,
    /// }
    ///
    /// #[derive(Validate)]
    /// struct Address {
    ///     #[validate(length(min = 5))]
    ///     zip: String,
    /// }
    ///
    /// let client = NewClient { email: "ada".into(), rate: -5, address: Address { zip: "1".into() } };
    /// let errors = FieldErrors::from(client.validate().unwrap_err());
    /// assert_eq!(
    ///     serde_json::to_string(&errors).unwrap(),
    ///     r#"[{"field":"address.zip","message":"length","code":"length"},{"field":"email","message":"Invalid email format","code":"email"},{"field":"rate","message":"Must be positive","code":"range"}]"#,
    /// );
    /// ```
    ///
    /// In a body the list is the envelope guide's "Multiple Errors" in the
    /// envelope and flat formats, and RFC 9457's own shape (a `detail` and a
    /// JSON Pointer) in the problem format; the validated extractors answer a
    /// failed validation with it as
    /// [`RequestError::Validation`](crate::RequestError::Validation):
    ///
    /// ```
    /// use api_error::{ApiError, FieldErrors, Format, RequestError};
    /// use validator::Validate;
    ///
    /// #[derive(Validate)]
    /// struct NewClient {
    ///     #[validate(email(message = "Invalid email format"))]
    ///     email: String,
    ///     #[validate(nested)]
    ///     address: Address,
    /// }
    ///
    /// #[derive(Validate)]
    /// struct Address {
    ///     #[validate(length(equal = 5, message = "Must have 5 digits"))]
    ///     zip: String,
    /// }
    ///
    /// let client = NewClient { email: "ada".into(), address: Address { zip: "123".into() } };
    /// let error = RequestError::Validation(FieldErrors::from(client.validate().unwrap_err()));
    /// assert_eq!(
    ///     error.to_json(Format::Envelope),
    ///     r#"{"error":{"code":"validation_error","message":"Request validation failed","errors":[{"field":"address.zip","message":"Must have 5 digits","code":"length"},{"field":"email","message":"Invalid email format","code":"email"}]}}"#,
    /// );
    /// assert_eq!(
    ///     error.to_json(Format::Flat),
    ///     r#"{"error":"Unprocessable Entity","message":"Request validation failed","errors":[{"field":"address.zip","message":"Must have 5 digits","code":"length"},{"field":"email","message":"Invalid email format","code":"email"}]}"#,
    /// );
    /// assert_eq!(
    ///     error.to_json(Format::Problem),
    ///     r##"{"type":"about:blank","title":"Unprocessable Entity","status":422,"detail":"Request validation failed","code":"validation_error","errors":[{"detail":"Must have 5 digits","pointer":"#/address/zip","code":"length"},{"detail":"Invalid email format","pointer":"#/email","code":"email"}]}"##,
    /// );
    /// ```
    impl From<ValidationErrors> for FieldErrors {
        fn from(report: ValidationErrors) -> Self {
            let mut found = Vec::new();
            collect(&report, &FieldPath::root(), &mut found);
            // Stable: a field's own errors keep their order.
            found.sort_by(|(a, _), (b, _)| compare(a, b));
            found
                .into_iter()
                .map(|(path, error)| {
                    let mut field_error = FieldError::new(
                        path.to_bounded_string(MAX_FIELD_LEN),
                        error.message.clone().unwrap_or_else(|| error.code.clone()),
                    )
                    .with_code(error.code.clone());
                    field_error.value = error.params.get("value").cloned();
                    field_error
                })
                .collect()
        }
    }

    fn collect<'r>(
        report: &'r ValidationErrors,
        at: &FieldPath,
        found: &mut Vec<(FieldPath, &'r validator::ValidationError)>,
    ) {
        for (name, kind) in report.errors() {
            let path = if name == SCHEMA {
                at.clone()
            } else {
                at.clone().key(name.as_ref())
            };
            match kind {
                ValidationErrorsKind::Field(errors) => {
                    found.extend(errors.iter().map(|error| (path.clone(), error)));
                }
                ValidationErrorsKind::Struct(inner) => collect(inner, &path, found),
                ValidationErrorsKind::List(items) => {
                    for (index, inner) in items {
                        collect(inner, &path.clone().index(*index), found);
                    }
                }
            }
        }
    }
}

#[cfg(feature = "garde")]
mod garde_report {
    use super::{compare, FieldError, FieldErrors, FieldPath, MAX_FIELD_LEN};

    /// Every error of a report, as `FieldError`s sorted by path. garde's
    /// errors have a message and no code.
    ///
    /// ```
    /// use api_error::FieldErrors;
    /// use garde::Validate;
    ///
    /// #[derive(Validate)]
    /// struct Order {
    ///     #[garde(dive)]
    ///     items: Vec<Item>,
    /// }
    ///
    /// #[derive(Validate)]
    /// struct Item {
    ///     #[garde(length(min = 1))]
    ///     sku: String,
    /// }
    ///
    /// let order = Order { items: vec![Item { sku: "a".into() }, Item { sku: String::new() }] };
    /// let errors = FieldErrors::from(order.validate().unwrap_err());
    /// assert_eq!(errors[0].field, "items[1].sku");
    /// ```
    impl From<garde::Report> for FieldErrors {
        fn from(report: garde::Report) -> Self {
            let mut found: Vec<(FieldPath, &garde::Error)> = report
                .iter()
                .map(|(path, error)| (field_path(path), error))
                .collect();
            found.sort_by(|(a, _), (b, _)| compare(a, b));
            found
                .into_iter()
                .map(|(path, error)| {
                    FieldError::new(
                        path.to_bounded_string(MAX_FIELD_LEN),
                        error.message().to_owned(),
                    )
                })
                .collect()
        }
    }

    /// garde's path in the crate's notation, from its components rather
    /// than its text, so member names with dots or brackets stay whole.
    fn field_path(path: &garde::error::Path) -> FieldPath {
        use garde::error::Kind;
        let mut out = FieldPath::root();
        // garde keeps the innermost component first.
        for (kind, component) in path.__iter().rev() {
            match kind {
                Kind::Key => out = out.key(component.as_str()),
                Kind::Index => match component.parse() {
                    Ok(index) => out = out.index(index),
                    Err(_) => out = out.key(component.as_str()),
                },
                Kind::None => {}
            }
        }
        out
    }
}
