//! The `utoipa` feature: a derived type is utoipa's `IntoResponses`, so an
//! axum app's OpenAPI document lists every error of a route, not only its
//! success.

#![allow(dead_code)]

use api_error::catalog::Catalog;
use api_error::{ApiError, ErrorContext};
use axum::extract::Path;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};
use utoipa::{IntoResponses, OpenApi};

use crate::{clients, customers};
use clients::{ClientsError, Resource};
use customers::CustomersError;

/// Problem details with members of several JSON types.
#[derive(Debug, ApiError)]
#[api(format = "problem", doc_base = "https://docs.example.com/errors")]
enum BillingError {
    #[api(status = 422, code = "invalid_parameter", message = "Bad {0:?}")]
    BadParameter(
        #[api(field)] Option<String>,
        #[api(extra = "value")] Option<f64>,
        #[api(extra = "tags")] Vec<String>,
        #[api(extra = "meta")] Value,
    ),

    #[api(status = 503, message = "Down for maintenance")]
    Maintenance {
        #[api(retry_after)]
        wait: u64,
    },
}

/// Returns a client.
#[utoipa::path(
    get,
    path = "/clients/{id}",
    params(("id" = String, Path, description = "The client's id")),
    responses(
        (status = 200, description = "The client", body = String),
        ClientsError,
    )
)]
async fn get_client(Path(id): Path<String>) -> Result<String, ClientsError> {
    Err(ClientsError::NotFound {
        resource: Resource::Client,
        id,
    })
}

/// Returns an invoice.
#[utoipa::path(
    get,
    path = "/invoices/{id}",
    params(("id" = u64, Path, description = "The invoice's number")),
    responses(
        (status = 200, description = "The invoice", body = String),
        BillingError,
    )
)]
async fn get_invoice(Path(id): Path<u64>) -> Result<String, BillingError> {
    Err(BillingError::Maintenance { wait: id })
}

#[derive(OpenApi)]
#[openapi(paths(get_client, get_invoice))]
struct ApiDoc;

fn app() -> Router {
    Router::new()
        .route("/clients/{id}", get(get_client))
        .route("/invoices/{id}", get(get_invoice))
        .route("/openapi.json", get(|| async { Json(ApiDoc::openapi()) }))
}

#[test]
fn into_responses_are_the_catalog_responses() {
    fn check<T: Catalog + IntoResponses>() {
        let ours = Value::Object(T::catalog().openapi_responses());
        let theirs = serde_json::to_value(T::responses()).unwrap();
        assert_eq!(theirs, ours, "{}", T::catalog().type_name);
    }
    check::<ClientsError>();
    check::<CustomersError>();
    check::<BillingError>();
}

#[tokio::test]
async fn the_apps_openapi_document_lists_every_error() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let server = tokio::spawn(async move { axum::serve(listener, app()).await });
    let client = reqwest::Client::new();

    let doc: Value = client
        .get(format!("{base}/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let responses = &doc["paths"]["/clients/{id}"]["get"]["responses"];
    let statuses: Vec<&str> = responses
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        statuses,
        [
            "200", "400", "401", "403", "404", "405", "408", "409", "413", "415", "422", "429",
            "500"
        ]
    );
    let not_found = &responses["404"];
    assert_eq!(
        not_found["description"],
        "Not Found: `not_found`, `route_not_found`"
    );
    let media = &not_found["content"]["application/json"];
    assert_eq!(
        media["examples"]["NotFound"]["value"],
        json!({ "error": { "code": "not_found", "message": "<resource> not found", "resource": "<resource>", "id": "<id>" } })
    );
    assert_eq!(
        responses["429"]["headers"]["Retry-After"]["schema"]["type"],
        "integer"
    );

    // The route answers with a body of the documented shape.
    let response = client
        .get(format!("{base}/clients/cli_xxxxx"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 404);
    let body: Value = response.json().await.unwrap();
    // Two codes answer 404: the body is one of their schemas, inline.
    let one_of = media["schema"]["properties"]["error"]["oneOf"]
        .as_array()
        .unwrap();
    let codes: Vec<&Value> = one_of
        .iter()
        .map(|schema| &schema["properties"]["code"]["enum"][0])
        .collect();
    assert_eq!(codes, [&json!("not_found"), &json!("route_not_found")]);
    let schema = &one_of[0];
    let required = schema["required"].as_array().unwrap();
    for member in required {
        assert!(
            body["error"].get(member.as_str().unwrap()).is_some(),
            "{member}"
        );
    }
    assert_eq!(
        schema["properties"]["code"]["enum"],
        json!([body["error"]["code"]])
    );

    server.abort();
}

/// Puts `body` into the document as a named example of the response `status`
/// of `GET path`, so that the validator checks it against that schema.
fn add_example(doc: &mut Value, path: &str, status: u16, name: &str, body: Value) {
    let content = doc["paths"][path]["get"]["responses"][status.to_string()]["content"]
        .as_object_mut()
        .unwrap_or_else(|| panic!("{path} documents no {status} body"));
    assert_eq!(content.len(), 1, "{path} {status}");
    let media = content.values_mut().next().unwrap();
    media["examples"][name] = json!({ "value": body });
}

/// utoipa's document of the app passes the independent validator with the
/// bodies the app and the error type really send as examples: each is
/// checked against the schema of its response.
#[tokio::test]
async fn real_bodies_fit_the_documented_schemas() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let server = tokio::spawn(async move { axum::serve(listener, app()).await });
    let client = reqwest::Client::new();
    let mut doc: Value = client
        .get(format!("{base}/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    // The success responses need an example too: the validator asks every
    // response for one.
    for path in ["/clients/{id}", "/invoices/{id}"] {
        add_example(&mut doc, path, 200, "ok", json!("the resource"));
    }
    let mut added = 2;
    for (path, id) in [("/clients/{id}", "cli_xxxxx"), ("/invoices/{id}", "45")] {
        let url = format!("{base}{}", path.replace("{id}", id));
        let response = client.get(url).send().await.unwrap();
        let status = response.status().as_u16();
        let body: Value = response.json().await.unwrap();
        add_example(&mut doc, path, status, "served", body);
        added += 1;
    }
    server.abort();

    let errors = [
        BillingError::BadParameter(
            Some("amount".into()),
            Some(-1.5),
            vec!["a".into(), "\"quoted\"".into()],
            json!({ "nested": [1, null, "x"] }),
        ),
        BillingError::BadParameter(None, None, Vec::new(), Value::Null),
        BillingError::Maintenance { wait: 30 },
    ];
    for (index, err) in errors.iter().enumerate() {
        let response = ErrorContext::new().response(err);
        let body: Value = serde_json::from_slice(response.body()).unwrap();
        let name = format!("rendered_{index}");
        add_example(
            &mut doc,
            "/invoices/{id}",
            err.status().as_u16(),
            &name,
            body,
        );
        added += 1;
    }
    let lines = crate::openapi::validate(&[("utoipa", doc)]);
    let examples: usize = lines[0]
        .split(", ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{}", lines[0]));
    assert!(examples >= added, "{}", lines[0]);
}
