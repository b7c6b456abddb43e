//! The formats written from the model rather than laid out by the walk:
//! JSON:API, Google's AIP-193 and the Microsoft guidelines' error. Their
//! members nest, so each is a serde `Serialize` of the error's [`Parts`],
//! which a derived `Serialize` hands any serializer. `write_json` and
//! `to_json` write the same bytes without serde (`byte_writer::modeled`);
//! the property tests hold the two paths to each other, byte for byte.

mod google_json;
mod json_api;
mod microsoft;

use crate::byte_writer::{head, Parts};
use crate::field_errors::FieldError;
use crate::model::{MemberVisitor, Stop, Value};
use crate::serde_writer::{DebugBlock, Entries, MessageValue};
use crate::{RenderOptions, MAX_FIELD_ERRORS};
use api_error_wire::{names, Head, Modeled};
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

pub(crate) use google_json::read as read_google;
pub(crate) use json_api::read as read_json_api;
pub(crate) use microsoft::read as read_microsoft;

/// A body in a format written from the model. Without `with_members`, as
/// when a member failed to serialize: no extras, no `errors`, no debug
/// members; `forced_message` stands for a message whose `Display` failed.
pub(crate) struct ModelBody<'a> {
    pub(crate) parts: &'a dyn Parts,
    pub(crate) modeled: Modeled,
    pub(crate) options: &'a RenderOptions<'a>,
    pub(crate) with_members: bool,
    pub(crate) forced_message: Option<&'static str>,
}

impl Serialize for ModelBody<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.modeled {
            Modeled::JsonApi => single(serializer, names::ERRORS, &json_api::Objects(self)),
            Modeled::Google => google_json::serialize(self, serializer),
            Modeled::Microsoft => single(serializer, names::ERROR, &microsoft::Error(self)),
        }
    }
}

impl ModelBody<'_> {
    fn message(&self) -> MessageValue<'_> {
        MessageValue {
            parts: self.parts,
            forced: self.forced_message,
        }
    }

    fn head(&self) -> Head<'_> {
        head(self.parts, self.with_members, self.options.debug)
    }

    /// What the members hold, counted without serializing any.
    fn census(&self) -> Census {
        let mut census = Census::default();
        if self.with_members {
            // A walk that stops here stops again when the members are
            // written, and the body falls back then.
            let _ = self.parts.visit_model(false, &mut census);
        }
        census
    }

    /// The `request_id` a body of this error carries: a 5xx's, as in every
    /// format.
    pub(crate) fn request_id(&self) -> Option<&str> {
        self.options
            .request_id
            .filter(|_| self.parts.status().is_server_error())
    }

    /// Writes the extras as entries of `map`.
    fn extras<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        if !self.with_members {
            return Ok(());
        }
        let mut entries = Entries::new(map);
        let result = self.parts.visit_model(false, &mut entries);
        entries.finish(result)
    }

    /// Hands the listed field errors to `each`, in order: at most
    /// [`MAX_FIELD_ERRORS`].
    fn each_error<E: serde::ser::Error>(
        &self,
        each: impl FnMut(&FieldError) -> Result<(), E>,
    ) -> Result<(), E> {
        if !self.with_members {
            return Ok(());
        }
        let mut errors = EachError { each, error: None };
        let result = self.parts.visit_model(false, &mut errors);
        crate::model::finish(result, errors.error)
    }

    /// The extras, then the members every format keeps beside them:
    /// `errors_omitted`, the `doc_url` when the format has no place of its
    /// own for it, `request_id` (a 5xx's) and the debug block, as entries of
    /// `map`.
    fn rest<M: SerializeMap>(
        &self,
        map: &mut M,
        census: &Census,
        head: &Head<'_>,
        doc_url: Option<&str>,
    ) -> Result<(), M::Error> {
        self.extras(map)?;
        if census.omitted() > 0 {
            map.serialize_entry(names::ERRORS_OMITTED, &census.omitted())?;
        }
        if let Some(doc_url) = doc_url {
            map.serialize_entry(names::DOC_URL, doc_url)?;
        }
        if let Some(request_id) = self.request_id() {
            map.serialize_entry(names::REQUEST_ID, request_id)?;
        }
        if head.shows_debug() {
            map.serialize_entry(
                names::DEBUG,
                &DebugBlock {
                    parts: self.parts,
                    head,
                },
            )?;
        }
        Ok(())
    }

    /// Whether [`rest`](Self::rest) writes anything.
    fn has_rest(&self, census: &Census, head: &Head<'_>, doc_url: Option<&str>) -> bool {
        census.extras > 0
            || census.omitted() > 0
            || doc_url.is_some()
            || self.request_id().is_some()
            || head.shows_debug()
    }
}

/// An object of the members that are there, in order: what a
/// `#[derive(Serialize)]` struct with `skip_serializing_if` writes.
pub(super) struct Object<'a>(
    pub(super) &'a [(&'static str, Option<&'a dyn erased_serde::Serialize>)],
);

impl Serialize for Object<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let present = self.0.iter().filter(|(_, value)| value.is_some()).count();
        let mut map = serializer.serialize_map(Some(present))?;
        for (name, value) in self.0 {
            if let Some(value) = value {
                map.serialize_entry(name, value)?;
            }
        }
        map.end()
    }
}

/// A body of one member, `name`: the object around each format's own.
pub(super) fn single<S: Serializer, T: Serialize>(
    serializer: S,
    name: &'static str,
    value: &T,
) -> Result<S::Ok, S::Error> {
    let mut map = serializer.serialize_map(Some(1))?;
    map.serialize_entry(name, value)?;
    map.end()
}

/// How many extras and field errors an error has.
#[derive(Default)]
struct Census {
    extras: usize,
    /// Whether the error has an `errors` list, empty or not.
    has_errors: bool,
    errors: usize,
}

impl Census {
    fn listed(&self) -> usize {
        self.errors.min(MAX_FIELD_ERRORS)
    }

    fn omitted(&self) -> usize {
        self.errors - self.listed()
    }
}

impl MemberVisitor for Census {
    fn member(&mut self, _: &'static str, _: Value<'_>) -> Result<(), Stop> {
        self.extras += 1;
        Ok(())
    }

    fn errors(&mut self, errors: &[FieldError]) -> Result<(), Stop> {
        self.has_errors = true;
        self.errors += errors.len();
        Ok(())
    }
}

/// Hands each listed field error to a closure, keeping its error.
struct EachError<F, E> {
    each: F,
    error: Option<E>,
}

impl<F: FnMut(&FieldError) -> Result<(), E>, E> MemberVisitor for EachError<F, E> {
    fn member(&mut self, _: &'static str, _: Value<'_>) -> Result<(), Stop> {
        Ok(())
    }

    fn errors(&mut self, errors: &[FieldError]) -> Result<(), Stop> {
        for error in &errors[..errors.len().min(MAX_FIELD_ERRORS)] {
            if let Err(error) = (self.each)(error) {
                self.error = Some(error);
                return Err(Stop);
            }
        }
        Ok(())
    }
}
