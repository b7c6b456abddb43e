//! The roles a field can play in an error body, as traits: what
//! `#[api(field)]`, `#[api(retry_after)]`, `#[api(errors)]`,
//! `#[api(extra)]` / `#[api(debug)]` and `#[api(transparent)]` ask of the
//! field's type. A type that cannot play a role is a compile error that
//! names the trait and points at the field.
//!
//! Implement them for your own types to let them play a role:
//!
//! ```
//! use api_error::roles::FieldValue;
//! use api_error::ApiError;
//!
//! /// A request field's name, as the API's own type.
//! #[derive(Debug)]
//! struct FieldName(String);
//!
//! impl FieldValue for FieldName {
//!     fn field_value(&self) -> Option<&str> {
//!         Some(&self.0)
//!     }
//! }
//!
//! #[derive(Debug, ApiError)]
//! enum Error {
//!     #[api(status = 422, code = "invalid_parameter", message = "Invalid value")]
//!     Invalid { #[api(field)] name: FieldName },
//! }
//!
//! let error = Error::Invalid { name: FieldName("rate".into()) };
//! assert_eq!(error.field(), Some("rate"));
//! ```

use crate::catalog::Catalog;
use crate::field_errors::{FieldError, FieldErrors};
use crate::members::Members;
use crate::ApiError;
use std::borrow::Cow;
use std::rc::Rc;
use std::sync::Arc;
use std::time::Duration;

/// A value that can be the body's `field` member: `#[api(field)]`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be the `field` member of an API error",
    label = "`#[api(field)]` needs a string: String, &str, Cow<str>, Box<str>, or an Option of one",
    note = "for a fixed field name, write `#[api(field = \"name\")]` on the variant"
)]
pub trait FieldValue {
    /// The field's name, or none for this value.
    fn field_value(&self) -> Option<&str>;
}

impl FieldValue for str {
    fn field_value(&self) -> Option<&str> {
        Some(self)
    }
}

macro_rules! field_value_deref {
    ($($ty:ty),*) => {$(
        impl FieldValue for $ty {
            fn field_value(&self) -> Option<&str> {
                Some(self)
            }
        }
    )*};
}

field_value_deref!(String, Cow<'_, str>, Box<str>, Rc<str>, Arc<str>);

impl<T: FieldValue + ?Sized> FieldValue for &T {
    fn field_value(&self) -> Option<&str> {
        (**self).field_value()
    }
}

impl<T: FieldValue> FieldValue for Option<T> {
    fn field_value(&self) -> Option<&str> {
        self.as_ref().and_then(FieldValue::field_value)
    }
}

/// A value that can give `Retry-After`: `#[api(retry_after)]`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be the `retry_after` of an API error",
    label = "`#[api(retry_after)]` needs whole seconds as an integer, a std::time::Duration, or an Option of one"
)]
pub trait RetryAfterValue {
    /// How long to wait, or none for this value.
    fn retry_after_value(&self) -> Option<Duration>;
}

macro_rules! retry_after_unsigned {
    ($($ty:ty),*) => {$(
        impl RetryAfterValue for $ty {
            fn retry_after_value(&self) -> Option<Duration> {
                u64::try_from(*self).ok().map(Duration::from_secs)
            }
        }
    )*};
}

retry_after_unsigned!(u8, u16, u32, u64, u128, usize, i8, i16, i32, i64, i128, isize);

impl RetryAfterValue for Duration {
    fn retry_after_value(&self) -> Option<Duration> {
        Some(*self)
    }
}

impl<T: RetryAfterValue + ?Sized> RetryAfterValue for &T {
    fn retry_after_value(&self) -> Option<Duration> {
        (**self).retry_after_value()
    }
}

impl<T: RetryAfterValue> RetryAfterValue for Option<T> {
    fn retry_after_value(&self) -> Option<Duration> {
        self.as_ref().and_then(RetryAfterValue::retry_after_value)
    }
}

/// A value that can be the body's `errors` list: `#[api(errors)]`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be the `errors` list of an API error",
    label = "`#[api(errors)]` needs api_error::FieldErrors or Vec<api_error::FieldError>"
)]
pub trait ErrorList: serde::Serialize {
    /// The field errors, in the order the body lists them.
    fn field_errors(&self) -> &[FieldError];
}

impl ErrorList for FieldErrors {
    fn field_errors(&self) -> &[FieldError] {
        self.as_slice()
    }
}

impl ErrorList for Vec<FieldError> {
    fn field_errors(&self) -> &[FieldError] {
        self
    }
}

impl ErrorList for [FieldError] {
    fn field_errors(&self) -> &[FieldError] {
        self
    }
}

impl<T: ErrorList + ?Sized> ErrorList for &T {
    fn field_errors(&self) -> &[FieldError] {
        (**self).field_errors()
    }
}

/// A value that can be a body member: `#[api(extra)]` and `#[api(debug)]`.
/// Every `serde::Serialize` type is one: derive or implement `Serialize` to
/// make a type one.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a member of an API error body: it does not implement serde::Serialize",
    label = "`#[api(extra)]` and `#[api(debug)]` need a serde::Serialize type",
    note = "derive serde::Serialize for it, or expose a field that is"
)]
pub trait MemberValue: serde::Serialize {}

#[diagnostic::do_not_recommend]
impl<T: serde::Serialize + ?Sized> MemberValue for T {}

/// What a transparent variant asks of its field: a type that derives
/// `ApiError`. The derive implements it; generated code asks for this one
/// trait first, so a field that is not an `ApiError` gets one error, at the
/// field.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an ApiError, so a transparent variant cannot wrap it",
    label = "a transparent variant's field must be a type that derives ApiError",
    note = "derive ApiError for it, or drop `transparent`: give the variant its own status and message, and mark the field `#[api(source)]`"
)]
pub trait Transparent: ApiError + Members + Catalog {}
