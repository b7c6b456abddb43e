//! The formats written from the model: JSON:API 1.1, Google's AIP-193 and
//! the Microsoft guidelines' error, byte for byte, as a type's default
//! format too, and read back by the client.

use api_error::client::{decode, ClientError, ErrorBody};
use api_error::{
    ApiError, ErrorContext, FieldError, FieldErrors, FieldLocation, Format, RenderOptions,
    RequestId,
};

#[derive(Clone, Debug, PartialEq, ApiError)]
#[api(
    decode,
    domain = "clients.example.com",
    doc_base = "https://docs.example.com/errors"
)]
enum ClientsError {
    #[api(status = 404, code = "not_found", message = "Client {id} not found")]
    NotFound {
        #[api(extra)]
        id: String,
    },
    #[api(
        status = 422,
        code = "validation_error",
        message = "Request validation failed"
    )]
    Invalid(#[api(errors)] FieldErrors),
    #[api(status = 429, code = "rate_limited", message = "Too many requests")]
    RateLimited {
        #[api(retry_after)]
        secs: u64,
        #[api(extra)]
        limit: u32,
    },
    #[api(
        status = 400,
        code = "invalid_rate",
        message = "Rate must be positive",
        field = "rate"
    )]
    BadRate,
    #[api(status = 503, code = "maintenance", message = "Down for maintenance")]
    Maintenance,
    #[api(
        status = 400,
        code = "invalid_sort",
        message = "Cannot sort by {column}",
        location = "query"
    )]
    InvalidSort {
        #[api(field)]
        parameter: String,
        column: String,
    },
    #[api(
        status = 400,
        code = "invalid_headers",
        message = "Some headers are invalid",
        location = "header"
    )]
    InvalidHeaders(#[api(errors)] FieldErrors),
}

fn invalid_sort() -> ClientsError {
    ClientsError::InvalidSort {
        parameter: "sort".into(),
        column: "secret".into(),
    }
}

fn invalid_headers() -> ClientsError {
    ClientsError::InvalidHeaders(FieldErrors::new().with("x-api-version", "Unknown version"))
}

fn invalid() -> ClientsError {
    ClientsError::Invalid(
        FieldErrors::new()
            .with("email", "Invalid email format")
            .with_error(FieldError::new("items[2].sku", "Required").with_code("required")),
    )
}

#[test]
fn json_api_error_objects() {
    let format = Format::JsonApi;
    assert_eq!(format.content_type(), "application/vnd.api+json");
    assert_eq!(
        ClientsError::NotFound { id: "cli_9".into() }.to_json(format),
        r#"{"errors":[{"status":"404","code":"not_found","title":"Not Found","detail":"Client cli_9 not found","links":{"about":"https://docs.example.com/errors#not_found"},"meta":{"id":"cli_9"}}]}"#
    );
    assert_eq!(
        invalid().to_json(format),
        r#"{"errors":[{"status":"422","code":"validation_error","title":"Unprocessable Entity","detail":"Request validation failed","links":{"about":"https://docs.example.com/errors#validation_error"}},{"status":"422","title":"Unprocessable Entity","detail":"Invalid email format","source":{"pointer":"/email"}},{"status":"422","code":"required","title":"Unprocessable Entity","detail":"Required","source":{"pointer":"/items/2/sku"}}]}"#
    );
    assert_eq!(
        ClientsError::BadRate.to_json(format),
        r#"{"errors":[{"status":"400","code":"invalid_rate","title":"Bad Request","detail":"Rate must be positive","source":{"pointer":"/rate"},"links":{"about":"https://docs.example.com/errors#invalid_rate"}}]}"#
    );
    assert_eq!(
        ClientsError::Maintenance.to_json_with(format, &RenderOptions::new().request_id("req_1")),
        r#"{"errors":[{"status":"503","code":"maintenance","title":"Service Unavailable","detail":"Down for maintenance","links":{"about":"https://docs.example.com/errors#maintenance"},"meta":{"request_id":"req_1"}}]}"#
    );
}

#[test]
fn json_api_sources_of_query_parameters_and_headers() {
    let format = Format::JsonApi;
    assert_eq!(invalid_sort().field_location(), FieldLocation::Query);
    assert_eq!(
        invalid_sort().to_json(format),
        r#"{"errors":[{"status":"400","code":"invalid_sort","title":"Bad Request","detail":"Cannot sort by secret","source":{"parameter":"sort"},"links":{"about":"https://docs.example.com/errors#invalid_sort"}}]}"#
    );
    assert_eq!(
        invalid_headers().to_json(format),
        r#"{"errors":[{"status":"400","code":"invalid_headers","title":"Bad Request","detail":"Some headers are invalid","links":{"about":"https://docs.example.com/errors#invalid_headers"}},{"status":"400","title":"Bad Request","detail":"Unknown version","source":{"header":"x-api-version"}}]}"#
    );
    // The other formats name the field alike wherever it is.
    assert_eq!(
        invalid_sort().to_json(Format::Envelope),
        r#"{"error":{"code":"invalid_sort","message":"Cannot sort by secret","field":"sort","doc_url":"https://docs.example.com/errors#invalid_sort"}}"#
    );
    // The request errors of query parameters are sourced as parameters.
    let error = api_error::request::from_query::<Page>("page=two").unwrap_err();
    assert_eq!(error.field_location(), FieldLocation::Query);
    assert!(
        error
            .to_json(format)
            .contains(r#""source":{"parameter":"page"}"#),
        "{}",
        error.to_json(format)
    );
}

#[derive(Debug, serde::Deserialize)]
#[allow(dead_code)]
struct Page {
    page: u32,
}

#[test]
fn google_aip_193() {
    let format = Format::Google;
    assert_eq!(format.content_type(), "application/json");
    assert_eq!(
        ClientsError::RateLimited {
            secs: 30,
            limit: 100
        }
        .to_json(format),
        r#"{"error":{"code":429,"message":"Too many requests","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"RATE_LIMITED","domain":"clients.example.com","metadata":{"limit":"100"}},{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"30s"},{"@type":"type.googleapis.com/google.rpc.Help","links":[{"description":"rate_limited","url":"https://docs.example.com/errors#rate_limited"}]}]}}"#
    );
    assert_eq!(
        invalid().to_json_with(format, &RenderOptions::new().request_id("req_1")),
        r#"{"error":{"code":422,"message":"Request validation failed","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"VALIDATION_ERROR","domain":"clients.example.com"},{"@type":"type.googleapis.com/google.rpc.BadRequest","fieldViolations":[{"field":"email","description":"Invalid email format"},{"field":"items[2].sku","description":"Required","reason":"required"}]},{"@type":"type.googleapis.com/google.rpc.RequestInfo","requestId":"req_1"},{"@type":"type.googleapis.com/google.rpc.Help","links":[{"description":"validation_error","url":"https://docs.example.com/errors#validation_error"}]}]}}"#
    );
}

/// The example of AIP-193's "ErrorInfo" section, but for its
/// `LocalizedMessage` and `Help` details.
#[test]
fn google_aip_193_error_info_example() {
    #[derive(Debug, ApiError)]
    #[api(domain = "compute.googleapis.com")]
    enum ComputeError {
        #[api(
            status = 429,
            code = "resource_availability",
            message = "The zone '{zone}' does not have enough resources available to fulfill the request.  Try a different zone, or try again later."
        )]
        ResourceAvailability {
            #[api(extra)]
            zone: &'static str,
            #[api(extra = "vmType")]
            vm_type: &'static str,
            #[api(extra)]
            attachment: &'static str,
            #[api(extra = "zonesWithCapacity")]
            zones_with_capacity: &'static str,
        },
    }
    let error = ComputeError::ResourceAvailability {
        zone: "us-east1-a",
        vm_type: "e2-medium",
        attachment: "local-ssd=3,nvidia-t4=2",
        zones_with_capacity: "us-central1-f,us-central1-c",
    };
    let published = r#"{
      "error": {
        "code": 429,
        "message": "The zone 'us-east1-a' does not have enough resources available to fulfill the request.  Try a different zone, or try again later.",
        "status": "RESOURCE_EXHAUSTED",
        "details": [
          {
            "@type": "type.googleapis.com/google.rpc.ErrorInfo",
            "reason": "RESOURCE_AVAILABILITY",
            "domain": "compute.googleapis.com",
            "metadata": {
              "zone": "us-east1-a",
              "vmType": "e2-medium",
              "attachment": "local-ssd=3,nvidia-t4=2",
              "zonesWithCapacity": "us-central1-f,us-central1-c"
            }
          }
        ]
      }
    }"#;
    assert_eq!(error.to_json(Format::Google), compact(published));
}

/// The published text without the whitespace between its tokens: compact
/// JSON with the members in their published order.
fn compact(published: &str) -> String {
    let mut out = String::new();
    let mut in_string = false;
    let mut escaped = false;
    for c in published.chars() {
        if in_string {
            out.push(c);
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if !c.is_whitespace() {
            out.push(c);
        }
    }
    out
}

#[test]
fn microsoft_error() {
    let format = Format::Microsoft;
    assert_eq!(format.content_type(), "application/json");
    assert_eq!(
        invalid().to_json(format),
        r#"{"error":{"code":"validation_error","message":"Request validation failed","details":[{"code":"validation_error","message":"Invalid email format","target":"email"},{"code":"required","message":"Required","target":"items[2].sku"}],"innererror":{"doc_url":"https://docs.example.com/errors#validation_error"}}}"#
    );
    assert_eq!(
        ClientsError::BadRate.to_json(format),
        r#"{"error":{"code":"invalid_rate","message":"Rate must be positive","target":"rate","innererror":{"doc_url":"https://docs.example.com/errors#invalid_rate"}}}"#
    );
    assert_eq!(
        ClientsError::RateLimited {
            secs: 3,
            limit: 100
        }
        .to_json(format),
        r#"{"error":{"code":"rate_limited","message":"Too many requests","innererror":{"limit":100,"doc_url":"https://docs.example.com/errors#rate_limited"}}}"#
    );
}

/// A type declared in a format written from the model serves it, and its
/// `Serialize` writes it.
#[test]
fn a_default_format_of_the_model() {
    #[derive(Debug, ApiError)]
    #[api(format = "json_api")]
    enum ExportError {
        #[api(
            status = 409,
            code = "running",
            message = "An export is already running"
        )]
        Running {
            #[api(extra)]
            export_id: u64,
        },
    }
    let error = ExportError::Running { export_id: 7 };
    assert_eq!(error.default_format(), Format::JsonApi);
    let body = r#"{"errors":[{"status":"409","code":"running","title":"Conflict","detail":"An export is already running","meta":{"export_id":7}}]}"#;
    assert_eq!(serde_json::to_string(&error).unwrap(), body);
    let response = ErrorContext::new().response(&error);
    assert_eq!(
        response.headers()["content-type"],
        "application/vnd.api+json"
    );
    assert_eq!(response.body(), body.as_bytes());
}

#[test]
fn every_error_reads_back_in_every_format_of_the_model() {
    let errors = [
        ClientsError::NotFound { id: "cli_9".into() },
        invalid(),
        ClientsError::RateLimited {
            secs: 30,
            limit: 100,
        },
        ClientsError::BadRate,
        ClientsError::Maintenance,
        ClientsError::Invalid(FieldErrors::new()),
        invalid_sort(),
        invalid_headers(),
    ];
    for format in [Format::JsonApi, Format::Google, Format::Microsoft] {
        for error in &errors {
            let context = ErrorContext::new()
                .with_format(format)
                .with_request_id(RequestId::parse("req_7").unwrap());
            let response = context.response(error);
            let body =
                ErrorBody::parse(response.status(), response.headers(), response.body()).unwrap();
            assert_eq!(body.format, Some(format), "{}", body.raw);
            assert_eq!(
                body.doc_url.as_deref().map(|url| url.rsplit('#').next()),
                Some(Some(error.code())),
                "{}",
                body.raw
            );
            assert_eq!(body.request_id.as_deref(), Some("req_7"), "{}", body.raw);
            let back =
                decode::<ClientsError>(response.status(), response.headers(), response.body());
            assert_eq!(
                back,
                ClientError::Api(error.clone(), error.retry_after()),
                "{format:?}: {}",
                body.raw
            );
        }
    }
}
