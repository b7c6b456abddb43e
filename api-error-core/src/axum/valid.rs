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

/// `$wrapper` around each of the crate's extractors: the extractor, then
/// the check.
macro_rules! validated {
    ($wrapper:ident, $check:ident, [$($bounds:tt)*]) => {
        // The body is kept until the value is validated, so that a report
        // names what the request holds.
        validated!(@impl $wrapper, Json, FromRequest::from_request(req: Request, state), [$($bounds)*], {
            let body = json_body(req, state).await?;
            let value: T = request::from_json(&body).map_err(Rejection)?;
            $check(&value, Some(&body))?;
            Ok($wrapper(Json(value)))
        });
        validated!(@inner $wrapper, $check, Form, FromRequest::from_request(req: Request), [$($bounds)*]);
        validated!(@inner $wrapper, $check, Query, FromRequestParts::from_request_parts(parts: &mut Parts), [$($bounds)*]);
        validated!(@inner $wrapper, $check, Path, FromRequestParts::from_request_parts(parts: &mut Parts), [$($bounds)*]);
    };
    (@inner $wrapper:ident, $check:ident, $inner:ident, $trait:ident::$method:ident($input:ident: $input_ty:ty), [$($bounds:tt)*]) => {
        validated!(@impl $wrapper, $inner, $trait::$method($input: $input_ty, state), [$($bounds)*], {
            let extracted = $inner::<T>::$method($input, state).await?;
            $check(&extracted.0, None)?;
            Ok($wrapper(extracted))
        });
    };
    (@impl $wrapper:ident, $inner:ident, $trait:ident::$method:ident($input:ident: $input_ty:ty, $state:ident), [$($bounds:tt)*], $body:block) => {
        impl<T, S> $trait<S> for $wrapper<$inner<T>>
        where
            T: DeserializeOwned,
            $($bounds)*
            S: Send + Sync,
        {
            type Rejection = Rejection;

            async fn $method($input: $input_ty, $state: &S) -> Result<Self, Rejection> $body
        }
    };
}

#[cfg(feature = "validator")]
validated!(Valid, check_validator, [T: validator::Validate,]);
#[cfg(feature = "garde")]
validated!(Garde, check_garde, [T: garde::Validate, T::Context: Default,]);
