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

/// `$wrapper<Json<T>>`: the body is kept until the value is validated, so
/// that a report names what the request holds.
macro_rules! validated_json {
    ($wrapper:ident, $check:ident, [$($bounds:tt)*]) => {
        impl<T> FromRequest for $wrapper<Json<T>>
        where
            T: DeserializeOwned + 'static,
            $($bounds)*
        {
            type Error = Rejection;
            type Future = Pin<Box<dyn Future<Output = Result<Self, Rejection>>>>;

            fn from_request(req: &HttpRequest, payload: &mut dev::Payload) -> Self::Future {
                let body = json_body(req, payload);
                Box::pin(async move {
                    let body = body.await?;
                    let value: T = request::from_json(&body).map_err(Rejection)?;
                    $check(&value, Some(&body))?;
                    Ok($wrapper(Json(value)))
                })
            }
        }
    };
}

/// `$wrapper<$inner<T>>`: the inner extractor, then the check.
macro_rules! validated {
    ($wrapper:ident, $check:ident, $inner:ident, [$($bounds:tt)*]) => {
        impl<T> FromRequest for $wrapper<$inner<T>>
        where
            T: DeserializeOwned + 'static,
            $($bounds)*
        {
            type Error = Rejection;
            type Future = Pin<Box<dyn Future<Output = Result<Self, Rejection>>>>;

            fn from_request(req: &HttpRequest, payload: &mut dev::Payload) -> Self::Future {
                let extracted = $inner::<T>::from_request(req, payload);
                Box::pin(async move {
                    let extracted = extracted.await?;
                    $check(&extracted.0, None)?;
                    Ok($wrapper(extracted))
                })
            }
        }
    };
}

#[cfg(feature = "validator")]
mod with_validator {
    use super::*;

    validated_json!(Valid, check_validator, [T: validator::Validate,]);
    validated!(Valid, check_validator, Form, [T: validator::Validate,]);
    validated!(Valid, check_validator, Query, [T: validator::Validate,]);
    validated!(Valid, check_validator, Path, [T: validator::Validate,]);
}

#[cfg(feature = "garde")]
mod with_garde {
    use super::*;

    validated_json!(Garde, check_garde, [T: garde::Validate, T::Context: Default,]);
    validated!(Garde, check_garde, Form, [T: garde::Validate, T::Context: Default,]);
    validated!(Garde, check_garde, Query, [T: garde::Validate, T::Context: Default,]);
    validated!(Garde, check_garde, Path, [T: garde::Validate, T::Context: Default,]);
}
