//! Localized messages: each variant's message in the locales of the Fluent
//! catalogs that `#[api(locales = "...")]` names, checked when the type is
//! derived (the `fluent` feature).
//!
//! The `message = "..."` templates are the source language; the catalogs
//! translate them, one directory per locale (`locales/fr/errors.ftl`). A
//! variant's message id is its code, and the variables of a translation are
//! the variant's fields: `not_found = { $resource } introuvable`. Variants
//! that share a code each have an attribute named after the variant:
//!
//! ```ftl
//! invalid_request =
//!     .MissingField = { $label } est obligatoire
//!     .RateNotPositive = Le tarif doit être positif
//! ```
//!
//! The directory is found beside the file the type is in, as `include_str!`
//! finds a file. The derive fails the build, at the variant's code, on a
//! message missing from a locale, on a variable that names no field of the
//! variant, and on a translation that leaves out a field its source message
//! shows; a file that does not parse is an error naming its path and line.
//! Without the `fluent` feature the attribute is accepted and nothing is
//! read: the messages stay in the source language.
//!
//! The items of an `errors` list are translated by the validation rule
//! that failed ([`FieldError::rule`](crate::FieldError::rule): validator's
//! code, garde's outcome), each an attribute of the [`RULES`] message whose
//! variables are the rule's parameters and `field`, the item's path:
//!
//! ```ftl
//! rules =
//!     .email = Format d'adresse e-mail invalide
//!     .range = Doit être au moins { $min }
//!     .length_lower_than = { $min ->
//!         [one] Doit contenir au moins un caractère
//!        *[other] Doit contenir au moins { $min } caractères
//!     }
//! ```
//!
//! An item whose rule a locale does not translate, or whose translation
//! reads a variable the rule does not have, keeps its own message; fields,
//! codes and the order of the list never change. validator's items carry
//! their rule and parameters as they are converted; garde's when validated
//! by the validated extractors or [`FieldErrors::garde`](crate::FieldErrors::garde).
//! [`rules`] lists each locale's, and [`assert_complete`] checks that every
//! locale translates the same ones.
//!
//! Per request, [`ErrorContext::localize`](crate::ErrorContext::localize)
//! reads `Accept-Language`, and the framework layers' `localize()` (with
//! `locale_query` and `locale_cookie`) do it for every request: the body's
//! message is its translation into the first of the client's locales the
//! type has, `Content-Language` says which, and every error response says
//! `Vary: Accept-Language`. Codes, field paths and member names never
//! change with the locale: only the text does, and logs keep the source
//! language. A handler takes [`Locales`] to answer in the language its
//! errors answer in, and the tonic layer's `localize()` adds a
//! `LocalizedMessage` detail beside the source-language `Status.message`.
//!
//! A client decodes a body by its code and members, never by its text: a
//! body in any language decodes to the same variant with the same fields.
//! A value a localized API wants clients to read goes in an `extra`, not
//! only in the message.

use crate::ApiError;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::borrow::Cow;
use std::fmt::Display;
use std::sync::OnceLock;

/// An error whose messages are translated in Fluent catalogs:
/// `#[api(locales = "...")]` derives it.
pub trait Localized: ApiError {
    /// The public message in `locale`, a language tag such as `fr-CA`,
    /// looked up as RFC 4647 does: `fr-CA`, then `fr`. `None` when no
    /// catalog has the locale, or for a `transparent` variant whose inner
    /// error has none: the caller then shows the source message
    /// ([`ApiError::message`]).
    fn localized_message(&self, locale: &str) -> Option<String> {
        self.localized_message_for(&[locale])
            .map(|(message, _)| message.into_owned())
    }

    /// The locales of the catalogs, in name order.
    fn locales() -> &'static [&'static str]
    where
        Self: Sized;

    #[doc(hidden)]
    fn __catalogs() -> &'static Catalogs
    where
        Self: Sized;

    /// Each own variant's message id, attribute and fields.
    #[doc(hidden)]
    fn __messages() -> &'static [MessageId]
    where
        Self: Sized;
}

/// Where a variant's message is in the catalogs, and the fields it reads.
#[doc(hidden)]
#[derive(Clone, Copy, Debug)]
pub struct MessageId {
    pub variant: &'static str,
    pub id: &'static str,
    pub attribute: Option<&'static str>,
    pub fields: &'static [&'static str],
}

/// Each variant's message in `locale`, as a template: each field it reads
/// shown as `<name>`, a selector on a field showing its default variant.
/// `None` when `locale` is not one of [`Localized::locales`] (no fallback:
/// a reference is written for a catalog that exists); a variant whose
/// message the locale lacks or cannot format is left out.
///
/// ```
/// use api_error::{localized, ApiError};
///
/// #[derive(Debug, ApiError)]
/// #[api(locales = "../../tests/localized/locales")]
/// enum Error {
///     #[api(status = 404, code = "not_found", message = "{resource} not found")]
///     NotFound { resource: String },
///     #[api(status = 429, code = "rate_limit_exceeded", message = "Retry after {secs} seconds.")]
///     RateLimited { secs: u64 },
/// }
///
/// let french = localized::templates::<Error>("fr").unwrap();
/// assert_eq!(french[0], ("NotFound", "<resource> introuvable".to_owned()));
/// assert_eq!(french[1], ("RateLimited", "Limite atteinte. Réessayez dans <secs> secondes.".to_owned()));
/// assert!(localized::templates::<Error>("de").is_none());
/// ```
#[must_use]
pub fn templates<E: Localized>(locale: &str) -> Option<Vec<(&'static str, String)>> {
    let catalogs = E::__catalogs();
    let (_, bundle) = catalogs
        .bundles()
        .iter()
        .find(|(known, _)| known.eq_ignore_ascii_case(locale))?;
    Some(
        E::__messages()
            .iter()
            .filter_map(|message| Some((message.variant, template(bundle, message).ok()?)))
            .collect(),
    )
}

/// The template of `message` in `bundle`, or what is wrong with it.
fn template(bundle: &FluentBundle<FluentResource>, message: &MessageId) -> Result<String, String> {
    let found = bundle
        .get_message(message.id)
        .ok_or_else(|| format!("no message `{}`", message.id))?;
    let pattern = match message.attribute {
        Some(attribute) => found.get_attribute(attribute).map(|a| a.value()),
        None => found.value(),
    }
    .ok_or_else(|| match message.attribute {
        Some(attribute) => format!("no attribute `{}.{attribute}`", message.id),
        None => format!("`{}` has no value", message.id),
    })?;
    let mut args = FluentArgs::with_capacity(message.fields.len());
    for field in message.fields {
        args.set(*field, FluentValue::from(format!("<{field}>")));
    }
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, Some(&args), &mut errors);
    if let Some(error) = errors.first() {
        return Err(format!("`{}`: {error}", message.id));
    }
    Ok(text.into_owned())
}

/// Each variant's message in every locale, as [`templates`] writes them: a
/// JSON object from variant to locale to template, with the locales that
/// lack the variant's message listed under `missing`. With the derive's
/// checks, `missing` is empty; it stays in the document so that a consumer
/// reads coverage rather than infers it.
///
/// ```
/// use api_error::{localized, ApiError};
///
/// #[derive(Debug, ApiError)]
/// #[api(locales = "../../tests/localized/locales")]
/// enum Error {
///     #[api(status = 404, code = "not_found", message = "{resource} not found")]
///     NotFound { resource: String },
/// }
///
/// assert_eq!(
///     localized::coverage::<Error>(),
///     serde_json::json!({
///         "NotFound": {
///             "locales": {"en": "<resource> not found", "fr": "<resource> introuvable"},
///             "missing": []
///         }
///     })
/// );
/// ```
#[must_use]
pub fn coverage<E: Localized>() -> serde_json::Value {
    let bundles = E::__catalogs().bundles();
    let mut variants = serde_json::Map::new();
    for message in E::__messages() {
        let mut locales = serde_json::Map::new();
        let mut missing = Vec::new();
        for (locale, bundle) in bundles {
            match template(bundle, message) {
                Ok(text) => {
                    locales.insert((*locale).to_owned(), text.into());
                }
                Err(_) => missing.push(serde_json::Value::from(*locale)),
            }
        }
        variants.insert(
            message.variant.to_owned(),
            serde_json::json!({ "locales": locales, "missing": missing }),
        );
    }
    serde_json::Value::Object(variants)
}

/// Panics, listing each gap, unless every locale of `E`'s catalogs has
/// every variant's message and formats it without a Fluent error: the
/// test a localized API keeps beside its catalogs.
///
/// ```
/// use api_error::{localized, ApiError};
///
/// #[derive(Debug, ApiError)]
/// #[api(locales = "../../tests/localized/locales")]
/// enum Error {
///     #[api(status = 404, code = "not_found", message = "{resource} not found")]
///     NotFound { resource: String },
/// }
///
/// localized::assert_complete::<Error>();
/// ```
///
/// Every rule a locale translates (an attribute of [`RULES`]) is
/// translated in every locale too.
#[track_caller]
pub fn assert_complete<E: Localized>() {
    let mut gaps: Vec<String> = E::__catalogs()
        .bundles()
        .iter()
        .flat_map(|(locale, bundle)| {
            E::__messages().iter().filter_map(move |message| {
                let error = template(bundle, message).err()?;
                Some(format!("{locale}: {}: {error}", message.variant))
            })
        })
        .collect();
    let rules = rules::<E>();
    let mut every: Vec<&String> = rules.iter().flat_map(|(_, rules)| rules).collect();
    every.sort();
    every.dedup();
    for (locale, translated) in &rules {
        for rule in every.iter().filter(|rule| !translated.contains(rule)) {
            gaps.push(format!("{locale}: {RULES}.{rule}: no translation"));
        }
    }
    assert!(
        gaps.is_empty(),
        "the catalogs of {} are incomplete:\n  {}",
        std::any::type_name::<E>(),
        gaps.join("\n  ")
    );
}

/// The validation rules each locale of `E`'s catalogs translates (the
/// attributes of its [`RULES`] message), locales and rules in name order.
///
/// ```
/// use api_error::{localized, ApiError, FieldErrors};
///
/// #[derive(Debug, ApiError)]
/// #[api(locales = "../../tests/localized/locales")]
/// enum Error {
///     #[api(status = 422, code = "validation_error", message = "Request validation failed")]
///     Validation(#[api(errors)] FieldErrors),
/// }
///
/// let rules = localized::rules::<Error>();
/// assert_eq!(rules[1].0, "fr");
/// assert!(rules[1].1.iter().any(|rule| rule == "length_lower_than"));
/// ```
#[must_use]
pub fn rules<E: Localized>() -> Vec<(&'static str, Vec<String>)> {
    E::__catalogs()
        .bundles()
        .iter()
        .map(|(locale, bundle)| {
            let mut rules: Vec<String> = bundle
                .get_message(RULES)
                .map(|message| message.attributes().map(|a| a.id().to_owned()).collect())
                .unwrap_or_default();
            rules.sort();
            (*locale, rules)
        })
        .collect()
}

/// The Markdown reference of `E` (as [`ErrorCatalog::to_markdown`]
/// writes it) with each message in `locale`; `None` when `locale` is not
/// one of [`Localized::locales`].
///
/// [`ErrorCatalog::to_markdown`]: crate::catalog::ErrorCatalog::to_markdown
#[must_use]
pub fn markdown<E: Localized + crate::Catalog>(locale: &str) -> Option<String> {
    let templates = templates::<E>(locale)?;
    let catalog = E::catalog();
    let type_name = catalog.type_name;
    Some(crate::catalog::markdown_with(catalog, &|entry| {
        if entry.type_name != type_name {
            return None;
        }
        templates
            .iter()
            .find(|(variant, _)| *variant == entry.variant)
            .map(|(_, template)| template.clone())
    }))
}

/// A type's catalogs: each locale's Fluent sources, parsed into bundles
/// the first time a message is asked for.
#[doc(hidden)]
pub struct Catalogs {
    sources: &'static [(&'static str, &'static [&'static str])],
    bundles: OnceLock<Vec<(&'static str, FluentBundle<FluentResource>)>>,
}

impl Catalogs {
    #[must_use]
    pub const fn new(sources: &'static [(&'static str, &'static [&'static str])]) -> Self {
        Catalogs {
            sources,
            bundles: OnceLock::new(),
        }
    }

    pub(crate) fn bundles(&self) -> &[(&'static str, FluentBundle<FluentResource>)] {
        self.bundles.get_or_init(|| {
            self.sources
                .iter()
                .map(|(locale, files)| {
                    let language = locale.parse().unwrap_or_default();
                    let mut bundle = FluentBundle::new_concurrent(vec![language]);
                    // Messages go into JSON strings and logs: no bidi
                    // isolation marks around placeables.
                    bundle.set_use_isolating(false);
                    for source in *files {
                        // The derive parsed each file: what it accepted parses.
                        let resource = match FluentResource::try_new((*source).to_owned()) {
                            Ok(resource) | Err((resource, _)) => resource,
                        };
                        // The derive checked that no message is defined twice.
                        let _ = bundle.add_resource(resource);
                    }
                    (*locale, bundle)
                })
                .collect()
        })
    }

    /// The catalog of `locale`, or of the nearest locale RFC 4647's lookup
    /// falls back to: `zh-Hant-TW`, `zh-Hant`, `zh`.
    fn lookup(&self, locale: &str) -> Option<&(&'static str, FluentBundle<FluentResource>)> {
        lookup(self.bundles(), |(known, _)| known, locale)
    }

    /// The message `id` (or its `attribute`) with `args`, in the first of
    /// `preferred` the catalogs have, and that locale.
    #[must_use]
    pub fn localize<const N: usize>(
        &'static self,
        preferred: &[&str],
        id: &str,
        attribute: Option<&str>,
        args: [(&'static str, FluentValue<'_>); N],
    ) -> Option<(Cow<'static, str>, &'static str)> {
        let (locale, bundle) = preferred.iter().find_map(|locale| self.lookup(locale))?;
        let message = bundle.get_message(id)?;
        let pattern = match attribute {
            Some(attribute) => message.get_attribute(attribute)?.value(),
            None => message.value()?,
        };
        // The derive checked every variable: formatting reports nothing.
        let mut errors = Vec::new();
        if args.is_empty() {
            return Some((bundle.format_pattern(pattern, None, &mut errors), locale));
        }
        let fluent_args: FluentArgs<'_> = args.into_iter().collect();
        let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
        Some((Cow::Owned(text.into_owned()), locale))
    }
}

impl Catalogs {
    /// The locale of these catalogs the `errors` items of a render in
    /// `locale` are translated into, found among the locales' names
    /// without parsing a catalog.
    pub(crate) fn item_locale(&'static self, locale: &str) -> Option<crate::options::ItemLocale> {
        let (name, _) = lookup(self.sources, |(known, _)| known, locale)?;
        Some(crate::options::ItemLocale {
            catalogs: self,
            locale: name,
        })
    }
}

/// The first of `preferred` (best first) that RFC 4647's lookup finds
/// among `locales`, as that locale names itself.
#[doc(hidden)]
#[inline]
#[must_use]
pub fn negotiate(locales: &'static [&'static str], preferred: &[&str]) -> Option<&'static str> {
    // The common case first: the best locale named as the catalogs name it.
    if let Some(found) = preferred.first().and_then(|best| {
        locales
            .iter()
            .find(|known| crate::members::same_tag(known, best))
    }) {
        return Some(found);
    }
    preferred
        .iter()
        .find_map(|locale| lookup(locales, |known| known, locale))
        .copied()
}

/// The message whose attributes translate the items of `errors` lists, one
/// per validation rule: `rules.length_lower_than`.
pub const RULES: &str = "rules";

impl Catalogs {
    /// The message of an item of `errors` in `locale`: the attribute of
    /// [`RULES`] named after its rule, its parameters and `field` (its
    /// path) as the variables. `None` when the item has no rule, the locale
    /// does not translate it, or the translation reads a variable the rule
    /// does not have: the item then keeps its own message.
    pub(crate) fn rule(&self, locale: &str, error: &crate::FieldError) -> Option<String> {
        let rule = error.rule.as_deref()?;
        let (_, bundle) = self.lookup(locale)?;
        let pattern = bundle.get_message(RULES)?.get_attribute(rule)?.value();
        let mut args = FluentArgs::with_capacity(error.params.len() + 1);
        for (name, value) in &error.params {
            args.set(name.as_ref(), param_value(value));
        }
        args.set("field", FluentValue::from(error.field.as_ref()));
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, Some(&args), &mut errors);
        errors.is_empty().then(|| text.into_owned())
    }
}

/// A rule's parameter as a Fluent variable: a number as a number (plural
/// selectors read it), a string as it is, anything else as its JSON.
fn param_value(value: &serde_json::Value) -> FluentValue<'_> {
    match value {
        serde_json::Value::Number(number) => match number.as_i64() {
            Some(integer) => FluentValue::from(integer),
            None => FluentValue::from(number.as_f64().unwrap_or_default()),
        },
        serde_json::Value::String(text) => FluentValue::from(text.as_str()),
        other => FluentValue::from(other.to_string()),
    }
}

/// The item of `available` named `locale`, or the nearest locale RFC 4647's
/// lookup falls back to: `zh-Hant-TW`, `zh-Hant`, `zh`. Names compare
/// without regard to case.
fn lookup<'a, T>(available: &'a [T], name: impl Fn(&T) -> &str, locale: &str) -> Option<&'a T> {
    let mut tag = locale.trim();
    loop {
        if let Some(found) = available
            .iter()
            .find(|item| name(item).eq_ignore_ascii_case(tag))
        {
            return Some(found);
        }
        let (shorter, _) = tag.rsplit_once('-')?;
        // A single-letter subtag (an extension's singleton) goes with the
        // subtag after it.
        tag = match shorter.rsplit_once('-') {
            Some((before, singleton)) if singleton.len() == 1 => before,
            _ => shorter,
        };
    }
}

/// The client's locales, best first, as the framework layers' `localize()`
/// read them: the query parameter's, the cookie's, then `Accept-Language`
/// by q-value. A handler takes it as an extractor (axum and actix-web) to
/// answer in the language its errors answer in.
///
/// ```
/// use api_error::{ApiError, Locales};
///
/// #[derive(Debug, ApiError)]
/// #[api(locales = "../../tests/localized/locales")]
/// enum Error {
///     #[api(status = 404, code = "not_found", message = "{resource} not found")]
///     NotFound { resource: String },
/// }
///
/// let locales = Locales::from_accept_language(Some("de-CH, fr-CA;q=0.8, en;q=0.5"));
/// assert_eq!(locales.as_slice(), ["de-CH", "fr-CA", "en"]);
/// assert_eq!(locales.negotiate::<Error>(), Some("fr"));
/// assert_eq!(Locales::from_accept_language(Some("de")).negotiate::<Error>(), None);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Locales(Vec<String>);

impl Locales {
    /// The locales of an `Accept-Language` header, as
    /// [`ErrorContext::localize`](crate::ErrorContext::localize) reads them.
    #[must_use]
    pub fn from_accept_language(accept_language: Option<&str>) -> Self {
        Locales::from(&crate::ErrorContext::new().localize(accept_language))
    }

    /// The locales, best first: at most [`MAX_LOCALES`](crate::MAX_LOCALES).
    #[must_use]
    pub fn as_slice(&self) -> &[String] {
        &self.0
    }

    /// The locale of `E`'s catalogs its messages are answered in: the first
    /// of these RFC 4647's lookup finds among [`Localized::locales`]
    /// (`fr-CA` finds `fr`); `None` when there is none, and messages stay
    /// in the source language.
    #[must_use]
    pub fn negotiate<E: Localized>(&self) -> Option<&'static str> {
        self.0
            .iter()
            .find_map(|locale| negotiate(E::locales(), &[locale.as_str()]))
    }
}

impl From<&crate::ErrorContext> for Locales {
    /// The locales a context localizes into; none when it does not.
    fn from(context: &crate::ErrorContext) -> Self {
        Locales(context.locales.clone().unwrap_or_default())
    }
}

/// A field handed to a translation: a number as a number (for Fluent's
/// plural rules and number formatting), anything else as its `Display`.
#[doc(hidden)]
pub struct Arg<'a, T: ?Sized>(pub &'a T);

/// How a number goes to Fluent.
#[doc(hidden)]
pub trait AsNumber {
    fn fluent_value(&self) -> FluentValue<'static>;
}

/// How a string field goes to Fluent: borrowed.
#[doc(hidden)]
pub trait AsStr<'a> {
    fn fluent_value(&self) -> FluentValue<'a>;
}

macro_rules! strings {
    ($($ty:ty)*) => {$(
        impl<'a> AsStr<'a> for Arg<'a, $ty> {
            fn fluent_value(&self) -> FluentValue<'a> {
                FluentValue::from(&**self.0)
            }
        }
    )*};
}

strings!(String Box<str> Cow<'_, str> &str);

impl<'a> AsStr<'a> for Arg<'a, str> {
    fn fluent_value(&self) -> FluentValue<'a> {
        FluentValue::from(self.0)
    }
}

/// How any other field goes to Fluent: as its text.
#[doc(hidden)]
pub trait AsText {
    fn fluent_value(&self) -> FluentValue<'static>;
}

macro_rules! numbers {
    ($($ty:ty)*) => {$(
        impl AsNumber for Arg<'_, $ty> {
            fn fluent_value(&self) -> FluentValue<'static> {
                FluentValue::from(*self.0)
            }
        }
    )*};
}

numbers!(u8 u16 u32 u64 u128 usize i8 i16 i32 i64 i128 isize f32 f64);

impl<T: Display + ?Sized> AsText for &Arg<'_, T> {
    fn fluent_value(&self) -> FluentValue<'static> {
        FluentValue::from(self.0.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static CATALOGS: Catalogs = Catalogs::new(&[(
        "fr",
        &["found = { $name } trouvé\nshared =\n    .One = Un\nempty =\n    .Other = Autre\n"],
    )]);

    fn message(id: &'static str, attribute: Option<&'static str>) -> MessageId {
        MessageId {
            variant: "Variant",
            id,
            attribute,
            fields: &["name"],
        }
    }

    #[test]
    fn a_template_shows_fields_and_names_what_is_missing() {
        let (_, bundle) = &CATALOGS.bundles()[0];
        assert_eq!(
            template(bundle, &message("found", None)),
            Ok("<name> trouvé".to_owned())
        );
        assert_eq!(
            template(bundle, &message("shared", Some("One"))),
            Ok("Un".to_owned())
        );
        assert_eq!(
            template(bundle, &message("absent", None)),
            Err("no message `absent`".to_owned())
        );
        assert_eq!(
            template(bundle, &message("shared", Some("Two"))),
            Err("no attribute `shared.Two`".to_owned())
        );
        assert_eq!(
            template(bundle, &message("empty", None)),
            Err("`empty` has no value".to_owned())
        );
    }

    #[test]
    fn lookup_falls_back_subtag_by_subtag() {
        let known = ["en", "zh-Hant", "fr"];
        let find = |tag| lookup(&known, |k| k, tag).copied();
        assert_eq!(find("zh-Hant-TW"), Some("zh-Hant"));
        assert_eq!(find("FR-ca"), Some("fr"));
        assert_eq!(find("en-a-bbb-x-ccc"), Some("en"));
        assert_eq!(find("de-CH"), None);
        assert_eq!(find(""), None);
    }
}
