//! The OpenAPI output of catalogs: its shape, a typed parse with every
//! reference resolved (oas3), and validation by a real OpenAPI validator
//! (`tests/openapi/validate.mjs`, its npm packages pinned by its lock file and
//! installed under the target directory the first time: the document against the OpenAPI 3.1 schema,
//! each named example against its response schema).

#![allow(dead_code)]

use api_error::catalog::Catalog;
use api_error::{ApiError, FieldErrors};
use serde_json::{json, Value};
use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

use crate::{clients, customers};
use clients::ClientsError;
use customers::CustomersError;

/// The billing errors, with members of every JSON type and shared codes, in
/// a format.
macro_rules! billing_in {
    ($(#[$doc:meta])* $name:ident, $format:tt) => {
        $(#[$doc])*
        #[derive(Debug, ApiError)]
        #[api(format = $format, doc_base = "https://docs.example.com/errors")]
        enum $name {
            /// The invoice does not exist.
            #[api(status = 404, code = "not_found", message = "Invoice {id} not found")]
            NotFound {
                #[api(extra)]
                id: u64,
            },
            #[api(
                status = 422,
                code = "invalid_parameter",
                message = "Bad {0:?}",
                share_code
            )]
            BadParameter(
                #[api(field)] Option<String>,
                #[api(extra = "value")] Option<f64>,
                #[api(extra = "tags")] Vec<String>,
                #[api(extra = "meta")] serde_json::Value,
            ),
            #[api(
                status = 422,
                code = "invalid_parameter",
                message = "Amount must be positive",
                field = "amount",
                share_code
            )]
            NegativeAmount,
            #[api(
                status = 422,
                code = "validation_error",
                message = "Request validation failed"
            )]
            Invalid(#[api(errors)] FieldErrors),
            #[api(status = 503, message = "Down for maintenance")]
            Maintenance {
                #[api(retry_after)]
                wait: Duration,
            },
        }
    };
}

billing_in!(
    /// Problem details, with members of every JSON type and shared codes.
    BillingError,
    "problem"
);
billing_in!(JsonApiBilling, "json_api");
billing_in!(GoogleBilling, "google");
billing_in!(MicrosoftBilling, "microsoft");

/// Everything the application answers with.
#[derive(Debug, ApiError)]
enum AppError {
    #[api(transparent)]
    Clients(ClientsError),

    #[api(
        status = 405,
        code = "method_not_allowed",
        message = "Method not allowed"
    )]
    MethodNotAllowed,
}

fn documents() -> Vec<(&'static str, Value)> {
    let with_path = |catalog: &api_error::catalog::ErrorCatalog| {
        let mut doc = catalog.openapi_document("Errors", "1.0.0");
        let mut responses = catalog.openapi_responses();
        responses.insert("200".to_owned(), json!({ "description": "OK" }));
        doc["paths"] = json!({
            "/things/{id}": {
                "get": {
                    "parameters": [{
                        "name": "id", "in": "path", "required": true,
                        "schema": { "type": "string" },
                    }],
                    "responses": responses,
                },
            },
        });
        doc
    };
    vec![
        ("clients", with_path(ClientsError::catalog())),
        ("customers", with_path(CustomersError::catalog())),
        ("billing", with_path(BillingError::catalog())),
        ("app", with_path(AppError::catalog())),
        ("json_api", with_path(JsonApiBilling::catalog())),
        ("google", with_path(GoogleBilling::catalog())),
        ("microsoft", with_path(MicrosoftBilling::catalog())),
    ]
}

#[test]
fn envelope_bodies_are_one_of_the_codes_keyed_on_code() {
    let components = ClientsError::catalog().openapi_components();
    let body = &components["schemas"]["ClientsError"];
    assert_eq!(body["required"], json!(["error"]));
    let error = &body["properties"]["error"];
    let codes = ClientsError::catalog().codes();
    assert_eq!(error["oneOf"].as_array().unwrap().len(), codes.len());
    assert_eq!(error["discriminator"]["propertyName"], "code");
    for code in &codes {
        let name = format!("ClientsError.{code}");
        assert_eq!(
            error["discriminator"]["mapping"][code],
            format!("#/components/schemas/{name}")
        );
        let schema = &components["schemas"][&name];
        assert_eq!(
            schema["properties"]["code"]["enum"],
            json!([code]),
            "{code}"
        );
    }

    let not_found = &components["schemas"]["ClientsError.not_found"];
    assert_eq!(
        not_found["description"],
        "The resource does not exist. Verify the ID is correct and the resource\nexists."
    );
    assert_eq!(
        not_found["required"],
        json!(["code", "message", "resource", "id"])
    );
    assert_eq!(
        not_found["properties"]["resource"],
        json!({ "type": "string" })
    );

    // Shared codes make one schema: what every variant writes is required.
    let invalid_request = &components["schemas"]["ClientsError.invalid_request"];
    assert_eq!(invalid_request["required"], json!(["code", "message"]));
    assert!(invalid_request["properties"]["field"].is_object());

    let internal = &components["schemas"]["ClientsError.internal_error"];
    assert_eq!(
        internal["properties"]["request_id"],
        json!({ "type": "string" })
    );
}

#[test]
fn a_response_per_status_with_headers_and_named_examples() {
    let components = ClientsError::catalog().openapi_components();
    let responses = components["responses"].as_object().unwrap();
    let statuses: Vec<&str> = responses.keys().map(String::as_str).collect();
    assert_eq!(
        statuses,
        [
            "ClientsError.400",
            "ClientsError.401",
            "ClientsError.403",
            "ClientsError.404",
            "ClientsError.405",
            "ClientsError.408",
            "ClientsError.409",
            "ClientsError.413",
            "ClientsError.415",
            "ClientsError.422",
            "ClientsError.429",
            "ClientsError.500",
        ]
    );
    let conflict = &responses["ClientsError.409"];
    assert_eq!(conflict["description"], "Conflict: `duplicate`, `conflict`");
    let media = &conflict["content"]["application/json"];
    let error = &media["schema"]["properties"]["error"];
    assert_eq!(
        error["oneOf"],
        json!([
            { "$ref": "#/components/schemas/ClientsError.duplicate" },
            { "$ref": "#/components/schemas/ClientsError.conflict" },
        ])
    );
    assert_eq!(
        media["examples"]["Duplicate"]["value"],
        json!({ "error": {
            "code": "duplicate",
            "message": "A client with this email already exists",
            "field": "email",
            "existing_id": "<existing_id>",
        }})
    );
    assert_eq!(media["examples"]["Duplicate"]["summary"], "duplicate");
    assert!(media["examples"]["InvoiceAlreadySent"].is_object());
    assert!(conflict["headers"]["X-Request-Id"].is_object());
    assert!(conflict["headers"].get("Retry-After").is_none());

    let rate_limited = &responses["ClientsError.429"];
    assert_eq!(
        rate_limited["headers"]["Retry-After"]["schema"],
        json!({ "type": "integer", "minimum": 0 })
    );
    // One variant per status needs no choice.
    assert_eq!(
        rate_limited["content"]["application/json"]["schema"]["properties"]["error"],
        json!({ "$ref": "#/components/schemas/ClientsError.rate_limit_exceeded" })
    );
    let internal = &responses["ClientsError.500"]["content"]["application/json"];
    assert_eq!(
        internal["examples"]["Internal"]["value"]["error"]["request_id"],
        "req_xxxxx"
    );
}

#[test]
fn problem_bodies_are_keyed_on_code_at_the_top() {
    let components = BillingError::catalog().openapi_components();
    let body = &components["schemas"]["BillingError"];
    assert_eq!(body["discriminator"]["propertyName"], "code");
    assert_eq!(
        body["description"],
        "Problem details, with members of every JSON type and shared codes."
    );
    let bad = &components["schemas"]["BillingError.invalid_parameter"];
    assert_eq!(
        bad["required"],
        json!(["type", "title", "status", "detail", "code"])
    );
    assert_eq!(
        bad["properties"]["status"],
        json!({ "type": "integer", "enum": [422] })
    );
    assert_eq!(
        bad["properties"]["value"],
        json!({ "type": ["number", "null"] })
    );
    assert_eq!(
        bad["properties"]["tags"],
        json!({ "type": "array", "items": { "type": "string" } })
    );
    assert_eq!(bad["properties"]["meta"], json!({}));
    assert!(bad["properties"].get("doc_url").is_none());
    let media = &components["responses"]["BillingError.503"]["content"]["application/problem+json"];
    assert_eq!(
        media["examples"]["Maintenance"]["value"]["type"],
        "https://docs.example.com/errors#maintenance"
    );
}

#[test]
fn flat_bodies_have_no_code_to_key_on() {
    let components = CustomersError::catalog().openapi_components();
    let body = &components["schemas"]["CustomersError"];
    assert!(body.get("oneOf").is_none());
    assert!(body["anyOf"].is_array());
    let unauthorized =
        &components["responses"]["CustomersError.401"]["content"]["application/json"];
    assert_eq!(unauthorized["schema"]["anyOf"].as_array().unwrap().len(), 4);
    assert_eq!(
        components["schemas"]["CustomersError.missing_api_key"]["properties"]["error"],
        json!({ "type": "string", "enum": ["Unauthorized"] })
    );
}

#[test]
fn composed_types_list_the_inner_errors() {
    let components = AppError::catalog().openapi_components();
    assert!(components["schemas"]["AppError.not_found"].is_object());
    assert!(components["schemas"]["AppError.method_not_allowed"].is_object());
    assert!(
        components["responses"]["AppError.404"]["content"]["application/json"]["examples"]
            ["NotFound"]
            .is_object()
    );
}

#[test]
fn documents_parse_and_every_reference_resolves() {
    for (name, doc) in documents() {
        let spec = oas3::from_json(doc.to_string()).unwrap_or_else(|err| panic!("{name}: {err}"));
        assert_eq!(spec.validate_version().unwrap().to_string(), "3.1.0");
        let components = spec.components.as_ref().expect("components");
        assert!(!components.schemas.is_empty(), "{name}");
        for (status, response) in &components.responses {
            let response = response
                .resolve(&spec)
                .unwrap_or_else(|err| panic!("{name} {status}: {err}"));
            for (media_type, media) in &response.content {
                let schema = media
                    .schema(&spec)
                    .unwrap_or_else(|err| panic!("{name} {status} {media_type}: {err}"));
                assert!(schema.is_some(), "{name} {status} {media_type}");
                assert!(!media.examples(&spec).is_empty(), "{name} {status}");
            }
        }
        for (schema_name, schema) in &components.schemas {
            schema
                .resolve(&spec)
                .unwrap_or_else(|err| panic!("{name} {schema_name}: {err}"));
        }
        let operations: Vec<_> = spec.operations().collect();
        assert_eq!(operations.len(), 1, "{name}");
    }
}

/// The OpenAPI validator of `tests/openapi`, installed on first use.
fn validator_dir() -> PathBuf {
    crate::tools::node_package("tests/openapi", &["validate.mjs"])
}

/// Runs the OpenAPI validator of `tests/openapi` on `documents`: each must
/// be a valid OpenAPI 3.1 document whose every named example matches its
/// response's schema. Returns the validator's line for each.
pub fn validate(documents: &[(&str, Value)]) -> Vec<String> {
    let dir = validator_dir();
    let out = std::env::temp_dir().join(format!(
        "api-error-openapi-{}-{}",
        std::process::id(),
        documents.first().map_or("none", |(name, _)| name)
    ));
    std::fs::create_dir_all(&out).unwrap();
    let mut files = Vec::new();
    for (name, doc) in documents {
        let file = out.join(format!("{name}.json"));
        std::fs::write(&file, serde_json::to_string_pretty(doc).unwrap()).unwrap();
        files.push(file);
    }
    let output = Command::new("node")
        .arg(dir.join("validate.mjs"))
        .args(&files)
        .output()
        .expect("node runs (`apt-get install nodejs`)");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stdout}\n{stderr}");
    assert_eq!(stdout.lines().count(), files.len(), "{stdout}");
    for line in stdout.lines() {
        assert!(line.contains(": valid OpenAPI 3.1.0, "), "{line}");
    }
    let _ = std::fs::remove_dir_all(&out);
    stdout.lines().map(str::to_owned).collect()
}

/// Every catalog's document passes the validator.
#[test]
fn documents_pass_the_openapi_validator() {
    validate(&documents());
}

/// The validator is no rubber stamp: it rejects a schema its example does
/// not match, and a document that breaks the OpenAPI schema.
#[test]
fn the_validator_rejects_broken_documents() {
    let dir = validator_dir();
    let out = std::env::temp_dir().join(format!("api-error-openapi-broken-{}", std::process::id()));
    std::fs::create_dir_all(&out).unwrap();
    let mut wrong_example = ClientsError::catalog().openapi_document("Errors", "1.0.0");
    wrong_example["components"]["responses"]["ClientsError.404"]["content"]["application/json"]
        ["examples"]["NotFound"]["value"]["error"]["id"] = json!(7);
    let mut wrong_document = ClientsError::catalog().openapi_document("Errors", "1.0.0");
    wrong_document["components"]["responses"]["ClientsError.404"]
        .as_object_mut()
        .unwrap()
        .remove("description");
    for (name, doc) in [("example", wrong_example), ("document", wrong_document)] {
        let file = out.join(format!("{name}.json"));
        std::fs::write(&file, doc.to_string()).unwrap();
        let output = Command::new("node")
            .arg(dir.join("validate.mjs"))
            .arg(&file)
            .output()
            .expect("node runs (`apt-get install nodejs`)");
        assert!(!output.status.success(), "{name} passed");
    }
    let _ = std::fs::remove_dir_all(&out);
}

/// The reference page of a format written from the model says where each
/// member is kept, and its schema follows the format.
#[test]
fn the_formats_of_the_model_are_documented_where_they_keep_each_member() {
    let markdown = JsonApiBilling::catalog().to_markdown();
    assert!(
        markdown.contains("served as `application/vnd.api+json`"),
        "{markdown}"
    );
    assert!(markdown.contains("| `errors[0].meta` | No |"), "{markdown}");
    assert!(markdown.contains("| `errors[1..]` | No |"), "{markdown}");
    let markdown = GoogleBilling::catalog().to_markdown();
    assert!(markdown.contains("| `error.status` | Yes |"), "{markdown}");
    assert!(
        markdown.contains("| `google.rpc.RetryInfo` | No |"),
        "{markdown}"
    );
    let markdown = MicrosoftBilling::catalog().to_markdown();
    assert!(
        markdown.contains("| `error.innererror` | No |"),
        "{markdown}"
    );
    assert!(markdown.contains("| `error.target` | No |"), "{markdown}");

    let components = JsonApiBilling::catalog().openapi_components();
    let body = &components["schemas"]["JsonApiBilling"]["properties"]["errors"];
    assert_eq!(
        body["prefixItems"][0]["discriminator"]["propertyName"],
        "code"
    );
    let not_found = &components["schemas"]["JsonApiBilling.not_found"];
    assert_eq!(not_found["properties"]["status"]["enum"], json!(["404"]));
    assert_eq!(not_found["properties"]["meta"]["required"], json!(["id"]));
    let components = GoogleBilling::catalog().openapi_components();
    let not_found = &components["schemas"]["GoogleBilling.not_found"];
    assert_eq!(
        not_found["properties"]["details"]["prefixItems"][0]["properties"]["reason"]["enum"],
        json!(["NOT_FOUND"])
    );
    // Metadata holds every value as a string.
    assert_eq!(
        not_found["properties"]["details"]["prefixItems"][0]["properties"]["metadata"]
            ["properties"]["id"],
        json!({ "type": "string" })
    );
}
