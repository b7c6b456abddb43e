//! A type that turns every integration off writes its own impls, with every
//! feature on, and they are the ones used; one that turns off only `tonic`
//! keeps the derived axum impl. (Without the opt-out, the own impl clashes:
//! `tests/ui-frameworks/ui/own-impl-without-opt-out.rs`.)

use api_error::ApiError;

#[derive(Debug, ApiError)]
#[api(
    axum = false,
    actix_web = false,
    utoipa = false,
    tonic = false,
    aide = false
)]
enum ExportError {
    #[api(status = 503, code = "busy", message = "Exports are busy")]
    Busy,
}

impl axum::response::IntoResponse for ExportError {
    fn into_response(self) -> axum::response::Response {
        (http::StatusCode::SERVICE_UNAVAILABLE, "own axum body").into_response()
    }
}

impl actix_web::ResponseError for ExportError {
    fn status_code(&self) -> actix_web::http::StatusCode {
        actix_web::http::StatusCode::IM_A_TEAPOT
    }
}

impl utoipa::IntoResponses for ExportError {
    fn responses() -> std::collections::BTreeMap<
        String,
        utoipa::openapi::RefOr<utoipa::openapi::response::Response>,
    > {
        std::collections::BTreeMap::new()
    }
}

impl aide::OperationOutput for ExportError {
    type Inner = ();

    fn inferred_responses(
        _: &mut aide::generate::GenContext,
        _: &mut aide::openapi::Operation,
    ) -> Vec<(Option<u16>, aide::openapi::Response)> {
        vec![(Some(503), aide::openapi::Response::default())]
    }
}

impl From<ExportError> for tonic::Status {
    fn from(error: ExportError) -> Self {
        tonic::Status::unavailable(format!("own: {}", error.message()))
    }
}

/// One integration off, the others kept.
#[derive(Debug, ApiError)]
#[api(tonic = false)]
enum OnlyTonicOff {
    #[api(status = 404, code = "not_found", message = "Not found")]
    NotFound,
}

impl From<OnlyTonicOff> for tonic::Status {
    fn from(_: OnlyTonicOff) -> Self {
        tonic::Status::not_found("own")
    }
}

#[test]
fn own_impls_are_the_ones_used() {
    use axum::response::IntoResponse;
    let status = tonic::Status::from(ExportError::Busy);
    assert_eq!(status.message(), "own: Exports are busy");
    assert_eq!(
        actix_web::ResponseError::status_code(&ExportError::Busy).as_u16(),
        418
    );
    assert!(<ExportError as utoipa::IntoResponses>::responses().is_empty());
    let responses = aide::generate::in_context(|ctx| {
        <ExportError as aide::OperationOutput>::inferred_responses(ctx, &mut Default::default())
    });
    assert_eq!(responses.len(), 1);
    assert_eq!(responses[0].0, Some(503));
    assert_eq!(ExportError::Busy.into_response().status(), 503);

    assert_eq!(tonic::Status::from(OnlyTonicOff::NotFound).message(), "own");
    // The derived axum impl is still there.
    assert_eq!(OnlyTonicOff::NotFound.into_response().status(), 404);
}
