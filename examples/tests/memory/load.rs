//! A bounded load test of the clients API example server on loopback: many
//! concurrent requests to its error endpoints, in rounds of a fixed number of
//! requests and a time limit. Every response must have the expected status,
//! headers and exact body, and the memory the process holds must not grow
//! from round to round.
//!
//! Longer: `API_ERROR_LOAD_REQUESTS=400 cargo test --release -p api-error-examples --test memory load::`
//! (requests per task and round).

use crate::clients_api::app;
use crate::{measured_on, LIVE};
use api_error::Mode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Resident memory of the process, from `/proc/self/statm`: a coarse check
/// beside the counting allocator's exact one, where Linux tells it.
#[cfg(target_os = "linux")]
pub(crate) fn rss_bytes() -> u64 {
    let statm = std::fs::read_to_string("/proc/self/statm").expect("/proc/self/statm");
    let pages: u64 = statm
        .split_whitespace()
        .nth(1)
        .and_then(|pages| pages.parse().ok())
        .expect("resident pages in /proc/self/statm");
    pages * 4096
}

#[cfg(not(target_os = "linux"))]
pub(crate) fn rss_bytes() -> u64 {
    0
}

/// Heap bytes the process may keep per request after warm-up: less than one
/// small allocation, so that any allocation kept per request fails.
const KEPT_PER_REQUEST: u64 = 8;

const TASKS: usize = 32;
const ROUNDS: usize = 5;
/// Requests per task and round when `API_ERROR_LOAD_REQUESTS` is unset.
const REQUESTS: usize = 100;
/// A round stops at this limit even if it has not sent all its requests.
const ROUND_LIMIT: Duration = Duration::from_secs(4);
/// One request that takes longer than this is a failure.
const REQUEST_LIMIT: Duration = Duration::from_secs(10);

/// The error endpoints, one per kind of body.
#[derive(Clone, Copy, Debug)]
enum Kind {
    /// 401, a constant body.
    Unauthorized,
    /// 404 with two extras.
    NotFound,
    /// 422 with an `errors` list.
    Validation,
    /// 500, the request id sent by the client in the body.
    InternalWithId,
    /// 500, a generated request id in the body.
    Internal,
    /// 500 with the debug block of test mode.
    InternalDebug,
}

const KINDS: [Kind; 6] = [
    Kind::Unauthorized,
    Kind::NotFound,
    Kind::Validation,
    Kind::InternalWithId,
    Kind::Internal,
    Kind::InternalDebug,
];

const SOURCE_CHAIN: &str = r#"["exporting 0 clients to /nonexistent/exports/clients.json","No such file or directory (os error 2)"]"#;

/// Sends one request of `kind` and checks its answer; the error says what
/// was wrong.
async fn exchange(http: &reqwest::Client, base: &str, kind: Kind, tag: &str) -> Result<(), String> {
    let key = format!("Bearer {}", app::FULL_ACCESS_KEY);
    let (request, status, body) = match kind {
        Kind::Unauthorized => (
            http.get(format!("{base}/v1/clients/cli_{tag}")),
            401,
            Some(r#"{"error":{"code":"unauthorized","message":"Invalid API key provided"}}"#.to_owned()),
        ),
        Kind::NotFound => (
            http.get(format!("{base}/v1/clients/cli_{tag}"))
                .header("authorization", &key),
            404,
            Some(format!(
                r#"{{"error":{{"code":"not_found","message":"Client not found","resource":"client","id":"cli_{tag}"}}}}"#
            )),
        ),
        Kind::Validation => (
            http.post(format!("{base}/v1/clients"))
                .header("authorization", &key)
                .header("content-type", "application/json")
                .body(format!(r#"{{"email":"ada-{tag}","rate":-5}}"#)),
            422,
            Some(r#"{"error":{"code":"validation_error","message":"Request validation failed","errors":[{"field":"email","message":"Invalid email format"},{"field":"rate","message":"Must be positive"}]}}"#.to_owned()),
        ),
        Kind::InternalWithId => (
            http.post(format!("{base}/v1/exports"))
                .header("authorization", &key)
                .header("x-request-id", format!("load-{tag}")),
            500,
            Some(format!(
                r#"{{"error":{{"code":"internal_error","message":"An unexpected error occurred","request_id":"load-{tag}"}}}}"#
            )),
        ),
        // The generated id is known only from the response.
        Kind::Internal | Kind::InternalDebug => {
            let query = if matches!(kind, Kind::InternalDebug) {
                "?debug=true"
            } else {
                ""
            };
            (
                http.post(format!("{base}/v1/exports{query}"))
                    .header("authorization", &key),
                500,
                None,
            )
        }
    };
    let response = tokio::time::timeout(REQUEST_LIMIT, request.send())
        .await
        .map_err(|_| format!("{kind:?}: no answer within {REQUEST_LIMIT:?}"))?
        .map_err(|e| format!("{kind:?}: {e}"))?;
    let got_status = response.status().as_u16();
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let content_type = header("content-type");
    let request_id = header("x-request-id").ok_or(format!("{kind:?}: no X-Request-Id"))?;
    let text = response
        .text()
        .await
        .map_err(|e| format!("{kind:?}: reading the body: {e}"))?;
    if got_status != status {
        return Err(format!("{kind:?}: status {got_status}, body {text}"));
    }
    if content_type.as_deref() != Some("application/json") {
        return Err(format!("{kind:?}: content type {content_type:?}"));
    }
    let expected = match (kind, body) {
        (_, Some(body)) => body,
        (Kind::InternalDebug, None) => format!(
            r#"{{"error":{{"code":"internal_error","message":"An unexpected error occurred","request_id":"{request_id}","debug":{{"source_chain":{SOURCE_CHAIN}}}}}}}"#
        ),
        (_, None) => format!(
            r#"{{"error":{{"code":"internal_error","message":"An unexpected error occurred","request_id":"{request_id}"}}}}"#
        ),
    };
    if text != expected {
        return Err(format!("{kind:?}: body {text}, expected {expected}"));
    }
    match kind {
        Kind::InternalWithId if request_id != format!("load-{tag}") => {
            Err(format!("{kind:?}: X-Request-Id {request_id}"))
        }
        Kind::Internal | Kind::InternalDebug
            if !(request_id.starts_with("req_") && request_id.len() == 20) =>
        {
            Err(format!("{kind:?}: generated X-Request-Id {request_id}"))
        }
        _ => Ok(()),
    }
}

/// What one round did.
struct Round {
    requests: u64,
    failures: Vec<String>,
    elapsed: Duration,
}

async fn round(http: &reqwest::Client, base: &Arc<str>, number: usize, per_task: usize) -> Round {
    let start = Instant::now();
    let deadline = start + ROUND_LIMIT;
    let sent = Arc::new(AtomicU64::new(0));
    let tasks = (0..TASKS)
        .map(|task| {
            let (http, base, sent) = (http.clone(), base.clone(), sent.clone());
            tokio::spawn(async move {
                let mut failures = Vec::new();
                for n in 0..per_task {
                    if Instant::now() >= deadline {
                        break;
                    }
                    let kind = KINDS[(task + n) % KINDS.len()];
                    let tag = format!("{number}_{task}_{n}");
                    if let Err(why) = exchange(&http, &base, kind, &tag).await {
                        failures.push(why);
                    }
                    sent.fetch_add(1, Ordering::Relaxed);
                }
                failures
            })
        })
        .collect::<Vec<_>>();
    let mut failures = Vec::new();
    for task in tasks {
        match task.await {
            Ok(found) => failures.extend(found),
            Err(e) => failures.push(format!("a client task failed: {e}")),
        }
    }
    Round {
        requests: sent.load(Ordering::Relaxed),
        failures,
        elapsed: start.elapsed(),
    }
}

#[test]
fn error_endpoints_under_load() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    measured_on(runtime, under_load());
}

async fn under_load() {
    let per_task = std::env::var("API_ERROR_LOAD_REQUESTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(REQUESTS);
    let router = app::app(app::Config {
        mode: Mode::Test,
        rate_limit: u32::MAX,
        export_dir: "/nonexistent/exports".into(),
        ..app::Config::default()
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base: Arc<str> = format!("http://{}", listener.local_addr().unwrap()).into();
    let server = tokio::spawn(async move { axum::serve(listener, router).await });
    let http = reqwest::Client::new();

    let mut live = Vec::new();
    let mut rss = Vec::new();
    let mut total = 0;
    let mut sent = Vec::new();
    for number in 0..ROUNDS {
        let round = round(&http, &base, number, per_task).await;
        // Let connections settle before measuring.
        tokio::time::sleep(Duration::from_millis(100)).await;
        live.push(LIVE.load(Ordering::Relaxed));
        rss.push(rss_bytes());
        println!(
            "round {number}: {} requests in {:.2?} ({:.0}/s), {} live bytes, {} KiB resident",
            round.requests,
            round.elapsed,
            round.requests as f64 / round.elapsed.as_secs_f64(),
            live[number],
            rss[number] / 1024,
        );
        assert!(
            round.failures.is_empty(),
            "round {number}: {} of {} requests failed; first: {}",
            round.failures.len(),
            round.requests,
            round.failures[0]
        );
        // Load, not a trickle: a round that sent less than a third of its
        // requests in its time says the server stalled.
        let floor = (TASKS * per_task / 3) as u64;
        assert!(
            round.requests >= floor,
            "round {number} sent {} requests, fewer than {floor}",
            round.requests
        );
        total += round.requests;
        sent.push(round.requests);
    }
    server.abort();

    // Round 2 is past the warm-up (connection pools, lazy statics); later
    // rounds send as many requests again and must not keep more memory.
    let (warm, last) = (live[2] as u64, live[ROUNDS - 1] as u64);
    let after_warm: u64 = sent[3..].iter().sum();
    let kept = last.saturating_sub(warm);
    assert!(
        kept < KEPT_PER_REQUEST * after_warm,
        "live bytes grew from {warm} after round 2 to {last} after round {}: {kept} bytes kept over {after_warm} requests, {KEPT_PER_REQUEST} allowed per request",
        ROUNDS - 1
    );
    // Resident memory moves by whole pages and allocator arenas: within
    // 4 MiB, where Linux reports it.
    let (warm, last) = (rss[2], rss[ROUNDS - 1]);
    assert!(
        cfg!(not(target_os = "linux")) || last.saturating_sub(warm) < 4 << 20,
        "resident memory grew from {warm} to {last} bytes"
    );
    println!("{total} requests, no failure");
}
