//! What a body is made of beyond the [`ApiError`](crate::ApiError) trait.

use crate::field_errors::FieldError;
use crate::format::Format;
use api_error_wire::Layout;
use serde::Serialize;
use std::fmt;

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

    /// Writes the public message of a template piece by piece: `Ok(false)`,
    /// writing nothing, when the variant's message is not a template of
    /// plain placeholders, and [`fmt_message`](crate::ApiError::fmt_message)
    /// writes it instead.
    fn write_message<W: MessageWriter>(&self, _writer: &mut W) -> Result<bool, fmt::Error> {
        Ok(false)
    }

    /// The whole body, when it does not depend on the value.
    fn const_body(&self, _format: Format) -> Option<ConstBody> {
        None
    }

    /// The body in `layout` as the derive knows it: literal runs, and the
    /// places between them where the writer adds what depends on the value,
    /// the request and the render options ([`api_error_wire::skeleton`]).
    fn skeleton(&self, _layout: Layout) -> Option<(&'static str, &'static [u32])> {
        None
    }

    /// The position of the value's variant among its type's, in declaration
    /// order: the row of the derive's tables of per-variant constants.
    fn variant_index(&self) -> usize {
        0
    }

    /// The variant's message in `locale`, one of its catalogs' locales
    /// (`#[api(locales = "...")]`), as the derive compiled it from the
    /// catalogs: `None` when the catalogs lack `locale` or the translation
    /// is formatted by Fluent when rendered (a selector, a function, a
    /// term).
    fn in_locale(&self, _locale: &str) -> Option<InLocale> {
        None
    }

    /// The constant body in `format` of the variant in the locale of
    /// `in_locale` (what [`in_locale`](Self::in_locale) gave).
    fn const_body_in_locale(&self, in_locale: InLocale, format: Format) -> Option<ConstBody> {
        crate::__private::const_body_in(in_locale.bodies?, format)
    }

    /// Writes the message of the `locale`-th locale of the catalogs (an
    /// [`InLocale::locale`]) piece by piece, as
    /// [`write_message`](Self::write_message) writes the source message.
    fn write_message_in<W: MessageWriter>(
        &self,
        _locale: usize,
        _writer: &mut W,
    ) -> Result<bool, fmt::Error> {
        Ok(false)
    }
}

/// A variant's message in one locale of its catalogs, compiled by the
/// derive: its text when it has no placeables, and the bodies and
/// skeletons of the variant that carry it.
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InLocale {
    /// The locale's position among the catalogs' locales.
    pub locale: usize,
    /// The locale, as the catalogs name it.
    pub name: &'static str,
    /// The translation's cell in the derive's table: its row times the
    /// number of locales, plus the locale's position.
    pub cell: usize,
    /// The message, when it has no placeables; else
    /// [`Members::write_message_in`] writes it.
    pub message: Option<&'static str>,
    /// The variant's constant bodies with the message, one per layout.
    pub bodies: Option<&'static [(&'static str, usize); 3]>,
    /// The variant's skeletons with the message or a place for it.
    pub skeletons: Option<&'static [(&'static str, &'static [u32]); 3]>,
}

/// Whether two locale names are the same: the same string, or the same
/// bytes compared in place (a few letters, for which a call to `memcmp`
/// costs more than the comparison).
#[doc(hidden)]
#[inline]
#[must_use]
pub fn same_tag(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && (std::ptr::eq(a.as_ptr(), b.as_ptr()) || a.bytes().zip(b.bytes()).all(|(a, b)| a == b))
}

/// A compiled translation as the derive's tables hold it: its message,
/// bodies and skeletons ([`InLocale`]); `None` for one Fluent formats.
#[doc(hidden)]
pub type LocaleCell = Option<(
    Option<&'static str>,
    Option<&'static [(&'static str, usize); 3]>,
    Option<&'static [(&'static str, &'static [u32]); 3]>,
)>;

impl InLocale {
    /// The translation in row `row` of a derive's table, in the column of
    /// `locale` among `locales`.
    #[inline]
    #[must_use]
    pub fn at<const N: usize>(
        rows: &'static [[LocaleCell; N]],
        row: usize,
        locales: &'static [&'static str; N],
        locale: &str,
    ) -> Option<InLocale> {
        let index = locales.iter().position(|known| same_tag(known, locale))?;
        let (message, bodies, skeletons) = rows.get(row)?[index]?;
        Some(InLocale {
            locale: index,
            name: locales[index],
            cell: row * N + index,
            message,
            bodies,
            skeletons,
        })
    }

    /// The translation of a transparent variant's inner error, without its
    /// bodies: they lack the `doc_url` the outer type gives it.
    #[must_use]
    pub fn message_only(this: Option<InLocale>) -> Option<InLocale> {
        this.map(|this| InLocale {
            bodies: None,
            skeletons: None,
            ..this
        })
    }
}

/// A body that is the same for every value of a variant, computed by the
/// derive from the same layout the runtime walks.
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ConstBody {
    /// The whole body.
    pub body: &'static str,
    /// Where the request id goes, when the body has it.
    pub request_id_at: usize,
    /// What the request id is written between there, and when.
    pub request_id: RequestIdPlace,
}

impl ConstBody {
    /// Whether the body is written with `request_id`: a 5xx's is, and any
    /// body of a format that writes it whatever the status.
    #[must_use]
    pub fn writes_request_id(&self, server_error: bool, request_id: Option<&str>) -> bool {
        request_id.is_some()
            && match self.request_id.written {
                Written::Never => false,
                Written::ServerError => server_error,
                Written::Always => true,
            }
    }
}

/// How a constant body takes a request's id: the text before it and after
/// it (the id itself escaped as any string), and when it is written.
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RequestIdPlace {
    pub before: &'static str,
    pub after: &'static str,
    pub written: Written,
}

/// When a body writes the request's id.
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Written {
    /// Never: the body has no place for it.
    Never,
    /// In a 5xx's body only.
    ServerError,
    /// Whatever the status (Google's details).
    Always,
}

impl RequestIdPlace {
    /// The walked layouts': a 5xx's `,"request_id":"..."` member.
    pub const MEMBER: RequestIdPlace = RequestIdPlace {
        before: ",\"request_id\":\"",
        after: "\"",
        written: Written::ServerError,
    };
}

/// The bodies of a type's constant variants in the formats written from
/// the model (JSON:API, Google's, Microsoft's), one row per variant of the
/// derive's table of constant bodies: each rendered the first time it is
/// asked for, with the place a request id goes found by rendering it with
/// two ids, and copied after, as the other formats' constants are.
#[doc(hidden)]
pub struct ModeledBodies<const N: usize>([[std::sync::OnceLock<Option<Kept>>; 3]; N]);

/// A body kept by [`ModeledBodies`], and how it takes a request id.
#[doc(hidden)]
pub struct Kept {
    body: Box<str>,
    request_id_at: usize,
    before: Box<str>,
    after: Box<str>,
    written: Written,
}

impl<const N: usize> ModeledBodies<N> {
    #[must_use]
    pub const fn new() -> Self {
        ModeledBodies([const { [const { std::sync::OnceLock::new() }; 3] }; N])
    }

    /// The body of `error`, the variant of row `row`, in `format`.
    pub fn get<E: crate::ApiError + Members + ?Sized>(
        &'static self,
        row: usize,
        error: &E,
        format: Format,
    ) -> Option<ConstBody> {
        self.get_in(row, error, format, None)
    }

    /// The body of `error`, the variant of row `row`, in `format` and, with
    /// `locale`, in that locale of its catalogs.
    pub fn get_in<E: crate::ApiError + Members + ?Sized>(
        &'static self,
        row: usize,
        error: &E,
        format: Format,
        locale: Option<&str>,
    ) -> Option<ConstBody> {
        let api_error_wire::Shape::Modeled(modeled) = format.shape() else {
            return None;
        };
        let column = match modeled {
            api_error_wire::Modeled::JsonApi => 0,
            api_error_wire::Modeled::Google => 1,
            api_error_wire::Modeled::Microsoft => 2,
        };
        let kept = self.0.get(row)?[column]
            .get_or_init(|| Kept::render(error, format, locale))
            .as_ref()?;
        Some(ConstBody {
            body: &kept.body,
            request_id_at: kept.request_id_at,
            request_id: RequestIdPlace {
                before: &kept.before,
                after: &kept.after,
                written: kept.written,
            },
        })
    }
}

impl Kept {
    /// The body of `error` in `format`, and where and how it takes a
    /// request id: the text two renders with two ids add to the render
    /// without, around the id. `None` when the renders do not differ by
    /// one such insertion.
    fn render<E: crate::ApiError + Members + ?Sized>(
        error: &E,
        format: Format,
        locale: Option<&str>,
    ) -> Option<Kept> {
        let server_error = error.status().is_server_error();
        let render = |request_id| {
            let mut options = crate::RenderOptions::new();
            options.request_id = request_id;
            options.locale = locale;
            crate::error::render_fresh(error, format, &options)
        };
        let without = render(None);
        let one = render(Some("a"));
        if one == without {
            // No request id in this body, whatever the request.
            return Some(Kept {
                request_id_at: without.len(),
                body: without.into_boxed_str(),
                before: "".into(),
                after: "".into(),
                written: Written::Never,
            });
        }
        let two = render(Some("bb"));
        let at = common_prefix(&without, &one);
        let tail = common_suffix(&without[at..], &one[at..]);
        let inserted = &one[at..one.len() - tail];
        let id_at = inserted.rfind("a\"")?;
        let (before, after) = (&inserted[..id_at], &inserted[id_at + 1..]);
        let expected = format!("{}{before}bb{after}{}", &without[..at], &without[at..]);
        if expected != two {
            return None;
        }
        Some(Kept {
            before: before.into(),
            after: after.into(),
            body: without.into_boxed_str(),
            request_id_at: at,
            // A 5xx's body says nothing of a 4xx's.
            written: match server_error {
                true => Written::ServerError,
                false => Written::Always,
            },
        })
    }
}

/// The length of the longest common prefix of `a` and `b`, at a character
/// boundary.
fn common_prefix(a: &str, b: &str) -> usize {
    a.char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map_or(a.len().min(b.len()), |((at, _), _)| at)
}

/// The length of the longest common suffix of `a` and `b`, at a character
/// boundary.
fn common_suffix(a: &str, b: &str) -> usize {
    a.chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum()
}

impl<const N: usize> Default for ModeledBodies<N> {
    fn default() -> Self {
        Self::new()
    }
}

/// A member's value as a writer can take it without serde.
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scalar<'a> {
    Text(&'a str),
    Unsigned(u64),
    Signed(i64),
    Bool(bool),
}

/// Receives the members of a body in order.
#[doc(hidden)]
pub trait Visitor {
    type Error: serde::ser::Error;

    fn member<T: Serialize>(&mut self, name: &'static str, value: &T) -> Result<(), Self::Error>;

    /// A member whose value is a [`Scalar`]: a JSON writer writes it without
    /// going through serde; any other visitor takes `value`, the member as
    /// declared, through its `Serialize`. The derive calls this for members
    /// whose type it knows, through [`Member`].
    fn member_scalar<T: Serialize + ?Sized>(
        &mut self,
        name: &'static str,
        scalar: Scalar<'_>,
        value: &T,
    ) -> Result<(), Self::Error> {
        let _ = scalar;
        self.member(name, &value)
    }

    /// The `errors` list: a member like the others, which a JSON writer
    /// writes without going through serde.
    fn errors(&mut self, errors: &[FieldError]) -> Result<(), Self::Error> {
        self.member(api_error_wire::names::ERRORS, &errors)
    }
}

/// The members of a type that exposes nothing beyond the trait.
#[doc(hidden)]
pub struct NoMembers;

impl Members for NoMembers {}

/// A member's value as the derive hands it to a [`Visitor`]: a method call
/// on `&Member(value)` resolves to [`WriteDirect`] when the value's type is
/// a string, an integer, a boolean, a char or an `Option` of one, and to
/// [`WriteSerialized`] (its `Serialize`) for any other type, a type
/// parameter included.
#[doc(hidden)]
pub struct Member<'a, T: ?Sized>(pub &'a T);

/// What visiting a member gives.
type Visited<V> = Result<(), <V as Visitor>::Error>;

/// How a member of a type the writers know is visited: by value, for the
/// writers that write it without serde.
#[doc(hidden)]
pub trait WriteDirect {
    fn visit_member<V: Visitor>(&self, name: &'static str, visitor: &mut V) -> Visited<V>;
}

/// How any other member is visited: through its `Serialize`.
#[doc(hidden)]
pub trait WriteSerialized {
    fn visit_member<V: Visitor>(&self, name: &'static str, visitor: &mut V) -> Visited<V>;
}

impl<T: Serialize + ?Sized> WriteSerialized for &Member<'_, T> {
    #[inline]
    fn visit_member<V: Visitor>(&self, name: &'static str, visitor: &mut V) -> Visited<V> {
        visitor.member(name, &self.0)
    }
}

impl<T: Direct + ?Sized> WriteDirect for Member<'_, T> {
    #[inline]
    fn visit_member<V: Visitor>(&self, name: &'static str, visitor: &mut V) -> Visited<V> {
        self.0.direct(name, visitor, self.0)
    }
}

/// A type whose value a writer can take as text, a number or a boolean;
/// `original` is the member as declared, which any other visitor
/// serializes as it is.
#[doc(hidden)]
pub trait Direct: Serialize {
    fn direct<V: Visitor, O: Serialize + ?Sized>(
        &self,
        name: &'static str,
        visitor: &mut V,
        original: &O,
    ) -> Visited<V>;
}

macro_rules! direct {
    ($($ty:ty => |$value:ident| $scalar:expr;)*) => {$(
        impl Direct for $ty {
            #[inline]
            fn direct<V: Visitor, O: Serialize + ?Sized>(
                &self,
                name: &'static str,
                visitor: &mut V,
                original: &O,
            ) -> Visited<V> {
                let $value = self;
                visitor.member_scalar(name, $scalar, original)
            }
        }
    )*};
}

direct! {
    str => |value| Scalar::Text(value);
    String => |value| Scalar::Text(value);
    &str => |value| Scalar::Text(value);
    Box<str> => |value| Scalar::Text(value);
    std::borrow::Cow<'_, str> => |value| Scalar::Text(value);
    char => |value| Scalar::Text(value.encode_utf8(&mut [0; 4]));
    bool => |value| Scalar::Bool(*value);
    u8 => |value| Scalar::Unsigned(u64::from(*value));
    u16 => |value| Scalar::Unsigned(u64::from(*value));
    u32 => |value| Scalar::Unsigned(u64::from(*value));
    u64 => |value| Scalar::Unsigned(*value);
    usize => |value| Scalar::Unsigned(*value as u64);
    i8 => |value| Scalar::Signed(i64::from(*value));
    i16 => |value| Scalar::Signed(i64::from(*value));
    i32 => |value| Scalar::Signed(i64::from(*value));
    i64 => |value| Scalar::Signed(*value);
    isize => |value| Scalar::Signed(*value as i64);
}

impl<T: Direct> Direct for Option<T> {
    #[inline]
    fn direct<V: Visitor, O: Serialize + ?Sized>(
        &self,
        name: &'static str,
        visitor: &mut V,
        original: &O,
    ) -> Visited<V> {
        match self {
            Some(value) => value.direct(name, visitor, original),
            // `null`, or what another serializer makes of the member.
            None => visitor.member(name, &original),
        }
    }
}

/// Receives a message template's pieces: what [`Members::write_message`]
/// writes.
#[doc(hidden)]
pub trait MessageWriter {
    /// A literal piece, escaped as the contents of a JSON string.
    fn literal(&mut self, escaped: &'static str);

    /// A placeholder's text.
    fn text(&mut self, value: &str);

    /// A placeholder of another type, through its `Display`.
    fn display(&mut self, value: &dyn fmt::Display) -> fmt::Result;

    /// A whole template: `pieces[0]`, then each slot followed by the next
    /// piece (`pieces` has one more element than `slots`). `Ok(true)`: the
    /// message is written.
    #[inline]
    fn template(&mut self, pieces: &[&'static str], slots: &[Slot<'_>]) -> Result<bool, fmt::Error>
    where
        Self: Sized,
    {
        let (first, rest) = pieces.split_first().unwrap_or((&"", &[]));
        self.literal(first);
        for (slot, piece) in slots.iter().zip(rest) {
            slot.write(self)?;
            self.literal(piece);
        }
        Ok(true)
    }
}

/// A placeholder's value as the derive hands it to
/// [`MessageWriter::template`].
#[doc(hidden)]
#[derive(Clone, Copy)]
pub enum Slot<'a> {
    Text(&'a str),
    Unsigned(u64),
    Signed(i64),
    Char(char),
    Bool(bool),
    Display(&'a dyn fmt::Display),
}

impl Slot<'_> {
    #[inline]
    fn write<W: MessageWriter>(&self, writer: &mut W) -> fmt::Result {
        // Digits are ASCII.
        fn digits(value: u64, buffer: &mut [u8; 20]) -> &str {
            std::str::from_utf8(api_error_wire::decimal(value, buffer)).unwrap_or_default()
        }
        match *self {
            Slot::Text(text) => writer.text(text),
            Slot::Unsigned(value) => writer.text(digits(value, &mut [0; 20])),
            Slot::Signed(value) => {
                if value < 0 {
                    writer.text("-");
                }
                writer.text(digits(value.unsigned_abs(), &mut [0; 20]));
            }
            Slot::Char(value) => writer.text(value.encode_utf8(&mut [0; 4])),
            Slot::Bool(value) => writer.text(if value { "true" } else { "false" }),
            Slot::Display(value) => return writer.display(value),
        }
        Ok(())
    }
}

/// A placeholder's value as the derive hands it to a [`MessageWriter`]: a
/// method call on `&Placeholder(value)` resolves to [`PlaceholderText`] for
/// strings, integers, chars and booleans, and to [`PlaceholderDisplay`]
/// (the value's `Display`) for any other type.
#[doc(hidden)]
pub struct Placeholder<'a, T: ?Sized>(pub &'a T);

/// How a placeholder of a type the writer knows is written: as text.
#[doc(hidden)]
pub trait PlaceholderText<'a> {
    fn slot(&self) -> Slot<'a>;
}

/// How any other placeholder is written: through its `Display`.
#[doc(hidden)]
pub trait PlaceholderDisplay<'a> {
    fn slot(&self) -> Slot<'a>;
}

impl<'a, T: fmt::Display> PlaceholderDisplay<'a> for &Placeholder<'a, T> {
    #[inline]
    fn slot(&self) -> Slot<'a> {
        Slot::Display(self.0)
    }
}

macro_rules! placeholder_text {
    ($($ty:ty => |$value:ident| $slot:expr;)*) => {$(
        impl<'a> PlaceholderText<'a> for Placeholder<'a, $ty> {
            #[inline]
            fn slot(&self) -> Slot<'a> {
                let $value = self.0;
                $slot
            }
        }
    )*};
}

placeholder_text! {
    str => |value| Slot::Text(value);
    String => |value| Slot::Text(value);
    &str => |value| Slot::Text(value);
    Box<str> => |value| Slot::Text(value);
    std::borrow::Cow<'_, str> => |value| Slot::Text(value);
    char => |value| Slot::Char(*value);
    bool => |value| Slot::Bool(*value);
    u8 => |value| Slot::Unsigned(u64::from(*value));
    u16 => |value| Slot::Unsigned(u64::from(*value));
    u32 => |value| Slot::Unsigned(u64::from(*value));
    u64 => |value| Slot::Unsigned(*value);
    i8 => |value| Slot::Signed(i64::from(*value));
    i16 => |value| Slot::Signed(i64::from(*value));
    i32 => |value| Slot::Signed(i64::from(*value));
    i64 => |value| Slot::Signed(*value);
}

#[cfg(test)]
mod tests {
    use super::{Member, Visitor, WriteDirect as _, WriteSerialized as _};
    use serde::Serialize;

    /// Records the type each member reaches `member` as.
    struct Types(Vec<String>);

    impl Visitor for Types {
        type Error = serde_json::Error;

        fn member<T: Serialize>(
            &mut self,
            _name: &'static str,
            _value: &T,
        ) -> Result<(), Self::Error> {
            self.0.push(std::any::type_name::<T>().to_owned());
            Ok(())
        }
    }

    // The borrow is what the derive writes: it picks the dispatch.
    #[allow(clippy::needless_borrow)]
    #[test]
    fn a_visitor_without_direct_writes_gets_each_member_as_declared() {
        let mut types = Types(Vec::new());
        let small: Option<u8> = Some(3);
        let nested: Option<Option<u8>> = Some(None);
        let letter = 'x';
        (&Member(&small)).visit_member("small", &mut types).unwrap();
        (&Member(&nested))
            .visit_member("nested", &mut types)
            .unwrap();
        (&Member(&letter))
            .visit_member("letter", &mut types)
            .unwrap();
        (&Member(&1.5f64))
            .visit_member("float", &mut types)
            .unwrap();
        assert_eq!(
            types.0,
            [
                "&core::option::Option<u8>",
                "&core::option::Option<core::option::Option<u8>>",
                "&char",
                "&f64",
            ]
        );
    }
}
