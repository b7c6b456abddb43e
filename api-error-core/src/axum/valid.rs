//! Extractors that validate what they read: `Valid<Json<T>>` with
//! validator, `Garde<Json<T>>` with garde.

use super::extract::{json_body, Form, Json, Path, Query};
use crate::request::{self, Rejection};
#[cfg(feature = "garde")]
use crate::validation::check_garde;
#[cfg(feature = "validator")]
use crate::validation::check_validator;
use axum_core::extract::{FromRequest, FromRequestParts, Request};
use http::request::Parts;
use serde::de::DeserializeOwned;

#[cfg(feature = "garde")]
use crate::validation::Garde;
#[cfg(feature = "validator")]
use crate::validation::Valid;

/// `$wrapper<Json<T>>`: the body is kept until the value is validated, so
/// that a report names what the request holds.
macro_rules! from_json_request {
    ($wrapper:ident, $check:ident, [$($bounds:tt)*]) => {
        impl<T, S> FromRequest<S> for $wrapper<Json<T>>
        where
            T: DeserializeOwned,
            $($bounds)*
            S: Send + Sync,
        {
            type Rejection = Rejection;

            async fn from_request(req: Request, state: &S) -> Result<Self, Rejection> {
                let body = json_body(req, state).await?;
                let value: T = request::from_json(&body).map_err(Rejection)?;
                $check(&value, Some(&body))?;
                Ok($wrapper(Json(value)))
            }
        }
    };
}

/// `$wrapper<$inner<T>>` for an extractor that reads the body.
macro_rules! from_request {
    ($wrapper:ident, $check:ident, $inner:ident, [$($bounds:tt)*]) => {
        impl<T, S> FromRequest<S> for $wrapper<$inner<T>>
        where
            T: DeserializeOwned,
            $($bounds)*
            S: Send + Sync,
        {
            type Rejection = Rejection;

            async fn from_request(req: Request, state: &S) -> Result<Self, Rejection> {
                let extracted = $inner::<T>::from_request(req, state).await?;
                $check(&extracted.0, None)?;
                Ok($wrapper(extracted))
            }
        }
    };
}

/// `$wrapper<$inner<T>>` for an extractor that reads the request's head.
macro_rules! from_request_parts {
    ($wrapper:ident, $check:ident, $inner:ident, [$($bounds:tt)*]) => {
        impl<T, S> FromRequestParts<S> for $wrapper<$inner<T>>
        where
            T: DeserializeOwned,
            $($bounds)*
            S: Send + Sync,
        {
            type Rejection = Rejection;

            async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Rejection> {
                let extracted = $inner::<T>::from_request_parts(parts, state).await?;
                $check(&extracted.0, None)?;
                Ok($wrapper(extracted))
            }
        }
    };
}

#[cfg(feature = "validator")]
mod with_validator {
    use super::*;

    from_json_request!(Valid, check_validator, [T: validator::Validate,]);
    from_request!(Valid, check_validator, Form, [T: validator::Validate,]);
    from_request_parts!(Valid, check_validator, Query, [T: validator::Validate,]);
    from_request_parts!(Valid, check_validator, Path, [T: validator::Validate,]);
}

#[cfg(feature = "garde")]
mod with_garde {
    use super::*;

    from_json_request!(Garde, check_garde, [T: garde::Validate, T::Context: Default,]);
    from_request!(Garde, check_garde, Form, [T: garde::Validate, T::Context: Default,]);
    from_request_parts!(Garde, check_garde, Query, [T: garde::Validate, T::Context: Default,]);
    from_request_parts!(Garde, check_garde, Path, [T: garde::Validate, T::Context: Default,]);
}
