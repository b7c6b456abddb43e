//! The wire formats: [`Format`] names each built-in one, [`Shape`] says how
//! a body of it is written, and [`WireFormat`] is a format as a value, a
//! format of your own included.
//!
//! The three written from the error's model, with one error:
//!
//! ```
//! use api_error::{ApiError, FieldError, FieldErrors, Format};
//!
//! #[derive(Debug, ApiError)]
//! #[api(domain = "library.example.com", doc_base = "https://docs.example.com/errors")]
//! enum LoanError {
//!     #[api(status = 422, code = "invalid_loan", message = "The loan is invalid")]
//!     Invalid {
//!         #[api(extra)]
//!         branch: u32,
//!         #[api(errors)]
//!         errors: FieldErrors,
//!     },
//! }
//!
//! let error = LoanError::Invalid {
//!     branch: 7,
//!     errors: FieldErrors::new()
//!         .with_error(FieldError::new("items[0].isbn", "ISBN is required").with_code("required")),
//! };
//!
//! // JSON:API 1.1: the error object, then one per field error.
//! assert_eq!(Format::JsonApi.content_type(), "application/vnd.api+json");
//! assert_eq!(
//!     error.to_json(Format::JsonApi),
//!     concat!(
//!         r#"{"errors":[{"status":"422","code":"invalid_loan","title":"Unprocessable Entity","#,
//!         r#""detail":"The loan is invalid","links":{"about":"https://docs.example.com/errors#invalid_loan"},"#,
//!         r#""meta":{"branch":7}},"#,
//!         r#"{"status":"422","code":"required","title":"Unprocessable Entity","#,
//!         r#""detail":"ISBN is required","source":{"pointer":"/items/0/isbn"}}]}"#,
//!     ),
//! );
//!
//! // Google's AIP-193: the details a gRPC status of the error carries.
//! assert_eq!(
//!     error.to_json(Format::Google),
//!     concat!(
//!         r#"{"error":{"code":422,"message":"The loan is invalid","status":"INVALID_ARGUMENT","details":["#,
//!         r#"{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"INVALID_LOAN","#,
//!         r#""domain":"library.example.com","metadata":{"branch":"7"}},"#,
//!         r#"{"@type":"type.googleapis.com/google.rpc.BadRequest","fieldViolations":["#,
//!         r#"{"field":"items[0].isbn","description":"ISBN is required","reason":"required"}]},"#,
//!         r#"{"@type":"type.googleapis.com/google.rpc.Help","links":["#,
//!         r#"{"description":"invalid_loan","url":"https://docs.example.com/errors#invalid_loan"}]}]}}"#,
//!     ),
//! );
//!
//! // The Microsoft guidelines: `details` for the field errors, the rest in
//! // `innererror`.
//! assert_eq!(
//!     error.to_json(Format::Microsoft),
//!     concat!(
//!         r#"{"error":{"code":"invalid_loan","message":"The loan is invalid","#,
//!         r#""details":[{"code":"required","message":"ISBN is required","target":"items[0].isbn"}],"#,
//!         r#""innererror":{"branch":7,"doc_url":"https://docs.example.com/errors#invalid_loan"}}}"#,
//!     ),
//! );
//! ```

use crate::catalog::Entry;
use crate::client::ErrorParts;
use crate::{ApiError, RenderOptions};
use http::StatusCode;

pub use api_error_wire::{Format, Layout, Modeled, Shape};

/// The canonical reason phrase of a status: the flat format's `error` and the
/// problem format's `title`.
///
/// Statuses without a registered phrase read "Client Error" (4xx) or
/// "Server Error" (5xx), so a body never lacks its title.
#[must_use]
pub fn reason_phrase(status: StatusCode) -> &'static str {
    api_error_wire::reason_phrase(status.as_u16())
}

/// A wire format as a value: the content type a body is served with, how it
/// is written from an error's model, the JSON Schema the catalog gives it,
/// and how a client reads it back.
///
/// The six [`Format`]s implement it, each exactly as [`ApiError::to_json`]
/// writes it. A format of your own is a type that implements it: it reads
/// the error through [`ApiError`]'s methods and its
/// [`visit_members`](ApiError::visit_members), and serves through
/// [`ErrorContext::response_in`](crate::ErrorContext::response_in) and
/// reads back through [`Reader::parse_in`](crate::client::Reader::parse_in).
///
/// ```
/// use api_error::catalog::Entry;
/// use api_error::client::{ErrorParts, Reader};
/// use api_error::format::WireFormat;
/// use api_error::model::{MemberVisitor, Stop, Value};
/// use api_error::{ApiError, ErrorContext, RenderOptions, StatusCode};
/// use serde_json::{json, Map};
///
/// /// `{"fault":{"code":...,"text":...,"extras":{...}}}`: an API's own format.
/// struct Fault;
///
/// impl WireFormat for Fault {
///     fn name(&self) -> &'static str {
///         "fault"
///     }
///
///     fn content_type(&self) -> &'static str {
///         "application/vnd.fault+json"
///     }
///
///     fn write(&self, error: &dyn ApiError, out: &mut Vec<u8>, _options: &RenderOptions<'_>) {
///         struct Extras(Map<String, serde_json::Value>);
///         impl MemberVisitor for Extras {
///             fn member(&mut self, name: &'static str, value: Value<'_>) -> Result<(), Stop> {
///                 let value = serde_json::to_value(value).map_err(|_| Stop)?;
///                 self.0.insert(name.to_owned(), value);
///                 Ok(())
///             }
///         }
///         let mut extras = Extras(Map::new());
///         if error.visit_members(&mut extras).is_err() {
///             extras.0.clear();
///         }
///         let body = json!({"fault": {"code": error.code(), "text": error.message(), "extras": extras.0}});
///         out.extend_from_slice(body.to_string().as_bytes());
///     }
///
///     fn schema(&self, entries: &[&Entry]) -> serde_json::Value {
///         let codes: Vec<_> = entries.iter().map(|entry| entry.code).collect();
///         json!({"type": "object", "required": ["fault"], "properties": {"fault": {
///             "type": "object", "properties": {"code": {"enum": codes}}}}})
///     }
///
///     fn read(&self, mut body: Map<String, serde_json::Value>) -> Option<ErrorParts> {
///         let serde_json::Value::Object(mut fault) = body.remove("fault")? else { return None };
///         let members = match fault.remove("extras") {
///             Some(serde_json::Value::Object(extras)) => extras,
///             _ => Map::new(),
///         };
///         Some(ErrorParts {
///             code: Some(fault.get("code")?.as_str()?.to_owned()),
///             message: fault.get("text")?.as_str()?.to_owned(),
///             members,
///             ..ErrorParts::default()
///         })
///     }
/// }
///
/// #[derive(Debug, PartialEq, ApiError)]
/// #[api(decode)]
/// enum ShelfError {
///     #[api(status = 404, code = "shelf_not_found", message = "No shelf {shelf}")]
///     NotFound { #[api(extra)] shelf: u32 },
/// }
///
/// let error = ShelfError::NotFound { shelf: 7 };
/// assert_eq!(
///     Fault.to_json(&error, &RenderOptions::new()),
///     r#"{"fault":{"code":"shelf_not_found","extras":{"shelf":7},"text":"No shelf 7"}}"#,
/// );
/// let response = ErrorContext::new().response_in(&error, &Fault);
/// assert_eq!(response.headers()["content-type"], "application/vnd.fault+json");
/// let back = Reader::default().decode_in::<ShelfError>(&Fault, response.status(), response.headers(), response.body());
/// assert_eq!(back, api_error::client::ClientError::Api(error, None));
/// ```
pub trait WireFormat: Send + Sync {
    /// The format's name, as `#[api(format = "...")]` spells a built-in one.
    fn name(&self) -> &'static str;

    /// The `Content-Type` a body of this format is served with.
    fn content_type(&self) -> &'static str;

    /// Appends the body of `error` to `out`: one JSON object, with the
    /// request id and debug block `options` ask for. Never panics.
    fn write(&self, error: &dyn ApiError, out: &mut Vec<u8>, options: &RenderOptions<'_>);

    /// The JSON Schema of a body of any of `entries` (a catalog's, or one
    /// status' of them), as the catalog's OpenAPI documents carry it.
    fn schema(&self, entries: &[&Entry]) -> serde_json::Value;

    /// Reads a body of this format back into its parts: `None` when it is
    /// not one.
    fn read(&self, body: serde_json::Map<String, serde_json::Value>) -> Option<ErrorParts>;

    /// The built-in format this is, if it is one.
    fn builtin(&self) -> Option<Format> {
        None
    }

    /// The body of `error`, as a string.
    fn to_json(&self, error: &dyn ApiError, options: &RenderOptions<'_>) -> String {
        let mut out = Vec::with_capacity(160);
        self.write(error, &mut out, options);
        String::from_utf8(out)
            .unwrap_or_else(|err| String::from_utf8_lossy(err.as_bytes()).into_owned())
    }
}

impl WireFormat for Format {
    fn name(&self) -> &'static str {
        Format::name(*self)
    }

    fn content_type(&self) -> &'static str {
        Format::content_type(*self)
    }

    fn write(&self, error: &dyn ApiError, out: &mut Vec<u8>, options: &RenderOptions<'_>) {
        error.write_json(out, *self, options);
    }

    fn schema(&self, entries: &[&Entry]) -> serde_json::Value {
        crate::catalog::openapi::schema_of(*self, entries)
    }

    fn read(&self, body: serde_json::Map<String, serde_json::Value>) -> Option<ErrorParts> {
        crate::client::read_format(*self, body)
    }

    fn builtin(&self) -> Option<Format> {
        Some(*self)
    }
}
