//! Which request errors each extractor and layer can answer, for the
//! OpenAPI document of an operation: see [`ErrorSet`](crate::catalog::ErrorSet).

// The lists are read by the framework modules' impls, and by the tests; a
// build without a framework has neither.
#![cfg_attr(
    not(any(feature = "axum", feature = "actix-web")),
    allow(dead_code, unused_macros)
)]

use super::{PanicPayload, RequestError};
use crate::catalog::ErrorSet;

/// The errors a framework extractor, or the layer around the routes, can
/// answer: what an operation that takes it documents besides its own
/// errors.
///
/// Implemented for the `axum` and `actix` modules' extractors (`Json`,
/// `Form`, `Query`, `Path`, and `Valid<_>` and `Garde<_>` around them), for
/// their layer and middleware, and for tuples of up to eight of these, so
/// that `(Path<u64>, Valid<Json<NewClient>>, ApiErrorLayer)` names every
/// request error of a handler.
///
/// An extractor of the API's own implements it too: with nothing when it
/// cannot fail, or with [`api_errors`](Self::api_errors) when its
/// rejection is one of the API's types.
///
/// ```
/// use api_error::catalog::ErrorSet;
/// use api_error::request::RequestErrors;
/// use api_error::ApiError;
///
/// #[derive(Debug, ApiError)]
/// #[api(subset(pub AuthError = Unauthorized))]
/// pub enum ClientsError {
///     #[api(status = 401, code = "unauthorized", message = "Invalid API key provided")]
///     Unauthorized,
///     #[api(status = 404, code = "not_found", message = "Client not found")]
///     NotFound,
/// }
///
/// /// The caller's API key: its extractor rejects a request with an `AuthError`.
/// struct Caller(String);
///
/// impl RequestErrors for Caller {
///     fn api_errors(set: ErrorSet) -> ErrorSet {
///         set.with::<AuthError>()
///     }
/// }
///
/// /// An extractor that cannot fail.
/// struct Now(std::time::SystemTime);
///
/// impl RequestErrors for Now {}
///
/// let set = ErrorSet::of::<ClientsError>().with_request_errors::<(Caller, Now)>();
/// assert_eq!(set.entries().len(), 2);
/// ```
pub trait RequestErrors {
    /// Adds the names of the [`RequestError`] variants it answers to `out`:
    /// none unless it says so.
    fn request_errors(out: &mut Vec<&'static str>) {
        let _ = out;
    }

    /// Adds the errors of the API's own types that it answers to `set`:
    /// those of its rejection, when that is a derived type. None unless it
    /// says so.
    #[must_use]
    fn api_errors(set: ErrorSet) -> ErrorSet {
        set
    }
}

/// What a body that must be JSON and fit its type answers.
pub(crate) const JSON_BODY: &[&str] = &[
    "UnsupportedMediaType",
    "PayloadTooLarge",
    "BodyUnreadable",
    "InvalidJson",
    "MissingField",
    "UnknownVariant",
    "InvalidType",
    "InvalidValue",
    "UnknownField",
    "DuplicateField",
];

/// What a form body answers.
pub(crate) const FORM_BODY: &[&str] = &[
    "UnsupportedMediaType",
    "PayloadTooLarge",
    "BodyUnreadable",
    "MissingField",
    "UnknownVariant",
    "InvalidType",
    "InvalidValue",
    "UnknownField",
    "DuplicateField",
];

/// What a query string answers.
pub(crate) const QUERY: &[&str] = &["MissingQueryParameter", "InvalidQueryParameter"];

/// What path parameters answer.
pub(crate) const PATH: &[&str] = &["InvalidPathParameter"];

/// What a validated extractor adds to the one it wraps.
#[cfg_attr(not(any(feature = "validator", feature = "garde")), allow(dead_code))]
pub(crate) const VALIDATION: &[&str] = &["Validation"];

/// What the framework layer answers for every route: no route, a wrong
/// method, a timeout, a panic.
pub(crate) const LAYER: &[&str] = &["RouteNotFound", "MethodNotAllowed", "Timeout", "Panic"];

impl RequestErrors for () {}

macro_rules! tuples {
    ($($name:ident)+) => {
        impl<$($name: RequestErrors),+> RequestErrors for ($($name,)+) {
            fn request_errors(out: &mut Vec<&'static str>) {
                $($name::request_errors(out);)+
            }

            fn api_errors(set: ErrorSet) -> ErrorSet {
                $(let set = $name::api_errors(set);)+
                set
            }
        }
    };
}

tuples!(A);
tuples!(A B);
tuples!(A B C);
tuples!(A B C D);
tuples!(A B C D E);
tuples!(A B C D E F);
tuples!(A B C D E F G);
tuples!(A B C D E F G H);

/// Extractors that cannot fail for the client: the request's id, its
/// headers, method and URI.
macro_rules! infallible {
    ($($ty:ty),* $(,)?) => {
        $(
            impl RequestErrors for $ty {}
        )*
    };
}

infallible!(crate::RequestId, http::HeaderMap, http::Method, http::Uri);

/// `RequestErrors` for extractors generic over what they read.
macro_rules! extractors {
    ($($ty:ident => $names:expr),* $(,)?) => {
        $(
            impl<T> RequestErrors for $ty<T> {
                fn request_errors(out: &mut Vec<&'static str>) {
                    out.extend_from_slice($names);
                }
            }
        )*
    };
}

#[cfg(feature = "axum")]
mod axum {
    use super::{RequestErrors, FORM_BODY, JSON_BODY, LAYER, PATH, QUERY};
    use crate::axum::{ApiErrorLayer, Form, Json, Path, Query};

    extractors!(Json => JSON_BODY, Form => FORM_BODY, Query => QUERY, Path => PATH);
    // The app's state and extensions: a missing one is the server's bug.
    extractors!(State => &[], Extension => &[]);
    use axum::extract::{Extension, State};

    impl RequestErrors for ApiErrorLayer {
        fn request_errors(out: &mut Vec<&'static str>) {
            out.extend_from_slice(LAYER);
        }
    }
}

#[cfg(feature = "actix-web")]
mod actix {
    use super::{RequestErrors, FORM_BODY, JSON_BODY, LAYER, PATH, QUERY};
    use crate::actix::{ApiErrorMiddleware, Form, Json, Path, Query};
    use actix_web::web::Data;

    extractors!(Json => JSON_BODY, Form => FORM_BODY, Query => QUERY, Path => PATH);
    // The app's data: a missing one is the server's bug.
    extractors!(Data => &[]);

    impl RequestErrors for actix_web::HttpRequest {}

    impl RequestErrors for ApiErrorMiddleware {
        fn request_errors(out: &mut Vec<&'static str>) {
            out.extend_from_slice(LAYER);
        }
    }
}

#[cfg(all(feature = "validator", any(feature = "axum", feature = "actix-web")))]
impl<X: RequestErrors> RequestErrors for crate::validation::Valid<X> {
    fn request_errors(out: &mut Vec<&'static str>) {
        X::request_errors(out);
        out.extend_from_slice(VALIDATION);
    }

    fn api_errors(set: ErrorSet) -> ErrorSet {
        X::api_errors(set)
    }
}

#[cfg(all(feature = "garde", any(feature = "axum", feature = "actix-web")))]
impl<X: RequestErrors> RequestErrors for crate::validation::Garde<X> {
    fn request_errors(out: &mut Vec<&'static str>) {
        X::request_errors(out);
        out.extend_from_slice(VALIDATION);
    }

    fn api_errors(set: ErrorSet) -> ErrorSet {
        X::api_errors(set)
    }
}

/// A value of the variant named, with its members filled in for a document:
/// what an API's mapping of request errors is shown with.
pub(crate) fn sample(variant: &str) -> Option<RequestError> {
    let field = || "field".to_owned();
    let label = || "Field".to_owned();
    Some(match variant {
        "InvalidJson" => RequestError::InvalidJson { detail: None },
        "MissingField" => RequestError::MissingField {
            field: field(),
            label: label(),
        },
        "UnknownVariant" => RequestError::UnknownVariant {
            field: Some(field()),
            label: label(),
            allowed: "a, b".to_owned(),
        },
        "InvalidType" => RequestError::InvalidType {
            field: Some(field()),
            label: label(),
            expected: "a string".to_owned(),
        },
        "InvalidValue" => RequestError::InvalidValue {
            field: Some(field()),
            label: label(),
            reason: None,
        },
        "UnknownField" => RequestError::UnknownField {
            field: field(),
            label: label(),
        },
        "DuplicateField" => RequestError::DuplicateField {
            field: field(),
            label: label(),
        },
        "Validation" => RequestError::Validation(crate::FieldErrors::new()),
        "InvalidPathParameter" => RequestError::InvalidPathParameter {
            field: field(),
            expected: "an integer".to_owned(),
        },
        "MissingQueryParameter" => RequestError::MissingQueryParameter { field: field() },
        "InvalidQueryParameter" => RequestError::InvalidQueryParameter {
            field: field(),
            expected: "an integer".to_owned(),
        },
        "UnsupportedMediaType" => RequestError::UnsupportedMediaType {
            expected: "application/json".to_owned(),
        },
        "PayloadTooLarge" => RequestError::PayloadTooLarge,
        "BodyUnreadable" => RequestError::BodyUnreadable,
        "RouteNotFound" => RequestError::RouteNotFound,
        "MethodNotAllowed" => RequestError::MethodNotAllowed,
        "Timeout" => RequestError::Timeout { elapsed_ms: None },
        "Panic" => RequestError::Panic(PanicPayload::from_panic(&"panic")),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{Catalog, Variant};
    use crate::ApiError;

    /// Every variant of `RequestError` but the bare status has a sample, of
    /// that variant, and every list names variants that exist.
    #[test]
    fn samples_cover_every_variant() {
        for variant in RequestError::CATALOG.variants {
            let Variant::Own(entry) = variant else {
                continue;
            };
            let sample = sample(entry.variant).unwrap_or_else(|| panic!("{}", entry.variant));
            assert_eq!(sample.code(), entry.code, "{}", entry.variant);
            assert_eq!(sample.status(), entry.status, "{}", entry.variant);
        }
        for list in [JSON_BODY, FORM_BODY, QUERY, PATH, VALIDATION, LAYER] {
            for name in list {
                assert!(sample(name).is_some(), "{name}");
            }
        }
    }
}
