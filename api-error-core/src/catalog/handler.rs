//! A handler's errors read from its signature, and an OpenAPI operation
//! checked against them.

use super::{Catalog, ErrorSet};
use crate::request::RequestErrors;
use crate::{ApiError, RequestError};
use serde_json::Value;
use std::future::Future;

/// An async handler, as its signature describes it: the error type of the
/// `Result` it returns, and the extractors it takes.
///
/// Implemented for every `async fn` of up to eight arguments that returns a
/// `Result`, when each argument is [`RequestErrors`] (the `axum` and `actix`
/// modules' extractors are; an extractor of the API's own says which
/// request errors it answers, none most often, by implementing it). `Args`
/// is the tuple of the argument types, which the compiler infers.
pub trait Handler<Args> {
    /// The error of the `Result` the handler returns.
    type Error;
    /// Its arguments, as one [`RequestErrors`].
    type Inputs: RequestErrors;
}

macro_rules! handlers {
    ($($arg:ident)*) => {
        impl<F, Fut, T, E, $($arg,)*> Handler<($($arg,)*)> for F
        where
            F: Fn($($arg),*) -> Fut,
            Fut: Future<Output = Result<T, E>>,
            ($($arg,)*): RequestErrors,
        {
            type Error = E;
            type Inputs = ($($arg,)*);
        }
    };
}

handlers!();
handlers!(A);
handlers!(A B);
handlers!(A B C);
handlers!(A B C D);
handlers!(A B C D E1);
handlers!(A B C D E1 F1);
handlers!(A B C D E1 F1 G);
handlers!(A B C D E1 F1 G H);

impl ErrorSet {
    /// The errors `handler` can answer, read from its signature: those of the
    /// error type it returns, and the request errors of its arguments as
    /// `map` turns them into `M` (the conversion the layer's
    /// `map_request_errors` applies; `std::convert::identity` with
    /// `M = RequestError` when it has none). Add the layer's errors with
    /// [`with_request_errors`](Self::with_request_errors).
    ///
    /// ```
    /// # #[cfg(feature = "axum")]
    /// # {
    /// use api_error::axum::{ApiErrorLayer, Path};
    /// use api_error::catalog::ErrorSet;
    /// use api_error::{ApiError, RequestError};
    ///
    /// #[derive(Debug, ApiError)]
    /// #[api(subset(pub GetClientError = NotFound))]
    /// enum ClientsError {
    ///     #[api(status = 404, code = "not_found", message = "Client not found")]
    ///     NotFound,
    ///     #[api(status = 409, code = "duplicate", message = "Already exists")]
    ///     Duplicate,
    /// }
    ///
    /// async fn get_client(Path(id): Path<u64>) -> Result<String, GetClientError> {
    ///     Err(GetClientError::NotFound)
    /// }
    ///
    /// let set = ErrorSet::of_handler(&get_client, std::convert::identity::<RequestError>)
    ///     .with_request_errors::<ApiErrorLayer>();
    /// let codes: Vec<&str> = set.entries().iter().map(|entry| entry.code).collect();
    /// assert_eq!(
    ///     codes,
    ///     ["not_found", "invalid_path_parameter", "route_not_found", "method_not_allowed", "request_timeout", "internal_error"]
    /// );
    /// # }
    /// ```
    #[must_use]
    pub fn of_handler<Args, H, M>(handler: &H, map: impl Fn(RequestError) -> M) -> Self
    where
        H: Handler<Args>,
        H::Error: Catalog,
        M: Catalog + ApiError,
    {
        let _ = handler;
        ErrorSet::of::<H::Error>().with_request_errors_as::<H::Inputs, M>(map)
    }

    /// What the OpenAPI operation `method path` of `document` gets wrong
    /// about this set, one line each: every error of the set whose status
    /// it does not list, or whose code that status's response does not
    /// name; every error status it lists that none of the set answers;
    /// every code it names that none of the set has. Empty when the
    /// document is right.
    ///
    /// A response names its codes as the ones this crate writes do: each
    /// example's `summary` is its code.
    #[must_use]
    pub fn check_operation(&self, document: &Value, method: &str, path: &str) -> Vec<String> {
        let operation = format!("{} {path}", method.to_ascii_uppercase());
        let Some(responses) =
            document["paths"][path][method.to_ascii_lowercase()]["responses"].as_object()
        else {
            return vec![format!("{operation}: not in the document")];
        };
        let mut problems = Vec::new();
        for entry in self.entries() {
            let status = entry.status.as_str();
            match responses.get(status) {
                None => problems.push(format!(
                    "{operation}: answers {status} `{}` ({}), which the document does not list",
                    entry.code, entry.variant
                )),
                Some(response) if !codes_of(response).contains(&entry.code) => {
                    problems.push(format!(
                        "{operation}: answers {status} `{}` ({}), which its {status} response does not name",
                        entry.code, entry.variant
                    ));
                }
                Some(_) => {}
            }
        }
        for (status, response) in responses {
            if !status.starts_with('4') && !status.starts_with('5') {
                continue;
            }
            let answered: Vec<&str> = self
                .entries()
                .iter()
                .filter(|entry| entry.status.as_str() == status)
                .map(|entry| entry.code)
                .collect();
            if answered.is_empty() {
                problems.push(format!(
                    "{operation}: documents {status}, which none of its errors answers"
                ));
                continue;
            }
            for code in codes_of(response) {
                if !answered.contains(&code) {
                    problems.push(format!(
                        "{operation}: documents {status} `{code}`, which none of its errors has"
                    ));
                }
            }
        }
        problems
    }
}

/// The methods an OpenAPI path item can hold an operation under.
const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// What `document` gets wrong about the operations of an API, one line
/// each: every operation it lists that `operations` does not give, every
/// one given that it does not list, and what
/// [`ErrorSet::check_operation`] finds in each of the others. Empty when
/// the document is right.
///
/// `operations` gives each handler's errors by method and path, as the
/// router declares it: the test that holds the list fails when a route
/// is added to one without the other.
///
/// ```
/// # #[cfg(feature = "axum")]
/// # {
/// use api_error::axum::{ApiErrorLayer, Path};
/// use api_error::catalog::{self, ErrorSet};
/// use api_error::{ApiError, RequestError};
///
/// #[derive(Debug, ApiError)]
/// #[api(subset(pub GetClientError = NotFound))]
/// enum ClientsError {
///     #[api(status = 404, code = "not_found", message = "Client not found")]
///     NotFound,
/// }
///
/// async fn get_client(Path(id): Path<u64>) -> Result<String, GetClientError> {
///     Err(GetClientError::NotFound)
/// }
///
/// let get = ErrorSet::of_handler(&get_client, std::convert::identity::<RequestError>)
///     .with_request_errors::<ApiErrorLayer>();
/// let document = serde_json::json!({ "paths": {
///     "/v1/clients": { "post": { "responses": {} } },
///     "/v1/clients/{id}": { "get": { "responses": get.openapi_responses() } },
/// } });
/// assert_eq!(
///     catalog::check_document(&document, [("get", "/v1/clients/{id}", get.clone())]),
///     ["POST /v1/clients: in the document, but no handler is given for it"]
/// );
/// assert_eq!(
///     catalog::check_document(&document, [("get", "/v1/clients", get)]),
///     [
///         "GET /v1/clients: not in the document",
///         "POST /v1/clients: in the document, but no handler is given for it",
///         "GET /v1/clients/{id}: in the document, but no handler is given for it",
///     ]
/// );
/// # }
/// ```
#[must_use]
pub fn check_document<'a>(
    document: &Value,
    operations: impl IntoIterator<Item = (&'a str, &'a str, ErrorSet)>,
) -> Vec<String> {
    let operations: Vec<(String, &str, ErrorSet)> = operations
        .into_iter()
        .map(|(method, path, set)| (method.to_ascii_lowercase(), path, set))
        .collect();
    let mut problems = Vec::new();
    for (method, path, set) in &operations {
        problems.extend(set.check_operation(document, method, path));
    }
    let paths = document["paths"].as_object().into_iter().flatten();
    for (path, item) in paths {
        for method in METHODS {
            let given = operations
                .iter()
                .any(|(m, p, _)| (m.as_str(), *p) == (method, path.as_str()));
            if item.get(method).is_some() && !given {
                problems.push(format!(
                    "{} {path}: in the document, but no handler is given for it",
                    method.to_ascii_uppercase()
                ));
            }
        }
    }
    problems
}

/// The codes a response names: its examples' summaries.
fn codes_of(response: &Value) -> Vec<&str> {
    let Some(content) = response["content"].as_object() else {
        return Vec::new();
    };
    content
        .values()
        .filter_map(|media| media["examples"].as_object())
        .flat_map(|examples| examples.values())
        .filter_map(|example| example["summary"].as_str())
        .collect()
}
