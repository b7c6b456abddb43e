//! What generated code calls. Not a public API: it changes without notice.

pub use crate::doc_url::{transparent_const_body, transparent_doc_url};
pub use crate::error::{to_json, write_json};
#[cfg(feature = "fluent")]
pub use crate::localized::Localized;
pub use crate::members::{
    InLocale, LocaleCell, Member, Members, MessageWriter, ModeledBodies, NoMembers, Placeholder,
    PlaceholderDisplay, PlaceholderText, Slot, Visitor, WriteDirect, WriteSerialized,
};
pub use crate::model::{DynVisitor, MemberVisitor, Stop};
pub use crate::serde_writer::serialize_body;
pub use crate::{ApiError, Format, RenderOptions, MASKED_MESSAGE};
pub use api_error_wire::Layout;
pub use http::StatusCode;
/// What the derived `Localized` calls.
#[cfg(feature = "fluent")]
pub mod fluent {
    pub use crate::localized::{negotiate, Arg, AsNumber, AsStr, AsText, Catalogs, MessageId};
}
pub use serde;

pub use crate::__integrations;
pub use crate::client::rebuild::{
    capture, debug_member as decode_debug_member, errors as decode_errors, field as decode_field,
    is as decode_is, member as decode_member, retry_after as decode_retry_after,
};
pub use crate::client::template::{captures, Piece};
pub use crate::client::{Decode, ErrorBody};
pub use crate::{__impl_actix_web, __impl_aide, __impl_axum, __impl_tonic, __impl_utoipa};

#[cfg(feature = "aide")]
pub use crate::aide::__derived::responses_of as aide_responses;
pub use crate::catalog::clash::{code_clash, ClashMessage};
pub use crate::catalog::member_type::{Probe, ProbeFallback, EMPTY_CATALOG};
pub use crate::catalog::model::build::{catalog_entry_grpc, catalog_extra, error_catalog};
pub use crate::catalog::{
    Catalog, Entry as CatalogEntry, ErrorCatalog, Extra as CatalogExtra, FieldMember,
    Variant as CatalogVariant,
};
#[cfg(feature = "utoipa")]
pub use crate::utoipa::responses as utoipa_responses;
#[cfg(feature = "aide")]
pub use aide;
#[cfg(feature = "utoipa")]
pub use utoipa;

#[cfg(feature = "actix-web")]
pub use crate::actix::derived::{
    error_response as actix_error_response, status_code as actix_status_code,
};
#[cfg(feature = "axum")]
pub use crate::axum::derived::into_response as axum_into_response;
#[cfg(feature = "tonic")]
pub use crate::tonic::into_status as tonic_status;
pub use crate::{FieldLocation, GrpcCode};
#[cfg(feature = "actix-web")]
pub use actix_web;
#[cfg(feature = "axum")]
pub use axum_core;
#[cfg(feature = "tonic")]
pub use tonic;

pub use crate::roles::{ErrorList, FieldValue, MemberValue, RetryAfterValue, Transparent};
use std::error::Error;

pub use crate::members::ConstBody;

/// The body in `format` of a row of constant bodies, one per layout:
/// envelope, flat, problem. The formats written from the model have none.
#[inline]
#[must_use]
pub const fn const_body_in(
    bodies: &[(&'static str, usize); 3],
    format: Format,
) -> Option<ConstBody> {
    let (body, request_id_at) = match format.layout() {
        Some(api_error_wire::Layout::Envelope) => bodies[0],
        Some(api_error_wire::Layout::Flat) => bodies[1],
        Some(api_error_wire::Layout::Problem) => bodies[2],
        None => return None,
    };
    Some(ConstBody {
        body,
        request_id_at,
        request_id: crate::members::RequestIdPlace::MEMBER,
    })
}

/// The skeleton in `layout` of a row of skeletons, one per layout.
#[inline]
#[must_use]
pub const fn skeleton_in(
    skeletons: &[(&'static str, &'static [u32]); 3],
    layout: api_error_wire::Layout,
) -> Option<(&'static str, &'static [u32])> {
    match layout {
        api_error_wire::Layout::Envelope => Some(skeletons[0]),
        api_error_wire::Layout::Flat => Some(skeletons[1]),
        api_error_wire::Layout::Problem => Some(skeletons[2]),
    }
}

/// The row the derive's tables give a variant that has none.
pub const NO_ROW: u32 = u32::MAX;

/// The skeleton in `layout` of row `row` of the derive's skeletons, if the
/// variant has one.
#[must_use]
#[inline]
pub const fn skeleton_at(
    skeletons: &[[(&'static str, &'static [u32]); 3]],
    row: u32,
    layout: api_error_wire::Layout,
) -> Option<(&'static str, &'static [u32])> {
    let row = row as usize;
    if row >= skeletons.len() {
        return None;
    }
    skeleton_in(&skeletons[row], layout)
}

/// The status of a literal code, checked in 400..=599 by the derive.
#[must_use]
pub const fn status(code: u16) -> StatusCode {
    match StatusCode::from_u16(code) {
        Ok(status) => status,
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// Checks the role of an `#[api(errors)]` field where the field is written.
pub fn errors<T: ErrorList + ?Sized>(errors: &T) -> &T {
    errors
}

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

/// A source field on its way to `&dyn Error`. Generated code calls
/// `(&&&&SourceProbe(field)).source_value()`: method lookup takes the first
/// of these that applies, in order: the field is an error (or a trait
/// object of one), its `Deref` target is, its target's target is, or none
/// (`SourceAny`), where the field's type must be an [`ErrorSource`], so that
/// a field that is no error gets one message that says so, at the field.
pub struct SourceProbe<'r, T: ?Sized>(pub &'r T);

pub trait SourceDirect<'r, 'a> {
    fn source_value(&self) -> &'r (dyn Error + 'a);
}

impl<'r, 'a, T: AsDynError<'a> + ?Sized> SourceDirect<'r, 'a> for &&&SourceProbe<'r, T> {
    fn source_value(&self) -> &'r (dyn Error + 'a) {
        self.0.as_dyn_error()
    }
}

pub trait SourceDeref<'r, 'a> {
    fn source_value(&self) -> &'r (dyn Error + 'a);
}

impl<'r, 'a, T> SourceDeref<'r, 'a> for &&SourceProbe<'r, T>
where
    T: std::ops::Deref + ?Sized,
    T::Target: AsDynError<'a>,
{
    fn source_value(&self) -> &'r (dyn Error + 'a) {
        std::ops::Deref::deref(self.0).as_dyn_error()
    }
}

pub trait SourceDerefTwice<'r, 'a> {
    fn source_value(&self) -> &'r (dyn Error + 'a);
}

impl<'r, 'a, T> SourceDerefTwice<'r, 'a> for &SourceProbe<'r, T>
where
    T: std::ops::Deref + ?Sized,
    T::Target: std::ops::Deref,
    <T::Target as std::ops::Deref>::Target: AsDynError<'a>,
{
    fn source_value(&self) -> &'r (dyn Error + 'a) {
        std::ops::Deref::deref(std::ops::Deref::deref(self.0)).as_dyn_error()
    }
}

pub trait SourceAny<'r, 'a> {
    type Field: ?Sized;
    fn source_value(&self) -> &'r (dyn Error + 'a)
    where
        Self::Field: ErrorSource<'a>;
}

impl<'r, 'a, T: ?Sized> SourceAny<'r, 'a> for SourceProbe<'r, T> {
    type Field = T;
    fn source_value(&self) -> &'r (dyn Error + 'a)
    where
        T: ErrorSource<'a>,
    {
        self.0.error_source()
    }
}

/// What `#[api(source)]` asks of its field once no other way applies.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be the source of an API error: it does not implement std::error::Error",
    label = "`#[api(source)]` needs a type that implements std::error::Error",
    note = "use an error type (or a `Box<dyn Error + Send + Sync>`), or drop `#[api(source)]` and show the value in the message"
)]
pub trait ErrorSource<'a> {
    fn error_source(&self) -> &(dyn Error + 'a);
}

#[diagnostic::do_not_recommend]
impl<'a, T: AsDynError<'a> + ?Sized> ErrorSource<'a> for T {
    fn error_source(&self) -> &(dyn Error + 'a) {
        self.as_dyn_error()
    }
}

/// Checks that a transparent variant's field derives `ApiError`.
pub fn transparent<T: Transparent + ?Sized>(inner: &T) -> &T {
    inner
}
