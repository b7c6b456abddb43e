//! The `aide` feature: an `ApiRouter` documents each operation's errors from
//! its handler's signature, the same responses utoipa's `Responses` lists,
//! and the running server's answers fit them.

use crate::endpoint_errors::{answers, answers_fit, create_user, get_user, ApiDoc, UsersError};
use aide::axum::routing::{get, post};
use aide::axum::ApiRouter;
use aide::openapi::{Info, OpenApi};
use api_error::axum::ApiErrorLayer;
use axum::Router;
use serde_json::Value;
use utoipa::OpenApi as _;

/// The users API on aide's router, and its document.
fn app() -> (Router, Value) {
    api_error::aide::map_request_errors(UsersError::from);
    let mut api = OpenApi {
        info: Info {
            title: "Users".to_owned(),
            version: "1".to_owned(),
            ..Info::default()
        },
        ..OpenApi::default()
    };
    let router = ApiRouter::new()
        .api_route("/users", post(create_user))
        .api_route("/users/{id}", get(get_user))
        .finish_api(&mut api)
        .layer(ApiErrorLayer::new().map_request_errors(UsersError::from));
    (router, serde_json::to_value(&api).unwrap())
}

/// The error responses of an operation: those of status 400 and above,
/// without the header `style` aide writes out (`simple`, the default).
fn errors(doc: &Value, method: &str, path: &str) -> Value {
    let responses = doc["paths"][path][method]["responses"].as_object().unwrap();
    responses
        .iter()
        .filter(|(status, _)| status.as_str() >= "400")
        .map(|(status, response)| {
            let mut response = response.clone();
            if let Some(headers) = response["headers"].as_object_mut() {
                for header in headers.values_mut() {
                    if let Some(header) = header.as_object_mut() {
                        header.remove("style");
                    }
                }
            }
            (status.clone(), response)
        })
        .collect::<serde_json::Map<_, _>>()
        .into()
}

#[test]
fn aide_documents_what_the_handler_signature_says() {
    let (_, doc) = app();
    let theirs = serde_json::to_value(ApiDoc::openapi()).unwrap();
    for (method, path) in [("post", "/users"), ("get", "/users/{id}")] {
        let ours = errors(&doc, method, path);
        assert!(
            ours.as_object().is_some_and(|o| o.len() >= 5),
            "{method} {path}: {ours}"
        );
        assert_eq!(ours, errors(&theirs, method, path), "{method} {path}");
    }
    assert_eq!(
        answers(&create_user).check_operation(&doc, "post", "/users"),
        Vec::<String>::new()
    );
    assert_eq!(
        answers(&get_user).check_operation(&doc, "get", "/users/{id}"),
        Vec::<String>::new()
    );
    // The extractors' request body is documented as axum's `Json`'s.
    let body = &doc["paths"]["/users"]["post"]["requestBody"];
    assert_eq!(body["required"], true, "{body}");
    assert!(
        body["content"]["application/json"]["schema"].is_object(),
        "{body}"
    );
    // Nothing of the bookkeeping is left in the document.
    assert!(!doc.to_string().contains("x-api-error"), "{doc}");
}

#[tokio::test]
async fn every_answer_of_the_aide_app_fits_its_document() {
    let (router, doc) = app();
    answers_fit(router, doc, "endpoint-errors-aide").await;
}
