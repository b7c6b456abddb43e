//! Extractors that validate what they read: `Valid<Json<T>>` with
//! validator, `Garde<Json<T>>` with garde.

use super::extract::{json_body, Form, Json, Path, Query};
use crate::request::{self, Rejection};
#[cfg(feature = "garde")]
use crate::validation::check_garde;
#[cfg(feature = "validator")]
use crate::validation::check_validator;
use actix_web::{dev, FromRequest, HttpRequest};
use serde::de::DeserializeOwned;
use std::future::Future;
use std::pin::Pin;

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
        validated!(@impl $wrapper, Json, [$($bounds)*], |req, payload| {
            let body = json_body(req, payload);
            Box::pin(async move {
                let body = body.await?;
                let value: T = request::from_json(&body).map_err(Rejection)?;
                $check(&value, Some(&body))?;
                Ok($wrapper(Json(value)))
            })
        });
        validated!(@inner $wrapper, $check, Form, [$($bounds)*]);
        validated!(@inner $wrapper, $check, Query, [$($bounds)*]);
        validated!(@inner $wrapper, $check, Path, [$($bounds)*]);
    };
    (@inner $wrapper:ident, $check:ident, $inner:ident, [$($bounds:tt)*]) => {
        validated!(@impl $wrapper, $inner, [$($bounds)*], |req, payload| {
            let extracted = $inner::<T>::from_request(req, payload);
            Box::pin(async move {
                let extracted = extracted.await?;
                $check(&extracted.0, None)?;
                Ok($wrapper(extracted))
            })
        });
    };
    (@impl $wrapper:ident, $inner:ident, [$($bounds:tt)*], |$req:ident, $payload:ident| $body:block) => {
        impl<T> FromRequest for $wrapper<$inner<T>>
        where
            T: DeserializeOwned + 'static,
            $($bounds)*
        {
            type Error = Rejection;
            type Future = Pin<Box<dyn Future<Output = Result<Self, Rejection>>>>;

            fn from_request($req: &HttpRequest, $payload: &mut dev::Payload) -> Self::Future $body
        }
    };
}

#[cfg(feature = "validator")]
validated!(Valid, check_validator, [T: validator::Validate,]);
#[cfg(feature = "garde")]
validated!(Garde, check_garde, [T: garde::Validate, T::Context: Default,]);
