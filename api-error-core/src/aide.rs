//! aide integration: a handler's errors are its signature.
//!
//! Every derived type is aide's `OperationOutput`, and the [`axum`](crate::axum)
//! module's extractors are its `OperationInput`. An `ApiRouter` route whose
//! handler returns `Result<T, E>` documents, for each status, one response
//! listing the errors of `E` (a [subset](crate#subsets), say), the request
//! errors of the extractors it takes ([`RequestErrors`](crate::request::RequestErrors)),
//! and those the layer answers for every route (no route, a wrong method, a
//! timeout, a panic): each once, the codes of one status as a `oneOf` with a
//! named example per variant, in `E`'s format, as
//! [`ErrorSet::openapi_responses`] writes them. The extractors document their
//! parameters and bodies as axum's own do in aide.
//!
//! Request errors are documented as the layer answers them: as
//! [`RequestError`]'s variants, or, after [`map_request_errors`] with the
//! conversion given to the layer, as what they become.
//!
//! ```
//! use aide::axum::routing::get;
//! use aide::axum::ApiRouter;
//! use aide::openapi::OpenApi;
//! use api_error::axum::{ApiErrorLayer, Path};
//! use api_error::ApiError;
//!
//! #[derive(Debug, ApiError)]
//! #[api(subset(pub GetClientError = NotFound))]
//! pub enum ClientsError {
//!     #[api(status = 404, code = "not_found", message = "Client not found")]
//!     NotFound,
//!     #[api(status = 409, code = "duplicate", message = "Already exists")]
//!     Duplicate,
//! }
//!
//! async fn get_client(Path(id): Path<u64>) -> Result<String, GetClientError> {
//!     Err(GetClientError::NotFound)
//! }
//!
//! let mut api = OpenApi::default();
//! let app = ApiRouter::new()
//!     .api_route("/v1/clients/{id}", get(get_client))
//!     .finish_api(&mut api)
//!     .layer(ApiErrorLayer::new());
//! # let _: axum::Router = app;
//! let doc = serde_json::to_value(&api).unwrap();
//! let responses = &doc["paths"]["/v1/clients/{id}"]["get"]["responses"];
//! let statuses: Vec<&String> = responses.as_object().unwrap().keys().collect();
//! assert_eq!(statuses, ["200", "400", "404", "405", "408", "500"]);
//! assert_eq!(responses["404"]["description"], "Not Found: `not_found`, `route_not_found`");
//! ```

use crate::catalog::{Catalog, ErrorSet};
use crate::request::{self, RequestError};
use crate::{ApiError, Format};
use aide::generate::GenContext;
use aide::openapi::{Operation, Response};
use aide::OperationInput;
use schemars::JsonSchema;
use serde_json::Value;
use std::sync::{Arc, PoisonError, RwLock};

/// Where an operation keeps the request errors of its extractors until its
/// output documents them with its own.
const PENDING: &str = "x-api-error-request-errors";

/// How the documents write request errors: the API's conversion, and the
/// format of the type it converts into.
type Mapping = (
    Format,
    Arc<dyn Fn(ErrorSet, &[&'static str]) -> ErrorSet + Send + Sync>,
);

static MAPPING: RwLock<Option<Mapping>> = RwLock::new(None);

/// Documents request errors as `map` turns them into the API's `M`, in
/// every operation generated after it: call it with the conversion given
/// to the layer's `map_request_errors`, before building the `ApiRouter`.
///
/// ```
/// use api_error::{ApiError, RequestError};
///
/// #[derive(Debug, ApiError)]
/// enum AppError {
///     #[api(status = 404, code = "not_found", message = "Not found")]
///     NotFound,
///     #[api(transparent)]
///     Request(RequestError),
/// }
///
/// api_error::aide::map_request_errors(AppError::Request);
/// ```
pub fn map_request_errors<M, F>(map: F)
where
    M: Catalog + ApiError,
    F: Fn(RequestError) -> M + Send + Sync + 'static,
{
    let convert =
        move |set: ErrorSet, names: &[&'static str]| set.with_request_error_names(names, &map);
    let mapping: Mapping = (M::catalog().format, Arc::new(convert));
    *MAPPING.write().unwrap_or_else(PoisonError::into_inner) = Some(mapping);
}

/// Adds request errors to `set` as the documents write them.
fn with_request_errors(set: ErrorSet, names: &[&'static str]) -> ErrorSet {
    let mapping = MAPPING
        .read()
        .unwrap_or_else(PoisonError::into_inner)
        .clone();
    match mapping {
        Some((_, convert)) => convert(set, names),
        None => set.with_request_error_names(names, std::convert::identity),
    }
}

/// The format request errors are documented in on their own.
fn request_error_format() -> Format {
    MAPPING
        .read()
        .unwrap_or_else(PoisonError::into_inner)
        .as_ref()
        .map_or(RequestError::catalog().format, |(format, _)| *format)
}

/// Notes that `operation` answers the request errors named.
fn record(operation: &mut Operation, names: &[&'static str]) {
    let pending = operation
        .extensions
        .entry(PENDING.to_owned())
        .or_insert_with(|| Value::Array(Vec::new()));
    if let Value::Array(pending) = pending {
        for name in names {
            if !pending.iter().any(|known| known == name) {
                pending.push(Value::from(*name));
            }
        }
    }
}

/// The request errors noted on `operation`, in the order noted, taken off
/// it.
fn take(operation: &mut Operation) -> Option<Vec<&'static str>> {
    let pending = operation.extensions.shift_remove(PENDING)?;
    let names = pending
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|name| {
            RequestError::catalog()
                .entries()
                .map(|entry| entry.variant)
                .find(|known| name == known)
        })
        .collect();
    Some(names)
}

/// `set`'s responses as aide's.
fn responses(set: &ErrorSet) -> Vec<(Option<u16>, Response)> {
    set.openapi_responses()
        .into_iter()
        .filter_map(|(status, response)| {
            let status = status.parse().ok()?;
            let response = serde_json::from_value(response).ok()?;
            Some((Some(status), response))
        })
        .collect()
}

/// What the derived `OperationOutput` calls.
pub mod __derived {
    use super::{take, with_request_errors, Catalog, ErrorSet, Operation};
    use aide::openapi::Response;

    /// The responses of an operation that answers `E`: its errors, those of
    /// the operation's extractors, and the layer's.
    pub fn responses_of<E: Catalog>(operation: &mut Operation) -> Vec<(Option<u16>, Response)> {
        let mut names = take(operation).unwrap_or_default();
        names.extend_from_slice(crate::request::LAYER);
        super::responses(&with_request_errors(ErrorSet::of::<E>(), &names))
    }
}

/// The responses of request errors an operation whose output is not a
/// derived type never documented: answered by the first of its extractors.
fn unclaimed(operation: &mut Operation) -> Vec<(Option<u16>, Response)> {
    let Some(names) = take(operation) else {
        return Vec::new();
    };
    let empty = ErrorSet::empty(request_error_format());
    responses(&with_request_errors(empty, &names))
}

/// `OperationInput` for an extractor of the `axum` module: documented as
/// axum's own, with its request errors.
macro_rules! inputs {
    ($($ours:ident => $axum:ty, $names:expr;)*) => {
        $(
            impl<T: JsonSchema> OperationInput for crate::axum::$ours<T> {
                fn operation_input(ctx: &mut GenContext, operation: &mut Operation) {
                    <$axum as OperationInput>::operation_input(ctx, operation);
                    record(operation, $names);
                }

                fn inferred_early_responses(
                    _: &mut GenContext,
                    operation: &mut Operation,
                ) -> Vec<(Option<u16>, Response)> {
                    unclaimed(operation)
                }
            }
        )*
    };
}

inputs! {
    Json => axum::Json<T>, request::JSON_BODY;
    Form => axum::extract::Form<T>, request::FORM_BODY;
    Query => axum::extract::Query<T>, request::QUERY;
    Path => axum::extract::Path<T>, request::PATH;
}

/// The `axum` module's `Json` as a response: documented as axum's.
impl<T: JsonSchema> aide::OperationOutput for crate::axum::Json<T> {
    type Inner = T;

    fn operation_response(ctx: &mut GenContext, operation: &mut Operation) -> Option<Response> {
        <axum::Json<T> as aide::OperationOutput>::operation_response(ctx, operation)
    }

    fn inferred_responses(
        ctx: &mut GenContext,
        operation: &mut Operation,
    ) -> Vec<(Option<u16>, Response)> {
        <axum::Json<T> as aide::OperationOutput>::inferred_responses(ctx, operation)
    }
}

/// A validated extractor: the one it wraps, and validation's errors.
macro_rules! validated {
    ($($wrapper:ident: $feature:literal),*) => {
        $(
            #[cfg(feature = $feature)]
            impl<X: OperationInput> OperationInput for crate::validation::$wrapper<X> {
                fn operation_input(ctx: &mut GenContext, operation: &mut Operation) {
                    X::operation_input(ctx, operation);
                    record(operation, request::VALIDATION);
                }

                fn inferred_early_responses(
                    ctx: &mut GenContext,
                    operation: &mut Operation,
                ) -> Vec<(Option<u16>, Response)> {
                    X::inferred_early_responses(ctx, operation)
                }
            }
        )*
    };
}

validated!(Valid: "validator", Garde: "garde");

/// The request's id: nothing to document.
impl OperationInput for crate::RequestId {}

/// Implements aide's `OperationOutput` for a derived type when the `aide`
/// feature is on.
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_aide {
    ([$($impl_generics:tt)*] [$($ty:tt)*] [$($where_clause:tt)*]) => {
        impl $($impl_generics)* $crate::__private::aide::OperationOutput for $($ty)* $($where_clause)* {
            type Inner = Self;

            fn inferred_responses(
                _: &mut $crate::__private::aide::generate::GenContext,
                operation: &mut $crate::__private::aide::openapi::Operation,
            ) -> ::std::vec::Vec<(
                ::core::option::Option<u16>,
                $crate::__private::aide::openapi::Response,
            )> {
                $crate::__private::aide_responses::<Self>(operation)
            }
        }
    };
}
