//! Extractors whose rejections answer in the API's format.

use crate::request::{self, AnyJsonContentType, Rejection, RequestError};
use actix_web::error::PayloadError;
use actix_web::http::header::CONTENT_TYPE;
use actix_web::http::Method;
use actix_web::web::Bytes;
use actix_web::{dev, FromRequest, HttpMessage, HttpRequest, HttpResponse, ResponseError};
use serde::de::DeserializeOwned;
use std::future::{ready, Future, Ready};
use std::pin::Pin;

/// The rejection answered in the API's format, through the request's
/// mapping when the middleware has one.
impl ResponseError for Rejection {
    fn status_code(&self) -> actix_web::http::StatusCode {
        super::derived::status_code(&self.0)
    }

    fn error_response(&self) -> HttpResponse {
        super::to_actix(crate::scope::request_error_response(self.0.clone()))
    }
}

/// A JSON body as `T`, or a [`Rejection`] naming what does not fit.
///
/// The `Content-Type` must be `application/json` (or `application/*+json`,
/// or anything when the middleware says
/// [`any_json_content_type`](super::ApiErrorMiddleware::any_json_content_type)),
/// and the body is read within `web::PayloadConfig`'s limit (256 KiB unless
/// the app sets another). Every failure is a [`RequestError`]: 415 for the
/// content type, 413 for the size, 400 for JSON that does not parse, 422
/// naming the member that does not fit `T`.
///
/// ```
/// use actix_web::{test, web, App, HttpResponse};
/// use api_error::actix::{ApiErrorMiddleware, Json};
/// use api_error::Format;
/// use serde::Deserialize;
///
/// #[derive(Deserialize)]
/// struct NewCustomer { email: String }
///
/// async fn create(Json(customer): Json<NewCustomer>) -> HttpResponse {
///     HttpResponse::Created().body(customer.email)
/// }
///
/// # #[actix_web::main]
/// # async fn main() {
/// let app = test::init_service(
///     App::new()
///         .wrap(ApiErrorMiddleware::new().format(Format::Flat))
///         .route("/api/customers", web::post().to(create)),
/// )
/// .await;
/// let request = test::TestRequest::post()
///     .uri("/api/customers")
///     .insert_header(("content-type", "application/json"))
///     .set_payload(r#"{"name":"Ada"}"#)
///     .to_request();
/// let response = test::call_service(&app, request).await;
/// assert_eq!(response.status(), 422);
/// let body = test::read_body(response).await;
/// assert_eq!(body, r#"{"error":"Unprocessable Entity","message":"Email is required","field":"email"}"#);
/// # }
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Json<T>(pub T);

wrappers!(Json Query Form Path);

type BodyFuture<T> = Pin<Box<dyn Future<Output = Result<T, Rejection>>>>;

impl<T: DeserializeOwned + 'static> FromRequest for Json<T> {
    type Error = Rejection;
    type Future = BodyFuture<Self>;

    fn from_request(req: &HttpRequest, payload: &mut dev::Payload) -> Self::Future {
        let body = json_body(req, payload);
        Box::pin(async move {
            let body = body.await?;
            request::from_json(&body).map(Json).map_err(Rejection)
        })
    }
}

/// The body of a request that must be JSON, and says so unless the
/// middleware says it need not.
pub(crate) fn json_body(
    req: &HttpRequest,
    payload: &mut dev::Payload,
) -> impl Future<Output = Result<Bytes, Rejection>> {
    let checked = if req.extensions().get::<AnyJsonContentType>().is_some() {
        Ok(())
    } else {
        content_type_is(req, request::is_json_content_type, "application/json")
    };
    let body = Bytes::from_request(req, payload);
    async move {
        checked?;
        body.await.map_err(body_rejection)
    }
}

/// The query string as `T`, or a [`Rejection`] (400) naming the parameter
/// that is missing or does not parse.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Query<T>(pub T);

impl<T: DeserializeOwned> FromRequest for Query<T> {
    type Error = Rejection;
    type Future = Ready<Result<Self, Rejection>>;

    fn from_request(req: &HttpRequest, _payload: &mut dev::Payload) -> Self::Future {
        ready(
            request::from_query(req.query_string())
                .map(Query)
                .map_err(Rejection),
        )
    }
}

/// A form body (`application/x-www-form-urlencoded`) as `T`, or the query
/// string for `GET` and `HEAD`; a [`Rejection`] otherwise, as for [`Json`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Form<T>(pub T);

impl<T: DeserializeOwned + 'static> FromRequest for Form<T> {
    type Error = Rejection;
    type Future = BodyFuture<Self>;

    fn from_request(req: &HttpRequest, payload: &mut dev::Payload) -> Self::Future {
        if req.method() == Method::GET || req.method() == Method::HEAD {
            let parsed = request::from_query(req.query_string())
                .map(Form)
                .map_err(Rejection);
            return Box::pin(ready(parsed));
        }
        let checked = content_type_is(
            req,
            request::is_form_content_type,
            "application/x-www-form-urlencoded",
        );
        let body = Bytes::from_request(req, payload);
        Box::pin(async move {
            checked?;
            let body = body.await.map_err(body_rejection)?;
            request::from_form(&body).map(Form).map_err(Rejection)
        })
    }
}

/// The route's path parameters as `T` (a struct by name, a tuple in order, a
/// single value), or a [`Rejection`] (400) naming the parameter that does
/// not parse.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Path<T>(pub T);

impl<T: DeserializeOwned> FromRequest for Path<T> {
    type Error = Rejection;
    type Future = Ready<Result<Self, Rejection>>;

    fn from_request(req: &HttpRequest, _payload: &mut dev::Payload) -> Self::Future {
        let params: Vec<(String, String)> = req
            .match_info()
            .iter()
            .map(|(name, value)| (name.to_owned(), value.to_owned()))
            .collect();
        ready(request::from_params(&params).map(Path).map_err(Rejection))
    }
}

fn content_type_is(
    req: &HttpRequest,
    test: fn(&str) -> bool,
    expected: &str,
) -> Result<(), Rejection> {
    let matches = req
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(test);
    if matches {
        Ok(())
    } else {
        Err(Rejection(RequestError::UnsupportedMediaType {
            expected: expected.to_owned(),
        }))
    }
}

/// The request error of a body that could not be read whole.
fn body_rejection(error: actix_web::Error) -> Rejection {
    Rejection(match error.as_error::<PayloadError>() {
        Some(PayloadError::Overflow) => RequestError::PayloadTooLarge,
        _ => RequestError::BodyUnreadable,
    })
}
