use crate::error::{ApiError, PublicMessage};
use crate::field_errors::{BodyErrors, FieldError};
use crate::format::Format;
use crate::members::{Members, Visitor};
use crate::RenderOptions;
use api_error_wire::{names, walk, walk_debug, DebugSink, Head, Sink};
use serde::ser::{SerializeMap, SerializeSeq, Serializer};
use serde::Serialize;
use std::cell::Cell;
use std::fmt;

struct MapVisitor<'m, M> {
    map: &'m mut M,
    format: Format,
}

impl<M: SerializeMap> Visitor for MapVisitor<'_, M> {
    type Error = M::Error;

    fn member<T: Serialize>(&mut self, name: &'static str, value: &T) -> Result<(), M::Error> {
        self.map.serialize_entry(name, value)
    }

    fn errors(&mut self, errors: &[FieldError]) -> Result<(), M::Error> {
        let format = self.format;
        self.map
            .serialize_entry(names::ERRORS, &BodyErrors { errors, format })?;
        match BodyErrors::split(errors) {
            (_, 0) => Ok(()),
            (_, omitted) => self.map.serialize_entry(names::ERRORS_OMITTED, &omitted),
        }
    }
}

/// Serializes the public message as a string, formatting it straight into the
/// output when it has placeholders.
struct MessageValue<'a, E: ?Sized>(&'a E);

impl<E: ApiError + ?Sized> Serialize for MessageValue<'_, E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0.static_message() {
            Some(message) => serializer.serialize_str(message),
            None => {
                let message = Guarded::new(PublicMessage(self.0));
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
        for error in crate::chain::sources(Some(self.0)) {
            seq.serialize_element(&Own(error) as &dyn ErasedDisplay)?;
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

/// The debug block as a serde map, laid out by [`walk_debug`].
struct DebugBlock<'a, 'h, E: ?Sized, M: ?Sized> {
    error: &'a E,
    members: &'a M,
    format: Format,
    head: &'h Head<'h>,
}

impl<E: ApiError + ?Sized, M: Members + ?Sized> Serialize for DebugBlock<'_, '_, E, M> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut sink = DebugMap {
            map: serializer.serialize_map(None)?,
            error: self.error,
            members: self.members,
            format: self.format,
        };
        walk_debug(self.head, &mut sink)?;
        sink.map.end()
    }
}

struct DebugMap<'a, S, E: ?Sized, M: ?Sized> {
    map: S,
    error: &'a E,
    members: &'a M,
    format: Format,
}

impl<S: SerializeMap, E: ApiError + ?Sized, M: Members + ?Sized> DebugSink
    for DebugMap<'_, S, E, M>
{
    type Error = S::Error;

    fn debug_members(&mut self) -> Result<(), S::Error> {
        self.members.visit_debug(&mut MapVisitor {
            map: &mut self.map,
            format: self.format,
        })
    }

    fn display(&mut self, name: &'static str) -> Result<(), S::Error> {
        self.map
            .serialize_entry(name, &Own(self.error) as &dyn ErasedDisplay)
    }

    fn source_chain(&mut self, name: &'static str) -> Result<(), S::Error> {
        match self.error.source() {
            Some(source) => self.map.serialize_entry(name, &SourceChain(source)),
            None => Ok(()),
        }
    }
}

/// A body ready to serialize: the error, its members, the format and the
/// per-request options.
#[doc(hidden)]
pub struct Body<'a, E: ?Sized, M: ?Sized> {
    error: &'a E,
    members: &'a M,
    format: Format,
    options: &'a RenderOptions<'a>,
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
        }
    }

    fn serialize_object<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let view = crate::error::View {
            error: self.error,
            members: self.members,
        };
        let head = crate::byte_writer::head(&view, true, self.options.debug);
        let mut sink = MapSink {
            map: serializer.serialize_map(None)?,
            body: self,
        };
        walk(self.format, &head, &mut sink)?;
        sink.map.end()
    }
}

/// Serializes a body's members into a serde map, as the walk asks. The
/// envelope's outer object is [`Body`]'s, around this one.
struct MapSink<'b, 'a, S, E: ?Sized, M: ?Sized> {
    map: S,
    body: &'b Body<'a, E, M>,
}

impl<S: SerializeMap, E: ApiError + ?Sized, M: Members + ?Sized> Sink for MapSink<'_, '_, S, E, M> {
    type Error = S::Error;

    fn open(&mut self, _format: Format) -> Result<(), S::Error> {
        Ok(())
    }

    fn text(&mut self, name: &'static str, value: &str) -> Result<(), S::Error> {
        self.map.serialize_entry(name, value)
    }

    fn status(&mut self, name: &'static str, status: u16) -> Result<(), S::Error> {
        self.map.serialize_entry(name, &status)
    }

    fn message(&mut self, name: &'static str) -> Result<(), S::Error> {
        self.map
            .serialize_entry(name, &MessageValue(self.body.error))
    }

    fn members(&mut self) -> Result<(), S::Error> {
        self.body.members.visit_members(&mut MapVisitor {
            map: &mut self.map,
            format: self.body.format,
        })
    }

    fn request_id(&mut self, name: &'static str) -> Result<(), S::Error> {
        match self.body.options.request_id {
            Some(request_id) => self.map.serialize_entry(name, request_id),
            None => Ok(()),
        }
    }

    fn debug(&mut self, name: &'static str, head: &Head<'_>) -> Result<(), S::Error> {
        self.map.serialize_entry(
            name,
            &DebugBlock {
                error: self.body.error,
                members: self.body.members,
                format: self.body.format,
                head,
            },
        )
    }

    fn close(&mut self, _format: Format) -> Result<(), S::Error> {
        Ok(())
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
        if self.format.is_nested() {
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

/// The debug block of `error` as compact JSON, laid out by [`walk_debug`]:
/// what gRPC's `DebugInfo.detail` carries.
pub(crate) fn debug_block_json<E, M>(error: &E, members: &M, head: &Head<'_>) -> String
where
    E: ApiError + ?Sized,
    M: Members + ?Sized,
{
    let block = DebugBlock {
        error,
        members,
        format: Format::Envelope,
        head,
    };
    // A debug member that does not serialize leaves the block empty.
    serde_json::to_string(&block).unwrap_or_else(|_| String::from("{}"))
}
