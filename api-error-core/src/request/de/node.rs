//! A JSON document replayed as serde_json reads it, with structured errors.

use super::{DataError, Expected};
use serde::de::value::{MapDeserializer, SeqDeserializer};
use serde::de::{self, DeserializeSeed, EnumAccess, IntoDeserializer, VariantAccess, Visitor};
use serde::Deserialize;
use std::fmt;

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

impl<'a> NodeDeserializer<'a> {
    /// A string, for a type that reads one as `expected`.
    fn text<V: Visitor<'a>>(self, visitor: V, expected: Expected) -> Result<V::Value, DataError> {
        match self.0 {
            Node::Str(s) => visitor
                .visit_borrowed_str(s)
                .map_err(|e: DataError| e.expecting(expected)),
            _ => Err(DataError::wrong_type(expected)),
        }
    }
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
        self.text(visitor, Expected::Char)
    }

    fn deserialize_str<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DataError> {
        self.text(visitor, Expected::String)
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

    fn deserialize_seq<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DataError> {
        match self.0 {
            Node::Seq(items) => visit_seq(items, visitor),
            _ => Err(DataError::wrong_type(Expected::Array)),
        }
    }

    // serde_json also reads a struct from an array of its fields; an input
    // that failed is explained as the object it should have been.
    forward_shapes!(unit_struct newtype tuples struct_as_map);

    fn deserialize_map<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DataError> {
        match self.0 {
            Node::Map(members) => visit_map(members, visitor),
            _ => Err(DataError::wrong_type(Expected::Object)),
        }
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
