//! The JSON writer behind `write_json` and `to_json`: the bytes the serde
//! path (`render::Body`) gives, written straight to the output. The fixed
//! parts of a body are copied, only strings and members go through escaping
//! and serde.
//!
//! The writer sees an error through [`Parts`]. The writer of the walked
//! layouts (envelope, flat, problem) is generic over it when no translation
//! applies: each derived type gets its own copy, which calls the type's
//! skeleton, message and member writers directly and has them inlined.
//! Everything else (the formats written from the model, a body with a
//! translation) is compiled once, in this crate, and reads the error
//! through the object-safe `Parts` vtable.

use crate::field_errors::FieldError;
use crate::format::Format;
use crate::members::ConstBody;
use crate::model::{MemberVisitor, Stop};
use crate::RenderOptions;
mod members;
mod modeled;
mod translated;

use members::{Items, Pass};
pub(crate) use members::{JsonMembers, JsonMessage};
pub(crate) use translated::{Translated, TranslatedItems};

use api_error_wire::skeleton::{self, Hole};
use api_error_wire::{
    escape, names, needs_escape, walk, walk_debug, DebugSink, Head, ItemValue, Layout, Shape, Sink,
    MASKED_MESSAGE,
};
use http::StatusCode;
use std::cell::Cell;
use std::error::Error;
use std::fmt;
use std::io;

/// Room for a typical body, so most renders grow the buffer once at most.
pub(crate) const INITIAL_CAPACITY: usize = 160;

/// The largest scratch buffer a thread keeps for [`render_string`].
const MAX_SCRATCH: usize = 16 * 1024;

thread_local! {
    /// Where [`to_json`] renders before copying the body into a string of
    /// its length.
    static SCRATCH: Cell<Vec<u8>> = const { Cell::new(Vec::new()) };
}

/// Where a body is written: the end of a buffer.
pub(crate) struct Out<'a>(pub(crate) &'a mut Vec<u8>);

impl Out<'_> {
    #[inline]
    fn put(&mut self, bytes: &[u8]) {
        self.0.extend_from_slice(bytes);
    }

    fn position(&self) -> usize {
        self.0.len()
    }

    fn truncate(&mut self, position: usize) {
        self.0.truncate(position);
    }

    fn reserve(&mut self, additional: usize) {
        self.0.reserve(additional);
    }

    /// `"name":`, after a comma unless it is the object's first member. A
    /// name is the layout's own or one the derive checked: it needs no
    /// escaping.
    #[inline]
    fn put_name(&mut self, name: &str, comma: bool) {
        debug_assert!(!name.bytes().any(needs_escape), "{name}");
        // One reservation for the four pieces.
        self.0.reserve(name.len() + 4);
        if comma {
            self.0.push(b',');
        }
        self.0.push(b'"');
        self.0.extend_from_slice(name.as_bytes());
        self.0.extend_from_slice(b"\":");
    }

    /// `s` as a JSON string.
    #[inline]
    fn put_str(&mut self, s: &str) {
        // Room for the string as it is and its quotes: the common case of
        // nothing to escape writes without growing.
        self.0.reserve(s.len() + 2);
        self.0.push(b'"');
        self.put_escaped(s);
        self.0.push(b'"');
    }

    /// The contents of a JSON string, escaped exactly as serde_json escapes
    /// them.
    #[inline]
    fn put_escaped(&mut self, s: &str) {
        escape(s, &mut |bytes| self.put(bytes));
    }

    /// A value of an item of `errors`, inside its quotes.
    #[inline(always)]
    fn put_item_value(&mut self, value: ItemValue, error: &FieldError) {
        match value {
            ItemValue::Field => self.put_escaped(&error.field),
            ItemValue::Message => self.put_escaped(&error.message),
            // A pointer needs no JSON escaping: it is percent-encoded.
            ItemValue::Pointer => {
                crate::field_path::write_pointer(&error.field, &mut |bytes| self.put(bytes));
            }
        }
    }

    /// What a `Display` writes, as a JSON string. An error is the
    /// `Display`'s own (writing here never fails); what it wrote before is
    /// kept and the string closed.
    fn put_display(&mut self, value: &dyn fmt::Display) -> fmt::Result {
        self.put(b"\"");
        let result = fmt::write(&mut Escaping(self), format_args!("{value}"));
        self.put(b"\"");
        result
    }
}

impl io::Write for Out<'_> {
    #[inline]
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.put(buf);
        Ok(buf.len())
    }

    #[inline]
    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.put(buf);
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Escapes what a `Display` writes into a JSON string.
struct Escaping<'o, 'a>(&'o mut Out<'a>);

impl fmt::Write for Escaping<'_, '_> {
    #[inline]
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.0.put_escaped(s);
        Ok(())
    }
}

/// An error and its members as the writer sees them: one vtable per type.
pub(crate) trait Parts {
    fn status(&self) -> StatusCode;
    fn code(&self) -> &'static str;
    fn static_message(&self) -> Option<&'static str>;
    fn fmt_message(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result;
    fn fmt_display(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result;
    fn field(&self) -> Option<&str>;
    fn field_location(&self) -> crate::FieldLocation;
    fn doc_url(&self) -> Option<&'static str>;
    fn source(&self) -> Option<&(dyn Error + 'static)>;
    fn has_debug_members(&self) -> bool;
    fn is_masked(&self) -> bool;
    fn visit_members(&self, visitor: &mut JsonMembers<'_, '_>) -> Result<(), serde_json::Error>;
    fn visit_debug(&self, visitor: &mut JsonMembers<'_, '_>) -> Result<(), serde_json::Error>;
    /// The message of a template of plain placeholders, piece by piece;
    /// `Ok(false)` for any other.
    fn write_message(&self, writer: &mut JsonMessage<'_, '_>) -> Result<bool, fmt::Error>;
    fn skeleton(&self, layout: Layout) -> Option<(&'static str, &'static [u32])>;
    fn domain(&self) -> Option<&'static str>;
    fn retry_after(&self) -> Option<std::time::Duration>;
    fn grpc_code(&self) -> crate::GrpcCode;
    /// The same error behind the vtable: what a writer generic over its
    /// parts hands to one that is not.
    fn as_dyn(&self) -> &dyn Parts;
    /// The members (or, with `debug`, the `debug` members) handed to a
    /// dyn-compatible visitor: how the formats written from the model read
    /// them.
    fn visit_model(&self, debug: bool, visitor: &mut dyn MemberVisitor) -> Result<(), Stop>;
    /// The message in `locale` of the error's catalogs, formatted; `None`
    /// without catalogs or a translation in `locale`.
    fn localized(&self, locale: &str) -> Option<std::borrow::Cow<'static, str>> {
        let _ = locale;
        None
    }
    /// The locale of the error's catalogs its `errors` items are
    /// translated into for `locale`.
    fn item_locale(&self, locale: &str) -> Option<crate::options::ItemLocale> {
        let _ = locale;
        None
    }
}

pub(crate) struct Message<'a>(pub(crate) &'a dyn Parts);

impl fmt::Display for Message<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt_message(f)
    }
}

pub(crate) struct Display<'a>(pub(crate) &'a dyn Parts);

impl fmt::Display for Display<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt_display(f)
    }
}

pub(crate) fn render_string<P: Parts + ?Sized>(
    parts: &P,
    format: Format,
    options: &RenderOptions<'_>,
) -> String {
    // Taken, not borrowed: a member's Serialize may render another error.
    let mut scratch = SCRATCH.with(Cell::take);
    scratch.clear();
    render(parts, &mut Out(&mut scratch), format, options);
    let body = match std::str::from_utf8(&scratch) {
        Ok(body) => body.to_owned(),
        Err(_) => String::from_utf8_lossy(&scratch).into_owned(),
    };
    if scratch.capacity() <= MAX_SCRATCH {
        SCRATCH.with(|cell| cell.set(scratch));
    }
    body
}

/// The body of `parts` as `options` ask for it. Generic: a body in a walked
/// layout of the source language is written with the type's own methods
/// called directly, which the compiler inlines into the walk.
#[inline]
pub(crate) fn render<P: Parts + ?Sized>(
    parts: &P,
    out: &mut Out<'_>,
    format: Format,
    options: &RenderOptions<'_>,
) {
    match (options.message, options.locale, options.items) {
        (None, None, None) => render_parts(parts, out, format, options),
        _ => Translated::with(parts.as_dyn(), options, |parts| {
            render_parts(parts, out, format, options);
        }),
    }
}

fn render_parts<P: Parts + ?Sized>(
    parts: &P,
    out: &mut Out<'_>,
    format: Format,
    options: &RenderOptions<'_>,
) {
    let start = out.position();
    if write_body(parts, true, out, format, options, None).is_ok() {
        return;
    }
    // A member's Serialize or the message's Display failed: answer with what
    // the trait alone guarantees, then with the masked message.
    out.truncate(start);
    if write_body(parts, false, out, format, options, None).is_ok() {
        return;
    }
    out.truncate(start);
    if write_body(parts, false, out, format, options, Some(MASKED_MESSAGE)).is_err() {
        out.truncate(start);
        out.put(b"{}");
    }
}

pub(crate) fn write_const(
    body: ConstBody,
    server_error: bool,
    out: &mut Out<'_>,
    options: &RenderOptions<'_>,
) {
    let request_id = match options.request_id {
        Some(request_id) if body.writes_request_id(server_error, Some(request_id)) => request_id,
        _ => {
            out.put(body.body.as_bytes());
            return;
        }
    };
    let place = body.request_id;
    let (head, tail) = body
        .body
        .as_bytes()
        .split_at(body.request_id_at.min(body.body.len()));
    out.reserve(body.body.len() + request_id.len() + place.before.len() + place.after.len());
    out.put(head);
    out.put(place.before.as_bytes());
    out.put_escaped(request_id);
    out.put(place.after.as_bytes());
    out.put(tail);
}

/// What the walk needs of an error, for both paths of a body. What only the
/// debug block needs is asked for only when it may be shown; without
/// `with_members`, the error has no debug members and is not masked.
pub(crate) fn head<P: Parts + ?Sized>(parts: &P, with_members: bool, debug: bool) -> Head<'_> {
    Head {
        status: parts.status().as_u16(),
        code: parts.code(),
        field: parts.field(),
        doc_url: parts.doc_url(),
        debug,
        has_debug_members: debug && with_members && parts.has_debug_members(),
        masked: debug && with_members && parts.is_masked(),
        has_source: debug && parts.source().is_some(),
    }
}

/// The body, as [`api_error_wire::walk`] lays it out. Without
/// `with_members`, as for [`NoMembers`](crate::serde_writer::NoMembers): no extras,
/// no `errors`, no debug members, not masked. An error means a member's
/// `Serialize` or the message's `Display` failed; `out` then holds a partial
/// body.
fn write_body<P: Parts + ?Sized>(
    parts: &P,
    with_members: bool,
    out: &mut Out<'_>,
    format: Format,
    options: &RenderOptions<'_>,
    forced_message: Option<&'static str>,
) -> Result<(), ()> {
    let layout = match format.shape() {
        Shape::Walked(layout) => layout,
        Shape::Modeled(modeled) => {
            let body = crate::formats::ModelBody {
                parts: parts.as_dyn(),
                modeled,
                options,
                with_members,
                forced_message,
            };
            return modeled::write(&body, out);
        }
    };
    let skeleton = match (with_members, forced_message) {
        (true, None) => parts.skeleton(layout),
        _ => None,
    };
    let mut sink = ByteSink {
        parts,
        out,
        layout,
        options,
        with_members,
        forced_message,
        first: skeleton.is_none(),
        omitted: 0,
    };
    match skeleton {
        Some(pieces) => sink.write_pieces(pieces),
        None => walk(layout, &head(parts, with_members, options.debug), &mut sink),
    }
}

/// Writes a body as JSON bytes, member by member as the walk asks.
struct ByteSink<'p, 'o, 'a, 'r, P: Parts + ?Sized> {
    parts: &'p P,
    out: &'o mut Out<'a>,
    layout: Layout,
    options: &'r RenderOptions<'r>,
    with_members: bool,
    forced_message: Option<&'static str>,
    /// Whether the next member is the first of its object.
    first: bool,
    /// How many field errors the `errors` list left out.
    omitted: usize,
}

impl<'a, P: Parts + ?Sized> ByteSink<'_, '_, 'a, '_, P> {
    /// A member's name: one of the layout's own, which need no escaping.
    fn name(&mut self, name: &str) {
        let comma = !std::mem::take(&mut self.first);
        self.out.put_name(name, comma);
    }

    fn members(&mut self, first: bool, errors: &'static str) -> JsonMembers<'_, 'a> {
        JsonMembers {
            out: &mut *self.out,
            first,
            layout: self.layout,
            errors,
            omitted: 0,
            pass: Pass::All,
            has_errors: false,
            has_extras: false,
            items: None,
        }
    }
}

impl<P: Parts + ?Sized> ByteSink<'_, '_, '_, '_, P> {
    /// The body as its skeleton lays it out: the literal runs copied, and
    /// between them what the walk would ask for at the same places.
    fn write_pieces(&mut self, (text, holes): (&str, &[u32])) -> Result<(), ()> {
        skeleton::for_each_piece(text, holes, |run, hole| {
            // Holes often follow each other.
            if !run.is_empty() {
                self.out.put(run);
            }
            match hole {
                None => Ok(()),
                Some(Hole::Message) => message_contents(self.parts, self.out),
                Some(hole @ Hole::Field) => match self.parts.field() {
                    Some(field) => self.text(hole.name(), field),
                    None => Ok(()),
                },
                Some(hole @ Hole::Members) => Sink::members(self, hole.name()),
                Some(hole @ Hole::ErrorsOmitted) => self.errors_omitted(hole.name()),
                Some(hole @ Hole::RequestId) => self.request_id(hole.name()),
                // What the debug block needs is asked for only when it may
                // be shown.
                Some(Hole::Debug) if !self.options.debug => Ok(()),
                Some(hole @ Hole::Debug) => {
                    let head = head(self.parts, true, self.options.debug);
                    match head.shows_debug() {
                        true => self.debug(hole.name(), &head),
                        false => Ok(()),
                    }
                }
            }
        })
    }
}

/// The message's contents, without its quotes. An error is the message's
/// `Display`'s own.
fn message_contents<P: Parts + ?Sized>(parts: &P, out: &mut Out<'_>) -> Result<(), ()> {
    match parts.write_message(&mut JsonMessage(out)) {
        Ok(true) => Ok(()),
        Ok(false) => fmt::write(
            &mut Escaping(out),
            format_args!("{}", Message(parts.as_dyn())),
        )
        .map_err(drop),
        Err(fmt::Error) => Err(()),
    }
}

impl<P: Parts + ?Sized> Sink for ByteSink<'_, '_, '_, '_, P> {
    type Error = ();

    fn open(&mut self, layout: Layout) -> Result<(), ()> {
        self.out.put(if layout.is_nested() {
            b"{\"error\":{"
        } else {
            b"{"
        });
        Ok(())
    }

    fn text(&mut self, name: &'static str, value: &str) -> Result<(), ()> {
        self.name(name);
        self.out.put_str(value);
        Ok(())
    }

    fn status(&mut self, name: &'static str, status: u16) -> Result<(), ()> {
        self.name(name);
        // A status has three digits.
        let digit = |n: u16| b'0' + (n % 10) as u8;
        self.out
            .put(&[digit(status / 100), digit(status / 10), digit(status)]);
        Ok(())
    }

    fn message(&mut self, name: &'static str) -> Result<(), ()> {
        self.name(name);
        match self.forced_message.or_else(|| self.parts.static_message()) {
            Some(message) => {
                self.out.put_str(message);
                Ok(())
            }
            None => {
                self.out.put(b"\"");
                message_contents(self.parts, self.out)?;
                self.out.put(b"\"");
                Ok(())
            }
        }
    }

    fn members(&mut self, errors: &'static str) -> Result<(), ()> {
        if !self.with_members {
            return Ok(());
        }
        let parts = self.parts;
        let mut members = ByteSink::members(self, false, errors);
        parts.visit_members(&mut members).map_err(drop)?;
        self.omitted = members.omitted;
        Ok(())
    }

    fn errors_omitted(&mut self, name: &'static str) -> Result<(), ()> {
        if self.omitted > 0 {
            self.name(name);
            let mut digits = [0; 20];
            self.out
                .put(api_error_wire::decimal(self.omitted as u64, &mut digits));
        }
        Ok(())
    }

    fn request_id(&mut self, name: &'static str) -> Result<(), ()> {
        match self.options.request_id {
            Some(request_id) => self.text(name, request_id),
            None => Ok(()),
        }
    }

    fn debug(&mut self, name: &'static str, head: &Head<'_>) -> Result<(), ()> {
        self.name(name);
        self.out.put(b"{");
        self.first = true;
        walk_debug(head, self)?;
        self.out.put(b"}");
        self.first = false;
        Ok(())
    }

    fn close(&mut self, layout: Layout) -> Result<(), ()> {
        self.out.put(if layout.is_nested() { b"}}" } else { b"}" });
        Ok(())
    }
}

impl<P: Parts + ?Sized> DebugSink for ByteSink<'_, '_, '_, '_, P> {
    type Error = ();

    fn debug_members(&mut self) -> Result<(), ()> {
        if !self.with_members {
            return Ok(());
        }
        let parts = self.parts;
        let first = self.first;
        let mut members = ByteSink::members(self, first, names::ERRORS);
        parts.visit_debug(&mut members).map_err(drop)?;
        self.first = members.first;
        Ok(())
    }

    fn display(&mut self, name: &'static str) -> Result<(), ()> {
        self.name(name);
        // A debug entry whose Display fails keeps what it wrote before.
        let _ = self.out.put_display(&Display(self.parts.as_dyn()));
        Ok(())
    }

    fn source_chain(&mut self, name: &'static str) -> Result<(), ()> {
        let Some(source) = self.parts.source() else {
            return Ok(());
        };
        self.name(name);
        self.out.put(b"[");
        for (depth, error) in crate::chain::sources(Some(source)).enumerate() {
            if depth > 0 {
                self.out.put(b",");
            }
            let _ = self.out.put_display(&error);
        }
        self.out.put(b"]");
        Ok(())
    }
}

/// The bytes of a body as a string; a body is always UTF-8.
pub(crate) fn into_string(out: Vec<u8>) -> String {
    String::from_utf8(out)
        .unwrap_or_else(|err| String::from_utf8_lossy(err.as_bytes()).into_owned())
}

#[cfg(test)]
mod tests {
    use super::Out;

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let all: String = (0..=0x7f_u8)
            .map(char::from)
            .chain(['é', '\u{2028}', '🦀'])
            .collect();
        let mut out = Vec::new();
        Out(&mut out).put_str(&all);
        assert_eq!(out, serde_json::to_vec(&all).unwrap());
    }
}
