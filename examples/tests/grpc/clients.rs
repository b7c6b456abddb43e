//! The clients and invoices API over gRPC, driven by a tonic client on
//! loopback: every error of its guide, with its exact code, message and rich
//! error details, read back into the typed enum.

use crate::grpc_api;
use crate::logs::logs;
use api_error::client::{decode_status, ClientError, RetryPolicy};
use api_error::{FieldErrors, Mode};
use grpc_api::errors::{ClientsError, Resource};
use grpc_api::pb::clients_client::ClientsClient;
use grpc_api::{pb, service};
use std::collections::HashMap;
use std::time::Duration;
use tonic::transport::Channel;
use tonic::{Code, Request, Status};
use tonic_types::{FieldViolation, StatusExt};

const FULL: Option<&str> = Some(service::FULL_ACCESS_KEY);
const LIMITED: Option<&str> = Some(service::LIMITED_KEY);
const DOMAIN: &str = "clients.example.com";

async fn start(config: service::Config) -> ClientsClient<Channel> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(service::serve(listener, config));
    let channel = Channel::from_shared(format!("http://{address}"))
        .unwrap()
        .connect()
        .await
        .unwrap();
    ClientsClient::new(channel)
}

/// A call with the key (if any) and extra metadata.
fn call<T>(message: T, key: Option<&str>, metadata: &[(&'static str, &str)]) -> Request<T> {
    let mut request = Request::new(message);
    if let Some(key) = key {
        request
            .metadata_mut()
            .insert("authorization", format!("Bearer {key}").parse().unwrap());
    }
    for (name, value) in metadata {
        request.metadata_mut().insert(*name, value.parse().unwrap());
    }
    request
}

fn create(email: &str, rate: Option<i64>) -> pb::CreateClientRequest {
    pb::CreateClientRequest {
        email: email.to_owned(),
        name: "Ada".to_owned(),
        rate,
    }
}

/// What a status carries, in a form one `assert_eq!` compares.
#[derive(Debug, PartialEq)]
struct Seen {
    code: Code,
    message: String,
    reason: String,
    domain: String,
    metadata: Vec<(String, String)>,
    violations: Vec<(String, String)>,
    retry_delay: Option<Duration>,
}

fn seen(status: &Status) -> Seen {
    let details = status.check_error_details().expect("the details decode");
    let info = details.error_info().expect("every error has an ErrorInfo");
    let mut metadata: Vec<(String, String)> = info
        .metadata
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    metadata.sort();
    Seen {
        code: status.code(),
        message: status.message().to_owned(),
        reason: info.reason.clone(),
        domain: info.domain.clone(),
        metadata,
        violations: details
            .bad_request()
            .map(|bad| {
                bad.field_violations
                    .iter()
                    .map(|v| (v.field.clone(), v.description.clone()))
                    .collect()
            })
            .unwrap_or_default(),
        retry_delay: details.retry_info().and_then(|r| r.retry_delay),
    }
}

fn expected(
    code: Code,
    message: &str,
    reason: &str,
    metadata: &[(&str, &str)],
    violations: &[(&str, &str)],
) -> Seen {
    let pairs = |list: &[(&str, &str)]| {
        list.iter()
            .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
            .collect::<Vec<_>>()
    };
    Seen {
        code,
        message: message.to_owned(),
        reason: reason.to_owned(),
        domain: DOMAIN.to_owned(),
        metadata: pairs(metadata),
        violations: pairs(violations),
        retry_delay: None,
    }
}

/// The request id of a failed call: the same in `RequestInfo` and in the
/// `x-request-id` response metadata.
fn request_id(status: &Status) -> String {
    let header = status
        .metadata()
        .get("x-request-id")
        .expect("x-request-id on every error")
        .to_str()
        .unwrap()
        .to_owned();
    let details = status.get_error_details();
    assert_eq!(details.request_info().unwrap().request_id, header);
    header
}

fn api(status: &Status) -> ClientsError {
    match decode_status::<ClientsError>(status) {
        ClientError::Api(error, _) => error,
        other => panic!("{other:?} from {status:?}"),
    }
}

#[tokio::test]
async fn unauthorized_and_forbidden() {
    let mut client = start(service::Config::default()).await;
    let status = client
        .get_client(call(pb::GetClientRequest { id: "cli_1".into() }, None, &[]))
        .await
        .unwrap_err();
    assert_eq!(
        seen(&status),
        expected(
            Code::Unauthenticated,
            "Invalid API key provided",
            "UNAUTHORIZED",
            &[],
            &[]
        )
    );
    assert!(request_id(&status).starts_with("req_"));
    assert!(matches!(api(&status), ClientsError::Unauthorized));
    let wrong = client
        .get_client(call(
            pb::GetClientRequest { id: "cli_1".into() },
            Some("sk_wrong"),
            &[],
        ))
        .await
        .unwrap_err();
    assert_eq!(wrong.code(), Code::Unauthenticated);

    let created = client
        .create_client(call(create("ada@example.com", None), FULL, &[]))
        .await
        .unwrap()
        .into_inner();
    let status = client
        .get_client(call(
            pb::GetClientRequest {
                id: created.id.clone(),
            },
            LIMITED,
            &[],
        ))
        .await
        .unwrap_err();
    assert_eq!(
        seen(&status),
        expected(
            Code::PermissionDenied,
            "You do not have access to this client",
            "FORBIDDEN",
            &[],
            &[]
        )
    );
    // `resource` comes back from the message it was printed in.
    assert!(matches!(
        api(&status),
        ClientsError::Forbidden { resource } if resource == "client"
    ));
}

#[tokio::test]
async fn accept_language_adds_a_localized_message_beside_the_source_message() {
    let mut client = start(service::Config::default()).await;
    let get = |id: &str| pb::GetClientRequest { id: id.into() };
    for (accept, localized) in [
        (Some("fr-CA, en;q=0.5"), Some(("fr", "Client introuvable"))),
        (Some("de, en;q=0.1"), Some(("en", "Client not found"))),
        (Some("de"), None),
        (None, None),
    ] {
        let metadata: Vec<(&'static str, &str)> =
            accept.map(|a| ("accept-language", a)).into_iter().collect();
        let status = client
            .get_client(call(get("cli_404"), FULL, &metadata))
            .await
            .unwrap_err();
        // The status itself, and the variant a client decodes, never
        // change with the locale.
        assert_eq!(status.message(), "Client not found", "{accept:?}");
        assert_eq!(
            seen(&status),
            expected(
                Code::NotFound,
                "Client not found",
                "NOT_FOUND",
                &[("id", "cli_404"), ("resource", "client")],
                &[]
            )
        );
        assert!(matches!(
            api(&status),
            ClientsError::NotFound { resource: Resource::Client, id } if id == "cli_404"
        ));
        let detail = status.get_details_localized_message();
        assert_eq!(
            detail
                .as_ref()
                .map(|d| (d.locale.as_str(), d.message.as_str())),
            localized,
            "{accept:?}"
        );
    }
    // Fields reach the translation as Fluent arguments.
    let status = client
        .create_client(call(create("", None), FULL, &[("accept-language", "fr")]))
        .await
        .unwrap_err();
    assert_eq!(status.message(), "Email is required");
    let detail = status.get_details_localized_message().unwrap();
    assert_eq!(
        (detail.locale.as_str(), detail.message.as_str()),
        ("fr", "Email est obligatoire")
    );

    // Each field violation keeps its description in the source language
    // and carries its rule's translation in a localized message of its own.
    let violations = invalid_email_and_rate(&mut client, "fr").await;
    let seen: Vec<_> = violations
        .iter()
        .map(|violation| {
            let localized = violation.localized_message.as_ref().unwrap();
            (
                violation.field.as_str(),
                violation.description.as_str(),
                localized.locale.as_str(),
                localized.message.as_str(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            (
                "email",
                "Invalid email format",
                "fr",
                "Format d'adresse e-mail invalide"
            ),
            (
                "rate",
                "Must be positive",
                "fr",
                "Doit être supérieur ou égal à 1"
            ),
        ]
    );
    // Without a locale of the catalogs, no violation has one.
    let violations = invalid_email_and_rate(&mut client, "de").await;
    assert!(violations.iter().all(|v| v.localized_message.is_none()));
}

/// The field violations of a client with an invalid email and rate, asked
/// for in `locale`.
async fn invalid_email_and_rate(
    client: &mut ClientsClient<Channel>,
    locale: &str,
) -> Vec<FieldViolation> {
    let status = client
        .create_client(call(
            create("not-an-email", Some(-1)),
            FULL,
            &[("accept-language", locale)],
        ))
        .await
        .unwrap_err();
    status.get_details_bad_request().unwrap().field_violations
}

#[tokio::test]
async fn not_found_names_the_resource_in_error_info() {
    let mut client = start(service::Config::default()).await;
    let status = client
        .get_client(call(
            pb::GetClientRequest {
                id: "cli_99999".into(),
            },
            FULL,
            &[],
        ))
        .await
        .unwrap_err();
    assert_eq!(
        seen(&status),
        expected(
            Code::NotFound,
            "Client not found",
            "NOT_FOUND",
            &[("id", "cli_99999"), ("resource", "client")],
            &[]
        )
    );
    match api(&status) {
        ClientsError::NotFound { resource, id } => {
            assert_eq!(resource, Resource::Client);
            assert_eq!(id, "cli_99999");
        }
        other => panic!("{other:?}"),
    }
    let status = client
        .send_invoice(call(
            pb::SendInvoiceRequest {
                id: "inv_404".into(),
            },
            FULL,
            &[],
        ))
        .await
        .unwrap_err();
    assert_eq!(status.message(), "Invoice not found");
    assert!(matches!(
        api(&status),
        ClientsError::NotFound { resource: Resource::Invoice, id } if id == "inv_404"
    ));
}

#[tokio::test]
async fn invalid_requests_are_bad_request_violations() {
    let mut client = start(service::Config::default()).await;

    let status = client
        .create_client(call(create("", None), FULL, &[]))
        .await
        .unwrap_err();
    assert_eq!(
        seen(&status),
        expected(
            Code::InvalidArgument,
            "Email is required",
            "INVALID_REQUEST",
            &[],
            &[("email", "Email is required")]
        )
    );
    match api(&status) {
        ClientsError::MissingField { field, label } => {
            assert_eq!((field.as_str(), label.as_str()), ("email", "Email"));
        }
        other => panic!("{other:?}"),
    }

    let status = client
        .create_client(call(create("ada@example.com", Some(-5)), FULL, &[]))
        .await
        .unwrap_err();
    assert_eq!(
        seen(&status),
        expected(
            Code::InvalidArgument,
            "Rate must be a positive number",
            "INVALID_PARAMETER",
            &[("value", "-5")],
            &[("rate", "Rate must be a positive number")]
        )
    );
    assert!(matches!(
        api(&status),
        ClientsError::InvalidRate { value: -5 }
    ));

    let status = client
        .create_client(call(create("not-an-email", Some(-1)), FULL, &[]))
        .await
        .unwrap_err();
    assert_eq!(
        seen(&status),
        expected(
            Code::InvalidArgument,
            "Request validation failed",
            "VALIDATION_ERROR",
            &[],
            &[
                ("email", "Invalid email format"),
                ("rate", "Must be positive")
            ]
        )
    );
    match api(&status) {
        ClientsError::Validation(errors) => assert_eq!(
            errors,
            FieldErrors::new()
                .with("email", "Invalid email format")
                .with("rate", "Must be positive")
        ),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn duplicate_is_already_exists_with_the_existing_id() {
    let mut client = start(service::Config::default()).await;
    let first = client
        .create_client(call(create("ada@example.com", Some(120)), FULL, &[]))
        .await
        .unwrap()
        .into_inner();
    let status = client
        .create_client(call(create("ada@example.com", None), FULL, &[]))
        .await
        .unwrap_err();
    assert_eq!(
        seen(&status),
        expected(
            Code::AlreadyExists,
            "A client with this email already exists",
            "DUPLICATE",
            &[("existing_id", first.id.as_str())],
            &[("email", "A client with this email already exists")]
        )
    );
    assert!(matches!(
        api(&status),
        ClientsError::Duplicate { existing_id } if existing_id == first.id
    ));
}

#[tokio::test]
async fn conflict_is_failed_precondition_and_debug_info_needs_test_mode_and_asking() {
    for mode in [Mode::Test, Mode::Production] {
        let mut client = start(service::Config {
            mode,
            ..service::Config::default()
        })
        .await;
        let created = client
            .create_client(call(create("ada@example.com", None), FULL, &[]))
            .await
            .unwrap()
            .into_inner();
        let invoice = client
            .create_invoice(call(
                pb::CreateInvoiceRequest {
                    client_id: created.id,
                    amount: 100,
                },
                FULL,
                &[],
            ))
            .await
            .unwrap()
            .into_inner();
        let send = || {
            call(
                pb::SendInvoiceRequest {
                    id: invoice.id.clone(),
                },
                FULL,
                &[],
            )
        };
        assert!(client.send_invoice(send()).await.unwrap().into_inner().sent);
        let status = client.send_invoice(send()).await.unwrap_err();
        assert_eq!(
            seen(&status),
            expected(
                Code::FailedPrecondition,
                "Invoice has already been sent",
                "CONFLICT",
                &[],
                &[]
            )
        );
        assert!(status.get_details_debug_info().is_none());
        // The invoice id is a debug member: without the debug block the
        // variant cannot be rebuilt, and the status stays whole.
        assert!(matches!(
            decode_status::<ClientsError>(&status),
            ClientError::Unknown(body) if body.code.as_deref() == Some("conflict") && body.status == 409
        ));

        let asking = call(
            pb::SendInvoiceRequest {
                id: invoice.id.clone(),
            },
            FULL,
            &[("x-debug", "true")],
        );
        let status = client.send_invoice(asking).await.unwrap_err();
        match mode {
            Mode::Test => {
                let debug = status.get_details_debug_info().unwrap();
                assert_eq!(
                    debug.detail,
                    format!(r#"{{"invoice_id":"{}"}}"#, invoice.id)
                );
                assert!(debug.stack_entries.is_empty());
                assert!(matches!(
                    api(&status),
                    ClientsError::InvoiceAlreadySent { invoice_id } if invoice_id == invoice.id
                ));
            }
            Mode::Production => assert!(status.get_details_debug_info().is_none()),
        }
    }
}

#[tokio::test]
async fn rate_not_positive_shares_invalid_request_and_shows_its_debug_members() {
    let mut client = start(service::Config::default()).await;
    let created = client
        .create_client(call(create("ada@example.com", None), FULL, &[]))
        .await
        .unwrap()
        .into_inner();
    let update = |metadata: &[(&'static str, &str)]| {
        call(
            pb::UpdateClientRequest {
                id: created.id.clone(),
                rate: 0,
            },
            FULL,
            metadata,
        )
    };
    let status = client.update_client(update(&[])).await.unwrap_err();
    assert_eq!(
        seen(&status),
        expected(
            Code::InvalidArgument,
            "Rate must be positive",
            "INVALID_REQUEST",
            &[],
            &[]
        )
    );
    let status = client
        .update_client(update(&[("x-debug", "1")]))
        .await
        .unwrap_err();
    assert_eq!(
        status.get_details_debug_info().unwrap().detail,
        r#"{"received_value":0,"expected_type":"positive_integer"}"#
    );
    match api(&status) {
        ClientsError::RateNotPositive {
            received_value,
            expected_type,
        } => assert_eq!(
            (received_value, expected_type.as_str()),
            (0, "positive_integer")
        ),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn rate_limit_is_resource_exhausted_with_retry_info() {
    let mut client = start(service::Config {
        rate_limit: 1,
        ..service::Config::default()
    })
    .await;
    let get = || call(pb::GetClientRequest { id: "cli_9".into() }, FULL, &[]);
    assert_eq!(
        client.get_client(get()).await.unwrap_err().code(),
        Code::NotFound
    );
    let status = client.get_client(get()).await.unwrap_err();
    let mut want = expected(
        Code::ResourceExhausted,
        "Rate limit exceeded. Retry after 30 seconds.",
        "RATE_LIMIT_EXCEEDED",
        &[],
        &[],
    );
    want.retry_delay = Some(Duration::from_secs(30));
    assert_eq!(seen(&status), want);
    assert!(matches!(
        api(&status),
        ClientsError::RateLimited { secs: 30 }
    ));
    let policy = RetryPolicy::default();
    assert_eq!(
        policy.status_delay(&status, 0),
        Some(Duration::from_secs(30))
    );
    assert_eq!(policy.status_delay(&status, 3), None);
}

#[tokio::test]
async fn internal_error_is_masked_logged_with_its_chain_and_debugged_on_request() {
    let logs = logs();
    let mut client = start(service::Config {
        export_dir: "/nonexistent/exports".into(),
        ..service::Config::default()
    })
    .await;
    let status = client
        .export(call(pb::ExportRequest {}, FULL, &[]))
        .await
        .unwrap_err();
    assert_eq!(
        seen(&status),
        expected(
            Code::Internal,
            "An unexpected error occurred",
            "INTERNAL_ERROR",
            &[],
            &[]
        )
    );
    assert!(status.get_details_debug_info().is_none());
    assert!(!format!("{status:?}").contains("nonexistent"));
    let id = request_id(&status);

    let logged = String::from_utf8(logs.lock().unwrap().clone()).unwrap();
    let line = logged
        .lines()
        .find(|line| line.contains(&id))
        .unwrap_or_else(|| panic!("no log line with {id} in:\n{logged}"));
    assert!(line.contains("ERROR"), "{line}");
    assert!(line.contains("code=\"internal_error\""), "{line}");
    assert!(
        line.contains("exporting 0 clients to /nonexistent/exports/clients.json"),
        "{line}"
    );
    assert!(line.contains("No such file or directory"), "{line}");

    // A source cannot be rebuilt: the client keeps the whole status.
    match decode_status::<ClientsError>(&status) {
        ClientError::Unknown(body) => {
            assert_eq!(body.status, 500);
            assert_eq!(body.code.as_deref(), Some("internal_error"));
            assert_eq!(body.message, "An unexpected error occurred");
            assert_eq!(body.request_id.as_deref(), Some(id.as_str()));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        RetryPolicy::default().status_delay(&status, 1),
        Some(Duration::from_secs(2))
    );

    let status = client
        .export(call(pb::ExportRequest {}, FULL, &[("x-debug", "true")]))
        .await
        .unwrap_err();
    let debug = status.get_details_debug_info().unwrap();
    assert_eq!(
        debug.stack_entries,
        [
            "exporting 0 clients to /nonexistent/exports/clients.json",
            "No such file or directory (os error 2)"
        ]
    );
    let block: serde_json::Value = serde_json::from_str(&debug.detail).unwrap();
    assert_eq!(
        block,
        serde_json::json!({ "source_chain": debug.stack_entries })
    );
}

#[tokio::test]
async fn request_ids_are_kept_when_valid_and_replaced_otherwise() {
    let mut client = start(service::Config::default()).await;
    let get = |id: &'static str| {
        call(
            pb::GetClientRequest { id: "cli_1".into() },
            FULL,
            &[("x-request-id", id)],
        )
    };
    let status = client.get_client(get("req_client_7")).await.unwrap_err();
    assert_eq!(request_id(&status), "req_client_7");
    let status = client.get_client(get("bad id!")).await.unwrap_err();
    let replaced = request_id(&status);
    assert!(
        replaced.starts_with("req_") && replaced != "bad id!",
        "{replaced}"
    );

    // Successful calls carry the id too.
    let response = client
        .create_client(call(
            create("ada@example.com", None),
            FULL,
            &[("x-request-id", "req_ok")],
        ))
        .await
        .unwrap();
    assert_eq!(response.metadata().get("x-request-id").unwrap(), "req_ok");

    // Every call gets its own id.
    let ids: HashMap<String, ()> = {
        let mut ids = HashMap::new();
        for _ in 0..5 {
            let status = client
                .get_client(call(pb::GetClientRequest { id: "x".into() }, FULL, &[]))
                .await
                .unwrap_err();
            ids.insert(request_id(&status), ());
        }
        ids
    };
    assert_eq!(ids.len(), 5);
}
