//! The role traits implemented for an API's own types: a newtype field name,
//! a wait in minutes, a list of field errors of its own.

use api_error::roles::{ErrorList, FieldValue, RetryAfterValue};
use api_error::{ApiError, FieldError, Format};
use serde::Serialize;
use std::time::Duration;

/// A request field's name, as the API's own type.
#[derive(Debug)]
pub struct FieldName(String);

impl FieldValue for FieldName {
    fn field_value(&self) -> Option<&str> {
        Some(&self.0)
    }
}

/// A wait in whole minutes.
#[derive(Debug)]
pub struct Minutes(u64);

impl RetryAfterValue for Minutes {
    fn retry_after_value(&self) -> Option<Duration> {
        self.0.checked_mul(60).map(Duration::from_secs)
    }
}

/// The API's own list of failed fields.
#[derive(Debug, Serialize)]
#[serde(transparent)]
pub struct Problems(Vec<FieldError>);

impl ErrorList for Problems {
    fn field_errors(&self) -> &[FieldError] {
        &self.0
    }
}

#[derive(Debug, ApiError)]
pub enum Error {
    #[api(status = 422, code = "invalid_parameter", message = "Invalid value")]
    Invalid {
        #[api(field)]
        name: FieldName,
    },

    #[api(status = 503, code = "maintenance", message = "Back soon")]
    Maintenance {
        #[api(retry_after)]
        wait: Minutes,
    },

    #[api(
        status = 422,
        code = "validation_error",
        message = "Request validation failed"
    )]
    Validation(#[api(errors)] Problems),
}

#[test]
fn own_types_play_their_roles() {
    let invalid = Error::Invalid {
        name: FieldName("rate".into()),
    };
    assert_eq!(invalid.field(), Some("rate"));
    assert_eq!(
        invalid.to_json(Format::Envelope),
        r#"{"error":{"code":"invalid_parameter","message":"Invalid value","field":"rate"}}"#
    );

    let maintenance = Error::Maintenance { wait: Minutes(2) };
    assert_eq!(maintenance.retry_after(), Some(Duration::from_secs(120)));
    let response = api_error::ErrorContext::new().response(&maintenance);
    assert_eq!(response.headers()["retry-after"], "120");

    let validation = Error::Validation(Problems(vec![FieldError::new("email", "Invalid")]));
    assert_eq!(
        validation.to_json(Format::Problem),
        r##"{"type":"about:blank","title":"Unprocessable Entity","status":422,"detail":"Request validation failed","code":"validation_error","errors":[{"detail":"Invalid","pointer":"#/email"}]}"##
    );
}
