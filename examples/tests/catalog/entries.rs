//! The static catalog of derived types: entries, JSON types of members,
//! composition through transparent variants, and the three renderers.

#![allow(dead_code)]

use api_error::catalog::{Catalog, Entry, FieldMember, JsonType, MemberType, Variant};
use api_error::{ApiError, FieldErrors, Format, StatusCode, MASKED_MESSAGE};
use serde_json::{json, Value};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::time::Duration;

use crate::{clients, customers};
use clients::ClientsError;
use customers::CustomersError;

#[derive(Debug, serde::Serialize)]
struct Plan {
    name: &'static str,
}

#[derive(Debug, serde::Serialize)]
#[serde(rename_all = "lowercase")]
enum Resource {
    Client,
}

impl MemberType for Resource {
    const JSON_TYPE: JsonType = JsonType::String;
}

/// Errors of the billing API.
#[derive(Debug, ApiError)]
#[api(format = "problem", doc_base = "https://docs.example.com/errors")]
enum BillingError {
    /// The resource does not exist.
    ///
    /// Check the id.
    #[api(
        status = 404,
        code = "not_found",
        message = "{resource:?} {id} not found"
    )]
    NotFound {
        #[api(extra)]
        resource: Resource,
        #[api(extra)]
        id: u64,
    },

    #[api(
        status = 422,
        code = "invalid_parameter",
        message = "Bad {0}",
        share_code
    )]
    BadParameter(
        #[api(field)] String,
        #[api(extra = "value")] Option<f64>,
        #[api(extra = "tags")] Vec<Cow<'static, str>>,
        #[api(extra = "plan")] Plan,
        #[api(extra = "limits")] BTreeMap<String, u32>,
        #[api(extra = "flag")] Box<bool>,
    ),

    #[api(
        status = 422,
        code = "invalid_parameter",
        message = "Amount must be positive",
        field = "amount",
        doc_url = "https://docs.example.com/amounts",
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

#[derive(Debug, thiserror::Error, ApiError)]
enum StoreError {
    #[error("customer {0} not found")]
    #[api(status = 404)]
    NotFound(u64),

    #[error("connection to {host} refused")]
    #[api(status = 500, code = "internal_error")]
    Database { host: String },
}

/// One error, as a struct.
#[derive(Debug, ApiError)]
#[api(
    status = 403,
    code = "limit_reached",
    message = "Your plan allows {limit} customers"
)]
struct LimitReached {
    limit: u32,
}

/// The application's errors: each module's, and its own.
#[derive(Debug, ApiError)]
enum AppError {
    /// Errors of the billing module.
    #[api(transparent)]
    Billing(BillingError),

    #[api(transparent)]
    Limit(LimitReached),

    /// Nothing is there.
    #[api(status = 404, code = "no_route", message = "No such route")]
    NoRoute,
}

#[derive(Debug, ApiError)]
enum Wrapper<T: ApiError + api_error::__private::Transparent> {
    #[api(transparent)]
    Inner(T),

    #[api(status = 400, message = "Bad {value:?}")]
    Bad {
        #[api(extra)]
        value: Vec<u8>,
    },
}

fn entry<T: Catalog>(code: &str) -> &'static Entry {
    T::catalog()
        .get(code)
        .unwrap_or_else(|| panic!("no entry {code}"))
}

#[test]
fn entries_hold_what_the_derive_knows() {
    let catalog = BillingError::catalog();
    assert_eq!(catalog.type_name, "BillingError");
    assert_eq!(catalog.description, "Errors of the billing API.");
    assert_eq!(catalog.format, Format::Problem);
    assert!(catalog.type_path().ends_with("::BillingError"));
    assert_eq!(catalog.variants.len(), 5);

    let not_found = entry::<BillingError>("not_found");
    assert_eq!(not_found.type_name, "BillingError");
    assert_eq!(not_found.variant, "NotFound");
    assert_eq!(not_found.status, StatusCode::NOT_FOUND);
    assert_eq!(not_found.message, "{resource:?} {id} not found");
    assert_eq!(
        not_found.description,
        "The resource does not exist.\n\nCheck the id."
    );
    assert_eq!(
        not_found.doc_url,
        Some("https://docs.example.com/errors#not_found")
    );
    assert_eq!(not_found.field, None);
    assert!(!not_found.errors);
    assert!(!not_found.is_retryable());
    assert_eq!(not_found.headers(), ["Content-Type", "X-Request-Id"]);
    assert_eq!(not_found.members().collect::<Vec<_>>(), ["resource", "id"]);

    let bad = entry::<BillingError>("invalid_parameter");
    assert_eq!(bad.variant, "BadParameter");
    assert_eq!(bad.field, Some(FieldMember::FromValue("0")));
    assert_eq!(bad.description, "");
    let types: Vec<(&str, JsonType)> = bad.extras.iter().map(|e| (e.name, e.json_type)).collect();
    assert_eq!(
        types,
        [
            ("value", JsonType::Nullable(&JsonType::Number)),
            ("tags", JsonType::Array(&JsonType::String)),
            ("plan", JsonType::Any),
            ("limits", JsonType::Object),
            ("flag", JsonType::Boolean),
        ]
    );

    let shared: Vec<&Entry> = catalog
        .entries()
        .filter(|e| e.code == "invalid_parameter")
        .collect();
    assert_eq!(shared.len(), 2);
    assert_eq!(shared[1].field, Some(FieldMember::Fixed("amount")));
    assert_eq!(shared[1].doc_url, Some("https://docs.example.com/amounts"));

    let invalid = entry::<BillingError>("validation_error");
    assert!(invalid.errors);
    assert_eq!(invalid.members().collect::<Vec<_>>(), ["errors"]);

    let maintenance = entry::<BillingError>("maintenance");
    assert!(maintenance.retry_after);
    assert!(maintenance.is_retryable());
    assert_eq!(
        maintenance.headers(),
        ["Content-Type", "Retry-After", "X-Request-Id"]
    );
}

#[test]
fn messages_from_thiserror_and_masked_server_errors() {
    let not_found = entry::<StoreError>("not_found");
    assert_eq!(not_found.message, "customer {0} not found");
    let internal = entry::<StoreError>("internal_error");
    assert_eq!(internal.message, MASKED_MESSAGE);
}

#[test]
fn a_struct_is_one_entry() {
    let catalog = LimitReached::catalog();
    assert_eq!(catalog.description, "One error, as a struct.");
    let entries: Vec<_> = catalog.entries().collect();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].variant, "LimitReached");
    assert_eq!(entries[0].code, "limit_reached");
    assert_eq!(entries[0].description, "One error, as a struct.");
}

#[test]
fn transparent_variants_include_the_inner_catalog() {
    let catalog = AppError::catalog();
    match catalog.variants[0] {
        Variant::Transparent {
            variant,
            description,
            inner,
        } => {
            assert_eq!(variant, "Billing");
            assert_eq!(description, "Errors of the billing module.");
            assert_eq!(inner.type_name, "BillingError");
        }
        _ => panic!("Billing is transparent"),
    }
    let codes: Vec<(&str, &str)> = catalog.entries().map(|e| (e.type_name, e.code)).collect();
    assert_eq!(
        codes,
        [
            ("BillingError", "not_found"),
            ("BillingError", "invalid_parameter"),
            ("BillingError", "invalid_parameter"),
            ("BillingError", "validation_error"),
            ("BillingError", "maintenance"),
            ("LimitReached", "limit_reached"),
            ("AppError", "no_route"),
        ]
    );
    assert_eq!(
        catalog.codes(),
        [
            "not_found",
            "invalid_parameter",
            "validation_error",
            "maintenance",
            "limit_reached",
            "no_route"
        ]
    );
}

#[test]
fn generic_types_have_catalogs() {
    let catalog = Wrapper::<LimitReached>::catalog();
    let codes: Vec<&str> = catalog.entries().map(|e| e.code).collect();
    assert_eq!(codes, ["limit_reached", "bad"]);
    assert_eq!(
        entry::<Wrapper<LimitReached>>("bad").extras[0].json_type,
        JsonType::Array(&JsonType::Integer)
    );
}

#[test]
fn catalogs_are_constants() {
    const CODE: &str = match BillingError::CATALOG.variants[0] {
        Variant::Own(entry) => entry.code,
        _ => "",
    };
    assert_eq!(CODE, "not_found");
}

api_error::assert_unique_codes!(BillingError, AppError, LimitReached, StoreError);
api_error::assert_unique_codes!(CustomersError, ClientsError);

/// The sample of every variant has the members of a real body, in the same
/// order.
#[test]
fn samples_follow_the_wire_format() {
    fn keys(body: &str) -> Vec<String> {
        // Member names in order of appearance, at any depth.
        let mut keys = Vec::new();
        let value: Value = serde_json::from_str(body).unwrap();
        fn walk(value: &Value, keys: &mut Vec<String>, body: &str) {
            if let Value::Object(map) = value {
                let mut names: Vec<&String> = map.keys().collect();
                names.sort_by_key(|name| body.find(&format!("\"{name}\":")).unwrap());
                for name in names {
                    keys.push(name.clone());
                    if name != "errors" {
                        walk(&map[name], keys, body);
                    }
                }
            }
        }
        walk(&value, &mut keys, body);
        keys
    }
    let catalog = ClientsError::catalog();
    let real = [
        (
            "not_found",
            ClientsError::NotFound {
                resource: clients::Resource::Client,
                id: "cli_xxxxx".into(),
            },
        ),
        (
            "duplicate",
            ClientsError::Duplicate {
                existing_id: "cli_xxxxx".into(),
            },
        ),
        (
            "validation_error",
            ClientsError::Validation(FieldErrors::new().with("email", "Invalid email format")),
        ),
        ("unauthorized", ClientsError::Unauthorized),
    ];
    for (code, error) in real {
        let entry = catalog.get(code).unwrap();
        for format in Format::ALL {
            assert_eq!(
                keys(&entry.sample_body(format)),
                keys(&error.to_json(format)),
                "{code} in {format:?}"
            );
        }
    }
}

#[test]
fn json_catalog_of_the_clients_api() {
    let json: Value = serde_json::from_str(&ClientsError::catalog().to_json()).unwrap();
    assert_eq!(json["type"], "ClientsError");
    assert_eq!(json["format"], "envelope");
    assert_eq!(json["content_type"], "application/json");
    let errors = json["errors"].as_array().unwrap();
    assert_eq!(errors.len(), ClientsError::catalog().entries().count());
    let not_found = errors.iter().find(|e| e["code"] == "not_found").unwrap();
    assert_eq!(not_found["status"], 404);
    assert_eq!(not_found["variant"], "ClientsError::NotFound");
    assert_eq!(
        not_found["members"],
        json!({ "resource": "string", "id": "string" })
    );
    assert_eq!(not_found["retryable"], false);
    let rate_limited = errors
        .iter()
        .find(|e| e["code"] == "rate_limit_exceeded")
        .unwrap();
    assert_eq!(rate_limited["retryable"], true);
    assert_eq!(
        rate_limited["headers"],
        json!(["Content-Type", "Retry-After", "X-Request-Id"])
    );
    let duplicate = errors.iter().find(|e| e["code"] == "duplicate").unwrap();
    assert_eq!(duplicate["field"], "email");
}

/// The section of `markdown` that documents `code`.
fn section<'a>(markdown: &'a str, code: &str) -> &'a str {
    let start = markdown
        .find(&format!("#### `{code}`\n"))
        .unwrap_or_else(|| panic!("no section for {code}"));
    let rest = &markdown[start + 1..];
    let end = rest.find("\n#").map_or(rest.len(), |end| end + 1);
    &markdown[start..start + 1 + end]
}

#[test]
fn markdown_reference_of_the_clients_api() {
    let markdown = ClientsError::catalog().to_markdown();
    assert!(markdown.starts_with(
        "# ClientsError reference\n\nThe clients and invoices API: envelope bodies with codes, fields and\nextras, as its error guide shows them. Over gRPC, the same errors are\nstatuses whose `ErrorInfo` names the domain `clients.example.com`.\n\n## Error response format\n"
    ));
    assert!(markdown.contains("| `code` | Yes | Machine-readable error code |\n"));
    assert!(markdown.contains(
        "| `404` | Not Found | [`not_found`](#not_found), [`route_not_found`](#route_not_found) |\n"
    ));
    assert!(markdown.contains(
        "| `405` | Method Not Allowed | [`method_not_allowed`](#method_not_allowed) |\n"
    ));
    assert!(markdown
        .contains("| `409` | Conflict | [`duplicate`](#duplicate), [`conflict`](#conflict) |\n"));
    // One section per code, statuses ascending.
    let codes = ClientsError::catalog().codes();
    assert_eq!(markdown.matches("\n#### `").count(), codes.len());
    let order: Vec<usize> = [
        "### 400", "### 401", "### 403", "### 404", "### 405", "### 408", "### 409", "### 413",
        "### 415", "### 422", "### 429", "### 500",
    ]
    .iter()
    .map(|heading| markdown.find(&format!("{heading} ")).unwrap())
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]));

    assert_eq!(
        section(&markdown, "duplicate"),
        "#### `duplicate`

Creating something that already exists.

```json
{
  \"error\": {
    \"code\": \"duplicate\",
    \"message\": \"A client with this email already exists\",
    \"field\": \"email\",
    \"existing_id\": \"<existing_id>\"
  }
}
```

- **Field:** `email`
- **Members:** `existing_id` (string)
- **gRPC:** `ALREADY_EXISTS`
- **Headers:** `Content-Type: application/json`, `X-Request-Id`
- **Retry:** no: fix the `email` field before sending the request again.

"
    );
    let rate_limited = section(&markdown, "rate_limit_exceeded");
    assert!(
        rate_limited.contains("\"message\": \"Rate limit exceeded. Retry after <secs> seconds.\"")
    );
    assert!(rate_limited.contains(
        "- **Headers:** `Content-Type: application/json`, `Retry-After`, `X-Request-Id`\n"
    ));
    assert!(rate_limited
        .contains("- **Retry:** yes, after the number of seconds in the `Retry-After` header.\n"));
    let internal = section(&markdown, "internal_error");
    assert!(internal.contains("\"request_id\": \"req_xxxxx\""));
    assert!(
        internal.contains("- **Retry:** yes, with exponential backoff: wait 1 s, 2 s, then 4 s.")
    );
    // Two variants share `invalid_request`: both are shown.
    let invalid_request = section(&markdown, "invalid_request");
    assert!(invalid_request.contains("\"message\": \"<label> is required\""));
    assert!(invalid_request.contains("\"message\": \"Rate must be positive\""));
    assert!(invalid_request.contains("- **Field:** the request field at fault\n"));
    // The gRPC code of each error: Google's mapping, or the variant's own.
    assert!(section(&markdown, "conflict").contains("- **gRPC:** `FAILED_PRECONDITION`\n"));
    assert!(rate_limited.contains("- **gRPC:** `RESOURCE_EXHAUSTED`\n"));
    assert!(internal.contains("- **gRPC:** `INTERNAL`\n"));
    let validation = section(&markdown, "validation_error");
    assert!(validation.contains("- **Members:** `errors` (array of field errors)\n"));
    assert!(markdown.ends_with(
        "- Every error response carries an `X-Request-Id` header: quote it when contacting support.\n"
    ));
}

#[test]
fn markdown_reference_of_the_customers_api() {
    let markdown = CustomersError::catalog().to_markdown();
    assert!(markdown.contains("| `error` | Yes | The status's reason phrase, like `Not Found` |\n"));
    assert!(!markdown.contains("| `code` |"));
    let duplicate = section(&markdown, "duplicate_email");
    assert!(duplicate.contains(
        "```json\n{\n  \"error\": \"Conflict\",\n  \"message\": \"A customer with this email already exists\"\n}\n```\n"
    ));
    let unavailable = section(&markdown, "service_unavailable");
    assert!(unavailable.contains("`Retry-After`"));
    assert!(unavailable
        .contains("- **Retry:** yes, after the number of seconds in the `Retry-After` header.\n"));
    let limit = section(&markdown, "customer_limit_reached");
    assert!(limit.contains("Your plan allows <limit> customers."));
    assert!(limit.contains("The plan's customer limit is reached."));
}

#[test]
fn markdown_of_a_composed_type_includes_the_inner_codes() {
    let markdown = AppError::catalog().to_markdown();
    for code in [
        "not_found",
        "invalid_parameter",
        "maintenance",
        "limit_reached",
        "no_route",
    ] {
        assert!(markdown.contains(&format!("#### `{code}`\n")), "{code}");
    }
    // Samples are in the outer type's format, as its responses are.
    assert!(section(&markdown, "no_route").contains("\"code\": \"no_route\""));
    assert!(section(&markdown, "not_found").contains("\"resource\": \"<resource>\""));
}
