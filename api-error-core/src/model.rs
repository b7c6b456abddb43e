//! The members of an error body beyond what the [`ApiError`] trait's other
//! methods say: extras, the `errors` list and `debug` members, handed over
//! one by one to a [`MemberVisitor`].
//!
//! Every output reads an error through this model: the byte writer and the
//! serde path of each [`Format`](crate::Format), the gRPC status and its
//! details, the formats written from the model alone (JSON:API, Google's
//! AIP-193, Microsoft's guidelines) and a format of your own. The derive
//! implements [`ApiError::visit_members`] and [`ApiError::visit_debug`]; a
//! hand-written implementation writes them to have its members rendered
//! like a derived type's:
//!
//! ```
//! use api_error::model::{MemberVisitor, Stop, Value};
//! use api_error::{ApiError, Format, StatusCode};
//! use std::fmt;
//!
//! #[derive(Debug)]
//! struct QuotaExceeded {
//!     limit: u32,
//! }
//!
//! impl fmt::Display for QuotaExceeded {
//!     fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
//!         write!(f, "quota of {} exceeded", self.limit)
//!     }
//! }
//!
//! impl std::error::Error for QuotaExceeded {}
//!
//! impl ApiError for QuotaExceeded {
//!     fn status(&self) -> StatusCode {
//!         StatusCode::TOO_MANY_REQUESTS
//!     }
//!     fn code(&self) -> &'static str {
//!         "quota_exceeded"
//!     }
//!     fn fmt_message(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
//!         f.write_str("Quota exceeded")
//!     }
//!     fn visit_members(&self, visitor: &mut dyn MemberVisitor) -> Result<(), Stop> {
//!         visitor.member("limit", Value::new(&self.limit))
//!     }
//! }
//!
//! assert_eq!(
//!     QuotaExceeded { limit: 100 }.to_json(Format::Envelope),
//!     r#"{"error":{"code":"quota_exceeded","message":"Quota exceeded","limit":100}}"#,
//! );
//! ```

use crate::field_errors::FieldError;
use crate::members::{Members, Visitor};
use crate::ApiError;
use serde::{Serialize, Serializer};
use std::fmt;

/// Receives the members of an error, in the order a body writes them:
/// extras in declaration order, then `errors` (and, from
/// [`ApiError::visit_debug`], the `debug` members).
///
/// Dyn-compatible, so an error hands its members to any visitor through
/// `&mut dyn MemberVisitor`.
pub trait MemberVisitor {
    /// A member: an extra, or a `debug` member.
    ///
    /// # Errors
    ///
    /// [`Stop`] ends the walk; the visitor keeps its own reason.
    fn member(&mut self, name: &'static str, value: Value<'_>) -> Result<(), Stop>;

    /// The `errors` list. Visited as a member named `errors` unless the
    /// visitor writes it its own way.
    ///
    /// # Errors
    ///
    /// [`Stop`] ends the walk; the visitor keeps its own reason.
    fn errors(&mut self, errors: &[FieldError]) -> Result<(), Stop> {
        self.member(api_error_wire::names::ERRORS, Value::new(&errors))
    }
}

/// A member's value: anything `serde::Serialize`, behind one pointer.
///
/// It serializes as the value it was made from, with any serde serializer.
#[derive(Clone, Copy)]
pub struct Value<'a>(&'a dyn erased_serde::Serialize);

impl<'a> Value<'a> {
    /// The value of a member.
    pub fn new<T: Serialize>(value: &'a T) -> Self {
        Value(value)
    }
}

impl Serialize for Value<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        erased_serde::serialize(self.0, serializer)
    }
}

impl fmt::Debug for Value<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match serde_json::to_string(self) {
            Ok(json) => f.write_str(&json),
            Err(_) => f.write_str("<a value that does not serialize>"),
        }
    }
}

/// A visitor ended the walk of an error's members. Why is the visitor's to
/// say: a serializer's error, a bound reached.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stop;

impl fmt::Display for Stop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the member visitor stopped")
    }
}

impl std::error::Error for Stop {}

impl serde::ser::Error for Stop {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Stop
    }
}

/// A generic visitor seen through the dyn-compatible one: what a derived
/// [`ApiError::visit_members`] hands its generic member walk.
#[doc(hidden)]
pub struct DynVisitor<'v>(pub &'v mut dyn MemberVisitor);

impl Visitor for DynVisitor<'_> {
    type Error = Stop;

    fn member<T: Serialize>(&mut self, name: &'static str, value: &T) -> Result<(), Stop> {
        self.0.member(name, Value::new(value))
    }

    fn errors(&mut self, errors: &[FieldError]) -> Result<(), Stop> {
        self.0.errors(errors)
    }
}

/// A dyn-compatible visitor over a generic one, keeping the generic one's
/// error when it stops.
struct GenericVisitor<'v, V: Visitor> {
    visitor: &'v mut V,
    error: Option<V::Error>,
}

impl<V: Visitor> GenericVisitor<'_, V> {
    fn keep(&mut self, result: Result<(), V::Error>) -> Result<(), Stop> {
        result.map_err(|error| {
            self.error = Some(error);
            Stop
        })
    }

    /// Walks `visit` over the generic visitor.
    fn walk(
        visitor: &mut V,
        visit: impl FnOnce(&mut dyn MemberVisitor) -> Result<(), Stop>,
    ) -> Result<(), V::Error> {
        let mut generic = GenericVisitor {
            visitor,
            error: None,
        };
        let result = visit(&mut generic);
        finish(result, generic.error)
    }
}

impl<V: Visitor> MemberVisitor for GenericVisitor<'_, V> {
    fn member(&mut self, name: &'static str, value: Value<'_>) -> Result<(), Stop> {
        let result = self.visitor.member(name, &value);
        self.keep(result)
    }

    fn errors(&mut self, errors: &[FieldError]) -> Result<(), Stop> {
        let result = self.visitor.errors(errors);
        self.keep(result)
    }
}

/// The members of any [`ApiError`], read through its dyn-compatible
/// methods: how a hand-written implementation's members reach the writers.
pub(crate) struct DynMembers<'e, E: ?Sized>(pub(crate) &'e E);

/// The result of a walk that a visitor may have stopped: its own error,
/// `kept`, when it did; a stop the error's walk made on its own is one of
/// serde's custom errors.
pub(crate) fn finish<E: serde::ser::Error>(
    result: Result<(), Stop>,
    kept: Option<E>,
) -> Result<(), E> {
    match (result, kept) {
        (Ok(()), _) => Ok(()),
        (Err(Stop), Some(error)) => Err(error),
        (Err(Stop), None) => Err(E::custom("the error's member walk stopped")),
    }
}

impl<E: ApiError + ?Sized> Members for DynMembers<'_, E> {
    fn visit_members<V: Visitor>(&self, visitor: &mut V) -> Result<(), V::Error> {
        GenericVisitor::walk(visitor, |generic| self.0.visit_members(generic))
    }

    fn visit_debug<V: Visitor>(&self, visitor: &mut V) -> Result<(), V::Error> {
        GenericVisitor::walk(visitor, |generic| self.0.visit_debug(generic))
    }

    fn has_debug_members(&self) -> bool {
        self.0.has_debug_members()
    }

    fn is_masked(&self) -> bool {
        self.0.is_masked()
    }
}

/// Whether `visit` hands a visitor any member: what
/// [`ApiError::has_debug_members`] asks of a hand-written implementation.
pub(crate) fn visits_any(visit: impl FnOnce(&mut dyn MemberVisitor) -> Result<(), Stop>) -> bool {
    struct Any(bool);

    impl MemberVisitor for Any {
        fn member(&mut self, _: &'static str, _: Value<'_>) -> Result<(), Stop> {
            self.0 = true;
            Err(Stop)
        }

        fn errors(&mut self, _: &[FieldError]) -> Result<(), Stop> {
            self.0 = true;
            Err(Stop)
        }
    }

    let mut any = Any(false);
    let _ = visit(&mut any);
    any.0
}
