//! The clients example on aide's `ApiRouter`: the `/openapi.json` it
//! serves documents each operation's errors as its handler's signature
//! says, checked against every handler, and every answer of the running
//! server fits its document.

use crate::clients::{AuthError, ClientsError};
use crate::clients_api::app::{self, Caller, Config, Page};
use crate::endpoint_errors::add_example;
use api_error::axum::{ApiErrorLayer, Query};
use api_error::catalog::{self, Catalog, ErrorSet, Handler};
use serde_json::Value;
use std::path::PathBuf;

/// Serves the clients API with `config` on 127.0.0.1: its base URL.
async fn serve(config: Config) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app::app(config)).await });
    base
}

/// The document the server at `base` serves.
async fn document(base: &str) -> Value {
    let response = reqwest::get(format!("{base}/openapi.json")).await.unwrap();
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

/// What a handler answers, read from its signature, with the layer's
/// errors, as the layer maps request errors.
fn answers<Args, H>(handler: &H) -> ErrorSet
where
    H: Handler<Args>,
    H::Error: Catalog,
{
    ErrorSet::of_handler(handler, ClientsError::from)
        .with_request_errors_as::<ApiErrorLayer, ClientsError>(ClientsError::from)
}

/// Every operation of the API, with what its handler answers.
fn operations() -> Vec<(&'static str, &'static str, ErrorSet)> {
    // `GET /v1/clients` cannot fail but for its extractors and the layer.
    let list = ErrorSet::of::<AuthError>()
        .with_request_errors_as::<(Caller, Query<Page>, ApiErrorLayer), ClientsError>(
            ClientsError::from,
        );
    vec![
        ("post", "/v1/clients", answers(&app::create_client)),
        ("get", "/v1/clients", list),
        ("get", "/v1/clients/{id}", answers(&app::get_client)),
        ("patch", "/v1/clients/{id}", answers(&app::update_client)),
        ("post", "/v1/invoices", answers(&app::create_invoice)),
        ("get", "/v1/invoices/{id}", answers(&app::get_invoice)),
        (
            "post",
            "/v1/invoices/{id}/send",
            answers(&app::send_invoice),
        ),
        ("post", "/v1/exports", answers(&app::export)),
    ]
}

/// The statuses `method path` documents, and the codes of `status`.
fn statuses(doc: &Value, method: &str, path: &str) -> Vec<String> {
    doc["paths"][path][method]["responses"]
        .as_object()
        .unwrap_or_else(|| panic!("{method} {path} is not documented"))
        .keys()
        .cloned()
        .collect()
}

#[tokio::test]
async fn the_served_document_lists_what_each_handler_answers() {
    let base = serve(Config::default()).await;
    let doc = document(&base).await;

    assert_eq!(
        catalog::check_document(&doc, operations()),
        Vec::<String>::new()
    );

    // Each operation lists its own errors and no other's.
    let common = ["401", "404", "405", "408", "429", "500"];
    let expected: [(&str, &str, &[&str]); 8] = [
        (
            "post",
            "/v1/clients",
            &["201", "400", "409", "413", "415", "422"],
        ),
        ("get", "/v1/clients", &["200", "400"]),
        ("get", "/v1/clients/{id}", &["200", "400", "403"]),
        (
            "patch",
            "/v1/clients/{id}",
            &["200", "400", "403", "413", "415", "422"],
        ),
        (
            "post",
            "/v1/invoices",
            &["201", "400", "403", "413", "415", "422"],
        ),
        ("get", "/v1/invoices/{id}", &["200", "400", "403"]),
        (
            "post",
            "/v1/invoices/{id}/send",
            &["200", "400", "403", "409"],
        ),
        ("post", "/v1/exports", &["201"]),
    ];
    for (method, path, own) in expected {
        let mut want: Vec<&str> = own.iter().chain(&common).copied().collect();
        want.sort_unstable();
        assert_eq!(statuses(&doc, method, path), want, "{method} {path}");
    }
    let send = &doc["paths"]["/v1/invoices/{id}/send"]["post"]["responses"];
    assert_eq!(send["409"]["description"], "Conflict: `conflict`");
    let create = &doc["paths"]["/v1/clients"]["post"]["responses"];
    assert_eq!(create["409"]["description"], "Conflict: `duplicate`");
    assert_eq!(
        create["422"]["description"],
        "Unprocessable Entity: `invalid_request`, `invalid_parameter`, `validation_error`"
    );

    // A route the list leaves out, or a handler given for the wrong route,
    // is caught.
    let mut wrong = operations();
    wrong.retain(|(_, path, _)| *path != "/v1/exports");
    wrong[0].2 = answers(&app::get_client);
    let problems = catalog::check_document(&doc, wrong);
    assert!(
        problems.contains(
            &"POST /v1/exports: in the document, but no handler is given for it".to_owned()
        ),
        "{problems:#?}"
    );
    assert!(
        problems.contains(
            &"POST /v1/clients: documents 409, which none of its errors answers".to_owned()
        ),
        "{problems:#?}"
    );
    assert!(
        problems.contains(&"POST /v1/clients: answers 403 `forbidden` (Forbidden), which the document does not list".to_owned()),
        "{problems:#?}"
    );
}

/// A request to the API: its method, the documented path it belongs to
/// (with the method of the operation first, when that is another), its URL
/// path, its API key, its body, and the code of its answer (none for a
/// success).
type Request = (
    &'static str,
    &'static str,
    String,
    Option<&'static str>,
    Option<(&'static str, String)>,
    &'static str,
);

/// Sends `requests` in order to the server at `base`, and puts each answer
/// into `doc` as an example of the response its operation documents for
/// its status; a status the operation does not document fails the test.
async fn send_all(base: &str, doc: &mut Value, name: &str, requests: Vec<Request>) {
    let client = reqwest::Client::new();
    for (index, (method, documented, url, key, body, code)) in requests.into_iter().enumerate() {
        let method_name = method.to_ascii_uppercase();
        let method_value = reqwest::Method::from_bytes(method_name.as_bytes()).unwrap();
        let mut request = client.request(method_value, format!("{base}{url}"));
        if let Some(key) = key {
            request = request.bearer_auth(key);
        }
        if let Some((content_type, body)) = body {
            request = request.header("content-type", content_type).body(body);
        }
        let (method, documented) = documented.split_once(' ').unwrap_or((method, documented));
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        let answer: Value = response.json().await.unwrap();
        if code.is_empty() {
            assert!(status < 300, "{method_name} {url}: {status} {answer}");
        } else {
            assert_eq!(
                answer["error"]["code"], code,
                "{method_name} {url}: {status} {answer}"
            );
        }
        add_example(
            doc,
            method,
            documented,
            status,
            &format!("{name}_{index}"),
            answer,
        );
    }
}

#[tokio::test]
async fn every_answer_of_the_running_server_fits_its_document() {
    let json = "application/json";
    let body = |text: &str| Some((json, text.to_owned()));
    let full = Some(app::FULL_ACCESS_KEY);
    let limited = Some(app::LIMITED_KEY);
    // Exports go where no file can be written.
    let base = serve(Config {
        export_dir: PathBuf::from("/dev/null/exports"),
        ..Config::default()
    })
    .await;
    let mut doc = document(&base).await;
    let clients = "/v1/clients";
    let client = "/v1/clients/{id}";
    let invoice = "/v1/invoices/{id}";
    let send = "/v1/invoices/{id}/send";
    let url = str::to_owned;
    #[rustfmt::skip]
    let requests: Vec<Request> = vec![
        ("get", clients, url(clients), None, None, "unauthorized"),
        ("get", clients, url(clients), Some("sk_nope"), None, "unauthorized"),
        ("post", clients, url(clients), full, body(r#"{"name":"Ada","email":"ada@example.com"}"#), ""),
        ("get", clients, url("/v1/clients?limit=2"), full, None, ""),
        ("post", clients, url(clients), full, body(r#"{"name":"Ada","email":"ada@example.com"}"#), "duplicate"),
        ("post", clients, url(clients), full, body(r#"{"name":"Bob","email":"bob"}"#), "validation_error"),
        ("post", clients, url(clients), full, body(r#"{"email":"bob@example.com","rate":0}"#), "invalid_parameter"),
        ("post", clients, url(clients), full, body(r#"{"name":"Bob"}"#), "invalid_request"),
        ("post", clients, url(clients), full, body(r#"{"email":"#), "invalid_json"),
        ("post", clients, url(clients), full, body(&" ".repeat(2 << 20)), "payload_too_large"),
        ("get", clients, url("/v1/clients?limit=many"), full, None, "invalid_query_parameter"),
        ("delete", "get /v1/clients", url(clients), full, None, "method_not_allowed"),
        ("get", client, url("/v1/clients/cli_00001"), full, None, ""),
        ("get", client, url("/v1/clients/cli_99999"), full, None, "not_found"),
        ("get", client, url("/v1/clients/cli_00001"), limited, None, "forbidden"),
        ("get", client, url("/v1/clients/cli_00001/notes"), full, None, "route_not_found"),
        ("patch", client, url("/v1/clients/cli_00001"), full, body(r#"{"rate":-5}"#), "invalid_request"),
        ("patch", client, url("/v1/clients/cli_00001"), full, body(r#"{"rate":"high"}"#), "invalid_parameter"),
        ("patch", client, url("/v1/clients/cli_00001"), full, body(r#"{"rate":150}"#), ""),
        ("post", "/v1/invoices", url("/v1/invoices"), full, body(r#"{"client_id":"cli_00001","amount":100}"#), ""),
        ("post", "/v1/invoices", url("/v1/invoices"), full, body(r#"{"client_id":"cli_00042","amount":100}"#), "not_found"),
        ("post", "/v1/invoices", url("/v1/invoices"), limited, body(r#"{"client_id":"cli_00001","amount":100}"#), "forbidden"),
        ("post", "/v1/invoices", url("/v1/invoices"), full, body(r#"{"client_id":"cli_00001"}"#), "invalid_request"),
        ("get", invoice, url("/v1/invoices/inv_00001"), full, None, ""),
        ("get", invoice, url("/v1/invoices/inv_00009"), full, None, "not_found"),
        ("post", send, url("/v1/invoices/inv_00001/send"), full, None, ""),
        ("post", send, url("/v1/invoices/inv_00001/send"), full, None, "conflict"),
        ("post", send, url("/v1/invoices/inv_00001/send"), limited, None, "forbidden"),
        ("post", "/v1/exports", url("/v1/exports"), full, None, "internal_error"),
    ];
    send_all(&base, &mut doc, "served", requests).await;

    // A key over its limit, a body that does not say it is JSON, and an
    // export that works.
    let limited_base = serve(Config {
        rate_limit: 0,
        ..Config::default()
    })
    .await;
    let exports = std::env::temp_dir().join(format!("clients-router-{}", std::process::id()));
    std::fs::create_dir_all(&exports).unwrap();
    let strict_base = serve(Config {
        require_json_content_type: true,
        export_dir: exports.clone(),
        ..Config::default()
    })
    .await;
    #[rustfmt::skip]
    send_all(&limited_base, &mut doc, "limited", vec![
        ("get", clients, url(clients), full, None, "rate_limit_exceeded"),
        ("post", "/v1/exports", url("/v1/exports"), full, None, "rate_limit_exceeded"),
    ]).await;
    #[rustfmt::skip]
    send_all(&strict_base, &mut doc, "strict", vec![
        ("post", clients, url(clients), full, Some(("text/plain", r#"{"email":"c@example.com"}"#.to_owned())), "unsupported_media_type"),
        ("post", "/v1/exports", url("/v1/exports"), full, None, ""),
    ]).await;

    let _ = std::fs::remove_dir_all(&exports);

    let lines = crate::openapi::validate(&[("clients-aide", doc)]);
    assert!(lines[0].contains("valid OpenAPI 3.1.0"), "{}", lines[0]);
}
