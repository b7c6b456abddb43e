//! aide integration: a handler's errors are its signature.
//!
//! Every derived type is aide's `OperationOutput`, and the [`axum`](crate::axum)
//! module's extractors are its `OperationInput`. An `ApiRouter` route whose
//! handler returns `Result<T, E>` documents, for each status, one response
//! listing the errors of `E` (a [subset](crate#subsets), say), the request
//! errors of the extractors it takes ([`RequestErrors`]),
//! and those the layer answers for every route (no route, a wrong method, a
//! timeout, a panic): each once, the codes of one status as a `oneOf` with a
//! named example per variant, in `E`'s format, as
//! [`ErrorSet::openapi_responses`] writes them. The extractors document their
//! parameters and bodies as axum's own do in aide.
//!
//! An extractor of the API's own documents the errors it rejects a request
//! with by calling [`record_input`] and [`early_responses`] from its
//! `OperationInput`.
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
use crate::request::{self, RequestError, RequestErrors};
use crate::{ApiError, Format};
use aide::generate::GenContext;
use aide::openapi::{Operation, Response};
use aide::OperationInput;
use schemars::JsonSchema;
use serde_json::Value;
use std::any::TypeId;
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
    record_values(operation, names.iter().map(|name| Value::from(*name)));
}

/// Notes `values` on `operation`, each once.
fn record_values(operation: &mut Operation, values: impl IntoIterator<Item = Value>) {
    let pending = operation
        .extensions
        .entry(PENDING.to_owned())
        .or_insert_with(|| Value::Array(Vec::new()));
    if let Value::Array(pending) = pending {
        for value in values {
            if !pending.contains(&value) {
                pending.push(value);
            }
        }
    }
}

/// What adds the API errors of an extractor of the API's own to a set.
type AddErrors = fn(ErrorSet) -> ErrorSet;

/// The extractors of the API's own that operations have noted, each once:
/// an operation notes the index of its extractors' here.
static INPUTS: RwLock<Vec<(TypeId, AddErrors)>> = RwLock::new(Vec::new());

/// Documents the errors an extractor of the API's own answers, for its
/// `OperationInput::operation_input`: the request errors and the errors of
/// the API's own types that its [`RequestErrors`] names. The operation's
/// derived output documents them with its own errors, per status; pair it
/// with [`early_responses`] for operations whose output is not a derived
/// type.
///
/// ```
/// use aide::generate::GenContext;
/// use aide::openapi::{Operation, Response};
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
/// # impl<S: Send + Sync> axum::extract::FromRequestParts<S> for Caller {
/// #     type Rejection = AuthError;
/// #     async fn from_request_parts(parts: &mut http::request::Parts, _: &S) -> Result<Self, AuthError> {
/// #         let key = parts.headers.get("authorization").and_then(|key| key.to_str().ok());
/// #         key.map(|key| Caller(key.to_owned())).ok_or(AuthError::Unauthorized)
/// #     }
/// # }
/// impl aide::OperationInput for Caller {
///     fn operation_input(_: &mut GenContext, operation: &mut Operation) {
///         api_error::aide::record_input::<Self>(operation);
///     }
///
///     fn inferred_early_responses(
///         _: &mut GenContext,
///         operation: &mut Operation,
///     ) -> Vec<(Option<u16>, Response)> {
///         api_error::aide::early_responses(operation)
///     }
/// }
///
/// # use aide::axum::{routing::get, ApiRouter};
/// async fn get_client(_: Caller) -> Result<String, ClientsError> {
///     Err(ClientsError::NotFound)
/// }
/// async fn health(_: Caller) -> &'static str {
///     "ok"
/// }
///
/// let mut api = aide::openapi::OpenApi::default();
/// let _app: axum::Router = ApiRouter::new()
///     .api_route("/v1/clients/{id}", get(get_client))
///     .api_route("/health", get(health))
///     .finish_api(&mut api);
/// let doc = serde_json::to_value(&api).unwrap();
/// for path in ["/v1/clients/{id}", "/health"] {
///     let responses = &doc["paths"][path]["get"]["responses"];
///     assert_eq!(responses["401"]["description"], "Unauthorized: `unauthorized`", "{path}");
/// }
/// ```
pub fn record_input<X: RequestErrors + 'static>(operation: &mut Operation) {
    let mut names = Vec::new();
    X::request_errors(&mut names);
    record(operation, &names);
    let id = TypeId::of::<X>();
    let index = {
        let mut inputs = INPUTS.write().unwrap_or_else(PoisonError::into_inner);
        match inputs.iter().position(|(known, _)| *known == id) {
            Some(index) => index,
            None => {
                inputs.push((id, X::api_errors));
                inputs.len() - 1
            }
        }
    };
    record_values(operation, [Value::from(index)]);
}

/// The responses of the errors an operation's extractors noted that its
/// output does not document, for an extractor's
/// `OperationInput::inferred_early_responses`: see [`record_input`]. The
/// first extractor to call it answers for all of them.
pub fn early_responses(operation: &mut Operation) -> Vec<(Option<u16>, Response)> {
    unclaimed(operation)
}

/// The errors noted on `operation`, taken off it: the request errors
/// named, and what adds the errors of the API's own extractors.
struct Pending {
    names: Vec<&'static str>,
    inputs: Vec<AddErrors>,
}

impl Pending {
    /// `set` with the pending errors, request errors as the documents
    /// write them.
    fn add_to(&self, set: ErrorSet) -> ErrorSet {
        let set = with_request_errors(set, &self.names);
        self.inputs.iter().fold(set, |set, add| add(set))
    }
}

/// The errors noted on `operation`, in the order noted, taken off it.
fn take(operation: &mut Operation) -> Option<Pending> {
    let pending = operation.extensions.shift_remove(PENDING)?;
    let values = pending.as_array().map(Vec::as_slice).unwrap_or_default();
    let names = values
        .iter()
        .filter_map(|name| {
            RequestError::catalog()
                .entries()
                .map(|entry| entry.variant)
                .find(|known| name == known)
        })
        .collect();
    let known = INPUTS.read().unwrap_or_else(PoisonError::into_inner);
    let inputs = values
        .iter()
        .filter_map(|index| known.get(usize::try_from(index.as_u64()?).ok()?))
        .map(|(_, add)| *add)
        .collect();
    Some(Pending { names, inputs })
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
        let set = match take(operation) {
            Some(pending) => pending.add_to(ErrorSet::of::<E>()),
            None => ErrorSet::of::<E>(),
        };
        super::responses(&with_request_errors(set, crate::request::LAYER))
    }
}

/// The responses of the errors an operation's extractors noted that its
/// output, not a derived type, never documented, with the layer's:
/// answered by the first of its extractors.
fn unclaimed(operation: &mut Operation) -> Vec<(Option<u16>, Response)> {
    let Some(pending) = take(operation) else {
        return Vec::new();
    };
    let set = pending.add_to(ErrorSet::empty(request_error_format()));
    responses(&with_request_errors(set, request::LAYER))
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
