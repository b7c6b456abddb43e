//! Structured deserialization errors.
//!
//! serde_json and serde_urlencoded turn every data error into text (`missing
//! field `email``), losing what failed. This module replays a failed input
//! through deserializers whose error type keeps serde's own structured
//! constructors (`missing_field`, `invalid_type`, `unknown_variant`, ...), and
//! serde_path_to_error tracks where in the input each failure happened. The
//! replay runs only after the fast path (the format's own deserializer) has
//! failed, so a request that parses pays nothing for it.

use serde::de::value::{MapDeserializer, SeqDeserializer};
use serde::de::{
    self, DeserializeOwned, DeserializeSeed, EnumAccess, IntoDeserializer, Unexpected,
    VariantAccess, Visitor,
};
use serde::Deserialize;
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
        DataError(Problem::InvalidValue(super::path::bounded(
            msg.to_string(),
            super::MAX_QUOTED_LEN,
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
            variant: super::path::bounded(variant.to_owned(), super::MAX_QUOTED_LEN),
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

/// A JSON document as the parser saw it: numbers in the form serde_json
/// reports them, object members in order with duplicates kept, so replaying
/// it calls a type's visitor exactly as serde_json did.
#[derive(Debug)]
pub(crate) enum Node {
    Null,
    Bool(bool),
    U64(u64),
    I64(i64),
    F64(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(String, Node)>),
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Node, E> {
        Ok(Node::Bool(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Node, E> {
        Ok(Node::U64(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Node, E> {
        Ok(Node::I64(v))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Node, E> {
        Ok(Node::F64(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<Node, E> {
        Ok(Node::Str(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Node, E> {
        Ok(Node::Str(v))
    }

    fn visit_unit<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }

    fn visit_none<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }

    fn visit_some<D: de::Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
        Node::deserialize(d)
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Node::Seq(items))
    }

    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut members = Vec::new();
        while let Some((key, value)) = map.next_entry::<String, Node>()? {
            members.push((key, value));
        }
        Ok(Node::Map(members))
    }
}

/// Replays a [`Node`] as serde_json's deserializer would, with structured
/// errors.
#[derive(Clone, Copy)]
pub(crate) struct NodeDeserializer<'a>(pub(crate) &'a Node);

impl<'a> IntoDeserializer<'a, DataError> for &'a Node {
    type Deserializer = NodeDeserializer<'a>;

    fn into_deserializer(self) -> NodeDeserializer<'a> {
        NodeDeserializer(self)
    }
}

fn map_access<'a>(
    members: &'a [(String, Node)],
) -> MapDeserializer<'a, impl Iterator<Item = (&'a str, &'a Node)>, DataError> {
    MapDeserializer::new(members.iter().map(|(k, v)| (k.as_str(), v)))
}

macro_rules! number {
    ($($method:ident => $expected:ident),*) => {$(
        fn $method<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DataError> {
            let result = match self.0 {
                Node::U64(n) => visitor.visit_u64::<DataError>(*n),
                Node::I64(n) => visitor.visit_i64(*n),
                Node::F64(n) => visitor.visit_f64(*n),
                _ => return Err(DataError::wrong_type(Expected::$expected)),
            };
            result.map_err(|e: DataError| e.expecting(Expected::$expected))
        }
    )*};
}

impl<'a> de::Deserializer<'a> for NodeDeserializer<'a> {
    type Error = DataError;

    fn deserialize_any<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DataError> {
        match self.0 {
            Node::Null => visitor.visit_unit(),
            Node::Bool(b) => visitor.visit_bool(*b),
            Node::U64(n) => visitor.visit_u64(*n),
            Node::I64(n) => visitor.visit_i64(*n),
            Node::F64(n) => visitor.visit_f64(*n),
            Node::Str(s) => visitor.visit_borrowed_str(s),
            Node::Seq(items) => visit_seq(items, visitor),
            Node::Map(members) => visit_map(members, visitor),
        }
    }

    number! {
        deserialize_i8 => Integer, deserialize_i16 => Integer, deserialize_i32 => Integer,
        deserialize_i64 => Integer, deserialize_i128 => Integer, deserialize_u8 => Integer,
        deserialize_u16 => Integer, deserialize_u32 => Integer, deserialize_u64 => Integer,
        deserialize_u128 => Integer, deserialize_f32 => Number, deserialize_f64 => Number
    }

    fn deserialize_bool<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DataError> {
        match self.0 {
            Node::Bool(b) => visitor.visit_bool(*b),
            _ => Err(DataError::wrong_type(Expected::Boolean)),
        }
    }

    fn deserialize_char<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DataError> {
        match self.0 {
            Node::Str(s) => visitor
                .visit_borrowed_str(s)
                .map_err(|e: DataError| e.expecting(Expected::Char)),
            _ => Err(DataError::wrong_type(Expected::Char)),
        }
    }

    fn deserialize_str<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DataError> {
        match self.0 {
            Node::Str(s) => visitor
                .visit_borrowed_str(s)
                .map_err(|e: DataError| e.expecting(Expected::String)),
            _ => Err(DataError::wrong_type(Expected::String)),
        }
    }

    fn deserialize_string<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DataError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DataError> {
        match self.0 {
            Node::Str(s) => visitor.visit_borrowed_bytes(s.as_bytes()),
            Node::Seq(items) => visit_seq(items, visitor),
            _ => Err(DataError::wrong_type(Expected::Array)),
        }
    }

    fn deserialize_byte_buf<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DataError> {
        self.deserialize_bytes(visitor)
    }

    fn deserialize_option<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DataError> {
        match self.0 {
            Node::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_unit<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DataError> {
        match self.0 {
            Node::Null => visitor.visit_unit(),
            _ => Err(DataError::wrong_type(Expected::Null)),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'a>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DataError> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'a>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DataError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DataError> {
        match self.0 {
            Node::Seq(items) => visit_seq(items, visitor),
            _ => Err(DataError::wrong_type(Expected::Array)),
        }
    }

    fn deserialize_tuple<V: Visitor<'a>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, DataError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'a>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, DataError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DataError> {
        match self.0 {
            Node::Map(members) => visit_map(members, visitor),
            _ => Err(DataError::wrong_type(Expected::Object)),
        }
    }

    fn deserialize_struct<V: Visitor<'a>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DataError> {
        // serde_json also reads a struct from an array of its fields; an
        // input that failed is explained as the object it should have been.
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: Visitor<'a>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DataError> {
        match self.0 {
            Node::Str(variant) => visitor.visit_enum(Variant {
                name: variant,
                value: None,
            }),
            Node::Map(members) if members.len() == 1 => visitor.visit_enum(Variant {
                name: &members[0].0,
                value: Some(&members[0].1),
            }),
            _ => Err(DataError::wrong_type(Expected::String)),
        }
    }

    fn deserialize_identifier<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DataError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DataError> {
        visitor.visit_unit()
    }
}

fn visit_seq<'a, V: Visitor<'a>>(items: &'a [Node], visitor: V) -> Result<V::Value, DataError> {
    let mut seq = SeqDeserializer::new(items.iter());
    let value = visitor.visit_seq(&mut seq)?;
    seq.end()?;
    Ok(value)
}

fn visit_map<'a, V: Visitor<'a>>(
    members: &'a [(String, Node)],
    visitor: V,
) -> Result<V::Value, DataError> {
    let mut map = map_access(members);
    let value = visitor.visit_map(&mut map)?;
    map.end()?;
    Ok(value)
}

/// An enum value: a variant name, with its content for all but unit
/// variants.
struct Variant<'a> {
    name: &'a str,
    value: Option<&'a Node>,
}

impl<'a> EnumAccess<'a> for Variant<'a> {
    type Error = DataError;
    type Variant = VariantContent<'a>;

    fn variant_seed<S: DeserializeSeed<'a>>(
        self,
        seed: S,
    ) -> Result<(S::Value, VariantContent<'a>), DataError> {
        let name: de::value::BorrowedStrDeserializer<'a, DataError> =
            de::value::BorrowedStrDeserializer::new(self.name);
        let variant = seed.deserialize(name)?;
        Ok((variant, VariantContent(self.value)))
    }
}

struct VariantContent<'a>(Option<&'a Node>);

impl<'a> VariantAccess<'a> for VariantContent<'a> {
    type Error = DataError;

    fn unit_variant(self) -> Result<(), DataError> {
        match self.0 {
            None | Some(Node::Null) => Ok(()),
            Some(_) => Err(DataError::wrong_type(Expected::Null)),
        }
    }

    fn newtype_variant_seed<S: DeserializeSeed<'a>>(self, seed: S) -> Result<S::Value, DataError> {
        match self.0 {
            Some(node) => seed.deserialize(NodeDeserializer(node)),
            None => Err(DataError::wrong_type(Expected::Object)),
        }
    }

    fn tuple_variant<V: Visitor<'a>>(self, _len: usize, visitor: V) -> Result<V::Value, DataError> {
        match self.0 {
            Some(Node::Seq(items)) => visit_seq(items, visitor),
            _ => Err(DataError::wrong_type(Expected::Array)),
        }
    }

    fn struct_variant<V: Visitor<'a>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DataError> {
        match self.0 {
            Some(Node::Map(members)) => visit_map(members, visitor),
            _ => Err(DataError::wrong_type(Expected::Object)),
        }
    }
}

/// One value of a query string, a form body or a path parameter: text that
/// becomes whatever the type asks for, as serde_urlencoded reads it.
#[derive(Clone, Copy)]
pub(crate) struct TextDeserializer<'a>(pub(crate) &'a str);

impl<'a> IntoDeserializer<'a, DataError> for TextDeserializer<'a> {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}

macro_rules! parsed {
    ($($method:ident: $ty:ty => $visit:ident, $expected:ident;)*) => {$(
        fn $method<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DataError> {
            match self.0.parse::<$ty>() {
                Ok(value) => visitor
                    .$visit::<DataError>(value)
                    .map_err(|e| e.expecting(Expected::$expected)),
                Err(_) => Err(DataError::wrong_type(Expected::$expected)),
            }
        }
    )*};
}

impl<'a> de::Deserializer<'a> for TextDeserializer<'a> {
    type Error = DataError;

    fn deserialize_any<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DataError> {
        visitor.visit_borrowed_str(self.0)
    }

    parsed! {
        deserialize_bool: bool => visit_bool, Boolean;
        deserialize_i8: i8 => visit_i8, Integer;
        deserialize_i16: i16 => visit_i16, Integer;
        deserialize_i32: i32 => visit_i32, Integer;
        deserialize_i64: i64 => visit_i64, Integer;
        deserialize_i128: i128 => visit_i128, Integer;
        deserialize_u8: u8 => visit_u8, Integer;
        deserialize_u16: u16 => visit_u16, Integer;
        deserialize_u32: u32 => visit_u32, Integer;
        deserialize_u64: u64 => visit_u64, Integer;
        deserialize_u128: u128 => visit_u128, Integer;
        deserialize_f32: f32 => visit_f32, Number;
        deserialize_f64: f64 => visit_f64, Number;
        deserialize_char: char => visit_char, Char;
    }

    fn deserialize_option<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DataError> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'a>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DataError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'a>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DataError> {
        visitor.visit_enum(TextVariant(self.0))
    }

    fn deserialize_seq<V: Visitor<'a>>(self, _visitor: V) -> Result<V::Value, DataError> {
        Err(DataError::wrong_type(Expected::String))
    }

    fn deserialize_map<V: Visitor<'a>>(self, _visitor: V) -> Result<V::Value, DataError> {
        Err(DataError::wrong_type(Expected::String))
    }

    fn deserialize_struct<V: Visitor<'a>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, DataError> {
        Err(DataError::wrong_type(Expected::String))
    }

    serde::forward_to_deserialize_any! {
        <W: Visitor<'a>>
        str string bytes byte_buf unit unit_struct tuple tuple_struct identifier ignored_any
    }
}

/// A unit variant named by text.
struct TextVariant<'a>(&'a str);

impl<'a> EnumAccess<'a> for TextVariant<'a> {
    type Error = DataError;
    type Variant = TextUnit;

    fn variant_seed<S: DeserializeSeed<'a>>(
        self,
        seed: S,
    ) -> Result<(S::Value, TextUnit), DataError> {
        let name: de::value::BorrowedStrDeserializer<'a, DataError> =
            de::value::BorrowedStrDeserializer::new(self.0);
        Ok((seed.deserialize(name)?, TextUnit))
    }
}

struct TextUnit;

impl<'a> VariantAccess<'a> for TextUnit {
    type Error = DataError;

    fn unit_variant(self) -> Result<(), DataError> {
        Ok(())
    }

    fn newtype_variant_seed<S: DeserializeSeed<'a>>(self, _seed: S) -> Result<S::Value, DataError> {
        Err(DataError::wrong_type(Expected::String))
    }

    fn tuple_variant<V: Visitor<'a>>(
        self,
        _len: usize,
        _visitor: V,
    ) -> Result<V::Value, DataError> {
        Err(DataError::wrong_type(Expected::String))
    }

    fn struct_variant<V: Visitor<'a>>(
        self,
        _fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, DataError> {
        Err(DataError::wrong_type(Expected::String))
    }
}

macro_rules! single {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DataError> {
            TextDeserializer(self.single()?).$method(visitor)
        }
    )*};
}

/// Named text values (query pairs, form fields, path parameters) as one
/// object; a type that wants a single value gets the only one there is.
pub(crate) struct PairsDeserializer<'a>(pub(crate) &'a [(String, String)]);

impl<'a> de::Deserializer<'a> for PairsDeserializer<'a> {
    type Error = DataError;

    fn deserialize_any<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DataError> {
        self.deserialize_map(visitor)
    }

    fn deserialize_map<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DataError> {
        let mut map = MapDeserializer::new(
            self.0
                .iter()
                .map(|(k, v)| (k.as_str(), TextDeserializer(v.as_str()))),
        );
        let value = visitor.visit_map(&mut map)?;
        map.end()?;
        Ok(value)
    }

    fn deserialize_struct<V: Visitor<'a>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DataError> {
        self.deserialize_map(visitor)
    }

    fn deserialize_seq<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DataError> {
        let mut seq = SeqDeserializer::new(self.0.iter().map(|(_, v)| TextDeserializer(v)));
        let value = visitor.visit_seq(&mut seq)?;
        seq.end()?;
        Ok(value)
    }

    fn deserialize_tuple<V: Visitor<'a>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, DataError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'a>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, DataError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_option<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DataError> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'a>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DataError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_unit<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DataError> {
        visitor.visit_unit()
    }

    fn deserialize_ignored_any<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DataError> {
        visitor.visit_unit()
    }

    fn deserialize_unit_struct<V: Visitor<'a>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DataError> {
        visitor.visit_unit()
    }

    fn deserialize_enum<V: Visitor<'a>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DataError> {
        TextDeserializer(self.single()?).deserialize_enum(name, variants, visitor)
    }

    single! {
        deserialize_bool deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
        deserialize_i128 deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64
        deserialize_u128 deserialize_f32 deserialize_f64 deserialize_char deserialize_str
        deserialize_string deserialize_bytes deserialize_byte_buf deserialize_identifier
    }
}

impl<'a> PairsDeserializer<'a> {
    /// The one value, for a type that reads a single value.
    fn single(&self) -> Result<&'a str, DataError> {
        match self.0 {
            [(_, value)] => Ok(value),
            _ => Err(DataError::wrong_type(Expected::Object)),
        }
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
