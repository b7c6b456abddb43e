//! The per-request options of a render: what the framework layer knows and
//! the error value does not.

use crate::FieldError;
use std::borrow::Cow;
use std::fmt;

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
    /// The public message in place of the error's own: its translation in
    /// the request's locale. Every place the format shows the message shows
    /// this; logs and `Display` keep the error's own.
    pub message: Option<&'a str>,
    /// The locale of the error's catalogs its human text is written in
    /// (`#[api(locales = "...")]`): the message, unless
    /// [`message`](Self::message) gives one, and the `errors` items by
    /// rule. Codes, field paths and member names never change.
    pub locale: Option<&'a str>,
    /// The locale the `errors` items' messages are translated into.
    pub(crate) items: Option<ItemLocale>,
}

/// The catalogs and locale a render translates the `errors` items from:
/// each item's rule, an attribute of the catalogs' `rules` message.
#[derive(Clone, Copy)]
pub(crate) struct ItemLocale {
    #[cfg(feature = "fluent")]
    pub(crate) catalogs: &'static crate::localized::Catalogs,
    #[cfg(feature = "fluent")]
    pub(crate) locale: &'static str,
}

impl ItemLocale {
    /// The translation of `error`'s rule, when the locale has one.
    pub(crate) fn translate(self, error: &FieldError) -> Option<String> {
        #[cfg(feature = "fluent")]
        {
            self.catalogs.rule(self.locale, error)
        }
        #[cfg(not(feature = "fluent"))]
        {
            let _ = error;
            None
        }
    }

    /// `errors` as a body in `items` lists them: translated when the render
    /// is localized, else borrowed as they are.
    pub(crate) fn over(items: Option<Self>, errors: &[FieldError]) -> Cow<'_, [FieldError]> {
        match items {
            // Only an item with a rule has a translation.
            Some(locale) if errors.iter().any(|error| error.rule.is_some()) => {
                Cow::Owned(locale.translate_all(errors))
            }
            _ => Cow::Borrowed(errors),
        }
    }

    /// `errors` as a localized body lists them: each item the body lists
    /// with its translated message, the rest (only counted) left empty.
    pub(crate) fn translate_all(self, errors: &[FieldError]) -> Vec<FieldError> {
        let (listed, _) = crate::field_errors::BodyErrors::split(errors);
        let mut translated = Vec::with_capacity(errors.len());
        for error in listed {
            let mut error = error.clone();
            if let Some(message) = self.translate(&error) {
                error.message = message.into();
            }
            translated.push(error);
        }
        translated.resize(errors.len(), FieldError::new("", ""));
        translated
    }
}

impl fmt::Debug for ItemLocale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut debug = f.debug_struct("ItemLocale");
        #[cfg(feature = "fluent")]
        debug.field("locale", &self.locale);
        debug.finish_non_exhaustive()
    }
}

impl PartialEq for ItemLocale {
    fn eq(&self, other: &Self) -> bool {
        #[cfg(feature = "fluent")]
        {
            std::ptr::eq(self.catalogs, other.catalogs) && self.locale == other.locale
        }
        #[cfg(not(feature = "fluent"))]
        {
            let _ = other;
            true
        }
    }
}

impl Eq for ItemLocale {}

impl<'a> RenderOptions<'a> {
    /// No request id, no debug block.
    #[must_use]
    pub const fn new() -> Self {
        RenderOptions {
            request_id: None,
            debug: false,
            message: None,
            locale: None,
            items: None,
        }
    }

    /// Sets the request id.
    #[must_use]
    pub const fn request_id(mut self, request_id: &'a str) -> Self {
        self.request_id = Some(request_id);
        self
    }

    /// Shows `message` as the public message: a translation.
    #[must_use]
    pub const fn message(mut self, message: &'a str) -> Self {
        self.message = Some(message);
        self
    }

    /// Writes the error's human text in `locale`, a locale of its catalogs
    /// as [`ApiError::locale_for`](crate::ApiError::locale_for) negotiates
    /// it (another tag is looked up as RFC 4647 does: `fr-CA`, then `fr`).
    /// A translation the derive compiled from the catalogs is written as
    /// the source message is, its constant bodies copied; one that needs
    /// Fluent (a selector, a function) is formatted by it. A type without
    /// catalogs, or without `locale`, writes its source text.
    ///
    /// ```
    /// use api_error::{ApiError, Format, RenderOptions};
    ///
    /// #[derive(Debug, ApiError)]
    /// #[api(locales = "../../tests/localized/locales")]
    /// enum Error {
    ///     #[api(status = 404, code = "not_found", message = "{resource} not found")]
    ///     NotFound { #[api(extra)] resource: String },
    /// }
    ///
    /// let error = Error::NotFound { resource: "client".into() };
    /// let locale = error.locale_for(&["fr-CA", "en"]);
    /// assert_eq!(locale, Some("fr"));
    /// assert_eq!(
    ///     error.to_json_with(Format::Envelope, &RenderOptions::new().locale(locale.unwrap())),
    ///     r#"{"error":{"code":"not_found","message":"client introuvable","resource":"client"}}"#,
    /// );
    /// ```
    #[must_use]
    pub const fn locale(mut self, locale: &'a str) -> Self {
        self.locale = Some(locale);
        self
    }

    /// An item of the `errors` list's message as this render shows it: its
    /// rule's translation in the render's locale when it is localized and
    /// the catalogs translate the rule ([`FieldError::rule`]), else its own.
    /// What a [`WireFormat`](crate::format::WireFormat) of your own writes for each
    /// item.
    #[must_use]
    pub fn item_message<'e>(&self, error: &'e FieldError) -> Cow<'e, str> {
        match self.items.and_then(|items| items.translate(error)) {
            Some(message) => Cow::Owned(message),
            None => Cow::Borrowed(&error.message),
        }
    }

    /// Translates the `errors` items into `locale` of `catalogs`.
    #[cfg(feature = "fluent")]
    #[must_use]
    pub(crate) const fn items_in(
        mut self,
        catalogs: &'static crate::localized::Catalogs,
        locale: &'static str,
    ) -> Self {
        self.items = Some(ItemLocale { catalogs, locale });
        self
    }

    /// Turns the debug block on or off.
    #[must_use]
    pub const fn debug(mut self, debug: bool) -> Self {
        self.debug = debug;
        self
    }
}
