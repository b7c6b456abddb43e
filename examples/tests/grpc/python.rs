//! The gRPC example server read by a client no one here wrote: Python's
//! grpcio with grpcio-status (tests/python/grpc_client.py, stubs generated
//! by grpcio-tools), decoding every error's rich details. The packages are
//! pinned in tests/python/requirements.txt and installed into a virtualenv of
//! the test's own the first time it runs.

use crate::grpc_api;
use grpc_api::service;
use serde_json::{json, Value};
use std::process::Command;

async fn start(config: service::Config) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap().to_string();
    tokio::spawn(service::serve(listener, config));
    address
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn grpcio_status_reads_every_error_of_the_clients_api() {
    let address = start(service::Config::default()).await;
    let limited = start(service::Config {
        rate_limit: 1,
        ..service::Config::default()
    })
    .await;
    let failing = start(service::Config {
        export_dir: "/nonexistent/exports".into(),
        ..service::Config::default()
    })
    .await;
    let root = env!("CARGO_MANIFEST_DIR");
    let output = tokio::task::spawn_blocking(move || {
        let python = crate::tools::python();
        Command::new(&python)
            .arg(format!("{root}/tests/python/grpc_client.py"))
            .arg(format!("{root}/grpc_server"))
            .args([&address, &limited, &failing])
            .output()
            .unwrap_or_else(|err| panic!("{} could not start: {err}", python.display()))
    })
    .await
    .unwrap();
    assert!(
        output.status.success(),
        "the Python client failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut report: Value = serde_json::from_slice(&output.stdout).unwrap();

    // Request ids are generated: each is the same in RequestInfo and in the
    // x-request-id metadata, then set aside for the comparison.
    for (case, seen) in report.as_object_mut().unwrap() {
        let header = seen["request_id"].take();
        let detail = seen["details"]["request_info"].take();
        assert_eq!(header, detail, "{case}");
        let id = header.as_str().unwrap_or_default();
        if case == "not_found" {
            assert_eq!(id, "req_python_1");
        } else {
            assert!(id.starts_with("req_"), "{case}: {id}");
        }
        let details = seen["details"].as_object_mut().unwrap();
        details.remove("request_info");
        seen.as_object_mut().unwrap().remove("request_id");
    }

    let info = |reason: &str, metadata: Value| json!({ "reason": reason, "domain": "clients.example.com", "metadata": metadata });
    let expected = json!({
        "unauthorized": {
            "code": "UNAUTHENTICATED",
            "message": "Invalid API key provided",
            "details": { "error_info": info("UNAUTHORIZED", json!({})) },
        },
        "forbidden": {
            "code": "PERMISSION_DENIED",
            "message": "You do not have access to this client",
            "details": { "error_info": info("FORBIDDEN", json!({})) },
        },
        "not_found": {
            "code": "NOT_FOUND",
            "message": "Client not found",
            "details": { "error_info": info("NOT_FOUND", json!({ "resource": "client", "id": "cli_404" })) },
        },
        "invalid_request": {
            "code": "INVALID_ARGUMENT",
            "message": "Email is required",
            "details": {
                "error_info": info("INVALID_REQUEST", json!({})),
                "bad_request": [["email", "Email is required", ""]],
            },
        },
        // The status stays in the source language; LocalizedMessage carries
        // the negotiated locale's text.
        "not_found_in_french": {
            "code": "NOT_FOUND",
            "message": "Client not found",
            "details": {
                "error_info": info("NOT_FOUND", json!({ "resource": "client", "id": "cli_404" })),
                "localized_message": ["fr", "Client introuvable"],
            },
        },
        "invalid_request_in_french": {
            "code": "INVALID_ARGUMENT",
            "message": "Email is required",
            "details": {
                "error_info": info("INVALID_REQUEST", json!({})),
                "bad_request": [["email", "Email is required", ""]],
                "localized_message": ["fr", "Email est obligatoire"],
            },
        },
        "invalid_parameter": {
            "code": "INVALID_ARGUMENT",
            "message": "Rate must be a positive number",
            "details": {
                "error_info": info("INVALID_PARAMETER", json!({ "value": "-5" })),
                "bad_request": [["rate", "Rate must be a positive number", ""]],
            },
        },
        "validation_error": {
            "code": "INVALID_ARGUMENT",
            "message": "Request validation failed",
            "details": {
                "error_info": info("VALIDATION_ERROR", json!({})),
                "bad_request": [
                    ["email", "Invalid email format", ""],
                    ["rate", "Must be positive", ""],
                ],
            },
        },
        "duplicate": {
            "code": "ALREADY_EXISTS",
            "message": "A client with this email already exists",
            "details": {
                "error_info": info("DUPLICATE", json!({ "existing_id": "cli_00001" })),
                "bad_request": [["email", "A client with this email already exists", ""]],
            },
        },
        "conflict": {
            "code": "FAILED_PRECONDITION",
            "message": "Invoice has already been sent",
            "details": {
                "error_info": info("CONFLICT", json!({})),
                "debug_info": { "stack_entries": [], "detail": r#"{"invoice_id":"inv_00001"}"# },
            },
        },
        "rate_limit_exceeded": {
            "code": "RESOURCE_EXHAUSTED",
            "message": "Rate limit exceeded. Retry after 30 seconds.",
            "details": {
                "error_info": info("RATE_LIMIT_EXCEEDED", json!({})),
                "retry_info": 30.0,
            },
        },
        "internal_error": {
            "code": "INTERNAL",
            "message": "An unexpected error occurred",
            "details": { "error_info": info("INTERNAL_ERROR", json!({})) },
        },
    });
    assert_eq!(
        report,
        expected,
        "\nseen: {}",
        serde_json::to_string_pretty(&report).unwrap()
    );
}
