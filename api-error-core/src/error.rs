use crate::byte_writer::{
    self, render, render_string, write_const, JsonMembers, JsonMessage, Out, Parts,
    TranslatedItems, INITIAL_CAPACITY,
};
use crate::members::{ConstBody, InLocale, Members};
use crate::model::{DynMembers, MemberVisitor, Stop};
use crate::RenderOptions;
use crate::{FieldLocation, Format, GrpcCode};
use http::StatusCode;
use std::borrow::Cow;
use std::error::Error;
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
                match fmt::write(&mut message, format_args!("{}", PublicMessage(self))) {
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

    /// Where in the request [`field`](Self::field) is: the body unless the
    /// variant says `#[api(location = "query")]` or `"header"`.
    fn field_location(&self) -> FieldLocation {
        FieldLocation::Body
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

    /// The public message translated into the first of `preferred` (language
    /// tags, best first) that the type's Fluent catalogs have, each looked
    /// up as RFC 4647 does (`fr-CA`, then `fr`), with the locale it is in:
    /// what a server answers a request in. `None` for a type without
    /// catalogs (`#[api(locales = "...")]`, the `fluent` feature) and when
    /// none of `preferred` is among them. A translation without
    /// placeables is borrowed from the catalogs, not copied.
    fn localized_message_for(
        &self,
        preferred: &[&str],
    ) -> Option<(Cow<'static, str>, &'static str)> {
        let _ = preferred;
        None
    }

    /// The locale of the error's catalogs it answers a client in who
    /// prefers `preferred` (language tags, best first): the first that
    /// RFC 4647's lookup finds among them (`fr-CA` finds `fr`), as the
    /// catalogs name it. `None` for a type without catalogs and when none
    /// of `preferred` is among them: the error then answers in its source
    /// language. What [`RenderOptions::locale`] takes.
    ///
    /// ```
    /// use api_error::ApiError;
    ///
    /// #[derive(Debug, ApiError)]
    /// #[api(locales = "../../tests/localized/locales")]
    /// enum Error {
    ///     #[api(status = 409, code = "duplicate", message = "A client with this email already exists")]
    ///     Duplicate,
    /// }
    ///
    /// assert_eq!(Error::Duplicate.locale_for(&["de", "fr-CA"]), Some("fr"));
    /// assert_eq!(Error::Duplicate.locale_for(&["de"]), None);
    /// ```
    fn locale_for(&self, preferred: &[&str]) -> Option<&'static str> {
        let _ = preferred;
        None
    }

    /// The catalogs the error's `errors` items are translated from: its
    /// type's, or a transparent variant's inner error's.
    #[cfg(feature = "fluent")]
    #[doc(hidden)]
    fn __catalogs_of(&self) -> Option<&'static crate::localized::Catalogs> {
        None
    }

    /// The domain of the error's code, as gRPC's `ErrorInfo` names it: the
    /// service that defines the codes, like `"clients.example.com"`. Set on
    /// the type with `#[api(domain = "...")]`.
    fn domain(&self) -> Option<&'static str> {
        None
    }

    /// Hands the body's members to `visitor`: extras in declaration order,
    /// then `errors` ([`model`](crate::model)).
    ///
    /// The derive writes it; a hand-written implementation writes it to
    /// have its members in every body, gRPC status and format of its own.
    ///
    /// # Errors
    ///
    /// [`Stop`] when the visitor stopped.
    fn visit_members(&self, visitor: &mut dyn MemberVisitor) -> Result<(), Stop> {
        let _ = visitor;
        Ok(())
    }

    /// Hands the body's `debug` members to `visitor`: what the debug block
    /// shows before the error's own text and its sources.
    ///
    /// # Errors
    ///
    /// [`Stop`] when the visitor stopped.
    fn visit_debug(&self, visitor: &mut dyn MemberVisitor) -> Result<(), Stop> {
        let _ = visitor;
        Ok(())
    }

    /// Whether [`visit_debug`](Self::visit_debug) visits anything. By
    /// default it visits to find out; the derive knows without.
    fn has_debug_members(&self) -> bool {
        crate::model::visits_any(|visitor| self.visit_debug(visitor))
    }

    /// Whether the public message replaces the error's own text (a 5xx
    /// without a `message` template): the debug block then shows that text
    /// as `display`.
    fn is_masked(&self) -> bool {
        false
    }

    /// The wire format the type was declared with.
    fn default_format(&self) -> Format {
        Format::Envelope
    }

    /// Appends the body in `format` to `out`.
    ///
    /// Never panics and always appends one valid JSON object. The derive
    /// writes it with its constant bodies; this default, for hand-written
    /// implementations, writes the members the trait's methods give,
    /// [`visit_members`](Self::visit_members) included.
    fn write_json(&self, out: &mut Vec<u8>, format: Format, options: &RenderOptions<'_>) {
        write_json(self, &DynMembers(self), out, format, options);
    }

    /// The body in `format`, without request id or debug block.
    fn to_json(&self, format: Format) -> String {
        self.to_json_with(format, &RenderOptions::new())
    }

    /// The body in `format`, with the request id and debug block the options
    /// ask for.
    fn to_json_with(&self, format: Format, options: &RenderOptions<'_>) -> String {
        let mut out = Vec::with_capacity(INITIAL_CAPACITY);
        self.write_json(&mut out, format, options);
        byte_writer::into_string(out)
    }
}

/// Displays the public message of an error.
pub(crate) struct PublicMessage<'a, E: ?Sized>(pub(crate) &'a E);

impl<E: ApiError + ?Sized> fmt::Display for PublicMessage<'_, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt_message(f)
    }
}

/// An error and its members as the writer sees them.
pub(crate) struct View<'a, E: ?Sized, M: ?Sized> {
    pub(crate) error: &'a E,
    pub(crate) members: &'a M,
}

impl<E: ApiError + ?Sized, M: Members + ?Sized> Parts for View<'_, E, M> {
    fn status(&self) -> StatusCode {
        self.error.status()
    }

    fn code(&self) -> &'static str {
        self.error.code()
    }

    fn static_message(&self) -> Option<&'static str> {
        self.error.static_message()
    }

    fn fmt_message(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.error.fmt_message(f)
    }

    fn fmt_display(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.error, f)
    }

    fn field(&self) -> Option<&str> {
        self.error.field()
    }

    fn field_location(&self) -> FieldLocation {
        self.error.field_location()
    }

    fn doc_url(&self) -> Option<&'static str> {
        self.error.doc_url()
    }

    fn source(&self) -> Option<&(dyn Error + 'static)> {
        self.error.source()
    }

    fn has_debug_members(&self) -> bool {
        self.members.has_debug_members()
    }

    fn is_masked(&self) -> bool {
        self.members.is_masked()
    }

    fn visit_members(&self, visitor: &mut JsonMembers<'_, '_>) -> Result<(), serde_json::Error> {
        self.members.visit_members(visitor)
    }

    fn visit_debug(&self, visitor: &mut JsonMembers<'_, '_>) -> Result<(), serde_json::Error> {
        self.members.visit_debug(visitor)
    }

    fn write_message(&self, writer: &mut JsonMessage<'_, '_>) -> Result<bool, fmt::Error> {
        self.members.write_message(writer)
    }

    fn skeleton(&self, layout: api_error_wire::Layout) -> Option<(&'static str, &'static [u32])> {
        self.members.skeleton(layout)
    }

    fn domain(&self) -> Option<&'static str> {
        self.error.domain()
    }

    fn retry_after(&self) -> Option<Duration> {
        self.error.retry_after()
    }

    fn grpc_code(&self) -> GrpcCode {
        self.error.grpc_code()
    }
    fn as_dyn(&self) -> &dyn Parts {
        self
    }

    fn visit_model(&self, debug: bool, visitor: &mut dyn MemberVisitor) -> Result<(), Stop> {
        let mut visitor = crate::model::DynVisitor(visitor);
        if debug {
            self.members.visit_debug(&mut visitor)
        } else {
            self.members.visit_members(&mut visitor)
        }
    }

    fn localized(&self, locale: &str) -> Option<Cow<'static, str>> {
        let (message, _) = self.error.localized_message_for(&[locale])?;
        Some(message)
    }

    fn item_locale(&self, locale: &str) -> Option<crate::options::ItemLocale> {
        #[cfg(feature = "fluent")]
        {
            self.error.__catalogs_of()?.item_locale(locale)
        }
        #[cfg(not(feature = "fluent"))]
        {
            let _ = locale;
            None
        }
    }
}

/// An error whose message is a translation the derive compiled: the
/// message, its place in the skeletons and the bodies are the locale's,
/// the rest the error's.
struct InLocaleView<'a, E: ?Sized, M: ?Sized> {
    view: View<'a, E, M>,
    in_locale: InLocale,
    /// The locale the `errors` items are translated into.
    items: Option<crate::options::ItemLocale>,
}

impl<'a, E: ApiError + ?Sized, M: Members + ?Sized> InLocaleView<'a, E, M> {
    /// `error` in the locale of `in_locale`, its `errors` items in the
    /// locale of `items` or else of the translation.
    fn new(
        error: &'a E,
        members: &'a M,
        in_locale: InLocale,
        items: Option<crate::options::ItemLocale>,
    ) -> Self {
        #[cfg(feature = "fluent")]
        let items = items.or_else(|| {
            Some(crate::options::ItemLocale {
                catalogs: error.__catalogs_of()?,
                locale: in_locale.name,
            })
        });
        InLocaleView {
            view: View { error, members },
            in_locale,
            items,
        }
    }
}

impl<E: ApiError + ?Sized, M: Members + ?Sized> Parts for InLocaleView<'_, E, M> {
    fn status(&self) -> StatusCode {
        self.view.status()
    }
    fn code(&self) -> &'static str {
        self.view.code()
    }
    fn static_message(&self) -> Option<&'static str> {
        self.in_locale.message
    }
    fn fmt_message(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.in_locale.message {
            Some(message) => f.write_str(message),
            // Written by `write_message` wherever a body is: text is asked
            // for only by a writer that cannot take the pieces.
            None => match self.view.localized(self.in_locale.name) {
                Some(message) => f.write_str(&message),
                None => self.view.fmt_message(f),
            },
        }
    }
    fn fmt_display(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.view.fmt_display(f)
    }
    fn field(&self) -> Option<&str> {
        self.view.field()
    }
    fn field_location(&self) -> FieldLocation {
        self.view.field_location()
    }
    fn doc_url(&self) -> Option<&'static str> {
        self.view.doc_url()
    }
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        self.view.source()
    }
    fn has_debug_members(&self) -> bool {
        self.view.has_debug_members()
    }
    fn is_masked(&self) -> bool {
        self.view.is_masked()
    }
    fn visit_members(&self, visitor: &mut JsonMembers<'_, '_>) -> Result<(), serde_json::Error> {
        visitor.items = self.items;
        self.view.visit_members(visitor)
    }
    fn visit_debug(&self, visitor: &mut JsonMembers<'_, '_>) -> Result<(), serde_json::Error> {
        self.view.visit_debug(visitor)
    }
    fn write_message(&self, writer: &mut JsonMessage<'_, '_>) -> Result<bool, fmt::Error> {
        match self.in_locale.message {
            Some(_) => Ok(false),
            None => self
                .view
                .members
                .write_message_in(self.in_locale.locale, writer),
        }
    }
    fn skeleton(&self, layout: api_error_wire::Layout) -> Option<(&'static str, &'static [u32])> {
        let skeletons = self.in_locale.skeletons?;
        crate::__private::skeleton_in(skeletons, layout)
    }
    fn domain(&self) -> Option<&'static str> {
        self.view.domain()
    }
    fn retry_after(&self) -> Option<Duration> {
        self.view.retry_after()
    }
    fn grpc_code(&self) -> GrpcCode {
        self.view.grpc_code()
    }
    fn as_dyn(&self) -> &dyn Parts {
        self
    }
    fn visit_model(&self, debug: bool, visitor: &mut dyn MemberVisitor) -> Result<(), Stop> {
        match (debug, self.items) {
            (false, Some(items)) => self
                .view
                .visit_model(debug, &mut TranslatedItems::new(visitor, items)),
            _ => self.view.visit_model(debug, visitor),
        }
    }
}

/// Appends the JSON body of `error` to `out`: what the derived
/// [`ApiError::write_json`] calls.
///
/// A body that is the same for every value is copied, the request id of a
/// 5xx spliced in where the layout puts it.
#[doc(hidden)]
pub fn write_json<E, M>(
    error: &E,
    members: &M,
    out: &mut Vec<u8>,
    format: Format,
    options: &RenderOptions<'_>,
) where
    E: ApiError + ?Sized,
    M: Members + ?Sized,
{
    write_planned(error, members, out, format, options, true);
}

/// [`write_json`], from a constant body unless `constants` is off.
#[inline]
fn write_planned<E, M>(
    error: &E,
    members: &M,
    out: &mut Vec<u8>,
    format: Format,
    options: &RenderOptions<'_>,
    constants: bool,
) where
    E: ApiError + ?Sized,
    M: Members + ?Sized,
{
    match plan(members, format, options, constants) {
        Plan::Constant(body) => write_const(
            body,
            error.status().is_server_error(),
            &mut Out(out),
            options,
        ),
        Plan::InLocale(in_locale) => {
            let (view, rest) = in_locale_view(error, members, in_locale, options);
            render(&view, &mut Out(out), format, &rest);
        }
        Plan::Render => render(&View { error, members }, &mut Out(out), format, options),
    }
}

/// `error` in a translation the derive compiled, and the options that
/// render it: the locale and the `errors` items' locale taken out, the
/// view having both.
fn in_locale_view<'a, 'o, E: ApiError + ?Sized, M: Members + ?Sized>(
    error: &'a E,
    members: &'a M,
    in_locale: InLocale,
    options: &RenderOptions<'o>,
) -> (InLocaleView<'a, E, M>, RenderOptions<'o>) {
    let mut rest = *options;
    rest.locale = None;
    let items = rest.items.take();
    (InLocaleView::new(error, members, in_locale, items), rest)
}

/// How a body is written.
enum Plan {
    /// A constant, copied.
    Constant(ConstBody),
    /// In a translation the derive compiled.
    InLocale(InLocale),
    /// Member by member, as the options ask.
    Render,
}

/// How the body of `members` in `format` is written for `options`: a
/// constant (of the source language or the options' locale) unless the
/// debug block may make it longer or `constants` is off.
#[inline]
fn plan<M: Members + ?Sized>(
    members: &M,
    format: Format,
    options: &RenderOptions<'_>,
    constants: bool,
) -> Plan {
    let constants = constants && !options.debug;
    match (options.message, options.locale) {
        (None, Some(locale)) => {
            let Some(in_locale) = members.in_locale(locale) else {
                return Plan::Render;
            };
            if constants {
                if let Some(body) = members.const_body_in_locale(in_locale, format) {
                    return Plan::Constant(body);
                }
            }
            Plan::InLocale(in_locale)
        }
        (None, None) if constants => match members.const_body(format) {
            Some(body) => Plan::Constant(body),
            None => Plan::Render,
        },
        _ => Plan::Render,
    }
}

/// The body of `error` in `format` as `options` ask for it, rendered
/// member by member, never copied from a constant: what a table of
/// constant bodies keeps.
pub(crate) fn render_fresh<E: ApiError + Members + ?Sized>(
    error: &E,
    format: Format,
    options: &RenderOptions<'_>,
) -> String {
    let mut out = Vec::with_capacity(INITIAL_CAPACITY);
    write_planned(error, error, &mut out, format, options, false);
    byte_writer::into_string(out)
}

/// The JSON body of `error`, in one allocation of its length when it is
/// short: what the derived [`ApiError::to_json_with`] calls.
#[doc(hidden)]
pub fn to_json<E, M>(error: &E, members: &M, format: Format, options: &RenderOptions<'_>) -> String
where
    E: ApiError + ?Sized,
    M: Members + ?Sized,
{
    let server_error = || error.status().is_server_error();
    match plan(members, format, options, true) {
        Plan::Constant(body) if !body.writes_request_id(server_error(), options.request_id) => {
            body.body.to_owned()
        }
        Plan::Constant(body) => {
            let place = body.request_id;
            let id = options.request_id.map_or(0, str::len);
            let length = body.body.len() + place.before.len() + place.after.len() + id + 16;
            let mut out = Vec::with_capacity(length);
            write_const(body, server_error(), &mut Out(&mut out), options);
            byte_writer::into_string(out)
        }
        Plan::InLocale(in_locale) => {
            let (view, rest) = in_locale_view(error, members, in_locale, options);
            render_string(&view, format, &rest)
        }
        Plan::Render => render_string(&View { error, members }, format, options),
    }
}
