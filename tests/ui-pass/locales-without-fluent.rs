//! Without the `fluent` feature, `#[api(locales = "...")]` compiles and the
//! messages stay in the source language.

use api_error::{ApiError, ErrorContext};

#[derive(Debug, ApiError)]
#[api(locales = "../localized/locales")]
pub enum ClientsError {
    #[api(status = 404, code = "not_found", message = "{resource} not found")]
    NotFound { resource: String },
}

fn main() {
    let error = ClientsError::NotFound {
        resource: "Client".to_owned(),
    };
    assert_eq!(error.localized_message_for(&["fr"]), None);
    let response = ErrorContext::new().localize(Some("fr")).response(&error);
    assert_eq!(
        std::str::from_utf8(response.body()).unwrap(),
        r#"{"error":{"code":"not_found","message":"Client not found"}}"#
    );
    assert!(response.headers().get("content-language").is_none());
}
