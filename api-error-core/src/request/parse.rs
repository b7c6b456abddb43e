//! Reading a request's body, query and path parameters, and saying what
//! does not fit and where when they fail.

use super::de::{self, DataError, Node, NodeDeserializer, PairsDeserializer, Problem};
use super::label::label;
use super::{FieldPath, PathSegment, RequestError, MAX_FIELD_LEN, MAX_QUOTED_LEN};
use crate::field_path::bounded;
use serde::de::DeserializeOwned;

/// What a query or path parameter must be, when it is not a kind of value:
/// the end of "… must be ___".
pub(crate) const VALID: &str = "valid";
/// … of a parameter given twice.
pub(crate) const GIVEN_ONCE: &str = "given only once";
/// … of a parameter the type does not accept.
pub(crate) const ABSENT: &str = "absent";
/// … of a parameter that names no variant, before the names it may.
pub(crate) const ONE_OF: &str = "one of: ";

/// Where a value sits in a request.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Location {
    Body,
    Query,
    Path,
}

/// The body as JSON, as `T`.
///
/// The body is first read by serde_json straight into `T`; only when that
/// fails is it read again to say what failed and where.
///
/// # Errors
///
/// [`RequestError::InvalidJson`] when the body is not JSON, else the error of
/// the first member that does not fit `T`.
pub fn from_json<T: DeserializeOwned>(body: &[u8]) -> Result<T, RequestError> {
    let err = match serde_json::from_slice::<T>(body) {
        Ok(value) => return Ok(value),
        Err(err) => err,
    };
    if !err.is_data() {
        return Err(RequestError::InvalidJson {
            detail: Some(bounded(err.to_string(), MAX_QUOTED_LEN)),
        });
    }
    let node: Node = match serde_json::from_slice(body) {
        Ok(node) => node,
        Err(err) => {
            return Err(RequestError::InvalidJson {
                detail: Some(bounded(err.to_string(), MAX_QUOTED_LEN)),
            })
        }
    };
    Err(explain::<T, _>(NodeDeserializer(&node), Location::Body))
}

/// A query string (without the `?`), as `T`, read as serde_urlencoded reads
/// it.
///
/// # Errors
///
/// The error of the first parameter that is missing or does not parse.
pub fn from_query<T: DeserializeOwned>(query: &str) -> Result<T, RequestError> {
    match serde_urlencoded::from_str::<T>(query) {
        Ok(value) => Ok(value),
        Err(_) => Err(explain::<T, _>(
            PairsDeserializer(&pairs(query.as_bytes())),
            Location::Query,
        )),
    }
}

/// A form body (`application/x-www-form-urlencoded`), as `T`.
///
/// # Errors
///
/// The error of the first field that is missing or does not parse, as for a
/// JSON body.
pub fn from_form<T: DeserializeOwned>(body: &[u8]) -> Result<T, RequestError> {
    match serde_urlencoded::from_bytes::<T>(body) {
        Ok(value) => Ok(value),
        Err(_) => Err(explain::<T, _>(
            PairsDeserializer(&pairs(body)),
            Location::Body,
        )),
    }
}

/// Path parameters, by name and in route order, as `T`: a struct reads them
/// by name, a tuple in order, a single value the only one.
///
/// # Errors
///
/// [`RequestError::InvalidPathParameter`] naming the parameter that does not
/// parse.
pub fn from_params<T: DeserializeOwned>(params: &[(String, String)]) -> Result<T, RequestError> {
    if let Ok(value) = T::deserialize(PairsDeserializer(params)) {
        return Ok(value);
    }
    let explained = explain::<T, _>(PairsDeserializer(params), Location::Path);
    match explained {
        RequestError::InvalidPathParameter { field, expected } => {
            // A single value or a tuple fails at the root or at an index:
            // name the parameter by its place.
            let field = match FieldPath::parse(&field).as_ref().map(FieldPath::segments) {
                Some([]) if params.len() == 1 => params[0].0.clone(),
                Some([PathSegment::Index(i)]) if *i < params.len() => params[*i].0.clone(),
                _ => field,
            };
            Err(RequestError::InvalidPathParameter { field, expected })
        }
        other => Err(other),
    }
}

/// The `name=value` pairs of a query string or form body, decoded.
fn pairs(input: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(input)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// Replays a failed input to find what failed, and says it.
fn explain<'a, T, D>(deserializer: D, location: Location) -> RequestError
where
    T: DeserializeOwned,
    D: serde::Deserializer<'a, Error = DataError>,
{
    match de::replay::<T, D>(deserializer) {
        Some((path, problem)) => describe(path, problem, location),
        // The replay accepted what the format's own deserializer refused
        // (a number beyond 64 bits, say): nothing more precise to say.
        None => match location {
            Location::Body => RequestError::InvalidValue {
                field: None,
                label: "Request body".to_owned(),
                reason: None,
            },
            Location::Query => RequestError::InvalidQueryParameter {
                field: String::new(),
                expected: VALID.to_owned(),
            },
            Location::Path => RequestError::InvalidPathParameter {
                field: String::new(),
                expected: VALID.to_owned(),
            },
        },
    }
}

/// The error for `problem` at `path`.
fn describe(mut path: FieldPath, problem: Problem, location: Location) -> RequestError {
    // Missing, unknown and duplicate members are reported at their container.
    // serde_path_to_error has already stepped into an unknown member's key.
    let member = match &problem {
        Problem::Missing(name) | Problem::Duplicate(name) => Some(*name),
        Problem::UnknownField(name) => Some(name.as_str()),
        _ => None,
    };
    if let Some(name) = member {
        if !matches!(path.segments().last(), Some(PathSegment::Key(last)) if last == name) {
            path.push(PathSegment::Key(name.to_owned()));
        }
    }
    let field = (!path.is_root()).then(|| path.to_bounded_string(MAX_FIELD_LEN));
    let label = label(&path);
    let expected = |problem: &Problem| match problem {
        Problem::WrongType(Some(expected)) => expected.phrase().to_owned(),
        Problem::UnknownVariant { allowed, .. } => format!("{ONE_OF}{}", list(allowed)),
        Problem::Duplicate(_) => GIVEN_ONCE.to_owned(),
        Problem::UnknownField(_) => ABSENT.to_owned(),
        _ => VALID.to_owned(),
    };
    match location {
        Location::Path => RequestError::InvalidPathParameter {
            expected: expected(&problem),
            field: field.unwrap_or_default(),
        },
        Location::Query => match problem {
            Problem::Missing(_) => RequestError::MissingQueryParameter {
                field: field.unwrap_or_default(),
            },
            problem => RequestError::InvalidQueryParameter {
                expected: expected(&problem),
                field: field.unwrap_or_default(),
            },
        },
        Location::Body => match problem {
            Problem::Missing(_) => RequestError::MissingField {
                field: field.unwrap_or_default(),
                label,
            },
            Problem::UnknownField(_) => RequestError::UnknownField {
                field: field.unwrap_or_default(),
                label,
            },
            Problem::Duplicate(_) => RequestError::DuplicateField {
                field: field.unwrap_or_default(),
                label,
            },
            Problem::UnknownVariant { allowed, .. } => RequestError::UnknownVariant {
                field,
                label,
                allowed: list(allowed),
            },
            Problem::WrongType(Some(expected)) => RequestError::InvalidType {
                field,
                label,
                expected: expected.phrase().to_owned(),
            },
            Problem::WrongType(None) => RequestError::InvalidValue {
                field,
                label,
                reason: None,
            },
            Problem::InvalidValue(reason) => RequestError::InvalidValue {
                field,
                label,
                reason: Some(reason),
            },
        },
    }
}

/// The accepted names of an enum, comma separated; a long list is cut.
fn list(names: &[&str]) -> String {
    const MAX_NAMES: usize = 16;
    let mut out = names
        .iter()
        .take(MAX_NAMES)
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > MAX_NAMES {
        out.push_str(", …");
    }
    bounded(out, MAX_FIELD_LEN)
}
