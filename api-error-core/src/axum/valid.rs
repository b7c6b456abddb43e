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

/// A [`Json`], [`Query`], [`Form`] or [`Path`] whose value passed
/// validator's `Validate`.
///
/// The request is read first (a bad body answers as that extractor does),
/// then validated: a failure answers [`RequestError::Validation`](crate::RequestError::Validation) (422
/// `validation_error`) listing every failed field, which
/// [`map_request_errors`](super::ApiErrorLayer::map_request_errors) can route
/// into the API's own validation variant.
///
/// ```
/// use api_error::axum::{ApiErrorLayer, Json, Valid};
/// use axum::{routing::post, Router};
/// use serde::Deserialize;
/// use tower::ServiceExt;
/// use validator::Validate;
///
/// #[derive(Deserialize, Validate)]
/// struct NewClient {
///     #[validate(email(message = "Invalid email format"))]
///     email: String,
///     #[validate(range(min = 1, message = "Must be positive"))]
///     rate: i64,
/// }
///
/// async fn create(Valid(Json(client)): Valid<Json<NewClient>>) -> String {
///     client.email
/// }
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// let app = Router::new().route("/v1/clients", post(create)).layer(ApiErrorLayer::new());
/// let request = axum::http::Request::post("/v1/clients")
///     .header("content-type", "application/json")
///     .body(axum::body::Body::from(r#"{"email":"ada","rate":-5}"#))
///     .unwrap();
/// let response = app.oneshot(request).await.unwrap();
/// assert_eq!(response.status(), 422);
/// let body = axum::body::to_bytes(response.into_body(), 1 << 16).await.unwrap();
/// assert_eq!(
///     body,
///     r#"{"error":{"code":"validation_error","message":"Request validation failed","errors":[{"field":"email","message":"Invalid email format","code":"email"},{"field":"rate","message":"Must be positive","code":"range"}]}}"#,
/// );
/// # }
/// ```
#[cfg(feature = "validator")]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Valid<E>(pub E);

/// A [`Json`], [`Query`], [`Form`] or [`Path`] whose value passed garde's
/// `Validate`; a failure answers [`RequestError::Validation`](crate::RequestError::Validation), as for
/// [`Valid`].
#[cfg(feature = "garde")]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Garde<E>(pub E);

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
