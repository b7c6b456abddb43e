//! What generated code calls. Not a public API: it changes without notice.

pub use crate::error::{to_json, write_json};
pub use crate::members::{Members, NoMembers, Visitor};
pub use crate::render::serialize_body;
pub use crate::{ApiError, Format, RenderOptions, MASKED_MESSAGE};
pub use http::StatusCode;
pub use serde;

pub use crate::__integrations;
pub use crate::client::{
    capture, captures, debug_member as decode_debug_member, errors as decode_errors,
    field as decode_field, is as decode_is, member as decode_member,
    retry_after as decode_retry_after, Decode, ErrorBody, Piece,
};
pub use crate::{__impl_actix_web, __impl_axum, __impl_tonic, __impl_utoipa};

pub use crate::catalog::{
    code_clash, Catalog, Entry as CatalogEntry, ErrorCatalog, Extra as CatalogExtra, FieldMember,
    Probe, ProbeFallback, Variant as CatalogVariant, EMPTY_CATALOG,
};
#[cfg(feature = "utoipa")]
pub use crate::utoipa::responses as utoipa_responses;
#[cfg(feature = "utoipa")]
pub use utoipa;

#[cfg(feature = "actix-web")]
pub use crate::actix::{error_response as actix_error_response, status_code as actix_status_code};
#[cfg(feature = "axum")]
pub use crate::axum::into_response as axum_into_response;
#[cfg(feature = "tonic")]
pub use crate::tonic::into_status as tonic_status;
pub use crate::GrpcCode;
#[cfg(feature = "actix-web")]
pub use actix_web;
#[cfg(feature = "axum")]
pub use axum_core;
#[cfg(feature = "tonic")]
pub use tonic;

use crate::field_errors::{FieldError, FieldErrors};
use std::borrow::Cow;
use std::error::Error;
use std::rc::Rc;
use std::sync::Arc;
use std::time::Duration;

pub use crate::members::ConstBody;

/// The body in `format` of a row of constant bodies: envelope, flat, problem.
#[must_use]
pub const fn const_body_in(bodies: &[ConstBody; 3], format: Format) -> ConstBody {
    match format {
        Format::Envelope => bodies[0],
        Format::Flat => bodies[1],
        Format::Problem => bodies[2],
    }
}

/// The status of a literal code, checked in 400..=599 by the derive.
#[must_use]
pub const fn status(code: u16) -> StatusCode {
    match StatusCode::from_u16(code) {
        Ok(status) => status,
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// A value that can be the body's `field` member: `#[api(field)]`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be the `field` member of an API error",
    label = "`#[api(field)]` needs a string: String, &str, Cow<str>, Box<str>, or an Option of one",
    note = "for a fixed field name, write `#[api(field = \"name\")]` on the variant"
)]
pub trait FieldValue {
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

/// Checks the role of an `#[api(errors)]` field where the field is written.
pub fn errors<T: ErrorList + ?Sized>(errors: &T) -> &T {
    errors
}

/// A value that can be a body member: `#[api(extra)]` and `#[api(debug)]`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a member of an API error body: it does not implement serde::Serialize",
    label = "`#[api(extra)]` and `#[api(debug)]` need a serde::Serialize type",
    note = "derive serde::Serialize for it, or expose a field that is"
)]
pub trait MemberValue: serde::Serialize {}

impl<T: serde::Serialize + ?Sized> MemberValue for T {}

/// Checks the role of an `#[api(extra)]` / `#[api(debug)]` field where the
/// field is written.
pub fn member<T: MemberValue + ?Sized>(value: &T) -> &T {
    value
}

/// Turns a source field into `&dyn Error`, whether it is a concrete error or
/// a boxed trait object.
pub trait AsDynError<'a> {
    fn as_dyn_error(&self) -> &(dyn Error + 'a);
}

impl<'a, T: Error + 'a> AsDynError<'a> for T {
    fn as_dyn_error(&self) -> &(dyn Error + 'a) {
        self
    }
}

impl<'a> AsDynError<'a> for dyn Error + 'a {
    fn as_dyn_error(&self) -> &(dyn Error + 'a) {
        self
    }
}

impl<'a> AsDynError<'a> for dyn Error + Send + 'a {
    fn as_dyn_error(&self) -> &(dyn Error + 'a) {
        self
    }
}

impl<'a> AsDynError<'a> for dyn Error + Send + Sync + 'a {
    fn as_dyn_error(&self) -> &(dyn Error + 'a) {
        self
    }
}

impl<'a> AsDynError<'a> for dyn Error + Send + Sync + std::panic::UnwindSafe + 'a {
    fn as_dyn_error(&self) -> &(dyn Error + 'a) {
        self
    }
}

/// What a transparent variant asks of its field; implemented by the derive.
/// Generated code asks for this one trait first, so a field that is not an
/// `ApiError` gets one error, at the field.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an ApiError, so a transparent variant cannot wrap it",
    label = "a transparent variant's field must be a type that derives ApiError",
    note = "derive ApiError for it, or drop `transparent`: give the variant its own status and message, and mark the field `#[api(source)]`"
)]
pub trait Transparent: ApiError + Members + Catalog {}

/// Checks that a transparent variant's field derives `ApiError`.
pub fn transparent<T: Transparent + ?Sized>(inner: &T) -> &T {
    inner
}
