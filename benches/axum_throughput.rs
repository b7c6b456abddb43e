//! Requests per second of an axum error endpoint on loopback: the derived
//! `IntoResponse` against a hand-written one (`(status, Json(body))` with
//! `#[derive(Serialize)]` body structs), in one run.
//!
//! Each endpoint answers every request with an error; the requests cycle
//! through the four cases of the render benchmarks. A client of
//! `CONNECTIONS` concurrent connections sends requests for a fixed time
//! to each endpoint in turn, twice in alternating order, and every response's
//! status is checked. Server and client share the machine's cores.
//!
//! A second pair of endpoints answers a `POST` with a small JSON body by a
//! 401 before reading the body, as an authentication extractor does: with
//! `ApiErrorLayer`, which reads the rest of the body so the connection stays
//! open, and without it, where hyper closes the connection and the client
//! opens another. Their ratio is what keeping the connection costs or saves.
//!
//! ```text
//! cargo bench -p api-error-benches --bench axum_throughput
//! API_ERROR_BENCH_SECS=5 cargo bench -p api-error-benches --bench axum_throughput
//! ```

#[path = "common/errors.rs"]
mod errors;
#[path = "common/hand.rs"]
mod hand;

use api_error::axum::ApiErrorLayer;
use axum::extract::Path;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Concurrent connections of the client.
const CONNECTIONS: usize = 32;

/// The statuses of the cases, in order.
const STATUSES: [u16; 4] = [401, 404, 422, 500];

impl IntoResponse for hand::ClientError {
    fn into_response(self) -> Response {
        (self.status(), Json(self.envelope(None))).into_response()
    }
}

async fn derived(Path(case): Path<usize>) -> Result<&'static str, errors::ClientError> {
    Err(errors::error(case))
}

async fn by_hand(Path(case): Path<usize>) -> Result<&'static str, hand::ClientError> {
    Err(hand::error(case))
}

/// A 401 before the body is read.
async fn early() -> Result<&'static str, errors::ClientError> {
    Err(errors::error(0))
}

/// The body of the early rejections.
const BODY: &[u8] = br#"{"name":"Acme","email":"billing@acme.example"}"#;

/// What an endpoint is sent.
#[derive(Clone, Copy)]
enum Requests {
    /// `GET`s cycling through the four cases.
    Cases,
    /// `POST`s with [`BODY`], each answered 401.
    Early,
}

fn app() -> Router {
    Router::new()
        .route("/derive/{case}", get(derived))
        .route("/hand/{case}", get(by_hand))
        .route("/early", axum::routing::post(early))
        .nest(
            "/layer",
            Router::new()
                .route("/derive/{case}", get(derived))
                .route("/early", axum::routing::post(early))
                .layer(ApiErrorLayer::new()),
        )
}

/// Requests per second to `prefix` for `time`.
async fn load(
    client: &reqwest::Client,
    addr: SocketAddr,
    prefix: &'static str,
    requests: Requests,
    time: Duration,
) -> f64 {
    let done = Arc::new(AtomicU64::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let start = Instant::now();
    let tasks: Vec<_> = (0..CONNECTIONS)
        .map(|task| {
            let client = client.clone();
            let done = done.clone();
            let stop = stop.clone();
            let urls: Vec<String> = (0..STATUSES.len())
                .map(|case| format!("http://{addr}{prefix}/{case}"))
                .collect();
            tokio::spawn(async move {
                let mut case = task;
                while !stop.load(Ordering::Relaxed) {
                    let index = case % STATUSES.len();
                    let (request, status) = match requests {
                        Requests::Cases => (client.get(&urls[index]), STATUSES[index]),
                        Requests::Early => (
                            client
                                .post(format!("http://{addr}{prefix}"))
                                .header("content-type", "application/json")
                                .body(BODY),
                            401,
                        ),
                    };
                    let response = request.send().await.expect("request");
                    assert_eq!(response.status().as_u16(), status, "{prefix}");
                    let body = response.bytes().await.expect("body");
                    assert!(body.starts_with(b"{\"error\":{\"code\":"), "{prefix}");
                    done.fetch_add(1, Ordering::Relaxed);
                    case += 1;
                }
            })
        })
        .collect();
    tokio::time::sleep(time).await;
    stop.store(true, Ordering::Relaxed);
    let count = done.load(Ordering::Relaxed);
    let elapsed = start.elapsed();
    for task in tasks {
        task.await.expect("client task");
    }
    count as f64 / elapsed.as_secs_f64()
}

fn main() {
    // `cargo test --benches` runs each bench once as a test: check, don't load.
    let quick = std::env::args().any(|arg| arg == "--test");
    let secs: f64 = std::env::var("API_ERROR_BENCH_SECS")
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(3.0);
    let time = Duration::from_secs_f64(if quick { 0.05 } else { secs });

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("address");
        let server = tokio::spawn(async move { axum::serve(listener, app()).await });
        let client = reqwest::Client::builder()
            .pool_max_idle_per_host(CONNECTIONS)
            .build()
            .expect("client");

        let endpoints = [
            ("derive", "/derive", Requests::Cases),
            ("hand-written", "/hand", Requests::Cases),
            ("derive + ApiErrorLayer", "/layer/derive", Requests::Cases),
            ("early 401", "/early", Requests::Early),
            ("early 401 + ApiErrorLayer", "/layer/early", Requests::Early),
        ];
        // Warm up the connections and every code path.
        for (_, prefix, requests) in endpoints {
            load(&client, addr, prefix, requests, time / 4).await;
        }
        let mut rates = [0.0; 5];
        for round in 0..2 {
            let mut order: Vec<usize> = (0..endpoints.len()).collect();
            if round == 1 {
                order.reverse();
            }
            for index in order {
                let (_, prefix, requests) = endpoints[index];
                rates[index] += load(&client, addr, prefix, requests, time).await / 2.0;
            }
        }
        server.abort();

        println!(
            "{CONNECTIONS} connections on loopback, {} s per endpoint and round, 2 rounds:",
            time.as_secs_f64()
        );
        for (index, ((name, _, _), rate)) in endpoints.iter().zip(rates).enumerate() {
            let (base, base_name) = if index < 3 {
                (rates[1], "the hand-written")
            } else {
                (rates[3], "without the layer")
            };
            println!(
                "  {name:<26} {rate:>9.0} requests/s   {:.2}x {base_name}",
                rate / base
            );
        }
    });
}
