//! The client's decoder on responses libFuzzer makes up: whatever status,
//! headers and body bytes a server sends, decoding never panics, reads no
//! more than its bound, holds heap in proportion to the bound (not to the
//! body), gives the same answer whether the body comes whole or in chunks, and
//! never advises a wait past the retry policy's cap.
//!
//! An input reads like a response: the status on the first line, then
//! `name: value` header lines, an empty line, and the body:
//!
//! ```text
//! 503
//! retry-after: Wed, 21 Oct 2026 07:30:00 GMT
//! date: Wed, 21 Oct 2026 07:28:00 GMT
//!
//! {"error":{"code":"maintenance","message":"Back in 2 minutes: upgrade"}}
//! ```
//!
//! With the machine's stable toolchain (no sanitizer: the crate has no
//! unsafe code, and `-s none` needs no nightly), from the repository's root:
//!
//! ```text
//! cargo install cargo-fuzz
//! cargo fuzz run -s none decode fuzz/corpus/decode fuzz/seeds/decode -- -create_missing_dirs=1 -max_total_time=3600 -timeout=10
//! ```
//!
//! `fuzz/seeds/decode` holds the hand-written starting inputs (one of them a
//! message that took the old template matcher minutes); what the campaign
//! learns goes to `fuzz/corpus/decode` (not kept in git), and an input that
//! fails, or takes more than 10 s, to `fuzz/artifacts/decode/`, where
//! `cargo fuzz run -s none decode fuzz/artifacts/decode/<file>` replays it.
//! CI runs the same command for 20 seconds.

#![no_main]

use api_error::client::{
    ClientError, Decode, MalformedResponse, Reader, RetryPolicy, DEFAULT_MAX_ERROR_BODY,
};
use api_error::http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use api_error::{ApiError, FieldErrors};
use libfuzzer_sys::fuzz_target;
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// Keeps the live and the peak byte counts of the heap.
struct Metered;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(size: usize) {
    let live = LIVE.fetch_add(size, Ordering::Relaxed) + size;
    PEAK.fetch_max(live, Ordering::Relaxed);
}

// SAFETY: every call goes to the system allocator unchanged; the counters are
// atomics, which do not allocate.
unsafe impl GlobalAlloc for Metered {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            grew(layout.size());
        }
        ptr
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let ptr = unsafe { System.alloc_zeroed(layout) };
        if !ptr.is_null() {
            grew(layout.size());
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let new = unsafe { System.realloc(ptr, layout, new_size) };
        if !new.is_null() {
            grew(new_size);
            LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        }
        new
    }
}

#[global_allocator]
static ALLOCATOR: Metered = Metered;

/// The most heap `f` held at once beyond what was live before.
fn peak_growth<T>(f: impl FnOnce() -> T) -> (usize, T) {
    let before = LIVE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let value = f();
    (PEAK.load(Ordering::Relaxed).saturating_sub(before), value)
}

/// The bound of the fuzzed reader: small, so that inputs cross it often.
const LIMIT: usize = 1024;

/// Heap a decode may hold per byte of body it reads. A JSON value costs more
/// than its text (`[0,0,…]` is 32 bytes of `serde_json::Value` per 2 bytes of
/// text, and a growing `Vec` holds its old and new buffers at once), and the
/// decoded error copies what it keeps; what matters is that the factor is a
/// constant, so the bound on the body bounds the heap.
const HEAP_PER_BODY_BYTE: usize = 64;

/// Heap a decode may hold whatever the body: the parsed error's own fields,
/// the header values it copies, small buffers.
const HEAP_FIXED: usize = 16 * 1024;

#[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
struct Point {
    x: i64,
    label: String,
}

#[derive(Debug, PartialEq, ApiError)]
#[api(decode, doc_base = "https://docs.example.com/errors")]
enum Envelope {
    #[api(status = 404, code = "not_found", message = "{kind} {id} not found")]
    NotFound {
        #[api(extra)]
        kind: String,
        #[api(extra)]
        id: String,
    },
    #[api(status = 409, code = "duplicate", message = "{name} already exists")]
    Duplicate {
        #[api(field)]
        field: String,
        name: String,
        #[api(extra)]
        point: Point,
    },
    #[api(
        status = 422,
        code = "validation_error",
        message = "Request validation failed"
    )]
    Invalid(#[api(errors)] FieldErrors),
    #[api(status = 429, code = "slow_down", message = "Retry after {0} seconds")]
    Slow(#[api(retry_after)] u32),
    #[api(
        status = 503,
        code = "maintenance",
        message = "Back in {minutes} minutes: {reason}"
    )]
    Maintenance {
        #[api(retry_after)]
        wait: Option<Duration>,
        minutes: u16,
        #[api(extra)]
        reason: String,
        #[api(debug)]
        host: Option<String>,
    },
    #[api(status = 400, code = "path", message = "{a}/{b}/{c}/{d} is not a path")]
    Path {
        a: String,
        b: String,
        c: String,
        d: u8,
    },
    #[api(status = 400, code = "flags", message = "Bad flags")]
    Flags {
        #[api(extra)]
        on: bool,
        #[api(extra)]
        tags: Vec<String>,
        #[api(extra)]
        note: Option<String>,
    },
}

#[derive(Debug, PartialEq, ApiError)]
#[api(format = "flat", decode)]
enum Flat {
    #[api(
        status = 400,
        code = "missing",
        message = "body must have required property '{property}'"
    )]
    Missing { property: String },
    #[api(
        status = 403,
        code = "limit",
        message = "Customer limit reached. Your plan allows {limit} customers."
    )]
    Limit { limit: u64 },
    #[api(
        status = 429,
        code = "rate_limited",
        message = "Rate limit exceeded. Retry after {retry_after} seconds."
    )]
    RateLimited {
        #[api(retry_after)]
        retry_after: u64,
    },
}

#[derive(Debug, PartialEq, ApiError)]
#[api(format = "problem", decode)]
enum Problem {
    #[api(
        status = 402,
        code = "payment_required",
        message = "Card {last4} was declined"
    )]
    Declined {
        #[api(extra)]
        last4: String,
        #[api(field)]
        field: Option<String>,
    },
    #[api(transparent)]
    Auth(Auth),
}

#[derive(Debug, PartialEq, ApiError)]
#[api(decode)]
enum Auth {
    #[api(
        status = 401,
        code = "unauthorized",
        message = "Invalid API key provided"
    )]
    Unauthorized,
}

/// Status, headers and body of an input.
struct Response<'a> {
    status: StatusCode,
    headers: HeaderMap,
    body: &'a [u8],
}

fn response(data: &[u8]) -> Response<'_> {
    let (head, body) = match data.windows(2).position(|w| w == b"\n\n") {
        Some(at) => (&data[..at], &data[at + 2..]),
        None => (data, &[][..]),
    };
    let mut lines = head.split(|b| *b == b'\n');
    let code = lines
        .next()
        .and_then(|line| std::str::from_utf8(line).ok())
        .and_then(|line| line.trim().parse::<u16>().ok())
        .unwrap_or(500);
    // Any number a server can put on its status line: 100 to 999.
    let status = StatusCode::from_u16(code)
        .unwrap_or_else(|_| StatusCode::from_u16(100 + code % 900).expect("100..=999"));
    let mut headers = HeaderMap::new();
    for line in lines {
        let Some(colon) = line.iter().position(|b| *b == b':') else {
            continue;
        };
        let value = line[colon + 1..].trim_ascii();
        // Lines an HTTP client would have refused never reach the decoder.
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(line[..colon].trim_ascii()),
            HeaderValue::from_bytes(value),
        ) {
            headers.append(name, value);
        }
    }
    Response {
        status,
        headers,
        body,
    }
}

/// Decodes `response` as `E` whole and in chunks, and checks every promise.
fn check<E: Decode + ApiError + PartialEq + std::fmt::Debug>(response: &Response, chunk: usize) {
    let reader = Reader::with_max_error_body(LIMIT);
    let (growth, whole) =
        peak_growth(|| reader.decode::<E>(response.status, &response.headers, response.body));
    let read = response.body.len().min(LIMIT);
    let allowed = HEAP_PER_BODY_BYTE * read + HEAP_FIXED;
    assert!(
        growth <= allowed,
        "decoding {read} bytes of body held {growth} bytes of heap (allowed {allowed})"
    );
    raw_is_bounded(&whole);

    let mut body = reader.body(Some(response.body.len() as u64));
    for piece in response.body.chunks(chunk) {
        if !body.push(piece) {
            break;
        }
    }
    assert!(body.bytes().len() <= LIMIT);
    assert_eq!(body.is_over_limit(), response.body.len() > LIMIT);
    let chunked = body.decode::<E>(response.status, &response.headers);
    assert_eq!(whole, chunked);

    let policy = RetryPolicy::default();
    for attempt in 0..4 {
        if let Some(wait) = whole.retry_delay(&policy, attempt) {
            assert!(wait <= policy.max_retry_after, "{wait:?}");
        }
    }
    // Display previews the raw text; it must not panic on any of it.
    let _ = whole.to_string();
}

/// The text a decoded error keeps of the body is the body's first bytes, at
/// most: three bytes of replacement character for each invalid byte.
fn raw_is_bounded<E>(error: &ClientError<E>) {
    let raw = match error {
        ClientError::Unknown(body) => &body.raw,
        ClientError::Malformed(MalformedResponse { raw, .. }) => raw,
        _ => return,
    };
    assert!(raw.len() <= 3 * LIMIT, "{} bytes kept", raw.len());
}

fuzz_target!(|data: &[u8]| {
    let response = response(data);
    let chunk = 1 + data.len() % 257;
    check::<Envelope>(&response, chunk);
    check::<Flat>(&response, chunk);
    check::<Problem>(&response, chunk);
    // Under the default bound, the body of any input libFuzzer makes is
    // parsed whole.
    let (growth, _) = peak_growth(|| {
        api_error::client::decode::<Envelope>(response.status, &response.headers, response.body)
    });
    let read = response.body.len().min(DEFAULT_MAX_ERROR_BODY);
    assert!(growth <= HEAP_PER_BODY_BYTE * read + HEAP_FIXED);
});
