//! A render in another language: the error's parts with its message, and
//! its `errors` items, translated.

use super::{JsonMembers, JsonMessage, Parts};
use crate::field_errors::FieldError;
use crate::model::{MemberVisitor, Stop};
use crate::RenderOptions;
use api_error_wire::Layout;
use http::StatusCode;
use std::error::Error;
use std::fmt;

/// An error whose public message is another text (a translation): its
/// message has no static form and no template, so every writer writes it
/// through [`Parts::fmt_message`]; its skeleton is the error's when that
/// leaves the message a place.
pub(crate) struct Translated<'p> {
    pub(crate) parts: &'p dyn Parts,
    /// The translated message; the error's own when `None`.
    pub(crate) message: Option<&'p str>,
    /// The locale the items of `errors` are translated into.
    pub(crate) items: Option<crate::options::ItemLocale>,
}

impl Translated<'_> {
    /// `parts` with the message of `options`, when it has one or a locale,
    /// and the writer's call on it.
    pub(crate) fn with<R>(
        parts: &dyn Parts,
        options: &RenderOptions<'_>,
        f: impl FnOnce(&dyn Parts) -> R,
    ) -> R {
        let localized;
        let (message, items) = match (options.message, options.locale) {
            (None, Some(locale)) => {
                localized = parts.localized(locale);
                let items = options.items.or_else(|| parts.item_locale(locale));
                (localized.as_deref(), items)
            }
            (message, _) => (message, options.items),
        };
        match (message, items) {
            (None, None) => f(parts),
            (message, items) => f(&Translated {
                parts,
                message,
                items,
            }),
        }
    }
}

impl Parts for Translated<'_> {
    fn status(&self) -> StatusCode {
        self.parts.status()
    }
    fn code(&self) -> &'static str {
        self.parts.code()
    }
    fn static_message(&self) -> Option<&'static str> {
        match self.message {
            Some(_) => None,
            None => self.parts.static_message(),
        }
    }
    fn fmt_message(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.message {
            Some(message) => f.write_str(message),
            None => self.parts.fmt_message(f),
        }
    }
    fn fmt_display(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.parts.fmt_display(f)
    }
    fn field(&self) -> Option<&str> {
        self.parts.field()
    }
    fn field_location(&self) -> crate::FieldLocation {
        self.parts.field_location()
    }
    fn doc_url(&self) -> Option<&'static str> {
        self.parts.doc_url()
    }
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        self.parts.source()
    }
    fn has_debug_members(&self) -> bool {
        self.parts.has_debug_members()
    }
    fn is_masked(&self) -> bool {
        self.parts.is_masked()
    }
    fn visit_members(&self, visitor: &mut JsonMembers<'_, '_>) -> Result<(), serde_json::Error> {
        visitor.items = self.items;
        self.parts.visit_members(visitor)
    }
    fn visit_debug(&self, visitor: &mut JsonMembers<'_, '_>) -> Result<(), serde_json::Error> {
        self.parts.visit_debug(visitor)
    }
    fn write_message(&self, writer: &mut JsonMessage<'_, '_>) -> Result<bool, fmt::Error> {
        match self.message {
            Some(_) => Ok(false),
            None => self.parts.write_message(writer),
        }
    }
    fn skeleton(&self, layout: Layout) -> Option<(&'static str, &'static [u32])> {
        // A static message is part of the skeleton's text; any other has
        // its place, where this message is written instead.
        match (self.message, self.parts.static_message()) {
            (Some(_), Some(_)) => None,
            _ => self.parts.skeleton(layout),
        }
    }
    fn domain(&self) -> Option<&'static str> {
        self.parts.domain()
    }
    fn retry_after(&self) -> Option<std::time::Duration> {
        self.parts.retry_after()
    }
    fn grpc_code(&self) -> crate::GrpcCode {
        self.parts.grpc_code()
    }
    fn as_dyn(&self) -> &dyn Parts {
        self
    }
    fn visit_model(&self, debug: bool, visitor: &mut dyn MemberVisitor) -> Result<(), Stop> {
        match (debug, self.items) {
            (false, Some(items)) => self
                .parts
                .visit_model(debug, &mut TranslatedItems::new(visitor, items)),
            _ => self.parts.visit_model(debug, visitor),
        }
    }
}

/// A visitor handed the `errors` list with its items translated.
pub(crate) struct TranslatedItems<'v> {
    visitor: &'v mut dyn MemberVisitor,
    locale: crate::options::ItemLocale,
}

impl<'v> TranslatedItems<'v> {
    pub(crate) fn new(
        visitor: &'v mut dyn MemberVisitor,
        locale: crate::options::ItemLocale,
    ) -> Self {
        TranslatedItems { visitor, locale }
    }
}

impl MemberVisitor for TranslatedItems<'_> {
    fn member(&mut self, name: &'static str, value: crate::model::Value<'_>) -> Result<(), Stop> {
        self.visitor.member(name, value)
    }

    fn errors(&mut self, errors: &[FieldError]) -> Result<(), Stop> {
        self.visitor
            .errors(&crate::options::ItemLocale::over(Some(self.locale), errors))
    }
}
