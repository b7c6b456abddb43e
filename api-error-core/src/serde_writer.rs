use crate::byte_writer::{Display, Message, Parts, Translated};
use crate::error::{ApiError, View};
use crate::field_errors::{BodyErrors, FieldError};
use crate::format::Format;
use crate::members::{Members, Visitor};
use crate::model::{MemberVisitor, Stop, Value};
use crate::RenderOptions;
use api_error_wire::{names, walk, walk_debug, DebugSink, Head, Layout, Shape, Sink};
use serde::ser::{SerializeMap, SerializeSeq, Serializer};
use serde::Serialize;
use std::cell::Cell;
use std::fmt;

struct MapVisitor<'m, M> {
    map: &'m mut M,
    layout: Layout,
    /// The name of the `errors` list.
    errors: &'static str,
    /// How many field errors the list left out.
    omitted: usize,
    /// The locale the list's items are translated into.
    items: Option<crate::options::ItemLocale>,
}

impl<M: SerializeMap> Visitor for MapVisitor<'_, M> {
    type Error = M::Error;

    fn member<T: Serialize>(&mut self, name: &'static str, value: &T) -> Result<(), M::Error> {
        self.map.serialize_entry(name, value)
    }

    fn errors(&mut self, errors: &[FieldError]) -> Result<(), M::Error> {
        let errors = crate::options::ItemLocale::over(self.items, errors);
        let errors = &*errors;
        let layout = self.layout;
        (_, self.omitted) = BodyErrors::split(errors);
        self.map
            .serialize_entry(self.errors, &BodyErrors { errors, layout })
    }
}

/// Serializes the public message as a string, formatting it straight into the
/// output when it has placeholders; `forced` stands for it when rendering
/// falls back.
pub(crate) struct MessageValue<'a> {
    pub(crate) parts: &'a dyn Parts,
    pub(crate) forced: Option<&'static str>,
}

impl Serialize for MessageValue<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.forced.or_else(|| self.parts.static_message()) {
            Some(message) => serializer.serialize_str(message),
            None => {
                let message = Guarded::new(Message(self.parts));
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

/// The debug block as a serde map, laid out by [`walk_debug`]: the one
/// serializer of it, for the serde path, the formats written from the model
/// and gRPC's `DebugInfo`.
pub(crate) struct DebugBlock<'a, 'h> {
    pub(crate) parts: &'a dyn Parts,
    pub(crate) head: &'h Head<'h>,
}

impl Serialize for DebugBlock<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut sink = DebugMap {
            map: serializer.serialize_map(None)?,
            parts: self.parts,
        };
        walk_debug(self.head, &mut sink)?;
        sink.map.end()
    }
}

struct DebugMap<'a, S> {
    map: S,
    parts: &'a dyn Parts,
}

impl<S: SerializeMap> DebugSink for DebugMap<'_, S> {
    type Error = S::Error;

    fn debug_members(&mut self) -> Result<(), S::Error> {
        let mut entries = Entries::new(&mut self.map);
        let result = self.parts.visit_model(true, &mut entries);
        entries.finish(result)
    }

    fn display(&mut self, name: &'static str) -> Result<(), S::Error> {
        self.map
            .serialize_entry(name, &GuardedDisplay(&Display(self.parts)))
    }

    fn source_chain(&mut self, name: &'static str) -> Result<(), S::Error> {
        match self.parts.source() {
            Some(source) => self.map.serialize_entry(name, &SourceChain(source)),
            None => Ok(()),
        }
    }
}

struct SourceChain<'a>(&'a (dyn std::error::Error + 'static));

impl Serialize for SourceChain<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(None)?;
        for error in crate::chain::sources(Some(self.0)) {
            seq.serialize_element(&GuardedDisplay(&error))?;
        }
        seq.end()
    }
}

/// A debug entry as a string: one whose `Display` fails keeps what it wrote
/// before failing.
struct GuardedDisplay<'a>(&'a dyn fmt::Display);

impl Serialize for GuardedDisplay<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&Guarded::new(self.0))
    }
}

/// Serializes the members a visitor is handed as entries of a serde map,
/// keeping the serializer's error when one fails. `errors` is left out: the
/// formats that use it write the list their own way.
pub(crate) struct Entries<'m, M: SerializeMap> {
    map: &'m mut M,
    error: Option<M::Error>,
}

impl<'m, M: SerializeMap> Entries<'m, M> {
    pub(crate) fn new(map: &'m mut M) -> Self {
        Entries { map, error: None }
    }

    /// The result of the walk: the serializer's error when it stopped it.
    pub(crate) fn finish(self, result: Result<(), Stop>) -> Result<(), M::Error> {
        match (result, self.error) {
            (Ok(()), _) => Ok(()),
            (Err(Stop), Some(error)) => Err(error),
            (Err(Stop), None) => Err(serde::ser::Error::custom("the error's member walk stopped")),
        }
    }
}

impl<M: SerializeMap> MemberVisitor for Entries<'_, M> {
    fn member(&mut self, name: &'static str, value: Value<'_>) -> Result<(), Stop> {
        self.map.serialize_entry(name, &value).map_err(|error| {
            self.error = Some(error);
            Stop
        })
    }

    fn errors(&mut self, _errors: &[FieldError]) -> Result<(), Stop> {
        Ok(())
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

    fn serialize_object<S: Serializer>(
        &self,
        layout: Layout,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        let view = View {
            error: self.error,
            members: self.members,
        };
        Translated::with(&view, self.options, |view| {
            let head = crate::byte_writer::head(view, true, self.options.debug);
            let mut sink = MapSink {
                map: serializer.serialize_map(None)?,
                body: self,
                view,
                layout,
                omitted: 0,
            };
            walk(layout, &head, &mut sink)?;
            sink.map.end()
        })
    }
}

/// Serializes a body's members into a serde map, as the walk asks. The
/// envelope's outer object is [`Body`]'s, around this one.
struct MapSink<'b, 'a, S, E: ?Sized, M: ?Sized> {
    map: S,
    body: &'b Body<'a, E, M>,
    view: &'b dyn Parts,
    layout: Layout,
    /// How many field errors the `errors` list left out.
    omitted: usize,
}

impl<S: SerializeMap, E: ApiError + ?Sized, M: Members + ?Sized> Sink for MapSink<'_, '_, S, E, M> {
    type Error = S::Error;

    fn text(&mut self, name: &'static str, value: &str) -> Result<(), S::Error> {
        self.map.serialize_entry(name, value)
    }

    fn status(&mut self, name: &'static str, status: u16) -> Result<(), S::Error> {
        self.map.serialize_entry(name, &status)
    }

    fn message(&mut self, name: &'static str) -> Result<(), S::Error> {
        self.map.serialize_entry(
            name,
            &MessageValue {
                parts: self.view,
                forced: None,
            },
        )
    }

    fn members(&mut self, errors: &'static str) -> Result<(), S::Error> {
        let mut visitor = MapVisitor {
            map: &mut self.map,
            layout: self.layout,
            errors,
            omitted: 0,
            items: self.body.options.items,
        };
        self.body.members.visit_members(&mut visitor)?;
        self.omitted = visitor.omitted;
        Ok(())
    }

    fn errors_omitted(&mut self, name: &'static str) -> Result<(), S::Error> {
        match self.omitted {
            0 => Ok(()),
            omitted => self.map.serialize_entry(name, &omitted),
        }
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
                parts: self.view,
                head,
            },
        )
    }
}

struct Object<'b, 'a, E: ?Sized, M: ?Sized>(&'b Body<'a, E, M>, Layout);

impl<E: ApiError + ?Sized, M: Members + ?Sized> Serialize for Object<'_, '_, E, M> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize_object(self.1, serializer)
    }
}

impl<E: ApiError + ?Sized, M: Members + ?Sized> Serialize for Body<'_, E, M> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.format.shape() {
            Shape::Walked(layout) if layout.is_nested() => {
                let mut map = serializer.serialize_map(Some(1))?;
                map.serialize_entry(names::ERROR, &Object(self, layout))?;
                map.end()
            }
            Shape::Walked(layout) => self.serialize_object(layout, serializer),
            Shape::Modeled(modeled) => {
                let view = View {
                    error: self.error,
                    members: self.members,
                };
                Translated::with(&view, self.options, |view| {
                    crate::formats::ModelBody {
                        parts: view,
                        modeled,
                        options: self.options,
                        with_members: true,
                        forced_message: None,
                    }
                    .serialize(serializer)
                })
            }
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

/// The debug block of `parts` as compact JSON: what gRPC's
/// `DebugInfo.detail` carries.
pub(crate) fn debug_block_json(parts: &dyn Parts, head: &Head<'_>) -> String {
    // A debug member that does not serialize leaves the block empty.
    serde_json::to_string(&DebugBlock { parts, head }).unwrap_or_else(|_| String::from("{}"))
}
