use crate::render::{self, NoMembers, RenderOptions};
use crate::{Format, GrpcCode};
use http::StatusCode;
use std::borrow::Cow;
use std::fmt;
use std::time::Duration;

/// The message a 5xx body carries when the error's own text was not written
/// as a public `message` template.
pub use api_error_wire::MASKED_MESSAGE;

/// An error that knows how it is answered over HTTP.
///
/// Implemented by `#[derive(ApiError)]`; see the crate documentation for the
/// attributes. The trait is dyn-compatible, so a handler or middleware can work
/// with `&dyn ApiError` whatever the concrete enum.
///
/// ```
/// use api_error::{ApiError, Format, StatusCode};
///
/// #[derive(Debug, ApiError)]
/// enum InvoiceError {
///     #[api(status = 409, code = "conflict", message = "Invoice has already been sent")]
///     AlreadySent,
/// }
///
/// let err: &dyn ApiError = &InvoiceError::AlreadySent;
/// assert_eq!(err.status(), StatusCode::CONFLICT);
/// assert_eq!(err.code(), "conflict");
/// assert_eq!(err.message(), "Invoice has already been sent");
/// assert_eq!(
///     err.to_json(Format::Envelope),
///     r#"{"error":{"code":"conflict","message":"Invoice has already been sent"}}"#,
/// );
/// ```
pub trait ApiError: std::error::Error {
    /// The HTTP status of the response, in 400..=599.
    fn status(&self) -> StatusCode;

    /// The machine-readable code, matching `^[a-z][a-z0-9_]*$`.
    fn code(&self) -> &'static str;

    /// Writes the public message: what the body's `message` (or `detail`) says.
    fn fmt_message(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result;

    /// The public message when it is the same for every value of this
    /// variant, so it can be had without formatting.
    fn static_message(&self) -> Option<&'static str> {
        None
    }

    /// The public message.
    ///
    /// Borrowed when the message has no placeholder; formatted otherwise. A
    /// message whose formatting fails reads [`MASKED_MESSAGE`], as in the body.
    fn message(&self) -> Cow<'_, str> {
        match self.static_message() {
            Some(message) => Cow::Borrowed(message),
            None => {
                let mut message = String::new();
                match fmt::write(
                    &mut message,
                    format_args!("{}", render::PublicMessage(self)),
                ) {
                    Ok(()) => Cow::Owned(message),
                    Err(fmt::Error) => Cow::Borrowed(MASKED_MESSAGE),
                }
            }
        }
    }

    /// The request field the error is about: the body's `field` member.
    fn field(&self) -> Option<&str> {
        None
    }

    /// Where the error is documented: the body's `doc_url`, the problem
    /// format's `type`.
    fn doc_url(&self) -> Option<&'static str> {
        None
    }

    /// How long the client should wait before retrying: the `Retry-After`
    /// header.
    fn retry_after(&self) -> Option<Duration> {
        None
    }

    /// Whether retrying the same request may succeed: 429 and every 5xx.
    fn is_retryable(&self) -> bool {
        let status = self.status();
        status == StatusCode::TOO_MANY_REQUESTS || status.is_server_error()
    }

    /// The gRPC status code: by default the one Google's HTTP mapping gives
    /// [`status`](Self::status) ([`GrpcCode::from_http`]); a variant names
    /// another with `#[api(grpc = "failed_precondition")]`.
    ///
    /// ```
    /// use api_error::{ApiError, GrpcCode};
    ///
    /// #[derive(Debug, ApiError)]
    /// enum InvoiceError {
    ///     #[api(status = 404, code = "not_found", message = "Invoice not found")]
    ///     NotFound,
    ///     #[api(status = 409, code = "conflict", message = "Invoice has already been sent",
    ///           grpc = "failed_precondition")]
    ///     AlreadySent,
    /// }
    ///
    /// assert_eq!(InvoiceError::NotFound.grpc_code(), GrpcCode::NotFound);
    /// assert_eq!(InvoiceError::AlreadySent.grpc_code(), GrpcCode::FailedPrecondition);
    /// ```
    fn grpc_code(&self) -> GrpcCode {
        GrpcCode::from_http(self.status())
    }

    /// The domain of the error's code, as gRPC's `ErrorInfo` names it: the
    /// service that defines the codes, like `"clients.example.com"`. Set on
    /// the type with `#[api(domain = "...")]`.
    fn domain(&self) -> Option<&'static str> {
        None
    }

    /// The wire format the type was declared with.
    fn default_format(&self) -> Format {
        Format::Envelope
    }

    /// Appends the body in `format` to `out`.
    ///
    /// Never panics and always appends one valid JSON object. The derive
    /// writes every annotated member; this default, for hand-written
    /// implementations, writes the members this trait exposes.
    fn write_json(&self, out: &mut Vec<u8>, format: Format, options: &RenderOptions<'_>) {
        crate::writer::write_json(self, &NoMembers, out, format, options);
    }

    /// The body in `format`, without request id or debug block.
    fn to_json(&self, format: Format) -> String {
        self.to_json_with(format, &RenderOptions::new())
    }

    /// The body in `format`, with the request id and debug block the options
    /// ask for.
    fn to_json_with(&self, format: Format, options: &RenderOptions<'_>) -> String {
        let mut out = Vec::with_capacity(render::INITIAL_CAPACITY);
        self.write_json(&mut out, format, options);
        render::into_string(out)
    }
}
