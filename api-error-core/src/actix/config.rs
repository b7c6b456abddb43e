//! actix-web's own extractors and unmatched routes, answered in the API's
//! format.

use super::to_actix;
use crate::request::Rejection;
use crate::request::{HttpStatus, RequestError};
use crate::scope;
use actix_web::error::{JsonPayloadError, PathError, QueryPayloadError, UrlencodedError};
use actix_web::{web, HttpRequest, HttpResponse};

/// Makes actix-web's own `web::Json`, `web::Path`, `web::Query` and
/// `web::Form` reject in the API's format, and answers requests no route
/// matches with [`RequestError::RouteNotFound`].
///
/// Their errors are serde's text, so these answers name no field; this
/// module's [`Json`](super::Json), [`Path`](super::Path),
/// [`Query`](super::Query) and [`Form`](super::Form) do.
///
/// ```
/// use actix_web::{test, web, App};
/// use api_error::actix::{configure, ApiErrorMiddleware};
///
/// # #[actix_web::main]
/// # async fn main() {
/// let app = test::init_service(
///     App::new()
///         .wrap(ApiErrorMiddleware::new())
///         .configure(configure)
///         .route("/v1/items/{id}", web::get().to(|id: web::Path<u32>| async move { id.to_string() })),
/// )
/// .await;
/// let response = test::call_service(&app, test::TestRequest::get().uri("/v1/items/x").to_request()).await;
/// assert_eq!(response.status(), 400);
/// let response = test::call_service(&app, test::TestRequest::get().uri("/v2").to_request()).await;
/// assert_eq!(
///     test::read_body(response).await,
///     r#"{"error":{"code":"route_not_found","message":"No route matches the request"}}"#,
/// );
/// # }
/// ```
pub fn configure(config: &mut web::ServiceConfig) {
    config
        .app_data(web::JsonConfig::default().error_handler(|error, _| json_error(&error).into()))
        .app_data(web::FormConfig::default().error_handler(|error, _| form_error(&error).into()))
        .app_data(web::PathConfig::default().error_handler(|error, _| path_error(&error).into()))
        .app_data(web::QueryConfig::default().error_handler(|error, _| query_error(&error).into()))
        .default_service(web::to(not_found));
}

/// Answers a request no route matches: [`RequestError::RouteNotFound`],
/// for `App::default_service`.
pub async fn not_found(_request: HttpRequest) -> HttpResponse {
    to_actix(scope::request_error_response(RequestError::RouteNotFound))
}

fn bad_request() -> RequestError {
    RequestError::Status(HttpStatus::of(http::StatusCode::BAD_REQUEST))
}

fn invalid_body() -> RequestError {
    RequestError::InvalidValue {
        field: None,
        label: "Request body".to_owned(),
        reason: None,
    }
}

fn json_error(error: &JsonPayloadError) -> Rejection {
    Rejection(match error {
        JsonPayloadError::OverflowKnownLength { .. } | JsonPayloadError::Overflow { .. } => {
            RequestError::PayloadTooLarge
        }
        JsonPayloadError::ContentType => RequestError::UnsupportedMediaType {
            expected: "application/json".to_owned(),
        },
        JsonPayloadError::Deserialize(error) if error.is_data() => invalid_body(),
        JsonPayloadError::Deserialize(_) => RequestError::InvalidJson { detail: None },
        _ => RequestError::BodyUnreadable,
    })
}

fn form_error(error: &UrlencodedError) -> Rejection {
    Rejection(match error {
        UrlencodedError::Overflow { .. } => RequestError::PayloadTooLarge,
        UrlencodedError::ContentType => RequestError::UnsupportedMediaType {
            expected: "application/x-www-form-urlencoded".to_owned(),
        },
        UrlencodedError::Parse(_) => invalid_body(),
        _ => RequestError::BodyUnreadable,
    })
}

fn path_error(_error: &PathError) -> Rejection {
    Rejection(bad_request())
}

fn query_error(_error: &QueryPayloadError) -> Rejection {
    Rejection(bad_request())
}
