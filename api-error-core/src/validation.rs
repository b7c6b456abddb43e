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
//!
//! Maps: garde names a map's entries by their keys. validator does not: it
//! reports the values of a `HashMap` or `BTreeMap` as it reports the items of
//! a `Vec`, by position, and a hash map's positions change from one run to
//! the next. A position names nothing in the request, so it is never
//! written: with the request at hand (the validated extractors have it, and
//! [`FieldErrors::from_validator_in`] takes it), the entries of a map the
//! request sends as an object are named by their key when the map has one
//! entry, else by the map itself (`labels`, pointer `#/labels`), each
//! distinct message once. Without the request nothing tells a map from a
//! list, and positions are written as indices.

#[cfg(any(feature = "validator", feature = "garde"))]
use crate::request::{FieldPath, MAX_FIELD_LEN};
#[cfg(any(feature = "validator", feature = "garde"))]
use crate::{FieldError, FieldErrors};
#[cfg(any(feature = "validator", feature = "garde"))]
use serde_json::Value;

/// The request a validated value was read from, as JSON: the body for
/// `Json`, nothing for the others (their values have no maps to name).
#[cfg(all(
    any(feature = "validator", feature = "garde"),
    any(feature = "axum", feature = "actix-web")
))]
fn request_json(body: Option<&[u8]>) -> Option<Value> {
    body.and_then(|body| serde_json::from_slice(body).ok())
}

/// Validates `value`, read from `body`, with validator, failing as the
/// request error the validated extractors answer.
/// A framework extractor ([`Json`], [`Query`], [`Form`] or [`Path`] of the
/// `axum` or `actix` module) whose value passed validator's `Validate`.
///
/// The request is read first (a bad body answers as that extractor does),
/// then validated: a failure answers
/// [`RequestError::Validation`](crate::RequestError::Validation) (422
/// `validation_error`) listing every failed field, which the layer's or
/// middleware's `map_request_errors` can route into the API's own
/// validation variant. The same type serves both frameworks.
///
/// ```
/// use api_error::axum::{ApiErrorLayer, Json, Valid};
/// use axum::{routing::post, Router};
/// use serde::Deserialize;
/// use tower::ServiceExt;
/// use validator::Validate;
///
/// #[derive(Deserialize, Validate)]
/// struct NewClient {
///     #[validate(email(message = "Invalid email format"))]
///     email: String,
///     #[validate(range(min = 1, message = "Must be positive"))]
///     rate: i64,
/// }
///
/// async fn create(Valid(Json(client)): Valid<Json<NewClient>>) -> String {
///     client.email
/// }
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// let app = Router::new().route("/v1/clients", post(create)).layer(ApiErrorLayer::new());
/// let request = axum::http::Request::post("/v1/clients")
///     .header("content-type", "application/json")
///     .body(axum::body::Body::from(r#"{"email":"ada","rate":-5}"#))
///     .unwrap();
/// let response = app.oneshot(request).await.unwrap();
/// assert_eq!(response.status(), 422);
/// let body = axum::body::to_bytes(response.into_body(), 1 << 16).await.unwrap();
/// assert_eq!(
///     body,
///     r#"{"error":{"code":"validation_error","message":"Request validation failed","errors":[{"field":"email","message":"Invalid email format","code":"email"},{"field":"rate","message":"Must be positive","code":"range"}]}}"#,
/// );
/// # }
/// ```
///
/// And on actix-web:
///
/// ```
/// use actix_web::{test, web, App, HttpResponse};
/// use api_error::actix::{ApiErrorMiddleware, Json, Valid};
/// use serde::Deserialize;
/// use validator::Validate;
///
/// #[derive(Deserialize, Validate)]
/// struct NewCustomer {
///     #[validate(email(message = "Invalid email format"))]
///     email: String,
/// }
///
/// async fn create(Valid(Json(customer)): Valid<Json<NewCustomer>>) -> HttpResponse {
///     HttpResponse::Created().body(customer.email)
/// }
///
/// # #[actix_web::main]
/// # async fn main() {
/// let app = test::init_service(
///     App::new()
///         .wrap(ApiErrorMiddleware::new())
///         .route("/api/customers", web::post().to(create)),
/// )
/// .await;
/// let request = test::TestRequest::post()
///     .uri("/api/customers")
///     .insert_header(("content-type", "application/json"))
///     .set_payload(r#"{"email":"ada"}"#)
///     .to_request();
/// let response = test::call_service(&app, request).await;
/// assert_eq!(response.status(), 422);
/// assert_eq!(
///     test::read_body(response).await,
///     r#"{"error":{"code":"validation_error","message":"Request validation failed","errors":[{"field":"email","message":"Invalid email format","code":"email"}]}}"#,
/// );
/// # }
/// ```
///
/// [`Json`]: crate::axum::Json
/// [`Query`]: crate::axum::Query
/// [`Form`]: crate::axum::Form
/// [`Path`]: crate::axum::Path
#[cfg(all(feature = "validator", any(feature = "axum", feature = "actix-web")))]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Valid<E>(pub E);

#[cfg(all(feature = "validator", any(feature = "axum", feature = "actix-web")))]
wrappers!(Valid);

/// A framework extractor whose value passed garde's `Validate`; a failure
/// answers [`RequestError::Validation`](crate::RequestError::Validation), as
/// for [`Valid`].
#[cfg(all(feature = "garde", any(feature = "axum", feature = "actix-web")))]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Garde<E>(pub E);

#[cfg(all(feature = "garde", any(feature = "axum", feature = "actix-web")))]
wrappers!(Garde);

#[cfg(all(feature = "validator", any(feature = "axum", feature = "actix-web")))]
pub(crate) fn check_validator<T: validator::Validate>(
    value: &T,
    body: Option<&[u8]>,
) -> Result<(), crate::request::Rejection> {
    value.validate().map_err(|report| {
        let request = request_json(body);
        let errors = validator_report::convert(&report, request.as_ref());
        crate::request::Rejection(crate::RequestError::Validation(errors))
    })
}

/// Validates `value`, read from `body`, with garde, failing as the request
/// error the validated extractors answer.
#[cfg(all(feature = "garde", any(feature = "axum", feature = "actix-web")))]
pub(crate) fn check_garde<T>(
    value: &T,
    body: Option<&[u8]>,
) -> Result<(), crate::request::Rejection>
where
    T: garde::Validate,
    T::Context: Default,
{
    garde_report::validate(value).map_err(|report| {
        let request = request_json(body);
        let errors = garde_report::convert(&report, request.as_ref());
        crate::request::Rejection(crate::RequestError::Validation(errors))
    })
}

/// One error of a report at its path. `merged` when the path is a map's
/// whose entry could not be named: several entries' errors meet there.
#[cfg(any(feature = "validator", feature = "garde"))]
struct Found {
    path: FieldPath,
    merged: bool,
    error: FieldError,
}

/// The errors found, sorted by path and as field errors.
///
/// At one path, the field's own errors come first in the order its rules
/// ran; then the errors merged from a map's entries, which came in the map's
/// order: sorted by message and code, each once.
#[cfg(any(feature = "validator", feature = "garde"))]
fn finish(mut found: Vec<Found>) -> FieldErrors {
    use std::cmp::Ordering;
    // Stable: a field's own errors keep their order.
    found.sort_by(|a, b| {
        compare(&a.path, &b.path)
            .then(a.merged.cmp(&b.merged))
            .then_with(|| match (a.merged, b.merged) {
                (true, true) => {
                    (&a.error.message, &a.error.code).cmp(&(&b.error.message, &b.error.code))
                }
                _ => Ordering::Equal,
            })
    });
    found.dedup_by(|b, a| {
        a.merged
            && b.merged
            && a.path == b.path
            && a.error.message == b.error.message
            && a.error.code == b.error.code
    });
    let mut errors = FieldErrors::new();
    for Found {
        path,
        merged,
        mut error,
    } in found
    {
        error.field = path.to_bounded_string(MAX_FIELD_LEN).into();
        if merged {
            // Which entry's value it was is not known.
            error.value = None;
        }
        errors.push_error(error);
    }
    errors
}

/// The member `key` of a request's object.
#[cfg(any(feature = "validator", feature = "garde"))]
fn member<'v>(request: Option<&'v Value>, key: &str) -> Option<&'v Value> {
    request.and_then(|value| value.as_object()?.get(key))
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
    use super::{finish, member, FieldError, FieldErrors, FieldPath, Found, Value};
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
            convert(&report, None)
        }
    }

    impl FieldErrors {
        /// The errors of a validator report on a value read from `request`
        /// (the body as JSON): as [`From`], but the values of a map the
        /// request sends as an object are named by their key when the map
        /// has one entry, else by the map itself, each distinct message
        /// once, never by validator's position.
        ///
        /// ```
        /// use api_error::FieldErrors;
        /// use serde::Deserialize;
        /// use std::collections::HashMap;
        /// use validator::Validate;
        ///
        /// #[derive(Deserialize, Validate)]
        /// struct Booking {
        ///     #[validate(nested)]
        ///     labels: HashMap<String, Label>,
        /// }
        ///
        /// #[derive(Deserialize, Validate)]
        /// struct Label {
        ///     #[validate(length(max = 8, message = "Too long"))]
        ///     text: String,
        /// }
        ///
        /// let body = r#"{"labels":{"a":{"text":"much too long"},"b":{"text":"ok"},"c":{"text":"also too long"}}}"#;
        /// let request: serde_json::Value = serde_json::from_str(body).unwrap();
        /// let booking: Booking = serde_json::from_str(body).unwrap();
        /// let errors = FieldErrors::from_validator_in(booking.validate().unwrap_err(), &request);
        /// assert_eq!(
        ///     serde_json::to_string(&errors).unwrap(),
        ///     r#"[{"field":"labels","message":"Too long","code":"length"}]"#,
        /// );
        /// ```
        #[must_use]
        pub fn from_validator_in(report: ValidationErrors, request: &serde_json::Value) -> Self {
            convert(&report, Some(request))
        }
    }

    /// Every error of `report`, named in `request` when it is known.
    pub(crate) fn convert(report: &ValidationErrors, request: Option<&Value>) -> FieldErrors {
        let mut found = Vec::new();
        collect(report, &FieldPath::root(), Place::At(request), &mut found);
        finish(found)
    }

    /// Where the errors found below a path go.
    #[derive(Clone, Copy)]
    enum Place<'v> {
        /// At their own path, with what the request holds there, if known.
        At(Option<&'v Value>),
        /// At a map's path (the one passed along), the entry being unknown.
        Map,
    }

    fn collect(
        report: &ValidationErrors,
        at: &FieldPath,
        place: Place<'_>,
        found: &mut Vec<Found>,
    ) {
        for (name, kind) in report.errors() {
            let (path, place) = match place {
                Place::Map => (at.clone(), Place::Map),
                Place::At(request) if name == SCHEMA => (at.clone(), Place::At(request)),
                Place::At(request) => (
                    at.clone().key(name.as_ref()),
                    Place::At(member(request, name)),
                ),
            };
            match kind {
                ValidationErrorsKind::Field(errors) => {
                    found.extend(errors.iter().map(|error| Found {
                        path: path.clone(),
                        merged: matches!(place, Place::Map),
                        error: field_error(error),
                    }));
                }
                ValidationErrorsKind::Struct(inner) => collect(inner, &path, place, found),
                ValidationErrorsKind::List(items) => match place {
                    Place::Map => {
                        for inner in items.values() {
                            collect(inner, &path, Place::Map, found);
                        }
                    }
                    // A map: validator's positions are its iteration order.
                    Place::At(Some(Value::Object(entries))) => {
                        let only = (entries.len() == 1)
                            .then(|| entries.iter().next())
                            .flatten();
                        for inner in items.values() {
                            match only {
                                Some((key, value)) => collect(
                                    inner,
                                    &path.clone().key(key.as_str()),
                                    Place::At(Some(value)),
                                    found,
                                ),
                                None => collect(inner, &path, Place::Map, found),
                            }
                        }
                    }
                    // A list, or nothing known: positions are indices.
                    Place::At(request) => {
                        for (index, inner) in items {
                            let item = request.and_then(|value| value.as_array()?.get(*index));
                            collect(inner, &path.clone().index(*index), Place::At(item), found);
                        }
                    }
                },
            }
        }
    }

    /// A rule without a message says its code; the code is kept either
    /// way, and the rejected value validator reports.
    fn field_error(error: &validator::ValidationError) -> FieldError {
        let mut field_error = FieldError::new(
            String::new(),
            error.message.clone().unwrap_or_else(|| error.code.clone()),
        )
        .with_code(error.code.clone())
        .with_rule(error.code.clone());
        field_error.value = error.params.get("value").cloned();
        // The rule's own parameters, by name: the variables of its
        // translation. validator keeps them in a hash map.
        let mut params: Vec<_> = error
            .params
            .iter()
            .filter(|(name, _)| *name != "value")
            .map(|(name, value)| (name.clone(), value.clone()))
            .collect();
        params.sort_by(|a, b| a.0.cmp(&b.0));
        field_error.params = params;
        field_error
    }
}

#[cfg(feature = "garde")]
mod garde_rules;

#[cfg(feature = "garde")]
mod garde_report {
    use super::garde_rules as rules;
    use super::{finish, member, FieldErrors, FieldPath, Found, Value};

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
            convert(&report, None)
        }
    }

    impl FieldErrors {
        /// The errors of a garde report on a value read from `request` (the
        /// body as JSON): as [`From`], and an entry of a map with integer
        /// keys, which garde names like a list's item, is named by its key
        /// (`by_floor.12`, not `by_floor[12]`) when the request sends the map
        /// as an object.
        #[must_use]
        pub fn from_garde_in(report: garde::Report, request: &serde_json::Value) -> Self {
            convert(&report, Some(request))
        }
    }

    /// Every error of `report`, named in `request` when it is known.
    pub(crate) fn convert(report: &garde::Report, request: Option<&Value>) -> FieldErrors {
        finish(
            report
                .iter()
                .map(|(path, error)| {
                    let (path, merged) = field_path(path, request);
                    Found {
                        path,
                        merged,
                        error: rules::field_error(error.message()),
                    }
                })
                .collect(),
        )
    }

    /// Validates `value` with garde, each failed rule's message saying
    /// which rule failed and with what parameters, for [`convert`] to read.
    pub(crate) fn validate<T>(value: &T) -> Result<(), garde::Report>
    where
        T: garde::Validate,
        T::Context: Default,
    {
        garde::i18n::with_i18n(rules::Recorder, || value.validate())
    }

    impl FieldErrors {
        /// Validates `value` with garde: `Ok` when it passes, else its
        /// errors as [`From`] reads them, each with the rule that failed
        /// ([`FieldError::rule`](crate::FieldError::rule): garde's outcome, `length_lower_than`,
        /// `pattern_no_match`) and its parameters, so the catalogs' `rules`
        /// translate it. The validated extractors validate this way.
        ///
        /// ```
        /// use api_error::FieldErrors;
        /// use garde::Validate;
        ///
        /// #[derive(Validate)]
        /// struct NewClient {
        ///     #[garde(length(min = 3))]
        ///     name: String,
        /// }
        ///
        /// let errors = FieldErrors::garde(&NewClient { name: "Al".into() }).unwrap_err();
        /// assert_eq!(errors[0].message, "length is lower than 3");
        /// assert_eq!(errors[0].rule.as_deref(), Some("length_lower_than"));
        /// assert_eq!(errors[0].params, [("min".into(), 3.into())]);
        /// ```
        ///
        /// # Errors
        ///
        /// Every error garde reports, sorted by path.
        pub fn garde<T>(value: &T) -> Result<(), FieldErrors>
        where
            T: garde::Validate,
            T::Context: Default,
        {
            validate(value).map_err(|report| convert(&report, None))
        }
    }

    /// garde's path in the crate's notation, from its components rather
    /// than its text, so member names with dots or brackets stay whole; and
    /// whether it stops at a map whose entry it cannot name.
    fn field_path(path: &garde::error::Path, request: Option<&Value>) -> (FieldPath, bool) {
        use garde::error::Kind;
        let mut out = FieldPath::root();
        let mut request = request;
        // garde keeps the innermost component first.
        for (kind, component) in path.__iter().rev() {
            match kind {
                Kind::Key => {
                    request = member(request, component);
                    out = out.key(component.as_str());
                }
                // An integer key of a map the request sends as an object,
                // or an item's index.
                Kind::Index => match (request, component.parse()) {
                    (Some(Value::Object(entries)), _) => match entries.get(component.as_str()) {
                        Some(value) => {
                            request = Some(value);
                            out = out.key(component.as_str());
                        }
                        None => return (out, true),
                    },
                    (_, Ok(index)) => {
                        request = request.and_then(|value| value.as_array()?.get(index));
                        out = out.index(index);
                    }
                    (_, Err(_)) => {
                        request = None;
                        out = out.key(component.as_str());
                    }
                },
                Kind::None => {}
            }
        }
        (out, false)
    }
}

#[cfg(all(test, feature = "validator", feature = "garde"))]
mod tests {
    use crate::FieldErrors;
    use serde::Deserialize;
    use serde_json::{json, Value};
    use std::collections::{BTreeMap, HashMap};

    mod v {
        use super::*;
        use validator::Validate;

        #[derive(Deserialize, Validate)]
        pub struct Booking {
            #[validate(nested)]
            pub labels: HashMap<String, Label>,
            #[validate(nested)]
            pub rooms: Vec<Room>,
            #[validate(nested)]
            pub sorted: BTreeMap<String, Label>,
        }

        #[derive(Deserialize, Validate)]
        pub struct Label {
            #[validate(length(max = 3, message = "Too long"))]
            pub text: String,
            #[validate(range(min = 1))]
            pub weight: i32,
        }

        #[derive(Deserialize, Validate)]
        pub struct Room {
            #[validate(length(min = 1))]
            pub room_id: String,
            #[validate(nested)]
            pub tags: HashMap<String, Label>,
        }

        pub fn errors(request: &Value) -> FieldErrors {
            let booking: Booking = serde_json::from_value(request.clone()).unwrap();
            FieldErrors::from_validator_in(booking.validate().unwrap_err(), request)
        }

        pub fn without_request(request: &Value) -> FieldErrors {
            let booking: Booking = serde_json::from_value(request.clone()).unwrap();
            FieldErrors::from(booking.validate().unwrap_err())
        }
    }

    /// Each error as `field: message`.
    fn fields(errors: &FieldErrors) -> Vec<String> {
        errors
            .iter()
            .map(|e| format!("{}: {}", e.field, e.message))
            .collect()
    }

    fn label(text: &str, weight: i32) -> Value {
        json!({ "text": text, "weight": weight })
    }

    #[test]
    fn validator_map_entries_are_named_by_the_map_each_message_once() {
        let request = json!({
            "labels": {
                "a": label("long", 1),
                "b": label("ok", 0),
                "c": label("longer", 1),
                "d": label("ok", 1),
                "e": label("toolong", 0),
            },
            "rooms": [{ "room_id": "", "tags": {} }, { "room_id": "r2", "tags": {} }],
            "sorted": {},
        });
        let first = v::errors(&request);
        assert_eq!(
            fields(&first),
            [
                "labels: Too long",
                "labels: range",
                "rooms[0].room_id: length",
            ]
        );
        assert!(first
            .iter()
            .all(|e| e.field != "labels" || e.value.is_none()));
        // A new HashMap, a new order: the same report every time.
        for _ in 0..50 {
            assert_eq!(v::errors(&request), first);
        }
    }

    #[test]
    fn a_validator_map_of_one_entry_names_its_key() {
        let request = json!({
            "labels": { "vip guest": label("long", 1) },
            "rooms": [],
            "sorted": { "a.b": label("long", 1) },
        });
        assert_eq!(
            fields(&v::errors(&request)),
            [
                r#"labels["vip guest"].text: Too long"#,
                r#"sorted["a.b"].text: Too long"#,
            ]
        );
    }

    #[test]
    fn validator_maps_inside_lists_and_btree_maps_too() {
        let request = json!({
            "labels": {},
            "rooms": [
                { "room_id": "r1", "tags": {} },
                { "room_id": "r2", "tags": { "x": label("long", 1), "y": label("long", 1) } },
            ],
            "sorted": { "a": label("long", 1), "b": label("ok", 1), "c": label("ok", 0) },
        });
        let errors = v::errors(&request);
        assert_eq!(
            fields(&errors),
            [
                "rooms[1].tags: Too long",
                "sorted: Too long",
                "sorted: range",
            ]
        );
        assert_eq!(errors[0].pointer(), "#/rooms/1/tags");
    }

    #[test]
    fn without_the_request_positions_stay_indices() {
        let request = json!({
            "labels": {},
            "rooms": [{ "room_id": "r1", "tags": {} }, { "room_id": "", "tags": {} }],
            "sorted": {},
        });
        assert_eq!(
            fields(&v::without_request(&request)),
            ["rooms[1].room_id: length"]
        );
        assert_eq!(v::errors(&request), v::without_request(&request));
    }

    mod g {
        use super::*;
        use garde::Validate;

        #[derive(Deserialize, Validate)]
        pub struct Booking {
            #[garde(dive)]
            pub labels: HashMap<String, Label>,
            #[garde(dive)]
            pub by_floor: HashMap<usize, Label>,
            #[garde(dive)]
            pub rooms: Vec<Label>,
        }

        #[derive(Deserialize, Validate)]
        pub struct Label {
            #[garde(length(max = 3))]
            pub text: String,
        }

        pub fn errors(request: &Value) -> (FieldErrors, FieldErrors) {
            let booking: Booking = serde_json::from_value(request.clone()).unwrap();
            let report = booking.validate().unwrap_err();
            let with = FieldErrors::from_garde_in(report.clone(), request);
            (with, FieldErrors::from(report))
        }
    }

    #[test]
    fn garde_names_map_entries_by_key() {
        let request = json!({
            "labels": { "a": { "text": "long" }, "b": { "text": "ok" }, "c.d": { "text": "long" } },
            "by_floor": { "12": { "text": "long" } },
            "rooms": [{ "text": "ok" }, { "text": "long" }],
        });
        let (with, without) = g::errors(&request);
        let names: Vec<String> = with.iter().map(|e| e.field.to_string()).collect();
        assert_eq!(
            names,
            [
                "by_floor.12.text",
                "labels.a.text",
                r#"labels["c.d"].text"#,
                "rooms[1].text"
            ]
        );
        assert_eq!(with[0].pointer(), "#/by_floor/12/text");
        assert_eq!(
            crate::FieldPath::parse(&with[0].field).unwrap().segments()[1],
            crate::request::PathSegment::Key("12".to_owned())
        );
        // Without the request, an integer key reads as an index.
        assert_eq!(without[0].field, "by_floor[12].text");
        for _ in 0..20 {
            assert_eq!(g::errors(&request).0, with);
        }
    }
}
