//! Members of every type class write what serde_json writes for them: the
//! strings, integers, booleans and chars the byte writer writes itself, the
//! `Option`s of them, and the types it leaves to their `Serialize` (wider
//! integers, floats, a type parameter, a type alias, a type of its own that
//! is named like a standard one). The message template's placeholders of
//! those types, written piece by piece, read as `format!` writes them.

use crate::render::nasty_string;
use api_error::{ApiError, Format, RenderOptions};
use proptest::prelude::*;
use serde::Serialize;
use std::borrow::Cow;

/// A type named like the standard `String`, written through its own
/// `Serialize`.
mod shadow {
    #[derive(Clone, Debug, serde::Serialize)]
    pub struct String {
        pub bytes: Vec<u8>,
    }
}

type Alias = String;

/// One field of each type class, with the same fields as [`Reference`].
macro_rules! typed {
    ($($(#[$attr:meta])* $name:ident: $ty:ty,)*) => {
        #[derive(Debug, ApiError)]
        #[api(status = 400, code = "typed", message = "Got \"{string}\"\t\\ {str_ref} {boxed} {cow} {letter} {flag} {tiny} {small} {medium} {large} {size} {tiny_signed} {small_signed} {medium_signed} {large_signed} {size_signed} </script>\u{2028}")]
        struct Typed<'a, T: Serialize + std::fmt::Debug> {
            $(#[api(extra)] $name: $ty,)*
        }

        /// What a hand-written `#[derive(Serialize)]` body holds.
        #[derive(Serialize)]
        struct Reference<'r, 'a, T: Serialize> {
            $($name: &'r $ty,)*
        }

        impl<'a, T: Serialize + std::fmt::Debug> Typed<'a, T> {
            fn reference(&self) -> Reference<'_, 'a, T> {
                Reference { $($name: &self.$name,)* }
            }
        }
    };
}

typed! {
    string: String,
    str_ref: &'a str,
    boxed: Box<str>,
    cow: Cow<'a, str>,
    letter: char,
    flag: bool,
    tiny: u8,
    small: u16,
    medium: u32,
    large: u64,
    size: usize,
    tiny_signed: i8,
    small_signed: i16,
    medium_signed: i32,
    large_signed: i64,
    size_signed: isize,
    huge: u128,
    huge_signed: i128,
    maybe_string: Option<String>,
    maybe_number: Option<i32>,
    maybe_maybe: Option<Option<u8>>,
    maybe_letter: Option<char>,
    float: f64,
    generic: T,
    alias: Alias,
    shadowed: shadow::String,
}

impl<T: Serialize + std::fmt::Debug> Typed<'_, T> {
    /// The message, as `format!` writes the template.
    fn expected_message(&self) -> String {
        format!(
            "Got \"{}\"\t\\ {} {} {} {} {} {} {} {} {} {} {} {} {} {} {} </script>\u{2028}",
            self.string,
            self.str_ref,
            self.boxed,
            self.cow,
            self.letter,
            self.flag,
            self.tiny,
            self.small,
            self.medium,
            self.large,
            self.size,
            self.tiny_signed,
            self.small_signed,
            self.medium_signed,
            self.large_signed,
            self.size_signed,
        )
    }
}

/// The body's members before the extras, in each laid-out format, around
/// `message`, a JSON string.
fn head(format: Format, message: &str) -> Option<String> {
    match format {
        Format::Envelope => Some(format!(
            r#"{{"error":{{"code":"typed","message":{message},"#
        )),
        Format::Flat => Some(format!(r#"{{"error":"Bad Request","message":{message},"#)),
        Format::Problem => Some(format!(
            r#"{{"type":"about:blank","title":"Bad Request","status":400,"detail":{message},"code":"typed","#
        )),
        _ => None,
    }
}

/// What the `&str` field borrows: text that needs each kind of escape.
const STATIC_TEXTS: &[&str] = &[
    "",
    "plain",
    "a \"quote\" and a \\ backslash",
    "\u{0}\u{1f}\u{7f} controls",
    "\u{2028}\u{2029} separators </script>",
    "emoji 🎉 and ünïcödé",
];

fn typed(text: &'static str) -> impl Strategy<Value = Typed<'static, Vec<String>>> {
    let strings = (
        nasty_string(),
        nasty_string(),
        nasty_string(),
        any::<char>(),
        any::<bool>(),
        prop::option::of(nasty_string()),
        prop::option::of(any::<char>()),
        prop::collection::vec(nasty_string(), 0..3),
        nasty_string(),
    );
    let unsigned = (
        any::<u8>(),
        any::<u16>(),
        any::<u32>(),
        any::<u64>(),
        any::<usize>(),
        any::<u128>(),
    );
    let signed = (
        any::<i8>(),
        any::<i16>(),
        any::<i32>(),
        any::<i64>(),
        any::<isize>(),
        any::<i128>(),
        prop::option::of(any::<i32>()),
        prop::option::of(prop::option::of(any::<u8>())),
        any::<f64>(),
        prop::collection::vec(any::<u8>(), 0..4),
    );
    (strings, unsigned, signed).prop_map(move |(strings, unsigned, signed)| {
        let (string, boxed, cow, letter, flag, maybe_string, maybe_letter, generic, alias) =
            strings;
        let (tiny, small, medium, large, size, huge) = unsigned;
        let (
            tiny_signed,
            small_signed,
            medium_signed,
            large_signed,
            size_signed,
            huge_signed,
            maybe_number,
            maybe_maybe,
            float,
            bytes,
        ) = signed;
        Typed {
            string,
            str_ref: text,
            boxed: boxed.into_boxed_str(),
            cow: Cow::Owned(cow),
            letter,
            flag,
            tiny,
            small,
            medium,
            large,
            size,
            tiny_signed,
            small_signed,
            medium_signed,
            large_signed,
            size_signed,
            huge,
            huge_signed,
            maybe_string,
            maybe_number,
            maybe_maybe,
            maybe_letter,
            float,
            generic,
            alias,
            shadowed: shadow::String { bytes },
        }
    })
}

/// The body as the generic serde path writes it.
fn via_serde<E: ApiError + api_error::__private::Members>(err: &E, format: Format) -> String {
    struct Serde<'a, E>(&'a E, Format, &'a RenderOptions<'a>);

    impl<E: ApiError + api_error::__private::Members> Serialize for Serde<'_, E> {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            api_error::__private::serialize_body(self.0, self.0, self.1, self.2, serializer)
        }
    }

    serde_json::to_string(&Serde(err, format, &RenderOptions::new())).unwrap()
}

proptest! {
    #![proptest_config(crate::config())]

    #[test]
    fn every_type_class_writes_what_serde_json_writes(
        err in prop::sample::select(STATIC_TEXTS).prop_flat_map(typed)
    ) {
        let members = serde_json::to_string(&err.reference()).unwrap();
        let members = &members[1..members.len() - 1];
        prop_assert_eq!(err.message(), err.expected_message());
        let message = serde_json::to_string(&err.expected_message()).unwrap();
        for format in Format::ALL {
            let body = err.to_json(format);
            if let Some(head) = head(format, &message) {
                let close = if format == Format::Envelope { "}}" } else { "}" };
                prop_assert_eq!(&body, &format!("{head}{members}{close}"), "{:?}", format);
            }
            prop_assert_eq!(&body, &via_serde(&err, format), "{:?}", format);
            prop_assert!(serde_json::from_str::<serde_json::Value>(&body).is_ok());
        }
    }
}
