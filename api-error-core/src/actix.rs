//! actix-web integration: `ResponseError` for every derived type, and a
//! middleware that gives each request its id, format and debug mode.
//!
//! Turn on the `actix-web` feature of `api-error`; a handler then returns
//! `Result<T, YourError>` and the error is the response.
//!
//! ```
//! use actix_web::{test, web, App, HttpResponse};
//! use api_error::actix::ApiErrorMiddleware;
//! use api_error::{ApiError, Format, RequestId};
//!
//! #[derive(Debug, ApiError)]
//! #[api(format = "flat")]
//! enum CustomerError {
//!     #[api(status = 409, code = "duplicate_email", message = "A customer with this email already exists")]
//!     DuplicateEmail,
//!
//!     #[api(status = 500, code = "internal_error", message = "Something went wrong on our end")]
//!     Internal(#[api(source)] std::io::Error),
//! }
//!
//! async fn create_customer(body: web::Bytes, request_id: RequestId) -> Result<HttpResponse, CustomerError> {
//!     if body.as_ref() == br#"{"email":"ada@example.com"}"# {
//!         return Err(CustomerError::DuplicateEmail);
//!     }
//!     Ok(HttpResponse::Created().body(request_id.to_string()))
//! }
//!
//! # #[actix_web::main]
//! # async fn main() {
//! let app = test::init_service(
//!     App::new().service(
//!         web::scope("/api")
//!             .wrap(ApiErrorMiddleware::new())
//!             .route("/customers", web::post().to(create_customer)),
//!     ),
//! )
//! .await;
//!
//! let request = test::TestRequest::post()
//!     .uri("/api/customers")
//!     .set_payload(r#"{"email":"ada@example.com"}"#)
//!     .to_request();
//! let response = test::call_service(&app, request).await;
//! assert_eq!(response.status(), 409);
//! let headers = response.headers();
//! assert_eq!(headers.get("content-type").unwrap(), "application/json");
//! assert!(headers.get("x-request-id").unwrap().to_str().unwrap().starts_with("req_"));
//! let body = test::read_body(response).await;
//! assert_eq!(body, r#"{"error":"Conflict","message":"A customer with this email already exists"}"#);
//! # }
//! ```

use crate::response::{ErrorContext, Mode, RequestId, X_REQUEST_ID};
use crate::{scope, ApiError, Format};
use actix_web::dev::{forward_ready, Service, ServiceRequest, ServiceResponse, Transform};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::{FromRequest, HttpMessage, HttpRequest, HttpResponse};
use std::future::{ready, Future, Ready};
use std::pin::Pin;

/// The actix-web status of `error`.
#[doc(hidden)]
pub fn status_code<E: ApiError + ?Sized>(error: &E) -> actix_web::http::StatusCode {
    actix_web::http::StatusCode::from_u16(error.status().as_u16())
        .unwrap_or(actix_web::http::StatusCode::INTERNAL_SERVER_ERROR)
}

/// The actix-web response of `error`: what the derived `ResponseError`
/// returns.
#[doc(hidden)]
pub fn error_response<E: ApiError + ?Sized>(error: &E) -> HttpResponse {
    let (parts, body) = scope::http_response(error).into_parts();
    let mut response = HttpResponse::build(status_code(error));
    for (name, value) in &parts.headers {
        // actix-web speaks http 0.2: headers cross as bytes. Every value was
        // built valid, so none is dropped.
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.as_str().as_bytes()),
            HeaderValue::from_bytes(value.as_bytes()),
        ) {
            response.insert_header((name, value));
        }
    }
    response.body(body)
}

/// Gives every request an error context: its `X-Request-Id` (kept when the
/// client sent a valid one, generated otherwise, and echoed on every
/// response), the format the API speaks, and whether a debug block may be
/// shown.
///
/// ```
/// use actix_web::{web, App};
/// use api_error::actix::ApiErrorMiddleware;
/// use api_error::{Format, Mode};
///
/// let app = App::new().service(
///     web::scope("/v1")
///         .wrap(ApiErrorMiddleware::new().format(Format::Flat).mode(Mode::Test))
///         .route("/customers", web::get().to(|| async { "[]" })),
/// );
/// # let _ = app;
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct ApiErrorMiddleware {
    format: Option<Format>,
    mode: Mode,
}

impl ApiErrorMiddleware {
    /// Errors in their type's format, no debug blocks.
    #[must_use]
    pub fn new() -> Self {
        ApiErrorMiddleware::default()
    }

    /// Renders every error of the wrapped services in `format`.
    #[must_use]
    pub fn format(mut self, format: Format) -> Self {
        self.format = Some(format);
        self
    }

    /// [`Mode::Test`] lets requests with `?debug=true` see debug blocks.
    #[must_use]
    pub fn mode(mut self, mode: Mode) -> Self {
        self.mode = mode;
        self
    }

    fn context(&self, request: &ServiceRequest) -> ErrorContext {
        let request_id = request
            .headers()
            .get(X_REQUEST_ID.as_str())
            .and_then(|value| value.to_str().ok());
        ErrorContext::from_request_parts(
            request_id,
            Some(request.query_string()),
            self.format,
            self.mode,
        )
    }
}

impl<S, B> Transform<S, ServiceRequest> for ApiErrorMiddleware
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = actix_web::Error> + 'static,
    B: 'static,
{
    type Response = ServiceResponse<B>;
    type Error = actix_web::Error;
    type Transform = ApiErrorService<S>;
    type InitError = ();
    type Future = Ready<Result<Self::Transform, Self::InitError>>;

    fn new_transform(&self, service: S) -> Self::Future {
        ready(Ok(ApiErrorService {
            service,
            config: *self,
        }))
    }
}

/// The service of [`ApiErrorMiddleware`].
pub struct ApiErrorService<S> {
    service: S,
    config: ApiErrorMiddleware,
}

impl<S, B> Service<ServiceRequest> for ApiErrorService<S>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = actix_web::Error> + 'static,
    B: 'static,
{
    type Response = ServiceResponse<B>;
    type Error = actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Self::Error>>>>;

    forward_ready!(service);

    fn call(&self, request: ServiceRequest) -> Self::Future {
        let context = self.config.context(&request);
        let request_id = context
            .request_id
            .clone()
            .unwrap_or_else(RequestId::generate);
        request.extensions_mut().insert(request_id.clone());
        let future = scope::scope(context, self.service.call(request));
        Box::pin(async move {
            let mut response = future.await?;
            if let Ok(value) = HeaderValue::from_str(request_id.as_str()) {
                response
                    .headers_mut()
                    .insert(HeaderName::from_static("x-request-id"), value);
            }
            Ok(response)
        })
    }
}

/// The request's id, in a handler behind [`ApiErrorMiddleware`]; a new one
/// elsewhere.
impl FromRequest for RequestId {
    type Error = actix_web::Error;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(request: &HttpRequest, _payload: &mut actix_web::dev::Payload) -> Self::Future {
        ready(Ok(request
            .extensions()
            .get::<RequestId>()
            .cloned()
            .unwrap_or_else(RequestId::generate)))
    }
}

/// Implements actix-web's `ResponseError` for a derived type when the
/// `actix-web` feature is on.
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_actix_web {
    ([$($impl_generics:tt)*] [$($ty:tt)*] [$($where_clause:tt)*]) => {
        impl $($impl_generics)* $crate::__private::actix_web::ResponseError for $($ty)* $($where_clause)* {
            fn status_code(&self) -> $crate::__private::actix_web::http::StatusCode {
                $crate::__private::actix_status_code(self)
            }

            fn error_response(&self) -> $crate::__private::actix_web::HttpResponse {
                $crate::__private::actix_error_response(self)
            }
        }
    };
}
