//! What the catalog knows of a member's Rust type: its [`JsonType`], through
//! [`MemberType`], and the probe the derive reads it with, which falls back
//! to [`JsonType::Any`] (and a transparent variant's catalog to an empty
//! one) when the type says nothing.

use super::{Catalog, ErrorCatalog, JsonType};
use crate::format::Format;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};
use std::marker::PhantomData;
use std::num::{
    NonZeroI128, NonZeroI16, NonZeroI32, NonZeroI64, NonZeroI8, NonZeroIsize, NonZeroU128,
    NonZeroU16, NonZeroU32, NonZeroU64, NonZeroU8, NonZeroUsize,
};
use std::rc::Rc;
use std::sync::Arc;

/// The JSON type a Rust type serializes to, for the catalog's description of
/// `#[api(extra)]` members.
///
/// Implemented for the standard types that serde serializes in one JSON
/// type. A member whose type does not implement it is listed as
/// [`JsonType::Any`]; implement it for your own types to describe them:
///
/// ```
/// use api_error::catalog::{Catalog, JsonType, MemberType};
/// use api_error::ApiError;
///
/// #[derive(Debug, serde::Serialize)]
/// #[serde(rename_all = "lowercase")]
/// enum Resource { Client, Invoice }
///
/// impl MemberType for Resource {
///     const JSON_TYPE: JsonType = JsonType::String;
/// }
///
/// #[derive(Debug, ApiError)]
/// enum Error {
///     #[api(status = 404, message = "Not found")]
///     NotFound { #[api(extra)] resource: Resource, #[api(extra)] tags: Vec<String> },
/// }
///
/// let extras = Error::catalog().get("not_found").unwrap().extras;
/// assert_eq!(extras[0].json_type, JsonType::String);
/// assert_eq!(extras[1].json_type, JsonType::Array(&JsonType::String));
/// ```
pub trait MemberType {
    /// The JSON type of a serialized value.
    const JSON_TYPE: JsonType;
}

macro_rules! member_types {
    ($json:expr => $($ty:ty),* $(,)?) => {$(
        impl MemberType for $ty {
            const JSON_TYPE: JsonType = $json;
        }
    )*};
}

member_types!(JsonType::Integer =>
    u8, u16, u32, u64, u128, usize, i8, i16, i32, i64, i128, isize,
    NonZeroU8, NonZeroU16, NonZeroU32, NonZeroU64, NonZeroU128, NonZeroUsize,
    NonZeroI8, NonZeroI16, NonZeroI32, NonZeroI64, NonZeroI128, NonZeroIsize,
);
member_types!(JsonType::Number => f32, f64, serde_json::Number);
member_types!(JsonType::Boolean => bool);
member_types!(JsonType::String =>
    str, String, char, std::path::Path, std::path::PathBuf,
    std::net::IpAddr, std::net::Ipv4Addr, std::net::Ipv6Addr,
    std::net::SocketAddr, std::net::SocketAddrV4, std::net::SocketAddrV6,
);
member_types!(JsonType::Null => ());
member_types!(JsonType::Object =>
    std::time::Duration, std::time::SystemTime, serde_json::Map<String, serde_json::Value>,
);
member_types!(JsonType::Any => serde_json::Value);
member_types!(JsonType::Array(&JsonType::Object) => crate::FieldErrors);
member_types!(JsonType::Object => crate::FieldError);

macro_rules! member_type_transparent {
    ($($ty:ident),*) => {$(
        impl<T: MemberType + ?Sized> MemberType for $ty<T> {
            const JSON_TYPE: JsonType = T::JSON_TYPE;
        }
    )*};
}

member_type_transparent!(Box, Rc, Arc);

impl<T: MemberType + ?Sized> MemberType for &T {
    const JSON_TYPE: JsonType = T::JSON_TYPE;
}

impl<T: MemberType + ?Sized> MemberType for &mut T {
    const JSON_TYPE: JsonType = T::JSON_TYPE;
}

impl<T: MemberType + ToOwned + ?Sized> MemberType for Cow<'_, T> {
    const JSON_TYPE: JsonType = T::JSON_TYPE;
}

impl<T: MemberType> MemberType for Option<T> {
    const JSON_TYPE: JsonType = match T::JSON_TYPE {
        // serde writes `None` and `Some(None)` alike.
        JsonType::Nullable(inner) => JsonType::Nullable(inner),
        JsonType::Null => JsonType::Null,
        JsonType::Any => JsonType::Any,
        _ => JsonType::Nullable(&T::JSON_TYPE),
    };
}

macro_rules! member_type_array {
    ($($ty:ident),*) => {$(
        impl<T: MemberType> MemberType for $ty<T> {
            const JSON_TYPE: JsonType = JsonType::Array(&T::JSON_TYPE);
        }
    )*};
}

member_type_array!(Vec, VecDeque, BTreeSet);

impl<T: MemberType, S> MemberType for HashSet<T, S> {
    const JSON_TYPE: JsonType = JsonType::Array(&T::JSON_TYPE);
}

impl<T: MemberType> MemberType for [T] {
    const JSON_TYPE: JsonType = JsonType::Array(&T::JSON_TYPE);
}

impl<T: MemberType, const N: usize> MemberType for [T; N] {
    const JSON_TYPE: JsonType = JsonType::Array(&T::JSON_TYPE);
}

impl<K, V> MemberType for BTreeMap<K, V> {
    const JSON_TYPE: JsonType = JsonType::Object;
}

impl<K, V, S> MemberType for HashMap<K, V, S> {
    const JSON_TYPE: JsonType = JsonType::Object;
}

/// Reads a type's [`MemberType`], or [`JsonType::Any`] when it has none:
/// the inherent constant wins when its bound holds, the trait's otherwise.
#[doc(hidden)]
pub struct Probe<T: ?Sized>(PhantomData<T>);

impl<T: MemberType + ?Sized> Probe<T> {
    pub const JSON_TYPE: JsonType = T::JSON_TYPE;
}

impl<T: Catalog + ?Sized> Probe<T> {
    pub const CATALOG: &'static ErrorCatalog = T::CATALOG;
}

#[doc(hidden)]
pub trait ProbeFallback {
    const JSON_TYPE: JsonType = JsonType::Any;
    const CATALOG: &'static ErrorCatalog = EMPTY_CATALOG;
}

impl<T: ?Sized> ProbeFallback for Probe<T> {}

/// The catalog of a type the derive could not read.
#[doc(hidden)]
pub const EMPTY_CATALOG: &ErrorCatalog = &ErrorCatalog::__new("", "", Format::Envelope, "", &[]);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_types_display() {
        assert_eq!(
            JsonType::Array(&JsonType::String).to_string(),
            "array<string>"
        );
        assert_eq!(
            JsonType::Nullable(&JsonType::Integer).to_string(),
            "integer | null"
        );
        assert_eq!(
            <Option<Option<u8>>>::JSON_TYPE,
            JsonType::Nullable(&JsonType::Integer)
        );
        assert_eq!(<Option<serde_json::Value>>::JSON_TYPE, JsonType::Any);
        assert_eq!(<Cow<'_, str>>::JSON_TYPE, JsonType::String);
        assert_eq!(<[u8; 4]>::JSON_TYPE, JsonType::Array(&JsonType::Integer));
        assert_eq!(<HashMap<String, u8>>::JSON_TYPE, JsonType::Object);
    }

    #[test]
    fn probe_falls_back_to_any() {
        struct Unknown;
        #[allow(unused_imports)]
        use super::ProbeFallback as _;
        assert_eq!(<Probe<Unknown>>::JSON_TYPE, JsonType::Any);
        assert_eq!(
            <Probe<Vec<u8>>>::JSON_TYPE,
            JsonType::Array(&JsonType::Integer)
        );
        assert_eq!(<Probe<Vec<Unknown>>>::JSON_TYPE, JsonType::Any);
    }
}
