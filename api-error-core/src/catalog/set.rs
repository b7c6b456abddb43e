//! The errors one operation can answer: its error type's, and the request
//! errors of its extractors and of the layer around it.

use super::{openapi, Catalog, Entry, Variant};
use crate::request::{sample_error, RequestErrors};
use crate::{ApiError, Format, RequestError};

/// The errors one operation can answer, each once, in the format its error
/// type renders in: what its OpenAPI document lists.
///
/// A handler's errors are its signature: the error type it returns (a
/// [subset](crate#subsets) of the API's enum, most often), the request
/// errors of the extractors it takes ([`RequestErrors`]), and those of the
/// layer. Request errors are documented as the API answers them: as
/// [`RequestError`]'s own variants, or through the conversion that
/// `map_request_errors` applies, as the variants of the API's enum they
/// become.
///
/// ```
/// use api_error::catalog::ErrorSet;
/// use api_error::ApiError;
///
/// #[derive(Debug, ApiError)]
/// #[api(subset(pub CreateClientError = Duplicate))]
/// pub enum ClientsError {
///     #[api(status = 409, code = "duplicate_email", message = "Email is taken")]
///     Duplicate,
///
///     #[api(status = 404, code = "not_found", message = "Client not found")]
///     NotFound,
/// }
///
/// // What `POST /v1/clients` with a JSON body behind the layer answers.
/// # #[cfg(feature = "axum")]
/// # {
/// use api_error::axum::{ApiErrorLayer, Json};
/// let set = ErrorSet::of::<CreateClientError>()
///     .with_request_errors::<(Json<serde_json::Value>, ApiErrorLayer)>();
/// let codes: Vec<&str> = set.entries().iter().map(|entry| entry.code).collect();
/// assert!(codes.contains(&"duplicate_email"));
/// assert!(codes.contains(&"invalid_json"));
/// assert!(codes.contains(&"route_not_found"));
/// assert!(!codes.contains(&"not_found"));
/// let responses = set.openapi_responses();
/// assert!(responses.contains_key("409") && responses.contains_key("415"));
/// # }
/// ```
#[derive(Clone, Debug)]
pub struct ErrorSet {
    format: Format,
    entries: Vec<&'static Entry>,
}

impl ErrorSet {
    /// The errors of `E`, in its format.
    #[must_use]
    pub fn of<E: Catalog>() -> Self {
        let catalog = E::catalog();
        let mut set = ErrorSet {
            format: catalog.format,
            entries: Vec::new(),
        };
        set.extend(catalog.entries());
        set
    }

    /// No errors yet, in `format`.
    #[cfg(feature = "aide")]
    pub(crate) fn empty(format: Format) -> Self {
        ErrorSet {
            format,
            entries: Vec::new(),
        }
    }

    /// Adds the errors of another type: one the operation's middleware
    /// answers, say.
    #[must_use]
    pub fn with<E: Catalog>(mut self) -> Self {
        self.extend(E::catalog().entries());
        self
    }

    /// Adds the request errors `X` answers, as [`RequestError`] writes them,
    /// and the errors of the API's own it answers.
    #[must_use]
    pub fn with_request_errors<X: RequestErrors>(self) -> Self {
        self.with_request_errors_as::<X, RequestError>(std::convert::identity)
    }

    /// Adds the request errors `X` answers, as `map` turns them into the
    /// API's `M`: the conversion given to the layer's `map_request_errors`.
    /// Each becomes the errors of `M` with the code it maps to. The errors
    /// of the API's own that `X` answers ([`RequestErrors::api_errors`])
    /// come after them, as they are.
    #[must_use]
    pub fn with_request_errors_as<X, M>(self, map: impl Fn(RequestError) -> M) -> Self
    where
        X: RequestErrors,
        M: Catalog + ApiError,
    {
        let mut names = Vec::new();
        X::request_errors(&mut names);
        X::api_errors(self.with_request_error_names(&names, map))
    }

    /// Adds the request errors named (variants of [`RequestError`]), as
    /// `map` turns them into `M`.
    pub(crate) fn with_request_error_names<M>(
        mut self,
        names: &[&'static str],
        map: impl Fn(RequestError) -> M,
    ) -> Self
    where
        M: Catalog + ApiError,
    {
        let catalog = M::catalog();
        let request_errors = RequestError::catalog().type_name;
        for &name in names {
            let Some(error) = sample_error(name) else {
                continue;
            };
            let unmapped = error.to_json(catalog.format);
            let mapped = map(error);
            let code = mapped.code();
            // A request error that `M` passes through (renders as it is) is
            // that variant of the request errors `M` wraps; one mapped into
            // a variant of `M`'s own is that variant, one of those with its
            // code.
            let passed_through = mapped.to_json(catalog.format) == unmapped;
            let own: Vec<&'static Entry> = catalog
                .variants
                .iter()
                .filter_map(|variant| match variant {
                    Variant::Own(entry) if entry.code == code => Some(entry),
                    _ => None,
                })
                .collect();
            let wrapped: Vec<&'static Entry> = catalog
                .entries()
                .filter(|entry| {
                    (entry.type_name, entry.variant, entry.code) == (request_errors, name, code)
                })
                .collect();
            let entries: Vec<&'static Entry> = if passed_through && !wrapped.is_empty() {
                wrapped
            } else if !own.is_empty() {
                own
            } else {
                catalog
                    .entries()
                    .filter(|entry| entry.code == code)
                    .collect()
            };
            self.extend(entries);
        }
        self
    }

    /// Adds `entries`, leaving out those it has already: the same variant
    /// of the same type, or of a subset of it (all but the type's name the
    /// same).
    fn extend(&mut self, entries: impl IntoIterator<Item = &'static Entry>) {
        for entry in entries {
            if !self.entries.iter().any(|known| same_error(known, entry)) {
                self.entries.push(entry);
            }
        }
    }

    /// The errors, in the order they were added.
    #[must_use]
    pub fn entries(&self) -> &[&'static Entry] {
        &self.entries
    }

    /// The format the bodies are written in: the first type's.
    #[must_use]
    pub fn format(&self) -> Format {
        self.format
    }

    /// The OpenAPI 3.1 responses of the set, by status: one response per
    /// status, whose schema is a `oneOf` of its codes' schemas (an `anyOf`
    /// where the format cannot tell them apart), with a named example per
    /// variant. The same shape as
    /// [`ErrorCatalog::openapi_responses`](super::ErrorCatalog::openapi_responses).
    #[must_use]
    pub fn openapi_responses(&self) -> serde_json::Map<String, serde_json::Value> {
        openapi::responses_of(self.format, self.entries.iter().copied())
    }
}

/// Whether two entries are one error, whatever type declares them.
fn same_error(a: &Entry, b: &Entry) -> bool {
    (
        a.variant, a.status, a.grpc, a.code, a.message, a.field, a.doc_url,
    ) == (
        b.variant, b.status, b.grpc, b.code, b.message, b.field, b.doc_url,
    ) && (a.extras, a.errors, a.retry_after, a.description)
        == (b.extras, b.errors, b.retry_after, b.description)
}
