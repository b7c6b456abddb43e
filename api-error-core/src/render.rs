use crate::error::ApiError;
use crate::field_errors::{BodyErrors, FieldError};
use crate::format::{reason_phrase, Format};
use serde::ser::{SerializeMap, SerializeSeq, Serializer};
use serde::Serialize;
use std::cell::Cell;
use std::fmt;

/// Room for a typical body, so most renders grow the buffer once at most.
pub(crate) const INITIAL_CAPACITY: usize = 160;

/// How deep the debug block follows an error's source chain.
const MAX_SOURCE_CHAIN: usize = 16;

/// Per-request context of a render: what the framework layer knows and the
/// error value does not.
///
/// ```
/// use api_error::RenderOptions;
///
/// let options = RenderOptions::new().request_id("req_xxxxx").debug(true);
/// assert_eq!(options.request_id, Some("req_xxxxx"));
/// assert!(options.debug);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct RenderOptions<'a> {
    /// The request id: written as `request_id` in the body of 5xx responses.
    pub request_id: Option<&'a str>,
    /// Whether the `debug` block is written (`debug` members, the real
    /// message of a masked 5xx, the source chain). Only a server in test mode
    /// turns this on.
    pub debug: bool,
}

impl<'a> RenderOptions<'a> {
    /// No request id, no debug block.
    #[must_use]
    pub const fn new() -> Self {
        RenderOptions {
            request_id: None,
            debug: false,
        }
    }

    /// Sets the request id.
    #[must_use]
    pub const fn request_id(mut self, request_id: &'a str) -> Self {
        self.request_id = Some(request_id);
        self
    }

    /// Turns the debug block on or off.
    #[must_use]
    pub const fn debug(mut self, debug: bool) -> Self {
        self.debug = debug;
        self
    }
}

/// The parts of a body that the [`ApiError`] trait does not expose: extras,
/// the `errors` list, debug members. Implemented by the derive.
#[doc(hidden)]
pub trait Members {
    /// Extras in declaration order, then `errors`.
    fn visit_members<V: Visitor>(&self, _visitor: &mut V) -> Result<(), V::Error> {
        Ok(())
    }

    /// The `debug` members.
    fn visit_debug<V: Visitor>(&self, _visitor: &mut V) -> Result<(), V::Error> {
        Ok(())
    }

    /// Whether [`visit_debug`](Self::visit_debug) visits anything.
    fn has_debug_members(&self) -> bool {
        false
    }

    /// Whether the public message replaces the error's own text.
    fn is_masked(&self) -> bool {
        false
    }

    /// The whole body, when it does not depend on the value.
    fn const_body(&self, _format: Format) -> Option<&'static str> {
        None
    }
}

/// Receives the members of a body in order.
#[doc(hidden)]
pub trait Visitor {
    type Error;

    fn member<T: ?Sized + Serialize>(
        &mut self,
        name: &'static str,
        value: &T,
    ) -> Result<(), Self::Error>;

    /// The `errors` list: a member like the others, which a JSON writer
    /// writes without going through serde.
    fn errors(&mut self, errors: &[FieldError]) -> Result<(), Self::Error> {
        self.member("errors", errors)
    }
}

/// The members of a type that exposes nothing beyond the trait.
#[doc(hidden)]
pub struct NoMembers;

impl Members for NoMembers {}

struct MapVisitor<'m, M> {
    map: &'m mut M,
    format: Format,
}

impl<M: SerializeMap> Visitor for MapVisitor<'_, M> {
    type Error = M::Error;

    fn member<T: ?Sized + Serialize>(
        &mut self,
        name: &'static str,
        value: &T,
    ) -> Result<(), M::Error> {
        self.map.serialize_entry(name, value)
    }

    fn errors(&mut self, errors: &[FieldError]) -> Result<(), M::Error> {
        let format = self.format;
        self.map
            .serialize_entry("errors", &BodyErrors { errors, format })?;
        match BodyErrors::split(errors) {
            (_, 0) => Ok(()),
            (_, omitted) => self.map.serialize_entry("errors_omitted", &omitted),
        }
    }
}

/// Displays the public message of an error.
pub(crate) struct PublicMessage<'a, E: ?Sized>(pub(crate) &'a E);

impl<E: ApiError + ?Sized> fmt::Display for PublicMessage<'_, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt_message(f)
    }
}

/// Serializes the public message as a string, formatting it straight into the
/// output when it has placeholders.
struct MessageValue<'a, E: ?Sized> {
    error: &'a E,
    forced: Option<&'static str>,
}

impl<E: ApiError + ?Sized> Serialize for MessageValue<'_, E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.forced.or_else(|| self.error.static_message()) {
            Some(message) => serializer.serialize_str(message),
            None => {
                let message = Guarded::new(PublicMessage(self.error));
                let result = serializer.collect_str(&message);
                if message.failed.get() {
                    return Err(serde::ser::Error::custom(
                        "the message's Display implementation returned an error",
                    ));
                }
                result
            }
        }
    }
}

/// Displays a value whose `Display` may fail on its own, recording the
/// failure instead of returning it: serde_json's `collect_str` panics when a
/// `Display` returns an error that its writer did not cause. An error of the
/// writer itself is still returned.
struct Guarded<T> {
    value: T,
    failed: Cell<bool>,
}

impl<T> Guarded<T> {
    fn new(value: T) -> Self {
        Guarded {
            value,
            failed: Cell::new(false),
        }
    }
}

impl<T: fmt::Display> fmt::Display for Guarded<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = Tracked { f, failed: false };
        match fmt::write(&mut out, format_args!("{}", self.value)) {
            Err(fmt::Error) if !out.failed => {
                self.failed.set(true);
                Ok(())
            }
            result => result,
        }
    }
}

/// A formatter that remembers whether writing to it failed.
struct Tracked<'a, 'b> {
    f: &'a mut fmt::Formatter<'b>,
    failed: bool,
}

impl fmt::Write for Tracked<'_, '_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let result = self.f.write_str(s);
        self.failed |= result.is_err();
        result
    }
}

/// Displays an error with its own `Display`.
struct Own<'a, E: ?Sized>(&'a E);

impl<E: fmt::Display + ?Sized> fmt::Display for Own<'_, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.0, f)
    }
}

struct SourceChain<'a>(&'a (dyn std::error::Error + 'static));

impl Serialize for SourceChain<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(None)?;
        let mut next = Some(self.0);
        let mut depth = 0;
        while let Some(error) = next {
            if depth == MAX_SOURCE_CHAIN {
                break;
            }
            seq.serialize_element(&Own(error) as &dyn ErasedDisplay)?;
            next = error.source();
            depth += 1;
        }
        seq.end()
    }
}

trait ErasedDisplay: fmt::Display {}
impl<T: fmt::Display + ?Sized> ErasedDisplay for T {}

impl Serialize for dyn ErasedDisplay + '_ {
    /// A debug entry whose `Display` fails keeps what it wrote before failing.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&Guarded::new(self))
    }
}

struct DebugBlock<'a, E: ?Sized, M: ?Sized> {
    error: &'a E,
    members: &'a M,
    format: Format,
}

impl<E: ApiError + ?Sized, M: Members + ?Sized> Serialize for DebugBlock<'_, E, M> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        self.members.visit_debug(&mut MapVisitor {
            map: &mut map,
            format: self.format,
        })?;
        if self.members.is_masked() {
            map.serialize_entry("display", &Own(self.error) as &dyn ErasedDisplay)?;
        }
        if let Some(source) = self.error.source() {
            map.serialize_entry("source_chain", &SourceChain(source))?;
        }
        map.end()
    }
}

/// Whether the body carries the debug block.
fn show_debug<E, M>(error: &E, members: &M, options: &RenderOptions<'_>) -> bool
where
    E: ApiError + ?Sized,
    M: Members + ?Sized,
{
    options.debug
        && (members.has_debug_members() || members.is_masked() || error.source().is_some())
}

/// A body ready to serialize: the error, its members, the format and the
/// per-request options.
#[doc(hidden)]
pub struct Body<'a, E: ?Sized, M: ?Sized> {
    error: &'a E,
    members: &'a M,
    format: Format,
    options: &'a RenderOptions<'a>,
    /// Replaces the message: the last resort when the error's own formatting fails.
    forced_message: Option<&'static str>,
}

impl<'a, E: ApiError + ?Sized, M: Members + ?Sized> Body<'a, E, M> {
    pub fn new(
        error: &'a E,
        members: &'a M,
        format: Format,
        options: &'a RenderOptions<'a>,
    ) -> Self {
        Body {
            error,
            members,
            format,
            options,
            forced_message: None,
        }
    }

    fn serialize_object<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let error = self.error;
        let status = error.status();
        let message = MessageValue {
            error,
            forced: self.forced_message,
        };
        let mut map = serializer.serialize_map(None)?;
        match self.format {
            Format::Envelope => {
                map.serialize_entry("code", error.code())?;
                map.serialize_entry("message", &message)?;
            }
            Format::Flat => {
                map.serialize_entry("error", reason_phrase(status))?;
                map.serialize_entry("message", &message)?;
            }
            Format::Problem => {
                map.serialize_entry("type", error.doc_url().unwrap_or("about:blank"))?;
                map.serialize_entry("title", reason_phrase(status))?;
                map.serialize_entry("status", &status.as_u16())?;
                map.serialize_entry("detail", &message)?;
                map.serialize_entry("code", error.code())?;
            }
        }
        if let Some(field) = error.field() {
            map.serialize_entry("field", field)?;
        }
        self.members.visit_members(&mut MapVisitor {
            map: &mut map,
            format: self.format,
        })?;
        if self.format != Format::Problem {
            if let Some(doc_url) = error.doc_url() {
                map.serialize_entry("doc_url", doc_url)?;
            }
        }
        if let Some(request_id) = self.options.request_id {
            if status.is_server_error() {
                map.serialize_entry("request_id", request_id)?;
            }
        }
        if show_debug(error, self.members, self.options) {
            map.serialize_entry(
                "debug",
                &DebugBlock {
                    error,
                    members: self.members,
                    format: self.format,
                },
            )?;
        }
        map.end()
    }
}

struct Object<'b, 'a, E: ?Sized, M: ?Sized>(&'b Body<'a, E, M>);

impl<E: ApiError + ?Sized, M: Members + ?Sized> Serialize for Object<'_, '_, E, M> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize_object(serializer)
    }
}

impl<E: ApiError + ?Sized, M: Members + ?Sized> Serialize for Body<'_, E, M> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.format == Format::Envelope {
            let mut map = serializer.serialize_map(Some(1))?;
            map.serialize_entry("error", &Object(self))?;
            map.end()
        } else {
            self.serialize_object(serializer)
        }
    }
}

/// Serializes the body of `error` with any serde serializer: what the derived
/// `Serialize` calls.
#[doc(hidden)]
pub fn serialize_body<E, M, S>(
    error: &E,
    members: &M,
    format: Format,
    options: &RenderOptions<'_>,
    serializer: S,
) -> Result<S::Ok, S::Error>
where
    E: ApiError + ?Sized,
    M: Members + ?Sized,
    S: Serializer,
{
    Body::new(error, members, format, options).serialize(serializer)
}

pub(crate) fn into_string(out: Vec<u8>) -> String {
    String::from_utf8(out)
        .unwrap_or_else(|err| String::from_utf8_lossy(err.as_bytes()).into_owned())
}
