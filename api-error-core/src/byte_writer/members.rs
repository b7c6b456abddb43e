//! The writers of a body's members and of its message, straight into the
//! output.

use super::{Escaping, Out};
use crate::field_errors::{BodyErrors, FieldError};
use crate::members::{Scalar, Visitor};
use crate::FieldLocation;
use api_error_wire::{ItemText, Layout, Modeled};
use http::StatusCode;
use serde::Serialize;
use std::fmt;

/// Writes a message template's pieces inside a JSON string.
pub(crate) struct JsonMessage<'o, 'a>(pub(super) &'o mut Out<'a>);

impl crate::members::MessageWriter for JsonMessage<'_, '_> {
    #[inline]
    fn literal(&mut self, escaped: &'static str) {
        self.0.put(escaped.as_bytes());
    }

    #[inline]
    fn text(&mut self, value: &str) {
        self.0.put_escaped(value);
    }

    fn display(&mut self, value: &dyn fmt::Display) -> fmt::Result {
        fmt::write(&mut Escaping(self.0), format_args!("{value}"))
    }
}

/// Writes each member of an object as `"name":value`, with the commas.
pub(crate) struct JsonMembers<'o, 'a> {
    pub(super) out: &'o mut Out<'a>,
    pub(super) first: bool,
    pub(super) layout: Layout,
    /// The name of the `errors` list.
    pub(super) errors: &'static str,
    /// How many field errors the list left out.
    pub(super) omitted: usize,
    /// What this walk over the members writes.
    pub(super) pass: Pass,
    /// Whether the error has an `errors` list, empty or not.
    pub(super) has_errors: bool,
    /// Whether the error has extras, written in this pass or not.
    pub(super) has_extras: bool,
    /// The locale the list's items are translated into.
    pub(crate) items: Option<crate::options::ItemLocale>,
}

/// What a walk over an error's members writes: the formats written from the
/// model write the extras and the `errors` list in different places, each in
/// a walk of its own.
#[derive(Clone, Copy)]
pub(crate) enum Pass {
    /// Every member, `errors` as the walked layout lists it.
    All,
    /// The extras; `errors` is counted, not written.
    Extras,
    /// The extras, each value as a string (Google's `ErrorInfo.metadata`):
    /// a string as it is, any other value as its compact JSON, `null` left
    /// out.
    Metadata,
    /// The `errors` list alone, its items as the format writes them.
    Errors(Items),
}

/// What the items of a format written from the model take from the error.
#[derive(Clone, Copy)]
pub(crate) struct Items {
    pub(crate) modeled: Modeled,
    /// The status as JSON:API writes it, in quotes.
    pub(crate) status: StatusCode,
    pub(crate) title: &'static str,
    /// The error's own code: a Microsoft detail's when it has none.
    pub(crate) code: &'static str,
    pub(crate) location: FieldLocation,
}

impl JsonMembers<'_, '_> {
    fn name(&mut self, name: &str) {
        let comma = !std::mem::take(&mut self.first);
        self.out.put_name(name, comma);
    }

    /// Turns the JSON value written from `start` on into what Google's
    /// metadata holds: a string stays, `null` goes with its name (written
    /// from `at`), any other value becomes the string of its text.
    fn metadata_value(&mut self, at: usize, first: bool, start: usize) {
        let value = &self.out.0[start..];
        match value.first() {
            Some(b'"') => {}
            _ if value == b"null" => {
                self.out.truncate(at);
                self.first = first;
            }
            // Compact JSON outside a string has no control characters:
            // quotes and backslashes are all a string needs escaped.
            _ => quote_in_place(self.out.0, start),
        }
    }
}

/// Makes the bytes of `buffer` from `start` on a JSON string of their text,
/// escaping its quotes and backslashes in place: compact JSON has no other
/// character a string escapes.
pub(super) fn quote_in_place(buffer: &mut Vec<u8>, start: usize) {
    let escapes = buffer[start..]
        .iter()
        .filter(|&&b| b == b'"' || b == b'\\')
        .count();
    let end = buffer.len();
    buffer.resize(end + escapes + 2, 0);
    let mut to = buffer.len() - 1;
    buffer[to] = b'"';
    for from in (start..end).rev() {
        let byte = buffer[from];
        to -= 1;
        buffer[to] = byte;
        if byte == b'"' || byte == b'\\' {
            to -= 1;
            buffer[to] = b'\\';
        }
    }
    buffer[start] = b'"';
}

impl Visitor for JsonMembers<'_, '_> {
    type Error = serde_json::Error;

    fn member<T: Serialize>(
        &mut self,
        name: &'static str,
        value: &T,
    ) -> Result<(), serde_json::Error> {
        self.has_extras = true;
        match self.pass {
            Pass::All | Pass::Extras => {}
            Pass::Metadata => {
                let (at, first) = (self.out.position(), self.first);
                self.name(name);
                let start = self.out.position();
                value.serialize(&mut serde_json::Serializer::new(&mut *self.out))?;
                self.metadata_value(at, first, start);
                return Ok(());
            }
            Pass::Errors(_) => return Ok(()),
        }
        self.name(name);
        value.serialize(&mut serde_json::Serializer::new(&mut *self.out))
    }

    fn member_scalar<T: Serialize + ?Sized>(
        &mut self,
        name: &'static str,
        scalar: Scalar<'_>,
        _value: &T,
    ) -> Result<(), serde_json::Error> {
        self.has_extras = true;
        // Google's metadata holds strings: a number or a boolean in quotes.
        let quoted = match self.pass {
            Pass::All | Pass::Extras => false,
            Pass::Metadata => true,
            Pass::Errors(_) => return Ok(()),
        };
        self.name(name);
        let mut digits = [0; 20];
        let (minus, text): (bool, &[u8]) = match scalar {
            Scalar::Text(text) => {
                self.out.put_str(text);
                return Ok(());
            }
            Scalar::Unsigned(n) => (false, api_error_wire::decimal(n, &mut digits)),
            Scalar::Signed(n) => (
                n < 0,
                api_error_wire::decimal(n.unsigned_abs(), &mut digits),
            ),
            Scalar::Bool(b) => (false, if b { b"true" } else { b"false" }),
        };
        if quoted {
            self.out.put(b"\"");
        }
        if minus {
            self.out.put(b"-");
        }
        self.out.put(text);
        if quoted {
            self.out.put(b"\"");
        }
        Ok(())
    }

    fn errors(&mut self, errors: &[FieldError]) -> Result<(), serde_json::Error> {
        let errors = crate::options::ItemLocale::over(self.items, errors);
        let errors = &*errors;
        let (listed, omitted) = BodyErrors::split(errors);
        self.omitted = omitted;
        self.has_errors = true;
        match self.pass {
            Pass::All => {}
            Pass::Extras | Pass::Metadata => return Ok(()),
            Pass::Errors(items) => {
                super::modeled::items_of(self.out, &mut self.first, items, listed);
                return Ok(());
            }
        }
        self.name(self.errors);
        let text = ItemText::of(self.layout);
        let out = &mut *self.out;
        out.put(b"[");
        for (i, error) in listed.iter().enumerate() {
            out.put(match i {
                0 => text.open.as_bytes(),
                _ => text.next.as_bytes(),
            });
            out.put_item_value(text.first, error);
            out.put(text.between.as_bytes());
            out.put_item_value(text.second, error);
            match &error.code {
                Some(code) => {
                    out.put(text.code.as_bytes());
                    out.put_str(code);
                    out.put(b"}");
                }
                None => out.put(text.close.as_bytes()),
            }
        }
        out.put(b"]");
        Ok(())
    }
}
