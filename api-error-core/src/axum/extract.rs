//! Extractors whose rejections answer in the API's format.

use crate::request::{self, AnyJsonContentType, HttpStatus, Rejection, RequestError};
use crate::scope;
use axum_core::body::Body;
use axum_core::extract::rejection::{BytesRejection, FailedToBufferBody};
use axum_core::extract::{FromRequest, FromRequestParts, Request};
use axum_core::response::{IntoResponse, Response};
use bytes::Bytes;
use http::header::CONTENT_TYPE;
use http::request::Parts;
use http::{HeaderValue, Method, StatusCode};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// The rejection answered in the API's format, through the request's
/// mapping when the layer has one.
impl IntoResponse for Rejection {
    fn into_response(self) -> Response {
        scope::request_error_response(self.0).map(Body::from)
    }
}

/// A JSON body as `T`, or a [`Rejection`] naming what does not fit.
///
/// Like axum's `Json`: the `Content-Type` must be `application/json` (or
/// `application/*+json`, or anything when the layer says
/// [`any_json_content_type`](super::ApiErrorLayer::any_json_content_type)), the body is read within axum's `DefaultBodyLimit`
/// and any tower-http limit. Unlike it, every failure is a
/// [`RequestError`]: 415 for the content type, 413 for the size, 400 for
/// JSON that does not parse, 422 naming the member that does not fit `T`. As
/// a response, it serializes `T` as `application/json`.
///
/// ```
/// use api_error::axum::{ApiErrorLayer, Json};
/// use axum::{routing::post, Router};
/// use serde::Deserialize;
/// use tower::ServiceExt;
///
/// #[derive(Deserialize)]
/// struct NewClient { email: String }
///
/// async fn create(Json(client): Json<NewClient>) -> String {
///     client.email
/// }
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// let app = Router::new().route("/v1/clients", post(create)).layer(ApiErrorLayer::new());
/// let request = axum::http::Request::post("/v1/clients")
///     .header("content-type", "application/json")
///     .body(axum::body::Body::from(r#"{"name":"Ada"}"#))
///     .unwrap();
/// let response = app.oneshot(request).await.unwrap();
/// assert_eq!(response.status(), 422);
/// let body = axum::body::to_bytes(response.into_body(), 1 << 16).await.unwrap();
/// assert_eq!(
///     body,
///     r#"{"error":{"code":"invalid_request","message":"Email is required","field":"email"}}"#,
/// );
/// # }
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Json<T>(pub T);

wrappers!(Json Query Form Path);

impl<T, S> FromRequest<S> for Json<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = Rejection;

    async fn from_request(req: Request, state: &S) -> Result<Self, Rejection> {
        let body = json_body(req, state).await?;
        request::from_json(&body).map(Json).map_err(Rejection)
    }
}

/// The body of a request that must be JSON, and says so unless the layer
/// says it need not.
pub(crate) async fn json_body<S: Send + Sync>(req: Request, state: &S) -> Result<Bytes, Rejection> {
    let any_type = req.extensions().get::<AnyJsonContentType>().is_some();
    if !any_type && !content_type_is(req.headers(), request::is_json_content_type) {
        return Err(Rejection(RequestError::UnsupportedMediaType {
            expected: "application/json".to_owned(),
        }));
    }
    read_body(req, state).await
}

impl<T: Serialize> IntoResponse for Json<T> {
    fn into_response(self) -> Response {
        match serde_json::to_vec(&self.0) {
            Ok(body) => {
                let mut response = Response::new(Body::from(body));
                response
                    .headers_mut()
                    .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
                response
            }
            Err(_) => status_rejection(StatusCode::INTERNAL_SERVER_ERROR).into_response(),
        }
    }
}

impl<T> From<T> for Json<T> {
    fn from(value: T) -> Self {
        Json(value)
    }
}

/// The query string as `T`, or a [`Rejection`] (400) naming the parameter
/// that is missing or does not parse.
///
/// ```
/// use api_error::axum::Query;
/// use serde::Deserialize;
///
/// #[derive(Deserialize)]
/// struct Page { page: u32 }
///
/// async fn list(Query(page): Query<Page>) -> String {
///     page.page.to_string()
/// }
/// # let _ = axum::Router::<()>::new().route("/v1/clients", axum::routing::get(list));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Query<T>(pub T);

impl<T, S> FromRequestParts<S> for Query<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = Rejection;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Rejection> {
        request::from_query(parts.uri.query().unwrap_or_default())
            .map(Query)
            .map_err(Rejection)
    }
}

/// A form body (`application/x-www-form-urlencoded`) as `T`, or the query
/// string for `GET` and `HEAD`; a [`Rejection`] otherwise, as for [`Json`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Form<T>(pub T);

impl<T, S> FromRequest<S> for Form<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = Rejection;

    async fn from_request(req: Request, state: &S) -> Result<Self, Rejection> {
        if req.method() == Method::GET || req.method() == Method::HEAD {
            return request::from_query(req.uri().query().unwrap_or_default())
                .map(Form)
                .map_err(Rejection);
        }
        if !content_type_is(req.headers(), request::is_form_content_type) {
            return Err(Rejection(RequestError::UnsupportedMediaType {
                expected: "application/x-www-form-urlencoded".to_owned(),
            }));
        }
        let body = read_body(req, state).await?;
        request::from_form(&body).map(Form).map_err(Rejection)
    }
}

/// The route's path parameters as `T` (a struct by name, a tuple in order, a
/// single value), or a [`Rejection`] (400) naming the parameter that does
/// not parse.
///
/// ```
/// use api_error::axum::Path;
///
/// async fn get_invoice(Path(id): Path<u64>) -> String {
///     id.to_string()
/// }
/// # let _ = axum::Router::<()>::new().route("/v1/invoices/{id}", axum::routing::get(get_invoice));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Path<T>(pub T);

impl<T, S> FromRequestParts<S> for Path<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = Rejection;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Rejection> {
        use axum::extract::rejection::RawPathParamsRejection;
        let params = match axum::extract::RawPathParams::from_request_parts(parts, state).await {
            Ok(params) => params,
            // The key is private to axum: the request is only known to be bad.
            Err(RawPathParamsRejection::InvalidUtf8InPathParam(_)) => {
                return Err(status_rejection(StatusCode::BAD_REQUEST));
            }
            // A route without parameters: a server bug, not the client's.
            Err(_) => return Err(status_rejection(StatusCode::INTERNAL_SERVER_ERROR)),
        };
        let params: Vec<(String, String)> = params
            .iter()
            .map(|(key, value)| (key.to_owned(), value.to_owned()))
            .collect();
        request::from_params(&params).map(Path).map_err(Rejection)
    }
}

/// A rejection with nothing more to say than its (error) status.
fn status_rejection(status: StatusCode) -> Rejection {
    Rejection(RequestError::Status(HttpStatus::of(status)))
}

fn content_type_is(headers: &http::HeaderMap, test: fn(&str) -> bool) -> bool {
    headers
        .get(CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(test)
}

/// The whole body, within the limits axum and tower-http set.
async fn read_body<S: Send + Sync>(req: Request, state: &S) -> Result<Bytes, Rejection> {
    Bytes::from_request(req, state).await.map_err(|rejection| {
        Rejection(match rejection {
            BytesRejection::FailedToBufferBody(FailedToBufferBody::LengthLimitError(_)) => {
                RequestError::PayloadTooLarge
            }
            _ => RequestError::BodyUnreadable,
        })
    })
}
