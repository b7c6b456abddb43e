//! The guides' retry loop against both example servers over HTTP:
//! `send_with_retry` with reqwest, and `retry` with a hyper client and a
//! sleep that records every wait. Short delays; every attempt counted.

use crate::{clients_api, customers_api};
use api_error::client::{retry, send_with_retry, ClientError, Reader, RetryAdvice, RetryPolicy};
use api_error::http;
use bytes::Bytes;
use clients_api::errors::ClientsError;
use customers_api::errors::CustomersError;
use http_body_util::{BodyExt, Empty};
use serde_json::{json, Value};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The clients API on 127.0.0.1: its address, e.g. `127.0.0.1:4321`.
async fn clients_server(config: clients_api::app::Config) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap().to_string();
    tokio::spawn(async move {
        axum::serve(listener, clients_api::app::app(config))
            .await
            .unwrap()
    });
    address
}

/// A server whose requests are rate limited after `rate_limit` of them, for
/// `cooldown`; exports always fail.
fn clients_config(rate_limit: u32, cooldown: Duration) -> clients_api::app::Config {
    clients_api::app::Config {
        rate_limit,
        cooldown,
        export_dir: "/nonexistent/exports".into(),
        ..clients_api::app::Config::default()
    }
}

const KEY: &str = clients_api::app::FULL_ACCESS_KEY;

/// Quick backoff: 10 ms, 20 ms, 40 ms.
fn quick() -> RetryPolicy {
    RetryPolicy::default().base_delay(Duration::from_millis(10))
}

fn ms(ms: u64) -> Duration {
    Duration::from_millis(ms)
}

/// Counts the requests a closure builds.
#[derive(Clone, Default)]
struct Attempts(Arc<AtomicU32>);

impl Attempts {
    fn count(&self) -> u32 {
        self.0.load(Ordering::SeqCst)
    }

    fn add(&self) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

#[tokio::test]
async fn a_rate_limited_request_waits_for_retry_after_then_succeeds() {
    let base = clients_server(clients_config(1, Duration::from_secs(1))).await;
    let http = reqwest::Client::new();
    let first = http
        .get(format!("http://{base}/v1/clients/cli_1"))
        .bearer_auth(KEY)
        .send()
        .await
        .unwrap();
    assert_eq!(first.status(), 404, "the one request the key may make");

    let attempts = Attempts::default();
    let started = Instant::now();
    let created: Value = send_with_retry::<_, ClientsError, _>(&quick(), || {
        attempts.add();
        http.post(format!("http://{base}/v1/clients"))
            .bearer_auth(KEY)
            .json(&json!({"name": "Ada", "email": "ada@example.com"}))
    })
    .await
    .unwrap();
    assert_eq!(created["email"], "ada@example.com");
    assert_eq!(attempts.count(), 2, "a 429, then the answer");
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "waited as Retry-After: 1 asked"
    );
}

#[tokio::test]
async fn server_errors_back_off_and_the_last_error_comes_back() {
    let base = clients_server(clients_config(1_000, Duration::from_secs(30))).await;
    let http = reqwest::Client::new();
    let attempts = Attempts::default();
    let started = Instant::now();
    let error = send_with_retry::<Value, ClientsError, _>(&quick(), || {
        attempts.add();
        http.post(format!("http://{base}/v1/exports"))
            .bearer_auth(KEY)
    })
    .await
    .unwrap_err();
    assert_eq!(attempts.count(), 4, "the first attempt and 3 retries");
    assert!(started.elapsed() >= ms(10 + 20 + 40));
    // A 500 masks its cause, so it cannot be rebuilt as `Internal`: it comes
    // back whole, with the id to give support.
    match error {
        ClientError::Unknown(body) => {
            assert_eq!(body.status, 500);
            assert_eq!(body.code.as_deref(), Some("internal_error"));
            assert!(body.request_id.is_some_and(|id| id.starts_with("req_")));
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn other_client_errors_return_at_once() {
    let base = clients_server(clients_config(1_000, Duration::from_secs(30))).await;
    let http = reqwest::Client::new();
    let attempts = Attempts::default();
    let error = send_with_retry::<Value, ClientsError, _>(&quick(), || {
        attempts.add();
        http.get(format!("http://{base}/v1/clients/cli_1"))
            .bearer_auth("sk_test_wrong")
    })
    .await
    .unwrap_err();
    assert!(
        matches!(error, ClientError::Api(ClientsError::Unauthorized, _)),
        "{error:?}"
    );
    assert_eq!(attempts.count(), 1);

    // A success body that is not the expected type is not the network's
    // fault: no retry either.
    let created: Value = send_with_retry::<_, ClientsError, _>(&quick(), || {
        http.post(format!("http://{base}/v1/clients"))
            .bearer_auth(KEY)
            .json(&json!({"name": "Ada", "email": "ada@example.com"}))
    })
    .await
    .unwrap();
    let attempts = Attempts::default();
    let error = send_with_retry::<Vec<u8>, ClientsError, _>(&quick(), || {
        attempts.add();
        http.get(format!(
            "http://{base}/v1/clients/{}",
            created["id"].as_str().unwrap()
        ))
        .bearer_auth(KEY)
    })
    .await
    .unwrap_err();
    assert!(
        matches!(&error, ClientError::Transport(e) if e.is_decode()),
        "{error:?}"
    );
    assert_eq!(attempts.count(), 1);
}

#[tokio::test]
async fn a_wait_longer_than_the_cap_is_not_taken() {
    // Every request of this key is rate limited for an hour.
    let base = clients_server(clients_config(0, Duration::from_secs(3600))).await;
    let http = reqwest::Client::new();
    let attempts = Attempts::default();
    let started = Instant::now();
    let error = send_with_retry::<Value, ClientsError, _>(&RetryPolicy::default(), || {
        attempts.add();
        http.get(format!("http://{base}/v1/clients/cli_1"))
            .bearer_auth(KEY)
    })
    .await
    .unwrap_err();
    assert_eq!(attempts.count(), 1);
    assert!(
        matches!(
            error,
            ClientError::Api(ClientsError::RateLimited { secs: 3600 }, _)
        ),
        "{error:?}"
    );
    assert_eq!(error.retry_after(), Some(Duration::from_secs(3600)));
    // Not shortened to the cap and slept on: the caller has the error now.
    assert!(started.elapsed() < Duration::from_secs(60));

    // A cap above the ask: the wait is taken as asked.
    let patient = RetryPolicy::default().max_retry_after(Duration::from_secs(3600));
    assert_eq!(
        error.retry_delay(&patient, 0),
        Some(Duration::from_secs(3600))
    );
}

#[tokio::test]
async fn network_errors_back_off_then_come_back_typed() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = listener.local_addr().unwrap();
    drop(listener);
    let http = reqwest::Client::new();
    let attempts = Attempts::default();
    let started = Instant::now();
    let error = send_with_retry::<Value, ClientsError, _>(&quick(), || {
        attempts.add();
        http.get(format!("http://{base}/v1/clients"))
    })
    .await
    .unwrap_err();
    assert!(
        matches!(&error, ClientError::Transport(e) if e.is_connect()),
        "{error:?}"
    );
    assert_eq!(attempts.count(), 4);
    assert!(started.elapsed() >= ms(10 + 20 + 40));
}

#[tokio::test]
async fn the_flat_guides_create_customer_with_retry() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let shared = customers_api::app::Shared::new(customers_api::app::Config::default());
    tokio::spawn(customers_api::app::server(listener, shared.clone()).unwrap());
    // Down for maintenance: every request gets a 503 with Retry-After: 1.
    shared.start_maintenance(Duration::from_millis(900));

    let http = reqwest::Client::new();
    let attempts = Attempts::default();
    let started = Instant::now();
    let customer: Value = send_with_retry::<_, CustomersError, _>(&quick(), || {
        attempts.add();
        http.post(format!("{base}/api/customers"))
            .header("x-api-key", customers_api::app::LIVE_KEY)
            .json(&json!({"email": "grace@example.com", "name": "Grace"}))
    })
    .await
    .unwrap();
    assert_eq!(customer["email"], "grace@example.com");
    assert_eq!(attempts.count(), 2);
    assert!(started.elapsed() >= Duration::from_secs(1));

    // The guide's other errors are not retried.
    let attempts = Attempts::default();
    let error = send_with_retry::<Value, CustomersError, _>(&quick(), || {
        attempts.add();
        http.post(format!("{base}/api/customers"))
            .header("x-api-key", customers_api::app::LIVE_KEY)
            .json(&json!({"email": "grace@example.com"}))
    })
    .await
    .unwrap_err();
    assert!(
        matches!(error, ClientError::Api(CustomersError::DuplicateEmail, _)),
        "{error:?}"
    );
    assert_eq!(attempts.count(), 1);
}

/// What an attempt of the hyper client can end in.
#[derive(Debug)]
enum Failure {
    /// The server answered with an error.
    Response(Box<ClientError<ClientsError>>),
    /// No answer: no connection, or one cut short.
    Network(Box<dyn std::error::Error + Send + Sync>),
}

impl RetryAdvice for Failure {
    fn retry_delay(&self, policy: &RetryPolicy, attempt: u32) -> Option<Duration> {
        match self {
            Failure::Response(error) => error.retry_delay(policy, attempt),
            Failure::Network(_) => policy.network_delay(attempt),
        }
    }
}

fn network(error: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Failure {
    Failure::Network(error.into())
}

/// One request with hyper's own HTTP/1 client, the error body read through
/// the crate's bound.
async fn hyper_send(address: &str, method: &str, path: &str) -> Result<Value, Failure> {
    let stream = tokio::net::TcpStream::connect(address)
        .await
        .map_err(network)?;
    let (mut sender, connection) =
        hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream))
            .await
            .map_err(network)?;
    tokio::spawn(connection);
    let request = http::Request::builder()
        .method(method)
        .uri(path)
        .header("host", address)
        .header("authorization", format!("Bearer {KEY}"))
        .body(Empty::<Bytes>::new())
        .unwrap();
    let mut response = sender.send_request(request).await.map_err(network)?;
    let status = response.status();
    let size_hint = response
        .headers()
        .get("content-length")
        .and_then(|v| v.to_str().ok()?.parse().ok());
    let mut body = Reader::default().body(size_hint);
    while let Some(frame) = response.body_mut().frame().await {
        if let Some(data) = frame.map_err(network)?.data_ref() {
            if !body.push(data) {
                break;
            }
        }
    }
    if status.is_success() {
        return serde_json::from_slice(body.bytes()).map_err(network);
    }
    Err(Failure::Response(Box::new(
        body.decode(status, response.headers()),
    )))
}

/// A sleep that records each wait, then sleeps it on tokio's timer.
#[derive(Clone, Default)]
struct Recorder(Arc<Mutex<Vec<Duration>>>);

impl Recorder {
    fn sleep(&self) -> impl FnMut(Duration) -> tokio::time::Sleep + '_ {
        |wait| {
            self.0.lock().unwrap().push(wait);
            tokio::time::sleep(wait)
        }
    }

    fn waits(&self) -> Vec<Duration> {
        self.0.lock().unwrap().clone()
    }
}

#[tokio::test]
async fn any_client_retries_with_its_own_timer() {
    let address = clients_server(clients_config(1, Duration::from_secs(1))).await;
    hyper_send(&address, "GET", "/v1/clients/cli_1")
        .await
        .unwrap_err();

    // Rate limited: one wait of exactly what Retry-After asked.
    let recorder = Recorder::default();
    let mut tries = Vec::new();
    let result = retry(&quick(), recorder.sleep(), |attempt| {
        tries.push(attempt);
        hyper_send(&address, "GET", "/v1/clients/cli_1")
    })
    .await;
    assert!(
        matches!(
            &result,
            Err(Failure::Response(error))
                if matches!(&**error, ClientError::Api(ClientsError::NotFound { id, .. }, _) if id == "cli_1")
        ),
        "{result:?}"
    );
    assert_eq!(tries, [0, 1]);
    assert_eq!(recorder.waits(), [Duration::from_secs(1)]);

    // A failing export: the guides' 1 s, 2 s, 4 s, here 10, 20, 40 ms.
    let address = clients_server(clients_config(1_000, Duration::from_secs(30))).await;
    let recorder = Recorder::default();
    let result = retry(&quick(), recorder.sleep(), |_| {
        hyper_send(&address, "POST", "/v1/exports")
    })
    .await;
    assert!(
        matches!(&result, Err(Failure::Response(error)) if error.status() == Some(http::StatusCode::INTERNAL_SERVER_ERROR)),
        "{result:?}"
    );
    assert_eq!(recorder.waits(), [ms(10), ms(20), ms(40)]);

    // With full jitter, each backoff is anywhere up to its length.
    let recorder = Recorder::default();
    let jittered = quick().jitter(true);
    let _ = retry(&jittered, recorder.sleep(), |_| {
        hyper_send(&address, "POST", "/v1/exports")
    })
    .await;
    let waits = recorder.waits();
    assert_eq!(waits.len(), 3);
    for (wait, full) in waits.iter().zip([ms(10), ms(20), ms(40)]) {
        assert!(*wait <= full, "{waits:?}");
    }

    // No server: network errors back off the same way.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let nowhere = listener.local_addr().unwrap().to_string();
    drop(listener);
    let recorder = Recorder::default();
    let result = retry(&quick(), recorder.sleep(), |_| {
        hyper_send(&nowhere, "GET", "/v1/clients")
    })
    .await;
    assert!(
        matches!(
            &result,
            Err(Failure::Network(error)) if error
                .downcast_ref::<std::io::Error>()
                .is_some_and(|e| e.kind() == std::io::ErrorKind::ConnectionRefused)
        ),
        "{result:?}"
    );
    assert_eq!(recorder.waits(), [ms(10), ms(20), ms(40)]);
}

#[tokio::test]
async fn the_retry_loop_runs_on_a_spawned_task() {
    // Servers are reached from tasks on other threads: the loop's future
    // must be `Send` when the attempts' futures are.
    let address = clients_server(clients_config(1_000, Duration::from_secs(30))).await;
    let http = reqwest::Client::new();
    let policy = quick();
    let handle = tokio::spawn(async move {
        send_with_retry::<Value, ClientsError, _>(&policy, || {
            http.get(format!("http://{address}/v1/clients/cli_9"))
                .bearer_auth(KEY)
        })
        .await
    });
    assert!(matches!(
        handle.await.unwrap(),
        Err(ClientError::Api(ClientsError::NotFound { .. }, _))
    ));
}
