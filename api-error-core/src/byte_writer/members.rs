//! The writers of a body's members and of its message, straight into the
//! output.

use super::{Escaping, Out};
use crate::field_errors::{BodyErrors, FieldError};
use crate::members::{Scalar, Visitor};
use api_error_wire::{ItemText, Layout};
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
}

impl JsonMembers<'_, '_> {
    fn name(&mut self, name: &str) {
        let comma = !std::mem::take(&mut self.first);
        self.out.put_name(name, comma);
    }
}

impl Visitor for JsonMembers<'_, '_> {
    type Error = serde_json::Error;

    fn member<T: Serialize>(
        &mut self,
        name: &'static str,
        value: &T,
    ) -> Result<(), serde_json::Error> {
        self.name(name);
        value.serialize(&mut serde_json::Serializer::new(&mut *self.out))
    }

    fn member_scalar<T: Serialize + ?Sized>(
        &mut self,
        name: &'static str,
        scalar: Scalar<'_>,
        _value: &T,
    ) -> Result<(), serde_json::Error> {
        self.name(name);
        let mut digits = [0; 20];
        match scalar {
            Scalar::Text(text) => self.out.put_str(text),
            Scalar::Unsigned(n) => self.out.put(api_error_wire::decimal(n, &mut digits)),
            Scalar::Signed(n) => {
                if n < 0 {
                    self.out.put(b"-");
                }
                self.out
                    .put(api_error_wire::decimal(n.unsigned_abs(), &mut digits));
            }
            Scalar::Bool(b) => self.out.put(if b { b"true" } else { b"false" }),
        }
        Ok(())
    }

    fn errors(&mut self, errors: &[FieldError]) -> Result<(), serde_json::Error> {
        self.name(self.errors);
        let (listed, omitted) = BodyErrors::split(errors);
        self.omitted = omitted;
        let text = ItemText::of(self.layout);
        let out = &mut *self.out;
        out.put(b"[");
        for (i, error) in listed.iter().enumerate() {
            if i > 0 {
                out.put(b",");
            }
            out.put(text.open.as_bytes());
            out.put_item_value(text.first, error);
            out.put(text.between.as_bytes());
            out.put_item_value(text.second, error);
            out.put(b"\"");
            if let Some(code) = &error.code {
                out.put(text.code.as_bytes());
                out.put_str(code);
            }
            out.put(b"}");
        }
        out.put(b"]");
        Ok(())
    }
}
