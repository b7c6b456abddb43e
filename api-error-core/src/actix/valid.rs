//! Extractors that validate what they read: `Valid<Json<T>>` with
//! validator, `Garde<Json<T>>` with garde.

use super::extract::{Form, Json, Path, Query, Rejection};
use crate::request::RequestError;
use crate::FieldErrors;
use actix_web::{dev, FromRequest, HttpRequest};
use serde::de::DeserializeOwned;
use std::future::Future;
use std::pin::Pin;

/// A [`Json`], [`Query`], [`Form`] or [`Path`] whose value passed
/// validator's `Validate`.
///
/// The request is read first (a bad body answers as that extractor does),
/// then validated: a failure answers [`RequestError::Validation`] (422
/// `validation_error`) listing every failed field, which
/// [`map_request_errors`](super::ApiErrorMiddleware::map_request_errors) can
/// route into the API's own validation variant.
///
/// ```
/// use actix_web::{test, web, App, HttpResponse};
/// use api_error::actix::{ApiErrorMiddleware, Json, Valid};
/// use serde::Deserialize;
/// use validator::Validate;
///
/// #[derive(Deserialize, Validate)]
/// struct NewCustomer {
///     #[validate(email(message = "Invalid email format"))]
///     email: String,
/// }
///
/// async fn create(Valid(Json(customer)): Valid<Json<NewCustomer>>) -> HttpResponse {
///     HttpResponse::Created().body(customer.email)
/// }
///
/// # #[actix_web::main]
/// # async fn main() {
/// let app = test::init_service(
///     App::new()
///         .wrap(ApiErrorMiddleware::new())
///         .route("/api/customers", web::post().to(create)),
/// )
/// .await;
/// let request = test::TestRequest::post()
///     .uri("/api/customers")
///     .insert_header(("content-type", "application/json"))
///     .set_payload(r#"{"email":"ada"}"#)
///     .to_request();
/// let response = test::call_service(&app, request).await;
/// assert_eq!(response.status(), 422);
/// assert_eq!(
///     test::read_body(response).await,
///     r#"{"error":{"code":"validation_error","message":"Request validation failed","errors":[{"field":"email","message":"Invalid email format","code":"email"}]}}"#,
/// );
/// # }
/// ```
#[cfg(feature = "validator")]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Valid<E>(pub E);

/// A [`Json`], [`Query`], [`Form`] or [`Path`] whose value passed garde's
/// `Validate`; a failure answers [`RequestError::Validation`], as for
/// [`Valid`].
#[cfg(feature = "garde")]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Garde<E>(pub E);

#[cfg(feature = "validator")]
fn validator_check<T: validator::Validate>(value: &T) -> Result<(), Rejection> {
    value
        .validate()
        .map_err(|report| Rejection(RequestError::Validation(FieldErrors::from(report))))
}

#[cfg(feature = "garde")]
fn garde_check<T>(value: &T) -> Result<(), Rejection>
where
    T: garde::Validate,
    T::Context: Default,
{
    value
        .validate()
        .map_err(|report| Rejection(RequestError::Validation(FieldErrors::from(report))))
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
                    $check(&extracted.0)?;
                    Ok($wrapper(extracted))
                })
            }
        }
    };
}

#[cfg(feature = "validator")]
mod with_validator {
    use super::*;

    validated!(Valid, validator_check, Json, [T: validator::Validate,]);
    validated!(Valid, validator_check, Form, [T: validator::Validate,]);
    validated!(Valid, validator_check, Query, [T: validator::Validate,]);
    validated!(Valid, validator_check, Path, [T: validator::Validate,]);
}

#[cfg(feature = "garde")]
mod with_garde {
    use super::*;

    validated!(Garde, garde_check, Json, [T: garde::Validate, T::Context: Default,]);
    validated!(Garde, garde_check, Form, [T: garde::Validate, T::Context: Default,]);
    validated!(Garde, garde_check, Query, [T: garde::Validate, T::Context: Default,]);
    validated!(Garde, garde_check, Path, [T: garde::Validate, T::Context: Default,]);
}
