//! A shipping API whose gateway adds `Retry-After` to errors that have no
//! `retry_after` field of their own: the client keeps the header's wait with
//! every decoded error, in the envelope and the flat format, and the retry
//! loops wait what the server asked rather than their own defaults.

use api_error::axum::ApiErrorLayer;
use api_error::client::{from_response, retry, send_with_retry, ClientError, Decode, RetryPolicy};
use api_error::ApiError;
use axum::extract::{Path, Query, State};
use axum::http::header::{DATE, RETRY_AFTER};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::fmt::Debug;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The shipping API's errors, in the envelope format.
#[derive(Debug, PartialEq, ApiError)]
#[api(decode)]
enum ShippingError {
    #[api(
        status = 503,
        code = "carrier_unavailable",
        message = "The carrier is not answering"
    )]
    CarrierDown,

    #[api(
        status = 429,
        code = "label_quota_exceeded",
        message = "Label quota exceeded"
    )]
    QuotaExceeded,
}

/// The same errors in the flat format, which has no code: they decode by
/// status and message.
#[derive(Debug, PartialEq, ApiError)]
#[api(format = "flat", decode)]
enum ShippingFlatError {
    #[api(
        status = 503,
        code = "carrier_unavailable",
        message = "The carrier is not answering"
    )]
    CarrierDown,

    #[api(
        status = 429,
        code = "label_quota_exceeded",
        message = "Label quota exceeded"
    )]
    QuotaExceeded,
}

/// The response's own date, and the `Retry-After` date of `wait` seconds
/// after it.
const DATE_VALUE: &str = "Wed, 21 Oct 2026 07:28:00 GMT";

fn retry_after_date(wait: u64) -> String {
    let date = httpdate::parse_http_date(DATE_VALUE).unwrap();
    httpdate::fmt_http_date(date + Duration::from_secs(wait))
}

/// What a test asks the server to answer.
#[derive(Deserialize)]
struct Ask {
    /// `envelope` or `flat`.
    format: String,
    /// 503 or 429.
    status: u16,
    /// `typed` (a variant of the enums), `unknown` (a code no client
    /// knows) or `html` (a proxy's page).
    body: String,
    /// The `Retry-After` value: seconds, or `date:N` for an HTTP-date N
    /// seconds after the response's `Date`.
    retry_after: String,
    /// How many attempts fail before one succeeds.
    fail: usize,
}

/// When each shipment was asked for.
type Seen = Arc<Mutex<HashMap<String, Vec<Instant>>>>;

async fn shipment(
    State(seen): State<Seen>,
    Path(id): Path<String>,
    Query(ask): Query<Ask>,
) -> Response {
    let attempt = {
        let mut seen = seen.lock().unwrap();
        let times = seen.entry(id.clone()).or_default();
        times.push(Instant::now());
        times.len()
    };
    if attempt > ask.fail {
        return Json(json!({ "id": id })).into_response();
    }
    let status = StatusCode::from_u16(ask.status).unwrap();
    let mut response = match (ask.body.as_str(), ask.format.as_str(), ask.status) {
        ("typed", "envelope", 503) => ShippingError::CarrierDown.into_response(),
        ("typed", "envelope", _) => ShippingError::QuotaExceeded.into_response(),
        ("typed", _, 503) => ShippingFlatError::CarrierDown.into_response(),
        ("typed", _, _) => ShippingFlatError::QuotaExceeded.into_response(),
        ("unknown", "envelope", _) => (
            status,
            Json(json!({"error": {"code": "depot_closed", "message": "The depot is closed"}})),
        )
            .into_response(),
        ("unknown", _, _) => (
            status,
            Json(json!({"error": "Service Unavailable", "message": "The depot is closed"})),
        )
            .into_response(),
        _ => (status, "<html>Try later</html>").into_response(),
    };
    let headers = response.headers_mut();
    match ask.retry_after.strip_prefix("date:") {
        Some(wait) => {
            headers.insert(DATE, DATE_VALUE.parse().unwrap());
            let wait = wait.parse().unwrap();
            headers.insert(RETRY_AFTER, retry_after_date(wait).parse().unwrap());
        }
        None => {
            headers.insert(RETRY_AFTER, ask.retry_after.parse().unwrap());
        }
    }
    response
}

struct Server {
    base: String,
    seen: Seen,
}

impl Server {
    async fn start() -> Server {
        let seen = Seen::default();
        let router = Router::new()
            .route("/v1/shipments/{id}", get(shipment))
            .layer(ApiErrorLayer::new())
            // A proxy in front of the API answers on its own, in HTML.
            .route("/proxy/shipments/{id}", get(shipment))
            .with_state(seen.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
        Server { base, seen }
    }

    fn url(&self, id: &str, case: &Case, body: &str, retry_after: &str, fail: usize) -> String {
        let api = if body == "html" { "proxy" } else { "v1" };
        format!(
            "{}/{api}/shipments/{id}?format={}&status={}&body={body}&retry_after={retry_after}&fail={fail}",
            self.base, case.format, case.status
        )
    }

    /// The times between the attempts asking for `id`.
    fn gaps(&self, id: &str) -> Vec<Duration> {
        let seen = self.seen.lock().unwrap();
        seen[id]
            .windows(2)
            .map(|pair| pair[1].duration_since(pair[0]))
            .collect()
    }
}

/// A format and a status, and the code of the variant they answer with.
struct Case {
    format: &'static str,
    status: u16,
    code: &'static str,
}

const CASES: [Case; 4] = [
    Case {
        format: "envelope",
        status: 503,
        code: "carrier_unavailable",
    },
    Case {
        format: "envelope",
        status: 429,
        code: "label_quota_exceeded",
    },
    Case {
        format: "flat",
        status: 503,
        code: "carrier_unavailable",
    },
    Case {
        format: "flat",
        status: 429,
        code: "label_quota_exceeded",
    },
];

/// Both forms of a 7-second `Retry-After`.
const SEVEN: [&str; 2] = ["7", "date:7"];

fn secs(secs: u64) -> Duration {
    Duration::from_secs(secs)
}

async fn fetch<E: Decode + ApiError>(url: &str) -> ClientError<E> {
    let response = reqwest::get(url).await.unwrap();
    from_response::<Value, E>(response).await.unwrap_err()
}

/// The decoded error is the variant, and the header's wait is kept with it.
fn assert_typed<E: ApiError + Debug>(error: &ClientError<E>, case: &Case, url: &str) {
    match error {
        ClientError::Api(typed, wait) => {
            assert_eq!(typed.code(), case.code, "{url}");
            assert_eq!(typed.retry_after(), None, "the variant has no field for it");
            assert_eq!(*wait, Some(secs(7)), "{url}");
        }
        other => panic!("{url}: {other:?}"),
    }
}

/// What the server's wait means to the default policy: 30 s of its own for
/// a 429, 1 s of backoff for a 503, unless the server says otherwise.
fn assert_waits_seven<E: ApiError + Debug>(error: &ClientError<E>, url: &str) {
    assert_eq!(error.retry_after(), Some(secs(7)), "{url}: {error:?}");
    assert_eq!(
        error.retry_delay(&RetryPolicy::default(), 0),
        Some(secs(7)),
        "{url}"
    );
}

#[tokio::test]
async fn every_decoded_error_keeps_the_servers_retry_after() {
    let server = Server::start().await;
    for case in &CASES {
        for (n, retry_after) in SEVEN.iter().enumerate() {
            let id = format!("shp_{}_{}_{n}", case.format, case.status);
            let url = server.url(&id, case, "typed", retry_after, 1);
            if case.format == "envelope" {
                let error = fetch::<ShippingError>(&url).await;
                assert_typed(&error, case, &url);
                assert_waits_seven(&error, &url);
            } else {
                let error = fetch::<ShippingFlatError>(&url).await;
                assert_typed(&error, case, &url);
                assert_waits_seven(&error, &url);
            }

            // A body no variant matches, and a proxy's page, keep it too.
            for body in ["unknown", "html"] {
                let url = server.url(&format!("{id}_{body}"), case, body, retry_after, 1);
                let error = fetch::<ShippingError>(&url).await;
                match (&error, body) {
                    (ClientError::Unknown(_), "unknown") | (ClientError::Malformed(_), "html") => {}
                    other => panic!("{url}: {other:?}"),
                }
                assert_waits_seven(&error, &url);
            }
        }
    }
}

/// The guides' loop with a sleep that records its waits instead of
/// sleeping: what it got, and every wait it made.
async fn retried<E: Decode + ApiError + Debug>(
    http: &reqwest::Client,
    url: &str,
) -> (Result<Value, ClientError<E>>, Vec<Duration>) {
    let waits = Mutex::new(Vec::new());
    let result = retry(
        &RetryPolicy::default(),
        |wait| {
            waits.lock().unwrap().push(wait);
            std::future::ready(())
        },
        |_| {
            let request = http.get(url);
            async move {
                let response = request.send().await.map_err(ClientError::Transport)?;
                from_response::<Value, E>(response).await
            }
        },
    )
    .await;
    (result, waits.into_inner().unwrap())
}

#[tokio::test]
async fn the_retry_loop_waits_what_the_server_asked() {
    let server = Server::start().await;
    let http = reqwest::Client::new();
    for case in &CASES {
        for (n, retry_after) in SEVEN.iter().enumerate() {
            let id = format!("shp_{}_{}_{n}", case.format, case.status);
            let url = server.url(&id, case, "typed", retry_after, 1);
            let (shipment, waits) = if case.format == "envelope" {
                let (result, waits) = retried::<ShippingError>(&http, &url).await;
                (result.unwrap(), waits)
            } else {
                let (result, waits) = retried::<ShippingFlatError>(&http, &url).await;
                (result.unwrap(), waits)
            };
            assert_eq!(shipment["id"], id.as_str());
            assert_eq!(waits, [secs(7)], "{url}");
        }
    }
}

/// `send_with_retry` for real, in a task of its own; the id it fetched.
fn spawn_send<E: Decode + ApiError + Debug + Send + 'static>(
    tasks: &mut tokio::task::JoinSet<String>,
    http: reqwest::Client,
    policy: RetryPolicy,
    id: String,
    url: String,
) {
    tasks.spawn(async move {
        let shipment: Value = send_with_retry::<_, E, _>(&policy, || http.get(&url))
            .await
            .unwrap();
        assert_eq!(shipment["id"], id.as_str());
        id
    });
}

#[tokio::test]
async fn send_with_retry_waits_what_the_server_asked() {
    // This client's own waits are 3 s: a 503's first backoff and a 429's
    // default. The server asks for 1 s.
    let policy = RetryPolicy::default()
        .base_delay(secs(3))
        .default_retry_after(secs(3));
    let server = Server::start().await;
    let http = reqwest::Client::new();
    // All at once: about a second for the lot.
    let mut tasks = tokio::task::JoinSet::new();
    for case in &CASES {
        for (n, retry_after) in ["1", "date:1"].into_iter().enumerate() {
            let id = format!("shp_{}_{}_{n}", case.format, case.status);
            let url = server.url(&id, case, "typed", retry_after, 1);
            if case.format == "envelope" {
                spawn_send::<ShippingError>(&mut tasks, http.clone(), policy, id, url);
            } else {
                spawn_send::<ShippingFlatError>(&mut tasks, http.clone(), policy, id, url);
            }
        }
    }
    let ids = tasks.join_all().await;
    assert_eq!(ids.len(), 8);
    for id in ids {
        let gaps = server.gaps(&id);
        assert_eq!(gaps.len(), 1, "{id}: one failure, one retry");
        assert!(
            (secs(1)..Duration::from_millis(2_500)).contains(&gaps[0]),
            "{id}: waited {:?}, not the 1 s the server asked",
            gaps[0]
        );
    }
}

#[tokio::test]
async fn a_wait_over_the_cap_is_not_waited_for() {
    let server = Server::start().await;
    let http = reqwest::Client::new();
    for case in &CASES {
        let id = format!("shp_{}_{}_day", case.format, case.status);
        // A day: kept as the server said it, and over the 5-minute cap.
        let url = server.url(&id, case, "typed", "86400", 1);
        let (result, waits) = if case.format == "envelope" {
            let (result, waits) = retried::<ShippingError>(&http, &url).await;
            (result.unwrap_err().retry_after(), waits)
        } else {
            let (result, waits) = retried::<ShippingFlatError>(&http, &url).await;
            (result.unwrap_err().retry_after(), waits)
        };
        assert_eq!(result, Some(secs(86_400)), "{url}");
        assert!(waits.is_empty(), "{url}: {waits:?}");
        assert!(server.gaps(&id).is_empty(), "{url}: one attempt");
    }
}
