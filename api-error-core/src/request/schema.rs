//! Request errors worded as JSON Schema validators word them.

use super::de::Expected;
use super::parse::{ABSENT, GIVEN_ONCE, ONE_OF, VALID};
use super::{FieldPath, HttpStatus, PanicPayload, PathSegment, RequestError, MAX_FIELD_LEN};
use crate::field_path::bounded;

/// A [`RequestError`] worded as a JSON Schema validator words it, in the
/// style of APIs whose requests are checked against a schema (Fastify's
/// Ajv), and of the flat guide: `body must have required property 'email'`,
/// `body/email must match format "email"`.
///
/// Every error in the request's format is a 400 Bad Request: a body that is
/// not JSON, a `Content-Type` that is not the endpoint's, a member missing,
/// of the wrong type, with a value its type refuses, unknown or given twice,
/// a query or path parameter that does not parse, a failed validation. The
/// message names the place as Ajv does, by where it is (`body`,
/// `querystring`, `params`, `headers`) and its JSON Pointer there, with the
/// members spelled as the request spells them (`body/checkIn`,
/// `body/items/2/sku`); types are JSON Schema's (`integer`, `string`,
/// `object`). Such a message carries the place, so the body has no `field`.
/// The other request errors (an unmatched route, a wrong method, a body
/// over the limit, a timeout, a panic, a bare status) are answered as
/// [`RequestError`] answers them.
///
/// An API that words its errors this way converts every request error, in
/// its own enum's `From` or straight in the framework layer:
///
/// ```
/// use api_error::request::SchemaError;
/// use api_error::{ApiError, Format, RequestError};
///
/// #[derive(Debug, ApiError)]
/// #[api(format = "flat")]
/// enum CustomersError {
///     #[api(status = 409, code = "duplicate_email", message = "A customer with this email already exists")]
///     DuplicateEmail,
///
///     #[api(transparent)]
///     Request(SchemaError),
/// }
///
/// impl From<RequestError> for CustomersError {
///     fn from(error: RequestError) -> Self {
///         CustomersError::Request(SchemaError::from(error))
///     }
/// }
///
/// #[derive(Debug, serde::Deserialize)]
/// struct NewCustomer { email: String }
///
/// let error = CustomersError::from(api_error::request::from_json::<NewCustomer>(b"{}").unwrap_err());
/// assert_eq!(error.status(), 400);
/// assert_eq!(
///     serde_json::to_string(&error).unwrap(),
///     r#"{"error":"Bad Request","message":"body must have required property 'email'"}"#,
/// );
/// let error = SchemaError::from(api_error::request::from_json::<NewCustomer>(br#"{"email":42}"#).unwrap_err());
/// assert_eq!(error.to_json(Format::Flat), r#"{"error":"Bad Request","message":"body/email must be string"}"#);
/// assert_eq!(
///     error.to_json(Format::Envelope),
///     r#"{"error":{"code":"invalid_type","message":"body/email must be string"}}"#,
/// );
/// ```
///
/// With actix-web, `ApiErrorMiddleware::new().map_request_errors(CustomersError::from)`
/// (or `map_request_errors(SchemaError::from)` for an API with no enum of
/// its own); the axum layer is the same.
#[derive(Clone, Debug, PartialEq, Eq, api_error_derive::ApiError)]
#[api(crate = "crate", decode)]
#[non_exhaustive]
pub enum SchemaError {
    /// The body is not valid JSON (or not UTF-8).
    #[api(
        status = 400,
        code = "invalid_json",
        message = "body must be valid JSON"
    )]
    InvalidJson {
        /// Where the parser stopped, as it said it (no request data).
        #[api(debug)]
        detail: Option<String>,
    },

    /// The request's `Content-Type` is missing or not the one the endpoint
    /// reads.
    #[api(
        status = 400,
        code = "invalid_content_type",
        message = "headers/content-type must be {expected}"
    )]
    InvalidContentType {
        /// The media type the endpoint reads.
        expected: String,
    },

    /// The body could not be read to its end.
    #[api(
        status = 400,
        code = "body_unreadable",
        message = "body could not be read"
    )]
    BodyUnreadable,

    /// A required member of the body, or a required query parameter, is
    /// missing (JSON Schema's `required`).
    #[api(
        status = 400,
        code = "missing_property",
        message = "{instance} must have required property '{property}'"
    )]
    MissingProperty {
        /// Where the member is missing: `body`, `body/address`,
        /// `querystring`.
        instance: String,
        /// The missing member's name.
        property: String,
    },

    /// A member the type does not accept (JSON Schema's
    /// `additionalProperties`).
    #[api(
        status = 400,
        code = "additional_property",
        message = "{instance} must NOT have additional property '{property}'"
    )]
    AdditionalProperty {
        /// The object that has it.
        instance: String,
        /// The member's name.
        property: String,
    },

    /// A member given twice.
    #[api(
        status = 400,
        code = "duplicate_property",
        message = "{instance} must NOT have duplicate property '{property}'"
    )]
    DuplicateProperty {
        /// The object that has it twice.
        instance: String,
        /// The member's name.
        property: String,
    },

    /// A string that is not one of the names an enum accepts (JSON Schema's
    /// `enum`).
    #[api(
        status = 400,
        code = "invalid_enum",
        message = "{instance} must be equal to one of the allowed values: {allowed}"
    )]
    InvalidEnum {
        /// The value's place.
        instance: String,
        /// The accepted names, comma separated.
        allowed: String,
    },

    /// A value that does not have the format its member requires (JSON
    /// Schema's `format`). Only the API knows which format a type checks:
    /// it answers this where the conversion says `InvalidValue`.
    #[api(
        status = 400,
        code = "invalid_format",
        message = "{instance} must match format \"{format}\""
    )]
    InvalidFormat {
        /// The value's place: `body/email`.
        instance: String,
        /// The format's name: `email`, `date`, `uuid`.
        format: String,
    },

    /// A value of the right type that its type refuses: out of range, wrong
    /// length, refused by the type's own `Deserialize`.
    #[api(
        status = 400,
        code = "invalid_value",
        message = "{instance} must be valid"
    )]
    InvalidValue {
        /// The value's place.
        instance: String,
        /// The deserializer's reason, shown only in the debug block.
        #[api(debug)]
        reason: Option<String>,
    },

    /// A value of the wrong JSON type (JSON Schema's `type`).
    #[api(
        status = 400,
        code = "invalid_type",
        message = "{instance} must be {expected}"
    )]
    InvalidType {
        /// The value's place: `body` for the body itself.
        instance: String,
        /// JSON Schema's name of the type it must be: `integer`, `string`,
        /// `object`, ...
        expected: String,
    },

    /// The request was read, and its validation (validator's `Validate`,
    /// garde's) failed: every failed field is listed.
    // Not `validation_error`: RequestError answers that code with 422, and
    // a code keeps one meaning across an API's types.
    #[api(
        status = 400,
        code = "validation_failed",
        message = "Request validation failed"
    )]
    Validation(#[api(errors)] crate::FieldErrors),

    /// The body is larger than the server accepts.
    #[api(
        status = 413,
        code = "payload_too_large",
        message = "Request body is too large"
    )]
    PayloadTooLarge,

    /// No route matches the request's path.
    #[api(
        status = 404,
        code = "route_not_found",
        message = "No route matches the request"
    )]
    RouteNotFound,

    /// The route exists, but not for the request's method; the response
    /// keeps the router's `Allow` header.
    #[api(
        status = 405,
        code = "method_not_allowed",
        message = "Method not allowed"
    )]
    MethodNotAllowed,

    /// The server gave up waiting for the handler.
    #[api(
        status = 408,
        code = "request_timeout",
        message = "The request took too long"
    )]
    Timeout {
        /// How long the request ran, shown only in the debug block.
        #[api(debug)]
        elapsed_ms: Option<u64>,
    },

    /// The handler panicked. The payload goes to the logs and the debug
    /// block, never to a production body.
    #[api(
        status = 500,
        code = "internal_error",
        message = "An unexpected error occurred"
    )]
    Panic(#[api(source)] PanicPayload),

    /// Any other error status a framework or middleware answers without a
    /// body in the API's format.
    #[api(transparent)]
    Status(HttpStatus),
}

/// Where in the request a value is, as Ajv's messages begin.
#[derive(Clone, Copy)]
enum Location {
    Body,
    Query,
    Params,
}

impl Location {
    fn name(self) -> &'static str {
        match self {
            Location::Body => "body",
            Location::Query => "querystring",
            Location::Params => "params",
        }
    }

    /// The place of `field` (in [`FieldPath`]'s notation): `body`,
    /// `body/address/zip`.
    fn instance(self, field: Option<&str>) -> String {
        let field = field.unwrap_or_default();
        if field.is_empty() {
            return self.name().to_owned();
        }
        let pointer = match FieldPath::parse(field) {
            Some(path) => path.json_pointer(),
            // A path cut to its bound no longer parses: it is one name.
            None => format!("/{field}"),
        };
        bounded(format!("{}{pointer}", self.name()), MAX_FIELD_LEN)
    }

    /// The object holding the member `field` names, and the member's name.
    fn member(self, field: &str) -> (String, String) {
        let parsed = FieldPath::parse(field);
        match parsed.as_ref().map(FieldPath::segments) {
            Some([parent @ .., PathSegment::Key(name)]) => {
                let parent = FieldPath::root_with(parent).to_string();
                (
                    self.instance(Some(&parent)),
                    bounded(name.clone(), MAX_FIELD_LEN),
                )
            }
            _ => (
                self.name().to_owned(),
                bounded(field.to_owned(), MAX_FIELD_LEN),
            ),
        }
    }

    /// A parameter's error, from what [`RequestError`] says it must be.
    fn parameter(self, field: &str, expected: &str) -> SchemaError {
        if let Some(kind) = Expected::from_phrase(expected) {
            return SchemaError::InvalidType {
                instance: self.instance(Some(field)),
                expected: kind.json_type().to_owned(),
            };
        }
        if let Some(allowed) = expected.strip_prefix(ONE_OF) {
            return SchemaError::InvalidEnum {
                instance: self.instance(Some(field)),
                allowed: allowed.to_owned(),
            };
        }
        match expected {
            GIVEN_ONCE => {
                let (instance, property) = self.member(field);
                SchemaError::DuplicateProperty { instance, property }
            }
            ABSENT => {
                let (instance, property) = self.member(field);
                SchemaError::AdditionalProperty { instance, property }
            }
            VALID => SchemaError::InvalidValue {
                instance: self.instance(Some(field)),
                reason: None,
            },
            // What an application's own parameter error says.
            _ => SchemaError::InvalidValue {
                instance: self.instance(Some(field)),
                reason: Some(expected.to_owned()),
            },
        }
    }
}

/// JSON Schema's name of the type [`RequestError`] says a value must be.
fn json_type(expected: String) -> String {
    match Expected::from_phrase(&expected) {
        Some(kind) => kind.json_type().to_owned(),
        None => expected,
    }
}

impl From<RequestError> for SchemaError {
    fn from(error: RequestError) -> Self {
        let body = Location::Body;
        match error {
            RequestError::InvalidJson { detail } => SchemaError::InvalidJson { detail },
            RequestError::UnsupportedMediaType { expected } => {
                SchemaError::InvalidContentType { expected }
            }
            RequestError::BodyUnreadable => SchemaError::BodyUnreadable,
            RequestError::MissingField { field, .. } => {
                let (instance, property) = body.member(&field);
                SchemaError::MissingProperty { instance, property }
            }
            RequestError::UnknownField { field, .. } => {
                let (instance, property) = body.member(&field);
                SchemaError::AdditionalProperty { instance, property }
            }
            RequestError::DuplicateField { field, .. } => {
                let (instance, property) = body.member(&field);
                SchemaError::DuplicateProperty { instance, property }
            }
            RequestError::UnknownVariant { field, allowed, .. } => SchemaError::InvalidEnum {
                instance: body.instance(field.as_deref()),
                allowed,
            },
            RequestError::InvalidType {
                field, expected, ..
            } => SchemaError::InvalidType {
                instance: body.instance(field.as_deref()),
                expected: json_type(expected),
            },
            RequestError::InvalidValue { field, reason, .. } => SchemaError::InvalidValue {
                instance: body.instance(field.as_deref()),
                reason,
            },
            RequestError::Validation(errors) => SchemaError::Validation(errors),
            RequestError::MissingQueryParameter { field } => SchemaError::MissingProperty {
                instance: Location::Query.name().to_owned(),
                property: field,
            },
            RequestError::InvalidQueryParameter { field, expected } => {
                Location::Query.parameter(&field, &expected)
            }
            RequestError::InvalidPathParameter { field, expected } => {
                Location::Params.parameter(&field, &expected)
            }
            RequestError::PayloadTooLarge => SchemaError::PayloadTooLarge,
            RequestError::RouteNotFound => SchemaError::RouteNotFound,
            RequestError::MethodNotAllowed => SchemaError::MethodNotAllowed,
            RequestError::Timeout { elapsed_ms } => SchemaError::Timeout { elapsed_ms },
            RequestError::Panic(payload) => SchemaError::Panic(payload),
            RequestError::Status(status) => SchemaError::Status(status),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::{from_json, from_params, from_query};
    use crate::{ApiError, Format};
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields, rename_all = "camelCase")]
    #[allow(dead_code)]
    struct Booking {
        check_in: String,
        room_id: u32,
        stay: Stay,
        #[serde(default)]
        kind: Option<Kind>,
        #[serde(default)]
        items: Vec<Item>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "camelCase")]
    #[allow(dead_code)]
    struct Stay {
        nights: u8,
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Item {
        sku: String,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "snake_case")]
    #[allow(dead_code)]
    enum Kind {
        Single,
        Double,
    }

    fn flat(body: &str) -> String {
        let error = SchemaError::from(from_json::<Booking>(body.as_bytes()).unwrap_err());
        assert_eq!(error.status(), 400, "{error:?}");
        assert_eq!(error.field(), None);
        error.to_json(Format::Flat)
    }

    fn message(body: &str) -> String {
        let body: serde_json::Value = serde_json::from_str(&flat(body)).unwrap();
        assert_eq!(body["error"], "Bad Request");
        body["message"].as_str().unwrap().to_owned()
    }

    const STAY: &str = r#""stay":{"nights":2}"#;

    #[test]
    fn body_errors_in_ajvs_words() {
        assert_eq!(message("{"), "body must be valid JSON");
        assert_eq!(message("[1]"), "body must be object");
        assert_eq!(
            message(&format!(r#"{{"roomId":1,{STAY}}}"#)),
            "body must have required property 'checkIn'"
        );
        assert_eq!(
            message(r#"{"checkIn":"2025-06-01","roomId":1,"stay":{}}"#),
            "body/stay must have required property 'nights'"
        );
        assert_eq!(
            message(&format!(r#"{{"checkIn":1,"roomId":1,{STAY}}}"#)),
            "body/checkIn must be string"
        );
        assert_eq!(
            message(&format!(r#"{{"checkIn":"x","roomId":"12",{STAY}}}"#)),
            "body/roomId must be integer"
        );
        assert_eq!(
            message(r#"{"checkIn":"x","roomId":1,"stay":{"nights":300}}"#),
            "body/stay/nights must be valid"
        );
        assert_eq!(
            message(&format!(
                r#"{{"checkIn":"x","roomId":1,{STAY},"items":[{{"sku":"a"}},{{"sku":2}}]}}"#
            )),
            "body/items/1/sku must be string"
        );
        assert_eq!(
            message(&format!(
                r#"{{"checkIn":"x","roomId":1,{STAY},"kind":"suite"}}"#
            )),
            "body/kind must be equal to one of the allowed values: single, double"
        );
        assert_eq!(
            message(&format!(r#"{{"checkIn":"x","roomId":1,{STAY},"pets":2}}"#)),
            "body must NOT have additional property 'pets'"
        );
        assert_eq!(
            message(&format!(
                r#"{{"checkIn":"x","checkIn":"y","roomId":1,{STAY}}}"#
            )),
            "body must NOT have duplicate property 'checkIn'"
        );
    }

    #[test]
    fn member_names_are_escaped_as_pointers() {
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Odd {
            #[serde(rename = "a/b")]
            a_b: Inner,
        }
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Inner {
            #[serde(rename = "m~n")]
            m_n: u8,
        }
        let error = SchemaError::from(from_json::<Odd>(br#"{"a/b":{"m~n":"x"}}"#).unwrap_err());
        assert_eq!(error.message(), "body/a~1b/m~0n must be integer");
        let error = SchemaError::from(from_json::<Odd>(br#"{"a/b":{}}"#).unwrap_err());
        assert_eq!(
            error.message(),
            "body/a~1b must have required property 'm~n'"
        );
    }

    #[test]
    fn query_and_path_parameters() {
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Page {
            page: u32,
        }
        let error = SchemaError::from(from_query::<Page>("").unwrap_err());
        assert_eq!(
            error.message(),
            "querystring must have required property 'page'"
        );
        assert_eq!(error.status(), 400);
        let error = SchemaError::from(from_query::<Page>("page=x").unwrap_err());
        assert_eq!(error.message(), "querystring/page must be integer");
        let error = SchemaError::from(from_query::<Page>("page=1&page=2").unwrap_err());
        assert_eq!(
            error.message(),
            "querystring must NOT have duplicate property 'page'"
        );
        let params = [("room_id".to_owned(), "x".to_owned())];
        let error = SchemaError::from(from_params::<u32>(&params).unwrap_err());
        assert_eq!(error.message(), "params/room_id must be integer");
        assert_eq!(error.status(), 400);
    }

    #[test]
    fn content_type_and_the_rest() {
        let error = SchemaError::from(RequestError::UnsupportedMediaType {
            expected: "application/json".to_owned(),
        });
        assert_eq!(
            error.to_json(Format::Flat),
            r#"{"error":"Bad Request","message":"headers/content-type must be application/json"}"#
        );
        for (request, status) in [
            (RequestError::PayloadTooLarge, 413),
            (RequestError::RouteNotFound, 404),
            (RequestError::MethodNotAllowed, 405),
            (RequestError::Timeout { elapsed_ms: None }, 408),
        ] {
            let message = request.message().into_owned();
            let error = SchemaError::from(request.clone());
            assert_eq!(error.status(), status);
            assert_eq!(error.code(), request.code());
            assert_eq!(error.message(), message);
        }
    }

    #[test]
    fn the_flat_guides_400s_byte_for_byte() {
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct NewCustomer {
            email: String,
        }
        let error = SchemaError::from(from_json::<NewCustomer>(br#"{"name":"Ada"}"#).unwrap_err());
        assert_eq!(
            error.to_json(Format::Flat),
            r#"{"error":"Bad Request","message":"body must have required property 'email'"}"#
        );
        let error = SchemaError::InvalidFormat {
            instance: "body/email".to_owned(),
            format: "email".to_owned(),
        };
        assert_eq!(
            error.to_json(Format::Flat),
            r#"{"error":"Bad Request","message":"body/email must match format \"email\""}"#
        );
    }

    #[test]
    fn long_paths_are_bounded() {
        let key = "k".repeat(10_000);
        let error = SchemaError::from(RequestError::InvalidType {
            field: Some(
                FieldPath::root()
                    .key(key.clone())
                    .to_bounded_string(MAX_FIELD_LEN),
            ),
            label: String::new(),
            expected: "a string".to_owned(),
        });
        assert!(
            error.message().len() < 2 * MAX_FIELD_LEN,
            "{}",
            error.message()
        );
        let error = SchemaError::from(RequestError::MissingField {
            field: FieldPath::root().key(key).to_bounded_string(MAX_FIELD_LEN),
            label: String::new(),
        });
        assert!(
            error.message().len() < 2 * MAX_FIELD_LEN,
            "{}",
            error.message()
        );
    }
}
