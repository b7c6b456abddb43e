//! Structured deserialization errors.
//!
//! serde_json and serde_urlencoded turn every data error into text (`missing
//! field `email``), losing what failed. This module replays a failed input
//! through deserializers whose error type keeps serde's own structured
//! constructors (`missing_field`, `invalid_type`, `unknown_variant`, ...), and
//! serde_path_to_error tracks where in the input each failure happened. The
//! replay runs only after the fast path (the format's own deserializer) has
//! failed, so a request that parses pays nothing for it.

/// Deserializer methods that the deserializers here forward alike: a
/// newtype is its content, `Some` is the value itself, a tuple (struct) is
/// a sequence, a struct is a map, a unit struct is a unit.
macro_rules! forward_shapes {
    ($($shape:ident)*) => {$(forward_shapes!(@ $shape);)*};
    (@ newtype) => {
        forward_shapes!(@fn deserialize_newtype_struct(_name: &'static str) => |self, visitor| visitor.visit_newtype_struct(self));
    };
    (@ some) => {
        forward_shapes!(@fn deserialize_option() => |self, visitor| visitor.visit_some(self));
    };
    (@ tuples) => {
        forward_shapes!(@fn deserialize_tuple(_len: usize) => |self, visitor| self.deserialize_seq(visitor));
        forward_shapes!(@fn deserialize_tuple_struct(_name: &'static str, _len: usize) => |self, visitor| self.deserialize_seq(visitor));
    };
    (@ struct_as_map) => {
        forward_shapes!(@fn deserialize_struct(_name: &'static str, _fields: &'static [&'static str]) => |self, visitor| self.deserialize_map(visitor));
    };
    (@ unit_struct) => {
        forward_shapes!(@fn deserialize_unit_struct(_name: &'static str) => |self, visitor| self.deserialize_unit(visitor));
    };
    // A deserializer method with the arguments besides `self` and the
    // visitor, and what it returns.
    (@fn $method:ident($($arg:ident: $ty:ty),*) => |$this:ident, $visitor:ident| $body:expr) => {
        fn $method<V: Visitor<'a>>($this, $($arg: $ty,)* $visitor: V) -> Result<V::Value, DataError> {
            $body
        }
    };
}

mod node;
mod text;

pub(crate) use node::{Node, NodeDeserializer};
pub(crate) use text::PairsDeserializer;

use serde::de::{self, DeserializeOwned, Unexpected};
use std::fmt;

/// The kind of JSON value a deserializer asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Expected {
    Integer,
    Number,
    String,
    Char,
    Boolean,
    Array,
    Object,
    Null,
}

impl Expected {
    /// The kind as the end of "… must be ___".
    pub(crate) fn phrase(self) -> &'static str {
        match self {
            Expected::Integer => "an integer",
            Expected::Number => "a number",
            Expected::String => "a string",
            Expected::Char => "a single character",
            Expected::Boolean => "true or false",
            Expected::Array => "an array",
            Expected::Object => "an object",
            Expected::Null => "null",
        }
    }

    /// Every kind.
    const ALL: [Expected; 8] = [
        Expected::Integer,
        Expected::Number,
        Expected::String,
        Expected::Char,
        Expected::Boolean,
        Expected::Array,
        Expected::Object,
        Expected::Null,
    ];

    /// The kind whose [`phrase`](Self::phrase) this is.
    pub(crate) fn from_phrase(phrase: &str) -> Option<Expected> {
        Self::ALL.into_iter().find(|kind| kind.phrase() == phrase)
    }

    /// The kind as JSON Schema's `type` names it.
    pub(crate) fn json_type(self) -> &'static str {
        match self {
            Expected::Integer => "integer",
            Expected::Number => "number",
            Expected::String | Expected::Char => "string",
            Expected::Boolean => "boolean",
            Expected::Array => "array",
            Expected::Object => "object",
            Expected::Null => "null",
        }
    }
}

/// What went wrong at one place of the input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Problem {
    /// A required member is absent; the path is its container's.
    Missing(&'static str),
    /// A member the type does not accept; the path is its container's.
    UnknownField(String),
    /// A member given twice; the path is its container's.
    Duplicate(&'static str),
    /// A value of the wrong kind; `None` when only the visitor knew what it
    /// wanted.
    WrongType(Option<Expected>),
    /// A value of the right kind that is not acceptable (out of range, wrong
    /// length, rejected by a custom `Deserialize`), with the reason as the
    /// deserializer wrote it.
    InvalidValue(String),
    /// A string that names no variant of an enum.
    UnknownVariant {
        variant: String,
        allowed: &'static [&'static str],
    },
}

/// A deserialization error with its structure kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct DataError(pub(crate) Problem);

impl DataError {
    /// Fills in the expected kind of a wrong-type error raised by a visitor.
    fn expecting(mut self, expected: Expected) -> Self {
        if let Problem::WrongType(slot @ None) = &mut self.0 {
            *slot = Some(expected);
        }
        self
    }

    fn wrong_type(expected: Expected) -> Self {
        DataError(Problem::WrongType(Some(expected)))
    }
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Problem::Missing(field) => write!(f, "missing field `{field}`"),
            Problem::UnknownField(field) => write!(f, "unknown field `{field}`"),
            Problem::Duplicate(field) => write!(f, "duplicate field `{field}`"),
            Problem::WrongType(Some(expected)) => write!(f, "expected {}", expected.phrase()),
            Problem::WrongType(None) => f.write_str("invalid type"),
            Problem::InvalidValue(reason) => f.write_str(reason),
            Problem::UnknownVariant { variant, .. } => write!(f, "unknown variant `{variant}`"),
        }
    }
}

impl std::error::Error for DataError {}

impl de::Error for DataError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DataError(Problem::InvalidValue(crate::field_path::bounded(
            msg.to_string(),
            crate::request::MAX_QUOTED_LEN,
        )))
    }

    fn invalid_type(_unexpected: Unexpected<'_>, _expected: &dyn de::Expected) -> Self {
        DataError(Problem::WrongType(None))
    }

    // What was expected is left out: serde words it with the type's name.
    fn invalid_value(unexpected: Unexpected<'_>, _expected: &dyn de::Expected) -> Self {
        Self::custom(format_args!("invalid value: {unexpected}"))
    }

    fn invalid_length(len: usize, _expected: &dyn de::Expected) -> Self {
        Self::custom(format_args!("invalid length {len}"))
    }

    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        DataError(Problem::UnknownVariant {
            variant: crate::field_path::bounded(variant.to_owned(), super::MAX_QUOTED_LEN),
            allowed: expected,
        })
    }

    fn unknown_field(field: &str, _expected: &'static [&'static str]) -> Self {
        DataError(Problem::UnknownField(field.to_owned()))
    }

    fn missing_field(field: &'static str) -> Self {
        DataError(Problem::Missing(field))
    }

    fn duplicate_field(field: &'static str) -> Self {
        DataError(Problem::Duplicate(field))
    }
}

/// Where replaying `T` over `deserializer` fails, and why; `None` when it
/// succeeds.
pub(crate) fn replay<'a, T, D>(deserializer: D) -> Option<(super::FieldPath, Problem)>
where
    T: DeserializeOwned,
    D: de::Deserializer<'a, Error = DataError>,
{
    match serde_path_to_error::deserialize::<_, T>(deserializer) {
        Ok(_) => None,
        Err(err) => {
            let path = super::FieldPath::from(err.path());
            Some((path, err.into_inner().0))
        }
    }
}
