//! Rebuilding a variant from an error body: the [`Decode`] trait, and the
//! helpers the decoders that `#[api(decode)]` generates call for each field.

use super::ErrorBody;
use crate::Format;
use api_error_wire::names;
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::time::Duration;

/// A type the derive can rebuild from an error body: `#[api(decode)]`.
pub trait Decode: Sized {
    /// The variant `body` describes, when this type has it and every field
    /// can be rebuilt.
    fn decode(body: &ErrorBody) -> Option<Self>;
}

/// A value from its JSON form, or `null` when absent: `Option` fields
/// become `None`, other types fail.
fn from_json<T: DeserializeOwned>(value: Option<&Value>) -> Option<T> {
    T::deserialize(value.unwrap_or(&Value::Null)).ok()
}

/// An `extra` member. Google's `ErrorInfo` metadata holds every value as a
/// string: one that does not read as the field's type is read as the JSON
/// it holds.
#[doc(hidden)]
pub fn member<T: DeserializeOwned>(body: &ErrorBody, name: &str) -> Option<T> {
    let value = body.members.get(name);
    from_json(value).or_else(|| match (body.format, value) {
        (Some(Format::Google), Some(Value::String(text))) => serde_json::from_str(text).ok(),
        _ => None,
    })
}

/// The `errors` list. The formats that write each field error as an object
/// of its own (and those of your own) may write none for an empty list; a
/// format the walk lays out always writes it.
#[doc(hidden)]
pub fn errors<T: DeserializeOwned>(body: &ErrorBody) -> Option<T> {
    match body.members.get(names::ERRORS) {
        None if body.format.and_then(Format::layout).is_none() => {
            T::deserialize(Value::Array(Vec::new())).ok()
        }
        errors => from_json(errors),
    }
}

/// A `debug` member.
#[doc(hidden)]
pub fn debug_member<T: DeserializeOwned>(body: &ErrorBody, name: &str) -> Option<T> {
    from_json(body.debug.as_ref().and_then(|debug| debug.get(name)))
}

/// The `field` member.
#[doc(hidden)]
pub fn field<T: DeserializeOwned>(body: &ErrorBody) -> Option<T> {
    let field = body
        .field
        .as_ref()
        .map(|field| Value::String(field.clone()));
    from_json(field.as_ref())
}

/// A field a template placeholder printed: the text itself when the field
/// takes text (a string printed as `""` is those two quotes, not an empty
/// string), else its JSON form (numbers, booleans).
#[doc(hidden)]
pub fn capture<T: DeserializeOwned>(text: &str) -> Option<T> {
    T::deserialize(Value::String(text.to_owned()))
        .ok()
        .or_else(|| serde_json::from_str::<T>(text).ok())
}

/// A value `#[api(retry_after)]` can be rebuilt as.
#[doc(hidden)]
pub trait FromRetryAfter: Sized {
    fn from_retry_after(wait: Option<Duration>) -> Option<Self>;
}

macro_rules! from_retry_after_int {
    ($($ty:ty),*) => {$(
        impl FromRetryAfter for $ty {
            fn from_retry_after(wait: Option<Duration>) -> Option<Self> {
                wait.and_then(|wait| <$ty>::try_from(wait.as_secs()).ok())
            }
        }
    )*};
}

from_retry_after_int!(u8, u16, u32, u64, u128, usize, i8, i16, i32, i64, i128, isize);

impl FromRetryAfter for Duration {
    fn from_retry_after(wait: Option<Duration>) -> Option<Self> {
        wait
    }
}

impl<T: FromRetryAfter> FromRetryAfter for Option<T> {
    fn from_retry_after(wait: Option<Duration>) -> Option<Self> {
        Some(wait.and_then(|wait| T::from_retry_after(Some(wait))))
    }
}

/// The `retry_after` field, from the `Retry-After` header.
#[doc(hidden)]
pub fn retry_after<T: FromRetryAfter>(body: &ErrorBody) -> Option<T> {
    T::from_retry_after(body.retry_after)
}

/// Whether `body` can be the variant of `status` and `code`: the status
/// matches, and so does the code where the format has one.
#[doc(hidden)]
pub fn is(body: &ErrorBody, status: u16, code: &str) -> bool {
    body.status.as_u16() == status && body.code.as_deref().is_none_or(|c| c == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn captures_read_json_then_text() {
        assert_eq!(capture::<u32>("10"), Some(10));
        assert_eq!(capture::<String>("10"), Some("10".to_owned()));
        assert_eq!(capture::<String>("cli_1"), Some("cli_1".to_owned()));
        assert_eq!(capture::<String>("\"\""), Some("\"\"".to_owned()));
        assert_eq!(capture::<String>("\"a\""), Some("\"a\"".to_owned()));
        assert_eq!(capture::<bool>("true"), Some(true));
        assert_eq!(capture::<i64>("ten"), None);
        assert_eq!(
            capture::<Option<String>>("x y"),
            Some(Some("x y".to_owned()))
        );
    }
}
