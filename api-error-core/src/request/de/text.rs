//! Query strings, form bodies and path parameters: text that becomes
//! whatever a type asks for, with structured errors.

use super::{DataError, Expected};
use serde::de::value::{MapDeserializer, SeqDeserializer};
use serde::de::{self, DeserializeSeed, EnumAccess, IntoDeserializer, VariantAccess, Visitor};

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

    forward_shapes!(some newtype);

    fn deserialize_enum<V: Visitor<'a>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DataError> {
        visitor.visit_enum(TextVariant(self.0))
    }

    // Text is never a list or an object.
    forward_shapes!(@fn deserialize_seq() => |self, _visitor| Err(DataError::wrong_type(Expected::String)));
    forward_shapes!(@fn deserialize_map() => |self, _visitor| Err(DataError::wrong_type(Expected::String)));
    forward_shapes!(@fn deserialize_struct(_name: &'static str, _fields: &'static [&'static str]) => |self, _visitor| Err(DataError::wrong_type(Expected::String)));

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

    forward_shapes!(struct_as_map tuples some newtype);

    fn deserialize_seq<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DataError> {
        let mut seq = SeqDeserializer::new(self.0.iter().map(|(_, v)| TextDeserializer(v)));
        let value = visitor.visit_seq(&mut seq)?;
        seq.end()?;
        Ok(value)
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
