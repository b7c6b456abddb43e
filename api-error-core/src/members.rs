//! What a body is made of beyond the [`ApiError`](crate::ApiError) trait.

use crate::field_errors::FieldError;
use crate::format::Format;
use serde::Serialize;

/// The parts of a body that the [`ApiError`] trait does not expose: extras,
/// the `errors` list, debug members. Implemented by the derive.
#[doc(hidden)]
pub trait Members {
    /// Extras in declaration order, then `errors`.
    fn visit_members<V: Visitor>(&self, _visitor: &mut V) -> Result<(), V::Error> {
        Ok(())
    }

    /// The `debug` members.
    fn visit_debug<V: Visitor>(&self, _visitor: &mut V) -> Result<(), V::Error> {
        Ok(())
    }

    /// Whether [`visit_debug`](Self::visit_debug) visits anything.
    fn has_debug_members(&self) -> bool {
        false
    }

    /// Whether the public message replaces the error's own text.
    fn is_masked(&self) -> bool {
        false
    }

    /// The whole body, when it does not depend on the value.
    fn const_body(&self, _format: Format) -> Option<ConstBody> {
        None
    }
}

/// A body that is the same for every value of a variant, computed by the
/// derive from the same layout the runtime walks.
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ConstBody {
    /// The whole body.
    pub body: &'static str,
    /// Where a 5xx body's `request_id` member goes.
    pub request_id_at: usize,
}

/// Receives the members of a body in order.
#[doc(hidden)]
pub trait Visitor {
    type Error: serde::ser::Error;

    fn member<T: Serialize>(&mut self, name: &'static str, value: &T) -> Result<(), Self::Error>;

    /// The `errors` list: a member like the others, which a JSON writer
    /// writes without going through serde.
    fn errors(&mut self, errors: &[FieldError]) -> Result<(), Self::Error> {
        self.member(api_error_wire::names::ERRORS, &errors)
    }
}

/// The members of a type that exposes nothing beyond the trait.
#[doc(hidden)]
pub struct NoMembers;

impl Members for NoMembers {}
